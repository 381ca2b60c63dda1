"""``dumps`` of Python objects: dataclasses, enum members, pydantic v2 models and Kubernetes
client models are written as the data they hold, without a ``default=``; ``sort_keys``."""

from __future__ import annotations

import dataclasses
import enum
import subprocess
import sys

import pydantic
import pytest

import kyaml


class Color(enum.Enum):
    RED = 1
    BLUE = "blue"


class Mode(str, enum.Enum):
    FAST = "fast"


@dataclasses.dataclass
class Port:
    name: str
    port: int
    mode: Mode = Mode.FAST
    note: str | None = None


@dataclasses.dataclass
class Service:
    name: str
    ports: list[Port]


def test_dataclasses() -> None:
    service = Service("web", [Port("http", 80), Port("https", 443, note="tls")])
    assert kyaml.dumps(service, compact=True) == (
        '---\n{name: "web", ports: [{name: "http", port: 80, mode: "fast", note: null},'
        ' {name: "https", port: 443, mode: "fast", note: "tls"}]}\n'
    )
    assert kyaml.loads(kyaml.dumps(service)) == dataclasses.asdict(service) | {
        "ports": [
            {"name": "http", "port": 80, "mode": "fast", "note": None},
            {"name": "https", "port": 443, "mode": "fast", "note": "tls"},
        ]
    }


def test_enum_members_are_their_values() -> None:
    data = {"a": Color.RED, "b": Color.BLUE, "c": Mode.FAST, Color.RED: "key"}
    assert kyaml.dumps(data, compact=True) == '---\n{a: 1, b: "blue", c: "fast", "1": "key"}\n'


class Metadata(pydantic.BaseModel):
    name: str
    labels: dict[str, str] = pydantic.Field(default_factory=dict)


class ConfigMap(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(populate_by_name=True)
    api_version: str = pydantic.Field(default="v1", alias="apiVersion")
    kind: str = "ConfigMap"
    metadata: Metadata
    data: dict[str, str]


def test_pydantic_models_with_aliases() -> None:
    model = ConfigMap(metadata=Metadata(name="demo", labels={"app": "x"}), data={"on": "yes"})
    assert kyaml.dumps(model, compact=True) == (
        '---\n{apiVersion: "v1", kind: "ConfigMap", metadata: {name: "demo", labels: {app: "x"}},'
        ' data: {"on": "yes"}}\n'
    )


def test_kubernetes_client_models() -> None:
    client = pytest.importorskip("kubernetes.client")
    deployment = client.V1Deployment(
        api_version="apps/v1",
        kind="Deployment",
        metadata=client.V1ObjectMeta(name="web", labels={"app": "web"}),
        spec=client.V1DeploymentSpec(
            replicas=2,
            selector=client.V1LabelSelector(match_labels={"app": "web"}),
            template=client.V1PodTemplateSpec(
                spec=client.V1PodSpec(
                    containers=[client.V1Container(name="web", image="nginx:1.27")]
                )
            ),
        ),
    )
    text = kyaml.dumps(deployment)
    assert kyaml.loads(text) == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "labels": {"app": "web"}},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}},
        },
    }
    assert "null" not in text


def test_sort_keys() -> None:
    data = {"spec": {"b": 1, "a": 2}, "status": {}, "kind": "x", "zeta": 1, "apiVersion": "v1"}
    assert kyaml.dumps(data, sort_keys=True, compact=True) == (
        '---\n{apiVersion: "v1", kind: "x", spec: {a: 2, b: 1}, status: {}, zeta: 1}\n'
    )
    assert kyaml.dumps(data, sort_keys="kubernetes", compact=True) == (
        '---\n{apiVersion: "v1", kind: "x", spec: {b: 1, a: 2}, status: {}, zeta: 1}\n'
    )
    assert kyaml.dumps(data, compact=True).startswith("---\n{spec:")
    with pytest.raises(ValueError, match="sort_keys"):
        kyaml.dumps(data, sort_keys="alphabetical")


def test_no_package_is_imported_for_plain_data() -> None:
    code = (
        "import sys, kyaml; kyaml.dumps({'a': [1, {'b': None}]}); "
        "print(sorted(m for m in ('pydantic', 'kubernetes') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, timeout=60
    ).stdout
    assert out.decode().strip() == "[]"


def test_sort_keys_takes_only_its_values() -> None:
    with pytest.raises(ValueError, match="sort_keys"):
        kyaml.dumps({"b": 1}, sort_keys=1)  # type: ignore[arg-type]
