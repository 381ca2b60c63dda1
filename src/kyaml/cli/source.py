"""Reading source files byte-faithfully: encoding, byte order mark, line endings.

The library works on ``str`` with ``\\n`` line breaks; this module turns a file's bytes into that
text and keeps what is needed to turn the formatted text back into bytes of the same shape, so
that formatting a CRLF file or a UTF-16 file changes its content and nothing else.
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


class Source:
    """A decoded document: its text with ``\\n`` line breaks, and how to encode it back."""

    __slots__ = ("bom", "encoding", "newline", "text")

    def __init__(
        self, text: str, encoding: str = "utf-8", bom: bytes = b"", newline: str = "\n"
    ) -> None:
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.newline = newline

    def __repr__(self) -> str:
        return f"Source(encoding={self.encoding!r}, bom={self.bom!r}, newline={self.newline!r})"

    def encode(self, text: str) -> bytes:
        """``text`` (``\\n`` line breaks) as bytes in this source's encoding and line endings."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


def decode(data: bytes) -> Source:
    """Decode a YAML file: UTF-8, or UTF-16/32 when a byte order mark says so.

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
            )
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise decode_error(body, exc, encoding) from None
    newline = "\n"
    first = text.find("\n")
    if first > 0 and text[first - 1] == "\r":
        newline = "\r\n"
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return Source(text, encoding, bom, newline)


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
    return ParseError(message, line, column)
