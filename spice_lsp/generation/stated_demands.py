"""What a request demands of its answer in words no spec reader turns into a spec: a clock's levels at the node it
names ("a 40 kHz clock on node ck, 0 to 3.3 V"), a sweep it asks to see ("sweep it so I can see where it rolls
off"), a node it names in parentheses after a level ("12 V in (vin)"), and the level of a reference or regulator
("2.5 V reference ... output vref"); and no part transcribed from a plain word ("so like put ... sweep it" is no
element "it"). Each is checked on the answer or fails: verified only what was measured.
"""
from __future__ import annotations

import math
import re

from spice_lsp.generation.checklist import FAIL, PASS, CheckItem
from spice_lsp.generation.vocabulary import FUNCTION, IDIOMS, NOT_NODES
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.units import format_eng, parse_number
from spice_lsp.ngspice import runner

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_WAVE = re.compile(r"\b(?:clock|square[- ]?wave|square|pulse(?:\s+train)?)\b", re.IGNORECASE)
_AT_NODE = re.compile(r"\b(?:on|at|into|onto)\s+(?:node\s+|net\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)
_SWING = re.compile(rf"(?<![\w.])(?P<lo>{_NUMBER})\s*V?\s*(?:to|-|–|…|\.\.)\s*(?P<hi>{_NUMBER})\s*V\b", re.IGNORECASE)
_CLAUSES = re.compile(r"[.;](?:\s|$)")


def stated_demands(description: str, netlist: str, parsed: m.Netlist, output: str,
                   timeout: float = 10.0) -> list[CheckItem]:
    return (wave_levels(description, netlist, parsed, timeout) + asked_sweep(description, parsed)
            + word_elements(description, parsed) + bracketed_nodes(description, parsed)
            + reference_level(description, netlist, output, timeout))


def _tran(parsed: m.Netlist) -> tuple[float, float] | None:
    for st in parsed.statements:
        if isinstance(st, m.Analysis) and st.kind == "tran":
            args = [parse_number(a.text) for a in st.args[:2]]
            if len(args) == 2 and None not in args:
                return args[0], args[1]  # type: ignore[return-value]
    return None


def _nodes(parsed: m.Netlist) -> set[str]:
    return {f.text.lower() for e in parsed.elements for f in layout(e).nodes}


def wave_levels(description: str, netlist: str, parsed: m.Netlist, timeout: float) -> list[CheckItem]:
    """A clock, square wave or pulse the request places at a node with a swing ("0 to 3.3 V"): a transient must
    run, and the node must reach both levels (±2 % of the swing)."""
    items = []
    for clause in _CLAUSES.split(description):
        wave, node, swing = _WAVE.search(clause), _AT_NODE.search(clause), _SWING.search(clause)
        if not (wave and node and swing) or node["n"].lower() in NOT_NODES | IDIOMS:
            continue
        lo, hi, name = float(swing["lo"]), float(swing["hi"]), node["n"].lower()
        what = f"the {wave[0].lower()} at {name} swings {swing['lo']} to {swing['hi']} V"
        tran = _tran(parsed)
        if tran is None:
            items.append(CheckItem(what, FAIL, "no transient runs: a waveform is shown only in time"))
            continue
        result = runner.run(netlist, timeout=timeout, control=(
            f"tran {tran[0]:g} {tran[1]:g}\nlet top = vecmax(v({name}))\nlet bottom = vecmin(v({name}))\n"
            "print top\nprint bottom"))
        top, bottom = (result.values.get(k) if result.ok else None for k in ("top", "bottom"))
        if top is None or bottom is None or not (math.isfinite(top) and math.isfinite(bottom)):
            items.append(CheckItem(what, FAIL, f"v({name}) could not be measured in the transient"))
            continue
        room = 0.02 * abs(hi - lo)
        ok = abs(top - max(lo, hi)) <= room and abs(bottom - min(lo, hi)) <= room
        items.append(CheckItem(what, PASS if ok else FAIL,
                               f"measured {format_eng(bottom)}V to {format_eng(top)}V in the transient"))
    return items


# "sweep it", "sweep the frequency", "where it rolls off", "the roll-off", a Bode plot: a run over a range.
_SWEEP = re.compile(r"\bsweep(?:s|ing)?\b(?!\s+(?:generator|oscillator))", re.IGNORECASE)
_FREQUENCY = re.compile(r"\brolls?[- ]?off\b|\brolloff\b|\bbode\b|\bfrequency\s+response\b", re.IGNORECASE)
_SWEEPS = {".ac", ".dc", ".step", ".noise", ".tf", ".sens"}
_IN_TIME = re.compile(r"\btriangle|\bramp|\bsaw\w*|\btransient|\bover\s+[\d.]+\s*(?:[mµun]s|s)\b", re.IGNORECASE)


def asked_sweep(description: str, parsed: m.Netlist) -> list[CheckItem]:
    """A sweep the request asks to see is run: a roll-off or a frequency response needs an AC sweep, any other
    sweep some sweep (.ac, .dc, .step ...)."""
    run = {f".{st.kind}" for st in parsed.statements if isinstance(st, m.Analysis)} | {
        st.name.lower() for st in parsed.statements if isinstance(st, m.Directive)}
    if (said := _FREQUENCY.search(description)) and ".ac" not in run:
        return [CheckItem(f"'{said[0]}' (an AC sweep)", FAIL, "no AC analysis runs")]
    said = _SWEEP.search(description)
    if said is None or run & _SWEEPS:
        return []
    clause = next(c for c in _CLAUSES.split(description[said.start():]) if c)
    if ".tran" in run and _IN_TIME.search(clause):  # "sweep the input with a 0-5 V triangle over 2 ms": in time
        return []
    return [CheckItem(f"'{said[0]}' (a sweep)", FAIL, "no sweep runs")]


def word_elements(description: str, parsed: m.Netlist) -> list[CheckItem]:
    """An element named like a plain word of the request ("it", "so", "as") that the request never writes as a
    part's name (in capitals) was read from the words, not stated: it is not the user's part."""
    return [CheckItem(f"element {e.name}", FAIL, f"'{e.name.lower()}' is a word of the request, not a part it states")
            for e in parsed.elements if e.name.lower() in FUNCTION
            and not re.search(rf"\b{re.escape(e.name.upper())}\b", description)]


# "12 V in (vin)", "a 12 V supply (node v12)", "5 V (vcc)": a node named in parentheses after a level.
_BRACKETED = re.compile(rf"(?<![\w.]){_NUMBER}\s*(?:[kmµu]?V)\b(?:\s+[a-z]+){{0,2}}\s*\(\s*(?:node\s+|net\s+)?"
                        r"(?P<n>[a-z_][a-z0-9_]*)\s*\)", re.IGNORECASE)
_NOT_NAMES = NOT_NODES | IDIOMS | {"rms", "peak", "pk", "pp", "typ", "typical", "nominal", "approx", "max", "min",
                                   "ideal", "dc", "ac", "supply", "rail", "battery", "source", "input", "output",
                                   # a source's waveform: "a 0-to-1 V step (PULSE)"
                                   "pulse", "sin", "sine", "pwl", "exp", "sffm", "am", "step", "square", "triangle"}


def bracketed_nodes(description: str, parsed: m.Netlist) -> list[CheckItem]:
    """A node the request names in parentheses after a level is in the circuit."""
    nodes = _nodes(parsed)
    named = dict.fromkeys(n["n"].lower() for n in _BRACKETED.finditer(description))
    return [CheckItem(f"node {name}", FAIL, f"absent ('({name})' named in the request)")
            for name in named if name not in _NOT_NAMES and name not in nodes and name not in ("0", "gnd")]


_REFERENCE = re.compile(rf"(?<![\w.])(?P<v>{_NUMBER})\s*V\s+(?:(?:precision|voltage|shunt|series|buffered|"
                        r"bandgap|zener|low[- ]dropout|linear|fixed)\s+)*(?:reference|regulator|ref|ldo)\b",
                        re.IGNORECASE)


_HEAD = re.compile(r"\s*(?:(?:i\s+)?(?:want|need|build|make|design|give\s+me)\s+)?(?:(?:a|an|the)\s+)?"
                   r"(?:(?!(?:with|from|using|and|of)\b)[\w-]+\s+){0,2}", re.IGNORECASE)


def reference_level(description: str, netlist: str, output: str, timeout: float) -> list[CheckItem]:
    """The level a reference or regulator is said to give ("a 2.5 V reference") is measured at its output at the
    operating point (±2 %)."""
    said = _REFERENCE.search(description)
    # the circuit itself ("2.5 V reference: ...", "I want a 3 V regulator"), not a part of it ("Op-amp regulator:
    # 2.5 V reference, NPN pass ...", "a ladder from a 4 V reference node")
    if said is None or not output or not _HEAD.fullmatch(description[:said.start()]):
        return []
    want = float(said["v"])
    result = runner.run(netlist, timeout=timeout, control=f"op\nlet result = v({output})\nprint result")
    value = result.values.get("result") if result.ok else None
    if value is None or not math.isfinite(value):
        return [CheckItem(said[0], FAIL, f"v({output}) could not be measured")]
    ok = abs(value - want) <= 0.02 * abs(want)
    return [CheckItem(said[0], PASS if ok else FAIL, f"measured {format_eng(value)}V at {output} at the operating "
                                                     f"point, expected {format_eng(want)}V ±2%")]
