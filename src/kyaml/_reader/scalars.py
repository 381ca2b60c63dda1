"""Scalar events → tree scalars, with the diagnostics of SPEC §2.6.

Quoted and block scalars are strings; plain scalars are resolved by the input schema
(:mod:`kyaml._reader.schema`); explicit tags keep their meaning. A number whose text is already in a
safe form (SPEC §3.3) keeps its text; any other spelling is written in the safe form, with an
``info`` diagnostic. A plain scalar a YAML 1.1 reader (kubectl) reads differently from the input
schema gets a ``warning`` that is an *ambiguity*: ``strict`` makes it an error. Keys are their
text; a plain key some reader takes for a non-string gets a ``warning`` (an ambiguity too when
the YAML 1.1 reading differs).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from kyaml._patterns import LazyPattern
from kyaml._quote import (
    SAFE_FLOAT,
    SAFE_INT,
    exceeds_int64,
    float_text,
    int_text,
    key_text,
    scalar_line,
)
from kyaml._quote import quote_line as _quote_line
from kyaml._reader.events import COLUMN, DOUBLE_QUOTED, LINE, PLAIN, STYLE, TAG, VALUE, Event
from kyaml._reader.schema import (
    in_64_bits,
    is_plain_decimal,
    is_timestamp,
    resolve_plain,
    resolve_tagged,
    yaml11_reading,
)
from kyaml._tree import Scalar
from kyaml.errors import KyamlError, LimitError, ParseError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

    from kyaml._reader.schema import Schema

#: ``report(event, severity, message, code, ambiguity, fix)``: where diagnostics go; ``fix`` is
#: the text that would replace the scalar to remove the finding (None: no fix).
Reporter = Callable[[Event, str, str, str, bool, "str | None"], None]

_STR_TAG = "tag:yaml.org,2002:str"
# First characters of plain text that a YAML 1.1 reader may read as something other than the
# string itself, when the input schema reads a string (y/n/on/off words, numbers, sexagesimals,
# timestamps, the value and merge types' = and <<), or a YAML 1.2 reader may (1e3).
_AMBIGUOUS_STARTS = frozenset("yYnNoO0123456789+-.:=<")
_YAML11_WORDS = frozenset(
    w for word in ("y", "n", "yes", "no", "on", "off") for w in (word, word.title(), word.upper())
)
_NUMBER_STARTS = frozenset("0123456789+-.")
_SURROGATE = LazyPattern(r"[\ud800-\udfff]")  # escapes: a literal surrogate is no valid text


def scalar_text_of(event: Event) -> str:
    """A scalar event's text; escaped UTF-16 surrogate pairs (``"\\ud83d\\udd0d"``, as JSON
    spells astral characters) become the character they stand for, and a lone surrogate, which
    no Unicode text can hold, is an error."""
    text = event[VALUE] or ""
    if event[STYLE] != DOUBLE_QUOTED or text.isascii() or not _SURROGATE.search(text):
        return text
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError as exc:
        lone = int.from_bytes(exc.object[exc.start : exc.start + 2], "little")
    line, column = event[LINE] + 1, event[COLUMN] + 1
    message = f"escaped UTF-16 surrogate \\u{lone:04x} without its pair: not a character"
    raise ParseError(message, line, column, code="KY008")  # outside the handler: no context


def scalar_node(event: Event, schema: str, report: Reporter) -> Scalar:
    """The tree scalar of a scalar event (a value, not a key)."""
    text = scalar_text_of(event)
    tag = event[TAG]
    quoted = event[STYLE] != PLAIN
    line, column = event[LINE] + 1, event[COLUMN] + 1
    if tag is not None and tag != "!":
        if tag == _STR_TAG:
            return Scalar(text, None, line, column)
        value = resolve_tagged(tag, text, not quoted, schema, line, column)  # type: ignore[arg-type]
        _check_size(event, text, value)
        if tag.endswith(":binary") or tag == "!!binary":
            message = "!!binary data written as its base64 text (a string)"
            report(event, "warning", message, "KY304", False, None)
        elif (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and not _tagged_ambiguity(event, text, value, report)
        ):
            _number_note(event, text, value, report, tagged=True)
        return Scalar(value, None, line, column)
    if quoted:  # a plain scalar tagged "!" is resolved as if untagged: go-yaml v3, PyYAML and
        return Scalar(text, None, line, column)  # ruamel.yaml all read "! 12" as 12
    value = resolve_plain(text, schema)  # type: ignore[arg-type]
    if value.__class__ is str:
        if text and text[0] in _AMBIGUOUS_STARTS:
            _ambiguity(event, text, value, schema, report)
        return Scalar(value, None, line, column)
    _check_size(event, text, value)
    if _ambiguity(event, text, value, schema, report):
        return Scalar(value, None, line, column)
    if value is None or value is True or value is False:
        return Scalar(value, None, line, column)
    if isinstance(value, int):
        if is_plain_decimal(text) or SAFE_INT.fullmatch(text):
            if exceeds_int64(value):
                _big_int(event, text, report)
            return Scalar(value, text, line, column)
    elif isinstance(value, float) and math.isfinite(value) and SAFE_FLOAT.fullmatch(text):
        return Scalar(value, text, line, column)  # (1.0e+400, infinity to some, is rewritten)
    _number_note(event, text, value, report)
    return Scalar(value, None, line, column)


@lru_cache(maxsize=8192)
def plain_key_is_string(text: str, schema: str) -> bool:
    """Whether the input schema, a YAML 1.1 reader and a YAML 1.2 reader all read plain
    ``text`` as a string (or it is empty): such a key needs no check. Keys repeat, so the
    answer is cached."""
    if not text:
        return True
    if resolve_plain(text, schema).__class__ is not str:  # type: ignore[arg-type]
        return False
    if schema != "1.1" and yaml11_reading(text).__class__ is not str:
        return False
    return text[0] not in _NUMBER_STARTS or resolve_plain(text, "1.2").__class__ is str


def check_key(event: Event, schema: str, report: Reporter) -> None:
    """Check a key's tag (an unknown one is an error) and report a plain key some reader takes
    for something other than a string; the key itself is always its text (SPEC §4)."""
    text = event[VALUE] or ""
    tag = event[TAG]
    quoted = event[STYLE] != PLAIN
    if tag is not None and tag != "!":
        line, column = event[LINE] + 1, event[COLUMN] + 1
        resolve_tagged(tag, text, not quoted, schema, line, column)  # type: ignore[arg-type]
        return
    if quoted or tag is not None or plain_key_is_string(text, schema):
        return
    value = resolve_plain(text, schema)  # type: ignore[arg-type]
    reading = yaml11_reading(text) if schema != "1.1" else value
    core = resolve_plain(text, "1.2")
    written = key_text(text)
    if same_value(reading, core) and same_value(reading, value):
        message = (
            f"key {clip(text)} reads as {describe(value)}; KYAML keys are strings, so it is"
            f" written as {clip(written)}"
        )
        report(event, "warning", message, "KY301", False, None)
        return
    code = _code(text, reading, core, value)
    message = (
        f"key {clip(text)}: {_disagreement(code, reading, core, value)}; written as the"
        f" string {clip(written)}"
    )
    report(event, "warning", message, code, True, written)


def _ambiguity(event: Event, text: str, value: Any, schema: str, report: Reporter) -> bool:
    """Report a warning (an ambiguity) when YAML 1.1 and YAML 1.2 readers read ``text``
    differently, or a YAML 1.1 reader differently from the input schema (``0644`` is 420 to
    both kubectl and go-yaml v3, but 644 to a YAML 1.2 reader); say whether there was one. The
    fix writes ``value``, the input schema's reading, so that every reader reads it."""
    reading = value if schema == "1.1" else yaml11_reading(text)
    core = value
    if schema == "1.1":
        core = resolve_plain(text, "1.2")
    elif schema == "reference" and text[:1] in _NUMBER_STARTS and not is_plain_decimal(text):
        # the reference and YAML 1.2 read alike all but a few numbers (0644, 1e400)
        core = resolve_plain(text, "1.2")
    if same_value(reading, value) and same_value(reading, core):
        if value.__class__ is not str or not (
            text in ("=", "<<") or (text[0] in _NUMBER_STARTS and is_timestamp(text))
        ):
            return False
        written = scalar_line(value)
        if text in ("=", "<<"):
            message = (
                f"{text}: the {'value' if text == '=' else 'merge'} type to YAML 1.1, which"
                f" PyYAML refuses here, a string to YAML 1.2; written as {written}"
            )
        else:
            message = (
                f"{clip(text)}: a timestamp to YAML 1.1 readers (PyYAML), a string to YAML 1.2;"
                f" written as {clip(written)}"
            )
        report(event, "warning", message, reading_family(text), True, written)
        return True
    written = scalar_line(value)
    code = _code(text, reading, core, value)
    if isinstance(reading, int) and isinstance(value, str) and not in_64_bits(reading):
        message = (
            f"{clip(text)}: an integer beyond 64 bits to YAML 1.1 (PyYAML), a string to go-yaml"
            " v3 (the reference's reader); written as the string, as the reference does"
        )
    else:
        message = (
            f"{clip(text)}: {_disagreement(code, reading, core, value)}; written as {clip(written)}"
        )
    report(event, "warning", message, code, True, written)
    return True


