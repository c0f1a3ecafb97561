"""The sandbox deck (spice_lsp.ngspice.deck), edited for one run: only ever lines commented
out, line for line, so the deck's line origins and ngspice's line numbers keep."""
from __future__ import annotations

import re

from spice_lsp.ngspice import deck as decks
from spice_lsp.ngspice.runner import OUTPUT_COMMANDS
from spice_lsp.simulation.report import AnalysisLine, Problem


def one_analysis(deck: decks.Deck, analyses: list[AnalysisLine], job: AnalysisLine) -> decks.Deck:
    """The deck with every analysis but `job` commented out (the runner drops the .control
    blocks): ngspice's batch `run` evaluates `.meas` only for the analysis run last."""
    others = {n for a in analyses if a.line != job.line for n in range(a.line, a.end_line + 1)}
    return deck.copy(blank=[n for n, origin in enumerate(deck.origins) if origin in others])


def without_output_commands(deck: decks.Deck) -> tuple[decks.Deck, list[Problem]]:
    """The deck with the file-writing and drawing commands of its own .control blocks commented
    out, and a note for each at the user's line it came from."""
    left_out: list[int] = []
    notes = []
    for first, last in deck.control_spans:
        for n in range(first + 1, last + 1):
            word = re.split(r"[\s(]", deck.lines[n].strip().lower(), maxsplit=1)[0]
            if word in OUTPUT_COMMANDS:
                left_out.append(n)
                notes.append(Problem(f"'{word}' left out: spice-lsp draws the plots itself and writes no files",
                                     deck.origins[n] or 0, "information"))
    return deck.copy(blank=left_out), notes
