"""What ``kyaml fmt`` and ``kyaml convert`` do, given their options (parsed by :mod:`kyaml.cli`).

The options are merged with the configuration file (:mod:`kyaml.cli.config`), the files found
(:mod:`kyaml.cli.discovery`) and formatted (:mod:`kyaml.cli.run`, :mod:`kyaml.cli.bulk`), and
:mod:`kyaml.cli.report` tells the user and chooses the exit code: 0 done, 1 ``--check`` or
``--diff`` found changes, 2 errors.
Nothing here parses the command line, so the command starts without importing click when it can.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from kyaml.cli.config import ConfigError, find_config, load_config
from kyaml.cli.options import CONFIGURABLE
from kyaml.cli.report import EXIT_ERROR, EXIT_OK, Report, Result, want_color
from kyaml.cli.run import (
    BULK_FROM_BYTES,
    FileJob,
    RunOptions,
    cpu_count,
    format_bulk,
    format_bytes,
    run_files,
)
from kyaml.cli.streams import read_stdin, write_stdout
from kyaml.options import Options

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from kyaml.cli.discovery import Finder
    from kyaml.cli.run import Target

_JSON_REFUSED = "KYAML in a .json file would no longer be JSON; use `kyaml convert --to kyaml`"
_PROGRESS_FROM = 20
_NO_PATHS = "error: no paths given; use `kyaml fmt -` to read stdin, or `kyaml fmt .` for a folder"


def parser_from_environment() -> str:
    """The parser ``KYAML_PURE=1`` asks for (``pure``; else ``auto``): the command's switch for
    ruamel.yaml's pure-Python parser, which the tests use to run both parsers."""
    return "pure" if os.environ.get("KYAML_PURE", "") not in ("", "0") else "auto"


def settings_for(report: Report, config: str | None, start: str) -> dict[str, Any] | None:
    """The configuration file's settings ({} without one), or None after reporting an error."""
    path = config or find_config(start)
    if path is None:
        return {}
    try:
        settings = load_config(path)
    except ConfigError as exc:
        report.error(exc.format())
        return None
    if report.verbose:
        report.echo(f"using configuration {path}")
    settings["config-path"] = path
    return settings


def config_start(paths: Sequence[str], use_stdin: bool, stdin_filename: str | None) -> str:
    """Where the configuration search starts: the folder of ``--stdin-filename`` (else the
    current one) for stdin, else the common parent of ``paths``."""
    if use_stdin:
        return os.path.dirname(os.path.abspath(stdin_filename)) if stdin_filename else "."
    from kyaml.cli.discovery import common_parent  # formatting stdin walks no folder

    return common_parent(paths)


def configured(settings: dict[str, Any], key: str) -> Any:
    """The configuration's value for ``key``, else the option's default."""
    return settings.get(key, CONFIGURABLE[key].default)


def pick(given: Any, settings: dict[str, Any], key: str) -> Any:
    """The command line's value when given, else the configured one, else the option's default."""
    return given if given is not None else configured(settings, key)


def library_options(  # noqa: PLR0917 (the options every command shares)
    settings: dict[str, Any],
    compact: bool | None,
    schema: str | None,
    strict: bool | None,
    blank_lines: str | None,
    anchors: str | None,
    *,
    kyaml_out: bool = True,
) -> Options:
    """What the library is told, from the command line and the configuration (compact only
    where the output is KYAML)."""
    return Options(
        compact=bool(pick(compact, settings, "compact")) and kyaml_out,
        schema=pick(schema, settings, "schema"),
        strict=pick(strict, settings, "strict"),
        blank_lines=pick(blank_lines, settings, "blank-lines"),
        anchors=pick(anchors, settings, "anchors"),
        parser=parser_from_environment(),
    )


