"""The lock: what it records, what it refuses, and that it notices one changed figure."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.helpers import make_form, refused, text_of
from tests.ranking_fixtures import make_result
from thidua_cli.cli import app
from thidua_cli.findings import ThiduaError, UsageError
from thidua_cli.form.identity import Identity
from thidua_cli.form.layout import build_layout
from thidua_cli.form.writer import write_form
from thidua_cli.messages import EN, VI
from thidua_cli.ranking.lock import (
    MAX_BLANKS_NAMED,
    Changes,
    compare,
    make_lock,
    merge_locks,
    read_lock,
    value_text,
    write_lock,
)
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.batch import score_paths
from thidua_cli.scoring.compute import compute_scores
from thidua_cli.workflows.demo import sample_values
from thidua_cli.workflows.lock import LockRequest
from thidua_cli.workflows.lock import lock as lock_workflow


def test_records_every_input_and_every_points_of_both_sides(rubric: Rubric) -> None:
    lock = make_lock([make_result(rubric, "A"), make_result(rubric, "B")])
    assert list(lock.units) == ["A", "B"]
    locked = lock.units["A"]
    codes = [c.code for c in rubric.walk()]
    for side in ("self", "cluster"):
        assert list(locked.points[side]) == codes
        assert locked.inputs[side]["3.4.c"] == {"ad_hoc": "0", "good_deeds": "0"}
        assert locked.inputs[side]["2.4"] == {"level": "Hoàn thành xuất sắc nhiệm vụ"}
    assert locked.points["cluster"]["1.2"] == "100"
    assert len(lock.digest) == 64 and lock.digest == lock.content_digest()


def test_value_text_does_not_depend_on_how_a_number_was_typed() -> None:
    assert value_text(Decimal("5.50")) == value_text(Decimal("5.5")) == "5.5"
    assert value_text(Decimal("100")) == value_text(Decimal("1E+2")) == "100"
    assert value_text("Khá") == "Khá" and value_text(None) is None


def test_compare_names_a_single_changed_input_on_its_side(rubric: Rubric) -> None:
    [locked] = make_lock([make_result(rubric, "A")]).units.values()
    assert compare(locked, make_result(rubric, "A")) == Changes()
    assert not compare(locked, make_result(rubric, "A"))
    own = make_result(
        rubric, "A", self_overrides={"3.2.b.1": {"campaigns": Decimal(40)}}, cluster_overrides={}
    )
    assert compare(locked, own) == Changes(own=["3.2.b.1"])
    theirs = make_result(
        rubric, "A", self_overrides={}, cluster_overrides={"1.7.b": {"cases": Decimal(1)}}
    )
    # the group 1.7 is not named beside its child
    assert compare(locked, theirs) == Changes(cluster=["1.7.b"])
    both = make_result(
        rubric,
        "A",
        self_overrides={"1.1": {"late_tasks": Decimal(1)}},
        cluster_overrides={"1.1": {"late_tasks": Decimal(2)}},
    )
    assert compare(locked, both) == Changes(own=["1.1"], cluster=["1.1"])
    # an input that changes without changing the points still counts (capped at 15 either way)
    [capped] = make_lock(
        [
            make_result(
                rubric,
                "A",
                self_overrides={"3.2.b.1": {"campaigns": Decimal(30)}},
                cluster_overrides={},
            )
        ]
    ).units.values()
    more = make_result(
        rubric, "A", self_overrides={"3.2.b.1": {"campaigns": Decimal(31)}}, cluster_overrides={}
    )
    assert compare(capped, more) == Changes(own=["3.2.b.1"])


def test_refuses_a_cluster_side_with_blank_cells_naming_each(rubric: Rubric) -> None:
    unscored = make_result(rubric, "B", cluster_blank=True, file="returned/B.xlsx")
    partly = make_result(rubric, "C", file="returned/C.xlsx")
    partly.inputs[Side.CLUSTER].pop("3.5")
    partly.scores[Side.CLUSTER] = compute_scores(rubric, partly.inputs[Side.CLUSTER])
    with pytest.raises(ThiduaError) as caught:
        make_lock([make_result(rubric, "A"), unscored, partly], rubrics=[rubric])
    found = caught.value.findings
    assert found[0].code == "lock-cluster-incomplete" and found[0].params["count"] == 2
    cells = [f for f in found if f.code == "lock-cluster-blank" and f.variant is None]
    layout = build_layout(rubric)
    expected = layout.input_cell(Side.CLUSTER, "3.5", "escalated")
    [c_cell] = [f for f in cells if f.file == "returned/C.xlsx"]
    assert (c_cell.sheet, c_cell.cell, c_cell.criterion) == (expected.sheet, expected.a1, "3.5")
    assert VI.finding(c_cell) == (
        f"returned/C.xlsx: ô «Cụm đánh giá» '{expected.sheet}'!{expected.a1} còn trống "
        "(tiêu chí 3.5, Số trường hợp khiếu nại vượt cấp lên tỉnh)."
    )
    # an unscored workbook: the first cells named, then how many more
    b_cells = [f for f in found if f.file == "returned/B.xlsx"]
    assert len(b_cells) == MAX_BLANKS_NAMED + 1 and b_cells[-1].variant == "more"
    total = sum(len(leaf.inputs) for leaf in rubric.leaves())  # every input is blank
    assert b_cells[-1].params["count"] == total - MAX_BLANKS_NAMED


def test_refuses_workbooks_with_errors_naming_them(rubric: Rubric) -> None:
    with pytest.raises(ThiduaError) as caught:
        make_lock(
            [make_result(rubric, "A"), make_result(rubric, "B", errors=1, file="returned/B.xlsx")]
        )
    assert "returned/B.xlsx" in text_of(caught.value)
    assert "returned/A.xlsx" not in text_of(caught.value)


def test_refuses_two_workbooks_for_one_unit(rubric: Rubric) -> None:
    with pytest.raises(ThiduaError) as caught:
        make_lock(
            [make_result(rubric, "A", file="y/A.xlsx"), make_result(rubric, "A", file="x/A.xlsx")]
        )
    assert text_of(caught.value) == (
        "Không khóa số liệu: đơn vị A có nhiều bảng điểm (x/A.xlsx, y/A.xlsx); chỉ giữ một."
    )


def test_refusal_gives_every_reason_at_once(rubric: Rubric) -> None:
    with pytest.raises(ThiduaError) as caught:
        make_lock(
            [
                make_result(rubric, "A", file="x/A.xlsx"),
                make_result(rubric, "A", errors=1, file="y/A.xlsx"),
                make_result(rubric, "B", errors=2, file="x/B.xlsx"),
            ]
        )
    lines = text_of(caught.value).splitlines()
    assert lines[0].startswith("Không khóa số liệu: 2 bảng điểm còn lỗi")
    assert lines[1:3] == ["  x/B.xlsx", "  y/A.xlsx"]
    assert lines[3] == (
        "Không khóa số liệu: đơn vị A có nhiều bảng điểm (x/A.xlsx, y/A.xlsx); chỉ giữ một."
    )


def test_round_trip_and_tampering(rubric: Rubric, tmp_path: Path) -> None:
    path = tmp_path / "verified.lock"
    lock = make_lock([make_result(rubric, "A")])
    write_lock(path, lock)
    assert read_lock(path) == lock
    as_json = json.dumps(lock.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    assert path.read_text(encoding="utf-8") == as_json  # readable, two-space indent
    assert [p.name for p in tmp_path.iterdir()] == ["verified.lock"]  # no temp file left

    data = json.loads(path.read_text(encoding="utf-8"))
    data["units"]["A"]["points"]["cluster"]["1.2"] = "99"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with refused(ThiduaError, "đã bị sửa"):
        read_lock(path)


def test_a_lock_spelled_otherwise_is_checked_as_the_model_reads_it(
    rubric: Rubric, tmp_path: Path
) -> None:
    """The digest is checked on the content as written (a lock thidua wrote) or, failing
    that, as the model reads it: a year written as text is the same lock; a changed figure
    is tampering either way."""
    lock = make_lock([make_result(rubric, "A")])
    data = lock.model_dump(mode="json")
    data["units"]["A"]["year"] = str(data["units"]["A"]["year"])  # "2020": the model's 2020
    path = tmp_path / "other.lock"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_lock(path) == lock
    data["units"]["A"]["points"]["cluster"]["1.2"] = "99"
    path.write_text(json.dumps(data), encoding="utf-8")
    with refused(ThiduaError, "đã bị sửa"):
        read_lock(path)


def test_bad_lock_files(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read_lock(tmp_path / "missing.lock")
    (tmp_path / "a.lock").write_text("{not json", encoding="utf-8")
    with refused(ThiduaError, "không hợp lệ"):
        read_lock(tmp_path / "a.lock")
    (tmp_path / "b.lock").write_text('{"format": "other"}', encoding="utf-8")
    with refused(ThiduaError, "format"):
        read_lock(tmp_path / "b.lock")


def test_real_workbooks_one_changed_input(rubric: Rubric, tmp_path: Path) -> None:
    """Written by the project's writer, scored, locked, one cell changed, scored again."""
    layout = build_layout(rubric)
    identity = Identity(
        rubric_id=rubric.id,
        rubric_digest=rubric.digest(),
        unit_id="U1",
        unit_name="Bệnh viện Mắt",
        cluster="cum-1",
        year=rubric.meta.year,
    )
    values = sample_values(rubric, "U1")
    form = tmp_path / "returned" / "U1.xlsx"
    form.parent.mkdir()
    write_form(form, layout, identity, values)
    lock = lock_workflow(LockRequest([form.parent], tmp_path / "verified.lock")).lock
    assert read_lock(tmp_path / "verified.lock") == lock

    values[Side.SELF]["3.4.a"]["late_days"] = int(str(values[Side.SELF]["3.4.a"]["late_days"])) + 4
    write_form(form, layout, identity, values)
    [result] = score_paths([form], rubric)
    assert result.ok
    assert compare(lock.units["U1"], result) == Changes(own=["3.4.a"])


