"""Files that look like YAML but are not: Go/Helm and Jinja templates, tab-indented blocks.

Each is refused with an error that says why, at the template tag or the tab (SPEC §2.7), with
both parsers; a template inside a string is just a string, and tab-indented JSON is valid. The
command formats the good files of a batch and refuses the bad ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kyaml import KyamlError, format_str, loads
from tests._oracles import binding_built
from tests.test_cli import MANIFEST, formatted, run, write

TAB = "a tab indents this line, and tabs cannot indent YAML: indent with spaces"
NOT_YAML = "which is not YAML; template files cannot be formatted"
GO = "a Go/Helm template (`{{ … }}`)"


@pytest.fixture(params=["c", "pure"], autouse=True)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with libyaml's C parser and with the pure-Python one: the ``parser``
    option of the library, and ``KYAML_PURE`` for the command."""
    name: str = request.param
    if name == "c" and not binding_built():
        pytest.skip("kyaml's libyaml binding is not built")
    monkeypatch.setenv("KYAML_PURE", "1" if name == "pure" else "0")
    return "pure" if name == "pure" else "auto"


def refused(text: str, parser: str) -> KyamlError:
    with pytest.raises(KyamlError) as caught:
        format_str(text, parser=parser)
    assert caught.value.__cause__ is None
    return caught.value


