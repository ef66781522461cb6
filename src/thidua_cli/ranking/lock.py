"""The lock: the figures the cluster verified ("đối chiếu thống nhất điểm"), sealed by a digest.

``thidua lock`` records, per unit, every input and every criterion's points of both sides as
normalized text, so that ``thidua rank`` can tell which side changed which criteria
afterwards: a unit that changed its own figures is not considered (guidance I.3.4); a
correction the cluster made to its own column waits for a new lock of that unit. The lock is
refused while any workbook's cluster side still has blank cells. The file's digest (sha256
over a canonical JSON of everything else) makes a carelessly edited lock file an error; the
record book (``book``) is what makes a deliberate one detectable.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct, field
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from thidua_cli import validation
from thidua_cli.files import write_output_bytes
from thidua_cli.findings import Finding, Msg, ThiduaError, UsageError, finding
from thidua_cli.numbers import exact_text
from thidua_cli.ranking.book import SHORT_DIGEST, canonical
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.duplicates import UnitFile, files_by_unit

if TYPE_CHECKING:  # reading a lock or the book needs neither the rubric nor the scorer
    from thidua_cli.rubric.formula import Value
    from thidua_cli.rubric.model import Rubric
    from thidua_cli.scoring.results import WorkbookResult

MAX_LOCK_BYTES = 20_000_000  # about 2,400 units (8 KB each); a cluster has a few dozen

# side json key ("self"/"cluster") -> criterion code -> input name -> text (None when blank)
LockedInputs = dict[str, dict[str, dict[str, str | None]]]
# side json key -> criterion code -> points text (None when not computable)
LockedPoints = dict[str, dict[str, str | None]]


class LockedUnit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    unit_id: str
    unit_name: str
    cluster: str
    file: str  # the file's name when locked, for the clerk's information only
    rubric_id: str
    rubric_digest: str
    year: int
    period: str
    inputs: LockedInputs
    points: LockedPoints


class Lock(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["thidua-lock"] = "thidua-lock"
    version: Literal[1] = 1
    created: str
    units: dict[str, LockedUnit] = Field(default_factory=dict)
    digest: str = ""

    def content_digest(self) -> str:
        payload = self.model_dump(mode="json", exclude={"digest"})
        return _digest(payload)


def _digest(payload: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(payload).encode("utf-8")).hexdigest()


def value_text(value: Value | None) -> str | None:
    """An input or points value as text that does not depend on how it was typed (5.50 = 5.5)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return exact_text(value)
    return value


def _side_inputs(result: WorkbookResult, side: Side) -> dict[str, dict[str, str | None]]:
    inputs = result.inputs.get(side, {})
    return {
        code: {name: value_text(v) for name, v in sorted(values.items())}
        for code, values in inputs.items()
    }


def _side_points(result: WorkbookResult, side: Side) -> dict[str, str | None]:
    scores = result.scores.get(side)
    if scores is None:
        return {}
    return {code: value_text(points) for code, points in scores.criteria.items()}


