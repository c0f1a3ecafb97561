"""End-to-end tests of the language server: the real `python -m spice_lsp` process over stdio,
driven by pytest-lsp's client. Each test waits for the notification or response it expects;
nothing sleeps."""
from __future__ import annotations

import asyncio
import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from benchmarks.lsp_client import make_client
from spice_lsp.editor import lsp
from spice_lsp.generation.pipeline import checklist_lines, generate
from spice_lsp.language.parser import parse

DATA = Path(__file__).parent / "data" / "server"
FEATURES = (DATA / "features.cir").read_text()
TIMEOUT = 20  # seconds for any one notification (generous: CI machines are slow)

ERROR_NETLIST = "error netlist\nR1 a\nV1 a 0 1\n.tran 1n\n.end\n"
FIXED_NETLIST = "error netlist\nR1 a 0 1k\nV1 a 0 1\n.tran 1n 1u\n.end\n"
RC_LOWPASS = "rc low-pass\nV1 in 0 DC 1 AC 1\nR1 in out 4700\nC1 out 0 1u\n.tran 1u 1m\n.end\n"


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "spice_lsp"],
                            client_factory=make_client)
# One event loop for the module, so that a server can serve several tests (`navigation`).
pytestmark = pytest.mark.asyncio(loop_scope="module")


async def initialize(client: LanguageClient, options=None) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),  # UTF-16 positions, snippets
        workspace_folders=[types.WorkspaceFolder(uri=DATA.as_uri(), name="server")],
        initialization_options=options))


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def client(lsp_client: LanguageClient, request):
    """A fresh server per test; indirect parametrization passes initializationOptions."""
    await initialize(lsp_client, getattr(request, "param", None))
    yield
    await lsp_client.shutdown_session()


async def arrival(client: LanguageClient, found):
    """Wait until `found()` returns something truthy; it is re-checked on every notification."""
    async def until():
        while not (result := found()):
            client.arrived.clear()
            await client.arrived.wait()
        return result
    return await asyncio.wait_for(until(), TIMEOUT)


async def diagnostics(client: LanguageClient, uri: str, version: int | None = None):
    """The diagnostics of the first publication for `uri` (and `version`, when given)."""
    def found():
        return next((p for p in client.published
                     if p.uri == uri and version in (None, p.version)), None)
    return (await arrival(client, found)).diagnostics


def uri_of(name: str) -> str:
    return (DATA / name).as_uri()


def open_doc(client: LanguageClient, name: str, text: str, version: int = 1) -> str:
    uri = uri_of(name)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=uri, language_id="spice", version=version, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, *changes) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version), list(changes)))


def whole(text: str) -> types.TextDocumentContentChangeWholeDocument:
    return types.TextDocumentContentChangeWholeDocument(text=text)


def insert(line: int, character: int, text: str) -> types.TextDocumentContentChangePartial:
    at = types.Position(line, character)
    return types.TextDocumentContentChangePartial(range=types.Range(at, at), text=text)


def at(text: str, line: int, word: str, offset: int = 1) -> types.Position:
    """The position inside the first `word` on 0-based `line` of an ASCII `text`."""
    return types.Position(line, text.split("\n")[line].index(word) + offset)


