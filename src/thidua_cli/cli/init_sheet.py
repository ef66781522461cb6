"""`thidua init-sheet`: one official form (.xlsx) per unit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.cli.console import emit_json, guard, progress_bar, stderr
from thidua_cli.cli.options import (
    CriteriaOption,
    DebugOption,
    ForceOption,
    JsonOption,
    LangOption,
    PeriodChoice,
    PeriodOption,
)
from thidua_cli.reports import jsonout
from thidua_cli.workflows.init_sheets import InitSheetRequest, init_sheet


def init_sheet_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="Thư mục ghi các biểu mẫu.")],
    units: Annotated[
        Path | None,
        typer.Option("--units", help="Tệp danh sách đơn vị (YAML hoặc .xlsx).", show_default=False),
    ] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Với --units: mã cụm cần ghi. Với --unit-id: tên cụm của đơn vị.",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", help="Chỉ ghi đơn vị có mã này (lặp lại được).", show_default=False),
    ] = None,
    unit_id: Annotated[
        str | None,
        typer.Option("--unit-id", help="Mã đơn vị (ghi một biểu mẫu).", show_default=False),
    ] = None,
    unit_name: Annotated[
        str | None,
        typer.Option("--unit-name", help="Tên đơn vị (ghi một biểu mẫu).", show_default=False),
    ] = None,
    criteria: CriteriaOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="Năm thi đua (mặc định: năm của bộ tiêu chí).", show_default=False
        ),
    ] = None,
    period: PeriodOption = PeriodChoice.year,
    force: ForceOption = False,
    json: JsonOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Tạo biểu mẫu tự chấm điểm thi đua (.xlsx) cho từng đơn vị.

    Ví dụ: thidua init-sheet --units examples/units.yaml --out sheets/
    hoặc:  thidua init-sheet --unit-id BVDK --unit-name "Bệnh viện Đa khoa tỉnh"
           --cluster "Cụm thi đua số 1" --out sheets/
    """
    with guard(lang, debug) as messages:
        request = InitSheetRequest(
            out=out,
            units=units,
            cluster=cluster,
            unit_ids=unit or (),
            unit_id=unit_id,
            unit_name=unit_name,
            criteria=criteria,
            year=year,
            period=period.period,
            force=force,
        )
        with progress_bar(messages("sheet.progress"), min_files=2) as progress:
            paths = init_sheet(request, progress)
        if json:
            emit_json(jsonout.dumps({"out": str(out), "written": [str(p) for p in paths]}))
        else:
            for path in paths:
                sys.stdout.write(f"{path}\n")
        stderr().print(messages("sheet.written", count=len(paths), dir=out), markup=False)
