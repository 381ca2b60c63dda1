"""Which files ``kyaml fmt`` touches, and with which settings.

Discovery walks directories for YAML files (``*.yaml``, ``*.yml``, ``*.kyaml``, ``*.kyml``) and
leaves out what a user would not want rewritten: hidden files and folders (by default), whatever
``.gitignore`` files ignore, and Helm chart ``templates/`` folders, which hold Go templates rather
than YAML. Exclude patterns and ``.gitignore`` lines share one small matcher for the gitignore
syntax (globs, ``dir/``, ``!negation``, ``/anchored``, ``**``).

Settings come from the nearest ``.kyaml.toml``, ``kyaml.toml`` or ``pyproject.toml`` with a
``[tool.kyaml]`` table, found by walking up from the files named and stopping at the repository
root. TOML is only parsed when such a file exists, to keep format-on-save fast.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from kyaml._patterns import LazyPattern

SUFFIXES = (".yaml", ".yml", ".kyaml", ".kyml")
DEFAULT_EXCLUDE = (".*", "node_modules/", "__pycache__/", "venv/")
_ALWAYS_SKIPPED = frozenset({".git", ".hg", ".svn", ".jj"})
CONFIG_FILES = (".kyaml.toml", "kyaml.toml", "pyproject.toml")
SCHEMAS = ("reference", "1.1", "1.2")


class ConfigError(Exception):
    """A configuration file that cannot be used; reported as ``path: error: message``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def format(self) -> str:
        """The error as one ``path: error: message`` line."""
        return f"{self.path}: error: {self.message}"


_Rule = tuple[re.Pattern[str], bool, bool]  # (regex, negated, directories only)


