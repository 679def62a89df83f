"""News: headlines, search, summaries, translation, alerts, digests, fact checks."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

import datetime as dt

from itool.data.generate.dsl import (
    Bool,
    Code,
    Date,
    DateAfter,
    Enum,
    Field,
    Int,
    ListOf,
    Measure,
    Obj,
    ObjList,
    P,
    Pick,
    Time,
    chain,
    fn,
)
from itool.data.generate.values import CITY, COMPANY, COUNTRY, EMAIL, distinct_numbers, ident

OUTLETS = ("Reuters", "Associated Press", "BBC News", "The Guardian", "Al Jazeera", "Le Monde", "Der Spiegel", "El País", "NHK World", "The Hindu", "CBC News", "Deutsche Welle")
STORIES = ("the central bank rate decision", "the Mars sample return mission", "the heatwave in southern Europe", "the new EU AI rules", "the port workers' strike", "the chip export controls", "the World Cup qualifiers", "the electric vehicle subsidy cut", "the bird flu outbreak", "the election debate")
KEYWORDS = ("inflation", "wildfire", "earthquake", "semiconductors", "housing market", "vaccine", "heatwave", "space launch", "cyberattack", "trade deal", "rail strike", "climate summit")
CATEGORY = Enum("business|technology|science|health|sports|entertainment|politics|world")
LANG = Enum("es|fr|de|pt|it|ja|ar|zh|hi|nl", {"es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian", "ja": "Japanese", "ar": "Arabic", "zh": "Chinese|Mandarin", "hi": "Hindi", "nl": "Dutch"})
ARTICLE_ID = P("article_id", "Article identifier from a search or headline list, e.g. ART-204918.", Code("ART-######"), "for article {}|of article {}", "article ID", "Which article (its ID)?")
HEADLINES = (
    "Rates held steady as inflation cools", "Storm forces hundreds of flight cancellations", "Local team clinches title in extra time",
    "New battery plant to create 2,000 jobs", "Researchers map deep-sea coral reef", "City council approves new tram line",
    "Heatwave warning extended for the weekend", "Startup raises funding for recycling robots", "Museum returns artefacts after decades",
)


def _articles(rng, a, n=3):
    """``n`` articles, newest first, published inside the requested dates if any."""
    if a.get("to_date"):
        newest = dt.date.fromisoformat(a["to_date"])
    elif a.get("from_date"):
        newest = dt.date.fromisoformat(a["from_date"]) + dt.timedelta(days=20)
    else:
        newest = dt.date(2025, 6, 28)
    back = sorted(rng.sample(range(0, 20), n))
    return [{"article_id": ident(rng, "ART-######"), "title": rng.choice(HEADLINES), "source": rng.choice(a.get("sources") or OUTLETS), "published": (newest - dt.timedelta(days=d)).isoformat()} for d in back]


def _search(rng, a):
    return {"query": a["query"], "total_results": rng.randint(12, 900), "articles": _articles(rng, a)}


def _topics(rng, a):
    counts = sorted(distinct_numbers(rng, 3, 40, 3000, 10), reverse=True)
    return {"country": a["country"], "topics": [{"topic": t, "articles": c} for t, c in zip(rng.sample(KEYWORDS, 3), counts, strict=True)]}


def _coverage(rng, a):
    return {"story": a["story"], "coverage": [{"outlet": o, "articles": rng.randint(1, 40), "tone": rng.choice(("neutral", "critical", "supportive", "mixed"))} for o in a["outlets"]]}


FUNCTIONS = [
    fn("get_top_headlines", "Top news headlines in a country right now, optionally for one category. Returns article ids, titles, sources and dates.",
       [P("country", "Country name.", COUNTRY, "in {}|from {}", ask="Which country?"), P("category", "News category.", CATEGORY, "about {}|in {}").opt(),
        P("page_size", "Number of headlines.", Int(3, 30), "showing the top {}|limited to {} headlines").opt(10)],
       "get the top headlines|see the latest news",
       "What are the top headlines in {country}{+}?|What's in the news in {country} today{+}?|Give me the latest {category} headlines from {country}{+}.",
       returns=lambda rng, a: {"country": a["country"], "articles": _articles(rng, a)},
       answer="Top story in {country}: \"{articles[0][title]}\" ({articles[0][source]}). Also: \"{articles[1][title]}\" and \"{articles[2][title]}\"."),
    fn("news.search_articles", "Search news articles by keywords, optionally within dates, from chosen outlets and in one language. Returns article ids, titles, sources and publication dates, newest first.",
       [P("query", "Keywords to search for.", Pick(KEYWORDS, quote=0.3), "about {}|mentioning {}", "search terms", "What should I search for?"),
        P("from_date", "Earliest publication date, YYYY-MM-DD.", Date("2024-01-01", "2025-10-31"), "from {}|published since {}").opt(),
        P("to_date", "Latest publication date, YYYY-MM-DD.", DateAfter("from_date", 3, 60), "until {}|up to {}").opt(),
        P("sources", "Only these outlets.", ListOf(Pick(OUTLETS), 1, 3, conj="or"), "from {}|in {}").opt(),
        P("sort_by", "Order of results.", Enum("newest|relevance|popularity"), "sorted by {}").opt("newest")],
       "search news articles|find news stories",
       "Find news about {query}{+}.|Search the news for {query}{+}.|Any articles on {query}{+}?",
       returns=_search, answer="I found {total_results} articles on {query}; the newest is \"{articles[0][title]}\" from {articles[0][source]} ({articles[0][published]})."),
    fn("Article Summarizer", "Summarise a news article in a few sentences or bullet points.",
       [ARTICLE_ID, P("max_sentences", "Length of the summary in sentences.", Int(1, 8, words_p=0.5), "in {} sentences|in at most {} sentences").opt(3),
        P("style", "Form of the summary.", Enum("paragraph|bullet_points"), "as {}|in {}").opt("paragraph")],
       "summarise an article|get the gist of a news article",
       "Summarise article {article_id}{+}.|Give me the gist of {article_id}{+}.|TL;DR of article {article_id}{+}, please.",
       returns=lambda rng, a: {"article_id": a["article_id"], "summary": rng.choice(("Officials announced the change on Monday and expect it to take effect next year.", "The study followed 4,000 participants and found a clear improvement.", "Negotiations continue, with both sides saying a deal is close."))},
       answer="Summary of {article_id}: {summary}"),
    fn("subscribeToNewsletter", "Subscribe an email address to news newsletters on chosen topics.",
       [P("email", "Subscriber's email address.", EMAIL, "for {}|with {}", ask="Which email address should receive it?"),
        P("topics", "Topics to receive.", ListOf(CATEGORY, 1, 3), "about {}|covering {}", ask="Which topics?"),
        P("frequency", "How often to send.", Enum("daily|weekly|breaking_only", {"breaking_only": "only for breaking news"}), "{}|sent {}").opt("daily")],
       "subscribe to a newsletter|sign up for news emails",
       "Subscribe {email} to {topics} news{+}.|Sign {email} up for the {topics} newsletter{+}.|I want {topics} updates sent to {email}{+}."),
    fn("fact_check_claim", "Check a claim against published fact-checks and return a verdict with sources.",
       [P("claim", "The claim, as stated.", Pick(("The Great Wall of China is visible from the Moon with the naked eye", "Lightning never strikes the same place twice", "Bats are blind", "Humans only use 10% of their brains", "Goldfish have a three-second memory", "Bulls are angered by the colour red"), quote=0.85), "that {}", ask="What claim should I check?", axis=False),
        P("language", "Language of the fact-checks to search.", LANG, "in {}").opt()],
       "fact-check a claim|check whether something is true",
       "Is it true that {claim}?|Fact-check this: {claim}{+}.|Can you check the claim {claim}{+}?",
       returns=lambda rng, a: {"claim": a["claim"], "verdict": rng.choice(("false", "mostly false", "misleading")), "sources": rng.randint(2, 9)},
       answer="That claim is rated {verdict}, based on {sources} fact-checks."),
    fn("news.source_reliability", "Rate a news outlet's factual reliability and editorial bias.",
       [P("outlet", "Name of the outlet.", Pick(OUTLETS), "for {}|of {}", ask="Which outlet?")],
       "rate a news source|check how reliable an outlet is",
       "How reliable is {outlet}?|Is {outlet} a trustworthy source?|Rate {outlet} for bias and accuracy.",
       returns=lambda rng, a: {"outlet": a["outlet"], "reliability": rng.choice(("high", "very high", "mostly factual")), "bias": rng.choice(("least biased", "centre-left", "centre-right", "centre"))},
       answer="{outlet} is rated {reliability} for factual reporting, with a {bias} bias."),
    fn("Breaking News Alert Setup", "Create an alert that notifies when breaking news matches keywords, on chosen channels and outside quiet hours.",
       [P("keywords", "Keywords that trigger the alert.", ListOf(Pick(KEYWORDS), 1, 3, conj="or"), "for {}|mentioning {}", ask="Which keywords should trigger the alert?"),
        P("channels", "Where to send alerts.", ListOf(Enum("push|email|sms", {"push": "push notifications|push", "sms": "SMS|text message"}), 1, 2), "by {}|via {}", ask="How should I notify you (push, email or SMS)?"),
        P("min_importance", "Lowest importance that triggers an alert.", Enum("low|medium|high"), "for {} importance and up|only {} importance or above").opt("medium"),
        P("quiet_hours", "Hours with no alerts.", Obj([Field("start", "Start, HH:MM.", Time(20, 23), "from {}"), Field("end", "End, HH:MM.", Time(6, 9), "to {}")], sep=" "), "with quiet hours {}|but nothing {}").opt()],
       "set up breaking news alerts|get notified about breaking news",
       "Alert me about {keywords} by {channels}{+}.|Set up breaking news alerts for {keywords} via {channels}{+}.|Notify me by {channels} when there's news on {keywords}{+}."),
    fn("translateArticle", "Translate a news article into another language.",
       [ARTICLE_ID, P("target_language", "ISO 639-1 code of the language to translate into, e.g. es.", LANG, "into {}|to {}", "target language", "Which language should I translate it into?"),
        P("keep_original", "Whether to show the original text alongside.", Bool("side by side with the original|keeping the original next to it", "translation only|without the original"), "{}").opt(False)],
       "translate an article|read an article in another language",
       "Translate {article_id} into {target_language}{+}.|Can I read article {article_id} in {target_language}{+}?|Give me {article_id} in {target_language}{+}."),
    fn("getLocalNews", "Local news near a city, within a radius.",
       [P("city", "City name.", CITY, "in {}|around {}", ask="Which city?"),
        P("radius_km", "Search radius in km.", Measure(1, 50, 0.5, [(1, "{} km"), (1, "{} kilometres")], integer=False), "within {}").opt(15.0),
        P("limit", "Maximum number of stories.", Int(3, 20), "limited to {} stories|with at most {} stories").opt(10)],
       "get local news|see what's happening nearby",
       "What's happening in {city}{+}?|Local news for {city}{+}.|Any news around {city}{+}?",
       returns=lambda rng, a: {"city": a["city"], "articles": _articles(rng, a, 2)},
       answer="In {city}: \"{articles[0][title]}\" ({articles[0][source]}) and \"{articles[1][title]}\"."),
    fn("save_to_reading_list", "Save an article to one of the user's reading lists, with optional tags.",
       [ARTICLE_ID, P("list_name", "Reading list to add to.", Pick(("Read later", "Weekend", "Work research", "Climate", "Long reads"), quote=0.6), "to {}|on my {} list").opt("Read later"),
        P("tags", "Tags for the saved article.", ListOf(Pick(("economy", "policy", "science", "follow-up", "share", "europe")), 1, 3), "tagged {}|with tags {}").opt()],
       "save an article for later|add an article to a reading list",
       "Save {article_id} for later{+}.|Add article {article_id} to my reading list{+}.|Bookmark {article_id}{+}."),
    fn("news.create_digest", "Create a scheduled news digest made of sections, each a category with a number of articles.",
       [P("name", "Name of the digest.", Pick(("Morning briefing", "Evening roundup", "Weekly wrap", "Commute read"), quote=0.6), "called {}|named {}", ask="What should the digest be called?", axis=False),
        P("sections", "Sections in order: category and number of articles.", ObjList(Obj([Field("category", "News category.", CATEGORY), Field("articles", "Number of articles.", Int(1, 10, words_p=0.4), "({} articles)")], sep=" "), 2, 4), "with {}|made of {}", ask="Which sections (categories and article counts) should it have?"),
        P("delivery_time", "Time of day to deliver, HH:MM.", Time(6, 21), "at {}|delivered at {}", "delivery time", "What time should it arrive?"),
        P("weekdays_only", "Deliver only Monday to Friday.", Bool("on weekdays only|only Monday to Friday", "every day including weekends|seven days a week"), "{}").opt(False)],
       "create a news digest|set up a daily news briefing",
       "Create a digest called {name} at {delivery_time} with {sections}{+}.|Set up my {name}: {sections}, delivered at {delivery_time}{+}."),
    fn("compare_coverage", "Compare how several outlets cover the same story: number of articles and tone of each.",
       [P("story", "The story or event.", Pick(STORIES), "of {}|on {}", ask="Which story?"),
        P("outlets", "Outlets to compare, 2 to 4.", ListOf(Pick(OUTLETS), 2, 4), "across {}|between {}", ask="Which outlets should I compare?")],
       "compare news coverage|see how outlets report a story",
       "How are {outlets} covering {story}?|Compare coverage of {story} across {outlets}.|Compare {outlets} on {story}.",
       returns=_coverage, answer="{coverage[0][outlet]} has {coverage[0][articles]} articles on {story} with a {coverage[0][tone]} tone, while {coverage[1][outlet]} has {coverage[1][articles]} ({coverage[1][tone]})."),
    fn("get_press_releases", "Press releases a company published, newest first.",
       [P("company", "Company name.", COMPANY, "from {}|by {}", ask="Which company?"), P("since", "Only releases from this date on, YYYY-MM-DD.", Date("2024-01-01", "2025-10-31"), "since {}|after {}").opt(),
        P("limit", "Maximum number of releases.", Int(1, 20), "limited to the last {}|showing the latest {}").opt(5)],
       "get a company's press releases|see what a company announced",
       "What has {company} announced{+}?|Show press releases from {company}{+}.|Any news releases by {company}{+}?"),
    fn("Trending News Topics", "The news topics with the most new articles in a country over the last hours.",
       [P("country", "Country name.", COUNTRY, "in {}", ask="Which country?"), P("hours", "Look-back window in hours.", Int(1, 72), "over the last {} hours|in the past {} hours").opt(24)],
       "see trending news topics|find out what the news is talking about",
       "What topics are trending in the news in {country}{+}?|What's everyone reporting on in {country}{+}?|Trending news topics for {country}{+}.",
       returns=_topics, answer="The biggest story in {country} is {topics[0][topic]} ({topics[0][articles]} articles), then {topics[1][topic]} and {topics[2][topic]}."),
]

CHAINS = [
    chain("Trending News Topics", "news.search_articles", {"query": lambda res: res["topics"][0]["topic"]},
          "Find the top trending news topic in {country} and search for articles about it.|What's trending in the news in {country}? Search articles on the number one topic."),
    chain("news.search_articles", "Article Summarizer", {"article_id": lambda res: res["articles"][0]["article_id"]},
          "Search news about {query} and summarise the newest article.|Find articles on {query}, then give me a summary of the most recent one."),
    chain("get_top_headlines", "translateArticle", {"article_id": lambda res: res["articles"][0]["article_id"]},
          "Get the top headlines in {country} and translate the first one into {target_language}.|Show me {country}'s top headlines, then translate the lead story to {target_language}."),
]
