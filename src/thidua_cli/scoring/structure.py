"""Is this still the form that was sent? Names pinned to the layout, sheets as written.

The sheets are protected and the workbook's structure is locked, so a returned form has
exactly the defined names the writer gave it, each naming the cell the layout puts it at, on
a visible form sheet. Anything else means the form was taken apart, by hand or by a program,
and reading it through its names could score cells the printout does not show:

- a ``TD_*`` name pointing elsewhere (rows inserted or deleted, a name redirected at the
  other side's cell): ``structure-changed.moved``, one finding per sheet with a count;
- a name written twice, in another case (``td_cum_…``) or limited to one sheet:
  ``structure-changed.duplicate``; a ``TD_*`` name the form never had: ``.unknown``;
- a form sheet hidden: ``.hidden-sheet``;
- a sheet that is not the form's, reached by a defined name or by a formula on a form sheet
  (a very hidden sheet of maximum values): ``.extra-sheet-name``, ``.extra-sheet``;
- a name that points nowhere (``#REF!``) or was deleted: ``missing-name``.

Names that are not ``TD_*`` (Excel's own ``_xlnm.Print_Titles``, ``_xlnm._FilterDatabase``)
are not tampering, unless they reach a sheet that is not the form's. Any finding here means
the workbook is not scored.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from msgspec import Struct

from thidua_cli.findings import Finding, Msg, Param, finding
from thidua_cli.form.formulas import sheet_references
from thidua_cli.form.layout import IDENTITY_SHEET, NAME_PREFIX, Cell, Layout
from thidua_cli.form.reader import DefinedName, RawWorkbook, parse_reference
from thidua_cli.text import shown

_PREFIX = NAME_PREFIX.casefold()


class _Change(Struct, frozen=True):
    """One departure, grouped with its kind (variant) on the same sheet when reported."""

    variant: str
    sheet: str | None
    cell: Cell | None
    params: dict[str, Any]


# name -> its cell and criterion code (``Layout.named_cells``)
NamedCells = Mapping[str, tuple[Cell, str | None]]


def structure_problems(
    raw: RawWorkbook, layout: Layout, names: NamedCells, file: str
) -> list[Finding]:
    """Every way ``raw`` departs from the form's structure (empty: the form is intact)."""
    problems = list(_sheet_problems(raw, layout, file))
    changes = (
        [] if _names_as_written(raw, names) else list(_name_changes(raw, names, problems, file))
    )
    changes += _extra_sheet_changes(raw, layout)
    return problems + _grouped(changes, file)


def _grouped(changes: list[_Change], file: str) -> list[Finding]:
    """One finding per kind of change and sheet, at its first cell, counting the others:
    inserted rows move every name below them, and one sentence says so."""
    groups: dict[tuple[str, str | None], list[_Change]] = {}
    for change in changes:
        groups.setdefault((change.variant, change.sheet), []).append(change)
    found = []
    for (variant, sheet), group in groups.items():
        first = min(group, key=lambda c: (c.cell.row, c.cell.column) if c.cell else (0, 0))
        others = len(group) - 1
        more: Param = Msg("score.structure.more", {"count": others}) if others else ""
        found.append(
            finding(
                "structure-changed",
                variant=variant,
                file=file,
                sheet=sheet,
                cell=first.cell.a1 if first.cell is not None else None,
                more=more,
                **first.params,
            )
        )
    return found


def _sheet_problems(raw: RawWorkbook, layout: Layout, file: str) -> Iterator[Finding]:
    states = {sheet.name: sheet.state for sheet in raw.sheets}
    for title in layout.form_sheets:
        state = states.get(title)
        if state is not None and state != "visible":
            yield finding(
                "structure-changed", variant="hidden-sheet", file=file, sheet=title, state=state
            )


def _names_as_written(raw: RawWorkbook, names: NamedCells) -> bool:
    """The usual case, checked fast: each ``TD_*`` name once, workbook-wide, as written."""
    found = {}
    for defined in raw.defined_names:
        if defined.name[:3].casefold() == _PREFIX:
            if defined.local_sheet is not None or defined.name in found:
                return False
            found[defined.name] = defined.text
    return len(found) == len(names) and all(
        found.get(name) == cell.qualified for name, (cell, _) in names.items()
    )


def _name_changes(
    raw: RawWorkbook, names: NamedCells, missing: list[Finding], file: str
) -> Iterator[_Change]:
    """Names moved, doubled or unknown; a name pointing nowhere goes to ``missing``."""
    expected_by_key = {name.casefold(): name for name in names}
    seen: dict[str, list[DefinedName]] = {}
    for defined in raw.defined_names:
        key = defined.name.casefold()
        if not key.startswith(_PREFIX):
            continue
        if key not in expected_by_key:
            where = parse_reference(defined.text)
            params: dict[str, Any] = {"name": defined.name, "found": shown(defined.text)}
            yield _Change("unknown", where.sheet if where else None, where, params)
            continue
        seen.setdefault(key, []).append(defined)
    for key, name in expected_by_key.items():
        cell, code = names[name]
        entries = seen.get(key, [])
        exact = [d for d in entries if d.name == name and d.local_sheet is None]
        if len(entries) > 1 or (entries and not exact):
            kept = exact[0] if exact else None
            others = ", ".join(d.name for d in entries if d is not kept)
            yield _Change("duplicate", cell.sheet, cell, {"name": name, "others": others})
            continue
        if exact and exact[0].text == cell.qualified:
            continue  # as written (the usual case, checked without parsing)
        target = parse_reference(exact[0].text) if exact else None
        if target is None:
            missing.append(
                finding(
                    "missing-name",
                    variant=None if code is not None else "total",
                    file=file,
                    sheet=cell.sheet,
                    cell=cell.a1,
                    criterion=code,
                    name=name,
                    original=cell.a1,
                )
            )
        elif target != cell:
            found = shown(exact[0].text)
            yield _Change("moved", cell.sheet, cell, {"name": name, "found": found})


def _extra_sheet_changes(raw: RawWorkbook, layout: Layout) -> Iterator[_Change]:
    own = {title.upper() for title in (*layout.form_sheets, IDENTITY_SHEET)}
    extra = {s.name.upper(): s.name for s in raw.sheets if s.name.upper() not in own}
    if not extra:
        return
    for defined in raw.defined_names:
        for reached in sorted(sheet_references(defined.text) & extra.keys()):
            params: dict[str, Any] = {"name": defined.name, "extra": extra[reached]}
            yield _Change("extra-sheet-name", None, None, params)
    for title in layout.form_sheets:
        for (row, column), cell in sorted(raw.cells.get(title, {}).items()):
            if cell.formula is None:
                continue
            for reached in sorted(sheet_references(cell.formula) & extra.keys()):
                where = Cell(title, row, column)
                yield _Change("extra-sheet", title, where, {"extra": extra[reached]})
