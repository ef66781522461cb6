"""Tờ trình đề nghị tặng Cờ thi đua của UBND tỉnh: the cluster's elected unit, signed by the
cluster head. Before the meeting's vote the leader on the scores stands provisionally and the
paper says DỰ THẢO (draft) above its title."""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from thidua_cli.reports.papers.data import ProvinceFlagProposal
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
from thidua_cli.reports.papers.figures import points

SYMBOL = "TTr-CTĐ"  # Tờ trình (Phụ lục III) of a Cụm thi đua
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def write_province_flag(path: Path, proposal: ProvinceFlagProposal, occasion: Occasion) -> None:
    cluster = text_of(proposal.cluster.name)
    parent = text_of(proposal.parent)
    line = proposal.unit
    paper = Paper(paper_text("paper.proposal.kind"))
    paper.heading(Heading(cluster, SYMBOL, parent), occasion)
    if proposal.provisional:
        paper.draft_mark(paper_text("paper.draft"))
    paper.title(
        paper_text("paper.proposal.kind"),
        paper_text("paper.province.subject", year=proposal.year),
    )
    paper.addressee(paper_text("paper.province.to", parent=parent))
    paper.paragraph(paper_text("paper.basis.document", document=text_of(proposal.document)))
    paper.paragraph(paper_text("paper.province.basis", year=proposal.year, cluster=cluster))
    paper.paragraph(
        paper_text("paper.province.request", cluster=cluster, parent=parent, year=proposal.year)
    )
    paper.paragraph(
        f"{text_of(line.unit.name).upper()} ({line.unit.id})",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    key = "paper.province.leader" if proposal.provisional else "paper.province.elected"
    paper.paragraph(
        paper_text(
            key,
            rank=line.rank if line.rank is not None else "…",
            eligible=proposal.eligible,
            total=points(line.cluster_total),
        )
    )
    columns = [
        Column(paper_text("paper.col.criterion"), 85, LEFT),
        Column(paper_text("paper.col.max"), 26),
        Column(paper_text("paper.col.own"), 27),
        Column(paper_text("paper.col.cluster"), 27),
    ]
    rows: list[list[Cell | str]] = [
        [
            paper_text("paper.col.section", code=code),
            points(maximum),
            points(line.own_sections.get(code)),
            points(line.sections.get(code)),
        ]
        for code, maximum in proposal.maxima.items()
    ]
    rows.append(
        [
            Cell(paper_text("paper.grand_total"), bold=True),
            Cell(points(sum(proposal.maxima.values())), bold=True),
            Cell(points(line.own_total), bold=True),
            Cell(points(line.cluster_total), bold=True),
        ]
    )
    paper.table(columns, rows)
    paper.paragraph(paper_text("paper.province.attached"))
    paper.paragraph(paper_text("paper.province.closing", parent=parent), keep_with_next=True)
    head = proposal.head
    paper.closing(
        [
            paper_text("paper.recipient.above"),
            text_of(line.unit.name),
            paper_text("paper.recipient.archive"),
        ],
        Signer(
            authority=paper_text("paper.signer.cluster"),
            title=paper_text("paper.signer.cluster_head"),
            note=paper_text("paper.signer.head_unit", unit=text_of(head.name)) if head else None,
        ),
    )
    paper.save(path)
