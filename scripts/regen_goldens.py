"""Regenerate the corpus goldens: ``corpus/**/NAME.kyaml``, kyaml's output for the source beside it
(``NAME.yaml``, ``NAME.yml`` or ``NAME.json``), checked by ``tests/test_corpus_goldens.py``.

Usage (from the repository root)::

    python scripts/regen_goldens.py              # rewrite every existing golden
    python scripts/regen_goldens.py SOURCE...    # write the goldens of these sources (new or not)
    python scripts/regen_goldens.py --check      # list the goldens that are out of date

A golden is the expected output, not a snapshot: read every golden this changes (``git diff
corpus/``) against SPEC §1 before committing it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import kyaml

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SOURCE_SUFFIXES = (".yaml", ".yml", ".json")


def source_of(golden: Path) -> Path:
    """The one source file beside ``golden``."""
    sources = [golden.with_suffix(s) for s in SOURCE_SUFFIXES if golden.with_suffix(s).is_file()]
    if len(sources) != 1:
        raise SystemExit(f"{golden}: expected one source beside it, found {len(sources)}")
    return sources[0]


def expected(source: Path) -> str:
    """kyaml's KYAML for ``source`` (read as UTF-8, a byte-order mark dropped)."""
    text = source.read_bytes().decode("utf-8").removeprefix("\ufeff")
    return kyaml.format_str(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="sources to write goldens for")
    parser.add_argument("--check", action="store_true", help="report, write nothing")
    args = parser.parse_args(argv)
    if args.sources:
        pairs = [(s.resolve().with_suffix(".kyaml"), s.resolve()) for s in args.sources]
    else:
        pairs = [(golden, source_of(golden)) for golden in sorted(CORPUS.rglob("*.kyaml"))]
    stale = 0
    for golden, source in pairs:
        try:
            out = expected(source)
        except kyaml.KyamlError as error:
            print(f"{source}: {error}", file=sys.stderr)
            return 2
        old = golden.read_bytes().decode("utf-8") if golden.is_file() else None
        if old == out:
            continue
        stale += 1
        print(f"{'out of date' if args.check else 'wrote'}: {golden.relative_to(REPO)}")
        if not args.check:
            golden.write_bytes(out.encode("utf-8"))
    if args.check:
        return 1 if stale else 0
    if stale:
        print("Review the changes by hand (git diff corpus/) against SPEC §1.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
