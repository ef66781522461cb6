"""``thidua lock``: score the workbooks, seal the agreed figures into the record book (and a
portable lock file)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from thidua_cli.findings import ThiduaError, UsageError, finding
from thidua_cli.ranking.book import RecordBook, book_path
from thidua_cli.ranking.lock import Lock, lock_bytes, make_lock, write_lock
from thidua_cli.ranking.records import LockRecord, record_lock
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.scoring.batch import Notify, Progress, scored_files
from thidua_cli.workflows.forms_period import FormPeriods
from thidua_cli.workflows.scoring_rubrics import scoring_rubrics


class LockRequest(Struct, frozen=True):
    """What ``thidua lock`` was asked: the forms, where to write the lock file and the book."""

    paths: Sequence[Path]
    out: Path | None = None  # the portable lock file; never over an existing one unless force
    criteria: Path | None = None
    year: int | None = None  # a filter; None: the year the forms carry
    period: Period | None = None
    units: Path | None = None  # a units file: its clusters' own rubrics score their forms
    book: Path | None = None  # None: THIDUA_BOOK, else so-thi-dua.sqlite here
    by: str | None = None  # who locks
    reason: str | None = None  # why figures locked before are locked again
    force: bool = False


class Locked(Struct, frozen=True):
    """What a lock did: the lock sealed, each unit's record in the book, and where they went."""

    lock: Lock
    records: list[LockRecord]  # per unit: new, unchanged or relocked, with its book entry
    book: Path
    out: Path | None


def lock(
    request: LockRequest, progress: Progress | None = None, *, notify: Notify | None = None
) -> Locked:
    """Refuses before any work an existing ``out`` (without ``force``) or an unusable book;
    then scores, seals, records every unit in one transaction, and exports the lock file.
    ``notify`` hears of the files set aside (one warning)."""
    if request.out is not None and request.out.exists() and not request.force:
        raise UsageError(finding("lock-file-exists", path=str(request.out)))
    rubric = load_rubric(request.criteria)
    rubrics = scoring_rubrics(rubric, request.units)
    path = book_path(request.book)
    existing = RecordBook.open(path, write=False)  # a book that cannot be used: say so now
    if existing is not None:
        existing.close()
    periods = FormPeriods()
    with scored_files(
        request.paths,
        rubrics,
        year=request.year,
        period=request.period,
        progress=progress,
        notify=notify,
    ) as stream:
        sealed = make_lock(periods.watch(stream), rubrics=rubrics)
    periods.check()
    exported = lock_bytes(sealed) if request.out is not None else None  # too big: refused now
    book = RecordBook.open(path, write=True)  # created on first use
    assert book is not None, "opened for writing"
    with book:
        records = record_lock(book, sealed, by=request.by, reason=request.reason)
    if request.out is not None and exported is not None:
        try:
            write_lock(request.out, exported)
        except ThiduaError as error:  # the book holds the lock: only the export is to redo
            recorded = finding("lock-recorded-not-exported", book=str(path), units=len(records))
            raise type(error)(*error.findings, recorded) from error
    return Locked(sealed, records, path, request.out)
