"""Every editor set-up in docs/editors.md, run for real.

Each snippet is parsed in its own language (JSON, Lua, TOML, Emacs Lisp), its command line
extracted and the editor's placeholder for the file name filled in; the command then runs on a
sample manifest and must give the formatted text (and give an excluded file back unchanged). The
docs are the single source of the command lines, so they cannot drift from what works.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from kyaml.cli.config import parse_toml
from tests.test_cli import MANIFEST, formatted, kyaml_command, write

DOC = Path(__file__).resolve().parents[1] / "docs" / "editors.md"
SNIPPET = re.compile(
    r"<!-- editor: (?P<name>[\w-]+) -->\s*```(?P<lang>\w+)\n(?P<body>.*?)```", re.S
)
ELISP_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([^\s()\']+)')


def _snippets() -> dict[str, str]:
    return {m["name"]: m["body"] for m in SNIPPET.finditer(DOC.read_text(encoding="utf-8"))}


def _vscode_formatter(body: str) -> str:
    settings = json.loads(body)
    assert settings["[yaml]"]["editor.defaultFormatter"] == "jkillian.custom-local-formatters"
    (formatter,) = settings["customLocalFormatters.formatters"]
    assert formatter["languages"] == ["yaml"]
    command: str = formatter["command"]
    return command


def _conform(body: str) -> list[str]:
    block = re.search(r"kyaml\s*=\s*\{(.*?)\n    \},", body, re.S)
    assert block, "no conform.nvim formatter named kyaml"
    command = re.search(r'command\s*=\s*"([^"]+)"', block[1])
    args = re.search(r"args\s*=\s*\{([^}]*)\}", block[1])
    assert command
    assert args
    assert re.search(r"stdin\s*=\s*true", block[1])
    return [command[1], *re.findall(r'"([^"]*)"', args[1])]


def _helix(body: str) -> list[str]:
    (language,) = parse_toml(body)["language"]
    assert language["name"] == "yaml"
    formatter = language["formatter"]
    return [formatter["command"], *formatter["args"]]


def _apheleia(body: str) -> list[str]:
    found = re.search(r"\(alist-get 'kyaml apheleia-formatters\)\s*'\(([^)]*)\)", body)
    assert found, "no apheleia formatter named kyaml"
    return [text if text else symbol for text, symbol in ELISP_TOKEN.findall(found[1])]


STDIN_EDITORS: dict[str, tuple[Callable[[str], list[str]], str]] = {
    "neovim-conform": (_conform, "$FILENAME"),
    "helix": (_helix, "%{buffer_name}"),
    "emacs-apheleia": (_apheleia, "filepath"),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "k8s" / "app.yaml", MANIFEST)
    write(tmp_path / ".github" / "workflows" / "ci.yaml", MANIFEST)
    return tmp_path


def _shell_env() -> dict[str, str]:
    """The environment with the installed ``kyaml`` first on PATH, for shell command lines."""
    command = kyaml_command()
    if len(command) > 1:
        pytest.skip("kyaml is not installed as a command")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PATH"] = os.path.dirname(command[0]) + os.pathsep + env.get("PATH", "")
    return env


def test_every_snippet_is_tested() -> None:
    assert set(_snippets()) == {*STDIN_EDITORS, "vscode-custom-local-formatters",
                                "vscode-run-on-save"}  # fmt: skip


@pytest.mark.parametrize("editor", sorted(STDIN_EDITORS))
def test_stdin_editors(project: Path, editor: str) -> None:
    parse, placeholder = STDIN_EDITORS[editor]
    argv = parse(_snippets()[editor])
    assert argv[0] == "kyaml"
    assert placeholder in argv
    for name, expected in [
        ("k8s/app.yaml", formatted(MANIFEST)),
        (".github/workflows/ci.yaml", MANIFEST),  # excluded: given back unchanged
    ]:
        full = [
            *kyaml_command(),
            *(str(project / name) if a == placeholder else a for a in argv[1:]),
        ]
        proc = subprocess.run(
            full, input=MANIFEST.encode(), capture_output=True, cwd=project, check=False
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.decode() == expected


def test_vscode_custom_local_formatters(project: Path) -> None:
    command = _vscode_formatter(_snippets()["vscode-custom-local-formatters"])
    assert "${file}" in command
    for name, expected in [
        ("k8s/app.yaml", formatted(MANIFEST)),
        (".github/workflows/ci.yaml", MANIFEST),
    ]:
        line = command.replace("${file}", str(project / name))
        proc = subprocess.run(
            line, shell=True, input=MANIFEST.encode(), capture_output=True, cwd=project,
            env=_shell_env(), check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.decode() == expected


def test_vscode_run_on_save(project: Path) -> None:
    (entry,) = json.loads(_snippets()["vscode-run-on-save"])["emeraldwalk.runonsave"]["commands"]
    assert re.search(entry["match"], "deploy/app.kyaml")
    assert not re.search(entry["match"], "deploy/app.yaml")
    path = write(project / "k8s" / "app.kyaml", MANIFEST)
    line = entry["cmd"].replace("${file}", str(path))
    proc = subprocess.run(
        line, shell=True, capture_output=True, cwd=project, env=_shell_env(), check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert path.read_text() == formatted(MANIFEST)
