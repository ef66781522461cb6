"""The record book on a real SQLite file: locks without laundering, tamper evidence, the
meeting's record, history across years, and every way the file can be unusable."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import make_form, make_identity, set_cell
from tests.ranking_fixtures import make_result, units_file
from thidua_cli.cli import app
from thidua_cli.findings import ThiduaError
from thidua_cli.form.layout import build_layout
from thidua_cli.ranking.book import BookEntry, RecordBook
from thidua_cli.ranking.lock import Lock, make_lock, read_lock
from thidua_cli.ranking.rank import Status, rank
from thidua_cli.ranking.records import record_lock, unit_lock_digest, verified_figures
from thidua_cli.reports.ranking_xlsx import HEADER_ROW
from thidua_cli.rubric.model import Rubric
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.workflows.demo import sample_values

runner = CliRunner()

UNITS = """
clusters:
  - id: cum-1
    name: Cụm thi đua số 1
    head: A
    deputy: B
    units:
      - {id: A, name: Bệnh viện A, registered: true, agreement_signed: true}
      - {id: B, name: Bệnh viện B, registered: true, agreement_signed: true}
      - {id: C, name: Bệnh viện C, registered: true, agreement_signed: true}
"""


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.stderr, result.stderr
    return result.exit_code, result.stdout, result.stderr


def flat(text: str) -> str:
    return " ".join(text.split())


def write_forms(folder: Path, rubric: Rubric, year: int, units: str = "ABC") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for unit in units:
        identity = make_identity(rubric, unit, unit_name=f"Bệnh viện {unit}", year=year)
        make_form(folder, build_layout(rubric), identity, sample_values(rubric, f"{unit}{year}"))


@pytest.fixture
def office(rubric: Rubric, tmp_path: Path, _own_book: Path) -> Path:
    """units.yaml and returned/ (A, B, C for 2020); the test's record book is ``book``."""
    (tmp_path / "units.yaml").write_text(UNITS, encoding="utf-8")
    write_forms(tmp_path / "returned", rubric, 2020)
    return tmp_path


