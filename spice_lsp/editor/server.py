"""The language server: protocol glue only. Each handler fetches the document, calls the
core, converts the result with spice_lsp.editor.lsp and returns None when there is nothing."""
from __future__ import annotations

import asyncio
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcContentModified, JsonRpcException
from pygls.lsp.server import LanguageServer

from spice_lsp import __version__
from spice_lsp.editor import features, lsp
from spice_lsp.editor.jobs import ModelJobs, TemplateAnswers
from spice_lsp.editor.options import Options
from spice_lsp.editor.protocol import SpiceProtocol, Ticker, cancellable_progress, free_in_pieces, log_to_client
from spice_lsp.generation.assistant import Assistant
from spice_lsp.generation.pipeline import CannotServe, GenerationResult, checklist_lines
from spice_lsp.language.checks import Checker, CheckResult
from spice_lsp.language.files import NotReadable, read_netlist
from spice_lsp.language.includes import Workspace
from spice_lsp.simulation.plan import analysis_lines
from spice_lsp.simulation.plots import warm_up
from spice_lsp.simulation.report import SimulationReport, inlay_hints
from spice_lsp.simulation.run import simulate_file

REQUEST_FAILED = int(types.LSPErrorCodes.RequestFailed)
GENERATE_COMMAND = "spice-lsp.generate"
SIMULATE_COMMAND = "spice-lsp.simulate"


@dataclass
class DocumentState:
    checker: Checker
    lock: threading.Lock = field(default_factory=threading.Lock)
    result: CheckResult | None = None
    version: int | None = None
    pending: asyncio.Task | None = None


