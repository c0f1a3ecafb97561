"""CMOS logic: NOR, XOR/XNOR, AND/OR (NAND/NOR and an inverter; each also by its two-input cell name,
"NOR2"), a transmission gate, a tri-state buffer, SR and D latches and a master-slave D flip-flop built from
CMOS gates; each driven by input pulses in a transient (1.8 V, 180 nm level-1 devices, 10 fF loads, as the
first catalog's inverter and NAND).
"""
from __future__ import annotations

import re
from typing import Any

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.drives import (
    Inputs,
    follows,
    gate_sources,
    logic_high,
    logic_inputs,
    source,
    span,
    stated_steps,
    volts,
)
from spice_lsp.generation.families import Family, gate_function, logic_table, register, used
from spice_lsp.generation.intent import Value
from spice_lsp.generation.recipes.words import TIME, seconds, word
from spice_lsp.generation.request import read_request
from spice_lsp.generation.templates import _Filler, _mos_device, _mos_model
from spice_lsp.language.units import format_eng, parse_number

A = "PULSE(0 {vdd} 0 100p 100p 5n 10n)"  # input a: 10 ns period
B = "PULSE(0 {vdd} 0 100p 100p 10n 20n)"  # input b: 20 ns period, so a and b take all four combinations


class _Gates:
    """Static CMOS gates as transistor lines, numbered in order."""

    def __init__(self, f: _Filler) -> None:
        self.f = f
        self.lines: list[str] = []

    def _m(self, pol: str, d: str, g: str, s: str) -> None:
        name = f"M{len(self.lines) + 1}"
        body = "vdd" if pol == "p" else "0"
        self.lines.append(_mos_device(self.f, pol, d, g, s, body, name, 2e-6 if pol == "p" else 1e-6, 180e-9))

    def inv(self, a: str, y: str) -> None:
        self._m("p", y, a, "vdd")
        self._m("n", y, a, "0")

    def nand(self, a: str, b: str, y: str) -> None:
        self._m("p", y, a, "vdd")
        self._m("p", y, b, "vdd")
        self._m("n", y, a, f"{y}_n")
        self._m("n", f"{y}_n", b, "0")

    def tg(self, a: str, b: str, on: str, off: str) -> None:
        """A transmission gate between a and b, closed while `on` is high (`off` its complement)."""
        self._m("n", a, on, b)
        self._m("p", a, off, b)

    def nor(self, a: str, b: str, y: str) -> None:
        self._m("p", f"{y}_p", a, "vdd")
        self._m("p", y, b, f"{y}_p")
        self._m("n", y, a, "0")
        self._m("n", y, b, "0")


def _circuit(f: _Filler, sources: list[str], build, loads: tuple[str, ...] = ("out",)) -> str:
    g = _Gates(f)
    build(g)
    cl = f("CL", 10e-15, "C")
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 1.8)}", *sources, *g.lines,
                      *(f"C{i + 1} {node} 0 {cl}" for i, node in enumerate(loads))])


def _two_inputs(f: _Filler, build) -> str:
    """A two-input gate on the request's input names, each driven as the request states (else by the family's
    pulses, which take all four combinations); `build(g, a, b)` places its transistors."""
    inputs, sources = gate_sources(f, (A, B))
    return _circuit(f, sources, lambda g: build(g, *inputs.names))


def _xor(g: _Gates, a: str, b: str, invert: bool) -> None:
    # Four NANDs: x1 = !(a b); out = !( !(a x1) !(b x1) ) = a xor b. XNOR adds an inverter. (Inner nodes are
    # named so no input's name meets them.)
    g.nand(a, b, "x_1")
    g.nand(a, "x_1", "x_2")
    g.nand(b, "x_1", "x_3")
    if invert:
        g.nand("x_2", "x_3", "x_4")
        g.inv("x_4", "out")
    else:
        g.nand("x_2", "x_3", "out")


# "the control ctl", "enable en", "gate signal g", "select sel": the control's name; "complement at ctlb",
# "enb (its complement)": the complement's (else en and enb).
_CONTROL_NAME = re.compile(r"\b(?:control(?:\s+(?:input|signal|node|line))?|enable(?:\s+(?:input|signal|node))?|select|"
                           r"gate\s+signal)\s+(?:node\s+)?(?!(?:is|at|on|to|and|of|the|high|low|voltage|level)\b)"
                           r"(?P<n>[a-z]\w{0,7})\b(?![(])", re.IGNORECASE)
_COMPLEMENT_NAME = re.compile(r"\b(?:complement(?:ary)?|inverse|inverted\s+control)\s+(?:signal\s+)?"
                              r"(?:is\s+|at\s+|on\s+|node\s+)*(?P<n>[a-z]\w{0,7})\b(?![(])"
                              r"|(?<![\d.]\s)\b(?!(?:high|low|on|off|is|at|and|the|level|voltage)\b)(?P<m>[a-z]\w{0,7})"
                              r"\s*\(\s*(?:its\s+|the\s+)?complement\b",
                              re.IGNORECASE)


_PMOS_GATE = re.compile(r"\bpmos(?:'s)?\s+gates?\s+(?:is\s+)?(?:held\s+|tied\s+)?(?:at|to)\s+(?P<v>\d[\d.]*)\s*V\b",
                        re.IGNORECASE)
# "node tg_en at 5 V (VEN) drives the NMOS gate": the control named by the gate it drives, and its level
_DRIVES_NMOS = re.compile(r"\bnode\s+(?P<n>[a-z]\w*)\s+(?:is\s+)?(?:held\s+)?at\s+(?P<v>[1-9][\d.]*)\s*V\b"
                          r"(?:\s*\([^)]{0,20}\))?\s*,?\s+(?:drives|on|feeds|to)\s+the\s+nmos(?:'s)?\s+gate",
                          re.IGNORECASE)


def _controls(description: str) -> tuple[str, str]:
    """The names of the control and of its complement."""
    on = m["n"].lower() if (m := _CONTROL_NAME.search(description) or _DRIVES_NMOS.search(description)) else "en"
    off = (m["n"] or m["m"]).lower() if (m := _COMPLEMENT_NAME.search(description)) else f"{on}b"
    return on, off


def _gate_period(f: _Filler) -> float:
    """The input sine's period: the enable pulse and the checks are timed in it (200 MHz unless stated)."""
    return 1 / f.number("FREQ", 200e6)


# "passing 1.2 V DC", "a DC input of 0.8 V", "a 1 V DC level at in", "passing a 1 V DC signal": a steady level to
# pass, not a sine.
_DC_LEVEL = re.compile(r"\b(?:pass(?:es|ing)?|carr(?:ies|ying)|input\s+(?:of|at))\s+(?:an?\s+)?(?P<a>[\d.]+)\s*V\s+DC\b"
                       r"|(?P<b>[\d.]+)\s*V\s+DC\s+(?:input|level|signal)|\bDC\s+(?:input|level|signal)\s+(?:of|at)\s+"
                       r"(?P<c>[\d.]+)\s*V\b", re.IGNORECASE)


def _passed_level(description: str) -> float | None:
    if m := _DC_LEVEL.search(description):
        return float(m["a"] or m["b"] or m["c"])
    # "VIN holds in at 2.5 V DC": a steady level the request's own source puts on the input, no wave
    request = read_request(description)
    held = [s.dc for s in request.sources if s.dc is not None and not s.supply and s.sin is None and s.pulse is None
            and (s.node is None or s.node.lower() in (request.input or "in", "in"))]
    return held[0] if len(held) == 1 else None


