"""Checking YAML for what its readers disagree on, and fixing it in place: ``kyaml check``.

:func:`check_str` reads a text as ``kyaml fmt`` would and returns its findings, each a
:class:`~kyaml.errors.Diagnostic` with its rule's code (:mod:`kyaml.rules`): the warnings of the
reader, an error when the text cannot be read, and, for a ``*.kyaml`` file (``kyaml_form``),
where it first differs from ``kyaml fmt``'s output. ``# kyaml: ignore[CODE]`` and
``# kyaml: off``/``on`` comments silence findings (:mod:`kyaml._reader.opt_out`).

:func:`fix_str` applies the findings' fixes. On block YAML each fix replaces one scalar's text
and nothing else: comments, blank lines and layout stay as they are, and the value is the one
the chosen schema reads, now written so that YAML 1.1 and YAML 1.2 readers agree. A KYAML file's
fix is ``kyaml fmt``'s output.
"""

from __future__ import annotations

from kyaml._api import format_str, read_whole
from kyaml._reader.decode import as_text
from kyaml._reader.documents import normalized
from kyaml._reader.opt_out import Directives, Scalars, may_have_directives
from kyaml._reader.scalars import clip
from kyaml._reader.split import lf_only
from kyaml.errors import Diagnostic, Fix, KyamlError
from kyaml.options import DEFAULT, Options
from kyaml.rules import RULES, selected_codes

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Iterable

#: Codes ``kyaml check`` never reports: remarks on what ``fmt`` and ``convert`` wrote.
_WRITER_REMARKS = "KY5"
#: How often fixes are applied again to what they gave, at most (one round is the rule).
_ROUNDS = 3


def check_str(
    text: str | bytes | bytearray,
    *,
    options: Options | None = None,
    kyaml_form: bool = False,
    codes: Iterable[str] | None = None,
) -> list[Diagnostic]:
    """The findings in ``text``, in order of position.

    ``options`` say how to read it (its schema above all; ``strict`` and ``compact`` do not
    apply). ``kyaml_form`` also reports where the text is not in KYAML form. ``codes`` are the
    codes reported (None: the rules on by default); an error of unreadable input is always
    reported, alone.
    """
    opts = (options or DEFAULT).replace(strict=False, compact=False)
    found: list[Diagnostic] = []
    try:
        raw = as_text(text).removeprefix("\ufeff")
        source = normalized(raw)
        read_whole(source, opts, found.append)
        formatted = format_str(source, options=opts) if kyaml_form else source
    except KyamlError as exc:
        return [error_finding(exc)]
    found = [d for d in found if not d.code.startswith(_WRITER_REMARKS)]
    if kyaml_form and formatted != source:
        if "\r\n" in raw:
            formatted = formatted.replace("\n", "\r\n")
        found.append(form_finding(source, formatted))
    if not lf_only(source):  # lines broken otherwise too: fixes could not find their place
        found = [_without_fix(d) for d in found]
    chosen = frozenset(codes) if codes is not None else selected_codes()
    scalars = Scalars.of(source, opts.read.parser) if may_have_directives(source) else None
    directives = Directives(source, scalars)
    kept = [d for d in found if d.code in chosen and not directives.silenced(d.line, d.code)]
    return sorted(kept, key=lambda d: (d.line, d.col, d.code))


def _without_fix(d: Diagnostic) -> Diagnostic:
    return Diagnostic(d.line, d.col, d.severity, d.message, d.code, d.end_line, d.end_col)


def error_finding(exc: KyamlError) -> Diagnostic:
    """An error of unreadable input as a finding (at 1:1 when it has no position)."""
    line, col = exc.line or 1, exc.col or 1
    return Diagnostic(line, col, "error", exc.message, exc.code, exc.end_line, exc.end_col)


