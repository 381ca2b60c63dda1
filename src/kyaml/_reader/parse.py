"""YAML text → events with positions (:mod:`kyaml._reader.events`), from libyaml or ruamel.yaml.

Three parsers, fastest first: kyaml's own binding to the system's libyaml
(``kyaml._reader._libyaml``, built by ``pip install .`` where a compiler and libyaml's headers
are present), which gives the events as tuples directly; libyaml 0.1.7 behind ruamel.yaml's C
extension (``ruamel.yaml.clib``); and ruamel.yaml's pure-Python parser, which ``parser="pure"``
asks for (the tests run both options). ruamel.yaml's events are converted to the same tuples.
Positions are code-point indexes into the text given (a CR LF pair counting two) and 0-based
lines and columns.

Where the parsers differ:

- error messages are worded alike but not always identically, and may point at slightly
  different positions for the same broken input;
- the pure scanner refuses a tab after a plain scalar at the end of a line (``kind: Service``
  followed by a tab), which libyaml reads as trailing blanks (3 of the 695 files of the external
  corpus have one); all refuse control characters in the text;
- libyaml refuses escaped UTF-16 surrogates (``"\\ud83d\\udd0d"``, as JSON writes astral
  characters), which the pure parser reads;
- libyaml 0.1.7 refuses some valid YAML 1.2 that 0.2.5 and the pure parser read, such as a ``:``
  inside a plain scalar in a flow collection (``args: [--listen=:9102]``).

When libyaml refuses a text, the pure parser gets a second look before kyaml refuses it.
No parser keeps comments; :mod:`kyaml._reader.comments` recovers them from the text between
events. Parser failures become :class:`~kyaml.errors.KyamlError` with a 1-based line and column.

Work stays bounded by the input: parsing stops as soon as collections nest deeper than
``MAX_DEPTH`` (both parsers spend time in proportion to the flow depth on every token, so
100,000 ``[`` would take minutes), and :func:`check_alias_text` bounds the text aliases repeat.
"""

from __future__ import annotations

import contextlib
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate, count, islice
from operator import add
from typing import Any

from ruamel.yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from kyaml._patterns import LazyPattern
from kyaml._reader.events import (
    ALIAS,
    ANCHOR,
    COLUMN,
    DOCUMENT_START,
    LINE,
    MAPPING_END,
    MAPPING_START,
    SCALAR,
    SEQUENCE_END,
    SEQUENCE_START,
    VALUE,
    Event,
    from_ruamel,
)
from kyaml._reader.split import LINE_BREAKS, lf_only
from kyaml._tree import MAX_DEPTH
from kyaml.errors import KyamlError, LimitError, ParseError, Related

try:  # pragma: no cover - which branch runs depends on the build
    import kyaml._reader._libyaml as _libyaml  # type: ignore[import-not-found]  # noqa: PLR0402
except ImportError:  # pragma: no cover
    _libyaml = None
try:  # pragma: no cover - which branch runs depends on the installation
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    _CParser = None

_BREAK = LazyPattern(LINE_BREAKS)
#: What the binding returns: the events, and the error that stopped it (see ``_libyaml.c``).
Parsed = tuple[list[Event], "tuple[Any, ...] | None"]


def c_parser_available() -> bool:
    """Whether libyaml's C parser (ruamel.yaml.clib) is installed."""
    return _CParser is not None


def parser_name() -> str:
    """The parser ``parser="auto"`` reads with, and its version: ``libyaml 0.2.5`` (kyaml's
    binding), ``libyaml 0.1.7`` (inside ruamel.yaml.clib) or ``ruamel.yaml 0.18.6`` (its
    pure-Python parser)."""
    if _libyaml is not None:
        return f"libyaml {_libyaml.version()}"
    if _CParser is not None:
        import _ruamel_yaml  # type: ignore[import-not-found]

        return f"libyaml {_ruamel_yaml.get_version_string()}"
    from ruamel.yaml import __version__ as version

    return f"ruamel.yaml {version}"


def use_pure_parser(parser: str) -> bool:
    """Whether parsing goes through the pure-Python parser (no extension, or ``parser="pure"``)."""
    return (_libyaml is None and _CParser is None) or parser == "pure"


