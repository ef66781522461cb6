"""What people type into input cells: accepted spellings, the problem code of the rest, and
which spellings the printed form reads differently (``printout``)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_cli.form.reader import ErrorValue, NumberFormat
from thidua_cli.form.values import parse_input, sheet_blank, sheet_label, sheet_text
from thidua_cli.messages import EN, VI, Messages
from thidua_cli.rubric.model import DONE, NO, NOT_DONE, YES, InputKind
from thidua_cli.text import label_key, normalize_text

MAX = Decimal(100)
LEVELS = ("Tốt", "Khá", "Trung bình")


def number(raw: object, kind: InputKind = InputKind.POINTS, maximum: Decimal = MAX) -> Decimal:
    parsed = parse_input(raw, kind, maximum)
    assert parsed.code is None, parsed
    assert isinstance(parsed.value, Decimal)
    return parsed.value


def code(raw: object, kind: InputKind = InputKind.POINTS, maximum: Decimal = MAX) -> str | None:
    return parse_input(raw, kind, maximum).code


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (5, "5"),
        (5.0, "5"),
        (5.5, "5.5"),
        (Decimal("5.50"), "5.5"),
        ("5,5", "5.5"),
        ("5.5", "5.5"),
        (" 5 ", "5"),
        ("3 ", "3"),
        ("\u00a05,25\u00a0", "5.25"),  # non-breaking spaces around
        ("0,75", "0.75"),
        ("+7", "7"),
        ("-0", "0"),
        ("100", "100"),
    ],
)
def test_numbers_people_type(raw: object, expected: str) -> None:
    maximum = Decimal(10_000)
    assert number(raw, InputKind.POINTS, maximum) == Decimal(expected)
    assert str(number(raw, InputKind.POINTS, maximum)) == expected  # one spelling, never 1E+3
    # text is read, and flagged: the printed form's formulas do not read text as a number
    printout = parse_input(raw, InputKind.POINTS, maximum).printout
    assert printout == ("text" if isinstance(raw, str) else None)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("abc", "text"),
        ("5a", "text"),
        ("1.000", "ambiguous"),  # 1000 in vi-VN, 1 in en-US: refused, not guessed
        ("1,000", "ambiguous"),  # and the other way round: LibreOffice en-US reads 1000
        ("12.500", "ambiguous"),
        ("1.000.000", "ambiguous"),
        ("1.000,5", "ambiguous"),
        ("1\u2009000", "ambiguous"),  # a thin space as a thousands separator
        ("1 000", "ambiguous"),
        ("5²", "ambiguous"),  # not 52
        ("１２", "ambiguous"),  # full-width digits
        ("5,", "text"),
        (",5", "text"),
        ("--5", "text"),
        ("1e3", "text"),
        ("x" * 100, "text"),
        (True, "bool"),
        (False, "bool"),
        (date(2020, 1, 2), "date"),
        (datetime(2020, 1, 2, 3, 4), "date"),
        (float("nan"), "text"),
        (float("inf"), "text"),
        (ErrorValue("#N/A"), "text"),
    ],
)
def test_not_a_number(raw: object, reason: str) -> None:
    parsed = parse_input(raw, InputKind.POINTS, MAX)
    assert parsed.code == "not-a-number"
    assert parsed.details["reason"] == reason
    assert parsed.value is None


@pytest.mark.parametrize("raw", [None, "", "   ", "\n", " \t "])
def test_blank(raw: object) -> None:
    """Blank as the form's TRIM(CLEAN(...))="" sees it."""
    parsed = parse_input(raw, InputKind.COUNT, MAX)
    assert parsed.blank and not parsed.ok


@pytest.mark.parametrize("raw", ["\u00a0", "\u200b"])
def test_spaces_the_form_does_not_trim_are_not_blank(raw: str) -> None:
    """The printed form's formula sees text there (and would compute with it)."""
    assert parse_input(raw, InputKind.COUNT, MAX).code == "not-a-number"
    assert parse_input(raw, InputKind.LEVEL, MAX, LEVELS).code == "unknown-label"


