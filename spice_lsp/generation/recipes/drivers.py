"""Transistors that switch a load: a relay coil, a solenoid, a motor, a lamp, a logic pull-up (the
open-collector level shifter), and the single-NMOS bidirectional level shifter of I2C buses.

One builder covers the switch and its load whatever the request calls them: the device (NPN or NMOS on the
low side, PNP or PMOS on the high side, a PMOS gate pulled low by an NPN where the request says so), the
load (its resistance, in series with an inductance when it is a coil or a motor, a flyback diode across it
then), the supply (the highest level stated) and the logic drive (the level a request gives its logic,
GPIO or square wave, else the lower of two levels). The base resistor, when the request gives none, drives
the transistor hard (forced beta 10), so the on state is saturation whatever the load.

Its function, measured on every answer: on, the switched node sits near ground (low side) or near the
supply (high side); off, it returns to the other rail, no further than a diode drop past it (the flyback
diode's clamp). An operating point asked for is the on state.
"""
from __future__ import annotations

import re

from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, register, used
from spice_lsp.generation.templates import _bjt_model, _Filler
from spice_lsp.language.units import format_eng, parse_number

# The device by its kind or by a well-known part number (IRF9xxx, AO3401, SI2301 P-channel; IRF/IRL, BSS138, 2N7000,
# AO3400 N-channel; 2N3906, BC557, 2N2907 PNP).
_PMOS = re.compile(r"\bp[- ]?(?:channel|mos(?:fet)?s?)\b|\bpfets?\b|\birf9\w+|\bao3401\b|\bsi2301\b", re.IGNORECASE)
_NMOS = re.compile(r"\bn[- ]?(?:channel|mos(?:fet)?s?)\b|\bnfets?\b|\bmosfets?\b|\bfets?\b|\bbss138\b|\b2n7000\b|"
                   r"\bir[fl]z?\d+\w*|\bao3400\b|\bsi2302\b", re.IGNORECASE)
_PNP = re.compile(r"\bpnps?\b|\b2n3906\b|\bbc55[789]\w*|\b2n2907\w*", re.IGNORECASE)
# A PMOS whose gate a small bipolar transistor pulls down ("pulled low by an NPN when en is high").
_PULL_DOWN = re.compile(r"\b(?:npn|bjt|bipolar)\b", re.IGNORECASE)
# A load that stores energy: a coil (relay, solenoid), a motor; its inductance, and the diode across it.
_INDUCTIVE = re.compile(r"\b(?:relay|solenoid|motor|coil|winding|inductive)", re.IGNORECASE)
_FLYBACK = re.compile(r"\b(?:flyback|freewheel(?:ing)?|fly-back|catch|snubber|clamp)\s+diode|\bdiode\s+across\b|"
                      r"\bdiode\b[^.;]{0,40}\b(?:kick|across|freewheel|flyback)", re.IGNORECASE)
# A Baker clamp: a Schottky diode from base to collector keeps the switch out of hard saturation.
_DARLINGTON = re.compile(r"\bdarlington", re.IGNORECASE)
_BAKER = re.compile(r"\bbaker\b|\bschottky\b[^.;]{0,30}\bbase\b[^.;]{0,12}\bcollector\b", re.IGNORECASE)
_LEVEL = r"(\d+(?:\.\d+)?)\s?V\b"
# The drive's level: "a 0/3.3 V square", "3.3 V logic", "a 3.3 V GPIO", "from 1.8 V CMOS", "en (3.3 V logic)".
_DRIVE = re.compile(r"\b0\s*(?:/|-|\.\.|to)\s*" + _LEVEL + r"|" + _LEVEL +
                    r"[\s-]+(?:logic|gpio|cmos|ttl|mcu|micro\w*|square|pulses?|clock|pwm|control|drive)\b"
                    r"|\b(?:logic|gpio)\s+(?:level\s+)?(?:of\s+)?" + _LEVEL, re.IGNORECASE)
# "1 ms on / 1 ms off", "on for 2 ms, off for 3 ms": the drive's timing when it gives no frequency.
_ON_OFF = re.compile(r"(\d+(?:\.\d+)?)\s?([mu\u00b5]?)s\s+on\b[^.;]{0,12}?(\d+(?:\.\d+)?)\s?([mu\u00b5]?)s\s+off\b",
                     re.IGNORECASE)
