"""``thidua papers``: the year's papers as Word documents, from the verified figures (the
record book, else lock files) and the ranking.

Reads the units file and the verified figures first (fail fast), ranks as ``thidua rank``
does, checks the meeting's votes and choices, then writes into one folder:

- ``bien-ban-doi-chieu-<unit>.docx``: the verification minutes of every locked unit;
- ``bien-ban-hoi-nghi-<cluster>.docx``: the meeting minutes of every cluster;
- ``to-trinh-co-ubnd-tinh-<unit>.docx``: the provincial-flag proposal of each cluster's elected
  unit (a draft while the meeting has not voted);
- ``to-trinh-co-chinh-phu.docx``: the department's Government-flag proposal.

The half-year review writes the minutes only (no election, no proposal). Papers already in
the folder are never overwritten without ``force``: a clerk may have filled them in by hand.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from thidua_cli.files import prepare_folder, safe_stem
from thidua_cli.findings import Finding, Msg, UsageError, finding
from thidua_cli.ranking.lock import Verification
from thidua_cli.ranking.rank import Meeting, Ranking
from thidua_cli.reports.papers.data import (
    Choices,
    GovernmentFlagProposal,
    MeetingMinutes,
    ProvinceFlagProposal,
    VerificationMinutes,
    elected_by_votes,
    government_flag,
    meetings,
    province_flags,
    tied_votes,
    verifications,
)
from thidua_cli.reports.papers.document import Occasion
from thidua_cli.reports.papers.government_flag import write_government_flag
from thidua_cli.reports.papers.meeting import write_meeting
from thidua_cli.reports.papers.province_flag import write_province_flag
from thidua_cli.reports.papers.verification import write_verification
from thidua_cli.rubric.sides import Period
from thidua_cli.scoring.batch import Progress
from thidua_cli.units import UnitsFile
from thidua_cli.units.rubrics import ClusterRubrics
from thidua_cli.workflows.rank import RankRequest, rank, rank_inputs

GOVERNMENT_FLAG_FILE = "to-trinh-co-chinh-phu.docx"


def paper_filename(kind: str, name: str) -> str:
    """``bien-ban-doi-chieu`` + ``BVDK-TINH`` -> ``bien-ban-doi-chieu-BVDK-TINH.docx`` (only
    characters every file system takes)."""
    return f"{kind}-{safe_stem(name)}.docx"


class PapersRequest(Struct, frozen=True):
    paths: Sequence[Path]  # the returned workbooks (for the ranking)
    units: Path
    locks: Sequence[Path] = ()  # lock files (the record book, when there is one, comes first)
    book: Path | None = None  # None: THIDUA_BOOK, else so-thi-dua.sqlite here
    out: Path = Path("giay-to")  # the folder the papers go into
    place: str | None = None  # the place on the date line ("Thanh Hóa")
    day: date | None = None  # the papers' date
    votes: Mapping[str, int] = field(default_factory=dict)  # unit id -> votes at the meeting
    elected: Mapping[str, str] = field(default_factory=dict)  # cluster id -> the vote's unit
    next_head: Sequence[str] = ()  # unit ids: next year's head of their cluster
    next_deputy: Sequence[str] = ()
    province_flag_total: int | None = None
    criteria: Path | None = None
    year: int | None = None
    period: Period | None = None  # None: the forms' period
    force: bool = False


class Papers(Struct, frozen=True):
    """What the papers say (their data), before any is written."""

    verifications: list[VerificationMinutes]
    meetings: list[MeetingMinutes]
    province_flags: list[ProvinceFlagProposal]
    government_flag: GovernmentFlagProposal | None


class PapersRun(Struct, frozen=True):
    out: Path
    papers: Papers
    files: dict[str, list[Path]]  # kind -> files written ("verification", "meeting", ...)
    ranking: Ranking


def papers(request: PapersRequest, progress: Progress | None = None) -> PapersRun:
    ranked = RankRequest(
        paths=request.paths,
        units=request.units,
        locks=request.locks,
        book=request.book,
        recorded_vote=True,  # the vote rank --elected recorded stands unless given again
        province_flag_total=request.province_flag_total,
        criteria=request.criteria,
        year=request.year,
        period=request.period,
    )
    inputs = rank_inputs(ranked)  # read once: the minutes and the ranking see the same figures
    if inputs.verified is None:
        raise UsageError(finding("papers-no-lock"))
    elected = elected_by_votes(inputs.units, request.votes, request.elected)
    ranking = rank(replace(ranked, elected=elected), progress, inputs=inputs)
    ranking.notes.extend(tied_votes(inputs.units, request.votes, elected))
    ranking.notes.extend(_meeting_date_notes(request.day, ranking.meeting))
    choices = Choices(
        votes=request.votes, next_head=request.next_head, next_deputy=request.next_deputy
    )
    meeting = ranking.meeting
    verified = inputs.verified.of(meeting.year, meeting.period)
    gathered = gather(ranking, verified, inputs.units, inputs.rubrics, choices)
    files = write_papers(gathered, request.out, Occasion(request.place, request.day), request.force)
    return PapersRun(request.out, gathered, files, ranking)


def _meeting_date_notes(day: date | None, meeting: Meeting) -> list[Finding]:
    """A --date that no meeting of this year could have (the year-end meeting is held in the
    year or in the January after it; the half-year review in the year): said, as a typo."""
    if day is None or meeting.year is None:
        return []
    years = (meeting.year,) if meeting.period == "half" else (meeting.year, meeting.year + 1)
    if day.year in years:
        return []
    held = Msg(f"meeting.{meeting.period}", {"year": meeting.year})
    return [finding("papers-date-other-year", date=day.strftime("%d/%m/%Y"), meeting=held)]


def gather(
    ranking: Ranking,
    verified: Sequence[Verification],
    units: UnitsFile,
    rubrics: ClusterRubrics,
    choices: Choices,
) -> Papers:
    """Every paper's data: the minutes from the verified figures and the ranking, the
    proposals from the ranking's vote."""
    return Papers(
        verifications=verifications(verified, rubrics, units),
        meetings=meetings(ranking, units, rubrics, choices),
        province_flags=province_flags(ranking, rubrics),
        government_flag=government_flag(ranking, rubrics),
    )


