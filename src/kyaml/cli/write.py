"""Writing files back: the formatted bytes replace a file all at once, or not at all.

The new content goes to a temporary file in the same folder, created relative to the folder's
descriptor (:mod:`kyaml.cli.opened`), given the original's owner, group, extended attributes
(ACLs among them) and permissions, flushed to disk, then renamed over it: a crash, a full disk or
Ctrl-C never leaves half a file behind, and a folder swapped for a link cannot redirect the write.

A rename cannot keep what belongs to the inode rather than the name: the other names of a file
with several hard links, an owner other than the writer (only root may give a file away), a
group or an extended attribute the writer may not set. Such a file is refused, unless
``--write-through`` asks to rewrite it in place: a complete copy is written and flushed beside
it first, then the file itself is rewritten, then the copy removed. A crash in that window
leaves the copy, the one case where a temporary file may remain.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator

from kyaml.cli.opened import OpenedFile, check_file, identity, open_file

_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | getattr(os, "O_BINARY", 0)
_THROUGH = os.O_WRONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC
_ACL = "system.posix_acl_access"
_WRITE_THROUGH_HINT = "--write-through rewrites it in place"


def write_atomic(path: str, data: bytes, *, write_through: bool = False) -> None:
    """Replace the file at ``path`` with ``data`` (see :func:`write_file`).

    A symlink is resolved once, here: the file it points to is replaced and the link stays a
    link.
    """
    with open_file(os.path.realpath(path)) as opened:
        write_file(opened, data, write_through=write_through)


def write_file(opened: OpenedFile, data: bytes, *, write_through: bool = False) -> None:
    """Replace the ``opened`` file with ``data`` all at once, keeping what the file had.

    A read-only file is refused even for root, whom ``os.access`` lets write anything, since
    the rename would replace it regardless of its mode. The temporary file never outlives a
    failure, and Ctrl-C waits until the file is whole (see :func:`_interrupt_held`).
    """
    info = opened.info
    folder, name = opened.folder, opened.name
    if not (info.st_mode & _WRITE_BITS and os.access(name, os.W_OK, dir_fd=folder)):
        raise PermissionError(errno.EACCES, "read-only file, so not rewritten")
    blocker = _rename_blocker(info)
    if blocker and not write_through:
        raise PermissionError(errno.EPERM, f"{blocker}; {_WRITE_THROUGH_HINT}")
    with _interrupt_held():
        tmp = None
        try:
            fd, tmp = _create_temporary(folder, name)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                blocker = blocker or _keep_metadata(fd, tmp, opened)
                os.fsync(fd)
            if blocker is None:
                _check_unchanged(opened)
                os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
            elif not write_through:
                raise PermissionError(errno.EPERM, f"{blocker}; {_WRITE_THROUGH_HINT}")
            else:
                through = _open_through(opened)
                copy, tmp = tmp, None  # from here on, a failure leaves the copy
                _write_through(through, data, copy)
                os.unlink(copy, dir_fd=folder)
        except BaseException:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp, dir_fd=folder)
            raise


def _rename_blocker(info: os.stat_result) -> str | None:
    """What a rename would lose that can be told before writing: other hard links, an owner
    only root could give the new file."""
    if info.st_nlink > 1:
        return f"has {info.st_nlink} links"
    if hasattr(os, "geteuid") and os.geteuid() not in (0, info.st_uid):
        return f"owned by another user (uid {info.st_uid})"
    return None


def _create_temporary(folder: int | None, name: str) -> tuple[int, str]:
    """A new, empty file beside ``name`` in ``folder``, readable by its owner only, and its
    name (hidden, ending ``.kyaml-tmp``)."""
    directory, base = os.path.split(name)
    for _ in range(100):
        tmp = os.path.join(directory, f".{base}.{os.urandom(4).hex()}.kyaml-tmp")
        try:
            return os.open(tmp, _CREATE, 0o600, dir_fd=folder), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file")


def _keep_metadata(fd: int, tmp: str, opened: OpenedFile) -> str | None:
    """Give the temporary file ``tmp``, open at ``fd``, the original's owner, group, extended
    attributes and permissions; what cannot be kept, or None."""
    info = opened.info
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (info.st_uid, info.st_gid) and hasattr(os, "fchown"):
        as_root = os.geteuid() == 0
        try:
            os.fchown(fd, info.st_uid if as_root else -1, info.st_gid)
        except OSError:
            owner = f"owner (uid {info.st_uid}) and " if as_root else ""
            return f"its {owner}group (gid {info.st_gid}) cannot be kept"
    lost = _copy_xattrs(opened.fd, fd)
    if lost:
        return f"its extended attribute {lost} cannot be kept"
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(info.st_mode))
    else:  # Windows, where ``tmp`` is a whole path
        os.chmod(tmp, stat.S_IMODE(info.st_mode))
    return None


def _copy_xattrs(source: int, target: int) -> str | None:
    """Copy the extended attributes of ``source`` onto ``target`` (both descriptors), dropping
    an access ACL the target inherited and the source lacks; the name of one that cannot be
    copied, or None. A file system without extended attributes has none to copy."""
    if not hasattr(os, "listxattr"):
        return None
    try:
        names = os.listxattr(source)
    except OSError:
        return None
    for key in names:
        try:
            value = os.getxattr(source, key)
            with contextlib.suppress(OSError):
                if os.getxattr(target, key) == value:
                    continue
            os.setxattr(target, key, value)
        except OSError:
            return key
    if _ACL not in names:
        with contextlib.suppress(OSError):
            os.removexattr(target, _ACL)
    return None


def _check_unchanged(opened: OpenedFile) -> None:
    """Refuse to rename over a name that no longer holds the file that was read."""
    now = os.stat(opened.name, dir_fd=opened.folder, follow_symlinks=False)
    if identity(now) != identity(opened.info):
        raise OSError(errno.ESTALE, "replaced while being formatted, so not touched")


def _open_through(opened: OpenedFile) -> int:
    """The opened file, opened again for writing (it must still be the same file)."""
    fd = os.open(opened.name, _THROUGH, dir_fd=opened.folder)
    try:
        check_file(os.fstat(fd), identity(opened.info))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _write_through(fd: int, data: bytes, copy: str) -> None:
    """Rewrite the file open at ``fd`` (and close it): write all of ``data``, cut the file to
    length, flush it to disk. A failure names the ``copy`` that holds ``data``."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    except OSError as exc:
        kept = f"the formatted text is in {os.path.basename(copy)} beside it"
        raise OSError(
            exc.errno, f"{exc.strerror or exc} while rewriting in place; {kept}"
        ) from None
    finally:
        os.close(fd)


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
