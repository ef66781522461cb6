"""`thidua book verify`, `thidua book import` and `thidua history`: the record book."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from thidua_cli.cli.console import emit_json_document, guard, print_findings, stderr, stdout
from thidua_cli.cli.lock import lock_table, print_recorded
from thidua_cli.cli.options import BookOption, DebugOption, JsonOption, LangOption
from thidua_cli.findings import Msg, finding
from thidua_cli.messages import Messages
from thidua_cli.ranking.book import BookEntry
from thidua_cli.ranking.records import PeriodRecord
from thidua_cli.reports.history_json import history_document, period_json
from thidua_cli.workflows import book as workflow

app = typer.Typer(help="Sổ thi đua: kiểm tra, đưa tệp khóa cũ vào sổ.", no_args_is_help=True)


@app.command("verify")
def verify_command(
    book: BookOption = None, lang: LangOption = None, debug: DebugOption = False
) -> None:
    """Kiểm tra lại chuỗi mã kiểm tra của sổ thi đua; nêu mục đầu tiên bị sửa.

    Ví dụ: thidua book verify --book so-thi-dua.sqlite
    """
    with guard(lang, debug) as messages:
        checked = workflow.verify(book)
        broken = checked.broken
        if broken is None:
            stdout().print(
                messages("book.ok", file=checked.book, count=checked.count, last=checked.last),
                markup=False,
            )
            return
        what = _what(broken.entry) if broken.entry is not None else None
        found = finding(
            "book-broken", variant=broken.how, file=str(checked.book), seq=broken.seq, what=what
        )
        print_findings([found], messages, stderr())
        raise typer.Exit(1)


def _what(entry: BookEntry) -> Msg:
    return Msg(
        f"book.kind.{entry.kind}",
        {"unit": entry.unit, "cluster": entry.cluster, "year": entry.year},
    )


@app.command("import")
def import_command(
    lock_file: Annotated[
        Path, typer.Argument(help="Tệp khóa số liệu (thidua lock -o) cần đưa vào sổ.")
    ],
    by: Annotated[
        str | None, typer.Option("--by", help="Người đưa vào sổ.", show_default=False)
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason", help="Lý do, khi số liệu khác lần khóa đã có trong sổ.", show_default=False
        ),
    ] = None,
    book: BookOption = None,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Đưa một tệp khóa số liệu có từ trước khi dùng sổ vào sổ thi đua.

    Ví dụ: thidua book import da-doi-chieu.lock --by "Nguyễn Văn A"
    """
    with guard(lang, debug) as messages:
        path, records = workflow.import_lock(lock_file, book, by, reason)
        stdout().print(lock_table(records, path, messages))
        print_recorded(records, path, messages)


def history_command(
    cluster: Annotated[
        str | None, typer.Option("--cluster", help="Chỉ cụm này (mã cụm).", show_default=False)
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Chỉ đơn vị này (mã đơn vị).", show_default=False)
    ] = None,
    book: BookOption = None,
    json: JsonOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Lịch sử thi đua theo từng năm: Cụm trưởng, Cụm phó, đơn vị điểm cao nhất và đơn vị
    được suy tôn, hạng, tổng điểm, tình trạng và đề nghị khen thưởng của từng đơn vị.

    Ví dụ: thidua history --cluster cum-1
    """
    with guard(lang, debug) as messages:
        found = workflow.read_history(book, cluster, unit)
        if json:
            document = {"book": str(found.book), **history_document(found.periods, unit, messages)}
            emit_json_document(document)
            return
        out = stdout()
        if not found.periods:
            out.print(messages("history.empty", book=found.book), markup=False)
        for record in found.periods:
            out.print(_period_table(record, unit, messages))
            out.print()


def _period_table(record: PeriodRecord, unit: str | None, m: Messages) -> Table:
    data = period_json(record, unit, m)
    title = m(
        f"history.title.{record.period}", name=record.name, id=record.cluster, year=record.year
    )
    lines = [
        m("history.officers", head=record.head or "—", deputy=record.deputy or "—"),
        m(
            "history.leader",
            leader=data["leader"] or (", ".join(data["tie"]) or "—"),
            elected=data["elected"] or "—",
        ),
    ]
    for proposal in data["proposals"]:
        label = m(f"rank.flag.{proposal['flag']}")
        if not proposal["elected"]:
            label = m("rank.flag.provisional", flag=label)
        lines.append(f"{label}: {proposal['unit_id']}")
    for lock in data["locks"]:
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
    table = Table(title=Text(title, style="bold"), caption=Text("\n".join(lines)))
    for key in ("rank", "unit", "total", "status", "reasons", "proposal"):
        table.add_column(m(f"rank.col.{key}"))
    for row in data["ranking"]:
        table.add_row(
            str(row["rank"]) if row["rank"] is not None else "",
            Text(f"{row['unit_id']} — {row['unit_name']}"),
            str(row["total"]) if row["total"] is not None else "-",
            row["status_label"],
            Text("; ".join(row["reasons"])),
            "; ".join(m(f"rank.flag.{p}") for p in row["proposals"]),
        )
    return table
