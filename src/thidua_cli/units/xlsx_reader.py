"""The units file as an ``.xlsx``: one row per unit, the same facts as the YAML (SPEC §4).

The first sheet holds a header row (English or Vietnamese column names, any case) and one
row per unit. Every bad row and every missing column is reported at once, located as
"tệp X, dòng N, cột Y".
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from pydantic import ValidationError

from thidua_cli import validation
from thidua_cli.findings import Finding, Msg, Param, UnitsError, finding
from thidua_cli.rubric.sides import MAX_YEAR, MIN_YEAR
from thidua_cli.text import clean_text, label_key
from thidua_cli.units.model import ID_PATTERN, Cluster, Unit, UnitsFile

# column key -> accepted headers (compared after `_fold`); the first one is the canonical
# English header, the second the canonical Vietnamese one (the README guide lists both).
COLUMNS: dict[str, tuple[str, ...]] = {
    "cluster_id": ("cluster id", "mã cụm"),
    "cluster_name": ("cluster name", "tên cụm"),
    "unit_id": ("unit id", "mã đơn vị"),
    "unit_name": ("unit name", "tên đơn vị"),
    "role": ("role", "vai trò"),
    "registered": ("registered", "đăng ký thi đua", "đăng ký"),
    "agreement_signed": ("agreement signed", "ký kết giao ước", "ký giao ước", "giao ước"),
    "violation": ("violation", "vi phạm", "sai phạm"),
    "pending_investigation": (
        "pending investigation",
        "chờ kết luận",
        "đang chờ kết luận",
        "chờ cơ quan kết luận",
    ),
    # optional: the cluster's own rubric folder (guidance IV.2), relative to the units file
    "criteria": ("criteria", "bộ tiêu chí", "bộ tiêu chí của cụm", "tiêu chí riêng"),
    # optional: the competition year (the YAML's ``year:``), the same on every row that has it
    "year": ("year", "năm thi đua", "năm"),
}
OPTIONAL_COLUMNS = frozenset({"criteria", "year"})
YEAR = re.compile(r"[0-9]{4}")
BOOLEAN_COLUMNS = ("registered", "agreement_signed", "pending_investigation")
ROLES: dict[str, str] = {
    "head": "head",
    "cụm trưởng": "head",
    "trưởng cụm": "head",
    "deputy": "deputy",
    "cụm phó": "deputy",
    "phó cụm": "deputy",
    "phó trưởng cụm": "deputy",
    "member": "member",
    "thành viên": "member",
    "": "member",
}
TRUE_WORDS = frozenset({"true", "có", "x", "yes", "1", "đúng"})
FALSE_WORDS = frozenset({"false", "không", "", "no", "0", "sai"})
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is fine
MAX_ERRORS = 50


def _fold(text: str) -> str:
    """Comparable form of a header or word: lower case, single spaces (NBSP, a byte-order mark
    or a zero-width space count as nothing), ``_`` as space, and without accents: ``Co``,
    ``Khong``, ``Cum pho``, ``Thanh vien`` are what a keyboard without Vietnamese types."""
    text = label_key(text.replace("_", " ")).replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_HEADERS = {_fold(h): key for key, names in COLUMNS.items() for h in names}
_ROLES = {_fold(word): role for word, role in ROLES.items()}
_TRUE = frozenset(_fold(w) for w in TRUE_WORDS)
_FALSE = frozenset(_fold(w) for w in FALSE_WORDS)
_KEYS = validation.field_names([Unit, Cluster])


def _msg(key: str, **params: Param) -> Msg:
    return Msg(key, params)


def _text(value: Any) -> str:
    """A cell as clean text: ids typed as numbers lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        value = Decimal(repr(value))
    return clean_text(str(value))


class _Row(Struct):
    number: int
    cells: dict[str, Any]


