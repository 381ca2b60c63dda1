"""The command's file handling, in process: discovery, ignore rules, configuration, byte-faithful
reading and atomic writing, the report. None of this needs the formatter itself."""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from kyaml import KyamlError
from kyaml.cli.config import ConfigError, find_config, load_config
from kyaml.cli.discovery import Finder, common_parent, find_repo_root
from kyaml.cli.gitignore import Rules
from kyaml.cli.options import DEFAULT_EXCLUDE
from kyaml.cli.report import Report, Result
from kyaml.cli.run import opted_out, unified_diff
from kyaml.cli.source import decode
from kyaml.cli.write import write_atomic

# --- gitignore-style patterns ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "expected"),
    [
        ("*.yaml", "a.yaml", False, True),
        ("*.yaml", "deep/er/a.yaml", False, True),
        ("*.yaml", "a.yml", False, None),
        ("build/", "build", True, True),
        ("build/", "build", False, None),  # dir/ matches folders only
        ("build/", "src/build", True, True),
        ("/build", "build", True, True),
        ("/build", "src/build", True, None),  # anchored
        ("docs/*.yaml", "docs/a.yaml", False, True),
        ("docs/*.yaml", "x/docs/a.yaml", False, None),  # a slash anchors
        ("docs/*.yaml", "docs/sub/a.yaml", False, None),  # * stops at /
        ("**/gen", "gen", True, True),
        ("**/gen", "a/b/gen", True, True),
        ("a/**/b.yaml", "a/b.yaml", False, True),
        ("a/**/b.yaml", "a/x/y/b.yaml", False, True),
        ("out/**", "out/a/b.yaml", False, True),
        ("out/**", "out", True, None),
        ("?.yaml", "a.yaml", False, True),
        ("?.yaml", "ab.yaml", False, None),
        ("[ab].yaml", "b.yaml", False, True),
        ("[!ab].yaml", "c.yaml", False, True),
        ("[!ab].yaml", "a.yaml", False, None),
        ("\\#x.yaml", "#x.yaml", False, True),
        ("# comment", "# comment", False, None),
        ("", "a", False, None),
        (".*", ".github", True, True),
        (".*", "k8s/.hidden", True, True),
        (".*", "k8s", True, None),
        ("trailing   ", "trailing", False, True),
    ],
)
def test_pattern(pattern: str, path: str, is_dir: bool, expected: bool | None) -> None:
    rules = Rules.parse("/r", [pattern])
    assert rules.match("/r/" + path, is_dir) is expected


def test_negation_last_match_wins() -> None:
    rules = Rules.parse("/r", ["*.yaml", "!keep.yaml"])
    assert rules.match("/r/a.yaml", False) is True
    assert rules.match("/r/keep.yaml", False) is False
    assert Rules.parse("/r", ["!keep.yaml", "*.yaml"]).match("/r/keep.yaml", False) is True


def test_paths_outside_the_base_never_match() -> None:
    assert Rules.parse("/r/sub", ["*"]).match("/r/a.yaml", False) is None


# --- discovery ----------------------------------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _walk(root: Path, excludes: tuple[str, ...] = DEFAULT_EXCLUDE, top: str = ".") -> list[str]:
    finder = Finder(str(root), excludes, find_repo_root(str(root)))
    old = os.getcwd()
    os.chdir(root)
    try:
        return list(finder.walk(top))
    finally:
        os.chdir(old)


def test_walk_picks_yaml_extensions_only(tmp_path: Path) -> None:
    _tree(tmp_path, dict.fromkeys(["a.yaml", "b.yml", "c.kyaml", "d.kyml", "E.YAML", "f.json",
                                   "g.txt", "h.yaml.bak", "sub/i.yaml"], "a: 1\n"))  # fmt: skip
    assert _walk(tmp_path) == ["E.YAML", "a.yaml", "b.yml", "c.kyaml", "d.kyml", "sub/i.yaml"]


