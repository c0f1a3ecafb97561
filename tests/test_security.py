"""Security: ngspice runs only inside the sandbox, the server never runs a document's text,
and the OpenAI-compatible backend sends only the description and the retrieved examples,
reads its key from the environment, never logs it, and times out.

The refusal table of tests/test_simulate.py covers each forbidden .control word; here each
refusal is checked by its effect (a canary file that a run would create must not appear),
together with the limits (an endless transient, a huge output, a fork-like fan-out of
.include files) and the paths (symlinks resolved before the check). Real ngspice, required."""
from __future__ import annotations

import http.client
import json
import logging
import os
import shutil
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from spice_lsp.editor import features
from spice_lsp.ngspice import runner as simulate
from spice_lsp.language.checks import check
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.lm import OpenAIBackend
from spice_lsp.language.model import Position
from spice_lsp.generation.retrieval import Example

SECRET = "sk-security-test-0123456789"
DECK = "t\nV1 in 0 1\nR1 in 0 1k\n"


@pytest.fixture(autouse=True, scope="module")
def ngspice_required():
    if shutil.which("ngspice") is None:
        pytest.fail("ngspice is required by these tests: install ngspice (39 or later) on PATH")


# ---------------------------------------------------------------------------------------
# The sandbox, by effect


@pytest.mark.parametrize("control", [
    "shell touch {canary}", "system touch {canary}", "write {canary} v(in)", "wrdata {canary} v(in)",
    "print v(in) > {canary}", "!touch {canary}", "alias t shell\nt touch {canary}",
    "set x = `touch {canary}`", "hardcopy {canary} v(in)", "wrs2p {canary}",
])
def test_refused_control_commands_never_touch_the_disk(tmp_path, control):
    canary = tmp_path / "canary"
    deck = DECK + ".control\nop\n" + control.format(canary=canary) + "\n.endc\n.end\n"
    result = simulate.run(deck, base_dir=tmp_path, allowed_dirs=[tmp_path])
    assert result.refused and not result.ok and result.output == ""
    assert not canary.exists()


def test_an_allowed_deck_runs_and_writes_nothing_outside_its_scratch_directory(tmp_path):
    before = set(tmp_path.iterdir())
    result = simulate.run(DECK + ".op\n.end\n", base_dir=tmp_path, allowed_dirs=[tmp_path])
    assert result.ok, result.output
    assert set(tmp_path.iterdir()) == before


@pytest.fixture
def outside_and_inside(tmp_path):
    """An allowed workspace directory and one beside it that is not allowed."""
    outside, inside = tmp_path / "outside", tmp_path / "work"
    outside.mkdir()
    inside.mkdir()
    return outside, inside


def test_symlinks_are_resolved_before_the_check(outside_and_inside):
    outside, inside = outside_and_inside
    (outside / "evil.lib").write_text(".model d D\n.control\nshell touch canary\n.endc\n")
    (inside / "dir-link").symlink_to(outside, target_is_directory=True)
    (inside / "file-link.lib").symlink_to(outside / "evil.lib")
    (inside / "chain.lib").write_text(".include file-link.lib\n")  # the link one include deeper
    for name in ("dir-link/evil.lib", "file-link.lib", "chain.lib", "../outside/evil.lib", str(outside / "evil.lib")):
        reasons = simulate.check_safety(f"t\n.include {name}\nV1 a 0 1\n.op\n", inside, [inside])
        where = "chain.lib line 1:" if name == "chain.lib" else "line 2:"  # the link, one include deeper
        assert len(reasons) == 1 and reasons[0].startswith(where), (name, reasons)
        assert "outside" in reasons[0] or "not inside the allowed directories" in reasons[0]


