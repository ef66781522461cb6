"""`thidua score`: recompute returned workbooks and report every problem with its cell."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from thidua_cli.cli.console import (
    guard,
    notifier,
    print_findings,
    progress_bar,
    stderr,
    stdout,
)
from thidua_cli.cli.frame import command_app
from thidua_cli.cli.options import (
    CriteriaOption,
    CsvOption,
    DebugOption,
    FormatOption,
    JsonOption,
    LangOption,
    OutFileOption,
    OutputFormat,
    PeriodOption,
    UnitsOption,
    WorkbooksArgument,
    YearOption,
    output_format,
    period_of,
)
from thidua_cli.cli.tabular import CsvRows, render
from thidua_cli.files import Output, check_paths, write_failed
from thidua_cli.findings import WorkbookError
from thidua_cli.form.existing import is_report
from thidua_cli.messages import Messages
from thidua_cli.reports.score_json import score_document, status_text
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import Scores
from thidua_cli.scoring.results import Results, WorkbookResult
from thidua_cli.scoring.spool import ScoredSpool
from thidua_cli.text import printable
from thidua_cli.workflows.forms_period import check_year
from thidua_cli.workflows.score import ScoreRequest
from thidua_cli.workflows.score import score as score_workflow

TABLE_PAGE_ROWS = 200  # rows per printed table; memory stays flat for any number of files
SCORES_SUFFIXES = (".xlsx",)


def score(
    paths: WorkbooksArgument,
    criteria: CriteriaOption = None,
    format: FormatOption = None,
    json: JsonOption = False,
    csv: CsvOption = False,
    out: OutFileOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    units: UnitsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua score: its help is ``help.cmd.score``."""
    with guard(lang, debug) as messages:
        chosen = output_format(format, json, csv)
        check_year(year)
        check_paths(
            [*paths, criteria, units], [Output(out, SCORES_SUFFIXES, replaceable=is_report)]
        )
        request = ScoreRequest(paths, criteria, year, period_of(period), units)
        with progress_bar(messages("score.progress")) as progress:
            scored = score_workflow(request, progress, notifier(messages))
        with scored.results:
            _report(scored.results, scored.rubric, out, chosen, messages)
        if scored.mixed:
            print_findings(scored.mixed, messages, stderr())
        if scored.results.errors or scored.mixed:
            raise typer.Exit(1)


def _report(
    scored: ScoredSpool,
    rubric: Rubric,
    out: Path | None,
    chosen: OutputFormat,
    messages: Messages,
) -> None:
    if out is not None:
        try:
            from thidua_cli.reports.scores_xlsx import write_scores_xlsx  # openpyxl: when asked

            write_scores_xlsx(out, scored, rubric, messages)
        except OSError as exc:  # openpyxl's streamed writer raises the system's error
            raise WorkbookError(write_failed(out, exc)) from exc
    render(
        chosen,
        table=lambda: _print(scored, messages),
        document=lambda: score_document(scored, rubric, messages),
        rows=lambda: _csv_rows(scored, rubric),
    )
    summary = messages(
        "score.summary", count=len(scored), errors=scored.errors, warnings=scored.warnings
    )
    stderr().print(summary, markup=False)
    if out is not None:
        stderr().print(messages("score.written", path=str(out)), markup=False)


CSV_COLUMNS = ("file", "unit_id", "unit_name", "cluster", "year", "period", "ok")


def _csv_rows(results: Results, rubric: Rubric) -> CsvRows:
    """One row per workbook: its identity, both sides' sections and totals, its problems."""
    sections = [s.code for s in rubric.sections]
    header = [
        *CSV_COLUMNS,
        *(f"{side.json_key}_section_{code}" for side in Side for code in sections),
        *(f"{side.json_key}_total" for side in Side),
        "errors",
        "warnings",
    ]

    def rows() -> Iterator[list[object]]:
        for result in results:
            identity = result.identity
            row: list[object] = [result.file]
            if identity is None:
                row += [None] * 5
            else:
                row += [identity.unit_id, identity.unit_name, identity.cluster]
                row += [identity.year, identity.period]
            row.append(result.ok)
            side_scores = [result.scores.get(side) or Scores() for side in Side]
            row += [s.sections.get(code) for s in side_scores for code in sections]
            row += [s.total for s in side_scores]
            row += [result.errors, result.warnings]
            yield row

    return header, rows()


def _total(result: WorkbookResult, side: Side, messages: Messages) -> str:
    scores = result.scores.get(side)
    if scores is None or scores.total is None:
        return "—"
    return messages.number(scores.total)


def _print(results: Results, messages: Messages) -> None:
    """The scores table (in pages, so thousands of files never sit in one table), then the
    problems of each file."""
    out = stdout()
    page: list[WorkbookResult] = []
    for number, result in enumerate(results, start=1):
        page.append(result)
        if len(page) == TABLE_PAGE_ROWS or number == len(results):
            out.print(_table(page, number - len(page) + 1, number, len(results), messages))
            page = []
    for result in results:
        if result.problems:
            out.print()
            title = messages("score.problems.title", file=result.file)
            out.print(f"[bold]{escape(title)}[/]")
            print_findings(result.problems, messages, out, codes=True, indent="  ")


def _table(
    page: list[WorkbookResult], first: int, last: int, count: int, messages: Messages
) -> Table:
    key = "score.table.title.page" if count > TABLE_PAGE_ROWS else "score.table.title"
    table = Table(title=messages(key, count=count, first=first, last=last))
    for key in ("file", "unit", "self", "cluster", "status", "problems"):
        table.add_column(
            messages(f"score.col.{key}"),
            justify="right" if key in ("self", "cluster", "problems") else "left",
            overflow="fold",  # on a narrow terminal a long name folds, never cut with "…"
        )
    for result in page:
        identity = result.identity
        unit = f"{identity.unit_id} — {identity.unit_name}" if identity else "—"
        unit = printable(unit)
        style = (
            "red" if not result.ok else ("yellow" if not result.complete(Side.CLUSTER) else "green")
        )
        table.add_row(
            escape(printable(result.file)),
            escape(unit),
            _total(result, Side.SELF, messages),
            _total(result, Side.CLUSTER, messages),
            f"[{style}]{status_text(result, messages)}[/]",
            str(result.errors + result.warnings),
        )
    return table


app = command_app("score", score)
