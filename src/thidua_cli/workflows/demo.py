"""`thidua demo`: the whole year on the sample units, in one folder, in a few seconds.

Forms for every unit (``init_sheets``), returned workbooks filled with deterministic sample
figures (self side, then the cluster's slightly lower scores); two of them come back with
typical mistakes, are scored (the located errors are what the demo shows first) and
corrected; then everything is scored and locked, one unit changes one of its figures after
the lock, the clusters are ranked against the lock, the meeting elects each cluster's top
unit, and the result goes to the meeting workbook and the year's papers (``giay-to/``). The
demo only ever replaces files its manifest (``.thidua-demo``) says it wrote.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from thidua_cli.files import shipped_dir, write_bytes_atomically, write_failed
from thidua_cli.findings import ThiduaError, UsageError, finding
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import build_layout
from thidua_cli.form.samples import lowered, realistic_value
from thidua_cli.form.writer import write_form
from thidua_cli.ranking.lock import Verified, make_lock, write_lock
from thidua_cli.ranking.rank import Meeting, Ranking, Status, rank
from thidua_cli.reports.papers.data import Choices
from thidua_cli.reports.papers.document import Occasion
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import NO, Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.batch import score_paths
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.units import Cluster, Unit, UnitsFile, load_units
from thidua_cli.units.rubrics import cluster_rubrics
from thidua_cli.workflows.init_sheets import competition_year, form_filename, init_sheets
from thidua_cli.workflows.papers import gather, paper_files, write_papers

MANIFEST = ".thidua-demo"  # what the demo wrote (sha256 and path): the only files it touches
CHANGED_CODE = "1.2"  # the criterion a unit "improves" after the lock (its own points)
PAPERS_FOLDER = "giay-to"  # the papers (minutes, proposals: thidua papers) are written here

# side -> criterion code -> input name -> raw cell value
SampleValues = dict[Side, dict[str, dict[str, object]]]
WriteRanking = Callable[[Path, Ranking], None]


class DemoRun(Struct):
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
    mistakes: list[WorkbookResult] = field(default_factory=list)  # the first scoring's errors
    year: int = 0
    papers: Path | None = None  # the papers' folder


def sample_units_file() -> Path:
    """``examples/units.yaml``: the repository's top-level folder, shipped in the wheel too."""
    path = shipped_dir("examples") / "units.yaml"
    if not path.is_file():
        raise UsageError(finding("demo-no-units"))
    return path


class Manifest:
    """The files a demo wrote into its folder, with their digests.

    A later run may replace a file only if the manifest lists it and it is unchanged since;
    anything else in the folder (a workbook the user added to ``returned/``, a ``units.yaml``
    of their own) is never deleted nor overwritten.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.path = out / MANIFEST
        self.entries: dict[str, str] = {}
        if self.path.is_file():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                digest, _, name = line.partition("  ")
                if name:
                    self.entries[name] = digest

    def _name(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()

    def owns(self, path: Path) -> bool:
        digest = self.entries.get(self._name(path))
        return digest is not None and digest in ("-", _digest(path))

    def claim(self, paths: Sequence[Path]) -> None:
        """Mark ``paths`` as about to be written (``-``: digest to come), before writing them."""
        for path in paths:
            self.entries[self._name(path)] = "-"
        self.save()

    def seal(self, paths: Sequence[Path]) -> None:
        for path in paths:
            self.entries[self._name(path)] = _digest(path)
        self.save()

    def save(self) -> None:
        lines = "".join(f"{d}  {n}\n" for n, d in sorted(self.entries.items()))
        write_bytes_atomically(self.path, lines.encode("utf-8"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _planned(out: Path, units: UnitsFile) -> list[Path]:
    names = [form_filename(u.id) for _, u in units.units()]
    return [
        out / "units.yaml",
        *(out / "forms" / n for n in names),
        *(out / "returned" / n for n in names),
        out / "verified.lock",
        out / "ranking.xlsx",
    ]


def _prepare(out: Path, force: bool, planned: Sequence[Path]) -> Manifest:
    """Refuse a folder with files the demo did not make (unless ``force``), and any file the
    demo would write over that is not its own (even with ``force``)."""
    if out.exists() and not out.is_dir():
        raise UsageError(finding("demo-not-empty", path=str(out)))
    manifest = Manifest(out)
    if out.is_dir() and any(out.iterdir()) and not manifest.entries and not force:
        raise UsageError(finding("demo-not-empty", path=str(out)))
    _refuse_foreign(manifest, planned)
    for folder in (out, out / "forms", out / "returned"):
        folder.mkdir(parents=True, exist_ok=True)
    manifest.claim(planned)
    return manifest


def _refuse_foreign(manifest: Manifest, planned: Sequence[Path]) -> None:
    """Any file the demo would write over that is not its own: refused (even with ``force``)."""
    theirs = [p for p in planned if (p.exists() or p.is_symlink()) and not manifest.owns(p)]
    if theirs:
        files = ", ".join(str(p) for p in theirs[:10]) + (", …" if len(theirs) > 10 else "")
        raise UsageError(finding("demo-not-ours", path=str(manifest.out), files=files))


def run_demo(
    out: Path,
    force: bool = False,
    rubric: Rubric | None = None,
    write_ranking: WriteRanking | None = None,
) -> DemoRun:
    """The whole year in ``out``: forms, returns (two with typical mistakes, scored, then
    corrected), the lock, a change after it, the ranking. ``write_ranking`` writes the meeting
    workbook in the caller's language."""
    try:
        return _run_demo(out, force, rubric, write_ranking)
    except OSError as exc:  # a read-only drive, a full disk: said, not a traceback
        where = Path(exc.filename) if isinstance(exc.filename, str) else out
        raise ThiduaError(write_failed(where, exc)) from exc


