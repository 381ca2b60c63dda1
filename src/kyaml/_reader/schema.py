"""What a scalar means: plain scalars by input schema, and explicit scalar tags (SPEC §3.1).

Three schemas read plain scalars:

- ``reference``: go-yaml v3's reading, as the reference encoder sees it. go-yaml v3 holds int64,
  or uint64 when unsigned: past that, ``0x``/``0o``/``0b`` text is a string (an Ethereum address
  stays text) and leading-zero octal a float, as there. Two deliberate differences: decimal ints
  of any size are exact ints (go-yaml v3: a float, or a string beyond float range), and digits
  that are not octal after a leading zero (``09``, ``0778``) are the decimal int (go-yaml v3: a
  float).
- ``1.1``: YAML 1.1 as PyYAML's SafeLoader reads it, plus the ``y``/``n`` booleans of the YAML 1.1
  spec and go-yaml v2. Where PyYAML fails (``0x_``, ``0b_``) the text is a string.
- ``1.2``: the YAML 1.2 core schema, strictly (no ``_``, no ``0b``, ``0777`` is 777).

In every schema timestamps are strings. A finite-looking number beyond float range (``1e400``) is a
string under ``reference``, as in go-yaml v3, and infinity under ``1.1`` and ``1.2``, as PyYAML,
ruamel.yaml and the JavaScript ``yaml`` package read it (the ambiguity warning names both).

This runs for every plain scalar, so ordinary words return after a first-character test and a dict
lookup; only text that can start a number reaches the regexes, whose results are cached.
"""

from __future__ import annotations

import math
from functools import lru_cache

from kyaml._patterns import LazyPattern
from kyaml.errors import KyamlError, UnsupportedError
from kyaml.options import SCHEMAS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Literal

    Schema = Literal["reference", "1.1", "1.2"]


#: What a scalar means: null, a bool, a number or a string.
Value = None | bool | int | float | str

_INF = math.inf
_NAN = math.nan

# Words every schema shares: nulls, the YAML 1.2 booleans, the special floats.
_COMMON: dict[str, Value] = {
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), _INF),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -_INF),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), _NAN),
}
_YAML11_BOOLS: dict[str, Value] = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_WORDS: dict[str, dict[str, Value]] = {
    "reference": _COMMON,
    "1.1": {**_COMMON, **_YAML11_BOOLS},
    "1.2": _COMMON,
}
# Characters that can begin a number; the others that can begin a non-string are in _STARTS.
_NUMERIC_START = frozenset("0123456789+-.")
_STARTS: dict[str, frozenset[str]] = {
    "reference": _NUMERIC_START | frozenset("~nNtTfF"),
    "1.1": _NUMERIC_START | frozenset("~nNtTfFyYoO"),
    "1.2": _NUMERIC_START | frozenset("~nNtTfF"),
}

