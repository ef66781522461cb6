"""`thidua score` from the command line: exit codes, JSON shape, scores.xlsx, untouched inputs."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import openpyxl
import pytest
from typer.testing import CliRunner

from tests.helpers import as_inputs, make_form, make_identity, set_cell, valid_values
from thidua_cli.cli import app
from thidua_cli.form.layout import Layout, build_layout, input_name
from thidua_cli.reports.scores_xlsx import NAME_WIDTH
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import compute_scores

runner = CliRunner()

NUMBER_OR_NULL = {"type": ["number", "null"]}
SIDE = {
    "type": "object",
    "required": ["complete", "total", "sections", "criteria"],
    "additionalProperties": False,
    "properties": {
        "complete": {"type": "boolean"},
        "total": NUMBER_OR_NULL,
        "sections": {"type": "object", "additionalProperties": NUMBER_OR_NULL},
        "criteria": {"type": "object", "additionalProperties": NUMBER_OR_NULL},
    },
}
PROBLEM = {
    "type": "object",
    "required": ["code", "severity", "file", "sheet", "cell", "criterion", "message"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
        "severity": {"enum": ["error", "warning"]},
        "file": {"type": ["string", "null"]},
        "sheet": {"type": ["string", "null"]},
        "cell": {"type": ["string", "null"], "pattern": "^[A-Z]{1,3}[0-9]+$"},
        "criterion": {"type": ["string", "null"]},
        "message": {"type": "string", "minLength": 10},
    },
}
# SPEC §5, `thidua score --json`
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["rubric", "workbooks"],
    "additionalProperties": False,
    "properties": {
        "rubric": {
            "type": "object",
            "required": ["id", "declared_total", "max_total"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string"},
                "declared_total": {"type": "number"},
                "max_total": {"type": "number"},
            },
        },
        "workbooks": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "file",
                    "unit_id",
                    "unit_name",
                    "cluster",
                    "year",
                    "period",
                    "ok",
                    "scores",
                    "problems",
                ],
                "additionalProperties": False,
                "properties": {
                    "file": {"type": "string"},
                    "unit_id": {"type": ["string", "null"]},
                    "unit_name": {"type": ["string", "null"]},
                    "cluster": {"type": ["string", "null"]},
                    "year": {"type": ["integer", "null"]},
                    "period": {"enum": ["year", "half", None]},
                    "ok": {"type": "boolean"},
                    "scores": {
                        "type": "object",
                        "required": ["self", "cluster"],
                        "additionalProperties": False,
                        "properties": {"self": SIDE, "cluster": SIDE},
                    },
                    "problems": {"type": "array", "items": PROBLEM},
                },
            },
        },
    },
}


@pytest.fixture(scope="module")
def layout(rubric: Rubric) -> Layout:
    return build_layout(rubric)


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def run(*args: str) -> Any:
    return runner.invoke(app, ["score", *args])


@pytest.fixture
def returned(rubric: Rubric, layout: Layout, tmp_path: Path) -> Path:
    """A folder as the cluster head receives it: good forms, one with a mistake, junk."""
    folder = tmp_path / "returned"
    folder.mkdir()
    for seed in range(3):
        make_form(folder, layout, f"U{seed}", valid_values(rubric, seed))
    (folder / "~$U0.xlsx").write_bytes(b"owner file of an open workbook")
    (folder / ".~lock.U1.xlsx#").write_bytes(b"lock")
    (folder / "notes.txt").write_text("không phải bảng tính", encoding="utf-8")
    return folder


def test_good_folder_exits_0(returned: Path) -> None:
    before = digest(returned)
    result = run(str(returned))
    assert result.exit_code == 0, result.output
    assert "U0" in result.stdout and "U2" in result.stdout
    assert "~$U0" not in result.stdout and "notes" not in result.stdout
    assert "Đã chấm 3 tệp: 0 lỗi, 0 cảnh báo." in result.stderr
    assert digest(returned) == before  # inputs are never modified


def test_json_matches_the_contract_and_the_engine(rubric: Rubric, returned: Path) -> None:
    result = run(str(returned), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout, parse_float=Decimal)
    jsonschema.validate(json.loads(result.stdout), SCHEMA)
    assert document["rubric"] == {"id": rubric.id, "declared_total": 1000, "max_total": 950}
    files = [w["file"] for w in document["workbooks"]]
    assert files == [str(returned / f"U{i}.xlsx") for i in range(3)]
    codes = [c.code for c in rubric.walk()]
    for seed, workbook in enumerate(document["workbooks"]):
        assert (workbook["unit_id"], workbook["year"], workbook["period"], workbook["ok"]) == (
            f"U{seed}",
            2020,
            "year",
            True,
        )
        for side in Side:
            raw = valid_values(rubric, seed)[side]
            engine = compute_scores(rubric, as_inputs(raw, rubric))
            scores = workbook["scores"][side.json_key]
            assert scores["complete"] is True
            assert list(scores["criteria"]) == codes  # every criterion, leaves and groups
            assert scores["total"] == engine.total
            assert scores["criteria"] == {k: v for k, v in engine.criteria.items()}
            assert list(scores["sections"]) == ["1", "2", "3"]


def test_errors_exit_1_and_are_located(rubric: Rubric, layout: Layout, returned: Path) -> None:
    bad = returned / "U1.xlsx"
    set_cell(bad, input_name(Side.SELF, "1.3", "points"), 75)
    before = digest(returned)
    result = run(str(returned), "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    workbook = document["workbooks"][1]
    assert workbook["ok"] is False
    assert workbook["scores"]["self"]["complete"] is False
    assert workbook["scores"]["self"]["total"] is None
    assert workbook["scores"]["self"]["criteria"]["1.3"] is None
    cell = layout.input_cell(Side.SELF, "1.3", "points")
    assert workbook["problems"] == [
        {
            "code": "points-above-max",
            "severity": "error",
            "file": str(bad),
            "sheet": cell.sheet,
            "cell": cell.a1,
            "criterion": "1.3",
            "message": workbook["problems"][0]["message"],
        }
    ]
    assert "vượt mức tối đa 70" in workbook["problems"][0]["message"]
    console = run(str(returned))
    assert console.exit_code == 1
    assert f"'{cell.sheet}'!{cell.a1}" in console.stdout and "points-above-max" in console.stdout
    assert digest(returned) == before


def test_english(returned: Path) -> None:
    set_cell(returned / "U2.xlsx", input_name(Side.SELF, "1.1", "late_tasks"), "abc")
    result = run(str(returned), "--lang", "en")
    assert result.exit_code == 1
    assert "not a number" in result.stdout
    assert "Scored 3 files: 1 error, 0 warnings." in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "nowhere"))
    assert missing.exit_code == 2
    assert "Không tìm thấy" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.txt").write_text("x", encoding="utf-8")
    nothing = run(str(empty))
    assert nothing.exit_code == 2 and "Không tìm thấy bảng tính nào" in nothing.stderr
    assert run(str(empty), "--period", "quarter").exit_code == 2
    assert run().exit_code == 2


def test_unreadable_file_given_by_name_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(100))
    result = run(str(path), "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    workbook = document["workbooks"][0]
    assert workbook["unit_id"] is None and workbook["problems"][0]["code"] == "not-xlsx"
    assert workbook["scores"]["self"] == {
        "complete": False,
        "total": None,
        "sections": {"1": None, "2": None, "3": None},
        "criteria": workbook["scores"]["self"]["criteria"],
    }


def test_year_and_period_options(rubric: Rubric, layout: Layout, tmp_path: Path) -> None:
    make_form(
        tmp_path,
        layout,
        make_identity(rubric, "H1", year=2021, period="half"),
        valid_values(rubric, 1),
    )
    assert run(str(tmp_path), "--year", "2021", "--period", "half").exit_code == 0
    # the year and period come from the forms: no option needed
    plain = run(str(tmp_path), "--json")
    assert plain.exit_code == 0, plain.output
    assert json.loads(plain.stdout)["workbooks"][0]["year"] == 2021
    # a filter that does not fit names the option to use
    result = run(str(tmp_path), "--json", "--year", "2020", "--period", "year")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["workbooks"][0]["problems"]
    assert {p["code"] for p in problems} == {"wrong-year", "wrong-period"}
    assert "--year 2021" in problems[0]["message"] or "--year 2021" in problems[1]["message"]


def test_forms_of_two_years_name_the_option(rubric: Rubric, layout: Layout, tmp_path: Path) -> None:
    make_form(tmp_path, layout, make_identity(rubric, "A", year=2025), valid_values(rubric, 1))
    make_form(tmp_path, layout, make_identity(rubric, "B", year=2026), valid_values(rubric, 2))
    result = run(str(tmp_path))
    assert result.exit_code == 1
    assert "nhiều năm khác nhau (năm và số tệp: 2025 (1), 2026 (1))" in result.stderr
    assert "--year 2025" in result.stderr
    assert run(str(tmp_path), "--year", "2026").exit_code == 1  # A is named: wrong-year
    lock = tmp_path.parent / f"{tmp_path.name}.lock"
    locked = runner.invoke(app, ["lock", str(tmp_path), "-o", str(lock)])
    assert locked.exit_code == 2 and "--year 2025" in locked.stderr and not lock.exists()


@pytest.mark.parametrize("year", ["-1", "0", "1999", "2101", str(10**23)])
def test_years_outside_2000_2100_are_refused(tmp_path: Path, year: str) -> None:
    result = run(str(tmp_path), "--year", year)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "từ 2000 đến 2100" in result.stderr or "<năm>" in result.stderr


def test_out_workbook(rubric: Rubric, layout: Layout, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    sneaky = make_identity(rubric, "U1", unit_name='=HYPERLINK("http://x","bấm")')
    make_form(folder, layout, sneaky, valid_values(rubric, 4))
    make_form(folder, layout, "U2", valid_values(rubric, 5, sides=[Side.SELF]))
    set_cell(folder / "U2.xlsx", input_name(Side.SELF, "2.1", "level"), "=1+1")
    out = tmp_path / "scores.xlsx"
    before = digest(folder)
    result = run(str(folder), "--out", str(out))
    assert result.exit_code == 1
    assert digest(folder) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp left
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Điểm", "Chi tiết tiêu chí", "Lỗi và cảnh báo"]
    summary = workbook["Điểm"]
    assert summary.freeze_panes == "A5" and workbook["Lỗi và cảnh báo"].freeze_panes == "A2"
    assert summary.column_dimensions["C"].width == NAME_WIDTH
    rows = list(summary.iter_rows(min_row=5, values_only=True))
    assert rows[0][1] == "U1" and rows[0][2] == '=HYPERLINK("http://x","bấm")'
    assert summary.cell(row=5, column=3).data_type == "s"  # text, never a formula
    engine = compute_scores(rubric, as_inputs(valid_values(rubric, 4)[Side.SELF], rubric))
    assert engine.total is not None
    assert Decimal(repr(rows[0][10])) == engine.total.quantize(Decimal("0.01"))
    problems = list(workbook["Lỗi và cảnh báo"].iter_rows(min_row=2, values_only=True))
    errors = [r for r in problems if r[2] != "blank-input"]  # U2's cluster side: its to-do list
    assert [(r[1], r[2]) for r in errors] == [("U2", "unknown-label")]
    assert "=1+1" in str(errors[0][7])
    assert len(problems) - len(errors) == sum(len(c.inputs) for c in rubric.leaves())
    for row in workbook["Lỗi và cảnh báo"].iter_rows(min_row=2):
        assert all(c.data_type != "f" for c in row)


def test_a_file_named_twice_is_scored_once(returned: Path) -> None:
    result = run(str(returned), str(returned / "U1.xlsx"), "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["workbooks"]) == 3