# "switched on", "turned on", "the NMOS gate at 5 V and the PMOS gate at 0 V": the gate held closed, its devices'
# gates at the rails
_NMOS_GATE = re.compile(r"\bnmos\b(?:[^.;]|\.\d){0,80}?\bgates?\s+(?:is\s+|held\s+|tied\s+)?(?:at|to)\s+"
                        r"(?P<v>[1-9][\d.]*)\s*V\b", re.IGNORECASE)
_SWITCHED_ON = re.compile(r"\b(?:switched|turned|held|biased|always)\s+(?:fully\s+)?on\b|\bin\s+its\s+on[- ]state\b"
                          r"|\b(?:gate|switch)\s+is\s+(?:fully\s+)?on\b"  # "the gate is on: ..."
                          + "|" + _NMOS_GATE.pattern, re.IGNORECASE)


def _held(f: _Filler) -> tuple[str, str, float | None, float | None]:
    """The control's and complement's names and the DC levels the request holds them at (None: not held); a gate
    "switched on" with no control named is held with the control at the supply and its complement at ground."""
    on, off = _controls(f.intent.description)
    steps = stated_steps(f.intent.description, [on, off], held_when=True)
    high = logic_high(f.intent.description, f.number("VDD", 1.8))
    held = [volts(steps[n][0][1], high) if n in steps and len(steps[n]) == 1 else None for n in (on, off)]
    if held[0] is not None and held[1] is None and (pmos := _PMOS_GATE.search(f.intent.description)):
        held[1] = float(pmos["v"])  # "and the PMOS gate is held at 0 V": the complement held, no inverter's
    if held == [None, None] and not _CONTROL_NAME.search(f.intent.description) \
            and _SWITCHED_ON.search(f.intent.description):
        gate = _NMOS_GATE.search(f.intent.description) or _DRIVES_NMOS.search(f.intent.description)
        return on, off, float(gate["v"]) if gate else high, 0.0
    return on, off, held[0], held[1]


def _transmission_gate(f: _Filler) -> str:
    # An NMOS and a PMOS in parallel, gated by the control and its complement (on the names the request gives
    # them): passes the whole 0..VDD range when the control is high, isolates out (held by R1 to VDD/2, or the
    # stated load to ground) when it is low. The control is high from 2 to 6 periods of the sine, every 8, unless
    # the request holds it; the complement is the request's level when it holds it, else an inverter's output.
    # A stated DC level is passed in place of the sine.
    on, off, held, held_off = _held(f)
    level = _passed_level(f.intent.description)
    supply = f.supply("vdd", held if held else 1.8)
    g = _Gates(f)
    if held_off is not None:
        g.lines.append(f"V5 {off} 0 DC {held_off:g}")
    else:
        g.inv(on, off)
    for said in list(f.intent.values.values()):  # the levels the reader gave a role are these
        if said.unit == "V" and said.role != "VDD" and said.value in (held_off, level):
            f.given(said.role, said.value)
    # Into a stated load the switch is sized so its on-resistance is a twentieth of the load or less (a fiftieth at
    # a stated DC level): at the top of the range the PMOS alone, fully on, Ron = L/(kp W (VDD - |VT|)); at the DC
    # level, or mid-supply where a sine's worst point is, both conduct, each with the overdrive it has there
    # (0.85 V thresholds: the body effect included).
    vdd, wide = held if held else f.number("VDD", 1.8), 1.0
    if "RL" in f.intent.values:
        rl, top = f.number("RL", 10e3), max(vdd - 0.7, 0.3)
        at, share = (level, 50) if level is not None else (vdd / 2, 20)
        conductance = (110e-6 * max(vdd - at - 0.85, 0) + 50e-6 * 2 * max(at - 0.85, 0)) * 1e-6 / 180e-9
        wide = max(1.0, 20 * 180e-9 / (rl * 50e-6 * top) / 2e-6, share / rl / conductance if conductance else 1.0)
    g.lines += [_mos_device(f, "n", "in", on, "out", "0", "M3", float(f"{1e-6 * wide:.2g}"), 180e-9),
                _mos_device(f, "p", "in", off, "out", "vdd", "M4", float(f"{2e-6 * wide:.2g}"), 180e-9)]
    if level is not None:
        signal = f"V2 in 0 DC {level:g}"
    else:
        amplitude = f("VIN", 0.9) if "VIN" in f.intent.values else "{vdd/2}"
        signal = f"V2 in 0 SIN({{vdd/2}} {amplitude} {f('FREQ', 200e6)})"
    if held is not None:
        enable = f"V3 {on} 0 DC {held:g}"
    else:
        t = _gate_period(f)
        enable = f"V3 {on} 0 PULSE(0 {{vdd}} {format_eng(2 * t)} 100p 100p {format_eng(4 * t)} {format_eng(8 * t)})"
    if level is None or held is None:
        f.tran = (_gate_period(f) / 500, 8 * _gate_period(f))
    load = [f"R1 out 0 {f('RL', 10e3)}"] if "RL" in f.intent.values else ["V4 half 0 DC {vdd/2}", "R1 out half 100k"]
    return "\n".join([f"V1 vdd 0 DC {supply}", signal, enable, *g.lines, *load,
                      f"C1 out 0 {f('CL', 10e-15, 'C')}"])


def _tristate(f: _Filler) -> str:
    # An inverter, then a tri-state inverter (series PMOS/NMOS switched by enb/en): out follows
    # in while en is high and floats (R1 pulls it to VDD/2) while en is low.
    g = _Gates(f)
    g.inv("in", "inb")
    g.inv("en", "enb")
    g.lines += [_mos_device(f, "p", "p1", "enb", "vdd", "vdd", "M5", 2e-6, 180e-9),
                _mos_device(f, "p", "out", "inb", "p1", "vdd", "M6", 2e-6, 180e-9),
                _mos_device(f, "n", "out", "inb", "n1", "0", "M7", 1e-6, 180e-9),
                _mos_device(f, "n", "n1", "en", "0", "0", "M8", 1e-6, 180e-9)]
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 1.8)}", f"V2 in 0 {A}",
                      "V3 en 0 PULSE(0 {vdd} 0 100p 100p 20n 40n)", *g.lines,
                      "V4 half 0 DC {vdd/2}", "R1 out half 100k", f"C1 out 0 {f('CL', 10e-15, 'C')}"])


# "a 5 ns set pulse on s at 10 ns": one pulse, its width and start, on a node.
_PULSE_ON = re.compile(rf"(?:(?P<width>{TIME})\s+)?(?:\w+\s+)?pulse\s+on\s+(?P<node>\w+)\s+at\s+(?P<at>{TIME})",
                       re.IGNORECASE)
# "s pulses high from 2 ns to 4 ns", "a high pulse on r from 12 ns to 14 ns": one pulse, its start and end.
_PULSE_SPAN = re.compile(rf"\b(?:(?P<node>\w+)\s+pulses\s+high|(?:high\s+)?pulse\s+on\s+(?P<node2>\w+))\s+"
                         rf"(?:from|between)\s+(?P<a>{TIME})\s+(?:to|and|until)\s+(?P<b>{TIME})", re.IGNORECASE)


def _set_reset(f: _Filler) -> tuple[tuple[float, float], tuple[float, float], bool]:
    """(start, width) of the set pulse on s and the reset pulse on r, in seconds, and whether the
    request states them (one pulse each) rather than the family's repeating 40 ns pair."""
    stated = {m["node"].lower(): (seconds(m["at"]), seconds(m["width"]) if m["width"] else 3e-9)
              for m in _PULSE_ON.finditer(f.intent.description)}
    stated |= {(m["node"] or m["node2"]).lower(): (seconds(m["a"]), seconds(m["b"]) - seconds(m["a"]))
               for m in _PULSE_SPAN.finditer(f.intent.description) if seconds(m["b"]) > seconds(m["a"])}
    if "s" in stated and "r" in stated:
        return stated["s"], stated["r"], True
    return (5e-9, 3e-9), (25e-9, 3e-9), False


