"""Events → tree: resolution, aliases, merge keys, duplicate keys, limits and diagnostics (SPEC §4).

One pass over the parser's events with an explicit stack (no recursion, so deep input fails with
a clean error instead of a ``RecursionError``). Aliases share the anchored node (the top node is
copied when the alias site carries comments of its own), so composition stays linear; the
number of nodes the aliases stand for is counted, and input whose expansion would pass
``max(ALIAS_NODES_MIN, ALIAS_NODES_FACTOR × events)`` is refused (the "billion laughs").

Comments come from :mod:`kyaml._reader.comments`: found and assigned per event before the walk,
then put on the nodes as they are built (:mod:`kyaml._reader.comments.place`), which also counts
them per document for whoever asks. Blank lines, when kept, are put in place as the nodes are
(:mod:`kyaml._reader.layout`); anchors, when kept, wrap their nodes and aliases stay aliases,
settled per document before it is written (:mod:`kyaml._reader.anchors`).
"""

from __future__ import annotations

from collections.abc import Callable

from kyaml._reader import findings
from kyaml._reader.anchors import expanded, settle
from kyaml._reader.collection_tags import OMAP_TAG, YAML_TAG, check_content, check_tag
from kyaml._reader.comments import (
    Comment,
    OnComments,
    Placer,
    collect,
    empty_document,
    entry_comments,
    with_head,
    without_blank_lines,
)
from kyaml._reader.events import (
    AFTER_END,
    ALIAS,
    ANCHOR,
    COLUMN,
    DOCUMENT_END,
    DOCUMENT_START,
    DOUBLE_QUOTED,
    END,
    FLAGS,
    FLOW,
    IMPLICIT,
    LINE,
    LITERAL,
    MAPPING_END,
    MAPPING_START,
    PLAIN,
    SCALAR,
    SEQUENCE_END,
    SEQUENCE_START,
    START,
    STREAM_END,
    STYLE,
    TAG,
    VALUE,
    Event,
)
from kyaml._reader.layout import (
    NO_LINE_NUMBER,
    Layout,
    ends_blank,
    trim_first,
    trim_inside,
    trim_last,
)
from kyaml._reader.merge import Merge, apply_merges, copy_node
from kyaml._reader.parse import (
    check_alias_text,
    check_block_header,
    later_version,
    may_alias,
    parse_events,
)
from kyaml._reader.scalars import (
    check_key,
    plain_key_is_string,
    scalar_node,
    scalar_text,
    scalar_text_of,
)
from kyaml._tree import (
    MAX_DEPTH,
    Alias,
    Anchored,
    Comments,
    Document,
    Mapping,
    Node,
    Scalar,
    Sequence,
    Stream,
)
from kyaml.errors import (
    AmbiguityError,
    Diagnostic,
    KyamlError,
    LimitError,
    ParseError,
    UnsupportedError,
)
from kyaml.options import ReadOptions

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Final

#: The alias expansion limit is the larger of this and ``ALIAS_NODES_FACTOR`` × the number of
#: events in the input.
ALIAS_NODES_MIN = 10_000
ALIAS_NODES_FACTOR = 10

_MERGE_TAGS = frozenset((None, YAML_TAG + "merge"))

OnDiagnostic = Callable[[Diagnostic], None]
DEFAULT_READ = ReadOptions()


# How a merge key is remembered among a mapping's keys: not a str, so no real key can collide.
_MERGE: Final = ("<<",)


