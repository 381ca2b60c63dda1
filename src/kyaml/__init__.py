"""kyaml: read and write KYAML, the strict YAML dialect of Kubernetes (KEP-5295)."""

from kyaml._version import __version__
from kyaml.errors import Diagnostic, KyamlError

__all__ = ["Diagnostic", "KyamlError", "__version__"]
