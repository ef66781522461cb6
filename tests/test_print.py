"""The printed workbooks, as LibreOffice prints them: every column on the page's width, the
header on every page, page numbers, no command-line text, the meeting sheet's chart on a
scale from 0 with the units not considered marked."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests import libreoffice
from tests.helpers import make_identity
from thidua_cli.form.layout import SUMMARY_SHEET, build_layout
from thidua_cli.form.writer import write_form
from thidua_cli.messages import VI
from thidua_cli.ranking.rank import Status
from thidua_cli.reports.ranking_xlsx import HEADER_ROW, write_ranking_xlsx
from thidua_cli.reports.scores_xlsx import write_scores_xlsx
from thidua_cli.rubric.model import Rubric
from thidua_cli.scoring.batch import score_paths
from thidua_cli.workflows.demo import DemoRun, run_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    return run_demo(tmp_path_factory.mktemp("demo") / "year")


@pytest.fixture(scope="module")
def printed(demo: DemoRun, rubric: Rubric, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """scores.xlsx of the demo's 14 units and its ranking.xlsx, side by side."""
    out = tmp_path_factory.mktemp("printed")
    results = score_paths(sorted(demo.returned.glob("*.xlsx")), rubric)
    assert len(results) == 14
    write_scores_xlsx(out / "scores.xlsx", results, rubric, VI)
    write_ranking_xlsx(out / "ranking.xlsx", demo.ranking, VI)
    return out


