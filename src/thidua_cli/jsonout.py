"""JSON text with ``Decimal`` written as exact numbers (the stdlib would need floats).

``Stream`` marks a list produced while it is written (``write``), so a report of thousands
of workbooks never exists as one string or one list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, TextIO

from thidua_cli.numbers import json_number

WRITE_SIZE = 1 << 16  # one write per numbers-and-punctuation chunk would be slow on a terminal


class Stream:
    """A JSON list whose items come from an iterable, consumed once while writing."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def dumps(value: Any, indent: int | None = 2) -> str:
    return "".join(_chunks(value, indent, 0))


def write(value: Any, out: TextIO, indent: int | None = 2) -> None:
    """Like ``dumps``, written as it is made, in pieces of about ``WRITE_SIZE`` characters."""
    pending: list[str] = []
    size = 0
    for chunk in _chunks(value, indent, 0):
        pending.append(chunk)
        size += len(chunk)
        if size >= WRITE_SIZE:
            out.write("".join(pending))
            pending.clear()
            size = 0
    out.write("".join(pending))


def _chunks(value: Any, indent: int | None, level: int) -> Iterator[str]:
    if isinstance(value, Mapping):
        items = ((f"{json.dumps(str(k), ensure_ascii=False)}: ", v) for k, v in value.items())
        yield from _wrap("{", "}", items, indent, level)
    elif isinstance(value, list | tuple):
        yield from _wrap("[", "]", (("", v) for v in value), indent, level)
    elif isinstance(value, Stream):
        yield from _wrap("[", "]", (("", v) for v in value.items), indent, level)
    else:
        yield _scalar(value)


def _wrap(
    open_: str, close: str, items: Iterable[tuple[str, Any]], indent: int | None, level: int
) -> Iterator[str]:
    """A container: one item per line at ``indent`` (or ", "-separated), "[]" when empty."""
    pad = "" if indent is None else "\n" + " " * (indent * (level + 1))
    separator = ", " if indent is None else "," + pad
    first = True
    for prefix, item in items:
        yield (open_ + pad if first else separator) + prefix
        first = False
        if isinstance(item, _CONTAINERS):
            yield from _chunks(item, indent, level + 1)
        else:  # most items are numbers: no generator for each of them
            yield _scalar(item)
    if first:
        yield open_ + close
    else:
        yield ("" if indent is None else "\n" + " " * (indent * level)) + close


def _scalar(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(json_number(value))
    return json.dumps(value, ensure_ascii=False)


_CONTAINERS = (Mapping, list, tuple, Stream)
