"""The command line: parse, call one core function, render, exit."""

from __future__ import annotations

import typer

from thidua_cli.cli import criteria
from thidua_cli.cli import demo as demo_cli
from thidua_cli.cli import rank as rank_cli
from thidua_cli.cli import score as score_cli
from thidua_cli.cli import sheets as sheets_cli

app = typer.Typer(
    name="thidua",
    help="Chấm điểm thi đua các Cụm thi đua ngành Y tế: biểu mẫu, chấm lại, xếp hạng.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(criteria.app, name="criteria")
app.command("init-sheet")(sheets_cli.init_sheet)
app.command("score")(score_cli.score)
app.command("lock")(rank_cli.lock_command)
app.command("rank")(rank_cli.rank_command)
app.command("demo")(demo_cli.demo_command)


def main() -> None:
    app()
