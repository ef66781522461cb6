"""Read a returned workbook fast, safely and within bounds: one streaming pass per part.

A form is a zip of XML parts. This module reads, with expat (DTDs and entities refused,
as defusedxml does):

- ``xl/workbook.xml``: the sheets (name, visibility, part) and every defined name, in every
  scope, exactly as written (the scorer pins them to the layout);
- ``docProps/custom.xml``: the form's identity as custom document properties;
- ``xl/styles.xml``: which cell styles format a number as a percent or a date;
- the sheets the caller asks for, each only inside its ``Area`` (the layout's own bounds):
  for every cell there, its value (shared strings resolved for those cells only), its number
  format and its formula text. Cells outside the area cost a callback and are dropped, so a
  cell at ``XFD1048576`` or a sheet whose ``<dimension>`` claims a million rows costs nothing.

Memory and time per file are bounded whatever the file claims: files and parts above
``MAX_BYTES`` are refused, parts are parsed in chunks, never whole, and only the cells of
the areas are kept. Every failure is an ``UnreadableWorkbook`` with a reason.

The fast path (``FAST``): a small file is read whole and its small parts straight from its
bytes (``_raw_member``); sheets and shared strings in the canonical shape every spreadsheet
program writes are read by ``canonical_xml`` at C speed, giving exactly what expat gives
(anything else is declined and read with expat); what every form of a run shares (parts,
skeletons, cells, strings) is read once per run and remembered within bounds (``memo``).
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from decimal import Context, Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar
from xml.parsers import expat

from msgspec import Struct, field

from thidua_cli.form import canonical_xml
from thidua_cli.form.layout import MAX_COLUMN, Area, Cell, column_number
from thidua_cli.form.memo import Memo

MAX_BYTES = 50 * 1024 * 1024  # a form is ~30 KB; anything this big is not one
MAX_ENTRIES = 2_000
CHUNK = 64 * 1024
CACHED_PART_MAX = 1024 * 1024  # parts read whole to be parsed once per run (see ``cached``)
_PARSED: Memo[tuple[str, bytes], object] = Memo(64, 4 << 20)  # (part, its bytes) -> it
# The fast path (``canonical_xml``) for sheets and shared strings up to this size; False reads
# every part with expat (the tests compare both). ``DECLINED`` counts the parts it declined.
FAST = True
FAST_PART_MAX = 1024 * 1024
FAST_FILE_MAX = 4 * 1024 * 1024  # files read whole, their small parts straight from the bytes
DECLINED: Counter[str] = Counter()
H = TypeVar("H", bound="_Handler")
T = TypeVar("T")

# Formats we recognise by their name to say precisely what the file is.
OTHER_FORMATS = {".xls": "xls", ".ods": "ods", ".csv": "csv"}

_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_REF = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Za-z]{1,3})\$?(\d{1,7})$")

_SPREADSHEET_DIGITS = Context(prec=15, Emax=999_999, Emin=-999_999)
_PLAIN_DIGITS = 30  # beyond, a number keeps its exponent (no form holds one; a message shows it)
# Built-in number formats (ECMA-376 18.8.30): percents, and dates and times.
_PERCENT_FORMATS = frozenset({9, 10})
_DATE_FORMATS = frozenset({*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)})
# In a custom format: quoted text, escaped characters and [colour]/[locale] sections mean
# nothing for the kind of number; what is left says percent (%) or date (d m y h s).
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_LETTERS = re.compile(r"[dmyhs]", re.IGNORECASE)


# What a damaged zip raises on the way in, besides BadZipFile itself.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, ValueError)


class UnreadableWorkbook(Exception):
    """Not an xlsx workbook we can read (the scorer turns it into a ``not-xlsx`` finding).

    ``reason`` (a message key suffix): xls, ods, csv, encrypted, macro, corrupt, too-big,
    unreadable, folder.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason if not detail else f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class NumberFormat(StrEnum):
    """What a cell's number format says about its number."""

    GENERAL = "general"
    PERCENT = "percent"  # 0.8 is shown, and meant, as 80 %
    DATE = "date"  # a serial day number shown as a date or a time


class ErrorValue(Struct, frozen=True):
    """A spreadsheet error shown in a cell: ``#VALUE!``, ``#REF!``, ``#N/A``..."""

    text: str

    def __str__(self) -> str:
        return self.text


