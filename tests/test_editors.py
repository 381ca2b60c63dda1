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
import shutil
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


def _zed(body: str) -> list[str]:
    settings = json.loads(body)
    yaml = settings["languages"]["YAML"]
    assert yaml["format_on_save"] == "on"
    external = yaml["formatter"]["external"]
    assert set(settings["file_types"]["YAML"]) == {"kyaml", "kyml"}
    return [external["command"], *external["arguments"]]


STDIN_EDITORS: dict[str, tuple[Callable[[str], list[str]], str]] = {
    "neovim-conform": (_conform, "$FILENAME"),
    "helix": (_helix, "%{buffer_name}"),
    "emacs-apheleia": (_apheleia, "filepath"),
    "zed-external": (_zed, "{buffer_path}"),
}


def _lsp_neovim(body: str) -> list[str]:
    config = re.search(r'vim\.lsp\.config\("kyaml",\s*\{(.*?)\n\}\)', body, re.S)
    assert config, "no vim.lsp.config for kyaml"
    cmd = re.search(r"cmd\s*=\s*\{([^}]*)\}", config[1])
    assert cmd
    assert re.search(r'filetypes\s*=\s*\{\s*"yaml"\s*\}', config[1])
    assert 'vim.lsp.enable("kyaml")' in body
    return re.findall(r'"([^"]*)"', cmd[1])


def _lsp_helix(body: str) -> list[str]:
    settings = parse_toml(body)
    server = settings["language-server"]["kyaml"]
    (language,) = settings["language"]
    assert language["name"] == "yaml"
    assert "kyaml" in language["language-servers"]
    assert {"kyaml", "kyml"} <= set(language["file-types"])
    return [server["command"], *server["args"]]


def _lsp_vscode(body: str) -> list[str]:
    settings = json.loads(body)
    assert settings["glspc.server.languageId"] == ["yaml"]
    return [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]]


LSP_EDITORS: dict[str, Callable[[str], list[str]]] = {
    "lsp-neovim": _lsp_neovim,
    "lsp-helix": _lsp_helix,
    "lsp-vscode-glspc": _lsp_vscode,
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
    assert set(_snippets()) == {*STDIN_EDITORS, *LSP_EDITORS, "vscode-custom-local-formatters",
                                "vscode-run-on-save", "lsp-emacs-eglot"}  # fmt: skip


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


NORWAY = "country: NO\nmode: 0644\n"


@pytest.mark.parametrize("editor", sorted(LSP_EDITORS))
def test_language_server_editors(project: Path, editor: str) -> None:
    """The command a snippet starts serves a session: diagnostics, formatting, exit 0."""
    pytest.importorskip("pygls", reason="kyaml lsp needs the lsp extra")
    from tests.lsp_client import LspClient, apply_edits

    argv = LSP_EDITORS[editor](_snippets()[editor])
    assert argv == ["kyaml", "lsp"]
    path = write(project / "k8s" / "norway.yaml", NORWAY)
    client = LspClient([*kyaml_command(), *argv[1:]], cwd=project)
    try:
        client.initialize(project)
        uri = client.open(path, NORWAY)
        found = client.wait_for("textDocument/publishDiagnostics", uri)["diagnostics"]
        assert [d["code"] for d in found] == ["KY101", "KY102"]
        edits = client.request(
            "textDocument/formatting",
            {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}},
        )
        assert apply_edits(NORWAY, edits) == formatted(NORWAY)
        assert client.close() == 0
    finally:
        client.kill()


# What an installed yaml-mode package would do, then a file opened as a user opens one: the
# command loop that runs eglot-ensure's deferred connection is run once by hand (batch mode has
# none).
_EGLOT_SESSION = """
(unless (fboundp 'yaml-mode) (define-derived-mode yaml-mode prog-mode "YAML"))
(add-to-list 'auto-mode-alist '("\\\\.ya?ml\\\\'" . yaml-mode))
(require 'eglot)
(setq eglot-sync-connect t)
(find-file (expand-file-name "k8s/norway.yaml" default-directory))
(run-hooks 'post-command-hook)
(let ((deadline (+ (float-time) 60)))
  (while (and (< (float-time) deadline) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)))
(dolist (d (flymake-diagnostics))
  (princ (format "diagnostic: %s\n" (flymake-diagnostic-text d))))
(set-buffer-modified-p t)
(save-buffer)
(eglot-shutdown (eglot-current-server))
"""


def test_emacs_eglot(project: Path) -> None:
    """The Emacs snippet, loaded into emacs --batch with eglot: it starts kyaml lsp for a YAML
    file, shows its diagnostics and formats the file on save."""
    pytest.importorskip("pygls", reason="kyaml lsp needs the lsp extra")
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.skip("emacs is not installed (.ci/run installs emacs-nox and elpa-eglot)")
    has_eglot = subprocess.run(
        [emacs, "--batch", "-q", "--eval", "(require 'eglot)"], capture_output=True, check=False
    )
    if has_eglot.returncode != 0:
        pytest.skip("eglot is not installed (Debian: elpa-eglot)")
    path = write(project / "k8s" / "norway.yaml", NORWAY)
    init = write(project / "init.el", _snippets()["lsp-emacs-eglot"])
    session = write(project / "session.el", _EGLOT_SESSION)
    proc = subprocess.run(
        [emacs, "--batch", "-q", "-l", str(init), "-l", str(session)],
        capture_output=True, cwd=project, env=_shell_env(), timeout=120, check=False,
    )  # fmt: skip
    output = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == 0, output
    assert re.search(r"diagnostic: .*KY101.*NO: YAML 1\.1", output), output
    assert re.search(r"diagnostic: .*KY102.*0644", output), output
    assert path.read_text() == formatted(NORWAY)
