"""One test per row of SPEC §6: where kyaml's output differs from the reference encoder's.

Each expected text was checked by hand: it is the reference's output for the same input (run
``yamlfmt -kyaml -``) with only the change the row states. Rows where the reference fails or
never finishes expect a clean :class:`KyamlError` instead.
"""

from __future__ import annotations

import time

import pytest

from kyaml import Diagnostic, KyamlError, format_str


def fmt(text: str) -> str:
    return format_str(text)


def error(text: str) -> KyamlError:
    with pytest.raises(KyamlError) as caught:
        format_str(text)
    return caught.value


def test_numbers_readers_disagree_on_are_written_in_safe_form() -> None:
    # reference: the text as typed (0777, 0o17, 0x1F, 1_000, 09, +12, 1e3, -.5)
    text = "a: 0777\nb: 0o17\nc: 0x1F\nd: 1_000\ne: 09\nf: +12\ng: 1e3\nh: -.5\n"
    assert fmt(text) == (
        "---\n{\n  a: 511,\n  b: 15,\n  c: 31,\n  d: 1000,\n  e: 9,\n"
        '  "f": 12,\n  g: 1000.0,\n  h: -0.5,\n}\n'
    )


def test_booleans_and_nulls_in_canonical_form() -> None:
    # reference: a: True, b: FALSE, c: ~, d: Null, e: ,
    text = "a: True\nb: FALSE\nc: ~\nd: Null\ne:\n"
    assert fmt(text) == ("---\n{\n  a: true,\n  b: false,\n  c: null,\n  d: null,\n  e: null,\n}\n")


def test_empty_list_item_is_null() -> None:
    # reference: a line with a lone "," (invalid YAML)
    assert fmt("- a\n-\n- b\n") == '---\n[\n  "a",\n  null,\n  "b",\n]\n'


def test_empty_document_is_null() -> None:
    # reference: "---" then an empty line
    assert fmt("---\n---\na: 1\n") == "---\nnull\n---\n{\n  a: 1,\n}\n"


def test_merge_key_is_applied() -> None:
    # reference: a literal "<<" key holding the aliased mapping
    text = "base: &base\n  a: 1\n  b: 2\nderived:\n  <<: *base\n  b: 3\n"
    assert fmt(text) == (
        "---\n{\n  base: {\n    a: 1,\n    b: 2,\n  },\n"
        "  derived: {\n    a: 1,\n    b: 3,\n  },\n}\n"
    )


def test_merge_key_list_earlier_maps_win_and_quoted_merge_is_a_key() -> None:
    text = 'x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nz:\n  <<: [*x, *y]\n  c: 3\nq:\n  "<<": 1\n'
    assert fmt(text).endswith(
        '  z: {\n    a: 1,\n    b: 1,\n    c: 3,\n  },\n  q: {\n    "<<": 1,\n  },\n}\n'
    )


def test_alias_is_expanded_at_the_right_indent() -> None:
    # reference: the aliased mapping one level too deep ("        a: 1," / "      },")
    text = "x: &x\n  a: 1\ny:\n  z: *x\n"
    assert fmt(text) == (
        '---\n{\n  x: {\n    a: 1,\n  },\n  "y": {\n    z: {\n      a: 1,\n    },\n  },\n}\n'
    )


def test_recursive_alias_is_an_error() -> None:
    # reference: never finishes
    err = error("a: &x [1, *x]\n")
    assert (err.line, err.column) == (1, 11)
    assert "recursive" in err.message


