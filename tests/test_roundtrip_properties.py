"""The safety contract (SPEC §2) as properties of ``format_str``, on the corpus and generated text.

For a YAML text ``t`` and its KYAML ``k = format_str(t)``:

(a) the data is unchanged: YAML 1.2 (ruamel.yaml) reads from ``k`` what kyaml reads from ``t``, and
    for generated text, what the generator meant;
(b) YAML 1.1 (PyYAML), YAML 1.2 and, when Node.js and its ``yaml`` package are installed, the
    JavaScript ``yaml`` package read ``k`` identically;
(c) every comment of ``t`` is in ``k``;
(d) ``format_str(k) == k``;
(e) ``format_str(to_yaml(k)) == k``.

The corpus is ``corpus/`` and, when present, ``../shared/corpus/external/`` (where
``test_corpus_external.py`` checks (a)-(d) and this module adds the JavaScript reader and (e));
generated text comes from :mod:`tests.strategies`. The JavaScript reader is
``tests/js_read.mjs``; it needs the npm package ``yaml`` in the ``node_modules`` folder named by
``KYAML_NODE_PATH``, or in one under the repository's ``.cache/`` (``npm install --prefix
.cache/node yaml@2``).
"""

from __future__ import annotations

import collections
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from ruamel.yaml.error import MarkedYAMLError

import kyaml
from tests._oracles import comments, read_yaml11, read_yaml12, same_data
from tests.conftest import SHARED
from tests.strategies import Stream, yaml_streams

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
EXTERNAL = SHARED / "corpus" / "external"
SUFFIXES = {".yaml", ".yml", ".json"}
JS_SCRIPT = Path(__file__).with_name("js_read.mjs")

# The generated-manifest property runs at least this many examples (more under a profile that
# asks for more, such as "long"; see tests/README.md).
GENERATED_EXAMPLES = max(500, settings().max_examples)


# ---------------------------------------------------------------------------------------------
# The JavaScript reader


def node_modules() -> Path | None:
    """The ``node_modules`` folder holding the npm package ``yaml``, or None."""
    candidates: list[Path] = []
    if os.environ.get("KYAML_NODE_PATH"):
        candidates.append(Path(os.environ["KYAML_NODE_PATH"]))
    cache_dir = REPO / ".cache"
    candidates += [cache_dir / "node_modules", *sorted(cache_dir.glob("*/node_modules"))]
    for folder in candidates:
        if (folder / "yaml" / "package.json").is_file():
            return folder
    return None


def _decode(value: Any) -> Any:
    """Python data from the typed JSON ``js_read.mjs`` writes."""
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if "i" in value:
            return int(value["i"])
        if "f" in value:
            return float(value["f"])
        if "m" in value:
            return {_decode(k): _decode(v) for k, v in value["m"]}
        raise AssertionError(f"the JavaScript reader: {value}")
    return value


