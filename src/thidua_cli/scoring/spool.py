"""Scored results parked on disk, so scoring thousands of workbooks holds one at a time.

A report needs two things that pull against each other: every workbook's figures, and the
knowledge of which units sent two workbooks (``duplicate-unit``), known only at the end.
``ScoredSpool`` writes each result to a temporary file as it arrives, keeping in memory only
its unit and its problem counts; reading the spool back (as often as needed: the JSON, the
scores workbook and the console each take one pass) adds the duplicate-unit errors.

The temporary file is anonymous (the system removes it even if the process is killed) and
holds pickles this process wrote itself; no file from a user is ever unpickled.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from types import TracebackType

from msgspec.structs import replace

from thidua_cli.files import os_reason
from thidua_cli.findings import Finding, ThiduaError, finding
from thidua_cli.scoring.duplicates import UnitFile, duplicate_problems
from thidua_cli.scoring.results import WorkbookResult


class ScoredSpool:
    """Results in the order they were added, read back lazily; use as a context manager.

    Passes over the spool are sequential (each one rewinds the file): finish one before
    starting the next.
    """

    def __init__(self) -> None:
        try:
            self._file = tempfile.TemporaryFile(prefix="thidua-")  # noqa: SIM115 (closed in close())
        except OSError as exc:
            raise _spool_error(exc) from exc
        self._count = 0
        self._errors = 0
        self._warnings = 0
        self._units: list[UnitFile] = []  # a few dozen bytes a file, for duplicate units
        self._duplicates: dict[str, Finding] | None = None
        self._reading = False

    @classmethod
    def of(cls, results: Iterable[WorkbookResult]) -> ScoredSpool:
        """Every result parked; a full disk is a ``ThiduaError`` naming the folder."""
        spool = cls()
        try:
            for result in results:
                spool.add(result)
            spool._on_disk(spool._file.flush)
        except BaseException:
            spool.close()
            raise
        return spool

    def add(self, result: WorkbookResult) -> None:
        """Park one result (without its inputs: no report shows them)."""
        if self._reading:
            raise RuntimeError("a ScoredSpool is filled before it is read")
        slim = replace(result, inputs={})
        self._on_disk(lambda: pickle.dump(slim, self._file, protocol=pickle.HIGHEST_PROTOCOL))
        self._count += 1
        self._errors += result.errors
        self._warnings += result.warnings
        self._units.append((result.unit_id, result.file))
        self._duplicates = None

    def _on_disk(self, action: Callable[[], object]) -> None:
        """A file operation whose failure (a full disk) the user can act on."""
        try:
            action()
        except OSError as exc:
            raise _spool_error(exc) from exc

    def duplicates(self) -> dict[str, Finding]:
        if self._duplicates is None:
            self._duplicates = duplicate_problems(self._units)
        return self._duplicates

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[WorkbookResult]:
        if self._reading:
            raise RuntimeError("one pass over a ScoredSpool at a time")
        duplicates = self.duplicates()
        self._reading = True
        try:
            self._on_disk(lambda: self._file.seek(0))
            for _ in range(self._count):
                try:
                    result: WorkbookResult = pickle.load(self._file)
                except OSError as exc:
                    raise _spool_error(exc) from exc
                if result.file in duplicates:
                    result.problems.append(duplicates[result.file])
                yield result
        finally:
            self._reading = False

    @property
    def errors(self) -> int:
        return self._errors + len(self.duplicates())

    @property
    def warnings(self) -> int:
        """Warnings only: information (the cluster's blank cells) is not a warning."""
        return self._warnings

    def close(self) -> None:
        with suppress(OSError):  # a full disk fails the last flush; the file goes anyway
            self._file.close()

    def __enter__(self) -> ScoredSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _spool_error(exc: OSError) -> ThiduaError:
    reason = os_reason(exc)
    return ThiduaError(finding("spool-failed", folder=tempfile.gettempdir(), reason=reason))
