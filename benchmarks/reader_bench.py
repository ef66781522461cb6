"""Micro-benchmark of the form reader: CPU per form of ``read_workbook`` (its fast path and its
expat path) against a bare python-calamine read loop, on folders of forms.

Run by hand (not in the test suite), on forms made by ``bench.py --keep`` (openpyxl-written)
and, say, the same forms saved by LibreOffice:

    python benchmarks/reader_bench.py /tmp/bench/filled /tmp/lo-saved

Single process, CPU time (``time.process_time``), each measure the best of ``--repeat`` runs,
the three readers interleaved so a busy machine slows them alike. ``areas`` are what
``score`` passes. Also says how many parts the fast path declined (it should be none).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from bench import calamine_loop  # the same yardstick as bench.py's (run as a script)

from thidua_cli.form import reader
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.scoring.workbook import Expected


def reader_loop(fast: bool) -> Callable[[list[Path]], None]:
    areas = Expected.of(load_rubric()).areas

    def run(files: list[Path]) -> None:
        reader.FAST = fast
        for path in files:
            reader.read_workbook(path, areas)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    loops = {
        "calamine loop": calamine_loop,
        "reader, expat path": reader_loop(fast=False),
        "reader, fast path": reader_loop(fast=True),
    }
    for folder in args.folders:
        files = sorted(folder.glob("*.xlsx"))
        best = dict.fromkeys(loops, float("inf"))
        declined = sum(reader.DECLINED.values())
        for _ in range(args.repeat):
            for name, loop in loops.items():
                start = time.process_time()
                loop(files)
                best[name] = min(best[name], time.process_time() - start)
        declined = (sum(reader.DECLINED.values()) - declined) // args.repeat
        print(f"{folder} ({len(files)} forms; parts the fast path declined: {declined})")
        base = best["calamine loop"]
        for name, seconds in best.items():
            per_form = seconds / len(files) * 1000
            print(f"  {name:20s} {per_form:6.3f} ms/form  {seconds / base:5.2f}x calamine")


if __name__ == "__main__":
    main()
