"""The form's formulas: the rubric's, placed by the layout (leaves, groups, sections, total).

The form computes exactly what ``scoring.compute`` computes: leaves by their formula (from
the formula engine), groups and sections as capped sums, the total as the sum of sections.
"""

from __future__ import annotations

from thidua_cli.form.layout import Layout, SectionSheet
from thidua_cli.numbers import exact_text
from thidua_cli.rubric.model import Criterion
from thidua_cli.rubric.sides import Side


def points_formula(layout: Layout, side: Side, criterion: Criterion) -> str:
    """A leaf's formula from the formula engine; a group's capped sum of its children."""
    if criterion.is_group:
        parts = "+".join(layout.points_cell(side, c.code).absolute for c in criterion.children)
        return f"=MIN({exact_text(criterion.max)},{parts})"
    refs = {
        spec.name: layout.input_cell(side, criterion.code, spec.name).absolute
        for spec in criterion.inputs
    }
    return criterion.excel_formula(refs)


def section_formula(layout: Layout, side: Side, sheet: SectionSheet) -> str:
    parts = "+".join(layout.points_cell(side, c.code).absolute for c in sheet.section.criteria)
    return f"=MIN({exact_text(sheet.section.max)},{parts})"


def total_formula(layout: Layout, side: Side) -> str:
    return "=" + "+".join(
        layout.summary_cell(side, s.code).absolute for s in layout.rubric.sections
    )
