"""Reading a stream one document at a time (:mod:`kyaml._reader.split`), as if it were read whole.

Each document's text is composed on its own; what it reports is moved to the stream's lines, so
errors and diagnostics read the same as for the whole stream, and the documents join into the
stream's tree. Memory holds one document's tree at a time when the caller consumes them in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from kyaml._reader.comments import CommentCount, OnComments
from kyaml._reader.compose import OnDiagnostic, compose_stream
from kyaml._reader.split import Span, split_documents
from kyaml._tree import Document, Scalar, Stream
from kyaml.errors import Diagnostic, KyamlError
from kyaml.options import ReadOptions

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import TypeAlias


def normalized(text: str) -> str:
    """``text`` without its byte-order mark and with ``\\n`` line breaks, as the reader sees it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return text


class Part:
    """One document's tree, the comments above its ``---`` that belong to the document before
    it (go-yaml hands a later document's first comments, up to a blank line, to the document
    before), and what its reading reported, in order (diagnostics and comment counts)."""

    __slots__ = ("lead", "notes", "stream")

    def __init__(self, stream: Stream, lead: list[str], notes: list[Note]) -> None:
        self.stream = stream
        self.lead = lead
        self.notes = notes


class UnjoinableError(Exception):
    """A document's comments tie it to a neighbour outside the spans being read."""


Note: TypeAlias = "Diagnostic | CommentCount"
# Why a document could not be read apart: its neighbour's stand-in took comments it cannot give.
_JOIN_BEFORE, _JOIN_AFTER = "before", "after"


def compose_piece(
    piece: str,
    line: int,
    *,
    first: bool,
    last: bool,
    options: ReadOptions,
    counting: bool = False,
    after_end: bool = False,
) -> Part | str:
    """The tree of the document(s) in ``piece``, cut from a normalized stream at its ``line``
    (0-based), positions counted in the whole stream; or which neighbour (``"before"``,
    ``"after"``) it must be read with. ``first`` and ``last`` say where the piece stands;
    ``after_end`` that the document before it ends with a ``...`` line.

    The reader attaches comments by the tokens around them, so the piece is read between the
    same tokens as in the whole stream: an empty document before it stands for the one before,
    a ``---`` after it for the next one's marker. Both are dropped again; the empty document
    gives the comments it received to the document before. A piece without a ``#`` has no
    comment to attach and is read alone first; should that fail, it is read again between its
    stand-ins, so that the error is the whole stream's (``'a`` then ``---`` is a quoted scalar
    cut by a document marker, not by the end of the input). ``counting`` asks for the comment
    counts of :func:`~kyaml._reader.compose.compose_stream` among the notes.
    """
    if (first and last) or ("#" not in piece and not after_end):
        try:
            stream, notes = _read(piece, line, options, counting)
        except KyamlError:
            if first and last:
                raise
        else:
            return Part(stream, [], notes)
    # the stand-in ends as the document before ends: with `...` when it does (its comments
    # then stay with the next document, which does not hand them back)
    stand_in = "" if first else "---\n...\n" if after_end else "---\n"
    piece = stand_in + piece + ("" if last else "---\n")
    stream, notes = _read(piece, line - stand_in.count("\n"), options, counting)
    documents = stream.documents
    if not last and _stand_in_comments(documents.pop()) != []:
        return _JOIN_AFTER
    lead: list[str] = []
    if not first:
        before = _stand_in_comments(documents.pop(0))
        if before is None:
            return _JOIN_BEFORE
        lead = before
    return Part(stream, lead, notes)


def _read(piece: str, line: int, options: ReadOptions, counting: bool) -> tuple[Stream, list[Note]]:
    """The tree of ``piece`` and what its reading reported, positions moved down ``line``
    lines."""
    notes: list[Note] = []
    report = notes.append if line == 0 else _moved(notes.append, line)
    try:
        stream = compose_stream(piece, options, report, report if counting else None)
    except KyamlError as exc:
        error = moved_error(exc, line)
    else:
        return stream, notes
    raise error  # outside the handler: the unmoved error is not its context


def moved_error(exc: KyamlError, lines: int) -> KyamlError:
    """``exc``, raised for a piece of a stream, with its positions moved down ``lines`` lines."""
    return exc.moved(lines)


def _stand_in_comments(doc: Document) -> list[str] | None:
    """The comments an empty stand-in document received (all below it), in order; None when
    it received anything else."""
    root = doc.root
    if not isinstance(root, Scalar) or root.value is not None or root.text not in (None, ""):
        return None
    c = root.comments
    if doc.head or (c is not None and (c.head or c.line)):
        return None
    return (c.foot if c is not None else []) + doc.foot


