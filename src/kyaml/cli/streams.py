"""Reading stdin and writing stdout: every byte written, or a clear error.

A write to stdout may be short (a full disk, a pipe when Python runs unbuffered): the rest is
written in turn, and a failure is a :class:`StreamError` (exit 2). A reader that went away
(``| head``) raises :class:`PipeClosedError`, which ends the run quietly with status 141, as for
other Unix tools. While the output is written, Ctrl-C and SIGTERM wait for the end, so stdout
never holds part of it: into a file, what was written is removed again before the interrupt.
"""

from __future__ import annotations

import os
import stat
import sys

from kyaml.cli import interrupts

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import IO

_CHUNK = 1 << 20


class StreamError(Exception):
    """stdin or stdout cannot be used (closed, full disk); the message is for the user."""


class PipeClosedError(Exception):
    """stdout's reader went away. Not an :class:`OSError`, which click would turn into exit 1."""


def read_stdin() -> bytes:
    """All of stdin's bytes."""
    stream = sys.stdin
    if stream is None:
        raise StreamError("cannot read stdin: it is closed")
    try:
        return stream.buffer.read()
    except (OSError, ValueError) as exc:
        raise StreamError(f"cannot read stdin: {_reason(exc)}") from None


def write_stdout(*parts: bytes | IO[bytes]) -> None:
    """Write ``parts`` (bytes, or binary files read from where they are) to stdout, whole."""
    fd = _stdout_fd()
    start = _file_offset(fd)
    try:
        with interrupts.deferred() as came:
            for part in parts:
                if isinstance(part, (bytes, bytearray, memoryview)):
                    _write_all(fd, part)
                else:
                    while chunk := part.read(_CHUNK):
                        _write_all(fd, chunk)
        interrupts.raise_held(came)
    except BrokenPipeError:
        raise PipeClosedError from None
    except BaseException:
        if start is not None:
            _truncate(fd, start)
        raise


def _stdout_fd() -> int:
    stream = sys.stdout
    if stream is None:
        raise StreamError("cannot write to stdout: it is closed")
    try:
        stream.flush()
        fd = stream.fileno()
        os.fstat(fd)
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        raise StreamError(f"cannot write to stdout: {_reason(exc)}") from None
    return fd


def _write_all(fd: int, data: bytes | bytearray | memoryview) -> None:
    view = memoryview(data)
    while view:
        try:
            written = os.write(fd, view)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StreamError(f"cannot write to stdout: {_reason(exc)}") from None
        if written <= 0:
            raise StreamError("cannot write to stdout: nothing was written")
        view = view[written:]


def _file_offset(fd: int) -> int | None:
    """Where the output starts when stdout is a regular file (so it can be taken back)."""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.lseek(fd, 0, os.SEEK_CUR)
    except OSError:
        return None


def _truncate(fd: int, start: int) -> None:
    try:
        os.ftruncate(fd, start)
        os.lseek(fd, start, os.SEEK_SET)
    except OSError:
        pass


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[:1].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__
