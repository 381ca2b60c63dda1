"""stdin and stdout at their limits (issue 15, items 8 and 10): a short or failed write to stdout
is an error, a closed pipe ends the run quietly with status 141, a closed stream is a plain
error, and an interrupt during the output leaves no part of it. Every process has a time limit."""

from __future__ import annotations

import fcntl
import os
import resource
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.test_cli import kyaml_command

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux pipes, limits and /dev/full")

_LIMIT = 60


def _big(lines: int = 6000) -> bytes:
    return "".join(f"key{i}: [a, b, c, {i}]  # note\n" for i in range(lines)).encode()


def _stream(documents: int = 40000) -> bytes:
    """More than a MiB of documents: formatted document by document, then copied out."""
    return "".join(f"---\nname: n{i}\nitems: [a, b, {i}]\n" for i in range(documents)).encode()


def _kyaml(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [*kyaml_command(), *args], stderr=subprocess.PIPE, timeout=_LIMIT, check=False, **kwargs
    )


def _shell(script: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
    """``script`` in sh, with ``$@`` the kyaml command."""
    return subprocess.run(
        ["sh", "-c", script, "sh", *kyaml_command()],
        input=data,
        capture_output=True,
        timeout=_LIMIT,
        check=False,
    )


@pytest.mark.parametrize("command", [["fmt", "-"], ["convert", "--to", "json"]])
def test_full_disk_is_a_plain_error(command: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        proc = _kyaml(*command, input=_big(), stdout=full)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err == "error: cannot write to stdout: no space left on device\n"


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))


@pytest.mark.parametrize("command", [["fmt", "-"], ["convert", "--to", "yaml"]])
def test_short_write_is_an_error(tmp_path: Path, command: list[str]) -> None:
    """A file that takes only 16 KiB (as a nearly full disk does): the write comes back short,
    which unbuffered Python (PYTHONUNBUFFERED=1) would take for done."""
    out_path = tmp_path / "out"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    with open(out_path, "wb") as out:
        proc = _kyaml(*command, input=_big(), stdout=out, env=env, preexec_fn=_limit_file_size)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert err.startswith("error: cannot write to stdout: "), err
    assert "Traceback" not in err
    assert "internal error" not in err
    assert out_path.stat().st_size == 0  # what was written is taken back


@pytest.mark.parametrize("command", [["fmt", "-"], ["convert", "--to", "json"]])
def test_closed_pipe_exits_141_quietly(command: list[str]) -> None:
    proc = subprocess.Popen(
        [*kyaml_command(), *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdin.write(_big(20000))
    proc.stdin.close()
    assert proc.stdout.read(1)
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=_LIMIT) == 141
    assert err == b""


def test_closed_stdout_is_a_plain_error() -> None:
    proc = _shell('exec "$@" fmt - >&-', b"a: 1\n")
    assert proc.returncode == 2
    assert proc.stderr == b"error: cannot write to stdout: it is closed\n"


@pytest.mark.parametrize("command", ["fmt -", "convert --to json"])
def test_closed_stdin_is_a_plain_error(command: str) -> None:
    proc = _shell(f'exec "$@" {command} <&-', b"")
    assert proc.returncode == 2
    assert proc.stderr == b"error: cannot read stdin: it is closed\n"


def _queued(fd: int) -> int:
    """Bytes waiting in the pipe whose read end is ``fd``."""
    return int.from_bytes(fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"), sys.byteorder)


def test_interrupt_during_the_final_copy_leaves_no_partial_output() -> None:
    data = _stream()
    assert len(data) > 1 << 20
    expected = _kyaml("fmt", "-", input=data).stdout
    proc = subprocess.Popen(
        [*kyaml_command(), "fmt", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdin.write(data)
    proc.stdin.close()
    deadline = time.monotonic() + _LIMIT
    # Only the final copy writes to stdout: once the pipe is full, the copy is under way.
    while _queued(proc.stdout.fileno()) < 65536:
        assert proc.poll() is None
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.2)
    out = proc.stdout.read()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=_LIMIT) == 130, err
    assert out in (b"", expected), f"{len(out)} of {len(expected)} bytes"
    assert err == "error: interrupted\n"


def test_interrupt_while_starting_is_exit_130() -> None:
    """Ctrl-C while the command's modules load: each import is a moment it may come."""
    for module in ("kyaml.cli.options", "kyaml.cli.commands", "kyaml.cli.report", "kyaml._api"):
        script = (
            "import sys\n"
            "class Stop:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            f"        if name == {module!r}:\n"
            "            raise KeyboardInterrupt\n"
            "sys.meta_path.insert(0, Stop())\n"
            "sys.argv = ['kyaml', 'fmt', '-']\n"
            "from kyaml.cli import console\n"
            "console()\n"
        )
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(sys.path)
        proc = subprocess.run(
            [sys.executable, "-c", script],
            input=b"a: 1\n",
            capture_output=True,
            timeout=_LIMIT,
            env=env,
            check=False,
        )
        err = proc.stderr.decode()
        assert proc.returncode == 130, (module, err)
        assert err == "error: interrupted\n", (module, err)
