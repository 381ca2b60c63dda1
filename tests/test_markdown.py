"""``kyaml fmt`` on Markdown: the ``kyaml`` blocks formatted in place, everything else byte for
byte, errors at the Markdown file's lines, idempotent; ``yaml`` blocks converted when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

import kyaml
from kyaml.markdown import format_markdown
from tests.test_cli import run, write

DOC = """\
# Deploying

Some text with `kyaml` in it, and a list:

- one

```kyaml
a:   1
b: NO   # a comment
```

A block labelled yaml stays as it is unless asked:

```yaml
c:   1
```

An unlabelled one is left alone:

```
d:   [1,2]
```

~~~~kyaml title="indented"
e: {f: 1}
~~~~

   ```kyaml
   g: [1, 2]
   ```

Trailing text.
"""


def test_blocks_are_formatted_and_the_rest_is_kept() -> None:
    out = format_markdown(DOC)
    assert out == (
        DOC.replace(
            "a:   1\nb: NO   # a comment\n", kyaml.format_str("a:   1\nb: NO   # a comment\n")
        )
        .replace("e: {f: 1}\n", kyaml.format_str("e: {f: 1}\n"))
        .replace(
            "   g: [1, 2]\n",
            "".join("   " + line + "\n" for line in kyaml.format_str("g: [1, 2]\n").splitlines()),
        )
    )
    assert "c:   1\n" in out
    assert "d:   [1,2]\n" in out
    assert format_markdown(out) == out


def test_yaml_blocks_are_converted_when_asked() -> None:
    out = format_markdown(DOC, convert_yaml=True)
    assert "```kyaml\n" + kyaml.format_str("c:   1\n") + "```\n" in out
    assert "```yaml" not in out
    assert format_markdown(out, convert_yaml=True) == out


def test_an_error_points_into_the_markdown_file(tmp_path: Path) -> None:
    text = "# Title\n\n```kyaml\nok: 1\n```\n\n```kyaml\na: 1\na: 2\n```\n"
    path = write(tmp_path / "doc.md", text)
    result = run("fmt", str(path))
    assert result.code == 2
    assert f"{path}:9:1: error: duplicate key" in result.err
    assert path.read_text() == text  # nothing written
    with pytest.raises(kyaml.KyamlError) as caught:
        format_markdown(text)
    assert (caught.value.line, caught.value.col) == (9, 1)


def test_diagnostics_point_into_the_markdown_file(tmp_path: Path) -> None:
    path = write(tmp_path / "doc.md", DOC)
    result = run("fmt", "--check", str(path))
    assert result.code == 1
    assert f"{path}:9:4: warning: NO:" in result.err  # `b: NO` is line 9 of the file


def test_the_command_check_diff_and_idempotence(tmp_path: Path) -> None:
    path = write(tmp_path / "doc.md", DOC)
    assert run("fmt", "--diff", str(path)).code == 1
    assert path.read_text() == DOC
    assert run("fmt", str(path)).code == 0
    assert path.read_text() == format_markdown(DOC)
    assert run("fmt", "--check", str(path)).code == 0
    yaml_too = run("fmt", "--markdown-yaml", str(path))
    assert yaml_too.code == 0
    assert path.read_text() == format_markdown(DOC, convert_yaml=True)
    stdin = run("fmt", "--stdin-filename", "doc.md", "-", stdin=DOC)
    assert stdin.stdout == format_markdown(DOC)


def test_a_folder_walk_picks_up_markdown_only_when_configured(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    doc = write(tmp_path / "docs" / "doc.md", DOC)
    run("fmt", ".", cwd=tmp_path)
    assert doc.read_text() == DOC
    write(tmp_path / "kyaml.toml", "markdown = true\n")
    assert run("fmt", ".", cwd=tmp_path).code == 0
    assert doc.read_text() == format_markdown(DOC)


def test_fences_in_list_items() -> None:
    text = "- ```kyaml\n  a:   1\n  ```\n\n```kyaml\nb:   2\n```\n"
    out = format_markdown(text)
    indented = "".join("  " + line + "\n" for line in kyaml.format_str("a:   1\n").splitlines())
    assert (
        out
        == "- ```kyaml\n"
        + indented
        + "  ```\n\n```kyaml\n"
        + kyaml.format_str("b:   2\n")
        + "```\n"
    )
    assert format_markdown(out) == out
