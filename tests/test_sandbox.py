"""The OS isolation around ngspice (spice_lsp.ngspice.isolation), each promise checked by its
effect: a probe program runs under each method this machine offers and tries what a hostile
deck would (who am I, what is in my environment, read a root-only file, write beside it, open
a connection, fork without end, eat memory and CPU, write a huge file, leave a process behind).
Then the property test: every dangerous ngspice command word, quoted, escaped and split at
random places, in the default mode and opted in, and never a canary (benchmarks/sandbox_escape.py
runs the same at scale)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import sandbox_escape
from spice_lsp.ngspice import isolation, runner

WALLS = ("bubblewrap", "setuid")


@pytest.fixture(params=WALLS)
def method(request):
    if request.param == "setuid" and os.geteuid() != 0:
        pytest.skip("the setuid method needs a server running as root (CI and the dev container are)")
    if request.param not in isolation.available():
        if request.param == "bubblewrap" and shutil.which("bwrap"):
            pytest.skip("bwrap is installed but cannot create namespaces here: the setuid fallback is tested")
        pytest.fail(f"isolation method {request.param!r} unavailable: install bubblewrap (make system-deps)")
    return request.param


LIMITS = isolation.Limits(20, 512, 1 << 20)


def probe(method: str, script: str, directory: Path, limits: isolation.Limits = LIMITS,
          timeout: float = 30) -> tuple[int, str, int | None]:
    """(exit code, output, uid) of `sh -c script` under `method` in `directory`."""
    uid = isolation.sandbox_uid()
    proc = isolation.start(["/bin/sh", "-c", script], directory, limits, method, uid,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        out, _ = proc.communicate(timeout=timeout)
    finally:
        isolation.kill(proc)
        if uid is not None:
            isolation.kill_uid(uid)
    return proc.returncode, out.decode(errors="replace"), uid


@pytest.fixture
def private():
    """The run's private directory, where the runner puts it: under the system's temp directory
    (pytest's tmp_path is root's 0700 and so out of the run's reach)."""
    directory = Path(tempfile.mkdtemp(prefix="spice-lsp-test-"))
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def guarded(tmp_path):
    """A root-only secret and a directory only its owner may write (0755), beside the sandbox."""
    outside = tmp_path / "outside"
    outside.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(outside, 0o755)
    secret = outside / "secret"
    secret.write_text("TOKEN-root-only\n")
    os.chmod(secret, 0o600)
    return outside, secret


def test_it_runs_as_an_unprivileged_user_with_a_cleared_environment(method, private, monkeypatch):
    monkeypatch.setenv("SERVER_ONLY_SECRET", "do-not-leak")
    code, out, uid = probe(method, "id -u; env", private)
    assert code == 0, out
    assert int(out.split()[0]) != 0 and (uid is None or int(out.split()[0]) == uid)
    env = dict(line.split("=", 1) for line in out.split("\n")[1:] if "=" in line)
    assert "do-not-leak" not in out and env["PATH"] == isolation.PATH and env["HOME"] == str(private)
    assert set(env) <= {"HOME", "TMPDIR", "PATH", "LC_ALL", "OMP_NUM_THREADS", "PWD", "SHLVL", "_"}


def test_it_reads_no_root_only_file_and_writes_only_its_own_directory(method, private, guarded):
    outside, secret = guarded
    code, out, _ = probe(method, f"cat {secret}; touch {outside}/canary; touch own-file && echo own-ok", private)
    assert "TOKEN" not in out and not (outside / "canary").exists()
    assert "own-ok" in out and (private / "own-file").exists()


def test_under_bubblewrap_even_world_writable_directories_and_readable_files_are_out_of_sight(private, tmp_path):
    if "bubblewrap" not in isolation.available():
        pytest.skip("bubblewrap cannot create namespaces here (see test_isolation_method_is_reported)")
    open_dir = tmp_path / "open"
    open_dir.mkdir(mode=0o777)
    os.chmod(tmp_path, 0o755)
    os.chmod(open_dir, 0o777)
    code, out, _ = probe("bubblewrap", f"touch {open_dir}/canary; cat /etc/hostname /etc/passwd; ls / /etc", private)
    assert not (open_dir / "canary").exists() and "root:" not in out
    listed = set(out.split())
    assert listed >= {"usr", "proc", "dev", "tmp", "ld.so.cache"} and not listed & {"home", "root", "work", "passwd"}


def test_it_has_no_network(method, private):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    script = (f"{sys.executable if sys.executable.startswith('/usr/') else '/usr/bin/python3'} -c \""
              f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=2); print('connected')\"")
    code, out, _ = probe(method, script, private)
    with pytest.raises(socket.timeout):
        server.accept()  # nothing ever reached the server
    server.close()
    assert "connected" not in out and code != 0


def test_the_process_count_is_limited_when_the_run_has_a_uid_of_its_own(method, private):
    if os.geteuid() != 0:
        pytest.skip("RLIMIT_NPROC needs a uid of the run's own, which only a root server can give")
    code, out, _ = probe(method, "n=0; for i in $(seq 60); do sleep 5 & n=$((n+1)); done; echo started=$n", private)
    assert "Cannot fork" in out or "started=60" not in out, out


