"""Bad input never crashes, hangs, or loses data (SPEC §2.7, §4).

Bounded work: alias bombs (many nodes, or few aliases of long text), recursive aliases, deep
nesting and very long lines, with both parsers. Bad bytes: undecodable text, binary files, NUL
bytes, UTF-16 and UTF-32, lone surrogates, through ``decode`` and the command. Writes: an
interrupt or an error never leaves a temporary or half-written file; read-only files, symlinks
and special files. Templates and tab indentation are in ``test_not_yaml.py``.

Work is measured in operations (Python calls, parser events) and sizes, never in time: a
subprocess timeout only guards against a hang, and no assertion depends on the machine's speed.
"""

from __future__ import annotations

import os
import random
import re
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kyaml import KyamlError, format_str, loads, to_json, to_yaml
from kyaml._reader import parse as _parse
from kyaml._reader.compose import ALIAS_NODES_MIN
from kyaml._reader.parse import ALIAS_TEXT_MIN
from kyaml._tree import MAX_DEPTH
from kyaml.cli.source import decode
from kyaml.cli.write import write_atomic
from tests._oracles import binding_built
from tests.test_cli import MANIFEST, Run, formatted, kyaml_command, write

HANG_GUARD = 60  # seconds: a subprocess still running by then has hung
ERROR = re.compile(
    r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+) \[(?P<code>KY\d{3})\]$",
    re.M,
)


@pytest.fixture(params=["c", "pure"])
def parser(request: pytest.FixtureRequest) -> str:
    """Each test runs with libyaml's C parser and with the pure-Python one: the ``parser``
    option."""
    name: str = request.param
    if name == "c" and not binding_built():
        pytest.skip("kyaml's libyaml binding is not built")
    return "pure" if name == "pure" else "auto"


def refused(text: str, **options: Any) -> KyamlError:
    with pytest.raises(KyamlError) as caught:
        format_str(text, **options)
    return caught.value


def python_calls(function: Callable[[], object]) -> int:
    """How many Python and builtin function calls ``function()`` makes: work counted in
    operations, which unlike time does not depend on the machine."""
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(count)
    try:
        function()
    except KyamlError:
        pass
    finally:
        sys.setprofile(previous)
    return calls


