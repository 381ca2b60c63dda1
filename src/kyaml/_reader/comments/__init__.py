"""Comments: found in the text between parser events, assigned to the events go-yaml v3 gives
them to, and placed on the tree (libyaml and ruamel.yaml's parsers keep none).

The three stages, each a module or two:

1. **finding** (:mod:`.gaps`): the text between two events is scanned the way go-yaml's scanner
   reads it, its indicators queued as tokens, its comments found and paired with the token they
   follow;
2. **assigning** (:mod:`.runs`, :mod:`.assign`): a run of comment lines is cut into *foot*
   comments of what precedes and a *head* comment of what follows, block ends are queued where
   go-yaml's scanner puts them, and the replayed parser hands each comment to the event that
   receives it (:func:`collect`);
3. **placing** (:mod:`.place`): the composer puts what each event received on its node, moved
   the way go-yaml's node builder moves it, and counts the comments per document.

:mod:`.model` holds the :class:`Comment` they hand on.
"""

from kyaml._reader.comments.assign import collect
from kyaml._reader.comments.model import FOOT, HEAD, LINE, Comment
from kyaml._reader.comments.place import (
    CommentCount,
    OnComments,
    Placer,
    empty_document,
    entry_comments,
    with_head,
    without_blank_lines,
)

__all__ = [
    "FOOT",
    "HEAD",
    "LINE",
    "Comment",
    "CommentCount",
    "OnComments",
    "Placer",
    "collect",
    "empty_document",
    "entry_comments",
    "with_head",
    "without_blank_lines",
]
