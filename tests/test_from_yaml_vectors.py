"""The reference encoder's ``from_yaml`` vectors, byte for byte, through both parsers.

Every vector must come out exactly as the reference writes it, except the four that SPEC §6
overrides: a comment on the line of an opening ``[`` or ``{`` is one the reference drops
(``# This will be lost.``); kyaml keeps it as a head comment of the first item. For those four
the expected text is kyaml's own, checked by hand against the reference's: the same lines, plus
the kept comment above the first item, at its indent.
"""

from __future__ import annotations

from typing import Any

import pytest

from kyaml import format_str
from tests._oracles import binding_built
from tests.conftest import vector_params

_LOST = "# This will be lost."

# SPEC §6: "a comment on the line of an opening [ or {" — kyaml writes it above the first item.
OVERRIDDEN = {
    "flow sequence with comments": """\
---
# This is a head comment.
# It can be multi-line.
[
  # This will be lost.
  1, # line1
  2, # line2
  3, # line3
] # This is a line comment.
# This is a foot comment.
# It can also be multi-line.
""",
    "flow mapping with comments": """\
---
# This is a head comment.
# It can be multi-line.
{
  # This will be lost.
  foo: 1, # line1
  bar: 2, # line2
} # This is a line comment.
# This is a foot comment.
# It can also be multi-line.
""",
}


def _nested_override(reference: str) -> str:
    """``list of list/map with comments``: the reference's text with the kept comment above the
    first item (these two are long; the rule is the same as above)."""
    head, _, rest = reference.partition("[\n")
    return head + "[\n  " + _LOST + "\n" + rest


@pytest.fixture(params=["c", "pure"])
def parser(request: pytest.FixtureRequest) -> str:
    """Run each test through libyaml's C parser and through ruamel.yaml's pure parser: the
    ``parser`` option."""
    if request.param == "c" and not binding_built():
        pytest.skip("kyaml's libyaml binding is not built")
    return "pure" if request.param == "pure" else "auto"


def expected(row: dict[str, Any]) -> str:
    """What kyaml writes for a vector: the reference's text, or kyaml's own for §6 overrides."""
    text: str = row["expected"]
    if row["compact"] or _LOST not in row["input"]:
        return text
    if row["name"] in OVERRIDDEN:
        return OVERRIDDEN[row["name"]]
    return _nested_override(text)


@pytest.mark.parametrize("row", vector_params("from_yaml"))
def test_from_yaml(row: dict[str, Any], parser: str) -> None:
    # the reference's tables: its layout keeps no blank line
    out = format_str(row["input"], compact=row["compact"], parser=parser, blank_lines="drop")
    assert out == expected(row)


@pytest.mark.parametrize("row", vector_params("from_yaml"))
def test_output_is_stable(row: dict[str, Any], parser: str) -> None:
    out = format_str(row["input"], compact=row["compact"], parser=parser)
    assert format_str(out, compact=row["compact"], parser=parser) == out


@pytest.mark.parametrize(
    "row",
    vector_params("from_yaml", lambda row: _LOST in row["input"] and not row["compact"]),
)
def test_the_overridden_vectors_only_add_the_kept_comment(row: dict[str, Any]) -> None:
    """The four §6 overrides differ from the reference by exactly one line: the kept comment."""
    ours = expected(row).splitlines()
    assert ours.count("  " + _LOST) == 1
    ours.remove("  " + _LOST)
    assert ours == row["expected"].splitlines()


def test_the_override_list_is_complete() -> None:
    """Exactly four vectors are overridden (SPEC §6 names them)."""
    from tests.conftest import reference_vectors

    rows = [r for r in reference_vectors("from_yaml") if _LOST in r["input"] and not r["compact"]]
    if not rows:
        pytest.skip("the reference vectors are absent")
    assert sorted(r["name"] for r in rows) == sorted(
        [
            "flow sequence with comments",
            "flow mapping with comments",
            "list of list with comments",
            "list of map with comments",
        ]
    )
