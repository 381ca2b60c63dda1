"""How ``kyaml check`` writes its findings: text, concise, JSON, GitHub, GitLab, SARIF, JUnit.

Each writer takes every file's findings at once and returns the text for stdout; summaries are
the caller's, on stderr. The machine formats follow the tools that read them: ``json`` is
ruff's shape, ``github`` workflow commands, ``gitlab`` Code Quality, ``sarif`` SARIF 2.1.0 and
``junit`` JUnit XML.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence

from kyaml._version import __version__
from kyaml.errors import Diagnostic
from kyaml.rules import DOCS_URL, RULES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any


class FileFindings:
    """One file's findings, its name as shown, and its text's lines (for context)."""

    __slots__ = ("findings", "lines", "name")

    def __init__(self, name: str, findings: Sequence[Diagnostic], text: str = "") -> None:
        self.name = name
        self.findings = list(findings)
        self.lines = text.split("\n") if text else []


def _end(d: Diagnostic) -> tuple[int, int]:
    """Where a finding ends: its own end, else where it starts."""
    return (d.end_line, d.end_col) if d.end_line else (d.line, d.col)


def _fixable(d: Diagnostic) -> bool:
    return d.fix is not None and RULES[d.code].fixable


def concise(files: Sequence[FileFindings]) -> str:
    """``path:line:col: CODE message``, one line per finding (``[*]``: it can be fixed)."""
    return "".join(
        f"{f.name}:{d.line}:{d.col}: {d.code}{' [*]' if _fixable(d) else ''} {d.message}\n"
        for f in files
        for d in f.findings
    )


def text(files: Sequence[FileFindings]) -> str:
    """:func:`concise`'s lines, each followed by its source line with the place marked."""
    out = []
    for f in files:
        for d in f.findings:
            out.append(f"{f.name}:{d.line}:{d.col}: {d.code}{' [*]' if _fixable(d) else ''}")
            out.append(f" {d.message}\n")
            if 0 < d.line <= len(f.lines):
                source = f.lines[d.line - 1].rstrip("\r")
                width = 1
                end_line, end_col = _end(d)
                if end_line == d.line and end_col > d.col:
                    width = end_col - d.col
                gutter = str(d.line)
                pad = " " * len(gutter)
                out.append(f"{pad} |\n{gutter} | {source}\n")
                out.append(f"{pad} | {' ' * (d.col - 1)}{'^' * width}\n")
            out.append("\n")
    return "".join(out)


def _location(line: int, col: int) -> dict[str, int]:
    return {"row": line, "column": col}


def as_json(files: Sequence[FileFindings]) -> str:
    """A JSON array, one object per finding, in ruff's shape."""
    items = []
    for f in files:
        for d in f.findings:
            fix = None
            if d.fix is not None and _fixable(d):
                fix = {
                    "applicability": "safe",
                    "message": f"Replace with {d.fix.content[:60]!r}",
                    "edits": [
                        {
                            "content": d.fix.content,
                            "location": _location(d.fix.line, d.fix.col),
                            "end_location": _location(d.fix.end_line, d.fix.end_col),
                        }
                    ],
                }
            items.append(
                {
                    "code": d.code,
                    "message": d.message,
                    "severity": d.severity,
                    "filename": f.name,
                    "location": _location(d.line, d.col),
                    "end_location": _location(*_end(d)),
                    "fix": fix,
                    "url": RULES[d.code].url,
                }
            )
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(files: Sequence[FileFindings]) -> str:
    """GitHub Actions workflow commands, one per finding: annotations on the pull request."""
    out = []
    for f in files:
        for d in f.findings:
            kind = {"error": "error", "warning": "warning"}.get(d.severity, "notice")
            end_line, end_col = _end(d)
            props = (
                f"file={_escape_property(f.name)},line={d.line},col={d.col},"
                f"endLine={end_line},endColumn={end_col},title={_escape_property(d.code)}"
            )
            out.append(f"::{kind} {props}::{_escape_data(d.message)}\n")
    return "".join(out)


_GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab(files: Sequence[FileFindings]) -> str:
    """GitLab Code Quality: a JSON array of issues, each with a stable fingerprint."""
    items = []
    for f in files:
        for d in f.findings:
            end_line, end_col = _end(d)
            key = f"{f.name}\0{d.code}\0{d.line}\0{d.col}\0{d.message}"
            items.append(
                {
                    "description": f"{d.code} {d.message}",
                    "check_name": d.code,
                    "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                    "severity": _GITLAB_SEVERITY.get(d.severity, "info"),
                    "location": {
                        "path": f.name,
                        "positions": {
                            "begin": {"line": d.line, "column": d.col},
                            "end": {"line": end_line, "column": end_col},
                        },
                    },
                }
            )
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _uri(name: str) -> str:
    """A path as a SARIF artifact URI: relative, ``/``-separated, percent-encoded."""
    from urllib.parse import quote

    return quote(name.replace("\\", "/"))


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(files: Sequence[FileFindings]) -> str:
    """A SARIF 2.1.0 log: every rule in the driver, one result per finding."""
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.explanation},
            "helpUri": rule.url,
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        }
        for rule in RULES.values()
    ]
    index = {code: n for n, code in enumerate(RULES)}
    results = []
    for f in files:
        for d in f.findings:
            end_line, end_col = _end(d)
            results.append(
                {
                    "ruleId": d.code,
                    "ruleIndex": index[d.code],
                    "level": _SARIF_LEVEL.get(d.severity, "note"),
                    "message": {"text": d.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": _uri(f.name)},
                                "region": {
                                    "startLine": d.line,
                                    "startColumn": d.col,
                                    "endLine": end_line,
                                    "endColumn": end_col,
                                },
                            }
                        }
                    ],
                }
            )
    log: dict[str, Any] = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "kyaml",
                        "version": __version__,
                        "informationUri": DOCS_URL,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def junit(files: Sequence[FileFindings]) -> str:
    """JUnit XML: a test suite per file, a failing test case per finding (a passing one for a
    file without findings)."""
    import xml.etree.ElementTree as ET

    total = sum(len(f.findings) for f in files)
    suites = ET.Element(
        "testsuites", name="kyaml", tests=str(max(total, len(files))), failures=str(total)
    )
    for f in files:
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=f.name,
            tests=str(max(len(f.findings), 1)),
            failures=str(len(f.findings)),
        )
        if not f.findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=f.name)
        for d in f.findings:
            case = ET.SubElement(
                suite, "testcase", name=f"{d.code} {d.line}:{d.col}", classname=f.name
            )
            failure = ET.SubElement(case, "failure", message=d.message, type=d.code)
            failure.text = f"{f.name}:{d.line}:{d.col}: {d.code} {d.message}"
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


WRITERS: dict[str, Callable[[Sequence[FileFindings]], str]] = {
    "text": text,
    "concise": concise,
    "json": as_json,
    "github": github,
    "gitlab": gitlab,
    "sarif": sarif,
    "junit": junit,
}


def statistics(files: Sequence[FileFindings], as_json_list: bool = False) -> str:
    """The count of findings per code, most frequent first (``[*]``: the rule can fix)."""
    counts = Counter(d.code for f in files for d in f.findings)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json_list:
        rows = [
            {
                "code": code,
                "name": RULES[code].name,
                "count": n,
                "fixable": RULES[code].fixable,
            }
            for code, n in ordered
        ]
        return json.dumps(rows, indent=2) + "\n"
    width = max((len(str(n)) for _, n in ordered), default=1)
    return "".join(
        f"{n:>{width}}\t{code}\t{'[*]' if RULES[code].fixable else '   '} {RULES[code].name}\n"
        for code, n in ordered
    )
