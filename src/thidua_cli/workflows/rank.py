"""``thidua rank``: read the units file, its rubrics, the verified figures (the record book,
or lock files) first (fail fast), score, rank; record what was written for the meeting.

Each result is compared with the verified figures as it arrives and only its totals are kept
(``ReturnedWorkbook``), so thousands of workbooks take a few megabytes, not gigabytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from msgspec import Struct, field

from thidua_cli.findings import Finding, finding
from thidua_cli.ranking.book import RecordBook, book_path
from thidua_cli.ranking.lock import Lock, Verified, merge_locks, read_lock
from thidua_cli.ranking.rank import (
    Meeting,
    PastResult,
    Ranking,
    ReturnedWorkbook,
    rank_returned,
)
from thidua_cli.ranking.records import (
    check_lock_file,
    lock_entries,
    past_results,
    record_meeting,
    recorded_votes,
    verified_figures,
)
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period, Side
from thidua_cli.scoring.batch import Notify, Progress, scored_files
from thidua_cli.units import UnitsFile, load_units
from thidua_cli.units.rubrics import ClusterRubrics, cluster_rubrics
from thidua_cli.workflows.forms_period import FormPeriods


class RankRequest(Struct, frozen=True):
    """What ``thidua rank`` was asked: the forms, the units, the locks and the meeting."""

    paths: Sequence[Path]
    units: Path
    locks: Sequence[Path] = ()
    by: Side = Side.CLUSTER
    province_flag_total: int | None = None
    criteria: Path | None = None
    year: int | None = None  # a filter; None: the year the forms carry
    period: Period | None = None
    elected: Mapping[str, str] = field(default_factory=dict)  # cluster id -> unit id
    today: date | None = None  # None: the day of the run (the deadline check)
    book: Path | None = None  # None: THIDUA_BOOK, else so-thi-dua.sqlite here (when it exists)
    recorded_vote: bool = False  # clusters not in ``elected`` take the vote the book recorded


MeetingWriter = Callable[[Ranking], None]  # writes the meeting workbook


class RankInputs(Struct, frozen=True):
    """What ``rank`` reads before any form (to fail fast); ``papers`` reads it once too."""

    base: Rubric
    units: UnitsFile
    rubrics: ClusterRubrics
    book: Path  # the record book's path (it may not exist yet)
    verified: Verified | None  # the book's verified figures, else the lock files'


def rank_inputs(request: RankRequest) -> RankInputs:
    base = load_rubric(request.criteria)
    units = load_units(request.units)
    locks = [(read_lock(p), p) for p in request.locks]
    path = book_path(request.book)
    verified = verified_figures_of(path, locks)
    return RankInputs(base, units, cluster_rubrics(units, base), path, verified)


def rank(
    request: RankRequest,
    progress: Progress | None = None,
    write_meeting: MeetingWriter | None = None,
    *,
    notify: Notify | None = None,
    inputs: RankInputs | None = None,
) -> Ranking:
    """Rank; with ``write_meeting`` (``--out``), write the meeting workbook, then record the
    ranking, the vote and the head and deputy in the record book (created if need be).
    ``notify`` hears of the files set aside (one warning); ``inputs``: what
    ``rank_inputs(request)`` gives, when the caller has read it already."""
    inputs = inputs or rank_inputs(request)
    periods = FormPeriods()
    with scored_files(
        request.paths,
        list(inputs.rubrics),
        year=request.year,
        period=request.period,
        progress=progress,
        notify=notify,
    ) as stream:
        watched = periods.watch(stream)
        returned = [ReturnedWorkbook.of(result, inputs.verified) for result in watched]
    periods.check()
    year = request.year or periods.year or inputs.base.meta.year
    period = request.period or periods.period or "year"
    recorded, last_year = _from_the_book(inputs.book, year, period)
    elected = dict(request.elected)
    differs: list[Finding] = []
    if request.recorded_vote:
        differs = [
            finding("elected-differs-book", cluster=c, unit=u, recorded=recorded[c])
            for c, u in elected.items()
            if c in recorded and recorded[c] != u
        ]
        elected = {**recorded, **elected}
    elif write_meeting is not None:  # this run records the vote: a different one is said
        differs = [
            finding("elected-differs-book", variant="rank", cluster=c, unit=u, recorded=recorded[c])
            for c, u in elected.items()
            if c in recorded and recorded[c] != u
        ]
    meeting = Meeting(
        year=year, period=period, elected=elected, today=request.today or date.today()
    )
    ranking = rank_returned(
        returned,
        inputs.units,
        inputs.verified,
        request.by,
        request.province_flag_total,
        meeting,
        inputs.rubrics,
    )
    ranking.notes.extend(differs)
    ranking.last_year = last_year
    if write_meeting is not None:
        write_meeting(ranking)
        if not ranking.preview:
            book = RecordBook.open(inputs.book, write=True)
            assert book is not None, "opened for writing"
            with book:
                record_meeting(book, ranking)
    return ranking


Votes = dict[str, str]  # cluster id -> the unit the meeting elected


def _from_the_book(path: Path, year: int, period: str) -> tuple[Votes, dict[str, PastResult]]:
    """The vote the book recorded for this meeting, and last year's results (one opening)."""
    book = RecordBook.open(path, write=False)
    if book is None:
        return {}, {}
    with book:
        return recorded_votes(book, year, period), past_results(book, year - 1)


def verified_figures_of(path: Path, locks: list[tuple[Lock, Path]]) -> Verified | None:
    """The record book's verified figures when there is a book (each lock file given must
    match it), else the lock files'."""
    book = RecordBook.open(path, write=False)
    if book is None:
        merged = merge_locks([lock for lock, _ in locks]) if locks else None
        return Verified.from_lock(merged) if merged is not None else None
    with book:
        entries = lock_entries(book)
        for lock, file in locks:
            check_lock_file(book, lock, file, entries)
        return verified_figures(book, entries)
