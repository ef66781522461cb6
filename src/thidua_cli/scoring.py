"""Score returned workbooks: check identity, validate every input, recompute every point.

``score_stream`` (and ``score_paths``, which keeps every result) is the entry point of
``thidua score``: it expands nothing (see ``expand_paths``), reads each workbook once
(``reader``), parses what people typed (``values``), recomputes with the rubric
(``compute``), never trusting cached values, and collects every problem of every file in
one pass. Many files go through a small process pool; the order of the results is the
order of the paths.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from thidua_cli.compute import Scores, compute_scores
from thidua_cli.errors import UsageError
from thidua_cli.formula import FormulaError, MissingInput, Value
from thidua_cli.identity import PROPERTY_PREFIX, Identity, Period
from thidua_cli.layout import (
    IDENTITY_KEY_COL,
    IDENTITY_SHEET,
    IDENTITY_VALUE_COL,
    Cell,
    Layout,
    Side,
    build_layout,
    input_name,
    points_name,
    section_name,
    total_name,
)
from thidua_cli.messages import CATALOG, current_language, set_language, t
from thidua_cli.numbers import hundredths, plain
from thidua_cli.problems import Problem, Severity
from thidua_cli.reader import MAX_BYTES, RawWorkbook, UnreadableWorkbook, read_workbook
from thidua_cli.results import SideInputs, WorkbookResult
from thidua_cli.rubric import LABEL_KINDS, Criterion, InputSpec, Rubric
from thidua_cli.values import BLANK, NotANumber, Parsed, parse_input, shown, to_decimal

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
LOCK_PREFIXES = ("~$", ".~lock")
POOL_THRESHOLD = 50  # below this, starting processes costs more than it saves
CHUNK_MAX = 16  # files a worker scores per task
CHUNKS_IN_FLIGHT_PER_WORKER = 3  # enough to keep both cores busy, few enough to stay small

Progress = Callable[[int, int], None]  # (done, total)


# --- which files ------------------------------------------------------------------------


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given, folders as their workbooks (sorted, office lock files skipped).

    Raises ``UsageError`` for a path that does not exist or when no workbook is found.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in WORKBOOK_SUFFIXES
                and not p.name.startswith(LOCK_PREFIXES)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(t("path.missing", path=path))
    if not found:
        raise UsageError(t("score.no-workbooks", paths=", ".join(str(p) for p in paths)))
    unique: dict[Path, Path] = {}
    for path in found:  # one file named twice (a folder and its file) is scored once
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


# --- what the forms should be -----------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """The rubric, its layout and digest, and the year and period the forms must be for."""

    rubric: Rubric
    year: int
    period: Period
    layout: Layout = field(compare=False)
    digest: str = ""
    names: dict[str, Cell] = field(default_factory=dict, compare=False)  # the form as sent

    @classmethod
    def of(cls, rubric: Rubric, year: int | None = None, period: Period = "year") -> Expected:
        layout = build_layout(rubric)
        year = year or rubric.meta.year
        return cls(rubric, year, period, layout, rubric.digest(), layout.defined_names())


# --- many files -------------------------------------------------------------------------


def score_paths(
    paths: Sequence[Path],
    rubric: Rubric,
    *,
    year: int | None = None,
    period: Period = "year",
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[WorkbookResult]:
    """Score every file (in the order given) and flag units that returned two workbooks.

    Holds every result; for many files, ``score_stream`` (and ``spool``) keep memory flat.
    """
    results = list(
        score_stream(paths, rubric, year=year, period=period, progress=progress, workers=workers)
    )
    flag_duplicates(results)
    return results


def score_stream(
    paths: Sequence[Path],
    rubric: Rubric,
    *,
    year: int | None = None,
    period: Period = "year",
    progress: Progress | None = None,
    workers: int | None = None,
) -> Generator[WorkbookResult, None, None]:
    """Each file's result as soon as it is scored, in the order given.

    Duplicate units are not flagged here (that needs every file's unit): see
    ``flag_duplicates`` and ``spool.ScoredSpool``. Close it (``contextlib.closing``) when
    not reading to the end, so the workers stop.
    """
    expected = Expected.of(rubric, year, period)
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if len(paths) >= POOL_THRESHOLD else 1
    if progress is not None:
        progress(0, len(paths))
    for done, result in enumerate(_run(paths, expected, workers), start=1):
        yield result
        if progress is not None:
            progress(done, len(paths))


def _run(paths: Sequence[Path], expected: Expected, workers: int) -> Iterator[WorkbookResult]:
    if workers > 1:
        try:
            pool = ProcessPoolExecutor(
                max_workers=workers,
                initializer=_init_worker,
                initargs=(expected, current_language()),
            )
        except (OSError, NotImplementedError):  # no process support here (some sandboxes)
            pass
        else:
            with pool:
                yield from _pooled(pool, paths, workers)
            return
    for path in paths:
        yield score_workbook(path, expected)


def _pooled(
    pool: ProcessPoolExecutor, paths: Sequence[Path], workers: int
) -> Iterator[WorkbookResult]:
    """Results in order with only a few chunks in flight.

    ``Executor.map`` would submit every file at once, and results the caller has not taken
    yet would pile up in memory; a window keeps memory flat however many files there are.
    """
    size = max(1, min(CHUNK_MAX, len(paths) // (workers * 8)))
    chunks = (list(paths[i : i + size]) for i in range(0, len(paths), size))
    pending: deque[Future[list[WorkbookResult]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_score_in_worker, chunk))
            if len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:  # the caller stopped early: drop the work not yet started
            future.cancel()


_worker_expected: Expected | None = None


def _init_worker(expected: Expected, language: Any) -> None:
    global _worker_expected
    _worker_expected = expected
    set_language(language)


def _score_in_worker(paths: list[Path]) -> list[WorkbookResult]:
    assert _worker_expected is not None
    return [score_workbook(path, _worker_expected) for path in paths]


def flag_duplicates(results: list[WorkbookResult]) -> None:
    """Two workbooks for one unit: an error on each of them, naming the others."""
    found = duplicate_problems((r.unit_id, r.file) for r in results)
    for result in results:
        if result.file in found:
            result.problems.append(found[result.file])


UnitFile = tuple[str | None, str]  # (unit id, or None for an unidentified file; the file)


def files_by_unit(pairs: Iterable[UnitFile]) -> dict[str, list[str]]:
    """Unit id -> its files in the order given (files of no known unit left out)."""
    grouped: dict[str, list[str]] = {}
    for unit, file in pairs:
        if unit is not None:
            grouped.setdefault(unit, []).append(file)
    return grouped


def duplicate_problems(pairs: Iterable[UnitFile]) -> dict[str, Problem]:
    """File -> its ``duplicate-unit`` error, for every unit that came in more than one file."""
    found: dict[str, Problem] = {}
    for unit, files in files_by_unit(pairs).items():
        if len(files) < 2:
            continue
        message = t("score.duplicate-unit", unit=unit, files=", ".join(files))
        for file in files:
            found[file] = Problem(
                code="duplicate-unit", severity=Severity.ERROR, message=message, file=file
            )
    return found


# --- one file ---------------------------------------------------------------------------


def score_workbook(path: Path, expected: Expected) -> WorkbookResult:
    """Everything ``score`` knows about one file; never raises for what the file holds."""
    result = WorkbookResult(file=str(path))
    try:
        raw = read_workbook(path)
    except UnreadableWorkbook as exc:
        key = f"score.not-xlsx.{exc.reason}"
        message = t(key, file=path, detail=exc.detail, limit=MAX_BYTES // (1024 * 1024))
        result.problems.append(
            Problem(code="not-xlsx", severity=Severity.ERROR, message=message, file=str(path))
        )
        return result
    try:
        _WorkbookScorer(raw, expected, result).run()
    except UnreadableWorkbook as exc:  # a sheet calamine or the XML parser refused mid-way
        message = t(
            f"score.not-xlsx.{exc.reason}",
            file=path,
            detail=exc.detail,
            limit=MAX_BYTES // (1024 * 1024),
        )
        result.problems.append(
            Problem(code="not-xlsx", severity=Severity.ERROR, message=message, file=str(path))
        )
    finally:
        raw.close()
    return result


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
        key: str,
        cell: Cell | None = None,
        criterion: str | None = None,
        severity: Severity = Severity.ERROR,
        **params: Any,
    ) -> None:
        location = f"'{cell.sheet}'!{cell.a1}" if cell is not None else ""
        message = t(key, file=self.file, cell=location, code=criterion or "", **params)
        self.result.problems.append(
            Problem(
                code=code,
                severity=severity,
                message=message,
                file=self.file,
                sheet=cell.sheet if cell is not None else None,
                cell=cell.a1 if cell is not None else None,
                criterion=criterion,
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
            self.problem("not-a-form", "score.not-a-form")
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
                "score.wrong-rubric",
                form_id=identity.rubric_id,
                form_digest=identity.rubric_digest,
                id=self.rubric.id,
                digest=expected.digest,
            )
            return False  # another rubric's names and formulas: scoring it here means nothing
        if identity.year != expected.year:
            self.problem(
                "wrong-year", "score.wrong-year", form=identity.year, expected=expected.year
            )
        if identity.period != expected.period:
            self.problem(
                "wrong-period",
                "score.wrong-period",
                form=t(f"score.period.{identity.period}"),
                expected=t(f"score.period.{expected.period}"),
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
        key = "score.missing-name" if code is not None else "score.missing-name.total"
        where = original.a1 if original is not None else "?"
        self.problem("missing-name", key, original, code, Severity.ERROR, name=name, original=where)

    def _value_problem(self, value: Parsed, cell: Cell, leaf: Criterion, spec: InputSpec) -> None:
        assert value.code is not None
        key = f"score.{value.code}"
        if value.code == "not-a-number":
            key += "." + value.details.get("reason", "text")
        details = {k: v for k, v in value.details.items() if k != "reason"}
        self.problem(
            value.code,
            key,
            cell,
            leaf.code,
            Severity.ERROR,
            label=spec.label or spec.name,
            **details,
        )

    def _check_leaf(
        self, side: Side, leaf: Criterion, parsed: dict[str, Parsed], cells: dict[str, Cell]
    ) -> dict[str, Value]:
        """Report blank inputs the formula needs (self side) and values it ignores."""
        valid = {name: p.value for name, p in parsed.items() if p.value is not None}
        specs = {spec.name: spec for spec in leaf.inputs}
        for name in _needed_blanks(leaf, valid, parsed, specs):
            if side is Side.SELF and name in cells:
                spec = specs[name]
                self.problem(
                    "missing-input",
                    "score.missing-input",
                    cells[name],
                    leaf.code,
                    label=spec.label or name,
                )
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
            reason_key = f"score.ignored-value.reason.{leaf.code}"
            reason = t(reason_key if reason_key in CATALOG else "score.ignored-value.reason")
            self.problem(
                "ignored-value",
                "score.ignored-value",
                cells.get(name),
                leaf.code,
                Severity.WARNING,
                label=specs[name].label or name,
                value=shown(valid[name]),
                reason=reason,
            )
        return used


_MISSING = Parsed(code="missing-name")


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
            name = str(exc.args[0])
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
                t("score.what.section", code=section.code),
                None,
                False,
            )
            sections_bad = sections_bad or bad
        if not sections_bad:
            self._cell(total_name(self.side), self.scores.total, t("score.what.total"), None, False)

    def _criterion(self, criterion: Criterion) -> bool:
        below = [self._criterion(c) for c in criterion.children]
        if any(below):
            return True
        text = criterion.code in self.text_codes
        return self._cell(
            points_name(self.side, criterion.code),
            self.scores.criteria.get(criterion.code),
            t("score.what.criterion", code=criterion.code),
            criterion.code,
            text,
        )

    def _cell(
        self, name: str, computed: Decimal | None, what: str, code: str | None, text: bool
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
            shown_cached, mismatch_key = "—", "score.cached-mismatch.deleted"
        else:
            number = _cached_number(cached)
            if number is not None and hundredths(number) == hundredths(computed):
                return False
            shown_cached = shown(cached) if number is None else plain(number)
            mismatch_key = "score.cached-mismatch"
        # A number typed as text: the score is right, only the printed sheet is not.
        key = "score.cached-mismatch.text" if text else mismatch_key
        severity = Severity.WARNING if text else Severity.ERROR
        self.scorer.problem(
            "cached-mismatch",
            key,
            cell,
            code,
            severity,
            what=what,
            cached=shown_cached,
            computed=plain(computed),
        )
        return True


def _cached_number(cached: object) -> Decimal | None:
    if isinstance(cached, bool) or not isinstance(cached, int | float):
        return None
    try:
        return to_decimal(cached)[0]
    except NotANumber:
        return None
