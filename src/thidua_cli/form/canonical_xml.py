"""The form reader's fast path: the sheet and shared-string parts of a workbook, read at C speed.

Excel, LibreOffice and openpyxl write these parts in one canonical shape:
``<c r="F9" s="3" t="s"><v>12</v></c>``, double quotes, no namespace prefix, no comment,
no CDATA. One compiled regular expression splits such a part into its skeleton and its texts
(those of ``<v>`` and ``<t>`` elements): the texts are all that differs from one form of a
template to the next. Expat checks each distinct skeleton once per run and each distinct
text once, without a single Python callback, so whatever the fast path accepts is well-formed
XML, exactly as the expat path (``form.reader``) requires; and where the area's cells lie in
a skeleton (a plan) is worked out once too. A form's cells then cost Python work only for
the cells of the area, most of them found again in the reader's memo.

Anything else (a prefixed root, a comment or CDATA, a processing instruction, an encoding
other than UTF-8, a cell without a plain ``r="F9"`` first, a child of a kept cell that is not
a plain ``<f>``, ``<v>`` or ``<is>``...) makes a function decline: it returns ``None`` and
the reader reads the part with expat. The fast path is never clever about rare XML; it
gives, for what it accepts, exactly what the expat path gives (``tests/test_fast_reader.py``
compares both on every kind of workbook the tests make).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from typing import Any
from xml.parsers import expat

from thidua_cli.form.layout import MAX_COLUMN, Area, column_letter
from thidua_cli.form.memo import Memo

# A start tag's attributes as written in well-formed XML (a value may hold ``>`` or ``/``).
_ATTRIBUTES = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*"""
_ATTRIBUTE_LIST = re.compile(_ATTRIBUTES)
_ATTRIBUTE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ROOT = re.compile(rb"\s*<([^\s/>]+)")
# A plain reference to a real cell: A1 to XFD, rows 1 to 9,999,999 without leading zeros.
# (For any other, the expat path may place a cell where its reference does not say: the
# next cell of its row.)
_LETTERS = rb"(?:[A-Z]{1,2}|[A-W][A-Z]{2}|X[A-E][A-Z]|XF[A-D])"
_ROW = rb"[1-9][0-9]{0,6}"
# A cell's bytes after its reference: its attributes, then ``/>`` or its content (holding no
# other cell: the expat path would start reading that one instead) and end tag.
_REST = re.compile(rb"([^>/]*)(?:/>|>([^<]*(?:<(?!/?c[\s/>])[^<]*)*)</c>)")
# In an inline string, elements the expat path reads wherever they are in a kept cell.
_NOT_IN_STRING = re.compile(rb"<(?:v|f|is|c)[\s/>]")
# What a kept cell may hold: a formula, a value, an inline string, in this order.
_CONTENT = re.compile(
    rb"\s*(?:<f(" + _ATTRIBUTES + rb")(?:/>()|>([^<]*)</f\s*>)\s*)?"
    rb"(?:<v\s*(?:/>()|>([^<]*)</v\s*>)\s*)?"
    rb"(?:<is\s*>(.*?)</is\s*>\s*)?",
    re.DOTALL,
)
_TEXT_RUN = re.compile(rb"<t" + _ATTRIBUTES + rb"(?:/>|>([^<]*)</t\s*>)")
# A phonetic run (its text is not the cell's), holding no other phonetic run and no string.
_PHONETIC = re.compile(
    rb"<rPh" + _ATTRIBUTES + rb"(?:/>|>[^<]*(?:<(?!/?(?:rPh|si)[\s/>])[^<]*)*</rPh\s*>)"
)
_STRING_END = re.compile(rb"</si\s*>")
# The texts of values and strings (followed by an end tag), with their start tag; in a
# skeleton, where they go.
_TEXTS = re.compile(rb'(<(?:v|t)(?: xml:space="preserve")?>)([^<]*)(?=</)')
_SLOTS = re.compile(rb'<(?:v|t)(?: xml:space="preserve")?>(?=</)')
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_SPACES = str.maketrans("\t\n\r", "   ")

