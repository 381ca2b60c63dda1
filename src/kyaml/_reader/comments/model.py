"""What the stages of :mod:`kyaml._reader.comments` hand on: a comment, tagged with its kind.

A comment is found in the text (:mod:`.gaps`, :mod:`.runs`), handed to the event that receives
it (:mod:`.assign`) and put on the tree (:mod:`.place`); its kind says where go-yaml v3 puts it
relative to the node that receives it.
"""

from __future__ import annotations

#: Above the node, after it on its line, below it.
HEAD, LINE, FOOT = 0, 1, 2


class Comment:
    """One comment (a run of comment lines, or a line comment) and the token it is handed to.

    ``lines`` are the comment lines, ``""`` standing for a blank line inside the run; ``index``
    is where the first ``#`` is; ``key`` is the number of the token it is handed to, in the
    scanner's queue order (-1 until it is handed out).
    """

    __slots__ = ("index", "key", "kind", "lines")

    def __init__(self, kind: int, lines: list[str], index: int) -> None:
        """A comment of ``kind`` whose first ``#`` is at ``index``, not yet handed to a token."""
        self.kind = kind
        self.lines = lines
        self.index = index
        self.key = -1

    def __repr__(self) -> str:
        """The kind and the lines, for test failures and debugging."""
        return f"Comment({('head', 'line', 'foot')[self.kind]}, {self.lines!r})"
