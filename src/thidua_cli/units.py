"""The units file (SPEC §4): clusters, their head and deputy, and each member unit's standing.

YAML here; the same columns as an ``.xlsx`` are read by ``load_units`` too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from thidua_cli.errors import UnitsError, UsageError
from thidua_cli.messages import t
from thidua_cli.safe_yaml import YamlError, line_of, load_yaml

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
    head: str | None = None  # Cụm trưởng (unit id)
    deputy: str | None = None  # Cụm phó (unit id)
    units: tuple[Unit, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _roles(self) -> Cluster:
        ids = {u.id for u in self.units}
        for role in (self.head, self.deputy):
            if role is not None and role not in ids:
                raise ValueError(t("units.role_unknown", unit=role, cluster=self.id))
        return self

    def role(self, unit_id: str) -> str:
        if unit_id == self.head:
            return "head"
        if unit_id == self.deputy:
            return "deputy"
        return "member"


class UnitsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    clusters: tuple[Cluster, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> UnitsFile:
        seen: set[str] = set()
        for cluster in self.clusters:
            for unit in cluster.units:
                if unit.id in seen:
                    raise ValueError(t("units.duplicate", unit=unit.id))
                seen.add(unit.id)
        if len({c.id for c in self.clusters}) != len(self.clusters):
            raise ValueError(t("units.duplicate_cluster"))
        return self

    def units(self) -> list[tuple[Cluster, Unit]]:
        return [(c, u) for c in self.clusters for u in c.units]

    def find(self, unit_id: str) -> tuple[Cluster, Unit] | None:
        return next(((c, u) for c, u in self.units() if u.id == unit_id), None)


def load_units(path: Path) -> UnitsFile:
    """Read a units file (``.yaml``/``.yml`` or ``.xlsx``); errors name the file and line/row."""
    if not path.is_file():
        raise UsageError(t("path.missing", path=path))
    if path.suffix.lower() == ".xlsx":
        from thidua_cli.units_xlsx import read_units_xlsx

        return read_units_xlsx(path)
    try:
        data = load_yaml(path)
    except YamlError as exc:
        raise UnitsError(str(exc)) from exc
    return validate_units(data, path)


def validate_units(data: Any, path: Path) -> UnitsFile:
    if not isinstance(data, dict):
        raise UnitsError(t("units.not_mapping", file=path))
    try:
        return UnitsFile.model_validate(data)
    except ValidationError as exc:
        lines = []
        for error in exc.errors()[:20]:
            loc = tuple(error["loc"])
            where = ".".join(str(p) for p in loc) or "-"
            message = error["msg"].removeprefix("Value error, ")
            line = line_of(data, loc)
            lines.append(t("units.invalid", file=path, line=line, where=where, reason=message))
        raise UnitsError("\n".join(lines)) from exc