class _Reader(Struct):
    path: Path
    columns: dict[str, int] = field(default_factory=dict)  # key -> 1-based column
    errors: list[Finding] = field(default_factory=list)
    year: tuple[int, int] | None = None  # the year column's value, the row it was first read

    def error(self, row: int, key: str | None, reason: Msg) -> None:
        file = self.path.name
        if key is None:
            self.errors.append(
                finding("units-xlsx-row", file=file, line=row, row=row, reason=reason)
            )
            return
        column = get_column_letter(self.columns[key])
        self.errors.append(
            finding(
                "units-xlsx-cell",
                file=file,
                line=row,
                cell=f"{column}{row}",
                row=row,
                column=column,
                header=Msg(f"units.column.{key}"),
                reason=reason,
            )
        )

    def boolean(self, row: _Row, key: str) -> bool:
        value = row.cells.get(key)
        if isinstance(value, bool):
            return value
        word = _fold(_text(value))
        if word in _TRUE:
            return True
        if word not in _FALSE:
            self.error(row.number, key, _msg("units_xlsx.bad_boolean", value=_text(value)))
        return False

    def read_year(self, row: _Row) -> None:
        """The file's one competition year, from every row that states it."""
        text = _text(row.cells.get("year"))
        if not text:
            return
        if not YEAR.fullmatch(text) or not MIN_YEAR <= int(text) <= MAX_YEAR:
            self.error(row.number, "year", _msg("units_xlsx.bad_year", value=text))
        elif self.year is None:
            self.year = (int(text), row.number)
        elif self.year[0] != int(text):
            year, first = self.year
            self.error(row.number, "year", _msg("units_xlsx.year_differs", year=year, row=first))

    def role(self, row: _Row) -> str:
        word = _fold(_text(row.cells.get("role")))
        if word not in _ROLES:
            self.error(
                row.number, "role", _msg("units_xlsx.bad_role", value=_text(row.cells.get("role")))
            )
            return "member"
        return _ROLES[word]


def read_units_xlsx(path: Path) -> UnitsFile:
    """Read a units workbook; raises ``UnitsError`` listing every located problem."""
    rows = _load_rows(path)
    reader = _Reader(path)
    header_at, body = _find_header(reader, rows)
    clusters: dict[str, dict[str, Any]] = {}
    seen_units: dict[str, int] = {}
    for number, values in body:
        cells = {
            key: values[col - 1] if col - 1 < len(values) else None
            for key, col in reader.columns.items()
        }
        if all(_text(v) == "" for v in cells.values()):
            continue
        _read_row(reader, _Row(number, cells), clusters, seen_units)
        reader.read_year(_Row(number, cells))
        if len(reader.errors) >= MAX_ERRORS:
            break
    if not clusters and not reader.errors:
        reader.errors.append(
            finding("units-xlsx-no-units", file=path.name, line=header_at, row=header_at)
        )
    if reader.errors:
        raise UnitsError(*reader.errors)
    return _build(path, clusters, reader.year[0] if reader.year else None)


