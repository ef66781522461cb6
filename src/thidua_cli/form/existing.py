"""What a file already on disk holds, before thidua writes over it.

``score --out`` and ``rank --out`` replace a report thidua wrote (``scores``, ``ranking``),
run after run, but nothing else: a unit's returned form or a clerk's own workbook under that
name would be lost. ``init-sheet`` never writes a blank form over one that holds typed
figures, even with ``--force``: in a folder of returns that would be a unit's work lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from thidua_cli.form.identity import REPORT_PROPERTY
from thidua_cli.form.layout import Area, Layout
from thidua_cli.form.reader import RawWorkbook, UnreadableWorkbook, read_workbook


def is_report(path: Path) -> bool:
    """True when ``path`` is a workbook carrying thidua's report mark; False for anything
    else, a file that cannot be read included (nothing says it is ours to replace)."""
    raw = _read(path, {})
    return raw is not None and REPORT_PROPERTY in raw.properties


def typed_inputs(path: Path, layout: Layout) -> int:
    """How many of the form's input cells (both sides) hold something. 0 for a blank form,
    and for a file that cannot be read as a workbook: nothing in it can be kept."""
    raw = _read(path, layout.areas())
    if raw is None:
        return 0
    return sum(1 for cell in layout.input_cells() if _typed(raw.value(cell)))


def _read(path: Path, areas: Mapping[str, Area]) -> RawWorkbook | None:
    try:
        return read_workbook(path, areas)
    except (UnreadableWorkbook, MemoryError):
        return None


def _typed(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
