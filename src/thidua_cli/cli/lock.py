"""`thidua lock`: record the figures the cluster verified in the record book (and a lock file)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from thidua_cli.cli.console import check_output_folder, guard, progress_bar, stderr, stdout
from thidua_cli.cli.options import (
    BookOption,
    CriteriaOption,
    DebugOption,
    ForceOption,
    LangOption,
    PeriodChoice,
    PeriodOption,
    UnitsOption,
    WorkbooksArgument,
    YearOption,
)
from thidua_cli.messages import Messages
from thidua_cli.ranking.records import LockRecord
from thidua_cli.workflows.lock import LockRequest
from thidua_cli.workflows.lock import lock as lock_workflow


def lock_command(
    paths: WorkbooksArgument,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            help="Xuất thêm tệp khóa số liệu (JSON) cho rank --lock; không ghi đè tệp đã có.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="Người khóa số liệu (ghi vào sổ thi đua).", show_default=False),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help="Lý do khóa lại đơn vị có số liệu khác lần khóa trước (bắt buộc khi đó).",
            show_default=False,
        ),
    ] = None,
    book: BookOption = None,
    force: ForceOption = False,
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = PeriodChoice.year,
    units: UnitsOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Khóa số liệu đã đối chiếu thống nhất: ghi mọi ô nhập và điểm từng tiêu chí của hai bên
    vào sổ thi đua.

    Từ chối khi còn bảng điểm có lỗi hoặc ô «Cụm đánh giá» còn trống; khóa lại đơn vị có số
    liệu khác lần trước cần --reason. Ví dụ: thidua lock returned/ --by "Nguyễn Văn A"
    -o verified.lock
    """
    with guard(lang, debug) as messages:
        check_output_folder(out)
        request = LockRequest(
            paths,
            out,
            criteria,
            year,
            period.period,
            units,
            book=book,
            by=by,
            reason=reason,
            force=force,
        )
        with progress_bar(messages("score.progress")) as progress:
            locked = lock_workflow(request, progress)
        stdout().print(lock_table(locked.records, locked.book, messages))
        print_recorded(locked.records, locked.book, messages)
        if out is not None:
            digest = locked.lock.digest[:12]
            stderr().print(messages("lock.written", path=out, digest=digest), markup=False)


def print_recorded(records: list[LockRecord], book: Path, m: Messages) -> None:
    """The one-line summary on stderr: how many units were new, locked again, unchanged."""
    counts = {s: sum(r.status == s for r in records) for s in ("new", "unchanged", "relocked")}
    stderr().print(m("lock.recorded", count=len(records), book=book, **counts), markup=False)


def lock_table(records: list[LockRecord], book: Path, m: Messages) -> Table:
    """Each unit's lock: new, again or unchanged, with the digest for its minutes."""
    table = Table(title=m("lock.table.title", book=book))
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