def kyaml(*args: str, stdin: bytes = b"", pure: bool = False, cwd: Path | None = None) -> Run:
    """``kyaml ARGS`` in a subprocess, with a hang guard; never a traceback."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["KYAML_PURE"] = "1" if pure else "0"
    proc = subprocess.run(
        [*kyaml_command(), *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=HANG_GUARD,
        check=False,
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return Run(proc.returncode, proc.stdout, err)


def error_of(result: Run) -> re.Match[str]:
    """The one ``path:line:col: error: message`` line of a failed run."""
    assert result.code == 2, result.err
    errors = list(ERROR.finditer(result.err))
    assert len(errors) == 1, result.err
    return errors[0]


def assert_refused_untouched(tmp_path: Path, data: bytes, line: int, col: int, words: str) -> None:
    """Formatting a file holding ``data`` fails at ``line:col`` naming the file, leaves the file
    as it was, and leaves nothing else behind; stdin gives the same error and no output."""
    path = write(tmp_path / "bad.yaml", data)
    error = error_of(kyaml("fmt", str(path)))
    assert (error["path"], int(error["line"]), int(error["col"])) == (str(path), line, col)
    assert words in error["message"]
    assert path.read_bytes() == data
    assert os.listdir(tmp_path) == ["bad.yaml"]
    stdin = kyaml("fmt", "--stdin-filename", "in.yaml", "-", stdin=data)
    assert stdin.out == b""
    assert error_of(stdin).group()[len("in.yaml") :] == error.group()[len(str(path)) :]


# --- alias bombs --------------------------------------------------------------------------------


def laughs(levels: int) -> str:
    """The "billion laughs": each level is a list of ten aliases of the level before."""
    lines = ["l0: &l0 [" + ", ".join(['"lol"'] * 10) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_after_a_bounded_number_of_nodes(parser: str) -> None:
    """Refused at the first alias past the limit, whatever follows: 9 levels (10⁹ nodes) and 30
    levels (10³⁰) fail at the same place, and the work grows with the text read, not with what
    the aliases stand for."""
    nine, thirty = laughs(9), laughs(30)
    small, large = refused(nine, parser=parser), refused(thirty, parser=parser)
    assert "aliases expand to more than" in small.message
    assert f"{ALIAS_NODES_MIN} nodes" in small.message
    assert (small.line, small.column) == (large.line, large.column) == (4, 45)
    calls_small = python_calls(lambda: format_str(nine, parser=parser))
    calls_large = python_calls(lambda: format_str(thirty, parser=parser))
    assert calls_large / calls_small < 1.5 * len(thirty) / len(nine)


def test_billion_laughs_through_the_command(tmp_path: Path) -> None:
    data = laughs(9).encode()
    assert_refused_untouched(tmp_path, data, 4, 45, "aliases expand to more than")


def long_string_bomb(aliases: int, length: int = 100_000) -> str:
    """Few nodes, much text: ``aliases`` aliases of one long string."""
    return f'a: &a "{"x" * length}"\nb: [' + ", ".join(["*a"] * aliases) + "]\n"


def test_aliases_of_a_long_string_are_bounded_in_text(parser: str) -> None:
    """200 aliases of 100 KB would write 20 MB from 100 KB: refused before anything is built,
    at the alias that passes the limit (SPEC §4), with work linear in the input."""
    first = ALIAS_TEXT_MIN // 100_001 + 1  # the alias past the limit
    err = refused(long_string_bomb(200), parser=parser)
    assert "aliases repeat more than" in err.message
    assert (err.line, err.column) == (2, 5 + 4 * (first - 1))
    longer = refused(long_string_bomb(2000), parser=parser)
    assert (longer.line, longer.column) == (err.line, err.column)
    # below the limit it is data like any other
    assert loads(long_string_bomb(100), parser=parser) == {
        "a": "x" * 100_000,
        "b": ["x" * 100_000] * 100,
    }


def test_the_text_limit_counts_what_collections_hold(parser: str) -> None:
    """A collection repeats its scalars' text, nested ones included."""
    text = f'a: &a [{{k: "{"y" * 100_000}"}}]\nb: &b [*a, *a]\n' + "c: [" + "*b, " * 100 + "]\n"
    assert "aliases repeat more than" in refused(text, parser=parser).message


def test_many_aliases_within_the_limits_are_formatted(parser: str) -> None:
    text = "base: &base {cpu: 100m, memory: 64Mi}\n" + "".join(
        f"c{i}: {{limits: *base, requests: *base}}\n" for i in range(300)
    )
    out = format_str(text, parser=parser)
    assert out.count("cpu: ") == 601


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("&a [*a]\n", 1, 5),
        ("&a {x: *a}\n", 1, 8),
        ("a: &a\n  b: *a\n", 2, 6),
        ("a: &a [1, [2, {c: *a}]]\n", 1, 19),
        ("a: &a\n- *a\n", 2, 3),
    ],
)
def test_recursive_aliases_are_refused(parser: str, text: str, line: int, column: int) -> None:
    err = refused(text, parser=parser)
    assert err.message == "recursive alias *a: the anchor contains itself"
    assert (err.line, err.column) == (line, column)


def test_recursive_alias_through_the_command(tmp_path: Path) -> None:
    assert_refused_untouched(tmp_path, b"a: &a [1, *a]\n", 1, 11, "recursive alias *a")


# --- deep nesting -------------------------------------------------------------------------------

DEEP = 100_000


