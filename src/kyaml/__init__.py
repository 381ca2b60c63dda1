"""kyaml: read and write KYAML, the strict YAML dialect of Kubernetes (KEP-5295).

The public API is shaped like ``json``: ``dumps``/``dump`` write Python data as KYAML,
``loads``/``load`` read KYAML, YAML or JSON; ``format_str`` turns YAML or JSON text into KYAML
with every comment kept; ``to_yaml`` and ``to_json`` go the other way.

The functions are imported on first use, so that ``import kyaml`` (and the command, which
imports parts of the package) starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kyaml._version import __version__
from kyaml.errors import Diagnostic, KyamlError

if TYPE_CHECKING:
    from kyaml._convert import to_json, to_yaml
    from kyaml._dump import dump, dump_all, dumps, dumps_all
    from kyaml._load import format_str, load, load_all, loads, loads_all

__all__ = [
    "Diagnostic",
    "KyamlError",
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

_HOMES = {
    "to_json": "kyaml._convert",
    "to_yaml": "kyaml._convert",
    "dump": "kyaml._dump",
    "dump_all": "kyaml._dump",
    "dumps": "kyaml._dump",
    "dumps_all": "kyaml._dump",
    "format_str": "kyaml._load",
    "load": "kyaml._load",
    "load_all": "kyaml._load",
    "loads": "kyaml._load",
    "loads_all": "kyaml._load",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kyaml' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
