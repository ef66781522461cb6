"""The rubric as plain data (``criteria show --json``): every criterion, flat, in order."""

from __future__ import annotations

from typing import Any

from thidua_cli.rubric.model import Criterion, Rubric


def describe(rubric: Rubric) -> dict[str, Any]:
    """The rubric as plain data (``criteria show --json``): every criterion, flat, in order."""

    def entry(criterion: Criterion, section: str, parent: str | None) -> dict[str, Any]:
        return {
            "code": criterion.code,
            "title": criterion.title,
            "max": criterion.max,
            "section": section,
            "parent": parent,
            "group": criterion.is_group,
            "children": [c.code for c in criterion.children],
            "inputs": [
                {
                    "name": spec.name,
                    "kind": spec.kind.value,
                    "label": spec.label,
                    "labels": list(criterion.labels(spec)),
                }
                for spec in criterion.inputs
            ],
            "levels": [lv.model_dump() for lv in criterion.levels],
            "formula": criterion.formula,
        }

    criteria: list[dict[str, Any]] = []

    def visit(criterion: Criterion, section: str, parent: str | None) -> None:
        criteria.append(entry(criterion, section, parent))
        for child in criterion.children:
            visit(child, section, criterion.code)

    for section in rubric.sections:
        for criterion in section.criteria:
            visit(criterion, section.code, None)
    return {
        "rubric": {
            "id": rubric.id,
            "title": rubric.meta.title,
            "issuer": rubric.meta.issuer,
            "document": rubric.meta.document,
            "year": rubric.meta.year,
            "declared_total": rubric.meta.declared_total,
            "max_total": rubric.max_total,
            "digest": rubric.digest(),
        },
        "sections": [{"code": s.code, "title": s.title, "max": s.max} for s in rubric.sections],
        "criteria": criteria,
    }
