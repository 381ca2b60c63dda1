"""kyaml: read and write KYAML, the strict YAML dialect of Kubernetes (KEP-5295).

The public API is shaped like ``json``: ``dumps``/``dump`` write Python data as KYAML,
``loads``/``load`` read KYAML, YAML or JSON; ``format_str`` turns YAML or JSON text into KYAML
with every comment kept; ``to_yaml`` and ``to_json`` go the other way.

The functions are imported on first use, so that ``import kyaml`` (and the command, which
imports parts of the package) starts fast.
"""

from __future__ import annotations

from kyaml._version import __version__
from kyaml.errors import (
    AmbiguityError,
    Diagnostic,
    KyamlError,
    LimitError,
    ParseError,
    UnsupportedError,
)
from kyaml.options import Options

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from kyaml._api import (
        dump,
        dump_all,
        dumps,
        dumps_all,
        format_str,
        load,
        load_all,
        loads,
        loads_all,
        to_json,
        to_yaml,
    )

__all__ = [
    "AmbiguityError",
    "Diagnostic",
    "KyamlError",
    "LimitError",
    "Options",
    "ParseError",
    "UnsupportedError",
    "__version__",
    "dump",
    "dump_all",
    "dumps",
    "dumps_all",
    "format_str",
    "load",
    "load_all",
    "loads",
    "loads_all",
    "to_json",
    "to_yaml",
]

_FUNCTIONS = frozenset(name for name in __all__ if name[0].islower() and name[0] != "_")


def __getattr__(name: str) -> Any:
    if name not in _FUNCTIONS:
        raise AttributeError(f"module 'kyaml' has no attribute {name!r}")
    from kyaml import _api

    value = getattr(_api, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
