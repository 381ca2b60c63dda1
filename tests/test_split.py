"""Reading a stream document by document gives what reading it whole gives.

``format_str``, ``loads`` and the conversions read each document of a stream on its own
(:mod:`kyaml._reader.split`, :mod:`kyaml._reader.documents`). Reading the whole stream at once with
``compose_stream`` is the baseline: the output, the errors and the diagnostics
must be the same, on the corpus and on generated streams with comments at every boundary.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from hypothesis import example, given, settings

import kyaml
from kyaml import Diagnostic
from kyaml._emit.kyaml import emit_stream
from kyaml._reader.comments import CommentCount
from kyaml._reader.compose import compose_stream
from kyaml._reader.documents import compose_all, normalized
from kyaml._reader.split import split_documents
from kyaml.options import ReadOptions
from tests.conftest import SHARED
from tests.strategies import Stream, yaml_streams

ROOT = Path(__file__).resolve().parents[1]


def _pieces(text: str) -> list[str]:
    return [text[start:stop] for start, stop, _ in split_documents(text)]


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("a: 1\n", ["a: 1\n"]),
        ("a: 1\n---\nb: 2\n", ["a: 1\n", "---\nb: 2\n"]),
        ("---\na: 1\n--- # c\nb: 2\n---", ["---\na: 1\n", "--- # c\nb: 2\n", "---"]),
        ("# head\n\n---\na: 1\n---\nb\n", ["# head\n\n---\na: 1\n", "---\nb\n"]),
        ("---\ta\n---b\n--- c\n", ["---\ta\n---b\n", "--- c\n"]),
        ("a: |\n  ---\n  x\n---\n", ["a: |\n  ---\n  x\n", "---\n"]),
        ("a: '\n---\n'\n", ["a: '\n", "---\n'\n"]),  # invalid YAML either way
        # read whole: a directive belongs to the document after it; other line breaks
        ("%YAML 1.2\n---\na\n---\nb\n", ["%YAML 1.2\n---\na\n---\nb\n"]),
        # other line breaks: a `---` after one is not looked for
        ("a\r---\rb\n---\nc\n", ["a\r---\rb\n", "---\nc\n"]),
        ("a\u2028---\nb\n", ["a\u2028---\nb\n"]),
    ],
)
def test_split_documents(text: str, pieces: list[str]) -> None:
    assert _pieces(text) == pieces


def test_split_documents_counts_lines() -> None:
    text = "# c\n---\na\n\n---\nb: 1\nc: 2\n---\n"
    assert [line for _, _, line in split_documents(text)] == [0, 4, 7]


def _whole(text: str, compact: bool = False) -> str:
    return emit_stream(compose_stream(text), compact=compact)


def _outcome(read: Callable[[], str]) -> str | tuple[int, int, str]:
    """What reading gave: the text, or the error's position and message."""
    try:
        return read()
    except kyaml.KyamlError as exc:
        return (exc.line, exc.column, exc.message)


def _read_whole(text: str, compact: bool, notes: list[Diagnostic]) -> str:
    def dropped(seen: CommentCount) -> None:
        if compact:
            message = f"{seen.number} comments dropped: compact mode writes no comments"
            notes.append(Diagnostic(seen.line, seen.column, "warning", message))

    stream = compose_stream(text, ReadOptions(), notes.append, dropped)
    return emit_stream(stream, compact=compact)


def _read_split(text: str, compact: bool, notes: list[Diagnostic]) -> str:
    return kyaml.format_str(text, compact=compact, on_diagnostic=notes.append)


_DROPPED = re.compile(r"(\d+) comments? dropped: compact mode writes no comments")


def _dropped(notes: list[Diagnostic]) -> int:
    return sum(int(m.group(1)) for d in notes if (m := _DROPPED.fullmatch(d.message)))


def _other(notes: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in notes if not _DROPPED.fullmatch(d.message)]


