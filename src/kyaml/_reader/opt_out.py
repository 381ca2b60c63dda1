"""``# kyaml:`` comments: ``off``/``on`` regions and ``ignore[CODE]`` suppressions.

``kyaml fmt`` leaves a whole document as written when a ``# kyaml: off`` line stands above its
root, or above its ``---`` (the comment lines and blank lines between them do not count); the
flow style KYAML writes cannot keep a part of a document as written, so an ``off`` line inside a
document is only reported. ``kyaml check`` silences its findings inside ``off``/``on`` regions
and on a line whose comment says ``# kyaml: ignore`` (every code) or ``# kyaml: ignore[KY101,
KY102]`` (those codes, or prefixes of them).

A comment is a ``#`` at the start of a line or after a space or tab. The search is textual: a
block scalar's line that reads like such a comment counts too.
"""

from __future__ import annotations

import re

from kyaml._patterns import LazyPattern
from kyaml._reader.split import Span, split_documents

_DIRECTIVE = LazyPattern(
    r"(?:^|(?<=[ \t]))#[ \t]*kyaml[ \t]*:[ \t]*(off|on|ignore)\b(?:\[([^\]\n]*)\])?",
    re.IGNORECASE | re.MULTILINE,
)
_OFF_LINE = LazyPattern(r"^[ \t]*#[ \t]*kyaml[ \t]*:[ \t]*off[ \t]*$", re.IGNORECASE | re.MULTILINE)
_NOTHING = LazyPattern(r"[ \t]*(?:#.*)?")
_START = LazyPattern(r"---(?:[ \t].*)?")
_BARE_START = LazyPattern(r"---[ \t]*(?:#.*)?")


def may_have_directives(text: str) -> bool:
    """A cheap first test: whether ``text`` may hold a ``# kyaml:`` comment at all."""
    return "kyaml" in text or "KYAML" in text or "Kyaml" in text


class Directives:
    """The ``# kyaml:`` comments of a text: its ``off`` regions (1-based lines, the end
    excluded) and the codes each line ignores (an empty tuple: every code)."""

    __slots__ = ("ignored", "regions")

    def __init__(self, text: str) -> None:
        self.regions: list[tuple[int, int]] = []
        self.ignored: dict[int, tuple[str, ...]] = {}
        if not may_have_directives(text):
            return
        off_from = 0
        for m in _DIRECTIVE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            word = m.group(1).lower()
            if word == "off" and not off_from:
                off_from = line
            elif word == "on" and off_from:
                self.regions.append((off_from, line))
                off_from = 0
            elif word == "ignore":
                codes = m.group(2)
                parsed = tuple(c.strip().upper() for c in (codes or "").split(",") if c.strip())
                self.ignored[line] = parsed
        if off_from:
            self.regions.append((off_from, text.count("\n") + 2))

    def silenced(self, line: int, code: str) -> bool:
        """Whether a finding of ``code`` on ``line`` is silenced."""
        for start, end in self.regions:
            if start <= line < end:
                return True
        codes = self.ignored.get(line)
        if codes is None:
            return False
        return not codes or any(code.startswith(c) for c in codes)


class KeptPlan:
    """Which documents of a stream ``kyaml fmt`` leaves as written: the stream's document spans,
    for each the line of the ``# kyaml: off`` that keeps it (0: formatted), and the lines of the
    ``off`` comments inside documents, which keep nothing (all 1-based)."""

    __slots__ = ("inside", "kept", "spans")

    def __init__(self, spans: list[Span], kept: list[int], inside: list[int]) -> None:
        self.spans = spans
        self.kept = kept
        self.inside = inside


def kept_documents(text: str) -> KeptPlan | None:
    """The plan for ``text`` (normalized: ``\\n`` line breaks), or None when it holds no
    ``# kyaml: off`` line."""
    if not may_have_directives(text):
        return None
    offs = [text.count("\n", 0, m.start()) for m in _OFF_LINE.finditer(text)]
    if not offs:
        return None
    lines = text.split("\n")
    spans = split_documents(text)
    first_lines = [line for _, _, line in spans]
    kept = [0] * len(spans)
    inside: list[int] = []
    for off in offs:
        at = off + 1
        while at < len(lines) and _NOTHING.fullmatch(lines[at]):
            at += 1
        if at < len(lines) and _START.fullmatch(lines[at]) and at in first_lines:
            kept[first_lines.index(at)] = off + 1  # above a document's ---
            continue
        doc = max(i for i, first in enumerate(first_lines) if first <= off)
        if _in_head(lines, first_lines[doc], off):
            kept[doc] = kept[doc] or off + 1  # above the root, below any ---
        else:
            inside.append(off + 1)
    return KeptPlan(spans, kept, inside)


def _in_head(lines: list[str], first: int, off: int) -> bool:
    """Whether line ``off`` is in the head of the document whose text starts at line ``first``:
    before its root, among comment, blank, directive and ``---`` lines."""
    for n in range(first, off):
        line = lines[n]
        if not (_NOTHING.fullmatch(line) or _BARE_START.fullmatch(line) or line[:1] == "%"):
            return False
    return True


def trailing_comments(piece: str) -> tuple[str, str]:
    """``piece`` cut before its last lines when they are all comment and blank lines: what
    stands above the next document's ``---``, kept with it as written."""
    lines = piece.splitlines(keepends=True)
    cut = len(lines)
    while cut > 0 and _NOTHING.fullmatch(lines[cut - 1].rstrip("\n")):
        cut -= 1
    return "".join(lines[:cut]), "".join(lines[cut:])
