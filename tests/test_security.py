"""Security: ngspice runs only a deck we wrote, under OS isolation; the server never runs a
document's text; the OpenAI-compatible backend sends only the description and the retrieved
examples, reads its key from the environment, never logs it, and times out; a hostile model
answer never runs and never verifies.

Each attack of issue #18 is reproduced here by its effect, with the real ngspice (required): a
canary file the attack would write must not appear (in a world-writable directory under
bubblewrap, to show even that is out of reach; 0755 under the setuid fallback), a root-only
secret's token must not come back, and no file outside the allowed directories is opened. Each
.control attack runs twice: by default (the deck's own block is refused) and opted in (it runs,
and only the isolation stands). The isolation itself: tests/test_sandbox.py."""
from __future__ import annotations

import builtins
import http.client
import io
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

from benchmarks import sandbox_escape
from spice_lsp.editor import features
from spice_lsp.generation.lm import OpenAIBackend
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.retrieval import Example
from spice_lsp.language.checks import check
from spice_lsp.language.model import Position
from spice_lsp.ngspice import isolation
from spice_lsp.ngspice import runner as simulate
from spice_lsp.simulation.options import SimulationOptions
from spice_lsp.simulation.run import simulate_file

SECRET = "sk-security-test-0123456789"
DECK = "t\nV1 in 0 1\nR1 in 0 1k\n"
WALL = isolation.best()


@pytest.fixture(autouse=True, scope="module")
def ngspice_required():
    if shutil.which("ngspice") is None:
        pytest.fail("ngspice is required by these tests: install ngspice (39 or later) on PATH")


@pytest.fixture(scope="module")
def arena():
    """The canary directory, a root-only secret, a command script and (with a C compiler) a
    shared library whose constructor writes a canary: benchmarks/sandbox_escape.Arena."""
    arena = sandbox_escape.Arena.create(WALL)
    yield arena
    shutil.rmtree(arena.root, ignore_errors=True)


def opened_paths(monkeypatch) -> list[str]:
    """Every path this process opens from now on (os.open, open, io.open)."""
    seen: list[str] = []
    real_os_open, real_open = os.open, builtins.open

    def os_open(path, *args, **kwargs):
        seen.append(os.fspath(path))
        return real_os_open(path, *args, **kwargs)

    def any_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)):
            seen.append(os.fsdecode(file))
        return real_open(file, *args, **kwargs)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", any_open)
    monkeypatch.setattr(io, "open", any_open)
    return seen


# ---------------------------------------------------------------------------------------
# What got through (issue #18), each by its effect


QUOTE_SPLIT = {  # the reproductions: ngspice removes the quotes and runs the word
    "'sh'ell": ["'sh'ell id | tee {c}"],
    "'wr'ite": ["'wr'ite {c} v(in)"],
    "'wrd'ata": ["'wrd'ata {c} v(in)"],
    "'hard'copy": ["'hard'copy {c} v(in)"],
    "'c'd then write": ["'c'd {d}", "'wr'ite canary-cd v(in)"],
    "'sou'rce": ["'sou'rce {s}"],
    "set 'sour'cepath": ["set 'sour'cepath = ( {d} )", "source script.sp"],
    "'al'ias echo 'sh'ell": ["'al'ias echo 'sh'ell", "echo touch {c}"],
    "'code'model": ["'code'model {m}"],
    "altermod file =": ["altermod dd file = {x}"],
    "error: read channel": ["'sh'ell cat {x} | sed s/^/error:/"],
    "echo $PATH": ["'sh'ell echo $PATH > {c}"],
}


@pytest.mark.parametrize("mode", ["default", "opt-in"])
@pytest.mark.parametrize("name", list(QUOTE_SPLIT))
def test_quote_split_control_commands_never_escape(arena, tmp_path, name, mode):
    if "{m}" in "".join(QUOTE_SPLIT[name]) and arena.library is None:
        pytest.skip("no C compiler here to build the code-model library (the refusal is tested without it)")
    fill = {"c": arena.canaries / "canary", "d": arena.canaries, "s": arena.canaries / "script.sp",
            "x": arena.secret, "m": arena.library}
    commands = [line.format(**fill) for line in QUOTE_SPLIT[name]]
    text = DECK + ".model dd d\n.control\nop\n" + "\n".join(commands) + "\n.endc\n.end\n"
    result, found = sandbox_escape.attempt(arena, text, tmp_path, mode, WALL)
    assert found == [], result.output
    if mode == "default":
        assert result.refused == [f"line 5: {simulate.NOT_RUN}"] and result.output == ""
    else:
        assert not result.refused and result.isolation == WALL


