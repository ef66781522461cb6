"""The units file: clusters and member units, from YAML or .xlsx (``load``).

May import: the shared leaves (findings, numbers, text, files, safe_yaml, validation).
"""

from __future__ import annotations

from pathlib import Path

from thidua_cli.findings import UsageError, finding
from thidua_cli.units.model import Cluster, Unit, UnitsFile
from thidua_cli.units.yaml_reader import read_units_yaml

__all__ = ["Cluster", "Unit", "UnitsFile", "load_units"]


def load_units(path: Path) -> UnitsFile:
    """Read a units file (``.yaml``/``.yml`` or ``.xlsx``); errors name the file and line/row."""
    if not path.is_file():
        raise UsageError(finding("path-missing", path=str(path)))
    if path.suffix.lower() == ".xlsx":
        from thidua_cli.units.xlsx_reader import read_units_xlsx  # openpyxl: only when needed

        return read_units_xlsx(path)
    return read_units_yaml(path)
