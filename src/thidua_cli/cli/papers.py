"""`thidua papers`: the year's papers as Word documents (Nghị định 30/2020/NĐ-CP layout)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.cli.console import guard, print_findings, progress_bar, stderr
from thidua_cli.cli.frame import command_app
from thidua_cli.cli.options import (
    BookOption,
    CriteriaOption,
    DebugOption,
    ElectedOption,
    ForceOption,
    LangOption,
    PeriodOption,
    WorkbooksArgument,
    YearOption,
    parse_elected,
    period_of,
)
from thidua_cli.files import check_paths, refuse_inputs
from thidua_cli.findings import Msg, Severity, UsageError, finding
from thidua_cli.messages import Messages
from thidua_cli.ranking.book import book_path
from thidua_cli.workflows.forms_period import check_year
from thidua_cli.workflows.papers import PapersRequest, PapersRun
from thidua_cli.workflows.papers import papers as papers_workflow

DEFAULT_FOLDER = Path("giay-to")
_VOTE = re.compile(r"^\s*([^=\s]+)\s*=\s*(\d{1,6})\s*$")
KINDS = ("verification", "meeting", "province_flag", "government_flag")


def parse_votes(given: list[str]) -> dict[str, int]:
    """``["BVDK=12", "BVNHI=3"]`` -> ``{"BVDK": 12, "BVNHI": 3}``; a malformed one is a usage
    error naming it."""
    votes: dict[str, int] = {}
    for text in given:
        match = _VOTE.match(text)
        if match is None:
            form = Msg("help.metavar.votes")  # the form the help page shows
            raise UsageError(finding("papers-bad-choice", option="--votes", value=text, form=form))
        unit, count = match.group(1), int(match.group(2))
        if unit in votes and votes[unit] != count:  # which count did the meeting give?
            raise UsageError(
                finding("papers-votes-twice", unit=unit, first=votes[unit], then=count)
            )
        votes[unit] = count
    return votes


def papers_command(
    paths: WorkbooksArgument,
    units: Annotated[Path, typer.Option("--units", show_default=False)],
    lock: Annotated[list[Path] | None, typer.Option("--lock", show_default=False)] = None,
    book: BookOption = None,
    out_dir: Annotated[Path, typer.Option("--out-dir")] = DEFAULT_FOLDER,
    place: Annotated[str | None, typer.Option("--place", show_default=False)] = None,
    day: Annotated[
        datetime | None,
        typer.Option("--date", formats=["%d/%m/%Y", "%Y-%m-%d"], show_default=False),
    ] = None,
    votes: Annotated[list[str] | None, typer.Option("--votes", show_default=False)] = None,
    elected: ElectedOption = None,
    next_head: Annotated[list[str] | None, typer.Option("--next-head", show_default=False)] = None,
    next_deputy: Annotated[
        list[str] | None, typer.Option("--next-deputy", show_default=False)
    ] = None,
    province_flag_total: Annotated[
        int | None, typer.Option("--province-flag-total", min=0, show_default=False)
    ] = None,
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    force: ForceOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua papers: its help is ``help.cmd.papers``."""
    with guard(lang, debug) as messages:
        check_year(year)
        read = [*paths, units, *(lock or ()), criteria]
        check_paths([*read, book_path(book), out_dir])
        refuse_inputs([out_dir], [path for path in read if path is not None])  # not among forms
        request = PapersRequest(
            paths=paths,
            units=units,
            locks=lock or (),
            book=book,
            out=out_dir,
            place=place,
            day=day.date() if day is not None else None,
            votes=parse_votes(votes or []),
            elected=parse_elected(elected or []),
            next_head=next_head or (),
            next_deputy=next_deputy or (),
            province_flag_total=province_flag_total,
            criteria=criteria,
            year=year,
            period=period_of(period),
            force=force,
        )
        with progress_bar(messages("score.progress")) as progress:
            run = papers_workflow(request, progress)
        report(run, messages)
        if run.ranking.has_errors:
            raise typer.Exit(1)


def report(run: PapersRun, m: Messages) -> None:
    """What was written, and what is still a draft or undecided (on stderr)."""
    console = stderr()
    count = sum(len(files) for files in run.files.values())
    console.print(m("papers.written", count=count, path=str(run.out)), markup=False)
    for kind in KINDS:
        console.print(
            f"  {m(f'papers.kind.{kind}', count=len(run.files.get(kind, [])))}", markup=False
        )
    for meeting in run.papers.meetings:
        chosen = meeting.election
        if chosen is None:
            continue
        if chosen.elected is None:
            console.print(m("papers.undecided", cluster=meeting.cluster.id), markup=False)
        elif chosen.provisional:
            console.print(
                m("papers.provisional", cluster=meeting.cluster.id, unit=chosen.elected.id),
                markup=False,
            )
    problems = [n for n in run.ranking.notes if n.severity is not Severity.INFO]
    print_findings(problems, m, console)


app = command_app("papers", papers_command)
