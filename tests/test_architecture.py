"""House rules that code review forgets: checked on the source itself, with ``ast``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import thidua_cli

PACKAGE = Path(thidua_cli.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))
# ``__main__`` only starts the command line; everything else outside cli/ is core.
CORE = [
    p
    for p in SOURCES
    if "cli" not in p.relative_to(PACKAGE).parts[:-1] and p.name != "__main__.py"
]
UI_LIBRARIES = {"typer", "rich", "click"}

# Core modules allowed to call float() (how many times, and why). Everything else stays
# in Decimal end to end.
# file name -> (how many float() calls, why); none needed: openpyxl writes Decimal itself.
FLOAT_ALLOWED: dict[str, tuple[int, str]] = {}


def tree_of(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), filename=str(path))


def name(path: Path) -> str:
    return str(path.relative_to(PACKAGE.parent))


def imported_modules(module: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def calls_to(module: ast.Module, function: str) -> list[int]:
    """Lines calling the builtin ``function`` (a bare name, or ``builtins.function``)."""
    lines = []
    for node in ast.walk(module):
        if not isinstance(node, ast.Call):
            continue
        target = node.func
        bare = isinstance(target, ast.Name) and target.id == function
        qualified = (
            isinstance(target, ast.Attribute)
            and target.attr == function
            and isinstance(target.value, ast.Name)
            and target.value.id in ("builtins", "__builtins__")
        )
        if bare or qualified:
            lines.append(node.lineno)
    return lines


def test_the_layout_is_what_the_tests_assume() -> None:
    assert PACKAGE / "formula.py" in CORE
    assert PACKAGE / "rubric.py" in CORE
    assert PACKAGE / "cli" / "criteria.py" not in CORE
    assert len(CORE) >= 10


@pytest.mark.parametrize("path", CORE, ids=name)
def test_core_imports_no_ui_library(path: Path) -> None:
    roots = {module.split(".")[0] for module in imported_modules(tree_of(path))}
    assert not roots & UI_LIBRARIES, f"{name(path)} imports {roots & UI_LIBRARIES}"
    assert "thidua_cli.cli" not in imported_modules(tree_of(path))


@pytest.mark.parametrize("path", CORE, ids=name)
def test_core_never_prints(path: Path) -> None:
    assert calls_to(tree_of(path), "print") == [], name(path)


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_no_eval_or_exec(path: Path) -> None:
    module = tree_of(path)
    for function in ("eval", "exec", "compile", "__import__"):
        assert calls_to(module, function) == [], f"{name(path)} calls {function}()"


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_yaml_is_loaded_only_through_the_safe_loader(path: Path) -> None:
    module = tree_of(path)
    unsafe = ("load", "load_all", "unsafe_load", "full_load", "full_load_all", "unsafe_load_all")
    for node in ast.walk(module):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "yaml"
            and node.func.attr in unsafe
        ):
            where = f"{name(path)}:{node.lineno}"
            assert path.name == "safe_yaml.py", f"{where} calls yaml.{node.func.attr}"
            loader = {k.arg: k.value for k in node.keywords}.get("Loader")
            assert isinstance(loader, ast.Name) and loader.id == "_Loader"


def test_safe_loader_is_a_safe_loader() -> None:
    import yaml

    from thidua_cli import safe_yaml

    assert issubclass(safe_yaml._Loader, yaml.SafeLoader)


@pytest.mark.parametrize("path", CORE, ids=name)
def test_no_float_on_the_score_path(path: Path) -> None:
    lines = calls_to(tree_of(path), "float")
    allowed, _why = FLOAT_ALLOWED.get(path.name, (0, ""))
    assert len(lines) <= allowed, f"{name(path)} calls float() on lines {lines}: use Decimal"


def test_messages_have_both_languages() -> None:
    from thidua_cli.messages import CATALOG

    for key, (vi, en) in CATALOG.items():
        assert vi.strip() and en.strip(), key
        assert _placeholders(vi) == _placeholders(en), key


def _placeholders(template: str) -> set[str]:
    import string

    return {field for _, field, _, _ in string.Formatter().parse(template) if field}
