"""YAML for user files: safe tags only, no aliases, bounded size and depth, line numbers kept.

Mappings come back as ``LineDict`` so a later validation error can name the line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from thidua_cli.files import os_reason
from thidua_cli.findings import Finding, Msg, finding

MAX_YAML_BYTES = 1_000_000
# What ends a line for YAML 1.1 (PyYAML and libyaml count lines by these).
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
# Deeper than any real configuration; refused before Python's recursion limit is near.
MAX_YAML_DEPTH = 50


class YamlError(ValueError):
    """The file is not acceptable YAML; ``finding`` names the file and line."""

    def __init__(self, found: Finding) -> None:
        super().__init__(found.key)
        self.finding = found


class _Refused(yaml.MarkedYAMLError):
    """A construct we refuse (alias, nesting, duplicate key), with the reason as a ``Msg``."""

    def __init__(self, reason: Msg, mark: Any) -> None:
        super().__init__(None, None, reason.key, mark)
        self.reason = reason


class LineDict(dict[str, Any]):
    """A mapping that remembers the line (1-based) it started on."""

    line: int = 0


# libyaml's C parser composes the node graph (fast, and it refuses nesting deeper than 1,000);
# the pure-Python one when PyYAML was built without it. Composing builds no object: aliases come
# back as the same node, which ``_construct`` refuses, so a "billion laughs" never expands.
_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SAFE = yaml.constructor.SafeConstructor()
_MAP, _SEQ = (
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
)


def _construct(node: yaml.Node, depth: int, seen: set[int], where: Any = None) -> Any:
    """Plain data from ``node``: safe tags only; no alias, no key twice, at most
    ``MAX_YAML_DEPTH`` deep; mappings as ``LineDict``. ``where``: the mark of the place that
    holds ``node`` (an alias is named where it is used, not where its anchor stands)."""
    if id(node) in seen:  # the composer hands an alias back as the node it names
        raise _Refused(Msg("yaml.alias"), where or node.start_mark)
    if depth >= MAX_YAML_DEPTH:
        raise _Refused(Msg("yaml.nesting", {"limit": MAX_YAML_DEPTH}), node.start_mark)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        _SAFE.flatten_mapping(node)
        data = LineDict()
        data.line = node.start_mark.line + 1
        for key_node, value_node in node.value:
            key = str(_construct(key_node, depth + 1, seen))
            if key in data:
                raise _Refused(Msg("yaml.duplicate_key", {"name": key}), key_node.start_mark)
            data[key] = _construct(value_node, depth + 1, seen, key_node.start_mark)
        return data
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        return [_construct(item, depth + 1, seen, node.start_mark) for item in node.value]
    if isinstance(node, yaml.ScalarNode):
        # the safe constructors only; any other tag (!!python/...) is refused by the fallback
        make: Any = _SAFE.yaml_constructors.get(node.tag, _SAFE.yaml_constructors[None])
        return make(_SAFE, node)
    raise yaml.constructor.ConstructorError(
        None, None, f"could not determine a constructor for the tag {node.tag!r}", node.start_mark
    )


def load_yaml(path: Path) -> Any:
    """Load ``path`` safely, or raise ``YamlError`` naming the file and line."""
    file = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlError(finding("yaml-unreadable", file=file, reason=os_reason(exc))) from exc
    if size > MAX_YAML_BYTES:
        raise YamlError(finding("yaml-too-big", file=file, size=size, limit=MAX_YAML_BYTES))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(finding("yaml-not-utf8", file=file)) from exc
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
        return None if node is None else _construct(node, 0, set())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        reason = _reason(exc, text)
        raise YamlError(finding("yaml-syntax", file=file, line=line, reason=reason)) from exc
    except yaml.YAMLError as exc:
        raise YamlError(finding("yaml-syntax", file=file, line=0, reason=str(exc))) from exc
    except RecursionError as exc:
        raise YamlError(finding("yaml-too-deep", file=file)) from exc


def _reason(error: yaml.MarkedYAMLError, text: str) -> Msg | str:
    """Our own refusals in the user's language; libyaml's nesting limit and a tab where YAML
    wants spaces (Notepad's Tab key) as ours too; PyYAML's other wording is English ("found
    unexpected end of stream"), kept as a quote."""
    if isinstance(error, _Refused):
        return error.reason
    problem = error.problem or error.context or ""
    if "maximum nesting depth" in problem:
        return Msg("yaml.nesting", {"limit": MAX_YAML_DEPTH})
    if "tab character" in problem or _char_at(text, error.problem_mark) == "\t":
        return Msg("yaml.tab")
    return problem


def _char_at(text: str, mark: Any) -> str:
    """The character a mark points at, by line and column (libyaml's index skips a byte-order
    mark, PyYAML's does not; "" when the mark is past the text)."""
    if mark is None:
        return ""
    lines = _LINE_BREAKS.split(text.removeprefix("\ufeff"))
    line = lines[mark.line] if 0 <= mark.line < len(lines) else ""
    return line[mark.column] if 0 <= mark.column < len(line) else ""


def line_of(data: Any, loc: tuple[int | str, ...]) -> int:
    """The line of the deepest mapping on the path ``loc`` inside ``data`` (0 if unknown)."""
    line = data.line if isinstance(data, LineDict) else 0
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, LineDict):
            line = node.line
    return line
