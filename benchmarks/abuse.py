#!/usr/bin/env python3
"""Hostile and heavy inputs against the real language server, over stdio.

Each scenario abuses one running `python -m spice_lsp` process (a 10 MB netlist, a
1,000,000-character line, a file of NUL bytes, deep subcircuit nesting and include cycles,
100 open documents, 1,000 didChange notifications in one burst, positions outside the
document, malformed JSON-RPC, unknown methods, 5 MB of garbage, `.subckt` definitions nested
2,000 deep, negative positions, URIs naming /dev/stdin, a FIFO, /dev/zero or /etc/passwd, a
generation cancelled half way, a model backend that fails, an ngspice that crashes), checks
that every request is answered, then checks that the server still answers:
a hover request on a small probe document, timed. It reports per scenario the worst hover
latency (during and after the abuse), whether the diagnostics matched the last version of
each document, and the server's peak RSS (VmHWM from /proc).

Usage::

    python -m benchmarks.abuse [--scale 1.0] [--only NAME ...] [--out .cache/bench/abuse.json]

`--scale` shrinks the sizes and counts (tests/test_abuse.py runs the same scenarios at a
small scale); the figures in docs/reliability.md come from `--scale 1`.
"""
from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import itertools
import json
import os
import random
import shutil
import stat
import string
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcMethodNotFound
from pytest_lsp import client_capabilities

from benchmarks.lsp_client import RecordingClient, make_client
from spice_lsp.editor.features import MAX_DIAGNOSTICS, MAX_SYMBOL_DEPTH, document_symbols
from spice_lsp.language.checks import check
from spice_lsp.language.includes import Workspace

ROOT = Path(__file__).resolve().parents[1]
PROBE = "probe\nR1 in out 1k\nV1 in 0 DC 1\nC1 out 0 1u\n.op\n.end\n"
DESCRIBE = "* describe: RC low-pass, R=1k, C=100n, AC sweep to 1 MHz\n"
WAIT = 600.0  # seconds: the bound that tells a hang from slowness (the 10 MB check takes a while)
ANSWER = 30.0  # seconds: the bound on one small request's answer
SERVER_COMMAND = [sys.executable, "-m", "spice_lsp"]
# The template backend, named: with a shipped adapter the default would load the language model.
TEMPLATE = {"generation": {"backend": "template"}}
_ids = itertools.count()


async def initialize(client: RecordingClient, workdir: Path, options: dict | None = None) -> None:
    await client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        workspace_folders=[types.WorkspaceFolder(uri=workdir.as_uri(), name="abuse")],
        initialization_options=options))


# ---------------------------------------------------------------------------------------
# A session: one client, one server, the workspace folder, the figures


@dataclass
class Outcome:
    scenario: str
    ok: bool
    hover_after_ms: float  # the probe hover once the abuse is over (its diagnostics published)
    worst_hover_ms: float  # the slowest hover of the scenario, those sent in the middle of it included
    rss_mb: float  # the server's resident memory after the scenario
    peak_rss_mb: float  # the server's high-water mark so far (one server runs several scenarios)
    seconds: float
    detail: dict = field(default_factory=dict)


