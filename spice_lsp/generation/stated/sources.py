"""The stimulus a request states for its sources ("0.3 V DC in", "a 1 kHz sine", "a 1 V step", "an AC current
source"), each made by a source of the answer or failed."""
from __future__ import annotations

import re

from spice_lsp.generation.checklist import FAIL, PASS, UNCHECKED, CheckItem
from spice_lsp.generation.stated import reading
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.units import parse_number

# "0.3 V DC in", "250 mV DC on sn", "1.2 V DC at the input": a source's DC level (not a sine's "1 V DC offset", a
# supply's "12 V DC rail", a converter's "5 V DC output", a sweep's "to 5 V DC").
_DC_LEVEL = re.compile(r"(?<![\w.])(?P<v>[-+]?\d+(?:\.\d+)?)\s*(?P<p>[mµu]?)(?P<u>V|A)\s+(?i:dc)\b"  # "in=1V dc" too
                       r"(?=\s+(?:in\b|input|at\b|on\b|into\b|applied|drive)|\s*(?:[,;.]|$))")
# (nor a bias point: "so that the emitter, node emit, sits at 4 V DC", a spec the circuit's parts meet)
_DC_NOT = re.compile(r"\b(?:to|from|between|and|sweep\w*|step\w*|offset|supply|supplies|rails?|output|out|motor|"
                     r"adapter|battery|bus|sits|rests|idles|settles)\b[^,;.]{0,25}$", re.IGNORECASE)

# ("..., emitter (node emit) at 4 V DC": a pin's bias point in a clause of its own, a spec)
_PIN_LEVEL = re.compile(r"(?:^|[,;:])\s*(?:the\s+)?(?:emitter|collector|drain)\s*(?:\([^()]*\)\s*)?(?:at|=)\s*$",
                        re.IGNORECASE)


def dc_levels(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """Each DC level the request states for an input ("0.3 V DC in") is some source's DC value or a value its DC
    sweep passes through: a stated level an answer sets to 0 would leave its operating point unasked."""
    params, items = reading.params(netlist), []
    sweeps = [[parse_number(x.text) for x in a.args[1:3]] for a in netlist.statements
              if isinstance(a, m.Analysis) and a.kind == "dc" and len(a.args) >= 3]
    for said in _DC_LEVEL.finditer(description):
        lo = reading.start_of(description, said.start())
        if _DC_NOT.search(description[lo:said.start()]) or re.match(r"\s*(?:offset|bias|supply|rail|output)",
                                                                       description[said.end():]) \
                or _PIN_LEVEL.search(description[lo:said.start()]):
            continue
        value = float(said["v"]) * reading.PREFIX[said["p"]]
        held = [e.name for e in reading.sources(netlist, "V" if said["u"] == "V" else "I")
                if reading.close(_dc_value(e, params), value)]
        swept = any(a is not None and b is not None and min(a, b) <= value <= max(a, b) for a, b in sweeps)
        items.append(CheckItem(f"{said[0]} (a DC level the request states)", PASS if held or swept else FAIL,
                               f"held by {', '.join(held)}" if held else "swept through by the DC analysis" if swept
                               else "no source of the netlist holds it"))
    return items


def _dc_value(source: m.Element, params: dict[str, float]) -> float | None:
    texts = [f.text for f in layout(source).extra or [] if f.kind != "func"]
    lower = [t.lower() for t in texts]

    if "dc" in lower and lower.index("dc") + 1 < len(texts):
        return reading.value(texts[lower.index("dc") + 1], params)
    return reading.value(texts[0], params) if texts and lower[0] != "ac" else None


_WAVE_WORD = re.compile(r"\b(?:sine|sinus\w*|sinusoid\w*|square(?:[- ]wave)?(?![- ](?:law|root))|triangle|triangular|"
                        r"sawtooth|pulse(?:s|\s+train)?|clock)\b", re.IGNORECASE)
_SINE_WORD = re.compile(r"\b(?:sine|sinus\w*|sinusoid\w*)\b", re.IGNORECASE)
_FREQ = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)\s*(?P<p>[kKM]|meg|MEG)?\s*Hz\b")
# A clause where the circuit makes the wave, or whose frequency is the circuit's own (its corner, its switching)
_WAVE_OWN = re.compile(rf"\b(?:{reading.MAKES}|"
                       r"corner|cut-?off|centre|center|resonan\w*|notch|fc|f0|bandwidth|switching|carrier)\b",
                       re.IGNORECASE)


