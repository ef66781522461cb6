"""The command line's frame: help and usage errors in the user's language, the root options,
UTF-8 whatever the code page, output that survives a pipe, outside text escaped."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tests.helpers import make_form, make_identity, valid_values
from thidua_cli import __version__, cli
from thidua_cli.cli import app, frame
from thidua_cli.form.layout import build_layout
from thidua_cli.rubric.model import Rubric
from thidua_cli.workflows.demo import run_demo

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
COMMANDS = [
    [],
    ["init-sheet"],
    ["score"],
    ["lock"],
    ["rank"],
    ["demo"],
    ["papers"],
    ["criteria"],
    ["criteria", "show"],
    ["criteria", "check"],
    ["criteria", "export"],
    ["criteria", "codes"],
    ["book"],
    ["book", "verify"],
    ["book", "import"],
    ["history"],
]
# What typer and click would print in English in their own frame.
FRAMEWORK_WORDS = [
    "Usage:",
    "Options",
    "Arguments",
    "Commands",
    "[required]",
    "[default",
    "Show this message",
    "completion",
    "<list",
    "<path>",
    "<int",
    "<str>",
    "Error",
    "Missing",
    "Try '",
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "thidua")
def test_help_has_no_english_frame_in_vietnamese(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "-h"])
    assert result.exit_code == 0, result.output
    for word in FRAMEWORK_WORDS:
        assert word not in result.stdout, (word, result.stdout)
    assert "Cách dùng: thidua" in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "thidua")
def test_help_is_english_in_english_mode(command: list[str]) -> None:
    result = runner.invoke(app, ["--lang", "en", *command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: thidua" in result.stdout
    for vietnamese in ("Cách dùng", "Tùy chọn", "Tham số", "bắt buộc", "Hiện hướng dẫn"):
        assert vietnamese not in result.stdout, vietnamese
    # every option of the page has its own English text, not the Vietnamese fallback
    assert not any(ch in result.stdout for ch in "ảạấầẩẫậắằẳẵặđẻẽẹếềểễệỉịỏọốồổỗộớờởỡợủụứừửữựỳỷỹỵ")


def test_every_option_has_texts_in_both_languages() -> None:
    import typer

    from thidua_cli.cli.frame import _param_keys
    from thidua_cli.messages import CATALOG

    root = typer.main.get_command(app)

    def walk(command: object, path: str) -> None:
        for param in command.params:  # type: ignore[attr-defined]
            if getattr(param, "hidden", False):
                continue
            kind = "arg" if param.param_type_name == "argument" else "opt"
            assert any(k in CATALOG for k in _param_keys(kind, path, param.name)), (
                path,
                param.name,
            )
        group = getattr(command, "list_commands", None)
        for name in group(None) if group else []:  # the root loads each command when asked
            sub = command.get_command(None, name)  # type: ignore[attr-defined]
            key = name if path == "thidua" else f"{path}.{name}"
            assert f"help.cmd.{key}" in CATALOG, key
            walk(sub, key)

    walk(root, "thidua")


def test_usage_errors_are_vietnamese_and_name_the_option(tmp_path: Path) -> None:
    result = runner.invoke(app, ["rank", str(tmp_path)])
    assert result.exit_code == 2
    assert "Lỗi: Thiếu tùy chọn --units." in result.stderr
    assert "Cách dùng: thidua rank [TÙY_CHỌN] ĐƯỜNG_DẪN..." in result.stderr
    bad = runner.invoke(app, ["score", str(tmp_path), "--year", "abc"])
    assert bad.exit_code == 2
    assert "Giá trị «abc» không hợp lệ cho --year: cần <năm>." in bad.stderr
    unknown = runner.invoke(app, ["scor"])
    assert unknown.exit_code == 2 and "Không có lệnh «scor»." in unknown.stderr
    english = runner.invoke(app, ["--lang", "en", "rank", str(tmp_path)])
    assert "Error: Missing option --units." in english.stderr
    for word in ("Usage:", "Missing option", "Try '"):
        assert word not in result.stderr


def test_an_optional_argument_is_shown_in_brackets() -> None:
    assert (
        "thidua criteria show [TÙY_CHỌN] [THƯ_MỤC]"
        in runner.invoke(app, ["criteria", "show", "-h"]).stdout
    )
    assert (
        "thidua criteria export [TÙY_CHỌN] THƯ_MỤC\n"
        in runner.invoke(app, ["criteria", "export", "-h"]).stdout
    )


def test_version_and_short_help_on_the_root() -> None:
    assert runner.invoke(app, ["--version"]).stdout.strip() == f"thidua {__version__}"
    assert "Lệnh:" in runner.invoke(app, ["-h"]).stdout


def test_root_lang_applies_to_the_command(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--lang", "en", "score", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "Not found" in result.stderr
    assert runner.invoke(app, ["--lang", "xx", "criteria", "show"]).exit_code == 2


def test_a_command_resumes_the_collector_the_entry_point_paused() -> None:
    """``thidua`` pauses the garbage collector for start-up; the command turns it back on
    (a long run makes garbage) with what start-up made frozen out of its sight."""
    gc.disable()
    frame.collector_paused_at_start()
    try:
        assert runner.invoke(app, ["criteria", "show"]).exit_code == 0
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_every_command_is_a_thidua_command() -> None:
    """What resumes the collector (and shows our help) is ``ThiduaCommand``'s: no command
    may be made without it."""
    root = typer.main.get_command(app)
    leaves = []
    for name in cli.COMMANDS:
        command = root.get_command(None, name)  # type: ignore[arg-type]
        subcommands = getattr(command, "commands", None)
        leaves += list(subcommands.values()) if subcommands else [command]
    assert len(leaves) >= 13
    assert all(isinstance(leaf, frame.ThiduaCommand) for leaf in leaves)


def test_help_leaves_the_collector_as_it_was() -> None:
    assert runner.invoke(app, ["-h"]).exit_code == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0  # the tests' process: never frozen


def test_python_dash_m_thidua_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "thidua", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stdout.strip() == f"thidua {__version__}"


# --- every command, piped, on a Windows code page -----------------------------------------


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("year")
    run_demo(out / "demo")
    return out / "demo"


def _piped(
    args: list[str], cwd: Path, lang: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "cp1258", "COLUMNS": "80"}
    env.pop("THIDUA_LANG", None)
    if lang:
        env["THIDUA_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "thidua", *args], cwd=cwd, env=env, capture_output=True, timeout=120
    )


PIPED = [
    (["--help"], 0),
    (["score", "demo/returned"], 0),
    (["score", "demo/returned", "--json"], 0),
    (["score", "demo/returned", "--format", "csv"], 0),
    (["score", "demo/returned", "--out", "kq.xlsx"], 0),
    (["lock", "demo/returned", "-o", "khoa.lock", "--book", "so-khac.sqlite"], 0),
    (["rank", "demo/returned", "--units", "demo/units.yaml", "--lock", "demo/verified.lock"], 0),
    (["rank", "demo/returned", "--units", "demo/units.yaml", "--json"], 0),
    (["rank", "demo/returned", "--units", "demo/units.yaml", "--csv", "--out", "xh.xlsx"], 0),
    (["init-sheet", "--units", "demo/units.yaml", "--out-dir", "bm"], 0),
    (["init-sheet", "--units", "demo/units.yaml", "--out-dir", "bm2", "--json"], 0),
    (["criteria", "show"], 0),
    (["criteria", "show", "--json"], 0),
    (["criteria", "check"], 0),
    (["criteria", "codes", "--csv"], 0),
    (["criteria", "export", "tc"], 0),
    (["demo", "--out-dir", "d2"], 0),
    (["score", "nowhere"], 2),
]


@pytest.mark.parametrize("lang", [None, "en"])
def test_every_command_piped_on_cp1258(year: Path, tmp_path: Path, lang: str | None) -> None:
    (tmp_path / "demo").symlink_to(year, target_is_directory=True)
    commands = PIPED if lang is None else PIPED[:3] + PIPED[6:8]  # English: a few suffice
    for args, code in commands:
        done = _piped(args, tmp_path, lang)
        assert done.returncode == code, (args, done.stderr.decode("utf-8", "replace"))
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")  # UTF-8, whole
        assert "Traceback" not in err, (args, err)
        if "--json" in args:
            json.loads(out)
        if "--csv" in args or "csv" in args:
            assert out.startswith("\ufeff")
    expected = "Đã chấm" if lang is None else "Scored"
    assert expected in _piped(["score", "demo/returned"], tmp_path, lang).stderr.decode()


def test_an_unknown_THIDUA_LANG_is_said_once_and_vietnamese_is_used(tmp_path: Path) -> None:
    done = _piped(["--version"], tmp_path, "fr")
    assert done.returncode == 0
    assert done.stderr.decode().count("THIDUA_LANG=fr") == 1
    assert "tiếng Việt" in done.stderr.decode()
    assert (
        "THIDUA_LANG" not in _piped(["--lang", "en", "--version"], tmp_path, "fr").stderr.decode()
    )
    assert "THIDUA_LANG" not in _piped(["--version"], tmp_path, "en").stderr.decode()


def test_piped_tables_keep_every_name_and_message_whole(rubric: Rubric, tmp_path: Path) -> None:
    layout = build_layout(rubric)
    folder = tmp_path / "một-thư-mục-có-tên-rất-dài-để-thử-xem-bảng-có-cắt-tên-tệp-hay-không"
    folder.mkdir()
    long_id = "DON-VI-CO-MA-RAT-DAI-" + "X" * 30
    values = valid_values(rubric, 3)
    make_form(folder, layout, make_identity(rubric, long_id, unit_name="Bệnh viện " * 8), values)
    result = runner.invoke(app, ["score", str(folder)])
    lines = result.stdout.splitlines()
    row = [line for line in lines if long_id in line]
    assert len(row) == 1, result.stdout  # one line per row, nothing cut
    assert str(folder / f"{long_id}.xlsx") in row[0]
    assert "…" not in result.stdout


def test_a_name_with_colons_is_printed_as_typed(rubric: Rubric, tmp_path: Path) -> None:
    layout = build_layout(rubric)
    name = "Trạm :star: y tế :warning:"
    make_form(
        tmp_path, layout, make_identity(rubric, "U1", unit_name=name), valid_values(rubric, 3)
    )
    out = runner.invoke(app, ["score", str(tmp_path)]).stdout
    assert name in out and "⭐" not in out


def test_console_numbers_are_vietnamese(rubric: Rubric, tmp_path: Path) -> None:
    layout = build_layout(rubric)
    make_form(tmp_path, layout, "U1", valid_values(rubric, 3))
    vi = runner.invoke(app, ["score", str(tmp_path)]).stdout
    en = runner.invoke(app, ["--lang", "en", "score", str(tmp_path)]).stdout
    data = json.loads(runner.invoke(app, ["score", str(tmp_path), "--json"]).stdout)
    total = data["workbooks"][0]["scores"]["self"]["total"]
    text = f"{total}"
    assert "." in text, "the sample total should have decimals"
    assert text.replace(".", ",") in vi and text in en


def test_terminal_escapes_in_a_file_name_are_shown_not_run(rubric: Rubric, tmp_path: Path) -> None:
    layout = build_layout(rubric)
    form = make_form(tmp_path, layout, "U1", valid_values(rubric, 3))
    evil = tmp_path / "\x1b]52;c;ZXZpbA==\x07U1\x1b[2J.xlsx"
    form.rename(evil)
    (tmp_path / "bad\x1b[31m.xlsx").write_bytes(b"not a workbook")
    for args in (
        ["score", str(tmp_path)],
        ["lock", str(tmp_path), "-o", str(tmp_path.parent / "k.lock")],
    ):
        result = runner.invoke(app, args)
        assert "\x1b" not in result.stdout + result.stderr, args
        assert "\\x1b" in result.stdout + result.stderr, args
