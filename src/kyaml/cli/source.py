"""Reading source files byte-faithfully: encoding, byte order mark, line endings.

The library works on ``str`` with ``\\n`` line breaks; this module turns a file's bytes into that
text and keeps what is needed to turn the formatted text back into bytes of the same shape, so
that formatting a CRLF file or a UTF-16 file changes its content and nothing else.
"""

from __future__ import annotations

from kyaml._reader.decode import decode_error, decode_text

__all__ = ["Source", "decode", "decode_error"]


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
    """Decode a YAML file (:func:`kyaml._reader.decode.decode_text`), noting its byte order
    mark and line endings; the text has ``\\n`` line breaks."""
    text, encoding, bom = decode_text(data)
    newline = "\n"
    first = text.find("\n")
    if first > 0 and text[first - 1] == "\r":
        newline = "\r\n"
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return Source(text, encoding, bom, newline)
