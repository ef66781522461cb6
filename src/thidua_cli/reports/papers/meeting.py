"""Biên bản hội nghị tổng kết Cụm (or the half-year review): one per cluster, from the ranking.

Attendance lines to fill (the guidance's three groups, one line per member unit), the ranking
table, the units not considered with their reasons, the vote (candidates, their votes, the
elected unit), the proposal for the provincial flag, and next year's head and deputy.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua_cli.messages import VI
from thidua_cli.reports.papers.data import Election, MeetingMinutes, RankedUnit
from thidua_cli.reports.papers.document import (
    DOTS,
    TEXT_WIDTH_MM,
    Cell,
    Column,
    Heading,
    Occasion,
    Paper,
    Signer,
    day_parts,
    paper_text,
    text_of,
)
from thidua_cli.reports.papers.figures import difference, points
from thidua_cli.reports.papers.verification import SYMBOL, period_words
from thidua_cli.units.model import Unit

LEFT = WD_ALIGN_PARAGRAPH.LEFT
ROW_LINES = 2  # blank lines in each attendance row, room to write a name and a position


def unit_label(unit: Unit) -> str:
    return f"{text_of(unit.name)} ({unit.id})"


def write_meeting(path: Path, minutes: MeetingMinutes, occasion: Occasion) -> None:
    kind = "half" if minutes.period == "half" else "year"
    cluster = text_of(minutes.cluster.name)
    paper = Paper(paper_text("paper.verification.kind"))
    paper.heading(Heading(cluster, SYMBOL, minutes.parent), occasion)
    period = period_words(minutes.year, minutes.period)
    paper.title(
        paper_text("paper.verification.kind"),
        paper_text(f"paper.meeting.subject.{kind}", period=period, cluster=cluster),
    )
    when = paper_text("paper.meeting.day", **day_parts(occasion.day))
    paper.paragraph(paper_text("paper.meeting.time", day=when))
    paper.fill_line(paper_text("paper.meeting.place"))
    _attendance(paper, minutes)
    paper.section(paper_text("paper.meeting.content"))
    _results(paper, minutes)
    _not_ranked(paper, minutes.not_ranked)
    if minutes.election is None:
        paper.paragraph(paper_text("paper.meeting.half_year"))
    else:
        _vote(paper, minutes.election)
        _proposal(paper, minutes.election)
        _next_roles(paper, minutes)
    paper.section(paper_text("paper.meeting.opinions"))
    for _ in range(3):
        paper.fill_line()
    paper.paragraph(paper_text("paper.meeting.closing"), keep_with_next=True)
    head = minutes.head
    paper.signatures(
        Signer(title=paper_text("paper.signer.secretary"), hint=paper_text("paper.hint.name")),
        Signer(
            title=paper_text("paper.signer.chair"),
            note=paper_text("paper.signer.head_unit", unit=text_of(head.name)) if head else None,
            hint=paper_text("paper.hint.name"),
        ),
    )
    paper.recipients(
        [
            paper_text("paper.recipient.council", parent=text_of(minutes.parent)),
            paper_text("paper.recipient.units"),
            paper_text("paper.recipient.archive"),
        ]
    )
    paper.save(path)


def _attendance(paper: Paper, minutes: MeetingMinutes) -> None:
    paper.section(paper_text("paper.meeting.attendance"))
    paper.paragraph(paper_text("paper.meeting.council_member"), indent=False)
    paper.fill_line(paper_text("paper.attendee"))
    head = unit_label(minutes.head) if minutes.head else DOTS
    deputy = unit_label(minutes.deputy) if minutes.deputy else DOTS
    paper.paragraph(paper_text("paper.meeting.leaders", head=head, deputy=deputy), indent=False)
    for _ in range(2):
        paper.fill_line(paper_text("paper.attendee"))
    paper.paragraph(paper_text("paper.meeting.members"), indent=False)
    columns = [
        Column(paper_text("paper.col.no"), 12),
        Column(paper_text("paper.col.unit"), 68, LEFT),
        Column(paper_text("paper.col.attendee"), TEXT_WIDTH_MM - 80, LEFT),
    ]
    blank = "\n" * (ROW_LINES - 1)
    rows = [
        [str(index), unit_label(unit), blank]
        for index, unit in enumerate(minutes.cluster.units, start=1)
    ]
    paper.table(columns, rows)
    paper.fill_line(paper_text("paper.meeting.chair"))
    paper.fill_line(paper_text("paper.meeting.secretary"))


def _results(paper: Paper, minutes: MeetingMinutes) -> None:
    paper.section(paper_text("paper.meeting.results"))
    paper.paragraph(paper_text("paper.meeting.results_basis"))
    # widths (mm) that keep "Hạng" and "Xét thi đua" on one line at 10.5 pt; names wrap
    rank, total, section, status = 14.0, 15.0, 14.0, 24.0
    sections = [
        Column(paper_text("paper.col.section", code=code), section) for code in minutes.sections
    ]
    fixed = rank + 3 * total + status + len(sections) * section
    columns = [
        Column(paper_text("paper.col.rank"), rank),
        Column(paper_text("paper.col.unit"), TEXT_WIDTH_MM - fixed, LEFT),
        Column(paper_text("paper.col.self_total"), total),
        *sections,
        Column(paper_text("paper.col.cluster"), total),
        Column(paper_text("paper.col.difference"), total),
        Column(paper_text("paper.col.status"), status),
    ]
    elected = minutes.election.elected if minutes.election else None
    rows = [_ranked_row(line, minutes, elected) for line in minutes.lines]
    paper.table(columns, rows, size=10.5)


def _ranked_row(
    line: RankedUnit, minutes: MeetingMinutes, elected: Unit | None
) -> list[Cell | str]:
    bold = elected is not None and line.unit.id == elected.id
    return [
        Cell(str(line.rank) if line.rank is not None else "", bold=bold),
        Cell(unit_label(line.unit), bold=bold),
        points(line.own_total),
        *[points(line.sections.get(code)) for code in minutes.sections],
        Cell(points(line.cluster_total), bold=bold),
        difference(line.own_total, line.cluster_total),
        VI(f"rank.status.{line.status.value}"),
    ]


def _not_ranked(paper: Paper, lines: list[RankedUnit]) -> None:
    paper.section(paper_text("paper.meeting.not_ranked"))
    if not lines:
        paper.paragraph(paper_text("paper.meeting.none"))
        return
    for line in lines:
        reasons = "; ".join(VI.printed(reason) for reason in line.reasons)
        paper.paragraph(
            paper_text(
                "paper.meeting.not_ranked_line",
                unit=unit_label(line.unit),
                status=VI(f"rank.status.{line.status.value}"),
                reasons=reasons,
            )
        )


def _vote(paper: Paper, election: Election) -> None:
    paper.section(paper_text("paper.meeting.vote"))
    if not election.candidates:
        paper.paragraph(paper_text("paper.meeting.no_candidate"))
        return
    paper.paragraph(paper_text("paper.meeting.vote_basis"))
    columns = [
        Column(paper_text("paper.col.no"), 12),
        Column(paper_text("paper.col.unit"), TEXT_WIDTH_MM - 12 - 30 - 30, LEFT),
        Column(paper_text("paper.col.cluster"), 30),
        Column(paper_text("paper.col.votes"), 30),
    ]
    rows = [
        [
            str(index),
            unit_label(candidate.unit),
            points(candidate.total),
            str(candidate.votes) if candidate.votes is not None else "",
        ]
        for index, candidate in enumerate(election.candidates, start=1)
    ]
    paper.table(columns, rows)
    counted = [c.votes for c in election.candidates if c.votes is not None]
    if not counted:
        paper.fill_line(paper_text("paper.meeting.ballots"))
    chosen = election.elected
    if chosen is not None and not election.provisional:
        votes = next((c.votes for c in election.candidates if c.unit.id == chosen.id), None)
        key = "paper.meeting.elected_votes" if votes is not None else "paper.meeting.elected"
        paper.mixed(
            [
                (paper_text("paper.meeting.result"), False),
                (unit_label(chosen), True),
                (paper_text(key, votes=votes), False),
            ]
        )
        return
    if chosen is not None:
        total = next((c.total for c in election.candidates if c.unit.id == chosen.id), None)
        paper.paragraph(
            paper_text("paper.meeting.leader", unit=unit_label(chosen), total=points(total))
        )
    elif election.tie:
        tied = ", ".join(unit_label(u) for u in election.tie)
        paper.paragraph(paper_text("paper.meeting.tie", units=tied))
    paper.fill_line(paper_text("paper.meeting.elected_blank"))


def _proposal(paper: Paper, election: Election) -> None:
    paper.section(paper_text("paper.meeting.proposal"))
    chosen = election.elected
    if chosen is not None and not election.provisional:
        paper.mixed(
            [
                (paper_text("paper.meeting.proposal_for"), False),
                (unit_label(chosen), True),
                (".", False),
            ]
        )
    else:
        paper.fill_line(paper_text("paper.meeting.proposal_for"))


def _next_roles(paper: Paper, minutes: MeetingMinutes) -> None:
    paper.section(paper_text("paper.meeting.next_roles", year=minutes.year + 1))
    for key, unit in (
        ("paper.meeting.next_head", minutes.next_head),
        ("paper.meeting.next_deputy", minutes.next_deputy),
    ):
        if unit is None:
            paper.fill_line(paper_text(key))
        else:
            paper.mixed([(paper_text(key), False), (unit_label(unit), True)])