def printable(text: str) -> str:
    """A file name as valid text (a name from a Windows zip may hold undecodable bytes,
    which Python keeps as lone surrogates: shown as ``\\udcxx``)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def lock_unit(result: WorkbookResult) -> LockedUnit:
    identity = result.identity
    assert identity is not None, "a workbook without errors has an identity"
    return LockedUnit(
        unit_id=identity.unit_id,
        unit_name=identity.unit_name,
        cluster=identity.cluster,
        file=printable(Path(result.file).name),
        rubric_id=identity.rubric_id,
        rubric_digest=identity.rubric_digest,
        year=identity.year,
        period=identity.period,
        inputs={side.json_key: _side_inputs(result, side) for side in Side},
        points={side.json_key: _side_points(result, side) for side in Side},
    )


def make_lock(
    results: Iterable[WorkbookResult],
    created: datetime | None = None,
    rubrics: Sequence[Rubric] = (),
) -> Lock:
    """Seal the figures of ``results`` (read once: each becomes its text as it comes).

    Refuses, saying every reason at once, when a workbook has errors, a unit came twice, or a
    workbook's cluster side is not complete (every blank cell named, located with the layout
    of the form's rubric among ``rubrics``).
    """
    bad: list[str] = []
    sent: list[UnitFile] = []
    units: dict[str, LockedUnit] = {}
    blanks: list[Finding] = []
    unscored: list[str] = []
    for result in results:
        sent.append((result.unit_id, result.file))
        if not result.ok or result.identity is None:
            bad.append(result.file)
            continue
        if not result.complete(Side.CLUSTER):
            unscored.append(result.file)
            blanks += blank_cluster_cells(result, _rubric_of(result, rubrics))
        units[result.identity.unit_id] = lock_unit(result)
    refusals: list[Finding] = [
        finding("lock-duplicate-unit", unit=unit, files=", ".join(sorted(files)))
        for unit, files in sorted(files_by_unit(sent).items())
        if len(files) > 1
    ]
    if bad:
        files = "\n  ".join(sorted(bad))
        refusals.insert(0, finding("lock-has-errors", count=len(bad), files=files))
    if unscored:
        refusals.append(finding("lock-cluster-incomplete", count=len(unscored)))
        refusals += blanks
    if refusals:
        raise ThiduaError(*refusals)
    if not units:
        raise UsageError(finding("lock-nothing"))
    moment = (created or datetime.now(UTC)).isoformat(timespec="seconds")
    lock = Lock(created=moment, units=dict(sorted(units.items())))
    return lock.model_copy(update={"digest": lock.content_digest()})


MAX_BLANKS_NAMED = 25  # per workbook; an unscored workbook has a hundred blank cells


def _rubric_of(result: WorkbookResult, rubrics: Sequence[Rubric]) -> Rubric | None:
    identity = result.identity
    if identity is None or not rubrics:
        return None
    for rubric in rubrics:
        if (rubric.id, rubric.digest()) == (identity.rubric_id, identity.rubric_digest):
            return rubric
    return next((r for r in rubrics if r.id == identity.rubric_id), None)


def blank_cluster_cells(result: WorkbookResult, rubric: Rubric | None) -> list[Finding]:
    """The cluster's to-do list: every blank «Cụm đánh giá» input of a criterion the cluster
    has not scored yet (file, sheet, cell, criterion), from the result and the form's layout."""
    scores = result.scores.get(Side.CLUSTER)
    if scores is None or rubric is None:
        return [finding("lock-cluster-blank", variant="file", file=printable(result.file))]
    from thidua_cli.form.layout import build_layout  # only when a lock is refused

    given = result.inputs.get(Side.CLUSTER, {})
    layout = build_layout(rubric)
    found: list[Finding] = []
    for leaf in rubric.leaves():
        if scores.criteria.get(leaf.code) is not None:
            continue
        for spec in leaf.inputs:
            if spec.name in given.get(leaf.code, {}):
                continue
            cell = layout.input_cell(Side.CLUSTER, leaf.code, spec.name)
            found.append(
                finding(
                    "lock-cluster-blank",
                    file=printable(result.file),
                    sheet=cell.sheet,
                    cell=cell.a1,
                    criterion=leaf.code,
                    label=Msg("input.label", {"vi": spec.label or spec.name, "en": spec.name}),
                )
            )
    if len(found) > MAX_BLANKS_NAMED:
        more = len(found) - MAX_BLANKS_NAMED
        found = found[:MAX_BLANKS_NAMED]
        found.append(
            finding("lock-cluster-blank", variant="more", file=printable(result.file), count=more)
        )
    return found


