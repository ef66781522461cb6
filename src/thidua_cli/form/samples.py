"""Sample inputs for forms: one generator for the demo, the tests and the benchmark.

``random_form`` gives uniformly random valid values, typed as spreadsheets store them (ints,
floats, labels; a percent as its fraction, 0.625 for 62.5 %); ``realistic_value`` and
``lowered`` give the demo's plausible figures (a unit scoring itself high, the cluster a
notch lower).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from decimal import Decimal

from thidua_cli.rubric.formula import FormulaError, Value
from thidua_cli.rubric.model import DONE, NO, NOT_DONE, YES, Criterion, InputKind, InputSpec, Rubric
from thidua_cli.rubric.sides import Side

# side -> criterion code -> input name -> raw cell value, as a user would have typed it
RawForm = dict[Side, dict[str, dict[str, object]]]

BOTH_SIDES = (Side.SELF, Side.CLUSTER)


def random_value(rng: random.Random, criterion: Criterion, spec: InputSpec) -> object:
    """One valid raw value for ``spec``, typed the way spreadsheets store it (int, float,
    Decimal for a percent's fraction, text)."""
    if spec.kind is InputKind.COUNT:
        return rng.randint(0, 40)
    if spec.kind is InputKind.POINTS:
        cents = rng.randint(0, int(criterion.max * 100))
        value = Decimal(cents) / 100
        # a float, as a spreadsheet stores it (test data, not a score)
        return int(value) if value == int(value) else cents / 100
    if spec.kind is InputKind.PERCENT:  # as a percent cell stores it: 62.5 % is 0.625
        percent = rng.choice([Decimal(rng.randint(0, 100)), Decimal(rng.randint(0, 1000)) / 10])
        return percent / 100
    return rng.choice(criterion.labels(spec))


def random_form(rubric: Rubric, seed: int, sides: Iterable[Side] = BOTH_SIDES) -> RawForm:
    """Random valid raw values for every input of ``sides`` (1.6's points blank when "Không")."""
    rng = random.Random(seed)
    form: RawForm = {}
    for side in sides:
        filled: dict[str, dict[str, object]] = {}
        for leaf in rubric.leaves():
            values = {spec.name: random_value(rng, leaf, spec) for spec in leaf.inputs}
            if values.get("has_projects") == NO:
                values.pop("points", None)
            elif "has_projects" in values:
                values["has_projects"] = rng.choice([YES, NO]) if rng.random() < 0.3 else YES
                if values["has_projects"] == NO:
                    values.pop("points", None)
            if values:
                filled[leaf.code] = values
        form[side] = filled
    return form


def rewards(leaf: Criterion, spec: InputSpec) -> bool:
    """Does a larger count raise the points (campaigns) or lower them (late tasks)?"""
    base: dict[str, Value] = {s.name: Decimal(0) for s in leaf.inputs if s.kind is InputKind.COUNT}
    try:
        low = leaf.evaluate(base)
        high = leaf.evaluate({**base, spec.name: Decimal(10)})
    except FormulaError:
        return False
    return high > low


def realistic_value(rng: random.Random, leaf: Criterion, spec: InputSpec) -> object:
    if spec.kind is InputKind.COUNT:
        return rng.randint(6, 30) if rewards(leaf, spec) else rng.choice([0, 0, 0, 1, 1, 2, 3])
    if spec.kind is InputKind.POINTS:
        share = Decimal(rng.randint(170, 200)) / 200  # 85 % to 100 % of the maximum
        return (leaf.max * share * 2).to_integral_value() / 2  # halves, as people score
    if spec.kind is InputKind.PERCENT:
        return Decimal(rng.randint(55, 100)) / 100  # a percent cell: 0.55 is 55 %
    if spec.kind is InputKind.YESNO:
        return YES if rng.random() < 0.8 else NO
    if spec.kind is InputKind.DONE:
        return DONE if rng.random() < 0.9 else NOT_DONE
    labels = leaf.labels(spec)
    return labels[0] if rng.random() < 0.6 else labels[1]


def lowered(leaf: Criterion, spec: InputSpec, value: object) -> object:
    """The cluster's view: a notch below the unit's own (never an invalid value)."""
    if spec.kind is InputKind.POINTS and isinstance(value, Decimal):
        return max(Decimal(0), value - Decimal("1.5"))
    if spec.kind is InputKind.COUNT and isinstance(value, int):
        return max(0, value - 2) if rewards(leaf, spec) else value + 1
    if spec.kind is InputKind.PERCENT and isinstance(value, Decimal):
        return max(Decimal(0), value - Decimal("0.1"))
    if spec.kind is InputKind.LEVEL:
        labels = leaf.labels(spec)
        return labels[min(labels.index(str(value)) + 1, len(labels) - 2)]
    return value
