"""`thidua criteria show` and `thidua criteria check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.tree import Tree

from thidua_cli import jsonout
from thidua_cli.checks import CheckReport, check_rubric
from thidua_cli.cli.common import (
    DebugOption,
    JsonOption,
    LangOption,
    emit_json,
    guard,
    stderr,
    stdout,
)
from thidua_cli.errors import UsageError
from thidua_cli.messages import t
from thidua_cli.numbers import plain
from thidua_cli.rubric import Criterion, Rubric, describe, load_rubric

app = typer.Typer(help="Xem và kiểm tra bộ tiêu chí chấm điểm.", no_args_is_help=True)

DirArgument = Annotated[
    Path | None,
    typer.Argument(
        help="Thư mục bộ tiêu chí (mặc định: bộ tiêu chí đi kèm syt-thanh-hoa-2020).",
        show_default=False,
    ),
]


def load(directory: Path | None) -> Rubric:
    if directory is not None and not directory.exists():
        raise UsageError(t("path.missing", path=directory))
    return load_rubric(directory)


@app.command("show")
def show(
    directory: DirArgument = None,
    json: JsonOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """In bộ tiêu chí dạng cây với điểm tối đa.

    Ví dụ:

    \b
        thidua criteria show
        thidua criteria show criteria/cum-1 --json
    """
    with guard(lang, debug):
        rubric = load(directory)
        if json:
            emit_json(jsonout.dumps(describe(rubric)))
            return
        stdout().print(_tree(rubric))


@app.command("check")
def check(
    directory: DirArgument = None,
    base: Annotated[
        Path | None,
        typer.Option("--base", help="Bộ tiêu chí gốc để đối chiếu bộ tiêu chí của Cụm."),
    ] = None,
    json: JsonOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Kiểm tra bộ tiêu chí: tổng điểm, điểm các mục con, điểm đạt được.

    Với --base: đối chiếu bộ tiêu chí của Cụm với bộ gốc (phần 1, 2 không vượt điểm, phần 3
    giữ nguyên). Thoát 0 khi chỉ có cảnh báo, 1 khi có lỗi, 2 khi sai tham số.

    Ví dụ:

    \b
        thidua criteria check
        thidua criteria check criteria/cum-1 --base criteria/syt-thanh-hoa-2020 --json
    """
    with guard(lang, debug):
        rubric = load(directory)
        report = check_rubric(rubric, load(base) if base is not None else None)
        if json:
            emit_json(jsonout.dumps(_check_json(report)))
        else:
            _print_check(report)
        if report.errors:
            raise typer.Exit(1)


def _tree(rubric: Rubric) -> Tree:
    meta = rubric.meta
    heading = t(
        "show.rubric",
        title=meta.title,
        id=rubric.id,
        year=meta.year,
        declared=plain(meta.declared_total),
        max=plain(rubric.max_total),
    )
    root = Tree(escape(heading))
    for section in rubric.sections:
        name = escape(t("show.section", code=section.code, title=section.title))
        branch = root.add(f"[bold]{name}[/] — {plain(section.max)}")
        for criterion in section.criteria:
            _add(branch, criterion)
    return root


def _add(branch: Tree, criterion: Criterion) -> None:
    inputs = ", ".join(f"{i.name}: {i.kind.value}" for i in criterion.inputs)
    title = escape(criterion.title)
    text = f"[bold]{criterion.code}[/] {title} — [cyan]{plain(criterion.max)}[/]"
    if inputs:
        text += f"  [dim]({inputs})[/]"
    node = branch.add(text)
    for level in criterion.levels:
        added = f" [dim]({t('show.added_level')})[/]" if level.added else ""
        node.add(f"{escape(level.label)}: {plain(level.points)}{added}")
    for child in criterion.children:
        _add(node, child)


def _check_json(report: CheckReport) -> dict[str, object]:
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
        "problems": [p.model_dump(mode="json", exclude_none=True) for p in report.problems],
    }


def _print_check(report: CheckReport) -> None:
    out = stdout()
    for problem in report.problems:
        label = t("error.prefix") if problem.is_error else t("warning.prefix")
        style = "bold red" if problem.is_error else "yellow"
        out.print(f"[{style}]{label}[/] [dim]\\[{problem.code}][/] ", end="")
        out.print(problem.message, markup=False)
    rubric = report.rubric
    summary = t(
        "check.attainable-total",
        reach=plain(report.attainable_total),
        max=plain(rubric.max_total),
        declared=plain(rubric.meta.declared_total),
    )
    out.print(summary, markup=False)
    stderr().print(t("check.ok", id=rubric.id, errors=report.errors, warnings=report.warnings))
