"""Fault injection: ``kyaml fmt`` killed at random moments must never leave a file half-written.

A folder of YAML files (200 by default) is formatted in place, again and again, and each run is
killed at a random moment with SIGINT, SIGTERM or SIGKILL, formatting serially (``-j 1``) or in
two worker processes (``-j 2``). After each run:

- every file holds either its original bytes or its formatted bytes;
- after SIGINT or SIGTERM, no ``.kyaml-tmp`` temporary file is left (SIGKILL cannot clean up: the
  script counts those files and removes them);
- no kyaml process is left running (workers die with their parent, however it died);
- stderr holds no traceback (a Ctrl-C while the interpreter starts or imports the ``kyaml``
  package, before any of ``kyaml.cli`` runs, prints Python's own: counted apart), and the exit
  status is 130 (SIGINT), 143
  (SIGTERM) or 0 (the run finished first).

Standalone, from the repository's root::

    python fuzz/kill_run.py                  # 60 runs of 200 files
    python fuzz/kill_run.py --runs 100 --files 200 --seed 7

It prints the counts per signal and job count and exits 1 when any check failed. The test suite
runs a small version (:func:`campaign` with a few runs and files).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)
# 130 and 143 as kyaml exits; killed by the signal itself when it came before the handlers were
# set, while Python started (nothing was written by then).
_EXPECTED = {
    signal.SIGINT: (130, -signal.SIGINT),
    signal.SIGTERM: (143, -signal.SIGTERM),
    signal.SIGKILL: (-signal.SIGKILL,),
}
_TIMEOUT = 30.0


def _document(index: int, lines: int) -> str:
    """A file's YAML: block mappings, flow lists, comments, a multi-line string."""
    out = [f"# file {index}", "kind: ConfigMap", "metadata:", f"  name: cm-{index}", "data:"]
    for j in range(lines):
        out.append(f"  key{j}: [a, b, {index}, 'x{j}']  # note {j}")
    out.append("text: |\n  one\n  two")
    return "\n".join(out) + "\n"


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH", "")]))
    env.pop("NO_COLOR", None)
    return env


def _kyaml(*args: str) -> list[str]:
    return [sys.executable, "-m", "kyaml", *args]


