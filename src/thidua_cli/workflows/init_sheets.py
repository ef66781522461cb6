"""``thidua init-sheet``: choose the units, then write one form per unit into a folder.

Per-rubric work (layout, formulas, styles, validations) is done once per template; each form
only gets its unit's identity stamped in (``FormTemplates``), so a thousand forms take
seconds.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from msgspec import Struct
from pydantic import ValidationError

from thidua_cli.files import MAX_STEM, prepare_folder, refuse_inputs, safe_stem, write_failed
from thidua_cli.findings import UnitsError, UsageError, WorkbookError, finding
from thidua_cli.form.existing import typed_inputs
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import build_layout
from thidua_cli.form.template import FormTemplates
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.text import clean_text
from thidua_cli.units import Cluster, Unit, UnitsFile, load_units
from thidua_cli.units.rubrics import ClusterRubrics, cluster_rubrics

Progress = Callable[[int, int], None]


def form_filename(unit_id: str) -> str:
    """A safe file name for a unit's form: ``BVDK-TINH`` -> ``BVDK-TINH.xlsx``."""
    return safe_stem(unit_id) + ".xlsx"


def choose_units(
    units: UnitsFile, source: Path, cluster: str | None, unit_ids: Sequence[str]
) -> list[tuple[Cluster, Unit]]:
    """The units of ``units`` to write forms for: all, one cluster's, or the ``unit_ids`` asked."""
    chosen = units.units()
    if cluster is not None:
        if all(c.id != cluster for c in units.clusters):
            raise UsageError(finding("sheet-unknown-cluster", cluster=cluster, file=str(source)))
        chosen = [(c, u) for c, u in chosen if c.id == cluster]
    if unit_ids:
        known = {u.id: (c, u) for c, u in chosen}
        for unit_id in unit_ids:
            if unit_id not in known:
                raise UsageError(finding("sheet-unknown-unit", unit=unit_id, file=str(source)))
        wanted = dict.fromkeys(unit_ids)
        chosen = [known[unit_id] for unit_id in wanted]
    return chosen


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in ascii_text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_STEM].strip("-.") or "cum"


def single_unit(unit_id: str, unit_name: str, cluster_name: str) -> tuple[Cluster, Unit]:
    """One unit given on the command line; the cluster's id is derived from its name."""
    name = clean_text(unit_name)
    try:
        unit = Unit(id=unit_id, name=name)
    except ValidationError as exc:
        fields = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        code = "sheet-bad-unit-id" if "id" in fields else "sheet-bad-unit-name"
        raise UsageError(finding(code, unit=unit_id)) from exc
    title = clean_text(cluster_name) or "-"
    return Cluster(id=_slug(title), name=title[:300], units=(unit,)), unit


def _targets(units: Sequence[tuple[Cluster, Unit]], out_dir: Path) -> list[Path]:
    seen: dict[str, str] = {}
    paths = []
    for _, unit in units:
        name = form_filename(unit.id)
        key = name.casefold()  # two ids differing in case collide on Windows and macOS
        if key in seen:
            raise UsageError(
                finding("sheet-filename-clash", first=seen[key], second=unit.id, file=name)
            )
        seen[key] = unit.id
        paths.append(out_dir / name)
    return paths


class InitSheetRequest(Struct, frozen=True):
    """Either a units file (optionally one cluster, some units) or one unit given inline."""

    out: Path
    units: Path | None = None
    cluster: str | None = None  # with ``units``: a cluster id; inline: the cluster's name
    unit_ids: Sequence[str] = ()
    unit_id: str | None = None
    unit_name: str | None = None
    criteria: Path | None = None
    year: int | None = None  # None: the units file's year:, else the competition year of today
    period: Period | None = None  # None: the units file's period:, else "year"
    force: bool = False


YearSource = Literal["option", "units", "today"]


class InitSheetResult(Struct, frozen=True):
    paths: list[Path]
    year: int
    period: Period
    year_source: YearSource  # where the year came from, for the user to see


def competition_year(today: dt.date) -> int:
    """The year under review on ``today``: the year-end review is held in January (before
    20 January), so January still belongs to the previous year."""
    return today.year - 1 if today.month == 1 else today.year


