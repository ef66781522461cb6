"""Files the tool writes: atomically, into a temporary file in the same folder, then renamed.

A reader (or a crash) never sees half a file, and an existing file is only replaced once the
new one is complete. ``write_atomically`` raises ``OSError``; ``write_output`` turns a
failure into a located ``ThiduaError`` for the tool's own outputs. ``check_paths`` is the
one gate every command passes before any work: usable paths, outputs of the right kind, and
never an output over an input.
"""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import stat
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import IO

from msgspec import Struct

from thidua_cli.findings import Finding, Msg, ThiduaError, UsageError, finding

TEMP_SUFFIX = ".tmp"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")


def write_atomically(path: Path, writer: Callable[[IO[bytes]], None]) -> None:
    """Call ``writer`` with a binary file that becomes ``path`` once ``writer`` returns.

    The temporary file's name is chosen before it exists, so an interruption at any point
    (Ctrl-C included) leaves no ``.<name>.*.tmp`` behind. Its mode is what a plain ``open()``
    gives (the umask applies).
    """
    created: Path | None = None  # set before the file exists: a cleanup always knows it
    try:
        for _ in range(100):
            created = _temporary_name(path)
            try:
                fd = os.open(created, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
            except FileExistsError:
                created = None  # someone else's file: never ours to delete
                continue
            break
        else:  # pragma: no cover - 100 collisions of 48 random bits
            raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))
        with os.fdopen(fd, "wb") as handle:
            writer(handle)
        os.replace(created, path)
    except BaseException:
        if created is not None:
            created.unlink(missing_ok=True)
        raise


def write_bytes_atomically(path: Path, data: bytes) -> None:
    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_atomically(path, write)


# The system's own words for these are English ("No space left on device"): say them in the
# user's language (messages/common.py, ``os.<name>``); any other keeps the system's text.
_OS_REASONS = {
    errno.ENOSPC: "os.no-space",
    errno.EFBIG: "os.no-space",
    errno.EDQUOT: "os.no-space",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.EROFS: "os.read-only",
    errno.ENAMETOOLONG: "os.name-too-long",
    errno.ENOENT: "os.missing",
    errno.ENOTDIR: "os.not-a-folder",
    errno.EISDIR: "os.a-folder",
    errno.EBUSY: "os.busy",
    errno.EIO: "os.io",
}


# Names Windows refuses as files, whatever the extension.
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
MAX_STEM = 64


def safe_stem(name: str) -> str:
    """A file name's stem made of a unit's code: ``BVDK-TINH`` stays, others are mended.

    Only ASCII letters, digits, ``.``, ``_`` and ``-`` survive; no leading dot, no trailing
    dot, no name Windows reserves, so the file lands in the output folder on every system.
    """
    stem = _UNSAFE.sub("_", name)[:MAX_STEM].strip(".") or "_"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return stem


def os_reason(error: OSError) -> Msg | str:
    """Why a file operation failed, as a message parameter in the user's language."""
    key = _OS_REASONS.get(error.errno) if error.errno is not None else None
    if key is not None:
        return Msg(key)
    return error.strerror or type(error).__name__


def write_output(path: Path, writer: Callable[[IO[bytes]], None]) -> None:
    """Write one of the tool's outputs atomically; a failure is a located ``ThiduaError``.

    Only a regular file is ever replaced: a folder, a device (``/dev/null``), a symbolic link
    or a pipe at ``path`` is refused.
    """
    refuse_unwritable(path)
    try:
        write_atomically(path, writer)
    except OSError as exc:
        raise ThiduaError(write_failed(path, exc)) from exc


def write_output_bytes(path: Path, data: bytes | memoryview) -> None:
    """``write_output`` of bytes made beforehand."""

    def write(handle: IO[bytes]) -> None:
        handle.write(data)

    write_output(path, write)


def write_failed(path: Path, error: OSError) -> Finding:
    """``path`` could not be written, and why (in the user's language)."""
    return finding("write-failed", path=str(path), reason=os_reason(error))


def prepare_folder(folder: Path, targets: Sequence[Path], force: bool, exists: str) -> None:
    """Make ``folder`` ready for ``targets`` before anything is written: a folder (created
    when missing) where none of them exists yet, unless ``force``; else the usage error
    ``exists`` naming every such file (a clerk may have filled one in by hand)."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(finding("sheet-out-not-dir", path=str(folder)))
    existing = [str(path) for path in targets if path.exists()]
    if existing and not force:
        raise UsageError(finding(exists, count=len(existing), files=", ".join(existing)))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ThiduaError(write_failed(folder, exc)) from exc


def refuse_unwritable(path: Path) -> None:
    """Refuse an output path that is not (or would not become) a plain file in a folder."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UsageError(_unusable(path, exc)) from exc
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise UsageError(finding("out-not-regular", variant="symlink", path=str(path)))
        if stat.S_ISDIR(info.st_mode):
            raise UsageError(finding("out-is-folder", path=str(path)))
        if not stat.S_ISREG(info.st_mode):
            raise UsageError(finding("out-not-regular", path=str(path)))
    parent = path.parent
    if not parent.is_dir():
        raise UsageError(finding("path-missing", path=str(parent)))


