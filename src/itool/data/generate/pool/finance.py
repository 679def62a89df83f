"""Finance: markets, currencies, loans, accounts, budgets, taxes."""
# ruff: noqa: E501

from itool.data.generate.dsl import (
    Bool,
    Code,
    Date,
    DateAfter,
    Enum,
    Field,
    Int,
    Num,
    Obj,
    ObjList,
    P,
    Pick,
    chain,
    fn,
)
from itool.data.generate.values import (
    CURRENCY,
    DATE,
    EMAIL,
    TICKER,
    TICKERS,
    distinct_numbers,
    ident,
    money,
    percent,
)

TICKER_P = P("symbol", "Stock ticker symbol, e.g. AAPL.", TICKER, "for {}|of {}", "ticker symbol", "Which ticker symbol?")
ACCOUNT = P("account_id", "Bank account identifier, e.g. ACC-30492817.", Code("ACC-########"), "on account {}|for account {}", "account ID", "Which account (its ID)?")
COIN_PRICES = {"BTC": 60000, "ETH": 3000, "SOL": 150, "ADA": 0.5, "DOT": 6, "XRP": 0.6, "LTC": 80, "DOGE": 0.15}  # rough order of magnitude
CRYPTO = Pick(tuple(COIN_PRICES))


def _quote(rng, a):
    price = round(rng.uniform(20, 900), 2)
    return {"symbol": a["symbol"], "price": price, "change_percent": round(rng.uniform(-4, 4), 2), "currency": "USD"}


def _rate(rng, a):
    rate = round(rng.uniform(0.2, 9.5), 4)
    return {"from": a["from_currency"], "to": a["to_currency"], "rate": rate, "converted": round(a["amount"] * rate, 2)}


def _accounts(rng, a):
    balances = distinct_numbers(rng, 3, 100, 20000, 10)
    kinds = rng.sample(("checking", "savings", "credit", "investment"), 3)
    return {"customer": a["customer_email"], "accounts": [{"account_id": ident(rng, "ACC-########"), "type": k, "balance": b} for k, b in zip(kinds, balances, strict=True)]}


