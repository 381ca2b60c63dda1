"""The gitignore syntax, for ``.gitignore`` files and ``--exclude`` patterns alike.

One small matcher: globs (``*``, ``?``, ``[...]``), ``dir/`` for folders only, ``!negation``,
``/anchored`` paths and ``**`` across folders. A pattern matches a path relative to the folder
its rules belong to; the last matching rule decides. Matching never backtracks (:class:`_Glob`),
so a crafted ``.gitignore`` cannot stall a walk.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

_STAR, _ANY, _DIRS, _ONE = "*", "**", "**/", "?"
_QUANTIFIERS = (_STAR, _ANY, _DIRS)
# A glob as tokens: (kind, regex). kind is one of the above, or "" for a one-character match
# (a literal or a ``[...]`` class); regex is the token's regular expression.
_Token = tuple[str, str]


def _tokens(glob: str) -> list[_Token]:
    """A gitignore glob (without ``!`` or trailing ``/``) as tokens."""
    out: list[_Token] = []
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
                    out.append((_ANY, ".*"))
                else:
                    out.append((_DIRS, "(?:.*/)?"))
                    j += 1
            elif not out or out[-1][0] != _STAR:  # ``a**b`` is ``a*b``
                out.append((_STAR, "[^/]*"))
            i = j
            continue
        if c == "?":
            out.append((_ONE, "[^/]"))
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(("", re.escape(glob[i])))
        elif c == "[":
            k = i + 1
            if k < n and glob[k] in "!^":
                k += 1
            if k < n and glob[k] == "]":
                k += 1
            end = glob.find("]", k)
            if end < 0:
                out.append(("", re.escape(c)))
            else:
                body = glob[i + 1 : end]
                negated = body[:1] in ("!", "^")
                if negated:
                    body = body[1:]
                inner = "".join("\\" + ch if ch in "\\[]^" else ch for ch in body)
                out.append(("", f"[{'^/' if negated else ''}{inner}]"))
                i = end
        else:
            out.append(("", re.escape(c)))
        i += 1
    return out


class _Glob:
    """A compiled glob that matches in time proportional to the path's length times its own.

    Python's regular expressions backtrack: ``a*a*a*a*b`` against a long name of ``a``s takes
    time exponential in the number of stars. A glob with at most one ``*`` or ``**`` is a
    regular expression (one quantifier cannot backtrack beyond a linear scan per start); any
    other runs as an automaton that tracks every position of the glob at once.
    """

    __slots__ = ("chars", "kinds", "regex", "unanchored")

    def __init__(self, tokens: list[_Token], unanchored: bool) -> None:
        self.unanchored = unanchored
        quantifiers = sum(kind in _QUANTIFIERS for kind, _ in tokens)
        self.regex: re.Pattern[str] | None = None
        self.kinds: list[str] = []
        self.chars: list[re.Pattern[str] | None] = []
        if quantifiers == 0 and unanchored:  # one quantifier in all: the prefix
            self.regex = re.compile("(?:.*/)?" + "".join(r for _, r in tokens), re.DOTALL)
            self.unanchored = False
        elif quantifiers <= 1:
            self.regex = re.compile("".join(r for _, r in tokens), re.DOTALL)
        else:
            if unanchored:
                tokens = [(_DIRS, ""), *tokens]
                self.unanchored = False
            self.kinds = [kind for kind, _ in tokens]
            self.chars = [
                re.compile(r, re.DOTALL) if kind in ("", _ONE) else None for kind, r in tokens
            ]

    def fullmatch(self, path: str) -> bool:
        """Whether the glob matches all of ``path``."""
        if self.regex is None:
            return self._run(path)
        if self.regex.fullmatch(path):
            return True
        if self.unanchored:  # ``(?:.*/)?glob``: the glob at the start of any later folder
            start = path.find("/")
            while start >= 0:
                if self.regex.fullmatch(path, start + 1):
                    return True
                start = path.find("/", start + 1)
        return False

    def _run(self, path: str) -> bool:
        """Run the automaton: state ``2*i`` is before token ``i``; ``2*i+1`` is inside the
        ``.*`` of a ``**/`` token ``i``, which still has to read a ``/``."""
        kinds, chars, end = self.kinds, self.chars, len(self.kinds)
        states = self._closure({0})
        for c in path:
            following: set[int] = set()
            for state in states:
                i, inside = divmod(state, 2)
                if inside:
                    following.add(state)
                    if c == "/":
                        following.add(2 * i + 2)
                    continue
                if i == end:
                    continue
                kind = kinds[i]
                if kind == _STAR:
                    if c != "/":
                        following.add(state)
                elif kind == _ANY:
                    following.add(state)
                elif kind == _DIRS:
                    following.add(state + 1)
                    if c == "/":
                        following.add(2 * i + 2)
                else:
                    char = chars[i]
                    if char is not None and char.fullmatch(c):
                        following.add(2 * i + 2)
            if not following:
                return False
            states = self._closure(following)
        return 2 * end in states

    def _closure(self, states: set[int]) -> set[int]:
        """``states`` and those reached from them reading nothing (a quantifier matching none)."""
        todo = list(states)
        while todo:
            state = todo.pop()
            i = state // 2
            quantifier = state % 2 == 0 and i < len(self.kinds) and self.kinds[i] in _QUANTIFIERS
            if quantifier and 2 * i + 2 not in states:
                states.add(2 * i + 2)
                todo.append(2 * i + 2)
        return states


_Rule = tuple[_Glob, bool, bool]  # (glob, negated, directories only)


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
    try:
        return _Glob(_tokens(line.lstrip("/")), not anchored), negated, dir_only
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
        for glob, negated, dir_only in self.rules:
            if (is_dir or not dir_only) and glob.fullmatch(rel):
                verdict = not negated
        return verdict
