"""The rule registry and every rule: a text that breaks it and one that does not.

Each ``check`` rule is run through :func:`kyaml.lint.check_str` with every rule selected; the
remarks ``fmt`` and ``convert`` make on what they wrote (``KY5``) are checked through the
functions that make them. A fixable rule's fix must remove the finding and keep the data.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import kyaml
from kyaml.errors import Diagnostic
from kyaml.lint import check_str, fix_str
from kyaml.rules import RULES, markdown, rule_for, selected_codes
from tests._oracles import read_yaml11, read_yaml12, same_data

ALL = selected_codes(["ALL"])
DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

# code: (a text that breaks the rule, one that does not); bytes where the rule is about bytes.
CHECK_CASES: dict[str, tuple[str | bytes, str | bytes]] = {
    "KY001": ("a: 'x\n", "a: 'x'\n"),
    "KY002": ("a: {{ .Values.x }}\n", 'a: "{{ .Values.x }}"\n'),
    "KY003": ("a:\n\tb: 1\n", "a:\n  b: 1\n"),
    "KY004": ("a: 1\nb: 2\na: 3\n", "a: 1\nb: 2\nc: 3\n"),
    "KY005": ("a: !Ref x\n", "a: !!str x\n"),
    "KY006": ("? [a, b]\n: 1\n", "? a\n: 1\n"),
    "KY007": ("a: " + "[" * 500 + "]" * 500 + "\n", "a: [[[1]]]\n"),
    "KY008": (b"a: \xff\xfe\n", b"a: b\n"),
    "KY009": ("a: &x [*x]\n", "a: &x [1]\nb: *x\n"),
    "KY101": ("country: NO\n", "country: false\n"),
    "KY102": ("mode: 0644\n", "mode: 420\n"),
    "KY103": ("time: 1:30\n", "time: '1:30'\n"),
    "KY104": ("size: 1e3\n", "size: 1.0e+3\n"),
    "KY105": ("date: 2001-12-14\n", "date: '2001-12-14'\n"),
    "KY106": ("v: =\n", "v: '='\n"),
    "KY107": ("n: 0b101\n", "n: 5\n"),
    "KY201": ("n: 123456789012345678901234567890\n", "n: 1234567890\n"),
    "KY202": ("n: 1e400\n", "n: 1.0e+10\n"),
    "KY203": ("n: 0x1F\n", "n: 31\n"),
    "KY301": ("1: a\n", '"1": a\n'),
    "KY302": ("b: &b {x: 1}\na:\n  <<: *b\n", "b: &b {x: 1}\na:\n  x: 1\n"),
    "KY303": ("a: &x 1\nb: *x\n", "a: &x 1\nb: 1\n"),
    "KY304": ("a: !!binary aGk=\n", "a: aGk=\n"),
    "KY305": ("a: !!omap [{x: 1}]\n", "a: [{x: 1}]\n"),
    "KY306": ("a: 1\n...\nb: 2\n", "a: 1\n...\n---\nb: 2\n"),
    "KY308": ("a: &x 1\nb: &x 2\nc: *x\n", "a: &x 1\nb: &y 2\nc: *x\n"),
    "KY307": ("%YAML 1.3\n---\na: 1\n", "%YAML 1.2\n---\na: 1\n"),
}
KYAML = "---\n{\n  a: 1,\n}\n"
# *.kyaml files: (a text not in KYAML form in this way, the KYAML form).
FORM_CASES: dict[str, tuple[str, str]] = {
    "KY401": ("{\n  a: 1,\n}\n", KYAML),
    "KY402": ("---\na: 1\n", KYAML),
    "KY403": ("---\n{\n  a: b,\n}\n", '---\n{\n  a: "b",\n}\n'),
    "KY404": ("---\n{\n  a: 1\n}\n", KYAML),
    "KY405": ("---\n{\n    a: 1,\n}\n", KYAML),
}


def codes(text: str | bytes, **options: Any) -> list[str]:
    return [d.code for d in check_str(text, codes=ALL, **options)]


def writer_codes(call: Any, text: str, **options: Any) -> list[str]:
    found: list[Diagnostic] = []
    call(text, on_diagnostic=found.append, **options)
    return [d.code for d in found]


def test_every_rule_has_cases() -> None:
    writer = {"KY501", "KY502", "KY503"}
    assert set(RULES) == set(CHECK_CASES) | set(FORM_CASES) | writer


def test_codes_have_the_documented_shape() -> None:
    for code, rule in RULES.items():
        assert re.fullmatch(r"[A-Z]{1,4}[0-9]{3,4}", code), code
        assert rule.code == code
        assert rule.severity in ("error", "warning", "info")
        assert rule.summary
        assert rule.explanation
        assert rule.url.endswith("#" + code.lower() + "-" + rule.name)
        assert rule_for(code.lower()) is rule
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("code", sorted(CHECK_CASES))
def test_check_rule(code: str) -> None:
    bad, good = CHECK_CASES[code]
    assert code in codes(bad)
    assert code not in codes(good)


@pytest.mark.parametrize("code", sorted(FORM_CASES))
def test_kyaml_form_rule(code: str) -> None:
    bad, good = FORM_CASES[code]
    found = check_str(bad, kyaml_form=True, codes=ALL)
    assert [d.code for d in found] == [code]
    assert codes(good, kyaml_form=True) == []
    assert codes(bad) == []  # not a *.kyaml file: block YAML is fine
    assert fix_str(bad, kyaml_form=True) == kyaml.format_str(bad)


def test_errors_of_unreadable_input_are_errors_and_come_alone() -> None:
    for code, rule in RULES.items():
        if code.startswith("KY0"):
            assert rule.severity == "error"
            assert rule.default
            assert not rule.fixable
            found = check_str(CHECK_CASES[code][0], codes=ALL)
            assert [d.severity for d in found] == ["error"]


def test_fmt_remarks_have_codes() -> None:
    commented = "# c\na: 1\n"
    assert writer_codes(kyaml.format_str, commented, compact=True) == ["KY501"]
    assert writer_codes(kyaml.format_str, "a: 1\n", compact=True) == []
    assert writer_codes(kyaml.to_json, commented) == ["KY501"]
    inside = "a:\n  # kyaml: off\n  b: 1\n"
    above = "# kyaml: off\na:\n  b: 1\n"
    assert writer_codes(kyaml.format_str, inside) == ["KY502"]
    assert writer_codes(kyaml.format_str, above) == ["KY503"]
    assert writer_codes(kyaml.format_str, "a:\n  b: 1\n") == []
    # check reports none of them, and reads the kept document too
    assert codes(above) == []
    assert codes("# kyaml: off\na: NO\n# kyaml: on\nb: NO\n") == ["KY101"]


def test_fmt_shows_codes() -> None:
    found: list[Diagnostic] = []
    kyaml.format_str("a: NO\n", on_diagnostic=found.append)
    assert found[0].format("f.yaml").endswith("[KY101]")
    with pytest.raises(kyaml.KyamlError) as caught:
        kyaml.format_str("a: 1\na: 2\n")
    assert caught.value.code == "KY004"
    assert caught.value.format("f.yaml") == (
        'f.yaml:2:1: error: duplicate key "a" (first at line 1, column 1) [KY004]'
    )


def test_strict_errors_carry_the_ambiguity_code() -> None:
    with pytest.raises(kyaml.AmbiguityError) as caught:
        kyaml.format_str("mode: 0644\n", strict=True)
    assert caught.value.code == "KY102"


FIXABLE = sorted(code for code in CHECK_CASES if RULES[code].fixable)


@pytest.mark.parametrize("schema", ["reference", "1.1", "1.2"])
@pytest.mark.parametrize("code", FIXABLE)
def test_fix_removes_the_finding_and_keeps_the_data(code: str, schema: str) -> None:
    bad = CHECK_CASES[code][0]
    assert isinstance(bad, str)
    fixed = fix_str(bad, options=kyaml.Options(schema=schema), codes=ALL)
    assert kyaml.loads(fixed, schema=schema) == kyaml.loads(bad, schema=schema)
    left = [d.code for d in check_str(fixed, options=kyaml.Options(schema=schema), codes=ALL)]
    assert code not in left
    if not left:  # no other finding: YAML 1.1 and YAML 1.2 readers now agree
        assert yaml.safe_load(fixed) == kyaml.loads(fixed, schema="1.2")
    assert fix_str(fixed, options=kyaml.Options(schema=schema), codes=ALL) == fixed


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ("reference", 'country: "NO"\nmode: 420\n'),
        ("1.1", "country: false\nmode: 420\n"),
        ("1.2", 'country: "NO"\nmode: 644\n'),
    ],
)
def test_fix_writes_the_chosen_schemas_reading(schema: str, expected: str) -> None:
    text = "country: NO\nmode: 0644\n"
    assert fix_str(text, options=kyaml.Options(schema=schema)) == expected


def test_fix_changes_only_the_scalars() -> None:
    text = "# head\non:   # the trigger\n  push: {}\n\n\nlist:\n- yes   # keep\n-   'no'\n"
    fixed = fix_str(text)
    assert (
        fixed
        == '# head\n"on":   # the trigger\n  push: {}\n\n\nlist:\n- "yes"   # keep\n-   \'no\'\n'
    )


def test_no_fix_through_an_anchor_or_a_tag() -> None:
    text = "a: &x NO\nb: ! yes\n"
    found = check_str(text)
    assert [d.code for d in found] == ["KY101", "KY101"]
    assert all(d.fix is None for d in found)
    assert fix_str(text) == text


def test_suppression_comments() -> None:
    text = (
        "a: NO  # kyaml: ignore\n"
        "b: NO  # kyaml: ignore[KY101]\n"
        "c: NO  # kyaml: ignore[KY102]\n"
        "d: NO  # kyaml: ignore[KY1]\n"
        "# kyaml: off\n"
        "e: NO\n"
        "# kyaml: on\n"
        "f: NO\n"
    )
    assert [d.line for d in check_str(text)] == [3, 8]


def test_selection() -> None:
    text = "a: NO\nb: 0x1F\n"
    assert codes(text) == ["KY101", "KY203"]
    assert [d.code for d in check_str(text)] == ["KY101"]  # KY203 is off by default
    assert [d.code for d in check_str(text, codes=selected_codes(["KY2"]))] == ["KY203"]
    default_less = selected_codes(None, ["KY101"], ["KY203"])
    assert [d.code for d in check_str(text, codes=default_less)] == ["KY203"]
    assert "KY001" in selected_codes(["KY1"], ["KY0"])  # errors are always reported


def test_docs_rules_md_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == markdown(), (
        "docs/rules.md is stale: python -m kyaml.rules > docs/rules.md"
    )


def test_tagged_numbers_readers_disagree_on() -> None:
    (found,) = check_str("d: !!int 0644\n")
    assert (found.code, found.fix) == ("KY102", None)
    assert "YAML 1.1 reads the integer 420, YAML 1.2 reads the integer 644" in found.message
    assert check_str("d: !!int 0x1F\n") == []


@pytest.mark.parametrize(
    ("text", "readers"),
    [("a: NO\n", "(kubectl)"), ("a: 0644\n", "(kubectl)"), ("a: 1:30\n", "(PyYAML)"),
     ("a: 1e3\n", "(PyYAML)"), ("a: 1.0e+400\n", "(PyYAML)")],
)  # fmt: skip
def test_messages_name_the_readers_that_read_so(text: str, readers: str) -> None:
    (found,) = check_str(text)
    assert re.search(r"YAML 1\.1 (\(\w+\))", found.message)[1] == readers  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "code", "fixed"),
    [
        ("1e400: y\n", "KY202", '"1e400": "y"\n'),
        ("1.0e+400: x\n", "KY202", '"1.0e+400": x\n'),
        ("a: 1:2:3:4:5:6:7:8:9:10:11:12\n", "KY103", 'a: "1:2:3:4:5:6:7:8:9:10:11:12"\n'),
        ("a: 0xFFFFFFFFFFFFFFFFFF\n", "KY107", 'a: "0xFFFFFFFFFFFFFFFFFF"\n'),
    ],
)
def test_readings_beyond_range_have_their_family_and_a_fix(
    text: str, code: str, fixed: str
) -> None:
    assert code in codes(text)
    assert fix_str(text) == fixed
    assert same_data(read_yaml11(fixed), read_yaml12(fixed))


def test_a_message_names_the_reader_that_differs() -> None:
    (found,) = check_str("a: 0o_7\n")
    assert found.message.startswith(
        '0o_7: YAML 1.1 (kubectl) and YAML 1.2 read the string "0o_7", go-yaml v3 reads the'
        " integer 7"
    )