FUNCTIONS = [
    fn("get_stock_quote", "Get the latest trade price and daily change of a listed stock.",
       [TICKER_P, P("exchange", "Exchange to quote from.", Enum("NASDAQ|NYSE|LSE|XETRA|TSE"), "on {}").opt()],
       "get a stock quote|check a share price",
       "What's {symbol} trading at{+}?|Give me the current price of {symbol}{+}.|How is {symbol} doing today{+}?",
       returns=_quote, answer="{symbol} is at ${price} ({change_percent}% today).|{symbol} last traded at ${price}, a change of {change_percent}% on the day."),
    fn("stocks.price_history", "Daily closing prices of a stock between two dates.",
       [TICKER_P, P("start_date", "First day, YYYY-MM-DD.", Date("2020-01-01", "2025-06-30"), "from {}", "start date"), P("end_date", "Last day, YYYY-MM-DD.", DateAfter("start_date", 7, 365), "to {}|until {}", "end date"),
        P("interval", "Sampling interval.", Enum("daily|weekly|monthly"), "at {} intervals|with {} data points").opt("daily")],
       "get historical stock prices|pull a stock's price history",
       "Show {interval} prices for {symbol} from {start_date} to {end_date}.|Get {symbol} closing prices between {start_date} and {end_date}{+}."),
    fn("convertCurrency", "Convert an amount between two currencies at the current exchange rate.",
       [P("amount", "Amount in the source currency.", Num(5, 20000, 5, words_p=0.1), "for an amount of {}", ask="How much do you want to convert?"), P("from_currency", "ISO 4217 code of the source currency.", CURRENCY, "from {}", "source currency", "Which currency are you converting from?"),
        P("to_currency", "ISO 4217 code of the target currency.", CURRENCY, "to {}|into {}", "target currency", "Which currency should I convert to?")],
       "convert currency|change money into another currency",
       "Convert {amount} {from_currency} to {to_currency}.|How much is {amount} {from_currency} in {to_currency}?|What do I get for {amount} {from_currency} in {to_currency}?",
       returns=_rate, answer="{amount} {from} is {converted} {to} (rate {rate}).|At a rate of {rate}, {amount} {from} comes to {converted} {to}."),
    fn("Loan Payment Calculator", "Compute the fixed monthly payment of an amortising loan.",
       [P("principal", "Amount borrowed.", money(1000, 500000, step=500), "of {}|for {}", ask="How much are you borrowing?"), P("annual_rate", "Annual interest rate in percent, e.g. 5.5.", percent(1, 15, 0.25), "at {}|with an interest rate of {}", "interest rate"),
        P("years", "Term in years.", Int(1, 30), "over {} years|for {} years", "loan term", "How many years is the loan for?")],
       "calculate a loan payment|work out monthly loan repayments",
       "What's the monthly payment on a {principal} loan at {annual_rate} over {years} years?|Calculate repayments for borrowing {principal} at {annual_rate} for {years} years."),
    fn("compound_interest", "Future value of savings with compound interest and optional monthly contributions.",
       [P("principal", "Starting balance.", money(100, 100000, step=100), "starting with {}|with {} up front", "starting amount"), P("rate_percent", "Annual interest rate in percent.", percent(0.5, 12, 0.5), "at {}", "interest rate"),
        P("years", "Number of years.", Int(1, 40), "for {} years|over {} years", "number of years"), P("compounds_per_year", "How often interest is added per year.", Enum((1, 4, 12, 365), {1: "annually|yearly", 4: "quarterly", 12: "monthly", 365: "daily"}), "compounded {}").opt(12),
        P("monthly_contribution", "Amount added every month.", money(10, 2000, step=10), "adding {} a month|plus {} every month").opt(0)],
       "calculate compound interest|project savings growth",
       "If I put {principal} in at {rate_percent} for {years} years{+}, what will I have?|Compute compound interest on {principal} at {rate_percent} over {years} years{+}."),
    fn("get_account_balance", "Current and available balance of a bank account.",
       [ACCOUNT, P("include_pending", "Whether to count pending transactions.", Bool("including pending transactions", "excluding anything pending"), "{}").opt(True)],
       "check an account balance|see how much money is in an account",
       "What's the balance on account {account_id}{+}?|How much is in {account_id}{+}?",
       returns=lambda rng, a: {"account_id": a["account_id"], "balance": round(rng.uniform(50, 20000), 2), "currency": "USD"},
       answer="Account {account_id} has a balance of ${balance}."),
    fn("banking.transfer_funds", "Transfer money from one account to another account or IBAN.",
       [P("from_account", "Source account ID.", Code("ACC-########"), "from {}", "source account"), P("to_account", "Destination account ID or IBAN.", Code("@@## #### #### #### ####"), "to {}", "destination account", "Where should the money go (account or IBAN)?"),
        P("amount", "Amount to send.", money(5, 5000, step=5), "for {}", ask="How much should I send?"), P("reference", "Payment reference shown to the recipient.", Pick(("Rent May", "Invoice 2231", "Dinner split", "Birthday gift", "Deposit"), quote=0.7), "with the reference {}|marked {}").opt(),
        P("scheduled_date", "Execution date, YYYY-MM-DD; today when omitted.", DATE, "on {}").opt()],
       "transfer money|send a bank transfer",
       "Transfer {amount} from {from_account} to {to_account}{+}.|Send {amount} to {to_account} from account {from_account}{+}.|Move {amount} out of {from_account} into {to_account}{+}."),
    fn("listTransactions", "List an account's transactions in a date range, optionally filtered by category or minimum amount.",
       [ACCOUNT, P("start_date", "First day, YYYY-MM-DD.", Date("2024-01-01", "2025-10-31"), "from {}|since {}", "start date"), P("end_date", "Last day, YYYY-MM-DD.", DateAfter("start_date", 3, 60), "to {}|until {}", "end date").opt(),
        P("category", "Spending category.", Enum("groceries|dining|transport|utilities|entertainment|travel|health"), "in the {} category|only for {}").opt(), P("min_amount", "Only transactions at least this large.", money(10, 1000, step=10), "over {}|above {}").opt()],
       "list transactions|show my recent spending",
       "Show transactions on {account_id} since {start_date}{+}.|List my {category} spending on account {account_id} from {start_date}{+}."),
    fn("crypto_price", "Current price of a cryptocurrency in a fiat currency.",
       [P("coin", "Coin symbol, e.g. BTC.", CRYPTO, "of {}|for {}", ask="Which coin?"), P("vs_currency", "Fiat currency code for the price.", Pick(("USD", "EUR", "GBP", "JPY", "CHF")), "in {}").opt("USD")],
       "get a cryptocurrency price|check what a coin is worth",
       "What's {coin} worth right now{+}?|Price of {coin}{+}?|How much is one {coin}{+}?",
       returns=lambda rng, a: {"coin": a["coin"], "price": round(COIN_PRICES[a["coin"]] * rng.uniform(0.7, 1.3), 4 if COIN_PRICES[a["coin"]] < 1 else 2), "vs_currency": a.get("vs_currency", "USD")},
       answer="One {coin} is worth {price} {vs_currency}."),
    fn("Income Tax Estimator", "Estimate income tax owed for a yearly income in a country and filing status.",
       [P("annual_income", "Gross yearly income.", money(12000, 400000, step=1000), "on {}|earning {}", "annual income", "What's your yearly income?"), P("country", "Tax residence.", Pick(("United States", "United Kingdom", "Germany", "France", "Spain", "Portugal", "Canada", "Australia")), "in {}|living in {}", "country of residence"),
        P("filing_status", "Filing status.", Enum("single|married_joint|married_separate|head_of_household", {"married_joint": "married filing jointly", "married_separate": "married filing separately"}), "filing as {}|as {}").opt("single"),
        P("dependents", "Number of dependants.", Int(0, 5, words_p=0.5), "with {} dependants|with {} kids").opt(0)],
       "estimate my income tax|work out how much tax I owe",
       "How much tax would I pay on {annual_income} in {country}{+}?|Estimate income tax for {annual_income} in {country}{+}."),
    fn("dividend_history", "Dividends a company paid per share over recent years.",
       [TICKER_P, P("years", "How many past years to include.", Int(1, 10), "for the last {} years|over {} years").opt(5)],
       "look up dividend history|see what dividends a stock paid",
       "What dividends has {symbol} paid{+}?|Show the dividend history of {symbol}{+}."),
    fn("create_budget", "Create a monthly budget with a spending limit per category.",
       [P("name", "Name of the budget.", Pick(("Household", "Holiday fund", "Student budget", "Family", "Freelance"), quote=0.6), "called {}|named {}", "budget name", axis=False),
        P("month", "Month in YYYY-MM format.", Pick(("2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-09", "2025-10", "2025-11", "2025-12")), "for {}"),
        P("limits", "Spending limits, one per category.", ObjList(Obj([Field("category", "Spending category.", Enum("groceries|dining|transport|utilities|entertainment|clothing")), Field("limit", "Monthly limit in USD.", money(50, 1500, step=50))], sep=" at "), 2, 4), "with {}|capping {}", "category limits", "Which categories and limits should the budget have?")],
       "create a budget|set up a monthly budget",
       "Create a budget {name} for {month} with {limits}.|Set up my {month} budget, {name}: {limits}."),
    fn("portfolio.value", "Value a portfolio of stock holdings at current prices.",
       [P("holdings", "Positions held.", ObjList(Obj([Field("symbol", "Ticker symbol.", Pick(TICKERS)), Field("shares", "Number of shares.", Int(1, 500, words_p=0.2), "{} shares")], sep=": "), 2, 4), "made of {}|holding {}", ask="Which holdings (symbols and share counts) are in the portfolio?"),
        P("currency", "Currency for the total.", Pick(("USD", "EUR", "GBP")), "in {}").opt("USD")],
       "value a stock portfolio|work out what my shares are worth",
       "What's my portfolio worth: {holdings}{+}?|Value these holdings{+}: {holdings}."),
    fn("find_customer_accounts", "Find a bank customer's accounts by their email address. Returns account ids, types and balances.",
       [P("customer_email", "Email address on file.", EMAIL, "for {}|with email {}", "customer email", "What's the customer's email address?")],
       "look up a customer's accounts|find the accounts of a customer",
       "Which accounts does {customer_email} have?|Find the bank accounts for {customer_email}.",
       returns=_accounts, answer="{customer} has {accounts[0][type]}, {accounts[1][type]} and {accounts[2][type]} accounts."),
    fn("request_payment", "Send a payment request to someone by email for an amount and reason.",
       [P("payer_email", "Email of the person who should pay.", EMAIL, "from {}", "payer's email"), P("amount", "Amount requested.", money(5, 800, step=5), "for {}"),
        P("note", "What the payment is for.", Pick(("concert tickets", "shared taxi", "team lunch", "rent share", "birthday present"), quote=0.4), "for {}|with the note {}"),
        P("due_date", "Due date, YYYY-MM-DD.", DATE, "due {}|by {}").opt()],
       "request a payment|ask someone to pay me",
       "Request {amount} from {payer_email} for {note}{+}.|Ask {payer_email} to pay me {amount} for {note}{+}."),
    fn("fx.rate_history", "Daily exchange rate between two currencies over a date range.",
       [P("base", "Base currency code.", CURRENCY, "from {}", "base currency"), P("quote", "Quote currency code.", CURRENCY, "to {}|against {}", "quote currency"),
        P("start_date", "First day, YYYY-MM-DD.", Date("2022-01-01", "2025-06-30"), "from {}|starting {}", "start date"), P("end_date", "Last day, YYYY-MM-DD.", DateAfter("start_date", 5, 180), "to {}|until {}", "end date")],
       "get exchange rate history|chart how a currency pair moved",
       "How did {base} move against {quote} between {start_date} and {end_date}?|Give me the {base}/{quote} rate history from {start_date} to {end_date}."),
]

CHAINS = [
    chain("find_customer_accounts", "get_account_balance", {"account_id": lambda res: res["accounts"][0]["account_id"]},
          "Find the accounts of {customer_email} and check the balance of the first one.|Look up {customer_email}'s bank accounts, then give me the balance of the first account listed."),
    chain("find_customer_accounts", "listTransactions", {"account_id": lambda res: res["accounts"][1]["account_id"]},
          "Look up the accounts for {customer_email}, then list transactions on the second account since {start_date}."),
]
