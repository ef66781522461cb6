"""Biên bản kiểm tra, đối chiếu thống nhất điểm: one per unit, from the lock.

The unit, its cluster, the year and period; per section and per criterion the unit's points,
the cluster's and the difference; the criteria still disputed; the lock's digest; signature
blocks for the unit's head and the cluster's scoring team.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua_cli.reports.papers.data import CriterionPoints, VerificationMinutes
from thidua_cli.reports.papers.document import (
    Cell,
    Column,
    Heading,
    Occasion,
    Paper,
    Signer,
    paper_text,
    text_of,
)
from thidua_cli.reports.papers.figures import difference, points, signed

SYMBOL = "BB-CTĐ"  # Biên bản (Phụ lục III) of a Cụm thi đua
ATTENDEES = 2  # lines to fill per party
LEFT = WD_ALIGN_PARAGRAPH.LEFT
INDENT_MM = 3  # a sub-criterion's title, per level under its group


def period_words(year: int, period: str) -> str:
    return paper_text(f"paper.period.{'half' if period == 'half' else 'year'}", year=year)


def write_verification(path: Path, minutes: VerificationMinutes, occasion: Occasion) -> None:
    paper = Paper(paper_text("paper.verification.kind"))
    paper.heading(Heading(minutes.cluster_name, SYMBOL, minutes.parent), occasion)
    period = period_words(minutes.year, minutes.period)
    paper.title(
        paper_text("paper.verification.kind"),
        paper_text("paper.verification.subject", period=period),
    )
    unit = f"{text_of(minutes.unit_name)} ({minutes.unit_id})"
    paper.paragraph(
        paper_text("paper.verification.opening", cluster=text_of(minutes.cluster_name), unit=unit)
    )
    paper.section(paper_text("paper.verification.attendance"))
    paper.paragraph(paper_text("paper.verification.team"), indent=False)
    for _ in range(ATTENDEES):
        paper.fill_line(paper_text("paper.attendee"))
    paper.paragraph(paper_text("paper.verification.unit", unit=unit), indent=False)
    for _ in range(ATTENDEES):
        paper.fill_line(paper_text("paper.attendee"))
    paper.section(paper_text("paper.verification.content"))
    paper.paragraph(paper_text("paper.verification.basis", document=text_of(minutes.document)))
    _points_table(paper, minutes)
    _totals(paper, minutes)
    _disputed(paper, minutes.disputed)
    paper.paragraph(
        paper_text(
            "paper.verification.lock",
            digest=minutes.digest,
            day=minutes.locked_on.strftime("%d/%m/%Y"),
        )
    )
    paper.paragraph(paper_text("paper.verification.closing"), keep_with_next=True)
    paper.signatures(
        Signer(
            authority=paper_text("paper.verification.unit_side", unit=text_of(minutes.unit_name)),
            title=paper_text("paper.signer.unit_head"),
            hint=paper_text("paper.hint.seal"),
        ),
        Signer(
            title=paper_text("paper.signer.scoring_team"),
            note=text_of(minutes.cluster_name),
            hint=paper_text("paper.hint.name"),
        ),
    )
    paper.recipients(
        [
            text_of(minutes.unit_name),
            paper_text("paper.recipient.cluster_office"),
            paper_text("paper.recipient.archive"),
        ]
    )
    paper.save(path)


def _points_table(paper: Paper, minutes: VerificationMinutes) -> None:
    columns = [
        Column(paper_text("paper.col.code"), 18),
        Column(paper_text("paper.col.criterion"), 80, LEFT),
        Column(paper_text("paper.col.max"), 15),
        Column(paper_text("paper.col.own"), 18),
        Column(paper_text("paper.col.cluster"), 17),
        Column(paper_text("paper.col.difference"), 17),
    ]
    rows: list[list[Cell | str]] = []
    for section in minutes.sections:
        title = paper_text("paper.section", code=section.code, title=text_of(section.title))
        rows.append(
            [
                Cell(section.code, bold=True),
                Cell(title, bold=True),
                Cell(points(section.maximum), bold=True),
                Cell(points(section.own), bold=True),
                Cell(points(section.cluster), bold=True),
                Cell(difference(section.own, section.cluster), bold=True),
            ]
        )
        rows += [_criterion_row(line) for line in section.criteria]
    rows.append(
        [
            Cell(paper_text("paper.grand_total"), bold=True, span=2),
            Cell(points(sum(s.maximum for s in minutes.sections)), bold=True),
            Cell(points(minutes.own_total), bold=True),
            Cell(points(minutes.cluster_total), bold=True),
            Cell(difference(minutes.own_total, minutes.cluster_total), bold=True),
        ]
    )
    paper.table(columns, rows)


def _criterion_row(line: CriterionPoints) -> list[Cell | str]:
    group = line.is_group and line.depth > 0
    return [
        Cell(line.code, italic=group),
        Cell(text_of(line.title), italic=group, indent_mm=INDENT_MM * line.depth),
        points(line.maximum),
        points(line.own),
        points(line.cluster),
        Cell(difference(line.own, line.cluster), bold=line.differs),
    ]


def _totals(paper: Paper, minutes: VerificationMinutes) -> None:
    paper.paragraph(
        paper_text(
            "paper.verification.totals",
            own=points(minutes.own_total),
            cluster=points(minutes.cluster_total),
            difference=difference(minutes.own_total, minutes.cluster_total),
        )
    )


def _disputed(paper: Paper, disputed: list[CriterionPoints]) -> None:
    if not disputed:
        paper.paragraph(paper_text("paper.verification.no_dispute"))
        return
    paper.paragraph(paper_text("paper.verification.disputed", count=len(disputed)))
    for line in disputed:
        paper.paragraph(
            paper_text(
                "paper.verification.disputed_line",
                code=line.code,
                own=points(line.own),
                cluster=points(line.cluster),
                difference=signed(line.difference),
            )
        )
    paper.fill_line(paper_text("paper.verification.unit_opinion"))
    paper.fill_line()
