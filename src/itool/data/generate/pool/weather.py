"""Weather: current conditions, forecasts, air, sun, sea and snow."""
# ruff: noqa: E501

from itool.data.generate.dsl import Bool, Date, Enum, Int, P, Pick, fn
from itool.data.generate.values import CITY, COUNTRY, DATE, LAT, LON, metres

CITY_P = P("city", "City name, e.g. Lisbon.", CITY, "in {}|for {}", ask="Which city?")
UNITS = P("units", "Unit system for temperatures and speeds.", Enum("metric|imperial", {"metric": "in Celsius|in metric units", "imperial": "in Fahrenheit|in imperial units"}), "{}")
LAT_P = P("latitude", "Latitude in decimal degrees.", LAT, "at latitude {}", ask="What's the latitude?")
LON_P = P("longitude", "Longitude in decimal degrees.", LON, "and longitude {}|longitude {}", ask="What's the longitude?")
CONDITIONS = ("sunny", "partly cloudy", "overcast", "light rain", "heavy rain", "foggy", "windy", "snowing", "clear")
RESORTS = ("Zermatt", "Whistler", "Chamonix", "St. Anton", "Niseko", "Aspen", "Val Thorens", "Verbier", "Kitzbühel", "Cortina d'Ampezzo")


def _current(rng, a):
    imperial = a.get("units") == "imperial"
    temp = rng.randint(20, 95) if imperial else rng.randint(-8, 36)
    return {"city": a["city"], "temperature": temp, "unit": "F" if imperial else "C", "condition": rng.choice(CONDITIONS), "humidity": rng.randint(20, 95)}


def _forecast(rng, a):
    days = a.get("days", 3)
    return {"city": a["city"], "days": [{"day": i + 1, "high": rng.randint(5, 32), "low": rng.randint(-5, 15), "condition": rng.choice(CONDITIONS)} for i in range(days)]}