def _sr_latch(f: _Filler) -> str:
    # Cross-coupled NORs: s sets q high, r resets it; with both low the latch holds.
    def build(g: _Gates) -> None:
        g.nor("r", "qb", "q")
        g.nor("s", "q", "qb")
    (ts, ws), (tr, wr), once = _set_reset(f)
    period = "1" if once else "40n"
    ts_, ws_, tr_, wr_ = map(format_eng, (ts, ws, tr, wr))
    sources = [f"V2 s 0 PULSE(0 {{vdd}} {ts_} 100p 100p {ws_} {period})",
               f"V3 r 0 PULSE(0 {{vdd}} {tr_} 100p 100p {wr_} {period})"]
    if _PULSE_SPAN.search(f.intent.description):  # said by their start and end: a PWL has both times
        high = f.number("VDD", 1.8)
        sources = [source(name, node, ((0.0, 0.0), (t, None), (t + w, 0.0)), high)
                   for name, node, t, w in (("V2", "s", ts, ws), ("V3", "r", tr, wr))]
        said = (ts, ts + ws, tr, tr + wr)  # the times, which the PWLs place
        f.intent.extra_values[:] = [x for x in f.intent.extra_values
                                    if not (x.unit == "s" and any(abs(x.value - t) <= 1e-6 * t for t in said))]
    return _circuit(f, sources, build, ("q", "qb")) + "\n.ic v(q)=0 v(qb)={vdd}"


def _sets_holds_resets(f: _Filler) -> list:
    """Q low before the set pulse, high after it until the reset pulse, low after that (ns)."""
    (ts, ws), (tr, wr), _ = _set_reset(f)
    times = {ts / 2: False, ts + ws + 2e-9: True, (ts + ws + tr) / 2: True, tr + wr + 2e-9: False}
    return [logic_table({t * 1e9: want for t, want in times.items()}, used(f, "VDD"), "set, held, reset")]


def _d_latch(f: _Filler) -> str:
    # Gated D latch: NANDs steer d into the cross-coupled NAND pair while en is high
    # (transparent); when en falls, out (Q) holds the last d.
    def build(g: _Gates) -> None:
        g.inv("d", "db")
        g.nand("d", "en", "sb")
        g.nand("db", "en", "rb")
        g.nand("sb", "qb", "out")
        g.nand("rb", "out", "qb")
    return _circuit(f, ["V2 d 0 PULSE(0 {vdd} 3n 100p 100p 12n 24n)",
                        "V3 en 0 PULSE(0 {vdd} 0 100p 100p 4n 10n)"], build, ("out", "qb")) \
        + "\n.ic v(out)=0 v(qb)={vdd}"


def _latch(g: _Gates, d: str, en: str, q: str, qb: str) -> None:
    """A gated D latch of NANDs: q follows d while en is high and holds it while en is low."""
    g.inv(d, f"{q}_db")
    g.nand(d, en, f"{q}_sb")
    g.nand(f"{q}_db", en, f"{q}_rb")
    g.nand(f"{q}_sb", qb, q)
    g.nand(f"{q}_rb", q, qb)


def _tg_latch(g: _Gates, d: str, en: str, enb: str, q: str) -> None:
    """A transmission-gate D latch: the input gate passes d to x while en is high; two inverters buffer x to
    q, and the feedback gate closes q back onto x while en is low (the loop holds)."""
    g.tg(d, f"{q}_x", en, enb)
    g.inv(f"{q}_x", f"{q}_xb")
    g.inv(f"{q}_xb", q)
    g.tg(q, f"{q}_x", enb, en)


def _d_flip_flop(f: _Filler) -> str:
    # Master-slave: the master latch is transparent while clk is low, the slave while it is high, so q takes
    # d at each rising edge of clk and holds it in between. clk rises at 5, 15, 25, 35 ns; d is high from
    # 2 to 18 ns and from 34 ns, so q goes 1, stays 1 (d falls while clk is high: the master is closed),
    # stays 1 while clk is low (the slave holds), then 0 at 25 ns and 1 at 35 ns. Latches of NAND gates,
    # or of transmission gates and inverters when the request says so.
    gates = _TRANSMISSION.search(f.intent.description)

    def build(g: _Gates) -> None:
        g.inv("clk", "clkb")
        if gates:
            _tg_latch(g, "d", "clkb", "clk", "qm")
            _tg_latch(g, "qm", "clk", "clkb", "q")
        else:
            _latch(g, "d", "clkb", "qm", "qmb")
            _latch(g, "qm", "clk", "q", "qb")
    start = "v(q)=0 v(q_x)=0 v(qm)=0 v(qm_x)=0" if gates else "v(q)=0 v(qb)={vdd} v(qm)=0 v(qmb)={vdd}"
    return _circuit(f, ["V2 d 0 PULSE(0 {vdd} 2n 100p 100p 16n 32n)", "V3 clk 0 PULSE(0 {vdd} 5n 100p 100p 5n 10n)"],
                    build, ("q",)) + f"\n.ic {start}"


_TRANSMISSION = re.compile(r"transmission[- ]gates?|pass[- ]gates?|\btgs?\b", re.IGNORECASE)


def _jk_flip_flop(f: _Filler) -> str:
    # The D flip-flop fed D = J !Q + !K Q (three NANDs and an inverter), so each rising clock edge sets (J only),
    # resets (K only), holds (neither) or toggles (both). clk rises at 5, 15, 25, 35, 45 ns; J is high until 10 ns
    # and from 30 ns, K from 20 ns: q goes 1 (set), holds 1, 0 (reset), 1 and 0 (toggles).
    def build(g: _Gates) -> None:
        g.inv("k", "kb")
        g.nand("j", "qb", "jq_1")
        g.nand("kb", "q", "jq_2")
        g.nand("jq_1", "jq_2", "d")
        g.inv("clk", "clkb")
        _latch(g, "d", "clkb", "qm", "qmb")
        _latch(g, "qm", "clk", "q", "qb")
    f.tran = (10e-12, 50e-9)
    return _circuit(f, ["V2 j 0 PWL(0 {vdd} 10n {vdd} 10.1n 0 30n 0 30.1n {vdd})", "V3 k 0 PWL(0 0 20n 0 20.1n {vdd})",
                        "V4 clk 0 PULSE(0 {vdd} 5n 100p 100p 5n 10n)"], build, ("q",)) \
        + "\n.ic v(q)=0 v(qb)={vdd} v(qm)=0 v(qmb)={vdd}"


def _table(*outputs: bool) -> Any:  # (11, 01, 10, 00)
    """The gate's function: its output while its inputs take 11, 01, 10, 00 (A and B's pulses, or the levels
    the request states)."""
    return lambda f: [gate_function(f, (outputs[0], outputs[1], outputs[2], outputs[3]))]


def _passes(f: _Filler) -> list:
    if (level := _passed_level(f.intent.description)) is not None:  # a held gate passing a DC level
        if {"RL", "R"} & set(f.intent.values):  # into a stated load its on-resistance drops a share of it
            return [Probe(f"function: conducts the {level:g} V level into the load while en is high (above half)",
                          "op\nlet result = v({out})", 0.5 * level, 1.01 * level)]
        return [Probe(f"function: passes the {level:g} V level while en is high (within 5 %)",
                      "op\nlet result = v({out})", 0.95 * level, 1.01 * level)]
    vdd, t = used(f, "VDD"), _gate_period(f)
    swing = 2 * used(f, "VIN") if "VIN" in f.intent.values else vdd
    if _held(f)[2] is not None:  # held on: the sine over the run's second half, however long the request runs it
        return [Probe("function: passes the whole sine while the control is held high",
                      "{tran}\nmeas tran result pp v({out}) from={half} to={stop}", 0.8 * swing, 1.05 * swing)]
    passes = Probe("function: passes the whole sine while en is high",
                   f"{{tran}}\nmeas tran result pp v({{out}}) from={2.4 * t:g} to={5.6 * t:g}",
                   0.8 * swing, 1.05 * swing)
    return [passes, Probe("function: isolates out while en is low",
                          f"{{tran}}\nmeas tran result pp v({{out}}) from={6.6 * t:g} to={8 * t:g}", 0, 0.2 * vdd)]


