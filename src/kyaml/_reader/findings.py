"""The diagnostics the composer gives, built from the event they are about.

A diagnostic spans its event's text. Its fix, when the finding has one, replaces that text, and
only where the text is one plain line that is the scalar and nothing else (no anchor, tag or
line break, whose meaning a replacement could change): a block YAML file keeps its layout.
"""

from __future__ import annotations

from kyaml._quote import quote_line
from kyaml._reader.events import (
    COLUMN,
    END,
    END_COLUMN,
    END_LINE,
    LINE,
    PLAIN,
    START,
    STYLE,
    VALUE,
    Event,
)
from kyaml.errors import Diagnostic, Fix, KyamlError, Related, UnsupportedError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from kyaml.errors import Severity

MERGE_KEY = (
    "merge key (<<): a YAML 1.1 type, which YAML 1.2 readers may read as a key named <<; the"
    " merged entries are written out"
)
OMAP = "!!omap written as the sequence of one-entry mappings it is"
AFTER_END = (
    "content after ... : a new document begins here, as YAML 1.2 reads it (libyaml and the"
    " reference refuse it)"
)


def finding(  # noqa: PLR0917 (the reporter's shape)
    text: str, event: Event, severity: Severity, message: str, code: str, fix: str | None
) -> Diagnostic:
    """The diagnostic about ``event`` of ``text``; ``fix`` is the text that would replace the
    event's to remove it (None: there is no fix)."""
    line, column = event[LINE] + 1, event[COLUMN] + 1
    end_line, end_column = event[END_LINE] + 1, event[END_COLUMN] + 1
    edit = None
    if fix is not None and event[STYLE] == PLAIN and end_line == line:
        source = text[event[START] : event[END]]
        if source == event[VALUE] and source != fix:
            edit = Fix(fix, line, column, end_line, end_column)
    return Diagnostic(line, column, severity, message, code, end_line, end_column, edit)


def reused_anchor(name: str) -> str:
    """The message for an anchor name given a second time in a document."""
    return (
        f"anchor &{name} given again: PyYAML refuses the document; other readers take the later"
        " one for the aliases after it"
    )


def duplicate_key(text: str, line: int, column: int, first: tuple[int, int]) -> KyamlError:
    """The error of key ``text`` seen again at ``line``:``column``, first at ``first``."""
    related = Related("first at", first[0], first[1])
    return KyamlError(
        f"duplicate key {quote_line(text)}", line, column, related=related, code="KY004"
    )


def complex_key(line: int, column: int, alias: str | None = None) -> UnsupportedError:
    """The error of a collection (or an alias named ``alias`` that stands for one) as a key."""
    if alias is not None:
        message = f"alias *{alias} used as a key stands for a collection; KYAML keys are strings"
    else:
        message = (
            "a mapping or a sequence used as a mapping key is not supported (KYAML keys are"
            " strings)"
        )
    return UnsupportedError(message, line, column, code="KY006")
