"""Geography: places, coordinates, borders, time zones."""
# ruff: noqa: E501

from itool.data.generate.dsl import Enum, Int, ListOf, P, Pick, fn
from itool.data.generate.values import CITY, COUNTRY, LAT, LON, STREETS, metres

LAT_P = P("latitude", "Latitude in decimal degrees.", LAT, "at latitude {}", ask="What's the latitude?")
LON_P = P("longitude", "Longitude in decimal degrees.", LON, "and longitude {}|longitude {}", ask="What's the longitude?")
COUNTRY_P = P("country", "Country name.", COUNTRY, "of {}|for {}", ask="Which country?")
ADDRESSES = tuple(f"{n} {s}" for n, s in zip((12, 221, 7, 48, 3, 150, 9, 31, 5, 77, 18, 64, 2, 90, 14, 26), STREETS, strict=True))
POSTCODES = ("1100-148", "SW1A 1AA", "10115", "75008", "00184", "1012 JS", "M5V 2T6", "94103", "2000", "110001", "100-0005", "01310-100", "8001", "D02 X285")


def _local_time(rng, a):
    offset = rng.choice((-8, -5, -3, 0, 1, 2, 3, 5.5, 8, 9, 10))
    return {"city": a["city"], "utc_offset": offset, "local_time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"}


def _geocode(rng, a):
    return {"address": a["address"], "latitude": round(rng.uniform(-40, 60), 5), "longitude": round(rng.uniform(-120, 140), 5)}


