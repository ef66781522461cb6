"""Scoring on worker processes, in order, with a window of chunks in flight.

Imported only when a run has enough files to use two processes (``batch.POOL_THRESHOLD``):
multiprocessing adds about 20 ms to the start-up of every command that imported it.
A worker that dies takes only its own file down: the others of its chunk are scored again
one by one, each in a process of its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.scoring.workbook import Expected, score_workbook, unreadable

CHUNK_MAX = 16  # files a worker scores per task
CHUNKS_IN_FLIGHT_PER_WORKER = 3  # enough to keep both cores busy, few enough to stay small


def pooled_results(
    paths: Sequence[Path], expected: tuple[Expected, ...], workers: int
) -> Iterator[WorkbookResult] | None:
    """Each file's result in order, scored by ``workers`` processes; ``None`` where this
    system cannot start processes (some sandboxes): the caller scores in its own process."""
    try:
        pool = _new_pool(expected, workers)
    except (OSError, NotImplementedError):
        return None
    return _results(pool, paths, expected, workers)


def _results(
    pool: ProcessPoolExecutor, paths: Sequence[Path], expected: tuple[Expected, ...], workers: int
) -> Iterator[WorkbookResult]:
    recovery = _Recovery(expected, workers)
    try:
        yield from pooled(pool, paths, workers, recovery)
    finally:
        recovery.pool_in_use(pool).shutdown(cancel_futures=True)


def _new_pool(expected: tuple[Expected, ...], workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(expected,))


class _Recovery:
    """What to do when a worker dies: a fresh pool, and the dead chunk's files one by one,
    each in a process of its own, so only the file that kills a process is lost."""

    def __init__(self, expected: tuple[Expected, ...], workers: int) -> None:
        self.expected = expected
        self.workers = workers
        self.replaced: ProcessPoolExecutor | None = None

    def restart(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        broken.shutdown(wait=False, cancel_futures=True)
        self.replaced = _new_pool(self.expected, self.workers)
        return self.replaced

    def pool_in_use(self, first: ProcessPoolExecutor) -> ProcessPoolExecutor:
        return self.replaced or first

    def isolate(self, path: Path) -> WorkbookResult:
        try:
            with _new_pool(self.expected, 1) as solo:
                return solo.submit(_score_one, path).result()
        except (BrokenProcessPool, MemoryError) as exc:
            result = WorkbookResult(file=str(path))
            result.problems.append(unreadable(result.file, "crashed", type(exc).__name__))
            return result


def pooled(
    pool: ProcessPoolExecutor,
    paths: Sequence[Path],
    workers: int,
    recovery: _Recovery | None = None,
) -> Iterator[WorkbookResult]:
    """Results in order with only a few chunks in flight.

    ``Executor.map`` would submit every file at once, and results the caller has not taken
    yet would pile up in memory; a window keeps memory flat however many files there are.
    A chunk whose worker died (``BrokenProcessPool``, ``MemoryError``) is scored again file
    by file through ``recovery``, and the chunks in flight go to a fresh pool.
    """
    size = max(1, min(CHUNK_MAX, len(paths) // (workers * 8)))
    chunks = (list(paths[i : i + size]) for i in range(0, len(paths), size))
    # (chunk, its future; None when the pool was found dead at submission)
    pending: deque[tuple[list[Path], Future[list[WorkbookResult]] | None]] = deque()

    def submit(chunk: list[Path]) -> Future[list[WorkbookResult]] | None:
        try:
            return pool.submit(_score_in_worker, chunk)
        except BrokenProcessPool:
            if recovery is None:
                raise
            return None  # a worker died under an earlier chunk: sent again with a new pool

    def take() -> list[WorkbookResult]:
        chunk, future = pending.popleft()
        if future is not None:
            try:
                return future.result()
            except MemoryError:
                if recovery is None:
                    raise
                return [recovery.isolate(path) for path in chunk]
            except BrokenProcessPool:
                if recovery is None:
                    raise
        assert recovery is not None
        return retry(chunk, recovery)

    def retry(chunk: list[Path], recovery: _Recovery) -> list[WorkbookResult]:
        """The pool died: this chunk alone in a fresh pool, file by file if it dies again;
        then the chunks in flight go to the fresh pool."""
        nonlocal pool
        pool = recovery.restart(pool)
        try:
            results = pool.submit(_score_in_worker, chunk).result()
        except (BrokenProcessPool, MemoryError):
            pool = recovery.restart(pool)
            results = [recovery.isolate(path) for path in chunk]
        for index, (waiting, _) in enumerate(pending):
            pending[index] = (waiting, submit(waiting))
        return results

    try:
        for chunk in chunks:
            pending.append((chunk, submit(chunk)))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from take()
        while pending:
            yield from take()
    finally:
        for _, future in pending:  # the caller stopped early: drop the work not yet started
            if future is not None:
                future.cancel()


_worker_expected: tuple[Expected, ...] | None = None


def _init_worker(expected: tuple[Expected, ...]) -> None:
    global _worker_expected
    _worker_expected = expected


def _score_in_worker(paths: list[Path]) -> list[WorkbookResult]:
    assert _worker_expected is not None
    return [score_workbook(path, _worker_expected) for path in paths]


def _score_one(path: Path) -> WorkbookResult:
    assert _worker_expected is not None
    return score_workbook(path, _worker_expected)
