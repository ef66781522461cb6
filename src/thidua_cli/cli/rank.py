"""`thidua rank`: statuses, ranks, the leader and flag proposals of every cluster."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from thidua_cli.cli.console import (
    check_output_folder,
    emit_json_document,
    guard,
    progress_bar,
    stderr,
    stdout,
)
from thidua_cli.cli.options import (
    BookOption,
    CriteriaOption,
    DebugOption,
    JsonOption,
    LangOption,
    PeriodChoice,
    PeriodOption,
    WorkbooksArgument,
    YearOption,
)
from thidua_cli.cli.ranking_table import render_ranking
from thidua_cli.findings import UsageError, finding
from thidua_cli.ranking.rank import Ranking
from thidua_cli.reports.ranking_json import ranking_document
from thidua_cli.reports.ranking_xlsx import write_ranking_xlsx
from thidua_cli.rubric.sides import Side
from thidua_cli.workflows.rank import RankRequest
from thidua_cli.workflows.rank import rank as rank_workflow


def parse_elected(values: list[str]) -> dict[str, str]:
    """``["cum-1=BVDK"]`` -> ``{"cum-1": "BVDK"}``; malformed or repeated clusters are refused."""
    elected: dict[str, str] = {}
    for value in values:
        cluster, sep, unit = (part.strip() for part in value.partition("="))
        if not sep or not cluster or not unit:
            raise UsageError(finding("elected-syntax", value=value))
        if cluster in elected and elected[cluster] != unit:
            units = f"{elected[cluster]}, {unit}"
            raise UsageError(finding("elected-twice", cluster=cluster, units=units))
        elected[cluster] = unit
    return elected


class By(StrEnum):
    cluster = "cluster"
    self = "self"


def rank_command(
    paths: WorkbooksArgument,
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
    elected: Annotated[
        list[str] | None,
        typer.Option(
            "--elected",
            help="Kết quả suy tôn của Hội nghị: MÃ-CỤM=MÃ-ĐƠN-VỊ (lặp lại được, mỗi cụm một lần).",
            show_default=False,
            metavar="CỤM=ĐƠN-VỊ",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Ghi bảng tổng hợp cho hội nghị (.xlsx).", show_default=False
        ),
    ] = None,
    book: BookOption = None,
    criteria: CriteriaOption = None,
    year: YearOption = None,
    period: PeriodOption = PeriodChoice.year,
    json: JsonOption = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Xếp hạng từng Cụm: tình trạng từng đơn vị, điểm cao nhất, kết quả suy tôn, đề nghị Cờ
    thi đua.

    Ví dụ: thidua rank returned/ --units units.yaml --lock verified.lock --out ranking.xlsx
    Sau Hội nghị: thêm --elected cum-1=BVDK (đơn vị được suy tôn nhất Cụm).
    """
    with guard(lang, debug) as messages:
        check_output_folder(out)
        request = RankRequest(
            paths=paths,
            units=units,
            locks=lock or (),
            by=Side.SELF if by is By.self else Side.CLUSTER,
            province_flag_total=province_flag_total,
            criteria=criteria,
            year=year,
            period=period.period,
            elected=parse_elected(elected or []),
            book=book,
        )

        def write_meeting(ranking: Ranking) -> None:
            assert out is not None
            write_ranking_xlsx(out, ranking, messages)
            stderr().print(messages("rank.written", path=out), markup=False)

        with progress_bar(messages("score.progress")) as progress:
            ranking = rank_workflow(request, progress, write_meeting if out else None)
        if json:
            emit_json_document(ranking_document(ranking, messages))
        else:
            render_ranking(ranking, stdout(), messages)
        if ranking.has_errors:
            raise typer.Exit(1)
