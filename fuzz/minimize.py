"""Shrink a failing fuzz input to a small one that fails the same way.

The input is a file the campaign saved (``.txt``: UTF-8 text for ``check_text``; ``.bin``: bytes
for the command line's byte path). The signature (``fuzz.engine.signature``) of its failure
is kept while lines, then runs of characters, are deleted (delta debugging). Run from the
repository root::

    python fuzz/minimize.py fuzz/out/RecursionError-...-1492-pure.txt

The flags in the file name (``-pure``, ``-compact``, ``-schema1.1``) say how it is checked.

The minimal input is printed as a Python literal, ready for a regression test.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fuzz import engine as fz  # noqa: E402
from fuzz.campaign import Case  # noqa: E402

S = TypeVar("S", str, bytes)


def failure(case: Case) -> str | None:
    """The signature of the case's failure, or None when it passes."""
    try:
        case.check()
    except fz.OracleLimitError:
        return None
    except Exception as exc:
        return fz.signature(exc)
    return None


def _pieces(data: S, lines: bool) -> list[S]:
    if not lines:
        return [data[i : i + 1] for i in range(len(data))]
    newline = "\n" if isinstance(data, str) else b"\n"
    parts: list[S] = data.split(newline)
    return [p + newline for p in parts[:-1]] + [parts[-1]]


def _join(pieces: list[S], empty: S) -> S:
    return empty.join(pieces)


def ddmin(data: S, fails: Callable[[S], bool], lines: bool) -> S:
    """Delete chunks of pieces (lines or characters) while ``fails`` holds."""
    empty = data[:0]
    pieces = _pieces(data, lines)
    size = max(1, len(pieces) // 2)
    while size >= 1:
        i = 0
        changed = False
        while i < len(pieces):
            trial = pieces[:i] + pieces[i + size :]
            if fails(_join(trial, empty)):
                pieces = trial
                changed = True
            else:
                i += size
        if not changed:
            size //= 2
    return _join(pieces, empty)


def simplify(data: S, fails: Callable[[S], bool]) -> S:
    """Replace characters by ``a`` where that keeps the failure (letters and digits only)."""
    if isinstance(data, bytes):
        return data
    out = data
    for i, ch in enumerate(out):
        if ch.isalnum() and ch != "a":
            trial = out[:i] + "a" + out[i + 1 :]
            if fails(trial):
                out = trial
    return out


def minimize(data: S, case: Case, signature: str) -> S:
    def fails(candidate: S) -> bool:
        return failure(replace(case, data=candidate)) == signature

    previous = None
    while previous != data:
        previous = data
        data = ddmin(data, fails, lines=True)
        data = ddmin(data, fails, lines=False)
        data = simplify(data, fails)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    case = Case.from_file(args.path)
    signature = failure(case)
    if signature is None:
        print("the input does not fail", file=sys.stderr)
        return 1
    print(f"signature: {signature}", file=sys.stderr)
    small: str | bytes
    if isinstance(case.data, bytes):
        small = minimize(case.data, case, signature)
    else:
        small = minimize(case.data, case, signature)
    print(f"checked as: {case.file_name('')}", file=sys.stderr)
    print(repr(small))
    return 0


if __name__ == "__main__":
    sys.exit(main())
