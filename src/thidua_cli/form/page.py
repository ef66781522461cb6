"""Printing and protection: A4, fit to width, repeated header rows, page numbers, locked cells."""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli.form.layout import FIRST_BODY_ROW, HeaderRow
from thidua_cli.form.styles import FONT_NAME, form_text

MARGINS = {"left": 0.4, "right": 0.4, "top": 0.55, "bottom": 0.6, "header": 0.25, "footer": 0.3}


def page_setup(ws: Worksheet, widths: Mapping[int, float]) -> None:
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.oddFooter.center.text = form_text("form.footer")
    ws.oddFooter.center.font = f"{FONT_NAME},Regular"
    ws.oddFooter.center.size = 9
    ws.print_title_rows = f"{HeaderRow.TABLE}:{HeaderRow.TABLE + 1}"
    ws.freeze_panes = ws.cell(row=FIRST_BODY_ROW, column=1).coordinate


def protect(ws: Worksheet) -> None:
    ws.protection.sheet = True  # no password: a guard against accidents, not a lock
    ws.protection.formatRows = False  # clerks may still make rows taller for long results
    ws.protection.formatColumns = False