def fmt(
    *,
    paths: tuple[str, ...],
    check: bool,
    diff: bool,
    stdin_filename: str | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    force_exclude: bool | None,
    write_through: bool | None,
    max_file_size: int | None,
    include_hidden: bool | None,
    markdown: bool | None,
    markdown_yaml: bool | None,
    compact: bool | None,
    schema: str | None,
    strict: bool | None,
    blank_lines: str | None,
    anchors: str | None,
    config: str | None,
    jobs: int | None,
    quiet: bool,
    verbose: bool,
    color: bool | None,
) -> int:
    """Format ``paths`` (``-``: stdin to stdout) as ``kyaml fmt`` does."""
    report = Report(
        check=check,
        diff=diff,
        quiet=quiet and not verbose,
        verbose=verbose,
        color=want_color(color, sys.stderr),
        color_flag=color,
    )
    use_stdin = paths == ("-",) or (not paths and stdin_filename is not None)
    if not paths and not use_stdin:
        report.echo(_NO_PATHS)
        return EXIT_ERROR
    if "-" in paths and not use_stdin:
        report.echo("error: `-` (stdin) cannot be combined with other paths")
        return EXIT_ERROR
    settings = settings_for(report, config, config_start(paths, use_stdin, stdin_filename))
    if settings is None:
        return EXIT_ERROR
    library = library_options(settings, compact, schema, strict, blank_lines, anchors)
    options = RunOptions(
        library,
        markdown_yaml=bool(pick(markdown_yaml, settings, "markdown-yaml")),
        write=not (check or diff),
        diff=diff,
        write_through=bool(pick(write_through, settings, "write-through")),
        max_size=pick(max_file_size, settings, "max-file-size"),
    )
    walk_markdown = bool(pick(markdown, settings, "markdown"))
    select = selection(
        settings, exclude, extend_exclude, force_exclude, include_hidden, markdown=walk_markdown
    )
    jobs = jobs or settings.get("jobs") or cpu_count()
    if use_stdin:
        return _fmt_stdin(report, options, stdin_filename, select, jobs)
    return _fmt_files(report, options, paths, select, jobs)


def selection(
    settings: dict[str, Any],
    exclude: Sequence[str],
    extend_exclude: Sequence[str],
    force_exclude: bool | None,
    include_hidden: bool | None,
    *,
    markdown: bool = False,
) -> Selection:
    """Which files to leave out (and whether walks pick up Markdown files), from the command
    line's options and the configuration."""
    excludes = [
        *(exclude or configured(settings, "exclude")),
        *configured(settings, "extend-exclude"),
        *extend_exclude,
    ]
    forced = bool(pick(force_exclude, settings, "force-exclude"))
    root = os.path.dirname(settings["config-path"]) if "config-path" in settings else None
    hidden = bool(pick(include_hidden, settings, "include-hidden"))
    return Selection(excludes, forced, root, hidden, markdown)


class Selection:
    """Which files to leave out: exclude globs, whether they bind named paths, their root, and
    whether hidden files and folders are walked."""

    def __init__(
        self,
        excludes: Sequence[str],
        forced: bool,
        root: str | None,
        hidden: bool = False,
        markdown: bool = False,
    ) -> None:
        self.excludes = excludes
        self.forced = forced
        self.root = root
        self.hidden = hidden
        self.markdown = markdown

    def finder(self, start: str) -> Finder:
        """A Finder rooted at the configuration's folder, else the repository, else the current
        folder when ``start`` is inside it, else ``start``."""
        from kyaml.cli.discovery import Finder, find_repo_root, within

        repo = find_repo_root(start)
        here = os.getcwd()
        base = self.root or repo or (here if within(start, here) else start)
        return Finder(base, self.excludes, repo, include_hidden=self.hidden, markdown=self.markdown)


def _fmt_stdin(
    report: Report, options: RunOptions, stdin_filename: str | None, select: Selection, jobs: int
) -> int:
    """Format stdin to stdout. On failure stdout stays empty, so an editor keeps its buffer.

    A large stream is formatted document by document (across ``jobs`` processes) into a
    temporary file, copied to stdout once all of it is formatted.
    """
    name = stdin_filename or "-"
    if stdin_filename and stdin_filename.lower().endswith(".json"):
        report.error(f"{name}: error: {_JSON_REFUSED}")
        return EXIT_ERROR
    data = read_stdin()
    result: Result | None = None
    if select.forced and stdin_filename:
        start = os.path.dirname(os.path.abspath(stdin_filename))
        reason = select.finder(start).left_out(stdin_filename)
        if reason:
            result = Result(name, "skipped", output=data, note=reason)
    if result is None and options.write and len(data) >= BULK_FROM_BYTES:
        return _fmt_stdin_bulk(report, options, name, data, jobs)
    if result is None:
        result = format_bytes(data, name, options)
    report.add(result, announce=not options.write)
    if result.status == "failed":
        return EXIT_ERROR
    parts = []
    if options.write and result.output is not None:
        parts.append(result.output)
    if result.diff:
        text = report.colored_diff(result.diff, want_color(report.color_flag, sys.stdout))
        parts.append(text.encode("utf-8", "replace"))
    write_stdout(*parts)
    return report.exit_code


