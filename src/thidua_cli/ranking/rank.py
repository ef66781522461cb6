"""The cluster ranking (SPEC §4, guidance I.3.3, I.3.4 and III): status, ranks, the leader on
the scores, the meeting's vote, flag proposals.

The scores propose; the year-end meeting elects ("suy tôn (bầu) 01 đơn vị nhất Cụm"). Equal
totals are a tie that only the meeting settles: the guidance has no tie-break, so none is
computed (section scores are shown, never used to break a tie). The half-year review elects
no one and proposes nothing.

Pure data in, data out: results from ``score``, the units file, optionally the lock and the
meeting's vote. Nothing depends on the order of the results. Reasons and notes are
findings; their sentences are rendered by whoever shows them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field
from msgspec.structs import replace

from thidua_cli.findings import Finding, Msg, ThiduaError, UsageError, finding
from thidua_cli.ranking.lock import Changes, Lock, Relock, Verified, compare
from thidua_cli.rubric.deadlines import deadline, deadline_text, is_late
from thidua_cli.rubric.sides import Period, Side
from thidua_cli.scoring.compute import Scores
from thidua_cli.scoring.duplicates import duplicate_problems

if TYPE_CHECKING:  # the record book's history reads rankings without the scorer or units
    from thidua_cli.scoring.results import WorkbookResult
    from thidua_cli.units.model import Cluster, Unit, UnitsFile
    from thidua_cli.units.rubrics import ClusterRubrics

GOVERNMENT_FLAG_SHARE_DIVISOR = 5  # "không quá 20%": floor(N / 5), in integers
PROGRESS_STEP = Decimal("0.1")  # half-year progress, in percent of the rubric's maximum


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
    "cluster-changed-after-lock": Status.INCOMPLETE,  # waits for a new lock of the unit
    "not-locked": Status.INCOMPLETE,
    "no-workbook": Status.INCOMPLETE,
    "duplicate-workbook": Status.INCOMPLETE,
    "workbook-errors": Status.INCOMPLETE,
    "scoring-incomplete": Status.INCOMPLETE,
    "other-rubric": Status.INCOMPLETE,
    # re-verified with a reason after the unit changed its own figures: the meeting decides
    "changed-after-verification": Status.ELIGIBLE,
}


class Flag(StrEnum):
    PROVINCE = "province_flag"  # Cờ thi đua của UBND tỉnh
    GOVERNMENT = "government_flag"  # Cờ thi đua của Chính phủ


class Meeting(Struct, frozen=True):
    """Which meeting the ranking is for, and what it decided.

    ``year``: the competition year (``None``: no deadline is checked); ``period``: the
    year-end meeting or the half-year review; ``elected``: the vote, cluster id -> unit id;
    ``today``: the day of the run (the deadline check).
    """

    year: int | None = None
    period: Period = "year"
    elected: Mapping[str, str] = field(default_factory=dict)
    today: date | None = None

    @property
    def half_year(self) -> bool:
        return self.period == "half"

    @property
    def deadline(self) -> date | None:
        return deadline(self.year, self.period) if self.year is not None else None


class ReturnedWorkbook(Struct, frozen=True):
    """What ranking keeps of one workbook: about a kilobyte, not its every input and point
    (ranking holds one per unit; see ``rank_paths``)."""

    file: str
    unit_id: str | None
    cluster: str | None  # as the form says; the units file decides
    errors: int
    scores: dict[Side, Scores]  # sections and total only
    changes: Changes | None  # what changed since the verified figures; None: nothing to compare
    rubric: tuple[str, str] | None = None  # the form's rubric (id, digest)
    lock_digest: str | None = None  # the short digest of the unit's lock entry in the book
    relocks: tuple[Relock, ...] = ()  # re-verifications after the unit changed its figures

    @classmethod
    def of(cls, result: WorkbookResult, verified: Verified | None) -> ReturnedWorkbook:
        identity = result.identity
        found = (
            verified.get(identity.unit_id, identity.year, identity.period)
            if verified is not None and identity is not None
            else None
        )
        return cls(
            file=result.file,
            unit_id=identity.unit_id if identity else None,
            cluster=identity.cluster if identity else None,
            errors=sum(p.is_error for p in result.problems),
            scores={
                side: Scores(sections=scores.sections, total=scores.total)
                for side, scores in result.scores.items()
            },
            changes=compare(found.unit, result) if found is not None and result.ok else None,
            rubric=(identity.rubric_id, identity.rubric_digest) if identity else None,
            lock_digest=found.digest if found is not None else None,
            relocks=found.relocks if found is not None else (),
        )

    def complete(self, side: Side) -> bool:
        scores = self.scores.get(side)
        return scores is not None and scores.complete


class Entry(Struct):
    """One unit of a cluster, ranked or not, with everything the meeting needs to see."""

    cluster: Cluster
    unit: Unit
    workbook: ReturnedWorkbook | None  # its one workbook (none when missing or sent twice)
    status: Status
    reasons: list[Finding]  # why it is not ranked (see ``REASON_STATUS``)
    by: Side
    rank: int | None = None
    changed: list[str] = field(default_factory=list)  # criteria changed after the lock
    proposals: list[Proposal] = field(default_factory=list)
    progress: Decimal | None = None  # half-year review: percent of the rubric's maximum

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


class ClusterRanking(Struct):
    """One cluster's units in rank order, its leader or tie, and the meeting's vote."""

    cluster: Cluster
    entries: list[Entry]  # eligible by rank, then excluded, deferred, incomplete (units-file order)
    leader: str | None  # the top eligible unit on the exact total; None on a tie or nobody
    tie: list[str]  # the units sharing the top total: the meeting elects between them
    elected: str | None = None  # the meeting's vote ("suy tôn"), once recorded

    def entry(self, unit_id: str) -> Entry:
        return next(e for e in self.entries if e.unit.id == unit_id)

    @property
    def leader_entry(self) -> Entry | None:
        return self.entry(self.leader) if self.leader is not None else None

    @property
    def elected_entry(self) -> Entry | None:
        return self.entry(self.elected) if self.elected is not None else None


class Proposal(Struct):
    """A unit proposed for a flag, provisional until its cluster's meeting has voted."""

    flag: Flag
    cluster: Cluster
    entry: Entry
    elected: bool  # False: provisional, the scores' leader before the meeting's vote


