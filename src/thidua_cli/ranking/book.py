"""The record book ("sổ thi đua"): one SQLite file per cluster office, append-only, hash-chained.

It keeps, per cluster, year and period: every lock (both sides' inputs and points per unit,
who locked, when, and the reason when a lock replaces figures), each ranking written for the
meeting, the meeting's vote, the head and deputy of the year, and the proposals. Nothing is
updated or deleted: a later lock is a new entry that points to the one it supersedes.

Each entry's digest is the SHA-256 of its fields and of the previous entry's digest, so
changing, removing or reordering an entry breaks the chain from there on (``verify``). The
short digest of a unit's lock entry goes on its signed verification minutes and into the
meeting workbook: a book rewritten later no longer matches the paper. What the chain cannot
do is stop whoever holds the file from rewriting all of it, or from removing its newest
entries; the paper and the exported lock files are what catch that. Every command but
``book verify`` checks the chain when it opens a book and refuses a broken one: figures read
from it could be the altered ones.

Every command uses the book in one transaction; a failure (the file locked by another run,
a read-only folder, a full disk) rolls it back and leaves the book as it was. This module is
the file and its chain; ``records`` says what goes into it and reads it back.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from msgspec import Struct
from msgspec.structs import astuple

from thidua_cli.files import os_reason
from thidua_cli.findings import Finding, Msg, ThiduaError, UsageError, finding

SHORT_DIGEST = 12  # hex digits of a digest shown to people: on paper, in workbooks, printed

FORMAT = "thidua-book"
SCHEMA_VERSION = 1
DEFAULT_NAME = "so-thi-dua.sqlite"
ENVIRONMENT = "THIDUA_BOOK"
BUSY_TIMEOUT_SECONDS = 5.0  # how long a run waits for another one to finish writing
GENESIS = "0" * 64  # the "previous digest" of the first entry
SQLITE_HEADER = b"SQLite format 3\x00"

Kind = Literal["lock", "ranking", "vote", "officers"]
_COLUMNS = (
    "seq, kind, cluster, year, period, unit, created, actor, supersedes, reason, body, prev, digest"
)


def book_path(given: Path | None) -> Path:
    """``--book``, else ``THIDUA_BOOK``, else ``so-thi-dua.sqlite`` in the current folder."""
    if given is not None:
        return given
    return Path(os.environ.get(ENVIRONMENT) or DEFAULT_NAME)


def now() -> str:
    """The local time with its offset (a clerk's "when"), to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- entries ----------------------------------------------------------------------------------


class BookEntry(Struct, frozen=True):
    """One row of the record book, as stored: its place in the chain (``seq``, ``prev``,
    ``digest``), what it records (``kind``, ``body``) and who recorded it when."""

    seq: int
    kind: str
    cluster: str
    year: int
    period: str
    unit: str | None
    created: str
    actor: str | None
    supersedes: int | None
    reason: str | None
    body: str  # canonical JSON
    prev: str
    digest: str

    @property
    def short(self) -> str:
        return self.digest[:SHORT_DIGEST]

    @property
    def date(self) -> str:
        return self.created[:10]

    def data(self) -> Any:
        return json.loads(self.body)

    def computed_digest(self) -> str:
        return entry_digest(*astuple(self)[:-1])


def entry_digest(*fields: Any) -> str:
    """SHA-256 over the entry's fields, the previous entry's digest among them."""
    return hashlib.sha256(canonical(list(fields)).encode("utf-8")).hexdigest()


class Broken(Struct, frozen=True):
    """The first entry where the chain breaks, and how."""

    seq: int
    how: Literal["missing", "prev", "digest"]
    entry: BookEntry | None  # None when the entry itself is missing


def broken_finding(path: Path, broken: Broken) -> Finding:
    """The chain's first break, said: ``book verify`` reports it; every other command refuses
    the book with it."""
    entry = broken.entry
    what = None
    if entry is not None:
        what = Msg(
            f"book.kind.{entry.kind}",
            {"unit": entry.unit, "cluster": entry.cluster, "year": entry.year},
        )
    return finding("book-broken", variant=broken.how, file=str(path), seq=broken.seq, what=what)


# Books whose chain this process has checked, as their files stood then: a command opens its
# book up to three times, and twenty years of a sector's locks take 0.1 s to check. Any
# change to the files (a write, an edit) means checking again.
_CHAIN_CHECKED: set[tuple[object, ...]] = set()


def _file_state(path: Path) -> tuple[object, ...]:
    """The book's file as it stands (path, size, time) and the size of its WAL: SQLite makes
    a new empty WAL at each opening, while a write there makes it grow."""
    info = path.stat()
    try:
        pending = path.with_name(path.name + "-wal").stat().st_size
    except OSError:
        pending = 0
    return path.resolve(), info.st_size, info.st_mtime_ns, pending


# --- opening the file ---------------------------------------------------------------------------


def _migrate_to_1(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            cluster TEXT NOT NULL,
            year INTEGER NOT NULL,
            period TEXT NOT NULL,
            unit TEXT,
            created TEXT NOT NULL,
            actor TEXT,
            supersedes INTEGER REFERENCES entries (seq),
            reason TEXT,
            body TEXT NOT NULL,
            prev TEXT NOT NULL,
            digest TEXT NOT NULL UNIQUE
        )"""
    )
    db.execute("CREATE INDEX entries_by_unit ON entries (unit, year, period, kind)")
    db.execute("CREATE INDEX entries_by_cluster ON entries (cluster, year, period, kind)")
    for event in ("UPDATE", "DELETE"):  # accidents, not an attacker: verify catches those
        db.execute(
            f"""CREATE TRIGGER entries_no_{event.lower()} BEFORE {event} ON entries
            BEGIN SELECT RAISE(ABORT, 'thidua: the record book is append-only'); END"""
        )
    db.execute("INSERT INTO meta (key, value) VALUES ('format', ?)", (FORMAT,))
    db.execute("INSERT INTO meta (key, value) VALUES ('schema', '0')")


# schema version n -> the step that brings a book from n - 1 to n
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _migrate_to_1}


class RecordBook:
    """An open record book; use it as a context manager. ``open`` says why it cannot be used."""

    def __init__(self, path: Path, db: sqlite3.Connection, writable: bool) -> None:
        self.path = path
        self._db = db
        self.writable = writable

    # --- open, close -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, write: bool, chain: bool = True) -> RecordBook | None:
        """The book at ``path``; ``None`` when there is none and ``write`` is false (created
        on first use when ``write``). Corrupt, foreign and newer books are refused, and so
        is a broken chain unless ``chain`` is false (``book verify`` reports it instead)."""
        exists = path.exists()
        if not exists and not write:
            return None
        if exists:
            _check_file(path)
        elif not path.parent.is_dir():
            raise UsageError(finding("path-missing", path=str(path.parent)))
        try:
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise _failure(exc, path) from exc
        try:
            return cls(path, db, write)._ready(chain)
        except sqlite3.Error as exc:
            db.close()
            if not write and _unwritable_folder(exc):  # a book on read-only media: read it as is
                return cls._immutable(path, chain)
            raise _failure(exc, path) from exc
        except BaseException:
            db.close()
            raise

    @classmethod
    def _immutable(cls, path: Path, chain: bool) -> RecordBook:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        try:
            db = sqlite3.connect(uri, uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise _failure(exc, path) from exc
        try:
            return cls(path, db, False)._ready(chain)
        except sqlite3.Error as exc:
            db.close()
            raise _failure(exc, path) from exc
        except BaseException:
            db.close()
            raise

    def _ready(self, chain: bool) -> RecordBook:
        """Schema made or checked; the chain checked unless ``chain`` is false."""
        self._prepare()
        if chain:
            self._check_chain()
        return self

    def _check_chain(self) -> None:
        """Refuse a book whose chain of digests is broken (once a run for each book)."""
        key = _file_state(self.path)
        if key in _CHAIN_CHECKED:
            return
        _, broken, _ = self.verify()
        if broken is not None:
            raise ThiduaError(broken_finding(self.path, broken))
        _CHAIN_CHECKED.add(key)

    def _prepare(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise ThiduaError(
                finding("book-newer", file=str(self.path), schema=version, supported=SCHEMA_VERSION)
            )
        if self.writable:
            self._db.execute("PRAGMA journal_mode = WAL")
        if version < SCHEMA_VERSION:
            if not self.writable:  # nothing to read yet (an empty database)
                return
            with self.transaction():
                version = self._version()  # again: a run started alongside may have done it
                for step in range(version + 1, SCHEMA_VERSION + 1):
                    MIGRATIONS[step](self._db)
                self._db.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),)
                )

    def _version(self) -> int:
        """0 for an empty database; refuses one that holds anything else."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master")}
        if not tables:
            return 0
        if "meta" not in tables:
            raise ThiduaError(finding("book-foreign", file=str(self.path)))
        meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        if meta.get("format") != FORMAT or "entries" not in tables:
            raise ThiduaError(finding("book-foreign", file=str(self.path)))
        try:
            return int(meta.get("schema", ""))
        except ValueError as exc:
            raise ThiduaError(finding("book-foreign", file=str(self.path))) from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RecordBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -------------------------------------------------------------------------

    def entries(self, kind: Kind | None = None, **where: str | int | None) -> list[BookEntry]:
        """Entries in the order they were written, filtered on any column (``None``: any)."""
        clauses = [(name, value) for name, value in where.items() if value is not None]
        if kind is not None:
            clauses.insert(0, ("kind", kind))
        sql = f"SELECT {_COLUMNS} FROM entries"
        if clauses:
            sql += " WHERE " + " AND ".join(f"{name} = ?" for name, _ in clauses)
        try:
            if not self._has_entries():
                return []
            rows = self._db.execute(sql + " ORDER BY seq", [v for _, v in clauses]).fetchall()
        except sqlite3.Error as exc:
            raise _failure(exc, self.path) from exc
        return [BookEntry(*row) for row in rows]

    def _has_entries(self) -> bool:
        found = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entries'"
        ).fetchone()
        return found is not None

    def verify(self) -> tuple[int, Broken | None, str | None]:
        """Re-check the chain: (entries checked, the first broken entry or ``None``, the last
        entry's short digest when the whole chain holds)."""
        previous = GENESIS
        count = 0
        for entry in self.entries():
            count += 1
            if entry.seq != count:
                return count, Broken(count, "missing", None), None
            if entry.prev != previous:
                return count, Broken(entry.seq, "prev", entry), None
            if entry.computed_digest() != entry.digest:
                return count, Broken(entry.seq, "digest", entry), None
            previous = entry.digest
        return count, None, previous[:SHORT_DIGEST] if count else None

    # --- writing -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: all or nothing. Waits a few seconds for another run to finish."""
        if not self.writable:
            raise RuntimeError("opened for reading")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _failure(exc, self.path) from exc
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                with suppress(sqlite3.Error):  # SQLite may have rolled back itself (a full disk)
                    self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _failure(exc, self.path) from exc
            raise

    def append(
        self,
        kind: Kind,
        cluster: str,
        year: int,
        period: str,
        body: Any,
        *,
        unit: str | None = None,
        actor: str | None = None,
        supersedes: int | None = None,
        reason: str | None = None,
        created: str | None = None,
    ) -> BookEntry:
        """Append one entry (inside ``transaction``), chained to the last one."""
        last = self._db.execute("SELECT seq, digest FROM entries ORDER BY seq DESC LIMIT 1")
        row = last.fetchone()
        seq, prev = (row[0] + 1, row[1]) if row is not None else (1, GENESIS)
        text = canonical(body)
        when = created or now()
        fields = (seq, kind, cluster, year, period, unit, when, actor, supersedes, reason)
        entry = BookEntry(*fields, text, prev, entry_digest(*fields, text, prev))
        self._db.execute(
            f"INSERT INTO entries ({_COLUMNS}) VALUES ({', '.join('?' * 13)})", astuple(entry)
        )
        return entry


