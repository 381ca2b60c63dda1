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

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

# Kept here rather than imported, so that a Ctrl-C while the command starts is already inside
# :func:`main` (which turns it into exit 130) when any other module of the command loads.
EXIT_OK = 0
EXIT_ERROR = 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a tool killed by a closed pipe


def main(argv: Sequence[str] | None = None) -> None:
    """The console-script entry point: run the command and exit with its code.

    No traceback ever reaches the user: usage errors are click's (exit 2), Ctrl-C exits 130 and
    SIGTERM 143 (temporary files removed, workers stopped), a closed pipe on stdout 141 without
    a word, a closed stream, a full disk or a lack of memory is one plain ``error:`` line (exit
    2), and anything unexpected is one ``error: internal error`` line (exit 2).
    """
    args: list[str] = []
    try:
        args = list(sys.argv[1:] if argv is None else argv)
        from kyaml.cli import interrupts

        interrupts.catch_terminate()
        code = _run(args)
    except KeyboardInterrupt as exc:
        code = _interrupted(exc)
    except BrokenPipeError:
        _silence_stdout()
        code = EXIT_BROKEN_PIPE
    except Exception as exc:
        code = _failed(exc, args)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _interrupted(exc: KeyboardInterrupt) -> int:
    """Ctrl-C or SIGTERM: ignore the next ones, say so, exit 130 or 143."""
    try:
        from kyaml.cli import interrupts

        interrupts.ignore()
        code = interrupts.exit_code(exc)
    except KeyboardInterrupt:  # a second one while the module loads
        code = 130
    _say("error: terminated" if code == 143 else "error: interrupted")
    return code


def _failed(exc: Exception, args: Sequence[str]) -> int:
    """Report an exception no command reported and return the exit code: 141 without a word
    for a closed pipe, the environment's failures in plain words, anything else as an internal
    error (with the traceback under ``-v``); all exit 2."""
    from kyaml.cli.streams import PipeClosedError, StreamError

    if isinstance(exc, PipeClosedError):
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    if isinstance(exc, StreamError):
        _say(f"error: {exc}")
    elif isinstance(exc, MemoryError):
        _say("error: out of memory")
    elif isinstance(exc, OSError) and exc.strerror:
        _say(f"{f'{exc.filename}: ' if exc.filename else ''}error: {exc.strerror}")
    else:
        if "-v" in args or "--verbose" in args:
            import traceback

            traceback.print_exc()
        _say(f"error: internal error: {type(exc).__name__}: {exc}")
    return EXIT_ERROR


def _say(line: str) -> None:
    """One line on stderr, if stderr is there to take it."""
    with contextlib.suppress(Exception):
        if sys.stderr is not None:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()


def console() -> None:
    """The installed commands' entry point (and ``python -m kyaml``): :func:`main`, then the
    process ends at once.

    Once the output is flushed nothing is left but the interpreter's teardown, which frees every
    object ruamel.yaml and kyaml created: several milliseconds of a short run such as an
    editor's format-on-save. Temporary files are gone and in-place writes done by then; a run
    that started worker processes exits the usual way, which stops them.
    """
    try:
        try:
            main()
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else EXIT_ERROR if done.code else EXIT_OK
        else:  # pragma: no cover - main always exits
            code = EXIT_OK
        try:
            if sys.stdout is not None and not sys.stdout.closed:  # (the language server
                sys.stdout.flush()  # closes it when the client says exit)
        except (OSError, ValueError):  # a closed pipe: the output is lost, the exit code says so
            code = code or EXIT_ERROR
        with contextlib.suppress(OSError, AttributeError):
            sys.stderr.flush()
    except KeyboardInterrupt:  # a second Ctrl-C while the first was reported
        os._exit(130)
    if "multiprocessing" in sys.modules and code not in (130, 143, EXIT_BROKEN_PIPE):
        # Worker processes may still wait for work: the interpreter's exit stops them (and a
        # run long enough to start them does not miss the milliseconds saved).
        sys.exit(code)
    os._exit(code)


def _run(args: list[str]) -> Any:
    """Run the command line: directly for a plain ``fmt``, else through click."""
    from kyaml.cli.options import fmt_options

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
    except click.Abort as exc:  # click's word for Ctrl-C (or SIGTERM, kept as such)
        cause = exc.__context__
        raise cause if isinstance(cause, KeyboardInterrupt) else KeyboardInterrupt from None


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
