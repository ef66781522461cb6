"""The fast reader: names, identity, cached values and formulas of a form, and refusals."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from tests.helpers import make_form, make_identity
from thidua_cli.form import reader
from thidua_cli.form.layout import Area, Cell, build_layout, input_name
from thidua_cli.form.reader import (
    ErrorValue,
    NumberFormat,
    RawCell,
    UnreadableWorkbook,
    parse_reference,
    read_workbook,
)
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side


def test_names_of_a_form_are_the_layouts_cells(rubric: Rubric, tmp_path: Path) -> None:
    layout = build_layout(rubric)
    path = make_form(tmp_path, layout, "U1")
    raw = read_workbook(path)
    expected = layout.defined_names()
    assert len(expected) > 150
    for name, cell in expected.items():
        assert raw.name(name) == cell, name
    assert raw.name(name.upper()) == cell  # Excel names ignore case
    assert raw.properties["thidua.unit_id"] == "U1"
    assert raw.properties["thidua.rubric_digest"] == rubric.digest()
    assert raw.sheet_names[:3] == ["Phần 1", "Phần 2", "Phần 3"]


def test_values_and_formulas(rubric: Rubric, tmp_path: Path) -> None:
    layout = build_layout(rubric)
    values = {
        Side.SELF: {"1.1": {"late_tasks": 3}, "1.2": {"points": "5,5"}, "2.1": {"level": "Khá"}}
    }
    path = make_form(tmp_path, layout, make_identity(rubric, "U9"), values)
    raw = read_workbook(path)
    late = raw.name(input_name(Side.SELF, "1.1", "late_tasks"))
    assert late is not None
    assert raw.value(late) == 3 and isinstance(raw.value(late), Decimal)
    assert raw.value(layout.input_cell(Side.SELF, "1.2", "points")) == "5,5"
    assert raw.value(layout.input_cell(Side.SELF, "2.1", "level")) == "Khá"
    assert raw.value(layout.input_cell(Side.CLUSTER, "1.1", "late_tasks")) is None
    points = layout.points_cell(Side.SELF, "1.1")
    assert raw.cell(points).formula is not None
    assert raw.value(points) is None  # openpyxl writes no cached values
    assert not raw.cell(points).cached
    assert raw.cell(points).formula == 'IF(TRIM(CLEAN($F$9))="","",MAX(0,100-1*$F$9))'
    assert not raw.cell(late).formula is not None
    assert raw.value(Cell("Phần 1", 5000, 200)) is None  # far outside the data
    assert raw.value(Cell("No such sheet", 1, 1)) is None


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
    cell = raw.name("N")
    assert cell == Cell("S", 7, 4)
    assert raw.value(cell) == 42
    assert raw.value(Cell("S", 9, 6)) == "x"
    assert raw.value(Cell("S", 1, 1)) is None
    assert raw.properties == {}


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
    assert _reason(empty) == "empty"  # said as such: a save or a copy that never finished
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


def test_a_zip_with_a_password_is_refused_as_encrypted(rubric: Rubric, tmp_path: Path) -> None:
    """A member flagged as encrypted (zip's own password, not Excel's): refused, no crash."""
    form = make_form(tmp_path, build_layout(rubric), "U1")
    data = bytearray(form.read_bytes())
    central = data.rindex(b"xl/worksheets/sheet1.xml") - 46  # its central directory entry
    assert data[central : central + 4] == b"PK\x01\x02"
    data[central + 8] |= 1  # general purpose flags: encrypted
    form.write_bytes(bytes(data))
    for fast in (True, False):
        reader.FAST = fast
        try:
            assert _reason(form) == "encrypted"
        finally:
            reader.FAST = True


def test_digits_that_are_not_numbers_are_corrupt_parts(tmp_path: Path) -> None:
    """``"²".isdigit()`` is true and ``int("²")`` fails: a refusal, never a crash."""
    names = '<definedName name="N" localSheetId="²">S!$A$1</definedName>'
    assert _reason(_book(tmp_path, "", names=names)) == "corrupt"
    styles = '<cellXfs><xf numFmtId="²"/></cellXfs>'
    assert _reason(_book(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>', styles=styles)) == (
        "corrupt"
    )


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
    read_workbook(renamed)


# --- the bounded streaming reader ---------------------------------------------------------

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _book(
    tmp_path: Path,
    sheet: str,
    *,
    strings: str = "",
    styles: str = "",
    names: str = "",
    prefix: str = "",
) -> Path:
    """A one-sheet workbook ``S`` written by hand (``prefix``: ``x:`` on every element)."""
    p = prefix
    ns = _NS.replace("xmlns=", f"xmlns:{p[:-1]}=") if p else _NS
    parts = {
        "xl/workbook.xml": (
            f"<{p}workbook {ns} {_REL_NS}><{p}sheets>"
            f'<{p}sheet name="S" sheetId="1" state="hidden" r:id="rId1"/></{p}sheets>'
            f"<{p}definedNames>{names}</{p}definedNames></{p}workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/s.xml" Type="x/worksheet"/>'
            '<Relationship Id="rId2" Target="strings.xml" Type="x/sharedStrings"/>'
            '<Relationship Id="rId3" Target="/xl/st.xml" Type="x/styles"/></Relationships>'
        ),
        "xl/worksheets/s.xml": (
            f"<{p}worksheet {ns}><{p}sheetData>{sheet}</{p}sheetData></{p}worksheet>"
        ),
        "xl/strings.xml": f"<sst {_NS}>{strings}</sst>",
        "xl/st.xml": f"<styleSheet {_NS}>{styles}</styleSheet>",
    }
    return _zip(tmp_path / "hand.xlsx", {k: v.encode() for k, v in parts.items()})


def test_only_the_area_is_kept(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        '<row r="2"><c r="B2"><v>1</v></c><c r="C2"><v>2</v></c><c r="F2"><v>3</v></c></row>'
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>',
    )
    raw = read_workbook(path, {"S": Area(rows=10, columns=5, first_column=3)})
    assert raw.cells == {"S": {(2, 3): RawCell(Decimal(2), None, True)}}
    assert raw.sheets == [reader.SheetInfo("S", "hidden", "xl/worksheets/s.xml")]
    assert read_workbook(path, {"Other": Area(5, 5)}).cells == {}


def test_values_of_every_type(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>0</v></c>'
        '<c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c>'
        '<c r="E1" t="inlineStr"><is><r><t>Kh</t></r><r><t>á</t></r></is></c>'
        '<c r="F1"><v>0.57299999999999995</v></c><c r="G1" t="str"><f>""</f><v></v></c>'
        '<c r="H1"><f>1+1</f><v></v></c><c r="I1" t="s"><v>99</v></c></row>',
        strings="<si><t>zero</t></si><si><r><t>Tố</t></r><r><t>t</t></r>"
        "<rPh><t>phonetic</t></rPh></si>",
    )
    raw = read_workbook(path, {"S": Area(5, 10)})
    values = {ref: raw.value(Cell("S", 1, column)) for column, ref in enumerate("ABCDEFGHI", 1)}
    assert values == {
        "A": "Tốt",  # rich text runs joined, the phonetic guide left out
        "B": "zero",
        "C": True,
        "D": ErrorValue("#N/A"),
        "E": "Khá",
        "F": Decimal("0.573"),  # what was typed: 15 significant digits, as spreadsheets keep
        "G": "",  # a formula showing nothing
        "H": None,  # a formula never calculated
        "I": None,  # an index past the shared strings
    }
    assert raw.cell(Cell("S", 1, 7)).cached and not raw.cell(Cell("S", 1, 8)).cached


def test_number_formats(tmp_path: Path) -> None:
    styles = (
        '<numFmts><numFmt numFmtId="164" formatCode="0.0##%"/>'
        '<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/>'
        '<numFmt numFmtId="166" formatCode="0.00&quot;%&quot;"/></numFmts>'
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="14"/>'
        '<xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>'
    )
    cells = "".join(f'<c r="{"ABCDEF"[i]}1" s="{i}"><v>1</v></c>' for i in range(6))
    path = _book(tmp_path, f'<row r="1">{cells}</row>', styles=styles)
    raw = read_workbook(path, {"S": Area(1, 6)})
    kinds = [raw.cell(Cell("S", 1, column)).number_format for column in range(1, 7)]
    P, D, G = NumberFormat.PERCENT, NumberFormat.DATE, NumberFormat.GENERAL
    assert kinds == [G, P, P, D, D, G]  # a quoted "%" is a literal sign, not a percent


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("General", NumberFormat.GENERAL),
        ("0%", NumberFormat.PERCENT),
        ("[Red]0.00%;-0%", NumberFormat.PERCENT),
        ('0 "ngày"', NumberFormat.GENERAL),
        ("h:mm", NumberFormat.DATE),
        ("[$-42A]d mmmm yyyy", NumberFormat.DATE),
        ("#,##0", NumberFormat.GENERAL),
    ],
)
def test_format_kind(code: str, kind: NumberFormat) -> None:
    assert reader.format_kind(code) is kind


def test_prefixed_elements_and_names_in_every_scope(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        '<x:row r="3"><x:c r="A3"><x:v>7</x:v></x:c></x:row>',
        names='<x:definedName name="N">S!$A$3</x:definedName>'
        '<x:definedName name="n" localSheetId="0" hidden="1">S!$B$3</x:definedName>',
        prefix="x:",
    )
    raw = read_workbook(path)
    assert raw.value(Cell("S", 3, 1)) == 7
    assert raw.defined_names == [
        reader.DefinedName("N", "S!$A$3"),
        reader.DefinedName("n", "S!$B$3", 0, True),
    ]
    assert raw.name("n") == Cell("S", 3, 1)  # the workbook-scoped one


def test_shared_formulas_take_their_masters_text(tmp_path: Path) -> None:
    path = _book(
        tmp_path,
        '<row r="1"><c r="A1"><f t="shared" si="0" ref="A1:A2">$B$1*2</f><v>2</v></c></row>'
        '<row r="2"><c r="A2"><f t="shared" si="0"/><v>2</v></c></row>',
    )
    raw = read_workbook(path)
    assert raw.cell(Cell("S", 2, 1)).formula == "$B$1*2"


def test_cells_without_references_follow_their_row(tmp_path: Path) -> None:
    path = _book(
        tmp_path, '<row r="4"><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>'
    )
    raw = read_workbook(path)
    assert raw.value(Cell("S", 4, 2)) == 2 and raw.value(Cell("S", 5, 1)) == 3
