"""Why a text that failed to parse is not YAML at all: template syntax, or tabs that indent.

A Helm chart's templates (Go's ``{{ … }}``) and Jinja files (``{% … %}``, ``{# … #}``) look
like YAML but are not: ``{{- if .Values.enabled }}`` is no YAML, and ``replicas: {{ .x }}`` is a
flow mapping whose key is a mapping. The parser's own message ("did not find expected node
content", "a mapping used as a mapping key") does not say so, and neither does its message for a
tab that indents a block ("found character that cannot start any token"). :func:`explain` gives
the clearer error, at the template or the tab (after a tab's, the parser's own message follows
in parentheses).

It runs only after composition has failed, so well-formed input pays nothing, and its work is
linear in the text. A template tag counts only where YAML would read it as structure: where a
node starts, before the error, outside every scalar and comment the parser read. So a template
inside a quoted, plain or block scalar is string content (``image: "{{ .Values.image }}"`` and
``image: repo:{{ .Values.tag }}`` format normally), and a ``{{`` inside a block scalar never
turns another error (a duplicate key, say) into a template error. Tabs inside flow collections
(tab-indented JSON) are valid and never blamed.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kyaml._patterns import LazyPattern
from kyaml._reader.events import (
    END,
    FLOW,
    MAPPING_END,
    MAPPING_START,
    SCALAR,
    SEQUENCE_END,
    SEQUENCE_START,
    START,
    STYLE,
    Event,
)
from kyaml._reader.lines import LineIndex
from kyaml._reader.parse import events_before_error
from kyaml.errors import KyamlError, ParseError

# A template tag closed on its line (at most 1000 characters, which keeps the search linear):
# Go/Helm and Jinja expressions, Jinja statements and comments.
_TAG = LazyPattern(r"\{\{[^\n]{1,1000}?\}\}|\{%[^\n]{1,1000}?%\}|\{#[^\n]{1,1000}?#\}")
_LONGEST = 1004
_JINJA = LazyPattern(r"\{%[^\n]{1,1000}?%\}|\{#[^\n]{1,1000}?#\}")
# What may stand before a node on its line: blanks and block indicators (``- ``, ``? ``, ``: ``).
_INDENT = LazyPattern(r"(?:[ \t]*[-?:](?=[ \t]))*[ \t]*")
_COMMENT = LazyPattern(r"(?:^|(?<=[ \t]))#", re.MULTILINE)
_SHOWN = 40

TAB = "a tab indents this line, and tabs cannot indent YAML: indent with spaces"


def explain(text: str, error: KyamlError, parser: str = "auto") -> KyamlError | None:
    """A clearer error than ``error`` for ``text`` when a template tag or a tab is to blame for
    it, else None; ``parser`` names the parser that read ``text``."""
    if "{{" not in text and "{%" not in text and "{#" not in text and "\t" not in text:
        return None
    where = LineIndex(text)
    starts = where.starts
    at = len(text)
    if 0 < error.line <= len(starts):
        at = min(starts[error.line - 1] + max(error.column - 1, 0), len(text))
    tags = [m for m in _tags_before(text, at) if _node_starts(text, m.start())]
    tab = _indenting_tab(text, where, at)
    if not tags and tab < 0:
        return None
    read = _Read(text, where, events_before_error(text, parser))
    for match in tags:
        start = match.start()
        if not read.in_scalar(start) and not read.in_comment(start):
            shown = match.group()
            if len(shown) > _SHOWN:
                shown = shown[: _SHOWN - 1] + "…"
            message = (
                f"`{shown}` looks like {_kind(shown, text)}, which is not YAML; template files"
                " cannot be formatted"
            )
            return read.error_at(start, match.end(), message, "KY002")
    if tab >= 0 and not read.in_flow(at):
        return read.error_at(tab, tab + 1, f"{TAB} ({error.message})", "KY003")
    return None


def _tags_before(text: str, at: int) -> list[re.Match[str]]:
    """The template tags that start at or before index ``at``."""
    found = []
    for match in _TAG.finditer(text, 0, min(len(text), at + _LONGEST)):
        if match.start() > at:
            break
        found.append(match)
    return found


def _node_starts(text: str, index: int) -> bool:
    """Whether a node may start at ``index``: first on its line, after a flow indicator, or
    after a block indicator and a blank."""
    i = index
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    last = text[i - 1]
    return last in "[{," or (last in ":-?" and i < index)


def _indenting_tab(text: str, where: LineIndex, at: int) -> int:
    """The first tab in the indentation of the line at ``at``, when ``at`` lies in that
    indentation (blanks and block indicators), else -1."""
    if at >= len(text):
        return -1
    start = where.starts[where.line(at)]
    indent = _INDENT.match(text, start)
    assert indent is not None  # the pattern matches the empty string
    if not at < indent.end():
        return -1
    return text.find("\t", start, indent.end())


def _kind(tag: str, text: str) -> str:
    """Which template language a tag is, in words, with its delimiters."""
    if tag.startswith("{{"):
        language = "Jinja" if _JINJA.search(text) else "Go/Helm"
        return f"a {language} template (`{{{{ … }}}}`)"
    closing = "%" if tag[1] == "%" else "#"
    return f"a Jinja template (`{{{closing} … {closing}}}`)"


class _Read:
    """What the parser read of a failed text, before its error: scalars, comments, flow
    collections."""

    def __init__(self, text: str, where: LineIndex, events: list[Event]) -> None:
        self.text = text
        self.where = where
        self.events = events
        spans = sorted((e[START], e[END]) for e in events if e[0] == SCALAR)
        self.span_starts = [start for start, _ in spans]
        self.span_ends = [end for _, end in spans]
        self.comment_starts: dict[int, int] = {}

    def in_scalar(self, index: int) -> bool:
        """Whether ``index`` lies inside a scalar the parser read (quoted, plain or block)."""
        i = bisect_right(self.span_starts, index) - 1
        return i >= 0 and index < self.span_ends[i]

    def in_comment(self, index: int) -> bool:
        """Whether ``index`` lies after the start of a comment on its line."""
        line = self.where.line(index)
        start = self.comment_starts.get(line)
        if start is None:
            start = self.comment_starts[line] = self._comment_start(line)
        return 0 <= start < index

    def _comment_start(self, line: int) -> int:
        """Where the comment on ``line`` starts (a ``#`` outside scalars), or -1."""
        starts = self.where.starts
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        for match in _COMMENT.finditer(self.text, starts[line], end):
            if not self.in_scalar(match.start()):
                return match.start()
        return -1

    def in_flow(self, index: int) -> bool:
        """Whether a flow collection is open at ``index``, as far as the parser read."""
        flow: list[bool] = []
        for event in self.events:
            if event[START] > index:
                break
            kind = event[0]
            if kind in (MAPPING_START, SEQUENCE_START):
                flow.append(event[STYLE] == FLOW)
            elif (kind in (MAPPING_END, SEQUENCE_END)) and flow:
                flow.pop()
        return any(flow)

    def error_at(self, index: int, end: int, message: str, code: str) -> KyamlError:
        """The error of the text from ``index`` up to ``end``: its start and its end (the
        position just after it, 1-based)."""
        where = self.where
        return ParseError(
            message,
            where.line(index) + 1,
            where.column(index) + 1,
            end_line=where.line(end) + 1,
            end_col=where.column(end) + 1,
            code=code,
        )
