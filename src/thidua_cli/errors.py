"""The one family of exceptions for "cannot continue"; the CLI catches ``ThiduaError`` once."""

from __future__ import annotations


class ThiduaError(Exception):
    """A failure the user can act on; ``str(error)`` is the localized message."""

    exit_code = 1


class UsageError(ThiduaError):
    """Bad arguments or a missing file: exit code 2."""

    exit_code = 2


class RubricError(ThiduaError):
    """A criteria directory that cannot be loaded."""


class UnitsError(ThiduaError):
    """A units file that cannot be loaded."""


class WorkbookError(ThiduaError):
    """A workbook that cannot be read or written."""
