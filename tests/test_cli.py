"""`spice-lsp check`: compiler-style lines, JSON, exit codes, unreadable files."""
import json
import os
import subprocess
import sys

from spice_lsp.cli import main


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


def test_clean_file_exits_zero(tmp_path, capsys):
    path = write(tmp_path, "ok.cir", "t\nV1 a 0 1\nR1 a 0 1k\n.op\n.end\n")
    assert main(["check", path]) == 0
    assert capsys.readouterr().out == ""


def test_errors_print_compiler_lines_and_exit_one(tmp_path, capsys):
    path = write(tmp_path, "bad.cir", "t\nR1 a\nV1 a 0 1\nR2 a 0 1k\n.op\n.end\n")
    assert main(["check", path]) == 1
    assert capsys.readouterr().out == f"{path}:2:1: SP002 error R1 needs 2 nodes, but only 1 is given.\n"


def test_json_format(tmp_path, capsys):
    path = write(tmp_path, "w.cir", "t\nR1 a 0 2k2\nR2 a 0 1k\n.op\n.end\n")
    assert main(["check", "--format", "json", path]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    (d,) = entry["diagnostics"]
    assert (d["code"], d["severity"], d["line"], d["column"]) == ("SP018", "warning", 2, 8)


def test_unreadable_inputs_get_one_line_each(tmp_path, capsys):
    binary = write(tmp_path, "b.cir", b"\x00\x01\x02")
    latin = write(tmp_path, "l.cir", "t\nC1 a 0 1\xb5F\nR1 a 0 1k\n.op\n.end\n".encode("latin-1"))
    code = main(["check", binary, str(tmp_path / "missing.cir"), str(tmp_path), latin])
    lines = capsys.readouterr().out.splitlines()
    assert code == 1
    assert lines == [f"{binary}: is a binary file, not a netlist",
                     f"{tmp_path / 'missing.cir'}: cannot be read (No such file or directory)",
                     f"{tmp_path}: is a directory"]


def test_console_script_runs(tmp_path):
    path = write(tmp_path, "bad.cir", "t\nR1 a\n")
    run = subprocess.run([sys.executable, "-m", "spice_lsp", "check", path], capture_output=True, text=True)
    assert run.returncode == 1 and "SP002" in run.stdout and run.stderr == ""


def test_a_reader_that_stops_reading_gets_no_traceback(tmp_path):
    """`spice-lsp check x.cir | head -1`: the pipe closes before the output is written (here: closed from the start,
    so every write fails); the command stops quietly with exit 1, as Unix tools do, instead of a BrokenPipeError."""
    path = write(tmp_path, "bad.cir", "t\nR1 a\n")
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        run = subprocess.run([sys.executable, "-m", "spice_lsp", "check", path], stdout=write_end,
                             stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    assert run.returncode == 1 and "Traceback" not in run.stderr and "BrokenPipeError" not in run.stderr
