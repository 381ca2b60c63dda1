"""A coverage-guided fuzz target for kyaml, for atheris (libFuzzer for Python).

Each input is bytes: valid UTF-8 goes through the full contract check of :mod:`fuzz.engine`
(``check_text``: format_str, loads_all, to_yaml, to_json, the independent readers, comments,
idempotence), with kyaml's default parser; anything else goes
through the command line's byte path (``check_bytes``). Known findings
(``fuzz.engine.KNOWN_FINDINGS``) are ignored; every other failure is a crash for libFuzzer.
Run from the repository root (see fuzz/README.md)::

    python fuzz/atheris_target.py -max_len=4096 -timeout=30 fuzz/atheris-corpus corpus

atheris is optional: without it, this script says so and exits with status 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

try:
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - depends on the installation
    atheris = None


def test_one_input(data: bytes) -> None:
    """libFuzzer's entry point: one input, checked; a new failure raises."""
    from fuzz import engine as fz

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    try:
        if text is None:
            fz.check_bytes(data)
        else:
            fz.check_text(text)
    except fz.OracleLimitError:
        return
    except Exception as exc:
        if fz.known_finding(text if text is not None else data, exc) is None:
            raise


def main() -> int:
    if atheris is None:
        print("atheris is not installed: pip install atheris (Linux, CPython)", file=sys.stderr)
        return 2
    with atheris.instrument_imports(include=["kyaml", "ruamel"]):
        import kyaml
        from fuzz import engine

        # kyaml imports its modules on first use: use each path once, inside the block, so that
        # all of them are instrumented.
        for function in (kyaml.format_str, kyaml.loads_all, kyaml.to_yaml, kyaml.to_json):
            function("%YAML 1.1\n---\na: &x [1]\nb: {c: *x}  # c\n")
        engine.check_bytes(b"a: 1\n")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
