"""The build the tests run on is the one the run expects.

``KYAML_EXPECT_BUILD=compiled`` (or ``pure``), as CI sets it for each pass, makes these tests
fail unless ``kyaml --version`` and the imported modules say that build: compiled modules and
the libyaml binding, imported from an installed package rather than from ``src/``; or Python
files only. Without it they check that the version line and the modules agree.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kyaml
from kyaml._reader import compose, parse

SRC = Path(__file__).resolve().parents[1] / "src"
EXPECTED = os.environ.get("KYAML_EXPECT_BUILD", "")
# The modules setup.py compiles (one of each kind is enough to tell the build).
COMPILED = ["kyaml._reader.compose", "kyaml._emit.kyaml", "kyaml._quote", "kyaml._tree"]


def _version_line() -> str:
    run = subprocess.run(
        [sys.executable, "-m", "kyaml", "--version"], capture_output=True, text=True, check=True
    )
    return run.stdout.strip()


def _compiled(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    assert spec is not None
    assert spec.origin is not None
    return not spec.origin.endswith(".py")


def test_the_version_line_says_the_build_the_modules_are() -> None:
    line = _version_line()
    compiled = all(_compiled(name) for name in COMPILED)
    assert compiled or not any(_compiled(name) for name in COMPILED)  # all or nothing
    assert f"(compiled: {'yes' if compiled else 'no'}; parser: " in line
    assert line.endswith(f"parser: {parse.parser_name()})")
    assert ("parser: libyaml " in line) == parse.binding_built()


@pytest.mark.skipif(EXPECTED != "compiled", reason="KYAML_EXPECT_BUILD is not 'compiled'")
def test_the_compiled_build_is_the_one_imported() -> None:
    line = _version_line()
    assert "(compiled: yes; parser: libyaml " in line, line
    assert all(_compiled(name) for name in COMPILED)
    assert parse.binding_built()
    # imported from an installed package, not from the sources beside the tests
    assert not Path(compose.__file__ or "").resolve().is_relative_to(SRC)
    assert not Path(kyaml.__file__ or "").resolve().is_relative_to(SRC)


@pytest.mark.skipif(EXPECTED != "pure", reason="KYAML_EXPECT_BUILD is not 'pure'")
def test_the_pure_build_is_the_one_imported() -> None:
    line = _version_line()
    assert "(compiled: no; parser: ruamel.yaml " in line, line
    assert not any(_compiled(name) for name in COMPILED)
    assert not parse.binding_built()
    assert importlib.util.find_spec("kyaml._reader._libyaml") is None


def test_an_expected_build_is_a_known_one() -> None:
    assert EXPECTED in ("", "compiled", "pure"), f"KYAML_EXPECT_BUILD={EXPECTED!r}"
