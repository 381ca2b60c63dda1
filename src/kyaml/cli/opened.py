"""Opening a file to format in place without following a link the walk did not follow.

The files to format are found first and opened later, so a file or a folder on the way could be
swapped for a symbolic link in between, and a FIFO or a device could stand where a file was.
Here the file's folder is opened once, without following a link, and the file is opened relative
to that folder (``O_NOFOLLOW``, ``O_NONBLOCK``) and checked with ``fstat``: it must be a regular
file, the very file that was found (same device and inode), and no larger than the limit. The
rewrite (:mod:`kyaml.cli.write`) then works relative to the same folder descriptor, so a swapped
folder cannot redirect it. Where the system has no folder descriptors (Windows), files are
opened and replaced by path, with the same checks.
"""

from __future__ import annotations

import errno
import os
import stat
from types import TracebackType

#: A file's identity: its device and inode numbers, as a ``stat`` of it saw them.
Identity = tuple[int, int]

MAX_FILE_SIZE = 64 * 1024 * 1024
"""Files larger than this many bytes are refused unless ``--max-file-size`` raises the limit."""

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
# A folder is only a place to open and rename files in: O_PATH needs no read permission on it.
_FOLDER_FLAGS = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0)
_FILE_FLAGS = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
# Where files cannot be opened and renamed relative to a folder descriptor (Windows), by path
# (os.replace goes with os.rename).
_AT_FOLDER = {os.open, os.rename, os.stat, os.unlink, os.access} <= os.supports_dir_fd


def identity(info: os.stat_result) -> Identity:
    """The device and inode numbers of a ``stat`` result."""
    return (info.st_dev, info.st_ino)


def selected(path: str, walked: bool) -> tuple[str, Identity | None]:
    """The path to open for a file the command selected, resolved once, and its identity.

    A walked file is checked without following a link (the walk followed none); a file named on
    the command line may be a link, and its target is the file formatted. None when the file
    cannot be examined: opening it reports why.
    """
    try:
        info = os.lstat(path) if walked else os.stat(path)
    except OSError:
        return os.path.realpath(path), None
    return os.path.realpath(path), identity(info)


def human_size(size: int) -> str:
    """A byte count as the largest whole binary unit it fills (``64 MiB``), else in bytes."""
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"


class OpenedFile:
    """A regular file opened for reading, with a descriptor of its folder (:func:`open_file`)."""

    __slots__ = ("fd", "folder", "info", "name")

    def __init__(self, folder: int | None, name: str, fd: int, info: os.stat_result) -> None:
        #: A descriptor of the folder that holds the file, opened without following a link
        #: (None where the system has no such descriptors).
        self.folder = folder
        #: The file's name in that folder (its path without one): what ``dir_fd=folder`` takes.
        self.name = name
        self.fd = fd
        #: The ``fstat`` of the open file.
        self.info = info

    def read(self, limit: int | None = None) -> bytes:
        """The file's bytes; more than ``limit`` of them (it grew since opened) is refused."""
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(self.fd, max(self.info.st_size + 1 - total, 1 << 16))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if limit is not None and total > limit:
                raise too_large(limit)

    def close(self) -> None:
        """Close the file and its folder."""
        os.close(self.fd)
        if self.folder is not None:
            os.close(self.folder)

    def __enter__(self) -> OpenedFile:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def too_large(limit: int) -> OSError:
    """The refusal of a file over the size limit."""
    return OSError(
        errno.EFBIG, f"larger than {human_size(limit)}; --max-file-size raises the limit"
    )


def open_file(path: str, seen: Identity | None = None, limit: int | None = None) -> OpenedFile:
    """Open the regular file at ``path`` for reading, relative to a descriptor of its folder.

    Raises :class:`OSError` when the last part of ``path`` or of its folder is a symbolic
    link, when the file is not a regular file (a FIFO, a device: opened without blocking, never
    read), when it is not the file ``seen`` (it was swapped since), or when it is larger than
    ``limit`` bytes.
    """
    if not _AT_FOLDER:
        fd = os.open(path, _FILE_FLAGS | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            _check_opened(info, seen, limit)
        except BaseException:
            os.close(fd)
            raise
        return OpenedFile(None, path, fd, info)
    directory, name = os.path.split(path)
    try:
        folder = os.open(directory or ".", _FOLDER_FLAGS | _NOFOLLOW | _CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(
                errno.ELOOP, "its folder is a symbolic link now, so not followed"
            ) from None
        raise
    try:
        try:
            fd = os.open(name, _FILE_FLAGS | _CLOEXEC, dir_fd=folder)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OSError(errno.ELOOP, "is a symbolic link now, so not followed") from None
            raise
        try:
            info = os.fstat(fd)
            _check_opened(info, seen, limit)
        except BaseException:
            os.close(fd)
            raise
    except BaseException:
        os.close(folder)
        raise
    return OpenedFile(folder, name, fd, info)


def _check_opened(info: os.stat_result, seen: Identity | None, limit: int | None) -> None:
    """Refuse what :func:`check_file` refuses, and a file over ``limit`` bytes."""
    check_file(info, seen)
    if limit is not None and info.st_size > limit:
        raise too_large(limit)


def check_file(info: os.stat_result, seen: Identity | None) -> None:
    """Refuse what is not a regular file, or not the file ``seen``."""
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    if seen is not None and identity(info) != seen:
        raise OSError(errno.ESTALE, "replaced since it was found, so not touched")