_SCALE = {"": 1.0, "m": 1e-3, "u": 1e-6, "\u00b5": 1e-6}
# The switching transistors' cards: logic-level power MOSFETs (about 0.2 ohm on at a 3.3 V gate).
_NSW = ".model nsw NMOS (level=1 vto={vto} kp={kp} lambda=0.01)"
_PSW = ".model psw PMOS (level=1 vto={vto} kp={kp} lambda=0.01)"
# A power diode for the flyback path: it carries the whole coil current (amperes for a motor) at about 0.8 V.
_DPWR = ".model dpwr D (is=10n n=1.3 rs=0.02 bv=200)"


def _device(text: str) -> str:
    """npn | pnp | nmos | pmos: the switching device the request names (a PMOS switch named with the NPN that
    drives its gate is the PMOS; an NPN by default)."""
    if _PMOS.search(text):
        return "pmos"
    if _PNP.search(text):
        return "pnp"
    return "nmos" if _NMOS.search(text) else "npn"


# Every level the request writes ("5V in at vbat", "12 V rail", "ctrl (3.3V)"), read from its words: a stated
# supply may be taken out of the values as a source of the request's own, and the rail still is the highest.
_ANY_LEVEL = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?V(?:olts?)?\b(?!\s*(?:rms|pp|p-p|/))", re.IGNORECASE)


def _levels(f: _Filler) -> tuple[float, float]:
    """(supply, drive): the highest level the request states is the rail the load hangs from, the level it
    gives its logic drive ("0/3.3 V", "3.3 V GPIO") the drive, else the lower of two levels, else 5 V."""
    values = f.intent.values
    stated = [abs(values[r].value) for r in ("VDD", "VIN", "VGS", "VCC", "VBIAS") if r in values and f.given(r, 0)]
    stated += [float(m[1]) for m in _ANY_LEVEL.finditer(f.intent.description)]
    supply = max([v for v in stated if v > 0] or [12.0])
    m = _DRIVE.search(f.intent.description)
    # a level the request gives the base or gate ("5 V at the base drive node bin") before the lowest level it
    # says, which may be a bound on the load's node ("coil node below 0.3 V")
    held = [abs(values[r].value) for r in ("VBIAS", "VGS") if r in values and f.given(r, 0)]
    drive = float(next(g for g in m.groups() if g)) if m else min([v for v in held if 0 < v < supply]
                                                                    or [v for v in stated if 0 < v < supply]
                                                                    or [min(5.0, supply)])
    return supply, drive


_NOT_NODE = {"the", "a", "an", "it", "its", "input", "output", "logic", "signal", "drive", "gate", "base", "node",
             "this", "that", "high", "low", "on", "off", "held", "pulled", "ground", "gnd", "supply", "rail"}
# The node the logic drives, as the request names it: "when ctrl (3.3V) is high", "when en (3.3 V logic) is
# high", "a 3.3 V GPIO (node gpio", "gate node pwm gets", "square on node ctl", "enable input en".
_CONTROL = (re.compile(r"\b(?:when|while|if)\s+(?:node\s+)?([a-z_]\w*)\s*(?:\([^)]*\)\s*)?(?:is\s+|goes\s+)?"
                       r"(?:high|low|on)\b", re.IGNORECASE),
            re.compile(r"\b(?:gpio|logic|enable|control|drive|gate|base|square|pulses?|pwm)\b[^.;]{0,30}?\bnode\s+"
                       r"([a-z_]\w*)", re.IGNORECASE),
            re.compile(r"\b(?:square|pulses?|pwm|clock|gpio|logic)(?:\s+(?:wave|signal|train))?\s+(?:at|on|into)\s+"
                       r"(?:node\s+)?([a-z_]\w*)", re.IGNORECASE))
# The rail as the request names its node: "12 V at vin12", "5V in at vbat", "from the 24 V rail (node v24)".
_RAIL_AT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?V\b\s+(?:(?:in|rail|supply|input)\s+)?(?:at|on)\s+(?:node\s+)?"
                      r"([a-z_]\w*)|(?<![\w.])(\d+(?:\.\d+)?)\s?V\s+(?:rail|supply)\s*\(\s*(?:node\s+)?([a-z_]\w*)\s*\)",
                      re.IGNORECASE)


