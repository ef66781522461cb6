"""The guidance's deadlines (I.3.3, I.3.4): each period's meeting is held before a given day.

"Hội nghị sơ kết 6 tháng đầu năm … Thời gian hoàn thành: Trước ngày 30 tháng 7";
"Tổng kết hoạt động của cụm thi đua … Thời gian hoàn thành: trước ngày 20 tháng 01" (of the
year after the competition year).
"""

from __future__ import annotations

from datetime import date

from thidua_cli.rubric.sides import Period


def deadline(year: int, period: Period) -> date:
    """The day the period's meeting must come before (that day itself is already late)."""
    if period == "half":
        return date(year, 7, 30)
    return date(year + 1, 1, 20)


def is_late(year: int, period: Period, today: date) -> bool:
    return today >= deadline(year, period)


def deadline_text(year: int, period: Period) -> str:
    """``20/01/2021``: the day as Vietnamese documents write it."""
    return deadline(year, period).strftime("%d/%m/%Y")
