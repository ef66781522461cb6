"""`thidua score`: recompute returned workbooks and report every problem with its cell."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from thidua_cli import jsonout
from thidua_cli.cli.common import (
    CriteriaOption,
    DebugOption,
    JsonOption,
    LangOption,
    emit_json,
    guard,
    stderr,
    stdout,
)
from thidua_cli.errors import UsageError, WorkbookError
from thidua_cli.identity import Period
from thidua_cli.layout import Side
from thidua_cli.messages import t
from thidua_cli.numbers import plain
from thidua_cli.problems import Problem
from thidua_cli.results import WorkbookResult
from thidua_cli.rubric import load_rubric
from thidua_cli.score_report import score_json, status_text, write_scores_xlsx
from thidua_cli.scoring import Progress as ProgressCallback
from thidua_cli.scoring import expand_paths, score_paths

PROGRESS_MIN_FILES = 20

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
        rubric = load_rubric(criteria)
        files = expand_paths(paths)
        chosen: Period = "half" if period == "half" else "year"
        with _progress(len(files)) as progress:
            results = score_paths(files, rubric, year=year, period=chosen, progress=progress)
        if out is not None:
            try:
                write_scores_xlsx(out, results, rubric)
            except OSError as exc:
                raise WorkbookError(
                    t("write.failed", path=out, reason=exc.strerror or exc)
                ) from exc
        if json:
            emit_json(jsonout.dumps(score_json(results, rubric)))
        else:
            _print(results)
        errors = sum(p.is_error for r in results for p in r.problems)
        warnings = sum(len(r.problems) for r in results) - errors
        stderr().print(
            t("score.summary", count=len(results), errors=errors, warnings=warnings), markup=False
        )
        if out is not None:
            stderr().print(t("score.written", path=out), markup=False)
        if errors:
            raise typer.Exit(1)


@contextmanager
def _progress(total: int) -> Iterator[ProgressCallback | None]:
    """A bar on stderr for many files, only when stderr is a terminal."""
    if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
        yield None
        return
    with Progress(
        TextColumn(t("score.progress")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=stderr(),
        transient=True,
    ) as bar:
        task = bar.add_task("score", total=total)

        def advance(done: int, _total: int) -> None:
            bar.update(task, completed=done)

        yield advance


def _total(result: WorkbookResult, side: Side) -> str:
    scores = result.scores.get(side)
    return plain(scores.total) if scores is not None and scores.total is not None else "—"


def _print(results: list[WorkbookResult]) -> None:
    out = stdout()
    table = Table(title=t("score.table.title", count=len(results)))
    for key in ("file", "unit", "self", "cluster", "status", "problems"):
        table.add_column(
            t(f"score.col.{key}"),
            justify="right" if key in ("self", "cluster", "problems") else "left",
        )
    for result in results:
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
    out.print(table)
    for result in results:
        if result.problems:
            out.print()
            out.print(f"[bold]{_plain(t('score.problems.title', file=result.file))}[/]")
            for problem in result.problems:
                _print_problem(problem)


def _print_problem(problem: Problem) -> None:
    out = stdout()
    label = t("error.prefix") if problem.is_error else t("warning.prefix")
    style = "bold red" if problem.is_error else "yellow"
    out.print(f"  [{style}]{label}[/] [dim]\\[{problem.code}][/] ", end="")
    out.print(problem.message, markup=False)


def _plain(text: str) -> str:
    """User text inside rich markup: escaped, so "[red]" in a unit name stays text."""
    return escape(text)
