"""Score one returned workbook: check its identity, validate every input, recompute every point.

Reads the workbook once (``form.reader``), parses what people typed (``form.values``),
recomputes with the rubric (``compute``), never trusting cached values, and collects every
finding of the file in one pass. It never raises for what the file holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thidua_cli.findings import Finding, Msg, Param, Severity, finding
from thidua_cli.form.identity import PROPERTY_PREFIX, Identity
from thidua_cli.form.layout import (
    IDENTITY_KEY_COL,
    IDENTITY_SHEET,
    IDENTITY_VALUE_COL,
    Cell,
    Layout,
    build_layout,
    input_name,
    points_name,
    section_name,
    total_name,
)
from thidua_cli.form.reader import MAX_BYTES, RawWorkbook, UnreadableWorkbook, read_workbook
from thidua_cli.form.values import BLANK, NotANumber, Parsed, parse_input, to_decimal
from thidua_cli.numbers import hundredths
from thidua_cli.rubric.formula import FormulaError, MissingInput, Value
from thidua_cli.rubric.model import LABEL_KINDS, Criterion, InputSpec, Rubric
from thidua_cli.rubric.sides import Period, Side
from thidua_cli.scoring.compute import Scores, compute_scores
from thidua_cli.scoring.results import SideInputs, WorkbookResult
from thidua_cli.text import shown

# The guidance's own words for why a value does not count (the others get a general reason).
_IGNORED_REASONS = {"1.6": "ignored-reason.1.6"}


# --- what the forms should be -----------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """The rubric, its layout and digest, and the year and period the forms must be for
    (``None``: whatever the forms carry; ``--year``/``--period`` only filter)."""

    rubric: Rubric
    year: int | None
    period: Period | None
    layout: Layout = field(compare=False)
    digest: str = ""
    names: dict[str, Cell] = field(default_factory=dict, compare=False)  # the form as sent

    @classmethod
    def of(cls, rubric: Rubric, year: int | None = None, period: Period | None = None) -> Expected:
        layout = build_layout(rubric)
        return cls(rubric, year, period, layout, rubric.digest(), layout.defined_names())


# --- one file ---------------------------------------------------------------------------


def score_workbook(path: Path, expected: Expected | Sequence[Expected]) -> WorkbookResult:
    """Everything ``score`` knows about one file; never raises for what the file holds.

    With several rubrics (a cluster's own, guidance IV.2), the one the form was written with
    (its identity's rubric id and digest) scores it; the first is the default.
    """
    result = WorkbookResult(file=str(path))
    try:
        raw = read_workbook(path)
    except UnreadableWorkbook as exc:
        result.problems.append(_unreadable(result.file, exc))
        return result
    try:
        _WorkbookScorer(raw, _chosen(expected, raw), result).run()
    except UnreadableWorkbook as exc:  # a sheet calamine or the XML parser refused mid-way
        result.problems.append(_unreadable(result.file, exc))
    finally:
        raw.close()
    return result


def _chosen(expected: Expected | Sequence[Expected], raw: RawWorkbook) -> Expected:
    if isinstance(expected, Expected):
        return expected
    identity = read_identity(raw) if len(expected) > 1 else None
    if identity is not None:
        for one in expected:
            if (one.rubric.id, one.digest) == (identity.rubric_id, identity.rubric_digest):
                return one
    return expected[0]


def _unreadable(file: str, exc: UnreadableWorkbook) -> Finding:
    limit = MAX_BYTES // (1024 * 1024)
    return finding("not-xlsx", variant=exc.reason, file=file, detail=exc.detail, limit=limit)


def read_identity(raw: RawWorkbook) -> Identity | None:
    """The form's identity: custom properties, else the hidden ``_thidua`` sheet."""
    for props in (raw.properties, _identity_sheet(raw)):
        if any(k.startswith(PROPERTY_PREFIX) for k in props):
            try:
                return Identity.from_properties(props)
            except ValidationError:
                continue
    return None


def _identity_sheet(raw: RawWorkbook) -> dict[str, str]:
    """``thidua.<field>`` -> text from the hidden sheet's key and value columns."""
    found: dict[str, str] = {}
    key_at, value_at = IDENTITY_KEY_COL - 1, IDENTITY_VALUE_COL - 1
    for row in raw.rows(IDENTITY_SHEET)[:100]:
        if len(row) <= value_at:
            continue
        key, value = row[key_at], row[value_at]
        if isinstance(key, str) and key.startswith(PROPERTY_PREFIX):
            whole = isinstance(value, float) and value.is_integer()
            found[key] = str(int(value)) if whole and isinstance(value, float) else str(value)
    return found


class _WorkbookScorer:
    """One workbook's checks; problems go straight into ``result``."""

    def __init__(self, raw: RawWorkbook, expected: Expected, result: WorkbookResult) -> None:
        self.raw = raw
        self.expected = expected
        self.rubric = expected.rubric
        self.layout = expected.layout
        self.result = result
        self.file = result.file
        self._calculated: set[str] | None = None

    def problem(
        self,
        code: str,
        variant: str | None = None,
        cell: Cell | None = None,
        criterion: str | None = None,
        severity: Severity | None = None,
        **params: Any,
    ) -> None:
        self.result.problems.append(
            finding(
                code,
                variant=variant,
                severity=severity,
                file=self.file,
                sheet=cell.sheet if cell is not None else None,
                cell=cell.a1 if cell is not None else None,
                criterion=criterion,
                **params,
            )
        )

    def calculated_sheets(self) -> set[str]:
        """Sheets saved by a spreadsheet: most of their computed cells have a cached value.

        (Excel and LibreOffice store a value for every formula; a program like openpyxl
        stores none. "Most", so one typed-over cell does not make a sheet look calculated.)
        """
        if self._calculated is None:
            names = [total_name(side) for side in Side]
            for side in Side:
                names += [points_name(side, c.code) for c in self.rubric.walk()]
                names += [section_name(side, s.code) for s in self.rubric.sections]
            filled: dict[str, list[bool]] = {}
            for name in names:
                cell = self.raw.name(name)
                if cell is not None:
                    filled.setdefault(cell.sheet, []).append(self.raw.value(cell) is not None)
            self._calculated = {
                sheet for sheet, flags in filled.items() if 2 * sum(flags) > len(flags)
            }
        return self._calculated

    def run(self) -> None:
        identity = read_identity(self.raw)
        if identity is None:
            self.problem("not-a-form")
            return
        self.result.identity = identity
        if not self._identity_matches(identity):
            return
        for side in Side:
            inputs, text_codes = self._read_side(side)
            scores = compute_scores(self.rubric, inputs)
            self.result.inputs[side] = inputs
            self.result.scores[side] = scores
            _CachedCheck(self, side, scores, text_codes).run()

    def _identity_matches(self, identity: Identity) -> bool:
        expected = self.expected
        if identity.rubric_id != self.rubric.id or identity.rubric_digest != expected.digest:
            self.problem(
                "wrong-rubric",
                form_id=identity.rubric_id,
                form_digest=identity.rubric_digest,
                id=self.rubric.id,
                digest=expected.digest,
            )
            return False  # another rubric's names and formulas: scoring it here means nothing
        if expected.year is not None and identity.year != expected.year:
            self.problem("wrong-year", form=identity.year, expected=expected.year)
        if expected.period is not None and identity.period != expected.period:
            self.problem(
                "wrong-period",
                form=Msg(f"score.period.{identity.period}"),
                expected=Msg(f"score.period.{expected.period}"),
                option=expected.period,
            )
        return True

    # --- inputs -------------------------------------------------------------------------

    def _read_side(self, side: Side) -> tuple[SideInputs, set[str]]:
        """Validated inputs of one side, and the leaves with a number typed as text."""
        inputs: SideInputs = {}
        text_codes: set[str] = set()
        for leaf in self.rubric.leaves():
            if not leaf.inputs:
                continue
            parsed, cells = self._read_leaf(side, leaf)
            used = self._check_leaf(side, leaf, parsed, cells)
            if used:
                inputs[leaf.code] = used
            if any(p.from_text for p in parsed.values()):
                text_codes.add(leaf.code)
        return inputs, text_codes

    def _read_leaf(self, side: Side, leaf: Criterion) -> tuple[dict[str, Parsed], dict[str, Cell]]:
        parsed: dict[str, Parsed] = {}
        cells: dict[str, Cell] = {}
        for spec in leaf.inputs:
            name = input_name(side, leaf.code, spec.name)
            cell = self.raw.name(name)
            if cell is None:
                self.missing_name(name, leaf.code)
                parsed[spec.name] = _MISSING
                continue
            cells[spec.name] = cell
            value = parse_input(self.raw.value(cell), spec.kind, leaf.max, leaf.labels(spec))
            parsed[spec.name] = value
            if value.code is not None:
                self._value_problem(value, cell, leaf, spec)
        return parsed, cells

    def missing_name(self, name: str, code: str | None) -> None:
        """A name deleted or pointing nowhere (#REF!): located where the form had put it."""
        original = self.expected.names.get(name)
        variant = None if code is not None else "total"
        where = original.a1 if original is not None else "?"
        self.problem("missing-name", variant, original, code, name=name, original=where)

    def _value_problem(self, value: Parsed, cell: Cell, leaf: Criterion, spec: InputSpec) -> None:
        assert value.code is not None
        variant = value.details.get("reason", "text") if value.code == "not-a-number" else None
        details: dict[str, Any] = {k: v for k, v in value.details.items() if k != "reason"}
        self.problem(value.code, variant, cell, leaf.code, label=_label(spec), **details)

    def _check_leaf(
        self, side: Side, leaf: Criterion, parsed: dict[str, Parsed], cells: dict[str, Cell]
    ) -> dict[str, Value]:
        """Report blank inputs the formula needs (self side) and values it ignores."""
        valid = {name: p.value for name, p in parsed.items() if p.value is not None}
        specs = {spec.name: spec for spec in leaf.inputs}
        for name in _needed_blanks(leaf, valid, parsed, specs):
            if side is Side.SELF and name in cells:
                spec = specs[name]
                self.problem("missing-input", None, cells[name], leaf.code, label=_label(spec))
        if len(valid) < 2:
            return valid
        used = dict(valid)
        for name in list(valid):
            others = {k: v for k, v in valid.items() if k != name}
            try:
                leaf.evaluate(others)
            except FormulaError:
                continue  # the formula needs it
            del used[name]
            self.problem(
                "ignored-value",
                None,
                cells.get(name),
                leaf.code,
                label=_label(specs[name]),
                value=shown(valid[name]),
                reason=Msg(_IGNORED_REASONS.get(leaf.code, "ignored-reason")),
            )
        return used


_MISSING = Parsed(code="missing-name")


def _label(spec: InputSpec) -> Msg:
    """The input as a message names it: the rubric's (Vietnamese) label, or its English name."""
    return Msg("input.label", {"vi": spec.label or spec.name, "en": spec.name})


def _needed_blanks(
    leaf: Criterion, valid: dict[str, Value], parsed: dict[str, Parsed], specs: dict[str, InputSpec]
) -> list[str]:
    """Blank inputs the formula would read, found by evaluating with stand-ins."""
    env: dict[str, Value] = dict(valid)
    needed: list[str] = []
    for _ in range(len(specs) + 1):
        try:
            leaf.evaluate(env)
            break
        except MissingInput as exc:
            name = exc.name
            if name in env or name not in specs:
                break
            if parsed.get(name, BLANK).blank:
                needed.append(name)
            env[name] = _stand_in(leaf, specs[name])
        except FormulaError:
            break
    return needed


def _stand_in(leaf: Criterion, spec: InputSpec) -> Value:
    if spec.kind in LABEL_KINDS:
        labels = leaf.labels(spec)
        return labels[0] if labels else ""
    return Decimal(0)


# --- cached values ----------------------------------------------------------------------


class _CachedCheck:
    """Compare each computed cell's cached value with the recomputation, deepest first.

    A mismatch is reported at the deepest cell only (an overwritten leaf also makes its
    group, section and total differ; one problem per overwritten formula is enough). An
    empty computed cell on a sheet whose other computed cells have values lost its formula
    (Excel and LibreOffice store a value for every formula); on a sheet never calculated
    (written by a program) the sheet's XML says whether the formula is still there.
    """

    def __init__(
        self, scorer: _WorkbookScorer, side: Side, scores: Scores, text_codes: set[str]
    ) -> None:
        self.scorer = scorer
        self.raw = scorer.raw
        self.side = side
        self.scores = scores
        self.text_codes = text_codes

    def run(self) -> None:
        sections_bad = False
        for section in self.scorer.rubric.sections:
            below = [self._criterion(c) for c in section.criteria]
            bad = any(below) or self._cell(
                section_name(self.side, section.code),
                self.scores.sections.get(section.code),
                Msg("score.what.section", {"code": section.code}),
                None,
                False,
            )
            sections_bad = sections_bad or bad
        if not sections_bad:
            self._cell(
                total_name(self.side), self.scores.total, Msg("score.what.total"), None, False
            )

    def _criterion(self, criterion: Criterion) -> bool:
        below = [self._criterion(c) for c in criterion.children]
        if any(below):
            return True
        text = criterion.code in self.text_codes
        return self._cell(
            points_name(self.side, criterion.code),
            self.scores.criteria.get(criterion.code),
            Msg("score.what.criterion", {"code": criterion.code}),
            criterion.code,
            text,
        )

    def _cell(
        self, name: str, computed: Decimal | None, what: Msg, code: str | None, text: bool
    ) -> bool:
        """Check one computed cell; True when a mismatch was reported."""
        cell = self.raw.name(name)
        if cell is None:
            self.scorer.missing_name(name, code)
            return False
        if computed is None:
            return False  # nothing to compare with: the inputs already have their problems
        cached = self.raw.value(cell)
        if cached is None:
            if cell.sheet not in self.scorer.calculated_sheets() and self.raw.has_formula(cell):
                return False  # a formula never calculated (written by a program, not saved)
            # calamine shows an error value (#VALUE!) as empty too: text in an input causes that
            shown_cached: Param = "—"
            variant: str | None = "deleted"
        else:
            number = _cached_number(cached)
            if number is not None and hundredths(number) == hundredths(computed):
                return False
            shown_cached = shown(cached) if number is None else number
            variant = None
        # A number typed as text: the score is right, only the printed sheet is not.
        self.scorer.problem(
            "cached-mismatch",
            "text" if text else variant,
            cell,
            code,
            Severity.WARNING if text else None,
            what=what,
            cached=shown_cached,
            computed=computed,
        )
        return True


def _cached_number(cached: object) -> Decimal | None:
    if isinstance(cached, bool) or not isinstance(cached, int | float):
        return None
    try:
        return to_decimal(cached)[0]
    except NotANumber:
        return None
