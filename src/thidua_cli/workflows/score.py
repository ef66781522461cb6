"""``thidua score``: every returned workbook scored, parked in a spool for the reports."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.scoring.batch import Progress, expand_paths, score_stream
from thidua_cli.scoring.spool import ScoredSpool
from thidua_cli.units import load_units
from thidua_cli.units.rubrics import cluster_rubrics


@dataclass(frozen=True)
class ScoreRequest:
    paths: Sequence[Path]  # workbooks or folders of them
    criteria: Path | None = None  # a criteria folder; None: the built-in rubric
    year: int | None = None
    period: Period = "year"
    units: Path | None = None  # a units file: its clusters' own rubrics score their forms


@dataclass
class Scored:
    rubric: Rubric
    results: ScoredSpool  # close it (a context manager) when the reports are written


def score(request: ScoreRequest, progress: Progress | None = None) -> Scored:
    rubric = load_rubric(request.criteria)
    units = load_units(request.units) if request.units is not None else None
    rubrics = list(cluster_rubrics(units, rubric))
    files = expand_paths(request.paths)
    stream = score_stream(
        files, rubrics, year=request.year, period=request.period, progress=progress
    )
    with closing(stream):
        return Scored(rubric, ScoredSpool.of(stream))
