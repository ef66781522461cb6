"""How a report sheet prints: A4, fit to the page width, header rows repeated, "Trang x/y".

The score and ranking workbooks share it. Neither Excel nor LibreOffice grows a row that
openpyxl wrote, so rows holding wrapped text get a height estimated from the text's length
(``fitting_height``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli.form.styles import wrapped_lines
from thidua_cli.messages import Messages

if TYPE_CHECKING:  # openpyxl does not export the write-only sheet's class
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FONT_NAME = "Times New Roman"
LINE_HEIGHT = 15.0  # points per line of 11 pt Times New Roman with Vietnamese diacritics
MARGIN_INCHES = {
    "left": 0.4,
    "right": 0.4,
    "top": 0.5,
    "bottom": 0.6,
    "header": 0.25,
    "footer": 0.3,
}


def print_setup(
    ws: WriteOnlyWorksheet | Worksheet,
    m: Messages,
    *,
    landscape: bool,
    title_rows: str | None,
) -> None:
    """A4, every column on the page's width (as many pages down as needed), ``title_rows``
    (e.g. ``"4:4"``) repeated on each page, "Trang x/y" in the footer."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = (
        Worksheet.ORIENTATION_LANDSCAPE if landscape else Worksheet.ORIENTATION_PORTRAIT
    )
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows is not None:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    for side, inches in MARGIN_INCHES.items():
        setattr(ws.page_margins, side, inches)
    footer = ws.HeaderFooter.oddFooter.center
    footer.text = m("report.footer")
    footer.font = f"{FONT_NAME},Regular"
    footer.size = 9


def fitting_height(texts: Iterable[tuple[str, float]], line_height: float = LINE_HEIGHT) -> float:
    """A row height (points) that shows every (text, column width) of the row wrapped."""
    lines = max((wrapped_lines(text, width) for text, width in texts if text), default=1)
    return line_height * lines + 3
