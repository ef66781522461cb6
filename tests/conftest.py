from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests import libreoffice
from thidua_cli.form.layout import Layout
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.scoring.workbook import Expected

# At the dependency floor (typer 0.12.4, click 8.1) CliRunner mixes stderr into stdout unless
# told not to; from click 8.2 on they are always apart. The tests read them apart.
if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:  # pragma: no cover
    _runner_init = CliRunner.__init__

    def _apart(self: CliRunner, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("mix_stderr", False)
        _runner_init(self, *args, **kwargs)

    CliRunner.__init__ = _apart  # type: ignore[method-assign]
    # ... and ``output`` is both, as click 8.2 gives it
    _result = inspect.getmodule(CliRunner.invoke).Result  # type: ignore[union-attr]
    _result.output = property(lambda self: self.stdout + (self.stderr if self.stderr_bytes else ""))


@pytest.fixture(autouse=True)
def _vietnamese(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts in the default language, whatever the machine says."""
    monkeypatch.delenv("THIDUA_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture(autouse=True)
def _own_book(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test has its own record book (none is ever written into the repository)."""
    book = tmp_path_factory.mktemp("book") / "so-thi-dua.sqlite"
    monkeypatch.setenv("THIDUA_BOOK", str(book))
    return book


@pytest.fixture(scope="session")
def rubric() -> Rubric:
    return load_rubric()


@pytest.fixture(scope="session")
def expected(rubric: Rubric) -> Expected:
    """What ``score`` expects of the built-in rubric's forms (its layout as ``.layout``)."""
    return Expected.of(rubric)


@pytest.fixture(scope="session")
def layout(expected: Expected) -> Layout:
    return expected.layout


@pytest.fixture
def recalc(tmp_path: Path) -> Callable[[list[Path]], list[Path]]:
    """Recalculate workbooks in LibreOffice; skips without it (fails in CI)."""
    if libreoffice.soffice() is None:
        if libreoffice.required():
            pytest.fail("LibreOffice (soffice) is required here but not installed")
        pytest.skip("LibreOffice (soffice) not installed")

    def run(paths: list[Path]) -> list[Path]:
        return libreoffice.recalculate(paths, tmp_path / "libreoffice")

    return run
