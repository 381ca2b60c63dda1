"""Where the documents of a YAML stream begin, so that each can be read on its own.

A line that is ``---`` followed by a space, a tab or the line end always begins a new document:
YAML forbids such a line inside any scalar or collection. Reading a stream document by document
keeps memory to one document's tree, lets the documents of one stream be formatted in parallel,
and lets a document that libyaml refuses take the pure parser's slower path on its own.

A stream is read whole (one span) when it has a directive line (``%YAML``, ``%TAG``, which
belong to the document after them). Lines are counted as the parser counts them: it also breaks
lines at a lone ``\\r``, U+0085, U+2028 and U+2029 (a ``---`` after one of those is not looked
for, so its document is read with the one before). Comments and blank lines above the first
``---`` stay with the first document. Text (``\\n`` line breaks) and UTF-8 bytes split alike, so
a large input need not be decoded whole.
"""

from __future__ import annotations

import re
from typing import AnyStr

_MARKER = re.compile(r"^---(?=[ \t\n]|\Z)", re.MULTILINE)
_WHOLE = re.compile(r"^%", re.MULTILINE)
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_NOTHING = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*")

_MARKER_UTF8 = re.compile(rb"^---(?=[ \t\r\n]|\Z)", re.MULTILINE)
_WHOLE_UTF8 = re.compile(rb"^%", re.MULTILINE)
_BREAKS_UTF8 = re.compile(rb"\r\n|\r|\n|\xc2\x85|\xe2\x80[\xa8\xa9]")
_NOTHING_UTF8 = re.compile(rb"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*")

Span = tuple[int, int, int]
"""A document's text as ``(start, end, line)``: indexes into the stream and its first line
(0-based)."""


def split_documents(text: str) -> list[Span]:
    """The spans of ``text`` (``\\n`` line breaks, no byte-order mark) that hold one document
    each, in order; a single span when the stream must be read whole."""
    return _split(text, _MARKER, _WHOLE, _NOTHING, _BREAKS)


def split_utf8(data: bytes) -> list[Span]:
    """:func:`split_documents` of UTF-8 ``data`` (no byte-order mark), in byte offsets."""
    return _split(data, _MARKER_UTF8, _WHOLE_UTF8, _NOTHING_UTF8, _BREAKS_UTF8)


def _split(
    text: AnyStr,
    marker: re.Pattern[AnyStr],
    whole: re.Pattern[AnyStr],
    nothing: re.Pattern[AnyStr],
    breaks: re.Pattern[AnyStr],
) -> list[Span]:
    end = len(text)
    if whole.search(text):
        return [(0, end, 0)]
    starts = [m.start() for m in marker.finditer(text)]
    if not starts:
        return [(0, end, 0)]
    if starts[0] != 0 and nothing.fullmatch(text, 0, starts[0]) is None:
        starts.insert(0, 0)  # a first document without `---`
    else:
        starts[0] = 0  # comments above the first `---` are the first document's
    spans: list[Span] = []
    line = 0
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else end
        spans.append((start, stop, line))
        line += len(breaks.findall(text, start, stop))
    return spans
