"""The reader's fast path (``form.canonical_xml``) gives exactly what its expat path gives.

On every kind of workbook the tests make (the project's own forms, the same forms saved by
LibreOffice and rewritten the way Excel saves, the hostile corpus, hand-written XML of every
odd kind, forms mutated by hypothesis) the two paths give equal ``RawWorkbook``s or the same
refusal; and on the forms Excel, LibreOffice and openpyxl write, the fast path never declines.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.corpus import (
    add_sheet,
    excel_style,
    far_cell,
    far_cell_workbook,
    file_corpus,
    junk_rows,
    put_cell,
    rewrite_parts,
    sheet_part,
)
from tests.helpers import Formula, General, make_form, set_cells, valid_values
from thidua_cli.form import reader
from thidua_cli.form.layout import Area, Cell, Layout, input_name
from thidua_cli.form.reader import RawWorkbook, UnreadableWorkbook, read_workbook
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.workbook import Expected, score_workbook

Recalc = Callable[[list[Path]], list[Path]]
EXAMPLES = int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "60"))  # more by hand, as test_fuzz.py
Read = RawWorkbook | tuple[str, str]
SELF, CLUSTER = Side.SELF, Side.CLUSTER


@contextmanager
def _path(fast: bool) -> Iterator[None]:
    before = reader.FAST
    reader.FAST = fast
    try:
        yield
    finally:
        reader.FAST = before


def _read(path: Path, areas: Mapping[str, Area] | None, fast: bool) -> Read:
    with _path(fast):
        try:
            return read_workbook(path, areas)
        except UnreadableWorkbook as exc:
            return (exc.reason, exc.detail)
        except Exception as exc:  # whatever it is, both paths must agree
            return (type(exc).__name__, str(exc))


def assert_same(path: Path, expected: Expected) -> Read:
    """Both paths read ``path`` alike, with the scorer's areas and with none (every sheet);
    twice on the fast path (its caches cold, then warm)."""
    for areas in (expected.areas, None):
        slow = _read(path, areas, fast=False)
        assert _read(path, areas, fast=True) == slow, (path.name, areas)
        assert _read(path, areas, fast=True) == slow, (path.name, areas)
    return _read(path, expected.areas, fast=True)


@contextmanager
def never_declines() -> Iterator[None]:
    before = dict(reader.DECLINED)
    yield
    assert dict(reader.DECLINED) == before


@contextmanager
def declines() -> Iterator[None]:
    before = sum(reader.DECLINED.values())
    yield
    assert sum(reader.DECLINED.values()) > before


ODD_VALUES: dict[tuple[Side, str, str], object] = {
    (SELF, "1.1", "late_tasks"): "ba\nbốn",
    (SELF, "1.2", "points"): " 5,5 ",
    (SELF, "1.3", "points"): Decimal("0.1") + Decimal("0.2"),
    (SELF, "1.4", "points"): 1e300,
    (SELF, "1.5", "unresolved"): -0.0,
    (SELF, "2.1", "level"): "A&B <\"Tốt\"> 'x' ]]>",
    (SELF, "2.2", "level"): "Khá\u00a0\t",
    (SELF, "1.7.b", "cases"): True,
    (SELF, "3.3.b.3", "articles"): "x" * 5_000,
    (CLUSTER, "1.1", "late_tasks"): "=1+1",
    (CLUSTER, "1.2", "points"): Formula("=1+1"),
    (CLUSTER, "1.3", "points"): General(Decimal("0.8")),
    (CLUSTER, "2.1", "level"): "Kha\u0301",  # NFD
}


def _own_forms(folder: Path, layout: Layout) -> list[Path]:
    rubric = layout.rubric
    forms = [
        make_form(folder, layout, "BLANK"),
        *(make_form(folder, layout, f"U{n}", valid_values(rubric, n)) for n in range(3)),
    ]
    odd = make_form(folder, layout, "ODD", valid_values(rubric, 9))
    set_cells(odd, {input_name(s, c, f): v for (s, c, f), v in ODD_VALUES.items()})
    return [*forms, odd]


def test_own_forms_read_alike_and_never_decline(
    layout: Layout, expected: Expected, tmp_path: Path
) -> None:
    with never_declines():
        for path in _own_forms(tmp_path, layout):
            raw = assert_same(path, expected)
            assert isinstance(raw, RawWorkbook) and raw.cells
    odd = _read(tmp_path / "ODD.xlsx", expected.areas, fast=True)
    assert isinstance(odd, RawWorkbook)
    assert odd.value(layout.input_cell(SELF, "2.1", "level")) == "A&B <\"Tốt\"> 'x' ]]>"
    assert odd.value(layout.input_cell(SELF, "1.1", "late_tasks")) == "ba\nbốn"


@pytest.mark.libreoffice
def test_libreoffice_and_excel_saved_forms_read_alike_and_never_decline(
    layout: Layout, expected: Expected, tmp_path: Path, recalc: Recalc
) -> None:
    saved = recalc(_own_forms(tmp_path, layout))
    with never_declines():
        for path in saved:
            raw = assert_same(path, expected)
            assert isinstance(raw, RawWorkbook)
            points = raw.cell(layout.points_cell(SELF, "1.1"))
            assert points.formula is not None and points.cached  # LibreOffice computed it
            assert_same(excel_style(path), expected)
    # The same forms scored: identical results whichever path read them.
    for path in saved:
        with _path(False):
            slow = score_workbook(path, expected)
        with _path(True):
            assert score_workbook(path, expected) == slow
    # and the mutations of one of them, by hypothesis
    _mutated_forms_read_alike(saved[1].read_bytes(), tmp_path / "mutated", expected)


def test_hostile_files_read_alike(layout: Layout, expected: Expected, tmp_path: Path) -> None:
    form = make_form(tmp_path, layout, "U1", valid_values(layout.rubric, 1))
    for path in file_corpus(form, tmp_path / "corpus").values():
        assert_same(path, expected)
    hostile = tmp_path / "hostile"
    hostile.mkdir()
    for ref in ("XFD1048576", "AZ1048576", "F1048576", "I3"):
        path = make_form(hostile, layout, ref, valid_values(layout.rubric, 2))
        assert_same(far_cell(path, "Phần 2", ref), expected)
    assert_same(junk_rows(make_form(hostile, layout, "JUNK"), "Phần 3", 2_000), expected)
    assert_same(far_cell_workbook(hostile / "bare.xlsx"), expected)
    forged = add_sheet(make_form(hostile, layout, "FORGED"), "Phần 1 (2)", {"F9": 945.0})
    assert_same(forged, expected)


# --- hand-written XML: every odd thing a part may hold -------------------------------------

F9 = Cell("Phần 1", 9, 6)

ODD_CELLS = [
    '<c r="F9"><v> 12 </v></c>',
    '<c r="F9"><v>1&#46;5</v></c>',
    '<c r="F9" t="str"><v>a&amp;b&#10;c&#x1F600;&lt;&gt;&quot;&apos;</v></c>',
    '<c r="F9" t="str"><v>a\r\nb\rc</v></c>',
    '<c r="F9" t="str"><v>a&#13;&#10;b</v></c>',
    '<c r="F9" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>',
    '<c r="F9" t="inlineStr"><is><r><rPr><b/><sz val="11"/></rPr><t>A</t></r><r><t>B</t></r>'
    '<rPh sb="0" eb="1"><t>P</t></rPh><phoneticPr fontId="1"/></is></c>',
    '<c r="F9" t="inlineStr"><is><t>a</t><t/><t>b</t></is></c>',
    '<c r="F9" t="inlineStr"></c>',
    '<c r="F9" t="inlineStr"><is/></c>',
    "<c r=\"F9\" t='str'><v>1</v></c>",
    '<c r="F9" s="&#51;"><v>1</v></c>',
    '<c r="F9" t="s&#116;r"><v>1</v></c>',
    '<c r="F9" t="str\n"><v>1</v></c>',
    '<c r="F9"><f t="shared" si="0" ref="F9:F10">1+1</f><v>2</v></c>'
    '<c r="F10"><f t="shared" si="0"/><v>2</v></c>',
    '<c r="F9"><f t="shared" si="7"/><v>2</v></c>',
    '<c r="F9"><f/><v>1</v></c>',
    '<c r="F9"><f>SUM(A1:A2)&amp;"x"</f></c>',
    '<c r="F9" t="str"><f>""</f><v></v></c>',
    '<c r="F9" t="str"><f>""</f><v/></c>',
    '<c r="F9" t="str"><f aca="false">""</f><v> </v></c>',
    '<c r="F9" t="b"><v>true</v></c>',
    '<c r="F9" t="b"><v>0</v></c>',
    '<c r="F9" t="e"><v> #N/A </v></c>',
    '<c r="F9" t="d"><v>2020-01-01</v></c>',
    '<c r="F9" t="x"><v>1</v></c>',
    '<c r="F9"><v>1e400</v></c>',
    '<c r="F9"><v>NaN</v></c>',
    '<c r="F9"><v>ba</v></c>',
    '<c r="F9"><v></v></c>',
    '<c r="F9" t="s"><v>0</v></c>',
    '<c r="F9" t="s"><v> 3 </v></c>',
    '<c r="F9" t="s"><v>²</v></c>',
    '<c r="F9" t="s"><v>' + "9" * 5000 + "</v></c>",
    '<c r="F9" s="²"/>',
    '<c r="F9" s="99999"/>',
    '<c r="F9" s="1" cm="1" vm="2"><v>1</v></c>',
    '<c r="f9"><v>1</v></c>',
    '<c r="$F$9"><v>1</v></c>',
    '<c r="F$9"><v>1</v></c>',
    "<c><v>1</v></c>",
    '<c s="1" r="F9"><v>1</v></c>',
    '<c r="F09"><v>1</v></c>',
    '<c r="XFE9"><v>1</v></c>',
    '<c r="E9"><v>1</v></c><c><v>2</v></c>',
    '<c r="F9"><v>1</v><!-- x --></c>',
    '<c r="F9"><v><![CDATA[5]]></v></c>',
    '<c r="F9"><?pi x?><v>1</v></c>',
    '<c r="F9"><c r="G9"><v>1</v></c></c>',
    '<c r="F9" t="inlineStr"><is><t>x</t><c r="G9"/></is></c>',
    '<c r="F9" t="inlineStr"><is><t>x</t><c r="A9"/></is></c>',
    '<c r="A9" t="inlineStr"><is><t>x</t><c r="F9"><v>1</v></c></is></c>',
    '<c r="F9"><is><v>5</v></is></c>',
    '<c r="F9" t="inlineStr"><is><t>x</t><f>1</f></is></c>',
    '<c r="F9" t="inlineStr"><is><rPh><v>5</v></rPh><t>x</t></is></c>',
    '<c r="A9"><c r="F9"><v>1</v></c></c>',
    '<c r="F9"><v>1</v><extLst/></c>',
    '<c r="F9"><x:v xmlns:x="urn:x">1</x:v></c>',
    '<c r="F9" x:t="str" xmlns:x="urn:x"><v>1</v></c>',
    '<c r="F9"\n s="1"><v>1</v></c>',
    '<c r="F9" ><v >1</v ></c >',
    '<c r="F9">\n  <f>1</f>\n  <v>1</v>\n</c>',
    '<c r="F9"><v>1</v><v>2</v></c>',
    '<c r="F9"><is><t>a</t></is><v>1</v></c>',
    '<c r="F9" t="inlineStr"><is><t>a<b/>c</t></is></c>',
    '<c r="F9" t="inlineStr"><is><is><t>x</t></is><t>y</t></is></c>',
    '<c r="F9" t="inlineStr"><is><rPh><rPh><t>x</t></rPh></rPh><t>y</t></is></c>',
    '<c r="F9" t="inlineStr"><is><tt>x</tt><t>y</t></is></c>',
    '<c r="F9" x="a>b"><v>1</v></c>',
    '<c r="F9" x="a/b"><v>1</v></c>',
    '<c r="F9" t="str"><v>x</v></c><c r="F9" t="str"><v>y</v></c>',
    '<c r="F9" t="str" t="n"><v>1</v></c>',
    '<c r="F9"><v>1</c>',
    '<c r="F9"><v>&bogus;</v></c>',
    '<c r="F9"><v>&#0;</v></c>',
    '<c r="F9"><v>&#xD800;</v></c>',
    '<c r="F9"><v>a]]>b</v></c>',
    '<c r="F9"><v>\x01</v></c>',
    '<c r="F9"><v>\ufffe</v></c>',
    '<c r="F9"><v>1</v></c></row></sheetData><sheetData><row><c r="G9"><v>2</v></c>',
]


@pytest.mark.parametrize("xml", ODD_CELLS)
def test_odd_cells_read_alike(layout: Layout, expected: Expected, tmp_path: Path, xml: str) -> None:
    path = make_form(tmp_path, layout, "U1", valid_values(layout.rubric, 4))
    assert_same(put_cell(path, F9.sheet, "F9", xml), expected)


def _prefixed(text: str) -> str:
    text = re.sub(r"<(/?)(?![?!])([A-Za-z])", r"<\1x:\2", text)
    return text.replace("<x:worksheet ", '<x:worksheet xmlns:x="' + _MAIN + '" ', 1)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

ODD_PARTS: dict[str, Callable[[str], str]] = {
    "prefixed": _prefixed,
    "declaration": lambda t: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + t,
    "declaration-single": lambda t: "<?xml version='1.0' encoding='utf-8'?>" + t,
    "latin-1": lambda t: '<?xml version="1.0" encoding="ISO-8859-1"?>' + t,
    "version-1.1": lambda t: '<?xml version="1.1"?>' + t,
    "bom": lambda t: "\ufeff" + t,
    "doctype": lambda t: "<!DOCTYPE worksheet>" + t,
    "comment-first": lambda t: "<!-- made by hand -->" + t,
    "pi-last": lambda t: t + "<?thidua x?>",
    "pretty": lambda t: t.replace("><", ">\n  <"),
    "crlf": lambda t: t.replace("><", ">\r\n<"),
    "single-quotes": lambda t: re.sub(r'="([^"]*)"', r"='\1'", t),
    "tabs": lambda t: t.replace(" ", "\t"),
    "no-sheet-data": lambda t: re.sub(r"<sheetData>.*</sheetData>", "<sheetData/>", t, flags=re.S),
    "cell-after-sheet-data": lambda t: t.replace(
        "</sheetData>", '</sheetData><extLst><c r="F9"><v>945</v></c></extLst>'
    ),
    "truncated": lambda t: t[: len(t) // 2],
    "junk-after-root": lambda t: t + "<x/>",
    "entity-in-reference": lambda t: t.replace('r="F9"', 'r="&#70;9"'),
}


# read by the fast path (a cell outside <sheetData> too: the expat path reads it as well)
STILL_CANONICAL = {
    "declaration",
    "declaration-single",
    "pretty",
    "crlf",
    "no-sheet-data",
    "cell-after-sheet-data",
}


@pytest.mark.parametrize("edit", sorted(ODD_PARTS))
def test_odd_sheet_parts_read_alike(
    layout: Layout, expected: Expected, tmp_path: Path, edit: str
) -> None:
    path = make_form(tmp_path, layout, "U1", valid_values(layout.rubric, 5))
    with never_declines() if edit in STILL_CANONICAL else declines():
        assert_same(rewrite_parts(path, {sheet_part(path, F9.sheet): ODD_PARTS[edit]}), expected)


# --- hypothesis: forms mutated at the XML level --------------------------------------------

TOKENS = [
    "<", ">", "&", '"', "'", ":", "/", "=", " ", "\n", "\r", "\t", "\x00", "\x1f", "x",
    "&amp;", "&#10;", "&#x26;", "&lt;", "&nbsp;", "&#0;", "]]>", "<!--x-->", "<![CDATA[1]]>",
    "<?x?>", "x:", ' r="F9"', ' s="1"', ' t="s"', ' t="str"', ' t="inlineStr"', "</c>",
    '<c r="F9">', '<c r="G9"/>', '<c r="f9">', "<c>", "<v>", "</v>", "<v/>", "<f>", "</f>",
    '<f t="shared" si="0"/>', "<is><t>x</t></is>", "<t>", "</t>", "<rPh>", "</rPh>", "<si>",
    "</si>", "<row>", "</row>", "9", "99", "é", "\u00a0",
]  # fmt: skip
edits = st.lists(
    st.tuples(
        st.sampled_from(["insert", "replace", "delete"]),
        st.integers(min_value=0, max_value=9_999),  # where, as a fraction of the part
        st.sampled_from(TOKENS),
    ),
    min_size=1,
    max_size=4,
)


def _mutate(text: str, changes: list[tuple[str, int, str]]) -> str:
    for kind, fraction, token in changes:
        at = fraction * len(text) // 10_000
        if kind == "insert":
            text = text[:at] + token + text[at:]
        elif kind == "replace":
            text = text[:at] + token + text[at + len(token) :]
        else:
            text = text[:at] + text[at + len(token) :]
    return text


def _mutated_forms_read_alike(form: bytes, folder: Path, expected: Expected) -> None:
    folder.mkdir(exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(form)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    targets = sorted(n for n in parts if n.startswith("xl/worksheets/") or "haredStrings" in n)

    @seed(20201117)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(part=st.sampled_from(targets), changes=edits)
    def mutated(part: str, changes: list[tuple[str, int, str]]) -> None:
        path = folder / "M.xlsx"
        path.write_bytes(form)
        assert_same(rewrite_parts(path, {part: lambda text: _mutate(text, changes)}), expected)

    mutated()


def _member_offsets(path: Path, name: str) -> tuple[int, int]:
    """Where the local header and the central directory entry of ``name`` start."""
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    central = data.rindex(name.encode()) - 46  # the directory comes last; its entries: 46 bytes
    assert data[central : central + 4] == b"PK\x01\x02"
    return local, central


def _patched(path: Path, target: Path, changes: dict[int, bytes]) -> Path:
    data = bytearray(path.read_bytes())
    for at, value in changes.items():
        data[at : at + len(value)] = value
    target.write_bytes(bytes(data))
    return target


def test_damaged_zip_members_read_alike(layout: Layout, expected: Expected, tmp_path: Path) -> None:
    form = make_form(tmp_path, layout, "U1", valid_values(layout.rubric, 3))
    with zipfile.ZipFile(form) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = sheet_part(form, F9.sheet)
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with never_declines():
        assert_same(stored, expected)
    assert_same(form, expected)  # the parts every form shares are now inflated once, known
    for member in (sheet, "xl/workbook.xml", "xl/styles.xml", "xl/_rels/workbook.xml.rels"):
        local, central = _member_offsets(form, member)
        flags = int.from_bytes(form.read_bytes()[local + 6 : local + 8], "little")
        size = len(parts[member])
        cases = {
            "encrypted": {local + 6: (flags | 1).to_bytes(2, "little"),
                          central + 8: (flags | 1).to_bytes(2, "little")},
            "encrypted-central": {central + 8: (flags | 1).to_bytes(2, "little")},
            "patched-data": {central + 8: (flags | 32).to_bytes(2, "little")},
            "bzip2": {central + 10: (12).to_bytes(2, "little")},
            "bad-signature": {local: b"PK\x03\x05"},
            "bad-crc": {central + 16: b"\x00\x00\x00\x00"},
            "bigger": {central + 24: (size + 1).to_bytes(4, "little")},
            "smaller": {central + 24: (size - 1).to_bytes(4, "little")},
            "other-name": {local + 30: b"X"},
            "utf-8-name-flag": {local + 6: (flags | 0x800).to_bytes(2, "little")},
            "deflate-garbage": {local + 60: b"\xff\xff\xff\xff"},
        }  # fmt: skip
        for name, changes in cases.items():
            damaged = _patched(form, tmp_path / f"{name}.xlsx", changes)
            result = assert_same(damaged, expected)
            if name in ("bad-crc", "smaller", "bad-signature"):
                assert isinstance(result, tuple) and result[0] == "corrupt", (member, name)


@seed(20201118)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_zip_bytes_read_alike(
    tmp_path_factory: pytest.TempPathFactory, expected: Expected, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("zip")
    raw = bytearray(_form_bytes(folder, expected.layout))
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        fraction = data.draw(st.integers(min_value=0, max_value=9_999))
        raw[fraction * len(raw) // 10_000] = data.draw(st.integers(min_value=0, max_value=255))
    mutated = folder / "mutated.xlsx"
    mutated.write_bytes(bytes(raw))
    assert_same(mutated, expected)


_FORM: dict[str, bytes] = {}


def _form_bytes(folder: Path, layout: Layout) -> bytes:
    if "form" not in _FORM:
        _FORM["form"] = make_form(folder, layout, "Z", valid_values(layout.rubric, 8)).read_bytes()
    return _FORM["form"]


def test_mutated_own_forms_read_alike(layout: Layout, expected: Expected, tmp_path: Path) -> None:
    form = make_form(tmp_path, layout, "U1", valid_values(layout.rubric, 6))
    _mutated_forms_read_alike(form.read_bytes(), tmp_path / "mutated", expected)
