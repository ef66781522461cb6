"""`criteria check`: the guidance's own inconsistencies, each finding on hand-made rubrics,
and a cluster rubric checked against its base."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.rubric_files import SECTION, concretise_1_8, copy_default, edit_section, write_rubric
from thidua_cli.findings import Severity
from thidua_cli.messages import EN, VI
from thidua_cli.rubric.checks import check_rubric
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric


def findings(rubric: Rubric, base: Rubric | None = None) -> list[tuple[str, str | None, str]]:
    return [(p.code, p.criterion, p.severity.value) for p in check_rubric(rubric, base).problems]


def test_default_rubric_has_exactly_three_warnings(rubric: Rubric) -> None:
    report = check_rubric(rubric)
    assert findings(rubric) == [
        ("total-mismatch", None, "warning"),
        ("children-exceed-max", "3.1", "warning"),
        ("unreachable-max", "3.4.d", "warning"),
    ]
    messages = [VI.finding(p) for p in report.problems]
    assert messages == [
        "Tổng điểm công bố 1000 khác tổng điểm các phần 950.",
        "Mục 3.1: các tiêu chí con cộng lại 40 điểm, vượt điểm tối đa 30 của mục "
        "(điểm mục bị chặn ở 30).",
        "Tiêu chí 3.4.d: công thức chỉ đạt tối đa 5 trên 10 điểm.",
    ]
    assert report.attainable_total == 945
    assert report.errors == 0
    assert report.warnings == 3


def test_default_rubric_findings_in_english(rubric: Rubric) -> None:
    messages = [EN.finding(p) for p in check_rubric(rubric).problems]
    assert messages[0] == "Declared total 1000 differs from the sum of the sections 950."
    assert messages[2] == "Criterion 3.4.d: its formula reaches at most 5 of 10 points."


# --- each finding on a small hand-made rubric -------------------------------------------


def hand_made(tmp_path: Path, *sections: str, total: int = 100) -> Rubric:
    return load_rubric(write_rubric(tmp_path, *sections, total=total))


def test_clean_rubric_has_no_findings(tmp_path: Path) -> None:
    rubric = hand_made(tmp_path, SECTION)
    report = check_rubric(rubric)
    assert report.problems == []
    assert report.attainable_total == 100


def test_total_mismatch(tmp_path: Path) -> None:
    report = check_rubric(hand_made(tmp_path, SECTION, total=120))
    assert findings(report.rubric) == [("total-mismatch", None, "warning")]
    assert "120" in VI.finding(report.problems[0])
    assert "100" in VI.finding(report.problems[0])


GROUP = """\
code: "1"
title: Phần có nhóm
max: 100
criteria:
  - code: "1.1"
    title: Nhóm
    max: 40
    children:
      - code: "1.1.a"
        title: Con a
        max: 30
        inputs: [{name: done, kind: done}]
        formula: 'if(done = "Đã thực hiện", 30, 0)'
      - code: "1.1.b"
        title: Con b
        max: 20
        inputs: [{name: points, kind: points}]
        formula: points
  - code: "1.2"
    title: Lá
    max: 60
    inputs: [{name: n, kind: count}]
    formula: min(60, 3 * n)
