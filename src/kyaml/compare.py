"""Whether two YAML, KYAML or JSON texts hold the same data, and where they differ: the library
behind ``kyaml diff``.

Both texts are read as ``kyaml.loads_all`` reads them, under one schema, so comments, layout,
quoting and style do not count, and neither does the order of a mapping's keys; the order of a
sequence's items does, and so does a value's type (``"1"`` is not ``1``, ``true`` is not ``1``).
Each difference is named by its path from the stream: ``[0].spec.template.spec.containers[0]
.image``, the document's index first.
"""

from __future__ import annotations

import math
import re

from kyaml._api import dumps, loads_all
from kyaml._quote import scalar_line
from kyaml.options import DEFAULT

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

#: Stands for the side of a difference where the path does not exist.
ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "ABSENT"})()

_NAME = re.compile(r"[A-Za-z_][\w-]*")


class Difference:
    """A path and what each side holds there (:data:`ABSENT` where it holds nothing)."""

    __slots__ = ("a", "b", "path")

    def __init__(self, path: str, a: Any, b: Any) -> None:
        self.path = path
        self.a = a
        self.b = b

    def __repr__(self) -> str:
        return f"Difference({self.path!r}, {self.a!r}, {self.b!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Difference):
            return NotImplemented
        return (self.path, _key(self.a), _key(self.b)) == (other.path, _key(other.a), _key(other.b))

    def __hash__(self) -> int:
        return hash(self.path)

    def text(self) -> str:
        """``path: a → b``, each side as KYAML writes it on one line (``(absent)``: nothing)."""
        return f"{self.path}: {shown(self.a)} → {shown(self.b)}"


def _key(value: Any) -> Any:
    return (type(value), value) if value is not ABSENT else ABSENT


def differences(
    a: str | bytes | bytearray, b: str | bytes | bytearray, *, schema: str = DEFAULT.schema
) -> list[Difference]:
    """Where the data of ``a`` and ``b`` differ, in the order of ``a`` (then what only ``b``
    has); empty when they hold the same data. Raises :class:`~kyaml.errors.KyamlError` when
    either is not YAML."""
    found: list[Difference] = []
    _walk(loads_all(a, schema=schema), loads_all(b, schema=schema), "", found)
    return found


def _walk(a: Any, b: Any, path: str, found: list[Difference]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key, value in a.items():
            where = path + _step(key)
            if key in b:
                _walk(value, b[key], where, found)
            else:
                found.append(Difference(where, value, ABSENT))
        found.extend(Difference(path + _step(k), ABSENT, v) for k, v in b.items() if k not in a)
    elif isinstance(a, list) and isinstance(b, list):
        for n in range(max(len(a), len(b))):
            where = f"{path}[{n}]"
            if n >= len(a):
                found.append(Difference(where, ABSENT, b[n]))
            elif n >= len(b):
                found.append(Difference(where, a[n], ABSENT))
            else:
                _walk(a[n], b[n], where, found)
    elif not same(a, b):
        found.append(Difference(path or "[]", a, b))


def same(a: Any, b: Any) -> bool:
    """Equal data of the same types (NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _step(key: str) -> str:
    """One key of a path: ``.name``, or ``["a key"]`` where a name would be unclear."""
    if _NAME.fullmatch(key):
        return f".{key}"
    return f"[{scalar_line(key)}]"


def shown(value: Any) -> str:
    """A value as a difference shows it: KYAML on one line, ``(absent)`` for nothing."""
    if value is ABSENT:
        return "(absent)"
    if value is None or isinstance(value, (bool, int, float, str)):
        return scalar_line(value)
    return dumps(value, compact=True).removeprefix("---\n").rstrip("\n")


__all__ = ["ABSENT", "Difference", "differences", "same", "shown"]
