"""`thidua lock` and `thidua rank`, and the console rendering of a ranking (shared with demo)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from thidua_cli.cli.common import (
    CriteriaOption,
    DebugOption,
    JsonOption,
    LangOption,
    check_output_folder,
    emit_json_document,
    guard,
    progress_bar,
    stderr,
    stdout,
)
from thidua_cli.errors import UsageError
from thidua_cli.identity import Period
from thidua_cli.layout import Side
from thidua_cli.lock import lock_paths
from thidua_cli.messages import t
from thidua_cli.numbers import plain
from thidua_cli.ranking import ClusterRanking, NoteLevel, Ranking, Status, rank_paths
from thidua_cli.ranking_report import (
    by_label,
    leader_line,
    leader_short,
    proposal_text,
    ranking_document,
    reasons_text,
    status_counts,
    write_ranking_xlsx,
)
from thidua_cli.rubric import Rubric, load_rubric

PathsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Bảng điểm đã nộp: tệp .xlsx hoặc thư mục.", metavar="PATH...", show_default=False
    ),
]
STATUS_STYLE = {
    Status.ELIGIBLE: "green",
    Status.EXCLUDED: "bold red",
    Status.DEFERRED: "yellow",
    Status.INCOMPLETE: "magenta",
}


class By(StrEnum):
    cluster = "cluster"
    self = "self"


class PeriodChoice(StrEnum):
    year = "year"
    half = "half"


YearOption = Annotated[
    int | None,
    typer.Option(
        "--year", help="Năm của biểu mẫu (mặc định: năm của bộ tiêu chí).", show_default=False
    ),
]
PeriodOption = Annotated[
    PeriodChoice,
    typer.Option("--period", help="year: tổng kết năm; half: sơ kết 6 tháng đầu năm."),
]


def _period(choice: PeriodChoice) -> Period:
    return "half" if choice is PeriodChoice.half else "year"


def _rubric(directory: Path | None) -> Rubric:
    if directory is not None and not directory.exists():
        raise UsageError(t("path.missing", path=directory))
    return load_rubric(directory)


def lock_command(
    paths: PathsArgument,
    out: Annotated[
        Path,
        typer.Option("-o", "--out", help="Tệp khóa số liệu sẽ ghi (JSON).", show_default=False),
    ],
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = PeriodChoice.year,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Khóa số liệu đã đối chiếu thống nhất: ghi mọi ô nhập và điểm từng tiêu chí của hai bên.

    Từ chối khi còn bảng điểm có lỗi. Ví dụ: thidua lock returned/ -o verified.lock
    """
    with guard(lang, debug):
        check_output_folder(out)
        rubric = _rubric(criteria)
        with progress_bar() as progress:
            lock = lock_paths(paths, rubric, out, year, _period(period), progress)
        stderr().print(
            t("lock.written", count=len(lock.units), path=out, digest=lock.digest[:12]),
            markup=False,
        )