def compose_stream(
    text: str,
    options: ReadOptions = DEFAULT_READ,
    on_diagnostic: OnDiagnostic | None = None,
    on_comments: OnComments | None = None,
) -> Stream:
    """The tree of a YAML (or JSON) stream, every comment attached (SPEC §2–§4).

    Diagnostics (SPEC §2.6) go to ``on_diagnostic``; with ``options.strict`` the first ambiguity
    is a :class:`KyamlError` instead. ``on_comments``, when given, hears how many comments each
    document carried and where the first was (once per document, and once for comments after
    the last). ``options.max_alias_nodes`` replaces the alias expansion limit; the text aliases
    repeat is bounded too (:func:`~kyaml._reader.parse.check_alias_text`). When the text fails
    because it is a template or indents with tabs, the error says so
    (:mod:`kyaml._reader.templates`).
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    try:
        events = parse_events(text, options.parser)
        comments = collect(text, events)
        composer = _Composer(text, events, comments, options, on_diagnostic, on_comments)
        if options.blank_lines == "keep":
            composer.layout = Layout(text, comments or {})
        if not may_alias(text):  # no alias text to bound: the events may go as they are read
            return composer.run(consume=True)
        stream = composer.run(consume=False)  # aliases share nodes: linear, however they expand
        check_alias_text(text, events)
        return stream
    except KyamlError as exc:
        from kyaml._reader.templates import explain  # only on failure: well-formed input pays

        clearer = explain(text, exc, options.parser)
        if clearer is None:
            raise
    raise clearer  # outside the handler: the parser's error is not its context


class _Open:
    """A collection being built."""

    __slots__ = (
        "anchor",
        "block",
        "is_map",
        "key",
        "key_comments",
        "key_line",
        "key_start",
        "merges",
        "merging",
        "node",
        "seen",
        "size",
        "start",
        "tag",
    )

    def __init__(
        self,
        node: Mapping | Sequence,
        is_map: bool,
        anchor: str | None,
        block: bool,
        tag: str | None,
    ) -> None:
        self.node = node
        self.is_map = is_map
        self.anchor = anchor
        self.block = block
        self.tag = tag
        self.size = 1
        self.key: str | None = None
        self.key_comments: Comments | None = None
        self.key_line = _NO_LINE
        self.key_start = 0
        self.start = 0
        self.seen: dict[str | tuple[str], tuple[int, int]] = {} if is_map else _NO_KEYS
        self.merges: list[Merge] | None = None
        self.merging = False  # the pending key is a merge key (``<<``)


_NO_LINE = (0, 0)
_NO_KEYS: dict[str | tuple[str], tuple[int, int]] = {}  # a sequence's: it never gets one


class _Composer:
    """One composition of a stream."""

    def __init__(  # noqa: PLR0917 (one call site)
        self,
        text: str,
        events: list[Event],
        comments: dict[int, list[Comment]] | None,
        options: ReadOptions,
        on_diagnostic: OnDiagnostic | None,
        on_comments: OnComments | None,
    ) -> None:
        self.text = text
        self.events = events
        self.comments = comments or {}
        self.base_schema = options.schema
        self.schema = options.schema
        self.on_diagnostic = on_diagnostic
        self.strict = options.strict
        self.placer = Placer(text, on_comments)
        limit = options.max_alias_nodes
        if limit is None:
            limit = max(ALIAS_NODES_MIN, ALIAS_NODES_FACTOR * len(events))
        self.alias_limit = limit
        self.expanded = 0
        self.anchors: dict[str, tuple[Node, int, str | None]] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Open] = []
        self.documents: list[Document] = []
        self.root: Node | None = None
        self.doc_head: list[str] = []
        self.after_end = False  # the document before ended with `...`
        self.root_empty = False  # ... and this one holds no node (``---`` then nothing)
        #: The blank lines kept (None: none are).
        self.layout: Layout | None = None
        self.keep_anchors = options.anchors == "keep"
        self.doc_anchors = False  # the document holds anchors or aliases kept
        #: Aliases expanded in the document, and the first one's line, column and name.
        self.aliases = 0
        self.first_alias: tuple[int, int, str] | None = None

    # --- diagnostics ---------------------------------------------------------------------------

    def _report(  # noqa: PLR0917 (the Reporter's shape)
        self,
        event: Event,
        severity: str,
        message: str,
        code: str,
        ambiguity: bool,
        fix: str | None = None,
    ) -> None:
        """Tell ``on_diagnostic`` about ``event`` (an ambiguity is an error when ``strict``)."""
        if ambiguity and self.strict:
            raise AmbiguityError(message, event[LINE] + 1, event[COLUMN] + 1, code=code)
        if self.on_diagnostic is not None:
            found = findings.finding(self.text, event, severity, message, code, fix)  # type: ignore[arg-type]
            self.on_diagnostic(found)

    # --- the walk ------------------------------------------------------------------------------

    def run(self, consume: bool) -> Stream:
        """The stream's tree. With ``consume``, each event leaves the list as it is read, so
        that the events of a large input are freed while its tree grows, not after."""
        comments = self.comments
        stack = self.stack
        schema_report = self._report
        layout = self.layout
        upcoming = layout.upcoming if layout is not None else NO_LINE_NUMBER
        events = self.events
        if consume:
            events.reverse()  # pop() then takes them in order, each in constant time
        for i in range(len(events)):
            event = events.pop() if consume else events[i]
            kind = event[0]
            if kind == SCALAR:
                if event[STYLE] >= LITERAL:  # a block scalar (rare): its header checked
                    self._block_scalar(event)
                top = stack[-1] if stack else None
                if top is None and self.after_end:  # after `...`: is the root no node at all?
                    self.root_empty = event[VALUE] == "" and event[TAG] is None
                if top is not None and top.is_map and top.key is None:
                    self._key(event, i, top)
                    continue
                node = scalar_node(event, self.schema, schema_report)
                self.expanded += 1
                if (
                    top is not None
                    and top.key_comments is None
                    and not top.merging
                    and not top.node.inner
                    and event[ANCHOR] is None
                    and i not in comments
                    and (
                        (top.key_line[0] if top.is_map else event[LINE] + 1) <= upcoming
                        or not top.node.items
                    )
                ):  # the common case of _add, inline
                    top.size += 1
                    if top.is_map:
                        top.node.items.append((top.key, node))  # type: ignore[arg-type]
                        top.key = None
                    else:
                        top.node.items.append(node)  # type: ignore[arg-type]
                    continue
                if i in comments:
                    node.comments = self.placer.node(comments[i])
                anchor = event[ANCHOR]
                placed: Node = node
                if anchor is not None and self.keep_anchors:
                    placed = self._anchored(node, anchor)
                self._add(placed, 1, False, event[LINE] + 1, event[START])
                if layout is not None:
                    upcoming = layout.upcoming
                if anchor is not None:
                    self._new_anchor(event, anchor)
                    text = event[VALUE] if event[STYLE] == PLAIN else None
                    self.anchors[anchor] = (node, 1, text)
            elif kind in (MAPPING_START, SEQUENCE_START):
                self._start(event, i, kind == MAPPING_START)
            elif kind in (MAPPING_END, SEQUENCE_END):
                self._end(event, i)
            elif kind == ALIAS:
                self._alias(event, i)
            elif kind == DOCUMENT_START:
                self._document_start(event, i)
            elif kind == DOCUMENT_END:
                self._document_end(event, i)
            elif kind == STREAM_END:
                return self._stream_end(i)
        raise KyamlError("the YAML stream ended early")  # pragma: no cover - parser guarantees

    def _block_scalar(self, event: Event) -> None:
        """Refuse a header that runs into a comment; note where one with keep chomping ends."""
        check_block_header(self.text, event)
        if self.layout is not None:
            self.layout.block_scalar(event)

    def _document_start(self, event: Event, i: int) -> None:
        if event[FLAGS] & AFTER_END:
            self._report(event, "warning", findings.AFTER_END, "KY306", False)
        version = event[VALUE]
        self.schema = "1.1" if version == "1.1" else self.base_schema
        if version is not None and version not in ("1.1", "1.2") and self.on_diagnostic:
            self.on_diagnostic(later_version(self.text, event, version))
        self.anchors = {}
        self.root = None
        self.doc_head = self.placer.document_head(self.comments.get(i))

    def _document_end(self, event: Event, i: int) -> None:
        root = self.root
        assert root is not None
        received = self.comments.get(i)
        foot = self.placer.document_foot(received) if received else []
        head = self.doc_head
        if self.doc_anchors:
            root = settle(root)
            self.doc_anchors = False
        if self.first_alias is not None and self.on_diagnostic is not None:
            self.on_diagnostic(expanded(self.aliases, *self.first_alias))
        self.aliases, self.first_alias = 0, None
        if self.documents:
            head, root = without_blank_lines(head, root)
        blank_end = False
        if self.layout is not None:
            head, root, foot, blank_end = self.layout.document(head, root, foot)
        bare = self.root_empty
        if bare:  # the comments of a document without a node stand above its null
            head, root, foot = empty_document(head, root, foot)
            self.root_empty = False
        self.after_end = not event[FLAGS] & IMPLICIT
        doc = Document(root, head, foot)
        doc.bare, doc.blank_end = bare, blank_end
        self.documents.append(doc)
        self.placer.report()

    def _stream_end(self, i: int) -> Stream:
        received = self.comments.get(i)
        if not received:
            return Stream(self.documents)
        lines = self.placer.stream_foot(received)
        if not self.documents:
            return Stream([], trim_last(trim_first(lines)) if self.layout else lines)
        last = self.documents[-1]
        last.foot.extend(lines)
        if self.layout is not None:  # no blank line at the end of the last document
            self.layout.stream_end(last)
        return Stream(self.documents)

    # --- keys ----------------------------------------------------------------------------------

    def _key(self, event: Event, i: int, top: _Open) -> None:
        quoted = event[STYLE] != PLAIN
        tag = event[TAG]
        text: str = scalar_text_of(event) if event[STYLE] == DOUBLE_QUOTED else event[VALUE] or ""
        line, column = event[LINE] + 1, event[COLUMN] + 1
        merge = not quoted and text == "<<" and tag in _MERGE_TAGS
        if merge and self.on_diagnostic is not None:
            self._report(event, "info", findings.MERGE_KEY, "KY302", False)
        if not merge and (
            tag is not None or not (quoted or plain_key_is_string(text, self.schema))
        ):
            check_key(event, self.schema, self._report)
        anchor = event[ANCHOR]
        if anchor is not None:
            self._new_anchor(event, anchor)
            self.anchors[anchor] = (Scalar(text, None, line, column), 1, text)
        self.expanded += 1
        top.key_start = event[START]
        self._set_key(top, text, line, column, i, merge=merge)

    def _set_key(
        self, top: _Open, text: str, line: int, column: int, i: int, *, merge: bool = False
    ) -> None:
        seen = top.seen
        seen_as: str | tuple[str] = _MERGE if merge else text
        if seen_as in seen:
            raise findings.duplicate_key(text, line, column, seen[seen_as])
        top.key_line = seen[seen_as] = (line, column)
        top.merging = merge
        top.key = text
        received = self.comments.get(i)
        if received is None:
            top.key_comments = None
            return
        top.key_comments = self.placer.key(top.node, top.block, received)

    # --- collections ---------------------------------------------------------------------------

    def _start(self, event: Event, i: int, is_map: bool) -> None:
        stack = self.stack
        line, column = event[LINE] + 1, event[COLUMN] + 1
        if stack and stack[-1].is_map and stack[-1].key is None:
            raise findings.complex_key(line, column)
        if len(stack) >= MAX_DEPTH:
            raise LimitError(f"nested deeper than {MAX_DEPTH} levels", line, column)
        tag = event[TAG]
        if tag is not None:
            check_tag(tag, is_map, line, column)
            if tag == OMAP_TAG:
                self._report(event, "info", findings.OMAP, "KY305", False)
        node: Mapping | Sequence = (
            Mapping([], line, column) if is_map else Sequence([], line, column)
        )
        flow = event[STYLE] == FLOW
        anchor = event[ANCHOR]
        frame = _Open(node, is_map, anchor, not flow, tag)
        frame.start = event[START]
        received = self.comments.get(i)
        if received:
            bracket = event[END] - 1 if flow else -1
            self.placer.opening(node, received, bracket)
        if anchor is not None:
            self._new_anchor(event, anchor)
            self.open_anchors.add(anchor)
        stack.append(frame)
        self.expanded += 1

    def _end(self, event: Event, i: int) -> None:
        frame = self.stack.pop()
        node = frame.node
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
        if isinstance(node, Mapping) and frame.merges is not None:
            apply_merges(node, frame.merges)
        if frame.tag is not None:
            check_content(frame.tag, node)
        received = self.comments.get(i)
        if received:
            bracket = -1 if frame.block else event[START]
            self.placer.closing(node, received, bracket)
        if self.layout is not None and (node.inner or ends_blank(node)):
            trim_inside(node)
        placed: Node = node
        if frame.anchor is not None and self.keep_anchors:
            placed = self._anchored(node, frame.anchor)
        self._add(placed, frame.size, False, node.line, frame.start)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (node, frame.size, None)

    def _new_anchor(self, event: Event, name: str) -> None:
        """Report an anchor name given again in the document (PyYAML refuses it)."""
        if name in self.anchors or name in self.open_anchors:
            self._report(event, "warning", findings.reused_anchor(name), "KY308", False)

    def _anchored(self, node: Node, anchor: str) -> Node:
        """``node`` wrapped with its anchor, to be kept."""
        self.doc_anchors = True
        wrapped = Anchored(anchor, node)
        wrapped.comments, node.comments = node.comments, None
        return wrapped

    def _alias(self, event: Event, i: int) -> None:
        name = event[ANCHOR] or ""
        line, column = event[LINE] + 1, event[COLUMN] + 1
        if name in self.open_anchors:
            raise UnsupportedError(
                f"recursive alias *{name}: the anchor contains itself", line, column
            )
        found = self.anchors.get(name)
        if found is None:
            raise ParseError(f"unknown anchor *{name}", line, column)
        node, size, key = found
        self.expanded += size
        if self.expanded > self.alias_limit:
            raise LimitError(
                f"aliases expand to more than {self.alias_limit} nodes (a billion-laughs input?)",
                line,
                column,
            )
        stack = self.stack
        if stack and stack[-1].is_map and stack[-1].key is None:
            if not isinstance(node, Scalar):
                raise findings.complex_key(line, column, name)
            text = key if key is not None else scalar_text(node)
            stack[-1].key_start = event[START]
            self._set_key(stack[-1], text, line, column, i)
            return
        received = self.comments.get(i)
        if self.keep_anchors:
            self.doc_anchors = True
            alias = Alias(name, node, line, column)
            if received:
                alias.comments = self.placer.node(received)
            self._add(alias, size, False, line, event[START])
            return
        if self.first_alias is None:
            self.first_alias = (line, column, name)
        self.aliases += 1
        if received or node.comments is not None:
            # the anchor's own comments stay where it is; the alias site has its own
            node = copy_node(node)
            if received:
                node.comments = self.placer.node(received)
            self._add(node, size, False, line, event[START])
        else:
            self._add(node, size, True, line, event[START])

    # --- adding a finished node ----------------------------------------------------------------

    def _add(self, node: Node, size: int, shared: bool, line: int, start: int) -> None:
        """Put a finished node in its place: the root, a sequence item or a mapping value.
        ``shared``: the node is an anchor's, used again; ``line`` and ``start``: where the node
        starts (its line, its index)."""
        stack = self.stack
        if not stack:
            self.root = copy_node(node) if shared else node
            return
        top = stack[-1]
        top.size += size
        parent = top.node
        if isinstance(parent, Sequence):
            if parent.inner and not parent.items:
                node = with_head(node, parent.inner, shared)
                parent.inner = None
                shared = False
            if self.layout is not None:
                at_root = len(stack) == 1 and stack[0].block
                node = self.layout.place(node, not parent.items, line, start, shared, at_root)
            parent.items.append(node)
            return
        key = top.key
        assert key is not None
        kc = top.key_comments
        top.key = None
        top.key_comments = None
        if top.merging:
            top.merging = False
            merge = (len(parent.items), node, entry_comments(kc, node.comments), *top.key_line)
            if top.merges is None:
                top.merges = []
            top.merges.append(merge)
            return
        if kc is not None:
            if shared:
                node = copy_node(node)
                shared = False
            node.comments = entry_comments(kc, node.comments)
        if parent.inner and not parent.items:
            node = with_head(node, parent.inner, shared)
            parent.inner = None
            shared = False
        if self.layout is not None:
            line, start, at_root = top.key_line[0], top.key_start, len(stack) == 1 and top.block
            node = self.layout.place(node, not parent.items, line, start, shared, at_root)
        parent.items.append((key, node))
