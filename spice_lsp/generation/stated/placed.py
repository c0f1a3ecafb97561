"""A passive's value said with its two ends ("2k in bright light, from node sense to ground", "a 10k resistor goes
from the 3.3 V supply to sense") sits between those ends in the answer. Read here on its own, liberally, apart from
the request reader: a reader that missed the statement leaves the family's parts in the family's places (a divider's
2k on top where the request put it at the bottom), and only this check then tells the answer from the request."""
from __future__ import annotations

import re

from spice_lsp.generation.checklist import FAIL, CheckItem
from spice_lsp.generation.stated import reading
from spice_lsp.generation.vocabulary import ARTICLES, NOT_NODES
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout

# A passive's value: a resistance (Ω, ohm, or a bare k/meg figure), a capacitance (F) or an inductance (H).
_VALUE = re.compile(r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s?(?:(?P<prefix>meg|[kKMmunpµμ])?\s?"
                    r"(?P<unit>ohms?\b|Ω|\u2126|F\b|H\b)|(?P<bare>k|meg|M)\b(?!\s*(?:Hz|V|A|W|s)\b))")
# Its ends, said after it: "from [node] a to [node] b", "between a and b".
# An end: ground, "the (3.3 V) supply" or "a 5 V rail" (the supply's node), or a node's name ("rail" alone is one).
_END = (r"(?:nodes?\s+)?(?P<{0}>(?:the|an?)\s+(?:[\d.]+\s*v\s+)?(?:supply|rail)\b|[\d.]+\s*v\s+(?:supply|rail)\b"
        r"|(?:the\s+)?[a-z_][a-z0-9_]*)")
_ENDS = re.compile(r"\bfrom\s+" + _END.format("a") + r"\s+to\s+" + _END.format("b") + r"\b"
                   r"|\bbetween\s+" + _END.format("c") + r"\s+and\s+" + _END.format("d") + r"\b", re.IGNORECASE)
# Words between the value and its ends that make them another part's or a group's ("in series with C1 from a to b").
_GROUPED = re.compile(r"\b(?:series|parallel|each|both|pair|chain|across|with)\b", re.IGNORECASE)
# Another part named between a value and the ends that follow ("R1 = 1k to w2, C1 = 220n from w2 to gnd"): the ends
# are that part's.
_DESIGNATOR = re.compile(r"\b[RCLDQMVIXEJ][A-Za-z]*\d+\b")
_KIND = {"ohm": "R", "ohms": "R", "ω": "R", "\u2126": "R", "f": "C", "h": "L"}  # by the unit in lower case
_SCALE = {"meg": 1e6, "k": 1e3, "K": 1e3, "M": 1e6, "m": 1e-3, "u": 1e-6, "µ": 1e-6, "μ": 1e-6, "n": 1e-9,
          "p": 1e-12}


def _said_values(part: str) -> list[tuple[re.Match, str, float]]:
    found = []
    for v in _VALUE.finditer(part):
        kind = _KIND[v["unit"].lower()] if v["unit"] else "R"
        scale = _SCALE.get(v["prefix"] or "", 1.0) if v["unit"] else _SCALE[v["bare"]]
        found.append((v, kind, float(v["num"]) * scale))
    return found


def _supplies(netlist: m.Netlist, level: float | None) -> set[str]:
    """The nodes a DC voltage source holds against ground (at `level` when the request says one)."""
    params = reading.params(netlist)
    held = set()
    for source in reading.sources(netlist, "V"):
        ends = [reading.node(f.text) for f in layout(source).nodes]
        dc = reading.source_level(source, "dc", params)
        if len(ends) == 2 and ends[1] == "0" and dc is not None and dc > 0 and (level is None
                                                                            or reading.close(dc, level)):
            held.add(ends[0])
    return held


def _end(word: str, netlist: m.Netlist, have: set[str]) -> set[str] | None:
    """The answer's nodes an end said as `word` may be: ground, the supply, or a node of that name."""
    low = word.lower()
    if rail := re.fullmatch(r"(?:(?:the|an?)\s+(?:([\d.]+)\s*v\s+)?|([\d.]+)\s*v\s+)(?:supply|rail)", low):
        level = rail[1] or rail[2]
        return _supplies(netlist, float(level) if level else None) or None
    low = re.sub(r"^the\s+", "", low)
    if low in reading.GROUND:
        return {"0"}
    if low in NOT_NODES or low in ARTICLES or low not in have:
        return None  # a word of English, or a node the answer lacks (the node checks report that)
    return {low}


def placed_values(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each passive value said with its two ends whose part the answer puts elsewhere."""
    elements = [st for st in netlist.body if isinstance(st, m.Element)]
    have = reading.nodes(elements)
    params = reading.params(netlist)
    items = []
    for part in reading.clauses(description, ".;"):
        values = _said_values(part)
        for k, (v, kind, amount) in enumerate(values):
            window = part[v.end():values[k + 1][0].start() if k + 1 < len(values) else len(part)]
            if other := _DESIGNATOR.search(window):
                window = window[:other.start()]
            before = part[values[k - 1][0].end() if k else 0:v.start()]  # "in series with a 100 nF capacitor"
            ends = _ENDS.search(window)
            # the ends follow the value, or a short gloss of it ("2k in bright light, from ..."), not a new clause
            if ends is None or _GROUPED.search(gloss := window[:ends.start()]) or gloss.count(",") > 1 \
                    or len(gloss.split()) > 6 or re.search(r"\band\b", gloss) or "," in gloss \
                    and gloss.rsplit(",", 1)[1].strip() \
                    or _GROUPED.search(before) or sum(reading.close(x, amount) for _, _, x in _said_values(
                        description)) > 1:  # said twice: which statement is which part is not told
                continue
            a, b = (ends["a"], ends["b"]) if ends["a"] else (ends["c"], ends["d"])
            first, second = _end(a, netlist, have), _end(b, netlist, have)
            if not first or not second:
                continue
            same = [e for e in elements if e.name[0].upper() == kind and (x := layout(e).value) is not None
                    and reading.close(reading.value(x.text, params), amount)]
            if not same:
                continue  # a value the answer does not hold: the stated values' own items report it
            placed = any({reading.node(f.text) for f in layout(e).nodes} in
                         ({x, y} for x in first for y in second) for e in same)
            if not placed:  # placed as said, the reader's own item for the part shows it
                where = ", ".join(f"{e.name} ({' '.join(f.text for f in layout(e).nodes)})" for e in same)
                items.append(CheckItem(f"{v[0].strip()} from {a} to {b}", FAIL, f"the answer's {where} sits elsewhere"))
    return items
