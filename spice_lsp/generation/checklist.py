"""Verification as the request's checklist: each stated element, node, source level, model
parameter, analysis and spec, checked on the answer (specs measured in the sandboxed ngspice).

An answer is verified only when every item passes; an item that could not be checked (a
physical effect SPICE cannot model, a spec with no measurement) leaves it unverified, so
"verified" never claims more than was measured.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from spice_lsp.generation.request import ABSOLUTE, CURRENT_DIRECTED, DECIBELS, GROUND, PLAIN, Request, Spec
from spice_lsp.generation.stated import reading
from spice_lsp.generation.vocabulary import FUNCTION, NOT_NODES, PLACES
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.parser import parse
from spice_lsp.language.units import format_eng, parse_number
from spice_lsp.ngspice import runner

PASS, FAIL, UNCHECKED = "pass", "fail", "not checked"
_TRAN = re.compile(r"^\.tran\s+(\S+)\s+(\S+)", re.MULTILINE | re.IGNORECASE)
_DC_ONLY = re.compile(r"^\.(?:op|dc|tf)\b", re.MULTILINE | re.IGNORECASE)
_AC_OR_TRAN = re.compile(r"^\.(?:ac|tran|noise|disto|pz)\b", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True)
class CheckItem:
    what: str  # the request's words, or what is checked
    status: str  # pass | fail | not checked
    detail: str = ""  # what was found or measured


@dataclass(frozen=True)
class Probe:
    """A function of a family no spec quantity names (a gate's truth table, a latch holding, an
    output that swings): ngspice commands that leave `result`, which must lie in [low, high].
    `{out}` and `{inp}` in the commands are the answer's output and input nodes."""
    what: str
    control: str
    low: float
    high: float


_PULSE_PERIOD = re.compile(r"\bPULSE\s*\(\s*(?:[^\s()]+[\s,]+){6}([^\s()]+)", re.IGNORECASE)  # its seventh figure
# "the sign doesn't matter", "either polarity is fine": an output level asked for by its size alone
_SIGN_FREE = re.compile(r"\b(?:sign|polarity)\s+(?:does\s*n[o']t|doesn't|won't|will\s+not)\s+matter\b"
                        r"|\beither\s+(?:sign|polarity)\b|\bregardless\s+of\s+(?:the\s+)?(?:sign|polarity)\b",
                        re.IGNORECASE)


def _norm(node: str) -> str:
    return "0" if node.lower() in GROUND else node.lower()


def _number(f: m.Field | None, params: dict[str, float] | None = None) -> float | None:
    """A field's number; `{rval}` read through the .params."""
    if f is not None and f.text.startswith("{"):
        return (params or {}).get(f.text.strip("{}").strip().lower())
    return parse_number(f.text) if f is not None else None


def _close(a: float | None, b: float, rel: float = 1e-6) -> bool:
    return a is not None and abs(a - b) <= rel * max(abs(a), abs(b), 1e-30)


def structure(request: Request, netlist: m.Netlist) -> list[CheckItem]:
    """The stated elements, nodes, source levels and model parameters, found in the netlist."""
    elements = [s for s in netlist.statements if isinstance(s, m.Element)]
    items: list[CheckItem] = []
    nodes = {_norm(f.text) for e in elements for f in layout(e).nodes}
    params = reading.params(netlist)
    for want in request.elements:
        # a top-level part first: a subcircuit's own "Rin" is not the request's input resistor RIN
        named = [e for e in elements if want.name and e.name.upper() == want.name.upper()]
        named = [e for e in named if e in netlist.elements] or named
        kin = [e for e in elements if e.name[0].upper() == want.kind]
        found = named or [e for e in kin if want.value is not None
                          and _close(_number(layout(e).value, params), want.value)] \
            or (kin if want.name is None and want.value is None and len(kin) == 1 else []) \
            or ([e for e in kin if sorted(_norm(f.text) for f in layout(e).nodes) == sorted(want.placed())]
                if want.name is None and want.value is None and len(want.placed()) == 2 else [])
        # ("a diode": the one; "a cap from lb to ground" of two caps: the one on those ends)
        if not found:
            items.append(CheckItem(want.text, FAIL, f"no {want.name or want.kind + ' element'} in the netlist"))
            continue
        # of two parts of one value ("50 ohms from vs to fin", "a 50 ohm load at fout"), the one on the stated nodes
        e = next((x for x in found if want.placed() and set(want.placed()) <= {_norm(f.text) for f in layout(x).nodes}),
                 found[0])
        lay = layout(e)
        problems = []
        if want.value is not None and want.kind in "VI":  # a source's value is its DC level
            if not _close(reading.source_level(e, "dc", params), want.value):
                problems.append(f"DC level {reading.source_level(e, 'dc', params)}, not {want.value_text}")
        elif want.value is not None and not _close(_number(lay.value, params), want.value):
            problems.append(f"value {lay.value.text if lay.value else 'none'}, not {want.value_text}")
        words = [f.text for f in e.fields if f.kind == "word"]
        if want.model and want.kind in "DQMJ" and want.model.lower() not in {w.lower() for w in words}:
            problems.append(f"model {' '.join(words[-1:]) or 'none'}, not {want.model}")  # "both model DC1"
        if want.nodes:
            have = [_norm(f.text) for f in lay.nodes]
            wanted = list(want.nodes)
            pairs = [(h, w) for h, w in zip(have, wanted) if w is not None]
            known = [w for w in wanted if w is not None]
            if want.kind in "RCL" and len(have) == 2 and len(known) == len(wanted):
                ok = sorted(have) == sorted(known)
            elif want.kind in "RCL" and len(have) == 2:  # one end said, either way round ("wl_out to 12 V via 4.7k")
                ok = all(k in have for k in known)
            else:
                ok = all(h == w for h, w in pairs)
            if not ok:
                problems.append(f"nodes {' '.join(have)}, not {' '.join(n or '?' for n in wanted)}")
        elif (ends := _stated_ends(want.text, set(request.nodes))) and \
                not set(ends) <= {_norm(f.text) for f in lay.nodes}:
            problems.append(f"nodes not read: the request places it at {' and '.join(ends)}")
        detail = f"{e.name} " + " ".join(f.text for f in lay.nodes) + (f" {lay.value.text}" if lay.value else "")
        items.append(CheckItem(want.text, FAIL if problems else PASS, "; ".join(problems) or detail))
    connections = Counter(_norm(f.text) for e in elements for f in layout(e).nodes)
    # (a controlled voltage source's output alone on its node sets it: "E2 makes node amp 8 times v(sense)")
    driven = {_norm(layout(e).nodes[0].text) for e in elements if e.name[0].upper() in "EH" and layout(e).nodes}
    for node in request.nodes:  # present, and not left hanging from a single part
        status = PASS if connections[node] >= 2 or connections[node] == 1 and node in driven else FAIL
        items.append(CheckItem(f"node {node}", status, "present" if status == PASS else
                               "not in the netlist" if node not in nodes else "connects to only one part"))
    sources = [e for e in elements if e.name[0].upper() in "VI"]
    for source in request.sources:
        # (a current source said with no direction, "a 2 uA current source at pd_n", on the node either way)
        pins = (1,) if source.kind != "I" or CURRENT_DIRECTED.search(source.text) else (0, 1)
        hits = [e for e in sources if (source.name is None or e.name.upper() == source.name.upper())
                and (source.name is not None or e.name[0].upper() == source.kind)  # (an unnamed one: of its kind)
                and (source.node is None or any(_norm(layout(e).nodes[k if source.kind == "I" else 0].text)
                                                == source.node for k in pins))]
        if source.node is None and (level := source.dc) is not None:  # "a -9 V negative rail": that level first
            hits.sort(key=lambda e: not _close(reading.source_level(e, "dc", params), level))
        if source.node is None and (ac := source.ac) is not None:  # "(1 V AC)": the source of that AC level first
            hits.sort(key=lambda e: not _close(reading.source_level(e, "ac"), ac))
        if source.node is None and (sine := source.sin) is not None:  # "a 1 kHz 0.5 V sine input": that sine first
            hits.sort(key=lambda e: not _sine_is(e, sine))
        if source.node is None and (pulse := source.pulse) is not None:  # "input b a 0/3 V pulse": that pulse first
            hits.sort(key=lambda e: _pulse_differs(e, pulse, params) is not None)
        wrong = []
        for e in hits[:1]:
            if source.dc is not None and not _close(reading.source_level(e, "dc", params), source.dc):
                wrong.append(f"DC {reading.source_level(e, 'dc', params)}, not {format_eng(source.dc)}")
            if source.ac is not None and not _close(reading.source_level(e, "ac"), source.ac):
                wrong.append(f"AC {reading.source_level(e, 'ac')}, not {format_eng(source.ac)}")
            if source.sin is not None and not _sine_is(e, source.sin):
                wrong.append("its SIN is not " + " ".join(format_eng(x) for x in source.sin))
            if source.pulse is not None and (problem := _pulse_differs(e, source.pulse, params)):
                wrong.append(problem)
        where = f"{source.name or 'a source'} at {source.node or 'the input'}"
        items.append(CheckItem(source.text, PASS if hits and not wrong else FAIL,
                               (f"{hits[0].name} " + ("; ".join(wrong) or "as stated")) if hits else f"no {where}"))
    cards = [s for s in netlist.statements if isinstance(s, m.Model)]
    for param in request.model_params:
        values = [_number(p.value) for c in cards for p in c.params
                  if p.kind == "assign" and p.name.lower() == param.name]
        # (a parameter worked out from a datasheet's figures, "IDSS = 3 mA" as a beta, agrees to its rounding)
        derived = not re.match(rf"\s*{re.escape(param.name)}\b", param.text, re.IGNORECASE)
        ok = any(_close(v, param.value, 2e-3 if derived else 1e-6) for v in values)
        items.append(CheckItem(param.text, PASS if ok else FAIL,
                               "in the .model card" if ok else f"{param.name} is not {param.text.split('=')[-1]} "
                                                              "in any .model card"))
    return items


