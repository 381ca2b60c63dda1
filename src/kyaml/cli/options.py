"""The command's options, written once: the table that click, the fast path and the
configuration file all read.

Click builds ``kyaml fmt`` and ``kyaml convert`` from it (:mod:`kyaml.cli.app`), for help texts
and every command line the fast path passes on. :func:`fmt_options` reads the plain
``kyaml fmt`` command lines editors and hooks run on every save straight from the table, which
saves click's import time. The configuration file's keys are the long names of the options
marked ``config``, checked against the same kinds and choices (:mod:`kyaml.cli.config`).

Plain classes rather than dataclasses: this module is on the fast path, where importing
:mod:`dataclasses` would cost more than the table itself.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from kyaml.cli.opened import MAX_FILE_SIZE
from kyaml.options import ANCHORS, BLANK_LINES, DEFAULT, SCHEMAS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any, Literal

    Kind = Literal["flag", "switch", "value", "values"]
    ValueType = Literal["text", "glob", "integer", "choice", "file"]

#: How an option is spelt and what it holds. ``flag``: ``--check``, true when given. ``switch``:
#: ``--strict`` and ``--no-strict``; None unless given, so that the configuration file can decide.
#: ``value``: ``--schema 1.2``, the last one given. ``values``: ``--exclude``, one per use.
#: What a value is: text, a glob pattern, a whole number of at least ``minimum``, one of
#: ``choices``, or a file (a path that is not a folder).


class Option:
    """One option of a command: its spellings, what it takes, its help, its default."""

    __slots__ = (
        "choices",
        "config",
        "default",
        "dest",
        "help",
        "kind",
        "metavar",
        "minimum",
        "names",
        "required",
        "takes",
    )

    def __init__(
        self,
        names: tuple[str, ...],
        kind: Kind,
        help: str,
        *,
        takes: ValueType = "text",
        choices: tuple[str, ...] = (),
        minimum: int = 1,
        metavar: str | None = None,
        default: Any = None,
        config: bool = False,
        required: bool = False,
        dest: str = "",
    ) -> None:
        #: The spellings, short one first, long one last; a switch's ``--no-`` form is derived.
        self.names = names
        self.kind: Kind = kind
        self.help = help
        self.takes: ValueType = takes
        self.choices = choices
        #: An ``integer``'s least value.
        self.minimum = minimum
        #: The value's name in help texts (None: click's name for its type).
        self.metavar = metavar
        #: What applies when neither the command line nor the configuration file says (None for
        #: ``--jobs``: all cores, counted when the command runs).
        self.default = default
        #: Whether the configuration file may set it, under :attr:`key`.
        self.config = config
        self.required = required
        #: The parameter name the commands receive it as.
        self.dest = dest or self.key.replace("-", "_")

    @property
    def key(self) -> str:
        """The long name without its dashes: the configuration file's key for the option."""
        return self.names[-1].removeprefix("--")

    @property
    def negative(self) -> str:
        """A switch's ``--no-`` spelling."""
        return f"--no-{self.key}"

    @property
    def unset(self) -> Any:
        """The value the command receives when the option is not given."""
        return {"flag": False, "values": ()}.get(self.kind)

    def with_help(self, help: str) -> Option:
        """The same option with another help text (for another command)."""
        return Option(
            self.names,
            self.kind,
            help,
            takes=self.takes,
            choices=self.choices,
            minimum=self.minimum,
            metavar=self.metavar,
            default=self.default,
            config=self.config,
            required=self.required,
            dest=self.dest,
        )


DEFAULT_EXCLUDE = ("node_modules/", "__pycache__/", "venv/")
"""What ``--exclude`` leaves out when neither the command line nor the configuration says.
Hidden files and folders, version control folders and Helm chart ``templates/`` are left out
whatever it says (:mod:`kyaml.cli.discovery`)."""

