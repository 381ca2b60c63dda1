"""YAML text → events with positions (:mod:`kyaml._reader.events`): one parser per run.

The parser is chosen once, never by the text: kyaml's own binding to the system's libyaml
(``kyaml._reader._libyaml``, built by ``pip install .`` where a compiler and libyaml's headers
are present) with ``parser="auto"``; ruamel.yaml's pure-Python parser
(:mod:`kyaml._reader.ruamel_parse`, imported only then) where the binding is not built, or with
``parser="pure"``. A parser's verdict on a text is final: no text is read again by a parser of
other rules, so what a document means never depends on the rest of its stream. Positions are
code-point indexes into the text given and 0-based lines and columns. No parser keeps comments;
:mod:`kyaml._reader.comments` recovers them from the text between events. Parser failures
become :class:`~kyaml.errors.KyamlError` with a 1-based line and column.

The two disagree on a few inputs, listed with examples in ``docs/parsers.md`` (the tests check
the list): libyaml refuses empty keys, non-ASCII anchor names and reserved directives, and reads
U+0085, U+2028 and U+2029 as line breaks (YAML 1.1); error messages are worded alike but not
always identically. Three inputs are mended before either parser sees them, every position kept:
content after a ``...`` line (``---`` there), ``%YAML 1.3`` (``1.2``), and a block scalar header
running into a comment (refused). Both read escaped UTF-16 surrogates
(``"\\ud83d\\udd0d"``, as JSON writes astral characters), which libyaml refuses: the binding
reads them through :mod:`kyaml._reader.surrogates`.

Work stays bounded by the input: parsing stops as soon as collections nest deeper than
``MAX_DEPTH`` (parsers spend time in proportion to the flow depth on every token, so 100,000
``[`` would take minutes), and :func:`check_alias_text` bounds the text aliases repeat.
"""

from __future__ import annotations

import re

from kyaml._patterns import LazyPattern
from kyaml._reader.events import (
    AFTER_END,
    ALIAS,
    ANCHOR,
    COLUMN,
    DOCUMENT_START,
    END,
    FLAGS,
    KIND,
    LINE,
    MAPPING_END,
    MAPPING_START,
    SCALAR,
    SEQUENCE_END,
    SEQUENCE_START,
    START,
    VALUE,
    Event,
)
from kyaml._reader.lines import LineIndex, unicode_error
from kyaml._reader.surrogates import mask, unmask
from kyaml._tree import MAX_DEPTH
from kyaml.errors import Diagnostic, KyamlError, LimitError, ParseError, Related

try:  # pragma: no cover - which branch runs depends on the build
    import kyaml._reader._libyaml as _libyaml  # type: ignore[import-not-found]  # noqa: PLR0402
except ImportError:  # pragma: no cover
    _libyaml = None

#: What the binding returns: the events, and the error that stopped it (see ``_libyaml.c``).
#: The error: (problem, line, column, context, context_line, context_column, kind, offset, value).
Parsed = tuple[list[Event], "tuple[str, int, int, str | None, int, int, str, int, int] | None"]


def binding_built() -> bool:
    """Whether kyaml's libyaml binding is built (it reads with ``parser="auto"``)."""
    return _libyaml is not None


def native_blank_lines(text: str) -> list[int] | None:
    """The 1-based numbers of the blank lines of ``text``, found by the binding; None where it
    is not built, or when ``\\n`` is not the text's only line break."""
    if _libyaml is None:
        return None
    found: list[int] | None = _libyaml.blank_lines(text)
    return found


def parser_name(parser: str = "auto") -> str:
    """The parser ``parser`` reads with, and its version: ``libyaml 0.2.5`` (kyaml's binding)
    or ``ruamel.yaml 0.18.6`` (its pure-Python parser)."""
    if _libyaml is not None and parser != "pure":
        return f"libyaml {_libyaml.version()}"
    from kyaml._reader import ruamel_parse

    return ruamel_parse.parser_name()


