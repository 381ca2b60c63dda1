"""Regular expressions compiled on first use.

Compiling kyaml's patterns at import would cost a cold ``kyaml fmt`` several milliseconds, most
of it for patterns a given run never needs (timestamps, templates, YAML 1.1 shapes). A
:class:`LazyPattern` compiles on the first call of any of its methods and then holds the
compiled pattern's methods, so later calls cost what a compiled pattern's do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

_METHODS = ("findall", "finditer", "fullmatch", "match", "search", "sub")


class LazyPattern:
    """A ``re.Pattern[str]`` of ``source`` and ``flags``, compiled when first used."""

    __slots__ = ("_flags", "_source", *_METHODS)

    findall: Callable[..., list[Any]]
    finditer: Callable[..., Iterator[re.Match[str]]]
    fullmatch: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    search: Callable[..., re.Match[str] | None]
    sub: Callable[..., str]

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only called for a method not bound yet: compile, bind them all, answer.
        if name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)
