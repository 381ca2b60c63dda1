"""The parser's events as the reader consumes them: one flat tuple per event.

``(kind, start, line, column, end, end_line, end_column, anchor, tag, value, style, flags)``:
positions are code-point indexes into the text and 0-based lines and columns, as libyaml counts
them. The binding to libyaml (``kyaml._reader._libyaml``) builds these tuples in C; events of
ruamel.yaml's parsers are converted by :func:`from_ruamel`. A tuple costs one allocation and is
read by index, which compiled code does without a lookup.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any, Final


#: An event; the names below index it.
Event = tuple[int, int, int, int, int, int, int, str | None, str | None, str | None, int, int]

KIND: Final = 0
START: Final = 1
LINE: Final = 2
COLUMN: Final = 3
END: Final = 4
END_LINE: Final = 5
END_COLUMN: Final = 6
ANCHOR: Final = 7  # an anchor, or the name an alias refers to
TAG: Final = 8
VALUE: Final = 9  # a scalar's text, or a document's ``%YAML`` version ("1.1")
STYLE: Final = 10
FLAGS: Final = 11

# Kinds: libyaml's event types.
STREAM_START: Final = 1
STREAM_END: Final = 2
DOCUMENT_START: Final = 3
DOCUMENT_END: Final = 4
ALIAS: Final = 5
SCALAR: Final = 6
SEQUENCE_START: Final = 7
SEQUENCE_END: Final = 8
MAPPING_START: Final = 9
MAPPING_END: Final = 10

# Styles: a scalar's, or a collection's (BLOCK, FLOW).
PLAIN: Final = 1
SINGLE_QUOTED: Final = 2
DOUBLE_QUOTED: Final = 3
LITERAL: Final = 4
FOLDED: Final = 5
BLOCK: Final = 1
FLOW: Final = 2

#: Flags: a scalar's plain-implicit bit, or an implicit document start or end or collection.
IMPLICIT: Final = 1
#: Flags: a scalar's quoted-implicit bit.
QUOTED_IMPLICIT: Final = 2
#: Flags: a document begun by content after a ``...`` line, which kyaml gives the parser as
#: ``---`` (:func:`kyaml._reader.parse.parse_events`).
AFTER_END: Final = 4

_SCALAR_STYLES = {None: PLAIN, "": PLAIN, "'": SINGLE_QUOTED, '"': DOUBLE_QUOTED, "|": LITERAL}
_SCALAR_STYLES[">"] = FOLDED


def from_ruamel(events: list[Any]) -> list[Event]:
    """ruamel.yaml's events (of its C or its pure parser) as tuples."""
    from ruamel.yaml import events as ev

    kinds: dict[type, int] = {
        ev.StreamStartEvent: STREAM_START,
        ev.StreamEndEvent: STREAM_END,
        ev.DocumentStartEvent: DOCUMENT_START,
        ev.DocumentEndEvent: DOCUMENT_END,
        ev.AliasEvent: ALIAS,
        ev.ScalarEvent: SCALAR,
        ev.SequenceStartEvent: SEQUENCE_START,
        ev.SequenceEndEvent: SEQUENCE_END,
        ev.MappingStartEvent: MAPPING_START,
        ev.MappingEndEvent: MAPPING_END,
    }
    out: list[Event] = []
    for event in events:
        kind = kinds[type(event)]
        s, e = event.start_mark, event.end_mark
        anchor = tag = value = None
        style = flags = 0
        if kind == SCALAR:
            anchor, tag, value = event.anchor, _tag(event), event.value
            style = _SCALAR_STYLES[event.style]
            plain, quoted = event.implicit
            flags = (IMPLICIT if plain else 0) | (QUOTED_IMPLICIT if quoted else 0)
        elif kind in (SEQUENCE_START, MAPPING_START):
            anchor, tag = event.anchor, _tag(event)
            style = FLOW if event.flow_style else BLOCK
            flags = IMPLICIT if event.implicit else 0
        elif kind == ALIAS:
            anchor = event.anchor
        elif kind in (DOCUMENT_START, DOCUMENT_END):
            flags = 0 if event.explicit else IMPLICIT
            version = getattr(event, "version", None)
            if kind == DOCUMENT_START and version is not None:
                value = f"{version[0]}.{version[1]}"
        position = (s.index, s.line, s.column, e.index, e.line, e.column)
        out.append((kind, *position, anchor, tag, value, style, flags))
    return out


def _tag(event: Any) -> str | None:
    """An event's tag as text: ruamel.yaml keeps a str (C parser) or a ``Tag`` (pure parser)."""
    tag = getattr(event, "ctag", None) if hasattr(event, "ctag") else event.tag
    return None if tag is None else str(tag)
