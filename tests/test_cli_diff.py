"""``kyaml diff A B``: the same data in any style is equal; each difference by path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kyaml
from kyaml.compare import ABSENT, Difference, differences
from tests.test_cli import MANIFEST, run, write

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # the name
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
"""


@pytest.mark.parametrize("other", ["kyaml", "json", "reordered"])
def test_the_same_data_in_another_style_is_equal(tmp_path: Path, other: str) -> None:
    a = write(tmp_path / "a.yaml", DEPLOYMENT)
    data = kyaml.loads(DEPLOYMENT)
    text = {
        "kyaml": kyaml.format_str(DEPLOYMENT),
        "json": json.dumps(data),
        "reordered": json.dumps(dict(reversed(list(data.items())))),  # a map's order is free
    }[other]
    b = write(tmp_path / f"b.{other}", text)
    result = run("diff", str(a), str(b))
    assert (result.code, result.stdout) == (0, "")


def test_a_changed_scalar_is_named_by_its_path(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", DEPLOYMENT + "---\n" + MANIFEST)
    b = write(
        tmp_path / "b.kyaml",
        kyaml.format_str(a.read_text().replace("image: nginx", "image: nginx:1.27")),
    )
    result = run("diff", str(a), str(b))
    assert result.code == 1
    assert result.stdout == '[0].spec.template.spec.containers[0].image: "nginx" → "nginx:1.27"\n'


def test_a_reordered_list_and_a_type_change_differ(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "ports: [80, 443]\nreplicas: 1\n")
    b = write(tmp_path / "b.yaml", "ports: [443, 80]\nreplicas: '1'\nextra: true\n")
    result = run("diff", "--output-format", "json", str(a), str(b))
    assert result.code == 1
    assert json.loads(result.stdout) == [
        {"path": "[0].ports[0]", "a": 80, "b": 443},
        {"path": "[0].ports[1]", "a": 443, "b": 80},
        {"path": "[0].replicas", "a": 1, "b": "1"},
        {"path": "[0].extra", "a": None, "b": True, "only": "b"},
    ]


def test_the_schema_decides(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "enabled: yes\n")
    b = write(tmp_path / "b.yaml", 'enabled: "yes"\n')
    assert run("diff", str(a), str(b)).code == 0  # the reference reads a string
    under_11 = run("diff", "--schema", "1.1", str(a), str(b))
    assert (under_11.code, under_11.stdout) == (1, '[0].enabled: true → "yes"\n')


def test_documents_and_keys_that_one_side_lacks() -> None:
    assert differences("a: 1\n---\nb: 2\n", "a: 1\n") == [Difference("[1]", {"b": 2}, ABSENT)]
    assert [d.text() for d in differences('"x.y": 1\n', "{}\n")] == ['[0]["x.y"]: 1 → (absent)']
    assert differences("a: .nan\n", "a: .NaN\n") == []
    assert [d.text() for d in differences("a: true\n", "a: 1\n")] == ["[0].a: true → 1"]


def test_bad_input_is_an_error(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "a: 1\n")
    b = write(tmp_path / "b.yaml", "a: [1\n")
    result = run("diff", str(a), str(b))
    assert result.code == 2
    assert result.stdout == ""
    assert result.err.startswith(f"{b}:2:1: error: ")
    stdin = run("diff", str(a), "-", stdin="a: 2\n")
    assert (stdin.code, stdin.stdout) == (1, "[0].a: 1 → 2\n")
    assert run("diff", str(a), str(tmp_path / "missing.yaml")).code == 2


def test_json_output_is_strict_json(tmp_path: Path) -> None:
    a = write(tmp_path / "a.yaml", "a: .nan\nb: [.inf]\n")
    b = write(tmp_path / "b.yaml", "a: 1\nb: [-.inf]\n")
    result = run("diff", "--output-format", "json", str(a), str(b))
    assert result.code == 1
    rows = json.loads(result.stdout, parse_constant=pytest.fail)
    assert rows == [
        {"path": "[0].a", "a": ".nan", "b": 1},
        {"path": "[0].b[0]", "a": ".inf", "b": "-.inf"},
    ]
