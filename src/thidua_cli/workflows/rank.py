"""``thidua rank``: read the units file and the locks first (fail fast), score, then rank.

Each result is compared with the lock as it arrives and only its totals are kept
(``ReturnedWorkbook``), so thousands of workbooks take a few megabytes, not gigabytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.ranking.lock import merge_locks, read_lock
from thidua_cli.ranking.rank import Ranking, ReturnedWorkbook, mark_duplicates, rank_returned
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.sides import Period, Side
from thidua_cli.scoring.batch import Notify, Progress, Skipped, expand_paths, score_stream
from thidua_cli.units import load_units


@dataclass(frozen=True)
class RankRequest:
    paths: Sequence[Path]
    units: Path
    locks: Sequence[Path] = ()
    by: Side = Side.CLUSTER
    province_flag_total: int | None = None
    criteria: Path | None = None
    year: int | None = None
    period: Period = "year"


def rank(
    request: RankRequest, progress: Progress | None = None, notify: Notify | None = None
) -> Ranking:
    rubric = load_rubric(request.criteria)
    units = load_units(request.units)
    lock = merge_locks([read_lock(p) for p in request.locks]) if request.locks else None
    skipped = Skipped()
    files = expand_paths(request.paths, skipped)
    stream = score_stream(
        files,
        rubric,
        year=request.year,
        period=request.period,
        progress=progress,
        skipped=skipped,
    )
    try:
        with closing(stream):
            returned = mark_duplicates([ReturnedWorkbook.of(result, lock) for result in stream])
    finally:
        skipped.tell(notify)
    return rank_returned(returned, units, lock, request.by, request.province_flag_total)
