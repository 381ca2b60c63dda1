"""The pre-commit hooks (.pre-commit-hooks.yaml) and the examples in docs/pre-commit.md, run the
way pre-commit runs them: the entry, then the staged file names that match ``files``."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.test_cli import MANIFEST, formatted, run, write

ROOT = Path(__file__).resolve().parents[1]
STAGED = [
    "app.kyaml", "k8s/app.yaml", "k8s/svc.kyml", "deploy/charts/c/values.yaml",
    "chart/templates/deploy.yaml", ".github/workflows/ci.yaml", "README.md",
]  # fmt: skip


def _hooks() -> dict[str, dict[str, Any]]:
    with (ROOT / ".pre-commit-hooks.yaml").open(encoding="utf-8") as f:
        return {hook["id"]: hook for hook in yaml.safe_load(f)}


def _doc_configs() -> dict[str, dict[str, Any]]:
    text = (ROOT / "docs" / "pre-commit.md").read_text(encoding="utf-8")
    blocks = re.finditer(r"<!-- pre-commit: (\w+) -->\s*```yaml\n(.*?)```", text, re.S)
    return {m[1]: yaml.safe_load(m[2]) for m in blocks}


def _selected(files: str, exclude: str = "^$") -> list[str]:
    """What pre-commit passes: staged names matching ``files`` and not ``exclude``."""
    return [n for n in STAGED if re.search(files, n) and not re.search(exclude, n)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    for name in STAGED:
        write(tmp_path / name, MANIFEST)
    write(tmp_path / "chart/Chart.yaml", "name: c\n")
    write(tmp_path / "chart/templates/deploy.yaml", "a: {{ .Values.a }}\n")
    return tmp_path


def test_hooks_are_opt_in() -> None:
    hooks = _hooks()
    assert set(hooks) == {"kyaml-fmt", "kyaml-check"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert _selected(hook["files"]) == ["app.kyaml", "k8s/svc.kyml"]
    assert hooks["kyaml-fmt"]["entry"] == "kyaml fmt --force-exclude"
    assert hooks["kyaml-check"]["entry"] == "kyaml fmt --check --force-exclude"


def test_fmt_and_check_hooks(repo: Path) -> None:
    hooks = _hooks()
    files = _selected(hooks["kyaml-fmt"]["files"])
    check = run(*shlex.split(hooks["kyaml-check"]["entry"])[1:], *files, cwd=repo)
    assert check.code == 1
    assert all(f"would reformat {name}" in check.err for name in files)
    assert (repo / "app.kyaml").read_text() == MANIFEST
    fmt = run(*shlex.split(hooks["kyaml-fmt"]["entry"])[1:], *files, cwd=repo)
    assert fmt.code == 0
    assert all((repo / name).read_text() == formatted(MANIFEST) for name in files)
    assert (repo / "k8s/app.yaml").read_text() == MANIFEST
    again = run(*shlex.split(hooks["kyaml-check"]["entry"])[1:], *files, cwd=repo)
    assert again.code == 0


def test_widened_example_formats_manifests_and_skips_charts(repo: Path) -> None:
    configs = _doc_configs()
    assert set(configs) == {"basic", "manifests", "ci"}
    (hook,) = configs["manifests"]["repos"][0]["hooks"]
    assert hook["id"] in _hooks()
    files = _selected(hook["files"], hook["exclude"])
    assert files == ["k8s/app.yaml"]
    # pre-commit may also pass Helm templates and hidden files (a wider `files`): skipped.
    named = [*files, "chart/templates/deploy.yaml", ".github/workflows/ci.yaml"]
    result = run("fmt", "--force-exclude", *named, cwd=repo)
    assert result.code == 0, result.err
    assert (repo / "k8s/app.yaml").read_text() == formatted(MANIFEST)
    assert (repo / ".github/workflows/ci.yaml").read_text() == MANIFEST
    assert (repo / "chart/templates/deploy.yaml").read_text() == "a: {{ .Values.a }}\n"