class RawCell(Struct, frozen=True):
    """One cell as stored: its value, its number format and its formula (if any).

    ``value`` is ``None`` (nothing stored), a ``Decimal``, a ``str``, a ``bool`` or an
    ``ErrorValue``; for a formula cell it is the value cached by the program that saved it
    (``cached`` says whether there is one: a program like openpyxl stores none).
    """

    value: object = None
    formula: str | None = None
    cached: bool = False
    number_format: NumberFormat = NumberFormat.GENERAL


EMPTY = RawCell()


DEFAULT_AREA = Area(1_000, 64)  # what a caller that names no area gets (tests, tools)


class SheetInfo(Struct, frozen=True):
    """A sheet the workbook lists: its name, its visibility and its zip part."""

    name: str
    state: str  # visible, hidden, veryHidden
    part: str | None  # the zip part, None when the workbook's relationships lack it


class DefinedName(Struct, frozen=True):
    """A ``<definedName>`` as written: its name, its text and its scope."""

    name: str
    text: str
    local_sheet: int | None = None  # localSheetId: the name belongs to one sheet
    hidden: bool = False


class RawWorkbook(Struct):
    """What a workbook holds, as read: properties, sheets, defined names and the kept cells."""

    path: Path
    properties: dict[str, str]
    sheets: list[SheetInfo]
    defined_names: list[DefinedName]
    cells: dict[str, dict[tuple[int, int], RawCell]] = field(default_factory=dict)

    @property
    def sheet_names(self) -> list[str]:
        return [sheet.name for sheet in self.sheets]

    def name(self, name: str) -> Cell | None:
        """The cell of the first workbook-scoped name spelled ``name`` in any case."""
        wanted = name.casefold()
        for defined in self.defined_names:
            if defined.local_sheet is None and defined.name.casefold() == wanted:
                return parse_reference(defined.text)
        return None

    def cell(self, cell: Cell) -> RawCell:
        return self.cells.get(cell.sheet, {}).get((cell.row, cell.column), EMPTY)

    def value(self, cell: Cell) -> object:
        """The cell's stored (or cached) value, ``None`` when empty."""
        return self.cell(cell).value


def read_workbook(path: Path, areas: Mapping[str, Area] | None = None) -> RawWorkbook:
    """Read ``path``: every sheet named in ``areas`` within its area (``None``: every sheet,
    within ``DEFAULT_AREA``). Raises ``UnreadableWorkbook`` with the reason."""
    suffix = path.suffix.lower()
    if suffix in OTHER_FORMATS:
        if _is_xlsx(path):
            raise UnreadableWorkbook("renamed", suffix)
        raise UnreadableWorkbook(OTHER_FORMATS[suffix])
    try:
        if path.is_dir():  # a folder that could not be listed: say why
            with os.scandir(path):
                pass
            raise UnreadableWorkbook("folder")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableWorkbook("too-big", str(size))
        if size == 0:  # a copy or a save that never finished
            raise UnreadableWorkbook("empty")
        with path.open("rb") as handle:
            whole = None  # the file's bytes, for the fast path to read small parts from
            if FAST and size <= FAST_FILE_MAX:
                whole = handle.read(size + 1)
                if len(whole) != size:  # it changed since
                    whole = None
                handle.seek(0)
            if not zipfile.is_zipfile(handle):
                handle.seek(0)
                raise UnreadableWorkbook(_sniff(handle.read(MAX_BYTES)))
            handle.seek(0)
            try:
                archive = zipfile.ZipFile(handle)
            except _ZIP_ERRORS as exc:
                raise UnreadableWorkbook("corrupt", str(exc)) from exc
            with archive:
                return _Reader(path, archive, whole).read(areas)
    except OSError as exc:
        reason = "folder" if _is_folder(path) else "unreadable"
        raise UnreadableWorkbook(reason, exc.strerror or str(exc)) from exc


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


# A zip member's local header (zipfile's ``structFileHeader``): signature, versions, flags,
# method, time, date, CRC, sizes, name and extra field lengths.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_PLAIN_FLAGS = 0x1 << 1 | 0x1 << 2 | 0x1 << 3 | 0x1 << 11  # deflate options, sizes after, UTF-8
_ENCRYPTED = 0x1


