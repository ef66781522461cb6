"""Two renderings of one scoring run: the SPEC §5 JSON object and the scores.xlsx workbook."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from thidua_cli import jsonout
from thidua_cli.atomic import write_atomically
from thidua_cli.compute import Scores
from thidua_cli.layout import Side
from thidua_cli.messages import t
from thidua_cli.numbers import hundredths
from thidua_cli.problems import Problem
from thidua_cli.results import Results, WorkbookResult
from thidua_cli.rubric import Rubric
from thidua_cli.sheet_writer import clean_text
from thidua_cli.streamed_xlsx import write_streamed

if TYPE_CHECKING:  # openpyxl does not export the write-only sheet's class
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# --- JSON -------------------------------------------------------------------------------


def score_json(results: Iterable[WorkbookResult], rubric: Rubric) -> dict[str, Any]:
    """``{"rubric": {...}, "workbooks": [...]}`` exactly as SPEC §5 (Decimals for jsonout)."""
    document = score_document(results, rubric)
    document["workbooks"] = list(document["workbooks"].items)
    return document


def score_document(results: Iterable[WorkbookResult], rubric: Rubric) -> dict[str, Any]:
    """The same, its workbooks produced while ``jsonout.write`` writes them."""
    return {
        "rubric": {
            "id": rubric.id,
            "declared_total": rubric.meta.declared_total,
            "max_total": rubric.max_total,
        },
        "workbooks": jsonout.Stream(workbook_json(r, rubric) for r in results),
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
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")

Row = list[Cell | Decimal | int | None]


def write_scores_xlsx(path: Path, results: Results, rubric: Rubric) -> None:
    """The same report as a workbook (atomically): totals, every criterion, every problem.

    Written row by row (openpyxl's write-only mode) with one pass over ``results`` per
    sheet, so thousands of workbooks take no more memory than a few.
    """

    def fill(workbook: Workbook) -> None:
        _summary_sheet(workbook.create_sheet(t("score.xlsx.sheet.scores")), results, rubric)
        _criteria_sheet(workbook.create_sheet(t("score.xlsx.sheet.criteria")), results, rubric)
        _problems_sheet(workbook.create_sheet(t("score.xlsx.sheet.problems")), results)

    write_streamed(path, fill, write_atomically)


def _text(ws: WriteOnlyWorksheet, text: object, **style: Any) -> Cell | None:
    """Anything from a user or a file name: cleaned, and always text, never a formula."""
    if text is None:
        return None
    cell = WriteOnlyCell(ws, clean_text(str(text), multiline=True))
    cell.data_type = "s"
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _number(value: Decimal | int | None) -> Decimal | int | None:
    if isinstance(value, Decimal):
        value = hundredths(value)
        return int(value) if value == int(value) else value
    return value


def _header(ws: WriteOnlyWorksheet, row: int, titles: Sequence[str], widths: Sequence[int]) -> Row:
    """The cells of the header (at ``row``); sets the column widths and freezes down to it."""
    ws.freeze_panes = f"A{row + 1}"
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    return [_text(ws, title, font=_BOLD, alignment=_WRAP) for title in titles]


def _summary_sheet(ws: WriteOnlyWorksheet, results: Results, rubric: Rubric) -> None:
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
    header = _header(ws, 4, titles, widths)
    ws.append([_text(ws, t("score.xlsx.title"), font=_TITLE)])
    rubric_line = t(
        "score.xlsx.rubric", id=rubric.id, declared=rubric.meta.declared_total, max=rubric.max_total
    )
    ws.append([_text(ws, rubric_line)])
    ws.append([])
    ws.append(header)
    for result in results:
        identity = result.identity
        row: Row = [_text(ws, result.file)]
        if identity is None:
            row += [None] * 5
        else:
            row += [_text(ws, v) for v in (identity.unit_id, identity.unit_name, identity.cluster)]
            row += [identity.year, _text(ws, identity.period)]
        row.append(_text(ws, status_text(result)))
        for side in Side:
            scores = result.scores.get(side) or Scores()
            row += [_number(scores.sections.get(code)) for code in sections]
            row.append(_number(scores.total))
        errors = sum(p.is_error for p in result.problems)
        row += [errors, len(result.problems) - errors]
        ws.append(row)


def _criteria_sheet(ws: WriteOnlyWorksheet, results: Results, rubric: Rubric) -> None:
    codes = [c.code for c in rubric.walk()]
    titles = [t("score.col.file"), t("score.xlsx.col.unit_id"), t("score.xlsx.col.side"), *codes]
    header = _header(ws, 1, titles, [28, 12, 10] + [8] * len(codes))
    ws.append(header)
    for result in results:
        for side in Side:
            scores = result.scores.get(side) or Scores()
            row: Row = [
                _text(ws, result.file),
                _text(ws, result.unit_id),
                _text(ws, t(f"score.side.{side.json_key}")),
            ]
            row += [_number(scores.criteria.get(code)) for code in codes]
            ws.append(row)


def _problems_sheet(ws: WriteOnlyWorksheet, results: Results) -> None:
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
    header = _header(ws, 1, titles, [28, 12, 18, 10, 10, 7, 9, 90])
    ws.append(header)
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
            )
            row: Row = [_text(ws, v) for v in values]
            row.append(_text(ws, problem.message, alignment=_WRAP))
            ws.append(row)


def status_text(result: WorkbookResult) -> str:
    if not result.ok:
        return t("score.status.errors")
    if not result.complete(Side.CLUSTER):
        return t("score.status.cluster-incomplete")
    return t("score.status.ok")
