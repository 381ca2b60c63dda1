"""What ``kyaml check`` and ``kyaml rule`` do, given their options (parsed by :mod:`kyaml.cli`).

Files are found as ``kyaml fmt`` finds them, checked by :mod:`kyaml.lint`, and their findings
written in the chosen format on stdout (:mod:`kyaml.cli.findings`); the summary and the errors
that are no finding (a missing path, a bad configuration) go to stderr. Exit code: 2 when a file
cannot be read or the command cannot run, else 1 when any finding is left (``--diff``: or any
fix would be made), else 0. ``--fix`` writes as ``fmt`` writes: atomically, keeping the file's
permissions, encoding and line endings.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kyaml.cli.commands import (
    config_start,
    find_jobs,
    parser_from_environment,
    pick,
    selection,
    settings_for,
)
from kyaml.cli.findings import WRITERS, FileFindings, statistics
from kyaml.cli.opened import open_file
from kyaml.cli.report import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, Report, want_color
from kyaml.cli.run import opted_out, unified_diff
from kyaml.cli.source import Source
from kyaml.cli.streams import read_stdin, write_stdout
from kyaml.errors import KyamlError
from kyaml.options import Options
from kyaml.rules import known_prefix, rule_for, selected_codes

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

_KYAML_SUFFIXES = (".kyaml", ".kyml")


class UsageError(Exception):
    """A command line or configuration ``kyaml check`` cannot run with."""


def codes_of(values: Sequence[str]) -> list[str]:
    """Comma-separated codes and prefixes, each checked against the rules."""
    found = []
    for value in values:
        for part in value.split(","):
            code = part.strip().upper()
            if not code:
                continue
            if not known_prefix(code):
                raise UsageError(f"unknown rule code or prefix {part.strip()!r}")
            found.append(code)
    return found


class CheckJob:
    """How to check: the library's options, the codes reported, and what to do with fixes."""

    __slots__ = ("codes", "diff", "fix", "library", "max_size")

    def __init__(
        self, library: Options, codes: frozenset[str], *, fix: bool, diff: bool, max_size: int
    ) -> None:
        self.library = library
        self.codes = codes
        self.fix = fix
        self.diff = diff
        self.max_size = max_size

    def reporting(self) -> CheckJob:
        """The same job without fixing."""
        return CheckJob(self.library, self.codes, fix=False, diff=False, max_size=self.max_size)


class Checked:
    """One file's outcome: its findings, the diff of its fixes, how many fixes were made, and
    an error that is no finding (it could not be opened or written)."""

    __slots__ = ("diff", "error", "findings", "fixed", "skipped")

    def __init__(self, findings: FileFindings) -> None:
        self.findings = findings
        self.diff = ""
        self.fixed = 0
        self.error = ""
        self.skipped = False


def check_text(text: str, name: str, job: CheckJob) -> tuple[Checked, str]:
    """Check (and fix, when asked) one decoded text, its line breaks as they are; the outcome
    and the text as fixed."""
    from kyaml._reader.opt_out import Directives
    from kyaml.lint import check_str, fix_str

    kyaml_form = name.lower().endswith(_KYAML_SUFFIXES)
    args: dict[str, Any] = {"options": job.library, "kyaml_form": kyaml_form, "codes": job.codes}
    if opted_out(text.replace("\r\n", "\n")) and not Directives(text).turned_on:
        checked = Checked(FileFindings(name, [], text))
        checked.skipped = True
        return checked, text
    findings = check_str(text, **args)
    fixed = text
    if (job.fix or job.diff) and any(d.fix is not None for d in findings):
        fixed = fix_str(text, **args)
        if fixed != text:
            remaining = check_str(fixed, **args)
            checked = Checked(FileFindings(name, findings if job.diff else remaining, fixed))
            checked.fixed = len(findings) - len(remaining)
            if job.diff:
                checked.diff = unified_diff(text, fixed, name)
            return checked, fixed
    return Checked(FileFindings(name, findings, text)), fixed


def _decoded(data: bytes) -> Source:
    """A file's text with its line breaks as they are (a fix changes only its own lines), and
    how to encode it back."""
    from kyaml._reader.decode import decode_text

    text, encoding, bom = decode_text(data)
    return Source(text, encoding, bom)


def check_file(path: str, name: str, job: CheckJob) -> Checked:
    """Check one file, writing its fixes back when ``--fix`` asks."""
    from kyaml.cli.write import write_file

    try:
        with open_file(path, None, job.max_size) as opened:
            data = opened.read(job.max_size)
            try:
                source = _decoded(data)
            except KyamlError as exc:
                return _unreadable(name, exc)
            checked, fixed = check_text(source.text, name, job)
            if job.fix and not job.diff and fixed != source.text:
                try:
                    write_file(opened, source.encode(fixed))
                except OSError as exc:  # not written: what the file holds is reported
                    checked, _ = check_text(source.text, name, job.reporting())
                    checked.error = f"{name}: error: {exc.strerror or exc}"
    except OSError as exc:
        checked = Checked(FileFindings(name, []))
        checked.error = f"{name}: error: {exc.strerror or exc}"
    return checked


def _unreadable(name: str, exc: KyamlError) -> Checked:
    from kyaml.lint import error_finding

    return Checked(FileFindings(name, [error_finding(exc)]))