def _same_as_whole(text: str) -> None:
    for compact in (False, True):
        whole_notes: list[Diagnostic] = []
        split_notes: list[Diagnostic] = []
        expected = _outcome(partial(_read_whole, text, compact, whole_notes))
        assert _outcome(partial(_read_split, text, compact, split_notes)) == expected
        if isinstance(expected, str):
            # compact mode reports dropped comments once per document: comments a document
            # hands to the one before are counted where they stand, the total is the same
            assert _other(split_notes) == _other(whole_notes)
            assert _dropped(split_notes) == _dropped(whole_notes)
            if not compact:
                assert emit_stream(compose_all(text, ReadOptions())) == expected


def _corpus() -> list[Path]:
    folders = [ROOT / "corpus", SHARED / "corpus" / "external"]
    suffixes = {".yaml", ".yml", ".json", ".kyaml"}
    return [
        path
        for folder in folders
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.suffix in suffixes and path.is_file()
    ]


def _multi_document(path: Path) -> bool:
    try:
        text = normalized(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return False
    return len(split_documents(text)) > 1


MULTI = [path for path in _corpus() if _multi_document(path)]


@pytest.mark.parametrize("path", MULTI, ids=[path.name for path in MULTI])
def test_corpus_streams_read_alike_split_and_whole(path: Path) -> None:
    _same_as_whole(path.read_text(encoding="utf-8"))


def test_the_corpus_has_multi_document_streams() -> None:
    assert len(MULTI) >= 5


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n# foot of a\n---\n# head of b\n\nb: 2\n",
        "a:\n  - x\n  # under x\n# foot\n---\n# one\n\n# two\n\nb: 2\n# end\n",
        "--- # on the marker\n# c1\n\n# c2\n\na: 1\n--- # again\n[1, 2] # line\n...\n# after\n",
        "a: 1\n---\nb: 1\nb: 2\n",  # the error is on the stream's line 4
        "a: NO\n---\n\nb: yes\n---\nc: 1e3\n",  # diagnostics on the stream's lines
        "a: 1\n---\n{b: [\n---\n",
        "a: &x 1\n---\nb: *x\n",  # an anchor does not reach into a later document
        "# only a comment\n",
        "---\n---\n---\n",
        "a: 1\n...\n---\nb: 2\n...\n",
        'a: "x\u2028y"\r\n---\nb: 1\nb: 2\n',  # the error's line counts U+2028 and CR
        "a: 1\n---\nb: NO\u0085c: yes\n",
    ],
)
def test_boundaries_read_alike_split_and_whole(text: str) -> None:
    _same_as_whole(text)


@settings(max_examples=60)
@given(yaml_streams())
@example(Stream(docs=[{"a": 1}, None], text="---\na: 1\n...\n---\n#\n"))
def test_generated_streams_read_alike_split_and_whole(stream: Stream) -> None:
    _same_as_whole(stream.text)


def test_a_comment_after_the_marker_of_an_empty_document_after_an_end_marker() -> None:
    # the comment stays in the second document, read whole and read document by document
    text = "---\na: 1\n...\n---\n#\n"
    expected = "---\n{\n  a: 1,\n}\n---\n#\nnull\n"
    assert _whole(text) == expected
    assert kyaml.format_str(text) == expected
    assert kyaml.format_str(expected) == expected


# Every stream of up to three documents built from these pieces, each kind of document after
# each kind of boundary: where the two readings of a stream could part, all tried, in order.
_DOCUMENTS = ["a: 1\n", "", "#\n", "# c\n\n", "- x # l\n# f\n", "\n# h\nb: 2\n"]
_BOUNDARIES = ["---\n", "...\n---\n", "---\n# m\n", "... # e\n# after\n---\n"]
_SHAPES = [
    first + "".join(b + d for b, d in rest)
    for first in _DOCUMENTS
    for n in (1, 2)
    for rest in itertools.product(itertools.product(_BOUNDARIES, _DOCUMENTS), repeat=n)
]


@pytest.mark.parametrize("text", _SHAPES)
def test_every_small_stream_reads_alike_split_and_whole(text: str) -> None:
    _same_as_whole(text)
