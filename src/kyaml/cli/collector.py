"""The cyclic garbage collector, paused while the library builds and writes a tree.

Composition allocates many small objects and no reference cycles; the collector's repeated passes
over them would cost more than the whole composition. Only the command does this: it owns its
process, and the library never changes process-wide state.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the ``with`` block, as it was after it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
