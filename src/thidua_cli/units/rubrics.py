"""Which rubric scores which unit: the base rubric, or its cluster's own (guidance IV.2).

A cluster may concretise or extend sections 1 and 2 of the base rubric, each within its
total, with section 3 unchanged, once all its members agreed. The units file names such a
rubric (``criteria:``); it is checked against the base when loaded, and refused with every
reason at once when it does not fit.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from thidua_cli.findings import RubricError, Severity, finding
from thidua_cli.rubric.checks import check_rubric
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.units.model import UnitsFile


class ClusterRubrics(Struct, frozen=True):
    """The base rubric and the clusters' own: cluster id -> rubric, for those that have one."""

    base: Rubric
    own: dict[str, Rubric] = field(default_factory=dict)

    def of(self, cluster: str) -> Rubric:
        return self.own.get(cluster, self.base)

    def __iter__(self) -> Iterator[Rubric]:
        """Every distinct rubric, the base first."""
        seen = {self.base.digest()}
        yield self.base
        for rubric in self.own.values():
            digest = rubric.digest()
            if digest not in seen:
                seen.add(digest)
                yield rubric

    def matching(self, rubric_id: str, digest: str) -> Rubric | None:
        """The rubric a form was written with (its identity holds id and digest)."""
        return next((r for r in self if r.id == rubric_id and r.digest() == digest), None)


def cluster_rubrics(units: UnitsFile | None, base: Rubric) -> ClusterRubrics:
    """Load and check every cluster's own rubric (each folder once)."""
    if units is None:
        return ClusterRubrics(base)
    loaded: dict[str, Rubric] = {}
    own: dict[str, Rubric] = {}
    for cluster in units.clusters:
        if cluster.criteria is None:
            continue
        if cluster.criteria not in loaded:
            loaded[cluster.criteria] = _checked(Path(cluster.criteria), cluster.id, base)
        own[cluster.id] = loaded[cluster.criteria]
    return ClusterRubrics(base, own)


def _checked(folder: Path, cluster: str, base: Rubric) -> Rubric:
    rubric = load_rubric(folder)
    report = check_rubric(rubric, base)
    refusals = [p for p in report.problems if p.is_error]
    # an adapted rubric without its members' agreement is not a cluster's rubric yet
    refusals += [
        replace(p, severity=Severity.ERROR)
        for p in report.problems
        if p.code == "base-no-agreement"
    ]
    if refusals:
        head = finding("cluster-rubric-refused", cluster=cluster, folder=str(folder))
        raise RubricError(head, *refusals)
    return rubric
