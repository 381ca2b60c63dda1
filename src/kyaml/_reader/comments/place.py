"""Placing comments: what each event received, put on the tree the way go-yaml v3's node
builder puts it.

The composer (:mod:`kyaml._reader.compose`) builds the nodes and calls these at each event that
received comments. go-yaml moves comments while building: a mapping key's foot comment belongs
to the entry before it, a value's foot comment to its entry, a block mapping's closing foot
comment to its last entry; kyaml appends where go-yaml overwrites, so no comment is lost.
Comments go-yaml drops are kept where they stand: after an opening bracket, above the first
entry (SPEC §6) or inside an empty collection; on both a key and its value, the key's above the
entry (SPEC §6); a document's head comment that go-yaml also sends to its end, after the
document. Two changes keep formatting idempotent: blank lines are left out of the comments
written between a later document's ``---`` and its root (read again, go-yaml would hand the part
above a blank line to the document before), and a document's trailing comments are kept in text
order.

Whoever asks (the formatter in compact mode, which writes no comments) hears how many comments
each document had.
"""

from __future__ import annotations

from collections.abc import Callable

from kyaml._reader.comments.model import FOOT, HEAD, LINE, Comment
from kyaml._reader.lines import LineIndex
from kyaml._reader.merge import copy_node
from kyaml._tree import Comments, Mapping, Node, Sequence

# Past every index: a block collection has no bracket to stand before or after.
_NO_BRACKET = 1 << 62


class CommentCount:
    """How many comments a document carried, and the 1-based position of its first."""

    __slots__ = ("column", "line", "number")

    def __init__(self, line: int, column: int, number: int) -> None:
        """``number`` comments, the first at ``line`` and ``column``."""
        self.line = line
        self.column = column
        self.number = number

    def moved(self, lines: int) -> CommentCount:
        """The same count, its position ``lines`` lines further down."""
        return CommentCount(self.line + lines, self.column, self.number)


OnComments = Callable[[CommentCount], None]


def lines_of(received: list[Comment], kind: int) -> list[str]:
    """The lines of the comments of ``kind``, in the order they were received."""
    return [line for c in received if c.kind == kind for line in c.lines]


def in_order(received: list[Comment]) -> list[str]:
    """The lines of comments of any kind, in the order they stand in the text."""
    return [line for c in sorted(received, key=lambda c: c.index) for line in c.lines]


def entry_comments(key: Comments | None, value: Comments | None) -> Comments | None:
    """Comments of one mapping entry from its key's and its value's (head, line, foot)."""
    if key is None:
        return value
    if value is None:
        return key
    head = key.head + value.head
    line = value.line
    if key.line:
        if line:  # both: the key's line comment goes above the entry (SPEC §6)
            head = [*head, key.line]
        else:
            line = key.line
    return Comments(head, line, key.foot + value.foot)


def with_head(node: Node, lines: list[str], shared: bool) -> Node:
    """``node`` with ``lines`` put first in its head comments (copied first when shared)."""
    if shared:
        node = copy_node(node)
    c = node.comments
    node.comments = Comments(lines + c.head, c.line, c.foot) if c else Comments(lines[:])
    return node


def own_comments(node: Mapping | Sequence, index: int) -> Comments:
    """The comments of entry or item ``index``, on a node of its own (not one shared with an
    anchor)."""
    if isinstance(node, Mapping):
        key, original = node.items[index]
        value = copy_node(original)
        node.items[index] = (key, value)
    else:
        original = node.items[index]
        value = copy_node(original)
        node.items[index] = value
    c = original.comments
    value.comments = c = Comments(c.head[:], c.line, c.foot[:]) if c else Comments()
    return c


def without_blank_lines(head: list[str], root: Node) -> tuple[list[str], Node]:
    """A later document's head and root with no blank line in their head comments: below its
    ``---``, go-yaml hands the comments before a blank line to the document before, so without
    blank lines they stay with this one next time."""
    head = [line for line in head if line]
    c = root.comments
    if c is not None and "" in c.head:
        root = copy_node(root)
        root.comments = Comments([line for line in c.head if line], c.line, c.foot)
    return head, root


def empty_document(
    head: list[str], root: Node, foot: list[str]
) -> tuple[list[str], Node, list[str]]:
    """The head, root and foot of a document that holds no node, its comments all above the
    ``null`` written for it, without blank lines (where they read back as the same document's:
    comments before a blank line would go to the document before)."""
    c = root.comments
    if c is None and not foot:
        return head, root, foot
    lines = head + (c.head + c.foot if c is not None else []) + foot
    if c is not None:
        root.comments = Comments([], c.line, []) if c.line else None
    return [line for line in lines if line], root, []