def test_walk_skips_hidden_default_excludes_and_helm_templates(tmp_path: Path) -> None:
    _tree(tmp_path, {
        ".github/workflows/ci.yaml": "", ".hidden.yaml": "", "node_modules/x/a.yaml": "",
        "chart/Chart.yaml": "", "chart/values.yaml": "", "chart/templates/deploy.yaml": "",
        "chart/charts/sub/Chart.yaml": "", "chart/charts/sub/templates/x.yaml": "",
        "templates/not-helm.yaml": "", "ok.yaml": "",
    })  # fmt: skip
    assert _walk(tmp_path) == [
        "ok.yaml",
        "chart/Chart.yaml",
        "chart/values.yaml",
        "chart/charts/sub/Chart.yaml",
        "templates/not-helm.yaml",
    ]


def test_walk_honours_nested_gitignores(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _tree(tmp_path, {
        ".gitignore": "gen/\n*.tmp.yaml\n/rootonly.yaml\n",
        "a/.gitignore": "!keep.tmp.yaml\nlocal.yaml\n",
        "gen/x.yaml": "", "x.tmp.yaml": "", "rootonly.yaml": "", "a/rootonly.yaml": "",
        "a/keep.tmp.yaml": "", "a/drop.tmp.yaml": "", "a/local.yaml": "", "local.yaml": "",
    })  # fmt: skip
    assert _walk(tmp_path) == ["local.yaml", "a/keep.tmp.yaml", "a/rootonly.yaml"]
    # Walking a sub-folder still applies the .gitignore files above it.
    assert _walk(tmp_path, top="a") == ["a/keep.tmp.yaml", "a/rootonly.yaml"]


def test_walk_does_not_follow_symlinks(tmp_path: Path) -> None:
    _tree(tmp_path, {"real/a.yaml": ""})
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "real" / "a.yaml")
    assert _walk(tmp_path) == ["real/a.yaml"]


def test_left_out_checks_every_folder_above_a_named_path(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    _tree(tmp_path, {
        ".gitignore": "gen/\n", "gen/a.yaml": "", ".github/w.yaml": "", "k8s/a.yaml": "",
        "chart/Chart.yaml": "", "chart/templates/sub/t.yaml": "", "k8s/skip-me.yaml": "",
    })  # fmt: skip
    finder = Finder(str(tmp_path), [*DEFAULT_EXCLUDE, "skip-*.yaml"], str(tmp_path))
    assert finder.left_out(str(tmp_path / "gen/a.yaml")) == "ignored by .gitignore"
    assert finder.left_out(str(tmp_path / ".github/w.yaml")) == "hidden"
    assert finder.left_out(str(tmp_path / "chart/templates/sub/t.yaml")) == "Helm chart templates"
    assert finder.left_out(str(tmp_path / "k8s/skip-me.yaml")) == "excluded"
    assert finder.left_out(str(tmp_path / "k8s/a.yaml")) is None
    assert finder.left_out(str(tmp_path / "chart/Chart.yaml")) is None


def test_common_parent(tmp_path: Path) -> None:
    _tree(tmp_path, {"a/b/x.yaml": "", "a/c/y.yaml": ""})
    assert common_parent([str(tmp_path / "a/b/x.yaml"), str(tmp_path / "a/c")]) == str(
        tmp_path / "a"
    )
    assert common_parent([str(tmp_path / "a/b/x.yaml")]) == str(tmp_path / "a/b")


# --- configuration ------------------------------------------------------------------------------


def test_config_search_order_and_repo_boundary(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.kyaml]\ncompact = true\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub/deeper").mkdir(parents=True)
    assert find_config(str(repo / "sub/deeper")) is None  # never past the repository root
    (repo / "pyproject.toml").write_text("[tool.black]\nline-length = 1\n")
    assert find_config(str(repo / "sub")) is None  # a pyproject.toml without [tool.kyaml]
    (repo / "pyproject.toml").write_text("[tool.kyaml]\nschema = '1.2'\n")
    assert find_config(str(repo / "sub")) == str(repo / "pyproject.toml")
    (repo / "kyaml.toml").write_text("compact = true\n")
    assert find_config(str(repo / "sub")) == str(repo / "kyaml.toml")
    (repo / ".kyaml.toml").write_text("compact = true\n")
    assert find_config(str(repo / "sub")) == str(repo / ".kyaml.toml")
    (repo / "sub/kyaml.toml").write_text("compact = true\n")
    assert find_config(str(repo / "sub/deeper")) == str(repo / "sub/kyaml.toml")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("[tool.kyaml]\ncompact = true\n", True),
        ("[ tool . 'kyaml' ]\ncompact = true\n", True),
        ("tool.kyaml.compact = true\n", True),
        ("[tool]\nkyaml = { compact = true }\n", True),
        ("[tool.kyaml-other]\nx = 1\n", False),
        ("[project.scripts]\nkyaml = 'kyaml.cli:main'\n", False),
        ("[project]\ndependencies = ['pykyaml']\n", False),
    ],
)
def test_pyproject_needs_a_kyaml_table(tmp_path: Path, text: str, found: bool) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(text)
    assert (find_config(str(tmp_path)) is not None) is found