def _tristate_function(f: _Filler) -> list:
    vdd = used(f, "VDD")
    return [logic_table({2.5: True, 7.5: False, 12.5: True, 17.5: False}, vdd),
            Probe("function: out floats (pulled to VDD/2) while en is low",
                  f"{{tran}}\nmeas tran x find v({{out}}) at=27.5n\nlet result = abs(x-{vdd / 2:g})", 0, 0.15 * vdd)]


_LOGIC: dict[str, Any] = {"analysis": "tran", "tran": ("10p", "40n"), "source": "V2", "mos": True, "transient": 40e-9}
register(Family(kind="cmos_nor", function=_table(False, False, False, True), summary="CMOS NOR gate",
                build=lambda f: _two_inputs(f, lambda g, a, b: g.nor(a, b, "out")),
                names=("CMOS NOR gate", "two-input NOR gate", "NOR gate", "2-input CMOS NOR"),
                rules=((4.1, (rf"{word('nor')}2?\b",)),), **_LOGIC))
register(Family(kind="cmos_xor", function=_table(False, True, True, False), summary="CMOS XOR gate",
                build=lambda f: _two_inputs(f, lambda g, a, b: _xor(g, a, b, False)),
                names=("CMOS XOR gate", "XOR gate", "exclusive-OR gate", "two-input XOR"),
                rules=((4.2, (rf"{word('xor')}2?\b|exclusive[- ]or(?:\s+gate)?",)),), **_LOGIC))
register(Family(kind="cmos_xnor", function=_table(True, False, False, True), summary="CMOS XNOR gate",
                build=lambda f: _two_inputs(f, lambda g, a, b: _xor(g, a, b, True)),
                names=("CMOS XNOR gate", "XNOR gate", "exclusive-NOR gate", "equivalence gate"),
                rules=((4.05, (rf"{word('xnor')}2?\b|exclusive[- ]nor(?:\s+gate)?|equivalence gate",)),), **_LOGIC))


def _and(g: _Gates, a: str, b: str) -> None:
    g.nand(a, b, "x_1")
    g.inv("x_1", "out")


def _or(g: _Gates, a: str, b: str) -> None:
    g.nor(a, b, "x_1")
    g.inv("x_1", "out")


register(Family(kind="cmos_and", function=_table(True, False, False, False), summary="CMOS AND gate",
                build=lambda f: _two_inputs(f, _and),
                names=("CMOS AND gate", "two-input AND gate", "AND gate", "2-input AND gate in CMOS"),
                rules=((4.3, (rf"{word('and')}\s+gate\b|{word('and')}2\b",)),), **_LOGIC))
register(Family(kind="cmos_or", function=_table(True, True, True, False), summary="CMOS OR gate",
                build=lambda f: _two_inputs(f, _or),
                names=("CMOS OR gate", "two-input OR gate", "OR gate", "2-input OR gate in CMOS"),
                rules=((4.35, (rf"{word('or')}\s+gate\b|{word('or')}2\b",)),), **_LOGIC))
register(Family(kind="transmission_gate", function=_passes, summary="CMOS transmission gate",
                build=_transmission_gate,
                names=("CMOS transmission gate", "transmission gate", "CMOS analog switch", "pass gate"),
                rules=((4.4, (rf"transmission\s+gate|{word('pass')}\s+gate|analog\s+switch",)),), **_LOGIC))
# --- inverters in series: a chain (a buffer when their count is even) ---------------------------------------------

_HOW_MANY = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_COUNT = r"(?:\d+|" + "|".join(_HOW_MANY) + r")"
# "two CMOS inverters in series", "a chain of three inverters", "4 cascaded inverters", "a CMOS buffer"
_CHAIN = re.compile(rf"\b(?:chain|string|cascade)\s+of\s+(?P<n>{_COUNT})\s+(?:static\s+)?(?:cmos\s+)?inverters\b"
                    rf"|\b(?P<m>{_COUNT})[\s-]+(?:stage\s+)?(?:(?:cascaded|series|static|cmos)\s+)*inverters\b"
                    r"|\b(?P<buffer>(?:cmos|digital|logic)\s+(?:non[- ]?inverting\s+)?buffer)\b", re.IGNORECASE)
# "middle node mid", "the node between them (x1)", "inter-stage node y": the first stage's output
_MIDDLE = re.compile(r"\b(?:middle|intermediate|inter[- ]?stage|internal)\s+node\s+(?:is\s+)?(?:called\s+|named\s+)?"
                     r"(?P<n>[a-z]\w*)|\bnode\s+between\s+them\s*\(?\s*(?:called\s+|named\s+)?(?P<m>[a-z]\w*)",
                     re.IGNORECASE)


def chain_length(text: str) -> int:
    """How many inverters the request puts in series (a buffer: two)."""
    if (m := _CHAIN.search(text)) is None or m["buffer"]:
        return 2
    said = m["n"] or m["m"]
    return min(max(int(said) if said.isdigit() else _HOW_MANY[said.lower()], 2), 8)


def _chain(f: _Filler) -> str:
    n = chain_length(f.intent.description)
    inputs, sources = gate_sources(f, (A,), ("in",))
    said = _MIDDLE.search(f.intent.description)
    middle = (said["n"] or said["m"]).lower() if said else "n1"
    first = inputs.names[0]
    if first == middle:  # the middle node's name, which the input reader took for the input's: the input is in
        first, sources = "in", [re.sub(rf"^(\S+) {middle} ", r"\1 in ", line) for line in sources]
    # stage k drives node n(k) (the last one out); the first stage's output may be named in the request
    nodes = [middle if k == 1 else f"n{k}" for k in range(1, n)] + ["out"]
    g = _Gates(f)
    for a, y in zip([first, *nodes], nodes):
        g.inv(a, y)
    cl = f("CL", 10e-15, "C")
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 1.8)}", *sources, f"* {n} inverters in series", *g.lines,
                      f"C1 out 0 {cl}"])


def _chain_function(f: _Filler) -> list:
    """Even: out follows the input; odd: out is its complement. At the stated levels when stated, else on the DC
    transfer curve's ends."""
    even = chain_length(f.intent.description) % 2 == 0
    inputs = logic_inputs(f.intent.description, ("in",))
    high = logic_high(f.intent.description, used(f, "VDD"))
    if inputs.stated:
        return [follows(lambda a: a if even else not a, inputs.names, inputs.steps, high)]
    # (even: low at 0 V in and high at the supply; odd: the other way round)
    at_low, at_high = ("gt 0.1", "lt 0.9") if even else ("lt 0.9", "gt 0.1")
    return [Probe(f"function: its output {'follows' if even else 'inverts'} the input (wrong ends: 0 expected)",
                  f"dc {{src}} 0 {1.02 * high:g} {high / 100:g}\nmeas dc lo find v({{out}}) at=0\n"
                  f"meas dc hi find v({{out}}) at={high:g}\n"
                  f"let result = (lo {at_low}*{high:g}) + (hi {at_high}*{high:g})", 0, 0)]


