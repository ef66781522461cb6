"""`thidua papers`: the year's Word papers, read back with python-docx and, converted to PDF by
LibreOffice, as text a person reads (headers, every unit and number, page counts)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Length
from msgspec.structs import replace
from typer.testing import CliRunner

from tests import libreoffice
from tests.ranking_fixtures import make_result, points, units_file
from thidua_cli.cli import app
from thidua_cli.findings import ThiduaError
from thidua_cli.ranking.lock import Verified, make_lock, read_lock
from thidua_cli.ranking.rank import Meeting, Status, rank
from thidua_cli.ranking.records import unit_lock_digest
from thidua_cli.reports.papers.data import (
    Choices,
    elected_by_votes,
    government_flag,
    meetings,
    province_flags,
    tied_votes,
    verifications,
)
from thidua_cli.reports.papers.document import FONT, Occasion, date_line
from thidua_cli.reports.papers.figures import points as vi_points
from thidua_cli.rubric.model import Rubric
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.units import load_units
from thidua_cli.units.rubrics import ClusterRubrics
from thidua_cli.workflows.demo import DemoRun, run_demo
from thidua_cli.workflows.papers import gather, write_papers

runner = CliRunner()
MM = 36_000  # EMU per millimetre


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    return run_demo(tmp_path_factory.mktemp("demo") / "year")


@pytest.fixture(scope="module")
def written(demo: DemoRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's papers: cluster 1 voted (BVNHI, 9 votes), cluster 2 has not voted yet."""
    out = tmp_path_factory.mktemp("papers") / "giay-to"
    leader = demo.ranking.clusters[0].leader
    assert leader is not None
    result = runner.invoke(
        app,
        [
            "papers",
            str(demo.returned),
            "--units",
            str(demo.units),
            "--lock",
            str(demo.lock),
            "--out-dir",
            str(out),
            "--place",
            "Thanh Hóa",
            "--date",
            "05/01/2021",
            "--votes",
            f"{leader}=9",
            "--next-head",
            leader,
            "--province-flag-total",
            "12",
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "19 giấy tờ" in result.stderr and "DỰ THẢO" in result.stderr
    return out


@pytest.fixture(scope="module")
def pdf_text(written: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every paper converted to PDF by LibreOffice, as pdftotext reads it (name -> text)."""
    missing = [t for t in ("soffice", "pdftotext") if shutil.which(t) is None]
    if libreoffice.soffice() is None or shutil.which("pdftotext") is None:
        if libreoffice.required():
            pytest.fail(f"needed here but not installed: {missing}")
        pytest.skip(f"not installed: {missing}")
    papers = sorted(written.glob("*.docx"))
    pdfs = libreoffice.recalculate(papers, tmp_path_factory.mktemp("pdf"), convert_to="pdf")
    texts = {}
    for paper, pdf in zip(papers, pdfs, strict=True):
        pages = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))  # type: ignore[union-attr]
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        texts[paper.stem] = f"[pages {count}]\n{text}"
    return texts


def page_count(text: str) -> int:
    return int(text.split("]", 1)[0].removeprefix("[pages "))


def flat(text: str) -> str:
    """Text with its layout spaces and line breaks folded, for phrases that may wrap."""
    return " ".join(text.split())


def paper_texts(path: Path) -> list[str]:
    """Every paragraph of a paper, then every table cell (as python-docx reads them back)."""
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]


NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


# --- what the folder holds ---------------------------------------------------------------------


def test_one_paper_per_unit_cluster_and_elected_unit(demo: DemoRun, written: Path) -> None:
    names = sorted(p.name for p in written.iterdir())
    units = [u.id for c in demo.ranking.clusters for u in c.cluster.units]
    expected = [f"bien-ban-doi-chieu-{u}.docx" for u in units]
    expected += [f"bien-ban-hoi-nghi-{c.cluster.id}.docx" for c in demo.ranking.clusters]
    expected += [f"to-trinh-co-ubnd-tinh-{c.leader}.docx" for c in demo.ranking.clusters]
    expected.append("to-trinh-co-chinh-phu.docx")
    assert names == sorted(expected)


def test_margins_page_and_fonts_follow_the_decree(written: Path) -> None:
    for path in sorted(written.glob("*.docx")):
        document = docx.Document(str(path))
        section = document.sections[0]

        def mm(length: Length | None) -> float:
            assert length is not None
            return round(length / MM, 1)  # Word stores twentieths of a point

        assert (mm(section.page_width), mm(section.page_height)) == (210, 297)  # A4

        assert 20 <= mm(section.top_margin) <= 25, path.name
        assert 20 <= mm(section.bottom_margin) <= 25
        assert 30 <= mm(section.left_margin) <= 35
        assert 15 <= mm(section.right_margin) <= 20
        normal = document.styles["Normal"].font
        assert normal.name == FONT and normal.size is not None and normal.size.pt == 14
        runs = [r for p in document.paragraphs for r in p.runs] + [
            r
            for t in document.tables
            for row in t.rows
            for cell in row.cells
            for p in cell.paragraphs
            for r in p.runs
        ]
        assert runs and all(r.font.name == FONT for r in runs), path.name
        body = [p for p in document.paragraphs if p.runs and p.runs[0].font.size is not None]
        sizes = {p.runs[0].font.size.pt for p in body if len(p.text) > 60}  # type: ignore[union-attr]
        assert sizes == {14}, (path.name, sizes)  # ô 6: 13–14 pt
        assert section.different_first_page_header_footer  # no number on page 1 (ô 11)
        assert "PAGE" in section.header._element.xml


def test_no_paper_contains_a_command_line_option(written: Path) -> None:
    for path in written.glob("*.docx"):
        texts = paper_texts(path)
        assert not [t for t in texts if "--" in t or "thidua " in t], path.name


# --- as printed (LibreOffice -> PDF -> text) --------------------------------------------------


@pytest.mark.libreoffice
def test_every_paper_has_the_national_header_title_and_signature(
    pdf_text: dict[str, str],
) -> None:
    assert len(pdf_text) == 19
    for name, text in pdf_text.items():
        for words in NATIONAL:
            assert words in text, (name, words)
        assert "Thanh Hóa, ngày 05 tháng 01 năm 2021" in text, name
        assert "Nơi nhận:" in text, name
        kind = "BIÊN BẢN" if name.startswith("bien-ban") else "TỜ TRÌNH"
        assert kind in text, name
        symbol = "BB-CTĐ" if name.startswith("bien-ban") else "TTr-"
        assert re.search(rf"Số: …/{symbol}", text), name


@pytest.mark.libreoffice
def test_verification_minutes_carry_every_criterion_and_number(
    demo: DemoRun, rubric: Rubric, pdf_text: dict[str, str]
) -> None:
    lock = read_lock(demo.lock)
    units = load_units(demo.units)
    minutes = {
        m.unit_id: m
        for m in verifications(list(Verified.from_lock(lock)), ClusterRubrics(rubric), units)
    }
    for unit_id, one in minutes.items():
        text = pdf_text[f"bien-ban-doi-chieu-{unit_id}"]
        assert page_count(text) <= 6, unit_id
        words = flat(text)
        assert unit_id in words and one.unit_name in words
        assert "ĐẠI DIỆN TỔ CHẤM ĐIỂM CỤM" in words and "THỦ TRƯỞNG ĐƠN VỊ" in words
        assert lock.digest[:12] in words
        rows = [line for line in text.splitlines() if re.match(r"\s*\d+(\.[0-9a-z]+)+\s", line)]
        assert {line.split()[0] for line in rows} == {c.code for c in rubric.walk()}, unit_id
        total = f"{vi_points(one.cluster_total)}"
        assert f"tổng điểm Cụm chấm: {total}" in words
        assert f"Tổng điểm đơn vị tự chấm: {vi_points(one.own_total)}" in words
        for line in one.disputed:
            assert f"Tiêu chí {line.code}: đơn vị tự chấm {vi_points(line.own)}" in words


@pytest.mark.libreoffice
def test_meeting_minutes_list_every_unit_its_totals_the_vote_and_the_reasons(
    demo: DemoRun, pdf_text: dict[str, str]
) -> None:
    first, second = demo.ranking.clusters
    for ranked in demo.ranking.clusters:
        text = pdf_text[f"bien-ban-hoi-nghi-{ranked.cluster.id}"]
        words = flat(text)
        assert page_count(text) <= 4
        for entry in ranked.entries:
            assert f"({entry.unit.id})" in words
            if entry.total is not None:
                assert vi_points(entry.total) in words, entry.unit.id
            if entry.status is not Status.ELIGIBLE:
                assert entry.unit.id in words.split("2. Các đơn vị không xét")[1]
        assert "Cụm trưởng" in words and "Cụm phó" in words
    voted = flat(pdf_text[f"bien-ban-hoi-nghi-{first.cluster.id}"])
    assert f"({first.leader}) được Hội nghị suy tôn là đơn vị nhất Cụm với 9 phiếu" in voted
    assert "không ký kết giao ước thi đua" in voted  # BVPHOI's reason
    assert "đối chiếu thống nhất điểm (đơn vị sửa tiêu chí 1.2)" in voted  # changed after the lock
    leader = first.leader_entry
    assert leader is not None
    assert f"Cụm trưởng: {leader.unit.name} ({leader.unit.id})" in voted  # --next-head
    assert re.search(r"Cụm phó: ?\.{10,}", voted)  # not given: a line to fill
    waiting = flat(pdf_text[f"bien-ban-hoi-nghi-{second.cluster.id}"])
    assert "(chưa suy tôn)" in waiting and "Đơn vị được Hội nghị suy tôn nhất Cụm:" in waiting


@pytest.mark.libreoffice
def test_proposals_name_the_unit_and_work_out_the_cap(
    demo: DemoRun, pdf_text: dict[str, str]
) -> None:
    first, second = demo.ranking.clusters
    elected = flat(pdf_text[f"to-trinh-co-ubnd-tinh-{first.leader}"])
    assert "DỰ THẢO" not in elected and f"Cờ thi đua của UBND tỉnh năm {demo.year}" in elected
    assert "TM. CỤM THI ĐUA" in elected and "CỤM TRƯỞNG" in elected
    entry = first.leader_entry
    assert entry is not None and entry.total is not None
    assert f"tổng điểm Cụm chấm {vi_points(entry.total)} điểm" in elected
    draft = flat(pdf_text[f"to-trinh-co-ubnd-tinh-{second.leader}"])
    assert draft.startswith("[pages") and "DỰ THẢO" in draft
    for name in (f"to-trinh-co-ubnd-tinh-{c.leader}" for c in demo.ranking.clusters):
        assert page_count(pdf_text[name]) <= 2
    government = flat(pdf_text["to-trinh-co-chinh-phu"])
    assert "20% × 12 = 2,4" in government and "tối đa: 2" in government
    assert "DỰ THẢO" in government  # cluster 2 has not voted
    for cluster in demo.ranking.clusters:
        assert f"({cluster.leader})" in government
    assert "TM. HỘI ĐỒNG" in government and "CHỦ TỊCH" in government


# --- the command -------------------------------------------------------------------------------


def _papers(demo: DemoRun, out: Path, *extra: str, book: Path | None = None) -> tuple[int, str]:
    """``thidua papers`` on the demo: its verified figures from ``book``, else its lock file."""
    figures = ["--book", str(book)] if book is not None else ["--lock", str(demo.lock)]
    args = ["papers", str(demo.returned), "--units", str(demo.units), *figures]
    result = runner.invoke(app, [*args, "--out-dir", str(out), *extra])
    return result.exit_code, result.stderr


def test_papers_filled_by_hand_are_not_overwritten(demo: DemoRun, tmp_path: Path) -> None:
    out = tmp_path / "giay-to"
    assert _papers(demo, out)[0] == 0
    paper = next(out.glob("bien-ban-hoi-nghi-*.docx"))
    paper.write_bytes(b"filled in by hand")
    code, stderr = _papers(demo, out)
    assert code == 2 and "--force" in stderr and paper.name in stderr
    assert paper.read_bytes() == b"filled in by hand"
    assert _papers(demo, out, "--force")[0] == 0
    assert paper.read_bytes() != b"filled in by hand"


def test_papers_are_not_written_among_the_returned_forms(demo: DemoRun) -> None:
    before = sorted(p.name for p in demo.returned.iterdir())
    for out in (demo.returned, demo.returned / "giay-to"):
        code, stderr = _papers(demo, out)
        assert code == 2 and "Không ghi" in stderr and str(demo.returned) in stderr, stderr
    assert sorted(p.name for p in demo.returned.iterdir()) == before


def test_a_meeting_date_of_another_year_is_said(demo: DemoRun, tmp_path: Path) -> None:
    year = demo.ranking.meeting.year
    assert year is not None
    said = "không thể là ngày của Hội nghị tổng kết năm"
    code, stderr = _papers(demo, tmp_path / "a", "--date", f"01/01/{year - 6}")
    assert code == 0 and f"Ngày họp 01/01/{year - 6} (--date) {said} {year}" in stderr, stderr
    for day in (f"28/12/{year}", f"15/01/{year + 1}"):  # in the year, or the January after
        code, stderr = _papers(demo, tmp_path / day.replace("/", "-"), "--date", day)
        assert code == 0 and said not in stderr, stderr


def test_votes_for_a_unit_that_cannot_be_elected(demo: DemoRun, tmp_path: Path) -> None:
    cluster = demo.ranking.clusters[0]
    excluded = next(e.unit.id for e in cluster.entries if e.status is Status.EXCLUDED)
    # the most votes for it: the vote itself is refused (as rank --elected refuses it)
    code, stderr = _papers(demo, tmp_path / "a", "--votes", f"{excluded}=3")
    assert code == 1 and excluded in stderr and "không đủ điều kiện" in stderr
    # a few votes for it beside the elected unit's
    votes = ["--votes", f"{cluster.leader}=9", "--votes", f"{excluded}=3"]
    code, stderr = _papers(demo, tmp_path / "a", *votes)
    assert code == 1 and excluded in stderr and "không thuộc diện xét thi đua" in stderr
    code, stderr = _papers(demo, tmp_path / "a", "--elected", f"{cluster.cluster.id}={excluded}")
    assert code == 1 and excluded in stderr
    code, stderr = _papers(demo, tmp_path / "b", "--votes", "NOBODY=3")
    assert code == 1 and "NOBODY" in stderr
    code, stderr = _papers(demo, tmp_path / "c", "--votes", "BVNHI:3")
    assert code == 2 and "BVNHI:3" in stderr and "<mã-đơn-vị>=<số-phiếu>" in stderr
    code, stderr = _papers(demo, tmp_path / "c", "--votes", "BVNHI=3", "--votes", "BVNHI=5")
    assert code == 2 and "hai số phiếu cho BVNHI (3 và 5)" in stderr
    code, stderr = _papers(demo, tmp_path / "c", "--next-head", "BVNHI", "--next-deputy", "BVNHI")
    assert code == 1 and "BVNHI được ghi vừa là Cụm trưởng vừa là Cụm phó" in stderr
    assert not (tmp_path / "a").exists() and not (tmp_path / "c").exists()


def test_two_next_heads_for_one_cluster(demo: DemoRun, tmp_path: Path) -> None:
    units = [u.id for u in demo.ranking.clusters[0].cluster.units]
    code, stderr = _papers(demo, tmp_path / "x", "--next-head", units[0], "--next-head", units[1])
    assert code == 1 and units[0] in stderr and units[1] in stderr


# --- the data behind the papers -------------------------------------------------------------------


def scored(rubric: Rubric, unit_id: str, **changes: Any) -> WorkbookResult:
    """``make_result`` with the rubric's real digest in its identity (the lock keeps it)."""
    result = make_result(rubric, unit_id, **changes)
    assert result.identity is not None
    identity = result.identity.model_copy(update={"rubric_digest": rubric.digest()})
    return replace(result, identity=identity)


def test_a_tie_without_a_vote_proposes_nobody(rubric: Rubric, tmp_path: Path) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}, {"id": "C"}]})
    results = [
        scored(rubric, "A"),
        scored(rubric, "B"),
        scored(rubric, "C", self_overrides=points("50")),
    ]
    rubrics = ClusterRubrics(rubric)
    ranking = rank(results, units, make_lock(results))
    minutes = meetings(ranking, units, rubrics, Choices())
    chosen = minutes[0].election
    assert chosen is not None and chosen.elected is None and not chosen.provisional
    assert [u.id for u in chosen.tie] == ["A", "B"]
    assert province_flags(ranking, rubrics) == []
    papers = gather(
        ranking, list(Verified.from_lock(make_lock(results))), units, rubrics, Choices()
    )
    written = write_papers(papers, tmp_path / "p", Occasion())
    assert "province_flag" not in written
    text = "\n".join(p.text for p in docx.Document(str(written["meeting"][0])).paragraphs)
    assert "Các đơn vị bằng tổng điểm Cụm chấm: Đơn vị A (A), Đơn vị B (B)" in text
    # the votes settle it: B is elected and proposed, A is not
    elected = elected_by_votes(units, {"A": 2, "B": 5}, {})
    assert elected == {"cum-1": "B"}
    voted = rank(results, units, make_lock(results), meeting=Meeting(elected=elected))
    proposals = province_flags(voted, rubrics)
    assert [p.unit.unit.id for p in proposals] == ["B"] and not proposals[0].provisional
    (after,) = meetings(voted, units, rubrics, Choices(votes={"A": 2, "B": 5}))
    assert after.election is not None and after.election.elected is not None
    assert after.election.elected.id == "B" and not after.election.provisional
    assert [c.votes for c in after.election.candidates] == [2, 5, None]  # C had none