def parse_events(text: str, parser: str = "auto") -> list[Event]:
    """All events of a YAML stream, from stream start to stream end (see :func:`_parse`)."""
    if _libyaml is not None and parser != "pure":
        unicode_error: KyamlError | None = None
        parsed: Parsed = ([], None)
        try:
            parsed = _libyaml.parse(text, MAX_DEPTH)
        except UnicodeError as exc:  # a lone surrogate: no UTF-8 for libyaml
            unicode_error = _unicode_error(text, exc)
        if unicode_error is not None:
            raise unicode_error
        events, error = parsed
        if error is None:
            return events
        converted = _binding_error(text, error)
        if error[6] != "depth":
            with contextlib.suppress(Exception):  # the first parser's error is the one to report
                return from_ruamel(_parse_pure(text, []))
        raise converted
    return from_ruamel(_parse(text, parser))


def _binding_error(text: str, error: tuple[Any, ...]) -> KyamlError:
    """The binding's error tuple as a :class:`KyamlError`, worded as ruamel.yaml words it."""
    problem, line, column, context, context_line, context_column, kind, offset, value = error
    if kind == "depth":
        return LimitError(f"nested deeper than {MAX_DEPTH} levels", line + 1, column + 1)
    if kind == "reader":
        where = LineIndex(text)
        at = (where.line(offset) + 1, where.column(offset) + 1) if offset >= 0 else (0, 0)
        if value >= 0:
            return ParseError(f"unacceptable character U+{value:04X}: {problem}", *at)
        return ParseError(str(problem), *at)
    message = f"{context}: {problem}" if context else str(problem)
    related = None
    if context and context_line != line:
        related = Related("started at", context_line + 1, context_column + 1)
    return ParseError(message, line + 1, column + 1, related=related)


def _parse(text: str, parser: str = "auto") -> list[Any]:
    """All events of a YAML stream, ``StreamStartEvent`` to ``StreamEndEvent``.

    ``text`` must not start with a byte-order mark (the caller strips it, so that event indexes
    are indexes into ``text``). Raises :class:`KyamlError` when the text is not YAML, or as soon
    as collections nest deeper than :data:`~kyaml._tree.MAX_DEPTH`.
    """
    pure = use_pure_parser(parser)
    try:
        return _parse_pure(text, []) if pure else _parse_c(text, [])
    except KyamlError:
        raise
    except UnicodeError as exc:
        converted = _unicode_error(text, exc)
        pure = True  # the text itself is wrong: no second parser reads it
    except Exception as exc:
        found = _yaml_error(text, exc)
        if found is None:
            raise
        converted = found
    # Raised outside the handler, so that the parser's own exception is not its context.
    if not pure:
        # The libyaml inside ruamel.yaml.clib (0.1.7) refuses some YAML 1.2 that go-yaml and
        # the pure parser read, like a ":" inside a plain scalar in a flow collection
        # ("args: [--listen=:9102]"): ask the pure parser before refusing the text.
        try:
            return _parse_pure(text, [])
        except Exception:  # the first parser's error is the one to report
            pass
    raise converted


def events_before_error(text: str, parser: str = "auto") -> list[Event]:
    """The events the parser gives for ``text`` before it fails (all of them when it does not),
    for error messages that explain why a text is not YAML. When the C parser fails, the pure
    parser's events are taken if it reads further, as :func:`parse_events` would."""
    if _libyaml is not None and parser != "pure":
        try:
            parsed: Parsed = _libyaml.parse(text, MAX_DEPTH)
        except UnicodeError:
            return []
        events, error = parsed
        if error is None or error[6] == "depth":
            return events
        second: list[Any] = []
        with contextlib.suppress(Exception):
            _parse_pure(text, second)
        return from_ruamel(second) if len(second) > len(events) else events
    return from_ruamel(_ruamel_events_before_error(text, parser))


def _ruamel_events_before_error(text: str, parser: str) -> list[Any]:
    """:func:`events_before_error` with ruamel.yaml's parsers."""
    events: list[Any] = []
    pure = use_pure_parser(parser)
    try:
        return _parse_pure(text, events) if pure else _parse_c(text, events)
    except KyamlError:  # too deep: the pure parser would stop at the same place
        return events
    except Exception:  # the events so far are the answer
        if pure:
            return events
    second: list[Any] = []
    with contextlib.suppress(Exception):
        _parse_pure(text, second)
    return second if len(second) > len(events) else events


def _parse_c(text: str, events: list[Any]) -> list[Any]:
    return _pull(text, _CParser(text).get_event, events)


class _DocInfo:
    """Where ruamel.yaml's scanner and parser note a document's ``%YAML`` and ``%TAG``
    directives (its loaders for data set one up; the bare loader does not)."""

    def __init__(self) -> None:
        self.doc_version: Any = None
        self.tags: list[Any] = []


