"""The year-end meeting on real workbooks: the vote, the half-year review, a cluster's own
rubric used by every command, and the deadlines printed where people read them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.helpers import make_form, make_identity
from tests.rubric_files import concretise_1_8, copy_default, edit_section
from thidua_cli.cli import app
from thidua_cli.form.layout import SUMMARY_SHEET, build_layout
from thidua_cli.reports.ranking_xlsx import HEADER_ROW
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period
from thidua_cli.workflows.demo import sample_values

runner = CliRunner()

UNITS = """
clusters:
  - id: cum-a
    name: Cụm thi đua A
    head: A1
    units:
      - {id: A1, name: Bệnh viện A1, registered: true, agreement_signed: true}
      - {id: A2, name: Bệnh viện A2, registered: true, agreement_signed: true}
  - id: cum-b
    name: Cụm thi đua B
    criteria: tieu-chi/cum-b
    units:
      - {id: B1, name: Bệnh viện B1, registered: true, agreement_signed: true}
      - {id: B2, name: Bệnh viện B2, registered: true, agreement_signed: true}
"""
AGREEMENT = """\
agreement:
  by: 2/2 đơn vị thành viên Cụm thi đua B
  date: 2020-03-15
  document: Biên bản Hội nghị Cụm số 01/BB-CTĐB
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def cluster_rubric(folder: Path, agreement: str | None = AGREEMENT) -> Path:
    copy_default(folder)
    edit_section(folder, "section-1.yaml", concretise_1_8)
    meta = folder / "rubric.yaml"
    text = meta.read_text("utf-8").replace("id: syt-thanh-hoa-2020", "id: cum-b-2020")
    meta.write_text(text + (agreement or ""), "utf-8")
    return folder


def fill(folder: Path, rubric: Rubric, cluster: str, units: list[str], period: Period) -> None:
    layout = build_layout(rubric)
    for unit in units:
        identity = make_identity(
            rubric, unit, unit_name=f"Bệnh viện {unit}", cluster=cluster, period=period
        )
        make_form(folder, layout, identity, sample_values(rubric, unit))


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """units.yaml with two clusters (B on its own agreed rubric) and their returned forms."""
    (tmp_path / "units.yaml").write_text(UNITS, encoding="utf-8")
    cluster_rubric(tmp_path / "tieu-chi" / "cum-b")
    returned = tmp_path / "returned"
    returned.mkdir()
    fill(returned, load_rubric(), "cum-a", ["A1", "A2"], "year")
    fill(returned, load_rubric(tmp_path / "tieu-chi" / "cum-b"), "cum-b", ["B1", "B2"], "year")
    return tmp_path


def rank_json(office: Path, *extra: str | Path) -> dict[str, Any]:
    code, stdout, stderr = run(
        "rank", office / "returned", "--units", office / "units.yaml", "--json", *extra
    )
    assert code == 0, stderr
    document: dict[str, Any] = json.loads(stdout)
    return document


def test_a_cluster_with_its_own_rubric_is_scored_locked_and_ranked(office: Path) -> None:
    units = office / "units.yaml"
    code, stdout, stderr = run("score", office / "returned", "--units", units, "--json")
    assert code == 0, stderr
    scored = {w["unit_id"]: w for w in json.loads(stdout)["workbooks"]}
    assert all(w["ok"] for w in scored.values())
    assert "1.8.a" in scored["B1"]["scores"]["cluster"]["criteria"]
    assert "1.8.a" not in scored["A1"]["scores"]["cluster"]["criteria"]
    # without the units file, the base rubric alone cannot score cluster B's forms
    code, _, _ = run("score", office / "returned")
    assert code == 1

    code, _, stderr = run("lock", office / "returned", "--units", units, "-o", office / "v.lock")
    assert code == 0, stderr

    data = rank_json(office, "--lock", office / "v.lock")
    for cluster in data["clusters"]:
        assert [r["status"] for r in cluster["ranking"]] == ["eligible", "eligible"]
        assert [r["rank"] for r in cluster["ranking"]] == [1, 2]
        assert cluster["leader"] == cluster["ranking"][0]["unit_id"]
        assert cluster["elected"] is None
    assert [p["elected"] for p in data["proposals"]["province_flag"]] == [False, False]
    assert data["proposals"]["government_flag"] == []
    assert data["proposals"]["undecided"] == ["cum-a", "cum-b"]

    leaders = {c["id"]: c["leader"] for c in data["clusters"]}
    one = rank_json(office, "--elected", f"cum-a={leaders['cum-a']}")
    assert one["proposals"]["government_flag"] == []
    assert one["proposals"]["undecided"] == ["cum-b"]
    both = rank_json(
        office,
        "--elected",
        f"cum-a={leaders['cum-a']}",
        "--elected",
        f"cum-b={leaders['cum-b']}",
    )
    assert both["proposals"]["undecided"] == []
    [government] = both["proposals"]["government_flag"]
    totals = {p["unit_id"]: p["total"] for p in both["proposals"]["province_flag"]}
    assert government["unit_id"] == max(totals, key=lambda u: totals[u])  # on their totals