def entries(book: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(book) as db:
        return db.execute("SELECT * FROM entries ORDER BY seq").fetchall()


def rank_rows(office: Path, *extra: str | Path) -> dict[str, dict[str, Any]]:
    code, stdout, stderr = run(
        "rank", office / "returned", "--units", office / "units.yaml", "--json", *extra
    )
    assert code == 0, stderr
    return {r["unit_id"]: r for r in json.loads(stdout)["clusters"][0]["ranking"]}


# --- locks without laundering ---------------------------------------------------------------


def test_lock_records_each_unit_once_with_who_and_when(office: Path, _own_book: Path) -> None:
    code, stdout, stderr = run("lock", office / "returned", "--by", "Nguyễn Văn A")
    assert code == 0, stderr
    rows = entries(_own_book)
    assert [(r[1], r[5], r[7]) for r in rows] == [
        ("lock", "A", "Nguyễn Văn A"),
        ("lock", "B", "Nguyễn Văn A"),
        ("lock", "C", "Nguyễn Văn A"),
    ]
    body = json.loads(rows[0][10])
    assert set(body["figures"]["inputs"]) == {"self", "cluster"}
    assert body["figures"]["points"]["cluster"]["1.2"] is not None
    digest = unit_lock_digest(_own_book, "A", 2020, "year")
    assert digest is not None and len(digest) == 12 and digest in stdout
    with sqlite3.connect(_own_book) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    # the same figures again: nothing new, the same digests
    code, stdout, _ = run("lock", office / "returned")
    assert code == 0 and len(entries(_own_book)) == 3 and digest in stdout
    assert "không đổi" in stdout


def test_relocking_changed_figures_needs_a_reason_and_the_change_stays_visible(
    office: Path, _own_book: Path
) -> None:
    assert run("lock", office / "returned")[0] == 0
    before = entries(_own_book)
    set_cell(office / "returned" / "A.xlsx", "TD_TU_1_8__points", 12)  # the unit's own figure
    assert rank_rows(office)["A"]["status"] == "excluded"

    code, _, stderr = run("lock", office / "returned", "-o", office / "v.lock")
    assert code == 1
    assert "Đơn vị A: khác lần khóa ngày" in flat(stderr)
    assert "đơn vị sửa tiêu chí 1.8" in flat(stderr) and "--reason" in stderr
    assert entries(_own_book) == before and not (office / "v.lock").exists()

    reason = "Đơn vị bổ sung minh chứng tiêu chí 1.8; Cụm kiểm tra lại"
    code, _, stderr = run("lock", office / "returned", "--reason", reason, "--by", "Trần B")
    assert code == 0, stderr
    after = entries(_own_book)
    assert after[:3] == before and len(after) == 4
    _, kind, _, _, _, unit, created, actor, supersedes, recorded, *_ = after[3]
    assert (kind, unit, actor, supersedes, recorded) == ("lock", "A", "Trần B", 1, reason)

    a = rank_rows(office)["A"]
    assert a["status"] == "eligible"  # re-verified with a reason: the meeting decides
    assert a["reason_codes"] == ["changed-after-verification"]
    assert a["reasons"] == [
        "điều chỉnh số liệu sau khi Cụm đã kiểm tra, đối chiếu thống nhất điểm (đơn vị sửa tiêu "
        f"chí 1.8); Cụm khóa lại ngày {created[:10]}, lý do: {reason} — Hội nghị xem xét"
    ]
    assert a["lock_digest"] == unit_lock_digest(_own_book, "A", 2020, "year")


def test_a_cluster_correction_waits_for_a_new_lock(office: Path, _own_book: Path) -> None:
    assert run("lock", office / "returned")[0] == 0
    set_cell(office / "returned" / "B.xlsx", "TD_CUM_3_5__escalated", 4)
    b = rank_rows(office)["B"]
    assert b["status"] == "incomplete" and b["reason_codes"] == ["cluster-changed-after-lock"]
    code, _, stderr = run("lock", office / "returned")
    assert code == 1 and "Cụm sửa điểm tiêu chí 3.5" in flat(stderr)
    assert run("lock", office / "returned", "--reason", "Cụm sửa lỗi chấm 3.5")[0] == 0
    b = rank_rows(office)["B"]
    assert b["status"] == "eligible" and b["reasons"] == []


def test_lock_never_writes_over_a_lock_file_without_force(office: Path, _own_book: Path) -> None:
    existing = office / "existing.lock"
    existing.write_bytes(b"precious bytes\n")
    code, stdout, stderr = run("lock", office / "returned", "-o", existing)
    assert code == 2 and "--force" in stderr and stdout == ""
    assert existing.read_bytes() == b"precious bytes\n"
    assert not _own_book.exists()  # refused before any work: no book either
    assert run("lock", office / "returned", "-o", existing, "--force")[0] == 0
    assert read_lock(existing).units.keys() == {"A", "B", "C"}


def test_a_lock_too_big_to_export_records_nothing(
    office: Path, _own_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The message says «Không khóa số liệu»: the book must agree."""
    monkeypatch.setattr("thidua_cli.ranking.lock.MAX_LOCK_BYTES", 1000)
    code, _, stderr = run("lock", office / "returned", "-o", office / "v.lock")
    assert code == 1 and "Không khóa số liệu" in flat(stderr)
    assert not (office / "v.lock").exists()
    assert not _own_book.exists() or entries(_own_book) == []


def test_an_export_that_fails_after_the_book_says_what_is_kept(
    office: Path, _own_book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(path: Path, writer: Callable[..., None]) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr("thidua_cli.files.write_atomically", full_disk)
        code, _, stderr = run("lock", office / "returned", "-o", office / "v.lock")
    assert code == 1 and "ổ đĩa đã đầy" in flat(stderr) and str(office / "v.lock") in flat(stderr)
    assert f"3 đơn vị đã được ghi vào sổ thi đua {_own_book}" in flat(stderr)
    assert "chạy lại đúng lệnh này" in flat(stderr)
    assert len(entries(_own_book)) == 3
    code, _, stderr = run("lock", office / "returned", "-o", office / "v.lock")  # as it says
    assert code == 0, stderr
    assert len(entries(_own_book)) == 3 and read_lock(office / "v.lock").units.keys() == {
        "A",
        "B",
        "C",
    }


def test_a_resealed_lock_file_is_refused_when_the_book_is_there(
    office: Path, _own_book: Path
) -> None:
    lock_file = office / "v.lock"
    assert run("lock", office / "returned", "-o", lock_file)[0] == 0
    data = json.loads(lock_file.read_text("utf-8"))
    data["units"]["C"]["points"]["cluster"]["1.2"] = "100"
    data["digest"] = Lock.model_validate(data).content_digest()  # recomputed, as anyone can
    lock_file.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert read_lock(lock_file).units["C"].points["cluster"]["1.2"] == "100"  # reads as valid
    args = ("rank", office / "returned", "--units", office / "units.yaml", "--lock", lock_file)
    code, _, stderr = run(*args)
    assert code == 1
    assert f"Tệp khóa {lock_file}: số liệu của đơn vị C không khớp" in flat(stderr)
    # the untouched file is accepted; and without the book the file alone decides
    assert run("lock", office / "returned", "-o", lock_file, "--force")[0] == 0
    assert run(*args)[0] == 0


def test_an_old_lock_file_is_imported_into_the_book(office: Path, _own_book: Path) -> None:
    elsewhere = office / "old-book.sqlite"
    lock_file = office / "old.lock"
    code, _, _ = run("lock", office / "returned", "-o", lock_file, "--book", elsewhere)
    assert code == 0
    # a new book: the lock file's units are not in it
    RecordBook.open(_own_book, write=True).close()  # type: ignore[union-attr]
    args = ("rank", office / "returned", "--units", office / "units.yaml", "--lock", lock_file)
    code, _, stderr = run(*args)
    assert code == 1 and f"thidua book import {lock_file}" in flat(stderr)
    code, _, stderr = run("book", "import", lock_file, "--by", "Lê C")
    assert code == 0, stderr
    assert "3 khóa mới" in flat(stderr)
    assert [r[5] for r in entries(_own_book)] == ["A", "B", "C"]
    assert run(*args)[0] == 0
    assert run("book", "import", lock_file)[0] == 0 and len(entries(_own_book)) == 3


# --- tamper evidence --------------------------------------------------------------------------


def test_verify_names_the_first_entry_edited_or_removed(office: Path, _own_book: Path) -> None:
    assert run("lock", office / "returned")[0] == 0
    code, stdout, _ = run("book", "verify")
    assert code == 0 and "3 mục, chuỗi mã kiểm tra nguyên vẹn" in flat(stdout)
    copy = office / "copy.sqlite"
    shutil.copyfile(_own_book, copy)

    accident = pytest.raises(sqlite3.DatabaseError, match="append-only")
    with sqlite3.connect(_own_book) as db, accident:  # the book refuses an accidental edit...
        db.execute("UPDATE entries SET reason = 'x' WHERE seq = 2")
    with sqlite3.connect(_own_book) as db:  # ...not someone who means it
        db.execute("DROP TRIGGER entries_no_update")
        body = db.execute("SELECT body FROM entries WHERE seq = 2").fetchone()[0]
        db.execute(
            "UPDATE entries SET body = ? WHERE seq = 2",
            (body.replace('"1.2":"', '"1.2":"9', 1),),
        )
    code, _, stderr = run("book", "verify")
    assert code == 1
    assert "mục 2 (khóa số liệu B, cum-1, 2020) không khớp mã kiểm tra" in flat(stderr)

    with sqlite3.connect(copy) as db:
        db.execute("DROP TRIGGER entries_no_delete")
        db.execute("DELETE FROM entries WHERE seq = 2")
    code, _, stderr = run("book", "verify", "--book", copy)
    assert code == 1 and "mục 2 bị xóa" in flat(stderr)


def test_a_book_with_a_broken_chain_is_refused_by_every_command_but_verify(
    office: Path, _own_book: Path
) -> None:
    """rank, papers, lock, book import and history would read (or add to) altered figures:
    each refuses the book, naming the first altered entry; book verify reports it."""
    units = office / "units.yaml"
    returned = office / "returned"
    assert run("lock", returned, "-o", office / "verified.lock")[0] == 0
    assert run("rank", returned, "--units", units)[0] == 0  # the chain checked: this run's
    with sqlite3.connect(_own_book) as db:
        db.execute("DROP TRIGGER entries_no_update")
        body = db.execute("SELECT body FROM entries WHERE seq = 2").fetchone()[0]
        db.execute(
            "UPDATE entries SET body = ? WHERE seq = 2",
            (body.replace('"1.2":"', '"1.2":"9', 1),),
        )
    before = entries(_own_book)
    said = "mục 2 (khóa số liệu B, cum-1, 2020) không khớp mã kiểm tra"
    for args in (
        ("rank", returned, "--units", units),
        ("rank", returned, "--units", units, "--out", office / "r.xlsx"),
        ("papers", returned, "--units", units, "--out-dir", office / "giay-to"),
        ("lock", returned, "--reason", "sửa"),
        ("book", "import", office / "verified.lock"),
        ("history",),
        ("book", "verify"),
    ):
        code, _, stderr = run(*args)
        assert code == 1 and said in flat(stderr), (args, stderr)
    assert entries(_own_book) == before  # nothing added to it
    assert not (office / "r.xlsx").exists() and not (office / "giay-to").exists()


def test_a_book_another_run_created_meanwhile_is_not_created_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two locks started together on a new book: both saw an empty file, one created the
    tables first; the other must not create them again ("table meta already exists")."""
    path = tmp_path / "so.sqlite"
    with RecordBook.open(path, write=True):  # the run that got there first
        pass
    real = RecordBook._version
    seen: list[int] = []

    def as_seen_before_the_other_committed(book: RecordBook) -> int:
        seen.append(real(book))
        return 0 if len(seen) == 1 else seen[-1]

    monkeypatch.setattr(RecordBook, "_version", as_seen_before_the_other_committed)
    with RecordBook.open(path, write=True) as book:
        assert book.entries() == []
    assert len(seen) == 2


def test_last_years_lock_file_is_said_to_be_last_years(
    rubric: Rubric, office: Path, _own_book: Path
) -> None:
    """Given only last year's lock file, every unit is 'not locked': the clerk is told the
    file is of another meeting, not left to guess."""
    units = office / "units.yaml"
    last_year = office / "2020.lock"
    assert run("lock", office / "returned", "-o", last_year)[0] == 0
    write_forms(office / "returned-2021", rubric, 2021)
    args = ("rank", office / "returned-2021", "--units", units, "--lock", last_year)
    code, stdout, _ = run(*args, "--book", office / "no-book-here.sqlite")
    assert code == 0
    assert (
        "Tệp khóa đã cho chỉ có số liệu của Hội nghị tổng kết năm 2020, không có số liệu của "
        "Hội nghị tổng kết năm 2021" in flat(stdout)
    )
    code, stdout, _ = run("rank", office / "returned", "--units", units, "--lock", last_year)
    assert code == 0 and "Tệp khóa đã cho chỉ có" not in flat(stdout)  # its own year: silent


def test_the_meeting_workbook_prints_each_units_lock_digest(office: Path, _own_book: Path) -> None:
    assert run("lock", office / "returned")[0] == 0
    out = office / "ranking.xlsx"
    args = ("rank", office / "returned", "--units", office / "units.yaml", "--out", out)
    assert run(*args)[0] == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    headers = [c.value for c in sheet[HEADER_ROW]]
    column = headers.index("Mã khóa")
    digests = {
        row[1].value: row[column].value
        for row in sheet.iter_rows(min_row=HEADER_ROW + 1)
        if row[1].value
    }
    assert digests == {u: unit_lock_digest(_own_book, u, 2020, "year") for u in "ABC"}


# --- the meeting's record and the history -------------------------------------------------------


def test_history_shows_names_and_reasons_but_never_obeys_them(
    office: Path, _own_book: Path
) -> None:
    """A unit name or a re-lock reason holding terminal codes is printed as escapes."""
    units = office / "units.yaml"
    units.write_text(
        UNITS.replace("Bệnh viện A", '"Bệnh viện A\\e]52;c;aGk=\\a"'), encoding="utf-8"
    )
    assert run("lock", office / "returned")[0] == 0
    set_cell(office / "returned" / "B.xlsx", "TD_TU_1_8__points", 12)
    assert run("lock", office / "returned", "--reason", "sửa\x1b[2J")[0] == 0
    out = office / "ranking.xlsx"
    assert run("rank", office / "returned", "--units", units, "--out", out)[0] == 0
    code, stdout, _ = run("history")
    assert code == 0 and "\x1b" not in stdout and "\x07" not in stdout
    assert "Bệnh viện A\\x1b]52;c;aGk=\\x07" in stdout and "sửa\\x1b[2J" in stdout


def test_a_different_vote_recorded_again_is_said(office: Path, _own_book: Path) -> None:
    """The book keeps both votes and the latest counts; the clerk is told the second one
    differs (a slip of the unit id would otherwise pass unseen)."""
    units = office / "units.yaml"
    returned = office / "returned"
    assert run("lock", returned)[0] == 0
    ranking = json.loads(run("rank", returned, "--units", units, "--json")[1])["clusters"][0]
    first, other = [r["unit_id"] for r in ranking["ranking"] if r["status"] == "eligible"][:2]
    out = ("--out", office / "r.xlsx")
    said = "khác với kết quả đã ghi trong sổ thi đua"

    def vote(unit: str, *extra: str | Path) -> str:
        code, stdout, stderr = run("rank", returned, "--units", units, "--elected", unit, *extra)
        assert code == 0, stderr
        return flat(stdout + stderr)

    assert said not in vote(f"cum-1={first}", *out)
    assert said not in vote(f"cum-1={first}", *out)  # the same vote again
    assert said not in vote(f"cum-1={other}")  # not recorded without --out
    told = vote(f"cum-1={other}", *out)
    assert said in told and f"--elected cum-1={first}" in told, told
    assert json.loads(run("history", "--json")[1])["clusters"][0]["periods"][0]["elected"] == other


def test_two_years_recorded_and_read_back(rubric: Rubric, office: Path, _own_book: Path) -> None:
    units = office / "units.yaml"
    first = office / "returned"
    assert run("lock", first, "--by", "Nguyễn Văn A")[0] == 0
    data = json.loads(run("rank", first, "--units", units, "--json")[1])
    leader_2020 = data["clusters"][0]["leader"]
    args = ("rank", first, "--units", units, "--elected", f"cum-1={leader_2020}")
    assert run(*args, "--out", office / "r2020.xlsx")[0] == 0
    assert run(*args, "--out", office / "r2020.xlsx")[0] == 0  # the same again: nothing new
    assert [r[1] for r in entries(_own_book)] == ["lock"] * 3 + ["officers", "ranking", "vote"]

    # the next year: B becomes head; new forms, a new lock and a new meeting
    units.write_text(UNITS.replace("head: A\n    deputy: B", "head: B\n    deputy: C"), "utf-8")
    second = office / "returned-2021"
    write_forms(second, rubric, 2021)
    # before this year's lock, the book's earlier locks verify nothing of 2021
    code, stdout, _ = run("rank", second, "--units", units, "--json")
    before_lock = json.loads(stdout)
    assert code == 0 and before_lock["locked"] is False
    assert [r["status"] for r in before_lock["clusters"][0]["ranking"]] == ["eligible"] * 3
    assert run("lock", second, "--year", "2021")[0] == 0
    assert json.loads(run("rank", second, "--units", units, "--json")[1])["locked"] is True
    out = office / "r2021.xlsx"
    code, stdout, stderr = run(
        "rank", second, "--units", units, "--year", "2021", "--out", out, "--json"
    )
    assert code == 0, stderr
    rows_2021 = {r["unit_id"]: r for r in json.loads(stdout)["clusters"][0]["ranking"]}
    rows_2020 = {r["unit_id"]: r for r in data["clusters"][0]["ranking"]}
    for unit in "ABC":
        last = rows_2021[unit]["last_year"]
        assert (last["rank"], last["total"]) == (rows_2020[unit]["rank"], rows_2020[unit]["total"])
    sheet = openpyxl.load_workbook(out).worksheets[0]
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert "Hạng năm trước" in headers and "Tổng điểm năm trước" in headers
    by_unit = {row[1].value: row for row in sheet.iter_rows(min_row=HEADER_ROW + 1) if row[1].value}
    rank_column = headers.index("Hạng năm trước")
    assert {u: by_unit[u][rank_column].value for u in "ABC"} == {
        u: rows_2020[u]["rank"] for u in "ABC"
    }

    code, stdout, _ = run("history", "--json")
    assert code == 0
    [cluster] = json.loads(stdout)["clusters"]
    years = {(p["year"], p["period"]): p for p in cluster["periods"]}
    assert list(years) == [(2020, "year"), (2021, "year")]
    assert (years[(2020, "year")]["head"], years[(2020, "year")]["deputy"]) == ("A", "B")
    assert (years[(2021, "year")]["head"], years[(2021, "year")]["deputy"]) == ("B", "C")
    assert years[(2020, "year")]["elected"] == leader_2020
    assert years[(2020, "year")]["leader"] == leader_2020
    assert years[(2021, "year")]["elected"] is None
    assert years[(2020, "year")]["proposals"] == [  # one cluster: its elected unit leads all
        {"elected": True, "flag": "province_flag", "unit_id": leader_2020},
        {"elected": True, "flag": "government_flag", "unit_id": leader_2020},
    ]
    for (year, _), period in years.items():
        ranks = {r["unit_id"]: (r["rank"], r["status"]) for r in period["ranking"]}
        source = rows_2020 if year == 2020 else rows_2021
        assert ranks == {u: (source[u]["rank"], source[u]["status"]) for u in "ABC"}

    code, stdout, _ = run("history")
    assert code == 0
    assert "tổng kết năm 2020" in stdout and "tổng kết năm 2021" in stdout
    assert "Cụm trưởng: A; Cụm phó: B" in stdout and "Cụm trưởng: B; Cụm phó: C" in stdout
    code, stdout, _ = run("history", "--unit", "C", "--json")
    periods = json.loads(stdout)["clusters"][0]["periods"]
    assert all([r["unit_id"] for r in p["ranking"]] == ["C"] for p in periods)
    assert [lock["unit_id"] for p in periods for lock in p["locks"]] == ["C", "C"]
    assert json.loads(run("history", "--cluster", "cum-9", "--json")[1])["clusters"] == []


def test_history_without_a_book_says_where_it_looked(tmp_path: Path) -> None:
    code, _, stderr = run("history", "--book", tmp_path / "none.sqlite")
    assert code == 2 and "Chưa có sổ thi đua" in stderr  # a missing file: a usage error
    assert not (tmp_path / "none.sqlite").exists()


# --- a book that cannot be used -----------------------------------------------------------------


def _snapshot(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(os.urandom(4096)), "không phải sổ thi đua"),
        (lambda p: p.write_text("tên,điểm\nA,900\n", "utf-8"), "không phải sổ thi đua"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE khach (ten TEXT)"),
            "cơ sở dữ liệu SQLite khác",
        ),
    ],
    ids=["random-bytes", "csv", "foreign-sqlite"],
)
def test_a_file_that_is_not_a_book_is_left_alone(
    office: Path, make: Callable[[Path], Any], message: str
) -> None:
    book = office / "book.sqlite"
    make(book)
    before = _snapshot(book)
    for args in (
        ("lock", office / "returned", "--book", book),
        ("rank", office / "returned", "--units", office / "units.yaml", "--book", book),
        ("history", "--book", book),
        ("book", "verify", "--book", book),
    ):
        code, _, stderr = run(*args)
        assert code == 1 and message in flat(stderr) and str(book) in flat(stderr), args
    assert _snapshot(book) == before


