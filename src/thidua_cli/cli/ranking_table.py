"""A ranking on the console: one table per cluster, the sector summary, proposals and notes."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from thidua_cli.messages import Messages
from thidua_cli.numbers import plain
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

STATUS_STYLE = {
    Status.ELIGIBLE: "green",
    Status.EXCLUDED: "bold red",
    Status.DEFERRED: "yellow",
    Status.INCOMPLETE: "magenta",
}


def _number(value: object) -> str:
    return plain(value) if isinstance(value, Decimal) else "-"


def cluster_table(ranking: Ranking, cluster: ClusterRanking, m: Messages) -> Table:
    title = m(
        "rank.title", name=cluster.cluster.name, id=cluster.cluster.id, by=by_label(ranking, m)
    )
    table = Table(
        title=Text(title, style="bold red" if ranking.preview else "bold"),
        caption=Text(leader_line(ranking, cluster, m), style="bold"),
        show_lines=False,
    )
    table.add_column(m("rank.col.rank"), justify="right")
    table.add_column(m("rank.col.unit"))
    table.add_column(m("rank.col.self_total"), justify="right")
    table.add_column(m("rank.col.cluster_total"), justify="right")
    table.add_column(m("rank.col.difference"), justify="right")
    if ranking.half_year:
        table.add_column(m("rank.col.progress"), justify="right")
    table.add_column(m("rank.col.status"))
    table.add_column(m("rank.col.reasons"), ratio=3)
    if not ranking.half_year:
        table.add_column(m("rank.col.proposal"))
    for entry in cluster.entries:
        cells: list[str | Text] = [
            str(entry.rank) if entry.rank is not None else "",
            Text(f"{entry.unit.id} — {entry.unit.name}"),
            _number(entry.total_of(Side.SELF)),
            _number(entry.total_of(Side.CLUSTER)),
            _number(entry.difference),
        ]
        if ranking.half_year:
            cells.append(_number(entry.progress))
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
    table.add_column(m("rank.col.cluster"))
    table.add_column(m("rank.col.leader"))
    table.add_column(m("rank.col.status"))
    table.add_column(m("rank.col.proposal"))
    for cluster in ranking.clusters:
        entry = decided_entry(cluster)
        table.add_row(
            Text(cluster.cluster.name),
            Text(leader_short(ranking, cluster, m)),
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
        total = _number(entry.total)
        console.print(
            Text(
                f"  {proposal_label(proposal, m)}: {entry.unit.id} — {entry.unit.name} "
                f"({proposal.cluster.id}, {total})"
            )
        )
    if not proposals:
        console.print(Text(f"  {m('rank.summary.none')}"))
    if ranking.undecided:
        undecided = m("rank.summary.undecided", clusters=", ".join(ranking.undecided))
        console.print(Text(f"  {undecided}"))
