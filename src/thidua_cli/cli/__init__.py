"""The command line: parse, call one core function, render, exit."""

from __future__ import annotations

import typer

from thidua_cli.cli import criteria

app = typer.Typer(
    name="thidua",
    help="Chấm điểm thi đua các Cụm thi đua ngành Y tế: biểu mẫu, chấm lại, xếp hạng.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(criteria.app, name="criteria")


def main() -> None:
    app()
