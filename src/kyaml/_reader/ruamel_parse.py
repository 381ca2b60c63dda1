"""YAML text → events with ruamel.yaml's pure-Python parser: kyaml's parser where its libyaml
binding is not built, and with ``parser="pure"``.

Imported only then: the binding's path never imports ruamel.yaml. Its verdict on a text is
final (see :mod:`kyaml._reader.parse` and ``docs/parsers.md`` for where it and libyaml
disagree). Events are converted to kyaml's tuples (:func:`~kyaml._reader.events.from_ruamel`);
errors become :class:`~kyaml.errors.KyamlError`.

Separation tabs follow libyaml's rule rather than ruamel.yaml's: between tokens a tab is white
space in a flow collection and wherever a simple key may not start (after a scalar, before a
comment), and refused only where it would indent. ruamel.yaml's scanner refuses any tab in
block context, so a ``kind: Service`` followed by a tab, which libyaml, go-yaml and the YAML
spec read, would be an error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from itertools import islice
from typing import Any

from ruamel.yaml.events import (
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.loader import BaseLoader
from ruamel.yaml.scanner import _THE_END

from kyaml._reader.events import Event, from_ruamel
from kyaml._reader.lines import LineIndex, unicode_error
from kyaml._tree import MAX_DEPTH
from kyaml.errors import KyamlError, LimitError, ParseError, Related


def parser_name() -> str:
    """The parser and its version: ``ruamel.yaml 0.18.6``."""
    from ruamel.yaml import __version__ as version

    return f"ruamel.yaml {version}"


def parse_events(text: str) -> list[Event]:
    """All events of a YAML stream, from stream start to stream end.

    ``text`` must not start with a byte-order mark (the caller strips it, so that event indexes
    are indexes into ``text``). Raises :class:`KyamlError` when the text is not YAML, or as soon
    as collections nest deeper than :data:`~kyaml._tree.MAX_DEPTH`.
    """
    try:
        return _lines_as_libyaml(text, from_ruamel(_parse(text, [])))
    except KyamlError:
        raise
    except UnicodeError as exc:
        converted = unicode_error(text, exc)
    except Exception as exc:
        found = _yaml_error(text, exc)
        if found is None:
            raise
        converted = found
    raise converted  # outside the handler: the parser's own exception is not its context


def events_before_error(text: str) -> list[Event]:
    """The events the parser gives for ``text`` before it fails (all of them when it does not)."""
    events: list[Any] = []
    with contextlib.suppress(Exception):  # the events so far are the answer
        _parse(text, events)
    return _lines_as_libyaml(text, from_ruamel(events))


def _other_breaks(text: str) -> LineIndex | None:
    """Lines as libyaml counts them, when ``text`` holds a break ruamel.yaml does not count
    (U+0085, U+2028, U+2029: line breaks to YAML 1.1 and libyaml, content to YAML 1.2)."""
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return LineIndex(text)
    return None


def _lines_as_libyaml(text: str, events: list[Event]) -> list[Event]:
    """``events`` with lines and columns counted as libyaml and kyaml's splitter count them."""
    where = _other_breaks(text)
    if where is None:
        return events
    line, column = where.line, where.column
    return [
        (e[0], e[1], line(e[1]), column(e[1]), e[4], line(e[4]), column(e[4]), *e[7:])
        for e in events
    ]


def _at(text: str, mark: Any) -> tuple[int, int]:
    """A ruamel.yaml mark's 1-based line and column, counted as libyaml counts them."""
    where = _other_breaks(text)
    if where is None:
        return mark.line + 1, mark.column + 1
    return where.line(mark.index) + 1, where.column(mark.index) + 1


class _DocInfo:
    """Where ruamel.yaml's scanner and parser note a document's ``%YAML`` and ``%TAG``
    directives (its loaders for data set one up; the bare loader does not)."""

    def __init__(self) -> None:
        self.doc_version: Any = None
        self.tags: list[Any] = []


class _Loader(BaseLoader):  # type: ignore[misc,unused-ignore]  # Any where ruamel is untyped
    """ruamel.yaml's bare loader, with libyaml's rule for separation tabs (see the module)."""

    reader: Any
    flow_level: int
    allow_simple_key: bool

    def scan_to_next_token(self) -> None:
        """Skip white space, comments and line breaks up to the next token."""
        peek = self.reader.peek
        forward = self.reader.forward
        if self.reader.index == 0 and peek() == "\ufeff":
            forward()
        while True:
            while peek() == " " or (
                peek() == "\t" and (self.flow_level > 0 or not self.allow_simple_key)
            ):
                forward()
            if peek() == "#":
                while peek() not in _THE_END:
                    forward()
            if not self.scan_line_break():
                return
            if not self.flow_level:  # a new line in block context may start a key
                self.allow_simple_key = True


def _parse(text: str, events: list[Any]) -> list[Any]:
    """Append ruamel.yaml's events for ``text`` to ``events`` (see :func:`_pull`)."""
    loader = _Loader(text)
    loader.doc_infos = [_DocInfo()]  # type: ignore[attr-defined,unused-ignore]
    try:
        return _pull(text, loader.get_event, events)
    except (ValueError, OverflowError) as exc:
        from ruamel.yaml.error import YAMLError

        if isinstance(exc, (YAMLError, KyamlError)):
            raise
        # an escape past U+10FFFF (`"\U00110000"`): chr() refuses it inside the scanner
        mark = loader.reader.get_mark()
    message = "while parsing a quoted scalar: found invalid Unicode character escape code"
    raise ParseError(message, *_at(text, mark))  # outside the handler: no context


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
                message = f"nested deeper than {MAX_DEPTH} levels"
                raise LimitError(message, *_at(text, event.start_mark))
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
            return ParseError(
                f"unacceptable character U+{character:04X}: {reason}", line, column, code="KY008"
            )
        return ParseError(str(reason), line, column)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    message = str(problem)
    related = None
    if context:
        message = f"{context}: {message}"
        if context_mark is not None and mark is not None:
            started = _at(text, context_mark)
            if started[0] != _at(text, mark)[0]:
                related = Related("started at", *started)
    if mark is None:
        mark = context_mark
    if mark is None:
        return ParseError(message, related=related)
    return ParseError(message, *_at(text, mark), related=related)
