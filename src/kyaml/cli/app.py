"""The ``kyaml`` command in click: ``fmt``, ``convert``, ``--help``, ``--version``.

Each command's options are built from the table in :mod:`kyaml.cli.options` and handed to
:mod:`kyaml.cli.commands`; :mod:`kyaml.cli` skips this module (and click's import time) for the
plain invocations an editor makes.
"""

from __future__ import annotations

import os

import click

from kyaml._version import __version__
from kyaml.cli import commands as _commands
from kyaml.cli.options import CHECK, CONVERT, FMT, Option
from kyaml.options import SCHEMAS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any, ClassVar

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def click_option(option: Option) -> click.Option:
    """The click option for a table entry: its spellings, kind, value type and help."""
    names = list(option.names)
    if option.kind == "switch":
        names[-1] = f"{names[-1]}/{option.negative}"
    settings: dict[str, Any] = {
        "help": option.help,
        "metavar": option.metavar,
        "required": option.required,
    }
    if option.kind == "flag":
        settings["is_flag"] = True
    elif option.kind == "switch":
        settings["default"] = None
    elif option.kind == "values":
        settings["multiple"] = True
    if option.takes == "choice":
        settings["type"] = click.Choice(option.choices)
    elif option.takes == "integer":
        settings["type"] = click.IntRange(min=option.minimum)
    elif option.takes == "file":
        settings["type"] = click.Path(dir_okay=False)
    return click.Option([*names, option.dest], **settings)


def version_line() -> str:
    """``kyaml X.Y.Z (compiled: yes|no; parser: …)``: the version, whether the pipeline runs as
    compiled modules, and the parser that reads YAML."""
    from kyaml._reader import compose, parse

    compiled = "no" if (compose.__file__ or "").endswith(".py") else "yes"
    return f"kyaml {__version__} (compiled: {compiled}; parser: {parse.parser_name()})"


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_line())
        ctx.exit()


class _Commands(click.Group):
    """The commands, with those of other packages loaded only when they run (by name, so that
    the command line does not depend on them): ``lsp`` is :mod:`kyaml.lsp.command`'s."""

    _LAZY: ClassVar[dict[str, tuple[str, str, str]]] = {
        "lsp": ("kyaml.lsp.command", "lsp", "Serve the Language Server Protocol on stdio.")
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self._LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self._LAZY:
            return super().get_command(ctx, cmd_name)
        import importlib

        module, name, summary = self._LAZY[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), name)
        command.short_help = command.short_help or summary
        return command


@click.group(cls=_Commands, context_settings=_CONTEXT)
@click.option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
def cli() -> None:
    """Format YAML as KYAML, the strict YAML dialect of Kubernetes, and convert between
    KYAML, YAML and JSON."""


@cli.command(
    "fmt",
    context_settings=_CONTEXT,
    short_help="Format YAML files as KYAML.",
    params=[
        click.Argument(["paths"], nargs=-1, type=click.Path(allow_dash=True)),
        *map(click_option, FMT),
    ],
)
def fmt(**params: Any) -> int:
    """Format YAML files as KYAML, in place; `-` formats stdin to stdout.

    Folders are searched for *.yaml, *.yml, *.kyaml and *.kyml files, leaving out hidden
    folders, what .gitignore ignores and Helm chart templates. A file with a `# kyaml: off`
    line in its header is left alone.
    """
    return _commands.fmt(**params)


@cli.command(
    context_settings=_CONTEXT,
    short_help="Convert to KYAML, YAML or JSON.",
    params=[
        click.Argument(["paths"], nargs=-1, type=click.Path(allow_dash=True)),
        *map(click_option, CONVERT),
    ],
)
def convert(**params: Any) -> int:
    """Convert PATH (or stdin) from YAML, KYAML or JSON to KYAML, YAML or JSON on stdout.

    With --out-dir OUT, convert every file and folder given (SRC...) into a copy under OUT
    that mirrors the tree; --check then writes nothing and names each copy that is missing,
    stale or has no source any more.
    """
    if params["compact"] and params["target"] != "kyaml":
        raise click.UsageError("--compact applies only to --to kyaml")
    paths = params.pop("paths") or ("-",)
    if params["out_dir"] is None:
        if params["check"]:
            raise click.UsageError("--check applies only with --out-dir")
        if len(paths) > 1:
            raise click.UsageError("several paths need --out-dir")
        if os.path.isdir(paths[0]):
            raise click.UsageError(f"{paths[0]} is a folder: use --out-dir")
        params.pop("out_dir")
        params.pop("check")
        return _commands.convert(path=paths[0], **params)
    if "-" in paths:
        raise click.UsageError("--out-dir converts files and folders, not stdin")
    from kyaml.cli import copies

    return copies.command(paths=paths, **params)


def _check_epilog() -> str:
    """The rules, listed from the registry (``\b`` keeps click from rewrapping them)."""
    from kyaml.rules import rule_table

    lines = rule_table().replace("\n", "\n\n").strip()
    return "Rules ([*]: --fix can fix it; `kyaml rule CODE` explains one):\n\n" + "\n\n".join(
        f"\b\n{line}" for line in lines.split("\n\n")
    )


@cli.command(
    context_settings=_CONTEXT,
    short_help="Find what YAML readers disagree on; fix it.",
    epilog=_check_epilog(),
    params=[
        click.Argument(["paths"], nargs=-1, type=click.Path(allow_dash=True)),
        *map(click_option, CHECK),
    ],
)
def check(**params: Any) -> int:
    """Report what YAML 1.1 and YAML 1.2 readers read differently, and what kyaml cannot read,
    as `path:line:col: CODE message`; exit 1 on findings, 2 on unreadable input.

    Files are found as `kyaml fmt` finds them (default: the current folder); `-` reads stdin.
    `--fix` makes the smallest edit that removes each ambiguity and keeps block YAML block;
    on *.kyaml and *.kyml files it applies `kyaml fmt`.
    """
    from kyaml.cli import check as _check

    return _check.check(**params)


@cli.command(
    "diff",
    context_settings=_CONTEXT,
    short_help="Compare the data of two YAML, KYAML or JSON files.",
    params=[
        click.Argument(["a"], type=click.Path(allow_dash=True, dir_okay=False)),
        click.Argument(["b"], type=click.Path(allow_dash=True, dir_okay=False)),
        click.Option(
            ["--schema"],
            type=click.Choice(SCHEMAS),
            default=SCHEMAS[0],
            help="How plain scalars are read.",
        ),
        click.Option(
            ["--output-format"],
            type=click.Choice(["text", "json"]),
            default="text",
            help="Each difference as `path: a → b`, or a JSON list of {path, a, b}.",
        ),
    ],
)
def data_diff(**params: Any) -> int:
    """Exit 0 when A and B (files, or - for stdin) hold the same data, else 1 with each
    difference by path, one per line: `[0].spec.replicas: 2 → 3`. Comments, layout, style
    and the order of a mapping's keys do not count; the order of a list's items and a value's
    type do.
    """
    from kyaml.cli import compare

    return compare.diff(**params)


@cli.command(
    context_settings=_CONTEXT,
    short_help="Explain a rule.",
    params=[click.Argument(["code"], required=False)],
)
def rule(code: str | None) -> int:
    """Explain the rule CODE (KY101); without CODE, list every rule."""
    from kyaml.cli import check as _check

    return _check.rule(code)
