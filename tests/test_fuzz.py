"""Fuzzing `score`: mutated forms must never crash it.

The suite runs a fixed-seed, short campaign. For a longer one by hand:

    THIDUA_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py -p no:randomly
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from tests.helpers import make_form, valid_values
from thidua_cli.form.layout import build_layout
from thidua_cli.messages import VI
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.scoring.workbook import Expected, score_workbook

EXAMPLES = int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "25"))
RUBRIC = load_rubric()
LAYOUT = build_layout(RUBRIC)
EXPECTED = Expected.of(RUBRIC)
NAMES = sorted(LAYOUT.defined_names())

cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    # openpyxl itself cannot save control characters, so the text has none.
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
    st.sampled_from(
        ["5,5", " 3 ", "1.000,5", "Có", "KHÔNG", "Tốt\u00a0", "=1/0", "=A1", "NaN", "-0"]
    ),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
)
mutations = st.lists(st.tuples(st.sampled_from(NAMES), cell_values), min_size=1, max_size=8)


_FORM: dict[str, bytes] = {}


def _valid_form(folder: Path) -> Path:
    """The same valid form every time (written once: its bytes carry a timestamp)."""
    if "bytes" not in _FORM:
        _FORM["bytes"] = make_form(folder, LAYOUT, "FUZZ", valid_values(RUBRIC, 7)).read_bytes()
    path = folder / "FUZZ.xlsx"
    path.write_bytes(_FORM["bytes"])
    return path


def _scores_cleanly(path: Path) -> WorkbookResult:
    result = score_workbook(path, EXPECTED)
    assert isinstance(result, WorkbookResult)
    for problem in result.problems:
        assert VI.finding(problem) and problem.code
    return result


@seed(20201120)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=mutations)
def test_mutated_cells_never_crash_score(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[str, object]]
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = _valid_form(folder)
    workbook = openpyxl.load_workbook(path)
    for name, value in changes:
        ((sheet, ref),) = list(workbook.defined_names[name].destinations)
        cell = workbook[sheet][ref.replace("$", "")]
        try:
            cell.value = value
        except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses, not score
            continue
    workbook.save(path)
    _scores_cleanly(path)


@seed(20201121)
@settings(max_examples=EXAMPLES * 4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_bytes_never_crash_score(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("bytes")
    source = _valid_form(folder)
    raw = bytearray(source.read_bytes())
    # Positions as fractions of the size: the file's size varies with its timestamps.
    for _ in range(data.draw(st.integers(min_value=1, max_value=20))):
        fraction = data.draw(st.integers(min_value=0, max_value=9_999))
        raw[fraction * len(raw) // 10_000] = data.draw(st.integers(min_value=0, max_value=255))
    mutated = folder / "mutated.xlsx"
    mutated.write_bytes(bytes(raw))
    result = _scores_cleanly(mutated)
    if not zipfile.is_zipfile(mutated):
        assert not result.ok