def test_the_error_prefixed_read_channel_is_closed_in_the_editor_report(arena, tmp_path):
    text = DECK + f".op\n.control\nrun\n'sh'ell cat {arena.secret} | sed s/^/error:/\n.endc\n.end\n"
    for options in (SimulationOptions(), SimulationOptions(run_control=True)):
        report = simulate_file(text, path=tmp_path / "read.cir", cache_dir=tmp_path / "cache", options=options)
        assert arena.token not in json.dumps(report.to_json())


@pytest.mark.parametrize("first", sandbox_escape.NG_SCRIPT_SPELLINGS)
def test_an_ng_script_deck_is_refused(arena, tmp_path, first):
    text = f"{first}\nshell touch {arena.canaries / 'canary'}\n'sh'ell touch {arena.canaries / 'canary'}\n"
    for mode in ("default", "opt-in"):
        result, found = sandbox_escape.attempt(arena, text, tmp_path, mode, WALL)
        assert found == [] and result.refused[0].startswith("line 1: '*ng_script'") and result.output == ""


def test_a_star_hash_comment_is_not_run(arena, tmp_path):
    """ngspice runs `*#` comment lines as commands, in batch mode too; our deck blanks them."""
    canary = arena.canaries / "canary"
    text = DECK + f".op\n*#shell touch {canary}\n*# 'sh'ell touch {canary}\n.end\n"
    result, found = sandbox_escape.attempt(arena, text, tmp_path, "default", WALL)
    assert result.ok and found == [] and result.values["v(in)"] == 1


def test_nested_relative_includes_resolve_beside_the_including_file_and_never_leave(tmp_path, monkeypatch):
    """main.cir includes lib/models/vendor.inc, which includes ../../etc/hosts: that is the
    workspace's etc/hosts (absent), never ngspice's guess in its own directory or /etc."""
    models = tmp_path / "lib" / "models"
    models.mkdir(parents=True)
    (models / "vendor.inc").write_text(".model dd d\n.include ../../etc/hosts\n")
    text = "t\n.include lib/models/vendor.inc\nV1 in 0 1\nD1 in 0 dd\n.op\n.end\n"
    opened = opened_paths(monkeypatch)
    result = simulate.run(text, base_dir=tmp_path, allowed_dirs=[tmp_path])
    assert not result.ok and result.output == ""  # ngspice never started
    assert [(e.message, e.line) for e in result.errors] == [("could not find include file ../../etc/hosts", 1)]
    assert not any(p.startswith("/etc") for p in opened)
    (models / "vendor.inc").write_text(".model dd d\n.include ../../../../../../../../etc/hosts\n")
    (reason,) = simulate.run(text, base_dir=tmp_path, allowed_dirs=[tmp_path]).refused
    assert reason.startswith("line 2: in vendor.inc line 2: '../../../../../../../../etc/hosts' is not inside")
    assert not any(p.startswith("/etc") for p in opened)


def test_include_spinit_reads_nothing_of_ngspices(tmp_path):
    result = simulate.run("t\n.include spinit\nV1 a 0 1\n.op\n.end\n", base_dir=tmp_path, allowed_dirs=[tmp_path])
    assert not result.ok and result.output == "" and result.errors[0].message == "could not find include file spinit"


@pytest.mark.parametrize("statement", [
    '.model src d_source (input_file="/etc/hosts")', ".model src d_source (input_file=/etc/hosts)",
    '.model src filesource (file="data.txt")', ".model src filesource (file=./data.txt)",
    ".model src filesource (file={\"/etc/hosts\"})", '.param f="/etc/hosts"', "R9 in 0 1k file=~/x",
    ".model src d_state (state_file=../../etc/hosts)",
])
def test_parameters_that_name_files_are_refused_whatever_their_name(statement):
    reasons = simulate.run(DECK + statement + "\n.op\n.end\n").refused
    assert len(reasons) == 1 and reasons[0].startswith("line 4: "), reasons


