"""kyaml's findings and texts in the Language Server Protocol's terms: ranges in the client's
position encoding, diagnostics with their rule's code and link, edits, hover text.

kyaml counts lines from 1 and columns in characters from 1; LSP counts both from 0, columns in
the code units of the encoding the client and server agreed on (UTF-16 unless said otherwise).
"""

from __future__ import annotations

from lsprotocol import types

from kyaml.errors import Diagnostic
from kyaml.rules import RULES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Sequence

    from pygls.workspace.position_codec import PositionCodec

SOURCE = "kyaml"
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def position(lines: Sequence[str], codec: PositionCodec, line: int, col: int) -> types.Position:
    """kyaml's ``line``:``col`` (1-based, characters, after any byte order mark, which kyaml
    does not count) as an LSP position in the document's ``lines``."""
    if line == 1 and lines and lines[0].startswith("\ufeff"):
        col += 1
    return codec.position_to_client_units(lines, types.Position(line=line - 1, character=col - 1))


def span(  # noqa: PLR0917 (a position and an end, as kyaml gives them)
    lines: Sequence[str], codec: PositionCodec, line: int, col: int, end_line: int, end_col: int
) -> types.Range:
    """A range from kyaml's positions; without an end, the one character at the start."""
    if not end_line or (end_line, end_col) <= (line, col):
        end_line, end_col = line, col + 1
    return types.Range(
        start=position(lines, codec, line, col), end=position(lines, codec, end_line, end_col)
    )


def whole(lines: Sequence[str], codec: PositionCodec) -> types.Range:
    """The range of a whole document whose text split at ``\\n`` is ``lines``."""
    last = len(lines)
    return types.Range(
        start=types.Position(line=0, character=0),
        end=position(lines, codec, last, len(lines[-1]) + 1 if lines else 1),
    )


def diagnostic(found: Diagnostic, lines: Sequence[str], codec: PositionCodec) -> types.Diagnostic:
    """A finding as an LSP diagnostic; its fix, when it has one, rides along in ``data``."""
    rule = RULES.get(found.code)
    data = None
    if found.fix is not None and rule is not None and rule.fixable:
        fix = found.fix
        data = {
            "content": fix.content,
            "range": [fix.line, fix.col, fix.end_line, fix.end_col],
        }
    return types.Diagnostic(
        range=span(lines, codec, found.line, found.col, found.end_line, found.end_col),
        message=found.message,
        severity=_SEVERITY.get(found.severity, types.DiagnosticSeverity.Information),
        code=found.code,
        code_description=types.CodeDescription(href=rule.url) if rule is not None else None,
        source=SOURCE,
        data=data,
    )


def hover_text(found: Diagnostic) -> str:
    """What a hover over a finding says: the code, both readings (the message), and why."""
    rule = RULES.get(found.code)
    if rule is None:
        return found.message
    fix = ""
    if found.fix is not None and rule.fixable:
        fix = f"\n\nQuick fix: write `{found.fix.content}`."
    return (
        f"**{rule.code}** {rule.name}: {found.message}\n\n{rule.summary}{fix}\n\n"
        f"[{rule.code} in kyaml's rules]({rule.url})"
    )


def quick_fix_title(content: str) -> str:
    """The title of a quick fix that writes ``content``."""
    return f"Quote as {content}" if content.startswith('"') else f"Write as {content}"
