"""Findings: every problem, reason and note as data (code, severity, location, parameters).

The core never writes a sentence. It returns ``Finding`` objects: a registered slug code, a
severity, where it is (file, sheet, cell, criterion, or a line of a YAML, units or lock file)
and the parameters of its message. ``messages`` renders them in the user's language at the
edge. A failure that stops the work is a ``ThiduaError`` carrying findings.

``CODES`` is the registry: every code with its severity, its group and its message variants.
``thidua criteria codes`` lists it; a test checks that every code has a message in both languages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from msgspec import Struct, field


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Msg(Struct, frozen=True):
    """A translatable text inside a finding's parameters (rendered in the same language)."""

    key: str
    params: Mapping[str, Param] = field(default_factory=dict)


class Exact(Struct, frozen=True):
    """A number quoted as it was typed: every digit (a ``Decimal`` parameter is shown to the
    hundredth), in the language's own way (``12,345`` in Vietnamese), then its unit."""

    value: Decimal
    unit: str = ""


# A tuple of parameters is shown as a list: "a, b, c".
Param = str | int | Decimal | Exact | Msg | tuple["Param", ...] | None


class Code(Struct, frozen=True):
    """One registered code: its group (which command finds it), severity and variants."""

    slug: str
    group: str
    severity: Severity
    variants: tuple[str, ...] = ()


class Finding(Struct, frozen=True):
    """One problem, reason or note: a registered code, its severity, where it is and its
    message's parameters (rendered at the edge, in the user's language)."""

    code: str
    severity: Severity
    params: Mapping[str, Param] = field(default_factory=dict)
    variant: str | None = None  # picks the message "<code>.<variant>"
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    criterion: str | None = None
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def key(self) -> str:
        """The message key: the code, or ``code.variant``."""
        return self.code if self.variant is None else f"{self.code}.{self.variant}"

    def location(self) -> str:
        """``'Phần 1'!F12`` style, or what is known of it."""
        if self.sheet and self.cell:
            return f"'{self.sheet}'!{self.cell}"
        return self.cell or self.sheet or ""


def finding(
    code: str,
    /,
    *,
    variant: str | None = None,
    severity: Severity | None = None,
    file: str | None = None,
    sheet: str | None = None,
    cell: str | None = None,
    criterion: str | None = None,
    line: int | None = None,
    **params: Any,
) -> Finding:
    """A finding of a registered ``code`` (its registered severity unless given)."""
    spec = CODES[code]
    if variant is not None and variant not in spec.variants:
        raise KeyError(f"{code}.{variant}")
    return Finding(
        code=code,
        severity=severity or spec.severity,
        params=params,
        variant=variant,
        file=file,
        sheet=sheet,
        cell=cell,
        criterion=criterion,
        line=line,
    )


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.is_error for f in findings)


# --- "cannot continue" ----------------------------------------------------------------------


class ThiduaError(Exception):
    """A failure the user can act on; the CLI renders ``findings`` once and exits."""

    exit_code = 1

    def __init__(self, *findings: Finding) -> None:
        super().__init__(", ".join(f.key for f in findings))
        self.findings: tuple[Finding, ...] = findings


class UsageError(ThiduaError):
    """Bad arguments or a missing file: exit code 2."""

    exit_code = 2


class RubricError(ThiduaError):
    """A criteria directory that cannot be loaded."""


class UnitsError(ThiduaError):
    """A units file that cannot be loaded."""


class WorkbookError(ThiduaError):
    """A workbook that cannot be read or written."""


# --- the registry ---------------------------------------------------------------------------

CODES: dict[str, Code] = {}


def _register(group: str, severity: Severity, *slugs: str | tuple[str, tuple[str, ...]]) -> None:
    for entry in slugs:
        slug, variants = (entry, ()) if isinstance(entry, str) else entry
        if slug in CODES:
            raise RuntimeError(f"duplicate finding code {slug!r}")
        CODES[slug] = Code(slug, group, severity, variants)


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# thidua score: one returned workbook
_register(
    "score",
    ERROR,
    (
        "not-xlsx",
        (
            "xls",
            "ods",
            "csv",
            "corrupt",
            "encrypted",
            "macro",
            "too-big",
            "unreadable",
            "folder",
            "crashed",
            "empty",
            "renamed",
        ),
    ),
    "not-a-form",
    "wrong-rubric",
    "wrong-year",
    "wrong-period",
    ("missing-name", ("total",)),
    "missing-input",
    ("not-a-number", ("text", "ambiguous", "bool", "date")),
    "negative",
    "not-whole",
    "too-many-decimals",
    "points-above-max",
    "unknown-label",
    "duplicate-unit",
)
_register("score", WARNING, "ignored-value")
# thidua criteria check
_register(
    "check",
    WARNING,
    "total-mismatch",
    "children-exceed-max",
    "children-below-max",
    "unreachable-max",
    "exceeds-max",
    "negative-points",
)
_register("check", ERROR, "base-section-max", "base-section-missing", "base-section3-changed")
# thidua rank: why a unit is not ranked (the status comes with the reason)
_register(
    "rank-reason",
    INFO,
    "not-registered",
    "no-agreement",
    "violation",
    "changed-after-lock",
    "not-locked",
    "pending-investigation",
    "no-workbook",
    "duplicate-workbook",
    "workbook-errors",
    ("scoring-incomplete", ("self",)),
)
# thidua rank: what the clerk must know beside the tables
_register("rank", ERROR, "rank-unidentified", "rank-duplicate-unit")
_register(
    "rank",
    WARNING,
    "rank-unknown-unit",
    "rank-other-cluster",
    "rank-missing-workbook",
    "rank-tie",
    "rank-cap-unchecked",
    "rank-cap-denominator",
    "rank-government-tie",
    "rank-cap-exceeded",
)
_register("rank", INFO, "rank-preview", "rank-cap-checked")
# loading the rubric
_register(
    "rubric",
    ERROR,
    "rubric-no-meta",
    "rubric-no-section",
    "rubric-not-mapping",
    ("rubric-invalid", ("criterion",)),
    "rubric-duplicate-code",
    "rubric-too-deep",
)
# loading the units file
_register(
    "units",
    ERROR,
    "units-not-mapping",
    "units-invalid",
    ("units-xlsx-unreadable", ("no-sheet",)),
    "units-xlsx-missing-columns",
    "units-xlsx-cell",
    "units-xlsx-row",
    "units-xlsx-no-units",
)
# lock files
_register(
    "lock",
    ERROR,
    "lock-has-errors",
    "lock-duplicate-unit",
    "lock-nothing",
    "lock-invalid",
    "lock-tampered",
    "lock-conflict",
    "lock-too-big-to-write",
)
# YAML files (rubric and units)
_register(
    "yaml",
    ERROR,
    "yaml-unreadable",
    "yaml-too-big",
    "yaml-not-utf8",
    "yaml-syntax",
    "yaml-too-deep",
)
# init-sheet
_register(
    "init-sheet",
    ERROR,
    "sheet-unknown-unit",
    "sheet-unknown-cluster",
    "sheet-no-units",
    "sheet-mixed-modes",
    "sheet-single-missing",
    "sheet-bad-unit-id",
    "sheet-bad-unit-name",
    "sheet-filename-clash",
    "sheet-exists",
    "sheet-filled",
    "sheet-out-not-dir",
    "export-exists",
)
# files and arguments, any command
_register(
    "general",
    ERROR,
    "path-missing",
    "write-failed",
    "no-workbooks",
    "spool-failed",
    "bad-language",
    "demo-not-empty",
    "demo-no-units",
)

