"""``to_json``: the data as JSON (SPEC §5); comments dropped with one diagnostic; no infinity."""

from __future__ import annotations

import json

import pytest

from kyaml import Diagnostic, KyamlError, to_json
from kyaml._emit.json import emit_json
from kyaml._tree import Comments, Document, Mapping, Scalar, Sequence, Stream


def _collect() -> tuple[list[Diagnostic], list[Diagnostic]]:
    found: list[Diagnostic] = []
    return found, found


def test_indented_like_json_dumps() -> None:
    data = {"a": [1, 2.5, {"b": None}], "c": {}, "d": [], "e": 'é\n"x"', "f": True}
    text = to_json('{a: [1, 2.5, {b: null}], c: {}, d: [], e: "é\\n\\"x\\"", f: true}')
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_scalar_document() -> None:
    assert to_json("--- 42\n") == "42\n"
    assert to_json('"x"') == '"x"\n'


def test_several_documents_are_an_array() -> None:
    text = to_json("a: 1\n---\n- x\n---\n")
    assert json.loads(text) == [{"a": 1}, ["x"], None]
    assert text == json.dumps([{"a": 1}, ["x"], None], indent=2) + "\n"


def test_no_document_is_null() -> None:
    assert to_json("") == "null\n"
    found: list[Diagnostic] = []
    assert to_json("# only a comment\n", on_diagnostic=found.append) == "null\n"
    assert len(found) == 1


def test_numbers_exact() -> None:
    big = 2**200
    assert json.loads(to_json(f"a: {big}\nb: -{big}\n")) == {"a": big, "b": -big}
    assert to_json("a: 1.50\n") == '{\n  "a": 1.50\n}\n'  # the safe text is kept
    assert to_json("a: 0x1F\nb: 1e3\nc: .5\n") == '{\n  "a": 31,\n  "b": 1000.0,\n  "c": 0.5\n}\n'


def test_huge_int_beyond_str_digit_limit() -> None:
    big = 10**5000 + 7
    node = Stream([Document(Scalar(big))])
    text = emit_json(node)
    assert text == "1" + "0" * 4999 + "7\n"


def test_number_text_that_is_not_json_is_rewritten() -> None:
    node = Stream([Document(Sequence([Scalar(1.5, "01.5"), Scalar(1e21, "1.0e+21")]))])
    assert json.loads(emit_json(node)) == [1.5, 1e21]
    assert "01.5" not in emit_json(node)


@pytest.mark.parametrize(
    ("text", "where", "shown"),
    [
        ("a: .inf\n", "1:4", ".inf"),
        ("a:\n- 1\n- -.Inf\n", "3:3", "-.inf"),
        ("{a: [.nan]}", "1:6", ".nan"),
    ],
)
def test_infinity_and_nan_are_errors(text: str, where: str, shown: str) -> None:
    with pytest.raises(KyamlError) as info:
        to_json(text)
    assert str(info.value).startswith(where + ": " + shown)
    assert "JSON" in info.value.message


def test_comments_dropped_with_one_diagnostic() -> None:
    found: list[Diagnostic] = []
    text = to_json("# head\na: 1 # line\nb:\n- x # item\n# foot\n", on_diagnostic=found.append)
    assert json.loads(text) == {"a": 1, "b": ["x"]}
    assert "#" not in text
    comment_notes = [d for d in found if "comment" in d.message]
    assert len(comment_notes) == 1
    assert comment_notes[0].severity == "info"


def test_no_diagnostic_without_comments() -> None:
    found: list[Diagnostic] = []
    to_json("a: 1\n", on_diagnostic=found.append)
    assert found == []


def test_comment_in_empty_collection_is_noticed() -> None:
    mapping = Mapping()
    mapping.inner = ["# c"]
    found: list[Diagnostic] = []
    assert emit_json(Stream([Document(mapping)]), found.append) == "{}\n"
    assert len(found) == 1


def test_comment_position_is_the_commented_node() -> None:
    value = Scalar(1, line=3, column=4)
    value.comments = Comments(line="# c")
    found: list[Diagnostic] = []
    emit_json(Stream([Document(Mapping([("a", Scalar(0)), ("b", value)]))]), found.append)
    assert (found[0].line, found[0].column) == (3, 4)


def test_schema_is_passed_to_the_reader() -> None:
    assert json.loads(to_json("a: yes\n", schema="1.1")) == {"a": True}
    assert json.loads(to_json("a: yes\n")) == {"a": "yes"}
