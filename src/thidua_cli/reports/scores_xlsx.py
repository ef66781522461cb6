"""A scoring run as the ``scores.xlsx`` workbook (``score --out``): totals, criteria, problems.

Printable as it is: each sheet fits the width of an A4 page (landscape for the totals and the
problems, portrait for the criteria, one row per unit and criterion), its header row repeated
on every page, "Trang x/y" in the footer, wrapped text in rows tall enough to show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, NamedStyle
from openpyxl.styles.borders import DEFAULT_BORDER
from openpyxl.utils import get_column_letter

from thidua_cli.files import write_atomically
from thidua_cli.messages import Messages
from thidua_cli.numbers import cell_number, hundredths
from thidua_cli.reports.print_setup import FONT_NAME, fitting_height, print_setup
from thidua_cli.reports.score_json import status_text
from thidua_cli.reports.streamed_xlsx import write_streamed
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import Scores
from thidua_cli.scoring.results import Results
from thidua_cli.text import clean_text

if TYPE_CHECKING:  # openpyxl does not export the write-only sheet's class
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# --- scores.xlsx ------------------------------------------------------------------------

_FONT = Font(name=FONT_NAME, size=11)
_BOLD = Font(name=FONT_NAME, size=11, bold=True)
_TITLE = Font(name=FONT_NAME, size=14, bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_HEADER = Alignment(wrap_text=True, vertical="center", horizontal="center")
# Cells take these named styles by name (a copy of the style's ids): setting a font and an
# alignment on each cell hashes both, which took a third of the time to write the report.
_TEXT_STYLE = "thidua-van-ban"
_NUMBER_STYLE = "thidua-so"
UNIT_ID_WIDTH = 18  # TTYT-THUONGXUAN, the longest sample id, with room to spare
FILE_WIDTH = 26
FILE_NAME_WIDTH = 22
NAME_WIDTH = 30
MESSAGE_WIDTH = 60

Row = list[Cell | None]


def write_scores_xlsx(path: Path, results: Results, rubric: Rubric, m: Messages) -> None:
    """The same report as a workbook (atomically): totals, every criterion, every problem.

    Written row by row (openpyxl's write-only mode) with one pass over ``results`` per
    sheet, so thousands of workbooks take no more memory than a few.
    """

    def fill(workbook: Workbook) -> None:
        for name, alignment in ((_TEXT_STYLE, _WRAP), (_NUMBER_STYLE, _TOP)):
            style = NamedStyle(name=name, font=_FONT, alignment=alignment, border=DEFAULT_BORDER)
            workbook.add_named_style(style)
        _summary_sheet(workbook.create_sheet(m("score.xlsx.sheet.scores")), results, rubric, m)
        _criteria_sheet(workbook.create_sheet(m("score.xlsx.sheet.criteria")), results, rubric, m)
        _problems_sheet(workbook.create_sheet(m("score.xlsx.sheet.problems")), results, m)

    write_streamed(path, fill, write_atomically, "scores")


def _text(ws: WriteOnlyWorksheet, text: object, **style: Any) -> Cell | None:
    """Anything from a user or a file name: cleaned, and always text, never a formula."""
    if text is None:
        return None
    cell = WriteOnlyCell(ws, clean_text(str(text), multiline=True))
    cell.data_type = "s"
    cell.style = _TEXT_STYLE
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _number(ws: WriteOnlyWorksheet, value: Decimal | int | None) -> Cell | None:
    if value is None:
        return None
    cell = WriteOnlyCell(
        ws, cell_number(hundredths(value)) if isinstance(value, Decimal) else value
    )
    cell.style = _NUMBER_STYLE  # top-aligned: level with the wrapped texts of its row
    return cell


class _Sheet:
    """A write-only sheet with its columns' widths, written row after row."""

    def __init__(
        self,
        ws: WriteOnlyWorksheet,
        m: Messages,
        widths: Sequence[float],
        *,
        header_row: int,
        landscape: bool,
    ) -> None:
        """Widths, frozen panes and printing are set before any row (write-only sheets)."""
        self.ws = ws
        self.widths = widths
        self.row = 0
        for column, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(column)].width = width
        ws.freeze_panes = f"A{header_row + 1}"
        print_setup(ws, m, landscape=landscape, title_rows=f"{header_row}:{header_row}")

    def header(self, titles: Sequence[str]) -> None:
        """The table's header row: bold, wrapped, repeated on every printed page."""
        self.append([_text(self.ws, t, font=_BOLD, alignment=_HEADER) for t in titles], titles)

    def append(self, cells: Row, texts: Sequence[str | None] = ()) -> None:
        """The next row, tall enough for ``texts`` (the row's texts, column by column)."""
        self.row += 1
        fit = [(t, w) for t, w in zip(texts, self.widths, strict=False) if t]
        height = fitting_height(fit)
        if height > fitting_height([]):  # one line: the default height does
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(cells)


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
    widths = [FILE_WIDTH, UNIT_ID_WIDTH, NAME_WIDTH, 10, 6, 7, 16]
    widths += [9] * (2 * len(sections) + 2) + [7, 9]
    sheet = _Sheet(ws, m, widths, header_row=4, landscape=True)
    sheet.append([_text(ws, m("score.xlsx.title"), font=_TITLE, alignment=None)])
    rubric_line = m(
        "score.xlsx.rubric", id=rubric.id, declared=rubric.meta.declared_total, max=rubric.max_total
    )
    sheet.append([_text(ws, rubric_line, alignment=None)])
    sheet.append([])
    sheet.header(titles)
    for result in results:
        identity = result.identity
        texts: list[str | None] = [result.file]
        if identity is None:
            texts += [None] * 5
        else:
            period = m(f"score.period.{identity.period}")
            texts += [identity.unit_id, identity.unit_name, identity.cluster, None, period]
        texts.append(status_text(result, m))
        row: Row = [_text(ws, t) for t in texts]
        if identity is not None:
            row[4] = _number(ws, identity.year)
        for side in Side:
            scores = result.scores.get(side) or Scores()
            row += [_number(ws, scores.sections.get(code)) for code in sections]
            row.append(_number(ws, scores.total))
        row += [_number(ws, result.errors), _number(ws, result.warnings)]
        sheet.append(row, texts)


