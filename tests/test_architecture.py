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
    p for p in SOURCES if "cli" not in p.relative_to(PACKAGE).parts[:-1] and p.name != "__main__.py"
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


# The layers, bottom to top: a module may import its own layer and the ones below, never
# one above. The shared leaves first; ``messages`` just above them (rendering, at the edge).
LAYERS: list[set[str]] = [
    {"findings", "numbers", "text", "files", "safe_yaml", "validation", ""},
    {"messages"},
    {"rubric"},
    {"units"},
    {"form"},
    {"scoring"},
    {"ranking"},
    {"reports"},
    {"workflows"},
    {"cli"},
    {"__main__"},
]
# Who may render sentences: the edge (reports, cli) and the form's own printed texts.
MAY_IMPORT_MESSAGES = {"reports", "cli", "messages"}
MESSAGES_ALLOWED_FILES = {"form/styles.py"}


def top_of(module: str) -> str:
    """``thidua_cli.scoring.batch`` -> ``scoring``; ``thidua_cli.numbers`` -> ``numbers``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer(top: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if top in names)


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def own_imports(path: Path) -> set[str]:
    """The project's modules ``path`` imports, anywhere in it (lazy imports included)."""
    found = set()
    for module in imported_modules(tree_of(path)):
        if module == "thidua_cli" or module.startswith("thidua_cli."):
            found.add(module)
    for node in ast.walk(tree_of(path)):  # "from thidua_cli.x import y" where y is a module
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("thidua_cli")
        ):
            for alias in node.names:  # type: ignore[attr-defined]
                candidate = f"{module}.{alias.name}"
                if candidate in MODULES:
                    found.add(candidate)
    return found


MODULES = {module_name(p) for p in SOURCES}


def test_the_layout_is_what_the_tests_assume() -> None:
    assert PACKAGE / "rubric" / "formula.py" in CORE
    assert PACKAGE / "scoring" / "workbook.py" in CORE
    assert PACKAGE / "cli" / "criteria.py" not in CORE
    tops = {top_of(module_name(p)) for p in SOURCES}
    assert tops == set().union(*LAYERS), tops ^ set().union(*LAYERS)


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_no_import_runs_back_up_a_layer(path: Path) -> None:
    mine = layer(top_of(module_name(path)))
    for module in own_imports(path):
        theirs = layer(top_of(module))
        assert theirs <= mine, f"{name(path)} imports {module} (a higher layer)"


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_only_the_edge_renders_sentences(path: Path) -> None:
    top = top_of(module_name(path))
    relative = path.relative_to(PACKAGE).as_posix()
    if top in MAY_IMPORT_MESSAGES or relative in MESSAGES_ALLOWED_FILES:
        return
    rendering = {m for m in own_imports(path) if top_of(m) == "messages"}
    assert not rendering, f"{name(path)} imports {rendering}: return findings, not sentences"


def test_no_import_cycle() -> None:
    graph = {module_name(p): own_imports(p) & MODULES for p in SOURCES}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if target == module or target.startswith(module + "."):
                continue  # a package importing its own modules (its __init__)
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target] if target in path else [target]
                raise AssertionError(" -> ".join(cycle))
            if state.get(target) is None:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if state.get(module) is None:
            visit(module, [module])


@pytest.mark.parametrize(
    "package", sorted(p for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE), ids=name
)
def test_every_package_says_what_it_holds_and_may_import(package: Path) -> None:
    docstring = ast.get_docstring(tree_of(package)) or ""
    assert docstring, f"{name(package)} has no docstring"
    assert "May import" in docstring, f"{name(package)} does not say what it may import"


@pytest.mark.parametrize("path", CORE, ids=name)
def test_core_imports_no_ui_library(path: Path) -> None:
    roots = {module.split(".")[0] for module in imported_modules(tree_of(path))}
    assert not roots & UI_LIBRARIES, f"{name(path)} imports {roots & UI_LIBRARIES}"


@pytest.mark.parametrize("path", CORE, ids=name)
def test_core_never_prints(path: Path) -> None:
    assert calls_to(tree_of(path), "print") == [], name(path)


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_no_eval_or_exec(path: Path) -> None:
    module = tree_of(path)
    for function in ("eval", "exec", "compile", "__import__"):
        assert calls_to(module, function) == [], f"{name(path)} calls {function}()"


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_records_are_structs_not_dataclasses(path: Path) -> None:
    """Records are ``msgspec.Struct``: on Python 3.11 each dataclass costs six ``exec`` calls
    when its module is imported (about 0.5 ms), and start-up creates some fifty records."""
    assert "dataclasses" not in imported_modules(tree_of(path)), name(path)


