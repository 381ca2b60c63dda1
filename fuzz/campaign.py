"""A long fuzzing campaign over kyaml that keeps going after failures.

It uses the mutators and checks of :mod:`fuzz.engine` with a plain ``random.Random`` (one per
input, seeded from ``--seed`` and the input's number, so every input can be made again), sorts
failures by signature, saves the first inputs of each new signature under ``--out`` and leaves out
the known findings (``KNOWN_FINDINGS``), counting them. A hang guard (SIGALRM) reports an input
that takes longer than ``--hang`` seconds; one that passes but takes longer than ``--slow``
seconds is saved as ``slow`` (for a look: the machine's load can make any input slow). Run from
the repository root::

    nice -n 10 python fuzz/campaign.py --examples 50000 --seed 1 --out fuzz/out
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fuzz import engine as fz  # noqa: E402


class HangError(BaseException):
    """Raised by the alarm: one input took too long (a BaseException, so kyaml's own
    ``except Exception`` blocks do not swallow it)."""


class SlowError(Exception):
    """Passed to the known-findings filter for an input that took longer than ``--slow``."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise HangError


def generated_pool(size: int, seed: int) -> list[str]:
    """``size`` YAML texts from tests.strategies.yaml_streams (random, no database)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    from tests.strategies import yaml_streams

    pool: list[str] = []

    @settings(
        max_examples=size,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.randoms(use_true_random=False), yaml_streams())
    def collect(_: random.Random, stream: Any) -> None:
        pool.append(stream.text)

    random.seed(seed)
    collect()
    return pool


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:60] or "failure"


@dataclass(frozen=True)
class Case:
    """One input and how to check it."""

    data: str | bytes
    pure: bool = False
    compact: bool = False
    schema: str = "reference"

    def check(self) -> str:
        """Check the input; says what became of it (raises on a failure)."""
        if isinstance(self.data, bytes):
            fz.check_bytes(self.data)
            return "bytes checked"
        parser = "pure" if self.pure else "auto"
        out = fz.check_text(self.data, compact=self.compact, schema=self.schema, parser=parser)
        return "refused" if out is None else "formatted"

    def file_name(self, stem: str) -> str:
        """A file name that says how to check the input again (see from_file)."""
        flags = "-pure" * self.pure + "-compact" * self.compact
        if self.schema != "reference":
            flags += f"-schema{self.schema}"
        return f"{stem}{flags}.{'bin' if isinstance(self.data, bytes) else 'txt'}"

    @classmethod
    def from_file(cls, path: Path) -> Case:
        raw = path.read_bytes()
        data: str | bytes = raw if path.suffix == ".bin" else raw.decode("utf-8")
        schema = re.search(r"-schema([0-9.]+)$", path.stem)
        return cls(
            data,
            pure="-pure" in path.stem,
            compact="-compact" in path.stem,
            schema=schema[1] if schema else "reference",
        )


def make_case(
    number: int, seed: int, pool: list[str], bytes_share: float, pure_share: float
) -> Case:
    """Input ``number`` of the campaign ``seed``."""
    rnd = random.Random(f"{seed}:{number}")
    c = fz.RandomChooser(rnd)
    generated = rnd.choice(pool) if pool and rnd.random() < 0.25 else None
    pure = rnd.random() < pure_share
    if rnd.random() < bytes_share:
        return Case(fz.fuzz_bytes(c, generated), pure)
    compact, schema = rnd.choice(fz.MODES)
    return Case(fz.fuzz_input(c, generated), pure, compact, schema)


def run_checked(
    case: Case,
    *,
    hang: int,
    slow: float,
    outcomes: collections.Counter[str],
    known: collections.Counter[str],
) -> str | None:
    """Check one input; the signature of a new failure, or None."""
    signal.alarm(hang)
    start = time.monotonic()
    try:
        outcome = case.check()
    except HangError as exc:
        name = fz.known_finding(case.data, exc)
        if name is None:
            return "hang"
        known[name] += 1
        return None
    except fz.OracleLimitError:
        outcomes["oracle limit"] += 1
        return None
    except Exception as exc:
        name = fz.known_finding(case.data, exc)
        if name is None:
            return fz.signature(exc)
        known[name] += 1
        return None
    finally:
        signal.alarm(0)
    outcomes[outcome] += 1
    if time.monotonic() - start > slow:
        name = fz.known_finding(case.data, SlowError())
        if name is None:
            return "slow"
        known[name] += 1
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: never)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="number of the first input")
    parser.add_argument("--out", type=Path, default=REPO / "fuzz" / "out")
    parser.add_argument("--pool", type=int, default=500, help="generated YAML texts to mutate")
    parser.add_argument("--bytes-share", type=float, default=0.15)
    parser.add_argument("--pure-share", type=float, default=0.25)
    parser.add_argument("--hang", type=int, default=30, help="seconds before an input is a hang")
    parser.add_argument("--slow", type=float, default=5, help="seconds before an input is slow")
    parser.add_argument("--keep", type=int, default=5, help="inputs saved per signature")
    args = parser.parse_args()

    args.out.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    pool = generated_pool(args.pool, args.seed) if args.pool else []
    print(f"{len(pool)} generated texts in {time.monotonic() - began:.0f}s", flush=True)
    signal.signal(signal.SIGALRM, _alarm)

    outcomes: collections.Counter[str] = collections.Counter()
    new: collections.Counter[str] = collections.Counter()
    known: collections.Counter[str] = collections.Counter()
    began = time.monotonic()
    ran = 0
    for number in range(args.start, args.start + args.examples):
        if args.seconds and time.monotonic() - began > args.seconds:
            break
        case = make_case(number, args.seed, pool, args.bytes_share, args.pure_share)
        ran += 1
        sig = run_checked(case, hang=args.hang, slow=args.slow, outcomes=outcomes, known=known)
        if sig is not None:
            new[sig] += 1
            if new[sig] <= args.keep:
                data = case.data
                raw = data if isinstance(data, bytes) else data.encode("utf-8")
                (args.out / case.file_name(f"{slug(sig)}-{number}")).write_bytes(raw)
                if new[sig] == 1:
                    print(f"NEW #{number} {case.file_name('')}: {sig}", flush=True)
        if ran % 1000 == 0:
            rate = ran / (time.monotonic() - began)
            print(f"{ran} inputs, {rate:.1f}/s, new {dict(new)}, known {dict(known)}", flush=True)

    elapsed = time.monotonic() - began
    summary = {
        "inputs": ran,
        "seconds": round(elapsed),
        "seed": args.seed,
        "start": args.start,
        "outcomes": dict(outcomes),
        "new": dict(new),
        "known": dict(known),
    }
    (args.out / f"summary-{args.seed}-{args.start}.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2), flush=True)
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
