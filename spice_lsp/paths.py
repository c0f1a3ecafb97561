"""Where spice-lsp keeps what it downloads and computes: models, retrieval indexes,
simulation results. One place, so that every subsystem and the tests agree on it."""
from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """$SPICE_LSP_CACHE, else ~/.cache/spice-lsp."""
    env = os.environ.get("SPICE_LSP_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "spice-lsp"
