"""The units file (SPEC §4): the example loads; mistakes are reported with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import refused, text_of
from thidua_cli.findings import UnitsError, UsageError
from thidua_cli.messages import EN
from thidua_cli.units import load_units

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "units.yaml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "units.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_units_file() -> None:
    units = load_units(EXAMPLES)
    assert [c.id for c in units.clusters] == ["cum-1", "cum-2"]
    first, second = units.clusters
    assert len(first.units) == 10 and len(second.units) == 4
    assert (first.head, first.deputy) == ("BVDK-TINH", "BVNHI")
    assert (
        first.role("BVDK-TINH") == "head"
        and first.role("BVNHI") == "deputy"
        and first.role("BVMAT") == "member"
    )
    unsigned = [u.id for u in first.units if not u.agreement_signed]
    pending = [u.id for u in first.units if u.pending_investigation]
    assert unsigned == ["BVPHOI"] and pending == ["BVTT"]
    others = [u for c in units.clusters for u in c.units if u.id not in ("BVPHOI", "BVTT")]
    assert all(
        u.registered and u.agreement_signed and u.violation is None and not u.pending_investigation
        for u in others
    )
    assert units.find("CCDS") == (second, second.units[3])
    assert units.find("NOPE") is None
    assert "Bệnh viện Y dược cổ truyền" in [u.name for u in first.units]


def test_duplicate_unit_ids_are_named(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """clusters:
  - id: c1
    name: Cụm 1
    units:
      - {id: A, name: Đơn vị A, registered: true, agreement_signed: true}
  - id: c2
    name: Cụm 2
    units:
      - {id: A, name: Đơn vị A khác, registered: true, agreement_signed: true}
""",
    )
    with refused(UnitsError, "mã đơn vị A bị trùng"):
        load_units(path)


def test_a_duplicate_unit_is_named_at_its_own_line_and_the_firsts(tmp_path: Path) -> None:
    """The repeat's line (not the file's first line, not "(-)"), and where it first stands."""
    path = write(
        tmp_path,
        """# Danh sách đơn vị
year: 2026
clusters:
  - id: c1
    name: Cụm 1
    units:
      - id: A
        name: Đơn vị A
        registered: true
        agreement_signed: true
  - id: c2
    name: Cụm 2
    units:
      - id: B
        name: Đơn vị B
        registered: true
        agreement_signed: true
      - id: A
        name: Đơn vị A khác
        registered: true
        agreement_signed: true
""",
    )
    with pytest.raises(UnitsError) as caught:
        load_units(path)
    assert [f.line for f in caught.value.findings] == [18]
    assert text_of(caught.value).endswith(
        "dòng 18 (clusters.1.units.1.id): mã đơn vị A bị trùng (đã có ở dòng 7)"
    )
    assert text_of(caught.value, EN).endswith(
        "line 18 (clusters.1.units.1.id): duplicate unit id A (already at line 7)"
    )


def test_a_duplicate_cluster_is_named_at_its_own_line_and_the_firsts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"""year: 2026
clusters:
  - id: c1
    name: Cụm 1
    units:
      - {{id: A, name: Đơn vị A, {S}}}
  - id: c1
    name: Cụm 1 lần nữa
    units:
      - {{id: B, name: Đơn vị B, {S}}}
""",
    )
    with refused(UnitsError, r"dòng 7 \(clusters\.1\.id\): mã cụm c1 bị trùng \(đã có ở dòng 3\)"):
        load_units(path)


def test_missing_name_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """clusters:
  - id: c1
    name: Cụm 1
    units:
      - id: A
        name: Đơn vị A
      - id: B
        registered: true
""",
    )
    with pytest.raises(UnitsError) as caught:
        load_units(path)
    message = text_of(caught.value)
    assert "dòng 7" in message and "clusters.0.units.1.name" in message


def test_head_must_be_a_member(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """clusters:
  - id: c1
    name: Cụm 1
    head: Z
    units:
      - {id: A, name: Đơn vị A, registered: true, agreement_signed: true}
""",
    )
    with refused(UnitsError, "Z"):
        load_units(path)


S = "registered: true, agreement_signed: true"


@pytest.mark.parametrize(
    "text",
    [
        "- just a list\n",
        "clusters: []\n",
        f"clusters:\n  - id: 'bad id'\n    name: x\n    units:\n      - {{id: A, name: A, {S}}}\n",
        f"clusters:\n  - id: c1\n    name: x\n    units:\n      - {{id: A, name: A, x: 1, {S}}}\n",
        f"clusters:\n  - id: c1\n    name: x\n    units:\n      - {{id: '../A', name: A, {S}}}\n",
        # the standing of a unit is written, never assumed
        "clusters:\n  - id: c1\n    name: x\n    units:\n      - {id: A, name: A}\n",
        "clusters: [\n",
    ],
)
def test_invalid_files_raise_units_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(UnitsError):
        load_units(write(tmp_path, text))


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_units(tmp_path / "khong-co.yaml")


def test_a_bad_unit_is_told_once_not_as_an_empty_list(tmp_path: Path) -> None:
    """pydantic also calls a list too short when its only item failed: that is not said."""
    path = tmp_path / "units.yaml"
    path.write_text(
        "clusters:\n  - id: c1\n    name: C\n    units:\n"
        "      - {id: U1, name: M, registered: maybe, agreement_signed: true}\n"
        "  - id: c2\n    name: D\n    units: []\n",
        encoding="utf-8",
    )
    with pytest.raises(UnitsError) as caught:
        load_units(path)
    message = text_of(caught.value)
    assert "clusters.0.units.0.registered): phải là true hoặc false" in message
    assert "clusters.1.units): cần ít nhất 1 mục" in message  # truly empty: said
    assert "clusters.0.units)" not in message and "(clusters)" not in message
    assert len(caught.value.findings) == 2
