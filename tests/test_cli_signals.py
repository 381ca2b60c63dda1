"""Ctrl-C and SIGTERM while files are formatted in place, serially and in worker processes
(issue 15, items 9 and 10): the run stops once, exits 130 or 143 without a traceback, leaves
every file whole and no temporary file, and no worker outlives it, even after SIGKILL. Each
process has a time limit; Linux only (workers die with their parent through prctl, and /proc
shows what is left)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fuzz.kill_run import alive_in_session, campaign

from tests.test_cli import formatted, kyaml_command

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or not os.path.isdir("/proc"), reason="Linux signals and /proc"
)

_LIMIT = 30
_TEXT = "".join(f"key{i}: [a, b, c, {i}]  # note\n" for i in range(300))
_FORMATTED = formatted(_TEXT)


def _folder(root: Path, files: int = 150) -> dict[Path, str]:
    root.mkdir()
    originals = {}
    for i in range(files):
        path = root / f"f{i:03}.yaml"
        path.write_text(_TEXT)
        originals[path] = _TEXT
    return originals


def _start(root: Path, jobs: int) -> subprocess.Popen[bytes]:
    """``kyaml fmt -j JOBS ROOT`` in its own session, once it has rewritten a first file."""
    proc = subprocess.Popen(
        [*kyaml_command(), "fmt", "-j", str(jobs), str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()
    assert first.startswith(b"reformatted"), first
    return proc


def _finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    """Wait for the run (a time limit: a run that hangs fails), then for its session to end."""
    try:
        _, err = proc.communicate(timeout=_LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the run did not end (or its workers kept its pipes open)")
    code = proc.returncode
    deadline = time.monotonic() + 5
    while (alive := alive_in_session(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "processes left running"
    return code, err.decode("utf-8", "replace")


def _check_files(root: Path, originals: dict[Path, str]) -> None:
    assert not [p.name for p in root.iterdir() if p.name.endswith(".kyaml-tmp")]
    for path, text in originals.items():
        now = path.read_text()
        assert now in (text, _FORMATTED), path


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_one_signal(tmp_path: Path, jobs: int, signum: int, code: int) -> None:
    originals = _folder(tmp_path / "t")
    proc = _start(tmp_path / "t", jobs)
    # Ctrl-C on a terminal reaches the whole process group; SIGTERM only the main process.
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    status, err = _finish(proc)
    assert status == code, err
    assert "Traceback" not in err
    assert err.endswith("error: interrupted\n" if code == 130 else "error: terminated\n")
    _check_files(tmp_path / "t", originals)


def test_double_ctrl_c_does_not_hang(tmp_path: Path) -> None:
    originals = _folder(tmp_path / "t")
    proc = _start(tmp_path / "t", 2)
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)
    status, err = _finish(proc)
    assert status == 130, err
    assert "Traceback" not in err, err
    _check_files(tmp_path / "t", originals)


def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    originals = _folder(tmp_path / "t")
    proc = _start(tmp_path / "t", 2)
    proc.send_signal(signal.SIGKILL)
    status, _ = _finish(proc)
    assert status == -signal.SIGKILL
    for path, text in originals.items():
        now = path.read_text()
        assert now in (text, _FORMATTED), path


def test_small_fault_injection_campaign() -> None:
    """fuzz/kill_run.py in small: kills at random moments, serial and in parallel."""
    counts, problems = campaign(runs=6, files=40, seed=5, lines=300)
    assert not problems, problems
    assert counts["interrupted"] + counts["finished first"] == 6
