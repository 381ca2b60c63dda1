"""KYAML or any YAML/JSON text → block YAML or JSON, over the formatter's own reader (SPEC §5).

Both functions read with :func:`kyaml._documents.compose_all`, exactly as the formatter does (same
schemas, same diagnostics, same errors), and only the emitter differs.

Block YAML has fewer places for comments than KYAML, and the reader attaches comments by rules
that turn on blank lines and indentation (SPEC §1). The block emitter places them by
those rules; as a guarantee, when the stream has comments its block YAML is read back once and
any document whose KYAML would change is written in flow style (as KYAML, which is YAML too).
"""

from __future__ import annotations

from collections.abc import Callable

from kyaml._documents import compose_all
from kyaml._json import emit_json, first_comment
from kyaml._kyaml import emit_stream
from kyaml._load import compose_stream
from kyaml._tree import Document, Stream
from kyaml._yaml import emit_yaml
from kyaml.errors import Diagnostic

OnDiagnostic = Callable[[Diagnostic], None]


def to_yaml(
    text: str,
    *,
    schema: str = "reference",
    on_diagnostic: OnDiagnostic | None = None,
    strict: bool = False,
) -> str:
    """``text`` (KYAML, YAML or JSON) as conventional block YAML, comments kept.

    The style is ``kubectl get -o yaml``'s; strings are quoted where any YAML 1.1 or 1.2 reader
    could take them for something else; multi-line strings become literal blocks where that reads
    back exactly. Documents are separated by ``---`` lines; the first has none unless its first
    comments hold a blank line. Every comment is kept; the rare collection whose comments have no
    place in block layout is written in flow style (KYAML, which is YAML too). Formatting the
    result as KYAML gives back the KYAML of ``text``, and ``to_yaml`` of the result is the result.
    ``schema``, ``on_diagnostic`` and ``strict`` mean what they mean for the formatter. Raises
    :class:`kyaml.KyamlError` for input the formatter refuses.
    """
    stream = compose_all(text, schema=schema, on_diagnostic=on_diagnostic, strict=strict)
    return block_yaml(stream)


def to_json(
    text: str,
    *,
    schema: str = "reference",
    on_diagnostic: OnDiagnostic | None = None,
    strict: bool = False,
) -> str:
    """``text`` (KYAML, YAML or JSON) as JSON with two-space indents, newline-terminated.

    One document gives one JSON value; several documents give a JSON array of them, in order; no
    document at all (empty or comment-only input) gives ``null``. Comments are dropped with one
    ``info`` diagnostic. Raises :class:`kyaml.KyamlError` for ``.inf``/``.nan`` (JSON has no such
    numbers), naming the position, and for input the formatter refuses.
    """
    stream = compose_all(text, schema=schema, on_diagnostic=on_diagnostic, strict=strict)
    return emit_json(stream, on_diagnostic)


def block_yaml(stream: Stream) -> str:
    """The block YAML of a stream that reads back as the same KYAML, comments included."""
    text = emit_yaml(stream)
    if first_comment(stream) is None:
        return text
    expected = [_kyaml(doc) for doc in stream.documents]
    flow: set[int] = set()
    while True:
        back = compose_stream(text).documents
        if len(back) == len(expected):
            changed = {i for i, doc in enumerate(back) if _kyaml(doc) != expected[i]}
        else:  # pragma: no cover - the emitter writes one `---` per document
            changed = set(range(len(expected)))
        if not changed or len(flow) == len(expected):
            return text
        # a document can read differently after a block document: then all are kept in flow
        flow = flow | changed if not changed <= flow else set(range(len(expected)))
        text = emit_yaml(stream, flow)


def _kyaml(doc: Document) -> str:
    return emit_stream(Stream([doc]))
