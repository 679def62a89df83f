"""Value pools and ready-made generators shared by the domain modules.

Pools are tuples (ordered), so that a seeded ``Random`` draws the same values on every
machine. Names and places are ordinary public words; codes and IDs are invented.
"""

from __future__ import annotations

from random import Random

from itool.data.generate.dsl import (
    Code,
    Custom,
    Date,
    DateTime,
    Gen,
    Int,
    Measure,
    Num,
    Pick,
    Time,
    Val,
)
from itool.data.generate.words import say_int

CITIES = (
    "Lisbon", "Porto", "Madrid", "Barcelona", "Valencia", "Paris", "Lyon", "Marseille",
    "Berlin", "Munich", "Hamburg", "Vienna", "Zurich", "Geneva", "Rome", "Milan", "Naples",
    "Florence", "Amsterdam", "Rotterdam", "Brussels", "Copenhagen", "Stockholm", "Oslo",
    "Helsinki", "Dublin", "Edinburgh", "London", "Manchester", "Prague", "Warsaw", "Krakow",
    "Budapest", "Athens", "Istanbul", "Cairo", "Nairobi", "Lagos", "Cape Town", "Casablanca",
    "Dubai", "Doha", "Mumbai", "Delhi", "Bangalore", "Singapore", "Bangkok", "Hanoi",
    "Kuala Lumpur", "Jakarta", "Manila", "Hong Kong", "Shanghai", "Beijing", "Seoul",
    "Tokyo", "Osaka", "Sydney", "Melbourne", "Auckland", "Toronto", "Montreal", "Vancouver",
    "New York", "Boston", "Chicago", "Denver", "Austin", "Seattle", "San Francisco",
    "Los Angeles", "Miami", "Atlanta", "Mexico City", "Bogota", "Lima", "Santiago",
    "Buenos Aires", "Sao Paulo", "Rio de Janeiro", "Reykjavik", "Tallinn", "Riga", "Vilnius",
)

COUNTRIES = (
    "Portugal", "Spain", "France", "Germany", "Austria", "Switzerland", "Italy",
    "Netherlands", "Belgium", "Denmark", "Sweden", "Norway", "Finland", "Ireland",
    "United Kingdom", "Czech Republic", "Poland", "Hungary", "Greece", "Turkey", "Egypt",
    "Kenya", "Nigeria", "South Africa", "Morocco", "India", "Singapore", "Thailand",
    "Vietnam", "Malaysia", "Indonesia", "Philippines", "Japan", "South Korea", "Australia",
    "New Zealand", "Canada", "United States", "Mexico", "Colombia", "Peru", "Chile",
    "Argentina", "Brazil", "Iceland", "Estonia", "Latvia", "Lithuania",
)

AIRPORTS = (
    "LIS", "OPO", "MAD", "BCN", "CDG", "ORY", "FRA", "MUC", "BER", "VIE", "ZRH", "FCO",
    "MXP", "AMS", "BRU", "CPH", "ARN", "OSL", "HEL", "DUB", "LHR", "LGW", "MAN", "PRG",
    "WAW", "ATH", "IST", "CAI", "NBO", "JNB", "DXB", "DOH", "BOM", "DEL", "SIN", "BKK",
    "HKG", "ICN", "NRT", "HND", "SYD", "MEL", "AKL", "YYZ", "YVR", "JFK", "BOS", "ORD",
    "DEN", "SEA", "SFO", "LAX", "MIA", "ATL", "MEX", "BOG", "LIM", "GRU", "EZE", "KEF",
)

FIRST_NAMES = (
    "Ana", "Priya", "Liam", "Sofia", "Mateo", "Yuki", "Amara", "Noah", "Chloe", "Omar",
    "Elena", "Kwame", "Ingrid", "Ravi", "Mei", "Lucas", "Fatima", "Jonas", "Camila",
    "Tariq", "Hannah", "Diego", "Aisha", "Felix", "Nadia", "Arjun", "Zoe", "Kenji",
    "Leila", "Marco", "Grace", "Sven", "Isabel", "Tomás", "Chen", "Olga", "Samuel",
    "Maya", "Hugo", "Ines",
)
LAST_NAMES = (
    "Silva", "Raman", "O'Connor", "Rossi", "Fernández", "Tanaka", "Okafor", "Müller",
    "Dubois", "Haddad", "Novak", "Mensah", "Larsen", "Patel", "Wong", "Moreau", "Khan",
    "Berg", "Castro", "Rahman", "Schmidt", "Lopez", "Bello", "Fischer", "Petrova",
    "Iyer", "Clarke", "Sato", "Nasser", "Conti", "Hughes", "Lindqvist", "Ortega", "Liu",
    "Ivanova", "Adeyemi", "Kowalski", "Hernández", "Nguyen", "Costa",
)

