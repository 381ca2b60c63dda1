"""The comment package stays readable: every function is short and says what it owns.

Read from the source files (no imports): each function and method of
:mod:`kyaml._reader.comments` has a docstring and spans at most ``MAX_LINES`` lines, from its
``def`` (or first decorator) to its last line.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kyaml" / "_reader" / "comments"
MAX_LINES = 80

Function = ast.FunctionDef | ast.AsyncFunctionDef


def _functions() -> list[tuple[str, Function]]:
    """Every function and method in the package, named ``module:qualified.name``."""
    found: list[tuple[str, Function]] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found.extend((f"{path.name}:{name}", node) for name, node in _walk(tree, ""))
    return found


def _walk(node: ast.AST, prefix: str) -> list[tuple[str, Function]]:
    """The functions under ``node`` with their dotted names, nested ones included."""
    found: list[tuple[str, Function]] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = prefix + child.name
            if not isinstance(child, ast.ClassDef):
                found.append((name, child))
            found.extend(_walk(child, name + "."))
        else:
            found.extend(_walk(child, prefix))
    return found


def _length(node: Function) -> int:
    """Lines from the first decorator (or the ``def``) through the last line."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    assert node.end_lineno is not None
    return node.end_lineno - first + 1


def test_the_package_is_found() -> None:
    modules = {path.stem for path in PACKAGE.rglob("*.py")}
    assert {"__init__", "gaps", "runs", "assign", "place"} <= modules
    assert len(_functions()) > 30


def test_every_function_has_a_docstring() -> None:
    missing = [name for name, node in _functions() if not ast.get_docstring(node)]
    assert missing == []


def test_no_function_over_80_lines() -> None:
    long = {name: n for name, node in _functions() if (n := _length(node)) > MAX_LINES}
    assert long == {}


def test_the_checks_see_a_long_undocumented_function() -> None:
    """The checks measure what they claim (or they would pass on anything)."""
    body = "\n".join(f"    x{k} = {k}" for k in range(MAX_LINES))
    tree = ast.parse(f"class A:\n  @staticmethod\n  def f():\n{body}\n")
    [(name, node)] = _walk(tree, "")
    assert name == "A.f"
    assert _length(node) == MAX_LINES + 2
    assert ast.get_docstring(node) is None
