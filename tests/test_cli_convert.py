"""The installed ``kyaml convert``: to KYAML, block YAML and JSON, from a file or stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import ERROR_LINE, MANIFEST, formatted, run, write


def _expected(target: str, text: str) -> str:
    from kyaml import _api as _convert

    if target == "kyaml":
        return formatted(text)
    convert = _convert.to_yaml if target == "yaml" else _convert.to_json
    return convert(text)


@pytest.mark.parametrize("target", ["kyaml", "yaml", "json"])
def test_convert_stdin(target: str) -> None:
    result = run("convert", "--to", target, stdin=MANIFEST)
    assert result.code == 0, result.err
    assert result.stdout == _expected(target, MANIFEST)


@pytest.mark.parametrize("target", ["kyaml", "yaml", "json"])
def test_convert_file_leaves_it_alone(tmp_path: Path, target: str) -> None:
    path = write(tmp_path / "app.yaml", MANIFEST.replace("\n", "\r\n"))
    result = run("convert", "--to", target, str(path))
    assert result.code == 0, result.err
    assert result.stdout == _expected(target, MANIFEST)  # new text: plain \n line endings
    assert path.read_bytes() == MANIFEST.replace("\n", "\r\n").encode()


def test_convert_json_is_json() -> None:
    result = run("convert", "--to", "json", "-", stdin=MANIFEST)
    assert json.loads(result.stdout)["data"] == {"port": "8080", "mode": "fast"}
    # JSON has no comments: saying so is an info diagnostic, shown only when asked for.
    assert "warning" not in result.err


def test_convert_json_file_to_kyaml(tmp_path: Path) -> None:
    path = write(tmp_path / "data.json", '{"a": [1, 2], "b": "no"}\n')
    result = run("convert", "--to", "kyaml", "--compact", str(path))
    assert result.code == 0, result.err
    assert result.stdout == formatted('{"a": [1, 2], "b": "no"}\n', compact=True)


def test_convert_ignores_the_opt_out_comment() -> None:
    text = "# kyaml: off\na: 1\n"
    assert run("convert", "--to", "kyaml", stdin=text).stdout == formatted(text)


def test_convert_errors(tmp_path: Path) -> None:
    bad = run("convert", "--to", "json", "--", "-", stdin="a: .inf\n")
    assert bad.code == 2
    assert bad.out == b""
    assert ERROR_LINE.search(bad.err)
    missing = run("convert", "--to", "yaml", str(tmp_path / "nope.yaml"))
    assert missing.code == 2
    assert "nope.yaml" in missing.err
    usage = run("convert", "--to", "yaml", "--compact", stdin=MANIFEST)
    assert usage.code == 2
    assert "--compact applies only to --to kyaml" in usage.err
    no_target = run("convert", stdin=MANIFEST)
    assert no_target.code == 2
    assert "--to" in no_target.err
