"""kyaml's libyaml binding gives the events ruamel.yaml's C parser gives, field for field, on
every corpus file; escaped UTF-16 surrogates, which libyaml refuses, are read as ruamel.yaml's
parsers read them (:mod:`kyaml._reader.surrogates`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kyaml import KyamlError
from kyaml._reader import parse, ruamel_parse
from kyaml._reader.events import Event, from_ruamel
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


def _clib_events(text: str) -> list[Event] | None:
    """The events of ruamel.yaml.clib's parser (libyaml 0.1.7), or None when it refuses."""
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:
        pytest.skip("ruamel.yaml.clib is not installed")
    try:
        return from_ruamel(list(iter(CParser(text).get_event, None)))
    except Exception:
        return None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_binding_gives_ruamels_events(path: Path) -> None:
    """Field for field as libyaml 0.1.7 gives them; where that refuses the file (a ":" in a flow
    plain scalar, fixed in 0.2.2, or an escaped surrogate), as the pure parser does."""
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    expected = _clib_events(text)
    if expected is None:
        expected = ruamel_parse.parse_events(text)
    assert parse.parse_events(text) == expected
    if _SURROGATE_ESCAPE.search(text):  # read only through the masking: libyaml refuses them
        error = binding.parse(text, 400)[1]
        assert error is not None
        assert "invalid Unicode character escape" in error[0]


# Each text holds "\ud83d" (and "\udd0d") where it is an escape and where it is not.
SURROGATE_TEXTS = {
    "double-quoted-pair": 'a: "\\ud83d\\udd0d!"\nb: 1\n',
    "upper-case": 'a: "\\uD83D\\uDD0D"\n',
    "flow-key-and-values": '{"\\ud83d\\udd0d": ["\\ud83c\\uddf3\\ud83c\\uddf4", x]}\n',
    "escaped-backslash": 'a: "\\\\ud83d"\nb: "\\\\\\ud83d\\udd0d"\n',
    "plain": "a: \\ud83d\\udd0d\nb: x \\ud83d\n  y\n",
    "single-quoted": "a: '\\ud83d'\n",
    "literal": "a: |\n  \\ud83d\n  \\udd0d\nb: 1\n",
    "anchored-and-aliased": 'a: &x "\\ud83d\\udd0d"\nb: *x\n',
    "lone": 'a: "\\ud800"\n',
}


@pytest.mark.parametrize("text", SURROGATE_TEXTS.values(), ids=SURROGATE_TEXTS.keys())
def test_surrogate_escapes_read_as_ruamel_reads_them(text: str) -> None:
    assert parse.parse_events(text) == ruamel_parse.parse_events(text)


def test_a_text_holding_the_masks_range_is_refused_as_libyaml_refuses_it() -> None:
    for text in ('a: "\\ud83d\\udd0d\ue000"\n', 'a: "\\ud83d\\udd0d"\nb: "\\ue7ff"\n'):
        with pytest.raises(KyamlError, match="invalid Unicode character escape code"):
            parse.parse_events(text)


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
