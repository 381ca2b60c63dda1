"""Scalar text: what needs quotes, string escapes, multi-line folding and safe number forms.

Every decision about how a scalar is spelled in KYAML lives here (SPEC §1, §3.2, §3.3), so the
KYAML emitter, the block-YAML emitter and the data API all agree.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from kyaml._patterns import LazyPattern

# --- type ambiguity (SPEC §3.2) ----------------------------------------------------------------

# Go's strconv.ParseBool.
_GO_BOOLS = frozenset(
    ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"]
)
# Compared case-insensitively by the reference.
_AMBIGUOUS_WORDS = frozenset(
    (
        "null",
        "~",
        "",
        "true",
        "y",
        "yes",
        "on",
        "false",
        "n",
        "no",
        "off",
        ".inf",
        "-.inf",
        "+.inf",
        ".nan",
    )
)

# Go's strconv.ParseInt(s, 0, 64) syntax (underscores already removed): sign, then a base prefix.
_GO_INT = LazyPattern(r"[-+]?(?:0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)")
# Go's strconv.ParseFloat(s, 64) syntax: decimal, hex with a mandatory p exponent, inf/nan words.
_GO_FLOAT = LazyPattern(
    r"[-+]?(?:"
    r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
    r"|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][-+]?[0-9]+"
    r"|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?"
    r")"
    r"|[nN][aA][nN]"
)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_SEXAGESIMAL = LazyPattern(r"[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
# The layouts of Go's time.Parse that the reference tries, as (date, time, fraction, zone) parts.
_GO_TIMESTAMP = LazyPattern(
    r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
    r"(?:(?:(?P<tz_sep>[Tt])|(?P<sp_sep> ))"
    r"(?P<H>[0-9]{1,2}):(?P<M>[0-9]{1,2}):(?P<S>[0-9]{1,2})(?:[.,][0-9]+)?"
    r"(?P<zone>Z|[-+][0-9]{2}:[0-9]{2})?)?"
)
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _go_parses_int64(s: str) -> bool:
    """Whether Go's ``strconv.ParseInt(s, 0, 64)`` accepts ``s`` (syntax and range)."""
    if not _GO_INT.fullmatch(s):
        return False
    body = s.lstrip("+-")
    sign = -1 if s.startswith("-") else 1
    prefixed = len(body) > 1 and body[0] == "0" and body[1] in "bBoOxX"
    if len((body[2:] if prefixed else body).replace("_", "").lstrip("0")) > 64:
        return False  # beyond int64 in any base (and past Python's digit limit for int())
    if prefixed:
        value = int(body[2:], {"b": 2, "o": 8, "x": 16}[body[1].lower()])
    elif len(body) > 1 and body[0] == "0":
        value = int(body[1:], 8)
    else:
        value = int(body)
    return _INT64_MIN <= sign * value <= _INT64_MAX


def _go_parses_float64(s: str) -> bool:
    """Whether Go's ``strconv.ParseFloat(s, 64)`` accepts ``s`` (overflow is an error there)."""
    if not _GO_FLOAT.fullmatch(s):
        return False
    lowered = s.lower().lstrip("+-")
    if lowered in ("inf", "infinity", "nan"):
        return True
    try:
        value = float.fromhex(s) if "x" in lowered else float(s)
    except (ValueError, OverflowError):
        return False
    return not math.isinf(value)


def _go_parses_timestamp(s: str) -> bool:
    """Whether one of the reference's ``time.Parse`` layouts accepts ``s`` (with range checks)."""
    m = _GO_TIMESTAMP.fullmatch(s)
    if m is None:
        return False
    year, month, day = int(m["y"]), int(m["m"]), int(m["d"])
    if m["sp_sep"] and m["zone"]:
        return False  # the space-separated layout has no zone
    if not 1 <= month <= 12:
        return False
    days = _DAYS_IN_MONTH[month - 1]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        days = 29
    if not 1 <= day <= days:
        return False
    if m["H"] is not None:
        return int(m["H"]) < 24 and int(m["M"]) < 60 and int(m["S"]) < 60
    return True


def reference_ambiguous(s: str) -> bool:
    """The reference encoder's test: would a YAML reader guess a type other than string?"""
    if len(s) <= 5 and s.lower() in _AMBIGUOUS_WORDS:
        return True
    if s in _GO_BOOLS:
        return True
    plain = s.replace("_", "")
    if _go_parses_int64(plain) or _go_parses_float64(plain):
        return True
    if _SEXAGESIMAL.fullmatch(s):
        return True
    return s[:4].isdigit() and s[4:5] == "-" and _go_parses_timestamp(s)


