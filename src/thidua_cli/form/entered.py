"""Whether a form on disk holds what someone typed into it.

``init-sheet`` never writes a blank form over one that does, even with ``--force``: in a
folder of returns that would be a unit's figures lost.
"""

from __future__ import annotations

from pathlib import Path

from thidua_cli.form.layout import Layout
from thidua_cli.form.reader import UnreadableWorkbook, read_workbook


def typed_inputs(path: Path, layout: Layout) -> int:
    """How many of the form's input cells (both sides) hold something. 0 for a blank form,
    and for a file that cannot be read as a workbook: nothing in it can be kept."""
    try:
        raw = read_workbook(path, layout.areas())
    except (UnreadableWorkbook, MemoryError):
        return 0
    return sum(1 for cell in layout.input_cells() if _typed(raw.value(cell)))


def _typed(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
