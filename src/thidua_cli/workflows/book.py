"""``thidua book verify``, ``thidua book import`` and ``thidua history``: the record book."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from thidua_cli.findings import UsageError, finding
from thidua_cli.ranking.book import Broken, RecordBook, book_path
from thidua_cli.ranking.lock import read_lock
from thidua_cli.ranking.records import LockRecord, PeriodRecord, history, record_lock


def _open(book: Path | None, write: bool = False, chain: bool = True) -> RecordBook:
    path = book_path(book)
    opened = RecordBook.open(path, write=write, chain=chain)
    if opened is None:
        raise UsageError(finding("book-missing", file=str(path)))  # a missing file: exit 2
    return opened


class Checked(Struct, frozen=True):
    book: Path
    count: int
    broken: Broken | None
    last: str | None  # the last entry's short digest


def verify(book: Path | None) -> Checked:
    with _open(book, chain=False) as opened:  # a broken chain is reported, not refused
        count, broken, last = opened.verify()
    return Checked(opened.path, count, broken, last)


def import_lock(
    lock_file: Path, book: Path | None, by: str | None = None, reason: str | None = None
) -> tuple[Path, list[LockRecord]]:
    """Bring a lock file made before the book into it (a unit whose figures differ from its
    lock in the book needs ``reason``, as ``lock`` does)."""
    if not lock_file.is_file():
        raise UsageError(finding("path-missing", path=str(lock_file)))
    lock = read_lock(lock_file)
    with _open(book, write=True) as opened:
        records = record_lock(opened, lock, by=by, reason=reason, source=lock_file.name)
    return opened.path, records


class History(Struct, frozen=True):
    book: Path
    periods: list[PeriodRecord]
    unit: str | None


def read_history(book: Path | None, cluster: str | None, unit: str | None) -> History:
    with _open(book) as opened:
        periods = history(opened, cluster=cluster, unit=unit)
    return History(opened.path, periods, unit)
