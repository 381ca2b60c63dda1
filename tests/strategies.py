"""Hypothesis strategies for Kubernetes-shaped YAML documents, as data and as YAML text.

:func:`manifests` builds the data (apiVersion, kind, metadata, spec with containers, ports, env,
volumes, nested lists of maps) full of nasty strings and numbers; :func:`yaml_streams` renders
one to three of them as YAML text with a small renderer of its own: block or flow style per
collection; a random style per scalar (plain only where every reader agrees with kyaml's default
schema, or where SPEC §3.1 says that schema reads the plain text as the intended value; single-
or double-quoted, the latter sometimes folded over lines; literal blocks where they read back
exactly; explicit tags now and then); comments in random places (above entries and items, after
scalars, after ``key:``, inside flow collections, around documents); anchors, aliases and merge
keys for shared parts; ``---`` and ``...`` markers; optional CRLF line ends. The renderer never
uses kyaml, so the text is an independent input.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

# ---------------------------------------------------------------------------------------------
# Scalars

# Numbers that test every reader's limits: ints past 64 bits, floats at the edges of repr's
# forms (1e21, 1e-7), the smallest subnormal, the largest finite float, and ±inf.
NASTY_NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=2**63 - 2, max_value=2**200),
    st.integers(min_value=-(2**200), max_value=-(2**63) + 2),
    st.floats(allow_nan=False),
    st.sampled_from([1e21, 1e-7, 1e16, -0.0, 0.0, 5e-324, 1.7976931348623157e308]),
    st.sampled_from([math.inf, -math.inf]),
)


def nasty_scalars(text: st.SearchStrategy[str]) -> st.SearchStrategy[Any]:
    """None, booleans, :data:`NASTY_NUMBERS` and strings drawn from ``text``."""
    return st.one_of(st.none(), st.booleans(), NASTY_NUMBERS, text)


def nasty_data(
    text: st.SearchStrategy[str], *, max_size: int, max_leaves: int
) -> st.SearchStrategy[Any]:
    """JSON-like data: lists and string-keyed dicts of :func:`nasty_scalars`."""
    return st.recursive(
        nasty_scalars(text),
        lambda inner: st.one_of(
            st.lists(inner, max_size=max_size),
            st.dictionaries(text, inner, max_size=max_size),
        ),
        max_leaves=max_leaves,
    )


NORWAY_WORDS = ("y", "n", "yes", "no", "on", "off", "true", "false", "null")


def _any_case(word: str) -> st.SearchStrategy[str]:
    """``word`` with each letter in either case."""
    return st.tuples(*(st.sampled_from([c.lower(), c.upper()]) for c in word)).map("".join)


norway_words = st.sampled_from(NORWAY_WORDS).flatmap(_any_case)


def _underscored(digits: str, rnd: random.Random) -> str:
    """``digits`` with ``_`` between some of them."""
    out = [digits[0]]
    for c in digits[1:]:
        if rnd.random() < 0.3:
            out.append("_")
        out.append(c)
    return "".join(out)


@st.composite
def number_shaped_text(draw: st.DrawFn) -> str:
    """Text that looks like a number in some YAML reader's eyes, valid or not."""
    n = draw(st.integers(min_value=-(2**70), max_value=2**70))
    f = draw(st.floats(allow_nan=False, allow_infinity=False))
    rnd = draw(st.randoms(use_true_random=False))
    forms = [
        str(n),
        f"+{abs(n)}",
        f"0{abs(n):o}",
        f"0o{abs(n):o}",
        f"0x{abs(n):x}",
        f"0X{abs(n):X}",
        f"0b{abs(n):b}",
        _underscored(str(abs(n)), rnd),
        repr(f),
        repr(f).upper(),
        f"{f:e}",
        f"{abs(n) % 100}:{abs(n) % 60:02d}",
        f"{abs(n) % 1000}:{abs(n) % 60:02d}:{(abs(n) // 7) % 60:02d}.5",
        f"0{abs(n) % 10}",
        "9" * draw(st.integers(min_value=19, max_value=40)),
        "1e400",
        "-1e400",
    ]
    fixed = [".5", "-.5", "+.5", "1.", "1e3", "1E+3", "0x_", "0b_", "0o", "0x", "0x1p3"]
    fixed += ["Infinity", "-Infinity", "NaN", "inf", ".inf", "-.inf", "+.inf", ".NaN", ".nan"]
    fixed += [".INF", "0777", "09", "08.5", "1_000", "1__0", "_1", "1_", "0.", "-0", "+0", "-0.0"]
    fixed += ["1:20", "190:20:30", "1:60", "12:30:45", "=", "<<", "~", "-", "."]
    return draw(st.sampled_from(forms + fixed))


