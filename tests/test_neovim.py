"""A real client: headless Neovim (0.7+) set up with tests/neovim/spice_lsp.lua, the
configuration the README shows, opens a netlist and must receive the server's diagnostics."""
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


def run_neovim(netlist: Path, out: Path) -> subprocess.CompletedProcess:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.fail("Neovim is not installed; CI installs it with `apt-get install -y neovim`")
    env = {**os.environ, "SPICE_LSP_PYTHON": sys.executable, "SPICE_LSP_FILE": str(netlist),
           "SPICE_LSP_OUT": str(out), "XDG_CACHE_HOME": str(out.parent)}  # lsp.log goes there
    return subprocess.run(
        [nvim, "--headless", "-i", "NONE", "-u", str(NEOVIM / "init.lua"),
         "-c", f"luafile {NEOVIM / 'diagnostics.lua'}"],
        env=env, cwd=netlist.parent, capture_output=True, text=True, timeout=60)


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
