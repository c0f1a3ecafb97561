#!/usr/bin/env python3
"""What a user waits for in the editor, measured like a client: the real server over stdio.

Usage::

    python -m benchmarks.editor_latency [--lines 10000] [--repeat 5] [--json .cache/bench/editor-latency.json]

One `python -m spice_lsp` process, debounce 0, the generated RC ladder of
benchmarks/checker_speed.py (10,012 lines by default). Figures, each the median (and the
worst) of --repeat tries, from the client's send to the answer's arrival:

- first_diagnostics: didOpen of the ladder until its publishDiagnostics;
- line_inserted: one line inserted at the top (every statement below moves) until the
  diagnostics of that version; line_edited: one line changed in the middle;
- line_inserted_with_errors: the same insert in the ladder with 1,000 unreadable values,
  so that the 1,000 diagnostics are converted and sent each time;
- completion_while_typing: a `* describe:` line typed one character at a time at the top
  of the ladder, a completion request after each keystroke (the template answer);
- hover_during_model_job: hovers on the ladder while a language-model job runs (the
  server's own options: the OpenAI-compatible backend, pointed at a local fake model that
  streams for a minute; the job starts from a completion on a `* describe:` line).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path

from lsprotocol import types

from benchmarks.abuse import FakeModel, Session, initialize, model_options
from benchmarks.checker_speed import ladder_netlist, with_bad_values
from benchmarks.lsp_client import make_client

ROOT = Path(__file__).resolve().parents[1]
SERVER_COMMAND = [sys.executable, "-m", "spice_lsp"]
DESCRIPTION = "* describe: RC low-pass filter, R=1k, C=100n, AC sweep to 1 MHz"
PROBE = "probe\nR1 in out 1k\nV1 in 0 DC 1\nC1 out 0 1u\n.op\n.end\n"


class _ModelServer:
    """A fake OpenAI-compatible model on a local port that streams a token every 0.1 s
    until the benchmark is over; `asked` is set when the server's job reaches it."""

    def __enter__(self) -> _ModelServer:
        asked = self.asked = threading.Event()
        over = self.over = threading.Event()

        class Model(FakeModel):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                asked.set()
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                try:
                    while not over.wait(0.1):
                        event = {"choices": [{"index": 0, "delta": {"content": "R1 a b 1k\n"}}]}
                        self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                        self.wfile.flush()
                    self.wfile.write(b"data: [DONE]\n\n")
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Model)
        self.http.daemon_threads = True
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/v1"
        return self

    def __exit__(self, *exc) -> None:
        self.over.set()
        self.http.shutdown()
        self.http.server_close()


def _summary(seconds: list[float]) -> dict:
    return {"median_s": round(statistics.median(seconds), 4), "worst_s": round(max(seconds), 4),
            "n": len(seconds)}


async def _timed(awaitable) -> tuple[float, object]:
    started = time.perf_counter()
    result = await awaitable
    return time.perf_counter() - started, result


def _insert(line: int, text: str) -> types.TextDocumentContentChangePartial:
    at = types.Position(line, 0)
    return types.TextDocumentContentChangePartial(range=types.Range(at, at), text=text)


def _replace_line(line: int, old: str, new: str) -> types.TextDocumentContentChangePartial:
    return types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(line, 0), types.Position(line, len(old))), text=new)


async def _session(workdir: Path, options: dict) -> Session:
    client = make_client()
    await client.start_io(*SERVER_COMMAND)
    await initialize(client, workdir, {"debounceMs": 0, **options})
    s = Session(client, workdir)
    s.open("probe.cir", PROBE)  # start-up costs (the grammar, imports) are not the figures
    await s.diagnostics(s.uri("probe.cir"))
    return s


async def _stop(s: Session) -> None:
    await s.client.shutdown_session()


async def diagnostics_figures(s: Session, text: str, repeat: int) -> dict:
    lines = text.split("\n")
    first, inserted, edited = [], [], []
    for attempt in range(repeat):
        started = time.perf_counter()
        uri = s.open(f"ladder{attempt}.cir", text)
        await s.diagnostics(uri)
        first.append(time.perf_counter() - started)
        if attempt:
            s.close(uri)
    uri = s.uri("ladder0.cir")
    middle = len(lines) // 2
    for _ in range(repeat):
        started = time.perf_counter()
        await s.diagnostics(uri, s.change(uri, _insert(1, "Rextra n1 0 1k\n")))
        inserted.append(time.perf_counter() - started)
        await s.diagnostics(uri, s.change(uri, _replace_line(1, "Rextra n1 0 1k\n", "")))
        changed = lines[middle].replace("k", "0k", 1)
        started = time.perf_counter()
        await s.diagnostics(uri, s.change(uri, _replace_line(middle, lines[middle], changed)))
        edited.append(time.perf_counter() - started)
        await s.diagnostics(uri, s.change(uri, _replace_line(middle, changed, lines[middle])))
    return {"first_diagnostics": _summary(first), "line_inserted": _summary(inserted),
            "line_edited": _summary(edited)}