@pytest.fixture(scope="module")
def pages(printed: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each workbook printed to PDF by LibreOffice: its pages' text (name -> pages)."""
    if libreoffice.soffice() is None or shutil.which("pdftotext") is None:
        if libreoffice.required():
            pytest.fail("LibreOffice and pdftotext are needed here")
        pytest.skip("LibreOffice or pdftotext not installed")
    books = [printed / "scores.xlsx", printed / "ranking.xlsx"]
    pdfs = libreoffice.recalculate(books, tmp_path_factory.mktemp("pdf"), convert_to="pdf")
    found = {}
    for book, pdf in zip(books, pdfs, strict=True):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        found[book.stem] = text.split("\f")[:-1]  # one form feed after each page
    return found


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(part).decode("utf-8")


def test_every_sheet_prints_a4_fit_to_width_with_its_header_repeated(printed: Path) -> None:
    for name in ("scores.xlsx", "ranking.xlsx"):
        workbook = openpyxl.load_workbook(printed / name)
        for ws in workbook.worksheets:
            setup = ws.page_setup
            assert int(setup.paperSize) == 9, (name, ws.title)  # A4
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.print_title_rows, (name, ws.title)
            assert ws.oddFooter.center.text == "Trang &P/&N"


@pytest.mark.libreoffice
def test_scores_for_14_units_print_with_no_column_split(pages: dict[str, list[str]]) -> None:
    printed = pages["scores"]
    assert 3 <= len(printed) <= 16
    first_last = [
        ("Tệp", "Số cảnh báo"),  # the totals
        ("Tệp", "Chênh lệch"),  # every criterion
        ("Tệp", "Nội dung"),  # the problems
    ]
    for number, page in enumerate(printed, start=1):
        header = page.splitlines()[0] if page.strip() else ""
        assert any(a in page and b in page for a, b in first_last), (number, header)
        assert f"Trang {number}/{len(printed)}" in page
        units = re.findall(r"\b(BV[A-Z-]+|TT[A-Z-]+|CDC|CCDS)\b", page)
        assert all(u in page for u in units)
    everything = "\n".join(printed)
    for unit in ("BVDK-TINH", "BVNHI", "TTGDYK", "CCDS"):
        assert everything.count(unit) >= 50  # its totals and its 50 criteria, none clipped


@pytest.mark.libreoffice
def test_no_printed_cell_holds_a_command_line_option(pages: dict[str, list[str]]) -> None:
    for name, printed in pages.items():
        for number, page in enumerate(printed, start=1):
            assert not re.search(r"(^|\s)--[a-z]", page), (name, number)


def test_the_chart_starts_at_0_and_shows_only_the_units_considered(
    demo: DemoRun, printed: Path
) -> None:
    workbook = openpyxl.load_workbook(printed / "ranking.xlsx")
    for index, cluster in enumerate(demo.ranking.clusters, start=1):
        chart = _xml(printed / "ranking.xlsx", f"xl/charts/chart{index}.xml")
        value_axis = re.search(r"<(c:)?valAx>.*?</(c:)?valAx>", chart, re.S)
        assert value_axis is not None and re.search(r'<(c:)?min val="0"', value_axis.group())
        assert not re.search(r'<(c:)?delete val="1"', chart)  # both axes show
        eligible = [e for e in cluster.entries if e.status is Status.ELIGIBLE]
        first = HEADER_ROW + 1
        ranges = re.findall(r"<(?:c:)?f>[^<]*!\$C\$(\d+):\$C\$(\d+)</(?:c:)?f>", chart)
        assert ranges == [(str(first), str(first + len(eligible) - 1))]
        ws = workbook.worksheets[index - 1]
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        left_out = [e.unit.id for e in cluster.entries if e.status is not Status.ELIGIBLE]
        notes = [t for t in texts if t.startswith("Biểu đồ chỉ gồm")]
        assert len(notes) == (1 if left_out else 0), cluster.cluster.id
        assert all(unit in notes[0] for unit in left_out)
        assert ws.column_dimensions["B"].width >= len("TTYT-THUONGXUAN") + 2


@pytest.mark.libreoffice
def test_the_meeting_sheet_prints_with_the_national_header_and_signatures(
    demo: DemoRun, pages: dict[str, list[str]]
) -> None:
    printed = pages["ranking"]
    assert len(printed) == len(demo.ranking.clusters) + 1
    for number, (page, cluster) in enumerate(zip(printed, demo.ranking.clusters, strict=False)):
        words = " ".join(page.split())
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in words
        assert "Độc lập - Tự do - Hạnh phúc" in words
        assert cluster.cluster.name.upper() in words
        assert "NGƯỜI LẬP BIỂU" in words and "TM. CỤM THI ĐUA" in words
        assert f"Trang {number + 1}/{len(printed)}" in words
        for entry in cluster.entries:
            assert entry.unit.id in words  # every unit, its id whole


# --- the unit's form ------------------------------------------------------------------------------

LONG_RESULT = (
    "Đơn vị đã hoàn thành đầy đủ các chỉ tiêu, nhiệm vụ được giao trong năm, trong đó nhiều "
    "nhiệm vụ vượt kế hoạch; tổ chức tốt công tác khám chữa bệnh, phòng chống dịch bệnh, quản "
    "lý chất lượng bệnh viện và cải cách hành chính theo đúng tiến độ được giao {end}"
)


@pytest.fixture(scope="module")
def form(rubric: Rubric, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A form with long «Kết quả thực hiện» texts: one-row criteria and two-input ones."""
    path = tmp_path_factory.mktemp("form") / "TTYT-THUONGXUAN.xlsx"
    identity = make_identity(rubric, "TTYT-THUONGXUAN", unit_name="Trung tâm Y tế Thường Xuân")
    results = {code: LONG_RESULT.format(end=f"HETDONG{n}") for n, code in enumerate(TWO_KINDS)}
    write_form(path, build_layout(rubric), identity, results=results)
    return path


TWO_KINDS = ("1.1", "1.6", "3.4.c")  # 1.6 and 3.4.c take two rows, one per input


def test_no_criterion_row_shares_a_merged_cell_and_every_row_can_grow(
    rubric: Rubric, form: Path
) -> None:
    workbook = openpyxl.load_workbook(form)
    layout = build_layout(rubric)
    for index, sheet in enumerate(layout.sheets, start=1):
        ws = workbook[sheet.title]
        body = {r for rows in sheet.rows for r in range(rows.first_row, rows.last_row + 1)}
        merged = [str(m) for m in ws.merged_cells.ranges if m.min_row in body]
        assert merged == [], sheet.title
        # openpyxl reads every row with a height as custom: the file itself says
        rows = re.findall(r"<row [^>]*>", _xml(form, f"xl/worksheets/sheet{index}.xml"))
        custom = {int(re.search(r' r="(\d+)"', r).group(1)) for r in rows if "customHeight" in r}  # type: ignore[union-attr]
        assert not custom & body, sheet.title
        for code in TWO_KINDS:
            if layout.sheet_of(code) is sheet:
                rows = sheet.row_of(code)
                height = ws.row_dimensions[rows.first_row].height
                assert height is not None and height >= 10 * 14  # the long text, estimated


def test_the_summary_has_the_cluster_team_beside_the_unit_head(rubric: Rubric, form: Path) -> None:
    ws = openpyxl.load_workbook(form)[SUMMARY_SHEET]
    row = build_layout(rubric).signature_row + 1
    signers = [ws.cell(row=row, column=c).value for c in range(1, 6)]
    assert "ĐẠI DIỆN TỔ CHẤM ĐIỂM CỤM" in signers and "THỦ TRƯỞNG ĐƠN VỊ" in signers
    assert signers.index("ĐẠI DIỆN TỔ CHẤM ĐIỂM CỤM") < signers.index("THỦ TRƯỞNG ĐƠN VỊ")


@pytest.mark.libreoffice
def test_long_results_print_whole(form: Path, tmp_path: Path) -> None:
    if libreoffice.soffice() is None or shutil.which("pdftotext") is None:
        if libreoffice.required():
            pytest.fail("LibreOffice and pdftotext are needed here")
        pytest.skip("LibreOffice or pdftotext not installed")
    (pdf,) = libreoffice.recalculate([form], tmp_path, convert_to="pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for n in range(len(TWO_KINDS)):
        assert f"HETDONG{n}" in text  # the text's last word: nothing clipped
    assert "ĐẠI DIỆN TỔ CHẤM ĐIỂM CỤM" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text