register(Family(kind="inverter_chain", function=_chain_function,
                summary="CMOS inverters in series (a logic buffer when their count is even)",
                build=_chain,
                names=("chain of two CMOS inverters", "CMOS buffer", "two cascaded CMOS inverters",
                       "chain of three CMOS inverters"),
                # (below the single inverter's 5; a ring, a latch, an RC oscillator or a level shifter of inverters
                # have lower ranks and stay theirs)
                rules=((4.95, (_CHAIN.pattern, r"^(?![\s\S]*\b(?:ring|oscillat\w*|tri[- ]?state)\b)")),),
                ports=(("stage", (*(f"n{k}" for k in range(1, 8)), "out")),), **_LOGIC))
register(Family(kind="tristate_buffer", function=_tristate_function, summary="CMOS tri-state buffer",
                build=_tristate,
                names=("tri-state buffer", "CMOS tri-state buffer", "three-state buffer", "tristate output driver"),
                rules=((4.45, (r"tri[- ]?state|three[- ]state",)),), **_LOGIC))
register(Family(kind="sr_latch", summary="SR latch (cross-coupled CMOS NOR gates)",
                function=_sets_holds_resets,
                build=_sr_latch,
                names=("SR latch", "set-reset latch", "NOR SR latch", "S-R latch from NOR gates"),
                rules=((3.95, (r"latch\b(?![- ]up)",)),
                       (3.96, (r"latch\b", rf"{word('nor')}\b"))),
                **{**_LOGIC, "output": "q"}))
register(Family(kind="d_latch", summary="gated D latch (CMOS NAND gates)",
                function=lambda f: [logic_table({2: False, 12: True, 18: True, 22: False, 28: False, 32: True},
                                                used(f, "VDD"), "follows d while enabled, holds it after")],
                build=_d_latch,
                names=("D latch", "gated D latch", "transparent latch", "level-sensitive D latch"),
                rules=((3.9, (rf"(?:gated\s+)?{word('d')}[- ]latch|gated\s+d\b|transparent\s+latch|"
                              r"d[- ]type\s+latch",)),
                       (3.91, (rf"(?:gated\s+)?{word('d')}[- ]latch|gated\s+d\b", r"\bnand\b"))),
                **_LOGIC))
register(Family(kind="jk_flip_flop", summary="edge-triggered JK flip-flop (a master-slave D flip-flop fed J !Q + !K Q)",
                function=lambda f: [logic_table({3: False, 8: True, 18: True, 28: False, 38: True, 48: False},
                                                used(f, "VDD"), "sets, holds, resets and toggles at the rising clock "
                                                                "edges")],
                build=_jk_flip_flop,
                names=("JK flip-flop", "J-K flip-flop", "edge-triggered JK flip-flop", "master-slave JK flip-flop"),
                rules=((3.84, (r"\bj[- ]?k\b(?:[- ]type)?[- ]*(?:flip[- ]?flop|ff\b|latch)",)),),
                accepts=r"(?:nand\s+)?latch(?:es)?|d\s+flip[- ]?flop",
                **{**_LOGIC, "output": "q", "tran": ("10p", "50n"), "transient": 50e-9}))
register(Family(kind="d_flip_flop", summary="edge-triggered D flip-flop (master-slave CMOS NAND latches)",
                function=lambda f: [logic_table({3: False, 8: True, 18: True, 22: True, 28: False, 38: True},
                                                used(f, "VDD"), "takes d at each rising clock edge, holds it between")],
                build=_d_flip_flop,
                names=("D flip-flop", "edge-triggered D flip-flop", "master-slave D flip-flop", "D-type flip-flop"),
                rules=((3.85, (r"flip[- ]?flop|\bdff\b|edge[- ]triggered\s+(?:d\s+)?latch|master[- ]slave",)),),
                accepts=r"(?:nand\s+)?latch(?:es)?|transmission[- ]gates?|pass[- ]gates?",  # what it is built from
                **{**_LOGIC, "output": "q"}))


# --- complex gates: any AND/OR function of the inputs, as one static CMOS stage ---------------------------
#
# A gate by its code (AOI22, OAI21, AOI211: "and-or-invert" of groups of 2, 2 ...), by its equation
# ("Y = NOT((A OR B) AND (C OR D))", "co = a·b + b·c + a·c"), as an n-input NAND/NOR/AND/OR (n > 2), or as a
# majority / full adder's carry. The function is an expression tree (op, children) over input names; NOT of a
# sum of products is one series-parallel stage (NMOS: AND in series, OR in parallel; PMOS the dual), anything
# else that stage plus an output inverter, and an inverted input its own inverter.

Expr = tuple  # ("var", name) | ("not", e) | ("and", e, e, ...) | ("or", e, e, ...)

_CODE = re.compile(r"\b(?P<kind>aoi|oai)(?P<groups>[1-4]{2,4})\b", re.IGNORECASE)
_N_INPUT = re.compile(r"\b(?:(?P<n>[3-8])|(?P<w>three|four|five|six))[- ]input\s+(?:(?:cmos|static)\s+){0,2}"
                      r"(?P<g>nand|nor|and|or)\b|\b(?P<g2>nand|nor|and|or)(?P<n2>[3-8])\b", re.IGNORECASE)
_COUNT_WORDS = {"three": 3, "four": 4, "five": 5, "six": 6}
_MAJORITY = re.compile(r"\bmajority\b|\bcarry\b", re.IGNORECASE)
_NOT_OPS, _AND_OPS, _OR_OPS = ("not", "!", "~", "¬"), ("and", "·", "*", "&", "∧", "⋅", "•"), ("or", "+", "|", "∨")
# The words that go on with the sentence ("... in CMOS on 3.3 V", "... with a = 1"): never an input ANDed on.
_PROSE = r"(?:in|on|at|of|to|as|is|it|by|for|from|with|the|its|into|via|cmos|gate|then|when|vdd|vcc|gnd|so|use)\b"
_TOKEN = re.compile(rf"\s*(?:(?P<op>(?:not|and|or)\b|[!~¬·*&∧⋅•+|∨()'])|(?!{_PROSE})(?P<name>[a-z][a-z0-9_]{{0,3}})\b)",
                    re.IGNORECASE)
# "y = ...", "out = ...", "Y = !(...)": where an equation starts (its output's name, then "=")
_EQUATION = re.compile(r"(?<![\w.])[a-z][a-z0-9_]{0,5}\s*=\s*(?=(?:not\b|[!~¬(]|[a-z][a-z0-9_]{0,3}\s*(?:[·*&∧⋅•+|∨]|"
                       r"\b(?:and|or)\b)))", re.IGNORECASE)


def _parse(tokens: list[str]) -> tuple[Expr, int] | None:
    """An OR of ANDs of (NOT) factors from `tokens`; juxtaposed factors are ANDed ("a b + c")."""
    def factor(i: int) -> tuple[Expr, int] | None:
        if i >= len(tokens):
            return None
        t = tokens[i].lower()
        if t in _NOT_OPS:
            inner = factor(i + 1)
            return (("not", inner[0]), inner[1]) if inner else None
        if t == "(":
            inner = total(i + 1)
            if inner is None or inner[1] >= len(tokens) or tokens[inner[1]] != ")":
                return None
            e, j = inner[0], inner[1] + 1
        elif re.fullmatch(r"[a-z]\w*", t) and t not in ("and", "or", "not"):
            e, j = ("var", t), i + 1
        else:
            return None
        while j < len(tokens) and tokens[j] == "'":  # a' = NOT a
            e, j = ("not", e), j + 1
        return e, j

    def product(i: int) -> tuple[Expr, int] | None:
        first = factor(i)
        if first is None:
            return None
        terms, j = [first[0]], first[1]
        while j < len(tokens):
            k = j + 1 if tokens[j].lower() in _AND_OPS else j
            nxt = factor(k) if k < len(tokens) and tokens[k].lower() not in _OR_OPS + (")",) else None
            if nxt is None:
                break
            terms.append(nxt[0])
            j = nxt[1]
        return (terms[0] if len(terms) == 1 else ("and", *terms)), j

    def total(i: int) -> tuple[Expr, int] | None:
        first = product(i)
        if first is None:
            return None
        terms, j = [first[0]], first[1]
        while j < len(tokens) and tokens[j].lower() in _OR_OPS:
            nxt = product(j + 1)
            if nxt is None:
                break
            terms.append(nxt[0])
            j = nxt[1]
        return (terms[0] if len(terms) == 1 else ("or", *terms)), j
    return total(0)


