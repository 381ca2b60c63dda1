"""``kyaml check --fix`` on real files: ``corpus/`` and ``../shared/corpus/external/`` (skipped
when absent).

For every file the formatter can read, under the default schema and under YAML 1.1: the fixed
text holds the same data under that schema; where no finding is left, PyYAML (YAML 1.1) and
ruamel.yaml (YAML 1.2) read the same data from it; every comment is kept; only the lines holding
a fixed scalar change, and on each only the scalar's text; fixing again changes nothing, and no
fixed code is reported again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kyaml
from kyaml.errors import Diagnostic
from kyaml.lint import check_str, fix_str
from kyaml.rules import RULES
from tests._oracles import comments, read_yaml11, read_yaml12, same_data
from tests.test_corpus_external import _files

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
OWN = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
GOLDENS = sorted(CORPUS.rglob("*.kyaml"))


def _changed_lines(before: str, after: str) -> set[int]:
    old, new = before.split("\n"), after.split("\n")
    assert len(old) == len(new), "a fix added or removed a line"
    return {n + 1 for n, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}


def _fixes(found: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in found if d.fix is not None and RULES[d.code].fixable]


def _all_files() -> list[object]:
    own = [pytest.param(p, id=str(p.relative_to(CORPUS))) for p in OWN]
    return own + _files()


@pytest.mark.parametrize("schema", ["reference", "1.1"])
@pytest.mark.parametrize("path", _all_files())
def test_fix_keeps_data_comments_and_layout(path: Path, schema: str) -> None:
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    text = text.replace("\r\n", "\n")  # as the command decodes it
    options = kyaml.Options(schema=schema)
    found = check_str(text, options=options)
    if any(d.severity == "error" for d in found):
        assert fix_str(text, options=options) == text
        return
    fixes = _fixes(found)
    fixed = fix_str(text, options=options)
    if not fixes:
        assert fixed == text
        return
    assert kyaml.loads_all(fixed, schema=schema) == kyaml.loads_all(text, schema=schema)
    assert comments(fixed) == comments(text)
    assert _changed_lines(text, fixed) == {d.line for d in fixes}
    first: dict[int, int] = {}  # on each line, the text before the first fixed scalar is kept
    for d in fixes:
        first[d.line] = min(first.get(d.line, d.col), d.col)
    for line, col in first.items():
        old_line, new_line = text.split("\n")[line - 1], fixed.split("\n")[line - 1]
        assert new_line.startswith(old_line[: col - 1])
    left = check_str(fixed, options=options)
    assert not {d.code for d in left} & {d.code for d in fixes}
    if not [d for d in left if d.severity != "info"]:
        assert same_data(read_yaml11(fixed), read_yaml12(fixed))
    assert fix_str(fixed, options=options) == fixed


@pytest.mark.parametrize("golden", [pytest.param(p, id=p.name) for p in GOLDENS])
def test_goldens_are_in_kyaml_form(golden: Path) -> None:
    """What ``kyaml fmt`` writes is what ``check`` takes for KYAML form."""
    text = golden.read_text(encoding="utf-8")
    options = kyaml.Options(blank_lines="drop") if golden.name.endswith(".drop.kyaml") else None
    found = [d.code for d in check_str(text, options=options, kyaml_form=True)]
    assert not [code for code in found if code.startswith("KY4")]
