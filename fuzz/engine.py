"""The fuzz engine: mutators that turn YAML into nearly-YAML, and the contract every input must
keep (SPEC §2).

Inputs are the files of ``corpus/`` and, when present, ``../shared/corpus/external/``, and any
YAML a caller generates, mutated at the character level: spans deleted, inserted, duplicated,
moved and swapped; YAML indicators, escapes, odd Unicode (NUL, U+FEFF, U+0085, U+2028, C0/C1
controls, noncharacters, astral characters) and very long runs inserted; truncation; two inputs
spliced; indentation changed; ``---`` and ``...`` lines; line ends changed. For every input ``t``
(:func:`check_text`):

- ``format_str(t)``, ``loads_all(t)``, ``to_yaml(t)`` and ``to_json(t)`` return or raise
  :class:`kyaml.KyamlError`; any other exception (``RecursionError``, ``IndexError``, an
  ``AssertionError`` inside kyaml...) is a failure;
- when ``format_str`` returns ``k``: ``k`` encodes as UTF-8; YAML 1.2 (ruamel.yaml) reads from
  ``k`` what kyaml reads from ``t`` (``loads_all``), and YAML 1.1 (PyYAML) reads the same;
  every comment of ``t`` is in ``k`` (checked when the independent comment reader and ruamel.yaml's
  parser both accept ``t``, so that the oracle itself knows what the comments are);
  ``format_str(k) == k``;
- ``to_yaml(t)`` reads as the same data to both readers and formats to ``k`` (SPEC §5);
  ``to_json(t)`` is the same data as JSON (or refused for ``.inf``/``.nan``);
- the other calls agree: strict mode gives ``k`` or refuses input that had a warning; compact mode
  (regular mode, when ``k`` is compact) formats it too, as the same data; errors and diagnostics
  point inside the input.

Bytes (invalid UTF-8, byte order marks, UTF-16) go through the command line's byte path
(:func:`check_bytes`), which must never report an internal error, and whose output must be
stable. A failure that matches a :data:`KNOWN_FINDINGS` entry is not reported again.

The same engine serves ``tests/test_fuzz.py`` (driven by hypothesis), ``fuzz/campaign.py``
(``random.Random``, no stop at the first failure), ``fuzz/minimize.py`` and
``fuzz/atheris_target.py`` (atheris): each supplies a :class:`Chooser`.
"""

from __future__ import annotations

import collections
import json
import math
import random
import re
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ruamel.yaml import YAML
from tests._oracles import comments, read_yaml11, read_yaml12, same_data

import kyaml
from kyaml.cli.run import RunOptions, format_bytes

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
EXTERNAL = REPO.parent / "shared" / "corpus" / "external"
SEED_SUFFIXES = {".yaml", ".yml", ".json", ".kyaml"}
# Longer seeds are cut to a window of lines, or of characters: the mutations matter, not the bulk.
MAX_SEED_CHARS = 3000
WINDOW_LINES = 60

T = TypeVar("T")
R = TypeVar("R")


# ---------------------------------------------------------------------------------------------
# Choices: one set of mutators, driven by hypothesis's shrinkable random, by random.Random (the
# campaign script) or by atheris (fuzz/atheris_target.py).


class Chooser(Protocol):
    def below(self, n: int) -> int:
        """An int in ``range(n)`` (``n`` > 0), small ones preferred when shrinking."""
        ...


class RandomChooser:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd

    def below(self, n: int) -> int:
        return self.rnd.randrange(n)


def pick(c: Chooser, options: Sequence[T]) -> T:
    return options[c.below(len(options))]


def chance(c: Chooser, percent: int) -> bool:
    """True about ``percent`` % of the time (False when shrinking)."""
    return c.below(100) >= 100 - percent


# ---------------------------------------------------------------------------------------------
# Seeds


def _decoded(data: bytes) -> str:
    return data.decode("utf-8", errors="replace").removeprefix("\ufeff")


