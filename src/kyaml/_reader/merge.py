"""Merge keys (YAML 1.1, SPEC §4), and the node copies that let a shared node carry comments.

A plain ``<<`` key whose value is a mapping, or a list of mappings (usually aliases), brings
their entries into the mapping: the mapping's own keys win, then earlier merged mappings win
over later ones. The merged entries take the place of the ``<<`` entry, in their order, and the
``<<`` entry's comments go to them, with every comment of the value that no merged entry carries
(on the value itself, on an alias in its list, on an entry an own key overrides).
"""

from __future__ import annotations

from kyaml._tree import Alias, Anchored, Comments, Mapping, Node, Scalar, Sequence
from kyaml.errors import KyamlError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import TypeAlias

#: A merge key seen while building a mapping: where its entries go (an index into the mapping's
#: own entries), its value, the ``<<`` entry's comments, and its line and column.
Merge: TypeAlias = "tuple[int, Node, Comments | None, int, int]"


def copy_node(node: Node) -> Node:
    """A new top node sharing ``node``'s content (not its comments), so that it can carry
    comments of its own where an anchored node is used again."""
    copy: Node
    if isinstance(node, Scalar):
        copy = Scalar(node.value, node.text, node.line, node.column)
    elif isinstance(node, Anchored):
        copy = Anchored(node.name, node.node)
    elif isinstance(node, Alias):
        copy = Alias(node.name, node.target, node.line, node.column)
    elif isinstance(node, Mapping):
        copy = Mapping(node.items, node.line, node.column)
        copy.inner = node.inner
    else:
        assert isinstance(node, Sequence)
        copy = Sequence(node.items, node.line, node.column)
        copy.inner = node.inner
    return copy


def apply_merges(node: Mapping, merges: list[Merge]) -> None:
    """Replace ``node``'s merge keys by the entries they bring."""
    own = node.items
    taken = {key for key, _ in own}
    result: list[tuple[str, Node]] = []
    at = 0
    for index, value, comments, line, column in merges:
        result.extend(own[at:index])
        at = index
        merged: list[tuple[str, Node]] = []
        stray: list[str] = []  # (the value's own comments are the entry's: in ``comments``)
        for site, source in _sources(value, line, column):
            if site is not value:  # an item of the value's list
                stray += _lines(site.comments)
            for key, item in source.items:
                if key not in taken:
                    taken.add(key)
                    merged.append((key, item))
                else:  # overridden: its comments stay, above the merged entries
                    stray += _lines(item.comments)
        foot = comments.foot if comments is not None else []
        _place_comments(_above(comments) + stray, foot, merged, result, own, index)
        result.extend(merged)
    result.extend(own[at:])
    node.items = result


def _above(comments: Comments | None) -> list[str]:
    """The head and line comments of ``comments``, in reading order."""
    if comments is None:
        return []
    return comments.head + ([comments.line] if comments.line else [])


def _lines(comments: Comments | None) -> list[str]:
    """All comment lines of ``comments``, in reading order."""
    return _above(comments) + (comments.foot if comments is not None else [])


def _sources(value: Node, line: int, column: int) -> list[tuple[Node, Mapping]]:
    """The mappings a merge key's value brings, each beside the node that stands for it there
    (itself, or the alias or anchor that holds it when anchors are kept)."""
    target = _unwrapped(value)
    if isinstance(target, Mapping):
        return [(value, target)]
    if isinstance(target, Sequence):
        found = [(item, _unwrapped(item)) for item in target.items]
        if all(isinstance(source, Mapping) for _, source in found):
            return found  # type: ignore[return-value]
    raise KyamlError(
        "the value of a merge key (<<) must be a mapping or a list of mappings", line, column
    )


def _unwrapped(node: Node) -> Node:
    """The node an alias or an anchor kept stands for (else ``node`` itself)."""
    while True:
        if isinstance(node, Alias):
            node = node.target
        elif isinstance(node, Anchored):
            node = node.node
        else:
            return node


def _with(node: Node, head: list[str], foot: list[str]) -> Node:
    """A copy of ``node`` with ``head`` above its head comments and ``foot`` after its foot."""
    copy = copy_node(node)
    c = node.comments
    if c is None:
        copy.comments = Comments(head[:], "", foot[:])
    else:
        copy.comments = Comments(head + c.head, c.line, c.foot + foot)
    return copy


def _place_comments(  # noqa: PLR0917 (one call site)
    head: list[str],
    foot: list[str],
    merged: list[tuple[str, Node]],
    before: list[tuple[str, Node]],
    own: list[tuple[str, Node]],
    index: int,
) -> None:
    """The ``<<`` entry's comments go to the entries it brings: ``head`` (its head and line
    comments, and the value's that no entry carries) above the first, ``foot`` after the last;
    when it brings none, to the entry before it (or else after it)."""
    if merged:
        if head:
            key, first = merged[0]
            merged[0] = (key, _with(first, head, []))
        if foot:
            key, last = merged[-1]
            merged[-1] = (key, _with(last, [], foot))
        return
    lines = head + foot
    if not lines:
        return
    if before:
        key, last = before[-1]
        before[-1] = (key, _with(last, [], lines))
    elif index < len(own):
        key, following = own[index]
        own[index] = (key, _with(following, lines, []))
