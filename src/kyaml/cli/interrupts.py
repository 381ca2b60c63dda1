"""Ctrl-C (SIGINT) and SIGTERM: the run stops once, cleans up, and exits 130 or 143.

The main process turns SIGTERM into :class:`Terminated`, a kind of :class:`KeyboardInterrupt`,
so that both unwind the same way: temporary files are removed on the way out, worker processes
are stopped (:func:`stop_workers`), and :mod:`kyaml.cli` prints one line. Worker processes
ignore Ctrl-C (the terminal sends it to the whole process group; the parent decides), leave on
SIGTERM once their current file is done (:func:`in_worker`), and get SIGTERM when their parent
dies, however it died.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")

if TYPE_CHECKING:
    import threading
    from concurrent.futures import ProcessPoolExecutor


EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
_PR_SET_PDEATHSIG = 1
_STOP_WAIT = 2.0


class Terminated(KeyboardInterrupt):
    """SIGTERM in the main process, unwound as Ctrl-C is."""


_terminated: list[bool] = [False]  # whether SIGTERM came (it may be raised as a Ctrl-C)


def exit_code(interrupt: KeyboardInterrupt) -> int:
    """130 for Ctrl-C, 143 for SIGTERM: the codes of a shell's killed job."""
    terminated = isinstance(interrupt, Terminated) or _terminated[0]
    return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM: raise :class:`Terminated`; while a file is being replaced (Ctrl-C is held then,
    see :func:`kyaml.cli.write._interrupt_held`), held the same way."""
    _terminated[0] = True
    held = signal.getsignal(signal.SIGINT)
    if callable(held) and held is not signal.default_int_handler:
        held(signal.SIGINT, frame)
        return
    raise Terminated


def catch_terminate() -> None:
    """Raise :class:`Terminated` on SIGTERM (main thread only; elsewhere it cannot be set, and
    ``signal.signal`` says so with a ValueError)."""
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, _terminate)


def ignore() -> None:
    """Ignore further Ctrl-C and SIGTERM: the first one is being handled."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(OSError, ValueError):
            signal.signal(signum, signal.SIG_IGN)


@contextlib.contextmanager
def deferred() -> Iterator[list[int]]:
    """Hold Ctrl-C and SIGTERM while the block runs; the list names those that came.

    The caller raises them once the block is done. A second signal interrupts at once. Only in
    the main thread; elsewhere the block runs as is.
    """
    came: list[int] = []

    def hold(signum: int, frame: object) -> None:
        if came:
            raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt
        came.append(signum)

    try:
        saved = {s: signal.signal(s, hold) for s in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread
        yield came
        return
    try:
        yield came
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def blocked() -> Iterator[None]:
    """Keep Ctrl-C and SIGTERM pending while the block runs (they come right after it).

    Around the start of worker processes: an exception raised in the middle of ``fork`` lands
    in a callback whose errors Python prints and drops, and the signal would be lost. The
    workers inherit the blocked signals and unblock them (:func:`worker_start`).
    """
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    signals = {signal.SIGINT, signal.SIGTERM}
    previous = mask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        mask(signal.SIG_SETMASK, previous)


def raise_held(came: list[int]) -> None:
    """Raise the interrupt :func:`deferred` held, if any."""
    if came:
        raise Terminated if came[0] == signal.SIGTERM else KeyboardInterrupt


# --- worker processes -------------------------------------------------------------------------


# [whether this worker runs a task, whether SIGTERM came during it]
_task: list[bool] = [False, False]


def _leave(signum: int, frame: object) -> None:
    """SIGTERM in a worker: leave at once between tasks; during one run through
    :func:`in_worker` (one file, which it may be replacing), once it is done: it is short. More
    SIGTERMs change nothing (the pool's own thread sends one to every worker when it sees
    another gone); :func:`stop_workers` sends SIGKILL to a worker still there after a while."""
    if not _task[0]:
        os._exit(EXIT_TERMINATED)
    _task[1] = True


def in_worker(task: Callable[..., T], *args: Any) -> T:
    """Run ``task(*args)`` in a worker; after a SIGTERM, leave when it is done (the pool would
    otherwise go on with the next task)."""
    _task[0] = True
    try:
        return task(*args)
    finally:
        _task[0] = False
        if _task[1]:
            os._exit(EXIT_TERMINATED)


def worker_start(parent: int, then: Callable[..., None] | None = None, *args: Any) -> None:
    """A worker's initializer: ignore Ctrl-C, leave cleanly on SIGTERM, get SIGTERM when the
    parent dies (Linux), then run ``then(*args)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _leave)
    if hasattr(signal, "pthread_sigmask"):  # blocked while the parent forked (see blocked)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(EXIT_TERMINATED)
    if then is not None:
        then(*args)


def _quiet(args: threading.ExceptHookArgs) -> None:
    """A thread's error while the run stops: not shown."""


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now: SIGTERM (they remove their temporary files), then SIGKILL for
    any still there after a moment. Bounded in time; never raises.

    The pool is not shut down: its manager thread sees the workers gone and fails the pending
    tasks, which nobody waits for. Python 3.11's manager thread then trips over the tasks
    ``Executor.map`` cancelled; the run is ending, so threads' errors are no longer shown.
    """
    import threading
    import time

    threading.excepthook = _quiet

    workers = list((getattr(pool, "_processes", None) or {}).values())
    for process in workers:
        with contextlib.suppress(Exception):
            process.terminate()
    deadline = time.monotonic() + _STOP_WAIT
    for process in workers:
        with contextlib.suppress(Exception):
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(0.5)
