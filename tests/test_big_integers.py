"""Integers beyond 64 bits spelt in hex, octal or binary (SPEC §3.1): go-yaml v3, the
reference's reader, holds int64 or uint64 and reads larger ``0x``/``0o``/``0b`` text as a string
(an Ethereum address stays text) and a larger leading-zero octal as a float; kyaml reads them
so, in linear work, and says so in a warning that echoes at most about 80 characters. Under the
``1.1`` and ``1.2`` schemas such text is an int, refused when its decimal form would pass the
4300 digits CPython writes."""

from __future__ import annotations

import pytest

import kyaml
from kyaml import Diagnostic, LimitError
from tests._oracles import reference_binary, reference_kyaml

# Each value as the reference writes it (checked against `yamlfmt -kyaml -`): a quoted string
# past 64 bits, the number within them (kyaml writes it in its safe decimal form).
BOUNDARIES = {
    "0x742d35Cc6634C0532925a3b844Bc454e4438f44e": '"0x742d35Cc6634C0532925a3b844Bc454e4438f44e"',
    "0xFFFFFFFFFFFFFFFF": "18446744073709551615",
    "0x10000000000000000": '"0x10000000000000000"',
    "-0x8000000000000000": "-9223372036854775808",
    "-0x8000000000000001": '"-0x8000000000000001"',
    "0o7777777777777777777777777": '"0o7777777777777777777777777"',
    "0b1" + "0" * 64: '"0b1' + "0" * 64 + '"',
    "0777777777777777777777777": "7.777777777777778e+23",
}


def _one_value(text: str) -> str:
    lines = text.splitlines()
    assert lines[:2] == ["---", "{"]
    assert lines[-1] == "}"
    return lines[2].split(": ", 1)[1].rstrip(",")


@pytest.mark.parametrize(("text", "written"), BOUNDARIES.items(), ids=BOUNDARIES.keys())
def test_past_64_bits_reads_as_go_yaml_v3_reads(text: str, written: str) -> None:
    assert _one_value(kyaml.format_str(f"a: {text}\n")) == written


@pytest.mark.skipif(reference_binary() is None, reason="the reference binary is absent")
@pytest.mark.parametrize("text", BOUNDARIES.keys())
def test_the_reference_writes_a_string_where_kyaml_does(text: str) -> None:
    ours = _one_value(kyaml.format_str(f"a: {text}\n"))
    theirs = reference_kyaml(f"a: {text}\n")
    assert theirs is not None
    assert _one_value(theirs).startswith('"') == ours.startswith('"')


def test_a_million_hex_digits_stay_a_string_with_a_short_warning() -> None:
    digits = "f" * 1_000_000
    notes: list[Diagnostic] = []
    out = kyaml.format_str(f"a: 0x{digits}\n", on_diagnostic=notes.append)
    assert _one_value(out) == f'"0x{digits}"'
    assert len(notes) == 1
    assert notes[0].severity == "warning"
    assert "beyond 64 bits" in notes[0].message
    assert max(len(word) for word in notes[0].message.split()) < 100  # the value is clipped


@pytest.mark.parametrize("schema", ["1.1", "1.2"])
def test_under_other_schemas_a_huge_hex_int_is_refused_at_its_scalar(schema: str) -> None:
    with pytest.raises(LimitError, match="its decimal form would pass 4300 digits") as caught:
        kyaml.format_str(f"a: 0x{'f' * 1_000_000}\n", schema=schema)
    assert (caught.value.line, caught.value.col) == (1, 4)
    assert len(caught.value.message) < 200


@pytest.mark.parametrize("schema", ["1.1", "1.2"])
def test_under_other_schemas_a_large_hex_int_is_written_exactly(schema: str) -> None:
    text = "0x" + "f" * 1000  # 4000 bits, about 1200 decimal digits
    assert _one_value(kyaml.format_str(f"a: {text}\n", schema=schema)) == str(int(text, 16))


def test_warnings_echo_at_most_about_80_characters_of_a_value() -> None:
    notes: list[Diagnostic] = []
    long_key = "0x" + "1" * 1000  # a simple key is at most 1024 characters
    text = f"a: 0o{'7' * 5000}\n{long_key}: 1\nb: 1_{'0' * 5000}\n"
    kyaml.format_str(text, on_diagnostic=notes.append)
    assert len(notes) >= 3
    for note in notes:
        longest = max(len(word) for word in note.message.split())
        assert longest <= 100, note.message[:200]
