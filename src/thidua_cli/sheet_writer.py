"""One unit's form as an Excel workbook: the official, printable, protected, live sheet.

Every position comes from ``layout``; every points formula from the rubric's formula engine
(``Criterion.excel_formula``), so the form computes exactly what ``compute_scores`` computes:
leaves by their formula, groups and sections as capped sums, the total as the sum of the
sections. ``write_form`` builds one workbook; ``FormTemplates`` builds it once per rubric,
year, period and header size and stamps each unit's identity into a copy (init-sheet's
fast path, see ``init_sheets``).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
from openpyxl.styles import Side as Line
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli.atomic import write_atomically
from thidua_cli.identity import Identity
from thidua_cli.layout import (
    COLUMN_WIDTHS,
    FIRST_BODY_ROW,
    IDENTITY_KEY_COL,
    IDENTITY_SHEET,
    IDENTITY_VALUE_COL,
    LIST_COL,
    SUMMARY_COLUMN_WIDTHS,
    SUMMARY_SHEET,
    Col,
    HeaderRow,
    Layout,
    SectionSheet,
    Side,
    SummaryCol,
)
from thidua_cli.messages import CATALOG
from thidua_cli.rubric import Criterion, InputKind, InputSpec

# side -> criterion code -> input name -> raw cell value (int, float, str, Decimal, bool,
# datetime or None), written exactly as given.
RawValues = Mapping[Side, Mapping[str, Mapping[str, object]]]

FONT_NAME = "Times New Roman"
LINE_HEIGHT = 14.0  # points per line of 11 pt Times New Roman with Vietnamese diacritics
CHARS_PER_WIDTH = 1.2  # Times New Roman characters per column-width unit (Calibri digits)


def form_text(key: str, **params: Any) -> str:
    """A text printed on the form: always Vietnamese, whatever the console language."""
    template = CATALOG[key][0]
    return template.format(**params) if params else template


# --- user text ----------------------------------------------------------------------------

_DROP = frozenset({"Cc", "Cs", "Cn", "Co"})  # controls, surrogates, unassigned, private use


def clean_text(text: str, *, multiline: bool = False) -> str:
    """User text made safe for a cell: NFC, no control characters; one line unless asked."""
    text = unicodedata.normalize("NFC", text)
    if multiline:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(clean_text(line) for line in lines).strip()
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in _DROP
    )
    return " ".join(kept.split())


def put_text(ws: Worksheet, row: int, column: int, text: str) -> None:
    """Write text that must stay text (never a formula, even when it starts with '=')."""
    cell = ws.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"


# --- styles (created once; openpyxl interns them per workbook) ----------------------------

_THIN = Line(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = Font(name=FONT_NAME, size=11)
BOLD = Font(name=FONT_NAME, size=11, bold=True)
ITALIC = Font(name=FONT_NAME, size=11, italic=True)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
UNIT_FONT = Font(name=FONT_NAME, size=12, bold=True, underline="single")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
CENTER_TOP = Alignment(wrap_text=True, horizontal="center", vertical="top")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
SELF_FILL = PatternFill("solid", fgColor="FFF5CC")
CLUSTER_FILL = PatternFill("solid", fgColor="E2EEFA")
UNLOCKED = Protection(locked=False)
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.55, "bottom": 0.6, "header": 0.25, "footer": 0.3}


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` units wide (greedy words)."""
    capacity = max(1, int(width * CHARS_PER_WIDTH) - 1)
    lines = 0
    for paragraph in text.split("\n"):
        used, count = 0, 1
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= capacity:
                used = need
            else:
                count += 1 + (len(word) - 1) // capacity
                used = len(word) % capacity or capacity
        lines += count
    return max(1, lines)


class _FittingRow(RowDimension):  # type: ignore[misc]
    """A row height written without ``customHeight``: a starting height that Excel grows when
    the clerk types a long result, and LibreOffice recomputes on opening."""

    @property
    def customHeight(self) -> bool:
        return False


