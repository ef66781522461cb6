"""No command writes over an input, every --out is checked before any work, every output is
written atomically to a plain file, and no path argument ends in a traceback (issues 15, 16)."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.helpers import make_form, valid_values
from thidua_cli import files
from thidua_cli.cli import app
from thidua_cli.form.layout import build_layout
from thidua_cli.messages import VI
from thidua_cli.rubric.model import Rubric

runner = CliRunner()


@pytest.fixture
def returned(rubric: Rubric, tmp_path: Path) -> Path:
    folder = tmp_path / "ret"
    folder.mkdir()
    layout = build_layout(rubric)
    for number, unit in enumerate(("U1", "U2"), start=1):
        make_form(folder, layout, unit, valid_values(rubric, number))
    (tmp_path / "units.yaml").write_text(
        "year: 2020\nclusters:\n  - id: c1\n    name: Cụm 1\n    units:\n"
        "      - {id: U1, name: Một, registered: true, agreement_signed: true}\n"
        "      - {id: U2, name: Hai, registered: true, agreement_signed: true}\n",
        encoding="utf-8",
    )
    return folder


def digests(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def invoke(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def test_outputs_over_inputs_are_refused_before_any_work(returned: Path) -> None:
    root = returned.parent
    units = root / "units.yaml"
    assert invoke("lock", returned, "-o", root / "verified.lock")[0] == 0
    before = digests(root)
    cases = [
        ("score", returned, "--out", returned / "U1.xlsx"),
        ("score", returned, "--out", returned / "new-report.xlsx"),  # inside a scored folder
        ("lock", returned, "-o", returned / "U2.xlsx"),
        ("rank", returned, "--units", units, "--out", units),
        ("rank", returned, "--units", units, "--lock", root / "verified.lock", "--out", units),
        ("lock", returned, "-o", root / "verified.lock", "--criteria", root),
    ]
    for args in cases:
        code, err = invoke(*args)
        assert code == 2, (args, err)
        assert "Không ghi" in err or "đuôi" in err, (args, err)
    assert (
        invoke(
            "rank",
            returned,
            "--units",
            units,
            "--lock",
            root / "verified.lock",
            "--out",
            root / "verified.lock",
        )[0]
        == 2
    )
    os.symlink(returned / "U1.xlsx", root / "link.xlsx")
    assert invoke("score", returned, "--out", root / "link.xlsx")[0] == 2  # a link to an input
    assert {k: v for k, v in digests(root).items() if k != "link.xlsx"} == before


def test_out_replaces_only_a_report_thidua_wrote(returned: Path, tmp_path: Path) -> None:
    """A unit's form, or a clerk's own workbook, under the --out name is never written over:
    only a scores or ranking report thidua wrote is replaced, run after run."""
    units = returned.parent / "units.yaml"
    elsewhere = tmp_path / "office"
    elsewhere.mkdir()
    theirs = elsewhere / "U2.xlsx"  # another unit's return, next to the one form scored
    theirs.write_bytes((returned / "U2.xlsx").read_bytes())
    own = elsewhere / "so-lieu.xlsx"
    own.write_bytes(b"PK\x03\x04 not thidua's")  # not even a readable workbook
    before = digests(elsewhere)
    for target in (theirs, own):
        for args in (
            ("score", returned / "U1.xlsx", "--out", target),
            ("rank", returned / "U1.xlsx", "--units", units, "--out", target),
        ):
            code, err = invoke(*args)
            assert code == 2 and "không phải báo cáo do thidua ghi" in err, (args, err)
            assert str(target) in err
    assert digests(elsewhere) == before
    report = elsewhere / "ket-qua.xlsx"
    for args in (
        ("score", returned, "--out", report),
        ("score", returned, "--out", report),  # its own report again
        ("rank", returned, "--units", units, "--out", report),  # a thidua report either way
    ):
        assert invoke(*args)[0] == 0, args
    assert digests(elsewhere)["U2.xlsx"] == before["U2.xlsx"]


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("score", "{ret}", "--out", "{root}/scores.csv"), "đuôi .xlsx"),
        (("lock", "{ret}", "-o", "{root}/khoa.xlsx"), "đuôi .lock"),
        (("score", "{ret}", "--out", "{root}/kq2/"), "cần tên một tệp có đuôi .xlsx (ví dụ"),
        (("score", "{ret}", "--out", "{root}/folder.xlsx"), "là một thư mục"),
        (("rank", "{ret}", "--units", "{root}/units.yaml", "--out", "{root}/x.lock"), ".xlsx"),
        (("score", "{ret}", "--out", "/dev/null"), "/dev/null không phải một tệp thường"),
        (("score", "{ret}", "--out", "{root}/missing/x.xlsx"), "Không tìm thấy"),
    ],
)
def test_out_is_checked_before_any_work(returned: Path, args: tuple[str, ...], phrase: str) -> None:
    root = returned.parent
    (root / "folder.xlsx").mkdir()
    before = digests(root)
    code, err = invoke(*(a.format(ret=returned, root=root) for a in args))
    assert code == 2 and phrase in err, err
    assert digests(root) == before


def test_devices_and_symlinks_are_never_written_through(returned: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.xlsx"
    target.write_bytes(b"keep me")
    link = tmp_path / "out.xlsx"
    link.symlink_to(target)
    code, err = invoke("score", returned, "--out", link)
    assert code == 2 and "liên kết" in err
    assert target.read_bytes() == b"keep me" and link.is_symlink()
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    code, err = invoke("score", returned, "--out", fifo)
    assert code == 2 and "không phải một tệp thường" in err
    with pytest.raises(files.UsageError):
        files.write_output(link, lambda handle: handle.write(b"x"))
    assert target.read_bytes() == b"keep me"


@pytest.mark.parametrize("where", ["path", "--units", "--lock", "--criteria"])
def test_over_long_paths_are_a_message(returned: Path, where: str) -> None:
    long = returned.parent / ("x" * 300) / "y.yaml"
    units = returned.parent / "units.yaml"
    args: list[str | Path] = ["rank", returned, "--units", units]
    if where == "path":
        args[1] = long
    elif where == "--units":
        args[3] = long
    else:
        args += [where, long]
    code, err = invoke(*args)
    assert code == 2 and "Không dùng được đường dẫn" in err, err
    code, err = invoke("score", long)
    assert code == 2 and "Không dùng được đường dẫn" in err, err


def test_an_interrupt_anywhere_leaves_no_temporary_file(tmp_path: Path) -> None:
    """Ctrl-C can arrive between any two lines of ``write_atomically``: raise it at each."""
    target = tmp_path / "U1.xlsx"
    lines = _line_count(lambda: files.write_bytes_atomically(target, b"data"))
    target.unlink()
    for stop_at in range(1, lines + 1):
        with pytest.raises(KeyboardInterrupt):
            _interrupt_at(stop_at, lambda: files.write_bytes_atomically(target, b"data"))
        left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
        assert left == [], (stop_at, left)
        target.unlink(missing_ok=True)


def _line_count(call: object) -> int:
    return _traced(call, stop_at=None)


def _interrupt_at(stop_at: int, call: object) -> None:
    _traced(call, stop_at)
    raise KeyboardInterrupt  # the call finished before the stop: count it as interrupted


def _traced(call: object, stop_at: int | None) -> int:
    """Run ``call`` counting the lines run in ``files``; raise Ctrl-C at line ``stop_at``."""
    count = 0

    def tracer(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if frame.f_code.co_filename == files.__file__ and event == "line":
            count += 1
            if count == stop_at:
                raise KeyboardInterrupt
        return tracer

    sys.settrace(tracer)
    try:
        call()  # type: ignore[operator]
    finally:
        sys.settrace(None)
    return count


def test_a_full_disk_while_writing_a_workbook_is_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zip of a workbook (or a Word paper) is made in memory and written by us: a write
    that fails is one located error, no half file, and nothing half-closed left for the
    garbage collector to complain about on stderr."""
    import errno
    import gc
    import os
    import sys

    from thidua_cli import files
    from thidua_cli.reports.scores_xlsx import write_scores_xlsx
    from thidua_cli.rubric.loader import load_rubric
    from thidua_cli.scoring.results import WorkbookResult

    class Full:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    opened = os.fdopen
    monkeypatch.setattr(files.os, "fdopen", lambda fd, mode: Full(opened(fd, mode)))
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    out = tmp_path / "ket-qua.xlsx"
    with pytest.raises(OSError, match="No space"):  # the command makes it a located message
        write_scores_xlsx(out, [WorkbookResult(file="a.xlsx")], load_rubric(), VI)
    gc.collect()
    assert unraisable == [] and not out.exists() and not list(tmp_path.iterdir())
