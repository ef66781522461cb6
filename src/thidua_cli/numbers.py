"""The one place that says how points are rounded and shown."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

HUNDREDTH = Decimal("0.01")


def hundredths(value: Decimal) -> Decimal:
    """Round half up to the hundredth, as a spreadsheet's ROUND(x, 2) does."""
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """``Decimal`` as short plain text: 40, 12.5, 0.25 (never 4E+1)."""
    value = hundredths(value).normalize()
    text = format(value, "f")
    return text


def json_number(value: Decimal) -> int | Decimal:
    """A JSON-ready number exact to the hundredth (integers stay integers)."""
    value = hundredths(value)
    return int(value) if value == value.to_integral_value() else value.normalize()
