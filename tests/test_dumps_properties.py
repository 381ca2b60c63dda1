"""Property tests: every YAML 1.1 and YAML 1.2 reader reads ``dumps(x)`` as ``x`` (SPEC §2).

PyYAML's safe loader stands for YAML 1.1 (and kubectl's go-yaml v2), ruamel.yaml's safe loader in
YAML 1.2 mode for YAML 1.2. The strings are generated to be nasty on purpose.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import kyaml
from tests.strategies import nasty_data

_WORDS = [
    "y",
    "n",
    "yes",
    "no",
    "on",
    "off",
    "true",
    "false",
    "null",
    "nil",
    "~",
    "NO",
    "Yes",
    "oN",
    "TRUE",
    "Null",
    "NULL",
    ".inf",
    "-.Inf",
    ".NaN",
    "nan",
    "Infinity",
    "<<",
    "=",
    "-",
    "---",
    "...",
    "#",
    " # x",
    "- a",
    "? k",
    ": v",
    "&a",
    "*a",
    "!tag",
    "%YAML",
    "@",
    "`",
    "|",
    ">",
    "'",
    '"',
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    "0777",
    "0o17",
    "0x1F",
    "0b101",
    "1_000",
    "09",
    "+12",
    "1e3",
    "1E+3",
    ".5",
    "-.5",
    "1.",
    "1:30",
    "190:20:30.15",
    "0:30.5",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    "2023-02-30",
    "0000-00-00",
    "12:30:45",
    "0x_",
    "0b_",
    "._",
    "+_",
    "0xFFFFFFFFFFFFFFFFFFFF",
    "1e400",
    "18446744073709551616",
]
_PIECES = st.sampled_from(
    [
        *_WORDS,
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x00",
        "\x07",
        "\x1b",
        "\x7f",
        "\x85",
        "\xa0",
        "\u2028",
        "\u2029",
        "\ufeff",
        "\u200b",
        "é",
        "ß",
        "名前",
        "🚀",
        "\U0010fffd",
    ]
)
NASTY_TEXT = st.one_of(
    st.text(),
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(str.upper),
    st.sampled_from(_WORDS).map(str.title),
    st.lists(_PIECES | st.text(max_size=3), max_size=8).map("".join),
)
DATA = nasty_data(NASTY_TEXT, max_size=5, max_leaves=25)

_ruamel = YAML(typ="safe", pure=True)
_ruamel.version = (1, 2)


def _read_yaml11(text: str) -> Any:
    return yaml.safe_load(text)


def _read_yaml12(text: str) -> Any:
    return _ruamel.load(text)


_SETTINGS = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@_SETTINGS
@given(DATA, st.booleans())
def test_yaml11_reads_dumps_as_the_data(data: Any, compact: bool) -> None:
    text = kyaml.dumps(data, compact=compact)
    assert _read_yaml11(text) == data


@_SETTINGS
@given(DATA, st.booleans())
def test_yaml12_reads_dumps_as_the_data(data: Any, compact: bool) -> None:
    text = kyaml.dumps(data, compact=compact)
    assert _read_yaml12(text) == data


@_SETTINGS
@given(NASTY_TEXT)
def test_nasty_keys_read_back(key: str) -> None:
    text = kyaml.dumps({key: 1})
    assert _read_yaml11(text) == {key: 1}
    assert _read_yaml12(text) == {key: 1}


@_SETTINGS
@given(st.lists(DATA, max_size=3))
def test_streams_read_back(docs: list[Any]) -> None:
    text = kyaml.dumps_all(docs)
    assert list(yaml.safe_load_all(text)) == docs
    assert list(_ruamel.load_all(text)) == docs
