"""`thidua score`: recompute returned workbooks and report every problem with its cell."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from thidua_cli.cli.console import (
    check_output_folder,
    emit_json_document,
    guard,
    print_findings,
    progress_bar,
    stderr,
    stdout,
)
from thidua_cli.cli.options import (
    CriteriaOption,
    DebugOption,
    JsonOption,
    LangOption,
    PeriodChoice,
    PeriodOption,
    UnitsOption,
    WorkbooksArgument,
    YearOption,
)
from thidua_cli.findings import WorkbookError, finding
from thidua_cli.messages import Messages
from thidua_cli.numbers import plain
from thidua_cli.reports.score_json import score_document
from thidua_cli.reports.scores_xlsx import status_text, write_scores_xlsx
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.results import Results, WorkbookResult
from thidua_cli.scoring.spool import ScoredSpool
from thidua_cli.workflows.score import ScoreRequest
from thidua_cli.workflows.score import score as score_workflow

TABLE_PAGE_ROWS = 200  # rows per printed table; memory stays flat for any number of files

OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Ghi kết quả ra một bảng tính .xlsx (ví dụ scores.xlsx).",
        show_default=False,
    ),
]


def score(
    paths: WorkbooksArgument,
    criteria: CriteriaOption = None,
    json: JsonOption = False,
    out: OutOption = None,
    year: YearOption = None,
    period: PeriodOption = PeriodChoice.year,
    units: UnitsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Chấm lại các bảng tính đơn vị gửi về: kiểm tra từng ô, tính lại mọi điểm, báo mọi lỗi.

    Ví dụ: thidua score returned/ --out scores.xlsx
    """
    with guard(lang, debug) as messages:
        check_output_folder(out)
        request = ScoreRequest(paths, criteria, year, period.period, units)
        with progress_bar(messages("score.progress")) as progress:
            scored = score_workflow(request, progress)
        with scored.results:
            _report(scored.results, scored.rubric, out, json, messages)
        if scored.results.errors:
            raise typer.Exit(1)


def _report(
    scored: ScoredSpool, rubric: Rubric, out: Path | None, json: bool, messages: Messages
) -> None:
    if out is not None:
        try:
            write_scores_xlsx(out, scored, rubric, messages)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise WorkbookError(finding("write-failed", path=str(out), reason=reason)) from exc
    if json:
        emit_json_document(score_document(scored, rubric, messages))
    else:
        _print(scored, messages)
    summary = messages(
        "score.summary", count=len(scored), errors=scored.errors, warnings=scored.warnings
    )
    stderr().print(summary, markup=False)
    if out is not None:
        stderr().print(messages("score.written", path=out), markup=False)


def _total(result: WorkbookResult, side: Side) -> str:
    scores = result.scores.get(side)
    return plain(scores.total) if scores is not None and scores.total is not None else "—"


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
        )
    for result in page:
        identity = result.identity
        unit = f"{identity.unit_id} — {identity.unit_name}" if identity else "—"
        style = (
            "red" if not result.ok else ("yellow" if not result.complete(Side.CLUSTER) else "green")
        )
        table.add_row(
            escape(result.file),
            escape(unit),
            _total(result, Side.SELF),
            _total(result, Side.CLUSTER),
            f"[{style}]{status_text(result, messages)}[/]",
            str(len(result.problems)),
        )
    return table
