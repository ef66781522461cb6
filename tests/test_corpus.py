"""Hostile input: every file of the generated corpus gives a located error or a clean refusal.

Never a traceback, exit codes as documented, input files byte-identical afterwards, and no
output workbook holds a formula that came from user text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.corpus import file_corpus
from tests.helpers import make_form, make_identity, name_cell, set_cells, valid_values
from thidua_cli.cli import app
from thidua_cli.form.layout import Layout, build_layout, input_name, points_name, section_name
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side

runner = CliRunner()


@pytest.fixture(scope="module")
def layout(rubric: Rubric) -> Layout:
    return build_layout(rubric)


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def score_json(*args: str) -> tuple[int, dict[str, Any], str]:
    result = runner.invoke(app, ["score", *args, "--json"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return (
        result.exit_code,
        json.loads(result.stdout) if result.stdout.strip() else {},
        result.output,
    )


def codes_by_file(report: dict[str, Any]) -> dict[str, set[str]]:
    return {Path(w["file"]).name: {p["code"] for p in w["problems"]} for w in report["workbooks"]}


FILE_EXPECTATIONS = {
    "empty.xlsx": "not-xlsx",
    "truncated.xlsx": "not-xlsx",
    "renamed-xls.xlsx": "not-xlsx",
    "password.xlsx": "not-xlsx",
    "real.xls": "not-xlsx",
    "renamed-ods.xlsx": "not-xlsx",
    "table.ods": "not-xlsx",
    "renamed-csv.xlsx": "not-xlsx",
    "scores.csv": "not-xlsx",
    "renamed-pdf.xlsx": "not-xlsx",
    "zip-bomb.xlsx": "not-xlsx",
    "entity-bomb.xlsx": "not-xlsx",
    "macro.xlsm": "not-xlsx",
}


def test_files_that_are_not_forms_are_refused_cleanly(tmp_path: Path, layout: Layout) -> None:
    (tmp_path / "src").mkdir()
    form = make_form(tmp_path / "src", layout, "U1", valid_values(layout.rubric, 1))
    made = file_corpus(form, tmp_path / "bad")
    before = digests(tmp_path / "bad")
    code, report, _ = score_json(str(tmp_path / "bad"))
    assert code == 1
    found = codes_by_file(report)
    for name, expected in FILE_EXPECTATIONS.items():
        assert expected in found[name], (name, found.get(name))
    for workbook in report["workbooks"]:
        for problem in workbook["problems"]:
            assert problem["file"].endswith(Path(workbook["file"]).name)
            assert problem["message"]
    assert "copy-of-form.txt" not in found  # only spreadsheet-like names are picked from a folder
    assert set(made) >= set(FILE_EXPECTATIONS)
    assert digests(tmp_path / "bad") == before


def test_an_empty_file_and_a_renamed_workbook_are_named_for_what_they_are(
    tmp_path: Path, layout: Layout
) -> None:
    form = make_form(tmp_path, layout, "U1", valid_values(layout.rubric, 1))
    bad = tmp_path / "bad"
    file_corpus(form, bad)
    form.rename(bad / "form-as.xls")  # an .xlsx a clerk renamed
    code, _, output = score_json(str(bad))
    assert code == 1
    text = " ".join(output.split())
    assert "empty.xlsx rỗng (0 byte)" in text
    assert "form-as.xls là bảng tính .xlsx nhưng mang đuôi .xls" in text
    assert "real.xls là bảng tính Excel cũ (.xls)" in text
    assert "table.ods là bảng tính LibreOffice (.ods)" in text  # a zip too, but not an .xlsx


def _variant(tmp_path: Path, layout: Layout, name: str, **identity: Any) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir(exist_ok=True)
    values = valid_values(layout.rubric, abs(hash(name)) % 1000)
    return make_form(folder, layout, make_identity(layout.rubric, name, **identity), values)


def _delete_identity(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    del workbook["_thidua"]
    workbook.custom_doc_props.props.clear()  # type: ignore[attr-defined]
    workbook.save(path)


def _delete_row(path: Path, name: str) -> str:
    workbook = openpyxl.load_workbook(path)
    cell = name_cell(workbook, name)
    sheet = cell.parent
    sheet.delete_rows(cell.row)
    # What Excel does to a name whose row is gone.
    workbook.defined_names[name].attr_text = f"'{sheet.title}'!#REF!"
    workbook.save(path)
    return sheet.title


def _insert_rows(path: Path, sheet_title: str, before: int, count: int) -> None:
    """Insert rows the way Excel does: names below move down with their cells."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[sheet_title]
    sheet.insert_rows(before, count)
    for defined in workbook.defined_names.values():
        ((title, ref),) = list(defined.destinations)
        if title != sheet_title:
            continue
        column, row = ref.replace("$", "")[0], int(ref.replace("$", "")[1:])
        if row >= before:
            defined.attr_text = f"'{title}'!${column}${row + count}"
    workbook.save(path)


def _merge_over(path: Path, first: str, last: str) -> None:
    workbook = openpyxl.load_workbook(path)
    a, b = name_cell(workbook, first), name_cell(workbook, last)
    a.parent.merge_cells(start_row=a.row, start_column=a.column, end_row=b.row, end_column=b.column)
    workbook.save(path)


def _junk_rows(path: Path, rows: int) -> None:
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Phần 1"]
    start = sheet.max_row + 1
    for row in range(start, start + rows):
        sheet.cell(row=row, column=1, value=f"rác {row}")
        sheet.cell(row=row, column=6, value=row)
    workbook.save(path)


