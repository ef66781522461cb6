"""The formula language's definition as a plain walk of the tree: the oracle that
``compile_formula`` (what ``score`` runs) must agree with, value for value, error for error."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from thidua_cli.rubric.formula import (
    BinOp,
    Call,
    Compare,
    FormulaError,
    If,
    Level,
    MissingInput,
    Neg,
    Node,
    Num,
    Text,
    Value,
    Var,
    _compare,
    _number,
)


def walk(
    node: Node,
    env: Mapping[str, Value],
    levels: Mapping[str, Mapping[str, Decimal]] | None = None,
) -> Decimal:
    value = _walk(node, env, levels or {})
    if not isinstance(value, Decimal):
        raise FormulaError("formula.not-a-number")
    return value


def _walk(
    node: Node, env: Mapping[str, Value], levels: Mapping[str, Mapping[str, Decimal]]
) -> Value:
    match node:
        case Num(value):
            return value
        case Text(value):
            return value
        case Var(name):
            if name not in env:
                raise MissingInput(name)
            return env[name]
        case Neg(operand):
            return -_number(_walk(operand, env, levels))
        case BinOp(op, left, right):
            a = _number(_walk(left, env, levels))
            b = _number(_walk(right, env, levels))
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if b == 0:
                raise FormulaError("formula.division-by-zero")
            return a / b
        case Compare(op, left, right):
            truth = _compare(op, _walk(left, env, levels), _walk(right, env, levels))
            return Decimal(1) if truth else Decimal(0)
        case Call(func, args):
            values = [_number(_walk(a, env, levels)) for a in args]
            return min(values) if func == "min" else max(values)
        case If(cond, then, otherwise):
            chosen = then if _number(_walk(cond, env, levels)) != 0 else otherwise
            return _walk(chosen, env, levels)
        case Level(name):
            if name not in env:
                raise MissingInput(name)
            label = env[name]
            table = levels.get(name, {})
            if not isinstance(label, str) or label not in table:
                raise FormulaError("formula.unknown-level", label=repr(label))
            return table[label]
    raise FormulaError("formula.bad-node", node=repr(node))  # pragma: no cover
