"""Formatting and converting documents: one file, stdin, or many files across processes.

Every function here turns an input into a :class:`~kyaml.cli.report.Result` and never raises for
bad input: library errors, decoding errors, I/O errors and unexpected exceptions all become
error messages, so one bad file never stops the others. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Sequence
from itertools import repeat

from kyaml.cli import interrupts
from kyaml.cli.collector import paused
from kyaml.cli.opened import MAX_FILE_SIZE, Identity, open_file
from kyaml.cli.report import Result
from kyaml.cli.source import Source, decode
from kyaml.cli.write import write_file
from kyaml.errors import Diagnostic, KyamlError
from kyaml.options import DEFAULT
from kyaml.options import Options as LibraryOptions

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from typing import IO, Literal

    from kyaml.cli.report import Kind

    Target = Literal["kyaml", "yaml", "json"]


class RunOptions:
    """How to format: passed unchanged to every file, and to worker processes.

    ``library`` is what the library is told; the others are the command's own: whether to
    write changed files back (``write_through``: in place where a rename would lose the owner,
    group, hard links or extended attributes), whether to show diffs, and the largest file read.
    """

    __slots__ = ("diff", "library", "markdown_yaml", "max_size", "write", "write_through")

    def __init__(
        self,
        library: LibraryOptions = DEFAULT,
        *,
        markdown_yaml: bool = False,
        write: bool = True,
        diff: bool = False,
        write_through: bool = False,
        max_size: int = MAX_FILE_SIZE,
    ) -> None:
        self.library = library
        #: Whether Markdown files' ``yaml`` blocks are converted to KYAML too.
        self.markdown_yaml = markdown_yaml
        self.write = write
        self.diff = diff
        self.write_through = write_through
        self.max_size = max_size

    @property
    def compact(self) -> bool:
        """Whether each document goes on one line."""
        return self.library.compact

    def __repr__(self) -> str:
        return (
            f"RunOptions(library={self.library!r}, write={self.write!r}, diff={self.diff!r},"
            f" write_through={self.write_through!r}, max_size={self.max_size!r})"
        )


def opted_out(text: str) -> bool:
    """Whether the file's header (its leading comment, blank, ``---`` and ``%`` directive
    lines) holds a ``# kyaml: off`` line."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        line = text[start:end].strip()
        if line.startswith("#"):
            if " ".join(line[1:].replace(":", ": ").split()).lower() == "kyaml: off":
                return True
        elif line and line != "---" and not line.startswith("%"):
            return False
        start = end + 1
    return False


def _error_line(exc: KyamlError, name: str) -> str:
    if exc.line:
        return exc.format(name)
    return f"{name}: error: {exc.message} [{exc.code}]"


def _internal_error(name: str, exc: BaseException) -> Result:
    """An unexpected exception as a failed result: a one-line error, the traceback for -v.
    A lack of memory is no bug of kyaml's: it is said plainly."""
    import traceback

    if isinstance(exc, MemoryError):
        return Result(name, "failed", [("error", f"{name}: error: out of memory")])

    messages: list[tuple[Kind, str]] = [
        ("error", f"{name}: error: internal error: {type(exc).__name__}: {exc}"),
        ("trace", traceback.format_exc()),
    ]
    return Result(name, "failed", messages)


def _lines(text: str) -> list[str]:
    """``text`` split after each ``\\n`` only (not at the other characters splitlines uses)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff of two texts, marking a last line that has no newline as diff does."""
    import difflib

    out = []
    for line in difflib.unified_diff(
        _lines(before), _lines(after), f"{name}\t(original)", f"{name}\t(formatted)"
    ):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def _library_call(
    text: str,
    target: Target,
    options: RunOptions,
    on_diagnostic: Callable[[Diagnostic], None],
    markdown: bool = False,
) -> str:
    """Call the library (imported here, lazily) for one conversion; ``markdown``: the text is
    Markdown, whose KYAML blocks are formatted."""
    from kyaml import _api

    with paused():
        if markdown:
            from kyaml.markdown import format_markdown

            return format_markdown(
                text,
                options=options.library,
                on_diagnostic=on_diagnostic,
                convert_yaml=options.markdown_yaml,
            )
        if target == "kyaml":
            return _api.format_str(text, on_diagnostic=on_diagnostic, options=options.library)
        convert = _api.to_yaml if target == "yaml" else _api.to_json
        library = options.library.replace(compact=False)
        return convert(text, on_diagnostic=on_diagnostic, options=library)


