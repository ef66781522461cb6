"""Points from inputs: every leaf by its formula, every group and section by capped sums."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from msgspec import Struct, field

from thidua_cli.rubric.formula import MissingInput, Value

if TYPE_CHECKING:  # ``Scores`` alone (the ranking, the book's history) needs no rubric
    from thidua_cli.rubric.model import Criterion, Rubric

# code -> input name -> value (Decimal for numbers, the canonical label for labels)
Inputs = Mapping[str, Mapping[str, Value]]


class Scores(Struct, frozen=True):
    """One side's points; ``None`` where an input is missing."""

    criteria: dict[str, Decimal | None] = field(default_factory=dict)
    sections: dict[str, Decimal | None] = field(default_factory=dict)
    total: Decimal | None = None

    @property
    def complete(self) -> bool:
        return self.total is not None


def capped_sum(parts: list[Decimal | None], cap: Decimal) -> Decimal | None:
    """A group's or section's points: the sum of its parts, never above its maximum."""
    if any(p is None for p in parts):
        return None
    return min(cap, sum((p for p in parts if p is not None), Decimal(0)))


def compute_scores(rubric: Rubric, inputs: Inputs) -> Scores:
    """Recompute every criterion, section and the total from ``inputs``."""
    points: dict[str, Decimal | None] = {}

    def visit(criterion: Criterion) -> Decimal | None:
        value: Decimal | None
        if criterion.is_group:
            value = capped_sum([visit(c) for c in criterion.children], criterion.max)
        else:
            try:
                value = criterion.evaluate(inputs.get(criterion.code, {}))
            except MissingInput:  # a blank input the formula needed (1.6 may skip its points)
                value = None
        points[criterion.code] = value
        return value

    sections = {s.code: capped_sum([visit(c) for c in s.criteria], s.max) for s in rubric.sections}
    parts = list(sections.values())
    complete = all(p is not None for p in parts)
    total = sum((p for p in parts if p is not None), Decimal(0)) if complete else None
    ordered = {c.code: points[c.code] for c in rubric.walk()}
    return Scores(criteria=ordered, sections=sections, total=total)
