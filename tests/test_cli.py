"""The installed ``kyaml`` command, run as a subprocess: exit codes, stdin/stdout, in-place
writes that keep permissions and line endings, clean errors, --check and --diff.

Discovery and configuration are in ``test_cli_discovery.py``, ``convert`` in
``test_cli_convert.py``; they share the helpers here.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from kyaml import __version__

MANIFEST = """\
# a config map
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo  # the name
  labels: {app: demo}
data:
  port: "8080"
  mode: fast
"""
DUPLICATE = "a: 1\nb: 2\na: 3\n"
SYNTAX_ERROR = "a: [1, 2\nb: 3\n"
ERROR_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): error: \S.*$", re.MULTILINE)


def kyaml_command() -> list[str]:
    """The installed ``kyaml`` script (beside this interpreter, else on PATH), else ``-m``."""
    here = Path(sys.executable).parent
    for name in ("kyaml", "kyaml.exe"):
        if (here / name).is_file():
            return [str(here / name)]
    found = shutil.which("kyaml")
    return [found] if found else [sys.executable, "-m", "kyaml"]


@dataclass
class Run:
    """A finished ``kyaml`` process."""

    code: int
    out: bytes
    err: str

    @property
    def stdout(self) -> str:
        return self.out.decode("utf-8")


def run(*args: str, stdin: bytes | str = b"", cwd: Path | None = None) -> Run:
    """Run ``kyaml ARGS`` and check that, whatever happened, no traceback was shown."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    proc = subprocess.run(
        [*kyaml_command(), *args],
        input=data,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return Run(proc.returncode, proc.stdout, err)


def formatted(text: str, *, compact: bool = False) -> str:
    """What the library makes of ``text``: the command must write exactly this."""
    from kyaml import format_str

    return format_str(text, compact=compact)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


# --- basics -------------------------------------------------------------------------------------


def test_version() -> None:
    """One line: the version, the build, the parser (the one the reader module reports)."""
    from kyaml._reader.parse import parser_name

    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.code == 0
        line = result.stdout.strip()
        assert re.fullmatch(
            rf"kyaml {re.escape(__version__)} \(compiled: (yes|no); parser: .+\)", line
        )
        assert line.endswith(f"; parser: {parser_name()})")
        assert re.search(r"parser: (libyaml \d+\.\d+\.\d+|ruamel\.yaml \S+)\)$", line)