def parse_events(text: str, parser: str = "auto") -> list[Event]:
    """All events of a YAML stream, from stream start to stream end.

    ``text`` must not start with a byte-order mark (the caller strips it, so that event indexes
    are indexes into ``text``). Raises :class:`KyamlError` when the text is not YAML, or as soon
    as collections nest deeper than :data:`~kyaml._tree.MAX_DEPTH`.
    """
    text, later, restarts = _mended(text)
    if _libyaml is None or parser == "pure":
        from kyaml._reader import ruamel_parse

        events = ruamel_parse.parse_events(text)
    else:
        events, error = _read(text)
        if error is not None:
            raise _binding_error(text, error)
    if later:
        events = _restore_versions(events, later)
    return _mark_restarts(events, restarts) if restarts else events


def _mended(text: str) -> tuple[str, list[tuple[int, str]], list[int]]:
    """``text`` as both parsers are given it, every position kept: later ``%YAML 1.x``
    directives say 1.2 (:func:`_later_minor`), and ``...`` before more content is ``---``
    (:func:`_content_after_end`)."""
    text, later = _later_minor(text)
    text, restarts = _content_after_end(text)
    return text, later, restarts


# A "..." line, and the lines after it up to the next that is not blank or a comment.
_END_THEN = LazyPattern(
    r"^\.\.\.([ \t][^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*(?=[ \t]*([^ \t\n#]))", re.M
)


def _content_after_end(text: str) -> tuple[str, list[int]]:
    """``text`` with each ``...`` line that more content follows written ``---``, and where.

    YAML 1.2 reads content after ``...`` as a new document (documentation often elides that
    way); libyaml and the reference refuse it. ``---`` there means the same and keeps every
    position; the composer warns at each (see :data:`~kyaml._reader.events.AFTER_END`).
    """
    if not (text.startswith("...") or "\n..." in text):
        return text, []
    found: list[int] = []
    for m in _END_THEN.finditer(text):
        rest = text[m.start(2) : m.start(2) + 4]
        if rest.startswith("%") or (
            rest[:3] in ("---", "...") and rest[3:4] in ("", " ", "\t", "\n")
        ):
            continue
        found.append(m.start())
    for at in found:
        text = text[:at] + "---" + text[at + 3 :]
    return text, found


def _mark_restarts(events: list[Event], restarts: list[int]) -> list[Event]:
    """The events, each document start at one of ``restarts`` flagged :data:`AFTER_END`."""
    if not restarts:
        return events
    wanted = set(restarts)
    for n, event in enumerate(events):
        if event[KIND] == DOCUMENT_START and event[START] in wanted:
            events[n] = (*event[:FLAGS], event[FLAGS] | AFTER_END)
    return events


# A %YAML directive of a later 1.x version than 1.2, which both parsers refuse: YAML 1.2 (§6.8.1)
# says to read it as 1.2, with a warning (the composer gives it). Longer numbers stay libyaml's
# "extremely long version number".
_LATER_MINOR = LazyPattern(r"^%YAML[ \t]+(1\.(?:[3-9]|[1-9][0-9]{1,8}))(?=[ \t#\r\n]|\Z)", re.M)


