"""Blank lines kept (``blank_lines="keep"``, the default) and dropped (``"drop"``).

Each expected text here was written by hand from the rules (README, "Blank lines"): one blank
line where the input has one or more between two entries, two items, or a comment group and
what follows; none right after an opening bracket or before a closing one, none at the start or
end of a document, never one inside a string.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kyaml
from kyaml import Options, format_str
from kyaml._reader import layout
from kyaml._reader.parse import native_blank_lines
from tests.test_cli import run, write


def fmt(text: str, **options: str) -> str:
    """``format_str`` of ``text``, checked to be its own result again (idempotent)."""
    out = format_str(text, **options)  # type: ignore[arg-type]
    assert format_str(out, **options) == out  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "a: 1\n\n\nb: 2\n",
            "---\n{\n  a: 1,\n\n  b: 2,\n}\n",
            id="several-between-entries-become-one",
        ),
        pytest.param(
            "- x\n\n- z\n-  w\n",
            '---\n[\n  "x",\n\n  "z",\n  "w",\n]\n',
            id="between-items",
        ),
        pytest.param(
            "a:\n  b: 1\n\nc: 2\n",
            "---\n{\n  a: {\n    b: 1,\n  },\n\n  c: 2,\n}\n",
            id="after-a-nested-block",
        ),
        pytest.param(
            "a: 1\n\n# about b\nb: 2\n",
            "---\n{\n  a: 1,\n\n  # about b\n  b: 2,\n}\n",
            id="above-a-comment-group",
        ),
        pytest.param(
            "a: 1\n# about b\n\nb: 2\n",
            "---\n{\n  a: 1,\n  # about b\n\n  b: 2,\n}\n",
            id="after-a-comment-group",
        ),
        pytest.param(
            "# licence\n\nkind: A\n",
            '---\n# licence\n\n{\n  kind: "A",\n}\n',
            id="between-the-document-comments-and-the-root",
        ),
        pytest.param(
            "a:\n\n  b: 1\n",
            "---\n{\n  a: {\n    b: 1,\n  },\n}\n",
            id="none-after-an-opening-bracket",
        ),
        pytest.param(
            "a:\n  - 1\n\n  # last\n\nb: 2\n",
            "---\n{\n  a: [\n    1,\n\n    # last\n  ],\n\n  b: 2,\n}\n",
            id="none-before-a-closing-bracket",
        ),
        pytest.param(
            "\n\n\na: 1\n\n\n",
            "---\n{\n  a: 1,\n}\n",
            id="none-at-the-start-or-end-of-a-document",
        ),
        pytest.param(
            "a: 1\n\n---\n\nb: 2\n\n",
            "---\n{\n  a: 1,\n}\n---\n{\n  b: 2,\n}\n",
            id="none-around-a-document-marker",
        ),
        pytest.param(
            "a: |\n  x\n\n  y\nb: 1\n",
            '---\n{\n  a: "\\\n     x\\n\\\n     \\n\\\n     y\\n\\\n    ",\n  b: 1,\n}\n',
            id="none-inside-a-string",
        ),
        pytest.param(
            "a: |+\n  x\n\nb: 1\n",
            '---\n{\n  a: "\\\n     x\\n\\\n     \\n\\\n    ",\n  b: 1,\n}\n',
            id="kept-final-lines-are-the-string's-own",
        ),
        pytest.param(
            "a: |\n  x\n\nb: 1\n",
            '---\n{\n  a: "\\\n     x\\n\\\n    ",\n\n  b: 1,\n}\n',
            id="after-a-clipped-block-scalar",
        ),
        pytest.param(
            "- a: 1\n\n- {b: 1, c: 2}\n",
            "---\n[\n  {\n    a: 1,\n  },\n\n  {\n    b: 1,\n    c: 2,\n  },\n]\n",
            id="one-per-line-not-per-entry-on-it",
        ),
        pytest.param(
            "[1, 2,\n\n 3]\n",
            "---\n[\n  1,\n  2,\n\n  3,\n]\n",
            id="inside-a-flow-collection",
        ),
    ],
)
def test_placement(text: str, expected: str) -> None:
    assert fmt(text) == expected


def test_a_blank_line_uncuddles_a_list_as_a_comment_does() -> None:
    # a list of mappings is cuddled (`}, {`); a blank line between two items has no place
    # there, so the list is written one item per line, as when an item carries a comment
    assert fmt("- a: 1\n- b: 2\n") == "---\n[{\n  a: 1,\n}, {\n  b: 2,\n}]\n"
    spaced = fmt("- a: 1\n\n- b: 2\n")
    assert spaced == "---\n[\n  {\n    a: 1,\n  },\n\n  {\n    b: 2,\n  },\n]\n"
    commented = fmt("- a: 1\n# c\n- b: 2\n")
    assert commented == "---\n[\n  {\n    a: 1,\n  },\n  # c\n  {\n    b: 2,\n  },\n]\n"
    # dropped, the blank line leaves the list cuddled
    assert fmt("- a: 1\n\n- b: 2\n", blank_lines="drop") == fmt("- a: 1\n- b: 2\n")


def test_drop_writes_none_and_reads_its_own_output_alike() -> None:
    text = "# c\n\na: 1\n\n\nb:\n  - x\n\n  - y\n"
    dropped = fmt(text, blank_lines="drop")
    assert dropped == '---\n# c\n{\n  a: 1,\n  b: [\n    "x",\n    "y",\n  ],\n}\n'
    assert "\n\n" not in dropped
    assert kyaml.loads(dropped) == kyaml.loads(fmt(text))


def test_compact_output_has_no_blank_line() -> None:
    assert format_str("a: 1\n\nb: 2\n", compact=True) == "---\n{a: 1, b: 2}\n"


def test_the_option_is_checked() -> None:
    with pytest.raises(ValueError, match="blank_lines"):
        format_str("a: 1\n", blank_lines="some")
    assert Options(blank_lines="drop").blank_lines == "drop"
    assert Options().blank_lines == "keep"
    assert format_str("a: 1\n\nb: 2\n", options=Options(blank_lines="drop")) == (
        "---\n{\n  a: 1,\n  b: 2,\n}\n"
    )


def test_to_yaml_keeps_them_and_gives_back_the_same_kyaml() -> None:
    text = "a: 1\n\nb:\n  - x\n\n  - y\n"
    k = fmt(text)
    back = kyaml.to_yaml(k)
    assert back == 'a: 1\n\nb:\n- x\n\n- "y"\n'
    assert format_str(back) == k
    assert kyaml.to_yaml(text, blank_lines="drop") == 'a: 1\nb:\n- x\n- "y"\n'


# --- the command ---------------------------------------------------------------------------------


def test_command_line_option_and_configuration(tmp_path: Path) -> None:
    text = "a: 1\n\nb: 2\n"
    assert run("fmt", "-", stdin=text).stdout == "---\n{\n  a: 1,\n\n  b: 2,\n}\n"
    assert run("fmt", "--blank-lines", "drop", "-", stdin=text).stdout == (
        "---\n{\n  a: 1,\n  b: 2,\n}\n"
    )
    write(tmp_path / "kyaml.toml", 'blank-lines = "drop"\n')
    path = write(tmp_path / "m.yaml", text)
    assert run("fmt", str(path)).code == 0
    assert path.read_text() == "---\n{\n  a: 1,\n  b: 2,\n}\n"
    # the command line wins over the configuration
    write(path, text)
    assert run("fmt", "--blank-lines", "keep", str(path)).code == 0
    assert path.read_text() == "---\n{\n  a: 1,\n\n  b: 2,\n}\n"


def test_a_bad_configured_value_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "kyaml.toml", 'blank-lines = "some"\n')
    path = write(tmp_path / "m.yaml", "a: 1\n")
    done = run("fmt", str(path))
    assert done.code == 2
    assert "blank-lines must be one of keep, drop" in done.err


# --- finding them ---------------------------------------------------------------------------------

_LINES = st.lists(st.sampled_from(["", " ", "\t", "a", " b", "é", "  # c", " \t "]), max_size=12)


@given(_LINES, st.booleans())
def test_the_binding_finds_the_blank_lines_the_pattern_finds(lines: list[str], end: bool) -> None:
    text = "\n".join(lines) + ("\n" if end else "")
    expected = [
        text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"(?<=\n)[ \t]*(?=\n)", text)
    ]
    assert layout.blank_lines(text) == expected
    native = native_blank_lines(text)
    if native is not None:  # the binding is built
        assert native == expected


def test_a_comment_on_a_document_marker_counts_a_blank_line_once() -> None:
    text = "# c\n\n--- # other\nk: v\n"
    out = kyaml.format_str(text)
    assert out == '---\n{\n  # c\n\n  # other\n  k: "v",\n}\n'
    assert kyaml.format_str(out) == out