@cache
def seed_texts() -> tuple[str, ...]:
    """The texts of the corpus files (the external ones too, when present), in a fixed order."""
    paths = sorted(p for p in CORPUS.rglob("*") if p.suffix in SEED_SUFFIXES and p.is_file())
    if EXTERNAL.is_dir():
        paths += sorted(p for p in EXTERNAL.rglob("*") if p.suffix in SEED_SUFFIXES and p.is_file())
    return tuple(_decoded(p.read_bytes()) for p in paths)


# Small inputs that reach corners no manifest does.
TINY_SEEDS = (
    "",
    "a: b\n",
    "- a\n- b\n",
    "{a: [1, 2], b: {c: d}}\n",
    "# c\n",
    "---\n...\n",
    "a: &x {b: 1}\nc: *x\nd:\n  <<: *x\n  e: 2\n",
    'k: "a\\tb\\u00e9\\x85"\n',
    "k: |\n  line\n   more\n",
    "k: >-\n  folded\n  text\n\n  para\n",
    "? complex\n: value\n",
    "%YAML 1.1\n---\nno: on\n",
    "a: 'it''s'  # c\n",
    "[1, 0x1F, 0o17, 1_000, .inf, -.nan, 1e400, 09, 2001-12-14]\n",
)


def seed(c: Chooser, generated: str | None) -> str:
    """One seed text: ``generated`` (YAML from tests.strategies), a tiny seed or a corpus file,
    a long one cut to a window of its lines."""
    corpus = seed_texts()
    kind = c.below(4)
    if kind == 0 and generated is not None:
        return generated
    if kind == 1 or not corpus:
        return pick(c, TINY_SEEDS)
    text = pick(c, corpus)
    if len(text) > MAX_SEED_CHARS:
        lines = text.splitlines(keepends=True)
        start = c.below(max(1, len(lines) - WINDOW_LINES))
        text = "".join(lines[start : start + WINDOW_LINES])
    if len(text) > MAX_SEED_CHARS:  # long lines (minified JSON): a window of characters
        start = c.below(len(text) - MAX_SEED_CHARS)
        text = text[start : start + MAX_SEED_CHARS]
    return text


# ---------------------------------------------------------------------------------------------
# Character-level mutations. Each takes the text, a second text (for splicing) and the chooser.

SIGNIFICANT: tuple[str, ...] = (
    *"{}[],:#&*!|>'\"%@`\t\n-?\\ .~=<",
    ": ",
    "- ",
    " #",
    "#",
    "? ",
    "---",
    "...",
    "--- ",
    "\r\n",
    "\r",
    "<<: ",
    "<<",
    "&a ",
    "*a",
    "&a",
    "!!str ",
    "!!int ",
    "!!float ",
    "!!bool ",
    "!!null ",
    "!!binary ",
    "!!set ",
    "!!map ",
    "!!seq ",
    "!!timestamp ",
    "!foo ",
    "!<tag:yaml.org,2002:str> ",
    "%YAML 1.1\n",
    "%YAML 1.2\n",
    "%TAG !e! tag:example.com,2000:\n",
    "|\n",
    "|-\n",
    "|+\n",
    ">\n",
    ">-\n",
    "|2\n",
    ">1-\n",
    '""',
    "''",
    "{}",
    "[]",
    "[{",
    "}]",
    ",,",
    "::",
    "- - ",
    "? - ",
    "a: ",
    "k: v\n",
    "\n  ",
    "\n- ",
    "\n  - ",
    "~",
    "null",
    "NO",
    "yes",
    "on",
    "y",
    "True",
    "0777",
    "0x",
    "0x_",
    "0b101",
    "1_000",
    "+12",
    "-0",
    ".5",
    "1.",
    "1e3",
    "1e400",
    ".inf",
    "-.Inf",
    ".NaN",
    "12:30",
    "1:2:3",
    "2001-12-14",
    "2001-12-14T21:59:43.10-05:00",
    "9" * 30,
    "=",
    "<<: *a\n",
)
# Escapes, for inside double-quoted scalars.
ESCAPES = (
    "\\ud800", "\\udfff", "\\ud83d\\ude00", "\\U0010ffff", "\\U00110000", "\\x00", "\\0", "\\a",
    "\\e", "\\N", "\\_", "\\L", "\\P", "\\t", "\\\t", "\\ ", "\\/", '\\"', "\\\\", "\\\n",
    "\\x85", "\\u2028", "\\ufeff", "\\u0085", "\\x7f", "\\x9f", "\\uFFFE", "\\q", "\\x", "\\u12",
    "\\\r\n", "\\n", "\\r", "\\v", "\\f", "\\b",
)  # fmt: skip
ODD = (
    "\x00", "\ufeff", "\x85", "\u2028", "\u2029", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b",
    "\x1f", "\x7f", "\x80", "\x9f", "\xa0", "\u200b", "\u200e", "\u202e", "\u0301", "\u3000",
    "\ud7ff", "\ue000", "\ufffd", "\ufffe", "\uffff", "\U0001f600", "\U0010ffff", "\U000e0001",
    "\u1680", "\u2000", "\u180e", "é", "ß", "ǅ", "²", "\u0660", "Ⅻ",
)  # fmt: skip
RUNS = ("[", "{", "- ", "[{", "a: {", "- [", " ", "\t", "\n", "#", "a", "9", "'", '"', "\\", "&a ")


