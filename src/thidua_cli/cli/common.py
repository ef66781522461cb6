"""Options shared by every command, the one error guard, and the two consoles."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from thidua_cli import jsonout
from thidua_cli.errors import ThiduaError, UsageError
from thidua_cli.messages import set_language, t

ProgressCallback = Callable[[int, int], None]  # (done, total), as the core calls it
PROGRESS_MIN_FILES = 20

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Ngôn ngữ thông báo: vi (mặc định) hoặc en; cũng đặt được bằng THIDUA_LANG.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON ra stdout.")]
CriteriaOption = Annotated[
    Path | None,
    typer.Option(
        "--criteria",
        help="Thư mục bộ tiêu chí (mặc định: bộ tiêu chí đi kèm).",
        show_default=False,
    ),
]
DebugOption = Annotated[
    bool, typer.Option("--debug", help="Hiện traceback khi có lỗi.", hidden=True)
]


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


@contextmanager
def guard(lang: str | None, debug: bool = False) -> Iterator[None]:
    """Set the language, then turn a ``ThiduaError`` into a message and its exit code."""
    if lang is not None and lang not in ("vi", "en"):
        set_language(None)
        stderr().print(f"{t('error.prefix')}: {t('lang.invalid', lang=lang)}")
        raise typer.Exit(2)
    set_language(lang)
    try:
        yield
    except ThiduaError as error:
        if debug or os.environ.get("THIDUA_DEBUG"):
            raise
        stderr().print(f"[bold red]{t('error.prefix')}:[/] ", end="")
        stderr().print(str(error), markup=False)
        raise typer.Exit(error.exit_code) from None


def check_output_folder(path: Path | None) -> None:
    """Fail before the work, not after it, when an output's folder does not exist."""
    if path is not None and not path.parent.is_dir():
        raise UsageError(t("path.missing", path=path.parent))


def emit_json(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def emit_json_document(document: Any) -> None:
    """Write a JSON document as it is produced (see ``jsonout.Stream``)."""
    jsonout.write(document, sys.stdout)
    emit_json("")


@contextmanager
def progress_bar(
    label_key: str = "score.progress", min_files: int = PROGRESS_MIN_FILES
) -> Iterator[ProgressCallback]:
    """A callback ``(done, total)`` drawing a bar on stderr once it learns there are many files.

    Nothing is drawn for fewer than ``min_files``, or when stderr is not a terminal.
    """
    console = stderr()
    bars: list[tuple[Progress, TaskID]] = []

    def advance(done: int, total: int) -> None:
        if total < min_files or not console.is_terminal:
            return
        if not bars:
            columns = (TextColumn(t(label_key)), BarColumn(), MofNCompleteColumn())
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