def paper_files(papers: Papers, out: Path) -> list[tuple[str, Path]]:
    """Where each paper goes in ``out``, with its kind ("verification", "meeting",
    "province_flag", "government_flag"), in the order ``write_papers`` writes them."""
    planned: list[tuple[str, Path]] = [
        ("verification", out / paper_filename("bien-ban-doi-chieu", v.unit_id))
        for v in papers.verifications
    ]
    planned += [
        ("meeting", out / paper_filename("bien-ban-hoi-nghi", m.cluster.id))
        for m in papers.meetings
    ]
    planned += [
        ("province_flag", out / paper_filename("to-trinh-co-ubnd-tinh", p.unit.unit.id))
        for p in papers.province_flags
    ]
    if papers.government_flag is not None:
        planned.append(("government_flag", out / GOVERNMENT_FLAG_FILE))
    return planned


def write_papers(
    papers: Papers, out: Path, occasion: Occasion, force: bool = False
) -> dict[str, list[Path]]:
    """Write every paper into ``out`` (created when missing); nothing is written when one of
    them exists and ``force`` is false (a clerk may have filled it in by hand)."""
    planned = paper_files(papers, out)
    prepare_folder(out, [path for _, path in planned], force, "papers-exists")
    paths = iter(path for _, path in planned)
    for one in papers.verifications:
        write_verification(next(paths), one, occasion)
    for meeting in papers.meetings:
        write_meeting(next(paths), meeting, occasion)
    for proposal in papers.province_flags:
        write_province_flag(next(paths), proposal, occasion)
    if papers.government_flag is not None:
        write_government_flag(next(paths), papers.government_flag, occasion)
    files: dict[str, list[Path]] = {}
    for kind, path in planned:
        files.setdefault(kind, []).append(path)
    return files
