"""Scalar text: ambiguity (kyaml's extras beyond the reference), bare keys, escapes, numbers."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyaml._quote import (
    extra_ambiguous,
    float_text,
    int_text,
    is_type_ambiguous,
    key_text,
    quote_line,
    quote_value,
    reference_ambiguous,
)

# kyaml's extra type-ambiguous strings (SPEC §3.2): the reference leaves each bare, and a reader of
# SPEC §2 takes it for a non-string or fails on it.
EXTRA_AMBIGUOUS = [
    ("2023-02-30", "PyYAML matches its date pattern, then fails: the day does not exist"),
    ("0000-00-00", "PyYAML matches its date pattern, then fails: year and month 0"),
    ("0x_", "PyYAML's YAML 1.1 int pattern matches, then int('', 16) fails"),
    ("0b_", "PyYAML's YAML 1.1 int pattern matches, then int('', 2) fails"),
    ("0xFFFFFFFFFFFFFFFFFFFF", "beyond int64 for Go, an int for PyYAML"),
    ("0o7777777777777777777777777", "beyond int64 for Go, an int for YAML 1.2 readers"),
    ("1e400", "out of range for Go's ParseFloat, a float (inf) for YAML 1.2 readers"),
    ("0x1p99999", "Go's hex-float syntax, out of range"),
    ("._", "ruamel.yaml's YAML 1.2 float pattern matches, then float('.') fails"),
    ("<<", "the YAML 1.1 merge key: PyYAML merges instead of storing the key"),
    ("=", "the YAML 1.1 value key: PyYAML reads it with the value tag"),
    ("0:30.5", "a YAML 1.1 sexagesimal float for PyYAML (30.5); the reference requires 1-9 first"),
]


@pytest.mark.parametrize(("text", "reason"), EXTRA_AMBIGUOUS)
def test_extra_ambiguous_strings(text: str, reason: str) -> None:
    assert is_type_ambiguous(text), reason
    assert extra_ambiguous(text), reason
    assert key_text(text).startswith('"'), reason


@pytest.mark.parametrize(("text", "reason"), EXTRA_AMBIGUOUS)
def test_extras_are_beyond_the_reference(text: str, reason: str) -> None:
    assert not reference_ambiguous(text), reason


@pytest.mark.parametrize(
    "text",
    ["hello", "e3", "1.2.3", "v1.2", "_", "__", "abc123", "1:60", "12345:60.00", "2024-01-01-x"],
)
def test_not_ambiguous(text: str) -> None:
    assert not is_type_ambiguous(text)


@pytest.mark.parametrize(
    ("key", "written"),
    [
        ("app.kubernetes.io/name", "app.kubernetes.io/name"),
        ("pod-template-hash", "pod-template-hash"),
        ("x²", "x²"),
        ("名前", "名前"),
        ("no", '"no"'),
        ("f", '"f"'),
        ("y", '"y"'),
        ("on", '"on"'),
        ("1", '"1"'),
        ("1.5", '"1.5"'),
        ("2006-01-02", '"2006-01-02"'),
        ("11:00", '"11:00"'),
        ("<<", '"<<"'),
        ("", '""'),
        ("a b", '"a b"'),
        ("tab\there", '"tab\\there"'),
        ("line\nbreak", '"line\\nbreak"'),
        ("-lead", '"-lead"'),
        ("trail.", '"trail."'),
        ("é\u0301", '"é\u0301"'),  # a combining mark is not a letter or number
        ("Infinity", '"Infinity"'),
        ("nan", '"nan"'),
    ],
)
def test_key_text(key: str, written: str) -> None:
    assert key_text(key) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain", '"plain"'),
        ("tab\there", '"tab\there"'),
        ("\x7f", '"\\x7f"'),
        ("\x9f", '"\\u009f"'),
        ("\u200b", '"\\u200b"'),
        ("\ufeff", '"\\ufeff"'),
        ("é ✓ 🚀", '"é ✓ 🚀"'),
        ('say "hi" \\o/', '"say \\"hi\\" \\\\o/"'),
    ],
)
def test_one_line_values(value: str, written: str) -> None:
    assert quote_value(value, "  ") == written


def test_compact_and_keys_escape_the_tab() -> None:
    assert quote_line("a\tb") == '"a\\tb"'


def test_folding_layout() -> None:
    assert quote_value("a\n b\n\tc\nd", "    ") == (
        '"\\\n     a\\n\\\n    \\ b\\n\\\n    \\\tc\\n\\\n     d\\\n    "'
    )
    assert quote_value("x\n", "  ") == '"\\\n   x\\n\\\n  "'
    assert quote_value("\n", "  ") == '"\\\n   \\n\\\n  "'


@pytest.mark.parametrize("lead", ["\r", "\v", "\f", "\x85", "\u2028", "\u2029", "\xa0", "\u3000"])
def test_folded_line_starting_with_other_whitespace_uses_a_space_and_the_escape(
    lead: str,
) -> None:
    """SPEC §6: only a space or a tab may follow the ``\\`` that keeps leading whitespace."""
    text = quote_value("a\n" + lead + "b", "  ")
    second = text.split("\n")[2]
    assert second.startswith("   \\")
    assert second[3] == "\\"
    assert not second.startswith("  \\")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (1e21, "1.0e+21"),
        (1e-7, "1.0e-07"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.5, "1.5"),
        (3.0, "3.0"),
        (1.2345678901234568e17, "1.2345678901234568e+17"),
        (float("inf"), ".inf"),
        (float("-inf"), "-.inf"),
        (float("nan"), ".nan"),
    ],
)
def test_float_text(value: float, written: str) -> None:
    assert float_text(value) == written


def test_int_text_is_exact_at_any_size() -> None:
    big = 7**20000 + 10**5000  # far past CPython's default limit of 4300 digits for str()
    text = int_text(big)
    assert text.isdigit()
    assert int_text(-big) == "-" + text
    # Read back digit group by digit group (int() of a short string has no limit).
    value = 0
    for start in range(0, len(text), 1000):
        chunk = text[start : start + 1000]
        value = value * 10 ** len(chunk) + int(chunk)
    assert value == big


# Letter-led text the shortcut in is_type_ambiguous must still send to the full test: each word
# some reader takes for a non-string, in other cases and with underscores (Go drops them).
_LETTER_LED = [
    "null", "Null", "NULL", "nULL", "true", "True", "tRUE", "t", "T", "f", "F", "y", "Y", "n",
    "N", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "false",
    "inf", "Inf", "INF", "infinity", "Infinity", "in_f", "i_n_f", "nan", "NaN", "n_a_n",
    "infin_ity", "O_n", "n_o", "name", "type", "image", "nanny", "info", "onion", "fa_lse",
]  # fmt: skip


@pytest.mark.parametrize("text", _LETTER_LED)
def test_letter_led_shortcut_agrees_with_the_full_test(text: str) -> None:
    full = reference_ambiguous(text) or extra_ambiguous(text)
    assert is_type_ambiguous(text) == full


@given(st.text(alphabet="aeinftyoNTFYOIA_019.-+:", max_size=9))
def test_ambiguity_shortcut_never_changes_the_answer(text: str) -> None:
    assert is_type_ambiguous(text) == (reference_ambiguous(text) or extra_ambiguous(text))


@given(st.text(max_size=6))
def test_bare_key_shortcut_agrees_with_the_key_pattern(text: str) -> None:
    bare = re.fullmatch(r"\w(?:[\w./-]*\w)?", text) is not None
    assert (key_text(text) == text) == (bare and not is_type_ambiguous(text))
