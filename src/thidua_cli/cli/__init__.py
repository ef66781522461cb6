"""The command line: parse, call one workflow, render, exit (typer and rich live only here).

May import everything below it; nothing imports it.
"""

from __future__ import annotations

import importlib
import os
from typing import Annotated, Any

import typer

from thidua_cli import __version__
from thidua_cli.cli.console import guard, stdout
from thidua_cli.cli.frame import HELP_OPTION_NAMES, ThiduaGroup
from thidua_cli.cli.options import LangOption

# pydantic looks for plugins through every installed package's entry points (about 15 ms at
# each start); the command line uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# Each command lives in its own module, imported only when that command runs: `thidua --help`
# and `thidua score` do not pay for openpyxl's writer, python-docx or the record book.
# name -> "module:typer app" (the order is the order of `thidua --help`)
COMMANDS: dict[str, str] = {
    "init-sheet": "thidua_cli.cli.init_sheet:app",
    "score": "thidua_cli.cli.score:app",
    "lock": "thidua_cli.cli.lock:app",
    "rank": "thidua_cli.cli.rank:app",
    "papers": "thidua_cli.cli.papers:app",
    "history": "thidua_cli.cli.book:history_app",
    "book": "thidua_cli.cli.book:app",
    "criteria": "thidua_cli.cli.criteria:app",
    "demo": "thidua_cli.cli.demo:app",
}


class RootGroup(ThiduaGroup):
    """The root: its commands are found in ``COMMANDS`` and imported on demand."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module, _, attribute = spec.partition(":")
        command = typer.main.get_command(getattr(importlib.import_module(module), attribute))
        command.name = cmd_name
        return command


app = typer.Typer(
    name="thidua",
    cls=RootGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": HELP_OPTION_NAMES},
)


def _version(value: bool) -> None:
    if value:
        with guard(None) as messages:
            stdout().print(messages("version", version=__version__), markup=False)
        raise typer.Exit(0)


@app.callback()
def root(
    lang: LangOption = None,
    version: Annotated[
        bool, typer.Option("--version", is_eager=True, callback=_version, show_default=False)
    ] = False,
) -> None:
    """thidua: the root command (its help text is ``help.cmd.thidua``)."""
    with guard(lang):  # refuses an unknown language; the frame applies it to every command
        pass


def main() -> None:
    app()