@st.composite
def date_shaped_text(draw: st.DrawFn) -> str:
    """Dates, times and timestamps, valid and impossible."""
    when = draw(st.datetimes())
    forms = [
        when.date().isoformat(),
        when.isoformat(),
        when.isoformat() + "Z",
        when.isoformat(sep=" ") + " +02:00",
        when.strftime("%Y-%m-%dt%H:%M:%S.%fz"),
        when.strftime("%Y-%-m-%-d"),
        when.strftime("%H:%M"),
        when.strftime("%H:%M:%S"),
    ]
    fixed = ["2023-02-30", "0000-00-00", "2001-12-14 21:59:43.10 -5", "11:00", "2006-01-02"]
    return draw(st.sampled_from(forms + fixed))


# Characters and pieces that trouble YAML writers and readers.
_NASTY_PIECES = [
    " ", "  ", "\t", "\n", "\r", "\r\n", "\x00", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9f",
    "\xa0", "\u2028", "\u2029", "\ufeff", "\u200b", "\u200d", "\U0001f600", "\U0001f1f3\U0001f1f4",
    "é", "ø", "Å", "ß", "²", "日本語", "עברית", "عربى", "e\u0301", "#", "# ", " #", "-", "- ",
    "---", "...", ":", ": ", "?", "? ", "'", '"', "\\", "\\n", "{", "}", "[", "]", ",", "&a",
    "*a", "!", "!!str", "|", ">", "%", "@", "`", "<<", "=", "~", "null", "NO", "yes", "0x1F",
    "1e3", "app", "kubernetes", "a", "Z", "0", "9",
]  # fmt: skip
nasty_text = st.lists(
    st.one_of(st.sampled_from(_NASTY_PIECES), st.characters(codec="utf-8")), max_size=8
).map("".join)


