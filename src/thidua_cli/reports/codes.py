"""The registry of finding codes with their meaning in both languages (``criteria codes``)."""

from __future__ import annotations

from typing import Any

from thidua_cli.findings import CODES
from thidua_cli.messages import CATALOG


def code_catalog() -> list[dict[str, Any]]:
    """Every code (and variant) with its group, severity and message templates."""
    entries = []
    for spec in CODES.values():
        for variant in (None, *spec.variants):
            key = spec.slug if variant is None else f"{spec.slug}.{variant}"
            if key not in CATALOG:
                continue  # a code whose message always names a variant
            vi, en = CATALOG[key]
            entries.append(
                {
                    "code": key,
                    "group": spec.group,
                    "severity": spec.severity.value,
                    "vi": vi,
                    "en": en,
                }
            )
    return entries
