"""Score one returned workbook: check its identity and structure, validate every input,
recompute every point, and check that the printout shows what ``score`` computes.

Reads the workbook once, only the cells the layout needs (``form.reader``), checks that it is
still the form that was sent (``structure``), parses what people typed (``form.values``),
recomputes with the rubric (``compute``), never trusting cached values, compares the printed
cells with the recomputation (``printout``), and collects every finding of the file in one
pass. It never raises for what the file holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from pydantic import ValidationError

from thidua_cli.findings import Exact, Finding, Msg, Severity, finding
from thidua_cli.form.formulas import expected_formulas, normalized
from thidua_cli.form.identity import PROPERTY_PREFIX, REPORT_PROPERTY, Identity
from thidua_cli.form.layout import (
    IDENTITY_KEY_COL,
    IDENTITY_ROWS,
    IDENTITY_SHEET,
    IDENTITY_VALUE_COL,
    TEMPLATE_VERSION,
    Area,
    Cell,
    Layout,
    build_layout,
)
from thidua_cli.form.reader import MAX_BYTES, RawWorkbook, UnreadableWorkbook, read_workbook
from thidua_cli.form.values import BLANK, Parsed, parse_input
from thidua_cli.rubric.formula import FormulaError, MissingInput, Value
from thidua_cli.rubric.model import LABEL_KINDS, Criterion, InputKind, InputSpec, Rubric
from thidua_cli.rubric.sides import Period, Side
from thidua_cli.scoring.compute import compute_scores
from thidua_cli.scoring.printout import PrintoutCheck, printed
from thidua_cli.scoring.results import SideInputs, WorkbookResult
from thidua_cli.scoring.structure import NamedCells, structure_problems
from thidua_cli.text import shown

# The guidance's own words for why a value does not count, for the criterion that asks
# whether the unit has budget-funded projects (1.6 of the guidance; a cluster's own rubric
# may number it otherwise); the others get a general reason.
_NO_PROJECTS_INPUT = "has_projects"


# --- what the forms should be -----------------------------------------------------------


class Expected(Struct, frozen=True):
    """The rubric, its layout and digest, and the year and period the forms must be for
    (``None``: whatever the forms carry; ``--year``/``--period`` only filter); with what the
    reader needs: the defined names, the formulas and the areas to read."""

    rubric: Rubric
    year: int | None
    period: Period | None
    layout: Layout
    digest: str = ""
    names: NamedCells = field(default_factory=dict)  # the form as sent
    formulas: dict[Cell, str] = field(default_factory=dict)  # normalized
    areas: dict[str, Area] = field(default_factory=dict)

    @classmethod
    def of(cls, rubric: Rubric, year: int | None = None, period: Period | None = None) -> Expected:
        layout = build_layout(rubric)
        formulas = {cell: normalized(text) for cell, text in expected_formulas(layout).items()}
        return cls(
            rubric,
            year,
            period,
            layout,
            rubric.digest(),
            layout.named_cells(),
            formulas,
            layout.areas(),
        )


# --- one file ---------------------------------------------------------------------------


def score_workbook(path: Path, expected: Expected | Sequence[Expected]) -> WorkbookResult:
    """Everything ``score`` knows about one file; never raises for what the file holds.

    With several rubrics (a cluster's own, guidance IV.2), the one the form was written with
    (its identity's rubric id and digest) scores it; the first is the default.
    """
    result = WorkbookResult(file=str(path))
    choices = (expected,) if isinstance(expected, Expected) else tuple(expected)
    areas = choices[0].areas if len(choices) == 1 else reading_areas(choices)
    try:
        raw = read_workbook(path, areas)
    except UnreadableWorkbook as exc:
        result.problems.append(unreadable(result.file, exc.reason, exc.detail))
        return result
    except MemoryError:  # a file built to exhaust memory, in this process
        result.problems.append(unreadable(result.file, "too-big", "memory"))
        return result
    if REPORT_PROPERTY in raw.properties:
        result.skipped = "report"
        return result
    _WorkbookScorer(raw, _chosen(choices, raw), result).run()
    return result


def _chosen(expected: Sequence[Expected], raw: RawWorkbook) -> Expected:
    """The rubric the form was written with (its identity's id and digest), else the first."""
    identity = _IdentityCopies(raw).identity() if len(expected) > 1 else None
    if identity is not None:
        for one in expected:
            if (one.rubric.id, one.digest) == (identity.rubric_id, identity.rubric_digest):
                return one
    return expected[0]


def reading_areas(expected: Sequence[Expected]) -> dict[str, Area]:
    """What to read of each sheet for any of the rubrics (a cluster's own lays its sections
    out with other rows): the largest block each asks for."""
    areas: dict[str, Area] = {}
    for one in expected:
        for sheet, area in one.areas.items():
            known = areas.get(sheet)
            if known is not None:
                area = Area(
                    max(area.rows, known.rows),
                    max(area.columns, known.columns),
                    min(area.first_column, known.first_column),
                )
            areas[sheet] = area
    return areas


def unreadable(file: str, reason: str, detail: str = "") -> Finding:
    limit = MAX_BYTES // (1024 * 1024)
    return finding("not-xlsx", variant=reason, file=file, detail=detail, limit=limit)


class _IdentityCopies:
    """The identity's two copies: custom properties and the hidden sheet (key, value rows)."""

    def __init__(self, raw: RawWorkbook) -> None:
        self.properties = {k: v for k, v in raw.properties.items() if k.startswith(PROPERTY_PREFIX)}
        self.sheet: dict[str, tuple[str, Cell]] = {}
        for row in range(1, IDENTITY_ROWS + 1):
            key = raw.value(Cell(IDENTITY_SHEET, row, IDENTITY_KEY_COL))
            if not (isinstance(key, str) and key.startswith(PROPERTY_PREFIX)):
                continue
            cell = Cell(IDENTITY_SHEET, row, IDENTITY_VALUE_COL)
            value = raw.value(cell)
            text = "" if value is None else str(value)  # a number as Decimal: 2020, not 2020.0
            self.sheet.setdefault(key, (text, cell))

    def identity(self) -> Identity | None:
        for props in ({k: v for k, (v, _) in self.sheet.items()}, self.properties):
            if props:
                try:
                    return Identity.from_properties(props)
                except ValidationError:
                    continue
        return None

    def disagreements(self) -> list[tuple[str, str, str, Cell | None]]:
        """(field, hidden sheet's value, properties' value, cell) where both copies exist and
        differ; a program that drops custom properties leaves nothing to compare."""
        if not self.properties or not self.sheet:
            return []
        found = []
        for key in sorted(self.properties.keys() | self.sheet.keys()):
            mine, cell = self.sheet.get(key, ("", None))
            theirs = self.properties.get(key, "")
            if mine != theirs:
                found.append((key.removeprefix(PROPERTY_PREFIX), mine, theirs, cell))
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

    def run(self) -> None:
        copies = _IdentityCopies(self.raw)
        identity = copies.identity()
        if identity is None:
            self.problem("not-a-form")
            return
        self.result.identity = identity
        if not self._identity_matches(identity, copies):
            return
        broken = structure_problems(self.raw, self.layout, self.expected.names, self.file)
        if broken:
            self.result.problems += broken
            return  # another form's cells under these names: scoring it would mean nothing
        for side in Side:
            self._score_side(side)

    def _identity_matches(self, identity: Identity, copies: _IdentityCopies) -> bool:
        expected = self.expected
        disagreements = copies.disagreements()
        for name, mine, theirs, cell in disagreements:
            self.problem(
                "identity-mismatch", None, cell, field=name, sheet_value=mine, value=theirs
            )
        if disagreements:
            return False  # which unit, year or rubric is it? Neither copy can be trusted alone
        if identity.rubric_id != self.rubric.id or identity.rubric_digest != expected.digest:
            self.problem(
                "wrong-rubric",
                form_id=identity.rubric_id,
                form_digest=identity.rubric_digest,
                id=self.rubric.id,
                digest=expected.digest,
            )
            return False  # another rubric's names and formulas: scoring it here means nothing
        if identity.template_version != TEMPLATE_VERSION:
            self.problem(
                "wrong-template", form=identity.template_version, expected=TEMPLATE_VERSION
            )
            return False  # its formulas are another version's: every cell would look changed
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

    # --- one side -----------------------------------------------------------------------

    def _score_side(self, side: Side) -> None:
        inputs: SideInputs = {}
        explained: set[str] = set()  # criteria with a problem at an input cell
        differs: list[tuple[Criterion, InputSpec, Parsed, Cell, object]] = []
        for leaf in self.rubric.leaves():
            if not leaf.inputs:
                continue
            parsed, cells = self._read_leaf(side, leaf)
            used = self._check_leaf(side, leaf, parsed, cells)
            if used:
                inputs[leaf.code] = used
            for spec in leaf.inputs:
                value = parsed[spec.name]
                if value.code is not None or value.printout is not None:
                    explained.add(leaf.code)
                if value.printout is not None:
                    cell = cells[spec.name]
                    differs.append((leaf, spec, value, cell, self.raw.value(cell)))
        scores = compute_scores(self.rubric, inputs)
        self.result.inputs[side] = inputs
        self.result.scores[side] = scores
        for leaf, spec, value, cell, typed in differs:
            points_cell = self.raw.cell(self.layout.points_cell(side, leaf.code))
            params: dict[str, Any] = {
                "label": _label(spec),
                "value": shown(typed),
                "printed": printed(points_cell),
                # said only when the file was saved by a spreadsheet program (else nothing shows)
                "on_printout": Msg("score.on-printout", {"printed": printed(points_cell)})
                if points_cell.cached
                else "",
                "points": scores.criteria.get(leaf.code),
            }
            if value.printout == "label":
                params["choice"] = str(value.value)
            else:
                params["number"] = value.value if isinstance(value.value, Decimal) else None
            self.problem("printout-differs", value.printout, cell, leaf.code, **params)
        PrintoutCheck(
            self.raw,
            self.layout,
            self.expected.formulas,
            side,
            scores,
            explained,
            self.problem,
        ).run()

    def _read_leaf(self, side: Side, leaf: Criterion) -> tuple[dict[str, Parsed], dict[str, Cell]]:
        parsed: dict[str, Parsed] = {}
        cells: dict[str, Cell] = {}
        for spec in leaf.inputs:
            cell = self.layout.input_cell(side, leaf.code, spec.name)
            cells[spec.name] = cell
            raw = self.raw.cell(cell)
            if raw.formula is not None:
                self.problem(
                    "input-formula",
                    None,
                    cell,
                    leaf.code,
                    label=_label(spec),
                    formula=shown(raw.formula),
                )
                parsed[spec.name] = _FORMULA
                continue
            value = parse_input(
                raw.value, spec.kind, leaf.max, leaf.labels(spec), raw.number_format
            )
            parsed[spec.name] = value
            if value.code is not None:
                self._value_problem(value, cell, leaf, spec)
        return parsed, cells

    def _value_problem(self, value: Parsed, cell: Cell, leaf: Criterion, spec: InputSpec) -> None:
        assert value.code is not None
        reason = value.details.get("reason", "text")
        variant = str(reason) if value.code == "not-a-number" else None
        details: dict[str, Any] = {k: v for k, v in value.details.items() if k != "reason"}
        self.problem(value.code, variant, cell, leaf.code, label=_label(spec), **details)

    def _check_leaf(
        self, side: Side, leaf: Criterion, parsed: dict[str, Parsed], cells: dict[str, Cell]
    ) -> dict[str, Value]:
        """Report blank inputs the formula needs and values it ignores; the values to use."""
        valid = {name: p.value for name, p in parsed.items() if p.value is not None}
        specs = {spec.name: spec for spec in leaf.inputs}
        for name in _needed_blanks(leaf, valid, parsed, specs):
            label = _label(specs[name])
            if side is Side.SELF:
                self.problem("missing-input", None, cells[name], leaf.code, label=label)
            else:  # the cluster's to-do list: information, not an error
                self.problem("blank-input", "cluster", cells[name], leaf.code, label=label)
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
                value=_as_typed(valid[name], specs[name]),
                reason=Msg(
                    "ignored-reason.no-projects"
                    if _NO_PROJECTS_INPUT in specs
                    else "ignored-reason"
                ),
            )
        return used


_FORMULA = Parsed(code="input-formula")


def _as_typed(value: Value, spec: InputSpec) -> Exact | str:
    """An input's value in a message: a number as the language writes it (``49,5`` in
    Vietnamese), a label as the text it is."""
    if isinstance(value, Decimal):
        return Exact(value, "%" if spec.kind is InputKind.PERCENT else "")
    return shown(value)


def _label(spec: InputSpec) -> Msg:
    """The input as a message names it: the rubric's (Vietnamese) label, or its English name."""
    return Msg("input.label", {"vi": spec.label or spec.name, "en": spec.name})


def _needed_blanks(
    leaf: Criterion, valid: dict[str, Value], parsed: dict[str, Parsed], specs: dict[str, InputSpec]
) -> list[str]:
    """Blank inputs the formula would read, found by evaluating with stand-ins."""
    if not any(p.blank for p in parsed.values()):
        return []
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