FUNCTIONS = [
    fn("get_current_weather", "Current weather in a city: temperature, condition and humidity.",
       [CITY_P, UNITS.opt("metric")],
       "get the current weather|check what the weather is like",
       "What's the weather like in {city} right now{+}?|How's the weather in {city}{+}?|Current conditions in {city}{+}, please.|Is it raining in {city} at the moment{+}?",
       returns=_current, answer="It's {temperature}°{unit} and {condition} in {city}, with {humidity}% humidity.|Right now {city} is {condition} at {temperature}°{unit}."),
    fn("getWeatherForecast", "Daily weather forecast for a city for the next 1 to 10 days.",
       [CITY_P, P("days", "Number of days to forecast, 1-10.", Int(1, 10, words_p=0.5), "for the next {} days|for {} days", "number of days", "For how many days?"), UNITS.opt("metric")],
       "get a weather forecast|see the forecast",
       "What's the forecast for {city} for the next {days} days{+}?|Give me a {days}-day forecast for {city}{+}.|Will it rain in {city} over the next {days} days{+}?",
       returns=_forecast, answer="Day 1 in {city}: {days[0][condition]}, high {days[0][high]}, low {days[0][low]}."),
    fn("Air Quality Index", "Air quality index of a city, overall or for one pollutant.",
       [CITY_P, P("pollutant", "Pollutant to report.", Enum("pm25|pm10|o3|no2|so2", {"pm25": "PM2.5", "pm10": "PM10", "o3": "ozone", "no2": "nitrogen dioxide", "so2": "sulphur dioxide"}), "for {}|- just {}").opt()],
       "check the air quality|get the air pollution level",
       "How's the air quality in {city}{+}?|What's the AQI in {city}{+}?|Is the air in {city} clean today{+}?",
       returns=lambda rng, a: {"city": a["city"], "aqi": rng.randint(8, 180), "category": rng.choice(("good", "moderate", "unhealthy for sensitive groups"))},
       answer="The air quality index in {city} is {aqi} ({category})."),
    fn("uv_index", "UV index at a location and date.",
       [LAT_P, LON_P, P("date", "Date, YYYY-MM-DD; today when omitted.", DATE, "on {}").opt()],
       "get the UV index|check how strong the sun is",
       "What's the UV index at {latitude}, {longitude}{+}?|UV index for coordinates {latitude}, {longitude}{+}?"),
    fn("weather.alerts", "Active severe-weather alerts for a country, optionally only above a severity.",
       [P("country", "Country name.", COUNTRY, "in {}|for {}", ask="Which country?"), P("min_severity", "Lowest severity to include.", Enum("minor|moderate|severe|extreme"), "at least {}|of {} severity or worse").opt("moderate")],
       "check weather warnings|list severe weather alerts",
       "Are there any weather warnings in {country}{+}?|List weather alerts for {country}{+}."),
    fn("sun_times", "Sunrise, sunset and day length for a city on a date.",
       [CITY_P, P("date", "Date, YYYY-MM-DD.", DATE, "on {}", ask="For which date?")],
       "get sunrise and sunset times|find out when the sun rises",
       "When does the sun rise in {city} on {date}?|Sunrise and sunset in {city} on {date}?|What time is sunset in {city} on {date}?",
       returns=lambda rng, a: {"city": a["city"], "date": a["date"], "sunrise": f"0{rng.randint(5, 7)}:{rng.randint(10, 59)}", "sunset": f"{rng.randint(17, 21)}:{rng.randint(10, 59)}"},
       answer="On {date} the sun rises at {sunrise} and sets at {sunset} in {city}."),
    fn("historicalWeather", "Recorded weather for a city on a past date.",
       [CITY_P, P("date", "Past date, YYYY-MM-DD.", Date("2015-01-01", "2024-12-31"), "on {}", ask="Which date?"), UNITS.opt("metric")],
       "look up past weather|find out what the weather was",
       "What was the weather in {city} on {date}{+}?|How hot was it in {city} on {date}{+}?"),
    fn("pollen_forecast", "Pollen levels for the coming days in a city.",
       [CITY_P, P("pollen_type", "Kind of pollen.", Enum("tree|grass|weed|all"), "for {} pollen").opt("all"), P("days", "Days ahead, 1-5.", Int(1, 5, words_p=0.5), "for the next {} days").opt(3)],
       "get a pollen forecast|check pollen levels",
       "What's the {pollen_type} pollen count in {city}{+}?|How bad is pollen in {city}{+}?"),
    fn("Marine Conditions", "Wave height, water temperature and optionally tides at a coastal point.",
       [LAT_P, LON_P, P("include_tides", "Whether to add tide times.", Bool("with tide times|including tides", "without tides"), "{}").opt(False)],
       "check sea conditions|get the surf and marine forecast",
       "What are sea conditions at {latitude}, {longitude}{+}?|How big are the waves at {latitude} / {longitude}{+}?"),
    fn("snow_report", "Snow depth, fresh snow and open lifts at a ski resort.",
       [P("resort", "Ski resort name.", Pick(RESORTS), "at {}|in {}", ask="Which ski resort?"), P("units", "Unit for depths.", Enum("cm|inches"), "in {}").opt("cm")],
       "get a snow report|check ski conditions",
       "How's the snow at {resort}{+}?|Snow report for {resort}{+}, please.|How much fresh snow does {resort} have{+}?",
       returns=lambda rng, a: {"resort": a["resort"], "unit": a.get("units", "cm"), "base_depth": rng.randint(40, 250), "fresh_snow": rng.randint(0, 45), "open_lifts": rng.randint(3, 60)},
       answer="{resort} has a {base_depth} {unit} base, {fresh_snow} {unit} of fresh snow and {open_lifts} lifts open."),
    fn("hourly_precipitation", "Chance of rain for each hour of a day in a city.",
       [CITY_P, P("date", "Date, YYYY-MM-DD.", DATE, "on {}"), P("start_hour", "First hour, 0-23.", Int(0, 23, words_p=0.0), "from hour {}|starting at {}:00").opt(0), P("hours", "How many hours to cover.", Int(1, 24), "for {} hours|over {} hours").opt(24)],
       "get the hourly chance of rain|check when it will rain",
       "Hour by hour, will it rain in {city} on {date}{+}?|What's the chance of rain in {city} on {date}{+}?"),
    fn("climate_normals", "Long-term average temperature and rainfall of a city for a month.",
       [CITY_P, P("month", "Month name.", Enum("january|february|march|april|may|june|july|august|september|october|november|december", {m: m.capitalize() for m in "january february march april may june july august september october november december".split()}), "in {}", ask="Which month?")],
       "look up typical weather for a month|get climate averages",
       "What's the weather usually like in {city} in {month}?|How warm is {city} on average in {month}?|Typical rainfall in {city} during {month}?"),
    fn("wind_forecast", "Wind speed and direction forecast for a city at a height above ground.",
       [CITY_P, P("height_m", "Height above ground in metres.", metres(10, 3000, 10), "at {}|at a height of {}", "height").opt(10), UNITS.opt("metric")],
       "get a wind forecast|check how windy it will be",
       "How windy will it be in {city}{+}?|Wind forecast for {city}{+}."),
    fn("storm_tracker", "Active tropical storms in an ocean basin with position and strength.",
       [P("basin", "Ocean basin.", Enum("atlantic|east_pacific|west_pacific|north_indian|south_indian|australian", {"east_pacific": "eastern Pacific", "west_pacific": "western Pacific", "north_indian": "north Indian Ocean", "south_indian": "south Indian Ocean", "australian": "Australian region"}), "in the {}", ask="Which ocean basin?"),
        P("min_category", "Lowest storm category to list, 1-5.", Int(1, 5, words_p=0.5), "of category {} or stronger").opt(1)],
       "track tropical storms|check for hurricanes",
       "Any active storms in the {basin}{+}?|Track hurricanes in the {basin}{+}."),
]
