"""A small Language Server Protocol client for tests and benchmarks: ``kyaml lsp`` as a child
process, JSON-RPC over its stdin and stdout (``Content-Length`` framing), a thread that reads
every message. Server-to-client requests are answered with ``null``; notifications are kept in
order, to be waited for."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any


def _read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """One framed message, or None at the end of the stream. Every header must be well formed:
    anything else on stdout is a bug of the server."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        if line == b"\r\n":
            break
        name, _, value = line.decode("ascii").partition(":")
        assert value.endswith("\r\n"), f"not a header: {line!r}"
        if name.lower() == "content-length":
            length = int(value.strip())
    assert length is not None, "a message without Content-Length"
    body = stream.read(length)
    message: dict[str, Any] = json.loads(body)
    return message


class LspClient:
    """A running server and what it said."""

    def __init__(self, command: list[str], cwd: Path | None = None) -> None:
        env = dict(os.environ)
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
        )
        self._next_id = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self.log: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            message = _read_message(self.process.stdout)
            if message is None:
                return
            if "id" in message and "method" in message:  # a request of the server's
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif "id" in message:
                with self._lock:
                    waiting = self._responses.setdefault(message["id"], queue.Queue())
                waiting.put(message)
            else:
                if message.get("method") == "window/logMessage":
                    self.log.append(message["params"]["message"])
                self.notifications.put(message)

    def request(self, method: str, params: Any = None, timeout: float = 30) -> Any:
        """Send a request; its result (an error response fails the test)."""
        with self._lock:
            self._next_id += 1
            number = self._next_id
            waiting = self._responses.setdefault(number, queue.Queue())
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        response = waiting.get(timeout=timeout)
        assert "error" not in response, response
        return response.get("result")

    def notify(self, method: str, params: Any = None) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, method: str, uri: str | None = None, timeout: float = 30) -> dict[str, Any]:
        """The next notification ``method`` (about ``uri``), skipping the others."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"no {method} within {timeout} s"
            message = self.notifications.get(timeout=left)
            params = message.get("params") or {}
            if message.get("method") == method and (uri is None or params.get("uri") == uri):
                return params

    def initialize(self, root: Path, options: dict[str, Any] | None = None) -> dict[str, Any]:
        result: dict[str, Any] = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "textDocument": {"publishDiagnostics": {}, "hover": {}, "codeAction": {}}
                },
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, language: str = "yaml") -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}},
        )
        return uri

    def close(self, timeout: float = 30) -> int:
        """``shutdown`` then ``exit``; the server's exit code."""
        self.request("shutdown")
        self.notify("exit")
        code = self.process.wait(timeout=timeout)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with LSP text edits applied (positions in UTF-16 code units, as negotiated by
    default), last first."""
    lines = text.split("\n")

    def offset(position: dict[str, int]) -> int:
        line, character = position["line"], position["character"]
        if line >= len(lines):
            return len(text)
        before = sum(len(part) + 1 for part in lines[:line])
        units = 0
        index = 0
        current = lines[line]
        while index < len(current) and units < character:
            units += 2 if ord(current[index]) > 0xFFFF else 1
            index += 1
        return before + index

    ordered = sorted(
        edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"])
    )
    for edit in reversed(ordered):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text
