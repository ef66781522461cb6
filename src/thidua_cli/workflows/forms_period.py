"""The year and period come from the forms themselves; ``--year``/``--period`` only filter.

``FormPeriods`` watches the results as they stream by and counts the years and periods the
forms carry; forms of two years (or two periods) in one run are a stop that names the option
to choose with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from thidua_cli.findings import Finding, UsageError, finding
from thidua_cli.rubric.sides import MAX_YEAR, MIN_YEAR, Period
from thidua_cli.scoring.results import WorkbookResult


def check_year(year: int | None) -> None:
    """A year the tool accepts: 2000 to 2100 (``--year -1`` or ``10**23`` is a typing slip)."""
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(finding("bad-year", year=str(year), low=MIN_YEAR, high=MAX_YEAR))


class FormPeriods:
    def __init__(self) -> None:
        self.years: Counter[int] = Counter()
        self.periods: Counter[str] = Counter()

    def watch(self, stream: Iterable[WorkbookResult]) -> Iterator[WorkbookResult]:
        for result in stream:
            if result.identity is not None:
                self.years[result.identity.year] += 1
                self.periods[result.identity.period] += 1
            yield result

    @property
    def year(self) -> int | None:
        """The one year every form carries (``None``: no form, or several years)."""
        return next(iter(self.years)) if len(self.years) == 1 else None

    @property
    def period(self) -> Period | None:
        """The one period every form carries (``None``: no form, or both)."""
        only = next(iter(self.periods)) if len(self.periods) == 1 else None
        return "half" if only == "half" else "year" if only == "year" else None

    def problems(self) -> list[Finding]:
        found = []
        if len(self.years) > 1:
            first = self.years.most_common(1)[0][0]
            found.append(
                finding("mixed-forms", variant="year", found=_counts(self.years), first=first)
            )
        if len(self.periods) > 1:
            found.append(finding("mixed-forms", variant="period", found=_counts(self.periods)))
        return found

    def check(self) -> None:
        problems = self.problems()
        if problems:
            raise UsageError(*problems)


def _counts(counter: Counter[int] | Counter[str]) -> str:
    """``2025 (3), 2026 (11)``: each value with its number of files, in any language."""
    return ", ".join(f"{value} ({count})" for value, count in sorted(counter.items()))
