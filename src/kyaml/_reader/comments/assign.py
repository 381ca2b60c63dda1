"""Assigning comments: which event receives each comment, replaying go-yaml v3 over the events.

go-yaml's scanner hands each comment to a token (:mod:`.gaps`, :mod:`.runs`), and its parser
hands the comments to the next event that carries comments: a *head* comment is above the
event's node, a *line* comment after it on its line, a *foot* comment below it. This module
replays both over the events: it rebuilds, around every gap that holds a comment, the tokens
the scanner would have seen there (indicators, the virtual block-start/-end tokens, simple-key
markers), numbers them in the scanner's queue order, and follows the comments to the events
that take them. The result maps an event index to the comments it receives; :mod:`.place` puts
them on the tree. Deliberate differences from go-yaml, all to keep every comment and to make
formatting idempotent (SPEC §2.3, §2.4, §6):

- inside a flow collection, and after a flow or scalar root, a blank line does not cut a
  comment run (go-yaml cuts it there and drops the blank line, so a blank line kyaml writes
  inside a comment group would vanish on the next pass);
- the input's line breaks are normalised (CR LF read as LF) before this runs, so a CRLF file
  gets the comments of its LF twin;
- comments go-yaml would drop (a comment on the line of an opening bracket, a foot comment it
  overwrites) are still reported, tagged with where they were, for the composer to place.

Gaps without a ``#`` cost a ``str.find``; the replay runs only where comments are.
"""

from __future__ import annotations

import re

from kyaml._patterns import LazyPattern
from kyaml._reader.comments.gaps import (
    DOC,
    FEND,
    FSTART,
    PROPERTIES,
    PROPS,
    SCALAR,
    Scanner,
    block_header,
    no_comment_after_properties,
)
from kyaml._reader.comments.model import HEAD, Comment
from kyaml._reader.comments.runs import Stretch, close_blocks
from kyaml._reader.events import (
    ALIAS,
    ANCHOR,
    DOCUMENT_END,
    DOCUMENT_START,
    END,
    FLAGS,
    FLOW,
    IMPLICIT,
    LITERAL,
    MAPPING_END,
    MAPPING_START,
    PLAIN,
    SEQUENCE_END,
    SEQUENCE_START,
    START,
    STREAM_END,
    STYLE,
    TAG,
    Event,
)
from kyaml._reader.events import SCALAR as SCALAR_EVENT

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import TypeAlias

# What the parser does at a zero-width event: take comments at a block end, split a stem, ...
_Z_BLOCK_END, _Z_MAP_END, _Z_STEM, _Z_DOC_END, _Z_DOC_START, _Z_OTHER = range(6)

#: The parser's actions at a gap's zero-width events: (event, action, index it concerns).
Actions: TypeAlias = list[tuple[int, int, int]]
#: Events that take comments once the gap after a token is known (the token's own event, an
#: implicit document end before it): (event, number of the last token whose comments it takes).
Takers: TypeAlias = list[tuple[int, int]]

# A comment on a line of its own: the blanks before its ``#``.
_COMMENT_LINE = LazyPattern(r"^[ \t]*#", re.MULTILINE)


def collect(text: str, events: list[Event]) -> dict[int, list[Comment]] | None:
    """The comments each event receives, by event index; None when the text has no ``#``.

    The last event (the stream end) receives whatever follows the last document.
    """
    if "#" not in text:
        return None
    replay = Replay(text, events)
    replay.run()
    return replay.received


class _Frame:
    """An open collection: flow or block, its column, and whether the scanner indented for it."""

    __slots__ = ("block", "first", "indent", "indentless", "is_map", "key_next", "pushes")

    def __init__(self, is_map: bool, block: bool, indent: int, indentless: bool, pushes: bool):
        """A collection just opened, its first key (when a mapping) next."""
        self.is_map = is_map
        self.block = block
        self.indent = indent
        self.indentless = indentless
        self.pushes = pushes
        self.key_next = True
        self.first = -1  # where its first token is, when that is still ahead


