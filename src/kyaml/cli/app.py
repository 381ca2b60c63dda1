"""The `kyaml` command's options, parsed by click: `fmt`, `convert`, `--help`, `--version`.

Each command hands its options to :mod:`kyaml.cli.commands`; :mod:`kyaml.cli` skips this module
(and click's import time) for the plain invocations an editor makes.
"""

from __future__ import annotations

import click

from kyaml._version import __version__
from kyaml.cli import commands as _commands
from kyaml.cli.files import SCHEMAS
from kyaml.cli.run import Target

_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=_CONTEXT)
@click.version_option(
    __version__, "-V", "--version", prog_name="kyaml", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Format YAML as KYAML, the strict YAML dialect of Kubernetes, and convert between
    KYAML, YAML and JSON."""


@cli.command("fmt", context_settings=_CONTEXT, short_help="Format YAML files as KYAML.")
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any file would change.")
@click.option("--diff", is_flag=True, help="Write nothing; print a diff; exit 1 on changes.")
@click.option("--stdin-filename", metavar="PATH", help="Name of stdin for messages and config.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Replace the default excludes.")
@click.option("--extend-exclude", multiple=True, metavar="GLOB", help="Add to the excludes.")
@click.option(
    "--force-exclude/--no-force-exclude",
    default=None,
    help="Apply excludes to paths named on the command line too (for editors, pre-commit).",
)
@click.option("--compact/--no-compact", default=None, help="One line per document.")
@click.option("--schema", type=click.Choice(SCHEMAS), help="How plain scalars are read.")
@click.option("--strict/--no-strict", default=None, help="Ambiguous scalars are errors.")
@click.option("--config", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Files in parallel [all cores].")
@click.option("-q", "--quiet", is_flag=True, help="Show errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Also show unchanged and skipped files.")
@click.option("--color/--no-color", default=None, help="Colour the output [when a terminal].")
def fmt(
    *,
    paths: tuple[str, ...],
    check: bool,
    diff: bool,
    stdin_filename: str | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    force_exclude: bool | None,
    compact: bool | None,
    schema: str | None,
    strict: bool | None,
    config: str | None,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    color: bool | None,
) -> int:
    """Format YAML files as KYAML, in place; `-` formats stdin to stdout.

    Folders are searched for *.yaml, *.yml, *.kyaml and *.kyml files, leaving out hidden
    folders, what .gitignore ignores and Helm chart templates. A file with a `# kyaml: off`
    line in its header is left alone.
    """
    return _commands.fmt(
        paths=paths,
        check=check,
        diff=diff,
        stdin_filename=stdin_filename,
        exclude=exclude,
        extend_exclude=extend_exclude,
        force_exclude=force_exclude,
        compact=compact,
        schema=schema,
        strict=strict,
        config=config,
        jobs=jobs,
        quiet=quiet,
        verbose=verbose,
        color=color,
    )


@cli.command(context_settings=_CONTEXT, short_help="Convert to KYAML, YAML or JSON.")
@click.argument("path", default="-", type=click.Path(allow_dash=True, dir_okay=False))
@click.option(
    "--to",
    "target",
    type=click.Choice(["kyaml", "yaml", "json"]),
    required=True,
    help="The output format.",
)
@click.option("--compact/--no-compact", default=None, help="KYAML on one line per document.")
@click.option("--schema", type=click.Choice(SCHEMAS), help="How plain scalars are read.")
@click.option("--strict/--no-strict", default=None, help="Ambiguous scalars are errors.")
@click.option("-q", "--quiet", is_flag=True, help="Show errors only.")
@click.option("--color/--no-color", default=None, help="Colour messages [when a terminal].")
def convert(
    *,
    path: str,
    target: Target,
    compact: bool | None,
    schema: str | None,
    strict: bool | None,
    quiet: bool,
    color: bool | None,
) -> int:
    """Convert PATH (or stdin) from YAML, KYAML or JSON to KYAML, YAML or JSON on stdout."""
    if compact and target != "kyaml":
        raise click.UsageError("--compact applies only to --to kyaml")
    return _commands.convert(
        path=path,
        target=target,
        compact=compact,
        schema=schema,
        strict=strict,
        quiet=quiet,
        color=color,
    )
