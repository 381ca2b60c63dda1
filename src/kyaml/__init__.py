"""kyaml: read and write KYAML, the strict YAML dialect of Kubernetes (KEP-5295).

The public API is shaped like ``json``: ``dumps``/``dump`` write Python data as KYAML,
``loads``/``load`` read KYAML, YAML or JSON; ``format_str`` turns YAML or JSON text into KYAML
with every comment kept; ``to_yaml`` and ``to_json`` go the other way.
"""

from kyaml._convert import to_json, to_yaml
from kyaml._dump import dump, dump_all, dumps, dumps_all
from kyaml._load import format_str, load, load_all, loads, loads_all
from kyaml._version import __version__
from kyaml.errors import Diagnostic, KyamlError

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
