"""Anchors kept (``anchors="keep"``): each alias written after its anchor, each anchor once.

The composer wraps every anchored node (:class:`~kyaml._tree.Anchored`) and turns every alias
into an :class:`~kyaml._tree.Alias` to the node it stands for. Before the tree is written, one
pass in writing order settles what the text will say:

- an anchor written a second time (an entry a merge key copied, with the anchor it carried) is
  left out the second time;
- an alias whose anchor is not written (an anchor on a key, or on a mapping a merge key
  absorbed) is written as the node itself, with the anchor, the first time, and as an alias
  after;
- an anchor name used again for another node (which YAML allows, and later aliases then mean
  the later node) gets a name of its own (``name_2``), and its aliases with it, since PyYAML
  refuses a name used twice.

Nodes shared with other places (merged entries, aliases) are copied, never changed.
"""

from __future__ import annotations

from kyaml._reader.merge import copy_node
from kyaml._tree import Alias, Anchored, Comments, Mapping, Node, Sequence
from kyaml.errors import Diagnostic


def expanded(n: int, line: int, column: int, name: str) -> Diagnostic:
    """What a document whose ``n`` aliases were expanded is told, at the first (``*name``)."""
    if n == 1:
        message = f"1 alias expanded: *{name} written as a copy of its anchor's value"
    else:
        message = (
            f"{n} aliases expanded, each written as a copy of its anchor's value"
            f" (the first, *{name}, here)"
        )
    return Diagnostic(line, column, "info", message, "KY303")


def settle(root: Node) -> Node:
    """``root`` with its anchors and aliases as they will be written (see the module's text)."""
    return _Settler().node(root)


class _Settler:
    """One pass over a document: the name each written anchored node got."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {}
        self.used: set[str] = set()

    def node(self, node: Node) -> Node:
        kind = node.__class__
        if kind is Anchored:
            return self._anchored(node)  # type: ignore[arg-type]
        if kind is Alias:
            return self._alias(node)  # type: ignore[arg-type]
        if kind is Mapping:
            return self._mapping(node)  # type: ignore[arg-type]
        if kind is Sequence:
            return self._sequence(node)  # type: ignore[arg-type]
        return node

    def _name(self, name: str, target: Node) -> str:
        """The name ``target``'s anchor is written with: ``name``, unless another node has it."""
        chosen, n = name, 1
        while chosen in self.used:
            n += 1
            chosen = f"{name}_{n}"
        self.used.add(chosen)
        self.names[id(target)] = chosen
        return chosen

    def _anchored(self, node: Anchored) -> Node:
        inner = node.node
        if id(inner) in self.names:  # written already: a copy a merge key made
            return _copy_with(self.node(inner), node.comments)
        name = self._name(node.name, inner)
        done = self.node(inner)
        if done is inner and name == node.name:
            return node
        return _with(Anchored(name, done), node.comments)

    def _alias(self, node: Alias) -> Node:
        name = self.names.get(id(node.target))
        if name is None:  # its anchor is not written: the first alias writes the node
            name = self._name(node.name, node.target)
            return _with(Anchored(name, self.node(node.target)), node.comments)
        if name == node.name:
            return node
        return _with(Alias(name, node.target, node.line, node.column), node.comments)

    def _mapping(self, node: Mapping) -> Node:
        items = node.items
        changed: list[tuple[str, Node]] | None = None
        for i, (key, value) in enumerate(items):
            done = self.node(value)
            if changed is None and done is not value:
                changed = items[:i]
            if changed is not None:
                changed.append((key, done))
        if changed is None:
            return node
        copy = Mapping(changed, node.line, node.column)
        copy.comments, copy.inner = node.comments, node.inner
        return copy

    def _sequence(self, node: Sequence) -> Node:
        items = node.items
        changed: list[Node] | None = None
        for i, item in enumerate(items):
            done = self.node(item)
            if changed is None and done is not item:
                changed = items[:i]
            if changed is not None:
                changed.append(done)
        if changed is None:
            return node
        copy = Sequence(changed, node.line, node.column)
        copy.comments, copy.inner = node.comments, node.inner
        return copy


def _with(new: Node, comments: Comments | None) -> Node:
    """``new``, a node made here, carrying ``comments``."""
    new.comments = comments
    return new


def _copy_with(node: Node, comments: Comments | None) -> Node:
    """``node``, which other places may share, carrying ``comments`` (a copy when they
    differ from its own)."""
    if comments is node.comments:
        return node
    return _with(copy_node(node), comments)
