"""``check --fix`` on generated block YAML full of values readers disagree on.

Each example is a block YAML file with mappings, sequences, flow collections, comments and blank
lines, whose keys and values are drawn from words and numbers YAML 1.1 and YAML 1.2 read
differently (and from ones they agree on). Under each schema the fix must keep the data, keep
every comment and line, change only the lines of fixed scalars, leave nothing PyYAML and
ruamel.yaml (YAML 1.2) read differently, and be idempotent.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import kyaml
from kyaml.lint import check_str, fix_str
from kyaml.rules import RULES
from tests._oracles import comments, read_yaml11, read_yaml12, same_data

TOKENS = [
    "NO", "yes", "On", "off", "y", "n", "0644", "0o17", "1:30", "1e3", "1.0e3", "2001-12-14",
    "2001-12-14T21:59:43Z", "=", "0b101", "1_000", "+0x1F", "1e400", "0x1F", "hello", "12",
    "3.5", "true", "null", "~", "-1", ".5", "+1",
]  # fmt: skip
KEYS = ["on", "y", "NO", "name", "mode", "0644", "1:30", "port", "off", "Yes", "1e3", "a"]


@st.composite
def block_yaml(draw: st.DrawFn) -> str:
    lines: list[str] = []

    def comment() -> str:
        return draw(st.sampled_from(["", "", "  # note", " # yes: NO"]))

    def mapping(indent: int, depth: int) -> None:
        keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
        for key in keys:
            if draw(st.booleans()):
                lines.append("")
            if draw(st.integers(0, 4)) == 0:
                lines.append(" " * indent + "# about " + key)
            shape = draw(st.integers(0, 3 if depth < 2 else 1))
            pad = " " * indent
            if shape <= 1:
                lines.append(f"{pad}{key}: {draw(st.sampled_from(TOKENS))}{comment()}")
            elif shape == 2:
                lines.append(f"{pad}{key}:{comment()}")
                for _ in range(draw(st.integers(1, 3))):
                    lines.append(f"{pad}- {draw(st.sampled_from(TOKENS))}{comment()}")
            else:
                lines.append(f"{pad}{key}:{comment()}")
                mapping(indent + 2, depth + 1)
        if draw(st.booleans()):
            items = draw(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=3))
            lines.append(f"{' ' * indent}flow: [{', '.join(items)}]{comment()}")

    mapping(0, 0)
    return "\n".join(lines) + "\n"


@settings(max_examples=300)
@given(block_yaml(), st.sampled_from(["reference", "1.1", "1.2"]))
def test_fix_on_generated_block_yaml(text: str, schema: str) -> None:
    options = kyaml.Options(schema=schema)
    found = check_str(text, options=options)
    fixes = [d for d in found if d.fix is not None and RULES[d.code].fixable]
    fixed = fix_str(text, options=options)
    assert kyaml.loads(fixed, schema=schema) == kyaml.loads(text, schema=schema)
    assert comments(fixed) == comments(text)
    old, new = text.split("\n"), fixed.split("\n")
    assert len(old) == len(new)
    changed = {n + 1 for n, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}
    assert changed == {d.line for d in fixes}
    left = check_str(fixed, options=options)
    assert not [d for d in left if d.fix is not None], left
    if not [d for d in left if d.code.startswith("KY1") or d.code == "KY202"]:
        assert same_data(read_yaml11(fixed), read_yaml12(fixed))
    assert fix_str(fixed, options=options) == fixed
