"""The ``kyaml`` command, also installed as ``kubectl-kyaml`` for ``kubectl kyaml``.

Thin by design: it parses the command line and hands the options to :mod:`kyaml.cli.commands`.
The plain ``kyaml fmt`` invocations editors and hooks make on every save (paths or ``-``, and
the common flags, each spelled out) are parsed here directly, which saves click's import time;
everything else (``--help``, ``--version``, ``convert``, usage errors) goes to click
(:mod:`kyaml.cli.app`), which reads the same options into the same values.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from kyaml.cli.files import SCHEMAS
from kyaml.cli.report import EXIT_ERROR, EXIT_OK

# `kyaml fmt` options parsed without click: flags as (parameter, value), and options taking a
# value as parameter (repeatable ones collect into a tuple, the others keep the last value).
_FLAGS: dict[str, tuple[str, bool]] = {
    "--check": ("check", True),
    "--diff": ("diff", True),
    "--force-exclude": ("force_exclude", True),
    "--no-force-exclude": ("force_exclude", False),
    "--compact": ("compact", True),
    "--no-compact": ("compact", False),
    "--strict": ("strict", True),
    "--no-strict": ("strict", False),
    "-q": ("quiet", True),
    "--quiet": ("quiet", True),
    "-v": ("verbose", True),
    "--verbose": ("verbose", True),
    "--color": ("color", True),
    "--no-color": ("color", False),
}
_VALUES = {
    "--stdin-filename": "stdin_filename",
    "--exclude": "exclude",
    "--extend-exclude": "extend_exclude",
    "--schema": "schema",
    "--config": "config",
    "-j": "jobs",
    "--jobs": "jobs",
}
_REPEATED = frozenset(("exclude", "extend_exclude"))


def fmt_options(args: Sequence[str]) -> dict[str, Any] | None:
    """The options of ``kyaml fmt ARGS`` as click would read them, or None when the command
    line needs click (help, an unknown or abbreviated option, a value click would refuse)."""
    params: dict[str, Any] = {
        "paths": (),
        "check": False,
        "diff": False,
        "stdin_filename": None,
        "exclude": (),
        "extend_exclude": (),
        "force_exclude": None,
        "compact": None,
        "schema": None,
        "strict": None,
        "config": None,
        "jobs": None,
        "quiet": False,
        "verbose": False,
        "color": None,
    }
    paths: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        if arg in _FLAGS:
            name, flag = _FLAGS[arg]
            params[name] = flag
            continue
        option, equals, value = arg.partition("=")
        name = _VALUES.get(option, "")
        if not name or (equals and not option.startswith("--")):
            return None
        if not equals:
            if i == len(args) or (args[i].startswith("-") and args[i] != "-"):
                return None
            value = args[i]
            i += 1
        if name == "jobs":
            if not value.isdigit() or int(value) < 1:
                return None
            params[name] = int(value)
        elif (name == "schema" and value not in SCHEMAS) or (
            name == "config" and os.path.isdir(value)
        ):
            return None
        elif name in _REPEATED:
            params[name] = (*params[name], value)
        else:
            params[name] = value
    params["paths"] = tuple(paths)
    return params


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