def init_sheet(request: InitSheetRequest, progress: Progress | None = None) -> InitSheetResult:
    units_file, chosen = _chosen_units(request)
    base = load_rubric(request.criteria)
    rubrics = cluster_rubrics(units_file, base)  # each cluster's own rubric, checked against base
    year, source = _year(request, units_file)
    period: Period = request.period or (units_file.period if units_file else None) or "year"
    inputs = [p for p in (request.units, request.criteria) if p is not None]
    refuse_inputs(_targets(chosen, request.out), inputs)
    paths = init_sheets(
        rubrics, chosen, request.out, year, period, force=request.force, progress=progress
    )
    return InitSheetResult(paths, year, period, source)


def _year(request: InitSheetRequest, units: UnitsFile | None) -> tuple[int, YearSource]:
    if request.year is not None:
        return request.year, "option"
    if units is not None and units.year is not None:
        return units.year, "units"
    return competition_year(dt.date.today()), "today"


def _chosen_units(
    request: InitSheetRequest,
) -> tuple[UnitsFile | None, list[tuple[Cluster, Unit]]]:
    single = request.unit_id is not None or request.unit_name is not None
    if request.units is not None:
        if single:
            raise UsageError(finding("sheet-mixed-modes"))
        units = load_units(request.units)
        return units, choose_units(units, request.units, request.cluster, request.unit_ids)
    if not single:
        raise UsageError(finding("sheet-no-units"))
    given = (
        ("--unit-id", request.unit_id),
        ("--unit-name", request.unit_name),
        ("--cluster", request.cluster),
    )
    missing = [name for name, value in given if not value]
    if missing or request.unit_id is None or request.unit_name is None or not request.cluster:
        raise UsageError(finding("sheet-single-missing", options=", ".join(missing)))
    return None, [single_unit(request.unit_id, request.unit_name, request.cluster)]


def init_sheets(
    rubrics: Rubric | ClusterRubrics,
    units: Sequence[tuple[Cluster, Unit]],
    out_dir: Path,
    year: int,
    period: Period,
    *,
    force: bool,
    progress: Progress | None = None,
) -> list[Path]:
    """Write one form per unit into ``out_dir``, on its cluster's rubric; returns the files in
    the order of ``units``.

    Nothing is written when a target exists and ``force`` is false, nor, even with
    ``force``, when a target holds typed figures (usage errors naming every such file).
    """
    for _, unit in units:
        if not clean_text(unit.name):
            raise UnitsError(finding("sheet-bad-unit-name", unit=unit.id))
    paths = _targets(units, out_dir)
    if isinstance(rubrics, Rubric):
        rubrics = ClusterRubrics(rubrics)
    templates: dict[str, FormTemplates] = {}  # rubric digest -> its layout and templates

    def templates_of(rubric: Rubric) -> FormTemplates:
        digest = rubric.digest()
        if digest not in templates:
            templates[digest] = FormTemplates(build_layout(rubric))
        return templates[digest]

    filled = [
        str(path)
        for (cluster, _), path in zip(units, paths, strict=True)
        if path.is_file() and typed_inputs(path, templates_of(rubrics.of(cluster.id)).layout)
    ]
    if filled:
        raise UsageError(finding("sheet-filled", count=len(filled), files=", ".join(filled)))
    prepare_folder(out_dir, paths, force, "sheet-exists")
    for done, ((cluster, unit), path) in enumerate(zip(units, paths, strict=True), start=1):
        rubric = rubrics.of(cluster.id)
        identity = Identity(
            rubric_id=rubric.id,
            rubric_digest=rubric.digest(),
            unit_id=unit.id,
            unit_name=clean_text(unit.name),
            cluster=cluster.id,
            cluster_name=clean_text(cluster.name),
            year=year,
            period=period,
        )
        try:
            templates_of(rubric).write(path, identity)
        except OSError as exc:
            raise WorkbookError(write_failed(path, exc)) from exc
        if progress is not None:
            progress(done, len(paths))
    return paths
