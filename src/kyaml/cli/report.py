"""What the command tells the user: per-file messages, the summary line and the exit code.

Everything goes to stderr except formatted text and diffs, which go to stdout. Errors are always
shown; ``--quiet`` hides everything else, ``--verbose`` adds unchanged and skipped files and
``info`` diagnostics. The exit code follows from the counts: 2 when any file failed, 1 when
``--check``/``--diff`` found a file to change, else 0.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Literal, TextIO

    Status = Literal["changed", "unchanged", "skipped", "failed"]
    Kind = Literal["error", "warning", "info", "trace"]


EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_ERROR = 2

_STYLES = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[36m",
    "bold": "\x1b[1m",
    "+": "\x1b[32m",
    "-": "\x1b[31m",
    "@": "\x1b[36m",
}
_RESET = "\x1b[0m"


def want_color(flag: bool | None, stream: TextIO) -> bool:
    """Colour when asked, else when ``stream`` is a terminal and ``NO_COLOR`` is not set."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Result:
    """The outcome of one file, built where it was formatted (maybe another process)."""

    __slots__ = ("diff", "messages", "name", "note", "output", "status")

    def __init__(
        self,
        name: str,
        status: Status,
        messages: list[tuple[Kind, str]] | None = None,
        *,
        diff: str = "",
        output: bytes | None = None,
        note: str = "",
    ) -> None:
        self.name = name
        self.status: Status = status
        self.messages: list[tuple[Kind, str]] = messages if messages is not None else []
        self.diff = diff
        self.output = output
        self.note = note

    def __repr__(self) -> str:
        return f"Result({self.name!r}, {self.status!r}, {self.messages!r})"


def _plural(count: int, what: str = "file") -> str:
    return f"{count} {what}{'' if count == 1 else 's'}"


class Report:
    """Collects results, prints what each one means, and knows the exit code."""

    def __init__(
        self,
        *,
        check: bool = False,
        diff: bool = False,
        quiet: bool = False,
        verbose: bool = False,
        color: bool = False,
        color_flag: bool | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.check = check
        self.diff = diff
        self.quiet = quiet
        self.verbose = verbose
        self.color = color
        self.color_flag = color_flag
        self.err: TextIO = err if err is not None else sys.stderr
        self.changed = 0
        self.unchanged = 0
        self.skipped = 0
        self.failed = 0
        self.progress_active = False

    def style(self, text: str, key: str) -> str:
        """``text`` in the colour for ``key`` when colour is on."""
        return f"{_STYLES[key]}{text}{_RESET}" if self.color else text

    def echo(self, line: str) -> None:
        """One line on stderr, clearing a progress bar first so the two never share a line."""
        prefix = "\r\x1b[K" if self.progress_active else ""
        self.err.write(f"{prefix}{line}\n")
        self.err.flush()

    def message(self, kind: Kind, text: str) -> None:
        """An error, diagnostic or traceback line, shown or not according to -q/-v."""
        if kind == "trace":
            if self.verbose:
                self.echo(text.rstrip("\n"))
            return
        if kind == "info" and not self.verbose:
            return
        if kind != "error" and self.quiet:
            return
        marker = f": {kind}: "
        head, sep, tail = text.partition(marker)
        if sep and self.color:
            text = f"{self.style(head, 'bold')}: {self.style(kind + ':', kind)} {tail}"
        self.echo(text)

    def error(self, text: str) -> None:
        """An error not tied to one file's result (a bad path, a bad config file)."""
        self.failed += 1
        self.message("error", text)

    def add(self, result: Result, *, announce: bool = True) -> None:
        """Count ``result`` and print its messages and its one-line verdict."""
        for kind, text in result.messages:
            self.message(kind, text)
        if result.status == "failed":
            self.failed += 1
            return
        if result.status == "skipped":
            self.skipped += 1
            if self.verbose:
                self.echo(f"skipped {result.name}{f' ({result.note})' if result.note else ''}")
            return
        if result.status == "unchanged":
            self.unchanged += 1
            if self.verbose and announce:
                self.echo(f"{result.name} already well formatted")
            return
        self.changed += 1
        if announce and not self.quiet:
            verb = "would reformat" if self.check or self.diff else "reformatted"
            self.echo(self.style(f"{verb} {result.name}", "bold"))

    def summary(self) -> str:
        """The black-style closing line, e.g. ``2 files reformatted, 1 file left unchanged``."""
        would = self.check or self.diff
        parts = []
        if self.changed:
            verb = "would be reformatted" if would else "reformatted"
            parts.append(self.style(f"{_plural(self.changed)} {verb}", "bold"))
        if self.unchanged:
            verb = "would be left unchanged" if would else "left unchanged"
            parts.append(f"{_plural(self.unchanged)} {verb}")
        if self.skipped and self.verbose:
            parts.append(f"{_plural(self.skipped)} skipped")
        if self.failed:
            verb = "would fail to reformat" if would else "failed to reformat"
            parts.append(self.style(f"{_plural(self.failed)} {verb}", "error"))
        return ", ".join(parts) if parts else "no files formatted"

    @property
    def exit_code(self) -> int:
        """2 on any failure, 1 when a check or diff found changes, else 0."""
        if self.failed:
            return EXIT_ERROR
        if self.changed and (self.check or self.diff):
            return EXIT_CHANGES
        return EXIT_OK

    def colored_diff(self, diff: str, color: bool) -> str:
        """A unified diff with added, removed and hunk lines coloured when ``color``."""
        if not color:
            return diff
        lines = []
        for line in diff.splitlines(keepends=True):
            body, end = (line[:-1], "\n") if line.endswith("\n") else (line, "")
            if line.startswith(("+++", "---")):
                lines.append(f"{_STYLES['bold']}{body}{_RESET}{end}")
            elif line[:1] in ("+", "-", "@"):
                lines.append(f"{_STYLES[line[0]]}{body}{_RESET}{end}")
            else:
                lines.append(line)
        return "".join(lines)
