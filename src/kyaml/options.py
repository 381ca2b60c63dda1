"""One frozen options object for reading and formatting: the defaults and their checks live here.

:class:`Options` is what the public functions build from their keyword arguments (or take whole
as ``options=``). It is checked once, when it is made; everything below the public functions
trusts it. Reading options (:class:`ReadOptions`: how text becomes a tree) are kept apart from
output options (``compact``), so that the reader never sees how its tree will be written.

Plain slotted classes rather than dataclasses: importing :mod:`dataclasses` would cost the
command's start-up more than these few lines.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any


#: How plain scalars can be read (SPEC §3.1): go-yaml v3's reading, YAML 1.1, YAML 1.2 core.
SCHEMAS: tuple[str, ...] = ("reference", "1.1", "1.2")
#: Which parser reads YAML text: ``auto`` is libyaml's C parser when installed (with a second
#: look by the pure parser at what the C parser refuses), ``pure`` is ruamel.yaml's Python parser.
PARSERS: tuple[str, ...] = ("auto", "pure")
#: What becomes of the blank lines between entries, items and comment groups: ``keep`` writes one
#: where the input has one or more, ``drop`` writes none (the reference encoder's output).
BLANK_LINES: tuple[str, ...] = ("keep", "drop")
#: What becomes of anchors and aliases: ``expand`` writes each alias as a copy of its anchor's
#: node (the KEP's and the reference's choice), ``keep`` writes ``&name`` and ``*name``.
ANCHORS: tuple[str, ...] = ("expand", "keep")
_SCHEMA, _PARSER = SCHEMAS[0], PARSERS[0]  # the defaults
_BLANK_LINES, _ANCHORS = BLANK_LINES[0], ANCHORS[0]


class _Frozen:
    """Immutable, compared and hashed by the values of its ``_FIELDS``."""

    __slots__ = ()
    _FIELDS: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_remake, (type(self), dict(zip(self._FIELDS, self._values(), strict=True))))

    def _set(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)


class ReadOptions(_Frozen):
    """How text becomes a tree: all the reader is told, what it keeps of the layout included.

    ``max_alias_nodes`` replaces the alias expansion limit (None: the reader's own, SPEC §4).
    ``blank_lines`` and ``anchors`` say whether the tree records the input's blank lines and
    its anchors; whatever the tree records, every emitter writes.
    """

    __slots__ = ("anchors", "blank_lines", "max_alias_nodes", "parser", "schema", "strict")
    _FIELDS = ("schema", "strict", "parser", "max_alias_nodes", "blank_lines", "anchors")

    schema: str
    strict: bool
    parser: str
    max_alias_nodes: int | None
    blank_lines: str
    anchors: str

    def __init__(  # noqa: PLR0917 (each a reading option)
        self,
        schema: str = _SCHEMA,
        strict: bool = False,
        parser: str = _PARSER,
        max_alias_nodes: int | None = None,
        blank_lines: str = _BLANK_LINES,
        anchors: str = _ANCHORS,
    ) -> None:
        _check_choice("schema", schema, SCHEMAS)
        _check_choice("parser", parser, PARSERS)
        _check_choice("blank_lines", blank_lines, BLANK_LINES)
        _check_choice("anchors", anchors, ANCHORS)
        _check_type("strict", strict, bool)
        if max_alias_nodes is not None:
            _check_type("max_alias_nodes", max_alias_nodes, int)
        self._set(
            schema=schema,
            strict=strict,
            parser=parser,
            max_alias_nodes=max_alias_nodes,
            blank_lines=blank_lines,
            anchors=anchors,
        )

    def data_only(self) -> ReadOptions:
        """These options for a reading that keeps only the data (JSON, Python objects, compact
        KYAML): no blank lines, aliases expanded."""
        if self.blank_lines == "drop" and self.anchors == "expand":
            return self
        return ReadOptions(self.schema, self.strict, self.parser, self.max_alias_nodes, "drop")


class Options(_Frozen):
    """Everything that decides what kyaml reads and writes; immutable, checked when made.

    ``schema``, ``strict``, ``parser``, ``max_alias_nodes``, ``blank_lines`` and ``anchors`` are
    the reading options (together they are :attr:`read`, all the reader sees); ``compact`` is an
    output option. Compact output has no layout to keep: its reading keeps only the data.
    """

    __slots__ = ("compact", "given", "read")
    _FIELDS = (
        "schema",
        "strict",
        "parser",
        "max_alias_nodes",
        "blank_lines",
        "anchors",
        "compact",
    )

    read: ReadOptions
    given: ReadOptions
    compact: bool

    def __init__(
        self,
        *,
        schema: str = _SCHEMA,
        strict: bool = False,
        parser: str = _PARSER,
        max_alias_nodes: int | None = None,
        blank_lines: str = _BLANK_LINES,
        anchors: str = _ANCHORS,
        compact: bool = False,
    ) -> None:
        _check_type("compact", compact, bool)
        given = ReadOptions(schema, strict, parser, max_alias_nodes, blank_lines, anchors)
        self._set(given=given, read=given.data_only() if compact else given, compact=compact)

    @property
    def schema(self) -> str:
        return self.read.schema

    @property
    def strict(self) -> bool:
        return self.read.strict

    @property
    def parser(self) -> str:
        return self.read.parser

    @property
    def max_alias_nodes(self) -> int | None:
        return self.read.max_alias_nodes

    @property
    def blank_lines(self) -> str:
        return self.given.blank_lines

    @property
    def anchors(self) -> str:
        return self.given.anchors

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes`` made (checked as a new object is)."""
        values = {name: getattr(self, name) for name in self._FIELDS}
        values.update(changes)
        return Options(**values)


def build(options: Options | None, **given: Any) -> Options:
    """The options of a public call: ``options`` as given, else made from the keywords.

    Keywords left at their defaults are ignored when ``options`` is given; one that is not is a
    ``TypeError``, since the call would say two things at once.
    """
    changed = [name for name, value in given.items() if value != getattr(DEFAULT, name)]
    if options is None:
        return Options(**given) if changed else DEFAULT
    if not isinstance(options, Options):
        raise TypeError(f"options must be a kyaml.Options, not {type(options).__name__}")
    if changed:
        raise TypeError(f"give {', '.join(changed)} inside options= or as keywords, not both")
    return options


def _remake(kind: type[_Frozen], values: dict[str, Any]) -> _Frozen:
    """An options object made again from its values (for pickling, as worker processes do)."""
    return kind(**values)


def _check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"unknown {name} {value!r}; expected one of {', '.join(choices)}")


def _check_type(name: str, value: object, kind: type) -> None:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"{name} must be a {kind.__name__}, not {type(value).__name__}")


#: The defaults, in the one place they are written.
DEFAULT = Options()

__all__ = [
    "ANCHORS",
    "BLANK_LINES",
    "DEFAULT",
    "PARSERS",
    "SCHEMAS",
    "Options",
    "ReadOptions",
    "build",
]
