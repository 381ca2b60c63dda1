"""Property tests for the other directions (SPEC §5): KYAML → block YAML and → JSON.

For generated data ``x``: every YAML 1.1 reader (PyYAML) and YAML 1.2 reader (ruamel.yaml) reads
``to_yaml(dumps(x))`` as ``x``; formatting that YAML as KYAML gives back ``dumps(x)``; ``to_yaml``
is idempotent; and ``json`` reads ``to_json(dumps(x))`` as ``x`` when ``x`` has no infinity.
The strings are nasty on purpose, and multi-line ones are built to exercise literal blocks.
"""

from __future__ import annotations

import json
import math
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import kyaml
from kyaml import format_str, to_json, to_yaml
from kyaml._data import from_python
from kyaml._emit.kyaml import emit_stream
from kyaml._emit.yaml import emit_yaml
from kyaml._tree import Comments, Document, Mapping, Node, Sequence, Stream
from tests.strategies import nasty_data, nasty_scalars

_WORDS = [
    *("y", "n", "yes", "no", "on", "off", "true", "false", "null", "nil", "~", "NO", "Norway"),
    *(".inf", "-.Inf", ".NaN", "nan", "Infinity", "<<", "=", "-", "--", "---", "...", "#", "#x"),
    *(" # x", "a #b", "a#b", "- a", "-a", "--port=80", "? k", "?k", ": v", ":v", "k:", "a: b"),
    *("a:b", "http://x:80/", "&a", "*a", "!tag", "%YAML", "@", "`", "|", ">", "|-", "'", '"'),
    *("\\", "{", "}", "[", "]", ",", "a,b", "[a]", "a[0]", "{a: 1}", "0777", "0o17", "0x1F"),
    *("0b101", "1_000", "09", "+12", "1e3", "1E+3", ".5", "-.5", "1.", "1:30", "190:20:30.15"),
    *("0:30.5", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5"),
    *("2023-02-30", "0000-00-00", "12:30:45", "0x_", "0b_", "._", "+_", "1e400"),
    *("0xFFFFFFFFFFFFFFFFFFFF", "18446744073709551616", "é", "名前", "🚀"),
]
_PIECES = st.sampled_from(
    [
        *_WORDS,
        *(" ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "\x00", "\x07", "\x1b", "\x7f", "\x85"),
        *("\xa0", "\u2028", "\u2029", "\ufeff", "\u200b", "\U0010fffd", "a", "b c", "\\n"),
    ]
)
_LINES = st.lists(
    st.sampled_from(["", " ", "  x", "\tx", "x", "x ", "# c", "---", "- a", "k: v", "é", "\\"]),
    min_size=1,
    max_size=5,
)
NASTY_TEXT = st.one_of(
    st.text(max_size=12),
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(str.upper),
    st.sampled_from(_WORDS).map(str.title),
    st.lists(_PIECES | st.text(max_size=3), max_size=6).map("".join),
    _LINES.map("\n".join),
    st.tuples(_LINES, st.sampled_from(["", "\n", "\n\n"])).map(lambda t: "\n".join(t[0]) + t[1]),
)
SCALARS = nasty_scalars(NASTY_TEXT)
DATA = nasty_data(NASTY_TEXT, max_size=4, max_leaves=20)

_ruamel = YAML(typ="safe", pure=True)
_ruamel.version = (1, 2)

_SETTINGS = settings(
    max_examples=300,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)


def _has_inf(data: Any) -> bool:
    if isinstance(data, float):
        return math.isinf(data)
    if isinstance(data, dict):
        return any(_has_inf(value) for value in data.values())
    if isinstance(data, list):
        return any(_has_inf(item) for item in data)
    return False


def _same(a: Any, b: Any) -> bool:
    """Equal data, telling ints and floats apart (``1 == 1.0`` would hide a changed type)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and a == 0.0:
        return math.copysign(1, a) == math.copysign(1, b)
    return bool(a == b)


@_SETTINGS
@given(DATA)
def test_block_yaml_of_data_reads_back_everywhere(data: Any) -> None:
    text = emit_yaml(Stream([Document(from_python(data))]))
    assert _same(yaml.safe_load(text), data), text
    assert _same(_ruamel.load(text), data), text
    assert all(line == line.rstrip(" \t") for line in text.split("\n"))


@_SETTINGS
@given(DATA)
def test_to_yaml_reads_back_and_round_trips(data: Any) -> None:
    k = kyaml.dumps(data)
    text = to_yaml(k)
    assert _same(yaml.safe_load(text), data), text
    assert _same(_ruamel.load(text), data), text
    assert format_str(text) == k, text
    assert to_yaml(text) == text


@_SETTINGS
@given(st.lists(DATA, max_size=3))
def test_streams_round_trip(docs: list[Any]) -> None:
    k = kyaml.dumps_all(docs)
    text = to_yaml(k)
    assert _same(list(yaml.safe_load_all(text)), docs), text
    assert _same(list(_ruamel.load_all(text)), docs), text
    assert format_str(text) == k
    assert to_yaml(text) == text


@_SETTINGS
@given(NASTY_TEXT, SCALARS)
def test_nasty_keys(key: str, value: Any) -> None:
    k = kyaml.dumps({key: value})
    text = to_yaml(k)
    assert _same(yaml.safe_load(text), {key: value}), text
    assert _same(_ruamel.load(text), {key: value}), text
    assert format_str(text) == k


@_SETTINGS
@given(DATA)
def test_json_reads_back(data: Any) -> None:
    if _has_inf(data):
        return
    text = to_json(kyaml.dumps(data))
    assert _same(json.loads(text), data), text
    assert text.endswith("\n")


# --- comments anywhere ----------------------------------------------------------------------------

_SMALL = st.recursive(
    st.one_of(
        st.none(), st.integers(0, 3), st.sampled_from(["a", "NO", "x\ny\n", " s\nt", "x\n\n"])
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), inner, max_size=3),
    ),
    max_leaves=8,
)
_COMMENT = st.sampled_from(["# a", "# b", "#", "# c d"])
# A comment group as the reader makes them: blank lines only between comment lines.
_GROUP = st.lists(st.one_of(_COMMENT, _COMMENT, st.just("")), min_size=1, max_size=3).filter(
    lambda group: bool(group[0] and group[-1])
)
_MAYBE_GROUP: st.SearchStrategy[list[str]] = st.one_of(st.just([]), st.just([]), _GROUP)
_MAYBE_LINE = st.one_of(st.just(""), st.just(""), _COMMENT)


def _nodes(node: Node) -> list[Node]:
    found = [node]
    if isinstance(node, Mapping):
        for _, value in node.items:
            found.extend(_nodes(value))
    elif isinstance(node, Sequence):
        for item in node.items:
            found.extend(_nodes(item))
    return found


@st.composite
def commented_streams(draw: st.DrawFn) -> Stream:
    """Streams of small documents with comments on random nodes, in every slot."""
    documents = []
    for _ in range(draw(st.integers(1, 3))):
        root = from_python(draw(_SMALL))
        for node in _nodes(root):
            if draw(st.integers(0, 3)) == 0:
                node.comments = Comments(draw(_MAYBE_GROUP), draw(_MAYBE_LINE), draw(_MAYBE_GROUP))
            if isinstance(node, (Mapping, Sequence)) and draw(st.integers(0, 4)) == 0:
                node.inner = draw(_GROUP)
        documents.append(Document(root, draw(_MAYBE_GROUP), draw(_MAYBE_GROUP)))
    return Stream(documents)


@settings(_SETTINGS, max_examples=500)
@given(commented_streams())
def test_comments_anywhere_round_trip(stream: Stream) -> None:
    k = format_str(emit_stream(stream))
    assume(format_str(k) == k)  # (KYAML's own stability is the formatter's tests' business)
    text = to_yaml(k)
    assert format_str(text) == k, text
    assert to_yaml(text) == text
