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
from thidua_cli.messages import VI
from thidua_cli.reports.ranking_xlsx import write_ranking_xlsx
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
