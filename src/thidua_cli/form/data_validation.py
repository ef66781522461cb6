"""Input help on the form: dropdown lists and numeric validation, with Vietnamese messages.

Long lists live on the hidden identity sheet (an inline list over 255 characters makes Excel
drop the validation, see EXCEL-NOTES).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli.findings import Exact
from thidua_cli.form.layout import IDENTITY_SHEET, LIST_COL, Layout, SectionSheet
from thidua_cli.form.styles import form_text
from thidua_cli.numbers import exact_text
from thidua_cli.rubric.model import Criterion, InputKind, InputSpec
from thidua_cli.rubric.sides import Side


def label_lists(layout: Layout) -> dict[tuple[str, ...], str]:
    """Each distinct dropdown list -> its range on the hidden sheet (inline lists break Excel)."""
    lists: dict[tuple[str, ...], str] = {}
    for criterion in layout.rubric.leaves():
        for spec in criterion.inputs:
            labels = criterion.labels(spec)
            if labels and labels not in lists:
                column = get_column_letter(LIST_COL + len(lists))
                lists[labels] = f"'{IDENTITY_SHEET}'!${column}$1:${column}${len(labels)}"
    return lists


def _limit(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _validation(
    criterion: Criterion, spec: InputSpec, lists: Mapping[tuple[str, ...], str]
) -> DataValidation:
    common: dict[str, Any] = {
        "allow_blank": True,
        "showErrorMessage": True,
        "showInputMessage": True,
        "errorStyle": "stop",
        "errorTitle": form_text("form.dv.error_title"),
    }
    labels = criterion.labels(spec)
    if labels:
        shown = ", ".join(labels)
        return DataValidation(
            type="list",
            formula1=lists[labels],
            promptTitle=form_text("form.dv.list.title"),
            prompt=_limit(form_text("form.dv.list.prompt", labels=shown), 250),
            error=_limit(form_text("form.dv.list.error", labels=shown), 220),
            **common,
        )
    if spec.kind is InputKind.COUNT:
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            promptTitle=form_text("form.dv.count.title"),
            prompt=form_text("form.dv.count.prompt"),
            error=form_text("form.dv.count.error"),
            **common,
        )
    if spec.kind is InputKind.POINTS:
        top = exact_text(criterion.max)
        return DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=top,
            promptTitle=form_text("form.dv.points.title"),
            prompt=form_text("form.dv.points.prompt", max=Exact(criterion.max)),
            error=form_text("form.dv.points.error", max=Exact(criterion.max)),
            **common,
        )
    return DataValidation(  # a percent cell: 80 % is stored as 0.8
        type="decimal",
        operator="between",
        formula1="0",
        formula2="1",
        promptTitle=form_text("form.dv.percent.title"),
        prompt=form_text("form.dv.percent.prompt"),
        error=form_text("form.dv.percent.error"),
        **common,
    )


def _validation_key(criterion: Criterion, spec: InputSpec) -> tuple[str, ...]:
    labels = criterion.labels(spec)
    if labels:
        return ("list", *labels)
    if spec.kind is InputKind.POINTS:
        return ("points", str(criterion.max))
    return (spec.kind.value,)


def add_validations(
    ws: Worksheet, layout: Layout, sheet: SectionSheet, lists: Mapping[tuple[str, ...], str]
) -> None:
    grouped: dict[tuple[str, ...], tuple[DataValidation, list[str]]] = {}
    for rows in sheet.rows:
        criterion = rows.criterion
        for inp in rows.inputs:
            key = _validation_key(criterion, inp.spec)
            if key not in grouped:
                grouped[key] = (_validation(criterion, inp.spec, lists), [])
            for side in Side:
                grouped[key][1].append(layout.input_cell(side, criterion.code, inp.spec.name).a1)
    for validation, cells in grouped.values():
        validation.sqref = " ".join(cells)
        ws.add_data_validation(validation)