class SpiceLanguageServer(LanguageServer):
    assistant: Assistant  # these three: set by use_assistant
    template_answers: TemplateAnswers
    model_jobs: ModelJobs

    def __init__(self) -> None:
        super().__init__("spice-lsp", __version__, protocol_cls=SpiceProtocol)
        self.options = Options()
        self.documents: dict[str, DocumentState] = {}
        self.use_assistant(Assistant(self.options.generation))
        self.simulations: dict[str, tuple[str, SimulationReport]] = {}  # uri -> (text run, report)

    def is_open(self, uri: str) -> bool:
        return unquote(uri) in self.workspace.text_documents  # pygls's key

    def workspace_for(self, uri: str) -> Workspace:
        """Where a document's includes may be read from: the workspace folders and include
        paths; with no folder, the directory of a document the client opened (not of any file
        a URI names)."""
        roots = [p for f in self.workspace.folders.values() if (p := lsp.uri_path(f.uri)) is not None]
        if root := self.workspace.root_path:
            roots.append(Path(root))
        path = lsp.uri_path(uri)
        if path is not None and not roots and self.is_open(uri):
            roots.append(path.parent)
        return Workspace(roots=roots, include_paths=[Path(p).expanduser() for p in self.options.include_paths])

    def read_unopened(self, uri: str) -> str:
        """A document the client names but has not opened: a regular file in the workspace,
        read with a bound. Anything else (/dev/stdin, a FIFO, /dev/zero, /etc/passwd) gets an
        error response: the server never blocks on, or shows, a file the user did not open."""
        path = lsp.uri_path(uri)
        if path is None:
            raise JsonRpcException(f"{uri} is not open and not a file", code=REQUEST_FAILED)
        if not self.workspace_for(uri).allowed(Path(os.path.realpath(path))):
            raise JsonRpcException(f"{path} is not open in the editor and lies outside the workspace",
                                   code=REQUEST_FAILED)
        try:
            return read_netlist(path)
        except NotReadable as error:
            raise JsonRpcException(f"{path} {error}", code=REQUEST_FAILED) from None

    def state(self, uri: str) -> DocumentState:
        if uri not in self.documents:
            self.documents[uri] = DocumentState(Checker(lsp.uri_path(uri)))
        return self.documents[uri]

    def checked(self, uri: str) -> CheckResult:
        """The check of the document's current version (call on the event loop)."""
        doc = self.workspace.get_text_document(uri)
        return self.check_version(uri, doc.source, doc.version)

    async def checked_now(self, uri: str):
        """The document and the check of its current version, checked off the event loop:
        checking a changed multi-megabyte document takes seconds, and every other request
        waited for it (29 s for 2 MB on a loaded machine). Raises ContentModified when the
        document changes meanwhile (the answer would be for text the client no longer has)."""
        doc = self.workspace.get_text_document(uri)
        source, version = doc.source, doc.version
        state = self.documents.get(uri)
        if state is not None and state.version == version and state.result is not None:  # checked already
            return doc, state.result
        result = await asyncio.get_running_loop().run_in_executor(None, self.check_version, uri, source, version)
        if self.is_open(uri) and self.workspace.get_text_document(uri).version != version:
            raise JsonRpcContentModified(f"{uri} changed while it was being checked")
        return doc, result

    def check_version(self, uri: str, source: str, version: int | None) -> CheckResult:
        """Check one version of a document (re-parsing only what changed); thread-safe.

        The text and version are read together on the event loop: pygls edits the document
        object in place there, so a worker thread reading it could pair new text with an old
        version number.
        """
        state = self.state(uri)
        with state.lock:
            if state.result is None or state.version != version:
                state.result = state.checker.check(source, self.workspace_for(uri))
                state.version = version
            return state.result

    def use_assistant(self, assistant: Assistant) -> None:
        """The generation service, with its template answers and model jobs (options from
        initialize replace the defaults' ones)."""
        if getattr(self, "model_jobs", None) is not None:
            self.model_jobs.shutdown()
        self.assistant = assistant
        self.template_answers = TemplateAnswers(lambda d: assistant.generate(d, backend="template"))
        self.model_jobs = ModelJobs(assistant.generate)

    def drafts_with_model(self) -> bool:
        return self.options.generation.resolved_backend() != "template"

    def model_answer(self, description: str) -> GenerationResult | None:
        """The configured model's verified answer once it has arrived; the first ask starts it.

        Completion shows the template's answer at once and this one beside it on a later
        request, so typing never waits for the model.
        """
        if not self.drafts_with_model():
            return None
        result = self.model_jobs.answer(description)
        return result if result is not None and result.backend != "template" and result.verified else None

    def tell(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_show_message(types.ShowMessageParams(type=kind, message=f"spice-lsp: {message}"))

    async def show_simulation(self, uri: str, source: str, report: SimulationReport) -> None:
        """Keep a finished simulation of `source`: its problems join the diagnostics, its values
        the inlay hints, and its summary is shown for clients that drop the command's answer
        (Neovim's code lens)."""
        self.simulations[uri] = (source, report)
        self.schedule_diagnostics(uri, 0)
        workspace_caps = self.client_capabilities.workspace
        if workspace_caps and workspace_caps.inlay_hint and workspace_caps.inlay_hint.refresh_support:
            try:
                await self.workspace_inlay_hint_refresh_async(None)
            except Exception:  # the client asks again on its own
                logging.exception("inlay hint refresh failed")
        if self.options.simulation.show_message:
            summary = report.text.split("\n")[-1] + "".join(f"\nplot: {p}" for p in report.plots)
            self.tell(summary, types.MessageType.Info if report.ok else types.MessageType.Warning)

    def schedule_diagnostics(self, uri: str, delay: float) -> None:
        state = self.state(uri)
        if state.pending and not state.pending.done():
            state.pending.cancel()
        state.pending = asyncio.get_running_loop().create_task(self._publish(uri, delay))

    async def _publish(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)  # debounce: a newer change cancels this task
        doc = self.workspace.get_text_document(uri)
        source, version = doc.source, doc.version
        try:
            result = await asyncio.get_running_loop().run_in_executor(
                None, self.check_version, uri, source, version)
        except Exception as error:  # a checker bug must not silence diagnostics for good
            logging.exception("checking %s failed", uri)
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error, message=f"spice-lsp: checking failed: {error!r}"))
            return
        doc = self.workspace.get_text_document(uri)
        if doc.version != version or uri not in self.documents:
            return  # stale: the document changed while it was being checked
        shown = features.published_diagnostics(result.diagnostics)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=[lsp.lsp_diagnostic(d, doc) for d in shown.diagnostics]
            + ([lsp.lsp_diagnostic(shown.more, doc)] if shown.more else [])
            + self.simulation_diagnostics(uri, source, doc)))

    def simulation_for(self, uri: str, source: str) -> SimulationReport | None:
        """The last simulation of this exact text (its lines and values still apply)."""
        text, report = self.simulations.get(uri, (None, None))
        return report if text == source else None

    def simulation_diagnostics(self, uri: str, source: str, doc) -> list[types.Diagnostic]:
        report = self.simulation_for(uri, source)
        return [lsp.lsp_simulation_diagnostic(p, doc) for p in report.problems] if report else []


