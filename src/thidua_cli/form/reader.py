"""Read a returned workbook fast and safely: one pass over the file, as a zip.

The file is read into memory once (after a size check). From the zip: ``xl/workbook.xml``
(sheet list, defined names) and ``docProps/custom.xml`` (the form's identity), parsed with
defusedxml; cell values (cached values, never recomputed) come from python-calamine, which
is 15-20x faster than openpyxl. Which cells hold a formula is read from a sheet's XML (a
defusedxml SAX pass, about 0.3 ms a sheet) only when asked (``has_formula``).

Guards: files and declared uncompressed sizes above ``MAX_BYTES``, too many zip entries,
and XML entity tricks (defusedxml raises) all end in ``UnreadableWorkbook``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

import defusedxml.sax
import python_calamine
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from openpyxl.utils import column_index_from_string

from thidua_cli.form.layout import Cell

MAX_BYTES = 50 * 1024 * 1024  # a form is ~30 KB; anything this big is not one
MAX_ENTRIES = 2_000

# Formats we recognise by their name to say precisely what the file is.
OTHER_FORMATS = {".xls": "xls", ".ods": "ods", ".csv": "csv"}

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_A1 = re.compile(r"^([A-Z]{1,3})(\d+)$")
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


class _FormulaFinder(ContentHandler):
    """Positions of the cells holding a formula (``<c r="G12"><f>...``), from a SAX pass."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[tuple[int, int]] = set()
        self._cell: tuple[int, int] | None = None

    def startElement(self, name: str, attrs: Any) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            self._cell = _a1_position(attrs.get("r", ""))
        elif local == "f" and self._cell is not None:
            self.found.add(self._cell)


# What a damaged zip raises on the way in, besides BadZipFile itself.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError)


class UnreadableWorkbook(Exception):
    """Not an xlsx workbook we can read (the scorer turns it into a ``not-xlsx`` finding).

    ``reason`` (a message key suffix): xls, ods, csv, encrypted, macro, corrupt, too-big,
    unreadable.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason if not detail else f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass
class RawWorkbook:
    """What a workbook holds, as read: properties, names, cached values, formula cells."""

    path: Path
    properties: dict[str, str]
    names: dict[str, Cell | None]  # casefolded name -> its one cell (None: a broken #REF!)
    sheet_names: list[str]
    _zip: zipfile.ZipFile = field(repr=False)
    _book: Any = field(repr=False)  # python_calamine.CalamineWorkbook
    _sheet_parts: dict[str, str] = field(repr=False)  # sheet name -> zip part
    _grids: dict[str, list[list[object]]] = field(default_factory=dict, repr=False)
    _formulas: dict[str, frozenset[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def name(self, name: str) -> Cell | None:
        return self.names.get(name.casefold())

    def has_name(self, name: str) -> bool:
        return name.casefold() in self.names

    def rows(self, sheet: str) -> list[list[object]]:
        """The sheet's cached values as a grid starting at A1 (``[]`` for a missing sheet)."""
        grid = self._grids.get(sheet)
        if grid is None:
            if sheet not in self.sheet_names:
                return []
            with _calamine_errors():
                grid = self._book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            self._grids[sheet] = grid
        return grid

    def value(self, cell: Cell) -> object:
        """The cell's cached value: int/float/str/bool/date, or ``None`` when empty."""
        grid = self.rows(cell.sheet)
        row, column = cell.row - 1, cell.column - 1
        if row >= len(grid) or column >= len(grid[row]):
            return None  # calamine trims trailing empty cells (and uncomputed formulas)
        raw = grid[row][column]
        return None if raw == "" else raw

    def has_formula(self, cell: Cell) -> bool:
        cells = self._formulas.get(cell.sheet)
        if cells is None:
            cells = self._formula_cells(cell.sheet)
            self._formulas[cell.sheet] = cells
        return (cell.row, cell.column) in cells

    def _formula_cells(self, sheet: str) -> frozenset[tuple[int, int]]:
        part = self._sheet_parts.get(sheet)
        if part is None:
            return frozenset()
        handler = _FormulaFinder()
        try:
            defusedxml.sax.parseString(_read_part(self._zip, part), handler, forbid_dtd=True)
        except (SAXException, DefusedXmlException, ValueError) as exc:
            raise UnreadableWorkbook("corrupt", f"XML: {exc}") from exc
        return frozenset(handler.found)

    def close(self) -> None:
        self._book.close()
        self._zip.close()