async def errors_figures(s: Session, text: str, repeat: int) -> dict:
    """Insert a line at the top of a ladder with an error every ten lines."""
    uri = s.open("errors.cir", with_bad_values(text))
    found = len(await s.diagnostics(uri))
    inserted = []
    for _ in range(repeat):
        started = time.perf_counter()
        await s.diagnostics(uri, s.change(uri, _insert(1, "Rextra n1 0 1k\n")))
        inserted.append(time.perf_counter() - started)
        await s.diagnostics(uri, s.change(uri, _replace_line(1, "Rextra n1 0 1k\n", "")))
    s.close(uri)
    return {"line_inserted_with_errors": {**_summary(inserted), "diagnostics": found}}


async def typing_figures(s: Session) -> dict:
    """Type the description at the top of the ladder; complete after every keystroke."""
    uri = s.uri("ladder0.cir")
    await s.diagnostics(uri, s.change(uri, _insert(1, "\n")))
    latencies, answered = [], 0
    for column, char in enumerate(DESCRIPTION):
        s.change(uri, _insert(1, char) if column == 0 else types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(1, column), types.Position(1, column)), text=char))
        seconds, items = await _timed(s.client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(1, column + 1))))
        latencies.append(seconds)
        answered += bool(items and getattr(items, "items", items))
    await s.diagnostics(uri)  # the last keystroke's check, before the document is closed
    s.close(uri)
    return {"completion_while_typing": {**_summary(latencies), "answered": answered}}


async def model_job_figures(workdir: Path, text: str, repeat: int) -> dict:
    with _ModelServer() as model:
        s = await _session(workdir, model_options(model.url))
        try:
            ladder = s.open("ladder.cir", text)
            await s.diagnostics(ladder)
            idle = [(await _timed(s.hover(ladder, 2, 1)))[0] for _ in range(repeat)]
            describe = s.open("describe.cir", DESCRIPTION + "\n.end\n")
            await s.diagnostics(describe)
            await s.client.text_document_completion_async(types.CompletionParams(
                types.TextDocumentIdentifier(describe), types.Position(0, len(DESCRIPTION))))
            started = time.perf_counter()
            while not model.asked.is_set():  # the job has reached the model: it is running
                if time.perf_counter() - started > 60:
                    raise TimeoutError("the server never asked the model")
                await asyncio.sleep(0.05)
            busy = [(await _timed(s.hover(ladder, 2 + i, 1)))[0] for i in range(repeat)]
            model.over.set()  # the job ends; the server can shut down
        finally:
            await _stop(s)
    return {"hover_idle": _summary(idle), "hover_during_model_job": _summary(busy)}


async def run(lines: int, repeat: int) -> dict:
    text = ladder_netlist(lines // 2)
    with tempfile.TemporaryDirectory(prefix="spice-lsp-latency-") as tmp:
        workdir = Path(tmp)
        s = await _session(workdir, {"generation": {"backend": "template"}})
        try:
            figures = await diagnostics_figures(s, text, repeat)
            figures |= await errors_figures(s, text, repeat)
            figures |= await typing_figures(s)
        finally:
            await _stop(s)
        figures |= await model_job_figures(workdir, text, repeat)
    return {"lines": len(text.split("\n")), "repeat": repeat, **figures}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=10_000, help="element lines of the ladder")
    parser.add_argument("--repeat", type=int, default=5, help="tries per figure (median and worst shown)")
    parser.add_argument("--json", type=Path, default=ROOT / ".cache" / "bench" / "editor-latency.json")
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args.lines, args.repeat))
    print(f"{'figure':<26} {'median':>9} {'worst':>9}")
    for name, value in figures.items():
        if isinstance(value, dict):
            print(f"{name:<26} {value['median_s'] * 1000:>7.1f}ms {value['worst_s'] * 1000:>7.1f}ms")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written to {args.json}")
    return figures


if __name__ == "__main__":
    main()
