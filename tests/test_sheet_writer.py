"""The form: defined-name contract, formulas, protection, validations, identity, printing,
user text, and a LibreOffice recalculation that must agree with ``compute_scores``."""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from thidua_cli.form.formulas import expected_formulas
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import (
    IDENTITY_SHEET,
    SUMMARY_SHEET,
    Col,
    Layout,
    build_layout,
    input_name,
    points_name,
    section_name,
    total_name,
)
from thidua_cli.form.sheets import RawValues
from thidua_cli.form.writer import build_workbook, write_form
from thidua_cli.numbers import hundredths
from thidua_cli.rubric.formula import Value
from thidua_cli.rubric.model import LABEL_KINDS, InputKind, Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import Inputs, compute_scores
from thidua_cli.text import clean_text
from thidua_cli.units import Cluster, Unit
from thidua_cli.workflows.init_sheets import form_filename, init_sheets

SIDES = ("TU", "CUM")


@pytest.fixture(scope="module")
def layout() -> Layout:
    from thidua_cli.rubric.loader import load_rubric

    return build_layout(load_rubric())


def identity(rubric: Rubric, unit_id: str = "BVDK", **changes: object) -> Identity:
    fields: dict[str, object] = {
        "rubric_id": rubric.id,
        "rubric_digest": rubric.digest(),
        "unit_id": unit_id,
        "unit_name": "Bệnh viện Đa khoa tỉnh",
        "cluster": "cum-1",
        "cluster_name": "Cụm thi đua số 1",
        "year": 2020,
        "period": "year",
    }
    fields.update(changes)
    return Identity.model_validate(fields)


def one_form(rubric: Rubric, tmp_path: Path, name: str = "Bệnh viện Đa khoa tỉnh") -> Path:
    """A form written the way `init-sheet` writes it (the template path)."""
    cluster = Cluster(id="cum-1", name="Cụm thi đua số 1", units=(Unit(id="BVDK", name=name),))
    [path] = init_sheets(
        rubric, [(cluster, cluster.units[0])], tmp_path / "out", 2020, "year", force=False
    )
    return path


def cell_of(wb: Workbook, name: str) -> tuple[Worksheet, str]:
    [(sheet, ref)] = list(wb.defined_names[name].destinations)
    return wb[sheet], ref.replace("$", "")


def expected_names(rubric: Rubric) -> dict[str, str]:
    """The SPEC §3 contract written out independently of layout.py: name -> sheet."""
    names: dict[str, str] = {}
    for side in SIDES:
        for criterion in rubric.walk():
            key = criterion.code.replace(".", "_")
            sheet = f"Phần {criterion.code.split('.')[0]}"
            names[f"TD_{side}_{key}"] = sheet
            for spec in criterion.inputs:
                names[f"TD_{side}_{key}__{spec.name}"] = sheet
        for section in rubric.sections:
            names[f"TD_{side}_S{section.code}"] = f"Phần {section.code}"
        names[f"TD_{side}_TOTAL"] = SUMMARY_SHEET
    return names


# --- the defined-name contract -------------------------------------------------------------


