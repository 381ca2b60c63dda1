"""The installed ``kyaml fmt`` on folders: which files it finds, which it leaves out
(hidden folders, .gitignore, Helm templates, --exclude, --extend-exclude, --force-exclude), and
its configuration files (pyproject.toml, kyaml.toml, .kyaml.toml; flags win)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import MANIFEST, formatted, run, write

COMPACT = formatted(MANIFEST, compact=True)
REGULAR = formatted(MANIFEST)


def _project(root: Path) -> dict[str, Path]:
    """A repository with files that a walk must and must not format."""
    (root / ".git").mkdir()
    names = [
        "k8s/app.yaml", "k8s/svc.yml", "k8s/x.kyaml", "k8s/y.kyml", "k8s/readme.txt",
        "k8s/data.json", ".github/workflows/ci.yaml", "k8s/.secret/s.yaml", "gen/out.yaml",
        "k8s/tmp.yaml", "chart/Chart.yaml", "chart/values.yaml", "node_modules/pkg/a.yaml",
    ]  # fmt: skip
    files = {name: write(root / name, MANIFEST) for name in names}
    write(root / ".gitignore", "gen/\n")
    write(root / "k8s/.gitignore", "tmp.yaml\n")
    write(root / "chart/templates/deploy.yaml", "a: {{ .Values.a }}\n")
    return files


def _changed(files: dict[str, Path]) -> set[str]:
    return {name for name, path in files.items() if path.read_text() != MANIFEST}


FOUND_BY_DEFAULT = {
    "k8s/app.yaml", "k8s/svc.yml", "k8s/x.kyaml", "k8s/y.kyml", "chart/Chart.yaml",
    "chart/values.yaml",
}  # fmt: skip


def test_directory_walk_rules(tmp_path: Path) -> None:
    files = _project(tmp_path)
    result = run("fmt", ".", cwd=tmp_path)
    assert result.code == 0, result.err
    assert _changed(files) == FOUND_BY_DEFAULT
    assert "reformatted k8s/app.yaml" in result.err  # paths as the user named them
    assert result.err.splitlines()[-1] == "6 files reformatted"
    assert (tmp_path / "chart/templates/deploy.yaml").read_text() == "a: {{ .Values.a }}\n"


def test_check_on_a_folder(tmp_path: Path) -> None:
    files = _project(tmp_path)
    result = run("fmt", "--check", ".", cwd=tmp_path)
    assert result.code == 1
    assert _changed(files) == set()
    assert result.err.splitlines()[-1] == "6 files would be reformatted"


def test_empty_folder_is_nothing_to_do(tmp_path: Path) -> None:
    result = run("fmt", str(tmp_path))
    assert result.code == 0
    assert "nothing to do" in result.err


def test_exclude_replaces_the_defaults(tmp_path: Path) -> None:
    files = _project(tmp_path)
    result = run("fmt", "--exclude", "chart/", ".", cwd=tmp_path)
    assert result.code == 0, result.err
    # node_modules is walked now; hidden folders stay out; .gitignore still applies.
    assert _changed(files) == {
        "k8s/app.yaml", "k8s/svc.yml", "k8s/x.kyaml", "k8s/y.kyml", "node_modules/pkg/a.yaml",
    }  # fmt: skip


def test_include_hidden_walks_hidden_folders(tmp_path: Path) -> None:
    files = _project(tmp_path)
    result = run("fmt", "--exclude", "chart/", "--include-hidden", ".", cwd=tmp_path)
    assert result.code == 0, result.err
    # .gitignore still applies; .git never is walked.
    assert _changed(files) == {
        "k8s/app.yaml", "k8s/svc.yml", "k8s/x.kyaml", "k8s/y.kyml", ".github/workflows/ci.yaml",
        "k8s/.secret/s.yaml", "node_modules/pkg/a.yaml",
    }  # fmt: skip


def test_extend_exclude_adds_to_the_defaults(tmp_path: Path) -> None:
    files = _project(tmp_path)
    result = run("fmt", "--extend-exclude", "*.kyaml", "--extend-exclude", "/chart", ".",
                 cwd=tmp_path)  # fmt: skip
    assert result.code == 0, result.err
    assert _changed(files) == {"k8s/app.yaml", "k8s/svc.yml", "k8s/y.kyml"}


def test_named_files_are_formatted_unless_force_exclude(tmp_path: Path) -> None:
    files = _project(tmp_path)
    named = [".github/workflows/ci.yaml", "gen/out.yaml", "k8s/app.yaml", "k8s/y.kyml"]
    forced = run("fmt", "-v", "--force-exclude", "--extend-exclude", "*.kyml", *named,
                 cwd=tmp_path)  # fmt: skip
    assert forced.code == 0, forced.err
    assert _changed(files) == {"k8s/app.yaml"}
    assert "skipped .github/workflows/ci.yaml (hidden)" in forced.err
    assert "skipped gen/out.yaml (ignored by .gitignore)" in forced.err
    assert "skipped k8s/y.kyml (excluded)" in forced.err
    plain = run("fmt", *named, cwd=tmp_path)
    assert plain.code == 0, plain.err
    assert _changed(files) == set(named)


def test_force_exclude_skips_helm_templates(tmp_path: Path) -> None:
    _project(tmp_path)
    template = "chart/templates/deploy.yaml"
    assert run("fmt", "--force-exclude", template, cwd=tmp_path).code == 0
    assert run("fmt", template, cwd=tmp_path).code == 2  # named without it: tried, and refused


def test_force_exclude_on_stdin_echoes_the_input(tmp_path: Path) -> None:
    _project(tmp_path)
    result = run("fmt", "--force-exclude", "--stdin-filename", ".github/workflows/ci.yaml", "-",
                 stdin=MANIFEST, cwd=tmp_path)  # fmt: skip
    assert (result.code, result.stdout) == (0, MANIFEST)
    kept = run("fmt", "--force-exclude", "--stdin-filename", "k8s/app.yaml", "-", stdin=MANIFEST,
               cwd=tmp_path)  # fmt: skip
    assert (kept.code, kept.stdout) == (0, REGULAR)


# --- configuration ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("pyproject.toml", "[project]\nname = 'x'\n\n[tool.kyaml]\ncompact = true\n"),
        ("kyaml.toml", "compact = true\n"),
        (".kyaml.toml", "compact = true\n"),
    ],
)
def test_config_files(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / name, text)
    path = write(tmp_path / "k8s/app.yaml", MANIFEST)
    assert run("fmt", "k8s/app.yaml", cwd=tmp_path).code == 0
    assert path.read_text() == COMPACT
    # The command line wins over the file.
    path.write_text(MANIFEST)
    assert run("fmt", "--no-compact", "k8s/app.yaml", cwd=tmp_path).code == 0
    assert path.read_text() == REGULAR
    # stdin finds the configuration from --stdin-filename, else from the working directory.
    assert run("fmt", "-", stdin=MANIFEST, cwd=tmp_path).stdout == COMPACT
    elsewhere = tmp_path.parent
    named = run("fmt", "--stdin-filename", str(path), "-", stdin=MANIFEST, cwd=elsewhere)
    assert named.stdout == COMPACT


def test_config_excludes_are_relative_to_the_config_file(tmp_path: Path) -> None:
    files = _project(tmp_path)
    write(tmp_path / "kyaml.toml", 'extend-exclude = ["/k8s/svc.yml", "*.kyaml"]\n')
    result = run("fmt", "k8s", cwd=tmp_path)
    assert result.code == 0, result.err
    assert _changed(files) == {"k8s/app.yaml", "k8s/y.kyml"}


def test_bad_config_is_a_clean_error(tmp_path: Path) -> None:
    write(tmp_path / "kyaml.toml", "compakt = true\n")
    path = write(tmp_path / "app.yaml", MANIFEST)
    result = run("fmt", str(path))
    assert result.code == 2
    assert f"{tmp_path / 'kyaml.toml'}: error: unknown setting 'compakt'" in result.err
    assert path.read_text() == MANIFEST


def test_explicit_config_option(tmp_path: Path) -> None:
    config = write(tmp_path / "settings" / "custom.toml", "compact = true\n")
    path = write(tmp_path / "app.yaml", MANIFEST)
    result = run("fmt", "-v", "--config", str(config), str(path))
    assert result.code == 0
    assert f"using configuration {config}" in result.err
    assert path.read_text() == COMPACT


# --- the built-in rules hold whatever `exclude` says (issue 15, item 3) -----------------------


def test_configured_exclude_keeps_hidden_folders_out(tmp_path: Path) -> None:
    files = _project(tmp_path)
    write(tmp_path / ".kyaml.toml", 'exclude = ["chart/"]\n')
    result = run("fmt", ".", cwd=tmp_path)
    assert result.code == 0, result.err
    assert ".github/workflows/ci.yaml" not in _changed(files)
    assert "k8s/.secret/s.yaml" not in _changed(files)
    forced = run("fmt", "--force-exclude", ".github/workflows/ci.yaml", cwd=tmp_path)
    assert forced.code == 0, forced.err
    assert ".github/workflows/ci.yaml" not in _changed(files)


def test_include_hidden_from_the_configuration(tmp_path: Path) -> None:
    files = _project(tmp_path)
    write(tmp_path / ".kyaml.toml", "include-hidden = true\n")
    result = run("fmt", ".", cwd=tmp_path)
    assert result.code == 0, result.err
    assert {".github/workflows/ci.yaml", "k8s/.secret/s.yaml"} <= _changed(files)


def _outside_git(root: Path) -> dict[str, Path]:
    """Files under a hidden folder and a Helm chart, with no repository above them."""
    names = [".github/workflows/ci.yaml", "chart/templates/t.yaml", "k8s/app.yaml"]
    files = {name: write(root / name, MANIFEST) for name in names}
    write(root / "chart/Chart.yaml", "name: c\n")
    return files


@pytest.mark.parametrize("name", [".github/workflows/ci.yaml", "chart/templates/t.yaml"])
def test_force_exclude_named_file_outside_git(tmp_path: Path, name: str) -> None:
    files = _outside_git(tmp_path)
    result = run("fmt", "--force-exclude", name, "k8s/app.yaml", cwd=tmp_path)
    assert result.code == 0, result.err
    assert _changed(files) == {"k8s/app.yaml"}
    alone = run("fmt", "--force-exclude", name, cwd=tmp_path)
    assert alone.code == 0, alone.err
    assert _changed(files) == {"k8s/app.yaml"}


@pytest.mark.parametrize("name", [".github/workflows/ci.yaml", "chart/templates/t.yaml"])
def test_force_exclude_stdin_filename_outside_git(tmp_path: Path, name: str) -> None:
    _outside_git(tmp_path)
    result = run(
        "fmt", "--force-exclude", "--stdin-filename", name, "-", stdin=MANIFEST, cwd=tmp_path
    )
    assert result.code == 0, result.err
    assert result.stdout == MANIFEST  # left out: the buffer comes back as it was