# A kept cell as the expat path hears it: attributes, formula attributes (None: no formula),
# formula text, value text (None: no <v>), inline string runs (None: no <is>).
ParsedCell = tuple[dict[str, str], dict[str, str] | None, str | None, str | None, list[str] | None]
# Where the cells of an area lie in a skeleton: for each, its (row, column), and its bytes after
# the reference cut where texts go, with the indices of those texts.
Plan = tuple[tuple[tuple[int, int], tuple[bytes, ...], tuple[int, ...]], ...]
_DECLINED: Plan = (((0, 0), (), ()),)  # a skeleton with a cell that is not plain

# What a run has read already, by the bytes themselves: plans (per area), skeletons and texts
# expat has read, shared strings.
_PLANS: Memo[tuple[Area, bytes], Plan] = Memo(64, 4 << 20)
_SKELETONS: Memo[bytes, bool] = Memo(64, 2 << 20)
_VALID_TEXTS: Memo[bytes, bool] = Memo(20_000, 2 << 20)
_STRINGS: Memo[bytes, str] = Memo(10_000, 1 << 20)


class Positions(dict[bytes, tuple[int, int] | None]):
    """A reference of the area's columns -> its (row, column), ``None`` below the area."""

    def __init__(self, columns: dict[bytes, int], rows: int) -> None:
        super().__init__()
        self.columns = columns
        self.rows = rows

    def __missing__(self, ref: bytes) -> tuple[int, int] | None:
        digits = ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        column = self.columns.get(ref[: len(ref) - len(digits)])
        position = None
        if column is not None and digits.isdigit() and int(digits) <= self.rows:
            position = (int(digits), column)
        if len(self) < 20_000:
            self[ref] = position
        return position


def sheet_cells(data: bytes, area: Area) -> tuple[Plan, list[bytes]] | None:
    """Where the cells of a sheet part inside ``area`` lie, and the part's texts (``None``:
    declined). Each cell's bytes after its reference are its pieces with its texts between
    them: ``pieces[0] + texts[slots[0]] + pieces[1] + ...`` (``cell_bytes``).

    The skeleton of a part is the same for every form of a template: where the area's cells
    lie in it is worked out once per run (``_plan``).
    """
    skeleton, texts = _split(data)
    key = (area, skeleton)
    plan = _PLANS.get(key)
    if plan is None:
        if not _skeleton_parses(skeleton):
            return None
        plan = _plan(skeleton, area)
        _PLANS.put(key, plan, len(skeleton))
    if plan is _DECLINED or not _texts_parse(texts):
        return None
    return plan, texts


def cell_bytes(pieces: tuple[bytes, ...], slots: tuple[int, ...], texts: list[bytes]) -> bytes:
    """A cell's bytes after its reference, its texts put back between its pieces."""
    if not slots:
        return pieces[0]
    if len(slots) == 1:
        return pieces[0] + texts[slots[0]] + pieces[1]
    joined = [pieces[0]]
    for slot, piece in zip(slots, pieces[1:], strict=True):
        joined += (texts[slot], piece)
    return b"".join(joined)


def parse_cell(rest: bytes) -> ParsedCell | None:
    """What a kept cell holds, from its bytes after the reference (``None``: declined: a child
    the fast path does not read)."""
    cell = _REST.fullmatch(rest)
    if cell is None or _ATTRIBUTE_LIST.fullmatch(attributes := cell.group(1)) is None:
        return None
    attrs = _attributes(attributes)
    if cell.group(2) is None:  # <c r="F9" s="3"/>
        return attrs, None, None, None, None
    match = _CONTENT.fullmatch(cell.group(2))
    if match is None:
        return None
    formula_attributes, _, formula, value_empty, value, inline = match.groups()
    formula_attrs: dict[str, str] | None = None
    formula_text: str | None = None
    if formula_attributes is not None:
        formula_attrs = _attributes(formula_attributes)
        formula_text = text(formula) if formula is not None else ""  # or <f/>
    value_text = text(value) if value is not None else "" if value_empty is not None else None
    runs: list[str] | None = None
    if inline is not None:
        runs = None if _NOT_IN_STRING.search(inline) else _runs(inline)
        if runs is None:
            return None
    return attrs, formula_attrs, formula_text, value_text, runs