def _named(text: str, supply: float) -> tuple[str, str]:
    """(drive node, rail node): the names the request gives them, else in and vcc."""
    drive = next((m[1] for p in _CONTROL for m in p.finditer(text) if m[1].lower() not in _NOT_NODE), "in")
    rail = next((m[2] or m[4] for m in _RAIL_AT.finditer(text)
                 if float(m[1] or m[3]) == supply and (m[2] or m[4]).lower() not in _NOT_NODE), "vcc")
    return drive, rail


def _timing(f: _Filler) -> tuple[float, float]:
    """(period, on time) of the drive: a frequency and duty stated, else "1 ms on / 1 ms off", else 1 kHz at 50 %
    (a coil's L/R decides a longer period: ten time constants each way), shortened to a fifth of a transient
    the request asks for, so that the run it reads switches."""
    m = _ON_OFF.search(f.intent.description)
    if m and "FREQ" not in f.intent.values:
        on, off = float(m[1]) * _SCALE[m[2].lower()], float(m[3]) * _SCALE[m[4].lower()]
        return on + off, on
    load = _resistors(f)[0]
    tau = f.number("L", 0) / max(parse_number(load) or 100.0 if load else 100.0, 1e-3) if "L" in f.intent.values \
        else 0.0
    period = max(1e-3, 20 * tau)
    if (stop := _transient_stop(f)) is not None:
        period = min(period, stop / 5)
    period = 1 / f.number("FREQ", 1 / period)
    return period, period * f.number("DUTY", 0.5)


def _transient_stop(f: _Filler) -> float | None:
    """The stop time of the transient the request asks for, if it asks for one."""
    for analysis in f.intent.analyses:
        words = analysis.directive.split()
        if analysis.kind == "tran" and len(words) >= 3 and (stop := parse_number(words[2])):
            return stop
    return None


def _pulse_timing(f: _Filler) -> str:
    """A PULSE's delay, edges, width and period: from the stated frequency (and duty) as expressions of its .param,
    so the value the request gives stands in the netlist, else from _timing's numbers."""
    if "FREQ" in f.intent.values:
        f.param("freq", f("FREQ", 1e3))
        f.param("duty", f("DUTY", 0.5))
        return "{0.1/freq} {0.002/freq} {0.002/freq} {duty/freq} {1/freq}"
    period, on = _timing(f)
    return f"{period / 10:g} {period / 500:g} {period / 500:g} {on:g} {period:g}"


_LOAD_ROLES, _BASE_ROLES, _NUMBERED = ("RL", "RPU", "R", "RC", "RD"), ("RB", "RIN"), ("R1", "R2", "R3")


def _resistors(f: _Filler) -> tuple[str | None, str | None, str, str]:
    """(load, base resistor, the load's name, the base resistor's name): the values as the request writes them
    (None for one it leaves open), by role where the words say it (load, collector, base), else by size where
    they only number them (R1, R2): a switch's base resistor is the larger, its load the smaller (by about the
    forced beta). A numbered one keeps its number as its name, so a stated "R1 = 4.7k" is the part built."""
    values = f.intent.values
    load = next((f(r, 0) for r in _LOAD_ROLES if r in values), None)
    base = next((f(r, 0) for r in _BASE_ROLES if r in values), None)
    numbered = sorted((values[r].value, r) for r in _NUMBERED if r in values)
    load_name = base_name = None
    if load is None and numbered:
        load_name = numbered.pop(0)[1]
        load = f(load_name, 0)
    if base is None and numbered:
        base_name = numbered.pop()[1]
        base = f(base_name, 0)
    free = (n for n in ("R1", "R2", "R3") if n not in (load_name, base_name))
    return load, base, load_name or next(free), base_name or next(free)


def _base_resistor(f: _Filler, supply: float, drive: float, beta: float = 10) -> str:
    """The request's base resistor, else one that drives the collector current at a forced beta of 10 (a
    Darlington's: 10 x 10)."""
    load, base, _, _ = _resistors(f)
    if base is not None:
        return base
    ib = max(supply / max(parse_number(load) or 100.0 if load else 100.0, 1.0), 1e-4) / beta
    vbe = 1.5 if beta > 10 else 0.75
    design = min(max((drive - vbe) / ib, 100.0), 47e3)
    f.defaults.setdefault("RB", design)
    return format_eng(float(f"{design:.2g}"))


