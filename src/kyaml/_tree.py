"""The document tree every path shares: parse → tree → emitters, and Python data → tree.

Nodes are small slotted objects. Keys are always strings (their source text, SPEC §4), so a
mapping holds ``(key, value)`` pairs. Comments attached to a mapping entry, a sequence item or a
document root live on that value node's ``comments``; comments inside an empty collection (or
otherwise belonging to no item) live on the collection's ``inner`` list.

A comment is one source line's text from its ``#`` to the line end with trailing whitespace
removed; an empty string inside a comment group stands for a blank line.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import TypeAlias


ScalarValue: TypeAlias = "bool | int | float | str | None"

#: Deepest nesting of collections any path accepts; deeper input is refused with a clean error
#: (the emitters recurse once per level, and Python's stack is bounded).
MAX_DEPTH = 400


class Comments:
    """Comments attached to one node: above it, after it on its line, and below it."""

    __slots__ = ("foot", "head", "line")

    def __init__(
        self, head: list[str] | None = None, line: str = "", foot: list[str] | None = None
    ) -> None:
        self.head: list[str] = head if head is not None else []
        self.line: str = line
        self.foot: list[str] = foot if foot is not None else []

    def __bool__(self) -> bool:
        return bool(self.head or self.line or self.foot)

    def __repr__(self) -> str:
        return f"Comments(head={self.head!r}, line={self.line!r}, foot={self.foot!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Comments):
            return NotImplemented
        return (self.head, self.line, self.foot) == (other.head, other.line, other.foot)

    __hash__ = None  # type: ignore[assignment]


class Node:
    """Base of all nodes: optional comments and a 1-based source position (0 when unknown)."""

    __slots__ = ("column", "comments", "line")

    def __init__(self, line: int = 0, column: int = 0) -> None:
        self.comments: Comments | None = None
        self.line = line
        self.column = column


class Scalar(Node):
    """A resolved scalar.

    ``value`` is the data (None, bool, int, float or str). ``text`` is set only for a number whose
    source text is already in a safe form (SPEC §3.3) and is copied as typed; otherwise the
    emitter derives the text from ``value``.
    """

    __slots__ = ("text", "value")

    def __init__(
        self, value: ScalarValue, text: str | None = None, line: int = 0, column: int = 0
    ) -> None:
        self.comments: Comments | None = None  # Node's fields, set here: one call less per node
        self.line = line
        self.column = column
        self.value: ScalarValue = value
        self.text = text

    def __repr__(self) -> str:
        return f"Scalar({self.value!r})"


class Mapping(Node):
    """A mapping: ``(key text, value)`` pairs in input order; keys are unique."""

    __slots__ = ("inner", "items")

    def __init__(
        self, items: list[tuple[str, Node]] | None = None, line: int = 0, column: int = 0
    ) -> None:
        self.comments: Comments | None = None
        self.line = line
        self.column = column
        self.items: list[tuple[str, Node]] = items if items is not None else []
        self.inner: list[str] | None = None

    def __repr__(self) -> str:
        return f"Mapping({self.items!r})"


class Sequence(Node):
    """A sequence of nodes in input order."""

    __slots__ = ("inner", "items")

    def __init__(self, items: list[Node] | None = None, line: int = 0, column: int = 0) -> None:
        self.comments: Comments | None = None
        self.line = line
        self.column = column
        self.items: list[Node] = items if items is not None else []
        self.inner: list[str] | None = None

    def __repr__(self) -> str:
        return f"Sequence({self.items!r})"


class Anchored(Node):
    """A node that carries an anchor (``&name``), kept when ``anchors="keep"``.

    It wraps the anchored ``node`` and holds the comments of the place where it stands; the
    aliases to it are :class:`Alias` nodes. With anchors expanded the tree has neither.
    """

    __slots__ = ("name", "node")

    def __init__(self, name: str, node: Node) -> None:
        self.comments: Comments | None = None
        self.line = node.line
        self.column = node.column
        self.name = name
        self.node = node

    def __repr__(self) -> str:
        return f"Anchored({self.name!r}, {self.node!r})"


class Alias(Node):
    """An alias (``*name``) to an anchored node, kept when ``anchors="keep"``: ``target`` is
    the node it stands for (the one an :class:`Anchored` wraps)."""

    __slots__ = ("name", "target")

    def __init__(self, name: str, target: Node, line: int = 0, column: int = 0) -> None:
        self.comments: Comments | None = None
        self.line = line
        self.column = column
        self.name = name
        self.target = target

    def __repr__(self) -> str:
        return f"Alias({self.name!r})"


class Document:
    """One document: its root node and the comments that belong to the document itself.

    ``head`` comments are written before the root's own head comments, ``foot`` after the root's
    foot comments.
    """

    __slots__ = ("bare", "blank_end", "foot", "head", "root")

    def __init__(
        self, root: Node, head: list[str] | None = None, foot: list[str] | None = None
    ) -> None:
        self.root = root
        self.head: list[str] = head if head is not None else []
        self.foot: list[str] = foot if foot is not None else []
        #: No node after a ``...`` (``---`` then nothing): its comments stand above its null.
        self.bare = False
        #: Its last comments had a blank line after them, not written at the document's end
        #: (comments a later document hands it come after one).
        self.blank_end = False

    def __repr__(self) -> str:
        return f"Document({self.root!r})"


class Stream:
    """A whole input: its documents in order, or, for comment-only input, just the comments."""

    __slots__ = ("comments", "documents")

    def __init__(
        self, documents: list[Document] | None = None, comments: list[str] | None = None
    ) -> None:
        self.documents: list[Document] = documents if documents is not None else []
        self.comments: list[str] = comments if comments is not None else []


def first_comment(stream: Stream) -> tuple[int, int] | None:
    """The position of the first node that carries a comment (0, 0 when it has none), or None
    when the stream has no comment at all."""
    if stream.comments:
        return (0, 0)
    for doc in stream.documents:
        if doc.head or doc.foot:
            return (doc.root.line, doc.root.column)
        stack: list[Node] = [doc.root]
        while stack:
            node = stack.pop()
            if node.comments or (isinstance(node, (Mapping, Sequence)) and node.inner):
                return (node.line, node.column)
            if isinstance(node, Mapping):
                stack.extend(value for _, value in reversed(node.items))
            elif isinstance(node, Sequence):
                stack.extend(reversed(node.items))
            elif isinstance(node, Anchored):
                stack.append(node.node)
    return None


def has_anchors(node: Node) -> bool:
    """Whether ``node`` holds an anchor or an alias (only a tree read with anchors kept does)."""
    stack: list[Node] = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, (Anchored, Alias)):
            return True
        if isinstance(node, Mapping):
            stack.extend(value for _, value in node.items)
        elif isinstance(node, Sequence):
            stack.extend(node.items)
    return False
