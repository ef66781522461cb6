"""`thidua criteria show|check` through the real typer app."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tests.rubric_files import SECTION, copy_default, write_rubric
from tests.test_rubric import EXPECTED
from thidua_cli.cli import app

runner = CliRunner()

FINDINGS_VI = [
    "Cảnh báo [total-mismatch] Tổng điểm công bố 1000 khác tổng điểm các phần 950.",
    "Cảnh báo [children-exceed-max] Mục 3.1: các tiêu chí con cộng lại 40 điểm, vượt điểm "
    "tối đa 30 của mục (điểm mục bị chặn ở 30).",
    "Cảnh báo [unreachable-max] Tiêu chí 3.4.d: công thức chỉ đạt tối đa 5 trên 10 điểm.",
    "Tổng điểm cao nhất đạt được là 945 (trên 950 điểm của các phần, 1000 điểm công bố).",
]


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, list(args), env=env)


def test_check_default_rubric_in_vietnamese() -> None:
    result = invoke("criteria", "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == FINDINGS_VI
    assert result.stderr.strip() == "Bộ tiêu chí syt-thanh-hoa-2020: 0 lỗi, 3 cảnh báo."


@pytest.mark.parametrize("how", ["option", "environment"])
def test_check_in_english(how: str) -> None:
    if how == "option":
        result = invoke("criteria", "check", "--lang", "en")
    else:
        result = invoke("criteria", "check", env={"THIDUA_LANG": "en"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Warning [total-mismatch] Declared total 1000 differs from the sum of the sections 950."
    )
    assert lines[2] == (
        "Warning [unreachable-max] Criterion 3.4.d: its formula reaches at most 5 of 10 points."
    )
    assert lines[3].startswith("The highest attainable total is 945")
    assert "Rubric syt-thanh-hoa-2020: 0 errors, 3 warnings." in result.stderr


def test_check_json() -> None:
    result = invoke("criteria", "check", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["rubric"] == {
        "id": "syt-thanh-hoa-2020",
        "declared_total": 1000,
        "max_total": 950,
        "attainable_total": 945,
    }
    assert (data["errors"], data["warnings"]) == (0, 3)
    assert [(p["code"], p.get("criterion"), p["severity"]) for p in data["problems"]] == [
        ("total-mismatch", None, "warning"),
        ("children-exceed-max", "3.1", "warning"),
        ("unreachable-max", "3.4.d", "warning"),
    ]
    assert data["problems"][2]["message"] == (
        "Tiêu chí 3.4.d: công thức chỉ đạt tối đa 5 trên 10 điểm."
    )


def test_check_hand_made_rubric_without_findings(tmp_path: Path) -> None:
    result = invoke("criteria", "check", str(write_rubric(tmp_path, SECTION)))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Tổng điểm cao nhất đạt được là 100 (trên 100 điểm của các phần, 100 điểm công bố)."
    ]


def test_broken_rubric_exits_1_with_location(tmp_path: Path) -> None:
    directory = write_rubric(tmp_path, SECTION.replace("max: 60", "max: -60"))
    for command in ("check", "show"):
        result = invoke("criteria", command, str(directory))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert "Traceback" not in result.output
        assert result.stderr.startswith(f"Lỗi: Tệp {directory / 'section-1.yaml'}, dòng 5, ")
        assert "tiêu chí 1.1" in result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_hostile_rubric_exits_1(tmp_path: Path) -> None:
    text = SECTION.replace("max: 60", 'max: !!python/object/apply:os.system ["true"]')
    result = invoke("criteria", "check", str(write_rubric(tmp_path, text)))
    assert result.exit_code == 1
    assert "không an toàn" in result.stderr
    assert "Traceback" not in result.output


def test_missing_directory_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = invoke("criteria", "check", str(missing))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Lỗi: Không tìm thấy: {missing}"
    result = invoke("criteria", "check", "--base", str(missing))
    assert result.exit_code == 2
    result = invoke("criteria", "show", str(missing), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: Not found: {missing}"


def test_bad_language_exits_2() -> None:
    result = invoke("criteria", "check", "--lang", "fr")
    assert result.exit_code == 2
    assert "fr" in result.stderr


def test_check_with_base_errors_exit_1(tmp_path: Path) -> None:
    cluster = copy_default(tmp_path / "cum")
    section = cluster / "section-1.yaml"
    section.write_text(section.read_text("utf-8").replace("max: 550", "max: 600", 1), "utf-8")
    base = copy_default(tmp_path / "base")
    result = invoke("criteria", "check", str(cluster), "--base", str(base))
    assert result.exit_code == 1
    assert (
        "Lỗi [base-section-max] Phần 1: điểm tối đa 600 vượt điểm tối đa 550 của bộ tiêu chí gốc."
        in result.stdout.splitlines()
    )
    assert "1 lỗi" in result.stderr
    result = invoke("criteria", "check", str(cluster), "--base", str(base), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["errors"] == 1
    assert {"code": "base-section-max", "criterion": "1", "severity": "error"}.items() <= next(
        p for p in data["problems"] if p["severity"] == "error"
    ).items()


def test_check_with_base_passes_on_copy(tmp_path: Path) -> None:
    cluster = copy_default(tmp_path / "cum")
    result = invoke("criteria", "check", str(cluster), "--base", str(cluster))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == FINDINGS_VI


def test_show_prints_the_tree() -> None:
    result = invoke("criteria", "show")
    assert result.exit_code == 0
    out = result.stdout
    assert "tổng điểm công bố 1000, tổng các phần 950" in out
    assert "Phần 1. Thi đua thực hiện các nhiệm vụ chính trị được giao — 550" in out
    assert "3.4.d Tỷ lệ khen thưởng người lao động trực tiếp" in out
    assert "Hoàn thành tốt nhiệm vụ: 30" in out
    assert "Không hoàn thành nhiệm vụ: 0 (bổ sung)" in out
    assert "(Số nhiệm vụ thực hiện chậm, muộn: số đếm)" in out  # labels and kinds in Vietnamese
    assert "├──" in out and "└──" in out
    # every code appears, in order
    positions = [out.index(f"{code} ") for code in ("1.1", "1.7.a", "2.5", "3.3.b.4", "3.7.c")]
    assert positions == sorted(positions)


def test_show_in_english() -> None:
    result = invoke("criteria", "show", "--lang", "en")
    assert "Section 2." in result.stdout
    assert "declared total 1000, sections add up to 950" in result.stdout
    assert "(added)" in result.stdout


def test_show_json_lists_all_50_criteria() -> None:
    result = invoke("criteria", "show", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["rubric"]["id"] == "syt-thanh-hoa-2020"
    assert data["rubric"]["declared_total"] == 1000
    assert data["rubric"]["max_total"] == 950
    assert [(s["code"], s["max"]) for s in data["sections"]] == [("1", 550), ("2", 200), ("3", 200)]
    criteria = data["criteria"]
    assert len(criteria) == 50
    actual = {
        c["code"]: (c["max"], tuple((i["name"], i["kind"]) for i in c["inputs"])) for c in criteria
    }
    assert actual == EXPECTED
    leaf = next(c for c in criteria if c["code"] == "1.6")
    assert leaf["inputs"][0]["labels"] == ["Có", "Không"]
    assert leaf["formula"] == 'if(has_projects = "Không", 50, points)'
    group = next(c for c in criteria if c["code"] == "3.1")
    assert group["group"] is True and group["children"] == ["3.1.a", "3.1.b", "3.1.c"]
    level = next(c for c in criteria if c["code"] == "2.1")["levels"][-1]
    assert level == {"label": "Không đạt", "points": 0, "added": True}
    assert next(c for c in criteria if c["code"] == "3.4.a")["formula"].endswith("late_days)")


def test_json_is_pure_stdout() -> None:
    """Diagnostics go to stderr, so --json output parses even when there are findings."""
    result = invoke("criteria", "check", "--json")
    assert json.loads(result.stdout)["warnings"] == 3
    result = invoke("criteria", "show", "--json")
    assert result.stderr == ""
    assert json.loads(result.stdout)["criteria"]


# --- help -------------------------------------------------------------------------------


def all_commands() -> list[str]:
    """Every leaf command's name, e.g. "criteria check" (typer may vendor its own click)."""
    found: list[str] = []

    def visit(prefix: str, command: Any) -> None:
        if not hasattr(command, "list_commands"):
            found.append(prefix)
            return
        context = command.make_context(prefix or "thidua", [], resilient_parsing=True)
        for name in command.list_commands(context):  # the root imports its commands lazily
            visit(f"{prefix} {name}".strip(), command.get_command(context, name))

    visit("", typer.main.get_command(app))
    return found


def test_every_command_has_help_with_an_example() -> None:
    commands = all_commands()
    assert {"criteria check", "criteria show"} <= set(commands)
    for name in commands:
        result = invoke(*name.split(), "--help")
        assert result.exit_code == 0, name
        assert "Ví dụ:" in result.stdout, f"thidua {name} --help has no example"
        assert f"thidua {name}" in result.stdout, f"the example of {name} does not run it"


def test_top_level_help() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "criteria" in result.stdout
    assert "Chấm điểm thi đua" in result.stdout
