"""`thidua demo`: the year-end flow on the sample units, printed as `thidua rank` prints it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from thidua_cli.cli.common import DebugOption, LangOption, guard, stdout
from thidua_cli.cli.rank import render_ranking
from thidua_cli.demo import run_demo
from thidua_cli.messages import t


def demo_command(
    out: Annotated[
        Path, typer.Option("--out", help="Thư mục ghi các tệp của bản chạy thử.")
    ] = Path("thidua-demo"),
    force: Annotated[
        bool, typer.Option("--force", help="Ghi vào thư mục đã có dữ liệu khác.")
    ] = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Chạy thử cả năm trên các đơn vị mẫu: biểu mẫu, số liệu mẫu, chấm, khóa, xếp hạng.

    Ví dụ: thidua demo --out thidua-demo
    """
    with guard(lang, debug):
        run = run_demo(out, force)
        console = stdout()
        for line in (
            t("demo.step.forms", count=run.form_count, path=run.forms),
            t("demo.step.filled", path=run.returned),
            t("demo.step.lock", path=run.lock),
            t("demo.step.changed", unit=run.changed_unit, code=run.changed_code, path=run.returned),
            t("demo.step.rank"),
        ):
            console.print(Text(line, style="bold cyan"))
        console.print()
        render_ranking(run.ranking, console)
        console.print()
        console.print(
            Text(
                t(
                    "demo.files",
                    units=run.units,
                    forms=run.forms,
                    returned=run.returned,
                    lock=run.lock,
                    ranking=run.ranking_path,
                )
            )
        )
        console.print(
            Text(t("demo.next", returned=run.returned, units=run.units, lock=run.lock), style="dim")
        )