def _span(c: Chooser, text: str, longest: int = 40) -> tuple[int, int]:
    start = c.below(len(text) + 1)
    end = min(len(text), start + c.below(longest + 1))
    return start, end


def _random_char(c: Chooser) -> str:
    block = c.below(4)
    if block == 0:
        return chr(c.below(0x80))
    if block == 1:
        return chr(c.below(0x800))
    code = c.below(0x110000 - 0x800)
    return chr(code if code < 0xD800 else code + 0x800)  # no surrogates: they are not in files


def m_delete(text: str, other: str, c: Chooser) -> str:
    start, end = _span(c, text)
    return text[:start] + text[end:]


def m_insert_significant(text: str, other: str, c: Chooser) -> str:
    at = c.below(len(text) + 1)
    return text[:at] + pick(c, SIGNIFICANT) + text[at:]


def m_insert_odd(text: str, other: str, c: Chooser) -> str:
    at = c.below(len(text) + 1)
    return text[:at] + pick(c, ODD) + text[at:]


def m_insert_random(text: str, other: str, c: Chooser) -> str:
    at = c.below(len(text) + 1)
    return text[:at] + "".join(_random_char(c) for _ in range(1 + c.below(4))) + text[at:]


def m_replace_char(text: str, other: str, c: Chooser) -> str:
    if not text:
        return text
    at = c.below(len(text))
    new = pick(c, (*SIGNIFICANT[:30], *ODD)) if chance(c, 70) else _random_char(c)
    return text[:at] + new + text[at + 1 :]


def m_escape(text: str, other: str, c: Chooser) -> str:
    """An escape inserted in a double-quoted scalar (after a quote), or a new quoted scalar."""
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    escape = pick(c, ESCAPES)
    if quotes and chance(c, 80):
        at = pick(c, quotes) + 1
        return text[:at] + escape + text[at:]
    at = c.below(len(text) + 1)
    return text[:at] + '"' + escape + '"' + text[at:]


def m_duplicate(text: str, other: str, c: Chooser) -> str:
    start, end = _span(c, text, 200)
    at = c.below(len(text) + 1)
    return text[:at] + text[start:end] + text[at:]


def m_move(text: str, other: str, c: Chooser) -> str:
    start, end = _span(c, text, 100)
    piece, rest = text[start:end], text[:start] + text[end:]
    at = c.below(len(rest) + 1)
    return rest[:at] + piece + rest[at:]


def m_swap(text: str, other: str, c: Chooser) -> str:
    a, b = sorted((c.below(len(text) + 1), c.below(len(text) + 1)))
    a_end = min(b, a + c.below(40))
    b_end = min(len(text), b + c.below(40))
    return text[:a] + text[b:b_end] + text[a_end:b] + text[a:a_end] + text[b_end:]


def m_truncate(text: str, other: str, c: Chooser) -> str:
    at = c.below(len(text) + 1)
    return text[at:] if chance(c, 20) else text[:at]


