"""The fast reader: names, identity, cached values and formulas of a form, and refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from tests.helpers import make_form, make_identity
from thidua_cli.form import reader
from thidua_cli.form.layout import Cell, build_layout, input_name
from thidua_cli.form.reader import UnreadableWorkbook, parse_reference, read_workbook
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side


def test_names_of_a_form_are_the_layouts_cells(rubric: Rubric, tmp_path: Path) -> None:
    layout = build_layout(rubric)
    path = make_form(tmp_path, layout, "U1")
    raw = read_workbook(path)
    try:
        expected = layout.defined_names()
        assert len(expected) > 150
        for name, cell in expected.items():
            assert raw.name(name) == cell, name
        assert raw.name(name.upper()) == cell  # Excel names ignore case
        assert raw.properties["thidua.unit_id"] == "U1"
        assert raw.properties["thidua.rubric_digest"] == rubric.digest()
        assert raw.sheet_names[:3] == ["Phần 1", "Phần 2", "Phần 3"]
    finally:
        raw.close()


def test_values_and_formulas(rubric: Rubric, tmp_path: Path) -> None:
    layout = build_layout(rubric)
    values = {
        Side.SELF: {"1.1": {"late_tasks": 3}, "1.2": {"points": "5,5"}, "2.1": {"level": "Khá"}}
    }
    path = make_form(tmp_path, layout, make_identity(rubric, "U9"), values)
    raw = read_workbook(path)
    try:
        late = raw.name(input_name(Side.SELF, "1.1", "late_tasks"))
        assert late is not None
        assert raw.value(late) == 3  # calamine: a float
        assert raw.value(layout.input_cell(Side.SELF, "1.2", "points")) == "5,5"
        assert raw.value(layout.input_cell(Side.SELF, "2.1", "level")) == "Khá"
        assert raw.value(layout.input_cell(Side.CLUSTER, "1.1", "late_tasks")) is None
        points = layout.points_cell(Side.SELF, "1.1")
        assert raw.has_formula(points)
        assert raw.value(points) is None  # openpyxl writes no cached values
        assert not raw.has_formula(late)
        assert raw.value(Cell("Phần 1", 5000, 200)) is None  # far outside the data
        assert raw.value(Cell("No such sheet", 1, 1)) is None
    finally:
        raw.close()


def test_grid_offset_when_data_starts_late(tmp_path: Path) -> None:
    """Calamine's data may start at the first non-empty cell; positions must stay absolute."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "S"
    sheet["D7"] = 42
    sheet["F9"] = "x"
    workbook.defined_names["N"] = DefinedName("N", attr_text="S!$D$7")
    path = tmp_path / "late.xlsx"
    workbook.save(path)
    raw = read_workbook(path)
    try:
        cell = raw.name("N")
        assert cell == Cell("S", 7, 4)
        assert raw.value(cell) == 42
        assert raw.value(Cell("S", 9, 6)) == "x"
        assert raw.value(Cell("S", 1, 1)) is None
        assert raw.properties == {}
    finally:
        raw.close()


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("'Phần 1'!$F$9", Cell("Phần 1", 9, 6)),
        ("Sheet1!A1", Cell("Sheet1", 1, 1)),
        ("'It''s'!$AB$12", Cell("It's", 12, 28)),
        ("#REF!", None),
        ("'Phần 1'!#REF!", None),
        ("'Phần 1'!$F$9:$F$10", None),
        ("", None),
    ],
)
def test_parse_reference(text: str, cell: Cell | None) -> None:
    assert parse_reference(text) == cell


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _reason(path: Path) -> str:
    with pytest.raises(UnreadableWorkbook) as caught:
        read_workbook(path)
    return caught.value.reason


def test_other_formats_are_named(tmp_path: Path) -> None:
    for suffix, reason in ((".xls", "xls"), (".ods", "ods"), (".csv", "csv"), (".CSV", "csv")):
        path = tmp_path / f"a{suffix}"
        path.write_bytes(b"whatever")
        assert _reason(path) == reason
    ole = tmp_path / "renamed.xlsx"
    ole.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600))
    assert _reason(ole) == "xls"
    encrypted = tmp_path / "password.xlsx"
    encrypted.write_bytes(
        bytes.fromhex("D0CF11E0A1B11AE1") + "EncryptedPackage".encode("utf-16-le")
    )
    assert _reason(encrypted) == "encrypted"
    ods = _zip(
        tmp_path / "ods-renamed.xlsx",
        {"mimetype": b"application/vnd.oasis", "content.xml": b"<x/>"},
    )
    assert _reason(ods) == "ods"


def test_corrupt_files(tmp_path: Path) -> None:
    text = tmp_path / "text.xlsx"
    text.write_text("đơn vị,điểm\nA,5\n", encoding="utf-8")
    assert _reason(text) == "corrupt"
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    assert _reason(empty) == "corrupt"
    no_book = _zip(tmp_path / "nobook.xlsx", {"docProps/app.xml": b"<x/>"})
    assert _reason(no_book) == "corrupt"
    bad_xml = _zip(tmp_path / "badxml.xlsx", {"xl/workbook.xml": b"<workbook><sheets>"})
    assert _reason(bad_xml) == "corrupt"


def test_entity_bomb_is_refused(tmp_path: Path) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheets><sheet name="&b;" sheetId="1"/></sheets></workbook>'
    )
    path = _zip(tmp_path / "bomb.xlsx", {"xl/workbook.xml": bomb})
    assert _reason(path) == "corrupt"


def test_zip_bomb_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_BYTES", 100_000)
    path = _zip(
        tmp_path / "zipbomb.xlsx", {"xl/workbook.xml": b"<a/>", "xl/big.xml": bytes(200_000)}
    )
    assert path.stat().st_size < 100_000  # small on disk, big once inflated
    assert _reason(path) == "too-big"
    big = tmp_path / "big.xlsx"
    big.write_bytes(bytes(100_001))
    assert _reason(big) == "too-big"


def test_macros_are_refused(rubric: Rubric, tmp_path: Path) -> None:
    form = make_form(tmp_path, build_layout(rubric), "U1")
    macro = tmp_path / "U1.xlsm"
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(macro, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/vbaProject.bin", bytes.fromhex("D0CF11E0A1B11AE1") + bytes(512))
    assert _reason(macro) == "macro"
    renamed = tmp_path / "renamed.xlsm"
    renamed.write_bytes(form.read_bytes())  # .xlsm without macros is a form like any other
    read_workbook(renamed).close()
