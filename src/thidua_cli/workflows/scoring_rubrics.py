"""The rubrics that score the forms of a ``score`` or ``lock`` run."""

from __future__ import annotations

from pathlib import Path

from thidua_cli.rubric.model import Rubric


def scoring_rubrics(base: Rubric, units: Path | None) -> list[Rubric]:
    """``base``; with a units file, its clusters' own rubrics too (each form is scored with
    the one it was written with)."""
    if units is None:
        return [base]
    # Read only when given: the units' models and the rubric checker are about 7 ms of
    # start-up, which score and lock without --units do not pay.
    from thidua_cli.units import load_units
    from thidua_cli.units.rubrics import cluster_rubrics

    return list(cluster_rubrics(load_units(units), base))
