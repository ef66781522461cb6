"""The scoring formula language: parse once, then evaluate, render for Excel, or bound.

Grammar (a whitelist; anything else is a ``FormulaError``)::

    expr    := sum (CMP sum)?            CMP: = <> < <= > >=
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | NAME | NAME "(" expr ("," expr)* ")" | "(" expr ")"

Functions: ``min``, ``max``, ``if(cond, then, else)`` and ``level(input)`` (the points of the
level label chosen for ``input``). Numbers are ``Decimal``; nothing is ever ``eval``-ed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from msgspec import Struct

from thidua_cli.numbers import exact_text

MAX_FORMULA_LENGTH = 500
MAX_DEPTH = 40

INF = Decimal("Infinity")


class FormulaError(ValueError):
    """A formula that cannot be parsed or evaluated: a message key (``formula.*``) and its
    parameters, rendered by ``messages`` where it is shown."""

    def __init__(self, key: str, **params: str | int) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params


class MissingInput(FormulaError):
    """The formula needs an input that was left blank (``name``)."""

    def __init__(self, name: str) -> None:
        super().__init__("formula.missing-input", name=name)
        self.name = name


# --- tree -------------------------------------------------------------------------------


class Num(Struct, frozen=True):
    """A number written in the formula (``0.5``)."""

    value: Decimal


class Text(Struct, frozen=True):
    """A quoted text (``"Tốt"``), compared with a level input's label."""

    value: str


class Var(Struct, frozen=True):
    """An input of the criterion, by name."""

    name: str


class Neg(Struct, frozen=True):
    """Unary minus."""

    operand: Node


class BinOp(Struct, frozen=True):
    """Arithmetic on two operands."""

    op: str  # + - * /
    left: Node
    right: Node


class Compare(Struct, frozen=True):
    """A comparison: the condition of an ``if``, or 1 and 0 where a number is needed."""

    op: str  # = <> < <= > >=
    left: Node
    right: Node


class Call(Struct, frozen=True):
    """``min`` or ``max`` of its arguments."""

    func: str  # min, max
    args: tuple[Node, ...]


class If(Struct, frozen=True):
    """``if(cond, then, else)``."""

    cond: Node
    then: Node
    otherwise: Node


class Level(Struct, frozen=True):
    """``level(name)``: the points of the level label chosen for the input ``name``."""

    name: str


Node = Num | Text | Var | Neg | BinOp | Compare | Call | If | Level
Value = Decimal | str


