"""The rubric: sections, criteria (groups and leaves), their inputs, levels and formulas.

Validation errors raised here are ``PydanticCustomError``s whose type is a message key and
whose context holds its parameters; ``loader`` turns them into located findings.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from thidua_cli.findings import Msg
from thidua_cli.rubric import formula
from thidua_cli.rubric.formula import Compiled, Domain, Interval, Node, Value
from thidua_cli.rubric.sides import MAX_YEAR, MIN_YEAR

DEFAULT_RUBRIC_ID = "syt-thanh-hoa-2020"


def invalid(key: str, **params: Any) -> PydanticCustomError:
    """A validation error whose message is the catalog entry ``key`` (see ``loader``)."""
    return PydanticCustomError(key, key, params)


class InputKind(StrEnum):
    COUNT = "count"
    POINTS = "points"
    PERCENT = "percent"
    YESNO = "yes/no"
    LEVEL = "level"
    DONE = "done"


YES, NO = "Có", "Không"
DONE, NOT_DONE = "Đã thực hiện", "Chưa thực hiện"
FIXED_LABELS: dict[InputKind, tuple[str, ...]] = {
    InputKind.YESNO: (YES, NO),
    InputKind.DONE: (DONE, NOT_DONE),
}
LABEL_KINDS = frozenset({InputKind.YESNO, InputKind.DONE, InputKind.LEVEL})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class InputSpec(_Model):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)
    kind: InputKind
    label: str = ""


class LevelSpec(_Model):
    label: str = Field(min_length=1)
    points: Decimal = Field(ge=0)
    added: bool = False  # not in the guidance: the 0-point level below its lowest


class Criterion(_Model):
    code: str = Field(pattern=r"^\d+(\.[0-9a-z]+)+$")
    title: str = Field(min_length=1)
    max: Decimal = Field(ge=0)
    inputs: tuple[InputSpec, ...] = ()
    levels: tuple[LevelSpec, ...] = ()
    formula: str | None = None
    children: tuple[Criterion, ...] = ()
    note: str | None = None

    # The parsed formula. (Inside this class ``formula`` is the field, so annotations name
    # the formula module's types directly.)
    _tree: Node | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check(self) -> Criterion:
        if self.children:
            if self.formula is not None or self.inputs or self.levels:
                raise invalid("rubric.group_with_formula", code=self.code)
            for child in self.children:
                if not child.code.startswith(self.code + "."):
                    raise invalid("rubric.child_code", code=child.code, parent=self.code)
            return self
        if self.formula is None:
            raise invalid("rubric.no_formula", code=self.code)
        try:
            tree = formula.parse(self.formula)
            self._check_inputs(tree)
            self._tree = tree
            self.attainable()  # text where a number is needed, ordering labels, ...
        except formula.FormulaError as exc:
            raise invalid(
                "rubric.bad_formula", code=self.code, reason=Msg(exc.key, exc.params)
            ) from exc
        return self

    def _check_inputs(self, tree: Node) -> None:
        declared = {i.name: i for i in self.inputs}
        if len(declared) != len(self.inputs):
            raise invalid("rubric.duplicate_input", code=self.code)
        unknown = sorted(formula.names(tree) - declared.keys())
        if unknown:
            raise invalid("rubric.unknown_input", code=self.code, names=", ".join(unknown))
        for name in formula.level_names(tree):
            if declared[name].kind is not InputKind.LEVEL:
                raise invalid("rubric.level_not_level", code=self.code, name=name)
        has_level_input = any(i.kind is InputKind.LEVEL for i in self.inputs)
        if has_level_input and not self.levels:
            raise invalid("rubric.no_levels", code=self.code)
        if self.levels and not has_level_input:
            raise invalid("rubric.levels_unused", code=self.code)
        labels = [lv.label for lv in self.levels]
        if len(set(labels)) != len(labels):
            raise invalid("rubric.duplicate_level", code=self.code)
        for name, label in formula.compared_texts(tree):
            if label not in self.labels(declared[name]):
                raise invalid("rubric.unknown_label", code=self.code, name=name, label=label)

    # --- derived views ------------------------------------------------------------------

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    @property
    def tree(self) -> Node:
        assert self._tree is not None, "groups have no formula"
        return self._tree

    def labels(self, spec: InputSpec) -> tuple[str, ...]:
        """The labels a label input accepts, in display order (empty for numbers)."""
        if spec.kind is InputKind.LEVEL:
            return tuple(lv.label for lv in self.levels)
        return FIXED_LABELS.get(spec.kind, ())

    def level_tables(self) -> dict[str, dict[str, Decimal]]:
        table = {lv.label: lv.points for lv in self.levels}
        return {i.name: table for i in self.inputs if i.kind is InputKind.LEVEL}

    def domain(self, spec: InputSpec) -> Domain:
        """What ``spec`` may hold once validated."""
        zero = Decimal(0)
        if spec.kind is InputKind.COUNT:
            return Domain(Interval(zero, formula.INF))
        if spec.kind is InputKind.POINTS:
            return Domain(Interval(zero, self.max))
        if spec.kind is InputKind.PERCENT:
            return Domain(Interval(zero, Decimal(100)))
        return Domain(labels=self.labels(spec))

    def attainable(self) -> Interval:
        """The range this leaf's formula can reach over its inputs' domains."""
        domains = {i.name: self.domain(i) for i in self.inputs}
        return formula.attainable(self.tree, domains, self.level_tables())

    def evaluate(self, values: Mapping[str, Value]) -> Decimal:
        return self.compiled(values)

    @functools.cached_property
    def compiled(self) -> Compiled:
        """The leaf's formula made into closures once (``formula.compile_formula``): ``score``
        evaluates each leaf of every workbook several times."""
        return formula.compile_formula(self.tree, self.level_tables())

    def excel_formula(
        self, refs: Mapping[str, str], blanks: Mapping[str, str] | None = None
    ) -> str:
        """The leaf's formula for a spreadsheet (see ``formula.to_excel``)."""
        return formula.to_excel(self.tree, refs, self.level_tables(), blanks)

    def walk(self) -> Iterator[Criterion]:
        yield self
        for child in self.children:
            yield from child.walk()


