"""Sports: scores, standings, players, fixtures, bookings, training."""
# ruff: noqa: E501

from random import Random

from itool.data.generate.dsl import Bool, Code, Enum, Follows, Int, ListOf, P, Pick, Val, chain, fn
from itool.data.generate.values import CITY, DATE, TIME, ident, kilometres

TEAMS = ("Lisbon Lions", "Porto Mariners", "Madrid Comets", "Berlin Bears", "Milan Falcons", "Paris Royals", "London Foxes", "Boston Harbor FC", "Chicago Wind", "Tokyo Thunder", "Sydney Surf", "Toronto Pines")
PLAYERS = ("Mateo Rossi", "Kwame Mensah", "Jonas Berg", "Diego Castro", "Yuki Sato", "Lucas Moreau", "Omar Haddad", "Sven Lindqvist", "Arjun Iyer", "Hugo Costa")
LEAGUES = Enum("premier_league|la_liga|serie_a|bundesliga|nba|nfl|mlb|nhl|mls", {"premier_league": "Premier League", "la_liga": "La Liga", "serie_a": "Serie A", "bundesliga": "Bundesliga", "nba": "NBA", "nfl": "NFL", "mlb": "MLB", "nhl": "NHL", "mls": "MLS"})
TEAM = P("team", "Team name.", Pick(TEAMS), "for {}", ask="Which team?")
SEASON = P("season", "Season, e.g. 2024-25 or 2024.", Pick(("2021-22", "2022-23", "2023-24", "2024-25", "2025-26")), "in {}|for the {} season")


def _finish_time(rng: Random, distance_km: int) -> Val:
    """A plausible target time for a distance (4-8 minutes per km, to 5 minutes),
    in seconds, said "3:45:00", "3 hours 45 minutes" or "50 minutes"."""
    total_minutes = max(15, round(distance_km * rng.uniform(4, 8) / 5) * 5)
    h, m = divmod(total_minutes, 60)
    forms = [f"{h}:{m:02d}:00"]
    if h:
        hours = f"{h} hour" + ("s" if h > 1 else "")
        forms.append(f"{hours} {m} minutes" if m else hours)
    else:
        forms.append(f"{m} minutes")
    return Val(total_minutes * 60, rng.choice(forms))


def _fixtures(rng, a):
    return {"team": a["team"], "matches": [{"match_id": ident(rng, "M-######"), "opponent": o, "date": f"2025-{mo:02d}-{rng.randint(10, 28)}"} for o, mo in zip(rng.sample([t for t in TEAMS if t != a["team"]], 3), sorted(rng.sample(range(1, 13), 3)), strict=True)]}


