"""Shared test helpers: fill forms with random valid values, write them, change one cell.

Forms are always written by the project's own writer (``form.writer.write_form``) into a
test's ``tmp_path``; a bad workbook is a good one with one or two cells changed through
``set_cell``/``set_cells``, which find the cell behind a defined name as the reader does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from thidua_cli.findings import ThiduaError
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import Layout
from thidua_cli.form.samples import BOTH_SIDES, RawForm, random_form, random_value
from thidua_cli.form.values import canonical
from thidua_cli.form.writer import write_form
from thidua_cli.messages import VI, Messages
from thidua_cli.rubric.formula import Value
from thidua_cli.rubric.model import InputKind, Rubric
from thidua_cli.rubric.sides import Side

__all__ = ["BOTH_SIDES", "RawForm", "random_value"]

# One generator of sample values for the demo, the tests and the benchmark.
valid_values = random_form


def make_identity(rubric: Rubric, unit_id: str = "U1", **overrides: Any) -> Identity:
    fields: dict[str, Any] = {
        "rubric_id": rubric.id,
        "rubric_digest": rubric.digest(),
        "unit_id": unit_id,
        "unit_name": f"Đơn vị {unit_id}",
        "cluster": "cum-1",
        "cluster_name": "Cụm thi đua số 1",
        "year": rubric.meta.year,
    }
    fields.update(overrides)
    return Identity(**fields)


def as_inputs(
    raw: Mapping[str, Mapping[str, object]], rubric: Rubric
) -> dict[str, dict[str, Value]]:
    """The rubric engine's view of one side's raw cell values: numbers as exact ``Decimal``,
    a percent cell's fraction (0.625) as the rubric's percent (62.5)."""
    converted: dict[str, dict[str, Value]] = {}
    for code, values in raw.items():
        kinds = {spec.name: spec.kind for spec in rubric.criterion(code).inputs}
        converted[code] = {}
        for name, value in values.items():
            if isinstance(value, str):
                converted[code][name] = value
                continue
            number = value if isinstance(value, Decimal) else Decimal(repr(value))
            if kinds[name] is InputKind.PERCENT:
                number = canonical(number * 100)
            converted[code][name] = number
    return converted


def make_form(
    folder: Path,
    layout: Layout,
    identity: Identity | str = "U1",
    values: Mapping[Side, Mapping[str, Mapping[str, object]]] | None = None,
    name: str | None = None,
) -> Path:
    """Write a form into ``folder``; ``identity`` may be just a unit id."""
    if isinstance(identity, str):
        identity = make_identity(layout.rubric, identity)
    path = folder / (name or f"{identity.unit_id}.xlsx")
    write_form(path, layout, identity, values)
    return path


def name_cell(workbook: Any, name: str) -> Any:
    """The openpyxl cell behind a workbook-scoped defined name."""
    defined = workbook.defined_names[name]
    ((sheet, ref),) = list(defined.destinations)
    return workbook[sheet][ref.replace("$", "")]


@dataclass(frozen=True)
class Formula:
    """A formula typed into a cell (``set_cells`` writes other strings as text)."""

    text: str


@dataclass(frozen=True)
class General:
    """A value in a cell whose number format is set back to General (no percent sign)."""

    value: object


def set_cells(path: Path, changes: Mapping[str, object]) -> None:
    """Change the cells behind defined names (``None`` empties a cell, formula included)."""
    workbook = openpyxl.load_workbook(path)
    for name, value in changes.items():
        cell = name_cell(workbook, name)
        if isinstance(value, Formula):
            cell.value = value.text  # openpyxl writes a string starting with "=" as a formula
        elif isinstance(value, General):
            cell.value = value.value
            cell.number_format = "General"
        else:
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # "=..." stays text: we are simulating typed values
    workbook.save(path)


def set_cell(path: Path, name: str, value: object) -> None:
    set_cells(path, {name: value})


def break_names(path: Path, names: Iterable[str]) -> None:
    """Make defined names point nowhere, as Excel does when their row is deleted."""
    workbook = openpyxl.load_workbook(path)
    for name in names:
        workbook.defined_names[name].attr_text = "#REF!"
    workbook.save(path)


def text_of(error: ThiduaError, messages: Messages = VI) -> str:
    """A refusal as the user reads it: one line per finding."""
    return "\n".join(messages.finding(f) for f in error.findings)


@contextmanager
def refused(
    kind: type[ThiduaError], match: str, messages: Messages = VI
) -> Iterator[pytest.ExceptionInfo[ThiduaError]]:
    """Like ``pytest.raises(kind, match=...)``, matching the rendered sentences."""
    with pytest.raises(kind) as caught:
        yield caught
    text = text_of(caught.value, messages)
    assert re.search(match, text), text