def fitting_height(ws: Worksheet, row: int, height: float) -> None:
    ws.row_dimensions[row] = _FittingRow(ws, index=row, ht=height)


def _width(widths: Mapping[int, float], first: int, last: int) -> float:
    return sum(widths[c] for c in range(first, last + 1))


def _number(value: Decimal) -> int | Decimal:
    return int(value) if value == value.to_integral_value() else value.normalize()


def _excel_number(value: Decimal) -> str:
    return (
        format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    )


# --- formulas: the rubric's, placed by the layout -------------------------------------------


def points_formula(layout: Layout, side: Side, criterion: Criterion) -> str:
    """A leaf's formula from the formula engine; a group's capped sum of its children."""
    if criterion.is_group:
        parts = "+".join(layout.points_cell(side, c.code).absolute for c in criterion.children)
        return f"=MIN({_excel_number(criterion.max)},{parts})"
    refs = {
        spec.name: layout.input_cell(side, criterion.code, spec.name).absolute
        for spec in criterion.inputs
    }
    return criterion.excel_formula(refs)


def section_formula(layout: Layout, side: Side, sheet: SectionSheet) -> str:
    parts = "+".join(layout.points_cell(side, c.code).absolute for c in sheet.section.criteria)
    return f"=MIN({_excel_number(sheet.section.max)},{parts})"


def total_formula(layout: Layout, side: Side) -> str:
    return "=" + "+".join(
        layout.summary_cell(side, s.code).absolute for s in layout.rubric.sections
    )


# --- input help: dropdowns and numeric validation -----------------------------------------


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
        top = _excel_number(criterion.max)
        return DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=top,
            promptTitle=form_text("form.dv.points.title"),
            prompt=form_text("form.dv.points.prompt", max=top),
            error=form_text("form.dv.points.error", max=top),
            **common,
        )
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
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


