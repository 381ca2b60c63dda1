"""Tree → JSON text, indented like ``json.dumps(data, indent=2, ensure_ascii=False)`` (SPEC §5).

One document gives one JSON value; several documents give a JSON array of them, in order; a stream
with no document (empty or comment-only input) gives ``null``, which is what an empty YAML stream
reads as. Comments are dropped, with a single diagnostic. JSON has no infinity or NaN, so such a
number is an error naming its position. Ints are written exactly, whatever their size, and a float
keeps its source text when that text is already valid JSON (``1.50`` stays ``1.50``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

from kyaml._patterns import LazyPattern
from kyaml._quote import float_text, int_text
from kyaml._tree import Mapping, Node, Scalar, Sequence, Stream, first_comment
from kyaml.errors import Diagnostic, KyamlError

_encode_string: Callable[[str], str] = json.JSONEncoder(ensure_ascii=False).encode
_JSON_NUMBER = LazyPattern(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def emit_json(stream: Stream, on_diagnostic: Callable[[Diagnostic], None] | None = None) -> str:
    """The JSON text of a stream, newline-terminated (see the module docstring)."""
    out: list[str] = []
    documents = stream.documents
    if not documents:
        out.append("null")
    elif len(documents) == 1:
        _node(documents[0].root, "\n", out)
    else:
        out.append("[")
        for index, doc in enumerate(documents):
            out.append(",\n  " if index else "\n  ")
            _node(doc.root, "\n  ", out)
        out.append("\n]")
    out.append("\n")
    if on_diagnostic is not None:
        where = first_comment(stream)
        if where is not None:
            on_diagnostic(
                Diagnostic(
                    where[0], where[1], "info", "comments dropped: JSON has no comments", "KY501"
                )
            )
    return "".join(out)


def _number(node: Scalar) -> str:
    value = node.value
    if isinstance(value, int):
        return int_text(value)
    assert isinstance(value, float)
    if math.isinf(value) or math.isnan(value):
        raise KyamlError(
            f"{float_text(value)} cannot be written as JSON, which has no infinity or NaN",
            node.line,
            node.column,
        )
    if node.text is not None and _JSON_NUMBER.fullmatch(node.text):
        return node.text
    return repr(value)


def _node(node: Node, newline: str, out: list[str]) -> None:
    """Write ``node``; ``newline`` is a line break plus the indent of the line it starts on."""
    if isinstance(node, Scalar):
        value = node.value
        if value is None:
            out.append("null")
        elif value is True:
            out.append("true")
        elif value is False:
            out.append("false")
        elif isinstance(value, str):
            out.append(_encode_string(value))
        else:
            out.append(_number(node))
        return
    inner = newline + "  "
    if isinstance(node, Mapping):
        if not node.items:
            out.append("{}")
            return
        out.append("{")
        separator = inner
        for key, value_node in node.items:
            out.append(separator + _encode_string(key) + ": ")
            separator = "," + inner
            _node(value_node, inner, out)
        out.append(newline + "}")
        return
    assert isinstance(node, Sequence)
    if not node.items:
        out.append("[]")
        return
    out.append("[")
    separator = inner
    for item in node.items:
        out.append(separator)
        separator = "," + inner
        _node(item, inner, out)
    out.append(newline + "]")
