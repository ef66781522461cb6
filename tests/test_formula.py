"""The formula engine: parsing, evaluation, Excel rendering, attainable ranges.

The oracle test writes hundreds of rendered formulas into ONE workbook, lets LibreOffice
compute them, and compares each value with the Decimal evaluation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.formula_tree import walk
from thidua_cli.messages import EN, VI, Messages
from thidua_cli.rubric.formula import (
    MAX_DEPTH,
    MAX_FORMULA_LENGTH,
    BinOp,
    Call,
    Compare,
    Domain,
    FormulaError,
    If,
    Interval,
    Level,
    MissingInput,
    Neg,
    Node,
    Num,
    Text,
    Value,
    Var,
    attainable,
    compared_texts,
    compile_formula,
    evaluate,
    level_names,
    names,
    parse,
    to_excel,
)
from thidua_cli.rubric.model import DONE, NOT_DONE, Criterion, InputKind, InputSpec, Rubric

T = TypeVar("T")

LEVELS = {
    "lv": {
        "Hoàn thành xuất sắc nhiệm vụ": Decimal(40),
        "Hoàn thành tốt nhiệm vụ": Decimal(30),
        "Hoàn thành nhiệm vụ": Decimal(20),
        "Không hoàn thành nhiệm vụ": Decimal(0),
    }
}


def ev(source: str, **env: Value | int) -> Decimal:
    values = {k: Decimal(v) if isinstance(v, int) else v for k, v in env.items()}
    return evaluate(parse(source), values, LEVELS)


# --- parsing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", "7"),
        ("(1 + 2) * 3", "9"),
        ("10 - 4 - 3", "3"),
        ("10 - (4 - 3)", "9"),
        ("8 / 4 / 2", "1"),
        ("8 / (4 / 2)", "4"),
        ("-2 * 3", "-6"),
        ("--2", "2"),
        ("2 - -1", "3"),
        ("-(1 + 2) * 2", "-6"),
        ("2 * -3 + 1", "-5"),
        ("0.5 * 7", "3.5"),
        ("10 − 2 × 3 ÷ 2", "7"),
        ("1 + 2 = 3", "1"),
        ("1 + 2 <> 3", "0"),
        ("2 < 3", "1"),
        ("3 <= 3", "1"),
        ("3 > 3", "0"),
        ("3 >= 4", "0"),
        ("3 ≥ 3", "1"),
        ("3 ≤ 2", "0"),
        ("(2 < 3) + (3 < 2) * 5", "1"),
        ("min(3, 1, 2)", "1"),
        ("MAX(3, 1, 2)", "3"),
        ("max(0, 100 - 1 * 120)", "0"),
        ("min(4)", "4"),
        ("if(1 < 2, 10, 20)", "10"),
        ("if(0, 10, 20)", "20"),
        ("If(2, 10, 20)", "10"),
        ("if(1 > 2, 1, if(2 > 1, 2, 3))", "2"),
        ("10 / 4", "2.5"),
    ],
)
def test_arithmetic(source: str, expected: str) -> None:
    assert ev(source) == Decimal(expected)


def test_inputs_and_labels() -> None:
    assert ev("max(0, 100 - 1 * late)", late=3) == 97
    assert ev('if(done = "Đã thực hiện", 20, 0)', done=DONE) == 20
    assert ev('if(done = "Đã thực hiện", 20, 0)', done=NOT_DONE) == 0
    assert ev('if(done = "đã THỰC hiện", 20, 0)', done=DONE) == 20  # as Excel: no case
    assert ev('if(done <> "Chưa thực hiện", 5, 0)', done=DONE) == 5
    assert ev("level(lv)", lv="Hoàn thành tốt nhiệm vụ") == 30
    assert ev("level(lv) / 2 + 1", lv="Hoàn thành nhiệm vụ") == 11
    assert ev('"Có" = "Không"') == 0
    assert ev('x = "5"', x=5) == 0  # text never equals a number


def test_strings_with_quotes() -> None:
    tree = parse('if(t = "say ""hi""", 1, 0)')
    assert tree == If(Compare("=", Var("t"), Text('say "hi"')), Num(Decimal(1)), Num(Decimal(0)))
    assert evaluate(tree, {"t": 'say "hi"'}) == 1
    assert parse('""') == Text("")


