"""Hostile inputs (issue 16): no input crashes a run, balloons its memory or slips a formula
past the score; files a folder holds by accident are named and set aside.

Fuzzing by hand, longer than CI does (the campaign runs in a child process whose address
space is capped at 512 MiB):

    THIDUA_FUZZ_EXAMPLES=1000 python -m pytest tests/test_hardening.py -k fuzz -p no:randomly
"""

from __future__ import annotations

import faulthandler
import json
import os
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.corpus import (
    add_names,
    add_sheet,
    far_cell,
    far_cell_workbook,
    formula_cell,
    junk_rows,
    point_names,
    put_cell,
    set_property,
)
from tests.helpers import make_form, valid_values
from thidua_cli.cli import app
from thidua_cli.findings import Severity
from thidua_cli.form.layout import Layout, build_layout
from thidua_cli.messages import EN, VI
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring import batch, pool
from thidua_cli.scoring.results import WorkbookResult
from thidua_cli.scoring.workbook import Expected, score_workbook

SELF, CLUSTER = Side.SELF, Side.CLUSTER
MEMORY_CAP = 512 * 1024 * 1024
EXAMPLES = int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "300"))
runner = CliRunner()


def scored_cleanly(path: Path, expected: Expected) -> WorkbookResult:
    result = score_workbook(path, expected)
    for problem in result.problems:
        assert VI.finding(problem) and EN.finding(problem)
    return result


# --- cells far away: bounded by the layout, never by the sheet's claimed size ------------


@pytest.mark.parametrize("ref", ["XFD1048576", "AZ1048576", "XFD1"])
def test_a_far_cell_in_a_form_costs_nothing(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, ref: str
) -> None:
    values = valid_values(rubric, 4)
    twin = make_form(tmp_path, layout, "TWIN", values)
    far = far_cell(make_form(tmp_path, layout, "FAR", values), "Phần 1", ref)
    result, plain = scored_cleanly(far, expected), scored_cleanly(twin, expected)
    assert result.problems == [] and result.scores == plain.scores


def test_a_workbook_of_one_far_cell_is_not_a_form(expected: Expected, tmp_path: Path) -> None:
    path = far_cell_workbook(tmp_path / "far.xlsx")
    assert path.stat().st_size < 30_000
    result = scored_cleanly(path, expected)
    assert [p.code for p in result.problems] == ["not-a-form"]


# --- formulas in input cells: never scored, whatever their cached value ----------------------

INPUT_FORMULAS = [
    ("forged-cache", "70", "70", "n"),
    ("external-link", "[1]Sheet1!$A$1", "5", "n"),
    ("hyperlink", 'HYPERLINK("http://example.invalid/x",5)', "5", "n"),
    ("dde", "cmd|' /C calc'!A0", "5", "n"),
    ("webservice", '_xlfn.WEBSERVICE("http://example.invalid/")', "5", "str"),
]


@pytest.mark.parametrize(
    ("formula", "cached", "kind"),
    [c[1:] for c in INPUT_FORMULAS],
    ids=[c[0] for c in INPUT_FORMULAS],
)
def test_a_formula_in_an_input_cell_is_an_error_at_that_cell(
    rubric: Rubric,
    layout: Layout,
    expected: Expected,
    tmp_path: Path,
    formula: str,
    cached: str,
    kind: str,
) -> None:
    path = make_form(tmp_path, layout, "U1", valid_values(rubric, 2))
    cell = layout.input_cell(CLUSTER, "1.3", "points")
    put_cell(path, cell.sheet, cell.a1, formula_cell(cell.a1, formula, cached, kind))
    result = scored_cleanly(path, expected)
    [problem] = result.problems
    assert (problem.code, problem.severity, problem.sheet, problem.cell) == (
        "input-formula",
        Severity.ERROR,
        cell.sheet,
        cell.a1,
    )
    assert "ô nhập chứa công thức: hãy gõ giá trị" in VI.finding(problem)
    assert result.scores[CLUSTER].criteria["1.3"] is None  # its cached value is not used


