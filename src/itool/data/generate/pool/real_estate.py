"""Real estate: listings, viewings, valuations, mortgages, rentals, leases and agents."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
    DateAfter,
    DateTime,
    Enum,
    Field,
    Int,
    ListOf,
    Measure,
    Num,
    Obj,
    P,
    Pick,
    Val,
    chain,
    fn,
)
from itool.data.generate.values import (
    CITY,
    DATE,
    EMAIL,
    LANGUAGE,
    PERSON,
    PHONE,
    STREETS,
    distinct_numbers,
    ident,
    money,
    percent,
    percent_fraction,
)


def _street(rng):
    text = f"{rng.randint(1, 240)} {rng.choice(STREETS)}"
    return Val(text, text)


STREET = Custom({"type": "string"}, _street)
LISTING_ID = P("listing_id", "Listing identifier, e.g. LST-204817, as returned by a search.", Code("LST-######"), "for listing {}|for {}", "listing ID", "Which listing (its ID)?")
AREAS = (
    "Alfama, Lisbon", "Kreuzberg, Berlin", "Le Marais, Paris", "Shoreditch, London", "Gràcia, Barcelona",
    "Södermalm, Stockholm", "Trastevere, Rome", "Jordaan, Amsterdam", "Mission District, San Francisco",
    "Brooklyn Heights, New York", "Plateau, Montreal", "Fitzroy, Melbourne",
)
PROPERTY_TYPES = Enum("apartment|house|townhouse|studio|loft")
FEATURES = Enum("balcony|parking|garden|elevator|air_conditioning|storage", {"air_conditioning": "air conditioning|AC", "elevator": "an elevator|a lift"})


def _listings(rng, a, lo, hi, step):
    prices = sorted(distinct_numbers(rng, 3, lo, hi, step))
    return {  # cheapest first
        "city": a["city"],
        "listings": [
            {"listing_id": ident(rng, "LST-######"), "address": _street(rng).value, "price": p, "bedrooms": rng.randint(1, 4), "area_m2": rng.randrange(35, 220, 5)}
            for p in prices
        ],
    }


def _cheapest(res):
    return min(res["listings"], key=lambda x: x["price"])["listing_id"]


def _details(rng, a):
    return {
        "listing_id": a["listing_id"], "address": f"{_street(rng).value}, {rng.choice(('Lisbon', 'Berlin', 'Austin', 'Dublin', 'Toronto'))}",
        "price": rng.randrange(150000, 1500000, 5000), "bedrooms": rng.randint(1, 5), "bathrooms": rng.choice((1, 1.5, 2, 2.5, 3)),
        "area_m2": rng.randrange(35, 260, 5), "year_built": rng.randint(1890, 2024), "energy_rating": rng.choice("ABCDE"),
    }


def _affordability(rng, a):
    price = round(a["annual_income"] * rng.uniform(3.2, 4.8) + a["down_payment"], -3)
    return {"max_home_price": price, "max_loan": price - a["down_payment"], "monthly_payment": round((price - a["down_payment"]) * rng.uniform(0.0045, 0.0075), 2)}


def _rent_vs_buy(rng, a):
    years = rng.randint(3, 12)
    return {"breakeven_years": years, "verdict": "buying" if years < a["years"] else "renting",
            "total_cost_renting": round(a["monthly_rent"] * 12 * a["years"] * 1.1, 2), "total_cost_buying": round(a["home_price"] * rng.uniform(0.35, 1.2), 2)}


FUNCTIONS = [
    fn("search_property_listings", "Search homes for sale in a city, filtered by price, bedrooms, property type and features. Returns listing ids, addresses, prices, bedrooms and floor areas.",
       [P("city", "City to search in.", CITY, "in {}", ask="Which city?"),
        P("max_price", "Highest asking price in USD.", money(150000, 2000000, step=5000), "under {}|for at most {}|up to {}").opt(),
        P("min_bedrooms", "Minimum number of bedrooms.", Int(1, 5, words_p=0.5), "with at least {} bedrooms|{}+ bedrooms").opt(),
        P("property_types", "Kinds of property to include.", ListOf(PROPERTY_TYPES, 1, 2, conj="or"), "- {} only|({})").opt(),
        P("must_have", "Features every result must have.", ListOf(FEATURES, 1, 3), "with {}|that have {}").opt()],
       "search homes for sale|look for a property to buy",
       "Find homes for sale in {city}{+}.|Show me properties to buy in {city}{+}.|What's on the market in {city}{+}?|I'm looking to buy in {city}{+}.",
       returns=lambda rng, a: _listings(rng, a, 150000, 1500000, 5000),
       answer="I found 3 homes in {city}; {listings[0][address]} is listed at ${listings[0][price]} with {listings[0][bedrooms]} bedrooms.|In {city}: {listings[0][address]} (${listings[0][price]}), {listings[1][address]} (${listings[1][price]}) and {listings[2][address]} (${listings[2][price]})."),
    fn("searchRentals", "Search apartments and houses to rent in a city. Returns listing ids, addresses, monthly rents and bedrooms.",
       [P("city", "City to search in.", CITY, "in {}", ask="Which city?"),
        P("max_monthly_rent", "Highest monthly rent in USD.", money(500, 6000, step=50), "under {} a month|for up to {} per month").opt(),
        P("bedrooms", "Exact number of bedrooms.", Int(1, 4, words_p=0.5), "with {} bedrooms").opt(),
        P("furnished", "Furnished or unfurnished.", Bool("furnished", "unfurnished"), "{}|that is {}").opt(),
        P("pets_allowed", "Only places where pets are allowed.", Bool("that allow pets|pet-friendly", "no pets needed"), "{}").opt(False),
        P("available_from", "Move-in date, YYYY-MM-DD.", DATE, "available from {}|free from {}").opt()],
       "find a place to rent|search rental apartments",
       "Find rentals in {city}{+}.|Any apartments to rent in {city}{+}?|I need a flat to rent in {city}{+}.",
       returns=lambda rng, a: _listings(rng, a, 600, 5500, 25),
       answer="The cheapest rental I found in {city} is {listings[0][address]} at ${listings[0][price]} a month ({listings[0][bedrooms]} bedrooms).|Rentals in {city}: {listings[0][address]} for ${listings[0][price]}/month, {listings[1][address]} for ${listings[1][price]}/month."),
    fn("getPropertyDetails", "Full details of one listing: address, price, rooms, floor area, year built and energy rating.",
       [LISTING_ID, P("include_floor_plan", "Also return a link to the floor plan.", Bool("with the floor plan|including the floor plan", "without the floor plan"), "{}").opt(False)],
       "get a listing's details|look up a property",
       "Tell me more about listing {listing_id}{+}.|What are the details of {listing_id}{+}?|Show me property {listing_id}{+}.",
       returns=_details,
       answer="{listing_id} is at {address}: {bedrooms} bedrooms, {bathrooms} bathrooms, {area_m2} m², built in {year_built}, asking ${price} (energy rating {energy_rating}).|Listing {listing_id}, {address}, asks ${price} for {area_m2} m² with {bedrooms} bedrooms; it was built in {year_built}."),
    fn("schedule_property_viewing", "Book a viewing of a listed property, in person or by video call.",
       [LISTING_ID, P("visitor_name", "Name of the person viewing.", PERSON, "for {}|under the name {}", "visitor name", "Who will attend the viewing?"),
        P("preferred_time", "Requested slot, YYYY-MM-DDTHH:MM.", DateTime(), "on {}|for {}", "viewing time", "When would you like to view it?"),
        P("phone", "Contact number for the agent.", PHONE, "- call {} if needed|contact number {}").opt(),
        P("virtual", "Hold the viewing by video call.", Bool("by video call|as a virtual tour", "in person"), "{}").opt(False)],
       "book a property viewing|arrange to see a home",
       "Book a viewing of {listing_id} for {visitor_name} on {preferred_time}{+}.|Can {visitor_name} see {listing_id} on {preferred_time}{+}?|Arrange a viewing: {listing_id}, {preferred_time}, {visitor_name}{+}."),
    fn("mortgage.affordability", "How expensive a home a household can afford from income, savings, debts and the mortgage rate.",
       [P("annual_income", "Gross household income per year.", money(30000, 400000, step=1000), "on an income of {}|earning {} a year", "annual income", "What's your yearly household income?"),
        P("down_payment", "Cash available for the down payment.", money(10000, 300000, step=5000), "with {} saved|with a {} down payment", "down payment", "How much can you put down?"),
        P("interest_rate", "Annual mortgage rate in percent.", percent(2, 9, 0.25), "at {}|at a rate of {}", "interest rate", "What interest rate should I assume?"),
        P("term_years", "Mortgage term in years.", Enum((15, 20, 25, 30), {15: "15 years|fifteen years", 20: "20 years|twenty years", 25: "25 years", 30: "30 years|thirty years"}), "over {}|on a {} term").opt(30),
        P("monthly_debts", "Other debt repayments per month.", money(50, 3000, step=50), "with {} of other debts a month|paying {} monthly on loans").opt(0)],
       "work out how much house I can afford|check mortgage affordability",
       "How much house can I afford earning {annual_income} with {down_payment} down at {interest_rate}{+}?|What price can we buy at with {down_payment} saved, an income of {annual_income} and a {interest_rate} rate{+}?",
       returns=_affordability,
       answer="You could afford a home of about ${max_home_price}, borrowing ${max_loan} with a monthly payment near ${monthly_payment}.|The maximum price is around ${max_home_price}; the loan would be ${max_loan} at roughly ${monthly_payment} a month."),
    fn("Rent vs Buy Calculator", "Compare the cost of renting with buying a similar home over a number of years and give the break-even point.",
       [P("monthly_rent", "Current or expected rent per month.", money(600, 5000, step=50), "paying {} rent|with rent of {} a month", "monthly rent", "What's the monthly rent?"),
        P("home_price", "Price of the home you would buy.", money(150000, 1500000, step=5000), "against buying at {}|versus a {} home", "home price", "What does the home cost?"),
        P("down_payment_fraction", "Down payment as a fraction of the price, e.g. 0.2 for 20%.", percent_fraction(5, 40, 5), "with {} down|putting {} down", "down payment share", "What share of the price would you put down?"),
        P("years", "How long you expect to stay.", Int(2, 30), "over {} years|staying {} years", "years", "How many years do you plan to stay?"),
        P("appreciation_percent", "Expected yearly rise in home value, in percent.", percent(0, 6, 0.5), "assuming {} appreciation|with prices rising {} a year").opt(3)],
       "compare renting with buying|decide whether to rent or buy",
       "Should I rent at {monthly_rent} a month or buy a {home_price} home with {down_payment_fraction} down, staying {years} years{+}?|Compare renting for {monthly_rent}/month vs buying at {home_price}, {down_payment_fraction} down, over {years} years{+}.",
       returns=_rent_vs_buy,
       answer="Buying breaks even after about {breakeven_years} years, so over {years} years {verdict} comes out cheaper.|Break-even is {breakeven_years} years; for a {years}-year stay, {verdict} is the better deal."),
    fn("estimateHomeValue", "Estimate the market value of a home from its address, size and rooms.",
       [P("address", "Where the home is.", Obj([Field("street", "House number and street.", STREET), Field("city", "City.", CITY), Field("postalCode", "Postal code.", Code("#####"), p=0.5)]),
          "at {}|for {}", ask="What's the address?"),
        P("bedrooms", "Number of bedrooms.", Int(1, 6, words_p=0.4), "with {} bedrooms", ask="How many bedrooms?"),
        P("bathrooms", "Number of bathrooms; a half bath counts 0.5.", Num(1, 4, 0.5, words_p=0.3), "and {} bathrooms|with {} bathrooms", ask="How many bathrooms?"),
        P("living_area", "Living area in square metres.", Measure(30, 320, 5, [(1, "{} m²"), (1, "{} square metres"), (1, "{} sqm")]), "of {}|measuring {}", "floor area", "How big is it in square metres?"),
        P("year_built", "Year of construction.", Int(1880, 2024, words_p=0.0), "built in {}").opt()],
       "estimate a home's value|get a property valuation",
       "What's my home at {address} worth? It has {bedrooms} bedrooms, {bathrooms} bathrooms and {living_area}{+}.|Value the property at {address}: {bedrooms} bedrooms, {bathrooms} bathrooms, {living_area}{+}.",
       returns=lambda rng, a: (lambda v: {"estimate": v, "low": int(round(v * 0.92, -3)), "high": int(round(v * 1.08, -3)), "currency": "USD"})(rng.randrange(120000, 2000000, 1000)),
       answer="The estimated value is ${estimate}, likely between ${low} and ${high}.|I'd put it at about ${estimate} (range ${low}-${high})."),
    fn("property.tax_estimate", "Estimate the yearly property tax on a home from its assessed value and county.",
       [P("assessed_value", "Assessed value in USD.", money(80000, 2000000, step=5000), "on a home assessed at {}|for an assessed value of {}", "assessed value", "What's the assessed value?"),
        P("county", "County and state.", Pick(("Travis County, TX", "King County, WA", "Cook County, IL", "Miami-Dade County, FL", "Denver County, CO", "Suffolk County, MA", "Maricopa County, AZ")), "in {}", ask="Which county is the home in?"),
        P("homestead_exemption", "Apply the homestead exemption for a primary residence.", Bool("with the homestead exemption|as my primary residence", "without any exemption|as a rental property"), "{}").opt(False),
        P("tax_year", "Tax year.", Int(2023, 2026, words_p=0.0), "for {}").opt()],
       "estimate property tax|work out the yearly property tax",
       "What's the property tax on a home assessed at {assessed_value} in {county}{+}?|Estimate property taxes in {county} for {assessed_value}{+}.",
       returns=lambda rng, a: (lambda r: {"county": a["county"], "rate_percent": r, "annual_tax": round(a["assessed_value"] * r / 100, 2)})(round(rng.uniform(0.6, 2.4), 2)),
       answer="At {rate_percent}% the yearly property tax in {county} would be ${annual_tax}.|Expect about ${annual_tax} a year ({rate_percent}% in {county})."),
    fn("submit_rental_application", "Apply to rent a listed property on behalf of an applicant.",
       [LISTING_ID, P("applicant", "The main applicant.", Obj([
            Field("full_name", "Applicant's full name.", PERSON),
            Field("email", "Applicant's email.", EMAIL, "({})"),
            Field("monthly_income", "Net monthly income in USD.", money(1500, 15000, step=100), "earning {} a month")], sep=" "),
          "for {}|as {}", ask="Who is applying (name, email and monthly income)?"),
        P("move_in_date", "Desired move-in date, YYYY-MM-DD.", DATE, "moving in {}|from {}", "move-in date", "When do you want to move in?"),
        P("occupants", "Number of people who will live there.", Int(1, 5, words_p=0.5), "for {} occupants|for {} people").opt(1),
        P("pets", "Pets that will live there.", ListOf(Enum("cat|dog|rabbit|bird|fish"), 1, 2), "with a {}|bringing a {}").opt()],
       "apply for a rental|submit a rental application",
       "Apply for {listing_id} for {applicant}, moving in {move_in_date}{+}.|Submit a rental application to {listing_id}: applicant {applicant}, move-in {move_in_date}{+}."),
    fn("Rental Maintenance Request", "Report a problem in a rented unit to the landlord or property manager.",
       [P("unit_id", "Unit identifier, e.g. APT-12B.", Code("APT-##@"), "in {}|for unit {}", "unit", "Which unit is it?"),
        P("issue", "What is wrong.", Enum("leaking_tap|no_hot_water|broken_heating|power_outage|blocked_drain|broken_window|pests|faulty_appliance",
                                          {"leaking_tap": "a leaking tap|a dripping faucet", "no_hot_water": "no hot water", "broken_heating": "broken heating|the heating not working", "power_outage": "no power|a power cut",
                                           "blocked_drain": "a blocked drain|a clogged drain", "broken_window": "a broken window", "pests": "mice|cockroaches|a pest problem", "faulty_appliance": "a faulty appliance|the washing machine not working"}),
          "about {}|for {}", ask="What's the problem?"),
        P("urgency", "How urgent the repair is.", Enum("low|normal|emergency", {"emergency": "an emergency|urgent"}), "- it's {}|marked {}").opt("normal"),
        P("permission_to_enter", "Whether staff may enter when nobody is home.", Bool("with permission to enter if I'm out|and staff may let themselves in", "with entry only when I'm home|but nobody should enter without me"), "{}").opt(False),
        P("available_days", "Days someone can be home.", ListOf(Enum("monday|tuesday|wednesday|thursday|friday|saturday", {d: d.capitalize() for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday")}), 1, 3), "with access on {}|on {} when I'm in").opt()],
       "report a maintenance problem|ask the landlord for a repair",
       "Report {issue} in {unit_id}{+}.|There's {issue} in unit {unit_id}{+}; please log a repair.|Log a maintenance request for {unit_id}: {issue}{+}."),
    fn("list_open_houses", "List upcoming open houses in a city between two dates.",
       [P("city", "City.", CITY, "in {}", ask="Which city?"), P("start_date", "First day, YYYY-MM-DD.", DATE, "from {}|starting {}", "start date"),
        P("end_date", "Last day, YYYY-MM-DD.", DateAfter("start_date", 1, 14), "to {}|until {}", "end date").opt(),
        P("property_type", "Only one kind of property.", PROPERTY_TYPES, "- {} only|for {}s").opt(),
        P("max_results", "Maximum number of open houses.", Int(3, 25), "(top {})|- {} at most").opt(10)],
       "find open houses|list upcoming open houses",
       "Any open houses in {city} from {start_date}{+}?|List open houses in {city} starting {start_date}{+}.|Which homes in {city} have an open house from {start_date}{+}?",
       returns=lambda rng, a: {"open_houses": [{"listing_id": ident(rng, "LST-######"), "address": _street(rng).value, "date": a["start_date"], "time": t} for t in ("10:00-12:00", "14:00-16:00")]},
       answer="There's an open house at {open_houses[0][address]} on {open_houses[0][date]}, {open_houses[0][time]}, and at {open_houses[1][address]} from {open_houses[1][time]}."),
    fn("neighborhood.stats", "Key figures for a neighbourhood: median price and rent, safety, schools and walkability.",
       [P("area", "Neighbourhood and city, e.g. 'Kreuzberg, Berlin'.", Pick(AREAS), "for {}|in {}", "neighbourhood", "Which neighbourhood?"),
        P("metrics", "Figures to return; all when omitted.", ListOf(Enum("median_price|median_rent|crime_rate|school_rating|walk_score", {"walk_score": "walkability|the walk score", "crime_rate": "crime|the crime rate", "school_rating": "schools|school ratings"}), 1, 3), "covering {}|- just {}").opt()],
       "get neighbourhood statistics|research a neighbourhood",
       "What's {area} like to live in{+}?|Give me stats on {area}{+}.|How is {area} for {metrics}?",
       returns=lambda rng, a: {"area": a["area"], "median_price": rng.randrange(250000, 1500000, 5000), "median_rent": rng.randrange(900, 4500, 50), "walk_score": rng.randint(55, 99), "school_rating": round(rng.uniform(5, 9.5), 1)},
       answer="{area}: median price ${median_price}, median rent ${median_rent}, walk score {walk_score}, schools rated {school_rating}/10."),
    fn("compareProperties", "Compare two to four listings side by side on the chosen criteria.",
       [P("listing_ids", "Listings to compare.", ListOf(Code("LST-######"), 2, 4), "- {}|between {}", "listing IDs", "Which listings (their IDs) should I compare?"),
        P("criteria", "What to compare; price, size and price per square metre when omitted.", ListOf(Enum("price|size|price_per_m2|energy_rating|monthly_costs", {"price_per_m2": "price per square metre", "energy_rating": "energy rating", "monthly_costs": "monthly costs"}), 1, 3), "on {}|by {}").opt()],
       "compare properties|put listings side by side",
       "Compare {listing_ids}{+}.|Which is the better deal out of {listing_ids}{+}?|Put {listing_ids} side by side{+}.",
       returns=lambda rng, a: {"best_value": rng.choice(a["listing_ids"]), "compared": len(a["listing_ids"])},
       answer="Of the {compared} listings, {best_value} is the best value.|{best_value} comes out best among the {compared} properties."),
    fn("Lease Renewal Offer", "Send a tenant an offer to renew their lease at a new rent and term.",
       [P("lease_id", "Lease identifier, e.g. LS-40921.", Code("LS-#####"), "for lease {}|on {}", "lease ID", "Which lease?"),
        P("new_monthly_rent", "Proposed rent per month in USD.", money(600, 5000, step=25), "at {} a month|with rent of {}", "new rent", "What should the new rent be?"),
        P("term_months", "Length of the renewal in months.", Enum((6, 12, 18, 24), {6: "six months|6 months", 12: "a year|12 months|one year", 18: "18 months", 24: "two years|24 months"}), "for {}", "term", "How long should the renewal run?"),
        P("start_date", "Start of the renewed term, YYYY-MM-DD.", DATE, "starting {}|from {}", "start date", "When does the renewal start?"),
        P("include_parking", "Include a parking space in the rent.", Bool("including parking|with a parking space", "without parking"), "{}").opt(False)],
       "offer a lease renewal|renew a tenant's lease",
       "Offer to renew {lease_id} at {new_monthly_rent} a month for {term_months} starting {start_date}{+}.|Send a renewal for lease {lease_id}: {term_months}, {new_monthly_rent}/month, from {start_date}{+}."),
    fn("find_real_estate_agent", "Find real estate agents in a city by specialty, languages spoken and rating.",
       [P("city", "City where the agent works.", CITY, "in {}", ask="Which city?"),
        P("specialty", "What the agent mainly does.", Enum("buying|selling|rentals|commercial", {"buying": "buying|helping buyers", "selling": "selling|selling homes", "rentals": "rentals|lettings"}), "for {}|who specialises in {}").opt(),
        P("languages", "Languages the agent must speak.", ListOf(LANGUAGE, 1, 2), "who speaks {}|speaking {}").opt(),
        P("min_rating", "Lowest acceptable client rating out of 5.", Num(3.5, 4.9, 0.1, words_p=0.0), "rated at least {}|with a rating of {} or more").opt()],
       "find a real estate agent|look for a realtor",
       "Find a real estate agent in {city}{+}.|I need a realtor in {city}{+}.|Recommend an estate agent in {city}{+}.",
       returns=lambda rng, a: {"agents": [{"name": PERSON(rng).value, "agency": rng.choice(("Keystone Realty", "Harbour Homes", "Urban Nest", "Blue Door Estates")), "rating": r} for r in sorted(distinct_numbers(rng, 2, 3.8, 5.0, 0.1), reverse=True)]},
       answer="The top-rated agent is {agents[0][name]} at {agents[0][agency]} ({agents[0][rating]}/5), followed by {agents[1][name]}.|Try {agents[0][name]} from {agents[0][agency]}, rated {agents[0][rating]}."),
]

CHAINS = [
    chain("search_property_listings", "getPropertyDetails", {"listing_id": _cheapest},
          "Find homes for sale in {city} and give me the full details of the cheapest one.|Search properties to buy in {city}, then pull up the details of whichever is cheapest."),
    chain("searchRentals", "schedule_property_viewing", {"listing_id": _cheapest},
          "Find rentals in {city} and book a viewing of the cheapest for {visitor_name} on {preferred_time}.|Look for apartments to rent in {city}, then arrange for {visitor_name} to see the cheapest one on {preferred_time}."),
    chain("search_property_listings", "compareProperties", {"listing_ids": lambda res: [x["listing_id"] for x in res["listings"]]},
          "Search homes for sale in {city} and compare all the results side by side.|Find properties to buy in {city}, then compare them."),
]
