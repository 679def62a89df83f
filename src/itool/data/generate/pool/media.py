"""Media: films, series, music, podcasts, playlists, live events."""
# ruff: noqa: E501

from itool.data.generate.dsl import Bool, Code, Enum, Int, ListOf, P, Pick, chain, fn
from itool.data.generate.values import CITY, COUNTRY, DATE, ident

MOVIES = ("The Silent Harbour", "Midnight in Lagos", "Paper Satellites", "The Last Orchard", "Northbound", "A Quiet Fire", "Glass Mountains", "The Cartographer", "Salt and Stone", "Echoes of June")
SERIES = ("Harbour Lights", "The Night Shift Files", "Copper Valley", "Signal Lost", "The Long Table", "Kingsway Station")
ARTISTS = ("Nina Solace", "The Paper Kites", "Arlo Verde", "Mira Chen", "Los Ritmos", "Kofi Mensah Trio", "Saint Lucia Sound", "Echo Park Choir", "Jonas Berg")
SONGS = ("Northern Lights", "Paper Boats", "Golden Hour", "City of Glass", "Slow Tide", "Wildflower", "Neon Rain", "Home Again", "Satellite Heart", "Summer Static")
PODCASTS = ("Deep Work Weekly", "The History Hour", "Code Review Radio", "Small Kitchen Big Flavour", "Planet Notes", "Money Matters")
PLAYLIST_ID = P("playlist_id", "Playlist identifier, e.g. PL-58213.", Code("PL-#####"), "to playlist {}|in {}", "playlist ID", "Which playlist (its ID)?")
GENRES = Enum("action|comedy|drama|horror|sci_fi|documentary|animation|thriller|romance", {"sci_fi": "sci-fi|science fiction"})


def _movie_search(rng, a):
    years = sorted(rng.sample(range(1995, 2025), 3), reverse=True)
    return {"results": [{"movie_id": ident(rng, "MV-#####"), "title": t, "year": y, "rating": round(rng.uniform(5.5, 9.2), 1)} for t, y in zip(rng.sample(MOVIES, 3), years, strict=True)]}


def _tracks(rng, a):
    return {"artist": a["artist"], "tracks": [{"track_id": ident(rng, "TR-######"), "title": s, "plays_millions": rng.randint(1, 900)} for s in rng.sample(SONGS, 3)]}


