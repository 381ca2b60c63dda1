"""The rows of kyaml's rule table (:mod:`kyaml.rules` makes the rules of them): code, name,
default severity, whether on by default, whether fixable, a one-line summary, and the
explanation ``kyaml rule CODE`` prints (Markdown).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from kyaml.errors import Severity

ROWS: tuple[tuple[str, str, Severity, bool, bool, str, str], ...] = (
    # --- KY0: unreadable input -----------------------------------------------------------------
    (
        "KY001",
        "syntax-error",
        "error",
        True,
        False,
        "The text is not YAML.",
        """
The parser stopped here: a missing `:`, a bad indent, an unclosed quote or bracket. Nothing is
written; fix the YAML first.

    key: "unclosed
""",
    ),
    (
        "KY002",
        "template-syntax",
        "error",
        True,
        False,
        "Template syntax (Helm, Jinja) where YAML expects a node.",
        """
`{{ ... }}`, `{% ... %}` and `{# ... #}` where a node starts are not YAML: the file is a
template, to be rendered before it is YAML. Exclude templates from checking (Helm's
`templates/` folders are left out already), or quote the value when the braces are text.

    replicas: {{ .Values.replicas }}
""",
    ),
    (
        "KY003",
        "tab-indent",
        "error",
        True,
        False,
        "A tab indents a line; YAML indents with spaces.",
        """
YAML forbids tabs in indentation; parsers refuse the file. Indent with spaces.
""",
    ),
    (
        "KY004",
        "duplicate-key",
        "error",
        True,
        False,
        "A key appears twice in one mapping.",
        """
Readers disagree on a duplicate key: go-yaml v3 and ruamel.yaml refuse the file, PyYAML and
go-yaml v2 keep the last value, others the first. kyaml refuses it and names both places.

    metadata:
      name: a
      name: b
""",
    ),
    (
        "KY005",
        "unsupported-tag",
        "error",
        True,
        False,
        "A tag other than YAML's own (!!str, !!int, ...), or a value its tag cannot hold.",
        """
A custom tag (`!Ref`, `!vault`) means something only to the program that defined it; KYAML
cannot keep it. A standard tag must be able to hold its value: `!!int abc` cannot.
""",
    ),
    (
        "KY006",
        "complex-key",
        "error",
        True,
        False,
        "A mapping or a sequence used as a mapping key.",
        """
KYAML keys are strings, as JSON's are; a key that is a collection (`? [a, b]`) has no KYAML
form.
""",
    ),
    (
        "KY007",
        "limit",
        "error",
        True,
        False,
        "A limit that keeps the work bounded: nesting depth, alias expansion, number size.",
        """
Input that would take unbounded time or memory to read is refused: nesting deeper than the
limit, aliases that expand beyond it (a "billion laughs" document), integers too long to write.
""",
    ),
    (
        "KY008",
        "not-unicode",
        "error",
        True,
        False,
        "The text is not valid Unicode.",
        """
Invalid UTF-8 or UTF-16, a character YAML does not allow, or a lone UTF-16 surrogate.
""",
    ),
    (
        "KY009",
        "unsupported",
        "error",
        True,
        False,
        "YAML that KYAML cannot hold without changing it.",
        """
A recursive alias, a merge key whose value is not a mapping, a comment kyaml cannot place
without losing it, and the like. The message says which.
""",
    ),
    # --- KY1: YAML 1.1 and 1.2 read differently --------------------------------------------------
    (
        "KY101",
        "yaml11-boolean",
        "warning",
        True,
        True,
        "yes/no/on/off/y/n: a boolean to YAML 1.1, a string to YAML 1.2 (the Norway problem).",
        """