def _mosfet(f: _Filler, pol: str) -> str:
    """The switch's card, with the threshold and transconductance the request states (its own sign for VTO)."""
    vto = abs(f.number("VTO", 1.0)) * (1 if pol == "n" else -1)
    card = (_NSW if pol == "n" else _PSW).format(vto=f"{vto:g}", kp=f("KP", 2))
    return f.model("nsw" if pol == "n" else "psw", card)


def _gate(f: _Filler, ctl: str) -> tuple[str, list[str]]:
    """The MOSFET's gate node and the resistor the request puts in front of it ("driven through 100 ohm"): RG,
    a base-role resistor, or a plain resistance the load did not take; none stated, the drive is on the gate."""
    values = f.intent.values
    role = next((r for r in ("RG", *_BASE_ROLES) if r in values), None) or (
        "R" if "R" in values and any(r in values for r in _LOAD_ROLES if r != "R") else None)
    return ("g", [f"R4 {ctl} g {f(role, 0)}"]) if role else (ctl, [])


def _switch(f: _Filler) -> str:
    text = f.intent.description
    dev = _device(text)
    high = dev in ("pnp", "pmos")
    supply, drive = _levels(f)
    ctl, rail = _named(text, supply)
    inductive = "L" in f.intent.values or bool(_INDUCTIVE.search(text))
    period, on = _timing(f)
    f.tran = (period / 500, 3 * period)
    lines = [f"V1 {rail} 0 DC {format_eng(supply)}"]
    # the drive: high turns a low-side switch (and the PMOS's NPN) on; a PNP, or a PMOS driven straight
    # from its gate, turns on when the drive is low. Its DC level is the on state (an operating point).
    inverted = dev == "pnp" or (dev == "pmos" and not _PULL_DOWN.search(text))
    top = supply if dev == "pmos" and inverted else drive
    first, second = (top, 0.0) if inverted else (0.0, top)
    lines.append(f"V2 {ctl} 0 DC {0 if inverted else format_eng(top)} PULSE({first:g} {second:g} {_pulse_timing(f)})")
    # the load between the rail and the switched node out (low side), or out and ground (high side)
    a, b = ("out", "0") if high else (rail, "out")
    stated_load, base, rl_name, rb_name = _resistors(f)
    rload = stated_load or format_eng(100)
    if inductive and "L" in f.intent.values:
        lines += [f"L1 {a} m {f('L', 10e-3)}", f"{rl_name} m {b} {rload}"]
    else:
        lines.append(f"{rl_name} {a} {b} {rload}")
    if (inductive and "L" in f.intent.values) or _FLYBACK.search(text):
        cathode, anode = ("out", "0") if high else (rail, "out")
        lines.append(f"D1 {anode} {cathode} {f.model('dpwr', _DPWR)}")
    if dev == "npn" and _DARLINGTON.search(text):  # Q1's emitter feeds Q2's base: on, out sits at VBE + VCE(sat)
        lines += [f"{rb_name} {ctl} b {_base_resistor(f, supply, drive, 10)}", f"Q1 out b e1 {_bjt_model(f, 'n')}",
                  f"Q2 out e1 0 {_bjt_model(f, 'n')}"]
    elif dev == "npn":
        lines += [f"{rb_name} {ctl} b {_base_resistor(f, supply, drive)}", f"Q1 out b 0 {_bjt_model(f, 'n')}"]
        if _BAKER.search(text):  # the Schottky takes the excess base drive once the collector falls to VBE - VF
            lines.append(f"D2 b out {f.model('dschottky')}")
    elif dev == "pnp":
        lines += [f"{rb_name} {ctl} b {_base_resistor(f, supply, drive)}", f"Q1 out b {rail} {_bjt_model(f, 'p')}"]
    elif dev == "nmos":
        gate, resistor = _gate(f, ctl)
        lines += [*resistor, f"M1 out {gate} 0 0 {_mosfet(f, 'n')}"]
    elif inverted:
        gate, resistor = _gate(f, ctl)
        lines += [*resistor, f"M1 out {gate} {rail} {rail} {_mosfet(f, 'p')}"]
    else:  # the gate pulled up to the rail, pulled low by Q1 when the drive is high
        lines += [f"R9 {rail} g {f('RG', 100e3)}", f"M1 out g {rail} {rail} {_mosfet(f, 'p')}",
                  f"{rb_name} {ctl} b {base or f('RB', 10e3, 'RIN')}", f"Q1 g b 0 {_bjt_model(f, 'n')}"]
    return "\n".join(lines)


