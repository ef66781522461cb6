"""What people really type into an input cell, turned into a validated value or a problem code.

Numbers arrive as int, float (calamine returns every number as a float), ``Decimal`` or text.
Text is accepted the way a Vietnamese clerk writes it:

- spaces anywhere are ignored, non-breaking and thin spaces included (``" 5 "``, ``"1 000"``);
- a comma is the decimal separator (``"5,5"`` is 5.5, the vi-VN convention);
- a dot is a decimal separator too (``"5.5"``), EXCEPT a dot followed by exactly three digits
  after a non-zero integer part (``"1.000"``): that is one thousand in vi-VN and one in
  en-US, so it is refused as ``not-a-number`` with a hint rather than guessed;
- more than one separator (``"1.000.000"``, ``"1.000,5"``) is ``not-a-number``;
- ``%`` is accepted after a percent (``"75%"`` is 75).

Booleans and dates in a number cell are ``not-a-number``. Counts must be whole
(``not-whole``); points have at most two decimals (``too-many-decimals``); points above the
criterion's maximum and percents above 100 are ``points-above-max``; anything below 0 is
``negative``. Labels match after NFC normalisation, whitespace collapsing and case folding;
the canonical label is returned.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from thidua_cli.numbers import exact_text, plain
from thidua_cli.rubric.formula import Value
from thidua_cli.rubric.model import LABEL_KINDS, InputKind
from thidua_cli.text import SPACES, is_blank, label_key, shown

MAX_TEXT_LENGTH = 60  # longer text in a number cell is not a number, whatever it holds
POINTS_DECIMALS = 2

_NUMBER = re.compile(r"^([+-]?)(\d+)(?:([.,])(\d+))?$")
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"})


@dataclass(frozen=True)
class Parsed:
    """One input cell after parsing: a value, blank, or a problem code with its details."""

    value: Value | None = None
    code: str | None = None  # problem slug when the cell cannot be used
    details: dict[str, str] = field(default_factory=dict)
    from_text: bool = False  # a number typed as text: a spreadsheet's own formula ignores it

    @property
    def blank(self) -> bool:
        return self.value is None and self.code is None

    @property
    def ok(self) -> bool:
        return self.value is not None


BLANK = Parsed()


class NotANumber(ValueError):
    """``args[0]`` is the reason key suffix: text, bool, date, ambiguous."""


def to_decimal(raw: object, allow_percent_sign: bool = False) -> tuple[Decimal, bool]:
    """A cell's number as ``Decimal`` and whether it came from text; raises ``NotANumber``."""
    if isinstance(raw, bool):
        raise NotANumber("bool")
    if isinstance(raw, datetime | date | time | timedelta):
        raise NotANumber("date")
    if isinstance(raw, int):
        return Decimal(raw), False
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise NotANumber("text")
        return Decimal(repr(raw)), False  # repr: the shortest text that round-trips
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise NotANumber("text")
        return raw, False
    if isinstance(raw, str):
        return _text_to_decimal(raw, allow_percent_sign), True
    raise NotANumber("text")


def _text_to_decimal(text: str, allow_percent_sign: bool) -> Decimal:
    if len(text) > MAX_TEXT_LENGTH:
        raise NotANumber("text")
    compact = SPACES.sub("", unicodedata.normalize("NFKC", text)).translate(_MINUSES)
    if allow_percent_sign and compact.endswith("%"):
        compact = compact[:-1]
    match = _NUMBER.match(compact)
    if match is None:
        raise NotANumber("text")
    sign, whole, separator, fraction = match.groups()
    if separator == "." and len(fraction) == 3 and whole.lstrip("0"):
        raise NotANumber("ambiguous")
    try:
        return Decimal(f"{sign}{whole}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise NotANumber("text") from exc


def decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def parse_input(
    raw: object, kind: InputKind, maximum: Decimal, labels: tuple[str, ...] = ()
) -> Parsed:
    """Validate one input cell of ``kind``; ``maximum`` bounds points (percents stop at 100)."""
    if is_blank(raw):
        return BLANK
    if kind in LABEL_KINDS:
        return _parse_label(raw, labels)
    try:
        number, from_text = to_decimal(raw, allow_percent_sign=kind is InputKind.PERCENT)
    except NotANumber as exc:
        return Parsed(code="not-a-number", details={"value": shown(raw), "reason": str(exc)})
    number = number + 0  # -0 -> 0
    if number < 0:
        return Parsed(code="negative", details={"value": exact_text(number)})
    if kind is InputKind.COUNT and number != number.to_integral_value():
        return Parsed(code="not-whole", details={"value": exact_text(number)})
    if kind is InputKind.POINTS and decimals(number) > POINTS_DECIMALS:
        return Parsed(code="too-many-decimals", details={"value": exact_text(number)})
    limit = Decimal(100) if kind is InputKind.PERCENT else maximum
    if kind in (InputKind.POINTS, InputKind.PERCENT) and number > limit:
        return Parsed(
            code="points-above-max", details={"value": exact_text(number), "max": plain(limit)}
        )
    return Parsed(value=canonical(number), from_text=from_text)


def _parse_label(raw: object, labels: tuple[str, ...]) -> Parsed:
    if isinstance(raw, str):
        wanted = label_key(raw)
        for label in labels:
            if label_key(label) == wanted:
                return Parsed(value=label)
    return Parsed(code="unknown-label", details={"value": shown(raw), "labels": " / ".join(labels)})


def canonical(value: Decimal) -> Decimal:
    """5.50 -> 5.5 and 1E+2 -> 100: one spelling per number, never an exponent."""
    return Decimal(exact_text(value))