def _padded(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``inner`` with leading and trailing whitespace added sometimes."""
    pad = st.sampled_from(["", "", "", " ", "  ", "\t", "\n", " \t "])
    return st.tuples(pad, inner, pad).map("".join)


dns_label = st.from_regex(r"[a-z]([-a-z0-9]{0,12}[a-z0-9])?", fullmatch=True)
qualified_name = st.one_of(
    dns_label,
    st.tuples(st.sampled_from(["app.kubernetes.io/", "example.com/", "k8s.io/"]), dns_label).map(
        "".join
    ),
)

nasty_strings: st.SearchStrategy[str] = st.one_of(
    _padded(norway_words),
    _padded(number_shaped_text()),
    _padded(date_shaped_text()),
    nasty_text,
    qualified_name,
    st.text(max_size=12),
    st.lists(st.sampled_from(["line", "  indented", "", "# not a comment", "\tx", "end  "]))
    .map("\n".join)
    .map(lambda s: s + "\n" if s else s),
)

# Keys: mostly Kubernetes-like, sometimes anything (kept short: an implicit key has a length
# limit, and no one writes long keys).
keys: st.SearchStrategy[str] = st.one_of(
    qualified_name,
    qualified_name,
    st.from_regex(r"[a-zA-Z][a-zA-Z0-9]{0,10}", fullmatch=True),
    norway_words,
    number_shaped_text(),
    date_shaped_text(),
    nasty_text.filter(lambda s: len(s) < 40),
)

big_ints = st.one_of(
    st.integers(),
    st.integers(min_value=2**63 - 3, max_value=2**63 + 3),
    st.integers(min_value=-(2**63) - 3, max_value=-(2**63) + 3),
    st.integers(min_value=2**64 - 2, max_value=2**64 + 2),
    st.integers(min_value=-(2**90), max_value=2**90),
)
floats = st.one_of(
    st.floats(),
    st.sampled_from([1e21, 1e-7, 1e16, 1e15, 5e-324, 1.7976931348623157e308, 0.1, -0.0, 0.0]),
    st.sampled_from([math.inf, -math.inf, math.nan, 1.5, 100.0, 2.0**53 + 2]),
)
scalars: st.SearchStrategy[Any] = st.one_of(
    nasty_strings, big_ints, floats, st.booleans(), st.none()
)

# ---------------------------------------------------------------------------------------------
# Kubernetes-shaped objects


def _anything(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)
        ),
        max_leaves=10,
    )


def _small_lists(elements: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(elements, max_size=3)


ports = st.fixed_dictionaries(
    {"containerPort": st.one_of(st.integers(min_value=1, max_value=65535), big_ints)},
    optional={
        "name": st.one_of(dns_label, nasty_strings),
        "protocol": st.sampled_from(["TCP", "UDP", "SCTP"]),
        "hostPort": st.integers(min_value=0, max_value=65535),
    },
)
env_vars = st.fixed_dictionaries(
    {"name": st.one_of(st.from_regex(r"[A-Z_][A-Z0-9_]{0,12}", fullmatch=True), nasty_strings)},
    optional={
        "value": nasty_strings,
        "valueFrom": st.fixed_dictionaries(
            {"fieldRef": st.fixed_dictionaries({"fieldPath": nasty_strings})}
        ),
    },
)
quantities = st.one_of(
    st.sampled_from(["100m", "1Gi", "0.5", "1e3", "2", "512Mi", "1.5Gi"]), big_ints, floats
)
resources = st.fixed_dictionaries(
    {},
    optional={
        "limits": st.dictionaries(st.sampled_from(["cpu", "memory", "nvidia.com/gpu"]), quantities),
        "requests": st.dictionaries(st.sampled_from(["cpu", "memory"]), quantities),
    },
)
containers = st.fixed_dictionaries(
    {"name": dns_label, "image": st.one_of(qualified_name, nasty_strings)},
    optional={
        "command": _small_lists(nasty_strings),
        "args": _small_lists(nasty_strings),
        "ports": _small_lists(ports),
        "env": _small_lists(env_vars),
        "resources": resources,
        "securityContext": st.fixed_dictionaries(
            {},
            optional={
                "runAsUser": big_ints,
                "readOnlyRootFilesystem": st.booleans(),
                "capabilities": st.fixed_dictionaries({"drop": _small_lists(nasty_strings)}),
            },
        ),
        "volumeMounts": _small_lists(
            st.fixed_dictionaries(
                {"name": dns_label, "mountPath": nasty_strings},
                optional={"readOnly": st.booleans()},
            )
        ),
    },
)
volumes = st.fixed_dictionaries(
    {"name": dns_label},
    optional={
        "configMap": st.fixed_dictionaries(
            {"name": dns_label},
            optional={
                "defaultMode": st.integers(min_value=0, max_value=0o777),
                "items": _small_lists(
                    st.fixed_dictionaries({"key": nasty_strings, "path": nasty_strings})
                ),
            },
        ),
        "emptyDir": st.one_of(st.just({}), st.fixed_dictionaries({"sizeLimit": quantities})),
        "hostPath": st.fixed_dictionaries({"path": nasty_strings}),
    },
)
metadata = st.fixed_dictionaries(
    {"name": st.one_of(dns_label, nasty_strings)},
    optional={
        "namespace": st.one_of(dns_label, norway_words),
        "labels": st.dictionaries(qualified_name, st.one_of(dns_label, nasty_strings), max_size=4),
        "annotations": st.dictionaries(keys, nasty_strings, max_size=4),
    },
)
specs = st.fixed_dictionaries(
    {},
    optional={
        "replicas": big_ints,
        "containers": _small_lists(containers),
        "volumes": _small_lists(volumes),
        "nodeSelector": st.dictionaries(qualified_name, nasty_strings, max_size=3),
        "tolerations": _small_lists(
            st.fixed_dictionaries(
                {"key": nasty_strings, "operator": st.sampled_from(["Exists", "Equal"])},
                optional={"value": scalars, "tolerationSeconds": big_ints},
            )
        ),
        "extra": _anything(scalars),
    },
)
API_VERSIONS = ["v1", "apps/v1", "batch/v1", "networking.k8s.io/v1", "example.com/v1alpha1"]
KINDS = ["Pod", "Deployment", "ConfigMap", "Service", "Job", "Widget"]


def _plain_manifests() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "apiVersion": st.sampled_from(API_VERSIONS),
            "kind": st.sampled_from(KINDS),
            "metadata": metadata,
        },
        optional={
            "spec": specs,
            "data": st.dictionaries(keys, nasty_strings, max_size=5),
            "items": _small_lists(_anything(scalars)),
        },
    )


@st.composite
def manifests(draw: st.DrawFn) -> dict[str, Any]:
    """A Kubernetes-shaped object: apiVersion, kind, metadata, and a spec and/or data; sometimes
    with shared parts, as a workload has: the selector is the labels themselves (the renderer
    writes an alias) and the template's labels are the labels and annotations plus more (the
    renderer writes a merge key)."""
    manifest = draw(_plain_manifests())
    meta = manifest["metadata"]
    labels = meta.get("labels")
    if labels and draw(st.booleans()):
        spec = manifest.setdefault("spec", {})
        spec["selector"] = {"matchLabels": labels}
        if draw(st.booleans()):
            bases = [labels]
            if meta.get("annotations") and draw(st.booleans()):
                bases.append(meta["annotations"])
            own = draw(st.dictionaries(qualified_name, nasty_strings, max_size=3))
            spec["template"] = {"metadata": {"labels": Merged(bases, own)}}
    return manifest


documents: st.SearchStrategy[Any] = st.one_of(
    manifests(),
    manifests(),
    manifests(),
    manifests(),
    _anything(scalars),
    st.just(None),
)

# ---------------------------------------------------------------------------------------------
# Rendering data as YAML text

# Reads the same, as the intended string, in YAML 1.1, YAML 1.2 and kyaml's default schema:
# starts with a letter, and is not a boolean or null word in any case.
_LETTER_START = re.compile(r"[^\W\d_]")
_FLOW_INDICATORS = set(",[]{}")
_INDICATOR_START = set("-?:,[]{}#&*!|>'\"%@`")
# Allowed inside a plain scalar in flow context by YAML 1.2, refused there by libyaml and PyYAML.
_FLOW_UNSAFE = set(":?")
# Plain text the default (reference) schema reads as a string but YAML 1.1 does not (SPEC §3.1):
# the Norway words other than true/false/null, dates, timestamps and sexagesimal numbers.
_REFERENCE_STRINGS = re.compile(
    r"(?i:y|n|yes|no|on|off)"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9:.]+(?:[Zz]|[+-][0-9:]+)?)?"
    r"|[1-9][0-9]*(?::[0-5][0-9])+"
)


def lexically_plain(s: str) -> bool:
    """Whether ``s`` can be a plain scalar anywhere (block or flow, key or value) as itself."""
    return (
        s != ""
        and s == s.strip(" ")
        and all(c.isprintable() for c in s)
        and s[0] not in _INDICATOR_START
        and not (_FLOW_INDICATORS & set(s))
        and ": " not in s
        and " #" not in s
        and not s.endswith(":")
        and s != "<<"
        and not s.startswith(("---", "..."))
    )


def plain_for_every_reader(s: str) -> bool:
    """Whether ``s``, written plain, is the string ``s`` to every reader."""
    return (
        lexically_plain(s)
        and _LETTER_START.match(s) is not None
        and not (_FLOW_UNSAFE & set(s))
        and s.lower() not in NORWAY_WORDS
    )


def plain_for_kyaml(s: str, flow: bool) -> bool:
    """Whether ``s``, written plain, is the string ``s`` to kyaml's default schema (SPEC §3.1),
    though YAML 1.1 may read it otherwise (the case the formatter exists for)."""
    return (
        lexically_plain(s)
        and not (flow and _FLOW_UNSAFE & set(s))
        and _REFERENCE_STRINGS.fullmatch(s) is not None
    )


def literal_ok(s: str) -> bool:
    """Whether ``s`` reads back exactly from a literal block scalar (``|``, ``|-``, ``|+``)."""
    if "\n" not in s or s.strip("\n") == "":
        return False
    lines = s.split("\n")
    first = next(line for line in lines if line)
    return (
        first[0] not in " \t"
        and all(c == "\n" or c.isprintable() or c == "\t" for c in s)
        and all(line == "" or line.strip(" \t") != "" for line in lines)
        and all(not line.startswith("\t") for line in lines)
    )


_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0",
    "\x07": "\\a", "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e",
    "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P",
}  # fmt: skip


def _escaped(s: str, rnd: random.Random) -> list[str]:
    """``s`` as the pieces of a double-quoted scalar, one per character, escaped where needed
    and sometimes where not."""
    out = []
    for c in s:
        if c in _ESCAPES and not (c == "\t" and rnd.random() < 0.5):
            out.append(_ESCAPES[c])
        elif (not c.isprintable() and c not in " \t") or (ord(c) > 0x7F and rnd.random() >= 0.8):
            out.append(_hex_escape(c, rnd))
        else:
            out.append(c)
    return out


def double_quoted(s: str, rnd: random.Random) -> str:
    """``s`` as a one-line double-quoted scalar."""
    return '"' + "".join(_escaped(s, rnd)) + '"'


def double_quoted_lines(s: str, rnd: random.Random, indent: int) -> list[str]:
    r"""``s`` as a double-quoted scalar over several lines joined by escaped line breaks (``\``
    at a line's end); continuation lines are indented to ``indent``."""
    pieces = _escaped(s, rnd)
    lines: list[str] = []
    while pieces:
        size = rnd.randint(1, 12)
        chunk, pieces = pieces[:size], pieces[size:]
        if lines and chunk[0] in (" ", "\t"):
            chunk[0] = "\\x20" if chunk[0] == " " else "\\t"  # leading white space is dropped
        lines.append("".join(chunk))
    if not lines:
        return ['""']
    out = ['"' + lines[0]] + [" " * indent + line for line in lines[1:]]
    return [line + "\\" for line in out[:-1]] + [out[-1] + '"']


def _hex_escape(c: str, rnd: random.Random) -> str:
    code = ord(c)
    if code <= 0xFF and rnd.random() < 0.5:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}" if rnd.random() < 0.5 else f"\\u{code:04x}"
    return f"\\U{code:08x}"


