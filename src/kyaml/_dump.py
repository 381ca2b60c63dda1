"""The data API's writing half, shaped like ``json``: ``dumps``, ``dump``, ``*_all``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from kyaml._data import Default, from_python
from kyaml._kyaml import emit_stream
from kyaml._tree import Document, Stream


def dumps(obj: Any, *, compact: bool = False, default: Default | None = None) -> str:
    """One complete KYAML document for ``obj``: a ``---`` line, the value, a final newline.

    Raises ``TypeError`` for a value of a type KYAML cannot hold (unless ``default`` converts it)
    and :class:`kyaml.KyamlError` for data that cannot be written faithfully (circular references,
    keys that collide once made strings).
    """
    return dumps_all([obj], compact=compact, default=default)


def dumps_all(objs: Iterable[Any], *, compact: bool = False, default: Default | None = None) -> str:
    """Several KYAML documents, one per item of ``objs``, in order."""
    stream = Stream([Document(from_python(obj, default)) for obj in objs])
    return emit_stream(stream, compact=compact)


def dump(obj: Any, fp: IO[str], *, compact: bool = False, default: Default | None = None) -> None:
    """Write ``dumps(obj)`` to the text file ``fp``."""
    fp.write(dumps(obj, compact=compact, default=default))


def dump_all(
    objs: Iterable[Any], fp: IO[str], *, compact: bool = False, default: Default | None = None
) -> None:
    """Write ``dumps_all(objs)`` to the text file ``fp``."""
    fp.write(dumps_all(objs, compact=compact, default=default))
