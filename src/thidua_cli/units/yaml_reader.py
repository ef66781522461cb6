"""The units file as YAML: validated, every problem located by line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from thidua_cli import validation
from thidua_cli.findings import Finding, Msg, UnitsError, finding
from thidua_cli.safe_yaml import YamlError, line_of, load_yaml
from thidua_cli.units.model import Cluster, Unit, UnitsFile

MAX_REPORTED = 20
_KEYS = validation.field_names([UnitsFile, Cluster, Unit])
# What decides whether a unit is considered at all (guidance I.3.4) is written, never assumed:
# a unit whose file leaves it out would otherwise count as registered and signed.
STANDING = ("registered", "agreement_signed")


def read_units_yaml(path: Path) -> UnitsFile:
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise UnitsError(exc.finding) from exc
    missing = _missing_standing(data, path)
    try:
        units = validate_units(data, path)
    except UnitsError as error:  # every problem of the file at once
        raise UnitsError(*missing, *error.findings) from error
    if missing:
        raise UnitsError(*missing)
    return units


def _missing_standing(data: Any, path: Path) -> list[Finding]:
    """Every unit of the file says whether it registered and signed the agreement."""
    missing = []
    clusters = data.get("clusters") if isinstance(data, dict) else None
    for c, cluster in enumerate(clusters if isinstance(clusters, list) else []):
        units = cluster.get("units") if isinstance(cluster, dict) else None
        for u, unit in enumerate(units if isinstance(units, list) else []):
            if not isinstance(unit, dict):
                continue
            for key in STANDING:
                if key not in unit:
                    loc = ("clusters", c, "units", u, key)
                    missing.append(
                        finding(
                            "units-invalid",
                            file=str(path),
                            line=line_of(data, loc),
                            where=validation.where(loc),
                            reason=Msg("units.standing_required", {"key": key}),
                        )
                    )
    return missing[:MAX_REPORTED]


def validate_units(data: Any, path: Path) -> UnitsFile:
    if not isinstance(data, dict):
        raise UnitsError(finding("units-not-mapping", file=str(path)))
    try:
        return UnitsFile.model_validate(data)
    except ValidationError as exc:
        errors = validation.own_errors(exc)[:MAX_REPORTED]
        raise UnitsError(*(_invalid(error, data, path) for error in errors)) from exc


def _invalid(error: ErrorDetails, data: Any, path: Path) -> Finding:
    """One validation error at its line (a repeated id: the repeat's, and the first's)."""
    loc = validation.location(error)
    first = validation.first_location(error)
    return finding(
        "units-invalid",
        file=str(path),
        line=line_of(data, loc),
        where=validation.where(loc),
        reason=validation.reason(error, _KEYS, line_of(data, first) if first else 0),
    )