def test_every_contract_name_names_one_cell_on_its_sheet(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    assert len(list(rubric.walk())) == 50
    wb = openpyxl.load_workbook(one_form(rubric, tmp_path))
    expected = expected_names(rubric)
    assert "TD_TU_3_4_c__good_deeds" in expected and "TD_CUM_1_1__late_tasks" in expected
    assert set(wb.defined_names) == set(expected) == set(layout.defined_names())
    cells = set()
    for name, sheet in expected.items():
        defined = wb.defined_names[name]
        assert defined.localSheetId is None, name  # workbook-scoped
        assert re.fullmatch(r"'[^']+'!\$[A-Z]+\$\d+", defined.attr_text), defined.attr_text
        [(target, ref)] = list(defined.destinations)
        assert target == sheet, name
        cells.add((target, ref))
    assert len(cells) == len(expected)  # no two names share a cell


def test_names_sit_in_the_documented_columns(rubric: Rubric, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(one_form(rubric, tmp_path))
    for criterion in rubric.walk():
        for side, input_col, points_col in (("TU", "F", "G"), ("CUM", "H", "I")):
            key = criterion.code.replace(".", "_")
            assert cell_of(wb, f"TD_{side}_{key}")[1].startswith(points_col)
            for spec in criterion.inputs:
                assert cell_of(wb, f"TD_{side}_{key}__{spec.name}")[1].startswith(input_col)


# --- formulas ------------------------------------------------------------------------------


def test_points_formulas_come_from_the_formula_engine(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(one_form(rubric, tmp_path))
    written = expected_formulas(layout)
    for side in Side:
        for criterion in rubric.walk():
            ws, ref = cell_of(wb, points_name(side, criterion.code))
            formula = ws[ref].value
            assert formula == written[layout.points_cell(side, criterion.code)]
            if criterion.is_group:
                children = [layout.points_cell(side, c.code).absolute for c in criterion.children]
                blank = " ".join(f'{c}=""' for c in children)
                assert formula.startswith("=IF(")
                assert all(f'{c}=""' in formula for c in children), blank
                assert formula.endswith(f',"",MIN({criterion.max},{"+".join(children)}))')
                continue
            cells = {
                s.name: layout.input_cell(side, criterion.code, s.name).absolute
                for s in criterion.inputs
            }
            refs = {
                s.name: f"TRIM(CLEAN({cells[s.name]}))"
                if s.kind in LABEL_KINDS
                else f"({cells[s.name]}*100)"
                if s.kind is InputKind.PERCENT
                else cells[s.name]
                for s in criterion.inputs
            }
            body = criterion.excel_formula(refs).removeprefix("=")
            assert formula.startswith("=IF(") and formula.endswith(f',"",{body})'), formula
            for name, cell in cells.items():  # a blank input shows no points
                assert f'TRIM(CLEAN({cell}))=""' in formula, name
        for section in rubric.sections:
            ws, ref = cell_of(wb, section_name(side, section.code))
            assert f',"",MIN({section.max},' in ws[ref].value
        ws, ref = cell_of(wb, total_name(side))
        summary = [layout.summary_cell(side, s.code).absolute for s in rubric.sections]
        assert ws[ref].value == (
            f'=IF(OR({",".join(c + chr(61) + chr(34) * 2 for c in summary)}),"",'
            + "+".join(summary)
            + ")"
        )
        for section in rubric.sections:
            cell = layout.summary_cell(side, section.code)
            assert (
                wb[SUMMARY_SHEET][cell.a1].value
                == "=" + layout.section_cell(side, section.code).qualified
            )
    formulas = {
        (ws.title, c.coordinate): c.value
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=")
    }
    assert formulas == {(cell.sheet, cell.a1): text for cell, text in written.items()}


def test_percent_cells_are_formatted_as_percent(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    """80 % typed in Excel is stored as 0.8 in a percent cell; the form reads cell*100."""
    wb = openpyxl.load_workbook(one_form(rubric, tmp_path))
    for side in Side:
        for criterion in rubric.leaves():
            for spec in criterion.inputs:
                cell = layout.input_cell(side, criterion.code, spec.name)
                shown = wb[cell.sheet][cell.a1].number_format
                assert ("%" in shown) is (spec.kind is InputKind.PERCENT), (cell, shown)


# --- protection and input help ------------------------------------------------------------


def test_only_inputs_results_and_remarks_are_unlocked(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(one_form(rubric, tmp_path))
    inputs = {(c.sheet, c.a1) for n, c in layout.defined_names().items() if "__" in n}
    free = set(inputs)
    for sheet in layout.sheets:
        for rows in sheet.rows:
            free.add((sheet.title, f"C{rows.first_row}"))  # Kết quả thực hiện
            free.add((sheet.title, f"J{rows.first_row}"))  # Ghi chú
    formulas = 0
    assert wb.security.lockStructure  # the identity sheet cannot be unhidden by accident
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password
        for row in ws.iter_rows():
            for cell in row:
                if not hasattr(cell, "column_letter"):
                    continue  # merged: takes the top-left cell's protection
                unlocked = (ws.title, cell.coordinate) in free
                assert cell.protection.locked is not unlocked, (ws.title, cell.coordinate)
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    formulas += 1
                    assert cell.protection.locked
    assert formulas == 2 * (50 + 3 + 3 + 1)
    for sheet, ref in inputs:
        assert wb[sheet][ref].protection.locked is False


def test_validations_cover_every_input_with_its_rule(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(one_form(rubric, tmp_path))
    hidden = wb[IDENTITY_SHEET]
    checked = 0
    for side in Side:
        for criterion in rubric.leaves():
            for spec in criterion.inputs:
                cell = layout.input_cell(side, criterion.code, spec.name)
                ws = wb[cell.sheet]
                [dv] = [dv for dv in ws.data_validations.dataValidation if cell.a1 in dv.sqref]
                assert dv.showErrorMessage and dv.showInputMessage
                assert dv.prompt and dv.error and dv.errorStyle == "stop"
                labels = criterion.labels(spec)
                if labels:
                    assert dv.type == "list"
                    match = re.fullmatch(r"'_thidua'!\$([A-Z]+)\$1:\$([A-Z]+)\$(\d+)", dv.formula1)
                    assert match, dv.formula1
                    column = match.group(1)
                    listed = [
                        hidden[f"{column}{r}"].value for r in range(1, int(match.group(3)) + 1)
                    ]
                    assert tuple(listed) == labels
                    assert labels[0] in dv.prompt
                elif spec.kind is InputKind.COUNT:
                    assert (dv.type, dv.operator, dv.formula1) == (
                        "whole",
                        "greaterThanOrEqual",
                        "0",
                    )
                    assert "số nguyên" in dv.error
                elif spec.kind is InputKind.POINTS:
                    assert (dv.type, dv.formula1, Decimal(dv.formula2)) == (
                        "decimal",
                        "0",
                        criterion.max,
                    )
                else:  # a percent cell: 80 % is stored as 0.8
                    assert (dv.type, dv.formula1, dv.formula2) == ("decimal", "0", "1")
                    assert "%" in dv.error
                checked += 1
    assert checked == 2 * sum(len(c.inputs) for c in rubric.leaves())


# --- identity, header, printing ------------------------------------------------------------


def test_identity_in_properties_and_hidden_sheet(rubric: Rubric, tmp_path: Path) -> None:
    path = one_form(rubric, tmp_path)
    wb = openpyxl.load_workbook(path)
    expected = identity(rubric).properties()
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    assert {k: v for k, v in props.items() if k.startswith("thidua.")} == expected
    hidden = wb[IDENTITY_SHEET]
    assert hidden.sheet_state == "hidden"
    rows = {r[0]: r[1] for r in hidden.iter_rows(min_col=1, max_col=2, values_only=True) if r[0]}
    assert rows == expected
    assert Identity.from_properties(props) == identity(rubric)


def texts(ws: Worksheet) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_header_title_signature_and_fonts(rubric: Rubric, layout: Layout) -> None:
    wb = build_workbook(layout, identity(rubric))
    first = texts(wb["Phần 1"])
    for text in (
        "SỞ Y TẾ THANH HÓA",
        "BỆNH VIỆN ĐA KHOA TỈNH",
        "Cụm thi đua số 1",
        "BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2020",
        "Kết quả thực hiện",
        "Điểm tối đa",
        "Tự đánh giá",
        "Điểm tự chấm",
        "Cụm đánh giá",
        "Điểm Cụm chấm",
        "Ghi chú",
        "Cộng Phần 1",
    ):
        assert text in first, text
    # a criterion with two inputs shows both, each labelled
    labels = [
        wb["Phần 1"].cell(row=r.row, column=Col.INPUT_LABEL).value
        for r in layout.sheets[0].row_of("1.6").inputs
    ]
    assert labels == ["Có dự án vốn ngân sách, công trình trọng điểm", "Điểm"]
    summary = texts(wb[SUMMARY_SHEET])
    assert "THỦ TRƯỞNG ĐƠN VỊ" in summary and "TỔNG CỘNG" in summary
    assert any(re.fullmatch(r"\.+, ngày \.+ tháng \.+ năm \.+", t) for t in summary)
    half = build_workbook(layout, identity(rubric, period="half", year=2021))
    assert "BẢNG TỰ CHẤM ĐIỂM THI ĐUA SƠ KẾT 6 THÁNG ĐẦU NĂM 2021" in texts(half["Phần 2"])
    for ws in wb.worksheets:
        fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
        assert fonts == {"Times New Roman"} or ws.title == IDENTITY_SHEET
    criterion_title = wb["Phần 1"].cell(
        row=layout.sheets[0].row_of("1.5").first_row, column=Col.TITLE
    )
    assert criterion_title.alignment.wrap_text


def test_print_setup_a4_fit_to_width_repeated_headers(rubric: Rubric, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(one_form(rubric, tmp_path))
    for ws in wb.worksheets[:4]:
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.orientation == "portrait"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$7:$8"
        assert "&P" in ws.oddFooter.center.text


# --- user text --------------------------------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://x","bấm")', "+1+2", "@SUM(A1:A9)", "-3", "Bệnh viện\x0b Nhi\x00 =1"]


@pytest.mark.parametrize("name", HOSTILE)
def test_user_names_are_plain_text(
    rubric: Rubric, layout: Layout, tmp_path: Path, name: str
) -> None:
    clean = clean_text(name)
    assert "\x0b" not in clean and "\x00" not in clean
    write_form(
        tmp_path / "direct.xlsx", layout, identity(rubric, unit_name=name, cluster_name=name)
    )
    templated = one_form(rubric, tmp_path, name)
    for path in (tmp_path / "direct.xlsx", templated):
        wb = openpyxl.load_workbook(path)
        seen = []
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value in (clean, clean.upper()):
                        assert cell.data_type == "s", (path.name, ws.title, cell.coordinate)
                        seen.append(ws.title)
        assert {"Phần 1", SUMMARY_SHEET, IDENTITY_SHEET} <= set(seen)
        props = {p.name: p.value for p in wb.custom_doc_props.props}
        assert props["thidua.unit_name"] == clean


def test_template_path_writes_the_same_workbook_as_write_form(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    name = 'Bệnh viện <Đa khoa> & "tỉnh" ' + "rất dài " * 20
    templated_path = one_form(rubric, tmp_path, name)
    templated = openpyxl.load_workbook(templated_path)
    direct_path = tmp_path / "direct.xlsx"
    write_form(direct_path, layout, identity(rubric, unit_name=name))
    # the same parts, each once (the stamped ones are added to a copy of the others)
    with zipfile.ZipFile(templated_path) as a, zipfile.ZipFile(direct_path) as b:
        assert a.testzip() is None
        assert sorted(a.namelist()) == sorted(set(a.namelist())) == sorted(b.namelist())
    direct = openpyxl.load_workbook(direct_path)
    assert templated.sheetnames == direct.sheetnames
    for a, b in zip(templated.worksheets, direct.worksheets, strict=True):
        assert [[(c.value, c.data_type) for c in r] for r in a.iter_rows()] == [
            [(c.value, c.data_type) for c in r] for r in b.iter_rows()
        ]
        assert {k: d.height for k, d in a.row_dimensions.items()} == {
            k: d.height for k, d in b.row_dimensions.items()
        }
        assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))
        assert len(a.data_validations.dataValidation) == len(b.data_validations.dataValidation)
    props = [(p.name, p.value) for p in templated.custom_doc_props.props]
    assert props == [(p.name, p.value) for p in direct.custom_doc_props.props]


def test_form_filename_is_safe() -> None:
    assert form_filename("BVDK") == "BVDK.xlsx"
    assert form_filename("BVDK-TINH") == "BVDK-TINH.xlsx"
    assert form_filename("../etc/passwd") == "_etc_passwd.xlsx"
    assert form_filename(".hidden") == "hidden.xlsx"
    assert form_filename("CON") == "_CON.xlsx"
    assert form_filename("nul.x") == "_nul.x.xlsx"
    assert form_filename("Đơn vị 1") == "__n_v__1.xlsx"
    assert len(form_filename("A" * 200)) == 64 + len(".xlsx")


def test_prefilled_values_are_written_as_given(
    rubric: Rubric, layout: Layout, tmp_path: Path
) -> None:
    values: RawValues = {
        Side.SELF: {"1.2": {"points": "5,5"}, "1.1": {"late_tasks": 3}, "2.1": {"level": "=Tốt"}}
    }
    path = tmp_path / "f.xlsx"
    write_form(
        path, layout, identity(rubric), values=values, results={"1.2": "=Đã ban hành\n12 văn bản"}
    )
    wb = openpyxl.load_workbook(path)
    ws, ref = cell_of(wb, input_name(Side.SELF, "1.2", "points"))
    assert (ws[ref].value, ws[ref].data_type) == ("5,5", "s")
    ws, ref = cell_of(wb, input_name(Side.SELF, "2.1", "level"))
    assert (ws[ref].value, ws[ref].data_type) == ("=Tốt", "s")
    ws, ref = cell_of(wb, input_name(Side.SELF, "1.1", "late_tasks"))
    assert ws[ref].value == 3
    result = wb["Phần 1"][layout.result_cell("1.2").a1]
    assert (result.value, result.data_type) == ("=Đã ban hành\n12 văn bản", "s")


# --- LibreOffice: the live formulas agree with compute_scores --------------------------------


def random_inputs(
    rubric: Rubric, rng: random.Random
) -> tuple[dict[str, dict[str, object]], Inputs]:
    """Valid raw cell values for every input, and the same values as ``compute_scores`` wants."""
    raw: dict[str, dict[str, object]] = {}
    parsed: dict[str, dict[str, Value]] = {}
    for criterion in rubric.leaves():
        raw[criterion.code], parsed[criterion.code] = {}, {}
        for spec in criterion.inputs:
            value: object
            if spec.kind is InputKind.COUNT:
                value = rng.choice([0, 0, 1, 2, rng.randint(0, 60)])
                number = Decimal(value)
            elif spec.kind is InputKind.POINTS:
                number = Decimal(rng.randint(0, int(criterion.max * 100))) / 100
                value = rng.choice([number, float(number)])
            elif spec.kind is InputKind.PERCENT:
                number = rng.choice(
                    [Decimal(50), Decimal(75), Decimal(rng.randint(0, 10000)) / 100]
                )
                value = number / 100  # a percent cell stores 75 % as 0.75
            else:
                label = rng.choice(criterion.labels(spec))
                raw[criterion.code][spec.name] = parsed[criterion.code][spec.name] = label
                continue
            raw[criterion.code][spec.name] = value
            parsed[criterion.code][spec.name] = number
        if (
            criterion.code == "1.6"
            and parsed["1.6"]["has_projects"] == "Không"
            and rng.random() < 0.5
        ):
            del raw["1.6"]["points"], parsed["1.6"]["points"]  # ignored when there are no projects
    return raw, parsed


def number_of(value: object) -> Decimal:
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return hundredths(Decimal(repr(value)))


@pytest.mark.libreoffice
def test_libreoffice_recalculation_agrees_with_compute_scores(
    rubric: Rubric, layout: Layout, tmp_path: Path, recalc: Callable[[list[Path]], list[Path]]
) -> None:
    rng = random.Random(20200)
    forms: list[tuple[Path, dict[Side, Inputs]]] = []
    for index in range(24):
        values: dict[Side, dict[str, dict[str, object]]] = {}
        parsed: dict[Side, Inputs] = {}
        for side in Side:
            values[side], parsed[side] = random_inputs(rubric, rng)
        path = tmp_path / f"U{index:02d}.xlsx"
        write_form(path, layout, identity(rubric, f"U{index:02d}"), values=values)
        forms.append((path, parsed))
    recalculated = recalc([path for path, _ in forms])
    compared = 0
    for out, (_, parsed) in zip(recalculated, forms, strict=True):
        wb = openpyxl.load_workbook(out, data_only=True)
        for side in Side:
            scores = compute_scores(rubric, parsed[side])
            assert scores.complete
            expected: dict[str, Decimal | None] = {
                points_name(side, c): v for c, v in scores.criteria.items()
            }
            expected |= {section_name(side, s): v for s, v in scores.sections.items()}
            expected[total_name(side)] = scores.total
            for name, value in expected.items():
                assert value is not None
                ws, ref = cell_of(wb, name)
                assert number_of(ws[ref].value) == hundredths(value), (out.name, name)
                compared += 1
    assert compared == 24 * 2 * (50 + 3 + 1)


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    from typing import IO

    from thidua_cli.files import write_atomically, write_bytes_atomically

    target = tmp_path / "form.xlsx"
    write_bytes_atomically(target, b"old")

    def broken(handle: IO[bytes]) -> None:
        handle.write(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, broken)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["form.xlsx"]
    write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    assert target.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777  # not mkstemp's 0600
