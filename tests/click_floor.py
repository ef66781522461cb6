"""CliRunner at the dependency floor (typer 0.12.4, click 8.1) made to behave as in click 8.2."""

from __future__ import annotations

import inspect
from typing import Any

from typer.testing import CliRunner


def keep_streams_apart() -> None:
    """Click 8.1's CliRunner mixes stderr into stdout unless told not to; from click 8.2 on they
    are always apart and ``output`` is both. The tests read them apart. Called by conftest and
    by any fresh Python that runs test code (conftest is not loaded there)."""
    if "mix_stderr" not in inspect.signature(CliRunner.__init__).parameters:
        return
    if getattr(CliRunner, "_streams_apart", False):  # pragma: no cover
        return
    runner_init = CliRunner.__init__

    def apart(self: CliRunner, *args: Any, **kwargs: Any) -> None:  # pragma: no cover
        kwargs.setdefault("mix_stderr", False)
        runner_init(self, *args, **kwargs)

    CliRunner.__init__ = apart  # type: ignore[method-assign]
    CliRunner._streams_apart = True  # type: ignore[attr-defined]
    result = inspect.getmodule(CliRunner.invoke).Result  # type: ignore[union-attr]
    result.output = property(lambda self: self.stdout + (self.stderr if self.stderr_bytes else ""))
