"""Large streams: formatted document by document, in parallel, through a spool file.

``kyaml fmt -`` hands a stream of at least :data:`kyaml.cli.run.BULK_FROM_BYTES` to
:mod:`kyaml.cli.bulk`. Its output must be exactly ``format_str``'s, with one process or several,
its diagnostics and errors must name the stream's own lines, and a failure anywhere in the
stream must leave stdout empty.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kyaml
from kyaml import Diagnostic
from kyaml.cli import bulk as _bulk
from kyaml.cli.run import BULK_FROM_BYTES

ROOT = Path(__file__).resolve().parents[1]
KYAML = [sys.executable, "-m", "kyaml"]

MANIFEST = """\
# A service, with comments at the document boundaries.
apiVersion: v1
kind: Service
metadata:
  name: web   # the name
  labels: {app: web, tier: "NO"}
spec:
  ports:
    - port: 80
      targetPort: 8080
# foot of the service
---
# head of the deployment

apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          args: [--listen=:8080, "--x"]
          env:
            - {name: MODE, value: on}
---
apiVersion: v1
kind: ConfigMap
data:
  script: |
    #!/bin/sh
    echo "---"
    exit 0
"""


def _stream(size: int) -> str:
    copies = size // len(MANIFEST.encode()) + 1
    return ("---\n" + MANIFEST) * copies


def _format_to(text: str, jobs: int, options: kyaml.Options | None = None) -> tuple[str, list[str]]:
    out = io.BytesIO()
    notes = _bulk.format_to(_bulk.ByteStream(text.encode()), options or kyaml.Options(), jobs, out)
    return out.getvalue().decode(), [d.format() for d in notes]


def _expected(text: str, compact: bool = False) -> tuple[str, list[str]]:
    notes: list[Diagnostic] = []
    output = kyaml.format_str(text, compact=compact, on_diagnostic=notes.append)
    return output, [d.format() for d in notes]


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of a few documents, so that a small stream goes to several processes."""
    monkeypatch.setattr(_bulk, "_BATCH_MIN", 1000)


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_bulk_output_and_diagnostics_are_format_strs(small_batches: None, jobs: int) -> None:
    text = _stream(20_000)
    assert _format_to(text, jobs) == _expected(text)


def test_bulk_compact_mode(small_batches: None) -> None:
    text = _stream(5_000)
    output, notes = _format_to(text, 2, kyaml.Options(compact=True))
    expected, expected_notes = _expected(text, compact=True)
    assert output == expected
    # dropped comments are reported once per document read: batches count them together
    assert _dropped(notes) == _dropped(expected_notes) > 0


def _dropped(notes: list[str]) -> int:
    found = (re.search(r": (\d+) comments? dropped: compact mode", note) for note in notes)
    return sum(int(m.group(1)) for m in found if m)


def test_bulk_keeps_crlf_and_the_utf8_byte_order_mark(small_batches: None) -> None:
    text = _stream(5_000)
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    out = io.BytesIO()
    _bulk.format_to(_bulk.ByteStream(data), kyaml.Options(), 2, out)
    expected = kyaml.format_str(text)
    assert out.getvalue() == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode()


@pytest.mark.parametrize("jobs", [1, 2])
def test_bulk_errors_name_the_streams_line(small_batches: None, jobs: int) -> None:
    text = _stream(10_000)
    lines = text.count("\n")
    broken = text + "---\na: 1\na: 2\n" + _stream(3_000)
    with pytest.raises(kyaml.KyamlError) as bulk_error:
        _format_to(broken, jobs)
    with pytest.raises(kyaml.KyamlError) as whole_error:
        kyaml.format_str(broken)
    assert (bulk_error.value.line, bulk_error.value.column) == (lines + 3, 1)
    assert bulk_error.value.message == whole_error.value.message
    assert f"first at line {lines + 2}, column 1" in bulk_error.value.message


def test_bulk_names_bad_utf8_with_the_streams_line(small_batches: None) -> None:
    data = _stream(10_000).encode() + b"---\nkey: caf\xe9\n"
    lines = data.count(b"\n")
    with pytest.raises(kyaml.KyamlError) as error:
        _bulk.format_to(_bulk.ByteStream(data), kyaml.Options(), 2, io.BytesIO())
    assert (error.value.line, error.value.column) == (lines, 9)
    assert "not valid UTF-8" in error.value.message


def _fmt(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    # Worker processes left behind by the command would hold its pipes open: the timeout turns
    # that into a failure instead of a hang.
    return subprocess.run(
        [*KYAML, "fmt", *args, "-"],
        input=data,
        capture_output=True,
        check=False,
        cwd=ROOT,
        timeout=300,
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fmt_formats_a_large_stream_from_stdin(jobs: str) -> None:
    text = _stream(BULK_FROM_BYTES + 1000)
    run = _fmt(text.encode(), "-j", jobs)
    assert run.returncode == 0, run.stderr
    expected, notes = _expected(text)
    assert run.stdout.decode() == expected
    assert run.stderr.decode().splitlines() == [note.replace("<string>", "-") for note in notes]


def test_fmt_writes_nothing_when_a_large_stream_fails_late() -> None:
    text = _stream(BULK_FROM_BYTES + 1000) + "---\n{a: [\n"
    run = _fmt(text.encode(), "-j", "2")
    assert run.returncode == 2
    assert run.stdout == b""
    lines = text.count("\n")
    assert run.stderr.decode().startswith(f"-:{lines + 1}:1: error: ")


def test_fmt_leaves_an_opted_out_large_stream_alone() -> None:
    data = ("# kyaml: off\n" + _stream(BULK_FROM_BYTES)).encode()
    run = _fmt(data)
    assert run.returncode == 0
    assert run.stdout == data


def test_fmt_formats_a_large_utf16_stream_whole() -> None:
    text = _stream(BULK_FROM_BYTES // 2 + 1000)
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    assert len(data) >= BULK_FROM_BYTES
    run = _fmt(data, "-q")
    assert run.returncode == 0, run.stderr
    expected = "\ufeff".encode("utf-16-le") + kyaml.format_str(text).encode("utf-16-le")
    assert run.stdout == expected