FUNCTIONS = [
    fn("live_score", "Current score and match clock of a team's game in progress.",
       [TEAM, P("sport", "Sport.", Enum("football|basketball|baseball|hockey|rugby"), "in {}|({})").opt()],
       "get a live score|check the score of a game",
       "What's the score in the {team} game?|How are {team} doing right now{+}?|Live score for {team}{+}.",
       returns=lambda rng, a: {"team": a["team"], "score": f"{rng.randint(0, 4)}-{rng.randint(0, 4)}", "minute": rng.randint(1, 90)},
       answer="{team} are at {score} in minute {minute}."),
    fn("league_standings", "League table for a season.",
       [P("league", "League.", LEAGUES, "in the {}|for the {}", ask="Which league?"), SEASON.opt(), P("top", "Only the first N teams.", Int(3, 20), "(top {})|- just the top {}").opt()],
       "get the league table|check the standings",
       "Show the {league} table{+}.|Who's top of the {league}{+}?|What are the {league} standings{+}?"),
    fn("getPlayerStats", "A player's statistics for a season or career.",
       [P("player", "Player's full name.", Pick(PLAYERS), "for {}|of {}", ask="Which player?"), SEASON.opt(), P("stat_type", "Which statistics.", Enum("scoring|defence|passing|all", {"defence": "defensive"}), "with the {} numbers|focusing on {} stats").opt("all")],
       "get player statistics|look up a player's stats",
       "What are {player}'s stats{+}?|Show {stat_type} stats for {player}{+}.|How did {player} play in {season}?",
       returns=lambda rng, a: {"player": a["player"], "games": rng.randint(5, 38), "goals": rng.randint(0, 30), "assists": rng.randint(0, 15)},
       answer="{player}: {games} games, {goals} goals, {assists} assists."),
    fn("team_fixtures", "A team's upcoming matches with dates and opponents.",
       [TEAM, P("count", "How many matches.", Int(1, 10, words_p=0.5), "(next {})|- the next {}").opt(5), P("home_only", "Only home games.", Bool("home games only|only at home", "home and away"), "{}").opt(False)],
       "get a team's upcoming games|check the fixture list",
       "When do {team} play next{+}?|Show the upcoming fixtures of {team}{+}.|What games do {team} have coming up{+}?",
       returns=_fixtures, answer="{team} play {matches[0][opponent]} next, on {matches[0][date]}."),
    fn("head_to_head", "Historical record between two teams.",
       [P("team_a", "First team.", Pick(TEAMS), "between {}"), P("team_b", "Second team.", Pick(TEAMS), "and {}|against {}"), P("last_n", "Only the last N meetings.", Int(3, 20), "over the last {} games|in their last {} meetings").opt()],
       "compare two teams' record|get a head-to-head history",
       "What's the head-to-head between {team_a} and {team_b}{+}?|How have {team_a} done against {team_b}{+}?"),
    fn("top_scorers", "Leading scorers of a league in a season.",
       [P("league", "League.", LEAGUES, "in the {}", ask="Which league?"), SEASON.opt(), P("limit", "How many players.", Int(3, 20), "(top {})").opt(10)],
       "list the top scorers|find the leading scorers",
       "Who are the top scorers in the {league}{+}?|Leading scorers of the {league}{+}?"),
    fn("book_court", "Book a tennis, padel or badminton court at a sports centre.",
       [P("sport", "Court sport.", Enum("tennis|padel|badminton|squash"), "{} court|for {}"), P("city", "City.", CITY, "in {}"), P("date", "Day, YYYY-MM-DD.", DATE, "on {}"), P("start_time", "Start, HH:MM.", TIME, "at {}", "start time"),
        P("hours", "How many hours.", Enum((1, 2)), "for {} hours").opt(1), P("indoor", "Indoor court only.", Bool("indoors|an indoor court", "outdoors is fine"), "{}").opt()],
       "book a court|reserve a court",
       "Book a {sport} court in {city} on {date} at {start_time}{+}.|Reserve {sport} in {city}, {date} at {start_time}{+}."),
    fn("race_pace", "Pace per kilometre needed to finish a distance in a target time.",
       [P("distance_km", "Race distance in km.", kilometres(5, 42, 1), "for {}|over {}", "distance"), P("target_seconds", "Target finishing time in seconds.", Follows("distance_km", {"type": "integer"}, _finish_time, Int(5, 42)), "in {}|within {}", "target time", "What's your target time?")],
       "calculate a running pace|work out the pace for a race",
       "What pace do I need to run {distance_km} in {target_seconds}?|I want to finish {distance_km} in {target_seconds}; what's my pace?",
       needs_tool=False),
    fn("f1.race_results", "Results of a Formula 1 race by season and round.",
       [P("season", "Year.", Int(2015, 2025, words_p=0.0), "in {}|of {}"), P("round", "Round number in the season.", Int(1, 22, words_p=0.3), "round {}", ask="Which round?"), P("top", "Only the first N finishers.", Int(3, 20), "(top {})").opt(10)],
       "get Formula 1 race results|check who won a Grand Prix",
       "Who won round {round} of the {season} F1 season{+}?|F1 results for {season}, round {round}{+}."),
    fn("golf_handicap", "Handicap index from recent round scores and course ratings.",
       [P("scores", "Gross scores of recent rounds.", ListOf(Int(70, 110, words_p=0.0), 3, 6), "from {}|with scores {}", ask="What were your recent scores?"), P("course_rating", "Course rating.", Pick(("69.8", "71.2", "72.4", "70.5", "73.1")), "on a course rated {}").opt(),
        P("slope", "Slope rating, 55-155.", Int(110, 145, words_p=0.0), "slope {}|with slope {}").opt(113)],
       "calculate a golf handicap|work out my handicap",
       "What's my handicap with scores {scores}{+}?|Calculate a golf handicap from {scores}{+}.", needs_tool=False),
    fn("Medal Table", "Medal counts by country at a multi-sport games.",
       [P("games", "Event name.", Enum("summer_olympics|winter_olympics|commonwealth_games|paralympics", {"summer_olympics": "Summer Olympics", "winter_olympics": "Winter Olympics", "commonwealth_games": "Commonwealth Games", "paralympics": "Paralympics"}), "at the {}|for the {}", ask="Which games?"),
        P("year", "Year.", Enum((2012, 2014, 2016, 2018, 2020, 2022, 2024)), "in {}|of {}", ask="Which year?")],
       "get a medal table|see the medal count",
       "Show the medal table for the {year} {games}.|Which country won the most medals at the {games} {year}?"),
    fn("buy_match_tickets", "Buy tickets for a match.",
       [P("match_id", "Match identifier, e.g. M-204812.", Code("M-######"), "for match {}|for {}", "match ID", "Which match (its ID)?"), P("quantity", "Number of tickets.", Int(1, 6, words_p=0.5), "{} tickets|for {} people", ask="How many tickets?"),
        P("stand", "Stand or area.", Enum("north|south|east|west|family"), "in the {} stand").opt()],
       "buy match tickets|get tickets for a game",
       "Buy {quantity} tickets for match {match_id}{+}.|Get me {quantity} seats at {match_id}{+}."),
    fn("find_gym_classes", "Group fitness classes at gyms in a city on a date.",
       [P("city", "City.", CITY, "in {}"), P("date", "Day, YYYY-MM-DD.", DATE, "on {}"), P("class_type", "Kind of class.", Enum("spin|pilates|hiit|boxing|zumba|crossfit", {"hiit": "HIIT", "spin": "spin|spinning"}), "for {} classes|doing {}").opt()],
       "find fitness classes|look for a gym class",
       "Find {class_type} classes in {city} on {date}.|What gym classes are on in {city} on {date}{+}?"),
    fn("transfer_news", "Latest transfer rumours and completed deals for a team.",
       [TEAM, P("completed_only", "Only confirmed transfers.", Bool("confirmed deals only|only done deals", "rumours included"), "{}").opt(False)],
       "get transfer news|check a team's signings",
       "Any transfer news for {team}{+}?|Who have {team} signed{+}?"),
]

CHAINS = [
    chain("team_fixtures", "buy_match_tickets", {"match_id": lambda res: res["matches"][0]["match_id"]},
          "When do {team} play next? Buy {quantity} tickets for that match.|Find the next game of {team} and get me {quantity} tickets for it."),
]