def _raw_member(
    whole: bytes, info: zipfile.ZipInfo, limit: int, inflated: Memo[bytes, tuple[bytes, int]] | None
) -> bytes | None:
    """A member of the zip ``whole``, read at C speed without ``zipfile``'s Python per member;
    ``None`` for anything but a plain stored or deflated member of at most ``limit`` bytes
    whose size and CRC check out (``zipfile`` then reads it, and says what is wrong).
    ``inflated``: members inflated before, by their compressed bytes, with their CRC."""
    if (
        info.file_size > limit
        or info.flag_bits & ~_PLAIN_FLAGS
        or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
    ):
        return None
    start = info.header_offset
    if start < 0:  # zipfile cannot seek there; a slice would read from the end
        return None
    header = whole[start : start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        return None
    signature, _, _, flags, _, _, _, _, _, _, name_length, extra_length = _LOCAL_HEADER.unpack(
        header
    )
    start += _LOCAL_HEADER.size
    name = whole[start : start + name_length]
    try:
        if (
            signature != b"PK\x03\x04"
            or name.decode("utf-8" if flags & 0x800 else "cp437") != info.orig_filename
        ):
            return None
    except UnicodeDecodeError:
        return None
    start += name_length + extra_length
    data = whole[start : start + info.compress_size]
    if len(data) != info.compress_size:
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        return data if len(data) == info.file_size and zlib.crc32(data) == info.CRC else None
    known = None if inflated is None else inflated.get(data)
    if known is not None:  # the same deflated bytes inflate to the same bytes
        inflated_data, crc = known
        return inflated_data if (len(inflated_data), crc) == (info.file_size, info.CRC) else None
    try:
        plain = zlib.decompressobj(-15).decompress(data, info.file_size + 1)
    except zlib.error:
        return None
    if len(plain) != info.file_size or zlib.crc32(plain) != info.CRC:
        return None
    if inflated is not None:
        inflated.put(data, (plain, info.CRC), len(data) + len(plain))
    return plain


_INFLATED: Memo[bytes, tuple[bytes, int]] = Memo(64, 4 << 20)


def _is_xlsx(path: Path) -> bool:
    """An .xlsx workbook under another name (a .ods is a zip too, without ``xl/``)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (*_ZIP_ERRORS, OSError):
        return False


def _sniff(data: bytes) -> str:
    """Name what a non-zip file most likely is: a password-protected xlsx, an old .xls."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2 compound file
        return "encrypted" if _ENCRYPTED_MARK in data else "xls"
    return "corrupt"


class _Reader:
    def __init__(self, path: Path, archive: zipfile.ZipFile, whole: bytes | None = None) -> None:
        self.path = path
        self.archive = archive
        self.whole = whole
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_BYTES:
            raise UnreadableWorkbook("too-big", "zip")
        self.parts = {e.filename for e in entries}

    def read(self, areas: Mapping[str, Area] | None) -> RawWorkbook:
        parts = self.parts
        if "xl/workbook.xml" not in parts:
            reason = "ods" if "content.xml" in parts else "corrupt"
            raise UnreadableWorkbook(reason, "xl/workbook.xml")
        if "xl/vbaProject.bin" in parts:  # the form has no macros: this is not what was sent
            raise UnreadableWorkbook("macro")
        book_sheets, book_names = self.cached(
            "xl/workbook.xml", _WorkbookPart, _WorkbookPart.result
        )
        targets, kinds = self.relationships("xl/_rels/workbook.xml.rels")
        sheets = [
            SheetInfo(name, state, target if (target := targets.get(rid)) in parts else None)
            for name, state, rid in book_sheets
        ]
        properties: dict[str, str] = {}
        if "docProps/custom.xml" in parts:
            custom = _CustomProperties()
            self.parse("docProps/custom.xml", custom)
            properties = custom.found
        raw = RawWorkbook(self.path, properties, sheets, list(book_names))
        wanted = (
            {s.name: DEFAULT_AREA for s in sheets}
            if areas is None
            else {name: area for name, area in areas.items() if name in raw.sheet_names}
        )
        if not wanted:
            return raw
        styles = self.styles(kinds.get("styles", "xl/styles.xml"))
        shared: dict[int, list[tuple[str, tuple[int, int]]]] = {}
        for sheet in sheets:
            area = wanted.get(sheet.name)
            if area is None or sheet.part is None:
                continue
            cells, strings = self.sheet(sheet.part, area, styles)
            raw.cells[sheet.name] = cells
            for index, position in strings:
                shared.setdefault(index, []).append((sheet.name, position))
        if shared:
            self.resolve_shared_strings(raw, shared, kinds.get("sharedStrings", ""))
        return raw

    # --- parts ------------------------------------------------------------------------------

    def sheet(
        self, name: str, area: Area, styles: tuple[NumberFormat, ...]
    ) -> tuple[dict[tuple[int, int], RawCell], list[tuple[int, tuple[int, int]]]]:
        """A sheet's kept cells and the shared strings they point to: the fast path when
        the part is canonical, else expat."""
        if FAST:
            data = self.small(name)
            found = None if data is None else _fast_sheet(data, area, styles)
            if found is not None:
                return found
            DECLINED["sheet"] += 1
        handler = _SheetPart(area, styles)
        self.parse(name, handler)
        return handler.cells, handler.shared

    def shared_strings(self, name: str, wanted: Collection[int]) -> dict[int, str]:
        """The shared strings at the ``wanted`` indices: the fast path, else expat."""
        if FAST:
            data = self.small(name)
            found = None if data is None else canonical_xml.shared_strings(data, wanted)
            if found is not None:
                return found
            DECLINED["shared strings"] += 1
        strings = _SharedStrings(set(wanted))
        self.parse(name, strings)
        return strings.found

    def small(self, name: str) -> bytes | None:
        """A part read whole when it is small (a form's sheets are), else ``None``."""
        try:
            info = self.archive.getinfo(name)
            if info.file_size > FAST_PART_MAX or info.flag_bits & _ENCRYPTED:
                return None
            data = self.raw(info)
            if data is not None:
                return data
            with self.archive.open(info) as stream:
                data = stream.read(FAST_PART_MAX + 1)
        except (KeyError, *_ZIP_ERRORS):
            return None  # the expat path says what is wrong
        return data if len(data) <= FAST_PART_MAX else None

    def raw(self, info: zipfile.ZipInfo, shared: bool = False) -> bytes | None:
        """A small part read straight from the file's bytes (``_raw_member``), or ``None``;
        ``shared``: a part every form of a run holds alike, inflated once per run."""
        if self.whole is None:
            return None
        return _raw_member(self.whole, info, FAST_PART_MAX, _INFLATED if shared else None)

    def parse(self, name: str, handler: _Handler) -> None:
        """Stream one part through expat into ``handler`` (never held whole in memory; a small
        part the fast path read whole, in one piece)."""
        info = self.info(name)
        read = 0
        try:
            data = self.raw(info)
            if data is not None:
                _feed(name, handler, iter((data,)))
                return
            with self.archive.open(info) as stream:

                def chunks() -> Iterator[bytes]:
                    nonlocal read
                    while chunk := stream.read(CHUNK):
                        read += len(chunk)
                        if read > MAX_BYTES:
                            raise UnreadableWorkbook("too-big", name)
                        yield chunk

                _feed(name, handler, chunks())
        except _ZIP_ERRORS as exc:
            raise UnreadableWorkbook("corrupt", f"{name}: {exc}") from exc

    def info(self, name: str) -> zipfile.ZipInfo:
        try:
            info = self.archive.getinfo(name)
        except KeyError as exc:
            raise UnreadableWorkbook("corrupt", name) from exc
        if info.file_size > MAX_BYTES:
            raise UnreadableWorkbook("too-big", name)
        if info.flag_bits & _ENCRYPTED:  # a zip with a password (zipfile would raise RuntimeError)
            raise UnreadableWorkbook("encrypted", name)
        return info

    def cached(self, name: str, handler: Callable[[], H], result: Callable[[H], T]) -> T:
        """What ``handler`` makes of a part, parsed once per run for parts every form of a run
        shares byte for byte (the workbook part, the styles), keyed by the bytes themselves
        (never by the zip's CRC, which a forger can match)."""
        info = self.info(name)
        if info.file_size > CACHED_PART_MAX:
            fresh = handler()
            self.parse(name, fresh)
            return result(fresh)
        try:
            data = self.raw(info, shared=True)
            if data is None:
                with self.archive.open(info) as stream:
                    data = stream.read(CACHED_PART_MAX + 1)
        except _ZIP_ERRORS as exc:
            raise UnreadableWorkbook("corrupt", f"{name}: {exc}") from exc
        if len(data) > CACHED_PART_MAX:  # the zip said less than it holds
            raise UnreadableWorkbook("corrupt", name)
        key = (name, data)
        found = _PARSED.get(key)
        if found is None:
            fresh = handler()
            try:
                _feed(name, fresh, iter((data,)))
            except ValueError as exc:  # digits int() refuses ("²"), as ``parse`` says
                raise UnreadableWorkbook("corrupt", f"{name}: {exc}") from exc
            found = result(fresh)
            _PARSED.put(key, found, len(data))
        return found  # type: ignore[return-value]

    def relationships(self, name: str) -> tuple[dict[str, str], dict[str, str]]:
        """The workbook's relationships: id -> zip part, and kind (``styles``) -> zip part."""
        by_id: dict[str, str] = {}
        by_kind: dict[str, str] = {}
        if name not in self.parts:
            return by_id, by_kind
        for rid, target, kind in self.cached(name, _Relationships, _Relationships.result):
            part = _part_name(target)
            by_id[rid] = part
            by_kind.setdefault(kind.rpartition("/")[2], part)
        return by_id, by_kind

    def styles(self, name: str) -> tuple[NumberFormat, ...]:
        """Each cell style's number format kind, in ``cellXfs`` order."""
        if name not in self.parts:
            return ()
        return self.cached(name, _Styles, _Styles.result)

    def resolve_shared_strings(
        self,
        raw: RawWorkbook,
        wanted: dict[int, list[tuple[str, tuple[int, int]]]],
        name: str,
    ) -> None:
        """Fill the kept cells that point into the shared strings (only those are kept)."""
        name = name or "xl/sharedStrings.xml"
        found = self.shared_strings(name, wanted) if name in self.parts else {}
        for index, places in wanted.items():
            text = found.get(index)
            for sheet, position in places:
                cells = raw.cells[sheet]
                cell = cells[position]
                # An index past the table: Excel calls the file corrupt; here it reads as empty.
                key = (text, cell.formula, cell.number_format)
                resolved = _RESOLVED.get(key)
                if resolved is None:
                    resolved = RawCell(text, cell.formula, text is not None, cell.number_format)
                    _RESOLVED.put(key, resolved, len(text or "") + len(cell.formula or ""))
                cells[position] = resolved


# --- the fast path -------------------------------------------------------------------------

# Cells already read, by the bytes after their reference, per styles part (4 at most): a
# form's empty cells and formulas repeat from sheet to sheet and from form to form.
_CELLS: dict[tuple[NumberFormat, ...], Memo[bytes, tuple[RawCell | None, int | None]]] = {}
_CELLS_STYLES = 4
# Cells that hold a shared string, by string, formula and number format.
_RESOLVED: Memo[tuple[str | None, str | None, NumberFormat], RawCell] = Memo(10_000, 1 << 20)


def _fast_sheet(
    data: bytes, area: Area, styles: tuple[NumberFormat, ...]
) -> tuple[dict[tuple[int, int], RawCell], list[tuple[int, tuple[int, int]]]] | None:
    """``_SheetPart``'s cells and shared strings, from a canonical part (``None``: declined)."""
    found = canonical_xml.sheet_cells(data, area)
    if found is None:
        return None
    plan, texts = found
    cell_bytes = canonical_xml.cell_bytes
    memo = _CELLS.get(styles)
    if memo is None:
        if len(_CELLS) >= _CELLS_STYLES:
            _CELLS.clear()
        memo = _CELLS[styles] = Memo(10_000, 1 << 20)
    cells: dict[tuple[int, int], RawCell] = {}
    shared: list[tuple[int, tuple[int, int]]] = []
    masters: dict[str, str] = {}
    for position, pieces, slots in plan:
        rest = cell_bytes(pieces, slots, texts)
        stored = memo.get(rest)
        if stored is None:
            parsed = canonical_xml.parse_cell(rest)
            if parsed is None:
                return None
            attrs, formula_attrs, formula, value, inline = parsed
            if formula_attrs is not None and formula is not None:
                formula = _formula(formula_attrs, formula, masters)
            try:
                stored = _stored(attrs, value, inline, formula, styles)
            except ValueError:  # digits int() refuses: the expat path says what is wrong
                return None
            if formula_attrs is None or formula_attrs.get("t") != "shared":  # not in context
                memo.put(rest, stored, len(rest))
        cell, index = stored
        if cell is not None:
            cells[position] = cell
        if index is not None:
            shared.append((index, position))
    return cells, shared


# --- expat --------------------------------------------------------------------------------


class _Handler:
    """Receives local element names (namespaces dropped) and attributes by local name.

    Python callbacks are most of a parse's cost: a handler hears the ends of elements only
    while ``ends`` is on, and text only while a ``_Collector`` collects.
    """

    ends_at_first = True
    _parser: Any = None
    _end: Any = None

    def start(self, name: str, attrs: dict[str, str]) -> None: ...

    def end(self, name: str) -> None: ...

    def text(self, data: str) -> None: ...

    def ends(self, on: bool) -> None:
        self._parser.EndElementHandler = self._end if on else None

    def texts(self, on: bool) -> None:
        self._parser.CharacterDataHandler = self.text if on else None


def _feed(name: str, handler: _Handler, chunks: Iterator[bytes]) -> None:
    parser = _expat_parser(handler)
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise UnreadableWorkbook("corrupt", f"{name}: {exc}") from exc


def _refuse(*_: object) -> Any:
    raise UnreadableWorkbook("corrupt", "XML with a DTD or entities")


def _expat_parser(handler: _Handler) -> Any:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    # What defusedxml forbids: no DTD, hence no entity can be declared or expanded.
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def prefixed_start(name: str, attrs: dict[str, str]) -> None:
        handler.start(name.rpartition(":")[2], {k.rpartition(":")[2]: v for k, v in attrs.items()})

    def prefixed_end(name: str) -> None:
        handler.end(name.rpartition(":")[2])

    def first(name: str, attrs: dict[str, str]) -> None:
        # Spreadsheets write the main namespace as the default one (``<c r="A1">``); a few
        # generators prefix every element (``<x:c>``): only those pay for stripping prefixes.
        if ":" in name:
            parser.StartElementHandler, handler._end = prefixed_start, prefixed_end
        else:
            parser.StartElementHandler, handler._end = handler.start, handler.end
        handler.ends(handler.ends_at_first)
        parser.StartElementHandler(name, attrs)

    handler._parser = parser
    parser.StartElementHandler = first
    return parser


class _Collector(_Handler):
    """Collects the text of the element being read between ``begin`` and ``take``."""

    def __init__(self) -> None:
        self.buffer: list[str] | None = None

    def text(self, data: str) -> None:
        if self.buffer is not None:
            self.buffer.append(data)

    def begin(self) -> None:
        self.buffer = []
        self.texts(True)

    def take(self) -> str:
        text = "".join(self.buffer or ())
        self.buffer = None
        self.texts(False)
        return text


class _WorkbookPart(_Collector):
    def result(self) -> tuple[tuple[tuple[str, str, str], ...], tuple[DefinedName, ...]]:
        return tuple(self.sheets), tuple(self.names)

    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[tuple[str, str, str]] = []  # (name, state, relationship id)
        self.names: list[DefinedName] = []
        self._name: dict[str, str] | None = None

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "sheet" and attrs.get("name"):
            rid = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), "")
            self.sheets.append((attrs["name"], attrs.get("state", "visible"), rid))
        elif name == "definedName":
            self._name = attrs
            self.begin()

    def end(self, name: str) -> None:
        if name == "definedName" and self._name is not None:
            attrs, self._name = self._name, None
            local = attrs.get("localSheetId")
            self.names.append(
                DefinedName(
                    attrs.get("name", ""),
                    self.take(),
                    int(local) if local is not None and local.isdigit() else None,
                    attrs.get("hidden", "").lower() in ("1", "true"),
                )
            )


