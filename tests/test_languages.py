"""The language is chosen at the edge: English mode prints no Vietnamese, Vietnamese mode
prints no English from pydantic, PyYAML's caller or the formula engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.helpers import make_form, make_identity, set_cells
from thidua_cli.cli import app
from thidua_cli.form.layout import build_layout, input_name
from thidua_cli.messages import CATALOG, EN
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side

runner = CliRunner()
# Letters only Vietnamese uses (ASCII file names and unit names keep user text out of this).
VIETNAMESE = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯàáạảãầấậẩẫằắặẳẵèéẹẻẽềếệểễìíịỉĩòóọỏõồốộổỗờớợởỡùúụủũừứựửữỳýỵỷỹ]"
)
# Data, not sentences: sheet names (cell locations), the labels a unit must pick from.
DATA = re.compile(r"'Phần \d'|Tổng hợp|Giỏi|Tốt / Khá / Trung bình / Không đạt")
# What pydantic and the formula engine say when nobody translates them.
UNTRANSLATED = (
    "Input should",
    "Extra inputs",
    "Field required",
    "Value error",
    "validation error",
)

UNITS_WITH_A_TYPO = """\
clusters:
  - id: cum-1
    name: Cluster one
    units:
      - id: A1
        name: Unit A1
        registred: true
      - id: A2
        name: Unit A2
        agreement_signed: maybe
"""


@pytest.fixture
def broken(rubric: Rubric, tmp_path: Path) -> Path:
    folder = tmp_path / "returned"
    folder.mkdir()
    identity = make_identity(rubric, "U1", unit_name="Unit U1", cluster_name="Cluster 1")
    identity_path = make_form(folder, build_layout(rubric), identity)
    set_cells(
        identity_path,
        {
            input_name(Side.SELF, "1.1", "late_tasks"): "ba",
            input_name(Side.SELF, "1.2", "points"): 500,
            input_name(Side.SELF, "2.1", "level"): "Giỏi",
        },
    )
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    return folder


def test_english_mode_prints_no_vietnamese(broken: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(broken), "--lang", "en"])
    assert result.exit_code == 1
    text = result.stdout + result.stderr
    assert "not a number" in text and "above the maximum" in text
    assert not VIETNAMESE.findall(DATA.sub("", text)), text
    units = tmp_path / "units.yaml"
    units.write_text(UNITS_WITH_A_TYPO, encoding="utf-8")
    result = runner.invoke(
        app, ["rank", str(broken), "--units", str(units)], env={"THIDUA_LANG": "en"}
    )
    assert result.exit_code == 1
    assert "did you mean «registered»" in result.stderr, result.stderr
    assert not VIETNAMESE.findall(result.stdout + result.stderr), result.stderr


def test_vietnamese_mode_prints_no_english_from_the_libraries(tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text(UNITS_WITH_A_TYPO, encoding="utf-8")
    result = runner.invoke(app, ["init-sheet", "--units", str(units), "--out", str(tmp_path / "f")])
    assert result.exit_code == 1
    assert "có phải ý bạn là «registered»" in result.stderr, result.stderr
    assert "phải là true hoặc false" in result.stderr
    for phrase in UNTRANSLATED:
        assert phrase not in result.stderr, result.stderr
    rubric = tmp_path / "criteria"
    runner.invoke(app, ["criteria", "export", str(rubric)])
    section = rubric / "section-1.yaml"
    section.write_text(
        section.read_text(encoding="utf-8").replace(
            "max(0, 100 - 1 * late_tasks)", "max(0, 100 - late_tasks ^ 2)"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["criteria", "check", str(rubric)])
    assert result.exit_code == 1, result.output
    assert "ký tự không hợp lệ" in result.stderr, result.stderr
    for phrase in (*UNTRANSLATED, "invalid character"):
        assert phrase not in result.stderr


def test_english_plurals() -> None:
    assert EN("score.summary", count=1, errors=1, warnings=2) == (
        "Scored 1 file: 1 error, 2 warnings."
    )
    assert EN("score.summary", count=3, errors=0, warnings=1) == (
        "Scored 3 files: 0 errors, 1 warning."
    )
    for key, (_, english) in CATALOG.items():
        assert "(s)" not in english, key


def test_a_tab_is_told_in_the_users_language_for_both_kinds_of_yaml(tmp_path: Path) -> None:
    """A tab typed for indentation (Notepad's habit): our sentence, for the units file and a
    criteria directory alike, never PyYAML's English."""
    units = tmp_path / "units.yaml"
    units.write_text(
        UNITS_WITH_A_TYPO.replace("        registred: true", "\tregistered: true"), "utf-8"
    )
    rubric = tmp_path / "criteria"
    runner.invoke(app, ["criteria", "export", str(rubric)])
    section = rubric / "section-1.yaml"
    lines = section.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = "\t" + lines[6].lstrip(" ")
    section.write_text("".join(lines), encoding="utf-8")
    for args, where in (
        (["init-sheet", "--units", str(units), "--out", str(tmp_path / "f")], f"{units}, dòng 7"),
        (["criteria", "check", str(rubric)], f"{section}, dòng 7"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        said = " ".join(result.stderr.split())
        assert f"{where}: YAML không hợp lệ hoặc không an toàn (có ký tự Tab" in said, said
        assert "hãy xóa Tab, thụt lề bằng dấu cách" in said and "found" not in said, said
        english = runner.invoke(app, [*args, "--lang", "en"]).stderr
        assert "delete the tab and indent with spaces" in " ".join(english.split()), english