def lock_bytes(lock: Lock) -> bytes:
    """The lock file's bytes, or a refusal of a lock ``rank --lock`` could not read (asked
    before the lock is recorded in the book, so a refused lock records nothing)."""
    # pydantic's serializer (Rust) writes what json.dumps(indent=2) writes, ten times faster
    data = (lock.model_dump_json(indent=2) + "\n").encode("utf-8")
    if len(data) > MAX_LOCK_BYTES:
        raise ThiduaError(
            finding(
                "lock-too-big-to-write",
                units=len(lock.units),
                size=len(data) // 10**6 + 1,
                limit=MAX_LOCK_BYTES // 10**6,
            )
        )
    return data


def write_lock(path: Path, lock: Lock | bytes) -> None:
    """Write the lock (or its ``lock_bytes``) as JSON, atomically (temp file in the same
    folder, then rename)."""
    write_output_bytes(path, lock if isinstance(lock, bytes) else lock_bytes(lock))


MAX_NUMBER_DIGITS = 20  # a lock holds numbers as text; its only JSON number is the version


class _TooLong(ValueError):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _TooLong(len(text))
    return int(text)


class _Constant(ValueError):
    """NaN or Infinity: Python's json reads them, JSON has no such numbers."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _no_constant(text: str) -> Any:
    raise _Constant(text)


def read_lock(path: Path) -> Lock:
    """Load and verify a lock file: bad JSON, a wrong shape or a wrong digest are errors."""
    file = str(path)
    if not path.is_file():
        raise UsageError(finding("path-missing", path=file))
    if path.stat().st_size > MAX_LOCK_BYTES:
        raise ThiduaError(finding("lock-invalid", file=file, reason=Msg("lock.too_big")))
    try:
        data: Any = json.loads(
            path.read_bytes().decode("utf-8"),
            parse_int=_bounded_int,
            parse_constant=_no_constant,
        )
    except RecursionError as exc:  # "[[[[…" a hundred thousand deep
        raise ThiduaError(finding("lock-invalid", file=file, reason=Msg("lock.too_deep"))) from exc
    except _TooLong as exc:
        reason = Msg("lock.number_too_long", {"digits": exc.digits})
        raise ThiduaError(finding("lock-invalid", file=file, reason=reason)) from exc
    except UnicodeDecodeError as exc:
        reason = Msg("lock.not_utf8", {"offset": exc.start + 1})  # counted from 1
        raise ThiduaError(finding("lock-invalid", file=file, reason=reason)) from exc
    except json.JSONDecodeError as exc:
        reason = Msg("lock.not_json", {"line": exc.lineno, "column": exc.colno})
        raise ThiduaError(finding("lock-invalid", file=file, reason=reason)) from exc
    except _Constant as exc:
        reason = Msg("lock.not_json.constant", {"value": exc.text})
        raise ThiduaError(finding("lock-invalid", file=file, reason=reason)) from exc
    try:
        lock = Lock.model_validate(data)
    except ValidationError as exc:
        raise ThiduaError(
            *(
                finding(
                    "lock-invalid",
                    file=file,
                    reason=Msg(
                        "lock.field",
                        {"where": validation.where(e["loc"]), "reason": validation.reason(e)},
                    ),
                )
                for e in exc.errors()[:5]
            )
        ) from exc
    # A file thidua wrote reads back as the model dumps it: its content as written gives the
    # digest without a model dump (half the time of the check); another spelling the model
    # accepts (a year written "2020") is checked as the model reads it.
    as_written = _digest({k: v for k, v in data.items() if k != "digest"})
    if lock.digest != as_written and lock.digest != lock.content_digest():
        raise ThiduaError(finding("lock-tampered", file=file))
    return lock


def merge_locks(locks: Sequence[Lock]) -> Lock:
    """Several clusters' locks as one (the department ranks all clusters at once)."""
    if len(locks) == 1:
        return locks[0]
    units: dict[str, LockedUnit] = {}
    for lock in locks:
        for unit_id, unit in lock.units.items():
            if unit_id in units and units[unit_id] != unit:
                raise ThiduaError(finding("lock-conflict", unit=unit_id))
            units[unit_id] = unit
    merged = Lock(created=max(lock.created for lock in locks), units=dict(sorted(units.items())))
    return merged.model_copy(update={"digest": merged.content_digest()})


