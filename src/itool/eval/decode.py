"""Read raw model text into calls exactly as BFCL's default prompting handler does.

BFCL judges a prompting model by what its decoder makes of the text, so our verdicts
can only equal BFCL's if our decoder makes the same of it, odd corners included:

- backticks, newlines and spaces are stripped from both ends (a fence's language tag,
  such as ``python``, is *not*, and then the text no longer decodes);
- a missing ``[`` at the start or ``]`` at the end is added;
- the text must parse as one Python expression: a call, or a list/tuple/set of calls;
- a call's name is its dotted name (``math.factorial``); only keyword arguments
  count, positional ones are silently dropped, and ``**kw`` becomes the key ``None``;
- argument values: literals; ``...`` reads as the string ``"..."``; a bare name reads
  as its name (``x`` -> ``"x"``); a unary operator on a number always *negates* it
  (``+5`` -> ``-5``: BFCL's quirk); a call without keywords reads as its source text,
  one with keywords as a nested ``{name: {args}}``; a subscript reads as its source
  text; lists, tuples and dicts recursively; an arithmetic expression (``BinOp``) is
  computed. Anything else (attributes, sets, f-strings, comprehensions, lambdas, ...)
  makes the whole text undecodable.

Model text is never evaluated: BFCL hands arithmetic to Python's ``eval``; we compute
it from the syntax tree (see :func:`_compute`), over literals, containers, unary and
binary operators and subscripts. Anything else inside arithmetic (names, calls,
comparisons, f-strings: ``abs(-1) + 1``, ``(1 < 2) + 1``) we report as undecodable,
where BFCL's ``eval`` may produce a value; so do results of absurd size (``2 ** 10 **
9``), on which BFCL would hang. These are the known divergences; models do not write
such arguments, and none occurred in the agreement sweeps.
"""

from __future__ import annotations

import ast
import operator
import re
from typing import Any

#: A decoded call: ``(function name, {argument name: value})``, BFCL's
#: ``{name: {args}}`` as a pair. Argument names are ``str``, or ``None`` for ``**kw``.
DecodedCall = tuple[str, dict]


class DecodeError(ValueError):
    """The text does not decode to calls (BFCL: "Invalid syntax. Failed to decode AST")."""


def decode_calls(text: str) -> list[DecodedCall]:
    """Decode raw model text into calls as BFCL's prompting handler does.

    Returns the calls in order (possibly none, for ``[]`` or empty text); raises
    :class:`DecodeError` when BFCL's decoder would fail.
    """
    body = text.strip("`\n ")
    if not body.startswith("["):
        body = "[" + body
    if not body.endswith("]"):
        body = body + "]"
    try:
        tree = ast.parse(body, mode="eval")
    except Exception as err:  # SyntaxError, ValueError (NUL), RecursionError, ...
        raise DecodeError(f"not a Python expression: {err}") from None
    node = tree.body
    if isinstance(node, ast.Call):
        elements = [node]
    elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        elements = node.elts
    else:
        raise DecodeError(f"expected a list of calls, got {type(node).__name__}")
    calls = []
    for element in elements:
        if not isinstance(element, ast.Call):
            raise DecodeError(f"expected a call, got {type(element).__name__}")
        calls.append(_call(element))
    return calls



def calls_written(text: str) -> int:
    """How many calls BFCL reads in ``text``: 0 when it does not decode. Tells an
    answer that writes fewer calls than asked for (one of two, or both calls'
    arguments in one) from one that is not calls at all."""
    try:
        return len(decode_calls(text))
    except DecodeError:
        return 0

def _call(node: ast.Call) -> DecodedCall:
    parts = []
    func: ast.expr = node.func
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Name):
        parts.append(func.id)
    name = ".".join(reversed(parts))
    arguments: dict = {}
    for keyword in node.keywords:
        arguments[keyword.arg] = _value(keyword.value)
    return name, arguments


_NEGATABLE = (int, float, complex)  # bool is an int


