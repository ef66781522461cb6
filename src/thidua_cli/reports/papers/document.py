"""The state's paper layout (Nghị định 30/2020/NĐ-CP, Phụ lục I), shared by every paper.

One ``Paper`` is one Word document: A4 portrait, margins inside the decree's ranges, Times
New Roman, body 14 pt. Its parts follow the decree's numbered boxes (ô số):

- ``heading``: top left the parent body (upright caps) and the issuing body (bold caps) with a
  rule 1/3–1/2 of its line, the number line "Số: …/BB-CTĐ" under it (ô 2, 3); top right the
  national name (bold caps, 13 pt) and the motto (bold, 13 pt) with a rule as long as the
  motto, the place and date in italics under it, on the number's line (ô 1, 4);
- ``title``: the kind of paper in bold caps, its subject in bold, a short rule (ô 5a);
- body paragraphs justified with a 1 cm first-line indent, 6 pt between paragraphs (ô 6);
- ``table``: fixed column widths, the header row repeated on every page, rows kept whole;
- ``closing``: "Nơi nhận:" bottom left (bold italic 12 pt, the list in 11 pt, ô 9a/9b) beside
  the signature block (authority and title in bold caps, space to sign, the name in bold,
  ô 7a–7c); ``signatures`` puts two blocks side by side (minutes signed by two parties);
- page numbers top centre from page 2 on (ô 11).

Unknown blanks are dotted lines the clerk fills by hand; nothing here invents a name, a
number or a date. Text from users is cleaned before it reaches the XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from msgspec import Struct

from thidua_cli.files import write_output_bytes, zipped
from thidua_cli.messages import VI
from thidua_cli.text import clean_text

FONT = "Times New Roman"
BODY_SIZE = 14  # ô 6: 13–14 pt
TABLE_SIZE = 11
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # A4
# Decree ranges: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]
CELL_PADDING_MM = 1.9  # Word's default left and right cell margin (0.19 cm)
HEADING_LEFT_MM = 60  # the issuer's column; the national name (about 97 mm) takes the rest
MOTTO_WIDTH_MM = 56.1  # "Độc lập - Tự do - Hạnh phúc", bold 13 pt Times New Roman (measured)
CAPS_EM = 0.60  # average advance of a bold capital, space or digit, in ems (measured)
LOWER_EM = 0.45  # of bold lower-case text (measured)
DOTS = "……………"  # a blank to fill by hand
SIGNING_SPACE_LINES = 4  # room for a signature and a seal


def text_of(text: str) -> str:
    """User text as it may go into the document: NFC, no control characters."""
    return clean_text(text, multiline=True)


def paper_text(key: str, **params: object) -> str:
    """A fixed text of the papers: always Vietnamese (``messages/papers.py``)."""
    return VI(key, **params)


def date_line(place: str | None, day: date | None) -> str:
    """ "Thanh Hóa, ngày 05 tháng 01 năm 2021"; dotted where unknown (ô 4).

    The decree writes a 0 before days below 10 and before months 1 and 2.
    """
    return paper_text("paper.date_line", place=text_of(place) if place else DOTS, **day_parts(day))


def day_parts(day: date | None) -> dict[str, str]:
    """``day``, ``month``, ``year`` as the decree writes them (dots when unknown)."""
    if day is None:
        return {"day": "…", "month": "…", "year": "……"}
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return {"day": f"{day.day:02d}", "month": month, "year": str(day.year)}


def text_width_mm(text: str, size: float, caps: bool) -> float:
    """An estimate of a bold line's width (for the rules under it)."""
    em = CAPS_EM if caps else LOWER_EM
    return len(text) * size * em * 25.4 / 72


# --- the parts of a paper's data the layout needs ---------------------------------------------


class Occasion(Struct, frozen=True):
    """Where and when the papers are signed, as the clerk gave them (None: to fill by hand)."""

    place: str | None = None
    day: date | None = None


class Heading(Struct, frozen=True):
    """Ô 1–3: who issues the paper and its number's symbol."""

    issuer: str  # cơ quan, tổ chức ban hành (bold caps)
    symbol: str  # "BB-CTĐ": the number is the clerk's (văn thư) to give, left dotted
    parent: str | None = None  # cơ quan chủ quản (upright caps), when there is one


