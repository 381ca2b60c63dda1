"""Reading and writing source files byte-faithfully: encoding, byte order mark, line endings.

The library works on ``str`` with ``\\n`` line breaks; this module turns a file's bytes into that
text and the formatted text back into bytes of the same shape, so that formatting a CRLF file or a
UTF-16 file changes its content and nothing else. Writes are atomic: a temporary file in the same
directory, given the original's permissions, then renamed over it.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
from dataclasses import dataclass

from kyaml.errors import KyamlError

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded document: its text with ``\\n`` line breaks, and how to encode it back."""

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        """``text`` (``\\n`` line breaks) as bytes in this source's encoding and line endings."""
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return self.bom + text.encode(self.encoding)


def decode(data: bytes) -> Source:
    """Decode a YAML file: UTF-8, or UTF-16/32 when a byte order mark says so.

    Raises :class:`KyamlError` with the line and column of the first undecodable byte, so a
    binary or Latin-1 file is reported like any other bad input.
    """
    encoding, bom = "utf-8", b""
    for mark, name in _BOMS:
        if data.startswith(mark):
            encoding, bom = name, mark
            break
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _decode_error(body, exc, encoding) from None
    newline = "\n"
    first = text.find("\n")
    if first > 0 and text[first - 1] == "\r":
        newline = "\r\n"
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    return Source(text, encoding, bom, newline)


def _decode_error(body: bytes, exc: UnicodeDecodeError, encoding: str) -> KyamlError:
    """The position of a decoding failure as a KyamlError (line and column counted in text)."""
    good = body[: exc.start].decode(encoding, errors="replace")
    line = good.count("\n") + 1
    column = len(good) - (good.rfind("\n") + 1) + 1
    bad = body[exc.start : exc.end].hex(" ")
    name = encoding.upper()
    return KyamlError(f"not valid {name} text ({exc.reason}: bytes {bad})", line, column)


def read_file(path: str) -> bytes:
    """The bytes of ``path``; a directory or missing file raises :class:`OSError`."""
    with open(path, "rb") as f:
        return f.read()


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` all at once, keeping its permissions.

    The new content goes to a temporary file beside the target (same filesystem, so the rename is
    atomic), which gets the original's mode (and owner, where allowed) before it is renamed over the
    target. A symlink is followed: the file it points to is replaced and the link stays a link. The
    temporary file never outlives a failure.
    """
    import tempfile  # only when writing: it is a costly import for format-on-save

    target = os.path.realpath(path)
    info = os.stat(target)
    if not os.access(target, os.W_OK):
        raise PermissionError(13, "Permission denied", path)
    directory, name = os.path.split(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".kyaml-tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            _keep_owner(tmp, info)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give ``tmp`` the original owner and group when they differ and we may (as root)."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
        with contextlib.suppress(OSError):
            os.chown(tmp, info.st_uid, info.st_gid)
