"""What ``kyaml fmt`` may touch: the files it found, as they were found, and nothing else.

Links swapped in after the walk are not followed, in the file's name or in a folder's; FIFOs and
devices are refused without blocking or reading; files over the size limit are refused before
they are read; a rewrite keeps the owner, group, hard links and extended attributes, or refuses
the file unless ``--write-through`` rewrites it in place. Races are made deterministic by
swapping files between the walk and the open, in-process; the unprivileged cases run the command
as ``nobody`` when the tests run as root.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kyaml.cli import commands
from kyaml.cli.options import fmt_options
from tests.test_cli import MANIFEST, Run, formatted, kyaml_command, write

HANG_GUARD = 20  # seconds: a run still going by then has blocked (on a FIFO, say)
OUTSIDE = "root:x:0:0:root:/root:/bin/sh\n"
UNPRIVILEGED = 65534  # nobody
OTHER = 4242  # an owner and group nobody is not


def kyaml(*args: str, cwd: Path | None = None, **popen: Any) -> Run:
    """``kyaml ARGS`` in a subprocess, bounded in time and memory; never a traceback."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    popen.setdefault("input", b"")
    proc = subprocess.run(
        [*kyaml_command(), *args],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=HANG_GUARD,
        check=False,
        preexec_fn=_limit_memory,
        **popen,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return Run(proc.returncode, proc.stdout, err)


def _limit_memory() -> None:
    """At most 2 GiB of address space: a device read without end fails fast, not the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def fmt_in_process(*args: str) -> int:
    """``kyaml fmt ARGS`` run here, so that a test can step in between the walk and the open."""
    params = fmt_options(list(args))
    assert params is not None
    return commands.fmt(**params)


class Blocked(BaseException):
    """A run that blocked: not an error the command would catch and report."""


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """Interrupt an in-process run that blocks (an open of a FIFO) after :data:`HANG_GUARD`."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def hung(signum: int, frame: object) -> None:
        raise Blocked

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def after_walk(monkeypatch: pytest.MonkeyPatch, step: Callable[[], None]) -> None:
    """Run ``step`` once the walk has found every file, before any is opened."""
    from kyaml.cli import discovery

    walk = discovery.Finder.walk

    def walk_then_step(self: discovery.Finder, top: str) -> Iterator[str]:
        yield from walk(self, top)
        step()

    monkeypatch.setattr(discovery.Finder, "walk", walk_then_step)


def no_temporary_files(*folders: Path) -> None:
    for folder in folders:
        assert not [name for name in os.listdir(folder) if name.endswith(".kyaml-tmp")]


# --- links swapped in after the walk -------------------------------------------------------------


def test_a_file_swapped_for_a_symlink_after_the_walk_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = write(tmp_path / "outside" / "passwd.yaml", OUTSIDE)
    tree = tmp_path / "tree"
    write(tree / "a.yaml", MANIFEST)
    swapped = write(tree / "b.yaml", MANIFEST)

    def swap() -> None:
        swapped.unlink()
        swapped.symlink_to(outside)

    after_walk(monkeypatch, swap)
    assert fmt_in_process("-j", "1", str(tree)) == 2
    assert outside.read_text() == OUTSIDE
    assert swapped.is_symlink()
    assert (tree / "a.yaml").read_text() == formatted(MANIFEST)
    no_temporary_files(tree, outside.parent)


@pytest.mark.parametrize("depth", [1, 2])
def test_a_folder_swapped_for_a_symlink_after_the_walk_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, depth: int
) -> None:
    """The file's folder (depth 1) or one above it (depth 2) becomes a link to another tree
    that holds a file of the same name."""
    inner = "/".join(["sub"] * depth)
    outside = write(tmp_path / "outside" / inner / "b.yaml", OUTSIDE)
    tree = tmp_path / "tree"
    write(tree / inner / "b.yaml", MANIFEST)

    def swap() -> None:
        (tree / "sub").rename(tmp_path / "moved")
        (tree / "sub").symlink_to(tmp_path / "outside" / "sub")

    after_walk(monkeypatch, swap)
    assert fmt_in_process("-j", "1", str(tree)) == 2
    assert outside.read_text() == OUTSIDE
    no_temporary_files(outside.parent)