def test_the_checker_refuses_the_same_includes(outside_and_inside):
    from spice_lsp.language.includes import Workspace
    outside, inside = outside_and_inside
    (outside / "m.lib").write_text(".model dx D\n")
    (inside / "link.lib").symlink_to(outside / "m.lib")
    result = check("t\n.include link.lib\nD1 a 0 dx\n.end\n", inside / "main.cir", Workspace(roots=[inside]))
    refused = [d for d in result.diagnostics if d.code == "SP016"]
    assert len(refused) == 1 and refused[0].range.start.line == 1
    assert "dx" not in result.definitions.models  # not read


def test_an_endless_transient_is_stopped(tmp_path):
    deck = "t\nV1 in 0 sin(0 1 1meg)\nR1 in out 1k\nC1 out 0 1n\n.tran 1p 1000\n.end\n"
    started = time.monotonic()
    result = simulate.run(deck, timeout=1.0)
    assert result.timed_out and not result.ok
    assert time.monotonic() - started < 10


def test_a_huge_output_is_cut(tmp_path):
    deck = "t\nV1 in 0 sin(0 1 1meg)\nR1 in out 1k\nC1 out 0 1n\n.tran 10n 1m\n.print tran v(out) v(in)\n.end\n"
    result = simulate.run(deck, max_output_bytes=50_000, timeout=20)
    assert not result.ok and not result.timed_out and len(result.output.encode()) <= 50_000
    assert "more than 50000 bytes" in result.errors[-1].message


@pytest.mark.parametrize("layout", ["self", "fan-out"])
def test_a_fork_like_loop_of_includes_ends(tmp_path, layout):
    """A file that includes itself, or 25 files each including the next twice (2**25 reads
    for a naive reader): refused or stopped by the limits, and quickly."""
    if layout == "self":
        (tmp_path / "loop.inc").write_text(".include loop.inc\n.include loop.inc\nR1 a 0 1k\n")
        top = "loop.inc"
    else:
        for i in range(25):
            (tmp_path / f"f{i}.inc").write_text(f".include f{i + 1}.inc\n.include f{i + 1}.inc\n")
        (tmp_path / "f25.inc").write_text("R9 a 0 1k\n")
        top = "f0.inc"
    started = time.monotonic()
    result = simulate.run(f"t\n.include {top}\nV1 a 0 1\n.op\n.end\n", base_dir=tmp_path,
                          allowed_dirs=[tmp_path], timeout=5, memory_mb=512)
    assert time.monotonic() - started < 30
    assert result.refused or result.timed_out or result.errors or result.ok
    check(f"t\n.include {top}\n.end\n", tmp_path / "main.cir")  # the checker ends too


def test_a_memory_hungry_deck_hits_the_limit():
    # 200,000,000 doubles = 1.6 GB, over the 256 MB address-space limit: the allocation fails
    # inside ngspice, which goes on with no error line of its own: the runner reports it
    deck = DECK + ".control\nlet big = vector(200000000)\necho done\n.endc\n.end\n"
    result = simulate.run(deck, memory_mb=256, timeout=20)
    assert "can't allocate 1600000000" in result.output
    assert not result.ok and any("ran out of memory" in e.message for e in result.errors), result.errors


# ---------------------------------------------------------------------------------------
# The server's core never runs or evaluates document text


HOSTILE = """t
* describe: RC low-pass, R=1k, C=100n
.control
shell touch {canary}
system touch {canary}
.endc
.param p = {{__import__('os').system('touch {canary}')}}
R1 in out {{p}}
B1 out 0 V = `touch {canary}`
.include {canary}.lib
.end
"""


def test_checking_and_every_feature_run_no_program(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"a program was started: {args!r}")
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(os, "popen", refuse)
    canary = tmp_path / "canary"
    text = HOSTILE.format(canary=canary)
    result = check(text, tmp_path / "hostile.cir")
    lines = text.split("\n")
    for line, content in enumerate(lines):
        for character in range(0, len(content) + 1, 3):
            pos = Position(line, character)
            features.hover(result, pos)
            features.definition(result, pos)
            features.references(result, pos)
            features.completion(result, content, pos)
    features.format_document(text, result)
    features.document_symbols(result)
    assert not canary.exists()


