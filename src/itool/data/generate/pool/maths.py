"""Maths: arithmetic, number theory, algebra, statistics, geometry.

An assistant could work most of these out itself, so none serves as an "irrelevant"
request (``NEEDS_TOOL = False``)."""
# ruff: noqa: E501

from random import Random

from itool.data.generate.dsl import (
    Bool,
    Custom,
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
    fn,
)
from itool.data.generate.words import int_words

NEEDS_TOOL = False


def _term(coef: int, power: int, first: bool) -> str:
    sign = "-" if coef < 0 else ("" if first else "+")
    mag = abs(coef)
    body = ("" if mag == 1 and power else str(mag)) + ("x" if power >= 1 else "") + (f"^{power}" if power >= 2 else "")
    return f"{sign}{body}" if first else f" {sign} {body}"


def polynomial_text(coefs: list[int]) -> str:
    """[3, 0, -2, 5] -> "3x^3 - 2x + 5" (highest power first; zero terms left out)."""
    degree = len(coefs) - 1
    out, first = "", True
    for i, c in enumerate(coefs):
        if c:
            out += _term(c, degree - i, first)
            first = False
    return out or "0"


def _polynomial(rng: Random) -> Val:
    degree = rng.randint(2, 4)
    coefs = [rng.choice((1, 2, 3, 4, 5, -1, -2, -3))] + [rng.choice((0, 0, 1, 2, 3, 5, 7, -1, -2, -4, -6)) for _ in range(degree)]
    return Val(coefs, polynomial_text(coefs))


def _matrix(rng: Random) -> Val:
    rows, cols = rng.randint(2, 3), rng.randint(2, 3)
    m = [[rng.randint(-9, 9) for _ in range(cols)] for _ in range(rows)]
    return Val(m, str(m).replace(" ", "") if rng.random() < 0.5 else str(m))


def _small_number_words(rng: Random) -> Val:
    n = rng.randint(3, 20)
    return Val(n, int_words(n) if rng.random() < 0.4 else str(n))


POLY = Custom({"type": "array", "items": {"type": "integer"}}, _polynomial)
MATRIX = Custom({"type": "array", "items": {"type": "array", "items": {"type": "number"}}}, _matrix)
NUMBERS = ListOf(Num(-50, 200, 0.5, words_p=0.0), 4, 8)
INTEGER = P("number", "A whole number.", Int(2, 9999, words_p=0.2), "of {}|for {}", ask="Which number?")

