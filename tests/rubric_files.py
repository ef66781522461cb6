"""Small hand-made criteria directories for tests, written into ``tmp_path``."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import yaml

from thidua_cli.rubric.loader import default_rubric_dir

META = """\
id: thu-nghiem
title: Bộ tiêu chí thử nghiệm
issuer: Sở Y tế
document: Hướng dẫn thử nghiệm
year: 2020
declared_total: {total}
sections:
{files}
"""

# A valid one-section rubric: 100 points, every piece reachable.
SECTION = """\
code: "1"
title: Phần thử nghiệm
max: 100
criteria:
  - code: "1.1"
    title: Nhiệm vụ chậm
    max: 60
    inputs:
      - {name: late, kind: count}
    formula: max(0, 60 - 2 * late)
  - code: "1.2"
    title: Xếp loại
    max: 40
    inputs:
      - {name: level, kind: level}
    levels:
      - {label: Tốt, points: 40}
      - {label: Khá, points: 30}
    formula: level(level)
"""


def write_rubric(directory: Path, *sections: str, total: int | str = 100) -> Path:
    """A criteria directory with ``rubric.yaml`` and one file per section text."""
    directory.mkdir(parents=True, exist_ok=True)
    names = []
    for number, text in enumerate(sections, 1):
        name = f"section-{number}.yaml"
        (directory / name).write_text(textwrap.dedent(text), encoding="utf-8")
        names.append(name)
    files = "\n".join(f"  - {name}" for name in names)
    (directory / "rubric.yaml").write_text(META.format(total=total, files=files), "utf-8")
    return directory


def copy_default(directory: Path) -> Path:
    """A copy of the shipped rubric to edit."""
    shutil.copytree(default_rubric_dir(), directory)
    return directory


def line_number(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [n for n, line in enumerate(textwrap.dedent(text).splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def edit_section(directory: Path, name: str, change: Any) -> None:
    """Load a section file, let ``change`` edit the data, write it back."""
    path = directory / name
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def concretise_1_8(data: dict[str, Any]) -> None:
    """Cluster B splits 1.8 (40 points) into two criteria of its own."""
    last = data["criteria"][-1]
    assert last["code"] == "1.8"
    for key in ("inputs", "formula"):
        del last[key]
    last["children"] = [
        {
            "code": "1.8.a",
            "title": "Ứng dụng công nghệ thông tin trong quản lý",
            "max": 25,
            "inputs": [{"name": "points", "kind": "points"}],
            "formula": "points",
        },
        {
            "code": "1.8.b",
            "title": "Thủ tục hành chính giải quyết trễ hạn",
            "max": 15,
            "inputs": [{"name": "late", "kind": "count"}],
            "formula": "max(0, 15 - 1 * late)",
        },
    ]
