"""``thidua rank``: read the units file, its rubrics and the locks first (fail fast), score,
then rank.

Each result is compared with the lock as it arrives and only its totals are kept
(``ReturnedWorkbook``), so thousands of workbooks take a few megabytes, not gigabytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from thidua_cli.ranking.lock import Verified, merge_locks, read_lock
from thidua_cli.ranking.rank import (
    Meeting,
    Ranking,
    ReturnedWorkbook,
    mark_duplicates,
    rank_returned,
)
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.sides import Period, Side
from thidua_cli.scoring.batch import Progress, expand_paths, score_stream
from thidua_cli.units import load_units
from thidua_cli.units.rubrics import cluster_rubrics


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
    elected: Mapping[str, str] = field(default_factory=dict)  # cluster id -> unit id
    today: date | None = None  # None: the day of the run (the deadline check)


def rank(request: RankRequest, progress: Progress | None = None) -> Ranking:
    base = load_rubric(request.criteria)
    units = load_units(request.units)
    rubrics = cluster_rubrics(units, base)
    lock = merge_locks([read_lock(p) for p in request.locks]) if request.locks else None
    verified = Verified.from_lock(lock) if lock is not None else None
    files = expand_paths(request.paths)
    stream = score_stream(
        files, list(rubrics), year=request.year, period=request.period, progress=progress
    )
    with closing(stream):
        returned = mark_duplicates([ReturnedWorkbook.of(result, verified) for result in stream])
    meeting = Meeting(
        year=request.year or base.meta.year,
        period=request.period,
        elected=request.elected,
        today=request.today or date.today(),
    )
    return rank_returned(
        returned, units, verified, request.by, request.province_flag_total, meeting, rubrics
    )