def _sine_is(element: m.Element, wanted: tuple[float, float, float]) -> bool:
    sine = next((f for f in layout(element).extra if f.kind == "func" and f.name.lower() == "sin"), None)
    numbers = [parse_number(x.text) for x in sine.items] if sine is not None else []
    # to the six figures a SIN is written with ("1 V RMS": 1.41421)
    return len(numbers) >= 3 and all(_close(a, b, 1e-5) for a, b in zip(numbers, wanted))


def _pulse_differs(element: m.Element, wanted: tuple[float | None, ...], params: dict[str, float]) -> str | None:
    """How a source differs from the PULSE the request states (its open figures aside), if it does: another
    wave (a PWL of other levels or times, the family's own clock) is not the drive asked for."""
    wave = reading.wave(element, params)
    if wave is None or wave[0] != "pulse":
        return f"{f'its wave is {wave[0].upper()}' if wave else 'it has no wave'}, not the stated PULSE"
    names = ("low level", "high level", "delay", "rise", "fall", "width", "period")
    off = [f"{n} {format_eng(h) if h is not None else 'unset'}, not {format_eng(w)}"
           for n, w, h in zip(names, wanted, [*wave[1], *[None] * 7]) if w is not None and not _close(h, w, 1e-3)]
    return "; ".join(off) or None


# "from x to y", "between x and y", "R1 = 1k x to y": the ends a part's own words state
_ENDS_SAID = re.compile(r"\b(?:from|between)\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s+(?:to|and)\s+(?:node\s+)?"
                        r"(?P<b>[a-z_]\w*)\b"
                        r"|^\W*[A-Za-z]\w*\s*[=:]?\s*[\d.]+\s*[a-zA-Zµ]*\s+(?P<c>[a-z_]\w*)\s+to\s+(?P<d>[a-z_]\w*)\b")
_NOT_ENDS = (NOT_NODES - PLACES) | {"a", "an", "node", "nodes"}


def _stated_ends(text: str, named: set[str]) -> tuple[str, str] | None:
    """The two nodes a part's clause places it between when both are plain names or nodes the request names
    elsewhere ("source on so ... RS2 = 10k from so to ground"), for an item whose nodes the reader could not read:
    the answer must have them, or the item says so (a name and value alone pass nothing)."""
    said = _ENDS_SAID.search(text)
    if said is None:
        return None
    ends = tuple(_norm(w) for w in (said["a"] or said["c"], said["b"] or said["d"]))
    way = said["c"] is not None and said["c"].lower() in FUNCTION  # "R1 = 10k up to vcc": the way it goes
    return None if way or any(w in _NOT_ENDS and w not in named for w in ends) else (ends[0], ends[1])


def analyses(requested: list[str], netlist: m.Netlist) -> list[CheckItem]:
    """Each requested analysis present with the numbers it was asked for."""
    have = [(a.kind, [f.text for f in a.args]) for a in netlist.statements if isinstance(a, m.Analysis)]
    have += [(d.name.lstrip(".").lower(), [f.text for f in d.args]) for d in netlist.statements  # ".temp 0 25 70"
             if isinstance(d, m.Directive) and d.name.lower() == ".temp"]
    # a small-signal sweep shows only what a source with an AC magnitude drives ("1 V on a" as a DC level: all zeros)
    params = reading.params(netlist)
    driven = any(e.name[0].upper() in "VI" and "ac" in [f.text.lower() for f in layout(e).extra or []]
                 and reading.source_level(e, "ac", params) != 0 for e in netlist.elements)
    names = {e.name.lower() for e in netlist.elements}
    items = []
    for directive in requested:
        words = directive.split()
        kind, args = words[0].lstrip(".").lower(), words[1:]
        ok = any(k == kind and _figures(a) == _figures(args) for k, a in have)
        swept = [a[0] for k, a in have if k == kind == "dc" and a and _figures(a) == _figures(args)]
        if ok and args and swept and args[0].lower() in names and args[0].lower() not in map(str.lower, swept):
            # "input nb swept by VNB": the answer has VNB, so a sweep of another source is another curve
            items.append(CheckItem(f"analysis {directive}", FAIL, f"it sweeps {', '.join(swept)}, not {args[0]}"))
            continue
        if ok and kind in ("ac", "noise") and not driven:
            items.append(CheckItem(f"analysis {directive}", FAIL, "no source has an AC magnitude to sweep"))
            continue
        items.append(CheckItem(f"analysis {directive}", PASS if ok else FAIL,
                               "in the netlist" if ok else "missing or with other numbers"))
    return items + _probed_where_it_can_be(netlist)


