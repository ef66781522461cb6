"""The form's look: fonts, fills, borders, row heights, and its always-Vietnamese texts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
from openpyxl.styles import Side as Line
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli.messages import VI

FONT_NAME = "Times New Roman"
LINE_HEIGHT = 14.0  # points per line of 11 pt Times New Roman with Vietnamese diacritics
CHARS_PER_WIDTH = 1.2  # Times New Roman characters per column-width unit (Calibri digits)


def form_text(key: str, **params: Any) -> str:
    """A text printed on the form: always Vietnamese, whatever the console language."""
    return VI(key, **params)


def put_text(ws: Worksheet, row: int, column: int, text: str) -> None:
    """Write text that must stay text (never a formula, even when it starts with '=')."""
    cell = ws.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"


# --- styles (created once; openpyxl interns them per workbook) ----------------------------

THIN = Line(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = Font(name=FONT_NAME, size=11)
BOLD = Font(name=FONT_NAME, size=11, bold=True)
ITALIC = Font(name=FONT_NAME, size=11, italic=True)
HEADER_FONT = Font(name=FONT_NAME, size=10, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
UNIT_FONT = Font(name=FONT_NAME, size=12, bold=True, underline="single")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")
CENTER_TOP = Alignment(wrap_text=True, horizontal="center", vertical="top")
GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
SELF_FILL = PatternFill("solid", fgColor="FFF5CC")
CLUSTER_FILL = PatternFill("solid", fgColor="E2EEFA")
UNLOCKED = Protection(locked=False)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` units wide (greedy words)."""
    capacity = max(1, int(width * CHARS_PER_WIDTH) - 1)
    lines = 0
    for paragraph in text.split("\n"):
        used, count = 0, 1
        for word in paragraph.split():
            need = len(word) if used == 0 else used + 1 + len(word)
            if need <= capacity:
                used = need
            else:
                count += 1 + (len(word) - 1) // capacity
                used = len(word) % capacity or capacity
        lines += count
    return max(1, lines)


class _FittingRow(RowDimension):  # type: ignore[misc]
    """A row height written without ``customHeight``: a starting height that Excel grows when
    the clerk types a long result, and LibreOffice recomputes on opening."""

    @property
    def customHeight(self) -> bool:
        return False


def fitting_height(ws: Worksheet, row: int, height: float) -> None:
    ws.row_dimensions[row] = _FittingRow(ws, index=row, ht=height)


def width(widths: Mapping[int, float], first: int, last: int) -> float:
    return sum(widths[c] for c in range(first, last + 1))