# --- parsing ----------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>[0-9]+(?:\.[0-9]+)?)
      | (?P<str>"(?:[^"]|"")*")
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<op><>|<=|>=|[-+*/=<>(),])
    )""",
    re.VERBOSE,
)
# Typographic operators people paste from documents.
_ALIASES = str.maketrans({"−": "-", "×": "*", "÷": "/", "≤": "<", "≥": ">"})
_COMPARISONS = ("=", "<>", "<", "<=", ">", ">=")
_EQUALITY = ("=", "<>")


def _tokens(source: str) -> list[tuple[str, str]]:
    text = source.replace("≤", "<=").replace("≥", ">=").translate(_ALIASES)
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            found = text[pos:].strip()[:10]
            raise FormulaError("formula.bad-char", position=pos + 1, found=repr(found))
        tokens.append((match.lastgroup, match.group(match.lastgroup)))
        pos = match.end()
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        if len(source) > MAX_FORMULA_LENGTH:
            raise FormulaError("formula.too-long", limit=MAX_FORMULA_LENGTH)
        self.tokens = _tokens(source)
        self.pos = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FormulaError("formula.unexpected-end")
        if value is not None and token[1] != value:
            raise FormulaError("formula.expected", expected=repr(value), found=repr(token[1]))
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.expr()
        extra = self.peek()
        if extra is not None:
            raise FormulaError("formula.trailing", found=repr(extra[1]))
        return node

    def enter(self) -> None:
        """One level deeper (brackets, calls, unary minus): bounded, so no recursion error."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError("formula.too-deep")

    def expr(self) -> Node:
        self.enter()
        left = self.sum()
        token = self.peek()
        if token is not None and token[0] == "op" and token[1] in _COMPARISONS:
            self.take()
            right = self.sum()
            if token[1] not in _EQUALITY and (isinstance(left, Text) or isinstance(right, Text)):
                # Spreadsheets order text by locale; only = and <> mean the same everywhere.
                raise FormulaError("formula.text-order", op=token[1])
            left = Compare(token[1], left, right)
        self.depth -= 1
        return left

    def sum(self) -> Node:
        node = self.product()
        while (token := self.peek()) is not None and token[1] in ("+", "-"):
            self.take()
            node = BinOp(token[1], node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while (token := self.peek()) is not None and token[1] in ("*", "/"):
            self.take()
            node = BinOp(token[1], node, self.unary())
        return node

    def unary(self) -> Node:
        if (token := self.peek()) is not None and token[1] == "-":
            self.take()
            self.enter()
            node = Neg(self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            return Num(Decimal(text))
        if kind == "str":
            return Text(text[1:-1].replace('""', '"'))
        if kind == "name":
            nxt = self.peek()
            if nxt is not None and nxt[1] == "(":
                return self.call(text.lower())
            return Var(text)
        if text == "(":
            node = self.expr()
            self.take(")")
            return node
        raise FormulaError("formula.unexpected", found=repr(text))

    def call(self, func: str) -> Node:
        self.take("(")
        args = [self.expr()]
        while (token := self.peek()) is not None and token[1] == ",":
            self.take()
            args.append(self.expr())
        self.take(")")
        if func in ("min", "max"):
            return Call(func, tuple(args))
        if func == "if":
            if len(args) != 3:
                raise FormulaError("formula.if-arguments")
            return If(args[0], args[1], args[2])
        if func == "level":
            if len(args) != 1 or not isinstance(args[0], Var):
                raise FormulaError("formula.level-arguments")
            return Level(args[0].name)
        raise FormulaError("formula.function", name=func)


def parse(source: str) -> Node:
    """Parse ``source`` into a tree, or raise ``FormulaError``."""
    return _Parser(source).parse()


def names(node: Node) -> set[str]:
    """Every input name the formula reads."""
    match node:
        case Var(name) | Level(name):
            return {name}
        case Neg(operand):
            return names(operand)
        case BinOp(_, left, right) | Compare(_, left, right):
            return names(left) | names(right)
        case Call(_, args):
            return set().union(*(names(a) for a in args))
        case If(cond, then, otherwise):
            return names(cond) | names(then) | names(otherwise)
    return set()


def level_names(node: Node) -> set[str]:
    """The input names used inside ``level(...)``."""
    match node:
        case Level(name):
            return {name}
        case Neg(operand):
            return level_names(operand)
        case BinOp(_, left, right) | Compare(_, left, right):
            return level_names(left) | level_names(right)
        case Call(_, args):
            return set().union(*(level_names(a) for a in args))
        case If(cond, then, otherwise):
            return level_names(cond) | level_names(then) | level_names(otherwise)
    return set()


def compared_texts(node: Node) -> set[tuple[str, str]]:
    """Pairs (input name, label) compared for equality somewhere in the formula."""
    match node:
        case Compare(_, Var(name), Text(label)) | Compare(_, Text(label), Var(name)):
            return {(name, label)}
        case Neg(operand):
            return compared_texts(operand)
        case BinOp(_, left, right) | Compare(_, left, right):
            return compared_texts(left) | compared_texts(right)
        case Call(_, args):
            return set().union(*(compared_texts(a) for a in args))
        case If(cond, then, otherwise):
            return compared_texts(cond) | compared_texts(then) | compared_texts(otherwise)
    return set()


# --- evaluation -------------------------------------------------------------------------


def evaluate(
    node: Node,
    env: Mapping[str, Value],
    levels: Mapping[str, Mapping[str, Decimal]] | None = None,
) -> Decimal:
    """The formula's value for ``env`` (input name -> Decimal or label), once (``score``
    compiles each formula once instead: ``compile_formula``).

    ``levels`` maps a level input's name to its label -> points table.
    """
    return compile_formula(node, levels)(env)


Compiled = Callable[[Mapping[str, Value]], Decimal]
_Part = Callable[[Mapping[str, Value]], Value]
_ONE, _ZERO = Decimal(1), Decimal(0)


def compile_formula(
    node: Node, levels: Mapping[str, Mapping[str, Decimal]] | None = None
) -> Compiled:
    """The formula made once into nested closures (``score`` evaluates every leaf of every
    workbook several times, and walking the tree each time was most of its arithmetic).
    ``tests/formula_tree.py`` walks the tree as the definition: the same values, the same
    errors raised in the same order."""
    part = _compile(node, levels or {})

    def run(env: Mapping[str, Value]) -> Decimal:
        value = part(env)
        if not isinstance(value, Decimal):
            raise FormulaError("formula.not-a-number")
        return value

    return run


def _compile(node: Node, levels: Mapping[str, Mapping[str, Decimal]]) -> _Part:
    match node:
        case Num(value) | Text(value):
            constant: Value = value
            return lambda env: constant
        case Var(name):

            def var(env: Mapping[str, Value]) -> Value:
                if name not in env:
                    raise MissingInput(name)
                return env[name]

            return var
        case Neg(operand):
            inner = _compile(operand, levels)
            return lambda env: -_number(inner(env))
        case BinOp(op, left, right):
            a, b = _compile(left, levels), _compile(right, levels)
            if op == "+":
                return lambda env: _number(a(env)) + _number(b(env))
            if op == "-":
                return lambda env: _number(a(env)) - _number(b(env))
            if op == "*":
                return lambda env: _number(a(env)) * _number(b(env))

            def divide(env: Mapping[str, Value]) -> Value:
                top, bottom = _number(a(env)), _number(b(env))
                if bottom == 0:
                    raise FormulaError("formula.division-by-zero")
                return top / bottom

            return divide
        case Compare(op, left, right):
            a, b = _compile(left, levels), _compile(right, levels)
            return lambda env: _ONE if _compare(op, a(env), b(env)) else _ZERO
        case Call(func, args):
            parts = [_compile(arg, levels) for arg in args]
            pick = min if func == "min" else max
            return lambda env: pick([_number(part(env)) for part in parts])
        case If(cond, then, otherwise):
            test, yes, no = (_compile(n, levels) for n in (cond, then, otherwise))
            return lambda env: yes(env) if _number(test(env)) != 0 else no(env)
        case Level(name):
            table = levels.get(name, {})

            def level(env: Mapping[str, Value]) -> Value:
                if name not in env:
                    raise MissingInput(name)
                label = env[name]
                if not isinstance(label, str) or label not in table:
                    raise FormulaError("formula.unknown-level", label=repr(label))
                return table[label]

            return level
    raise FormulaError("formula.bad-node", node=repr(node))  # pragma: no cover


def _number(value: Value) -> Decimal:
    if isinstance(value, str):
        raise FormulaError("formula.needs-number", found=repr(value))
    return value


_ORDER: dict[str, Callable[[int], bool]] = {
    "=": lambda c: c == 0,
    "<>": lambda c: c != 0,
    "<": lambda c: c < 0,
    "<=": lambda c: c <= 0,
    ">": lambda c: c > 0,
    ">=": lambda c: c >= 0,
}


def _compare(op: str, a: Value, b: Value) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return _ORDER[op]((a > b) - (a < b))
    if op not in _EQUALITY:
        raise FormulaError("formula.text-order", op=op)
    # Excel compares text without regard to case; text never equals a number.
    same = isinstance(a, str) and isinstance(b, str) and a.casefold() == b.casefold()
    return same == (op == "=")


# --- rendering as an Excel formula ------------------------------------------------------

_PRECEDENCE = {"cmp": 1, "+": 2, "-": 2, "*": 3, "/": 3, "neg": 4, "atom": 5}


def to_excel(
    node: Node,
    refs: Mapping[str, str],
    levels: Mapping[str, Mapping[str, Decimal]] | None = None,
    blanks: Mapping[str, str] | None = None,
) -> str:
    """The same formula as an Excel formula string (with the leading ``=``).

    ``refs`` maps each input name to a cell reference such as ``$F$12`` (or an expression
    standing for the input's value). With ``blanks`` (input name -> an Excel condition, TRUE
    when that input is blank), the formula shows ``""`` exactly when ``evaluate`` would raise
    ``MissingInput``: a blank input the formula needs gives no points, not made-up ones.
    """
    levels = levels or {}
    value = _render_value(node, refs, levels)
    test = blank_test(node, blanks, refs, levels) if blanks is not None else None
    return f'=IF({test},"",{value})' if test is not None else "=" + value


def blank_test(
    node: Node,
    blanks: Mapping[str, str],
    refs: Mapping[str, str],
    levels: Mapping[str, Mapping[str, Decimal]],
) -> str | None:
    """An Excel condition that is TRUE when ``evaluate`` would need a blank input.

    Evaluation reads an input only where it goes (``if`` reads one branch), so the condition
    follows the same path; ``None`` when the formula reads no input at all.
    """

    def test(child: Node) -> str | None:
        return blank_test(child, blanks, refs, levels)

    match node:
        case Var(name) | Level(name):
            return blanks[name]
        case Neg(operand):
            return test(operand)
        case BinOp(_, left, right) | Compare(_, left, right):
            return _any_of(test(left), test(right))
        case Call(_, args):
            return _any_of(*(test(a) for a in args))
        case If(cond, then, otherwise):
            when_cond, when_then, when_else = test(cond), test(then), test(otherwise)
            if when_then in (None, when_cond) and when_else in (None, when_cond):
                return when_cond
            if when_then == when_else:
                return _any_of(when_cond, when_then)
            # One branch reads a blank input: blank when the condition takes that branch.
            # (No TRUE/FALSE constants: LibreOffice writes them back as TRUE()/FALSE().)
            condition = _render(cond, refs, levels)[0]
            if when_then is None:
                branch = f"AND(NOT({condition}),{when_else})"
            elif when_else is None:
                branch = f"AND({condition},{when_then})"
            else:
                branch = f"IF({condition},{when_then},{when_else})"
            return _any_of(when_cond, branch)
    return None


def _any_of(*tests: str | None) -> str | None:
    unique = list(dict.fromkeys(t for t in tests if t is not None))
    if not unique:
        return None
    return unique[0] if len(unique) == 1 else f"OR({','.join(unique)})"


def _render_value(
    node: Node, refs: Mapping[str, str], levels: Mapping[str, Mapping[str, Decimal]]
) -> str:
    """``node`` where a number is expected: a comparison becomes 1 or 0.

    A bare comparison would give TRUE/FALSE, and Excel and LibreOffice disagree on
    whether TRUE equals 1; the Decimal evaluator says it does.
    """
    if isinstance(node, Compare):
        return f"IF({_render(node, refs, levels)[0]},1,0)"
    return _render(node, refs, levels)[0]


def _render(
    node: Node, refs: Mapping[str, str], levels: Mapping[str, Mapping[str, Decimal]]
) -> tuple[str, int]:
    def sub(child: Node, minimum: int) -> str:
        if isinstance(child, Compare):
            return _render_value(child, refs, levels)
        text, prec = _render(child, refs, levels)
        return f"({text})" if prec < minimum else text

    match node:
        case Num(value):
            return exact_text(value), _PRECEDENCE["atom"]
        case Text(value):
            return excel_string(value), _PRECEDENCE["atom"]
        case Var(name):
            return refs[name], _PRECEDENCE["atom"]
        case Neg(operand):
            return "-" + sub(operand, _PRECEDENCE["neg"]), _PRECEDENCE["neg"]
        case BinOp(op, left, right):
            prec = _PRECEDENCE[op]
            # The right operand of - and / needs brackets at equal precedence.
            right_min = prec + 1 if op in ("-", "/") else prec
            return f"{sub(left, prec)}{op}{sub(right, right_min)}", prec
        case Compare(op, left, right):
            prec = _PRECEDENCE["cmp"]
            return f"{sub(left, prec + 1)}{op}{sub(right, prec + 1)}", prec
        case Call(func, args):
            inner = ",".join(_render_value(a, refs, levels) for a in args)
            return f"{func.upper()}({inner})", _PRECEDENCE["atom"]
        case If(cond, then, otherwise):
            test = _render(cond, refs, levels)[0]
            then_text = _render_value(then, refs, levels)
            else_text = _render_value(otherwise, refs, levels)
            return f"IF({test},{then_text},{else_text})", _PRECEDENCE["atom"]
        case Level(name):
            # Nested IFs rather than a lookup so the form needs no helper table;
            # an unknown or blank label scores 0.
            text = "0"
            for label, points in reversed(list(levels[name].items())):
                text = f"IF({refs[name]}={excel_string(label)},{exact_text(points)},{text})"
            return text, _PRECEDENCE["atom"]
    raise FormulaError("formula.bad-node", node=repr(node))  # pragma: no cover


def excel_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# --- attainable range (interval arithmetic) ---------------------------------------------


class Interval(Struct, frozen=True):
    """A closed range of numbers, ``lo`` to ``hi``."""

    lo: Decimal
    hi: Decimal

    def __post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError("empty interval")


class Domain(Struct, frozen=True):
    """What an input may hold: a numeric interval, or a finite set of labels."""

    interval: Interval | None = None
    labels: tuple[str, ...] = ()


class _Truth(Struct, frozen=True):
    """Whether a condition can hold, and whether it can fail, over the inputs' domains."""

    can_be_true: bool
    can_be_false: bool


def attainable(
    node: Node,
    domains: Mapping[str, Domain],
    levels: Mapping[str, Mapping[str, Decimal]] | None = None,
) -> Interval:
    """An interval containing every value the formula can take over ``domains``.

    The bound is safe (never too narrow); it can be wider than the exact range when the
    same input appears twice.
    """
    try:
        result = _numeric(_range(node, domains, levels or {}))
    except InvalidOperation:  # ∞ − ∞ somewhere: no useful bound
        return Interval(-INF, INF)
    if not isinstance(result, Interval):
        raise FormulaError("formula.not-a-number")
    return result


_Range = Interval | _Truth | tuple[str, ...]


def _range(
    node: Node, domains: Mapping[str, Domain], levels: Mapping[str, Mapping[str, Decimal]]
) -> _Range:
    def num(child: Node) -> Interval:
        value = _numeric(_range(child, domains, levels))
        if isinstance(value, tuple):
            raise FormulaError("formula.needs-number", found="…")
        return value

    match node:
        case Num(value):
            return Interval(value, value)
        case Text(value):
            return (value,)
        case Var(name):
            domain = domains[name]
            return domain.interval if domain.interval is not None else domain.labels
        case Neg(operand):
            inner = num(operand)
            return Interval(-inner.hi, -inner.lo)
        case BinOp(op, left, right):
            return _interval_op(op, num(left), num(right))
        case Compare(op, left, right):
            sides = _range(left, domains, levels), _range(right, domains, levels)
            return _range_compare(op, *map(_numeric, sides))
        case Call(func, args):
            parts = [num(a) for a in args]
            pick = min if func == "min" else max
            return Interval(pick(p.lo for p in parts), pick(p.hi for p in parts))
        case If(cond, then, otherwise):
            truth = _range(cond, domains, levels)
            if isinstance(truth, Interval):
                truth = _Truth(truth.hi != 0 or truth.lo != 0, truth.lo <= 0 <= truth.hi)
            if isinstance(truth, tuple):
                raise FormulaError("formula.condition")
            branches = ([then] if truth.can_be_true else []) + (
                [otherwise] if truth.can_be_false else []
            )
            ranges = [num(b) for b in branches]
            return Interval(min(r.lo for r in ranges), max(r.hi for r in ranges))
        case Level(name):
            points = list(levels[name].values())
            return Interval(min(points), max(points))
    raise FormulaError("formula.bad-node", node=repr(node))  # pragma: no cover


def _numeric(value: _Range) -> Interval | tuple[str, ...]:
    """A comparison's outcome counts as 1 (true) or 0 (false) where a number is used."""
    if isinstance(value, _Truth):
        return Interval(
            Decimal(0) if value.can_be_false else Decimal(1),
            Decimal(1) if value.can_be_true else Decimal(0),
        )
    return value


def _mul(a: Decimal, b: Decimal) -> Decimal:
    # 0 × ∞ counts as 0 at an interval's end: the bound stays finite where it can.
    if a == 0 or b == 0:
        return Decimal(0)
    return a * b


def _div(a: Decimal, b: Decimal) -> Decimal:
    # ∞ / ∞ counts as 0: the corners beside it already carry the extremes.
    if a.is_infinite() and b.is_infinite():
        return Decimal(0)
    return a / b  # x / ∞ is 0 in Decimal


def _interval_op(op: str, a: Interval, b: Interval) -> Interval:
    if op == "+":
        return Interval(a.lo + b.lo, a.hi + b.hi)
    if op == "-":
        return Interval(a.lo - b.hi, a.hi - b.lo)
    if op == "/":
        if b.lo <= 0 <= b.hi:
            return Interval(-INF, INF)
        # Divide at the corners, as evaluation does, so both round the same way.
        corners = [_div(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    else:
        corners = [_mul(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
    return Interval(min(corners), max(corners))


def _range_compare(
    op: str, left: Interval | tuple[str, ...], right: Interval | tuple[str, ...]
) -> _Truth:
    if isinstance(left, tuple) and isinstance(right, tuple):
        outcomes = {_compare(op, x, y) for x in left for y in right}
        return _Truth(True in outcomes, False in outcomes)
    if isinstance(left, tuple) or isinstance(right, tuple):
        if op not in _EQUALITY:
            raise FormulaError("formula.text-order", op=op)
        return _Truth(op == "<>", op != "<>")  # text is never equal to a number
    a, b = left, right
    if op in ("<", "<=", ">", ">="):
        if op in (">", ">="):
            a, b = b, a
            op = "<" if op == ">" else "<="
        strict = op == "<"
        always = a.hi < b.lo if strict else a.hi <= b.lo
        never = a.lo >= b.hi if strict else a.lo > b.hi
        return _Truth(not never, not always)
    point_equal = a.lo == a.hi == b.lo == b.hi
    disjoint = a.hi < b.lo or b.hi < a.lo
    equal = _Truth(not disjoint, not point_equal)
    return equal if op == "=" else _Truth(equal.can_be_false, equal.can_be_true)
