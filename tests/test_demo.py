"""`thidua demo` end to end in tmp_path: the story it must tell, and the folder it may use."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from thidua_cli.cli import app
from thidua_cli.ranking.lock import read_lock
from thidua_cli.ranking.rank import Status
from thidua_cli.rubric.model import Rubric
from thidua_cli.rubric.sides import Side
from thidua_cli.scoring.compute import compute_scores
from thidua_cli.workflows.demo import run_demo, sample_values

runner = CliRunner()


def test_demo_tells_the_whole_story(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    text = result.stdout

    run = run_demo(out)  # a previous demo folder is fine to regenerate
    statuses = {e.unit.id: e for c in run.ranking.clusters for e in c.entries}
    reasons = {uid: [r.code for r in e.reasons] for uid, e in statuses.items()}
    excluded = [u for u, codes in reasons.items() if "no-agreement" in codes]
    deferred = [u for u, e in statuses.items() if e.status is Status.DEFERRED]
    assert len(excluded) == 1 and len(deferred) == 1
    assert reasons[run.changed_unit] == ["changed-after-lock"]
    assert statuses[run.changed_unit].changed == [run.changed_code]
    for cluster in run.ranking.clusters:
        assert cluster.leader is not None, cluster.cluster.id
        assert cluster.elected == run.elected[cluster.cluster.id] == cluster.leader
        assert f"Đơn vị nhất Cụm (Hội nghị suy tôn): {cluster.elected}" in text
        assert f"--elected {cluster.cluster.id}={cluster.elected}" in text
    assert len(run.ranking.province_flag) == 2 and len(run.ranking.government_flag) == 1
    assert all(p.elected for p in run.ranking.province_flag)

    for unit_id in (*excluded, *deferred, run.changed_unit):
        assert unit_id in text
    for phrase in (
        "Không xét thi đua",
        "Chưa xét",
        "không ký kết giao ước thi đua",
        "đối chiếu thống nhất điểm (đơn vị sửa tiêu chí",
        "Cờ thi đua của UBND tỉnh",
        "Cờ thi đua của Chính phủ",
        str(run.ranking_path),
    ):
        assert phrase in text, phrase
    assert run.ranking_path.is_file() and read_lock(run.lock).units
    assert len(list(run.forms.glob("*.xlsx"))) == run.form_count == len(statuses)


def test_demo_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "thesis.docx").write_text("precious", encoding="utf-8")
    result = runner.invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.docx"]
    assert runner.invoke(app, ["demo", "--out", str(tmp_path), "--force"]).exit_code == 0
    assert (tmp_path / "thesis.docx").read_text(encoding="utf-8") == "precious"


def test_sample_figures_are_deterministic_and_the_cluster_scores_lower(rubric: Rubric) -> None:
    first, again = sample_values(rubric, "BVNHI"), sample_values(rubric, "BVNHI")
    assert first == again
    assert first != sample_values(rubric, "BVPS")

    def total(side: Side) -> Decimal:
        inputs = {
            code: {name: Decimal(v) if isinstance(v, int) else v for name, v in values.items()}
            for code, values in first[side].items()
        }
        result = compute_scores(rubric, inputs).total  # type: ignore[arg-type]
        assert result is not None
        return result

    assert total(Side.CLUSTER) < total(Side.SELF)


def test_demo_shows_the_mistakes_then_the_corrected_returns(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--out-dir", str(tmp_path / "d")])
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for phrase in (
        "bảng điểm có lỗi thường gặp",
        "[points-above-max]",
        "[not-a-number]",
        "[not-whole]",
        "[missing-input]",
        "chấm lại: không còn lỗi",
        "ranking.xlsx bằng Excel",
        "Thử tiếp:",
    ):
        assert phrase in text, phrase
    run = run_demo(tmp_path / "d")
    assert len(run.mistakes) == 2
    # corrected before the lock: no unit of the ranking is incomplete
    statuses = {e.status for c in run.ranking.clusters for e in c.entries}
    assert Status.INCOMPLETE not in statuses


def test_demo_never_deletes_or_overwrites_what_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "d"
    assert runner.invoke(app, ["demo", "--out-dir", str(out)]).exit_code == 0
    mine = out / "returned" / "MINE.xlsx"
    mine.write_bytes(b"the user's own return")
    assert runner.invoke(app, ["demo", "--out-dir", str(out)]).exit_code == 0  # again: fine
    assert runner.invoke(app, ["demo", "--out-dir", str(out), "--force"]).exit_code == 0
    assert mine.read_bytes() == b"the user's own return"
    (out / "units.yaml").write_text("clusters: []  # the user's own\n", encoding="utf-8")
    for args in (["demo", "--out-dir", str(out)], ["demo", "--out-dir", str(out), "--force"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2 and "units.yaml" in result.stderr, result.output
    assert "the user's own" in (out / "units.yaml").read_text(encoding="utf-8")
    other = tmp_path / "other"
    (other / "returned").mkdir(parents=True)
    (other / "returned" / "BVNHI.xlsx").write_bytes(b"theirs")
    result = runner.invoke(app, ["demo", "--out-dir", str(other), "--force"])
    assert result.exit_code == 2 and "BVNHI.xlsx" in result.stderr
    assert (other / "returned" / "BVNHI.xlsx").read_bytes() == b"theirs"


def test_a_folder_the_demo_cannot_write_is_said_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_bytes(b"")
    blocked = tmp_path / "d"
    blocked.mkdir()
    (blocked / "returned").write_bytes(b"")  # where the demo's returns folder would be
    for out in (tmp_path / "a-file" / "demo", blocked):
        result = runner.invoke(app, ["demo", "--out-dir", str(out), "--force"])
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Không ghi được" in result.stderr and str(out) in result.stderr, result.stderr