# kyaml's extras: what any reader of SPEC §2 takes for a non-string by its shape, whatever the
# range or validity of the value — PyYAML's YAML 1.1 resolvers, ruamel.yaml's YAML 1.2 resolvers
# (which allow `_` too), the core schema of go-yaml v3 and the JavaScript readers, and Go's number
# syntax without its range limits.
_READER_SHAPES = LazyPattern(
    r"""
    # YAML 1.1 (PyYAML, go-yaml v2): int, float, merge, value, timestamp
      [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
    | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
    | [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)? | \.[0-9_]+(?:[eE][-+][0-9]+)?
    | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
    | << | =
    | [0-9]{4}-[0-9]{2}-[0-9]{2}
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
      (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?
    # YAML 1.2 (ruamel.yaml, go-yaml v3, JavaScript yaml): int and float
    | [-+]?0o?[0-7_]+ | [-+]?[0-9_]+ | 0o[0-7]+
    | [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)? | [-+]?(?:[0-9][0-9_]*)[eE][-+]?[0-9]+
    | [-+]?\.[0-9_]+(?:[eE][-+]?[0-9]+)?
    # a date of any validity (`2023-02-30`, `0000-00-00`), with or without a time
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?
    """,
    re.VERBOSE | re.DOTALL,
)
_SHAPE_STARTS = frozenset("-+.0123456789<=")
# Go's ParseInt(s, 0, 64) syntax at any size (applied with `_` removed, as the reference does).
_GO_INT_SHAPE = LazyPattern(r"[-+]?(?:0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|[0-9]+)")


def extra_ambiguous(s: str) -> bool:
    """kyaml's additions to the reference's test (SPEC §3.2): number-, date- and time-shaped text
    that some reader of SPEC §2 takes for a non-string, whatever its range or validity."""
    # PyYAML and ruamel.yaml try their implicit types only on text that starts like one.
    if s[:1] in _SHAPE_STARTS and _READER_SHAPES.fullmatch(s):
        return True
    plain = s.replace("_", "")
    return bool(_GO_INT_SHAPE.fullmatch(plain) or _GO_FLOAT.fullmatch(plain))


# Text that starts with an ASCII letter is a non-string to some reader only as one of these
# words, in any case (Go also reads `in_f` as inf: underscores dropped); numbers, dates and the
# other shapes start with a digit, a sign, a dot or a symbol.
_LETTER_WORDS = frozenset(
    [
        "null",
        "true",
        "yes",
        "on",
        "false",
        "no",
        "off",
        "y",
        "n",
        "t",
        "f",
        "inf",
        "infinity",
        "nan",
    ]
)


@lru_cache(maxsize=4096)
def is_type_ambiguous(s: str) -> bool:
    """Whether a bare ``s`` could be read as something other than the string ``s`` (SPEC §3.2)."""
    first = s[:1]
    if (
        first.isascii()
        and first.isalpha()
        and s.lower() not in _LETTER_WORDS
        and s.replace("_", "").lower() not in _LETTER_WORDS
    ):
        return False  # most keys: decided without the patterns below
    return reference_ambiguous(s) or extra_ambiguous(s)


_BARE_KEY = LazyPattern(r"\w(?:[\w./-]*\w)?")


@lru_cache(maxsize=8192)
def key_text(key: str) -> str:
    """A mapping key as written in KYAML: bare when SPEC §1 allows, else one-line double-quoted."""
    bare = key.isalnum() or _BARE_KEY.fullmatch(key) is not None  # \w includes alphanumerics
    if bare and not is_type_ambiguous(key):
        return key
    return quote_line(key)


# --- string escapes (SPEC §1) -------------------------------------------------------------------

_NAMED_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\r": "\\r",
    "\v": "\\v",
    "\0": "\\0",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\xa0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
    "\t": "\\t",
    "\n": "\\n",
}
# Characters that may need an escape: all but printable ASCII, plus the quote and the backslash.
_SPECIAL = LazyPattern(r"[^\x20-\x21\x23-\x5b\x5d-\x7e]")


def _escape_char(c: str, literal_tab: bool) -> str:
    named = _NAMED_ESCAPES.get(c)
    if named is not None:
        return "\t" if literal_tab and c == "\t" else named
    code = ord(c)
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if c.isprintable():
        return c
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _escape_oneline(m: re.Match[str]) -> str:
    return _escape_char(m.group(), literal_tab=False)


def _escape_regular(m: re.Match[str]) -> str:
    return _escape_char(m.group(), literal_tab=True)


def quote_line(s: str) -> str:
    """``s`` double-quoted on one line: every newline and tab escaped (keys, compact mode)."""
    return '"' + _SPECIAL.sub(_escape_oneline, s) + '"'


