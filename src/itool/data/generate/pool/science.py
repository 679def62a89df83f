"""Science: chemistry, physics, astronomy, biology, earth science."""
# ruff: noqa: E501

from random import Random

from itool.data.generate.dsl import Custom, Date, Enum, Follows, Int, Num, P, Pick, Val, fn
from itool.data.generate.values import CITY, DATE, LAT, LON, grams

FORMULAS = ("H2O", "CO2", "NaCl", "C6H12O6", "H2SO4", "CaCO3", "NH3", "C2H5OH", "KMnO4", "Fe2O3", "CH4", "C8H10N4O2")
ELEMENTS = ("hydrogen", "helium", "carbon", "nitrogen", "oxygen", "sodium", "iron", "copper", "silver", "gold", "uranium", "neon", "calcium", "silicon")
PLANETS = Enum("mercury|venus|earth|mars|jupiter|saturn|uranus|neptune", {p: p.capitalize() for p in "mercury venus earth mars jupiter saturn uranus neptune".split()})


def _temperature(rng: Random) -> Val:
    c = rng.randint(-40, 120)
    return Val(c, rng.choice((f"{c}°C", f"{c} degrees Celsius", f"{c} C")))


def _dna(rng: Random) -> Val:
    seq = "".join(rng.choice("ACGT") for _ in range(rng.randint(8, 24)))
    return Val(seq, seq)


def _concentration(rng: Random) -> Val:
    """[H+] in mol/L said "2e-5 M", "2 x 10^-5 mol/L" or, when short, "0.002 M"."""
    exp, mant = rng.randint(1, 9), rng.choice((1, 2, 5))
    value = round(mant * 10.0**-exp, exp + 1)
    forms = [f"{mant}e-{exp} M", f"{mant} x 10^-{exp} mol/L"]
    if exp <= 3:
        forms.append(f"{value:.{exp}f} M")
    return Val(value, rng.choice(forms))


UNIT_KINDS = (("m", "km", "mi", "ft"), ("kg", "lb", "oz"), ("l", "gal"), ("c", "f"))
UNIT_WORDS = {"mi": "miles", "ft": "feet", "lb": "pounds", "oz": "ounces", "l": "litres", "gal": "gallons", "c": "°C|degrees Celsius|Celsius", "f": "°F|degrees Fahrenheit|Fahrenheit", "m": "metres", "km": "km|kilometres", "kg": "kg|kilograms"}
FROM_UNIT = Enum(tuple(u for kind in UNIT_KINDS for u in kind), UNIT_WORDS)


def _same_kind(rng: Random, unit: str) -> Val:
    """A different unit of the same kind as ``unit`` (never kilograms to miles)."""
    kind = next(k for k in UNIT_KINDS if unit in k)
    other = rng.choice([u for u in kind if u != unit])
    return Val(other, rng.choice(UNIT_WORDS[other].split("|")))