def _later_minor(text: str) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with each later ``%YAML 1.x`` written ``%YAML 1.2`` (padded: positions stay),
    and where each was, with its version."""
    if "%" not in text or "%YAML" not in text:  # (one character is looked for faster)
        return text, []
    found = [(m.start(1), m.group(1)) for m in _LATER_MINOR.finditer(text)]
    for at, version in found:
        text = text[:at] + "1.2".ljust(len(version)) + text[at + len(version) :]
    return text, found


def later_version(text: str, event: Event, version: str) -> Diagnostic:
    """The warning for a document that a later ``%YAML 1.x`` directive opened (``event``, its
    start), at the directive, whichever parser read it."""
    at = text.rfind("%YAML", 0, event[END])
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    message = f"%YAML {version}: read as YAML 1.2, as YAML 1.2 says of a later 1.x version"
    return Diagnostic(line, column, "warning", message, "KY307")


def _restore_versions(events: list[Event], later: list[tuple[int, str]]) -> list[Event]:
    """The events, each document start that a later ``%YAML 1.x`` opened saying that version."""
    pending = list(later)
    for n, event in enumerate(events):
        if not pending:
            break
        if event[KIND] == DOCUMENT_START and event[END] >= pending[0][0]:
            version = pending.pop(0)[1]
            events[n] = (*event[:VALUE], version, *event[VALUE + 1 :])  # type: ignore[assignment]
    return events


def block_indicators(text: str, event: Event) -> tuple[int, int]:
    """Where the header of the block scalar ``event`` (``|``, ``>-``, ``|2+``, after any anchor
    or tag) starts and ends in ``text``; an empty span when none is found."""
    found = (text.find("|", event[START]), text.find(">", event[START]))
    start = min((i for i in found if i >= 0), default=-1)  # the indicator, after any property
    if start < 0:
        return 0, 0
    end = start + 1
    while end < len(text) and text[end] in "-+0123456789":
        end += 1
    return start, end


def check_block_header(text: str, event: Event) -> None:
    """Refuse the block scalar ``event`` when its header runs into a comment (``a: |#c``): YAML
    needs white space before the ``#``. libyaml reads it and drops the comment; ruamel.yaml
    refuses it, with this message and position. (The composer asks, for each block scalar:
    looking for such headers in the whole text would cost every input more.)"""
    start, at = block_indicators(text, event)
    if start < at < len(text) and text[at] == "#":
        where = LineIndex(text)
        raise ParseError(
            "while scanning a block scalar: expected chomping or indentation indicators,"
            " but found '#'",
            where.line(at) + 1,
            where.column(at) + 1,
        )


def events_before_error(text: str, parser: str = "auto") -> list[Event]:
    """The events the parser gives for ``text`` before it fails (all of them when it does not),
    for error messages that explain why a text is not YAML. The text is mended as
    :func:`parse_events` mends it, so that both stop at the same place."""
    text = _mended(text)[0]
    if _libyaml is None or parser == "pure":
        from kyaml._reader import ruamel_parse

        return ruamel_parse.events_before_error(text)
    try:
        return _read(text)[0]
    except KyamlError:  # not Unicode: no events
        return []


def _read(text: str) -> Parsed:
    """The binding's events and error for ``text``, surrogate escapes read (see
    :mod:`kyaml._reader.surrogates`)."""
    masked, where = mask(text)
    unicode: KyamlError | None = None
    try:
        events, error = _libyaml.parse(masked, MAX_DEPTH)
    except UnicodeError as exc:  # a lone surrogate: no UTF-8 for libyaml
        unicode = unicode_error(text, exc)
    if unicode is not None:
        raise unicode  # outside the handler: no context
    return unmask(events, where), error


def _binding_error(
    text: str, error: tuple[str, int, int, str | None, int, int, str, int, int]
) -> KyamlError:
    """The binding's error tuple as a :class:`KyamlError`, worded as ruamel.yaml words it."""
    problem, line, column, context, context_line, context_column, kind, offset, value = error
    if kind == "depth":
        return LimitError(f"nested deeper than {MAX_DEPTH} levels", line + 1, column + 1)
    if kind == "reader":
        where = LineIndex(text)
        at = (where.line(offset) + 1, where.column(offset) + 1) if offset >= 0 else (0, 0)
        if value >= 0:
            return ParseError(f"unacceptable character U+{value:04X}: {problem}", *at, code="KY008")
        return ParseError(str(problem), *at)
    message = f"{context}: {problem}" if context else str(problem)
    related = None
    if context and context_line != line:
        related = Related("started at", context_line + 1, context_column + 1)
    return ParseError(message, line + 1, column + 1, related=related)


#: Aliases may repeat at most the larger of this many characters of scalar text and
#: ``ALIAS_TEXT_FACTOR`` × the length of the input (the composer bounds the number of nodes).
ALIAS_TEXT_MIN = 16 * 1024 * 1024
ALIAS_TEXT_FACTOR = 10
# Where an alias may stand: ``*`` and a name character (a superset; :func:`may_alias` also
# looks at the character before it). Starting with a literal, the pattern is searched quickly.
_ALIAS = LazyPattern(r"\*[^\s\[\]{},]")


def may_alias(text: str) -> bool:
    """Whether ``text`` may hold an alias: a ``*`` and a name character at a node's start."""
    if "*" not in text:
        return False
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
    if not may_alias(text):
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
