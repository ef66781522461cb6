"""`thidua demo`: the whole year on the sample units, in one folder, in a few seconds.

Forms for every unit (``init_sheets``), returned workbooks filled with deterministic sample
figures (self side, then the cluster's slightly lower scores), scored and locked; then one
unit changes one of its figures after the lock, and the clusters are ranked against the lock
and written to the meeting workbook.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

from thidua_cli.errors import UsageError
from thidua_cli.formula import FormulaError, Value
from thidua_cli.identity import Identity
from thidua_cli.init_sheets import form_filename, init_sheets
from thidua_cli.layout import Side, build_layout
from thidua_cli.lock import make_lock, write_lock
from thidua_cli.messages import t
from thidua_cli.ranking import Ranking, Status, rank
from thidua_cli.ranking_report import write_ranking_xlsx
from thidua_cli.rubric import (
    DONE,
    NO,
    NOT_DONE,
    YES,
    Criterion,
    InputKind,
    InputSpec,
    Rubric,
    load_rubric,
)
from thidua_cli.scoring import score_paths
from thidua_cli.sheet_writer import write_form
from thidua_cli.units import Cluster, Unit, UnitsFile, load_units

MARKER = ".thidua-demo"  # marks a folder as a demo output, safe to regenerate
REPO_UNITS = Path(__file__).resolve().parents[2] / "examples" / "units.yaml"
CHANGED_CODE = "1.2"  # the criterion a unit "improves" after the lock (its cluster-side points)

# side -> criterion code -> input name -> raw cell value
SampleValues = dict[Side, dict[str, dict[str, object]]]


@dataclass
class DemoRun:
    out: Path
    units: Path
    forms: Path
    returned: Path
    lock: Path
    ranking_path: Path
    form_count: int
    changed_unit: str
    changed_code: str
    ranking: Ranking


def sample_units_file() -> Path:
    """The repository's examples/units.yaml in a checkout, else the copy shipped in the package."""
    if REPO_UNITS.is_file():
        return REPO_UNITS
    shipped = resources.files("thidua_cli") / "examples_data" / "units.yaml"
    if not shipped.is_file():
        raise UsageError(t("demo.no_units"))
    return Path(str(shipped))


def run_demo(out: Path, force: bool = False, rubric: Rubric | None = None) -> DemoRun:
    rubric = rubric or load_rubric()
    _prepare(out, force)
    units_path = out / "units.yaml"
    shutil.copyfile(sample_units_file(), units_path)
    units = load_units(units_path)
    forms = init_sheets(rubric, units.units(), out / "forms", rubric.meta.year, "year", force=True)
    returned = out / "returned"
    returned.mkdir(exist_ok=True)
    layout = build_layout(rubric)
    samples: dict[str, SampleValues] = {}
    paths: dict[str, Path] = {}
    for cluster, unit in units.units():
        samples[unit.id] = sample_values(rubric, unit.id)
        paths[unit.id] = returned / form_filename(unit.id)
        write_form(paths[unit.id], layout, _identity(rubric, cluster, unit), samples[unit.id])
    results = score_paths(list(paths.values()), rubric)
    lock_path = out / "verified.lock"
    lock = make_lock(results)
    write_lock(lock_path, lock)

    changed = _unit_to_change(rank(results, units), units)
    cluster, unit = next((c, u) for c, u in units.units() if u.id == changed)
    values = samples[changed]
    best = rubric.criterion(CHANGED_CODE).max
    values[Side.CLUSTER][CHANGED_CODE]["points"] = best  # "corrected" upwards after the lock
    write_form(paths[changed], layout, _identity(rubric, cluster, unit), values)

    final = rank(score_paths(list(paths.values()), rubric), units, lock)
    ranking_path = out / "ranking.xlsx"
    write_ranking_xlsx(ranking_path, final)
    return DemoRun(
        out,
        units_path,
        out / "forms",
        returned,
        lock_path,
        ranking_path,
        len(forms),
        changed,
        CHANGED_CODE,
        final,
    )


def _prepare(out: Path, force: bool) -> None:
    """Refuse a non-empty folder that is not a previous demo; clear our own old outputs."""
    if out.exists() and not out.is_dir():
        raise UsageError(t("demo.not_empty", path=out))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists() and not force:
        raise UsageError(t("demo.not_empty", path=out))
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("forms", "returned"):
        for old in (out / folder).glob("*.xlsx"):
            old.unlink()
    (out / MARKER).write_text("thidua demo\n", encoding="utf-8")


