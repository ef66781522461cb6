"""Every user-facing sentence, in Vietnamese and English, rendered at the edge.

Each domain module holds a ``MESSAGES`` dict: key -> (vi, en). A finding's message is the
entry named by its code (``points-above-max``) or code and variant (``not-a-number.text``).
The language is chosen once, by whoever renders: ``Messages("en")``, or ``messages_for(None)``
to follow ``THIDUA_LANG``. There is no global language setting.

Templates are ``str.format`` templates with one addition for English plurals:
``{count:~file|files}`` renders ``1 file`` or ``2 files``.

May import: the shared leaves (findings, numbers). Imported by the edge only: reports, cli,
and the form's printed texts (``form.styles``).
"""

from __future__ import annotations

import os
import string
from decimal import Decimal
from typing import Any, Literal

from thidua_cli.findings import Exact, Finding, Msg
from thidua_cli.messages import (
    cli,
    common,
    criteria,
    form,
    meeting,
    papers,
    printout,
    rank,
    record,
    score,
    sheet,
)
from thidua_cli.numbers import exact_text, plain
from thidua_cli.text import printable

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for module in (
        common,
        cli,
        criteria,
        sheet,
        form,
        score,
        printout,
        rank,
        meeting,
        papers,
        record,
    ):
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"duplicate message key {key!r}")
            merged[key] = pair
    return merged


CATALOG = _merge()


def language_from_env() -> Language:
    env = os.environ.get("THIDUA_LANG", "").strip().lower()
    return "en" if env.startswith("en") else "vi"


def unknown_env_language() -> str | None:
    """``THIDUA_LANG`` when it names neither language (it then falls back to Vietnamese)."""
    env = os.environ.get("THIDUA_LANG", "").strip()
    return env if env and not env.lower().startswith(("en", "vi")) else None


class _Formatter(string.Formatter):
    """``str.format`` plus ``{n:~one|many}`` for plurals."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec.startswith("~"):
            one, _, many = format_spec[1:].partition("|")
            return f"{value} {one if value == 1 else (many or one)}"
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


class Messages:
    """The catalog in one language: ``messages(key, **params)`` and ``messages.finding(f)``."""

    def __init__(self, language: Language) -> None:
        if language not in LANGUAGES:
            raise ValueError(language)
        self.language: Language = language
        self._index = LANGUAGES.index(language)

    def __call__(self, key: str, /, **params: Any) -> str:
        template = CATALOG[key][self._index]
        if not params:
            return template
        return _FORMATTER.format(template, **{k: self.value(v) for k, v in params.items()})

    def value(self, value: Any) -> Any:
        """A parameter as it is shown: numbers plainly, nested texts translated, outside text
        escaped (``text.printable``: a file name cannot drive the terminal)."""
        if isinstance(value, str):
            return printable(value, lines=True)
        if isinstance(value, Msg):
            return self(value.key, **value.params)
        if isinstance(value, tuple):
            return ", ".join(str(self.value(v)) for v in value)
        if isinstance(value, Decimal):
            return self.number(value)
        if isinstance(value, Exact):
            text = exact_text(value.value)
            return (text.replace(".", ",") if self.language == "vi" else text) + value.unit
        if value is None:
            return "—"
        return value

    def number(self, value: Decimal) -> str:
        """A number as this language writes it: ``903,5`` in Vietnamese, ``903.5`` in English."""
        return plain(value, decimal_comma=self.language == "vi")

    def finding(self, found: Finding, key: str | None = None) -> str:
        """The finding's sentence (or the entry ``key`` with its parameters); its location
        fills ``{file}``, ``{cell}``, ``{code}``, ``{line}`` unless its parameters say
        otherwise."""
        params: dict[str, Any] = {
            "file": found.file or "",
            "cell": found.location(),
            "code": found.criterion or "",
            "line": found.line if found.line is not None else 0,
        }
        params.update(found.params)
        return self(key or found.key, **params)

    def printed(self, found: Finding) -> str:
        """The finding's sentence on paper: its ``print.`` wording where the console's names a
        command or an option, which nobody can type into a printout."""
        key = f"print.{found.key}"
        return self.finding(found, key if key in CATALOG else None)

    def has(self, key: str) -> bool:
        return key in CATALOG


VI = Messages("vi")
EN = Messages("en")


def messages_for(language: str | None) -> Messages:
    """The catalog in ``language`` (``None``: ``THIDUA_LANG``, else Vietnamese)."""
    chosen = language_from_env() if language is None else language
    return EN if chosen == "en" else VI
