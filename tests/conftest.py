"""Shared test fixtures: the optional ``../shared`` folder beside the repository."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
VECTORS = SHARED / "conformance" / "reference-vectors.json"


@cache
def _vectors() -> dict[str, Any]:
    with VECTORS.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def reference_vectors(table: str) -> list[dict[str, Any]]:
    """One table of the reference vectors, or an empty list when ``../shared`` is absent.

    Parametrized tests built on an empty list are reported as skipped by pytest, with the reason
    given by :func:`vector_params`.
    """
    if not VECTORS.is_file():
        return []
    rows: list[dict[str, Any]] = _vectors()[table]
    return rows


def vector_params(table: str, keep: Callable[[dict[str, Any]], bool] | None = None) -> list[Any]:
    """``pytest.param`` objects for a vector table (the rows ``keep`` accepts), or one skipped
    placeholder when the table is absent."""
    rows = [row for row in reference_vectors(table) if keep is None or keep(row)]
    if not rows:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{VECTORS} is absent"))]
    return [
        pytest.param(row, id=f"{row.get('name') or row.get('case_index')}-{_mode(row)}")
        for row in rows
    ]


def _mode(row: dict[str, Any]) -> str:
    return "compact" if row.get("compact") else "regular"


# Hypothesis profiles. "ci", the default, is reproducible: the same examples on every run. "long"
# explores: random examples, 5000 per property that does not set its own count. Choose one with
# KYAML_HYPOTHESIS_PROFILE=long (see tests/README.md).
import os  # noqa: E402

from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
_hypothesis_settings.register_profile("long", max_examples=5000, deadline=None, print_blob=True)
_hypothesis_settings.load_profile(os.environ.get("KYAML_HYPOTHESIS_PROFILE", "ci"))
