"""`thidua lock`: record the figures the cluster verified in the record book (and a lock file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from thidua_cli.cli.console import guard, notifier, progress_bar, stderr, stdout
from thidua_cli.cli.frame import command_app
from thidua_cli.cli.options import (
    BookOption,
    CriteriaOption,
    DebugOption,
    ForceOption,
    LangOption,
    OutFileOption,
    PeriodOption,
    UnitsOption,
    WorkbooksArgument,
    YearOption,
    period_of,
)
from thidua_cli.files import Output, check_paths
from thidua_cli.messages import Messages
from thidua_cli.ranking.book import SHORT_DIGEST, book_path
from thidua_cli.ranking.records import LockRecord
from thidua_cli.workflows.forms_period import check_year
from thidua_cli.workflows.lock import LockRequest
from thidua_cli.workflows.lock import lock as lock_workflow

LOCK_SUFFIXES = (".lock",)


def lock_command(
    paths: WorkbooksArgument,
    out: OutFileOption = None,
    by: Annotated[str | None, typer.Option("--by", show_default=False)] = None,
    reason: Annotated[str | None, typer.Option("--reason", show_default=False)] = None,
    book: BookOption = None,
    force: ForceOption = False,
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    units: UnitsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua lock: its help is ``help.cmd.lock``."""
    with guard(lang, debug) as messages:
        check_year(year)
        check_paths([*paths, criteria, units, book_path(book)], [Output(out, LOCK_SUFFIXES)])
        request = LockRequest(
            paths,
            out,
            criteria,
            year,
            period_of(period),
            units,
            book=book,
            by=by,
            reason=reason,
            force=force,
        )
        with progress_bar(messages("score.progress")) as progress:
            locked = lock_workflow(request, progress, notify=notifier(messages))
        stdout().print(lock_table(locked.records, locked.book, messages))
        print_recorded(locked.records, locked.book, messages)
        if out is not None:
            digest = locked.lock.digest[:SHORT_DIGEST]
            stderr().print(messages("lock.written", path=str(out), digest=digest), markup=False)


def print_recorded(records: list[LockRecord], book: Path, m: Messages) -> None:
    """The one-line summary on stderr: how many units were new, locked again, unchanged."""
    counts = {s: sum(r.status == s for r in records) for s in ("new", "unchanged", "relocked")}
    stderr().print(m("lock.recorded", count=len(records), book=str(book), **counts), markup=False)


def lock_table(records: list[LockRecord], book: Path, m: Messages) -> Table:
    """Each unit's lock: new, again or unchanged, with the digest for its minutes."""
    table = Table(title=m("lock.table.title", book=str(book)))
    for key in ("unit", "status", "digest", "date"):
        table.add_column(m(f"lock.col.{key}"))
    for record in records:
        table.add_row(
            Text(record.unit_id),
            m(f"lock.status.{record.status}"),
            record.entry.short,
            record.entry.date,
        )
    return table


app = command_app("lock", lock_command)
