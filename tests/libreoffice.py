"""LibreOffice as the formula oracle: recalculate workbooks headless, forcing recalculation.

Tests that need it use the ``recalc`` fixture (conftest.py). Without ``soffice`` they skip,
except where ``THIDUA_REQUIRE_LIBREOFFICE`` is set (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# OOXMLRecalcMode 0 = always recalculate on load, so cached values can never pass silently.
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def required() -> bool:
    return bool(os.environ.get("THIDUA_REQUIRE_LIBREOFFICE"))


def recalculate(paths: list[Path], workdir: Path, convert_to: str = "xlsx") -> list[Path]:
    """Open each file in LibreOffice, recalculate everything, save a copy into ``workdir/out``.

    Returns the copies, in the order of ``paths``.
    """
    binary = soffice()
    assert binary is not None, "soffice not found"
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
    out = workdir / "out"
    out.mkdir(exist_ok=True)
    command = [
        binary,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        convert_to,
        "--outdir",
        str(out),
        *map(str, paths),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    results = [out / (p.stem + "." + convert_to.split(":")[0]) for p in paths]
    missing = [r for r in results if not r.exists()]
    assert not missing, f"LibreOffice did not write {missing}"
    return results