# ---------------------------------------------------------------------------------------
# The OpenAI-compatible backend


class Recorder(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Recorder.requests.append({"headers": dict(self.headers), "body": body})
        if "slowly" in body["messages"][-1]["content"]:
            time.sleep(3)
        netlist = "* rc\nV1 in 0 DC 0 AC 1\nR1 in out 1k\nC1 out 0 100n\n.ac dec 10 1 1meg\n.end\n"
        raw = json.dumps({"choices": [{"message": {"content": netlist}}]}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


class FixedRetriever:
    EXAMPLES = [Example("rc", "RC low-pass example", "* ex\nR1 a b 1k\nC1 b 0 1n\n.end\n", "rc-lowpass")]

    def search(self, query: str, k: int):
        return [(e, 1.0) for e in self.EXAMPLES][:k]


def test_the_backend_sends_only_the_description_and_the_examples(recorder, monkeypatch, caplog, capsys):
    monkeypatch.setenv("SPICE_SECURITY_KEY", SECRET)
    monkeypatch.setenv("SOME_OTHER_SECRET", "do-not-send-this")
    monkeypatch.setattr(http.client.HTTPConnection, "debuglevel", 1)  # http.client prints headers at 1
    caplog.set_level(logging.DEBUG)
    backend = OpenAIBackend(recorder, "m", api_key_env="SPICE_SECURITY_KEY", stream=False)
    description = "RC low-pass, R=1k, C=100n, AC sweep to 1 MHz"
    Recorder.requests.clear()
    result = generate(description, drafter=backend, retriever=FixedRetriever(), max_repairs=0)
    assert result.backend in ("openai", "template")
    sent = Recorder.requests[-1]
    assert sent["headers"]["Authorization"] == f"Bearer {SECRET}"  # the key, from the environment
    text = json.dumps(sent["body"])
    assert "do-not-send-this" not in text and str(Path.home()) not in text and os.getcwd() not in text
    user = sent["body"]["messages"][-1]["content"]
    assert description in user and FixedRetriever.EXAMPLES[0].netlist.strip() in user
    assert set(sent["body"]) <= {"model", "messages", "temperature", "max_tokens", "stream"}
    # Never logged: not by our loggers, not by http.client's debug output, not in the result.
    out = capsys.readouterr()
    assert SECRET not in caplog.text and SECRET not in out.out + out.err
    assert SECRET not in repr(backend) and SECRET not in json.dumps(result.timings) + result.reason


def test_the_key_is_read_from_its_environment_variable_at_each_request(recorder, monkeypatch):
    backend = OpenAIBackend(recorder, "m", api_key_env="SPICE_SECURITY_KEY", stream=False)
    monkeypatch.delenv("SPICE_SECURITY_KEY", raising=False)
    Recorder.requests.clear()
    backend.draft(__import__("spice_lsp.generation.lm", fromlist=["Prompt"]).Prompt("S", "U"))
    assert "Authorization" not in Recorder.requests[-1]["headers"]
    monkeypatch.setenv("SPICE_SECURITY_KEY", SECRET)
    backend.draft(__import__("spice_lsp.generation.lm", fromlist=["Prompt"]).Prompt("S", "U"))
    assert Recorder.requests[-1]["headers"]["Authorization"] == f"Bearer {SECRET}"


def test_a_slow_backend_times_out_and_the_error_hides_the_key(recorder, monkeypatch):
    monkeypatch.setenv("SPICE_SECURITY_KEY", SECRET)
    backend = OpenAIBackend(recorder, "m", api_key_env="SPICE_SECURITY_KEY", timeout=0.5, stream=False)
    started = time.monotonic()
    with pytest.raises(RuntimeError) as info:
        generate("RC low-pass slowly, R=1k, C=100n", drafter=backend, retriever=FixedRetriever(), max_repairs=0)
    assert time.monotonic() - started < 3
    assert "0.5 s" in str(info.value) and SECRET not in str(info.value)
