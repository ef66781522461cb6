"""`thidua demo`: the whole year on the sample units, in one folder, in a few seconds.

Forms for every unit (``init_sheets``), returned workbooks filled with deterministic sample
figures (self side, then the cluster's slightly lower scores), scored and locked; then one
unit changes one of its figures after the lock, the clusters are ranked against the lock, the
meeting elects each cluster's top unit, and the result goes to the meeting workbook.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from thidua_cli.files import shipped_dir
from thidua_cli.findings import UsageError, finding
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import build_layout
from thidua_cli.form.samples import lowered, realistic_value
from thidua_cli.form.writer import write_form
from thidua_cli.ranking.lock import make_lock, write_lock
from thidua_cli.ranking.rank import Meeting, Ranking, Status, rank
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import NO, Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.batch import score_paths
from thidua_cli.units import Cluster, Unit, UnitsFile, load_units
from thidua_cli.workflows.init_sheets import form_filename, init_sheets

MARKER = ".thidua-demo"  # marks a folder as a demo output, safe to regenerate
CHANGED_CODE = "1.2"  # the criterion a unit "improves" after the lock (its own points)

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
    elected: dict[str, str]  # the meeting's vote: cluster id -> unit id


def sample_units_file() -> Path:
    """``examples/units.yaml``: the repository's top-level folder, shipped in the wheel too."""
    path = shipped_dir("examples") / "units.yaml"
    if not path.is_file():
        raise UsageError(finding("demo-no-units"))
    return path


def run_demo(out: Path, force: bool = False, rubric: Rubric | None = None) -> DemoRun:
    """The whole year in ``out``; the meeting workbook (``ranking_path``) is the caller's to
    write, in the language it renders in."""
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
    lock = make_lock(results, rubrics=[rubric])
    write_lock(lock_path, lock)

    changed = _unit_to_change(rank(results, units), units)
    cluster, unit = next((c, u) for c, u in units.units() if u.id == changed)
    values = samples[changed]
    best = rubric.criterion(CHANGED_CODE).max
    values[Side.SELF][CHANGED_CODE]["points"] = best  # the unit raises its own figure
    write_form(paths[changed], layout, _identity(rubric, cluster, unit), values)

    scored = score_paths(list(paths.values()), rubric)
    meeting = Meeting(year=rubric.meta.year)
    before_vote = rank(scored, units, lock, meeting=meeting)
    # the meeting elects each cluster's top unit (the first of a tie: the demo has to choose)
    elected = {
        c.cluster.id: c.leader or c.tie[0] for c in before_vote.clusters if c.leader or c.tie
    }
    final = rank(scored, units, lock, meeting=replace(meeting, elected=elected))
    ranking_path = out / "ranking.xlsx"
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
        elected,
    )


def _prepare(out: Path, force: bool) -> None:
    """Refuse a non-empty folder that is not a previous demo; clear our own old outputs."""
    if out.exists() and not out.is_dir():
        raise UsageError(finding("demo-not-empty", path=str(out)))
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists() and not force:
        raise UsageError(finding("demo-not-empty", path=str(out)))
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
        own[leaf.code] = {spec.name: realistic_value(rng, leaf, spec) for spec in leaf.inputs}
        if own[leaf.code].get("has_projects") == NO:
            own[leaf.code].pop("points", None)  # ignored when there is no project
    cluster = {code: dict(values) for code, values in own.items()}
    leaves = [leaf for leaf in rubric.leaves() if leaf.inputs]
    for leaf in rng.sample(leaves, 4):
        for spec in leaf.inputs:
            if spec.name in cluster[leaf.code]:
                cluster[leaf.code][spec.name] = lowered(leaf, spec, cluster[leaf.code][spec.name])
    # a unit scores itself below the maximum on 1.2, so the demo's change later is a raise;
    # the cluster always takes a little off
    best = rubric.criterion(CHANGED_CODE).max
    points = own[CHANGED_CODE]["points"]
    assert isinstance(points, Decimal)
    own[CHANGED_CODE]["points"] = points = min(points, best - Decimal(5))
    cluster[CHANGED_CODE]["points"] = max(Decimal(0), points - Decimal("2.5"))
    return {Side.SELF: own, Side.CLUSTER: cluster}
