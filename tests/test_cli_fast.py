"""``kyaml fmt`` parses its plain command lines without click, into exactly what click reads.

:func:`kyaml.cli.options.fmt_options` reads the invocations editors and hooks make; anything else
goes to click. Here every accepted command line is also parsed by click's own ``fmt`` command,
and the two must agree; command lines click would refuse or explain must go to click, and a
plain one must not import click at all.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from kyaml.cli import commands, copies
from kyaml.cli.app import cli
from kyaml.cli.options import CONVERT, FMT, fmt_options

ACCEPTED = [
    [],
    ["-"],
    ["a.yaml", "b/", "c.yml"],
    ["--check", "."],
    ["--diff", "--check", "x.yaml"],
    ["--stdin-filename", "deploy/app.yaml", "-"],
    ["--stdin-filename=deploy/app.yaml", "--force-exclude", "-"],
    ["--no-force-exclude", "--force-exclude", "-"],
    ["--compact", "--no-compact", "a.yaml"],
    ["--schema", "1.1", "--schema=1.2", "a.yaml"],
    ["--strict", "--no-strict", "--strict", "a.yaml"],
    ["--exclude", "a/*", "--exclude=b/*", "--extend-exclude", "c", "."],
    ["-j", "1", "a.yaml"],
    ["--jobs", "04", "--jobs=2", "a.yaml"],
    ["-q", "--quiet", "-v", "--verbose", "a.yaml"],
    ["--color", "--no-color", "a.yaml"],
    ["a.yaml", "--check", "b.yaml", "-q"],
    ["--config", "kyaml.toml", "-"],
]

REFUSED = [
    ["--help"],
    ["-h"],
    ["-qv", "a.yaml"],
    ["-j2", "a.yaml"],
    ["-j", "0", "a.yaml"],
    ["--jobs=x", "a.yaml"],
    ["--jobs", "\u00b2", "a.yaml"],  # a digit int() does not read
    ["--schema", "1.3", "a.yaml"],
    ["--chec", "a.yaml"],
    ["--check=yes", "a.yaml"],
    ["--stdin-filename"],
    ["--stdin-filename", "--check", "-"],
    ["--", "-weird.yaml"],
    ["-x"],
]


@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_plain_command_lines_read_as_click_reads_them(args: list[str]) -> None:
    ours = fmt_options(args)
    assert ours is not None
    context = cli.commands["fmt"].make_context("fmt", list(args))
    assert ours == context.params


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_other_command_lines_go_to_click(args: list[str]) -> None:
    assert fmt_options(args) is None


def test_a_folder_given_as_config_goes_to_click(tmp_path: Path) -> None:
    assert fmt_options(["--config", str(tmp_path), "-"]) is None
    assert fmt_options(["--config", str(tmp_path / "kyaml.toml"), "-"]) is not None


def test_a_plain_command_line_does_not_import_click() -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kyaml", "fmt", "--check", "-"],
        input=b"a: 1\n",
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines()}
    assert "kyaml.cli.commands" in imported
    assert not {name for name in imported if name.split(".")[0] == "click"}


def test_the_table_names_every_parameter_of_the_commands() -> None:
    """Click and the fast path pass the table's options by name: each command takes exactly
    them, besides its path arguments."""
    tree_only = {"out_dir", "check"}  # convert's options for copies of a tree
    for command, table, arguments in (
        (commands.fmt, FMT, {"paths"}),
        (commands.convert, [o for o in CONVERT if o.dest not in tree_only], {"path"}),
        (copies.command, CONVERT, {"paths"}),
    ):
        parameters = set(inspect.signature(command).parameters)
        assert parameters == arguments | {option.dest for option in table}
