"""Bytes → text: YAML's encodings (UTF-8, or UTF-16/32 after a byte order mark), the first step
of reading, shared by the library (text given as ``bytes``) and the command (files, stdin).

:func:`as_text` is what the public functions take: ``str`` (a subclass as plain ``str``),
``bytes`` or ``bytearray``, decoded as :func:`decode_text` decodes a file, as ``json.loads`` takes
bytes; anything else is a ``TypeError`` naming its type.
"""

from __future__ import annotations

import codecs

from kyaml.errors import KyamlError, ParseError

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# How much of an undecodable file is searched for NUL bytes to call it binary (as git does).
_BINARY_SNIFF = 8000


def as_text(value: object) -> str:
    """The YAML text a public function was given, as ``str`` (see the module)."""
    if type(value) is str:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (bytes, bytearray)):
        return decode_text(bytes(value))[0]
    raise TypeError(f"YAML text must be str, bytes or bytearray, not {type(value).__name__}")


def decode_text(data: bytes) -> tuple[str, str, bytes]:
    """A YAML text's bytes decoded: the text, its encoding and its byte order mark (``b""``
    when none): UTF-8, or UTF-16/32 when a byte order mark says so.

    Raises :class:`KyamlError` with the line and column of the first undecodable byte, so a
    binary or Latin-1 file is reported like any other bad input. UTF-16 or UTF-32 without a byte
    order mark is refused by name (as the reference refuses it) rather than as a NUL character.
    """
    encoding, bom = "utf-8", b""
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom = name, mark
            break
    else:
        unmarked = _unmarked_utf16_32(data)
        if unmarked:
            raise ParseError(
                f"{unmarked} text without a byte order mark; kyaml reads UTF-16 and UTF-32 only"
                " after a byte order mark (or convert the file to UTF-8)",
                1,
                1,
                code="KY008",
            )
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise decode_error(body, exc, encoding) from None
    return text, encoding, bom


def _unmarked_utf16_32(data: bytes) -> str | None:
    """The encoding YAML 1.2 (§5.2) infers from the NUL bytes of a text's first character when
    there is no byte order mark, or None for UTF-8. A NUL can start no UTF-8 YAML text."""
    head = data[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return "UTF-32-BE"
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        return "UTF-32-LE"
    if len(head) >= 2 and not head[0] and head[1]:
        return "UTF-16-BE"
    if len(head) >= 2 and head[0] and not head[1]:
        return "UTF-16-LE"
    return None


def decode_error(body: bytes, exc: UnicodeDecodeError, encoding: str) -> KyamlError:
    """The position of a decoding failure as a KyamlError (line and column counted in text)."""
    good = body[: exc.start].decode(encoding, errors="replace")
    line = good.count("\n") + 1
    column = len(good) - (good.rfind("\n") + 1) + 1
    bad = body[exc.start : exc.end].hex(" ")
    name = encoding.upper()
    message = f"not valid {name} text ({exc.reason}: bytes {bad})"
    if b"\0" in body[:_BINARY_SNIFF] and encoding == "utf-8":
        message += "; NUL bytes too: a binary file?"
    return ParseError(message, line, column, code="KY008")
