"""`thidua init-sheet` through the command line: what it writes, what it refuses, exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.helpers import set_cells
from tests.test_units_xlsx import VI, _write
from thidua_cli.cli import app
from thidua_cli.workflows.init_sheets import competition_year

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "units.yaml"
EXAMPLE_IDS = [
    "BVDK-TINH",
    "BVNHI",
    "BVPS",
    "BVYDCT",
    "BVPHOI",
    "BVTT",
    "BVMAT",
    "BVNT",
    "BVDL",
    "BVPHCN",
    "CDC",
    "TTPY",
    "TTGDYK",
    "CCDS",
]

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["init-sheet", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def props(path: Path) -> dict[str, str]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {p.name: p.value for p in wb.custom_doc_props.props}


def test_one_form_per_example_unit(tmp_path: Path) -> None:
    out = tmp_path / "sheets"
    code, stdout, stderr = run("--units", EXAMPLES, "--out", out)
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{u}.xlsx" for u in EXAMPLE_IDS)
    assert stdout.splitlines() == [str(out / f"{u}.xlsx") for u in EXAMPLE_IDS]
    assert "Đã ghi 14 biểu mẫu" in stderr
    identity = props(out / "BVNHI.xlsx")
    assert identity["thidua.unit_name"] == "Bệnh viện Nhi"
    assert identity["thidua.cluster"] == "cum-1"
    assert identity["thidua.cluster_name"] == "Cụm thi đua số 1 — Các bệnh viện tuyến tỉnh"
    # the year comes from the units file (examples/units.yaml: year: 2026), not the rubric
    assert identity["thidua.year"] == "2026" and identity["thidua.period"] == "year"
    assert props(out / "CCDS.xlsx")["thidua.cluster"] == "cum-2"


def test_cluster_and_unit_filters(tmp_path: Path) -> None:
    code, _, stderr = run("--units", EXAMPLES, "--cluster", "cum-2", "--out", tmp_path / "a")
    assert code == 0, stderr
    assert sorted(p.stem for p in (tmp_path / "a").iterdir()) == ["CCDS", "CDC", "TTGDYK", "TTPY"]
    code, _, stderr = run(
        "--units", EXAMPLES, "--unit", "BVMAT", "--unit", "CDC", "--out", tmp_path / "b"
    )
    assert code == 0, stderr
    assert sorted(p.stem for p in (tmp_path / "b").iterdir()) == ["BVMAT", "CDC"]


def test_unknown_unit_or_cluster_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = run(
        "--units", EXAMPLES, "--unit", "BVMAT", "--unit", "KHONGCO", "--out", tmp_path
    )
    assert code == 2
    assert "KHONGCO" in stderr and "units.yaml" in stderr
    code, _, stderr = run("--units", EXAMPLES, "--cluster", "cum-9", "--out", tmp_path)
    assert code == 2 and "cum-9" in stderr
    code, _, stderr = run(
        "--units", EXAMPLES, "--cluster", "cum-2", "--unit", "BVMAT", "--out", tmp_path
    )
    assert code == 2 and "BVMAT" in stderr  # not in that cluster
    assert list(tmp_path.iterdir()) == []


def test_existing_files_are_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "sheets"
    assert run("--units", EXAMPLES, "--cluster", "cum-2", "--out", out)[0] == 0
    kept = out / "CDC.xlsx"
    kept.write_bytes(b"filled in by the unit")
    (out / "TTPY.xlsx").unlink()
    code, _, stderr = run("--units", EXAMPLES, "--cluster", "cum-2", "--out", out)
    assert code == 2
    assert "CDC.xlsx" in stderr and "--force" in stderr and "TTPY" not in stderr
    assert kept.read_bytes() == b"filled in by the unit"
    assert not (out / "TTPY.xlsx").exists()  # nothing written when one target exists
    code, _, stderr = run("--units", EXAMPLES, "--cluster", "cum-2", "--out", out, "--force")
    assert code == 0, stderr
    assert props(kept)["thidua.unit_id"] == "CDC"
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # no temp files left


def test_forms_with_typed_figures_are_kept_even_with_force(tmp_path: Path) -> None:
    """--force replaces blank forms, never one a unit or the cluster has typed into (a folder
    of returns given by mistake as --out-dir)."""
    out = tmp_path / "da-nop"
    assert run("--units", EXAMPLES, "--cluster", "cum-2", "--out-dir", out)[0] == 0
    workbook = openpyxl.load_workbook(out / "CDC.xlsx", read_only=True)
    inputs = sorted(n for n in workbook.defined_names if n.startswith("TD_CUM_") and "__" in n)
    workbook.close()
    set_cells(out / "CDC.xlsx", {inputs[0]: 12})
    set_cells(out / "TTPY.xlsx", {inputs[-1]: "không rõ"})  # typed, even if not a valid figure
    typed = {name: (out / name).read_bytes() for name in ("CDC.xlsx", "TTPY.xlsx")}
    (out / "TTGDYK.xlsx").unlink()
    code, _, stderr = run("--units", EXAMPLES, "--cluster", "cum-2", "--out-dir", out, "--force")
    assert code == 2, stderr
    assert "CDC.xlsx" in stderr and "TTPY.xlsx" in stderr and "kể cả với --force" in stderr
    assert "CCDS" not in stderr  # blank: --force may replace it
    assert {name: (out / name).read_bytes() for name in typed} == typed
    assert not (out / "TTGDYK.xlsx").exists()  # nothing written at all
    for name in typed:
        (out / name).rename(tmp_path / name)
    assert run("--units", EXAMPLES, "--cluster", "cum-2", "--out-dir", out, "--force")[0] == 0


def test_single_unit_with_half_year_and_year(tmp_path: Path) -> None:
    code, stdout, stderr = run(
        "--unit-id",
        "TYT-01",
        "--unit-name",
        "Trạm Y tế xã\x0b Đông Hòa",
        "--cluster",
        "Cụm thi đua số 5",
        "--year",
        "2021",
        "--period",
        "half",
        "--out",
        tmp_path,
    )
    assert code == 0, stderr
    path = tmp_path / "TYT-01.xlsx"
    assert stdout.strip() == str(path)
    identity = props(path)
    assert identity["thidua.unit_name"] == "Trạm Y tế xã Đông Hòa"
    assert identity["thidua.cluster_name"] == "Cụm thi đua số 5"
    assert identity["thidua.cluster"] == "cum-thi-dua-so-5"
    assert (identity["thidua.year"], identity["thidua.period"]) == ("2021", "half")
    ws = openpyxl.load_workbook(path)["Phần 1"]
    titles = [c.value for row in ws.iter_rows(max_row=6) for c in row if c.value]
    assert "BẢNG TỰ CHẤM ĐIỂM THI ĐUA SƠ KẾT 6 THÁNG ĐẦU NĂM 2021" in titles


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        ((), "--units"),
        (("--unit-id", "X"), "--unit-name"),
        (("--unit-id", "X", "--unit-name", "Y"), "--cluster"),
        (("--unit-id", "a/b", "--unit-name", "Y", "--cluster", "Z"), "a/b"),
        (("--unit-id", "X", "--unit-name", "\x0b", "--cluster", "Z"), "Tên đơn vị"),
        (("--units", EXAMPLES, "--unit-id", "X"), "--units"),
        (("--units", "khong-co.yaml"), "khong-co.yaml"),
        (("--units", EXAMPLES, "--criteria", "khong-co-thu-muc"), "khong-co-thu-muc"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...], needle: str) -> None:
    code, _, stderr = run(*args, "--out", tmp_path / "o")
    assert code == 2
    assert needle in stderr
    assert not (tmp_path / "o").exists()


def test_out_must_be_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    code, _, stderr = run("--units", EXAMPLES, "--out", target)
    assert code == 2 and "không phải là thư mục" in stderr


def test_json_and_english(tmp_path: Path) -> None:
    code, stdout, stderr = run(
        "--units", EXAMPLES, "--unit", "BVNT", "--out", tmp_path, "--json", "--lang", "en"
    )
    assert code == 0, stderr
    document = json.loads(stdout)
    assert document.pop("year") == competition_year(dt.date.today())
    assert document == {
        "out": str(tmp_path),
        "period": "year",
        "written": [str(tmp_path / "BVNT.xlsx")],
    }
    assert "Wrote 1 form to" in stderr
    code, _, stderr = run("--units", EXAMPLES, "--unit", "BVNT", "--out", tmp_path, "--lang", "en")
    assert code == 2 and "already exist" in stderr


def test_bad_units_file_exits_1_with_its_line(tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(
        "clusters:\n  - id: c1\n    name: Cụm 1\n    units:\n"
        "      - id: A\n        name: Đơn vị A\n"
        "      - id: A\n        name: Đơn vị A2\n",
        encoding="utf-8",
    )
    code, _, stderr = run("--units", units, "--out", tmp_path / "o")
    assert code == 1
    assert "A" in stderr and "trùng" in stderr


def test_help_has_an_example() -> None:
    result = runner.invoke(app, ["init-sheet", "--help"])
    assert result.exit_code == 0
    assert "thidua init-sheet --units" in result.stdout


def test_the_year_is_stated_once(tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(
        "year: 2026\nclusters:\n  - id: c1\n    name: Cụm 1\n    units:\n"
        "      - {id: U1, name: Một, registered: true, agreement_signed: true}\n",
        encoding="utf-8",
    )
    code, _, stderr = run("--units", units, "--out-dir", tmp_path / "bm")
    assert code == 0 and "Năm thi đua: 2026 (theo tệp đơn vị" in stderr
    workbook = openpyxl.load_workbook(tmp_path / "bm" / "U1.xlsx")
    titles = [
        str(c.value) for ws in workbook.worksheets for row in ws.iter_rows(max_row=6) for c in row
    ]
    assert any("NĂM 2026" in t for t in titles)
    # score, lock and rank need no --year for them
    score = runner.invoke(app, ["score", str(tmp_path / "bm"), "--json"])
    assert json.loads(score.stdout)["workbooks"][0]["year"] == 2026
    assert not any(
        p["code"] == "wrong-year" for p in json.loads(score.stdout)["workbooks"][0]["problems"]
    )
    code, _, stderr = run("--units", units, "--out-dir", tmp_path / "bm2", "--year", "2025")
    assert code == 0 and "Năm thi đua: 2025 (theo --year)" in stderr
    for bad in ("-1", "0", str(10**23)):
        assert run("--units", units, "--out-dir", tmp_path / "x", "--year", bad)[0] == 2
    units.write_text(units.read_text(encoding="utf-8").replace("2026", "1990"), encoding="utf-8")
    assert run("--units", units, "--out-dir", tmp_path / "bm3")[0] == 1


def test_without_a_year_the_competition_year_of_today() -> None:
    assert competition_year(dt.date(2026, 1, 15)) == 2025  # January: last year's review
    assert competition_year(dt.date(2026, 2, 1)) == 2026
    assert competition_year(dt.date(2026, 12, 31)) == 2026


def test_old_out_still_works_and_out_dir_is_the_name(tmp_path: Path) -> None:
    code, _, _ = run("--units", EXAMPLES, "--out", tmp_path / "a", "--cluster", "cum-1")
    assert code == 0 and (tmp_path / "a").is_dir()
    help_text = runner.invoke(app, ["init-sheet", "-h"]).stdout
    assert "--out-dir" in help_text and "--out " not in help_text


def test_forms_never_replace_the_units_file(tmp_path: Path) -> None:
    units = tmp_path / "U1.xlsx"  # a units workbook named like the form it would write
    _write(units, [VI, ["c1", "Cụm 1", "U1", "Một", "", "Có", "Có", "", "Không"]])
    before = units.read_bytes()
    code, _, stderr = run("--units", units, "--out-dir", tmp_path, "--force")
    assert code == 2 and "Không ghi" in stderr, stderr
    assert units.read_bytes() == before
