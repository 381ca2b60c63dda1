"""One large UTF-8 stream formatted document by document, across processes, its output spooled.

Formatted whole, a big stream (``kubectl get -A -o yaml`` of a cluster) would hold its bytes,
its text (up to four bytes a character in Python), its tree and its output at once. Here the
bytes are cut at ``---`` lines (:mod:`kyaml._reader.split`) and each document is decoded, read,
written as KYAML, encoded and appended to a temporary file in turn, so memory holds the input
bytes and one document. The caller copies the temporary file out only once the whole stream is
formatted: a failure still writes nothing.

With several jobs, the stream is cut into batches of documents at ``---`` lines with no comment
next to them (so every comment stays with its document, read as in the whole stream), and worker
processes format the batches while this process writes their output in order. Forked workers
inherit the bytes instead of receiving them.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterator
from itertools import repeat

from kyaml._api import OnDiagnostic, format_spans
from kyaml._reader import Span, UnjoinableError, split_utf8
from kyaml.cli import interrupts
from kyaml.cli.source import decode_error
from kyaml.errors import Diagnostic
from kyaml.options import Options

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import IO, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_BATCH_MIN = 64 * 1024
_BATCH_MAX = 1 << 20
# Batches per worker: more even out the work at the end, fewer cost less to hand out.
_BATCHES_PER_JOB = 8


class ByteStream:
    """The UTF-8 bytes of a stream, without byte-order mark, and how its lines end."""

    __slots__ = ("bom", "data", "newline")

    def __init__(self, data: bytes) -> None:
        self.bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        self.data = data[len(self.bom) :] if self.bom else data
        first = self.data.find(b"\n")
        self.newline = "\r\n" if first > 0 and self.data[first - 1] == 13 else "\n"

    def text(self, start: int, stop: int, line: int) -> str:
        """The normalized text of ``data[start:stop]``, which begins at ``line``."""
        try:
            text = self.data[start:stop].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise decode_error(self.data[start:stop], exc, "utf-8").moved(line) from None
        return text.replace("\r\n", "\n") if "\r" in text else text

    def encode(self, text: str) -> bytes:
        """KYAML text as bytes with the stream's line ends."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return text.encode("utf-8")


def format_to(stream: ByteStream, options: Options, jobs: int, out: IO[bytes]) -> list[Diagnostic]:
    """Write the KYAML of ``stream``, formatted with the library's ``options``, to ``out`` (an
    empty, seekable file) and return the diagnostics. Raises :class:`kyaml.KyamlError` for input
    that cannot be formatted, after writing part of it: ``out`` is only to be used when this
    returns."""
    spans = split_utf8(stream.data)
    out.write(stream.bom)
    notes: list[Diagnostic] = []
    batches = _batches(stream.data, spans, jobs) if jobs > 1 else []
    if len(batches) > 1 and _parallel(
        stream, options, batches, spans, jobs=jobs, out=out, notes=notes
    ):
        return notes
    out.seek(len(stream.bom))
    out.truncate()
    notes.clear()
    for chunk in _serial(stream, spans, options, notes.append):
        out.write(chunk)
    return notes


def first_text(stream: ByteStream) -> str:
    """The text of the stream's first document (where a ``# kyaml: off`` header would be)."""
    start, stop, line = split_utf8(stream.data[: 1 << 16])[0]
    return stream.text(start, stop, line)


def _serial(
    stream: ByteStream,
    spans: list[Span],
    options: Options,
    note: OnDiagnostic,
    *,
    at_start: bool = True,
    at_end: bool = True,
) -> Iterator[bytes]:
    """The encoded KYAML of each document at ``spans`` in turn, read one at a time."""
    texts = format_spans(spans, stream.text, options, note, at_start=at_start, at_end=at_end)
    for text in texts:
        yield stream.encode(text)


def _batches(data: bytes, spans: list[Span], jobs: int) -> list[tuple[int, int]]:
    """Runs of several documents each, as ``(first, end)`` indexes into ``spans``, cut at
    ``---`` lines with no comment beside them."""
    size = min(_BATCH_MAX, max(_BATCH_MIN, len(data) // (jobs * _BATCHES_PER_JOB)))
    batches: list[tuple[int, int]] = []
    first = 0
    for i in range(1, len(spans)):
        start = spans[i][0]
        if start - spans[first][0] >= size and _clean_cut(data, start):
            batches.append((first, i))
            first = i
    batches.append((first, len(spans)))
    return batches


def _clean_cut(data: bytes, start: int) -> bool:
    """Whether no comment stands on the ``---`` line at ``start``, on the blank-or-comment lines
    after it, or on the last non-blank line before it."""
    end = data.find(b"\n", start)
    if end < 0 or b"#" in data[start:end]:
        return False
    after = data[end + 1 : end + 1 + 256].lstrip(b" \t\r\n")
    if after.startswith(b"#"):
        return False
    before = data[max(0, start - 256) : start].rstrip(b" \t\r\n")
    return b"\n" not in before or not before.rsplit(b"\n", 1)[-1].lstrip(b" \t").startswith(b"#")


# --- worker processes -------------------------------------------------------------------------

_INHERITED: dict[str, Any] = {}


def _inherit(stream: ByteStream, spans: list[Span]) -> None:
    _INHERITED["stream"] = stream
    _INHERITED["spans"] = spans


def _format_batch(
    batch: tuple[int, int], options: Options
) -> tuple[bytes, list[Diagnostic]] | None:
    """A batch's encoded KYAML and diagnostics, read one document at a time; None when a
    document is tied to one in the next or previous batch."""
    stream: ByteStream = _INHERITED["stream"]
    spans: list[Span] = _INHERITED["spans"]
    first, end = batch
    notes: list[Diagnostic] = []
    at = {"at_start": first == 0, "at_end": end == len(spans)}
    try:
        chunks = list(_serial(stream, spans[first:end], options, notes.append, **at))
    except UnjoinableError:
        return None
    return b"".join(chunks), notes


def _parallel(
    stream: ByteStream,
    options: Options,
    batches: list[tuple[int, int]],
    spans: list[Span],
    *,
    jobs: int,
    out: IO[bytes],
    notes: list[Diagnostic],
) -> bool:
    """Format the batches in worker processes, in order into ``out``; False when this process
    is to read the stream instead: no processes here, or comments that tie two batches
    together. A document's error is raised as reading it here would raise it."""
    pool = _make_pool(min(jobs, len(batches)), stream, spans)
    if pool is None:
        return False
    done = True
    try:
        with interrupts.blocked():  # the workers start (fork) here
            results = pool.map(_format_batch, batches, repeat(options))
        for result in results:
            if result is None:
                done = False
                break
            out.write(result[0])
            notes.extend(result[1])
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            interrupts.ignore()
        interrupts.stop_workers(pool)
        raise
    pool.shutdown(wait=False, cancel_futures=True)
    return done


def _make_pool(workers: int, stream: ByteStream, spans: list[Span]) -> ProcessPoolExecutor | None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        return ProcessPoolExecutor(
            workers,
            context,
            initializer=interrupts.worker_start,
            initargs=(os.getpid(), _inherit, stream, spans),
        )
    except (OSError, ImportError, NotImplementedError, ValueError):
        return None