def doc_id(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def codes(diags) -> dict[str, types.Diagnostic]:
    return {d.code: d for d in diags}


def span(d: types.Diagnostic) -> tuple[int, int, int, int]:
    r = d.range
    return r.start.line, r.start.character, r.end.line, r.end.character


# ---------------------------------------------------------------------------------------
# Diagnostics


async def test_open_netlist_with_errors(client: LanguageClient):
    found = codes(await diagnostics(client, open_doc(client, "error.cir", ERROR_NETLIST)))
    assert {"SP001", "SP002"} <= set(found)
    assert span(found["SP002"]) == (1, 0, 1, 4)  # `R1 a`
    assert span(found["SP001"]) == (3, 0, 3, 8)  # `.tran 1n`
    for code in ("SP001", "SP002"):
        assert found[code].severity == types.DiagnosticSeverity.Error
        assert found[code].source == "spice-lsp"
    assert "2 nodes" in found["SP002"].message


async def test_valid_netlist_has_no_errors(client: LanguageClient):
    diags = await diagnostics(client, open_doc(client, "rc.cir", RC_LOWPASS))
    assert [d for d in diags if d.severity == types.DiagnosticSeverity.Error] == []


@pytest.mark.parametrize("changes", [
    [whole(FIXED_NETLIST)],
    [insert(1, 4, " 0 1k"), insert(3, 8, " 1u")],  # incremental: complete both lines
], ids=["full", "incremental"])
async def test_change_fixes_errors(client: LanguageClient, changes):
    uri = open_doc(client, "error.cir", ERROR_NETLIST)
    assert {"SP001", "SP002"} <= set(codes(await diagnostics(client, uri, 1)))
    change(client, uri, 2, *changes)
    assert codes(await diagnostics(client, uri, 2)).keys().isdisjoint({"SP001", "SP002"})


async def test_diagnostics_follow_the_last_of_quick_changes(client: LanguageClient):
    uri = open_doc(client, "error.cir", ERROR_NETLIST)
    for version in range(2, 22):  # every version but the last has the one-node R1
        change(client, uri, version, whole(FIXED_NETLIST if version == 21 else ERROR_NETLIST))
    assert codes(await diagnostics(client, uri, 21)).keys().isdisjoint({"SP001", "SP002"})
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == sorted(versions) and versions[-1] == 21


@pytest.mark.parametrize("name, code", [("cycle_a.cir", "SP017"), ("missing.cir", "SP015")])
async def test_bad_includes_are_reported(client: LanguageClient, name, code):
    uri = open_doc(client, name, (DATA / name).read_text())
    found = codes(await diagnostics(client, uri))
    assert span(found[code])[:2] == (1, len(".include "))
    # The server still answers.
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(doc_id(uri)))
    assert "R1" in {s.name for s in symbols}


async def test_ranges_count_utf16_units(client: LanguageClient):
    text = "title µ😀\n* µ 😀 comment\nR2 nµ😀 0 1..5\nV1 nµ😀 0 1\n.op\n.end\n"
    found = codes(await diagnostics(client, open_doc(client, "utf16.cir", text)))
    start = len("R2 nµ😀 0 ".encode("utf-16-le")) // 2  # the emoji is two UTF-16 units
    assert span(found["SP003"]) == (2, start, 2, start + len("1..5"))


@pytest.mark.parametrize("client", [{"includePaths": 5, "bogus": 1}], indirect=True)
async def test_bad_initialization_options_warn(client: LanguageClient):
    def warnings():
        found = [m.message for m in client.messages if m.type == types.MessageType.Warning]
        return found if len(found) >= 2 else None
    text = " ".join(await arrival(client, warnings))
    assert "includePaths" in text and "bogus" in text
    assert "SP002" in codes(await diagnostics(client, open_doc(client, "error.cir", ERROR_NETLIST)))


# ---------------------------------------------------------------------------------------
# Navigation and hover on tests/data/server/features.cir


FEATURES_URI = uri_of("features.cir")


@pytest_lsp.fixture(config=SERVER, scope="module")
async def navigation(lsp_client: LanguageClient):
    """One server for the read-only tests: features.cir open, and checked without errors."""
    await initialize(lsp_client)
    diags = await diagnostics(lsp_client, open_doc(lsp_client, "features.cir", FEATURES))
    assert [d for d in diags if d.severity == types.DiagnosticSeverity.Error] == []
    yield
    await lsp_client.shutdown_session()


