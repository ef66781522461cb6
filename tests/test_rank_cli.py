"""`thidua lock` and `thidua rank` on real workbooks, and the meeting workbook they write."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart
from typer.testing import CliRunner

from tests.helpers import make_form
from tests.ranking_fixtures import make_result, units_file
from thidua_cli.cli import app
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import build_layout
from thidua_cli.form.writer import write_form
from thidua_cli.messages import VI
from thidua_cli.ranking.rank import rank
from thidua_cli.reports.ranking_xlsx import HEADER_ROW, SECTOR_SHEET, write_ranking_xlsx
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.workflows.demo import SampleValues as Values
from thidua_cli.workflows.demo import sample_values

runner = CliRunner()
EVIL = '=HYPERLINK("http://evil.example","Bấm vào")'

STANDING = "registered: true, agreement_signed: true"
UNITS_YAML = f"""
clusters:
  - id: cum-1
    name: Cụm thi đua số 1
    head: A
    units:
      - {{id: A, name: Bệnh viện A, registered: true, agreement_signed: true}}
      - {{id: B, name: '{EVIL.replace("'", "''")}', {STANDING}}}
      - {{id: C, name: Bệnh viện C, agreement_signed: false, registered: true}}
      - {{id: D, name: Bệnh viện D, violation: "=1+1 sai phạm", {STANDING}}}
      - {{id: E, name: Bệnh viện E, registered: true, agreement_signed: true}}
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def season(rubric: Rubric, tmp_path: Path) -> Path:
    """units.yaml and returned/ with forms for A-D (E has not returned its form)."""
    (tmp_path / "units.yaml").write_text(UNITS_YAML, encoding="utf-8")
    returned = tmp_path / "returned"
    returned.mkdir()
    layout = build_layout(rubric)
    for unit_id in "ABCD":
        identity = Identity(
            rubric_id=rubric.id,
            rubric_digest=rubric.digest(),
            unit_id=unit_id,
            unit_name=f"Đơn vị {unit_id}",
            cluster="cum-1",
            year=rubric.meta.year,
        )
        write_form(returned / f"{unit_id}.xlsx", layout, identity, sample_values(rubric, unit_id))
    return tmp_path


def test_lock_then_rank_json(season: Path) -> None:
    code, _, stderr = run("lock", season / "returned", "-o", season / "verified.lock")
    assert code == 0, stderr
    assert "4 đơn vị" in stderr
    code, stdout, stderr = run(
        "rank",
        season / "returned",
        "--units",
        season / "units.yaml",
        "--lock",
        season / "verified.lock",
        "--lock",  # repeatable (one per cluster); the same lock twice merges to itself
        season / "verified.lock",
        "--json",
        "--province-flag-total",
        "5",
    )
    assert code == 0, stderr
    data = json.loads(stdout)
    [cluster] = data["clusters"]
    assert set(cluster) >= {"id", "name", "leader", "tie", "ranking"}
    rows = {r["unit_id"]: r for r in cluster["ranking"]}
    for row in rows.values():
        assert set(row) >= {
            "rank",
            "unit_id",
            "unit_name",
            "total",
            "sections",
            "status",
            "reasons",
        }
    assert rows["C"]["status"] == "excluded" and rows["D"]["status"] == "excluded"
    assert rows["E"]["status"] == "incomplete" and rows["E"]["reasons"] == ["chưa có bảng điểm"]
    leader = cluster["leader"]
    assert leader in {"A", "B"} and rows[leader]["rank"] == 1 and cluster["elected"] is None
    # before the vote: the leader is proposed provisionally, the Government flag waits
    [provisional] = data["proposals"]["province_flag"]
    assert provisional["unit_id"] == leader and provisional["elected"] is False
    assert data["proposals"]["government_flag"] == []
    assert data["proposals"]["undecided"] == ["cum-1"]
    assert data["by"] == "cluster" and data["preview"] is False
    assert (data["year"], data["period"], data["deadline"]) == (2020, "year", "2021-01-20")

    code, stdout, stderr = run(
        "rank",
        season / "returned",
        "--units",
        season / "units.yaml",
        "--lock",
        season / "verified.lock",
        "--json",
        "--province-flag-total",
        "5",
        "--elected",
        f"cum-1={leader}",
    )
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["clusters"][0]["elected"] == leader
    [elected] = data["proposals"]["province_flag"]
    assert elected["unit_id"] == leader and elected["elected"] is True
    assert data["proposals"]["government_flag"][0]["unit_id"] == leader
    assert data["government_flag_cap"] == {"province_flag_total": 5, "allowed": 1, "checked": True}


def test_rank_table_and_preview_label(season: Path) -> None:
    code, stdout, _ = run("rank", season / "returned", "--units", season / "units.yaml")
    assert code == 0
    assert "Đơn vị nhất Cụm" in stdout and "Không xét thi đua" in stdout
    assert "Chưa kiểm tra giới hạn 20%" in stdout
    code, stdout, _ = run(
        "rank", season / "returned", "--units", season / "units.yaml", "--by", "self", "--json"
    )
    assert code == 0
    data = json.loads(stdout)
    assert (
        data["preview"] is True
        and data["label"] == "XEM TRƯỚC theo điểm tự chấm — không dùng để xét"
    )
    code, stdout, _ = run(
        "rank", season / "returned", "--units", season / "units.yaml", "--by", "self"
    )
    assert stdout.startswith("XEM TRƯỚC theo điểm tự chấm — không dùng để xét")


def _rewrite(rubric: Rubric, season: Path, unit: str, change: Callable[[Values], None]) -> None:
    values = sample_values(rubric, unit)
    change(values)
    make_form(season / "returned", build_layout(rubric), unit, values)


def test_the_lock_blames_the_side_that_changed(rubric: Rubric, season: Path) -> None:
    """A unit that changes its own figure is excluded; a unit whose column the cluster
    corrected is not: it waits for a new lock."""
    assert run("lock", season / "returned", "-o", season / "v.lock")[0] == 0

    def own(values: Values) -> None:
        values[Side.SELF]["2.1"]["level"] = "Trung bình"

    def theirs(values: Values) -> None:
        values[Side.CLUSTER]["3.5"]["escalated"] = 3

    _rewrite(rubric, season, "A", own)
    _rewrite(rubric, season, "B", theirs)
    code, stdout, _ = run(
        "rank",
        season / "returned",
        "--units",
        season / "units.yaml",
        "--lock",
        season / "v.lock",
        "--json",
    )
    assert code == 0
    rows = {r["unit_id"]: r for r in json.loads(stdout)["clusters"][0]["ranking"]}
    a, b = rows["A"], rows["B"]
    assert a["status"] == "excluded" and a["changed_criteria"] == ["2.1"]
    assert a["reasons"] == [
        "điều chỉnh số liệu sau khi Cụm đã kiểm tra, đối chiếu thống nhất điểm (đơn vị sửa "
        "tiêu chí 2.1)"
    ]
    assert b["status"] == "incomplete" and b["changed_criteria"] == []
    assert b["reason_codes"] == ["cluster-changed-after-lock"]
    assert b["reasons"][0].startswith(
        "Cụm đã sửa điểm sau khi khóa (cột «Cụm đánh giá», tiêu chí 3.5)"
    )


def test_lock_names_the_blank_cluster_cells(rubric: Rubric, season: Path) -> None:
    def blank(values: Values) -> None:
        del values[Side.CLUSTER]["1.5"]["unresolved"]

    _rewrite(rubric, season, "C", blank)
    code, stdout, stderr = run("lock", season / "returned", "-o", season / "v.lock")
    assert code == 1 and stdout == "" and not (season / "v.lock").exists()
    cell = build_layout(rubric).input_cell(Side.CLUSTER, "1.5", "unresolved")
    lines = [" ".join(line.split()) for line in stderr.splitlines()]
    assert lines == [
        "Lỗi: Không khóa số liệu: Cụm chưa chấm xong 1 bảng điểm (các ô «Cụm đánh giá» còn "
        "trống kê dưới đây).",
        f"Lỗi: {season / 'returned' / 'C.xlsx'}: ô «Cụm đánh giá» '{cell.sheet}'!{cell.a1} còn "
        "trống (tiêu chí 1.5, Số nội dung tồn tại chưa khắc phục).",
    ]


def test_exit_codes(season: Path) -> None:
    units = season / "units.yaml"
    assert run("rank", season / "returned", "--units", season / "nope.yaml")[0] == 2
    assert run("rank", season / "nope", "--units", units)[0] == 2
    assert run("rank", season / "returned", "--units", units, "--by", "both")[0] == 2
    assert run("rank", season / "returned", "--units", units, "--province-flag-total", "-1")[0] == 2
    assert (
        run("rank", season / "returned", "--units", units, "--lock", season / "none.lock")[0] == 2
    )
    assert run("lock", season / "returned", "--period", "other")[0] == 2
    # a tampered lock file: an error in the data
    (season / "bad.lock").write_text("{}", encoding="utf-8")
    code, _, stderr = run(
        "rank", season / "returned", "--units", units, "--lock", season / "bad.lock"
    )
    assert code == 1 and "bad.lock" in stderr
    # a workbook with errors: the lock refuses it, rank ranks the rest and exits 1
    (season / "returned" / "Z.xlsx").write_text("not a workbook", encoding="utf-8")
    code, _, stderr = run("lock", season / "returned", "-o", season / "v.lock")
    assert code == 1 and "Z.xlsx" in stderr and not (season / "v.lock").exists()
    code, stdout, _ = run("rank", season / "returned", "--units", units, "--json")
    assert code == 1
    assert any(n["file"] and n["file"].endswith("Z.xlsx") for n in json.loads(stdout)["notes"])


def test_english(season: Path) -> None:
    code, stdout, _ = run(
        "rank", season / "returned", "--units", season / "units.yaml", "--lang", "en"
    )
    assert code == 0
    assert "Leading unit" in stdout and "did not sign the emulation agreement" in stdout


def test_meeting_workbook(season: Path) -> None:
    out = season / "ranking.xlsx"
    code, _, stderr = run(
        "rank",
        season / "returned",
        "--units",
        season / "units.yaml",
        "--out",
        out,
        "--elected",
        "cum-1=A",
    )
    assert code == 0, stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Cụm thi đua số 1", SECTOR_SHEET]
    sheet = workbook["Cụm thi đua số 1"]
    assert len(sheet._charts) == 1 and isinstance(sheet._charts[0], BarChart)
    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1 and b"<barChart>" in archive.read(charts[0])
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(
        sheet.PAPERSIZE_A4
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert sheet["A1"].font.name == "Times New Roman"
    cells = [c for ws in workbook for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula at all
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert EVIL in texts  # the unit's name, as text
    assert any("=1+1 sai phạm" in t for t in texts)  # the violation text, as text
    assert sheet[f"A{HEADER_ROW - 2}"].value == (
        "Hội nghị tổng kết năm 2020: thời hạn theo hướng dẫn là trước ngày 20/01/2021."
    )
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert headers[:4] == ["Hạng", "Mã", "Đơn vị", "Tự chấm"] and "Chênh lệch" in headers
    sector = [c.value for row in workbook[SECTOR_SHEET].iter_rows() for c in row if c.value]
    assert "Cờ thi đua của UBND tỉnh" in sector and "Cờ thi đua của Chính phủ" in sector


def test_sheet_titles_are_valid_and_unique(rubric: Rubric, tmp_path: Path) -> None:
    units = units_file({"cum-1": [{"id": "A"}], "cum-2": [{"id": "B"}]})
    units = units.model_copy(
        update={
            "clusters": (
                units.clusters[0].model_copy(
                    update={"name": "Cụm [1]/ tỉnh? *rất dài* — và còn dài hơn nữa"}
                ),
                units.clusters[1].model_copy(update={"name": "Toàn ngành"}),
            )
        }
    )
    ranking = rank([make_result(rubric, "A"), make_result(rubric, "B", cluster="cum-2")], units)
    write_ranking_xlsx(tmp_path / "r.xlsx", ranking, VI)
    assert [p.name for p in tmp_path.iterdir()] == ["r.xlsx"]
    titles = openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames
    assert len(set(titles)) == 3
    for title in titles:
        assert len(title) <= 31 and not set(title) & set("/\\?*[]:")


def test_two_workbooks_for_one_unit(season: Path) -> None:
    returned = season / "returned"
    (returned / "A-copy.xlsx").write_bytes((returned / "A.xlsx").read_bytes())
    code, _, stderr = run("lock", returned, "-o", season / "verified.lock")
    assert code == 1 and not (season / "verified.lock").exists()
    files = f"{returned / 'A-copy.xlsx'}, {returned / 'A.xlsx'}"
    assert f"đơn vị A có nhiều bảng điểm ({files}); chỉ giữ một." in " ".join(stderr.split())
    code, stdout, _ = run("rank", returned, "--units", season / "units.yaml", "--json")
    assert code == 1
    report = json.loads(stdout)
    assert "rank-duplicate-unit" in [n["code"] for n in report["notes"]]
    [entry] = [e for e in report["clusters"][0]["ranking"] if e["unit_id"] == "A"]
    assert entry["status"] == "incomplete" and entry["reason_codes"] == ["duplicate-workbook"]
    assert entry["file"] is None


def test_a_missing_output_folder_stops_before_any_scoring(season: Path) -> None:
    missing = season / "missing" / "out.xlsx"
    for command in (
        ("rank", season / "returned", "--units", season / "units.yaml", "--out", missing),
        ("lock", season / "returned", "-o", missing),
        ("score", season / "returned", "--out", missing),
    ):
        code, stdout, stderr = run(*command)
        assert code == 2 and "missing" in stderr, command
        assert stdout == ""  # nothing was scored or printed first
