"""E-commerce: catalogue, cart, orders, shipping, returns, reviews."""
# ruff: noqa: E501

from itool.data.generate.dsl import (
    Bool,
    Code,
    Enum,
    Field,
    Int,
    Obj,
    ObjList,
    P,
    Pick,
    chain,
    fn,
)
from itool.data.generate.values import (
    CITY,
    COLORS,
    COUNTRY,
    EMAIL,
    PERSON,
    STREETS,
    distinct_numbers,
    ident,
    kilograms,
    money,
)

PRODUCTS = ("wireless earbuds", "running shoes", "espresso machine", "yoga mat", "mechanical keyboard", "standing desk", "rain jacket", "air fryer", "4K monitor", "backpack", "electric toothbrush", "desk lamp", "water bottle", "office chair", "smart watch")
BRANDS = ("Acme", "Northwind", "Bluepeak", "Lumen", "Cobalt", "Juniper", "Nimbus", "Redwood")
SKU = Code("SKU-#####")
ORDER_ID = P("order_id", "Order number, e.g. ORD-482193.", Code("ORD-######", quote=0.15), "for order {}|on order {}", "order number", "What's the order number?")
PRODUCT_ID = P("product_id", "Product identifier, e.g. SKU-20418.", SKU, "for {}|on {}", "product ID", "Which product (its SKU)?")
ADDRESS = Obj([
    Field("street", "Street and number.", Pick(tuple(f"{n} {s}" for n, s in zip((4, 18, 27, 112, 9, 56, 73, 3, 40, 15, 88, 6, 21, 64, 11, 30), STREETS, strict=True)))),
    Field("city", "City.", Pick(("Lisbon", "Berlin", "Leeds", "Lyon", "Boston", "Toronto", "Madrid", "Dublin", "Melbourne", "Denver"))),
    Field("postal_code", "Postal or ZIP code.", Pick(("1100-148", "10115", "LS1 4AP", "69002", "02108", "M5V 2T6", "28013", "D02 X285", "3000", "80202")), "{}"),
    Field("country", "Country.", Pick(("Portugal", "Germany", "United Kingdom", "France", "United States", "Canada", "Spain", "Ireland", "Australia")), "{}", p=0.6),
])


def _search(rng, a):
    prices = sorted(distinct_numbers(rng, 3, 15, 600, 1))
    ratings = distinct_numbers(rng, 3, 3.1, 4.9, 0.1)
    return {"query": a["query"], "results": [{"product_id": ident(rng, "SKU-#####"), "title": f"{rng.choice(BRANDS)} {a['query']}", "price": p, "rating": r} for p, r in zip(prices, ratings, strict=True)]}


def _order(rng, a):
    return {"order_id": a["order_id"], "status": rng.choice(("processing", "shipped", "out for delivery", "delivered")), "carrier": rng.choice(("DHL", "UPS", "FedEx", "Royal Mail")), "tracking_number": ident(rng, "1Z###@@########"), "estimated_delivery": f"2025-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}"}


def _orders_of(rng, a):
    return {"customer": a["email"], "orders": [{"order_id": ident(rng, "ORD-######"), "placed": f"2025-{m:02d}-{rng.randint(10, 28)}", "total": round(rng.uniform(12, 400), 2)} for m in sorted(rng.sample(range(1, 13), 3), reverse=True)]}