def test_a_form_on_another_clusters_rubric_is_not_ranked(office: Path) -> None:
    fill(office / "returned", load_rubric(office / "tieu-chi" / "cum-b"), "cum-a", ["A2"], "year")
    data = rank_json(office)
    [a2] = [r for r in data["clusters"][0]["ranking"] if r["unit_id"] == "A2"]
    assert a2["status"] == "incomplete" and a2["reason_codes"] == ["other-rubric"]
    assert "cum-b-2020" in a2["reasons"][0] and "syt-thanh-hoa-2020" in a2["reasons"][0]


def test_init_sheet_writes_each_cluster_its_rubric_with_the_agreement_and_deadline(
    office: Path,
) -> None:
    units = office / "units.yaml"
    code, _, stderr = run("init-sheet", "--units", units, "--out", office / "f", "--year", "2020")
    assert code == 0, stderr
    for unit, rubric_id in (("A1", "syt-thanh-hoa-2020"), ("B1", "cum-b-2020")):
        workbook = openpyxl.load_workbook(office / "f" / f"{unit}.xlsx")
        props = {p.name: p.value for p in workbook.custom_doc_props.props}
        assert props["thidua.rubric_id"] == rubric_id
        summary = workbook[SUMMARY_SHEET]
        texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
        assert "(Tổng kết công tác thi đua năm 2020; hoàn thành trước ngày 20/01/2021)" in texts
        agreement = [t for t in texts if t.startswith("Bộ tiêu chí của Cụm")]
        if unit == "B1":
            assert agreement == [
                "Bộ tiêu chí của Cụm: Nội dung, tiêu chí thi đua chủ yếu các Cụm thi đua của Sở "
                "Y tế. Được 2/2 đơn vị thành viên Cụm thi đua B thảo luận, thống nhất ngày "
                "15/03/2020 (Biên bản Hội nghị Cụm số 01/BB-CTĐB)."
            ]
        else:
            assert agreement == []
    half = office / "half"
    code, _, _ = run(
        "init-sheet", "--units", units, "--out", half, "--period", "half", "--year", "2020"
    )
    assert code == 0
    sheet = openpyxl.load_workbook(half / "A1.xlsx")["Phần 1"]
    texts = [c.value for row in sheet.iter_rows(max_row=8) for c in row if c.value]
    assert "(Sơ kết công tác thi đua 6 tháng đầu năm 2020; hoàn thành trước ngày 30/07/2020)" in (
        texts
    )


def test_a_cluster_rubric_over_its_section_total_is_refused(office: Path) -> None:
    folder = office / "tieu-chi" / "cum-b"

    def over(data: dict[str, Any]) -> None:
        data["criteria"][0]["max"] = 130  # 1.1: 130 instead of 100, section 1 adds up to 580
        data["criteria"][0]["formula"] = "max(0, 130 - 1 * late_tasks)"

    edit_section(folder, "section-1.yaml", over)
    code, stdout, _ = run("criteria", "check", folder, "--base", load_rubric().source)
    assert code == 1
    assert "Phần 1: các tiêu chí cộng lại 580 điểm, vượt tổng điểm 550" in stdout
    code, _, stderr = run("rank", office / "returned", "--units", office / "units.yaml")
    assert code == 1
    flat = " ".join(stderr.split())
    assert "Bộ tiêu chí riêng của cụm cum-b" in flat and "580" in flat


def test_a_cluster_rubric_without_its_members_agreement_is_refused(office: Path) -> None:
    folder = office / "tieu-chi" / "cum-b"
    meta = folder / "rubric.yaml"
    meta.write_text(meta.read_text("utf-8").split("agreement:")[0], "utf-8")
    code, stdout, _ = run("criteria", "check", folder, "--base", load_rubric().source)
    assert code == 0 and "[base-no-agreement]" in stdout  # a warning while drafting
    code, _, stderr = run("init-sheet", "--units", office / "units.yaml", "--out", office / "f")
    assert code == 1 and "100% thành viên Cụm thống nhất" in " ".join(stderr.split())
    assert not (office / "f").exists()


def test_a_missing_cluster_rubric_is_located(office: Path) -> None:
    units = office / "units.yaml"
    units.write_text(UNITS.replace("tieu-chi/cum-b", "khong-co"), "utf-8")
    code, _, stderr = run("rank", office / "returned", "--units", units)
    assert code == 1
    assert f"Tệp {units}, cụm cum-b: không tìm thấy bộ tiêu chí của Cụm" in " ".join(stderr.split())


