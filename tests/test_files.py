"""Reading files named by someone else (spice_lsp.language.files), and the CLI commands that
read one: regular files only, bounded reads, a one-line reason otherwise; never a hang, a
MemoryError or a traceback. The subprocess timeouts are bounds that tell a hang."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from spice_lsp.language.files import NotReadable, read_bytes, read_netlist

RC = "rc\nR1 in out 1k\nC1 out 0 1u\nV1 in 0 1\n.op\n.end\n"


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe.cir"
    os.mkfifo(path)
    return path


def test_a_regular_file_is_read(tmp_path):
    (tmp_path / "rc.cir").write_text(RC)
    assert read_netlist(tmp_path / "rc.cir") == RC


def test_latin1_netlists_are_read(tmp_path):
    (tmp_path / "old.cir").write_bytes("t\nR1 a 0 1k ; 5 Ω µ\n".encode("latin-1", "replace"))
    assert "µ" in read_netlist(tmp_path / "old.cir")


def test_a_file_of_size_zero_in_stat_is_read_to_its_end():
    """/proc files say st_size 0: the read is bounded by what it reads, not by stat."""
    assert b"VmRSS" in read_bytes(Path("/proc/self/status"))


@pytest.mark.parametrize("name, reason", [
    ("fifo", "is a FIFO (named pipe), not a regular file"),
    ("/dev/zero", "is a character device, not a regular file"),
    ("/dev/urandom", "is a character device, not a regular file"),
    ("dir", "is a directory"),
    ("missing", "cannot be read (No such file or directory)"),
])
def test_what_is_not_a_regular_file_is_refused_without_reading(name, reason, fifo, tmp_path):
    path = {"fifo": fifo, "dir": tmp_path, "missing": tmp_path / "missing.cir"}.get(name, Path(name))
    with pytest.raises(NotReadable) as refused:
        read_bytes(path)
    assert str(refused.value) == reason


def test_a_link_to_a_fifo_is_refused(fifo, tmp_path):
    (tmp_path / "link.cir").symlink_to(fifo)
    with pytest.raises(NotReadable, match="FIFO"):
        read_bytes(tmp_path / "link.cir")


def test_reads_stop_at_the_limit(tmp_path):
    (tmp_path / "big.cir").write_bytes(b"* x\n" * 1000)
    assert len(read_bytes(tmp_path / "big.cir", limit=4000)) == 4000
    with pytest.raises(NotReadable, match="larger than the 3,999 bytes limit"):
        read_bytes(tmp_path / "big.cir", limit=3999)


def test_binary_files_are_refused(tmp_path):
    (tmp_path / "a.out").write_bytes(b"\x7fELF\0\0\0")
    with pytest.raises(NotReadable, match="binary file"):
        read_netlist(tmp_path / "a.out")


# ---------------------------------------------------------------------------------------
# The CLI on the same files: a message and an exit code, no traceback, no hang


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spice_lsp", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


@pytest.mark.parametrize("command, code", [("check", 1), ("simulate", 1), ("fill", 2)])
@pytest.mark.parametrize("name", ["fifo", "/dev/zero", "/dev/urandom"])
def test_the_cli_refuses_what_is_not_a_regular_file(command, code, name, fifo):
    path = str(fifo) if name == "fifo" else name
    done = cli(command, path, *(["--backend", "template"] if command == "fill" else []))
    assert done.returncode == code
    assert f"{path}: is a " in done.stdout + done.stderr
    assert "not a regular file" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