def test_a_folder_given_as_the_book_is_a_usage_error(
    office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder is not a damaged book (nothing to restore from a backup): exit 2, saying so."""
    folder = office / "so-sach"
    folder.mkdir()
    for args in (
        ("lock", office / "returned", "--book", folder, "-o", office / "verified.lock"),
        ("rank", office / "returned", "--units", office / "units.yaml", "--book", folder),
        ("history", "--book", folder),
        ("book", "verify", "--book", folder),
    ):
        code, _, stderr = run(*args)
        assert code == 2, (args, stderr)
        assert flat(stderr) == (
            f"Lỗi: {folder} là một thư mục, không phải sổ thi đua: sổ là một tệp; hãy ghi tên "
            f"tệp bằng --book (hoặc THIDUA_BOOK), ví dụ {folder / 'so-thi-dua.sqlite'}."
        ), args
    monkeypatch.setenv("THIDUA_BOOK", str(folder))
    code, _, stderr = run("history", "--lang", "en")
    assert code == 2 and f"{folder} is a folder, not a record book" in flat(stderr), stderr
    assert not any(folder.iterdir()) and not (office / "verified.lock").exists()


def test_a_book_from_a_newer_version_is_refused(office: Path, _own_book: Path) -> None:
    assert run("lock", office / "returned")[0] == 0
    with sqlite3.connect(_own_book) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    before = entries(_own_book)
    code, _, stderr = run("lock", office / "returned")
    assert code == 1 and "lược đồ 99" in flat(stderr) and entries(_own_book) == before


def test_two_runs_at_once(office: Path, _own_book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("lock", office / "returned")[0] == 0
    set_cell(office / "returned" / "A.xlsx", "TD_TU_1_8__points", 12)
    monkeypatch.setattr("thidua_cli.ranking.book.BUSY_TIMEOUT_SECONDS", 0.2)
    other = sqlite3.connect(_own_book, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another run is writing
    try:
        code, _, stderr = run("lock", office / "returned", "--reason", "sửa 1.8")
        assert code == 1 and "đang được một lệnh thidua khác ghi" in flat(stderr)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(entries(_own_book)) == 3
    assert run("lock", office / "returned", "--reason", "sửa 1.8")[0] == 0


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can enter (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="thidua-book-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _as_someone_else() -> list[str]:
    """A command prefix that runs as an ordinary user: root writes into a read-only folder."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def _thidua(
    *args: str | Path,
    env: dict[str, str],
    prefix: list[str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> Any:
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "thidua_cli", *map(str, args)],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        env={**os.environ, **env},
        timeout=120,
        check=False,
    )


