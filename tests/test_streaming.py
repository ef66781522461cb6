"""Flat memory over many workbooks: few results in flight, parked on disk, written as they come."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import make_form, set_cell, valid_values
from thidua_cli import jsonout
from thidua_cli.layout import Layout, Side, build_layout, input_name
from thidua_cli.results import WorkbookResult
from thidua_cli.rubric import Rubric
from thidua_cli.score_report import score_json
from thidua_cli.scoring import CHUNKS_IN_FLIGHT_PER_WORKER, _pooled, score_paths, score_stream
from thidua_cli.spool import ScoredSpool


@pytest.fixture(scope="module")
def layout(rubric: Rubric) -> Layout:
    return build_layout(rubric)


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where ``tempfile`` puts things during the test, to see what is left behind."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


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
    results = _pooled(pool, paths, workers=2)  # type: ignore[arg-type]
    taken = [next(results)]
    assert pool.submitted == 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    for _ in range(100):
        taken.append(next(results))
    assert pool.submitted <= 2 * CHUNKS_IN_FLIGHT_PER_WORKER + 100 // 16 + 1
    taken += list(results)
    assert taken == paths  # all of them, in order


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
    rubric: Rubric, layout: Layout, tmp_path: Path, private_tmp: Path
) -> None:
    paths = _forms(rubric, layout, tmp_path)
    held = score_paths(paths, rubric)
    with ScoredSpool.of(score_stream(paths, rubric)) as spool:
        assert len(spool) == 4
        assert list(private_tmp.iterdir())  # the results wait on disk
        first, second = list(spool), list(spool)  # read as often as a report needs
        assert score_json(first, rubric) == score_json(held, rubric)
        assert score_json(second, rubric) == score_json(held, rubric)
        assert [p.code for p in first[0].problems] == ["duplicate-unit"]
        assert [p.code for p in first[1].problems] == ["unknown-label"]
        assert all(r.inputs == {} for r in first)  # no report shows them
        assert (spool.errors, spool.warnings) == (3, 0)
    assert list(private_tmp.iterdir()) == []


def test_spool_is_removed_when_scoring_fails(private_tmp: Path) -> None:
    def results() -> Iterator[WorkbookResult]:
        yield WorkbookResult(file="a.xlsx")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ScoredSpool.of(results())
    assert list(private_tmp.iterdir()) == []


def test_json_stream_is_written_item_by_item() -> None:
    events: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            if '"n"' in text:
                events.append("written")
            return super().write(text)

    def items() -> Iterator[dict[str, Any]]:
        for n in range(3):
            events.append("made")
            yield {"n": Decimal(n) / 4}

    out = Recorder()
    jsonout.write({"head": 1, "items": jsonout.Stream(items()), "tail": []}, out)
    assert events == ["made", "written"] * 3
    listed = {"head": 1, "items": [{"n": Decimal(n) / 4} for n in range(3)], "tail": []}
    assert out.getvalue() == jsonout.dumps(listed)
    assert jsonout.dumps({"items": jsonout.Stream(iter([]))}, indent=None) == '{"items": []}'
