"""Where everything sits in a unit's form: the one object the writer and the reader share.

Cell letters are decided here and nowhere else. The form's defined names
(``TD_<SIDE>_<CODE>__<input>``, ``TD_<SIDE>_<CODE>``, ``TD_<SIDE>_S<n>``, ``TD_<SIDE>_TOTAL``)
are the public contract for other tools; ``score`` checks that each still names exactly the
cell this layout puts it at (rows inserted or deleted, a name redirected: a changed form,
not scored) and then reads the layout's cells, and only those (``areas``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from msgspec import Struct, field

from thidua_cli.rubric.model import Criterion, InputSpec, Rubric, Section
from thidua_cli.rubric.sides import Side

TEMPLATE_VERSION = "2"  # 2: blank inputs show no points, labels trimmed, percents as %
IDENTITY_SHEET = "_thidua"
SUMMARY_SHEET = "Tổng hợp"
NAME_PREFIX = "TD_"


def code_key(code: str) -> str:
    """``3.4.c`` -> ``3_4_c``, as in the defined names."""
    return code.replace(".", "_")


def input_name(side: Side, code: str, name: str) -> str:
    return f"{NAME_PREFIX}{side.value}_{code_key(code)}__{name}"


def points_name(side: Side, code: str) -> str:
    return f"{NAME_PREFIX}{side.value}_{code_key(code)}"


def section_name(side: Side, section: str) -> str:
    return f"{NAME_PREFIX}{side.value}_S{section}"


def total_name(side: Side) -> str:
    return f"{NAME_PREFIX}{side.value}_TOTAL"


MAX_COLUMN = 16_384  # XFD, the last column a spreadsheet has


def column_letter(column: int) -> str:
    """1 -> ``A``, 27 -> ``AA`` (spreadsheet columns; openpyxl's writer is not needed to read)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """``A`` -> 1, ``AA`` -> 27; ``ValueError`` for anything that is not a column up to XFD."""
    if not 0 < len(letters) <= 3 or not letters.isascii() or not letters.isalpha():
        raise ValueError(letters)
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    if number > MAX_COLUMN:
        raise ValueError(letters)
    return number


class Cell(Struct, frozen=True, dict=True):
    """A cell of the form: its sheet, row and column (1-based)."""

    sheet: str
    row: int
    column: int

    @property
    def a1(self) -> str:
        return f"{column_letter(self.column)}{self.row}"

    @property
    def absolute(self) -> str:
        return f"${column_letter(self.column)}${self.row}"

    @functools.cached_property
    def qualified(self) -> str:
        """``'Phần 1'!$F$12``: for defined names and formulas across sheets."""
        return f"'{self.sheet}'!{self.absolute}"


class Area(Struct, frozen=True):
    """A block of a sheet: rows 1..``rows``, columns ``first_column``..``columns``."""

    rows: int
    columns: int
    first_column: int = 1


class Col:
    """Columns of a section sheet (1-based)."""

    CODE = 1
    TITLE = 2
    RESULT = 3  # "Kết quả thực hiện", free text from the unit
    MAX = 4
    INPUT_LABEL = 5
    SELF_INPUT = 6
    SELF_POINTS = 7
    CLUSTER_INPUT = 8
    CLUSTER_POINTS = 9
    REMARKS = 10
    COUNT = 10

    @staticmethod
    def input(side: Side) -> int:
        return Col.SELF_INPUT if side is Side.SELF else Col.CLUSTER_INPUT

    @staticmethod
    def points(side: Side) -> int:
        return Col.SELF_POINTS if side is Side.SELF else Col.CLUSTER_POINTS


# Widths in character units, chosen so the table fits an A4 portrait page at a readable scale.
COLUMN_WIDTHS = {
    Col.CODE: 7,
    Col.TITLE: 40,
    Col.RESULT: 18,
    Col.MAX: 6,
    Col.INPUT_LABEL: 16,
    Col.SELF_INPUT: 11,
    Col.SELF_POINTS: 7,
    Col.CLUSTER_INPUT: 11,
    Col.CLUSTER_POINTS: 7,
    Col.REMARKS: 10,
}

# Rows above every table (section sheets and the summary sheet): issuing body, unit, cluster,
# title, period line, sheet heading; then two header rows ("Tự đánh giá" spans input and points).
HEADER_ROWS = 6
TABLE_HEADER_ROWS = 2


class HeaderRow:
    ISSUER = 1  # "SỞ Y TẾ THANH HÓA" (left) and the national motto (right)
    UNIT = 2  # the unit's name (left) and "Độc lập - Tự do - Hạnh phúc" (right)
    CLUSTER = 3  # the cluster's name (left)
    TITLE = 4  # "BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2020"
    PERIOD = 5  # year-end or half-year review
    HEADING = 6  # the section (or summary) heading
    TABLE = HEADER_ROWS + 1  # first of the two table header rows (repeated on every page)


FIRST_BODY_ROW = HEADER_ROWS + TABLE_HEADER_ROWS + 1


class InputRow(Struct, frozen=True):
    """One input of a leaf; a leaf with two inputs gets two rows (1.6, 3.4.c)."""

    spec: InputSpec
    row: int


class CriterionRows(Struct, frozen=True):
    """Where one criterion stands on its section's sheet: its first row and its inputs' rows."""

    criterion: Criterion
    depth: int  # 0 for a section's direct criteria
    first_row: int
    inputs: tuple[InputRow, ...]

    @property
    def last_row(self) -> int:
        return self.inputs[-1].row if self.inputs else self.first_row


class SectionSheet(Struct, frozen=True):
    """One section's sheet of the form: its criteria's rows and its total row."""

    section: Section
    title: str
    rows: tuple[CriterionRows, ...]
    total_row: int

    def row_of(self, code: str) -> CriterionRows:
        return next(r for r in self.rows if r.criterion.code == code)


# Rows of the summary sheet.
SUMMARY_FIRST_ROW = FIRST_BODY_ROW


class SummaryCol:
    CODE = 1
    TITLE = 2
    MAX = 3
    SELF = 4
    CLUSTER = 5
    COUNT = 5


SUMMARY_COLUMN_WIDTHS = {
    SummaryCol.CODE: 8,
    SummaryCol.TITLE: 52,
    SummaryCol.MAX: 12,
    SummaryCol.SELF: 14,
    SummaryCol.CLUSTER: 14,
}

# The hidden identity sheet: ``thidua.<field>`` keys and their values in two columns from
# row 1; the dropdown lists (too long to inline, see EXCEL-NOTES) one per column from LIST_COL.
IDENTITY_KEY_COL = 1
IDENTITY_VALUE_COL = 2
IDENTITY_ROWS = 40  # room for the identity's fields, and more
LIST_COL = 4


class Layout(Struct, frozen=True, dict=True):
    """Where everything of one rubric's form stands: the writer and the reader both ask it."""

    rubric: Rubric
    sheets: tuple[SectionSheet, ...]
    summary_rows: dict[str, int] = field(default_factory=dict)  # section code -> row
    total_row: int = 0

    # --- cells ----------------------------------------------------------------------------

    def sheet_of(self, code: str) -> SectionSheet:
        return self._placed[code][0]

    @functools.cached_property
    def _placed(self) -> dict[str, tuple[SectionSheet, CriterionRows]]:
        """Criterion code -> its sheet and rows (``score`` asks thousands of times a run)."""
        return {rows.criterion.code: (sheet, rows) for sheet in self.sheets for rows in sheet.rows}

    def input_cell(self, side: Side, code: str, name: str) -> Cell:
        return self._inputs[side, code, name]

    def points_cell(self, side: Side, code: str) -> Cell:
        return self._points[side, code]

    def input_cells(self) -> Iterable[Cell]:
        """Every cell a unit or the cluster types a figure or a level into, both sides."""
        return self._inputs.values()

    @functools.cached_property
    def _inputs(self) -> dict[tuple[Side, str, str], Cell]:
        return {
            (side, rows.criterion.code, placed.spec.name): Cell(
                sheet.title, placed.row, Col.input(side)
            )
            for sheet in self.sheets
            for rows in sheet.rows
            for placed in rows.inputs
            for side in Side
        }

    @functools.cached_property
    def _points(self) -> dict[tuple[Side, str], Cell]:
        return {
            (side, rows.criterion.code): Cell(sheet.title, rows.first_row, Col.points(side))
            for sheet in self.sheets
            for rows in sheet.rows
            for side in Side
        }

    def result_cell(self, code: str) -> Cell:
        sheet, rows = self._placed[code]
        return Cell(sheet.title, rows.first_row, Col.RESULT)

    def section_cell(self, side: Side, section: str) -> Cell:
        sheet = next(s for s in self.sheets if s.section.code == section)
        return Cell(sheet.title, sheet.total_row, Col.points(side))

    def summary_cell(self, side: Side, section: str) -> Cell:
        column = SummaryCol.SELF if side is Side.SELF else SummaryCol.CLUSTER
        return Cell(SUMMARY_SHEET, self.summary_rows[section], column)

    def total_cell(self, side: Side) -> Cell:
        column = SummaryCol.SELF if side is Side.SELF else SummaryCol.CLUSTER
        return Cell(SUMMARY_SHEET, self.total_row, column)

    @property
    def agreement_row(self) -> int | None:
        """The summary sheet's line on a cluster's own rubric: who agreed to it, and when."""
        return self.total_row + 2 if self.rubric.meta.agreement is not None else None

    @property
    def signature_row(self) -> int:
        """The summary sheet's date line; the signature block follows it."""
        return self.total_row + (2 if self.agreement_row is None else 4)

    def areas(self) -> dict[str, Area]:
        """What ``score`` reads of each sheet: the inputs and computed cells, the identity.

        The reader keeps nothing outside these blocks, whatever size a sheet claims.
        """
        found = {
            sheet.title: Area(sheet.total_row, Col.CLUSTER_POINTS, Col.SELF_INPUT)
            for sheet in self.sheets
        }
        found[SUMMARY_SHEET] = Area(self.total_row, SummaryCol.CLUSTER, SummaryCol.SELF)
        found[IDENTITY_SHEET] = Area(IDENTITY_ROWS, IDENTITY_VALUE_COL, IDENTITY_KEY_COL)
        return found

    @property
    def form_sheets(self) -> tuple[str, ...]:
        """The sheets a unit sees and prints: the sections and the summary."""
        return (*(sheet.title for sheet in self.sheets), SUMMARY_SHEET)

    # --- the public defined-name contract --------------------------------------------------

    def defined_names(self) -> dict[str, Cell]:
        return {name: cell for name, (cell, _) in self.named_cells().items()}

    def named_cells(self) -> dict[str, tuple[Cell, str | None]]:
        """Each defined name -> its cell and criterion code (``None``: a section or total)."""
        names: dict[str, tuple[Cell, str | None]] = {}
        for side in Side:
            for criterion in self.rubric.walk():
                code = criterion.code
                for spec in criterion.inputs:
                    names[input_name(side, code, spec.name)] = (
                        self.input_cell(side, code, spec.name),
                        code,
                    )
                names[points_name(side, code)] = (self.points_cell(side, code), code)
            for section in self.rubric.sections:
                names[section_name(side, section.code)] = (
                    self.section_cell(side, section.code),
                    None,
                )
            names[total_name(side)] = (self.total_cell(side), None)
        return names


def sheet_title(section: Section) -> str:
    return f"Phần {section.code}"


def _place(criterion: Criterion, depth: int, row: int, rows: list[CriterionRows]) -> int:
    """Append ``criterion`` and its descendants from ``row``; returns the next free row."""
    inputs = tuple(InputRow(spec, row + i) for i, spec in enumerate(criterion.inputs))
    placed = CriterionRows(criterion, depth, row, inputs)
    rows.append(placed)
    row = placed.last_row + 1
    for child in criterion.children:
        row = _place(child, depth + 1, row, rows)
    return row


def build_layout(rubric: Rubric) -> Layout:
    """Lay the rubric out: one sheet per section, then the summary sheet."""
    sheets = []
    for section in rubric.sections:
        rows: list[CriterionRows] = []
        row = FIRST_BODY_ROW
        for criterion in section.criteria:
            row = _place(criterion, 0, row, rows)
        sheets.append(SectionSheet(section, sheet_title(section), tuple(rows), row))
    summary_rows = {s.code: SUMMARY_FIRST_ROW + i for i, s in enumerate(rubric.sections)}
    total_row = SUMMARY_FIRST_ROW + len(rubric.sections)
    return Layout(rubric, tuple(sheets), summary_rows, total_row)
