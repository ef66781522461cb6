"""Validation problems are data: a slug code, a severity, a location and a message."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Problem(BaseModel):
    """One finding; ``message`` is already in the user's language."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    criterion: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``'Phần 1'!F12`` style, or what is known of it."""
        if self.sheet and self.cell:
            return f"'{self.sheet}'!{self.cell}"
        return self.cell or self.sheet or ""


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)
