"""The terminal: two consoles, the one error guard, findings as lines, JSON, progress bars.

On a terminal, tables fold long values onto more lines; into a pipe or a file, nothing is
wrapped or cut (one line per row, every message whole), so ``grep`` finds a whole message.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import typer
from rich.console import Console

from thidua_cli.findings import Finding, ThiduaError, finding
from thidua_cli.messages import LANGUAGES, Messages, messages_for

ProgressCallback = Callable[[int, int], None]  # (done, total), as the core calls it
PROGRESS_MIN_FILES = 20
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
PIPE_WIDTH = 100_000  # into a pipe or a file: never wrap, never cut

# ``--lang`` as the root command found it on the command line (``frame.language_of``).
chosen_language: ContextVar[str | None] = ContextVar("chosen_language", default=None)


def _console(*, stderr: bool) -> Console:
    # emoji off: a unit named "Trạm :star:" is printed as typed (and rich skips its emoji table)
    console = Console(stderr=stderr, highlight=False, soft_wrap=False, emoji=False)
    if console.is_terminal:
        return console
    return Console(stderr=stderr, highlight=False, soft_wrap=False, emoji=False, width=PIPE_WIDTH)


def stdout() -> Console:
    return _console(stderr=False)


def stderr() -> Console:
    return _console(stderr=True)


@contextmanager
def guard(lang: str | None, debug: bool = False) -> Iterator[Messages]:
    """The language chosen once (``--lang`` of the command or the root, else
    ``THIDUA_LANG``); a ``ThiduaError`` becomes its findings on stderr and its exit code,
    never a traceback (unless ``--debug``)."""
    lang = lang if lang is not None else chosen_language.get()
    if lang is not None and lang not in LANGUAGES:
        messages = messages_for(None)
        print_findings([finding("bad-language", lang=lang)], messages, stderr())
        raise typer.Exit(2)
    messages = messages_for(lang)
    try:
        yield messages
    except ThiduaError as error:
        if debug or os.environ.get("THIDUA_DEBUG"):
            raise
        print_findings(list(error.findings), messages, stderr())
        raise typer.Exit(error.exit_code) from None


def print_findings(
    found: list[Finding],
    messages: Messages,
    console: Console,
    *,
    codes: bool = False,
    indent: str = "",
) -> None:
    """One line per finding: its severity (and code), then its sentence.

    ``Lỗi: …`` for a refusal; ``Lỗi [not-a-number] …`` in a list of problems (``codes``).
    """
    for one in found:
        label = messages(f"{one.severity.value}.prefix")
        style = SEVERITY_STYLE[one.severity.value]
        if codes:
            console.print(f"{indent}[{style}]{label}[/] [dim]\\[{one.code}][/] ", end="")
        else:
            console.print(f"[{style}]{label}:[/] ", end="")
        console.print(messages.finding(one), markup=False)


def notifier(messages: Messages) -> Callable[[Finding], None]:
    """A warning the core raises beside its results (files set aside), printed to stderr."""

    def notify(found: Finding) -> None:
        print_findings([found], messages, stderr())

    return notify


def emit_json_document(document: Any) -> None:
    """Write a JSON document as it is produced (its generators become lists item by item)."""
    from thidua_cli.reports import jsonout  # simplejson: only for --json

    jsonout.write(document, sys.stdout)
    sys.stdout.write("\n")
    sys.stdout.flush()


@contextmanager
def progress_bar(label: str, min_files: int = PROGRESS_MIN_FILES) -> Iterator[ProgressCallback]:
    """A callback ``(done, total)`` drawing a bar on stderr once it learns there are many files.

    Nothing is drawn for fewer than ``min_files``, or when stderr is not a terminal.
    """
    console = stderr()
    bars: list[tuple[Any, Any]] = []  # (rich.progress.Progress, its task)

    def advance(done: int, total: int) -> None:
        if total < min_files or not console.is_terminal:
            return
        if not bars:  # rich.progress is imported only when a bar is drawn
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            columns = (TextColumn(label), BarColumn(), MofNCompleteColumn())
            bar = Progress(*columns, TimeRemainingColumn(), console=console, transient=True)
            bar.start()
            bars.append((bar, bar.add_task("", total=total)))
        bar, task = bars[0]
        bar.update(task, completed=done)

    try:
        yield advance
    finally:
        for bar, _ in bars:
            bar.stop()
