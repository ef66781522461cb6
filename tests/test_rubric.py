"""The shipped rubric matches SPEC §2 exactly; bad and hostile criteria files are refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from tests.helpers import text_of
from tests.rubric_files import SECTION, copy_default, line_number, write_rubric
from thidua_cli import safe_yaml
from thidua_cli.findings import RubricError
from thidua_cli.messages import EN, VI, Messages
from thidua_cli.reports.rubric_json import describe
from thidua_cli.rubric.loader import default_rubric_dir, load_rubric
from thidua_cli.rubric.model import InputKind, Rubric
from thidua_cli.safe_yaml import MAX_YAML_BYTES

# SPEC §2, row by row: code -> (max, ((input name, kind), ...)); groups have no inputs.
C, P, PCT, YN, LV, D = "count", "points", "percent", "yes/no", "level", "done"
EXPECTED: dict[str, tuple[int, tuple[tuple[str, str], ...]]] = {
    "1.1": (100, (("late_tasks", C),)),
    "1.2": (100, (("points", P),)),
    "1.3": (70, (("points", P),)),
    "1.4": (100, (("points", P),)),
    "1.5": (50, (("unresolved", C),)),
    "1.6": (50, (("has_projects", YN), ("points", P))),
    "1.7": (40, ()),
    "1.7.a": (10, (("points", P),)),
    "1.7.b": (30, (("cases", C),)),
    "1.8": (40, (("points", P),)),
    "2.1": (50, (("level", LV),)),
    "2.2": (30, (("level", LV),)),
    "2.3": (50, (("level", LV),)),
    "2.4": (40, (("level", LV),)),
    "2.5": (30, (("level", LV),)),
    "3.1": (30, ()),
    "3.1.a": (20, (("done", D),)),
    "3.1.b": (10, ()),
    "3.1.b.1": (5, (("done", D),)),
    "3.1.b.2": (5, (("done", D),)),
    "3.1.c": (10, (("done", D),)),
    "3.2": (60, ()),
    "3.2.a": (30, ()),
    "3.2.a.1": (10, (("done", D),)),
    "3.2.a.2": (10, (("done", D),)),
    "3.2.a.3": (10, (("done", D),)),
    "3.2.b": (30, ()),
    "3.2.b.1": (15, (("campaigns", C),)),
    "3.2.b.2": (15, (("done", D),)),
    "3.3": (30, ()),
    "3.3.a": (5, (("done", D),)),
    "3.3.b": (25, ()),
    "3.3.b.1": (5, (("done", D),)),
    "3.3.b.2": (5, (("done", D),)),
    "3.3.b.3": (5, (("articles", C),)),
    "3.3.b.4": (10, (("examples", C),)),
    "3.4": (50, ()),
    "3.4.a": (10, (("late_days", C),)),
    "3.4.b": (10, (("ineligible", C),)),
    "3.4.c": (10, (("good_deeds", C), ("ad_hoc", C))),
    "3.4.d": (10, (("ratio", PCT),)),
    "3.4.e": (10, (("done", D),)),
    "3.5": (10, (("escalated", C),)),
    "3.6": (10, ()),
    "3.6.a": (5, (("done", D),)),
    "3.6.b": (5, (("done", D),)),
    "3.7": (10, ()),
    "3.7.a": (5, (("done", D),)),
    "3.7.b": (2, (("done", D),)),
    "3.7.c": (3, (("done", D),)),
}
EXPECTED_SECTIONS = {"1": 550, "2": 200, "3": 200}
# Children of each group, as SPEC §2 lists them.
EXPECTED_CHILDREN = {
    "1.7": ["1.7.a", "1.7.b"],
    "3.1": ["3.1.a", "3.1.b", "3.1.c"],
    "3.1.b": ["3.1.b.1", "3.1.b.2"],
    "3.2": ["3.2.a", "3.2.b"],
    "3.2.a": ["3.2.a.1", "3.2.a.2", "3.2.a.3"],
    "3.2.b": ["3.2.b.1", "3.2.b.2"],
    "3.3": ["3.3.a", "3.3.b"],
    "3.3.b": ["3.3.b.1", "3.3.b.2", "3.3.b.3", "3.3.b.4"],
    "3.4": ["3.4.a", "3.4.b", "3.4.c", "3.4.d", "3.4.e"],
    "3.6": ["3.6.a", "3.6.b"],
    "3.7": ["3.7.a", "3.7.b", "3.7.c"],
}
# (label, points, added by us below the guidance's lowest level)
EXPECTED_LEVELS = {
    "2.1": [
        ("Tốt", 50, False),
        ("Khá", 45, False),
        ("Trung bình", 40, False),
        ("Không đạt", 0, True),
    ],
    "2.2": [
        ("Tốt", 30, False),
        ("Khá", 20, False),
        ("Trung bình", 15, False),
        ("Không đạt", 0, True),
    ],
    "2.3": [
        ("Tốt", 50, False),
        ("Khá", 45, False),
        ("Trung bình", 35, False),
        ("Không đạt", 0, True),
    ],
    "2.4": [
        ("Hoàn thành xuất sắc nhiệm vụ", 40, False),
        ("Hoàn thành tốt nhiệm vụ", 30, False),
        ("Hoàn thành nhiệm vụ", 20, False),
        ("Không hoàn thành nhiệm vụ", 0, True),
    ],
    "2.5": [
        ("Vững mạnh, xuất sắc", 30, False),
        ("Hoàn thành tốt", 20, False),
        ("Hoàn thành", 10, False),
        ("Không hoàn thành", 0, True),
    ],
}
# The digest is stored in every workbook: changing it breaks returned forms, so pin it.
DEFAULT_DIGEST = "a38a132e2233a2cc"


# --- the shipped rubric -----------------------------------------------------------------


def test_metadata(rubric: Rubric) -> None:
    assert rubric.id == "syt-thanh-hoa-2020"
    assert rubric.meta.declared_total == 1000
    assert rubric.meta.year == 2020
    assert "Sở Y tế" in rubric.meta.issuer
    assert rubric.meta.document
    assert rubric.max_total == 950


def test_sections_match_spec(rubric: Rubric) -> None:
    assert {s.code: s.max for s in rubric.sections} == EXPECTED_SECTIONS


def test_criteria_match_spec_exactly(rubric: Rubric) -> None:
    actual = {
        c.code: (c.max, tuple((i.name, i.kind.value) for i in c.inputs)) for c in rubric.walk()
    }
    assert actual == {code: (Decimal(m), inputs) for code, (m, inputs) in EXPECTED.items()}
    assert len(actual) == 50
    # Rubric order is the guidance's order.
    assert [c.code for c in rubric.walk()] == list(EXPECTED)


def test_group_structure(rubric: Rubric) -> None:
    groups = {c.code: [k.code for k in c.children] for c in rubric.walk() if c.is_group}
    assert groups == EXPECTED_CHILDREN
    for criterion in rubric.walk():
        assert criterion.is_group == (not EXPECTED[criterion.code][1])


def test_levels_and_added_zero_levels(rubric: Rubric) -> None:
    for code, expected in EXPECTED_LEVELS.items():
        levels = [(lv.label, lv.points, lv.added) for lv in rubric.criterion(code).levels]
        assert levels == [(label, Decimal(p), added) for label, p, added in expected], code
    with_levels = {c.code for c in rubric.walk() if c.levels}
    assert with_levels == set(EXPECTED_LEVELS)


def test_label_inputs(rubric: Rubric) -> None:
    leaf = rubric.criterion("1.6")
    assert leaf.labels(leaf.inputs[0]) == ("Có", "Không")
    leaf = rubric.criterion("3.1.a")
    assert leaf.labels(leaf.inputs[0]) == ("Đã thực hiện", "Chưa thực hiện")
    leaf = rubric.criterion("2.4")
    assert leaf.inputs[0].kind is InputKind.LEVEL
    assert leaf.labels(leaf.inputs[0])[1] == "Hoàn thành tốt nhiệm vụ"


def test_titles_are_clean(rubric: Rubric) -> None:
    titles = [s.title for s in rubric.sections] + [c.title for c in rubric.walk()]
    for title in titles:
        assert title == title.strip()
        assert "  " not in title, title
        assert "\n" not in title and "\r" not in title, title
    assert rubric.criterion("3.4.d").title.startswith("Tỷ lệ khen thưởng người lao động")


def test_formulas_of_spec(rubric: Rubric) -> None:
    def score(code: str, **values: object) -> Decimal:
        typed = {k: Decimal(v) if isinstance(v, int) else v for k, v in values.items()}
        return rubric.criterion(code).evaluate(typed)  # type: ignore[arg-type]

    assert score("1.1", late_tasks=3) == 97
    assert score("1.1", late_tasks=250) == 0
    assert score("1.6", has_projects="Không", points=10) == 50
    assert score("1.6", has_projects="Có", points=10) == 10
    assert score("1.7.b", cases=4) == 22
    assert score("2.5", level="Hoàn thành tốt") == 20
    assert score("3.1.a", done="Đã thực hiện") == 20
    assert score("3.1.a", done="Chưa thực hiện") == 0
    assert score("3.2.b.1", campaigns=7) == Decimal("3.5")
    assert score("3.2.b.1", campaigns=40) == 15
    assert score("3.4.a", late_days=3) == Decimal("9.25")
    assert score("3.4.b", ineligible=12) == 0
    assert score("3.4.c", good_deeds=3, ad_hoc=2) == Decimal("3.5")
    assert [score("3.4.d", ratio=r) for r in (0, 49, 50, 74, 75, 100)] == [1, 1, 3, 3, 5, 5]


def test_package_data_is_found() -> None:
    directory = default_rubric_dir()
    assert directory.is_dir()
    assert (directory / "rubric.yaml").is_file()
    # The top-level criteria/ of the checkout (the wheel carries it, see test_packaging),
    # found through the package, not through the current directory.
    assert directory.parts[-2:] == ("criteria", "syt-thanh-hoa-2020")
    assert directory.is_absolute()
    assert load_rubric(directory).id == "syt-thanh-hoa-2020"


def test_digest_is_stable(rubric: Rubric, tmp_path: Path) -> None:
    assert rubric.digest() == DEFAULT_DIGEST
    assert load_rubric().digest() == DEFAULT_DIGEST
    # The copy elsewhere has the same digest: paths are not part of it.
    copy = copy_default(tmp_path / "copy")
    assert load_rubric(copy).digest() == DEFAULT_DIGEST
    section = copy / "section-3.yaml"
    section.write_text(section.read_text("utf-8").replace("max: 3\n", "max: 4\n"), "utf-8")
    assert load_rubric(copy).digest() != DEFAULT_DIGEST


def test_describe_lists_every_criterion(rubric: Rubric) -> None:
    described = describe(rubric)
    assert [c["code"] for c in described["criteria"]] == list(EXPECTED)
    assert described["rubric"]["digest"] == DEFAULT_DIGEST


# --- loading errors on hand-made files --------------------------------------------------


def load_error(directory: Path, messages: Messages = VI) -> str:
    with pytest.raises(RubricError) as caught:
        load_rubric(directory)
    message = text_of(caught.value, messages)
    assert "Traceback" not in message
    return message


def assert_located(message: str, file: Path, line: int, code: str) -> None:
    """File, line and criterion, in Vietnamese."""
    assert f"Tệp {file}" in message, message
    assert f"dòng {line}," in message, message
    assert f"tiêu chí {code}" in message, message


def test_hand_made_rubric_loads(tmp_path: Path) -> None:
    rubric = load_rubric(write_rubric(tmp_path, SECTION))
    assert [c.code for c in rubric.walk()] == ["1.1", "1.2"]
    assert rubric.source == str(tmp_path)


def test_duplicate_code(tmp_path: Path) -> None:
    text = SECTION.replace('code: "1.2"', 'code: "1.1"')
    message = load_error(write_rubric(tmp_path, text))
    assert_located(message, tmp_path / "section-1.yaml", line_number(text, '"1.1"', 2), "1.1")
    assert "bị trùng" in message
    assert f"section-1.yaml:{line_number(text, '1.1')}" in message


def test_duplicate_code_across_files(tmp_path: Path) -> None:
    second = SECTION.replace('code: "1"', 'code: "2"').replace('"1.2"', '"2.2"')
    message = load_error(write_rubric(tmp_path, SECTION, second.replace('"1.1"', '"2.1"'), SECTION))
    assert_located(message, tmp_path / "section-3.yaml", 1, "1")


@pytest.mark.parametrize(
    ("old", "new", "needle", "code", "reason"),
    [
        ("2 * late", "2 * lateness", '"1.1"', "1.1", "ô nhập không khai báo: lateness"),
        ("{label: Khá, points: 30}", "{label: Khá}", "Khá", "1.2", "thiếu khóa bắt buộc"),
        ("max: 60", "max: -60", '"1.1"', "1.1 (max)", "phải lớn hơn hoặc bằng 0"),
        ("max: 60", "max: 60\n    weight: 2", '"1.1"', "1.1", "khóa không được phép"),
        ("max: 60", "max: sáu mươi", '"1.1"', "1.1", "phải là một số"),
        ("kind: count", "kind: number", "kind: number", "1.1", "phải là một trong"),
        ("level(level)", "level(late)", '"1.2"', "1.2", "ô nhập không khai báo: late"),
        ("level(level)", "level + 1", '"1.2"', "1.2", "cần một số, gặp chữ"),
        ("    levels:\n", "    levelz:\n", '"1.2"', "1.2", "có phải ý bạn là «levels»"),
    ],
)
def test_invalid_criterion(
    tmp_path: Path, old: str, new: str, needle: str, code: str, reason: str
) -> None:
    assert old in SECTION
    text = SECTION.replace(old, new)
    message = load_error(write_rubric(tmp_path, text))
    assert_located(message, tmp_path / "section-1.yaml", line_number(text, needle), code)
    assert reason in message


@pytest.mark.parametrize(
    ("formula", "reason"),
    [
        ('__import__("os")', "hàm không được phép: __import__"),
        ("os.system(1)", "ký tự không hợp lệ"),
        ("late.__class__", "ký tự không hợp lệ"),
        ("eval(1)", "hàm không được phép: eval"),
        ("exec(late)", "hàm không được phép: exec"),
        ("late[0]", "ký tự không hợp lệ"),
        ("lambda: 1", "ký tự không hợp lệ"),
        ("late ** 2", "không mong đợi"),
        ('if(late < "a", 1, 2)', "chữ chỉ so sánh được bằng = hoặc <>"),
    ],
)
def test_forbidden_formula(tmp_path: Path, formula: str, reason: str) -> None:
    text = SECTION.replace("max(0, 60 - 2 * late)", f"'{formula}'")
    message = load_error(write_rubric(tmp_path, text))
    assert_located(message, tmp_path / "section-1.yaml", line_number(text, '"1.1"'), "1.1")
    assert "tiêu chí 1.1: công thức của tiêu chí 1.1 không hợp lệ" in message  # no inner path
    assert reason in message


def test_formula_comparing_with_unknown_label(tmp_path: Path) -> None:
    text = SECTION.replace("level(level)", 'if(level = "Xuất sắc", 40, 0)')
    message = load_error(write_rubric(tmp_path, text))
    assert_located(message, tmp_path / "section-1.yaml", line_number(text, '"1.2"'), "1.2")
    assert "'Xuất sắc'" in message


def test_metadata_errors(tmp_path: Path) -> None:
    directory = write_rubric(tmp_path, SECTION, total="-5")
    message = load_error(directory)
    assert f"Tệp {directory / 'rubric.yaml'}, dòng 1" in message
    assert "declared_total" in message


def test_missing_files(tmp_path: Path) -> None:
    assert "rubric.yaml" in load_error(tmp_path)
    directory = write_rubric(tmp_path / "r", SECTION)
    (directory / "section-1.yaml").unlink()
    assert "section-1.yaml" in load_error(directory)


def test_section_outside_directory_is_refused(tmp_path: Path) -> None:
    directory = write_rubric(tmp_path / "r", SECTION)
    (tmp_path / "outside.yaml").write_text(SECTION, "utf-8")
    meta = directory / "rubric.yaml"
    meta.write_text(meta.read_text("utf-8").replace("section-1.yaml", "../outside.yaml"), "utf-8")
    assert "outside.yaml" in load_error(directory)


# --- hostile YAML -----------------------------------------------------------------------


def test_python_tag_is_refused(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = SECTION.replace("max: 60", f'max: !!python/object/apply:os.system ["touch {marker}"]')
    message = load_error(write_rubric(tmp_path / "r", text))
    assert "không an toàn" in message
    assert f"dòng {line_number(text, 'python/object')}" in message
    assert not marker.exists()


def test_python_object_tag_in_metadata_is_refused(tmp_path: Path) -> None:
    directory = write_rubric(tmp_path, SECTION)
    meta = directory / "rubric.yaml"
    meta.write_text("!!python/object:os.system {}\n", "utf-8")
    message = load_error(directory)
    assert f"Tệp {meta}, dòng 1" in message


def test_huge_file_is_refused(tmp_path: Path) -> None:
    directory = write_rubric(tmp_path, SECTION)
    with (directory / "section-1.yaml").open("a", encoding="utf-8") as handle:
        line = "# " + "x" * 1000 + "\n"
        handle.write(line * (10 * 1024))  # about 10 MB
    message = load_error(directory)
    assert "quá lớn" in message
    assert str(MAX_YAML_BYTES) in message


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = "notes: " + "[" * 10_000 + "]" * 10_000 + "\n"
    message = load_error(write_rubric(tmp_path, SECTION + deep))
    assert "lồng nhau quá" in message


def test_deep_mappings_are_refused(tmp_path: Path) -> None:
    deep = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v: 1\n"
    message = load_error(write_rubric(tmp_path, deep))
    assert "lồng nhau quá" in message


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    text = SECTION + "\n".join(bomb) + "\n"
    message = load_error(write_rubric(tmp_path, text))
    assert "bí danh" in message
    assert f"dòng {line_number(text, 'b: &b')}" in message


def test_duplicate_yaml_key_is_refused(tmp_path: Path) -> None:
    text = SECTION.replace("max: 60", "max: 60\n    max: 70")
    message = load_error(write_rubric(tmp_path, text))
    assert "'max'" in message
    assert f"dòng {line_number(text, 'max: 70')}" in message


@pytest.mark.parametrize("composer", ["libyaml", "python"])
@pytest.mark.parametrize(
    ("text", "line"),
    [
        (SECTION.replace("    max: 60", "\tmax: 60"), 7),  # "violates indentation"
        (SECTION.replace('  - code: "1.1"', '\t- code: "1.1"'), 5),  # "cannot start a token"
        ("\ufeff" + SECTION.replace("    max: 60", "\tmax: 60").replace("\n", "\r\n"), 7),
    ],
    ids=["in-a-mapping", "before-a-list", "bom-crlf"],
)
def test_a_tab_is_told_in_the_users_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, composer: str, text: str, line: int
) -> None:
    """Notepad's Tab key: our sentence (replace it with spaces), not PyYAML's English."""
    if composer == "python":  # PyYAML built without libyaml words it differently
        monkeypatch.setattr(safe_yaml, "_COMPOSER", yaml.SafeLoader)
    directory = write_rubric(tmp_path, SECTION)
    (directory / "section-1.yaml").write_bytes(text.encode("utf-8"))
    message = load_error(directory)
    assert message.endswith(
        f"dòng {line}: YAML không hợp lệ hoặc không an toàn (có ký tự Tab ở chỗ YAML chỉ nhận "
        "dấu cách: hãy xóa Tab, thụt lề bằng dấu cách)."
    ), message
    assert "found" not in message and "\\t" not in message
    assert "indent with spaces)." in load_error(directory, EN)


def test_other_yaml_mistakes_keep_pyyaml_s_words(tmp_path: Path) -> None:
    directory = write_rubric(tmp_path, SECTION.replace("max: 60", "max: 60: 70"))
    assert "mapping values are not allowed" in load_error(directory)


def test_not_utf8_and_not_a_mapping(tmp_path: Path) -> None:
    directory = write_rubric(tmp_path, SECTION)
    (directory / "section-1.yaml").write_bytes('code: "1"\ntitle: Ph\xe1n\n'.encode("latin-1"))
    assert "UTF-8" in load_error(directory)
    (directory / "section-1.yaml").write_text("- 1\n- 2\n", "utf-8")
    assert "bảng khóa" in load_error(directory)
    (directory / "section-1.yaml").write_text("code: [\n", "utf-8")
    assert "YAML không hợp lệ" in load_error(directory)


def test_errors_in_english(tmp_path: Path) -> None:
    text = SECTION.replace("max: 60", "max: -60")
    message = load_error(write_rubric(tmp_path, text), EN)
    assert f"line {line_number(text, '1.1')}, criterion 1.1" in message
    assert "must be at least 0" in message