def test_billion_laughs_is_refused_after_bounded_work() -> None:
    # reference: unbounded output
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    err = error("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2
    assert "aliases expand to more than" in err.message


def test_duplicate_keys_are_an_error_naming_both_places() -> None:
    # reference: both written
    err = error("a: 1\nb: 2\na: 3\n")
    assert (err.line, err.column) == (3, 1)
    assert "line 1, column 1" in err.message


def test_collection_as_key_is_an_error() -> None:
    # reference: "": "c"
    err = error("? [a, b]\n: c\n")
    assert (err.line, err.column) == (1, 3)


def test_alias_as_key_is_the_aliased_keys_text() -> None:
    # reference: the anchor's name (k: "v")
    text = "a: &k name\nb:\n  *k : v\n"
    assert fmt(text) == '---\n{\n  a: "name",\n  b: {\n    name: "v",\n  },\n}\n'


def test_standard_tags_keep_their_meaning() -> None:
    # reference: a: yes, b: 1
    assert fmt("a: !!bool yes\nb: !!float 1\n") == "---\n{\n  a: true,\n  b: 1.0,\n}\n"


def test_custom_tag_on_a_collection_is_an_error() -> None:
    # reference: the tag silently dropped
    err = error("a: !foo {b: 1}\n")
    assert (err.line, err.column) == (1, 4)
    assert "!foo" in err.message


def test_binary_is_its_base64_text_and_custom_scalar_tags_are_clean_errors() -> None:
    # reference: an error after half a document was written, for both
    seen: list[Diagnostic] = []
    out = format_str("a: !!binary aGVsbG8=\n", on_diagnostic=seen.append)
    assert out == '---\n{\n  a: "aGVsbG8=",\n}\n'
    assert [d.severity for d in seen] == ["warning"]
    err = error("a: x\nb: !foo x\n")
    assert (err.line, err.column) == (2, 4)


def test_yaml_1_1_directive_selects_the_1_1_schema() -> None:
    # reference: "yes" (directive ignored)
    assert fmt("%YAML 1.1\n---\nx: yes\n") == "---\n{\n  x: true,\n}\n"


def test_key_and_value_line_comments_are_both_kept() -> None:
    # reference: error ("both key and value have line comments")
    assert fmt("key: # c1\n  value # c2\n") == '---\n{\n  # c1\n  key: "value", # c2\n}\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[ # c\n  1,\n  2,\n]\n", "---\n[\n  # c\n  1,\n  2,\n]\n"),
        ("{ # c\n  a: 1,\n}\n", "---\n{\n  # c\n  a: 1,\n}\n"),
        ("[ # c\n]\n", "---\n[\n  # c\n]\n"),
    ],
)
def test_comment_after_an_opening_bracket_is_kept(text: str, expected: str) -> None:
    # reference: lost (the vectors "flow sequence with comments" and others expect the loss)
    assert fmt(text) == expected


def test_comment_only_input_keeps_the_comments() -> None:
    # reference: nothing
    assert fmt("# only\n# comments\n") == "# only\n# comments\n"


def test_blank_line_inside_a_comment_group_is_an_empty_line() -> None:
    # reference: "  " (a whitespace-only line), dropped by its next pass
    text = "a: 1\n\n# c1\n\n# c2\nb: 2\n"
    out = format_str(text, blank_lines="drop")
    assert out == "---\n{\n  a: 1,\n  # c1\n\n  # c2\n  b: 2,\n}\n"
    assert format_str(out, blank_lines="drop") == out
    out = fmt(text)  # blank lines kept: the one above the group too
    assert out == "---\n{\n  a: 1,\n\n  # c1\n\n  # c2\n  b: 2,\n}\n"
    assert fmt(out) == out


def test_comments_of_a_crlf_file_are_those_of_its_lf_twin() -> None:
    # reference: the CR LF line breaks make blank lines inside comment runs
    text = "# h1\n# h2\na: 1 # l\n# f1\n# f2\nb:\n  c: 2\n  # x\n  # y\nd: 3\n"
    out = fmt(text.replace("\n", "\r\n"))
    assert out == fmt(text)
    assert "\r" not in out
    assert out == (
        "---\n{\n  # h1\n  # h2\n  a: 1, # l\n  # f1\n  # f2\n  b: {\n    c: 2,\n"
        "    # x\n    # y\n  },\n  d: 3,\n}\n"
    )


def test_multiline_string_line_starting_with_other_whitespace() -> None:
    # reference: "\\r..." (a backslash, then the escape: reads back as a backslash and "r")
    out = fmt('k: "\\rx\\ny"\n')
    assert out == '---\n{\n  k: "\\\n     \\rx\\n\\\n     y\\\n    ",\n}\n'


def test_number_and_date_shaped_keys_are_quoted() -> None:
    # reference: bare (PyYAML crashes on 2023-02-30 or reads an int)
    text = "2023-02-30: a\n0x_: b\n0xFFFFFFFFFFFFFFFFFFFF: c\n"
    assert fmt(text) == (
        '---\n{\n  "2023-02-30": "a",\n  "0x_": "b",\n  "0xFFFFFFFFFFFFFFFFFFFF": "c",\n}\n'
    )


def test_an_error_mid_stream_writes_nothing() -> None:
    # reference: the earlier documents are already on stdout
    err = error("a: 1\n---\nb: [\n")
    assert err.line == 4
