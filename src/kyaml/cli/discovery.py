"""Which files ``kyaml fmt`` touches: the YAML files under the paths it is given.

Folders are walked for ``*.yaml``, ``*.yml``, ``*.kyaml`` and ``*.kyml`` files, leaving out what
a user would not want rewritten: version control folders, hidden files and folders (unless
``--include-hidden``), the exclude patterns, whatever ``.gitignore`` files ignore, and Helm chart
``templates/`` folders, which hold Go templates rather than YAML. The built-in rules hold
whatever ``--exclude`` says; under ``--force-exclude`` a named path obeys them as a walked one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from kyaml.cli.gitignore import Rules

SUFFIXES = (".yaml", ".yml", ".kyaml", ".kyml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
_ALWAYS_SKIPPED = frozenset({".git", ".hg", ".svn", ".jj"})


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


def within(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or inside it (both made absolute)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # different drives
        return False


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
    """Applies the exclusion rules: version control and hidden folders, exclude patterns,
    ``.gitignore`` files and Helm charts."""

    def __init__(
        self,
        root: str,
        exclude: Sequence[str],
        repo_root: str | None,
        *,
        include_hidden: bool = False,
        markdown: bool = False,
    ) -> None:
        self.exclude = Rules.parse(os.path.abspath(root), exclude)
        self.repo_root = repo_root
        self.include_hidden = include_hidden
        #: The suffixes a walk picks up: Markdown files too, when the configuration asks.
        self.suffixes = (*SUFFIXES, *MARKDOWN_SUFFIXES) if markdown else SUFFIXES
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
        if name.startswith(".") and not self.include_hidden:
            return "hidden"
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
        while within(full, top) and current not in (top, os.path.dirname(current)):
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
                if not is_dir and not entry.name.lower().endswith(self.suffixes):
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
