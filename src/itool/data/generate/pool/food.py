"""Food: recipes, nutrition, restaurants, reservations, delivery, pantry and meal plans."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
    Date,
    Enum,
    Int,
    ListOf,
    Num,
    ObjList,
    P,
    Pick,
    Time,
    Val,
    chain,
    fn,
)
from itool.data.generate.values import (
    CITY,
    DATE,
    PERSON,
    STREETS,
    distinct_numbers,
    grams,
    ident,
    minutes,
    money,
)
from itool.data.generate.words import int_words

INGREDIENTS = (
    "chicken", "tofu", "chickpeas", "salmon", "mushrooms", "spinach", "rice", "pasta", "eggs",
    "potatoes", "lentils", "broccoli", "tomatoes", "feta", "beef", "prawns", "sweet potato", "quinoa",
)
DISHES = (
    "margherita pizza", "pad thai", "chicken tikka masala", "beef burrito", "mushroom risotto",
    "caesar salad", "falafel wrap", "ramen", "paella", "lamb tagine", "green curry", "fish and chips",
)
GROCERIES = (
    "milk", "bread", "eggs", "butter", "apples", "bananas", "coffee", "rice", "olive oil", "yoghurt",
    "cheddar", "tomatoes", "onions", "garlic", "pasta", "oat milk", "chicken breasts", "spinach",
)
FOODS = (
    "banana", "avocado", "brown rice", "chicken breast", "almonds", "greek yoghurt", "oats", "salmon",
    "broccoli", "lentils", "cheddar cheese", "whole wheat bread", "apple", "tofu",
)
CUISINE = Enum("italian|thai|indian|mexican|japanese|french|greek|lebanese|chinese|spanish", {c: c.capitalize() for c in "italian|thai|indian|mexican|japanese|french|greek|lebanese|chinese|spanish".split("|")})
DIET = Enum("vegetarian|vegan|gluten_free|keto|dairy_free", {"gluten_free": "gluten-free", "dairy_free": "dairy-free"})
RESTAURANT_ID = P("restaurant_id", "Restaurant identifier from a search, e.g. RST-2041.", Code("RST-####"), "at {}|from {}", "restaurant ID", "Which restaurant (its ID)?")
COOKING_UNIT = Enum("cup|tbsp|tsp|ml|g|oz", {"cup": "cups", "tbsp": "tablespoons|tbsp", "tsp": "teaspoons|tsp", "ml": "millilitres|ml", "g": "grams", "oz": "ounces|oz"})
NOTES = ("no onions", "extra spicy", "sauce on the side", "mild please", "no coriander")


def _order_item(rng):
    """One line of a food order: "2 x pad thai (extra spicy)"."""
    dish, qty = rng.choice(DISHES), rng.randint(1, 4)
    value = {"item": dish, "quantity": qty}
    if qty == 1:
        text = rng.choice((f"a {dish}", f"one {dish}", f"1 x {dish}"))
    else:
        text = rng.choice((f"{qty} x {dish}", f"{qty}x {dish}", f"{int_words(qty)} {dish}"))
    if rng.random() < 0.3:
        value["notes"] = rng.choice(NOTES)
        text += f" ({value['notes']})"
    return Val(value, text)


ORDER_ITEM = Custom(
    {
        "type": "object",
        "properties": {
            "item": {"type": "string", "description": "Dish name as on the menu."},
            "quantity": {"type": "integer", "description": "How many portions."},
            "notes": {"type": "string", "description": "Special instructions for the kitchen."},
        },
        "required": ["item", "quantity"],
    },
    _order_item,
)

_RECIPE_LINES = (
    ("flour", "g", 100, 500, 50), ("sugar", "g", 50, 250, 25), ("butter", "g", 50, 250, 25), ("milk", "ml", 100, 500, 50),
    ("olive oil", "tbsp", 1, 4, 1), ("salt", "tsp", 1, 2, 1), ("eggs", "piece", 1, 4, 1), ("rice", "g", 150, 400, 50), ("stock", "ml", 250, 1000, 250),
)


def _recipe_line(rng):
    """An ingredient line: "200 g flour", "2 tbsp olive oil", "3 eggs"."""
    name, unit, lo, hi, step = rng.choice(_RECIPE_LINES)
    qty = rng.randrange(lo, hi + 1, step)
    text = f"{qty} {name}" if unit == "piece" else f"{qty} {unit} {name}" if unit in ("g", "ml") else f"{qty} {unit} of {name}"
    return Val({"name": name, "quantity": qty, "unit": unit}, text)


RECIPE_LINE = Custom(
    {
        "type": "object",
        "properties": {
            "name": {"type": "string", "description": "Ingredient."},
            "quantity": {"type": "number", "description": "Amount in the unit."},
            "unit": {"type": "string", "enum": ["g", "ml", "tbsp", "tsp", "cup", "piece"], "description": "Unit of the amount; piece for countable items."},
        },
        "required": ["name", "quantity", "unit"],
    },
    _recipe_line,
)


def _address(rng):
    text = f"{rng.randint(1, 240)} {rng.choice(STREETS)}"
    return Val(text, text)


def _recipes(rng, a):
    times = distinct_numbers(rng, 3, 15, 90, 5)
    base = a["include_ingredients"][0]
    titles = [f"{base.capitalize()} {kind}" for kind in rng.sample(("stir-fry", "traybake", "curry", "salad", "soup", "bowl", "bake"), 3)]
    return {"recipes": [{"recipe_id": ident(rng, "RCP-#####"), "title": t, "total_minutes": m, "rating": round(rng.uniform(3.6, 4.9), 1)} for t, m in zip(titles, times, strict=True)]}


def _restaurants(rng, a):
    ratings = sorted(distinct_numbers(rng, 3, 3.5, 4.9, 0.1), reverse=True)
    names = rng.sample(("Casa Nostra", "Lemongrass", "The Spice Room", "Taqueria Sol", "Sakura", "Le Petit Four", "Olive & Vine", "Cedar House"), 3)
    return {"city": a["city"], "restaurants": [{"restaurant_id": ident(rng, "RST-####"), "name": n, "rating": r, "price_level": a.get("price_level", rng.randint(1, 4))} for n, r in zip(names, ratings, strict=True)]}


FUNCTIONS = [
    fn("search_recipes", "Find recipes that use given ingredients, optionally by cuisine, diet and maximum preparation time. Returns recipe ids, titles, total minutes and ratings.",
       [P("include_ingredients", "Ingredients the recipe must use.", ListOf(Pick(INGREDIENTS), 1, 3), "with {}|using {}", "ingredients", "Which ingredients do you want to use?"),
        P("cuisine", "Cuisine style.", CUISINE, "- {} style|from {} cuisine").opt(),
        P("diet", "Dietary restriction every recipe must meet.", DIET, "that is {}|suitable for a {} diet").opt(),
        P("max_total_minutes", "Longest acceptable total time in minutes.", minutes(15, 120, 15), "in under {}|taking at most {}").opt()],
       "search for recipes|find something to cook",
       "Find recipes with {include_ingredients}{+}.|What can I cook with {include_ingredients}{+}?|Give me a recipe using {include_ingredients}{+}.",
       returns=_recipes,
       answer="Try {recipes[0][title]} ({recipes[0][total_minutes]} min, rated {recipes[0][rating]}); other options are {recipes[1][title]} and {recipes[2][title]}.|I found {recipes[0][title]}, {recipes[1][title]} and {recipes[2][title]}; the first takes {recipes[0][total_minutes]} minutes."),
    fn("getRecipeDetails", "Full recipe: ingredients with quantities for the requested servings, steps and times.",
       [P("recipe_id", "Recipe identifier, e.g. RCP-20417.", Code("RCP-#####"), "for {}|of recipe {}", "recipe ID", "Which recipe (its ID)?"),
        P("servings", "Scale the quantities to this many servings.", Int(1, 12, words_p=0.4), "for {} servings|scaled to {} servings").opt()],
       "get a recipe's details|open a recipe",
       "Show me recipe {recipe_id}{+}.|What do I need for {recipe_id}{+}?|Give me the full recipe for {recipe_id}{+}.",
       returns=lambda rng, a: {"recipe_id": a["recipe_id"], "title": rng.choice(("Lentil soup", "Chicken traybake", "Tofu stir-fry", "Spinach risotto")), "servings": a.get("servings", 4), "ingredient_count": rng.randint(5, 14), "steps": rng.randint(4, 10), "total_minutes": rng.randrange(20, 95, 5)},
       answer="{title} serves {servings}: {ingredient_count} ingredients, {steps} steps, about {total_minutes} minutes in total.|For {servings} servings, {title} needs {ingredient_count} ingredients and takes {total_minutes} minutes."),
    fn("scale_recipe", "Rescale a list of ingredient quantities from one number of servings to another.",
       [P("ingredients", "Ingredient lines of the original recipe.", ObjList(RECIPE_LINE, 2, 4), "using {}|made with {}", ask="Which ingredients and amounts does the recipe use?"),
        P("original_servings", "Servings the quantities are for.", Int(2, 8, words_p=0.4), "from {} servings|that currently serves {}", "original servings", "How many servings is the recipe for now?"),
        P("target_servings", "Servings wanted.", Int(1, 16, words_p=0.4), "to {} servings|for {} people", "target servings", "How many servings do you want?")],
       "scale a recipe|adjust recipe quantities",
       "Scale this recipe from {original_servings} servings to {target_servings}: {ingredients}.|My recipe serves {original_servings} and uses {ingredients}; adjust it for {target_servings} servings.",
       needs_tool=False),
    fn("Restaurant Finder", "Find restaurants in a city by cuisine, price level and rating. Returns restaurant ids, names, ratings and price levels.",
       [P("city", "City.", CITY, "in {}", ask="Which city?"), P("cuisine", "Type of food.", CUISINE, "serving {} food|- {}").opt(),
        P("price_level", "Price level from 1 (cheap) to 4 (fine dining).", Enum((1, 2, 3, 4), {1: "cheap|budget|$", 2: "mid-range|moderately priced|$$", 3: "upscale|$$$", 4: "fine-dining|very expensive|$$$$"}), "in the {} price range").opt(),
        P("open_now", "Only places open right now.", Bool("open now|that are open right now", "open or closed"), "{}").opt(False),
        P("min_rating", "Lowest acceptable rating out of 5.", Num(3.5, 4.8, 0.1, words_p=0.0), "rated {} or higher|with at least {} stars").opt()],
       "find a restaurant|look for somewhere to eat",
       "Find {cuisine} restaurants in {city}{+}.|Where can I eat in {city}{+}?|Recommend a restaurant in {city}{+}.|Any good {cuisine} places in {city}{+}?",
       returns=_restaurants,
       answer="The best-rated option in {city} is {restaurants[0][name]} ({restaurants[0][rating]}), then {restaurants[1][name]} ({restaurants[1][rating]}).|Try {restaurants[0][name]}, rated {restaurants[0][rating]}; {restaurants[1][name]} and {restaurants[2][name]} are alternatives."),
    fn("book_table", "Reserve a table at a restaurant for a party at a date and time.",
       [RESTAURANT_ID, P("date", "Date, YYYY-MM-DD.", DATE, "on {}", ask="Which day?"), P("time", "Time, HH:MM.", Time(11, 22), "at {}", ask="What time?"),
        P("party_size", "Number of people.", Int(1, 12, words_p=0.4), "for {} people|for a party of {}", "party size", "How many people?"),
        P("name", "Name for the reservation.", PERSON, "under {}|in the name of {}", "reservation name", "What name should the table be under?"),
        P("special_requests", "Requests for the restaurant.", ListOf(Enum("high_chair|wheelchair_access|window_table|birthday|quiet_corner", {"high_chair": "a high chair", "wheelchair_access": "wheelchair access", "window_table": "a window table", "birthday": "a birthday celebration", "quiet_corner": "a quiet corner"}), 1, 2), "with {}|asking for {}").opt(),
        P("outdoor", "Sit outside.", Bool("outside|on the terrace", "inside|indoors"), "{}").opt(False)],
       "book a table|make a restaurant reservation",
       "Book a table at {restaurant_id} for {party_size} on {date} at {time} under {name}{+}.|Reserve {restaurant_id} for {party_size} people, {date} at {time}, name {name}{+}.|Can you get {name} a table for {party_size} at {restaurant_id} on {date} at {time}{+}?"),
    fn("delivery.order_food", "Order food for delivery from a restaurant.",
       [RESTAURANT_ID, P("items", "Dishes to order with quantities.", ObjList(ORDER_ITEM, 1, 3), "- {}|: {}", "order items", "What would you like to order?"),
        P("delivery_address", "Street address to deliver to.", Custom({"type": "string"}, _address), "to {}|delivered to {}", "delivery address", "Where should it be delivered?"),
        P("tip", "Tip for the courier in USD.", money(1, 15, step=1), "with a {} tip|tipping {}").opt(0),
        P("contactless", "Leave the order at the door.", Bool("contactless|left at the door", "handed over in person"), "{}").opt(False)],
       "order food for delivery|get a takeaway delivered",
       "Order {items} from {restaurant_id} to {delivery_address}{+}.|Get me {items} from {restaurant_id}, delivered to {delivery_address}{+}.|I'd like {items} from {restaurant_id} sent to {delivery_address}{+}.",
       returns=lambda rng, a: {"order_id": ident(rng, "FD-######"), "total": round(sum(i["quantity"] for i in a["items"]) * rng.uniform(9, 18) + a.get("tip", 0), 2), "eta_minutes": rng.randrange(20, 60, 5)},
       answer="Order {order_id} is placed: {total} in total, arriving in about {eta_minutes} minutes.|Your food is ordered ({order_id}); it comes to {total} and should arrive in {eta_minutes} min."),
    fn("trackFoodDelivery", "Status of a food delivery order: preparing, on the way or delivered, with an arrival estimate.",
       [P("order_id", "Delivery order id, e.g. FD-204817.", Code("FD-######"), "for {}|of order {}", "order ID", "What's the order number?")],
       "track a food delivery|check where my food is",
       "Where's my order {order_id}?|Track delivery {order_id}.|When will {order_id} arrive?",
       returns=lambda rng, a: {"order_id": a["order_id"], "status": rng.choice(("being prepared", "on the way", "picked up by the courier")), "eta_minutes": rng.randint(3, 40), "courier": PERSON(rng).value.split(" ")[0]},
       answer="Order {order_id} is {status}; {courier} should arrive in about {eta_minutes} minutes.|{order_id}: {status}, ETA {eta_minutes} min."),
    fn("nutrition.lookup", "Calories and macronutrients of a food for a given weight.",
       [P("food", "Food name.", Pick(FOODS), "in {}|of {}", ask="Which food?"),
        P("amount_grams", "Weight of the portion in grams.", grams(20, 500, 10), "for {}|per {}").opt(100)],
       "look up nutrition facts|check how many calories are in a food",
       "How many calories are in {amount_grams} of {food}{+}?|Nutrition facts for {food}{+}?|What are the macros of {food}{+}?",
       returns=lambda rng, a: {"food": a["food"], "grams": a.get("amount_grams", 100), "calories": rng.randint(20, 600), "protein_g": round(rng.uniform(0, 30), 1), "carbs_g": round(rng.uniform(0, 70), 1), "fat_g": round(rng.uniform(0, 40), 1)},
       answer="{grams} g of {food} has {calories} kcal: {protein_g} g protein, {carbs_g} g carbs and {fat_g} g fat.|{food} ({grams} g): {calories} calories, protein {protein_g} g, carbs {carbs_g} g, fat {fat_g} g."),
    fn("meal_plan.generate", "Build a meal plan for some days at a daily calorie target, respecting a diet and foods to avoid.",
       [P("days", "Number of days to plan.", Int(1, 7, words_p=0.4), "for {} days", ask="How many days should the plan cover?"),
        P("calories_per_day", "Daily calorie target in kcal.", Int(1200, 3500, 100, words_p=0.1), "at {} calories a day|with {} kcal per day", "daily calories", "How many calories a day?"),
        P("diet", "Diet to follow.", DIET, "that is {}|for a {} diet").opt(),
        P("exclude", "Foods to leave out.", ListOf(Pick(("mushrooms", "peanuts", "shellfish", "pork", "olives", "coriander", "eggs")), 1, 3), "without {}|excluding {}").opt(),
        P("meals_per_day", "Meals per day.", Enum((2, 3, 4, 5), {2: "two|2", 3: "three|3", 4: "four|4", 5: "five|5"}), "with {} meals a day").opt(3)],
       "create a meal plan|plan my meals",
       "Make me a {days}-day meal plan at {calories_per_day} calories a day{+}.|Plan meals for {days} days with {calories_per_day} kcal per day{+}.|I need a meal plan: {days} days, {calories_per_day} calories daily{+}."),
    fn("convertCookingUnits", "Convert a cooking quantity between volume and weight units; an ingredient makes cups-to-grams exact.",
       [P("amount", "Quantity in the source unit.", Num(1.5, 10, 0.5, words_p=0.3), "for {}|for a quantity of {}", ask="How much?"),
        P("from_unit", "Unit to convert from.", COOKING_UNIT, "from {}", "source unit", "Which unit is it in now?"),
        P("to_unit", "Unit to convert to.", COOKING_UNIT, "to {}|into {}", "target unit", "Which unit do you want?"),
        P("ingredient", "Ingredient, for its density.", Pick(("flour", "sugar", "butter", "rice", "honey", "water", "oats")), "of {}").opt()],
       "convert cooking units|change a recipe measurement",
       "Convert {amount} {from_unit} of {ingredient} to {to_unit}.|How many {to_unit} is {amount} {from_unit} of {ingredient}?|What's {amount} {from_unit}{+} in {to_unit}?",
       needs_tool=False),
    fn("Wine Pairing Suggestion", "Suggest wines that go with a dish, optionally of one type and under a price.",
       [P("dish", "Dish to pair with.", Pick(DISHES), "with {}|for {}", ask="What are you eating?"),
        P("wine_type", "Kind of wine.", Enum("red|white|rose|sparkling", {"rose": "rosé|rose"}), "- {} please|preferably {}").opt(),
        P("max_price", "Highest bottle price in USD.", money(8, 80, step=1), "under {}|for at most {} a bottle").opt()],
       "suggest a wine pairing|pick a wine for a dish",
       "What wine goes with {dish}{+}?|Suggest a wine for {dish}{+}.|Which {wine_type} should I serve with {dish}{+}?",
       returns=lambda rng, a: {"dish": a["dish"], "wine": rng.choice(("Rioja Crianza", "Sancerre", "Chianti Classico", "Albariño", "Côtes du Rhône", "Prosecco", "Riesling Kabinett")), "price": rng.randrange(9, 60)},
       answer="With {dish}, try a {wine} (about ${price}).|A {wine} at around ${price} pairs well with {dish}."),
    fn("addToShoppingList", "Add items to a named shopping list.",
       [P("items", "Items to add.", ListOf(Pick(GROCERIES), 1, 4), "- {}|: {}", ask="What should I add?"),
        P("list_name", "Name of the list.", Pick(("Groceries", "Weekend BBQ", "Party", "Camping trip", "Costco run"), quote=0.5), "to the {} list|on my {} list").opt("Groceries")],
       "add items to my shopping list|put things on the grocery list",
       "Add {items} to my shopping list{+}.|Put {items} on the {list_name} list.|I need {items}; add them to the list{+}.|Shopping list: add {items}{+}."),
    fn("check_allergens", "Check whether a dish contains any of the given allergens.",
       [P("dish", "Dish to check.", Pick(DISHES), "in {}|for {}", ask="Which dish?"),
        P("allergens", "Allergens to check for.", ListOf(Enum("gluten|peanuts|tree_nuts|milk|eggs|soy|shellfish|fish|sesame", {"tree_nuts": "tree nuts|nuts", "milk": "milk|dairy"}), 1, 3, conj="or"), "for {}|containing {}", ask="Which allergens should I check for?")],
       "check a dish for allergens|find out if food contains an allergen",
       "Does {dish} contain {allergens}?|Is there {allergens} in the {dish}?|Check {dish} for {allergens}.",
       returns=lambda rng, a: (lambda found: {"dish": a["dish"], "contains": found, "verdict": f"contains {' and '.join(x.replace('_', ' ') for x in found)}" if found else "is free of the allergens you listed"})([x for x in a["allergens"] if rng.random() < 0.4]),
       answer="The {dish} {verdict}.|According to the menu data, {dish} {verdict}."),
    fn("Pantry Item Log", "Record food in the pantry, fridge or freezer with its expiry date, for waste reminders.",
       [P("item", "Food item.", Pick(GROCERIES), "for {}|of {}", ask="What are you storing?"),
        P("quantity", "How many packs.", Int(2, 12, words_p=0.4), "({} packs)|- {} packs", ask="How many packs?"),
        P("expiry_date", "Best-before or use-by date, YYYY-MM-DD.", Date("2025-01-01", "2026-12-31"), "expiring {}|best before {}|use by {}", "expiry date", "When does it expire?"),
        P("storage", "Where it is kept.", Enum("pantry|fridge|freezer"), "in the {}").opt("pantry")],
       "log pantry items|track food expiry dates",
       "Log {quantity} packs of {item} expiring {expiry_date}{+}.|I put {quantity} packs of {item} in the {storage}, best before {expiry_date}.|Add {item} ({quantity} packs) to the pantry log, use by {expiry_date}{+}."),
]

CHAINS = [
    chain("Restaurant Finder", "book_table", {"restaurant_id": lambda res: res["restaurants"][0]["restaurant_id"]},
          "Find {cuisine} restaurants in {city} and book the best-rated one for {party_size} on {date} at {time} under {name}.|Look for a {cuisine} place in {city}, then reserve a table at the top-rated one: {party_size} people, {date}, {time}, name {name}."),
    chain("search_recipes", "getRecipeDetails", {"recipe_id": lambda res: min(res["recipes"], key=lambda r: r["total_minutes"])["recipe_id"]},
          "Find recipes with {include_ingredients} and show me the full recipe for the quickest one.|Search for something to cook using {include_ingredients}, then open whichever recipe is fastest."),
    chain("delivery.order_food", "trackFoodDelivery", {"order_id": "order_id"},
          "Order {items} from {restaurant_id} to {delivery_address}, then tell me where the order is.|Get {items} delivered from {restaurant_id} to {delivery_address} and track it."),
]
