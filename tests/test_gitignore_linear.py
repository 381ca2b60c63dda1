"""Crafted ``.gitignore`` patterns cannot stall a walk: matching never backtracks (issue 15,
item 7). Each walk runs in a process with a time limit, since a backtracking matcher would
take minutes (the test then fails instead of hanging the suite)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kyaml.cli.gitignore import Rules
from tests.test_cli import kyaml_command

_LIMIT = 20


def _walk_in_time(root: Path) -> str:
    proc = subprocess.run(
        [*kyaml_command(), "fmt", "--check", "."],
        cwd=root,
        capture_output=True,
        timeout=_LIMIT,
        check=False,
    )
    return proc.stderr.decode("utf-8", "replace")


def test_many_stars_in_one_name(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("a*a*a*a*a*a*a*a*a*a*a*a*b\n" * 3)
    (tmp_path / ("a" * 120 + ".yaml")).write_text("a: 1\n")
    err = _walk_in_time(tmp_path)
    assert "would reformat" in err


def test_many_double_star_folders(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("**/" * 30 + "b\n" + "**/a" * 12 + "/**/c\n")
    deep = tmp_path.joinpath(*["a"] * 40)
    deep.mkdir(parents=True)
    (deep / "x.yaml").write_text("a: 1\n")
    err = _walk_in_time(tmp_path)
    assert "would reformat" in err


@pytest.mark.parametrize(
    ("pattern", "path", "ignored"),
    [
        ("a*a*a*b", "aaaab", True),
        ("a*a*a*b", "aaaa", None),
        ("**/x/**/y*z", "p/x/q/r/yaz", True),
        ("**/x/**/y*z", "p/x/q/r/ya", None),
        ("*.yaml*", "d/e.yaml~", True),
        ("/a/**/b*c", "a/b1c", True),
        ("/a/**/b*c", "z/a/b1c", None),
    ],
)
def test_many_wildcards_still_match_as_git_does(
    pattern: str, path: str, ignored: bool | None
) -> None:
    rules = Rules.parse("/r", [pattern])
    assert rules.match(f"/r/{path}", False) is ignored