def wave_frequencies(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A stimulus said with its frequency in one clause ("a 2 V peak, 1 kHz sine", "a 10 Hz square wave") is made
    at that frequency by a source of the answer, where the answer runs a transient (a sine at a filter's corner
    frequency instead of the stated one still simulates)."""
    if reading.tran_stop(netlist) is None:
        return []
    params = reading.params(netlist)
    made = [w for e in reading.sources(netlist) if (w := reading.wave(e, params))]
    if not made or any(e.name[0].upper() == "B" for e in netlist.body if isinstance(e, m.Element)):
        return []  # no wave source: the circuit makes the wave (an oscillator), or none makes it (coverage's
        # stimulus check); a behavioural source's wave is an expression, not read here
    items = []
    for clause in reading.clauses(description):
        wave, freq = _WAVE_WORD.search(clause), _FREQ.search(clause)
        if wave is None or freq is None or _WAVE_OWN.search(clause):
            continue
        value = float(freq["v"]) * {"": 1, "k": 1e3, "K": 1e3, "M": 1e6, "meg": 1e6, "MEG": 1e6}[freq["p"] or ""]
        found = [_frequency(name, args) for name, args in made]
        ok = any(reading.close(f, value, 0.01) for f in found)
        status = PASS if ok else UNCHECKED if None in found else FAIL
        items.append(CheckItem(f"the {freq[0]} {wave[0]} input (as the request states)", status,
                               "a source makes it at that frequency" if ok else
                               "a source's frequency could not be read" if None in found else
                               "no source of the netlist makes it at that frequency"))
    return items


# "1 V RMS", "230 Vrms", "4 Vpp", "2 V peak-to-peak": a sine's level said as its RMS or its swing, not its amplitude
_QUALIFIED = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)\s*(?P<p>[mµu]?)V\s*(?:\(\s*)?(?P<q>rms|pp|p-p|pk-pk|"
                        r"peak[- ]to[- ]peak)\b", re.IGNORECASE)

# a level said of what the circuit does ("ripple under 0.5 Vpp", "clips at 3 Vpp"), not of its stimulus
_NOT_STIMULUS = re.compile(r"\b(?:ripple|noise|swing\w*|hysteresis|error|distortion|clip\w*|limit\w*|below|under|less|"
                           r"more|most|least|within|max\w*|min\w*|up\s+to)\b", re.IGNORECASE)


def sine_levels(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A sine stimulus whose level is said as its RMS ("1 V RMS": amplitude 1.414 V) or its peak-to-peak swing
    ("4 Vpp": 2 V) is made at that amplitude by a source of the answer, where the answer runs a transient: a SIN
    whose amplitude is the figure as written (1 V for "1 V RMS") is another stimulus, though it holds the number."""
    if reading.tran_stop(netlist) is None:
        return []
    params = reading.params(netlist)
    amplitudes = [args[1] for e in reading.sources(netlist) if (w := reading.wave(e, params)) and w[0] == "sin"
                  and len(args := w[1]) >= 2 and args[1] is not None]
    if not amplitudes:
        return []  # no sine source: the circuit makes its wave, or the stimulus check reports it missing
    items = []
    # the sine's sentence, the level's clause (a square or triangle said at its swing is no sine's level)
    for clause in (c for sentence in reading.clauses(description, ".;") if _SINE_WORD.search(sentence)
                   for c in reading.clauses(sentence)):
        if re.search(rf"\b(?:{reading.MAKES})\b", clause, re.IGNORECASE):
            continue
        for said in _QUALIFIED.finditer(clause):
            if _NOT_STIMULUS.search(clause[:said.start()]):
                continue
            level = float(said["v"]) * reading.PREFIX[said["p"]]
            want = level * 2 ** 0.5 if said["q"].lower() == "rms" else level / 2
            ok = any(reading.close(abs(a), want, 0.01) for a in amplitudes)
            items.append(CheckItem(f"the sine of {said[0]} (amplitude {want:.4g} V)", PASS if ok else FAIL,
                                   "a source makes it at that amplitude" if ok else
                                   "no sine source of the netlist has that amplitude (" +
                                   ", ".join(f"{a:g} V" for a in amplitudes) + ")"))
    return items


def _frequency(name: str, args: list[float | None]) -> float | None:
    if name in ("sin", "sffm", "am") and len(args) >= 3:
        return args[2]
    if name == "pulse" and len(args) >= 7 and args[6]:
        return 1 / args[6]
    return None


# "a 1 V step input at t = 0.1 ms", "apply a 2 V step at 50 us", "a step of 5 V": a level reached once and held
_STEP = re.compile(r"(?<![\w.])(?P<v>[-+]?\d+(?:\.\d+)?)\s*(?P<p>[mµu]?)V\s+(?:input\s+)?step\b(?!\s+size)"
                   r"|\bstep\s+(?:input\s+)?of\s+(?P<v2>[-+]?\d+(?:\.\d+)?)\s*(?P<p2>[mµu]?)V\b", re.IGNORECASE)


def steps(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A step input the request states rises to its level and stays there to the end of the transient (a square
    wave of that level is no step: its settled value is another)."""
    stop = reading.tran_stop(netlist)
    if stop is None:
        return []
    params, items = reading.params(netlist), []
    for said in _STEP.finditer(description):
        value = float(said["v"] or said["v2"]) * reading.PREFIX[said["p"] or said["p2"] or ""]
        ok = False
        for e in reading.sources(netlist, "V"):
            if (wave := reading.wave(e, params)) is None:
                continue
            name, args = wave
            if name == "pulse" and len(args) >= 2 and reading.close(args[1], value):
                # PULSE(v1 v2 td tr tf pw per): held when its width (none: for ever) outlasts the run
                pw = args[5] if len(args) > 5 else None
                ok = ok or pw is None or sum(x or 0.0 for x in args[2:4]) + pw >= stop
            elif name == "pwl" and args and reading.close(args[-1], value):
                ok = True
        items.append(CheckItem(f"the {said[0]} (a step the request states)", PASS if ok else FAIL,
                               "a source rises to it and holds it to the end of the run" if ok else
                               "no source rises to that level and holds it: a repeating pulse is no step"))
    return items


# "I1, an AC current source of 1 mA into tank", "an AC voltage source V2 at in": the source must carry an AC value.
_AC_SOURCE = re.compile(r"\b(?:an?\s+)?(?:small[- ]signal\s+)?ac\s+(?P<k>current|voltage)\s+source\b", re.IGNORECASE)
_SOURCE_NAME = re.compile(r"\b[VI]\w*\d\w*\b")


def ac_sources(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """Each source said to be an AC source (by its name when the clause gives one) has an AC magnitude."""
    items = []
    for said in _AC_SOURCE.finditer(description):
        letter = "I" if said["k"].lower() == "current" else "V"
        lo = reading.start_of(description, said.start(), reading.SENTENCE_END)
        hi = end.start() if (end := reading.SENTENCE_END.search(description, said.end())) else len(description)
        name = next((n for n in _SOURCE_NAME.findall(description[lo:hi]) if n[0].upper() == letter), None)
        sources = [st for st in netlist.statements if isinstance(st, m.Element) and st.name[0].upper() == letter
                   and (name is None or st.name.upper() == name.upper())]
        ok = any(re.search(r"\bac\s+[-+.\d{]", " ".join(f.text for f in st.fields), re.IGNORECASE) for st in sources)
        items.append(CheckItem(f"{name or 'an'} AC {said['k'].lower()} source", PASS if ok else FAIL,
                               "has an AC value" if ok else "no AC value on it: an AC analysis sees nothing"))
    return items


def misnamed_sources(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for a source the request names ("vary VCC from 6 to 12 V") that the answer puts on another
    node than the one of its own name (VCC driving the input while the supply node vcc has a source of its own):
    what the user sweeps or reads through that name is not what the name says."""
    nodes = reading.nodes(netlist.statements)
    items = []
    for st in netlist.statements:
        if not (isinstance(st, m.Element) and st.name[0].upper() in "VI" and len(st.name) > 2):
            continue
        own = st.name.lower()
        ends = [reading.node(f.text) for f in layout(st).nodes]
        if own in nodes and own not in ends and re.search(rf"(?<![\w.]){re.escape(st.name)}(?!\w)", description):
            items.append(CheckItem(f"{st.name} (named in the request)", FAIL,
                                   f"it drives {' and '.join(ends)}, not node {own}, which its name says"))
    return items