COMPACT = Option(
    ("--compact",), "switch", "One line per document.", default=DEFAULT.compact, config=True
)
SCHEMA = Option(
    ("--schema",),
    "value",
    "How plain scalars are read.",
    takes="choice",
    choices=SCHEMAS,
    default=DEFAULT.schema,
    config=True,
)
STRICT = Option(
    ("--strict",), "switch", "Ambiguous scalars are errors.", default=DEFAULT.strict, config=True
)
BLANK_LINES_OPTION = Option(
    ("--blank-lines",),
    "value",
    "Keep one blank line where the input has some, or drop them all.",
    takes="choice",
    choices=BLANK_LINES,
    default=DEFAULT.blank_lines,
    config=True,
)
ANCHORS_OPTION = Option(
    ("--anchors",),
    "value",
    "Write each alias as a copy of its anchor's value, or keep &anchors and *aliases.",
    takes="choice",
    choices=ANCHORS,
    default=DEFAULT.anchors,
    config=True,
)
QUIET = Option(("-q", "--quiet"), "flag", "Show errors only.")
COLOR = Option(("--color",), "switch", "Colour the output [when a terminal].")

#: ``kyaml fmt``'s options, in the order ``--help`` lists them.
FMT: tuple[Option, ...] = (
    Option(("--check",), "flag", "Write nothing; exit 1 if any file would change."),
    Option(("--diff",), "flag", "Write nothing; print a diff; exit 1 on changes."),
    Option(
        ("--stdin-filename",), "value", "Name of stdin for messages and config.", metavar="PATH"
    ),
    Option(
        ("--exclude",),
        "values",
        "Replace the default excludes (hidden folders and chart templates stay excluded).",
        takes="glob",
        metavar="GLOB",
        default=DEFAULT_EXCLUDE,
        config=True,
    ),
    Option(
        ("--extend-exclude",),
        "values",
        "Add to the excludes.",
        takes="glob",
        metavar="GLOB",
        default=(),
        config=True,
    ),
    Option(
        ("--force-exclude",),
        "switch",
        "Apply excludes to paths named on the command line too (for editors, pre-commit).",
        default=False,
        config=True,
    ),
    Option(
        ("--write-through",),
        "switch",
        "Rewrite in place a file with several hard links, or an owner or group a rename"
        " cannot keep (else refused).",
        default=False,
        config=True,
    ),
    Option(
        ("--max-file-size",),
        "value",
        "Refuse files larger than this [64 MiB].",
        takes="integer",
        metavar="BYTES",
        default=MAX_FILE_SIZE,
        config=True,
    ),
    Option(
        ("--include-hidden",),
        "switch",
        "Also format hidden files and folders (.github/…), left out by default.",
        default=False,
        config=True,
    ),
    Option(
        ("--markdown",),
        "switch",
        "Also format the kyaml blocks of *.md files found in folders (named ones always are).",
        default=False,
        config=True,
    ),
    Option(
        ("--markdown-yaml",),
        "switch",
        "Also convert the yaml blocks of Markdown files to KYAML.",
        default=False,
        config=True,
    ),
    COMPACT,
    SCHEMA,
    STRICT,
    BLANK_LINES_OPTION,
    ANCHORS_OPTION,
    Option(("--config",), "value", "Use this configuration file.", takes="file"),
    Option(
        ("-j", "--jobs"),
        "value",
        "Files in parallel [all cores].",
        takes="integer",
        minimum=1,
        config=True,
    ),
    QUIET,
    Option(("-v", "--verbose"), "flag", "Also show unchanged and skipped files."),
    COLOR,
)

#: ``kyaml convert``'s options, in the order ``--help`` lists them.
CONVERT: tuple[Option, ...] = (
    Option(
        ("--to",),
        "value",
        "The output format.",
        takes="choice",
        choices=("kyaml", "yaml", "json"),
        required=True,
        dest="target",
    ),
    Option(
        ("--out-dir",),
        "value",
        "Write a converted copy of each file under this folder, mirroring the tree.",
        metavar="DIR",
    ),
    Option(
        ("--check",),
        "flag",
        "With --out-dir: write nothing; exit 1 naming each copy missing, stale or without a"
        " source.",
    ),
    COMPACT.with_help("KYAML on one line per document."),
    SCHEMA,
    STRICT,
    BLANK_LINES_OPTION,
    ANCHORS_OPTION,
    QUIET,
    COLOR.with_help("Colour messages [when a terminal]."),
)