def shared_strings(data: bytes, wanted: Iterable[int]) -> dict[int, str] | None:
    """The shared strings at the ``wanted`` indices (rich text runs joined, phonetic runs
    left out), ``None``: declined."""
    if data.count(b"<si") != data.count(b"<si>"):
        return None
    if b"<rPh" in data and b"<rPh" in _PHONETIC.sub(b"", data):
        return None  # a phonetic run inside another, or around a string
    skeleton, texts = _split(data)
    if not _skeleton_parses(skeleton) or not _texts_parse(texts):
        return None
    strings = data.split(b"<si>")
    count = len(strings) - 1
    found: dict[int, str] = {}
    for index in wanted:
        if not 0 <= index < count:
            continue  # past the table: the cell reads as empty, as in the expat path
        piece = strings[index + 1]  # the string's content, its end tag and what follows
        string = _STRINGS.get(piece)
        if string is None:
            end = _STRING_END.search(piece)
            runs = None if end is None else _runs(piece[: end.start()])
            if runs is None:  # a string inside another, or markup the fast path does not read
                return None
            string = "".join(runs)
            _STRINGS.put(piece, string, len(piece))
        found[index] = string
    return found


# --- well-formed at a fraction of expat's cost ----------------------------------------------
#
# The texts of ``<v>`` and ``<t>`` elements are most of a part's bytes and all that differs
# from form to form of a template. Taken out, what is left (the skeleton) is the same for
# every form: expat reads each distinct skeleton once per run, and each distinct text once, as
# character data. This is exact: a text between the start tag ``<v>`` and an end tag of a
# well-formed skeleton without comments, CDATA or processing instructions is element
# content, and valid character data there is valid anywhere.


def _split(data: bytes) -> tuple[bytes, list[bytes]]:
    """A part's skeleton and its texts, in document order."""
    parts = _TEXTS.split(data)  # [bytes, start tag, text, bytes, start tag, text, ..., bytes]
    texts = parts[2::3]
    del parts[2::3]
    return b"".join(parts), texts


def _skeleton_parses(skeleton: bytes) -> bool:
    if skeleton in _SKELETONS:
        return True
    if not _parse(skeleton):
        return False
    _SKELETONS.put(skeleton, True, len(skeleton))
    return True


def _texts_parse(texts: list[bytes]) -> bool:
    new = _VALID_TEXTS.unseen(texts)
    if new:
        if not _parse(b"<t>" + b"<t/>".join(new) + b"</t>"):
            return False
        for one in new:
            _VALID_TEXTS.put(one, True, len(one))
    return True


def _plan(skeleton: bytes, area: Area) -> Plan:
    """Where the cells of ``area`` lie in ``skeleton`` (``_DECLINED``: a cell not plain)."""
    pattern, positions = _area_pattern(area)
    slots = [match.end() for match in _SLOTS.finditer(skeleton)]
    plan = []
    for match in pattern.finditer(skeleton):
        ref = match.group(1)
        if ref is None:  # a cell whose reference, start tag or content is not plain
            return _DECLINED
        position = positions[ref]
        if position is None:
            continue  # below the area
        start, end = match.span(2)
        first, last = bisect.bisect_left(slots, start), bisect.bisect_left(slots, end)
        cuts = [start, *slots[first:last], end]
        pieces = tuple(skeleton[a:b] for a, b in itertools.pairwise(cuts))
        plan.append((position, pieces, tuple(range(first, last))))
    return tuple(plan)


