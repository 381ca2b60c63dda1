"""Lines and columns of indexes in a text, as the parsers count them, and the error for a text
that is not Unicode."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, count
from operator import add

from kyaml._patterns import LazyPattern
from kyaml._reader.split import LINE_BREAKS, lf_only
from kyaml.errors import KyamlError, ParseError

_BREAK = LazyPattern(LINE_BREAKS)


class LineIndex:
    """Line and column (0-based, counted as the parser counts them) of any index in a text.

    The table of line starts is built on first need: columns of a text whose only line break
    is ``\\n`` are found without it.
    """

    __slots__ = ("_starts", "simple", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.simple = lf_only(text)
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """The index where each line begins."""
        if self._starts is None:
            if self.simple:  # each line's length plus its break, summed (all in C)
                lengths = map(len, self.text.split("\n"))
                self._starts = list(map(add, accumulate(lengths, initial=0), count()))[:-1]
            else:
                self._starts = [0] + [m.end() for m in _BREAK.finditer(self.text)]
        return self._starts

    def line(self, index: int) -> int:
        return bisect_right(self.starts, index) - 1

    def column(self, index: int) -> int:
        if self.simple:
            return index - self.text.rfind("\n", 0, index) - 1
        return index - self.starts[bisect_right(self.starts, index) - 1]


def unicode_error(text: str, exc: UnicodeError) -> KyamlError:
    """The error for ``text``, which holds what no Unicode text can (a lone surrogate)."""
    start = getattr(exc, "start", None)
    if isinstance(start, int) and 0 <= start < len(text):
        where = LineIndex(text)
        code = ord(text[start])
        return ParseError(
            f"unacceptable character U+{code:04X}: not a Unicode scalar value",
            where.line(start) + 1,
            where.column(start) + 1,
            code="KY008",
        )
    return ParseError(f"the text is not valid Unicode: {exc}", code="KY008")
