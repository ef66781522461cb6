"""The department's đề nghị tặng Cờ thi đua của Chính phủ: each cluster's unit for the
provincial flag, the one leading unit the council proposes, and the 20 % cap worked out
("không quá 20% tổng số tập thể đạt tiêu chuẩn tặng Cờ thi đua của UBND tỉnh").

What is not known yet stays a dotted line: the number of collectives meeting the provincial
standard when the clerk did not state it, the candidate while a cluster has not decided.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua_cli.reports.papers.data import ClusterChoice, GovernmentFlagProposal
from thidua_cli.reports.papers.document import (
    DOTS,
    TEXT_WIDTH_MM,
    Column,
    Heading,
    Occasion,
    Paper,
    Signer,
    paper_text,
    text_of,
)
from thidua_cli.reports.papers.figures import points

SYMBOL = "TTr-HĐTĐKT"  # Tờ trình of the sector's emulation council
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def write_government_flag(path: Path, proposal: GovernmentFlagProposal, occasion: Occasion) -> None:
    parent = text_of(proposal.parent)
    paper = Paper(paper_text("paper.proposal.kind"))
    paper.heading(Heading(paper_text("paper.government.issuer"), SYMBOL, parent), occasion)
    if any(choice.provisional for choice in proposal.clusters):
        paper.draft_mark(paper_text("paper.draft.government"))
    paper.title(
        paper_text("paper.proposal.kind"),
        paper_text("paper.government.subject", year=proposal.year),
    )
    paper.addressee(paper_text("paper.government.to"))
    paper.paragraph(paper_text("paper.basis.document", document=text_of(proposal.document)))
    paper.paragraph(paper_text("paper.government.basis", parent=parent, year=proposal.year))
    paper.section(paper_text("paper.government.leaders"))
    _leaders(paper, proposal)
    paper.section(paper_text("paper.government.cap"))
    _cap(paper, proposal)
    paper.section(paper_text("paper.government.request"))
    candidate = proposal.candidate
    if candidate is not None and candidate.unit is not None:
        paper.mixed(
            [
                (
                    paper_text("paper.government.request_for", parent=parent, year=proposal.year),
                    False,
                ),
                (f"{text_of(candidate.unit.name)} ({candidate.unit.id})", True),
                (
                    paper_text(
                        "paper.government.candidate",
                        cluster=text_of(candidate.cluster.name),
                        total=points(candidate.total),
                    ),
                    False,
                ),
            ]
        )
    else:
        paper.paragraph(paper_text("paper.government.undecided"))
        paper.fill_line(
            paper_text("paper.government.request_for", parent=parent, year=proposal.year)
        )
    paper.paragraph(paper_text("paper.government.closing"), keep_with_next=True)
    paper.closing(
        [paper_text("paper.recipient.above"), paper_text("paper.recipient.archive")],
        Signer(
            authority=paper_text("paper.signer.council"),
            title=paper_text("paper.signer.council_chair"),
        ),
    )
    paper.save(path)


def _leaders(paper: Paper, proposal: GovernmentFlagProposal) -> None:
    columns = [
        Column(paper_text("paper.col.no"), 12),
        Column(paper_text("paper.col.cluster_name"), 50, LEFT),
        Column(paper_text("paper.col.unit"), TEXT_WIDTH_MM - 12 - 50 - 24 - 30, LEFT),
        Column(paper_text("paper.col.cluster"), 24),
        Column(paper_text("paper.col.note"), 30),
    ]
    rows = [
        [
            str(index),
            text_of(choice.cluster.name),
            f"{text_of(choice.unit.name)} ({choice.unit.id})" if choice.unit else DOTS,
            points(choice.total) if choice.unit else "",
            paper_text(f"paper.government.choice.{_state(choice)}"),
        ]
        for index, choice in enumerate(proposal.clusters, start=1)
    ]
    paper.table(columns, rows)


def _state(choice: ClusterChoice) -> str:
    if choice.unit is None:
        return "undecided"
    return "provisional" if choice.provisional else "elected"


def _cap(paper: Paper, proposal: GovernmentFlagProposal) -> None:
    paper.paragraph(paper_text("paper.government.cap_rule"))
    total, share, allowed = proposal.province_flag_total, proposal.share, proposal.allowed
    if total is None or share is None or allowed is None:
        paper.fill_line(paper_text("paper.government.cap_total"))
        paper.fill_line(paper_text("paper.government.cap_share_blank"))
        paper.paragraph(paper_text("paper.government.cap_unchecked"))
        return
    paper.paragraph(paper_text("paper.government.cap_total") + str(total) + ";")
    paper.paragraph(
        paper_text("paper.government.cap_share", total=total, share=points(share), allowed=allowed)
    )
    proposed = 1 if proposal.candidate is not None else 0
    paper.paragraph(paper_text("paper.government.cap_proposed", count=proposed, allowed=allowed))
