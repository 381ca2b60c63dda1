"""One large UTF-8 stream formatted document by document, across processes, its output spooled.

Formatted whole, a big stream (``kubectl get -A -o yaml`` of a cluster) would hold its bytes,
its text (up to four bytes a character in Python), its tree and its output at once. Here the
bytes are cut at ``---`` lines (:mod:`kyaml._split`) and each document is decoded, read, written
as KYAML, encoded and appended to a temporary file in turn, so memory holds the input bytes and
one document. The caller copies the temporary file out only once the whole stream is
formatted: a failure still writes nothing.

With several jobs, the stream is cut into batches of documents at ``---`` lines with no comment
next to them (so every comment stays with its document, read as in the whole stream), and worker
processes format the batches while this process writes their output in order. Forked workers
inherit the bytes instead of receiving them.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator
from itertools import repeat
from typing import IO, TYPE_CHECKING

from kyaml._compose import OnDiagnostic
from kyaml._documents import Part, compose_parts, compose_piece, moved_error
from kyaml._load import part_text
from kyaml._split import Span, split_utf8
from kyaml.errors import Diagnostic, KyamlError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from kyaml._run import Options

_BATCH_MIN = 64 * 1024
_BATCH_MAX = 1 << 20


class Stream:
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
            raise _decode_error(self.data[start:stop], exc, line) from None
        return text.replace("\r\n", "\n") if "\r" in text else text

    def encode(self, text: str) -> bytes:
        """KYAML text as bytes with the stream's line ends."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return text.encode("utf-8")


def _decode_error(data: bytes, exc: UnicodeDecodeError, line: int) -> KyamlError:
    good = data[: exc.start].decode("utf-8", errors="replace")
    column = len(good) - (good.rfind("\n") + 1) + 1
    bad = data[exc.start : exc.end].hex(" ")
    message = f"not valid UTF-8 text ({exc.reason}: bytes {bad})"
    return moved_error(KyamlError(message, good.count("\n") + 1, column), line)


def format_to(stream: Stream, options: Options, jobs: int, out: IO[bytes]) -> list[Diagnostic]:
    """Write the KYAML of ``stream`` to ``out`` (an empty, seekable file) and return the
    diagnostics. Raises :class:`kyaml.KyamlError` for input that cannot be formatted, after
    writing part of it: ``out`` is only to be used when this returns."""
    spans = split_utf8(stream.data)
    out.write(stream.bom)
    notes: list[Diagnostic] = []
    batches = _batches(stream.data, spans, jobs) if jobs > 1 else []
    if len(batches) > 1 and _parallel(stream, options, batches, jobs=jobs, out=out, notes=notes):
        return notes
    out.seek(len(stream.bom))
    out.truncate()
    notes.clear()
    for chunk in _serial(stream, spans, options, notes.append):
        out.write(chunk)
    return notes


def first_text(stream: Stream) -> str:
    """The text of the stream's first document (where a ``# kyaml: off`` header would be)."""
    start, stop, line = split_utf8(stream.data[: 1 << 16])[0]
    return stream.text(start, stop, line)


def _serial(
    stream: Stream, spans: list[Span], options: Options, note: OnDiagnostic
) -> Iterator[bytes]:
    """The encoded KYAML of each document in turn, read one at a time."""
    parts = compose_parts(
        spans,
        stream.text,
        schema=options.schema,
        strict=options.strict,
        compact=options.compact,
        on_diagnostic=note,
    )
    for part in parts:
        yield stream.encode(part_text(part, options.compact))


def _batches(data: bytes, spans: list[Span], jobs: int) -> list[tuple[Span, bool]]:
    """Spans of several documents each, cut at ``---`` lines with no comment beside them, and
    whether each is the stream's last."""
    size = min(_BATCH_MAX, max(_BATCH_MIN, len(data) // (jobs * 8)))
    batches: list[tuple[Span, bool]] = []
    begin = spans[0]
    for start, _, line in spans[1:]:
        if start - begin[0] >= size and _clean_cut(data, start):
            batches.append(((begin[0], start, begin[2]), False))
            begin = (start, 0, line)
    batches.append(((begin[0], len(data), begin[2]), True))
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

_INHERITED: dict[str, Stream] = {}


def _inherit(stream: Stream) -> None:
    _INHERITED["stream"] = stream


def _format_batch(
    batch: tuple[Span, bool], options: Options
) -> tuple[bytes, list[Diagnostic]] | None:
    """A batch's encoded KYAML and diagnostics; None when it must be read with a neighbour."""
    stream = _INHERITED["stream"]
    (start, stop, line), last = batch
    part = compose_piece(
        stream.text(start, stop, line),
        line,
        first=start == 0,
        last=last,
        schema=options.schema,
        strict=options.strict,
        compact=options.compact,
    )
    if not isinstance(part, Part):
        return None
    return stream.encode(part_text(part, options.compact)), part.notes


def _parallel(
    stream: Stream,
    options: Options,
    batches: list[tuple[Span, bool]],
    *,
    jobs: int,
    out: IO[bytes],
    notes: list[Diagnostic],
) -> bool:
    """Format the batches in worker processes, in order into ``out``; False when they are to
    be read one document at a time instead: no processes here, comments that tie two batches
    together, or an error."""
    pool = _make_pool(min(jobs, len(batches)), stream)
    if pool is None:
        return False
    try:
        for result in pool.map(_format_batch, batches, repeat(options)):
            if result is None:
                return False
            out.write(result[0])
            notes.extend(result[1])
        return True
    except KyamlError:
        # A batch is read as one piece: its documents may need the pure parser one by one,
        # and the error to report is the first document's, as read alone.
        return False
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _make_pool(workers: int, stream: Stream) -> ProcessPoolExecutor | None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        return ProcessPoolExecutor(workers, context, initializer=_inherit, initargs=(stream,))
    except (OSError, ImportError, NotImplementedError, ValueError):
        return None
