"""Short texts about a ranking, shared by the console, the meeting workbook and the papers."""

from __future__ import annotations

from thidua_cli.messages import Messages
from thidua_cli.ranking.rank import ClusterRanking, Entry, Ranking, Status


def by_label(ranking: Ranking, m: Messages) -> str:
    return m("rank.preview") if ranking.preview else m("rank.by.cluster")


def leader_line(cluster: ClusterRanking, m: Messages) -> str:
    entry = cluster.leader_entry
    if entry is not None:
        total = m.number(entry.total) if entry.total is not None else "-"
        return m("rank.leader", unit=entry.unit.id, name=entry.unit.name, total=total)
    if cluster.tie:
        return m("rank.leader_tie", units=", ".join(cluster.tie))
    return m("rank.leader_none")


def leader_short(cluster: ClusterRanking, m: Messages) -> str:
    """The leader (or the tie) in a few words, for the sector tables."""
    entry = cluster.leader_entry
    if entry is not None:
        total = m.number(entry.total) if entry.total is not None else "-"
        return f"{entry.unit.id} — {entry.unit.name} ({total})"
    if cluster.tie:
        return m("rank.leader_tie", units=", ".join(cluster.tie))
    return m("rank.leader_none")


def proposal_text(entry: Entry, m: Messages) -> str:
    return "; ".join(m(f"rank.flag.{p.value}") for p in entry.proposals)


def reasons_text(entry: Entry, m: Messages) -> str:
    return "; ".join(m.finding(r) for r in entry.reasons)


def section_codes(ranking: Ranking) -> list[str]:
    codes = {code for c in ranking.clusters for e in c.entries for code in e.sections}
    return sorted(codes, key=lambda c: (len(c), c))


def status_counts(cluster: ClusterRanking) -> dict[str, int]:
    return {s.value: sum(1 for e in cluster.entries if e.status is s) for s in Status}