def _code(text: str, reading: Any, core: Any, value: Any) -> str:
    """The rule of a reading difference: numbers beyond float range (``KY202``), else the
    family of ``text`` (:func:`reading_family`)."""
    infinite = any(isinstance(v, float) and math.isinf(v) for v in (reading, core, value))
    return "KY202" if infinite and math.isinf(_float(text)) else reading_family(text)


def _disagreement(code: str, reading: Any, core: Any, value: Any) -> str:
    """Who reads what: the YAML 1.1 and YAML 1.2 readings, or, where those agree, the two
    against go-yaml v3's (the reference's, ``value``)."""
    if same_value(reading, core):
        return (
            f"{_readers(code)} and YAML 1.2 read {describe(reading)}, go-yaml v3 reads"
            f" {describe(value)}"
        )
    return f"{_readers(code)} reads {describe(reading)}, YAML 1.2 reads {describe(core)}"


def _tagged_ambiguity(event: Event, text: str, value: Any, report: Reporter) -> bool:
    """Report a number whose tag YAML 1.1 and YAML 1.2 readers resolve to different values
    (``!!int 0644``); say whether there was one. It has no fix: the tag is part of its text."""
    tag, plain = event[TAG] or "", event[STYLE] == PLAIN
    line, column = event[LINE] + 1, event[COLUMN] + 1
    readings = []
    schemas: tuple[Schema, ...] = ("1.1", "1.2")
    for schema in schemas:
        try:
            readings.append(resolve_tagged(tag, text, plain, schema, line, column))
        except KyamlError:
            readings.append(None)
    if same_value(readings[0], readings[1]):
        return False
    message = (
        f"{tag} {clip(text)}: YAML 1.1 reads {describe(readings[0])}, YAML 1.2 reads"
        f" {describe(readings[1])}; written as {clip(scalar_line(value))}"
    )
    report(event, "warning", message, reading_family(text), True, None)
    return True