# --- the identity's two copies ------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"), [("unit_id", "U9"), ("year", "2021"), ("period", "half")]
)
def test_identity_copies_that_disagree_are_an_error(
    rubric: Rubric, layout: Layout, expected: Expected, tmp_path: Path, field: str, value: str
) -> None:
    path = set_property(
        make_form(tmp_path, layout, "U1", valid_values(rubric, 2)), f"thidua.{field}", value
    )
    result = scored_cleanly(path, expected)
    [problem] = result.problems
    assert (problem.code, problem.sheet) == ("identity-mismatch", "_thidua")
    assert problem.cell is not None and problem.params["field"] == field
    assert result.scores == {}  # neither copy alone says which unit or year it is
    assert result.identity is not None and result.identity.unit_id == "U1"  # the sheet's copy
    assert value in VI.finding(problem)


# --- what a folder holds by accident -------------------------------------------------------


def test_files_set_aside_are_named_in_one_warning(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    folder = tmp_path / "da-nop"
    folder.mkdir()
    for index in range(3):
        make_form(folder, layout, f"U{index}", valid_values(rubric, index))
    (folder / "._U0.xlsx").write_bytes(b"\x00\x05\x16\x07AppleDouble resource fork")
    (folder / "U8.xlsb").write_bytes(b"PK\x03\x04 binary workbook")
    (folder / "U9.xlsx ").write_bytes((folder / "U0.xlsx").read_bytes())
    (folder / "~$U1.xlsx").write_bytes(b"owner")
    units = tmp_path / "units.yaml"
    units.write_text(
        "clusters:\n  - id: cum-1\n    name: Cụm 1\n    units:\n"
        + "".join(
            f"      - {{id: U{i}, name: Đơn vị {i}, registered: true, agreement_signed: true}}\n"
            for i in range(3)
        ),
        encoding="utf-8",
    )
    # reports of an earlier run, copied among the returns (thidua refuses to write them there)
    reports = tmp_path / "reports"
    reports.mkdir()
    scored = runner.invoke(app, ["score", str(folder), "--out", str(reports / "scores.xlsx")])
    assert scored.exit_code == 0, scored.output
    ranking = reports / "xep-hang.xlsx"
    ranked = runner.invoke(
        app, ["rank", str(folder), "--units", str(units), "--by", "self", "-o", str(ranking)]
    )
    assert ranked.exit_code == 0, ranked.output
    for report in reports.iterdir():
        report.rename(folder / report.name)

    result = runner.invoke(app, ["score", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    assert [Path(w["file"]).name for w in json.loads(result.stdout)["workbooks"]] == [
        "U0.xlsx",
        "U1.xlsx",
        "U2.xlsx",
    ]
    assert result.stderr.count("Bỏ qua") == 1  # one warning names them all
    warning = " ".join(result.stderr.split())  # as one line, however the console wrapped it
    assert warning.startswith("Cảnh báo: Bỏ qua: ")
    for part in (
        "._U0.xlsx (tệp phụ của macOS)",
        "U8.xlsb (không phải .xlsx)",
        "«U9.xlsx » (tên tệp kết thúc bằng dấu cách",
        "~$U1.xlsx (tệp tạm",
        "scores.xlsx (báo cáo do thidua ghi",
        "xep-hang.xlsx (báo cáo do thidua ghi",
    ):
        assert part in warning, part
    locked = runner.invoke(app, ["lock", str(folder), "-o", str(tmp_path / "x.lock")])
    assert locked.exit_code == 0, locked.output  # the companions no longer block the lock


def test_a_folder_that_cannot_be_opened_is_a_located_problem(
    rubric: Rubric, layout: Layout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed = tmp_path / "closed"
    closed.mkdir()
    make_form(closed, layout, "U1", valid_values(rubric, 1))
    good = make_form(tmp_path, layout, "U2", valid_values(rubric, 2))
    original = Path.iterdir

    def iterdir(self: Path) -> object:
        if self == closed:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    monkeypatch.setattr(os, "scandir", _denied(os.scandir, closed))
    result = runner.invoke(app, ["score", str(closed), str(good), "--json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1, result.output
    workbooks = json.loads(result.stdout)["workbooks"]
    assert [w["ok"] for w in workbooks] == [False, True]
    [problem] = workbooks[0]["problems"]
    assert (problem["code"], problem["file"]) == ("not-xlsx", str(closed))
    assert "Permission denied" in problem["message"] and "thư mục" in problem["message"]


def _denied(scandir: Callable[..., object], folder: Path) -> Callable[..., object]:
    def wrapped(path: object = ".") -> object:
        if Path(str(path)) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    return wrapped


@pytest.mark.skipif(os.geteuid() == 0, reason="root enters every folder")
def test_a_real_folder_without_permission(rubric: Rubric, layout: Layout, tmp_path: Path) -> None:
    closed = tmp_path / "closed"
    closed.mkdir()
    form = make_form(closed, layout, "U1", valid_values(rubric, 1))
    closed.chmod(0)
    try:
        for target in (closed, form):
            result = runner.invoke(app, ["score", str(target), "--json"])
            assert "Traceback" not in result.output
            assert result.exit_code == 1, result.output
    finally:
        closed.chmod(0o755)


# --- a worker that dies takes only its own file down ------------------------------------------


def test_a_dying_worker_loses_only_its_file(
    rubric: Rubric, layout: Layout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = make_form(tmp_path, layout, "U0", valid_values(rubric, 0))
    paths = []
    for index in range(60):
        path = tmp_path / f"copy-{index:02d}.xlsx"
        path.write_bytes(form.read_bytes())
        paths.append(path)
    crash = tmp_path / "CRASH.xlsx"
    crash.write_bytes(form.read_bytes())
    paths.insert(17, crash)
    real = pool.score_workbook

    def dying(path: Path, expected: Expected) -> WorkbookResult:
        if path.name == "CRASH.xlsx":
            faulthandler.disable()  # pytest's dump of the child's stack would only be noise
            os.abort()  # what a native library's SIGABRT does to a worker
        return real(path, expected)

    monkeypatch.setattr(pool, "score_workbook", dying)  # workers are forked: they see it
    results = list(batch.score_stream(paths, rubric, workers=2))
    assert [r.file for r in results] == [str(p) for p in paths]
    crashed = results.pop(17)
    assert [(p.code, p.variant) for p in crashed.problems] == [("not-xlsx", "crashed")]
    assert "SIGABRT" not in VI.finding(crashed.problems[0])
    assert all(r.problems == [] and r.complete(SELF) for r in results)


def test_a_chunk_that_runs_out_of_memory_is_scored_again_file_by_file(tmp_path: Path) -> None:
    from concurrent.futures import Future

    class OutOfMemory:
        def submit(self, function: object, chunk: list[Path]) -> Future[list[Path]]:
            future: Future[list[Path]] = Future()
            future.set_exception(MemoryError("worker"))
            return future

    class Recovery:
        def __init__(self) -> None:
            self.isolated: list[Path] = []

        def isolate(self, path: Path) -> Path:
            self.isolated.append(path)
            return path

    recovery = Recovery()
    paths = [Path(f"U{i}.xlsx") for i in range(40)]
    got = list(pool.pooled(OutOfMemory(), paths, workers=2, recovery=recovery))  # type: ignore[arg-type]
    assert got == paths == recovery.isolated


# --- done means: 60 good files and one far cell, memory measured -------------------------------

_MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
out = child.stdout.read()
_, status, usage = os.wait4(child.pid, 0)
sys.stdout.write(str(usage.ru_maxrss) + " " + str(os.waitstatus_to_exitcode(status)) + "\\n")
sys.stdout.write(out.decode())
"""


def test_sixty_good_files_and_one_far_cell(rubric: Rubric, layout: Layout, tmp_path: Path) -> None:
    folder = tmp_path / "da-nop"
    folder.mkdir()
    for index in range(60):
        make_form(folder, layout, f"U{index:02d}", valid_values(rubric, index))
    far_cell_workbook(folder / "XFD.xlsx")
    command = [
        sys.executable,
        "-c",
        _MEASURE,
        sys.executable,
        "-m",
        "thidua_cli",
        "score",
        str(folder),
        "--json",
    ]
    measured = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300)
    first, _, document = measured.stdout.partition("\n")
    peak_kib, code = map(int, first.split())
    report = json.loads(document)
    assert code == 1
    workbooks = {Path(w["file"]).stem: w for w in report["workbooks"]}
    assert len(workbooks) == 61
    assert sum(w["ok"] for w in workbooks.values()) == 60
    assert [p["code"] for p in workbooks["XFD"]["problems"]] == ["not-a-form"]
    print(f"peak memory of score, 61 files: {peak_kib / 1024:.0f} MiB")
    assert peak_kib < 300 * 1024


# --- fuzzing, with the address space capped ------------------------------------------------

RUBRIC = load_rubric()
LAYOUT = build_layout(RUBRIC)
EXPECTED = Expected.of(RUBRIC)
NAMES = sorted(LAYOUT.defined_names())
CELLS = sorted(
    {c for c in LAYOUT.defined_names().values()}, key=lambda c: (c.sheet, c.row, c.column)
)
_FORM: dict[str, bytes] = {}

texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&\"'\x00"), max_size=40
)
cell_xml = st.one_of(
    st.tuples(
        st.just("n"), st.one_of(texts, st.sampled_from(["1e308", "-1e400", "NaN", "sNaN", "0.8"]))
    ),
    st.tuples(st.sampled_from(["s", "b", "e", "str", "d", "x"]), texts),
    st.tuples(st.just("f"), texts),
)
references = st.one_of(
    st.sampled_from(["#REF!", "'Phần 1'!$F$9:$F$10", "Max!$A$1", "'Phần 9'!$A$1", "=1+1"]),
    st.builds(lambda c: c.qualified, st.sampled_from(CELLS)),
    texts,
)
mutation = st.one_of(
    st.tuples(st.just("cell"), st.sampled_from(CELLS), cell_xml),
    st.tuples(
        st.just("far"),
        st.sampled_from(["Phần 1", "Phần 3", "Tổng hợp", "_thidua"]),
        st.tuples(st.integers(1, 16384), st.integers(1, 1048576)),
    ),
    st.tuples(st.just("point"), st.sampled_from(NAMES), references),
    st.tuples(st.just("name"), st.sampled_from(NAMES), references),
    st.tuples(
        st.just("property"),
        st.sampled_from(
            ["thidua.unit_id", "thidua.year", "thidua.rubric_digest", "thidua.template_version"]
        ),
        texts,
    ),
    st.tuples(st.just("sheet"), texts, st.sampled_from(["visible", "hidden", "veryHidden"])),
)


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _apply(path: Path, change: tuple[object, ...]) -> None:
    from xml.sax.saxutils import escape

    kind = change[0]
    if kind == "cell":
        cell, (t, text) = change[1], change[2]  # type: ignore[misc]
        text = escape(str(text))
        xml = (
            f'<c r="{cell.a1}"><f>{text}</f><v>1</v></c>'
            if t == "f"
            else f'<c r="{cell.a1}" t="{t}"><v>{text}</v></c>'
        )
        put_cell(path, cell.sheet, cell.a1, xml)
    elif kind == "far":
        column, row = change[2]  # type: ignore[misc]
        far_cell(path, str(change[1]), f"{_letters(column)}{row}")
    elif kind == "point":
        point_names(path, {str(change[1]): str(change[2])})
    elif kind == "name":
        add_names(path, [(str(change[1]).lower(), str(change[2]))])
    elif kind == "property":
        set_property(path, str(change[1]), str(change[2]))
    elif kind == "sheet" and str(change[1]).strip():
        add_sheet(path, str(change[1])[:31], {"A1": 945.0}, str(change[2]))


@seed(20201116)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(changes=st.lists(mutation, min_size=1, max_size=6))
def _fuzz_structure(changes: list[tuple[object, ...]]) -> None:
    folder = Path(_FORM["folder"].decode())
    path = folder / "FUZZ.xlsx"
    path.write_bytes(_FORM["bytes"])
    for change in changes:
        try:
            _apply(path, change)
        except (AssertionError, ValueError):  # the mutation did not apply: fine, score anyway
            continue
    scored_cleanly(path, EXPECTED)


_REPOSITORY = Path(__file__).resolve().parents[1]
_CAPPED = (
    "import resource, sys\n"
    "resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n"
    "from tests import click_floor\n"
    "click_floor.keep_streams_apart()  # before test_hardening makes its runner\n"
    "from tests import test_hardening\n"
    "getattr(test_hardening, sys.argv[1])(*sys.argv[2:])\n"
)


def _in_capped_python(function: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``function(*args)`` of this module in a fresh Python whose address space is capped
    (a fresh one: a forked test worker would carry all the memory earlier tests used)."""
    code = _CAPPED.format(cap=MEMORY_CAP)
    return subprocess.run(
        [sys.executable, "-c", code, function, *args],
        cwd=_REPOSITORY,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def run_fuzz(folder: str) -> None:
    """The campaign, in the capped child: the form to mutate waits in ``folder``."""
    _FORM["bytes"] = (Path(folder) / "FUZZ.xlsx").read_bytes()
    _FORM["folder"] = folder.encode()
    _fuzz_structure()


def test_fuzz_mutated_forms_in_a_memory_capped_child(tmp_path: Path) -> None:
    """No traceback, no abort, no unbounded memory over mutated forms (512 MiB cap)."""
    make_form(tmp_path, LAYOUT, "FUZZ", valid_values(RUBRIC, 7))
    child = _in_capped_python("run_fuzz", str(tmp_path))
    assert child.returncode == 0, child.stderr[-3000:]


def score_hostile_folder(folder: str) -> None:
    """A few forms with far cells and the far-cell workbook, scored by the CLI (capped child)."""
    result = runner.invoke(app, ["score", folder, "--json"])
    assert result.exit_code == 1, result.output
    assert len(json.loads(result.stdout)["workbooks"]) == 4


def test_hostile_files_score_within_the_memory_cap(tmp_path: Path) -> None:
    values = valid_values(RUBRIC, 3)
    for ref in ("XFD1048576", "AZ1048576"):
        far_cell(make_form(tmp_path, LAYOUT, ref, values), "Phần 2", ref)
    junk_rows(make_form(tmp_path, LAYOUT, "JUNK", values), "Phần 3", 50_000)
    far_cell_workbook(tmp_path / "bare.xlsx")
    child = _in_capped_python("score_hostile_folder", str(tmp_path))
    assert child.returncode == 0, child.stderr[-3000:]


def test_decimal_reading_of_stored_numbers(
    expected: Expected, tmp_path: Path, layout: Layout
) -> None:
    """Excel stores 0.573 as 0.57299999999999995: read back as what was typed."""
    path = make_form(tmp_path, layout, "U1", valid_values(RUBRIC, 1))
    cell = layout.input_cell(SELF, "1.2", "points")
    put_cell(path, cell.sheet, cell.a1, f'<c r="{cell.a1}"><v>57.299999999999997</v></c>')
    result = scored_cleanly(path, expected)
    assert result.problems == []
    assert result.inputs[SELF]["1.2"] == {"points": Decimal("57.3")}
