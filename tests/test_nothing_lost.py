"""Nothing lost: completions and code actions never delete or rewrite the user's text
outside the range they announce.

Property (hypothesis, over random documents: CRLF or LF, astral characters that count two
UTF-16 units, `.end` or not, the describe line anywhere, the cursor anywhere on it): applying
the edits of the generation completion item, the inline completion and the code action's
workspace edit is a pure insertion, so every original line survives, in order. Plain
completions carry no edit range at all (the editor replaces the word being typed). The same
is then checked end to end against the real server."""
from __future__ import annotations

import random
import sys
from functools import cache

import pytest
import pytest_lsp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pygls.workspace import TextDocument
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from spice_lsp.editor import features, lsp
from spice_lsp.generation.pipeline import generate
from spice_lsp.language import model as m
from spice_lsp.language.checks import check

from .test_server import accepted, make_client

DESCRIPTIONS = ["RC low-pass, R=1k, C=100n, AC sweep to 1 MHz", "voltage divider 10k and 4.7k from 5V",
                "common-source NMOS amplifier, W=10u L=1u, RD=10k, VDD=5V"]
LINES = ["R1 in out 1k", "C1 out 0 100n", "V1 in 0 DC 1", ".tran 1u 1m", ".end", "* comment", "",
         "X1 a b sub", ".subckt sub a b", ".ends", "+ 1k", "  indented", "naïve µ 𝄞 line", "\t", ".END"]


@cache
def generated(description: str):
    return generate(description)


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """The text after `edits` (UTF-16 positions, applied last first as LSP requires)."""
    doc = lsp.LspTextDocument("file:///t.cir", text)
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        doc.apply_change(types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text))
    return doc.source


def assert_pure_insertion(before: str, after: str) -> None:
    """`after` is `before` with one piece of text inserted: every original line survives."""
    head = 0
    while head < len(before) and before[head] == after[head]:
        head += 1
    tail = len(before) - head
    assert after[len(after) - tail:] == before[head:], "text after the insertion was changed"
    original, lines = before.split("\n"), after.split("\n")
    it = iter(lines)
    assert all(any(line == other or other.startswith(line) or other.endswith(line) for other in it)
               for line in original), "an original line is missing"


NOT_LSP_BREAKS = set("\r\n")  # lines are drawn whole; \v \f U+2028... stay (LspTextDocument)
documents = st.tuples(
    st.lists(st.sampled_from(LINES) | st.text(max_size=30).filter(lambda s: not NOT_LSP_BREAKS & set(s)),
             max_size=12),
    st.integers(min_value=0, max_value=12),  # where the describe line goes
    st.sampled_from(DESCRIPTIONS),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["* describe: ", "; describe: ", "  *  Describe:   "]),
    st.integers(min_value=0, max_value=200),  # the cursor column (clamped to the line)
    st.booleans(),  # a final newline
)


def build(case) -> tuple[str, int, int, str]:
    lines, at, description, eol, lead, column, final = case
    at = min(at, len(lines))
    line = f"{lead}{description}"
    lines = [*lines[:at], line, *lines[at:]]
    text = eol.join(lines) + (eol if final else "")
    return text, at, min(column, len(line)), description


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generation_edits_are_pure_insertions(case):
    text, line, column, description = build(case)
    doc = lsp.LspTextDocument("file:///t.cir", text)
    assert features.describe_request(doc.lines[line].rstrip("\r\n")) == description
    result = generated(description)
    insertion = features.netlist_insertion(doc.source, line, result.netlist)
    cursor = m.Position(line, column)
    item = lsp.lsp_generation_item(result, insertion, cursor, doc, features.generation_notes(result, insertion))
    completed = apply(text, accepted(text, item))  # it removes nothing the user wrote
    assert_pure_insertion(text, completed)
    inline = lsp.lsp_inline_generation(insertion, doc).items[0]
    assert apply(text, [types.TextEdit(range=inline.range, new_text=inline.insert_text)]) == completed
    edit = lsp.lsp_insertion_edit("file:///t.cir", insertion, doc)
    assert apply(text, edit.changes["file:///t.cir"]) == completed
    # the netlist went in below the describe line, which is unchanged
    assert completed.split("\n")[line].rstrip("\r") == text.split("\n")[line].rstrip("\r")


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(LINES), max_size=10), st.integers(0, 12), st.integers(0, 40))
def test_plain_completions_announce_no_edit(lines, line, column):
    text = "t\n" + "\n".join(lines)
    all_lines = text.split("\n")
    line = min(line, len(all_lines) - 1)
    pos = m.Position(line, min(column, len(all_lines[line])))
    for item in features.completion(check(text), all_lines[line], pos):
        converted = lsp.lsp_completion(item)
        assert converted.text_edit is None and converted.additional_text_edits is None


# ---------------------------------------------------------------------------------------
# End to end: the real server, a handful of random documents


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "spice_lsp"], client_factory=make_client)


@pytest_lsp.fixture(config=SERVER, loop_scope="module")
async def client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="t")],
        initialization_options={"generation": {"backend": "template"}}))  # never the language model
    lsp_client.folder = tmp_path
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="module")
async def test_the_server_never_loses_a_line(client: LanguageClient):
    rng = random.Random(8)
    for i in range(6):
        case = ([rng.choice(LINES) for _ in range(rng.randint(0, 8))], rng.randint(0, 8), rng.choice(DESCRIPTIONS),
                rng.choice(["\n", "\r\n"]), "* describe: ", rng.randint(0, 80), rng.random() < 0.5)
        text, line, column, _ = build(case)
        uri = (client.folder / f"doc{i}.cir").as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=uri, language_id="spice", version=1, text=text)))
        doc = lsp.LspTextDocument(uri, text)
        position = doc.position_to_client_units(types.Position(line, column))
        listed = await client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), position))
        item = listed.items[0]
        assert_pure_insertion(text, apply(text, accepted(text, item)))
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), types.Range(position, position),
            types.CodeActionContext(diagnostics=[])))
        assert actions and all(a.edit is None for a in actions)  # edits only when the user runs it
        before = len(client.edits)
        await client.workspace_execute_command_async(types.ExecuteCommandParams(
            command=actions[0].command.command, arguments=actions[0].command.arguments))
        assert len(client.edits) == before + 1
        assert_pure_insertion(text, apply(text, client.edits[-1].changes[uri]))


def test_lines_break_where_the_core_breaks_them():
    """pygls's TextDocument breaks lines at a form feed (str.splitlines); the server's breaks
    them at "\n" only, like the core and the editor. Found while writing these properties."""
    text = "t\x0cx\nR1 a 0 1k\x0b\u2028\n"
    assert TextDocument("file:///t.cir", text).lines != tuple(lsp.LspTextDocument("file:///t.cir", text).lines)
    doc = lsp.LspTextDocument("file:///t.cir", text)
    assert lsp.core_position(doc, types.Position(1, 5)) == m.Position(1, 5)
    doc.apply_change(types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(1, 0), types.Position(1, 2)), text="R9"))
    assert doc.source == "t\x0cx\nR9 a 0 1k\x0b\u2028\n"
