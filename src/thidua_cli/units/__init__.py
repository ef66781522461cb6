"""The units file: clusters and member units, from YAML or .xlsx (``load``); each cluster's
rubric (``rubrics``).

May import: rubric and the shared leaves (findings, numbers, text, files, safe_yaml, validation).
"""

from __future__ import annotations

from pathlib import Path

from thidua_cli.findings import UnitsError, UsageError, finding
from thidua_cli.units.model import Cluster, Unit, UnitsFile
from thidua_cli.units.yaml_reader import read_units_yaml

__all__ = ["Cluster", "Unit", "UnitsFile", "load_units"]


YAML_SUFFIXES = (".yaml", ".yml")
# Other spreadsheet and text formats a units list arrives in: each gets its "save as" advice.
OTHER_FORMATS = {".ods": "ods", ".xls": "xls", ".csv": "csv"}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def load_units(path: Path) -> UnitsFile:
    """Read a units file (``.yaml``/``.yml`` or ``.xlsx``); errors name the file and line/row.

    A cluster's ``criteria`` folder is written relative to the units file; the result holds it
    relative to the current folder (or absolute), and the folder must exist.
    """
    if not path.is_file():
        raise UsageError(finding("path-missing", path=str(path)))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from thidua_cli.units.xlsx_reader import read_units_xlsx  # openpyxl: only when needed

        units = read_units_xlsx(path)
    elif suffix in OTHER_FORMATS:
        raise UnitsError(finding("units-format", variant=OTHER_FORMATS[suffix], file=str(path)))
    else:
        with path.open("rb") as handle:
            head = handle.read(4)
        if head.startswith(UTF16_BOMS):  # Notepad's "Unicode": UTF-16
            raise UnitsError(finding("units-format", variant="utf16", file=str(path)))
        if suffix not in YAML_SUFFIXES and head.startswith((b"PK", b"\xd0\xcf")):
            raise UnitsError(finding("units-format", variant="other", file=str(path)))
        units = read_units_yaml(path)
    return _criteria_from(units, path)


def _criteria_from(units: UnitsFile, path: Path) -> UnitsFile:
    if all(c.criteria is None for c in units.clusters):
        return units
    clusters = []
    missing = []
    for cluster in units.clusters:
        if cluster.criteria is not None:
            folder = path.parent / cluster.criteria
            if not (folder / "rubric.yaml").is_file():
                missing.append(
                    finding(
                        "units-criteria-missing",
                        file=str(path),
                        cluster=cluster.id,
                        folder=str(folder),
                    )
                )
            cluster = cluster.model_copy(update={"criteria": str(folder)})
        clusters.append(cluster)
    if missing:
        raise UnitsError(*missing)
    return units.model_copy(update={"clusters": tuple(clusters)})
