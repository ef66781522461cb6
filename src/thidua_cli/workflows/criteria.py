"""``thidua criteria``: show a rubric, check it (against its base), list the finding codes."""

from __future__ import annotations

from pathlib import Path

from thidua_cli.files import prepare_folder, write_output_bytes
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
    written = [target / name for name in names]
    prepare_folder(target, written, force, "export-exists")
    for name in names:
        write_output_bytes(target / name, (source / name).read_bytes())
    return written
