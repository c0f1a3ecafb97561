"""The simulation cache: a finished report and its plot files under a key of everything the run
depends on, so asking again is instant. The key is computed after the safety decision, from the
deck it wrote (the included files it allowed, inlined)."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

from spice_lsp import __version__
from spice_lsp.ngspice import deck as decks
from spice_lsp.paths import default_cache_dir
from spice_lsp.simulation.options import SimulationOptions
from spice_lsp.simulation.report import SimulationReport

MAX_CACHED = 200  # simulations kept in the cache; the least recently used go first


def content_key(deck: decks.Deck, text: str, line: int | None, suffix: str, options: SimulationOptions) -> str:
    """A hash of everything a run depends on: the text, the deck ngspice reads (the included files
    inlined: read once, by the safety decision, and only those it allowed), the analysis chosen,
    the plot format and the limits."""
    return hashlib.sha256(json.dumps([__version__, text, deck.lines, deck.origins, deck.controls, line, suffix,
                                      [options.timeout_s, options.memory_mb, options.max_output_mb,
                                       options.run_control]]).encode()).hexdigest()[:24]


def default_directory() -> Path:
    return default_cache_dir() / "simulations"


def store(report: SimulationReport, tmp: Path, folder: Path) -> None:
    """Cache a finished run (not one stopped by the clock or the user) under its content key."""
    if report.timed_out or report.cancelled:
        shutil.rmtree(tmp, ignore_errors=True)
        return
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "report.json").write_text(json.dumps(report.to_json(), indent=1), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    try:
        os.replace(tmp, folder)
    except OSError:  # another run stored the same key first
        shutil.rmtree(tmp, ignore_errors=True)
    try:
        entries = sorted((e for e in folder.parent.iterdir() if not e.name.endswith(".tmp")),
                         key=lambda e: e.stat().st_mtime)
    except OSError:  # another process pruned at the same time
        return
    for old in entries[:max(0, len(entries) - MAX_CACHED)]:
        shutil.rmtree(old, ignore_errors=True)


def load(folder: Path) -> SimulationReport | None:
    try:
        report = SimulationReport.from_json(json.loads((folder / "report.json").read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(Path(p).is_file() for p in report.plots):
        return None
    report.cached = True
    os.utime(folder)  # recently used: pruned last
    return report


def scratch(folder: Path) -> Path:
    """A folder of this run's own (process and thread) for its plots, emptied; `store` renames it to `folder`."""
    tmp = folder.with_name(f"{folder.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    return tmp
