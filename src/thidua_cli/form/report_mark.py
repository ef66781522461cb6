"""Whether an existing workbook is a report thidua wrote (``scores``, ``ranking``).

``score --out`` and ``rank --out`` replace such a file, run after run, but never anything
else: a unit's returned form or a clerk's own workbook under that name would be lost.
"""

from __future__ import annotations

from pathlib import Path

from thidua_cli.form.identity import REPORT_PROPERTY
from thidua_cli.form.reader import UnreadableWorkbook, read_workbook


def is_report(path: Path) -> bool:
    """True when ``path`` is a workbook carrying thidua's report mark; False for anything
    else, a file that cannot be read included (nothing says it is ours to replace)."""
    try:
        raw = read_workbook(path, {})
    except (UnreadableWorkbook, MemoryError):
        return False
    return REPORT_PROPERTY in raw.properties