class _Relationships(_Handler):
    def __init__(self) -> None:
        self.found: list[tuple[str, str, str]] = []  # (id, target, type)

    def result(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(self.found)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "Relationship":
            self.found.append((attrs.get("Id", ""), attrs.get("Target", ""), attrs.get("Type", "")))


class _CustomProperties(_Collector):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, str] = {}
        self._property: str | None = None
        self._depth = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "property":
            self._property = attrs.get("name")
            self._depth = 0
        elif self._property is not None:
            self._depth += 1
            if self._depth == 1:
                self.begin()

    def end(self, name: str) -> None:
        if name == "property":
            self._property = None
        elif self._property is not None:
            if self._depth == 1 and self.buffer is not None:
                self.found.setdefault(self._property, self.take())
            self._depth -= 1


class _Styles(_Handler):
    def __init__(self) -> None:
        self.codes: dict[int, str] = {}
        self.xfs: list[int] = []
        self._in_xfs = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "numFmt":
            number = attrs.get("numFmtId", "")
            if number.isdigit():
                self.codes[int(number)] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            self._in_xfs = True
        elif name == "xf" and self._in_xfs:
            number = attrs.get("numFmtId", "0")
            self.xfs.append(int(number) if number.isdigit() else 0)

    def end(self, name: str) -> None:
        if name == "cellXfs":
            self._in_xfs = False

    def result(self) -> tuple[NumberFormat, ...]:
        return tuple(self.kind(number_format) for number_format in self.xfs)

    def kind(self, number: int) -> NumberFormat:
        code = self.codes.get(number)
        if code is None:
            if number in _PERCENT_FORMATS:
                return NumberFormat.PERCENT
            return NumberFormat.DATE if number in _DATE_FORMATS else NumberFormat.GENERAL
        return format_kind(code)


