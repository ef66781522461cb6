"""`thidua rank`: statuses, ranks, the leader and flag proposals of every cluster."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.cli.console import guard, notifier, progress_bar, stderr, stdout
from thidua_cli.cli.frame import command_app
from thidua_cli.cli.options import (
    BookOption,
    CriteriaOption,
    CsvOption,
    DebugOption,
    ElectedOption,
    FormatOption,
    JsonOption,
    LangOption,
    OutFileOption,
    PeriodOption,
    WorkbooksArgument,
    YearOption,
    output_format,
    parse_elected,
    period_of,
)
from thidua_cli.cli.ranking_table import ranking_rows, render_ranking
from thidua_cli.cli.tabular import render
from thidua_cli.files import Output, check_paths
from thidua_cli.form.existing import is_report
from thidua_cli.ranking.book import book_path
from thidua_cli.ranking.rank import Ranking
from thidua_cli.reports.ranking_json import ranking_document
from thidua_cli.rubric.sides import Side
from thidua_cli.workflows.forms_period import check_year
from thidua_cli.workflows.rank import RankRequest
from thidua_cli.workflows.rank import rank as rank_workflow

RANKING_SUFFIXES = (".xlsx",)


class By(StrEnum):
    cluster = "cluster"
    self = "self"


def rank_command(
    paths: WorkbooksArgument,
    units: Annotated[Path, typer.Option("--units", show_default=False)],
    lock: Annotated[list[Path] | None, typer.Option("--lock", show_default=False)] = None,
    by: Annotated[By, typer.Option("--by")] = By.cluster,
    province_flag_total: Annotated[
        int | None, typer.Option("--province-flag-total", min=0, show_default=False)
    ] = None,
    elected: ElectedOption = None,
    out: OutFileOption = None,
    book: BookOption = None,
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    format: FormatOption = None,
    json: JsonOption = False,
    csv: CsvOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua rank: its help is ``help.cmd.rank``."""
    with guard(lang, debug) as messages:
        chosen = output_format(format, json, csv)
        check_year(year)
        inputs = [*paths, units, *(lock or ()), criteria, book_path(book)]
        check_paths(inputs, [Output(out, RANKING_SUFFIXES, replaceable=is_report)])
        request = RankRequest(
            paths=paths,
            units=units,
            locks=lock or (),
            by=Side.SELF if by is By.self else Side.CLUSTER,
            province_flag_total=province_flag_total,
            criteria=criteria,
            year=year,
            period=period_of(period),
            elected=parse_elected(elected or []),
            book=book,
        )

        def write_meeting(ranking: Ranking) -> None:
            assert out is not None
            from thidua_cli.reports.ranking_xlsx import write_ranking_xlsx  # openpyxl: when asked

            write_ranking_xlsx(out, ranking, messages)
            stderr().print(messages("rank.written", path=str(out)), markup=False)

        with progress_bar(messages("score.progress")) as progress:
            ranking = rank_workflow(
                request, progress, write_meeting if out else None, notify=notifier(messages)
            )
        render(
            chosen,
            table=lambda: render_ranking(ranking, stdout(), messages),
            document=lambda: ranking_document(ranking, messages),
            rows=lambda: ranking_rows(ranking, messages),
        )
        if ranking.has_errors:
            raise typer.Exit(1)


app = command_app("rank", rank_command)
