"""Reports written as openpyxl write-only workbooks, without leaving temporary files behind.

A write-only sheet goes row by row into a temporary file of its own, which openpyxl removes
only when the workbook is saved. A report that fails half-way (a full disk, a folder that
cannot be written) would leave those files in the system's temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from thidua_cli.files import zipped
from thidua_cli.form.identity import REPORT_PROPERTY

Save = Callable[[Path, Callable[[IO[bytes]], None]], None]  # e.g. files.write_atomically


def write_streamed(
    path: Path, fill: Callable[[Workbook], None], save: Save, report: str = "report"
) -> None:
    """``fill`` a new write-only workbook and ``save`` it to ``path``; clean up either way.

    The workbook is marked as the ``report`` it is (a custom property), so that ``score``
    sets it aside when it finds it among returned forms.

    Filling happens inside ``save``: the sheets' temporary files are written then, so a full
    temporary folder fails through ``save``'s own error handling, like the output file would.
    """
    workbook = Workbook(write_only=True)
    workbook.custom_doc_props.append(StringProperty(name=REPORT_PROPERTY, value=report))

    def write(handle: IO[bytes]) -> None:
        fill(workbook)
        handle.write(zipped(workbook.save))

    try:
        save(path, write)
    finally:
        for sheet in workbook.worksheets:
            if isinstance(sheet, WriteOnlyWorksheet):
                _remove_sheet_file(sheet)


def _remove_sheet_file(sheet: WriteOnlyWorksheet) -> None:
    if not sheet.closed:  # the report failed while writing it: end the file, then remove it
        with suppress(OSError, ValueError):
            sheet.close()
    out = getattr(sheet._writer, "out", None)  # openpyxl keeps the file's name there
    if isinstance(out, str):
        with suppress(OSError):  # already removed by a successful save
            os.remove(out)
