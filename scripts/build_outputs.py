"""What the installed kyaml writes for every corpus file and conformance vector, to compare builds.

    python scripts/build_outputs.py OUT.json            # record
    python scripts/build_outputs.py --compare A.json    # record again and compare with A

For each input text: ``format_str`` (with its diagnostics), ``format_str(compact=True)``,
``to_yaml`` and ``to_json``, or the error each raises (its message, line and column), kept as a
digest; for each value of the vectors' ``type_ambiguous`` and ``string_escapes`` tables,
``dumps`` and ``dumps(compact=True)``. ``--compare`` exits 1 naming every input and function
whose result differs, so that the compiled build and the pure build can be shown to write the
same bytes and the same errors. The inputs are ``corpus/`` and, when ``../shared`` is present,
its external corpus and reference vectors (the ``from_yaml`` inputs, the ``from_object`` JSON
texts, the values). The first line printed names the build (``kyaml --version``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

import kyaml
from kyaml.cli.app import version_line

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SUFFIXES = {".yaml", ".yml", ".json", ".kyaml", ".kyml"}


def inputs() -> dict[str, str]:
    """Every input, by a name that says where it comes from."""
    texts: dict[str, str] = {}
    for folder in (ROOT / "corpus", SHARED / "corpus" / "external"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix in SUFFIXES:
                    name = str(path.relative_to(folder.parent))
                    texts[name] = path.read_text(encoding="utf-8", errors="surrogateescape")
    vectors = SHARED / "conformance" / "reference-vectors.json"
    if vectors.is_file():
        table = json.loads(vectors.read_text(encoding="utf-8"))
        for n, row in enumerate(table.get("from_yaml", [])):
            texts[f"vector from_yaml[{n}]"] = row["input"]
        for n, row in enumerate(table.get("from_object", [])):
            texts[f"vector from_object[{n}]"] = row["input_json"]
    return texts


def values() -> dict[str, object]:
    """The values of the vectors' tables for writing data, by name."""
    vectors = SHARED / "conformance" / "reference-vectors.json"
    if not vectors.is_file():
        return {}
    table = json.loads(vectors.read_text(encoding="utf-8"))
    return {
        f"vector {name}[{n}]": row["input"]
        for name in ("type_ambiguous", "string_escapes")
        for n, row in enumerate(table.get(name, []))
    }


def outcome(call: Callable[[], str], notes: list[kyaml.Diagnostic]) -> str:
    """A digest of what ``call`` returns and the diagnostics it gave, or of its error."""
    result: list[object]
    try:
        result = ["ok", call(), [(d.line, d.col, d.severity, d.message) for d in notes]]
    except kyaml.KyamlError as exc:
        result = ["error", exc.message, exc.line, exc.col]
    except Exception as exc:  # anything else is a difference worth seeing too
        result = ["raised", type(exc).__name__, str(exc)]
    encoded = json.dumps(result, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return hashlib.sha256(encoded).hexdigest()[:16]


def record() -> dict[str, dict[str, str]]:
    """The digest of each function's outcome for each input."""
    table: dict[str, dict[str, str]] = {}
    for name, text in inputs().items():
        notes: list[kyaml.Diagnostic] = []
        table[name] = {
            "format_str": outcome(
                partial(kyaml.format_str, text, on_diagnostic=notes.append), notes
            ),
            "compact": outcome(partial(kyaml.format_str, text, compact=True), []),
            "to_yaml": outcome(partial(kyaml.to_yaml, text), []),
            "to_json": outcome(partial(kyaml.to_json, text), []),
        }
    for name, value in values().items():
        table[name] = {
            "dumps": outcome(partial(kyaml.dumps, value), []),
            "dumps_compact": outcome(partial(kyaml.dumps, value, compact=True), []),
        }
    return table


def main(argv: list[str]) -> int:
    print(version_line(), flush=True)
    if len(argv) == 1 and not argv[0].startswith("-"):
        table = record()
        Path(argv[0]).write_text(json.dumps(table, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(table)} inputs recorded in {argv[0]}")
        return 0
    if len(argv) == 2 and argv[0] == "--compare":
        other = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        table = record()
        differ = [
            f"{name}: {function}"
            for name in sorted(set(table) | set(other))
            for function in sorted(set(table.get(name, {})) | set(other.get(name, {})))
            if table.get(name, {}).get(function) != other.get(name, {}).get(function)
        ]
        for line in differ:
            print(f"differs: {line}")
        print(f"{len(table)} inputs, {len(differ)} differences from {argv[1]}")
        return 1 if differ or not table else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