def test_kubectl_plugin_name_is_installed() -> None:
    plugin = Path(kyaml_command()[0]).with_name("kubectl-kyaml")
    if not plugin.is_file():
        pytest.skip("kubectl-kyaml is not installed beside this interpreter")
    proc = subprocess.run([str(plugin), "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert "Usage: kubectl kyaml" in proc.stdout


def test_no_paths_is_an_error_with_a_hint() -> None:
    result = run("fmt")
    assert result.code == 2
    assert "no paths given" in result.err
    assert "kyaml fmt -" in result.err
    assert result.out == b""


def test_unknown_option_is_a_usage_error() -> None:
    result = run("fmt", "--no-such-option", "x.yaml")
    assert result.code == 2
    assert "No such option" in result.err


# --- stdin / stdout -----------------------------------------------------------------------------


def test_stdin_to_stdout() -> None:
    result = run("fmt", "-", stdin=MANIFEST)
    assert (result.code, result.err) == (0, "")
    assert result.stdout == formatted(MANIFEST)


def test_stdin_already_formatted_is_echoed() -> None:
    text = formatted(MANIFEST)
    result = run("fmt", "-", stdin=text)
    assert (result.code, result.stdout, result.err) == (0, text, "")


def test_stdin_keeps_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbf" + MANIFEST.replace("\n", "\r\n").encode()
    result = run("fmt", "-", stdin=data)
    assert result.code == 0
    assert result.out == b"\xef\xbb\xbf" + formatted(MANIFEST).replace("\n", "\r\n").encode()


@pytest.mark.parametrize("text", [DUPLICATE, SYNTAX_ERROR])
def test_stdin_error_writes_nothing_to_stdout(text: str) -> None:
    result = run("fmt", "--stdin-filename", "k8s/app.yaml", "-", stdin=text)
    assert result.code == 2
    assert result.out == b""
    match = ERROR_LINE.search(result.err)
    assert match, result.err
    assert match["path"] == "k8s/app.yaml"


def test_stdin_undecodable_bytes_are_a_clean_error() -> None:
    result = run("fmt", "-", stdin=b"a: caf\xe9\n")
    assert result.code == 2
    assert result.out == b""
    assert result.err.startswith("-:1:7: error: not valid UTF-8")


def test_stdin_check() -> None:
    changed = run("fmt", "--check", "-", stdin=MANIFEST)
    assert (changed.code, changed.out) == (1, b"")
    assert "would reformat -" in changed.err
    clean = run("fmt", "--check", "-", stdin=formatted(MANIFEST))
    assert (clean.code, clean.out, clean.err) == (0, b"", "")


def test_stdin_json_name_is_refused() -> None:
    result = run("fmt", "--stdin-filename", "data.json", "-", stdin="{}")
    assert result.code == 2
    assert "use `kyaml convert" in result.err


def test_stdin_cannot_mix_with_paths(tmp_path: Path) -> None:
    result = run("fmt", "-", str(write(tmp_path / "a.yaml", "a: 1\n")))
    assert result.code == 2
    assert "cannot be combined" in result.err


# --- in place -----------------------------------------------------------------------------------


def test_in_place_keeps_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = write(tmp_path / "app.yaml", MANIFEST)
    path.chmod(0o640)
    result = run("fmt", str(path))
    assert result.code == 0
    assert path.read_text() == formatted(MANIFEST)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert f"reformatted {path}" in result.err
    assert result.err.rstrip().endswith("1 file reformatted")
    assert os.listdir(tmp_path) == ["app.yaml"]


def test_in_place_keeps_crlf_and_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "app.yaml", b"\xef\xbb\xbf" + MANIFEST.replace("\n", "\r\n").encode())
    assert run("fmt", str(path)).code == 0
    expected = formatted(MANIFEST).replace("\n", "\r\n").encode()
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected


def test_unchanged_file_is_not_rewritten(tmp_path: Path) -> None:
    path = write(tmp_path / "app.yaml", formatted(MANIFEST))
    before = path.stat()
    result = run("fmt", "-v", str(path))
    assert result.code == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "1 file left unchanged" in result.err


@pytest.mark.parametrize(("text", "line"), [(DUPLICATE, 3), (SYNTAX_ERROR, None)])
def test_invalid_file_is_left_untouched(tmp_path: Path, text: str, line: int | None) -> None:
    path = write(tmp_path / "bad.yaml", text)
    result = run("fmt", str(path))
    assert result.code == 2
    assert path.read_text() == text
    match = ERROR_LINE.search(result.err)
    assert match, result.err
    assert match["path"] == str(path)
    if line is not None:
        assert int(match["line"]) == line
    assert "1 file failed to reformat" in result.err
    assert os.listdir(tmp_path) == ["bad.yaml"]


def test_several_files_one_bad(tmp_path: Path) -> None:
    good = [write(tmp_path / f"ok{i}.yaml", MANIFEST) for i in range(3)]
    bad = write(tmp_path / "bad.yaml", DUPLICATE)
    done = write(tmp_path / "done.yaml", formatted(MANIFEST))
    for jobs in ("1", "2"):
        for path in good:
            path.write_text(MANIFEST)
        result = run("fmt", "-j", jobs, *map(str, [*good, bad, done]))
        assert result.code == 2
        assert all(path.read_text() == formatted(MANIFEST) for path in good)
        assert bad.read_text() == DUPLICATE
        assert result.err.splitlines()[-1] == (
            "3 files reformatted, 1 file left unchanged, 1 file failed to reformat"
        )
        assert sorted(os.listdir(tmp_path)) == ["bad.yaml", "done.yaml", "ok0.yaml", "ok1.yaml",
                                                "ok2.yaml"]  # fmt: skip


def test_large_inputs_run_in_a_process_pool(tmp_path: Path) -> None:
    """Enough input to start worker processes (see kyaml.cli.run.POOL_FROM_BYTES): same results."""
    from kyaml.cli.run import POOL_FROM_BYTES

    big = "---\n".join([MANIFEST] * (POOL_FROM_BYTES // len(MANIFEST) // 2))
    names = ["a.yaml", "b.yaml", "c.yaml", "bad.yaml"]
    outputs = {}
    for jobs in ("1", "2"):
        for name in names:
            write(tmp_path / name, big if name != "bad.yaml" else big + DUPLICATE)
        result = run("fmt", "-j", jobs, *names, cwd=tmp_path)
        assert result.code == 2
        outputs[jobs] = (result.err, [(tmp_path / n).read_text() for n in names])
    assert outputs["1"] == outputs["2"]
    assert outputs["2"][1][0] == formatted(big)
    assert outputs["2"][1][3] == big + DUPLICATE
    assert sorted(os.listdir(tmp_path)) == sorted(names)


def test_missing_path_is_reported_and_others_still_run(tmp_path: Path) -> None:
    path = write(tmp_path / "app.yaml", MANIFEST)
    result = run("fmt", str(tmp_path / "nope.yaml"), str(path))
    assert result.code == 2
    assert f"{tmp_path / 'nope.yaml'}: error: no such file or folder" in result.err
    assert path.read_text() == formatted(MANIFEST)


def test_json_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "data.json", '{"a": 1}\n')
    result = run("fmt", str(path))
    assert result.code == 2
    assert f"{path}: error: KYAML in a .json file would no longer be JSON" in result.err
    assert path.read_text() == '{"a": 1}\n'


def test_opt_out_comment(tmp_path: Path) -> None:
    text = "# Copyright header\n# kyaml: off\na:   1\n"
    path = write(tmp_path / "keep.yaml", text)
    result = run("fmt", "-v", str(path))
    assert result.code == 0
    assert path.read_text() == text
    assert f"skipped {path} (kyaml: off)" in result.err
    stdin = run("fmt", "-", stdin=text)
    assert (stdin.code, stdin.stdout) == (0, text)


def test_diagnostics_and_strict(tmp_path: Path) -> None:
    text = "country: NO\n"
    path = write(tmp_path / "c.yaml", text)
    result = run("fmt", "--check", str(path))
    assert result.code == 1
    assert re.search(rf"^{re.escape(str(path))}:1:10: warning: ", result.err, re.MULTILINE)
    assert run("fmt", "-q", "--check", str(path)).err == ""
    strict = run("fmt", "--strict", str(path))
    assert strict.code == 2
    assert ERROR_LINE.search(strict.err)
    assert path.read_text() == text


# --- --check and --diff -------------------------------------------------------------------------


def test_check(tmp_path: Path) -> None:
    changed = write(tmp_path / "a.yaml", MANIFEST)
    clean = write(tmp_path / "b.yaml", formatted(MANIFEST))
    result = run("fmt", "--check", str(changed), str(clean))
    assert result.code == 1
    assert f"would reformat {changed}" in result.err
    assert str(clean) not in result.err
    assert "1 file would be reformatted, 1 file would be left unchanged" in result.err
    assert changed.read_text() == MANIFEST
    assert run("fmt", "--check", str(clean)).code == 0


def test_diff(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", MANIFEST)
    result = run("fmt", "--diff", str(path))
    assert result.code == 1
    assert path.read_text() == MANIFEST
    lines = result.stdout.splitlines()
    assert lines[0] == f"--- {path}\t(original)"
    assert lines[1] == f"+++ {path}\t(formatted)"
    assert lines[2].startswith("@@ ")
    assert "-apiVersion: v1" in lines
    assert "\x1b[" not in result.stdout  # no colour into a pipe
    clean = write(tmp_path / "b.yaml", formatted(MANIFEST))
    assert (run("fmt", "--diff", str(clean)).code, run("fmt", "--diff", str(clean)).out) == (0, b"")
    colored = run("fmt", "--diff", "--color", str(path))
    assert "\x1b[31m-apiVersion: v1\x1b[0m" in colored.stdout


# --- no traceback, even for a bug (in process: a bug cannot be provoked from outside) -----------


def test_an_internal_error_is_one_clean_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from kyaml.cli import run as _run
    from kyaml.cli.report import Report

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(_run, "_library_call", broken)
    result = _run.format_bytes(b"a: 1\n", "x.yaml", _run.RunOptions())
    assert result.status == "failed"
    for verbose, shown in [(False, False), (True, True)]:
        err = io.StringIO()
        Report(verbose=verbose, err=err).add(result)
        lines = err.getvalue()
        assert lines.startswith("x.yaml: error: internal error: RuntimeError: boom\n")
        assert ("Traceback" in lines) is shown


def test_main_never_shows_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kyaml import cli
    from kyaml.cli import app as _click_cli
    from kyaml.cli import commands as _commands

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(_commands, "fmt", broken)
    monkeypatch.setattr(_click_cli.cli, "main", broken)
    for argv in (["fmt", "-"], ["fmt", "--help"]):  # without click, and through click
        with pytest.raises(SystemExit) as info:
            cli.main(argv)
        assert info.value.code == 2
        assert capsys.readouterr().err == "error: internal error: RuntimeError: boom\n"
