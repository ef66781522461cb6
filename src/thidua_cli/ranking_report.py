"""Two renderings of one ``Ranking``: the JSON of SPEC §5 and the printable meeting workbook.

The workbook (``--out ranking.xlsx``): one sheet per cluster (rank, unit, self total, the
ranking side's section scores and total, difference self − cluster, status, reasons,
proposal, and a bar chart of the totals), then the sector sheet "Toàn ngành" with the leaders,
the flag proposals and the notes. A4 landscape, fit to width, Times New Roman. Every string
is written as plain text (never a formula, whatever it starts with).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles import Side as Edge
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli import jsonout
from thidua_cli.layout import Side
from thidua_cli.lock import write_output
from thidua_cli.messages import t
from thidua_cli.numbers import plain
from thidua_cli.ranking import ClusterRanking, Entry, Proposal, Ranking, Status

# --- JSON ---------------------------------------------------------------------------------


def ranking_json(ranking: Ranking) -> dict[str, Any]:
    """SPEC §5's object; keys beyond the contract are additions, never renames."""
    document = ranking_document(ranking)
    document["clusters"] = list(document["clusters"].items)
    return document


def ranking_document(ranking: Ranking) -> dict[str, Any]:
    """The same, each cluster's part made while ``jsonout.write`` writes it."""
    data: dict[str, Any] = {
        "by": ranking.by.json_key,
        "preview": ranking.preview,
        "locked": ranking.locked,
        "clusters": jsonout.Stream(_cluster_json(c) for c in ranking.clusters),
        "proposals": {
            "province_flag": [_proposal_json(p) for p in ranking.province_flag],
            "government_flag": [_proposal_json(p) for p in ranking.government_flag],
        },
        "government_flag_cap": {
            "province_flag_total": ranking.cap.province_flag_total,
            "allowed": ranking.cap.allowed,
            "checked": ranking.cap.checked,
        },
        "notes": [
            {"code": n.code, "level": n.level.value, "message": n.message, "file": n.file}
            for n in ranking.notes
        ],
    }
    if ranking.preview:
        data["label"] = t("rank.preview")
    return data


def _cluster_json(cluster: ClusterRanking) -> dict[str, Any]:
    return {
        "id": cluster.cluster.id,
        "name": cluster.cluster.name,
        "head": cluster.cluster.head,
        "deputy": cluster.cluster.deputy,
        "leader": cluster.leader,
        "tie": cluster.tie,
        "ranking": [_entry_json(e) for e in cluster.entries],
    }


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "rank": entry.rank,
        "unit_id": entry.unit.id,
        "unit_name": entry.unit.name,
        "role": entry.role,
        "total": entry.total,
        "sections": entry.sections,
        "self_total": entry.total_of(Side.SELF),
        "cluster_total": entry.total_of(Side.CLUSTER),
        "difference": entry.difference,
        "status": entry.status.value,
        "status_label": t(f"rank.status.{entry.status.value}"),
        "reasons": [r.message for r in entry.reasons],
        "reason_codes": [r.code for r in entry.reasons],
        "changed_criteria": entry.changed,
        "proposals": [p.value for p in entry.proposals],
        "file": entry.workbook.file if entry.workbook is not None else None,
    }


def _proposal_json(proposal: Proposal) -> dict[str, Any]:
    entry = proposal.entry
    return {
        "unit_id": entry.unit.id,
        "unit_name": entry.unit.name,
        "cluster": proposal.cluster.id,
        "total": entry.total,
        "sections": entry.sections,
        "label": t(f"rank.flag.{proposal.flag.value}"),
    }


# --- shared text for the console and the workbook ------------------------------------------


def by_label(ranking: Ranking) -> str:
    return t("rank.preview") if ranking.preview else t("rank.by.cluster")


def leader_line(cluster: ClusterRanking) -> str:
    entry = cluster.leader_entry
    if entry is not None:
        total = plain(entry.total) if entry.total is not None else "-"
        return t("rank.leader", unit=entry.unit.id, name=entry.unit.name, total=total)
    if cluster.tie:
        return t("rank.leader_tie", units=", ".join(cluster.tie))
    return t("rank.leader_none")


def leader_short(cluster: ClusterRanking) -> str:
    """The leader (or the tie) in a few words, for the sector tables."""
    entry = cluster.leader_entry
    if entry is not None:
        total = plain(entry.total) if entry.total is not None else "-"
        return f"{entry.unit.id} — {entry.unit.name} ({total})"
    if cluster.tie:
        return t("rank.leader_tie", units=", ".join(cluster.tie))
    return t("rank.leader_none")