def deep(shape: str, levels: int) -> str:
    """``levels`` nested collections of one shape."""
    if shape == "[":
        return "[" * levels
    if shape == "[]":
        return "[" * levels + "]" * levels
    if shape == "{":
        return "{" * levels
    if shape == "{a:":
        return "{a: " * levels + "1" + "}" * levels
    if shape == "- ":
        return "- " * levels + "x\n"
    if shape == "block map":  # one more space per level: the text grows as levels²
        return "".join(" " * i + "k:\n" for i in range(levels))
    assert shape == "block seq"
    return "".join(" " * i + "-\n" for i in range(levels))


# Where the collection one level too deep opens, as (line, column).
DEEP_SHAPES = [
    ("[", DEEP, (1, MAX_DEPTH + 1)),
    ("[]", DEEP, (1, MAX_DEPTH + 1)),
    ("{", DEEP, (1, MAX_DEPTH + 1)),
    ("{a:", DEEP, (1, 4 * MAX_DEPTH + 1)),
    ("- ", DEEP, (1, 2 * MAX_DEPTH + 1)),
    ("block map", 2000, (MAX_DEPTH + 1, MAX_DEPTH + 1)),
    ("block seq", 2000, (MAX_DEPTH + 1, MAX_DEPTH + 1)),
]


@pytest.mark.parametrize(("shape", "levels", "where"), DEEP_SHAPES)
def test_deep_nesting_is_refused_where_it_gets_too_deep(
    parser: str, shape: str, levels: int, where: tuple[int, int]
) -> None:
    err = refused(deep(shape, levels), parser=parser)
    assert err.message == f"nested deeper than {MAX_DEPTH} levels"
    assert (err.line, err.column) == where


