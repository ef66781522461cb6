"""The rubric: sections, criteria (groups and leaves), their inputs, levels and formulas.

A criteria directory holds ``rubric.yaml`` (metadata and the list of section files) and one
YAML file per section. ``load_rubric`` validates everything and names file, line and
criterion code in Vietnamese when something is wrong.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import ErrorDetails

from thidua_cli import formula
from thidua_cli.errors import RubricError
from thidua_cli.formula import Domain, Interval, Node, Value
from thidua_cli.messages import CATALOG, t
from thidua_cli.safe_yaml import YamlError, line_of, load_yaml

DEFAULT_RUBRIC_ID = "syt-thanh-hoa-2020"
_M = TypeVar("_M", bound=BaseModel)
MAX_TREE_DEPTH = 6


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
                raise ValueError(t("rubric.group_with_formula", code=self.code))
            for child in self.children:
                if not child.code.startswith(self.code + "."):
                    raise ValueError(t("rubric.child_code", code=child.code, parent=self.code))
            return self
        if self.formula is None:
            raise ValueError(t("rubric.no_formula", code=self.code))
        try:
            tree = formula.parse(self.formula)
        except formula.FormulaError as exc:
            raise ValueError(t("rubric.bad_formula", code=self.code, reason=exc)) from exc
        self._check_inputs(tree)
        self._tree = tree
        try:  # text where a number is needed, ordering labels, ...
            self.attainable()
        except formula.FormulaError as exc:
            raise ValueError(t("rubric.bad_formula", code=self.code, reason=exc)) from exc
        return self

    def _check_inputs(self, tree: Node) -> None:
        declared = {i.name: i for i in self.inputs}
        if len(declared) != len(self.inputs):
            raise ValueError(t("rubric.duplicate_input", code=self.code))
        unknown = sorted(formula.names(tree) - declared.keys())
        if unknown:
            raise ValueError(t("rubric.unknown_input", code=self.code, names=", ".join(unknown)))
        for name in formula.level_names(tree):
            if declared[name].kind is not InputKind.LEVEL:
                raise ValueError(t("rubric.level_not_level", code=self.code, name=name))
        has_level_input = any(i.kind is InputKind.LEVEL for i in self.inputs)
        if has_level_input and not self.levels:
            raise ValueError(t("rubric.no_levels", code=self.code))
        if self.levels and not has_level_input:
            raise ValueError(t("rubric.levels_unused", code=self.code))
        labels = [lv.label for lv in self.levels]
        if len(set(labels)) != len(labels):
            raise ValueError(t("rubric.duplicate_level", code=self.code))
        for name, label in formula.compared_texts(tree):
            if label not in self.labels(declared[name]):
                raise ValueError(t("rubric.unknown_label", code=self.code, name=name, label=label))

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
        return formula.evaluate(self.tree, values, self.level_tables())

    def excel_formula(self, refs: Mapping[str, str]) -> str:
        return formula.to_excel(self.tree, refs, self.level_tables())

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
                raise ValueError(t("rubric.child_code", code=criterion.code, parent=self.code))
        return self

    def walk(self) -> Iterator[Criterion]:
        for criterion in self.criteria:
            yield from criterion.walk()


class RubricMeta(_Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    title: str
    issuer: str
    document: str
    year: int = Field(ge=2000, le=2100)
    declared_total: Decimal = Field(ge=0)
    sections: tuple[str, ...] = Field(min_length=1)


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
        for section in self.sections:
            yield from section.walk()

    def leaves(self) -> Iterator[Criterion]:
        return (c for c in self.walk() if not c.is_group)

    def criterion(self, code: str) -> Criterion:
        for criterion in self.walk():
            if criterion.code == code:
                return criterion
        raise KeyError(code)

    def section_of(self, code: str) -> Section:
        return next(s for s in self.sections if code.split(".")[0] == s.code)

    def digest(self) -> str:
        """A short fingerprint of everything that changes scores (not of the file paths)."""
        payload = self.model_dump(mode="json", exclude={"source"})
        canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


# --- loading ----------------------------------------------------------------------------


def default_rubric_dir() -> Path:
    """The rubric shipped inside the package (found without a checkout)."""
    return Path(str(resources.files("thidua_cli") / "criteria" / DEFAULT_RUBRIC_ID))


def load_rubric(directory: Path | None = None) -> Rubric:
    """Load and validate a criteria directory (the shipped rubric when ``None``)."""
    directory = directory or default_rubric_dir()
    meta_path = directory / "rubric.yaml"
    if not meta_path.is_file():
        raise RubricError(t("rubric.no_meta", dir=directory))
    meta, _ = _validate(RubricMeta, meta_path)
    sections: list[Section] = []
    seen: dict[str, str] = {}
    for name in meta.sections:
        path = (directory / name).resolve()
        if directory.resolve() not in path.parents or not path.is_file():
            raise RubricError(t("rubric.no_section", file=directory / name, meta=meta_path))
        section, data = _validate(Section, path)
        _check_codes(data, path, seen)
        sections.append(section)
    return Rubric(meta=meta, sections=tuple(sections), source=str(directory))


def _validate(model: type[_M], path: Path) -> tuple[_M, Any]:
    """The file's model and its raw data (whose mappings know their lines)."""
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise RubricError(str(exc)) from exc
    if not isinstance(data, dict):
        raise RubricError(t("rubric.not_mapping", file=path))
    try:
        return model.model_validate(data), data
    except ValidationError as exc:
        raise RubricError(_describe(exc, data, path)) from exc
    except RecursionError as exc:
        raise RubricError(t("yaml.too_deep", file=path)) from exc