def _parse_pure(text: str, events: list[Any]) -> list[Any]:
    from ruamel.yaml.loader import BaseLoader

    loader = BaseLoader(text)
    loader.doc_infos = [_DocInfo()]  # type: ignore[attr-defined]
    try:
        return _pull(text, loader.get_event, events)
    except (ValueError, OverflowError) as exc:
        from ruamel.yaml.error import YAMLError

        if isinstance(exc, (YAMLError, KyamlError)):
            raise
        # an escape past U+10FFFF (`"\U00110000"`): chr() refuses it inside the scanner
        mark = loader.reader.get_mark()
    message = "while parsing a quoted scalar: found invalid Unicode character escape code"
    raise ParseError(message, mark.line + 1, mark.column + 1)  # outside the handler: no context


def _pull(text: str, get_event: Callable[[], Any], events: list[Any]) -> list[Any]:
    """Append the events ``get_event`` gives for ``text`` to ``events``, up to
    ``StreamEndEvent``; refuse a collection nested deeper than ``MAX_DEPTH`` as soon as it
    opens, and a ``%YAML`` version other than 1.1 and 1.2.

    Events are taken a chunk at a time in one call (the parser gives None past the stream's
    end). Depth is counted, in C, only once the events since it was last counted could open
    too many collections; only a chunk that may nest too deep, or any chunk of a text with a
    directive, is looked at event by event.
    """
    directives = _has_directive(text)
    source = iter(get_event, None)
    depth = 0  # the depth after events[:counted]
    counted = len(events)
    while True:
        start = len(events)
        events.extend(islice(source, _CHUNK))  # what was read stays there if the parser fails
        if len(events) == start:
            return events
        if directives or depth + len(events) - counted > MAX_DEPTH:
            opened, closed = _opened_closed(events[counted:start])
            depth += opened - closed
            chunk = events[start:]
            opened, closed = _opened_closed(chunk)
            if directives or depth + opened > MAX_DEPTH:
                del events[start:]
                depth = _check_each(text, chunk, events, depth)
            else:
                depth += opened - closed
            counted = len(events)
        if type(events[-1]) is StreamEndEvent:
            return events


def _opened_closed(events: list[Any]) -> tuple[int, int]:
    """How many collections ``events`` open and how many they close (counted in C)."""
    kinds = list(map(type, events))
    opened = kinds.count(MappingStartEvent) + kinds.count(SequenceStartEvent)
    return opened, kinds.count(MappingEndEvent) + kinds.count(SequenceEndEvent)


_CHUNK = 256


def _check_each(text: str, chunk: list[Any], events: list[Any], depth: int) -> int:
    """Append the events of ``chunk`` to ``events`` one by one, refusing the first that opens a
    collection too deep or starts a document of an unsupported ``%YAML`` version; returns the
    depth after the chunk."""
    for event in chunk:
        events.append(event)
        kind = type(event)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise LimitError(
                    f"nested deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1
                )
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            depth -= 1
        elif kind is DocumentStartEvent and event.version not in _VERSIONS:
            # libyaml and go-yaml refuse other versions; ruamel.yaml only warns
            at = max(0, text.rfind("%YAML", 0, event.start_mark.index))
            where = LineIndex(text)
            message = "found incompatible YAML document"
            raise ParseError(message, where.line(at) + 1, where.column(at) + 1)
    return depth


def _has_directive(text: str) -> bool:
    """Whether a line of ``text`` may begin with ``%`` (a directive)."""
    at = text.find("%")
    while at >= 0:
        if at == 0 or text[at - 1] in "\r\n\x85\u2028\u2029":
            return True
        at = text.find("%", at + 1)
    return False


_VERSIONS = frozenset((None, (1, 1), (1, 2)))

#: Aliases may repeat at most the larger of this many characters of scalar text and
#: ``ALIAS_TEXT_FACTOR`` × the length of the input (the composer bounds the number of nodes).
ALIAS_TEXT_MIN = 16 * 1024 * 1024
ALIAS_TEXT_FACTOR = 10
# Where an alias may stand: ``*`` and a name character (a superset; :func:`_may_alias` also
# looks at the character before it). Starting with a literal, the pattern is searched quickly.
_ALIAS = LazyPattern(r"\*[^\s\[\]{},]")


def _may_alias(text: str) -> bool:
    """Whether ``text`` may hold an alias: a ``*`` and a name character at a node's start."""
    for m in _ALIAS.finditer(text):
        at = m.start()
        if at == 0 or text[at - 1].isspace() or text[at - 1] in "[{,:":
            return True
    return False


