"""Games: player stats, leaderboards, lobbies, stores, tournaments, dice and chess."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
    Date,
    Enum,
    Field,
    Int,
    ListOf,
    Num,
    Obj,
    ObjList,
    P,
    Pick,
    Val,
    chain,
    fn,
)
from itool.data.generate.values import LANGUAGE, distinct_numbers, ident, money

TITLES = ("Starfall Arena", "Kingdoms of Ash", "Velocity Rush", "Deep Space Miners", "Lantern Knights", "Harbor Tycoon", "Frostline Tactics", "Neon Drift", "Crown & Castle", "Echo Protocol", "Wildwood Farm", "Iron Orbit")
GAMERTAG_PARTS = (("Shadow", "Pixel", "Quiet", "Turbo", "Lunar", "Rogue", "Frost", "Crimson", "Silent", "Atomic", "Mellow", "Hyper"), ("Fox", "Ninja", "Storm", "Wizard", "Falcon", "Panda", "Viper", "Comet", "Badger", "Otter", "Golem", "Raven"))
REGION = Enum("na|eu|asia|oce|sa", {"na": "North America|NA", "eu": "Europe|EU", "asia": "Asia", "oce": "Oceania|OCE", "sa": "South America"})
MODE = Enum("solo|duo|squad|ranked|time_trial", {"time_trial": "time trial"})
PLATFORMS = Enum("pc|playstation|xbox|switch|mobile", {"pc": "PC", "playstation": "PlayStation|PS5", "xbox": "Xbox", "switch": "Switch", "mobile": "mobile"})
CHESS = {  # position -> (best move, evaluation from White's side)
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1": ("e4", "+0.3"),
    "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq e3 0 1": ("c5", "+0.3"),
    "rnbqkbnr/pppp1ppp/8/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R b KQkq - 1 2": ("Nc6", "+0.3"),
    "rnbqkbnr/ppp1pppp/8/3p4/2PP4/8/PP2PPPP/RNBQKBNR b KQkq c3 0 2": ("e6", "+0.2"),
    "8/8/8/4k3/8/8/3QK3/8 w - - 0 1": ("Qd4+", "mate in 9"),
    "8/5k2/8/8/8/8/R4K2/8 w - - 0 1": ("Ke3", "mate in 15"),
}


def _gamertag(rng):
    """Gamertags are case-sensitive and copied exactly: "ShadowFox92", "quietstorm_7"."""
    a, b = rng.choice(GAMERTAG_PARTS[0]), rng.choice(GAMERTAG_PARTS[1])
    value = rng.choice((f"{a}{b}{rng.randint(1, 99)}", f"{a.lower()}{b.lower()}_{rng.randint(1, 9)}", f"{a}{b}", f"x{a}{b}x"))
    return Val(value, value)


LOW_DAY = Date("2024-01-01", "2025-06-30")
GAMERTAG = Custom({"type": "string"}, _gamertag)
GAMERTAG_P = P("gamertag", "Player's gamertag, exactly as written (case-sensitive).", GAMERTAG, "for {}|of {}", ask="What's the gamertag?")
GAME_P = P("game", "Game title.", Pick(TITLES), "in {}|for {}", ask="Which game?")


def _stats(rng, a):
    matches = rng.randint(20, 3000)
    return {"gamertag": a["gamertag"], "game": a["game"], "matches": matches, "wins": rng.randint(1, matches // 2), "kd_ratio": round(rng.uniform(0.4, 3.2), 2), "hours_played": rng.randint(10, 2500)}


def _catalog(rng, a):
    prices = distinct_numbers(rng, 3, 5, 70, 1)
    return {"games": [{"game_id": ident(rng, "GM-#####"), "title": t, "price": p - 0.01, "rating": round(rng.uniform(3.0, 4.9), 1)} for t, p in zip(rng.sample(TITLES, 3), prices, strict=True)]}


def _leaderboard(rng, a):
    scores = sorted(distinct_numbers(rng, 3, 1200, 9800, 5), reverse=True)
    return {"game": a["game"], "mode": a["mode"].replace("_", " "), "entries": [{"rank": i + 1, "gamertag": _gamertag(rng).value, "score": s} for i, s in enumerate(scores)]}


def _rolls(rng, a):
    rolls = [rng.randint(1, a["sides"]) for _ in range(a["count"])]
    return {"rolls": rolls, "modifier": a.get("modifier", 0), "total": sum(rolls) + a.get("modifier", 0)}


def _price_history(rng, a):
    now = rng.randrange(20, 70)
    return {"title": a["title"], "current_price": now - 0.01, "lowest_price": round(now * rng.choice((0.25, 0.4, 0.5, 0.6))) - 0.01, "lowest_on": LOW_DAY(rng).value}


def _achievements(rng, a):
    unlocked = rng.randint(0, 60)
    return {"gamertag": a["gamertag"], "game": a["game"], "unlocked": unlocked, "total": unlocked + rng.randint(0, 40)}


def _teammates(rng, a):
    return {"game": a["game"], "players": [{"gamertag": _gamertag(rng).value, "rank": a["rank"], "hours_played": h} for h in sorted(distinct_numbers(rng, 3, 30, 2000, 10), reverse=True)]}


FUNCTIONS = [
    fn("getGamerStats", "A player's career statistics in a game: matches, wins, kill/death ratio and hours played.",
       [GAMERTAG_P, GAME_P, P("platform", "Platform the player uses.", PLATFORMS, "on {}").opt()],
       "look up a player's game stats|check someone's gaming record",
       "Show {gamertag}'s stats in {game}{+}.|How good is {gamertag} at {game}{+}?|What's the K/D of {gamertag} in {game}{+}?",
       returns=_stats, answer="{gamertag} has played {matches} matches of {game}, won {wins}, with a K/D of {kd_ratio} over {hours_played} hours."),
    fn("games.search_catalog", "Search a game store's catalogue by genre, platform, price and rating. Returns game ids, titles, prices and ratings.",
       [P("genre", "Game genre.", Enum("action|rpg|strategy|puzzle|racing|simulation|shooter|platformer", {"rpg": "RPG|role-playing"}), "for {} games|in the {} genre", ask="Which genre?"),
        P("platforms", "Platforms the game must run on.", ListOf(PLATFORMS, 1, 2, conj="or"), "for {}|on {}").opt(),
        P("max_price", "Highest price in USD.", money(5, 70, step=5), "under {}|for at most {}").opt(),
        P("min_rating", "Lowest average user rating, 1-5.", Num(3, 4.5, 0.5, words_p=0.1), "rated at least {}|with {} stars or more").opt(),
        P("multiplayer", "Only games with online multiplayer.", Bool("with online multiplayer|that I can play online with friends", "single-player|without multiplayer"), "{}").opt()],
       "search a game store|find a game to buy",
       "Find {genre} games{+}.|Any good {genre} games{+}?|Show me {genre} titles{+}.",
       returns=_catalog, answer="{games[0][title]} costs ${games[0][price]} (rated {games[0][rating]}); {games[1][title]} and {games[2][title]} also match."),
    fn("add_game_to_wishlist", "Add a store game to the user's wishlist, optionally with a price alert.",
       [P("game_id", "Store identifier of the game, e.g. GM-20417.", Code("GM-#####"), "with ID {}|for game {}", "game ID", "Which game (its store ID)?"),
        P("notify_on_sale", "Whether to be notified when it goes on sale.", Bool("with a sale alert|with a note when it's on sale", "without sale alerts"), "{}").opt(True),
        P("target_price", "Notify only below this price in USD.", money(5, 60, step=5), "if it drops below {}|once it's under {}").opt()],
       "add a game to a wishlist|wishlist a game",
       "Wishlist {game_id}{+}.|Add {game_id} to my wishlist{+}.|Put game {game_id} on my wishlist{+}."),
    fn("Leaderboard Lookup", "Top players of a game mode, optionally in one region. Returns ranks, gamertags and scores.",
       [GAME_P, P("mode", "Game mode.", MODE, "in {} mode|for {}", ask="Which mode?"), P("region", "Server region.", REGION, "in {}|on {} servers").opt(),
        P("top", "How many places to show.", Int(3, 100), "showing the top {}|for the top {}").opt(10)],
       "check a leaderboard|see who's top in a game",
       "Who's leading {game} in {mode} mode{+}?|Show the {mode} leaderboard for {game}{+}.|Top {mode} players in {game}{+}?",
       returns=_leaderboard, answer="{entries[0][gamertag]} leads {game} {mode} with {entries[0][score]} points, ahead of {entries[1][gamertag]} ({entries[1][score]})."),
    fn("createLobby", "Create a multiplayer lobby that friends can join.",
       [GAME_P, P("mode", "Game mode.", MODE, "in {} mode|for {}", ask="Which mode?"),
        P("max_players", "Player limit.", Int(2, 16), "for {} players|with room for {} players", "player limit", "How many players max?"),
        P("private", "Whether the lobby is invite-only.", Bool("invite-only|private", "open to anyone|public"), "{}|making it {}").opt(False),
        P("region", "Server region.", REGION, "in {}|on {} servers").opt()],
       "create a game lobby|set up a multiplayer match",
       "Create a {game} lobby for {max_players} players in {mode} mode{+}.|Set up a {mode} match of {game} for {max_players} players{+}.|Open a lobby in {game}: {mode}, {max_players} players{+}."),
    fn("invite_to_party", "Invite players to the user's party by gamertag.",
       [P("party_id", "Party identifier, e.g. PTY-5521.", Code("PTY-####"), "to party {}", "party ID", "Which party (its ID)?"),
        P("gamertags", "Gamertags to invite.", ListOf(GAMERTAG, 1, 3), "inviting {}", ask="Who should I invite (gamertags)?")],
       "invite players to a party|send party invites",
       "Invite {gamertags} to party {party_id}.|Add {gamertags} to {party_id}.|Send party invites for {party_id} to {gamertags}."),
    fn("roll_dice", "Roll dice with a chosen number of sides and add an optional modifier. Returns each roll and the total.",
       [P("count", "Number of dice.", Int(2, 10, words_p=0.5), "totalling {} dice|with {} dice in all", "number of dice", "How many dice?"),
        P("sides", "Sides per die.", Enum((4, 6, 8, 10, 12, 20), {4: "d4|four-sided", 6: "d6|six-sided", 8: "d8|eight-sided", 10: "d10|ten-sided", 12: "d12|twelve-sided", 20: "d20|twenty-sided"}), "using {} dice|with {} dice", "kind of dice", "How many sides should the dice have?"),
        P("modifier", "Number added to the total.", Int(1, 6, words_p=0.3), "plus {}|adding {}").opt(0)],
       "roll some dice|make a dice roll",
       "Roll {count} {sides} dice{+}.|Throw {count} {sides} dice{+} for me.|I need {count} {sides} dice rolled{+}.",
       returns=_rolls, answer="You rolled {rolls} for a total of {total}.|The dice show {rolls}; with the modifier of {modifier} that makes {total}."),
    fn("games.price_history", "Lowest and current price of a game at a store over recent months.",
       [P("title", "Game title.", Pick(TITLES), "for {}|of {}", "game title", "Which game?"), P("store", "Store.", Enum("steam|playstation_store|xbox_store|eshop|epic", {"steam": "Steam", "playstation_store": "the PlayStation Store", "xbox_store": "the Xbox Store", "eshop": "the eShop", "epic": "Epic"}), "on {}|at {}").opt("steam"),
        P("months", "How many months back.", Int(1, 24), "over the last {} months|for the past {} months").opt(12)],
       "check a game's price history|see if a game is cheap right now",
       "Has {title} ever been cheaper{+}?|Show the price history of {title}{+}.|What's the lowest {title} has sold for{+}?",
       returns=_price_history,
       answer="{title} costs ${current_price} now; its lowest price was ${lowest_price} on {lowest_on}."),
    fn("Tournament Registration", "Register a team for a tournament with its players and their roles.",
       [P("tournament_id", "Tournament identifier, e.g. TRN-3302.", Code("TRN-####"), "for tournament {}|in {}", "tournament ID", "Which tournament (its ID)?"),
        P("team_name", "Team name.", Pick(("Night Owls", "Team Comet", "Null Pointers", "The Underdogs", "Red Harbor", "Glass Cannons"), quote=0.5), "as {}|under the name {}", "team name", "What's the team called?", axis=False),
        P("players", "Roster: gamertag and role of each player.", ObjList(Obj([Field("gamertag", "Player's gamertag.", GAMERTAG), Field("role", "Role in the team.", Enum("entry|support|flex|substitute"), "as {}")], sep=" "), 2, 4), "with {}|with players {}", "roster", "Who is on the roster (gamertags and roles)?")],
       "register a team for a tournament|sign up for a tournament",
       "Register {team_name} for {tournament_id} with {players}.|Sign team {team_name} up for tournament {tournament_id}: {players}."),
    fn("getAchievementProgress", "How many of a game's achievements a player has unlocked.",
       [GAMERTAG_P, GAME_P],
       "check achievement progress|see how many achievements someone has",
       "How many achievements has {gamertag} unlocked in {game}?|What's {gamertag}'s achievement progress in {game}?|Check {game} achievements for {gamertag}.",
       returns=_achievements,
       answer="{gamertag} has unlocked {unlocked} of {total} achievements in {game}."),
    fn("check_game_server_status", "Whether a game's online servers are up, degraded or down, per region.",
       [GAME_P, P("region", "Only this region.", REGION, "in {}|for {}").opt()],
       "check if game servers are down|see a game's server status",
       "Are the {game} servers down{+}?|Is {game} online right now{+}?|Server status for {game}{+}?",
       returns=lambda rng, a: {"game": a["game"], "status": rng.choice(("operational", "operational", "degraded", "down")), "players_online": rng.randrange(1000, 900000, 100)},
       answer="{game} servers are {status}, with {players_online} players online."),
    fn("games.update_settings", "Change a player's saved graphics settings for a game.",
       [GAME_P, P("graphics", "Graphics settings to apply.", Obj([Field("resolution", "Render resolution.", Enum("1280x720|1920x1080|2560x1440|3840x2160", {"1920x1080": "1080p|1920x1080", "2560x1440": "1440p|2560x1440", "3840x2160": "4K|3840x2160", "1280x720": "720p|1280x720"}), "{}"), Field("fps_cap", "Frame-rate limit.", Enum((30, 60, 120, 144, 240)), "capped at {} fps"), Field("vsync", "Vertical sync.", Bool("with vsync", "vsync off"), p=0.5)], sep=", "), "to {}|with {}", "graphics settings", "Which resolution and frame-rate cap?"),
        P("mouse_sensitivity", "Mouse sensitivity multiplier.", Num(0.5, 3, 0.25, words_p=0.2), "and mouse sensitivity {}|with sensitivity {}").opt()],
       "change a game's graphics settings|update game settings",
       "Set {game} to {graphics}{+}.|Change my {game} graphics: {graphics}{+}.|Update {game} settings to {graphics}{+}."),
    fn("find_teammates", "Find players looking for a group in a game, matched by rank, language and voice chat.",
       [GAME_P, P("rank", "Skill rank.", Enum("bronze|silver|gold|platinum|diamond")), P("language", "Preferred language.", LANGUAGE, "who speak {}|speaking {}").opt(),
        P("voice_chat", "Only players who use voice chat.", Bool("with a mic|who use voice chat", "no voice chat needed|text chat only"), "{}").opt()],
       "find teammates|look for people to play with",
       "Find {rank} players for {game}{+}.|I need {rank} teammates in {game}{+}.|Looking for {game} players at {rank} rank{+}.",
       returns=_teammates, answer="{players[0][gamertag]} ({players[0][hours_played]} hours) is looking for a {rank} group in {game}, as are {players[1][gamertag]} and {players[2][gamertag]}."),
    fn("send_friend_request", "Send a friend request to a player, with an optional note.",
       [GAMERTAG_P.as_("gamertag", say="to {}"), P("note", "Short note shown with the request.", Pick(("GG last match!", "Want to squad up?", "Saw you on the leaderboard", "Let's team up this weekend"), quote=0.8), "saying {}|with the note {}").opt()],
       "send a friend request|add someone as a friend",
       "Send a friend request to {gamertag}{+}.|Add {gamertag} as a friend{+}.|Friend {gamertag}{+}."),
    fn("analyze_chess_position", "Analyse a chess position given in FEN and return the engine's best move and evaluation.",
       [P("fen", "Position in Forsyth-Edwards Notation.", Pick(tuple(CHESS), quote=0.7), "{}", "position (FEN)", "What's the position, in FEN?"),
        P("depth", "Search depth in plies.", Int(10, 30, 2, words_p=0.0), "at depth {}|searching {} plies deep").opt(20)],
       "analyse a chess position|find the best chess move",
       "What's the best move in {fen}{+}?|Analyse this position{+}: {fen}|Evaluate {fen}{+}.",
       returns=lambda rng, a: {"best_move": CHESS[a["fen"]][0], "evaluation": CHESS[a["fen"]][1], "depth": a.get("depth", 20)},
       answer="The best move is {best_move} (evaluation {evaluation} at depth {depth})."),
]

CHAINS = [
    chain("games.search_catalog", "add_game_to_wishlist", {"game_id": lambda res: max(res["games"], key=lambda g: g["rating"])["game_id"]},
          "Find {genre} games and add the best-rated one to my wishlist.|Search the store for {genre} games, then wishlist whichever has the highest rating."),
    chain("Leaderboard Lookup", "getGamerStats", {"gamertag": lambda res: res["entries"][0]["gamertag"]},
          "Show the {mode} leaderboard for {game} and get the career stats of the number one player.|Who's top of {game} in {mode} mode? Pull up their stats."),
    chain("find_teammates", "send_friend_request", {"gamertag": lambda res: max(res["players"], key=lambda p: p["hours_played"])["gamertag"]},
          "Find {rank} players for {game} and send a friend request to the one with the most hours.|Look for {rank} teammates in {game}, then friend whoever has played longest."),
]
