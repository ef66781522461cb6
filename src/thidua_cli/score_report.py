"""Two renderings of one scoring run: the SPEC §5 JSON object and the scores.xlsx workbook."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli.atomic import write_atomically
from thidua_cli.compute import Scores
from thidua_cli.layout import Side
from thidua_cli.messages import t
from thidua_cli.numbers import hundredths
from thidua_cli.problems import Problem
from thidua_cli.results import WorkbookResult
from thidua_cli.rubric import Rubric
from thidua_cli.sheet_writer import clean_text, put_text

# --- JSON -------------------------------------------------------------------------------


def score_json(results: Sequence[WorkbookResult], rubric: Rubric) -> dict[str, Any]:
    """``{"rubric": {...}, "workbooks": [...]}`` exactly as SPEC §5 (Decimals for jsonout)."""
    return {
        "rubric": {
            "id": rubric.id,
            "declared_total": rubric.meta.declared_total,
            "max_total": rubric.max_total,
        },
        "workbooks": [workbook_json(r, rubric) for r in results],
    }


def workbook_json(result: WorkbookResult, rubric: Rubric) -> dict[str, Any]:
    identity = result.identity
    return {
        "file": result.file,
        "unit_id": identity.unit_id if identity else None,
        "unit_name": identity.unit_name if identity else None,
        "cluster": identity.cluster if identity else None,
        "year": identity.year if identity else None,
        "period": identity.period if identity else None,
        "ok": result.ok,
        "scores": {side.json_key: side_json(result.scores.get(side), rubric) for side in Side},
        "problems": [problem_json(p) for p in result.problems],
    }


def side_json(scores: Scores | None, rubric: Rubric) -> dict[str, Any]:
    """One side: every section and every criterion (leaves and groups), ``None`` where unknown."""
    scores = scores or Scores()
    return {
        "complete": scores.complete,
        "total": scores.total,
        "sections": {s.code: scores.sections.get(s.code) for s in rubric.sections},
        "criteria": {c.code: scores.criteria.get(c.code) for c in rubric.walk()},
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "file": problem.file,
        "sheet": problem.sheet,
        "cell": problem.cell,
        "criterion": problem.criterion,
        "message": problem.message,
    }


# --- scores.xlsx ------------------------------------------------------------------------

_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_scores_xlsx(path: Path, results: Sequence[WorkbookResult], rubric: Rubric) -> None:
    """The same report as a workbook (atomically): totals, every criterion, every problem."""
    workbook = build_scores_workbook(results, rubric)
    write_atomically(path, workbook.save)


def build_scores_workbook(results: Sequence[WorkbookResult], rubric: Rubric) -> Workbook:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = t("score.xlsx.sheet.scores")
    _summary_sheet(summary, results, rubric)
    _criteria_sheet(workbook.create_sheet(t("score.xlsx.sheet.criteria")), results, rubric)
    _problems_sheet(workbook.create_sheet(t("score.xlsx.sheet.problems")), results)
    return workbook


def _text(ws: Worksheet, row: int, column: int, text: object) -> None:
    """Anything from a user or a file name: cleaned, and always text, never a formula."""
    if text is None:
        return
    put_text(ws, row, column, clean_text(str(text), multiline=True))


def _number(ws: Worksheet, row: int, column: int, value: Decimal | int | None) -> None:
    if value is None:
        return
    if isinstance(value, Decimal):
        value = hundredths(value)
        ws.cell(row=row, column=column, value=int(value) if value == int(value) else value)
    else:
        ws.cell(row=row, column=column, value=value)


def _header(ws: Worksheet, row: int, titles: Sequence[str], widths: Sequence[int]) -> None:
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        _text(ws, row, column, title)
        cell = ws.cell(row=row, column=column)
        cell.font = _BOLD
        cell.alignment = _WRAP
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _summary_sheet(ws: Worksheet, results: Sequence[WorkbookResult], rubric: Rubric) -> None:
    _text(ws, 1, 1, t("score.xlsx.title"))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    _text(
        ws,
        2,
        1,
        t(
            "score.xlsx.rubric",
            id=rubric.id,
            declared=rubric.meta.declared_total,
            max=rubric.max_total,
        ),
    )
    sections = [s.code for s in rubric.sections]
    titles = [
        t("score.col.file"),
        t("score.xlsx.col.unit_id"),
        t("score.xlsx.col.unit_name"),
        t("score.xlsx.col.cluster"),
        t("score.xlsx.col.year"),
        t("score.xlsx.col.period"),
        t("score.col.status"),
        *(t("score.xlsx.col.self_section", code=c) for c in sections),
        t("score.xlsx.col.self_total"),
        *(t("score.xlsx.col.cluster_section", code=c) for c in sections),
        t("score.xlsx.col.cluster_total"),
        t("score.xlsx.col.errors"),
        t("score.xlsx.col.warnings"),
    ]
    widths = [28, 12, 36, 10, 7, 8, 18] + [11] * (2 * len(sections) + 2) + [8, 10]
    _header(ws, 4, titles, widths)
    for row, result in enumerate(results, start=5):
        identity = result.identity
        _text(ws, row, 1, result.file)
        if identity is not None:
            for column, value in enumerate(
                (identity.unit_id, identity.unit_name, identity.cluster), start=2
            ):
                _text(ws, row, column, value)
            _number(ws, row, 5, identity.year)
            _text(ws, row, 6, identity.period)
        _text(ws, row, 7, status_text(result))
        column = 8
        for side in Side:
            scores = result.scores.get(side) or Scores()
            for code in sections:
                _number(ws, row, column, scores.sections.get(code))
                column += 1
            _number(ws, row, column, scores.total)
            column += 1
        errors = sum(p.is_error for p in result.problems)
        _number(ws, row, column, errors)
        _number(ws, row, column + 1, len(result.problems) - errors)


def _criteria_sheet(ws: Worksheet, results: Sequence[WorkbookResult], rubric: Rubric) -> None:
    codes = [c.code for c in rubric.walk()]
    titles = [t("score.col.file"), t("score.xlsx.col.unit_id"), t("score.xlsx.col.side"), *codes]
    _header(ws, 1, titles, [28, 12, 10] + [8] * len(codes))
    row = 2
    for result in results:
        for side in Side:
            scores = result.scores.get(side) or Scores()
            _text(ws, row, 1, result.file)
            _text(ws, row, 2, result.unit_id)
            _text(ws, row, 3, t(f"score.side.{side.json_key}"))
            for column, code in enumerate(codes, start=4):
                _number(ws, row, column, scores.criteria.get(code))
            row += 1


def _problems_sheet(ws: Worksheet, results: Sequence[WorkbookResult]) -> None:
    titles = [
        t("score.col.file"),
        t("score.xlsx.col.unit_id"),
        t("score.xlsx.col.code"),
        t("score.xlsx.col.severity"),
        t("score.xlsx.col.sheet"),
        t("score.xlsx.col.cell"),
        t("score.xlsx.col.criterion"),
        t("score.xlsx.col.message"),
    ]
    _header(ws, 1, titles, [28, 12, 18, 10, 10, 7, 9, 90])
    row = 2
    for result in results:
        for problem in result.problems:
            values = (
                result.file,
                result.unit_id,
                problem.code,
                t(f"severity.{problem.severity.value}"),
                problem.sheet,
                problem.cell,
                problem.criterion,
                problem.message,
            )
            for column, value in enumerate(values, start=1):
                _text(ws, row, column, value)
            ws.cell(row=row, column=8).alignment = _WRAP
            row += 1


def status_text(result: WorkbookResult) -> str:
    if not result.ok:
        return t("score.status.errors")
    if not result.complete(Side.CLUSTER):
        return t("score.status.cluster-incomplete")
    return t("score.status.ok")
