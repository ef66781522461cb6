"""Ranking: every status and reason, competition ranks, tie-breaks, the leader and the flags."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.ranking_fixtures import make_result, points, units_file
from thidua_cli.findings import Severity
from thidua_cli.messages import VI
from thidua_cli.ranking.lock import make_lock
from thidua_cli.ranking.rank import Flag, Ranking, Status, rank
from thidua_cli.reports.ranking_json import ranking_json
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side


def _entry(ranking: Ranking, unit_id: str):  # type: ignore[no-untyped-def]
    for cluster in ranking.clusters:
        for entry in cluster.entries:
            if entry.unit.id == unit_id:
                return entry
    raise AssertionError(unit_id)


def _codes(ranking: Ranking, unit_id: str) -> list[str]:
    return [r.code for r in _entry(ranking, unit_id).reasons]


def test_each_status_and_reason(rubric: Rubric) -> None:
    units = units_file(
        {
            "cum-1": [
                {"id": "OK"},
                {"id": "NOREG", "registered": False},
                {"id": "NOAGR", "agreement_signed": False},
                {"id": "VIOL", "violation": "sai phạm trong đấu thầu"},
                {"id": "PEND", "pending_investigation": True},
                {"id": "MISSING"},
                {"id": "UNSCORED"},
                {"id": "ERRS"},
                {"id": "CHANGED"},
            ]
        }
    )
    results = [
        make_result(rubric, "OK"),
        make_result(rubric, "NOREG"),
        make_result(rubric, "NOAGR"),
        make_result(rubric, "VIOL"),
        make_result(rubric, "PEND"),
        make_result(rubric, "UNSCORED", cluster_blank=True),
        make_result(rubric, "ERRS", errors=2),
        make_result(rubric, "CHANGED"),
    ]
    lock = make_lock([r for r in results if r.ok])
    results[-1] = make_result(rubric, "CHANGED", self_overrides={"3.4.c": {"ad_hoc": Decimal(3)}})
    ranking = rank(results, units, lock=lock)

    assert _entry(ranking, "OK").status is Status.ELIGIBLE
    assert _entry(ranking, "OK").reasons == []
    for unit_id, code in [
        ("NOREG", "not-registered"),
        ("NOAGR", "no-agreement"),
        ("VIOL", "violation"),
        ("CHANGED", "changed-after-lock"),
    ]:
        assert _entry(ranking, unit_id).status is Status.EXCLUDED, unit_id
        assert _codes(ranking, unit_id) == [code]
    assert "sai phạm trong đấu thầu" in VI.finding(_entry(ranking, "VIOL").reasons[0])
    changed = _entry(ranking, "CHANGED")
    assert changed.changed == ["3.4.c"]
    assert VI.finding(changed.reasons[0]) == (
        "điều chỉnh số liệu sau khi Cụm đã kiểm tra, đối chiếu thống nhất điểm (tiêu chí 3.4.c)"
    )
    assert _entry(ranking, "PEND").status is Status.DEFERRED
    assert _codes(ranking, "PEND") == ["pending-investigation"]
    assert _entry(ranking, "MISSING").status is Status.INCOMPLETE
    assert _codes(ranking, "MISSING") == ["no-workbook"]
    assert _codes(ranking, "UNSCORED") == ["scoring-incomplete"]
    # a workbook with errors is incomplete, and (not in the lock) not verified either
    assert _entry(ranking, "ERRS").status is Status.INCOMPLETE
    assert _codes(ranking, "ERRS") == ["not-locked", "workbook-errors"]
    assert ranking.has_errors  # a workbook had errors: exit 1
    assert ranking.clusters[0].leader == "OK"
    assert any(
        n.code == "rank-missing-workbook" and "MISSING" in VI.finding(n) for n in ranking.notes
    )


def test_every_exclusion_reason_is_listed(rubric: Rubric) -> None:
    units = units_file(
        {
            "cum-1": [
                {
                    "id": "BAD",
                    "registered": False,
                    "agreement_signed": False,
                    "violation": "tham nhũng",
                    "pending_investigation": True,
                },
                {"id": "OK"},
            ]
        }
    )
    ranking = rank([make_result(rubric, "BAD"), make_result(rubric, "OK")], units)
    bad = _entry(ranking, "BAD")
    assert bad.status is Status.EXCLUDED
    assert [r.code for r in bad.reasons] == [
        "not-registered",
        "no-agreement",
        "violation",
        "pending-investigation",
    ]
    assert bad.rank is None


def test_competition_ranks_on_exact_totals(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": i} for i in "ABCD"]})
    results = [
        make_result(rubric, "A", self_overrides=points("99.99")),
        make_result(rubric, "B", self_overrides=points("99.99")),
        make_result(rubric, "C", self_overrides=points("99.98")),
        make_result(rubric, "D", self_overrides=points("100")),
    ]
    ranking = rank(results, units)
    ranks = {e.unit.id: e.rank for e in ranking.clusters[0].entries}
    assert ranks == {"D": 1, "A": 2, "B": 2, "C": 4}
    assert ranking.clusters[0].leader == "D"


def test_tie_settled_by_section_one(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}]})
    # equal totals: A loses 10 in section 1 (1.2), B loses 10 in section 3 (3.5)
    a = make_result(rubric, "A", self_overrides=points("90"))
    b = make_result(rubric, "B", self_overrides={"3.5": {"escalated": Decimal(10)}})
    assert a.scores[Side.CLUSTER].total == b.scores[Side.CLUSTER].total
    cluster = rank([a, b], units).clusters[0]
    assert [e.rank for e in cluster.entries] == [1, 1]
    assert cluster.leader == "B"
    assert cluster.tie == []


def test_tie_settled_by_section_two(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}]})
    # equal totals and section 1: A loses 5 in section 2 (2.1 Khá), B loses 5 in section 3
    a = make_result(rubric, "A", self_overrides={"2.1": {"level": "Khá"}})
    b = make_result(rubric, "B", self_overrides={"3.5": {"escalated": Decimal(5)}})
    assert a.scores[Side.CLUSTER].total == b.scores[Side.CLUSTER].total
    assert rank([a, b], units).clusters[0].leader == "B"


def test_tie_that_survives_leaves_the_leader_open(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}, {"id": "C"}]})
    results = [
        make_result(rubric, "A"),
        make_result(rubric, "B"),
        make_result(rubric, "C", self_overrides=points("50")),
    ]
    ranking = rank(results, units)
    cluster = ranking.clusters[0]
    assert cluster.leader is None
    assert cluster.tie == ["A", "B"]
    assert ranking.province_flag == [] and ranking.government_flag == []
    assert any(n.code == "rank-tie" and "suy tôn" in VI.finding(n) for n in ranking.notes)


def test_no_eligible_unit_no_leader(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A", "agreement_signed": False}]})
    cluster = rank([make_result(rubric, "A")], units).clusters[0]
    assert cluster.leader is None and cluster.tie == []


def test_ranks_on_cluster_scores_not_self(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}]})
    a = make_result(rubric, "A", self_overrides=points("100"), cluster_overrides=points("80"))
    b = make_result(rubric, "B", self_overrides=points("90"), cluster_overrides=points("90"))
    by_cluster = rank([a, b], units)
    assert by_cluster.clusters[0].leader == "B"
    assert _entry(by_cluster, "A").difference == Decimal(20)
    preview = rank([a, b], units, by=Side.SELF)
    assert preview.preview and preview.clusters[0].leader == "A"
    assert preview.notes[0].code == "rank-preview"
    assert "XEM TRƯỚC theo điểm tự chấm — không dùng để xét" in VI.finding(preview.notes[0])


def _two_clusters(rubric: Rubric, total: int | None) -> Ranking:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}], "cum-2": [{"id": "C"}, {"id": "D"}]})
    results = [
        make_result(rubric, "A", self_overrides=points("95")),
        make_result(rubric, "B", self_overrides=points("90")),
        make_result(rubric, "C", cluster="cum-2", self_overrides=points("97")),
        make_result(rubric, "D", cluster="cum-2", self_overrides=points("60")),
    ]
    return rank(results, units, province_flag_total=total)


def test_province_flag_for_each_leader_only_and_government_flag_for_the_top(rubric: Rubric) -> None:
    ranking = _two_clusters(rubric, None)
    assert [(p.flag, p.entry.unit.id) for p in ranking.province_flag] == [
        (Flag.PROVINCE, "A"),
        (Flag.PROVINCE, "C"),
    ]
    assert [p.entry.unit.id for p in ranking.government_flag] == ["C"]
    assert _entry(ranking, "C").proposals == [Flag.PROVINCE, Flag.GOVERNMENT]
    assert _entry(ranking, "B").proposals == []
    assert not ranking.cap.checked
    unchecked = [n for n in ranking.notes if n.code == "rank-cap-unchecked"]
    assert unchecked and "--province-flag-total" in VI.finding(unchecked[0])


def test_government_flag_cap(rubric: Rubric) -> None:
    allowed = _two_clusters(rubric, 10)
    assert allowed.cap.allowed == 2
    assert [p.entry.unit.id for p in allowed.government_flag] == ["C"]
    assert any(n.code == "rank-cap-checked" and "tối đa 2" in VI.finding(n) for n in allowed.notes)
    assert not any(n.code == "rank-cap-unchecked" for n in allowed.notes)

    exactly_one = _two_clusters(rubric, 5)
    assert exactly_one.cap.allowed == 1 and len(exactly_one.government_flag) == 1

    too_few = _two_clusters(rubric, 4)  # 20 % of 4 is 0.8: none allowed
    assert too_few.cap.allowed == 0
    assert too_few.government_flag == []
    assert [p.entry.unit.id for p in too_few.province_flag] == ["A", "C"]
    assert any(
        n.code == "rank-cap-exceeded" and "cho phép 0" in VI.finding(n) for n in too_few.notes
    )


def test_government_flag_tie_between_leaders_is_left_to_the_board(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}], "cum-2": [{"id": "C"}]})
    ranking = rank([make_result(rubric, "A"), make_result(rubric, "C", cluster="cum-2")], units)
    assert len(ranking.province_flag) == 2
    assert ranking.government_flag == []
    assert any(n.code == "rank-government-tie" for n in ranking.notes)


def test_unknown_and_duplicate_workbooks_are_reported(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}]})
    results = [
        make_result(rubric, "A"),
        make_result(rubric, "B", file="returned/B.xlsx"),
        make_result(rubric, "B", file="returned/B-copy.xlsx"),
        make_result(rubric, "STRANGER"),
    ]
    ranking = rank(results, units)
    b = _entry(ranking, "B")
    assert b.status is Status.INCOMPLETE
    assert _codes(ranking, "B") == ["duplicate-workbook"]
    assert "B-copy.xlsx" in VI.finding(b.reasons[0]) and "B.xlsx" in VI.finding(b.reasons[0])
    unknown = [n for n in ranking.notes if n.code == "rank-unknown-unit"]
    assert (
        unknown and "STRANGER" in VI.finding(unknown[0]) and unknown[0].severity is Severity.WARNING
    )
    assert ranking.has_errors  # two workbooks for one unit is an error in the data
    assert ranking.clusters[0].leader == "A"


def test_unit_not_in_the_lock_is_not_verified(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}]})
    lock = make_lock([make_result(rubric, "A")])
    ranking = rank([make_result(rubric, "A"), make_result(rubric, "B")], units, lock=lock)
    assert _entry(ranking, "A").status is Status.ELIGIBLE
    assert _codes(ranking, "B") == ["not-locked"]
    assert _entry(ranking, "B").status is Status.INCOMPLETE


def test_english_reasons(rubric: Rubric) -> None:
    from thidua_cli.messages import EN

    units = units_file({"cum-1": [{"id": "A", "agreement_signed": False}]})
    entry = _entry(rank([make_result(rubric, "A")], units), "A")
    assert EN.finding(entry.reasons[0]) == "did not sign the emulation agreement"


def test_bad_denominator() -> None:
    with pytest.raises(ValueError):
        rank([], units_file({"cum-1": [{"id": "A"}]}), province_flag_total=-1)


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(7)))
def test_ranking_does_not_depend_on_the_order_of_results(rubric: Rubric, order: list[int]) -> None:
    units = units_file(
        {
            "cum-1": [
                {"id": "A"},
                {"id": "B"},
                {"id": "C"},
                {"id": "D", "pending_investigation": True},
            ],
            "cum-2": [{"id": "E"}, {"id": "F"}],
        }
    )
    results = [
        make_result(rubric, "A", self_overrides=points("90")),
        make_result(rubric, "B", self_overrides={"3.5": {"escalated": Decimal(10)}}),
        make_result(rubric, "C", self_overrides=points("90")),
        make_result(rubric, "D"),
        make_result(rubric, "E", cluster="cum-2"),
        make_result(rubric, "F", cluster="cum-2", file="x/F.xlsx"),
        make_result(rubric, "F", cluster="cum-2", file="y/F.xlsx"),
    ]
    baseline = ranking_json(rank(results, units, province_flag_total=10), VI)
    shuffled = ranking_json(rank([results[i] for i in order], units, province_flag_total=10), VI)
    assert shuffled == baseline


def test_a_lock_of_another_period_verifies_nothing(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}]})
    lock = make_lock([make_result(rubric, "A")])  # the year-end lock
    half = make_result(rubric, "A", self_overrides=points("90"))
    assert half.identity is not None
    half.identity = half.identity.model_copy(update={"period": "half"})
    assert _codes(rank([half], units, lock=lock), "A") == ["not-locked"]
