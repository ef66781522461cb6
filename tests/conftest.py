from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests import click_floor, libreoffice
from thidua_cli.form.layout import Layout
from thidua_cli.rubric.loader import load_rubric
from thidua_cli.rubric.model import Rubric
from thidua_cli.scoring.workbook import Expected

click_floor.keep_streams_apart()


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
