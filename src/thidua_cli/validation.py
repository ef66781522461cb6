"""pydantic's validation errors as catalog texts (``Msg``), never as pydantic's English.

Our own validators raise ``PydanticCustomError(key, key, params)`` with a catalog key; the
standard error types map to ``validation.<type>`` entries; a misspelt key gets a "did you
mean" from the names the model knows.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from thidua_cli.findings import Msg, Param

# The standard error types the catalog explains: type -> its ``validation.<key>`` text in
# messages/criteria (types that say the same thing share one text).
CATALOG_KEYS = {
    "missing": "missing",
    "extra_forbidden": "extra_forbidden",
    "greater_than_equal": "greater_than_equal",
    "less_than_equal": "less_than_equal",
    "string_pattern_mismatch": "string_pattern_mismatch",
    "string_type": "string_type",
    "string_too_short": "string_too_short",
    "string_too_long": "string_too_long",
    "too_short": "too_short",
    "decimal_parsing": "number",
    "decimal_type": "number",
    "int_parsing": "whole_number",
    "int_type": "whole_number",
    "int_from_float": "whole_number",
    "bool_parsing": "boolean",
    "bool_type": "boolean",
    "enum": "one_of",
    "literal_error": "one_of",
    "tuple_type": "list",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
}


# Paths our own validators put in an error's context (``location``, ``first_location``):
# places in the data, never parameters of the message.
PATHS = frozenset({"at", "first"})


def own_errors(error: ValidationError) -> list[ErrorDetails]:
    """The errors worth telling: pydantic also says a list is too short when its items failed
    (it counts only the valid ones), which would send a clerk after an empty list that is not."""
    errors = error.errors()
    failed = [tuple(e["loc"]) for e in errors]

    def knock_on(one: ErrorDetails) -> bool:
        loc = tuple(one["loc"])
        return one["type"] == "too_short" and any(
            len(other) > len(loc) and other[: len(loc)] == loc for other in failed
        )

    return [one for one in errors if not knock_on(one)]


def field_names(models: Iterable[type[BaseModel]]) -> list[str]:
    """Every key the given models accept (for "did you mean")."""
    names: set[str] = set()
    for model in models:
        names.update(model.model_fields)
    return sorted(names)


def location(error: ErrorDetails) -> tuple[int | str, ...]:
    """Where the error is: pydantic's ``loc``, then the path one of our validators named
    below it (ctx ``at``: a repeated id is found by the model that holds the list)."""
    return (*error["loc"], *_path(error, "at"))


def first_location(error: ErrorDetails) -> tuple[int | str, ...] | None:
    """Where what the error repeats first stands (ctx ``first``), if our validator said."""
    first = _path(error, "first")
    return (*error["loc"], *first) if first else None


def _path(error: ErrorDetails, name: str) -> tuple[int | str, ...]:
    value = (error.get("ctx") or {}).get(name)
    return tuple(value) if isinstance(value, tuple) else ()


def reason(error: ErrorDetails, known_keys: Iterable[str] = (), first_line: int = 0) -> Msg:
    """The error's message as a catalog text, with its parameters. ``first_line``: the line
    of what the error repeats (our ``<key>.first`` text says "already at line N")."""
    kind = error["type"]
    context: dict[str, Param] = {
        name: value if isinstance(value, Msg | int) else str(value)
        for name, value in (error.get("ctx") or {}).items()
        if name not in PATHS
    }
    if "." in kind:  # one of ours: the type is the catalog key
        if first_line and first_location(error) is not None:
            return Msg(f"{kind}.first", {**context, "first": first_line})
        return Msg(kind, context)
    if kind == "extra_forbidden":
        key = str(error["loc"][-1]) if error["loc"] else ""
        close = difflib.get_close_matches(key, list(known_keys), n=1, cutoff=0.6)
        if close:
            return Msg("validation.extra_forbidden.suggest", {"key": key, "suggestion": close[0]})
    if kind in CATALOG_KEYS:
        return Msg(f"validation.{CATALOG_KEYS[kind]}", context)
    return Msg("validation.other")


def where(loc: Iterable[int | str]) -> str:
    """``clusters.0.units.2.name`` style."""
    return ".".join(str(part) for part in loc) or "-"