def _equation(text: str) -> Expr | None:
    """The gate's function as the request writes it: the longest run of tokens after "name =" that parses."""
    for m in _EQUATION.finditer(text):
        tokens, pos = [], m.end()
        while (t := _TOKEN.match(text, pos)) is not None:
            tokens.append(t["op"] or t["name"])
            pos = t.end()
        for end in range(len(tokens), 0, -1):  # the sentence goes on after the equation: the longest that parses
            parsed = _parse(tokens[:end])
            if parsed is not None and parsed[1] == end and _variables(parsed[0]) and parsed[0][0] != "var":
                return parsed[0]
    return None


def _variables(e: Expr) -> list[str]:
    if e[0] == "var":
        return [e[1]]
    return list(dict.fromkeys(v for child in e[1:] for v in _variables(child)))


def _rename(e: Expr, names: dict[str, str]) -> Expr:
    return ("var", names.get(e[1], e[1])) if e[0] == "var" else (e[0], *(_rename(c, names) for c in e[1:]))


def _evaluate(e: Expr, values: dict[str, bool]) -> bool:
    if e[0] == "var":
        return values[e[1]]
    if e[0] == "not":
        return not _evaluate(e[1], values)
    results = [_evaluate(c, values) for c in e[1:]]
    return all(results) if e[0] == "and" else any(results)


_DEFAULT_INPUTS = ("a", "b", "c", "d", "e", "f", "g", "h")


def complex_function(text: str) -> Expr | None:
    """The function a complex-gate request states, over the family's default input names (or the equation's)."""
    if (equation := _equation(text)) is not None:
        return equation
    letters = iter(_DEFAULT_INPUTS)
    if m := _CODE.search(text):
        groups = [tuple(("var", next(letters)) for _ in range(int(n))) for n in m["groups"]]
        inner, outer = ("and", "or") if m["kind"].lower() == "aoi" else ("or", "and")
        terms = [g[0] if len(g) == 1 else (inner, *g) for g in groups]
        return ("not", (outer, *terms))
    if m := _N_INPUT.search(text):
        n = int(m["n"] or m["n2"] or _COUNT_WORDS[(m["w"] or "").lower()])
        kind = (m["g"] or m["g2"]).lower()
        body = ("and" if "and" in kind else "or", *(("var", next(letters)) for _ in range(n)))
        return ("not", body) if kind.startswith("n") else body
    if _MAJORITY.search(text):  # the carry: a b + cin (a + b), the mirror adder's carry stage
        a, b, c = (("var", n) for n in ("a", "b", "c"))
        return ("or", ("and", a, b), ("and", c, ("or", a, b)))
    return None


# "a = 1.8 V", "c = d = 0", "xb = 0 V", "a = b = 3.3 V", "i1 high": the DC level each input is held at.
def _held_levels(text: str, names: list[str]) -> tuple[dict[str, float | None], list[str]]:
    """The levels (None: the logic high) and the words that state them."""
    found: dict[str, float | None] = {}
    said: list[str] = []
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    for m in re.finditer(rf"(?<![\w.])(?P<names>(?:(?:{alternatives})\s*=\s*)+)(?P<v>\d+(?:\.\d+)?|\.\d+)\s*(?P<u>m?)"
                         rf"(?:V\b)?(?![\w.]*\d)|(?<![\w.])(?P<n2>{alternatives})\s+(?:is\s+|at\s+|held\s+|tied\s+)*"
                         r"(?P<hl>high|low)\b", text, re.IGNORECASE):
        level = (float(m["v"]) * (1e-3 if m["u"] else 1)) if m["v"] else (None if m["hl"].lower() == "high" else 0.0)
        for name in re.findall(rf"(?:{alternatives})(?=\s*=)", m["names"], re.IGNORECASE) if m["names"] else [m["n2"]]:
            found.setdefault(name.lower(), level)
        said.append(m[0].strip())
    if all_held := re.search(r"\ball\s+(?:inputs?\s+|three\s+|four\s+)?(?:are\s+)?(?:tied|held|at|set)?\s*(high|low)\b"
                             r"(?:\s*\(\s*(\d+(?:\.\d+)?)\s*V\s*\))?", text, re.IGNORECASE):
        level = float(all_held[2]) if all_held[2] else (None if all_held[1].lower() == "high" else 0.0)
        found.update({n: level for n in names if n not in found})
        said.append(all_held[0])
    return found, said


def _complex_inputs(f: _Filler) -> tuple[Expr, list[str], Inputs, list[str]]:
    """The function on the request's input names, those names and what the request holds them at."""
    text = f.intent.description
    expression = complex_function(text) or ("not", ("or", ("and", ("var", "a"), ("var", "b")), ("var", "c")))
    own = _variables(expression)
    if _equation(text) is None:  # a code or a count: the request's names for the inputs, in order
        named = logic_inputs(text, own).names
        expression = _rename(expression, dict(zip(own, named)))
        own = list(named)
    held, said = _held_levels(text, own)
    _claim_supply(f, said)
    steps = {**stated_steps(text, own), **{n: ((0.0, v),) for n, v in held.items()}}
    return expression, own, Inputs(tuple(own), steps), said


def _network(g: _Gates, e: Expr, top: str, bottom: str, pol: str, width: float, inverted: dict[str, str]) -> None:
    """e's switch network between top and bottom: NMOS conduct when e is true (AND in series, OR in parallel),
    PMOS when it is false (the dual); a NOT of an input is that input's inverter output."""
    if e[0] in ("var", "not"):
        gate = e[1] if e[0] == "var" else inverted[e[1][1]]
        g.lines.append(_mos_device(g.f, pol, top, gate, bottom, "vdd" if pol == "p" else "0",
                                   f"M{len(g.lines) + 1}", float(f"{width:.3g}"), 180e-9))
        return
    series = (e[0] == "and") == (pol == "n")
    if not series:
        for child in e[1:]:
            _network(g, child, top, bottom, pol, width, inverted)
        return
    nodes = [top, *(f"{top}_{pol}{len(g.lines) + 1}_{k}" for k in range(1, len(e) - 1)), bottom]
    for k, child in enumerate(e[1:]):
        _network(g, child, nodes[k], nodes[k + 1], pol, width * (len(e) - 1), inverted)


