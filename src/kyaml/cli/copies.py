"""``kyaml convert --out-dir OUT SRC...``: a converted copy of each YAML file, in a mirrored tree.

Each file found under a source folder (as ``kyaml fmt`` finds files) becomes ``OUT/REL``, where
``REL`` is its path inside that folder with the target's suffix (``.kyaml``, ``.yaml`` or
``.json``); a file named alone becomes ``OUT/NAME``. OUT holds nothing else: a copy whose path
maps back to no source is removed (``--check``: reported). With ``--check`` nothing is written,
and the exit code is 1 when any copy is missing, stale or without a source. A file that cannot
be converted is an error (exit 2); the others are still converted. Copies are written whole or
not at all (a temporary file renamed over the copy).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence

from kyaml.cli.commands import (
    Selection,
    find_jobs,
    library_options,
    selection,
    settings_for,
)
from kyaml.cli.discovery import common_parent
from kyaml.cli.report import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, Report, want_color
from kyaml.cli.run import RunOptions, format_bytes

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from kyaml.cli.run import Target

SUFFIX = {"kyaml": ".kyaml", "yaml": ".yaml", "json": ".json"}


def planned(
    report: Report, sources: Sequence[str], out_dir: str, target: Target, select: Selection
) -> dict[str, tuple[str, str]]:
    """Where each source's copy goes: ``{copy path: (source path, source name shown)}``; two
    sources whose copies would collide are reported."""
    plan: dict[str, tuple[str, str]] = {}
    for source in sources:
        root = source if os.path.isdir(source) else os.path.dirname(source) or "."
        for path, shown, _ in find_jobs(report, [source], select, json_named=True):
            rel = os.path.relpath(path, root)
            copy = os.path.join(out_dir, os.path.splitext(rel)[0] + SUFFIX[target])
            if copy in plan:
                report.error(f"{shown}: error: its copy {copy} is also {plan[copy][1]}'s")
                continue
            plan[copy] = (path, shown)
    return plan


def overlapping(sources: Sequence[str], out_dir: str) -> str | None:
    """Why OUT and the sources cannot be used together (None: they can). OUT holds only copies,
    so it must neither hold a source nor lie inside a source folder (links resolved)."""
    out_real = os.path.realpath(out_dir)
    for source in sources:
        real = os.path.realpath(source)
        if real == out_real or real.startswith(out_real + os.sep):
            return f"{source} is inside --out-dir {out_dir}, which holds only the copies"
        if os.path.isdir(real) and out_real.startswith(real + os.sep):
            return f"--out-dir {out_dir} is inside the source folder {source}"
    return None


def _copies(out_dir: str, target: Target) -> list[str]:
    """The files in OUT with the target's suffix."""
    found: list[str] = []
    for folder, _, names in os.walk(out_dir):
        found.extend(os.path.join(folder, n) for n in names if n.endswith(SUFFIX[target]))
    return sorted(found)


def _write(path: str, data: bytes) -> None:
    """Write ``path`` whole or not at all."""
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".kyaml-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _current(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def convert_tree(  # noqa: PLR0917 (the command's options)
    report: Report,
    sources: Sequence[str],
    out_dir: str,
    target: Target,
    options: RunOptions,
    select: Selection,
    check: bool,
) -> int:
    """Write (or, with ``check``, compare) the copies of ``sources`` under ``out_dir``."""
    overlap = overlapping(sources, out_dir)
    if overlap is not None:
        report.error(f"error: {overlap}")
        return EXIT_ERROR
    plan = planned(report, sources, out_dir, target, select)
    written = current = 0
    outdated: list[str] = []
    for copy, (path, shown) in plan.items():
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            report.error(f"{shown}: error: {exc.strerror or exc}")
            continue
        result = format_bytes(data, shown, options, target, convert=True)
        for kind, text in result.messages:
            report.message(kind, text)
        if result.status == "failed" or result.output is None:
            report.failed += 1
            continue
        before = _current(copy)
        if before == result.output:
            current += 1
        elif check:
            outdated.append(f"{'missing' if before is None else 'stale'}: {copy} (from {shown})")
        else:
            _write(copy, result.output)
            written += 1
    orphans = (
        [c for c in _copies(out_dir, target) if c not in plan] if os.path.isdir(out_dir) else []
    )
    for orphan in orphans:
        if check:
            outdated.append(f"no source: {orphan}")
        else:
            os.unlink(orphan)
    for line in outdated:
        report.echo(line)
    if not report.quiet:
        if check:
            report.echo(f"{len(outdated)} copies out of date, {current} up to date")
        else:
            report.echo(f"{written} written, {current} up to date, {len(orphans)} removed")
    if report.failed:
        return EXIT_ERROR
    return EXIT_CHANGES if outdated else EXIT_OK


def command(
    *,
    paths: tuple[str, ...],
    out_dir: str,
    check: bool,
    target: Target,
    compact: bool | None,
    schema: str | None,
    strict: bool | None,
    blank_lines: str | None,
    anchors: str | None,
    quiet: bool,
    color: bool | None,
) -> int:
    """Convert ``paths`` into copies under ``out_dir`` (:mod:`kyaml.cli.copies`)."""
    report = Report(check=check, quiet=quiet, color=want_color(color, sys.stderr))
    start = common_parent(paths)
    settings = settings_for(report, None, start)
    if settings is None:
        return EXIT_ERROR
    library = library_options(
        settings, compact, schema, strict, blank_lines, anchors, kyaml_out=target == "kyaml"
    )
    select = selection(settings, (), (), None, None)
    return convert_tree(report, paths, out_dir, target, RunOptions(library), select, check)
