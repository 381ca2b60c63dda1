"""``# kyaml: off`` in ``kyaml fmt``: a document it stands above is left as written, only real
comments count (never a block scalar's or a quoted string's line), the data of every document is
kept, and the output is idempotent."""

from __future__ import annotations

import pytest

import kyaml
from kyaml.errors import Diagnostic


def formatted(text: str) -> tuple[str, list[str]]:
    found: list[Diagnostic] = []
    out = kyaml.format_str(text, on_diagnostic=found.append)
    return out, [f"{d.line}:{d.code}" for d in found]


@pytest.mark.parametrize(
    ("text", "codes", "kept"),
    [
        # the comment lines above a kept document's --- stay with it, a scalar's lines never
        ("script: |\n  echo hi\n  # note\n\n# kyaml: off\n---\nb:   [1,2]\n", ["5:KY503"], True),
        ("a: |+\n  x\n\n\n# kyaml: off\n---\nb:  1\n", ["5:KY503"], True),
        ('a: "x\n  # y"\n# kyaml: off\n---\nb: 1\n', ["3:KY503"], True),
        # a block scalar's line is no comment: nothing is kept
        ("script: |\n  echo hi\n  # kyaml: off\n---\nb:   [1,2]\n", [], False),
        ('a: "# kyaml: off"\n---\nb:   [1,2]\n', [], False),
        # the comment of a --- line keeps its document
        ("a: 1\n--- # kyaml: off\nb:    2\n", ["2:KY503"], True),
        # above the root, below the ---
        ("a: 1\n---\n# kyaml: off\nb:    2\n", ["3:KY503"], True),
        # inside a document: formatted, with a warning
        ("a:\n  # kyaml: off\n  b:    2\n", ["2:KY502"], False),
        ("a: 1  # kyaml: off\nb:    2\n", ["1:KY502"], False),
    ],
)
def test_documents_kept(text: str, codes: list[str], kept: bool) -> None:
    out, found = formatted(text)
    assert found == codes
    assert kyaml.loads_all(out) == kyaml.loads_all(text)
    assert formatted(out)[0] == out
    if kept:  # the last document, from its ---, is as written
        assert out.endswith(text[text.rindex("---") :])
    else:
        assert out.endswith("}\n")


def test_kept_document_is_byte_for_byte() -> None:
    text = "a: 1\n# kyaml: off\n---\nb:   [1,2]   # as typed\nc: NO\n---\nd: yes\n"
    out, found = formatted(text)
    assert found == ["2:KY503", "7:KY101"]
    assert out == (
        "---\n{\n  a: 1,\n}\n# kyaml: off\n---\nb:   [1,2]   # as typed\nc: NO\n"
        '---\n{\n  d: "yes",\n}\n'
    )


def test_a_whole_file_turned_off_is_returned_as_it_is() -> None:
    text = "# kyaml: off\nb:   2\n---\nc:  3\n"
    out, found = formatted(text)
    assert found == ["1:KY503"]
    assert out == "# kyaml: off\nb:   2\n---\n{\n  c: 3,\n}\n"


def test_errors_in_formatted_documents_keep_their_lines() -> None:
    with pytest.raises(kyaml.KyamlError) as caught:
        kyaml.format_str("# kyaml: off\na:   1\n---\nb: 1\nb: 2\n")
    assert (caught.value.line, caught.value.code) == (5, "KY004")


@pytest.mark.parametrize(
    "text",
    ["# c\n--- # kyaml: off\nk:   v\n", "%YAML 1.1\n--- # kyaml: off\nk:   v\n",
     "\n--- # kyaml: off\nk:   v\n", "# c\n\n--- # kyaml: off\nk: NO\n"],
)  # fmt: skip
def test_the_comment_of_the_first_marker_keeps_its_document(text: str) -> None:
    out, found = formatted(text)
    assert out == text
    assert [code.split(":")[1] for code in found] == ["KY503"]
