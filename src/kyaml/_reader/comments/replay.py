"""Comments recovered from the text between parser events, attached where go-yaml v3 puts them.

The C parser drops comments, so they are found again in the text *between* events (scalar text
is never scanned: a ``#`` inside a string is never a comment), plus the header line of a block
scalar (``key: |  # c``). Each comment is then attached the way go-yaml v3 attaches it, because
that is what the reference encoder prints (SPEC §1): its scanner cuts a run of comment lines into
*foot* comments of the preceding token and a *head* comment of the following one (at the first
blank line after a run that starts right below the previous token, and where a line is
dedented), a comment after a token on the same line is a *line* comment, and its parser hands
the comments to the next event that carries comments. This module replays those rules over the
events: it rebuilds, around every gap that holds a comment, the tokens the scanner would have
seen there (indicators, the virtual block-start/-end tokens, simple-key markers) and follows the
comments to the event that receives them.

The result maps an event index to the comments it receives, each tagged head, line or foot;
:mod:`kyaml._reader.compose` turns those into the tree's comments. Deliberate differences
from go-yaml, all to keep every comment and to make formatting idempotent (SPEC §2.3, §2.4, §6):

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
from typing import Any

from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from kyaml._patterns import LazyPattern
from kyaml._reader.comments.runs import (
    BREAKS,
    FOOT,
    HEAD,
    LINE,
    Comment,
    Piece,
    Stretch,
    close_blocks,
    cut_run,
)
from kyaml._reader.parse import LineIndex, raw_tag
from kyaml.errors import UnsupportedError

__all__ = ["FOOT", "HEAD", "LINE", "Comment", "collect"]

# Token kinds of the replayed scanner.
_SCALAR, _FSTART, _FEND, _VALUE, _BENTRY, _FENTRY, _KEY, _DOC, _PROPS = range(9)

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
_PROPERTIES = LazyPattern(r"(?:[&!][^ \t\n\r,\[\]{}]*[ \t]*)+")
_SPACE = LazyPattern(r"[ \t\n\r\x85\u2028\u2029]*")
# Tokens that end a flow or scalar root: the comments after them follow the whole root.
_ROOT_ENDS = frozenset((_SCALAR, _FEND))
# Tokens after which go-yaml looks for no line comment.
_NO_LINE_COMMENT = frozenset((_BENTRY, _DOC))


class _Frame:
    """An open collection: flow or block, its column, and whether the scanner indented for it."""

    __slots__ = ("block", "first", "indent", "indentless", "is_map", "key_next", "pushes")

    def __init__(self, is_map: bool, block: bool, indent: int, indentless: bool, pushes: bool):
        self.is_map = is_map
        self.block = block
        self.indent = indent
        self.indentless = indentless
        self.pushes = pushes
        self.key_next = True
        self.first = -1  # where its first token is, when that is still ahead


# What the parser does at a zero-width event: take comments at a block end, split a stem, ...
_Z_BLOCK_END, _Z_MAP_END, _Z_STEM, _Z_DOC_END, _Z_DOC_START, _Z_OTHER = range(6)


def collect(text: str, events: list[Any]) -> dict[int, list[Comment]] | None:
    """The comments each event receives, by event index; None when the text has no ``#``.

    The last event (the stream end) receives whatever follows the last document.
    """
    if "#" not in text:
        return None
    replay = _Replay(text, events)
    replay.run()
    return replay.received


def _no_comment_after_properties(text: str, start: int, end: int, where: LineIndex) -> None:
    """Refuse a comment between a scalar's anchor or tag and the scalar on a later line
    (``&a # c`` then ``x``): no event carries it, and it must not be lost."""
    m = _PROPERTIES.match(text, start, end)
    if m is not None and m.end() < end and text[m.end()] == "#" and m.group()[-1:] in " \t":
        raise UnsupportedError(
            "a comment between an anchor or tag and its scalar on a later line is not"
            " supported; move the comment above the entry",
            where.line(m.end()) + 1,
            where.column(m.end()) + 1,
        )


class _Replay:
    """One replay of go-yaml's comment handling over a stream's events."""

    def __init__(self, text: str, events: list[Any]) -> None:
        self.text = text
        self.events = events
        self.where = LineIndex(text)
        self.received: dict[int, list[Comment]] = {}
        self.pending: list[Comment] = []
        self.frames: list[_Frame] = []
        self.pushed: list[int] = []  # the indents of the frames that pushed one, in order
        self.doc_ends: dict[int, int] | None = None
        # Tokens are numbered in the scanner's queue order: comments are handed to a token's
        # number, and an event takes the comments handed up to the token it is parsed at.
        self.seq = 0
        self.last_seq = 0
        self.flow = 0
        self.root_closed = False
        # the scanner's last two tokens
        self.last_kind = _DOC
        self.last_start = 0
        self.before_kind = _DOC
        self.before_start = 0

    # --- the walk over events -----------------------------------------------------------------

    def run(self) -> None:
        text = self.text
        events = self.events
        find = text.find
        prev_end = 0  # where the last real token ended
        prev_breaks = 0  # line breaks a block scalar swallowed at its end
        prev_plain = False
        # Events that take comments when the gap after the last real token is known: the
        # token's own event and an implicit document end before it, with the token's number.
        deferred: list[tuple[int, int]] = []
        between: list[int] = []  # zero-width events since the last real token
        skip_to = -1
        for i, event in enumerate(events):
            if i <= skip_to:
                continue
            kind = type(event)
            start = event.start_mark.index
            end = event.end_mark.index
            if kind is DocumentStartEvent and not self.pending:
                # A document without a "#" (up to the next one) needs no replay.
                j, next_start = self._document_end(i)
                if find("#", prev_end, next_start) < 0:
                    self._zero_width(between)  # close what the last document left open
                    skip_to = j - 1  # on to the document's end event
                    deferred = []
                    between = []
                    prev_end = events[j].start_mark.index
                    prev_plain = False
                    prev_breaks = 0
                    self.last_kind, self.last_start = _DOC, prev_end
                    continue
            if kind is ScalarEvent or kind is AliasEvent:
                if start == end:
                    between.append(i)
                    continue
                token_start, token_end = start, end
                if kind is ScalarEvent and (event.anchor is not None or raw_tag(event) is not None):
                    _no_comment_after_properties(text, start, end, self.where)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.flow_style:
                    token_start, token_end = end - 1, end
                elif (event.anchor is not None or raw_tag(event) is not None) and start < end:
                    m = _PROPERTIES.match(text, start, end)
                    token_start = start
                    token_end = start + len(m.group().rstrip()) if m else end
                else:
                    between.append(i)
                    continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                if start == end:
                    between.append(i)
                    continue
                token_start, token_end = start, end
            elif kind is DocumentStartEvent:
                if not event.explicit:
                    between.append(i)
                    continue
                token_start, token_end = end - 3, end
            elif kind is DocumentEndEvent:
                if not event.explicit:
                    between.append(i)
                    continue
                token_start, token_end = start, end
            elif kind is StreamEndEvent:
                token_start = token_end = len(text)
            else:  # the stream start
                continue
            if not self.pending and find("#", prev_end, token_start) < 0:
                self.seq += 1
                seq = self.seq
                if between:
                    actions = self._zero_width(between)
                    deferred = [(j, seq) for j, action, _ in actions if action == _Z_DOC_END]
                else:
                    deferred = []
            else:
                deferred, seq = self._gap(
                    a=prev_end,
                    b=token_start,
                    prev_plain=prev_plain,
                    prev_breaks=prev_breaks,
                    deferred=deferred,
                    between=between,
                    next_index=i,
                )
            between = []
            takes = self._token(i, event, kind, token_start)
            self.last_seq = seq
            if takes >= 0:
                deferred.append((takes, seq))
            prev_end = token_end
            prev_plain = kind is ScalarEvent and not event.style
            prev_breaks = 0
            if kind is ScalarEvent and event.style in ("|", ">"):
                self._block_header(token_start, token_end)
                body = text[token_start:token_end]
                prev_breaks = body.count("\n", len(body.rstrip(" \t\n")))
        for j, trigger in deferred:
            self._take(j, trigger)
        if self.pending:  # after the last document
            self.received.setdefault(len(events) - 1, []).extend(self.pending)
            self.pending = []

    def _first_token(self, event: Any) -> int:
        """Where a block collection's first token is: its first key, or its first dash (an
        indentless sequence's start event ends after its dash)."""
        end: int = event.end_mark.index
        if end > 0 and self.text[end - 1] == "-" and type(event) is SequenceStartEvent:
            return end - 1
        return end

    def _document_end(self, i: int) -> tuple[int, int]:
        """The index of the end event of the document starting at event ``i``, and where the
        next document (or the stream end) starts in the text."""
        ends = self.doc_ends
        if ends is None:
            events = self.events
            ends = self.doc_ends = {}
            opened = 0
            for k, event in enumerate(events):
                kind = type(event)
                if kind is DocumentStartEvent:
                    opened = k
                elif kind is DocumentEndEvent:
                    ends[opened] = k
        j = ends[i]
        following = self.events[j + 1]
        if type(following) is DocumentStartEvent:
            return j, following.start_mark.index
        return j, len(self.text)

    def _token(self, i: int, event: Any, kind: type, token_start: int) -> int:
        """Account for an event with a token of its own; returns the event if it takes comments
        at that token (else -1)."""
        takes = -1
        token_kind = _DOC
        if kind is ScalarEvent or kind is AliasEvent:
            token_kind = _SCALAR
            takes = i
            frames = self.frames
            if frames:
                frame = frames[-1]  # the child is done (_child_done, inline: every scalar)
                if frame.is_map:
                    frame.key_next = not frame.key_next
            else:
                self.root_closed = True  # a scalar root
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.flow_style:
                token_kind = _FSTART
                takes = i
                self._open(kind is MappingStartEvent, False, -1)
                self.flow += 1
            else:  # the anchor or tag of a block collection, which opens at its first token
                token_kind = _PROPS
                first = self._first_token(event)
                frame = self._open(kind is MappingStartEvent, True, self.where.column(first))
                frame.first = first
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            token_kind = _FEND
            takes = i
            self.flow -= 1
            self._close()
        elif kind is DocumentEndEvent:
            takes = i
        elif kind is DocumentStartEvent:
            self.root_closed = False
        self.before_kind, self.before_start = self.last_kind, self.last_start
        self.last_kind, self.last_start = token_kind, token_start
        return takes

    def _open(self, is_map: bool, block: bool, column: int) -> _Frame:
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
        if self.frames:
            frame = self.frames[-1]
            if frame.is_map:
                frame.key_next = not frame.key_next

    def _zero_width(self, between: list[int]) -> list[tuple[int, int, int]]:
        """Apply the zero-width events of a gap to the open collections; returns what the
        parser does at each: (event, action, detail)."""
        events = self.events
        where = self.where
        actions: list[tuple[int, int, int]] = []
        for j in between:
            event = events[j]
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = self._close()
                if frame.pushes:
                    action = _Z_MAP_END if kind is MappingEndEvent else _Z_BLOCK_END
                else:
                    action = _Z_OTHER
                actions.append((j, action, 0))
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                index = self._first_token(event)
                parent = self.frames[-1] if self.frames else None
                self._open(kind is MappingStartEvent, True, where.column(index))
                stem = parent is not None and parent.block and not parent.is_map
                actions.append((j, _Z_STEM if stem else _Z_OTHER, index))
            elif kind is ScalarEvent or kind is AliasEvent:
                self._child_done()
                actions.append((j, _Z_OTHER, 0))
            elif kind is DocumentEndEvent:
                actions.append((j, _Z_DOC_END, event.start_mark.index))
            elif kind is DocumentStartEvent:
                self.root_closed = False
                actions.append((j, _Z_DOC_START, event.start_mark.index))
        return actions

    # --- a gap with comments --------------------------------------------------------------------

    def _gap(
        self,
        *,
        a: int,
        b: int,
        prev_plain: bool,
        prev_breaks: int,
        deferred: list[tuple[int, int]],
        between: list[int],
        next_index: int,
    ) -> tuple[list[tuple[int, int]], int]:
        """Replay the scanner over ``text[a:b]``, then let the events take the comments.

        ``deferred`` are the events that take comments up to the token before the gap; returns
        those that take comments up to the token after it, and that token's number."""
        text = self.text
        where = self.where
        # The scanner reads the gap before the parser closes or opens anything in it. The
        # token at position k of the queue is number base + k.
        base = self.last_seq
        st = Stretch(self.text, where, self.last_start, base, self._indents(a), flow=self.flow)
        queue, found, log, indents = st.queue, st.found, st.log, st.indents
        after_root = self.root_closed
        actions = self._zero_width(between)
        dashes: list[tuple[int, int]] = []  # (index, token number) of block entries

        # Where this fetch's scan starts: after the token, or past the breaks a plain scalar
        # swallows while looking for a continuation line.
        scan = a
        if prev_plain:
            m = _SPACE.match(text, a, b)
            if m is not None and (m.end() >= b or text[m.end()] != "#" or "\n" in m.group()):
                scan = m.end()
        newlines = prev_breaks
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
                    mark = self.last_start
                    if (self.last_kind == _VALUE and self.flow == 0) or (
                        self.last_kind == _FENTRY and self.flow > 0
                    ):
                        mark = self.before_start
                    found.append((Comment(LINE, [m.group().rstrip()], pos), mark))
                    log.append(Piece(pos, -1, 0, 0))  # stops the block-end search
                    line_done = True
                    pos = scan = m.end()
                    continue
                if self.last_kind == _FENTRY:
                    token_kind, token_mark = self.before_kind, self.before_start
                else:
                    token_kind, token_mark = self.last_kind, self.last_start
                pos = cut_run(
                    st,
                    pos,
                    b,
                    newlines=newlines,
                    scan=scan,
                    after_value=token_kind == _VALUE,
                    token_mark=token_mark,
                    # a blank line does not cut a run in flow context or after a flow root
                    keep_blanks=self.flow > 0 or (after_root and token_kind in _ROOT_ENDS),
                )
                newlines = 0
                continue
            # an indicator or a directive: a token of its own
            if group == "d":
                close_blocks(st, 0, scan)
                close_blocks(st, -1, pos)
                self._set_last(_DOC, pos)
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
                        dashes.append((pos, base + len(queue)))
                    queue.append((pos, False))
                    self._set_last(_BENTRY if ch == "-" else _KEY, pos)
                else:
                    queue.append((pos, False))
                    self._set_last(_VALUE if ch == ":" else _FENTRY, pos)
            newlines = 0
            line_done = False
            pos = scan = m.end()
        # The next token: block ends first, then a block mapping start and a key marker.
        nxt = type(self.events[next_index])
        if nxt is DocumentStartEvent or nxt is DocumentEndEvent or nxt is StreamEndEvent:
            # Every token first closes the blocks its column dedents past; a document marker
            # (at column 0; the stream end counts as a new line) then closes them all.
            column = 0 if nxt is StreamEndEvent else where.column(b)
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
        seq = base + len(queue) - 1
        self.seq = seq

        # Hand each comment to the first token at or after its mark (heads skip block ends).
        cursor = 0
        last = len(queue) - 1
        for comment, mark in found:
            head = comment.kind == HEAD
            k = cursor
            while k < last:
                start, is_bend = queue[k]
                if start >= mark and not (head and is_bend):
                    break
                k += 1
            cursor = k
            comment.key = base + k
            self.pending.append(comment)

        # The parser's side: the events take what is pending, in order.
        for j, trigger in deferred:
            self._take(j, trigger)
        later: list[tuple[int, int]] = []
        bend_keys = iter(st.bends)
        for j, action, detail in actions:
            if action == _Z_MAP_END:
                self._take(j, next(bend_keys, seq))
            elif action == _Z_BLOCK_END:
                next(bend_keys, None)
            elif action == _Z_STEM:
                event = self.events[j]
                dash = [key for at, key in dashes if at < detail]
                if dash and event.anchor is None and raw_tag(event) is None:
                    self._stem(j, dash[-1])
            elif action == _Z_DOC_END:
                later.append((j, seq))
            elif action == _Z_DOC_START:
                first = next(
                    (k for k, (at, bend) in enumerate(queue) if at >= detail and not bend), last
                )
                self._document_head(j, base + first)
        return later, seq

    def _set_last(self, kind: int, start: int) -> None:
        self.before_kind, self.before_start = self.last_kind, self.last_start
        self.last_kind, self.last_start = kind, start

    def _block_header(self, start: int, end: int) -> None:
        """A comment after a block scalar's indicator is a line comment of the scalar."""
        text = self.text
        stop = start
        while stop < end and text[stop] not in BREAKS:
            stop += 1
        m = _BLOCK_HEADER.match(text, start, stop)
        if m is not None:
            comment = Comment(LINE, [m.group(1).rstrip()], m.start(1))
            comment.key = self.last_seq
            self.pending.append(comment)

    # --- the parser's side ----------------------------------------------------------------------

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
            rest_comment = Comment(HEAD, rest, heads[-1].index)
            rest_comment.key = heads[-1].key
            others.append(rest_comment)
            others.sort(key=lambda c: c.key)
        self.pending = others