FUNCTIONS = [
    fn("search_movies", "Search films by title words, genre or release year. Returns movie ids, titles, years and ratings, newest first.",
       [P("query", "Words from the title.", Pick(("harbour", "fire", "mountain", "orchard", "night", "stone", "summer")), "matching {}|with {} in the title").opt(), P("genre", "Film genre.", GENRES, "{} films|in {}").opt(),
        P("year", "Release year.", Int(1990, 2025, words_p=0.0), "from {}|released in {}").opt()],
       "search for films|look up movies",
       "Find {genre} movies from {year}.|Search for films with {query} in the title{+}.|Look up {genre} films{+}.",
       returns=_movie_search, answer="The newest match is {results[0][title]} ({results[0][year]}), rated {results[0][rating]}."),
    fn("getMovieDetails", "Cast, director, runtime and synopsis of a film.",
       [P("movie_id", "Film identifier, e.g. MV-20931.", Code("MV-#####"), "for {}", "movie ID", "Which film (its ID)?")],
       "get details of a film|look up a movie's cast",
       "Who's in {movie_id}?|Details for film {movie_id}, please.|How long is {movie_id}?",
       returns=lambda rng, a: {"movie_id": a["movie_id"], "director": rng.choice(("Ana Costa", "Kenji Sato", "Leila Haddad", "Sven Larsen")), "runtime_minutes": rng.randint(85, 170)},
       answer="{movie_id} is directed by {director} and runs {runtime_minutes} minutes."),
    fn("where_to_watch", "Streaming services that offer a title in a country.",
       [P("title", "Film or series title.", Pick(MOVIES + SERIES, quote=0.5), "{}", ask="Which title?"), P("country", "Country of the viewer.", COUNTRY, "in {}").opt(), P("free_only", "Only free or included-with-subscription options.", Bool("without paying extra|included in a subscription", "including rentals"), "{}").opt(False)],
       "find where to stream something|check which service has a film",
       "Where can I watch {title}{+}?|Which streaming service has {title}{+}?|Is {title} streaming anywhere{+}?"),
    fn("create_playlist", "Create a playlist, optionally with first songs and public visibility.",
       [P("name", "Playlist name.", Pick(("Road trip", "Focus", "Sunday morning", "Workout mix", "Rainy day", "Party"), quote=0.6), "called {}|named {}", ask="What should the playlist be called?", axis=False),
        P("songs", "Song titles to add first.", ListOf(Pick(SONGS, quote=0.3), 2, 4), "with {}|starting with {}").opt(), P("public", "Whether others can find it.", Bool("public", "private"), "and make it {}|as a {} playlist").opt(False)],
       "create a playlist|start a new playlist",
       "Create a playlist called {name}{+}.|Make a new playlist {name}{+}.|Start a playlist named {name} with {songs}{+}.",
       returns=lambda rng, a: {"playlist_id": ident(rng, "PL-#####"), "name": a["name"]},
       answer="Created the playlist {name} ({playlist_id})."),
    fn("add_to_playlist", "Add tracks to an existing playlist.",
       [PLAYLIST_ID, P("track_ids", "Track identifiers.", ListOf(Code("TR-######"), 1, 3), "{}", "tracks", "Which tracks should I add?"), P("position", "Insert position (0 = top); appended when omitted.", Int(0, 50, words_p=0.0), "at position {}").opt()],
       "add songs to a playlist|put tracks on a playlist",
       "Add {track_ids} to playlist {playlist_id}{+}.|Put {track_ids} in {playlist_id}{+}."),
    fn("play_music", "Start playing a song, album or artist on a device, optionally shuffled.",
       [P("query", "Song, album or artist name.", Pick(SONGS + ARTISTS, quote=0.3), "- {}", "what to play", "What should I play?"), P("device", "Speaker or device name.", Pick(("Living Room", "Kitchen speaker", "Bedroom", "Car", "Office")), "on the {}|in the {}").opt(),
        P("shuffle", "Shuffle the queue.", Bool("on shuffle|shuffled", "in order"), "{}").opt(False), P("volume", "Volume 0-100.", Int(10, 100, 5, words_p=0.2), "at volume {}|at {} percent volume").opt()],
       "play some music|put a song on",
       "Play {query}{+}.|Put on {query}{+}.|I want to hear {query}{+}."),
    fn("artist_top_tracks", "Most played tracks of an artist. Returns track ids, titles and play counts.",
       [P("artist", "Artist or band name.", Pick(ARTISTS), "by {}|of {}", ask="Which artist?"), P("limit", "How many tracks.", Int(3, 20), "(top {})").opt(10)],
       "get an artist's top tracks|find an artist's most popular songs",
       "What are {artist}'s most popular songs{+}?|Top tracks by {artist}{+}.|Show the biggest hits of {artist}{+}.",
       returns=_tracks, answer="{artist}'s top track is {tracks[0][title]} with {tracks[0][plays_millions]} million plays."),
    fn("podcast.latest_episodes", "Latest episodes of a podcast.",
       [P("podcast", "Podcast name.", Pick(PODCASTS, quote=0.4), "of {}|from {}", ask="Which podcast?"), P("count", "How many episodes.", Int(1, 10, words_p=0.5), "(last {})|- the last {}").opt(5)],
       "get the latest podcast episodes|check for new episodes",
       "What are the newest episodes of {podcast}{+}?|Any new episodes of {podcast}{+}?|Show the latest from {podcast}{+}."),
    fn("Recommend Movies", "Film recommendations by genre and minimum rating, optionally excluding seen titles.",
       [P("genre", "Genre.", GENRES, "in {}", ask="What genre do you like?"), P("min_rating", "Lowest rating out of 10.", Enum((6, 7, 8)), "rated at least {}|with a rating of {} or more").opt(), P("exclude_titles", "Titles already seen.", ListOf(Pick(MOVIES), 1, 3), "but not {}|excluding {}").opt()],
       "recommend some films|suggest a movie",
       "Recommend some {genre} movies{+}.|Suggest a good {genre} film{+}.|What {genre} should I watch{+}?"),
    fn("tv.episode_guide", "Episodes of a season of a TV series with air dates.",
       [P("series", "Series title.", Pick(SERIES, quote=0.4), "of {}|for {}", ask="Which series?"), P("season", "Season number.", Int(1, 8, words_p=0.5), "season {}", ask="Which season?")],
       "get a series' episode list|see the episodes of a season",
       "List the episodes of {series} season {season}.|What happens in season {season} of {series}?|Episode guide for {series}, season {season}."),
    fn("audiobook_search", "Search audiobooks by title or author, with optional narrator language and length.",
       [P("query", "Title or author.", Pick(("Jane Austen", "Moby Dick", "Agatha Christie", "Dune", "Pride and Prejudice", "Mary Shelley", "War and Peace"), quote=0.3), "for {}|by {}"), P("language", "Narration language.", Pick(("English", "Spanish", "German", "French", "Portuguese")), "in {}").opt(),
        P("max_hours", "Longest running time in hours.", Int(2, 40), "under {} hours|shorter than {} hours").opt()],
       "search for audiobooks|find an audiobook",
       "Find audiobooks of {query}{+}.|Is there an audiobook of {query}{+}?"),
    fn("search_events", "Concerts, shows and festivals in a city between dates.",
       [P("city", "City.", CITY, "in {}", ask="In which city?"), P("date_from", "First day, YYYY-MM-DD.", DATE, "from {}|after {}", "start date"), P("category", "Kind of event.", Enum("concert|theatre|comedy|festival|opera|sports"), "of the {} kind|only {} events").opt(),
        P("max_price", "Highest ticket price in local currency.", Int(10, 300, 10), "under {}|for less than {}").opt()],
       "find events|look for concerts and shows",
       "What {category} events are on in {city} from {date_from}{+}?|Find things to do in {city} after {date_from}{+}.|Any {category} in {city} from {date_from}{+}?"),
    fn("buy_tickets", "Buy tickets for an event, in a seating section.",
       [P("event_id", "Event identifier, e.g. EV-88123.", Code("EV-#####"), "for {}", "event ID", "Which event (its ID)?"), P("quantity", "Number of tickets.", Int(2, 8, words_p=0.5), "for {} people|- {} tickets", ask="How many tickets?"),
        P("section", "Seating area.", Enum("standing|stalls|balcony|vip", {"vip": "VIP"}), "in the {}|{} seats").opt("standing")],
       "buy event tickets|get tickets for a show",
       "Buy {quantity} tickets for {event_id}{+}.|Get me {quantity} {section} tickets for {event_id}.|I'd like {quantity} tickets to {event_id}{+}."),
    fn("song_lyrics_snippet", "Short licensed lyric excerpt and songwriter credits of a song.",
       [P("title", "Song title.", Pick(SONGS, quote=0.5), "for {}|of {}", "song"), P("artist", "Artist, to disambiguate.", Pick(ARTISTS), "by {}").opt()],
       "find song credits and lyrics|look up who wrote a song",
       "Who wrote {title}{+}?|Show lyrics and credits for {title}{+}."),
]

CHAINS = [
    chain("artist_top_tracks", "add_to_playlist", {"track_ids": lambda res: [res["tracks"][0]["track_id"]]},
          "Find {artist}'s most played track and add it to playlist {playlist_id}.|Get the top song by {artist} and put it in {playlist_id}."),
    chain("search_movies", "getMovieDetails", {"movie_id": lambda res: res["results"][0]["movie_id"]},
          "Search for {genre} movies from {year} and give me details on the newest one.|Find {genre} films from {year}, then show the cast of the most recent result."),
    chain("search_movies", "where_to_watch", {"title": lambda res: max(res["results"], key=lambda r: r["rating"])["title"]},
          "Find {genre} films from {year} and tell me where I can stream the best-rated one.|Look up {genre} movies from {year}, then check where to watch the highest-rated one in {country}."),
]
