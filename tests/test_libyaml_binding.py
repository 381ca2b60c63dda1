"""kyaml's libyaml binding gives the events ruamel.yaml's C parser gives, field for field, on
every corpus file both read; escaped UTF-16 surrogates, which libyaml refuses, are read by the
pure parser's second look."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kyaml import KyamlError
from kyaml._reader import parse
from kyaml._reader.events import from_ruamel
from tests.conftest import SHARED

binding = pytest.importorskip("kyaml._reader._libyaml")

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(
    p
    for folder in (ROOT / "corpus", SHARED / "corpus" / "external")
    if folder.is_dir()
    for p in folder.rglob("*")
    if p.suffix in (".yaml", ".yml", ".json", ".kyaml")
)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_binding_gives_ruamels_events(path: Path) -> None:
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    if not parse.c_parser_available():
        pytest.skip("ruamel.yaml.clib is not installed")
    try:
        expected = from_ruamel(parse._parse_c(text, []))
    except Exception:
        pytest.skip("refused by ruamel.yaml's C parser")
    events, error = binding.parse(text, 400)
    if _SURROGATE_ESCAPE.search(text):
        assert error is not None
        assert "invalid Unicode character escape" in error[0]
        assert parse.parse_events(text) == from_ruamel(parse._parse_pure(text, []))
        return
    assert error is None
    assert events == expected


def test_the_binding_reports_where_it_stopped() -> None:
    events, error = binding.parse("a: [1\n", 400)
    assert [e[0] for e in events] == [1, 3, 9, 6, 7, 6]
    assert error[:7] == (
        "did not find expected ',' or ']'",
        1,
        0,
        "while parsing a flow sequence",
        0,
        3,
        "parser",
    )
    with pytest.raises(KyamlError, match="nested deeper than 400 levels"):
        parse.parse_events("[" * 500)
