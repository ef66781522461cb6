"""JSON text with ``Decimal`` written as exact numbers (the stdlib would need floats)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from thidua_cli.numbers import json_number


def dumps(value: Any, indent: int | None = 2) -> str:
    return _dump(value, indent, 0)


def _dump(value: Any, indent: int | None, level: int) -> str:
    if isinstance(value, Decimal):
        return str(json_number(value))
    if isinstance(value, Mapping):
        items = [
            f"{json.dumps(str(k), ensure_ascii=False)}: {_dump(v, indent, level + 1)}"
            for k, v in value.items()
        ]
        return _wrap("{", "}", items, indent, level)
    if isinstance(value, list | tuple):
        return _wrap("[", "]", [_dump(v, indent, level + 1) for v in value], indent, level)
    return json.dumps(value, ensure_ascii=False)


def _wrap(open_: str, close: str, items: list[str], indent: int | None, level: int) -> str:
    if not items:
        return open_ + close
    if indent is None:
        return open_ + ", ".join(items) + close
    pad = " " * (indent * (level + 1))
    return open_ + "\n" + ",\n".join(pad + i for i in items) + "\n" + " " * (indent * level) + close