COMPANIES = (
    "Northwind Traders", "Bluepeak Labs", "Acme Robotics", "Greenfield Foods",
    "Orbital Dynamics", "Harbor & Finch", "Lumen Analytics", "Redwood Logistics",
    "Silverline Media", "Brightpath Health", "Cobalt Systems", "Maple Street Bakery",
    "Quantum Leaf", "Tidewater Energy", "Nimbus Cloud", "Juniper Design Studio",
)

TICKERS = (
    "AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "TSLA", "META", "NFLX", "IBM", "ORCL", "INTC",
    "AMD", "SAP", "ASML", "SHOP", "UBER", "DIS", "KO", "PEP", "NKE", "V", "MA", "JPM", "BAC",
)

CURRENCIES = (
    "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN",
    "CZK", "INR", "SGD", "HKD", "KRW", "BRL", "MXN", "ZAR", "TRY", "AED", "THB", "CNY",
)
CURRENCY_NAMES = {
    "USD": "US dollars", "EUR": "euros", "GBP": "British pounds", "JPY": "Japanese yen",
    "CHF": "Swiss francs", "CAD": "Canadian dollars", "AUD": "Australian dollars",
    "INR": "Indian rupees", "SEK": "Swedish kronor", "BRL": "Brazilian reais",
    "MXN": "Mexican pesos", "SGD": "Singapore dollars",
}

LANGUAGES = (
    "English", "Spanish", "French", "German", "Italian", "Portuguese", "Dutch", "Swedish",
    "Polish", "Greek", "Turkish", "Arabic", "Hindi", "Japanese", "Korean", "Mandarin",
    "Vietnamese", "Swahili", "Finnish", "Czech",
)
LANGUAGE_CODES = (
    "en", "es", "fr", "de", "it", "pt", "nl", "sv", "pl", "el", "tr", "ar", "hi", "ja",
    "ko", "zh", "vi", "sw", "fi", "cs",
)

EMAIL_DOMAINS = ("example.com", "mail.example.org", "acme.io", "northwind.co", "uni.edu")

STREETS = (
    "Elm Street", "Maple Avenue", "Harbour Road", "Station Lane", "Rua das Flores",
    "Baker Street", "Oak Drive", "Kingsway", "Mill Road", "Park Terrace", "Calle Mayor",
    "Linden Allee", "Canal Street", "Hillside Close", "Rue Lafayette", "Via Roma",
)

COLORS = ("red", "blue", "green", "black", "white", "grey", "navy", "beige", "orange", "purple")


def _person(rng: Random) -> Val:
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    return Val(name, name)


def _email(rng: Random) -> Val:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randint(1, 99)}"))
    local = "".join(ch for ch in local.lower() if ch.isascii() and (ch.isalnum() or ch == "."))
    value = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
    return Val(value, value)


def _phone(rng: Random) -> Val:
    value = f"+{rng.choice((1, 44, 49, 33, 351, 34, 91, 81))}{rng.randint(200000000, 999999999)}"
    return Val(value, value)


def _money_text(rng: Random, amount: float, currency: str) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency)
    whole = float(amount).is_integer()
    digits = say_int(rng, int(amount), 0.15) if whole else f"{amount:.2f}"
    if symbol and rng.random() < 0.6:
        return f"{symbol}{digits}" if digits[0].isdigit() else f"{digits} {CURRENCY_NAMES[currency]}"
    name = CURRENCY_NAMES.get(currency, currency)
    return rng.choice((f"{digits} {currency}", f"{digits} {name}"))


def money(lo: int, hi: int, currency: str = "USD", cents: bool = False, step: int = 5) -> Gen:
    """An amount of money in ``currency`` said "$250", "250 US dollars", "250 USD"."""

    def draw(rng: Random) -> Val:
        amount: float = float(rng.randrange(lo, hi + 1, step))
        if cents and rng.random() < 0.4:
            amount = round(amount + rng.choice((0.25, 0.5, 0.75, 0.99)), 2)
        return Val(amount, _money_text(rng, amount, currency))

    return Custom({"type": "number"}, draw)


def percent_fraction(lo: int, hi: int, step: int = 5) -> Gen:
    """A percentage given as a fraction (value 0.15) and said "15%" or "15 percent"."""

    def draw(rng: Random) -> Val:
        pct = rng.randrange(lo, hi + 1, step)
        text = rng.choice((f"{pct}%", f"{pct} percent", f"{pct} per cent"))
        if pct == 50 and rng.random() < 0.5:
            text = "half"
        if pct == 25 and rng.random() < 0.5:
            text = "a quarter"
        return Val(round(pct / 100, 4), text)

    return Custom({"type": "number"}, draw)


