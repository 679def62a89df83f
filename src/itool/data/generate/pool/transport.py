"""Transport: public transit, trains, ferries, taxis, bike share, parking, tolls and fleets."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
    DateTime,
    Enum,
    Int,
    ListOf,
    Num,
    P,
    Pick,
    Val,
    chain,
    fn,
)
from itool.data.generate.values import (
    CITY,
    DATE,
    PERSON,
    STREETS,
    TIME,
    distinct_numbers,
    ident,
    metres,
    money,
)
from itool.data.generate.words import int_words, join_words

STATIONS = (
    "Central Station", "Riverside", "Market Square", "University", "Harbourfront", "Airport Terminal 1",
    "Old Town", "Stadium", "North Park", "Westgate", "Museum Quarter", "City Hospital", "Eastfield",
)
LINES = (
    "Red Line", "Blue Line", "Green Line", "M1", "M4", "Tram 12", "Tram 28", "Bus 42", "Bus 7",
    "S3", "Circle Line", "Night Bus N29",
)
EURO_CITIES = (
    "Lisbon", "Porto", "Madrid", "Barcelona", "Paris", "Lyon", "Marseille", "Milan", "Rome",
    "Munich", "Vienna", "Zurich", "Geneva", "Florence", "Naples", "Bologna", "Seville",
)
PORTS = (
    "Dover", "Calais", "Holyhead", "Dublin", "Piraeus", "Santorini", "Helsinki", "Tallinn",
    "Palma", "Split", "Hvar", "Stockholm", "Turku", "Algeciras", "Tangier",
)


EURO_CITY = Pick(EURO_CITIES)  # one generator for both ends, so parallel asks name the end that varies
PORT = Pick(PORTS)
_VEHICLES = {"car": ("a car", 3.5, 5.5), "camper": ("a camper van|a motorhome", 5.5, 9.0), "motorbike": ("a motorbike", 2.0, 2.5), "van": ("a van", 4.5, 7.0)}


def _vehicle(rng):
    """A vehicle on a ferry; its length, when said, fits its kind."""
    kind = rng.choice(tuple(_VEHICLES))
    nouns, low, high = _VEHICLES[kind]
    value, text = {"type": kind}, rng.choice(nouns.split("|"))
    if rng.random() < 0.6:
        length = low + 0.5 * rng.randint(0, round((high - low) / 0.5))
        value["length_m"] = length
        text += f" {length:g} {rng.choice(('m', 'metres'))} long"
    return Val(value, rng.choice(("with ", "bringing ", "taking ")) + text)


VEHICLE = Custom(
    {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": list(_VEHICLES), "description": "Kind of vehicle."},
            "length_m": {"type": "number", "description": "Vehicle length in metres; a standard length for its kind when omitted."},
        },
        "required": ["type"],
    },
    _vehicle,
)


def _address(rng):
    text = f"{rng.randint(1, 240)} {rng.choice(STREETS)}"
    return Val(text, text)


ADDRESS = Custom({"type": "string"}, _address)
_NOUNS = {"adult": "adults", "child": "children", "senior": "seniors", "student": "students"}


def _passengers(rng):
    """Fare groups said the way people count travellers: "2 adults and a child"."""
    groups = [("adult", rng.randint(1, 3))]
    for kind in rng.sample(("child", "senior", "student"), rng.randint(0, 2)):
        groups.append((kind, rng.randint(1, 2)))
    parts = []
    for kind, n in groups:
        if n == 1:
            parts.append(rng.choice((f"one {kind}", f"1 {kind}", f"a {kind}" if kind != "adult" else f"an {kind}")))
        else:
            parts.append(f"{rng.choice((str(n), int_words(n)))} {_NOUNS[kind]}")
    return Val([{"fare_type": k, "count": n} for k, n in groups], join_words(parts))


PASSENGER_GROUPS = Custom(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "fare_type": {"type": "string", "enum": ["adult", "child", "senior", "student"], "description": "Fare category."},
                "count": {"type": "integer", "description": "Number of travellers of this category."},
            },
            "required": ["fare_type", "count"],
        },
    },
    _passengers,
)

STATION = P("station", "Name of the stop or station.", Pick(STATIONS), "at {}|from {}", ask="Which stop or station?")
START_TIME = P("start_time", "When parking starts, YYYY-MM-DDTHH:MM.", DateTime(), "from {}|starting {}", "arrival time", "When will you arrive?")
HOURS = P("hours", "How many hours to park.", Int(2, 12, words_p=0.4), "for {} hours", "hours", "For how many hours?")


def _departures(rng, a):
    mins = sorted(distinct_numbers(rng, 3, 1, 25, 1))
    return {
        "station": a["station"],
        "departures": [
            {"line": line, "destination": dest, "departs_in_minutes": m, "platform": rng.choice(("1", "2", "3", "A", "B"))}
            for line, dest, m in zip(rng.sample(LINES, 3), rng.sample([s for s in STATIONS if s != a["station"]], 3), mins, strict=True)
        ],
    }


def _routes(rng, a):
    durations = sorted(distinct_numbers(rng, 2, 12, 75, 1))
    return {"routes": [{"duration_minutes": d, "transfers": rng.randint(0, 2), "first_line": rng.choice(LINES), "walk_meters": rng.randrange(100, 1200, 50)} for d in durations]}


def _trains(rng, a):
    prices = distinct_numbers(rng, 3, 19, 180, 1)
    hours = sorted(rng.sample(range(6, 22), 3))
    trains = [{"train_id": ident(rng, "TR-####"), "departure": f"{h:02d}:{rng.choice(('05', '20', '35', '50'))}", "duration_minutes": rng.randrange(60, 420, 5), "price": p} for h, p in zip(hours, prices, strict=True)]
    return {"from_station": a["from_station"], "to_station": a["to_station"], "date": a["date"], "trains": trains}


def _lots(rng, a):
    prices = distinct_numbers(rng, 3, 1.5, 6, 0.5)
    walks = distinct_numbers(rng, 3, 50, 900, 10)
    names = rng.sample(("Riverside Garage", "Market Car Park", "Station Plaza P2", "Old Town Parking", "Harbour Deck"), 3)
    return {"lots": [{"lot_id": ident(rng, "PK-###"), "name": n, "price_per_hour": p, "walk_meters": w} for n, p, w in zip(names, prices, walks, strict=True)]}


FUNCTIONS = [
    fn("Transit Departure Board", "Next departures from a public transport stop or station, optionally only for some lines or one mode.",
       [STATION, P("lines", "Only show these lines.", ListOf(Pick(LINES), 1, 2), "on the {}|for {} only").opt(),
        P("mode", "Only show one kind of transport.", Enum("bus|tram|metro|train|ferry"), "- {} only|by {}").opt(),
        P("limit", "Maximum number of departures.", Int(3, 20), "(next {})|- show {} departures").opt(10)],
       "show the next departures|check the departure board",
       "When is the next departure from {station}{+}?|Show the departure board at {station}{+}.|What's leaving {station} soon{+}?",
       returns=_departures,
       answer="The next departure from {station} is the {departures[0][line]} to {departures[0][destination]} in {departures[0][departs_in_minutes]} minutes (platform {departures[0][platform]}).|From {station}: {departures[0][line]} towards {departures[0][destination]} leaves in {departures[0][departs_in_minutes]} min, then {departures[1][line]} in {departures[1][departs_in_minutes]} min."),
    fn("plan_transit_route", "Plan a public transport journey between two addresses, leaving now or at a given time.",
       [P("origin", "Start address or stop name.", ADDRESS, "from {}", ask="Where are you starting from?"), P("destination", "End address or stop name.", ADDRESS, "to {}", ask="Where do you want to go?"),
        P("depart_at", "Departure, YYYY-MM-DDTHH:MM; now when omitted.", DateTime(), "leaving {}|departing {}").opt(),
        P("modes", "Transport modes allowed.", ListOf(Enum("bus|tram|metro|train|ferry"), 1, 3, conj="or"), "by {}|using only {}").opt(),
        P("max_walk_meters", "Longest walk allowed, in metres.", metres(200, 2000, 100), "walking at most {}|with no more than {} of walking").opt(1000),
        P("wheelchair_accessible", "Only step-free routes.", Bool("step-free|wheelchair accessible", "any route"), "{}|that is {}").opt(False)],
       "plan a transit route|find how to get somewhere by public transport",
       "How do I get from {origin} to {destination} by public transport{+}?|Plan a route from {origin} to {destination}{+}.|What's the best way from {origin} to {destination} on transit{+}?",
       returns=_routes,
       answer="The quickest option takes {routes[0][duration_minutes]} minutes with {routes[0][transfers]} transfers, starting on the {routes[0][first_line]}.|Best route: {routes[0][duration_minutes]} min, {routes[0][transfers]} changes, about {routes[0][walk_meters]} m on foot."),
    fn("requestTaxi", "Request a taxi or ride-hailing car between two addresses, now or at a scheduled time.",
       [P("pickup_address", "Where to be picked up.", ADDRESS, "from {}|picking up at {}", "pickup address", "Where should the driver pick you up?"),
        P("dropoff_address", "Where to go.", ADDRESS, "to {}|dropping off at {}", "drop-off address", "Where are you going?"),
        P("ride_type", "Kind of car.", Enum("standard|comfort|xl|green", {"xl": "XL|a large car|a six-seater", "green": "electric|green"}), "- {} please|in a {} car").opt("standard"),
        P("passengers", "Number of riders.", Int(1, 6, words_p=0.4), "for {} people|for {} passengers").opt(1),
        P("scheduled_time", "Pickup time, YYYY-MM-DDTHH:MM; as soon as possible when omitted.", DateTime(), "on {}|for {}").opt()],
       "book a taxi|call a ride|order a cab",
       "Get me a taxi from {pickup_address} to {dropoff_address}{+}.|Book a ride from {pickup_address} to {dropoff_address}{+}.|I need a cab at {pickup_address} going to {dropoff_address}{+}.",
       returns=lambda rng, a: {"ride_id": ident(rng, "RD-######"), "driver": PERSON(rng).value, "plate": ident(rng, "@@-##-@@"), "eta_minutes": rng.randint(2, 15)},
       answer="Your ride {ride_id} is booked: {driver} in car {plate}, arriving in about {eta_minutes} minutes.|{driver} is on the way ({plate}), ETA {eta_minutes} min. Ride ID {ride_id}."),
    fn("taxi.fare_estimate", "Estimate a metered taxi fare in a city from the distance and expected duration.",
       [P("city", "City where the ride happens.", CITY, "in {}", ask="Which city?"), P("distance_km", "Trip distance in kilometres.", Num(1, 60, 0.5, words_p=0.2), "for {} km|of {} kilometres", "distance", "How far is the ride?"),
        P("duration_minutes", "Expected ride time in minutes.", Int(5, 90, 5), "taking {} minutes|lasting about {} minutes").opt(),
        P("night_rate", "Whether the night tariff applies.", Bool("at night|on the night tariff", "during the day|on the day tariff"), "{}").opt(False)],
       "estimate a taxi fare|work out what a cab will cost",
       "How much is a {distance_km} km taxi ride in {city}{+}?|Estimate the cab fare for {distance_km} km in {city}{+}.|What would a taxi in {city} cost for {distance_km} kilometres{+}?",
       returns=lambda rng, a: (lambda low: {"city": a["city"], "fare_low": low, "fare_high": round(low * 1.25, 2), "currency": rng.choice(("EUR", "USD", "GBP"))})(round(3 + a["distance_km"] * rng.uniform(1.1, 2.6), 2)),
       answer="A taxi of that distance in {city} should cost between {fare_low} and {fare_high} {currency}.|Expect roughly {fare_low}-{fare_high} {currency} for the ride in {city}."),
    fn("train.search_tickets", "Search rail connections between two cities on a date, priced for a group of passengers. Returns train ids, departure times, durations and total prices.",
       [P("from_station", "Departure city or station.", EURO_CITY, "from {}", "departure station", "Where are you leaving from?"), P("to_station", "Arrival city or station.", EURO_CITY, "to {}", "arrival station", "Where are you going?"),
        P("date", "Travel date, YYYY-MM-DD.", DATE, "on {}", "travel date", "What date?"),
        P("earliest_departure", "Earliest departure time, HH:MM.", TIME, "after {}|leaving no earlier than {}").opt(),
        P("passengers", "Travellers by fare type.", PASSENGER_GROUPS, "for {}", ask="Who is travelling (how many adults, children, seniors, students)?").opt([{"fare_type": "adult", "count": 1}]),
        P("first_class", "Search first class instead of standard.", Bool("in first class|first class", "in standard class|second class"), "{}").opt(False)],
       "search for train tickets|find trains",
       "Find trains from {from_station} to {to_station} on {date}{+}.|Any trains {from_station} to {to_station} on {date}{+}?|I need train tickets from {from_station} to {to_station} for {passengers} on {date}{+}.",
       returns=_trains,
       answer="There are trains from {from_station} to {to_station} at {trains[0][departure]}, {trains[1][departure]} and {trains[2][departure]}; the first costs {trains[0][price]}.|The earliest train leaves at {trains[0][departure]} and takes {trains[0][duration_minutes]} minutes, for {trains[0][price]}."),
    fn("book_train_seat", "Book a seat on a train found by a ticket search.",
       [P("train_id", "Train id from the search, e.g. TR-4821.", Code("TR-####"), "on {}|on train {}", "train ID", "Which train (its ID)?"), P("passenger_name", "Full name of the passenger.", PERSON, "for {}", "passenger name", "Who is travelling?"),
        P("seat_class", "Class of travel.", Enum("standard|first"), "in {} class").opt("standard"),
        P("seat_preference", "Preferred seat.", Enum("window|aisle|table"), "with a {} seat|- {} seat please").opt(),
        P("bicycle", "Reserve a bicycle space too.", Bool("with a bike space|plus a spot for my bicycle", "without a bike"), "{}").opt(False)],
       "book a train seat|reserve a seat on a train",
       "Book {train_id} for {passenger_name}{+}.|Reserve a seat on train {train_id} for {passenger_name}{+}.|Put {passenger_name} on {train_id}{+}."),
    fn("search_parking_lots", "Find car parks near an address with space for a time window. Returns lot ids, names, hourly prices and walking distances.",
       [P("near", "Address to park near.", ADDRESS, "near {}|close to {}", "address", "Where do you need to park?"), START_TIME, HOURS,
        P("max_price_per_hour", "Highest acceptable hourly price in EUR.", money(1, 8, "EUR"), "under {} an hour|for at most {} per hour").opt(),
        P("features", "Features the car park must have.", ListOf(Enum("ev_charging|covered|disabled_access|open_24h", {"ev_charging": "EV charging", "disabled_access": "disabled access", "open_24h": "24-hour access"}), 1, 2), "with {}").opt()],
       "find a parking spot|look for a car park",
       "Find parking near {near} from {start_time} for {hours} hours{+}.|Where can I park close to {near}, arriving {start_time}, staying {hours} hours{+}?|I need a car park near {near} on {start_time} for {hours} hours{+}.",
       returns=_lots,
       answer="{lots[0][name]} is {lots[0][walk_meters]} m away at {lots[0][price_per_hour]} EUR an hour; {lots[1][name]} charges {lots[1][price_per_hour]} EUR.|I found {lots[0][name]}, {lots[1][name]} and {lots[2][name]}, from {lots[0][price_per_hour]} EUR an hour."),
    fn("reserveParking", "Reserve a space in a car park for a vehicle for some hours.",
       [P("lot_id", "Car park id from a search, e.g. PK-204.", Code("PK-###"), "at {}|in car park {}", "car park ID", "Which car park (its ID)?"),
        P("license_plate", "Vehicle registration plate.", Code("@@##-@@@", quote=0.3), "for plate {}|for the car {}", "licence plate", "What's the car's registration number?"), START_TIME, HOURS,
        P("send_receipt", "Email a receipt after booking.", Bool("and email me the receipt|with an emailed receipt", "no receipt needed"), "{}").opt(True)],
       "reserve a parking space|book parking",
       "Reserve {lot_id} for {license_plate} from {start_time} for {hours} hours{+}.|Book a space at {lot_id} on {start_time}, {hours} hours, plate {license_plate}{+}."),
    fn("bikeshare.find_stations", "Find bike-share docking stations near a coordinate with bikes available.",
       [P("latitude", "Latitude in decimal degrees.", Num(36, 60, 0.0001, words_p=0.0), "at latitude {}|lat {}", ask="What's your latitude?"), P("longitude", "Longitude in decimal degrees.", Num(-9, 28, 0.0001, words_p=0.0), "and longitude {}|lon {}", ask="What's your longitude?"),
        P("radius_meters", "Search radius in metres.", metres(100, 3000, 100), "within {}").opt(500),
        P("ebikes_only", "Only stations with electric bikes.", Bool("with e-bikes|that have electric bikes", "any bikes"), "{}").opt(False)],
       "find bike-share stations|look for a rental bike nearby",
       "Find bike stations near {latitude}, {longitude}{+}.|Where can I grab a share bike around {latitude}, {longitude}{+}?|Any docking stations close to ({latitude}, {longitude}){+}?",
       returns=lambda rng, a: {"stations": [{"station_id": ident(rng, "BK-####"), "name": n, "bikes_available": rng.randint(1, 18), "distance_meters": d} for n, d in zip(rng.sample(("Market Square", "Library", "Canal Bridge", "Town Hall", "Park Gate"), 2), sorted(distinct_numbers(rng, 2, 40, 600, 10)), strict=True)]},
       answer="The nearest station is {stations[0][name]}, {stations[0][distance_meters]} m away, with {stations[0][bikes_available]} bikes available."),
    fn("get_line_status", "Current service status of one or more transit lines: good service, delays, part closures.",
       [P("lines", "Line names.", ListOf(Pick(LINES), 1, 3), "for {}|on {}", ask="Which lines?"),
        P("city", "City of the network, when line names are ambiguous.", Pick(("London", "Paris", "Berlin", "Madrid", "Vienna", "Lisbon", "Prague")), "in {}").opt()],
       "check line status|see if a line is running normally",
       "Is the {lines} running normally{+}?|Any delays on {lines}{+}?|What's the status of {lines}{+}?",
       returns=lambda rng, a: {"statuses": [{"line": line, "status": rng.choice(("good service", "minor delays", "severe delays", "part closure"))} for line in a["lines"]]},
       answer="{statuses[0][line]}: {statuses[0][status]}.|Status of {statuses[0][line]} right now: {statuses[0][status]}."),
    fn("topUpTransitCard", "Add credit to a contactless transit card.",
       [P("card_number", "Transit card number as printed, e.g. 4021-7781-3390.", Code("####-####-####"), "to card {}|on card {}", "card number", "What's the card number?"),
        P("amount", "Amount to add, in EUR.", money(5, 100, "EUR"), "with {}|for {}", ask="How much should I add?"),
        P("payment_method", "How to pay.", Enum("credit_card|debit_card|paypal|apple_pay", {"credit_card": "credit card|my credit card", "debit_card": "debit card", "paypal": "PayPal", "apple_pay": "Apple Pay"}), "using {}|paying with {}").opt("credit_card"),
        P("auto_reload", "Reload the same amount automatically when the balance runs low.", Bool("and turn on auto-reload|with auto top-up", "one-off only|without auto-reload"), "{}").opt(False)],
       "top up a transit card|add credit to a travel card",
       "Top up card {card_number} with {amount}{+}.|Add {amount} to my transit card {card_number}{+}.|Put {amount} on {card_number}{+}."),
    fn("Toll Cost Calculator", "Calculate motorway tolls for a road trip between two cities for a vehicle class.",
       [P("origin", "Start city.", EURO_CITY, "from {}", ask="Where does the drive start?"), P("destination", "End city.", EURO_CITY, "to {}", ask="Where are you driving to?"),
        P("vehicle_class", "Vehicle class used by toll operators.", Enum("car|motorcycle|van|truck", {"car": "car|a car", "motorcycle": "motorbike|motorcycle", "van": "van|a van", "truck": "truck|lorry"}), "by {}|in a {}|for a {}", "vehicle type", "What kind of vehicle is it?"),
        P("axles", "Number of axles (trucks).", Int(2, 5, words_p=0.5), "with {} axles").opt(2),
        P("electronic_tag", "Whether the vehicle has an electronic toll tag.", Bool("with a toll tag|with an electronic tag", "paying cash at the booths|without a tag"), "{}").opt(False)],
       "calculate road tolls|work out the toll cost for a drive",
       "How much are the tolls from {origin} to {destination} for a {vehicle_class}{+}?|Calculate tolls driving {origin} to {destination} by {vehicle_class}{+}.",
       returns=lambda rng, a: {"origin": a["origin"], "destination": a["destination"], "toll_total": round(rng.uniform(4, 140), 2), "currency": "EUR", "toll_sections": rng.randint(1, 9)},
       answer="Tolls from {origin} to {destination} come to {toll_total} {currency} over {toll_sections} sections.|Expect {toll_total} {currency} in tolls between {origin} and {destination}."),
    fn("ferry.timetable", "Ferry sailings between two ports on a date, with fares for foot passengers and, if given, a vehicle.",
       [P("departure_port", "Port of departure.", PORT, "from {}", "departure port", "Which port are you sailing from?"), P("arrival_port", "Port of arrival.", PORT, "to {}", "arrival port", "Where are you sailing to?"),
        P("date", "Sailing date, YYYY-MM-DD.", DATE, "on {}", "date", "What date?"),
        P("vehicle", "Vehicle taken on board, if any.", VEHICLE, "{}").opt()],
       "check the ferry timetable|find ferry sailings",
       "When do ferries go from {departure_port} to {arrival_port} on {date}{+}?|Ferry times {departure_port} to {arrival_port}, {date}{+}?|Show sailings from {departure_port} to {arrival_port} on {date}{+}.",
       returns=lambda rng, a: {"sailings": [{"departs": f"{h:02d}:{m}", "duration_minutes": rng.randrange(60, 600, 15), "fare": f} for h, m, f in zip(sorted(rng.sample(range(5, 23), 2)), ("00", "30"), distinct_numbers(rng, 2, 25, 220, 5), strict=True)]},
       answer="Ferries from {departure_port} to {arrival_port} on {date} leave at {sailings[0][departs]} and {sailings[1][departs]}; the first takes {sailings[0][duration_minutes]} minutes."),
    fn("Fleet Vehicle Location", "Live position, speed and status of a company fleet vehicle.",
       [P("vehicle_id", "Fleet vehicle id, e.g. VAN-118.", Code("VAN-###"), "for {}|of {}", "vehicle ID", "Which vehicle (its ID)?"),
        P("include_route", "Also return the planned route and next stop.", Bool("with its route|including the next stop", "position only"), "{}").opt(False)],
       "locate a fleet vehicle|track a delivery van",
       "Where is {vehicle_id} right now{+}?|Locate van {vehicle_id}{+}.|Track {vehicle_id}{+}.",
       returns=lambda rng, a: {"vehicle_id": a["vehicle_id"], "latitude": round(rng.uniform(35, 60), 4), "longitude": round(rng.uniform(-9, 25), 4), "speed_kmh": rng.choice((0, 0, 32, 48, 67, 88)), "status": rng.choice(("moving", "parked", "at depot", "delivering"))},
       answer="{vehicle_id} is {status} at {latitude}, {longitude}, going {speed_kmh} km/h.|Vehicle {vehicle_id}: {status}, position ({latitude}, {longitude}), speed {speed_kmh} km/h."),
]

CHAINS = [
    chain("train.search_tickets", "book_train_seat", {"train_id": lambda res: min(res["trains"], key=lambda t: t["price"])["train_id"]},
          "Find trains from {from_station} to {to_station} on {date} and book the cheapest one for {passenger_name}.|Search {from_station} to {to_station} trains for {date}, then reserve a seat on whichever is cheapest for {passenger_name}."),
    chain("train.search_tickets", "book_train_seat", {"train_id": lambda res: res["trains"][0]["train_id"]},
          "Look up trains from {from_station} to {to_station} on {date} and book the earliest one for {passenger_name}."),
    chain("search_parking_lots", "reserveParking", {"lot_id": lambda res: min(res["lots"], key=lambda lot: lot["walk_meters"])["lot_id"]},
          "Find parking near {near} from {start_time} for {hours} hours and reserve the closest car park for {license_plate}.|Look for a car park close to {near} on {start_time}, {hours} hours, then book whichever is nearest for plate {license_plate}."),
]
