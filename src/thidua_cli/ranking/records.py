"""What the record book holds and how it is read back: locks (without laundering: figures
that change need a reason, and the change stays visible), the meeting's rankings, votes, heads
and deputies, and the history year by year. The file itself is ``book``'s.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct
from pydantic import ValidationError

from thidua_cli.findings import CODES, Exact, Finding, Msg, Param, ThiduaError, finding
from thidua_cli.numbers import exact_text
from thidua_cli.ranking.book import BookEntry, Kind, RecordBook, now
from thidua_cli.ranking.lock import (
    Changes,
    Lock,
    LockedUnit,
    Relock,
    Verification,
    Verified,
    changes_between,
    same_figures,
)

if TYPE_CHECKING:  # the ranking, for types and past_results only: lock does without it
    from thidua_cli.ranking.rank import ClusterRanking, PastResult, Ranking

# --- locks ------------------------------------------------------------------------------------


class LockRecord(Struct, frozen=True):
    """What ``record_lock`` did for one unit."""

    unit_id: str
    status: Literal["new", "unchanged", "relocked"]
    entry: BookEntry  # the unit's lock entry now (the old one when unchanged)
    changes: Changes | None = None  # relocked: what changed from the entry it supersedes


def _lock_body(unit: LockedUnit, lock: Lock, source: str | None) -> dict[str, Any]:
    return {
        "figures": unit.model_dump(mode="json"),
        "lock_created": lock.created,
        "lock_file": source,
    }


def figures_of(entry: BookEntry) -> LockedUnit:
    """The verified figures a lock entry holds (a body edited by hand may not read back)."""
    try:
        return LockedUnit.model_validate(entry.data()["figures"])
    except (ValidationError, ValueError, KeyError, TypeError) as exc:
        raise ThiduaError(finding("book-entry-unreadable", seq=entry.seq)) from exc


def _latest_locks(book: RecordBook) -> dict[tuple[str, int, str], BookEntry]:
    latest: dict[tuple[str, int, str], BookEntry] = {}
    for entry in book.entries("lock"):
        if entry.unit is not None:
            latest[(entry.unit, entry.year, entry.period)] = entry
    return latest


def record_lock(
    book: RecordBook,
    lock: Lock,
    *,
    by: str | None,
    reason: str | None,
    source: str | None = None,
) -> list[LockRecord]:
    """Record each unit's verified figures in one transaction.

    A unit locked before with the same figures gets no new entry. One whose figures differ
    (either side) needs ``reason``; without it nothing is recorded and every such unit is
    named with what changed. ``source``: the lock file's name, for a lock imported from one.
    """
    reason = (reason or "").strip() or None
    records: list[LockRecord] = []
    with book.transaction():
        latest = _latest_locks(book)
        refusals: list[Finding] = []
        plan: list[tuple[LockedUnit, BookEntry | None, Changes | None]] = []
        for unit in lock.units.values():
            before = latest.get((unit.unit_id, unit.year, unit.period))
            if before is None:
                plan.append((unit, None, None))
                continue
            old = figures_of(before)
            if same_figures(old, unit):
                records.append(LockRecord(unit.unit_id, "unchanged", before))
                continue
            changes = changes_between(old, unit)
            plan.append((unit, before, changes))
            if reason is None:
                refusals.append(_relock_refusal(unit, before, changes))
        if refusals:
            raise ThiduaError(finding("book-relock-needs-reason", count=len(refusals)), *refusals)
        when = now()
        for unit, before, changed in plan:
            entry = book.append(
                "lock",
                unit.cluster,
                unit.year,
                unit.period,
                _lock_body(unit, lock, source),
                unit=unit.unit_id,
                actor=by,
                supersedes=before.seq if before is not None else None,
                reason=reason if before is not None else None,
                created=when,
            )
            status: Literal["new", "relocked"] = "new" if before is None else "relocked"
            records.append(LockRecord(unit.unit_id, status, entry, changed))
    return sorted(records, key=lambda r: r.unit_id)


def _relock_refusal(unit: LockedUnit, before: BookEntry, changes: Changes) -> Finding:
    return finding(
        "book-relock-unit",
        unit=unit.unit_id,
        date=before.date,
        digest=before.short,
        what=_changes_text(changes),
    )


def _changes_text(changes: Changes) -> Msg:
    own = ", ".join(changes.own) or None
    theirs = ", ".join(changes.cluster) or None
    if own and theirs:
        return Msg("book.changed.both", {"own": own, "cluster": theirs})
    if own:
        return Msg("book.changed.own", {"own": own})
    return Msg("book.changed.cluster", {"cluster": theirs})


LockEntries = list[tuple[BookEntry, LockedUnit]]  # a book's lock entries, figures read


def lock_entries(book: RecordBook) -> LockEntries:
    """Every unit's lock entries in book order, each with its figures (read once: ``rank``
    checks lock files against them, then takes the verified figures from them)."""
    return [(e, figures_of(e)) for e in book.entries("lock") if e.unit is not None]


def verified_figures(book: RecordBook, entries: LockEntries | None = None) -> Verified:
    """Every unit's latest verified figures, with the re-verifications that changed its own
    figures (their reason and date) — what ``rank`` compares the workbooks with."""
    chains: dict[tuple[str, int, str], LockEntries] = {}
    for entry, figures in entries if entries is not None else lock_entries(book):
        assert entry.unit is not None  # lock_entries keeps the units' entries only
        chains.setdefault((entry.unit, entry.year, entry.period), []).append((entry, figures))
    items: dict[tuple[str, int, str], Verification] = {}
    for key, chain in chains.items():
        by_seq = {e.seq: f for e, f in chain}
        relocks: list[Relock] = []
        for entry, figures in chain:
            before = by_seq.get(entry.supersedes) if entry.supersedes is not None else None
            if before is None:
                continue
            own = changes_between(before, figures).own
            if own:
                relocks.append(Relock(tuple(own), entry.reason or "", entry.date, entry.actor))
        latest, figures = chain[-1]
        items[key] = Verification(
            figures,
            latest.short,
            tuple(relocks),
            locked_on=latest.date,
            source_digest=latest.short,
        )
    return Verified(items, "book")


def check_lock_file(
    book: RecordBook, lock: Lock, file: Path, entries: LockEntries | None = None
) -> None:
    """A lock file given to ``rank`` must hold figures the book recorded for each unit
    (a lock file edited and re-sealed afterwards does not)."""
    recorded: dict[tuple[str, int, str], list[LockedUnit]] = {}
    for entry, figures in entries if entries is not None else lock_entries(book):
        assert entry.unit is not None
        recorded.setdefault((entry.unit, entry.year, entry.period), []).append(figures)
    refusals = []
    for unit in lock.units.values():
        known = recorded.get((unit.unit_id, unit.year, unit.period), [])
        if not any(same_figures(unit, one) for one in known):
            variant = "absent" if not known else None
            refusals.append(
                finding(
                    "lock-not-in-book",
                    variant=variant,
                    file=str(file),
                    unit=unit.unit_id,
                    book=str(book.path),
                )
            )
    if refusals:
        raise ThiduaError(*refusals)


def unit_lock_digest(path: Path, unit_id: str, year: int, period: str) -> str | None:
    """The short digest of ``unit_id``'s latest lock entry, for its verification minutes
    (``None`` when the book or the entry does not exist)."""
    book = RecordBook.open(path, write=False)
    if book is None:
        return None
    with book:
        found = book.entries("lock", unit=unit_id, year=year, period=period)
    return found[-1].short if found else None


# --- the meeting: rankings, the vote, head and deputy ------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return exact_text(value)
    if isinstance(value, Exact):
        return exact_text(value.value) + value.unit
    if isinstance(value, Msg):
        return {"key": value.key, "params": {k: _jsonable(v) for k, v in value.params.items()}}
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def finding_json(found: Finding) -> dict[str, Any]:
    """A reason as data the book keeps (rendered again, in any language, by ``history``)."""
    return {"code": found.code, "variant": found.variant, "params": _jsonable(found.params)}


def finding_from_json(data: Mapping[str, Any]) -> Finding:
    def param(value: Any) -> Param:
        if isinstance(value, Mapping) and set(value) == {"key", "params"}:
            return Msg(str(value["key"]), {k: param(v) for k, v in value["params"].items()})
        if isinstance(value, str | int) or value is None:
            return value
        return str(value)

    code = str(data["code"])
    params = {k: param(v) for k, v in dict(data.get("params") or {}).items()}
    return Finding(code, CODES[code].severity, params, variant=data.get("variant"))


def ranking_body(ranking: Ranking, cluster: ClusterRanking) -> dict[str, Any]:
    """One cluster's ranking as the meeting saw it: statuses, reasons, ranks, totals,
    the proposals (the elected flag with them)."""
    proposals = [
        {"flag": p.flag.value, "unit_id": p.entry.unit.id, "elected": p.elected}
        for p in [*ranking.province_flag, *ranking.government_flag]
        if p.cluster.id == cluster.cluster.id
    ]
    return {
        "name": cluster.cluster.name,
        "by": ranking.by.json_key,
        "leader": cluster.leader,
        "tie": cluster.tie,
        "elected": cluster.elected,
        "entries": [
            {
                "unit_id": e.unit.id,
                "unit_name": e.unit.name,
                "rank": e.rank,
                "total": _jsonable(e.total),
                "sections": _jsonable(e.sections),
                "status": e.status.value,
                "reasons": [finding_json(r) for r in e.reasons],
                "proposals": [p.flag.value for p in e.proposals],
                "lock_digest": e.workbook.lock_digest if e.workbook is not None else None,
                "progress": _jsonable(e.progress),
            }
            for e in cluster.entries
        ],
        "proposals": proposals,
    }


def _latest(book: RecordBook, kind: Kind, cluster: str, year: int, period: str) -> Any:
    found = book.entries(kind, cluster=cluster, year=year, period=period)
    return found[-1].data() if found else None


def record_meeting(book: RecordBook, ranking: Ranking) -> list[BookEntry]:
    """Record what ``rank`` wrote for the meeting, in one transaction: per cluster the head
    and deputy of the year, the ranking and the vote — each only when it differs from what
    the book holds for that cluster, year and period already."""
    meeting = ranking.meeting
    if meeting.year is None or ranking.preview:
        return []
    year, period = meeting.year, meeting.period
    written: list[BookEntry] = []
    with book.transaction():
        for cluster in ranking.clusters:
            found = cluster.cluster  # as the units file names its head and deputy
            officers = {"name": found.name, "head": found.head, "deputy": found.deputy}
            ranked = ranking_body(ranking, cluster)
            vote = {"unit_id": cluster.elected} if cluster.elected is not None else None
            parts: tuple[tuple[Kind, dict[str, Any] | None], ...] = (
                ("officers", officers),
                ("ranking", ranked),
                ("vote", vote),
            )
            for kind, body in parts:
                if body is None or _latest(book, kind, found.id, year, period) == body:
                    continue
                written.append(book.append(kind, found.id, year, period, body))
    return written


def recorded_votes(book: RecordBook, year: int, period: str) -> dict[str, str]:
    """Cluster id -> the unit the meeting elected, as ``rank --elected --out`` recorded it."""
    votes: dict[str, str] = {}
    for entry in book.entries("vote", year=year, period=period):
        if entry.cluster is not None:
            votes[entry.cluster] = str(entry.data()["unit_id"])  # the latest entry wins
    return votes


def past_results(book: RecordBook, year: int) -> dict[str, PastResult]:
    """Each unit's rank, total and status at ``year``'s year-end meeting, as last recorded."""
    from thidua_cli.ranking.rank import PastResult

    latest: dict[str, Any] = {}
    for entry in book.entries("ranking", year=year, period="year"):
        latest[entry.cluster] = entry.data()
    results: dict[str, PastResult] = {}
    for body in latest.values():
        for row in body.get("entries", []):
            total = row.get("total")
            results[row["unit_id"]] = PastResult(
                row.get("rank"), Decimal(total) if total is not None else None, row["status"]
            )
    return results


class PeriodRecord(Struct):
    """One cluster's year (or half-year) as the book remembers it."""

    cluster: str
    name: str
    year: int
    period: str
    head: str | None
    deputy: str | None
    ranking: dict[str, Any] | None  # the last ranking recorded for the meeting
    elected: str | None
    recorded: str | None  # when that ranking was recorded
    locks: list[BookEntry]  # the units' lock entries of the period


