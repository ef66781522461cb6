"""Flat memory over many workbooks: few results in flight, parked on disk, written as they come."""

from __future__ import annotations

import gc
import io
import tempfile
import weakref
from collections.abc import Iterator
from concurrent.futures import Future
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tests.helpers import make_form, refused, set_cell, text_of, valid_values
from tests.ranking_fixtures import make_result, units_file
from thidua_cli.cli import console as common
from thidua_cli.cli.score import TABLE_PAGE_ROWS
from thidua_cli.cli.score import _print as print_scores
from thidua_cli.findings import ThiduaError, UsageError
from thidua_cli.form.layout import Layout, build_layout, input_name
from thidua_cli.messages import VI
from thidua_cli.ranking.rank import rank
from thidua_cli.reports import jsonout
from thidua_cli.reports.ranking_xlsx import write_ranking_xlsx
from thidua_cli.reports.score_json import score_json
from thidua_cli.reports.scores_xlsx import write_scores_xlsx
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.batch import score_paths, score_stream
from thidua_cli.scoring.pool import CHUNKS_IN_FLIGHT_PER_WORKER, pooled
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.scoring.spool import ScoredSpool


@pytest.fixture(scope="module")
def layout(rubric: Rubric) -> Layout:
    return build_layout(rubric)


class _CountingPool:
    """Runs each task at once; counts what was submitted and what the caller has taken."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, function: Any, chunk: list[Path]) -> Future[list[Path]]:
        self.submitted += 1
        future: Future[list[Path]] = Future()
        future.set_result(chunk)
        return future


def test_the_pool_has_only_a_few_chunks_in_flight() -> None:
    paths = [Path(f"U{i}.xlsx") for i in range(5_000)]
    pool = _CountingPool()
    results = pooled(pool, paths, workers=2)  # type: ignore[arg-type]
    taken = [next(results)]
    assert pool.submitted == 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    for _ in range(100):
        taken.append(next(results))
    assert pool.submitted <= 2 * CHUNKS_IN_FLIGHT_PER_WORKER + 100 // 16 + 1
    taken += list(results)
    assert taken == paths  # all of them, in order


class _StalledPool:
    """Tasks that never start: what is left in flight when the caller stops early."""

    def __init__(self) -> None:
        self.futures: list[Future[list[Path]]] = []

    def submit(self, function: Any, chunk: list[Path]) -> Future[list[Path]]:
        future: Future[list[Path]] = Future()
        if not self.futures:
            future.set_result(chunk)
        self.futures.append(future)
        return future


def test_stopping_early_cancels_the_work_not_started() -> None:
    pool = _StalledPool()
    results = pooled(pool, [Path(f"U{i}.xlsx") for i in range(1_000)], workers=2)  # type: ignore[arg-type]
    next(results)
    results.close()
    assert len(pool.futures) == 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    assert all(f.cancelled() for f in pool.futures[1:])


def test_a_worker_failure_reaches_the_caller() -> None:
    class FailingPool:
        def submit(self, function: Any, chunk: list[Path]) -> Future[list[Path]]:
            future: Future[list[Path]] = Future()
            future.set_exception(MemoryError("worker"))
            return future

    with pytest.raises(MemoryError, match="worker"):
        list(pooled(FailingPool(), [Path("a.xlsx")] * 100, workers=2))  # type: ignore[arg-type]


def _forms(rubric: Rubric, layout: Layout, folder: Path) -> list[Path]:
    """Four forms: U1 twice (a duplicate), U2 with an unknown label, U3 clean."""
    paths = [
        make_form(folder, layout, "U1", valid_values(rubric, 1), name="a.xlsx"),
        make_form(folder, layout, "U2", valid_values(rubric, 2), name="b.xlsx"),
        make_form(folder, layout, "U1", valid_values(rubric, 3), name="c.xlsx"),
        make_form(folder, layout, "U3", valid_values(rubric, 4), name="d.xlsx"),
    ]
    set_cell(paths[1], input_name(Side.SELF, "2.1", "level"), "Giỏi")
    return paths


def test_spool_gives_back_what_score_paths_holds(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    paths = _forms(rubric, layout, tmp_path)
    held = score_paths(paths, rubric)
    with ScoredSpool.of(score_stream(paths, rubric)) as spool:
        assert len(spool) == 4
        first, second = list(spool), list(spool)  # read as often as a report needs
        assert score_json(first, rubric, VI) == score_json(held, rubric, VI)
        assert score_json(second, rubric, VI) == score_json(held, rubric, VI)
        assert [p.code for p in first[0].problems] == ["duplicate-unit"]
        assert [p.code for p in first[1].problems] == ["unknown-label"]
        assert all(r.inputs == {} for r in first)  # no report shows them
        assert (spool.errors, spool.warnings) == (3, 0)
        reading = iter(spool)
        next(reading)
        with pytest.raises(RuntimeError):
            next(iter(spool))  # every pass rewinds the one file: one pass at a time
        assert len(list(reading)) == 3


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_spool_on_a_full_disk_is_an_error_naming_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    full_disk = lambda **_: open("/dev/full", "w+b")  # noqa: E731, SIM115 (the spool closes it)
    monkeypatch.setattr(tempfile, "TemporaryFile", full_disk)
    with refused(ThiduaError, str(tmp_path)) as caught:
        ScoredSpool.of([WorkbookResult(file="a.xlsx")])  # fails when the buffer is flushed
    assert "TMPDIR" in text_of(caught.value)
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    with refused(ThiduaError, "missing"):
        ScoredSpool.of([])


def test_json_stream_is_written_item_by_item() -> None:
    events: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            if '"n"' in text:
                events.append("written")
            return super().write(text)

    big = "x" * jsonout.WRITE_SIZE  # small items are gathered into fewer, larger writes

    def items() -> Iterator[dict[str, Any]]:
        for n in range(3):
            events.append("made")
            yield {"n": Decimal(n) / 4, "text": big}

    out = Recorder()
    jsonout.write({"head": 1, "items": items(), "tail": []}, out)
    assert events == ["made", "written"] * 3
    listed = {
        "head": 1,
        "items": [{"n": Decimal(n) / 4, "text": big} for n in range(3)],
        "tail": [],
    }
    assert out.getvalue() == jsonout.dumps(listed)
    assert jsonout.dumps({"items": iter([])}) == '{\n  "items": []\n}'


def test_the_console_table_comes_in_pages(capsys: pytest.CaptureFixture[str]) -> None:
    results = [WorkbookResult(file=f"U{i:03d}.xlsx") for i in range(TABLE_PAGE_ROWS + 1)]
    print_scores(results, VI)
    out = capsys.readouterr().out
    assert f"tệp 1–{TABLE_PAGE_ROWS})" in out
    assert f"tệp {TABLE_PAGE_ROWS + 1}–{TABLE_PAGE_ROWS + 1})" in out
    assert all(f"U{i:03d}.xlsx" in out for i in range(TABLE_PAGE_ROWS + 1))
    print_scores(results[:TABLE_PAGE_ROWS], VI)
    assert "tệp 1–" not in capsys.readouterr().out  # one page: the plain title


def test_progress_bar_only_for_many_files_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80)
    monkeypatch.setattr(common, "stderr", lambda: terminal)
    with common.progress_bar("Đang chấm") as advance:
        advance(0, common.PROGRESS_MIN_FILES - 1)
    assert screen.getvalue() == ""
    with common.progress_bar("Đang chấm") as advance:
        for done in range(31):
            advance(done, 30)
    assert "Đang chấm" in screen.getvalue() and "30/30" in screen.getvalue()
    screen.truncate(0)
    monkeypatch.setattr(common, "stderr", lambda: Console(file=screen, force_terminal=False))
    with common.progress_bar("Đang chấm") as advance:
        advance(0, 30)
    assert screen.getvalue() == ""  # a log or a pipe gets no bar


def test_the_spool_holds_no_result_in_memory() -> None:
    alive: list[weakref.ref[WorkbookResult]] = []

    def results() -> Iterator[WorkbookResult]:
        for i in range(50):
            result = WorkbookResult(file=f"U{i}.xlsx")
            alive.append(weakref.ref(result))
            yield result

    with ScoredSpool.of(results()) as spool:
        gc.collect()
        assert not any(ref() for ref in alive)  # each one went to disk as it came
        read_back = 0
        for result in spool:
            alive.append(weakref.ref(result))
            read_back += 1
        del result
        gc.collect()
        assert read_back == 50 and not any(ref() for ref in alive)


def test_ranking_keeps_no_scored_result(rubric: Rubric) -> None:
    result = make_result(rubric, "A")
    ref = weakref.ref(result)
    ranking = rank([result], units_file({"cum-1": [{"id": "A"}]}))
    del result
    gc.collect()
    assert ref() is None  # only the totals it needs (ReturnedWorkbook)
    assert ranking.clusters[0].leader == "A"


def test_a_report_that_cannot_be_written_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    results = [WorkbookResult(file=f"U{i}.xlsx") for i in range(3)]
    with pytest.raises(OSError):
        write_scores_xlsx(tmp_path / "a-file" / "scores.xlsx", results, load_rubric(), VI)
    assert list(temporary.iterdir()) == []  # openpyxl's sheet files are gone too
    write_scores_xlsx(tmp_path / "scores.xlsx", results, load_rubric(), VI)
    assert list(temporary.iterdir()) == []


def test_meeting_workbook_with_no_temporary_folder_is_a_located_error(
    rubric: Rubric, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ranking = rank([make_result(rubric, "A")], units_file({"cum-1": [{"id": "A"}]}))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    with refused(ThiduaError, r"ranking\.xlsx") as caught:
        write_ranking_xlsx(tmp_path / "ranking.xlsx", ranking, VI)
    assert not isinstance(caught.value, UsageError)  # an error in writing, exit code 1
    assert list(tmp_path.iterdir()) == []  # no half-written report either


def test_openpyxl_keeps_a_sheet_file_where_streamed_xlsx_looks_for_it() -> None:
    """``reports.streamed_xlsx`` reads the private ``_writer.out`` (openpyxl pinned < 3.2)."""
    import os

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([1])
    out = sheet._writer.out
    assert isinstance(out, str) and os.path.exists(out)
    sheet.close()
    os.remove(out)