@pytest.mark.parametrize("path", SOURCES, ids=name)
def test_yaml_is_loaded_only_through_the_safe_loader(path: Path) -> None:
    module = tree_of(path)
    unsafe = (
        "load",
        "load_all",
        "unsafe_load",
        "full_load",
        "full_load_all",
        "unsafe_load_all",
        "compose",
        "compose_all",
    )
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
            # only composing (no object is built by PyYAML) with the safe C or Python loader
            assert node.func.attr == "compose", f"{where} calls yaml.{node.func.attr}"
            assert isinstance(loader, ast.Name) and loader.id == "_COMPOSER"


def test_safe_loader_is_a_safe_loader() -> None:
    import yaml

    from thidua_cli import safe_yaml

    assert safe_yaml._COMPOSER in (getattr(yaml, "CSafeLoader", None), yaml.SafeLoader)
    assert type(safe_yaml._SAFE) is yaml.constructor.SafeConstructor


@pytest.mark.parametrize("path", CORE, ids=name)
def test_no_float_on_the_score_path(path: Path) -> None:
    lines = calls_to(tree_of(path), "float")
    allowed, _why = FLOAT_ALLOWED.get(path.name, (0, ""))
    assert len(lines) <= allowed, f"{name(path)} calls float() on lines {lines}: use Decimal"


# Entries that pick a different parameter per language on purpose.
LANGUAGE_SPECIFIC = {"input.label"}  # the rubric's Vietnamese label, or the input's name


def test_messages_have_both_languages() -> None:
    from thidua_cli.messages import CATALOG

    for key, (vi, en) in CATALOG.items():
        assert vi.strip() and en.strip(), key
        if key in LANGUAGE_SPECIFIC:
            continue
        assert _placeholders(vi) == _placeholders(en), key


def _placeholders(template: str) -> set[str]:
    import string

    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_every_finding_code_has_a_message_in_both_languages() -> None:
    from thidua_cli.findings import CODES
    from thidua_cli.messages import CATALOG

    for spec in CODES.values():
        keys = [f"{spec.slug}.{variant}" for variant in spec.variants]
        if spec.slug in CATALOG or not keys:
            keys.append(spec.slug)
        for key in keys:
            assert key in CATALOG, key


def test_the_command_line_imports_only_what_a_command_needs() -> None:
    """Start-up: ``thidua --help`` (importing ``thidua_cli.cli``) loads no command module, no
    openpyxl, no python-docx; ``thidua score``, ``lock`` and ``rank`` load no writer
    (openpyxl), no papers and no multiprocessing (only a run of many files starts workers);
    ``thidua papers`` loads no openpyxl."""
    import subprocess
    import sys

    probe = (
        "import sys, thidua_cli.cli as c\n"
        "loaded = set(sys.modules)\n"
        "c.COMMANDS and None\n"
        "import thidua_cli.cli.score, thidua_cli.cli.lock, thidua_cli.cli.rank\n"
        "after = set(sys.modules)\n"
        "import thidua_cli.cli.papers\n"
        "papers = set(sys.modules)\n"
        "print(sorted(m for m in loaded if m.split('.')[0] in ('openpyxl', 'docx')"
        " or m.startswith('thidua_cli.cli.') and m not in"
        " ('thidua_cli.cli.console', 'thidua_cli.cli.frame', 'thidua_cli.cli.options')))\n"
        "print(sorted(m for m in after if m.split('.')[0] in"
        " ('openpyxl', 'docx', 'multiprocessing') or m == 'concurrent.futures.process'))\n"
        "print(sorted(m for m in papers if m.split('.')[0] == 'openpyxl'))\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert output == ["[]", "[]", "[]"], output


def test_score_and_lock_load_no_ranking_and_no_units_model() -> None:
    """``thidua lock`` records verified figures: the meeting's ranking (``ranking.rank``,
    eight record classes made at import) is not part of its start-up; nor, for score and lock,
    the units file's models and the rubric checker, read only with ``--units``."""
    import subprocess
    import sys

    probe = (
        "import sys, thidua_cli.cli.score, thidua_cli.cli.lock\n"
        "print(sorted(m for m in sys.modules if m in"
        " ('thidua_cli.ranking.rank', 'thidua_cli.units.model', 'thidua_cli.rubric.checks')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_record_book_commands_load_no_scorer_and_no_rubric() -> None:
    """``thidua history`` and ``thidua book`` read the record book: the form reader, the
    scorer, the rubric and its YAML loader, the units' models and lock's tables are not part
    of their start-up (``book import`` loads lock's tables when it runs)."""
    import subprocess
    import sys

    heavy = (
        "thidua_cli.form.reader",
        "thidua_cli.scoring.workbook",
        "thidua_cli.rubric.loader",
        "thidua_cli.rubric.model",
        "yaml",
        "thidua_cli.units.model",
        "thidua_cli.cli.lock",
    )
    probe = (
        f"import sys, thidua_cli.cli.book\nprint(sorted(m for m in sys.modules if m in {heavy}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
