"""The units file as YAML: validated, every problem located by line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thidua_cli import validation
from thidua_cli.findings import UnitsError, finding
from thidua_cli.safe_yaml import YamlError, line_of, load_yaml
from thidua_cli.units.model import Cluster, Unit, UnitsFile

MAX_REPORTED = 20
_KEYS = validation.field_names([UnitsFile, Cluster, Unit])


def read_units_yaml(path: Path) -> UnitsFile:
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise UnitsError(exc.finding) from exc
    return validate_units(data, path)


def validate_units(data: Any, path: Path) -> UnitsFile:
    if not isinstance(data, dict):
        raise UnitsError(finding("units-not-mapping", file=str(path)))
    try:
        return UnitsFile.model_validate(data)
    except ValidationError as exc:
        found = [
            finding(
                "units-invalid",
                file=str(path),
                line=line_of(data, tuple(error["loc"])),
                where=validation.where(error["loc"]),
                reason=validation.reason(error, _KEYS),
            )
            for error in exc.errors()[:MAX_REPORTED]
        ]
        raise UnitsError(*found) from exc