# Issue 12: the year-end meeting as the guidance runs it (the vote, ties, the half-year review,
# clusters' own criteria, the Government flag, deadlines)
_register("check", ERROR, "base-section-over", "base-section-extra")
_register("check", WARNING, "base-no-agreement")
_register("units", ERROR, "units-criteria-missing", "cluster-rubric-refused")
_register("rank-reason", INFO, "other-rubric")
_register(
    "rank",
    ERROR,
    "elected-unknown-cluster",
    ("elected-not-member", ("elsewhere",)),
    "elected-not-eligible",
    "elected-twice",
)
_register("general", ERROR, "elected-syntax", "elected-half-year")
_register("rank", WARNING, "rank-government-undecided", "rank-after-deadline")
_register("rank", WARNING, "lock-other-meeting")  # lock files of another year or period only
# papers: a vote given again, differently; rank: a vote recorded again, differently
_register("rank", WARNING, ("elected-differs-book", ("rank",)))
_register("rank", INFO, "rank-half-year", "rank-elected-other")
# Issue 15/16: paths and outputs checked before any work, the year stated once, formats
_register(
    "general",
    ERROR,
    "format-conflict",
    ("out-wrong-suffix", ("none",)),
    ("out-is-folder", ("book",)),
    ("out-not-regular", ("symlink",)),
    "out-is-input",
    "out-not-report",
    "path-unusable",
    "bad-year",
    ("mixed-forms", ("year", "period")),
    ("units-format", ("ods", "xls", "csv", "utf16", "other")),
    "demo-not-ours",
)

# issue 14: thidua papers (the year's Word papers)
_register(
    "papers",
    ERROR,
    "papers-other-rubric",
    "papers-unknown-unit",
    "papers-vote-not-eligible",
    "papers-vote-disagrees",
    "papers-role-twice",
    "papers-head-and-deputy",
    "papers-votes-twice",
    "papers-bad-choice",
    "papers-exists",
    "papers-no-lock",
)
_register("papers", WARNING, "papers-votes-tied", "papers-date-other-year")
# Issue 11 (the lock blames the right side): blank cluster cells refuse the lock; a cluster's
# correction after the lock waits for a new lock. Issue 13: a re-verification with a reason.
_register("lock", ERROR, "lock-cluster-incomplete", ("lock-cluster-blank", ("file", "more")))
_register("rank-reason", INFO, "cluster-changed-after-lock", "changed-after-verification")
# Issue 13: the record book
_register(
    "book",
    ERROR,
    "book-not-sqlite",
    "book-foreign",
    "book-newer",
    "book-unreadable",
    "book-busy",
    "book-readonly",
    "book-write-failed",
    "book-entry-unreadable",
    "book-relock-needs-reason",
    "book-relock-unit",
    "book-missing",
    ("book-broken", ("missing", "prev", "digest")),
    ("lock-not-in-book", ("absent",)),
)
_register("general", ERROR, "lock-file-exists")
_register("general", INFO, "lock-recorded-not-exported")  # after an export that failed
# Issue 11 (what is signed is what is scored) and issue 16 (hardening): the form as sent,
# its printout, its identity; blank cells as the cluster's to-do list; files left aside.
_register(
    "score",
    ERROR,
    "wrong-template",
    "identity-mismatch",
    (
        "structure-changed",
        ("moved", "duplicate", "unknown", "hidden-sheet", "extra-sheet", "extra-sheet-name"),
    ),
    ("formula-changed", ("deleted",)),
    ("printout-differs", ("label", "text")),
    "input-formula",
    "percent-format",
)
_register("score", INFO, ("blank-input", ("cluster",)))
_register("score", WARNING, "skipped-files")