YAML 1.1 readers (kubectl's go-yaml v2, PyYAML) read `yes`, `no`, `on`, `off`, `y`, `n` in
lower, Title or UPPER case as booleans; YAML 1.2 readers read strings. `country: NO` is `false`
to kubectl.

The fix quotes the value (`"NO"`), or writes the boolean (`false`) under `--schema 1.1`.
GitHub Actions' `on:` key is a key of this rule too: the fix writes `"on":`.
""",
    ),
    (
        "KY102",
        "octal",
        "warning",
        True,
        True,
        "0644 or 0o644: octal to one YAML version, decimal or a string to the other.",
        """
`0644` is 420 (octal) to YAML 1.1 and to go-yaml v3, but 644 to a YAML 1.2 reader; `0o644` is
420 to YAML 1.2 and a string to YAML 1.1. File modes are the usual victims.

The fix writes the number in decimal as the chosen schema reads it (`420`; `644` under
`--schema 1.2`).
""",
    ),
    (
        "KY103",
        "sexagesimal",
        "warning",
        True,
        True,
        "1:30: a base-60 number to YAML 1.1, a string to YAML 1.2.",
        """
YAML 1.1 reads digits separated by colons as base 60: `ports: 22:22` is 1342 to PyYAML (go-yaml
v2, behind kubectl, reads a string). The fix quotes the value (`"22:22"`), or writes the number
under `--schema 1.1`, which reads as PyYAML does.
""",
    ),
    (
        "KY104",
        "exponent-float",
        "warning",
        True,
        True,
        "1e3: a float to YAML 1.2, a string to PyYAML (which needs a dot and a signed exponent).",
        """
YAML 1.1 reads a float only with a dot and, when there is an exponent, a sign: `1e3` and
`1.0e3` are strings to PyYAML and floats to YAML 1.2 readers (and to go-yaml v2). The fix writes
the float in the form every reader reads alike (`1000.0`), or quotes it under `--schema 1.1`.
""",
    ),
    (
        "KY105",
        "timestamp",
        "warning",
        True,
        True,
        "2001-12-14: a timestamp to YAML 1.1 readers (PyYAML), a string to YAML 1.2.",
        """
YAML 1.1 defines a timestamp type: PyYAML and Ruby read `2001-12-14` as a date, YAML 1.2
readers as a string (kyaml reads a string in every schema). The fix quotes it.
""",
    ),
    (
        "KY106",
        "value-or-merge-scalar",
        "warning",
        True,
        True,
        "A plain = or << as a value: YAML 1.1's value and merge types, a string to YAML 1.2.",
        """
YAML 1.1 gives a plain `=` the value type and a plain `<<` the merge type, which PyYAML refuses
to construct where they are not merge keys; YAML 1.2 reads strings. The fix quotes them.
""",
    ),
    (
        "KY107",
        "yaml11-number-form",
        "warning",
        True,
        True,
        "A number only one YAML version reads: 0b1010, 1_000, +0x1F and other forms.",
        """
YAML 1.1 reads binary (`0b1010`), digit separators (`1_000`) and signed hexadecimal as numbers;
YAML 1.2's core schema reads them as strings. The fix writes the number in decimal as the chosen
schema reads it (go-yaml v3 reads these as numbers), or quotes it under `--schema 1.2`.
""",
    ),
    # --- KY2: numbers ---------------------------------------------------------------------------
    (
        "KY201",
        "int-beyond-64-bits",
        "warning",
        True,
        False,
        "An integer beyond 64 bits: some readers cannot hold it, or read a string.",
        """
go-yaml holds int64 or uint64; past that, a decimal integer becomes a float (losing digits) and a
hexadecimal one a string. kyaml keeps the exact integer. Quote it when it is an identifier.
""",
    ),
    (
        "KY202",
        "float-beyond-range",
        "warning",
        True,
        True,
        "A number beyond float range: infinity to some readers, a string to others.",
        """
A number beyond float range (`1e400`, `1.0e+400`) is read as infinity by YAML 1.2 readers
(ruamel.yaml, the JavaScript `yaml` package) and as a string by go-yaml; PyYAML reads infinity
where its float pattern matches (`1.0e+400`) and a string where it does not (`1e400`). The fix
writes what the chosen schema reads: the string, or `.inf`.
""",
    ),
    (
        "KY203",
        "non-canonical-number",
        "info",
        False,
        True,
        "A number written otherwise than in the form every reader (JSON too) reads alike.",
        """
`0x1F`, `+1`, `1.`, `.5` are the same number to YAML readers, but not all are JSON, and some
tools compare text. KYAML writes `31`, `1`, `1.0`, `0.5`. Off by default.
""",
    ),
    # --- KY3: structure -------------------------------------------------------------------------
    (
        "KY301",
        "non-string-key",
        "warning",
        True,
        False,
        "A plain key readers take for a number, boolean or null.",
        """
`1: a` or `true: b` has a non-string key to PyYAML and to go-yaml into an interface; KYAML keys
are strings, written quoted (`"1"`). Quote the key when a string is meant.
""",
    ),
    (
        "KY302",
        "merge-key",
        "info",
        True,
        False,
        "A merge key (<<): YAML 1.1 only; YAML 1.2 readers may read a key named <<.",
        """
Merge keys are a YAML 1.1 type. go-yaml, PyYAML and ruamel.yaml merge; the JavaScript `yaml`
package and other YAML 1.2 readers read a key `<<` unless told to merge. kyaml writes the merged
entries out.
""",
    ),
    (
        "KY303",
        "alias",
        "info",
        False,
        False,
        "An alias, written as a copy of its anchor's value (unless anchors are kept).",
        """
KYAML as Kubernetes writes it has no anchors: every alias is written as a copy of what its anchor
holds. `--anchors keep` keeps them. Off by default.
""",
    ),
    (
        "KY304",
        "binary-tag",
        "warning",
        True,
        False,
        "!!binary data, written as its base64 text (a string).",
        """
KYAML has no binary type; the data stays its base64 text, which readers then read as a string.
""",
    ),
    (
        "KY305",
        "omap-tag",
        "info",
        False,
        False,
        "!!omap, written as the sequence of one-entry mappings it is.",
        """
An ordered map is read as the list of one-entry mappings YAML defines it as. Off by default.
""",
    ),
    (
        "KY306",
        "content-after-end",
        "warning",
        True,
        False,
        "Content after a ... line without ---: YAML 1.2 reads a new document, libyaml refuses it.",
        """
After `...`, YAML 1.2 lets a document begin without `---`; libyaml (PyYAML, go-yaml) refuses
the file. Add `---` before the document.
""",
    ),
    (
        "KY307",
        "later-yaml-version",
        "warning",
        True,
        False,
        "%YAML 1.3 or later: read as YAML 1.2, as YAML 1.2 says; libyaml refuses it.",
        """
A `%YAML` directive of a later 1.x version is read as 1.2, with this warning.
""",
    ),
    (
        "KY308",
        "reused-anchor",
        "warning",
        True,
        False,
        "An anchor name given twice in a document: PyYAML refuses it.",
        """
YAML lets a later anchor of the same name replace the earlier one for the aliases after it, and
go-yaml, ruamel.yaml and kyaml read it so; PyYAML refuses the document ("found duplicate
anchor"). Give each anchor its own name.
""",
    ),
    # --- KY4: KYAML form ------------------------------------------------------------------------
    (
        "KY401",
        "missing-document-start",
        "warning",
        True,
        True,
        "A KYAML document begins with ---.",
        """
In a `*.kyaml` or `*.kyml` file each document begins with a `---` line. The fix applies
`kyaml fmt`.
""",
    ),
    (
        "KY402",
        "block-style",
        "warning",
        True,
        True,
        "Block style in a KYAML file: KYAML writes mappings in {} and sequences in [].",
        """
KYAML is flow style throughout, so indentation never carries meaning. The fix applies
`kyaml fmt`.
""",
    ),
    (
        "KY403",
        "unquoted-string",
        "warning",
        True,
        True,
        "An unquoted string value in a KYAML file: KYAML double-quotes every string value.",
        """
Quoting every string is what makes KYAML immune to the readings of KY1: no plain scalar is left
for a reader to guess at. The fix applies `kyaml fmt`.
""",
    ),
    (
        "KY404",
        "missing-trailing-comma",
        "warning",
        True,
        True,
        "A missing trailing comma in a KYAML file.",
        """
KYAML ends every entry and item on its own line with a comma, so that adding one changes one
line. The fix applies `kyaml fmt`.
""",
    ),
    (
        "KY405",
        "kyaml-layout",
        "warning",
        True,
        True,
        "A KYAML file laid out otherwise than `kyaml fmt` writes it.",
        """
Indentation, spacing, key quoting or line breaks differ from `kyaml fmt`'s output. The fix
applies `kyaml fmt`.
""",
    ),
    # --- KY5: remarks of fmt and convert --------------------------------------------------------
    (
        "KY501",
        "comments-dropped",
        "warning",
        True,
        False,
        "Comments dropped: compact KYAML and JSON have none.",
        """
`kyaml fmt --compact` and `kyaml convert --to json` write no comments; this says how many were
dropped. Never reported by `kyaml check`.
""",
    ),
    (
        "KY502",
        "kyaml-off-in-document",
        "warning",
        True,
        False,
        "# kyaml: off inside a document: flow style cannot keep part of a document as written.",
        """
`kyaml fmt` keeps a whole document as written when `# kyaml: off` stands on the line before its
root or its `---`. Inside a document it cannot: the document is formatted, with this warning.
`kyaml check` honours the region either way.
""",
    ),
    (
        "KY503",
        "document-kept",
        "warning",
        True,
        False,
        "A document left as written, as # kyaml: off above it asks.",
        """
`kyaml fmt` says which documents it left as written, so that block YAML left in a KYAML stream
is never a surprise. Never reported by `kyaml check`.
""",
    ),
)
