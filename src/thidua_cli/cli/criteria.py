"""`thidua criteria show|check|export|codes`: the rubric, its checks, the finding codes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from thidua_cli.cli.console import guard, print_findings, stderr, stdout
from thidua_cli.cli.frame import ThiduaCommand, ThiduaGroup
from thidua_cli.cli.options import (
    CsvOption,
    DebugOption,
    ForceOption,
    FormatOption,
    JsonOption,
    LangOption,
    output_format,
)
from thidua_cli.cli.tabular import CsvRows, render
from thidua_cli.files import check_paths
from thidua_cli.findings import Msg
from thidua_cli.messages import Messages
from thidua_cli.reports.codes import code_catalog
from thidua_cli.reports.rubric_json import describe
from thidua_cli.rubric.checks import CheckReport
from thidua_cli.rubric.model import Criterion, Rubric
from thidua_cli.text import printable
from thidua_cli.workflows import criteria as workflow

app = typer.Typer(cls=ThiduaGroup, no_args_is_help=True, add_completion=False)

DirArgument = Annotated[Path | None, typer.Argument(metavar="DIR", show_default=False)]


@app.command("show", cls=ThiduaCommand)
def show(
    directory: DirArgument = None,
    format: FormatOption = None,
    json: JsonOption = False,
    csv: CsvOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua criteria show: its help is ``help.cmd.criteria.show``."""
    with guard(lang, debug) as messages:
        chosen = output_format(format, json, csv)
        check_paths([directory])
        rubric = workflow.show(directory)
        render(
            chosen,
            table=lambda: stdout().print(_tree(rubric, messages)),
            document=lambda: describe(rubric),
            rows=lambda: _rubric_rows(rubric),
        )


@app.command("check", cls=ThiduaCommand)
def check(
    directory: DirArgument = None,
    base: Annotated[Path | None, typer.Option("--base", show_default=False)] = None,
    format: FormatOption = None,
    json: JsonOption = False,
    csv: CsvOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua criteria check: its help is ``help.cmd.criteria.check``."""
    with guard(lang, debug) as messages:
        chosen = output_format(format, json, csv)
        check_paths([directory, base])
        report = workflow.check(directory, base)
        render(
            chosen,
            table=lambda: _print_check(report, messages),
            document=lambda: _check_json(report, messages),
            rows=lambda: _check_rows(report, messages),
        )
        if report.errors:
            raise typer.Exit(1)


def _rubric_rows(rubric: Rubric) -> CsvRows:
    """One row per criterion (sections, groups, leaves): code, title, maximum, inputs."""
    rows = [
        [c.code, c.title, c.max, "; ".join(f"{i.name}: {i.kind.value}" for i in c.inputs)]
        for c in rubric.walk()
    ]
    return ("code", "title", "max", "inputs"), rows


def _check_rows(report: CheckReport, m: Messages) -> CsvRows:
    rows = [[p.code, p.severity.value, p.criterion, m.finding(p)] for p in report.problems]
    return ("code", "severity", "criterion", "message"), rows


def _tree(rubric: Rubric, m: Messages) -> Tree:
    meta = rubric.meta
    heading = m(
        "show.rubric",
        title=meta.title,
        id=rubric.id,
        year=meta.year,
        declared=meta.declared_total,
        max=rubric.max_total,
    )
    root = Tree(escape(heading))
    for section in rubric.sections:
        name = escape(m("show.section", code=section.code, title=section.title))
        branch = root.add(f"[bold]{name}[/] — {m.number(section.max)}")
        for criterion in section.criteria:
            _add(branch, criterion, m)
    return root


def _add(branch: Tree, criterion: Criterion, m: Messages) -> None:
    inputs = ", ".join(
        m(
            "show.input",
            label=Msg("input.label", {"vi": i.label or i.name, "en": i.name}),
            kind=Msg(f"show.kind.{i.kind.value}"),
        )
        for i in criterion.inputs
    )
    title = escape(printable(criterion.title))
    text = f"[bold]{escape(criterion.code)}[/] {title} — [cyan]{m.number(criterion.max)}[/]"
    if inputs:
        text += f"  [dim]({escape(inputs)})[/]"
    node = branch.add(text)
    for level in criterion.levels:
        added = f" [dim]({m('show.added_level')})[/]" if level.added else ""
        node.add(f"{escape(printable(level.label))}: {m.number(level.points)}{added}")
    for child in criterion.children:
        _add(node, child, m)


def _check_json(report: CheckReport, m: Messages) -> dict[str, object]:
    rubric = report.rubric
    return {
        "rubric": {
            "id": rubric.id,
            "declared_total": rubric.meta.declared_total,
            "max_total": rubric.max_total,
            "attainable_total": report.attainable_total,
        },
        "errors": report.errors,
        "warnings": report.warnings,
        "problems": [
            {
                "code": p.code,
                "severity": p.severity.value,
                "message": m.finding(p),
                **({"criterion": p.criterion} if p.criterion is not None else {}),
            }
            for p in report.problems
        ],
    }


def _print_check(report: CheckReport, m: Messages) -> None:
    out = stdout()
    print_findings(report.problems, m, out, codes=True)
    rubric = report.rubric
    summary = m(
        "check.attainable-total",
        reach=report.attainable_total,
        max=rubric.max_total,
        declared=rubric.meta.declared_total,
    )
    out.print(summary, markup=False)
    stderr().print(m("check.ok", id=rubric.id, errors=report.errors, warnings=report.warnings))


@app.command("export", cls=ThiduaCommand)
def export(
    directory: Annotated[Path, typer.Argument(metavar="DIR", show_default=False)],
    force: ForceOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua criteria export: its help is ``help.cmd.criteria.export``."""
    with guard(lang, debug) as messages:
        check_paths([directory])
        written = workflow.export(directory, force)
        for path in written:
            stdout().print(printable(str(path)), markup=False)
        done = messages("criteria.exported", count=len(written), dir=str(directory))
        stderr().print(done, markup=False)


CODE_KEYS = ("code", "group", "severity", "vi", "en")


@app.command("codes", cls=ThiduaCommand)
def codes(
    format: FormatOption = None,
    json: JsonOption = False,
    csv: CsvOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua criteria codes: its help is ``help.cmd.criteria.codes``."""
    with guard(lang, debug) as messages:
        chosen = output_format(format, json, csv)
        entries = code_catalog()

        def table() -> None:
            shown = Table(title=messages("codes.title"))
            for key in CODE_KEYS:
                shown.add_column(messages(f"codes.col.{key}"), overflow="fold")
            for entry in entries:
                shown.add_row(*(escape(str(entry[k])) for k in CODE_KEYS))
            stdout().print(shown)

        rows = [[entry[k] for k in CODE_KEYS] for entry in entries]
        render(chosen, table=table, document=lambda: entries, rows=lambda: (CODE_KEYS, rows))
