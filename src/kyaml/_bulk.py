"""One large stream formatted document by document, across processes, its output spooled.

Formatted whole, a big stream (``kubectl get -A -o yaml`` of a cluster) would hold its input,
its tree and its output at once. Here the documents are read in turn (:mod:`kyaml._documents`)
and each one's KYAML is encoded and appended to a temporary file as soon as it is ready, so
memory holds the input and one document's tree. The caller copies the temporary file out only once
the whole stream is formatted: a failure still writes nothing.

With several jobs, the stream is cut into batches of documents at ``---`` lines with no comment
next to them (so every comment stays with its document, read as in the whole stream), and worker
processes format the batches while this process writes their output in order. Forked workers
inherit the text instead of receiving it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from itertools import repeat
from typing import IO, TYPE_CHECKING

from kyaml._compose import OnDiagnostic
from kyaml._documents import Part, compose_documents, compose_span
from kyaml._load import part_text
from kyaml._split import Span, split_documents
from kyaml.errors import Diagnostic

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from kyaml._run import Options
    from kyaml._write import Source

_BATCH_MIN = 64 * 1024
_BATCH_MAX = 1 << 20


def format_to(source: Source, options: Options, jobs: int, out: IO[bytes]) -> list[Diagnostic]:
    """Write the KYAML of ``source`` to ``out`` (an empty, seekable file) and return the
    diagnostics. Raises :class:`kyaml.KyamlError` for input that cannot be formatted, after
    writing part of it: ``out`` is only to be used when this returns."""
    out.write(source.bom)
    notes: list[Diagnostic] = []
    batches = _batches(source.text, jobs) if jobs > 1 and not options.compact else []
    if len(batches) > 1 and _parallel(source, options, batches, jobs=jobs, out=out, notes=notes):
        return notes
    out.seek(len(source.bom))
    out.truncate()
    notes.clear()
    for chunk in _serial(source, options, notes.append):
        out.write(chunk)
    return notes


def _encode(source: Source, text: str) -> bytes:
    if source.newline != "\n":
        text = text.replace("\n", source.newline)
    return text.encode(source.encoding)


def _serial(source: Source, options: Options, note: OnDiagnostic) -> Iterator[bytes]:
    """The encoded KYAML of each document in turn, read one at a time."""
    parts = compose_documents(
        source.text,
        schema=options.schema,
        strict=options.strict,
        compact=options.compact,
        on_diagnostic=note,
    )
    for part in parts:
        yield _encode(source, part_text(part, options.compact))


def _batches(text: str, jobs: int) -> list[tuple[Span, bool]]:
    """Spans of several documents each, cut at ``---`` lines with no comment beside them, and
    whether each is the stream's last."""
    spans = split_documents(text)
    size = min(_BATCH_MAX, max(_BATCH_MIN, len(text) // (jobs * 8)))
    batches: list[tuple[Span, bool]] = []
    begin = spans[0]
    for start, _, line in spans[1:]:
        if start - begin[0] >= size and _clean_cut(text, start):
            batches.append(((begin[0], start, begin[2]), False))
            begin = (start, 0, line)
    batches.append(((begin[0], len(text), begin[2]), True))
    return batches


def _clean_cut(text: str, start: int) -> bool:
    """Whether no comment stands on the ``---`` line at ``start``, on the blank-or-comment lines
    after it, or on the last non-blank line before it."""
    end = text.find("\n", start)
    if end < 0 or "#" in text[start:end]:
        return False
    after = text[end + 1 : end + 1 + 256].lstrip(" \t\n")
    if after.startswith("#"):
        return False
    before = text[max(0, start - 256) : start].rstrip(" \t\n")
    return "\n" not in before or not before.rsplit("\n", 1)[-1].lstrip(" \t").startswith("#")


# --- worker processes -------------------------------------------------------------------------

_INHERITED: dict[str, str] = {}


def _inherit(text: str) -> None:
    _INHERITED["text"] = text


def _format_batch(
    batch: tuple[Span, bool], options: Options, newline: str, encoding: str
) -> tuple[bytes, list[Diagnostic]] | None:
    """A batch's encoded KYAML and diagnostics; None when it must be read with a neighbour."""
    span, last = batch
    part = compose_span(
        _INHERITED["text"],
        span,
        last,
        schema=options.schema,
        strict=options.strict,
        compact=options.compact,
    )
    if not isinstance(part, Part):
        return None
    text = part_text(part, options.compact)
    if newline != "\n":
        text = text.replace("\n", newline)
    return text.encode(encoding), part.notes


def _parallel(
    source: Source,
    options: Options,
    batches: list[tuple[Span, bool]],
    *,
    jobs: int,
    out: IO[bytes],
    notes: list[Diagnostic],
) -> bool:
    """Format the batches in worker processes, in order into ``out``; False when that could
    not be done (no processes here, or comments that tie two batches together)."""
    pool = _make_pool(min(jobs, len(batches)), source.text)
    if pool is None:
        return False
    try:
        results = pool.map(
            _format_batch,
            batches,
            repeat(options),
            repeat(source.newline),
            repeat(source.encoding),
        )
        for result in results:
            if result is None:
                return False
            out.write(result[0])
            notes.extend(result[1])
        return True
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _make_pool(workers: int, text: str) -> ProcessPoolExecutor | None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        return ProcessPoolExecutor(workers, context, initializer=_inherit, initargs=(text,))
    except (OSError, ImportError, NotImplementedError, ValueError):
        return None
