"""The wheel: one copy of the rubric and the examples, carried inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from thidua_cli.files import shipped_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    (built,) = out.glob("thidua-*.whl")
    return built


@pytest.mark.parametrize("folder", ["criteria", "examples"])
def test_the_wheel_carries_the_top_level_folder(wheel: Path, folder: str) -> None:
    sources = sorted(p for p in (REPO / folder).rglob("*.yaml"))
    assert sources, f"nothing in {folder}/"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for source in sources:
            inside = f"thidua_cli/{folder}/{source.relative_to(REPO / folder).as_posix()}"
            assert inside in names, inside
            assert archive.read(inside) == source.read_bytes(), inside


def test_a_checkout_reads_the_top_level_folders() -> None:
    assert shipped_dir("criteria") == REPO / "criteria"
    assert shipped_dir("examples") == REPO / "examples"


def test_every_package_of_the_source_is_in_the_wheel(wheel: Path) -> None:
    source = REPO / "src"
    packages = {p.parent.relative_to(source).as_posix() for p in source.rglob("__init__.py")}
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for package in packages:
        assert f"{package}/__init__.py" in names, package