server = SpiceLanguageServer()


@server.feature(types.INITIALIZE)
def initialize(ls: SpiceLanguageServer, params: types.InitializeParams) -> None:
    lsp.use_lsp_lines(ls.workspace, ls.read_unopened)  # lines break at "\n" only, as in the core and the editor
    log_to_client(ls)
    ls.options, problems = Options.from_client(params.initialization_options)
    ls.use_assistant(Assistant(ls.options.generation))
    if ls.drafts_with_model():  # the model loads on its own thread while the user starts typing
        ls.model_jobs.executor.submit(ls.assistant.preload)
    for problem in problems:
        ls.tell(problem, types.MessageType.Warning)


@server.feature(types.SHUTDOWN)
def shutdown(ls: SpiceLanguageServer, params: None) -> None:
    ls.model_jobs.shutdown()  # a draft in progress would hold the exit until it ends


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
    # Freeing a big document's parse takes seconds (1.5 s for 10 MB): not on the event loop.
    if state is not None:
        asyncio.get_running_loop().run_in_executor(None, free_in_pieces, state)
        del state
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
async def document_symbol(ls: SpiceLanguageServer, params: types.DocumentSymbolParams):
    doc, result = await ls.checked_now(params.text_document.uri)
    return [lsp.lsp_symbol(s, doc) for s in features.document_symbols(result)] or None


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: SpiceLanguageServer, params: types.HoverParams):
    doc, pos, description = _describe_at(ls, params.text_document.uri, params.position)
    if description is not None:  # the describe line: its generation's checklist (verified once, then cached)
        answer, refusal = await _template_answer(ls, description)
        line = doc.lines[pos.line].rstrip("\r\n")
        return lsp.lsp_hover(features.describe_hover(pos.line, line, answer, refusal), doc)
    doc, result = await ls.checked_now(params.text_document.uri)
    info = features.hover(result, lsp.core_position(doc, params.position))
    return lsp.lsp_hover(info, doc) if info else None


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
async def definition(ls: SpiceLanguageServer, params: types.DefinitionParams):
    doc, result = await ls.checked_now(params.text_document.uri)
    found = features.definition(result, lsp.core_position(doc, params.position))
    return [lsp.lsp_location(loc, doc.uri, doc) for loc in found] or None


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
async def references(ls: SpiceLanguageServer, params: types.ReferenceParams):
    doc, result = await ls.checked_now(params.text_document.uri)
    found = features.references(result, lsp.core_position(doc, params.position), params.context.include_declaration)
    return [lsp.lsp_location(loc, doc.uri, doc) for loc in found] or None


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
async def folding_range(ls: SpiceLanguageServer, params: types.FoldingRangeParams):
    _, result = await ls.checked_now(params.text_document.uri)
    return [lsp.lsp_fold(f) for f in features.folding_ranges(result)] or None


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
async def formatting(ls: SpiceLanguageServer, params: types.DocumentFormattingParams):
    doc, result = await ls.checked_now(params.text_document.uri)
    return lsp.whole_document_edit(doc.source, features.format_document(doc.source, result))


# ---------------------------------------------------------------------------------------
# Generation from `* describe:` comments. The completion and inline completion give the
# verified template answer at once; the code action runs the configured backend (the
# language model) with progress and cancellation, and edits only if the document has not
# changed meanwhile.


