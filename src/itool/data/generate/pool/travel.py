"""Travel: flights, hotels, cars, visas, itineraries."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

from itool.data.generate.dsl import (
    Bool,
    Code,
    DateAfter,
    Enum,
    Field,
    Int,
    ListOf,
    Obj,
    ObjList,
    P,
    Pick,
    chain,
    fn,
)
from itool.data.generate.values import (
    AIRPORT,
    CITY,
    COUNTRY,
    DATE,
    PERSON,
    distinct_numbers,
    ident,
    money,
)

ORIGIN = P("origin", "IATA code of the departure airport, e.g. LIS.", AIRPORT, "from {}", "departure airport", "Which airport are you flying from?")
DESTINATION = P("destination", "IATA code of the arrival airport, e.g. JFK.", AIRPORT, "to {}", "destination airport", "Where are you flying to?")
DEPART = P("departure_date", "Departure date, YYYY-MM-DD.", DATE, "on {}|departing {}|leaving on {}", "departure date", "What date do you want to leave?")
RETURN = P("return_date", "Return date for a round trip, YYYY-MM-DD. Omit for one-way.", DateAfter("departure_date", 2, 21), "returning {}|coming back on {}")
PASSENGERS = P("passengers", "Number of travellers.", Int(2, 6), "for {} passengers|for {} people")
CABIN = P("cabin_class", "Cabin class.", Enum("economy|premium_economy|business|first"), "in {}|flying {}|{} class")
FLIGHT_NO = P("flight_number", "Airline code and number, e.g. TP1234.", Code("@@###"), "for flight {}|of flight {}", ask="What's the flight number?")
HOTEL_CITY = CITY
CHECK_IN = P("check_in", "Check-in date, YYYY-MM-DD.", DATE, "from {}|checking in {}|starting {}", "check-in date", "What's your check-in date?")
NIGHTS = P("nights", "Number of nights.", Int(2, 14), "for {} nights", ask="How many nights will you stay?")
GUESTS = P("guests", "Number of guests.", Int(2, 6), "for {} guests|for {} people")
HOTEL_ID = P("hotel_id", "Hotel identifier from a search, e.g. HT-4821.", Code("HT-####"), "at hotel {}", "hotel ID", "Which hotel (its ID) should I book?")
GUEST_NAME = P("guest_name", "Full name of the lead guest.", PERSON, "under the name {}|for {}", "guest name", "Whose name should the booking be under?")
BOOKING_REF = P("booking_reference", "Six-character booking reference.", Code("@@#@@#", quote=0.2), "with booking reference {}|for booking {}", "booking reference", "What's your booking reference?")
CITY_P = P("city", "City name.", HOTEL_CITY, "in {}", ask="Which city?")


def _flights(rng, a):
    prices = sorted(distinct_numbers(rng, 3, 80, 900, 5))
    airlines = rng.sample(("TAP", "Lufthansa", "KLM", "Iberia", "Delta", "Emirates", "easyJet"), 3)
    return {
        "flights": [
            {"flight_id": ident(rng, "FL-#####"), "airline": al, "price": p, "stops": rng.randint(0, 2)}
            for al, p in zip(airlines, prices, strict=True)
        ]
    }


def _hotels(rng, a):
    prices = distinct_numbers(rng, 3, 60, 420, 5)
    ratings = distinct_numbers(rng, 3, 3.0, 4.9, 0.1)
    names = rng.sample(("Hotel Aurora", "The Grand Quay", "Casa Verde", "Hotel Lumière", "Parkside Inn", "The Old Mill"), 3)
    return {
        "city": a["city"],
        "hotels": [
            {"hotel_id": ident(rng, "HT-####"), "name": n, "price_per_night": p, "rating": r}
            for n, p, r in zip(names, prices, ratings, strict=True)
        ],
    }


def _visa(rng, a):
    needed = rng.random() < 0.5
    return {"visa_required": needed, "max_stay_days": rng.choice((30, 60, 90, 180)),
            "note": "You need a visa" if needed else "No visa is needed"}


def _cheapest(key, id_key):
    return lambda res: min(res[key], key=lambda h: h["price" if "price" in h else "price_per_night"])[id_key]


FUNCTIONS = [
    fn("search_flights", "Search scheduled flights between two airports on a date, optionally with a return date, cabin class and passenger count. Returns flights with id, airline, price and stops.",
       [ORIGIN, DESTINATION, DEPART, RETURN.opt(), PASSENGERS.opt(1), CABIN.opt("economy"),
        P("max_stops", "Maximum number of stops.", Int(0, 2, words_p=0.5), "with at most {} stops").opt()],
       "search for flights|find flights|look up flights",
       "Find flights from {origin} to {destination} on {departure_date}{+}.|Any flights from {origin} to {destination} on {departure_date}{+}?|I need a flight from {origin} to {destination} leaving {departure_date}{+}.",
       returns=_flights,
       answer="I found 3 flights; the cheapest is {flights[0][airline]} at ${flights[0][price]}."),
    fn("getFlightStatus", "Get the live status of a flight: scheduled and estimated times, gate and delay in minutes.",
       [FLIGHT_NO, P("date", "Flight date, YYYY-MM-DD. Defaults to today.", DATE, "on {}").opt()],
       "check a flight's status|look up a flight's status",
       "Is {flight_number} on time{+}?|What's the status of flight {flight_number}{+}?|Has flight {flight_number} been delayed{+}?",
       returns=lambda rng, a: {"flight_number": a["flight_number"], "status": rng.choice(("on time", "delayed", "boarding", "landed")), "gate": ident(rng, "@#"), "delay_minutes": rng.choice((0, 0, 15, 40, 75))},
       answer="Flight {flight_number} is {status} (gate {gate}, delay {delay_minutes} minutes)."),
    fn("Hotel Availability Search", "Find hotels with free rooms in a city for given dates. Returns hotel ids, names, nightly prices and guest ratings.",
       [CITY_P, CHECK_IN, NIGHTS, GUESTS.opt(2), P("max_price_per_night", "Upper limit on the nightly rate in USD.", money(60, 400, step=10), "under {} a night|for at most {} per night").opt(),
        P("amenities", "Amenities the hotel must have.", ListOf(Enum("pool|gym|parking|spa|free_wifi|pet_friendly", {"free_wifi": "free wifi|free Wi-Fi", "pet_friendly": "pet-friendly rooms"}), 1, 3), "with {}").opt()],
       "search for hotel rooms|find a hotel|check hotel availability",
       "Find me a hotel in {city} from {check_in} for {nights} nights{+}.|Any hotels available in {city} checking in {check_in}, {nights} nights{+}?|I need a room in {city} for {nights} nights starting {check_in}{+}.",
       returns=_hotels,
       answer="In {city} I found {hotels[0][name]} at ${hotels[0][price_per_night]} a night, {hotels[1][name]} at ${hotels[1][price_per_night]} and {hotels[2][name]} at ${hotels[2][price_per_night]}."),
    fn("book_hotel", "Book a room at a hotel returned by a hotel search.",
       [HOTEL_ID, CHECK_IN, NIGHTS, GUEST_NAME, GUESTS.opt(2), P("breakfast", "Whether to include breakfast.", Bool("with breakfast|including breakfast", "without breakfast|room only"), "{}").opt(False)],
       "book a hotel room|reserve a hotel",
       "Book hotel {hotel_id} for {guest_name}, {nights} nights from {check_in}{+}.|Please reserve {hotel_id} under {guest_name} checking in {check_in} for {nights} nights{+}."),
    fn("travel.visa_requirements", "Tell whether a citizen of one country needs a visa to enter another, and for how long they may stay.",
       [P("passport_country", "Country that issued the passport.", COUNTRY, "as a citizen of {}|holding a passport from {}", "passport country", "Which country issued your passport?"),
        P("destination_country", "Country to be visited.", COUNTRY, "to visit {}|for {}", "destination country", "Which country are you visiting?"),
        P("purpose", "Purpose of the trip.", Enum("tourism|business|study|transit"), "for {}").opt("tourism")],
       "check visa requirements|find out if I need a visa",
       "Do I need a visa for {destination_country} with a passport from {passport_country}{+}?|What are the visa rules for {passport_country} citizens going to {destination_country}{+}?",
       returns=_visa,
       answer="{note} to visit {destination_country} with a {passport_country} passport; the maximum stay is {max_stay_days} days."),
    fn("Baggage Allowance Check", "Look up the checked and cabin baggage allowance of an airline for a cabin class.",
       [P("airline", "Airline name.", Pick(("TAP Air Portugal", "Lufthansa", "KLM", "Iberia", "Delta", "Emirates", "Qantas", "Air Canada")), "on {}|with {}", ask="Which airline are you flying with?"),
        CABIN, P("international", "True for international routes, false for domestic.", Bool("on an international route|flying internationally", "on a domestic route|flying domestically"), "{}").opt(True)],
       "check the baggage allowance|find out how much luggage I can bring",
       "How much baggage can I bring on {airline} in {cabin_class}{+}?|What's the luggage allowance with {airline}, {cabin_class} class{+}?"),
    fn("rent_car", "Reserve a rental car in a city between two dates.",
       [P("pickup_city", "City where the car is picked up.", CITY, "in {}|picking up in {}", "pickup city", "Where do you want to pick up the car?"),
        P("pickup_date", "Pickup date, YYYY-MM-DD.", DATE, "from {}", "pickup date"), P("return_date", "Return date, YYYY-MM-DD.", DateAfter("pickup_date", 1, 14), "until {}|returning it {}", "return date", "When will you return the car?"),
        P("car_type", "Kind of car.", Enum("compact|sedan|suv|van|convertible", {"suv": "an SUV|SUV"}), "- a {}|and make it a {}").opt("compact"),
        P("driver_age", "Age of the main driver in years.", Int(18, 80), "for a driver aged {}").opt()],
       "rent a car|book a rental car",
       "Rent a car in {pickup_city} from {pickup_date} until {return_date}{+}.|I need a rental car in {pickup_city}, {pickup_date} to {return_date}{+}."),
    fn("getTravelAdvisory", "Get the current government travel advisory level and main risks for a country.",
       [P("country", "Country name.", COUNTRY, "for {}", ask="Which country?")],
       "get the travel advisory|check the travel safety advice",
       "Is it safe to travel to {country} right now?|What's the travel advisory for {country}?|Any travel warnings for {country}?",
       returns=lambda rng, a: {"country": a["country"], "level": rng.randint(1, 4), "summary": rng.choice(("exercise normal precautions", "exercise increased caution", "reconsider travel"))},
       answer="The advisory for {country} is level {level}: {summary}."),
    fn("find_attractions", "List tourist attractions in a city, optionally of one category.",
       [CITY_P, P("category", "Kind of attraction.", Enum("museums|parks|landmarks|nightlife|markets"), "focusing on {}|mostly {}").opt(), P("limit", "Maximum number of results.", Int(3, 20), "(top {})|- just {} of them").opt(10)],
       "find things to do in a city|list tourist attractions",
       "What should I see in {city}{+}?|List {category} in {city}{+}.|Show me the best {category} in {city}{+}."),
    fn("trip.estimate_budget", "Estimate the total cost of a trip for a number of days and travellers at a travel style.",
       [P("destination", "City or country of the trip.", CITY, "to {}|in {}", ask="Where are you going?"), P("days", "Length of the trip in days.", Int(2, 21), "for {} days", "number of days", "How many days will the trip last?"),
        P("travelers", "Number of travellers.", Int(2, 6), "for {} people|for {} travellers"), P("style", "Spending level.", Enum("budget|mid_range|luxury", {"mid_range": "mid-range"}), "on a {} budget|travelling {}").opt("mid_range")],
       "estimate a trip budget|work out how much a trip will cost",
       "How much would {days} days in {destination} cost for {travelers} people{+}?|Estimate a budget for {travelers} travellers spending {days} days in {destination}{+}."),
    fn("Airport Lounge Finder", "Find airport lounges in an airport, optionally only those open to a membership programme.",
       [P("airport_code", "IATA airport code.", AIRPORT, "at {}", "airport", "Which airport?"), P("terminal", "Terminal name or number.", Pick(("1", "2", "3", "4", "5", "A", "B", "C")), "in terminal {}").opt(),
        P("membership", "Lounge programme.", Enum("priority_pass|lounge_key|dragon_pass|airline_status", {"priority_pass": "Priority Pass", "lounge_key": "LoungeKey", "dragon_pass": "DragonPass", "airline_status": "airline status"}), "with {}|that accept {}").opt()],
       "find an airport lounge|look for lounges at an airport",
       "Which lounges are there at {airport_code}{+}?|Find a lounge at {airport_code}{+}."),
    fn("check_in_online", "Check a passenger in online for a booked flight and choose a seat preference.",
       [BOOKING_REF, P("last_name", "Passenger's last name as on the booking.", Pick(("Silva", "Raman", "Rossi", "Tanaka", "Okafor", "Müller", "Dubois", "Novak", "Larsen", "Patel")), "for {}|surname {}", "last name", "What last name is on the booking?"),
        P("seat_preference", "Preferred seat.", Enum("window|aisle|middle"), "with a {} seat|- {} seat please").opt()],
       "check in for a flight|do my online check-in",
       "Check me in for booking {booking_reference}, last name {last_name}{+}.|Please do the online check-in for {booking_reference} ({last_name}){+}."),
    fn("createItinerary", "Create a multi-city itinerary from a start date and an ordered list of stops with nights at each.",
       [P("title", "Name of the itinerary.", Pick(("Summer tour", "Honeymoon", "Work trip", "Rail adventure", "Family holiday"), quote=0.6), "called {}|named {}", ask="What should the itinerary be called?", axis=False),
        P("start_date", "First day, YYYY-MM-DD.", DATE, "starting {}|from {}", "start date"),
        P("stops", "Stops in order, each with a city and a number of nights.", ObjList(Obj([Field("city", "City name.", CITY), Field("nights", "Nights in this city.", Int(1, 7, words_p=0.4), "{} nights")], sep=" for "), 2, 4, conj="then"), "with {}|visiting {}")],
       "create an itinerary|plan a multi-city trip",
       "Create an itinerary called {title} starting {start_date}: {stops}.|Plan a trip {title} from {start_date} visiting {stops}."),
    fn("travel.insurance_quote", "Quote travel insurance for a group of travellers by age, trip cost and region.",
       [P("traveler_ages", "Age of each traveller.", ListOf(Int(1, 85, words_p=0.0), 1, 4), "for travellers aged {}", "traveller ages", "How old is each traveller?"),
        P("trip_cost", "Total prepaid trip cost in USD.", money(300, 9000, step=50), "for a {} trip|covering {}", "trip cost"),
        P("region", "Destination region.", Enum("europe|asia|americas|africa|oceania|worldwide", {"europe": "Europe", "asia": "Asia", "americas": "the Americas", "africa": "Africa", "oceania": "Oceania", "worldwide": "anywhere in the world|worldwide"}), "for {}|travelling to {}"),
        P("trip_days", "Trip length in days.", Int(2, 60), "for {} days").opt()],
       "get a travel insurance quote|price travel insurance",
       "Quote travel insurance for travellers aged {traveler_ages}, trip cost {trip_cost}, going to {region}{+}.|How much is insurance for a {trip_cost} trip to {region} for people aged {traveler_ages}{+}?"),
    fn("book_flight", "Book a seat on a flight returned by a flight search.",
       [P("flight_id", "Flight id from search results, e.g. FL-20431.", Code("FL-#####"), "with ID {}|number {}", "flight ID", "Which flight (its ID) should I book?"), P("passenger_name", "Full name as on the passport.", PERSON, "for {}", "passenger name", "Who is the passenger?"),
        P("seat_preference", "Preferred seat.", Enum("window|aisle|middle"), "with a {} seat").opt()],
       "book a flight|reserve a flight",
       "Book flight {flight_id} for {passenger_name}{+}.|Reserve {flight_id} for {passenger_name}{+}, please."),
]

CHAINS = [
    chain("search_flights", "book_flight", {"flight_id": _cheapest("flights", "flight_id")},
          "Find flights from {origin} to {destination} on {departure_date} and book the cheapest one for {passenger_name}.|Search {origin} to {destination} flights for {departure_date}, then book whichever is cheapest for {passenger_name}."),
    chain("Hotel Availability Search", "book_hotel", {"hotel_id": _cheapest("hotels", "hotel_id")},
          "Look for hotels in {city} from {check_in} for {nights} nights and book the cheapest one under the name {guest_name}.|I need the cheapest hotel in {city}: {nights} nights starting {check_in}. Book it for {guest_name}."),
    chain("Hotel Availability Search", "book_hotel", {"hotel_id": lambda res: max(res["hotels"], key=lambda h: h["rating"])["hotel_id"]},
          "Find hotels in {city} for {nights} nights from {check_in}, then book the best-rated one for {guest_name}."),
]
