"""Shared test helpers: fill forms with random valid values, write them, change one cell.

Forms are always written by the project's own writer (``sheet_writer.write_form``) into a
test's ``tmp_path``; a bad workbook is a good one with one or two cells changed through
``set_cell``/``set_cells``, which find the cell behind a defined name as the reader does.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from thidua_cli.formula import Value
from thidua_cli.identity import Identity
from thidua_cli.layout import Layout, Side
from thidua_cli.rubric import NO, YES, Criterion, InputKind, InputSpec, Rubric
from thidua_cli.sheet_writer import write_form

# side -> criterion code -> input name -> raw cell value, as a user would have typed it
RawForm = dict[Side, dict[str, dict[str, object]]]

BOTH_SIDES = (Side.SELF, Side.CLUSTER)


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


def random_value(rng: random.Random, criterion: Criterion, spec: InputSpec) -> object:
    """One valid raw value for ``spec``, typed the way spreadsheets store it (int/float/text)."""
    if spec.kind is InputKind.COUNT:
        return rng.randint(0, 40)
    if spec.kind is InputKind.POINTS:
        cents = rng.randint(0, int(criterion.max * 100))
        value = Decimal(cents) / 100
        return int(value) if value == int(value) else float(value)
    if spec.kind is InputKind.PERCENT:
        return rng.choice([rng.randint(0, 100), round(rng.uniform(0, 100), 1)])
    return rng.choice(criterion.labels(spec))


def valid_values(rubric: Rubric, seed: int, sides: Iterable[Side] = BOTH_SIDES) -> RawForm:
    """Random valid raw values for every input of ``sides`` (1.6's points blank when "Không")."""
    rng = random.Random(seed)
    form: RawForm = {}
    for side in sides:
        filled: dict[str, dict[str, object]] = {}
        for leaf in rubric.leaves():
            values = {spec.name: random_value(rng, leaf, spec) for spec in leaf.inputs}
            if values.get("has_projects") == NO:
                values.pop("points", None)
            elif "has_projects" in values:
                values["has_projects"] = rng.choice([YES, NO]) if rng.random() < 0.3 else YES
                if values["has_projects"] == NO:
                    values.pop("points", None)
            if values:
                filled[leaf.code] = values
        form[side] = filled
    return form


def as_inputs(raw: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, Value]]:
    """The rubric engine's view of one side's raw values (numbers as exact ``Decimal``)."""
    converted: dict[str, dict[str, Value]] = {}
    for code, values in raw.items():
        converted[code] = {
            name: value if isinstance(value, str) else Decimal(repr(value))
            for name, value in values.items()
        }
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


def set_cells(path: Path, changes: Mapping[str, object]) -> None:
    """Change the cells behind defined names (``None`` empties a cell, formula included)."""
    workbook = openpyxl.load_workbook(path)
    for name, value in changes.items():
        cell = name_cell(workbook, name)
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
