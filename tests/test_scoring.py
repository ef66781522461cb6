"""Scoring returned workbooks: every problem code at its cell, and exact recomputation."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from tests.helpers import (
    Formula,
    General,
    as_inputs,
    break_names,
    make_form,
    make_identity,
    set_cell,
    set_cells,
    valid_values,
)
from tests.rubric_files import copy_default
from thidua_cli.findings import Finding, Severity
from thidua_cli.form.layout import Cell, Layout, input_name, points_name, total_name
from thidua_cli.form.reader import read_workbook
from thidua_cli.messages import EN, VI
from thidua_cli.numbers import hundredths
from thidua_cli.reports.score_json import score_json
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import NO, YES, InputKind, Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.batch import score_paths
from thidua_cli.scoring.compute import compute_scores
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.scoring.workbook import Expected, score_workbook

SELF, CLUSTER = Side.SELF, Side.CLUSTER
ERROR, WARNING = Severity.ERROR, Severity.WARNING


def good_values(rubric: Rubric, seed: int = 7) -> dict[Side, dict[str, dict[str, object]]]:
    """Random valid values, with 1.6 "Có" + points so every case below starts from a filled form."""
    values = valid_values(rubric, seed)
    for side in Side:
        values[side]["1.6"] = {"has_projects": YES, "points": 42.5}
    return values


def only(result: WorkbookResult) -> Finding:
    assert len(result.problems) == 1, [(p.code, p.cell, VI.finding(p)) for p in result.problems]
    return result.problems[0]


# --- random valid forms -----------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_random_valid_forms_score_what_the_engine_computes(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, seed: int
) -> None:
    values = valid_values(rubric, seed)
    path = make_form(tmp_path, layout, f"U{seed}", values)
    result = score_workbook(path, expected)
    assert result.problems == []
    assert result.ok and result.identity is not None and result.identity.unit_id == f"U{seed}"
    for side in Side:
        engine = compute_scores(rubric, as_inputs(values[side], rubric))
        assert engine.complete
        assert result.scores[side] == engine
        assert result.inputs[side] == as_inputs(values[side], rubric)


def test_what_people_type_scores_the_same(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path
) -> None:
    """Labels in any case with spaces the form trims: the printout reads them alike."""
    values = good_values(rubric, 3)
    typed: dict[Side, dict[str, dict[str, object]]] = {}
    for side, side_values in values.items():
        typed[side] = {}
        for code, inputs in side_values.items():
            typed[side][code] = {
                name: "  " + value.upper() + " \n" if isinstance(value, str) else value
                for name, value in inputs.items()
            }
    plain = score_workbook(make_form(tmp_path, layout, "U1", values), expected)
    fancy = score_workbook(make_form(tmp_path, layout, "U2", typed), expected)
    assert plain.problems == [] and fancy.problems == []
    assert fancy.scores == plain.scores
    assert fancy.inputs == plain.inputs


def test_what_only_score_reads_is_scored_and_named(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path
) -> None:
    """Numbers typed as text, labels decomposed or with a non-breaking space: ``score``
    reads them, and names every such cell (the printed form shows something else)."""
    values = good_values(rubric, 3)
    typed: dict[Side, dict[str, dict[str, object]]] = {}
    cells: set[tuple[str, str]] = set()
    for side, side_values in values.items():
        typed[side] = {}
        for code, inputs in side_values.items():
            kinds = {spec.name: spec.kind for spec in rubric.criterion(code).inputs}
            typed[side][code] = {}
            for name, value in inputs.items():
                text: object
                if isinstance(value, str):  # a label: decomposed, shouted, padded
                    text = "\u00a0" + unicodedata.normalize("NFD", value).upper() + "  "
                else:  # a number as text, Vietnamese decimal comma, stray spaces
                    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
                    if kinds[name] is InputKind.PERCENT:
                        number *= 100
                    text = " " + format(number.normalize(), "f").replace(".", ",") + "\u00a0"
                typed[side][code][name] = text
                cell = layout.input_cell(side, code, name)
                cells.add((cell.sheet, cell.a1))
    plain = score_workbook(make_form(tmp_path, layout, "U1", values), expected)
    fancy = score_workbook(make_form(tmp_path, layout, "U2", typed), expected)
    assert plain.problems == []
    assert fancy.scores == plain.scores
    assert fancy.inputs == plain.inputs
    assert {p.code for p in fancy.problems} == {"printout-differs"}
    assert {p.variant for p in fancy.problems} == {"label", "text"}
    assert {(p.sheet, p.cell) for p in fancy.problems} == cells
    assert all(p.severity is ERROR for p in fancy.problems)
    assert not fancy.ok


def test_blank_cluster_side_is_incomplete_not_an_error(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path
) -> None:
    values = valid_values(rubric, 2, sides=[SELF])
    result = score_workbook(make_form(tmp_path, layout, "U1", values), expected)
    assert result.ok
    assert result.complete(SELF) and not result.complete(CLUSTER)
    assert result.scores[CLUSTER].total is None
    # the cluster's to-do list: every blank cell it needs, as information
    todo = {(p.sheet, p.cell, p.criterion) for p in result.problems}
    assert {(p.code, p.variant, p.severity) for p in result.problems} == {
        ("blank-input", "cluster", Severity.INFO)
    }
    needed = {
        (cell.sheet, cell.a1, leaf.code)
        for leaf in rubric.leaves()
        for spec in leaf.inputs
        for cell in [layout.input_cell(CLUSTER, leaf.code, spec.name)]
    }
    assert todo == needed
    assert "'Phần 1'!H9" in VI.finding(result.problems[0])
    # half-filled is incomplete too: its filled cells leave the list
    values[CLUSTER] = {"1.1": {"late_tasks": 2}}
    result = score_workbook(make_form(tmp_path, layout, "U2", values), expected)
    assert result.ok
    assert result.scores[CLUSTER].criteria["1.1"] == 98
    assert result.scores[CLUSTER].criteria["1.7"] is None
    todo = {(p.sheet, p.cell, p.criterion) for p in result.problems}
    assert todo == needed - {("Phần 1", "H9", "1.1")}


def test_without_projects_points_are_fifty(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path
) -> None:
    values = good_values(rubric)
    values[SELF]["1.6"] = {"has_projects": NO}
    result = score_workbook(make_form(tmp_path, layout, "U1", values), expected)
    assert result.problems == []  # a blank points cell is fine when it does not count
    assert result.scores[SELF].criteria["1.6"] == 50


# --- each problem code at its cell ------------------------------------------------------


def _in(side: Side, code: str, name: str) -> tuple[str, Callable[[Layout], Cell]]:
    return input_name(side, code, name), lambda lay: lay.input_cell(side, code, name)


def _pts(side: Side, code: str) -> tuple[str, Callable[[Layout], Cell]]:
    return points_name(side, code), lambda lay: lay.points_cell(side, code)


# (test id, cell to change, new value, expected code, severity, criterion)
VALUE_CASES = [
    ("missing-input", _in(SELF, "1.2", "points"), None, "missing-input", ERROR, "1.2"),
    ("missing-input-label", _in(SELF, "2.3", "level"), None, "missing-input", ERROR, "2.3"),
    ("not-a-number", _in(SELF, "1.2", "points"), "năm mươi", "not-a-number", ERROR, "1.2"),
    (
        "not-a-number-ambiguous",
        _in(SELF, "1.1", "late_tasks"),
        "1.000",
        "not-a-number",
        ERROR,
        "1.1",
    ),
    ("not-a-number-bool", _in(SELF, "1.8", "points"), True, "not-a-number", ERROR, "1.8"),
    (
        "not-a-number-date",
        _in(SELF, "1.5", "unresolved"),
        datetime(2020, 3, 4),
        "not-a-number",
        ERROR,
        "1.5",
    ),
    ("negative", _in(SELF, "1.1", "late_tasks"), -2, "negative", ERROR, "1.1"),
    ("negative-cluster", _in(CLUSTER, "3.4.a", "late_days"), "-3", "negative", ERROR, "3.4.a"),
    ("not-whole", _in(SELF, "3.5", "escalated"), 1.5, "not-whole", ERROR, "3.5"),
    ("above-max", _in(SELF, "1.3", "points"), 71, "points-above-max", ERROR, "1.3"),
    (
        "above-max-percent",
        _in(CLUSTER, "3.4.d", "ratio"),
        "101",
        "points-above-max",
        ERROR,
        "3.4.d",
    ),
    ("too-many-decimals", _in(SELF, "1.4", "points"), 12.345, "too-many-decimals", ERROR, "1.4"),
    ("unknown-label", _in(SELF, "2.1", "level"), "Xuất sắc", "unknown-label", ERROR, "2.1"),
    ("unknown-label-done", _in(CLUSTER, "3.6.a", "done"), "Rồi", "unknown-label", ERROR, "3.6.a"),
    ("typed-over-formula", _pts(SELF, "1.2"), 42, "formula-changed", ERROR, "1.2"),
    ("deleted-formula", _pts(CLUSTER, "3.4.c"), None, "formula-changed", ERROR, "3.4.c"),
    ("typed-over-group", _pts(SELF, "1.7"), 1, "formula-changed", ERROR, "1.7"),
    ("edited-formula", _pts(SELF, "1.1"), Formula("=100"), "formula-changed", ERROR, "1.1"),
    ("input-formula", _in(SELF, "1.3", "points"), Formula("=70"), "input-formula", ERROR, "1.3"),
    (
        "input-formula-dde",
        _in(CLUSTER, "1.5", "unresolved"),
        Formula("=cmd|' /C calc'!A0"),
        "input-formula",
        ERROR,
        "1.5",
    ),
    (
        "percent-format",
        _in(SELF, "3.4.d", "ratio"),
        General(0.8),
        "percent-format",
        ERROR,
        "3.4.d",
    ),
    ("number-as-text", _in(SELF, "1.3", "points"), "12,5", "printout-differs", ERROR, "1.3"),
    (
        "label-nfd",
        _in(CLUSTER, "2.1", "level"),
        unicodedata.normalize("NFD", "Khá"),
        "printout-differs",
        ERROR,
        "2.1",
    ),
]


@pytest.mark.parametrize(
    ("name_and_cell", "value", "code", "severity", "criterion"),
    [case[1:] for case in VALUE_CASES],
    ids=[case[0] for case in VALUE_CASES],
)
def test_each_value_problem_at_its_cell(
    rubric: Rubric,
    layout: Layout,
    expected: Expected,
    tmp_path: Path,
    name_and_cell: tuple[str, Callable[[Layout], Cell]],
    value: object,
    code: str,
    severity: Severity,
    criterion: str,
) -> None:
    name, where = name_and_cell
    path = make_form(tmp_path, layout, "U1", good_values(rubric))
    set_cell(path, name, value)
    problem = only(score_workbook(path, expected))
    cell = where(layout)
    assert (problem.code, problem.severity, problem.criterion) == (code, severity, criterion)
    assert (problem.sheet, problem.cell) == (cell.sheet, cell.a1)
    assert problem.file == str(path)
    assert f"'{cell.sheet}'!{cell.a1}" in VI.finding(problem)


def _points_without_projects(
    tmp_path: Path, expected: Expected, has_projects: str, points: object
) -> WorkbookResult:
    """1.6 scored with points typed although the unit had no projects (the points count not)."""
    path = make_form(tmp_path, expected.layout, "U1", good_values(expected.rubric))
    set_cells(
        path,
        {
            input_name(SELF, "1.6", "has_projects"): has_projects,
            input_name(SELF, "1.6", "points"): points,
        },
    )
    return score_workbook(path, expected)


def test_ignored_value(layout: Layout, expected: Expected, tmp_path: Path) -> None:
    result = _points_without_projects(tmp_path, expected, "không ", 30)
    problem = only(result)
    cell = layout.input_cell(SELF, "1.6", "points")
    assert (problem.code, problem.severity, problem.criterion) == ("ignored-value", WARNING, "1.6")
    assert (problem.sheet, problem.cell) == (cell.sheet, cell.a1)
    assert "tối đa điểm chuẩn" in VI.finding(problem)
    assert result.ok  # a warning only
    assert result.scores[SELF].criteria["1.6"] == 50
    assert "points" not in result.inputs[SELF]["1.6"]


def test_an_ignored_number_is_written_the_languages_way(
    rubric: Rubric, expected: Expected, tmp_path: Path
) -> None:
    """49,5 in Vietnamese as every other message writes it (49.5 in English), in the JSON's
    message too."""
    result = _points_without_projects(tmp_path, expected, "Không", 49.5)
    problem = only(result)
    assert problem.code == "ignored-value"
    assert "có giá trị 49,5 nhưng không được tính" in VI.finding(problem)
    assert "holds 49.5 but it does not count" in EN.finding(problem)
    [message] = [p["message"] for p in score_json([result], rubric, VI)["workbooks"][0]["problems"]]
    assert "có giá trị 49,5 nhưng" in message


def test_the_projects_reason_follows_the_question_not_its_number(tmp_path: Path) -> None:
    """A cluster's own rubric numbers the projects criterion 1.9: the guidance's reason still
    names the projects there, and criterion 1.6 of the base gets no borrowed sentence."""
    own = copy_default(tmp_path / "cum-2")
    section = own / "section-1.yaml"
    section.write_text(section.read_text("utf-8").replace('code: "1.6"', 'code: "1.9"'), "utf-8")
    rubric = load_rubric(own)
    expected = Expected.of(rubric)
    path = make_form(tmp_path, expected.layout, make_identity(rubric, "U1"), good_values(rubric))
    set_cells(
        path,
        {input_name(SELF, "1.9", "has_projects"): "Không", input_name(SELF, "1.9", "points"): 30},
    )
    problem = only(score_workbook(path, expected))
    assert (problem.code, problem.criterion) == ("ignored-value", "1.9")
    assert "không có dự án vốn ngân sách" in VI.finding(problem)


def test_missing_name(rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path) -> None:
    path = make_form(tmp_path, layout, "U1", good_values(rubric))
    break_names(path, [input_name(SELF, "1.2", "points"), total_name(CLUSTER)])
    result = score_workbook(path, expected)
    codes = sorted((p.code, p.criterion or "") for p in result.problems)
    assert codes == [("missing-name", ""), ("missing-name", "1.2")]
    assert all(p.severity is ERROR for p in result.problems)
    assert any("TD_TU_1_2__points" in VI.finding(p) for p in result.problems)
    located = {(p.sheet, p.cell) for p in result.problems}
    total, points = layout.total_cell(CLUSTER), layout.input_cell(SELF, "1.2", "points")
    assert located == {(total.sheet, total.a1), (points.sheet, points.a1)}
    assert result.scores == {}  # a changed structure is not scored
    assert not result.complete(SELF) and not result.complete(CLUSTER)


def test_not_a_form(layout: Layout, expected: Expected, tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    workbook = openpyxl.Workbook()
    workbook.save(path)
    result = score_workbook(path, expected)
    problem = only(result)
    assert problem.code == "not-a-form" and problem.file == str(path)
    assert result.identity is None and result.scores == {}


def test_identity_from_the_hidden_sheet_when_properties_are_gone(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path
) -> None:
    path = make_form(tmp_path, layout, "U1", good_values(rubric))
    workbook = openpyxl.load_workbook(path)
    workbook.custom_doc_props.props.clear()  # some programs drop custom properties
    workbook.save(path)
    assert read_workbook(path).properties == {}
    result = score_workbook(path, expected)
    assert result.problems == []
    assert result.identity == make_identity(rubric, "U1")


@pytest.mark.parametrize(
    ("overrides", "code", "scored"),
    [
        ({"rubric_digest": "0123456789abcdef"}, "wrong-rubric", False),
        ({"rubric_id": "other-rubric"}, "wrong-rubric", False),
        ({"year": 2019}, "wrong-year", True),
        ({"period": "half"}, "wrong-period", True),
    ],
)
def test_identity_problems(
    rubric: Rubric,
    layout: Layout,
    expected: Expected,
    tmp_path: Path,
    overrides: dict[str, object],
    code: str,
    scored: bool,
) -> None:
    identity = make_identity(rubric, "U1", **overrides)
    path = make_form(tmp_path, layout, identity, good_values(rubric))
    # --year/--period given: a form of another year or period is named
    result = score_workbook(path, Expected.of(rubric, rubric.meta.year, "year"))
    problem = only(result)
    assert (problem.code, problem.severity) == (code, ERROR)
    assert bool(result.scores) is scored


def test_expected_year_and_period_can_be_chosen(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    identity = make_identity(rubric, "U1", year=2021, period="half")
    path = make_form(tmp_path, layout, identity, good_values(rubric))
    assert score_workbook(path, Expected.of(rubric, 2021, "half")).problems == []
    assert score_workbook(path, Expected.of(rubric)).problems == []  # no filter: any year
    filtered = Expected.of(rubric, rubric.meta.year, "year")
    codes = {p.code for p in score_workbook(path, filtered).problems}
    assert codes == {"wrong-year", "wrong-period"}


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("old.xls", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600), ".xls"),
        ("calc.ods", b"PK\x03\x04", ".ods"),
        ("list.csv", "Đơn vị,Điểm\n".encode(), "CSV"),
        ("broken.xlsx", b"PK\x03\x04 this is not really a zip", ".xlsx"),
    ],
)
def test_not_xlsx(
    expected: Expected, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    problem = only(score_workbook(path, expected))
    assert problem.code == "not-xlsx" and problem.severity is ERROR
    assert str(path) in VI.finding(problem) and words in VI.finding(problem)


def test_duplicate_unit(rubric: Rubric, layout: Layout, tmp_path: Path) -> None:
    first = make_form(tmp_path, layout, "U1", good_values(rubric), name="a.xlsx")
    second = make_form(tmp_path, layout, "U1", good_values(rubric), name="b.xlsx")
    other = make_form(tmp_path, layout, "U2", good_values(rubric), name="c.xlsx")
    results = score_paths([first, second, other], rubric)
    assert [r.file for r in results] == [str(first), str(second), str(other)]
    for result in results[:2]:
        problem = only(result)
        assert problem.code == "duplicate-unit" and problem.file == result.file
        assert str(first) in VI.finding(problem) and str(second) in VI.finding(problem)
    assert results[2].problems == []


def test_ten_mistakes_ten_located_problems(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path
) -> None:
    path = make_form(tmp_path, layout, "U1", good_values(rubric))
    mistakes = {
        input_name(SELF, "1.1", "late_tasks"): "hai",
        input_name(SELF, "1.2", "points"): None,
        input_name(SELF, "1.3", "points"): 99,
        input_name(SELF, "1.5", "unresolved"): -1,
        input_name(SELF, "1.7.b", "cases"): 0.5,
        input_name(SELF, "2.2", "level"): "Giỏi",
        input_name(SELF, "3.3.b.3", "articles"): "1.500",
        input_name(CLUSTER, "1.4", "points"): 10.125,
        input_name(CLUSTER, "3.4.d", "ratio"): 250,
        points_name(CLUSTER, "2.4"): 7,
    }
    set_cells(path, mistakes)
    result = score_workbook(path, expected)
    assert len(result.problems) == 10, [(p.code, p.cell) for p in result.problems]
    located = {(p.sheet, p.cell) for p in result.problems}
    assert len(located) == 10 and all(sheet and cell for sheet, cell in located)
    assert not result.ok


def test_many_files_through_the_pool_keep_order(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    paths = [make_form(tmp_path, layout, f"U{i}", valid_values(rubric, i)) for i in range(4)]
    set_cell(paths[1], input_name(SELF, "1.2", "points"), "x")
    seen: list[int] = []
    serial = score_paths(paths, rubric, workers=1, progress=lambda done, total: seen.append(done))
    pooled = score_paths(paths, rubric, workers=2)
    assert seen == [0, 1, 2, 3, 4]
    assert score_json(pooled, rubric, VI) == score_json(serial, rubric, VI)
    assert [r.file for r in pooled] == [str(p) for p in paths]
    assert [bool(r.problems) for r in pooled] == [False, True, False, False]


# --- LibreOffice: cached values present -------------------------------------------------


@pytest.mark.libreoffice
def test_forms_saved_by_libreoffice(
    rubric: Rubric,
    layout: Layout,
    expected: Expected,
    tmp_path: Path,
    recalc: Callable[[list[Path]], list[Path]],
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    values = [good_values(rubric, seed) for seed in (11, 12)]
    plain = make_form(source, layout, "U1", values[0])
    cluster_blank = make_form(source, layout, "U2", {SELF: values[1][SELF]})
    overwritten = make_form(source, layout, "U3", values[0])
    set_cells(overwritten, {points_name(SELF, "1.2"): 42, points_name(CLUSTER, "3.4.c"): None})
    as_text = make_form(source, layout, "U4", values[0])
    set_cell(as_text, input_name(SELF, "1.3", "points"), "12,5")
    saved = recalc([plain, cluster_blank, overwritten, as_text])

    # a known formula cell came back with a value: LibreOffice really recalculated
    raw = read_workbook(saved[0])
    total_cell = raw.name(total_name(SELF))
    assert total_cell is not None
    cached_total = raw.value(total_cell)
    assert isinstance(cached_total, Decimal)

    # the same form saved by openpyxl and by LibreOffice reads the same
    ours, theirs = score_workbook(plain, expected), score_workbook(saved[0], expected)
    assert theirs.problems == [] and ours.problems == []
    assert theirs.scores == ours.scores and theirs.inputs == ours.inputs
    assert theirs.scores[SELF].total is not None
    assert hundredths(cached_total) == hundredths(theirs.scores[SELF].total)

    blank = score_workbook(saved[1], expected)
    assert blank.ok and not blank.complete(CLUSTER)
    assert {p.code for p in blank.problems} == {"blank-input"}

    problems = {
        (p.code, p.variant, p.severity, p.sheet, p.cell)
        for p in score_workbook(saved[2], expected).problems
    }
    typed, deleted = layout.points_cell(SELF, "1.2"), layout.points_cell(CLUSTER, "3.4.c")
    assert problems == {
        ("formula-changed", "deleted", ERROR, typed.sheet, typed.a1),
        ("formula-changed", "deleted", ERROR, deleted.sheet, deleted.a1),
    }

    text = score_workbook(saved[3], expected)
    assert text.scores[SELF].criteria["1.3"] == Decimal("12.5")
    located = layout.input_cell(SELF, "1.3", "points")
    [problem] = text.problems
    assert (problem.code, problem.variant, problem.severity, problem.cell) == (
        "printout-differs",
        "text",
        ERROR,
        located.a1,
    )
    assert "«12,5»" in VI.finding(problem) and "điểm là 12,5" in VI.finding(problem)
