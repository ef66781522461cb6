"""Synthetic ``WorkbookResult``s for the lock and ranking tests, scored by the real engine."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from thidua_cli.findings import Finding, Severity
from thidua_cli.form.identity import Identity
from thidua_cli.rubric.formula import Value
from thidua_cli.rubric.model import DONE, NO, InputKind, Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import compute_scores
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.units import UnitsFile
from thidua_cli.units.yaml_reader import validate_units

Overrides = dict[str, dict[str, Value]]


def full_inputs(rubric: Rubric, overrides: Overrides | None = None) -> dict[str, dict[str, Value]]:
    """Inputs for every leaf, each at its best value, then ``overrides`` applied."""
    inputs: dict[str, dict[str, Value]] = {}
    for leaf in rubric.leaves():
        values: dict[str, Value] = {}
        for spec in leaf.inputs:
            if spec.kind is InputKind.COUNT:
                values[spec.name] = Decimal(0)
            elif spec.kind is InputKind.POINTS:
                values[spec.name] = leaf.max
            elif spec.kind is InputKind.PERCENT:
                values[spec.name] = Decimal(100)
            elif spec.kind is InputKind.YESNO:
                values[spec.name] = NO
            elif spec.kind is InputKind.DONE:
                values[spec.name] = DONE
            else:
                values[spec.name] = leaf.labels(spec)[0]
        if leaf.code == "1.6":
            values.pop("points")  # ignored when has_projects is "Không"
        inputs[leaf.code] = values
    for code, changes in (overrides or {}).items():
        inputs.setdefault(code, {}).update(changes)
    return inputs


def make_result(
    rubric: Rubric,
    unit_id: str,
    cluster: str = "cum-1",
    self_overrides: Overrides | None = None,
    cluster_overrides: Overrides | None = None,
    cluster_blank: bool = False,
    errors: int = 0,
    file: str | None = None,
) -> WorkbookResult:
    """A scored workbook of ``unit_id``; the cluster side copies the self side unless told."""
    identity = Identity(
        rubric_id=rubric.id,
        rubric_digest="d" * 64,
        unit_id=unit_id,
        unit_name=f"Đơn vị {unit_id}",
        cluster=cluster,
        year=2020,
    )
    own = full_inputs(rubric, self_overrides)
    theirs = full_inputs(
        rubric, cluster_overrides if cluster_overrides is not None else self_overrides
    )
    if cluster_blank:
        theirs = {}  # the cluster has not scored yet
    problems = [
        Finding(
            code="not-a-number", severity=Severity.ERROR, variant="text", file=file, criterion="1.1"
        )
        for _ in range(errors)
    ]
    return WorkbookResult(
        file=file or f"returned/{unit_id}.xlsx",
        identity=identity,
        inputs={Side.SELF: own, Side.CLUSTER: theirs},
        scores={
            Side.SELF: compute_scores(rubric, own),
            Side.CLUSTER: compute_scores(rubric, theirs),
        },
        problems=problems,
    )


def units_file(clusters: dict[str, list[dict[str, object]]]) -> UnitsFile:
    """``{"cum-1": [{"id": "A", ...}, ...]}`` -> a validated units file."""
    data = {
        "clusters": [
            {
                "id": cid,
                "name": f"Cụm thi đua {cid}",
                "units": [{"name": f"Đơn vị {u['id']}", **u} for u in units],
            }
            for cid, units in clusters.items()
        ]
    }
    return validate_units(data, Path("units.yaml"))


def points(value: str) -> Overrides:
    """Self/cluster inputs with 1.2's points set: the easy knob for a different total."""
    return {"1.2": {"points": Decimal(value)}}