def _float(text: str) -> float:
    """``text`` as a number, however spelt (``inf`` for a number beyond float range); NaN for
    text that is no number."""
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return math.nan


#: The families in which kubectl's reader (go-yaml v2) reads as YAML 1.1 does; in the others
#: (sexagesimal, exponent floats, timestamps, floats beyond range) it does not, and the YAML 1.1
#: reading named is PyYAML's.
_KUBECTL_READS = frozenset(("KY101", "KY102", "KY107"))


def _readers(code: str) -> str:
    """The YAML 1.1 readers a message names for a family's reading."""
    return "YAML 1.1 (kubectl)" if code in _KUBECTL_READS else "YAML 1.1 (PyYAML)"


def reading_family(text: str) -> str:
    """The code of the family of YAML 1.1/1.2 reading differences plain ``text`` belongs to
    (:mod:`kyaml.rules`, ``KY1``)."""
    if text in _YAML11_WORDS:
        return "KY101"
    if text in ("=", "<<"):
        return "KY106"
    if is_timestamp(text):
        return "KY105"
    plain = text.lstrip("+-").lower()
    if ":" in plain:
        return "KY103"
    if plain[:2] == "0o" or (len(plain) > 1 and plain[0] == "0" and plain[1] in "01234567_"):
        return "KY102"
    if "e" in plain and plain[:2] != "0x" and "_" not in plain:
        return "KY104"
    return "KY107"


