"""Short texts about a ranking, shared by the console, the meeting workbook and the papers."""

from __future__ import annotations

from thidua_cli.findings import Msg
from thidua_cli.messages import Messages
from thidua_cli.ranking.rank import ClusterRanking, Entry, Proposal, Ranking, Status
from thidua_cli.rubric.deadlines import deadline_text


def by_label(ranking: Ranking, m: Messages) -> str:
    return m("rank.preview") if ranking.preview else m("rank.by.cluster")


def leader_line(ranking: Ranking, cluster: ClusterRanking, m: Messages) -> str:
    """Who leads the cluster: the meeting's choice, else the top score (provisional), else
    the tie the meeting must settle; the half-year review names nobody."""
    if ranking.half_year:
        return m("rank.half_year")
    elected = cluster.elected_entry
    if elected is not None:
        return m("rank.elected", **_unit(elected, m))
    entry = cluster.leader_entry
    if entry is not None:
        return m("rank.leader_provisional", **_unit(entry, m))
    if cluster.tie:
        return m("rank.leader_tie", units=", ".join(cluster.tie))
    return m("rank.leader_none")


def leader_short(ranking: Ranking, cluster: ClusterRanking, m: Messages) -> str:
    """The elected unit or the leader (or the tie) in a few words, for the sector tables."""
    if ranking.half_year:
        return m("rank.half_year")
    entry = cluster.elected_entry or cluster.leader_entry
    if entry is not None:
        text = f"{entry.unit.id} — {entry.unit.name} ({_total(entry, m)})"
        if cluster.elected is None:
            return m("rank.flag.provisional", flag=text)
        return text
    if cluster.tie:
        return m("rank.leader_tie", units=", ".join(cluster.tie))
    return m("rank.leader_none")


def deadline_line(ranking: Ranking, m: Messages) -> str | None:
    """The meeting's deadline, as the guidance sets it (none when the year is not known)."""
    meeting = ranking.meeting
    if meeting.year is None:
        return None
    return m(
        "meeting.deadline",
        meeting=Msg(f"meeting.{meeting.period}", {"year": meeting.year}),
        deadline=deadline_text(meeting.year, meeting.period),
    )


def decided_entry(cluster: ClusterRanking) -> Entry | None:
    """The unit the cluster puts forward: elected, else its leader on the scores."""
    return cluster.elected_entry or cluster.leader_entry


def proposal_label(proposal: Proposal, m: Messages) -> str:
    return flag_label(proposal.flag.value, proposal.elected, m)


def flag_label(flag: str, elected: bool, m: Messages) -> str:
    """A flag as proposed: the provincial one is provisional until the cluster has voted."""
    label = m(f"rank.flag.{flag}")
    return label if elected else m("rank.flag.provisional", flag=label)


def proposal_text(entry: Entry, m: Messages) -> str:
    return "; ".join(proposal_label(p, m) for p in entry.proposals)


def _total(entry: Entry, m: Messages) -> str:
    return m.number(entry.total) if entry.total is not None else "-"


def _unit(entry: Entry, m: Messages) -> dict[str, str]:
    return {"unit": entry.unit.id, "name": entry.unit.name, "total": _total(entry, m)}


def reasons_text(entry: Entry, m: Messages) -> str:
    return "; ".join(m.finding(r) for r in entry.reasons)


def section_codes(ranking: Ranking) -> list[str]:
    codes = {code for c in ranking.clusters for e in c.entries for code in e.sections}
    return sorted(codes, key=lambda c: (len(c), c))


def status_counts(cluster: ClusterRanking) -> dict[str, int]:
    return {s.value: sum(1 for e in cluster.entries if e.status is s) for s in Status}


def locked_line(ranking: Ranking, m: Messages, printed: bool = False) -> str:
    """What the workbooks were compared with: the record book, a lock file, or nothing
    (``printed``: the wording for paper, which names no command-line option)."""
    if not ranking.locked:
        return m("print.rank.not_locked" if printed else "rank.not_locked")
    return m("rank.locked.book") if ranking.verified_by == "book" else m("rank.locked")
