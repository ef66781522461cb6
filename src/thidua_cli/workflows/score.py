"""``thidua score``: every returned workbook scored, parked in a spool for the reports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct, field

from thidua_cli.findings import Finding
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.scoring.batch import Notify, Progress, scored_files
from thidua_cli.scoring.spool import ScoredSpool
from thidua_cli.workflows.forms_period import FormPeriods
from thidua_cli.workflows.scoring_rubrics import scoring_rubrics


class ScoreRequest(Struct, frozen=True):
    paths: Sequence[Path]  # workbooks or folders of them
    criteria: Path | None = None  # a criteria folder; None: the built-in rubric
    year: int | None = None  # a filter; None: the year the forms carry
    period: Period | None = None
    units: Path | None = None  # a units file: its clusters' own rubrics score their forms


class Scored(Struct):
    rubric: Rubric
    results: ScoredSpool  # close it (a context manager) when the reports are written
    mixed: list[Finding] = field(default_factory=list)  # forms of several years or periods


def score(
    request: ScoreRequest, progress: Progress | None = None, notify: Notify | None = None
) -> Scored:
    """Score every workbook; ``notify`` hears of the files set aside (one warning)."""
    rubric = load_rubric(request.criteria)
    rubrics = scoring_rubrics(rubric, request.units)
    periods = FormPeriods()
    with scored_files(
        request.paths,
        rubrics,
        year=request.year,
        period=request.period,
        progress=progress,
        notify=notify,
    ) as stream:
        spool = ScoredSpool.of(periods.watch(stream))
    return Scored(rubric, spool, periods.problems())