@pytest.mark.parametrize(("shape", "levels", "where"), DEEP_SHAPES)
def test_deep_nesting_stops_the_parser_early(
    parser: str, shape: str, levels: int, where: tuple[int, int]
) -> None:
    """Both parsers spend time in proportion to the flow depth on every token, so the parser
    must stop as soon as the nesting is too deep: the events it gives are as many for twice the
    levels, and a few more than the depth limit."""
    refused(deep(shape, levels), parser=parser)
    read = [len(_parse.events_before_error(deep(shape, n), parser)) for n in (levels, levels // 2)]
    assert read[0] == read[1] <= 2 * MAX_DEPTH + 10


def test_deep_nesting_work_does_not_grow_with_the_depth() -> None:
    """With the C parser, refusing 100,000 levels costs what refusing 10,000 does."""
    if not binding_built():
        pytest.skip("kyaml's libyaml binding is not built")
    for shape in ("[", "{", "{a:", "- "):
        small = python_calls(lambda: format_str(deep(shape, DEEP // 10)))  # noqa: B023
        large = python_calls(lambda: format_str(deep(shape, DEEP)))  # noqa: B023
        assert large < 1.2 * small, shape


def test_nesting_just_within_the_limit_is_formatted(parser: str) -> None:
    ok = MAX_DEPTH - 1
    assert format_str("[" * ok + "]" * ok, parser=parser).count("[") == ok
    assert loads("{a: " * ok + "1" + "}" * ok, parser=parser) is not None


@pytest.mark.parametrize("pure", [False, True], ids=["c", "pure"])
@pytest.mark.parametrize("shape", ["[", "{", "{a:", "- "])
def test_deep_nesting_through_the_command(tmp_path: Path, shape: str, pure: bool) -> None:
    path = write(tmp_path / "deep.yaml", deep(shape, DEEP))
    error = error_of(kyaml("fmt", str(path), pure=pure))
    assert error["message"] == f"nested deeper than {MAX_DEPTH} levels"
    assert error["code"] == "KY007"
    assert path.read_text() == deep(shape, DEEP)


# --- long lines and scalars ---------------------------------------------------------------------


def many_documents(size: int) -> str:
    return "".join(f"--- # document {i}\na: {i}\n" for i in range(size // 24))


LINEAR_CASES: dict[str, Callable[[int], str]] = {
    "plain scalar": lambda n: "a: " + "x" * n + "\n",
    "double-quoted": lambda n: 'a: "' + "x" * n + '"\n',
    "double-quoted escapes": lambda n: 'a: "' + "\\t\\u00e9" * (n // 8) + '"\n',
    "single-quoted": lambda n: "a: '" + "x" * n + "'\n",
    "folded plain lines": lambda n: "a: " + "word\n  " * (n // 7) + "end\n",
    "flow mapping keys": lambda n: "{" + ", ".join(f"k{i}: {i}" for i in range(n // 10)) + "}\n",
    "flow sequence items": lambda n: "[" + ", ".join("1" for _ in range(n // 3)) + "]\n",
    "comment": lambda n: "# " + "c" * n + "\na: 1\n",
    "line comment": lambda n: "a: 1 # " + "c" * n + "\n",
    "many documents": many_documents,
    "many documents, compact": many_documents,  # one dropped-comments note per document
    "nesting within the limit": lambda n: ("[" * 50 + "]" * 50 + "\n---\n") * (n // 105),
    "refused: template": lambda n: "a: 'x'\n" * (n // 7) + "b: {{ .Values.b }}\n",
    "refused: tab": lambda n: "a: 'x'\n" * (n // 7) + "c:\n\td: 1\n",
    "refused: syntax": lambda n: "a: '{{ x }}'\n" * (n // 12) + "b: [\n",
}


@pytest.mark.parametrize("case", list(LINEAR_CASES))
def test_work_is_linear_in_the_input(parser: str, case: str) -> None:
    """Twice the input, at most about twice the work (quadratic work would be four times)."""
    make = LINEAR_CASES[case]
    compact = "compact" in case
    n = 20_000 if parser == "auto" else 10_000
    small = python_calls(lambda: format_str(make(n), compact=compact, parser=parser))
    large = python_calls(lambda: format_str(make(2 * n), compact=compact, parser=parser))
    assert large < 2.4 * small, f"{large / small:.2f} × the work for 2 × the input"


BIG_INPUTS = {
    # name: (text, what the output must hold)
    "5 MB plain scalar": ("'a: ' + 'x' * 5_000_000", "'  a: \"' + 'x' * 5_000_000 + '\",\\n'"),
    "5 MB double-quoted": ("'a: \"' + 'x' * 5_000_000 + '\"'", "'x' * 5_000_000"),
    "100,000 keys on a line": (
        "'{' + ', '.join(f'k{i}: {i}' for i in range(100_000)) + '}'",
        "'\\n  k99999: 99999,\\n}\\n'",
    ),
    "1 MB comment": ("'# ' + 'c' * 1_000_000 + '\\na: 1\\n'", "'# ' + 'c' * 1_000_000 + '\\n'"),
}


@pytest.mark.parametrize("pure", [False, True], ids=["c", "pure"])
@pytest.mark.parametrize("name", list(BIG_INPUTS))
def test_big_inputs_are_formatted(name: str, pure: bool) -> None:
    """The full sizes, in a subprocess that a hang would make time out."""
    if not pure and not binding_built():
        pytest.skip("kyaml's libyaml binding is not built")
    text, expected = BIG_INPUTS[name]
    script = (
        "from kyaml import format_str\n"
        f"out = format_str({text}, parser={'pure' if pure else 'auto'!r})\n"
        f"assert {expected} in out\n"
        "print('ok', len(out))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok ")


# --- bad bytes ----------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(0).randbytes(2000)


@pytest.mark.parametrize(
    ("data", "line", "column", "words"),
    [
        (b"a: 1\nb: caf\xe9\n", 2, 7, "not valid UTF-8 text (invalid continuation byte: bytes e9)"),
        (b"a: \xff\xfe\n", 1, 4, "not valid UTF-8 text"),
        (PNG, 1, 1, "a binary file?"),
        ("a: 1\n".encode("utf-16-le"), 1, 1, "UTF-16-LE text without a byte order mark"),
        ("a: 1\n".encode("utf-16-be"), 1, 1, "UTF-16-BE text without a byte order mark"),
        ("a: 1\n".encode("utf-32-le"), 1, 1, "UTF-32-LE text without a byte order mark"),
        ("a: 1\n".encode("utf-32-be"), 1, 1, "UTF-32-BE text without a byte order mark"),
        (b"\xff\xfea\x00:\x00 \x00\x00\xd8\n\x00", 1, 4, "not valid UTF-16-LE text"),
    ],
)
def test_decode_refuses_bad_bytes_with_a_position(
    data: bytes, line: int, column: int, words: str
) -> None:
    with pytest.raises(KyamlError) as caught:
        decode(data)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert words in caught.value.message


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
def test_decode_reads_utf16_and_utf32_after_a_byte_order_mark(codec: str, bom: bytes) -> None:
    source = decode(bom + "a: é😀\r\n".encode(codec))
    assert (source.text, source.encoding, source.bom, source.newline) == (
        "a: é😀\n",
        codec,
        bom,
        "\r\n",
    )


@pytest.mark.parametrize(
    ("data", "line", "column", "words"),
    [
        (b"a: 1\nb: caf\xe9\n", 2, 7, "not valid UTF-8 text"),
        (PNG, 1, 1, "a binary file?"),
        (b"a: b\x00c\n", 1, 5, "unacceptable character U+0000"),
        (b"a: 1\n\x00\x00\n", 2, 1, "unacceptable character U+0000"),
        ("a: 1\n".encode("utf-16-le"), 1, 1, "UTF-16-LE text without a byte order mark"),
        (b'a: 1\nb: "\\ud800"\n', 2, 4, "escaped UTF-16 surrogate \\ud800 without its pair"),
        (b'"\\udc00": 1\n', 1, 1, "escaped UTF-16 surrogate \\udc00 without its pair"),
    ],
    ids=["latin-1", "png", "nul", "nul-line", "utf-16-without-bom", "surrogate", "surrogate-key"],
)
def test_bad_bytes_through_the_command(
    tmp_path: Path, data: bytes, line: int, column: int, words: str
) -> None:
    assert_refused_untouched(tmp_path, data, line, column, words)


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-32-le", b"\xff\xfe\x00\x00"),
        ("utf-32-be", b"\x00\x00\xfe\xff"),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_utf16_and_utf32_are_written_back_as_they_came(
    tmp_path: Path, codec: str, bom: bytes, newline: str
) -> None:
    text = MANIFEST + 'emoji: "\\ud83d\\ude00 é"\n'
    data = bom + text.replace("\n", newline).encode(codec)
    expected = bom + formatted(text).replace("\n", newline).encode(codec)
    assert '"😀 é"' in formatted(text)
    path = write(tmp_path / "wide.yaml", data)
    result = kyaml("fmt", str(path))
    assert result.code == 0, result.err
    assert path.read_bytes() == expected
    assert os.listdir(tmp_path) == ["wide.yaml"]
    stdin = kyaml("fmt", "-", stdin=data)
    assert (stdin.code, stdin.out) == (0, expected)


NOT_A_CHAR = "not a character"


@pytest.mark.parametrize(
    ("text", "line", "column", "lone"),
    [
        ('"\\ud800"\n', 1, 1, "d800"),
        ('a: "\\ud800"\n', 1, 4, "d800"),
        ('a:\n  b: [1, "x\\udfffy"]\n', 2, 10, "dfff"),
        ('"\\ud800": 1\n', 1, 1, "d800"),
        ('a: "\\ud83d\\ude00\\ud83d"\n', 1, 4, "d83d"),
        ('a: "\\ude00\\ud83d"\n', 1, 4, "de00"),
        ('a: "\\U0000d800"\n', 1, 4, "d800"),
        ('a: "x\\\n  \\ud800"\n', 1, 4, "d800"),
        ('a: !!str "\\ud800"\n', 1, 4, "d800"),
    ],
)
def test_a_lone_surrogate_escape_is_refused_at_its_scalar(
    parser: str, text: str, line: int, column: int, lone: str
) -> None:
    """No Unicode text can hold a lone surrogate, so no output could be written: an error at
    the scalar, not a UnicodeEncodeError when the result is encoded."""
    for call in (format_str, loads):
        with pytest.raises(KyamlError) as caught:
            call(text)
        err = caught.value
        assert err.message == f"escaped UTF-16 surrogate \\u{lone} without its pair: {NOT_A_CHAR}"
        assert (err.line, err.column) == (line, column)


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ('a: "\\ud83d\\ude00"\n', {"a": "😀"}),
        ('"\\ud83d\\ude00": "x\\ud83d\\ude00y"\n', {"😀": "x😀y"}),
        ('a: "\\U0001F600"\n', {"a": "😀"}),
    ],
)
def test_an_escaped_surrogate_pair_is_one_character(
    parser: str, text: str, data: dict[str, str]
) -> None:
    assert loads(text, parser=parser) == data
    out = format_str(text, parser=parser)
    assert "😀" in out
    assert "\\u" not in out
    assert format_str(out, parser=parser) == out


# --- writes -------------------------------------------------------------------------------------


def original(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"old: content\n")
    path.chmod(0o640)
    return path


def assert_intact(path: Path) -> None:
    assert path.read_bytes() == b"old: content\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(path.parent) == [path.name]  # no .kyaml-tmp file


class _InterruptedFile:
    """A file whose ``write`` writes part of the data, then is interrupted (Ctrl-C)."""

    def __init__(self, f: Any) -> None:
        self.f = f

    def __enter__(self) -> _InterruptedFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.f.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.f, name)

    def write(self, data: bytes) -> int:
        self.f.write(data[:3])
        raise KeyboardInterrupt


def test_write_atomic_interrupted_while_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = original(tmp_path)
    fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode: _InterruptedFile(fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), b"new: content\n")
    assert_intact(path)


@pytest.mark.parametrize("step", ["fchmod", "fsync", "replace"])
def test_write_atomic_interrupted_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = original(tmp_path)

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, step, interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), b"new: content\n")
    monkeypatch.undo()
    assert_intact(path)


def test_write_atomic_interrupted_while_creating_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kyaml.cli import write as writing

    path = original(tmp_path)
    create = writing._create_temporary

    def interrupted(folder: int, name: str) -> tuple[int, str]:
        fd, tmp = create(folder, name)
        os.close(fd)
        os.unlink(tmp, dir_fd=folder)  # as if the interrupt came before the file was returned
        raise KeyboardInterrupt

    monkeypatch.setattr(writing, "_create_temporary", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), b"new: content\n")
    assert_intact(path)


@pytest.fixture
def sigint_default() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(os, "kill"):
        pytest.skip("signals go to the main thread only")
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        pytest.skip("SIGINT has a handler of its own here")
    yield
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.usefixtures("sigint_default")
def test_a_real_ctrl_c_waits_until_the_file_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGINT in the middle of the write: the file is replaced whole, then the interrupt is
    raised; nothing is left half-done."""
    path = original(tmp_path)
    fdopen = os.fdopen

    class Signalled:
        def __init__(self, f: Any) -> None:
            self.f = f

        def __enter__(self) -> Signalled:
            return self

        def __exit__(self, *exc: object) -> None:
            self.f.close()

        def __getattr__(self, name: str) -> Any:
            return getattr(self.f, name)

        def write(self, data: bytes) -> int:
            self.f.write(data[:3])
            os.kill(os.getpid(), signal.SIGINT)
            return int(self.f.write(data[3:])) + 3

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Signalled(fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), b"new: content\n")
    assert path.read_bytes() == b"new: content\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["a.yaml"]


@pytest.mark.usefixtures("sigint_default")
def test_a_second_ctrl_c_interrupts_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = original(tmp_path)
    fdopen = os.fdopen

    class Twice(_InterruptedFile):
        def write(self, data: bytes) -> int:
            os.kill(os.getpid(), signal.SIGINT)
            os.kill(os.getpid(), signal.SIGINT)
            return int(self.f.write(data))

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Twice(fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(str(path), b"new: content\n")
    assert_intact(path)


def test_write_atomic_refuses_a_read_only_file_even_as_root(tmp_path: Path) -> None:
    """``os.access`` lets root write anything, and the rename would replace the file whatever
    its mode: the mode itself decides."""
    path = tmp_path / "ro.yaml"
    path.write_bytes(b"old: content\n")
    path.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        write_atomic(str(path), b"new: content\n")
    assert path.read_bytes() == b"old: content\n"
    assert os.listdir(tmp_path) == ["ro.yaml"]


def test_read_only_file_through_the_command(tmp_path: Path) -> None:
    ro = write(tmp_path / "ro.yaml", MANIFEST)
    ro.chmod(0o444)
    ok = write(tmp_path / "ok.yaml", MANIFEST)
    result = kyaml("fmt", str(ro), str(ok))
    assert result.code == 2
    assert f"{ro}: error: read-only file, so not rewritten" in result.err
    assert ro.read_text() == MANIFEST
    assert stat.S_IMODE(ro.stat().st_mode) == 0o444
    assert ok.read_text() == formatted(MANIFEST)
    assert sorted(os.listdir(tmp_path)) == ["ok.yaml", "ro.yaml"]
    check = kyaml("fmt", "--check", str(ro))
    assert check.code == 1  # reading it is fine


def test_read_only_folder_through_the_command(tmp_path: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root may create files in a read-only folder")
    folder = tmp_path / "ro"
    path = write(folder / "a.yaml", MANIFEST)
    folder.chmod(0o555)
    try:
        result = kyaml("fmt", str(path))
        assert result.code == 2
        assert f"{path}: error: " in result.err
        assert path.read_text() == MANIFEST
        assert os.listdir(folder) == ["a.yaml"]
    finally:
        folder.chmod(0o755)


def test_write_atomic_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomic(str(fifo), b"new: content\n")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert os.listdir(tmp_path) == ["pipe.yaml"]


def test_symlink_through_the_command_rewrites_the_target(tmp_path: Path) -> None:
    """The link stays a link to the same file, in another folder; no temporary file anywhere."""
    target = write(tmp_path / "real" / "app.yaml", MANIFEST)
    target.chmod(0o640)
    link = tmp_path / "links" / "app.yaml"
    link.parent.mkdir()
    link.symlink_to(target)
    result = kyaml("fmt", str(link))
    assert result.code == 0, result.err
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_text() == formatted(MANIFEST)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(target.parent) == ["app.yaml"]
    assert os.listdir(link.parent) == ["app.yaml"]


def test_a_refused_file_is_never_written(tmp_path: Path) -> None:
    """Errors found late (the last document) still leave the whole file as it was."""
    text = MANIFEST + "---\n" + MANIFEST + "---\n" + laughs(9)
    path = write(tmp_path / "late.yaml", text)
    error = error_of(kyaml("fmt", str(path)))
    assert int(error["line"]) == MANIFEST.count("\n") * 2 + 2 + 4
    assert path.read_text() == text
    assert os.listdir(tmp_path) == ["late.yaml"]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 400 + "]" * 400,
        "{a: " * 400 + "1" + "}" * 400,
        "".join("  " * i + "- \n" for i in range(400)),
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_the_deepest_accepted_nesting_goes_every_way(text: str) -> None:
    """400 levels, the most the composer accepts, through every reader and writer."""
    assert format_str(to_yaml(text)) == format_str(text)
    assert loads(to_json(text)) == loads(text)
