"""Regenerate the corpus goldens: ``corpus/**/NAME.kyaml``, kyaml's output for the source beside it
(``NAME.yaml``, ``NAME.yml`` or ``NAME.json``), checked by ``tests/test_corpus_goldens.py``.

``NAME.kyaml`` is the output with the defaults (blank lines kept). Where the output without
blank lines (``blank_lines="drop"``, the reference's layout) differs from it, that output is
``NAME.drop.kyaml`` beside it; where it does not, no such file exists.

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
DROP_SUFFIX = ".drop.kyaml"


def goldens() -> list[Path]:
    """Every golden of the default output (``NAME.kyaml``, not ``NAME.drop.kyaml``)."""
    return sorted(p for p in CORPUS.rglob("*.kyaml") if not p.name.endswith(DROP_SUFFIX))


def drop_golden(golden: Path) -> Path:
    """Where the output without blank lines of ``golden``'s source is kept when it differs."""
    return golden.with_name(golden.name.removesuffix(".kyaml") + DROP_SUFFIX)


def source_of(golden: Path) -> Path:
    """The one source file beside ``golden``."""
    sources = [golden.with_suffix(s) for s in SOURCE_SUFFIXES if golden.with_suffix(s).is_file()]
    if len(sources) != 1:
        raise SystemExit(f"{golden}: expected one source beside it, found {len(sources)}")
    return sources[0]


def expected(source: Path, blank_lines: str = "keep") -> str:
    """kyaml's KYAML for ``source`` (read as UTF-8, a byte-order mark dropped)."""
    text = source.read_bytes().decode("utf-8").removeprefix("\ufeff")
    return kyaml.format_str(text, blank_lines=blank_lines)


def _update(path: Path, out: str | None, check: bool) -> int:
    """Write ``out`` to ``path`` (remove it when None) unless it is current; 1 when it was not."""
    old = path.read_bytes().decode("utf-8") if path.is_file() else None
    if old == out:
        return 0
    print(f"{'out of date' if check else 'wrote'}: {path.relative_to(REPO)}")
    if not check:
        if out is None:
            path.unlink()
        else:
            path.write_bytes(out.encode("utf-8"))
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="sources to write goldens for")
    parser.add_argument("--check", action="store_true", help="report, write nothing")
    args = parser.parse_args(argv)
    if args.sources:
        pairs = [(s.resolve().with_suffix(".kyaml"), s.resolve()) for s in args.sources]
    else:
        pairs = [(golden, source_of(golden)) for golden in goldens()]
    stale = 0
    for golden, source in pairs:
        try:
            out = expected(source)
            dropped = expected(source, "drop")
        except kyaml.KyamlError as error:
            print(f"{source}: {error}", file=sys.stderr)
            return 2
        stale += _update(golden, out, args.check)
        stale += _update(drop_golden(golden), dropped if dropped != out else None, args.check)
    if args.check:
        return 1 if stale else 0
    if stale:
        print("Review the changes by hand (git diff corpus/) against SPEC §1.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