def format_kind(code: str) -> NumberFormat:
    """A custom number format's kind: ``0.0%`` is a percent, ``dd/mm/yyyy`` a date."""
    bare = _FORMAT_NOISE.sub("", code.split(";")[0])
    if "%" in bare:
        return NumberFormat.PERCENT
    if bare.lower() != "general" and _DATE_LETTERS.search(bare):
        return NumberFormat.DATE
    return NumberFormat.GENERAL


class _SharedStrings(_Collector):
    """The shared strings at the wanted indices (rich text runs joined, phonetics left out)."""

    def __init__(self, wanted: set[int]) -> None:
        super().__init__()
        self.wanted = wanted
        self.last = max(wanted)
        self.found: dict[int, str] = {}
        self._index = -1
        self._parts: list[str] | None = None
        self._phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "si":
            self._index += 1
            self._parts = [] if self._index in self.wanted else None
        elif name == "rPh":
            self._phonetic += 1
        elif name == "t" and self._parts is not None and not self._phonetic:
            self.begin()

    def end(self, name: str) -> None:
        if name == "t" and self.buffer is not None and self._parts is not None:
            self._parts.append(self.take())
        elif name == "rPh":
            self._phonetic -= 1
        elif name == "si" and self._parts is not None:
            self.found[self._index] = "".join(self._parts)
            self._parts = None