_FMT = {option.key: option for option in FMT}

#: ``kyaml check``'s options, in the order ``--help`` lists them.
CHECK: tuple[Option, ...] = (
    Option(("--fix",), "flag", "Fix what can be fixed, in place; report what is left."),
    Option(("--diff",), "flag", "Write nothing; print the fixes as a diff; exit 1 if any."),
    Option(
        ("--select",),
        "values",
        "Report these codes or prefixes only (comma-separated) [the rules on by default].",
        metavar="CODES",
        default=None,
        config=True,
    ),
    Option(
        ("--ignore",),
        "values",
        "Do not report these codes or prefixes.",
        metavar="CODES",
        default=(),
        config=True,
    ),
    Option(
        ("--extend-select",),
        "values",
        "Report these codes or prefixes too.",
        metavar="CODES",
        default=(),
        config=True,
    ),
    Option(
        ("--output-format",),
        "value",
        "How findings are written.",
        takes="choice",
        choices=("text", "concise", "json", "github", "gitlab", "sarif", "junit"),
        default="text",
        config=True,
    ),
    Option(("--statistics",), "flag", "Count the findings per code instead of listing them."),
    _FMT["stdin-filename"],
    _FMT["exclude"],
    _FMT["extend-exclude"],
    _FMT["force-exclude"],
    _FMT["include-hidden"],
    _FMT["max-file-size"],
    SCHEMA,
    _FMT["config"],
    QUIET.with_help("Show findings only, no summary."),
    Option(("-v", "--verbose"), "flag", "Also name the files checked and skipped."),
)

#: The options the configuration file may set, by key (``compact``, ``extend-exclude``, …).
CONFIGURABLE: dict[str, Option] = {option.key: option for option in (*FMT, *CHECK) if option.config}


def fmt_options(args: Sequence[str]) -> dict[str, Any] | None:
    """The parameters of ``kyaml fmt ARGS`` as click would read them, or None when the command
    line needs click: help, an unknown or abbreviated option, bundled short options, ``--``, a
    missing value or one click would refuse (click then explains it)."""
    spellings = _spellings(FMT)
    params: dict[str, Any] = {"paths": ()}
    params.update((option.dest, option.unset) for option in FMT)
    paths: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg in spellings and spellings[arg][0].kind in ("flag", "switch"):
            option, given = spellings[arg]
            params[option.dest] = given
            continue
        name, equals, value = arg.partition("=")
        found = spellings.get(name)
        if found is None or found[0].kind in ("flag", "switch"):  # unknown, or --check=yes
            return None
        option = found[0]
        if equals and not name.startswith("--"):  # click reads -j=2 as the value "=2"
            return None
        if not equals:
            if i == len(args) or (args[i].startswith("-") and args[i] != "-"):
                return None
            value = args[i]
            i += 1
        checked = _value(option, value)
        if checked is None:
            return None
        if option.kind == "values":
            params[option.dest] = (*params[option.dest], checked)
        else:
            params[option.dest] = checked
    params["paths"] = tuple(paths)
    return params


def _spellings(table: Sequence[Option]) -> dict[str, tuple[Option, bool]]:
    """Every spelling of the table's options, with the value a flag or switch spelt so sets."""
    spellings = {name: (option, True) for option in table for name in option.names}
    spellings.update((o.negative, (o, False)) for o in table if o.kind == "switch")
    return spellings


def _value(option: Option, value: str) -> Any:
    """A command-line value as click's type for ``option`` converts it, or None when click
    would refuse it."""
    if option.takes == "integer":
        # isdecimal: exactly the digits int() reads (isdigit would let "²" through).
        return int(value) if value.isdecimal() and int(value) >= option.minimum else None
    if option.takes == "choice":
        return value if value in option.choices else None
    if option.takes == "file":
        return None if os.path.isdir(value) else value
    return value
