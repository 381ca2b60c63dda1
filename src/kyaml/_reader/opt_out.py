"""``# kyaml:`` comments: ``off``/``on`` regions and ``ignore[CODE]`` suppressions.

``kyaml fmt`` leaves a whole document as written when a ``# kyaml: off`` line stands above its
root, or above its ``---`` (the comment lines and blank lines between them do not count), or is
the comment of its ``---`` line; the flow style KYAML writes cannot keep a part of a document
as written, so an ``off`` line inside a document is only reported. ``kyaml check`` silences its
findings inside ``off``/``on`` regions and on a line whose comment says ``# kyaml: ignore``
(every code) or ``# kyaml: ignore[KY101, KY102]`` (those codes, or prefixes of them).

Only real comments count: a ``#`` inside a scalar (a quoted string, a block scalar's line) is
text. The words are looked for first, so a text without them costs a few fast scans; only then
is the text parsed to tell comments from scalar text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kyaml._patterns import LazyPattern
from kyaml._reader.events import END, KIND, SCALAR, START, Event
from kyaml._reader.parse import parse_events
from kyaml._reader.split import Span, split_documents
from kyaml.errors import KyamlError

#: The spellings of the word every ``# kyaml:`` comment holds, looked for before any pattern.
WORDS = ("kyaml", "KYAML", "Kyaml")
_DIRECTIVE = LazyPattern(
    r"#[ \t]*kyaml[ \t]*:[ \t]*(?:(off|on)(?![\w-])|(ignore)(?![\w-])(?:[ \t]*\[([^\]\n]*)\])?)",
    re.IGNORECASE,
)
_OFF = LazyPattern(r"#[ \t]*kyaml[ \t]*:[ \t]*off[ \t]*", re.IGNORECASE)
_NOTHING = LazyPattern(r"[ \t]*(?:#.*)?")
_START = LazyPattern(r"---(?:[ \t].*)?")
_BARE_START = LazyPattern(r"---[ \t]*(?:#.*)?")


def may_have_directives(text: str) -> bool:
    """A cheap first test: whether ``text`` may hold a ``# kyaml:`` comment at all."""
    return any(word in text for word in WORDS)


def _candidates(text: str) -> list[int]:
    """Where a ``#`` may begin a ``# kyaml:`` comment: before each of the words, at the start
    of a line or after a space or tab (YAML's rule for a comment), in order."""
    found: set[int] = set()
    for word in WORDS:
        at = text.find(word)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            hash_at = text.rfind("#", start, at)
            if hash_at >= 0 and (hash_at == start or text[hash_at - 1] in " \t"):
                found.add(hash_at)
            at = text.find(word, at + len(word))
    return sorted(found)


class Scalars:
    """Where a text's scalars are, so that a ``#`` inside one is not taken for a comment; and
    where each piece of the text's content ends."""

    __slots__ = ("ends", "starts")

    def __init__(self, events: list[Event]) -> None:
        spans = [(e[START], e[END]) for e in events if e[KIND] == SCALAR]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    @classmethod
    def of(cls, text: str, parser: str) -> Scalars | None:
        """The scalars of ``text``; None when it is not YAML (its error is reported elsewhere)."""
        try:
            return cls(parse_events(text, parser))
        except KyamlError:
            return None

    def inside(self, index: int) -> bool:
        """Whether ``index`` falls inside a scalar's text."""
        n = bisect_right(self.starts, index) - 1
        return n >= 0 and index < self.ends[n]

    def content_end(self, start: int, end: int) -> int:
        """Where the last scalar that starts in ``text[start:end]`` ends (``start``: none)."""
        n = bisect_right(self.starts, end - 1) - 1
        if n < 0 or self.starts[n] < start:
            return start
        return max(self.ends[n], start)


def _comments(text: str, scalars: Scalars | None) -> list[tuple[int, re.Match[str]]]:
    """The ``# kyaml:`` comments of ``text``: where each begins, and its match."""
    found = []
    for at in _candidates(text):
        if scalars is not None and scalars.inside(at):
            continue
        m = _DIRECTIVE.match(text, at)
        if m is not None:
            found.append((at, m))
    return found