def test_votes_against_the_recorded_vote_or_for_nobody_known() -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}], "cum-2": [{"id": "C"}]})
    with pytest.raises(ThiduaError) as caught:
        elected_by_votes(units, {"A": 1, "B": 4}, {"cum-1": "A"})
    assert caught.value.findings[0].code == "papers-vote-disagrees"
    assert elected_by_votes(units, {"A": 4, "B": 1}, {"cum-1": "A"}) == {"cum-1": "A"}
    assert elected_by_votes(units, {"A": 3, "B": 3}, {}) == {}  # equal votes decide nothing
    (tie,) = tied_votes(units, {"A": 3, "B": 3, "C": 1}, {})  # and are said
    assert tie.code == "papers-votes-tied"
    assert tie.params == {"cluster": "cum-1", "units": ("A", "B"), "votes": 3}
    assert tied_votes(units, {"A": 3, "B": 3}, {"cum-1": "A"}) == []  # the meeting chose
    assert tied_votes(units, {"A": 3, "C": 1}, {}) == []
    assert elected_by_votes(units, {"A": 3, "C": 1}, {}) == {"cum-1": "A", "cum-2": "C"}
    with pytest.raises(ThiduaError) as caught:
        elected_by_votes(units, {"Z": 3}, {})
    assert caught.value.findings[0].code == "papers-unknown-unit"


