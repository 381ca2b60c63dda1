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
import functools
import traceback
from collections.abc import Callable
from urllib.parse import unquote

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
        self.editor_problem: str | None = None
        #: Per document (by its key, :func:`key`): the URI the client gave it, its latest
        #: findings (with the run that found them), its pending run, and its run count.
        self.uris: dict[str, str] = {}
        self.findings: dict[str, tuple[int, list[Diagnostic]]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.runs: dict[str, int] = {}

    def set_editor(self, value: Any) -> None:
        self.editor, self.editor_problem = editor_settings(value)
        if self.editor_problem:
            self.log(self.editor_problem, types.MessageType.Warning)

    def next_run(self, uri: str) -> int:
        """A new run for the document: any run still going for it is stale."""
        run = self.runs.get(key(uri), 0) + 1
        self.runs[key(uri)] = run
        return run

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


def key(uri: str) -> str:
    """A document's key, as the workspace keeps it (its URI with %-escapes decoded)."""
    return unquote(uri)


def guarded(default: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A handler that logs what it raises and answers ``default`` (the server carries on)."""

    def wrap(handler: Callable[..., Any]) -> Callable[..., Any]:
        if asyncio.iscoroutinefunction(handler):

            @functools.wraps(handler)
            async def run_async(ls: KyamlServer, params: Any) -> Any:
                try:
                    return await handler(ls, params)
                except Exception as exc:
                    ls.log(f"kyaml: {handler.__name__}: {type(exc).__name__}: {exc}")
                    return default

            return run_async

        @functools.wraps(handler)
        def run(ls: KyamlServer, params: Any) -> Any:
            try:
                return handler(ls, params)
            except Exception as exc:
                ls.log(f"kyaml: {handler.__name__}: {type(exc).__name__}: {exc}")
                return default

        return run

    return wrap


def opened(ls: KyamlServer, uri: str) -> TextDocument | None:
    """The open document at ``uri`` (None: not open; nothing is read from disk)."""
    document: TextDocument | None = ls.workspace.text_documents.get(key(uri))
    return document


# --- settings ---------------------------------------------------------------------------------


@server.feature(types.INITIALIZE)
@guarded(None)
def initialize(ls: KyamlServer, params: types.InitializeParams) -> None:
    ls.set_editor(params.initialization_options)


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
@guarded(None)
async def did_change_configuration(
    ls: KyamlServer, params: types.DidChangeConfigurationParams
) -> None:
    ls.set_editor(params.settings)
    for uri in list(ls.uris.values()):
        await publish(ls, uri)


# --- diagnostics ------------------------------------------------------------------------------


async def publish(ls: KyamlServer, uri: str) -> None:
    """Check the document at ``uri`` and publish its findings (none for a file left out),
    unless it changed, closed or was checked again meanwhile."""
    document = opened(ls, uri)
    if document is None:
        return
    run = ls.next_run(uri)
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
    current = opened(ls, uri)
    if current is None or current.source != text or ls.runs.get(key(uri)) != run:
        return  # changed, closed or checked again meanwhile: the newer run publishes
    ls.findings[key(uri)] = (run, found)
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
    pending = ls.pending.pop(key(uri), None)
    if pending is not None:
        pending.cancel()
    loop = asyncio.get_running_loop()
    ls.next_run(uri)  # what runs now is stale
    ls.pending[key(uri)] = loop.call_later(delay, lambda: loop.create_task(publish(ls, uri)))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded(None)
async def did_open(ls: KyamlServer, params: types.DidOpenTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.uris[key(uri)] = uri
    await publish(ls, uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded(None)
def did_change(ls: KyamlServer, params: types.DidChangeTextDocumentParams) -> None:
    schedule(ls, params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@guarded(None)
async def did_save(ls: KyamlServer, params: types.DidSaveTextDocumentParams) -> None:
    await publish(ls, params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded(None)
def did_close(ls: KyamlServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    pending = ls.pending.pop(key(uri), None)
    if pending is not None:
        pending.cancel()
    ls.next_run(uri)
    ls.findings.pop(key(uri), None)
    ls.uris.pop(key(uri), None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


# --- formatting -------------------------------------------------------------------------------


def like(text: str, new: str) -> str:
    """``new`` (``\\n`` line breaks, no byte order mark) with ``text``'s: a document keeps its
    line endings and its byte order mark, as ``kyaml fmt`` keeps a file's."""
    first = text.find("\n")
    if first > 0 and text[first - 1] == "\r":
        new = new.replace("\n", "\r\n")
    if text.startswith("\ufeff") and not new.startswith("\ufeff"):
        new = "\ufeff" + new
    return new


def _replace(document: TextDocument, ls: KyamlServer, new: str) -> list[types.TextEdit]:
    """The edit that turns the whole document into ``new`` (none when it is the same)."""
    text = document.source
    if new == text:
        return []
    lines = text.split("\n")
    return [types.TextEdit(range=protocol.whole(lines, ls.workspace.position_codec), new_text=new)]


def _formatted(text: str, settings: FileSettings) -> str | None:
    """``text`` as ``kyaml fmt`` writes it, or None when it is left alone or cannot be read."""
    if settings.excluded is not None or opted_out(text.lstrip("\ufeff").replace("\r\n", "\n")):
        return None
    try:
        return like(text, format_str(text, options=settings.options))
    except KyamlError:
        return None  # its diagnostic says why


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
@guarded(None)
async def formatting(
    ls: KyamlServer, params: types.DocumentFormattingParams
) -> list[types.TextEdit] | None:
    document = opened(ls, params.text_document.uri)
    if document is None:
        return None
    text, settings = document.source, ls.settings(document)
    new = await ls.work(lambda: _formatted(text, settings), "formatting")
    if new is None or document.source != text:
        return None
    return _replace(document, ls, new)


@server.feature(types.TEXT_DOCUMENT_RANGE_FORMATTING)
@guarded(None)
async def range_formatting(
    ls: KyamlServer, params: types.DocumentRangeFormattingParams
) -> list[types.TextEdit] | None:
    """Format the documents of the stream that the range touches, and nothing else."""
    from kyaml._reader.split import split_documents

    document = opened(ls, params.text_document.uri)
    if document is None:
        return None
    text, settings = document.source, ls.settings(document)
    plain = text.replace("\r\n", "\n")  # the documents are found by their lines
    first, last = params.range.start.line, params.range.end.line
    spans = [s for s in split_documents(plain) if _touches(plain, s, first, last)]
    if not spans:
        return None
    lines = text.split("\n")
    top = spans[0][2]
    bottom = top + plain.count("\n", spans[0][0], spans[-1][1])  # the line after them
    piece = "\n".join(lines[top:bottom]) + ("\n" if bottom < len(lines) else "")
    new = await ls.work(lambda: _formatted(piece, settings), "formatting")
    if new is None or document.source != text:
        return None
    end = (
        types.Position(line=bottom, character=0)
        if bottom < len(lines)
        else protocol.position(lines, ls.workspace.position_codec, len(lines), len(lines[-1]) + 1)
    )
    edit_range = types.Range(start=types.Position(line=top, character=0), end=end)
    return [types.TextEdit(range=edit_range, new_text=new)]


def _touches(text: str, span: tuple[int, int, int], first: int, last: int) -> bool:
    start, end, line = span
    end_line = line + text.count("\n", start, max(start, end - 1))
    return line <= last and end_line >= first


# --- code actions and hover -------------------------------------------------------------------

#: Up to this size a document is offered the whole-file actions unasked (fix all, conversions):
#: editors ask for code actions at every move of the cursor. Larger ones get them when asked
#: by kind (``only``), as "fix all on save" asks.
EAGER_UP_TO = 64 * 1024


def _wanted(params: types.CodeActionParams, kind: str, size: int) -> bool:
    only = params.context.only
    if not only:
        return size <= EAGER_UP_TO
    return any(kind == k or kind.startswith(k + ".") for k in only)


def _fix_data(data: Any) -> tuple[str, list[int]] | None:
    """The fix a kyaml diagnostic carries, when its ``data`` is one."""
    if not isinstance(data, dict):
        return None
    content, where = data.get("content"), data.get("range")
    if not isinstance(content, str) or not isinstance(where, list) or len(where) != 4:
        return None
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in where):
        return None
    return content, where


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL, TO_KYAML, TO_YAML],
        resolve_provider=False,
    ),
)
@guarded(None)
async def code_actions(
    ls: KyamlServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    uri = params.text_document.uri
    document = opened(ls, uri)
    if document is None:
        return None
    text, settings = document.source, ls.settings(document)
    lines, codec = text.split("\n"), ls.workspace.position_codec
    actions: list[types.CodeAction] = []
    if _wanted(params, types.CodeActionKind.QuickFix, 0):
        for diag in params.context.diagnostics:
            fix = _fix_data(diag.data) if diag.source == protocol.SOURCE else None
            if fix is None:
                continue
            content, (line, col, end_line, end_col) = fix
            edit = types.TextEdit(
                range=protocol.span(lines, codec, line, col, end_line, end_col), new_text=content
            )
            actions.append(
                types.CodeAction(
                    title=protocol.quick_fix_title(content),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=True,
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
    if settings.excluded is not None:
        return actions
    options, size = settings.options, len(text)
    makers: list[tuple[str, str, Callable[[], str]]] = []
    if _wanted(params, FIX_ALL, size):
        kyaml_form, codes = settings.kyaml_form, settings.codes
        makers.append(
            (
                FIX_ALL,
                "kyaml: fix all",
                lambda: fix_str(text, options=options, kyaml_form=kyaml_form, codes=codes),
            )
        )
    if _wanted(params, TO_KYAML, size):
        makers.append(
            (TO_KYAML, "Convert this file to KYAML", lambda: format_str(text, options=options))
        )
    if _wanted(params, TO_YAML, size):
        plain = options.replace(compact=False)
        makers.append(
            (TO_YAML, "Convert this file to block YAML", lambda: to_yaml(text, options=plain))
        )
    for kind, title, make in makers:
        new = await ls.work(functools.partial(_or_none, make), title)
        if new is not None and document.source == text:
            new = like(text, new)
            if new != text:
                edits = _replace(document, ls, new)
                change = types.WorkspaceEdit(changes={uri: edits})
                actions.append(types.CodeAction(title=title, kind=kind, edit=change))
    return actions


def _or_none(make: Callable[[], str]) -> str | None:
    try:
        return make()
    except KyamlError:
        return None


@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded(None)
def hover(ls: KyamlServer, params: types.HoverParams) -> types.Hover | None:
    """Over a flagged value: both readings, why they differ, and the rule's link."""
    uri = params.text_document.uri
    document = opened(ls, uri)
    run, found = ls.findings.get(key(uri), (0, []))
    if document is None or ls.runs.get(key(uri)) != run:
        return None  # not open, or changed since it was checked
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
    """Serve over stdio until the client says ``exit``: 0 after ``shutdown``, else 1, as the
    protocol says."""
    server.start_io()
    return 0 if getattr(server.protocol, "_shutdown", False) else 1