FUNCTIONS = [
    fn("search_products", "Search the store catalogue by keywords with optional price, brand and rating filters. Returns product ids, titles, prices and ratings.",
       [P("query", "Search keywords.", Pick(PRODUCTS), "for {}", "search terms", "What are you looking for?"),
        P("filters", "Optional filters.", Obj([Field("max_price", "Highest price in USD.", money(20, 800, step=10), "under {}", p=0.6), Field("brand", "Brand name.", Pick(BRANDS), "from {}", p=0.4), Field("min_rating", "Lowest average rating, 1-5.", Enum((3, 4)), "rated {} stars or more", p=0.4)], sep=" "), "{}").opt(),
        P("sort_by", "Order of results.", Enum("relevance|price_low_to_high|price_high_to_low|rating|newest", {"price_low_to_high": "cheapest first|lowest price first", "price_high_to_low": "most expensive first", "rating": "best rated first", "newest": "newest first"}), "sorted {}|listing {}").opt("relevance")],
       "search for products|shop for something",
       "Find {query}{+}.|I'm looking for {query}{+}.|Show me {query}{+}.|Search the shop for {query}{+}.",
       returns=_search, answer="The cheapest match is {results[0][title]} at ${results[0][price]} (rated {results[0][rating]})."),
    fn("getProductDetails", "Full details of a product: description, price, stock and specifications.",
       [PRODUCT_ID, P("include_reviews", "Whether to add the latest reviews.", Bool("with reviews|including reviews", "without reviews"), "{}").opt(False)],
       "get product details|look up a product",
       "Tell me more about {product_id}{+}.|Show the details of product {product_id}{+}.|What are the specs of {product_id}{+}?",
       returns=lambda rng, a: {"product_id": a["product_id"], "title": f"{rng.choice(BRANDS)} {rng.choice(PRODUCTS)}", "price": round(rng.uniform(10, 500), 2), "in_stock": rng.randint(0, 80)},
       answer="{product_id} is the {title}: ${price}, {in_stock} in stock."),
    fn("add_to_cart", "Add a quantity of a product, in an optional size or colour, to the shopping cart.",
       [PRODUCT_ID, P("quantity", "How many.", Int(1, 10, words_p=0.5), "- {} of them|in a quantity of {}").opt(1), P("color", "Colour variant.", Pick(COLORS), "in {}").opt(), P("size", "Size variant.", Enum("XS|S|M|L|XL|XXL"), "in size {}|size {}").opt()],
       "add something to my cart|put an item in the basket",
       "Add {product_id} to my cart{+}.|Put {quantity} of {product_id} in my basket{+}.|Add {quantity} x {product_id} to the cart{+}."),
    fn("place_order", "Place an order for line items shipped to an address.",
       [P("items", "Line items.", ObjList(Obj([Field("quantity", "How many.", Int(1, 5, words_p=0.4)), Field("product_id", "Product SKU.", SKU)], sep=" x "), 1, 3), "for {}", "items", "What should I order?"),
        P("shipping_address", "Where to deliver.", ADDRESS, "to {}|shipped to {}", "shipping address", "Where should it be delivered?"),
        P("shipping_speed", "Delivery speed.", Enum("standard|express|next_day", {"next_day": "next-day"}), "with {} shipping|by {} delivery").opt("standard"),
        P("gift_wrap", "Whether to gift-wrap the parcel.", Bool("gift-wrapped|as a gift with wrapping", "without gift wrap"), "{}").opt(False)],
       "place an order|buy some items",
       "Order {items} and ship to {shipping_address}{+}.|Place an order for {items}, delivered to {shipping_address}{+}.|Buy {items}; send it to {shipping_address}{+}."),
    fn("trackOrder", "Shipping status, carrier and estimated delivery date of an order.",
       [ORDER_ID], "track an order|check where my order is",
       "Where is my order {order_id}?|Track order {order_id}.|Has {order_id} shipped yet?|When will order {order_id} arrive?",
       returns=_order, answer="Order {order_id} is {status} with {carrier} (tracking {tracking_number}), expected {estimated_delivery}."),
    fn("return_item", "Start a return for an item of an order and get a return label.",
       [ORDER_ID, PRODUCT_ID, P("reason", "Why it is returned.", Enum("damaged|wrong_item|too_small|too_large|not_as_described|changed_mind", {"damaged": "it arrived damaged|it's damaged", "wrong_item": "I got the wrong item|they sent the wrong item", "too_small": "it's too small", "too_large": "it's too big", "not_as_described": "it's not as described", "changed_mind": "I changed my mind"}), "because {}|- reason: {}", ask="Why are you returning it?"),
        P("refund_method", "How to refund.", Enum("original_payment|store_credit", {"original_payment": "to my card|to the original payment method", "store_credit": "as store credit"}), "refunded {}|with the refund {}").opt("original_payment")],
       "return an item|start a return",
       "I want to return {product_id} from order {order_id} because {reason}{+}.|Start a return of {product_id} on {order_id}, reason: {reason}{+}."),
    fn("apply_coupon", "Apply a discount code to the current cart.",
       [P("code", "Coupon code, exactly as printed.", Pick(("SPRING25", "WELCOME10", "FREESHIP", "VIP-2025", "SAVE15NOW", "BLACKFRIDAY", "STUDENT20"), quote=0.4), "{}", "coupon code", "What's the coupon code?")],
       "apply a coupon|use a discount code",
       "Apply the code {code}.|Use coupon {code} on my cart.|I have a discount code: {code}."),
    fn("Product Review Submit", "Post a star rating and review for a purchased product.",
       [PRODUCT_ID, P("rating", "Stars from 1 to 5.", Int(1, 5, words_p=0.5), "with {} stars|rating it {} out of 5", ask="How many stars?"),
        P("review_text", "The review.", Pick(("Works great, battery lasts all day", "Arrived quickly and well packed", "Smaller than I expected", "Stopped working after a week", "Great value for the price"), quote=0.8), "saying {}|: {}"),
        P("anonymous", "Hide the reviewer's name.", Bool("anonymously", "under my name"), "{}").opt(False)],
       "review a product|leave a product review",
       "Review {product_id}: {rating} stars, {review_text}{+}.|Leave a {rating}-star review on {product_id} saying {review_text}{+}."),
    fn("wishlist.add", "Save a product to a named wishlist.",
       [PRODUCT_ID, P("wishlist", "Wishlist name.", Pick(("Birthday", "Christmas", "Home office", "Later", "Camping"), quote=0.5), "to my {} list|on the {} wishlist", ask="Which wishlist?").opt("Later")],
       "add to my wishlist|save a product for later",
       "Save {product_id} to my {wishlist} wishlist.|Add {product_id} to a wishlist{+}."),
    fn("check_store_stock", "Stock of a product at physical stores in a city.",
       [PRODUCT_ID, P("city", "City of the stores.", CITY, "in {}", ask="In which city?"), P("reserve", "Hold one item for pickup if found.", Bool("and reserve one for pickup|and hold one for me", "without reserving"), "{}").opt(False)],
       "check in-store stock|find a product in a shop near me",
       "Is {product_id} in stock at stores in {city}{+}?|Can I buy {product_id} in a shop in {city}{+}?"),
    fn("list_customer_orders", "A customer's recent orders by email, newest first, with ids, dates and totals.",
       [P("email", "Customer's email.", EMAIL, "for {}|of {}", "customer email", "What's the customer's email?"), P("limit", "How many orders.", Int(1, 20), "(last {})").opt(10)],
       "list a customer's orders|see my past orders",
       "Show the orders placed by {email}{+}.|What has {email} ordered recently{+}?",
       returns=_orders_of, answer="{customer}'s latest order is {orders[0][order_id]} from {orders[0][placed]} (${orders[0][total]})."),
    fn("price_alert", "Get notified when a product's price drops below a target.",
       [PRODUCT_ID, P("target_price", "Notify at or below this price.", money(10, 900, step=5), "below {}|under {}", "target price", "At what price should I alert you?"), P("notify_email", "Where to send the alert.", EMAIL, "at {}|by email to {}").opt()],
       "set a price alert|watch a product's price",
       "Tell me when {product_id} drops below {target_price}{+}.|Set a price alert on {product_id} at {target_price}{+}."),
    fn("estimate_shipping", "Shipping cost and delivery time of a parcel to a country.",
       [P("country", "Destination country.", COUNTRY, "to {}", ask="Where does it go?"), P("weight_kg", "Parcel weight in kg.", kilograms(0.5, 30, 0.5), "weighing {}", "parcel weight"),
        P("speed", "Delivery speed.", Enum("standard|express"), "by {} delivery|with {} shipping").opt("standard")],
       "estimate shipping costs|price a delivery",
       "How much to ship a parcel of {weight_kg} to {country}{+}?|Shipping cost for {weight_kg} to {country}{+}?"),
    fn("Gift Card Balance", "Remaining balance of a gift card.",
       [P("card_number", "16-digit gift card number.", Code("#### #### #### ####"), "for card {}|on {}", "card number", "What's the gift card number?"), P("pin", "4-digit PIN on the back.", Code("####"), "with PIN {}|PIN {}", "PIN", "What's the PIN?")],
       "check a gift card balance|see what's left on a gift card",
       "How much is left on gift card {card_number}, PIN {pin}?|Check the balance of {card_number} (PIN {pin}).",
       returns=lambda rng, a: {"card_number": a["card_number"], "balance": round(rng.uniform(0, 250), 2), "currency": "USD"},
       answer="Gift card {card_number} has ${balance} left."),
    fn("update_account_email", "Change the email address of a store account.",
       [P("customer_name", "Name on the account.", PERSON, "for {}", "account holder"), P("new_email", "New email address.", EMAIL, "to {}", "new email address", "What's the new email address?")],
       "change my account email|update the email on an account",
       "Change the email for {customer_name} to {new_email}.|Update {customer_name}'s account email to {new_email}."),
]

CHAINS = [
    chain("search_products", "add_to_cart", {"product_id": lambda res: res["results"][0]["product_id"]},
          "Search for {query} and add the cheapest one to my cart.|Find {query}, then put the lowest-priced result in my basket."),
    chain("search_products", "getProductDetails", {"product_id": lambda res: max(res["results"], key=lambda r: r["rating"])["product_id"]},
          "Look up {query} and show me the details of the best-rated one.|Search for {query}, then get full details for whichever has the highest rating."),
    chain("list_customer_orders", "trackOrder", {"order_id": lambda res: res["orders"][0]["order_id"]},
          "Find the most recent order of {email} and track it.|Where is the latest order placed by {email}? Look up their orders first."),
]
