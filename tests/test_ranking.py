"""Ranking: every status and reason, competition ranks, ties, the vote and the flags."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import refused
from tests.ranking_fixtures import make_result, points, units_file
from thidua_cli.findings import Severity, ThiduaError, UsageError
from thidua_cli.messages import VI
from thidua_cli.ranking.lock import make_lock
from thidua_cli.ranking.rank import Flag, Meeting, Ranking, Status, rank
from thidua_cli.reports.ranking_json import ranking_json
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Period, Side
from thidua_cli.units.rubrics import ClusterRubrics


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
    lock = make_lock([r for r in results if r.ok and r.complete(Side.CLUSTER)])
    results[-1] = make_result(
        rubric, "CHANGED", self_overrides={"3.4.c": {"ad_hoc": Decimal(3)}}, cluster_overrides={}
    )
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
        "điều chỉnh số liệu sau khi Cụm đã kiểm tra, đối chiếu thống nhất điểm (đơn vị sửa "
        "tiêu chí 3.4.c)"
    )
    assert _entry(ranking, "PEND").status is Status.DEFERRED
    assert _codes(ranking, "PEND") == ["pending-investigation"]
    assert _entry(ranking, "MISSING").status is Status.INCOMPLETE
    assert _codes(ranking, "MISSING") == ["no-workbook"]
    # a workbook with errors is incomplete: nothing to compare with the lock yet
    assert _entry(ranking, "ERRS").status is Status.INCOMPLETE
    assert _codes(ranking, "ERRS") == ["workbook-errors"]
    # an unscored workbook is not in the lock (the lock refuses blank cluster cells)
    assert _codes(ranking, "UNSCORED") == ["not-locked", "scoring-incomplete"]
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


def test_equal_totals_are_a_tie_whatever_the_sections(rubric: Rubric) -> None:
    """The guidance has no tie-break: the meeting elects; section scores are only shown."""
    units = units_file({"cum-a": [{"id": "A1"}, {"id": "A2"}]})
    # equal totals: A1 loses 10 in section 1 (1.2), A2 loses 10 in section 3 (3.5)
    a1 = make_result(rubric, "A1", cluster="cum-a", self_overrides=points("90"))
    a2 = make_result(
        rubric, "A2", cluster="cum-a", self_overrides={"3.5": {"escalated": Decimal(10)}}
    )
    assert a1.scores[Side.CLUSTER].total == a2.scores[Side.CLUSTER].total
    assert a1.scores[Side.CLUSTER].sections != a2.scores[Side.CLUSTER].sections
    ranking = rank([a1, a2], units)
    cluster = ranking.clusters[0]
    assert [e.rank for e in cluster.entries] == [1, 1]
    assert cluster.leader is None and cluster.tie == ["A1", "A2"] and cluster.elected is None
    assert ranking.province_flag == [] and ranking.government_flag == []
    assert _entry(ranking, "A1").sections["1"] == Decimal(540)  # shown to the meeting
    [tie] = [n for n in ranking.notes if n.code == "rank-tie"]
    assert "suy tôn" in VI.finding(tie) and "A1, A2" in VI.finding(tie)
    data = ranking_json(ranking, VI)
    assert data["clusters"][0]["leader"] is None and data["clusters"][0]["elected"] is None
    assert data["clusters"][0]["tie"] == ["A1", "A2"]

    voted = rank([a1, a2], units, meeting=Meeting(elected={"cum-a": "A2"}))
    assert voted.clusters[0].elected == "A2" and voted.clusters[0].leader is None
    [proposal] = voted.province_flag
    assert (proposal.entry.unit.id, proposal.elected) == ("A2", True)
    assert [p.flag for p in _entry(voted, "A2").proposals] == [Flag.PROVINCE, Flag.GOVERNMENT]
    assert _entry(voted, "A1").proposals == []
    item = ranking_json(voted, VI)["proposals"]["province_flag"][0]
    assert item["unit_id"] == "A2" and item["elected"] is True


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


BOTH = {"cum-1": "A", "cum-2": "C"}  # each cluster elects its top unit


def _two_clusters(
    rubric: Rubric, total: int | None, elected: dict[str, str] | None = None
) -> Ranking:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}], "cum-2": [{"id": "C"}, {"id": "D"}]})
    results = [
        make_result(rubric, "A", self_overrides=points("95")),
        make_result(rubric, "B", self_overrides=points("90")),
        make_result(rubric, "C", cluster="cum-2", self_overrides=points("97")),
        make_result(rubric, "D", cluster="cum-2", self_overrides=points("60")),
    ]
    meeting = Meeting(elected=elected or {})
    return rank(results, units, province_flag_total=total, meeting=meeting)


def test_the_leader_is_proposed_provisionally_until_the_vote(rubric: Rubric) -> None:
    ranking = _two_clusters(rubric, None)
    assert [(p.flag, p.entry.unit.id, p.elected) for p in ranking.province_flag] == [
        (Flag.PROVINCE, "A", False),
        (Flag.PROVINCE, "C", False),
    ]
    # the Government flag is the council's choice among the clusters' elected units
    assert ranking.government_flag == [] and ranking.undecided == ["cum-1", "cum-2"]
    [undecided] = [n for n in ranking.notes if n.code == "rank-government-undecided"]
    assert "cum-1, cum-2" in VI.finding(undecided)
    assert not ranking.cap.checked
    unchecked = [n for n in ranking.notes if n.code == "rank-cap-unchecked"]
    assert unchecked and "--province-flag-total" in VI.finding(unchecked[0])

    one_voted = _two_clusters(rubric, None, {"cum-1": "A"})
    assert [(p.entry.unit.id, p.elected) for p in one_voted.province_flag] == [
        ("A", True),
        ("C", False),
    ]
    assert one_voted.government_flag == [] and one_voted.undecided == ["cum-2"]


def test_government_flag_once_every_cluster_has_voted(rubric: Rubric) -> None:
    ranking = _two_clusters(rubric, None, BOTH)
    assert [(p.entry.unit.id, p.elected) for p in ranking.province_flag] == [
        ("A", True),
        ("C", True),
    ]
    assert [p.entry.unit.id for p in ranking.government_flag] == ["C"]
    assert [p.flag for p in _entry(ranking, "C").proposals] == [Flag.PROVINCE, Flag.GOVERNMENT]
    assert _entry(ranking, "B").proposals == []
    assert ranking.undecided == []
    assert not any(n.code == "rank-government-undecided" for n in ranking.notes)


def test_the_meeting_may_elect_another_eligible_unit(rubric: Rubric) -> None:
    ranking = _two_clusters(rubric, None, {"cum-1": "B", "cum-2": "C"})
    cluster = ranking.clusters[0]
    assert (cluster.leader, cluster.elected) == ("A", "B")
    assert [p.entry.unit.id for p in ranking.province_flag] == ["B", "C"]
    assert _entry(ranking, "A").proposals == []
    [other] = [n for n in ranking.notes if n.code == "rank-elected-other"]
    assert VI.finding(other) == "cum-1: Hội nghị suy tôn B; đơn vị điểm cao nhất là A."


def test_the_vote_must_name_an_eligible_member(rubric: Rubric) -> None:
    units = units_file(
        {
            "cum-1": [{"id": "A"}, {"id": "X", "agreement_signed": False}],
            "cum-2": [{"id": "C"}],
        }
    )
    results = [make_result(rubric, u) for u in ("A", "X")] + [
        make_result(rubric, "C", cluster="cum-2")
    ]
    cases = {
        "cum-1=C": "C thuộc cụm cum-2, không phải cụm cum-1",
        "cum-1=NOBODY": "NOBODY không phải đơn vị thành viên của cụm cum-1",
        "cum-1=X": "X (cụm cum-1) không đủ điều kiện xét — Không xét thi đua: không ký kết "
        "giao ước thi đua",
        "cum-9=A": "không có cụm cum-9 trong danh sách đơn vị (các cụm: cum-1, cum-2)",
    }
    for vote, expected in cases.items():
        cluster, unit = vote.split("=")
        with refused(ThiduaError, re.escape(expected)) as caught:
            rank(results, units, meeting=Meeting(elected={cluster: unit}))
        assert caught.value.exit_code == 1
    with refused(UsageError, "Sơ kết 6 tháng không suy tôn"):
        rank(results, units, meeting=Meeting(period="half", elected={"cum-1": "A"}))


def test_the_half_year_review_elects_no_one_and_proposes_nothing(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}, {"id": "B"}], "cum-2": [{"id": "C"}]})
    results = [
        make_result(rubric, "A", self_overrides=points("95")),
        make_result(rubric, "B", self_overrides=points("50")),
        make_result(rubric, "C", cluster="cum-2"),
    ]
    rubrics = ClusterRubrics(rubric)
    half = rank(results, units, meeting=Meeting(year=2020, period="half"), rubrics=rubrics)
    assert half.half_year
    assert all(c.leader is None and c.tie == [] and c.elected is None for c in half.clusters)
    assert half.province_flag == [] and half.government_flag == []
    assert all(e.rank is None for c in half.clusters for e in c.entries)
    assert not any(n.code.startswith("rank-cap") for n in half.notes)
    # progress: the cluster's total as a share of the rubric's 950
    assert _entry(half, "A").progress == Decimal("94.7")  # 900 of 950
    assert _entry(half, "B").progress == Decimal("90.0")  # 855 of 950
    [note] = [n for n in half.notes if n.code == "rank-half-year"]
    assert "Sơ kết 6 tháng: không suy tôn, không đề nghị khen thưởng" in VI.finding(note)
    data = ranking_json(half, VI)
    assert data["label"] == "Sơ kết 6 tháng: không suy tôn, không đề nghị khen thưởng"
    assert data["proposals"]["province_flag"] == [] and data["period"] == "half"
    assert data["deadline"] == "2020-07-30"
    assert {r["unit_id"]: r["progress"] for r in data["clusters"][0]["ranking"]} == {
        "A": Decimal("94.7"),
        "B": Decimal("90.0"),
    }


def test_a_run_after_the_deadline_warns(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}]})
    results = [make_result(rubric, "A")]

    def late(period: Period, today: date) -> list[str]:
        meeting = Meeting(year=2020, period=period, today=today)
        notes = rank(results, units, meeting=meeting).notes
        return [VI.finding(n) for n in notes if n.code == "rank-after-deadline"]

    assert late("year", date(2021, 1, 19)) == []
    assert late("year", date(2021, 1, 20)) == [
        "Đã quá thời hạn: Hội nghị tổng kết năm 2020 phải xong trước ngày 20/01/2021 "
        "(hôm nay 20/01/2021)."
    ]
    assert late("half", date(2020, 7, 29)) == []
    assert len(late("half", date(2020, 7, 30))) == 1
    ranking = rank(results, units, meeting=Meeting(year=2020, today=date(2022, 3, 1)))
    assert not ranking.has_errors  # a warning, not an error


def test_government_flag_cap(rubric: Rubric) -> None:
    allowed = _two_clusters(rubric, 10, BOTH)
    assert allowed.cap.allowed == 2
    assert [p.entry.unit.id for p in allowed.government_flag] == ["C"]
    assert any(n.code == "rank-cap-checked" and "tối đa 2" in VI.finding(n) for n in allowed.notes)
    assert not any(n.code == "rank-cap-unchecked" for n in allowed.notes)

    exactly_one = _two_clusters(rubric, 5, BOTH)
    assert exactly_one.cap.allowed == 1 and len(exactly_one.government_flag) == 1

    too_few = _two_clusters(rubric, 4, BOTH)  # 20 % of 4 is 0.8: none allowed
    assert too_few.cap.allowed == 0
    assert too_few.government_flag == []
    assert [p.entry.unit.id for p in too_few.province_flag] == ["A", "C"]
    assert any(
        n.code == "rank-cap-exceeded" and "cho phép 0" in VI.finding(n) for n in too_few.notes
    )


def test_government_flag_tie_between_leaders_is_left_to_the_board(rubric: Rubric) -> None:
    units = units_file({"cum-1": [{"id": "A"}], "cum-2": [{"id": "C"}]})
    results = [make_result(rubric, "A"), make_result(rubric, "C", cluster="cum-2")]
    ranking = rank(results, units, meeting=Meeting(elected={"cum-1": "A", "cum-2": "C"}))
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