class _SheetPart(_Collector):
    """The cells of one sheet inside ``area``: value, number format, formula."""

    ends_at_first = False  # heard only inside a kept cell

    def __init__(self, area: Area, styles: Sequence[NumberFormat]) -> None:
        super().__init__()
        self.area = area
        self.styles = styles
        self.cells: dict[tuple[int, int], RawCell] = {}
        self.shared: list[tuple[int, tuple[int, int]]] = []  # (string index, cell)
        self._row = 0
        self._column = 0
        self._cell: tuple[int, int] | None = None  # the kept cell being read
        self._attrs: dict[str, str] = {}
        self._value: str | None = None
        self._inline: list[str] | None = None
        self._formula: str | None = None
        self._formula_attrs: dict[str, str] = {}
        self._masters: dict[str, str] = {}  # shared formula index -> its master's text
        self._phonetic = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if name == "c":
            ref = attrs.get("r")
            if ref is not None and ref[1:2].isdigit():  # A..Z: the form's columns, fast
                column, row = _SINGLE_LETTER.get(ref[0], 0), _row_number(ref[1:])
            else:
                position = _a1_position(ref) if ref is not None else None
                row, column = position if position is not None else (self._row, self._column + 1)
            self._row, self._column = row, column
            area = self.area
            if 0 < row <= area.rows and area.first_column <= column <= area.columns:
                self._keep(attrs, row, column)
        elif self._cell is None:
            if name == "row":
                number = attrs.get("r", "")
                self._row = int(number) if number.isdigit() else self._row + 1
                self._column = 0
        elif name == "v" or name == "f":
            self.begin()
            if name == "f":
                self._formula_attrs = attrs
        elif name == "is":
            self._inline = []
        elif name == "rPh":
            self._phonetic += 1
        elif name == "t" and self._inline is not None and not self._phonetic:
            self.begin()

    def _keep(self, attrs: dict[str, str], row: int, column: int) -> None:
        self._cell = (row, column)
        self.ends(True)
        self._attrs = attrs
        self._value = self._formula = self._inline = None

    def end(self, name: str) -> None:
        if self._cell is None:
            return
        if name == "v" and self.buffer is not None:
            self._value = self.take()
        elif name == "f" and self.buffer is not None:
            self._formula = _formula(self._formula_attrs, self.take(), self._masters)
        elif name == "t" and self._inline is not None and self.buffer is not None:
            self._inline.append(self.take())
        elif name == "rPh":
            self._phonetic -= 1
        elif name == "c":
            position = self._cell
            cell, index = _stored(
                self._attrs, self._value, self._inline, self._formula, self.styles
            )
            if cell is not None:
                self.cells[position] = cell
            if index is not None:
                self.shared.append((index, position))
            self._cell = None
            self.ends(False)


