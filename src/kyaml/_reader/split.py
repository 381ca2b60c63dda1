"""Where the documents of a YAML stream begin, so that each can be read on its own.

A line that is ``---`` followed by a space, a tab or the line end always begins a new document:
YAML forbids such a line inside any scalar or collection. Reading a stream document by document
keeps memory to one document's tree and lets the documents of one stream be formatted in
parallel.

A stream is read whole (one span) when it has a directive line (``%YAML``, ``%TAG``, which
belong to the document after them). Lines are counted as the parser counts them: it also breaks
lines at a lone ``\\r``, U+0085, U+2028 and U+2029 (a ``---`` after one of those is not looked
for, so its document is read with the one before). Comments and blank lines above the first
``---`` stay with the first document. Text (``\\n`` line breaks) and UTF-8 bytes split alike, so
a large input need not be decoded whole.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import AnyStr

# Sources, compiled where used (re caches them): a run that needs none compiles none.
_NOTHING = r"(?:[ \t]*(?:#[^\n]*)?\n)*"
_NOTHING_UTF8 = rb"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*"
#: The line breaks YAML 1.1 parsers (libyaml) count, as in their marks.
LINE_BREAKS = r"\r\n|[\r\n\x85\u2028\u2029]"
_BREAKS_UTF8 = rb"\r\n|\r|\n|\xc2\x85|\xe2\x80[\xa8\xa9]"

Span = tuple[int, int, int]
"""A document's text as ``(start, end, line)``: indexes into the stream and its first line
(0-based)."""


def split_documents(text: str) -> list[Span]:
    """The spans of ``text`` (``\\n`` line breaks, no byte-order mark) that hold one document
    each, in order; a single span when the stream must be read whole."""
    return _split(text, "\n", "---", " \t\n", "%", _NOTHING, None if lf_only(text) else LINE_BREAKS)


def lf_only(text: str) -> bool:
    """Whether ``\\n`` is the only line break in ``text`` (lines then count by it alone)."""
    return not any(c in text for c in "\r\x85\u2028\u2029")


def split_utf8(data: bytes) -> list[Span]:
    """:func:`split_documents` of UTF-8 ``data`` (no byte-order mark), in byte offsets."""
    return _split(
        data,
        b"\n",
        b"---",
        b" \t\r\n",
        b"%",
        _NOTHING_UTF8,
        _BREAKS_UTF8 if _other_breaks_utf8(data) else None,
    )


def _other_breaks_utf8(data: bytes) -> bool:
    """Whether ``data`` breaks lines otherwise than with LF or CR LF: a lone CR, U+0085, U+2028
    or U+2029. Their lead bytes are looked for first, one byte at a time (the fast search)."""
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return True
    if data.isascii():
        return False
    for lead, tail in ((b"\xc2", (b"\x85",)), (b"\xe2", (b"\x80\xa8", b"\x80\xa9"))):
        at = data.find(lead)
        while at >= 0:
            if data[at + 1 : at + 1 + len(tail[0])] in tail:
                return True
            at = data.find(lead, at + 1)
    return False


def _split(  # noqa: PLR0917 (two call sites, one per type)
    text: AnyStr,
    newline: AnyStr,
    marker: AnyStr,
    after: AnyStr,
    directive: AnyStr,
    nothing: AnyStr,
    breaks: AnyStr | None,
) -> list[Span]:
    """The spans of ``text``, whose documents begin at lines that are ``marker`` followed by
    one of ``after`` or the end. ``nothing`` is the pattern of blank and comment lines,
    ``breaks`` the pattern of its line breaks when some are not ``newline`` alone (None: lines
    are counted by ``newline``)."""
    end = len(text)
    at = text.find(directive)  # a directive line: '%' is rare, so look for it alone first
    while at >= 0:
        if at == 0 or text[at - 1 : at] == newline:
            return [(0, end, 0)]
        at = text.find(directive, at + 1)
    starts = [0] if text.startswith(marker) and _marks(text, len(marker), after) else []
    needle = newline + marker
    at = text.find(needle)
    while at >= 0:
        at += 1
        if _marks(text, at + len(marker), after):
            starts.append(at)
        at = text.find(needle, at)
    if not starts:
        return [(0, end, 0)]
    if starts[0] != 0 and re.compile(nothing).fullmatch(text, 0, starts[0]) is None:
        starts.insert(0, 0)  # a first document without `---`
    else:
        starts[0] = 0  # comments above the first `---` are the first document's
    spans: list[Span] = []
    line = 0
    break_pattern = None if breaks is None else re.compile(breaks)
    for i, start in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else end
        spans.append((start, stop, line))
        if break_pattern is None:
            line += text.count(newline, start, stop)
        else:
            line += len(break_pattern.findall(text, start, stop))
    return spans


def _marks(text: AnyStr, rest: int, after: AnyStr) -> bool:
    """Whether a ``---`` that ends at ``rest`` is followed by one of ``after`` or the end."""
    return rest == len(text) or text[rest : rest + 1] in after
