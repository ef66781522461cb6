"""A scoring run as SPEC §5's JSON object (``score --json``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from thidua_cli.findings import Finding
from thidua_cli.messages import Messages
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import Scores
from thidua_cli.scoring.results import WorkbookResult


def score_json(results: Iterable[WorkbookResult], rubric: Rubric, m: Messages) -> dict[str, Any]:
    """``{"rubric": {...}, "workbooks": [...]}`` exactly as SPEC §5 (Decimals for jsonout)."""
    document = score_document(results, rubric, m)
    document["workbooks"] = list(document["workbooks"])
    return document


def score_document(
    results: Iterable[WorkbookResult], rubric: Rubric, m: Messages
) -> dict[str, Any]:
    """The same, its workbooks produced while ``jsonout.write`` writes them."""
    return {
        "rubric": {
            "id": rubric.id,
            "declared_total": rubric.meta.declared_total,
            "max_total": rubric.max_total,
        },
        "workbooks": (workbook_json(r, rubric, m) for r in results),
    }


def workbook_json(result: WorkbookResult, rubric: Rubric, m: Messages) -> dict[str, Any]:
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
        "problems": [problem_json(p, m) for p in result.problems],
    }


def side_json(scores: Scores | None, rubric: Rubric) -> dict[str, Any]:
    """One side: every section and every criterion (leaves and groups), ``None`` where unknown.

    Scored sides list the criteria of the rubric they were scored with (a cluster's own may
    differ from ``rubric``); unscored ones list ``rubric``'s."""
    scores = scores or Scores()
    sections = scores.sections or {s.code: None for s in rubric.sections}
    criteria = scores.criteria or {c.code: None for c in rubric.walk()}
    return {
        "complete": scores.complete,
        "total": scores.total,
        "sections": dict(sections),
        "criteria": dict(criteria),
    }


def problem_json(problem: Finding, m: Messages) -> dict[str, Any]:
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "file": problem.file,
        "sheet": problem.sheet,
        "cell": problem.cell,
        "criterion": problem.criterion,
        "message": m.finding(problem),
    }


def status_text(result: WorkbookResult, m: Messages) -> str:
    """A workbook's state in a few words (the console table and scores.xlsx)."""
    if not result.ok:
        return m("score.status.errors")
    if not result.complete(Side.CLUSTER):
        return m("score.status.cluster-incomplete")
    return m("score.status.ok")