def _formula(attrs: Mapping[str, str], text: str, masters: dict[str, str]) -> str:
    """A formula's text; a shared formula's cells carry no text but their master's index:
    use its text (``masters``: the sheet's shared formulas read so far)."""
    if attrs.get("t") != "shared":
        return text
    index = attrs.get("si", "")
    if text:
        masters[index] = text
        return text
    return masters.get(index, "")


def _stored(
    attrs: Mapping[str, str],
    text: str | None,
    inline: list[str] | None,
    formula: str | None,
    styles: Sequence[NumberFormat],
) -> tuple[RawCell | None, int | None]:
    """What a kept cell stores, from its attributes, its ``<v>`` text, its inline string
    runs and its formula: the ``RawCell`` (``None``: nothing to keep) and the index of its
    shared string (``None``: none; the value arrives with the shared strings)."""
    kind = attrs.get("t", "n")
    style = attrs.get("s", "0")
    number = int(style) if style.isdigit() else 0
    style_kind = styles[number] if number < len(styles) else NumberFormat.GENERAL
    value: object = None
    index: int | None = None
    cached = text is not None
    if kind == "inlineStr":
        cached = inline is not None
        value = "".join(inline) if inline is not None else None
    elif text is None or (not text and kind in ("n", "b", "e", "s")):
        cached = False  # openpyxl writes an empty <v/> for a formula it did not compute
    elif kind == "s":
        if text.strip().isdigit():
            index = int(text)
    elif kind in ("str", "d"):
        value = text
    elif kind == "b":
        value = text.strip() in ("1", "true")
    elif kind == "e":
        value = ErrorValue(text.strip())
    else:
        value = _number(text)
    if cached or formula is not None:
        return RawCell(value, formula, cached, style_kind), index
    if style_kind is not NumberFormat.GENERAL:
        return RawCell(number_format=style_kind), index  # formatted, still empty
    return None, index


