"""kyaml's exceptions and diagnostics.

Every error kyaml raises derives from :class:`KyamlError`, a :class:`ValueError`, and carries the
1-based line and column of the offending input when there is one (0 when there is none).
"""

from __future__ import annotations

from typing import Literal


class KyamlError(ValueError):
    """A document cannot be read or written without losing or changing data."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[KyamlError], tuple[str, int, int]]:
        return (type(self), (self.message, self.line, self.column))

    def __str__(self) -> str:
        if self.line:
            return f"{self.line}:{self.column}: {self.message}"
        return self.message

    def format(self, path: str = "<string>") -> str:
        """The error as a ``path:line:col: error: message`` line."""
        return f"{path}:{self.line}:{self.column}: error: {self.message}"


Severity = Literal["warning", "info"]


class Diagnostic:
    """A remark about the input: where, how serious, and what was written instead.

    Immutable and compared by value.
    """

    __slots__ = ("column", "line", "message", "severity")

    line: int
    column: int
    severity: Severity
    message: str

    def __init__(self, line: int, column: int, severity: Severity, message: str) -> None:
        for name, value in (
            ("line", line),
            ("column", column),
            ("severity", severity),
            ("message", message),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Diagnostic is immutable: cannot set {name!r}")

    def _key(self) -> tuple[int, int, str, str]:
        return (self.line, self.column, self.severity, self.message)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagnostic):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Diagnostic(line={self.line!r}, column={self.column!r}, "
            f"severity={self.severity!r}, message={self.message!r})"
        )

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[int, int, Severity, str]]:
        return (Diagnostic, (self.line, self.column, self.severity, self.message))

    def format(self, path: str = "<string>") -> str:
        """The diagnostic as a ``path:line:col: severity: message`` line."""
        return f"{path}:{self.line}:{self.column}: {self.severity}: {self.message}"