def test_counts_must_be_whole_and_not_negative() -> None:
    assert number(3, InputKind.COUNT) == 3
    assert number("3,0", InputKind.COUNT) == 3
    assert number(10_000, InputKind.COUNT) == 10_000  # counts have no maximum
    assert code(2.5, InputKind.COUNT) == "not-whole"
    assert code("2,5", InputKind.COUNT) == "not-whole"
    assert code(-1, InputKind.COUNT) == "negative"
    assert code("-1", InputKind.COUNT) == "negative"
    assert code("\u22121", InputKind.COUNT) == "negative"  # a typographic minus is still a minus


def details(raw: object, kind: InputKind, maximum: Decimal, m: Messages = EN, **kw: object) -> dict:
    """A problem's details as the message shows them."""
    parsed = parse_input(raw, kind, maximum, **kw)  # type: ignore[arg-type]
    return {key: m.value(value) for key, value in parsed.details.items()}


def test_points_bounds_and_decimals() -> None:
    assert number(100, maximum=Decimal(100)) == 100
    assert number("99,99") == Decimal("99.99")
    assert code(100.01) == "points-above-max"
    assert code("101") == "points-above-max"
    assert details(101, InputKind.POINTS, MAX) == {"value": "101", "max": "100"}
    assert code(5.555) == "too-many-decimals"
    # quoted with every digit, in the reader's own way
    assert details(5.555, InputKind.POINTS, MAX, VI) == {"value": "5,555"}
    assert details(5.555, InputKind.POINTS, MAX, EN) == {"value": "5.555"}
    assert code("0,555") == "too-many-decimals"
    assert code("5,555") == "not-a-number"  # three digits after a separator: ambiguous
    assert code(-0.5) == "negative"
    assert number("5,50") == Decimal("5.5")  # trailing zeros are not decimals


PERCENT_CELL = NumberFormat.PERCENT


def percent(raw: object, number_format: NumberFormat = PERCENT_CELL) -> Decimal:
    parsed = parse_input(raw, InputKind.PERCENT, Decimal(10), number_format=number_format)
    assert parsed.code is None, parsed
    assert isinstance(parsed.value, Decimal)
    return parsed.value


def test_percent_as_the_spreadsheet_stores_it() -> None:
    """80 % typed in a percent cell is stored as 0.8: it means 80 (the rubric's unit)."""
    assert percent(0.8) == 80
    assert percent(Decimal("0.625")) == Decimal("62.5")
    assert percent(1) == 100
    assert percent(0.33333) == Decimal("33.333")  # any precision for a ratio
    assert percent(0) == 0
    over = parse_input(80, InputKind.PERCENT, Decimal(10), number_format=PERCENT_CELL)
    assert over.code == "points-above-max"
    shown = details(80, InputKind.PERCENT, Decimal(10), number_format=PERCENT_CELL)
    assert shown == {"value": "8000%", "max": "100%"}


def test_a_fraction_outside_a_percent_cell_is_never_guessed() -> None:
    for raw in (0.8, 80, Decimal("62.5")):
        parsed = parse_input(raw, InputKind.PERCENT, Decimal(10))
        assert parsed.code == "percent-format", raw
    assert details(0.8, InputKind.PERCENT, Decimal(10), VI) == {"value": "0,8", "percent": "80"}


def test_percent_typed_as_text_is_read_in_percent_and_flagged() -> None:
    for raw, expected in (("75%", 75), ("62,5 %", Decimal("62.5")), ("75", 75)):
        parsed = parse_input(raw, InputKind.PERCENT, Decimal(10))
        assert (parsed.value, parsed.printout) == (expected, "text"), raw
    assert code("101%", InputKind.PERCENT, Decimal(10)) == "points-above-max"
    assert code("75%", InputKind.POINTS) == "not-a-number"  # % only after a percent


