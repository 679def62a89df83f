"""Automotive: VINs and recalls, servicing, EV charging, connected-car controls, used cars."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
    DateTime,
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
from itool.data.generate.values import (
    CITY,
    PERSON,
    PHONE,
    distinct_numbers,
    ident,
    kilometres,
    minutes,
    money,
)
from itool.data.generate.words import say_int

MODELS = {
    "Toyota": ("Corolla", "RAV4", "Camry", "Yaris"),
    "Volkswagen": ("Golf", "Polo", "Passat", "ID.4"),
    "Ford": ("Focus", "Fiesta", "Mustang", "F-150"),
    "Honda": ("Civic", "Accord", "CR-V", "Jazz"),
    "BMW": ("3 Series", "X3", "i4", "5 Series"),
    "Renault": ("Clio", "Megane", "Zoe", "Captur"),
    "Hyundai": ("Tucson", "Kona", "i30", "Ioniq 5"),
    "Tesla": ("Model 3", "Model Y", "Model S"),
    "Kia": ("Sportage", "Niro", "Ceed", "EV6"),
    "Peugeot": ("208", "308", "3008", "2008"),
}
ELECTRIC = ("ID.4", "i4", "Zoe", "Ioniq 5", "Model 3", "Model Y", "Model S", "EV6")
VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"  # VINs never use I, O or Q
TROUBLE_CODES = {
    "P0300": "random or multiple cylinder misfire detected",
    "P0301": "cylinder 1 misfire detected",
    "P0420": "catalyst system efficiency below threshold (bank 1)",
    "P0171": "system too lean (bank 1)",
    "P0128": "coolant temperature below thermostat regulating temperature",
    "P0442": "small leak detected in the evaporative emission system",
    "P0455": "large leak detected in the evaporative emission system",
    "P0700": "transmission control system malfunction",
    "P0113": "intake air temperature sensor circuit high",
    "P0505": "idle air control system malfunction",
}


def _make_model(rng):
    make = rng.choice(tuple(MODELS))
    return make, rng.choice(MODELS[make])


def _vehicle_name(rng):
    make, model = _make_model(rng)
    return Val(f"{make} {model}", f"{make} {model}")


def _vehicle_obj(rng):
    """A car as an object, said the way people say it: "a 2019 Honda Civic"."""
    (make, model), year = _make_model(rng), rng.randint(2008, 2025)
    return Val({"make": make, "model": model, "year": year}, rng.choice((f"a {year} {make} {model}", f"my {make} {model} from {year}")))


def _vin(rng):
    value = "".join(rng.choice(VIN_CHARS) for _ in range(17))
    return Val(value, f'"{value}"' if rng.random() < 0.2 else value)


def _miles(rng):
    """Odometer miles said "45,000 miles", "45k miles" or "45000 mi"."""
    thousands = rng.randrange(5, 200, 5)
    n = thousands * 1000
    return Val(n, rng.choice((f"{n:,} miles", f"{thousands}k miles", f"{n} mi", f"{say_int(rng, thousands, 0.3)} thousand miles")))


VEHICLE_NAME = Custom({"type": "string"}, _vehicle_name)
VEHICLE_OBJ = Custom({"type": "object", "properties": {"make": {"type": "string", "description": "Manufacturer, e.g. Toyota."}, "model": {"type": "string", "description": "Model name, e.g. Corolla."}, "year": {"type": "integer", "description": "Model year."}}, "required": ["make", "model", "year"]}, _vehicle_obj)
VIN = P("vin", "17-character vehicle identification number.", Custom({"type": "string"}, _vin), "with VIN {}|for VIN {}", "VIN", "What's the car's VIN (17 characters)?")
VEHICLE_ID = P("vehicle_id", "ID of the connected vehicle as shown in the app, e.g. CAR-20931.", Code("CAR-#####"), "for vehicle {}|on car {}", "vehicle ID", "Which vehicle (its ID in the app)?")
MODEL_P = P("vehicle", "Make and model, e.g. Toyota Corolla.", VEHICLE_NAME, "for a {}|for the {}", "make and model", "Which make and model?")
YEAR_P = P("year", "Model year.", Int(2012, 2025, words_p=0.0), "from {}|built in {}", "model year", "What model year is it?")
CONNECTOR = Enum("ccs|chademo|type2|nacs|j1772", {"ccs": "CCS", "chademo": "CHAdeMO", "type2": "Type 2", "nacs": "NACS|Tesla", "j1772": "J1772"})


def _trade_in(rng, a):
    low = rng.randrange(2000, 30000, 100)
    return {"vehicle": a["vehicle"], "year": a["year"], "low": low, "high": low + rng.randrange(500, 4000, 100), "currency": "USD"}


def _tyres(rng, a):
    """Four pressures in the requested unit, around 2.0-2.5 bar."""
    unit = a.get("unit", "psi")
    scale, digits = {"psi": (14.5038, 0), "bar": (1.0, 1), "kpa": (100.0, 0)}[unit]
    readings = [round(rng.uniform(1.9, 2.6) * scale, digits) for _ in range(4)]
    if digits == 0:
        readings = [int(r) for r in readings]
    return {"vehicle_id": a["vehicle_id"], "unit": unit, **dict(zip(("front_left", "front_right", "rear_left", "rear_right"), readings, strict=True))}


def _recalls(rng, a):
    issues = rng.sample(("airbag inflator may rupture", "brake fluid leak", "rear-view camera fails", "fuel pump may stop working", "seat belt anchor may detach", "software can disable power steering"), rng.randint(0, 2))
    return {"vehicle": a["vehicle"], "year": a["year"], "open_recalls": len(issues), "recalls": [{"campaign": ident(rng, "##V-###"), "issue": i} for i in issues]}


def _decoded(rng, a):
    make, model = _make_model(rng)
    engine = "electric" if model in ELECTRIC else rng.choice(("1.5L petrol", "2.0L diesel", "1.8L hybrid", "2.5L petrol"))
    return {"vin": a["vin"], "make": make, "model": model, "year": rng.randint(2012, 2025), "engine": engine, "assembly_country": rng.choice(("Japan", "Germany", "United States", "South Korea", "France", "Spain"))}


def _stations(rng, a):
    powers = sorted(distinct_numbers(rng, 3, 1, 7), reverse=True)
    names = rng.sample(("Ionity Riverside", "Fastned Ring Road", "City Hall Garage", "Retail Park North", "Harbour Car Park", "Motorway Services East"), 3)
    return {"city": a["city"], "stations": [{"station_id": ident(rng, "CHG-####"), "name": n, "max_power_kw": p * 50, "available": rng.random() < 0.7} for n, p in zip(names, powers, strict=True)]}


def _fastest_free(res):
    free = [s for s in res["stations"] if s["available"]] or res["stations"]
    return max(free, key=lambda s: s["max_power_kw"])["station_id"]


def _listings(rng, a):
    prices = distinct_numbers(rng, 3, 4000, 45000, 250)
    return {"listings": [{"listing_id": ident(rng, "LST-######"), "car": " ".join(_make_model(rng)), "year": rng.randint(2012, 2024), "price": p, "mileage_km": rng.randrange(8000, 190000, 1000)} for p in prices]}


def _quotes(rng, a):
    prices = sorted(distinct_numbers(rng, 3, 380, 2600, 10))
    insurers = rng.sample(("Harbor Mutual", "Crestline Insurance", "Northstar Auto", "Keystone Direct", "Bluebell Cover"), 3)
    return {"quotes": [{"insurer": i, "annual_premium": p} for i, p in zip(insurers, prices, strict=True)]}


FUNCTIONS = [
    fn("Vehicle Recall Lookup", "List open safety recalls for a make, model and model year.",
       [MODEL_P, YEAR_P],
       "check for vehicle recalls|look up safety recalls on a car",
       "Are there any recalls on the {year} {vehicle}?|Check recalls for a {vehicle} from {year}.|Does my {year} {vehicle} have open recalls?",
       returns=_recalls, answer="The {year} {vehicle} has {open_recalls} open recall(s).|I found {open_recalls} open safety recall(s) for the {year} {vehicle}."),
    fn("decode_vin", "Decode a vehicle identification number into make, model, model year, engine and assembly country.",
       [VIN],
       "decode a VIN|find out what car a VIN belongs to",
       "What car is VIN {vin}?|Decode {vin}.|Which make and model has the VIN {vin}?",
       returns=_decoded, answer="VIN {vin} is a {year} {make} {model} with a {engine} engine, built in {assembly_country}."),
    fn("estimateTradeInValue", "Estimate what a dealer would pay for a used car given its model, year, mileage and condition.",
       [MODEL_P, YEAR_P, P("mileage", "Odometer reading in miles.", Custom({"type": "integer"}, _miles), "with {}|with {} on the clock", "mileage", "How many miles are on the car?"),
        P("condition", "Overall condition.", Enum("excellent|good|fair|poor"), "in {} condition").opt("good"),
        P("zip_code", "US ZIP code where the car would be sold.", Code("#####"), "near ZIP {}|in ZIP code {}").opt()],
       "estimate a trade-in value|value a used car for trade-in",
       "What's my {year} {vehicle} with {mileage} worth as a trade-in{+}?|Estimate the trade-in value of a {year} {vehicle}, {mileage}{+}.|How much would a dealer give me for a {vehicle} ({year}) with {mileage}{+}?",
       returns=_trade_in,
       answer="A {year} {vehicle} like yours should fetch between ${low} and ${high} as a trade-in."),
    fn("schedule_service", "Book a service appointment at a dealer or workshop for one or more jobs.",
       [VIN, P("dealer_id", "Workshop identifier, e.g. DLR-204.", Code("DLR-###"), "at dealer {}|at workshop {}", "workshop ID", "Which workshop (its ID)?", axis=False),
        P("services", "Jobs to do.", ListOf(Enum("oil_change|tire_rotation|brake_inspection|battery_check|ac_service|wheel_alignment", {"ac_service": "an A/C service|air-con service", "tire_rotation": "tyre rotation|tire rotation"}), 1, 3), "for {}|to do {}", ask="Which jobs should the workshop do?"),
        P("appointment", "Requested slot, YYYY-MM-DDTHH:MM.", DateTime(), "on {}|for {}", "appointment time", "When would you like the appointment?"),
        P("loaner_car", "Whether a courtesy car is needed.", Bool("with a loaner car|with a courtesy car", "no loaner needed|without a courtesy car"), "{}").opt(False)],
       "book a car service|schedule a service appointment",
       "Book {services} for VIN {vin} at {dealer_id} on {appointment}{+}.|Schedule a service at {dealer_id} on {appointment} for car {vin}: {services}{+}."),
    fn("find_charging_stations", "Find public EV charging stations in a city. Returns station ids, names, maximum power in kW and whether a charger is free now.",
       [P("city", "City to search in.", CITY, "in {}|near {}", ask="Which city?"),
        P("connector_types", "Plug types the car accepts.", ListOf(CONNECTOR, 1, 2, conj="or"), "with {} plugs|that have {}").opt(),
        P("min_power_kw", "Minimum charging power in kW.", Int(50, 350, 50, words_p=0.0), "of at least {} kW|with {} kW or more").opt(),
        P("radius_km", "Search radius around the city centre in km.", kilometres(1, 25), "within {}").opt(10)],
       "find EV charging stations|look for a place to charge an electric car",
       "Where can I charge my EV in {city}{+}?|Find charging stations in {city}{+}.|Any fast chargers in {city}{+}?",
       returns=_stations, answer="In {city}, {stations[0][name]} offers up to {stations[0][max_power_kw]} kW; {stations[1][name]} and {stations[2][name]} are the other options."),
    fn("reserveChargingSlot", "Reserve a charger at a charging station for a start time and duration.",
       [P("station_id", "Station identifier from a station search, e.g. CHG-1234.", Code("CHG-####"), "at station {}", "station ID", "Which station (its ID)?"),
        P("start_time", "Start of the slot, YYYY-MM-DDTHH:MM.", DateTime(), "on {}|starting {}", "start time", "When do you want to start charging?"),
        P("duration_minutes", "Length of the slot in minutes.", minutes(15, 120, 15), "for {}", "duration", "How long do you need the charger?"),
        P("connector", "Plug type to reserve.", CONNECTOR, "with a {} connector|on the {} plug").opt()],
       "reserve a charging slot|book an EV charger",
       "Reserve a charger at {station_id} from {start_time} for {duration_minutes}{+}.|Book station {station_id} for {duration_minutes} starting {start_time}{+}."),
    fn("vehicle.tire_pressure", "Read the current tyre pressures of a connected vehicle.",
       [VEHICLE_ID, P("unit", "Pressure unit.", Enum("psi|bar|kpa", {"kpa": "kPa", "psi": "PSI|psi", "bar": "bar"}), "in {}").opt("psi")],
       "check a car's tyre pressures|read the tire pressures of a connected car",
       "What are the tyre pressures on {vehicle_id}{+}?|Check tire pressure for {vehicle_id}{+}.|Are my tyres inflated OK? Car {vehicle_id}{+}.",
       returns=_tyres,
       answer="Tyre pressures on {vehicle_id}: front {front_left}/{front_right} and rear {rear_left}/{rear_right} {unit}."),
    fn("Remote Climate Control", "Pre-condition a connected car's cabin: target temperature, defrost and seat heating.",
       [VEHICLE_ID, P("target_temperature", "Cabin temperature in degrees Celsius.", Num(16, 28, 0.5, words_p=0.1), "to {} degrees|at {}°C", "temperature", "What temperature should the cabin be?"),
        P("defrost", "Whether to defrost the windscreen and mirrors.", Bool("with the windows defrosted|with defrost on", "without defrosting|no defrost"), "{}").opt(False),
        P("seat_heating", "Seat heater levels from 0 (off) to 3.", Obj([Field("driver", "Driver seat level 0-3.", Int(0, 3, words_p=0.4), "driver seat heat on {}"), Field("passenger", "Front passenger seat level 0-3.", Int(0, 3, words_p=0.4), "passenger seat on {}", 0.5)], sep=" and "), "with {}").opt()],
       "pre-heat or cool a car's cabin|set a car's climate remotely",
       "Warm up {vehicle_id} to {target_temperature} degrees{+}.|Set the cabin of {vehicle_id} to {target_temperature}°C{+}.|Precondition car {vehicle_id} to {target_temperature} degrees{+}."),
    fn("vehicle.lock_doors", "Lock or unlock a connected car's doors remotely.",
       [VEHICLE_ID, P("action", "Lock or unlock.", Enum("lock|unlock"), "to {} it", ask="Should I lock or unlock it?", axis=False),
        P("flash_lights", "Whether to flash the lights to confirm.", Bool("flashing the lights|with a flash of the lights", "without flashing the lights"), "{}").opt(False)],
       "lock or unlock a car remotely|control a car's door locks",
       "Please {action} {vehicle_id}{+}.|Can you {action} the doors on {vehicle_id}{+}?|I need car {vehicle_id} {action}ed{+}."),
    fn("compare_insurance_quotes", "Compare car insurance quotes for a driver and a vehicle. Returns insurers and annual premiums, cheapest first.",
       [P("driver", "The main driver.", Obj([Field("age", "Age in years.", Int(18, 80, words_p=0.0), "aged {}"), Field("years_licensed", "Years holding a licence.", Int(1, 40, words_p=0.2), "licensed for {} years"), Field("claims_last_5_years", "Claims in the last five years.", Int(0, 3, words_p=0.6), "claims in the last five years: {}", 0.5)], sep=", "), "for a driver {}|for me, {}", "driver details", "How old is the driver, and how many years have they held a licence?"),
        P("vehicle", "The car to insure.", VEHICLE_OBJ, "on {}|to cover {}", "car", "Which car (make, model and year)?"),
        P("coverage", "Level of cover.", Enum("third_party|third_party_fire_theft|comprehensive", {"third_party_fire_theft": "third party, fire and theft", "third_party": "third party only"}), "with {} cover|for {} cover").opt("comprehensive"),
        P("additional_drivers", "Other named drivers.", ObjList(Obj([Field("name", "Full name.", PERSON), Field("age", "Age in years.", Int(18, 80, words_p=0.0), "({})")], sep=" "), 1, 2), "adding {} as named drivers|with {} also driving").opt(),
        P("annual_mileage", "Expected kilometres per year.", Int(3000, 40000, 1000, words_p=0.0), "driving about {} km a year").opt()],
       "compare car insurance quotes|get car insurance prices",
       "Compare insurance quotes for {vehicle}; the driver is {driver}{+}.|Get me car insurance quotes for {vehicle}, driver {driver}{+}.",
       returns=_quotes, answer="The cheapest quote is {quotes[0][insurer]} at ${quotes[0][annual_premium]} a year; {quotes[1][insurer]} is next at ${quotes[1][annual_premium]}."),
    fn("diagnose_trouble_code", "Explain an OBD-II diagnostic trouble code: what it means, how serious it is and likely causes.",
       [P("code", "OBD-II code, e.g. P0420.", Pick(tuple(TROUBLE_CODES)), "for code {}|about {}", "trouble code", "Which code is the car showing?"),
        P("vehicle", "Make and model, for model-specific causes.", VEHICLE_NAME, "on a {}|on my {}").opt()],
       "explain an engine trouble code|diagnose a check-engine code",
       "My check engine light shows {code}{+}. What does it mean?|What does OBD code {code} mean{+}?|Explain trouble code {code}{+}.",
       returns=lambda rng, a: {"code": a["code"], "meaning": TROUBLE_CODES[a["code"]], "severity": rng.choice(("low", "moderate", "high"))},
       answer="{code} means {meaning}; severity is {severity}.|Code {code}: {meaning} (severity {severity})."),
    fn("Fuel Log Entry", "Record a refuelling in a car's fuel log to track consumption and costs.",
       [VEHICLE_ID, P("litres", "Fuel added in litres.", Num(5, 75, 0.5, words_p=0.1), "of {} litres|{} L", ask="How many litres did you put in?"),
        P("total_cost", "Amount paid in euros.", money(10, 140, "EUR", cents=True, step=1), "for {}|costing {}", "total cost", "How much did you pay?"),
        P("odometer_km", "Odometer reading in km.", Int(1000, 250000, 1, words_p=0.0), "at {} km|with the odometer on {} km", "odometer reading", "What does the odometer read?"),
        P("full_tank", "Whether the tank was filled completely.", Bool("a full tank|a full fill-up", "a partial fill|a top-up"), "as {}").opt(True)],
       "log a refuel|record a fill-up",
       "Log {litres} litres for {total_cost} on {vehicle_id} at {odometer_km} km{+}.|Add a fill-up to {vehicle_id}: {litres} L, {total_cost}, odometer {odometer_km}{+}."),
    fn("search_used_cars", "Search used-car listings near a city by body type, budget and mileage. Returns listing ids, cars, years, prices and mileage.",
       [P("city", "City to search around.", CITY, "in {}|near {}", ask="Where are you looking?"),
        P("body_type", "Body style.", Enum("hatchback|sedan|suv|estate|coupe|van", {"suv": "SUV", "estate": "estate|station wagon"}), "of type {}|with body type {}", "body type"),
        P("max_price", "Highest price in euros.", money(3000, 50000, "EUR", step=500), "under {}|for at most {}", "budget", "What's your budget?"),
        P("max_mileage_km", "Highest mileage in km.", Int(20000, 200000, 10000, words_p=0.0), "with under {} km|below {} km on the clock").opt(),
        P("fuel_types", "Acceptable fuels.", ListOf(Enum("petrol|diesel|hybrid|electric"), 1, 2, conj="or"), "running on {}|that is {}").opt()],
       "search used car listings|find a second-hand car",
       "Find a used {body_type} in {city} under {max_price}{+}.|I'm looking for a second-hand {body_type} near {city}, budget {max_price}{+}.",
       returns=_listings, answer="The cheapest match is a {listings[0][year]} {listings[0][car]} for €{listings[0][price]} with {listings[0][mileage_km]} km."),
    fn("book_test_drive", "Book a test drive of a car from a used-car listing.",
       [P("listing_id", "Listing identifier, e.g. LST-204981.", Code("LST-######"), "for listing {}|of {}", "listing ID", "Which listing (its ID)?"),
        P("slot", "Requested time, YYYY-MM-DDTHH:MM.", DateTime(), "on {}|for {}", "time", "When would you like the test drive?"),
        P("driver_name", "Full name of the person driving.", PERSON, "for {}|under the name {}", "driver's name", "Who will be driving?", axis=False),
        P("phone", "Contact phone number.", PHONE, "with phone number {}|reachable on {}").opt()],
       "book a test drive|arrange a test drive",
       "Book a test drive of {listing_id} for {driver_name} on {slot}{+}.|Can {driver_name} test drive listing {listing_id} on {slot}{+}?"),
    fn("getFuelPrices", "Average pump prices per litre in a city, for one fuel or all fuels.",
       [P("city", "City name.", CITY, "in {}", ask="Which city?"), P("fuel", "Fuel type.", Enum("petrol|diesel|lpg", {"lpg": "LPG|autogas"}), "for {}").opt()],
       "check fuel prices|find out what petrol costs",
       "How much is fuel in {city}{+}?|What are pump prices in {city}{+}?|Check {fuel} prices in {city}{+}.",
       returns=lambda rng, a: {"city": a["city"], "petrol": round(rng.uniform(1.45, 2.1), 3), "diesel": round(rng.uniform(1.35, 2.0), 3), "currency": "EUR"},
       answer="In {city}, petrol averages {petrol} and diesel {diesel} {currency} per litre."),
]

CHAINS = [
    chain("decode_vin", "Vehicle Recall Lookup", {"vehicle": lambda res: f"{res['make']} {res['model']}", "year": "year"},
          "Decode VIN {vin} and check whether that car has any open recalls.|What car is {vin}? Then look up recalls for it."),
    chain("find_charging_stations", "reserveChargingSlot", {"station_id": _fastest_free},
          "Find charging stations in {city} and reserve the most powerful free one at {start_time} for {duration_minutes}.|Look for chargers in {city}, then book the fastest available one from {start_time} for {duration_minutes}."),
    chain("search_used_cars", "book_test_drive", {"listing_id": lambda res: min(res["listings"], key=lambda x: x["price"])["listing_id"]},
          "Find a used {body_type} in {city} under {max_price} and book a test drive of the cheapest for {driver_name} on {slot}."),
]
