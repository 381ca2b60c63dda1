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
from kyaml._reader.events import END_LINE, Event
from kyaml._reader.lines import LineIndex
from kyaml._reader.merge import copy_node
from kyaml._reader.parse import block_indicators, native_blank_lines
from kyaml._tree import Comments, Document, Mapping, Node, Sequence

# A blank line between two line breaks, where the binding is not built (found with search, not
# finditer: blank lines are rare, and a lookahead at every line break costs three times as much).
_BLANK_LINE = LazyPattern(r"\n[ \t]*\n")


def blank_lines(text: str) -> list[int]:
    """The 1-based numbers of ``text``'s blank lines (counted as the parser counts lines), in
    order."""
    found = native_blank_lines(text)
    if found is not None:
        return found
    where = LineIndex(text)
    starts: list[int] = []
    search = _BLANK_LINE.search
    m = search(text)
    while m is not None:
        starts.append(m.start() + 1)
        m = search(text, m.end() - 1)  # the closing break may open the next one
    if not starts:
        return []
    if not where.simple:
        return [where.line(start) + 1 for start in starts]
    numbers: list[int] = []
    line, at = 1, 0
    for start in starts:  # the breaks between blank lines counted in C, no table of lines
        line += text.count("\n", at, start)
        at = start
        numbers.append(line)
    return numbers


def keeps_trailing_lines(text: str, event: Event) -> bool:
    """Whether the block scalar ``event`` has keep chomping (``|+``, ``>+``): the blank lines
    after its content are content, not a blank line between two entries."""
    start, end = block_indicators(text, event)
    return "+" in text[start:end]


def starts_line(text: str, index: int) -> bool:
    """Whether ``index`` is the first thing on its line: only blanks and block indicators
    (``-``, ``?``) before it. A blank line above is kept for one entry, not for each one on a
    line (``{a: 1, b: 2}``)."""
    start = text.rfind("\n", 0, index) + 1
    return not text[start:index].strip(" \t-?")


def lead_comments(text: str, comments: dict[int, list[Comment]]) -> None:
    """Start each comment group that has a blank line above it with an empty line."""
    for received in comments.values():
        for c in received:
            if c.kind != LINE and _blank_above(text, c.index):
                c.lines.insert(0, "")


def _blank_above(text: str, index: int) -> bool:
    """Whether the line above the one holding ``index`` is blank (not asked of a comment on a
    ``---`` line: what stands above a document's marker is the document before's)."""
    start = text.rfind("\n", 0, index)
    if text.startswith("---", start + 1):
        return False
    if start <= 0:
        return False
    above = text.rfind("\n", 0, start) + 1
    return not text[above:start].strip(" \t")


#: Past every line: no blank line is to come.
NO_LINE_NUMBER = 1 << 62


class Layout:
    """The blank lines of one text, kept as the composer puts its nodes in place.

    ``upcoming`` is the first blank line not yet passed: an entry starting at or above it has
    none above it, which the composer's common path tells with one comparison.
    """

    __slots__ = ("at", "blanks", "kept", "order", "root_blank", "text", "upcoming")

    def __init__(self, text: str, comments: dict[int, list[Comment]]) -> None:
        """The layout of ``text``, whose comments (found by :func:`~.comments.collect`) are
        given an empty first line where a blank line stands above them."""
        self.text = text
        self.order = blank_lines(text)
        self.blanks = frozenset(self.order)
        self.at = 0
        self.upcoming = self.order[0] if self.order else NO_LINE_NUMBER
        #: The root is a block collection whose first entry has a blank line above it.
        self.root_blank = False
        #: Where block scalars whose trailing blank lines are content end (1-based lines).
        self.kept: set[int] = set()
        if self.order and comments:
            lead_comments(text, comments)

    def block_scalar(self, event: Event) -> None:
        """Note where the block scalar ``event`` ends when its trailing blank lines are
        content (keep chomping)."""
        if self.order and keeps_trailing_lines(self.text, event):
            self.kept.add(event[END_LINE] + 1)

    def advance(self, line: int) -> None:
        """Pass the blank lines above ``line - 1``: an entry starts on ``line``, and the next
        ones start there or below."""
        order, at = self.order, self.at
        while at < len(order) and order[at] < line - 1:
            at += 1
        self.at = at
        self.upcoming = order[at] if at < len(order) else NO_LINE_NUMBER

    def place(  # noqa: PLR0917 (the composer's one way in, for both collections)
        self, node: Node, first: bool, line: int, start: int, shared: bool, at_root: bool
    ) -> Node:
        """``node``, an entry or item starting at ``line`` (at index ``start``), led by a blank
        line when one stands above it, it is the first on its line and not the first of its
        collection; the first loses those it leads with (``at_root``: in a document's block
        root, where that blank line goes above the root instead). Most take two comparisons."""
        if line > self.upcoming:
            self.advance(line)
        c = node.comments
        if first:
            if c is not None and c.head and not c.head[0]:
                node.comments = Comments(trim_first(c.head), c.line, c.foot)
                self.root_blank = self.root_blank or at_root
            return node
        if (
            line - 1 in self.blanks
            and (c is None or not c.head)
            and line not in self.kept
            and starts_line(self.text, start)
        ):
            return spaced(copy_node(node) if shared else node)
        return node

    def document(
        self, head: list[str], root: Node, foot: list[str]
    ) -> tuple[list[str], Node, list[str], bool]:
        """A document's head, root and foot without blank lines at its start or end, and
        whether its last comments had one after them."""
        c = root.comments
        blank_end = foot[-1:] == [""] or (not foot and c is not None and c.foot[-1:] == [""])
        head, foot = trim_first(head), trim_last(foot)
        return head, self.document_root(root, head=bool(head), foot=bool(foot)), foot, blank_end

    def document_root(self, root: Node, *, head: bool, foot: bool) -> Node:
        """A document's root without blank lines at the document's start (unless the
        document's own comments come first: then one goes between them and the root, when
        the input has one) or at its end (unless its own comments come last)."""
        c = root.comments
        if c is not None and ((not head and leads_blank(root)) or (not foot and _ends_blank(c))):
            root.comments = Comments(
                c.head if head else trim_first(c.head),
                c.line,
                c.foot if foot else trim_last(c.foot),
            )
        if head and (self.root_blank or root.line - 1 in self.blanks):
            root = spaced(root)
        self.root_blank = False
        return root

    def stream_end(self, last: Document) -> None:
        """The last document without blank lines at the stream's end."""
        last.foot = trim_last(last.foot)
        c = last.root.comments
        if not last.foot and c is not None and _ends_blank(c):
            last.root.comments = Comments(c.head, c.line, trim_last(c.foot))


def _ends_blank(c: Comments) -> bool:
    return bool(c.foot) and not c.foot[-1]


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


def trim_inside(node: Mapping | Sequence) -> None:
    """No blank line inside a collection's brackets right after the opening one or right
    before the closing one."""
    if node.inner:
        node.inner = trim_last(trim_first(node.inner)) or None
        return
    last = node.items[-1][1] if isinstance(node, Mapping) else node.items[-1]
    c = last.comments
    assert c is not None
    last.comments = Comments(c.head, c.line, trim_last(c.foot))


def ends_blank(node: Mapping | Sequence) -> bool:
    """Whether a collection's last comments (inside it, or its last child's foot) end with a
    blank line."""
    if node.inner:
        return not node.inner[-1]
    if not node.items:
        return False
    last = node.items[-1][1] if isinstance(node, Mapping) else node.items[-1]
    c = last.comments
    return c is not None and _ends_blank(c)