def test_a_number_in_a_date_cell_is_a_date() -> None:
    parsed = parse_input(43952, InputKind.COUNT, MAX, number_format=NumberFormat.DATE)
    assert (parsed.code, parsed.details["reason"]) == ("not-a-number", "date")
    assert parsed.details["value"].startswith("2020-05-01")


def test_text_is_flagged_numbers_are_not() -> None:
    assert parse_input("5,5", InputKind.POINTS, MAX).printout == "text"
    assert parse_input(5.5, InputKind.POINTS, MAX).printout is None


@pytest.mark.parametrize("raw", ["Khá", "khá", "KHÁ", "  Khá ", "Khá\n", " kHÁ", "\tKhá"])
def test_labels_the_printed_form_reads_alike(raw: str) -> None:
    """TRIM(CLEAN(...)) and the spreadsheet's case-blind "=": the printout scores them too."""
    parsed = parse_input(raw, InputKind.LEVEL, MAX, LEVELS)
    assert (parsed.value, parsed.printout) == ("Khá", None)


@pytest.mark.parametrize(
    "raw", ["Kh\u00e1\u00a0", unicodedata.normalize("NFD", "Khá"), "\u00a0Khá", "Kh\u00e1\u200b"]
)
def test_labels_only_score_reads_are_flagged(raw: str) -> None:
    """Read as the label for the points, but the printed form shows 0: ``printout``."""
    parsed = parse_input(raw, InputKind.LEVEL, MAX, LEVELS)
    assert (parsed.value, parsed.printout) == ("Khá", "label")


def test_labels_with_inner_spaces() -> None:
    assert parse_input("Trung  bình", InputKind.LEVEL, MAX, LEVELS).printout is None
    parsed = parse_input("Trung  \u00a0bình", InputKind.LEVEL, MAX, LEVELS)
    assert (parsed.value, parsed.printout) == ("Trung bình", "label")
    assert parse_input(" đã THỰC HIỆN ", InputKind.DONE, MAX, (DONE, NOT_DONE)).value == DONE
    assert parse_input("KHÔNG", InputKind.YESNO, MAX, (YES, NO)).value == NO


def test_the_forms_reading() -> None:
    assert sheet_text("  a \n b  c ") == "a b c"  # CLEAN drops the line break, TRIM the rest
    assert sheet_text("a\u00a0") == "a\u00a0"  # TRIM leaves a non-breaking space
    assert sheet_blank(None) and sheet_blank(" \r\n ") and not sheet_blank("\u00a0")
    assert sheet_label("ĐÃ THỰC HIỆN", (DONE, NOT_DONE)) == DONE
    assert sheet_label("\u212aHÁ", LEVELS) is None  # the Kelvin sign lower-cases to k


@pytest.mark.parametrize("raw", ["Tot", "Giỏi", 50, 1.0, True, "Khá giỏi"])
def test_unknown_labels(raw: object) -> None:
    parsed = parse_input(raw, InputKind.LEVEL, MAX, LEVELS)
    assert parsed.code == "unknown-label"
    assert parsed.details["labels"] == "Tốt / Khá / Trung bình"


def test_normalize_text() -> None:
    assert normalize_text(" a\u00a0\u00a0b\t c ") == "a b c"
    assert label_key(unicodedata.normalize("NFD", "Không")) == label_key("KHÔNG")
    assert len(normalize_text(unicodedata.normalize("NFD", "Không đạt"))) == 9


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([",", "."]), st.booleans())
def test_points_round_trip_in_both_spellings(cents: int, separator: str, spaces: bool) -> None:
    value = Decimal(cents) / 100
    whole, fraction = divmod(cents, 100)
    text = f"{whole}{separator}{fraction:02d}"
    if spaces:
        text = f"\u00a0{text} "
    assert number(text) == value
    assert number(float(value)) == value
    assert parse_input(text, InputKind.POINTS, MAX).printout == "text"