def proposal_text(entry: Entry) -> str:
    return "; ".join(t(f"rank.flag.{p.value}") for p in entry.proposals)


def reasons_text(entry: Entry) -> str:
    return "; ".join(r.message for r in entry.reasons)


def section_codes(ranking: Ranking) -> list[str]:
    codes = {code for c in ranking.clusters for e in c.entries for code in e.sections}
    return sorted(codes, key=lambda c: (len(c), c))


def status_counts(cluster: ClusterRanking) -> dict[str, int]:
    return {s.value: sum(1 for e in cluster.entries if e.status is s) for s in Status}


# --- the workbook -------------------------------------------------------------------------

FONT = "Times New Roman"
SECTOR_SHEET = "Toàn ngành"
MAX_TITLE = 31
_BAD_TITLE = re.compile(r"[\\/?*\[\]:]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_THIN = Edge(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ROW = 5
LINE_HEIGHT = 15.0  # points per line of 11 pt Times New Roman


def write_ranking_xlsx(path: Path, ranking: Ranking) -> None:
    """Build the meeting workbook from scratch and write it atomically."""
    workbook = build_ranking_workbook(ranking)
    write_output(path, workbook.save)


def build_ranking_workbook(ranking: Ranking) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = {SECTOR_SHEET.casefold()}
    sections = section_codes(ranking)
    for cluster in ranking.clusters:
        title = sheet_title(cluster.cluster.name, used)
        _cluster_sheet(workbook.create_sheet(title), ranking, cluster, sections)
    _sector_sheet(workbook.create_sheet(SECTOR_SHEET), ranking)
    return workbook


def sheet_title(name: str, used: set[str]) -> str:
    """A valid, unique sheet title from user text: ≤ 31 characters, none of / \\ ? * [ ] :."""
    base = _BAD_TITLE.sub("-", _CONTROL.sub("", name)).strip().strip("'") or "Cum"
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


def _put(ws: Worksheet, row: int, column: int, value: Any, bold: bool = False) -> None:
    """One cell; strings always as plain text (data_type "s"), numbers as numbers."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = _CONTROL.sub(" ", value)
        cell.data_type = "s"
    else:
        cell.value = value
        if isinstance(value, Decimal):
            cell.number_format = "0.00"
    cell.font = Font(name=FONT, size=11, bold=bold)


def _columns(ranking: Ranking, sections: list[str]) -> list[tuple[str, int]]:
    side = t("rank.col.cluster_total") if not ranking.preview else t("rank.col.self_total")
    return [
        (t("rank.col.rank"), 6),
        (t("rank.col.unit_id"), 10),
        (t("rank.col.unit"), 34),
        (t("rank.col.self_total"), 10),
        *[(f"{t('rank.col.section', code=s)} ({side})", 11) for s in sections],
        (t("rank.col.cluster_total"), 10),
        (t("rank.col.difference"), 10),
        (t("rank.col.status"), 16),
        (t("rank.col.reasons"), 44),
        (t("rank.col.proposal"), 22),
    ]


def _cluster_sheet(
    ws: Worksheet, ranking: Ranking, cluster: ClusterRanking, sections: list[str]
) -> None:
    columns = _columns(ranking, sections)
    last = get_column_letter(len(columns))
    _put(ws, 1, 1, t("report.title", name=cluster.cluster.name), bold=True)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"].alignment = Alignment(horizontal="center")
    _put(
        ws,
        2,
        1,
        t("rank.title", name=cluster.cluster.name, id=cluster.cluster.id, by=by_label(ranking)),
        bold=ranking.preview,
    )
    if ranking.preview:
        ws["A2"].font = Font(name=FONT, size=12, bold=True, color="C00000")
    _put(ws, 3, 1, leader_line(cluster), bold=True)
    for column, (header, width) in enumerate(columns, start=1):
        _put(ws, HEADER_ROW, column, header, bold=True)
        cell = ws.cell(row=HEADER_ROW, column=column)
        cell.fill, cell.border = _HEAD_FILL, _BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        ws.column_dimensions[get_column_letter(column)].width = width
    _fit_height(ws, HEADER_ROW, [(header, width) for header, width in columns])
    row = HEADER_ROW
    for entry in cluster.entries:
        row += 1
        values: list[Any] = [
            entry.rank,
            entry.unit.id,
            entry.unit.name,
            entry.total_of(Side.SELF),
            *[entry.sections.get(s) for s in sections],
            entry.total_of(Side.CLUSTER),
            entry.difference,
            t(f"rank.status.{entry.status.value}"),
            reasons_text(entry),
            proposal_text(entry),
        ]
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, value, bold=bool(entry.proposals) and column <= 3)
            cell = ws.cell(row=row, column=column)
            cell.border = _BOX
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        _fit_height(
            ws, row, [(str(v), columns[i][1]) for i, v in enumerate(values) if isinstance(v, str)]
        )
    _chart(ws, ranking, cluster, len(columns), row, sections)
    _print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")


def _fit_height(ws: Worksheet, row: int, texts: list[tuple[str, int]]) -> None:
    """Row height for wrapped text: neither Excel nor LibreOffice grows rows openpyxl wrote."""
    lines = max(
        (math.ceil(len(text) * 1.1 / max(width - 1, 1)) for text, width in texts), default=1
    )
    ws.row_dimensions[row].height = LINE_HEIGHT * max(1, lines)


def _chart(
    ws: Worksheet,
    ranking: Ranking,
    cluster: ClusterRanking,
    width: int,
    last_row: int,
    sections: list[str],
) -> None:
    """A native bar chart of the ranking side's totals, under the table."""
    if last_row <= HEADER_ROW:
        return
    total_column = 4 if ranking.preview else 5 + len(sections)
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = t("report.chart_title", by=by_label(ranking))
    chart.y_axis.title = t("rank.col.total")
    chart.legend = None
    data = Reference(ws, min_col=total_column, min_row=HEADER_ROW, max_row=last_row)
    names = Reference(ws, min_col=3, min_row=HEADER_ROW + 1, max_row=last_row)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(names)
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 on top, as in the table
    chart.dataLabels = DataLabelList(
        showVal=True, showSerName=False, showCatName=False, showLegendKey=False, showPercent=False
    )
    chart.height = max(7.0, 0.8 * len(cluster.entries) + 3)
    chart.width = 24.0
    ws.add_chart(chart, f"B{last_row + 3}")


def _sector_sheet(ws: Worksheet, ranking: Ranking) -> None:
    _put(ws, 1, 1, t("report.sector_title"), bold=True)
    ws.merge_cells("A1:F1")
    ws["A1"].alignment = Alignment(horizontal="center")
    _put(ws, 2, 1, by_label(ranking), bold=ranking.preview)
    if ranking.preview:
        ws["A2"].font = Font(name=FONT, size=12, bold=True, color="C00000")
    headers = [
        (t("rank.col.cluster"), 30),
        (t("rank.col.leader"), 48),
        (t("rank.col.total"), 12),
        (t("rank.col.status"), 50),
        (t("rank.col.proposal"), 30),
        ("", 4),
    ]
    row = 4
    for column, (header, width) in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
        if header:
            _put(ws, row, column, header, bold=True)
            ws.cell(row=row, column=column).fill = _HEAD_FILL
    for cluster in ranking.clusters:
        row += 1
        entry = cluster.leader_entry
        counts = status_counts(cluster)
        values: list[Any] = [
            cluster.cluster.name,
            leader_short(cluster),
            entry.total if entry is not None else None,
            t("rank.summary.counts", **counts),
            proposal_text(entry) if entry is not None else "",
        ]
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, value)
            ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
        _fit_height(
            ws, row, [(str(v), headers[i][1]) for i, v in enumerate(values) if isinstance(v, str)]
        )
    row += 2
    _put(ws, row, 1, t("rank.summary.proposals"), bold=True)
    for proposals in (ranking.province_flag, ranking.government_flag):
        for proposal in proposals:
            row += 1
            entry = proposal.entry
            for column, value in enumerate(
                [
                    t(f"rank.flag.{proposal.flag.value}"),
                    f"{entry.unit.id} — {entry.unit.name}",
                    entry.total,
                    proposal.cluster.name,
                ],
                start=1,
            ):
                _put(ws, row, column, value)
    if not ranking.province_flag and not ranking.government_flag:
        row += 1
        _put(ws, row, 1, t("rank.summary.none"))
    row += 2
    _put(ws, row, 1, t("report.notes"), bold=True)
    notes = [n.message for n in ranking.notes]
    notes.append(t("rank.locked") if ranking.locked else t("rank.not_locked"))
    for message in notes:
        row += 1
        _put(ws, row, 1, f"• {message}")
    _print_setup(ws, "4:4")


def _print_setup(ws: Worksheet, title_rows: str) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