def _switches(f: _Filler) -> list:
    """On: the switched node within 5 % (and a saturation voltage) of the rail it is switched to; off: back
    near the other, past it by at most a diode's clamp. An operating point measures the on state."""
    supply, _ = _levels(f)
    high = _device(f.intent.description) in ("pnp", "pmos")
    kinds = {a.kind for a in f.intent.analyses}
    period, _ = _timing(f)
    text = f.intent.description
    # a Baker clamp holds the collector at VBE - VF, out of saturation; a Darlington's at VBE + VCE(sat)
    on_band = (0.9 * supply, 1.02 * supply) if high else (0.1, 0.9) if _BAKER.search(text) \
        else (0.5, 1.3) if _DARLINGTON.search(text) and _device(text) == "npn" else (-0.05, 0.05 * supply + 0.3)
    if "op" in kinds and "tran" not in kinds:
        return [Probe(f"function: on, the switched node sits at {'the supply' if high else 'ground'}",
                      "op\nlet result = v({out})", *on_band)]
    tran = f"tran {period / 500:g} {3 * period:g}"
    off_band = (-1.5, 0.05 * supply) if high else (0.95 * supply, supply + 1.5)
    on_how, off_how = ("max", "min") if high else ("min", "max")
    on = Probe(f"function: on, the switched node sits at {'the supply' if high else 'ground'}",
               f"{tran}\nmeas tran result {on_how} v({{out}}) from={period / 20:g}", *on_band)
    # ("Logic drive: 5 V DC at dl_in ... what does the collector sit at when on?": driven steady, it is only on)
    if any(s.dc and not (s.sin or s.pulse or s.pwl) and re.search(r"\bDC\b", s.text) and not s.supply
           for s in f.request.sources):
        return [on]
    return [on, Probe(f"function: off, the switched node returns to {'ground' if high else 'the supply'}",
                      f"{tran}\nmeas tran result {off_how} v({{out}}) from={period / 20:g}", *off_band)]


_LOADS = r"baker|relay|solenoid|(?:dc\s+)?motor|lamp|bulb|coil|heater|buzzer|load\s+switch|" \
         r"level\s+(?:shifter|translator)|" \
         r"(?:logic\s+)?(?:level\s+)?translat\w*|open[- ]collector|open[- ]drain|high[- ]side\s+(?:\w+\s+)?switch"
# Circuits that drive a coil or a lamp as part of something else: a bridge, a converter, an oscillator, an op-amp.
_NOT_DRIVER = r"^(?![\s\S]*\b(?:h[- ]bridge|full[- ]bridge|half[- ]bridge|cross[- ]coupled|bidirectional|leds?|cmos|" \
              r"converter|regulator|boost|buck|oscillat\w*|wien|op[- ]?amps?|opamps?|comparator)\b)"
_SWITCHES = r"\b(?:darlington|npn|pnp|bjts?|bipolar|transistors?|mosfets?|fets?|[np]mos|[np][- ]channel|" \
            r"[np]-mosfet|pfets?|nfets?|high[- ]side|low[- ]side|ir[fl]z?\d+\w*|2n\d{4}|bc\d{3}\w*|bss138)\b"

register(Family(kind="transistor_load_driver", function=_switches,
                summary="transistor switching a load (relay coil, solenoid, motor, lamp or logic pull-up): NPN or "
                        "NMOS low side, PNP or PMOS high side, flyback diode across a coil",
                build=_switch,
                names=("NPN relay driver", "transistor relay driver with a flyback diode", "solenoid driver",
                       "high-side PMOS load switch", "open-collector NPN level shifter",
                       "low-side MOSFET motor driver"),
                # (before the op-amp stages: "a single NPN (inverting)" is a switch's logic, not an amplifier)
                rules=((12.5, (_LOADS, _SWITCHES, _NOT_DRIVER)), (12.55, (r"\b(?:relay|solenoid)\s+(?:driver|coil)",
                                                                        _NOT_DRIVER)),
                       # "a Darlington pair used as a low-side switch": the pair switching its load
                       (12.56, (r"\bdarlington\b", r"\bswitch(?:es|ing)?\b", _NOT_DRIVER))),
                accepts=r"(?:npn|pnp|nmos|pmos|mosfet|transistor)?\s*(?:relay|solenoid|motor|lamp|load)\s+"
                        r"(?:driver|switch)|level\s+(?:shifter|translator)|relay|solenoid|motor|lamp|flyback|freewheel\w*|"
                        r"darlington(?:\s+(?:pair|transistor|switch))?",
                analysis="tran", source="V2"))


