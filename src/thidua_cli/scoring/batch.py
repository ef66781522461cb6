"""Score many returned workbooks: in order, on two processes from 50 files on, memory flat.

``score_stream`` yields each file's result as soon as it is scored (a window of a few chunks
in flight, so results never pile up); ``score_paths`` keeps them all and flags units that
returned two workbooks (``duplicate-unit``, known only once every file is in).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from thidua_cli.findings import Finding, UsageError, finding
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.scoring.workbook import Expected, score_workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
LOCK_PREFIXES = ("~$", ".~lock")
POOL_THRESHOLD = 50  # below this, starting processes costs more than it saves
CHUNK_MAX = 16  # files a worker scores per task
CHUNKS_IN_FLIGHT_PER_WORKER = 3  # enough to keep both cores busy, few enough to stay small

Progress = Callable[[int, int], None]  # (done, total)


# --- which files ------------------------------------------------------------------------


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given, folders as their workbooks (sorted, office lock files skipped).

    Raises ``UsageError`` for a path that does not exist or when no workbook is found.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in WORKBOOK_SUFFIXES
                and not p.name.startswith(LOCK_PREFIXES)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(finding("path-missing", path=str(path)))
    if not found:
        raise UsageError(finding("no-workbooks", paths=", ".join(str(p) for p in paths)))
    unique: dict[Path, Path] = {}
    for path in found:  # one file named twice (a folder and its file) is scored once
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


# --- many files -------------------------------------------------------------------------


def score_paths(
    paths: Sequence[Path],
    rubric: Rubric | Iterable[Rubric],
    *,
    year: int | None = None,
    period: Period | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[WorkbookResult]:
    """Score every file (in the order given) and flag units that returned two workbooks.

    Holds every result; for many files, ``score_stream`` (and ``spool``) keep memory flat.
    """
    results = list(
        score_stream(paths, rubric, year=year, period=period, progress=progress, workers=workers)
    )
    flag_duplicates(results)
    return results


def score_stream(
    paths: Sequence[Path],
    rubric: Rubric | Iterable[Rubric],
    *,
    year: int | None = None,
    period: Period | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Generator[WorkbookResult, None, None]:
    """Each file's result as soon as it is scored, in the order given.

    Several rubrics (the clusters' own): each form is scored with the one it was written
    with, the first by default. Duplicate units are not flagged here (that needs every
    file's unit): see ``flag_duplicates`` and ``spool.ScoredSpool``. Close it
    (``contextlib.closing``) when not reading to the end, so the workers stop.
    """
    rubrics = [rubric] if isinstance(rubric, Rubric) else list(rubric)
    expected = tuple(Expected.of(one, year, period) for one in rubrics)
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(paths) >= POOL_THRESHOLD else 1
    if progress is not None:
        progress(0, len(paths))
    for done, result in enumerate(_run(paths, expected, workers), start=1):
        yield result
        if progress is not None:
            progress(done, len(paths))


def _run(
    paths: Sequence[Path], expected: tuple[Expected, ...], workers: int
) -> Iterator[WorkbookResult]:
    if workers > 1:
        try:
            pool = ProcessPoolExecutor(
                max_workers=workers,
                initializer=_init_worker,
                initargs=(expected,),
            )
        except (OSError, NotImplementedError):  # no process support here (some sandboxes)
            pass
        else:
            with pool:
                yield from _pooled(pool, paths, workers)
            return
    for path in paths:
        yield score_workbook(path, expected)


def _pooled(
    pool: ProcessPoolExecutor, paths: Sequence[Path], workers: int
) -> Iterator[WorkbookResult]:
    """Results in order with only a few chunks in flight.

    ``Executor.map`` would submit every file at once, and results the caller has not taken
    yet would pile up in memory; a window keeps memory flat however many files there are.
    """
    size = max(1, min(CHUNK_MAX, len(paths) // (workers * 8)))
    chunks = (list(paths[i : i + size]) for i in range(0, len(paths), size))
    pending: deque[Future[list[WorkbookResult]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_score_in_worker, chunk))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:  # the caller stopped early: drop the work not yet started
            future.cancel()


_worker_expected: tuple[Expected, ...] | None = None


def _init_worker(expected: tuple[Expected, ...]) -> None:
    global _worker_expected
    _worker_expected = expected


def _score_in_worker(paths: list[Path]) -> list[WorkbookResult]:
    assert _worker_expected is not None
    return [score_workbook(path, _worker_expected) for path in paths]


def flag_duplicates(results: list[WorkbookResult]) -> None:
    """Two workbooks for one unit: an error on each of them, naming the others."""
    found = duplicate_problems((r.unit_id, r.file) for r in results)
    for result in results:
        if result.file in found:
            result.problems.append(found[result.file])


UnitFile = tuple[str | None, str]  # (unit id, or None for an unidentified file; the file)


def files_by_unit(pairs: Iterable[UnitFile]) -> dict[str, list[str]]:
    """Unit id -> its files in the order given (files of no known unit left out)."""
    grouped: dict[str, list[str]] = {}
    for unit, file in pairs:
        if unit is not None:
            grouped.setdefault(unit, []).append(file)
    return grouped


def duplicate_problems(pairs: Iterable[UnitFile]) -> dict[str, Finding]:
    """File -> its ``duplicate-unit`` error, for every unit that came in more than one file."""
    found: dict[str, Finding] = {}
    for unit, files in files_by_unit(pairs).items():
        if len(files) < 2:
            continue
        for file in files:
            found[file] = finding("duplicate-unit", file=file, unit=unit, files=", ".join(files))
    return found
