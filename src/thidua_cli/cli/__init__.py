"""The command line: parse, call one workflow, render, exit (typer and rich live only here).

May import everything below it; nothing imports it.
"""

from __future__ import annotations

import typer

from thidua_cli.cli import book, criteria
from thidua_cli.cli.demo import demo_command
from thidua_cli.cli.init_sheet import init_sheet_command
from thidua_cli.cli.lock import lock_command
from thidua_cli.cli.rank import rank_command
from thidua_cli.cli.score import score

app = typer.Typer(
    name="thidua",
    help="Chấm điểm thi đua các Cụm thi đua ngành Y tế: biểu mẫu, chấm lại, xếp hạng.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(criteria.app, name="criteria")
app.add_typer(book.app, name="book")
app.command("init-sheet")(init_sheet_command)
app.command("score")(score)
app.command("lock")(lock_command)
app.command("rank")(rank_command)
app.command("history")(book.history_command)
app.command("demo")(demo_command)


def main() -> None:
    app()
