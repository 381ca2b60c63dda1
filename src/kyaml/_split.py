"""Where the documents of a YAML stream begin, so that each can be read on its own.

A line that is ``---`` followed by a space, a tab or the line end always begins a new document:
YAML forbids such a line inside any scalar or collection. Reading a stream document by document
keeps memory to one document's tree, lets the documents of one stream be formatted in parallel,
and lets a document that libyaml refuses take the pure parser's slower path on its own.

A stream is read whole (one span) when splitting could change its meaning: when it has a
directive line (``%YAML``, ``%TAG``, which belong to the document after them), or a line break
other than ``\\n`` (the parser also breaks lines at ``\\r``, U+0085, U+2028 and U+2029).
Comments and blank lines above the first ``---`` stay with the first document.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r"^---(?=[ \t\n]|\Z)", re.MULTILINE)
_WHOLE = re.compile(r"^%|[\r\x85\u2028\u2029]", re.MULTILINE)
_NOTHING = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*")

Span = tuple[int, int, int]
"""A document's text as ``(start, end, line)``: indexes into the stream and its first line
(0-based)."""


def split_documents(text: str) -> list[Span]:
    """The spans of ``text`` (``\\n`` line breaks, no byte-order mark) that hold one document
    each, in order; a single span when the stream must be read whole."""
    end = len(text)
    if _WHOLE.search(text):
        return [(0, end, 0)]
    starts = [m.start() for m in _MARKER.finditer(text)]
    if not starts:
        return [(0, end, 0)]
    if starts[0] != 0 and _NOTHING.fullmatch(text, 0, starts[0]) is None:
        starts.insert(0, 0)  # a first document without `---`
    else:
        starts[0] = 0  # comments above the first `---` are the first document's
    spans: list[Span] = []
    line = 0
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else end
        spans.append((start, stop, line))
        line += text.count("\n", start, stop)
    return spans
