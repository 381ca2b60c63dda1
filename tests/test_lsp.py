"""``kyaml lsp`` driven over stdio by a real client (:mod:`tests.lsp_client`): diagnostics with
codes and ranges, formatting with the file's configuration, range formatting, quick fixes, fix
all, conversions, hover, a broken document, exclusions, settings from the editor, and a clean
shutdown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kyaml
from kyaml.rules import RULES
from tests.lsp_client import LspClient, apply_edits
from tests.test_cli import kyaml_command, write

pytest.importorskip("pygls", reason="kyaml lsp needs the lsp extra: pip install '.[lsp]'")

NORWAY = "country: NO\nmode: 0644\n"
OPTIONS = {"tabSize": 2, "insertSpaces": True}  # what every formatting request carries


@pytest.fixture
def client(tmp_path: Path) -> Iterator[LspClient]:
    (tmp_path / ".git").mkdir()  # the project's root: configuration is not looked for above
    running = LspClient([*kyaml_command(), "lsp"], cwd=tmp_path)
    try:
        yield running
    finally:
        running.kill()


def start(client: LspClient, root: Path, options: dict[str, Any] | None = None) -> None:
    result = client.initialize(root, options)
    capabilities = result["capabilities"]
    assert capabilities["documentFormattingProvider"]
    assert capabilities["documentRangeFormattingProvider"]
    assert capabilities["hoverProvider"]
    assert capabilities["codeActionProvider"]


def diagnostics_of(client: LspClient, uri: str, timeout: float = 30) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = client.wait_for("textDocument/publishDiagnostics", uri, timeout)[
        "diagnostics"
    ]
    return found


def test_a_session(client: LspClient, tmp_path: Path) -> None:
    path = write(tmp_path / "deploy.yaml", NORWAY)
    start(client, tmp_path)
    uri = client.open(path, NORWAY)

    found = diagnostics_of(client, uri)
    assert [(d["code"], d["range"]) for d in found] == [
        ("KY101", {"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 11}}),
        ("KY102", {"start": {"line": 1, "character": 6}, "end": {"line": 1, "character": 10}}),
    ]
    assert [d["severity"] for d in found] == [2, 2]  # warnings
    assert found[0]["source"] == "kyaml"
    assert found[0]["codeDescription"]["href"] == RULES["KY101"].url

    edits = client.request(
        "textDocument/formatting",
        {"textDocument": {"uri": uri}, "options": OPTIONS},
    )
    assert apply_edits(NORWAY, edits) == kyaml.format_str(NORWAY)

    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": found[0]["range"],
            "context": {"diagnostics": [found[0]], "only": ["quickfix"]},
        },
    )
    (quick,) = actions
    assert quick["title"] == 'Quote as "NO"'
    assert apply_edits(NORWAY, quick["edit"]["changes"][uri]) == 'country: "NO"\nmode: 0644\n'

    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 10}},
    )
    text = hover["contents"]["value"]
    assert "KY101" in text
    assert 'YAML 1.1 (kubectl) reads false, YAML 1.2 reads the string "NO"' in text
    assert RULES["KY101"].summary in text
    nothing = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}},
    )
    assert nothing is None

    assert client.close() == 0


def test_formatting_follows_the_files_configuration(client: LspClient, tmp_path: Path) -> None:
    write(tmp_path / "kyaml.toml", 'blank-lines = "drop"\n')
    text = "a: 1\n\nb: 2\n"
    path = write(tmp_path / "x.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    edits = client.request(
        "textDocument/formatting", {"textDocument": {"uri": uri}, "options": OPTIONS}
    )
    assert apply_edits(text, edits) == kyaml.format_str(text, blank_lines="drop")
    assert kyaml.format_str(text, blank_lines="drop") != kyaml.format_str(text)
    assert client.close() == 0


def test_settings_from_the_editor(client: LspClient, tmp_path: Path) -> None:
    text = "a: 1\n\nb: 0x1F\n"
    path = write(tmp_path / "x.yaml", text)
    start(client, tmp_path, {"kyaml": {"blank-lines": "drop", "extend-select": ["KY203"]}})
    uri = client.open(path, text)
    assert [d["code"] for d in diagnostics_of(client, uri)] == ["KY203"]
    edits = client.request(
        "textDocument/formatting", {"textDocument": {"uri": uri}, "options": OPTIONS}
    )
    assert apply_edits(text, edits) == kyaml.format_str(text, blank_lines="drop")
    client.notify("workspace/didChangeConfiguration", {"settings": {"kyaml": {}}})
    assert diagnostics_of(client, uri) == []
    assert client.close() == 0


def test_a_broken_document_is_one_diagnostic(client: LspClient, tmp_path: Path) -> None:
    text = "a: [1, 2\nb: 3\n"
    path = write(tmp_path / "bad.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    (found,) = diagnostics_of(client, uri)
    assert found["code"] == "KY001"
    assert found["severity"] == 1
    assert found["range"]["start"]["line"] == 1
    assert (
        client.request(
            "textDocument/formatting", {"textDocument": {"uri": uri}, "options": OPTIONS}
        )
        is None
    )
    # the server goes on: a change that repairs it is checked again
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": "a: [1, 2]\nb: NO\n"}],
        },
    )
    assert [d["code"] for d in diagnostics_of(client, uri)] == ["KY101"]
    assert client.close() == 0


def test_fix_all_and_conversions(client: LspClient, tmp_path: Path) -> None:
    text = "# head\ncountry: NO   # norway\nmode: 0644\n"
    path = write(tmp_path / "x.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    diagnostics_of(client, uri)
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        },
    )
    by_kind = {a["kind"]: a for a in actions}
    assert set(by_kind) == {"source.fixAll.kyaml", "source.convert.kyaml", "source.convert.yaml"}
    fixed = apply_edits(text, by_kind["source.fixAll.kyaml"]["edit"]["changes"][uri])
    assert fixed == '# head\ncountry: "NO"   # norway\nmode: 420\n'
    converted = apply_edits(text, by_kind["source.convert.kyaml"]["edit"]["changes"][uri])
    assert converted == kyaml.format_str(text)
    assert "source.convert.yaml" in by_kind
    kyaml_text = kyaml.format_str(text)
    back = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        },
    )
    assert [a["kind"] for a in back] == ["source.fixAll.kyaml"]
    assert kyaml.to_yaml(kyaml_text)
    assert client.close() == 0


def test_range_formatting_touches_only_its_documents(client: LspClient, tmp_path: Path) -> None:
    text = "a:   1\n---\nb:   [1,2]\n---\nc:   3\n"
    path = write(tmp_path / "x.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    edits = client.request(
        "textDocument/rangeFormatting",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 3}},
            "options": OPTIONS,
        },
    )
    result = apply_edits(text, edits)
    assert result.startswith("a:   1\n")
    assert result.endswith("---\nc:   3\n")
    assert kyaml.format_str("---\nb:   [1,2]\n") in result
    assert client.close() == 0


def test_a_github_workflow_is_left_alone(client: LspClient, tmp_path: Path) -> None:
    text = "on:\n  push: {}\n"
    path = write(tmp_path / ".github" / "workflows" / "ci.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    assert diagnostics_of(client, uri) == []
    edits = client.request(
        "textDocument/formatting", {"textDocument": {"uri": uri}, "options": OPTIONS}
    )
    assert edits is None
    assert client.close() == 0


def test_a_kyaml_file_is_checked_for_its_form(client: LspClient, tmp_path: Path) -> None:
    text = "---\n{\n  a: b,\n}\n"
    path = write(tmp_path / "x.kyaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    assert [d["code"] for d in diagnostics_of(client, uri)] == ["KY403"]
    assert client.close() == 0


def test_positions_count_utf16_code_units(client: LspClient, tmp_path: Path) -> None:
    text = 'k: {"😀😀": 1, b: NO}\n'
    path = write(tmp_path / "x.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    (found,) = diagnostics_of(client, uri)
    assert found["range"]["start"] == {"line": 0, "character": 18}  # 😀 is two UTF-16 units
    assert client.close() == 0


def test_only_the_latest_version_is_published(client: LspClient, tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", "a: 1\n")
    start(client, tmp_path)
    uri = client.open(path, "a: 1\n")
    assert diagnostics_of(client, uri) == []
    for version, text in enumerate(["a: NO\n", "a: [1\n", "a: 0644\n"], start=2):
        client.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )
    published = client.wait_for("textDocument/publishDiagnostics", uri)
    assert published["version"] == 4
    assert [d["code"] for d in published["diagnostics"]] == ["KY102"]
    assert client.close() == 0


def test_a_huge_document_does_not_hold_up_a_small_one(client: LspClient, tmp_path: Path) -> None:
    small = write(tmp_path / "small.yaml", NORWAY)
    huge_text = "".join(f"key{i}: {{name: item-{i}, mode: 0644, on: yes}}\n" for i in range(60000))
    huge = write(tmp_path / "huge.yaml", huge_text)
    start(client, tmp_path)
    small_uri = client.open(small, NORWAY)
    diagnostics_of(client, small_uri)
    huge_uri = client.open(huge, huge_text)
    edits = client.request(
        "textDocument/formatting", {"textDocument": {"uri": small_uri}, "options": OPTIONS}
    )
    assert apply_edits(NORWAY, edits) == kyaml.format_str(NORWAY)
    assert client.notifications.empty()  # answered while the huge one is still being read
    assert len(diagnostics_of(client, huge_uri, timeout=300)) == 60000 * 3
    assert client.close() == 0


def test_bad_settings_are_logged_and_the_defaults_apply(client: LspClient, tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", NORWAY)
    start(client, tmp_path, {"schema": "2.0"})
    uri = client.open(path, NORWAY)
    assert [d["code"] for d in diagnostics_of(client, uri)] == ["KY101", "KY102"]
    assert any("kyaml settings" in line and "2.0" in line for line in client.log)
    assert client.close() == 0


def test_a_uri_with_escapes(client: LspClient, tmp_path: Path) -> None:
    path = write(tmp_path / "a b é.yaml", NORWAY)
    start(client, tmp_path)
    uri = client.open(path, NORWAY)
    assert "%20" in uri
    assert [d["code"] for d in diagnostics_of(client, uri)] == ["KY101", "KY102"]
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 10}},
    )
    assert "KY101" in hover["contents"]["value"]
    client.notify("workspace/didChangeConfiguration", {"settings": {"kyaml": {}}})
    assert [d["code"] for d in diagnostics_of(client, uri)] == ["KY101", "KY102"]
    assert client.close() == 0


def test_a_reopened_document_gets_no_old_findings(client: LspClient, tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", NORWAY)
    start(client, tmp_path)
    uri = client.open(path, NORWAY)
    assert [d["code"] for d in diagnostics_of(client, uri)] == ["KY101", "KY102"]
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert diagnostics_of(client, uri) == []  # cleared when it closes
    client.open(path, "a: 1\n")  # the same version number again
    published = client.wait_for("textDocument/publishDiagnostics", uri)
    assert (published["version"], published["diagnostics"]) == (1, [])
    hover = client.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}},
    )
    assert hover is None
    assert client.close() == 0


def test_exit_without_shutdown_is_exit_code_1(client: LspClient, tmp_path: Path) -> None:
    start(client, tmp_path)
    client.notify("exit")
    assert client.process.wait(timeout=30) == 1


def test_byte_order_mark_and_crlf_are_kept(client: LspClient, tmp_path: Path) -> None:
    text = "\ufeffa: NO\r\nb: 1\r\n"
    path = write(tmp_path / "x.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    (found,) = diagnostics_of(client, uri)
    assert found["range"]["start"] == {"line": 0, "character": 4}  # after the mark
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": found["range"],
            "context": {"diagnostics": [found], "only": ["quickfix"]},
        },
    )
    assert apply_edits(text, actions[0]["edit"]["changes"][uri]) == '\ufeffa: "NO"\r\nb: 1\r\n'
    edits = client.request(
        "textDocument/formatting", {"textDocument": {"uri": uri}, "options": OPTIONS}
    )
    expected = "\ufeff" + kyaml.format_str(text).replace("\n", "\r\n")
    assert apply_edits(text, edits) == expected
    assert client.close() == 0


def test_range_formatting_of_a_crlf_stream(client: LspClient, tmp_path: Path) -> None:
    text = "a: NO\r\n---\r\nb: NO\r\n"
    path = write(tmp_path / "x.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    edits = client.request(
        "textDocument/rangeFormatting",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
            "options": OPTIONS,
        },
    )
    result = apply_edits(text, edits)
    assert result == kyaml.format_str("a: NO\n").replace("\n", "\r\n") + "---\r\nb: NO\r\n"
    assert client.close() == 0


def test_editor_settings_are_checked(client: LspClient, tmp_path: Path) -> None:
    text = "on:\n  push: {}\n"
    path = write(tmp_path / ".github" / "workflows" / "ci.yaml", text)
    start(client, tmp_path, {"include_hidden": "false", "select": 5})
    uri = client.open(path, text)
    assert diagnostics_of(client, uri) == []  # the defaults: a hidden folder is left out
    assert any("include-hidden must be true or false" in line for line in client.log)
    assert client.close() == 0


def test_large_documents_get_whole_file_actions_only_when_asked(
    client: LspClient, tmp_path: Path
) -> None:
    text = "".join(f"key{i}: value {i}\n" for i in range(8000))  # past 64 KB
    path = write(tmp_path / "x.yaml", text)
    start(client, tmp_path)
    uri = client.open(path, text)
    diagnostics_of(client, uri)
    where = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    unasked = client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": where, "context": {"diagnostics": []}},
    )
    assert unasked == []
    asked = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": where,
            "context": {"diagnostics": [], "only": ["source.convert.kyaml"]},
        },
    )
    assert [a["kind"] for a in asked] == ["source.convert.kyaml"]
    assert client.close() == 0


def test_odd_requests_are_answered_without_a_fuss(client: LspClient, tmp_path: Path) -> None:
    path = write(tmp_path / "x.yaml", NORWAY)
    start(client, tmp_path)
    uri = client.open(path, NORWAY)
    (found, _) = diagnostics_of(client, uri)
    bad = {**found, "data": {"content": "x", "range": [1, 2]}}
    actions = client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": found["range"],
            "context": {"diagnostics": [bad], "only": ["quickfix"]},
        },
    )
    assert actions == []
    other = (tmp_path / "never-opened.yaml").as_uri()
    assert (
        client.request(
            "textDocument/formatting", {"textDocument": {"uri": other}, "options": OPTIONS}
        )
        is None
    )
    assert client.close() == 0
    shown = [m for m in list(client.notifications.queue) if m.get("method") == "window/showMessage"]
    assert shown == []