def _parse(data: bytes) -> bool:
    """Whether expat reads ``data`` without a DTD, a comment, CDATA or a processing
    instruction (for none of these, a Python callback), its XML declaration says UTF-8 and
    its root element has no prefix (the expat path strips prefixes when it has one)."""
    start = 0
    if data.startswith(b"<?"):
        start = data.find(b"?>") + 2
    root = _ROOT.match(data, start)
    if root is None or b":" in root.group(1):
        return False
    parser = expat.ParserCreate()
    parser.XmlDeclHandler = _declaration
    parser.StartDoctypeDeclHandler = _refuse
    parser.CommentHandler = _refuse
    parser.StartCdataSectionHandler = _refuse
    parser.ProcessingInstructionHandler = _refuse
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, _Refused):
        return False
    return True


def text(raw: bytes) -> str:
    """Character data as expat gives it: line ends normalised, references replaced."""
    decoded = raw.decode("utf-8")
    if "\r" in decoded:
        decoded = decoded.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in decoded:
        decoded = _REFERENCE.sub(_replace, decoded)
    return decoded


# --- helpers --------------------------------------------------------------------------------


class _Refused(Exception):
    pass


def _refuse(*_: object) -> Any:
    raise _Refused


def _declaration(version: str, encoding: str | None, _: int) -> None:
    if version != "1.0" or (encoding is not None and encoding.lower() != "utf-8"):
        raise _Refused


@functools.lru_cache(maxsize=64)
def _area_pattern(area: Area) -> tuple[re.Pattern[bytes], Positions]:
    """A pattern that stops at each cell of the columns of ``area`` (any row) and at each cell
    whose reference is not plain; and the positions of the references."""
    first, last = area.first_column, min(area.columns, MAX_COLUMN)
    columns = {column_letter(c).encode(): c for c in range(first, last + 1)}
    by_prefix: dict[bytes, list[str]] = {}
    for letters in columns:
        by_prefix.setdefault(letters[:-1], []).append(chr(letters[-1]))
    letters = (
        b"(?:"
        + b"|".join(
            re.escape(prefix) + b"[" + "".join(ends).encode() + b"]"
            for prefix, ends in by_prefix.items()
        )
        + b")"
    )
    pattern = re.compile(
        # skipped in C: a cell with a plain reference outside the columns
        rb'<c(?=[\s/>])(?! r="(?!' + letters + rb"[0-9])" + _LETTERS + _ROW + rb'")'
        # found: a cell of the columns, its attributes and content; else (groups empty) a cell
        # whose reference, attributes or content is not plain
        rb'(?: r="(' + letters + _ROW + rb')"(' + _REST.pattern + rb")|)"
    )
    return pattern, Positions(columns, area.rows)


def _attributes(raw: bytes) -> dict[str, str]:
    """A start tag's attributes by name, their values as expat gives them."""
    found: dict[str, str] = {}
    for name, double, single in _ATTRIBUTE.findall(raw):
        value = (double or single).decode("utf-8")
        if "&" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\r\n", "\n").translate(_SPACES)
            value = _REFERENCE.sub(_replace, value)
        found[name.decode("utf-8")] = value
    return found


def _runs(content: bytes) -> list[str] | None:
    """The text runs of a rich or plain string (``<t>`` anywhere, but in phonetic runs)."""
    if b"<rPh" in content:
        content = _PHONETIC.sub(b"", content)
        if b"<rPh" in content:
            return None
    runs = _TEXT_RUN.findall(content)
    if len(runs) != content.count(b"<t"):  # a run holding markup, or another element <t...>
        return None
    return [text(run) for run in runs]


def _replace(match: re.Match[str]) -> str:
    name, decimal, hexadecimal = match.groups()
    if name is not None:
        return _NAMED[name]
    return chr(int(decimal) if decimal is not None else int(hexadecimal, 16))