def test_a_folder_swapped_while_formatting_does_not_redirect_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rewrite goes through the folder the file was read from, wherever it is now."""
    from kyaml.cli import run

    outside = write(tmp_path / "outside" / "b.yaml", OUTSIDE)
    tree = tmp_path / "tree"
    write(tree / "sub" / "b.yaml", MANIFEST)
    format_bytes = run.format_bytes

    def swap_then_format(*args: Any, **kwargs: Any) -> Any:
        (tree / "sub").rename(tmp_path / "moved")
        (tree / "sub").symlink_to(tmp_path / "outside")
        return format_bytes(*args, **kwargs)

    monkeypatch.setattr(run, "format_bytes", swap_then_format)
    fmt_in_process("-j", "1", str(tree))
    assert outside.read_text() == OUTSIDE
    assert (tmp_path / "moved" / "b.yaml").read_text() == formatted(MANIFEST)
    no_temporary_files(outside.parent, tmp_path / "moved")


# --- FIFOs, devices and sizes --------------------------------------------------------------------


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


@needs_fifo
@pytest.mark.parametrize("how", ["walked", "named", "check"])
def test_a_fifo_is_refused_without_blocking(tmp_path: Path, how: str) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    ok = write(tmp_path / "ok.yaml", MANIFEST)
    args = {"walked": [str(tmp_path)], "named": [str(fifo), str(ok)]}.get(how)
    result = kyaml("fmt", *(args or ["--check", str(fifo), str(ok)]))
    assert result.code == 2, result.err
    assert f"{fifo}: error: not a regular file" in result.err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert ok.read_text() == (MANIFEST if how == "check" else formatted(MANIFEST))


@needs_fifo
@pytest.mark.usefixtures("hang_guard")
def test_a_fifo_swapped_in_after_the_walk_is_refused_without_blocking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    swapped = write(tmp_path / "b.yaml", MANIFEST)
    ok = write(tmp_path / "ok.yaml", MANIFEST)

    def swap() -> None:
        swapped.unlink()
        os.mkfifo(swapped)

    after_walk(monkeypatch, swap)
    assert fmt_in_process("-j", "1", str(tmp_path)) == 2
    assert stat.S_ISFIFO(swapped.lstat().st_mode)
    assert ok.read_text() == formatted(MANIFEST)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    ok = write(tmp_path / "ok.yaml", MANIFEST)
    result = kyaml("fmt", "/dev/zero", str(ok))
    assert result.code == 2, result.err
    assert "/dev/zero: error: not a regular file" in result.err
    assert ok.read_text() == formatted(MANIFEST)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """The default limit is 64 MiB: a sparse file just over it is refused at once."""
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.truncate((64 << 20) + 1)
    ok = write(tmp_path / "ok.yaml", MANIFEST)
    result = kyaml("fmt", str(tmp_path))
    assert result.code == 2, result.err
    assert f"{big}: error: larger than 64 MiB; --max-file-size raises the limit" in result.err
    assert big.stat().st_size == (64 << 20) + 1
    assert ok.read_text() == formatted(MANIFEST)


def test_max_file_size_sets_the_limit_on_the_command_line_and_in_the_configuration(
    tmp_path: Path,
) -> None:
    small = write(tmp_path / "small.yaml", "a: 1\n")
    large = write(tmp_path / "large.yaml", MANIFEST)
    result = kyaml("fmt", "--max-file-size", "100", str(small), str(large))
    assert result.code == 2, result.err
    assert f"{large}: error: larger than 100 bytes; --max-file-size raises the limit" in result.err
    assert large.read_text() == MANIFEST
    assert small.read_text() == formatted("a: 1\n")
    write(tmp_path / "kyaml.toml", "max-file-size = 100\n")
    assert kyaml("fmt", str(large)).code == 2
    assert kyaml("fmt", "--max-file-size", "100000", str(large)).code == 0
    assert large.read_text() == formatted(MANIFEST)
    write(tmp_path / "kyaml.toml", "max-file-size = 0\n")
    refused = kyaml("fmt", str(large))
    assert refused.code == 2
    assert "max-file-size must be a whole number of at least 1" in refused.err


def test_stdin_is_not_limited(tmp_path: Path) -> None:
    result = kyaml("fmt", "--max-file-size", "10", "-", input=MANIFEST.encode())
    assert result.code == 0, result.err
    assert result.stdout == formatted(MANIFEST)


# --- hard links, owners, groups, extended attributes ---------------------------------------------


def test_a_file_with_several_links_is_refused(tmp_path: Path) -> None:
    linked = write(tmp_path / "a.yaml", MANIFEST)
    other = tmp_path / "other-name.txt"
    os.link(linked, other)
    ok = write(tmp_path / "ok.yaml", MANIFEST)
    result = kyaml("fmt", str(linked), str(ok))
    assert result.code == 2, result.err
    assert f"{linked}: error: has 2 links; --write-through rewrites it in place" in result.err
    assert linked.read_text() == other.read_text() == MANIFEST
    assert ok.read_text() == formatted(MANIFEST)
    no_temporary_files(tmp_path)


@pytest.mark.parametrize("where", ["option", "config"])
def test_write_through_rewrites_a_linked_file_in_place(tmp_path: Path, where: str) -> None:
    linked = write(tmp_path / "tree" / "a.yaml", MANIFEST + "# a longer tail\n" * 20)
    linked.chmod(0o640)
    other = tmp_path / "other-name.txt"
    os.link(linked, other)
    inode = linked.stat().st_ino
    if where == "config":
        write(tmp_path / "kyaml.toml", "write-through = true\n")
    result = kyaml("fmt", *(["--write-through"] if where == "option" else []), str(linked))
    assert result.code == 0, result.err
    assert linked.read_text() == other.read_text() == formatted(MANIFEST + "# a longer tail\n" * 20)
    assert linked.stat().st_ino == inode
    assert linked.stat().st_nlink == 2
    assert stat.S_IMODE(linked.stat().st_mode) == 0o640
    no_temporary_files(linked.parent)


def test_write_through_keeps_the_copy_when_it_fails_midway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kyaml.cli.write import write_atomic

    linked = write(tmp_path / "a.yaml", "old\n")
    os.link(linked, tmp_path / "b.txt")

    def full(fd: int, length: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "ftruncate", full)
    with pytest.raises(OSError, match="while rewriting in place; the formatted text is in"):
        write_atomic(str(linked), b"new\n", write_through=True)
    [copy] = [name for name in os.listdir(tmp_path) if name.endswith(".kyaml-tmp")]
    assert (tmp_path / copy).read_bytes() == b"new\n"


def test_the_temporary_file_is_flushed_to_disk_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kyaml.cli.write import write_atomic

    path = write(tmp_path / "a.yaml", "old\n")
    calls: list[str] = []
    fsync, replace = os.fsync, os.replace

    def fsynced(fd: int) -> None:
        calls.append("fsync")
        fsync(fd)

    def replaced(*args: Any, **kwargs: Any) -> None:
        calls.append("replace")
        replace(*args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsynced)
    monkeypatch.setattr(os, "replace", replaced)
    write_atomic(str(path), b"new\n")
    assert calls == ["fsync", "replace"]
    assert path.read_bytes() == b"new\n"


def _xattrs_supported(folder: Path) -> bool:
    if not hasattr(os, "setxattr"):
        return False
    probe = folder / "probe"
    probe.write_bytes(b"")
    try:
        os.setxattr(probe, "user.kyaml-probe", b"1")
    except OSError:
        return False
    finally:
        probe.unlink()
    return True


def _acl(mode: int, user: int, user_perm: int) -> bytes:
    """A POSIX access ACL as the ``system.posix_acl_access`` attribute holds it: the mode's
    owner, group and other entries, one named user, and the mask."""
    undefined = 0xFFFFFFFF
    entries = [
        (0x01, (mode >> 6) & 7, undefined),
        (0x02, user_perm, user),
        (0x04, (mode >> 3) & 7, undefined),
        (0x10, (mode >> 3) & 7 | user_perm, undefined),
        (0x20, mode & 7, undefined),
    ]
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


def test_extended_attributes_and_acls_are_kept(tmp_path: Path) -> None:
    if not _xattrs_supported(tmp_path):
        pytest.skip("no extended attributes on this file system")
    path = write(tmp_path / "a.yaml", MANIFEST)
    path.chmod(0o640)
    os.setxattr(path, "user.origin", b"kept")
    acl = _acl(0o640, OTHER, 4)
    try:
        os.setxattr(path, "system.posix_acl_access", acl)
    except OSError:
        acl = b""
    result = kyaml("fmt", str(path))
    assert result.code == 0, result.err
    assert path.read_text() == formatted(MANIFEST)
    assert os.getxattr(path, "user.origin") == b"kept"
    if acl:
        assert os.getxattr(path, "system.posix_acl_access") == acl
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


# --- ownership ----------------------------------------------------------------------------------

as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to set up owners"
)


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder anyone may write in, under one anyone may enter (``tmp_path`` is private)."""
    top = Path(tempfile.mkdtemp(prefix="kyaml-shared-"))
    top.chmod(0o755)
    folder = top / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    os.chown(folder, OTHER, OTHER)
    yield folder
    shutil.rmtree(top)