def _probed_where_it_can_be(netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for a noise or transfer-function analysis whose output is no node of the circuit or whose
    input is no source of it: ngspice runs it all the same (and reports nothing of the circuit asked about)."""
    nodes = reading.nodes(netlist.body) | {"0"}
    sources = {e.name.lower() for e in reading.sources(netlist)}
    items = []
    for a in (st for st in netlist.statements if isinstance(st, m.Analysis) and st.kind in ("noise", "tf")):
        # "v" or "i" then its group ("(out,ref)", "(VM)"), then the input source
        pairs = list(zip(a.args, a.args[1:]))
        probed = [(f.text.lower(), x.text.lower()) for f, g in pairs if f.kind != "group" and g.kind == "group"
                  for x in g.items if x.text != ","]
        words = [f for f in a.args if f.kind != "group"]
        source = words[1].text if len(words) > 1 else ""
        text = re.sub(r" \(", "(", " ".join(f.text for f in a.args))
        missing = [f"node {n}" for kind, n in probed if kind == "v" and n not in nodes] + \
                  [f"source {n}" for kind, n in probed if kind == "i" and n not in sources] + \
                  ([f"source {source}"] if source.lower() not in sources else [])
        if missing:
            items.append(CheckItem(f".{a.kind} {text}", FAIL, f"{', '.join(missing)}: not in the circuit"))
    return items


def _figures(args: list[str]) -> list[float | str]:
    """An analysis's numbers and its spacing (dec, oct, lin): what the request states of it. Its source and
    output are left out: a family names them its own way (".dc VIN" of a request sweeps the family's V1)."""
    figures: list[float | str] = []
    for word in args:
        number = parse_number(word)
        if number is not None or word.lower() in ("dec", "oct", "lin"):
            figures.append(word.lower() if number is None else number)
    return figures


def measure(spec: Spec, netlist: str, output: str, input_node: str | None, timeout: float = 10.0,
            settle: tuple[float, float] | None = None, description: str = "") -> tuple[float | None, str]:
    """The spec's quantity measured in ngspice on the answer: (value, how or why not). `settle`,
    a transient's (step, stop), measures a switching circuit's output as its settled average.
    `description`, the request: whether the sentence of a gain spec states its sign."""
    f = spec.target
    out, inp = output, input_node
    if spec.quantity == "vout" and spec.node and spec.node not in (output, "out", "output") and re.search(
            rf"^\w+\s+(?:\S+\s+)*?{re.escape(spec.node)}(?:\s|$)", netlist.split("\n", 1)[-1], re.MULTILINE):
        out = spec.node  # ("emitter ef_e parked at half supply", the output coupled off it: the level where it is said)
    if spec.quantity in ("cutoff", "center", "notch", "frequency", "ugbw", "edge") and not f > 0:
        return None, f"a frequency of {f:g} Hz cannot be measured"  # every window below is a multiple of 1/f
    if spec.quantity == "cutoff":  # a current-driven input (a photodiode's) has no node: the output's own fall
        ratio = f"vdb({out})-vdb({inp})" if inp else f"vdb({out})"
        control = (f"ac dec 100 {f / 1000:g} {f * 1000:g}\nlet g = {ratio}\nmeas ac gmax max g\n"
                   "let t = gmax-3\nmeas ac result when g=t\nprint result")
        how = f"-3 dB point of v({out})/v({inp})" if inp else f"-3 dB point of v({out}) (a current drives it)"
    elif spec.quantity == "f0" and inp:
        # A second-order section turns its phase through 180 degrees, half of it at f0 (at any Q): 90
        # degrees past its low-frequency phase (a multiple of 90, rounded from the sweep's first point).
        control = (f"ac dec 100 {f / 100:g} {f * 100:g}\nlet p = cph(v({out})/v({inp}))\n"
                   "let t = floor(p[0]/(pi/2)+0.5)*pi/2-pi/2\nmeas ac result when p=t\nprint result")
        how = f"where the phase of v({out})/v({inp}) is 90 degrees past its low-frequency phase"
    elif spec.quantity in ("center", "notch"):
        # Just above the minimum (or below the peak), the first crossing lands on it within the sweep's step; a
        # current-driven input (a tank fed by a current source) has no node: the output's own peak
        extreme, side = ("max", "0.9999") if spec.quantity == "center" else ("min", "1.0001")
        ratio = f"vm({out})/vm({inp})" if inp else f"vm({out})"
        control = (f"ac dec 200 {f / 100:g} {f * 100:g}\nlet mag = {ratio}\n"
                   f"meas ac ext {extreme} mag\nmeas ac top max mag\nlet t = ext*{side}\nmeas ac result when mag=t\n"
                   "print result")
        how = f"frequency of the {'peak' if spec.quantity == 'center' else 'minimum'} of v({out})" \
            + (f"/v({inp})" if inp else " (a current drives it)")
    elif spec.quantity in ("gain", "gain_db") and inp and spec.at is None and _DC_ONLY.search(netlist) \
            and not _AC_OR_TRAN.search(netlist):
        # A request for an operating point or DC sweep means the DC gain (a filtering capacitor lowers the
        # gain at 1 kHz); a stage whose input capacitor blocks DC has only its mid-band (1 kHz) gain.
        expression = f"real(v({out})/v({inp}))" if spec.quantity == "gain" else f"vdb({out})-vdb({inp})"
        control = (f"ac dec 10 1m 10k\nlet g = {expression}\nlet m = vm({out})/vm({inp})\n"
                   "meas ac gdc find g at=1m\nmeas ac gmid find g at=1k\nmeas ac mdc find m at=1m\n"
                   "meas ac mmid find m at=1k\nlet pick = mdc ge 0.1*mmid\n"
                   "let result = pick*gdc+(1-pick)*gmid\nprint result pick")
        how = f"v({out})/v({inp}) at DC (the request asks for DC)" + (" in dB" if spec.quantity == "gain_db" else "")
    elif spec.quantity in ("gain", "gain_db") and inp:
        # a gain stated with no sign is a size: the magnitude (an integrator's is 90 degrees off the real axis),
        # its real part's sign only telling whether the stage inverts
        sized = spec.quantity == "gain" and spec.target > 0 and not _signed(spec, description)
        # ... and a signed gain is its size with the sign of its real part (a filter's gain of -2 a third of the way
        # to its corner is 27 degrees off the axis: its real part, 1.77, is no gain anyone measures)
        expression = f"vm({out})/vm({inp})*((real(v({out})/v({inp})) ge 0)*2-1)" if spec.quantity == "gain" \
            else f"vdb({out})-vdb({inp})"
        at = spec.at or 1e3
        # a sweep with a point on `at` itself: a decade sweep's points drift (60 Hz lands at 60.72), and a
        # notch's null read between two of them is tens of dB shallower than it is
        control = (f"ac lin 3 {at * 0.999:g} {at * 1.001:g}\nlet g = {expression}\n"
                   + (f"let m = vm({out})/vm({inp})\nmeas ac size find m at={at:g}\n" if sized else "")
                   + f"meas ac result find g at={at:g}\nprint result" + (" size" if sized else ""))
        how = f"v({out})/v({inp}) at {format_eng(at)}Hz" + (" in dB" if spec.quantity == "gain_db" else "")
    elif spec.quantity == "phase" and inp and spec.at:  # the output's phase against the input's, in degrees
        control = (f"ac lin 3 {spec.at * 0.999:g} {spec.at * 1.001:g}\nlet p = 180/pi*ph(v({out})/v({inp}))\n"
                   f"meas ac result find p at={spec.at:g}\nprint result")
        how = f"phase of v({out})/v({inp}) at {format_eng(spec.at)}Hz"
    elif spec.quantity == "flat" and inp and spec.at:  # the gain at a frequency against the passband's (its peak)
        control = (f"ac dec 100 {spec.at / 1000:g} {spec.at * 1000:g}\nlet g = vdb({out})-vdb({inp})\n"
                   f"meas ac gmax max g\nmeas ac a find g at={spec.at:g}\nlet result = a-gmax\nprint result")
        how = f"v({out})/v({inp}) at {format_eng(spec.at)}Hz against its peak, in dB"
    elif spec.quantity == "dc_gain_db" and inp:
        # (at 1 mHz: a lossy integrator's DC gain of 100 has its corner near 1 Hz)
        control = f"ac dec 10 0.1m 10\nlet g = vdb({out})-vdb({inp})\nmeas ac result find g at=1m\nprint result"
        how = f"v({out})/v({inp}) at 1 mHz in dB"
    elif spec.quantity == "edge" and inp:
        # Where the gain leaves the passband by the ripple the netlist states (a Chebyshev's
        # "* ..., 1 dB ripple" line; 3 dB otherwise): the last fall of a low-pass, the first rise of a high-pass.
        ripple = float(said[1]) if (said := re.search(r"([\d.]+) dB ripple", netlist)) else 3.0
        cross = "rise=1" if re.search(r"high-pass", netlist, re.IGNORECASE) else "fall=last"
        control = (f"ac dec 200 {f / 100:g} {f * 100:g}\nlet g = vdb({out})-vdb({inp})\nmeas ac gmax max g\n"
                   f"let t = gmax-{ripple:g}\nmeas ac result when g=t {cross}\nprint result")
        how = f"where v({out})/v({inp}) leaves its passband by {ripple:g} dB"
    elif spec.quantity == "ugbw" and inp:
        # the first crossing: an amplifier's or integrator's gain falls through 0 dB, a differentiator's rises
        control = (f"ac dec 100 {f / 1000:g} {f * 1000:g}\nlet g = vdb({out})-vdb({inp})\n"
                   "meas ac result when g=0 cross=1\nprint result")
        how = f"frequency where v({out})/v({inp}) crosses 0 dB"
    elif spec.quantity == "current":
        # The family puts a 0 V ammeter in series with the part whose current is the spec: one
        # named Vsense, or the 0 V source on the output node.
        meter = _ammeter(netlist, out)
        lo, hi = _sentence_of(description, spec.text)
        at = description.find(spec.text)
        # ("pick R6 from m to ground so that 2.5 mA flows", "10 mA through R3"): the resistor its sentence names,
        # the nearest to its words
        words = sorted(re.finditer(r"\b(R\w*)\b", description[lo:hi]), key=lambda w: abs(lo + w.start() - at))
        named = next((load for word in words if (load := _load(netlist, "", word[1])) is not None), None)
        if named is not None:
            name, a, b, ohms = named
            ends = ["0" if n == "0" else f"v({n})" for n in (a, b)]
            control = f"op\nlet result = abs(({ends[0]}-{ends[1]})/{ohms:g})\nprint result"
            how = f"current through {name} at the operating point"
        elif meter is not None:
            control = f"op\nlet result = abs(i({meter}))\nprint result"
            how = f"current through the ammeter {meter} at the operating point"
        elif (load := _load(netlist, out)) is not None:  # the load resistor's voltage over its value
            name, a, b, ohms = load
            ends = ["0" if n == "0" else f"v({n})" for n in (a, b)]  # ngspice has no vector v(0)
            control = f"op\nlet result = abs(({ends[0]}-{ends[1]})/{ohms:g})\nprint result"
            how = f"current through the load {name} at the operating point"
        else:
            return None, f"no measurement for current here: no 0 V ammeter or load resistor on {out}"
    elif spec.quantity == "hysteresis" and inp and (tran := _TRAN.search(netlist)):
        # The family's own transient sweeps the input up and down: the input's level where the
        # output crosses its midpoint rising, and falling.
        control = (f"tran {tran[1]} {tran[2]}\nlet mid = (maximum(v({out}))+minimum(v({out})))/2\n"
                   f"meas tran up find v({inp}) when v({out})=mid rise=1\n"
                   f"meas tran down find v({inp}) when v({out})=mid fall=1\nlet result = abs(up-down)\nprint result")
        how = f"difference of v({inp}) where v({out}) switches up and down"
    elif spec.quantity == "q" and inp and (section := _section_q(netlist, out, inp, timeout)) is not None:
        return section, f"slope of the phase of v({out})/v({inp}) at f0 (Q = -1/2 dphase/dln f)"
    elif spec.quantity == "q" and inp:
        # A band-pass's Q: its geometric centre over its -3 dB bandwidth; a notch's (it starts in its pass
        # band) the same over the width of its dip, from the first falling edge to the first rising one.
        control = (f"ac dec 200 0.1 100meg\nlet mag = vm({out})/vm({inp})\nmeas ac peak max mag\n"
                   f"let edge = peak/sqrt(2)\nmeas ac f1 when mag=edge rise=1\nmeas ac f2 when mag=edge fall=last\n"
                   "meas ac n1 when mag=edge fall=1\nmeas ac n2 when mag=edge rise=1\nlet notch = mag[0] gt edge\n"
                   "let result = notch*sqrt(n1*n2)/(n2-n1) + (1-notch)*sqrt(f1*f2)/(f2-f1)\nprint result")
        how = f"centre over -3 dB bandwidth of v({out})/v({inp})"
    elif spec.quantity == "width" and (tran := _TRAN.search(netlist)):
        control = (f"tran {tran[1]} {tran[2]}\nlet mid = (maximum(v({out}))+minimum(v({out})))/2\n"
                   f"meas tran rise when v({out})=mid rise=1\nmeas tran fall when v({out})=mid fall=1\n"
                   "let result = fall-rise\nprint result")
        how = f"time v({out}) stays above its midpoint"
    elif spec.quantity == "rise":
        # the output's 10 %-90 % rise over its own swing, in the answer's transient (else one long enough for it,
        # after the first edge its input waveform makes)
        if tran := _TRAN.search(netlist):
            run = f"tran {tran[1]} {tran[2]}"
        else:
            edge = re.search(r"PULSE\s*\(\s*\S+\s+\S+\s+(\S+)", netlist, re.IGNORECASE)
            delay = (parse_number(edge[1]) if edge else None) or 0.0
            run = f"tran {spec.target / 200:g} {delay + 30 * spec.target:g}"
        control = (f"{run}\nlet lo = minimum(v({out}))\nlet hi = maximum(v({out}))\nlet a = lo+0.1*(hi-lo)\n"
                   f"let b = lo+0.9*(hi-lo)\nmeas tran t1 when v({out})=a rise=1\nmeas tran t2 when v({out})=b rise=1\n"
                   "let result = t2-t1\nprint result")
        how = f"10 %-90 % rise of v({out})"
    elif spec.quantity == "ripple" and (tran := _TRAN.search(netlist)) and (stop := parse_number(tran[2])):
        control = (f"tran {tran[1]} {tran[2]}\nmeas tran result pp v({out}) from={0.5 * stop:g} to={stop:g}\n"
                   "print result")
        how = f"peak-to-peak of v({out}) over the last half of the transient"
    elif spec.quantity == "ripple" and (wave := _PULSE_PERIOD.search(netlist)) and (period := parse_number(wave[1])):
        # a square filtered to its mean, the deck running no transient: 400 periods (a slow filter settled), the
        # ripple over the last five
        stop = 400 * period
        control = (f"tran {period / 100:g} {stop:g}\nmeas tran result pp v({out}) from={stop - 5 * period:g} "
                   f"to={stop:g}\nprint result")
        how = f"peak-to-peak of v({out}) over the last 5 of 400 periods of the pulse"
    elif spec.quantity == "clip" and (tran := _TRAN.search(netlist)) and (stop := parse_number(tran[2])):
        extreme = "max" if spec.target > 0 else "min"
        control = (f"tran {tran[1]} {tran[2]}\nmeas tran result {extreme} v({out}) from={0.5 * stop:g} to={stop:g}\n"
                   "print result")
        how = f"{extreme} of v({out}) over the last half of the transient"
    elif spec.quantity == "level":
        # a node's bound: at the operating point, else the worst of the last half of the run (the highest against
        # "below", the lowest against "above"); the words "output"/"out" name the family's output
        node = out if spec.node in (None, "out", "output") else _pin_node(netlist, spec.node)
        tran = _TRAN.search(netlist)
        stop = parse_number(tran[2]) if tran else None
        # ... except a switch's level in one of its states ("with the gate at 5 V the drain must sit below 0.3 V",
        # "when on", "saturated"): the lowest against "below", the highest against "above"
        lo, hi = _sentence_of(description, spec.text)
        state = _STATE.search(description, lo, hi)
        worst = ("min" if spec.bound == "max" else "max") if state else "max" if spec.bound == "max" else "min"
        control = (f"tran {tran[1]} {tran[2]}\nmeas tran result {worst} v({node}) from={0.5 * stop:g} to={stop:g}\n"
                   "print result") if tran and stop else f"op\nlet result = v({node})\nprint result"
        how = (f"{worst} of v({node}) over the last half of the transient" if tran and stop
               else f"v({node}) at the operating point")
    # A total resistance read as a spec is the resistance its source sees; one no spec reads is coverage's sum of the
    # resistors (a loaded divider's two differ, so they are not one check).
    elif spec.quantity == "rtotal" and inp and (
            source := re.search(rf"^(V\w*)\s+{re.escape(inp)}\s+(?:0|gnd)\b", netlist, re.MULTILINE | re.IGNORECASE)):
        control = f"ac lin 1 1 1\nlet result = mag(v({inp})/(-i({source[1]})))\nprint result"
        how = f"the resistance {source[1]} sees at {inp}"
    elif spec.quantity == "vout" and settle:
        step, stop = settle
        control = (f"tran {step:g} {stop:g}\nmeas tran result avg v({out}) from={0.8 * stop:g} to={stop:g}\n"
                   "print result")
        how = f"average of v({out}) over the last fifth of the transient"
    elif spec.quantity == "vout" and (held := _stated_range_sweep(netlist, description)):
        # "keep reg9 at 9.1 V from a 15-20 V input": the level over the whole range, its worst end
        swept, start, stop, step = held
        control = (f"dc {swept} {start:g} {stop:g} {step:g}\nmeas dc lo min v({out})\nmeas dc hi max v({out})\n"
                   f"let result = (abs(lo-{f:g}) gt abs(hi-{f:g}))*lo + (abs(lo-{f:g}) le abs(hi-{f:g}))*hi\n"
                   "print result")
        how = f"v({out}) at its worst over {swept} from {start:g} to {stop:g} V (the range the request states)"
    elif spec.quantity == "vout" and spec.target > 0 and _SIGN_FREE.search(description):
        control = f"op\nlet result = abs(v({out}))\nprint result"  # "1 V per 10 uA; the sign doesn't matter"
        how = f"the size of v({out}) at the operating point (the request leaves its sign open)"
    elif spec.quantity == "vout":
        control = f"op\nlet result = v({out})\nprint result"
        how = f"v({out}) at the operating point"
    elif spec.quantity == "frequency":
        start = 40 / f
        # The midpoint of the swing within the measured window (a start-up drift before it is no swing).
        control = (f"tran {1 / (f * 200):g} {start + 25 / f:g} 0 {1 / (f * 200):g}\n"
                   f"meas tran hi max v({out}) from={start:g}\nmeas tran lo min v({out}) from={start:g}\n"
                   "let mid = (hi+lo)/2\n"
                   f"meas tran ta when v({out})=mid rise=1 td={start:g}\n"
                   f"meas tran tb when v({out})=mid rise=11 td={start:g}\nlet result = 10/(tb-ta)\nprint result")
        how = f"period of v({out}) after {format_eng(start)}s"
    else:
        return None, f"no measurement for {spec.quantity} here"
    if control.startswith("ac") and inp:
        netlist = _small_signal(netlist, inp)
    result = runner.run(netlist, control=control, timeout=timeout)
    value = result.values.get("result") if result.ok else None
    if spec.quantity == "notch" and value is not None:  # a notch must be one: 20 dB below the passband
        low, high = result.values.get("ext"), result.values.get("top")
        depth = 20 * math.log10(low / high) if low and high and low > 0 and high > 0 else None
        if depth is None or depth > -20:
            depth_text = "no depth" if depth is None else f"only {-depth:.1f} dB deep"
            return None, f"{how}: the notch at {format_eng(value)}Hz is {depth_text} (20 dB or more expected)"
    if result.values.get("pick") == 0:  # a capacitor blocks DC: its mid-band gain
        how = f"v({out})/v({inp}) at 1kHz (its input blocks DC)" + (" in dB" if spec.quantity == "gain_db" else "")
    if value is None or not math.isfinite(value):
        why = (result.errors[0].message if result.errors else "; ".join(result.refused)) or "no result"
        return None, f"{how}: could not be measured ({why})"
    if spec.quantity == "gain" and inp and (ordered := _ORDERED.search(spec.text)) \
            and _operand_node(ordered["b"], description) == inp.lower():
        # "3 x (v2 - v1)" measured from v1's node: the stage's gain from there is -3
        return -value, f"-({how}): {inp} is the subtracted input"
    if spec.quantity == "gain" and spec.target > 0 and not _signed(spec, description) \
            and ((size := result.values.get("size")) is not None and math.isfinite(size) or value < 0):
        # "a gain of 5" of an inverting stage is its size: a sign is checked only where the request states one
        size = size if size is not None and math.isfinite(size) else abs(value)
        inverted = f", an inverted {value:.4g}: the request states no sign" if value < -0.7 * size else ""
        return size, f"|{how}|{inverted}"
    return value, how


# A gain's sign in its own words ("+5", "-5", "minus 5") or its sentence ("inverted", "(gain 5, inverting)",
# "in phase", "non-inverting"); "an inverting amplifier" names the circuit, not the gain's sign.
# a sign, or an ordered difference ("3 x (v2 - v1)": the gain from v1 is -3), states the gain's sign
_ORDERED = re.compile(r"\(\s*(?:v\()?(?P<a>\w+)\)?\s*[-\u2212\u2013]\s*(?:v\()?(?P<b>\w+)\)?\s*\)")
_SIGN = re.compile(r"[-+\u2212]\s*\d|\bplus\b|\bminus\b|" + _ORDERED.pattern)


def _operand_node(name: str, description: str) -> str:
    """The node an operand of a difference stands for: "v1 at node p1" -> p1, else the name itself."""
    at = re.search(rf"(?<![\w(]){re.escape(name)}\s+(?:is\s+)?(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)", description,
                   re.IGNORECASE)
    return (at["n"] if at and at["n"].lower() not in ("the", "a", "an") else name).lower()
_SIGN_WORD = re.compile(r"\binvert(?!ing\s+(?:op[- ]?amp|amp(?:lifier)?|stage|configuration|topology|input|buffer)s?\b)"
                        r"|\bin[- ]phase\b|\b(?:non|un)[- ]?invert", re.IGNORECASE)


def _signed(spec: Spec, description: str) -> bool:
    if _SIGN.search(spec.text):
        return True
    at = description.find(spec.text)
    if at < 0:  # the spec in other words than the request's: any sign word of the request counts
        return bool(_SIGN_WORD.search(description))
    start = max((m.end() for m in re.finditer(r"[.;!?](?:\s|$)", description[:at])), default=0)
    end = re.compile(r"[.;!?](?:\s|$)").search(description, at)
    return bool(_SIGN_WORD.search(description[start:end.start() if end else len(description)]))


def _section_q(netlist: str, out: str, inp: str, timeout: float) -> float | None:
    """A second-order low- or high-pass section's Q, from the slope of its phase at f0 (-2 Q per unit of
    ln f, at any Q, where no -3 dB width exists); None for a band-pass (its phase starts at an odd
    multiple of 90 degrees) or a notch (its phase comes back: it turns by less than 135 degrees)."""
    result = runner.run(netlist, timeout=timeout, control=(
        f"ac dec 200 0.1 100meg\nlet p = cph(v({out})/v({inp}))\nlet k = floor(p[0]/(pi/2)+0.5)\n"
        "let odd = abs(k-2*floor(k/2))\nlet turn = abs(p[length(p)-1]-p[0])\nlet t = k*pi/2-pi/2\n"
        "let d = real(frequency)*deriv(p)\nmeas ac s find d when p=t\nlet result = -s/2\nprint odd turn result"))
    odd, turn, q = (result.values.get(name) for name in ("odd", "turn", "result"))
    if not result.ok or odd is None or turn is None or q is None or odd > 0.5 or turn < 0.75 * math.pi:
        return None
    return q


_STATE = re.compile(r"\b(?:turn\w*\s+on|switch\w*\s+on|is\s+on|when\s+(?:it\s+is\s+)?on|while\s+on|saturat\w*"
                    r"|conduct\w*|with\s+(?:[\d.]+\s*V\s+(?:on|at)\s+)?(?:the\s+)?(?:gate|base|input|control|drive)\b"
                    r"|when\s+(?:the\s+)?(?:gate|base|input)\b)",
                    re.IGNORECASE)


_PINS = {"drain": ("M", 0), "gate": ("M", 1), "source": ("M", 2), "collector": ("Q", 0), "base": ("Q", 1),
         "emitter": ("Q", 2)}


def _pin_node(netlist: str, name: str) -> str:
    """The node a level is asked of: a node of that name, else ("the drain", "the collector") the node on that pin
    of the circuit's first transistor of the kind that has it."""
    body = netlist.split("\n", 1)[-1]  # (the first line is the title)
    if name not in _PINS or re.search(rf"^\w+(?:\s+\S+)*?\s+{re.escape(name)}(?:\s|$)", body, re.MULTILINE):
        return name
    kind, pin = _PINS[name]
    device = re.search(rf"^{kind}\w*((?:\s+[^\s=]+){{3}})", body, re.MULTILINE | re.IGNORECASE)
    return device[1].split()[pin] if device else name


_DC_SWEEP = re.compile(r"^\.dc\s+(?!temp\b)(\w+)\s+(\S+)\s+(\S+)\s+(\S+)", re.MULTILINE | re.IGNORECASE)
# "from an unregulated 15-20 V input", "anywhere from 9 to 14 volts", "between 4.5 and 5.5 V"
VOLT_RANGE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:-|\u2013|to|and)\s*(\d+(?:\.\d+)?)\s*(?:V|volts?)\b")


def _stated_range_sweep(netlist: str, description: str) -> tuple[str, float, float, float] | None:
    """The DC sweep over a range of volts the request states, of a source the answer sets at one end of it (the
    level the circuit was designed at): (source, start, stop, step). A sweep from a nominal level in its middle,
    or over a range the request does not state, says nothing of what must hold across it."""
    ranges = {(min(float(a), float(b)), max(float(a), float(b))) for a, b in VOLT_RANGE.findall(description)}
    for sweep in _DC_SWEEP.finditer(netlist):
        start, stop, step = (parse_number(x) for x in sweep.group(2, 3, 4))
        if start is None or stop is None or step is None or (min(start, stop), max(start, stop)) not in ranges:
            continue
        level = re.search(rf"^{re.escape(sweep[1])}\s+\S+\s+\S+\s+(?:DC\s+)?(\S+)", netlist,
                          re.MULTILINE | re.IGNORECASE)
        if level and parse_number(level[1]) in (start, stop):
            return sweep[1], start, stop, step
    return None


def _sentence_of(description: str, words: str) -> tuple[int, int]:
    """The span of the sentence of `description` that holds `words` (the whole text when it holds none)."""
    at = description.find(words)
    if at < 0:
        return 0, len(description)
    start = max((m.end() for m in re.finditer(r"[.;!?](?:\s|$)", description[:at])), default=0)
    end = re.compile(r"[.;!?](?:\s|$)").search(description, at + len(words))
    return start, end.start() if end else len(description)


def _small_signal(netlist: str, inp: str) -> str:
    """The netlist with an AC 1 on the source that drives `inp` from ground when none has an AC level (a divider
    held at DC 10 V): a ratio measured in an AC sweep needs a stimulus, whatever its size; the answer is unchanged."""
    source = re.compile(rf"^(V\w*\s+{re.escape(inp)}\s+(?:0|gnd)\b(?:(?!\bac\b)[^\n])*)$", re.IGNORECASE | re.MULTILINE)
    if not source.search(netlist):
        return netlist
    return source.sub(lambda m: f"{m[1].rstrip()} AC 1", netlist, count=1)


_HOLDER = re.compile(r"^(V\w*)\s+(\S+)\s+0\s+(?:DC\s+)?[-+]?[\d.]+\w*\s*$", re.IGNORECASE | re.MULTILINE)
_ZERO_SOURCE = re.compile(r"^(V\w*)\s+(\S+)\s+(\S+)\s+(?:DC\s+)?0\s*$", re.IGNORECASE | re.MULTILINE)


def _load(netlist: str, out: str, name: str = "") -> tuple[str, str, str, float] | None:
    """The one resistor on the output node with a plain value: (name, node, node, ohms); `name`: that resistor,
    wherever it is."""
    found = []
    for st in parse(netlist).netlist.statements:
        if isinstance(st, m.Element) and st.name[0].upper() == "R":
            lay = layout(st)
            nodes = [f.text.lower() for f in lay.nodes]
            ohms = _number(lay.value)
            if (st.name.upper() == name.upper() if name else out.lower() in nodes) and ohms and len(nodes) == 2:
                found.append((st.name, nodes[0], nodes[1], ohms))
    return found[0] if len(found) == 1 else None


def _ammeter(netlist: str, out: str) -> str | None:
    """The 0 V source that measures the output current: Vsense, else the one on the output node."""
    meters = [(m[1], {m[2].lower(), m[3].lower()}) for m in _ZERO_SOURCE.finditer(netlist)]
    named = [name for name, _ in meters if name.lower() == "vsense"]
    # ... else the one source that holds the output node at a level, where nothing else there draws current to ground
    # ("the output transistor's collector is node cmo, held at 5 V by VOUTM": its current is the output's)
    holders = [m[1] for m in _HOLDER.finditer(netlist) if m[2].lower() == out.lower()]
    return (named or [name for name, nodes in meters if out.lower() in nodes]
            or (holders if len(holders) == 1 and _load(netlist, out) is None else []) or [None])[0]


def function_items(function: list[Spec | Probe], specs: list[Spec], netlist: str, output: str,
                   input_node: str | None, timeout: float = 10.0,
                   settle: tuple[float, float] | None = None) -> list[CheckItem]:
    """The family's own function measured on the answer (what its values should make it do), so
    a circuit that silently does not work is never verified. A quantity the request states a
    spec for is measured by that spec instead."""
    items = []
    stated = {s.quantity for s in specs}
    for check in function:
        if isinstance(check, Spec):
            if check.quantity not in stated:
                items.append(spec_item(check, *measure(check, netlist, output, input_node, timeout, settle)))
            continue
        # ({meter}: the source the output current is measured through, the 0 V ammeter or the output's holder)
        control = check.control.replace("{out}", output).replace("{inp}", input_node or "in").replace(
            "{meter}", _ammeter(netlist, output) or "V9")
        if "{tran}" in control:  # the family's own transient; {from}: its last fifth
            if not (tran := _TRAN.search(netlist)) or (stop := parse_number(tran[2])) is None:
                items.append(CheckItem(check.what, FAIL, "no transient to measure it on"))
                continue
            control = control.replace("{tran}", f"tran {tran[1]} {tran[2]}").replace(
                "{from}", f"{0.8 * stop:g}").replace("{half}", f"{0.5 * stop:g}").replace("{stop}", f"{stop:g}")
        result = runner.run(netlist, control=control + "\nprint result", timeout=timeout)
        value = result.values.get("result") if result.ok else None
        if value is None or not math.isfinite(value):
            why = (result.errors[0].message if result.errors else "; ".join(result.refused)) or "no result"
            items.append(CheckItem(check.what, FAIL, f"could not be measured ({why})"))
        else:
            ok = check.low <= value <= check.high
            items.append(CheckItem(check.what, PASS if ok else FAIL,
                                   f"measured {value:.4g}, expected {check.low:g} to {check.high:g}"))
    return items


def spec_item(spec: Spec, value: float | None, how: str) -> CheckItem:
    if value is None:
        return CheckItem(spec.text, UNCHECKED if how.startswith("no measurement") else FAIL, how)
    if spec.quantity == "gain" and spec.bound and spec.target < 0:
        # "gain at least -8" is said of a size with its sign (|gain| 8 or more, inverting): on the number line a
        # gain of -5 is above -8, and a stage with a third too little gain was verified
        size = -spec.target
        ok = value < 0 and (-value >= size if spec.bound == "min" else -value <= size)
        side = "at least" if spec.bound == "min" else "at most"
        return CheckItem(spec.text, PASS if ok else FAIL,
                         f"measured {value:.4g} ({how}), target an inverting gain of size {side} {size:g}")
    absolute = spec.quantity in ABSOLUTE  # (a tolerance in dB or degrees, not a share)
    error = abs(value - spec.target) if absolute else abs(value - spec.target) / max(abs(spec.target), 1e-30)
    # A ripple is a bound: at most the target, its tolerance the slack; a bound the request states ("at least
    # 40 dB", "under 1 V") holds exactly, with no slack on its side (design.aimed designs inside it).
    bound = "max" if spec.quantity == "ripple" else spec.bound
    decibels = spec.quantity in DECIBELS
    slack = 0.0 if spec.bound else spec.tolerance if absolute else spec.tolerance * abs(spec.target)
    ok = value <= spec.target + slack if bound == "max" else value >= spec.target - slack if bound == "min" \
        else error <= spec.tolerance
    shown = f"{value:.4g}" if spec.quantity in PLAIN else format_eng(value)
    tolerance = {"max": "at most", "min": "at least"}[bound] if bound else \
        f"±{spec.tolerance:g} dB" if decibels else f"±{spec.tolerance:g} degrees" if absolute \
        else f"±{spec.tolerance:.0%}"
    return CheckItem(spec.text, PASS if ok else FAIL, f"measured {shown} ({how}), target {spec.describe()} {tolerance}")


def lines(items: list[CheckItem], assumptions: list[str]) -> list[str]:
    """Human-readable lines: one per check, then the assumptions."""
    mark = {PASS: "✓", FAIL: "✗", UNCHECKED: "?"}
    out = [f"{mark[i.status]} {i.what}" + (f": {i.detail}" if i.detail else "") for i in items]
    return out + [f"assumed: {a}" for a in assumptions]


# A node's level the request states as a share of the supply ("a mid-rail point at node m", "node r at a third
# of the 9 V supply"): read by no spec, so measured here at the operating point.
_SHARE = re.compile(r"\b(?:(?P<mid>mid[- ]?(?:rail|supply|point)|half[- ]?(?:of\s+)?(?:the\s+)?(?:supply|rail)|"
                    r"halfway)|(?:one\s+|an?\s+)?(?P<part>third|quarter)\s+of\s+the\b)", re.IGNORECASE)
_SHARE_NODE = re.compile(r"\bnode\s+(?P<n>[a-z_]\w*)\b")
_SUPPLY = re.compile(r"(?P<v>\d*\.?\d+)\s*V\s+(?:dc\s+)?(?:supply|rail|battery|source)\b|"
                     r"\b(?:supply|rail|battery)\s+(?:of\s+)?(?P<w>\d*\.?\d+)\s*V\b|\bv(?:cc|dd)\s*=\s*(?P<x>\d*\.?\d+)",
                     re.IGNORECASE)


def stated_levels(description: str, netlist: str, timeout: float = 10.0) -> list[CheckItem]:
    """Each node the request places at a share of its supply, measured at the operating point (±1 %
    of the supply): a node said to be mid-rail but driven by the supply itself is never verified."""
    items = []
    for clause in re.split(r"[.;](?:\s|$)", description):
        share = _SHARE.search(clause)
        node = _SHARE_NODE.search(clause)
        if share is None or node is None:
            continue
        fraction = 0.5 if share["mid"] else {"third": 1 / 3, "quarter": 0.25}[share["part"].lower()]
        said = _SUPPLY.search(clause) or _SUPPLY.search(description)
        supply = parse_number(next(v for v in said.groups() if v)) if said else _largest_supply(netlist)
        what = f"node {node['n']} at {share[0].removesuffix(' of the')} of the supply"
        if supply is None:
            items.append(CheckItem(what, UNCHECKED, "no supply level to take the share of"))
            continue
        result = runner.run(netlist, control=f"op\nlet result = v({node['n']})\nprint result", timeout=timeout)
        value = result.values.get("result") if result.ok else None
        want = fraction * supply
        if value is None or not math.isfinite(value):
            items.append(CheckItem(what, FAIL, f"v({node['n']}) could not be measured"))
        else:
            ok = abs(value - want) <= 0.01 * abs(supply)
            items.append(CheckItem(what, PASS if ok else FAIL, f"measured {format_eng(value)}V at the operating "
                                                               f"point, expected {format_eng(want)}V"))
    return items


# A question the request asks ("What DC do I get?", "Gain at 10 kHz?", "what's the output voltage?") is a
# measurement to report, not a spec: its answer is measured on the circuit and stated; it passes when measured.
_ASKS_LEVEL = re.compile(r"\b(?:what|which)(?:'s|\s+is|\s+will\s+be|\s+do\s+(?:i|we|you)\s+get\s+for)?\s+(?:the\s+)?"
                         r"(?:dc|average|mean|output|steady|resulting|final)(?:\s+(?:dc|output))?"
                         r"(?:\s+(?:level|voltage|value|volts))?\b"
                         r"|\bhow\s+(?:many\s+volts|much\s+(?:dc|voltage))\b", re.IGNORECASE)
_ASKS_GAIN = re.compile(r"\b(?:what(?:'s|\s+is)?|how\s+much)\s+(?:the\s+|its\s+)?(?:voltage\s+)?gain\b"
                        r"|^\s*(?:and\s+|the\s+|its\s+)?(?:voltage\s+)?gain\b", re.IGNORECASE)  # "Gain at 10 kHz?"
_ASKED_AT = re.compile(r"\bat\s+(?P<f>\d+(?:\.\d+)?\s*(?:[kKM]|meg)?Hz)\b", re.IGNORECASE)


def asked(description: str, netlist: str, output: str, input_node: str | None, timeout: float = 10.0,
          settle: tuple[float, float] | None = None) -> list[CheckItem]:
    """Each question of the request about the output's level or the gain, answered by a measurement: the level is
    the output's average over the transient's last fifth (else its operating point), the gain v(out)/v(in) at the
    frequency the question names (else 1 kHz)."""
    items = []
    if settle is None and (tran := _TRAN.search(netlist)):  # a level asked of a run in time: its settled average
        step, stop = parse_number(tran[1]), parse_number(tran[2])
        settle = (step, stop) if step is not None and stop is not None else None
    for question in re.findall(r"[^.;!?]*\?", description):
        if _ASKS_LEVEL.search(question):
            spec = Spec(question.strip(), "vout", 1.0)
        elif _ASKS_GAIN.search(question) and input_node:
            at = _ASKED_AT.search(question)
            spec = Spec(question.strip(), "gain", -1.0, at=parse_number(at["f"].replace(" ", "")[:-2]) if at else None)
        else:
            continue
        value, how = measure(spec, netlist, output, input_node, timeout, settle, description)
        unit = "V" if spec.quantity == "vout" else ""
        items.append(CheckItem(spec.text, UNCHECKED, f"not answered: {how}") if value is None else
                     CheckItem(spec.text, PASS, f"answered: measured {value:.4g}{unit} ({how})"))
    return items


def _largest_supply(netlist: str) -> float | None:
    statements = parse(netlist).netlist.statements
    params = {p.name.lower(): v for p in statements if isinstance(p, m.ParamDef)
              if (v := parse_number(p.value)) is not None}
    levels = [abs(level) for st in statements if isinstance(st, m.Element)
              and st.name[0].upper() == "V" and (level := reading.source_level(st, "dc", params)) is not None]
    return max(levels) if levels else None