#: Past this many bits an int's decimal form passes CPython's limit of 4300 digits for ``str``:
#: writing it is quadratic work, which CPython refuses to do unasked.
_MAX_INT_BITS = 14_000


def _check_size(event: Event, text: str, value: Any) -> None:
    """Refuse an int spelt otherwise than in decimal (``0x…``, ``0o…``, ``1:30``) whose decimal
    form would be longer than CPython writes (an int spelt in decimal keeps its text)."""
    if (
        isinstance(value, int)
        and value.bit_length() > _MAX_INT_BITS
        and not text.lstrip("+-").replace("_", "").isdigit()
    ):
        message = (
            f"{clip(text)}: an integer of {value.bit_length()} bits: its decimal form would"
            " pass 4300 digits"
        )
        raise LimitError(message, event[LINE] + 1, event[COLUMN] + 1, code="KY007")


def clip(text: str) -> str:
    """``text`` as a message echoes it: at most about 80 characters, the middle elided."""
    return text if len(text) <= 80 else f"{text[:60]}…{text[-15:]}"


def _number_note(
    event: Event, text: str, value: Any, report: Reporter, tagged: bool = False
) -> None:
    if isinstance(value, int) and exceeds_int64(value):
        _big_int(event, text, report)
    written = scalar_line(value)
    if written == text:
        return
    shown = f"{event[TAG]} {clip(text)}" if tagged else clip(text)
    message = f"{shown}: number written as {clip(written)}, which every reader reads alike"
    report(event, "info", message, "KY203", False, None if tagged else written)


def _big_int(event: Event, text: str, report: Reporter) -> None:
    message = (
        f"{clip(text)}: integer beyond 64 bits, written exactly; some YAML readers cannot hold it"
    )
    report(event, "warning", message, "KY201", False, None)


def describe(value: Any) -> str:
    """A scalar value in words, for messages: ``false``, ``the string "NO"``, …"""
    if value is None or isinstance(value, bool):
        return scalar_line(value)
    if isinstance(value, str):
        return "the string " + clip(_quote_line(value))
    if isinstance(value, int):
        if value.bit_length() > 128:  # its decimal digits would say less, at quadratic cost
            return f"an integer of {value.bit_length()} bits"
        return "the integer " + int_text(value)
    return "the float " + float_text(value)


def same_value(a: Any, b: Any) -> bool:
    """Equal values of the same type (NaN equals NaN)."""
    if type(a) is not type(b):
        return False
    if a == b:
        return True
    return isinstance(a, float) and math.isnan(a) and math.isnan(b)


def scalar_text(node: Scalar) -> str:
    """A scalar node as key text: its string, or its number's text."""
    value = node.value
    if isinstance(value, str):
        return value
    if node.text is not None:
        return node.text
    return scalar_line(value)