def _describe_at(ls: SpiceLanguageServer, uri: str, position: types.Position):
    doc = ls.workspace.get_text_document(uri)
    pos = lsp.core_position(doc, position)
    line = doc.lines[pos.line] if pos.line < len(doc.lines) else ""
    description = features.describe_request(line.rstrip("\n"))
    return doc, pos, description


async def _template_answer(ls: SpiceLanguageServer, description: str) -> tuple[GenerationResult | None, str]:
    """The verified template answer (computed once per description), or None and why there is none."""
    try:
        return await asyncio.get_running_loop().run_in_executor(None, ls.template_answers.get, description), ""
    except CannotServe as error:
        return None, str(error)


def _generation_item(answer: GenerationResult, doc, pos) -> types.CompletionItem:
    insertion = features.netlist_insertion(doc.source, pos.line, answer.netlist)
    return lsp.lsp_generation_item(answer, insertion, pos, doc, features.generation_notes(answer, insertion))


@server.feature(types.TEXT_DOCUMENT_COMPLETION,
                types.CompletionOptions(trigger_characters=[".", " ", "{", ":"]))
async def completion(ls: SpiceLanguageServer, params: types.CompletionParams):
    doc, pos, description = _describe_at(ls, params.text_document.uri, params.position)
    if description is None:
        line = doc.lines[pos.line].rstrip("\r\n") if pos.line < len(doc.lines) else ""
        found = features.completion(ls.checked(doc.uri), line, pos)
        return types.CompletionList(is_incomplete=False, items=[lsp.lsp_completion(c) for c in found])
    result, refusal = await _template_answer(ls, description)
    if result is None:
        ls.tell(refusal)
        return None
    model = ls.model_answer(description)  # beside the template's, once it has arrived
    return types.CompletionList(is_incomplete=model is None and ls.drafts_with_model(),
                                items=[_generation_item(a, doc, pos) for a in (model, result) if a is not None])


@server.feature(types.TEXT_DOCUMENT_INLINE_COMPLETION, types.InlineCompletionOptions())
async def inline_completion(ls: SpiceLanguageServer, params: types.InlineCompletionParams):
    doc, pos, description = _describe_at(ls, params.text_document.uri, params.position)
    if description is None:
        return None
    result, refusal = await _template_answer(ls, description)
    if result is None:
        ls.tell(refusal)
        return None
    return lsp.lsp_inline_generation(features.netlist_insertion(doc.source, pos.line, result.netlist), doc)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION)
def code_action(ls: SpiceLanguageServer, params: types.CodeActionParams):
    doc, pos, description = _describe_at(ls, params.text_document.uri, params.range.start)
    if description is None:
        return None
    return [types.CodeAction(title="Generate netlist from description", kind=types.CodeActionKind.RefactorRewrite,
                             command=types.Command(title="Generate netlist from description", command=GENERATE_COMMAND,
                                                   arguments=[doc.uri, pos.line, doc.version]))] + \
        [lsp.lsp_suggestion_action(doc.uri, s, doc)
         for s in features.refusal_suggestions(doc.source, pos.line, description)]  # no recipe: the nearest known


async def _generated(ls: SpiceLanguageServer, description: str) -> tuple[GenerationResult | None, bool, bool]:
    """(the configured backend's answer, or None with a message when there is none; whether the
    user cancelled; whether the generation was stopped, by the user or the time budget),
    generated with progress and a Cancel button."""
    stop, cancelled = threading.Event(), threading.Event()
    loop = asyncio.get_running_loop()

    def cancel() -> None:
        cancelled.set()
        stop.set()
    async with cancellable_progress(ls, "Generating netlist", cancel, description[:60]) as token:
        def progress(message: str) -> None:  # from the model's thread
            if token:
                loop.call_soon_threadsafe(ls.work_done_progress.report, token,
                                          types.WorkDoneProgressReport(message=message))
        result = None
        try:
            if ls.drafts_with_model():
                result = await asyncio.wrap_future(ls.model_jobs.run(description, stop, progress=progress))
            else:
                result = await loop.run_in_executor(None, ls.template_answers.get, description)
        except asyncio.CancelledError:  # $/cancelRequest: stop the generation thread too
            cancel()
            raise
        except CannotServe as error:
            ls.tell(str(error), types.MessageType.Warning)
        except Exception as error:  # a crashed backend must not take the server down
            ls.tell(f"generation failed: {error}", types.MessageType.Error)
    return result, cancelled.is_set(), stop.is_set()