def read_workbook(path: Path) -> RawWorkbook:
    """Open ``path`` for reading; raises ``UnreadableWorkbook`` with the reason."""
    suffix = path.suffix.lower()
    if suffix in OTHER_FORMATS:
        raise UnreadableWorkbook(OTHER_FORMATS[suffix])
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableWorkbook("too-big", str(size))
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableWorkbook("unreadable", exc.strerror or str(exc)) from exc
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableWorkbook(_sniff(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise UnreadableWorkbook("corrupt", str(exc)) from exc
    try:
        return _open(path, data, archive)
    except BaseException:
        archive.close()
        raise


def _open(path: Path, data: bytes, archive: zipfile.ZipFile) -> RawWorkbook:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_BYTES:
        raise UnreadableWorkbook("too-big", "zip")
    parts = {e.filename for e in entries}
    if "xl/workbook.xml" not in parts:
        raise UnreadableWorkbook("ods" if "content.xml" in parts else "corrupt", "xl/workbook.xml")
    if "xl/vbaProject.bin" in parts:  # the form has no macros: this is not what was sent
        raise UnreadableWorkbook("macro")
    workbook = _parse_xml(_read_part(archive, "xl/workbook.xml"))
    sheets = _sheets(workbook)
    sheet_parts = _sheet_parts(archive, sheets, parts)
    properties = _properties(archive) if "docProps/custom.xml" in parts else {}
    with _calamine_errors():
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return RawWorkbook(
        path=path,
        properties=properties,
        names=_defined_names(workbook),
        sheet_names=[name for name, _ in sheets],
        _zip=archive,
        _book=book,
        _sheet_parts=sheet_parts,
    )


@contextmanager
def _calamine_errors() -> Iterator[None]:
    """Calamine's failures as ``UnreadableWorkbook``.

    It raises its own family, plain ValueErrors, and on some odd dates a pyo3
    ``PanicException``, which derives from ``BaseException``.
    """
    try:
        yield
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:
        raise UnreadableWorkbook("corrupt", str(exc)) from exc


def _sniff(data: bytes) -> str:
    """Name what a non-zip file most likely is: a password-protected xlsx, an old .xls."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2 compound file
        return "encrypted" if _ENCRYPTED_MARK in data else "xls"
    return "corrupt"


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_BYTES:
        raise UnreadableWorkbook("too-big", name)
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_BYTES + 1)
    except _ZIP_ERRORS as exc:
        raise UnreadableWorkbook("corrupt", f"{name}: {exc}") from exc
    if len(data) > MAX_BYTES:
        raise UnreadableWorkbook("too-big", name)
    return data


def _parse_xml(data: bytes) -> Any:
    try:
        return fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise UnreadableWorkbook("corrupt", f"XML: {exc}") from exc


def _sheets(workbook: Any) -> list[tuple[str, str]]:
    """(name, relationship id) of every sheet, in workbook order."""
    found = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        name = sheet.get("name")
        if name:
            found.append((name, sheet.get(f"{_REL}id", "")))
    return found


def _sheet_parts(
    archive: zipfile.ZipFile, sheets: list[tuple[str, str]], parts: set[str]
) -> dict[str, str]:
    rels_name = "xl/_rels/workbook.xml.rels"
    if rels_name not in parts:
        return {}
    targets = {}
    for rel in _parse_xml(_read_part(archive, rels_name)).iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[rel.get("Id", "")] = target
    return {name: targets[rid] for name, rid in sheets if targets.get(rid) in parts}


def _properties(archive: zipfile.ZipFile) -> dict[str, str]:
    root = _parse_xml(_read_part(archive, "docProps/custom.xml"))
    found: dict[str, str] = {}
    for prop in root.iter(f"{_CUSTOM}property"):
        name = prop.get("name")
        value = next(iter(prop), None)
        if name and value is not None:
            found[name] = value.text or ""
    return found


def _defined_names(workbook: Any) -> dict[str, Cell | None]:
    names: dict[str, Cell | None] = {}
    for defined in workbook.iter(f"{_MAIN}definedName"):
        name = defined.get("name", "")
        if not name or defined.get("localSheetId") is not None:
            continue  # only workbook-scoped names are the form's contract
        names[name.casefold()] = parse_reference(defined.text or "")
    return names


def parse_reference(text: str) -> Cell | None:
    """``'Phần 1'!$F$9`` -> Cell("Phần 1", 9, 6); ``None`` for ``#REF!`` or a range."""
    match = _REF.match(text.strip())
    if match is None:
        return None
    quoted, bare, letters, row = match.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else bare
    try:
        column = column_index_from_string(letters.upper())
    except ValueError:
        return None
    return Cell(sheet, int(row), column)


def _a1_position(ref: str) -> tuple[int, int] | None:
    match = _A1.match(ref)
    if match is None:
        return None
    return int(match.group(2)), column_index_from_string(match.group(1))