"""


def test_children_exceed_max(tmp_path: Path) -> None:
    report = check_rubric(hand_made(tmp_path, GROUP))
    assert findings(report.rubric) == [("children-exceed-max", "1.1", "warning")]
    assert "50" in VI.finding(report.problems[0]) and "40" in VI.finding(report.problems[0])
    assert report.attainable_total == 100  # the group is capped at 40


def test_children_below_max(tmp_path: Path) -> None:
    text = (
        GROUP.replace("max: 20", "max: 5").replace("max: 30", "max: 10").replace("30, 0)", "10, 0)")
    )
    report = check_rubric(hand_made(tmp_path, text))
    assert findings(report.rubric) == [("children-below-max", "1.1", "warning")]
    assert report.attainable_total == 75


def test_section_children_exceed_its_max(tmp_path: Path) -> None:
    report = check_rubric(hand_made(tmp_path, SECTION.replace("max: 100", "max: 90"), total=90))
    assert findings(report.rubric) == [("children-exceed-max", "1", "warning")]
    assert report.attainable_total == 90


def test_unreachable_max(tmp_path: Path) -> None:
    text = SECTION.replace("max(0, 60 - 2 * late)", "if(late < 3, 20, 5)")
    report = check_rubric(hand_made(tmp_path, text))
    assert findings(report.rubric) == [("unreachable-max", "1.1", "warning")]
    assert (
        VI.finding(report.problems[0]) == "Tiêu chí 1.1: công thức chỉ đạt tối đa 20 trên 60 điểm."
    )
    assert report.attainable_total == 60


def test_unreachable_level_table(tmp_path: Path) -> None:
    text = SECTION.replace("{label: Tốt, points: 40}", "{label: Tốt, points: 35}")
    report = check_rubric(hand_made(tmp_path, text))
    assert findings(report.rubric) == [("unreachable-max", "1.2", "warning")]
    assert report.attainable_total == 95


def test_formula_above_its_max(tmp_path: Path) -> None:
    text = SECTION.replace("max(0, 60 - 2 * late)", "2 * late")
    report = check_rubric(hand_made(tmp_path, text))
    assert findings(report.rubric) == [("exceeds-max", "1.1", "warning")]
    assert "∞" in VI.finding(report.problems[0])
    assert report.attainable_total == 100  # capped at the maximum


def test_negative_points(tmp_path: Path) -> None:
    text = SECTION.replace("max(0, 60 - 2 * late)", "60 - 2 * late")
    report = check_rubric(hand_made(tmp_path, text))
    assert findings(report.rubric) == [("negative-points", "1.1", "warning")]
    assert "điểm âm" in VI.finding(report.problems[0])


# --- a cluster rubric against its base --------------------------------------------------


def base_errors(cluster: Path, base: Rubric) -> list[tuple[str, str | None, str]]:
    return [f for f in findings(load_rubric(cluster), base) if f[2] == Severity.ERROR.value]


def test_unchanged_copy_passes_against_base(tmp_path: Path, rubric: Rubric) -> None:
    assert base_errors(copy_default(tmp_path / "cum"), rubric) == []


def test_section_1_above_base_is_an_error(tmp_path: Path, rubric: Rubric) -> None:
    cluster = copy_default(tmp_path / "cum")

    def raise_max(data: dict[str, Any]) -> None:
        data["max"] = 600
        data["criteria"][0]["max"] = 150
        data["criteria"][0]["formula"] = "max(0, 150 - 1 * late_tasks)"

    edit_section(cluster, "section-1.yaml", raise_max)
    report = check_rubric(load_rubric(cluster), rubric)
    assert base_errors(cluster, rubric) == [
        ("base-section-max", "1", "error"),
        ("base-section-over", "1", "error"),
    ]
    problem = next(p for p in report.problems if p.is_error)
    assert (
        VI.finding(problem) == "Phần 1: điểm tối đa 600 vượt điểm tối đa 550 của bộ tiêu chí gốc."
    )


def test_section_2_above_base_is_an_error(tmp_path: Path, rubric: Rubric) -> None:
    cluster = copy_default(tmp_path / "cum")
    edit_section(cluster, "section-2.yaml", lambda data: data.update(max=210))
    assert base_errors(cluster, rubric) == [("base-section-max", "2", "error")]


def test_a_cluster_criterion_above_its_max_is_an_error(tmp_path: Path, rubric: Rubric) -> None:
    """On its own a warning (the form would print it); in a cluster's rubric it is refused:
    a criterion of 100 points scored 184 would pass unseen."""
    cluster = copy_default(tmp_path / "cum")

    def double(data: dict[str, Any]) -> None:
        criterion = data["criteria"][1]
        assert criterion["code"] == "1.2"
        criterion["formula"] = f"2 * ({criterion['formula']})"

    edit_section(cluster, "section-1.yaml", double)
    assert ("exceeds-max", "1.2", "warning") in findings(load_rubric(cluster))
    assert base_errors(cluster, rubric) == [("exceeds-max", "1.2", "error")]


def test_section_3_changed_is_an_error(tmp_path: Path, rubric: Rubric) -> None:
    cluster = copy_default(tmp_path / "cum")

    def soften(data: dict[str, Any]) -> None:
        criterion = data["criteria"][4]
        assert criterion["code"] == "3.5"
        criterion["formula"] = "max(0, 10 - 0.5 * escalated)"

    edit_section(cluster, "section-3.yaml", soften)
    report = check_rubric(load_rubric(cluster), rubric)
    assert base_errors(cluster, rubric) == [("base-section3-changed", "3", "error")]
    problem = next(p for p in report.problems if p.is_error)
    assert VI.finding(problem).endswith("khác ở: 3.5.")


def test_section_3_title_changed_is_an_error(tmp_path: Path, rubric: Rubric) -> None:
    cluster = copy_default(tmp_path / "cum")
    edit_section(cluster, "section-3.yaml", lambda data: data.update(title="Khen thưởng"))
    assert base_errors(cluster, rubric) == [("base-section3-changed", "3", "error")]


def test_missing_section_is_an_error(tmp_path: Path, rubric: Rubric) -> None:
    cluster = copy_default(tmp_path / "cum")
    meta = cluster / "rubric.yaml"
    meta.write_text(meta.read_text("utf-8").replace("  - section-2.yaml\n", ""), "utf-8")
    assert base_errors(cluster, rubric) == [("base-section-missing", "2", "error")]


def test_concretised_section_1_passes(tmp_path: Path, rubric: Rubric) -> None:
    """A cluster splits 1.8 (40 points) into two sub-criteria of its own: same maximum."""
    cluster = copy_default(tmp_path / "cum")
    edit_section(cluster, "section-1.yaml", concretise_1_8)
    concrete = load_rubric(cluster)
    assert concrete.criterion("1.8").is_group
    report = check_rubric(concrete, rubric)
    assert report.errors == 0
    assert [p.code for p in report.problems] == [
        "total-mismatch",
        "children-exceed-max",
        "unreachable-max",
        "base-no-agreement",  # a warning here; loading it for a cluster refuses it
    ]
    assert report.attainable_total == 945


def test_smaller_section_1_passes(tmp_path: Path, rubric: Rubric) -> None:
    cluster = copy_default(tmp_path / "cum")

    def shrink(data: dict[str, Any]) -> None:
        data["max"] = 510
        data["criteria"] = [c for c in data["criteria"] if c["code"] != "1.8"]

    edit_section(cluster, "section-1.yaml", shrink)
    assert base_errors(cluster, rubric) == []