def test_the_half_year_review_elects_and_proposes_nothing(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}]})
    results = [scored(rubric, "A"), scored(rubric, "B", self_overrides=points("50"))]
    ranking = rank(results, units, meeting=Meeting(period="half"))
    rubrics = ClusterRubrics(rubric)
    minutes = meetings(ranking, units, rubrics, Choices())
    assert minutes[0].election is None and minutes[0].period == "half"
    assert province_flags(ranking, rubrics) == []
    assert government_flag(ranking, rubrics) is None


def test_verification_names_the_disputed_criteria_most_specific_first(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}]})
    result = scored(
        rubric,
        "A",
        self_overrides=points("100"),
        cluster_overrides={"1.2": {"points": Decimal("92.5")}, "3.5": {"escalated": Decimal(2)}},
    )
    (minutes,) = verifications(
        list(Verified.from_lock(make_lock([result]))), ClusterRubrics(rubric), units
    )
    assert [c.code for c in minutes.disputed] == ["1.2", "3.5"]
    assert minutes.own_total is not None and minutes.cluster_total is not None
    assert minutes.own_total - minutes.cluster_total == Decimal("9.5")
    section = minutes.sections[0]
    assert (section.own, section.cluster) == (Decimal(550), Decimal("542.5"))


def test_a_unit_locked_with_another_rubric(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}]})
    lock = make_lock([make_result(rubric, "A")])  # its form's rubric digest is not this one's
    with pytest.raises(ThiduaError) as caught:
        verifications(list(Verified.from_lock(lock)), ClusterRubrics(rubric), units)
    assert caught.value.findings[0].code == "papers-other-rubric"


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2021, 1, 5), "Thanh Hóa, ngày 05 tháng 01 năm 2021"),
        (date(2021, 2, 15), "Thanh Hóa, ngày 15 tháng 02 năm 2021"),
        (date(2020, 7, 9), "Thanh Hóa, ngày 09 tháng 7 năm 2020"),
        (date(2020, 12, 25), "Thanh Hóa, ngày 25 tháng 12 năm 2020"),
        (None, "Thanh Hóa, ngày … tháng … năm ……"),
    ],
)
def test_the_date_line_as_the_decree_writes_it(day: date | None, line: str) -> None:
    assert date_line("Thanh Hóa", day) == line
    assert date_line(None, day).startswith("……")


