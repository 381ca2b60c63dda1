"""The public functions, thin over the pipeline: text → tree (:mod:`kyaml._reader`) → text
(:mod:`kyaml._emit`), and Python data ⇄ tree (:mod:`kyaml._data`).

``format_str`` is the formatter's engine; ``loads``/``load`` and ``dumps``/``dump`` mirror
:mod:`json`; ``to_yaml`` and ``to_json`` write a stream back as block YAML or JSON. Every reading
function reads alike (one document at a time, same schemas, same diagnostics, same errors); each
builds one :class:`~kyaml.options.Options` from its keywords, or takes it whole as ``options=``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from kyaml._emit.kyaml import emit_stream
from kyaml._reader import (
    CommentCount,
    Part,
    Span,
    compose_all,
    compose_documents,
    compose_parts,
    compose_stream,
)
from kyaml._reader.decode import as_text
from kyaml._reader.documents import normalized
from kyaml._tree import Document, Stream
from kyaml.errors import Diagnostic, KyamlError
from kyaml.options import DEFAULT, Options, ReadOptions, build

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import IO, Any

if TYPE_CHECKING:
    from kyaml._data import Default
    from kyaml._reader.opt_out import KeptPlan

OnDiagnostic = Callable[[Diagnostic], None]

__all__ = [
    "dump",
    "dump_all",
    "dumps",
    "dumps_all",
    "format_str",
    "load",
    "load_all",
    "loads",
    "loads_all",
    "to_json",
    "to_yaml",
]


def format_str(
    text: str | bytes | bytearray,
    *,
    compact: bool = DEFAULT.compact,
    schema: str = DEFAULT.schema,
    strict: bool = DEFAULT.strict,
    on_diagnostic: OnDiagnostic | None = None,
    parser: str = DEFAULT.parser,
    blank_lines: str = DEFAULT.blank_lines,
    anchors: str = DEFAULT.anchors,
    options: Options | None = None,
) -> str:
    """YAML or JSON text as KYAML text (SPEC §1), every comment kept (none in compact mode).

    ``schema`` reads plain scalars as ``"reference"`` (go-yaml v3, the default), ``"1.1"`` or
    ``"1.2"`` (SPEC §3.1). Diagnostics go to ``on_diagnostic``; ``strict`` makes the first
    ambiguity a :class:`KyamlError`. ``parser`` is ``"auto"`` or ``"pure"``. ``blank_lines``
    ``"keep"`` writes one blank line where the input has one or more between entries, items
    and comment groups; ``"drop"`` writes none, as the reference does. ``anchors`` ``"expand"``
    writes every alias as a copy of its anchor's node; ``"keep"`` writes ``&name``/``*name``.
    Input that cannot be formatted safely raises :class:`KyamlError` and nothing is returned.
    """
    opts = build(
        options,
        compact=compact,
        schema=schema,
        strict=strict,
        parser=parser,
        blank_lines=blank_lines,
        anchors=anchors,
    )
    source = as_text(text)
    # opt_out.may_have_directives, spelt out: the module is imported only when the words occur
    if "kyaml" in source or "KYAML" in source or "Kyaml" in source:
        from kyaml._reader.opt_out import kept_documents

        source = normalized(source)
        plan = kept_documents(source, opts.read.parser)
        if plan is not None:
            return _format_kept(source, plan, opts, on_diagnostic)
    return format_whole(source, opts, on_diagnostic)


def format_whole(text: str, opts: Options, on_diagnostic: OnDiagnostic | None = None) -> str:
    """:func:`format_str` of every document, whatever ``# kyaml: off`` comments say."""
    parts = compose_documents(text, opts.read, on_diagnostic, _dropped(opts, on_diagnostic))
    return "".join([part_text(part, opts.compact) for part in parts])


def read_whole(text: str, opts: Options, on_diagnostic: OnDiagnostic | None = None) -> None:
    """Read every document of ``text`` as :func:`format_whole` does, writing nothing: its
    diagnostics, or its error (what ``kyaml check`` needs of a file it does not rewrite)."""
    for _ in compose_documents(text, opts.read, on_diagnostic):
        pass


_OFF_INSIDE = (
    "# kyaml: off inside a document: KYAML's flow style cannot keep part of a document as"
    " written, so the document is formatted"
)
_KEPT = "document left as written, as # kyaml: off above it asks"


