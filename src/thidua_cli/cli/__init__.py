"""The command line: parse, call one workflow, render, exit (typer and rich live only here).

May import everything below it; nothing imports it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from thidua_cli import __version__
from thidua_cli.cli import book, criteria
from thidua_cli.cli.console import guard, stdout
from thidua_cli.cli.demo import demo_command
from thidua_cli.cli.frame import HELP_OPTION_NAMES, ThiduaCommand, ThiduaGroup
from thidua_cli.cli.init_sheet import init_sheet_command
from thidua_cli.cli.lock import lock_command
from thidua_cli.cli.options import LangOption
from thidua_cli.cli.papers import papers_command
from thidua_cli.cli.rank import rank_command
from thidua_cli.cli.score import score

app = typer.Typer(
    name="thidua",
    cls=ThiduaGroup,
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


app.add_typer(criteria.app, name="criteria")
app.add_typer(book.app, name="book")
app.command("init-sheet", cls=ThiduaCommand)(init_sheet_command)
app.command("score", cls=ThiduaCommand)(score)
app.command("lock", cls=ThiduaCommand)(lock_command)
app.command("rank", cls=ThiduaCommand)(rank_command)
app.command("history", cls=ThiduaCommand)(book.history_command)
app.command("demo", cls=ThiduaCommand)(demo_command)
app.command("papers", cls=ThiduaCommand)(papers_command)


def main() -> None:
    app()