def alive_in_session(session: int) -> list[int]:
    """The processes of ``session`` still running (zombies, which no longer run, left out)."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, sid = fields[0], int(fields[3])
        if sid == session and state not in ("Z", "X"):
            alive.append(int(entry))
    return alive


def _before_the_command(err: str) -> bool:
    """Whether a traceback comes from before the command's code ran: Ctrl-C while Python
    starts (``site`` reading the environment's ``.pth`` files) or imports the ``kyaml`` package
    itself, where nothing of ``kyaml.cli`` can catch it yet."""
    frames = [line for line in err.splitlines() if line.lstrip().startswith("File ")]
    command = f"{os.sep}kyaml{os.sep}cli{os.sep}"
    return bool(frames) and not any(command in line for line in frames)


def _prepare(root: Path, files: int, lines: int) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Write the originals under ``root/src`` and return them with their formatted bytes."""
    source = root / "src"
    source.mkdir()
    for i in range(files):
        (source / f"f{i:03}.yaml").write_text(_document(i, lines), encoding="utf-8")
    done = root / "done"
    shutil.copytree(source, done)
    subprocess.run(
        _kyaml("fmt", "-q", str(done)), env=_environment(), check=True, timeout=_TIMEOUT * 4
    )
    originals = {p.name: p.read_bytes() for p in source.iterdir()}
    formatted = {p.name: p.read_bytes() for p in done.iterdir()}
    return originals, formatted


def _duration(root: Path, jobs: int) -> float:
    """How long a whole run takes (the window the kills are spread over)."""
    work = root / "timing"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(root / "src", work)
    start = time.monotonic()
    subprocess.run(
        _kyaml("fmt", "-q", "-j", str(jobs), str(work)),
        env=_environment(),
        check=True,
        timeout=_TIMEOUT * 4,
    )
    return time.monotonic() - start


def _one_run(
    root: Path,
    signum: signal.Signals,
    *,
    jobs: int,
    delay: float,
    originals: dict[str, bytes],
    formatted: dict[str, bytes],
    counts: Counter[str],
) -> list[str]:
    """Run once, kill after ``delay`` seconds, check the folder; the problems found."""
    work = root / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(root / "src", work)
    proc = subprocess.Popen(
        _kyaml("fmt", "-j", str(jobs), str(work)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(),
        start_new_session=True,
    )
    time.sleep(delay)
    proc.send_signal(signum)
    problems: list[str] = []
    try:
        _, err_bytes = proc.communicate(timeout=_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return [f"hung after {signal.Signals(signum).name}"]
    err = err_bytes.decode("utf-8", "replace")
    name = f"{signal.Signals(signum).name} -j {jobs} after {delay:.3f}s"
    finished = proc.returncode == 0
    counts["finished first" if finished else "interrupted"] += 1
    early = "Traceback" in err and _before_the_command(err)
    if early:
        counts["Ctrl-C before the command's code ran (Python's traceback)"] += 1
    elif not finished and proc.returncode not in _EXPECTED[signum]:
        problems.append(f"{name}: exit status {proc.returncode}")
    if "Traceback" in err and not early:
        problems.append(f"{name}: traceback on stderr:\n{err}")
    deadline = time.monotonic() + 5
    while (alive := alive_in_session(proc.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    if alive:
        problems.append(f"{name}: processes left running: {alive}")
        for pid in alive:
            os.kill(pid, signal.SIGKILL)
    temporary = [p.name for p in work.iterdir() if p.name.endswith(".kyaml-tmp")]
    if temporary and signum != signal.SIGKILL:
        problems.append(f"{name}: temporary files left: {temporary}")
    counts["temporary files after SIGKILL"] += len(temporary) if signum == signal.SIGKILL else 0
    for path in work.iterdir():
        if path.name.endswith(".kyaml-tmp"):
            continue
        data = path.read_bytes()
        if data == formatted[path.name]:
            counts["files formatted"] += 1
        elif data == originals[path.name]:
            counts["files original"] += 1
        else:
            problems.append(f"{name}: {path.name} is neither original nor formatted")
    missing = set(originals) - {p.name for p in work.iterdir()}
    if missing:
        problems.append(f"{name}: files missing: {sorted(missing)}")
    return problems


def campaign(runs: int, files: int, seed: int, lines: int = 300) -> tuple[Counter[str], list[str]]:
    """Run the campaign; its counts and every problem found."""
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kyaml-kill-") as tmp:
        root = Path(tmp)
        originals, formatted = _prepare(root, files, lines)
        durations = {jobs: _duration(root, jobs) for jobs in (1, 2)}
        for run in range(runs):
            signum = _SIGNALS[run % len(_SIGNALS)]
            jobs = 1 + (run // len(_SIGNALS)) % 2
            delay = rng.uniform(0.0, durations[jobs])
            counts[f"{signal.Signals(signum).name} -j {jobs}"] += 1
            problems.extend(
                _one_run(
                    root,
                    signum,
                    jobs=jobs,
                    delay=delay,
                    originals=originals,
                    formatted=formatted,
                    counts=counts,
                )
            )
    return counts, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=60, help="kills in all [60]")
    parser.add_argument("--files", type=int, default=200, help="files in the folder [200]")
    parser.add_argument("--lines", type=int, default=300, help="lines per file [300]")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not os.path.isdir("/proc"):
        print("needs /proc (Linux) to find processes left behind", file=sys.stderr)
        return 2
    counts, problems = campaign(args.runs, args.files, args.seed, args.lines)
    for key in sorted(counts):
        print(f"{key}: {counts[key]}")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print(f"{len(problems)} problems in {args.runs} runs")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
