"""Anchors kept (``anchors="keep"``) and expanded (``"expand"``, the default).

Kept, ``&name`` and ``*name`` are written where the input has them, in KYAML's flow style; merge
keys are still applied; every reader reads the output as the expanded data. Each expected text
here was written by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from ruamel.yaml import YAML

import kyaml
from kyaml import Diagnostic, format_str
from tests._oracles import read_yaml11, read_yaml12, same_data
from tests.test_cli import run
from tests.test_roundtrip_properties import JsReader, _js_unavailable, node_modules

CASES = [
    pytest.param(
        "base: &b\n  a: 1\nuse: *b\nlist:\n- *b\n- &s hello\n- *s\n",
        "---\n{\n  base: &b {\n    a: 1,\n  },\n  use: *b,\n  list: [\n    *b,\n"
        '    &s "hello",\n    *s,\n  ],\n}\n',
        id="as-written",
    ),
    pytest.param(
        "x: &x {a: 1}\nz:\n  <<: *x\n  c: 3\n",
        "---\n{\n  x: &x {\n    a: 1,\n  },\n  z: {\n    a: 1,\n    c: 3,\n  },\n}\n",
        id="merge-keys-still-applied",
    ),
    pytest.param(
        "z:\n  <<: &m {a: 1}\n  b: 2\nw: *m\nv: *m\n",
        "---\n{\n  z: {\n    a: 1,\n    b: 2,\n  },\n  w: &m {\n    a: 1,\n  },\n  v: *m,\n}\n",
        id="an-anchor-a-merge-absorbed-is-written-at-its-first-alias",
    ),
    pytest.param(
        "&k key: 1\nother: *k\n",
        '---\n{\n  key: 1,\n  other: &k "key",\n}\n',
        id="an-anchor-on-a-key",
    ),
    pytest.param(
        "a: &a 1\nb: *a\nc: &a 2\nd: *a\n",
        "---\n{\n  a: &a 1,\n  b: *a,\n  c: &a_2 2,\n  d: *a_2,\n}\n",
        id="a-name-used-again-gets-a-name-of-its-own",
    ),
    pytest.param(
        "base: &b\n  a: &i 1\nx:\n  <<: *b\n  c: *i\n",
        "---\n{\n  base: &b {\n    a: &i 1,\n  },\n  x: {\n    a: 1,\n    c: *i,\n  },\n}\n",
        id="an-anchor-a-merge-copied-is-written-once",
    ),
    pytest.param(
        "- &e []\n- *e\n- &n\n- *n # the same null\n",
        "---\n[\n  &e [],\n  *e,\n  &n null,\n  *n, # the same null\n]\n",
        id="empty-values-and-comments",
    ),
    pytest.param("&r {a: 1}\n", "---\n&r {\n  a: 1,\n}\n", id="on-the-root"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_kept(text: str, expected: str) -> None:
    out = format_str(text, anchors="keep")
    assert out == expected
    assert format_str(out, anchors="keep") == out
    # expanded, the same data, and the output read back expands to it
    data = kyaml.loads_all(text)
    assert same_data(kyaml.loads_all(out), data)
    assert same_data(read_yaml11(out), data)
    assert same_data(read_yaml12(out), data)
    assert format_str(out) == format_str(text)


@pytest.fixture(scope="module")
def js() -> Iterator[JsReader]:
    modules = node_modules()
    reason = _js_unavailable()
    if reason is not None or modules is None:
        pytest.skip(reason or "no JavaScript reader")
    reader = JsReader(modules)
    yield reader
    reader.close()


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_javascript_reader_reads_the_expanded_data(
    js: JsReader, text: str, expected: str
) -> None:
    assert same_data(js.read(format_str(text, anchors="keep")), kyaml.loads_all(text))


def test_pyyaml_and_ruamel_see_aliases_of_one_node() -> None:
    out = format_str("a: &a [1]\nb: *a\n", anchors="keep")
    (doc,) = read_yaml11(out)
    assert doc["a"] is doc["b"]
    ruamel: Any = YAML(typ="safe").load(out)
    assert ruamel["a"] is ruamel["b"]


def test_expanded_by_default_with_an_info_diagnostic() -> None:
    notes: list[Diagnostic] = []
    out = format_str("a: &a 1\nb: *a\nc:\n  - *a\n", on_diagnostic=notes.append)
    assert out == "---\n{\n  a: 1,\n  b: 1,\n  c: [\n    1,\n  ],\n}\n"
    assert [(n.line, n.col, n.severity) for n in notes] == [(2, 4, "info")]
    assert notes[0].message == (
        "2 aliases expanded, each written as a copy of its anchor's value (the first, *a, here)"
    )
    notes.clear()
    format_str("a: &a 1\nb: *a\n", anchors="keep", on_diagnostic=notes.append)
    assert notes == []


def test_the_command_says_so_with_verbose() -> None:
    text = "a: &a 1\nb: *a\n"
    quiet = run("fmt", "-", stdin=text)
    assert quiet.code == 0
    assert "alias" not in quiet.err
    loud = run("fmt", "-v", "-", stdin=text)
    assert "-:2:4: info: 1 alias expanded: *a written as a copy of its anchor's value" in loud.err
    kept = run("fmt", "--anchors", "keep", "-", stdin=text)
    assert kept.stdout == "---\n{\n  a: &a 1,\n  b: *a,\n}\n"


def test_to_yaml_keeps_them_in_flow_style() -> None:
    text = "a: &a {x: 1}\nb: *a\n"
    out = kyaml.to_yaml(text, anchors="keep")
    assert out == "---\n{\n  a: &a {\n    x: 1,\n  },\n  b: *a,\n}\n"
    assert kyaml.to_yaml(text) == "a:\n  x: 1\nb:\n  x: 1\n"


def test_the_option_is_checked() -> None:
    with pytest.raises(ValueError, match="anchors"):
        format_str("a: 1\n", anchors="inline")