FUNCTIONS = [
    fn("molar_mass", "Molar mass in g/mol of a chemical formula.",
       [P("formula", "Chemical formula with element symbols and counts, e.g. C6H12O6.", Pick(FORMULAS), "of {}|for {}", ask="Which formula?")],
       "compute a molar mass|work out the molecular weight of a compound",
       "What's the molar mass of {formula}?|Molecular weight of {formula}?|Compute g/mol for {formula}.", needs_tool=False),
    fn("convert_units", "Convert a measurement between units of length, mass, volume or temperature.",
       [P("value", "Number to convert.", Num(0.5, 500, 0.5, words_p=0.2), "{}", ask="What value should I convert?"), P("from_unit", "Unit of the value.", FROM_UNIT, "{}", "unit"),
        P("to_unit", "Unit to convert to, of the same kind.", Follows("from_unit", FROM_UNIT.schema, _same_kind, FROM_UNIT), "to {}|into {}", "target unit")],
       "convert units|convert",
       "Convert {value} {from_unit} to {to_unit}.|How many {to_unit} is {value} {from_unit}?|What's {value} {from_unit} in {to_unit}?", needs_tool=False),
    fn("radioactive_decay", "Amount of a radioactive sample left after some time, from its half-life.",
       [P("initial_grams", "Starting mass in grams.", grams(10, 5000, 10), "from {}|starting with {}", "starting mass"), P("half_life_years", "Half-life in years.", Num(0.5, 30, 0.5), "with a half-life of {} years", "half-life"),
        P("elapsed_years", "Time passed in years.", Num(1, 100, 1), "after {} years", "elapsed time")],
       "calculate radioactive decay|work out how much of a sample is left",
       "How much of {initial_grams} is left after {elapsed_years} years with a half-life of {half_life_years} years?|A {initial_grams} sample has a half-life of {half_life_years} years; what remains after {elapsed_years} years?", needs_tool=False),
    fn("planet_facts", "Physical facts about a planet: mass, radius, gravity, day length and moons.",
       [P("planet", "Planet name.", PLANETS, "about {}|for {}", ask="Which planet?")],
       "look up planet facts|get planetary data",
       "How strong is gravity on {planet}?|How many moons does {planet} have?|Tell me the key facts about {planet}.", needs_tool=False),
    fn("sky.visible_planets", "Planets visible tonight from a location, with rise and set times.",
       [P("latitude", "Latitude.", LAT, "at latitude {}"), P("longitude", "Longitude.", LON, "and longitude {}"), P("date", "Night of, YYYY-MM-DD.", DATE, "on {}").opt()],
       "see which planets are visible|check what's in the night sky",
       "Which planets can I see from {latitude}, {longitude}{+}?|What's visible in the sky at {latitude}, {longitude}{+}?"),
    fn("iss_passes", "Upcoming passes of the International Space Station over a city.",
       [P("city", "City.", CITY, "over {}|from {}", ask="From which city?"), P("count", "How many passes.", Int(1, 10, words_p=0.5), "(next {})|- the next {}").opt(3)],
       "find when the space station passes over|get ISS pass times",
       "When does the ISS pass over {city}{+}?|Next International Space Station passes over {city}{+}?",
       returns=lambda rng, a: {"city": a["city"], "next_pass": f"2025-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}T{rng.randint(19, 23)}:{rng.randint(10, 59)}", "duration_seconds": rng.randint(120, 600)},
       answer="The next ISS pass over {city} is at {next_pass} and lasts {duration_seconds} seconds."),
    fn("element_info", "Atomic number, mass, group and properties of a chemical element.",
       [P("element", "Element name or symbol.", Pick(ELEMENTS), "for {}|about {}", ask="Which element?"), P("property", "Single property to return.", Enum("atomic_number|atomic_mass|melting_point|boiling_point|electronegativity", {"atomic_number": "atomic number", "atomic_mass": "atomic mass", "melting_point": "melting point", "boiling_point": "boiling point"}), "- the {}").opt()],
       "look up a chemical element|get element properties",
       "What's the {property} of {element}?|Tell me about {element}{+}.", needs_tool=False),
    fn("dna.reverse_complement", "Reverse complement of a DNA sequence.",
       [P("sequence", "DNA letters A, C, G, T.", Custom({"type": "string"}, _dna), "of {}", ask="What's the sequence?")],
       "reverse-complement a DNA sequence|get the complementary strand",
       "Reverse complement of {sequence}?|Give me the complementary strand of {sequence}, reversed.", needs_tool=False),
    fn("ph_from_concentration", "pH of a solution from its hydrogen ion concentration in mol/L.",
       [P("h_concentration", "Hydrogen ion concentration, mol/L.", Custom({"type": "number"}, _concentration), "of {}|with [H+] = {}", "concentration")],
       "compute a pH|work out the pH of a solution",
       "What's the pH if [H+] is {h_concentration}?|Compute the pH for a hydrogen ion concentration of {h_concentration}.", needs_tool=False),
    fn("ideal_gas_pressure", "Pressure of an ideal gas from moles, volume in litres and temperature in kelvin.",
       [P("moles", "Amount of gas in mol.", Num(0.5, 10, 0.5), "{} mol of gas|with {} moles"), P("volume_l", "Volume in litres.", Num(1, 50, 0.5), "in {} litres|in a {} L container"), P("temperature_k", "Temperature in kelvin.", Int(250, 600, 5, words_p=0.0), "at {} K")],
       "compute ideal gas pressure|apply the ideal gas law",
       "What's the pressure of {moles} mol of gas in {volume_l} litres at {temperature_k} K?|Ideal gas: n = {moles}, V = {volume_l} L, T = {temperature_k} K. Pressure?", needs_tool=False),
    fn("projectile_range", "Horizontal range and flight time of a projectile on flat ground.",
       [P("speed_ms", "Launch speed in m/s.", Num(5, 80, 0.5), "at {} m/s|launched at {} metres per second", "launch speed"), P("angle_deg", "Launch angle in degrees.", Int(5, 85, 5, words_p=0.2), "at {} degrees|at an angle of {} degrees", "angle"),
        P("gravity", "Gravitational acceleration in m/s^2.", Num(1.5, 25, 0.1), "with g = {}").opt(9.81)],
       "compute a projectile's range|work out how far something will fly",
       "How far does a projectile go at {speed_ms} m/s and {angle_deg} degrees{+}?|Range of a throw at {angle_deg} degrees and {speed_ms} m/s{+}?", needs_tool=False),
    fn("speed_of_sound", "Speed of sound in air at a temperature.",
       [P("temperature_c", "Air temperature in degrees Celsius.", Custom({"type": "integer"}, _temperature), "at {}", "temperature")],
       "compute the speed of sound|find how fast sound travels",
       "How fast is sound at {temperature_c}?|Speed of sound in air at {temperature_c}?", needs_tool=False),
    fn("recent_earthquakes", "Recent earthquakes above a magnitude, optionally near a point.",
       [P("min_magnitude", "Lowest magnitude.", Num(2.5, 7, 0.5, words_p=0.0), "of magnitude {} or more|above magnitude {}", "magnitude"), P("days", "How many past days.", Int(1, 30), "in the last {} days|over the past {} days").opt(7),
        P("near_city", "Only quakes near this city.", Pick(("Tokyo", "Los Angeles", "Istanbul", "Lima", "Santiago", "Manila", "Jakarta", "Mexico City", "Naples", "Reykjavik")), "near {}").opt()],
       "list recent earthquakes|check for earthquakes",
       "Any earthquakes above magnitude {min_magnitude}{+}?|List recent quakes of magnitude {min_magnitude} or more{+}."),
    fn("Asteroid Close Approaches", "Asteroids passing close to Earth between two dates.",
       [P("start_date", "First day, YYYY-MM-DD.", Date("2025-01-01", "2027-12-31"), "from {}|between {}", "start date"), P("end_date", "Last day, YYYY-MM-DD.", Date("2028-01-01", "2029-12-31"), "to {}|and {}", "end date"),
        P("max_distance_ld", "Only closer than this many lunar distances.", Int(1, 20, words_p=0.3), "within {} lunar distances").opt()],
       "list asteroid close approaches|check which asteroids pass near Earth",
       "Which asteroids pass near Earth between {start_date} and {end_date}{+}?|Asteroid flybys from {start_date} to {end_date}{+}?"),
]