def _unusable(path: Path, exc: OSError) -> Finding:
    reason = os_reason(exc)
    return finding("path-unusable", path=_short(str(path)), reason=reason)


def _short(text: str, limit: int = 120) -> str:
    """A path as a message can quote it: an over-long one cut in the middle."""
    return text if len(text) <= limit else f"{text[: limit // 2]}…{text[-limit // 2 :]}"


# --- outputs never replace inputs ---------------------------------------------------------------


class Output(Struct, frozen=True):
    """A file a command will write: where (``None``: not asked for), the extensions it may
    have, the option naming it."""

    path: Path | None
    suffixes: tuple[str, ...]
    option: str = "--out"
    # An existing file is replaced only when this says so (a report thidua wrote); None:
    # the command refuses or replaces by its own rule (``lock`` asks for ``--force``).
    replaceable: Callable[[Path], bool] | None = None


def check_paths(given: Sequence[Path | None], outputs: Sequence[Output] = ()) -> None:
    """Before any work: every path usable, every output a new or plain file of the right kind,
    and no output over an input.

    ``given`` are every path the command reads (workbooks, folders of them, the units file,
    locks, a record book, the criteria folder; ``None`` for an option not given). An output
    that resolves (after symbolic links) to one of them, or lies inside an input folder, is
    refused: a report saved among the returned workbooks would be read as a broken form on
    the next run. An existing output that its ``replaceable`` refuses is refused too.
    """
    inputs = [path for path in given if path is not None]
    for path in inputs:
        _usable(path)
    found: list[Finding] = []
    for output in outputs:
        out = output.path
        if out is None:
            continue
        _usable(out)
        if out.suffix.lower() not in output.suffixes:
            found.append(_wrong_suffix(out, output))
            continue
        refuse_unwritable(out)
        clash = _clashing_input(out, inputs)
        if clash is not None:
            found.append(
                finding("out-is-input", path=str(out), input=str(clash), option=output.option)
            )
        elif output.replaceable is not None and out.exists() and not output.replaceable(out):
            found.append(finding("out-not-report", path=str(out), option=output.option))
    if found:
        raise UsageError(*found)


def refuse_inputs(targets: Sequence[Path], inputs: Sequence[Path]) -> None:
    """Files or folders about to be written (forms, copies, papers) must not be, or lie
    inside, any of ``inputs``."""
    for target in targets:
        clash = _clashing_input(target, inputs)
        if clash is not None:
            raise UsageError(finding("out-is-input", path=str(target), input=str(clash), option=""))


def _usable(path: Path) -> None:
    """A path the system can look at (not too long, no NUL): missing is fine here."""
    try:
        path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return
    except (OSError, ValueError) as exc:
        error = exc if isinstance(exc, OSError) else OSError(errno.EINVAL, str(exc))
        raise UsageError(_unusable(path, error)) from exc


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare it as written
        return path.absolute()


def _clashing_input(output: Path, inputs: Sequence[Path]) -> Path | None:
    target = _resolved(output)
    for given in inputs:
        source = _resolved(given)
        if target == source or (given.is_dir() and source in target.parents):
            return given
        try:
            if output.exists() and given.exists() and os.path.samefile(output, given):
                return given  # a hard link, or a case-insensitive file system
        except OSError:
            continue
    return None


def _wrong_suffix(path: Path, output: Output) -> Finding:
    wanted = output.suffixes[0]
    if path.is_dir():
        return finding("out-is-folder", path=str(path), suffix=wanted, option=output.option)
    if path.exists() and not path.is_file():  # /dev/null, a pipe: no name to suggest
        return finding("out-not-regular", path=str(path))
    variant = "none" if not path.suffix else None
    return finding(
        "out-wrong-suffix",
        variant=variant,
        path=str(path),
        suffix=wanted,
        option=output.option,
        example=str(path.with_suffix(wanted)) if path.suffix else f"{path}{wanted}",
    )


def shipped_dir(name: str) -> Path:
    """A data folder the wheel ships inside the package (``criteria``, ``examples``).

    The repository keeps one copy, at its top level; the build configuration puts it into the
    wheel as ``thidua_cli/<name>``. An editable install (a checkout) reads the top-level folder.
    """
    installed = Path(str(resources.files("thidua_cli"))) / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / name


def zipped(save: Callable[[IO[bytes]], None]) -> memoryview:
    """What ``save`` writes (a zip: a workbook, a Word document), made in memory first.

    A full disk then fails in our own ``write`` of the finished bytes, never inside
    ``zipfile``, whose clean-up of a half-written archive ends in a traceback on stderr.
    """
    buffer = io.BytesIO()
    save(buffer)
    return buffer.getbuffer()
