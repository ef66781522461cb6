"""`thidua book verify`, `thidua book import` and `thidua history`: the record book."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from thidua_cli.cli.console import guard, print_findings, stderr, stdout
from thidua_cli.cli.frame import ThiduaCommand, ThiduaGroup, command_app
from thidua_cli.cli.options import (
    BookOption,
    CsvOption,
    DebugOption,
    FormatOption,
    JsonOption,
    LangOption,
    output_format,
)
from thidua_cli.cli.tabular import CsvRows, render
from thidua_cli.files import check_paths
from thidua_cli.messages import Messages
from thidua_cli.ranking.book import book_path, broken_finding
from thidua_cli.reports.history_json import history_document
from thidua_cli.reports.ranking_text import flag_label
from thidua_cli.text import printable
from thidua_cli.workflows import book as workflow

app = typer.Typer(cls=ThiduaGroup, no_args_is_help=True, add_completion=False)


@app.command("verify", cls=ThiduaCommand)
def verify_command(
    book: BookOption = None, lang: LangOption = None, debug: DebugOption = False
) -> None:
    """thidua book verify: its help is ``help.cmd.book.verify``."""
    with guard(lang, debug) as messages:
        check_paths([book_path(book)])
        checked = workflow.verify(book)
        broken = checked.broken
        if broken is None:
            stdout().print(
                messages("book.ok", file=str(checked.book), count=checked.count, last=checked.last),
                markup=False,
            )
            return
        print_findings([broken_finding(checked.book, broken)], messages, stderr())
        raise typer.Exit(1)


@app.command("import", cls=ThiduaCommand)
def import_command(
    lock_file: Annotated[Path, typer.Argument(metavar="LOCK", show_default=False)],
    by: Annotated[str | None, typer.Option("--by", show_default=False)] = None,
    reason: Annotated[str | None, typer.Option("--reason", show_default=False)] = None,
    book: BookOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua book import: its help is ``help.cmd.book.import``."""
    with guard(lang, debug) as messages:
        check_paths([lock_file, book_path(book)])
        from thidua_cli.cli.lock import lock_table, print_recorded  # lock's own tables

        path, records = workflow.import_lock(lock_file, book, by, reason)
        stdout().print(lock_table(records, path, messages))
        print_recorded(records, path, messages)


def history_command(
    cluster: Annotated[str | None, typer.Option("--cluster", show_default=False)] = None,
    unit: Annotated[str | None, typer.Option("--unit", show_default=False)] = None,
    book: BookOption = None,
    format: FormatOption = None,
    json: JsonOption = False,
    csv: CsvOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """thidua history: its help is ``help.cmd.history``."""
    with guard(lang, debug) as messages:
        chosen = output_format(format, json, csv)
        check_paths([book_path(book)])
        found = workflow.read_history(book, cluster, unit)
        document = {"book": str(found.book), **history_document(found.periods, unit, messages)}
        render(
            chosen,
            table=lambda: _print_history(document, messages),
            document=lambda: document,
            rows=lambda: _history_rows(document),
        )


HISTORY_COLUMNS = (
    "cluster",
    "year",
    "period",
    "head",
    "deputy",
    "leader",
    "elected",
    "unit_id",
    "unit_name",
    "rank",
    "total",
    "status",
    "proposals",
)


def _history_rows(document: dict[str, Any]) -> CsvRows:
    """One CSV row per unit and year, the cluster's year repeated on each."""
    rows = []
    for cluster in document["clusters"]:
        for period in cluster["periods"]:
            for row in period["ranking"]:
                rows.append(
                    [
                        cluster["id"],
                        period["year"],
                        period["period"],
                        period["head"],
                        period["deputy"],
                        period["leader"],
                        period["elected"],
                        row["unit_id"],
                        row["unit_name"],
                        row["rank"],
                        row["total"],
                        row["status"],
                        " ".join(row["proposals"]),
                    ]
                )
    return HISTORY_COLUMNS, rows


def _print_history(document: dict[str, Any], m: Messages) -> None:
    out = stdout()
    if not document["clusters"]:
        out.print(m("history.empty", book=document["book"]), markup=False)
    for cluster in document["clusters"]:
        for period in cluster["periods"]:
            out.print(_period_table(cluster, period, m))
            out.print()


def _period_table(cluster: dict[str, Any], period: dict[str, Any], m: Messages) -> Table:
    title = m(
        f"history.title.{period['period']}",
        name=cluster["name"],
        id=cluster["id"],
        year=period["year"],
    )
    lines = [
        m("history.officers", head=period["head"] or "—", deputy=period["deputy"] or "—"),
        m(
            "history.leader",
            leader=period["leader"] or (", ".join(period["tie"]) or "—"),
            elected=period["elected"] or "—",
        ),
    ]
    for proposal in period["proposals"]:
        flag = flag_label(proposal["flag"], proposal["elected"], m)
        lines.append(f"{flag}: {proposal['unit_id']}")
    for lock in period["locks"]:
        lines.append(
            m(
                "history.lock",
                unit=lock["unit_id"],
                date=lock["date"][:10],
                digest=lock["digest"],
                by=lock["by"] or "—",
                reason=lock["reason"] or "—",
            )
        )
    # names, reasons and ids come from units files and --reason: shown, never obeyed
    caption = Text(printable("\n".join(lines), lines=True))
    table = Table(title=Text(printable(title), style="bold"), caption=caption)
    for key in ("rank", "unit", "total", "status", "reasons", "proposal"):
        table.add_column(m(f"rank.col.{key}"))
    for row in period["ranking"]:
        table.add_row(
            str(row["rank"]) if row["rank"] is not None else "",
            Text(printable(f"{row['unit_id']} — {row['unit_name']}")),
            m.number(row["total"]) if row["total"] is not None else "-",
            row["status_label"],
            Text(printable("; ".join(row["reasons"]))),
            "; ".join(flag_label(p, period["elected"] is not None, m) for p in row["proposals"]),
        )
    return table


history_app = command_app("history", history_command)