def _load_rows(path: Path) -> list[tuple[Any, ...]]:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnitsError(
            finding("units-xlsx-unreadable", file=str(path), reason=type(exc).__name__)
        ) from exc
    try:
        if not workbook.worksheets:
            raise UnitsError(finding("units-xlsx-unreadable", variant="no-sheet", file=str(path)))
        return [tuple(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _find_header(
    reader: _Reader, rows: list[tuple[Any, ...]]
) -> tuple[int, list[tuple[int, tuple[Any, ...]]]]:
    """The first row (of the top few) that names a unit id column is the header."""
    first_filled: int | None = None
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {
            _HEADERS[_fold(_text(v))]: col
            for col, v in reversed(list(enumerate(values, start=1)))
            if _fold(_text(v)) in _HEADERS
        }
        if first_filled is None and any(_text(v) for v in values):
            first_filled = index
        if "unit_id" in found:
            reader.columns = found
            missing = [COLUMNS[k] for k in COLUMNS if k not in found and k not in OPTIONAL_COLUMNS]
            if missing:
                names = "; ".join(f"{en} / {vi}" for en, vi, *_ in missing)
                raise UnitsError(
                    finding(
                        "units-xlsx-missing-columns",
                        file=reader.path.name,
                        line=index + 1,
                        row=index + 1,
                        names=names,
                    )
                )
            return index + 1, [(i + 1, r) for i, r in enumerate(rows) if i > index]
    names = "; ".join(f"{n[0]} / {n[1]}" for k, n in COLUMNS.items() if k not in OPTIONAL_COLUMNS)
    row = (first_filled or 0) + 1
    raise UnitsError(
        finding("units-xlsx-missing-columns", file=reader.path.name, line=row, row=row, names=names)
    )


def _read_row(
    reader: _Reader, row: _Row, clusters: dict[str, dict[str, Any]], seen: dict[str, int]
) -> None:
    number = row.number
    before = len(reader.errors)
    cluster_id = _text(row.cells["cluster_id"])
    cluster_name = _text(row.cells["cluster_name"])
    unit_id = _text(row.cells["unit_id"])
    for key, value in (
        ("cluster_id", cluster_id),
        ("cluster_name", cluster_name),
        ("unit_id", unit_id),
    ):
        if not value:
            reader.error(number, key, Msg("units_xlsx.blank"))
    if cluster_id and not re.match(ID_PATTERN, cluster_id):
        reader.error(number, "cluster_id", _msg("units_xlsx.bad_id", value=cluster_id))
    role = reader.role(row)
    flags = {key: reader.boolean(row, key) for key in BOOLEAN_COLUMNS}
    violation = _text(row.cells["violation"]) or None
    fields = {"id": unit_id, "name": _text(row.cells["unit_name"]), "violation": violation, **flags}
    try:
        unit = Unit.model_validate(fields)
    except ValidationError as exc:
        for error in exc.errors():
            key = {"id": "unit_id", "name": "unit_name"}.get(
                str(error["loc"][0]), str(error["loc"][0])
            )
            if key == "unit_id" and not unit_id:
                continue  # already said: blank
            reader.error(
                number, key if key in reader.columns else None, validation.reason(error, _KEYS)
            )
        return
    if unit_id in seen:
        reader.error(
            number, "unit_id", _msg("units_xlsx.duplicate_unit", unit=unit_id, first=seen[unit_id])
        )
    seen[unit_id] = number
    if len(reader.errors) > before or not cluster_id:
        return
    cluster = clusters.setdefault(
        cluster_id,
        {
            "id": cluster_id,
            "name": cluster_name,
            "units": [],
            "head": None,
            "deputy": None,
            "criteria": None,
            "row": number,
        },
    )
    criteria = _text(row.cells.get("criteria"))
    if criteria:
        if cluster["criteria"] is None:
            cluster["criteria"] = (criteria, number)
        elif cluster["criteria"][0] != criteria:
            reader.error(
                number,
                "criteria",
                _msg(
                    "units_xlsx.criteria_differs",
                    cluster=cluster_id,
                    folder=cluster["criteria"][0],
                    row=cluster["criteria"][1],
                ),
            )
    if cluster_name and cluster["name"] != cluster_name:
        reader.error(
            number,
            "cluster_name",
            _msg(
                "units_xlsx.cluster_name_differs",
                cluster=cluster_id,
                name=cluster["name"],
                row=cluster["row"],
            ),
        )
    if role != "member":
        if cluster[role] is not None:
            reader.error(
                number,
                "role",
                _msg(
                    "units_xlsx.role_twice",
                    cluster=cluster_id,
                    unit=cluster[role][0],
                    row=cluster[role][1],
                ),
            )
        else:
            cluster[role] = (unit_id, number)
    cluster["units"].append(unit)


def _build(path: Path, clusters: dict[str, dict[str, Any]], year: int | None) -> UnitsFile:
    try:
        built = tuple(
            Cluster(
                id=c["id"],
                name=c["name"],
                units=tuple(c["units"]),
                head=c["head"][0] if c["head"] else None,
                deputy=c["deputy"][0] if c["deputy"] else None,
                criteria=c["criteria"][0] if c["criteria"] else None,
            )
            for c in clusters.values()
        )
        return UnitsFile(year=year, clusters=built)
    except ValidationError as exc:
        found = [
            finding("units-xlsx-row", file=path.name, row="-", reason=validation.reason(e, _KEYS))
            for e in exc.errors()
        ]
        raise UnitsError(*found) from exc
