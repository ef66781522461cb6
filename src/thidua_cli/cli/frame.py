"""The command line's frame in the user's language: help pages, usage errors, the streams.

typer and click write their frame in English (``Usage:``, ``Options:``, ``Missing option``,
``<int range>``). Every command of thidua is a ``ThiduaCommand`` or a ``ThiduaGroup``: their
help page is written here from ``messages`` (``help.*`` keys), and the root group's ``main``
turns click's usage errors into sentences of the catalog. The language is chosen once, before
click parses anything: ``--lang`` wherever it stands on the command line, else
``THIDUA_LANG``. The standard streams become UTF-8 first, whatever the console's code page.
"""

from __future__ import annotations

import gc
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import typer
from typer import core as typer_core

from thidua_cli.cli.console import chosen_language, stderr
from thidua_cli.messages import LANGUAGES, Messages, messages_for, unknown_env_language

HELP_OPTION_NAMES = ["-h", "--help"]


# --- the streams ------------------------------------------------------------------------------


def utf8_streams() -> None:
    """stdout and stderr in UTF-8 whatever the code page (a Windows console redirected to a
    file would be cp1258 and fail on the first Vietnamese letter); what cannot be encoded (a
    file name's undecodable bytes) is written as ``\\udcxx``, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            # ValueError: already written to in another encoding, or detached
            with suppress(ValueError, io.UnsupportedOperation):
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")


# --- the language -----------------------------------------------------------------------------


def scan_language(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` wherever it stands (root or command), before click parses."""
    options = argv[: argv.index("--")] if "--" in argv else argv
    return _given_value(options, ["--lang"])


@contextmanager
def language_of(argv: Sequence[str]) -> Iterator[Messages]:
    lang = scan_language(argv)
    token = chosen_language.set(lang if lang in LANGUAGES else None)
    try:
        yield messages_for(chosen_language.get())
    finally:
        chosen_language.reset(token)


def frame_messages() -> Messages:
    return messages_for(chosen_language.get())


def _note_unknown_env_language(argv: Sequence[str]) -> None:
    """Say so when ``THIDUA_LANG`` is set to a language we do not have (and --lang is absent)."""
    value = unknown_env_language()
    if value is not None and scan_language(argv) is None:
        line = frame_messages()("usage.env-lang-unknown", value=value)
        stderr().print(line, markup=False, highlight=False)


# --- help pages -------------------------------------------------------------------------------


def _path_key(ctx: Any) -> str:
    """``score``, ``criteria.show``; ``thidua`` for the root."""
    names = []
    while ctx is not None and ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return ".".join(reversed(names)) or "thidua"


def _text(m: Messages, keys: Sequence[str], fallback: str | None = None) -> str | None:
    for key in keys:
        if m.has(key):
            return m(key)
    return fallback


def _param_keys(kind: str, command: str, name: str) -> list[str]:
    return [f"help.{kind}.{command}.{name}", f"help.{kind}.{name}"]


def metavar(m: Messages, command: str, param: Any) -> str:
    """What to type after an option, or an argument's name, in the user's language."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    found = _text(m, _param_keys("metavar", command, param.name))
    return found or (param.metavar or param.name.upper())


def _visible(params: Sequence[Any]) -> list[Any]:
    return [p for p in params if not getattr(p, "hidden", False)]


def usage_line(ctx: Any, m: Messages) -> str:
    """``thidua score [TÙY_CHỌN] ĐƯỜNG_DẪN...`` (without the command path); optional in [ ]."""
    command = ctx.command
    key = _path_key(ctx)
    pieces = [m("help.usage.options")]
    for param in command.get_params(ctx):
        if _is_argument(param):
            shown = metavar(m, key, param)
            pieces.append(shown if param.required else f"[{shown}]")
    if _is_group(command):
        pieces.append(m("help.usage.command"))
    return " ".join(pieces)


# click's classes are found by name: typer vendors its own copy of click from 0.2x on, the
# click package before; the attributes used here are the same in both.
def _kinds(thing: Any) -> set[str]:
    return {cls.__name__ for cls in type(thing).__mro__}


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def _is_group(command: Any) -> bool:
    return hasattr(command, "list_commands")


def _option_row(m: Messages, command: str, param: Any) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=len) + list(param.secondary_opts))
    hint = metavar(m, command, param)
    left = f"{names} {hint}" if hint else names
    help_text = _text(m, _param_keys("opt", command, param.name), param.help) or ""
    extras = []
    default = param.default
    shows = getattr(param, "show_default", False) and not getattr(param, "is_flag", False)
    if shows and default is not None and not callable(default):
        value = getattr(default, "value", default)
        extras.append(m("help.default", value=str(value)))
    if param.required:
        extras.append(m("help.required"))
    return left, " ".join([help_text, *extras]).strip()


def help_page(ctx: Any, formatter: Any) -> None:
    """The command's help, all of it from the catalog, in the chosen language."""
    m = frame_messages()
    command = ctx.command
    key = _path_key(ctx)
    formatter.write_usage(ctx.command_path, usage_line(ctx, m), prefix=m("help.usage.prefix") + " ")
    description = _text(m, [f"help.cmd.{key}"], command.help)
    if description:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(description)
    params = _visible(command.get_params(ctx))
    arguments = [p for p in params if _is_argument(p)]
    options = [p for p in params if not _is_argument(p)]
    if arguments:
        rows = []
        for arg in arguments:
            text = _text(m, _param_keys("arg", key, arg.name), None) or ""
            if arg.required:
                text = f"{text} {m('help.required')}".strip()
            rows.append((metavar(m, key, arg), text))
        with formatter.section(m("help.section.arguments")):
            formatter.write_dl(rows)
    if options:
        with formatter.section(m("help.section.options")):
            formatter.write_dl([_option_row(m, key, p) for p in options])
    if _is_group(command):
        rows = []
        for name in command.list_commands(ctx):
            sub_key = name if key == "thidua" else f"{key}.{name}"
            found = _text(m, [f"help.cmd.{sub_key}"])  # from the catalog: no command imported
            if found is None:
                sub = command.get_command(ctx, name)
                if sub is None or sub.hidden:
                    continue
                found = sub.help or ""
            rows.append((name, _first_sentence(found)))
        with formatter.section(m("help.section.commands")):
            formatter.write_dl(rows)


