"""The data API's writing half: types, keys, defaults, errors, streams and files."""

from __future__ import annotations

import datetime as dt
import enum
import io
from typing import Any

import pytest

import kyaml


def test_document_shape() -> None:
    assert (
        kyaml.dumps({"a": [1, "x"], "b": {}})
        == '---\n{\n  a: [\n    1,\n    "x",\n  ],\n  b: {},\n}\n'
    )
    assert kyaml.dumps({"a": [1, "x"], "b": {}}, compact=True) == '---\n{a: [1, "x"], b: {}}\n'


def test_scalars() -> None:
    assert kyaml.dumps(None) == "---\nnull\n"
    assert kyaml.dumps(True) == "---\ntrue\n"
    assert kyaml.dumps(2**70) == "---\n1180591620717411303424\n"
    assert kyaml.dumps(1e21) == "---\n1.0e+21\n"
    assert kyaml.dumps(float("-inf")) == "---\n-.inf\n"
    assert kyaml.dumps("NO") == '---\n"NO"\n'


def test_tuples_are_sequences() -> None:
    assert kyaml.dumps((1, (2,)), compact=True) == "---\n[1, [2]]\n"


def test_cuddled_list_of_collections() -> None:
    assert kyaml.dumps([{"a": 1}, [2]]) == "---\n[{\n  a: 1,\n}, [\n  2,\n]]\n"


def test_dates_are_rfc3339_strings() -> None:
    utc = dt.datetime(2024, 5, 1, 10, 0, tzinfo=dt.timezone.utc)
    plus2 = dt.datetime(2024, 5, 1, 10, 0, 30, 500, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    data = [dt.date(2024, 5, 1), utc, plus2, dt.datetime(2024, 5, 1, 10, 0)]
    assert kyaml.dumps(data, compact=True) == (
        '---\n["2024-05-01", "2024-05-01T10:00:00Z", "2024-05-01T10:00:30.000500+02:00", '
        '"2024-05-01T10:00:00"]\n'
    )


def test_non_string_keys_become_their_text() -> None:
    data: dict[Any, int] = {7: 1, 2.5: 2, True: 3, None: 4, "k": 5}
    assert (
        kyaml.dumps(data, compact=True) == '---\n{"7": 1, "2.5": 2, "true": 3, "null": 4, k: 5}\n'
    )


def test_keys_that_collide_as_text_are_refused() -> None:
    with pytest.raises(kyaml.KyamlError, match="duplicate key '1'"):
        kyaml.dumps({1: "a", "1": "b"})


def test_unsupported_type_names_the_type() -> None:
    with pytest.raises(TypeError, match="Object of type set is not KYAML serializable"):
        kyaml.dumps({"s": {1}})
    with pytest.raises(TypeError, match="keys must be"):
        kyaml.dumps({(1, 2): 1})


def test_default_converts_other_types() -> None:
    assert kyaml.dumps({"s": {2, 1}}, default=sorted, compact=True) == "---\n{s: [1, 2]}\n"


def test_subclasses_are_written_as_their_base_type() -> None:
    class Color(str, enum.Enum):
        RED = "red"

    class Level(enum.IntEnum):
        HIGH = 3

    assert kyaml.dumps({"c": Color.RED, "l": Level.HIGH}, compact=True) == '---\n{c: "red", l: 3}\n'


def test_circular_reference_is_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(kyaml.KyamlError, match="circular"):
        kyaml.dumps(loop)


def test_shared_value_is_not_circular() -> None:
    shared = [1]
    assert kyaml.dumps([shared, shared], compact=True) == "---\n[[1], [1]]\n"


def test_too_deep_is_a_clean_error() -> None:
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(kyaml.KyamlError, match="nested deeper"):
        kyaml.dumps(deep)


def test_kyaml_error_is_a_value_error() -> None:
    assert issubclass(kyaml.KyamlError, ValueError)


def test_streams_and_files() -> None:
    assert kyaml.dumps_all([1, {"a": 2}], compact=True) == "---\n1\n---\n{a: 2}\n"
    assert kyaml.dumps_all([]) == ""
    buf = io.StringIO()
    kyaml.dump({"a": 1}, buf)
    assert buf.getvalue() == kyaml.dumps({"a": 1})
    buf = io.StringIO()
    kyaml.dump_all([1, 2], buf, compact=True)
    assert buf.getvalue() == "---\n1\n---\n2\n"


def test_no_line_ends_in_whitespace() -> None:
    out = kyaml.dumps({"a": "x \ny\t\n z ", "b": ["\t", " "]})
    assert all(line == line.rstrip(" \t") for line in out.split("\n"))


def test_a_key_too_long_to_be_implicit_is_explicit() -> None:
    """YAML readers refuse an implicit key over 1024 characters; ``? key`` has no limit."""
    key = "k" * 1100
    out = kyaml.dumps({key: None, "b": 1})
    assert out == "---\n{\n  ? " + key + ": null,\n  b: 1,\n}\n"
    assert kyaml.dumps({key: None}, compact=True) == "---\n{? " + key + ": null}\n"
    assert kyaml.loads(out) == {key: None, "b": 1}
    assert kyaml.format_str(out) == out
