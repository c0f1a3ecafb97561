"""Rule patterns that stay fast as the registry grows.

Every request tries the rules in rank order, so each pattern runs on most requests. A pattern
that starts with a literal lets `re` skip ahead to it; one that starts with `\\b` (or any other
assertion) is tried at every position, 20-50 times slower on a long request.
"""
from __future__ import annotations

import re

from spice_lsp.language.units import parse_number

TIME = r"[\d.]+\s*[munpµ]?s\b"  # a time as requests write it: "10 ns", "0.25 ms", "2s"


def seconds(text: str) -> float:
    """A TIME in seconds ("0.25 ms" -> 2.5e-4)."""
    return parse_number(re.sub(r"\s+|s$", "", text).replace("µ", "u")) or 0.0


def word(w: str) -> str:
    r"""`\bw` written literal-first: `word("led") + r"\b"` matches what `\bled\b` matches."""
    return rf"{w}(?<=\b{w})"