class Directives:
    """The ``# kyaml:`` comments of a text: its ``off`` regions (1-based lines, the end
    excluded) and the codes each line ignores (None: every code)."""

    __slots__ = ("ignored", "regions", "turned_on")

    def __init__(self, text: str, scalars: Scalars | None = None) -> None:
        self.regions: list[tuple[int, int]] = []
        self.ignored: dict[int, tuple[str, ...] | None] = {}
        self.turned_on = False
        if not may_have_directives(text):
            return
        off_from = 0
        for at, m in _comments(text, scalars):
            line = text.count("\n", 0, at) + 1
            word = (m.group(1) or m.group(2)).lower()
            if word == "off":
                off_from = off_from or line
            elif word == "on":
                self.turned_on = True
                if off_from:
                    self.regions.append((off_from, line))
                    off_from = 0
            else:
                codes = m.group(3)
                if codes is None or (line in self.ignored and self.ignored[line] is None):
                    self.ignored[line] = None  # every code
                    continue
                parsed = tuple(c.strip().upper() for c in codes.split(",") if c.strip())
                self.ignored[line] = (*(self.ignored.get(line) or ()), *parsed)
        if off_from:
            self.regions.append((off_from, text.count("\n") + 2))

    def silenced(self, line: int, code: str) -> bool:
        """Whether a finding of ``code`` on ``line`` is silenced."""
        for start, end in self.regions:
            if start <= line < end:
                return True
        if line not in self.ignored:
            return False
        codes = self.ignored[line]
        return codes is None or any(code.startswith(c) for c in codes)


class KeptPlan:
    """Which documents of a stream ``kyaml fmt`` leaves as written: the stream's document spans,
    for each the line of the ``# kyaml: off`` that keeps it (0: formatted), where the content of
    each document ends, and the lines of the ``off`` comments inside documents, which keep
    nothing (lines 1-based)."""

    __slots__ = ("content_ends", "inside", "kept", "spans")

    def __init__(
        self, spans: list[Span], kept: list[int], inside: list[int], content_ends: list[int]
    ) -> None:
        self.spans = spans
        self.kept = kept
        self.inside = inside
        self.content_ends = content_ends


def kept_documents(text: str, parser: str = "auto") -> KeptPlan | None:
    """The plan for ``text`` (normalized: ``\\n`` line breaks), or None when it holds no
    ``# kyaml: off`` comment, or is no YAML (then it is formatted, and its error reported)."""
    if not may_have_directives(text):
        return None
    candidates = [at for at in _candidates(text) if _OFF.match(text, at)]
    if not candidates:
        return None
    scalars = Scalars.of(text, parser)
    if scalars is None:
        return None
    lines = text.split("\n")
    spans = split_documents(text)
    first_lines = [line for _, _, line in spans]
    kept = [0] * len(spans)
    inside: list[int] = []
    for at in candidates:
        if scalars.inside(at) or not _OFF.fullmatch(text, at, _line_end(text, at)):
            continue
        off = text.count("\n", 0, at)
        before = lines[off][: at - (text.rfind("\n", 0, at) + 1)]
        doc = max(i for i, first in enumerate(first_lines) if first <= off)
        if before.strip() == "---" and (
            off == first_lines[doc] or _in_head(lines, first_lines[doc], off)
        ):
            kept[doc] = kept[doc] or off + 1  # the comment of the document's own ---
            continue
        if before.strip():
            inside.append(off + 1)  # the comment of a line with content
            continue
        following = off + 1
        while following < len(lines) and _NOTHING.fullmatch(lines[following]):
            following += 1
        if following in first_lines and _START.fullmatch(lines[following]):
            kept[first_lines.index(following)] = off + 1  # above a document's ---
            continue
        if _in_head(lines, first_lines[doc], off):
            kept[doc] = kept[doc] or off + 1  # above the root, below any ---
        else:
            inside.append(off + 1)
    content_ends = [scalars.content_end(start, end) for start, end, _ in spans]
    return KeptPlan(spans, kept, sorted(set(inside)), content_ends)


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _in_head(lines: list[str], first: int, off: int) -> bool:
    """Whether line ``off`` is in the head of the document whose text starts at line ``first``:
    before its root, among comment, blank, directive and ``---`` lines."""
    for n in range(first, off):
        line = lines[n]
        if not (_NOTHING.fullmatch(line) or _BARE_START.fullmatch(line) or line[:1] == "%"):
            return False
    return True


def trailing_comments(piece: str, content_end: int) -> tuple[str, str]:
    """``piece`` cut before its last lines when they are all comment and blank lines after its
    content (``content_end``, an index into ``piece``): what stands above the next document's
    ``---``, kept with it as written."""
    lines = piece.splitlines(keepends=True)
    cut = len(lines)
    at = len(piece)
    while cut > 0 and _NOTHING.fullmatch(lines[cut - 1].rstrip("\n")):
        if at - len(lines[cut - 1]) < content_end:
            break
        at -= len(lines[cut - 1])
        cut -= 1
    return piece[:at], piece[at:]


__all__ = [
    "Directives",
    "KeptPlan",
    "Scalars",
    "kept_documents",
    "may_have_directives",
    "trailing_comments",
]