def test_merge_locks_of_two_clusters(rubric: Rubric) -> None:
    one = make_lock([make_result(rubric, "A")])
    two = make_lock([make_result(rubric, "B", cluster="cum-2")])
    merged = merge_locks([one, two])
    assert list(merged.units) == ["A", "B"] and merged.digest == merged.content_digest()
    other = make_lock(
        [make_result(rubric, "A", self_overrides={"1.1": {"late_tasks": Decimal(2)}})]
    )
    with refused(ThiduaError, "A"):
        merge_locks([one, other])


def test_a_lock_rank_could_not_read_is_not_written(
    rubric: Rubric, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lock = make_lock([make_result(rubric, "A"), make_result(rubric, "B")])
    monkeypatch.setattr("thidua_cli.ranking.lock.MAX_LOCK_BYTES", 1_000)
    with refused(ThiduaError, "2 đơn vị") as caught:
        write_lock(tmp_path / "verified.lock", lock)
    assert "--lock" in text_of(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_hostile_lock_files_are_located_refusals(tmp_path: Path) -> None:
    deep = tmp_path / "deep.lock"
    deep.write_text("[" * 100_000, encoding="utf-8")
    with refused(ThiduaError, f"Tệp khóa {deep} không hợp lệ: lồng nhau quá sâu"):
        read_lock(deep)
    long = tmp_path / "long.lock"
    long.write_text('{"format": "thidua-lock", "version": ' + "9" * 5000 + "}", encoding="utf-8")
    with refused(ThiduaError, "có một số dài 5000 chữ số"):
        read_lock(long)
    nan = tmp_path / "nan.lock"
    nan.write_text('{"version": NaN}', encoding="utf-8")
    with refused(ThiduaError, "không hợp lệ"):
        read_lock(nan)
    for path in (deep, long):  # and rank says so without a traceback
        result = CliRunner().invoke(
            app, ["rank", str(tmp_path), "--units", "examples/units.yaml", "--lock", str(path)]
        )
        assert result.exit_code == 1 and "không hợp lệ" in result.stderr
        assert "Traceback" not in result.stderr


def test_a_file_name_that_is_not_utf8_is_locked(rubric: Rubric, tmp_path: Path) -> None:
    """A name from a Windows zip: undecodable bytes, kept by Python as lone surrogates."""
    returned = tmp_path / "returned"
    returned.mkdir()
    name = os.fsdecode(b"B\xe1o-c\xe1o U1.xlsx")
    make_form(returned, build_layout(rubric), "U1", sample_values(rubric, "U1"), name=name)
    out = tmp_path / "verified.lock"
    result = CliRunner().invoke(app, ["lock", str(returned), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert read_lock(out).units["U1"].file == "B\\udce1o-c\\udce1o U1.xlsx"


def test_lock_file_syntax_errors_are_said_in_the_users_words(tmp_path: Path) -> None:
    cases = {
        "a.lock": (b'{\n  "format": "thidua-lock",\n  oops\n}', "dòng 3, cột 3"),
        "b.lock": (b'{"format": "thidua-lock\xff"}', "không phải văn bản UTF-8 (byte thứ 24)"),
        "c.lock": (b'{"version": Infinity}', "có giá trị Infinity không phải số"),
    }
    for name, (content, phrase) in cases.items():
        (tmp_path / name).write_bytes(content)
        with refused(ThiduaError, re.escape(phrase)) as caught:
            read_lock(tmp_path / name)
        assert "Expecting" not in text_of(caught.value, EN)  # not Python's own words


@st.composite
def _mutations(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if action == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            del data[at:]
    return bytes(data)


def test_any_damaged_lock_file_is_a_located_refusal(rubric: Rubric, tmp_path: Path) -> None:
    """Bytes flipped, inserted, deleted or cut anywhere: the lock reads back unchanged (the edit
    did not matter) or is refused with a sentence naming the file, never another exception."""
    good = tmp_path / "good.lock"
    write_lock(good, make_lock([make_result(rubric, "A"), make_result(rubric, "B")]))
    original = good.read_bytes()
    damaged = tmp_path / "damaged.lock"

    @settings(max_examples=300, deadline=None)
    @given(_mutations(original))
    def check(content: bytes) -> None:
        damaged.write_bytes(content)
        try:
            read_lock(damaged)
        except ThiduaError as error:
            for messages in (VI, EN):
                assert str(damaged) in text_of(error, messages)

    check()