def format_bytes(
    data: bytes, name: str, options: RunOptions, target: Target = "kyaml", *, convert: bool = False
) -> Result:
    """Format (or ``convert``) one document's bytes; the new bytes are in ``Result.output``.

    Formatting keeps the input's encoding and line endings, and skips a file whose header says
    ``# kyaml: off``; a conversion makes new text, written as plain UTF-8 with ``\\n``.
    """
    messages: list[tuple[Kind, str]] = []
    try:
        source = decode(data)
        if not convert and opted_out(source.text):
            return Result(name, "skipped", output=data, note="kyaml: off")
        diagnostics: list[Diagnostic] = []
        try:
            markdown = not convert and name.lower().endswith((".md", ".markdown"))
            text = _library_call(source.text, target, options, diagnostics.append, markdown)
        finally:
            messages.extend((d.severity, d.format(name)) for d in diagnostics)
        new = (Source("") if convert else source).encode(text)
    except KyamlError as exc:
        messages.append(("error", _error_line(exc, name)))
        return Result(name, "failed", messages)
    except Exception as exc:
        result = _internal_error(name, exc)
        result.messages[:0] = messages
        return result
    if new == data:
        return Result(name, "unchanged", messages, output=new)
    diff = unified_diff(source.text, text, name) if options.diff else ""
    return Result(name, "changed", messages, diff=diff, output=new)


BULK_FROM_BYTES = 1 << 20
"""Streams at least this large are formatted document by document (:mod:`kyaml.cli.bulk`)."""


def format_bulk(data: bytes, name: str, options: RunOptions, jobs: int, out: IO[bytes]) -> Result:
    """Format a large UTF-8 stream document by document into ``out``, an empty temporary file
    that holds the KYAML unless the result failed or carries its own output (a stream in
    another encoding, formatted whole, or one left alone)."""
    if data.startswith(_WIDE_BOMS) or b"\0" in data[:4]:  # UTF-16/32, or not text: see decode
        return format_bytes(data, name, options)
    if name.lower().endswith((".md", ".markdown")):  # Markdown: its blocks, formatted whole
        return format_bytes(data, name, options)
    if _turned_off(data):  # documents left as written: the stream is formatted whole
        return format_bytes(data, name, options)
    messages: list[tuple[Kind, str]] = []
    try:
        from kyaml.cli.bulk import ByteStream, first_text, format_to

        stream = ByteStream(data)
        if opted_out(first_text(stream)):
            return Result(name, "skipped", output=data, note="kyaml: off")
        with paused():
            notes = format_to(stream, options.library, jobs, out)
    except KyamlError as exc:
        messages.append(("error", _error_line(exc, name)))
        return Result(name, "failed", messages)
    except Exception as exc:
        return _internal_error(name, exc)
    messages.extend((d.severity, d.format(name)) for d in notes)
    return Result(name, "changed", messages)


# A `# kyaml: off` comment, wherever it stands (kyaml._reader.opt_out tells what it keeps).
_OFF_COMMENT = rb"#[ \t]*kyaml[ \t]*:[ \t]*off(?![\w-])"


def _turned_off(data: bytes) -> bool:
    """Whether ``data`` holds a ``# kyaml: off`` comment: the pattern is tried only at the
    ``#`` before each of the words, found by a scan far faster than the pattern's own
    (:data:`kyaml._reader.opt_out.WORDS`)."""
    from kyaml._reader.opt_out import WORDS  # large streams only: the import is paid once

    for word in (w.encode("ascii") for w in WORDS):
        at = data.find(word)
        while at >= 0:
            start = data.rfind(b"\n", 0, at) + 1
            mark = data.rfind(b"#", start, at)
            if (
                mark >= 0
                and (mark == start or data[mark - 1 : mark] in (b" ", b"\t"))
                and re.match(_OFF_COMMENT, data[mark : mark + 80], re.IGNORECASE) is not None
            ):
                return True
            at = data.find(word, at + len(word))
    return False