class Session:
    def __init__(self, client: RecordingClient, workdir: Path):
        self.client, self.workdir = client, workdir
        self.latencies: list[float] = []
        self.versions: dict[str, int] = {}

    # documents ---------------------------------------------------------------------------
    def uri(self, name: str) -> str:
        return (self.workdir / name).as_uri()

    def open(self, name: str, text: str) -> str:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=uri, language_id="spice", version=1, text=text)))
        return uri

    def change(self, uri: str, *changes) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]), list(changes)))
        return self.versions[uri]

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))

    # waiting -----------------------------------------------------------------------------
    async def until(self, found, timeout: float = WAIT):
        """Wait until `found()` is truthy; re-checked whenever a notification arrives."""
        async def loop():
            while not (result := found()):
                self.client.arrived.clear()
                await self.client.arrived.wait()
            return result
        return await asyncio.wait_for(loop(), timeout)

    async def diagnostics(self, uri: str, version: int | None = None, timeout: float = WAIT):
        version = self.versions[uri] if version is None else version
        found = await self.until(lambda: next((p for p in reversed(self.client.published)
                                               if p.uri == uri and p.version == version), None), timeout)
        return found.diagnostics

    def latest(self, uri: str):
        return next((p for p in reversed(self.client.published) if p.uri == uri), None)

    # measuring ---------------------------------------------------------------------------
    async def hover(self, uri: str, line: int, character: int, timeout: float = 60.0):
        started = time.perf_counter()
        result = await asyncio.wait_for(self.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character))), timeout)
        self.latencies.append(time.perf_counter() - started)
        return result

    async def probe(self) -> None:
        """The server still answers: hover over R1 of the probe document."""
        found = await self.hover(self.uri("probe.cir"), 1, 1)
        assert found is not None and "1k" in str(found.contents), f"probe hover gave {found!r}"

    def memory_mb(self, field: str = "VmHWM") -> float:
        """The server's VmHWM (peak resident memory) or VmRSS (now), from /proc."""
        pid = self.client._server.pid if self.client._server else None
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except (OSError, TypeError):
            return float("nan")
        kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith(f"{field}:")), 0)
        return kb / 1024

    def write_raw(self, body: bytes, header: bytes | None = None) -> None:
        """Bytes straight onto the server's stdin, framed with a correct Content-Length."""
        header = header if header is not None else b"Content-Length: %d\r\n\r\n" % len(body)
        writer = self.client.protocol.writer
        assert writer is not None, "the server is not started"
        writer.write(header + body)

    async def answer(self, method: str, params, timeout: float = ANSWER) -> tuple[str, Any]:
        """Send a request as raw JSON (lsprotocol cannot build a negative position) and wait
        for its answer: ("result", value) or ("error", message); a hang raises TimeoutError."""
        msg_id = f"raw-{next(_ids)}"
        future: concurrent.futures.Future = concurrent.futures.Future()
        self.client.protocol._request_futures[msg_id] = future  # where pygls files the answer
        self.write_raw(json.dumps({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params}).encode())
        try:
            return "result", await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except JsonRpcException as error:
            return "error", error.message


def same_diagnostics(published, text: str, path: Path | None = None) -> bool:
    """The published diagnostics are those the core finds in `text` (codes and lines); `path`:
    the document's file, its folder being the workspace."""
    workspace = Workspace(roots=[path.parent]) if path else None
    expected = sorted((d.code, d.range.start.line) for d in check(text, path, workspace).diagnostics)
    return sorted((d.code, d.range.start.line) for d in published) == expected


# ---------------------------------------------------------------------------------------
# Scenarios: each abuses the server and returns details; the runner then probes it.


def big_netlist_text(size: int) -> str:
    lines, total, i = ["big netlist", "V1 n0 0 DC 1"], 0, 0
    while total < size:
        line = f"R{i} n{i} n{i + 1} 1k"
        lines.append(line)
        total += len(line) + 1
        i += 1
    return "\n".join(lines + [f"R{i} n{i} 0 1k", ".op", ".end", ""])


async def big_netlist(s: Session, scale: float) -> dict:
    text = big_netlist_text(int(10_000_000 * scale))
    uri = s.open("big.cir", text)
    await s.probe()  # while the big document is being checked
    diags = await s.diagnostics(uri)
    found = await s.hover(uri, 2, 1)
    in_it = s.latencies[-1]
    await s.probe()
    before_close = s.latencies[-1]
    s.close(uri)
    return {"bytes": len(text), "lines": text.count("\n"), "errors": sum(d.severity == 1 for d in diags),
            "hover_in_it_ms": round(in_it * 1000, 1), "probe_before_close_ms": round(before_close * 1000, 1),
            "ok": found is not None and not any(d.severity == 1 for d in diags)}


