"""Fuzzing: mutated YAML is formatted safely or refused cleanly (SPEC §2).

The mutators and the contract are :mod:`fuzz.engine`'s; here hypothesis drives them, over the
corpus seeds and YAML made by :mod:`tests.strategies`, with kyaml's default or its pure-Python
parser, in regular or compact mode or with another input schema. A second property feeds mutated
bytes to the command line's byte path.

The default run (profile ``ci``) is derandomized and short. For long campaigns, ask for more
examples and random ones::

    KYAML_HYPOTHESIS_PROFILE=long KYAML_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py

or run ``fuzz/campaign.py`` (see ``fuzz/README.md``), which does not stop at the first failure.
Findings are in ``fuzz.engine.KNOWN_FINDINGS`` (filtered out of the properties, so that they do
not mask new ones) and each has a regression test below, marked ``xfail`` until it is fixed.
"""

from __future__ import annotations

import contextlib
import os
import random
import sys
from collections.abc import Callable
from typing import Any

import pytest
from fuzz.engine import (
    MODES,
    MUTATORS,
    TINY_SEEDS,
    OracleLimitError,
    RandomChooser,
    check_bytes,
    check_text,
    fuzz_bytes,
    fuzz_input,
    known_finding,
)
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st

import kyaml
from tests._oracles import binding_built, read_yaml12, same_data
from tests.strategies import yaml_streams

# Examples per property: KYAML_FUZZ_EXAMPLES, else a short run (more under a profile that asks
# for more, such as "long").
FUZZ_EXAMPLES = int(os.environ.get("KYAML_FUZZ_EXAMPLES") or max(250, settings().max_examples))
BYTES_EXAMPLES = int(os.environ.get("KYAML_FUZZ_EXAMPLES") or max(100, settings().max_examples))


def _parser(pure: bool) -> str:
    return "pure" if pure else "auto"


# ---------------------------------------------------------------------------------------------
# The properties

# No shrinking: it takes minutes on these inputs and rarely helps; a failure prints its input, and
# fuzz/minimize.py shrinks it (see fuzz/README.md).
_FUZZ_SETTINGS = settings(
    max_examples=FUZZ_EXAMPLES,
    phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.target),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
)


_GENERATED = st.one_of(st.none(), st.none(), st.none(), yaml_streams().map(lambda s: s.text))


@_FUZZ_SETTINGS
@given(
    rnd=st.randoms(use_true_random=False),
    generated=_GENERATED,
    pure=st.booleans(),
    mode=st.sampled_from(MODES),
)
def test_mutated_text_is_formatted_safely_or_refused(
    rnd: random.Random, generated: str | None, pure: bool, mode: tuple[bool, str]
) -> None:
    text = fuzz_input(RandomChooser(rnd), generated)
    compact, schema = mode
    note(f"input: {text!r}")
    try:
        check_text(text, compact=compact, schema=schema, parser=_parser(pure))
    except OracleLimitError as exc:
        event(f"oracle limit: {exc}")
    except Exception as exc:
        name = known_finding(text, exc)
        if name is None:
            raise
        event(f"known finding: {name}")


@settings(_FUZZ_SETTINGS, max_examples=BYTES_EXAMPLES)
@given(rnd=st.randoms(use_true_random=False))
def test_mutated_bytes_never_crash_the_command_line_path(rnd: random.Random) -> None:
    raw = fuzz_bytes(RandomChooser(rnd))
    note(f"input: {raw!r}")
    try:
        check_bytes(raw)
    except Exception as exc:
        name = known_finding(raw, exc)
        if name is None:
            raise
        event(f"known finding: {name}")


def test_mutators_change_text() -> None:
    """Every mutator runs on empty and one-line text and changes some text."""
    rnd = random.Random(0)
    for mutator in MUTATORS:
        assert isinstance(mutator("", "", RandomChooser(rnd)), str)
        results = {
            mutator("a: b\nc: [d, e]  # x\n", "f: g\n", RandomChooser(rnd)) for _ in range(30)
        }
        assert results - {"a: b\nc: [d, e]  # x\n"}, mutator.__name__


@pytest.mark.parametrize("text", [pytest.param(t, id=repr(t[:20])) for t in TINY_SEEDS])
def test_tiny_seeds(text: str) -> None:
    check_text(text)


# ---------------------------------------------------------------------------------------------
# Regressions: the campaign's findings, minimised. Each asserts the correct behaviour; those not
# fixed yet are marked xfail (strict: a fix makes them fail until the mark is removed, with the
# finding's entry in KNOWN_FINDINGS).


def _formatted_or_refused(text: str, *, pure: bool = False) -> None:
    check_text(text, parser=_parser(pure))


