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

    Severity = Literal["error", "warning", "info"]

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
    """A document cannot be read or written without losing or changing data.

    ``code`` is the rule's (:mod:`kyaml.rules`): each subclass has its own default, and the
    places that know better (a duplicate key, a template, a tab) give theirs."""

    #: The rule code when none is given.
    default_code = "KY009"

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
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code or self.default_code
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
        """The error as a ``path:line:col: error: message [CODE]`` line (``path`` defaults to
        the error's own, else ``<string>``)."""
        shown = path if path is not None else self.path if self.path is not None else "<string>"
        return f"{shown}:{self.line}:{self.col}: error: {self.message} [{self.code}]"

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
    KyamlError.__init__(error, text, line, col, code=state.get("code"))
    error.__dict__.update(state)
    return error


class ParseError(KyamlError):
    """The text is not YAML (or not text: invalid Unicode)."""

    default_code = "KY001"


class UnsupportedError(KyamlError):
    """YAML that KYAML cannot hold without changing it: a custom tag, a complex key, …"""


class LimitError(KyamlError):
    """A limit that keeps the work bounded was reached: nesting depth, alias expansion, size."""

    default_code = "KY007"


class AmbiguityError(KyamlError):
    """``strict`` mode: a value that readers of YAML 1.1 and YAML 1.2 would read differently."""

    default_code = "KY107"


class Fix:
    """An edit that removes a finding: ``content`` replaces the text from ``line``:``col`` up to
    ``end_line``:``end_col`` (1-based, the end just after the last character replaced; a whole
    text's fix spans it all). Immutable and compared by value."""

    __slots__ = ("col", "content", "end_col", "end_line", "line")

    content: str
    line: int
    col: int
    end_line: int
    end_col: int

    def __init__(self, content: str, line: int, col: int, end_line: int, end_col: int) -> None:
        for name, value in (
            ("content", content),
            ("line", line),
            ("col", col),
            ("end_line", end_line),
            ("end_col", end_col),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Fix is immutable: cannot set {name!r}")

    def _key(self) -> tuple[str, int, int, int, int]:
        return (self.content, self.line, self.col, self.end_line, self.end_col)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fix):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"Fix({self.content!r}, {self.line!r}, {self.col!r}, {self.end_line!r},"
            f" {self.end_col!r})"
        )

    def __reduce__(self) -> tuple[type[Fix], tuple[str, int, int, int, int]]:
        return (Fix, self._key())

    def moved(self, lines: int) -> Fix:
        """The same edit, ``lines`` lines further down."""
        return Fix(self.content, self.line + lines, self.col, self.end_line + lines, self.end_col)


class Diagnostic:
    """A remark about the input: where (``line``, ``col``; ``column`` is an alias), how serious,
    what was written instead, and the rule's ``code`` (:mod:`kyaml.rules`). ``end_line`` and
    ``end_col`` end the text it is about (0: unknown), and ``fix`` is the edit that removes it,
    where there is one. Immutable and compared by value."""

    __slots__ = ("code", "col", "end_col", "end_line", "fix", "line", "message", "severity")

    line: int
    col: int
    severity: Severity
    message: str
    code: str
    end_line: int
    end_col: int
    fix: Fix | None

    def __init__(  # noqa: PLR0917 (line, col, severity, message: the established order)
        self,
        line: int,
        col: int,
        severity: Severity,
        message: str,
        code: str = "",
        end_line: int = 0,
        end_col: int = 0,
        fix: Fix | None = None,
    ) -> None:
        for name, value in (
            ("line", line),
            ("col", col),
            ("severity", severity),
            ("message", message),
            ("code", code),
            ("end_line", end_line),
            ("end_col", end_col),
            ("fix", fix),
        ):
            object.__setattr__(self, name, value)

    @property
    def column(self) -> int:
        """Alias of :attr:`col`."""
        return self.col

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Diagnostic is immutable: cannot set {name!r}")

    def _key(self) -> tuple[int, int, str, str, str, int, int, Fix | None]:
        return (
            self.line,
            self.col,
            self.severity,
            self.message,
            self.code,
            self.end_line,
            self.end_col,
            self.fix,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Diagnostic):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        extra = f", code={self.code!r}" if self.code else ""
        if self.end_line:
            extra += f", end_line={self.end_line!r}, end_col={self.end_col!r}"
        if self.fix is not None:
            extra += f", fix={self.fix!r}"
        return (
            f"Diagnostic(line={self.line!r}, col={self.col!r}, "
            f"severity={self.severity!r}, message={self.message!r}{extra})"
        )

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[Any, ...]]:
        return (Diagnostic, self._key())

    def moved(self, lines: int) -> Diagnostic:
        """The same remark, ``lines`` lines further down."""
        return Diagnostic(
            self.line + lines,
            self.col,
            self.severity,
            self.message,
            self.code,
            self.end_line + lines if self.end_line else 0,
            self.end_col,
            self.fix.moved(lines) if self.fix is not None else None,
        )

    def format(self, path: str = "<string>") -> str:
        """The diagnostic as a ``path:line:col: severity: message [CODE]`` line."""
        code = f" [{self.code}]" if self.code else ""
        return f"{path}:{self.line}:{self.col}: {self.severity}: {self.message}{code}"


__all__ = [
    "AmbiguityError",
    "Diagnostic",
    "Fix",
    "KyamlError",
    "LimitError",
    "ParseError",
    "Related",
    "UnsupportedError",
]
