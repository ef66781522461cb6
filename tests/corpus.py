"""A corpus of hostile and broken input files, generated (never committed).

``file_corpus`` makes files that are not usable forms at all; the XML-level helpers below
(``point_names``, ``add_sheet``, ``put_cell``, ``set_property``, ``far_cell``, ...) take a
valid form written by the project's own writer, usually after LibreOffice saved it, and
break it the way people and programs do; ``excel_style`` rewrites one the way Excel saves.
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

_ENTITY_BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>
<sheet name="&lol9;" sheetId="1" r:id="rId1"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>
"""


def _ole2(path: Path, marker: str = "Workbook") -> Path:
    """A stand-in compound file: what .xls and password-protected .xlsx files are."""
    body = OLE2_MAGIC + bytes(504) + marker.encode("utf-16-le") + bytes(4096)
    path.write_bytes(body)
    return path


def _rewrite_zip(
    source: Path, target: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None
) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = replace.get(item.filename, zin.read(item.filename))
            zout.writestr(item.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return target


def file_corpus(valid_form: Path, out: Path) -> dict[str, Path]:
    """Files that are not forms: empty, truncated, other formats, bombs, macros, passwords."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def make(name: str, build: Callable[[Path], Path | None]) -> None:
        path = out / name
        made[name] = build(path) or path

    make("empty.xlsx", lambda p: p.write_bytes(b"") and None)
    data = valid_form.read_bytes()
    make("truncated.xlsx", lambda p: p.write_bytes(data[: len(data) // 2]) and None)
    make("renamed-xls.xlsx", lambda p: _ole2(p))
    make("password.xlsx", lambda p: _ole2(p, "EncryptedPackage"))
    make("real.xls", lambda p: _ole2(p))

    def ods(path: Path) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            z.writestr("content.xml", "<office:document-content/>")
        path.write_bytes(buffer.getvalue())

    make("renamed-ods.xlsx", lambda p: ods(p) or None)
    make("table.ods", lambda p: ods(p) or None)
    make(
        "renamed-csv.xlsx", lambda p: p.write_text("Mã,Điểm\n1.1,100\n", encoding="utf-8") and None
    )
    make("scores.csv", lambda p: p.write_text("Mã,Điểm\n1.1,100\n", encoding="utf-8") and None)
    make(
        "renamed-pdf.xlsx",
        lambda p: p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n") and None,
    )

    def zip_bomb(path: Path) -> None:
        # 200 MB of zeros compress to about 200 KB: the declared size gives it away.
        zeros = bytes(200 * 1024 * 1024)
        _rewrite_zip(valid_form, path, {}, {"xl/media/bomb.bin": zeros})

    make("zip-bomb.xlsx", lambda p: zip_bomb(p) or None)
    make(
        "entity-bomb.xlsx",
        lambda p: _rewrite_zip(valid_form, p, {"xl/workbook.xml": _ENTITY_BOMB.encode()}),
    )
    make(
        "macro.xlsm",
        lambda p: _rewrite_zip(valid_form, p, {}, {"xl/vbaProject.bin": OLE2_MAGIC + bytes(512)}),
    )
    make("copy-of-form.txt", lambda p: shutil.copyfile(valid_form, p) and None)
    return made


# --- forms taken apart at the XML level (issue 11, 16) -------------------------------------
# Applied to forms LibreOffice saved, so the cached values stay as LibreOffice wrote them:
# a program that loads and saves a workbook with openpyxl would drop them.

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def rewrite_parts(path: Path, edits: dict[str, Callable[[str], str]]) -> Path:
    """Edit zip parts of ``path`` in place (text in, text out); a missing part starts empty."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    for name, edit in edits.items():
        parts[name] = edit(parts.get(name, b"").decode("utf-8")).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def sheet_part(path: Path, title: str) -> str:
    """The zip part of the sheet called ``title``."""
    with zipfile.ZipFile(path) as archive:
        book = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    escaped = re.escape(xml_escape(title, {"'": "&apos;", '"': "&quot;"}))
    match = re.search(rf'<sheet [^>]*name="{escaped}"[^>]*r:id="([^"]+)"', book)
    assert match, title
    target = re.search(rf'<Relationship [^>]*Id="{match.group(1)}"[^>]*Target="([^"]+)"', rels)
    if target is None:
        target = re.search(rf'Target="([^"]+)"[^>]*Id="{match.group(1)}"', rels)
    assert target, match.group(1)
    return (
        target.group(1).lstrip("/") if target.group(1).startswith("/") else "xl/" + target.group(1)
    )


def point_names(path: Path, targets: dict[str, str]) -> Path:
    """Point defined names at other references (``'Phần 1'!$G$9``), in workbook.xml."""

    def edit(text: str) -> str:
        for name, reference in targets.items():
            text, count = re.subn(
                rf'(<definedName [^>]*name="{re.escape(name)}"[^>]*>)[^<]*(</definedName>)',
                lambda m, ref=reference: m.group(1) + xml_escape(ref) + m.group(2),
                text,
            )
            assert count == 1, name
        return text

    return rewrite_parts(path, {"xl/workbook.xml": edit})


def add_names(path: Path, entries: list[tuple[str, str]]) -> Path:
    """Append defined names after the form's own (``td_cum_…`` duplicates, say)."""
    added = "".join(f'<definedName name="{n}">{xml_escape(r)}</definedName>' for n, r in entries)
    return rewrite_parts(
        path, {"xl/workbook.xml": lambda t: t.replace("</definedNames>", added + "</definedNames>")}
    )


def add_sheet(path: Path, title: str, cells: dict[str, float], state: str = "veryHidden") -> Path:
    """A sheet the form never had (numbers at ``cells``), very hidden by default."""
    rows: dict[int, list[str]] = {}
    for ref, value in cells.items():
        row = int(re.sub(r"[A-Z]", "", ref))
        rows.setdefault(row, []).append(f'<c r="{ref}"><v>{value}</v></c>')
    data = "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in sorted(rows.items()))
    sheet = f'<worksheet xmlns="{_MAIN_NS}"><sheetData>{data}</sheetData></worksheet>'
    part = "worksheets/forged.xml"
    rel = (
        '<Relationship Id="rIdForged" Target="' + part + '" Type="http://schemas.openxmlformats.'
        'org/officeDocument/2006/relationships/worksheet"/>'
    )
    entry = f'<sheet name="{xml_escape(title)}" sheetId="99" state="{state}" r:id="rIdForged"/>'
    override = (
        '<Override PartName="/xl/' + part + '" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/>'
    )
    return rewrite_parts(
        path,
        {
            "xl/" + part: lambda _: sheet,
            "xl/workbook.xml": lambda t: t.replace("</sheets>", entry + "</sheets>"),
            "xl/_rels/workbook.xml.rels": lambda t: t.replace(
                "</Relationships>", rel + "</Relationships>"
            ),
            "[Content_Types].xml": lambda t: t.replace("</Types>", override + "</Types>"),
        },
    )


def put_cell(path: Path, sheet: str, ref: str, xml: str) -> Path:
    """Replace the cell ``ref`` of ``sheet`` with ``xml`` (a whole ``<c>`` element)."""

    def edit(text: str) -> str:
        text, count = re.subn(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)', xml, text, count=1)
        assert count == 1, (sheet, ref)
        return text

    return rewrite_parts(path, {sheet_part(path, sheet): edit})


def formula_cell(ref: str, formula: str, cached: str, kind: str = "n") -> str:
    """A cell holding ``formula`` with a (forged) cached value."""
    return f'<c r="{ref}" t="{kind}"><f>{xml_escape(formula)}</f><v>{xml_escape(cached)}</v></c>'


def set_property(path: Path, name: str, value: str) -> Path:
    """Change a custom document property, as Excel's properties dialog does."""

    def edit(text: str) -> str:
        text, count = re.subn(
            rf'(<property [^>]*name="{re.escape(name)}"[^>]*>\s*<vt:lpwstr[^>]*>)'
            r"[^<]*(</vt:lpwstr>)",
            lambda m: m.group(1) + xml_escape(value) + m.group(2),
            text,
        )
        assert count == 1, name
        return text

    return rewrite_parts(path, {"docProps/custom.xml": edit})


def far_cell(path: Path, sheet: str, ref: str = "XFD1048576") -> Path:
    """One empty cell at the far corner of a sheet (its claimed size: 17 billion cells)."""
    row = re.sub(r"[A-Z]", "", ref)
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t></t></is></c></row>'
    return rewrite_parts(
        path, {sheet_part(path, sheet): lambda t: t.replace("</sheetData>", cell + "</sheetData>")}
    )


def junk_rows(path: Path, sheet: str, rows: int) -> Path:
    """``rows`` rows of text and numbers below the form (a sheet that claims to be huge)."""
    start = 1000
    junk = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>rác {r}</t></is></c>'
        f'<c r="F{r}"><v>{r}</v></c></row>'
        for r in range(start, start + rows)
    )
    return rewrite_parts(
        path, {sheet_part(path, sheet): lambda t: t.replace("</sheetData>", junk + "</sheetData>")}
    )


