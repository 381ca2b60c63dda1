"""``kyaml convert --out-dir OUT SRC...``: a converted copy of each file in a mirrored tree, and
``--check`` naming what is missing, stale or without a source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kyaml
from tests.test_cli import run, write

SOURCES = {
    "apps/web/deploy.yaml": "# the web tier\napiVersion: apps/v1\nkind: Deployment\n"
    "metadata:\n  name: web  # its name\n",
    "apps/web/config.yml": "a: 1\n---\nscript: |\n  echo hi\n  exit 0\n---\nc: NO\n",
    "top.yaml": "x: [1, 2]   # a list\n",
}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    for name, text in SOURCES.items():
        write(tmp_path / "src" / name, text)
    return tmp_path


def copies(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("target", "suffix"), [("kyaml", ".kyaml"), ("yaml", ".yaml")])
def test_copies_mirror_the_tree(tree: Path, target: str, suffix: str) -> None:
    result = run("convert", "--to", target, "--out-dir", "out", "src", cwd=tree)
    assert result.code == 0, result.err
    convert = kyaml.format_str if target == "kyaml" else kyaml.to_yaml
    expected = {
        str(Path(name).with_suffix(suffix)): convert(text) for name, text in SOURCES.items()
    }
    assert copies(tree / "out") == expected
    assert "# its name" in expected["apps/web/deploy" + suffix]  # comments kept
    again = run("convert", "--to", target, "--out-dir", "out", "--check", "src", cwd=tree)
    assert again.code == 0, again.err


def test_json_copies(tree: Path) -> None:
    assert run("convert", "--to", "json", "--out-dir", "out", "src", cwd=tree).code == 0
    data = json.loads((tree / "out" / "top.json").read_text())
    assert data == {"x": [1, 2]}


def test_check_names_missing_stale_and_orphaned_copies(tree: Path) -> None:
    assert run("convert", "--to", "kyaml", "--out-dir", "out", "src", cwd=tree).code == 0
    write(tree / "src" / "apps" / "web" / "deploy.yaml", "kind: Service\n")  # stale
    (tree / "src" / "top.yaml").unlink()  # its copy has no source now
    write(tree / "src" / "new" / "svc.yaml", "a: 1\n")  # not copied yet
    before = copies(tree / "out")
    result = run("convert", "--to", "kyaml", "--out-dir", "out", "--check", "src", cwd=tree)
    assert result.code == 1
    assert "stale: out/apps/web/deploy.kyaml (from src/apps/web/deploy.yaml)" in result.err
    assert "no source: out/top.kyaml" in result.err
    assert "missing: out/new/svc.kyaml (from src/new/svc.yaml)" in result.err
    assert copies(tree / "out") == before  # --check writes nothing
    fixed = run("convert", "--to", "kyaml", "--out-dir", "out", "src", cwd=tree)
    assert fixed.code == 0
    assert "2 written, 1 up to date, 1 removed" in fixed.err
    assert set(copies(tree / "out")) == {
        "apps/web/deploy.kyaml",
        "apps/web/config.kyaml",
        "new/svc.kyaml",
    }
    assert run("convert", "--to", "kyaml", "--out-dir", "out", "--check", "src", cwd=tree).code == 0


def test_a_file_that_cannot_be_converted(tree: Path) -> None:
    write(tree / "src" / "bad.yaml", "a: 1\na: 2\n")
    result = run("convert", "--to", "kyaml", "--out-dir", "out", "src", cwd=tree)
    assert result.code == 2
    assert "src/bad.yaml:2:1: error: duplicate key" in result.err
    assert (tree / "out" / "top.kyaml").is_file()  # the others are converted
    assert not (tree / "out" / "bad.kyaml").exists()


def test_usage(tree: Path) -> None:
    assert run("convert", "--to", "kyaml", "src", cwd=tree).code == 2  # a folder needs --out-dir
    assert run("convert", "--to", "kyaml", "--check", "src/top.yaml", cwd=tree).code == 2
    assert run("convert", "--to", "kyaml", "src/top.yaml", "src/top.yaml", cwd=tree).code == 2
    one = run("convert", "--to", "kyaml", "src/top.yaml", cwd=tree)
    assert (one.code, one.stdout) == (0, kyaml.format_str(SOURCES["top.yaml"]))


@pytest.mark.parametrize(
    ("out", "sources"),
    [(".", ["src/top.yaml"]), ("src", ["src"]), ("src/copies", ["src"]), ("out", ["out/x.yaml"])],
)
def test_out_and_sources_must_not_overlap(tree: Path, out: str, sources: list[str]) -> None:
    write(tree / "out" / "x.yaml", "a: 1\n")
    before = sorted(p for p in tree.rglob("*") if p.is_file())
    result = run("convert", "--to", "kyaml", "--out-dir", out, *sources, cwd=tree)
    assert result.code == 2
    assert "error:" in result.err
    assert sorted(p for p in tree.rglob("*") if p.is_file()) == before  # nothing touched


def test_markdown_setting_is_fmts_alone(tree: Path) -> None:
    write(tree / "kyaml.toml", "markdown = true\n")
    write(tree / "src" / "README.md", "# Title\n\n```kyaml\na: 1\n```\n")
    assert run("convert", "--to", "kyaml", "--out-dir", "out", "src", cwd=tree).code == 0
    assert not (tree / "out" / "README.kyaml").exists()
    checked = run("check", "src", cwd=tree)
    assert "README.md" not in checked.stdout
    assert "3 files checked" in checked.err