@pytest.mark.parametrize("target", ["/etc/shadow", "/proc/self/mem", "/dev/zero", "fifo"])
def test_unreadable_and_special_includes_are_refused_before_anything_opens_them(tmp_path, monkeypatch, target):
    """content_key hashed include files before the safety check: it opened /etc/shadow, and
    `.include /proc/self/mem` crashed simulate with an OSError."""
    if target == "fifo":
        os.mkfifo(tmp_path / "fifo")  # a reader would block forever
    text = f"t\n.include {target}\nV1 in 0 1\n.op\n.end\n"
    opened = opened_paths(monkeypatch)
    report = simulate_file(text, path=tmp_path / "main.cir", cache_dir=tmp_path / "cache")
    assert not report.ok and report.problems[0].line == 1 and report.problems[0].message.startswith("refused: ")
    assert not any(p.startswith(("/etc/shadow", "/proc/self/mem", "/dev/zero", str(tmp_path / "fifo"))) for p in opened)
    assert not (tmp_path / "cache").exists()  # nothing cached for a refused deck
    # Allowed by the caller, a special file is still refused (regular files only, read bounded)
    allowed = simulate.run(text, base_dir=tmp_path, allowed_dirs=[tmp_path, Path(target).parent])
    assert allowed.refused and allowed.output == "", allowed


def test_a_link_planted_for_the_server_to_read_is_not_followed(arena):
    """Opted in, a deck may leave a link where the server reads the plots; the server is root."""
    text = DECK + f".op\n.control\n'sh'ell ln -s {arena.secret} spice-lsp.raw\nrun\n.endc\n.end\n"
    result = simulate.run(text, own_control="run", dump_plots=True)
    assert "ln:" not in result.output and result.raw == b""  # the link was made, and not read
    assert arena.token.encode() not in result.raw and arena.token not in result.output


def test_a_changed_include_still_misses_the_cache_now_that_the_key_comes_from_the_deck(tmp_path):
    (tmp_path / "load.inc").write_text("R2 out 0 1k\n")
    text = "t\n.include load.inc\nV1 in 0 2\nR1 in out 1k\n.op\n.end\n"
    assert simulate_file(text, path=tmp_path / "top.cir", cache_dir=tmp_path / "c").op["v(out)"] == 1.0
    (tmp_path / "load.inc").write_text("R2 out 0 3k\n")
    assert simulate_file(text, path=tmp_path / "top.cir", cache_dir=tmp_path / "c").op["v(out)"] == 1.5


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
        where = "line 2: in chain.lib line 1:" if name == "chain.lib" else "line 2:"  # the link, one include deeper
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
    result = simulate.run(deck, memory_mb=256, timeout=20, own_control="run")
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


class Hostile(BaseHTTPRequestHandler):
    """An OpenAI-compatible server whose model answers with whatever `answer` holds."""

    answer = ""

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        raw = json.dumps({"choices": [{"message": {"content": Hostile.answer}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)


@pytest.fixture(scope="module")
def hostile_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


RC = "* rc\nV1 in 0 DC 0 AC 1\nR1 in out 1k\nC1 out 0 100n\n.ac dec 10 1 1meg\n"


@pytest.mark.parametrize("tail", [
    ".control\n'sh'ell touch {c}\n.endc\n", ".control\nop\n'sh'ell touch {c}\n.endc\n",
    "*ng_script\n", "*#'sh'ell touch {c}\n", ".include {x}\n",
    '.model src filesource (file="{x}")\nA1 %vd([in 0]) src\n', ".control\nrun\n.endc\n",
])
def test_a_hostile_model_answer_never_runs_and_never_verifies(arena, hostile_server, tail):
    """A prompt-injected or compromised model (issue #18): its quote-split shell deck ran
    during verification and was printed as 'the openai draft verified'."""
    Hostile.answer = RC + tail.format(c=arena.canaries / "canary", x=arena.secret) + ".end\n"
    backend = OpenAIBackend(hostile_server, "m", stream=False)
    result = generate("RC low-pass, R=1k, C=100n, AC sweep to 1 MHz", drafter=backend,
                      retriever=FixedRetriever(), max_repairs=1)
    assert arena.escapes(simulate.SimulationResult(True, [], [])) == []  # no canary
    drafts = [c for c in result.candidates if c.source != "template"]
    assert drafts and not any(c.verification.ok for c in drafts)
    assert result.backend == "template" and "passed every check" not in result.reason
    assert arena.token not in json.dumps(result.to_json())


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