async def long_line(s: Session, scale: float) -> dict:
    n = int(1_000_000 * max(scale, 0.1))
    words = ("R1 a 0 1k " + " ".join(f"p{i}={i}" for i in range(n // 8)))[:n]
    texts = {"line_element.cir": f"long line\n{words}\nV1 a 0 1\n.op\n.end\n",
             "line_number.cir": f"long number\nR1 a 0 {'9' * n}\nV1 a 0 1\n.op\n.end\n",
             "line_expression.cir": f"long expression\nR1 a 0 {{{'(' * (n // 2)}1\nV1 a 0 1\n.op\n.end\n"}
    ok = True
    for name, text in texts.items():
        uri = s.open(name, text)
        await s.diagnostics(uri)
        await s.hover(uri, 1, n - 5)
        ok &= same_diagnostics(await s.diagnostics(uri), text)
        s.close(uri)
    return {"characters": n, "ok": ok}


async def nul_bytes(s: Session, scale: float) -> dict:
    n = int(1_000_000 * max(scale, 0.1))
    text = "\x00" * n
    uri = s.open("nul.cir", text)
    diags = await s.diagnostics(uri)
    await s.hover(uri, 0, n // 2)
    mixed = "t\x00\nR1\x00 a 0 1k\n\x00.end\x00\n"
    uri2 = s.open("nul2.cir", mixed)
    ok = same_diagnostics(await s.diagnostics(uri2), mixed) and same_diagnostics(diags, text)
    s.close(uri)
    s.close(uri2)
    return {"bytes": n, "ok": ok}


def write_include_files(workdir: Path, depth: int = 30) -> None:
    """Include cycles and a fork-like fan-out: f0 includes f1 twice, f1 includes f2 twice..."""
    (workdir / "self.inc").write_text(".include self.inc\n")
    (workdir / "a.inc").write_text(".include b.inc\n.model da D\n")
    (workdir / "b.inc").write_text(".include a.inc\n.model db D\n")
    for i in range(depth):
        (workdir / f"fan{i}.inc").write_text(f".include fan{i + 1}.inc\n.include fan{i + 1}.inc\n")
    (workdir / f"fan{depth}.inc").write_text(".model dfan D\n")


async def nesting(s: Session, scale: float) -> dict:
    depth = max(50, int(1000 * scale))
    write_include_files(s.workdir)
    chain = [f".subckt s{i} a b\nX{i} a b s{i + 1}\n.ends" for i in range(depth)]
    text = "\n".join(["nesting", *chain, f".subckt s{depth} a b\nR1 a b 1k\n.ends",
                      ".subckt loop a b\nX1 a b loop\n.ends",  # calls itself
                      ".include self.inc", ".include a.inc", ".include fan0.inc",
                      "X0 in 0 s0", "Xl in 0 loop", "D1 in 0 dfan", "V1 in 0 1", ".op", ".end", ""])
    uri = s.open("nesting.cir", text)
    diags = await s.diagnostics(uri)
    await s.hover(uri, 2, 1)
    cycles = sum(d.code == "SP017" for d in diags)
    s.close(uri)
    ok = cycles == 2 and same_diagnostics(diags, text, s.workdir / "nesting.cir")
    return {"depth": depth, "include_cycles_reported": cycles, "ok": ok}


async def many_documents(s: Session, scale: float) -> dict:
    n = max(10, int(100 * scale))
    uris = [s.open(f"doc{i}.cir", f"doc {i}\nR{i} a\nV1 a 0 1\n.op\n.end\n") for i in range(n)]
    fixed = {}
    for i, uri in enumerate(uris[::2]):  # fix every other one at once
        fixed[uri] = f"doc {i}\nR{i} a 0 1k\nV1 a 0 1\n.op\n.end\n"
        s.change(uri, types.TextDocumentContentChangeWholeDocument(text=fixed[uri]))
    for uri in uris:
        await s.diagnostics(uri)
    await s.probe()
    last = {uri: s.latest(uri) for uri in uris}
    right = all(last[u].version == s.versions[u] and
                (not any(d.code == "SP002" for d in last[u].diagnostics)) == (u in fixed) for u in uris)
    for uri in uris:
        s.close(uri)
    return {"documents": n, "ok": right}


async def change_storm(s: Session, scale: float) -> dict:
    n = max(50, int(1000 * scale))
    text = "storm\nV1 a 0 1\nR1 a 0 1k\n.op\n.end\n"
    uri = s.open("storm.cir", text)
    await s.diagnostics(uri)
    started = time.perf_counter()
    for i in range(n):  # each appends an element; every 7th leaves it broken until the next
        line = f"R{i + 2} a {'0 1k' if i % 7 else ''}\n"
        s.change(uri, types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(3 + i, 0), types.Position(3 + i, 0)), text=line))
        lines = text.split("\n")
        lines.insert(3 + i, line.rstrip("\n"))
        text = "\n".join(lines)
    sent = time.perf_counter() - started
    await s.hover(uri, 1, 1)  # in the middle of the storm's checks
    diags = await s.diagnostics(uri)
    stale = [p.version for p in s.client.published
             if p.uri == uri and p.version is not None and p.version > s.versions[uri]]
    ok = same_diagnostics(diags, text) and not stale and s.latest(uri).version == s.versions[uri]
    s.close(uri)
    return {"changes": n, "sent_in_s": round(sent, 3), "publications": sum(p.uri == uri for p in s.client.published),
            "ok": ok}


async def outside_positions(s: Session, scale: float) -> dict:
    uri = s.uri("probe.cir")
    doc = types.TextDocumentIdentifier(uri)
    answers: list[object] = []
    for line, character in [(10**6, 0), (0, 10**6), (6, 0), (7, 3), (2**31 - 1, 2**31 - 1)]:
        pos = types.Position(line, character)
        c = s.client
        answers += [
            await c.text_document_hover_async(types.HoverParams(doc, pos)),
            await c.text_document_definition_async(types.DefinitionParams(doc, pos)),
            await c.text_document_references_async(types.ReferenceParams(
                context=types.ReferenceContext(include_declaration=True), text_document=doc, position=pos)),
            await c.text_document_completion_async(types.CompletionParams(doc, pos)),
            await c.text_document_code_action_async(types.CodeActionParams(
                doc, types.Range(pos, pos), types.CodeActionContext(diagnostics=[]))),
            await c.text_document_inline_completion_async(types.InlineCompletionParams(
                context=types.InlineCompletionContext(types.InlineCompletionTriggerKind.Invoked),
                text_document=doc, position=pos)),
        ]
    # a document never opened and not on disk: an error response is fine, silence is not
    unknown = types.TextDocumentIdentifier(s.uri("never-opened.cir"))
    errors = 0
    try:
        answers.append(await s.client.text_document_document_symbol_async(types.DocumentSymbolParams(unknown)))
    except JsonRpcException:
        errors += 1
    return {"requests": len(answers) + errors, "error_responses": errors, "ok": True}  # negative: negative_positions


async def malformed_jsonrpc(s: Session, scale: float) -> dict:
    bodies = [b"{not json", b"[1, 2, 3]", b"42", b'"a string"', b"{}", b"null",
              b'{"jsonrpc": "2.0", "id": 1}',
              b'{"jsonrpc": "2.0", "id": "x1", "method": "textDocument/hover", "params": {"bogus": 1}}',
              b'{"jsonrpc": "2.0", "id": "x2", "method": "textDocument/hover", "params": null}',
              b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 7}}',
              b'{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": '
              b'{"uri": "file:///nowhere.cir", "version": 3}, "contentChanges": [{"text": "x"}]}}',
              b'{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": '
              b'{"uri": "file:///nowhere.cir"}}}',
              "{\"jsonrpc\": \"2.0\", \"id\": \"x4\", \"method\": \"textDocument/hover\", \"params\": "
              "{\"textDocument\": {\"uri\": \"\ud800\"}, \"position\": {\"line\": 0, \"character\": 0}}}"
              .encode("utf-8", "surrogatepass"),
              b"\xff\xfe\x00garbage\x80", b"{" * 10000 + b"}" * 10000]
    for body in bodies:
        s.write_raw(body)
        await s.probe()
    # a header that is not Content-Length, then an ordinary message
    s.write_raw(b"{}", header=b"Content-Length: 2\r\nX-Whatever: yes\r\n\r\n")
    return {"messages": len(bodies) + 1, "ok": True}


