"""Options shared by the commands, declared once as annotated types."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.rubric.sides import Period


class PeriodChoice(StrEnum):
    year = "year"
    half = "half"

    @property
    def period(self) -> Period:
        return "half" if self is PeriodChoice.half else "year"


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Ngôn ngữ thông báo: vi (mặc định) hoặc en; cũng đặt được bằng THIDUA_LANG.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON ra stdout.")]
CriteriaOption = Annotated[
    Path | None,
    typer.Option(
        "--criteria",
        help="Thư mục bộ tiêu chí (mặc định: bộ tiêu chí đi kèm).",
        show_default=False,
    ),
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Hiện traceback khi có lỗi.", hidden=True)
]
YearOption = Annotated[
    int | None,
    typer.Option(
        "--year", help="Năm của biểu mẫu (mặc định: năm của bộ tiêu chí).", show_default=False
    ),
]
PeriodOption = Annotated[
    PeriodChoice,
    typer.Option("--period", help="year: tổng kết năm; half: sơ kết 6 tháng đầu năm."),
]
WorkbooksArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Bảng điểm đơn vị gửi lại: tệp .xlsx hoặc thư mục.",
        metavar="PATH...",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Ghi đè các tệp đã có.")]
UnitsOption = Annotated[
    Path | None,
    typer.Option(
        "--units",
        help="Danh sách đơn vị (.yaml hoặc .xlsx): chấm đơn vị của cụm có bộ tiêu chí riêng "
        "theo bộ tiêu chí đó.",
        show_default=False,
    ),
]
BookOption = Annotated[
    Path | None,
    typer.Option(
        "--book",
        help="Sổ thi đua (tệp SQLite); mặc định THIDUA_BOOK, nếu không có thì so-thi-dua.sqlite "
        "ở thư mục hiện tại.",
        show_default=False,
    ),
]