def quote_value(s: str, indent: str) -> str:
    """A string value in regular mode; multi-line strings folded below ``indent`` (SPEC §1).

    ``indent`` is the whitespace of the lines that carry the folded content (a space or ``\\``
    follows it) and of the closing quote.
    """
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return '"' + s + '"'  # nothing to escape: the common case, without the regex
    if "\n" not in s:
        return '"' + _SPECIAL.sub(_escape_regular, s) + '"'
    out = ['"\\\n']
    lines = s.split("\n")
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if i == last and not line:
            break  # the content ended with a newline
        out.append(indent)
        if line[:1] in (" ", "\t"):
            out.append("\\")  # `\ ` and `\<tab>` keep the leading whitespace
        else:
            out.append(" ")  # anything else, even other whitespace, stands as its escape
        out.append(_SPECIAL.sub(_escape_regular, line))
        out.append("\\n\\\n" if i < last else "\\\n")
    out.append(indent)
    out.append('"')
    return "".join(out)


# --- numbers (SPEC §3.3) -----------------------------------------------------------------------

SAFE_INT = LazyPattern(r"-?(?:0|[1-9][0-9]*)")
SAFE_FLOAT = LazyPattern(r"-?[0-9]+\.[0-9]+(?:[eE][-+][0-9]+)?|-?\.inf|\.nan")


def int_text(value: int) -> str:
    """An int in decimal, exact at any size (past CPython's digit limit for ``str`` too)."""
    try:
        return str(value)
    except ValueError:
        return _huge_int_text(value)


def _huge_int_text(value: int) -> str:
    if value < 0:
        return "-" + _huge_int_text(-value)
    digits = 1000
    base = 10**digits
    chunks: list[str] = []
    while value:
        value, rest = divmod(value, base)
        chunks.append(str(rest))
    chunks.reverse()
    return chunks[0] + "".join(c.zfill(digits) for c in chunks[1:])


def float_text(value: float) -> str:
    """A float in the safe form: ``repr`` with ``.0`` before a bare exponent, ``.inf``, ``.nan``."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        return mantissa + ".0e" + exponent
    return text


def scalar_line(value: bool | int | float | str | None) -> str:
    """A scalar value as KYAML writes it on one line: ``null``, ``true``/``false``, a number in its
    safe form, or a one-line double-quoted string."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return quote_line(value)
    if isinstance(value, int):
        return int_text(value)
    return float_text(value)


def exceeds_int64(value: int) -> bool:
    """Whether an int is outside the 64-bit range some readers are limited to (SPEC §2.2)."""
    return not -(2**63) <= value <= 2**64 - 1


# --- block YAML plain scalars -------------------------------------------------------------------

# Characters that may not begin a plain scalar (SPEC §5); `-` is allowed before a non-space.
_PLAIN_BAD_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
# Text that ends a plain scalar early or starts a comment inside it.
_PLAIN_BAD_INSIDE = LazyPattern(r": | #|:$")


@lru_cache(maxsize=8192)
def plain_safe(s: str) -> bool:
    """Whether ``s`` may be written as a plain scalar in block YAML (a value or a key).

    Conservative on purpose: printable single-line text only (no tab, no NBSP), no leading or
    trailing space, no indicator at the start (``-x`` aside), no ``: `` or `` #`` inside, nothing
    that starts like a document marker, and nothing a YAML 1.1 or 1.2 reader takes for another
    type (the Norway rule).
    """
    if not s or not s.isprintable() or s[-1] == " ":
        return False
    first = s[0]
    if first in _PLAIN_BAD_START and not (first == "-" and s[1:2] not in ("", " ")):
        return False
    if s.startswith(("---", "...")):
        return False
    if _PLAIN_BAD_INSIDE.search(s):
        return False
    return not is_type_ambiguous(s)


def literal_header(s: str, *, root: bool = False) -> str | None:
    """The literal block scalar header for a multi-line string (``|``, ``|-``, ``|+``, ``|2``…),
    or None when a literal block would not read back exactly.

    A literal block needs printable text (tabs and newlines aside), no line ending in a space or
    tab (kyaml never writes trailing whitespace) and at least one non-empty line. An indentation
    indicator is added when the first non-empty line starts with whitespace; readers disagree on
    what it means for a document's root, so such a root string is refused (quoted instead).
    """
    if "\n" not in s:
        return None
    lines = s.split("\n")
    first = next((line for line in lines if line), None)
    if first is None:
        return None
    for line in lines:
        if line and (line[-1] in " \t" or not line.replace("\t", " ").isprintable()):
            return None
    header = "|"
    if first[0] in " \t":
        if root:
            return None
        header = "|2"
    if not s.endswith("\n"):
        return header + "-"
    if s.endswith("\n\n"):
        return header + "+"
    return header
