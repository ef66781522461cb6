"""The form's formulas: the rubric's, placed by the layout (leaves, groups, sections, total).

The form computes exactly what ``scoring.compute`` computes, and shows nothing where
``compute`` has nothing: a leaf whose formula needs a blank input shows ``""`` (never made-up
points), a group, a section or the total shows ``""`` while any of its parts does.

How the form reads an input, which ``form.values`` mirrors for ``score``:

- a label (level, yes/no, done) is compared after ``TRIM(CLEAN(...))``, so stray spaces and
  line breaks at either end, doubled inner spaces and any letter case still match, in Excel
  and in LibreOffice alike; anything else (a non-breaking space, letters typed decomposed
  on a Mac) does not match, and ``score`` names the cell;
- a percent is stored as a spreadsheet stores a percent (80 % is 0.8, the cell is formatted
  as a percent) and used as ``cell*100``;
- an input is blank when ``TRIM(CLEAN(cell))`` is empty.

``expected_formulas`` lists every computed cell with its formula, for the writer and for the
reader's ``formula-changed`` check; ``normalized`` is the comparison both sides go through.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from thidua_cli.form.layout import Cell, Layout, SectionSheet
from thidua_cli.numbers import exact_text
from thidua_cli.rubric.model import LABEL_KINDS, Criterion, InputKind
from thidua_cli.rubric.sides import Side

PERCENT_FORMAT = "0.0##%"  # 80.0%, 62.5%, 74.999%: never rounded across a band's edge


def _label(ref: str) -> str:
    return f"TRIM(CLEAN({ref}))"


def _points_formula(layout: Layout, side: Side, criterion: Criterion) -> str:
    """A leaf's formula from the formula engine; a group's capped sum of its children."""
    if criterion.is_group:
        cells = [layout.points_cell(side, c.code).absolute for c in criterion.children]
        return _capped_sum(cells, criterion.max)
    refs: dict[str, str] = {}
    blanks: dict[str, str] = {}
    for spec in criterion.inputs:
        ref = layout.input_cell(side, criterion.code, spec.name).absolute
        if spec.kind in LABEL_KINDS:
            refs[spec.name] = _label(ref)
        elif spec.kind is InputKind.PERCENT:
            refs[spec.name] = f"({ref}*100)"
        else:
            refs[spec.name] = ref
        blanks[spec.name] = f'{_label(ref)}=""'
    return criterion.excel_formula(refs, blanks)


def _section_formula(layout: Layout, side: Side, sheet: SectionSheet) -> str:
    cells = [layout.points_cell(side, c.code).absolute for c in sheet.section.criteria]
    return _capped_sum(cells, sheet.section.max)


def _summary_formula(layout: Layout, side: Side, section: str) -> str:
    """A section's total repeated on the summary sheet."""
    return "=" + layout.section_cell(side, section).qualified


def _total_formula(layout: Layout, side: Side) -> str:
    cells = [layout.summary_cell(side, s.code).absolute for s in layout.rubric.sections]
    return f'=IF({_any_blank(cells)},"",{"+".join(cells)})'


def _capped_sum(cells: list[str], cap: Decimal) -> str:
    return f'=IF({_any_blank(cells)},"",MIN({exact_text(cap)},{"+".join(cells)}))'


def _any_blank(cells: list[str]) -> str:
    tests = [f'{cell}=""' for cell in cells]
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def expected_formulas(layout: Layout) -> dict[Cell, str]:
    """Every computed cell of the form and its formula (with the leading ``=``)."""
    found: dict[Cell, str] = {}
    for side in Side:
        for criterion in layout.rubric.walk():
            found[layout.points_cell(side, criterion.code)] = _points_formula(
                layout, side, criterion
            )
        for sheet in layout.sheets:
            found[layout.section_cell(side, sheet.section.code)] = _section_formula(
                layout, side, sheet
            )
            found[layout.summary_cell(side, sheet.section.code)] = _summary_formula(
                layout, side, sheet.section.code
            )
        found[layout.total_cell(side)] = _total_formula(layout, side)
    return found


# --- comparing formula texts ---------------------------------------------------------------

# String literals, quoted sheet names, and the rest (a lone quote included, in broken text).
_PIECES = re.compile(r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\'|[^"\']+|.', re.DOTALL)
_PREFIXES = re.compile(r"_XLFN\.|_XLWS\.")


@functools.lru_cache(maxsize=4096)  # every form of a run has the same few hundred formulas
def normalized(text: str) -> str:
    """A formula text as Excel and LibreOffice may write back the same formula.

    Exactly these differences vanish: a leading ``=``, the case of function names and
    references, ``_xlfn.``/``_xlws.`` prefixes, quotes around sheet names. String literals
    and everything else (spaces included) must be as written.
    """
    text = text.removeprefix("=")
    pieces: list[str] = []
    for piece in _PIECES.findall(text):
        if piece.startswith('"') and len(piece) > 1 and piece.endswith('"'):
            pieces.append(piece)
        elif piece.startswith("'") and len(piece) > 1 and piece.endswith("'"):
            pieces.append(piece[1:-1].replace("''", "'").upper())
        else:
            pieces.append(_PREFIXES.sub("", piece.upper()))
    return "".join(pieces)


_BARE_SHEET = re.compile(r"([^\s!(),+\-*/=<>&^%:;{}\[\]\"']+)!")


def sheet_references(text: str) -> set[str]:
    """The sheets a formula (or a defined name's text) refers to, upper-cased."""
    found: set[str] = set()
    pieces = _PIECES.findall(text)
    for index, piece in enumerate(pieces):
        if piece.startswith('"'):
            continue
        if piece.startswith("'") and len(piece) > 1 and piece.endswith("'"):
            following = pieces[index + 1] if index + 1 < len(pieces) else ""
            if following.startswith("!"):
                found.add(piece[1:-1].replace("''", "'").upper())
            continue
        found.update(name.upper() for name in _BARE_SHEET.findall(piece))
    return found
