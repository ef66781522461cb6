"""Rounding and showing points: the spreadsheet's ROUND(x, 2), never an exception."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua_cli.numbers import hundredths, json_number, plain
from thidua_cli.reports import jsonout


@pytest.mark.parametrize(
    ("value", "rounded", "shown"),
    [
        ("2.675", "2.68", "2.68"),  # Python's round() gives 2.67
        ("-2.675", "-2.68", "-2.68"),
        ("12.5", "12.50", "12.5"),
        ("100", "100.00", "100"),
        ("0.004", "0.00", "0"),
        ("-0.004", "-0.00", "0"),
        ("1E+2", "100.00", "100"),
        (
            "123456789012345678901234567890.125",
            "123456789012345678901234567890.13",
            "123456789012345678901234567890.13",
        ),
    ],
)
def test_hundredths_and_plain(value: str, rounded: str, shown: str) -> None:
    assert str(hundredths(Decimal(value))) == rounded
    assert plain(Decimal(value)) == shown


def test_absurd_numbers_do_not_raise() -> None:
    assert plain(Decimal("1e30")) == "1" + "0" * 30
    assert plain(Decimal("1e5000")) == "1E+5000"
    assert plain(Decimal("Infinity")) == "Infinity"


def test_json_numbers() -> None:
    assert json_number(Decimal("40.00")) == 40
    assert isinstance(json_number(Decimal("40.00")), int)
    assert json_number(Decimal("12.345")) == Decimal("12.35")
    text = jsonout.dumps({"a": [Decimal("0.10"), Decimal(7)], "b": "Đã thực hiện"})
    assert text == '{\n  "a": [\n    0.1,\n    7\n  ],\n  "b": "Đã thực hiện"\n}'