def _criteria_sheet(ws: WriteOnlyWorksheet, results: Results, rubric: Rubric, m: Messages) -> None:
    """One row per workbook and criterion: both sides' points and their difference."""
    criteria = list(rubric.walk())
    titles = [
        m("score.col.file"),
        m("score.xlsx.col.unit_id"),
        m("score.xlsx.col.criterion"),
        m("score.xlsx.col.max"),
        m("score.side.self"),
        m("score.side.cluster"),
        m("score.xlsx.col.difference"),
    ]
    sheet = _Sheet(
        ws, m, [FILE_NAME_WIDTH, UNIT_ID_WIDTH, 10, 9, 10, 10, 10], header_row=1, landscape=False
    )
    sheet.header(titles)
    for result in results:
        if result.identity is None:
            continue  # not a form: nothing scored (its problems say why)
        own = (result.scores.get(Side.SELF) or Scores()).criteria
        theirs = (result.scores.get(Side.CLUSTER) or Scores()).criteria
        texts = [Path(result.file).name, result.unit_id]  # the folder is on the first sheet
        for criterion in criteria:
            mine, cluster = own.get(criterion.code), theirs.get(criterion.code)
            gap = mine - cluster if mine is not None and cluster is not None else None
            row: Row = [_text(ws, t) for t in texts]
            row += [
                _text(ws, criterion.code),
                _number(ws, criterion.max),
                _number(ws, mine),
                _number(ws, cluster),
                _number(ws, gap),
            ]
            sheet.append(row, texts)


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
    widths = [FILE_WIDTH, UNIT_ID_WIDTH, 18, 10, 10, 8, 9, MESSAGE_WIDTH]
    sheet = _Sheet(ws, m, widths, header_row=1, landscape=True)
    sheet.header(titles)
    found = False
    for result in results:
        for problem in result.problems:
            found = True
            texts = [
                result.file,
                result.unit_id,
                problem.code,
                m(f"severity.{problem.severity.value}"),
                problem.sheet,
                problem.cell,
                problem.criterion,
                m.finding(problem),
            ]
            sheet.append([_text(ws, v) for v in texts], texts)
    if not found:
        sheet.append([_text(ws, m("rank.summary.none"))])
