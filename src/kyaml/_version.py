"""The kyaml version, read by the build and by ``kyaml --version``."""

__version__ = "0.1.0.dev0"
