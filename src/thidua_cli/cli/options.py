"""Options shared by the commands, declared once as annotated types.

Their texts live in ``messages/cli.py`` (``help.opt.<name>``), rendered by ``cli.frame`` in the
user's language. One rule for outputs: ``--out``/``-o`` is always a file (its extension says
which kind), ``--out-dir`` always a folder.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.findings import UsageError, finding
from thidua_cli.rubric.sides import Period


class PeriodChoice(StrEnum):
    year = "year"
    half = "half"

    @property
    def period(self) -> Period:
        return "half" if self is PeriodChoice.half else "year"


def period_of(choice: PeriodChoice | None) -> Period | None:
    return None if choice is None else choice.period


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


LangOption = Annotated[str | None, typer.Option("--lang", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", show_default=False)]
CsvOption = Annotated[bool, typer.Option("--csv", show_default=False)]
FormatOption = Annotated[OutputFormat | None, typer.Option("--format", show_default=False)]
CriteriaOption = Annotated[Path | None, typer.Option("--criteria", show_default=False)]
DebugOption = Annotated[bool, typer.Option("--debug", hidden=True)]
YearOption = Annotated[int | None, typer.Option("--year", show_default=False)]
PeriodOption = Annotated[PeriodChoice | None, typer.Option("--period", show_default=False)]
WorkbooksArgument = Annotated[list[Path], typer.Argument(metavar="PATH...", show_default=False)]
ForceOption = Annotated[bool, typer.Option("--force", show_default=False)]
# score, lock, rank: the one file a command writes (its extension says which kind)
OutFileOption = Annotated[Path | None, typer.Option("--out", "-o", show_default=False)]
# ``--out`` where a folder is meant: the old spelling, kept working for old scripts.
OldOutDirOption = Annotated[Path | None, typer.Option("--out", "-o", hidden=True)]
# score and lock: a units file whose clusters' own rubrics score their units' forms.
UnitsOption = Annotated[Path | None, typer.Option("--units", show_default=False)]
# rank and papers: the meeting's vote, cluster id = unit id (``parse_elected``).
ElectedOption = Annotated[list[str] | None, typer.Option("--elected", show_default=False)]
# lock, rank, book, history: the record book (default: THIDUA_BOOK, else so-thi-dua.sqlite here)
BookOption = Annotated[Path | None, typer.Option("--book", show_default=False)]


def output_format(
    format: OutputFormat | None, json: bool = False, csv: bool = False
) -> OutputFormat:
    """``--format``, or its shorthands ``--json`` and ``--csv``; two different ones: exit 2."""
    chosen = {
        f
        for f, given in (
            (format, format is not None),
            (OutputFormat.json, json),
            (OutputFormat.csv, csv),
        )
        if given
    }
    if len(chosen) > 1:
        raise UsageError(
            finding("format-conflict", formats=", ".join(sorted(str(f) for f in chosen)))
        )
    return chosen.pop() if chosen else OutputFormat.table  # type: ignore[return-value]


def parse_elected(values: list[str]) -> dict[str, str]:
    """``["cum-1=BVDK"]`` -> ``{"cum-1": "BVDK"}``; malformed or repeated clusters are refused."""
    elected: dict[str, str] = {}
    for value in values:
        cluster, sep, unit = (part.strip() for part in value.partition("="))
        if not sep or not cluster or not unit:
            raise UsageError(finding("elected-syntax", value=value))
        if cluster in elected and elected[cluster] != unit:
            units = f"{elected[cluster]}, {unit}"
            raise UsageError(finding("elected-twice", cluster=cluster, units=units))
        elected[cluster] = unit
    return elected
