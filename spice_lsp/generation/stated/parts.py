"""Parts as a request states them: parts said in series between two nodes, no part made of a plain word, and no
reservoir capacitor the request does not ask for."""
from __future__ import annotations

import re

from spice_lsp.generation.checklist import FAIL, PASS, UNCHECKED, CheckItem
from spice_lsp.generation.stated import reading
from spice_lsp.generation.vocabulary import FUNCTION
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout

# "L1 10 mH and C1 1 uF in series from trap to ground": the parts make one path with inner nodes between the ends.
_SERIES = re.compile(r"\bin\s+series\s+(?:from|between)\s+(?:node\s+)?(?P<a>[A-Za-z_]\w*)\s+(?:to|and)\s+"
                     r"(?:node\s+)?(?P<b>[A-Za-z_]\w*)", re.IGNORECASE)
_PART_NAME = re.compile(r"\b[RLCD]\d\w*\b")
# "R2 = 1k in series with C1 = 100 nF from out to ground": the first part's own words place it nowhere, so the nodes
# said after the second are the ends of the path the two make
_NAMED = r"\b(?!(?:LEDS?|DC)\b)[RLCD](?:\d\w*|[A-Z]{1,3}\d*)\b"  # (not the words in capitals "LED", "DC")
_UNPLACED = r"(?:(?!\b(?:from|between|across)\b)(?:[^,;.]|\.(?=\d)))*?"
_WITH = re.compile(rf"(?P<x>{_NAMED}){_UNPLACED}\bin\s+series\s+with\s+(?:(?:an?|the)\s+)?(?:[\w.]+\s+){{0,4}}?"
                   rf"(?P<y>{_NAMED}){_UNPLACED}\b(?:from|between|across)\s+(?:node\s+)?(?P<a>[A-Za-z_]\w*)\s+"
                   r"(?:to|and)\s+(?:node\s+)?(?P<b>[A-Za-z_]\w*)")


def in_series(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """Parts named in the clause before "in series from A to B", or one part said "in series with" another and the
    nodes after it, make a chain from A to B through inner nodes."""
    elements = {st.name.upper(): [reading.node(f.text) for f in layout(st).nodes] for st in netlist.statements
                if isinstance(st, m.Element)}
    items = []
    stated = [([n.upper() for n in _PART_NAME.findall(description[reading.start_of(description, said.start()):
                                                                    said.start()])], said)
              for said in _SERIES.finditer(description)]
    stated += [([said["x"].upper(), said["y"].upper()], said) for said in _WITH.finditer(description)]
    for names, said in stated:
        if len(names) < 2 or any(n not in elements for n in names):
            continue  # parts the answer lacks fail elsewhere
        ends = [elements[n][:2] for n in names]
        a, b = reading.node(said["a"]), reading.node(said["b"])
        ok = _chain(ends, a, b)
        items.append(CheckItem(f"{' and '.join(names)} in series from {said['a']} to {said['b']}", PASS if ok else FAIL,
                               "one path through inner nodes" if ok else
                               "not one path from " + said["a"] + " to " + said["b"] + ": " +
                               "; ".join(f"{n} {' '.join(e)}" for n, e in zip(names, ends))))
    return items


def _chain(ends: list[list[str]], a: str, b: str) -> bool:
    """The two-node parts form one path from a to b, each inner node shared by exactly two of them."""
    left, at = list(ends), a
    while left:
        step = [e for e in left if at in e]
        if len(step) != 1:
            return False
        left.remove(step[0])
        at = step[0][1] if step[0][0] == at else step[0][0]
        if at in (a, b) and left:
            return False
    return at == b


# "100 uF", "a reservoir", "smoothed", "ripple under 1 V": the request asks for the capacitor a rectifier's family adds.
_ASKS_CAPACITOR = re.compile(r"capacit|\bcaps?\b|smooth|reservoir|ripple|filter|\d\s*[munpµ]?F\b|\bdc\s+(?:rail|supply|"
                             r"output|level|voltage)|peak\s+detect", re.IGNORECASE)
_ADDED_CAPACITOR = re.compile(r"^C\w* = \S+ \(the [^()]*(?:filter|reservoir|smoothing) capacitor's default\)")


def stated_definitions(description: str, assumptions: list[str]) -> list[CheckItem]:
    """A rectifier's output with a reservoir capacitor nobody asked for: its checks measure DC, not the rectified
    wave asked for."""
    items = []
    if not asks_smoothing(description):
        items += [CheckItem(a, UNCHECKED, "a capacitor the request does not ask for: it changes what the output is "
                            "(DC instead of the rectified wave)") for a in assumptions if _ADDED_CAPACITOR.match(a)]
    return items


def asks_smoothing(description: str) -> bool:
    """The request asks for the reservoir capacitor a rectifier may have."""
    return bool(_ASKS_CAPACITOR.search(description))


def word_elements(description: str, parsed: m.Netlist) -> list[CheckItem]:
    """An element named like a plain word of the request ("it", "so", "as") that the request never writes as a
    part's name (in capitals) was read from the words, not stated: it is not the user's part."""
    return [CheckItem(f"element {e.name}", FAIL, f"'{e.name.lower()}' is a word of the request, not a part it states")
            for e in parsed.elements if e.name.lower() in FUNCTION
            and not re.search(rf"\b{re.escape(e.name.upper())}\b", description)]
