"""The units file's model (SPEC §4): clusters, their head and deputy, each unit's standing."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from thidua_cli.rubric.sides import MAX_YEAR, MIN_YEAR

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN, max_length=64)
    name: str = Field(min_length=1, max_length=300)
    registered: bool = True  # đăng ký thi đua
    agreement_signed: bool = True  # ký kết giao ước thi đua
    violation: str | None = None  # tiêu cực, tham nhũng, sai phạm nghiêm trọng
    pending_investigation: bool = False  # đang chờ cơ quan có thẩm quyền kết luận


class Cluster(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN, max_length=64)
    name: str = Field(min_length=1, max_length=300)
    # the cluster's own adapted rubric (guidance IV.2): a folder, relative to the units file
    # as written there; ``load_units`` makes it relative to the current folder
    criteria: str | None = Field(default=None, min_length=1, max_length=1000)
    head: str | None = None  # Cụm trưởng (unit id)
    deputy: str | None = None  # Cụm phó (unit id)
    units: tuple[Unit, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _roles(self) -> Cluster:
        ids = {u.id for u in self.units}
        for role in (self.head, self.deputy):
            if role is not None and role not in ids:
                raise PydanticCustomError(
                    "units.role_unknown", "units.role_unknown", {"unit": role, "cluster": self.id}
                )
        return self

    def role(self, unit_id: str) -> str:
        if unit_id == self.head:
            return "head"
        if unit_id == self.deputy:
            return "deputy"
        return "member"


_Where = tuple[int | str, ...]  # a place in the file's data: ("clusters", 0, "id")


def _first_repeat(ids: Iterable[tuple[str, _Where]]) -> tuple[str, _Where, _Where] | None:
    """The first id met twice, with where it repeats and where it first stood."""
    seen: dict[str, _Where] = {}
    for name, at in ids:
        if name in seen:
            return name, at, seen[name]
        seen[name] = at
    return None


class UnitsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # the competition year and period, stated once: init-sheet's default, the forms carry it
    year: int | None = Field(default=None, ge=MIN_YEAR, le=MAX_YEAR)
    period: Literal["year", "half"] | None = None
    clusters: tuple[Cluster, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> UnitsFile:
        """Unit ids and cluster ids are unique; the error says where the repeat stands and
        where the first one does (``at``, ``first``: paths a reader turns into lines)."""
        units = (
            (unit.id, ("clusters", c, "units", u, "id"))
            for c, cluster in enumerate(self.clusters)
            for u, unit in enumerate(cluster.units)
        )
        repeated = _first_repeat(units)
        if repeated is not None:
            unit_id, at, first = repeated
            raise PydanticCustomError(
                "units.duplicate", "units.duplicate", {"unit": unit_id, "at": at, "first": first}
            )
        repeated = _first_repeat((c.id, ("clusters", i, "id")) for i, c in enumerate(self.clusters))
        if repeated is not None:
            cluster_id, at, first = repeated
            raise PydanticCustomError(
                "units.duplicate_cluster",
                "units.duplicate_cluster",
                {"cluster": cluster_id, "at": at, "first": first},
            )
        return self

    def units(self) -> list[tuple[Cluster, Unit]]:
        return [(c, u) for c in self.clusters for u in c.units]

    def find(self, unit_id: str) -> tuple[Cluster, Unit] | None:
        return self._by_id.get(unit_id)

    @cached_property
    def _by_id(self) -> dict[str, tuple[Cluster, Unit]]:
        """Unit id -> its cluster and itself (rank looks a unit up per returned workbook)."""
        return {u.id: (c, u) for c, u in self.units()}