def _complex_gate(f: _Filler) -> str:
    expression, names, inputs, said = _complex_inputs(f)
    body = expression[1] if expression[0] == "not" and expression[1][0] != "var" else ("not", expression)
    g = _Gates(f)
    inverted = {}
    for name in _negated(body):  # an inverted input: its own inverter
        inverted[name] = f"{name}_b"
        g.inv(name, inverted[name])
    stage = "out" if body is expression[1] else "x_1"
    if body[0] == "not":  # NOT(NOT(...)): the inner term is the stage's own function
        body = body[1]
    _network(g, body, stage, "0", "n", 1e-6, inverted)
    _network(g, body, "vdd", stage, "p", 2e-6, inverted)
    if stage != "out":
        g.inv(stage, "out")
    count = len(names)
    high = logic_high(f.intent.description, f.number("VDD", 1.8))
    if inputs.stated and (stop := span(inputs.steps)):
        f.tran = (stop / 1000, stop)
    elif inputs.stated:  # every input held: the operating point shows the output
        f.analysis = "op"
    else:
        f.tran = (10e-12, 10e-9 * 2 ** count)
    sources = _input_sources(f, inputs, high)
    held = [f"* inputs held as stated: {', '.join(said)}"] if said else []  # (so the levels read as read)
    return "\n".join([*held, f"V1 vdd 0 DC {f.supply('vdd', high)}", *sources, *g.lines,
                      f"C1 out 0 {f('CL', 10e-15, 'C', 'COUT')}"])


def _negated(e: Expr) -> list[str]:
    if e[0] == "var":
        return []
    if e[0] == "not" and e[1][0] == "var":
        return [e[1][1]]
    return list(dict.fromkeys(n for child in e[1:] for n in _negated(child)))


def _complex_truth(f: _Filler) -> list:
    expression, names, inputs, _ = _complex_inputs(f)
    high = logic_high(f.intent.description, used(f, "VDD"))
    if inputs.stated:
        return [follows(lambda *v: _evaluate(expression, dict(zip(names, v))), names, inputs.steps, high)]
    # input k is high in slot i (10 ns each) while bit k of i is 0
    return [logic_table({10 * i + 5: _evaluate(expression, {n: not (i >> k) & 1 for k, n in enumerate(names)})
                         for i in range(2 ** len(names))}, high)]


register(Family(kind="cmos_complex_gate", summary="static CMOS complex gate, from its name or its equation, in one "
                                                  "stage",
                build=_complex_gate, function=_complex_truth,
                names=("static CMOS AOI22 gate", "AOI22 gate", "OAI21 gate", "OAI22 gate", "three-input NAND gate",
                       "majority gate", "mirror full adder's carry stage"),
                # an AOI21 the request names is that family's (ranked before the looser rules below)
                rules=((5.75, (r"\b(?:aoi(?!21\b)|oai)[1-4]{2,4}\b",)), (5.81, (r"\bcomplex\s+(?:cmos\s+)?gate\b",)),
                       (3.8, (r"\b(?:[3-8]|three|four|five|six)[- ]input\s+(?:(?:cmos|static)\s+){0,2}n?(?:and|or)\b|"
                              r"\bn?(?:and|or)[3-8]\b",)),
                       # the carry alone: a full adder asked with its sum is more than this one stage
                       (3.8, (r"^(?![\s\S]*\bsum\b)[\s\S]*(?:\bmajority\b|\bcarry\b)",
                              r"\bmajority\s+(?:gate|function|circuit|logic)|\badder\b|\bcarry\s+(?:gate|stage)")),
                       (5.82, (r"\b(?:cmos|mosfets?|transistor[- ]level|complex\s+gate|static)\b",
                               r"(?<![\w.])[a-z]\w{0,5}\s*=\s*(?:not\b|[!~¬])\s*\(",))),
                **{**_LOGIC, "tran": ("10p", "80n"), "transient": 80e-9}))


# --- a 2:1 multiplexer of two transmission gates ------------------------------------------------------------

# "select msel", "select input s", "the select line is sel": the select's name (not "the select line" itself)
_SELECT_NAME = re.compile(r"\bselect(?:\s+(?:input|signal|line|node|pin))?\s+(?:is\s+|named\s+|called\s+|node\s+)?"
                          r"(?!(?:line|signal|input|node|pin|is|at|on|to|and|of|the|high|low|between)\b)"
                          r"(?P<n>[a-z]\w{0,7})\b(?![(])", re.IGNORECASE)


def _bare_supply(text: str, said: list[str]) -> Value | None:
    """The supply a gate request states with no word for it ("transmission gates, 1.8 V; ... x1 = 1.8 V"): the one
    level in volts outside the inputs' stated levels and any waveform."""
    for held in said:
        text = text.replace(held, " ")
    found = {m[1]: m for m in re.finditer(r"(?<![=/\w.-])\s?(\d+(?:\.\d+)?)\s*V\b(?!\s*(?:/|pulse|square|step|"
                                          r"amplitude|peak|sine|p-?p))", text, re.IGNORECASE)}
    if len(found) != 1 or re.search(r"=\s*$", text[:next(iter(found.values())).start()]):
        return None
    m = next(iter(found.values()))
    return Value("VDD", float(m[1]), m[0].strip(), "V")


def _claim_supply(f: _Filler, said: list[str]) -> None:
    if "VDD" not in f.intent.values and (supply := _bare_supply(f.intent.description, said)) is not None:
        f.intent.values["VDD"] = supply  # (the pipeline dropped it as the level an input is held at)


def _input_sources(f: _Filler, inputs: Inputs, high: float) -> list[str]:
    """V2, V3 ... on the inputs: the levels the request states, else pulses of 10, 20, 40 ns ... so that every
    combination holds for 10 ns. The stated levels are the values the reader read (roles, unplaced numbers, "two
    values for VIN": levels on several inputs are no second value of one quantity)."""
    levels = {volts(v, high) for steps in inputs.steps.values() for _, v in steps} | {high}
    for value in list(f.intent.values.values()):
        if value.value in levels and value.unit in ("V", "F", "") and value.role != "CL":  # ("c = 0": no capacitor)
            f.given(value.role, value.value)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if not (x.unit in ("V", "") and x.value in levels)]

    def both_levels(warning: str) -> bool:
        said = re.search(r"\((.+) and (.+)\)", warning)
        return said is not None and all(parse_number(x.replace(" ", "")) in levels for x in said.groups())
    f.intent.warnings[:] = [w for w in f.intent.warnings if not (w.startswith("two values for") and both_levels(w))]
    return [source(f"V{k + 2}", n, inputs.steps[n], high) if n in inputs.steps else
            f"V{k + 2} {n} 0 PULSE(0 {{vdd}} 0 100p 100p {10 * 2 ** k}n {20 * 2 ** k}n)"
            for k, n in enumerate(inputs.names)]


# "mx_s high routes mx_a to mx_y", "sel = 0 selects b", "a is passed while s is high": which input a select level passes
_ROUTES = re.compile(r"\b[a-z_]\w*\s+(?:is\s+|=\s*)?(?:(?P<hi>high|1)|low|0)\s+(?:routes|passes|selects|connects|sends|"
                     r"gives|picks|chooses)\s+(?:node\s+)?(?P<n>[a-z_]\w*)"
                     r"|\b(?P<n2>[a-z_]\w*)\s+(?:is\s+)?(?:passed|routed|selected|connected)\s+(?:to\s+\w+\s+)?"
                     r"(?:when|while)\s+[a-z_]\w*\s+is\s+(?:(?P<hi2>high|1)|low|0)\b", re.IGNORECASE)


def _mux_inputs(f: _Filler) -> tuple[list[str], Inputs, list[str]]:
    """The data inputs' and the select's names (d0 passed while the select is low), what the request holds them
    at and the words that say it."""
    text = f.intent.description
    select = m["n"].lower() if (m := _SELECT_NAME.search(text)) else "sel"
    data = [n for n in logic_inputs(text, ("d0", "d1", select)).names if n != select][:2]
    if len(data) == 2 and (route := _ROUTES.search(text)) and select in route[0].lower():
        # ("mx_s high routes mx_a to mx_y, low routes mx_b": the input passed while the select is high is d1)
        routed = (route["n"] or route["n2"]).lower()
        high = bool(route["hi"] or route["hi2"])
        if routed in data and (routed == data[0]) == high:
            data = data[::-1]
    names = [*data, select]
    held, said = _held_levels(text, names)
    _claim_supply(f, said)
    steps = {**stated_steps(text, names), **{n: ((0.0, v),) for n, v in held.items()}}
    return names, Inputs(tuple(names), steps), said