def _translate(glob: str) -> str:
    """A gitignore glob (without ``!`` or trailing ``/``) as a regular expression."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if c == "*":
            j = i + 1
            while j < n and glob[j] == "*":
                j += 1
            whole_segment = (i == 0 or glob[i - 1] == "/") and (j == n or glob[j] == "/")
            if j - i >= 2 and whole_segment:
                if j == n:
                    out.append(".*")
                else:
                    out.append("(?:.*/)?")
                    j += 1
            else:
                out.append("[^/]*")
            i = j
            continue
        if c == "?":
            out.append("[^/]")
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(glob[i]))
        elif c == "[":
            k = i + 1
            if k < n and glob[k] in "!^":
                k += 1
            if k < n and glob[k] == "]":
                k += 1
            end = glob.find("]", k)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = glob[i + 1 : end]
                negated = body[:1] in ("!", "^")
                if negated:
                    body = body[1:]
                inner = "".join("\\" + ch if ch in "\\[]^" else ch for ch in body)
                out.append(f"[{'^/' if negated else ''}{inner}]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def compile_rule(line: str) -> _Rule | None:
    """One gitignore line as a rule, or None for blanks and comments."""
    line = line.rstrip("\r\n")
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        stripped += " "
    line = stripped
    if not line or line.startswith("#"):
        return None
    negated = line.startswith("!")
    if negated:
        line = line[1:]
    dir_only = line.endswith("/")
    line = line.rstrip("/")
    if not line:
        return None
    anchored = "/" in line
    regex = _translate(line.lstrip("/"))
    if not anchored:
        regex = "(?:.*/)?" + regex
    try:
        return re.compile(regex, re.DOTALL), negated, dir_only
    except re.error:
        return None


class Rules:
    """The patterns of one ``.gitignore`` or exclude list, relative to a base directory."""

    def __init__(self, base: str, rules: list[_Rule] | None = None) -> None:
        self.base = base
        self.rules: list[_Rule] = rules if rules is not None else []

    @classmethod
    def parse(cls, base: str, lines: Sequence[str]) -> Rules:
        """Rules from pattern lines; blank lines, comments and broken patterns are dropped."""
        return cls(base, [rule for line in lines if (rule := compile_rule(line)) is not None])

    def match(self, path: str, is_dir: bool) -> bool | None:
        """True if ``path`` (absolute) is ignored, False if re-included, None if no rule says."""
        rel = os.path.relpath(path, self.base).replace(os.sep, "/")
        if rel.startswith("../") or rel in ("..", "."):
            return None
        verdict = None
        for regex, negated, dir_only in self.rules:
            if (is_dir or not dir_only) and regex.fullmatch(rel):
                verdict = not negated
        return verdict


def find_repo_root(start: str) -> str | None:
    """The nearest directory at or above ``start`` that holds a ``.git`` entry."""
    current = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def common_parent(paths: Sequence[str]) -> str:
    """The deepest directory containing every path (a file counts by its directory)."""
    dirs = [
        os.path.abspath(p) if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
        for p in paths
    ]
    try:
        return os.path.commonpath(dirs) if dirs else os.getcwd()
    except ValueError:  # different drives
        return os.getcwd()


def is_helm_templates(directory: str) -> bool:
    """A ``templates`` folder beside a ``Chart.yaml``: Helm templates, not YAML."""
    return os.path.basename(directory) == "templates" and os.path.isfile(
        os.path.join(os.path.dirname(directory), "Chart.yaml")
    )


class Finder:
    """Applies the exclusion rules: exclude patterns, ``.gitignore`` files and Helm charts."""

    def __init__(self, root: str, exclude: Sequence[str], repo_root: str | None) -> None:
        self.exclude = Rules.parse(os.path.abspath(root), exclude)
        self.repo_root = repo_root
        self.errors: list[str] = []
        self._gitignores: dict[str, Rules | None] = {}

    def _gitignore(self, directory: str) -> Rules | None:
        """The rules of ``directory/.gitignore`` (cached), or None when there is none."""
        if directory not in self._gitignores:
            rules = None
            try:
                with open(os.path.join(directory, ".gitignore"), encoding="utf-8") as f:
                    rules = Rules.parse(directory, f.read().splitlines())
            except (OSError, UnicodeDecodeError):
                pass
            self._gitignores[directory] = rules
        return self._gitignores[directory]

    def _ancestor_gitignores(self, directory: str) -> list[Rules]:
        """``.gitignore`` rules from the repository root down to ``directory``, inclusive."""
        if self.repo_root is None:
            return []
        chain: list[str] = []
        current = directory
        while True:
            chain.append(current)
            if current == self.repo_root:
                break
            parent = os.path.dirname(current)
            if parent == current:
                return []
            current = parent
        return [rules for d in reversed(chain) if (rules := self._gitignore(d)) is not None]

    def _why_left_out(self, path: str, is_dir: bool, gitignores: Sequence[Rules]) -> str | None:
        """Why ``path`` (absolute) is left out at its own level, or None when it is not."""
        name = os.path.basename(path)
        if is_dir and name in _ALWAYS_SKIPPED:
            return "version control folder"
        if self.exclude.match(path, is_dir):
            return "excluded"
        verdict = None
        for rules in gitignores:
            match = rules.match(path, is_dir)
            if match is not None:
                verdict = match
        if verdict:
            return "ignored by .gitignore"
        if is_dir and is_helm_templates(path):
            return "Helm chart templates"
        return None

    def left_out(self, path: str) -> str | None:
        """Why a path named on the command line is left out under ``--force-exclude``.

        Every folder between the exclusion root and the path is checked too, as a walk would.
        """
        full = os.path.abspath(path)
        top = self.repo_root or self.exclude.base
        chain = [full]
        current = full
        while current not in (top, os.path.dirname(current)):
            current = os.path.dirname(current)
            chain.append(current)
        for index, item in enumerate(reversed(chain)):
            is_dir = index < len(chain) - 1 or os.path.isdir(item)
            if item == top:
                continue
            gitignores = self._ancestor_gitignores(os.path.dirname(item))
            reason = self._why_left_out(item, is_dir, gitignores)
            if reason:
                return reason
        return None

    def walk(self, top: str) -> Iterator[str]:
        """The YAML files under ``top``, sorted, as paths that start with ``top``.

        Symbolic links are not followed (a link may point outside the tree); unreadable folders
        are recorded in :attr:`errors`.
        """
        top_abs = os.path.abspath(top)
        shown_top = os.path.normpath(top)
        stack = [(shown_top, top_abs, self._ancestor_gitignores(os.path.dirname(top_abs)))]
        while stack:
            shown, here, inherited = stack.pop()
            own = self._gitignore(here)
            gitignores = [*inherited, own] if own is not None else inherited
            try:
                with os.scandir(here) as scan:
                    entries = sorted(scan, key=lambda e: e.name)
            except OSError as exc:
                self.errors.append(f"{shown}: error: cannot read folder: {exc.strerror or exc}")
                continue
            subdirs = []
            for entry in entries:
                if entry.is_symlink():
                    continue
                is_dir = entry.is_dir()
                if not is_dir and not entry.name.lower().endswith(SUFFIXES):
                    continue
                full = os.path.join(here, entry.name)
                if self._why_left_out(full, is_dir, gitignores):
                    continue
                shown_entry = entry.name if shown == "." else os.path.join(shown, entry.name)
                if is_dir:
                    subdirs.append((shown_entry, full, gitignores))
                else:
                    yield shown_entry
            stack.extend(reversed(subdirs))


_KEYS: dict[str, type] = {
    "compact": bool,
    "schema": str,
    "strict": bool,
    "exclude": list,
    "extend-exclude": list,
    "force-exclude": bool,
    "jobs": int,
}


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
        tool = _parse_toml(text).get("tool")
    except ValueError:
        return True  # let load_config report the syntax error
    return isinstance(tool, dict) and "kyaml" in tool


def _parse_toml(text: str) -> dict[str, Any]:
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
            data = _parse_toml(f.read())
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read configuration: {exc}") from None
    except ValueError as exc:
        raise ConfigError(path, f"invalid TOML: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        data = data.get("tool", {}).get("kyaml", {})
        if not isinstance(data, dict):
            raise ConfigError(path, "[tool.kyaml] must be a table")
    settings: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("_", "-")
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(path, f"unknown setting {raw_key!r} (known: {known})")
        settings[key] = _check_value(path, key, value)
    return settings


def _check_value(path: str, key: str, value: Any) -> Any:
    """``value`` converted to what option ``key`` takes, or a ConfigError."""
    expected = _KEYS[key]
    if key == "schema":
        if isinstance(value, float):  # schema = 1.2 without quotes
            value = str(value)
        if value not in SCHEMAS:
            raise ConfigError(path, f"schema must be one of {', '.join(SCHEMAS)}, not {value!r}")
        return value
    if expected is list:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(path, f"{key} must be a list of glob patterns")
        return value
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ConfigError(path, f"{key} must be a whole number of at least 1")
        return value
    if not isinstance(value, expected):
        raise ConfigError(path, f"{key} must be true or false")
    return value
