"""Options shared by every command, the one error guard, and the two consoles."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from thidua_cli.errors import ThiduaError
from thidua_cli.messages import set_language, t

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


def emit_json(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
