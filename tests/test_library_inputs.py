"""What the public functions take: YAML text as ``str`` (subclasses too), ``bytes`` or
``bytearray`` (UTF-8, or UTF-16/32 after a byte order mark, as a file is read), and nothing
else; and what ``dumps`` refuses rather than write text ``loads`` would refuse."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from typing import Any

import pytest

import kyaml
from kyaml import KyamlError

TEXT = "# a comment\nname: Ærø\nports: [80, 443]\n---\nb: NO\n"
FUNCTIONS: dict[str, Callable[[Any], Any]] = {
    "format_str": kyaml.format_str,
    "loads_all": kyaml.loads_all,
    "to_yaml": kyaml.to_yaml,
    "to_json": kyaml.to_json,
}
ENCODED = {
    "utf-8": TEXT.encode(),
    "utf-8-bom": codecs.BOM_UTF8 + TEXT.encode(),
    "utf-16-le-bom": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf-16-be-bom": codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    "utf-32-le-bom": codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    "crlf": TEXT.replace("\n", "\r\n").encode(),
}


class Odd(str):
    """A str subclass whose methods lie: the functions must read the characters."""

    def splitlines(self, keepends: bool = False) -> list[str]:
        return ["lies"]

    def replace(self, *args: Any, **kwargs: Any) -> str:
        return "lies"

    def startswith(self, *args: Any, **kwargs: Any) -> bool:
        return True


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("encoding", ENCODED)
def test_bytes_read_as_their_text(name: str, encoding: str) -> None:
    function = FUNCTIONS[name]
    expected = function(TEXT)
    assert function(ENCODED[encoding]) == expected
    assert function(bytearray(ENCODED[encoding])) == expected


@pytest.mark.parametrize("name", FUNCTIONS)
def test_a_str_subclass_reads_as_its_characters(name: str) -> None:
    function = FUNCTIONS[name]
    assert function(Odd(TEXT)) == function(TEXT)


def test_loads_and_load_take_bytes() -> None:
    assert kyaml.loads(b"a: 1\n") == {"a": 1}
    assert kyaml.load(io.BytesIO(codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"))) == {"a": 1}


@pytest.mark.parametrize("name", [*FUNCTIONS, "loads"])
@pytest.mark.parametrize("value", [1, None, 1.5, ["a: 1"], memoryview(b"a: 1")])
def test_other_types_are_a_type_error_naming_them(name: str, value: object) -> None:
    function: Callable[[Any], Any] = kyaml.loads if name == "loads" else FUNCTIONS[name]
    with pytest.raises(TypeError, match=type(value).__name__):
        function(value)


def test_bytes_that_are_not_utf8_are_refused_at_their_position() -> None:
    with pytest.raises(KyamlError, match="not valid UTF-8") as caught:
        kyaml.format_str(b"a: 1\nb: caf\xe9\n")
    assert (caught.value.line, caught.value.col) == (2, 7)


def test_utf16_without_a_byte_order_mark_is_refused_by_name() -> None:
    with pytest.raises(KyamlError, match="UTF-16-LE text without a byte order mark"):
        kyaml.loads("a: 1\n".encode("utf-16-le"))


@pytest.mark.parametrize(
    ("obj", "where"),
    [
        ({"a": ["x", {"b c": "y\ud800"}]}, 'at a[1]["b c"]'),
        (["\udfff"], "at [0]"),
        ({"k\udc00": 1}, 'key "k\\udc00"'),
    ],
)
def test_dumps_refuses_a_lone_surrogate_naming_where(obj: object, where: str) -> None:
    with pytest.raises(KyamlError, match="lone surrogate") as caught:
        kyaml.dumps(obj)
    assert caught.value.message.endswith(where)


def test_dumps_with_a_default_that_returns_its_argument_reports_a_circular_reference() -> None:
    with pytest.raises(KyamlError, match="circular reference"):
        kyaml.dumps(object(), default=lambda o: o)
    with pytest.raises(KyamlError, match=r"circular reference .* at a\[0\]"):
        kyaml.dumps({"a": [object()]}, default=lambda o: [o])


def test_dumps_writes_what_loads_reads_back_for_astral_characters() -> None:
    data = {"emoji": "🔍", "pair": "\U0001f1f3\U0001f1f4"}
    assert kyaml.loads(kyaml.dumps(data)) == data
