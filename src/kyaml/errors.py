"""kyaml's exceptions and diagnostics.

Every error kyaml raises derives from :class:`KyamlError`, a :class:`ValueError`. Its position is
structured: ``path``, ``line`` and ``col`` (1-based, 0 when there is none; ``column`` is an alias),
the end where known, and a related earlier position (``first at line …``) where the message has
one. Positions are moved by arithmetic (:meth:`KyamlError.moved`), never by editing the message,
and ``str(err)`` shows the position whenever there is one.

The subclasses say what kind of trouble it is: :class:`ParseError` (the text is not YAML),
:class:`UnsupportedError` (YAML that KYAML cannot hold faithfully: a custom tag, a complex key),
:class:`LimitError` (a limit that keeps work bounded), :class:`AmbiguityError` (``strict`` mode).
"""

from __future__ import annotations

from collections import namedtuple

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any, Literal, NamedTuple

    Severity = Literal["warning", "info"]

    class Related(NamedTuple):
        """A second position an error's message names, as ``(label at line L, column C)``."""

        label: str
        line: int
        col: int

else:  # the same named tuple, made without importing typing
    Related = namedtuple("Related", ["label", "line", "col"])
    Related.__doc__ = (
        "A second position an error's message names, as ``(label at line L, column C)``."
    )


class KyamlError(ValueError):
    """A document cannot be read or written without losing or changing data."""

    def __init__(
        self,
        message: str,
        line: int = 0,
        col: int = 0,
        *,
        path: str | None = None,
        end_line: int = 0,
        end_col: int = 0,
        related: Related | None = None,
    ) -> None:
        super().__init__(message)
        self.text = message
        self.line = line
        self.col = col
        self.path = path
        self.end_line = end_line
        self.end_col = end_col
        self.related = related

    @property
    def message(self) -> str:
        """The message without the error's own position (a related position included)."""
        r = self.related
        if r is None:
            return self.text
        return f"{self.text} ({r.label} line {r.line}, column {r.col})"

    @property
    def column(self) -> int:
        """Alias of :attr:`col`."""
        return self.col

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.text, self.line, self.col, dict(self.__dict__)))

    def __str__(self) -> str:
        where = f"{self.line}:{self.col}: " if self.line else ""
        if self.path is not None:
            where = f"{self.path}:{where}" if where else f"{self.path}: "
        return where + self.message

    def format(self, path: str | None = None) -> str:
        """The error as a ``path:line:col: error: message`` line (``path`` defaults to the
        error's own, else ``<string>``)."""
        shown = path if path is not None else self.path if self.path is not None else "<string>"
        return f"{shown}:{self.line}:{self.col}: error: {self.message}"

    def moved(self, lines: int) -> KyamlError:
        """A copy with every line number moved down ``lines`` lines (the error of a piece of a
        stream, told in the whole stream's lines); the same error when ``lines`` is 0."""
        if lines == 0:
            return self
        copy = _rebuild(type(self), self.text, self.line, self.col, dict(self.__dict__))
        if copy.line:
            copy.line += lines
        if copy.end_line:
            copy.end_line += lines
        if copy.related is not None:
            copy.related = copy.related._replace(line=copy.related.line + lines)
        return copy


def _rebuild(
    kind: type[KyamlError], text: str, line: int, col: int, state: dict[str, Any]
) -> KyamlError:
    """A :class:`KyamlError` of ``kind`` with ``state`` (for copies and pickling, which must not
    depend on a subclass's constructor)."""
    error = kind.__new__(kind)
    KyamlError.__init__(error, text, line, col)
    error.__dict__.update(state)
    return error


class ParseError(KyamlError):
    """The text is not YAML (or not text: invalid Unicode)."""


class UnsupportedError(KyamlError):
    """YAML that KYAML cannot hold without changing it: a custom tag, a complex key, …"""


class LimitError(KyamlError):
    """A limit that keeps the work bounded was reached: nesting depth, alias expansion, size."""


class AmbiguityError(KyamlError):
    """``strict`` mode: a value that readers of YAML 1.1 and YAML 1.2 would read differently."""


class Diagnostic:
    """A remark about the input: where (``line``, ``col``; ``column`` is an alias), how serious,
    and what was written instead. Immutable and compared by value."""

    __slots__ = ("col", "line", "message", "severity")

    line: int
    col: int
    severity: Severity
    message: str

    def __init__(self, line: int, col: int, severity: Severity, message: str) -> None:
        for name, value in (
            ("line", line),
            ("col", col),
            ("severity", severity),
            ("message", message),
        ):
            object.__setattr__(self, name, value)

    @property
    def column(self) -> int:
        """Alias of :attr:`col`."""
        return self.col

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Diagnostic is immutable: cannot set {name!r}")

    def _key(self) -> tuple[int, int, str, str]:
        return (self.line, self.col, self.severity, self.message)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagnostic):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Diagnostic(line={self.line!r}, col={self.col!r}, "
            f"severity={self.severity!r}, message={self.message!r})"
        )

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[int, int, Severity, str]]:
        return (Diagnostic, (self.line, self.col, self.severity, self.message))

    def moved(self, lines: int) -> Diagnostic:
        """The same remark, ``lines`` lines further down."""
        return Diagnostic(self.line + lines, self.col, self.severity, self.message)

    def format(self, path: str = "<string>") -> str:
        """The diagnostic as a ``path:line:col: severity: message`` line."""
        return f"{path}:{self.line}:{self.col}: {self.severity}: {self.message}"


__all__ = [
    "AmbiguityError",
    "Diagnostic",
    "KyamlError",
    "LimitError",
    "ParseError",
    "Related",
    "UnsupportedError",
]
