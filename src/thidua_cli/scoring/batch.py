"""Score many returned workbooks: in order, on two processes from 50 files on, memory flat.

``expand_paths`` picks the workbooks of a folder and names the files it sets aside
(``Skipped``: macOS companions, office lock files, .xlsb, names ending in a space; reports
thidua wrote are found while scoring). ``score_stream`` yields each file's result as soon as
it is scored (on worker processes, ``scoring.pool``, with a window of a few chunks in flight,
so results never pile up; a worker that dies takes only its own file down).
``score_paths`` keeps them all and flags units that returned two workbooks
(``duplicate-unit``, known only once every file is in).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

from msgspec import Struct, field

from thidua_cli.findings import Finding, Msg, UsageError, finding
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.scoring.duplicates import duplicate_problems
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.scoring.workbook import Expected, score_workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
LOCK_PREFIXES = ("~$", ".~lock")
MACOS_PREFIX = "._"  # AppleDouble companions a Mac leaves beside every file on a USB stick
POOL_THRESHOLD = 50  # below this, starting processes costs more than it saves

Progress = Callable[[int, int], None]  # (done, total)
Notify = Callable[[Finding], None]  # a warning for the user, outside any one workbook


# --- which files ------------------------------------------------------------------------


class Skipped(Struct):
    """Files a run sets aside on purpose, named in one warning (``skipped-files``)."""

    items: list[Msg] = field(default_factory=list)

    def add(self, reason: str, name: str) -> None:
        self.items.append(Msg(f"skipped.{reason}", {"name": name}))

    def finding(self) -> Finding | None:
        return finding("skipped-files", files=tuple(self.items)) if self.items else None

    def tell(self, notify: Notify | None) -> None:
        found = self.finding()
        if found is not None and notify is not None:
            notify(found)


def expand_paths(paths: Sequence[Path], skipped: Skipped | None = None) -> list[Path]:
    """Files as given, folders as their workbooks (sorted; ``skipped`` collects the files set
    aside: macOS companions, office lock files, .xlsb, names ending in a space).

    A folder or file that cannot be opened (no permission) stays in the list: scoring it
    gives a located problem. Raises ``UsageError`` for a path that does not exist or when no
    workbook is found.
    """
    skipped = skipped if skipped is not None else Skipped()
    found: list[Path] = []
    for path in paths:
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError:  # inside a folder we may not enter: the reader will say so
            found.append(path)
            continue
        if is_dir:
            found += _folder_workbooks(path, skipped)
        elif is_file:
            found.append(path)
        else:
            raise UsageError(finding("path-missing", path=str(path)))
    if not found:
        raise UsageError(finding("no-workbooks", paths=", ".join(str(p) for p in paths)))
    unique: dict[Path, Path] = {}
    for path in found:  # one file named twice (a folder and its file) is scored once
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _folder_workbooks(folder: Path, skipped: Skipped) -> list[Path]:
    try:
        entries = sorted(folder.iterdir())
    except OSError:  # a folder we may not list: scoring it says why, at the folder
        return [folder]
    found = []
    for entry in entries:
        name = entry.name
        suffix = entry.suffix.lower()
        if name.startswith(LOCK_PREFIXES):
            skipped.add("office-lock", name)
        elif suffix == ".xlsb":
            skipped.add("xlsb", name)
        elif suffix not in WORKBOOK_SUFFIXES:
            if name != name.rstrip() and Path(name.rstrip()).suffix.lower() in WORKBOOK_SUFFIXES:
                skipped.add("trailing-space", name)
        elif name.startswith(MACOS_PREFIX):
            skipped.add("macos", name)
        elif _is_file(entry):
            found.append(entry)
    return found


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # listed but not reachable (no permission): the reader will say so
        return True


# --- many files -------------------------------------------------------------------------


@contextmanager
def scored_files(
    paths: Sequence[Path],
    rubric: Rubric | Iterable[Rubric],
    *,
    year: int | None = None,
    period: Period | None = None,
    progress: Progress | None = None,
    notify: Notify | None = None,
) -> Iterator[Iterator[WorkbookResult]]:
    """The workbooks of ``paths`` (files, folders) scored one by one, as ``score``, ``lock``
    and ``rank`` read them; the files set aside are told to ``notify`` in one warning."""
    skipped = Skipped()
    files = expand_paths(paths, skipped)
    stream = score_stream(
        files, rubric, year=year, period=period, progress=progress, skipped=skipped
    )
    try:
        with closing(stream):
            yield stream
    finally:
        skipped.tell(notify)


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


def _workers(files: int) -> int:
    """Two processes from ``POOL_THRESHOLD`` files on (this machine's cores allowing);
    ``THIDUA_WORKERS`` sets the number (1: one process, as the benchmark measures CPU)."""
    chosen = os.environ.get("THIDUA_WORKERS", "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return min(int(chosen), 8)
    return min(2, os.cpu_count() or 1) if files >= POOL_THRESHOLD else 1


def score_stream(
    paths: Sequence[Path],
    rubric: Rubric | Iterable[Rubric],
    *,
    year: int | None = None,
    period: Period | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    skipped: Skipped | None = None,
) -> Generator[WorkbookResult, None, None]:
    """Each file's result as soon as it is scored, in the order given.

    Several rubrics (the clusters' own): each form is scored with the one it was written
    with, the first by default. A report thidua wrote (``scores.xlsx``, a ranking workbook)
    yields no result: it goes to ``skipped``. Duplicate units are not flagged here (that
    needs every file's unit): see ``flag_duplicates`` and ``spool.ScoredSpool``. Close it
    (``contextlib.closing``) when not reading to the end, so the workers stop.
    """
    rubrics = [rubric] if isinstance(rubric, Rubric) else list(rubric)
    expected = tuple(Expected.of(one, year, period) for one in rubrics)
    if workers is None:
        workers = _workers(len(paths))
    if progress is not None:
        progress(0, len(paths))
    for done, result in enumerate(_run(paths, expected, workers), start=1):
        if result.skipped is not None:
            if skipped is not None:
                skipped.add(result.skipped, Path(result.file).name)
        else:
            yield result
        if progress is not None:
            progress(done, len(paths))


def _run(
    paths: Sequence[Path], expected: tuple[Expected, ...], workers: int
) -> Iterator[WorkbookResult]:
    if workers > 1:
        # imported here: multiprocessing adds about 20 ms to every command's start-up
        from thidua_cli.scoring.pool import pooled_results

        pooled = pooled_results(paths, expected, workers)
        if pooled is not None:
            yield from pooled
            return
    for path in paths:
        yield score_workbook(path, expected)


def flag_duplicates(results: list[WorkbookResult]) -> None:
    """Two workbooks for one unit: an error on each of them, naming the others."""
    found = duplicate_problems((r.unit_id, r.file) for r in results)
    for result in results:
        if result.file in found:
            result.problems.append(found[result.file])