def rank_command(
    paths: PathsArgument,
    units: Annotated[
        Path,
        typer.Option("--units", help="Danh sách đơn vị (.yaml hoặc .xlsx).", show_default=False),
    ],
    lock: Annotated[
        list[Path] | None,
        typer.Option(
            "--lock",
            help="Tệp khóa số liệu (thidua lock); lặp lại được, mỗi cụm một tệp.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        By,
        typer.Option(
            "--by", help="Xếp theo điểm Cụm chấm (cluster) hoặc xem trước theo điểm tự chấm (self)."
        ),
    ] = By.cluster,
    province_flag_total: Annotated[
        int | None,
        typer.Option(
            "--province-flag-total",
            min=0,
            help="Tổng số tập thể đạt tiêu chuẩn Cờ thi đua của UBND tỉnh (kiểm tra giới hạn 20%).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Ghi bảng tổng hợp cho hội nghị (.xlsx).", show_default=False
        ),
    ] = None,
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = PeriodChoice.year,
    json: JsonOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Xếp hạng từng Cụm: tình trạng từng đơn vị, đơn vị nhất Cụm, đề nghị Cờ thi đua.

    Ví dụ: thidua rank returned/ --units units.yaml --lock verified.lock --out ranking.xlsx
    """
    with guard(lang, debug):
        side = Side.SELF if by is By.self else Side.CLUSTER
        check_output_folder(out)
        rubric = _rubric(criteria)
        with progress_bar() as progress:
            ranking = rank_paths(
                paths,
                rubric,
                units,
                lock or (),
                side,
                province_flag_total,
                year,
                _period(period),
                progress,
            )
        if json:
            emit_json_document(ranking_document(ranking))
        else:
            render_ranking(ranking, stdout())
        if out is not None:
            write_ranking_xlsx(out, ranking)
            stderr().print(t("rank.written", path=out), markup=False)
        if ranking.has_errors:
            raise typer.Exit(1)


# --- rendering ------------------------------------------------------------------------------


def _number(value: object) -> str:
    return plain(value) if isinstance(value, Decimal) else "-"


def cluster_table(ranking: Ranking, cluster: ClusterRanking) -> Table:
    title = t("rank.title", name=cluster.cluster.name, id=cluster.cluster.id, by=by_label(ranking))
    table = Table(
        title=Text(title, style="bold red" if ranking.preview else "bold"),
        caption=Text(leader_line(cluster), style="bold"),
        show_lines=False,
    )
    table.add_column(t("rank.col.rank"), justify="right")
    table.add_column(t("rank.col.unit"))
    table.add_column(t("rank.col.self_total"), justify="right")
    table.add_column(t("rank.col.cluster_total"), justify="right")
    table.add_column(t("rank.col.difference"), justify="right")
    table.add_column(t("rank.col.status"))
    table.add_column(t("rank.col.reasons"), ratio=3)
    table.add_column(t("rank.col.proposal"))
    for entry in cluster.entries:
        table.add_row(
            str(entry.rank) if entry.rank is not None else "",
            Text(f"{entry.unit.id} — {entry.unit.name}"),
            _number(entry.total_of(Side.SELF)),
            _number(entry.total_of(Side.CLUSTER)),
            _number(entry.difference),
            Text(t(f"rank.status.{entry.status.value}"), style=STATUS_STYLE[entry.status]),
            Text(reasons_text(entry)),
            Text(proposal_text(entry), style="bold green"),
        )
    return table


def summary_table(ranking: Ranking) -> Table:
    table = Table(title=Text(f"{t('rank.summary_title')} — {by_label(ranking)}", style="bold"))
    table.add_column(t("rank.col.cluster"))
    table.add_column(t("rank.col.leader"))
    table.add_column(t("rank.col.status"))
    table.add_column(t("rank.col.proposal"))
    for cluster in ranking.clusters:
        entry = cluster.leader_entry
        table.add_row(
            Text(cluster.cluster.name),
            Text(leader_short(cluster)),
            t("rank.summary.counts", **status_counts(cluster)),
            Text(proposal_text(entry) if entry is not None else ""),
        )
    return table


def render_ranking(ranking: Ranking, console: Console) -> None:
    """What `thidua rank` (and `thidua demo`) prints: one table per cluster, then the summary."""
    if ranking.preview:
        console.print(Text(t("rank.preview"), style="bold red"))
    for cluster in ranking.clusters:
        console.print(cluster_table(ranking, cluster))
        console.print()
    console.print(summary_table(ranking))
    console.print(Text(t("rank.summary.proposals"), style="bold"))
    proposals = [*ranking.province_flag, *ranking.government_flag]
    for proposal in proposals:
        entry = proposal.entry
        total = _number(entry.total)
        console.print(
            Text(
                f"  {t(f'rank.flag.{proposal.flag.value}')}: {entry.unit.id} — {entry.unit.name} "
                f"({proposal.cluster.id}, {total})"
            )
        )
    if not proposals:
        console.print(Text(f"  {t('rank.summary.none')}"))
    console.print(Text(t("rank.locked") if ranking.locked else t("rank.not_locked"), style="dim"))
    for note in ranking.notes:
        style = {NoteLevel.ERROR: "red", NoteLevel.WARNING: "yellow", NoteLevel.INFO: "cyan"}[
            note.level
        ]
        console.print(Text(f"• {note.message}", style=style))
