"""A ranking on the console: one table per cluster, the sector summary, proposals and notes."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from thidua_cli.messages import Messages
from thidua_cli.ranking.rank import ClusterRanking, Ranking, Status
from thidua_cli.reports.ranking_text import (
    by_label,
    deadline_line,
    decided_entry,
    leader_line,
    leader_short,
    locked_line,
    proposal_label,
    proposal_text,
    reasons_text,
    status_counts,
)
from thidua_cli.rubric.sides import Side
from thidua_cli.text import printable

COLUMNS: tuple[tuple[str, JustifyMethod], ...] = (
    ("rank", "right"),
    ("unit", "left"),
    ("self_total", "right"),
    ("cluster_total", "right"),
    ("difference", "right"),
    ("progress", "right"),  # the half-year review only
    ("status", "left"),
    ("reasons", "left"),
    ("proposal", "left"),  # the year-end meeting only
)
STATUS_STYLE = {
    Status.ELIGIBLE: "green",
    Status.EXCLUDED: "bold red",
    Status.DEFERRED: "yellow",
    Status.INCOMPLETE: "magenta",
}


def _columns(ranking: Ranking) -> list[tuple[str, JustifyMethod]]:
    """The half-year review shows progress and proposes nothing; the year end the reverse."""
    skip = "proposal" if ranking.half_year else "progress"
    return [(key, justify) for key, justify in COLUMNS if key != skip]


def _number(value: object, m: Messages) -> str:
    return m.number(value) if isinstance(value, Decimal) else "-"


def cluster_table(ranking: Ranking, cluster: ClusterRanking, m: Messages) -> Table:
    title = m(
        "rank.title", name=cluster.cluster.name, id=cluster.cluster.id, by=by_label(ranking, m)
    )
    table = Table(
        title=Text(title, style="bold red" if ranking.preview else "bold"),
        caption=Text(leader_line(ranking, cluster, m), style="bold"),
        show_lines=False,
    )
    for key, justify in _columns(ranking):
        # on a narrow terminal long texts fold onto more lines, never cut with "…"
        table.add_column(m(f"rank.col.{key}"), justify=justify, overflow="fold")
    for entry in cluster.entries:
        cells: list[str | Text] = [
            str(entry.rank) if entry.rank is not None else "",
            Text(printable(f"{entry.unit.id} — {entry.unit.name}")),
            _number(entry.total_of(Side.SELF), m),
            _number(entry.total_of(Side.CLUSTER), m),
            _number(entry.difference, m),
        ]
        if ranking.half_year:
            cells.append(_number(entry.progress, m))
        cells += [
            Text(m(f"rank.status.{entry.status.value}"), style=STATUS_STYLE[entry.status]),
            Text(reasons_text(entry, m)),
        ]
        if not ranking.half_year:
            cells.append(Text(proposal_text(entry, m), style="bold green"))
        table.add_row(*cells)
    return table


def summary_table(ranking: Ranking, m: Messages) -> Table:
    table = Table(title=Text(f"{m('rank.summary_title')} — {by_label(ranking, m)}", style="bold"))
    for key in ("cluster", "leader", "status", "proposal"):
        table.add_column(m(f"rank.col.{key}"), overflow="fold")
    for cluster in ranking.clusters:
        entry = decided_entry(cluster)
        table.add_row(
            Text(printable(cluster.cluster.name)),
            Text(printable(leader_short(ranking, cluster, m))),
            m("rank.summary.counts", **status_counts(cluster)),
            Text(proposal_text(entry, m) if entry is not None else ""),
        )
    return table


def render_ranking(ranking: Ranking, console: Console, m: Messages) -> None:
    """What `thidua rank` (and `thidua demo`) prints: one table per cluster, then the summary."""
    if ranking.preview:
        console.print(Text(m("rank.preview"), style="bold red"))
    for cluster in ranking.clusters:
        console.print(cluster_table(ranking, cluster, m))
        console.print()
    console.print(summary_table(ranking, m))
    deadline = deadline_line(ranking, m)
    if deadline is not None:
        console.print(Text(deadline))
    if ranking.half_year:
        console.print(Text(m("rank.half_year"), style="bold"))
    else:
        _print_proposals(ranking, console, m)
    console.print(Text(locked_line(ranking, m), style="dim"))
    for note in ranking.notes:
        style = {"error": "red", "warning": "yellow", "info": "cyan"}[note.severity.value]
        console.print(Text(f"• {m.finding(note)}", style=style))


def _print_proposals(ranking: Ranking, console: Console, m: Messages) -> None:
    console.print(Text(m("rank.summary.proposals"), style="bold"))
    proposals = [*ranking.province_flag, *ranking.government_flag]
    for proposal in proposals:
        entry = proposal.entry
        total = _number(entry.total, m)
        unit = printable(f"{entry.unit.id} — {entry.unit.name}")
        label = proposal_label(proposal, m)
        console.print(Text(f"  {label}: {unit} ({printable(proposal.cluster.id)}, {total})"))
    if not proposals:
        console.print(Text(f"  {m('rank.summary.none')}"))
    if ranking.undecided:
        undecided = m("rank.summary.undecided", clusters=", ".join(ranking.undecided))
        console.print(Text(f"  {undecided}"))


RANKING_CSV_COLUMNS = (
    "cluster_id",
    "cluster_name",
    "rank",
    "unit_id",
    "unit_name",
    "self_total",
    "cluster_total",
    "difference",
    "status",
    "reasons",
    "proposals",
    "lock_digest",
)


def ranking_rows(ranking: Ranking, m: Messages) -> tuple[tuple[str, ...], list[list[object]]]:
    """``rank --format csv``: one row per unit of every cluster (reasons in the language)."""
    rows: list[list[object]] = []
    for cluster in ranking.clusters:
        for entry in cluster.entries:
            rows.append(
                [
                    cluster.cluster.id,
                    cluster.cluster.name,
                    entry.rank,
                    entry.unit.id,
                    entry.unit.name,
                    entry.total_of(Side.SELF),
                    entry.total_of(Side.CLUSTER),
                    entry.difference,
                    entry.status.value,
                    reasons_text(entry, m),
                    proposal_text(entry, m),
                    entry.workbook.lock_digest if entry.workbook is not None else None,
                ]
            )
    return RANKING_CSV_COLUMNS, rows
