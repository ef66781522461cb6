"""`thidua demo`: the year-end flow on the sample units, printed as `thidua rank` prints it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from thidua_cli.cli.console import guard, stdout
from thidua_cli.cli.options import DebugOption, LangOption
from thidua_cli.cli.ranking_table import render_ranking
from thidua_cli.reports.ranking_xlsx import write_ranking_xlsx
from thidua_cli.workflows.demo import run_demo
from thidua_cli.workflows.papers import DEMO_FOLDER, demo_papers


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
    with guard(lang, debug) as messages:
        run = run_demo(out, force)
        write_ranking_xlsx(run.ranking_path, run.ranking, messages)
        papers = demo_papers(run.out, run.ranking, run.units, run.lock)
        console = stdout()
        for line in (
            messages("demo.step.forms", count=run.form_count, path=run.forms),
            messages("demo.step.filled", path=run.returned),
            messages("demo.step.lock", path=run.lock),
            messages(
                "demo.step.changed", unit=run.changed_unit, code=run.changed_code, path=run.returned
            ),
            messages("demo.step.rank"),
            messages(
                "demo.step.vote",
                elected=" ".join(f"--elected {c}={u}" for c, u in run.elected.items()),
            ),
        ):
            console.print(Text(line, style="bold cyan"))
        console.print()
        render_ranking(run.ranking, console, messages)
        console.print()
        console.print(
            Text(
                messages(
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
            Text(
                messages(
                    "papers.demo", count=sum(map(len, papers.values())), path=run.out / DEMO_FOLDER
                )
            )
        )
        console.print(
            Text(
                messages("demo.next", returned=run.returned, units=run.units, lock=run.lock),
                style="dim",
            )
        )
