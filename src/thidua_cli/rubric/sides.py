"""Who scores and for which period: words of the guidance, not of the workbook."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

Period = Literal["year", "half"]  # tổng kết năm, sơ kết 6 tháng
PERIODS: tuple[Period, ...] = ("year", "half")
MIN_YEAR, MAX_YEAR = 2000, 2100  # a competition year (``--year -1`` or ``10**23``: a slip)


class Side(StrEnum):
    """Who scores: the unit itself (``TU``, "Điểm tự chấm") or the cluster (``CUM``)."""

    SELF = "TU"
    CLUSTER = "CUM"

    @property
    def json_key(self) -> str:
        return "self" if self is Side.SELF else "cluster"