def _value(node: ast.AST | None) -> Any:
    """One argument value, by BFCL's rules for each kind of syntax node."""
    if isinstance(node, ast.Constant):
        return "..." if node.value is Ellipsis else node.value
    if isinstance(node, ast.UnaryOp):
        operand = node.operand
        if isinstance(operand, ast.Constant) and isinstance(operand.value, _NEGATABLE):
            return -operand.value
        raise DecodeError("unsupported operand of a unary operator")
    if isinstance(node, ast.List):
        return [_value(item) for item in node.elts]
    if isinstance(node, ast.Dict):
        out = {}
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            key = _value(key_node)
            value = _value(value_node)
            try:
                out[key] = value
            except TypeError:
                raise DecodeError(f"unhashable dict key {key!r}") from None
        return out
    if isinstance(node, ast.BinOp):
        return _compute(node)
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Call):
        if not node.keywords:
            return ast.unparse(node)
        name, arguments = _call(node)
        return {name: arguments}
    if isinstance(node, ast.Tuple):
        return tuple(_value(item) for item in node.elts)
    if isinstance(node, ast.Subscript):
        return ast.unparse(node.value) + "[" + ast.unparse(node.slice) + "]"
    raise DecodeError(f"unsupported value syntax: {type(node).__name__}")


# --- arithmetic over literals (what BFCL computes with eval) -----------------------

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
    ast.LShift: operator.lshift,
    ast.RShift: operator.rshift,
    ast.BitOr: operator.or_,
    ast.BitXor: operator.xor,
    ast.BitAnd: operator.and_,
    ast.MatMult: operator.matmul,
}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Invert: operator.invert, ast.Not: operator.not_}

#: Bounds that keep a hostile expression from exhausting memory or time; BFCL would
#: hang or run out of memory on such text, so calling it undecodable is fair.
_MAX_ITEMS = 1_000_000
_MAX_BITS = 100_000
_HUGE_FORMAT_NUMBER = re.compile(r"\d{7,}")


def _compute(node: ast.AST) -> Any:
    """Python's value of an expression built from literals and operators only."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List):
        return [_compute(item) for item in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_compute(item) for item in node.elts)
    if isinstance(node, ast.Set):
        return _guard_type_error(lambda: {_compute(item) for item in node.elts})
    if isinstance(node, ast.Dict):
        if any(key is None for key in node.keys):
            raise DecodeError("dict unpacking in arithmetic is not supported")
        pairs = [(_compute(k), _compute(v)) for k, v in zip(node.keys, node.values, strict=True)]
        return _guard_type_error(lambda: dict(pairs))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        operand = _compute(node.operand)
        return _guard_type_error(lambda: _UNARY[type(node.op)](operand))
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _compute(node.left), _compute(node.right)
        _check_size(node.op, left, right)
        return _guard_type_error(lambda: _BINARY[type(node.op)](left, right))
    if isinstance(node, ast.Subscript):
        container = _compute(node.value)
        index = _compute_index(node.slice)
        return _guard_type_error(lambda: container[index])
    raise DecodeError(f"cannot compute {type(node).__name__} in an arithmetic argument")


def _compute_index(node: ast.AST) -> Any:
    if isinstance(node, ast.Slice):
        parts = [None if part is None else _compute(part) for part in (node.lower, node.upper, node.step)]
        return slice(*parts)
    return _compute(node)


def _guard_type_error(compute: Any) -> Any:
    try:
        return compute()
    except (ArithmeticError, TypeError, ValueError, IndexError, KeyError) as err:
        raise DecodeError(f"arithmetic failed: {err}") from None


def _check_size(op: ast.operator, left: Any, right: Any) -> None:
    """Refuse operations whose result would be absurdly large."""
    if isinstance(op, ast.Mult):
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int):
                if len(seq) * times > _MAX_ITEMS:
                    raise DecodeError("repetition too large")
    if isinstance(op, (ast.Pow, ast.LShift)) and isinstance(left, int) and isinstance(right, int):
        size = right if isinstance(op, ast.LShift) else right * max(abs(left).bit_length(), 1)
        if abs(left) > 1 and size > _MAX_BITS:
            raise DecodeError("number too large")
    if isinstance(op, ast.Mod) and isinstance(left, (str, bytes)):
        text = left if isinstance(left, str) else left.decode("latin-1")
        if _HUGE_FORMAT_NUMBER.search(text):
            raise DecodeError("format width too large")
