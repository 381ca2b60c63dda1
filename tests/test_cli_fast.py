"""``kyaml fmt`` parses its plain command lines without click, into exactly what click reads.

:func:`kyaml.cli.fmt_options` reads the invocations editors and hooks make; anything else goes
to click. Here every accepted command line is also parsed by click's own ``fmt`` command, and
the two must agree; command lines click would refuse or explain must go to click.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kyaml.cli import fmt_options
from kyaml.cli.app import cli

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