class GovernmentCap(Struct):
    """The 20 % cap on the Government's flag, checked only when the total is given."""

    province_flag_total: int | None  # the denominator the user stated
    allowed: int | None  # floor(20 % of it); None when not stated

    @property
    def checked(self) -> bool:
        return self.allowed is not None


class PastResult(Struct, frozen=True):
    """A unit's result at an earlier year-end meeting, as the record book holds it."""

    rank: int | None
    total: Decimal | None
    status: str


class Ranking(Struct):
    """What ``rank`` found for the whole sector: each cluster, the proposals and the notes."""

    by: Side
    clusters: list[ClusterRanking]
    province_flag: list[Proposal]
    government_flag: list[Proposal]
    cap: GovernmentCap
    notes: list[Finding]  # what the clerk must know: missing or unknown workbooks, the cap, ...
    locked: bool = False
    workbooks_with_errors: int = 0
    meeting: Meeting = field(default_factory=Meeting)
    undecided: list[str] = field(default_factory=list)  # clusters without a provincial flag unit
    verified_by: str | None = None  # where the verified figures came from: "lock" or "book"
    last_year: dict[str, PastResult] = field(default_factory=dict)  # unit id -> last year's

    @property
    def preview(self) -> bool:
        return self.by is Side.SELF

    @property
    def half_year(self) -> bool:
        return self.meeting.half_year

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
    lock: Verified | Lock | None = None,
    by: Side = Side.CLUSTER,
    province_flag_total: int | None = None,
    meeting: Meeting | None = None,
    rubrics: ClusterRubrics | None = None,
) -> Ranking:
    """Rank every cluster of ``units`` from the scored ``results`` (see the module docstring).

    ``lock``: the verified figures (a lock file's, or the record book's).
    """
    verified = Verified.from_lock(lock) if isinstance(lock, Lock) else lock
    return rank_returned(
        [ReturnedWorkbook.of(r, verified) for r in results],
        units,
        verified,
        by,
        province_flag_total,
        meeting,
        rubrics,
    )