# --- the totem-pole gate driver ------------------------------------------------------------------

def _totem_pole(f: _Filler) -> str:
    """An NPN over a PNP, bases together on the drive, emitters together on the gate (a MOSFET's gate charge as
    its capacitance): each follows the drive one VBE in, so the gate swings from about VBE to VCC - VBE with the
    transistors' current gain behind each edge."""
    supply, _ = _levels(f)
    ctl, rail = _named(f.intent.description, supply)
    period, _ = _timing(f)
    f.tran = (period / 500, 5 * period)
    pulse = f"PULSE(0 {format_eng(supply)} {_pulse_timing(f)})"  # the drive swings rail to rail
    # the bases on the drive itself, unless the request puts a resistor before them (a base resistor lets a fast
    # edge's stored charge lift the gate past the rail for a moment)
    stated = next((r for r in ("RB", "RIN", "R") if r in f.intent.values), None)
    base = [f"R1 {ctl} b {f(stated, 0)}"] if stated else []
    b = "b" if stated else ctl
    return "\n".join([f"V1 {rail} 0 DC {format_eng(supply)}", f"V2 {ctl} 0 DC 0 {pulse}", *base,
                      f"Q1 {rail} {b} out {_bjt_model(f, 'n')}", f"Q2 0 {b} out {_bjt_model(f, 'p')}",
                      f"C1 out 0 {f('CL', 1e-9, 'C', 'CG')}"])


def _drives_gate(f: _Filler) -> list:
    """Over the later periods the gate reaches within 1.2 V (a VBE and a base resistor's drop) of each rail, and
    never goes past either."""
    supply, period = used(f, "VDD", default=_levels(f)[0]), _timing(f)[0]
    return [Probe("function: the gate rises to within 1.2 V of the supply, no higher",
                  f"{{tran}}\nmeas tran result max v({{out}}) from={period:g}", supply - 1.2, supply + 0.01),
            Probe("function: the gate falls to within 1.2 V of ground, no lower",
                  f"{{tran}}\nmeas tran result min v({{out}}) from={period:g}", -0.01, 1.2)]


register(Family(kind="totem_pole_gate_driver", function=_drives_gate, build=_totem_pole,
                summary="totem-pole gate driver (NPN/PNP emitter followers charging a MOSFET gate)",
                names=("totem-pole gate driver", "BJT totem-pole MOSFET gate driver", "push-pull gate driver",
                       "complementary emitter-follower gate driver"),
                rules=((12.4, (r"\btotem[- ]?pole\b|\bgate\s+driver\b|\bgate\s+drive\s+buffer\b",
                               r"^(?![\s\S]*\b(?:h[- ]bridge|full[- ]bridge|half[- ]bridge|buck|boost|converter|"
                               r"bootstrap|high[- ]side|555|op[- ]?amps?|cmos|inverters?)\b)")),),
                # the gate it drives is its output: "the MOSFET gate (node g)"
                analysis="tran", source="V2", output="out", ports=(("gate", ("out",)),)))


# --- the bidirectional NMOS level shifter ---------------------------------------------------------

_SKIP = {"with", "at", "is", "of", "pull", "pulled", "through", "to", "and", "the", "a", "an", "node", "has", "gets",
         "driven", "via", "from", "on", "side", "which", "that", "pin", "net", "held", "tied", "low", "high"}


def _side(text: str, which: str) -> str | None:
    """The name the request gives a side ("low side sda_l", "the high-side node hv", "drain = high side hv")."""
    for m in re.finditer(rf"\b{which}[- ](?:voltage\s+)?side\b(?:\s+(?:node|net|pin|bus))?\s*(?:[=:(]|is|at)?\s*"
                         r"([a-z_][a-z0-9_]*)\b", text, re.IGNORECASE):
        if m[1].lower() not in _SKIP:
            return m[1]
    return None


