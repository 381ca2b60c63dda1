"""KYAML in Markdown: the fenced code blocks labelled ``kyaml`` formatted in place (and, when
asked, those labelled ``yaml`` or ``yml`` converted to KYAML and relabelled ``kyaml``).

A fence is a line of three or more backticks or tildes, indented by at most three spaces (or
after a list item's marker), whose info string's first word is the label; it ends at a line of
the same character, at least as long, with nothing else on it. A fence that is never closed is
left alone, and so is everything outside the blocks formatted, byte for byte. A block's content
becomes exactly ``format_str``'s output for it, its ``---`` line included, indented as the fence
is. Errors and diagnostics point into the Markdown file: their lines (and columns) are the
file's.
"""

from __future__ import annotations

import re

from kyaml._api import OnDiagnostic, format_str
from kyaml.errors import Diagnostic, KyamlError
from kyaml.options import Options

# A fence's opening line: its indentation (a list item's marker included: ``- ```kyaml``), the
# fence, the label (the info string's first word) and the rest of the info string.
_OPEN = re.compile(
    r"( {0,3}(?:(?:[-*+]|[0-9]{1,9}[.)]) {1,4})? {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)([^\n]*)"
)
LABELS = ("kyaml",)
YAML_LABELS = ("yaml", "yml")


def format_markdown(
    text: str,
    *,
    options: Options | None = None,
    on_diagnostic: OnDiagnostic | None = None,
    convert_yaml: bool = False,
) -> str:
    """``text`` (Markdown, ``\\n`` line breaks) with its ``kyaml`` blocks formatted, and with
    ``convert_yaml`` its ``yaml`` blocks converted; raises the first block's
    :class:`~kyaml.errors.KyamlError`, at its place in the file."""
    lines = text.split("\n")
    out: list[str] = []
    n = 0
    while n < len(lines):
        m = _OPEN.fullmatch(lines[n])
        if m is None:
            out.append(lines[n])
            n += 1
            continue
        lead, fence, label = m.group(1), m.group(2), m.group(3).lower()
        indent = " " * len(lead)  # the block's content starts at the fence's column
        end = _closing(lines, n + 1, fence)
        if end is None:  # never closed: left alone, to the end
            out.extend(lines[n:])
            break
        wanted = label in LABELS or (convert_yaml and label in YAML_LABELS)
        if not wanted:
            out.extend(lines[n : end + 1])
            n = end + 1
            continue
        body = "".join(_dedent(line, len(indent)) + "\n" for line in lines[n + 1 : end])
        formatted = _format_block(body, n + 1, len(indent), options, on_diagnostic)
        opening = lines[n] if label in LABELS else f"{lead}{fence}kyaml{m.group(4)}"
        out.append(opening)
        out.extend(indent + line if line else line for line in formatted.split("\n")[:-1])
        out.append(lines[end])
        n = end + 1
    return "\n".join(out)


def _closing(lines: list[str], start: int, fence: str) -> int | None:
    """The index of the line closing ``fence``, searching from ``start``."""
    closing = re.compile(rf" *{re.escape(fence[0])}{{{len(fence)},}}[ \t]*")
    for n in range(start, len(lines)):
        if closing.fullmatch(lines[n]):
            return n
    return None


def _format_block(
    body: str, lines_before: int, indent: int, options: Options | None, report: OnDiagnostic | None
) -> str:
    """One block's KYAML; its errors and diagnostics moved to the file's lines and columns."""

    def moved(d: Diagnostic) -> None:
        if report is not None:
            shifted = d.moved(lines_before)
            report(
                Diagnostic(
                    shifted.line,
                    shifted.col + indent,
                    shifted.severity,
                    shifted.message,
                    shifted.code,
                )
            )

    try:
        return format_str(body, options=options, on_diagnostic=moved)
    except KyamlError as exc:
        error = exc.moved(lines_before)
        if error.line:
            error.col += indent
        raise error from None


def _dedent(line: str, width: int) -> str:
    """``line`` without up to ``width`` spaces of indentation."""
    stripped = line.lstrip(" ")
    return line[min(width, len(line) - len(stripped)) :]


def is_markdown(name: str) -> bool:
    """Whether a file's name says Markdown."""
    return name.lower().endswith((".md", ".markdown"))


__all__ = ["format_markdown", "is_markdown"]
