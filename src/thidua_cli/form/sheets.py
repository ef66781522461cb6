"""The form's sheets: one per section, the summary with its signature block, the identity."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from msgspec import Struct
from openpyxl.styles import Alignment, Border, Font
from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli.findings import Exact
from thidua_cli.form.data_validation import add_validations
from thidua_cli.form.formulas import PERCENT_FORMAT
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import (
    COLUMN_WIDTHS,
    IDENTITY_KEY_COL,
    IDENTITY_VALUE_COL,
    LIST_COL,
    SUMMARY_COLUMN_WIDTHS,
    Cell,
    Col,
    HeaderRow,
    Layout,
    SectionSheet,
    SummaryCol,
)
from thidua_cli.form.page import page_setup, protect
from thidua_cli.form.styles import (
    BOLD,
    BORDER,
    CENTER,
    CENTER_TOP,
    CLUSTER_FILL,
    FONT,
    FONT_NAME,
    GROUP_FILL,
    HEADER_FILL,
    HEADER_FONT,
    ITALIC,
    LINE_HEIGHT,
    SELF_FILL,
    THIN,
    TITLE_FONT,
    UNIT_FONT,
    UNLOCKED,
    WRAP_TOP,
    fitting_height,
    form_text,
    put_text,
    width,
    wrapped_lines,
)
from thidua_cli.numbers import cell_number
from thidua_cli.rubric.deadlines import deadline_text
from thidua_cli.rubric.model import InputKind, Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.text import clean_text

# side -> criterion code -> input name -> raw cell value (int, float, str, Decimal, bool,
# datetime or None), written exactly as given.
RawValues = Mapping[Side, Mapping[str, Mapping[str, object]]]


class HeaderLines(Struct, frozen=True):
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


def title_lines(identity: Identity) -> tuple[str, str]:
    """The form's title and its period line, which gives the period's deadline (guidance I.3.3,
    I.3.4: half-year review before 30 July, year end before 20 January of the next year)."""
    kind = "half" if identity.period == "half" else "year"
    due = deadline_text(identity.year, identity.period)
    return (
        form_text(f"form.title.{kind}", year=identity.year),
        form_text(f"form.period.{kind}", year=identity.year, deadline=due),
    )


def agreement_line(rubric: Rubric) -> str | None:
    """A cluster's own rubric: who agreed to it and when (guidance IV.2), printed on the form."""
    agreement = rubric.meta.agreement
    if agreement is None:
        return None
    document = (
        form_text("form.agreement.document", document=clean_text(agreement.document))
        if agreement.document
        else ""
    )
    return form_text(
        "form.agreement",
        title=clean_text(rubric.meta.title),
        by=clean_text(agreement.by),
        date=agreement.date.strftime("%d/%m/%Y"),
        document=document,
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
    _merge_text(ws, HeaderRow.ISSUER, *right, form_text("paper.nation"), BOLD)
    _merge_text(
        ws, HeaderRow.UNIT, *left, clean_text(identity.unit_name).upper(), UNIT_FONT, user=True
    )
    _merge_text(
        ws,
        HeaderRow.UNIT,
        *right,
        form_text("paper.motto"),
        Font(name=FONT_NAME, size=11, bold=True, underline="single"),
    )
    if identity.cluster_name:
        _merge_text(
            ws, HeaderRow.CLUSTER, *left, clean_text(identity.cluster_name), ITALIC, user=True
        )
    title, period = title_lines(identity)
    _merge_text(ws, HeaderRow.TITLE, 1, last, title, TITLE_FONT)
    _merge_text(ws, HeaderRow.PERIOD, 1, last, period, ITALIC)
    _merge_text(ws, HeaderRow.HEADING, 1, last, heading, BOLD)
    ws.row_dimensions[HeaderRow.UNIT].height = LINE_HEIGHT * 1.1 * lines.unit + 3
    ws.row_dimensions[HeaderRow.CLUSTER].height = LINE_HEIGHT * lines.cluster + 3
    ws.row_dimensions[HeaderRow.TITLE].height = 26
    heading_lines = wrapped_lines(heading, width(widths, 1, last))
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
            lines[0] = max(lines[0], (wrapped_lines(text, width(widths, first, last)) + 1) // 2)
        else:
            ws.merge_cells(start_row=row1, start_column=first, end_row=row1, end_column=last)
            lines[0] = max(lines[0], wrapped_lines(text, width(widths, first, last)))
    for column, text in bottom:
        ws.cell(row=row2, column=column).value = text
        lines[1] = max(lines[1], wrapped_lines(text, widths[column]))
    ws.row_dimensions[row1].height = LINE_HEIGHT * lines[0] + 4
    ws.row_dimensions[row2].height = LINE_HEIGHT * lines[1] + 4


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


# Columns a criterion with several inputs shows once, in its first row, over all its rows.
_SPANNING = (
    Col.CODE,
    Col.TITLE,
    Col.RESULT,
    Col.MAX,
    Col.SELF_POINTS,
    Col.CLUSTER_POINTS,
    Col.REMARKS,
)


def _join_rows(ws: Worksheet, first: int, last: int) -> None:
    """A criterion with several inputs (one row each) drawn as one block: no line between its
    rows except under each input. Not merged cells: no application grows a row that shares a
    merged cell, and the text typed in «Kết quả thực hiện» would be cut off."""
    for column in _SPANNING:
        for row in range(first, last + 1):
            ws.cell(row=row, column=column).border = Border(
                left=THIN,
                right=THIN,
                top=THIN if row == first else None,
                bottom=THIN if row == last else None,
            )


def section_sheet(
    ws: Worksheet,
    layout: Layout,
    sheet: SectionSheet,
    identity: Identity,
    lines: HeaderLines,
    values: RawValues,
    results: Mapping[str, str],
    lists: Mapping[tuple[str, ...], str],
    formulas: Mapping[Cell, str],
) -> None:
    widths = COLUMN_WIDTHS
    section = sheet.section
    heading = form_text(
        "form.heading.section",
        code=section.code,
        title=section.title.upper(),
        max=Exact(section.max),
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
        ws.cell(row=first, column=Col.MAX, value=cell_number(criterion.max))
        for column in (Col.RESULT, Col.REMARKS):
            ws.cell(row=first, column=column).protection = UNLOCKED
        if criterion.code in results:
            put_text(ws, first, Col.RESULT, clean_text(results[criterion.code], multiline=True))
        for side in Side:
            _put_formula(ws, formulas, layout.points_cell(side, criterion.code))
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
                if inp.spec.kind is InputKind.PERCENT:
                    cell.number_format = PERCENT_FORMAT  # 80 % typed is stored as 0.8
                raw = values.get(side, {}).get(criterion.code, {}).get(inp.spec.name)
                if raw is not None:
                    cell.value = raw
                    if isinstance(raw, str):
                        cell.data_type = "s"
        if last > first:
            _join_rows(ws, first, last)
        title_lines = wrapped_lines(criterion.title, widths[Col.TITLE] - 1.2 * rows.depth)
        result = results.get(criterion.code, "")
        text_lines = max(title_lines, wrapped_lines(result, widths[Col.RESULT]) if result else 1)
        # Every row grows: Excel as the clerk types a long «Kết quả thực hiện», LibreOffice when
        # it opens the file; until then the height estimated from the text shows it whole.
        for offset, row in enumerate(range(first, last + 1)):
            own = label_lines[offset] if offset < len(label_lines) else 1
            tall = max(own, text_lines) if offset == 0 else own
            fitting_height(ws, row, LINE_HEIGHT * tall + 4)
    total = sheet.total_row
    _style_row(ws, total, True)
    ws.cell(row=total, column=Col.TITLE, value=form_text("form.section_total", code=section.code))
    ws.cell(row=total, column=Col.MAX, value=cell_number(section.max))
    for side in Side:
        _put_formula(ws, formulas, layout.section_cell(side, section.code))
    fitting_height(ws, total, LINE_HEIGHT + 6)
    add_validations(ws, layout, sheet, lists)
    page_setup(ws, widths)
    protect(ws)


def _put_formula(ws: Worksheet, formulas: Mapping[Cell, str], cell: Cell) -> None:
    """A computed cell: where the layout puts it, the formula the scorer expects there."""
    ws.cell(row=cell.row, column=cell.column, value=formulas[cell])


def summary_sheet(
    ws: Worksheet,
    layout: Layout,
    identity: Identity,
    lines: HeaderLines,
    formulas: Mapping[Cell, str],
) -> None:
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
    rows: list[tuple[int, str, str, Decimal, dict[Side, Cell]]] = []
    for section in rubric.sections:
        text = form_text("paper.section", code=section.code, title=section.title)
        refs = {side: layout.summary_cell(side, section.code) for side in Side}
        rows.append((layout.summary_rows[section.code], section.code, text, section.max, refs))
    totals = {side: layout.total_cell(side) for side in Side}
    rows.append((layout.total_row, "", form_text("form.grand_total"), rubric.max_total, totals))
    for row, code, text, maximum, computed in rows:
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
        ws.cell(row=row, column=C.MAX, value=cell_number(maximum))
        for side in Side:
            _put_formula(ws, formulas, computed[side])
        fitting_height(ws, row, LINE_HEIGHT * wrapped_lines(text, widths[C.TITLE]) + 6)
    agreement = agreement_line(rubric)
    if layout.agreement_row is not None and agreement is not None:
        row = layout.agreement_row
        put_text(ws, row, C.CODE, agreement)
        ws.cell(row=row, column=C.CODE).font = ITALIC
        ws.cell(row=row, column=C.CODE).alignment = WRAP_TOP
        ws.merge_cells(start_row=row, start_column=C.CODE, end_row=row, end_column=C.CLUSTER)
        fitting_height(
            ws, row, LINE_HEIGHT * wrapped_lines(agreement, width(widths, C.CODE, C.CLUSTER)) + 4
        )
    _signatures(ws, layout.signature_row)
    page_setup(ws, widths)
    protect(ws)


SIGNING_SPACE = 60.0  # points between a signer's title and name: room to sign and to seal


def _signatures(ws: Worksheet, date_row: int) -> None:
    """Under the totals: the date line, the cluster's scoring team beside the unit's head
    (each signs what they scored), room to sign, their names; the preparer's line below."""
    C = SummaryCol
    left, right = (C.CODE, C.TITLE), (C.MAX, C.CLUSTER)
    _merge_text(ws, date_row, *right, form_text("form.date_line"), ITALIC)
    blocks = (
        (left, "paper.signer.scoring_team", "paper.hint.name"),
        (right, "paper.signer.unit_head", "form.signer_hint"),
    )
    for columns, title, hint in blocks:
        _merge_text(ws, date_row + 1, *columns, form_text(title), BOLD)
        _merge_text(ws, date_row + 2, *columns, form_text(hint), ITALIC)
        _merge_text(ws, date_row + 4, *columns, form_text("form.name_line"), FONT)
    ws.row_dimensions[date_row + 3].height = SIGNING_SPACE
    preparer = ws.cell(row=date_row + 6, column=C.CODE, value=form_text("form.preparer_line"))
    preparer.font = ITALIC
    ws.merge_cells(
        start_row=date_row + 6, start_column=C.CODE, end_row=date_row + 6, end_column=C.CLUSTER
    )


def identity_sheet(ws: Worksheet, identity: Identity, lists: Mapping[tuple[str, ...], str]) -> None:
    for row, (key, value) in enumerate(identity.properties().items(), start=1):
        put_text(ws, row, IDENTITY_KEY_COL, key)
        put_text(ws, row, IDENTITY_VALUE_COL, value)
    for index, labels in enumerate(lists):
        for row, label in enumerate(labels, start=1):
            put_text(ws, row, LIST_COL + index, label)
    ws.sheet_state = "hidden"
    protect(ws)
