"""Start-up work counted in CPU instructions: each command's fixed cost, without the VM's noise.

Run by hand (not in the test suite; needs valgrind: ``apt-get install valgrind``):

    python benchmarks/instructions.py

Wall times on this shared VM drift by a third within minutes, so a change of a few
milliseconds cannot be seen in them. Valgrind's callgrind counts the instructions a process
executes: the same count on every run (within 0.1 %), whatever else the machine is doing. Each
command of ``bench.py``'s fixed-cost table runs once on one unit's form, and so do the two
floors under it: Python doing nothing, and Python importing the dependencies every command
needs (typer with its pydantic adapters, rich's console and table, PyYAML). The last column is
what thidua adds to that floor. Compare two commits by running this on each.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import _fill, fixed_commands  # bench.py's own form and commands (run as a script)

DEPENDENCIES = "import typer, typer._adapters, pydantic, rich.console, rich.table, yaml"
_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(args: list[str]) -> int:
    """Instructions executed by ``python args``: hash seed fixed (set and dict order), bytecode
    cached as an installed package has it (written by a first run without valgrind)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONHASHSEED"] = "0"
    command = [sys.executable, *args]
    subprocess.run(command, env=env, capture_output=True, check=False)
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    found = _COLLECTED.search(counted.stderr)
    if found is None:
        sys.exit(f"valgrind counted nothing for {args}: {counted.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="thidua-instructions-") as folder:
        work = Path(folder)
        (work / "forms").mkdir()
        _fill((work / "forms", 0))
        commands = fixed_commands(work, next((work / "forms").iterdir()))
        floor = instructions(["-c", DEPENDENCIES])
        rows = {
            "python -c pass": instructions(["-c", "pass"]),
            "import the dependencies": floor,
            "thidua --help": instructions(["-m", "thidua_cli", "--help"]),
        }
        for name, args in commands.items():
            rows[f"thidua {name}"] = instructions(["-m", "thidua_cli", *args])
    print("| process | instructions | above the dependencies |")
    print("|---|---|---|")
    for name, count in rows.items():
        print(f"| {name} | {count / 1e6:,.1f} M | {(count - floor) / 1e6:+,.1f} M |")


if __name__ == "__main__":
    main()
