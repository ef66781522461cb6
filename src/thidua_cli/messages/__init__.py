"""Every user-facing sentence lives in this package, in Vietnamese and English.

Each domain module holds a ``MESSAGES`` dict: key -> (vi, en). The language is Vietnamese
unless ``set_language("en")`` was called or ``THIDUA_LANG=en`` is set.
"""

from __future__ import annotations

import os
from typing import Any, Literal

from thidua_cli.messages import common, criteria, rank, score, sheet

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")

_chosen: Language | None = None


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in (common, criteria, sheet, score, rank):
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"duplicate message key {key!r}")
            merged[key] = pair
    return merged


CATALOG = _merge()


def set_language(language: str | None) -> None:
    """Choose the language of every later message; ``None`` goes back to the environment."""
    global _chosen
    if language is not None and language not in LANGUAGES:
        raise ValueError(language)
    _chosen = language


def current_language() -> Language:
    if _chosen is not None:
        return _chosen
    env = os.environ.get("THIDUA_LANG", "").strip().lower()
    return "en" if env.startswith("en") else "vi"


def t(key: str, **params: Any) -> str:
    """The message ``key`` in the current language, with ``params`` filled in."""
    vi, en = CATALOG[key]
    template = en if current_language() == "en" else vi
    return template.format(**params) if params else template
