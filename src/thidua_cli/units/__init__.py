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


def load_units(path: Path) -> UnitsFile:
    """Read a units file (``.yaml``/``.yml`` or ``.xlsx``); errors name the file and line/row.

    A cluster's ``criteria`` folder is written relative to the units file; the result holds it
    relative to the current folder (or absolute), and the folder must exist.
    """
    if not path.is_file():
        raise UsageError(finding("path-missing", path=str(path)))
    if path.suffix.lower() == ".xlsx":
        from thidua_cli.units.xlsx_reader import read_units_xlsx  # openpyxl: only when needed

        units = read_units_xlsx(path)
    else:
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
