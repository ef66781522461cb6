"""One unit's form as an Excel workbook: the official, printable, protected, live sheet.

Every position comes from ``layout``, every formula from ``formulas`` (the rubric's own,
through the formula engine), so the printed form computes what ``score`` computes.
``write_form`` builds one workbook; ``template.FormTemplates`` builds it once per rubric,
year, period and header size and stamps each unit's identity into a copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection

from thidua_cli.files import write_atomically
from thidua_cli.form.data_validation import label_lists
from thidua_cli.form.formulas import expected_formulas
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import COLUMN_WIDTHS, IDENTITY_SHEET, SUMMARY_SHEET, Col, Layout
from thidua_cli.form.sheets import (
    HeaderLines,
    RawValues,
    header_lines,
    identity_sheet,
    section_sheet,
    summary_sheet,
    title_lines,
)
from thidua_cli.form.styles import width
from thidua_cli.text import clean_text


def clean_identity(identity: Identity) -> Identity:
    """The identity with its user texts cleaned, as they are written to the workbook."""
    return identity.model_copy(
        update={
            "unit_name": clean_text(identity.unit_name),
            "cluster_name": clean_text(identity.cluster_name),
        }
    )


def build_workbook(
    layout: Layout,
    identity: Identity,
    values: RawValues | None = None,
    results: Mapping[str, str] | None = None,
    lines: HeaderLines | None = None,
) -> Workbook:
    """The whole form in memory; ``lines`` overrides the header sizes (templates)."""
    identity = clean_identity(identity)
    lines = lines or header_lines(identity, width(COLUMN_WIDTHS, Col.CODE, Col.RESULT))
    lists = label_lists(layout)
    formulas = expected_formulas(layout)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "thidua"
    wb.properties.title = title_lines(identity)[0]
    # No password: keeps the identity sheet hidden and the sheets in place against accidents.
    wb.security = WorkbookProtection(lockStructure=True)
    values, results = values or {}, results or {}
    for sheet in layout.sheets:
        ws = wb.create_sheet(sheet.title)
        section_sheet(ws, layout, sheet, identity, lines, values, results, lists, formulas)
    summary_sheet(wb.create_sheet(SUMMARY_SHEET), layout, identity, lines, formulas)
    identity_sheet(wb.create_sheet(IDENTITY_SHEET), identity, lists)
    for name, cell in layout.defined_names().items():
        wb.defined_names.add(DefinedName(name, attr_text=cell.qualified))
    for key, value in identity.properties().items():
        wb.custom_doc_props.append(StringProperty(name=key, value=value))
    return wb


def write_form(
    path: Path,
    layout: Layout,
    identity: Identity,
    values: RawValues | None = None,
    results: Mapping[str, str] | None = None,
) -> None:
    """Write one form atomically; ``values`` pre-fills inputs exactly as given (tests, samples),
    ``results`` the "Kết quả thực hiện" text per criterion code. Formula cells carry formulas
    only (no cached values)."""
    workbook = build_workbook(layout, identity, values, results)
    write_atomically(path, workbook.save)