def m_splice(text: str, other: str, c: Chooser) -> str:
    if chance(c, 50):  # character splice
        return text[: c.below(len(text) + 1)] + other[c.below(len(other) + 1) :]
    mine, theirs = text.split("\n"), other.split("\n")
    at = c.below(len(mine) + 1)
    start = c.below(len(theirs) + 1)
    return "\n".join(mine[:at] + theirs[start : start + 1 + c.below(20)] + mine[at:])


def _lines(text: str) -> list[str]:
    return text.split("\n")


def m_indent(text: str, other: str, c: Chooser) -> str:
    lines = _lines(text)
    kind = c.below(5)
    if kind == 0:  # every line: indent doubled, halved or shifted
        how = c.below(3)
        out = []
        for line in lines:
            body = line.lstrip(" ")
            pad = len(line) - len(body)
            pad = pad * 2 if how == 0 else pad // 2 if how == 1 else pad + 1
            out.append(" " * pad + body)
        return "\n".join(out)
    start = c.below(len(lines))
    end = min(len(lines), start + 1 + c.below(6))
    prefix = pick(c, (" ", "  ", "\t", " \t", "    "))
    for i in range(start, end):
        if kind == 1:
            lines[i] = prefix + lines[i]
        elif kind == 2:
            lines[i] = lines[i][min(len(lines[i]) - len(lines[i].lstrip(" ")), 1 + c.below(4)) :]
        elif kind == 3:
            body = lines[i].lstrip(" ")
            lines[i] = "\t" * ((len(lines[i]) - len(body)) // 2) + body
        else:
            lines[i] = lines[i].rstrip() + pick(c, (" ", "\t", " \t", "\r", "  # c"))
    return "\n".join(lines)


def m_lines(text: str, other: str, c: Chooser) -> str:
    """A line deleted, duplicated or swapped with another."""
    lines = _lines(text)
    i, j = c.below(len(lines)), c.below(len(lines))
    kind = c.below(3)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(j, lines[i])
    else:
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def m_document(text: str, other: str, c: Chooser) -> str:
    lines = _lines(text)
    marker = pick(
        c,
        (
            "---",
            "...",
            "--- ",
            "--- # c",
            "--- |\n  x",
            "--- a",
            "--- {",
            "...\n---",
            "%YAML 1.1\n---",
        ),
    )
    lines.insert(c.below(len(lines) + 1), marker)
    return "\n".join(lines)


def m_comment(text: str, other: str, c: Chooser) -> str:
    """A comment at the end of a line, on a line of its own, or with odd text."""
    lines = _lines(text)
    i = c.below(len(lines))
    body = pick(c, ("# c", "#", "#\t", "# {[", "# a: b", "#'\"", "# \u2028x", "# \x85 y", "#é"))
    if chance(c, 50):
        lines[i] = lines[i] + pick(c, (" ", "  ", "\t")) + body
    else:
        indent = lines[i][: len(lines[i]) - len(lines[i].lstrip(" \t"))]
        lines.insert(i, (indent if chance(c, 70) else "") + body)
    return "\n".join(lines)


def m_comment_anywhere(text: str, other: str, c: Chooser) -> str:
    """A comment (and its line break) at any place: inside flow collections, between a key and
    its colon, after ``---``, inside a block scalar..."""
    at = c.below(len(text) + 1)
    body = pick(c, (" # c\n", " #\n", "\n# c\n", "#c\n", " # c", "\t# c\n", "\n  # c\n  "))
    return text[:at] + body + text[at:]


def m_anchor(text: str, other: str, c: Chooser) -> str:
    """An anchor after a ``: `` or ``- ``, and an alias or a merge of it somewhere."""
    places = [m.end() for m in re.finditer(r": |- |\[|, ", text)]
    if not places:
        return text
    name = pick(c, ("a", "b", "x1"))
    at = pick(c, places)
    text = text[:at] + f"&{name} " + text[at:]
    places = [m.end() for m in re.finditer(r": |- |\[|, ", text)]
    at = pick(c, places)
    use = pick(c, (f"*{name}", f"*{name} ", f"{{<<: *{name}}}", f"[*{name}, *{name}]"))
    return text[:at] + use + text[at:]


def m_run(text: str, other: str, c: Chooser) -> str:
    """A very long run of one piece."""
    piece = pick(c, RUNS)
    count = pick(c, (50, 300, 399, 400, 401, 1000, 5000))
    at = c.below(len(text) + 1)
    return text[:at] + piece * count + text[at:]


def m_line_ends(text: str, other: str, c: Chooser) -> str:
    kind = c.below(4)
    if kind == 0:
        return text.replace("\n", "\r\n")
    if kind == 1:
        return text.replace("\n", "\r")
    if kind == 2:
        return text.replace("\n", pick(c, ("\x85", "\u2028", "\u2029")))
    return text.rstrip("\n") if chance(c, 50) else "\ufeff" + text


def m_scalar(text: str, other: str, c: Chooser) -> str:
    """A plain word or number replaced by a type-ambiguous one."""
    words = list(re.finditer(r"[A-Za-z0-9_.+-]+", text))
    if not words:
        return text
    w = pick(c, words)
    new = pick(
        c,
        (
            "no", "NO", "on", "Off", "y", "~", "null", "Null", "true", "TRUE", "<<", "=", "0777",
            "09", "0o17", "0x1F", "0b101", "1_000", "+12", "1e3", "1E+3", ".5", "-.5", "1.",
            "1e400", ".inf", "-.INF", ".nan", "1:30", "190:20:30", "2001-12-14", "2023-02-30",
            "0x_", "0b_", "123456789012345678901234567890", "-9223372036854775809",
            "1" * 5000, "0.1e-400", "0x1p3", "inf", "NaN", "1__0", "_1", "0_", "-", "+", "",
        ),
    )  # fmt: skip
    return text[: w.start()] + new + text[w.end() :]


MUTATORS: tuple[Callable[[str, str, Chooser], str], ...] = (
    m_delete,
    m_insert_significant,
    m_insert_significant,
    m_insert_odd,
    m_insert_random,
    m_replace_char,
    m_escape,
    m_duplicate,
    m_move,
    m_swap,
    m_truncate,
    m_splice,
    m_indent,
    m_lines,
    m_document,
    m_comment,
    m_comment,
    m_comment_anywhere,
    m_anchor,
    m_run,
    m_line_ends,
    m_scalar,
)


def mutate(text: str, other: str, c: Chooser, most: int = 6) -> str:
    """``text`` after one mutation, or (half of the time) one to ``most``."""
    count = 1 + c.below(most) if chance(c, 50) else 1
    for _ in range(count):
        text = pick(c, MUTATORS)(text, other, c)
    return text


def fuzz_input(c: Chooser, generated: str | None = None, other: str | None = None) -> str:
    """A mutated seed (spliced with a second one sometimes)."""
    first = seed(c, generated)
    second = other if other is not None else seed(c, None)
    return mutate(first, second, c)


# ---------------------------------------------------------------------------------------------
# Byte-level mutations (for the command line's byte path)

BYTE_PIECES = (
    b"\xff", b"\xfe", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
    b"\x80", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\r\n", b"\r", b"\n",
    b"\xc2\x85", b"\xe2\x80\xa8", b"# kyaml: off\n",
)  # fmt: skip
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32")


def mutate_bytes(data: bytes, c: Chooser) -> bytes:
    for _ in range(1 + c.below(4)):
        kind = c.below(5)
        at = c.below(len(data) + 1)
        if kind == 0:
            data = data[:at] + pick(c, BYTE_PIECES) + data[at:]
        elif kind == 1:
            data = data[:at] + data[at + 1 + c.below(8) :]
        elif kind == 2 and data:
            i = c.below(len(data))
            data = data[:i] + bytes([data[i] ^ (1 << c.below(8))]) + data[i + 1 :]
        elif kind == 3:
            data = data[:at]
        else:
            data = data[:at] + bytes([c.below(256)]) + data[at:]
    return data


def fuzz_bytes(c: Chooser, generated: str | None = None) -> bytes:
    text = fuzz_input(c, generated) if chance(c, 50) else seed(c, generated)
    encoding = pick(c, ENCODINGS) if chance(c, 30) else "utf-8"
    data = text.encode(encoding, errors="replace")
    if "\n" in text and chance(c, 20):
        data = text.replace("\n", "\r\n").encode(encoding, errors="replace")
    return mutate_bytes(data, c) if chance(c, 70) else data


# ---------------------------------------------------------------------------------------------
# The checks


class ContractError(AssertionError):
    """The output breaks the safety contract; ``kind`` names how (the finding's signature)."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


class OracleLimitError(Exception):
    """An independent reader cannot judge: it overflows Python's stack on deep nesting, or meets
    an int longer than CPython's ``int(str)`` limit (4300 digits) allows (kyaml writes ints of
    any size exactly, SPEC §2.2)."""


_DIGITS_LIMIT = "Exceeds the limit"


def difference(a: Any, b: Any, path: str = "") -> str:
    """Where two data first differ, or ``""`` when they are the same data."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return f"at {path or '/'}: keys {sorted(map(repr, a.keys() ^ b.keys()))} in only one"
        return next((d for k in a if (d := difference(a[k], b[k], f"{path}/{k}"))), "")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return next((d for i, x in enumerate(a) if (d := difference(x, b[i], f"{path}/{i}"))), "")
    if same_data(a, b):
        return ""
    return f"at {path or '/'}: {a!r:.200} ≠ {b!r:.200}"