def test_load_config_values(tmp_path: Path) -> None:
    path = tmp_path / "kyaml.toml"
    path.write_text(
        'compact = true\nschema = 1.1\nstrict = false\nexclude = "gen/"\n'
        'extend_exclude = ["a", "b"]\nforce-exclude = true\njobs = 3\n'
    )
    assert load_config(str(path)) == {
        "compact": True,
        "schema": "1.1",
        "strict": False,
        "exclude": ["gen/"],
        "extend-exclude": ["a", "b"],
        "force-exclude": True,
        "jobs": 3,
    }
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.kyaml]\nstrict = true\n[tool.other]\nx = 1\n")
    assert load_config(str(pyproject)) == {"strict": True}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("compact = 1\n", "compact must be true or false"),
        ("schema = 'yaml'\n", "schema must be one of"),
        ("jobs = 0\n", "jobs must be a whole number"),
        ("jobs = true\n", "jobs must be a whole number"),
        ("exclude = [1]\n", "exclude must be a list"),
        ("colour = true\n", "unknown setting 'colour'"),
        ("compact = \n", "invalid TOML"),
    ],
)
def test_load_config_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "kyaml.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert message in info.value.message
    assert info.value.format().startswith(f"{path}: error: ")


# --- reading and writing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "bom", "newline"),
    [
        (b"a: 1\nb: 2\n", "utf-8", b"", "\n"),
        (b"a: 1\r\nb: 2\r\n", "utf-8", b"", "\r\n"),
        (b"\xef\xbb\xbfa: 1\r\n", "utf-8", b"\xef\xbb\xbf", "\r\n"),
        ("\ufeffa: é\n".encode("utf-16-le"), "utf-16-le", b"\xff\xfe", "\n"),
        ("\ufeffa: é\n".encode("utf-16-be"), "utf-16-be", b"\xfe\xff", "\n"),
        ("\ufeffa: é\n".encode("utf-32-le"), "utf-32-le", b"\xff\xfe\x00\x00", "\n"),
    ],
)
def test_decode_and_encode_round_trip(data: bytes, encoding: str, bom: bytes, newline: str) -> None:
    source = decode(data)
    assert (source.encoding, source.bom, source.newline) == (encoding, bom, newline)
    assert "\r" not in source.text
    assert source.encode(source.text) == data


def test_decode_error_names_the_position() -> None:
    with pytest.raises(KyamlError) as info:
        decode(b"a: 1\nb: caf\xe9\n")
    assert (info.value.line, info.value.column) == (2, 7)
    assert "not valid UTF-8" in info.value.message


