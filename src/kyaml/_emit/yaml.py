"""Tree → conventional block YAML, the style ``kubectl get -o yaml`` prints (SPEC §5).

Layout: two-space indents; a sequence that is a mapping value starts its ``- `` items at the key's
column; a mapping or sequence inside a sequence item continues on the item's line (``- a: 1``,
``- - x``); empty collections are ``{}`` and ``[]``; documents are separated by ``---`` lines and
the first document has none (unless its first comments hold a blank line), so a one-document
stream reads like ``kubectl get -o yaml``.

Scalars: strings are plain only when :func:`kyaml._quote.plain_safe` says every reader takes them
for that string (the Norway rule), multi-line strings are literal block scalars when
:func:`kyaml._quote.literal_header` says they read back exactly, and everything else is
double-quoted on one line with KYAML's one-line escapes. Numbers keep KYAML's safe forms.

Comments go where kyaml's reader (which attaches them as SPEC §1 says) finds them again, so
KYAML → YAML → KYAML is exact. Head comments go above an entry or item, line comments at the end
of its first line (after ``key:`` when the value is a block collection), foot comments below it
at its column. The reader tells groups apart by blank lines and indentation, so kyaml adds blank
lines where they carry meaning: after a document's own head comments and before its foot
comments, before a group between two entries that holds a blank line, and after the comments
that end a nested mapping below a deeper block. A list followed by comments is indented under its
key. Where block layout has no place for a comment (a line comment on a collection that is a
list item or a root; comments before the root of a later document; a group with a blank line at
the end of a collection) that collection is written in flow style, as KYAML, which is YAML too.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from kyaml._emit.kyaml import emit_stream, node_text
from kyaml._quote import float_text, int_text, literal_header, plain_safe, quote_line
from kyaml._tree import (
    Document,
    Mapping,
    Node,
    Scalar,
    Sequence,
    Stream,
    first_comment,
    has_anchors,
)

# Longest key written as an implicit ``key: value``; YAML readers refuse implicit keys past 1024
# characters, so longer keys use the explicit ``? key`` form.
_MAX_IMPLICIT_KEY = 1000
# A placeholder for a blank line that is written only when no comment line follows it.
_BLANK_UNLESS_COMMENT = "\x00"


def emit_yaml(stream: Stream, flow: Collection[int] = (), *, layout: bool = False) -> str:
    """The block YAML text of a whole stream, newline-terminated; empty input gives ``""``.

    Comment-only input gives its comments. The documents whose indexes are in ``flow`` are
    written in flow style (as KYAML).
    """
    writer = _Writer(layout)
    if not stream.documents:
        writer.comments(stream.comments, "")
        return "".join(writer.out)
    last = len(stream.documents) - 1
    for index, doc in enumerate(stream.documents):
        writer.document(doc, index, index == last, index in flow)
    out = writer.out
    for i, piece in enumerate(out):
        if piece == _BLANK_UNLESS_COMMENT:
            following = out[i + 1].lstrip(" ") if i + 1 < len(out) else "#"
            out[i] = "" if following[:1] in ("#", "\n") else "\n"
    return "".join(out)


def block_yaml(stream: Stream, read_back: Callable[[str], Stream], *, layout: bool = False) -> str:
    """The block YAML of a stream that reads back as the same KYAML, comments included.

    Block YAML has fewer places for comments than KYAML, and the reader attaches comments by
    rules that turn on blank lines and indentation (SPEC §1). The emitter places them by those
    rules; as a guarantee, when the stream has comments its block YAML is read back
    (``read_back``, the formatter's reader) and any document whose KYAML would change is written
    in flow style (as KYAML, which is YAML too). With ``layout`` (blank lines kept), a comment
    group can read back attached elsewhere with the same KYAML (a head becomes the foot of the
    entry above it): the tree read back is written again until its block YAML is its own.
    """
    text = emit_yaml(stream, layout=layout)
    if first_comment(stream) is None:
        return text
    expected = [_kyaml(doc) for doc in stream.documents]
    flow: set[int] = set()
    rewrites = 0
    while True:
        back = read_back(text)
        if len(back.documents) == len(expected):
            changed = {i for i, doc in enumerate(back.documents) if _kyaml(doc) != expected[i]}
        else:  # pragma: no cover - the emitter writes one `---` per document
            changed = set(range(len(expected)))
        if not changed:
            if not layout or rewrites == _REWRITES:
                return text
            again = emit_yaml(back, flow, layout=layout)
            if again == text:
                return text
            stream, text = back, again
            rewrites += 1
            continue
        if len(flow) == len(expected):
            return text
        # a document can read differently after a block document: then all are kept in flow
        flow = flow | changed if not changed <= flow else set(range(len(expected)))
        text = emit_yaml(stream, flow, layout=layout)


# How many times block_yaml writes a tree read back again, looking for its own block YAML.
_REWRITES = 3


def _kyaml(doc: Document) -> str:
    return emit_stream(Stream([doc]))


def _is_block(node: Node) -> bool:
    """Whether ``node`` is written as a block collection (a non-empty mapping or sequence)."""
    return isinstance(node, (Mapping, Sequence)) and bool(node.items)


def _last_child(node: Mapping | Sequence) -> Node:
    return node.items[-1][1] if isinstance(node, Mapping) else node.items[-1]


def _ends_in_comment(node: Node) -> bool:
    """Whether the block layout of ``node`` ends with a comment line (inside the node)."""
    while isinstance(node, (Mapping, Sequence)) and node.items:
        if node.inner:
            return True
        node = _last_child(node)
        if node.comments is not None and node.comments.foot:
            return True
    return False


def _has_foot(node: Node) -> bool:
    return node.comments is not None and bool(node.comments.foot)


def _last_scalar(node: Node) -> Node:
    """The node written last in the block layout of ``node``."""
    while isinstance(node, (Mapping, Sequence)) and node.items:
        node = _last_child(node)
    return node


def _trailing_blank(node: Node) -> bool:
    """Whether a comment group after the last entry of a block collection in ``node`` holds a
    blank line (the reader would cut the group there, moving its rest out of the collection)."""
    stack = [node]  # a stack, not recursion: the deepest tree stays far from Python's limit
    while stack:
        node = stack.pop()
        if not _is_block(node):
            continue
        assert isinstance(node, (Mapping, Sequence))
        last = _last_child(node)
        if "" in (node.inner or ()) or (last.comments is not None and "" in last.comments.foot):
            return True
        if isinstance(node, Mapping):
            stack.extend(value for _, value in node.items)
        else:
            stack.extend(node.items)
    return False


def _flow_text(node: Mapping | Sequence, col: int) -> str:
    """``node`` in flow style as KYAML writes it (without its own comments), its lines after
    the first indented by ``col`` more (whitespace a flow collection ignores)."""
    lines = node_text(node).split("\n")
    pad = " " * col
    return "\n".join([lines[0]] + [pad + line if line else line for line in lines[1:]])


def _first_head(node: Node) -> list[str]:
    """The head comments of the first entry or item of a collection (none for a scalar)."""
    if not _is_block(node):
        return []
    assert isinstance(node, (Mapping, Sequence))
    first = node.items[0][1] if isinstance(node, Mapping) else node.items[0]
    return first.comments.head if first.comments is not None else []


def _key(key: str) -> str:
    if plain_safe(key) and len(key) <= _MAX_IMPLICIT_KEY:
        return key
    return quote_line(key)


class _Writer:
    """One conversion: the output pieces, and the scalars that must not be literal blocks."""

    __slots__ = ("carried", "layout", "no_literal", "out")

    def __init__(self, layout: bool) -> None:
        self.out: list[str] = []
        self.no_literal: set[int] = set()
        self.layout = layout
        #: A document's own last comments, written below the next document's ``---``.
        self.carried: list[str] = []

    def comments(self, lines: list[str], indent: str) -> None:
        """Comment lines at ``indent``, each ending in a newline; a blank line stays empty."""
        self.out.extend(indent + line + "\n" if line else "\n" for line in lines)

    def document(self, doc: Document, index: int, last: bool, flow: bool) -> None:
        out = self.out
        root = doc.root
        c = root.comments
        block = _is_block(root)
        head = doc.head + c.head if c is not None else doc.head
        own = doc.foot
        carry: list[str] = []
        if self.layout and not last and own and "" not in own:
            # Below the next `---`, up to a blank line, they are still this document's; here
            # they would need a blank line above them, which the reader keeps as the input's.
            carry, own = own, []
        foot = c.foot + own if c is not None else own
        line = c.line if c is not None else ""
        first = _first_head(root)
        blank_first = "" in first and (index or head)
        carried, self.carried = self.carried, carry
        # No block layout reads back with some comments in place: the root is kept in flow.
        in_flow = has_anchors(root) or (
            block and (flow or line or (head and index) or blank_first or _trailing_blank(root))
        )
        if in_flow or index or ("" in head if not block else "" in first):
            out.append("---\n")  # else the reader cuts the first comments at a blank line
        if carried:
            self.comments(carried, "")
            out.append("\n")
        if in_flow:
            out.append(emit_stream(Stream([Document(root, doc.head, own)])).removeprefix("---\n"))
            return
        self.comments(head, "")
        if head and block and head[-1]:
            out.append("\n")  # a blank line makes these the document's, not the first entry's
        if block and foot:
            # the blank line before the foot would be content of a final `|+` block
            self.no_literal.add(id(_last_scalar(root)))
        tail = " " + line + "\n" if line else "\n"
        if isinstance(root, Scalar):
            self.scalar(root, 0, tail, root=True)
        elif not block:
            self.empty(root, 0)
            out.append(tail)
        else:
            assert isinstance(root, (Mapping, Sequence))
            self.children(root, 0, inline=False)
        if block and (foot or (not last and _ends_in_comment(root))):
            if out[-1] == _BLANK_UNLESS_COMMENT:
                out.pop()
            if not (foot and not foot[0]):
                out.append("\n")  # keeps the root's last comments apart from the document's
        self.comments(foot, "")

    def scalar(self, node: Scalar, col: int, tail: str, *, root: bool = False) -> None:
        """A scalar after the cursor (a space first unless at a root), then ``tail``; a literal
        block's content follows at ``col + 2``."""
        out = self.out
        lead = "" if root else " "
        value = node.value
        if isinstance(value, str):
            if plain_safe(value):
                out.append(lead + value + tail)
                return
            header = None
            if "\n" in value and id(node) not in self.no_literal:
                header = literal_header(value, root=root)
            if header is None:
                out.append(lead + quote_line(value) + tail)
                return
            out.append(lead + header + tail)
            indent = " " * (col + 2)
            lines = value.split("\n")
            if header[-1] != "-":
                del lines[-1]  # after the final newline; kept extra newlines stay empty lines
            out.extend(indent + text + "\n" if text else "\n" for text in lines)
            return
        if value is None:
            text = "null"
        elif value is True:
            text = "true"
        elif value is False:
            text = "false"
        elif node.text is not None:
            text = node.text
        elif isinstance(value, int):
            text = int_text(value)
        else:
            text = float_text(value)
        out.append(lead + text + tail)

    def empty(self, node: Node, col: int) -> None:
        """An empty mapping or sequence in flow style; comments inside it on their own lines."""
        assert isinstance(node, (Mapping, Sequence))
        out = self.out
        opening, closing = ("{", "}") if isinstance(node, Mapping) else ("[", "]")
        if not node.inner:
            out.append(opening + closing)
            return
        indent = " " * (col + 2)
        out.append(opening + "\n")
        self.comments(node.inner, indent)
        out.append(indent + closing)

    def value(self, node: Node, col: int, *, item: bool, followed: bool = False) -> None:
        """Write ``node`` after ``key:`` or ``-`` at column ``col``, with its line comment and
        all its lines; the holder writes its head and foot comments. ``followed``: comments
        come next at column ``col`` (the entry's foot), not a sibling key."""
        out = self.out
        c = node.comments
        line = c.line if c is not None else ""
        tail = " " + line + "\n" if line else "\n"
        if isinstance(node, Scalar):
            self.scalar(node, col, tail)
            return
        assert isinstance(node, (Mapping, Sequence))
        if not node.items:
            out.append(" ")
            self.empty(node, col)
            out.append(tail)
            return
        if item and line:
            # a line comment after `-` would be read as the first entry's: write it in flow
            out.append(" " + _flow_text(node, col + 2) + tail)
            return
        inline = item and not _first_head(node)
        out.append(" " if inline else tail)
        if isinstance(node, Mapping):
            self.children(node, col + 2, inline=inline)
        elif item or followed or node.inner or _has_foot(node.items[-1]):
            # (comments right below an unindented list would be read as its last item's)
            self.children(node, col + 2, inline=inline)
        else:
            self.children(node, col, inline=False)  # kubectl's style: `- ` at the key's column

    def children(self, node: Mapping | Sequence, col: int, *, inline: bool) -> None:
        """The entries (key, value) of a non-empty mapping or the items of a non-empty sequence
        at column ``col`` (each item's ``-`` there), with their comments; the first one at the
        cursor when ``inline`` (after ``- ``). Called straight from :meth:`value`, so that the
        writer takes two frames a level and the deepest tree fits Python's default recursion
        limit.

        The comments between two children (the first one's foot, the next one's head) are one
        group for the reader; when it holds a blank line, a blank line goes before it, or the
        reader would cut the group at its first blank line and drop that line.
        """
        out = self.out
        indent = " " * col
        pairs: list[tuple[str, Node]] | list[tuple[None, Node]]
        pairs = node.items if isinstance(node, Mapping) else [(None, item) for item in node.items]
        last = len(pairs) - 1
        for index, (key, value) in enumerate(pairs):
            c = value.comments
            foot = c.foot if c is not None else []
            if c is not None and c.head:
                self.comments(c.head, indent)
            split = False
            if index < last:
                following = pairs[index + 1][1].comments
                head = following.head if following is not None else []
                if self.layout:
                    # the tree's own blank lines: the reader keeps them where they stand, and
                    # cutting a group between two children changes no KYAML
                    blank = not foot[0] if foot else bool(head) and not head[0]
                else:
                    blank = split = "" in foot or "" in head
                if blank:  # a blank line after a `|+` block would be its content
                    self.no_literal.add(id(_last_scalar(value)))
            prefix = "" if inline else indent
            inline = False
            if key is None:
                out.append(prefix + "-")
            else:
                text = _key(key)
                if len(text) > _MAX_IMPLICIT_KEY:
                    out.append(prefix + "? " + text + "\n" + indent + ":")
                else:
                    out.append(prefix + text + ":")
            followed = bool(foot) or (index == last and bool(node.inner))
            self.value(value, col, item=key is None, followed=followed)
            if split:
                out.append("\n")
            self.comments(foot, indent)
        if node.inner:
            self.comments(node.inner, indent)
        tail = pairs[-1][1]
        if (
            col
            and isinstance(node, Mapping)
            and _is_block(tail)
            and (node.inner or _has_foot(tail))
        ):
            # comments that end a nested mapping after a deeper block stay in it only when a
            # blank line follows them, and unless more comments follow (see emit_yaml)
            out.append(_BLANK_UNLESS_COMMENT)
