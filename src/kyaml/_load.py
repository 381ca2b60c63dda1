"""The reading side of the public API: YAML or JSON text → KYAML text, or → Python data.

``format_str`` is the formatter's engine; ``loads``/``load`` mirror :mod:`json`. All of them
read the input through :mod:`kyaml._documents` (one document at a time, each composed by
:func:`kyaml._compose.compose_stream`), so every path reads YAML alike.
"""

from __future__ import annotations

from typing import IO, Any

from kyaml._compose import OnDiagnostic, compose_stream
from kyaml._documents import Part, compose_all, compose_documents
from kyaml._kyaml import emit_stream
from kyaml.errors import KyamlError

__all__ = ["compose_stream", "format_str", "load", "load_all", "loads", "loads_all"]


def format_str(
    text: str,
    *,
    compact: bool = False,
    schema: str = "reference",
    strict: bool = False,
    on_diagnostic: OnDiagnostic | None = None,
) -> str:
    """YAML or JSON text as KYAML text (SPEC §1), every comment kept (none in compact mode).

    ``schema`` reads plain scalars as ``"reference"`` (go-yaml v3, the default), ``"1.1"`` or
    ``"1.2"`` (SPEC §3.1). Diagnostics go to ``on_diagnostic``; ``strict`` makes the first
    ambiguity a :class:`KyamlError`. Input that cannot be formatted safely raises
    :class:`KyamlError` and nothing is returned.
    """
    documents = compose_documents(
        text, schema=schema, on_diagnostic=on_diagnostic, strict=strict, compact=compact
    )
    return "".join([part_text(part, compact) for part in documents])


def part_text(part: Part, compact: bool = False) -> str:
    """The KYAML of one part of a stream, led by the comments it hands to the part before."""
    text = emit_stream(part.stream, compact=compact)
    if part.lead and not compact:  # compact mode writes no comments
        return "".join(line + "\n" if line else "\n" for line in part.lead) + text
    return text


def loads_all(text: str, *, schema: str = "reference") -> list[Any]:
    """The Python data of every document in a YAML, KYAML or JSON stream."""
    from kyaml._data import to_python  # not needed to format: imported on first use

    stream = compose_all(text, schema=schema)
    return [to_python(doc.root) for doc in stream.documents]


def loads(text: str, *, schema: str = "reference") -> Any:
    """The Python data of a YAML, KYAML or JSON text holding exactly one document."""
    from kyaml._data import to_python

    stream = compose_all(text, schema=schema)
    count = len(stream.documents)
    if count != 1:
        raise KyamlError(f"expected exactly one document, found {count}")
    return to_python(stream.documents[0].root)


def load(fp: IO[str], *, schema: str = "reference") -> Any:
    """:func:`loads` of a text file object's content."""
    return loads(fp.read(), schema=schema)


def load_all(fp: IO[str], *, schema: str = "reference") -> list[Any]:
    """:func:`loads_all` of a text file object's content."""
    return loads_all(fp.read(), schema=schema)
