"""Each parser reads or refuses the inputs ``docs/parsers.md`` lists as it says, and a parser's
verdict is final: a stream is read by one parser, whatever its other documents hold."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import kyaml
from kyaml import KyamlError
from kyaml._reader import parse, ruamel_parse
from kyaml._reader.events import SCALAR, VALUE, Event

DOC = Path(__file__).resolve().parents[1] / "docs" / "parsers.md"
PARSERS: dict[str, Callable[[str], list[Event]] | None] = {
    "binding": parse.parse_events if parse.binding_built() else None,
    "pure": ruamel_parse.parse_events,
}


def _rows() -> list[tuple[str, dict[str, str]]]:
    """The table of docs/parsers.md: each input and each parser's verdict."""
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip("|"))]
        text = ast.literal_eval(cells[0].strip("`"))
        rows.append((text, dict(zip(PARSERS, cells[1:3], strict=True))))
    return rows


ROWS = _rows()


def test_the_table_lists_every_kind_of_disagreement() -> None:
    assert ROWS, "no row read from docs/parsers.md"
    for _, verdicts in ROWS:
        assert len(set(verdicts.values())) > 1  # a row where all agree is no disagreement


@pytest.mark.parametrize("name", PARSERS)
@pytest.mark.parametrize(("text", "verdicts"), ROWS, ids=[repr(t) for t, _ in ROWS])
def test_each_parser_reads_the_table_as_documented(
    name: str, text: str, verdicts: dict[str, str]
) -> None:
    read = PARSERS[name]
    if read is None:
        pytest.skip(f"{name} is not available on this machine")
    verdict = verdicts[name]
    if verdict == "refuses":
        with pytest.raises(KyamlError):
            read(text)
        return
    events = read(text)
    assert verdict.startswith("reads")
    if "`" in verdict:
        scalars = [event[VALUE] for event in events if event[0] == SCALAR]
        assert scalars == ast.literal_eval(verdict.split("`")[1])


@pytest.mark.parametrize(("text", "verdicts"), ROWS, ids=[repr(t) for t, _ in ROWS])
def test_no_second_parser_reads_what_the_first_refuses(text: str, verdicts: dict[str, str]) -> None:
    """A document the run's parser refuses fails the stream, wherever it stands in it; one it
    reads means the same alone and after another document."""
    name = "binding" if parse.binding_built() else "pure"  # what parser="auto" reads with
    # a directive may only follow a document ended by "..."
    stream = ("first: 1\n...\n" if text.startswith("%") else "first: 1\n---\n") + text
    if verdicts[name] == "refuses":
        for call in (kyaml.format_str, kyaml.loads_all):
            with pytest.raises(KyamlError):
                call(stream)
    else:
        assert kyaml.loads_all(stream)[1:] == kyaml.loads_all(text)