async def unknown_methods(s: Session, scale: float) -> dict:
    refused = 0
    for method in ["spice/doSomething", "textDocument/unknownFeature", "workspace/nothing"]:
        try:
            await asyncio.wait_for(s.client.protocol.send_request_async(method, {"x": 1}), 30)
        except JsonRpcMethodNotFound:
            refused += 1
    for method, params in [("spice/notify", {"x": 1}), ("$/unknownNotification", {}), ("$/setTrace", {"value": "off"}),
                           ("$/cancelRequest", {"id": 123456})]:  # nothing has that id
        s.write_raw(json.dumps({"jsonrpc": "2.0", "method": method, "params": params}).encode())
        await s.probe()
    return {"refused_with_method_not_found": refused, "ok": refused == 3}


async def line_separators(s: Session, scale: float) -> dict:
    """Characters str.splitlines takes for line breaks (editors do not): positions and
    incremental edits after them must land on the right line."""
    text = "separators\n* page\x0c break\nV1 a 0 1 ; \x0b \x1c\nR1 a b 1k ; \u2028 \x85\nR2 b 0 1k\n.op\n.end\n"
    uri = s.open("separators.cir", text)
    await s.diagnostics(uri)
    s.change(uri, types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(4, 0), types.Position(4, 2)), text="R3"))
    text = text.replace("R2 b", "R3 b")
    diags = await s.diagnostics(uri)
    found = await s.hover(uri, 4, 1)
    s.close(uri)
    shown = str(found.contents) if found else ""
    return {"hover_names_R3": "R3" in shown, "ok": "R3" in shown and same_diagnostics(diags, text)}