class Section(_Model):
    code: str = Field(pattern=r"^\d+$")
    title: str = Field(min_length=1)
    max: Decimal = Field(ge=0)
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _codes(self) -> Section:
        for criterion in self.criteria:
            if not criterion.code.startswith(self.code + "."):
                raise invalid("rubric.child_code", code=criterion.code, parent=self.code)
        return self

    def walk(self) -> Iterator[Criterion]:
        for criterion in self.criteria:
            yield from criterion.walk()


class Agreement(_Model):
    """A cluster's adapted rubric was agreed by its members (guidance IV.2: "100% thành viên
    trong Cụm thi đua thảo luận dân chủ, thống nhất"): who agreed, and when."""

    by: str = Field(min_length=1, max_length=300)  # e.g. "12/12 đơn vị thành viên Cụm số 2"
    date: datetime.date
    document: str | None = Field(default=None, max_length=300)  # e.g. the meeting's minutes


class RubricMeta(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    title: str
    issuer: str
    document: str
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    declared_total: Decimal = Field(ge=0)
    sections: tuple[str, ...] = Field(min_length=1)
    agreement: Agreement | None = None  # a cluster's own rubric: its members' agreement


class Rubric(_Model):
    meta: RubricMeta
    sections: tuple[Section, ...]
    source: str = ""

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def max_total(self) -> Decimal:
        return sum((s.max for s in self.sections), Decimal(0))

    def walk(self) -> Iterator[Criterion]:
        """Every criterion, parents before their children, in the rubric's order."""
        return iter(self._walked)

    def leaves(self) -> Iterator[Criterion]:
        return iter(self._leaves)

    @functools.cached_property
    def _walked(self) -> tuple[Criterion, ...]:
        # the rubric is frozen: walked once, not for every workbook scored
        return tuple(c for section in self.sections for c in section.walk())

    @functools.cached_property
    def _leaves(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self._walked if not c.is_group)

    @functools.cached_property
    def _by_code(self) -> dict[str, Criterion]:
        return {c.code: c for c in self._walked}

    def criterion(self, code: str) -> Criterion:
        return self._by_code[code]

    def digest(self) -> str:
        """A short fingerprint of everything that changes scores (not of the file paths)."""
        return self._digest

    @functools.cached_property
    def _digest(self) -> str:
        # worked out once: every form written or read asks for it (the rubric is frozen and
        # never copied with changes, which would carry this value over)
        payload = self.model_dump(mode="json", exclude={"source"})
        if self.meta.agreement is None:  # rubrics without one keep the digest they always had
            del payload["meta"]["agreement"]
        canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
