"""Write a file atomically: into a temporary file in the same folder, then ``os.replace``.

A reader (or a crash) never sees half a file, and an existing file is only replaced once the
new one is complete. Errors are ``OSError``; callers turn them into their own messages.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


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
