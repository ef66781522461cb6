"""`thidua init-sheet`: one official form (.xlsx) per unit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.cli.console import emit_json_document, guard, progress_bar, stderr, stdout
from thidua_cli.cli.frame import command_app
from thidua_cli.cli.options import (
    CriteriaOption,
    DebugOption,
    ForceOption,
    JsonOption,
    LangOption,
    OldOutDirOption,
    PeriodOption,
    UnitsOption,
    YearOption,
    period_of,
)
from thidua_cli.files import check_paths
from thidua_cli.text import printable
from thidua_cli.workflows.forms_period import check_year
from thidua_cli.workflows.init_sheets import InitSheetRequest, init_sheet

DEFAULT_FOLDER = Path("bieu-mau")


def init_sheet_command(
    out_dir: Annotated[Path, typer.Option("--out-dir")] = DEFAULT_FOLDER,
    units: UnitsOption = None,
    cluster: Annotated[str | None, typer.Option("--cluster", show_default=False)] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", show_default=False)] = None,
    unit_id: Annotated[str | None, typer.Option("--unit-id", show_default=False)] = None,
    unit_name: Annotated[str | None, typer.Option("--unit-name", show_default=False)] = None,
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = None,
    force: ForceOption = False,
    json: JsonOption = False,
    old_out: OldOutDirOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua init-sheet: its help is ``help.cmd.init-sheet``."""
    with guard(lang, debug) as messages:
        folder = old_out if old_out is not None else out_dir
        check_year(year)
        # every path usable (not too long); the forms never replace an input (workflow)
        check_paths([units, criteria, folder])
        request = InitSheetRequest(
            out=folder,
            units=units,
            cluster=cluster,
            unit_ids=unit or (),
            unit_id=unit_id,
            unit_name=unit_name,
            criteria=criteria,
            year=year,
            period=period_of(period),
            force=force,
        )
        with progress_bar(messages("sheet.progress"), min_files=2) as progress:
            written = init_sheet(request, progress)
        err = stderr()
        err.print(
            messages(f"sheet.year.{written.year_source}", year=written.year, source=str(units)),
            markup=False,
        )
        if json:
            paths = [str(p) for p in written.paths]
            document = {
                "out": str(folder),
                "year": written.year,
                "period": written.period,
                "written": paths,
            }
            emit_json_document(document)
        else:
            out = stdout()
            for path in written.paths:
                out.print(printable(str(path)), markup=False)
        err.print(
            messages("sheet.written", count=len(written.paths), dir=str(folder)), markup=False
        )


app = command_app("init-sheet", init_sheet_command)