def _fmt_stdin_bulk(report: Report, options: RunOptions, name: str, data: bytes, jobs: int) -> int:
    """Format a large stream from stdin into a temporary file, then copy that to stdout."""
    import tempfile

    with tempfile.TemporaryFile() as spool:
        result = format_bulk(data, name, options, jobs, spool)
        report.add(result, announce=False)
        if result.status == "failed":
            return EXIT_ERROR
        if result.output is not None:  # formatted whole, or left alone (`# kyaml: off`)
            write_stdout(result.output)
        else:
            spool.seek(0)
            write_stdout(spool)
    return report.exit_code


def _fmt_files(
    report: Report, options: RunOptions, paths: Sequence[str], select: Selection, jobs: int
) -> int:
    """Find the files under ``paths``, format them (in parallel) and print the summary."""
    files = find_jobs(report, paths, select)
    if not files:
        if not report.failed and not report.quiet:
            report.echo("no YAML files to format; nothing to do")
        return report.exit_code
    _run_all(report, options, files, jobs)
    if not report.quiet:
        report.echo(report.summary())
    return report.exit_code


def find_jobs(
    report: Report, paths: Sequence[str], select: Selection, *, json_named: bool = False
) -> list[FileJob]:
    """The files under ``paths`` that ``select`` keeps, each once; a path that does not exist
    is reported, and so is a ``.json`` file named unless ``json_named`` accepts it."""
    from kyaml.cli.discovery import common_parent
    from kyaml.cli.opened import selected

    finder: Finder | None = None
    files: list[FileJob] = []
    seen: set[str] = set()
    for path in paths:
        if not os.path.exists(path):
            report.error(f"{path}: error: no such file or folder")
            continue
        is_dir = os.path.isdir(path)
        if not is_dir and not json_named and path.lower().endswith(".json"):
            report.error(f"{path}: error: {_JSON_REFUSED}")
            continue
        if finder is None and (select.forced or is_dir):
            finder = select.finder(common_parent(paths))
        reason = finder.left_out(path) if finder is not None and select.forced else None
        if reason:
            report.add(Result(path, "skipped", note=reason))
            continue
        found = finder.walk(path) if finder is not None and is_dir else [path]
        for item in found:
            key, identity = selected(item, walked=is_dir)
            if key not in seen:
                seen.add(key)
                files.append((key, item, identity))
    for message in finder.errors if finder is not None else ():
        report.error(message)
    return files


def _run_all(report: Report, options: RunOptions, files: list[FileJob], jobs: int) -> None:
    """Format ``files``, with a progress bar for many files on a terminal."""
    out_color = want_color(report.color_flag, sys.stdout)

    def on_result(result: Result) -> None:
        report.add(result)
        if result.diff:
            text = report.colored_diff(result.diff, out_color)
            write_stdout(text.encode("utf-8", "replace"))

    many = len(files) > _PROGRESS_FROM and not options.diff and not report.quiet
    if not (many and sys.stderr.isatty()):
        run_files(files, options, jobs, on_result)
        return
    import click  # the progress bar: only for many files on a terminal

    with click.progressbar(length=len(files), label="formatting", file=sys.stderr) as bar:
        report.progress_active = True

        def tick(result: Result) -> None:
            on_result(result)
            bar.update(1)

        try:
            run_files(files, options, jobs, tick)
        finally:
            report.progress_active = False


def convert(
    *,
    path: str,
    target: Target,
    compact: bool | None,
    schema: str | None,
    strict: bool | None,
    blank_lines: str | None,
    anchors: str | None,
    quiet: bool,
    color: bool | None,
) -> int:
    """Convert ``path`` (``-``: stdin) to ``target`` on stdout, as ``kyaml convert`` does."""
    report = Report(quiet=quiet, color=want_color(color, sys.stderr))
    start = "." if path == "-" else os.path.dirname(os.path.abspath(path))
    settings = settings_for(report, None, start)
    if settings is None:
        return EXIT_ERROR
    library = library_options(
        settings, compact, schema, strict, blank_lines, anchors, kyaml_out=target == "kyaml"
    )
    options = RunOptions(library)
    name = path
    try:
        if path == "-":
            data = read_stdin()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as exc:
        report.error(f"{name}: error: {exc.strerror or exc}")
        return EXIT_ERROR
    result = format_bytes(data, name, options, target, convert=True)
    report.add(result, announce=False)
    if result.status == "failed" or result.output is None:
        return EXIT_ERROR
    write_stdout(result.output)
    return EXIT_OK
