"""`thidua init-sheet`: one official form (.xlsx) per unit."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua_cli import jsonout
from thidua_cli.cli.common import (
    CriteriaOption,
    DebugOption,
    JsonOption,
    LangOption,
    emit_json,
    guard,
    progress_bar,
    stderr,
)
from thidua_cli.errors import UsageError
from thidua_cli.init_sheets import choose_units, init_sheets, single_unit
from thidua_cli.messages import t
from thidua_cli.rubric import load_rubric
from thidua_cli.units import Cluster, Unit, load_units


class PeriodChoice(StrEnum):
    YEAR = "year"
    HALF = "half"


def init_sheet(
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
    period: Annotated[
        PeriodChoice,
        typer.Option("--period", help="year: tổng kết năm; half: sơ kết 6 tháng đầu năm."),
    ] = PeriodChoice.YEAR,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè các tệp đã có.")] = False,
    json: JsonOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Tạo biểu mẫu tự chấm điểm thi đua (.xlsx) cho từng đơn vị.

    Ví dụ: thidua init-sheet --units examples/units.yaml --out sheets/
    hoặc:  thidua init-sheet --unit-id BVDK --unit-name "Bệnh viện Đa khoa tỉnh"
           --cluster "Cụm thi đua số 1" --out sheets/
    """
    with guard(lang, debug):
        chosen = _chosen_units(units, cluster, unit or [], unit_id, unit_name)
        if criteria is not None and not criteria.exists():
            raise UsageError(t("path.missing", path=criteria))
        rubric = load_rubric(criteria)
        with progress_bar("sheet.progress", min_files=2) as progress:
            paths = init_sheets(
                rubric, chosen, out, year or rubric.meta.year, period.value, force, progress
            )
        if json:
            emit_json(jsonout.dumps({"out": str(out), "written": [str(p) for p in paths]}))
        else:
            for path in paths:
                sys.stdout.write(f"{path}\n")
        stderr().print(t("sheet.written", count=len(paths), dir=out), markup=False)


def _chosen_units(
    units: Path | None,
    cluster: str | None,
    unit_ids: list[str],
    unit_id: str | None,
    unit_name: str | None,
) -> list[tuple[Cluster, Unit]]:
    single = unit_id is not None or unit_name is not None
    if units is not None:
        if single:
            raise UsageError(t("sheet.mixed_modes"))
        return choose_units(load_units(units), units, cluster, unit_ids)
    if not single:
        raise UsageError(t("sheet.no_units"))
    missing = [
        name
        for name, value in (
            ("--unit-id", unit_id),
            ("--unit-name", unit_name),
            ("--cluster", cluster),
        )
        if not value
    ]
    if missing or unit_id is None or unit_name is None or cluster is None:
        raise UsageError(t("sheet.single_missing", options=", ".join(missing)))
    return [single_unit(unit_id, unit_name, cluster)]
