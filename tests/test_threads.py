"""The library holds no process-wide state: threads at once get what one call at a time gets,
the deepest document the reader accepts needs no more than Python's default recursion limit,
and no public function touches the recursion limit or the garbage collector."""

from __future__ import annotations

import gc
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import kyaml

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DEPTH = 400  # the deepest nesting the reader accepts


def _nested(kind: str, depth: int = DEPTH) -> str:
    if kind == "flow mapping":
        return "{a: " * depth + "1" + "}" * depth + "\n"
    if kind == "flow sequence":
        return "[" * depth + "1" + "]" * depth + "\n"
    if kind == "block mapping":
        return "".join("  " * i + "a:\n" for i in range(depth - 1)) + "  " * (depth - 1) + "a: 1\n"
    assert kind == "commented"
    lines = ["# head", "{a: " * depth + "x # line", "}" * depth + " # tail", "# foot"]
    return "\n".join(lines) + "\n"


#: One public function, given a text and where its diagnostics go.
Call = Callable[[str, Callable[[kyaml.Diagnostic], None]], Any]
KINDS = ("flow mapping", "flow sequence", "block mapping", "commented")


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.yaml"))]
    assert len(texts) > 50
    return texts + [_nested(kind) for kind in KINDS] + ["a: [1\n", "country: NO\n"]


def _outcome(call: Call, text: str) -> tuple[Any, ...]:
    """What ``call`` gives for ``text``: the result and diagnostics, or the error."""
    notes: list[kyaml.Diagnostic] = []
    try:
        return ("ok", call(text, notes.append), tuple(notes))
    except kyaml.KyamlError as exc:
        return ("error", type(exc).__name__, str(exc), tuple(notes))


def _format(text: str, note: Callable[[kyaml.Diagnostic], None]) -> str:
    return kyaml.format_str(text, on_diagnostic=note)


def _format_compact(text: str, note: Callable[[kyaml.Diagnostic], None]) -> str:
    return kyaml.format_str(text, compact=True, schema="1.1", on_diagnostic=note)


def _to_yaml(text: str, note: Callable[[kyaml.Diagnostic], None]) -> str:
    return kyaml.to_yaml(text, on_diagnostic=note)


def _to_json(text: str, note: Callable[[kyaml.Diagnostic], None]) -> str:
    return kyaml.to_json(text, on_diagnostic=note)


def _loads_then_dumps(text: str, note: Callable[[kyaml.Diagnostic], None]) -> tuple[Any, ...]:
    data = kyaml.loads_all(text)
    return (data, kyaml.dumps_all(data), kyaml.dumps_all(data, compact=True))


CALLS: dict[str, Call] = {
    "format_str": _format,
    "format_str compact 1.1": _format_compact,
    "to_yaml": _to_yaml,
    "to_json": _to_json,
    "loads and dumps": _loads_then_dumps,
}


@pytest.mark.parametrize("name", CALLS)
def test_eight_threads_at_once_give_what_serial_calls_give(name: str) -> None:
    call = CALLS[name]
    texts = _texts()
    serial = [_outcome(call, text) for text in texts]
    start = threading.Barrier(8)

    def worker(shift: int) -> list[tuple[Any, ...]]:
        order = list(range(len(texts)))
        order = order[shift * 7 :] + order[: shift * 7]  # each thread in its own order
        start.wait()
        got: list[tuple[Any, ...]] = [()] * len(texts)
        for i in order:
            got[i] = _outcome(call, texts[i])
        return got

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(worker, range(8)))
    for got in results:
        assert got == serial


# Run in a fresh interpreter, whose recursion limit is Python's default, each call in a thread.
_DEEP = """
import sys, threading, kyaml
sys.path.insert(0, {tests!r})
from test_threads import KINDS, _nested
limit = sys.getrecursionlimit()
calls = {{
    "format_str": kyaml.format_str,
    "format_str compact": lambda t: kyaml.format_str(t, compact=True),
    "to_yaml": kyaml.to_yaml,
    "to_json": kyaml.to_json,
    "loads": kyaml.loads,
    "dumps": lambda t: kyaml.dumps(kyaml.loads(t)),
    "dumps compact": lambda t: kyaml.dumps(kyaml.loads(t), compact=True),
}}
done = []
def run(name, kind):
    result = calls[name](_nested(kind))
    assert sys.getrecursionlimit() == limit
    done.append((name, kind, len(str(result))))
for name in calls:
    for kind in KINDS:
        thread = threading.Thread(target=run, args=(name, kind))
        thread.start()
        thread.join()
print(limit, len(done))
"""


def test_the_deepest_document_fits_the_default_recursion_limit_in_a_thread() -> None:
    script = _DEEP.format(tests=str(Path(__file__).parent))
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert run.stdout.split() == ["1000", str(7 * len(KINDS))]


def test_one_level_deeper_is_refused_cleanly() -> None:
    for kind in KINDS:
        with pytest.raises(kyaml.LimitError, match=f"nested deeper than {DEPTH} levels"):
            kyaml.format_str(_nested(kind, DEPTH + 1))


def test_no_public_function_touches_the_recursion_limit_or_the_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    touched: list[str] = []
    monkeypatch.setattr(sys, "setrecursionlimit", lambda n: touched.append(f"limit {n}"))
    for name in ("disable", "enable", "freeze", "set_threshold"):
        monkeypatch.setattr(gc, name, lambda *a, name=name: touched.append(name))
    for kind in KINDS:
        text = _nested(kind)
        data = kyaml.loads(text)
        kyaml.loads_all(text)
        kyaml.format_str(text)
        kyaml.format_str(text, compact=True)
        kyaml.to_yaml(text)
        kyaml.to_json(text)
        kyaml.dumps(data)
        kyaml.dumps_all([data], compact=True)
    assert touched == []