def _check_file(path: Path) -> None:
    """A book is a regular file that starts as every SQLite database does (or is empty); a
    folder given for it is a usage error (exit 2), not a damaged book."""
    if path.is_dir():
        example = str(path / DEFAULT_NAME)
        raise UsageError(finding("out-is-folder", variant="book", path=str(path), example=example))
    if not path.is_file():
        raise ThiduaError(finding("book-not-sqlite", file=str(path)))
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        reason = os_reason(exc)
        raise ThiduaError(finding("book-unreadable", file=str(path), reason=reason)) from exc
    if head and head != SQLITE_HEADER:
        raise ThiduaError(finding("book-not-sqlite", file=str(path)))


def _unwritable_folder(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith("SQLITE_READONLY") or name == "SQLITE_CANTOPEN"


def _failure(exc: sqlite3.Error, path: Path) -> ThiduaError:
    """SQLite's error as a located message (the transaction is already rolled back)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    file = str(path)
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or name.startswith("SQLITE_BUSY"):
        return ThiduaError(finding("book-busy", file=file))
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        return ThiduaError(finding("book-readonly", file=file))
    if name.startswith("SQLITE_FULL"):
        return ThiduaError(finding("book-write-failed", file=file, reason=Msg("os.no-space")))
    if name.startswith("SQLITE_IOERR"):
        return ThiduaError(finding("book-write-failed", file=file, reason=str(exc)))
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return ThiduaError(finding("book-not-sqlite", file=file))
    return ThiduaError(finding("book-unreadable", file=file, reason=str(exc)))
