"""Files the tool writes: atomically, into a temporary file in the same folder, then renamed.

A reader (or a crash) never sees half a file, and an existing file is only replaced once the
new one is complete. ``write_atomically`` raises ``OSError``; ``write_output`` turns a
failure into a located ``ThiduaError`` for the tool's own outputs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import IO

from thidua_cli.findings import ThiduaError, UsageError, finding


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def write_atomically(path: Path, writer: Callable[[IO[bytes]], None]) -> None:
    """Call ``writer`` with a binary file that becomes ``path`` once ``writer`` returns."""
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed on success
        mode="wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    temp = Path(handle.name)
    try:
        with handle:
            writer(handle)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temp, _FILE_MODE)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_bytes_atomically(path: Path, data: bytes) -> None:
    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_atomically(path, write)


def write_output(path: Path, writer: Callable[[IO[bytes]], None]) -> None:
    """Write one of the tool's outputs atomically; a failure is a located ``ThiduaError``."""
    if not path.parent.is_dir():
        raise UsageError(finding("path-missing", path=str(path.parent)))
    try:
        write_atomically(path, writer)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ThiduaError(finding("write-failed", path=str(path), reason=reason)) from exc


def shipped_dir(name: str) -> Path:
    """A data folder the wheel ships inside the package (``criteria``, ``examples``).

    The repository keeps one copy, at its top level; the build configuration puts it into the
    wheel as ``thidua_cli/<name>``. An editable install (a checkout) reads the top-level folder.
    """
    installed = Path(str(resources.files("thidua_cli"))) / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / name