class Replay(Scanner):
    """One replay of go-yaml's comment handling over a stream's events: the parser's side (the
    open collections, the events taking comments) on top of the scanner's (:class:`Scanner`)."""

    def __init__(self, text: str, events: list[Event]) -> None:
        """A replay before the first event: no collection open, no comment pending."""
        super().__init__(text)
        self.events = events
        self.received: dict[int, list[Comment]] = {}
        self.pending: list[Comment] = []
        self.frames: list[_Frame] = []
        self.pushed: list[int] = []  # the indents of the frames that pushed one, in order
        self.doc_ends: dict[int, int] | None = None
        # Tokens are numbered in the scanner's queue order: comments are handed to a token's
        # number, and an event takes the comments handed up to the token it is parsed at.
        self.seq = 0
        self.last_seq = 0
        self.root_closed = False

    # --- the walk over events -----------------------------------------------------------------

    def run(self) -> None:
        """Walk the events once, each gap with a ``#`` replayed; on exit ``received`` holds
        every comment and none is pending."""
        text = self.text
        events = self.events
        find = text.find
        prev_end = 0  # where the last real token ended
        prev_breaks = 0  # line breaks a block scalar swallowed at its end
        prev_plain = False
        deferred: Takers = []  # the last real token's event, an implicit document end before
        between: list[int] = []  # zero-width events since the last real token
        skip_to = -1
        for i, event in enumerate(events):
            if i <= skip_to:
                continue
            kind = event[0]
            start = event[START]
            end = event[END]
            if kind == DOCUMENT_START and not self.pending:
                skip_to = self._skip_document(i, prev_end, between)
                if skip_to >= 0:  # on to the document's end event
                    deferred = []
                    between = []
                    prev_end = self.last_start
                    prev_plain = False
                    prev_breaks = 0
                    continue
            if kind in (SCALAR_EVENT, ALIAS):
                if start == end:
                    between.append(i)
                    continue
                token_start, token_end = start, end
                if kind == SCALAR_EVENT and (event[ANCHOR] is not None or event[TAG] is not None):
                    no_comment_after_properties(text, start, end, self.where)
            elif kind in (MAPPING_START, SEQUENCE_START):
                if event[STYLE] == FLOW:
                    token_start, token_end = end - 1, end
                elif (event[ANCHOR] is not None or event[TAG] is not None) and start < end:
                    token_start, token_end = start, self._properties_end(start, end)
                else:
                    between.append(i)
                    continue
            elif kind in (MAPPING_END, SEQUENCE_END):
                if start == end:
                    between.append(i)
                    continue
                token_start, token_end = start, end
            elif kind in (DOCUMENT_START, DOCUMENT_END):
                if event[FLAGS] & IMPLICIT:
                    between.append(i)
                    continue
                token_start = end - 3 if kind == DOCUMENT_START else start
                token_end = end
            elif kind == STREAM_END:
                token_start = token_end = len(text)
            else:  # the stream start
                continue
            if self.pending or find("#", prev_end, token_start) >= 0:
                deferred, seq = self._gap(
                    prev_end, token_start, deferred, between, i, prev_plain, prev_breaks
                )
            else:
                seq = self.seq = self.seq + 1
                deferred = (
                    [(j, seq) for j, act, _ in self._zero_width(between) if act == _Z_DOC_END]
                    if between
                    else []
                )
            between = []
            takes = self._token(i, event, kind, token_start)
            self.last_seq = seq
            if takes >= 0:
                deferred.append((takes, seq))
            prev_end = token_end
            prev_plain = kind == SCALAR_EVENT and event[STYLE] == PLAIN
            prev_breaks = 0
            if kind == SCALAR_EVENT and event[STYLE] >= LITERAL:
                prev_breaks = self._block_scalar(token_start, token_end)
        self._finish(deferred)

    def _skip_document(self, i: int, prev_end: int, between: list[int]) -> int:
        """Pass over the document starting at event ``i`` when no ``#`` stands from
        ``prev_end`` to the next document: returns the event before its end event, where the
        walk resumes (the last token at the end event's index), or -1 to replay it."""
        j, next_start = self._document_end(i)
        if self.text.find("#", prev_end, next_start) >= 0:
            return -1
        self._zero_width(between)  # close what the last document left open
        self.last_kind, self.last_start = DOC, self.events[j][START]
        return j - 1

    def _document_end(self, i: int) -> tuple[int, int]:
        """The index of the end event of the document starting at event ``i``, and where the
        next document (or the stream end) starts in the text."""
        ends = self.doc_ends
        if ends is None:
            events = self.events
            ends = self.doc_ends = {}
            opened = 0
            for k, event in enumerate(events):
                kind = event[0]
                if kind == DOCUMENT_START:
                    opened = k
                elif kind == DOCUMENT_END:
                    ends[opened] = k
        j = ends[i]
        following = self.events[j + 1]
        if following[0] == DOCUMENT_START:
            return j, following[START]
        return j, len(self.text)

    def _first_token(self, event: Event) -> int:
        """Where a block collection's first token is: its first key, or its first dash (an
        indentless sequence's start event ends after its dash)."""
        end: int = event[END]
        if end > 0 and self.text[end - 1] == "-" and event[0] == SEQUENCE_START:
            return end - 1
        return end

    def _properties_end(self, start: int, end: int) -> int:
        """Where the anchor and tag of a block collection starting at ``start`` end: they are
        its token, the collection itself opens at its first key or dash."""
        m = PROPERTIES.match(self.text, start, end)
        return start + len(m.group().rstrip()) if m else end

    def _block_scalar(self, start: int, end: int) -> int:
        """Hand the header comment of the block scalar ``text[start:end]`` to its token (the
        last one); returns the line breaks its body swallows at its end."""
        comment = block_header(self.text, start, end)
        if comment is not None:
            comment.key = self.last_seq
            self.pending.append(comment)
        body = self.text[start:end]
        return body.count("\n", len(body.rstrip(" \t\n")))

    def _finish(self, deferred: Takers) -> None:
        """After the last event: the events still waiting take their comments, and the stream
        end (the last event) receives what follows the last document."""
        for j, trigger in deferred:
            self._take(j, trigger)
        if self.pending:
            self.received.setdefault(len(self.events) - 1, []).extend(self.pending)
            self.pending = []

    # --- the open collections -------------------------------------------------------------------

    def _token(self, i: int, event: Event, kind: int, token_start: int) -> int:
        """Account for event ``i``, which has a token of its own starting at ``token_start``;
        returns the event if it takes comments at that token (else -1). On exit that token is
        the scanner's last."""
        takes = -1
        token_kind = DOC
        if kind in (SCALAR_EVENT, ALIAS):
            token_kind = SCALAR
            takes = i
            frames = self.frames
            if frames:
                frame = frames[-1]  # the child is done (_child_done, inline: every scalar)
                if frame.is_map:
                    frame.key_next = not frame.key_next
            else:
                self.root_closed = True  # a scalar root
        elif kind in (MAPPING_START, SEQUENCE_START):
            if event[STYLE] == FLOW:
                token_kind = FSTART
                takes = i
                self._open(kind == MAPPING_START, False, -1)
                self.flow += 1
            else:  # the anchor or tag of a block collection, which opens at its first token
                token_kind = PROPS
                first = self._first_token(event)
                frame = self._open(kind == MAPPING_START, True, self.where.column(first))
                frame.first = first
        elif kind in (MAPPING_END, SEQUENCE_END):
            token_kind = FEND
            takes = i
            self.flow -= 1
            self._close()
        elif kind == DOCUMENT_END:
            takes = i
        elif kind == DOCUMENT_START:
            self.root_closed = False
        self.before_kind, self.before_start = self.last_kind, self.last_start
        self.last_kind, self.last_start = token_kind, token_start
        return takes

    def _open(self, is_map: bool, block: bool, column: int) -> _Frame:
        """Open a collection at ``column`` (-1 in flow), pushing an indent when the scanner
        would (a block collection right of the last indent, not an indentless sequence)."""
        frames = self.frames
        parent = frames[-1] if frames else None
        indentless = (
            block
            and not is_map
            and parent is not None
            and parent.block
            and parent.is_map
            and parent.indent == column
        )
        pushed = self.pushed
        pushes = block and not indentless and (not pushed or pushed[-1] < column)
        if pushes:
            pushed.append(column)
        frame = _Frame(is_map, block, column, indentless, pushes)
        frames.append(frame)
        return frame

    def _close(self) -> _Frame:
        """Close the innermost collection (and its indent); returns it."""
        frame = self.frames.pop()
        if frame.pushes:
            self.pushed.pop()
        if not self.frames:
            self.root_closed = True
        self._child_done()
        return frame

    def _indents(self, at: int) -> list[int]:
        """The scanner's indentation stack at index ``at``: the columns of the block collections
        it opened (one with an anchor or a tag opens at its first key or dash)."""
        return [f.indent for f in self.frames if f.pushes and f.first <= at]

    def _child_done(self) -> None:
        """A node of the innermost collection is complete: a mapping's next is a key or a
        value in turn."""
        if self.frames:
            frame = self.frames[-1]
            if frame.is_map:
                frame.key_next = not frame.key_next

    def _zero_width(self, between: list[int]) -> Actions:
        """Apply the zero-width events of a gap to the open collections; returns what the
        parser does at each: (event, action, detail)."""
        events = self.events
        where = self.where
        actions: Actions = []
        for j in between:
            event = events[j]
            kind = event[0]
            if kind in (MAPPING_END, SEQUENCE_END):
                frame = self._close()
                if frame.pushes:
                    action = _Z_MAP_END if kind == MAPPING_END else _Z_BLOCK_END
                else:
                    action = _Z_OTHER
                actions.append((j, action, 0))
            elif kind in (MAPPING_START, SEQUENCE_START):
                index = self._first_token(event)
                parent = self.frames[-1] if self.frames else None
                self._open(kind == MAPPING_START, True, where.column(index))
                stem = parent is not None and parent.block and not parent.is_map
                actions.append((j, _Z_STEM if stem else _Z_OTHER, index))
            elif kind in (SCALAR_EVENT, ALIAS):
                self._child_done()
                actions.append((j, _Z_OTHER, 0))
            elif kind == DOCUMENT_END:
                actions.append((j, _Z_DOC_END, event[START]))
            elif kind == DOCUMENT_START:
                self.root_closed = False
                actions.append((j, _Z_DOC_START, event[START]))
        return actions

    # --- a gap with comments --------------------------------------------------------------------

    def _gap(  # noqa: PLR0917 (one call site, in the walk over events)
        self,
        a: int,
        b: int,
        deferred: Takers,
        between: list[int],
        next_index: int,
        plain: bool,
        breaks: int,
    ) -> tuple[Takers, int]:
        """Replay the scanner over ``text[a:b]``, up to the token of event ``next_index`` at
        ``b``, then let the events take the comments.

        ``deferred`` are the events that take comments up to the token before the gap, and
        ``between`` the zero-width events in it; ``plain`` says a plain scalar ends at ``a``,
        ``breaks`` counts the line breaks a block scalar swallowed there. Returns the events
        that take comments up to the token at ``b``, and that token's number.
        """
        # The scanner reads the gap before the parser closes or opens anything in it. The
        # token at position k of the queue is number base + k.
        base = self.last_seq
        st = Stretch(self.text, self.where, self.last_start, base, self._indents(a), flow=self.flow)
        after_root = self.root_closed
        actions = self._zero_width(between)
        scan = self.scan_gap(st, a, b, prev_plain=plain, newlines=breaks, after_root=after_root)
        seq = self._next_token(st, b, scan, next_index)
        self._hand_out(st)
        # The parser's side: the events take what is pending, in order.
        for j, trigger in deferred:
            self._take(j, trigger)
        return self._parser_side(st, actions, seq), seq

    def _next_token(self, st: Stretch, b: int, scan: int, next_index: int) -> int:
        """Queue the tokens at ``b``, the end of the gap: block ends first, then a block mapping
        start and a key marker, then the token of event ``next_index``; returns its number."""
        where = self.where
        queue, indents = st.queue, st.indents
        nxt = self.events[next_index][0]
        if nxt in (DOCUMENT_START, DOCUMENT_END, STREAM_END):
            # Every token first closes the blocks its column dedents past; a document marker
            # (at column 0; the stream end counts as a new line) then closes them all.
            column = 0 if nxt == STREAM_END else where.column(b)
            close_blocks(st, column, scan)
            close_blocks(st, -1, b)
        else:
            column = where.column(b)
            if self.flow == 0:
                close_blocks(st, column, scan)
            frame = self.frames[-1] if self.frames else None
            if frame is not None and frame.is_map and frame.key_next:
                if self.flow == 0 and (not indents or indents[-1] < column):
                    queue.append((b, False))  # a block mapping starts
                queue.append((b, False))  # the key marker
        queue.append((b, False))
        seq = st.base + len(queue) - 1
        self.seq = seq
        return seq

    def _hand_out(self, st: Stretch) -> None:
        """Hand each comment found in the gap to the first token at or after the index it is
        handed on from (heads skip block ends); on exit they are all pending."""
        queue, base, pending = st.queue, st.base, self.pending
        cursor = 0
        last = len(queue) - 1
        for comment, mark in st.found:
            head = comment.kind == HEAD
            k = cursor
            while k < last:
                start, is_bend = queue[k]
                if start >= mark and not (head and is_bend):
                    break
                k += 1
            cursor = k
            comment.key = base + k
            pending.append(comment)

    # --- the parser's side ----------------------------------------------------------------------

    def _parser_side(self, st: Stretch, actions: Actions, seq: int) -> Takers:
        """What the parser does at the gap's zero-width events: a block mapping end takes the
        comments up to its block-end token, a stem or a document start takes heads; returns
        the implicit document ends, which take comments up to token ``seq``."""
        queue = st.queue
        last = len(queue) - 1
        later: Takers = []
        bend_keys = iter(st.bends)
        for j, action, detail in actions:
            if action == _Z_MAP_END:
                self._take(j, next(bend_keys, seq))
            elif action == _Z_BLOCK_END:
                next(bend_keys, None)
            elif action == _Z_STEM:
                event = self.events[j]
                dash = [key for at, key in st.dashes if at < detail]
                if dash and event[ANCHOR] is None and event[TAG] is None:
                    self._stem(j, dash[-1])
            elif action == _Z_DOC_END:
                later.append((j, seq))
            elif action == _Z_DOC_START:
                first = next(
                    (k for k, (at, bend) in enumerate(queue) if at >= detail and not bend), last
                )
                self._document_head(j, st.base + first)
        return later

    def _take(self, event: int, trigger: int) -> None:
        """``event`` receives every pending comment handed to a token up to ``trigger``."""
        pending = self.pending
        k = 0
        while k < len(pending) and pending[k].key <= trigger:
            k += 1
        if k:
            self.received.setdefault(event, []).extend(pending[:k])
            del pending[:k]

    def _stem(self, event: int, dash_key: int) -> None:
        """Head comments handed out up to a dash belong to the block collection under the dash
        (go-yaml's stem comment), not to its first entry."""
        pending = self.pending
        stem = [c for c in pending if c.key <= dash_key and c.kind == HEAD]
        if stem:
            self.received.setdefault(event, []).extend(stem)
            self.pending = [c for c in pending if not (c.key <= dash_key and c.kind == HEAD)]

    def _nth_comment(self, start: int, lines: list[str]) -> int:
        """Where the comment line after ``lines`` (comment lines from ``start`` on, ``""`` for
        blank lines) begins."""
        skip = sum(1 for line in lines if line)
        for m in _COMMENT_LINE.finditer(self.text, self.text.rfind("\n", 0, start) + 1):
            if not skip:
                return m.end() - 1
            skip -= 1
        return start  # pragma: no cover - the comments were found in this text

    def _document_head(self, event: int, first_key: int) -> None:
        """An implicit document's head comments, up to their last blank line, are the
        document's; the rest stays for its first node."""
        pending = self.pending
        heads = [c for c in pending if c.key <= first_key and c.kind == HEAD]
        if not heads:
            return
        lines = [line for c in heads for line in c.lines]
        if lines[-1] == "":
            doc, rest = lines[:-1], []
        else:
            cut = max((k for k, line in enumerate(lines) if not line and k > 0), default=-1)
            if cut < 0:
                return
            doc, rest = lines[:cut], lines[cut + 1 :]
        doc_comment = Comment(HEAD, doc, heads[0].index)
        doc_comment.key = heads[0].key
        self.received.setdefault(event, []).append(doc_comment)
        others = [c for c in pending if not (c.key <= first_key and c.kind == HEAD)]
        if rest:
            rest_comment = Comment(HEAD, rest, self._nth_comment(heads[0].index, doc))
            rest_comment.key = heads[-1].key
            others.append(rest_comment)
            others.sort(key=lambda c: c.key)
        self.pending = others