def _check_codes(data: Any, path: Path, seen: dict[str, str]) -> None:
    """Codes are unique across the rubric and criteria nest at most ``MAX_TREE_DEPTH`` deep.

    ``seen`` maps each code met so far to where it was (file:line).
    """
    for code, line in _codes_with_lines(data):
        if code in seen:
            raise RubricError(
                t("rubric.duplicate_code", file=path, line=line, code=code, first=seen[code])
            )
        seen[code] = f"{path}:{line}"
        if code.count(".") > MAX_TREE_DEPTH:
            raise RubricError(
                t("rubric.too_deep", file=path, line=line, code=code, limit=MAX_TREE_DEPTH)
            )


def _codes_with_lines(node: Any) -> Iterator[tuple[str, int]]:
    """(code, line) of the section and every criterion in a validated section file."""
    yield str(node["code"]), line_of(node, ())
    for child in (*node.get("criteria", ()), *node.get("children", ())):
        yield from _codes_with_lines(child)


def _describe(exc: ValidationError, data: Any, path: Path) -> str:
    lines = []
    for error in exc.errors()[:10]:
        loc = tuple(error["loc"])
        line = line_of(data, loc)
        code = _nearest_code(data, loc)
        where = ".".join(str(p) for p in loc) or "-"
        message = _reason(error)
        lines.append(
            t("rubric.invalid", file=path, line=line, code=code, where=where, reason=message)
        )
    return "\n".join(lines)


def _reason(error: ErrorDetails) -> str:
    """Pydantic's complaint in the user's language (our own checks are localized already)."""
    key = f"validation.{error['type']}"
    if key in CATALOG:
        context = {name: str(value) for name, value in error.get("ctx", {}).items()}
        try:
            return t(key, **context)
        except (KeyError, IndexError):  # a context field the template did not expect
            pass
    return error["msg"].removeprefix("Value error, ")


def _nearest_code(data: Any, loc: tuple[int | str, ...]) -> str:
    code = "-"
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(node.get("code"), str | int | float):
            code = str(node["code"])
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict) and isinstance(node.get("code"), str | int | float):
        code = str(node["code"])
    return code


def input_names(rubric: Rubric) -> list[tuple[Criterion, InputSpec]]:
    """Every (leaf, input) pair in rubric order."""
    return [(leaf, spec) for leaf in rubric.leaves() for spec in leaf.inputs]


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
