"""Benchmark: init-sheet, score and rank on N generated forms, against a bare openpyxl loop.

Run by hand (not in the test suite):

    python benchmarks/bench.py            # N = 1000
    python benchmarks/bench.py -n 5000 --keep /tmp/bench

It prints each time, the ratio score / yardstick (the yardstick is a bare
``openpyxl.load_workbook`` loop over the same files) and the peak memory (max RSS) of
``score --json``, ``score --out scores.xlsx`` and ``rank --json``, each run as its own
process like a user would run them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import openpyxl
import yaml

from thidua_cli.form.layout import Layout, build_layout
from thidua_cli.form.samples import random_form
from thidua_cli.form.writer import write_form
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.workflows.init_sheets import form_filename, init_sheets

CLUSTER_SIZE = 20
MARKER = ".thidua-bench"  # marks a --keep folder as ours, so a rerun may clear it


def units_document(n: int) -> dict[str, object]:
    clusters = []
    for start in range(0, n, CLUSTER_SIZE):
        ids = [f"U{i:05d}" for i in range(start, min(n, start + CLUSTER_SIZE))]
        clusters.append(
            {
                "id": f"cum-{start // CLUSTER_SIZE + 1}",
                "name": f"Cụm thi đua số {start // CLUSTER_SIZE + 1}",
                "units": [{"id": u, "name": f"Đơn vị {u}"} for u in ids],
            }
        )
    return {"clusters": clusters}


def _fill(job: tuple[Path, int]) -> None:
    from thidua_cli.form.identity import Identity

    folder, i = job
    rubric = load_rubric()
    layout = _layout_cache.setdefault("layout", build_layout(rubric))
    unit = f"U{i:05d}"
    identity = Identity(
        rubric_id=rubric.id,
        rubric_digest=rubric.digest(),
        unit_id=unit,
        unit_name=f"Đơn vị {unit}",
        cluster=f"cum-{i // CLUSTER_SIZE + 1}",
        cluster_name=f"Cụm thi đua số {i // CLUSTER_SIZE + 1}",
        year=rubric.meta.year,
    )
    write_form(folder / form_filename(unit), layout, identity, random_form(rubric, i))


_layout_cache: dict[str, Layout] = {}


def timed(label: str, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    elapsed = time.perf_counter() - start
    print(f"  {label:<44} {elapsed:8.2f} s", flush=True)
    return elapsed


# Runs one command and prints its exit code, wall time and peak memory. A lean process of
# its own, because Linux counts in a child's peak (ru_maxrss) the memory of the process that
# started it: measured from this script, every command would look as big as the benchmark.
_MEASURE = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss)
"""


def run_command(args: list[str]) -> tuple[float, float]:
    """Wall time and peak memory (MiB; Linux: the larger of it and its workers) of one thidua
    command run as its own process."""
    command = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "thidua_cli", *args]
    with tempfile.TemporaryFile() as err:
        measured = subprocess.run(
            command, stdout=subprocess.PIPE, stderr=err, text=True, check=True
        )
        code, elapsed, peak_kib = measured.stdout.split()
        if int(code) not in (0, 1):
            err.seek(0)
            sys.exit(f"{args[0]} failed ({code}): {err.read().decode()[-2000:]}")
    return float(elapsed), int(peak_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="number of forms (default 1000)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    if options.keep is not None:
        if work.exists() and any(work.iterdir()) and not (work / MARKER).exists():
            sys.exit(f"{work} is not empty and not a benchmark folder: not touching it")
        shutil.rmtree(work, ignore_errors=True)  # a previous run of this benchmark
        work.mkdir(parents=True)
        (work / MARKER).touch()
    try:
        run(options.n, work)
    finally:
        if options.keep is None:  # also after a failure or Ctrl-C
            shutil.rmtree(work, ignore_errors=True)


def run(n: int, work: Path) -> None:
    blank, filled = work / "blank", work / "filled"
    filled.mkdir(parents=True)
    rubric = load_rubric()
    units_path = work / "units.yaml"
    units_path.write_text(yaml.safe_dump(units_document(n), allow_unicode=True), encoding="utf-8")

    from thidua_cli.units import load_units

    units = load_units(units_path).units()
    print(f"thidua benchmark: N = {n} forms, in {work}")
    t_init = timed(
        f"init-sheet ({n} blank forms)",
        lambda: init_sheets(rubric, units, blank, rubric.meta.year, "year", force=True),
    )
    with ProcessPoolExecutor(2) as pool:
        timed(
            f"generate {n} filled forms (setup, 2 processes)",
            lambda: list(pool.map(_fill, [(filled, i) for i in range(n)], chunksize=20)),
        )
    files = sorted(filled.glob("*.xlsx"))

    def yardstick() -> None:
        for path in files:
            openpyxl.load_workbook(path).close()

    t_yard = timed("yardstick: openpyxl.load_workbook loop", yardstick)
    t_score, m_score = run_command(["score", str(filled), "--json"])
    print(f"  {'thidua score --json (own process)':<44} {t_score:8.2f} s   peak {m_score:6.0f} MiB")
    t_out, m_out = run_command(["score", str(filled), "--out", str(work / "scores.xlsx")])
    print(f"  {'thidua score --out scores.xlsx':<44} {t_out:8.2f} s   peak {m_out:6.0f} MiB")
    t_rank, m_rank = run_command(["rank", str(filled), "--units", str(units_path), "--json"])
    print(f"  {'thidua rank --json (scores too)':<44} {t_rank:8.2f} s   peak {m_rank:6.0f} MiB")
    print()
    print(
        "| N | init-sheet | yardstick | score | score/yardstick | rank "
        "| peak score --json | peak score --out | peak rank --json |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {n:,} | {t_init:.1f} s | {t_yard:.1f} s | {t_score:.1f} s | {t_score / t_yard:.3f} "
        f"| {t_rank:.1f} s | {m_score:.0f} MiB | {m_out:.0f} MiB | {m_rank:.0f} MiB |"
    )


if __name__ == "__main__":
    main()
