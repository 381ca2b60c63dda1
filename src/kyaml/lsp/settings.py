"""What the language server does for one file: the options of its configuration file and of the
editor, and whether the exclusion rules leave it out.

Settings come, from weakest to strongest, from the defaults, the nearest ``[tool.kyaml]`` /
``kyaml.toml`` / ``.kyaml.toml`` (found as ``kyaml fmt`` finds it, from the file's folder), and
the editor: ``initializationOptions`` and ``workspace/didChangeConfiguration`` (its settings, or
their ``kyaml`` section), with the configuration file's keys (``blank-lines``, ``select``, …).
A file the exclusion rules leave out (``kyaml fmt --force-exclude`` would: hidden folders such as
``.github/``, Helm templates, excludes, ``.gitignore``) is neither formatted nor checked.
"""

from __future__ import annotations

import os

from kyaml.cli.check import UsageError, codes_of
from kyaml.cli.commands import configured, parser_from_environment, selection
from kyaml.cli.config import ConfigError, check_settings, find_config, load_config
from kyaml.options import Options
from kyaml.rules import selected_codes

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any


class FileSettings:
    """How to treat one file: the library's options, the codes reported, whether it is in
    KYAML form (``*.kyaml``/``*.kyml``), why it is left out (None: it is not), and what was
    wrong with the configuration, if anything (its defaults apply then)."""

    __slots__ = ("codes", "excluded", "kyaml_form", "options", "problem")

    def __init__(
        self,
        options: Options,
        codes: frozenset[str],
        *,
        kyaml_form: bool,
        excluded: str | None = None,
        problem: str | None = None,
    ) -> None:
        self.options = options
        self.codes = codes
        self.kyaml_form = kyaml_form
        self.excluded = excluded
        self.problem = problem


EDITOR = "the editor's kyaml settings"


def editor_settings(value: Any) -> tuple[dict[str, Any], str | None]:
    """The kyaml settings in what an editor sends (a ``kyaml`` section, or the settings
    themselves), checked as a configuration file's are; on a problem, none, and the problem."""
    if isinstance(value, dict) and isinstance(value.get("kyaml"), dict):
        value = value["kyaml"]
    if not isinstance(value, dict):
        return {}, None
    given = {str(key): item for key, item in value.items() if item is not None}
    try:
        return check_settings(EDITOR, given), None
    except ConfigError as exc:
        return {}, exc.format()


def _file_settings(path: str) -> tuple[dict[str, Any], str | None]:
    """The configuration file's settings for ``path`` ({} without one), and a problem."""
    found = find_config(os.path.dirname(path))
    if found is None:
        return {}, None
    try:
        settings = load_config(found)
    except ConfigError as exc:
        return {}, exc.format()
    settings["config-path"] = found
    return settings, None


def settings_for(path: str | None, editor: dict[str, Any]) -> FileSettings:
    """The settings of the file at ``path`` (None: an unsaved document, read as YAML)."""
    file_settings, problem = _file_settings(path) if path else ({}, None)
    merged = {**file_settings, **{k: v for k, v in editor.items() if k != "config-path"}}
    try:
        codes = selected_codes(
            codes_of(merged["select"]) if merged.get("select") is not None else None,
            codes_of(merged.get("ignore") or ()),
            codes_of(merged.get("extend-select") or ()),
        )
        options = Options(
            compact=bool(configured(merged, "compact")),
            schema=configured(merged, "schema"),
            blank_lines=configured(merged, "blank-lines"),
            anchors=configured(merged, "anchors"),
            parser=parser_from_environment(),
        )
    except (UsageError, ValueError, TypeError) as exc:
        problem = f"kyaml settings: {exc}"
        codes, options = selected_codes(), Options(parser=parser_from_environment())
    kyaml_form = bool(path) and str(path).lower().endswith((".kyaml", ".kyml"))
    excluded = None
    if path:
        chooser = selection(merged, (), (), True, merged.get("include-hidden"))
        excluded = chooser.finder(os.path.dirname(path)).left_out(path)
    return FileSettings(options, codes, kyaml_form=kyaml_form, excluded=excluded, problem=problem)