@pytest.mark.parametrize("line, word, expected", [
    (8, "R2", ["R2", "resistor", "4.7k"]),  # written 4700
    (8, "n1", ["node n1", "R2", "R3", "M1"]),
    (10, "D1N4148", [".model D1N4148", "models.lib", "IS=2.52n"]),
    (11, "NMOS1", [".model NMOS1", "NMOS", "VTO=0.7"]),
    (9, "rval", [".param rval", "4.7k"]),
])
async def test_hover(navigation: LanguageClient, line, word, expected):
    hover = await navigation.text_document_hover_async(
        types.HoverParams(doc_id(FEATURES_URI), at(FEATURES, line, word)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    for text in expected:
        assert text in hover.contents.value
    assert hover.range.start == at(FEATURES, line, word, 0)


async def test_document_symbols(navigation: LanguageClient):
    symbols = await navigation.text_document_document_symbol_async(
        types.DocumentSymbolParams(doc_id(FEATURES_URI)))
    kinds = {s.name: s.kind for s in symbols}
    assert kinds["buffer"] == types.SymbolKind.Class
    assert kinds["NMOS1"] == types.SymbolKind.Struct
    assert kinds["rval"] == types.SymbolKind.Constant
    assert kinds[".tran"] == types.SymbolKind.Event
    buffer = next(s for s in symbols if s.name == "buffer")
    assert [c.name for c in buffer.children] == ["R1", "C1"]
    assert (buffer.range.start.line, buffer.range.end.line) == (3, 6)


@pytest.mark.parametrize("line, word, file, target_line", [
    (11, "NMOS1", "features.cir", 14),
    (12, "buffer", "features.cir", 3),
    (9, "rval", "features.cir", 2),
    (12, "n2", "features.cir", 9),  # a node's first connection
    (10, "D1N4148", "models.lib", 1),  # into the included file
])
async def test_definition(navigation: LanguageClient, line, word, file, target_line):
    found = await navigation.text_document_definition_async(
        types.DefinitionParams(doc_id(FEATURES_URI), at(FEATURES, line, word)))
    assert [(loc.uri, loc.range.start.line) for loc in found] == [(uri_of(file), target_line)]


@pytest.mark.parametrize("line, word, lines", [
    (11, "NMOS1", [11, 14]),
    (12, "buffer", [3, 12]),
    (9, "rval", [2, 4, 9]),
    (8, "n1", [8, 9, 11]),
])
async def test_references(navigation: LanguageClient, line, word, lines):
    found = await navigation.text_document_references_async(types.ReferenceParams(
        text_document=doc_id(FEATURES_URI), position=at(FEATURES, line, word),
        context=types.ReferenceContext(include_declaration=True)))
    assert sorted(loc.range.start.line for loc in found) == lines
    assert {loc.uri for loc in found} == {FEATURES_URI}


# ---------------------------------------------------------------------------------------
# Completion, folding, formatting


@pytest.mark.parametrize("typed, label, kind", [
    (".", ".tran", types.CompletionItemKind.Keyword),
    ("", "R resistor", types.CompletionItemKind.Snippet),
    ("X2 a b ", "buffer", types.CompletionItemKind.Class),
    ("R5 a b {", "rval", types.CompletionItemKind.Constant),
])
async def test_completion(client: LanguageClient, typed, label, kind):
    text = FEATURES + typed  # the typed line is the last one, the cursor at its end
    uri = open_doc(client, "completion.cir", text)
    result = await client.text_document_completion_async(types.CompletionParams(
        doc_id(uri), types.Position(text.count("\n"), len(typed))))
    items = {item.label: item for item in result.items}
    assert items[label].kind == kind
    if typed == ".":
        assert items[".tran"].insert_text == "tran"  # the dot is already typed
    if typed == "":
        assert items[label].insert_text_format == types.InsertTextFormat.Snippet
    if typed.endswith("{"):
        assert {item.kind for item in result.items} == {types.CompletionItemKind.Constant}


async def test_folding_ranges(navigation: LanguageClient):
    folds = await navigation.text_document_folding_range_async(
        types.FoldingRangeParams(doc_id(FEATURES_URI)))
    assert {(f.start_line, f.end_line) for f in folds} == {(3, 6), (16, 18)}


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply edits to an ASCII text (positions are then UTF-16 units and characters alike)."""
    lines = text.split("\n")
    offset = lambda p: sum(len(line) + 1 for line in lines[:p.line]) + p.character  # noqa: E731
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


def elements(text: str) -> list[tuple[str, list[str]]]:
    return [(el.name, [f.text for f in el.fields]) for el in parse(text).netlist.elements]


async def test_formatting_aligns_columns(client: LanguageClient):
    text = "fmt\nV1   in 0 DC 1\nR1 in    out 1k\nC1 out 0   1u   \n.tran 1u 1m\n.end\n"
    uri = open_doc(client, "fmt.cir", text)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        doc_id(uri), types.FormattingOptions(tab_size=4, insert_spaces=True)))
    formatted = apply(text, edits)
    assert formatted == "fmt\nV1 in  0   DC 1\nR1 in  out 1k\nC1 out 0   1u\n.tran 1u 1m\n.end\n"
    assert elements(formatted) == elements(text)


# ---------------------------------------------------------------------------------------
# Generation from `* describe:` comments

DESCRIBE = "* describe: RC low-pass, R=2.2k, C=47n, AC sweep to 1 MHz\n"
TEMPLATE_ONLY = {"generation": {"backend": "template"}}


def apply_insertions(text: str, edits) -> str:
    """Apply non-overlapping single-position insertions (what generation produces)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = edit.range.start, edit.range.end
        assert (start.line, start.character) == (end.line, end.character), "generation only inserts"
        line = lines[start.line]
        lines[start.line] = line[:start.character] + edit.new_text + line[start.character:]
    return "\n".join(lines)


def accepted(text: str, item: types.CompletionItem) -> list[types.TextEdit]:
    """The insertions a client makes when it accepts a generation item: its text edit (snippet
    syntax expanded) and any additional edits. The text edit may write the typed word it
    replaces again, but never removes or changes it."""
    edit = item.text_edit
    new_text = edit.new_text
    if item.insert_text_format == types.InsertTextFormat.Snippet:
        new_text = re.sub(r"\\([\\$}])", r"\1", new_text)
    doc = lsp.LspTextDocument("file:///t.cir", text)
    start, end = doc.position_from_client_units(edit.range.start), doc.position_from_client_units(edit.range.end)
    assert start.line == end.line
    replaced = doc.lines[start.line][start.character:end.character]
    assert new_text.startswith(replaced), (replaced, new_text[:40])
    return [types.TextEdit(range=types.Range(edit.range.end, edit.range.end), new_text=new_text[len(replaced):]),
            *(item.additional_text_edits or [])]


def assert_generated_netlist(text: str) -> None:
    from spice_lsp.language.checks import check
    assert text.startswith(DESCRIBE), "the describe comment stays, as the title line"
    assert "R1 in out 2.2k" in text and "C1 out 0 47n" in text
    assert check(text).errors == []


@pytest.mark.parametrize("client", [TEMPLATE_ONLY], indirect=True)
@pytest.mark.parametrize("column", [len(DESCRIBE) - 1, 5])
async def test_completion_on_a_describe_line_inserts_a_verified_netlist(client: LanguageClient, column):
    uri = open_doc(client, "describe.cir", DESCRIBE)
    result = await client.text_document_completion_async(types.CompletionParams(
        doc_id(uri), types.Position(0, column)))
    (item,) = result.items
    assert "verified by ngspice" in item.detail and "rc lowpass" in item.label
    assert item.filter_text == ("MHz" if column > 5 else "des")  # the word typed before the cursor
    assert_generated_netlist(apply_insertions(DESCRIBE, accepted(DESCRIBE, item)))
    # the documentation shows what was checked and assumed, line by line
    checklist = checklist_lines(generate(DESCRIBE.split(":", 1)[1]))
    assert checklist and all(f"- {line}" in item.documentation.value for line in checklist)


@pytest.mark.parametrize("client", [TEMPLATE_ONLY], indirect=True)
async def test_hover_on_a_describe_line_shows_its_checklist_or_its_refusal(client: LanguageClient):
    uri = open_doc(client, "hover_describe.cir", DESCRIBE + "* describe: please make it work better\n")
    hover = await client.text_document_hover_async(types.HoverParams(doc_id(uri), types.Position(0, 5)))
    result = generate(DESCRIBE.split(":", 1)[1])
    assert result.verdict in hover.contents.value
    assert all(f"- {line}" in hover.contents.value for line in checklist_lines(result))
    refused = await client.text_document_hover_async(types.HoverParams(doc_id(uri), types.Position(1, 5)))
    assert "No netlist for this description" in refused.contents.value


@pytest.mark.parametrize("client", [TEMPLATE_ONLY], indirect=True)
async def test_inline_completion_on_a_describe_line(client: LanguageClient):
    uri = open_doc(client, "describe.cir", DESCRIBE)
    result = await client.text_document_inline_completion_async(types.InlineCompletionParams(
        text_document=doc_id(uri), position=types.Position(0, len(DESCRIBE) - 1),
        context=types.InlineCompletionContext(trigger_kind=types.InlineCompletionTriggerKind.Invoked)))
    (item,) = result.items if hasattr(result, "items") else result
    edit = types.TextEdit(range=item.range, new_text=item.insert_text)
    assert_generated_netlist(apply_insertions(DESCRIBE, [edit]))


@pytest.mark.parametrize("client", [TEMPLATE_ONLY], indirect=True)
async def test_code_action_generates_with_progress_and_applies_the_edit(client: LanguageClient):
    uri = open_doc(client, "describe.cir", DESCRIBE)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        doc_id(uri), types.Range(types.Position(0, 3), types.Position(0, 3)),
        types.CodeActionContext(diagnostics=[])))
    (action,) = actions
    assert action.title == "Generate netlist from description"
    outcome = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=action.command.command, arguments=action.command.arguments))
    assert outcome["backend"] == "template"
    (edit,) = client.edits
    assert_generated_netlist(apply_insertions(DESCRIBE, edit.changes[uri]))
    (reports,) = client.progress_reports.values()
    assert isinstance(reports[0], types.WorkDoneProgressBegin) and reports[0].cancellable
    assert isinstance(reports[-1], types.WorkDoneProgressEnd)