FUNCTIONS = [
    fn("numbers.factorial", "Factorial n! of a non-negative integer.",
       [P("n", "The integer, 0-170.", Custom({"type": "integer"}, _small_number_words), "of {}", "number", "Which number?")],
       "compute a factorial|work out n factorial",
       "What is {n} factorial?|Compute the factorial of {n}.|{n}! = ?"),
    fn("gcd_of_numbers", "Greatest common divisor of two or more integers.",
       [P("numbers", "The integers.", ListOf(Int(6, 600, 6, words_p=0.0), 2, 4), "of {}|for {}", ask="Which numbers?")],
       "find the greatest common divisor|compute a GCD",
       "What's the GCD of {numbers}?|Find the greatest common divisor of {numbers}.|Largest number that divides {numbers}?"),
    fn("lcmCalculator", "Least common multiple of two integers.",
       [P("a", "First integer.", Int(2, 120, words_p=0.3), "of {}"), P("b", "Second integer.", Int(2, 120, words_p=0.3), "and {}")],
       "find the least common multiple|compute an LCM",
       "What's the LCM of {a} and {b}?|Least common multiple of {a} and {b}, please."),
    fn("is_prime", "Whether an integer is prime; if not, its smallest factor.",
       [INTEGER],
       "check whether a number is prime|test a number for primality",
       "Is {number} prime?|Check if {number} is a prime number.|Tell me whether {number} is prime."),
    fn("solve_quadratic", "Real or complex roots of a*x^2 + b*x + c = 0.",
       [P("a", "Coefficient of x^2 (not zero).", Int(1, 9, words_p=0.0), "with a = {}"), P("b", "Coefficient of x.", Int(-20, 20, words_p=0.0), "b = {}"), P("c", "Constant term.", Int(-30, 30, words_p=0.0), "c = {}")],
       "solve a quadratic equation|find the roots of a quadratic",
       "Solve the quadratic with a = {a}, b = {b} and c = {c}.|Find the roots of a quadratic where a is {a}, b is {b}, c is {c}."),
    fn("polynomial.roots", "All roots of a polynomial given its coefficients from the highest power down.",
       [P("coefficients", "Coefficients, highest power first (include zeros for missing powers).", POLY, "of {}", ask="What's the polynomial?")],
       "find the roots of a polynomial|solve a polynomial equation",
       "Find the roots of {coefficients}.|Solve {coefficients} = 0.|Where is {coefficients} equal to zero?"),
    fn("differentiate_polynomial", "Derivative of a polynomial, optionally of higher order, as coefficients.",
       [P("coefficients", "Coefficients, highest power first (include zeros for missing powers).", POLY, "of {}"), P("order", "Order of the derivative.", Int(1, 3, words_p=0.0), "(order {})").opt(1)],
       "differentiate a polynomial|take a derivative",
       "Differentiate {coefficients}{+}.|What's the derivative of {coefficients}{+}?|d/dx of {coefficients}{+}?"),
    fn("matrix_multiply", "Product of two matrices given as lists of rows.",
       [P("matrix_a", "Left matrix, list of rows.", MATRIX, "{}", "first matrix"), P("matrix_b", "Right matrix, list of rows.", MATRIX, "by {}", "second matrix")],
       "multiply two matrices|compute a matrix product",
       "Multiply {matrix_a} by {matrix_b}.|What's {matrix_a} times {matrix_b}?"),
    fn("descriptive_stats", "Mean, median, mode, standard deviation or range of a list of numbers.",
       [P("values", "The data.", NUMBERS, "of {}|for {}", "data"), P("measures", "Statistics to compute; all when omitted.", ListOf(Enum("mean|median|mode|stdev|range", {"stdev": "standard deviation"}), 1, 3), "- {} only|giving the {}").opt()],
       "compute summary statistics|describe a list of numbers",
       "What are the {measures} of {values}?|Summarise these numbers{+}: {values}.|Compute stats for {values}{+}."),
    fn("count_arrangements", "Number of ways to choose k items from n, ordered (permutations) or not (combinations).",
       [P("n", "Items to choose from.", Int(10, 60), "from {} items|out of {}"), P("k", "Items chosen.", Int(1, 10), "choosing {}|picking {}"), P("ordered", "True for permutations, false for combinations.", Bool("where order matters|as permutations", "where order doesn't matter|as combinations"), "{}").opt(False)],
       "count combinations|count the ways to pick items",
       "How many ways can I pick {k} from {n}{+}?|In how many ways can {k} items be chosen out of {n}{+}?"),
    fn("convert_base", "Write an integer in another base. The input is a string with a prefix for its base: 0b binary, 0o octal, 0x hexadecimal, none for decimal.",
       [P("value", "The number, e.g. 0xff or 255.", Pick(("0xff", "0b1011011", "0o777", "0x1a3f", "4096", "0b11111111", "0xdeadbeef", "2024", "0x7f", "0o644", "1000", "0b101")), "{}", ask="Which number?"), P("to_base", "Base of the output, 2-36.", Enum((2, 3, 8, 10, 16, 36)), "to base {}|into base {}", "target base")],
       "convert a number to another base|change the base of a number",
       "Convert {value} to base {to_base}.|What is {value} in base {to_base}?|Write {value} in base {to_base}."),
    fn("Triangle Area", "Area of a triangle from its three side lengths (Heron's formula).",
       [P("side_a", "First side.", Num(5, 12, 0.5), "with sides {}"), P("side_b", "Second side.", Num(5, 12, 0.5), "{}"), P("side_c", "Third side.", Num(5, 12, 0.5), "and {}")],
       "find the area of a triangle|compute a triangle's area",
       "What's the area of a triangle with sides {side_a}, {side_b} and {side_c}?|Triangle sides are {side_a}, {side_b}, {side_c}; find its area."),
    fn("circle_metrics", "Area and circumference of a circle from its radius or diameter.",
       [P("radius", "Radius of the circle.", Num(0.5, 50, 0.5), "with radius {}|of radius {}"), P("unit", "Length unit of the radius.", Enum("mm|cm|m|km|in|ft", {"mm": "millimetres", "cm": "centimetres", "m": "metres", "km": "kilometres", "in": "inches", "ft": "feet"}), "measured in {}|in {}").opt("cm")],
       "compute a circle's area|find the circumference of a circle",
       "What's the area of a circle with radius {radius} {unit}?|Circle of radius {radius}{+}: area and circumference?"),
    fn("percent_change", "Percentage change from an old value to a new value.",
       [P("old_value", "Starting value.", Num(1, 5000, 1, words_p=0.1), "from {}"), P("new_value", "Ending value.", Num(1, 5000, 1, words_p=0.1), "to {}")],
       "work out a percentage change|compute how much something grew",
       "What's the percent change from {old_value} to {new_value}?|By what percentage did it go from {old_value} to {new_value}?"),
    fn("fibonacci_sequence", "The first n Fibonacci numbers.",
       [P("count", "How many terms, 1-90.", Int(3, 40, words_p=0.5), "the first {}", "number of terms")],
       "list Fibonacci numbers|generate the Fibonacci sequence",
       "List the first {count} Fibonacci numbers.|Give me {count} terms of the Fibonacci sequence."),
    fn("linear_regression", "Least-squares line through (x, y) points: slope, intercept and r squared.",
       [P("points", "Data points.", ObjList(Obj([Field("x", "Independent value.", Int(0, 50, words_p=0.0)), Field("y", "Dependent value.", Int(-20, 90, words_p=0.0))], wrap="({})"), 4, 6), "through {}|for {}", "data points")],
       "fit a linear regression|fit a line to data",
       "Fit a line through {points}.|Run a linear regression on the points {points}.|What's the best-fit line for {points}?"),
]
