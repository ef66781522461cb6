"""The ranking as SPEC §5's JSON object (``rank --json``); keys beyond it are additions."""

from __future__ import annotations

from typing import Any

from thidua_cli.messages import Messages
from thidua_cli.ranking.rank import ClusterRanking, Entry, PastResult, Proposal, Ranking
from thidua_cli.reports.ranking_text import proposal_label
from thidua_cli.rubric.sides import Side


def ranking_json(ranking: Ranking, m: Messages) -> dict[str, Any]:
    """SPEC §5's object; keys beyond the contract are additions, never renames."""
    document = ranking_document(ranking, m)
    document["clusters"] = list(document["clusters"])
    return document


def ranking_document(ranking: Ranking, m: Messages) -> dict[str, Any]:
    """The same, each cluster's part made while ``jsonout.write`` writes it."""
    meeting = ranking.meeting
    data: dict[str, Any] = {
        "by": ranking.by.json_key,
        "preview": ranking.preview,
        "locked": ranking.locked,
        "year": meeting.year,
        "period": meeting.period,
        "deadline": meeting.deadline.isoformat() if meeting.deadline is not None else None,
        "clusters": (_cluster_json(ranking, c, m) for c in ranking.clusters),
        "proposals": {
            "province_flag": [_proposal_json(p, m) for p in ranking.province_flag],
            "government_flag": [_proposal_json(p, m) for p in ranking.government_flag],
            "undecided": ranking.undecided,
        },
        "government_flag_cap": {
            "province_flag_total": ranking.cap.province_flag_total,
            "allowed": ranking.cap.allowed,
            "checked": ranking.cap.checked,
        },
        "notes": [
            {"code": n.code, "level": n.severity.value, "message": m.finding(n), "file": n.file}
            for n in ranking.notes
        ],
    }
    if ranking.preview:
        data["label"] = m("rank.preview")
    elif ranking.half_year:
        data["label"] = m("rank.half_year")
    return data


def _cluster_json(ranking: Ranking, cluster: ClusterRanking, m: Messages) -> dict[str, Any]:
    return {
        "id": cluster.cluster.id,
        "name": cluster.cluster.name,
        "head": cluster.cluster.head,
        "deputy": cluster.cluster.deputy,
        "leader": cluster.leader,
        "tie": cluster.tie,
        "elected": cluster.elected,
        "ranking": [_entry_json(ranking, e, m) for e in cluster.entries],
    }


def _past(past: PastResult | None) -> dict[str, Any] | None:
    if past is None:
        return None
    return {"rank": past.rank, "total": past.total, "status": past.status}


def _entry_json(ranking: Ranking, entry: Entry, m: Messages) -> dict[str, Any]:
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
        "status_label": m(f"rank.status.{entry.status.value}"),
        "reasons": [m.finding(r) for r in entry.reasons],
        "reason_codes": [r.code for r in entry.reasons],
        "changed_criteria": entry.changed,
        "proposals": [p.flag.value for p in entry.proposals],
        "progress": entry.progress,
        "lock_digest": entry.workbook.lock_digest if entry.workbook is not None else None,
        "last_year": _past(ranking.last_year.get(entry.unit.id)),
        "file": entry.workbook.file if entry.workbook is not None else None,
    }


def _proposal_json(proposal: Proposal, m: Messages) -> dict[str, Any]:
    entry = proposal.entry
    return {
        "unit_id": entry.unit.id,
        "unit_name": entry.unit.name,
        "cluster": proposal.cluster.id,
        "total": entry.total,
        "sections": entry.sections,
        "elected": proposal.elected,
        "label": proposal_label(proposal, m),
    }