class Changes(Struct, frozen=True):
    """Criteria changed since the lock, by side, most specific first (a group is named only
    when none of its descendants is)."""

    own: list[str] = field(default_factory=list)  # the unit's figures: its inputs, self points
    cluster: list[str] = field(default_factory=list)  # the cluster's column

    def __bool__(self) -> bool:
        return bool(self.own or self.cluster)


def _differs(locked: LockedUnit, current: LockedUnit, side: Side, code: str) -> bool:
    key = side.json_key
    return bool(
        locked.inputs.get(key, {}).get(code) != current.inputs.get(key, {}).get(code)
        or locked.points.get(key, {}).get(code) != current.points.get(key, {}).get(code)
    )


def _is_ancestor(code: str, other: str) -> bool:
    return other.startswith(code + ".")


def changes_between(locked: LockedUnit, current: LockedUnit) -> Changes:
    seen: dict[str, None] = {}  # every criterion either side names, first seen first
    for source in (locked, current):
        for points in source.points.values():
            seen.update(dict.fromkeys(points))
        for inputs in source.inputs.values():
            seen.update(dict.fromkeys(inputs))
    order = list(seen)

    def on(side: Side) -> list[str]:
        changed = [code for code in order if _differs(locked, current, side, code)]
        return [c for c in changed if not any(_is_ancestor(c, other) for other in changed)]

    return Changes(own=on(Side.SELF), cluster=on(Side.CLUSTER))


def compare(locked: LockedUnit, result: WorkbookResult) -> Changes:
    """What changed in ``result`` since ``locked`` was verified, on either side."""
    return changes_between(locked, lock_unit(result))


def same_figures(one: LockedUnit, other: LockedUnit) -> bool:
    """The same verified figures (the file's name is for information only)."""
    return one.model_dump(exclude={"file"}) == other.model_dump(exclude={"file"})


# --- what rank compares with: a lock file, or the record book ----------------------------


class Relock(Struct, frozen=True):
    """A re-verification that changed the unit's own figures, accepted with a reason."""

    changed: tuple[str, ...]  # the unit's own criteria changed from the entry it replaced
    reason: str
    date: str  # ISO date of the new lock
    by: str | None = None


class Verification(Struct, frozen=True):
    """A unit's verified figures: the latest lock of its year and period."""

    unit: LockedUnit
    digest: str | None = None  # the short digest of its record-book entry (None: a lock file)
    relocks: tuple[Relock, ...] = ()
    locked_on: str = ""  # when it was locked (ISO): the book entry's time, or the lock file's
    source_digest: str = ""  # what the signed minutes quote: the entry's, else the file's


class Verified:
    """Verified figures by (unit, year, period), from a lock file or the record book."""

    def __init__(self, items: Mapping[tuple[str, int, str], Verification], source: str) -> None:
        self._items = dict(items)
        self.source = source  # "lock" or "book"

    @classmethod
    def from_lock(cls, lock: Lock) -> Verified:
        short = lock.digest[:SHORT_DIGEST]
        items = {
            (u.unit_id, u.year, u.period): Verification(
                u, locked_on=lock.created, source_digest=short
            )
            for u in lock.units.values()
        }
        return cls(items, "lock")

    def get(self, unit_id: str, year: int, period: str) -> Verification | None:
        return self._items.get((unit_id, year, period))

    def covers(self, year: int | None, period: str) -> bool:
        """Whether anything was verified for this year and period."""
        return any((y, p) == (year, period) for _, y, p in self._items)

    def meetings(self) -> list[tuple[int, str]]:
        """The years and periods it holds figures of, in order."""
        return sorted({(y, p) for _, y, p in self._items})

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Verification]:
        return iter(self._items.values())

    def of(self, year: int | None, period: str) -> list[Verification]:
        """Every unit's verification for one year and period (the papers of that meeting)."""
        return [v for (_, y, p), v in self._items.items() if (y, p) == (year, period)]
