"""The gitignore syntax, for ``.gitignore`` files and ``--exclude`` patterns alike.

One small matcher: globs (``*``, ``?``, ``[...]``), ``dir/`` for folders only, ``!negation``,
``/anchored`` paths and ``**`` across folders. A pattern matches a path relative to the folder
its rules belong to; the last matching rule decides.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

_Rule = tuple[re.Pattern[str], bool, bool]  # (regex, negated, directories only)


def _translate(glob: str) -> str:
    """A gitignore glob (without ``!`` or trailing ``/``) as a regular expression."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if c == "*":
            j = i + 1
            while j < n and glob[j] == "*":
                j += 1
            whole_segment = (i == 0 or glob[i - 1] == "/") and (j == n or glob[j] == "/")
            if j - i >= 2 and whole_segment:
                if j == n:
                    out.append(".*")
                else:
                    out.append("(?:.*/)?")
                    j += 1
            else:
                out.append("[^/]*")
            i = j
            continue
        if c == "?":
            out.append("[^/]")
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(glob[i]))
        elif c == "[":
            k = i + 1
            if k < n and glob[k] in "!^":
                k += 1
            if k < n and glob[k] == "]":
                k += 1
            end = glob.find("]", k)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = glob[i + 1 : end]
                negated = body[:1] in ("!", "^")
                if negated:
                    body = body[1:]
                inner = "".join("\\" + ch if ch in "\\[]^" else ch for ch in body)
                out.append(f"[{'^/' if negated else ''}{inner}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def compile_rule(line: str) -> _Rule | None:
    """One gitignore line as a rule, or None for blanks and comments."""
    line = line.rstrip("\r\n")
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        stripped += " "
    line = stripped
    if not line or line.startswith("#"):
        return None
    negated = line.startswith("!")
    if negated:
        line = line[1:]
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    regex = _translate(line.lstrip("/"))
    if not anchored:
        regex = "(?:.*/)?" + regex
    try:
        return re.compile(regex, re.DOTALL), negated, dir_only
    except re.error:
        return None


class Rules:
    """The patterns of one ``.gitignore`` or exclude list, relative to a base directory."""

    def __init__(self, base: str, rules: list[_Rule] | None = None) -> None:
        self.base = base
        self.rules: list[_Rule] = rules if rules is not None else []

    @classmethod
    def parse(cls, base: str, lines: Sequence[str]) -> Rules:
        """Rules from pattern lines; blank lines, comments and broken patterns are dropped."""
        return cls(base, [rule for line in lines if (rule := compile_rule(line)) is not None])

    def match(self, path: str, is_dir: bool) -> bool | None:
        """True if ``path`` (absolute) is ignored, False if re-included, None if no rule says."""
        rel = os.path.relpath(path, self.base).replace(os.sep, "/")
        if rel.startswith("../") or rel in ("..", "."):
            return None
        verdict = None
        for regex, negated, dir_only in self.rules:
            if (is_dir or not dir_only) and regex.fullmatch(rel):
                verdict = not negated
        return verdict
