"""YAML for user files: safe tags only, no aliases, bounded size, line numbers kept.

Mappings come back as ``LineDict`` so a later validation error can name the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from thidua_cli.findings import Finding, Msg, finding

MAX_YAML_BYTES = 1_000_000
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


class _Loader(yaml.SafeLoader):
    """Safe tags only; refuses aliases (no "billion laughs"), deep nesting, duplicate keys."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _Refused(Msg("yaml.alias"), self._next_mark())
        if self._depth >= MAX_YAML_DEPTH:
            raise _Refused(Msg("yaml.nesting", {"limit": MAX_YAML_DEPTH}), self._next_mark())
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def _next_mark(self) -> Any:
        return self.peek_event().start_mark  # type: ignore[no-untyped-call]

    def construct_line_dict(self, node: yaml.MappingNode) -> LineDict:
        data = LineDict()
        data.line = node.start_mark.line + 1
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = str(self.construct_object(key_node, deep=True))
            if key in data:
                raise _Refused(Msg("yaml.duplicate_key", {"name": key}), key_node.start_mark)
            data[key] = self.construct_object(value_node, deep=True)
        return data


_Loader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _Loader.construct_line_dict,
)


def load_yaml(path: Path) -> Any:
    """Load ``path`` safely, or raise ``YamlError`` naming the file and line."""
    file = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlError(finding("yaml-unreadable", file=file, reason=exc.strerror)) from exc
    if size > MAX_YAML_BYTES:
        raise YamlError(finding("yaml-too-big", file=file, size=size, limit=MAX_YAML_BYTES))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(finding("yaml-not-utf8", file=file)) from exc
    try:
        loader = _Loader(text)  # a SafeLoader: safe tags only, no aliases
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        # PyYAML's own wording is English ("found unexpected end of stream"): kept as a quote.
        reason = exc.reason if isinstance(exc, _Refused) else (exc.problem or exc.context or "")
        raise YamlError(finding("yaml-syntax", file=file, line=line, reason=reason)) from exc
    except yaml.YAMLError as exc:
        raise YamlError(finding("yaml-syntax", file=file, line=0, reason=str(exc))) from exc
    except RecursionError as exc:
        raise YamlError(finding("yaml-too-deep", file=file)) from exc


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
