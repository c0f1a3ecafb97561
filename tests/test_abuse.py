"""Hostile and heavy inputs against the real server over stdio (benchmarks/abuse.py's
scenarios, scaled down: a 200 kB netlist instead of 10 MB, 100,000-character lines, 50
changes...). After each abuse the server must still answer a hover on a probe document, and
the diagnostics must be those of each document's last version. Timings are reported by
`python -m benchmarks.abuse`, not asserted here; the waits are bounds that tell a hang."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

from benchmarks import abuse
from spice_lsp.editor import features, lsp
from spice_lsp.editor.server import server
from spice_lsp.language import model as m
from spice_lsp.language.checks import check
from spice_lsp.language.diagnostics import Diagnostic, Severity
from spice_lsp.language.includes import Workspace

SCALE = 0.02
ON_LOOP = pytest.mark.asyncio(loop_scope="module")  # the event loop the fixtures share

CRASHING_BIN = abuse.fake_ngspice(Path(tempfile.mkdtemp(prefix="spice-lsp-crashing-ngspice-")))
PLAIN = ClientServerConfig(server_command=abuse.SERVER_COMMAND, client_factory=abuse.make_client)
CRASHING_NGSPICE = ClientServerConfig(
    server_command=abuse.SERVER_COMMAND, client_factory=abuse.make_client,
    server_env={**os.environ, "PATH": f"{CRASHING_BIN}{os.pathsep}{os.environ.get('PATH', '')}"})


async def start(client: LanguageClient, workdir: Path, options=None) -> None:
    """Initialize, open the probe document; the fixture's client then carries the session
    (pytest-lsp hands tests the client itself)."""
    await abuse.initialize(client, workdir, options)
    client.session = s = abuse.Session(client, workdir)
    s.open("probe.cir", abuse.PROBE)
    await s.diagnostics(s.uri("probe.cir"), timeout=60)


@pytest_lsp.fixture(config=PLAIN, loop_scope="module")
async def plain(lsp_client: LanguageClient, tmp_path):
    await start(lsp_client, tmp_path, abuse.TEMPLATE)
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="module")
def model_url():
    with abuse.ModelServer() as url:
        yield url


@pytest_lsp.fixture(config=PLAIN, loop_scope="module")
async def with_model(lsp_client: LanguageClient, tmp_path, model_url):
    await start(lsp_client, tmp_path, abuse.model_options(model_url))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CRASHING_NGSPICE, loop_scope="module")
async def crashing_ngspice(lsp_client: LanguageClient, tmp_path):
    await start(lsp_client, tmp_path, abuse.TEMPLATE)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=PLAIN, loop_scope="module")
async def no_folder(lsp_client: LanguageClient):
    """A client that opens no workspace folder (Neovim on a lone file does so)."""
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"), initialization_options=abuse.TEMPLATE))
    yield
    await lsp_client.shutdown_session()


async def survives(s: abuse.Session, name: str, scenario) -> abuse.Outcome:
    outcome = await abuse.run_scenario(s, name, scenario, SCALE)
    assert outcome.ok, outcome.detail
    assert outcome.hover_after_ms == outcome.hover_after_ms, "the probe hover was answered"  # not NaN
    return outcome


@ON_LOOP
@pytest.mark.parametrize("name", list(abuse.SCENARIOS))
async def test_the_server_survives(plain: LanguageClient, name: str):
    await survives(plain.session, name, abuse.SCENARIOS[name])


@ON_LOOP
async def test_a_cancelled_generation_inserts_nothing(with_model: LanguageClient):
    outcome = await survives(with_model.session, "cancelled_generation", abuse.cancelled_generation)
    assert outcome.detail["cancel_request"] == "JsonRpcRequestCancelled"
    assert not with_model.edits
    assert any("cancelled; nothing inserted" in m.message for m in with_model.messages)


@ON_LOOP
async def test_a_failing_model_gives_a_message_and_diagnostics_go_on(with_model: LanguageClient):
    outcome = await survives(with_model.session, "failing_model", abuse.failing_model)
    assert outcome.detail["message"].startswith("spice-lsp: inserted the template answer: the openai backend failed")
    assert "HTTP 500" in outcome.detail["message"]


@ON_LOOP
async def test_a_crashing_ngspice_does_not_take_the_server_down(crashing_ngspice: LanguageClient):
    outcome = await survives(crashing_ngspice.session, "crashing_ngspice", abuse.crashing_ngspice)
    assert outcome.detail["completion_answered"]


@ON_LOOP
async def test_without_a_folder_a_file_is_read_only_once_the_client_opens_it(no_folder: LanguageClient, tmp_path):
    """With no workspace folder, a file the client only names is refused (its folder is not
    made the workspace, as it was for simulation); once opened, the includes beside it are read."""
    (tmp_path / "models.inc").write_text(".model dx D\n")
    main = tmp_path / "main.cir"
    main.write_text("t\n.include models.inc\nD1 a 0 dx\nV1 a 0 1\n.op\n.end\n")
    with pytest.raises(JsonRpcException, match="outside the workspace"):
        await no_folder.text_document_document_symbol_async(types.DocumentSymbolParams(
            types.TextDocumentIdentifier(main.as_uri())))
    simulated = await no_folder.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.simulate", arguments=[main.as_uri()]))
    assert not simulated["ok"] and "outside the workspace" in simulated["text"]
    s = abuse.Session(no_folder, tmp_path)
    uri = s.open("main.cir", main.read_text())
    assert [d.code for d in await s.diagnostics(uri, timeout=60)] == []  # models.inc read: no SP007, SP016


# ---------------------------------------------------------------------------------------
# The core under the same inputs (no server): bounds that tell a hang


def test_include_fan_out_is_read_once_per_file(tmp_path):
    """f0 includes f1 twice, f1 includes f2 twice... 30 deep: 2**30 paths, 31 files."""
    abuse.write_include_files(tmp_path, depth=30)
    started = time.perf_counter()
    result = check("t\n.include fan0.inc\nD1 a 0 dfan\nV1 a 0 1\n.op\n.end\n", tmp_path / "main.cir",
                   Workspace(roots=[tmp_path]))
    assert time.perf_counter() - started < 30, "a hang, not slowness"
    assert [d.code for d in result.diagnostics] == []  # the model at the bottom is found


def test_include_cycles_are_reported_once_each(tmp_path):
    abuse.write_include_files(tmp_path, depth=1)
    result = check("t\n.include self.inc\n.include a.inc\n.include b.inc\n.op\n.end\n", tmp_path / "main.cir",
                   Workspace(roots=[tmp_path]))
    assert [(d.code, d.range.start.line) for d in result.diagnostics] == [("SP017", 1), ("SP017", 2), ("SP017", 3)]


def test_deep_and_recursive_subcircuit_calls(tmp_path):
    depth = 2000
    chain = [f".subckt s{i} a b\nX{i} a b s{i + 1}\n.ends" for i in range(depth)]
    text = "\n".join(["t", *chain, f".subckt s{depth} a b\nR1 a b 1k\n.ends", ".subckt loop a b\nX1 a b loop\n.ends",
                      "X0 in 0 s0", "Xl in 0 loop", "V1 in 0 1", ".op", ".end"])
    assert [d.code for d in check(text).diagnostics] == []


@pytest.mark.parametrize("text", [
    "\x00" * 100_000,
    "t\n" + "R1 a 0 " + "9" * 1_000_000 + "\n.end\n",
    "t\nR1 a 0 {" + "(" * 50_000 + "1\n.end\n",
    "t\n" + "+" * 100_000 + "\n",
])
def test_pathological_documents_are_checked(text):
    result = check(text)
    lines = text.split("\n")
    assert all(0 <= d.range.start.line < len(lines) for d in result.diagnostics)


# ---------------------------------------------------------------------------------------
# What the server does about them: the line index, the cap on diagnostics, the depth of
# symbols, an answer to every request


def test_a_document_is_indexed_once_per_version():
    """Position conversions read `lines`; they used to split the whole text on each access."""
    text = abuse.garbage_text(20_000)
    doc = lsp.LspTextDocument("file:///garbage.cir", text)
    assert doc.lines is doc.lines and "".join(doc.lines) == text
    doc.apply_change(types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(1, 0), types.Position(1, 0)), text="R1 a 0 1k\n"))
    assert doc.lines is doc.lines and doc.lines[1] == "R1 a 0 1k\n" and "".join(doc.lines) == doc.source


def diagnostic(line: int, severity: Severity, message: str = "") -> Diagnostic:
    here = m.Range(m.Position(line, 0), m.Position(line, 1))
    return Diagnostic(here, "SP001" if severity == Severity.ERROR else "SP006", message or f"line {line}", severity)


def test_diagnostics_are_capped_with_one_saying_how_many_more():
    found = [diagnostic(i, Severity.WARNING) for i in range(10)] + [diagnostic(10, Severity.ERROR)]
    assert features.published_diagnostics(found, limit=11) == features.Published(found)
    shown = features.published_diagnostics(found, limit=4)
    assert shown.diagnostics == [found[0], found[1], found[2], found[10]]  # the error is never left out
    assert shown.more == diagnostic(3, Severity.WARNING, "7 more problems not shown (at most 4 are shown); "
                                                         "the first of them: line 3")


def test_the_final_diagnostic_takes_the_worst_severity_left_out():
    found = [diagnostic(i, Severity.ERROR) for i in range(5)] + [diagnostic(5, Severity.WARNING)]
    shown = features.published_diagnostics(found, limit=2)
    assert shown.diagnostics == found[:2]
    assert (shown.more.range.start.line, shown.more.severity) == (2, Severity.ERROR)
    assert shown.more.message.startswith("4 more problems not shown")


def test_nested_symbols_stop_at_the_depth_limit_and_keep_every_symbol_in_order():
    result = check(abuse.nested_subckt_text(2000))
    symbols = features.document_symbols(result)
    deepest, levels = symbols, 1
    while deepest[0].children:
        deepest, levels = deepest[0].children, levels + 1
    assert levels == features.MAX_SYMBOL_DEPTH
    assert [s.name for s in deepest] == [f"s{i}" for i in range(features.MAX_SYMBOL_DEPTH - 1, 2000)] + ["R1"]
    assert [s.name for s in symbols] == ["s0", "X1", "V1", ".op"]


def test_an_answer_that_cannot_be_sent_becomes_an_error_answer():
    """The guard behind the depth limit: a result pygls cannot serialize (here symbols nested
    deeper than Python's stack) is answered with an error instead of never."""
    here = types.Range(types.Position(0, 0), types.Position(0, 1))
    symbol = types.DocumentSymbol(name="s", kind=types.SymbolKind.Class, range=here, selection_range=here)
    for _ in range(2000):
        symbol = types.DocumentSymbol(name="s", kind=types.SymbolKind.Class, range=here, selection_range=here,
                                      children=[symbol])
    sent = server.protocol._serialize_message(types.DocumentSymbolResponse(id=7, result=[symbol]))
    assert sent["id"] == 7 and "could not send its answer" in sent["error"]["message"]
    assert "result" not in sent