@pytest.mark.parametrize("client", [TEMPLATE_ONLY], indirect=True)
async def test_a_refused_description_offers_the_nearest_known_circuits_as_code_actions(client: LanguageClient):
    """'no recipe for X': each of the three nearest known circuits is a code action whose edit
    inserts its netlist below the describe line."""
    from spice_lsp.generation.pipeline import refusal
    from spice_lsp.language.checks import check
    text = "* describe: the Zorbitron-7 hyperdimensional regulator from our internal catalogue\n"
    uri = open_doc(client, "unknown.cir", text)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        doc_id(uri), types.Range(types.Position(0, 3), types.Position(0, 3)),
        types.CodeActionContext(diagnostics=[])))
    generate_action, *offered = actions
    assert generate_action.title == "Generate netlist from description"
    refused = refusal(text[len("* describe: "):].strip())
    assert refused is not None and len(offered) == 3
    assert [a.title for a in offered] == [f"Insert the nearest known circuit: {k.summary}" for k in refused.nearest]
    for action, known in zip(offered, refused.nearest):
        inserted = apply_insertions(text, action.edit.changes[uri])
        assert inserted.startswith(text.rstrip("\n")) and check(inserted).errors == []
        assert known.netlist.split("\n", 1)[1].strip() in inserted  # its netlist, under the comment as title


