"""What each paper says, as small data classes filled from the lock and the ranking.

The paper modules only lay these out; every figure on a paper comes from here, and here from
the lock (the verified figures) or the ranking (statuses, ranks, leader, proposals). Nothing
is rendered as a sentence here: reasons stay ``Finding`` objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from msgspec import Struct, field

from thidua_cli.findings import Finding, Msg, ThiduaError, finding
from thidua_cli.ranking.lock import LockedUnit, Verification
from thidua_cli.ranking.rank import (
    GOVERNMENT_FLAG_SHARE_DIVISOR,
    ClusterRanking,
    Entry,
    Ranking,
    Status,
)
from thidua_cli.rubric.model import Criterion, Rubric
from thidua_cli.rubric.sides import Period, Side
from thidua_cli.scoring.compute import capped_sum
from thidua_cli.units.model import Cluster, Unit, UnitsFile
from thidua_cli.units.rubrics import ClusterRubrics

# --- verification minutes ---------------------------------------------------------------------


class CriterionPoints(Struct, frozen=True):
    """One criterion (leaf or group) of the verified figures: both sides' points."""

    code: str
    title: str
    depth: int  # 0 for a section's own criteria
    maximum: Decimal
    own: Decimal | None  # Điểm tự chấm
    cluster: Decimal | None  # Điểm Cụm chấm
    is_group: bool

    @property
    def difference(self) -> Decimal | None:
        """Self minus cluster: what the cluster took off (as in the ranking)."""
        if self.own is None or self.cluster is None:
            return None
        return self.own - self.cluster

    @property
    def differs(self) -> bool:
        return self.own != self.cluster


class SectionPoints(Struct, frozen=True):
    code: str
    title: str
    maximum: Decimal
    own: Decimal | None
    cluster: Decimal | None
    criteria: tuple[CriterionPoints, ...]


class VerificationMinutes(Struct, frozen=True):
    """Biên bản kiểm tra, đối chiếu thống nhất điểm: one unit's verified figures."""

    unit_id: str
    unit_name: str
    cluster_id: str
    cluster_name: str
    parent: str  # the rubric's issuer (the department), printed above the cluster
    document: str  # the guidance the criteria come from
    year: int
    period: Period
    sections: tuple[SectionPoints, ...]
    digest: str  # the lock's digest, short form
    locked_on: date

    @property
    def own_total(self) -> Decimal | None:
        return _total(s.own for s in self.sections)

    @property
    def cluster_total(self) -> Decimal | None:
        return _total(s.cluster for s in self.sections)

    @property
    def disputed(self) -> list[CriterionPoints]:
        """Criteria whose points still differ, most specific first: a group only when none
        of its descendants differs (its points follow theirs)."""
        differing = [c for s in self.sections for c in s.criteria if c.differs]
        return [c for c in differing if not any(o.code.startswith(c.code + ".") for o in differing)]


def _total(parts: Iterable[Decimal | None]) -> Decimal | None:
    values = list(parts)
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), Decimal(0))


def _points(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def verifications(
    verified: Sequence[Verification], rubrics: ClusterRubrics, units: UnitsFile
) -> list[VerificationMinutes]:
    """One ``VerificationMinutes`` per verified unit (from the record book, or a lock file),
    in the units file's order (then the others), each with the rubric it was locked with (the
    base or its cluster's own, by id and digest) and the digest the signed paper quotes: its
    record-book entry's, else the lock file's."""
    order = {unit.id: index for index, (_, unit) in enumerate(units.units())}
    by_unit = {v.unit.unit_id: v for v in verified}
    locked = sorted(
        (v.unit for v in verified), key=lambda u: (order.get(u.unit_id, len(order)), u.unit_id)
    )
    found = {u.unit_id: rubrics.matching(u.rubric_id, u.rubric_digest) for u in locked}
    missing = [u for u in locked if found[u.unit_id] is None]
    if missing:
        known = ", ".join(sorted({r.id for r in rubrics}))
        raise ThiduaError(
            *(
                finding("papers-other-rubric", unit=u.unit_id, locked=u.rubric_id, rubric=known)
                for u in missing
            )
        )
    return [
        verification(
            one,
            rubric,
            units,
            by_unit[one.unit_id].source_digest,
            _day(by_unit[one.unit_id].locked_on),
        )
        for one in locked
        if (rubric := found[one.unit_id]) is not None
    ]


def _day(stamp: str) -> date:
    """The local day of an ISO time stamp (a date alone stays as it is)."""
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone() if moment.tzinfo else moment).date()