def _identity(rubric: Rubric, cluster: Cluster, unit: Unit) -> Identity:
    return Identity(
        rubric_id=rubric.id,
        rubric_digest=rubric.digest(),
        unit_id=unit.id,
        unit_name=unit.name,
        cluster=cluster.id,
        cluster_name=cluster.name,
        year=rubric.meta.year,
        period="year",
    )


def _unit_to_change(before: Ranking, units: UnitsFile) -> str:
    """The runner-up of the first cluster: otherwise eligible, and not the leader we show."""
    eligible = [e for e in before.clusters[0].entries if e.status is Status.ELIGIBLE]
    if len(eligible) < 2:
        return units.clusters[0].units[0].id
    return eligible[1].unit.id


# --- sample figures ---------------------------------------------------------------------------


def sample_values(rubric: Rubric, unit_id: str) -> SampleValues:
    """Deterministic figures for ``unit_id``: the unit's own, and the cluster's slightly lower."""
    rng = random.Random(f"thidua-demo:{unit_id}")
    own: dict[str, dict[str, object]] = {}
    for leaf in rubric.leaves():
        own[leaf.code] = {spec.name: _sample(rng, leaf, spec) for spec in leaf.inputs}
        if own[leaf.code].get("has_projects") == NO:
            own[leaf.code].pop("points", None)  # ignored when there is no project
    cluster = {code: dict(values) for code, values in own.items()}
    leaves = [leaf for leaf in rubric.leaves() if leaf.inputs]
    for leaf in rng.sample(leaves, 4):
        for spec in leaf.inputs:
            if spec.name in cluster[leaf.code]:
                cluster[leaf.code][spec.name] = _lower(leaf, spec, cluster[leaf.code][spec.name])
    # the cluster always takes a little off 1.2, so the demo's "correction" later is a raise
    points = own[CHANGED_CODE]["points"]
    assert isinstance(points, Decimal)
    cluster[CHANGED_CODE]["points"] = max(Decimal(0), points - Decimal("2.5"))
    return {Side.SELF: own, Side.CLUSTER: cluster}


def _rewards(leaf: Criterion, spec: InputSpec) -> bool:
    """Does a larger count raise the points (campaigns) or lower them (late tasks)?"""
    base: dict[str, Value] = {s.name: Decimal(0) for s in leaf.inputs if s.kind is InputKind.COUNT}
    try:
        low = leaf.evaluate(base)
        high = leaf.evaluate({**base, spec.name: Decimal(10)})
    except FormulaError:
        return False
    return high > low


def _sample(rng: random.Random, leaf: Criterion, spec: InputSpec) -> object:
    if spec.kind is InputKind.COUNT:
        return rng.randint(6, 30) if _rewards(leaf, spec) else rng.choice([0, 0, 0, 1, 1, 2, 3])
    if spec.kind is InputKind.POINTS:
        share = Decimal(rng.randint(170, 200)) / 200  # 85 % to 100 % of the maximum
        return (leaf.max * share * 2).to_integral_value() / 2  # halves, as people score
    if spec.kind is InputKind.PERCENT:
        return rng.randint(55, 100)
    if spec.kind is InputKind.YESNO:
        return YES if rng.random() < 0.8 else NO
    if spec.kind is InputKind.DONE:
        return DONE if rng.random() < 0.9 else NOT_DONE
    labels = leaf.labels(spec)
    return labels[0] if rng.random() < 0.6 else labels[1]


def _lower(leaf: Criterion, spec: InputSpec, value: object) -> object:
    """The cluster's view: a notch below the unit's own (never an invalid value)."""
    if spec.kind is InputKind.POINTS and isinstance(value, Decimal):
        return max(Decimal(0), value - Decimal("1.5"))
    if spec.kind is InputKind.COUNT and isinstance(value, int):
        return max(0, value - 2) if _rewards(leaf, spec) else value + 1
    if spec.kind is InputKind.PERCENT and isinstance(value, int):
        return max(0, value - 10)
    if spec.kind is InputKind.LEVEL:
        labels = leaf.labels(spec)
        return labels[min(labels.index(str(value)) + 1, len(labels) - 2)]
    return value
