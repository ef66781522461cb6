"""Benchmark: init-sheet, score and rank on N generated forms, against two bare read loops.

Run by hand (not in the test suite):

    python benchmarks/bench.py            # N = 1000
    python benchmarks/bench.py -n 5000 --keep /tmp/bench

It prints, for each thidua command run as its own process like a user runs it, the wall
time, the CPU time (user + system, its workers included) and the peak memory (max RSS). The
yardsticks: a bare ``openpyxl.load_workbook`` loop and a bare python-calamine loop that opens
each form and reads its cells (the least any reader of these files can do), both in this
process. ``score`` CPU / calamine CPU and ``rank`` CPU / ``score`` CPU are measured
single-process (``THIDUA_WORKERS=1``), side by side in three rounds (medians).
Then the flows a clerk runs: a cluster of 10 and a sector of 100 units (init-sheet, score,
lock, rank as separate processes; each step's median of 5 flows), ``thidua --help`` (median
of 5) and each command's fixed cost on one form (median of 5), init-sheet and papers included.
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import python_calamine
import yaml

from thidua_cli.form.layout import Layout, build_layout
from thidua_cli.form.samples import random_form
from thidua_cli.form.writer import write_form
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
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
                "units": [
                    {"id": u, "name": f"Đơn vị {u}", "registered": True, "agreement_signed": True}
                    for u in ids
                ],
            }
        )
    return {"clusters": clusters}


def write_units(path: Path, n: int) -> Path:
    path.write_text(yaml.safe_dump(units_document(n), allow_unicode=True), encoding="utf-8")
    return path


@functools.cache
def _rubric_and_layout() -> tuple[Rubric, Layout]:
    """Once per generating process (not once per form: loading checks the whole rubric)."""
    rubric = load_rubric()
    return rubric, build_layout(rubric)


def _fill(job: tuple[Path, int]) -> None:
    from thidua_cli.form.identity import Identity

    folder, i = job
    rubric, layout = _rubric_and_layout()
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
cpu = usage.ru_utime + usage.ru_stime
print(os.waitstatus_to_exitcode(status), time.perf_counter() - start, cpu, usage.ru_maxrss)
"""


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    cpu: float  # seconds, user + system, workers included (Linux counts reaped children)
    peak: float  # MiB, the largest of the process and its workers


def run_command(args: list[str], env: dict[str, str] | None = None) -> Measured:
    """One thidua command run as its own process, as a clerk runs it: with Python's bytecode
    cached, as an installed package has it (``PYTHONDONTWRITEBYTECODE`` would compile every
    module on every run)."""
    command = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "thidua_cli", *args]
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryFile() as err:
        measured = subprocess.run(
            command,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            check=True,
            env={**base, **(env or {})},
        )
        code, elapsed, cpu, peak_kib = measured.stdout.split()
        if int(code) not in (0, 1):
            err.seek(0)
            sys.exit(f"{args[0]} failed ({code}): {err.read().decode()[-2000:]}")
    return Measured(float(elapsed), float(cpu), int(peak_kib) / 1024)


ROUNDS = 3  # the ratios' rounds


@dataclass(frozen=True)
class Ratios:
    """CPU seconds, single process, of the calamine loop, ``score --json`` and ``rank --json``
    (medians of ``ROUNDS``), and their ratios (medians of each round's own ratio).

    A round measures the three side by side: this shared VM's speed drifts by a third within
    minutes, and a ratio of two measurements taken minutes apart would measure the drift.
    """

    calamine: float
    score: float
    rank: float
    score_to_calamine: float
    rank_to_score: float

    @classmethod
    def measure(cls, files: list[Path], filled: Path, units: Path) -> Ratios:
        one = {"THIDUA_WORKERS": "1"}
        rounds = []
        for number in range(1, ROUNDS + 1):
            start = time.process_time()
            calamine_loop(files)
            calamine = time.process_time() - start
            score = run_command(["score", str(filled), "--json"], one).cpu
            rank = run_command(["rank", str(filled), "--units", str(units), "--json"], one).cpu
            print(
                f"  round {number}: calamine loop {calamine:.2f} s, score {score:.2f} s, "
                f"rank {rank:.2f} s CPU (one process)",
                flush=True,
            )
            rounds.append((calamine, score, rank))
        return cls(
            calamine=statistics.median(c for c, _, _ in rounds),
            score=statistics.median(s for _, s, _ in rounds),
            rank=statistics.median(r for _, _, r in rounds),
            score_to_calamine=statistics.median(s / c for c, s, _ in rounds),
            rank_to_score=statistics.median(r / s for _, s, r in rounds),
        )