def _with_depth(criteria: Sequence[Criterion], depth: int = 0) -> Iterator[tuple[Criterion, int]]:
    """Every criterion under ``criteria``, parents first, with how deep it sits."""
    for criterion in criteria:
        yield criterion, depth
        yield from _with_depth(criterion.children, depth + 1)


def verification(
    locked: LockedUnit, rubric: Rubric, units: UnitsFile, digest: str, locked_on: date
) -> VerificationMinutes:
    """The minutes' figures for one locked unit (``digest``: the short one it was sealed with)."""
    own = locked.points.get(Side.SELF.json_key, {})
    theirs = locked.points.get(Side.CLUSTER.json_key, {})
    sections = []
    for section in rubric.sections:
        lines = tuple(
            CriterionPoints(
                criterion.code,
                criterion.title,
                depth,
                criterion.max,
                _points(own.get(criterion.code)),
                _points(theirs.get(criterion.code)),
                criterion.is_group,
            )
            for criterion, depth in _with_depth(section.criteria)
        )
        tops = [line for line in lines if line.depth == 0]
        sections.append(
            SectionPoints(
                section.code,
                section.title,
                section.max,
                capped_sum([line.own for line in tops], section.max),
                capped_sum([line.cluster for line in tops], section.max),
                lines,
            )
        )
    found = units.find(locked.unit_id)
    cluster = found[0] if found is not None else None
    return VerificationMinutes(
        unit_id=locked.unit_id,
        unit_name=found[1].name if found is not None else locked.unit_name,
        cluster_id=locked.cluster,
        cluster_name=cluster.name if cluster is not None else locked.cluster,
        parent=rubric.meta.issuer,
        document=rubric.meta.document,
        year=locked.year,
        period="half" if locked.period == "half" else "year",
        sections=tuple(sections),
        digest=digest,
        locked_on=locked_on,
    )


# --- the meeting -----------------------------------------------------------------------------


class RankedUnit(Struct, frozen=True):
    """One line of the meeting's ranking table."""

    rank: int | None
    unit: Unit
    status: Status
    own_total: Decimal | None
    own_sections: Mapping[str, Decimal | None]
    sections: Mapping[str, Decimal | None]  # the cluster's points
    cluster_total: Decimal | None
    difference: Decimal | None
    reasons: tuple[Finding, ...]

    @classmethod
    def of(cls, entry: Entry) -> RankedUnit:
        own, theirs = entry.scores(Side.SELF), entry.scores(Side.CLUSTER)
        return cls(
            rank=entry.rank,
            unit=entry.unit,
            status=entry.status,
            own_total=entry.total_of(Side.SELF),
            own_sections=dict(own.sections) if own is not None else {},
            sections=dict(theirs.sections) if theirs is not None else {},
            cluster_total=entry.total_of(Side.CLUSTER),
            difference=entry.difference,
            reasons=tuple(entry.reasons),
        )


class Candidate(Struct, frozen=True):
    """An eligible unit the meeting may elect, with its votes when they were counted."""

    unit: Unit
    total: Decimal | None
    votes: int | None


class Election(Struct, frozen=True):
    """The vote ("suy tôn (bầu) 01 đơn vị nhất Cụm") as the minutes record it."""

    candidates: tuple[Candidate, ...]
    elected: Unit | None  # the meeting's choice, or the provisional leader
    provisional: bool  # ``elected`` is the leader on the scores: the meeting has not voted
    tie: tuple[Unit, ...]  # equal leaders the meeting must choose between (nobody elected)


class MeetingMinutes(Struct, frozen=True):
    """Biên bản hội nghị tổng kết (sơ kết) Cụm."""

    cluster: Cluster
    parent: str
    year: int
    period: Period
    sections: tuple[str, ...]
    lines: tuple[RankedUnit, ...]
    election: Election | None  # None: the half-year review elects no one
    head: Unit | None  # this year's Cụm trưởng, Cụm phó
    deputy: Unit | None
    next_head: Unit | None  # next year's, when the clerk named them
    next_deputy: Unit | None

    @property
    def not_ranked(self) -> list[RankedUnit]:
        return [line for line in self.lines if line.status is not Status.ELIGIBLE]


class Choices(Struct, frozen=True):
    """What the meeting decided besides the vote (the ranking holds that), as the clerk tells
    it; all optional. Unit ids are unique across the units file, so each names its cluster."""

    votes: Mapping[str, int] = field(default_factory=dict)  # unit id -> votes
    next_head: Sequence[str] = ()  # unit ids: next year's Cụm trưởng, one per cluster
    next_deputy: Sequence[str] = ()  # next year's Cụm phó


def _unit(cluster: Cluster, unit_id: str | None) -> Unit | None:
    return next((u for u in cluster.units if u.id == unit_id), None)


