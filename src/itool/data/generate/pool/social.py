"""Social media: posts, profiles, followers, messages, polls, trends, moderation."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

import unicodedata

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
    Date,
    DateAfter,
    DateTime,
    Enum,
    Field,
    Int,
    ListOf,
    Obj,
    ObjList,
    P,
    Pick,
    Val,
    chain,
    fn,
)
from itool.data.generate.values import (
    CITIES,
    COUNTRY,
    FIRST_NAMES,
    LAST_NAMES,
    distinct_numbers,
    ident,
    percent,
)

HANDLE_WORDS = ("travels", "cooks", "codes", "runs", "reads", "paints", "films", "lifts", "hikes", "studio", "daily", "writes")


def _handle(rng):
    """A username stored without "@"; users write it with or without one."""
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    raw = rng.choice((f"{first}_{last}", f"{first}{rng.choice(HANDLE_WORDS)}", f"{first}.{last[0]}", f"the{last}{rng.choice(HANDLE_WORDS)}"))
    plain = unicodedata.normalize("NFKD", raw.lower())
    value = "".join(ch for ch in plain if ch.isascii() and (ch.isalnum() or ch in "._"))
    return Val(value, f"@{value}" if rng.random() < 0.6 else value)


def _followers(rng):
    """A follower count said "25k", "25,000" or "25 thousand"."""
    thousands = rng.choice((1, 2, 5, 10, 20, 25, 50, 75, 100, 250, 500))
    n = thousands * 1000
    return Val(n, rng.choice((f"{thousands}k", f"{n:,}", f"{thousands} thousand", str(n))))


HANDLE = Custom({"type": "string"}, _handle)
PLATFORM = Enum("instagram|tiktok|x|linkedin|facebook|mastodon|threads", {"x": "X|Twitter", "linkedin": "LinkedIn", "instagram": "Instagram", "tiktok": "TikTok", "facebook": "Facebook", "mastodon": "Mastodon", "threads": "Threads"})
POST_TEXTS = (
    "Big news: our spring collection drops Friday!",
    "Thanks to everyone who came to the meetup last night.",
    "We're hiring two backend engineers, DM me for details.",
    "New blog post on sourdough starters is live.",
    "Sunrise over the harbour this morning was unreal.",
    "Our store will be closed on Monday for maintenance.",
    "Just finished my first half marathon!",
    "Tickets for the autumn workshop are now on sale.",
)
HASHTAGS = ("#travel", "#foodie", "#tech", "#fitness", "#photography", "#startup", "#books", "#design", "#music", "#sustainability", "#gaming", "#running")
TOPICS = ("electric bikes", "remote work", "sourdough", "climate tech", "indie games", "street photography", "marathon training", "home gardening", "AI art", "vinyl records")

_PROFILE = Obj([
    Field("display_name", "Name shown on the profile.", Pick(("Ana Silva", "Kenji Sato", "Maple Street Bakery", "Nadia Haddad Studio", "Hugo Moreau")), "display name {}", 0.6),
    Field("bio", "Short biography.", Pick(("Baker, runner, dog person.", "Product designer in Lisbon.", "Photos from everywhere.", "Writing about climate tech."), quote=1.0), "bio {}", 0.7),
    Field("website", "Link shown on the profile.", Pick(("https://anasilva.example.com", "https://maplestreet.example.org", "https://kenji.example.net")), "website {}", 0.4),
    Field("location", "City shown on the profile.", Pick(CITIES), "location {}", 0.4),
])


def _profile_changes(rng):
    """Every field is optional, but a change with no field says nothing: draw again."""
    while True:
        v = _PROFILE(rng)
        if v.value:
            return v


PROFILE_CHANGES = Custom(_PROFILE.schema, _profile_changes)

USER = P("username", "Account handle without the leading @.", HANDLE, "for {}|for the account {}", "username", "Which account (username)?")
PLATFORM_P = P("platform", "Social network.", PLATFORM, "on {}", ask="Which platform?")
POST_ID = P("post_id", "Identifier of the post, e.g. PST-88213045.", Code("PST-########"), "on post {}|to post {}", "post ID", "Which post (its ID)?")


def _profile(rng, a):
    followers, following = distinct_numbers(rng, 2, 120, 90000, 10)
    return {"username": a["username"], "display_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", "followers": followers, "following": following, "posts": rng.randint(5, 2400), "verified": rng.random() < 0.2}


def _posts(rng, a):
    likes = distinct_numbers(rng, 3, 3, 9000)
    return {"query": a["query"], "posts": [{"post_id": ident(rng, "PST-########"), "author": _handle(rng).value, "likes": n, "text": rng.choice(POST_TEXTS)} for n in likes]}


def _growth(rng, a):
    start = rng.randint(500, 80000)
    gained, lost = rng.randint(10, 4000), rng.randint(0, 900)
    return {"username": a["username"], "start_followers": start, "end_followers": start + gained - lost, "gained": gained, "lost": lost}


def _trending(rng, a):
    tags = rng.sample(HASHTAGS, 3)
    return {"country": a["country"], "hashtags": [{"tag": t, "posts": n} for t, n in zip(tags, sorted(distinct_numbers(rng, 3, 2000, 400000, 100), reverse=True), strict=True)]}


def _engagement(rng, a):
    numbers = dict(zip(("likes", "comments", "shares", "impressions", "saves"), (rng.randint(20, 5000), rng.randint(0, 400), rng.randint(0, 900), rng.randint(2000, 200000), rng.randint(0, 700)), strict=True))
    return {"post_id": a["post_id"], **numbers, "engagement_rate": round(rng.uniform(0.5, 9.5), 1)}


def _influencers(rng, a):
    counts = sorted(distinct_numbers(rng, 3, a["min_followers"], a["min_followers"] * 8, 100), reverse=True)
    return {"niche": a["niche"], "influencers": [{"username": _handle(rng).value, "followers": n, "engagement_rate": round(rng.uniform(1, 8), 1)} for n in counts]}


FUNCTIONS = [
    fn("create_post", "Publish a post to one of the user's connected social accounts, now or at a scheduled time.",
       [PLATFORM_P, P("text", "Text of the post.", Pick(POST_TEXTS, quote=1.0), "saying {}|with the text {}", ask="What should the post say?", axis=False),
        P("hashtags", "Hashtags to append, each starting with #.", ListOf(Pick(HASHTAGS), 1, 3), "with the hashtags {}|tagged {}").opt(),
        P("scheduled_time", "When to publish, YYYY-MM-DDTHH:MM; immediately when omitted.", DateTime(), "at {}|scheduled for {}").opt(),
        P("visibility", "Who can see the post.", Enum("public|followers|close_friends", {"close_friends": "close friends only|only close friends", "followers": "followers only"}), "visible to {}|for {}").opt("public")],
       "publish a social media post|post an update",
       "Post {text} on {platform}{+}.|Put this on {platform}{+}: {text}|Share {text} to my {platform} account{+}."),
    fn("getUserProfile", "Get a public profile: display name, follower and following counts, number of posts and verification status.",
       [USER, PLATFORM_P.opt("instagram")],
       "look up a social media profile|check an account's follower count",
       "How many followers does {username} have{+}?|Show me the profile of {username}{+}.|Look up {username}{+}.",
       returns=_profile, answer="{username} ({display_name}) has {followers} followers, follows {following} accounts and has {posts} posts.|{display_name}, @{username}, has {followers} followers and {posts} posts."),
    fn("social.search_posts", "Search recent public posts by keyword or hashtag. Returns post ids, authors, like counts and text.",
       [P("query", "Keyword, phrase or hashtag to search for.", Pick(TOPICS + HASHTAGS, quote=0.3), "about {}|mentioning {}", "search terms", "What should I search for?"),
        PLATFORM_P.opt(), P("since", "Only posts from this date on, YYYY-MM-DD.", Date("2024-06-01", "2025-12-31"), "since {}|posted after {}").opt(),
        P("limit", "Maximum number of posts.", Int(5, 50, 5), "limited to {} results|returning at most {} posts").opt(20)],
       "search social media posts|find posts",
       "Find posts about {query}{+}.|What are people posting about {query}{+}?|Search for {query} posts{+}.",
       returns=_posts, answer="The most liked post about {query} is by @{posts[0][author]} with {posts[0][likes]} likes: \"{posts[0][text]}\""),
    fn("Follower Growth Report", "Report how an account's follower count changed between two dates: followers gained, lost and the net change.",
       [USER, P("start_date", "First day, YYYY-MM-DD.", Date("2024-01-01", "2025-09-30"), "from {}|since {}", "start date"),
        P("end_date", "Last day, YYYY-MM-DD.", DateAfter("start_date", 7, 120), "to {}|until {}", "end date"),
        P("granularity", "Bucket size of the breakdown.", Enum("daily|weekly|monthly"), "broken down {}|with a {} breakdown").opt("weekly")],
       "report follower growth|see how an account's follower count changed",
       "How did {username}'s followers change from {start_date} to {end_date}{+}?|Give me a follower growth report for {username} between {start_date} and {end_date}{+}.",
       returns=_growth, answer="{username} went from {start_followers} to {end_followers} followers: {gained} gained and {lost} lost."),
    fn("reply_to_post", "Post a public reply under an existing post.",
       [POST_ID, P("message", "Text of the reply.", Pick(("Congrats, well deserved!", "Where can I buy one?", "Love this, thanks for sharing.", "Is there a recording?", "See you there!", "Great thread, bookmarked."), quote=0.8), "saying {}|with {}", "reply text", "What should the reply say?", axis=False),
        P("mention_author", "Whether to tag the post's author in the reply.", Bool("tagging the author|mentioning the author", "without tagging the author"), "{}").opt(False)],
       "reply to a post|comment on a post",
       "Reply to post {post_id}{+}: {message}|Comment on {post_id}{+}: {message}|Answer post {post_id}{+} with {message}"),
    fn("follow_user", "Follow an account, optionally turning on notifications for its new posts.",
       [USER.as_("username", say="called {}|named {}"), PLATFORM_P.opt("instagram"), P("notify", "Whether to be notified of every new post.", Bool("with notifications on|with post notifications on", "without notifications|but keep notifications off"), "{}").opt(False)],
       "follow an account|start following someone",
       "Follow {username}{+}.|Start following {username}{+}, please.|Can you follow {username} for me{+}?"),
    fn("social.schedule_campaign", "Schedule a campaign: several posts, each for a platform at its own publish time.",
       [P("campaign_name", "Internal name of the campaign.", Pick(("Spring launch", "Black Friday", "Summer sale", "Webinar week", "Product teaser"), quote=0.6), "called {}|named {}", "campaign name", axis=False),
        P("posts", "Posts to schedule, each with platform, text and publish time.", ObjList(Obj([Field("text", "Text of the post.", Pick(POST_TEXTS, quote=1.0)), Field("platform", "Social network.", PLATFORM, "to {}"), Field("publish_at", "Publish time, YYYY-MM-DDTHH:MM.", DateTime(), "on {}")], sep=" "), 2, 3), "with these posts: {}|posting {}", ask="Which posts (platform, time and text) should the campaign contain?")],
       "schedule a social media campaign|plan posts across platforms",
       "Schedule a campaign called {campaign_name}: {posts}.|Set up the {campaign_name} campaign with {posts}."),
    fn("getTrendingHashtags", "List the hashtags trending right now in a country, with how many posts use each.",
       [P("country", "Country name.", COUNTRY, "in {}", ask="Which country?"), PLATFORM_P.opt("x"), P("limit", "Number of hashtags.", Int(3, 25), "showing the top {}|limited to the top {}").opt(10)],
       "get trending hashtags|see what's trending",
       "What's trending in {country}{+}?|Which hashtags are trending in {country}{+}?|Show trending hashtags for {country}{+}.",
       returns=_trending, answer="The top hashtag in {country} is {hashtags[0][tag]} with {hashtags[0][posts]} posts, followed by {hashtags[1][tag]} and {hashtags[2][tag]}."),
    fn("Post Engagement Analytics", "Engagement figures of one post: likes, comments, shares, impressions, saves and engagement rate.",
       [POST_ID, P("metrics", "Which metrics to return; all when omitted.", ListOf(Enum("likes|comments|shares|impressions|saves"), 2, 3), "showing only {}|limited to {}").opt()],
       "get a post's engagement stats|see how a post performed",
       "How did post {post_id} perform{+}?|Show engagement for {post_id}{+}.|Give me the stats of post {post_id}{+}.",
       returns=_engagement, answer="Post {post_id} has {likes} likes, {comments} comments and {shares} shares from {impressions} impressions ({engagement_rate}% engagement)."),
    fn("block_account", "Block an account so it can no longer see or contact the user, optionally reporting it.",
       [USER.as_("username", say="called {}|named {}"), P("report", "Whether to also report the account to the platform.", Bool("reporting them too|reporting it as well", "without reporting them|but don't report it"), "{}").opt(False),
        P("reason", "Reason given with a report.", Enum("spam|harassment|impersonation|scam"), "for {}|as {}").opt()],
       "block an account|block someone",
       "Block {username}{+}.|Please block {username}{+}.|I want {username} blocked{+}."),
    fn("social.create_poll", "Post a poll with two to four options that stays open for a number of hours.",
       [P("question", "The poll question.", Pick(("Which one should we go with?", "What do you prefer?", "Help us decide!", "Which should we pick for next month?", "Vote for your favourite!"), quote=0.9), "asking {}", ask="What question should the poll ask?", axis=False),
        P("options", "Answer options, 2 to 4.", ListOf(Pick(("Dark mode", "Offline sync", "Widgets", "Lisbon", "Berlin", "Online", "In person", "Coffee", "Tea", "Red cover", "Blue cover")), 2, 4, conj="or"), "with options {}|choices {}", ask="What answer options should it have?"),
        P("duration_hours", "How long the poll stays open, in hours.", Int(1, 168), "open for {} hours|running {} hours").opt(24), PLATFORM_P.opt("x")],
       "create a poll|run a poll",
       "Create a poll asking {question} with options {options}{+}.|Run a poll: {question} Options: {options}{+}."),
    fn("update_profile", "Change profile details; only the fields given are changed.",
       [PLATFORM_P, P("profile", "Fields to change.", PROFILE_CHANGES, "setting {}|with {}", "new profile details", "What should I change on the profile?")],
       "update a social media profile|edit profile details",
       "Update my {platform} profile: {profile}.|On {platform}, change my profile to {profile}."),
    fn("sendDirectMessage", "Send a private direct message to another account.",
       [USER.as_("recipient", "Handle of the recipient without the leading @.", "to {}"), P("text", "Message text.", Pick(("Are you free for a call tomorrow?", "Loved your talk, can we collaborate?", "Here's the link I promised.", "Happy birthday!", "Can you send me the slides?"), quote=0.8), "saying {}|with the message {}", "message", "What should the message say?", axis=False),
        PLATFORM_P.opt("instagram")],
       "send a direct message|DM someone",
       "DM {recipient}{+}: {text}|Send {recipient} a message{+} saying {text}|Message {recipient}{+}: {text}"),
    fn("Influencer Finder", "Find creators in a niche with at least a given number of followers. Returns handles, follower counts and engagement rates.",
       [P("niche", "Content niche.", Enum("fitness|food|travel|beauty|tech|gaming|parenting|finance")), P("min_followers", "Minimum follower count.", Custom({"type": "integer"}, _followers), "with at least {} followers|with over {} followers", "minimum followers"),
        P("country", "Audience country.", COUNTRY, "in {}|based in {}").opt(), PLATFORM_P.opt("instagram"),
        P("min_engagement_rate", "Minimum engagement rate in percent, e.g. 2.5.", percent(1, 8, 0.5), "with an engagement rate of at least {}|engaging at least {} of their audience").opt()],
       "find influencers|look for creators to partner with",
       "Find {niche} influencers with at least {min_followers} followers{+}.|I need {niche} creators{+} with {min_followers} followers or more.",
       returns=_influencers, answer="The biggest {niche} creator I found is @{influencers[0][username]} with {influencers[0][followers]} followers ({influencers[0][engagement_rate]}% engagement)."),
]

CHAINS = [
    chain("social.search_posts", "reply_to_post", {"post_id": lambda res: max(res["posts"], key=lambda p: p["likes"])["post_id"]},
          "Find posts about {query} and reply to the most liked one with {message}|Search for {query} posts, then answer the top one (most likes) with {message}"),
    chain("Influencer Finder", "follow_user", {"username": lambda res: res["influencers"][0]["username"]},
          "Find {niche} influencers with at least {min_followers} followers and follow the biggest one.|Look for {niche} creators over {min_followers} followers, then follow whoever has the most."),
    chain("social.search_posts", "Post Engagement Analytics", {"post_id": lambda res: max(res["posts"], key=lambda p: p["likes"])["post_id"]},
          "Search posts about {query} and show me the engagement stats of the most liked one."),
]
