"""A real client: headless Neovim (0.7+) set up with tests/neovim/spice_lsp.lua, the
configuration docs/neovim.md shows, opens a netlist and must receive the server's diagnostics,
and fills a `* describe:` line (completion, and the :SpiceGenerate command) with a netlist
that our checker accepts."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NEOVIM = Path(__file__).parent / "neovim"
ERROR_NETLIST = "error netlist\nV1 a 0 1\nR1 a\n.op\n.end\n"


DESCRIBE = "* describe: RC low-pass, R=1k, C=100n, AC sweep to 1 MHz"


def run_neovim(netlist: Path, out: Path, script: str = "diagnostics.lua", **env_extra) -> subprocess.CompletedProcess:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail("Neovim is not installed; CI installs it with `apt-get install -y neovim`")
    env = {**os.environ, "SPICE_LSP_PYTHON": sys.executable, "SPICE_LSP_FILE": str(netlist),
           "SPICE_LSP_OUT": str(out), "XDG_CACHE_HOME": str(out.parent), **env_extra}  # lsp.log goes there
    return subprocess.run(
        [nvim, "--headless", "-i", "NONE", "-u", str(NEOVIM / "init.lua"),
         "-c", f"luafile {NEOVIM / script}"],
        env=env, cwd=netlist.parent, capture_output=True, text=True, timeout=90)


@pytest.mark.parametrize("suffix", [".cir", ".sp"])
def test_neovim_shows_diagnostics(tmp_path: Path, suffix):
    netlist, out = tmp_path / f"error{suffix}", tmp_path / "diagnostics.json"
    netlist.write_text(ERROR_NETLIST)
    done = run_neovim(netlist, out)
    log = tmp_path / "nvim" / "lsp.log"  # the server's stderr lands in Neovim's LSP log
    assert done.returncode == 0, f"no diagnostics reached Neovim:\n{done.stderr}\n" + \
        (log.read_text()[-3000:] if log.exists() else "")
    result = json.loads(out.read_text())
    assert result["filetype"] == "spice" and result["clients"] == 1
    node_count = [d for d in result["diagnostics"] if d["code"] == "SP002"]
    assert len(node_count) == 1, result["diagnostics"]
    d = node_count[0]
    assert (d["lnum"], d["col"], d["end_lnum"], d["end_col"]) == (2, 0, 2, 4)  # `R1 a`
    assert (d["severity"], d["source"]) == (1, "spice-lsp")  # 1: vim.diagnostic.severity.ERROR
    assert "R1" in d["message"]


@pytest.mark.parametrize("mode", ["completion", "command"])
def test_neovim_fills_a_describe_line(tmp_path: Path, mode):
    """completion: the first item's edits applied as a completion plugin applies them;
    command: :SpiceGenerate, where the server inserts the netlist with workspace/applyEdit."""
    netlist, out = tmp_path / "describe.cir", tmp_path / "filled.json"
    netlist.write_text(f"RC filter\n{DESCRIBE}\n.end\n")
    done = run_neovim(netlist, out, "describe.lua", SPICE_LSP_MODE=mode)
    log = tmp_path / "nvim" / "lsp.log"
    assert done.returncode == 0, f"no netlist reached Neovim ({mode}):\n{done.stderr}\n" + \
        (out.read_text() if out.exists() else "") + (log.read_text()[-3000:] if log.exists() else "")
    result = json.loads(out.read_text())
    assert (result["filetype"], result["attached"], result["describe_line"]) == ("spice", True, 1)
    lines = result["lines"]
    assert lines[:2] == ["RC filter", DESCRIBE]  # the title and the request stay
    assert lines.count(".end") == 1 and lines[-1] == ".end"
    body = "\n".join(lines[2:])
    assert any(line.split()[:1] and line.split()[0].upper().startswith("R") and line.split()[-1] == "1k" for line in lines), body
    assert any(line.split()[:1] and line.split()[0].upper().startswith("C") and line.split()[-1] == "100n" for line in lines), body
    if mode == "completion":
        assert result["label"] == "Generate netlist (rc lowpass, template)"
    else:
        assert result["backend"] == "template"
    filled = tmp_path / "filled.cir"
    filled.write_text("\n".join(lines) + "\n")
    checked = subprocess.run([sys.executable, "-m", "spice_lsp", "check", "--format", "json", str(filled)],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr  # the inserted text parses, no errors
