"""Tree → KYAML text, in regular or compact mode (SPEC §1).

Each renderer appends to one list of strings, joined once. Contract of ``_node``: the cursor is
where the node starts (after ``key: ``, after an item's indent, or at a line start for a root);
it writes the node without its own comments and without a trailing newline — whoever holds the
node (a mapping entry, a sequence item, a document) writes its comments and its line end.
"""

from __future__ import annotations

from functools import lru_cache

from kyaml._quote import key_text, quote_value, scalar_line
from kyaml._tree import Alias, Anchored, Comments, Document, Mapping, Node, Scalar, Sequence, Stream

_INDENTS = ["  " * level for level in range(64)]
# YAML limits an implicit key to 1024 characters; a longer key is written as an explicit `? key`.
_IMPLICIT_KEY_LIMIT = 1024


@lru_cache(maxsize=8192)
def _key(key: str) -> str:
    """A mapping key followed by ``: ``, explicit (``? key: ``) when too long to be implicit.
    Keys repeat from document to document, so their text is cached."""
    text = key_text(key)
    if len(text) > _IMPLICIT_KEY_LIMIT:
        return "? " + text + ": "
    return text + ": "


def _indent(level: int) -> str:
    if level < len(_INDENTS):
        return _INDENTS[level]
    return "  " * level


def emit_stream(stream: Stream, *, compact: bool = False) -> str:
    """The KYAML text of a whole stream: each document after a ``---`` line, newline-terminated.

    Comment-only input gives its comments (none in compact mode, which writes no comments).
    """
    out: list[str] = []
    if not stream.documents:
        if not compact:
            _comment_lines(stream.comments, "", out)
        return "".join(out)
    for doc in stream.documents:
        out.append("---\n")
        if compact:
            _compact(doc.root, out)
            out.append("\n")
        else:
            _document(doc, out)
    return "".join(out)


def node_text(node: Node) -> str:
    """The KYAML of ``node`` as a document root is written, without the ``---`` line, the final
    newline and the node's own comments (which its holder writes)."""
    out: list[str] = []
    _node(node, 0, out)
    return "".join(out)


def _comment_lines(lines: list[str], indent: str, out: list[str]) -> None:
    """Comment lines at ``indent``, each ending in a newline; a blank line stays empty."""
    for line in lines:
        out.append(indent + line + "\n" if line else "\n")


def _document(doc: Document, out: list[str]) -> None:
    root = doc.root
    c = root.comments
    _comment_lines(doc.head, "", out)
    if c is not None:
        _comment_lines(c.head, "", out)
    _node(root, 0, out)
    if c is not None and c.line:
        out.append(" " + c.line)
    out.append("\n")
    if c is not None:
        _comment_lines(c.foot, "", out)
    _comment_lines(doc.foot, "", out)


def _scalar(node: Scalar, level: int) -> str:
    value = node.value
    if isinstance(value, str):
        return quote_value(value, _indent(level + 1))
    return node.text if node.text is not None else scalar_line(value)


def _node(node: Node, level: int, out: list[str]) -> None:
    """Write ``node`` at nesting ``level`` (see the module docstring for the contract)."""
    kind = node.__class__
    if kind is Mapping:
        _mapping(node, level, out)  # type: ignore[arg-type]
    elif kind is Sequence:
        _sequence(node, level, out)  # type: ignore[arg-type]
    elif kind is Scalar:
        out.append(_scalar(node, level))  # type: ignore[arg-type]
    elif kind is Anchored:  # anchors kept: `&name` before the node
        out.append("&" + node.name + " ")  # type: ignore[attr-defined]
        _node(node.node, level, out)  # type: ignore[attr-defined]
    elif kind is Alias:
        out.append("*" + node.name)  # type: ignore[attr-defined]
    else:  # pragma: no cover - the tree holds only these kinds
        raise TypeError(f"unexpected node type {type(node).__name__}")


def _empty(node: Mapping | Sequence, brackets: str, level: int, out: list[str]) -> None:
    """An empty collection: ``{}``/``[]``, or its brackets around the comments it holds."""
    if node.inner:
        out.append(brackets[0] + "\n")
        _comment_lines(node.inner, _indent(level + 1), out)
        out.append(_indent(level) + brackets[1])
    else:
        out.append(brackets)


def _tail(c: Comments | None, inner: str, out: list[str]) -> None:
    """The end of an entry or item: its comma, its line comment, its foot comments below it."""
    if c is None:
        out.append(",\n")
        return
    out.append(", " + c.line + "\n" if c.line else ",\n")
    if c.foot:
        _comment_lines(c.foot, inner, out)


def _mapping(node: Mapping, level: int, out: list[str]) -> None:
    if not node.items:
        _empty(node, "{}", level, out)
        return
    inner = _indent(level + 1)
    append = out.append
    append("{\n")
    for key, value in node.items:
        c = value.comments
        if c is not None and c.head:
            _comment_lines(c.head, inner, out)
        if value.__class__ is Scalar:  # the common case, on one append
            append(inner + _key(key) + _scalar(value, level + 1))
        else:
            append(inner + _key(key))
            _node(value, level + 1, out)
        if c is None:
            append(",\n")
        else:
            _tail(c, inner, out)
    if node.inner:
        _comment_lines(node.inner, inner, out)
    append(_indent(level) + "}")


def _cuddles(node: Sequence) -> bool:
    """A list is cuddled when every item is a collection (not an anchored one nor an alias)
    and nothing in it carries a comment or stands after a blank line."""
    if node.inner:
        return False
    for item in node.items:
        kind = item.__class__
        if (kind is not Mapping and kind is not Sequence) or item.comments:
            return False
    return True


def _sequence(node: Sequence, level: int, out: list[str]) -> None:
    if not node.items:
        _empty(node, "[]", level, out)
        return
    if _cuddles(node):
        out.append("[")
        first = True
        for item in node.items:
            if not first:
                out.append(", ")
            first = False
            _node(item, level, out)
        out.append("]")
        return
    inner = _indent(level + 1)
    append = out.append
    append("[\n")
    for item in node.items:
        c = item.comments
        if c is not None and c.head:
            _comment_lines(c.head, inner, out)
        if item.__class__ is Scalar:
            append(inner + _scalar(item, level + 1))
        else:
            append(inner)
            _node(item, level + 1, out)
        if c is None:
            append(",\n")
        else:
            _tail(c, inner, out)
    if node.inner:
        _comment_lines(node.inner, inner, out)
    out.append(_indent(level) + "]")


def _compact(node: Node, out: list[str]) -> None:
    """Write ``node`` on one line: ``, `` between elements, one-line strings, no comments."""
    if isinstance(node, Scalar):
        out.append(node.text if node.text is not None else scalar_line(node.value))
    elif isinstance(node, Mapping):
        out.append("{")
        first = True
        for key, value_node in node.items:
            if not first:
                out.append(", ")
            first = False
            out.append(_key(key))
            _compact(value_node, out)
        out.append("}")
    elif isinstance(node, Sequence):
        out.append("[")
        first = True
        for item in node.items:
            if not first:
                out.append(", ")
            first = False
            _compact(item, out)
        out.append("]")
