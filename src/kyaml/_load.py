"""The reading side of the public API: YAML or JSON text → KYAML text, or → Python data.

``format_str`` is the formatter's engine; ``loads``/``load`` mirror :mod:`json`. All of them
compose the input once (:func:`kyaml._compose.compose_stream`), so every path reads YAML alike.
"""

from __future__ import annotations

from typing import IO, Any

from kyaml._compose import OnDiagnostic, compose_stream
from kyaml._data import to_python
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
    stream = compose_stream(
        text, schema=schema, on_diagnostic=on_diagnostic, strict=strict, compact=compact
    )
    return emit_stream(stream, compact=compact)


def loads_all(text: str, *, schema: str = "reference") -> list[Any]:
    """The Python data of every document in a YAML, KYAML or JSON stream."""
    stream = compose_stream(text, schema=schema)
    return [to_python(doc.root) for doc in stream.documents]


def loads(text: str, *, schema: str = "reference") -> Any:
    """The Python data of a YAML, KYAML or JSON text holding exactly one document."""
    stream = compose_stream(text, schema=schema)
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