def calamine_loop(files: list[Path]) -> None:
    """Open each form and read every cell of its sheets: the least a reader can do."""
    for path in files:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
        book.close()


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
    units_path = write_units(work / "units.yaml", n)

    from thidua_cli.units import load_units

    units = load_units(units_path).units()
    print(f"thidua benchmark: N = {n} forms, in {work}")
    # The interpreter's build matters: a CPython built without PGO/LTO (pyenv's default)
    # runs these commands about a quarter slower than Debian's or python.org's builds.
    print(f"Python {platform.python_version()} at {Path(sys.executable).resolve()}")
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
    rows = [
        ("score --json", run_command(["score", str(filled), "--json"])),
        (
            "score --out scores.xlsx",
            run_command(["score", str(filled), "--out", str(work / "s.xlsx")]),
        ),
        (
            "rank --json (scores too)",
            run_command(["rank", str(filled), "--units", str(units_path), "--json"]),
        ),
    ]
    for label, m in rows:
        print(f"  thidua {label:<37} {m.wall:8.2f} s   {m.cpu:7.2f} s CPU   peak {m.peak:5.0f} MiB")
    measured = dict(rows)
    ratios = Ratios.measure(files, filled, units_path)
    flows = {size: median_flow(size, work, files) for size in (10, 100) if size <= n}
    run_command(["--help"])  # the first run writes the bytecode cache
    help_wall = statistics.median(run_command(["--help"]).wall for _ in range(5))
    print(f"  {'thidua --help (median of 5)':<44} {help_wall:8.2f} s")
    fixed = fixed_costs(work, files[0])
    print()
    print(
        "| N | init-sheet | openpyxl loop | calamine loop (CPU) | score | score CPU, 1 process "
        "| score CPU / calamine CPU | score / openpyxl | rank CPU / score CPU "
        "| peak score --json | peak score --out | peak rank --json |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {n:,} | {t_init:.1f} s | {t_yard:.1f} s | {ratios.calamine:.2f} s "
        f"| {measured['score --json'].wall:.1f} s | {ratios.score:.2f} s "
        f"| {ratios.score_to_calamine:.2f} | {measured['score --json'].wall / t_yard:.3f} "
        f"| {ratios.rank_to_score:.2f} | {measured['score --json'].peak:.0f} MiB "
        f"| {measured['score --out scores.xlsx'].peak:.0f} MiB "
        f"| {measured['rank --json (scores too)'].peak:.0f} MiB |"
    )
    print()
    print("| flow | init-sheet | score | lock | rank | whole flow | thidua --help |")
    print("|---|---|---|---|---|---|---|")
    for size, steps in flows.items():
        cells = " | ".join(f"{steps[k]:.2f} s" for k in ("init-sheet", "score", "lock", "rank"))
        print(f"| {size} units | {cells} | {sum(steps.values()):.2f} s | {help_wall:.2f} s |")
    print()
    print("| fixed cost (one form, median of 5) | " + " | ".join(fixed) + " |")
    print("|---|" + "---|" * len(fixed))
    print("| wall | " + " | ".join(f"{t:.3f} s" for t in fixed.values()) + " |")


def fixed_costs(work: Path, form: Path) -> dict[str, float]:
    """Each command on one unit's form (the first unit): what a clerk waits for whatever the
    work."""
    return {
        name: statistics.median(run_command(args).wall for _ in range(5))
        for name, args in fixed_commands(work, form).items()
    }


def fixed_commands(work: Path, form: Path) -> dict[str, list[str]]:
    """The commands whose fixed cost is measured, on a folder holding only ``form``, with their
    own units file, book and lock file in ``work``."""
    folder = work / "one"
    folder.mkdir()
    shutil.copyfile(form, folder / form.name)
    units = write_units(work / "one-unit.yaml", 1)
    book = ["--book", str(work / "one.sqlite")]
    lock = str(work / "one.lock")
    forms, papers = str(work / "one-forms"), ["--force", "--out-dir", str(work / "one-papers")]
    return {
        "score": ["score", str(folder)],
        "lock": ["lock", str(folder), "-o", lock, "--force", *book],
        "rank": ["rank", str(folder), "--units", str(units), *book],
        "criteria check": ["criteria", "check"],
        "history": ["history", *book],
        # the two that import a writing library (openpyxl, python-docx) and build documents
        "init-sheet": ["init-sheet", "--units", str(units), "--force", "--out-dir", forms],
        "papers": ["papers", str(folder), "--units", str(units), "--lock", lock, *book, *papers],
    }


def median_flow(size: int, work: Path, filled: list[Path], runs: int = 5) -> dict[str, float]:
    """Each step's median wall time over ``runs`` flows, each in a fresh folder."""
    steps = [flow(size, work / f"flow-{size}-{run}", filled) for run in range(runs)]
    return {step: statistics.median(times[step] for times in steps) for step in steps[0]}


def flow(size: int, folder: Path, filled: list[Path]) -> dict[str, float]:
    """What a clerk runs for ``size`` units, each command its own process: wall times."""
    returned = folder / "returned"
    returned.mkdir(parents=True)
    units = write_units(folder / "units.yaml", size)
    for path in filled[:size]:  # the units' own returns (generated for the same unit ids)
        shutil.copyfile(path, returned / path.name)
    lock = folder / "verified.lock"
    book = ["--book", str(folder / "so-thi-dua.sqlite")]  # the flow's own record book
    return {
        "init-sheet": run_command(
            ["init-sheet", "--units", str(units), "--out-dir", str(folder / "forms")]
        ).wall,
        "score": run_command(["score", str(returned)]).wall,
        "lock": run_command(["lock", str(returned), "-o", str(lock), *book]).wall,
        "rank": run_command(
            ["rank", str(returned), "--units", str(units), "--lock", str(lock), *book]
        ).wall,
    }


if __name__ == "__main__":
    main()
