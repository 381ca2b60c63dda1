"""Escaped UTF-16 surrogates (``"\\ud83d\\udd0d"``, as JSON spells astral characters) through
libyaml, which refuses them.

YAML 1.2 reads JSON, and JSON encoders (Python's ``json.dumps`` among them) write a character
outside the Basic Multilingual Plane as two ``\\u`` escapes of UTF-16 surrogates. libyaml (and
go-yaml) refuse an escaped surrogate; ruamel.yaml's parsers read each as a lone surrogate, which
:func:`kyaml._reader.scalars.scalar_text_of` joins into one character. So that the binding
reads the same texts with the same rules, :func:`mask` rewrites each surrogate escape
(``\\uDxxx``, ``\\U0000Dxxx``) to an escape of the same length in the private-use range
(``\\uExxx``, the code point plus 0x800) before libyaml reads the text, and :func:`unmask`
puts the surrogates back in the events: as the code points in a double-quoted scalar, as the
text written elsewhere (a ``\\u`` in a plain, single-quoted or block scalar is no escape). Lengths
are kept, so every position stays right. A text that already holds a character of that
private-use range, or an escape of one, is left as it is and libyaml refuses it.
"""

from __future__ import annotations

from bisect import bisect_left

from kyaml._patterns import LazyPattern
from kyaml._reader.events import (
    ANCHOR,
    DOUBLE_QUOTED,
    END,
    KIND,
    SCALAR,
    START,
    STYLE,
    TAG,
    VALUE,
    Event,
)

_ESCAPE = LazyPattern(r"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")
# What a masked text could not tell apart from a masked escape.
_TAKEN = LazyPattern(r"[\ue000-\ue7ff]|\\u[eE][0-7]|\\U0000[eE][0-7]")
_SHIFT = 0x800
_UNMASK = {code: code - _SHIFT for code in range(0xE000, 0xE800)}

#: Where escapes were masked: each one's index in the text and its original spelling.
Masked = list[tuple[int, str]]


def mask(text: str) -> tuple[str, Masked]:
    """``text`` with every surrogate escape masked, and where they were (empty when none)."""
    if "\\u" not in text and "\\U" not in text:
        return text, []
    found: Masked = []
    for match in _ESCAPE.finditer(text):
        at = match.start()
        backslashes = 0
        while at - backslashes > 0 and text[at - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:  # the backslash is not itself escaped
            found.append((at, match.group()))
    if not found or _TAKEN.search(text):
        return text, []
    parts: list[str] = []
    done = 0
    for at, spelled in found:
        parts.append(text[done:at])
        parts.append(_masked(spelled))
        done = at + len(spelled)
    parts.append(text[done:])
    return "".join(parts), found


def unmask(events: list[Event], masked: Masked) -> list[Event]:
    """The events of a masked text as they are for the original text (see the module)."""
    if not masked:
        return events
    starts = [at for at, _ in masked]
    for n, event in enumerate(events):
        first = bisect_left(starts, event[START])
        last = bisect_left(starts, event[END])
        if first == last:
            continue
        originals = [spelled for _, spelled in masked[first:last]]
        fields = list(event)
        for field in (ANCHOR, TAG, VALUE):
            value = fields[field]
            if not isinstance(value, str):
                continue
            if field == VALUE and event[KIND] == SCALAR and event[STYLE] == DOUBLE_QUOTED:
                fields[field] = value.translate(_UNMASK)
            else:
                fields[field] = _restore(value, originals)
        events[n] = tuple(fields)  # type: ignore[assignment]
    return events


def _restore(value: str, originals: list[str]) -> str:
    """``value`` with the masked spellings it holds (in order) written as they were."""
    parts: list[str] = []
    done = 0
    for spelled in originals:
        masked = _masked(spelled)
        at = value.find(masked, done)
        if at < 0:
            continue
        parts.append(value[done:at])
        parts.append(spelled)
        done = at + len(masked)
    parts.append(value[done:])
    return "".join(parts)


def _masked(spelled: str) -> str:
    """The masked spelling of a surrogate escape: ``\\ud83d`` → ``\\ue03d``."""
    return f"{spelled[:-4]}{int(spelled[-4:], 16) + _SHIFT:04x}"
