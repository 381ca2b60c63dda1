"""The reading API: ``loads``/``loads_all``/``load``/``load_all`` and ``format_str``'s options."""

from __future__ import annotations

import io
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyaml import (
    Diagnostic,
    KyamlError,
    dumps,
    dumps_all,
    format_str,
    load,
    load_all,
    loads,
    loads_all,
)


def test_loads_yaml_kyaml_and_json() -> None:
    expected = {"a": [1, 2.5, None, True, "x"], "b": {"c": "d"}}
    assert loads("a: [1, 2.5, ~, true, x]\nb:\n  c: d\n") == expected
    assert loads(format_str("a: [1, 2.5, ~, true, x]\nb:\n  c: d\n")) == expected
    assert loads('{"a": [1, 2.5, null, true, "x"], "b": {"c": "d"}}') == expected


def test_loads_keys_are_strings() -> None:
    assert loads("1: a\ntrue: b\n~: c\n") == {"1": "a", "true": "b", "~": "c"}


def test_loads_wants_exactly_one_document() -> None:
    with pytest.raises(KyamlError, match="exactly one document, found 0"):
        loads("# nothing\n")
    with pytest.raises(KyamlError, match="exactly one document, found 2"):
        loads("a\n---\nb\n")


def test_loads_all_and_file_objects() -> None:
    assert loads_all("a\n---\nb: 1\n---\n") == ["a", {"b": 1}, None]
    assert load(io.StringIO("x: [1]\n")) == {"x": [1]}
    assert load_all(io.StringIO("1\n---\n2\n")) == [1, 2]


def test_loads_schema_option() -> None:
    assert loads("x: yes\n") == {"x": "yes"}
    assert loads("x: yes\n", schema="1.1") == {"x": True}


def test_loads_expands_aliases_and_merges() -> None:
    data = loads("a: &a {x: 1}\nb:\n  <<: *a\n  y: 2\nc: *a\n")
    assert data == {"a": {"x": 1}, "b": {"x": 1, "y": 2}, "c": {"x": 1}}
    assert data["a"] is not data["c"]


def test_format_str_reports_diagnostics_and_strict_refuses() -> None:
    seen: list[Diagnostic] = []
    assert format_str("x: on\n", on_diagnostic=seen.append) == '---\n{\n  x: "on",\n}\n'
    assert [(d.line, d.column, d.severity) for d in seen] == [(1, 4, "warning")]
    with pytest.raises(KyamlError) as caught:
        format_str("x: on\n", strict=True)
    assert (caught.value.line, caught.value.column) == (1, 4)


# --- loads(dumps(x)) == x -----------------------------------------------------------------------

_NASTY = st.sampled_from(
    [
        "",
        " ",
        "yes",
        "No",
        "ON",
        "~",
        "null",
        "0777",
        "1_000",
        "0x1F",
        "1e3",
        "2001-12-14",
        "12:30",
        "<<",
        "=",
        "- a",
        "# c",
        "a: b",
        "\t",
        "x\n",
        "\n",
        " lead",
        "trail ",
        "\\",
        '"',
        "'",
        "\x00",
        "\x85",
        "\u2028",
        "\ufeff",
        "é",
        "\U0001f600",
        ".inf",
        "-.nan",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(),
    _NASTY,
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.text(), _NASTY), inner, max_size=4),
    ),
    max_leaves=20,
)


def _same(a: Any, b: Any) -> bool:
    """Equality that also tells 0.0 from -0.0 and an int from a float."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


@settings(max_examples=300, deadline=None)
@given(data)
def test_loads_dumps_round_trip(x: Any) -> None:
    assert _same(loads(dumps(x)), x)
    assert _same(loads(dumps(x, compact=True)), x)


@settings(max_examples=100, deadline=None)
@given(st.lists(data, max_size=3))
def test_loads_all_dumps_all_round_trip(xs: list[Any]) -> None:
    assert all(_same(a, b) for a, b in zip(loads_all(dumps_all(xs)), xs, strict=True))


@settings(max_examples=200, deadline=None)
@given(data)
def test_formatting_dumped_data_changes_nothing(x: Any) -> None:
    text = dumps(x)
    assert format_str(text) == text
