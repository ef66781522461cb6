"""``thidua criteria``: show a rubric, check it (against its base), list the finding codes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

from thidua_cli.files import os_reason, write_output
from thidua_cli.findings import ThiduaError, UsageError, finding
from thidua_cli.rubric.checks import CheckReport, check_rubric
from thidua_cli.rubric.loader import default_rubric_dir, load_rubric
from thidua_cli.rubric.model import Rubric


def show(directory: Path | None) -> Rubric:
    return load_rubric(directory)


def check(directory: Path | None, base: Path | None) -> CheckReport:
    rubric = load_rubric(directory)
    return check_rubric(rubric, load_rubric(base) if base is not None else None)


def export(target: Path, force: bool = False) -> list[Path]:
    """Copy the built-in rubric's YAML into ``target`` for a cluster to adapt (IV.2).

    Refuses to write over files already there unless ``force``.
    """
    source = default_rubric_dir()
    names = sorted(p.name for p in source.glob("*.yaml"))
    if target.exists() and not target.is_dir():
        raise UsageError(finding("sheet-out-not-dir", path=str(target)))
    existing = [target / name for name in names if (target / name).exists()]
    if existing and not force:
        paths = ", ".join(str(p) for p in existing)
        raise UsageError(finding("export-exists", count=len(existing), files=paths))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = os_reason(exc)
        raise ThiduaError(finding("write-failed", path=str(target), reason=reason)) from exc
    written = []
    for name in names:
        write_output(target / name, _copy_of(source / name))
        written.append(target / name)
    return written


def _copy_of(source: Path) -> Callable[[IO[bytes]], None]:
    data = source.read_bytes()

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    return write