def _format_kept(
    text: str, plan: KeptPlan, opts: Options, on_diagnostic: OnDiagnostic | None
) -> str:
    """Format the documents of ``text`` that ``plan`` does not keep; copy the others."""

    def report(diagnostic: Diagnostic) -> None:
        if on_diagnostic is not None:
            on_diagnostic(diagnostic)

    for line in plan.inside:
        report(Diagnostic(line, 1, "warning", _OFF_INSIDE, "KY502"))
    if not any(plan.kept):
        return format_whole(text, opts, on_diagnostic)
    out = []
    for n, ((start, end, line), off) in enumerate(zip(plan.spans, plan.kept, strict=True)):
        piece = text[start:end]
        if off:
            report(Diagnostic(off, 1, "warning", _KEPT, "KY503"))
            out.append(piece if piece.endswith("\n") else piece + "\n")
            continue
        tail = ""
        if n + 1 < len(plan.kept) and plan.kept[n + 1]:  # its last comments stay above the ---
            from kyaml._reader.opt_out import trailing_comments

            piece, tail = trailing_comments(piece, plan.content_ends[n] - start)

        def moved(diagnostic: Diagnostic, lines: int = line) -> None:
            report(diagnostic.moved(lines))

        try:
            if piece.strip():
                parts = compose_documents(piece, opts.read, moved, _dropped(opts, moved))
                out.append("".join([part_text(part, opts.compact) for part in parts]))
            out.append(tail)
        except KyamlError as exc:
            raise exc.moved(line) from None
    return "".join(out)


def format_spans(
    spans: list[Span],
    piece_of: Callable[[int, int, int], str],
    options: Options,
    on_diagnostic: OnDiagnostic | None = None,
    *,
    at_start: bool = True,
    at_end: bool = True,
) -> Iterator[str]:
    """The KYAML of the documents at ``spans`` of a stream, one part at a time (for streams too
    large to hold whole; :func:`kyaml._reader.compose_parts` says what the arguments mean)."""
    parts = compose_parts(
        spans,
        piece_of,
        options.read,
        on_diagnostic,
        _dropped(options, on_diagnostic),
        at_start=at_start,
        at_end=at_end,
    )
    return (part_text(part, options.compact) for part in parts)


def _dropped(
    options: Options, on_diagnostic: OnDiagnostic | None
) -> Callable[[CommentCount], None] | None:
    """Compact mode writes no comments: a warning for each document that had some."""
    if not options.compact or on_diagnostic is None:
        return None

    def report(seen: CommentCount) -> None:
        n = seen.number
        message = f"{n} comment{'s' if n != 1 else ''} dropped: compact mode writes no comments"
        on_diagnostic(Diagnostic(seen.line, seen.column, "warning", message, "KY501"))

    return report


def part_text(part: Part, compact: bool = False) -> str:
    """The KYAML of one part of a stream, led by the comments it hands to the part before."""
    text = emit_stream(part.stream, compact=compact)
    if part.lead and not compact:  # compact mode writes no comments
        return "".join(line + "\n" if line else "\n" for line in part.lead) + text
    return text


def loads_all(
    text: str | bytes | bytearray,
    *,
    schema: str = DEFAULT.schema,
    parser: str = DEFAULT.parser,
    options: Options | None = None,
) -> list[Any]:
    """The Python data of every document in a YAML, KYAML or JSON stream."""
    from kyaml._data import to_python  # not needed to format: imported on first use

    read = build(options, schema=schema, parser=parser).read.data_only()
    stream = compose_all(as_text(text), read)
    return [to_python(doc.root) for doc in stream.documents]


def loads(
    text: str | bytes | bytearray,
    *,
    schema: str = DEFAULT.schema,
    parser: str = DEFAULT.parser,
    options: Options | None = None,
) -> Any:
    """The Python data of a YAML, KYAML or JSON text holding exactly one document."""
    from kyaml._data import to_python

    read = build(options, schema=schema, parser=parser).read.data_only()
    stream = compose_all(as_text(text), read)
    count = len(stream.documents)
    if count != 1:
        raise KyamlError(f"expected exactly one document, found {count}")
    return to_python(stream.documents[0].root)


def load(
    fp: IO[str] | IO[bytes],
    *,
    schema: str = DEFAULT.schema,
    parser: str = DEFAULT.parser,
    options: Options | None = None,
) -> Any:
    """:func:`loads` of a file object's content (text, or bytes from a binary file)."""
    return loads(fp.read(), schema=schema, parser=parser, options=options)


def load_all(
    fp: IO[str] | IO[bytes],
    *,
    schema: str = DEFAULT.schema,
    parser: str = DEFAULT.parser,
    options: Options | None = None,
) -> list[Any]:
    """:func:`loads_all` of a file object's content (text, or bytes from a binary file)."""
    return loads_all(fp.read(), schema=schema, parser=parser, options=options)


