"""The wheel: one copy of the rubric and the examples, carried inside the package."""

from __future__ import annotations

import os
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


def test_the_wheel_installs_and_runs_the_demo_from_another_folder(
    wheel: Path, tmp_path: Path
) -> None:
    """What a clerk does: a fresh environment, the wheel, ``thidua demo`` in any folder."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    install = [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)]
    subprocess.run(install, check=True, capture_output=True, timeout=600)
    work = tmp_path / "somewhere else"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("THIDUA_LANG", "PYTHONPATH")}
    env["PYTHONIOENCODING"] = "cp1258"  # a Windows console's code page, piped
    done = subprocess.run(
        [str(bin_dir / "thidua"), "demo"], cwd=work, env=env, capture_output=True, timeout=300
    )
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert (work / "thidua-demo" / "ranking.xlsx").is_file()
    assert "Thử tiếp:" in out and "rank" in out
    version = subprocess.run(
        [str(bin_dir / "python"), "-m", "thidua", "--version"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert version.stdout.startswith("thidua ")