# "the 2.5 V side (node scl_a)", "3.3 V side node yb": a side named by its rail.
_RAIL_SIDE = re.compile(r"(\d+(?:\.\d+)?)\s?V\s+side\b\s*\(?\s*(?:(?:node|net|pin|bus)\s+)?([a-z_]\w*)", re.IGNORECASE)


def _bidirectional(f: _Filler) -> tuple[str, str, float, float]:
    """(low node, high node, low rail, high rail): the gate's rail is the low side's ("gate at 3.3 V"); a side
    is named as the low or high one, or by its rail ("the 2.5 V side (node a)")."""
    text = f.intent.description
    levels = sorted({abs(v.value) for role in ("VDD", "VIN", "VGS", "VCC")
                     if role in f.intent.values and (v := f.given(role, 0)) is not None and v.value})
    low, high = (levels[0], levels[-1]) if len(levels) > 1 else (3.3, 5.0)
    by_rail = sorted((float(m[1]), m[2]) for m in _RAIL_SIDE.finditer(text) if m[2].lower() not in _SKIP)
    if len(by_rail) == 2 and by_rail[0][0] < by_rail[1][0]:
        (low, low_name), (high, high_name) = by_rail
        return _side(text, "low") or low_name, _side(text, "high") or high_name, low, high
    return _side(text, "low") or "lv", _side(text, "high") or "hv", low, high


def _level_shifter(f: _Filler) -> str:
    lv, hv, low, high = _bidirectional(f)
    period = _timing(f)[0]
    f.tran = (period / 500, 3 * period)
    low_pull, high_pull = f("R1", 10e3, "R", "RL", "RPU"), f("R2", 10e3, "R", "RL", "RPU")
    # the sides carry the request's names, which the family's output (hv) may not be: its transient reports both
    f.measures = [f".measure tran {side}_max MAX v({side}) FROM={{start}} TO={{stop}}\n"
                  f".measure tran {side}_min MIN v({side}) FROM={{start}} TO={{stop}}" for side in (lv, hv)]
    # M1's gate at the low rail: a low side pulled down turns it on (VGS = low rail) and pulls the high
    # side down with it; released, M1 is off and each side's pull-up restores its own rail. S1 is the
    # open-drain driver on the low side.
    return "\n".join([f"V1 vl 0 DC {format_eng(low)}", f"V3 vh 0 DC {format_eng(high)}",
                      f"R1 vl {lv} {low_pull}", f"R2 vh {hv} {high_pull}",
                      f"M1 {hv} vl {lv} {lv} {_mosfet(f, 'n')}",
                      f"V2 in 0 DC 0 PULSE(0 {format_eng(low)} {_pulse_timing(f)})", f"S1 {lv} 0 in 0 {f.model('sw')}"])


def _translates(f: _Filler) -> list:
    lv, hv, low, high = _bidirectional(f)
    period = _timing(f)[0]
    tran = f"tran {period / 500:g} {3 * period:g}"
    return [Probe("function: released, the high side rests at its own rail",
                  f"{tran}\nmeas tran result max v({hv})", 0.97 * high, 1.01 * high),
            Probe("function: the low side pulled down pulls the high side down",
                  f"{tran}\nmeas tran result min v({hv})", -0.05, 0.15 * high),
            Probe("function: the low side stays within its own rail", f"{tran}\nmeas tran result max v({lv})",
                  0.97 * low, 1.01 * low)]


register(Family(kind="nmos_bidirectional_level_shifter", function=_translates,
                summary="single-NMOS bidirectional level shifter (I2C style: gate at the low rail, pull-ups on each "
                        "side)",
                build=_level_shifter,
                names=("bidirectional NMOS level shifter", "BSS138 bidirectional level shifter",
                       "single-MOSFET I2C level translator"),
                rules=((12.4, (r"bidirectional|\bi2c\b|\bbss138\b|\b2n7000\b",
                               r"level[- ](?:shift\w*|translat\w*)|\btranslat\w*")),),
                accepts=r"(?:single[- ])?(?:nmos|mosfet|n-channel|bss138)?\s*(?:bidirectional\s+)?"
                        r"(?:logic\s+)?level\s+(?:shifter|translator)",
                analysis="tran", source="V2", mos=True, output="hv"))