@pytest.mark.parametrize("client", [{"generation": {"backend": "transformers", "baseModel": "/nonexistent/model"}}],
                         indirect=True)
async def test_a_failing_model_gives_the_rules_answer_and_says_why(client: LanguageClient):
    """The model cannot load: the command still inserts the verified template answer; the
    message says why and lists the checks, the load shows as progress, the failure is logged
    to the client (window/logMessage), not to stderr."""
    uri = open_doc(client, "describe.cir", DESCRIBE)
    outcome = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.generate", arguments=[uri, 0, 1]))
    assert outcome["backend"] == "template" and outcome["verified"]
    assert "transformers backend failed" in outcome["reason"] and "/nonexistent/model" in outcome["reason"]
    (edit,) = client.edits
    assert_generated_netlist(apply_insertions(DESCRIBE, edit.changes[uri]))
    (shown,) = [m.message for m in client.messages if "inserted the template answer" in m.message]
    assert outcome["reason"] in shown and outcome["checklist"] and all(line in shown for line in outcome["checklist"])
    (reports,) = client.progress_reports.values()
    assert any(getattr(r, "message", "") == "loading the language model (once)" for r in reports)
    assert any("transformers backend failed" in m.message for m in client.log_messages)


@pytest.mark.parametrize("client", [TEMPLATE_ONLY], indirect=True)
async def test_stale_generation_is_dropped(client: LanguageClient):
    uri = open_doc(client, "describe.cir", DESCRIBE)
    change(client, uri, 2, insert(1, 0, "R9 a 0 1k\n"))
    outcome = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.generate", arguments=[uri, 0, 1]))
    assert outcome is None and client.edits == []
    message = await arrival(client, lambda: next((m for m in client.messages if "changed" in m.message), None))
    assert "nothing inserted" in message.message


@pytest.mark.parametrize("client", [TEMPLATE_ONLY], indirect=True)
async def test_an_unservable_description_gets_a_message_not_an_edit(client: LanguageClient):
    uri = open_doc(client, "describe.cir", "* describe: make it nice\n")
    result = await client.text_document_completion_async(types.CompletionParams(doc_id(uri), types.Position(0, 10)))
    assert result is None
    message = await arrival(client, lambda: next((m for m in client.messages if "circuit" in m.message), None))
    assert "too vague to build" in message.message  # praise is no specification: the reason, not an edit


