"""The printed form against the recomputation: formulas as written, cached values as scored.

Every computed cell (a criterion's points, a section's total, its copy on the summary sheet,
the grand total) must still hold the formula the form was written with (``formula-changed``
otherwise, compared through ``form.formulas.normalized``). Where it does and the program that
saved the file stored a value for it, that value is what the unit printed and signed: it must
equal the recomputation, or be empty where the recomputation has nothing
(``printout-differs``).

Cells are checked deepest first and a difference is reported at the deepest cell only: an
overwritten leaf also makes its group, its section and the total differ, and one finding per
cause is enough. A criterion whose inputs already have a problem at their own cell is
explained there, and so is everything above it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from thidua_cli.findings import Msg, Param
from thidua_cli.form.formulas import normalized
from thidua_cli.form.layout import Cell, Layout
from thidua_cli.form.reader import ErrorValue, RawCell, RawWorkbook
from thidua_cli.form.values import NotANumber, to_decimal
from thidua_cli.numbers import hundredths
from thidua_cli.rubric.model import Criterion
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import Scores
from thidua_cli.text import shown


def printed(cell: RawCell) -> Param:
    """What the printout shows in a computed cell, as a message parameter."""
    if not cell.cached:
        return Msg("score.printed.unknown")
    value = cell.value
    if value is None or (isinstance(value, str) and not value):
        return Msg("score.printed.blank")
    number = cached_number(value)
    if number is not None:
        return number
    return Msg("score.printed.value", {"value": shown(str(value))})


def cached_number(value: object) -> Decimal | None:
    if isinstance(value, bool | ErrorValue) or not isinstance(value, int | float | Decimal):
        return None
    try:
        return to_decimal(value)[0]
    except NotANumber:
        return None


class PrintoutCheck:
    """One side's computed cells against ``scores``; findings go to ``problem`` (the
    scorer's: ``problem(code, variant, cell, criterion, **params)``, located in its file)."""

    def __init__(
        self,
        raw: RawWorkbook,
        layout: Layout,
        formulas: Mapping[Cell, str],
        side: Side,
        scores: Scores,
        explained: set[str],
        problem: Callable[..., None],
    ) -> None:
        self.raw = raw
        self.layout = layout
        self.formulas = formulas
        self.side = side
        self.scores = scores
        self.explained = explained  # criteria whose inputs have a problem at their cell
        self.problem = problem

    def run(self) -> None:
        side, layout = self.side, self.layout
        summaries_bad = False
        for section in layout.rubric.sections:
            below = [self._criterion(c) for c in section.criteria]
            what = Msg("score.what.section", {"code": section.code})
            computed = self.scores.sections.get(section.code)
            bad = self._cell(
                layout.section_cell(side, section.code), computed, what, None, any(below)
            )
            bad = self._cell(layout.summary_cell(side, section.code), computed, what, None, bad)
            summaries_bad = summaries_bad or bad
        what = Msg("score.what.total")
        self._cell(layout.total_cell(side), self.scores.total, what, None, summaries_bad)

    def _criterion(self, criterion: Criterion) -> bool:
        below = [self._criterion(c) for c in criterion.children]
        cell = self.layout.points_cell(self.side, criterion.code)
        what = Msg("score.what.criterion", {"code": criterion.code})
        computed = self.scores.criteria.get(criterion.code)
        explained = any(below) or criterion.code in self.explained
        return self._cell(cell, computed, what, criterion.code, explained)

    def _cell(
        self, cell: Cell, computed: Decimal | None, what: Msg, code: str | None, explained: bool
    ) -> bool:
        """Check one computed cell; True when it (or what it depends on) is already reported."""
        raw = self.raw.cell(cell)
        if raw.formula is None:  # typed over, or emptied
            now = printed(raw) if raw.cached else Msg("score.printed.blank")
            self.problem("formula-changed", "deleted", cell, code, what=what, value=now)
            return True
        if normalized(raw.formula) != self.formulas[cell]:
            self.problem("formula-changed", None, cell, code, what=what, formula=shown(raw.formula))
            return True
        if explained:
            return True
        if not raw.cached:
            return False  # never calculated (a program wrote it): the spreadsheet will compute it
        if computed is None:  # the form shows "" where nothing can be computed
            same = raw.value is None or raw.value == ""
        else:
            number = cached_number(raw.value)
            same = number is not None and (
                number == computed or hundredths(number) == hundredths(computed)
            )
        if same:
            return False
        shown_computed: Param = computed if computed is not None else Msg("score.printed.blank")
        self.problem(
            "printout-differs",
            None,
            cell,
            code,
            what=what,
            printed=printed(raw),
            computed=shown_computed,
        )
        return True