def _read(reader: Callable[[str], list[Any]], text: str, what: str) -> list[Any]:
    """The documents ``reader`` reads from kyaml's output; refusing it breaks the contract."""
    try:
        return reader(text)
    except RecursionError:
        raise OracleLimitError(what) from None
    except ValueError as exc:
        if _DIGITS_LIMIT in str(exc):  # CPython's int(str) limit, not the text's fault
            raise OracleLimitError(what) from None
        raise ContractError(f"{what} refuses the output", f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:
        raise ContractError(f"{what} refuses the output", f"{type(exc).__name__}: {exc}") from exc


_parse_only = YAML(typ="safe", pure=True)
# The line breaks the parsers count (libyaml, ruamel.yaml), as in their marks.
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def input_comments(text: str) -> collections.Counter[str] | None:
    """The comments of the input by the independent reader, or None when it cannot tell: when
    its scanner or ruamel.yaml's parser refuses the text. Two changes first, neither of which
    adds or removes a comment: every line break the parsers count (CR LF, a lone CR, U+0085,
    U+2028, U+2029) becomes LF (the oracle splits comment groups at LF only), and a tab at a
    line's end, which YAML allows and the scanner refuses, is dropped."""
    try:
        for _event in _parse_only.parse(text):
            pass
        lines = _BREAKS.sub("\n", text).split("\n")
        return comments("\n".join(line.rstrip(" \t") for line in lines))
    except Exception:  # the oracle cannot read the text, so it cannot say what its comments are
        return None


def _calls(function: Callable[[str], R], text: str) -> R | None:
    """``function(text)``, or None when it raises KyamlError (the only exception allowed)."""
    try:
        return function(text)
    except kyaml.KyamlError:
        return None


def _json_data(docs: list[Any]) -> Any:
    return None if not docs else docs[0] if len(docs) == 1 else docs


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


def _check_position(text: str, line: int, what: str) -> None:
    """A reported line is in the input (or just past its end)."""
    lines = len(_BREAKS.findall(text.removeprefix("\ufeff"))) + 1
    if not 0 <= line <= lines + 1:
        raise ContractError("a position past the end of the input", f"{what} (of {lines} lines)")


# Ways to format: the default, compact mode, and the other input schemas (SPEC §1, §3.1).
MODES: tuple[tuple[bool, str], ...] = (
    (False, "reference"),
    (False, "reference"),
    (False, "reference"),
    (True, "reference"),
    (False, "1.1"),
    (False, "1.2"),
)


def check_text(
    text: str, *, compact: bool = False, schema: str = "reference", parser: str = "auto"
) -> str | None:
    """Check the contract for one input, read with ``parser`` (``"auto"`` or ``"pure"``); returns
    the KYAML, or None when kyaml refuses it.

    Raises :class:`ContractError` when the contract is broken, :class:`OracleLimitError` when a
    reader cannot judge, and whatever kyaml raises other than KyamlError.
    """

    read = kyaml.Options(schema=schema, parser=parser)  # how every call reads

    def kyaml_of(t: str) -> str:
        return kyaml.format_str(t, options=read.replace(compact=compact))

    notes: list[kyaml.Diagnostic] = []
    try:
        out: str | None = kyaml.format_str(
            text, options=read.replace(compact=compact), on_diagnostic=notes.append
        )
    except kyaml.KyamlError as error:
        _check_position(text, error.line, f"error {error}")
        out = None
    for diagnostic in notes:
        _check_position(text, diagnostic.line, f"diagnostic {diagnostic.format()}")
    docs = _calls(partial(kyaml.loads_all, options=read), text)
    yaml_out = _calls(partial(kyaml.to_yaml, options=read), text)
    json_out = _calls(partial(kyaml.to_json, options=read), text)
    strict = _calls(
        partial(kyaml.format_str, options=read.replace(compact=compact, strict=True)), text
    )
    other = _calls(partial(kyaml.format_str, options=read.replace(compact=not compact)), text)
    mode, other_mode = ("compact", "regular") if compact else ("regular", "compact")
    taken = {
        f"format_str({mode})": out is not None,
        f"format_str({other_mode})": other is not None,
        "loads_all": docs is not None,
        "to_yaml": yaml_out is not None,
    }
    if len(set(taken.values())) > 1:
        refuse = sorted(name for name, ok in taken.items() if not ok)
        accept = sorted(name for name, ok in taken.items() if ok)
        raise ContractError(f"calls disagree: {', '.join(refuse)} refuse, {', '.join(accept)} take")
    if out is None or docs is None or yaml_out is None or other is None:
        if strict is not None:
            raise ContractError("strict mode takes what format_str refuses")
        return None
    if strict is None and not any(d.severity == "warning" for d in notes):
        raise ContractError("strict mode refuses input that has no warning")
    if strict is not None and strict != out:
        raise ContractError("strict mode writes other text")
    if diff := difference(_read(read_yaml12, other, "YAML 1.2 (other mode)"), docs):
        raise ContractError("the other mode (compact or regular) writes other data", diff)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ContractError("output is not UTF-8 text", str(exc)) from None

    yaml12 = _read(read_yaml12, out, "YAML 1.2")
    if diff := difference(yaml12, docs):
        raise ContractError("YAML 1.2 reads other data from the output", diff)
    yaml11 = _read(read_yaml11, out, "YAML 1.1")
    if diff := difference(yaml11, yaml12):
        raise ContractError("YAML 1.1 and YAML 1.2 read the output differently", diff)

    before = None if compact else input_comments(text)
    if before is not None:
        try:
            after = comments(out)
        except Exception as exc:
            raise ContractError("the comment reader refuses the output", str(exc)) from exc
        if missing := before - after:
            raise ContractError("comments lost", repr(sorted(missing))[:300])

    again = _calls(kyaml_of, out)
    if again is None:
        raise ContractError("format_str refuses its own output")
    if again != out:
        raise ContractError("not idempotent")

    for reader, what in ((read_yaml12, "to_yaml: YAML 1.2"), (read_yaml11, "to_yaml: YAML 1.1")):
        if diff := difference(_read(reader, yaml_out, what), docs):
            raise ContractError(f"{what} reads other data", diff)
    if _calls(kyaml_of, yaml_out) != out:
        raise ContractError("format_str(to_yaml(t)) differs from format_str(t)")

    if json_out is None:
        if _finite(docs):
            raise ContractError("to_json refuses finite data")
    elif diff := difference(_read(json.loads, json_out, "to_json: JSON"), _json_data(docs)):
        raise ContractError("to_json writes other data", diff)
    return out


_OPTIONS = RunOptions(write=False)


def check_bytes(data: bytes) -> None:
    """The command line's byte path: never an internal error; formatting its output again
    changes nothing."""
    for target, convert in (("kyaml", False), ("yaml", True), ("json", True)):
        result = format_bytes(data, "fuzz.yaml", _OPTIONS, target, convert=convert)  # type: ignore[arg-type]
        internal = [text for kind, text in result.messages if "internal error" in text]
        if internal:
            trace = [text for kind, text in result.messages if kind == "trace"]
            raise ContractError(f"internal error ({target})", "\n".join(internal + trace))
        if target == "kyaml" and result.status == "changed" and result.output is not None:
            second = format_bytes(result.output, "fuzz.yaml", _OPTIONS)
            if second.status != "unchanged":
                raise ContractError(f"byte path not idempotent ({second.status})")


# ---------------------------------------------------------------------------------------------
# Known findings: a failure matching one of these is not reported again by the properties (so
# that a known bug does not mask new ones); each has an xfail regression test below.


@dataclass(frozen=True)
class Known:
    name: str
    matches: Callable[[str, BaseException], bool]


def _kyaml_frames(exc: BaseException) -> list[str]:
    """``file:function`` of each frame inside kyaml's source, outermost first."""
    return [
        f"{Path(frame.filename).name}:{frame.name}"
        for frame in traceback.extract_tb(exc.__traceback__)
        if "/kyaml/" in frame.filename and "/tests/" not in frame.filename
    ]


def _numberless(text: str, size: int) -> str:
    return re.sub(r"\d+", "N", text)[:size]


def signature(exc: BaseException) -> str:
    """A short name for a failure, the same for every input that fails the same way: the kind of
    contract violation, or the exception's type, its place in kyaml (for a RecursionError, the
    function that recurs most) and its message with numbers left out."""
    if isinstance(exc, ContractError):
        error = re.search(r"internal error: (\w+): (.*)", exc.detail)
        if exc.kind.startswith("internal error") and error:
            return f"{exc.kind}: {error[1]}: {_numberless(error[2], 60)}"
        return exc.kind
    frames = _kyaml_frames(exc)
    if isinstance(exc, RecursionError) and frames:
        where = collections.Counter(frames).most_common(1)[0][0]
    else:
        where = frames[-1] if frames else ""
    return f"{type(exc).__name__} at {where}: {_numberless(str(exc), 80)}"


def _raised(kind: type[BaseException], *words: str) -> Callable[[str, BaseException], bool]:
    """A failure by an exception of type ``kind`` whose message and traceback hold ``words``,
    raised by the library or reported as an internal error by the byte path."""

    def matches(text: str, exc: BaseException) -> bool:
        if isinstance(exc, ContractError) and exc.kind.startswith("internal error"):
            where = exc.detail
            if f"{kind.__name__}: " not in where:
                return False
        elif isinstance(exc, kind):
            where = str(exc) + "\n" + "".join(traceback.format_tb(exc.__traceback__))
        else:
            return False
        return all(word in where for word in words)

    return matches


_PROPERTY_THEN_COMMENT = re.compile(r"(?:^|[\s\[{,])[&!]\S*[ \t]+#")


def _comment_after_property(text: str, exc: BaseException) -> bool:
    return (
        isinstance(exc, ContractError)
        and exc.kind == "comments lost"
        and _PROPERTY_THEN_COMMENT.search(text) is not None
    )


def _compact_reads_whole(text: str, exc: BaseException) -> bool:
    return (
        isinstance(exc, ContractError)
        and exc.kind.startswith("calls disagree: format_str(compact) refuse,")
        and "format_str(regular)" in exc.kind
        and "---" in text
    )


def _dash_tab_in_block_scalar(text: str, exc: BaseException) -> bool:
    return (
        isinstance(exc, ContractError)
        and exc.kind.startswith("calls disagree: format_str(regular)")
        and exc.kind.endswith("format_str(compact) take")
        and "---\t" in text
    )


KNOWN_FINDINGS: tuple[Known, ...] = (
    # The pure parser reads a "---<tab>" line after a root block scalar as the scalar's content
    # (compact mode, which falls back to it for the whole stream, formats what regular mode
    # refuses).
    Known("pure parser: ---<tab> read as block scalar content", _dash_tab_in_block_scalar),
)


def known_finding(text: str | bytes, exc: BaseException) -> str | None:
    """The name of the known finding ``exc`` is, or None."""
    shown = text if isinstance(text, str) else text.decode("utf-8", errors="replace")
    for known in KNOWN_FINDINGS:
        if known.matches(shown, exc):
            return known.name
    return None