def check(
    *,
    paths: tuple[str, ...],
    fix: bool,
    diff: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    output_format: str | None,
    statistics: bool,
    stdin_filename: str | None,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    force_exclude: bool | None,
    include_hidden: bool | None,
    max_file_size: int | None,
    schema: str | None,
    config: str | None,
    quiet: bool,
    verbose: bool,
) -> int:
    """Check ``paths`` (``-``: stdin) as ``kyaml check`` does; the exit code."""
    report = Report(quiet=quiet, verbose=verbose, color=want_color(None, sys.stderr))
    use_stdin = paths == ("-",) or (not paths and stdin_filename is not None)
    if not paths and not use_stdin:
        paths = (".",)
    if "-" in paths and not use_stdin:
        report.echo("error: `-` (stdin) cannot be combined with other paths")
        return EXIT_ERROR
    start = config_start(paths, use_stdin, stdin_filename)
    settings = settings_for(report, config, start)
    if settings is None:
        return EXIT_ERROR
    try:
        chosen = select or settings.get("select")
        codes = selected_codes(
            None if chosen is None else codes_of(chosen),
            codes_of([*settings.get("ignore", ()), *ignore]),
            codes_of([*settings.get("extend-select", ()), *extend_select]),
        )
    except UsageError as exc:
        report.echo(f"error: {exc}")
        return EXIT_ERROR
    library = Options(
        schema=pick(schema, settings, "schema"),
        blank_lines=pick(None, settings, "blank-lines"),
        anchors=pick(None, settings, "anchors"),
        parser=parser_from_environment(),
    )
    job = CheckJob(
        library,
        codes,
        fix=fix,
        diff=diff,
        max_size=pick(max_file_size, settings, "max-file-size"),
    )
    form = output_format or settings.get("output-format") or "text"
    chooser = selection(settings, exclude, extend_exclude, force_exclude, include_hidden)
    results: list[Checked] = []
    if use_stdin:
        left_out = bool(
            chooser.forced and stdin_filename and chooser.finder(start).left_out(stdin_filename)
        )
        results.append(_check_stdin(stdin_filename or "-", job, left_out))
    else:
        for path, name, _ in find_jobs(report, paths, chooser, json_named=True):
            results.append(check_file(path, name, job))
    return _finish(report, results, job, form, statistics, use_stdin)


def _check_stdin(name: str, job: CheckJob, left_out: bool) -> Checked:
    """Check stdin (unless ``--force-exclude`` leaves it out); with ``--fix`` the fixed text
    goes to stdout, as ``ruff check --fix -`` does."""
    data = read_stdin()
    if left_out:
        if job.fix and not job.diff:
            write_stdout(data)
        checked = Checked(FileFindings(name, []))
        checked.skipped = True
        return checked
    try:
        source = _decoded(data)
    except KyamlError as exc:
        return _unreadable(name, exc)
    checked, fixed = check_text(source.text, name, job)
    if job.fix and not job.diff:
        write_stdout(source.encode(fixed))
    return checked


def _finish(  # noqa: PLR0917 (one call site)
    report: Report,
    results: list[Checked],
    job: CheckJob,
    form: str,
    counting: bool,
    stdin: bool,
) -> int:
    """Write the findings, diffs and summary; the exit code. When stdin is fixed, stdout holds
    the fixed text alone and what is left of the findings goes to stderr."""
    files = [r.findings for r in results if not r.skipped]
    for r in results:
        if r.error:
            report.error(r.error)
        elif r.skipped and report.verbose:
            report.echo(f"skipped {r.findings.name} (kyaml: off)")
    diffs = "".join(r.diff for r in results)
    if job.diff:
        out = diffs
    elif counting:
        out = statistics(files, as_json_list=form == "json")
    else:
        out = WRITERS[form](files)
    if stdin and job.fix and not job.diff:
        report.err.write(out)  # stdout holds the fixed text
        report.err.flush()
    elif out:
        write_stdout(out.encode("utf-8", "replace"))
    findings = sum(len(f.findings) for f in files)
    errors = any(d.severity == "error" for f in files for d in f.findings)
    fixed = sum(r.fixed for r in results)
    if not report.quiet and (files or not report.failed):
        report.echo(_summary(findings, fixed, files, job))
    if errors or report.failed:
        return EXIT_ERROR
    if findings or (job.diff and diffs):
        return EXIT_CHANGES
    return EXIT_OK


def _summary(findings: int, fixed: int, files: list[FileFindings], job: CheckJob) -> str:
    from kyaml.rules import RULES

    fixable = sum(
        1 for f in files for d in f.findings if d.fix is not None and RULES[d.code].fixable
    )
    checked = f"{len(files)} file{'s' if len(files) != 1 else ''} checked"
    if job.diff:
        return f"{checked}: {fixable} fix{'es' if fixable != 1 else ''} would be made"
    parts = []
    if fixed:
        parts.append(f"{fixed} fixed")
    if findings:
        more = f" ({fixable} fixable with `kyaml check --fix`)" if fixable and not job.fix else ""
        parts.append(f"{findings} finding{'s' if findings != 1 else ''}{more}")
    else:
        parts.append("all checks passed")
    return f"{checked}: {', '.join(parts)}"


def rule(code: str | None) -> int:
    """``kyaml rule CODE``: the rule's explanation; without a code, the list of rules."""
    from kyaml.rules import markdown_rule, rule_table

    if code is None:
        write_stdout(rule_table().encode("utf-8"))
        return EXIT_OK
    found = rule_for(code)
    if found is None:
        sys.stderr.write(f"error: unknown rule {code!r}; `kyaml rule` lists them\n")
        return EXIT_ERROR
    write_stdout(markdown_rule(found).encode("utf-8"))
    return EXIT_OK