# --- references ---------------------------------------------------------------------------


def _number(text: str) -> Decimal | ErrorValue:
    """A stored number at the 15 significant digits a spreadsheet keeps, spelled as typed:
    Excel writes 0.573 as ``0.57299999999999995`` and 20 as ``20``: read 0.573 and 20."""
    try:
        value = _SPREADSHEET_DIGITS.plus(Decimal(text.strip()))
    except (InvalidOperation, ValueError):
        return ErrorValue(text.strip()[:40])  # not a number: Excel would call the file corrupt
    if not value.is_finite():
        return ErrorValue("#NUM!")
    if abs(value.adjusted()) <= _PLAIN_DIGITS:  # no exponent, no trailing zeros
        return Decimal(format(value.normalize(_SPREADSHEET_DIGITS), "f"))
    return value


def _part_name(target: str) -> str:
    """A relationship's target as a zip part name (relative targets are under ``xl/``)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


def parse_reference(text: str) -> Cell | None:
    """``'Phần 1'!$F$9`` -> Cell("Phần 1", 9, 6); ``None`` for ``#REF!`` or a range."""
    match = _REF.match(text.strip())
    if match is None:
        return None
    quoted, bare, letters, row = match.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else bare
    try:
        column = column_number(letters)
    except ValueError:
        return None
    return Cell(sheet, int(row), column)


_SINGLE_LETTER = {letter: index for index, letter in enumerate(_LETTERS[:26], start=1)} | {
    letter: index for index, letter in enumerate(_LETTERS[26:], start=1)
}


def _row_number(digits: str) -> int:
    """A cell reference's row, 0 (outside every area) when it is not a plain number."""
    return int(digits) if digits.isdigit() and digits.isascii() and len(digits) <= 7 else 0


def _a1_position(ref: str) -> tuple[int, int] | None:
    """``G12`` -> (12, 7); ``None`` for anything else."""
    digits = ref.lstrip(_LETTERS)
    letters = ref[: len(ref) - len(digits)]
    if not digits.isdigit() or not digits.isascii() or not 0 < len(digits) <= 7:
        match = _A1.match(ref)  # with $ signs, or not a reference at all
        if match is None:
            return None
        letters, digits = match.groups()
    column = _column(letters)
    return None if column is None else (int(digits), column)


@functools.lru_cache(maxsize=4096)
def _column(letters: str) -> int | None:
    if not 0 < len(letters) <= 3:
        return None
    try:
        column = column_number(letters)
    except ValueError:
        return None
    return column if column <= MAX_COLUMN else None
