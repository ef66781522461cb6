"""What people really type into an input cell, turned into a validated value or a problem code.

Two readings of every cell, because what a unit signs is what its spreadsheet printed:

- the **form's reading**, exactly what the form's own formulas make of the cell (see
  ``form.formulas``): numbers stored as numbers; labels after ``TRIM(CLEAN(...))``, in any
  letter case; blank when ``TRIM(CLEAN(...))`` is empty; a percent as its cell stores it;
- ``score``'s **tolerant reading**, which also understands a number typed as text and a label
  with odd spaces or letters decomposed (NFD).

A value both read alike is simply valid. A value only the tolerant reading understands is
valid for the points but flagged ``printout``: the printed form shows something else, and
``score`` names the cell (``printout-differs``) so the unit retypes it. Never a silent guess:

- text that is a number: ``"5,5"``, ``" 3 "``, ``"85.5"`` (comma or dot as the decimal
  separator) is read, and flagged ``printout="text"``;
- ambiguous text is ``not-a-number`` (reason ``ambiguous``), never read: a separator followed
  by exactly three digits after a non-zero integer part (``"1.000"``, ``"1,000"``: one
  thousand or one?), several separators (``"1.000,5"``), digits with spaces (``"1 000"``),
  superscript or other non-ASCII digits (``"5²"``);
- booleans, dates (a number in a date-formatted cell) and error values are ``not-a-number``.

Percents: the form formats a percent cell as a percent, so 80 % is stored as 0.8 and read as
80. A number in a percent cell that is not formatted as a percent is ``percent-format``
(0.8 would mean 0.8 % to the eye and 80 % to the formula). Text is read in percent units,
with or without its ``%``.

Counts must be whole (``not-whole``); points have at most two decimals
(``too-many-decimals``); points above the criterion's maximum and percents above 100 are
``points-above-max``; anything below 0 is ``negative``.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from msgspec import Struct, field

from thidua_cli.findings import Exact, Param
from thidua_cli.form.reader import ErrorValue, NumberFormat
from thidua_cli.numbers import exact_text
from thidua_cli.rubric.formula import Value
from thidua_cli.rubric.model import LABEL_KINDS, InputKind
from thidua_cli.text import label_key, shown

MAX_TEXT_LENGTH = 60  # longer text in a number cell is not a number, whatever it holds
POINTS_DECIMALS = 2
HUNDRED = Decimal(100)

_NUMBER = re.compile(r"^([+-]?)([0-9]+)(?:([.,])([0-9]+))?$")
# Groups of digits of any kind (superscripts too) between separators or spaces: a number,
# but not one we may guess.
_DIGITS = r"[\d\u00b2\u00b3\u00b9\u2070-\u2079]+"
_NUMBER_LIKE = re.compile(rf"^[+-]?{_DIGITS}(?:[.,\s]{_DIGITS})*$")
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-", "\ufe63": "-", "\uff0d": "-"})
_CONTROLS = dict.fromkeys(range(32))  # what the spreadsheet's CLEAN removes


class Parsed(Struct, frozen=True):
    """One input cell after parsing: a value, blank, or a problem code with its details.

    ``printout`` says the form's own formulas do not read the value as ``score`` does:
    ``"label"`` (a label the form does not recognise) or ``"text"`` (a number typed as text).
    """

    value: Value | None = None
    code: str | None = None  # problem slug when the cell cannot be used
    details: dict[str, Param] = field(default_factory=dict)
    printout: str | None = None

    @property
    def blank(self) -> bool:
        return self.value is None and self.code is None

    @property
    def ok(self) -> bool:
        return self.value is not None


BLANK = Parsed()


class NotANumber(ValueError):
    """``args[0]`` is the reason key suffix: text, bool, date, ambiguous."""


def sheet_text(text: str) -> str:
    """What the form's ``TRIM(CLEAN(text))`` leaves: no control characters, no leading or
    trailing spaces, inner runs of spaces as one (only the plain space, U+0020)."""
    return " ".join(part for part in text.translate(_CONTROLS).split(" ") if part)


def sheet_blank(raw: object) -> bool:
    """Blank as the form sees it: nothing, or text that ``TRIM(CLEAN(...))`` empties."""
    return raw is None or (isinstance(raw, str) and not sheet_text(raw))


def sheet_label(raw: str, labels: tuple[str, ...]) -> str | None:
    """The label the form's formula matches ``raw`` with (spreadsheets compare text without
    regard to case), or ``None``. Only characters of the label itself, in either case, count:
    a look-alike that lower-cases to the same letter is not the label."""
    candidate = sheet_text(raw)
    for label in labels:
        if candidate.lower() == label.lower() and set(candidate) <= set(
            label + label.lower() + label.upper()
        ):
            return label
    return None


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
    compact = unicodedata.normalize("NFC", text).strip().translate(_MINUSES)
    if allow_percent_sign and compact.endswith("%"):
        compact = compact[:-1].rstrip()
    match = _NUMBER.match(compact)
    if match is None:
        raise NotANumber("ambiguous" if _NUMBER_LIKE.match(compact) else "text")
    sign, whole, separator, fraction = match.groups()
    if separator is not None and len(fraction) == 3 and whole.lstrip("0"):
        raise NotANumber("ambiguous")
    try:
        return Decimal(f"{sign}{whole}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
        raise NotANumber("text") from exc


def decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def parse_input(
    raw: object,
    kind: InputKind,
    maximum: Decimal,
    labels: tuple[str, ...] = (),
    number_format: NumberFormat = NumberFormat.GENERAL,
) -> Parsed:
    """Validate one input cell of ``kind``; ``maximum`` bounds points (percents stop at 100).

    ``number_format`` is the cell's: a percent cell's 0.8 is 80, a date cell's number a date.
    """
    if sheet_blank(raw):
        return BLANK
    if kind in LABEL_KINDS:
        return _parse_label(raw, labels)
    if isinstance(raw, ErrorValue):
        return Parsed(code="not-a-number", details={"value": str(raw), "reason": "text"})
    if number_format is NumberFormat.DATE and isinstance(raw, int | float | Decimal):
        return Parsed(code="not-a-number", details={"value": _as_date(raw), "reason": "date"})
    percent = kind is InputKind.PERCENT
    try:
        number, from_text = to_decimal(raw, allow_percent_sign=percent)
    except NotANumber as exc:
        return Parsed(code="not-a-number", details={"value": shown(raw), "reason": str(exc)})
    if percent and not from_text:
        if number_format is not NumberFormat.PERCENT:
            return Parsed(
                code="percent-format",
                details={"value": Exact(number), "percent": Exact(number * HUNDRED)},
            )
        number *= HUNDRED
    return _checked(canonical(number + 0), kind, maximum, "text" if from_text else None)


def _checked(number: Decimal, kind: InputKind, maximum: Decimal, printout: str | None) -> Parsed:
    unit = "%" if kind is InputKind.PERCENT else ""
    if number < 0:
        return Parsed(code="negative", details={"value": Exact(number, unit)})
    if kind is InputKind.COUNT and number != number.to_integral_value():
        return Parsed(code="not-whole", details={"value": Exact(number)})
    if kind is InputKind.POINTS and decimals(number) > POINTS_DECIMALS:
        return Parsed(code="too-many-decimals", details={"value": Exact(number)})
    limit = HUNDRED if kind is InputKind.PERCENT else maximum
    if kind in (InputKind.POINTS, InputKind.PERCENT) and number > limit:
        return Parsed(
            code="points-above-max",
            details={"value": Exact(number, unit), "max": Exact(limit, unit)},
        )
    return Parsed(value=number, printout=printout)


def _as_date(serial: int | float | Decimal) -> str:
    """A date-formatted cell's number as the date it shows (the number if none fits)."""
    from openpyxl.utils.datetime import from_excel  # rare: not worth importing openpyxl for

    try:
        return shown(from_excel(serial))
    except (ValueError, OverflowError, TypeError):
        return shown(serial)


def _parse_label(raw: object, labels: tuple[str, ...]) -> Parsed:
    if isinstance(raw, str):
        match = _label_match(raw, labels) if len(raw) <= MEMO_TEXT else _label_of(raw, labels)
        if match is not None:
            label, printout = match
            return Parsed(value=label, printout=printout)
    return Parsed(code="unknown-label", details={"value": shown(raw), "labels": " / ".join(labels)})


MEMO_TEXT = 64  # texts up to this long are remembered: forms repeat the same few labels


def _label_of(raw: str, labels: tuple[str, ...]) -> tuple[str, str | None] | None:
    """The label ``raw`` stands for, and ``"label"`` when the printout shows it otherwise."""
    found = sheet_label(raw, labels)
    if found is not None:
        return found, None
    wanted = label_key(raw)
    return next(((label, "label") for label in labels if label_key(label) == wanted), None)


_label_match = functools.lru_cache(maxsize=4096)(_label_of)  # bounded: short texts only


def canonical(value: Decimal) -> Decimal:
    """5.50 -> 5.5 and 1E+2 -> 100: one spelling per number, never an exponent."""
    return Decimal(exact_text(value))
