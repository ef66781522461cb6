"""A form's identity: which rubric, unit, cluster, year and period it belongs to.

Stored twice in every form (custom document properties and the hidden ``_thidua`` sheet)
so a reader can cross-check them; a clerk editing the visible sheets cannot change it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from thidua_cli.form.layout import TEMPLATE_VERSION
from thidua_cli.rubric.sides import Period

PROPERTY_PREFIX = "thidua."
# Marks a workbook thidua wrote as a report (``scores``, ``ranking``), never a form: found
# among returned forms, it is set aside with a word instead of being read as a broken form.
REPORT_PROPERTY = PROPERTY_PREFIX + "report"


class Identity(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rubric_id: str
    rubric_digest: str
    unit_id: str = Field(min_length=1, max_length=64)
    unit_name: str = Field(min_length=1, max_length=300)
    cluster: str = Field(default="", max_length=64)  # cluster id
    cluster_name: str = Field(default="", max_length=300)
    year: int
    period: Period = "year"
    template_version: str = TEMPLATE_VERSION

    def properties(self) -> dict[str, str]:
        """``thidua.<field>`` -> text, as written to custom properties and the hidden sheet."""
        return {PROPERTY_PREFIX + k: str(v) for k, v in self.model_dump().items()}

    @classmethod
    def from_properties(cls, props: dict[str, str]) -> Identity:
        """Inverse of ``properties``; raises pydantic's ``ValidationError`` when incomplete."""
        prefix = PROPERTY_PREFIX
        data = {k.removeprefix(prefix): v for k, v in props.items() if k.startswith(prefix)}
        return cls.model_validate(data)