def fix_str(
    text: str | bytes | bytearray,
    *,
    options: Options | None = None,
    kyaml_form: bool = False,
    codes: Iterable[str] | None = None,
) -> str:
    """``text`` (its line breaks as they are, without a byte order mark) with the fixes of its
    findings (:func:`check_str`'s arguments) applied, until none is left to apply; the text
    unchanged when it is not YAML (bytes that are not text raise
    :class:`~kyaml.errors.KyamlError`)."""
    current = as_text(text).removeprefix("\ufeff")
    chosen = frozenset(codes) if codes is not None else None
    for _ in range(_ROUNDS):
        findings = check_str(current, options=options, kyaml_form=kyaml_form, codes=chosen)
        fixed = apply_fixes(current, findings)
        if fixed == current:
            break
        current = fixed
    return current


def apply_fixes(text: str, findings: Iterable[Diagnostic]) -> str:
    """``text`` (``\\n`` line breaks) with the fixes of ``findings`` applied; a fix that
    overlaps one before it is left for another round."""
    fixes = sorted(
        {d.fix for d in findings if d.fix is not None and RULES[d.code].fixable},
        key=lambda f: (f.line, f.col, f.end_line, f.end_col),
    )
    if not fixes:
        return text
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)

    def offset(line: int, col: int) -> int:
        return min(starts[line - 1] + col - 1, len(text)) if line <= len(starts) else len(text)

    out: list[str] = []
    done = 0
    for fix in fixes:
        start, end = offset(fix.line, fix.col), offset(fix.end_line, fix.end_col)
        if start < done:
            continue
        out.append(text[done:start])
        out.append(fix.content)
        done = end
    out.append(text[done:])
    return "".join(out)


def whole_text(text: str, content: str) -> Fix:
    """A fix that replaces all of ``text`` with ``content``."""
    last = text.rfind("\n")
    return Fix(content, 1, 1, text.count("\n") + 1, len(text) - last)


def form_finding(source: str, formatted: str) -> Diagnostic:
    """Where ``source`` (a ``*.kyaml`` file) first differs from ``formatted``, its ``kyaml fmt``
    output, and what kind of difference that is; its fix is the formatted text."""
    at = 0
    limit = min(len(source), len(formatted))
    while at < limit and source[at] == formatted[at]:
        at += 1
    line = source.count("\n", 0, at) + 1
    col = at - source.rfind("\n", 0, at)
    start = source.rfind("\n", 0, at) + 1
    here = source[start : source.find("\n", start) if "\n" in source[start:] else len(source)]
    out_start = formatted.rfind("\n", 0, at) + 1
    out_end = formatted.find("\n", out_start)
    expected = formatted[out_start : out_end if out_end >= 0 else len(formatted)]
    wanted = formatted[at : at + 1]
    stripped = here.strip()
    if expected.startswith("---") and not stripped.startswith("---"):
        code, message = "KY401", "not in KYAML form: a KYAML document begins with ---"
    elif wanted == "," and source[at : at + 1] in ("\n", " ", "#", ""):
        code, message = "KY404", "not in KYAML form: missing trailing comma"
    elif wanted == '"' and source[at : at + 1] not in ("'", ""):
        code, message = "KY403", "not in KYAML form: a string value KYAML writes double-quoted"
    elif _block_line(stripped) or (expected.strip() in ("{", "[") and stripped[:1] not in "{["):
        code, message = "KY402", "not in KYAML form: block style; KYAML writes {} and []"
    else:
        code = "KY405"
        message = f"not in KYAML form: kyaml fmt writes this line as {clip(expected.strip())!r}"
    fix = whole_text(source, formatted)
    return Diagnostic(line, col, "warning", message, code, 0, 0, fix)


def _block_line(line: str) -> bool:
    """Whether a stripped line reads as block style: a ``- `` item, or a ``key:`` whose value
    is not a flow collection on the same line."""
    if line == "-" or line.startswith("- "):
        return True
    if line[:1] in ("{", "[", "}", "]", "#", '"', "'") or line.endswith(","):
        return False
    _key, colon, rest = line.partition(": ")
    if colon:
        return not rest.strip().startswith(("{", "["))
    return line.endswith(":")


__all__ = ["apply_fixes", "check_str", "error_finding", "fix_str", "form_finding"]
