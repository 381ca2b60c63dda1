"""kyaml's exceptions and diagnostics.

Every error kyaml raises derives from :class:`KyamlError`, a :class:`ValueError`, and carries the
1-based line and column of the offending input when there is one (0 when there is none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


class KyamlError(ValueError):
    """A document cannot be read or written without losing or changing data."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line:
            return f"{self.line}:{self.column}: {self.message}"
        return self.message

    def format(self, path: str = "<string>") -> str:
        """The error as a ``path:line:col: error: message`` line."""
        return f"{path}:{self.line}:{self.column}: error: {self.message}"


Severity = Literal["warning", "info"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A remark about the input: where, how serious, and what was written instead."""

    line: int
    column: int
    severity: Severity
    message: str

    def format(self, path: str = "<string>") -> str:
        """The diagnostic as a ``path:line:col: severity: message`` line."""
        return f"{path}:{self.line}:{self.column}: {self.severity}: {self.message}"
