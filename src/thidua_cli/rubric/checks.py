"""`criteria check`: where a rubric contradicts itself; whether a cluster rubric fits its base."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from thidua_cli.findings import Finding, Param, Severity, finding
from thidua_cli.rubric.model import Criterion, Rubric, Section

# The guidance (IV.2) lets a cluster concretise sections 1 and 2 only.
ADAPTABLE_SECTIONS = frozenset({"1", "2"})


class CheckReport(Struct, frozen=True):
    """What ``criteria check`` found: the rubric, its problems and its attainable total."""

    rubric: Rubric
    problems: list[Finding]
    attainable_total: Decimal

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def _finding(slug: str, criterion: str | None, params: Mapping[str, Any]) -> Finding:
    return finding(slug, criterion=criterion, **params)


def check_rubric(rubric: Rubric, base: Rubric | None = None) -> CheckReport:
    problems: list[Finding] = []
    if rubric.meta.declared_total != rubric.max_total:
        problems.append(
            _finding(
                "total-mismatch",
                None,
                {"declared": rubric.meta.declared_total, "actual": rubric.max_total},
            )
        )
    reach = Decimal(0)
    for section in rubric.sections:
        problems += _check_parts(section.code, section.max, section.criteria)
        reach += min(section.max, sum((_reach(c, problems) for c in section.criteria), Decimal(0)))
    if base is not None:
        # A cluster's own criterion gives at most its maximum (guidance IV.2: within the
        # points): its scores would otherwise pass a printed maximum without a word.
        problems = [
            replace(p, severity=Severity.ERROR) if p.code == "exceeds-max" else p for p in problems
        ]
        problems += _check_against_base(rubric, base)
    return CheckReport(rubric=rubric, problems=problems, attainable_total=reach)


def _check_parts(code: str, maximum: Decimal, parts: Sequence[Criterion]) -> list[Finding]:
    children = sum((c.max for c in parts), Decimal(0))
    params: dict[str, Param] = {"code": code, "children": children, "max": maximum}
    if children > maximum:
        return [_finding("children-exceed-max", code, params)]
    if children < maximum:
        return [_finding("children-below-max", code, params)]
    return []


def _reach(criterion: Criterion, problems: list[Finding]) -> Decimal:
    """The highest points ``criterion`` can get; appends findings on the way."""
    if criterion.is_group:
        problems += _check_parts(criterion.code, criterion.max, criterion.children)
        parts = sum((_reach(c, problems) for c in criterion.children), Decimal(0))
        return min(criterion.max, parts)
    span = criterion.attainable()
    params: dict[str, Param] = {"code": criterion.code, "max": criterion.max}
    if span.lo < 0:
        low = {**params, "low": _shown(span.lo)}
        problems.append(_finding("negative-points", criterion.code, low))
    if span.hi > criterion.max:
        problems.append(
            _finding("exceeds-max", criterion.code, {**params, "reach": _shown(span.hi)})
        )
    elif span.hi < criterion.max:
        problems.append(_finding("unreachable-max", criterion.code, {**params, "reach": span.hi}))
    return min(span.hi, criterion.max)


def _shown(value: Decimal) -> Param:
    return "∞" if not value.is_finite() else value


def _check_against_base(rubric: Rubric, base: Rubric) -> list[Finding]:
    """Guidance IV.2: sections 1 and 2 may be concretised or extended, each within its total;
    nothing else may change; and all the cluster's members must have agreed."""
    problems: list[Finding] = []
    mine = {s.code: s for s in rubric.sections}
    theirs_codes = {s.code for s in base.sections}
    for theirs in base.sections:
        section = mine.get(theirs.code)
        if section is None:
            problems.append(_finding("base-section-missing", theirs.code, {"code": theirs.code}))
        elif theirs.code in ADAPTABLE_SECTIONS:
            problems += _check_adapted(section, theirs)
        elif section != theirs:
            what = ", ".join(_differences(section, theirs)) or theirs.code
            params = {"code": theirs.code, "what": what}
            problems.append(_finding("base-section3-changed", theirs.code, params))
    for code in sorted(mine.keys() - theirs_codes):
        problems.append(_finding("base-section-extra", code, {"code": code}))
    if rubric.meta.agreement is None and rubric.digest() != base.digest():
        problems.append(_finding("base-no-agreement", None, {"id": rubric.id}))
    return problems


def _check_adapted(section: Section, base: Section) -> list[Finding]:
    """An adapted section 1 or 2: its maximum and its criteria within the base's total."""
    problems: list[Finding] = []
    if section.max > base.max:
        params = {"code": base.code, "max": section.max, "base_max": base.max}
        problems.append(_finding("base-section-max", base.code, params))
    children = sum((c.max for c in section.criteria), Decimal(0))
    if children > base.max:
        params = {"code": base.code, "children": children, "base_max": base.max}
        problems.append(_finding("base-section-over", base.code, params))
    return problems


def _differences(section: Section, base: Section) -> list[str]:
    if section.max != base.max or section.title != base.title:
        return [section.code]
    mine = {c.code: c.model_dump(exclude={"children"}) for c in section.walk()}
    theirs = {c.code: c.model_dump(exclude={"children"}) for c in base.walk()}
    codes = sorted(mine.keys() | theirs.keys())
    return [code for code in codes if mine.get(code) != theirs.get(code)]
