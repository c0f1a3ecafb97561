"""The language server: protocol glue only. Each handler fetches the document, calls the
core, converts the result with spice_lsp.lsp and returns None when there is nothing."""
from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field, fields
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import __version__, features
from . import lsp
from .checks import CheckResult, check, is_library
from .includes import Workspace
from .parser import IncrementalParser


@dataclass
class Options:
    """Client options (initializationOptions); unknown or mistyped ones are reported."""

    include_paths: list[str] = field(default_factory=list)
    debounce_ms: int = 150

    @classmethod
    def from_client(cls, raw) -> tuple[Options, list[str]]:
        options, problems = cls(), []
        if raw is None:
            return options, problems
        if not isinstance(raw, dict):
            return options, [f"initializationOptions should be an object, got {type(raw).__name__}"]
        known = {f.name: f for f in fields(cls)}
        aliases = {"includePaths": "include_paths", "debounceMs": "debounce_ms"}
        for key, value in raw.items():
            name = aliases.get(key, key)
            if name not in known:
                problems.append(f"unknown option '{key}'")
                continue
            default = getattr(options, name)
            if isinstance(default, list) and isinstance(value, list) and all(isinstance(v, str) for v in value):
                setattr(options, name, value)
            elif isinstance(default, int) and isinstance(value, int) and value >= 0:
                setattr(options, name, value)
            else:
                problems.append(f"option '{key}' has an invalid value {value!r}; using {default!r}")
        return options, problems


@dataclass
class DocumentState:
    parser: IncrementalParser
    lock: threading.Lock = field(default_factory=threading.Lock)
    result: CheckResult | None = None
    version: int | None = None
    pending: asyncio.Task | None = None


class SpiceLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("spice-lsp", __version__)
        self.options = Options()
        self.documents: dict[str, DocumentState] = {}

    def workspace_for(self, path: Path | None) -> Workspace:
        roots = [Path(lsp.uri_path(f.uri)) for f in self.workspace.folders.values()]
        if self.workspace.root_path:
            roots.append(Path(self.workspace.root_path))
        if path is not None and not roots:
            roots.append(path.parent)
        return Workspace(roots=roots, include_paths=[Path(p).expanduser() for p in self.options.include_paths])

    def state(self, uri: str) -> DocumentState:
        if uri not in self.documents:
            self.documents[uri] = DocumentState(IncrementalParser(not is_library(lsp.uri_path(uri))))
        return self.documents[uri]

    def checked(self, uri: str) -> CheckResult:
        """The check of the document's current version (re-parsing only what changed)."""
        doc = self.workspace.get_text_document(uri)
        state = self.state(uri)
        with state.lock:
            if state.result is None or state.version != doc.version:
                path = lsp.uri_path(uri)
                state.result = check(doc.source, path, self.workspace_for(path), state.parser)
                state.version = doc.version
            return state.result

    def schedule_diagnostics(self, uri: str, delay: float) -> None:
        state = self.state(uri)
        if state.pending and not state.pending.done():
            state.pending.cancel()
        state.pending = asyncio.get_running_loop().create_task(self._publish(uri, delay))

    async def _publish(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)  # debounce: a newer change cancels this task
        doc = self.workspace.get_text_document(uri)
        version = doc.version
        result = await asyncio.get_running_loop().run_in_executor(None, self.checked, uri)
        doc = self.workspace.get_text_document(uri)
        if doc.version != version or uri not in self.documents:
            return  # stale: the document changed while it was being checked
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[lsp.lsp_diagnostic(d, doc) for d in result.diagnostics]))


server = SpiceLanguageServer()


@server.feature(types.INITIALIZE)
def initialize(ls: SpiceLanguageServer, params: types.InitializeParams) -> None:
    ls.options, problems = Options.from_client(params.initialization_options)
    for problem in problems:
        ls.window_show_message(types.ShowMessageParams(
            type=types.MessageType.Warning, message=f"spice-lsp: {problem}"))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SpiceLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule_diagnostics(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SpiceLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule_diagnostics(params.text_document.uri, ls.options.debounce_ms / 1000)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SpiceLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule_diagnostics(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SpiceLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
    state = ls.documents.pop(params.text_document.uri, None)
    if state and state.pending:
        state.pending.cancel()
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: SpiceLanguageServer, params: types.DocumentSymbolParams):
    doc = ls.workspace.get_text_document(params.text_document.uri)
    symbols = features.document_symbols(ls.checked(doc.uri))
    return [lsp.lsp_symbol(s, doc) for s in symbols] or None


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: SpiceLanguageServer, params: types.HoverParams):
    doc = ls.workspace.get_text_document(params.text_document.uri)
    info = features.hover(ls.checked(doc.uri), lsp.core_position(doc, params.position))
    return lsp.lsp_hover(info, doc) if info else None


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def definition(ls: SpiceLanguageServer, params: types.DefinitionParams):
    doc = ls.workspace.get_text_document(params.text_document.uri)
    found = features.definition(ls.checked(doc.uri), lsp.core_position(doc, params.position))
    return [lsp.lsp_location(loc, doc.uri, doc) for loc in found] or None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def references(ls: SpiceLanguageServer, params: types.ReferenceParams):
    doc = ls.workspace.get_text_document(params.text_document.uri)
    found = features.references(ls.checked(doc.uri), lsp.core_position(doc, params.position),
                                params.context.include_declaration)
    return [lsp.lsp_location(loc, doc.uri, doc) for loc in found] or None


@server.feature(types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionOptions(trigger_characters=[".", " ", "{"]))
def completion(ls: SpiceLanguageServer, params: types.CompletionParams):
    doc = ls.workspace.get_text_document(params.text_document.uri)
    pos = lsp.core_position(doc, params.position)
    line = doc.lines[pos.line].rstrip("\r\n") if pos.line < len(doc.lines) else ""
    items = features.completion(ls.checked(doc.uri), line, pos)
    return types.CompletionList(is_incomplete=False, items=[lsp.lsp_completion(c) for c in items])


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_range(ls: SpiceLanguageServer, params: types.FoldingRangeParams):
    return [lsp.lsp_fold(f) for f in features.folding_ranges(ls.checked(params.text_document.uri))] or None


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: SpiceLanguageServer, params: types.DocumentFormattingParams):
    doc = ls.workspace.get_text_document(params.text_document.uri)
    return lsp.whole_document_edit(doc.source, features.format_document(doc.source, ls.checked(doc.uri)))