def _mux(f: _Filler) -> str:
    # The select's inverter, then one transmission gate from each data input to out: d0's closed while the select
    # is low, d1's while it is high. Undriven inputs take pulses whose 8 combinations fill 80 ns.
    names, inputs, said = _mux_inputs(f)
    d0, d1, select = names
    high = logic_high(f.intent.description, f.number("VDD", 1.8))
    g = _Gates(f)
    g.inv(select, f"{select}_b")
    g.tg(d0, "out", f"{select}_b", select)
    g.tg(d1, "out", select, f"{select}_b")
    if inputs.stated and (stop := span(inputs.steps)):
        f.tran = (stop / 1000, stop)
    elif inputs.stated:
        f.analysis = "op"
    else:
        f.tran = (10e-12, 80e-9)
    sources = _input_sources(f, inputs, high)
    load = [f"R1 out 0 {f('RL', 100e3, 'R')}"] if {"RL", "R"} & set(f.intent.values) else []
    held = [f"* inputs held as stated: {', '.join(said)}"] if said else []
    held.append("* two transmission gates, one inverter for the select")
    return "\n".join([*held, f"V1 vdd 0 DC {f.supply('vdd', high)}", *sources, *g.lines, *load,
                      f"C1 out 0 {f('CL', 10e-15, 'C', 'COUT')}"])


def _selects(f: _Filler) -> list:
    names, inputs, _ = _mux_inputs(f)
    high = logic_high(f.intent.description, used(f, "VDD"))

    def pick(d0: bool, d1: bool, select: bool) -> bool:
        return d1 if select else d0
    if inputs.stated:
        return [follows(pick, names, inputs.steps, high)]
    return [logic_table({10 * i + 5: pick(*(not (i >> k) & 1 for k in range(3))) for i in range(8)}, high,
                        "out follows d0 while the select is low and d1 while it is high")]


register(Family(kind="tg_mux", summary="2:1 multiplexer (two CMOS transmission gates and a select inverter)",
                build=_mux, function=_selects,
                names=("2:1 multiplexer", "two-to-one mux", "transmission-gate multiplexer", "2-input data selector"),
                rules=((4.39, (r"^(?![\s\S]*\b(?:[3-9]|1[0-9]|four|eight)\s*(?::|-to-|\s+to\s+)\s*(?:1|one)\b)"
                               r"[\s\S]*\b(?:mux|multiplexer|data\s+selector)\b",)),),
                **{**_LOGIC, "tran": ("10p", "80n"), "transient": 80e-9}))


# --- a cross-coupled PMOS level shifter -----------------------------------------------------------------------

# "from a 1.2 V logic domain to 3.3 V", "1.8 V -> 5 V", "3.3 V to 12 V level translator": the two supplies
_DOMAINS = re.compile(r"(?P<lo>\d+(?:\.\d+)?)\s*V\s*(?:logic\s+)?(?:domain\s+|side\s+|levels?\s+)?(?:->|→|to|into)\s*"
                      r"(?:an?\s+|the\s+)?(?P<hi>\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)
_INVERTS = re.compile(r"\binverting\b|\binverted\b|\bopposite\b", re.IGNORECASE)


def _domains(f: _Filler) -> tuple[float, float, str]:
    """(low, high) supplies and the words that say them: the first "X V to Y V" with X below Y, else 1.8 V to 3.3 V."""
    for m in _DOMAINS.finditer(f.intent.description):
        low, high = float(m["lo"]), float(m["hi"])
        if 0 < low < high:
            return low, high, m[0]
    return 1.8, 3.3, ""


def _inverting_shift(text: str) -> bool:
    return bool(_INVERTS.search(re.sub(r"non[- ]?inverting", "", text, flags=re.IGNORECASE)))


def _level_shifter(f: _Filler) -> str:
    low, high, said = _domains(f)
    for value in list(f.intent.values.values()):  # the two supplies, under whichever roles the reader gave them
        if value.unit == "V" and value.value in (low, high):
            f.given(value.role, value.value)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values
                                if not (x.unit in ("V", "") and x.value in (low, high, 0))]
    f.intent.warnings[:] = [w for w in f.intent.warnings if not w.startswith("two values for")
                            or not {float(x) for x in re.findall(r"[\d.]+(?= ?V)", w)} <= {low, high, 0.0}]
    f.param("vddl", f"{low:g}")
    f.param("vddh", f"{high:g}")
    period = 1 / f.number("FREQ", 1e6)
    f.param("fin", f("FREQ", 1e6))
    f.tran = (period / 200, 5 * period)
    # The input's inverter runs on the low supply; each NMOS pull-down (wide: its gate swings only to vddl)
    # overpowers the narrow PMOS above it, whose gate the other side holds: in high pulls xa low, which turns MP2 on
    # and out goes to vddh (out low turns MP1 on and holds xa at vddh). Swapped pull-downs make it inverting.
    a, b = ("inb", "in") if _inverting_shift(f.intent.description) else ("in", "inb")
    n = _mos_model(f, "n")
    p = _mos_model(f, "p")
    return "\n".join([
        *([f"* level shift as stated: {said}"] if said else []), "V1 vddl 0 DC {vddl}", "V2 vddh 0 DC {vddh}",
        "V3 in 0 PULSE(0 {vddl} 0 1n 1n {0.5/fin} {1/fin})", f"M1 inb in vddl vddl {p} W=2u L=180n",
        f"M2 inb in 0 0 {n} W=1u L=180n",
        f"M3 xa {a} 0 0 {n} W=20u L=180n", f"M4 out {b} 0 0 {n} W=20u L=180n",
        f"M5 xa out vddh vddh {p} W=0.5u L=1u", f"M6 out xa vddh vddh {p} W=0.5u L=1u",
        f"C1 out 0 {f('CL', 10e-15)}", "C2 xa 0 10f"])


def _shifts(f: _Filler) -> list:
    low, high, _ = _domains(f)
    period = 1 / used(f, "FREQ", default=1e6)
    up, down = (1.75, 1.25) if _inverting_shift(f.intent.description) else (1.25, 1.75)
    return [Probe(f"function: out is {high:g} V (within 10 %) while the input's {low:g} V level says so and 0 V "
                  "otherwise (wrong samples: 0 expected)",
                  f"{{tran}}\nmeas tran hi find v({{out}}) at={up * period:g}\n"
                  f"meas tran lo find v({{out}}) at={down * period:g}\n"
                  f"let result = (hi lt {0.9 * high:g}) + (lo gt {0.1 * high:g})", 0, 0)]


register(Family(kind="cmos_level_shifter", summary="cross-coupled PMOS level shifter (low-voltage logic to a higher "
                                                   "supply)",
                build=_level_shifter, function=_shifts,
                names=("cross-coupled PMOS level shifter", "CMOS level shifter", "CMOS level translator",
                       "latch-type voltage level shifter"),
                rules=((3.7, (r"level[- ]?(?:shift(?:er|ing)?|translat(?:or|ion)|convert(?:er)?)",
                              r"cross[- ]coupled|\bpmos\b|\bcmos\b|latch[- ]type",
                              r"^(?![\s\S]*(?:bss138|bidirectional|\bnpn\b|\bbjt\b|open[- ](?:collector|drain)|i2c|"
                              r"op[- ]?amp))")),),
                analysis="tran", tran=("5n", "5u"), source="V3", mos=True))
