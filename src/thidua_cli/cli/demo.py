"""`thidua demo`: the year-end flow on the sample units, printed as `thidua rank` prints it."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from thidua_cli.cli.console import guard, print_findings, stdout
from thidua_cli.cli.frame import command_app
from thidua_cli.cli.options import DebugOption, ForceOption, LangOption, OldOutDirOption
from thidua_cli.cli.ranking_table import render_ranking
from thidua_cli.files import check_paths
from thidua_cli.messages import Messages
from thidua_cli.ranking.rank import Ranking
from thidua_cli.reports.ranking_xlsx import write_ranking_xlsx
from thidua_cli.text import printable
from thidua_cli.workflows.demo import DemoRun, run_demo

DEFAULT_FOLDER = Path("thidua-demo")


def demo_command(
    out_dir: Annotated[Path, typer.Option("--out-dir")] = DEFAULT_FOLDER,
    force: ForceOption = False,
    old_out: OldOutDirOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua demo: its help is ``help.cmd.demo``."""
    with guard(lang, debug) as messages:
        folder = old_out if old_out is not None else out_dir
        check_paths([folder])

        def write_ranking(path: Path, ranking: Ranking) -> None:
            write_ranking_xlsx(path, ranking, messages)

        run = run_demo(folder, force, write_ranking=write_ranking)
        _tell(run, stdout(), messages)


def _tell(run: DemoRun, console: Console, m: Messages) -> None:
    def step(key: str, **params: object) -> None:
        console.print(Text(m(key, **params), style="bold cyan"))

    step("demo.step.forms", count=run.form_count, path=str(run.forms), year=run.year)
    step("demo.step.filled", path=str(run.returned))
    step("demo.step.mistakes", count=len(run.mistakes))
    for result in run.mistakes:
        console.print(Text(m("score.problems.title", file=result.file), style="bold"))
        print_findings(result.problems, m, console, codes=True, indent="  ")
    step("demo.step.corrected")
    step("demo.step.lock", path=str(run.lock))
    step("demo.step.changed", unit=run.changed_unit, code=run.changed_code, path=str(run.returned))
    step("demo.step.rank")
    step("demo.step.vote", elected=" ".join(f"--elected {c}={u}" for c, u in run.elected.items()))
    console.print()
    render_ranking(run.ranking, console, m)
    console.print()
    files = m(
        "demo.files",
        units=str(run.units),
        forms=str(run.forms),
        returned=str(run.returned),
        lock=str(run.lock),
        ranking=str(run.ranking_path),
    )
    console.print(Text(files))
    console.print(Text(m("demo.open", ranking=str(run.ranking_path)), style="bold green"))
    if run.papers is not None:
        console.print(Text(m("demo.papers", path=str(run.papers)), style="bold green"))
    program, on_path = how_to_run()
    args = ["rank", str(run.returned), "--units", str(run.units), "--lock", str(run.lock)]
    command = " ".join([program, *(quote(a) for a in args)])
    console.print(Text(m("demo.next", command=printable(command))), soft_wrap=True)
    if not on_path:
        console.print(Text(m("demo.not-on-path", hint=activation_hint())), soft_wrap=True)


def quote(arg: str) -> str:
    """An argument as the user's shell needs it typed (Windows: double quotes)."""
    if os.name == "nt":
        return f'"{arg}"' if any(c in arg for c in ' &()^;,"') else arg
    return shlex.quote(arg)


def how_to_run() -> tuple[str, bool]:
    """How to type ``thidua`` on this machine, and whether plain ``thidua`` already works."""
    found = shutil.which("thidua")
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if found and script is not None and script.exists():
        try:
            if os.path.samefile(found, script):
                return "thidua", True
        except OSError:
            pass
    if script is not None and script.name.startswith("thidua") and script.is_file():
        try:
            shown = script.resolve().relative_to(Path.cwd())
        except ValueError:
            shown = script.resolve()
        text = str(shown)
        if os.name != "nt" and not shown.is_absolute() and os.sep not in text:
            text = f".{os.sep}{text}"
        return quote(text), False
    return f"{quote(sys.executable)} -m thidua", bool(found)


def activation_hint() -> str:
    """The command that puts this environment's ``thidua`` on PATH for this terminal."""
    if sys.prefix == sys.base_prefix:
        return "pipx ensurepath"
    scripts = Path(sys.prefix) / ("Scripts" if os.name == "nt" else "bin")
    if os.name == "nt":
        return quote(str(scripts / "Activate.ps1"))
    return f"source {quote(str(scripts / 'activate'))}"


app = command_app("demo", demo_command)