def garbage_text(size: int, seed: int = 5) -> str:
    """Lines of random printable characters: about one diagnostic a line."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + string.punctuation + "  \t"
    lines, total = [], 0
    while total < size:
        line = "".join(rng.choices(alphabet, k=rng.randint(0, 120)))
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)


async def garbage(s: Session, scale: float) -> dict:
    """5 MB of garbage: ~80,000 diagnostics, of which the first MAX_DIAGNOSTICS are published
    with one more saying how many are left out."""
    text = garbage_text(int(5_000_000 * scale))
    started = time.perf_counter()
    uri = s.open("garbage.cir", text)
    await s.probe()  # while it is being checked
    diags = await s.diagnostics(uri)
    published = time.perf_counter() - started
    found = len(check(text, s.workdir / "garbage.cir", Workspace(roots=[s.workdir])).diagnostics)
    await s.hover(uri, 100, 3)
    in_it = s.latencies[-1]
    s.close(uri)
    capped = found > MAX_DIAGNOSTICS
    right = len(diags) == (MAX_DIAGNOSTICS + 1 if capped else found) and \
        (not capped or diags[-1].message.startswith(f"{found - MAX_DIAGNOSTICS:,} more problems not shown"))
    return {"bytes": len(text), "diagnostics_found": found, "published": len(diags),
            "published_in_s": round(published, 2), "hover_in_it_ms": round(in_it * 1000, 1), "ok": right}


def nested_subckt_text(depth: int) -> str:
    return "\n".join(["nested", *(f".subckt s{i} a b" for i in range(depth)), "R1 a b 1k", *[".ends"] * depth,
                      "X1 in 0 s0", "V1 in 0 1", ".op", ".end", ""])


def symbol_depth(symbols) -> tuple[int, int]:
    """The depth of a documentSymbol answer (JSON) and the number of symbols in it."""
    depth, count, todo = 0, 0, [(sym, 1) for sym in symbols or []]
    while todo:
        sym, level = todo.pop()
        depth, count = max(depth, level), count + 1
        todo += [(c, level + 1) for c in sym.get("children") or []]
    return depth, count


async def nested_subckts(s: Session, scale: float) -> dict:
    """.subckt definitions nested 250 and 2,000 deep: symbols (their answer overflowed the
    stack while being sent), folding, hover and formatting all answer."""
    detail, ok = {}, True
    for depth in (250, 2000):
        uri = s.open(f"nested{depth}.cir", nested_subckt_text(depth))
        await s.diagnostics(uri)
        doc = {"uri": uri}
        answers = {
            "symbols": await s.answer("textDocument/documentSymbol", {"textDocument": doc}),
            "folding": await s.answer("textDocument/foldingRange", {"textDocument": doc}),
            "hover": await s.answer("textDocument/hover", {"textDocument": doc,
                                                           "position": {"line": depth + 1, "character": 1}}),
            "formatting": await s.answer("textDocument/formatting", {
                "textDocument": doc, "options": {"tabSize": 4, "insertSpaces": True}}),
        }
        s.close(uri)
        levels, count = symbol_depth(answers["symbols"][1]) if answers["symbols"][0] == "result" else (0, 0)
        detail[f"depth_{depth}"] = {"symbol_levels": levels, "symbols": count,
                                    "errors": {k: v for k, (kind, v) in answers.items() if kind == "error"}}
        ok &= all(kind == "result" for kind, _ in answers.values()) and count == depth + 4 \
            and levels == min(depth + 1, MAX_SYMBOL_DEPTH)
    return {**detail, "ok": ok}


async def negative_positions(s: Session, scale: float) -> dict:
    """Positions and ranges no client may send (negative, over 2**31): each request is
    answered, with an error, instead of being dropped."""
    doc = {"uri": s.uri("probe.cir")}
    bad = {"line": -1, "character": -5}
    bad_range = {"start": bad, "end": {"line": 3, "character": 0}}
    requests = [
        ("textDocument/hover", {"textDocument": doc, "position": bad}),
        ("textDocument/definition", {"textDocument": doc, "position": bad}),
        ("textDocument/references", {"textDocument": doc, "position": bad, "context": {"includeDeclaration": True}}),
        ("textDocument/completion", {"textDocument": doc, "position": bad}),
        ("textDocument/inlayHint", {"textDocument": doc, "range": bad_range}),
        ("textDocument/codeAction", {"textDocument": doc, "range": bad_range, "context": {"diagnostics": []}}),
        ("textDocument/hover", {"textDocument": doc, "position": {"line": 2**40, "character": 0}}),
    ]
    answers = [await s.answer(method, params) for method, params in requests]
    errors = sum(kind == "error" for kind, _ in answers)
    return {"requests": len(requests), "errors": errors, "ok": errors == len(requests)}


async def client_uris(s: Session, scale: float) -> dict:
    """Requests on files the client never opened: /dev/stdin (the server's own input), a FIFO
    in the workspace, /dev/zero, /etc/passwd and a netlist outside the workspace are refused
    with an error, never read; a netlist in the workspace is read; simulating the netlist
    outside the workspace is refused before anything runs; once the client opens it, it is
    served."""
    fifo = s.workdir / "fifo.cir"
    if not fifo.exists():
        os.mkfifo(fifo)
    (s.workdir / "unopened.cir").write_text(PROBE)
    outside = Path(tempfile.mkdtemp(prefix="spice-lsp-outside-"))
    (outside / "rc.cir").write_text(PROBE)
    refused = {"stdin": "file:///dev/stdin", "fifo": fifo.as_uri(), "zero": "file:///dev/zero",
               "passwd": "file:///etc/passwd", "outside": (outside / "rc.cir").as_uri()}
    answers = {}
    for name, uri in {**refused, "unopened": s.uri("unopened.cir")}.items():
        answers[name] = [await s.answer("textDocument/documentSymbol", {"textDocument": {"uri": uri}}),
                         await s.answer("textDocument/hover", {"textDocument": {"uri": uri},
                                                               "position": {"line": 1, "character": 1}})]
    simulated = await s.answer("workspace/executeCommand", {"command": "spice-lsp.simulate",
                                                            "arguments": [refused["outside"]]})
    # the same file outside the workspace, once the client has opened it, is served
    s.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri=refused["outside"], language_id="spice", version=1, text=PROBE)))
    answers["outside_opened"] = [await s.answer("textDocument/documentSymbol",
                                                {"textDocument": {"uri": refused["outside"]}})]
    s.close(refused["outside"])
    shutil.rmtree(outside)
    shown = json.dumps(answers)
    ok = all(kind == "error" for name in refused for kind, _ in answers[name]) \
        and all(kind == "result" and value for name in ("unopened", "outside_opened")
                for kind, value in answers[name]) \
        and "root:" not in shown and simulated[0] == "result" and not simulated[1].ok \
        and "outside the workspace" in simulated[1].text
    return {"refused": {name: answers[name][0][1] for name in refused}, "ok": ok}


async def request_during_check(s: Session, scale: float) -> dict:
    """A request on a big document just changed makes the server check that version; the
    probe hover on another document, sent right after it, must not wait for that check."""
    text = big_netlist_text(int(2_000_000 * scale))
    uri = s.open("busy.cir", text)
    await s.diagnostics(uri)
    text = text.replace("big netlist", "big netlist, changed", 1)
    s.change(uri, types.TextDocumentContentChangeWholeDocument(text=text))
    symbols = asyncio.ensure_future(s.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))))
    await s.probe()
    during = s.latencies[-1]
    found = await asyncio.wait_for(symbols, WAIT)
    await s.diagnostics(uri)
    s.close(uri)
    return {"bytes": len(text), "probe_during_check_ms": round(during * 1000, 1),
            "ok": found is not None and len(found) == len(document_symbols(check(text)))}


SCENARIOS = {
    "big_netlist": big_netlist, "long_line": long_line, "nul_bytes": nul_bytes, "nesting": nesting,
    "many_documents": many_documents, "change_storm": change_storm,
    "outside_positions": outside_positions, "malformed_jsonrpc": malformed_jsonrpc,
    "unknown_methods": unknown_methods, "line_separators": line_separators, "garbage": garbage,
    "nested_subckts": nested_subckts, "negative_positions": negative_positions, "client_uris": client_uris,
    "request_during_check": request_during_check,
}


async def run_scenario(s: Session, name: str, scenario, scale: float) -> Outcome:
    s.latencies = []
    started = time.perf_counter()
    after = float("nan")
    try:
        detail = await scenario(s, scale)
        await s.probe()
        after = s.latencies[-1]
        ok = bool(detail.pop("ok"))
    except Exception as error:  # noqa: BLE001 - reported as a failed scenario
        detail, ok = {"error": repr(error)}, False
    return Outcome(name, ok, round(after * 1000, 1), round(max(s.latencies, default=float("nan")) * 1000, 1),
                   round(s.memory_mb("VmRSS"), 1), round(s.memory_mb("VmHWM"), 1),
                   round(time.perf_counter() - started, 2), detail)


# ---------------------------------------------------------------------------------------
# Generation under abuse: a slow (or failing) OpenAI-compatible model on a local port


class FakeModel(BaseHTTPRequestHandler):
    """Answers HTTP 500 when the request's description says "crash", else streams a netlist
    slowly (a minute of tokens unless the client stops reading)."""

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if "crash" in body["messages"][-1]["content"].rsplit("Request:", 1)[-1]:
            self.send_response(500)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            for i in range(600):  # a minute of tokens unless stopped
                event = {"choices": [{"index": 0, "delta": {"content": f"R{i} a b 1k\n"}}]}
                self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                self.wfile.flush()
                time.sleep(0.1)
            self.wfile.write(b"data: [DONE]\n\n")
        except (BrokenPipeError, ConnectionResetError):
            pass


class ModelServer:
    def __enter__(self) -> str:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeModel)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def model_options(url: str) -> dict:
    return {"generation": {"backend": "openai", "openaiUrl": url, "openaiModel": "fake", "budgetS": 60}}


async def generate(s: Session, uri: str) -> asyncio.Task:
    return asyncio.ensure_future(s.client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="spice-lsp.generate", arguments=[uri, 0, s.versions[uri]])))


async def cancelled_generation(s: Session, scale: float) -> dict:
    """Cancel through the progress token half way: nothing is inserted, the server answers."""
    uri = s.open("gen.cir", DESCRIBE + ".end\n")
    await s.diagnostics(uri)
    known = set(s.client.progress_reports)
    task = await generate(s, uri)
    token = await s.until(lambda: next((t for t, r in s.client.progress_reports.items()
                                        if t not in known and r), None), 60)
    await s.probe()  # while the model streams
    s.client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token=token))
    result = await asyncio.wait_for(task, 60)
    # a second one cancelled with $/cancelRequest: the server stops the generation thread too
    known = set(s.client.progress_reports)
    second = asyncio.ensure_future(s.client.protocol.send_request_async(
        types.WORKSPACE_EXECUTE_COMMAND, types.ExecuteCommandParams(
            command="spice-lsp.generate", arguments=[uri, 0, s.versions[uri]]), msg_id="generation-2"))
    await s.until(lambda: any(t not in known and r for t, r in s.client.progress_reports.items()), 60)
    await s.probe()
    started = time.perf_counter()
    s.client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="generation-2"))
    try:
        second_result = await asyncio.wait_for(second, 60)
    except JsonRpcException as error:
        second_result = type(error).__name__
    stopped_in = time.perf_counter() - started
    s.close(uri)
    return {"inserted": bool(s.client.edits), "progress_cancel": str(result), "cancel_request": str(second_result),
            "stopped_in_s": round(stopped_in, 2), "ok": result is None and not s.client.edits}


async def failing_model(s: Session, scale: float) -> dict:
    """The model backend answers HTTP 500 (the session's server is configured with "crash"):
    the template's answer goes in instead, with a message naming the failure, and the
    diagnostics go on."""
    uri = s.open("crash.cir", DESCRIBE.replace("RC low-pass", "RC low-pass crash") + ".end\n")
    await s.diagnostics(uri)
    before, edits = len(s.client.messages), len(s.client.edits)
    result = await asyncio.wait_for(await generate(s, uri), 60)
    message = await s.until(lambda: next((m.message for m in s.client.messages[before:]), None), 60)
    version = s.change(uri, types.TextDocumentContentChangeWholeDocument(text="t\nR1 a\n.end\n"))
    diags = await s.diagnostics(uri, version)
    s.close(uri)
    fell_back = result is not None and result["backend"] == "template" and len(s.client.edits) == edits + 1
    return {"message": message, "ok": fell_back and any(d.code == "SP002" for d in diags)}


def fake_ngspice(directory: Path) -> Path:
    """An `ngspice` that crashes (SIGSEGV) whatever it is given."""
    directory.mkdir(parents=True, exist_ok=True)
    exe = directory / "ngspice"
    exe.write_text("#!/bin/sh\nkill -SEGV $$\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return directory


async def crashing_ngspice(s: Session, scale: float) -> dict:
    """ngspice dies of SIGSEGV (the session's server finds a crashing one on PATH): the
    completion still answers, and the diagnostics go on."""
    uri = s.open("ngspice.cir", DESCRIBE + ".end\n")
    await s.diagnostics(uri)
    items = await asyncio.wait_for(s.client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(0, len(DESCRIBE) - 1))), 60)
    version = s.change(uri, types.TextDocumentContentChangeWholeDocument(text="t\nR1 a\n.end\n"))
    diags = await s.diagnostics(uri, version)
    s.close(uri)
    answered = items is not None and bool(getattr(items, "items", items))
    return {"completion_answered": answered, "ok": any(d.code == "SP002" for d in diags)}


# Scenarios needing a server configured with the fake model, or finding a crashing ngspice.
MODEL_SCENARIOS = {"cancelled_generation": cancelled_generation, "failing_model": failing_model}
NGSPICE_SCENARIOS = {"crashing_ngspice": crashing_ngspice}


# ---------------------------------------------------------------------------------------


async def session(workdir: Path, options: dict | None = None, env: dict | None = None):
    client = make_client()
    await client.start_io(*SERVER_COMMAND, env=env)
    await initialize(client, workdir, options)
    s = Session(client, workdir)
    s.open("probe.cir", PROBE)
    await s.diagnostics(s.uri("probe.cir"))
    return s


def show(o: Outcome) -> Outcome:
    print(f"{o.scenario:<22} {'ok' if o.ok else 'FAILED':<7} hover after {o.hover_after_ms:>7} ms, worst "
          f"{o.worst_hover_ms:>7} ms  RSS {o.rss_mb:>7} MB (peak {o.peak_rss_mb:>7})  {o.seconds:>7} s  {o.detail}",
          flush=True)
    return o


async def main_async(names: list[str], scale: float) -> list[Outcome]:
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="spice-lsp-abuse-") as tmp, ModelServer() as url:
        workdir = Path(tmp)
        path = f"{fake_ngspice(workdir / 'crashing-bin')}{os.pathsep}{os.environ.get('PATH', '')}"
        crashing = {**os.environ, "PATH": path}
        for table, options, env in [(SCENARIOS, TEMPLATE, None), (MODEL_SCENARIOS, model_options(url), None),
                                    (NGSPICE_SCENARIOS, TEMPLATE, crashing)]:
            chosen = [n for n in names if n in table]
            if not chosen:
                continue
            s = await session(workdir, options, env)
            for name in chosen:
                outcomes.append(show(await run_scenario(s, name, table[name], scale)))
            try:
                await asyncio.wait_for(s.client.shutdown_session(), 60)
            except Exception as error:  # noqa: BLE001 - a scenario that failed can leave the session broken
                print(f"shutdown failed: {error!r}", flush=True)
            await s.client.stop()
    return outcomes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="sizes and counts (1: 10 MB, 1,000 changes...)")
    ap.add_argument("--only", nargs="*", default=None, help="scenarios to run (default: all)")
    ap.add_argument("--out", type=Path, default=ROOT / ".cache" / "bench" / "abuse.json")
    args = ap.parse_args(argv)
    names = args.only or [*SCENARIOS, *MODEL_SCENARIOS, *NGSPICE_SCENARIOS]
    outcomes = asyncio.run(main_async(names, args.scale))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"command": "python -m benchmarks.abuse " + " ".join(argv or sys.argv[1:]),
                                    "scale": args.scale, "scenarios": [asdict(o) for o in outcomes]}, indent=2))
    print(f"written to {args.out}")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
