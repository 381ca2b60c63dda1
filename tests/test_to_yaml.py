"""``to_yaml``: KYAML or any YAML → conventional block YAML, comments kept (SPEC §5).

The layout is pinned on hand-built trees and through the reader; every output here is also read
back by PyYAML (YAML 1.1) and ruamel.yaml (YAML 1.2), and formatted back to KYAML.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML

from kyaml import Diagnostic, KyamlError, format_str, to_yaml
from kyaml._data import from_python
from kyaml._emit.yaml import emit_yaml
from kyaml._quote import literal_header, plain_safe
from kyaml._tree import Document, Mapping, Scalar, Sequence, Stream

_ruamel = YAML(typ="safe", pure=True)
_ruamel.version = (1, 2)


def _strict(data: Any) -> Any:
    """``data`` with every scalar paired with its type, so that ``1``, ``1.0`` and ``True``
    compare unequal."""
    if isinstance(data, dict):
        return {key: _strict(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_strict(item) for item in data]
    return (type(data), data)


def _readers_agree(text: str, data: Any) -> None:
    assert _strict(yaml.safe_load(text)) == _strict(data)
    assert _strict(_ruamel.load(text)) == _strict(data)


def _of(data: Any) -> str:
    text = emit_yaml(Stream([Document(from_python(data))]))
    _readers_agree(text, data)
    return text


def _round_trip(text: str, blank_lines: str = "keep") -> str:
    """``to_yaml`` of ``text``, checked: idempotent, and back to the same KYAML."""
    k = format_str(text, blank_lines=blank_lines)
    out = to_yaml(k, blank_lines=blank_lines)
    assert to_yaml(out, blank_lines=blank_lines) == out, "to_yaml is not idempotent"
    assert format_str(out, blank_lines=blank_lines) == k, "KYAML → YAML → KYAML changed the KYAML"
    assert to_yaml(text, blank_lines=blank_lines) == out
    return out


# --- layout -------------------------------------------------------------------------------------


def test_kubectl_layout() -> None:
    data = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {
            "containers": [
                {"name": "c", "ports": [{"containerPort": 80}], "args": ["--port=80", "-v"]},
            ],
            "volumes": [],
            "securityContext": {},
        },
    }
    assert _of(data) == (
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  name: web\n"
        "  labels:\n"
        "    app: web\n"
        "spec:\n"
        "  containers:\n"
        "  - name: c\n"
        "    ports:\n"
        "    - containerPort: 80\n"
        "    args:\n"
        "    - --port=80\n"
        "    - -v\n"
        "  volumes: []\n"
        "  securityContext: {}\n"
    )


def test_nested_sequences_continue_on_the_dash_line() -> None:
    assert _of([[1, 2], [[3]], [], {}]) == "- - 1\n  - 2\n- - - 3\n- []\n- {}\n"


def test_root_scalars() -> None:
    assert _of("x") == "x\n"
    assert _of(None) == "null\n"
    assert _of("NO") == '"NO"\n'
    assert _of({}) == "{}\n"


def test_documents_separated_first_has_no_marker() -> None:
    stream = Stream([Document(from_python({"a": 1})), Document(from_python([1]))])
    stream.documents.append(Document(Scalar(None)))
    text = emit_yaml(stream)
    assert text == "a: 1\n---\n- 1\n---\nnull\n"
    assert list(yaml.safe_load_all(text)) == [{"a": 1}, [1], None]


def test_empty_stream() -> None:
    assert emit_yaml(Stream()) == ""
    assert to_yaml("") == ""


# --- scalars ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["web", "-v", "--port=8080", "a:b", "a#b", "http://x:80/p?q=1", "a,b", "a[0]", "é", "..a"],
)
def test_plain_when_safe(text: str) -> None:
    assert plain_safe(text)
    assert _of({"k": text}) == f"k: {text}\n"


@pytest.mark.parametrize(
    "text",
    [
        *("NO", "no", "Yes", "ON", "off", "y", "N", "true", "False", "null", "~", "", "<<", "="),
        *("1", "0777", "0x1F", "1_000", "1e3", ".5", "1.", ".inf", ".NaN", "1:30", "12:30:45"),
        *("2001-12-14", "2023-02-30", "2001-12-14 21:59:43.10 -5", "0x_", "1e400"),
        *(" x", "x ", "a: b", "a #b", "k:", "-", "- a", "---", "--- x", "...", "?x", ":x"),
        *("#c", "&a", "*a", "!t", "|", ">", "'q'", '"q"', "%x", "@x", "`x", "{a}", "[a]", ","),
        *("a\tb", "\x00", "\x85", "\xa0", "\u2028", "\ufeff", "a\rb"),
    ],
)
def test_quoted_when_not_plain_safe(text: str) -> None:
    assert not plain_safe(text)
    out = _of({"k": text})
    assert out.startswith('k: "')


def test_norway_rule_for_keys() -> None:
    assert _of({"NO": 1, "country": "NO", "a b": 2}) == '"NO": 1\ncountry: "NO"\na b: 2\n'


def test_long_key_is_explicit() -> None:
    key = "k" * 1500  # readers refuse implicit keys past 1024 characters
    assert _of({key: [1]}) == f'? "{key}"\n:\n- 1\n'
    assert _of({key: "v", "b": {key: None}}) == f'? "{key}"\n: v\nb:\n  ? "{key}"\n  : null\n'


def test_numbers_in_safe_form() -> None:
    text = _of([1, -0.0, 1e21, 1e-7, 2**70, float("inf"), float("-inf"), True, None])
    assert text == (
        "- 1\n- -0.0\n- 1.0e+21\n- 1.0e-07\n- 1180591620717411303424\n- .inf\n- -.inf\n"
        "- true\n- null\n"
    )
    assert _round_trip("a: 0x1F\nb: 1.50\nc: 1e3\nd: .5\n") == (
        "a: 31\nb: 1.50\nc: 1000.0\nd: 0.5\n"
    )


@pytest.mark.parametrize(
    ("value", "header"),
    [
        ("a\nb\n", "|"),
        ("a\nb", "|-"),
        ("a\nb\n\n", "|+"),
        ("\na\n", "|"),
        (" a\nb\n", "|2"),
        ("\n  a", "|2-"),
        ("\ta\n", "|2"),
        ("a\n\tb\n", "|"),
        ("# a\n--- b\n", "|"),
    ],
)
def test_literal_block_choice(value: str, header: str) -> None:
    assert literal_header(value) == header
    text = _of({"k": value})
    assert text.startswith(f"k: {header}\n")
    _readers_agree(_of([value]), [value])
    _readers_agree(_of([{"k": [value]}]), [{"k": [value]}])


@pytest.mark.parametrize(
    "value", ["a \nb", "a\t\nb", "a\n \nb", "\n", "\n\n", "a\rb\n", "a\x00\nb", "a\u2028\nb"]
)
def test_multi_line_double_quoted_when_literal_would_not_read_back(value: str) -> None:
    assert literal_header(value) is None
    assert _of({"k": value}).startswith('k: "')


def test_root_literal_with_leading_space_is_quoted() -> None:
    assert literal_header(" a\n", root=True) is None
    assert _of(" a\nb\n") == '" a\\nb\\n"\n'
    assert _of("a\nb\n") == "|\n  a\n  b\n"


def test_literal_lines_keep_their_text() -> None:
    assert _of({"script": 'set -e\n  echo "hi" # not a comment\n'}) == (
        'script: |\n  set -e\n    echo "hi" # not a comment\n'
    )


def test_no_line_ends_in_whitespace() -> None:
    text = _of({"a": "x\n\ny\n\n\n", "b": [" ", "\t"], "c": {}})
    assert all(line == line.rstrip() for line in text.split("\n"))


# --- comments -----------------------------------------------------------------------------------


def test_comments_in_place() -> None:
    out = _round_trip(
        "# document\n"
        "\n"
        "# head of a\n"
        "a: 1 # line of a\n"
        "b: # line of b\n"
        "  # head of c\n"
        "  c: x\n"
        "  # foot of c\n"
        "# head of d\n"
        "d:\n"
        "- 1 # line of 1\n"
        "# head of e\n"
        "e: |  # line of e\n"
        "  text\n"
        "# foot of the document\n"
    )
    assert "# head of a\na: 1 # line of a\n" in out
    assert "b: # line of b\n  # head of c\n  c: x\n" in out
    assert "e: | # line of e\n  text\n" in out


def test_comments_in_sequences() -> None:
    _round_trip(
        "items:\n"
        "# head of the first item\n"
        "- a: 1 # line of a\n"
        "  b: 2\n"
        "  # foot inside the item\n"
        "# head of the second item\n"
        "- # line of the second item\n"
        "  c: 3\n"
        "- - x # line of x\n"
        "  # foot of x\n"
        "- y\n"
    )


def test_comments_in_empty_collections() -> None:
    out = _round_trip("{\n  a: [\n    # nothing yet\n  ],\n  b: {\n    # nor here\n  },\n}\n")
    _readers_agree(out, {"a": [], "b": {}})


def test_comment_only_input() -> None:
    assert _round_trip("# one\n\n# two\n") == "# one\n\n# two\n"


def test_every_kyaml_comment_kept() -> None:
    k = format_str(
        "# head\n"
        "{\n"
        "  # first\n"
        "  a: [ # opening\n"
        "    1, # one\n"
        "    # after one\n"
        "  ], # after a\n"
        "  b: {c: d}, # after b\n"
        "  # last\n"
        "} # after root\n"
        "# foot\n"
    )
    out = _round_trip(k)
    comments = ("head", "first", "opening", "one", "after one", "after a", "after b", "last")
    for comment in (*comments, "after root", "foot"):
        assert f"# {comment}\n" in out


def test_multi_document_comments() -> None:
    _round_trip("# one\na: 1\n# end of one\n---\n# two\n- b\n---\nscalar # on the scalar\n")


@pytest.mark.parametrize(
    ("kyaml_text", "expected"),
    [
        pytest.param(
            "{\n  a: { # c\n    b: 1,\n  },\n}\n",
            "a:\n  # c\n  b: 1\n",
            id="comment-on-an-opening-bracket-heads-the-first-entry",
        ),
        pytest.param(
            "{\n  a: {\n    b: 1,\n  }, # c\n}\n",
            "a: # c\n  b: 1\n",
            id="line-comment-of-a-block-value-after-the-key",
        ),
        pytest.param(
            "{\n  a: [\n    1,\n  ], # c\n}\n",
            "a: # c\n- 1\n",
            id="line-comment-of-a-list-value-after-the-key",
        ),
        pytest.param(
            "---\n# one\n\n# two\n{\n  a: 1,\n}\n",
            "# one\n\n# two\n\na: 1\n",
            id="document-comments-then-a-blank-line",
        ),
        pytest.param(
            "---\n{\n  # first\n  a: 1,\n}\n# end\n",
            "# first\na: 1\n\n# end\n",
            id="first-entry-head-and-document-foot",
        ),
        pytest.param(
            "---\n{\n  a: 1,\n  # x\n\n  # y\n  b: 2,\n}\n",
            "a: 1\n\n# x\n\n# y\nb: 2\n",
            id="blank-line-inside-a-group-between-entries",
        ),
        pytest.param(
            "---\n{\n  a: [\n    1,\n    # last\n  ],\n  b: 2,\n}\n",
            "a:\n  - 1\n  # last\nb: 2\n",
            id="list-with-trailing-comments-is-indented",
        ),
        pytest.param(
            "---\n{\n  a: {\n    b: [\n      1,\n    ],\n    # after b\n  },\n  c: 2,\n}\n",
            "a:\n  b:\n    - 1\n  # after b\n\nc: 2\n",
            id="blank-line-after-the-comments-that-end-a-nested-mapping",
        ),
        pytest.param(
            "---\n{\n  ports: [\n    {\n      port: 80,\n    }, # http\n    1,\n  ],\n}\n",
            "ports:\n- {\n    port: 80,\n  } # http\n- 1\n",
            id="list-item-collection-with-a-line-comment-stays-in-flow",
        ),
        pytest.param(
            "---\n{\n  a: 1,\n} # root\n",
            "---\n{\n  a: 1,\n} # root\n",
            id="root-collection-with-a-line-comment-stays-in-flow",
        ),
        pytest.param(
            "---\n{\n  a: 1,\n}\n---\n# second\n{\n  b: 2,\n}\n",
            "a: 1\n---\n# second\n{\n  b: 2,\n}\n",
            id="comments-before-a-later-root-stay-in-flow",
        ),
        pytest.param(
            "---\n{\n  # x\n\n  # y\n  a: 1,\n}\n",
            "---\n# x\n\n# y\na: 1\n",
            id="first-entry-head-with-a-blank-line-gets-a-document-marker",
        ),
        pytest.param(
            "---\n{\n  a: [\n    # nothing\n  ],\n}\n",
            "a: [\n  # nothing\n  ]\n",
            id="comments-in-an-empty-collection",
        ),
        pytest.param(
            '---\n[\n  "x", # c\n]\n',
            "- x # c\n",
            id="line-comment-of-a-scalar-item",
        ),
    ],
)
def test_comment_layout(kyaml_text: str, expected: str) -> None:
    """Where comments go in block YAML, read without blank lines kept: the blank lines here are
    the ones the reader needs to attach each comment where it was."""
    assert _round_trip(kyaml_text, "drop") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: 1\n\n\nb: 2\n", "a: 1\n\nb: 2\n", id="between-entries"),
        pytest.param(
            "a:\n  - x: 1\n\n  - y: 2\n  - z\n",
            'a:\n- x: 1\n\n- "y": 2\n- z\n',
            id="between-items",
        ),
        pytest.param(
            "# Copyright\n# License\n\nkind: A\nspec:\n  x: 1\n\n  # y is\n  y: 2\n",
            '# Copyright\n# License\n\nkind: A\nspec:\n  x: 1\n\n  # y is\n  "y": 2\n',
            id="document-comments-and-a-group-after-a-blank-line",
        ),
        pytest.param(
            "# one\n\na: 1\n---\n# two\n\nb: 2\n\n# end\n",
            "# one\n\na: 1\n---\n# two\n\nb: 2\n\n# end\n",
            id="documents-with-their-comments",
        ),
        pytest.param(
            "a: |+\n  kept\n\nb: 1\n",
            "a: |+\n  kept\n\nb: 1\n",
            id="no-blank-line-added-after-kept-trailing-lines",
        ),
    ],
)
def test_blank_lines_kept(text: str, expected: str) -> None:
    assert _round_trip(text) == expected


def test_blank_lines_kept_where_block_layout_cannot_hold_them_stay_in_flow() -> None:
    # the comment ends a nested mapping after a deeper block: block YAML needs a blank line
    # after it to keep it there, and that blank line would be read back as one of the input's
    kyaml_text = "---\n{\n  a: {\n    b: [\n      1,\n    ],\n    # after b\n  },\n  c: 2,\n}\n"
    assert _round_trip(kyaml_text) == kyaml_text
    assert _round_trip(kyaml_text, "drop") == "a:\n  b:\n    - 1\n  # after b\n\nc: 2\n"


# --- the reader's side --------------------------------------------------------------------------


def test_diagnostics_and_schema_come_from_the_reader() -> None:
    found: list[Diagnostic] = []
    assert to_yaml("country: NO\n", on_diagnostic=found.append) == 'country: "NO"\n'
    assert found
    assert to_yaml("country: NO\n", schema="1.1") == "country: false\n"


def test_errors_come_from_the_reader() -> None:
    with pytest.raises(KyamlError):
        to_yaml("a: 1\na: 2\n")


def test_hand_built_tree() -> None:
    tree = Mapping([("s", Sequence([Scalar("a"), Mapping([("k", Scalar(1.5, "1.50"))])]))])
    assert emit_yaml(Stream([Document(tree)])) == "s:\n- a\n- k: 1.50\n"


def test_flow_documents_on_request() -> None:
    stream = Stream([Document(from_python({"a": [1]})), Document(from_python({"b": 2}))])
    assert emit_yaml(stream, flow={1}) == "a:\n- 1\n---\n{\n  b: 2,\n}\n"
