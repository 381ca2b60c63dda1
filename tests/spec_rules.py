"""Attribute each difference between the reference's KYAML and kyaml's to a rule of SPEC §6.

Only differences where the reference's own output keeps the safety contract reach this module
(elsewhere there is nothing to match). Each rule rewrites one reference line into what kyaml
writes for it; a differing line pair is explained when the rules, applied in turn, turn the
reference's line into kyaml's. Everything else is reported as unexplained.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from kyaml._quote import SAFE_FLOAT, SAFE_INT, float_text, int_text, is_type_ambiguous
from kyaml._quote import reference_ambiguous as _reference_ambiguous
from kyaml._reader.schema import resolve_plain
from tests._oracles import reference_kyaml

# One line of regular-mode KYAML: indent, an optional `key: `, a bare value, a comma, a comment.
_LINE = re.compile(
    r'(?P<indent>[ ]*)(?P<key>(?:"(?:[^"\\]|\\.)*"|[^\s"][^\s]*?): )?'
    r"(?P<value>[^\s\"\[\]{},][^\s,]*|)(?P<comma>,?)(?P<comment> #.*)?"
)
_CANONICAL = {"True": "true", "TRUE": "true", "False": "false", "FALSE": "false"}
_CANONICAL |= {"~": "null", "Null": "null", "NULL": "null", "": "null"}


def _rewrite_value(line: str, rewrite: Callable[[str], str | None]) -> str:
    match = _LINE.fullmatch(line)
    if match is None or (not match["value"] and not (match["comma"] or match["key"])):
        return line
    new = rewrite(match["value"])
    if new is None:
        return line
    return match["indent"] + (match["key"] or "") + new + match["comma"] + (match["comment"] or "")


def canonical_scalars(line: str) -> str:
    """§6 row 2 and 3: ``True``, ``FALSE``, ``~``, ``Null`` and an empty value or list item are
    written ``true``, ``false``, ``null``."""
    return _rewrite_value(line, _CANONICAL.get)


def _safe_number(value: str) -> str | None:
    if SAFE_INT.fullmatch(value) or SAFE_FLOAT.fullmatch(value):
        return None
    resolved = resolve_plain(value, "reference")
    if isinstance(resolved, bool) or not isinstance(resolved, (int, float)):
        return None
    return int_text(resolved) if isinstance(resolved, int) else float_text(resolved)


def safe_numbers(line: str) -> str:
    """§6 row 1: a number typed in a spelling readers disagree on is written in its safe form."""
    return _rewrite_value(line, _safe_number)


_BARE_KEY_LINE = re.compile(r"(?P<indent>[ ]*)(?P<key>[^\s\"][^\s]*?): (?P<rest>.*)")


def extra_key_quotes(line: str) -> str:
    """§6 row `bare key 2023-02-30`: a key kyaml's extras (§3.2) find ambiguous is quoted."""
    match = _BARE_KEY_LINE.fullmatch(line)
    if match is None:
        return line
    key = match["key"]
    if not is_type_ambiguous(key) or _reference_ambiguous(key):
        return line
    return f'{match["indent"]}"{key}": {match["rest"]}'


def comment_line_ends(line: str) -> str:
    """§6 row `blank line inside a comment group; comments of a CRLF file`, with §1's rule that no
    output line ends in a space or tab: a whitespace-only line is written empty, and a comment
    keeps no trailing whitespace and no ``\\r``."""
    if not line.strip():
        return ""
    if "#" in line:
        return line.rstrip(" \t\r")
    return line


RULES: list[tuple[str, Callable[[str], str]]] = [
    ("§6 canonical true/false/null", canonical_scalars),
    ("§6 safe number forms", safe_numbers),
    ("§6 extra ambiguous keys quoted (§3.2)", extra_key_quotes),
    ("§6 blank and trailing whitespace in comments (§1)", comment_line_ends),
]
ALIAS_INDENT = "§6 alias expanded at the right indent"
EMPTY_DOCUMENT = "§6 an empty document is null"


def _explain_pair(ref: str, out: str) -> list[str] | None:
    """The rules that turn the reference's line into kyaml's, or None when none do."""
    if ref == "" and out == "null":
        return [EMPTY_DOCUMENT]
    fired: list[str] = []
    line = ref
    for name, rule in RULES:
        new = rule(line)
        if new != line:
            fired.append(name)
            line = new
    if line == out:
        return fired
    stripped = line.lstrip(" ")
    depth = len(line) - len(stripped)
    out_depth = len(out) - len(out.lstrip(" "))
    if stripped == out.lstrip(" ") and depth > out_depth and (depth - out_depth) % 2 == 0:
        return [*fired, ALIAS_INDENT]
    return None


def explain_differences(source: str, ref: str, out: str) -> list[str]:
    """The differences between the reference's output and kyaml's that no rule explains.

    ``source`` is the input both formatted. For a CRLF source the reference reads each ``\\r``
    in a comment group as a blank line and moves comments; kyaml writes what the reference writes
    for the same file with LF line ends (§6 row `comments of a CRLF file`), so that output is
    the one compared.
    """
    if "\r" in source:
        lf_ref = reference_kyaml(source.replace("\r\n", "\n"))
        if lf_ref is not None:
            ref = lf_ref
    unexplained: list[str] = []
    for ref_lines, out_lines in _hunks(ref, out):
        if len(ref_lines) != len(out_lines):
            unexplained.append(_show(ref_lines, out_lines))
            continue
        for a, b in zip(ref_lines, out_lines, strict=True):
            if _explain_pair(a, b) is None:
                unexplained.append(_show([a], [b]))
    return unexplained


def rules_applied(ref: str, out: str) -> set[str]:
    """The names of the rules that explain the differences between two outputs."""
    names: set[str] = set()
    for ref_lines, out_lines in _hunks(ref, out):
        if len(ref_lines) == len(out_lines):
            for a, b in zip(ref_lines, out_lines, strict=True):
                names.update(_explain_pair(a, b) or [])
    return names


def _hunks(ref: str, out: str) -> list[tuple[list[str], list[str]]]:
    a, b = ref.split("\n"), out.split("\n")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [(a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _show(ref_lines: list[str], out_lines: list[str]) -> str:
    return "\n".join([*(f"- {line}" for line in ref_lines), *(f"+ {line}" for line in out_lines)])
