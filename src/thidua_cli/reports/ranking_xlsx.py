"""The printable meeting workbook of one ``Ranking`` (``rank --out ranking.xlsx``).

One sheet per cluster (rank, unit, self total, the ranking side's section scores and total,
difference self − cluster, status, reasons, proposal, and a bar chart of the totals on a
scale from 0, of the units considered only), under the national header and above a signature
block, then the sector sheet "Toàn ngành" with the leaders, the flag proposals and the notes.
A4 landscape, fit to width, header rows repeated, "Trang x/y", Times New Roman. Every string
is written as plain text (never a formula, whatever it starts with); nothing printed names a
command-line option (``Messages.printed``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles import Side as Edge
from openpyxl.utils import get_column_letter

from thidua_cli.files import write_output
from thidua_cli.messages import Messages
from thidua_cli.ranking.rank import ClusterRanking, Entry, PastResult, Ranking, Status
from thidua_cli.reports.print_setup import print_setup
from thidua_cli.reports.ranking_text import (
    by_label,
    deadline_line,
    decided_entry,
    leader_line,
    leader_short,
    locked_line,
    proposal_label,
    proposal_text,
    section_codes,
    status_counts,
)
from thidua_cli.reports.streamed_xlsx import write_streamed
from thidua_cli.rubric.sides import Side
from thidua_cli.text import clean_text

if TYPE_CHECKING:  # openpyxl does not export the write-only sheet's class
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# --- the workbook -------------------------------------------------------------------------

FONT = "Times New Roman"
SECTOR_SHEET = "Toàn ngành"
MAX_TITLE = 31
_BAD_TITLE = re.compile(r"[\\/?*\[\]:]")
_THIN = Edge(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ROW = 9  # national header (3 rows), title, side, leader, deadline, blank, table
LINE_HEIGHT = 15.0  # points per line of 11 pt Times New Roman
ROW_CM = LINE_HEIGHT / 72 * 2.54  # a row of the default height, in centimetres
UNIT_ID_WIDTH = 18  # TTYT-THUONGXUAN, the longest sample id, with room to spare
SIGNING_ROWS = 4  # blank rows between a signer's title and name
_FONT = Font(name=FONT, size=11)
_BOLD = Font(name=FONT, size=11, bold=True)
_ITALIC = Font(name=FONT, size=11, italic=True)
_MOTTO = Font(name=FONT, size=11, bold=True, underline="single")
_RED = Font(name=FONT, size=12, bold=True, color="C00000")
_CENTER = Alignment(horizontal="center")
_CENTER_WRAP = Alignment(wrap_text=True, horizontal="center", vertical="top")
_HEADER_ALIGN = Alignment(wrap_text=True, horizontal="center", vertical="center")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def write_ranking_xlsx(path: Path, ranking: Ranking, m: Messages) -> None:
    """Build the meeting workbook from scratch and write it atomically.

    Written sheet by sheet, top to bottom (openpyxl's write-only mode): each sheet goes to a
    temporary file when done, so hundreds of clusters do not sit in memory as cells.
    """

    def fill(workbook: Workbook) -> None:
        used: set[str] = {SECTOR_SHEET.casefold()}
        sections = section_codes(ranking)
        for cluster in ranking.clusters:
            sheet = _Sheet(workbook.create_sheet(sheet_title(cluster.cluster.name, used)))
            _cluster_sheet(sheet, ranking, cluster, sections, m)
            sheet.ws.close()  # its file is complete: one sheet's file open at a time
        _sector_sheet(_Sheet(workbook.create_sheet(SECTOR_SHEET)), ranking, m)

    write_streamed(path, fill, write_output, "ranking")


def sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet title from user text: ≤ 31 characters, none of / \\ ? * [ ] :."""
    base = _BAD_TITLE.sub("-", clean_text(name)).strip().strip("'") or "Cum"
    if len(base) > MAX_TITLE:
        # "Cụm thi đua số 1 — Các bệnh viện tuyến tỉnh" -> "Cụm thi đua số 1"
        head = re.split(r"\s[—–-]\s", base)[0].strip()
        cut = base[: MAX_TITLE + 1].rsplit(" ", 1)[0].strip()
        base = (
            head
            if 0 < len(head) <= MAX_TITLE
            else (cut if 0 < len(cut) <= MAX_TITLE else base[:MAX_TITLE])
        )
    title, n = base, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: MAX_TITLE - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


class Span(Struct, frozen=True):
    """A text merged over the columns ``first``..``last`` (1-based) of one row."""

    first: int
    last: int
    text: str
    font: Font = _FONT


class _Sheet:
    """A write-only sheet written row after row; knows which row comes next."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.row = 0  # the last row written
        self.column_widths: list[int] = []

    def widths(self, columns: list[tuple[str, int]]) -> None:
        """Column widths from (header, width) pairs, set before any row is written."""
        self.column_widths = [width for _, width in columns]
        for column, (_, width) in enumerate(columns, start=1):
            self.ws.column_dimensions[get_column_letter(column)].width = width

    def cell(self, value: Any, bold: bool = False, **style: Any) -> Cell:
        """One cell; strings always as plain text (data_type "s"), numbers as numbers."""
        if isinstance(value, str):
            cell = WriteOnlyCell(self.ws, clean_text(value, multiline=True))
            cell.data_type = "s"
        else:
            cell = WriteOnlyCell(self.ws, value)
            if isinstance(value, Decimal):
                cell.number_format = "0.00"
        cell.font = _BOLD if bold else _FONT
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    def append(self, cells: list[Cell | None], fit: list[tuple[str, int]] | None = None) -> None:
        """The next row; ``fit`` (text, column width) makes it tall enough for wrapped text
        (neither Excel nor LibreOffice grows rows openpyxl wrote)."""
        self.row += 1
        if fit is not None:
            lines = max(
                (math.ceil(len(text) * 1.1 / max(width - 1, 1)) for text, width in fit), default=1
            )
            self.ws.row_dimensions[self.row].height = LINE_HEIGHT * max(1, lines)
        self.ws.append(cells)

    def title(self, text: str, last_column: str) -> None:
        """A title row merged across the table."""
        self.append([self.cell(text, bold=True, alignment=_CENTER)])
        self.ws.merged_cells.add(f"A{self.row}:{last_column}{self.row}")

    def spans(self, parts: list[Span]) -> None:
        """One row of texts each merged over its columns (first, last), centred."""
        cells: list[Cell | None] = []
        fit = []
        for part in parts:
            cells += [None] * (part.first - 1 - len(cells))
            cells.append(self.cell(part.text, font=part.font, alignment=_CENTER_WRAP))
            if part.last > part.first:
                self.ws.merged_cells.add(
                    f"{get_column_letter(part.first)}{self.row + 1}:"
                    f"{get_column_letter(part.last)}{self.row + 1}"
                )
            fit.append((part.text, self.width(part.first, part.last)))
        self.append(cells, fit=fit)

    def width(self, first: int, last: int) -> int:
        return sum(self.column_widths[first - 1 : last])

    def label(self, text: str, preview: bool) -> None:
        """The ranking side; a preview on self scores in red, so nobody takes it as final."""
        cell = self.cell(text, bold=preview)
        if preview:
            cell.font = _RED
        self.append([cell])


Column = tuple[str, int, Callable[[Entry], Any]]  # header, width, the entry's value


def _columns(
    ranking: Ranking, cluster: ClusterRanking, sections: list[str], m: Messages
) -> list[Column]:
    side = m("rank.col.cluster_total") if not ranking.preview else m("rank.col.self_total")
    columns: list[Column] = [
        (m("rank.col.rank"), 6, lambda e: e.rank),
        (m("rank.col.unit_id"), UNIT_ID_WIDTH, lambda e: e.unit.id),
        (m("rank.col.unit"), 34, lambda e: e.unit.name),
        (m("rank.col.self_total"), 10, lambda e: e.total_of(Side.SELF)),
        *[(f"{m('rank.col.section', code=s)} ({side})", 11, _section(s)) for s in sections],
        (m("rank.col.cluster_total"), 10, lambda e: e.total_of(Side.CLUSTER)),
        (m("rank.col.difference"), 10, lambda e: e.difference),
    ]
    if ranking.half_year:
        columns.append((m("rank.col.progress"), 10, lambda e: e.progress))
    if ranking.last_year:
        past = ranking.last_year
        columns += [
            (m("rank.col.last_rank"), 9, lambda e: _past(past, e.unit.id, "rank")),
            (m("rank.col.last_total"), 10, lambda e: _past(past, e.unit.id, "total")),
        ]
    columns += [
        (m("rank.col.status"), 16, lambda e: m(f"rank.status.{e.status.value}")),
        (m("rank.col.reasons"), 44, lambda e: "; ".join(m.printed(r) for r in e.reasons)),
    ]
    if not ranking.half_year:
        columns.append((m("rank.col.proposal"), 22, lambda e: proposal_text(e, m)))
    if any(e.workbook is not None and e.workbook.lock_digest for e in cluster.entries):
        columns.append((m("rank.col.lock_digest"), 14, _lock_digest))
    return columns


def _lock_digest(entry: Entry) -> str | None:
    return entry.workbook.lock_digest if entry.workbook is not None else None


def _past(past: dict[str, PastResult], unit_id: str, what: str) -> Any:
    found = past.get(unit_id)
    return getattr(found, what) if found is not None else None


def _section(code: str) -> Callable[[Entry], Any]:
    return lambda entry: entry.sections.get(code)


def _cluster_sheet(
    sheet: _Sheet, ranking: Ranking, cluster: ClusterRanking, sections: list[str], m: Messages
) -> None:
    columns = _columns(ranking, cluster, sections, m)
    widths = [(header, width) for header, width, _ in columns]
    sheet.widths(widths)
    print_setup(sheet.ws, m, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    _national_header(sheet, cluster.cluster.name, len(columns), m)
    sheet.title(m("report.title", name=cluster.cluster.name), get_column_letter(len(columns)))
    rank_title = m(
        "rank.title", name=cluster.cluster.name, id=cluster.cluster.id, by=by_label(ranking, m)
    )
    sheet.label(rank_title, ranking.preview)
    sheet.append([sheet.cell(leader_line(ranking, cluster, m), bold=True)])
    deadline = deadline_line(ranking, m)
    sheet.append([sheet.cell(deadline)] if deadline is not None else [])
    sheet.append([])
    header_style = {"fill": _HEAD_FILL, "border": _BOX, "alignment": _HEADER_ALIGN}
    sheet.append([sheet.cell(h, bold=True, **header_style) for h, _ in widths], fit=widths)
    for entry in cluster.entries:
        values = [value(entry) for _, _, value in columns]
        cells = [
            sheet.cell(
                v,
                bold=bool(entry.proposals) and i < 3,
                border=_BOX,
                alignment=_CENTER_WRAP if i == 0 else _WRAP_TOP,  # the rank, apart from the id
            )
            for i, v in enumerate(values)
        ]
        texts = [(v, widths[i][1]) for i, v in enumerate(values) if isinstance(v, str)]
        sheet.append(cells, fit=texts)
    _chart(sheet, ranking, cluster, sections, m)
    _signatures(sheet, len(columns), m)


def _national_header(sheet: _Sheet, issuer: str, last: int, m: Messages) -> None:
    """Top left the cluster (bold capitals), top right the national name and motto."""
    left, right = (1, 3), (last - 2, last)
    sheet.spans([Span(*left, issuer.upper(), _BOLD), Span(*right, m("paper.nation"), _BOLD)])
    sheet.spans([Span(*right, m("paper.motto"), _MOTTO)])
    sheet.append([])


def _signatures(sheet: _Sheet, last: int, m: Messages) -> None:
    """The date line, then who prepared the sheet (left) and the cluster head (right)."""
    left, right = (1, 3), (last - 2, last)
    sheet.append([])
    sheet.spans([Span(*right, m("report.date_line"), _ITALIC)])
    sheet.spans(
        [Span(*left, m("report.preparer"), _BOLD), Span(*right, m("paper.signer.cluster"), _BOLD)]
    )
    sheet.spans(
        [
            Span(*left, m("paper.hint.name"), _ITALIC),
            Span(*right, m("paper.signer.cluster_head"), _BOLD),
        ]
    )
    sheet.spans([Span(*right, m("paper.hint.seal"), _ITALIC)])
    for _ in range(SIGNING_ROWS):
        sheet.append([])
    dots = m("form.name_line")
    sheet.spans([Span(*left, dots), Span(*right, dots)])


def _chart(
    sheet: _Sheet,
    ranking: Ranking,
    cluster: ClusterRanking,
    sections: list[str],
    m: Messages,
) -> None:
    """A native bar chart of the considered units' totals under the table, on a scale from 0;
    a line before it names the units left out (excluded, deferred, incomplete). Rows are
    left empty under it, so what follows prints below the chart."""
    ws = sheet.ws
    eligible = [e for e in cluster.entries if e.status is Status.ELIGIBLE]
    left_out = [e for e in cluster.entries if e.status is not Status.ELIGIBLE]
    sheet.append([])
    if left_out:
        note = m("report.chart_left_out", units=_left_out(left_out, m))
        sheet.append([sheet.cell(note, font=_ITALIC)])
    if not eligible:
        return
    first, last_row = HEADER_ROW + 1, HEADER_ROW + len(eligible)  # eligible units come first
    total_column = 4 if ranking.preview else 5 + len(sections)
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = m("report.chart_title", by=by_label(ranking, m))
    chart.y_axis.title = m("rank.col.total")
    chart.legend = None
    data = Reference(ws, min_col=total_column, min_row=HEADER_ROW, max_row=last_row)
    names = Reference(ws, min_col=3, min_row=first, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(names)
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 on top, as in the table
    chart.y_axis.scaling.min = 0  # small differences look small
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.dataLabels = DataLabelList(
        showVal=True, showSerName=False, showCatName=False, showLegendKey=False, showPercent=False
    )
    chart.height = max(7.0, 0.8 * len(eligible) + 3)
    chart.width = 24.0
    ws.add_chart(chart, f"B{sheet.row + 1}")
    for _ in range(math.ceil(chart.height / ROW_CM) + 1):
        sheet.append([])


def _left_out(entries: list[Entry], m: Messages) -> str:
    return ", ".join(f"{e.unit.id} ({m(f'rank.status.{e.status.value}')})" for e in entries)


def _sector_sheet(sheet: _Sheet, ranking: Ranking, m: Messages) -> None:
    headers = [
        (m("rank.col.cluster"), 30),
        (m("rank.col.leader"), 48),
        (m("rank.col.total"), 12),
        (m("rank.col.status"), 50),
        (m("rank.col.proposal"), 30),
        ("", 4),
    ]
    sheet.widths(headers)
    print_setup(sheet.ws, m, landscape=True, title_rows="4:4")
    sheet.title(m("report.sector_title"), "F")
    sheet.label(by_label(ranking, m), ranking.preview)
    sheet.append([])
    sheet.append([sheet.cell(h, bold=True, fill=_HEAD_FILL) if h else None for h, _ in headers])
    for cluster in ranking.clusters:
        entry = decided_entry(cluster)
        values: list[Any] = [
            cluster.cluster.name,
            leader_short(ranking, cluster, m),
            entry.total if entry is not None else None,
            m("rank.summary.counts", **status_counts(cluster)),
            proposal_text(entry, m) if entry is not None else "",
        ]
        texts = [(v, headers[i][1]) for i, v in enumerate(values) if isinstance(v, str)]
        sheet.append([sheet.cell(v, alignment=_WRAP_TOP) for v in values], fit=texts)
    sheet.append([])
    deadline = deadline_line(ranking, m)
    if deadline is not None:
        sheet.append([sheet.cell(deadline)])
    if ranking.half_year:
        sheet.append([sheet.cell(m("rank.half_year"), bold=True)])
    else:
        _sector_proposals(sheet, ranking, m)
    sheet.append([])
    sheet.append([sheet.cell(m("report.notes"), bold=True)])
    notes = [m.printed(n) for n in ranking.notes]
    notes.append(locked_line(ranking, m, printed=True))
    for message in notes:
        sheet.append([sheet.cell(f"• {message}")])


def _sector_proposals(sheet: _Sheet, ranking: Ranking, m: Messages) -> None:
    sheet.append([sheet.cell(m("rank.summary.proposals"), bold=True)])
    for proposal in [*ranking.province_flag, *ranking.government_flag]:
        entry = proposal.entry
        values = [
            proposal_label(proposal, m),
            f"{entry.unit.id} — {entry.unit.name}",
            entry.total,
            proposal.cluster.name,
        ]
        sheet.append([sheet.cell(v) for v in values])
    if not ranking.province_flag and not ranking.government_flag:
        sheet.append([sheet.cell(m("rank.summary.none"))])
    if ranking.undecided:
        text = m("rank.summary.undecided", clusters=", ".join(ranking.undecided))
        sheet.append([sheet.cell(text)])