def _add_validations(
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


# --- the sheets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderLines:
    """Lines the unit's and the cluster's names take in the header (sets those rows' heights)."""

    unit: int
    cluster: int


def header_lines(identity: Identity, left_width: float) -> HeaderLines:
    unit = wrapped_lines(clean_text(identity.unit_name).upper(), left_width / 1.15)  # bold 12 pt
    cluster = wrapped_lines(clean_text(identity.cluster_name), left_width)
    return HeaderLines(unit, cluster)


def _merge_text(
    ws: Worksheet, row: int, first: int, last: int, text: str, font: Font, *, user: bool = False
) -> None:
    cell = ws.cell(row=row, column=first)
    if user:
        put_text(ws, row, first, text)
    else:
        cell.value = text
    cell.font = font
    cell.alignment = CENTER
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _title(identity: Identity) -> tuple[str, str]:
    kind = "half" if identity.period == "half" else "year"
    return form_text(f"form.title.{kind}", year=identity.year), form_text(
        f"form.period.{kind}", year=identity.year
    )


def _page_header(
    ws: Worksheet,
    layout: Layout,
    identity: Identity,
    heading: str,
    widths: Mapping[int, float],
    left: tuple[int, int],
    right: tuple[int, int],
    lines: HeaderLines,
) -> None:
    last = max(widths)
    issuer = clean_text(layout.rubric.meta.issuer).upper()
    _merge_text(ws, HeaderRow.ISSUER, *left, issuer, FONT)
    _merge_text(ws, HeaderRow.ISSUER, *right, form_text("form.motto"), BOLD)
    _merge_text(
        ws, HeaderRow.UNIT, *left, clean_text(identity.unit_name).upper(), UNIT_FONT, user=True
    )
    _merge_text(
        ws,
        HeaderRow.UNIT,
        *right,
        form_text("form.motto2"),
        Font(name=FONT_NAME, size=11, bold=True, underline="single"),
    )
    if identity.cluster_name:
        _merge_text(
            ws, HeaderRow.CLUSTER, *left, clean_text(identity.cluster_name), ITALIC, user=True
        )
    title, period = _title(identity)
    _merge_text(ws, HeaderRow.TITLE, 1, last, title, TITLE_FONT)
    _merge_text(ws, HeaderRow.PERIOD, 1, last, period, ITALIC)
    _merge_text(ws, HeaderRow.HEADING, 1, last, heading, BOLD)
    ws.row_dimensions[HeaderRow.UNIT].height = LINE_HEIGHT * 1.1 * lines.unit + 3
    ws.row_dimensions[HeaderRow.CLUSTER].height = LINE_HEIGHT * lines.cluster + 3
    ws.row_dimensions[HeaderRow.TITLE].height = 26
    heading_lines = wrapped_lines(heading, _width(widths, 1, last))
    ws.row_dimensions[HeaderRow.HEADING].height = LINE_HEIGHT * heading_lines + 6


def _table_header(
    ws: Worksheet,
    top: tuple[tuple[int, int, str], ...],
    bottom: tuple[tuple[int, str], ...],
    widths: Mapping[int, float],
) -> None:
    """Two header rows: ``top`` spans (first, last, text); ``bottom`` fills row 2 under spans."""
    row1, row2 = HeaderRow.TABLE, HeaderRow.TABLE + 1
    for column in widths:
        for row in (row1, row2):
            cell = ws.cell(row=row, column=column)
            cell.border = BORDER
            cell.font = HEADER_FONT
            cell.alignment = CENTER
            cell.fill = HEADER_FILL
    below = {c for c, _ in bottom}
    lines = [1, 1]
    for first, last, text in top:
        ws.cell(row=row1, column=first).value = text
        if first not in below:
            ws.merge_cells(start_row=row1, start_column=first, end_row=row2, end_column=last)
            lines[0] = max(lines[0], (wrapped_lines(text, _width(widths, first, last)) + 1) // 2)
        else:
            ws.merge_cells(start_row=row1, start_column=first, end_row=row1, end_column=last)
            lines[0] = max(lines[0], wrapped_lines(text, _width(widths, first, last)))
    for column, text in bottom:
        ws.cell(row=row2, column=column).value = text
        lines[1] = max(lines[1], wrapped_lines(text, widths[column]))
    ws.row_dimensions[row1].height = LINE_HEIGHT * lines[0] + 4
    ws.row_dimensions[row2].height = LINE_HEIGHT * lines[1] + 4


def _page_setup(ws: Worksheet, widths: Mapping[int, float]) -> None:
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.oddFooter.center.text = form_text("form.footer")
    ws.oddFooter.center.font = f"{FONT_NAME},Regular"
    ws.oddFooter.center.size = 9
    ws.print_title_rows = f"{HeaderRow.TABLE}:{HeaderRow.TABLE + 1}"
    ws.freeze_panes = ws.cell(row=FIRST_BODY_ROW, column=1).coordinate


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True  # no password: a guard against accidents, not a lock
    ws.protection.formatRows = False  # clerks may still make rows taller for long results
    ws.protection.formatColumns = False


def _style_row(ws: Worksheet, row: int, group: bool) -> None:
    for column in range(1, Col.COUNT + 1):
        cell = ws.cell(row=row, column=column)
        cell.border = BORDER
        cell.font = BOLD if group else FONT
        cell.alignment = (
            CENTER_TOP if column not in (Col.TITLE, Col.RESULT, Col.REMARKS) else WRAP_TOP
        )
        if group:
            cell.fill = GROUP_FILL


def _section_sheet(
    ws: Worksheet,
    layout: Layout,
    sheet: SectionSheet,
    identity: Identity,
    lines: HeaderLines,
    values: RawValues,
    results: Mapping[str, str],
    lists: Mapping[tuple[str, ...], str],
) -> None:
    widths = COLUMN_WIDTHS
    section = sheet.section
    heading = form_text(
        "form.heading.section",
        code=section.code,
        title=section.title.upper(),
        max=_excel_number(section.max),
    )
    _page_header(
        ws,
        layout,
        identity,
        heading,
        widths,
        (Col.CODE, Col.RESULT),
        (Col.INPUT_LABEL, Col.REMARKS),
        lines,
    )
    _table_header(
        ws,
        top=(
            (Col.CODE, Col.CODE, form_text("form.col.code")),
            (Col.TITLE, Col.TITLE, form_text("form.col.title")),
            (Col.RESULT, Col.RESULT, form_text("form.col.result")),
            (Col.MAX, Col.MAX, form_text("form.col.max")),
            (Col.INPUT_LABEL, Col.INPUT_LABEL, form_text("form.col.input_label")),
            (Col.SELF_INPUT, Col.SELF_POINTS, form_text("form.col.self_group")),
            (Col.CLUSTER_INPUT, Col.CLUSTER_POINTS, form_text("form.col.cluster_group")),
            (Col.REMARKS, Col.REMARKS, form_text("form.col.remarks")),
        ),
        bottom=(
            (Col.SELF_INPUT, form_text("form.col.self_input")),
            (Col.SELF_POINTS, form_text("form.col.self_points")),
            (Col.CLUSTER_INPUT, form_text("form.col.cluster_input")),
            (Col.CLUSTER_POINTS, form_text("form.col.cluster_points")),
        ),
        widths=widths,
    )
    for rows in sheet.rows:
        criterion = rows.criterion
        first, last = rows.first_row, rows.last_row
        group = criterion.is_group
        for row in range(first, last + 1):
            _style_row(ws, row, group)
        put_text(ws, first, Col.CODE, criterion.code)
        title = ws.cell(row=first, column=Col.TITLE, value=criterion.title)
        title.alignment = Alignment(wrap_text=True, vertical="top", indent=rows.depth)
        ws.cell(row=first, column=Col.MAX, value=_number(criterion.max))
        for column in (Col.RESULT, Col.REMARKS):
            ws.cell(row=first, column=column).protection = UNLOCKED
        if criterion.code in results:
            put_text(ws, first, Col.RESULT, clean_text(results[criterion.code], multiline=True))
        for side in Side:
            ws.cell(
                row=first, column=Col.points(side), value=points_formula(layout, side, criterion)
            )
        label_lines = []
        for inp in rows.inputs:
            label = ws.cell(
                row=inp.row, column=Col.INPUT_LABEL, value=inp.spec.label or inp.spec.name
            )
            label.alignment = WRAP_TOP
            label_lines.append(
                wrapped_lines(inp.spec.label or inp.spec.name, widths[Col.INPUT_LABEL])
            )
            for side in Side:
                cell = ws.cell(row=inp.row, column=Col.input(side))
                cell.protection = UNLOCKED
                cell.fill = SELF_FILL if side is Side.SELF else CLUSTER_FILL
                raw = values.get(side, {}).get(criterion.code, {}).get(inp.spec.name)
                if raw is not None:
                    cell.value = raw
                    if isinstance(raw, str):
                        cell.data_type = "s"
        if last > first:
            for column in (
                Col.CODE,
                Col.TITLE,
                Col.RESULT,
                Col.MAX,
                Col.SELF_POINTS,
                Col.CLUSTER_POINTS,
                Col.REMARKS,
            ):
                ws.merge_cells(
                    start_row=first, start_column=column, end_row=last, end_column=column
                )
        title_lines = wrapped_lines(criterion.title, widths[Col.TITLE] - 1.2 * rows.depth)
        result = results.get(criterion.code, "")
        text_lines = max(title_lines, wrapped_lines(result, widths[Col.RESULT]) if result else 1)
        if first == last:
            own = label_lines[0] if label_lines else 1
            fitting_height(ws, first, LINE_HEIGHT * max(own, text_lines) + 4)
            continue
        # Rows sharing merged cells: no application grows them, so they keep a fixed height.
        spread = math.ceil(text_lines / (last - first + 1))
        for offset, row in enumerate(range(first, last + 1)):
            own = label_lines[offset] if offset < len(label_lines) else 1
            ws.row_dimensions[row].height = LINE_HEIGHT * max(own, spread) + 4
    total = sheet.total_row
    _style_row(ws, total, True)
    ws.cell(row=total, column=Col.TITLE, value=form_text("form.section_total", code=section.code))
    ws.cell(row=total, column=Col.MAX, value=_number(section.max))
    for side in Side:
        ws.cell(row=total, column=Col.points(side), value=section_formula(layout, side, sheet))
    fitting_height(ws, total, LINE_HEIGHT + 6)
    _add_validations(ws, layout, sheet, lists)
    _page_setup(ws, widths)
    _protect(ws)


def _summary_sheet(ws: Worksheet, layout: Layout, identity: Identity, lines: HeaderLines) -> None:
    widths = SUMMARY_COLUMN_WIDTHS
    C = SummaryCol
    _page_header(
        ws,
        layout,
        identity,
        form_text("form.heading.summary"),
        widths,
        (C.CODE, C.TITLE),
        (C.MAX, C.CLUSTER),
        lines,
    )
    _table_header(
        ws,
        top=(
            (C.CODE, C.CODE, form_text("form.col.code")),
            (C.TITLE, C.TITLE, form_text("form.col.title")),
            (C.MAX, C.MAX, form_text("form.col.max")),
            (C.SELF, C.SELF, form_text("form.col.self_points")),
            (C.CLUSTER, C.CLUSTER, form_text("form.col.cluster_points")),
        ),
        bottom=(),
        widths=widths,
    )
    rubric = layout.rubric
    rows: list[tuple[int, str, str, Decimal, dict[Side, str]]] = []
    for section in rubric.sections:
        text = form_text("form.summary.section", code=section.code, title=section.title)
        refs = {side: "=" + layout.section_cell(side, section.code).qualified for side in Side}
        rows.append((layout.summary_rows[section.code], section.code, text, section.max, refs))
    totals = {side: total_formula(layout, side) for side in Side}
    rows.append((layout.total_row, "", form_text("form.grand_total"), rubric.max_total, totals))
    for row, code, text, maximum, formulas in rows:
        is_total = row == layout.total_row
        for column in widths:
            cell = ws.cell(row=row, column=column)
            cell.border = BORDER
            cell.font = BOLD if is_total else FONT
            cell.alignment = WRAP_TOP if column == C.TITLE else CENTER_TOP
            if is_total:
                cell.fill = GROUP_FILL
        put_text(ws, row, C.CODE, code)
        ws.cell(row=row, column=C.TITLE, value=text)
        ws.cell(row=row, column=C.MAX, value=_number(maximum))
        ws.cell(row=row, column=C.SELF, value=formulas[Side.SELF])
        ws.cell(row=row, column=C.CLUSTER, value=formulas[Side.CLUSTER])
        fitting_height(ws, row, LINE_HEIGHT * wrapped_lines(text, widths[C.TITLE]) + 6)
    date_row = layout.signature_row
    _merge_text(ws, date_row, C.MAX, C.CLUSTER, form_text("form.date_line"), ITALIC)
    _merge_text(ws, date_row + 1, C.CODE, C.TITLE, form_text("form.preparer"), BOLD)
    _merge_text(ws, date_row + 1, C.MAX, C.CLUSTER, form_text("form.signer"), BOLD)
    _merge_text(ws, date_row + 2, C.CODE, C.TITLE, form_text("form.preparer_hint"), ITALIC)
    _merge_text(ws, date_row + 2, C.MAX, C.CLUSTER, form_text("form.signer_hint"), ITALIC)
    _page_setup(ws, widths)
    _protect(ws)


def _identity_sheet(
    ws: Worksheet, identity: Identity, lists: Mapping[tuple[str, ...], str]
) -> None:
    for row, (key, value) in enumerate(identity.properties().items(), start=1):
        put_text(ws, row, IDENTITY_KEY_COL, key)
        put_text(ws, row, IDENTITY_VALUE_COL, value)
    for index, labels in enumerate(lists):
        for row, label in enumerate(labels, start=1):
            put_text(ws, row, LIST_COL + index, label)
    ws.sheet_state = "hidden"
    _protect(ws)


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
    lines = lines or header_lines(identity, _width(COLUMN_WIDTHS, Col.CODE, Col.RESULT))
    lists = label_lists(layout)
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "thidua"
    wb.properties.title = _title(identity)[0]
    # No password: keeps the identity sheet hidden and the sheets in place against accidents.
    wb.security = WorkbookProtection(lockStructure=True)
    for sheet in layout.sheets:
        ws = wb.create_sheet(sheet.title)
        _section_sheet(ws, layout, sheet, identity, lines, values or {}, results or {}, lists)
    _summary_sheet(wb.create_sheet(SUMMARY_SHEET), layout, identity, lines)
    _identity_sheet(wb.create_sheet(IDENTITY_SHEET), identity, lists)
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


# --- the fast path: one template, many units ------------------------------------------------

# Placeholders for the per-unit texts: lower case, so their upper-case forms (the unit's name
# is printed in capitals) are distinct tokens too.
_TOKENS = {
    "unit_id": "qqthiduaunitidqq",
    "unit_name": "qqthiduaunitnameqq",
    "cluster": "qqthiduaclusteridqq",
    "cluster_name": "qqthiduaclusternameqq",
}


_PLACEHOLDER = re.compile(
    b"|".join(re.escape(t.encode()) for v in _TOKENS.values() for t in (v, v.upper()))
)


class _Template:
    def __init__(self, layout: Layout, identity: Identity, lines: HeaderLines) -> None:
        placeholder = identity.model_copy(update=_TOKENS)
        buffer = io.BytesIO()
        build_workbook(layout, placeholder, lines=lines).save(buffer)
        tokens = [t.encode() for t in _TOKENS.values()] + [
            t.upper().encode() for t in _TOKENS.values()
        ]
        with zipfile.ZipFile(buffer) as archive:
            # (name, data, whether it holds a placeholder): sheets, shared strings, properties
            self.parts = [
                (info.filename, data, any(token in data for token in tokens))
                for info in archive.infolist()
                for data in (archive.read(info),)
            ]

    def write(self, identity: Identity, handle: IO[bytes]) -> None:
        stamps: dict[bytes, bytes] = {}
        for field, token in _TOKENS.items():
            text = str(getattr(identity, field))
            stamps[token.upper().encode()] = escape(text.upper()).encode()
            stamps[token.encode()] = escape(text).encode()
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as archive:
            for name, data, stamped in self.parts:
                # one pass, so a name that looks like a placeholder is never stamped twice
                part = _PLACEHOLDER.sub(lambda m: stamps[m.group()], data) if stamped else data
                archive.writestr(name, part)


class FormTemplates:
    """Builds the form once per (year, period, header size) and stamps each unit into a copy.

    Produces the same workbook as ``write_form`` without pre-filled values, about 30 times
    faster: only the shared strings and the custom properties differ between units.
    """

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._cache: dict[tuple[str, str, int, str, HeaderLines], _Template] = {}

    def write(self, path: Path, identity: Identity) -> None:
        identity = clean_identity(identity)
        lines = header_lines(identity, _width(COLUMN_WIDTHS, Col.CODE, Col.RESULT))
        key = (identity.rubric_id, identity.rubric_digest, identity.year, identity.period, lines)
        template = self._cache.get(key)
        if template is None:
            template = self._cache[key] = _Template(self.layout, identity, lines)
        write_atomically(path, lambda handle: template.write(identity, handle))