def check_alias_text(text: str, events: list[Event], limit: int | None = None) -> None:
    """Refuse a stream whose aliases repeat more than ``limit`` characters of scalar text
    (by default the larger of ``ALIAS_TEXT_MIN`` and ``ALIAS_TEXT_FACTOR`` × the text's length).

    The composer bounds the number of nodes aliases stand for; but a few hundred aliases of one
    long string make output as large as a billion laughs, so the text they repeat is bounded
    too, and such input fails before anything is written. One pass over the events, only when
    the text may hold an alias; anchors still open (a recursive alias) or unknown are left to
    the composer to report.
    """
    if "*" not in text or not _may_alias(text):
        return
    if limit is None:
        limit = max(ALIAS_TEXT_MIN, ALIAS_TEXT_FACTOR * len(text))
    sizes: dict[str, int] = {}
    open_sizes: list[int] = []
    open_anchors: list[str | None] = []
    repeated = 0
    for event in events:
        kind = event[0]
        if kind == SCALAR:
            value = event[VALUE]
            size = (len(value) if value is not None else 0) + 1
            anchor = event[ANCHOR]
            if anchor is not None:
                sizes[anchor] = size
        elif kind == ALIAS:
            size = sizes.get(event[ANCHOR] or "", 0)
            repeated += size
            if repeated > limit:
                raise LimitError(
                    f"aliases repeat more than {limit} characters of text (a billion-laughs"
                    " input?)",
                    event[LINE] + 1,
                    event[COLUMN] + 1,
                )
        elif kind in (MAPPING_START, SEQUENCE_START):
            open_sizes.append(1)
            open_anchors.append(event[ANCHOR])
            continue
        elif kind in (MAPPING_END, SEQUENCE_END):
            size = open_sizes.pop()
            closed = open_anchors.pop()
            if closed is not None:
                sizes[closed] = size
        elif kind == DOCUMENT_START:
            sizes.clear()
            continue
        else:
            continue
        if open_sizes:
            open_sizes[-1] += size


class LineIndex:
    """Line and column (0-based, counted as the parser counts them) of any index in a text.

    The table of line starts is built on first need: columns of a text whose only line break
    is ``\\n`` are found without it.
    """

    __slots__ = ("_starts", "simple", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.simple = lf_only(text)
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """The index where each line begins."""
        if self._starts is None:
            if self.simple:  # each line's length plus its break, summed (all in C)
                lengths = map(len, self.text.split("\n"))
                self._starts = list(map(add, accumulate(lengths, initial=0), count()))[:-1]
            else:
                self._starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]
        return self._starts

    def line(self, index: int) -> int:
        return bisect_right(self.starts, index) - 1

    def column(self, index: int) -> int:
        if self.simple:
            return index - self.text.rfind("\n", 0, index) - 1
        return index - self.starts[bisect_right(self.starts, index) - 1]


def _yaml_error(text: str, exc: Exception) -> KyamlError | None:
    """A ruamel.yaml error as a :class:`KyamlError`, or None when it is not a YAML error."""
    from ruamel.yaml.error import YAMLError

    if not isinstance(exc, YAMLError):
        return None
    problem = getattr(exc, "problem", None)
    mark = getattr(exc, "problem_mark", None)
    if problem is None:  # a reader error: an unacceptable character
        position = getattr(exc, "position", None)
        character = getattr(exc, "character", None)
        reason = getattr(exc, "reason", None) or "unacceptable character"
        if isinstance(position, int):
            where = LineIndex(text)
            line, column = where.line(position) + 1, where.column(position) + 1
        else:
            line = column = 0
        if isinstance(character, int):
            return ParseError(f"unacceptable character U+{character:04X}: {reason}", line, column)
        return ParseError(str(reason), line, column)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    message = str(problem)
    related = None
    if context:
        message = f"{context}: {message}"
        if context_mark is not None and mark is not None and context_mark.line != mark.line:
            related = Related("started at", context_mark.line + 1, context_mark.column + 1)
    if mark is None:
        mark = context_mark
    if mark is None:
        return ParseError(message, related=related)
    return ParseError(message, mark.line + 1, mark.column + 1, related=related)


def _unicode_error(text: str, exc: UnicodeError) -> KyamlError:
    start = getattr(exc, "start", None)
    if isinstance(start, int) and 0 <= start < len(text):
        where = LineIndex(text)
        code = ord(text[start])
        return ParseError(
            f"unacceptable character U+{code:04X}: not a Unicode scalar value",
            where.line(start) + 1,
            where.column(start) + 1,
        )
    return ParseError(f"the text is not valid Unicode: {exc}")
