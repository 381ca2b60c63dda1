"""Assigning, at the scanner: how go-yaml v3 cuts a run of comment lines, where it puts block ends.

A *run* is what lies between two tokens: comment lines, blank lines and indentation. The scanner
cuts it into *foot* comments of what precedes and one *head* comment of what follows:

- the first stretch of comment lines is a foot when it starts on the line right below the
  previous token (not after a ``key:`` waiting for its value) and a blank line (or the end of
  the text) ends it, or when it is dedented below the current block;
- a line dedented below the current block, at another column than the comment it would join,
  ends a foot;
- in a flow collection, the comments before a closing bracket are a foot;
- the rest is the head of the next token; a blank line inside it stays as an empty line.

When blocks end, each block-end token goes before the first comment of the run that sits at the
closing block's indent, so that comment is read as following the block. These are the facts
:mod:`.gaps` and :mod:`.assign` replay; kyaml's one deliberate change is that a blank line does
not cut a run inside flow collections or after a flow root (SPEC §6, idempotence).
"""

from __future__ import annotations

from kyaml._patterns import LazyPattern
from kyaml._reader.comments.model import FOOT, HEAD, Comment
from kyaml._reader.lines import LineIndex

BREAKS = "\n\r\x85\u2028\u2029"
_BLANKS = LazyPattern(r"[ \t]*")
_COMMENT_TEXT = LazyPattern(r"#[^\n\r\x85\u2028\u2029]*")


class Piece:
    """A comment as the scanner logs it: where it starts (index, column), where the scan that
    found it ended and began. Block ends are placed by searching these."""

    __slots__ = ("column", "end", "scan", "start")

    def __init__(self, start: int, column: int, end: int, scan: int) -> None:
        """A comment found at ``start`` (``column``; -1 for a line comment) by the scan that
        began at ``scan`` and ended at ``end``."""
        self.start = start
        self.column = column
        self.end = end
        self.scan = scan


class Stretch:
    """The replayed scanner over one gap between events.

    ``queue`` holds its tokens as (start index, is a block end); the token at position k is
    number ``base + k``. ``found`` pairs each comment with the index it is handed on from (the
    first token starting there or later receives it). ``indents`` is the scanner's indentation
    stack, ``bends`` the numbers of the block-end tokens, ``dashes`` the (index, number) of the
    block entries, ``flow`` the flow level.
    """

    __slots__ = (
        "base",
        "bends",
        "dashes",
        "flow",
        "found",
        "indents",
        "log",
        "queue",
        "text",
        "where",
    )

    def __init__(
        self, text: str, where: LineIndex, start: int, base: int, indents: list[int], *, flow: int
    ) -> None:
        """An empty stretch whose first token, number ``base``, is the one starting at
        ``start`` (the last token before the gap); ``indents`` becomes its own."""
        self.text = text
        self.where = where
        self.base = base
        self.queue: list[tuple[int, bool]] = [(start, False)]
        self.found: list[tuple[Comment, int]] = []
        self.log: list[Piece] = []
        self.bends: list[int] = []
        self.dashes: list[tuple[int, int]] = []
        self.indents = indents
        self.flow = flow


def cut_run(
    st: Stretch,
    pos: int,
    end: int,
    *,
    newlines: int,
    scan: int,
    after_value: bool,
    token_mark: int,
    keep_blanks: bool,
) -> int:
    """Cut the run of comment lines whose first ``#`` is at ``pos`` into foot comments (handed
    on from ``token_mark``, the previous token) and a head comment; returns where the run stops,
    the first character that is neither blank nor comment (at most ``end``).

    ``newlines`` counts the breaks since the previous token, ``scan`` is where the scan began;
    ``after_value``: the previous token is a ``:`` waiting for its value; ``keep_blanks``: a
    blank line does not cut the run."""
    text, where, found, log = st.text, st.where, st.found, st.log
    indents = st.indents
    n = len(text)
    flow = st.flow > 0
    next_indent = max(indents[-1], 0) if indents else 0
    first_empty = newlines <= 1
    recent_empty = False
    foot_line = -1
    if where.line(scan) > 0:
        foot_line = where.line(pos) - newlines + 1
        if newlines == 0 and where.column(pos) > 1:
            foot_line += 1
    lines: list[str] = []
    start = start_line = start_col = 0
    scan_mark = scan
    while True:
        ch = text[pos] if pos < n else ""
        close_flow = flow and ch in ("]", "}")
        if close_flow or not ch or ch in BREAKS:
            if close_flow or not recent_empty:
                cut = close_flow or (
                    not keep_blanks
                    and first_empty
                    and ((start_line == foot_line and not after_value) or start_col < next_indent)
                )
                if cut:
                    if lines:
                        mark = start if start_col < next_indent else token_mark
                        found.append((Comment(FOOT, lines, start), mark))
                        log.append(Piece(start, start_col, pos, scan_mark))
                        scan_mark = token_mark = pos
                        lines = []
                elif lines and ch:
                    lines.append("")
            if not ch or close_flow or pos >= end:
                break
            first_empty = False
            recent_empty = True
            pos = _BLANKS.match(text, pos + 1).end()  # type: ignore[union-attr]
            continue
        column = where.column(pos)
        if lines and column < next_indent and column != start_col:
            found.append((Comment(FOOT, lines, start), token_mark))
            log.append(Piece(start, start_col, pos, scan_mark))
            scan_mark = token_mark = pos
            lines = []
        if ch != "#" or pos >= end:
            break
        if not lines:
            start, start_line, start_col = pos, where.line(pos), column
        m = _COMMENT_TEXT.match(text, pos)
        stop = m.end() if m is not None else pos + 1
        lines.append(text[pos:stop].rstrip())
        recent_empty = False
        # the line break after a comment is not looked at: on to the next line's content
        pos = stop
        if pos < n and text[pos] in BREAKS:
            pos = _BLANKS.match(text, pos + 1).end()  # type: ignore[union-attr]
    if lines:
        found.append((Comment(HEAD, lines, start), start))
        log.append(Piece(start, start_col, pos - 1, scan_mark))
    return min(pos, end)


def close_blocks(st: Stretch, column: int, scan: int) -> None:
    """Close the block indents deeper than ``column`` (nothing in flow context): each block end
    is queued before the first comment of the current scan (begun at ``scan``) that stands at
    the closing block's indent, or else just before ``scan``."""
    if st.flow > 0:
        return
    log, queue, indents = st.log, st.queue, st.indents
    block_mark = scan - 1
    while indents and indents[-1] > column:
        indent = indents.pop()
        stop = block_mark
        for piece in reversed(log):
            if piece.end < stop:
                break
            if piece.column == indent:
                block_mark = piece.start
            stop = piece.scan
        st.bends.append(st.base + len(queue))
        queue.append((block_mark, True))
