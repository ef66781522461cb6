"""`thidua score`: recompute returned workbooks and report every problem with its cell."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from thidua_cli.cli.common import (
    CriteriaOption,
    DebugOption,
    JsonOption,
    LangOption,
    check_output_folder,
    emit_json_document,
    guard,
    progress_bar,
    stderr,
    stdout,
)
from thidua_cli.errors import UsageError, WorkbookError
from thidua_cli.identity import Period
from thidua_cli.layout import Side
from thidua_cli.messages import t
from thidua_cli.numbers import plain
from thidua_cli.problems import Problem
from thidua_cli.results import Results, WorkbookResult
from thidua_cli.rubric import Rubric, load_rubric
from thidua_cli.score_report import score_document, status_text, write_scores_xlsx
from thidua_cli.scoring import expand_paths, score_stream
from thidua_cli.spool import ScoredSpool

TABLE_PAGE_ROWS = 200  # rows per printed table; memory stays flat for any number of files

PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Tệp bảng tính hoặc thư mục chứa các bảng tính đơn vị gửi lại.", show_default=False
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        help="Ghi kết quả ra một bảng tính .xlsx (ví dụ scores.xlsx).",
        show_default=False,
    ),
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        help="Năm của biểu mẫu cần chấm (mặc định: năm của bộ tiêu chí).",
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str,
    typer.Option("--period", help="Kỳ chấm: year (cả năm, mặc định) hoặc half (sơ kết 6 tháng)."),
]


def score(
    paths: PathsArgument,
    criteria: CriteriaOption = None,
    json: JsonOption = False,
    out: OutOption = None,
    year: YearOption = None,
    period: PeriodOption = "year",
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Chấm lại các bảng tính đơn vị gửi về: kiểm tra từng ô, tính lại mọi điểm, báo mọi lỗi.

    Ví dụ: thidua score returned/ --out scores.xlsx
    """
    with guard(lang, debug):
        if period not in ("year", "half"):
            raise UsageError(t("score.bad-period", period=period))
        if criteria is not None and not criteria.exists():
            raise UsageError(t("path.missing", path=criteria))
        check_output_folder(out)
        rubric = load_rubric(criteria)
        files = expand_paths(paths)
        chosen: Period = "half" if period == "half" else "year"
        with progress_bar() as progress:
            stream = score_stream(files, rubric, year=year, period=chosen, progress=progress)
            with closing(stream):
                scored = ScoredSpool.of(stream)
        with scored:
            _report(scored, rubric, out, json)
        if scored.errors:
            raise typer.Exit(1)


def _report(scored: ScoredSpool, rubric: Rubric, out: Path | None, json: bool) -> None:
    if out is not None:
        try:
            write_scores_xlsx(out, scored, rubric)
        except OSError as exc:
            raise WorkbookError(t("write.failed", path=out, reason=exc.strerror or exc)) from exc
    if json:
        emit_json_document(score_document(scored, rubric))
    else:
        _print(scored)
    summary = t("score.summary", count=len(scored), errors=scored.errors, warnings=scored.warnings)
    stderr().print(summary, markup=False)
    if out is not None:
        stderr().print(t("score.written", path=out), markup=False)


def _total(result: WorkbookResult, side: Side) -> str:
    scores = result.scores.get(side)
    return plain(scores.total) if scores is not None and scores.total is not None else "—"


def _print(results: Results) -> None:
    """The scores table (in pages, so thousands of files never sit in one table), then the
    problems of each file."""
    out = stdout()
    page: list[WorkbookResult] = []
    for number, result in enumerate(results, start=1):
        page.append(result)
        if len(page) == TABLE_PAGE_ROWS or number == len(results):
            out.print(_table(page, number - len(page) + 1, number, len(results)))
            page = []
    for result in results:
        if result.problems:
            out.print()
            out.print(f"[bold]{_plain(t('score.problems.title', file=result.file))}[/]")
            for problem in result.problems:
                _print_problem(problem)


def _table(page: list[WorkbookResult], first: int, last: int, count: int) -> Table:
    key = "score.table.title.page" if count > TABLE_PAGE_ROWS else "score.table.title"
    table = Table(title=t(key, count=count, first=first, last=last))
    for key in ("file", "unit", "self", "cluster", "status", "problems"):
        table.add_column(
            t(f"score.col.{key}"),
            justify="right" if key in ("self", "cluster", "problems") else "left",
        )
    for result in page:
        identity = result.identity
        unit = f"{identity.unit_id} — {identity.unit_name}" if identity else "—"
        style = (
            "red" if not result.ok else ("yellow" if not result.complete(Side.CLUSTER) else "green")
        )
        table.add_row(
            _plain(result.file),
            _plain(unit),
            _total(result, Side.SELF),
            _total(result, Side.CLUSTER),
            f"[{style}]{status_text(result)}[/]",
            str(len(result.problems)),
        )
    return table


def _print_problem(problem: Problem) -> None:
    out = stdout()
    label = t("error.prefix") if problem.is_error else t("warning.prefix")
    style = "bold red" if problem.is_error else "yellow"
    out.print(f"  [{style}]{label}[/] [dim]\\[{problem.code}][/] ", end="")
    out.print(problem.message, markup=False)


def _plain(text: str) -> str:
    """User text inside rich markup: escaped, so "[red]" in a unit name stays text."""
    return escape(text)
