"""The lock: the figures the cluster verified ("đối chiếu thống nhất điểm"), sealed by a digest.

``thidua lock`` records, per unit, every input and every criterion's points of both sides as
normalized text, so that ``thidua rank --lock`` can tell which criteria a unit changed
afterwards (guidance I.3.4: such a unit is not considered). The digest (sha256 over a
canonical JSON of everything else) makes a hand-edited lock file an error, not a pass.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from thidua_cli import validation
from thidua_cli.files import write_output
from thidua_cli.findings import Finding, Msg, ThiduaError, UsageError, finding
from thidua_cli.numbers import exact_text
from thidua_cli.rubric.formula import Value
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.batch import UnitFile, files_by_unit
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
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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


def lock_unit(result: WorkbookResult) -> LockedUnit:
    identity = result.identity
    assert identity is not None, "a workbook without errors has an identity"
    return LockedUnit(
        unit_id=identity.unit_id,
        unit_name=identity.unit_name,
        cluster=identity.cluster,
        file=Path(result.file).name,
        rubric_id=identity.rubric_id,
        rubric_digest=identity.rubric_digest,
        year=identity.year,
        period=identity.period,
        inputs={side.json_key: _side_inputs(result, side) for side in Side},
        points={side.json_key: _side_points(result, side) for side in Side},
    )


def make_lock(results: Iterable[WorkbookResult], created: datetime | None = None) -> Lock:
    """Seal the figures of ``results`` (read once: each becomes its text as it comes).

    Refuses, saying every reason at once, when a workbook has errors or a unit came twice.
    """
    bad: list[str] = []
    sent: list[UnitFile] = []
    units: dict[str, LockedUnit] = {}
    for result in results:
        sent.append((result.unit_id, result.file))
        if not result.ok or result.identity is None:
            bad.append(result.file)
        else:
            units[result.identity.unit_id] = lock_unit(result)
    refusals: list[Finding] = [
        finding("lock-duplicate-unit", unit=unit, files=", ".join(sorted(files)))
        for unit, files in sorted(files_by_unit(sent).items())
        if len(files) > 1
    ]
    if bad:
        files = "\n  ".join(sorted(bad))
        refusals.insert(0, finding("lock-has-errors", count=len(bad), files=files))
    if refusals:
        raise ThiduaError(*refusals)
    if not units:
        raise UsageError(finding("lock-nothing"))
    moment = (created or datetime.now(UTC)).isoformat(timespec="seconds")
    lock = Lock(created=moment, units=dict(sorted(units.items())))
    return lock.model_copy(update={"digest": lock.content_digest()})


def write_lock(path: Path, lock: Lock) -> None:
    """Write the lock as JSON, atomically (temp file in the same folder, then rename)."""
    text = json.dumps(lock.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    data = text.encode("utf-8")
    if len(data) > MAX_LOCK_BYTES:  # `rank --lock` would refuse it: say so now
        raise ThiduaError(
            finding(
                "lock-too-big-to-write",
                units=len(lock.units),
                size=len(data) // 10**6 + 1,
                limit=MAX_LOCK_BYTES // 10**6,
            )
        )

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_output(path, write)


def read_lock(path: Path) -> Lock:
    """Load and verify a lock file: bad JSON, a wrong shape or a wrong digest are errors."""
    file = str(path)
    if not path.is_file():
        raise UsageError(finding("path-missing", path=file))
    if path.stat().st_size > MAX_LOCK_BYTES:
        raise ThiduaError(finding("lock-invalid", file=file, reason=Msg("lock.too_big")))
    try:
        data: Any = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ThiduaError(finding("lock-invalid", file=file, reason=str(exc))) from exc
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
    if lock.digest != lock.content_digest():
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


def _differs(locked: LockedUnit, current: LockedUnit, code: str) -> bool:
    for side in Side:
        key = side.json_key
        old_inputs = locked.inputs.get(key, {}).get(code)
        new_inputs = current.inputs.get(key, {}).get(code)
        old_points = locked.points.get(key, {}).get(code)
        new_points = current.points.get(key, {}).get(code)
        if old_inputs != new_inputs or old_points != new_points:
            return True
    return False


def _is_ancestor(code: str, other: str) -> bool:
    return other.startswith(code + ".")


def compare(lock: Lock, result: WorkbookResult) -> list[str]:
    """Criteria whose inputs or points differ from the lock, on either side, most specific first.

    A group is named only when none of its descendants is (its points follow theirs).
    A unit that is not in the lock has nothing to compare with: ``KeyError``.
    """
    locked = lock.units[str(result.unit_id)]
    current = lock_unit(result)
    order: list[str] = []
    for source in (locked, current):
        for points in source.points.values():
            order.extend(code for code in points if code not in order)
        for inputs in source.inputs.values():
            order.extend(code for code in inputs if code not in order)
    changed = [code for code in order if _differs(locked, current, code)]
    return [c for c in changed if not any(_is_ancestor(c, other) for other in changed)]
