"""The one place that says how numbers are rounded and written (points, cells, formulas, JSON)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal

HUNDREDTH = Decimal("0.01")
# Beyond this many digits nothing is rounded or spelled out: such a number is a typing
# accident that a message must still be able to show, not a score.
_HUGE = 1000


def hundredths(value: Decimal) -> Decimal:
    """Round half up to the hundredth, as a spreadsheet's ROUND(x, 2) does."""
    if not value.is_finite() or value.adjusted() > _HUGE:
        return value
    # Enough precision for every digit before the point (the default 28 would raise).
    context = Context(prec=max(28, value.adjusted() + 4), rounding=ROUND_HALF_UP)
    return value.quantize(HUNDREDTH, context=context)


def plain(value: Decimal, *, decimal_comma: bool = False) -> str:
    """``Decimal`` as short plain text: 40, 12.5, 0.25 (never 4E+1).

    ``decimal_comma``: the Vietnamese way, 903,5 (no thousands separator, so a number never
    reads two ways). JSON, CSV, formulas and lock files keep the dot.
    """
    value = hundredths(value).normalize(Context(prec=_HUGE + 4))
    if value.is_zero():
        return "0"  # not "-0"
    if not value.is_finite() or value.adjusted() > _HUGE:
        return str(value)
    text = format(value, "f")
    return text.replace(".", ",") if decimal_comma else text


def json_number(value: Decimal) -> int | Decimal:
    """A JSON-ready number exact to the hundredth (integers stay integers)."""
    value = hundredths(value)
    if value.is_finite() and value.adjusted() <= _HUGE and value == value.to_integral_value():
        return int(value)
    return value.normalize(Context(prec=_HUGE + 4))


def exact_text(value: Decimal) -> str:
    """Every digit of ``value``, no exponent, no trailing zeros: 12.345, 1000 (not 1E+3).

    How a number is written into a formula, a lock file or a message quoting what was typed.
    """
    return format(value.normalize(), "f")


def cell_number(value: Decimal) -> int | Decimal:
    """A number for a spreadsheet cell: integers as ``int``, others without trailing zeros."""
    return int(value) if value == value.to_integral_value() else value.normalize()
