"""What is signed is what is scored (issue 11), on forms LibreOffice saved, as real returns are.

Each value a person can type gives a printout equal to ``score``'s points, or an error at
that very cell; a blank form prints no made-up points; forged names are a changed structure;
and a form saved the way Excel saves raises no false alarm.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.corpus import add_names, add_sheet, excel_style, point_names, put_cell
from tests.helpers import make_form, set_cells, valid_values
from thidua_cli.cli import app
from thidua_cli.findings import Severity
from thidua_cli.form.layout import Layout, input_name, points_name
from thidua_cli.form.reader import RawWorkbook, read_workbook
from thidua_cli.messages import VI
from thidua_cli.numbers import hundredths
from thidua_cli.rubric.model import YES, Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.workbook import Expected, score_workbook

SELF, CLUSTER = Side.SELF, Side.CLUSTER
Recalc = Callable[[list[Path]], list[Path]]
runner = CliRunner()

pytestmark = pytest.mark.libreoffice


def filled(rubric: Rubric, seed: int = 5) -> dict[Side, dict[str, dict[str, object]]]:
    values = valid_values(rubric, seed)
    for side in Side:
        values[side]["1.6"] = {"has_projects": YES, "points": 40}
    return values


def printed_points(raw: RawWorkbook, layout: Layout, side: Side, code: str) -> object:
    return raw.value(layout.points_cell(side, code))


# (name, criterion, input, typed value, what must happen: "same" printout = score,
#  or the problem code expected at that cell)
TYPED = [
    ("trailing-space", "2.1", "level", "Khá ", "same"),
    ("leading-space", "2.1", "level", " Khá", "same"),
    ("lower-case", "2.1", "level", "khá", "same"),
    ("line-break", "2.1", "level", "Khá\n", "same"),
    ("nfd", "2.1", "level", unicodedata.normalize("NFD", "Khá"), "printout-differs"),
    ("nbsp", "2.1", "level", "Khá\u00a0", "printout-differs"),
    ("no-accent", "2.1", "level", "Kha", "unknown-label"),
    ("comma-text", "1.2", "points", "85,5", "printout-differs"),
    ("dot-text", "1.2", "points", "85.5", "printout-differs"),
    ("count-text", "1.1", "late_tasks", "3", "printout-differs"),
    ("thousands-comma", "1.1", "late_tasks", "1,000", "not-a-number"),
    ("thousands-dot", "1.1", "late_tasks", "1.000", "not-a-number"),
    ("superscript", "1.1", "late_tasks", "5²", "not-a-number"),
    ("percent-80", "3.4.d", "ratio", Decimal("0.8"), "same"),  # 80 % typed in Excel
    ("percent-49", "3.4.d", "ratio", Decimal("0.49"), "same"),
    ("percent-75", "3.4.d", "ratio", Decimal("0.75"), "same"),
]


def test_every_typed_value_prints_what_score_scores_or_is_named_at_its_cell(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, recalc: Recalc
) -> None:
    source = tmp_path / "typed"
    source.mkdir()
    forms = []
    for name, code, field, value, _ in TYPED:
        path = make_form(source, layout, name.upper(), filled(rubric))
        set_cells(path, {input_name(SELF, code, field): value})
        forms.append(path)
    saved = recalc(forms)
    for (name, code, field, _, outcome), path in zip(TYPED, saved, strict=True):
        result = score_workbook(path, expected)
        raw = read_workbook(path, expected.areas)
        cell = layout.input_cell(SELF, code, field)
        assert "formula-changed" not in {p.code for p in result.problems}, name
        at_cell = [p for p in result.problems if (p.sheet, p.cell) == (cell.sheet, cell.a1)]
        if outcome == "same":
            assert result.problems == [], (name, [VI.finding(p) for p in result.problems])
            shown = printed_points(raw, layout, SELF, code)
            assert isinstance(shown, Decimal), (name, shown)
            assert shown == result.scores[SELF].criteria[code], name
            total = raw.value(layout.total_cell(SELF))
            assert isinstance(total, Decimal) and total == result.scores[SELF].total, name
        else:
            assert [(p.code, p.severity) for p in at_cell] == [(outcome, Severity.ERROR)], name
            assert not result.ok
            assert f"'{cell.sheet}'!{cell.a1}" in VI.finding(at_cell[0])
    # 80 % typed in Excel (0.8 in a percent cell) gives 5 points, on paper and in score
    eighty = score_workbook(saved[[t[0] for t in TYPED].index("percent-80")], expected)
    assert eighty.scores[SELF].criteria["3.4.d"] == 5
    assert eighty.inputs[SELF]["3.4.d"] == {"ratio": Decimal(80)}


def test_a_label_the_form_does_not_recognise_says_what_the_printout_shows(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, recalc: Recalc
) -> None:
    path = make_form(tmp_path, layout, "U1", filled(rubric))
    nfd = unicodedata.normalize("NFD", "Khá")
    set_cells(
        path, {input_name(SELF, "2.1", "level"): nfd, input_name(SELF, "1.2", "points"): "85,5"}
    )
    [saved] = recalc([path])
    result = score_workbook(saved, expected)
    label, text = sorted(result.problems, key=lambda p: p.variant or "")
    assert (label.code, label.variant, label.params["printed"]) == (
        "printout-differs",
        "label",
        Decimal(0),  # what LibreOffice printed
    )
    assert label.params["points"] == Decimal(45)
    sentence = VI.finding(label)
    assert "điểm trên bản in: 0" in sentence and "45" in sentence and "danh sách" in sentence
    assert (text.code, text.variant) == ("printout-differs", "text")
    # the points cell repeats the text; the section total cannot add it (en-US LibreOffice)
    assert "điểm trên bản in: «85,5»" in VI.finding(text)
    never_saved = score_workbook(path, expected).problems  # no printout yet: none is quoted
    assert sorted(p.variant or "" for p in never_saved) == ["label", "text"]
    assert all("bản in:" not in VI.finding(p) for p in never_saved)
    raw = read_workbook(saved, expected.areas)
    assert str(raw.value(layout.section_cell(SELF, "1"))) == "#VALUE!"


def test_a_blank_form_prints_no_points_and_score_lists_every_blank_cell(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, recalc: Recalc
) -> None:
    source = tmp_path / "blank"
    source.mkdir()
    blank = make_form(source, layout, "BLANK")
    half = make_form(source, layout, "HALF", {SELF: filled(rubric)[SELF], CLUSTER: {}})
    set_cells(half, {input_name(CLUSTER, "1.1", "late_tasks"): 2})
    saved_blank, saved_half = recalc([blank, half])

    raw = read_workbook(saved_blank, expected.areas)
    computed = list(expected.formulas)
    assert len(computed) == 2 * (50 + 3 + 3 + 1)
    for cell in computed:  # no criterion, no section, no total shows a number
        shown = raw.cell(cell)
        assert shown.cached and shown.value == "", (cell, shown)
    result = score_workbook(saved_blank, expected)
    by_code = {(p.code, p.variant) for p in result.problems}
    assert by_code == {("missing-input", None), ("blank-input", "cluster")}
    inputs = sum(len(leaf.inputs) for leaf in rubric.leaves())
    assert len(result.problems) == 2 * inputs  # every blank cell, by cell
    assert all(p.file and p.sheet and p.cell and p.criterion for p in result.problems)

    raw = read_workbook(saved_half, expected.areas)
    result = score_workbook(saved_half, expected)
    assert result.ok and result.complete(SELF) and not result.complete(CLUSTER)
    assert raw.value(layout.total_cell(SELF)) == result.scores[SELF].total
    assert raw.value(layout.total_cell(CLUSTER)) == ""  # the cluster's total: nothing yet
    assert (
        raw.value(layout.points_cell(CLUSTER, "1.1"))
        == 98
        == result.scores[CLUSTER].criteria["1.1"]
    )
    todo = [p for p in result.problems if p.code == "blank-input"]
    assert len(todo) == inputs - 1 and result.problems == todo


def test_a_stale_printout_is_printout_differs_at_its_cell(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, recalc: Recalc
) -> None:
    """An input changed without recalculation (Excel in manual mode): the formula is intact,
    the printed value is not the recomputation."""
    [saved] = recalc([make_form(tmp_path, layout, "U1", filled(rubric))])
    cell = layout.input_cell(SELF, "1.2", "points")
    put_cell(saved, cell.sheet, cell.a1, f'<c r="{cell.a1}"><v>12</v></c>')
    result = score_workbook(saved, expected)
    [problem] = result.problems
    points = layout.points_cell(SELF, "1.2")
    assert (problem.code, problem.variant, problem.cell) == ("printout-differs", None, points.a1)
    assert problem.params["computed"] == Decimal(12)
    assert "Ctrl+Alt+F9" in VI.finding(problem)


def _forged(rubric: Rubric, layout: Layout, folder: Path, recalc: Recalc) -> dict[str, Path]:
    """The three forgeries of issue 11, each on a form LibreOffice saved."""
    folder.mkdir()
    values = filled(rubric)
    values[CLUSTER] = {code: dict(inputs) for code, inputs in values[SELF].items()}
    values[CLUSTER]["1.2"] = {"points": 10}  # the cluster scored lower than the unit
    names = ["REDIRECTED", "HIDDEN-MAX", "DUPLICATES", "HONEST"]
    saved = dict(
        zip(names, recalc([make_form(folder, layout, n, values) for n in names]), strict=True)
    )
    cluster_names = [n for n in layout.defined_names() if n.startswith("TD_CUM_")]
    point_names(
        saved["REDIRECTED"],
        {
            n: layout.defined_names()[n.replace("TD_CUM_", "TD_TU_")].qualified
            for n in cluster_names
        },
    )
    maxima = {f"A{i + 1}": float(c.max) for i, c in enumerate(rubric.walk())}
    add_sheet(saved["HIDDEN-MAX"], "Max", maxima)
    point_names(
        saved["HIDDEN-MAX"],
        {points_name(SELF, c.code): f"Max!$A${i + 1}" for i, c in enumerate(rubric.walk())},
    )
    add_names(
        saved["DUPLICATES"],
        [
            (
                n.replace("TD_CUM_", "td_cum_"),
                layout.defined_names()[n.replace("TD_CUM_", "TD_TU_")].qualified,
            )
            for n in cluster_names
        ],
    )
    return saved


def test_the_three_forgeries_are_errors_and_not_scored(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, recalc: Recalc
) -> None:
    saved = _forged(rubric, layout, tmp_path / "forged", recalc)
    honest = score_workbook(saved["HONEST"], expected)
    assert honest.problems == [] and honest.scores[CLUSTER].criteria["1.2"] == 10
    for name in ("REDIRECTED", "HIDDEN-MAX", "DUPLICATES"):
        result = score_workbook(saved[name], expected)
        codes = {(p.code, p.variant) for p in result.problems}
        assert codes and all(code == "structure-changed" for code, _ in codes), (name, codes)
        assert result.scores == {} and not result.ok, name
        assert "sửa cấu trúc" in VI.finding(result.problems[0])
    variants = {
        name: {p.variant for p in score_workbook(saved[name], expected).problems}
        for name in ("REDIRECTED", "HIDDEN-MAX", "DUPLICATES")
    }
    assert variants == {
        "REDIRECTED": {"moved"},
        "HIDDEN-MAX": {"moved", "extra-sheet-name"},
        "DUPLICATES": {"duplicate"},
    }
    moved = score_workbook(saved["REDIRECTED"], expected).problems
    assert len(moved) == 4  # one per sheet, with the count of the others
    assert all(p.cell and p.sheet for p in moved)

    result = runner.invoke(app, ["score", str(saved["HONEST"].parent), "--json"])
    assert result.exit_code == 1
    report = {Path(w["file"]).stem: w for w in json.loads(result.stdout)["workbooks"]}
    assert report["HONEST"]["ok"] and not report["REDIRECTED"]["ok"]
    assert report["REDIRECTED"]["scores"]["cluster"]["total"] is None


def test_a_form_saved_the_way_excel_saves_raises_no_false_alarm(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, recalc: Recalc
) -> None:
    [saved] = recalc([make_form(tmp_path, layout, "U1", filled(rubric))])
    before = score_workbook(saved, expected)
    excel_style(saved)
    raw = read_workbook(saved, expected.areas)
    names = [d.name for d in raw.defined_names]
    assert "_xlnm._FilterDatabase" in names and "_xlnm.Print_Area" in names
    assert names[0] == "_xlnm._FilterDatabase"  # sorted as Excel sorts: F, P, T...
    after = score_workbook(saved, expected)
    assert after.problems == []
    assert after.scores == before.scores
    assert hundredths(Decimal(str(raw.value(layout.total_cell(SELF))))) == after.scores[SELF].total
