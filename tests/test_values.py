"""What people type into input cells: accepted spellings and the problem code of the rest."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua_cli.form.values import parse_input
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
        ("1\u2009000", "1000"),  # thin space as a thousands separator... in a points cell
        ("0,75", "0.75"),
        ("+7", "7"),
        ("-0", "0"),
        ("１２", "12"),  # full-width digits
        ("100", "100"),
    ],
)
def test_numbers_people_type(raw: object, expected: str) -> None:
    maximum = Decimal(10_000)
    assert number(raw, InputKind.POINTS, maximum) == Decimal(expected)
    assert str(number(raw, InputKind.POINTS, maximum)) == expected  # one spelling, never 1E+3


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("abc", "text"),
        ("5a", "text"),
        ("1.000", "ambiguous"),  # 1000 in vi-VN, 1 in en-US: refused, not guessed
        ("12.500", "ambiguous"),
        ("1.000.000", "text"),
        ("1.000,5", "text"),
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
    ],
)
def test_not_a_number(raw: object, reason: str) -> None:
    parsed = parse_input(raw, InputKind.POINTS, MAX)
    assert parsed.code == "not-a-number"
    assert parsed.details["reason"] == reason
    assert parsed.value is None


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", "\u200b"])
def test_blank(raw: object) -> None:
    parsed = parse_input(raw, InputKind.COUNT, MAX)
    assert parsed.blank and not parsed.ok


def test_counts_must_be_whole_and_not_negative() -> None:
    assert number(3, InputKind.COUNT) == 3
    assert number("3,0", InputKind.COUNT) == 3
    assert number(10_000, InputKind.COUNT) == 10_000  # counts have no maximum
    assert code(2.5, InputKind.COUNT) == "not-whole"
    assert code("2,5", InputKind.COUNT) == "not-whole"
    assert code(-1, InputKind.COUNT) == "negative"
    assert code("-1", InputKind.COUNT) == "negative"
    assert code("\u22121", InputKind.COUNT) == "negative"  # a typographic minus is still a minus


def test_points_bounds_and_decimals() -> None:
    assert number(100, maximum=Decimal(100)) == 100
    assert number("99,99") == Decimal("99.99")
    assert code(100.01) == "points-above-max"
    assert code("101") == "points-above-max"
    assert parse_input(101, InputKind.POINTS, MAX).details == {"value": "101", "max": "100"}
    assert code(5.555) == "too-many-decimals"
    assert code("5,555") == "too-many-decimals"
    assert code(-0.5) == "negative"
    assert number("5,500") == Decimal("5.5")  # trailing zeros are not decimals


def test_percent() -> None:
    assert number(75, InputKind.PERCENT) == 75
    assert number("75%", InputKind.PERCENT) == 75
    assert number("62,5 %", InputKind.PERCENT) == Decimal("62.5")
    assert number(33.333, InputKind.PERCENT) == Decimal("33.333")  # any precision for a ratio
    assert number("0.125", InputKind.PERCENT) == Decimal("0.125")  # leading zero: not thousands
    assert code(100.5, InputKind.PERCENT, Decimal(10)) == "points-above-max"
    assert code("75%", InputKind.POINTS) == "not-a-number"  # % only after a percent


def test_from_text_is_recorded() -> None:
    assert parse_input("5,5", InputKind.POINTS, MAX).from_text
    assert not parse_input(5.5, InputKind.POINTS, MAX).from_text


@pytest.mark.parametrize(
    "raw",
    ["Khá", "khá", "KHÁ", "  Khá ", "Kh\u00e1\u00a0", unicodedata.normalize("NFD", "Khá"), "kHÁ"],
)
def test_labels_in_any_case_spacing_and_normal_form(raw: str) -> None:
    parsed = parse_input(raw, InputKind.LEVEL, MAX, LEVELS)
    assert parsed.value == "Khá"


def test_labels_with_inner_spaces() -> None:
    parsed = parse_input("Trung  \u00a0bình", InputKind.LEVEL, MAX, LEVELS)
    assert parsed.value == "Trung bình"
    assert parse_input(" đã THỰC HIỆN ", InputKind.DONE, MAX, (DONE, NOT_DONE)).value == DONE
    assert parse_input("KHÔNG", InputKind.YESNO, MAX, (YES, NO)).value == NO


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