def _python_calls(function: Callable[[], object]) -> int:
    """How many Python function calls ``function()`` makes: a measure of work that, unlike time,
    does not depend on the machine or its load."""
    calls = 0

    def count(frame: Any, event: str, arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(count)
    try:
        function()
    finally:
        sys.setprofile(previous)
    return calls


def _refuse(text: str) -> None:
    with pytest.raises(kyaml.KyamlError):
        kyaml.format_str(text)


@pytest.mark.parametrize("pure", [False, True], ids=["default-parser", "pure-parser"])
@pytest.mark.parametrize(
    "text",
    [
        # Finding: with the pure-Python parser, any %YAML directive raised AttributeError
        # ('BaseLoader' object has no attribute 'doc_infos'). Fixed in src/kyaml/_reader/parse.py.
        "%YAML 1.1\n---\na: b\n",
        "%YAML 1.2\n---\n[1]\n",
        # Finding: with the pure-Python parser, a \U escape past U+10FFFF raised ValueError
        # (chr() arg not in range(0x110000)). Fixed in src/kyaml/_reader/parse.py.
        '"\\U0aaaaaaa',
        'k: "\\U00110000"\n',
        # Not findings: corners the fuzzer passed through, kept as checks.
        "a #\r#",  # a comment after a lone CR (a line break)
        "1" * 5000,  # an int longer than CPython's int(str) limit
    ],
)
def test_fuzz_regressions(text: str, pure: bool) -> None:
    with contextlib.suppress(OracleLimitError):
        _formatted_or_refused(text, pure=pure)


def test_deep_unclosed_flow_is_refused_in_bounded_work() -> None:
    """Finding: deeply nested unclosed flow collections took quadratic time: libyaml refuses
    them and the pure-Python parser, asked for a second opinion, was quadratic in the depth
    ("[" * 4000, 4 KB: about 16 s). Fixed in src/kyaml/_reader/parse.py (the depth limit is applied
    while the events are read, and no second parser reads a text). libyaml's work grows with the
    input; the pure scanner looks back over at most 1024 characters of possible keys, so its
    work stops growing past that."""
    if binding_built():
        small = _python_calls(lambda: _refuse("[" * 200))
        large = _python_calls(lambda: _refuse("[" * 800))
        assert large < 6 * small, f"4 × the input, {large / small:.1f} × the work"
    else:
        small = _python_calls(lambda: _refuse("[" * 4000))
        large = _python_calls(lambda: _refuse("[" * 100_000))
        assert large < 1.5 * small, f"25 × the input, {large / small:.1f} × the work"


@pytest.mark.parametrize(
    "text", ["[" * 350 + "]" * 350, "- " * 350 + "x\n", "{a: " * 350 + "1" + "}" * 350]
)
def test_to_yaml_of_deep_nesting_returns_or_refuses(text: str) -> None:
    """Finding: to_yaml raised RecursionError for nesting from about 330 levels, below kyaml's
    own limit of 400 (format_str and to_json took it). Fixed in src/kyaml/_emit/yaml.py."""
    with contextlib.suppress(kyaml.KyamlError):
        kyaml.to_yaml(text)


@pytest.mark.parametrize(
    "text", ["&a # c\nx\n", "!!str # c\nx\n", "k: &a # c\n  x\n", "k: !!int # c\n  1\n"]
)
def test_comment_after_anchor_or_tag_is_refused_not_lost(text: str) -> None:
    with pytest.raises(kyaml.KyamlError, match="comment between an anchor or tag"):
        kyaml.format_str(text)


_LONG_DIGITS = "1" * 4301


@pytest.mark.parametrize(
    ("function", "text"),
    [
        pytest.param(kyaml.format_str, f"? {_LONG_DIGITS}\n", id="format_str-plain-key"),
        pytest.param(kyaml.loads_all, f"? {_LONG_DIGITS}\n", id="loads_all-plain-key"),
        pytest.param(kyaml.format_str, f'? "{_LONG_DIGITS}"\n', id="format_str-quoted-key"),
        pytest.param(kyaml.to_yaml, f'"{_LONG_DIGITS}"\n', id="to_yaml-quoted-value"),
    ],
)
def test_strings_of_4301_digits_are_handled(function: Callable[[str], object], text: str) -> None:
    with contextlib.suppress(kyaml.KyamlError):
        function(text)


@pytest.mark.parametrize(
    "text",
    [
        # libyaml 0.1.7 refuses the first document (":" in a flow plain scalar), the pure parser
        # the second (a tab after a plain scalar at a line's end)
        "a: [b=:1]\n---\nc: d\t\n",
        # libyaml refuses a bare document after "...", the pure parser a tab after "---"
        "a: 1\n...\nb: 2\n---\t\n",
    ],
)
@pytest.mark.parametrize("parser", ["auto", "pure"])
def test_compact_mode_formats_what_regular_mode_formats(text: str, parser: str) -> None:
    """Both modes read with the run's one parser: the same data, or the same error."""
    outcomes: list[object] = []
    for mode in (False, True):
        try:
            outcomes.append(read_yaml12(kyaml.format_str(text, compact=mode, parser=parser)))
        except kyaml.KyamlError as exc:
            outcomes.append((exc.line, exc.column, exc.message))
    regular, compact = outcomes
    if isinstance(regular, tuple):  # refused: by both, at the same place
        assert compact == regular
    else:
        assert same_data(compact, regular)


@pytest.mark.parametrize(
    ("pure", "compact"),
    [(False, True), (True, False)],
    ids=["compact", "pure-parser"],
)
def test_dash_tab_line_after_block_scalar_is_refused(pure: bool, compact: bool) -> None:
    """The pure parser reads a "---<tab>" line after a root block scalar as the scalar's content
    when both stand in one text; read one document at a time, as libyaml and PyYAML read it,
    the text is refused."""
    with pytest.raises(kyaml.KyamlError):
        kyaml.format_str("|\n---\ta: 1\n", compact=compact, parser=_parser(pure))
