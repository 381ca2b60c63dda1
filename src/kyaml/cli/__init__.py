"""The ``kyaml`` command, also installed as ``kubectl-kyaml`` for ``kubectl kyaml``.

Thin by design: it reads the command line and hands the options to :mod:`kyaml.cli.commands`.
The plain ``kyaml fmt`` invocations editors and hooks make on every save (paths or ``-``, and
options each spelt out) are read straight from the table of options (:func:`fmt_options`), which
saves click's import time; everything else (``--help``, ``--version``, ``convert``, usage errors)
goes to click (:mod:`kyaml.cli.app`), which builds its commands from the same table.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from kyaml.cli.options import fmt_options
from kyaml.cli.report import EXIT_ERROR, EXIT_OK


def main(argv: Sequence[str] | None = None) -> None:
    """The console-script entry point: run the command and exit with its code.

    No traceback ever reaches the user: usage errors are click's (exit 2), an interrupt exits
    130, and anything unexpected is one ``error: internal error`` line (exit 2).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _run(args)
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        code = 130
    except BrokenPipeError:
        _silence_stdout()
        code = EXIT_ERROR
    except Exception as exc:
        sys.stderr.write(f"error: internal error: {type(exc).__name__}: {exc}\n")
        if "-v" in args or "--verbose" in args:
            import traceback

            traceback.print_exc()
        code = EXIT_ERROR
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def console() -> None:
    """The installed commands' entry point (and ``python -m kyaml``): :func:`main`, then the
    process ends at once.

    Once the output is flushed nothing is left but the interpreter's teardown, which frees every
    object ruamel.yaml and kyaml created: several milliseconds of a short run such as an
    editor's format-on-save. Temporary files are gone and in-place writes done by then; a run
    that started worker processes exits the usual way, which stops them.
    """
    try:
        main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else EXIT_ERROR if done.code else EXIT_OK
    else:  # pragma: no cover - main always exits
        code = EXIT_OK
    try:
        sys.stdout.flush()
    except OSError:  # a closed pipe: the output is lost, the exit code says so
        code = code or EXIT_ERROR
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    if "multiprocessing" in sys.modules:
        # Worker processes may still wait for work: the interpreter's exit stops them (and a
        # run long enough to start them does not miss the milliseconds saved).
        sys.exit(code)
    os._exit(code)


def _run(args: list[str]) -> Any:
    """Run the command line: directly for a plain ``fmt``, else through click."""
    options = fmt_options(args[1:]) if args[:1] == ["fmt"] else None
    if options is not None:
        from kyaml.cli import commands as _commands

        return _commands.fmt(**options)
    import click

    from kyaml.cli.app import cli

    invoked = os.path.basename(sys.argv[0]) if sys.argv else ""
    prog = "kubectl kyaml" if invoked.startswith("kubectl-") else "kyaml"
    try:
        return cli.main(args=args, prog_name=prog, standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        raise KeyboardInterrupt from None


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
