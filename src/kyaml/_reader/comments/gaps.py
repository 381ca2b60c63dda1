"""Finding comments: go-yaml v3's scanner replayed over the text between two parser events.

The C parser drops comments, so they are found again in the text *between* events (scalar text
is never scanned: a ``#`` inside a string is never a comment), plus the header line of a block
scalar (``key: |  # c``). A gap is scanned the way go-yaml's scanner reads it: its indicators
(``-``, ``?``, ``:``, ``,``, directives) become tokens in the :class:`~.runs.Stretch`'s queue, a
comment after a token on the same line is a *line* comment of that token (or of the one before,
after a ``:`` or a flow ``,``), and a run of comment lines is cut by :func:`~.runs.cut_run`.
Each comment found is paired with the index it is handed on from; :mod:`.assign` turns that
into the event that receives it.
"""

from __future__ import annotations

import re

from kyaml._patterns import LazyPattern
from kyaml._reader.comments.model import LINE, Comment
from kyaml._reader.comments.runs import BREAKS, Piece, Stretch, close_blocks, cut_run
from kyaml._reader.lines import LineIndex
from kyaml.errors import UnsupportedError

# Token kinds of the replayed scanner.
SCALAR, FSTART, FEND, VALUE, BENTRY, FENTRY, KEY, DOC, PROPS = range(9)

# What may stand between two events: line breaks, blanks, comments, indicators, directives.
_GAP = LazyPattern(
    r"(?P<nl>\n|[\r\x85\u2028\u2029])"
    r"|(?P<ws>[ \t\ufeff]+)"
    r"|(?P<c>#[^\n\r\x85\u2028\u2029]*)"
    r"|(?P<i>[-?:,])"
    r"|(?P<d>%(?:[^\n\r#]|(?<=\S)#)*)"
    r"|(?P<o>.)",
    re.DOTALL,
)
_BLOCK_HEADER = LazyPattern(
    r"(?:[&!][^ \t\n\r]*[ \t]+)*[|>][-+0-9]*[ \t]+(#[^\n\r\x85\u2028\u2029]*)"
)
#: A node's anchor and tag, with the blanks after them.
PROPERTIES = LazyPattern(r"(?:[&!][^ \t\n\r,\[\]{}]*[ \t]*)+")
_SPACE = LazyPattern(r"[ \t\n\r\x85\u2028\u2029]*")
# Tokens that end a flow or scalar root: the comments after them follow the whole root.
_ROOT_ENDS = frozenset((SCALAR, FEND))
# Tokens after which go-yaml looks for no line comment.
_NO_LINE_COMMENT = frozenset((BENTRY, DOC))


def block_header(text: str, start: int, end: int) -> Comment | None:
    """The line comment on the header line of the block scalar ``text[start:end]``
    (``|  # c``), if any; the caller hands it to the scalar's token."""
    stop = start
    while stop < end and text[stop] not in BREAKS:
        stop += 1
    m = _BLOCK_HEADER.match(text, start, stop)
    if m is None:
        return None
    return Comment(LINE, [m.group(1).rstrip()], m.start(1))


def no_comment_after_properties(text: str, start: int, end: int, where: LineIndex) -> None:
    """Refuse a comment between a scalar's anchor or tag and the scalar on a later line
    (``&a # c`` then ``x``, the scalar's event spanning ``text[start:end]``): no event carries
    it, and it must not be lost."""
    m = PROPERTIES.match(text, start, end)
    if m is not None and m.end() < end and text[m.end()] == "#" and m.group()[-1:] in " \t":
        raise UnsupportedError(
            "a comment between an anchor or tag and its scalar on a later line is not"
            " supported; move the comment above the entry",
            where.line(m.end()) + 1,
            where.column(m.end()) + 1,
        )


def _scan_start(text: str, a: int, b: int) -> int:
    """Where the scan after a plain scalar ending at ``a`` starts: past the breaks it swallows
    looking for a continuation line, unless a comment on its own line follows."""
    m = _SPACE.match(text, a, b)
    if m is not None and (m.end() >= b or text[m.end()] != "#" or "\n" in m.group()):
        return m.end()
    return a


