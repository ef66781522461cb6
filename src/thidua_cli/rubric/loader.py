"""Load a criteria directory: ``rubric.yaml`` (metadata, section files) and one YAML per section.

Every problem is a located finding (file, line, criterion code): YAML errors, unknown keys
(with a "did you mean"), formulas the language refuses, duplicate codes, nesting too deep.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from thidua_cli import validation
from thidua_cli.files import shipped_dir
from thidua_cli.findings import Finding, RubricError, UsageError, finding
from thidua_cli.rubric.model import (
    DEFAULT_RUBRIC_ID,
    Agreement,
    Criterion,
    InputSpec,
    LevelSpec,
    Rubric,
    RubricMeta,
    Section,
)
from thidua_cli.safe_yaml import YamlError, line_of, load_yaml

_M = TypeVar("_M", bound=BaseModel)
MAX_TREE_DEPTH = 6
MAX_REPORTED = 10
_KEYS = validation.field_names([RubricMeta, Agreement, Section, Criterion, InputSpec, LevelSpec])


def default_rubric_dir() -> Path:
    """The built-in rubric: top-level ``criteria/`` in a checkout, shipped in the wheel."""
    return shipped_dir("criteria") / DEFAULT_RUBRIC_ID


def load_rubric(directory: Path | None = None) -> Rubric:
    """Load and validate a criteria directory (the built-in rubric when ``None``)."""
    if directory is not None and not directory.exists():
        raise UsageError(finding("path-missing", path=str(directory)))
    directory = directory or default_rubric_dir()
    meta_path = directory / "rubric.yaml"
    if not meta_path.is_file():
        raise RubricError(finding("rubric-no-meta", dir=str(directory)))
    meta, _ = _validate(RubricMeta, meta_path)
    sections: list[Section] = []
    seen: dict[str, str] = {}
    for name in meta.sections:
        path = (directory / name).resolve()
        if directory.resolve() not in path.parents or not path.is_file():
            raise RubricError(
                finding("rubric-no-section", file=str(directory / name), meta=str(meta_path))
            )
        section, data = _validate(Section, path)
        _check_codes(data, path, seen)
        sections.append(section)
    return Rubric(meta=meta, sections=tuple(sections), source=str(directory))


def _validate(model: type[_M], path: Path) -> tuple[_M, Any]:
    """The file's model and its raw data (whose mappings know their lines)."""
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise RubricError(exc.finding) from exc
    if not isinstance(data, dict):
        raise RubricError(finding("rubric-not-mapping", file=str(path)))
    try:
        return model.model_validate(data), data
    except ValidationError as exc:
        raise RubricError(*_describe(exc, data, path)) from exc
    except RecursionError as exc:
        raise RubricError(finding("yaml-too-deep", file=str(path))) from exc


def _check_codes(data: Any, path: Path, seen: dict[str, str]) -> None:
    """Codes are unique across the rubric and criteria nest at most ``MAX_TREE_DEPTH`` deep.

    ``seen`` maps each code met so far to where it was (file:line).
    """
    for code, line in _codes_with_lines(data):
        if code in seen:
            raise RubricError(
                finding(
                    "rubric-duplicate-code",
                    file=str(path),
                    line=line,
                    criterion=code,
                    first=seen[code],
                )
            )
        seen[code] = f"{path}:{line}"
        if code.count(".") > MAX_TREE_DEPTH:
            raise RubricError(
                finding(
                    "rubric-too-deep",
                    file=str(path),
                    line=line,
                    criterion=code,
                    limit=MAX_TREE_DEPTH,
                )
            )


def _codes_with_lines(node: Any) -> Iterator[tuple[str, int]]:
    """(code, line) of the section and every criterion in a validated section file."""
    yield str(node["code"]), line_of(node, ())
    for child in (*node.get("criteria", ()), *node.get("children", ())):
        yield from _codes_with_lines(child)


def _describe(exc: ValidationError, data: Any, path: Path) -> list[Finding]:
    found = []
    for error in validation.own_errors(exc)[:MAX_REPORTED]:
        loc = tuple(error["loc"])
        code, rest = _nearest_code(data, loc)
        found.append(
            finding(
                "rubric-invalid",
                # the error is the criterion's as a whole: its code says where, not a path
                variant=None if rest or code == "-" else "criterion",
                file=str(path),
                line=line_of(data, loc),
                criterion=code,
                where=validation.where(rest if code != "-" else loc),
                reason=validation.reason(error, _KEYS),
            )
        )
    return found


def _nearest_code(data: Any, loc: tuple[int | str, ...]) -> tuple[str, tuple[int | str, ...]]:
    """The code of the deepest criterion (or section) on the path ``loc``, and the rest of
    the path below it (``("max",)``; empty when the error is the criterion's own)."""
    code, rest = "-", loc
    node = data
    for depth, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(node.get("code"), str | int | float):
            code, rest = str(node["code"]), loc[depth:]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    else:
        if isinstance(node, dict) and isinstance(node.get("code"), str | int | float):
            code, rest = str(node["code"]), ()
    return code, rest
