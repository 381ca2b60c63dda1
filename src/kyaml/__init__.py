"""kyaml: read and write KYAML, the strict YAML dialect of Kubernetes (KEP-5295).

The public API is shaped like ``json``: ``dumps``/``dump`` write Python data as KYAML.
"""

from kyaml._dump import dump, dump_all, dumps, dumps_all
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
]
