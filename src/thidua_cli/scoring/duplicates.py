"""Units that returned more than one workbook (``duplicate-unit``): known only once every
file is in. Kept apart from the scorer, so the record book and the ranking use it without
loading the form reader."""

from __future__ import annotations

from collections.abc import Iterable

from thidua_cli.findings import Finding, finding

UnitFile = tuple[str | None, str]  # (unit id, or None for an unidentified file; the file)


def files_by_unit(pairs: Iterable[UnitFile]) -> dict[str, list[str]]:
    """Unit id -> its files in the order given (files of no known unit left out)."""
    grouped: dict[str, list[str]] = {}
    for unit, file in pairs:
        if unit is not None:
            grouped.setdefault(unit, []).append(file)
    return grouped


def duplicate_problems(pairs: Iterable[UnitFile]) -> dict[str, Finding]:
    """File -> its ``duplicate-unit`` error, for every unit that came in more than one file."""
    found: dict[str, Finding] = {}
    for unit, files in files_by_unit(pairs).items():
        if len(files) < 2:
            continue
        for file in files:
            found[file] = finding("duplicate-unit", file=file, unit=unit, files=", ".join(files))
    return found