def elected_by_votes(
    units: UnitsFile, votes: Mapping[str, int], elected: Mapping[str, str]
) -> dict[str, str]:
    """The vote as ``rank --elected`` records it (cluster id -> unit id): ``elected`` as given,
    and in each other cluster the unit with the most votes, when one has more than the rest.
    Votes that contradict a recorded choice, or for a unit not in the units file, are refused.
    """
    unknown = [finding("papers-unknown-unit", unit=u) for u in sorted(votes) if not units.find(u)]
    if unknown:
        raise ThiduaError(*unknown)
    chosen = dict(elected)
    for cluster in units.clusters:
        top, _ = _most_votes(cluster, votes)
        if len(top) != 1:
            continue  # no votes, or equal votes: the meeting has not decided
        given = chosen.setdefault(cluster.id, top[0])
        if given != top[0]:
            raise ThiduaError(
                finding("papers-vote-disagrees", cluster=cluster.id, elected=given, votes=top[0])
            )
    return chosen


def tied_votes(
    units: UnitsFile, votes: Mapping[str, int], elected: Mapping[str, str]
) -> list[Finding]:
    """The clusters whose votes, given, elected nobody: the most votes shared (warnings)."""
    tied: list[Finding] = []
    for cluster in units.clusters:
        top, most = _most_votes(cluster, votes)
        if len(top) > 1 and cluster.id not in elected:
            tied.append(finding("papers-votes-tied", cluster=cluster.id, units=top, votes=most))
    return tied


def _most_votes(cluster: Cluster, votes: Mapping[str, int]) -> tuple[tuple[str, ...], int]:
    """The cluster's units with the most votes (none when none was given), and that count."""
    counted = {u.id: votes[u.id] for u in cluster.units if u.id in votes}
    most = max(counted.values(), default=0)
    return tuple(unit for unit, count in counted.items() if count == most), most


def election(ranked: ClusterRanking, votes: Mapping[str, int]) -> Election:
    """The vote of one cluster as the ranking recorded it, with the candidates (the eligible
    units) and their votes. Before the vote the leader on the scores stands provisionally; a
    tie elects nobody and names the tied units."""
    eligible = [e for e in ranked.entries if e.status is Status.ELIGIBLE]
    candidates = tuple(Candidate(e.unit, e.total, votes.get(e.unit.id)) for e in eligible)
    if ranked.elected is not None:
        return Election(candidates, _unit(ranked.cluster, ranked.elected), False, ())
    tie = tuple(u for uid in ranked.tie if (u := _unit(ranked.cluster, uid)) is not None)
    leader = _unit(ranked.cluster, ranked.leader)
    return Election(candidates, leader, leader is not None, tie)


def check_choices(ranking: Ranking, units: UnitsFile, choices: Choices) -> list[Finding]:
    """Every way the clerk's votes and choices do not fit the units file and the ranking."""
    problems: list[Finding] = []
    eligible = {
        e.unit.id for c in ranking.clusters for e in c.entries if e.status is Status.ELIGIBLE
    }
    for unit_id in sorted(choices.votes):
        if units.find(unit_id) is None:
            problems.append(finding("papers-unknown-unit", unit=unit_id))
        elif unit_id not in eligible:
            problems.append(finding("papers-vote-not-eligible", unit=unit_id))
    for role, chosen in (("head", choices.next_head), ("deputy", choices.next_deputy)):
        per_cluster: dict[str, list[str]] = {}
        for unit_id in dict.fromkeys(chosen):
            found = units.find(unit_id)
            if found is None:
                problems.append(finding("papers-unknown-unit", unit=unit_id))
            else:
                per_cluster.setdefault(found[0].id, []).append(unit_id)
        problems += [
            finding(
                "papers-role-twice",
                cluster=cluster,
                role=Msg(f"papers.role.{role}"),
                units=", ".join(ids),
            )
            for cluster, ids in sorted(per_cluster.items())
            if len(ids) > 1
        ]
    both = sorted(set(choices.next_head) & set(choices.next_deputy))
    problems += [finding("papers-head-and-deputy", unit=unit_id) for unit_id in both]
    return problems


def _chosen(cluster: Cluster, unit_ids: Sequence[str]) -> Unit | None:
    return next((u for u in cluster.units if u.id in unit_ids), None)


