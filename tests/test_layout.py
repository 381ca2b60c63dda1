"""The package's layout keeps the pipeline's direction: text → tree → text, library below command.

Read from the source files (no imports), so that a lazy import inside a function counts as much
as one at the top of a module. ``docs/architecture.md`` explains the layers these tests check.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "kyaml"

# What every module may import: errors, options, the tree, the one quoting module and helpers.
_BASE = frozenset(
    (
        "kyaml.errors",
        "kyaml.options",
        "kyaml._tree",
        "kyaml._quote",
        "kyaml._patterns",
        "kyaml._version",
        "kyaml.rules",
        "kyaml._rule_table",
        "kyaml._objects",
    )
)
# Layers from the bottom up, each of groups named by their modules' prefixes; a module imports
# only from its own group or from lower layers.
_LAYERS: tuple[tuple[str, ...], ...] = (
    ("kyaml._reader", "kyaml._data"),
    ("kyaml._emit",),
    ("kyaml._api",),  # with the package itself: ``kyaml`` re-exports the public functions
    ("kyaml.lint", "kyaml.compare", "kyaml.markdown"),
    ("kyaml.cli",),
    ("kyaml.lsp",),  # the server reuses the command's configuration and exclusion rules
    ("kyaml.__main__",),
)
# Only these may read the environment or change process-wide state.
_PROCESS_OWNERS = ("kyaml.cli", "kyaml.lsp", "kyaml.__main__")


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    return {_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


@cache
def _tree(module: str) -> ast.Module:
    return ast.parse(_modules()[module].read_text(encoding="utf-8"))


def _imports(module: str) -> set[str]:
    """The kyaml modules ``module`` imports, anywhere in its source."""
    modules = _modules()
    package = module if _modules()[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:  # `from package import module` imports the module
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {name for name in found if name in modules and name != module}


def _layer(module: str) -> tuple[int, str]:
    """The layer of ``module`` and its group there (-1 for the base every module may use)."""
    if module in _BASE:
        return (-1, "base")
    if module == "kyaml":
        module = "kyaml._api"
    for rank, groups in enumerate(_LAYERS):
        for group in groups:
            if module == group or module.startswith(group + "."):
                return (rank, group)
    raise AssertionError(f"{module} belongs to no layer: add it to tests/test_layout.py")


def test_every_module_has_a_layer() -> None:
    assert len(_modules()) > 30
    for module in _modules():
        _layer(module)


@pytest.mark.parametrize("module", sorted(_modules()))
def test_imports_go_down_the_pipeline(module: str) -> None:
    rank, group = _layer(module)
    for imported in sorted(_imports(module)):
        their_rank, their_group = _layer(imported)
        assert their_rank < rank or their_group == group, (
            f"{module} ({group}) imports {imported} ({their_group}): a later stage or a "
            "neighbour it should not know"
        )


def test_the_reader_never_imports_an_emitter_and_the_library_never_the_command() -> None:
    for module in _modules():
        imported = _imports(module)
        if module.startswith("kyaml._reader"):
            assert not {m for m in imported if m.startswith("kyaml._emit")}, module
        if not module.startswith(_PROCESS_OWNERS):
            assert not {m for m in imported if m.startswith(("kyaml.cli", "kyaml.lsp"))}, module


def test_no_import_cycles() -> None:
    graph = {module: _imports(module) for module in _modules()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycle = [*path[path.index(module) :], module]
            raise AssertionError("import cycle: " + " → ".join(cycle))
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_the_cycle_check_finds_a_cycle() -> None:
    """The graph check sees imports inside functions and relative imports (or it would pass
    on any layout)."""
    assert "kyaml._api" in _imports("kyaml")  # a lazy import inside __getattr__
    assert "kyaml._reader.compose" in _imports("kyaml._reader")
    assert "kyaml.cli.commands" in _imports("kyaml.cli")


def test_no_module_over_600_lines() -> None:
    long = {
        module: n
        for module, path in _modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert not long


def _process_wide(module: str) -> list[str]:
    """What in ``module`` reads the environment or changes the interpreter's global state."""
    found = []
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            name = f"{node.value.id}.{node.attr}"
            if name in ("os.environ", "os.getenv", "os.putenv", "sys.setrecursionlimit"):
                found.append(f"{name} at line {node.lineno}")
            if node.value.id == "gc" and node.attr in ("disable", "enable", "freeze"):
                found.append(f"{name} at line {node.lineno}")
        if isinstance(node, ast.ImportFrom) and node.module in ("os", "gc"):
            names = {alias.name for alias in node.names}
            if names & {"environ", "getenv", "disable", "enable", "freeze"}:
                found.append(f"from {node.module} import {names} at line {node.lineno}")
    return found


@pytest.mark.parametrize(
    "module", sorted(m for m in _modules() if not m.startswith(_PROCESS_OWNERS))
)
def test_the_library_leaves_process_wide_state_alone(module: str) -> None:
    assert _process_wide(module) == []


def test_the_process_wide_check_sees_the_command() -> None:
    """The command does read the environment (``KYAML_PURE``) and pauses the collector: the
    check above would see it there."""
    seen = [
        found
        for module in _modules()
        if module.startswith("kyaml.cli")
        for found in _process_wide(module)
    ]
    assert any("os.environ" in item for item in seen)
    assert any("gc.disable" in item for item in seen)
