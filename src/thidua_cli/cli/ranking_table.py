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
    leader_line,
    leader_short,
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
    ("status", "left"),
    ("reasons", "left"),
    ("proposal", "left"),
)
STATUS_STYLE = {
    Status.ELIGIBLE: "green",
    Status.EXCLUDED: "bold red",
    Status.DEFERRED: "yellow",
    Status.INCOMPLETE: "magenta",
}


def _number(value: object, m: Messages) -> str:
    return m.number(value) if isinstance(value, Decimal) else "-"


def cluster_table(ranking: Ranking, cluster: ClusterRanking, m: Messages) -> Table:
    title = m(
        "rank.title", name=cluster.cluster.name, id=cluster.cluster.id, by=by_label(ranking, m)
    )
    table = Table(
        title=Text(title, style="bold red" if ranking.preview else "bold"),
        caption=Text(leader_line(cluster, m), style="bold"),
        show_lines=False,
    )
    for key, justify in COLUMNS:
        # on a narrow terminal long texts fold onto more lines, never cut with "…"
        table.add_column(m(f"rank.col.{key}"), justify=justify, overflow="fold")
    for entry in cluster.entries:
        table.add_row(
            str(entry.rank) if entry.rank is not None else "",
            Text(printable(f"{entry.unit.id} — {entry.unit.name}")),
            _number(entry.total_of(Side.SELF), m),
            _number(entry.total_of(Side.CLUSTER), m),
            _number(entry.difference, m),
            Text(m(f"rank.status.{entry.status.value}"), style=STATUS_STYLE[entry.status]),
            Text(reasons_text(entry, m)),
            Text(proposal_text(entry, m), style="bold green"),
        )
    return table


def summary_table(ranking: Ranking, m: Messages) -> Table:
    table = Table(title=Text(f"{m('rank.summary_title')} — {by_label(ranking, m)}", style="bold"))
    for key in ("cluster", "leader", "status", "proposal"):
        table.add_column(m(f"rank.col.{key}"), overflow="fold")
    for cluster in ranking.clusters:
        entry = cluster.leader_entry
        table.add_row(
            Text(printable(cluster.cluster.name)),
            Text(printable(leader_short(cluster, m))),
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
    console.print(Text(m("rank.summary.proposals"), style="bold"))
    proposals = [*ranking.province_flag, *ranking.government_flag]
    for proposal in proposals:
        entry = proposal.entry
        total = _number(entry.total, m)
        unit = printable(f"{entry.unit.id} — {entry.unit.name}")
        flag = m(f"rank.flag.{proposal.flag.value}")
        console.print(Text(f"  {flag}: {unit} ({printable(proposal.cluster.id)}, {total})"))
    if not proposals:
        console.print(Text(f"  {m('rank.summary.none')}"))
    console.print(Text(m("rank.locked") if ranking.locked else m("rank.not_locked"), style="dim"))
    for note in ranking.notes:
        style = {"error": "red", "warning": "yellow", "info": "cyan"}[note.severity.value]
        console.print(Text(f"• {m.finding(note)}", style=style))


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
                ]
            )
    return RANKING_CSV_COLUMNS, rows