def test_write_atomic_keeps_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    write_atomic(str(path), b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == ["a.yaml"]


def test_write_atomic_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    write_atomic(str(link), b"new\n")
    assert link.is_symlink()
    assert target.read_bytes() == b"new\n"


def test_write_atomic_cleans_up_after_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"old\n")

    def fail(src: str, dst: str, **dir_fds: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_atomic(str(path), b"new\n")
    assert path.read_bytes() == b"old\n"
    assert os.listdir(tmp_path) == ["a.yaml"]


# --- opt-out, diff, report ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# kyaml: off\na: 1\n", True),
        ("# Copyright\n#\n\n#kyaml:off\n---\na: 1\n", True),
        ("%YAML 1.2\n---\n# KYAML: OFF\na: 1\n", True),
        ("a: 1\n# kyaml: off\n", False),  # only in the header
        ("# kyaml: off please\na: 1\n", False),
        ("a: 1  # kyaml: off\n", False),
        ("", False),
    ],
)
def test_opt_out(text: str, expected: bool) -> None:
    assert opted_out(text) is expected


def test_unified_diff_marks_a_missing_final_newline() -> None:
    diff = unified_diff("a: 1", "---\n{\n  a: 1,\n}\n", "x.yaml")
    assert diff.startswith("--- x.yaml\t(original)\n+++ x.yaml\t(formatted)\n@@")
    assert "-a: 1\n\\ No newline at end of file\n" in diff
    assert unified_diff("same\n", "same\n", "x") == ""


def _report(**kwargs: bool) -> tuple[Report, io.StringIO]:
    err = io.StringIO()
    return Report(err=err, **kwargs), err


def test_report_summary_and_exit_codes() -> None:
    report, err = _report()
    for status in ("changed", "changed", "unchanged", "failed"):
        report.add(Result("f.yaml", status))
    assert report.summary() == (
        "2 files reformatted, 1 file left unchanged, 1 file failed to reformat"
    )
    assert report.exit_code == 2
    assert err.getvalue() == "reformatted f.yaml\nreformatted f.yaml\n"

    check, _ = _report(check=True)
    check.add(Result("f.yaml", "changed"))
    assert check.summary() == "1 file would be reformatted"
    assert check.exit_code == 1
    written, _ = _report()
    written.add(Result("f.yaml", "changed"))
    assert written.exit_code == 0


def test_report_quiet_and_verbose() -> None:
    result = Result(
        "f.yaml",
        "unchanged",
        [("warning", "f.yaml:1:1: warning: w"), ("info", "f.yaml:2:1: info: i")],
    )
    quiet, err = _report(quiet=True)
    quiet.add(result)
    quiet.add(Result("g.yaml", "failed", [("error", "g.yaml:1:1: error: e")]))
    assert err.getvalue() == "g.yaml:1:1: error: e\n"
    normal, err = _report()
    normal.add(result)
    assert err.getvalue() == "f.yaml:1:1: warning: w\n"
    verbose, err = _report(verbose=True)
    verbose.add(result)
    verbose.add(Result("h.yaml", "skipped", note="kyaml: off"))
    assert err.getvalue().splitlines() == [
        "f.yaml:1:1: warning: w",
        "f.yaml:2:1: info: i",
        "f.yaml already well formatted",
        "skipped h.yaml (kyaml: off)",
    ]
    assert verbose.summary() == "1 file left unchanged, 1 file skipped"


def test_report_colour() -> None:
    report, err = _report(color=True)
    report.message("error", "f.yaml:1:2: error: bad")
    assert err.getvalue() == "\x1b[1mf.yaml:1:2\x1b[0m: \x1b[1;31merror:\x1b[0m bad\n"
    assert report.colored_diff("+a\n-b\n c\n", True) == "\x1b[32m+a\x1b[0m\n\x1b[31m-b\x1b[0m\n c\n"
    assert report.colored_diff("+a\n", False) == "+a\n"
