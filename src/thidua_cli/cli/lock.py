"""`thidua lock`: record the figures the cluster verified, for `rank --lock`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.cli.console import guard, progress_bar, stderr
from thidua_cli.cli.options import (
    CriteriaOption,
    DebugOption,
    LangOption,
    PeriodOption,
    UnitsOption,
    WorkbooksArgument,
    YearOption,
    period_of,
)
from thidua_cli.files import Output, check_paths
from thidua_cli.workflows.forms_period import check_year
from thidua_cli.workflows.lock import LockRequest
from thidua_cli.workflows.lock import lock as lock_workflow

LOCK_SUFFIXES = (".lock",)


def lock_command(
    paths: WorkbooksArgument,
    out: Annotated[Path, typer.Option("-o", "--out", show_default=False)],
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
        inputs = [*paths, *([criteria] if criteria else []), *([units] if units else [])]
        check_paths(inputs, [Output(out, LOCK_SUFFIXES)])
        request = LockRequest(paths, out, criteria, year, period_of(period), units)
        with progress_bar(messages("score.progress")) as progress:
            sealed = lock_workflow(request, progress)
        stderr().print(
            messages(
                "lock.written", count=len(sealed.units), path=str(out), digest=sealed.digest[:12]
            ),
            markup=False,
        )