class Signer(Struct, frozen=True):
    """Ô 7: authority ("TM. CỤM THI ĐUA"), title, a hint, space to sign, the name."""

    title: str
    authority: str | None = None
    note: str | None = None  # an italic line under the title, e.g. the unit the signer heads
    hint: str | None = None  # "(Ký, ghi rõ họ tên)"
    name: str | None = None  # None: a dotted line to write the name on


class Column(Struct, frozen=True):
    header: str
    width_mm: float
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER


class Cell(Struct, frozen=True):
    """A table cell's text and look (plain strings are ordinary cells)."""

    text: str
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None  # None: the column's
    span: int = 1  # columns merged from this one to the right
    indent_mm: float = 0  # a sub-criterion under its group


TableCell = str | Cell


class Paper:
    """One document being written, top to bottom."""

    def __init__(self, name: str) -> None:
        self.name = name  # the document's title property (File > Properties)
        self.doc: DocxDocument = Document()
        properties = self.doc.core_properties
        properties.title = self.name
        properties.author = "thidua"
        properties.last_modified_by = "thidua"
        properties.comments = ""
        properties.created = properties.modified = datetime.now(UTC)  # not the template's
        properties.revision = 1
        _page_setup(self.doc)
        _default_font(self.doc)
        _page_numbers(self.doc)

    # --- ô 1–5 ---------------------------------------------------------------------------

    def heading(self, heading: Heading, occasion: Occasion) -> None:
        """The two-column block at the top of the first page (no borders): ô 1–4."""
        left_mm = HEADING_LEFT_MM
        right_mm = TEXT_WIDTH_MM - left_mm
        table = self._grid(2, [left_mm, right_mm], borders=False, rows=2)
        left, right = table.rows[0].cells
        first = True
        if heading.parent:
            _put(left, text_of(heading.parent).upper(), size=13, first=first)
            first = False
        issuer = text_of(heading.issuer).upper()
        _put(left, issuer, size=13, bold=True, first=first)
        inner = left_mm - 2 * CELL_PADDING_MM
        issuer_line = min(text_width_mm(issuer, 13, caps=True), inner)
        _rule(left.add_paragraph(), inner, issuer_line * 0.4)
        _put(right, paper_text("paper.nation"), size=13, bold=True, first=True)
        _put(right, paper_text("paper.motto"), size=13, bold=True)
        _rule(right.add_paragraph(), right_mm - 2 * CELL_PADDING_MM, MOTTO_WIDTH_MM)
        number = paper_text("paper.number", number="…", symbol=heading.symbol)
        below_left, below_right = table.rows[1].cells
        _put(below_left, number, size=13, first=True)
        _put(
            below_right,
            date_line(occasion.place, occasion.day),
            size=14,
            italic=True,
            first=True,
        )
        self.space(6)

    def draft_mark(self, text: str) -> None:
        """A bold line above the title that says the paper is not final yet."""
        self.paragraph(text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)

    def title(self, kind: str, subject: str) -> None:
        """Ô 5a: the kind of paper (bold caps), its subject (bold), a short rule under it."""
        self.space(6)
        self.paragraph(kind.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        subject = text_of(subject)
        last = self.paragraph(subject, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        last.paragraph_format.space_after = Pt(0)
        line = min(text_width_mm(subject, BODY_SIZE, caps=False), TEXT_WIDTH_MM)
        _rule(self.doc.add_paragraph(), TEXT_WIDTH_MM, max(25.0, line * 0.4))
        self.space(6)

    def addressee(self, to: str) -> None:
        """ "Kính gửi: …" (ô 9a of a letter-like paper), centred under the title."""
        self.paragraph(
            paper_text("paper.addressee", to=text_of(to)),
            align=WD_ALIGN_PARAGRAPH.CENTER,
            indent=False,
        )

    # --- ô 6: the body -------------------------------------------------------------------

    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        italic: bool = False,
        align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent: bool = True,
        size: float = BODY_SIZE,
        keep_with_next: bool = False,
    ) -> Paragraph:
        """``keep_with_next``: on the page of what follows (the last words before a signature)."""
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Mm(10) if indent else None
        fmt.space_after = Pt(6)
        fmt.keep_with_next = keep_with_next
        if text:
            _run(paragraph, text, size=size, bold=bold, italic=italic)
        return paragraph

    def mixed(self, parts: Sequence[tuple[str, bool]], *, indent: bool = True) -> Paragraph:
        """A paragraph of runs, each (text, bold)."""
        paragraph = self.paragraph(indent=indent)
        for text, bold in parts:
            _run(paragraph, text, size=BODY_SIZE, bold=bold)
        return paragraph

    def section(self, text: str) -> None:
        """A numbered heading inside the body ("I. THÀNH PHẦN"), bold, not indented."""
        self.paragraph(text, bold=True, indent=False)

    def fill_line(self, label: str = "", *, indent: bool = True) -> None:
        """A line to fill by hand: ``label`` then dots to the right margin."""
        paragraph = self.paragraph(indent=indent)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        _run(paragraph, f"{text_of(label)}\t", size=BODY_SIZE)

    def space(self, points: float) -> None:
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_after = Pt(0)
        fmt.space_before = Pt(0)
        _run(paragraph, "", size=points / 2)

    # --- tables --------------------------------------------------------------------------

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[TableCell]],
        *,
        size: float = TABLE_SIZE,
    ) -> Table:
        """A bordered table: bold header repeated on each page, rows never split."""
        table = self._grid(len(columns), [c.width_mm for c in columns], borders=True)
        header = table.rows[0]
        _repeat_header(header)
        for cell, column in zip(header.cells, columns, strict=True):
            _put(cell, column.header, size=size, bold=True, first=True)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for values in rows:
            row = table.add_row()  # type: ignore[no-untyped-call]
            _keep_whole(row._tr)
            index = 0
            for value in values:
                one = value if isinstance(value, Cell) else Cell(value)
                cell = row.cells[index]
                if one.span > 1:
                    cell = cell.merge(row.cells[index + one.span - 1])
                align = one.align if one.align is not None else columns[index].align
                _put(
                    cell,
                    one.text,
                    size=size,
                    bold=one.bold,
                    italic=one.italic,
                    align=align,
                    first=True,
                    indent_mm=one.indent_mm,
                )
                index += one.span
        self.space(6)
        return table

    def _grid(
        self, count: int, widths_mm: Sequence[float], *, borders: bool, rows: int = 1
    ) -> Table:
        table: Table = self.doc.add_table(rows=rows, cols=count)
        if borders:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _fixed_layout(table, widths_mm)
        return table

    # --- ô 7–9: recipients and signatures --------------------------------------------------

    def closing(self, recipients: Sequence[str], signer: Signer) -> None:
        """ "Nơi nhận:" and its list bottom left, the signature block bottom right."""
        left_mm = TEXT_WIDTH_MM * 0.45
        table = self._grid(2, [left_mm, TEXT_WIDTH_MM - left_mm], borders=False)
        row = table.rows[0]
        _keep_whole(row._tr)
        left, right = row.cells
        _recipients(left, recipients)
        _signature(right, signer)

    def signatures(self, left: Signer, right: Signer) -> None:
        """Two signature blocks side by side (the two parties of a minutes); their names on
        one line, however many lines their titles take."""
        half = TEXT_WIDTH_MM / 2
        table = self._grid(2, [half, half], borders=False, rows=2)
        for row in table.rows:
            _keep_whole(row._tr)
            _keep_with_next(row)
        for column, signer in enumerate((left, right)):
            _signer_title(table.rows[0].cells[column], signer)
            _signer_name(table.rows[1].cells[column], signer, first=True)
        self.space(6)

    def recipients(self, recipients: Sequence[str]) -> None:
        """ "Nơi nhận:" alone, bottom left (minutes signed by two parties above it)."""
        table = self._grid(1, [TEXT_WIDTH_MM * 0.45], borders=False)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _recipients(table.rows[0].cells[0], recipients)

    # --- output --------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Write the document atomically (a failure is a located error)."""
        write_output_bytes(path, zipped(self.doc.save))