def test_the_demo_writes_every_paper(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--out-dir", str(out)])
    assert result.exit_code == 0, result.stderr
    papers = sorted(p.name for p in (out / "giay-to").iterdir())
    assert len([p for p in papers if p.startswith("bien-ban-doi-chieu-")]) == 14
    assert len([p for p in papers if p.startswith("bien-ban-hoi-nghi-")]) == 2
    assert len([p for p in papers if p.startswith("to-trinh-co-ubnd-tinh-")]) == 2
    assert "to-trinh-co-chinh-phu.docx" in papers
    assert str(out / "giay-to") in " ".join(result.stdout.split())
    # a paper filled in by hand is the clerk's now: the demo never writes over it
    minutes = out / "giay-to" / "bien-ban-hoi-nghi-cum-1.docx"
    minutes.write_bytes(b"filled in by hand")
    again = runner.invoke(app, ["demo", "--out-dir", str(out)])
    assert again.exit_code == 2 and minutes.name in again.stderr
    assert minutes.read_bytes() == b"filled in by hand"


def test_the_recorded_vote_of_every_cluster_names_the_government_candidate(
    demo: DemoRun, tmp_path: Path
) -> None:
    elected = [f"{c.cluster.id}={c.leader}" for c in demo.ranking.clusters]
    out = tmp_path / "voted"
    code, stderr = _papers(demo, out, *(a for e in elected for a in ("--elected", e)))
    assert code == 0, stderr
    assert "DỰ THẢO" not in stderr

    def text(name: str) -> str:
        return "\n".join(paper_texts(out / name))

    top = max(
        (c for c in demo.ranking.clusters),
        key=lambda c: c.leader_entry.total if c.leader_entry and c.leader_entry.total else 0,
    )
    government = text("to-trinh-co-chinh-phu.docx")
    assert "DỰ THẢO" not in government and "Đã suy tôn" in government
    assert f"đề nghị tặng Cờ thi đua của Chính phủ năm {demo.year} cho: " in government
    assert f"({top.leader})" in government.split("3. Đề nghị")[1]
    for cluster in demo.ranking.clusters:
        proposal = text(f"to-trinh-co-ubnd-tinh-{cluster.leader}.docx")
        assert "DỰ THẢO" not in proposal and "được Hội nghị Cụm suy tôn nhất Cụm" in proposal


def test_verification_minutes_quote_each_units_record_book_digest(
    demo: DemoRun, tmp_path: Path
) -> None:
    """With the record book the minutes need no lock file, and each unit's paper quotes the
    digest of its own entry in the book (what ``thidua lock`` printed for it)."""
    book = tmp_path / "so-thi-dua.sqlite"
    locked = runner.invoke(
        app, ["lock", str(demo.returned), "--book", str(book), "--by", "Tổ chấm"]
    )
    assert locked.exit_code == 0, locked.stderr
    out = tmp_path / "giay-to"
    code, stderr = _papers(demo, out, book=book)
    assert code == 0, stderr
    year = load_units(demo.units).year
    assert year is not None
    for form in sorted(demo.returned.glob("*.xlsx")):
        unit = form.stem
        digest = unit_lock_digest(book, unit, year, "year")
        assert digest is not None and len(digest) == 12, unit
        paper = out / f"bien-ban-doi-chieu-{unit}.docx"
        assert digest in "\n".join(paper_texts(paper)), unit
    code, stderr = _papers(demo, tmp_path / "x", book=tmp_path / "none.sqlite")
    assert code == 2 and "Chưa có số liệu đã khóa" in stderr


def test_the_papers_follow_the_vote_recorded_in_the_book(demo: DemoRun, tmp_path: Path) -> None:
    """The vote ``rank --elected --out`` recorded stands in the papers; a different one given
    to ``papers`` is used but said to differ from the book."""
    book = tmp_path / "so-thi-dua.sqlite"
    assert runner.invoke(app, ["lock", str(demo.returned), "--book", str(book)]).exit_code == 0
    votes = [f"--elected={c}={u}" for c, u in demo.elected.items()]
    ranked = runner.invoke(
        app,
        [
            "rank",
            str(demo.returned),
            "--units",
            str(demo.units),
            "--book",
            str(book),
            *votes,
            "--out",
            str(tmp_path / "xep-hang.xlsx"),
        ],
    )
    assert ranked.exit_code == 0, ranked.stderr
    out = tmp_path / "giay-to"
    code, stderr = _papers(demo, out, book=book)
    assert code == 0, stderr
    assert "DỰ THẢO" not in stderr  # every cluster voted: no draft proposal
    (cluster, unit), *_ = demo.elected.items()
    proposal = out / f"to-trinh-co-ubnd-tinh-{unit}.docx"
    assert proposal.is_file()
    other = next(
        e.unit.id
        for c in demo.ranking.clusters
        if c.cluster.id == cluster
        for e in c.entries
        if e.status.value == "eligible" and e.unit.id != unit
    )
    code, stderr = _papers(demo, tmp_path / "again", "--votes", f"{other}=9", book=book)
    assert code == 0, stderr
    assert f"khác với kết quả suy tôn đã ghi trong sổ thi đua ({unit})" in flat(stderr)