def test_tree_shape_and_names() -> None:
    tree = parse("min(10, 0.5 * good + 1 * ad_hoc)")
    assert tree == Call(
        "min",
        (
            Num(Decimal(10)),
            BinOp(
                "+",
                BinOp("*", Num(Decimal("0.5")), Var("good")),
                BinOp("*", Num(Decimal(1)), Var("ad_hoc")),
            ),
        ),
    )
    assert names(tree) == {"good", "ad_hoc"}
    tree = parse('if(a = "x", level(b), -c)')
    assert names(tree) == {"a", "b", "c"}
    assert level_names(tree) == {"b"}
    assert compared_texts(tree) == {("a", "x")}


def test_missing_input() -> None:
    with pytest.raises(MissingInput):
        ev("late + 1")
    with pytest.raises(MissingInput):
        ev("level(lv)")
    assert ev("if(1, 5, missing)") == 5  # only the chosen branch is evaluated


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("", "kết thúc đột ngột"),
        ("1 +", "kết thúc đột ngột"),
        ("(1 + 2", "kết thúc đột ngột"),
        ("1 + 2)", "thừa"),
        ("1 2", "thừa"),
        ("1 < 2 < 3", "thừa"),
        ("foo(1)", "hàm không được phép: foo"),
        ("__import__('os')", "ký tự không hợp lệ"),
        ('__import__("os")', "hàm không được phép: __import__"),
        ("eval(1)", "hàm không được phép: eval"),
        ("a.b", "ký tự không hợp lệ"),
        ("x ** 2", "không mong đợi"),
        ("x % 2", "ký tự không hợp lệ"),
        ("if(1, 2)", "đúng 3 đối số"),
        ("level(1)", "level(...)"),
        ("level(a, b)", "level(...)"),
        ("min()", "không mong đợi"),
        (".5", "ký tự không hợp lệ"),
        ("１ + 1", "ký tự không hợp lệ"),  # a full-width digit
        ('x < "a"', "chữ chỉ so sánh được"),
        ('"a" >= x', "chữ chỉ so sánh được"),
        ("1" * (MAX_FORMULA_LENGTH + 1), "dài quá"),
        ("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1), "lồng nhau quá sâu"),
    ],
)
def test_parse_errors(source: str, reason: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse(source)
    assert reason in said(caught.value)
    assert said(caught.value, EN) != said(caught.value)  # and it has an English text


def said(error: FormulaError, messages: Messages = VI) -> str:
    """The error as a rubric author reads it."""
    return messages(error.key, **error.params)


@pytest.mark.parametrize(
    ("source", "env", "reason"),
    [
        ("1 / (x - 1)", {"x": Decimal(1)}, "chia cho 0"),
        ("x + 1", {"x": "Có"}, "cần một số"),
        ("level(lv)", {"lv": "Xuất sắc"}, "mức không có"),
        ("x < 1", {"x": "Có"}, "chữ chỉ so sánh được"),
        ('"a"', {}, "phải cho ra một số"),
    ],
)
def test_evaluation_errors(source: str, env: dict[str, Value], reason: str) -> None:
    with pytest.raises(FormulaError) as caught:
        evaluate(parse(source), env, LEVELS)
    assert reason in said(caught.value)


def test_deep_unary_chain_is_bounded() -> None:
    assert evaluate(parse("-" * (MAX_DEPTH - 2) + "1"), {}) == 1
    with pytest.raises(FormulaError) as caught:
        parse("-" * (MAX_FORMULA_LENGTH - 1) + "1")
    assert "lồng nhau quá sâu" in said(caught.value)


# --- rendering as an Excel formula ------------------------------------------------------

REFS = {"a": "A1", "b": "B1", "c": "C1", "late": "$F$12", "done": "$F$20", "lv": "$G$3"}


@pytest.mark.parametrize(
    ("source", "excel"),
    [
        ("max(0, 100 - 1 * late)", "=MAX(0,100-1*$F$12)"),
        ("a - (b - c)", "=A1-(B1-C1)"),
        ("(a - b) - c", "=A1-B1-C1"),
        ("a - b + c", "=A1-B1+C1"),
        ("a - (b + c)", "=A1-(B1+C1)"),
        ("a / (b * c)", "=A1/(B1*C1)"),
        ("a / b * c", "=A1/B1*C1"),
        ("(a + b) * c", "=(A1+B1)*C1"),
        ("a + b * c", "=A1+B1*C1"),
        ("-(a + b)", "=-(A1+B1)"),
        ("-a * b", "=-A1*B1"),
        ("a - -b", "=A1--B1"),
        ("0.25 * a", "=0.25*A1"),
        ("0.50 * a", "=0.5*A1"),
        ("100", "=100"),
        ("min(15, 0.5 * a)", "=MIN(15,0.5*A1)"),
        ('if(done = "Đã thực hiện", 20, 0)', '=IF($F$20="Đã thực hiện",20,0)'),
        ("if(a < 50, 1, if(a < 75, 3, 5))", "=IF(A1<50,1,IF(A1<75,3,5))"),
        ('if(done = "say ""hi""", 1, 0)', '=IF($F$20="say ""hi""",1,0)'),
        # Comparisons used as numbers become 1/0 explicitly (Excel and LibreOffice
        # disagree on TRUE = 1).
        ("a < b", "=IF(A1<B1,1,0)"),
        ("(a < b) * 5", "=IF(A1<B1,1,0)*5"),
        ("(a < b) = 1", "=IF(IF(A1<B1,1,0)=1,1,0)"),
        ("max(a = b, c)", "=MAX(IF(A1=B1,1,0),C1)"),
        ("if(a + 1 > b, 1, 0)", "=IF(A1+1>B1,1,0)"),
    ],
)
def test_to_excel(source: str, excel: str) -> None:
    assert to_excel(parse(source), REFS) == excel


def test_level_renders_as_nested_ifs() -> None:
    assert to_excel(parse("level(lv)"), REFS, LEVELS) == (
        '=IF($G$3="Hoàn thành xuất sắc nhiệm vụ",40,IF($G$3="Hoàn thành tốt nhiệm vụ",30,'
        'IF($G$3="Hoàn thành nhiệm vụ",20,IF($G$3="Không hoàn thành nhiệm vụ",0,0))))'
    )


def test_rubric_formulas_render(rubric: Rubric) -> None:
    leaf = rubric.criterion("3.4.c")
    refs = {"good_deeds": "$F$40", "ad_hoc": "$F$41"}
    assert leaf.excel_formula(refs) == "=MIN(10,0.5*$F$40+1*$F$41)"
    leaf = rubric.criterion("1.6")
    refs = {"has_projects": "$F$9", "points": "$F$10"}
    assert leaf.excel_formula(refs) == '=IF($F$9="Không",50,$F$10)'


# --- attainable ranges ------------------------------------------------------------------


def span(source: str, **domains: Domain) -> tuple[object, object]:
    result = attainable(parse(source), domains, LEVELS)
    return result.lo, result.hi


def interval(lo: int | str, hi: int | str | Decimal) -> Domain:
    return Domain(Interval(Decimal(lo), Decimal(hi)))


def test_an_empty_interval_cannot_be_made_even_by_replace() -> None:
    """``Interval`` checks itself in ``__post_init__``; msgspec's ``replace`` runs it from
    0.21 on (the floor in pyproject.toml), as ``dataclasses.replace`` did."""
    with pytest.raises(ValueError, match="empty interval"):
        Interval(Decimal(2), Decimal(1))
    with pytest.raises(ValueError, match="empty interval"):
        msgspec.structs.replace(Interval(Decimal(1), Decimal(2)), lo=Decimal(5))


def test_attainable_examples() -> None:
    count = interval(0, Decimal("Infinity"))
    assert span("max(0, 100 - 1 * n)", n=count) == (0, 100)
    assert span("min(15, 0.5 * n)", n=count) == (0, 15)
    assert span("10 - min(10, 1 * n)", n=count) == (0, 10)
    assert span("if(r < 50, 1, if(r < 75, 3, 5))", r=interval(0, 100)) == (1, 5)
    assert span("if(r < 50, 1, 3)", r=interval(60, 100)) == (3, 3)
    assert span("level(lv) + 1", lv=Domain(labels=tuple(LEVELS["lv"]))) == (1, 41)
    done = Domain(labels=(DONE, NOT_DONE))
    assert span('if(d = "Đã thực hiện", 20, 0)', d=done) == (0, 20)
    assert span('if(d = "Đã thực hiện", 20, 0)', d=Domain(labels=(DONE,))) == (20, 20)
    assert span("a / b", a=interval(1, 2), b=interval(0, 4)) == (
        Decimal("-Infinity"),
        Decimal("Infinity"),
    )
    assert span("a / b", a=interval(1, 2), b=interval(2, 4)) == (Decimal("0.25"), 1)
    assert span("-a * b", a=interval(-1, 2), b=interval(3, 4)) == (-8, 4)
    assert span("a < b", a=interval(0, 1), b=interval(2, 3)) == (1, 1)
    assert span("n * 0", n=count) == (0, 0)
    assert span("n - n", n=count) == (Decimal("-Infinity"), Decimal("Infinity"))


def test_attainable_refuses_text_where_a_number_is_needed() -> None:
    with pytest.raises(FormulaError):
        span("d + 1", d=Domain(labels=(DONE,)))
    with pytest.raises(FormulaError):
        span("if(d, 1, 2)", d=Domain(labels=(DONE,)))


# --- random trees (hypothesis) ----------------------------------------------------------


def decimals(lo: int, hi: int | Decimal, places: int = 2) -> st.SearchStrategy[Decimal]:
    scale = 10**places
    top = int(Decimal(hi) * scale)
    return st.integers(lo * scale, top).map(lambda n: Decimal(n).scaleb(-places).normalize())


LEVEL_LABELS = tuple(LEVELS["lv"])
DOMAINS = {
    "x": interval(0, 200),  # a count
    "y": interval(0, 100),  # points with two decimals
    "z": interval(0, 100),  # a percent
    "lv": Domain(labels=LEVEL_LABELS),
    "done": Domain(labels=(DONE, NOT_DONE)),
}
ENVS: st.SearchStrategy[dict[str, Value]] = st.fixed_dictionaries(
    {
        "x": st.integers(0, 200).map(Decimal),
        "y": decimals(0, 100),
        "z": decimals(0, 100),
        "lv": st.sampled_from(LEVEL_LABELS),
        "done": st.sampled_from((DONE, NOT_DONE)),
    }
)
NUMERIC_LEAVES: st.SearchStrategy[Node] = st.one_of(
    decimals(0, 20).map(Num),
    st.sampled_from(["x", "y", "z"]).map(Var),
    st.just(Level("lv")),
)
CMP_OPS = st.sampled_from(["=", "<>", "<", "<=", ">", ">="])
# Conditions compare plain values only: a computed value compared for equality would
# depend on binary floating point in the spreadsheet, not on the formula.
CONDITIONS: st.SearchStrategy[Node] = st.one_of(
    st.builds(Compare, CMP_OPS, NUMERIC_LEAVES, NUMERIC_LEAVES),
    st.builds(
        Compare,
        st.sampled_from(["=", "<>"]),
        st.just(Var("done")),
        st.sampled_from([Text(DONE), Text(NOT_DONE), Text("đã thực hiện")]),
    ),
    st.builds(
        Compare,
        st.sampled_from(["=", "<>"]),
        st.just(Var("lv")),
        st.sampled_from([Text(label) for label in LEVEL_LABELS]),
    ),
)


@st.composite
def trees(draw: st.DrawFn, depth: int = 4) -> Node:
    """Random formulas, mostly arithmetic, with every kind of node."""
    if depth == 0 or draw(st.integers(0, 5)) == 0:
        return draw(NUMERIC_LEAVES)
    kind = draw(st.sampled_from(["binop"] * 5 + ["neg", "call", "if", "compare"]))
    if kind == "binop":
        op = draw(st.sampled_from(["+", "-", "*", "/"]))
        return BinOp(op, draw(trees(depth - 1)), draw(trees(depth - 1)))
    if kind == "neg":
        return Neg(draw(trees(depth - 1)))
    if kind == "call":
        func = draw(st.sampled_from(["min", "max"]))
        return Call(func, tuple(draw(st.lists(trees(depth - 1), min_size=1, max_size=3))))
    if kind == "if":
        return If(draw(CONDITIONS), draw(trees(depth - 1)), draw(trees(depth - 1)))
    return draw(CONDITIONS)


TREES: st.SearchStrategy[Node] = trees()


@settings(max_examples=400, deadline=None)
@given(tree=TREES, env=ENVS)
def test_random_trees_stay_within_attainable(tree: Node, env: dict[str, Value]) -> None:
    bounds = attainable(tree, DOMAINS, LEVELS)
    try:
        value = evaluate(tree, env, LEVELS)
    except FormulaError:  # division by zero
        return
    assert bounds.lo <= value <= bounds.hi, (tree, env, bounds)


@settings(max_examples=200, deadline=None)
@given(tree=TREES, env=ENVS)
def test_parse_of_rendering_round_trips(tree: Node, env: dict[str, Value]) -> None:
    """Rendering then parsing back (Excel syntax is close to ours) keeps the value.

    Up to Decimal rounding: ``a + (b + c)`` renders as ``a+b+c``, summed in another order.
    """
    refs = {name: name for name in DOMAINS}
    text = to_excel(tree, refs, LEVELS)[1:]
    if len(text) > MAX_FORMULA_LENGTH:
        return  # levels unfold into long IF chains; the oracle covers those
    try:
        expected = evaluate(tree, env, LEVELS)
    except FormulaError:
        return
    again = evaluate(parse(text), env, LEVELS)
    assert abs(again - expected) <= Decimal("1e-20") * magnitude(tree, env, LEVELS), text


# --- every leaf of the default rubric, with valid inputs --------------------------------


def input_values(leaf: Criterion, spec: InputSpec) -> st.SearchStrategy[Value]:
    if spec.kind is InputKind.COUNT:
        return st.integers(0, 200).map(Decimal)
    if spec.kind is InputKind.POINTS:
        return decimals(0, leaf.max)
    if spec.kind is InputKind.PERCENT:
        return decimals(0, 100)
    return st.sampled_from(leaf.labels(spec))


def leaf_cases(rubric: Rubric) -> st.SearchStrategy[tuple[Criterion, dict[str, Value]]]:
    def inputs(leaf: Criterion) -> st.SearchStrategy[tuple[Criterion, dict[str, Value]]]:
        values = st.fixed_dictionaries({s.name: input_values(leaf, s) for s in leaf.inputs})
        return st.tuples(st.just(leaf), values)

    return st.sampled_from(list(rubric.leaves())).flatmap(inputs)


def test_rubric_leaves_stay_within_attainable_and_max(rubric: Rubric) -> None:
    seen: set[str] = set()

    @settings(max_examples=600, deadline=None)
    @given(case=leaf_cases(rubric))
    def check(case: tuple[Criterion, dict[str, Value]]) -> None:
        leaf, env = case
        value = leaf.evaluate(env)
        bounds = leaf.attainable()
        assert bounds.lo <= value <= bounds.hi, (leaf.code, env)
        assert 0 <= value <= leaf.max, (leaf.code, env)
        seen.add(leaf.code)

    check()
    assert len(seen) > 30  # nearly every leaf was exercised


# --- the oracle: LibreOffice computes the rendered formulas -----------------------------


def collect(strategy: st.SearchStrategy[T], count: int) -> list[T]:
    """``count`` random examples from ``strategy`` (fresh each run, like any property test)."""
    found: list[T] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def gather(value: T) -> None:
        found.append(value)

    gather()
    return found


def subtrees(node: Node) -> Iterator[Node]:
    yield node
    for name in node.__struct_fields__:
        value = getattr(node, name)
        children = value if isinstance(value, tuple) else (value,)
        for child in children:
            if isinstance(child, msgspec.Struct):
                yield from subtrees(child)  # type: ignore[arg-type]


def magnitude(tree: Node, env: Mapping[str, Value], levels: Mapping[str, Any]) -> Decimal:
    """The largest intermediate value: the scale of the spreadsheet's rounding error."""
    biggest = Decimal(1)
    for node in subtrees(tree):
        try:
            biggest = max(biggest, abs(evaluate(node, env, levels)))
        except FormulaError:
            continue
    return biggest


@dataclasses.dataclass
class OracleCase:
    label: str
    tree: Node
    env: Mapping[str, Value]
    levels: Mapping[str, Mapping[str, Decimal]]
    expected: Decimal | None  # None: the spreadsheet must show an error (division by zero)
    tolerance: Decimal


def make_case(
    label: str, tree: Node, env: Mapping[str, Value], levels: Mapping[str, Mapping[str, Decimal]]
) -> OracleCase:
    try:
        expected: Decimal | None = evaluate(tree, env, levels)
    except FormulaError as error:
        assert error.key == "formula.division-by-zero"
        expected = None
    tolerance = Decimal("1e-9") * magnitude(tree, env, levels)
    return OracleCase(label, tree, env, levels, expected, tolerance)


@pytest.mark.libreoffice
def test_excel_rendering_agrees_with_libreoffice(
    rubric: Rubric, recalc: Callable[[list[Path]], list[Path]], tmp_path: Path
) -> None:
    known = rubric.criterion("1.1")
    cases = [make_case("1.1 known", known.tree, {"late_tasks": Decimal(3)}, {})]
    for leaf, env in collect(leaf_cases(rubric), 150):
        cases.append(make_case(leaf.code, leaf.tree, env, leaf.level_tables()))
    for tree, env in collect(st.tuples(TREES, ENVS), 200):
        cases.append(make_case("random tree", tree, env, LEVELS))
    # The mix the engine must get right, whatever hypothesis happened to draw.
    fixed: list[tuple[str, dict[str, Value]]] = [
        ("x / y", {"y": Decimal(0)}),
        ("x / (y + 0.25) * 3", {}),
        ("min(x, y, z) - max(x / 7, z)", {}),
        ('if(x < 50, 1, if(x < 75, 3, if(done = "Đã thực hiện", 7, 5)))', {"x": Decimal(80)}),
        ('if(done = "Đã thực hiện", level(lv), -level(lv))', {"done": DONE}),
        ('if(done = "Đã thực hiện", level(lv), -level(lv))', {"done": NOT_DONE}),
        ('if(lv = "Hoàn thành tốt nhiệm vụ", 1, 2) + (x >= y)', {"lv": LEVEL_LABELS[1]}),
        ("(x = 5) + (y <> 5) * 2", {"x": Decimal(5), "y": Decimal(5)}),
    ]
    base_env: dict[str, Value] = {
        "x": Decimal(120),
        "y": Decimal("33.33"),
        "z": Decimal("74.99"),
        "lv": LEVEL_LABELS[0],
        "done": NOT_DONE,
    }
    for source, overrides in fixed:
        cases.append(make_case(source, parse(source), {**base_env, **overrides}, LEVELS))

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    columns: dict[str, int] = {}
    for row, case in enumerate(cases, start=1):
        refs = {}
        for name, value in case.env.items():
            column = columns.setdefault(name, len(columns) + 2)
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            refs[name] = cell.coordinate
        sheet.cell(row=row, column=1, value=to_excel(case.tree, refs, case.levels))
    book = tmp_path / "oracle.xlsx"
    workbook.save(book)

    [computed] = recalc([book])
    values = openpyxl.load_workbook(computed, data_only=True).active
    assert values is not None
    assert values.cell(row=1, column=1).value == 97  # LibreOffice really computed
    failures = []
    for row, case in enumerate(cases, start=1):
        got = values.cell(row=row, column=1).value
        if case.expected is None:
            ok = got == "#DIV/0!"
        elif isinstance(got, bool | int | float):
            ok = abs(Decimal(repr(got)) - case.expected) <= case.tolerance
        else:
            ok = False
        if not ok:
            formula = to_excel(case.tree, {n: n for n in case.env}, case.levels)
            failures.append(
                f"{case.label}: {formula} with {dict(case.env)} -> "
                f"LibreOffice {got!r}, Decimal {case.expected}"
            )
    assert len(cases) > 350
    assert not failures, "\n".join(failures[:10])


@settings(max_examples=500, deadline=None)
@given(tree=TREES, env=ENVS, drop=st.sets(st.sampled_from(["x", "y", "z", "lv", "done"])))
def test_compiled_formulas_evaluate_as_the_tree_does(
    tree: Node, env: dict[str, Value], drop: set[str]
) -> None:
    """Same value, or the same error (same key, same missing input first), blanks included."""
    env = {name: value for name, value in env.items() if name not in drop}
    compiled = compile_formula(tree, LEVELS)
    try:
        expected: object = walk(tree, env, LEVELS)
    except FormulaError as error:
        expected = (type(error), error.key, error.params)
    try:
        got: object = compiled(env)
    except FormulaError as error:
        got = (type(error), error.key, error.params)
    assert got == expected, tree