def test_broken_forms_give_located_problems(tmp_path: Path, layout: Layout) -> None:
    tu, cum = Side.SELF, Side.CLUSTER
    expect: dict[str, set[str]] = {}

    _variant(tmp_path, layout, "OTHER-RUBRIC", rubric_id="syt-khac-2021")
    expect["OTHER-RUBRIC"] = {"wrong-rubric"}
    _variant(tmp_path, layout, "OTHER-YEAR", year=2019)
    expect["OTHER-YEAR"] = {"wrong-year"}
    _delete_identity(_variant(tmp_path, layout, "NO-IDENTITY"))
    expect["NO-IDENTITY"] = {"not-a-form"}
    _delete_row(_variant(tmp_path, layout, "DELETED-ROW"), input_name(tu, "1.1", "late_tasks"))
    expect["DELETED-ROW"] = {"missing-name"}
    _merge_over(
        _variant(tmp_path, layout, "MERGED"),
        input_name(tu, "1.2", "points"),
        input_name(cum, "1.2", "points"),
    )
    expect["MERGED"] = {"formula-changed"}  # the merge swallowed the points formula between
    path = _variant(tmp_path, layout, "VALUES-FOR-FORMULAS")
    set_cells(path, {points_name(tu, "1.1"): 7, section_name(tu, "1"): 3})
    expect["VALUES-FOR-FORMULAS"] = {"formula-changed"}
    path = _variant(tmp_path, layout, "TYPED-BADLY")
    set_cells(
        path,
        {
            input_name(tu, "1.1", "late_tasks"): "ba",
            input_name(tu, "1.5", "unresolved"): dt.datetime(2020, 5, 1),
            input_name(tu, "1.7.b", "cases"): True,
            input_name(tu, "3.5", "escalated"): "NaN",
            input_name(tu, "3.4.a", "late_days"): "inf",
            input_name(tu, "1.2", "points"): 1e300,
            input_name(tu, "3.3.b.3", "articles"): "x" * 40_000,
        },
    )
    expect["TYPED-BADLY"] = {"not-a-number", "points-above-max"}
    path = _variant(tmp_path, layout, "TYPED-WELL")  # what the printed form reads alike
    set_cells(
        path,
        {
            input_name(tu, "3.1.a", "done"): " đã thực hiện  ",
            input_name(tu, "3.1.c", "done"): "CHƯA THỰC HIỆN\n",
            input_name(tu, "2.5", "level"): "hoàn  thành",
        },
    )
    expect["TYPED-WELL"] = set()
    path = _variant(tmp_path, layout, "TYPED-FOR-SCORE-ONLY")  # the printout shows otherwise
    nfd = unicodedata.normalize("NFD", "Đã thực hiện")
    set_cells(
        path,
        {
            input_name(tu, "3.1.a", "done"): nfd,
            input_name(tu, "3.1.c", "done"): "Chưa thực hiện\u00a0",
            input_name(tu, "1.2", "points"): "5,5",
            input_name(tu, "1.3", "points"): " 6.25 ",
        },
    )
    expect["TYPED-FOR-SCORE-ONLY"] = {"printout-differs"}
    _junk_rows(_variant(tmp_path, layout, "JUNK-ROWS"), 10_000)
    expect["JUNK-ROWS"] = set()
    inserted = _variant(tmp_path, layout, "INSERTED-ROWS")  # the sheets are protected: a new
    _insert_rows(inserted, "Phần 1", 12, 3)  # form, not an edit
    expect["INSERTED-ROWS"] = {"structure-changed"}
    _variant(tmp_path, layout, "FORMULA-NAME", unit_name='=HYPERLINK("http://x","y")')
    expect["FORMULA-NAME"] = set()

    folder = tmp_path / "forms"
    before = digests(folder)
    out = tmp_path / "scores.xlsx"
    # --year: the year filter names the odd form (without it, two years: a usage stop)
    year = str(layout.rubric.meta.year)
    result = runner.invoke(app, ["score", str(folder), "--year", year, "--json", "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert result.stdout.strip(), result.output
    report = json.loads(result.stdout)
    found = {w["unit_id"] or Path(w["file"]).stem: w for w in report["workbooks"]}
    for unit, codes in expect.items():
        workbook = found[unit]
        got = {p["code"] for p in workbook["problems"] if p["severity"] == "error"}
        assert codes <= got, (unit, got)
        if not codes:
            assert got == set(), (unit, workbook["problems"])
        for problem in workbook["problems"]:
            if problem["code"] not in ("not-a-form", "wrong-rubric", "wrong-year", "wrong-period"):
                assert problem["cell"] and problem["sheet"], problem
    assert not found["INSERTED-ROWS"]["scores"]["self"]["complete"]  # not scored
    assert digests(folder) == before
    assert_no_formulas(out)


def assert_no_formulas(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


def test_units_files_with_errors_are_refused(tmp_path: Path, layout: Layout) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    make_form(folder, layout, "U1", valid_values(layout.rubric, 3))
    duplicate = tmp_path / "dup.yaml"
    duplicate.write_text(
        "clusters:\n  - id: c1\n    name: Cụm 1\n    units:\n"
        "      - {id: U1, name: Một, registered: true, agreement_signed: true}\n"
        "      - {id: U1, name: Hai, registered: true, agreement_signed: true}\n",
        encoding="utf-8",
    )
    tagged = tmp_path / "tag.yaml"
    tagged.write_text("clusters: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    missing = tmp_path / "units.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["cluster id", "unit id"])  # no names, no roles
    workbook.active.append(["c1", "U1"])
    workbook.save(missing)
    for units in (duplicate, tagged, missing):
        result = runner.invoke(app, ["rank", str(folder), "--units", str(units)])
        assert "Traceback" not in result.output
        assert result.exit_code in (1, 2), (units, result.output)
        assert units.name in result.output, result.output