FUNCTIONS = [
    fn("country_facts", "Basic facts about a country: capital, population, area, currency and official languages.",
       [COUNTRY_P, P("fields", "Which facts to return; all when omitted.", ListOf(Enum("capital|population|area|currency|languages"), 1, 3), "- only the {}|giving its {}").opt()],
       "look up facts about a country|get country information",
       "Tell me about {country}{+}.|What are the {fields} of {country}?|Give me country facts for {country}{+}.",
       needs_tool=False),
    fn("geocode_address", "Coordinates of a street address or place name.",
       [P("address", "Street address or place, as written.", Pick(ADDRESSES), "for {}|of {}", ask="Which address?"), P("city", "City, to disambiguate.", CITY, "in {}").opt(), P("country", "Country, to disambiguate.", COUNTRY, "({})").opt()],
       "geocode an address|get the coordinates of an address",
       "What are the coordinates of {address}{+}?|Geocode {address}{+}.|Find latitude and longitude for {address}{+}.",
       returns=_geocode, answer="{address} is at {latitude}, {longitude}."),
    fn("reverseGeocode", "The address or place name at a pair of coordinates.",
       [LAT_P, LON_P, P("language", "Language of the result, ISO 639-1 code.", Pick(("en", "fr", "de", "es", "pt", "ja")), "in language {}").opt("en")],
       "reverse geocode coordinates|find the address at coordinates",
       "What's at {latitude}, {longitude}{+}?|Which address is at coordinates {latitude}, {longitude}{+}?"),
    fn("Distance Between Cities", "Great-circle distance between two cities.",
       [P("from_city", "First city.", CITY, "from {}", "starting city", "Which city are you starting from?"), P("to_city", "Second city.", CITY, "to {}", "destination city", "To which city?"),
        P("unit", "Distance unit.", Enum("km|miles", {"km": "km|kilometres", "miles": "miles"}), "in {}").opt("km")],
       "measure the distance between cities|find out how far it is",
       "How far is {from_city} from {to_city}{+}?|Distance between {from_city} and {to_city}{+}?|How many {unit} from {from_city} to {to_city}?",
       needs_tool=False),
    fn("get_local_time", "Current local time and UTC offset in a city.",
       [P("city", "City name.", CITY, "in {}", ask="Which city?")],
       "get the local time|find out what time it is somewhere",
       "What time is it in {city}?|Current local time in {city}?|What's the time in {city} right now?",
       returns=_local_time, answer="It's {local_time} in {city} (UTC{utc_offset:+g})."),
    fn("elevation_at", "Elevation above sea level at coordinates.",
       [LAT_P, LON_P, P("unit", "Unit of the result.", Enum("m|ft", {"m": "metres|meters", "ft": "feet"}), "in {}").opt("m")],
       "get the elevation of a point|find the altitude at coordinates",
       "What's the elevation at {latitude}, {longitude}{+}?|How high above sea level is {latitude}, {longitude}{+}?"),
    fn("geo.neighbours", "Countries that share a land border with a country.",
       [COUNTRY_P], "list neighbouring countries|find which countries border a country",
       "Which countries border {country}?|What are {country}'s neighbours?", needs_tool=False),
    fn("largest_cities", "Largest cities of a country by population.",
       [COUNTRY_P, P("min_population", "Only cities with at least this many people.", Int(50000, 2000000, 50000), "with over {} people|above {} inhabitants").opt(), P("limit", "Maximum number of cities.", Int(3, 25), "(top {})|- {} of them").opt(10)],
       "list the biggest cities in a country|find major cities",
       "What are the biggest cities in {country}{+}?|List the largest cities of {country}{+}.", needs_tool=False),
    fn("postal_code_lookup", "Place, region and coordinates of a postal code.",
       [P("postal_code", "Postal code as written.", Pick(POSTCODES), "for {}", ask="Which postal code?"), P("country", "Country of the code.", COUNTRY, "in {}").opt()],
       "look up a postal code|find where a postcode is",
       "Where is postal code {postal_code}{+}?|Look up postcode {postal_code}{+}."),
    fn("geo.nearby_places", "Points of interest of a type within a radius of coordinates.",
       [LAT_P, LON_P, P("radius_m", "Search radius in metres.", metres(200, 20000, 100), "within {}", "radius"), P("place_type", "Kind of place.", Enum("cafe|restaurant|pharmacy|atm|park|museum|hospital|supermarket", {"cafe": "cafes", "restaurant": "restaurants", "pharmacy": "pharmacies", "atm": "ATMs|cash machines", "park": "parks", "museum": "museums", "hospital": "hospitals", "supermarket": "supermarkets"}), "for {}", ask="What kind of place?")],
       "find places nearby|search for points of interest",
       "Find {place_type} within {radius_m} of {latitude}, {longitude}.|Any {place_type} near {latitude}, {longitude}{+}?"),
    fn("country_calling_code", "International dialling code of a country.",
       [COUNTRY_P], "get a country's dialling code|find an international calling code",
       "What's the dialling code for {country}?|Which country code do I use to call {country}?", needs_tool=False),
    fn("time_difference", "Current time difference in hours between two cities, daylight saving included.",
       [P("city_a", "First city.", CITY, "between {}"), P("city_b", "Second city.", CITY, "and {}")],
       "compute a time difference|find the time difference",
       "What's the time difference between {city_a} and {city_b}?|How many hours ahead is {city_a} of {city_b}?"),
    fn("point_in_country", "Which country, region and time zone contain a pair of coordinates.",
       [LAT_P, LON_P], "find which country coordinates are in|identify the country at a location",
       "Which country is {latitude}, {longitude} in?|What region contains the point {latitude}, {longitude}?"),
    fn("River Info", "Length, source, mouth and countries of a river.",
       [P("river", "River name.", Pick(("Danube", "Rhine", "Nile", "Amazon", "Mekong", "Mississippi", "Thames", "Douro", "Volga", "Ganges", "Loire", "Yangtze")), "about the {}|for the {}", ask="Which river?"),
        P("units", "Unit for the length.", Enum("km|miles"), "in {}").opt("km")],
       "look up river facts|get river information",
       "How long is the {river}{+}?|Where does the {river} start and end?|Tell me about the {river}{+}.", needs_tool=False),
]