def _run_demo(
    out: Path, force: bool, rubric: Rubric | None, write_ranking: WriteRanking | None
) -> DemoRun:
    rubric = rubric or load_rubric()
    units = load_units(sample_units_file())
    planned = _planned(out, units)
    manifest = _prepare(out, force, planned)
    units_path = out / "units.yaml"
    write_bytes_atomically(units_path, sample_units_file().read_bytes())
    year = units.year or competition_year(dt.date.today())
    forms = init_sheets(rubric, units.units(), out / "forms", year, "year", force=True)
    returned = out / "returned"
    layout = build_layout(rubric)
    samples: dict[str, SampleValues] = {}
    paths: dict[str, Path] = {}
    identities: dict[str, Identity] = {}
    for cluster, unit in units.units():
        samples[unit.id] = sample_values(rubric, unit.id)
        paths[unit.id] = returned / form_filename(unit.id)
        identities[unit.id] = _identity(rubric, cluster, unit, year)
    mistaken = _with_mistakes(samples, units)
    for unit_id, path in paths.items():
        write_form(path, layout, identities[unit_id], mistaken.get(unit_id, samples[unit_id]))
    first = score_paths(list(paths.values()), rubric)
    mistakes = [r for r in first if not r.ok]
    for unit_id in mistaken:  # the units correct their returns
        write_form(paths[unit_id], layout, identities[unit_id], samples[unit_id])
    results = score_paths(list(paths.values()), rubric)
    lock_path = out / "verified.lock"
    lock = make_lock(results, rubrics=[rubric])
    write_lock(lock_path, lock)

    changed = _unit_to_change(rank(results, units), units)
    values = samples[changed]
    best = rubric.criterion(CHANGED_CODE).max
    values[Side.SELF][CHANGED_CODE]["points"] = best  # the unit raises its own figure
    write_form(paths[changed], layout, identities[changed], values)

    scored = score_paths(list(paths.values()), rubric)
    meeting = Meeting(year=year)
    before_vote = rank(scored, units, lock, meeting=meeting)
    # the meeting elects each cluster's top unit (the first of a tie: the demo has to choose)
    elected = {
        c.cluster.id: c.leader or c.tie[0] for c in before_vote.clusters if c.leader or c.tie
    }
    final = rank(scored, units, lock, meeting=replace(meeting, elected=elected))
    ranking_path = out / "ranking.xlsx"
    if write_ranking is not None:
        write_ranking(ranking_path, final)
    verified = Verified.from_lock(lock).of(year, "year")
    papers = gather(final, verified, units, cluster_rubrics(units, rubric), Choices())
    paper_paths = [path for _, path in paper_files(papers, out / PAPERS_FOLDER)]
    _refuse_foreign(manifest, paper_paths)
    manifest.claim(paper_paths)
    write_papers(papers, out / PAPERS_FOLDER, Occasion(), force=True)
    manifest.seal([p for p in [*planned, *paper_paths] if p.exists()])
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
        mistakes,
        year,
        out / PAPERS_FOLDER,
    )


# Two returns with the mistakes clerks meet most: points above the maximum, a number typed
# as words, a count with a fraction, a self-assessment left blank.
MISTAKES: dict[int, dict[str, tuple[str, object]]] = {
    0: {"1.2": ("points", 120), "1.5": ("unresolved", "hai")},
    1: {"1.1": ("late_tasks", Decimal("1.5")), "2.1": ("level", None)},
}


def _with_mistakes(samples: dict[str, SampleValues], units: UnitsFile) -> dict[str, SampleValues]:
    """The second unit of each of the first two clusters returns a form with mistakes."""
    mistaken: dict[str, SampleValues] = {}
    for number, cluster in enumerate(units.clusters[:2]):
        unit_id = cluster.units[-1].id
        values = {
            side: {c: dict(v) for c, v in codes.items()} for side, codes in samples[unit_id].items()
        }
        for code, (name, value) in MISTAKES[number].items():
            if value is None:
                values[Side.SELF][code].pop(name, None)
            else:
                values[Side.SELF][code][name] = value
        mistaken[unit_id] = values
    return mistaken


def _identity(rubric: Rubric, cluster: Cluster, unit: Unit, year: int) -> Identity:
    return Identity(
        rubric_id=rubric.id,
        rubric_digest=rubric.digest(),
        unit_id=unit.id,
        unit_name=unit.name,
        cluster=cluster.id,
        cluster_name=cluster.name,
        year=year,
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
