"""kyaml's libyaml binding gives the events ruamel.yaml's C parser gives: kinds, positions,
anchors and scalar values, on every corpus file both read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from kyaml import KyamlError
from kyaml._reader.parse import parse_events
from tests.conftest import SHARED

binding = pytest.importorskip("kyaml._reader._libyaml")

KINDS = {
    StreamStartEvent: 1,
    StreamEndEvent: 2,
    DocumentStartEvent: 3,
    DocumentEndEvent: 4,
    AliasEvent: 5,
    ScalarEvent: 6,
    SequenceStartEvent: 7,
    SequenceEndEvent: 8,
    MappingStartEvent: 9,
    MappingEndEvent: 10,
}
ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    p
    for folder in (ROOT / "corpus", SHARED / "corpus" / "external")
    if folder.is_dir()
    for p in folder.rglob("*")
    if p.suffix in (".yaml", ".yml", ".json", ".kyaml")
)


def _ruamel(event: Any) -> tuple[Any, ...]:
    kind = KINDS[type(event)]
    s, e = event.start_mark, event.end_mark
    value = event.value if kind == 6 else None
    anchor = getattr(event, "anchor", None)
    return (kind, s.index, s.line, s.column, e.index, e.line, e.column, anchor, value)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_binding_gives_ruamels_events(path: Path) -> None:
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    try:
        expected = [_ruamel(e) for e in parse_events(text)]
    except KyamlError:
        pytest.skip("refused by the current reader")
    events, error = binding.parse(text, 400)
    assert error is None
    mine = [(e[0], *e[1:7], e[7], e[9] if e[0] == 6 else None) for e in events]
    assert mine == expected
