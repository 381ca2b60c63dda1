"""Python data ⇄ tree: the shared middle of ``dumps`` and ``loads``.

``from_python`` accepts what ``json`` accepts (dict, list, tuple, str, int, float, bool, None and
their subclasses) plus ``datetime``/``date`` (written as RFC 3339 strings); anything else goes
through ``default`` or is a ``TypeError`` naming the type.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from kyaml._objects import UNKNOWN, key_order, plain_data
from kyaml._quote import float_text, int_text, quote_line
from kyaml._tree import MAX_DEPTH, Mapping, Node, Scalar, Sequence
from kyaml.errors import KyamlError, LimitError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

    Default = Callable[[Any], Any]


def from_python(obj: Any, default: Default | None = None, sort_keys: bool | str = False) -> Node:
    """The tree of a Python value; dataclasses, enum members, pydantic models and Kubernetes
    client models as the data they hold (:mod:`kyaml._objects`); ``default`` converts values of
    other types, as in ``json``. ``sort_keys`` orders every mapping's keys: ``True``
    alphabetically, ``"kubernetes"`` with ``apiVersion``, ``kind``, ``metadata``, ``spec``,
    ``data``, ``status`` first.

    An error names where in the value it is (``at spec.containers[0].name``)."""
    try:
        return _Builder(default, sort_keys).node(obj, 0)
    except KyamlError as exc:
        segments: list[str] | None = getattr(exc, "_data_path", None)
        if not segments:
            raise
        located = type(exc)(f"{exc.message} at {''.join(reversed(segments)).lstrip('.')}")
    raise located  # outside the handler: the unlocated error is not its context


def _within(exc: KyamlError, segment: str) -> None:
    """Note on ``exc``, as it passes up, the step into the container it came from."""
    segments: list[str] | None = getattr(exc, "_data_path", None)
    if segments is None:
        segments = []
        setattr(exc, "_data_path", segments)  # noqa: B010 - an attribute KyamlError does not declare
    segments.append(segment)


def _key_segment(key: str) -> str:
    """A key as a step of a path: ``.name``, or ``["a b"]`` when it is not a bare word."""
    if key and all(c.isalnum() or c in "_-" for c in key) and key.isascii():
        return "." + key
    return "[" + quote_line(key) + "]"


def _lone_surrogate(text: str) -> str | None:
    """The first lone surrogate in ``text`` as ``U+D800``, or None: no Unicode text holds one,
    so ``loads`` would refuse what was written."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"U+{ord(text[exc.start]):04X}"
    return None


def _time_text(value: _dt.date) -> str:
    """RFC 3339 text: ``2024-05-01``, or ``2024-05-01T10:00:00Z`` / ``…+02:00`` with an offset.

    A naive datetime has no offset to write, so it is written without one.
    """
    text = value.isoformat()
    if isinstance(value, _dt.datetime) and text.endswith("+00:00"):
        return text[:-6] + "Z"
    return text


class _Builder:
    """One conversion: carries ``default`` and the containers on the current path (cycles)."""

    __slots__ = ("default", "path", "sort_keys")

    def __init__(self, default: Default | None, sort_keys: bool | str = False) -> None:
        self.default = default
        self.sort_keys = sort_keys
        self.path: set[int] = set()

    def node(self, obj: Any, depth: int) -> Node:
        if isinstance(obj, str):
            lone = _lone_surrogate(obj)
            if lone is not None:
                raise KyamlError(
                    f"a lone surrogate ({lone}) in a string: not Unicode text", code="KY008"
                )
            return Scalar(_scalar_value(obj))
        if obj is None or isinstance(obj, (bool, int, float)):
            return Scalar(_scalar_value(obj))
        if isinstance(obj, (dict, list, tuple)):
            if depth >= MAX_DEPTH:
                raise LimitError(f"data nested deeper than {MAX_DEPTH} levels")
            marker = id(obj)
            if marker in self.path:
                raise KyamlError("circular reference detected")
            self.path.add(marker)
            try:
                if isinstance(obj, dict):
                    return self.mapping(obj, depth)
                return self.sequence(obj, depth)
            finally:
                self.path.discard(marker)
        if isinstance(obj, _dt.date):
            return Scalar(_time_text(obj))
        plain = plain_data(obj)
        if plain is not UNKNOWN:
            return self.through(obj, lambda _: plain, depth)
        if self.default is not None:  # (default() may give back what it was given)
            return self.through(obj, self.default, depth, " (through default)")
        raise TypeError(f"Object of type {type(obj).__name__} is not KYAML serializable")

    def through(self, obj: Any, convert: Default, depth: int, how: str = "") -> Node:
        """The tree of ``convert(obj)``, the data ``obj`` stands for (no cycle through ``obj``;
        ``how`` says in the error how the cycle went)."""
        if depth >= MAX_DEPTH:
            raise LimitError(f"data nested deeper than {MAX_DEPTH} levels")
        marker = id(obj)
        if marker in self.path:
            raise KyamlError(f"circular reference detected{how}")
        self.path.add(marker)
        try:
            return self.node(convert(obj), depth + 1)
        finally:
            self.path.discard(marker)

    def mapping(self, obj: dict[Any, Any], depth: int) -> Mapping:
        items: list[tuple[str, Node]] = []
        seen: set[str] = set()
        for key, value in obj.items():
            text = _key_text(key)
            if text in seen:
                raise KyamlError(
                    f"duplicate key {text!r} after converting keys to strings", code="KY004"
                )
            lone = _lone_surrogate(text)
            if lone is not None:
                raise KyamlError(
                    f"a lone surrogate ({lone}) in the key {quote_line(text)}", code="KY008"
                )
            seen.add(text)
            try:
                items.append((text, self.node(value, depth + 1)))
            except KyamlError as exc:
                _within(exc, _key_segment(text))
                raise
        if self.sort_keys and len(items) > 1:
            items = [items[n] for n in key_order([k for k, _ in items], self.sort_keys)]
        return Mapping(items)

    def sequence(self, obj: list[Any] | tuple[Any, ...], depth: int) -> Sequence:
        items: list[Node] = []
        for index, item in enumerate(obj):
            try:
                items.append(self.node(item, depth + 1))
            except KyamlError as exc:
                _within(exc, f"[{index}]")
                raise
        return Sequence(items)


def _scalar_value(obj: bool | str | int | float | None) -> bool | str | int | float | None:
    """The plain Python value of a scalar (subclasses such as enums reduced to their base type)."""
    if obj is None or type(obj) in (bool, str, int, float):
        return obj
    if isinstance(obj, bool):  # pragma: no cover - bool cannot be subclassed
        return bool(obj)
    if isinstance(obj, str):
        return str.__str__(obj)
    if isinstance(obj, int):
        return int(obj)
    return float(obj)


def _key_text(key: Any) -> str:
    """A dict key as KYAML key text: strings as they are, other scalars as ``json`` spells them."""
    if isinstance(key, str):
        return str.__str__(key)
    if key is not None and not isinstance(key, (bool, int, float)):  # an enum member, say
        plain = plain_data(key)
        if plain is not UNKNOWN and (plain is None or isinstance(plain, (str, bool, int, float))):
            return _key_text(plain)
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int):
        return int_text(int(key))
    if isinstance(key, float):
        return float_text(float(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def to_python(node: Node) -> Any:
    """The Python value of a tree: dicts, lists and scalars (aliases become separate copies)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Mapping):
        return {key: to_python(value) for key, value in node.items}
    if isinstance(node, Sequence):
        return [to_python(item) for item in node.items]
    raise TypeError(f"unexpected node type {type(node).__name__}")  # pragma: no cover
