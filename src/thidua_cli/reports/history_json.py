"""The record book's history (``thidua history --json``): year by year, per cluster."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from thidua_cli.messages import Messages
from thidua_cli.ranking.records import PeriodRecord, finding_from_json


def history_document(periods: list[PeriodRecord], unit: str | None, m: Messages) -> dict[str, Any]:
    clusters: dict[str, dict[str, Any]] = {}
    for record in periods:
        cluster = clusters.setdefault(
            record.cluster, {"id": record.cluster, "name": record.name, "periods": []}
        )
        cluster["name"] = record.name
        cluster["periods"].append(period_json(record, unit, m))
    return {"clusters": list(clusters.values())}


def period_json(record: PeriodRecord, unit: str | None, m: Messages) -> dict[str, Any]:
    ranking = record.ranking or {}
    rows = [row_json(r, m) for r in ranking.get("entries", [])]
    if unit is not None:
        rows = [r for r in rows if r["unit_id"] == unit]
    return {
        "year": record.year,
        "period": record.period,
        "head": record.head,
        "deputy": record.deputy,
        "leader": ranking.get("leader"),
        "tie": ranking.get("tie", []),
        "elected": record.elected,
        "recorded": record.recorded,
        "ranking": rows,
        "proposals": ranking.get("proposals", []),
        "locks": [
            {
                "unit_id": e.unit,
                "date": e.created,
                "by": e.actor,
                "reason": e.reason,
                "supersedes": e.supersedes,
                "digest": e.short,
            }
            for e in record.locks
        ],
    }


def row_json(row: dict[str, Any], m: Messages) -> dict[str, Any]:
    reasons = [finding_from_json(r) for r in row.get("reasons", [])]
    total = row.get("total")
    progress = row.get("progress")
    return {
        "unit_id": row["unit_id"],
        "unit_name": row.get("unit_name"),
        "rank": row.get("rank"),
        "total": Decimal(total) if total is not None else None,
        "status": row.get("status"),
        "status_label": m(f"rank.status.{row.get('status')}"),
        "reasons": [m.finding(r) for r in reasons],
        "reason_codes": [r.code for r in reasons],
        "proposals": row.get("proposals", []),
        "lock_digest": row.get("lock_digest"),
        "progress": Decimal(progress) if progress is not None else None,
    }
