"""What ``kyaml diff A B`` does: read two files (``-``: stdin), compare their data
(:mod:`kyaml.compare`), print each difference on stdout. Exit 0 when they hold the same data,
1 when they differ, 2 when either cannot be read."""

from __future__ import annotations

import json
import math
import sys

from kyaml.cli.commands import parser_from_environment
from kyaml.cli.report import EXIT_CHANGES, EXIT_ERROR, EXIT_OK
from kyaml.cli.run import _error_line
from kyaml.cli.source import decode
from kyaml.cli.streams import read_stdin, write_stdout
from kyaml.errors import KyamlError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any


def _read(path: str) -> str:
    """A file's text (``-``: stdin), decoded as ``kyaml fmt`` decodes it."""
    if path == "-":
        return decode(read_stdin()).text
    with open(path, "rb") as f:
        return decode(f.read()).text


def _json_value(value: Any) -> Any:
    """A side of a difference as JSON holds it: nothing as null, and the floats JSON has no
    word for (infinity, NaN) as their KYAML text (``".inf"``)."""
    from kyaml._quote import scalar_line
    from kyaml.compare import ABSENT

    if value is ABSENT:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return scalar_line(value)
    if isinstance(value, dict):
        return {key: _json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item) for item in value]
    return value


def diff(*, a: str, b: str, schema: str, output_format: str) -> int:
    """Compare the data of files ``a`` and ``b``; the exit code."""
    from kyaml import loads_all
    from kyaml.compare import ABSENT, differences

    if a == "-" and b == "-":
        sys.stderr.write("error: only one of the two files can be stdin (-)\n")
        return EXIT_ERROR
    texts = []
    for path in (a, b):
        try:
            texts.append(_read(path))
        except OSError as exc:
            sys.stderr.write(f"{path}: error: {exc.strerror or exc}\n")
            return EXIT_ERROR
        except KyamlError as exc:
            sys.stderr.write(_error_line(exc, path) + "\n")
            return EXIT_ERROR
    parser = parser_from_environment()
    for path, text in zip((a, b), texts, strict=True):
        try:  # each side read alone first, so that an error names its file
            loads_all(text, schema=schema, parser=parser)
        except KyamlError as exc:
            sys.stderr.write(_error_line(exc, path) + "\n")
            return EXIT_ERROR
    found = differences(texts[0], texts[1], schema=schema)
    if output_format == "json":
        rows = [
            {
                "path": d.path,
                "a": _json_value(d.a),
                "b": _json_value(d.b),
                **({"only": "b"} if d.a is ABSENT else {"only": "a"} if d.b is ABSENT else {}),
            }
            for d in found
        ]
        out = json.dumps(rows, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    else:
        out = "".join(d.text() + "\n" for d in found)
    if out:
        write_stdout(out.encode("utf-8"))
    return EXIT_CHANGES if found else EXIT_OK