@pytest.mark.parametrize("limit", ["memory", "cpu", "file size"])
def test_resource_limits_hold(method, private, limit):
    python = "/usr/bin/python3"
    script, limits = {
        "memory": (f"{python} -c 'x = bytearray(900 << 20); print(\"allocated\")'", isolation.Limits(20, 256, 1 << 20)),
        "cpu": (f"{python} -c 'while True: pass'", isolation.Limits(1, 512, 1 << 20)),
        "file size": ("head -c 5000000 /dev/zero > big; echo wrote", isolation.Limits(20, 512, 100_000)),
    }[limit]
    started = time.monotonic()
    code, out, _ = probe(method, script, private, limits)
    assert "allocated" not in out and time.monotonic() - started < 15
    if limit == "memory":
        assert "MemoryError" in out
    elif limit == "cpu":
        assert code != 0  # killed by SIGXCPU (sh reports it), well before the 30 s timeout
    else:
        assert (private / "big").stat().st_size <= 100_000


def test_a_process_left_behind_is_killed(method, private):
    code, out, uid = probe(method, "setsid sleep 60 >/dev/null 2>&1 & echo left", private)
    assert "left" in out
    if uid is not None:  # SIGKILL sent; the kernel may take a moment to finish it (a zombie is no process)
        deadline = time.monotonic() + 5
        while uid in _live_owners() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert uid not in _live_owners()


def _live_owners() -> set[int]:
    owners = set()
    for process in Path("/proc").iterdir():
        try:
            status = dict(line.split(":", 1) for line in (process / "status").read_text().split("\n") if ":" in line)
        except OSError:
            continue
        if not status.get("State", "").strip().startswith("Z"):
            owners.add(int(status["Uid"].split()[1]))
    return owners


def test_a_temp_directory_the_run_cannot_reach_is_not_used(tmp_path, monkeypatch):
    locked = tmp_path / "locked"  # TMPDIR under root's 0700 directory: no other uid gets through
    locked.mkdir(mode=0o700)
    monkeypatch.setattr(tempfile, "tempdir", str(locked))
    assert isolation.scratch_parent() == "/tmp" or os.geteuid() != 0
    result = runner.run("t\nV1 a 0 1\nR1 a 0 1k\n.op\n.end\n")
    assert result.ok and result.isolation == isolation.best(), result.output


def test_isolation_method_is_reported():
    result = runner.run("t\nV1 a 0 1\nR1 a 0 1k\n.op\n.end\n")
    assert result.ok and result.isolation == isolation.best()
    assert isolation.best() != "none" or os.geteuid() != 0  # as root there is always a wall


# ---------------------------------------------------------------------------------------
# The property: disguised command words never leave a canary


@pytest.fixture(scope="module")
def arena():
    arena = sandbox_escape.Arena.create(isolation.best())
    yield arena
    shutil.rmtree(arena.root, ignore_errors=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attack=st.sampled_from(sandbox_escape.ATTACKS), data=st.data())
def test_disguised_command_words_never_leave_a_canary(arena, tmp_path_factory, attack, data):
    def disguised(word: str) -> str:
        cuts = data.draw(st.lists(st.integers(1, max(1, len(word) - 1)), max_size=3))
        styles = data.draw(st.lists(st.sampled_from(["bare", "single", "double", "escaped", "empty"]), max_size=4))
        return sandbox_escape.disguise(word, cuts, styles)
    fill = {"c": arena.canaries / "canary", "d": arena.canaries, "s": arena.canaries / "script.sp",
            "x": arena.secret, "m": arena.library or arena.canaries / "none.cm"}
    commands = [f"{disguised(word)} {arguments.format(**fill).replace('shell', disguised('shell'))}"
                for word, arguments in attack]
    spelling = data.draw(st.sampled_from(sandbox_escape.CONTROL_SPELLINGS))
    text = f"hostile\n{sandbox_escape.CIRCUIT}{spelling}\nop\n" + "\n".join(commands) + "\n.endc\n.end\n"
    workspace = tmp_path_factory.mktemp("ws")
    for mode in ("default", "opt-in"):
        result, found = sandbox_escape.attempt(arena, text, workspace, mode, isolation.best())
        assert found == [], (mode, text, result.output)
        assert mode == "opt-in" or result.refused


def test_opted_in_commands_really_run_so_the_isolation_is_what_stops_them(arena, tmp_path):
    """The positive control of the property test: the disguised shell does run (its arithmetic
    comes back), and its `touch` of the canary still leaves nothing."""
    text = f"t\n{sandbox_escape.CIRCUIT}.control\nop\n'sh'ell touch {arena.canaries / 'canary'}\n.endc\n.end\n"
    result, found = sandbox_escape.attempt(arena, text, tmp_path, "opt-in", isolation.best())
    assert "touch: cannot touch" in result.output and found == []  # touch ran, and failed