class Placer:
    """Puts a stream's comments on its nodes, and counts them per document for ``on_comments``.

    Every method that takes received comments counts them; :meth:`report` ends a document.
    """

    __slots__ = ("doc_comments", "doc_first", "on_comments", "text", "where")

    def __init__(self, text: str, on_comments: OnComments | None) -> None:
        """A placer for the stream ``text``, before its first document."""
        self.text = text
        self.on_comments = on_comments
        self.doc_comments = 0
        self.doc_first = 0
        self.where: LineIndex | None = None

    def count(self, received: list[Comment]) -> None:
        """Count a document's comments (when ``on_comments`` wants to hear of them)."""
        if self.on_comments is not None:
            if not self.doc_comments:
                self.doc_first = min(c.index for c in received)
            self.doc_comments += len(received)

    def report(self) -> None:
        """Tell ``on_comments`` how many comments the document (or the stream's end) had, and
        start counting afresh."""
        n = self.doc_comments
        self.doc_comments = 0
        if not n or self.on_comments is None:
            return
        if self.where is None:  # built once per stream, not once per document
            self.where = LineIndex(self.text)
        where = self.where
        line, column = where.line(self.doc_first) + 1, where.column(self.doc_first) + 1
        self.on_comments(CommentCount(line, column, n))

    def document_head(self, received: list[Comment] | None) -> list[str]:
        """A document's own head comments, from what its start event received; the count of
        its comments starts there."""
        self.doc_comments = 0
        if not received:
            return []
        head = lines_of(received, HEAD)
        self.count(received)
        return head

    def document_foot(self, received: list[Comment]) -> list[str]:
        """A document's trailing comments, in text order, from what its end event received."""
        self.count(received)
        return in_order(received)

    def stream_foot(self, received: list[Comment]) -> list[str]:
        """The comments after the last document, in text order; they are reported at once."""
        self.count(received)
        self.report()
        return in_order(received)

    def node(self, received: list[Comment]) -> Comments:
        """The comments of a scalar's or an alias's node (or a key's), from what its event
        received: a second line comment goes below."""
        self.count(received)
        head = lines_of(received, HEAD)
        line = [c.lines[0] for c in received if c.kind == LINE]
        foot = lines_of(received, FOOT)
        if len(line) > 1:
            foot = line[1:] + foot
        return Comments(head, line[0] if line else "", foot)

    def key(self, parent: Mapping | Sequence, block: bool, received: list[Comment]) -> Comments:
        """The comments of the key being added to ``parent``, from what its event received; a
        foot comment of a key in a block mapping goes to the entry before it (go-yaml)."""
        kc = self.node(received)
        if kc.foot and block and parent.items:
            own_comments(parent, len(parent.items) - 1).foot.extend(kc.foot)
            kc.foot = []
        return kc

    def opening(self, node: Mapping | Sequence, received: list[Comment], bracket: int) -> None:
        """Place what a collection's start event received: before its opening bracket (at
        index ``bracket``; -1 for a block collection) above it; after it (go-yaml drops those)
        held for the first entry (SPEC §6), or kept inside an empty collection."""
        self.count(received)
        opening = bracket if bracket >= 0 else _NO_BRACKET
        head = [text for c in received if c.index < opening for text in c.lines]
        inside = [text for c in received if c.index > opening for text in c.lines]
        if head:
            node.comments = Comments(head)
        if inside:
            node.inner = inside

    def closing(self, node: Mapping | Sequence, received: list[Comment], bracket: int) -> None:
        """Place what a collection's end event received: its line and foot comments when they
        follow it; those before its closing bracket (at index ``bracket``; -1 for a block
        collection), and a block mapping's foot comment, after its last entry (or inside it,
        when it is empty)."""
        self.count(received)
        block = bracket < 0
        closing = _NO_BRACKET if block else bracket
        line = [c.lines[0] for c in received if c.kind == LINE and c.index > closing]
        if block:
            line = [c.lines[0] for c in received if c.kind == LINE]
            inner = [text for c in received if c.kind != LINE for text in c.lines]
            foot: list[str] = []
        else:
            inner = [text for c in received if c.index < closing for text in c.lines]
            foot = [
                text for c in received if c.index > closing and c.kind != LINE for text in c.lines
            ]
        if inner:
            if node.items:
                own_comments(node, len(node.items) - 1).foot.extend(inner)
            else:
                node.inner = (node.inner or []) + inner
        if line or foot:
            c = node.comments
            if c is None:
                c = node.comments = Comments()
            if line:
                c.line = line[0]
                c.foot.extend(line[1:])
            c.foot.extend(foot)
