"""A corpus of hostile and broken input files, generated (never committed).

``file_corpus`` makes files that are not usable forms at all; ``form_corpus`` takes a valid
form written by the project's own writer and breaks it the way people and programs do.
Each entry maps a short name to the file made.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

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