def meetings(
    ranking: Ranking, units: UnitsFile, rubrics: ClusterRubrics, choices: Choices
) -> list[MeetingMinutes]:
    """One ``MeetingMinutes`` per cluster of the ranking (checked against ``choices`` first)."""
    problems = check_choices(ranking, units, choices)
    if problems:
        raise ThiduaError(*problems)
    half = ranking.half_year
    year = ranking.meeting.year or rubrics.base.meta.year
    found = []
    for ranked in ranking.clusters:
        cluster = ranked.cluster
        rubric = rubrics.of(cluster.id)
        found.append(
            MeetingMinutes(
                cluster=cluster,
                parent=rubric.meta.issuer,
                year=year,
                period="half" if half else "year",
                sections=tuple(s.code for s in rubric.sections),
                lines=tuple(RankedUnit.of(e) for e in ranked.entries),
                election=None if half else election(ranked, choices.votes),
                head=_unit(cluster, cluster.head),
                deputy=_unit(cluster, cluster.deputy),
                next_head=_chosen(cluster, choices.next_head),
                next_deputy=_chosen(cluster, choices.next_deputy),
            )
        )
    return found


# --- the flag proposals ----------------------------------------------------------------------


class ProvinceFlagProposal(Struct, frozen=True):
    """Tờ trình đề nghị tặng Cờ thi đua của UBND tỉnh: the cluster's elected unit."""

    cluster: Cluster
    parent: str
    document: str
    year: int
    unit: RankedUnit
    maxima: Mapping[str, Decimal]  # each section's maximum
    eligible: int  # how many units were ranked
    provisional: bool  # the leader on the scores, not yet elected by the meeting
    head: Unit | None  # the unit heading the cluster (its head signs)


def province_flags(ranking: Ranking, rubrics: ClusterRubrics) -> list[ProvinceFlagProposal]:
    """The ranking's provincial-flag proposals: each cluster's elected unit (its leader on the
    scores, provisionally, before the vote; nobody on a tie or in the half-year review)."""
    year = ranking.meeting.year or rubrics.base.meta.year
    by_cluster = {c.cluster.id: c for c in ranking.clusters}
    proposals = []
    for proposal in ranking.province_flag:
        cluster = proposal.cluster
        rubric = rubrics.of(cluster.id)
        entries = by_cluster[cluster.id].entries
        proposals.append(
            ProvinceFlagProposal(
                cluster=cluster,
                parent=rubric.meta.issuer,
                document=rubric.meta.document,
                year=year,
                unit=RankedUnit.of(proposal.entry),
                maxima={s.code: s.max for s in rubric.sections},
                eligible=sum(1 for e in entries if e.status is Status.ELIGIBLE),
                provisional=not proposal.elected,
                head=_unit(cluster, cluster.head),
            )
        )
    return proposals


class ClusterChoice(Struct, frozen=True):
    """A cluster's unit for the provincial flag, as the department sees it."""

    cluster: Cluster
    unit: Unit | None  # None: the cluster has not decided (a tie, or nobody eligible)
    total: Decimal | None
    provisional: bool


class GovernmentFlagProposal(Struct, frozen=True):
    """The department's proposal of the Government flag: the candidate and the 20 % cap."""

    parent: str  # the department (rubric's issuer)
    document: str
    year: int
    clusters: tuple[ClusterChoice, ...]
    candidate: ClusterChoice | None  # None: not every cluster voted, or a tie among them
    province_flag_total: int | None  # collectives meeting the provincial standard, if stated
    allowed: int | None  # floor(20 % of it)

    @property
    def share(self) -> Decimal | None:
        """20 % of the stated total, exactly."""
        if self.province_flag_total is None:
            return None
        return Decimal(self.province_flag_total) / GOVERNMENT_FLAG_SHARE_DIVISOR


def government_flag(ranking: Ranking, rubrics: ClusterRubrics) -> GovernmentFlagProposal | None:
    """The Government-flag proposal of the year end (``None`` for the half-year review): every
    cluster's unit for the provincial flag, and the ranking's candidate, named only once every
    cluster has voted."""
    if ranking.half_year:
        return None
    by_cluster = {p.cluster.id: p for p in ranking.province_flag}
    choices = []
    for ranked in ranking.clusters:
        proposal = by_cluster.get(ranked.cluster.id)
        choices.append(
            ClusterChoice(
                ranked.cluster,
                proposal.entry.unit if proposal else None,
                proposal.entry.total if proposal else None,
                not proposal.elected if proposal else False,
            )
        )
    candidate = None
    if ranking.government_flag:
        proposed = ranking.government_flag[0].entry.unit.id
        candidate = next((c for c in choices if c.unit and c.unit.id == proposed), None)
    base = rubrics.base.meta
    return GovernmentFlagProposal(
        parent=base.issuer,
        document=base.document,
        year=ranking.meeting.year or base.year,
        clusters=tuple(choices),
        candidate=candidate,
        province_flag_total=ranking.cap.province_flag_total,
        allowed=ranking.cap.allowed,
    )