def compose_documents(
    text: str,
    options: ReadOptions,
    on_diagnostic: OnDiagnostic | None = None,
    on_comments: OnComments | None = None,
) -> Iterator[Part]:
    """The trees of a stream's documents, read one at a time (comment-only input: one tree
    holding just the comments). Documents whose comments cross a ``---`` are read together."""
    text = normalized(text)
    spans = split_documents(text)

    def piece_of(start: int, stop: int, line: int) -> str:
        return text if (start, stop) == (0, len(text)) else text[start:stop]

    return compose_parts(spans, piece_of, options, on_diagnostic, on_comments)


def compose_parts(
    spans: list[Span],
    piece_of: Callable[[int, int, int], str],
    options: ReadOptions,
    on_diagnostic: OnDiagnostic | None = None,
    on_comments: OnComments | None = None,
    *,
    at_start: bool = True,
    at_end: bool = True,
) -> Iterator[Part]:
    """The trees of the documents at ``spans`` of a stream, whose normalized text
    ``piece_of(start, stop, line)`` gives; neighbours are joined where comments tie them.

    ``at_start`` and ``at_end`` say whether the spans begin and end the stream; when they do
    not, a document tied to a neighbour outside them raises :class:`UnjoinableError`.
    """
    held: tuple[Span, Part] | None = None  # read, not yet given out: it may be joined still
    before: tuple[int, str] | None = None  # the last piece read, and where it stopped
    i = 0
    while i < len(spans):
        span = spans[i]
        while True:
            start, stop, line = span
            piece = piece_of(start, stop, line)
            if before is not None and before[0] == start:
                after_end = _ends_with_end_marker(before[1])
            else:
                after_end = _ends_document(piece_of, start, line)
            before = (stop, piece)
            part = compose_piece(
                piece,
                line,
                first=at_start and start == spans[0][0],
                last=at_end and i + 1 == len(spans),
                options=options,
                counting=on_comments is not None,
                after_end=after_end,
            )
            if isinstance(part, Part):
                break
            if part == _JOIN_AFTER:
                if i + 1 == len(spans):
                    raise UnjoinableError
                i += 1
                span = (span[0], spans[i][1], span[2])
            else:
                if held is None:  # only past the spans' start: the stream's has no stand-in
                    raise UnjoinableError
                span = (held[0][0], span[1], held[0][2])
                held = None
        if held is not None:
            if part.lead and held[1].stream.documents:
                _hand_over(held[1].stream.documents[-1], part)
            yield _given(held[1], on_diagnostic, on_comments)
        held = (span, part)
        i += 1
    assert held is not None
    yield _given(held[1], on_diagnostic, on_comments)


def _hand_over(doc: Document, part: Part) -> None:
    """The comments ``part`` hands to ``doc``, the document before it, placed as a reading of
    both at once places them: above a bare document's null, or after a blank line when one
    ended ``doc``'s comments."""
    if doc.bare:
        doc.head = doc.head + [line for line in part.lead if line]
        part.lead = []
    elif doc.blank_end and part.lead[0]:
        part.lead = ["", *part.lead]


def _ends_document(piece_of: Callable[[int, int, int], str], start: int, line: int) -> bool:
    """Whether the text before index ``start`` ends with a ``...`` line (the document before
    ends explicitly)."""
    if start < 4:
        return False
    try:
        end = piece_of(max(0, start - 5), start, line)
    except (KyamlError, UnicodeError):  # (a character cut in two is no `...`)
        return False
    return _ends_with_end_marker(end)


def _ends_with_end_marker(text: str) -> bool:
    """Whether ``text`` ends with a ``...`` line."""
    return text == "...\n" or text.endswith("\n...\n")


def _given(part: Part, on_diagnostic: OnDiagnostic | None, on_comments: OnComments | None) -> Part:
    """``part``, once its notes have gone to their listeners, in the order they were made."""
    for note in part.notes:
        if isinstance(note, Diagnostic):
            if on_diagnostic is not None:
                on_diagnostic(note)
        elif on_comments is not None:
            on_comments(note)
    return part


def compose_all(
    text: str, options: ReadOptions, on_diagnostic: OnDiagnostic | None = None
) -> Stream:
    """The tree of a whole stream, read document by document."""
    parts = compose_documents(text, options, on_diagnostic)
    whole: Stream | None = None
    for part in parts:
        if whole is None:
            whole = part.stream
            continue
        if part.lead:
            whole.documents[-1].foot.extend(part.lead)
        whole.documents.extend(part.stream.documents)
    assert whole is not None
    return whole


def _moved(report: Callable[[Note], None], lines: int) -> Callable[[Note], None]:
    """``report``, given notes whose lines are moved down ``lines`` lines."""

    def moved(note: Note) -> None:
        report(note.moved(lines))

    return moved