def rank_returned(
    returned: list[ReturnedWorkbook],
    units: UnitsFile,
    lock: Verified | None,
    by: Side,
    province_flag_total: int | None,
    meeting: Meeting | None = None,
    rubrics: ClusterRubrics | None = None,
) -> Ranking:
    if province_flag_total is not None and province_flag_total < 0:
        raise ValueError("province_flag_total must be >= 0")
    meeting = meeting or Meeting()
    if lock is not None and not _verifies(lock, meeting):
        lock = None  # the book has no lock of this year yet: nothing verified to compare
    notes: list[Finding] = []
    if by is Side.SELF:
        notes.append(finding("rank-preview"))
    if meeting.half_year:
        notes.append(finding("rank-half-year"))
    notes += _deadline_notes(meeting)
    notes += _other_meeting_notes(lock, meeting)
    returned = mark_duplicates(returned)
    by_unit = _group_results(returned, units, notes)
    clusters = [
        _rank_cluster(c, by_unit, lock, by, meeting, rubrics, notes) for c in units.clusters
    ]
    _record_vote(clusters, units, meeting, notes)
    ranking = Ranking(
        by,
        clusters,
        [],
        [],
        GovernmentCap(province_flag_total, None),
        notes,
        locked=lock is not None and len(lock) > 0,
        workbooks_with_errors=sum(1 for one in returned if one.errors),
        meeting=meeting,
        verified_by=lock.source if lock is not None else None,
    )
    if not meeting.half_year:
        _propose(ranking, province_flag_total)
    return ranking


def _verifies(lock: Verified, meeting: Meeting) -> bool:
    """A lock file given is always compared with; the record book only for a year and period
    it holds locks of (last year's locks say nothing about this year's forms)."""
    if lock.source != "book" or meeting.year is None:
        return True
    return lock.covers(meeting.year, meeting.period)


def _other_meeting_notes(lock: Verified | None, meeting: Meeting) -> list[Finding]:
    """Lock files given that hold figures of other meetings only (last year's, say): no
    unit is verified by them, and the clerk is told why."""
    if lock is None or lock.source == "book" or meeting.year is None:
        return []
    if len(lock) == 0 or lock.covers(meeting.year, meeting.period):
        return []
    held = tuple(Msg(f"meeting.{period}", {"year": year}) for year, period in lock.meetings())
    wanted = Msg(f"meeting.{meeting.period}", {"year": meeting.year})
    return [finding("lock-other-meeting", held=held, meeting=wanted)]