# --- helpers on python-docx's XML -------------------------------------------------------------


def _page_setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _default_font(doc: DocxDocument) -> None:
    """Times New Roman everywhere (Latin, complex and East Asian slots), 14 pt, single lines."""
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        font = style.font
        font.name = FONT
        if name == "Normal":
            font.size = Pt(BODY_SIZE)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), FONT)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.line_spacing = 1.0


def _page_numbers(doc: DocxDocument) -> None:
    """Ô 11: the page number top centre, 14 pt, not on the first page."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.name = FONT
    run.font.size = Pt(BODY_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text is not None:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            shown = OxmlElement("w:t")
            shown.text = "2"
            run._r.append(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
) -> Run:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return run


def _put(
    cell: _Cell,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    first: bool = False,
    indent_mm: float = 0,
) -> None:
    """A paragraph in ``cell`` (its first, empty one when ``first``); lines of ``text`` become
    line breaks, not paragraphs."""
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(0)
    fmt.first_line_indent = None
    if indent_mm:
        fmt.left_indent = Mm(indent_mm)
    for index, line in enumerate(text.split("\n")):
        if index:
            _run(paragraph, "", size=size).add_break()
        _run(paragraph, line, size=size, bold=bold, italic=italic)


def _rule(paragraph: Paragraph, width_mm: float, length_mm: float) -> None:
    """A thin horizontal line ``length_mm`` long, centred in ``width_mm`` (a bottom border of
    an empty paragraph, indented from both sides)."""
    side = max(0.0, (width_mm - length_mm) / 2)
    fmt = paragraph.paragraph_format
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_after = Pt(2)
    fmt.space_before = Pt(0)
    fmt.first_line_indent = None
    _run(paragraph, "", size=4)
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    properties.append(borders)


def _fixed_layout(table: Table, widths_mm: Sequence[float]) -> None:
    """Column widths that Word and LibreOffice both keep: a fixed layout, the grid and each
    cell given the same widths."""
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    widths: list[Length] = [Mm(w) for w in widths_mm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _repeat_header(row: object) -> None:
    tr = row._tr  # type: ignore[attr-defined]
    properties = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    properties.append(header)
    _keep_whole(tr)


def _keep_whole(tr: object) -> None:
    """A row never split across two pages."""
    properties = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(OxmlElement("w:cantSplit"))


def _recipients(cell: _Cell, recipients: Sequence[str]) -> None:
    """Ô 9: "Nơi nhận:" (bold italic 12 pt), then "- …;" lines (11 pt), the last ending "."."""
    left = WD_ALIGN_PARAGRAPH.LEFT
    _put(
        cell,
        paper_text("paper.recipients"),
        size=12,
        bold=True,
        italic=True,
        align=left,
        first=True,
    )
    for index, line in enumerate(recipients):
        end = "." if index == len(recipients) - 1 else ";"
        _put(cell, f"- {text_of(line)}{end}", size=11, align=left)


def _keep_with_next(row: object) -> None:
    """Every paragraph of ``row`` kept on the page of the next (a block stays together)."""
    for cell in row.cells:  # type: ignore[attr-defined]
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def _signature(cell: _Cell, signer: Signer) -> None:
    _signer_title(cell, signer)
    _signer_name(cell, signer, first=False)


def _signer_title(cell: _Cell, signer: Signer) -> None:
    """Authority, title, note and hint: the top of a signature block."""
    first = True
    if signer.authority:
        _put(cell, text_of(signer.authority).upper(), size=13, bold=True, first=first)
        first = False
    _put(cell, text_of(signer.title).upper(), size=13, bold=True, first=first)
    if signer.note:
        _put(cell, text_of(signer.note), size=13, italic=True)
    if signer.hint:
        _put(cell, signer.hint, size=12, italic=True)


def _signer_name(cell: _Cell, signer: Signer, *, first: bool) -> None:
    """Room to sign (and seal), then the name, or dots to write it on."""
    for index in range(SIGNING_SPACE_LINES):
        _put(cell, "", size=13, first=first and index == 0)
    _put(cell, text_of(signer.name) if signer.name else DOTS * 2, size=13, bold=True)
