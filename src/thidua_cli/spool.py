"""Scored results parked on disk, so scoring thousands of workbooks holds one at a time.

A report needs two things that pull against each other: every workbook's figures, and the
knowledge of which units sent two workbooks (``duplicate-unit``), known only at the end.
``ScoredSpool`` writes each result to a temporary file as it arrives, keeping in memory only
its unit and its problem counts; reading the spool back (as often as needed: the JSON, the
scores workbook and the console each take one pass) adds the duplicate-unit errors.

The temporary file holds pickles this process wrote itself, in a private temporary folder;
no file from a user is ever unpickled.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from thidua_cli.problems import Problem
from thidua_cli.results import WorkbookResult
from thidua_cli.scoring import duplicate_problems


class ScoredSpool:
    """Results in the order they were added, read back lazily; use as a context manager."""

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="thidua-"))
        self._path = self._folder / "results.pickle"
        self._writer = self._path.open("wb")
        self._count = 0
        self._errors = 0
        self._problems = 0
        self._files_by_unit: dict[str, list[str]] = {}
        self._duplicates: dict[str, Problem] | None = None

    @classmethod
    def of(cls, results: Iterable[WorkbookResult]) -> ScoredSpool:
        spool = cls()
        try:
            for result in results:
                spool.add(result)
        except BaseException:
            spool.close()
            raise
        return spool

    def add(self, result: WorkbookResult) -> None:
        """Park one result (without its inputs: no report shows them)."""
        pickle.dump(replace(result, inputs={}), self._writer, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1
        self._errors += sum(p.is_error for p in result.problems)
        self._problems += len(result.problems)
        if result.unit_id is not None:
            self._files_by_unit.setdefault(result.unit_id, []).append(result.file)
        self._duplicates = None

    def duplicates(self) -> dict[str, Problem]:
        if self._duplicates is None:
            self._duplicates = duplicate_problems(self._files_by_unit)
        return self._duplicates

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[WorkbookResult]:
        self._writer.flush()
        duplicates = self.duplicates()
        with self._path.open("rb") as reader:
            for _ in range(self._count):
                result: WorkbookResult = pickle.load(reader)
                if result.file in duplicates:
                    result.problems.append(duplicates[result.file])
                yield result

    @property
    def errors(self) -> int:
        return self._errors + len(self.duplicates())

    @property
    def warnings(self) -> int:
        return self._problems - self._errors

    def close(self) -> None:
        self._writer.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> ScoredSpool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
