"""The rules: every finding kyaml reports, under a stable code.

A code is ``KY`` and three digits; the first digit groups a family, so that a prefix selects it
(``--select KY1``):

- ``KY0``: input kyaml cannot read without losing or changing data (errors: the file is not
  checked further, and ``kyaml fmt`` refuses it);
- ``KY1``: a plain scalar that YAML 1.1 readers (kubectl's go-yaml v2, PyYAML) and YAML 1.2
  readers (go-yaml v3, ruamel.yaml, the JavaScript ``yaml`` package) read differently;
- ``KY2``: numbers some readers cannot hold, or written in a form other than the one all read;
- ``KY3``: structure that readers treat differently, or that KYAML writes otherwise;
- ``KY4``: a ``*.kyaml``/``*.kyml`` file that is not in KYAML form (``kyaml check`` only);
- ``KY5``: remarks of ``kyaml fmt`` and ``kyaml convert`` on what they wrote.

This table is the one source of the codes: ``kyaml check --help``, ``kyaml rule CODE``, the
language server and ``docs/rules.md`` are all made from it.
"""

from __future__ import annotations

from kyaml._rule_table import ROWS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Iterable

    from kyaml.errors import Severity

DOCS_URL = "https://github.com/kyaml-project/kyaml/blob/main/docs/rules.md"

FAMILIES = {
    "KY0": "Unreadable input",
    "KY1": "YAML 1.1 and YAML 1.2 read differently",
    "KY2": "Numbers",
    "KY3": "Structure",
    "KY4": "KYAML form",
    "KY5": "What fmt and convert wrote",
}


class Rule:
    """One rule: its code and name, default severity, whether ``check`` reports it unless
    deselected, whether ``check --fix`` can fix it, a one-line summary and its explanation."""

    __slots__ = ("code", "default", "explanation", "fixable", "name", "severity", "summary")

    def __init__(  # noqa: PLR0917 (a table row)
        self,
        code: str,
        name: str,
        severity: Severity,
        default: bool,
        fixable: bool,
        summary: str,
        explanation: str,
    ) -> None:
        self.code = code
        self.name = name
        self.severity: Severity = severity
        self.default = default
        self.fixable = fixable
        self.summary = summary
        self.explanation = explanation

    @property
    def url(self) -> str:
        """Where the rule's documentation is."""
        return f"{DOCS_URL}#{self.code.lower()}-{self.name}"

    @property
    def family(self) -> str:
        """The family's prefix (``KY1``)."""
        return self.code[:3]

    @property
    def always(self) -> bool:
        """An error of unreadable input: reported whatever the selection says."""
        return self.severity == "error"

    def __repr__(self) -> str:
        return f"Rule({self.code!r}, {self.name!r})"


#: Every rule, by code.
RULES: dict[str, Rule] = {row[0]: Rule(*row[:6], row[6].strip()) for row in ROWS}


def rule_for(code: str) -> Rule | None:
    """The rule with ``code`` (any case), or None."""
    return RULES.get(code.upper())


def known_prefix(prefix: str) -> bool:
    """Whether ``prefix`` selects at least one rule (``ALL`` selects every one)."""
    prefix = prefix.upper()
    return prefix == "ALL" or any(code.startswith(prefix) for code in RULES)


def selected_codes(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> frozenset[str]:
    """The codes a selection reports: ``select`` (codes or prefixes; None: the rules on by
    default) plus ``extend_select``, less ``ignore``. Errors of unreadable input are always
    in (:attr:`Rule.always`)."""

    def matching(prefixes: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for prefix in prefixes:
            p = prefix.upper()
            found.update(c for c in RULES if p == "ALL" or c.startswith(p))
        return found

    chosen = {c for c, r in RULES.items() if r.default} if select is None else matching(select)
    chosen |= matching(extend_select)
    chosen -= matching(ignore)
    chosen |= {c for c, r in RULES.items() if r.always}
    return frozenset(chosen)


def markdown_rule(rule: Rule, level: int = 1) -> str:
    """A rule's explanation in Markdown, as ``kyaml rule CODE`` prints it."""
    on = "on by default" if rule.default else "off by default (select it to report it)"
    fix = "`kyaml check --fix` fixes it" if rule.fixable else "no automatic fix"
    return (
        f"{'#' * level} {rule.code}: {rule.name}\n\n{rule.summary}\n\n{rule.explanation}\n\n"
        f"Severity: {rule.severity}; {on}; {fix}.\n"
    )


def rule_table() -> str:
    """Every rule on one line each: code, ``[*]`` when it can fix, name, summary."""
    return "".join(
        f"{r.code} {'[*]' if r.fixable else '   '} {r.name}: {r.summary}"
        f"{'' if r.default else ' (off by default)'}\n"
        for r in RULES.values()
    )


def markdown() -> str:
    """``docs/rules.md``: every family and rule, from this table."""
    out = [
        "# kyaml's rules\n\n",
        "<!-- Made by `python -m kyaml.rules` from src/kyaml/rules.py; do not edit. -->\n\n",
        "`kyaml check` reports each finding with a rule code; `kyaml fmt`, the library's\n",
        "`Diagnostic.code` and `kyaml lsp` use the same codes. The first digit groups a\n",
        "family, so a prefix selects it: `--select KY1`, `--ignore KY203`,\n",
        "`--extend-select KY303`, or `select`, `ignore` and `extend-select` in `[tool.kyaml]`\n",
        "or `kyaml.toml`. Errors of unreadable input (`KY0`) are always reported.\n",
        "A line's `# kyaml: ignore[KY101]` (or a bare `# kyaml: ignore`) silences it, and\n",
        "`# kyaml: off` ... `# kyaml: on` silences a region.\n\n",
        "| Code | Name | Severity | On by default | Fix | Summary |\n",
        "|---|---|---|---|---|---|\n",
    ]
    for r in RULES.values():
        anchor = f"{r.code.lower()}-{r.name}"
        summary = r.summary.replace("|", "\\|")
        out.append(
            f"| [{r.code}](#{anchor}) | {r.name} | {r.severity} |"
            f" {'yes' if r.default else 'no'} | {'yes' if r.fixable else 'no'} | {summary} |\n"
        )
    for prefix, title in FAMILIES.items():
        out.append(f"\n## {prefix}: {title}\n")
        for r in RULES.values():
            if r.family == prefix:
                out.append("\n" + markdown_rule(r, level=3))
    return "".join(out)


if __name__ == "__main__":
    import sys

    sys.stdout.write(markdown())


__all__ = [
    "DOCS_URL",
    "FAMILIES",
    "RULES",
    "Rule",
    "known_prefix",
    "markdown",
    "markdown_rule",
    "rule_for",
    "rule_table",
    "selected_codes",
]
