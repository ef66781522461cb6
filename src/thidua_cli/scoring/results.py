"""What `score` hands to `lock`, `rank` and the reports: one result per workbook."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from msgspec import Struct, field

from thidua_cli.findings import Finding, Severity, has_errors
from thidua_cli.form.identity import Identity
from thidua_cli.rubric.formula import Value
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import Scores

# criterion code -> input name -> validated value (Decimal, or the canonical label)
SideInputs = dict[str, dict[str, Value]]


class WorkbookResult(Struct, weakref=True):
    """One workbook as ``score`` read it: its identity, both sides' inputs and scores, and
    its problems."""

    file: str
    identity: Identity | None = None
    inputs: dict[Side, SideInputs] = field(default_factory=dict)
    scores: dict[Side, Scores] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)
    # Why the file was set aside without a result (a report thidua wrote, in a folder of
    # returns): ``score_stream`` names it in its warning and yields no result for it.
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        """Warnings only: information (the cluster's blank cells, its to-do list) is neither."""
        return sum(p.severity is Severity.WARNING for p in self.problems)

    @property
    def unit_id(self) -> str | None:
        return self.identity.unit_id if self.identity else None

    def complete(self, side: Side) -> bool:
        """Every input ``side`` needs is filled and valid: its total is known."""
        scores = self.scores.get(side)
        return scores is not None and scores.complete


class Results(Protocol):
    """Results that can be read more than once: a list, or a ``spool.ScoredSpool`` on disk."""

    def __iter__(self) -> Iterator[WorkbookResult]: ...

    def __len__(self) -> int: ...
