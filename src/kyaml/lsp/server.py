"""The language server: formatting, diagnostics, quick fixes, conversions and hover, on pygls.

Every handler reads the document as the client last sent it and works on a copy in a worker
thread, so that a large document never holds up the other requests; a result for a version of
the document that has changed since is dropped. Diagnostics are published on open and save, and
after a pause in changes (:data:`DEBOUNCE_SECONDS`). Whatever goes wrong in a handler is logged
to the client (``window/logMessage``) and answered as nothing to do: the server never stops for
a bad document, and stdout carries the protocol alone.
"""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from kyaml import format_str, to_yaml
from kyaml._version import __version__
from kyaml.cli.run import opted_out
from kyaml.errors import Diagnostic, KyamlError
from kyaml.lint import check_str, fix_str
from kyaml.lsp import protocol
from kyaml.lsp.settings import FileSettings, editor_settings, settings_for

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from pygls.workspace import TextDocument

    T = TypeVar("T")

#: How long the document must stay unchanged before diagnostics are computed again.
DEBOUNCE_SECONDS = 0.2
FIX_ALL = "source.fixAll.kyaml"
TO_KYAML = "source.convert.kyaml"
TO_YAML = "source.convert.yaml"


class KyamlServer(LanguageServer):
    """The server's state: the editor's settings, and per document its latest findings and
    pending diagnostics run."""

    def __init__(self) -> None:
        super().__init__("kyaml", __version__)
        self.editor: dict[str, Any] = {}
        self.findings: dict[str, tuple[int | None, list[Diagnostic]]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}

    def settings(self, document: TextDocument) -> FileSettings:
        path = to_fs_path(document.uri) if document.uri.startswith("file:") else None
        return settings_for(path, self.editor)

    def log(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """A line in the client's log (never on stdout)."""
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    async def work(self, call: Callable[[], T], what: str) -> T | None:
        """``call()`` in a worker thread; None, logged, when it raised."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(None, call)
        except Exception as exc:  # a bug must not take the server down
            self.log(f"kyaml: {what} failed: {type(exc).__name__}: {exc}\n{traceback.format_exc()}")
            return None


server = KyamlServer()


# --- settings ---------------------------------------------------------------------------------


@server.feature(types.INITIALIZE)
def initialize(ls: KyamlServer, params: types.InitializeParams) -> None:
    ls.editor = editor_settings(params.initialization_options)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(
    ls: KyamlServer, params: types.DidChangeConfigurationParams
) -> None:
    ls.editor = editor_settings(params.settings)
    for uri in list(ls.workspace.text_documents):
        await publish(ls, uri)


# --- diagnostics ------------------------------------------------------------------------------


async def publish(ls: KyamlServer, uri: str) -> None:
    """Check the document at ``uri`` and publish its findings (none for a file left out)."""
    document = ls.workspace.get_text_document(uri)
    version, text = document.version, document.source
    settings = ls.settings(document)
    if settings.problem:
        ls.log(settings.problem, types.MessageType.Warning)
    found: list[Diagnostic] = []
    if settings.excluded is None:
        result = await ls.work(
            lambda: check_str(
                text,
                options=settings.options,
                kyaml_form=settings.kyaml_form,
                codes=settings.codes,
            ),
            "checking",
        )
        found = result or []
    current = ls.workspace.text_documents.get(uri)
    if current is None or current.version != version:
        return  # changed (or closed) meanwhile: the newer version's run publishes
    ls.findings[uri] = (version, found)
    lines = text.split("\n")
    codec = ls.workspace.position_codec
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(
            uri=uri,
            version=version,
            diagnostics=[protocol.diagnostic(d, lines, codec) for d in found],
        )
    )


def schedule(ls: KyamlServer, uri: str, delay: float) -> None:
    """Publish ``uri``'s diagnostics after ``delay`` seconds without another change."""
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    loop = asyncio.get_running_loop()
    ls.pending[uri] = loop.call_later(delay, lambda: loop.create_task(publish(ls, uri)))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: KyamlServer, params: types.DidOpenTextDocumentParams) -> None:
    await publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: KyamlServer, params: types.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: KyamlServer, params: types.DidSaveTextDocumentParams) -> None:
    await publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: KyamlServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.pending.pop(uri, None)
    if pending is not None:
        pending.cancel()
    ls.findings.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


# --- formatting -------------------------------------------------------------------------------


def _replace(document: TextDocument, ls: KyamlServer, new: str) -> list[types.TextEdit]:
    """The edit that turns the whole document into ``new`` (none when it is the same)."""
    text = document.source
    if new == text:
        return []
    lines = text.split("\n")
    return [types.TextEdit(range=protocol.whole(lines, ls.workspace.position_codec), new_text=new)]