def _deadline_notes(meeting: Meeting) -> list[Finding]:
    if meeting.year is None or meeting.today is None:
        return []
    if not is_late(meeting.year, meeting.period, meeting.today):
        return []
    return [
        finding(
            "rank-after-deadline",
            meeting=Msg(f"meeting.{meeting.period}", {"year": meeting.year}),
            deadline=deadline_text(meeting.year, meeting.period),
            today=meeting.today.strftime("%d/%m/%Y"),
        )
    ]


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
    cluster: Cluster,
    unit: Unit,
    found: list[ReturnedWorkbook],
    lock: Verified | None,
    by: Side,
    rubrics: ClusterRubrics | None,
) -> tuple[list[Finding], list[str]]:
    """Every reason that stops ``unit`` being ranked, and the criteria it changed itself after
    the lock (a correction of the cluster's own column waits for a new lock instead)."""
    reasons: list[Finding] = []
    changed: list[str] = []
    if not unit.registered:
        reasons.append(finding("not-registered"))
    if not unit.agreement_signed:
        reasons.append(finding("no-agreement"))
    if unit.violation:
        reasons.append(finding("violation", text=unit.violation))
    if len(found) == 1 and lock is not None:
        changed = _lock_reasons(found[0], reasons)
    if unit.pending_investigation:
        reasons.append(finding("pending-investigation"))
    if not found:
        reasons.append(finding("no-workbook"))
    elif len(found) > 1:
        files = ", ".join(Path(s.file).name for s in found)
        reasons.append(finding("duplicate-workbook", files=files))
    else:
        one = found[0]
        if one.errors:
            reasons.append(finding("workbook-errors", count=one.errors))
        elif rubrics is not None and one.rubric is not None:
            expected = rubrics.of(cluster.id)
            if one.rubric != (expected.id, expected.digest()):
                reasons.append(finding("other-rubric", form=one.rubric[0], rubric=expected.id))
        if not one.complete(by):
            side = None if by is Side.CLUSTER else "self"
            reasons.append(finding("scoring-incomplete", variant=side))
    return reasons, changed


def _lock_reasons(one: ReturnedWorkbook, reasons: list[Finding]) -> list[str]:
    """Which side changed what since the verified figures, and the re-verifications the
    meeting must know of; returns the criteria the unit changed itself."""
    changes = one.changes
    if changes is None:
        if not one.errors:  # a workbook with errors has nothing to compare yet
            reasons.append(finding("not-locked"))
        return []
    for relock in one.relocks:
        reasons.append(
            finding(
                "changed-after-verification",
                codes=", ".join(relock.changed),
                date=relock.date,
                reason=relock.reason,
            )
        )
    if changes.own:
        reasons.append(finding("changed-after-lock", codes=", ".join(changes.own)))
    if changes.cluster:
        reasons.append(finding("cluster-changed-after-lock", codes=", ".join(changes.cluster)))
    return list(changes.own)


def _rank_cluster(
    cluster: Cluster,
    by_unit: dict[str, list[ReturnedWorkbook]],
    lock: Verified | None,
    by: Side,
    meeting: Meeting,
    rubrics: ClusterRubrics | None,
    notes: list[Finding],
) -> ClusterRanking:
    entries: list[Entry] = []
    for unit in cluster.units:
        found = by_unit.get(unit.id, [])
        reasons, changed = _reasons(cluster, unit, found, lock, by, rubrics)
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
    eligible = [e for e in entries if e.status is Status.ELIGIBLE]
    others = [e for s in STATUS_ORDER[:3] for e in entries if e.status is s]
    if meeting.half_year:  # a review of progress: no ranks, no leader
        maximum = rubrics.of(cluster.id).max_total if rubrics is not None else None
        for entry in entries:
            entry.progress = _progress(entry, maximum)
        return ClusterRanking(cluster, [*eligible, *others], None, [])
    # the exact total alone orders them; equal totals share a rank (units-file order within)
    eligible.sort(key=lambda e: -(e.total or Decimal(-1)))
    for entry in eligible:
        total = entry.total or Decimal(-1)
        entry.rank = 1 + sum(1 for other in eligible if (other.total or Decimal(-1)) > total)
    top = [e.unit.id for e in eligible if e.rank == 1]
    leader, tie = (top[0], []) if len(top) == 1 else (None, top)
    if tie:
        notes.append(finding("rank-tie", cluster=cluster.id, units=", ".join(tie)))
    return ClusterRanking(cluster, [*eligible, *others], leader, tie)


def _progress(entry: Entry, maximum: Decimal | None) -> Decimal | None:
    total = entry.total
    if total is None or not maximum:
        return None
    return (100 * total / maximum).quantize(PROGRESS_STEP)


# --- the vote and the proposals -----------------------------------------------------------