def percent(lo: float, hi: float, step: float = 0.5) -> Gen:
    """A percentage given in percent (value 4.5) and said "4.5%" or "4.5 percent"."""

    def draw(rng: Random) -> Val:
        k = rng.randint(0, round((hi - lo) / step))
        pct = round(lo + k * step, 4)
        shown = f"{pct:g}"
        return Val(pct, rng.choice((f"{shown}%", f"{shown} percent")))

    return Custom({"type": "number"}, draw)


def minutes(lo: int, hi: int, step: int = 15) -> Gen:
    """A duration in minutes said "45 minutes", "an hour and a half", "2 hours"."""

    def draw(rng: Random) -> Val:
        m = rng.randrange(lo, hi + 1, step)
        forms = [f"{m} minutes", f"{m} min"]
        if m == 60:
            forms += ["an hour", "one hour"]
        elif m == 90:
            forms += ["an hour and a half", "1.5 hours", "one and a half hours"]
        elif m % 60 == 0:
            forms += [f"{m // 60} hours", f"{say_int(rng, m // 60, 1.0)} hours"]
        elif m == 30:
            forms += ["half an hour", "thirty minutes"]
        return Val(m, rng.choice(forms))

    return Custom({"type": "integer"}, draw)


def days(lo: int, hi: int) -> Gen:
    """A number of days, sometimes said in weeks ("2 weeks" -> 14)."""

    def draw(rng: Random) -> Val:
        d = rng.randint(lo, hi)
        forms = [f"{say_int(rng, d)} days"] if d != 1 else ["one day", "a day"]
        if d % 7 == 0:
            w = d // 7
            forms += ["a week" if w == 1 else f"{say_int(rng, w, 0.5)} weeks"]
        return Val(d, rng.choice(forms))

    return Custom({"type": "integer"}, draw)


def metres(lo: int, hi: int, step: int) -> Gen:
    """A distance in metres, said in m or km ("2 km" -> 2000)."""
    return Measure(lo, hi, step, [(1, "{} m"), (1, "{} metres"), (1000, "{} km"), (1000, "{} kilometres")])


def kilometres(lo: int, hi: int, step: int = 1) -> Gen:
    return Measure(lo, hi, step, [(1, "{} km"), (1, "{} kilometres")])


def kilograms(lo: float, hi: float, step: float, in_grams: bool = True) -> Gen:
    """A weight in kg (number), said in kg or, if ``in_grams``, grams ("500 g" -> 0.5)."""
    forms = [(1, "{} kg"), (1, "{} kilos")]
    if in_grams:
        forms += [(0.001, "{} g"), (0.001, "{} grams")]
    return Measure(lo, hi, step, forms, integer=False)


def grams(lo: int, hi: int, step: int) -> Gen:
    """A weight in grams (integer), said in g or kg ("1.5 kg" -> 1500)."""
    return Measure(lo, hi, step, [(1, "{} g"), (1, "{} grams"), (1000, "{} kg")])


def megabytes(lo: int, hi: int, step: int) -> Gen:
    """A size in MB, said in MB or GB ("2 GB" -> 2048)."""
    return Measure(lo, hi, step, [(1, "{} MB"), (1024, "{} GB")])


def seconds(lo: int, hi: int, step: int) -> Gen:
    """A duration in seconds, said in seconds or minutes ("2 minutes" -> 120)."""
    return Measure(lo, hi, step, [(1, "{} seconds"), (1, "{}s"), (60, "{} minutes")])


PERSON = Custom({"type": "string"}, _person)
EMAIL = Custom({"type": "string"}, _email)
PHONE = Custom({"type": "string"}, _phone)
CITY = Pick(CITIES)
COUNTRY = Pick(COUNTRIES)
AIRPORT = Pick(AIRPORTS)
COMPANY = Pick(COMPANIES)
TICKER = Pick(TICKERS)
CURRENCY = Pick(CURRENCIES)
LANGUAGE = Pick(LANGUAGES)
DATE = Date()
TIME = Time()
DATETIME = DateTime()
COUNT = Int(1, 10)
LIMIT = Int(3, 50)
YEAR = Int(1990, 2025, words_p=0.0)
LAT = Num(-60, 70, 0.0001, words_p=0.0)
LON = Num(-170, 170, 0.0001, words_p=0.0)


def ident(rng: Random, pattern: str) -> str:
    """An invented identifier for tool results, same pattern language as ``Code``."""
    return Code(pattern)(rng).value


def distinct_numbers(rng: Random, k: int, lo: float, hi: float, step: float = 1) -> list[float]:
    """``k`` different numbers on a grid, for results where "the cheapest" or "the
    best rated" must be unambiguous."""
    grid = round((hi - lo) / step)
    picks = rng.sample(range(grid + 1), k)
    numbers = [round(lo + i * step, 2) for i in picks]
    if float(step).is_integer() and float(lo).is_integer():
        return [int(x) for x in numbers]
    return numbers