def _first_sentence(text: str) -> str:
    first = text.strip().split("\n\n")[0].replace("\n", " ")
    head, dot, _ = first.partition(". ")
    return head + "." if dot else first


_collector_paused = False


def collector_paused_at_start() -> None:
    """The entry point paused the garbage collector for start-up (``thidua_cli.__main__``)."""
    global _collector_paused
    _collector_paused = True


def _resume_collector() -> None:
    """Start-up is over (imports done, options parsed): what exists now lives to the end, so
    it leaves the collector's sight (``gc.freeze``) and the collector runs again, for the
    work itself (thousands of forms make garbage)."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


class ThiduaCommand(typer_core.TyperCommand):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        help_page(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        _resume_collector()
        return super().invoke(ctx)


def command_app(name: str, function: Callable[..., None]) -> typer.Typer:
    """A typer app holding one command: what each command module gives the root group, which
    imports the module only when that command runs (``thidua --help`` imports none)."""
    app = typer.Typer(add_completion=False, rich_markup_mode=None)
    app.command(name, cls=ThiduaCommand)(function)
    return app


class ThiduaGroup(typer_core.TyperGroup):
    """A group whose help is ours; as the root, its ``main`` owns the frame."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        help_page(ctx, formatter)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        utf8_streams()
        argv = list(sys.argv[1:] if args is None else args)
        with language_of(argv):
            _note_unknown_env_language(argv)
            try:
                result = super().main(
                    args=args,
                    prog_name=prog_name or "thidua",
                    complete_var=complete_var,
                    standalone_mode=False,
                    windows_expand_args=windows_expand_args,
                    **extra,
                )
                code = result if isinstance(result, int) else 0
            except Exception as error:
                kinds = _kinds(error)
                if "ClickException" in kinds:
                    code = show_usage_error(error, argv)
                elif "Abort" in kinds:
                    stderr().print(frame_messages()("usage.aborted"), markup=False)
                    code = 130
                else:
                    raise
        if standalone_mode:
            sys.exit(code)
        return code


# --- usage errors -----------------------------------------------------------------------------


def _option_name(param: Any) -> str:
    return max(param.opts, key=len) if param.opts else str(param.name)


def _given_value(argv: Sequence[str], opts: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        for opt in opts:
            if arg == opt and index + 1 < len(argv):
                return argv[index + 1]
            if opt.startswith("--") and arg.startswith(opt + "="):
                return arg.partition("=")[2]
    return None


def usage_error_text(error: Any, argv: Sequence[str], m: Messages) -> str:
    """The sentence for one of click's usage errors, in the catalog's words."""
    ctx = getattr(error, "ctx", None)
    key = _path_key(ctx) if ctx is not None else "thidua"
    kinds = _kinds(error)
    param = getattr(error, "param", None)
    if "MissingParameter" in kinds and param is not None:
        if _is_argument(param):
            return m("usage.missing-argument", name=metavar(m, key, param))
        return m("usage.missing-option", name=_option_name(param))
    if "BadParameter" in kinds and param is not None:
        argument = _is_argument(param)
        given = None if argument else _given_value(argv, list(param.opts))
        name = metavar(m, key, param) if argument else _option_name(param)
        expected = metavar(m, key, param) or "?"
        if given is None:
            return m("usage.bad-value", name=name, expected=expected)
        return m("usage.bad-value.given", name=name, value=given, expected=expected)
    if "NoSuchOption" in kinds:
        possibilities = sorted(getattr(error, "possibilities", None) or [])
        if possibilities:
            return m(
                "usage.no-such-option.hint", name=error.option_name, hint=", ".join(possibilities)
            )
        return m("usage.no-such-option", name=error.option_name)
    if "BadOptionUsage" in kinds:
        return m("usage.needs-value", name=error.option_name)
    message = str(getattr(error, "message", "") or error)
    for english, own in (
        ("No such command", "usage.no-such-command"),
        ("unexpected extra", "usage.extra"),
    ):
        if english in message:
            quoted = message.split("'")[1] if message.count("'") >= 2 else message
            if "(" in message and own == "usage.extra":
                quoted = message.rsplit("(", 1)[1].rstrip(").")
            return m(own, value=quoted)
    return m("usage.other", message=message)


def show_usage_error(error: Any, argv: Sequence[str]) -> int:
    """Print a click usage error as thidua does (usage line, hint, sentence); its exit code."""
    m = frame_messages()
    console = stderr()
    ctx = getattr(error, "ctx", None)
    kinds = _kinds(error)
    if "NoArgsIsHelpError" in kinds and ctx is not None:
        console.print(ctx.get_help(), markup=False, highlight=False)
        return int(error.exit_code)
    if ctx is not None:
        usage = f"{m('help.usage.prefix')} {ctx.command_path} {usage_line(ctx, m)}"
        console.print(usage, markup=False)
        console.print(m("usage.try-help", command=ctx.command_path), markup=False)
        console.print()
    if "UsageError" in kinds:
        text = usage_error_text(error, argv, m)
    else:
        text = str(getattr(error, "message", "") or error)
    console.print(f"[bold red]{m('error.prefix')}:[/] ", end="")
    console.print(text, markup=False)
    return int(getattr(error, "exit_code", 2))
