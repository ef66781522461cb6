"""`thidua lock`: record the figures the cluster verified, for `rank --lock`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.cli.console import check_output_folder, guard, progress_bar, stderr
from thidua_cli.cli.options import (
    CriteriaOption,
    DebugOption,
    LangOption,
    PeriodChoice,
    PeriodOption,
    UnitsOption,
    WorkbooksArgument,
    YearOption,
)
from thidua_cli.workflows.lock import LockRequest
from thidua_cli.workflows.lock import lock as lock_workflow


def lock_command(
    paths: WorkbooksArgument,
    out: Annotated[
        Path,
        typer.Option("-o", "--out", help="Tệp khóa số liệu sẽ ghi (JSON).", show_default=False),
    ],
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = PeriodChoice.year,
    units: UnitsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Khóa số liệu đã đối chiếu thống nhất: ghi mọi ô nhập và điểm từng tiêu chí của hai bên.

    Từ chối khi còn bảng điểm có lỗi. Ví dụ: thidua lock returned/ -o verified.lock
    """
    with guard(lang, debug) as messages:
        check_output_folder(out)
        request = LockRequest(paths, out, criteria, year, period.period, units)
        with progress_bar(messages("score.progress")) as progress:
            sealed = lock_workflow(request, progress)
        stderr().print(
            messages("lock.written", count=len(sealed.units), path=out, digest=sealed.digest[:12]),
            markup=False,
        )
