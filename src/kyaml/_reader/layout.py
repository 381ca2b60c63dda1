"""Blank lines the reader keeps (``blank_lines="keep"``): where the input has one, the tree has it.

A blank line is recorded as an empty string in a comment list (as blank lines inside a comment
group always are): at the head of an entry or item that a blank line separates from what comes
before it, and at the start of a comment group with a blank line above it. One empty string
stands for any number of blank lines. What no output keeps is trimmed where the tree is
finished (:func:`trim_first`, :func:`trim_last`): none after an opening bracket or at a
document's start, none before a closing bracket or at a document's end.
"""

from __future__ import annotations

from kyaml._patterns import LazyPattern
from kyaml._reader.comments import LINE, Comment
from kyaml._reader.comments.gaps import PROPERTIES
from kyaml._reader.events import START, Event
from kyaml._reader.lines import LineIndex
from kyaml._tree import Comments, Mapping, Node, Sequence

# A blank line between two line breaks (found with search, not finditer: blank lines are rare,
# and a lookahead at every line break costs three times as much).
_BLANK_LINE = LazyPattern(r"\n[ \t]*\n")


def blank_lines(text: str) -> frozenset[int]:
    """The 1-based numbers of ``text``'s blank lines (counted as the parser counts lines)."""
    starts: list[int] = []
    search = _BLANK_LINE.search
    m = search(text)
    while m is not None:
        starts.append(m.start() + 1)
        m = search(text, m.end() - 1)  # the closing break may open the next one
    if not starts:
        return frozenset()
    where = LineIndex(text)
    if not where.simple:
        return frozenset(where.line(start) + 1 for start in starts)
    numbers: list[int] = []
    line, at = 1, 0
    for start in starts:  # the breaks between blank lines counted in C, no table of lines
        line += text.count("\n", at, start)
        at = start
        numbers.append(line)
    return frozenset(numbers)


_BLOCK_HEADER = LazyPattern(r"[|>][-+0-9]*")


def keeps_trailing_lines(text: str, event: Event) -> bool:
    """Whether the block scalar ``event`` has keep chomping (``|+``, ``>+``): the blank lines
    after its content are content, not a blank line between two entries."""
    start = event[START]
    m = PROPERTIES.match(text, start)
    header = _BLOCK_HEADER.match(text, m.end() if m is not None else start)
    return header is not None and "+" in header.group()


def lead_comments(text: str, comments: dict[int, list[Comment]]) -> None:
    """Start each comment group that has a blank line above it with an empty line."""
    for received in comments.values():
        for c in received:
            if c.kind != LINE and _blank_above(text, c.index):
                c.lines.insert(0, "")


def _blank_above(text: str, index: int) -> bool:
    """Whether the line above the one holding ``index`` is blank."""
    start = text.rfind("\n", 0, index)
    if start <= 0:
        return False
    above = text.rfind("\n", 0, start) + 1
    return not text[above:start].strip(" \t")


def spaced(node: Node) -> Node:
    """``node`` (a new node, or a copy) led by a blank line: an empty first head comment."""
    c = node.comments
    if c is None:
        node.comments = Comments([""])
    elif not c.head:
        node.comments = Comments([""], c.line, c.foot)
    return node


def trim_first(lines: list[str]) -> list[str]:
    """``lines`` without the blank lines they start with."""
    start = 0
    while start < len(lines) and not lines[start]:
        start += 1
    return lines[start:] if start else lines


def trim_last(lines: list[str]) -> list[str]:
    """``lines`` without the blank lines they end with."""
    stop = len(lines)
    while stop and not lines[stop - 1]:
        stop -= 1
    return lines[:stop] if stop < len(lines) else lines


def leads_blank(node: Node) -> bool:
    """Whether ``node``'s head comments start with a blank line."""
    c = node.comments
    return c is not None and bool(c.head) and not c.head[0]


def ends_blank(node: Mapping | Sequence) -> bool:
    """Whether a collection's last comments (inside it, or its last child's foot) end with a
    blank line."""
    if node.inner:
        return not node.inner[-1]
    if not node.items:
        return False
    last = node.items[-1][1] if isinstance(node, Mapping) else node.items[-1]
    c = last.comments
    return c is not None and bool(c.foot) and not c.foot[-1]