HELM_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
"""


@pytest.mark.parametrize(
    ("text", "line", "column", "tag"),
    [
        ("{{- if .Values.enabled }}\nkind: A\n{{- end }}\n", 1, 1, "{{- if .Values.enabled }}"),
        ("replicas: {{ .Values.replicas }}\n", 1, 11, "{{ .Values.replicas }}"),
        ("metadata:\n  name: {{ .Release.Name }}-config\n", 2, 9, "{{ .Release.Name }}"),
        ("spec:\n  {{- toYaml .spec | nindent 2 }}\n", 2, 3, "{{- toYaml .spec | nindent 2 }}"),
        ("args:\n  - {{ .Values.arg }}\n", 2, 5, "{{ .Values.arg }}"),
        ("ports: [{{ .Values.port }}]\n", 1, 9, "{{ .Values.port }}"),
        ("a: {x: {{ .Values.x }}}\n", 1, 8, "{{ .Values.x }}"),
        ("{{ .Values.key }}: value\n", 1, 1, "{{ .Values.key }}"),
        (HELM_DEPLOYMENT, 4, 9, '{{ include "app.fullname" . }}'),
        ("a: 1\n---\nb: {{ .b }}\n", 3, 4, "{{ .b }}"),
    ],
)  # fmt: skip
def test_helm_templates_are_refused_at_the_template(
    text: str, line: int, column: int, tag: str, parser: str
) -> None:
    err = refused(text, parser=parser)
    assert err.message == f"`{tag}` looks like {GO}, {NOT_YAML}"
    assert (err.line, err.column) == (line, column)


def test_a_long_tag_is_shortened_in_the_message(parser: str) -> None:
    tag = "{{ " + ".Values.x" * 20 + " }}"
    err = refused(f"a: {tag}\n", parser=parser)
    shown = err.message.split("`")[1]
    assert len(shown) == 40
    assert shown.endswith("…")
    assert tag.startswith(shown[:-1])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('image: "{{ .Values.image }}"\n', '"{{ .Values.image }}"'),
        ("image: '{{ .Values.image }}'\n", '"{{ .Values.image }}"'),
        ("image: repo:{{ .Values.tag }}\n", '"repo:{{ .Values.tag }}"'),
        ("cmd: echo {{ .Values.x }} done\n", '"echo {{ .Values.x }} done"'),
        ("summary: x{{ $labels.instance }}\n", '"x{{ $labels.instance }}"'),
        ("tpl: |\n  {{ .Values.x }}\n  {{- if .y }}\n", "{{ .Values.x }}\\n\\\n"),
        ("tpl: >-\n  {{ .Values.x }}\n", '"{{ .Values.x }}"'),
        ("# {{ .Values.x }}\na: 1  # {{ .y }}\n", "# {{ .Values.x }}"),
        ('args: ["{{ .a }}", "{% b %}", "{# c #}"]\n', '"{# c #}"'),
    ],
)
def test_a_template_inside_a_string_or_comment_is_formatted(
    text: str, kept: str, parser: str
) -> None:
    out = format_str(text, parser=parser)
    assert kept in out
    assert loads(out, parser=parser) == loads(text, parser=parser)
    assert format_str(out, parser=parser) == out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("t: |\n  {{ .x }}\na: 1\na: 2\n", 'duplicate key "a" (first at line 3, column 1)'),
        ("# {{ .x }}\na: 1\na: 2\n", 'duplicate key "a" (first at line 2, column 1)'),
        ("{{a: b}: c}\n", "a mapping or a sequence used as a mapping key"),
        ("a: '{{ .x }}'\nb: [1\n", None),  # the parser's own message (they differ)
        ('a: "{{ .x }}\n', None),
    ],
)
def test_other_errors_are_not_blamed_on_templates(
    text: str, message: str | None, parser: str
) -> None:
    """A tag in a string or comment, or braces that are no template, leave the error as it
    was."""
    err = refused(text, parser=parser)
    assert "template" not in err.message
    if message is not None:
        assert message in err.message


@pytest.mark.parametrize(
    ("text", "line", "column", "tag", "kind"),
    [
        (
            "{% if x %}\na: {{ var }}\n{# comment #}\n{% endif %}\n",
            1,
            1,
            "{% if x %}",
            "a Jinja template (`{% … %}`)",
        ),
        ("a: 1\n{# comment #}\nb: 2\n", 2, 1, "{# comment #}", "a Jinja template (`{# … #}`)"),
        (
            "a: {{ var }}\n{% set x = 1 %}\n",
            1,
            4,
            "{{ var }}",
            "a Jinja template (`{{ … }}`)",
        ),
        (
            "# inventory\n{% for host in hosts %}\n- name: {{ host.name }}\n{% endfor %}\n",
            2,
            1,
            "{% for host in hosts %}",
            "a Jinja template (`{% … %}`)",
        ),
        ("- {%- raw %}\n", 1, 3, "{%- raw %}", "a Jinja template (`{% … %}`)"),
    ],
)
def test_jinja_templates_are_refused_at_the_template(
    text: str, line: int, column: int, tag: str, kind: str, *, parser: str
) -> None:
    err = refused(text, parser=parser)
    assert err.message == f"`{tag}` looks like {kind}, {NOT_YAML}"
    assert (err.line, err.column) == (line, column)


def test_the_error_spans_the_template_or_the_tab(parser: str) -> None:
    """The end of what is refused is known: just after the template's closing braces, or
    after the tab; in the second document of a stream, in the stream's lines."""
    err = refused("a: 1\n---\nb: x\nc: {{ .Values.x }}\n", parser=parser)
    assert (err.line, err.col, err.end_line, err.end_col) == (4, 4, 4, 19)
    err = refused("a:\n  b: 1\n \tc: 2\n", parser=parser)
    assert (err.line, err.col, err.end_line, err.end_col) == (3, 2, 3, 3)


# --- tabs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a:\n\tb: 1\n", 2, 1),
        ("a:\n\t\tb: 1\n", 2, 1),
        ("a:\n  b: 1\n\tc: 2\n", 3, 1),
        ("a:\n  \tb: 1\n", 2, 3),
        ("a:\n \t b: 1\n", 2, 2),
        ("a:\n\t- 1\n", 2, 1),
        ("- a\n\t- b\n", 2, 1),
        ("a: |\n\tx\n", 2, 1),
        ("a: |\n  x\n\ty\n", 3, 1),
        ("\tk: v\n", 1, 1),
    ],
)
def test_tab_indentation_is_refused_at_the_tab(
    text: str, line: int, column: int, parser: str
) -> None:
    err = refused(text, parser=parser)
    assert err.message.startswith(TAB + " (")
    assert "tabs cannot indent YAML" in err.message
    assert (err.line, err.column) == (line, column)