class JsReader:
    """One long-running ``node js_read.mjs``, reading batches of YAML texts."""

    def __init__(self, modules: Path) -> None:
        node = shutil.which("node")
        assert node is not None
        self._process = subprocess.Popen(
            [node, str(JS_SCRIPT), str(modules)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def _pipes(self) -> tuple[IO[str], IO[str]]:
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None
        assert stdout is not None
        return stdin, stdout

    def read_all(self, texts: list[str]) -> list[list[Any] | str]:
        """For each text, its documents, or the reader's error message."""
        stdin, stdout = self._pipes()
        stdin.write(json.dumps(texts) + "\n")
        stdin.flush()
        line = stdout.readline()
        assert line, "the JavaScript reader stopped"
        results: list[list[Any] | str] = []
        for answer in json.loads(line):
            if "error" in answer:
                results.append(str(answer["error"]))
            else:
                results.append(_decode(answer["docs"]))
        return results

    def read(self, text: str) -> list[Any]:
        """The documents of one text; an error fails the test."""
        (result,) = self.read_all([text])
        assert not isinstance(result, str), f"the JavaScript yaml package refuses: {result}"
        return result

    def close(self) -> None:
        stdin, _ = self._pipes()
        stdin.close()
        self._process.wait(timeout=10)


def _js_unavailable() -> str | None:
    if shutil.which("node") is None:
        return "Node.js is not installed"
    if node_modules() is None:
        return (
            "the npm package yaml is not installed (set KYAML_NODE_PATH to a node_modules folder, "
            "or run: npm install --prefix .cache/node yaml@2)"
        )
    return None


@pytest.fixture(scope="session")
def js_reader() -> Iterator[JsReader | None]:
    """The JavaScript reader, or None when Node.js or its ``yaml`` package is missing."""
    modules = node_modules()
    if _js_unavailable() is not None or modules is None:
        yield None
        return
    reader = JsReader(modules)
    yield reader
    reader.close()


def test_javascript_reader_available(js_reader: JsReader | None) -> None:
    """Says, as a skip, when the JavaScript reader's checks below are left out."""
    reason = _js_unavailable()
    if reason is not None:
        pytest.skip(reason)
    assert js_reader is not None
    assert js_reader.read("---\n{a: [1, 1.0, .inf, 123456789012345678901], b: null}\n") == [
        {"a": [1, 1.0, float("inf"), 123456789012345678901], "b": None}
    ]


# ---------------------------------------------------------------------------------------------
# The properties


def _comments_of_input(text: str) -> collections.Counter[str]:
    """The comments of ``text``. ruamel.yaml's scanner refuses a tab at the end of a line (YAML
    allows it, and kyaml reads it); the comments are then those of the text without trailing
    whitespace, which neither adds nor removes a comment."""
    try:
        return comments(text)
    except MarkedYAMLError:
        return comments("\n".join(line.rstrip(" \t") for line in text.split("\n")))


def difference(a: Any, b: Any, path: str = "") -> str:
    """Where two data first differ (for messages), or ``""`` when they are the same data."""
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return f"at {path or '/'}: keys {sorted(a.keys() ^ b.keys())!r} in only one"
        return next((d for k in a if (d := difference(a[k], b[k], f"{path}/{k}"))), "")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return next((d for i, x in enumerate(a) if (d := difference(x, b[i], f"{path}/{i}"))), "")
    return "" if same_data(a, b) else f"at {path or '/'}: {a!r} ≠ {b!r}"


def check_contract(text: str, js: JsReader | None, intended: list[Any] | None = None) -> str:
    """Check properties (a)-(e) for ``text``; returns its KYAML."""
    data = kyaml.loads_all(text)
    if intended is not None:
        diff = difference(data, intended)
        assert not diff, f"kyaml reads other data than the text was made from, {diff}"
    out = kyaml.format_str(text)
    yaml12 = read_yaml12(out)
    diff = difference(yaml12, data)
    assert not diff, f"YAML 1.2 reads other data from the output than kyaml from the input, {diff}"
    diff = difference(read_yaml11(out), yaml12)
    assert not diff, f"YAML 1.1 and YAML 1.2 read the output differently, {diff}"
    if js is not None:
        diff = difference(js.read(out), yaml12)
        assert not diff, f"JavaScript's yaml and YAML 1.2 read the output differently, {diff}"
    missing = _comments_of_input(text) - comments(out)
    assert not missing, f"comments lost: {sorted(missing)}"
    assert kyaml.format_str(out) == out, "formatting the output again changes it"
    assert kyaml.format_str(kyaml.to_yaml(out)) == out, "KYAML → YAML → KYAML changes the KYAML"
    return out


def _corpus_files() -> list[Any]:
    params = [
        pytest.param(path, id=f"corpus/{path.relative_to(CORPUS)}")
        for path in sorted(CORPUS.rglob("*"))
        if path.suffix in SUFFIXES and path.is_file()
    ]
    if EXTERNAL.is_dir():
        params += [
            pytest.param(path, id=f"external/{path.relative_to(EXTERNAL)}")
            for path in sorted(EXTERNAL.rglob("*"))
            if path.suffix in SUFFIXES and path.is_file()
        ]
    else:
        params.append(
            pytest.param(
                None, id="external", marks=pytest.mark.skip(reason=f"{EXTERNAL} is absent")
            )
        )
    return params


@cache
def _source(path: Path) -> str:
    return path.read_bytes().decode("utf-8").removeprefix("\ufeff")


@pytest.mark.parametrize("path", _corpus_files())
def test_corpus_file(path: Path, js_reader: JsReader | None) -> None:
    source = _source(path)
    if not path.is_relative_to(EXTERNAL):
        check_contract(source, js_reader)
        _check_anchors_kept(source, js_reader)
        return
    # External files may be invalid, or need what kyaml refuses on purpose (SPEC §3.1, §4), and
    # test_corpus_external.py already checks (a)-(d) on them with the same readers: here, only
    # what it does not check, the JavaScript reader and (e).
    try:
        out = kyaml.format_str(source)
    except kyaml.KyamlError as error:
        pytest.skip(f"refused: {error}")
    if js_reader is not None:
        data = kyaml.loads_all(source)
        assert same_data(js_reader.read(out), data), "JavaScript's yaml reads other data"
    assert kyaml.format_str(kyaml.to_yaml(out)) == out, "KYAML → YAML → KYAML changes the KYAML"
    _check_anchors_kept(source, js_reader)


def _check_anchors_kept(source: str, js_reader: JsReader | None) -> None:
    """With anchors kept, every reader reads the expanded data (where anchors are written)."""
    kept = kyaml.format_str(source, anchors="keep")
    if kept == kyaml.format_str(source):
        return
    data = kyaml.loads_all(source)
    assert kyaml.format_str(kept, anchors="keep") == kept, "not idempotent with anchors kept"
    assert same_data(read_yaml11(kept), data), "YAML 1.1 reads the anchors otherwise"
    assert same_data(read_yaml12(kept), data), "YAML 1.2 reads the anchors otherwise"
    if js_reader is not None:
        assert same_data(js_reader.read(kept), data), "JavaScript's yaml reads the anchors"


@settings(
    max_examples=GENERATED_EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(yaml_streams())
# Inputs the property found failing once, kept so that every run tries them again.
@example(Stream(docs=[None], text="---\n#a\n\n#b\n"))  # idempotence: an empty document's comments
def test_generated_manifests(js_reader: JsReader | None, stream: Stream) -> None:
    check_contract(stream.text, js_reader, intended=stream.docs)