def test_a_read_only_folder(rubric: Rubric, shared_folder: Path) -> None:
    returned = shared_folder / "returned"
    write_forms(returned, rubric, 2020, "AB")
    for path in returned.iterdir():
        path.chmod(0o644)
    (shared_folder / "units.yaml").write_text(UNITS, "utf-8")
    folder = shared_folder / "readonly"
    folder.mkdir()
    book = folder / "so-thi-dua.sqlite"
    env = {"THIDUA_BOOK": str(book)}
    assert _thidua("lock", returned, env=env).returncode == 0
    before = book.read_bytes()
    book.chmod(0o644)
    folder.chmod(0o555)
    set_cell(returned / "A.xlsx", "TD_TU_1_8__points", 12)
    someone = _as_someone_else()
    done = _thidua("lock", returned, "--reason", "sửa 1.8", prefix=someone, env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "chỉ cho đọc" in flat(done.stderr) and str(book) in flat(done.stderr)
    assert book.read_bytes() == before
    # reading still works there (a book on read-only media)
    done = _thidua("book", "verify", prefix=someone, env=env)
    assert done.returncode == 0 and "nguyên vẹn" in flat(done.stdout), done.stderr
    new = folder / "new.sqlite"  # nor can a book be created there
    done = _thidua("lock", returned, prefix=someone, env={"THIDUA_BOOK": str(new)})
    assert done.returncode == 1 and "chỉ cho đọc" in flat(done.stderr) and not new.exists()


def _small_files(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails: EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def test_a_full_disk_mid_write_leaves_the_book_as_it_was(rubric: Rubric, tmp_path: Path) -> None:
    returned = tmp_path / "returned"
    write_forms(returned, rubric, 2020)
    book = tmp_path / "so-thi-dua.sqlite"
    env = {"THIDUA_BOOK": str(book)}
    assert _thidua("lock", returned, env=env).returncode == 0
    before = entries(book)
    for unit in "ABC":
        set_cell(returned / f"{unit}.xlsx", "TD_TU_1_8__points", 12)
    # room for the book's shared-memory index (32 KB), not for three units' figures
    done = _thidua("lock", returned, "--reason", "sửa", preexec=_small_files(32_768), env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "đĩa đầy hoặc lỗi ghi" in flat(done.stderr) and str(book) in flat(done.stderr)
    assert entries(book) == before
    assert _thidua("book", "verify", env=env).returncode == 0


# --- no laundering, whatever happens ------------------------------------------------------------

Step = tuple[str, int]  # ("own" | "cluster", a value) or ("lock", 1 with a reason / 0 without)
steps = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["own", "cluster"]), st.integers(0, 3)),
        st.tuples(st.just("lock"), st.integers(0, 1)),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_an_excluded_unit_never_turns_eligible_without_a_recorded_reason(
    rubric: Rubric, sequence: list[Step]
) -> None:
    """Locks, edits of either side and re-locks in any order, on a real book on disk: a unit
    excluded for changing its own figures is eligible again only by going back to the figures
    the cluster verified, or through a new lock entry that records a reason — and then the
    change since the first verification is still shown."""
    units = units_file({"cum-1": [{"id": "A"}]})
    figures = {"own": 0, "cluster": 0}

    def workbook() -> WorkbookResult:
        return make_result(
            rubric,
            "A",
            self_overrides={"1.1": {"late_tasks": Decimal(figures["own"])}},
            cluster_overrides={"1.1": {"late_tasks": Decimal(figures["cluster"])}},
        )

    def own(entry: BookEntry) -> str:
        return str(json.loads(entry.body)["figures"]["inputs"]["self"]["1.1"]["late_tasks"])

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "so-thi-dua.sqlite"
        excluded: tuple[int, str] | None = None  # (last seq, verified own figure) when excluded
        for kind, value in sequence:
            if kind == "lock":
                book = RecordBook.open(path, write=True)
                assert book is not None
                with book, contextlib.suppress(ThiduaError):  # refused: nothing recorded
                    record_lock(
                        book, make_lock([workbook()]), by=None, reason="lý do" if value else None
                    )
            else:
                figures[kind] = value
            book = RecordBook.open(path, write=False)
            if book is None:
                continue
            with book:
                locks = book.entries("lock", unit="A")
                ranking = rank([workbook()], units, verified_figures(book))
            entry = ranking.clusters[0].entries[0]
            if entry.status is Status.EXCLUDED:
                assert own(locks[-1]) != str(figures["own"])
                excluded = excluded or (locks[-1].seq, own(locks[-1]))
                continue
            if entry.status is not Status.ELIGIBLE:
                continue
            assert own(locks[-1]) == str(figures["own"])  # ranked on verified figures only
            if excluded is not None:
                later = [e for e in locks if e.seq > excluded[0]]
                assert all(e.reason for e in later)
                assert later or excluded[1] == str(figures["own"])  # or back as verified
                excluded = None
            moved = [e for e in locks[1:] if own(e) != own(locks[0])]
            if moved:  # the unit's own figures moved since the first verification: still said
                assert all(e.reason for e in locks[1:])
                assert "changed-after-verification" in [r.code for r in entry.reasons]