TAB_JSON = '{\n\t"a": [\n\t\t1,\n\t\t"x"\n\t],\n\t"b": {\n\t\t"c": true\n\t}\n}\n'


def test_tab_indented_json_is_formatted(parser: str) -> None:
    assert format_str(TAB_JSON, parser=parser) == format_str(
        TAB_JSON.replace("\t", "  "), parser=parser
    )
    assert loads(TAB_JSON, parser=parser) == {"a": [1, "x"], "b": {"c": True}}


@pytest.mark.parametrize(
    "text",
    [
        '{\n\t"a": 1\n\t"b": 2\n}\n',  # a missing comma
        '{\n\t"a": 1,\n\t"a": 2\n}\n',  # a duplicate key
        "a: [\n\t1,\n\t2\n",  # an unclosed bracket
        "a: 'x'\nb: [\n\t1,\n\t2,\n\t{c: d: e}\n]\n",
    ],
)
def test_errors_inside_tab_indented_flow_are_not_blamed_on_tabs(text: str, parser: str) -> None:
    err = refused(text, parser=parser)
    assert "tab" not in err.message


# --- the cost, and the command -------------------------------------------------------------------


def test_well_formed_input_never_loads_the_explanations() -> None:
    """The explanations run only on failure: formatting good input, templates in strings and
    tab-indented JSON included, does not even import them."""
    good = 'image: "{{ .Values.image }}"\ncmd: x{{ .y }}\n'
    script = (
        "import sys\n"
        "from kyaml import format_str\n"
        f"format_str({good!r})\n"
        f"format_str({TAB_JSON!r})\n"
        "print('kyaml._reader.templates' in sys.modules)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert (proc.returncode, proc.stdout) == (0, "False\n"), proc.stderr


def test_several_files_the_bad_ones_fail_and_the_others_are_formatted(
    tmp_path: Path, parser: str
) -> None:
    files = {
        "good.yaml": MANIFEST,
        "helm.yaml": HELM_DEPLOYMENT,
        "jinja.yaml": "{% if x %}\na: {{ var }}\n{% endif %}\n",
        "tabs.yaml": "a:\n\tb: 1\n",
        "quoted.yaml": 'image: "{{ .Values.image }}"\n',
        "tab-json.yaml": TAB_JSON,
    }
    paths = {name: write(tmp_path / name, text) for name, text in files.items()}
    result = run("fmt", *(str(paths[name]) for name in files))  # KYAML_PURE is inherited
    assert result.code == 2
    assert f"{paths['helm.yaml']}:4:9: error: `{{{{ include" in result.err
    assert f"{paths['jinja.yaml']}:1:1: error: `{{% if x %}}` looks like a Jinja template" in (
        result.err
    )
    assert f"{paths['tabs.yaml']}:2:1: error: {TAB}" in result.err
    for name in ("helm.yaml", "jinja.yaml", "tabs.yaml"):
        assert paths[name].read_text() == files[name]
    for name in ("good.yaml", "quoted.yaml", "tab-json.yaml"):
        assert paths[name].read_text() == formatted(files[name])
    assert result.err.splitlines()[-1] == "3 files reformatted, 3 files failed to reformat"
    assert sorted(os.listdir(tmp_path)) == sorted(files)


def test_a_template_on_stdin_writes_nothing() -> None:
    result = run("fmt", "--stdin-filename", "chart/deploy.yaml", "-", stdin=HELM_DEPLOYMENT)
    assert (result.code, result.out) == (2, b"")
    assert result.err.startswith("chart/deploy.yaml:4:9: error: `{{ include")
