"""``kyaml lsp`` without its extra: one clear error, no traceback."""

from __future__ import annotations

import subprocess
import sys

_WITHOUT_PYGLS = (
    "import sys; sys.modules['pygls'] = None; sys.argv = ['kyaml', 'lsp']; "
    "from kyaml.cli import console; console()"
)


def test_the_extra_is_named_when_pygls_is_missing() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _WITHOUT_PYGLS], capture_output=True, timeout=60, check=False
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "kyaml lsp needs pygls: pip install 'pykyaml[lsp]'" in err
    assert "Traceback" not in err
    assert proc.stdout == b""