def _record_vote(
    clusters: list[ClusterRanking], units: UnitsFile, meeting: Meeting, notes: list[Finding]
) -> None:
    """The meeting's vote: each elected unit an eligible member of its cluster, or refused."""
    if not meeting.elected:
        return
    if meeting.half_year:
        raise UsageError(finding("elected-half-year"))
    by_id = {c.cluster.id: c for c in clusters}
    refusals: list[Finding] = []
    for cluster_id, unit_id in meeting.elected.items():
        ranked = by_id.get(cluster_id)
        if ranked is None:
            known = ", ".join(by_id)
            refusals.append(
                finding("elected-unknown-cluster", cluster=cluster_id, unit=unit_id, known=known)
            )
            continue
        member = next((e for e in ranked.entries if e.unit.id == unit_id), None)
        if member is None:
            elsewhere = units.find(unit_id)
            variant = "elsewhere" if elsewhere is not None else None
            other = elsewhere[0].id if elsewhere is not None else None
            refusals.append(
                finding(
                    "elected-not-member",
                    variant=variant,
                    cluster=cluster_id,
                    unit=unit_id,
                    other=other,
                )
            )
            continue
        if member.status is not Status.ELIGIBLE:
            why = member.reasons[0]
            refusals.append(
                finding(
                    "elected-not-eligible",
                    cluster=cluster_id,
                    unit=unit_id,
                    status=Msg(f"rank.status.{member.status.value}"),
                    reason=Msg(why.key, {**why.params}),
                )
            )
            continue
        ranked.elected = unit_id
        if unit_id != ranked.leader:
            top = ranked.leader or ", ".join(ranked.tie) or "-"
            notes.append(finding("rank-elected-other", cluster=cluster_id, unit=unit_id, top=top))
    if refusals:
        raise ThiduaError(*refusals)


def _propose(ranking: Ranking, province_flag_total: int | None) -> None:
    """The provincial flag for each cluster's elected unit (its leader, provisionally, before
    the vote; nobody on a tie); the Government flag once every cluster has decided."""
    for cluster in ranking.clusters:
        elected = cluster.elected_entry
        if elected is not None:
            ranking.province_flag.append(Proposal(Flag.PROVINCE, cluster.cluster, elected, True))
        elif (leader := cluster.leader_entry) is not None:
            ranking.province_flag.append(Proposal(Flag.PROVINCE, cluster.cluster, leader, False))
    ranking.undecided = [c.cluster.id for c in ranking.clusters if c.elected is None]
    government, ranking.cap = _government_flag(ranking, province_flag_total)
    ranking.government_flag = government
    for proposal in [*ranking.province_flag, *government]:
        proposal.entry.proposals.append(proposal)


def _government_flag(ranking: Ranking, total: int | None) -> tuple[list[Proposal], GovernmentCap]:
    """The one leading unit among the clusters' elected units, on their totals, within the
    20 % cap when it is known; named only once every cluster of the units file has voted."""
    notes = ranking.notes
    province = ranking.province_flag
    allowed = None if total is None else total // GOVERNMENT_FLAG_SHARE_DIVISOR
    cap = GovernmentCap(total, allowed)
    if total is None:
        notes.append(finding("rank-cap-unchecked"))
    elif total < len(province):
        notes.append(finding("rank-cap-denominator", total=total, leaders=len(province)))
    if ranking.undecided:
        notes.append(finding("rank-government-undecided", clusters=", ".join(ranking.undecided)))
        return [], cap
    if not province:
        return [], cap
    best = max(p.entry.total or Decimal(-1) for p in province)
    tied = [p for p in province if (p.entry.total or Decimal(-1)) == best]
    if len(tied) > 1:
        units = ", ".join(p.entry.unit.id for p in tied)
        notes.append(finding("rank-government-tie", units=units))
        return [], cap
    if allowed is not None:
        if allowed < 1:
            notes.append(finding("rank-cap-exceeded", total=total))
            return [], cap
        notes.append(finding("rank-cap-checked", total=total, allowed=allowed))
    chosen = tied[0]
    return [Proposal(Flag.GOVERNMENT, chosen.cluster, chosen.entry, True)], cap