def test_the_vote_on_the_command_line(office: Path) -> None:
    units = office / "units.yaml"
    returned = office / "returned"
    code, _, stderr = run("rank", returned, "--units", units, "--elected", "cum-a=B1")
    assert code == 1
    assert "B1 thuộc cụm cum-b, không phải cụm cum-a" in " ".join(stderr.split())
    code, _, stderr = run("rank", returned, "--units", units, "--elected", "cum-a")
    assert code == 2 and "CỤM=MÃ-ĐƠN-VỊ" in stderr
    code, _, stderr = run(
        "rank", returned, "--units", units, "--elected", "cum-a=A1", "--elected", "cum-a=A2"
    )
    assert code == 2 and "hai lần" in stderr
    code, stdout, _ = run("rank", returned, "--units", units, "--elected", "cum-a=A2")
    assert code == 0
    assert "Đơn vị nhất Cụm (Hội nghị suy tôn): A2" in stdout
    assert "Cờ thi đua của Chính phủ: chưa nêu, còn chờ kết quả suy tôn của: cum-b" in stdout
    assert "thời hạn theo hướng dẫn là trước ngày 20/01/2021" in stdout
    assert "Đã quá thời hạn" in stdout  # the tests run long after January 2021


def test_the_half_year_review_names_no_leader_and_proposes_no_flag(office: Path) -> None:
    half = office / "half"
    half.mkdir()
    fill(half, load_rubric(), "cum-a", ["A1", "A2"], "half")
    fill(half, load_rubric(office / "tieu-chi" / "cum-b"), "cum-b", ["B1", "B2"], "half")
    args = ("rank", half, "--units", office / "units.yaml", "--period", "half")
    code, stdout, stderr = run(*args, "--json")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["label"] == "Sơ kết 6 tháng: không suy tôn, không đề nghị khen thưởng"
    assert all(c["leader"] is None and c["elected"] is None for c in data["clusters"])
    assert data["proposals"]["province_flag"] == data["proposals"]["government_flag"] == []
    assert all(
        r["rank"] is None and r["progress"] > 0 for c in data["clusters"] for r in c["ranking"]
    )
    code, stdout, _ = run(*args, "--out", office / "half.xlsx")
    assert code == 0
    assert "Sơ kết 6 tháng: không suy tôn, không đề nghị khen thưởng" in stdout
    assert "Cờ thi đua của UBND tỉnh" not in stdout and "Tiến độ (%)" in stdout
    sheet = openpyxl.load_workbook(office / "half.xlsx")["Cụm thi đua A"]
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert "Tiến độ (%)" in headers and "Đề nghị" not in headers
    leader_row = HEADER_ROW - 3  # then the deadline, a blank row, the table's header
    assert sheet[f"A{leader_row}"].value == (
        "Sơ kết 6 tháng: không suy tôn, không đề nghị khen thưởng"
    )
    assert sheet[f"A{leader_row + 1}"].value == (
        "Hội nghị sơ kết 6 tháng đầu năm 2020: thời hạn theo hướng dẫn là trước ngày 30/07/2020."
    )
    code, _, stderr = run(*args, "--elected", "cum-a=A1")
    assert code == 2 and "Sơ kết 6 tháng không suy tôn" in stderr


def test_a_units_workbook_names_a_clusters_rubric(office: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "Mã cụm",
            "Tên cụm",
            "Mã đơn vị",
            "Tên đơn vị",
            "Vai trò",
            "Đăng ký thi đua",
            "Ký kết giao ước",
            "Vi phạm",
            "Chờ kết luận",
            "Bộ tiêu chí",
        ]
    )
    sheet.append(["cum-a", "Cụm thi đua A", "A1", "Bệnh viện A1", "", "x", "x", None, None, None])
    sheet.append(["cum-a", "Cụm thi đua A", "A2", "Bệnh viện A2", "", "x", "x", None, None, None])
    sheet.append(
        ["cum-b", "Cụm thi đua B", "B1", "Bệnh viện B1", "", "x", "x", None, None, "tieu-chi/cum-b"]
    )
    sheet.append(["cum-b", "Cụm thi đua B", "B2", "Bệnh viện B2", "", "x", "x", None, None, None])
    workbook.save(office / "units.xlsx")
    code, stdout, stderr = run(
        "rank", office / "returned", "--units", office / "units.xlsx", "--json"
    )
    assert code == 0, stderr
    statuses = [r["status"] for c in json.loads(stdout)["clusters"] for r in c["ranking"]]
    assert statuses == ["eligible"] * 4
