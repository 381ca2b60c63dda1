"""Writing files atomically: the formatted bytes replace a file all at once, or not at all.

The new content goes to a temporary file in the same folder, given the original's permissions,
then renamed over it, so that a crash, a full disk or Ctrl-C never leaves half a file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` all at once, keeping its permissions.

    The new content goes to a temporary file beside the target (same filesystem, so the rename is
    atomic), which gets the original's mode (and owner, where allowed) before it is renamed over the
    target. A symlink is followed: the file it points to is replaced and the link stays a link. The
    temporary file never outlives a failure, and Ctrl-C waits until the file is whole (see
    :func:`_interrupt_held`). A read-only file is refused even for root, whom ``os.access`` lets
    write anything, since the rename would replace it regardless of its mode; so is anything but
    a regular file (a FIFO, a device).
    """
    import tempfile  # only when writing: it is a costly import for format-on-save

    target = os.path.realpath(path)
    info = os.stat(target)
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file, so not rewritten", path)
    if not (info.st_mode & _WRITE_BITS and os.access(target, os.W_OK)):
        raise PermissionError(errno.EACCES, "read-only file, so not rewritten", path)
    directory, name = os.path.split(target)
    with _interrupt_held():
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".kyaml-tmp", dir=directory)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.chmod(tmp, stat.S_IMODE(info.st_mode))
            if hasattr(os, "chown"):
                _keep_owner(tmp, info)
            os.replace(tmp, target)
        except BaseException:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            raise


@contextlib.contextmanager
def _interrupt_held() -> Iterator[None]:
    """Hold a Ctrl-C (SIGINT) until the block ends, then raise it: an interrupt between
    creating the temporary file and renaming it would otherwise leave the file behind. A second
    Ctrl-C interrupts at once (the block's cleanup still runs). Only where Python delivers
    signals (the main thread) and only over the default handler; elsewhere the block runs as is.
    """
    import signal
    import threading

    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    held: list[int] = []

    def hold(signum: int, frame: object) -> None:
        if held:
            raise KeyboardInterrupt
        held.append(signum)

    signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if held:
            raise KeyboardInterrupt


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give ``tmp`` the original owner and group when they differ and we may (as root)."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid):
        with contextlib.suppress(OSError):
            os.chown(tmp, info.st_uid, info.st_gid)
