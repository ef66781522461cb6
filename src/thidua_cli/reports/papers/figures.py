"""Numbers as the papers print them: Vietnamese decimal comma, exact to the hundredth."""

from __future__ import annotations

from decimal import Decimal

from thidua_cli.numbers import plain

BLANK = "—"  # a figure that does not exist (a side not scored yet)


def points(value: Decimal | int | None) -> str:
    """``97.5`` -> ``97,5``; ``None`` -> a dash."""
    if value is None:
        return BLANK
    return plain(Decimal(value), decimal_comma=True)


def signed(value: Decimal | None) -> str:
    """A difference: ``+2,5``, ``-2,5`` or ``0``."""
    if value is None:
        return BLANK
    text = points(value)
    return f"+{text}" if value > 0 else text


def difference(own: Decimal | None, cluster: Decimal | None) -> str:
    """Self minus cluster (what the cluster took off), signed; a dash when one is missing."""
    if own is None or cluster is None:
        return BLANK
    return signed(own - cluster)
