"""`thidua criteria show` and `thidua criteria check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from thidua_cli.cli.console import emit_json, guard, print_findings, stderr, stdout
from thidua_cli.cli.options import DebugOption, ForceOption, JsonOption, LangOption
from thidua_cli.messages import Messages
from thidua_cli.numbers import plain
from thidua_cli.reports import jsonout
from thidua_cli.reports.codes import code_catalog
from thidua_cli.reports.rubric_json import describe
from thidua_cli.rubric.checks import CheckReport
from thidua_cli.rubric.model import Criterion, Rubric
from thidua_cli.workflows import criteria as workflow

app = typer.Typer(help="Xem và kiểm tra bộ tiêu chí chấm điểm.", no_args_is_help=True)

DirArgument = Annotated[
    Path | None,
    typer.Argument(
        help="Thư mục bộ tiêu chí (mặc định: bộ tiêu chí đi kèm syt-thanh-hoa-2020).",
        show_default=False,
    ),
]


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
        thidua criteria export cum-1
        thidua criteria show cum-1 --json
    """
    with guard(lang, debug) as messages:
        rubric = workflow.show(directory)
        if json:
            emit_json(jsonout.dumps(describe(rubric)))
            return
        stdout().print(_tree(rubric, messages))


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
        thidua criteria export goc
        thidua criteria export cum-1
        thidua criteria check cum-1 --base goc --json
    """
    with guard(lang, debug) as messages:
        report = workflow.check(directory, base)
        if json:
            emit_json(jsonout.dumps(_check_json(report, messages)))
        else:
            _print_check(report, messages)
        if report.errors:
            raise typer.Exit(1)


def _tree(rubric: Rubric, m: Messages) -> Tree:
    meta = rubric.meta
    heading = m(
        "show.rubric",
        title=meta.title,
        id=rubric.id,
        year=meta.year,
        declared=plain(meta.declared_total),
        max=plain(rubric.max_total),
    )
    root = Tree(escape(heading))
    for section in rubric.sections:
        name = escape(m("show.section", code=section.code, title=section.title))
        branch = root.add(f"[bold]{name}[/] — {plain(section.max)}")
        for criterion in section.criteria:
            _add(branch, criterion, m)
    return root


def _add(branch: Tree, criterion: Criterion, m: Messages) -> None:
    inputs = ", ".join(f"{i.name}: {i.kind.value}" for i in criterion.inputs)
    title = escape(criterion.title)
    text = f"[bold]{criterion.code}[/] {title} — [cyan]{plain(criterion.max)}[/]"
    if inputs:
        text += f"  [dim]({inputs})[/]"
    node = branch.add(text)
    for level in criterion.levels:
        added = f" [dim]({m('show.added_level')})[/]" if level.added else ""
        node.add(f"{escape(level.label)}: {plain(level.points)}{added}")
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
        reach=plain(report.attainable_total),
        max=plain(rubric.max_total),
        declared=plain(rubric.meta.declared_total),
    )
    out.print(summary, markup=False)
    stderr().print(m("check.ok", id=rubric.id, errors=report.errors, warnings=report.warnings))


@app.command("export")
def export(
    directory: Annotated[
        Path, typer.Argument(help="Thư mục sẽ ghi bộ tiêu chí.", show_default=False)
    ],
    force: ForceOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Chép bộ tiêu chí đi kèm ra một thư mục để Cụm cụ thể hóa (phần 1, 2).

    Ví dụ:

    \b
        thidua criteria export cum-1
        thidua criteria check cum-1 --base goc
    """
    with guard(lang, debug) as messages:
        written = workflow.export(directory, force)
        for path in written:
            stdout().print(str(path), markup=False)
        stderr().print(messages("criteria.exported", count=len(written), dir=directory))


@app.command("codes")
def codes(
    json: JsonOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Liệt kê mọi mã lỗi, cảnh báo và lý do mà thidua báo, kèm ý nghĩa (cả hai ngôn ngữ).

    Ví dụ: thidua criteria codes --json
    """
    with guard(lang, debug) as messages:
        entries = code_catalog()
        if json:
            emit_json(jsonout.dumps(entries))
            return
        table = Table(title=messages("codes.title"))
        for key in ("code", "group", "severity", "vi", "en"):
            table.add_column(messages(f"codes.col.{key}"), overflow="fold")
        for entry in entries:
            table.add_row(
                *(escape(str(entry[k])) for k in ("code", "group", "severity", "vi", "en"))
            )
        stdout().print(table)
