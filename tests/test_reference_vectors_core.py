"""The reference encoder's own tables that the core library answers: objects, keys, escapes.

The tables are read from ``../shared/conformance/reference-vectors.json``; without it these tests
are skipped.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import kyaml
from kyaml._quote import is_type_ambiguous, key_text
from tests.conftest import vector_params


@pytest.mark.parametrize("row", vector_params("from_object"))
def test_from_object(row: dict[str, Any]) -> None:
    data = json.loads(row["input_json"])
    assert kyaml.dumps(data, compact=row["compact"]) == row["expected_from_yaml"]


@pytest.mark.parametrize("row", vector_params("type_ambiguous"))
def test_type_ambiguous(row: dict[str, Any]) -> None:
    assert is_type_ambiguous(row["input"]) is row["expected"]


@pytest.mark.parametrize("row", vector_params("type_ambiguous"))
def test_ambiguous_keys_are_quoted_exactly_then(row: dict[str, Any]) -> None:
    text: str = row["input"]
    bare_charset = all(c.isalnum() or c in "_-./" for c in text) and text[:1] not in "-./"
    bare_charset = bare_charset and text[-1:] not in "-./"
    must_quote = row["expected"] or not bare_charset
    out = kyaml.dumps({text: 1})
    quoted_key = json.dumps(text, ensure_ascii=False)
    if must_quote:
        assert out == "---\n{\n  " + quoted_key + ": 1,\n}\n"
    else:
        assert out == "---\n{\n  " + text + ": 1,\n}\n"
    assert key_text(text) == (quoted_key if must_quote else text)


def _one_line_escape(row: dict[str, Any]) -> bool:
    """Regular-mode multi-line strings are pinned by the ``from_yaml`` vectors instead: the
    escape table renders them at an indent no document uses."""
    return bool(row["compact"]) or "\n" not in row["input"]


@pytest.mark.parametrize("row", vector_params("string_escapes", _one_line_escape))
def test_string_escapes(row: dict[str, Any]) -> None:
    assert kyaml.dumps(row["input"], compact=row["compact"]) == "---\n" + row["expected"] + "\n"