# reference: go-yaml v3 strips every "_" from text starting with a digit or sign, then tries
# strconv.ParseInt(s, 0, 64) (sign, 0x/0o/0b in either case, a leading 0 is octal), then its
# float regex, then "0b"/"0o" followed by a *signed* number (ParseInt(s[2:], 2 or 8)).
_REF_INT = LazyPattern(
    r"([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|0([0-7]*)|([0-9]+))"
)
_REF_SIGNED_AFTER_PREFIX = LazyPattern(r"0(?:b([-+][01]+)|o([-+][0-7]+))")
_FLOAT = LazyPattern(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
# Text starting with "." goes to strconv.ParseFloat as typed: "_" only between digits.
_GO_DOT_FLOAT = LazyPattern(r"\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?")

# 1.1: PyYAML's resolver regexes (floats need a dot, and a signed exponent).
_Y11_FLOAT = LazyPattern(
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?"
    r"|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"
)
_Y11_INT = LazyPattern(
    r"[-+]?(?:0b[01_]+|0[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)"
)

# 1.2 core schema.
_CORE_INT = LazyPattern(r"([-+]?)([0-9]+)|0o([0-7]+)|0x([0-9a-fA-F]+)")

_TIMESTAMP = LazyPattern(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)

_INT_DIGITS_LIMIT = 4000  # below CPython's default int(str) limit of 4300 digits


def _decimal(digits: str) -> int:
    """A decimal digit string of any length as an int (int() refuses more than 4300 digits)."""
    if len(digits) <= _INT_DIGITS_LIMIT:
        return int(digits)
    k = len(digits) // 2
    scale: int = 10**k
    return _decimal(digits[:-k]) * scale + _decimal(digits[-k:])


def _base60(parts: list[int]) -> int:
    """Base-60 digits, most significant first, as an int (halving keeps long inputs fast)."""
    if len(parts) <= 64:
        number = 0
        for part in parts:
            number = number * 60 + part
        return number
    k = len(parts) // 2
    scale: int = 60**k
    return _base60(parts[:-k]) * scale + _base60(parts[-k:])


def _finite(number: str, text: str) -> float | str:
    """``number`` as a float, or ``text`` (a string) when it is beyond float range."""
    value = float(number)
    return text if math.isinf(value) else value


def in_64_bits(value: int, sign: str = "") -> bool:
    """Whether go-yaml v3 holds ``value`` as an int64 or a uint64; Go's ParseUint refuses a
    sign, so text with a ``+`` must fit an int64."""
    return -(2**63) <= value < (2**63 if sign == "+" else 2**64)


def _reference_number(text: str) -> Value:
    if text[0] == ".":
        return _finite(text.replace("_", ""), text) if _GO_DOT_FLOAT.fullmatch(text) else text
    plain = text.replace("_", "")
    m = _REF_INT.fullmatch(plain)
    if m:
        sign, hexa, octal, binary, legacy, dec = m.groups()
        if dec is not None:
            value = _decimal(dec)  # includes 09, 0778: decimal (go-yaml v3: a float)
            return -value if sign == "-" else value
        if hexa is not None:
            value = int(hexa, 16)
        elif octal is not None:
            value = int(octal, 8)
        elif binary is not None:
            value = int(binary, 2)
        else:
            value = int(legacy, 8) if legacy else 0
        value = -value if sign == "-" else value
        if in_64_bits(value, sign):
            return value
        # beyond 64 bits go-yaml v3 tries its float pattern, which only leading-zero octal
        # digits match; 0x/0o/0b text stays a string
        return _finite(plain, text) if legacy is not None else text
    if _FLOAT.fullmatch(plain):
        return _finite(plain, text)
    m = _REF_SIGNED_AFTER_PREFIX.fullmatch(plain)
    if m:
        binary, octal = m.groups()
        value = int(binary, 2) if binary is not None else int(octal, 8)
        return value if -(2**63) <= value < 2**63 else text
    return text


def _sexagesimal(parts: list[float]) -> float:
    """Base-60 parts, most significant first, summed in PyYAML's order (so the float agrees)."""
    value, base = 0.0, 1
    for part in reversed(parts):
        value += part * base
        base *= 60
    return value


def _yaml11_number(text: str) -> Value:
    if _Y11_FLOAT.fullmatch(text):
        plain = text.replace("_", "").lower()
        if ":" not in plain:
            return float(plain)  # beyond float range: infinity, as PyYAML reads it
        try:
            value = _sexagesimal([float(part) for part in plain.lstrip("+-").split(":")])
        except OverflowError:  # so many parts that 60**n is beyond float range
            return text
        if math.isinf(value):
            return text
        return -value if plain[0] == "-" else value
    if not _Y11_INT.fullmatch(text):
        return text
    plain = text.replace("_", "")
    negative = plain[0] == "-"
    unsigned = plain.lstrip("+-")
    if unsigned[:2] in ("0b", "0x"):
        if len(unsigned) == 2:
            return text  # "0x_": PyYAML fails; no digits, so a string
        number = int(unsigned[2:], 2 if unsigned[1] == "b" else 16)
    elif unsigned[0] == "0":
        number = int(unsigned, 8)
    elif ":" in unsigned:
        head, *tail = unsigned.split(":")
        number = _decimal(head) * 60 ** len(tail) + _base60([int(part) for part in tail])
    else:
        number = _decimal(unsigned)
    return -number if negative else number


def _core_number(text: str) -> Value:
    m = _CORE_INT.fullmatch(text)
    if m:
        sign, dec, octal, hexa = m.groups()
        if dec is not None:
            return -_decimal(dec) if sign == "-" else _decimal(dec)
        return int(octal, 8) if octal is not None else int(hexa, 16)
    if _FLOAT.fullmatch(text):
        return float(text)  # beyond float range: infinity, as ruamel.yaml reads it
    return text


_NUMBER_READERS = {"reference": _reference_number, "1.1": _yaml11_number, "1.2": _core_number}


@lru_cache(maxsize=16384)
def _number_cached(text: str, schema: str) -> Value:
    return _NUMBER_READERS[schema](text)


def resolve_plain(text: str, schema: Schema) -> Value:
    """The value of a plain (unquoted) scalar under the schema; a str result means 'a string'."""
    starts = _STARTS.get(schema)
    if starts is None:
        raise ValueError(f"unknown schema {schema!r}; expected one of {SCHEMAS}")
    if not text:
        return None
    first = text[0]
    if first not in starts:
        return text
    words = _WORDS[schema]
    if text in words:
        return words[text]
    if first not in _NUMERIC_START:
        return text
    if is_plain_decimal(text):
        return int(text)  # the common number, an int in every schema
    if len(text) > 64:  # long numbers are rare; keep them out of the cache
        return _NUMBER_READERS[schema](text)
    return _number_cached(text, schema)


def is_plain_decimal(text: str) -> bool:
    """Whether ``text`` is ASCII digits without a leading zero (or ``0``), at most 18 of them:
    an int in every schema, in the safe form (SPEC §3.3), within 64 bits."""
    return (
        len(text) <= 18 and text.isdigit() and text.isascii() and (text[0] != "0" or len(text) == 1)
    )


def is_timestamp(text: str) -> bool:
    """Whether plain ``text`` is a YAML 1.1 timestamp (``2001-12-14``, ``2001-12-14T21:59:43Z``),
    which YAML 1.1 readers such as PyYAML read as a date and kyaml reads as a string."""
    return len(text) >= 8 and text[:4].isdigit() and _TIMESTAMP.fullmatch(text) is not None


def yaml11_reading(text: str) -> Value:
    """What a YAML 1.1 reader (PyYAML; go-yaml v2, behind kubectl) makes of a plain scalar.

    Used for the ambiguity diagnostics (SPEC §2.6). Timestamps come back as their text.
    """
    return resolve_plain(text, "1.1")


# Explicit tags -------------------------------------------------------------------------------

_TAG_PREFIX = "tag:yaml.org,2002:"
_BOOL_WORDS = {
    **dict.fromkeys(("true", "yes", "on", "y"), True),
    **dict.fromkeys(("false", "no", "off", "n"), False),
}


def _tag_name(tag: str) -> str | None:
    """``int`` for ``tag:yaml.org,2002:int``, ``!!int`` or ``!<tag:yaml.org,2002:int>``."""
    if tag.startswith("!<") and tag.endswith(">"):
        tag = tag[2:-1]
    if tag.startswith(_TAG_PREFIX):
        return tag[len(_TAG_PREFIX) :]
    if tag.startswith("!!"):
        return tag[2:]
    return None


def _show(text: str, plain: bool) -> str:
    """The scalar for a message: as typed when plain, double-quoted otherwise; long text cut."""
    import json  # diagnostics only: kept out of the start-up path

    short = text if len(text) <= 40 else text[:40] + "…"
    quoted = json.dumps(short, ensure_ascii=False)
    return short if plain and short and quoted[1:-1] == short else quoted


def _number_under(text: str, schema: Schema) -> int | float | None:
    """``text`` as a number in the schema's forms, else in the 1.1 or reference forms."""
    readings: tuple[Schema, ...] = (schema, "1.1", "reference")
    for reading in readings:
        value = resolve_plain(text, reading)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    return None


def _tagged_int(text: str, schema: Schema) -> Value:
    number = _number_under(text, schema)
    if type(number) is not int:
        raise ValueError
    return number


def _tagged_float(text: str, schema: Schema) -> Value:
    number = _number_under(text, schema)
    if number is None:
        raise ValueError
    try:
        return float(number)
    except OverflowError:
        pass
    raise ValueError("beyond float range")  # outside the handler: no context


def _tagged_bool(text: str, schema: Schema) -> Value:
    return _BOOL_WORDS[text.lower()]  # KeyError: not a boolean


def _tagged_null(text: str, schema: Schema) -> Value:
    if text in ("", "~") or text.lower() == "null":
        return None
    raise ValueError


def _tagged_timestamp(text: str, schema: Schema) -> Value:
    if not _TIMESTAMP.fullmatch(text):
        raise ValueError
    return text


def _tagged_binary(text: str, schema: Schema) -> Value:
    import base64  # rare: kept out of the start-up path

    data = "".join(text.split())
    base64.b64decode(data, validate=True)  # binascii.Error (a ValueError): not base64
    return data


_TAG_READERS = {
    "int": _tagged_int,
    "float": _tagged_float,
    "bool": _tagged_bool,
    "null": _tagged_null,
    "timestamp": _tagged_timestamp,
    "binary": _tagged_binary,
}


def resolve_tagged(  # noqa: PLR0917 (the parser's call shape)
    tag: str, text: str, plain: bool, schema: Schema, line: int, column: int
) -> Value:
    """The value of a scalar with an explicit tag (SPEC §3.1: explicit tags keep their meaning).

    ``tag`` is a full URI (``tag:yaml.org,2002:int``) or the ``!!int`` short form; ``plain`` says
    whether the scalar was unquoted. A value the tag cannot take, or a tag kyaml does not know,
    raises :class:`KyamlError` at ``line``:``column``. ``!!binary`` gives its base64 text without
    whitespace; ``!!timestamp`` gives its text; ``!`` (the non-specific tag) makes a string, as
    YAML defines it (go-yaml v3 resolves ``! 12`` as if untagged).
    """
    name = _tag_name(tag)
    if tag == "!" or name == "str":
        return text
    shown = "!!" + name if name is not None else tag
    reader = _TAG_READERS.get(name or "")
    if reader is None:
        raise UnsupportedError(f"unsupported tag {shown} on a scalar", line, column, code="KY005")
    try:
        return reader(text, schema)
    except (ValueError, KeyError) as exc:
        reason = f": {exc}" if isinstance(exc, ValueError) and str(exc) else ""
    message = f"{shown} cannot hold {_show(text, plain)}{reason}"
    raise KyamlError(message, line, column, code="KY005")  # outside the handler: no context
