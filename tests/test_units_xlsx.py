"""The units file as .xlsx: headers in English or Vietnamese, booleans as people write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.helpers import refused, text_of
from thidua_cli.findings import UnitsError
from thidua_cli.messages import EN as ENGLISH
from thidua_cli.units import load_units

EN = [
    "cluster id",
    "cluster name",
    "unit id",
    "unit name",
    "role",
    "registered",
    "agreement signed",
    "violation",
    "pending investigation",
]
VI = [
    "Mã cụm",
    "Tên cụm",
    "Mã đơn vị",
    "Tên đơn vị",
    "Vai trò",
    "Đăng ký thi đua",
    "Ký kết giao ước",
    "Vi phạm",
    "Chờ kết luận",
]


def _write(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_english_headers_booleans_and_roles(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "units.xlsx",
        [
            EN,
            [
                "cum-1",
                "Cụm thi đua số 1",
                "BVDK",
                "Bệnh viện Đa khoa tỉnh",
                "head",
                True,
                True,
                None,
                False,
            ],
            [
                "cum-1",
                "Cụm thi đua số 1",
                "BVN",
                "Bệnh viện Nhi",
                "deputy",
                "TRUE",
                "FALSE",
                "",
                "x",
            ],
            [
                "cum-1",
                "Cụm thi đua số 1",
                "BVM",
                "Bệnh viện Mắt",
                "member",
                "Có",
                "Không",
                "tham nhũng",
                None,
            ],
            [None, None, None, None, None, None, None, None, None],  # a blank row is skipped
            ["cum-2", "Cụm thi đua số 2", 101, "Trung tâm Pháp y", "", "x", "x", None, "Không"],
        ],
    )
    units = load_units(path)
    one, two = units.clusters
    assert (one.id, one.name, one.head, one.deputy) == ("cum-1", "Cụm thi đua số 1", "BVDK", "BVN")
    bvn = one.units[1]
    assert (bvn.registered, bvn.agreement_signed, bvn.violation, bvn.pending_investigation) == (
        True,
        False,
        None,
        True,
    )
    assert one.units[2].violation == "tham nhũng" and not one.units[2].agreement_signed
    assert two.units[0].id == "101"  # typed as a number
    assert two.units[0].registered and not two.units[0].pending_investigation


def test_vietnamese_headers_and_roles_below_a_title_row(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "don-vi.xlsx",
        [
            ["DANH SÁCH ĐƠN VỊ THI ĐUA NĂM 2020"],
            [h.upper() for h in VI],
            ["cum-1", "Cụm 1", "A", "Đơn vị A", "Cụm trưởng", "Có", "Có", None, "Không"],
            ["cum-1", "Cụm 1", "B", "Đơn vị B", "cụm  phó", "Có", "Có", None, "Không"],
            ["cum-1", "Cụm 1", "C", "Đơn vị C", "Thành viên", "Có", "Có", None, "Không"],
        ],
    )
    cluster = load_units(path).clusters[0]
    assert (cluster.head, cluster.deputy) == ("A", "B")
    assert cluster.role("C") == "member"


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "units.xlsx", [EN[:4] + EN[5:7], ["cum-1", "C", "A", "Đơn vị A", "x", "x"]]
    )
    with pytest.raises(UnitsError) as caught:
        load_units(path)
    message = text_of(caught.value)
    assert "units.xlsx, dòng 1" in message
    for name in ("role", "violation", "pending investigation"):
        assert name in message
    assert "registered" not in message


def test_bad_rows_are_located_all_at_once(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "units.xlsx",
        [
            EN,
            ["cum-1", "Cụm 1", "A", "Đơn vị A", "head", "có lẽ", True, None, False],
            ["cum-1", "Cụm 1", "", "Đơn vị B", "member", True, True, None, False],
            ["cum-1", "Cụm 1", "C", "Đơn vị C", "chủ tịch", True, True, None, False],
            ["cum-1", "Cụm 1", "A", "Đơn vị A lần hai", "member", True, True, None, False],
            ["cum 1", "Cụm 1", "D", "Đơn vị D", "member", True, True, None, False],
        ],
    )
    with pytest.raises(UnitsError) as caught:
        load_units(path)
    lines = text_of(caught.value).splitlines()
    assert lines[0].startswith("Tệp units.xlsx, dòng 2, cột F (đăng ký thi đua)")
    assert "có lẽ" in lines[0]
    assert any(line.startswith("Tệp units.xlsx, dòng 3, cột C (mã đơn vị)") for line in lines)
    assert any(line.startswith("Tệp units.xlsx, dòng 4, cột E (vai trò)") for line in lines)
    assert any("dòng 5, cột C" in line and "dòng 2" in line for line in lines)  # duplicate id
    assert any(line.startswith("Tệp units.xlsx, dòng 6, cột A (mã cụm)") for line in lines)
    assert text_of(caught.value, ENGLISH).startswith("units.xlsx, row 2, column F (registered)")


def test_two_heads_and_two_cluster_names(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "units.xlsx",
        [
            EN,
            ["cum-1", "Cụm 1", "A", "Đơn vị A", "head", True, True, None, False],
            ["cum-1", "Cụm một", "B", "Đơn vị B", "head", True, True, None, False],
        ],
    )
    with pytest.raises(UnitsError) as caught:
        load_units(path)
    message = text_of(caught.value)
    assert "dòng 3, cột B" in message and "dòng 3, cột E" in message


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    path.write_text("cluster id,unit id\n", encoding="utf-8")
    with refused(UnitsError, r"units\.xlsx"):
        load_units(path)


def test_no_unit_rows(tmp_path: Path) -> None:
    with refused(UnitsError, "không có đơn vị"):
        load_units(_write(tmp_path / "units.xlsx", [EN]))


def test_user_text_that_looks_like_a_formula_is_kept_as_text(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "units.xlsx",
        [
            EN,
            ["cum-1", "Cụm 1", "A", "'=1+1 Đơn vị", "head", True, True, None, False],
        ],
    )
    assert load_units(path).clusters[0].units[0].name == "'=1+1 Đơn vị"


def test_unaccented_values_and_a_bom_in_the_headers(tmp_path: Path) -> None:
    """What a keyboard without Vietnamese types, and what a CSV export leaves in A1."""
    path = tmp_path / "units.xlsx"
    workbook = Workbook()
    workbook.active.append(
        [
            "\ufeffMa cum",
            "Ten cum",
            "Ma don vi",
            "Ten don vi",
            "Vai tro",
            "Dang ky thi dua",
            "Ky ket giao uoc",
            "Vi pham",
            "Cho ket luan",
        ]
    )
    workbook.active.append(["c1", "Cụm 1", "U1", "Một", "Cum truong", "Co", "Co", "", "Khong"])
    workbook.active.append(["c1", "Cụm 1", "U2", "Hai", "Cum pho", "Khong", "co", "", "khong"])
    workbook.active.append(["c1", "Cụm 1", "U3", "Ba", "Thanh vien", "CO", "Có", "", ""])
    workbook.save(path)
    units = load_units(path)
    cluster = units.clusters[0]
    assert (cluster.head, cluster.deputy) == ("U1", "U2")
    assert [u.registered for u in cluster.units] == [True, False, True]


@pytest.mark.parametrize(
    ("name", "data", "phrase"),
    [
        ("units.ods", b"PK\x03\x04", "lưu lại dưới dạng .xlsx"),
        ("units.xls", b"\xd0\xcf\x11\xe0", "lưu lại dưới dạng .xlsx"),
        ("units.csv", "Mã cụm,Tên cụm\n".encode(), "lưu lại dưới dạng .xlsx"),
        ("units.yaml", "clusters: []\n".encode("utf-16"), "Encoding chọn UTF-8"),
        ("units.yaml", "clusters: đ\n".encode("cp1258"), "Encoding chọn UTF-8"),
    ],
)
def test_other_formats_say_how_to_save(tmp_path: Path, name: str, data: bytes, phrase: str) -> None:
    from typer.testing import CliRunner

    from thidua_cli.cli import app

    path = tmp_path / name
    path.write_bytes(data)
    result = CliRunner().invoke(
        app, ["init-sheet", "--units", str(path), "--out-dir", str(tmp_path)]
    )
    assert result.exit_code in (1, 2) and phrase in result.stderr, result.output


def test_the_year_column_states_the_files_one_year(tmp_path: Path) -> None:
    """The YAML's ``year:`` as an optional column: filled on any rows, the same on each."""
    row = ["cum-1", "Cụm 1", "A", "Đơn vị A", "", True, True, None, False]
    path = _write(
        tmp_path / "units.xlsx",
        [[*VI, "Năm thi đua"], [*row, 2026], [*row[:2], "B", "Đơn vị B", *row[4:], None]],
    )
    assert load_units(path).year == 2026
    assert load_units(_write(tmp_path / "none.xlsx", [VI, row])).year is None


def test_two_years_or_a_bad_year_are_located(tmp_path: Path) -> None:
    row = ["cum-1", "Cụm 1", "A", "Đơn vị A", "", True, True, None, False]
    path = _write(
        tmp_path / "units.xlsx",
        [
            [*EN, "year"],
            [*row, 2026],
            [*row[:2], "B", "Đơn vị B", *row[4:], "2025"],
            [*row[:2], "C", "Đơn vị C", *row[4:], "26"],
            [*row[:2], "D", "Đơn vị D", *row[4:], "2026²"],
        ],
    )
    with pytest.raises(UnitsError) as caught:
        load_units(path)
    message = text_of(caught.value)
    assert "dòng 3, cột J" in message and "đã ghi năm 2026 ở dòng 2" in message
    assert "dòng 4, cột J" in message and "năm «26» không hợp lệ" in message
    assert "dòng 5, cột J" in message and "năm «2026²» không hợp lệ" in message