def single_quoted_ok(s: str) -> bool:
    """Whether ``s`` can be written single-quoted on one line."""
    return all(c.isprintable() or c == "\t" for c in s) and "\n" not in s


def single_quoted(s: str) -> str:
    """``s`` as a single-quoted scalar."""
    return "'" + s.replace("'", "''") + "'"


def int_spellings(value: int) -> list[str]:
    """Ways to write ``value`` that kyaml's default schema reads as that integer (SPEC §3.1)."""
    forms = [str(value)]
    if value >= 0:
        forms.append(f"+{value}")
    if 0 <= value < 2**64:  # beyond 64 bits, go-yaml v3 reads other spellings otherwise
        forms += [f"0x{value:x}", f"0x{value:X}", f"0o{value:o}", f"0b{value:b}"]
        if value > 0:
            forms.append(f"0{value:o}")
        if value >= 10:
            forms.append("_".join(str(value)))
    return forms


def float_spellings(value: float) -> list[str]:
    """Ways to write ``value`` that kyaml's default schema reads as that float (SPEC §3.1)."""
    if math.isnan(value):
        return [".nan", ".NaN", ".NAN"]
    if math.isinf(value):
        sign = "-" if value < 0 else ""
        forms = [f"{sign}.inf", f"{sign}.Inf", f"{sign}.INF"]
        return forms if sign else [*forms, "+.inf"]
    text = repr(value)
    forms = [text, text.upper()]
    if "e" not in text and "." in text:
        whole, frac = text.split(".")
        if whole in ("0", "-0"):
            forms.append(whole[:-1] + "." + frac)
        if frac == "0":
            forms.append(whole + ".")
    if not text.startswith("-"):
        forms.append("+" + text)
    return forms