class Scanner:
    """The replayed scanner's state between gaps: the last two tokens and the flow level.

    :class:`~.assign.Replay` builds on it, moving the last tokens on at every event with a
    token of its own; :meth:`scan_gap` moves them on through the indicators of a gap.
    """

    def __init__(self, text: str) -> None:
        """A scanner at the start of ``text``, as if after a document marker."""
        self.text = text
        self.where = LineIndex(text)
        self.flow = 0
        self.last_kind = DOC
        self.last_start = 0
        self.before_kind = DOC
        self.before_start = 0

    def set_last(self, kind: int, start: int) -> None:
        """Record a token of ``kind`` at ``start`` as the last one, the last as the one before."""
        self.before_kind, self.before_start = self.last_kind, self.last_start
        self.last_kind, self.last_start = kind, start

    def scan_gap(
        self, st: Stretch, a: int, b: int, *, prev_plain: bool, newlines: int, after_root: bool
    ) -> int:
        """Scan the gap ``text[a:b]`` into ``st``: its tokens queued, its comments found; returns
        where the last scan began (the next token's block ends are placed from there).

        On entry the last tokens are the ones before ``a``; on exit they are the gap's last
        indicators. ``prev_plain`` says a plain scalar ends at ``a``, ``newlines`` counts the
        breaks before ``a`` since that token (a block scalar swallows some), ``after_root``
        that the document's root is complete.
        """
        text, where = self.text, self.where
        queue, indents = st.queue, st.indents
        scan = _scan_start(text, a, b) if prev_plain else a
        line_done = False
        pos = a
        while pos < b:
            m = _GAP.match(text, pos, b)
            if m is None:  # pragma: no cover - every character matches some branch
                break
            group = m.lastgroup
            if group == "nl":
                newlines += 1
                pos = m.end()
                continue
            if group == "ws":
                pos = m.end()
                continue
            if group == "c":
                if newlines == 0 and not line_done and self.last_kind not in _NO_LINE_COMMENT:
                    self._line_comment(st, m.group(), pos)
                    line_done = True
                    pos = scan = m.end()
                    continue
                pos = self._run(st, pos, b, newlines=newlines, scan=scan, after_root=after_root)
                newlines = 0
                continue
            # an indicator or a directive: a token of its own
            if group == "d":
                close_blocks(st, 0, scan)
                close_blocks(st, -1, pos)
                self.set_last(DOC, pos)
            else:
                ch = m.group()
                column = where.column(pos)
                if self.flow == 0:
                    close_blocks(st, column, scan)
                if ch in "-?":
                    if self.flow == 0 and (not indents or indents[-1] < column):
                        indents.append(column)
                        queue.append((pos, False))  # a block collection starts
                    if ch == "-":
                        st.dashes.append((pos, st.base + len(queue)))
                    queue.append((pos, False))
                    self.set_last(BENTRY if ch == "-" else KEY, pos)
                else:  # any other character is queued as a token too
                    queue.append((pos, False))
                    self.set_last(VALUE if ch == ":" else FENTRY, pos)
            newlines = 0
            line_done = False
            pos = scan = m.end()
        return scan

    def _line_comment(self, st: Stretch, comment: str, pos: int) -> None:
        """Find the line comment ``comment`` at ``pos``, on the line of the last token: handed
        on from that token, or from the one before after a block ``:`` or a flow ``,``."""
        mark = self.last_start
        if (self.last_kind == VALUE and self.flow == 0) or (
            self.last_kind == FENTRY and self.flow > 0
        ):
            mark = self.before_start
        st.found.append((Comment(LINE, [comment.rstrip()], pos), mark))
        st.log.append(Piece(pos, -1, 0, 0))  # stops the block-end search

    def _run(
        self, st: Stretch, pos: int, b: int, *, newlines: int, scan: int, after_root: bool
    ) -> int:
        """Cut the run of comment lines whose first ``#`` is at ``pos`` (see
        :func:`~.runs.cut_run`); returns where it stops, at most ``b``."""
        if self.last_kind == FENTRY:
            token_kind, token_mark = self.before_kind, self.before_start
        else:
            token_kind, token_mark = self.last_kind, self.last_start
        return cut_run(
            st,
            pos,
            b,
            newlines=newlines,
            scan=scan,
            after_value=token_kind == VALUE,
            token_mark=token_mark,
            # a blank line does not cut a run in flow context or after a flow root
            keep_blanks=self.flow > 0 or (after_root and token_kind in _ROOT_ENDS),
        )