# UTF-16 and UTF-32 byte-order marks (the UTF-32-LE mark starts with the UTF-16-LE one).
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


#: A file to format: the path to open (resolved once, when it was selected), the name shown,
#: and the identity the selection saw (:func:`kyaml.cli.opened.selected`).
FileJob = tuple[str, str, Identity | None]


def process_file(path: str, name: str, seen: Identity | None, options: RunOptions) -> Result:
    """Format the file at ``path`` (shown as ``name``), writing it back when it changed.

    The file is opened once, without following a link, and must still be the regular file
    ``seen`` when it was selected; the rewrite goes through the same folder descriptor.
    """
    try:
        with open_file(path, seen, options.max_size) as opened:
            data = opened.read(options.max_size)
            result = format_bytes(data, name, options)
            if result.status == "changed" and options.write and result.output is not None:
                write_file(opened, result.output, write_through=options.write_through)
    except OSError as exc:
        return Result(name, "failed", [("error", f"{name}: error: {exc.strerror or exc}")])
    except Exception as exc:
        return _internal_error(name, exc)
    result.output = None  # the bytes are written; do not send them back between processes
    return result


def _process_in_worker(path: str, name: str, seen: Identity | None, options: RunOptions) -> Result:
    """:func:`process_file` in a worker process, which leaves on SIGTERM once it is done."""
    return interrupts.in_worker(process_file, path, name, seen, options)


def run_files(
    files: Sequence[FileJob],
    options: RunOptions,
    jobs: int,
    on_result: Callable[[Result], None],
) -> None:
    """Format ``(path, name, seen)`` jobs; ``on_result`` sees the results in input order.

    With ``jobs > 1`` and enough input to repay starting processes (:data:`POOL_FROM_BYTES`),
    the files are shared out to a process pool; otherwise they run here, one by one.
    """
    workers = min(jobs, len(files))
    if workers > 1 and _total_size(files) >= POOL_FROM_BYTES:
        _preload()
        pool = _make_pool(workers)
        if pool is not None:
            paths = [path for path, _, _ in files]
            names = [name for _, name, _ in files]
            seen = [identity for _, _, identity in files]
            chunk = max(1, len(files) // (workers * 8))
            try:
                with interrupts.blocked():  # the workers start (fork) here
                    results = pool.map(
                        _process_in_worker, paths, names, seen, repeat(options), chunksize=chunk
                    )
                for result in results:
                    on_result(result)
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    interrupts.ignore()
                interrupts.stop_workers(pool)
                raise
            pool.shutdown()
            return
    for path, name, identity in files:
        on_result(process_file(path, name, identity, options))


POOL_FROM_BYTES = 256 * 1024
"""Below this much input, formatting in-process (about a quarter of a second for 3 KB
manifests) beats starting worker processes."""


def _total_size(files: Sequence[FileJob]) -> int:
    total = 0
    for path, _, _ in files:
        with contextlib.suppress(OSError):  # a missing file is reported when it is read
            total += os.stat(path).st_size
        if total >= POOL_FROM_BYTES:
            break
    return total


def _preload() -> None:
    """Import the formatter before forking, so that workers inherit it instead of importing it."""
    import kyaml._api  # noqa: F401


def _make_pool(workers: int) -> ProcessPoolExecutor | None:
    """A process pool, or None where processes cannot be started (then files run in-process).
    Its workers leave Ctrl-C to this process and die with it (:mod:`kyaml.cli.interrupts`)."""
    from concurrent.futures import ProcessPoolExecutor

    try:
        return ProcessPoolExecutor(
            max_workers=workers, initializer=interrupts.worker_start, initargs=(os.getpid(),)
        )
    except (OSError, ImportError, NotImplementedError):
        return None


def cpu_count() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