def far_cell_workbook(path: Path, ref: str = "XFD1048576") -> Path:
    """The issue's 24 KB file: a workbook whose only cell is empty, at ``ref``."""
    row = re.sub(r"[A-Z]", "", ref)
    sheet = (
        f'<worksheet xmlns="{_MAIN_NS}"><dimension ref="A1:{ref}"/><sheetData><row r="{row}">'
        f'<c r="{ref}" t="inlineStr"><is><t></t></is></c></row></sheetData></worksheet>'
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def excel_style(path: Path) -> Path:
    """The form as Microsoft Excel writes it back (EXCEL-NOTES): defined names sorted
    case-insensitively, Excel's own ``_xlnm.*`` names added (a print area, a hidden filter
    database), ``_xlfn.`` prefixes in formula text. (Shared strings, quoted sheet names and
    formulas without ``=`` are what LibreOffice writes already.)"""

    def names(text: str) -> str:
        found = re.findall(r"<definedName [^>]*>[^<]*</definedName>", text)

        def key(entry: str) -> str:
            name = re.search(r'name="([^"]+)"', entry)
            assert name
            return name.group(1).removeprefix("_xlnm.").lstrip("_").casefold()

        extra = [
            '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            "&apos;Phần 1&apos;!$A$8:$J$30</definedName>",
            '<definedName name="_xlnm.Print_Area" localSheetId="1">'
            "&apos;Phần 2&apos;!$A$1:$J$20</definedName>",
        ]
        ordered = "".join(sorted(found + extra, key=key))
        return re.sub(
            r"<definedNames>.*</definedNames>",
            ordered.join(("<definedNames>", "</definedNames>")),
            text,
            flags=re.DOTALL,
        )

    def formulas(text: str) -> str:  # Excel adds _xlfn. to newer functions; none of ours needs
        return text.replace('<f aca="false">', "<f>").replace("<f>MIN(", "<f>_xlfn.MIN(")

    edits: dict[str, Callable[[str], str]] = {"xl/workbook.xml": names}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/sheet"):
                edits[info.filename] = formulas
    return rewrite_parts(path, edits)
