"""A scoring run as the ``scores.xlsx`` workbook (``score --out``): totals, criteria, problems."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from thidua_cli.files import write_atomically
from thidua_cli.messages import Messages
from thidua_cli.numbers import cell_number, hundredths
from thidua_cli.reports.streamed_xlsx import write_streamed
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import Scores
from thidua_cli.scoring.results import Results, WorkbookResult
from thidua_cli.text import clean_text

if TYPE_CHECKING:  # openpyxl does not export the write-only sheet's class
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# --- scores.xlsx ------------------------------------------------------------------------

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")

Row = list[Cell | Decimal | int | None]


def write_scores_xlsx(path: Path, results: Results, rubric: Rubric, m: Messages) -> None:
    """The same report as a workbook (atomically): totals, every criterion, every problem.

    Written row by row (openpyxl's write-only mode) with one pass over ``results`` per
    sheet, so thousands of workbooks take no more memory than a few.
    """

    def fill(workbook: Workbook) -> None:
        _summary_sheet(workbook.create_sheet(m("score.xlsx.sheet.scores")), results, rubric, m)
        _criteria_sheet(workbook.create_sheet(m("score.xlsx.sheet.criteria")), results, rubric, m)
        _problems_sheet(workbook.create_sheet(m("score.xlsx.sheet.problems")), results, m)

    write_streamed(path, fill, write_atomically)


def _text(ws: WriteOnlyWorksheet, text: object, **style: Any) -> Cell | None:
    """Anything from a user or a file name: cleaned, and always text, never a formula."""
    if text is None:
        return None
    cell = WriteOnlyCell(ws, clean_text(str(text), multiline=True))
    cell.data_type = "s"
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _number(value: Decimal | int | None) -> Decimal | int | None:
    return cell_number(hundredths(value)) if isinstance(value, Decimal) else value


def _header(ws: WriteOnlyWorksheet, row: int, titles: Sequence[str], widths: Sequence[int]) -> Row:
    """The cells of the header (at ``row``); sets the column widths and freezes down to it."""
    ws.freeze_panes = f"A{row + 1}"
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    return [_text(ws, title, font=_BOLD, alignment=_WRAP) for title in titles]


def _summary_sheet(ws: WriteOnlyWorksheet, results: Results, rubric: Rubric, m: Messages) -> None:
    sections = [s.code for s in rubric.sections]
    titles = [
        m("score.col.file"),
        m("score.xlsx.col.unit_id"),
        m("score.xlsx.col.unit_name"),
        m("score.xlsx.col.cluster"),
        m("score.xlsx.col.year"),
        m("score.xlsx.col.period"),
        m("score.col.status"),
        *(m("score.xlsx.col.self_section", code=c) for c in sections),
        m("score.xlsx.col.self_total"),
        *(m("score.xlsx.col.cluster_section", code=c) for c in sections),
        m("score.xlsx.col.cluster_total"),
        m("score.xlsx.col.errors"),
        m("score.xlsx.col.warnings"),
    ]
    widths = [28, 12, 36, 10, 7, 8, 18] + [11] * (2 * len(sections) + 2) + [8, 10]
    header = _header(ws, 4, titles, widths)
    ws.append([_text(ws, m("score.xlsx.title"), font=_TITLE)])
    rubric_line = m(
        "score.xlsx.rubric", id=rubric.id, declared=rubric.meta.declared_total, max=rubric.max_total
    )
    ws.append([_text(ws, rubric_line)])
    ws.append([])
    ws.append(header)
    for result in results:
        identity = result.identity
        row: Row = [_text(ws, result.file)]
        if identity is None:
            row += [None] * 5
        else:
            row += [_text(ws, v) for v in (identity.unit_id, identity.unit_name, identity.cluster)]
            row += [identity.year, _text(ws, m(f"score.period.{identity.period}"))]
        row.append(_text(ws, status_text(result, m)))
        for side in Side:
            scores = result.scores.get(side) or Scores()
            row += [_number(scores.sections.get(code)) for code in sections]
            row.append(_number(scores.total))
        errors = sum(p.is_error for p in result.problems)
        row += [errors, len(result.problems) - errors]
        ws.append(row)


def _criteria_sheet(ws: WriteOnlyWorksheet, results: Results, rubric: Rubric, m: Messages) -> None:
    codes = [c.code for c in rubric.walk()]
    titles = [m("score.col.file"), m("score.xlsx.col.unit_id"), m("score.xlsx.col.side"), *codes]
    header = _header(ws, 1, titles, [28, 12, 10] + [8] * len(codes))
    ws.append(header)
    for result in results:
        for side in Side:
            scores = result.scores.get(side) or Scores()
            row: Row = [
                _text(ws, result.file),
                _text(ws, result.unit_id),
                _text(ws, m(f"score.side.{side.json_key}")),
            ]
            row += [_number(scores.criteria.get(code)) for code in codes]
            ws.append(row)


def _problems_sheet(ws: WriteOnlyWorksheet, results: Results, m: Messages) -> None:
    titles = [
        m("score.col.file"),
        m("score.xlsx.col.unit_id"),
        m("score.xlsx.col.code"),
        m("score.xlsx.col.severity"),
        m("score.xlsx.col.sheet"),
        m("score.xlsx.col.cell"),
        m("score.xlsx.col.criterion"),
        m("score.xlsx.col.message"),
    ]
    header = _header(ws, 1, titles, [28, 12, 18, 10, 10, 7, 9, 90])
    ws.append(header)
    for result in results:
        for problem in result.problems:
            values = (
                result.file,
                result.unit_id,
                problem.code,
                m(f"severity.{problem.severity.value}"),
                problem.sheet,
                problem.cell,
                problem.criterion,
            )
            row: Row = [_text(ws, v) for v in values]
            row.append(_text(ws, m.finding(problem), alignment=_WRAP))
            ws.append(row)


def status_text(result: WorkbookResult, m: Messages) -> str:
    if not result.ok:
        return m("score.status.errors")
    if not result.complete(Side.CLUSTER):
        return m("score.status.cluster-incomplete")
    return m("score.status.ok")
