"""``thidua lock``: score the workbooks, seal the agreed figures, write the lock file."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.ranking.lock import Lock, make_lock, write_lock
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.scoring.batch import Progress, expand_paths, score_stream
from thidua_cli.units import load_units
from thidua_cli.units.rubrics import cluster_rubrics


@dataclass(frozen=True)
class LockRequest:
    paths: Sequence[Path]
    out: Path
    criteria: Path | None = None
    year: int | None = None
    period: Period = "year"
    units: Path | None = None  # a units file: its clusters' own rubrics score their forms


def lock(request: LockRequest, progress: Progress | None = None) -> Lock:
    rubric = load_rubric(request.criteria)
    units = load_units(request.units) if request.units is not None else None
    rubrics = list(cluster_rubrics(units, rubric))
    files = expand_paths(request.paths)
    stream = score_stream(
        files, rubrics, year=request.year, period=request.period, progress=progress
    )
    with closing(stream):
        sealed = make_lock(stream, rubrics=rubrics)
    write_lock(request.out, sealed)
    return sealed
