"""The configuration file: finding it, reading it, checking its settings.

Settings come from the nearest ``.kyaml.toml``, ``kyaml.toml`` or ``pyproject.toml`` with a
``[tool.kyaml]`` table, found by walking up from the files named and stopping at the repository
root. TOML is only parsed when such a file exists, to keep format-on-save fast. The keys are the
long names of the options the table in :mod:`kyaml.cli.options` marks ``config``, and their
values are checked against the same kinds and choices, so that a typo is reported rather than
silently ignored.
"""

from __future__ import annotations

import importlib
import os
import re
import sys

from kyaml._patterns import LazyPattern
from kyaml.cli.options import CONFIGURABLE, Option

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

CONFIG_FILES = (".kyaml.toml", "kyaml.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file that cannot be used; reported as ``path: error: message``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def format(self) -> str:
        """The error as one ``path: error: message`` line."""
        return f"{self.path}: error: {self.message}"


def find_config(start: str) -> str | None:
    """The nearest configuration file at or above ``start``, not looking past the repo root."""
    current = os.path.abspath(start)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate) and (
                name != "pyproject.toml" or _mentions_kyaml(candidate)
            ):
                return candidate
        parent = os.path.dirname(current)
        if parent == current or os.path.exists(os.path.join(current, ".git")):
            return None
        current = parent


# `[tool.kyaml]`, `tool.kyaml.x = …`, or `kyaml = …` / `kyaml.x = …` inside `[tool]`: a cheap
# test that saves parsing (and importing tomllib) for the many pyproject.toml files without it.
_KYAML_TABLE = LazyPattern(r"""\btool\s*\.\s*["']?kyaml\b|^\s*["']?kyaml["']?\s*[.=]""", re.M)


def _mentions_kyaml(pyproject: str) -> bool:
    """Whether a pyproject.toml has a ``[tool.kyaml]`` table (parsed only when it may)."""
    try:
        with open(pyproject, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return False
    if not _KYAML_TABLE.search(text):
        return False
    try:
        tool = parse_toml(text).get("tool")
    except ValueError:
        return True  # let load_config report the syntax error
    return isinstance(tool, dict) and "kyaml" in tool


def parse_toml(text: str) -> dict[str, Any]:
    """TOML text as a dict: tomllib on 3.11+, the tomli package before."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib.loads(text)
    tomli: Any = importlib.import_module("tomli")
    data: dict[str, Any] = tomli.loads(text)
    return data


def load_config(path: str) -> dict[str, Any]:
    """The validated settings in a configuration file, keys spelt as the long options.

    Raises :class:`ConfigError` for unreadable TOML, unknown keys and wrong value types, so a
    typo is reported rather than silently ignored.
    """
    try:
        with open(path, encoding="utf-8") as f:
            data = parse_toml(f.read())
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read configuration: {exc}") from None
    except ValueError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("kyaml", {})
        if not isinstance(data, dict):
            raise ConfigError(path, "[tool.kyaml] must be a table")
    return check_settings(path, data)


def check_settings(source: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (from ``source``: a file, or an editor's settings) checked as a configuration
    file's settings are, keys spelt as the long options; :class:`ConfigError` when one is
    unknown or of the wrong type."""
    path = source
    settings: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("_", "-")
        if key not in CONFIGURABLE:
            known = ", ".join(sorted(CONFIGURABLE))
            raise ConfigError(path, f"unknown setting {raw_key!r} (known: {known})")
        settings[key] = _check_value(path, CONFIGURABLE[key], value)
    return settings


# What a list of each value type is called in error messages.
_PLURALS = {"glob": "glob patterns", "file": "file paths"}


def _check_value(path: str, option: Option, value: Any) -> Any:
    """``value`` as ``option`` takes it, or a ConfigError naming what it should be."""
    key = option.key
    if option.kind in ("flag", "switch"):
        if not isinstance(value, bool):
            raise ConfigError(path, f"{key} must be true or false")
        return value
    if option.kind == "values":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            what = _PLURALS.get(option.takes, "strings")
            raise ConfigError(path, f"{key} must be a list of {what}")
        return value
    if option.takes == "choice":
        if isinstance(value, float):  # schema = 1.2 without quotes
            value = str(value)
        if value not in option.choices:
            choices = ", ".join(option.choices)
            raise ConfigError(path, f"{key} must be one of {choices}, not {value!r}")
        return value
    if option.takes == "integer":
        if isinstance(value, bool) or not isinstance(value, int) or value < option.minimum:
            raise ConfigError(path, f"{key} must be a whole number of at least {option.minimum}")
        return value
    if not isinstance(value, str):
        raise ConfigError(path, f"{key} must be a string")
    return value
