"""``thidua score``: every returned workbook scored, parked in a spool for the reports."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.scoring.batch import Notify, Progress, Skipped, expand_paths, score_stream
from thidua_cli.scoring.spool import ScoredSpool


@dataclass(frozen=True)
class ScoreRequest:
    paths: Sequence[Path]  # workbooks or folders of them
    criteria: Path | None = None  # a criteria folder; None: the built-in rubric
    year: int | None = None
    period: Period = "year"


@dataclass
class Scored:
    rubric: Rubric
    results: ScoredSpool  # close it (a context manager) when the reports are written


def score(
    request: ScoreRequest, progress: Progress | None = None, notify: Notify | None = None
) -> Scored:
    """Score every workbook; ``notify`` hears of the files set aside (one warning)."""
    rubric = load_rubric(request.criteria)
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
            return Scored(rubric, ScoredSpool.of(stream))
    finally:
        skipped.tell(notify)
