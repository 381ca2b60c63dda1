"""The other directions on real files (SPEC §5): for every corpus file ``t`` the formatter accepts,
with ``k = format_str(t)``:

- ``to_yaml(k)`` has the data of ``t`` (kyaml's own reading), and PyYAML (YAML 1.1) and ruamel.yaml
  (YAML 1.2) read it as that data too;
- ``to_yaml(k)`` holds every comment of ``t`` (found independently, with ruamel.yaml's scanner);
- formatting ``to_yaml(k)`` gives back ``k``, and ``to_yaml`` is idempotent;
- for a one-document file, ``json.loads(to_json(k))`` is the data.

Files come from ``../shared/corpus/external/`` (skipped when absent) and the project's own
``corpus/``. Each file is converted once and the checks share the result.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML
from ruamel.yaml.tokens import CommentToken, ScalarToken

from kyaml import KyamlError, format_str, loads_all, to_json, to_yaml

EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "external"
OWN = Path(__file__).resolve().parents[1] / "corpus"
_SUFFIXES = (".yaml", ".yml", ".json", ".kyaml")


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.suffix in _SUFFIXES and p.is_file())


def _params() -> list[Any]:
    params = [
        pytest.param(path, id=f"{label}/{path.relative_to(root)}")
        for label, root in (("external", EXTERNAL), ("own", OWN))
        for path in _files(root)
    ]
    if not params:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no corpus present"))]
    return params


# --- comments, found independently of kyaml's reader --------------------------------------------

_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*[ \t]+(#[^\n\r]*)")


def _comment_tokens(value: Any, found: list[str]) -> None:
    if isinstance(value, CommentToken):
        found.append(value.value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _comment_tokens(item, found)


def comments_of(text: str) -> Counter[str]:
    """The comment lines of a YAML text (``#`` to the line end, trailing blanks removed), read
    with ruamel.yaml's round-trip scanner, plus those after a block scalar's header."""
    found: list[str] = []
    if "#" not in text:
        return Counter()
    # (ruamel.yaml's scanner refuses a tab after a value; blanks at line ends hold no comment)
    text = re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)
    for token in YAML().scan(text):
        attached = getattr(token, "_comment", None)
        if attached is not None:
            _comment_tokens(attached, found)
        if isinstance(token, ScalarToken) and token.style in ("|", ">"):
            start = token.start_mark.index
            end = text.find("\n", start)
            m = _BLOCK_HEADER_COMMENT.match(text, start, len(text) if end < 0 else end)
            if m is not None:
                found.append(m.group(1))
    lines = (line.strip() for chunk in found for line in chunk.splitlines())
    return Counter(line for line in lines if line.startswith("#"))


# --- one conversion per file --------------------------------------------------------------------


@dataclass
class Converted:
    """What the checks need about one file; ``k`` is None when the formatter refuses it."""

    text: str
    k: str | None = None
    data: list[Any] | None = None
    yaml_text: str = ""
    error: str = ""


@cache
def converted(path: Path) -> Converted:
    text = path.read_text(encoding="utf-8")
    result = Converted(text)
    try:
        result.k = format_str(text)
    except KyamlError as exc:
        result.error = str(exc)
        return result
    result.data = loads_all(text)
    result.yaml_text = to_yaml(result.k)
    return result


def _accepted(path: Path | None) -> Converted:
    if path is None:  # pragma: no cover - the placeholder parameter is skipped
        pytest.skip("no corpus")
    result = converted(path)
    if result.k is None:
        pytest.skip(f"the formatter refuses this file: {result.error}")
    return result


def same(a: Any, b: Any) -> bool:
    """Equal data with types kept apart (``1`` is not ``1.0``) and NaN equal to itself."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


_ruamel = YAML(typ="safe", pure=True)
_ruamel.version = (1, 2)
# PyYAML's SafeLoader resolvers (YAML 1.1), over libyaml's parser when it is there (faster).
_PyYAMLLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- the checks ---------------------------------------------------------------------------------

pytestmark = pytest.mark.parametrize("path", _params())


def test_same_data(path: Path | None) -> None:
    result = _accepted(path)
    assert same(loads_all(result.yaml_text), result.data)


def test_yaml11_reader(path: Path | None) -> None:
    result = _accepted(path)
    assert same(list(yaml.load_all(result.yaml_text, Loader=_PyYAMLLoader)), result.data)


def test_yaml12_reader(path: Path | None) -> None:
    result = _accepted(path)
    assert same(list(_ruamel.load_all(result.yaml_text)), result.data)


def test_every_comment_kept(path: Path | None) -> None:
    result = _accepted(path)
    assert comments_of(result.yaml_text) == comments_of(result.text)


def test_round_trip_to_the_same_kyaml(path: Path | None) -> None:
    result = _accepted(path)
    assert format_str(result.yaml_text) == result.k
    assert to_yaml(result.yaml_text) == result.yaml_text


def test_json(path: Path | None) -> None:
    result = _accepted(path)
    assert result.k is not None
    assert result.data is not None
    if len(result.data) != 1:
        pytest.skip("JSON of one document only")
    try:
        text = to_json(result.k)
    except KyamlError:
        assert "inf" in result.k or "nan" in result.k
        return
    assert same(json.loads(text), result.data[0])