@dataclass
class _Raw:
    """Text written as it is (the value of a merge key)."""

    text: str


class Merged(dict[str, Any]):
    """A mapping made of earlier mappings (``bases``, the first winning) and entries of its own
    (``own``, which win over all), written with a merge key when its bases have anchors."""

    def __init__(self, bases: list[dict[str, Any]], own: dict[str, Any]) -> None:
        data: dict[str, Any] = {}
        for base in reversed(bases):
            data.update(base)
        data.update(own)
        super().__init__(data)
        self.bases = bases
        self.own = own


def _containers(value: Any, counts: dict[int, int]) -> None:
    """Count every dict and list in ``value`` by identity."""
    if isinstance(value, (dict, list)):
        counts[id(value)] = counts.get(id(value), 0) + 1
        for item in value.values() if isinstance(value, dict) else value:
            _containers(item, counts)


@dataclass
class _Out:
    """An item rendered for a key or list position: text on the same line, and following lines.

    ``inline`` follows ``key:`` or ``-`` (with its leading space); ``lines`` are complete lines.
    ``block`` tells that ``lines`` hold a block collection (so a comment may follow ``key:``).
    """

    inline: str
    lines: list[str]
    block: bool = False


class Renderer:
    """Writes data as YAML text, every choice made by ``rnd``; comments come from ``notes``."""

    def __init__(self, rnd: random.Random, notes: list[str]) -> None:
        self.rnd = rnd
        self.notes = notes
        self.anchors: dict[str, tuple[type, Any]] = {}
        self.count = 0
        self.shared: set[int] = set()  # containers that occur more than once in the document
        self.named: dict[int, str] = {}  # anchors given to containers already written
        self.keeping = False  # a `|+` block scalar was just written: a blank line would join it

    # -- choices ---------------------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        """True with probability about ``p``; hypothesis leans towards False, the plain form."""
        return self.rnd.random() >= 1 - p

    def usually(self, p: float) -> bool:
        """True with probability about ``p`` or more; hypothesis leans towards True."""
        return self.rnd.random() < p

    def note(self) -> str:
        """The next comment text (``# ...``)."""
        self.count += 1
        return self.notes[self.count % len(self.notes)] if self.notes else "# note"

    def head(self, indent: int) -> list[str]:
        """Zero or more comment lines at ``indent``, sometimes after a blank line."""
        lines: list[str] = []
        while self.chance(0.1):
            if self.chance(0.2) and not (self.keeping and not lines):
                lines.append("")
            lines.append(" " * indent + self.note())
        self.keeping = False
        return lines

    def tail(self) -> str:
        """A line comment (with its leading spaces), or nothing. (Never a tab before it: YAML
        allows one, but ruamel.yaml's scanner and libyaml refuse it in some places.)"""
        if self.chance(0.15):
            return self.rnd.choice([" ", "  "]) + self.note()
        return ""

    # -- anchors, aliases and merges ---------------------------------------------------------------

    def alias(self, v: Any) -> str | None:
        """``*name`` when ``v`` is a container written before with an anchor."""
        if isinstance(v, (dict, list)) and id(v) in self.named:
            return "*" + self.named[id(v)]
        return None

    def anchor(self, v: Any) -> str:
        """``&name`` (with a trailing space) for a container that occurs again later (and rarely
        for one that does not), else nothing."""
        if not isinstance(v, (dict, list)) or not (id(v) in self.shared or self.chance(0.03)):
            return ""
        self.count += 1
        name = f"c{self.count}"
        if id(v) in self.shared:
            self.named[id(v)] = name
        return f"&{name} "

    def merge(self, v: Any) -> str | None:
        """The value of a merge key (``*a`` or ``[*a, *b]``) for a :class:`Merged` whose bases
        all have anchors, else None."""
        if not isinstance(v, Merged) or not all(id(b) in self.named for b in v.bases):
            return None
        names = ["*" + self.named[id(b)] for b in v.bases]
        return names[0] if len(names) == 1 and self.usually(0.7) else "[" + ", ".join(names) + "]"

    # -- scalars ---------------------------------------------------------------------------------

    def key(self, k: str, flow: bool = False) -> str:
        if lexically_plain(k) and not (flow and _FLOW_UNSAFE & set(k)) and self.usually(0.8):
            return k
        if single_quoted_ok(k) and self.chance(0.3):
            return single_quoted(k)
        return double_quoted(k, self.rnd)

    def scalar(self, v: Any, flow: bool) -> str:
        """``v`` as a one-line scalar (no literal block)."""
        text = self._scalar_text(v, flow)
        if v is not None and self.chance(0.05):
            name = f"s{len(self.anchors)}"
            same = (type(v), v)
            previous = next((a for a, seen in self.anchors.items() if seen == same), None)
            if previous is not None:
                return f"*{previous}"
            self.anchors[name] = (type(v), v)
            return f"&{name} {text}"
        return text

    def _scalar_text(self, v: Any, flow: bool) -> str:
        if self.chance(0.04):
            tagged = self._tagged(v, flow)
            if tagged is not None:
                return tagged
        if v is None:
            return self.rnd.choice(["null", "~", "Null", "NULL"])
        if isinstance(v, bool):
            return self.rnd.choice(["true", "True", "TRUE"] if v else ["false", "False", "FALSE"])
        if isinstance(v, int):
            return self.rnd.choice(int_spellings(v))
        if isinstance(v, float):
            return self.rnd.choice(float_spellings(v))
        assert isinstance(v, str)
        if plain_for_every_reader(v) and self.usually(0.7):
            return v
        if plain_for_kyaml(v, flow) and self.usually(0.6):
            return v
        if single_quoted_ok(v) and self.chance(0.4):
            return single_quoted(v)
        return double_quoted(v, self.rnd)

    def _tagged(self, v: Any, flow: bool) -> str | None:
        """``v`` with an explicit tag (SPEC §3.1), or None when there is no such form here."""
        if isinstance(v, str):
            if lexically_plain(v) and not (flow and _FLOW_UNSAFE & set(v)):
                return "!!str " + v
            return "!!str " + double_quoted(v, self.rnd)
        if isinstance(v, bool):
            return "!!bool " + ("true" if v else "false")
        if isinstance(v, int):
            return f'!!int "{v}"'
        if isinstance(v, float) and v.is_integer():
            return f"!!float {int(v)}"
        if v is None:
            return "!!null null"
        return None

    def literal(self, s: str, indent: int) -> _Out:
        """A literal block scalar whose content is indented to ``indent``."""
        trailing = len(s) - len(s.rstrip("\n"))
        chomp = {0: "-", 1: ""}.get(trailing, "+")
        body = s[:-trailing] if trailing else s
        lines = [(" " * indent + line) if line else "" for line in body.split("\n")]
        lines += [""] * (trailing - 1)
        self.keeping = chomp == "+"
        return _Out(f" |{chomp}{self.tail()}", lines)

    # -- collections -----------------------------------------------------------------------------

    def item(self, v: Any, indent: int, in_sequence: bool) -> _Out:
        """``v`` in block context, after ``key:`` or ``-`` at ``indent``."""
        alias = self.alias(v)
        if alias is not None:
            return _Out(" " + alias, [])
        if isinstance(v, (dict, list)) and v and self.usually(0.6):
            anchor = self.anchor(v).rstrip()
            anchor = " " + anchor if anchor else ""
            if isinstance(v, dict):
                return _Out(anchor, self.block_mapping(v, indent + 2), block=True)
            seq_indent = indent if not in_sequence and self.chance(0.5) else indent + 2
            return _Out(anchor, self.block_sequence(v, seq_indent), block=True)
        if isinstance(v, (dict, list)):
            anchor = self.anchor(v)
            lines = self.flow(v, indent + 1, self.chance(0.4))
            return _Out(" " + anchor + lines[0], lines[1:])
        if isinstance(v, str) and literal_ok(v) and self.usually(0.6):
            return self.literal(v, indent + 2)
        if isinstance(v, str) and self.chance(0.1):
            lines = double_quoted_lines(v, self.rnd, indent + 2)
            return _Out(" " + lines[0], lines[1:])
        words = v.split(" ") if isinstance(v, str) else []
        if (
            len(words) > 1
            and plain_for_every_reader(v)
            and all(w and w[0].isalnum() for w in words)
            and self.chance(0.3)
        ):
            return _Out(" " + words[0], [" " * (indent + 2) + w for w in words[1:]])
        if v is None and self.chance(0.3):
            return _Out("", [])
        text = self.scalar(v, flow=False)
        if self.chance(0.08):
            # The value on the next line, a comment maybe between (SPEC §6: kept).
            return _Out("", [" " * (indent + 2) + text + self.tail()], block=True)
        return _Out(" " + text, [])

    def block_mapping(self, m: dict[str, Any], indent: int) -> list[str]:
        lines: list[str] = []
        pad = " " * indent
        merge = self.merge(m)
        if merge is not None and isinstance(m, Merged):
            lines.append(f"{pad}<<: {merge}{self.tail()}")
            m = m.own
        for k, v in m.items():
            lines += self.head(indent)
            out = self.item(v, indent, in_sequence=False)
            after = self.tail() if out.block or not out.lines else ""
            lines.append(f"{pad}{self.key(k)}:{out.inline}{after}")
            lines += out.lines
        return lines

    def block_sequence(self, s: list[Any], indent: int) -> list[str]:
        lines: list[str] = []
        pad = " " * indent
        for v in s:
            lines += self.head(indent)
            out = self.item(v, indent, in_sequence=True)
            if out.block and not out.inline and self.usually(0.7):
                # The collection starts on the dash's line: `- key: v` or `- - item`.
                first, *rest = out.lines
                inner = " " * (indent + 2)
                if first.startswith(inner) and first[len(inner)] != " ":
                    lines.append(f"{pad}- {first[len(inner) :]}")
                    lines += rest
                    continue
            after = self.tail() if out.block or not out.lines else ""
            lines.append(f"{pad}-{out.inline}{after}")
            lines += out.lines
        return lines

    def flow(self, v: dict[str, Any] | list[Any], indent: int, multiline: bool) -> list[str]:
        """A flow collection; continuation lines are indented at least ``indent``."""
        opening, closing = ("{", "}") if isinstance(v, dict) else ("[", "]")
        entries: list[tuple[str | None, Any]]
        entries = list(v.items()) if isinstance(v, dict) else [(None, x) for x in v]
        merge = self.merge(v)
        if merge is not None and isinstance(v, Merged):
            entries = [("<<", _Raw(merge)), *v.own.items()]
        if not entries:
            return [opening + closing]
        if not multiline:
            parts = [self.flow_entry(k, x, indent, False) for k, x in entries]
            return [opening + ", ".join(p[0] for p in parts) + closing]
        inner = " " * (indent + 2)
        lines = [opening + (" " + self.note() if self.chance(0.2) else "")]
        for i, (k, x) in enumerate(entries):
            if self.chance(0.1):
                lines.append(inner + self.note())
            first, *rest = self.flow_entry(k, x, indent + 2, True)
            last = i == len(entries) - 1
            comma = "," if not last or self.chance(0.5) else ""
            comment = (" " + self.note()) if comma and self.chance(0.2) else ""
            body = [inner + first, *rest]
            body[-1] += comma + comment
            lines += body
        lines.append(" " * indent + closing)
        return lines

    def flow_entry(self, k: str | None, v: Any, indent: int, multiline: bool) -> list[str]:
        alias = self.alias(v)
        if isinstance(v, _Raw):
            value = [v.text]
        elif alias is not None:
            value = [alias]
        elif isinstance(v, (dict, list)):
            anchor = self.anchor(v)
            value = self.flow(v, indent, multiline and self.chance(0.5))
            value[0] = anchor + value[0]
        else:
            value = [self.scalar(v, flow=True)]
        if k is None:
            return value
        key = k if isinstance(v, _Raw) else self.key(k, flow=True)
        return [f"{key}: {value[0]}", *value[1:]]

    # -- documents -------------------------------------------------------------------------------

    def document(self, doc: Any) -> list[str]:
        """The lines of one document's content (no ``---``)."""
        if isinstance(doc, dict) and doc and self.usually(0.8):
            return self.block_mapping(doc, 0)
        if isinstance(doc, list) and doc and self.usually(0.7):
            return self.block_sequence(doc, 0)
        if isinstance(doc, (dict, list)):
            return self.flow(doc, 0, self.chance(0.6))
        if isinstance(doc, str) and literal_ok(doc) and self.usually(0.5):
            out = self.literal(doc, 2)
            return ["|" + out.inline[2:], *out.lines]
        if doc is None and self.chance(0.5):
            return []
        return [self.scalar(doc, flow=False)]

    def stream(self, docs: list[Any]) -> str:
        lines: list[str] = []
        for i, doc in enumerate(docs):
            self.anchors = {}  # anchors do not cross documents
            counts: dict[int, int] = {}
            _containers(doc, counts)
            self.shared = {key for key, n in counts.items() if n > 1}
            self.named = {}
            lines += self.head(0)
            content = self.document(doc)
            bare = (
                i == 0
                and content
                and not content[0].startswith(("|", "#", "%"))
                and self.chance(0.3)
            )
            if not bare:
                lines.append("---" + self.tail())
            lines += content
            lines += self.head(0)
            if self.chance(0.15):
                lines.append("...")
        return "\n".join(lines) + "\n"


comment_texts = (
    st.lists(
        st.characters(
            codec="utf-8",
            exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cn"),
            exclude_characters="\ufeff",
        )
        | st.sampled_from(["\t", "#", "'", '"', "\\", "---", ": ", "{", "]", " "]),
        max_size=12,
    )
    .map("".join)
    .map(lambda s: "#" + s)
)


@dataclass
class Stream:
    """A generated YAML stream: the data of its documents, and its text."""

    docs: list[Any]
    text: str


@st.composite
def yaml_streams(draw: st.DrawFn, crlf: bool = True) -> Stream:
    """One to three documents rendered as one YAML text (sometimes with CRLF line ends)."""
    docs = draw(st.lists(documents, min_size=1, max_size=3))
    notes = draw(st.lists(comment_texts, min_size=1, max_size=6))
    rnd = draw(st.randoms(use_true_random=False))
    text = Renderer(rnd, notes).stream(docs)
    if crlf and draw(st.booleans()) and draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return Stream(docs, text)
