"""The cluster ranking (SPEC §4, guidance I.3.4 and III): status, ranks, leader, flag proposals.

Pure data in, data out: results from ``score``, the units file, optionally the lock. Nothing
depends on the order of the results (ties and duplicates are resolved by unit id). Reasons
and notes are findings; their sentences are rendered by whoever shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from thidua_cli.findings import Finding, finding
from thidua_cli.ranking.lock import Lock, compare
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.batch import duplicate_problems
from thidua_cli.scoring.compute import Scores
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.units.model import Cluster, Unit, UnitsFile

GOVERNMENT_FLAG_SHARE_DIVISOR = 5  # "không quá 20%": floor(N / 5), in integers


class Status(StrEnum):
    ELIGIBLE = "eligible"
    EXCLUDED = "excluded"  # Không xét thi đua
    DEFERRED = "deferred"  # Chưa xét
    INCOMPLETE = "incomplete"


# the status a unit gets is the strongest of its reasons' statuses
STATUS_ORDER = (Status.EXCLUDED, Status.DEFERRED, Status.INCOMPLETE, Status.ELIGIBLE)


# The status each reason gives a unit (findings of the group "rank-reason").
REASON_STATUS: dict[str, Status] = {
    "not-registered": Status.EXCLUDED,
    "no-agreement": Status.EXCLUDED,
    "violation": Status.EXCLUDED,
    "changed-after-lock": Status.EXCLUDED,
    "pending-investigation": Status.DEFERRED,
    "not-locked": Status.INCOMPLETE,
    "no-workbook": Status.INCOMPLETE,
    "duplicate-workbook": Status.INCOMPLETE,
    "workbook-errors": Status.INCOMPLETE,
    "scoring-incomplete": Status.INCOMPLETE,
}


class Flag(StrEnum):
    PROVINCE = "province_flag"  # Cờ thi đua của UBND tỉnh
    GOVERNMENT = "government_flag"  # Cờ thi đua của Chính phủ


def _reason(code: str, variant: str | None = None, **params: Any) -> Finding:
    return finding(code, variant=variant, **params)


@dataclass(frozen=True)
class ReturnedWorkbook:
    """What ranking keeps of one workbook: about a kilobyte, not its every input and point
    (ranking holds one per unit; see ``rank_paths``)."""

    file: str
    unit_id: str | None
    cluster: str | None  # as the form says; the units file decides
    errors: int
    scores: dict[Side, Scores]  # sections and total only
    changed: list[str] | None  # criteria changed since the lock; None: nothing to compare

    @classmethod
    def of(cls, result: WorkbookResult, lock: Lock | None) -> ReturnedWorkbook:
        identity = result.identity
        return cls(
            file=result.file,
            unit_id=identity.unit_id if identity else None,
            cluster=identity.cluster if identity else None,
            errors=sum(p.is_error for p in result.problems),
            scores={
                side: Scores(sections=scores.sections, total=scores.total)
                for side, scores in result.scores.items()
            },
            changed=_changed(result, lock),
        )

    def complete(self, side: Side) -> bool:
        scores = self.scores.get(side)
        return scores is not None and scores.complete


@dataclass
class Entry:
    """One unit of a cluster, ranked or not, with everything the meeting needs to see."""

    cluster: Cluster
    unit: Unit
    workbook: ReturnedWorkbook | None  # its one workbook (none when missing or sent twice)
    status: Status
    reasons: list[Finding]  # why it is not ranked (see ``REASON_STATUS``)
    by: Side
    rank: int | None = None
    changed: list[str] = field(default_factory=list)  # criteria changed after the lock
    proposals: list[Flag] = field(default_factory=list)

    @property
    def role(self) -> str:
        return self.cluster.role(self.unit.id)

    def scores(self, side: Side) -> Scores | None:
        return self.workbook.scores.get(side) if self.workbook is not None else None

    def total_of(self, side: Side) -> Decimal | None:
        scores = self.scores(side)
        return scores.total if scores is not None else None

    @property
    def total(self) -> Decimal | None:
        return self.total_of(self.by)

    @property
    def sections(self) -> dict[str, Decimal | None]:
        scores = self.scores(self.by)
        return dict(scores.sections) if scores is not None else {}

    @property
    def difference(self) -> Decimal | None:
        """Self total minus cluster total: how much the cluster took off."""
        own, cluster = self.total_of(Side.SELF), self.total_of(Side.CLUSTER)
        return own - cluster if own is not None and cluster is not None else None

    def sort_key(self) -> tuple[Decimal, ...]:
        """Total, then sections 1, 2, 3 (guidance: ties broken section by section)."""
        sections = self.sections
        parts = [self.total] + [sections[k] for k in sorted(sections, key=_section_order)]
        return tuple(p if p is not None else Decimal(-1) for p in parts)


def _section_order(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**6, code)


@dataclass
class ClusterRanking:
    cluster: Cluster
    entries: list[Entry]  # eligible by rank, then excluded, deferred, incomplete (units-file order)
    leader: str | None
    tie: list[str]  # unit ids the meeting must elect between ("suy tôn") when the leader is open

    def entry(self, unit_id: str) -> Entry:
        return next(e for e in self.entries if e.unit.id == unit_id)

    @property
    def leader_entry(self) -> Entry | None:
        return self.entry(self.leader) if self.leader is not None else None


@dataclass
class Proposal:
    flag: Flag
    cluster: Cluster
    entry: Entry


@dataclass
class GovernmentCap:
    province_flag_total: int | None  # the denominator the user stated
    allowed: int | None  # floor(20 % of it); None when not stated

    @property
    def checked(self) -> bool:
        return self.allowed is not None


@dataclass
class Ranking:
    by: Side
    clusters: list[ClusterRanking]
    province_flag: list[Proposal]
    government_flag: list[Proposal]
    cap: GovernmentCap
    notes: list[Finding]  # what the clerk must know: missing or unknown workbooks, the cap, ...
    locked: bool = False
    workbooks_with_errors: int = 0

    @property
    def preview(self) -> bool:
        return self.by is Side.SELF

    @property
    def has_errors(self) -> bool:
        """Errors in the data (a workbook with errors, an unidentified or duplicate one): exit 1."""
        return self.workbooks_with_errors > 0 or any(n.is_error for n in self.notes)


def mark_duplicates(returned: list[ReturnedWorkbook]) -> list[ReturnedWorkbook]:
    """Two workbooks for one unit is an error in each (as ``score`` reports it)."""
    twice = duplicate_problems((one.unit_id, one.file) for one in returned)
    return [replace(one, errors=one.errors + 1) if one.file in twice else one for one in returned]


def rank(
    results: Sequence[WorkbookResult],
    units: UnitsFile,
    lock: Lock | None = None,
    by: Side = Side.CLUSTER,
    province_flag_total: int | None = None,
) -> Ranking:
    """Rank every cluster of ``units`` from the scored ``results`` (see the module docstring)."""
    return rank_returned(
        [ReturnedWorkbook.of(r, lock) for r in results], units, lock, by, province_flag_total
    )


def _changed(result: WorkbookResult, lock: Lock | None) -> list[str] | None:
    """Criteria changed since the lock; ``None`` for a unit the lock has not, or had for
    another year or period (such a lock says nothing about this workbook)."""
    identity = result.identity
    locked = lock.units.get(identity.unit_id) if lock and identity else None
    if lock is None or locked is None or identity is None:
        return None
    if (locked.year, locked.period) != (identity.year, identity.period):
        return None
    return compare(lock, result)


def rank_returned(
    returned: list[ReturnedWorkbook],
    units: UnitsFile,
    lock: Lock | None,
    by: Side,
    province_flag_total: int | None,
) -> Ranking:
    if province_flag_total is not None and province_flag_total < 0:
        raise ValueError("province_flag_total must be >= 0")
    notes: list[Finding] = []
    if by is Side.SELF:
        notes.append(finding("rank-preview"))
    by_unit = _group_results(returned, units, notes)
    clusters = [_rank_cluster(c, by_unit, lock, by, notes) for c in units.clusters]
    province = [
        Proposal(Flag.PROVINCE, c.cluster, e) for c in clusters if (e := c.leader_entry) is not None
    ]
    government, cap = _government_flag(province, province_flag_total, notes)
    for proposal in [*province, *government]:
        proposal.entry.proposals.append(proposal.flag)
    bad = sum(1 for one in returned if one.errors)
    return Ranking(
        by,
        clusters,
        province,
        government,
        cap,
        notes,
        locked=lock is not None,
        workbooks_with_errors=bad,
    )


def _group_results(
    returned: list[ReturnedWorkbook], units: UnitsFile, notes: list[Finding]
) -> dict[str, list[ReturnedWorkbook]]:
    by_unit: dict[str, list[ReturnedWorkbook]] = {}
    for one in sorted(returned, key=lambda w: w.file):
        if one.unit_id is None:
            notes.append(finding("rank-unidentified", file=one.file))
            continue
        found = units.find(one.unit_id)
        if found is None:
            notes.append(finding("rank-unknown-unit", file=one.file, unit=one.unit_id))
            continue
        cluster, _ = found
        if one.cluster and one.cluster != cluster.id:
            notes.append(
                finding(
                    "rank-other-cluster",
                    file=one.file,
                    unit=one.unit_id,
                    form=one.cluster,
                    cluster=cluster.id,
                )
            )
        by_unit.setdefault(one.unit_id, []).append(one)
    for unit_id, group in sorted(by_unit.items()):
        if len(group) > 1:
            files = ", ".join(Path(s.file).name for s in group)
            notes.append(finding("rank-duplicate-unit", unit=unit_id, files=files))
    return by_unit


def _reasons(
    unit: Unit, found: list[ReturnedWorkbook], lock: Lock | None, by: Side
) -> tuple[list[Finding], list[str]]:
    """Every reason that stops ``unit`` being ranked, and the criteria changed after the lock."""
    reasons: list[Finding] = []
    changed: list[str] = []
    if not unit.registered:
        reasons.append(_reason("not-registered"))
    if not unit.agreement_signed:
        reasons.append(_reason("no-agreement"))
    if unit.violation:
        reasons.append(_reason("violation", text=unit.violation))
    if len(found) == 1 and lock is not None:
        if found[0].changed is None:
            reasons.append(_reason("not-locked"))
        elif found[0].changed:
            changed = found[0].changed
            reasons.append(_reason("changed-after-lock", codes=", ".join(changed)))
    if unit.pending_investigation:
        reasons.append(_reason("pending-investigation"))
    if not found:
        reasons.append(_reason("no-workbook"))
    elif len(found) > 1:
        files = ", ".join(Path(s.file).name for s in found)
        reasons.append(_reason("duplicate-workbook", files=files))
    else:
        one = found[0]
        if one.errors:
            reasons.append(_reason("workbook-errors", count=one.errors))
        if not one.complete(by):
            reasons.append(_reason("scoring-incomplete", None if by is Side.CLUSTER else "self"))
    return reasons, changed


def _rank_cluster(
    cluster: Cluster,
    by_unit: dict[str, list[ReturnedWorkbook]],
    lock: Lock | None,
    by: Side,
    notes: list[Finding],
) -> ClusterRanking:
    entries: list[Entry] = []
    for unit in cluster.units:
        found = by_unit.get(unit.id, [])
        reasons, changed = _reasons(unit, found, lock, by)
        status = next(
            (s for s in STATUS_ORDER if any(REASON_STATUS[r.code] is s for r in reasons)),
            Status.ELIGIBLE,
        )
        one = found[0] if len(found) == 1 else None
        entries.append(Entry(cluster, unit, one, status, reasons, by, changed=changed))
        if not found:
            notes.append(
                finding("rank-missing-workbook", unit=unit.id, name=unit.name, cluster=cluster.id)
            )
    eligible = sorted(
        (e for e in entries if e.status is Status.ELIGIBLE),
        key=lambda e: (tuple(-p for p in e.sort_key()), e.unit.id),
    )
    for entry in eligible:
        total = entry.total
        entry.rank = 1 + sum(1 for other in eligible if (other.total or 0) > (total or 0))
    leader, tie = _leader(eligible)
    if tie:
        notes.append(finding("rank-tie", cluster=cluster.id, units=", ".join(tie)))
    others = [e for s in STATUS_ORDER[:3] for e in entries if e.status is s]
    return ClusterRanking(cluster, [*eligible, *others], leader, tie)


def _leader(ordered: list[Entry]) -> tuple[str | None, list[str]]:
    """The top entry, unless its whole key (total, sections) is shared: then the tied ids."""
    if not ordered:
        return None, []
    top = ordered[0].sort_key()
    tied = [e.unit.id for e in ordered if e.sort_key() == top]
    return (tied[0], []) if len(tied) == 1 else (None, tied)


def _government_flag(
    province: list[Proposal], total: int | None, notes: list[Finding]
) -> tuple[list[Proposal], GovernmentCap]:
    """The one leading unit among the cluster leaders, within the 20 % cap when it is known."""
    allowed = None if total is None else total // GOVERNMENT_FLAG_SHARE_DIVISOR
    cap = GovernmentCap(total, allowed)
    if total is None:
        notes.append(finding("rank-cap-unchecked"))
    elif total < len(province):
        notes.append(finding("rank-cap-denominator", total=total, leaders=len(province)))
    if not province:
        return [], cap
    ordered = sorted(
        province, key=lambda p: (tuple(-k for k in p.entry.sort_key()), p.entry.unit.id)
    )
    top = ordered[0].entry.sort_key()
    tied = [p for p in ordered if p.entry.sort_key() == top]
    if len(tied) > 1:
        units = ", ".join(p.entry.unit.id for p in tied)
        notes.append(finding("rank-government-tie", units=units))
        return [], cap
    if allowed is not None:
        if allowed < 1:
            notes.append(finding("rank-cap-exceeded", total=total))
            return [], cap
        notes.append(finding("rank-cap-checked", total=total, allowed=allowed))
    return [Proposal(Flag.GOVERNMENT, ordered[0].cluster, ordered[0].entry)], cap
