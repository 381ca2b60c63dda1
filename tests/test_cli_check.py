"""``kyaml check`` and ``kyaml rule`` as a user runs them: findings, exit codes, selection from
the command line and the configuration, every output format parsed, ``--fix`` and ``--diff``."""

from __future__ import annotations

import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kyaml.rules import RULES
from tests.test_cli import run, write

AMBIGUOUS = "# settings\ncountry: NO   # norway\n\nmode: 0644\nname: demo\n"
FIXED = '# settings\ncountry: "NO"   # norway\n\nmode: 420\nname: demo\n'
FINDING = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<code>KY\d{3}) ", re.M)


def findings(out: str) -> list[tuple[str, int, int, str]]:
    return [(m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in FINDING.finditer(out)]


def test_findings_exit_1_and_name_path_line_col_code(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", AMBIGUOUS)
    result = run("check", "--output-format", "concise", "a.yaml", cwd=tmp_path)
    assert result.code == 1
    assert findings(result.stdout) == [("a.yaml", 2, 10, "KY101"), ("a.yaml", 4, 7, "KY102")]
    assert "2 findings (2 fixable" in result.err


def test_clean_files_exit_0(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "a: 1\nb: 'NO'\n")
    result = run("check", ".", cwd=tmp_path)
    assert (result.code, result.stdout) == (0, "")
    assert "all checks passed" in result.err


def test_text_format_shows_the_source_line(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", AMBIGUOUS)
    result = run("check", "a.yaml", cwd=tmp_path)
    assert "2 | country: NO   # norway\n  |          ^^\n" in result.stdout


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a: [1\n", "KY001"),
        ("a: {{ x }}\n", "KY002"),
        ("a:\n\tb: 1\n", "KY003"),
        ("a: 1\na: 2\n", "KY004"),
        ("a: !Ref x\n", "KY005"),
    ],
)
def test_unreadable_input_exits_2_with_its_code(tmp_path: Path, text: str, code: str) -> None:
    write(tmp_path / "bad.yaml", text)
    write(tmp_path / "ok.yaml", "country: NO\n")
    result = run("check", "--output-format", "concise", ".", cwd=tmp_path)
    assert result.code == 2
    got = findings(result.stdout)
    assert [f[3] for f in got if f[0] == "bad.yaml"] == [code]
    assert [f[3] for f in got if f[0] == "ok.yaml"] == ["KY101"]


def test_usage_and_config_errors_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "a: 1\n")
    assert run("check", "--select", "KY999", "a.yaml", cwd=tmp_path).code == 2
    assert run("check", "missing.yaml", cwd=tmp_path).code == 2
    write(tmp_path / "kyaml.toml", 'select = "nope"\n')
    result = run("check", "a.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "unknown rule code or prefix 'nope'" in result.err


def test_selection_on_the_command_line(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "a: NO\nb: 0x1F\nc: 0644\n")

    def codes(*args: str) -> list[str]:
        out = run("check", "--output-format", "concise", *args, "a.yaml", cwd=tmp_path).stdout
        return [f[3] for f in findings(out)]

    assert codes() == ["KY101", "KY102"]
    assert codes("--select", "KY2") == ["KY203"]
    assert codes("--select", "KY101,KY203") == ["KY101", "KY203"]
    assert codes("--ignore", "KY1", "--extend-select", "KY203") == ["KY203"]
    assert codes("--select", "ky10", "--ignore", "KY101") == ["KY102"]


@pytest.mark.parametrize("config", ["kyaml.toml", "pyproject.toml"])
def test_selection_in_the_configuration(tmp_path: Path, config: str) -> None:
    table = 'select = ["KY1"]\nignore = ["KY101"]\nextend-select = ["KY203"]\n'
    if config == "pyproject.toml":
        table = "[tool.kyaml]\n" + table
    write(tmp_path / config, table)
    write(tmp_path / "a.yaml", "a: NO\nb: 0x1F\nc: 0644\n")
    out = run("check", "--output-format", "concise", "a.yaml", cwd=tmp_path).stdout
    assert [f[3] for f in findings(out)] == ["KY203", "KY102"]
    again = run("check", "--output-format", "concise", "--select", "KY101", "a.yaml", cwd=tmp_path)
    assert [f[3] for f in findings(again.stdout)] == ["KY203"]  # KY101 is still ignored


def test_suppression_comments(tmp_path: Path) -> None:
    write(
        tmp_path / "a.yaml",
        "a: NO  # kyaml: ignore[KY101]\nb: NO  # kyaml: ignore\n# kyaml: off\nc: NO\n"
        "# kyaml: on\nd: NO\n",
    )
    out = run("check", "--output-format", "concise", "a.yaml", cwd=tmp_path).stdout
    assert [f[1] for f in findings(out)] == [6]


def test_a_file_turned_off_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "# kyaml: off\na: NO\n")
    result = run("check", "-v", "a.yaml", cwd=tmp_path)
    assert (result.code, result.stdout) == (0, "")
    assert "skipped a.yaml (kyaml: off)" in result.err


def test_fix_edits_scalars_in_place_and_is_idempotent(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", AMBIGUOUS.replace("\n", "\r\n"))
    os.chmod(path, 0o640)
    result = run("check", "--fix", "a.yaml", cwd=tmp_path)
    assert result.code == 0, result.stdout + result.err
    assert "2 fixed" in result.err
    assert path.read_bytes() == FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
    again = run("check", "--fix", "a.yaml", cwd=tmp_path)
    assert again.code == 0
    assert path.read_bytes() == FIXED.replace("\n", "\r\n").encode()


def test_fix_reports_what_is_left(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "a: NO\nb: 123456789012345678901234567890\n")
    result = run("check", "--fix", "--output-format", "concise", "a.yaml", cwd=tmp_path)
    assert result.code == 1
    assert [f[3] for f in findings(result.stdout)] == ["KY201"]
    assert (tmp_path / "a.yaml").read_text() == 'a: "NO"\nb: 123456789012345678901234567890\n'


def test_fix_on_kyaml_files_applies_fmt(tmp_path: Path) -> None:
    path = write(tmp_path / "a.kyaml", "---\n{\n  a: b,\n  c: NO\n}\n")
    assert run("check", "--fix", "a.kyaml", cwd=tmp_path).code == 0
    assert path.read_text() == '---\n{\n  a: "b",\n  c: "NO",\n}\n'


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", AMBIGUOUS)
    result = run("check", "--diff", "a.yaml", cwd=tmp_path)
    assert result.code == 1
    assert '-country: NO   # norway\n+country: "NO"   # norway\n' in result.stdout
    assert path.read_text() == AMBIGUOUS
    write(tmp_path / "b.yaml", "a: 1\n")
    assert run("check", "--diff", "b.yaml", cwd=tmp_path).code == 0


def test_stdin(tmp_path: Path) -> None:
    result = run("check", "--output-format", "concise", "-", stdin=AMBIGUOUS)
    assert [f[0] for f in findings(result.stdout)] == ["-", "-"]
    named = run(
        "check", "--output-format", "concise", "--stdin-filename", "x.kyaml", "-", stdin="a: 1\n"
    )
    assert [f[:4] for f in findings(named.stdout)] == [("x.kyaml", 1, 1, "KY401")]
    fixed = run("check", "--fix", "-", stdin=AMBIGUOUS)
    assert (fixed.code, fixed.stdout) == (0, FIXED)


def test_json_format(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", AMBIGUOUS)
    result = run("check", "--output-format", "json", "a.yaml", cwd=tmp_path)
    items = json.loads(result.stdout)
    assert [item["code"] for item in items] == ["KY101", "KY102"]
    first = items[0]
    assert first["filename"] == "a.yaml"
    assert first["location"] == {"row": 2, "column": 10}
    assert first["end_location"] == {"row": 2, "column": 12}
    assert first["fix"]["edits"] == [
        {
            "content": '"NO"',
            "location": {"row": 2, "column": 10},
            "end_location": {"row": 2, "column": 12},
        }
    ]
    assert first["url"] == RULES["KY101"].url


def test_github_format_is_only_workflow_commands(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", AMBIGUOUS)
    write(tmp_path / "b.yaml", "a: [1\n")
    result = run("check", "--output-format", "github", ".", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert all(line.startswith("::") for line in lines), lines
    assert re.fullmatch(
        r"::warning file=a\.yaml,line=2,col=10,endLine=2,endColumn=12,title=KY101::NO: YAML .+",
        lines[0],
    )
    assert lines[2].startswith("::error file=b.yaml,line=")
    assert "findings" in result.err


def test_gitlab_format(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", AMBIGUOUS)
    items = json.loads(run("check", "--output-format", "gitlab", "a.yaml", cwd=tmp_path).stdout)
    assert [item["check_name"] for item in items] == ["KY101", "KY102"]
    for item in items:
        assert set(item) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert item["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert item["location"]["path"] == "a.yaml"
        assert item["location"]["positions"]["begin"]["line"] >= 1
    assert len({item["fingerprint"] for item in items}) == 2


def test_sarif_format(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", AMBIGUOUS)
    log = json.loads(run("check", "--output-format", "sarif", "a.yaml", cwd=tmp_path).stdout)
    assert log["version"] == "2.1.0"
    (only,) = log["runs"]
    driver = only["tool"]["driver"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == list(RULES)
    results = only["results"]
    assert [r["ruleId"] for r in results] == ["KY101", "KY102"]
    for result in results:
        assert result["ruleId"] in ids
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("none", "note", "warning", "error")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "a.yaml"
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1


def test_junit_format(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", AMBIGUOUS)
    write(tmp_path / "b.yaml", "a: 1\n")
    out = run("check", "--output-format", "junit", ".", cwd=tmp_path).stdout
    root = ET.fromstring(out.encode())
    assert root.tag == "testsuites"
    assert root.get("failures") == "2"
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"a.yaml", "b.yaml"}
    failures = [case.find("failure") for case in suites["a.yaml"].iter("testcase")]
    assert [f.get("type") for f in failures if f is not None] == ["KY101", "KY102"]
    assert [case.find("failure") for case in suites["b.yaml"].iter("testcase")] == [None]


def test_statistics(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "a: NO\nb: yes\nc: 0644\n")
    result = run("check", "--statistics", "a.yaml", cwd=tmp_path)
    assert result.code == 1
    assert result.stdout.splitlines() == ["2\tKY101\t[*] yaml11-boolean", "1\tKY102\t[*] octal"]
    rows = json.loads(
        run("check", "--statistics", "--output-format", "json", "a.yaml", cwd=tmp_path).stdout
    )
    assert [(row["code"], row["count"]) for row in rows] == [("KY101", 2), ("KY102", 1)]


def test_rule_command_and_help() -> None:
    result = run("rule", "KY101")
    assert result.code == 0
    assert result.stdout.startswith("# KY101: yaml11-boolean\n")
    assert RULES["KY101"].explanation in result.stdout
    assert run("rule", "KY999").code == 2
    listing = run("rule").stdout
    assert [line.split()[0] for line in listing.splitlines()] == list(RULES)
    help_text = run("check", "--help").stdout
    for code in RULES:
        assert code in help_text


def test_fmt_keeps_a_document_turned_off(tmp_path: Path) -> None:
    text = "a: 1\n# kyaml: off\n---\nb:   [1,2]\n"
    path = write(tmp_path / "a.yaml", text)
    result = run("fmt", "a.yaml", cwd=tmp_path)
    assert result.code == 0
    assert "a.yaml:2:1: warning: document left as written" in result.err
    assert path.read_text() == "---\n{\n  a: 1,\n}\n# kyaml: off\n---\nb:   [1,2]\n"
    assert run("fmt", "--check", "a.yaml", cwd=tmp_path).code == 0


def test_readme_example_is_what_the_command_prints(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ kyaml check --output-format concise deploy.yaml\n", 1)[1]
    shown = block.split("$ ", 1)[0]
    write(tmp_path / "deploy.yaml", AMBIGUOUS)
    result = run("check", "--output-format", "concise", "deploy.yaml", cwd=tmp_path)
    assert result.stdout == shown


def test_force_exclude_leaves_stdin_out(tmp_path: Path) -> None:
    write(tmp_path / "kyaml.toml", 'extend-exclude = ["skip/"]\n')
    args = ("check", "--force-exclude", "--output-format", "concise", "--stdin-filename")
    left = run(*args, "skip/a.yaml", "-", stdin="a: NO\n", cwd=tmp_path)
    assert (left.code, left.stdout) == (0, "")
    kept = run(*args, "keep/a.yaml", "-", stdin="a: NO\n", cwd=tmp_path)
    assert kept.code == 1
    assert "KY101" in kept.stdout


@pytest.mark.parametrize("breaks", ["\r", "\u2028", "\x85"])
def test_no_fix_where_lines_break_otherwise(tmp_path: Path, breaks: str) -> None:
    text = f'a: "x{breaks}y"\nb: 0644\n'  # in a string: both parsers read it
    path = write(tmp_path / "a.yaml", text)
    result = run("check", "--fix", "--output-format", "concise", "a.yaml", cwd=tmp_path)
    assert result.code == 1
    assert "KY102" in result.stdout
    assert "[*]" not in result.stdout
    assert path.read_bytes().decode("utf-8") == text


def test_fixing_stdin_writes_only_the_fixed_text(tmp_path: Path) -> None:
    text = "a: NO\nb: 123456789012345678901234567890\n"
    fixed = 'a: "NO"\nb: 123456789012345678901234567890\n'
    for extra in (("--output-format", "json"), ("--statistics",), ()):
        result = run("check", "--fix", *extra, "--stdin-filename", "x.yaml", stdin=text)
        assert result.stdout == fixed
        assert "KY201" in result.err
        assert result.code == 1


def test_fixing_a_kyaml_file_keeps_a_document_turned_off(tmp_path: Path) -> None:
    text = "---\n{\n  a: 1,\n}\n# kyaml: off\n---\nb:   [1,2]\nc: NO\n"
    path = write(tmp_path / "a.kyaml", text.replace("a: 1,", "a: 1"))
    result = run("check", "--fix", "a.kyaml", cwd=tmp_path)
    assert result.code == 0, result.stdout
    assert path.read_text() == text


def test_suppression_needs_a_real_comment(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", 'msg: "see # kyaml: off"\nb: "# kyaml: ignore"\ncountry: NO\n')
    out = run("check", "--output-format", "concise", "a.yaml", cwd=tmp_path).stdout
    assert [f[1:] for f in findings(out)] == [(3, 10, "KY101")]


@pytest.mark.parametrize(
    ("comment", "lines"),
    [
        ("# kyaml: ignore [KY102]", [(1, "KY101")]),
        ("# kyaml: ignore[]", [(1, "KY101"), (1, "KY102")]),
        ("# kyaml: ignore-all", [(1, "KY101"), (1, "KY102")]),
        ("# kyaml: ignore[KY102] # kyaml: ignore[KY101]", []),
    ],
)
def test_suppression_syntax(tmp_path: Path, comment: str, lines: list[tuple[int, str]]) -> None:
    write(tmp_path / "a.yaml", f"a: [NO, 0644]  {comment}\n")
    out = run("check", "--output-format", "concise", "a.yaml", cwd=tmp_path).stdout
    assert [(f[1], f[3]) for f in findings(out)] == lines


def test_stdin_reads_the_configuration_here(tmp_path: Path) -> None:
    write(tmp_path / "kyaml.toml", 'select = ["KY102"]\n')
    result = run("check", "-", stdin="a: NO\n", cwd=tmp_path)
    assert (result.code, result.stdout) == (0, "")


def test_a_file_not_written_keeps_its_findings(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "a: NO\n")
    os.link(path, tmp_path / "b.yaml")  # two links: a rename would break them, so no write
    result = run("check", "--fix", "--output-format", "concise", "a.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "has 2 links" in result.err
    assert [f[3] for f in findings(result.stdout)] == ["KY101"]
    assert path.read_text() == "a: NO\n"


def test_mixed_line_endings_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", "a: NO\r\nb: 1\nc: 2\r\n")
    assert run("check", "--fix", "a.yaml", cwd=tmp_path).code == 0
    assert path.read_bytes() == b'a: "NO"\r\nb: 1\nc: 2\r\n'


def test_sarif_uri_is_encoded(tmp_path: Path) -> None:
    write(tmp_path / "x y.yaml", "a: NO\n")
    log = json.loads(run("check", "--output-format", "sarif", ".", cwd=tmp_path).stdout)
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "x%20y.yaml"
    assert log["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_turned_on_without_a_space_counts(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "# kyaml: off\na: NO\n# kyaml:on\nc: NO\n")
    out = run("check", "--output-format", "concise", "a.yaml", cwd=tmp_path).stdout
    assert [f[1] for f in findings(out)] == [4]


def test_a_missing_path_is_no_pass(tmp_path: Path) -> None:
    result = run("check", "missing.yaml", cwd=tmp_path)
    assert result.code == 2
    assert "all checks passed" not in result.err