def _formatted(text: str, settings: FileSettings) -> str | None:
    """``text`` as ``kyaml fmt`` writes it, or None when it is left alone or cannot be read."""
    if settings.excluded is not None or opted_out(text):
        return None
    try:
        return format_str(text, options=settings.options)
    except KyamlError:
        return None  # its diagnostic says why


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
async def formatting(
    ls: KyamlServer, params: types.DocumentFormattingParams
) -> list[types.TextEdit] | None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    text, settings = document.source, ls.settings(document)
    new = await ls.work(lambda: _formatted(text, settings), "formatting")
    if new is None or document.source != text:
        return None
    return _replace(document, ls, new)


@server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
async def range_formatting(
    ls: KyamlServer, params: types.DocumentRangeFormattingParams
) -> list[types.TextEdit] | None:
    """Format the documents of the stream that the range touches, and nothing else."""
    from kyaml._reader.split import split_documents

    document = ls.workspace.get_text_document(params.text_document.uri)
    text, settings = document.source, ls.settings(document)
    first, last = params.range.start.line, params.range.end.line
    spans = [s for s in split_documents(text) if _touches(text, s, first, last)]
    if not spans:
        return None
    start, end = spans[0][0], spans[-1][1]
    new = await ls.work(lambda: _formatted(text[start:end], settings), "formatting")
    if new is None or document.source != text:
        return None
    lines = text.split("\n")
    codec = ls.workspace.position_codec
    head, tail = text[:start], text[:end]
    edit_range = types.Range(
        start=types.Position(line=head.count("\n"), character=0),
        end=protocol.position(
            lines, codec, tail.count("\n") + 1, len(tail) - (tail.rfind("\n") + 1) + 1
        ),
    )
    return [types.TextEdit(range=edit_range, new_text=new)]


def _touches(text: str, span: tuple[int, int, int], first: int, last: int) -> bool:
    start, end, line = span
    end_line = line + text.count("\n", start, max(start, end - 1))
    return line <= last and end_line >= first


# --- code actions and hover -------------------------------------------------------------------


def _wanted(params: types.CodeActionParams, kind: str) -> bool:
    only = params.context.only
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL, TO_KYAML, TO_YAML],
        resolve_provider=False,
    ),
)
async def code_actions(
    ls: KyamlServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    text, settings = document.source, ls.settings(document)
    lines, codec = text.split("\n"), ls.workspace.position_codec
    actions: list[types.CodeAction] = []
    if _wanted(params, types.CodeActionKind.QuickFix):
        for diag in params.context.diagnostics:
            data = diag.data if diag.source == protocol.SOURCE else None
            if not isinstance(data, dict) or "content" not in data:
                continue
            line, col, end_line, end_col = data["range"]
            edit = types.TextEdit(
                range=protocol.span(lines, codec, line, col, end_line, end_col),
                new_text=data["content"],
            )
            actions.append(
                types.CodeAction(
                    title=protocol.quick_fix_title(data["content"]),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
    if settings.excluded is not None:
        return actions
    whole_actions: list[tuple[str, str, Callable[[], str]]] = []
    options = settings.options
    if _wanted(params, FIX_ALL):
        fix = lambda: fix_str(  # noqa: E731
            text, options=options, kyaml_form=settings.kyaml_form, codes=settings.codes
        )
        whole_actions.append((FIX_ALL, "kyaml: fix all", fix))
    if _wanted(params, TO_KYAML):
        whole_actions.append(
            (TO_KYAML, "Convert this file to KYAML", lambda: format_str(text, options=options))
        )
    if _wanted(params, TO_YAML):
        plain = options.replace(compact=False)
        whole_actions.append(
            (TO_YAML, "Convert this file to block YAML", lambda: to_yaml(text, options=plain))
        )
    for kind, title, make in whole_actions:
        new = await ls.work(lambda make=make: _or_none(make), title)  # type: ignore[misc]
        if new is not None and new != text and document.source == text:
            edits = _replace(document, ls, new)
            actions.append(
                types.CodeAction(
                    title=title, kind=kind, edit=types.WorkspaceEdit(changes={uri: edits})
                )
            )
    return actions


def _or_none(make: Callable[[], str]) -> str | None:
    try:
        return make()
    except KyamlError:
        return None


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: KyamlServer, params: types.HoverParams) -> types.Hover | None:
    """Over a flagged value: both readings, why they differ, and the rule's link."""
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    version, found = ls.findings.get(uri, (None, []))
    if version != document.version:
        return None
    lines, codec = document.source.split("\n"), ls.workspace.position_codec
    here = params.position
    for item in found:
        where = protocol.span(lines, codec, item.line, item.col, item.end_line, item.end_col)
        start, end = where.start, where.end
        if (
            (start.line, start.character)
            <= (here.line, here.character)
            <= (
                end.line,
                end.character,
            )
        ):
            return types.Hover(
                contents=types.MarkupContent(
                    kind=types.MarkupKind.Markdown, value=protocol.hover_text(item)
                ),
                range=where,
            )
    return None


def main() -> int:
    """Serve over stdio until the client says ``exit``."""
    server.start_io()
    return 0