def dumps(
    obj: Any,
    *,
    compact: bool = DEFAULT.compact,
    default: Default | None = None,
    sort_keys: bool | str = False,
    options: Options | None = None,
) -> str:
    """One complete KYAML document for ``obj``: a ``---`` line, the value, a final newline.

    Dataclasses, ``enum`` members (their ``.value``), pydantic v2 models (their JSON form, with
    aliases) and Kubernetes client models (their API field names, None fields left out) are
    written as the data they hold. ``sort_keys=True`` orders every mapping's keys
    alphabetically; ``sort_keys="kubernetes"`` puts ``apiVersion``, ``kind``, ``metadata``,
    ``spec``, ``data``, ``status`` first and keeps the others in order.

    Raises ``TypeError`` for a value of a type KYAML cannot hold (unless ``default`` converts it)
    and :class:`kyaml.KyamlError` for data that cannot be written faithfully (circular references,
    keys that collide once made strings).
    """
    return dumps_all([obj], compact=compact, default=default, sort_keys=sort_keys, options=options)


def dumps_all(
    objs: Iterable[Any],
    *,
    compact: bool = DEFAULT.compact,
    default: Default | None = None,
    sort_keys: bool | str = False,
    options: Options | None = None,
) -> str:
    """Several KYAML documents, one per item of ``objs``, in order (:func:`dumps`)."""
    from kyaml._data import from_python

    if not (sort_keys is True or sort_keys is False or sort_keys == "kubernetes"):
        raise ValueError(f"sort_keys must be True, False or 'kubernetes', not {sort_keys!r}")
    opts = build(options, compact=compact)
    stream = Stream([Document(from_python(obj, default, sort_keys)) for obj in objs])
    return emit_stream(stream, compact=opts.compact)


def dump(
    obj: Any,
    fp: IO[str],
    *,
    compact: bool = DEFAULT.compact,
    default: Default | None = None,
    sort_keys: bool | str = False,
    options: Options | None = None,
) -> None:
    """Write ``dumps(obj)`` to the text file ``fp``."""
    fp.write(dumps(obj, compact=compact, default=default, sort_keys=sort_keys, options=options))


def dump_all(
    objs: Iterable[Any],
    fp: IO[str],
    *,
    compact: bool = DEFAULT.compact,
    default: Default | None = None,
    sort_keys: bool | str = False,
    options: Options | None = None,
) -> None:
    """Write ``dumps_all(objs)`` to the text file ``fp``."""
    fp.write(
        dumps_all(objs, compact=compact, default=default, sort_keys=sort_keys, options=options)
    )


def to_yaml(
    text: str | bytes | bytearray,
    *,
    schema: str = DEFAULT.schema,
    on_diagnostic: OnDiagnostic | None = None,
    strict: bool = DEFAULT.strict,
    parser: str = DEFAULT.parser,
    blank_lines: str = DEFAULT.blank_lines,
    anchors: str = DEFAULT.anchors,
    options: Options | None = None,
) -> str:
    """``text`` (KYAML, YAML or JSON) as conventional block YAML, comments kept.

    The style is ``kubectl get -o yaml``'s; strings are quoted where any YAML 1.1 or 1.2 reader
    could take them for something else; multi-line strings become literal blocks where that reads
    back exactly. Documents are separated by ``---`` lines; the first has none unless its first
    comments hold a blank line. Every comment is kept; the rare collection whose comments have no
    place in block layout is written in flow style (KYAML, which is YAML too). Formatting the
    result as KYAML gives back the KYAML of ``text``, and ``to_yaml`` of the result is the result.
    ``schema``, ``on_diagnostic``, ``strict``, ``blank_lines`` and ``anchors`` mean what they
    mean for the formatter. Raises :class:`kyaml.KyamlError` for input the formatter refuses.
    """
    from kyaml._emit.yaml import block_yaml

    opts = build(
        options,
        schema=schema,
        strict=strict,
        parser=parser,
        blank_lines=blank_lines,
        anchors=anchors,
    )
    # the block YAML read as the formatter reads it
    back = ReadOptions(parser=opts.parser, blank_lines=opts.blank_lines, anchors=opts.anchors)

    def read_back(yaml: str) -> Stream:
        return compose_stream(yaml, back)

    stream = compose_all(as_text(text), opts.read, on_diagnostic)
    return block_yaml(stream, read_back, layout=opts.blank_lines == "keep")


def to_json(
    text: str | bytes | bytearray,
    *,
    schema: str = DEFAULT.schema,
    on_diagnostic: OnDiagnostic | None = None,
    strict: bool = DEFAULT.strict,
    parser: str = DEFAULT.parser,
    options: Options | None = None,
) -> str:
    """``text`` (KYAML, YAML or JSON) as JSON with two-space indents, newline-terminated.

    One document gives one JSON value; several documents give a JSON array of them, in order; no
    document at all (empty or comment-only input) gives ``null``. Comments are dropped with one
    ``info`` diagnostic. Raises :class:`kyaml.KyamlError` for ``.inf``/``.nan`` (JSON has no such
    numbers), naming the position, and for input the formatter refuses.
    """
    from kyaml._emit.json import emit_json

    opts = build(options, schema=schema, strict=strict, parser=parser)
    read = opts.read.data_only()
    return emit_json(compose_all(as_text(text), read, on_diagnostic), on_diagnostic)