class FakeOpenAI(BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that answers every request with one good netlist,
    continuing the title line the prompt gives (the client puts that title in front)."""

    ANSWER = "VMODEL in 0 DC 0 AC 1\nR1 in out 2.2k\nC1 out 0 47n\n.ac dec 20 1 1meg\n.print ac vm(out)\n.end\n"

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.answer()

    def answer(self):
        body = json.dumps({"choices": [{"message": {"role": "assistant", "content": self.ANSWER}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(handler) -> tuple[ThreadingHTTPServer, str]:
    """A local OpenAI-compatible endpoint on a free port, and its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/v1"


@pytest.fixture(scope="module")
def openai_url():
    server, url = serve(FakeOpenAI)
    yield url
    server.shutdown()


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def model_client(lsp_client: LanguageClient, openai_url):
    """A server whose generation backend is the fake OpenAI-compatible endpoint."""
    await initialize(lsp_client, {"generation": {"backend": "openai", "openaiUrl": openai_url}})
    yield
    await lsp_client.shutdown_session()


async def test_completion_offers_the_model_answer_when_it_arrives(model_client: LanguageClient):
    lsp_client = model_client
    uri = open_doc(lsp_client, "describe.cir", DESCRIBE)
    params = types.CompletionParams(doc_id(uri), types.Position(0, len(DESCRIBE) - 1))
    first = await lsp_client.text_document_completion_async(params)
    assert [i.detail for i in first.items] == ["template, verified by ngspice"] and first.is_incomplete

    async def model_item():  # ask again, as an editor does while the list is incomplete
        while True:
            result = await lsp_client.text_document_completion_async(params)
            if len(result.items) == 2:
                return result.items[0]
    item = await asyncio.wait_for(model_item(), TIMEOUT)
    assert item.detail == "openai, verified by ngspice"
    text = apply_insertions(DESCRIBE, accepted(DESCRIBE, item))
    assert "VMODEL in 0" in text and "R1 in out 2.2k" in text


class HeldOpenAI(FakeOpenAI):
    """An OpenAI-compatible endpoint that holds every request until `release` is set: a model
    job that runs for as long as the test needs."""

    arrived: list[str] = []
    first = threading.Event()
    release = threading.Event()

    def do_POST(self):
        self.arrived.append(self.rfile.read(int(self.headers["Content-Length"])).decode())
        self.first.set()
        self.release.wait(60)
        self.answer()


@pytest.fixture(scope="module")
def held_url():
    server, url = serve(HeldOpenAI)
    yield url
    HeldOpenAI.release.set()
    server.shutdown()


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def held_client(lsp_client: LanguageClient, held_url):
    await initialize(lsp_client, {"generation": {"backend": "openai", "openaiUrl": held_url}})
    yield
    HeldOpenAI.release.set()
    await lsp_client.shutdown_session()


async def test_diagnostics_and_hover_answer_while_model_jobs_run(held_client: LanguageClient):
    """A user types a description: each keystroke asks for completion and so for a model job.
    While the model holds its request, the superseded jobs never start (one request reaches
    the model), and diagnostics and hovers answer at once: model work has its own thread."""
    client = held_client
    uri = open_doc(client, "describe.cir", DESCRIBE)
    described = DESCRIBE.rstrip("\n")
    for version, typed in enumerate(["", "0", "00", "000", " kHz", "0 kHz", "00 kHz", "000 kHz"], start=2):
        change(client, uri, version, types.TextDocumentContentChangeWholeDocument(text=described + typed + "\n"))
        await client.text_document_completion_async(types.CompletionParams(
            doc_id(uri), types.Position(0, len(described + typed))))
    assert await asyncio.to_thread(HeldOpenAI.first.wait, TIMEOUT), "no model job started"
    error_uri = open_doc(client, "error.cir", ERROR_NETLIST)
    assert "SP002" in [d.code for d in await diagnostics(client, error_uri)]
    hover = await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
        doc_id(error_uri), types.Position(2, 1))), TIMEOUT)
    assert hover is not None and "V1" in hover.contents.value
    assert len(HeldOpenAI.arrived) == 1 and not HeldOpenAI.release.is_set()  # still running, alone
    HeldOpenAI.release.set()