@server.command(GENERATE_COMMAND)
async def generate_command(ls: SpiceLanguageServer, uri: str, line: int, version: int):
    doc, _, description = _describe_at(ls, uri, types.Position(line, 0))
    if description is None:
        return None
    result, cancelled, stopped = await _generated(ls, description)
    if result is None:
        return None
    doc = ls.workspace.get_text_document(uri)
    placed = features.place_generated(result, doc.source, line, cancelled=cancelled, stopped=stopped,
                                      changed=doc.version != version, model_asked=ls.drafts_with_model())
    if placed.insertion is not None:
        await ls.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(
            label="Generate netlist", edit=lsp.lsp_insertion_edit(uri, placed.insertion, doc)))
    if placed.message:
        ls.tell(placed.message, types.MessageType.Warning if placed.warning else types.MessageType.Info)
    return {**result.to_json(), "checklist": checklist_lines(result)} if placed.insertion else None


# ---------------------------------------------------------------------------------------
# Simulation: a "Simulate" code lens on each analysis line runs that analysis; the command
# with only a uri runs the whole file. Errors come back as diagnostics, op voltages and .meas
# values as inlay hints, plots as SVG paths in the command's result.


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
def code_lens(ls: SpiceLanguageServer, params: types.CodeLensParams):
    doc = ls.workspace.get_text_document(params.text_document.uri)
    found = analysis_lines(doc.source, ls.checked(doc.uri).netlist)
    if found:
        warm_up()  # the plotting library loads while the user reads
    return [lsp.lsp_simulate_lens(doc.uri, a.line, SIMULATE_COMMAND) for a in found] or None


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
def inlay_hint(ls: SpiceLanguageServer, params: types.InlayHintParams):
    doc = ls.workspace.get_text_document(params.text_document.uri)
    report = ls.simulation_for(doc.uri, doc.source)
    if report is None:
        return None
    hints = inlay_hints(report, ls.checked(doc.uri).netlist, doc.source)
    lines = range(params.range.start.line, params.range.end.line + 1)
    return [lsp.lsp_inlay_hint(h, doc) for h in hints if h.position.line in lines] or None


def _simulation_target(ls: SpiceLanguageServer, arguments) -> tuple[str, int | None, str, Path | None]:
    """(uri, line, text, path) the command's arguments name; ValueError when they name none."""
    try:
        uri, line = arguments[0], int(arguments[1]) if len(arguments) > 1 and arguments[1] is not None else None
        doc = ls.workspace.get_text_document(uri)  # a file not open in the editor is read from disk
        return uri, line, doc.source, lsp.uri_path(uri)
    except (IndexError, TypeError, ValueError, OSError, JsonRpcException) as error:
        raise ValueError(f"spice-lsp.simulate takes [uri] or [uri, line] of a readable file: {error}") from None


@server.command(SIMULATE_COMMAND)
async def simulate_command(ls: SpiceLanguageServer, *arguments):
    """[uri] runs every analysis, [uri, line] the one on that 0-based line; returns
    {ok, text, plots, errors, ...} and publishes the simulator's diagnostics."""
    try:
        uri, line, source, path = _simulation_target(ls, arguments)
    except ValueError as error:  # the answer's shape, with the error alone
        return {"ok": False, "text": str(error), "plots": [], "errors": [str(error)]}
    workspace, stop = ls.workspace_for(uri), threading.Event()
    async with cancellable_progress(ls, "Simulating", stop.set) as token, Ticker(ls, token) as ticker:
        try:
            report = await asyncio.get_running_loop().run_in_executor(None, lambda: simulate_file(
                source, path=path, allowed_dirs=[*workspace.roots, *workspace.include_paths], line=line,
                options=ls.options.simulation, stop=stop, progress=ticker.progress))
        except asyncio.CancelledError:  # $/cancelRequest: kill ngspice too
            stop.set()
            raise
    await ls.show_simulation(uri, source, report)
    return report.to_json()