def history(
    book: RecordBook, cluster: str | None = None, unit: str | None = None
) -> list[PeriodRecord]:
    """Year by year, per cluster: head and deputy, the ranking, the vote; with ``unit``, only
    the periods that unit was in, with its locks."""
    records: dict[tuple[str, int, str], PeriodRecord] = {}

    def record(entry: BookEntry) -> PeriodRecord:
        key = (entry.cluster, entry.year, entry.period)
        if key not in records:
            records[key] = PeriodRecord(
                entry.cluster,
                entry.cluster,
                entry.year,
                entry.period,
                None,
                None,
                None,
                None,
                None,
                [],
            )
        return records[key]

    for entry in book.entries(cluster=cluster):
        one = record(entry)
        data = entry.data()
        if entry.kind == "officers":
            one.name, one.head, one.deputy = data["name"], data["head"], data["deputy"]
        elif entry.kind == "ranking":
            one.ranking, one.recorded = data, entry.created
            one.name = data.get("name", one.name)
        elif entry.kind == "vote":
            one.elected = data["unit_id"]
        elif entry.kind == "lock" and unit is not None and entry.unit == unit:
            one.locks.append(entry)
    found = sorted(records.values(), key=lambda r: (r.cluster, r.year, r.period != "half"))
    if unit is not None:
        found = [r for r in found if _has_unit(r, unit)]
    return found


def _has_unit(record: PeriodRecord, unit: str) -> bool:
    rows = record.ranking.get("entries", []) if record.ranking else []
    return bool(record.locks) or any(row.get("unit_id") == unit for row in rows)