def as_nobody(*args: str, groups: tuple[int, ...] = ()) -> Run:
    """``kyaml fmt ARGS`` in a child process that has become ``nobody`` (in ``groups`` too).

    Forked rather than started: the interpreter's own files may be out of nobody's reach. The
    file is checked here first, so that the child imports nothing more.
    """
    fmt_in_process("--check", args[-1])
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 3
        try:
            signal.alarm(HANG_GUARD)
            os.close(read_end)
            sys.stderr = io.TextIOWrapper(os.fdopen(write_end, "wb"), write_through=True)
            os.setgroups(list(groups))
            os.setgid(UNPRIVILEGED)
            os.setuid(UNPRIVILEGED)
            code = fmt_in_process(*args)
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_end)
    with open(read_end, "rb") as f:
        err = f.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    assert "Traceback" not in err, err
    return Run(os.waitstatus_to_exitcode(status), b"", err)


@as_root
def test_root_keeps_the_owner_and_group(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", MANIFEST)
    os.chown(path, OTHER, OTHER + 1)
    assert kyaml("fmt", str(path)).code == 0
    assert path.read_text() == formatted(MANIFEST)
    assert (path.stat().st_uid, path.stat().st_gid) == (OTHER, OTHER + 1)


@as_root
def test_another_users_file_is_never_taken_over(shared: Path) -> None:
    """Group-writable, in a folder anyone may write in: a rename would make it nobody's."""
    path = write(shared / "a.yaml", MANIFEST)
    path.chmod(0o664)
    os.chown(path, OTHER, OTHER)
    result = as_nobody(str(path), groups=(OTHER,))
    assert result.code == 2, result.err
    message = f"{path}: error: owned by another user (uid {OTHER}); --write-through rewrites"
    assert message in result.err
    assert path.read_text() == MANIFEST
    assert (path.stat().st_uid, path.stat().st_gid) == (OTHER, OTHER)
    no_temporary_files(shared)
    through = as_nobody("--write-through", str(path), groups=(OTHER,))
    assert through.code == 0, through.err
    assert path.read_text() == formatted(MANIFEST)
    assert (path.stat().st_uid, path.stat().st_gid) == (OTHER, OTHER)
    no_temporary_files(shared)


@as_root
def test_a_group_the_writer_cannot_keep_is_refused(shared: Path) -> None:
    path = write(shared / "a.yaml", MANIFEST)
    path.chmod(0o644)
    os.chown(path, UNPRIVILEGED, OTHER)  # nobody's file, in a group nobody is not in
    result = as_nobody(str(path))
    assert result.code == 2, result.err
    assert f"{path}: error: its group (gid {OTHER}) cannot be kept; --write-through" in result.err
    assert path.read_text() == MANIFEST
    assert (path.stat().st_uid, path.stat().st_gid) == (UNPRIVILEGED, OTHER)
    no_temporary_files(shared)


@as_root
def test_a_group_the_writer_is_in_is_kept(shared: Path) -> None:
    path = write(shared / "a.yaml", MANIFEST)
    path.chmod(0o644)
    os.chown(path, UNPRIVILEGED, OTHER)
    result = as_nobody(str(path), groups=(OTHER,))
    assert result.code == 0, result.err
    assert path.read_text() == formatted(MANIFEST)
    assert (path.stat().st_uid, path.stat().st_gid) == (UNPRIVILEGED, OTHER)
    no_temporary_files(shared)
