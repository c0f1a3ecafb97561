"""Sensor front ends: NTC thermistor and PT100 RTD dividers and bridges swept over temperature,
LED drivers (a series resistor; a transistor current sink) designed for the LED's current, a
reverse-biased (photoconductive) photodiode into a transimpedance amplifier, and a strain-gauge
quarter bridge with an instrumentation amplifier.

The sensor's temperature is the voltage of V2 in degrees C (plus ngspice's temperature less its
nominal 27 C, so a `.dc temp` sweep moves it too): the default DC sweep of V2 is a temperature
sweep, and behavioural resistors read it (ngspice's own tc1 follows only the circuit temperature).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from spice_lsp.generation import design as dz
from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, expect, register, stated_gain, used
from spice_lsp.generation.recipes.words import word
from spice_lsp.generation.request import read_request
from spice_lsp.generation.templates import _bjt_model, _Filler, _opamp_block
from spice_lsp.language.units import format_eng, parse_number

VT = 0.02585
LED = (1e-20, 1.9, 2.0)  # is, n, rs: about 2 V at 10 mA
# the sensor's temperature in C, on node tsense (a name no request gives its output, as "t" was: "output node t")
_T = "(v(tsense)+temper-27)"
_NTC = "r25*exp(beta*(1/(" + _T + "+273.15)-1/298.15))"  # B-parameter equation
_PT100 = "r0*(1+3.9083e-3*" + _T + "-5.775e-7*" + _T + "**2)"  # Callendar-Van Dusen, T >= 0 C


def _ntc_r(r25: float, beta: float, t: float) -> float:
    return r25 * math.exp(beta * (1 / (t + 273.15) - 1 / 298.15))


def _nominal(f: _Filler, rtd: bool) -> float:
    """The sensor's nominal resistance: 100 ohm (PT100), 1 k (PT1000), 10 k (NTC)."""
    return (1000 if "pt1000" in f.intent.description.lower() else 100) if rtd else 10e3


# "22k at 25 C", "10 kΩ at 25 °C": an NTC's rating; "B = 3977", "beta of 3950 K": its B constant
_RATED = re.compile(r"(?<![\w.])(?P<r>\d+(?:\.\d+)?)\s*(?P<k>k|meg)?\s*(?:ohms?|\u03a9)?\s+at\s+25\s*(?:°\s*)?C\b",
                    re.IGNORECASE)
# ("beta 4050": the word beta needs no verb)
_B_CONSTANT = re.compile(r"(?:\b(?:B|beta|B25/85)\s*(?:=|of|is|:)|\bbeta)\s*(?P<b>\d{3,5})\s*K?\b", re.IGNORECASE)


def _stated_ntc(f: _Filler) -> None:
    """The rating and B constant the request states, under the roles the law reads (R25, BETA), where the reader
    gave them none."""
    text = f.intent.description
    if "R25" not in f.intent.values and (m := _RATED.search(text)):
        ohms = float(m["r"]) * {"k": 1e3, "meg": 1e6}.get((m["k"] or "").lower(), 1.0)
        f.intent.values["R25"] = dz.Value("R25", ohms, format_eng(ohms), "ohm")
        # (the rating's figure, read as a resistor too where a part of the same value is said: "10k fixed resistor
        # ..., the NTC (10k at 25 C)": the reader's roles keep the order said, the rating the one at its place)
        same = [role for role, v in f.intent.values.items() if role != "R25" and v.unit == "ohm"
                and math.isclose(v.value, ohms)]
        before = sum(1 for q in re.finditer(re.escape(m["r"] + (m["k"] or "")), text[:m.start()]))
        if len(same) > 1 and before < len(same):
            f.given(same[before], 0)
    if "BETA" not in f.intent.values and (m := _B_CONSTANT.search(text)):
        f.intent.values["BETA"] = dz.Value("BETA", float(m["b"]), m["b"], "")


# The class: a request that wants the sensor written as the fixed resistance its law gives at the temperature it
# states ("model the sensor as that resistance", "with the thermistor as its 0 C resistance", "modelled as a plain
# resistor at its 40 °C value", "model it as its resistance at 50 °C"): a resistor of that value, no law source.
_AS_RESISTANCE = re.compile(r"\b(?:model\w*|represent\w*|treat\w*|gives?|writ\w*|netlist|take|taken|use|uses|using)\b"
                            r"[^.;]{0,50}?"
                            r"\bas\s+(?:that|its|the|a|an|one)\s+(?:(?:plain|fixed|equivalent|single|simple|constant|"
                            r"ordinary)\s+)?(?:[-+\u2212]?\d+(?:\.\d+)?\s*(?:°\s*)?(?:C|degrees?(?:\s*C)?)\s+)?"
                            r"resist(?:ance|or)\b", re.IGNORECASE)


def as_resistance(f: _Filler) -> bool:
    """Whether the request wants the sensor as its resistance at its temperature (_AS_RESISTANCE)."""
    return _AS_RESISTANCE.search(f.intent.description) is not None


def sensing_element(f: _Filler, rtd: bool, law: str, a: str, b: str = "0") -> str:
    """The sensor from `a` to `b`: the behavioural current its law gives at the temperature source, or, where the
    request wants it so (as_resistance), the resistor its law gives at the stated temperature (_sensor first)."""
    if as_resistance(f):
        return f"RT {a} {b} {_sensor_ohms(f, rtd):.6g}"
    return f"B1 {a} {b} I={{v({a}{'' if b == '0' else ',' + b})/({law})}}"


def _sensor(f: _Filler, rtd: bool) -> tuple[str, list[str]]:
    """The sensing element's law (R = its law) and the temperature source, or (as_resistance) the parameters that
    give its fixed resistance."""
    if not rtd:
        _stated_ntc(f)
    if as_resistance(f) and (said := _stated_ohms(f)) is not None:
        f.param("t_sensor", _temperature(f))
        f.analysis = "op"
        return "", [f"* RT: the {'RTD' if rtd else 'NTC thermistor'} at its stated {said[0]} at {said[1]} C"]
    if as_resistance(f):
        if rtd:
            f.param("r0", f("R0", _nominal(f, rtd)))
            why = "R = R0 (1 + A T + B T^2), A = 3.9083e-3, B = -5.775e-7 (IEC 60751)"
        else:
            f.param("r25", f("R25", 10e3))
            f.param("beta", f("BETA", 3950))
            why = "R = R25 exp(B (1/T - 1/298.15 K)), R25 its resistance at 25 C"
        f.param("t_sensor", _temperature(f))
        f.analysis = "op"  # no temperature source to sweep
        return "", [f"* RT: the {'RTD' if rtd else 'NTC thermistor'} as its resistance at t_sensor = "
                    f"{f.params['t_sensor']} C: {why}"]
    if rtd:
        f.param("r0", f("R0", _nominal(f, rtd)))
        law = _PT100
        why = "* B1: platinum RTD, R = R0 (1 + A T + B T^2), A = 3.9083e-3, B = -5.775e-7 (IEC 60751)"
    else:
        f.param("r25", f("R25", 10e3))
        f.param("beta", f("BETA", 3950))
        law = _NTC
        why = "* B1: NTC thermistor, R = R25 exp(B (1/T - 1/298.15 K)), R25 its resistance at 25 C"
    return law, [why, f"V2 tsense 0 DC {_temperature(f)}", "* v(tsense) is the sensor's temperature in C"]


# "at 25 C", "(10k at 25 C)": a temperature written with a bare C (the request reader takes no unit from it)
_BARE_CELSIUS = re.compile(r"(?<![\w.])([-+\u2212]?\d+(?:\.\d+)?)\s*(?:°\s*|deg(?:rees?)?\s*)?C\b")


def _temperature(f: _Filler) -> str:
    """The sensor's temperature; none stated: the one its rating states ("10k at 25 °C"), where
    its nominal value holds; written with a bare C, the last one the request writes (its rating
    comes first, the temperature it is read at after it)."""
    bare = _BARE_CELSIUS.findall(f.intent.description)
    rated = next((x.value for x in f.intent.extra_values if x.unit == "degC"), None)
    return f("TEMP", rated if rated is not None else float(bare[-1].replace("\u2212", "-")) if bare else 27)


# --- what each circuit must do, from the values it was built with -------------------------------------

# "the thermistor (4.16k at 45 C, model it as that resistor)": its resistance at a temperature the request states
_OHMS_AT = re.compile(r"(?<![\w.])(?P<r>\d+(?:\.\d+)?)\s*(?P<k>k|meg)?\s*(?:ohms?|\u03a9)?\s+at\s+"
                      r"(?P<t>[-+\u2212]?\d+(?:\.\d+)?)\s*(?:°\s*)?C\b", re.IGNORECASE)


def _stated_ohms(f: _Filler) -> tuple[str, str] | None:
    """(its resistance, the temperature) where the request states the sensor's resistance at the temperature it is
    read at (_OHMS_AT)."""
    t = float(_temperature(f))
    said = next((m for m in _OHMS_AT.finditer(f.intent.description)
                 if math.isclose(float(m["t"].replace("\u2212", "-")), t)), None)
    return (f"{said['r']}{said['k'] or ''}", said["t"]) if said else None


def _sensor_ohms(f: _Filler, rtd: bool) -> float:
    t = used(f, "TEMP")
    if as_resistance(f) and (said := _stated_ohms(f)) is not None:  # as stated there: the law is not asked
        return parse_number(said[0]) or 0.0
    if rtd:
        return used(f, "R0") * (1 + 3.9083e-3 * t - 5.775e-7 * t * t)
    return _ntc_r(used(f, "R25"), used(f, "BETA"), t)


def _at_op(what: str, x: float, tolerance: float) -> Probe:
    band = abs(x) * tolerance + 1e-4
    return Probe(f"function: {what} = {x:.4g} V", "op\nlet result = v({out})", x - band, x + band)


# "the thermistor (10k at 25 C) from out to ground", "the NTC as R2 from out to ground": the bottom arm.
SENSOR_AT_BOTTOM = re.compile(r"(?:thermistor|ntc|rtd|pt100|pt1000)(?:\s*\([^)]*\))?\s+(?:is\s+|as\s+[a-z]\w*\s+)?(?:"
                              r"from\s+\w+\s+to\s+(?:ground|gnd)\b|to\s+ground|(?:at|on)\s+the\s+bottom|"
                              # ("NTC with B = 3950, modelled as a plain resistor ..., from node o to ground": said
                              # later in its clause)
                              r"(?:[^;.]|\.\d){0,100}?,\s+from\s+(?:node\s+)?\w+\s+to\s+(?:ground|gnd)\b|"
                              r"as\s+the\s+(?:bottom|lower)\s+(?:arm|leg|resistor))"
                              # "... under a 10k fixed resistor from 3.3 V": the fixed one on top
                              r"|\bunder\s+(?:a|the)\s+(?:[\d.]+\s*k?\s*(?:ohms?|\u03a9)?\s+)?fixed\s+resistor",
                              re.IGNORECASE)


def _divides(rtd: bool) -> Callable[[_Filler], list]:
    def function(f: _Filler) -> list:
        r, rs = used(f, "R", "R1"), _sensor_ohms(f, rtd)
        if SENSOR_AT_BOTTOM.search(f.intent.description):
            return [_at_op("v(out) = VDD Rsensor/(Rsensor + R) at its temperature",
                           used(f, "VDD", "VIN") * rs / (rs + r), 0.02)]
        return [_at_op("v(out) = VDD R/(Rsensor + R) at its temperature", used(f, "VDD", "VIN") * r / (rs + r), 0.02)]
    return function


def _bridges(rtd: bool) -> Callable[[_Filler], list]:
    def function(f: _Filler) -> list:
        r, rs = used(f, "R", "R1"), _sensor_ohms(f, rtd)
        x = used(f, "VDD", "VIN") * (rs / (r + rs) - 0.5)
        return [_at_op("the bridge's output VDD (Rs/(R + Rs) - 1/2) at its temperature", x, 0.02)]
    return function


def _led_resistor_current(f: _Filler) -> list:
    vdd, r, i = used(f, "VDD", "VIN"), used(f, "R", "R1", "RS"), 1e-3
    for _ in range(40):  # I = (VDD - VF(I))/R, VF from I
        i = max((vdd - _vf(i, _card(f.intent))) / r, 1e-9) * 0.5 + i * 0.5
    return [expect("current", i, 0.03)]


def _led_transistor_current(f: _Filler) -> list:
    vin, rb, re_, i = used(f, "VIN"), used(f, "RB"), used(f, "RE", "R"), 1e-3
    for _ in range(40):  # I = (VIN - VBE(I) - I RB/bf)/(1.01 RE)
        i = max((vin - VT * math.log(i / 1e-14)) / (1.01 * re_ + rb / 100), 1e-9)
    return [expect("current", i, 0.05)]


def _strain_function(f: _Filler) -> list:
    r = used(f, "R", "R1")
    # the difference amplifier's RF/RIN, else the instrumentation amplifier's 1 + 2R/RG
    gain = parse_number(f.params.get("gain", "")) or (1 + 2 * 10e3 / used(f, "RG") if "RG" in f.intent.values
                                                      else stated_gain(f, 101))
    if (stated := _strained_gauge(f)) is not None:
        gauge, r = stated
        x = gain * used(f, "VDD", "VIN", default=5) * (gauge / (r + gauge) - 0.5)
        return [Probe(f"function: the strained gauge reads {x:.4g} V at out (gain {gain:.4g})",
                      "op\nlet result = v({out})", x - 0.03 * abs(x), x + 0.03 * abs(x))]
    gf, micro = _strain_said(f)
    at = micro or 1000
    gauge = r * (1 + gf * at * 1e-6)
    x = gain * used(f, "VDD", "VIN", default=5) * (gauge / (r + gauge) - 0.5)  # the excitation, not the rails
    return [Probe(f"function: {at:g} microstrain reads {x:.4g} V at out (gain {gain:.4g})",
                  f"dc {{src}} 0 {max(at, 1000):g} {max(at, 1000) / 100:g}\nmeas dc result find v({{out}}) at={at:g}",
                  0.97 * x, 1.03 * x)]


def _strain_said(f: _Filler) -> tuple[float, float | None]:
    """(gauge factor, microstrain) as the request states them: GF 2 unless said, the strain None unless said."""
    text = f.intent.description
    micro = float(m[1]) if (m := _STRAIN.search(text)) else None
    gf = float(g[1]) if (g := _GAUGE_FACTOR.search(text)) else 2.0
    for value in list(f.intent.values.values()):  # the figures the reader gave a role are these
        if value.value in (gf, micro) and value.unit in ("", None):
            f.given(value.role, value.value)
    return gf, micro


def _divider(f: _Filler, rtd: bool) -> str:
    law, lines = _sensor(f, rtd)
    lines.append(f"V1 vdd 0 DC {f('VDD', 5, 'VIN')}")
    if SENSOR_AT_BOTTOM.search(f.intent.description):  # the fixed resistor on top: out falls as an NTC warms
        return "\n".join(lines + [f"R1 vdd out {f('R', _nominal(f, rtd), 'R1')}", sensing_element(f, rtd, law, "out")])
    # The sensor on top, the fixed resistor below: out rises with temperature for an NTC.
    return "\n".join(lines + [sensing_element(f, rtd, law, "vdd", "out"), f"R1 out 0 {f('R', _nominal(f, rtd), 'R1')}"])


def _bridge(f: _Filler, rtd: bool) -> str:
    law, lines = _sensor(f, rtd)
    r = f("R", _nominal(f, rtd), "R1")
    # Three fixed arms equal to the sensor's nominal value: balanced at 0 C (PT100) or 25 C (NTC);
    # out is the bridge's differential output v(a) - v(b).
    return "\n".join(lines + [f"V1 vdd 0 DC {f('VDD', 5, 'VIN')}", f"R1 vdd a {r}", sensing_element(f, rtd, law, "a"),
                              f"R2 vdd b {r}", f"R3 b 0 {r}", "E1 out 0 a b 1"])


def _design_ntc_divider(intent, d, spec) -> None:
    """Vout = VDD R/(R_NTC + R) at 27 C: R = R_NTC Vout/(VDD - Vout)."""
    vdd = dz.given(intent, "VDD", "VIN") or 5.0
    if not 0 < spec.target < vdd:
        d.problems.append(f"'{spec.text}': a divider from {format_eng(vdd)}V gives between 0 and {format_eng(vdd)}V")
        return
    if "R" not in intent.values and "R1" not in intent.values:
        rt = _ntc_r(dz.given(intent, "R25") or 10e3, dz.given(intent, "BETA") or 3950, 27)
        dz.set_value(intent, d, "R", rt * spec.target / (vdd - spec.target), "Vout = VDD R/(R_NTC(27 C) + R)", dz.E96)
        d.free, d.scale = "R", 1


_SWEEP: dict[str, Any] = {"analysis": "dc", "dc_sweep": "-40 125 1", "source": "V2", "senses_temperature": True}
register(Family(kind="ntc_divider", function=_divides(False),
                summary="NTC thermistor divider",
                build=lambda f: _divider(f, False),
                names=("NTC thermistor divider", "thermistor voltage divider", "NTC thermistor circuit",
                       "thermistor temperature sensor"),
                rules=((26.1, (rf"thermistor|{word('ntc')}\b",)),),
                specs=("vout",), design=_design_ntc_divider,
                examples=(("vout", "NTC thermistor divider from 5 V with {x} V output", 1, 4),),
                **_SWEEP))
register(Family(kind="ntc_bridge", function=_bridges(False),
                summary="NTC thermistor bridge",
                build=lambda f: _bridge(f, False),
                names=("NTC thermistor bridge", "thermistor Wheatstone bridge", "thermistor bridge"),
                rules=((26.0, (rf"thermistor|{word('ntc')}\b", r"bridge")),),
                **_SWEEP))
register(Family(kind="rtd_divider", function=_divides(True),
                summary="PT100 RTD divider",
                build=lambda f: _divider(f, True),
                names=("PT100 RTD divider", "RTD voltage divider", "RTD temperature sensor", "PT100 circuit"),
                rules=((26.3, (rf"{word('rtd')}s?\b|{word('pt100')}0?\b|platinum resistance",)),),
                **{**_SWEEP, "dc_sweep": "0 200 1"}))
register(Family(kind="rtd_bridge", function=_bridges(True),
                summary="PT100 RTD bridge",
                build=lambda f: _bridge(f, True),
                names=("PT100 RTD bridge", "RTD Wheatstone bridge", "RTD bridge"),
                rules=((26.2, (rf"{word('rtd')}s?\b|{word('pt100')}0?\b|platinum resistance", r"bridge")),),
                **{**_SWEEP, "dc_sweep": "0 200 1"}))


def _rtd_amplifier(f: _Filler) -> str:
    # I1 pushes the excitation current into the RTD (rtd to ground): v(rtd) = I R; the
    # non-inverting stage multiplies it by 1 + R3/R2. The RTD follows its law at the temperature
    # source; one the request states at its resistance ("at 100 °C (138.5 ohm)") is that resistor.
    rin = f("RIN", 10e3)
    sensor = _stated_sensor(f, "rtd") or _law_sensor(f, "rtd")
    gain = f("GAIN", stated_gain(f, 10))
    return "\n".join([_opamp_block(f), f"I1 0 rtd DC {f('IBIAS', 1e-3, 'IREF')}", *sensor,
                      "X1 rtd inn out opamp", f"R2 inn 0 {rin}", f"R3 inn out {{({gain}-1)*{rin}}}"])


def _rtd_amplifies(f: _Filler) -> list:
    ohms = used(f, "R", "R1") if {"R", "R1"} & set(f.intent.values) else _sensor_ohms(f, True)
    return [_at_op("v(out) = GAIN I RTD", used(f, "GAIN") * used(f, "IBIAS", "IREF") * ohms, 0.02)]


register(Family(kind="rtd_current_amplifier", function=_rtd_amplifies,
                summary="current-excited RTD with a non-inverting amplifier",
                build=_rtd_amplifier,
                names=("current-excited RTD amplifier", "PT100 excited by a current source with an amplifier",
                       "RTD with a current source and a non-inverting amplifier"),
                rules=((11.5, (rf"{word('rtd')}s?\b|{word('pt100')}0?\b|platinum resistance",
                               r"current\s+source|excit", r"amplif|stage|op[- ]?amp|gain")),),
                analysis="op", source="I1", noun="amplifier", accepts=r"current\s+source|amplifiers?",
                senses_temperature=True))



# --- a resistive sensor's divider into an op-amp follower or non-inverting stage ----------------------------

_RESISTIVE = r"thermistor|ntc|\bldr\b|photo[- ]?(?:resistor|cell|conductive\s+cell)|light[- ]dependent\s+resistor"
_STAGE = r"follower|buffer|non[- ]?inverting|amplifier|op[- ]?amp"
# "NTC modelled as 4.7k", "model it as 10k", "take it as 2k in bright light": the sensor's resistance where it is read
_TAKEN_AS = re.compile(r"\b(?:modell?ed|model\s+it|take\s+it|treat(?:ed)?\s+it|taken|treated|represented)\s+as\s+"
                       r"(?:an?\s+)?([\d.]+\s*(?:k|meg|m)?)\s*(?:Ω|ohms?)?(?![\w.])", re.IGNORECASE)
# the divider's node, said before the op-amp stage: "divider node th", "from node nt to ground", "to node ldr"
_DIVIDER_NODE = re.compile(r"\b(?:divider|mid(?:point)?|junction|tap)\s+(?:node\s+(?P<k>[a-z_]\w*)|(?P<n>[a-z_]\w*)"
                           r"(?=\s*(?:[,.;)]|$)))"
                           r"|\b(?:from|to|at|on)\s+node\s+(?P<m>[a-z_]\w*)", re.IGNORECASE)
# the stage's output, said after it: "to node tout", "buffering nt onto node ntb", "output lout"
_STAGE_OUTPUT = re.compile(r"\b(?:to|onto|into|at|on)\s+node\s+(?P<n>[a-z_]\w*)"
                           r"|\boutput\s+(?:node\s+)?(?P<m>[a-z_]\w*)", re.IGNORECASE)
_GROUND_SIDE = re.compile(r"\bground\b|\bgnd\b|\bbottom\b|\blower\b", re.IGNORECASE)


def _divider_nodes(text: str) -> tuple[str, str]:
    """(divider node, stage output) as the request names them, else div and out."""
    stage = re.search(_STAGE, text, re.IGNORECASE)
    before, after = (text[:stage.start()], text[stage.end():]) if stage else (text, "")
    mid = [m["k"] or m["n"] or m["m"] for m in _DIVIDER_NODE.finditer(before)]
    out = [m["n"] or m["m"] for m in _STAGE_OUTPUT.finditer(after)]
    return (mid[0].lower() if mid else "div"), (out[-1].lower() if out else "out")


def _sensor_at_bottom(text: str) -> bool:
    """Whether the sensor is the divider's lower arm: said so ("the NTC from nt to ground", "at the bottom"), or
    the first clause after the sensor's name that places it says ground or a rail ("LDR (2k) from the 5 V rail to
    node ldr": the upper arm); the lower arm unless placed."""
    if SENSOR_AT_BOTTOM.search(text):
        return True
    plain = re.sub(r"\([^)]*\)", " ", text)  # asides say what it is, not where
    for sensor in re.finditer(_RESISTIVE, plain, re.IGNORECASE):
        clause = re.split(r"[,;]|\band\b|\bwith\b", plain[sensor.end():])[0]
        if _GROUND_SIDE.search(clause):
            return True
        if re.search(r"\brail\b|\bsupply\b|\bvdd\b|\bvcc\b|\d\s*V\b", clause):
            return False
    return True


def _sensor_ohms_said(f: _Filler) -> float | None:
    said = _TAKEN_AS.search(f.intent.description)
    return parse_number(said[1].replace(" ", "")) if said else None


def _fixed_ohms(f: _Filler, sensor: float | None) -> float:
    """The divider's fixed resistor: a stated resistance other than the sensor's (the first), else the sensor's
    nominal value."""
    values = [v for v in f.intent.values.values() if v.unit == "ohm" or v.role.startswith("R")]
    other = next((v for v in values if sensor is None or abs(v.value - sensor) > 1e-9 * sensor), None)
    if other is not None:
        f.given(other.role, other.value)
        return other.value
    return sensor if sensor is not None else 10e3


def _sensor_arms(f: _Filler) -> tuple[float, float, float]:
    """(upper arm, lower arm, the stage's gain): the sensor at the resistance it is read at, the fixed resistor."""
    said = _sensor_ohms_said(f)
    for role, value in list(f.intent.values.items()):  # the sensor's stated resistance is its own
        if said is not None and abs(value.value - said) <= 1e-9 * said:
            f.given(role, value.value)
    fixed = _fixed_ohms(f, said)
    sensor = said if said is not None else fixed
    top, bottom = (fixed, sensor) if _sensor_at_bottom(f.intent.description) else (sensor, fixed)
    return top, bottom, stated_gain(f, 1.0)


def _copy_stage(node: str, out: str, gain: float, names: tuple[str, str]) -> list[str]:
    """The op-amp that copies a node to out without loading it: a follower at unity gain, else a non-inverting stage
    of gain 1 + Rf/Rg (Rg = 10k to ground, Rf from out; `names` are Rg's and Rf's)."""
    if gain == 1:
        return [f"X1 {node} {out} {out} opamp"]
    return [f"X1 {node} inn {out} opamp", f"{names[0]} inn 0 10k",
            f"{names[1]} {out} inn {format_eng((gain - 1) * 10e3)}"]


def _buffered_divider(f: _Filler) -> str:
    mid, out = _divider_nodes(f.intent.description)
    top, bottom, gain = _sensor_arms(f)
    # The op-amp copies the divider (a follower) or multiplies it by 1 + R4/R3 (a non-inverting stage), so no
    # load is drawn from the divider.
    lines = [_opamp_block(f), f"V1 vdd 0 DC {f('VDD', 5, 'VIN')}", f"R1 vdd {mid} {format_eng(top)}",
             f"R2 {mid} 0 {format_eng(bottom)}"]
    return "\n".join(lines + _copy_stage(mid, out, gain, ("R3", "R4")))


def _divides_and_buffers(f: _Filler) -> list:
    _, out = _divider_nodes(f.intent.description)
    top, bottom, gain = _sensor_arms(f)
    x = gain * used(f, "VDD", "VIN", default=5) * bottom / (top + bottom)
    return [Probe(f"function: v({out}) = GAIN VDD Rlower/(Rupper + Rlower) = {x:.4g} V", f"op\nlet result = v({out})",
                  x - 0.02 * abs(x) - 1e-4, x + 0.02 * abs(x) + 1e-4)]


register(Family(kind="sensor_divider_amplifier", function=_divides_and_buffers,
                summary="resistive sensor (NTC, LDR) divider buffered or amplified by an op-amp",
                build=_buffered_divider,
                names=("thermistor divider with an op-amp follower", "LDR divider with a voltage follower",
                       "buffered NTC divider", "thermistor divider and non-inverting amplifier"),
                rules=((11.4, (_RESISTIVE, _STAGE, r"^(?![\s\S]*bridge)")),),
                analysis="op", noun="amplifier", accepts=r"dividers?|followers?|buffers?|amplifiers?|sensors?"))


# --- a 4-20 mA current loop's receiver: the loop current through a sense resistor, buffered ---------------------

_LOOP_CURRENT = re.compile(r"(?P<i>\d+(?:\.\d+)?)\s*mA\b(?![- ]?(?:to|-)\s*\d)", re.IGNORECASE)
# "the current source ILOOP into node sense", "into sense": the node the loop current enters
_LOOP_NODE = re.compile(r"\binto\s+(?:node\s+)?(?P<n>[a-z_]\w*)", re.IGNORECASE)


# "a current source ILOOP": the loop's source by its name
_SOURCE_NAME = re.compile(r"\bcurrent\s+source\s+(?:called\s+|named\s+)?(?P<n>I\w*)\b")


def _loop_current(f: _Filler) -> float:
    """The loop's current: a stated level other than the span's 4 and 20 mA ("a 12 mA loop current"), else mid-span."""
    text = re.sub(r"\b4\s*(?:mA)?\s*(?:-|to|\u2013)\s*20\s*mA\b", " ", f.intent.description, flags=re.IGNORECASE)
    said = _LOOP_CURRENT.search(text)
    return float(said["i"]) * 1e-3 if said else 12e-3


def _loop_receiver(f: _Filler) -> str:
    text = f.intent.description
    into = _LOOP_NODE.search(text)
    sense = into["n"].lower() if into and into["n"].lower() not in {"a", "an", "the", "ground"} else "sense"
    _, out = _divider_nodes(text)
    rs = next((v for v in f.intent.values.values() if v.unit == "ohm" or v.role.startswith("R")), None)
    r = (parse_number(f(rs.role, rs.value)) or rs.value) if rs is not None else 250.0
    # the loop's current as the request writes it, whatever role the reader gave it
    current = next((f(role, value.value) for role, value in f.intent.values.items()
                    if value.unit == "A" and math.isclose(value.value, _loop_current(f))), format_eng(_loop_current(f)))
    gain = stated_gain(f, 1.0)
    if (level := f.intent.values.get("VDD")) is not None and math.isclose(level.value, _loop_current(f) * r):
        f.given("VDD", level.value)  # "develops 3 V across 250 ohm": the sense voltage, not the rails
        f.param("vdd", "12")
    named = _SOURCE_NAME.search(text)
    # The loop current develops I RS across the sense resistor; the op-amp copies it (or multiplies it by 1 + R2/R1)
    # without loading it.
    lines = [_opamp_block(f), f"{named['n'] if named else 'I1'} 0 {sense} DC {current}",
             f"R1 {sense} 0 {format_eng(r)}"]
    return "\n".join(lines + _copy_stage(sense, out, gain, ("R2", "R3")))


def _receives_loop(f: _Filler) -> list:
    _, out = _divider_nodes(f.intent.description)
    rs = next((v.value for v in f.intent.values.values() if v.unit == "ohm" or v.role.startswith("R")), 250.0)
    x = stated_gain(f, 1.0) * _loop_current(f) * rs
    return [Probe(f"function: v({out}) = GAIN I RS = {x:.4g} V", f"op\nlet result = v({out})",
                  0.98 * x - 1e-4, 1.02 * x + 1e-4)]


register(Family(kind="current_loop_receiver", function=_receives_loop,
                summary="4-20 mA current-loop receiver (sense resistor and op-amp buffer)",
                build=_loop_receiver,
                names=("4-20 mA receiver", "4-20 mA current loop receiver", "current loop receiver"),
                rules=((11.3, (r"4\s*(?:ma)?\s*(?:-|to|\u2013)\s*20\s*ma|current[- ]loop\s+receiver",)),),
                name_figures=r"\b4\s*(?:ma)?\s*(?:-|to|\u2013)\s*20\s*ma\b",
                analysis="op", source="I1", noun="receiver", accepts=r"receivers?|followers?|buffers?|amplifiers?"))

# --- LED drivers ---------------------------------------------------------------------------

def _led(f: _Filler) -> str:
    card = _card(f.intent)
    return f.model("dled", f".model dled D (is={card[0]:.4g} n={card[1]:g} rs={card[2]:g} cjo=20p)")


def _card(intent) -> tuple[float, float, float]:
    """The LED's card: a forward voltage the request states (VF, at the current the design runs it at, IF, else
    10 mA) sets its IS, so the simulated LED is the user's; else about 2 V at 10 mA."""
    stated = {p.name: p.value for p in read_request(intent.description).model_params}
    if "is" in stated:  # "model the LED as a diode with IS=1e-18 and N=2": that diode, SPICE's defaults for the rest
        return stated["is"], stated.get("n", 1.0), stated.get("rs", 0.0)
    vf, i = intent.values.get("VF"), intent.values["IF"].value if "IF" in intent.values else 10e-3
    if vf is None or not 0.5 < vf.value - LED[2] * i < 10:
        return LED
    return i / math.exp((vf.value - LED[2] * i) / (LED[1] * VT)), LED[1], LED[2]


def _vf(i: float, card: tuple[float, float, float] = LED) -> float:
    return card[1] * VT * math.log(i / card[0]) + card[2] * i


def _led_resistor(f: _Filler) -> str:
    # The resistor drops what the LED does not: I = (VDD - VF)/R, measured as R1's drop over its value
    # (the LED sits on the resistor's node, as requests place it: "the LED from a to ground").
    return "\n".join([f"V1 vdd 0 DC {f('VDD', 5, 'VIN')}", f"R1 vdd out {f('R', 300, 'R1', 'RS')}",
                      f"D1 out 0 {_led(f)}"])


def _led_transistor(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    # A logic-level input holds the base; the emitter resistor sets the current,
    # I = (VIN - VBE - IB RB)/RE, whatever the LED's forward voltage.
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 12)}", f"V2 in 0 DC {f('VIN', 3.3)}",
                      f"R1 in b {f('RB', 1e3)}", f"D1 vdd an {_led(f)}", "V9 an out DC 0",
                      f"Q1 out b e {q}", f"R2 e 0 {f('RE', 120, 'R')}"])



def _design_led_resistor(intent, d, spec) -> None:
    """R = (VDD - VF(I))/I with the (simulated) LED's forward voltage at that current; a forward drop
    the request states is the LED's, not the supply's."""
    for role in ("VDD", "VIN"):  # "an LED (1.8 V forward) from a 12 V rail": the 1.8 V read as either level
        dz.not_the(intent, d, role, _FORWARD_DROP, "VF")
    vdd = dz.given(intent, "VDD", "VIN") or 5.0
    if {"R", "R1", "RS"} & set(intent.values):
        return
    if "VF" in intent.values:  # the stated forward voltage, at the current it is driven at, is the model's
        intent.values["IF"] = dz.Value("IF", spec.target, spec.text, "A")
        d.claimed.add("IF")
    vf = _vf(spec.target, _card(intent))
    if vdd <= vf:
        d.problems.append(f"'{spec.text}': the LED needs {vf:.2f} V, more than {format_eng(vdd)}V")
        return
    dz.set_value(intent, d, "R", (vdd - vf) / spec.target,
                 f"R = (VDD - VF)/I, the LED's VF {vf:.2f} V at that current", dz.E96)
    d.free, d.scale = "R", -1


# "about 2 V forward drop", "a forward voltage of 3.2 V", "Vf = 2.1 V"
_FORWARD_DROP = re.compile(r"(\d+(?:\.\d+)?\s*V)\s+(?:forward(?:\s+(?:drop|voltage))?|drop)\b"  # "(1.8 V forward)"
                           r"|\b(?:forward\s+(?:drop|voltage)|\bvf)\s*(?:of|=|:|is)?\s*(?:about\s+|around\s+|~\s*)?"
                           r"(\d+(?:\.\d+)?\s*V)\b"
                           # "a blue LED (3.1 V)", "white LED (~3.2 V) at 20 mA": the level in the LED's parentheses
                           r"|\bleds?\s*\(\s*(?:about\s+|around\s+|~\s*)?(\d+(?:\.\d+)?\s*V)\s*(?:forward|vf)?\s*\)",
                           re.IGNORECASE)


def _design_led_transistor(intent, d, spec) -> None:
    """RE = (VIN - VBE - I RB/bf)/I (the emitter carries I (1 + 1/bf))."""
    if {"RE", "R"} & set(intent.values):
        return
    vin, rb, i = dz.given(intent, "VIN") or 3.3, dz.given(intent, "RB") or 1e3, spec.target
    exact = (vin - VT * math.log(i / 1e-14) - rb * i / 100) / (i * 1.01)
    dz.set_value(intent, d, "RE", exact, "RE = (VIN - VBE - I RB/bf)/I", dz.E96)
    d.free, d.scale = "RE", -1


def _limiter_vbe(vdd: float, r1: float) -> float:
    """Q2's VBE (the current limit's reference) at the collector current R1 feeds it."""
    return VT * math.log(max((vdd - 1.3) / r1, 1e-6) / 1e-14)


def _led_limiter(f: _Filler) -> str:
    q = _bjt_model(f, "n")
    # R1 drives Q1's base; once the sense resistor's drop reaches a VBE, Q2 turns on and steals
    # that drive: I = VBE(Q2)/RS, whatever the supply and the LED's forward voltage.
    rs = 33.0
    if "IBIAS" in f.intent.values:  # "limiting the current to about 20 mA": RS = VBE/I
        f.param("ilimit", f("IBIAS", 20e-3))
        vbe = _limiter_vbe(f.number("VDD", 12, "VIN"), f.number("RB", 10e3, "R1"))
        rs = float(f"{vbe / (f.number('IBIAS', 20e-3) * 1.01):.3g}")
    return "\n".join([f"V1 vdd 0 DC {f.supply('vdd', 12)}", f"R1 vdd b {f('RB', 10e3, 'R1')}",
                      f"D1 vdd an {_led(f)}", "V9 an out DC 0", f"Q1 out b e {q}",
                      f"R2 e 0 {f('RS', rs, 'RE', 'R')}", f"Q2 b e 0 {q}"])


def _limits_current(f: _Filler) -> list:
    vbe = _limiter_vbe(used(f, "VDD", "VIN"), used(f, "RB", "R1"))
    return [expect("current", vbe / used(f, "RS", "RE", "R") / 1.01, 0.06)]


def _design_led_limiter(intent, d, spec) -> None:
    """RS = VBE(Q2)/I: the limit is one base-emitter drop across the sense resistor."""
    if {"RS", "RE", "R"} & set(intent.values):
        return
    vbe = _limiter_vbe(dz.given(intent, "VDD", "VIN") or 12.0, dz.given(intent, "RB", "R1") or 10e3)
    dz.set_value(intent, d, "RS", vbe / (spec.target * 1.01), "RS = VBE/I", dz.E96)
    d.free, d.scale = "RS", -1


register(Family(kind="led_current_limiter", function=_limits_current,
                summary="two-transistor constant-current LED driver (VBE current limit)",
                build=_led_limiter,
                names=("two-transistor constant-current LED driver", "two-transistor LED current limiter",
                       "LED driver with a current-limiting transistor"),
                rules=((6.7, (rf"{word('led')}s?\b|light[- ]emitting",
                              r"two[- ]transistor|second\s+(?:npn|transistor)|current[- ]limiting\s+transistor")),),
                analysis="op", specs=("current",), design=_design_led_limiter,
                examples=(("current", "two-transistor constant-current LED driver from 12 V, {x} A through the LED",
                           5e-3, 40e-3),)))
register(Family(kind="led_resistor", function=_led_resistor_current,
                summary="LED with a current-limiting resistor",
                build=_led_resistor,
                names=("LED with a current-limiting resistor", "LED driver", "LED circuit",
                       "light-emitting diode with a series resistor"),
                rules=((20.8, (rf"{word('led')}s?\b|light[- ]emitting",)),),
                analysis="op", specs=("current",), design=_design_led_resistor,
                examples=(("current", "LED driver from 5 V with {x} A through the LED", 2e-3, 25e-3),)))
register(Family(kind="led_transistor", function=_led_transistor_current,
                summary="transistor constant-current LED driver",
                build=_led_transistor,
                names=("transistor LED driver", "constant-current LED driver with an NPN", "BJT LED driver"),
                rules=((6.75, (rf"{word('led')}s?\b|light[- ]emitting",
                               r"\b(?:transistors?|bjts?|npn)\b|constant[- ]current(?:\s+(?:sink|source))?")),),
                analysis="op", source="V2", specs=("current",), design=_design_led_transistor,
                examples=(("current", "transistor LED driver, {x} A through the LED", 2e-3, 40e-3),)))


# --- photodiode in photoconductive mode -------------------------------------------------------

def _photoconductive(f: _Filler) -> str:
    d = f.model("dphoto")
    # The anode sits at -VBIAS, so the junction is reverse biased (less capacitance, faster) while
    # the cathode stays at the virtual ground; the photocurrent I1 flows out of the summing node and
    # returns through R1: v(out) = I1 R1 (plus the dark current). C1 keeps the loop stable.
    return "\n".join([_opamp_block(f), f"V2 bias 0 DC -{f('VBIAS', 5)}",
                       f"I1 inn bias DC {f('IBIAS', 10e-6, 'IREF')} AC 1", f"D1 bias inn {d}",
                       f"R1 inn out {f('RF', 100e3, 'R')}", f"C1 inn out {f('C', 1e-12, 'CF')}",
                       "X1 0 inn out opamp"])


register(Family(kind="photoconductive_tia",
                function=lambda f: [_at_op("v(out) = I RF", used(f, "IBIAS", "IREF") * used(f, "RF", "R"), 0.03)],
                summary="reverse-biased photodiode into a transimpedance amplifier",
                build=_photoconductive,
                names=("photoconductive photodiode amplifier", "reverse-biased photodiode transimpedance amplifier",
                       "photodiode in photoconductive mode with a TIA"),
                rules=((2.9, (r"photo[- ]?(?:diode|detector)", r"photoconductive|reverse[- ]bias",
                              r"trans-?impedance|\btia\b|amplifier|op[- ]?amp")),
                       # photoconductive alone: into a TIA unless a load resistor (or pull-up) takes the current
                       (2.95, (r"photoconductive", r"photo[- ]?(?:diode|detector)|trans-?impedance|\btia\b",
                               r"^(?!.*(?:\bload\b|pull[- ]?(?:up|down)|\bpulled\b))"))),
                source="I1", noun="amplifier"))


# --- strain gauge ----------------------------------------------------------------------------

# "followed by a difference amplifier", "a one-op-amp subtractor": the bridge read by a single op-amp
_DIFFERENCE_AMP = re.compile(r"\bdifference\s+amp|\bsubtractor|\bsingle[- ]op[- ]?amp|\bone[- ]op[- ]?amp",
                             re.IGNORECASE)


def _strained_gauge(f: _Filler) -> tuple[float, float] | None:
    """(the strained gauge's resistance, the other arms'): one stated beside the nominal ("the gauge has stretched to
    120.6 ohms", whatever role the reader gave each), or R2 beside R1; none when only the nominal is stated."""
    if (arm := _stated_arm(f)) is not None:
        return arm
    if "R2" in f.intent.values and "R1" in f.intent.values and not math.isclose(f.number("R2", 0), f.number("R1", 0)):
        return f.number("R2", 0), f.number("R", 350, "R1")
    return None  # (two values alike are the nominal arms: "a 350 ohm gauge, three 350 ohm completion resistors")


def _strain_gauge(f: _Filler) -> str:
    stated = _strained_gauge(f)
    r = f"{stated[1]:g}" if stated else f("R", 350, "R1")
    gain = stated_gain(f, 101)
    # Quarter bridge: the gauge (gauge factor 2) is B1; V2 is the strain in microstrain.
    # A gauge stated at its strained value ("grown by 1 % (353.5 Ω)") is that resistor, R4.
    strained = f"{stated[0]:g}" if stated else ""
    if stated and "R2" in f.intent.values and math.isclose(f.number("R2", 0), stated[0]):
        strained = f("R2", stated[0])  # as written
    # the gauge factor and the strain the request states ("gauge factor 2.1 at 1000 microstrain"): the operating
    # point is at that strain, the sweep runs through it
    gf, micro = _strain_said(f)
    gauge = f"R4 b 0 {strained}" if strained else f"B1 b 0 I={{v(b)/({r}*(1+{gf:g}*v(strain)*1e-6))}}"
    strain = [] if strained else [f"V2 strain 0 DC {micro or 0:g}", "* v(strain): the strain in microstrain"]
    if strained:
        f.analysis = "op"  # no strain source to sweep: the stated gauge is read at its operating point
    bridge = [f"V1 exc 0 DC {f('VDD', 5, 'VIN')}", f"R1 exc a {r}", f"R2 a 0 {r}", f"R3 exc b {r}", gauge]
    if _DIFFERENCE_AMP.search(f.intent.description):
        # One op-amp: out = RF/RIN (v(b) - v(a)); RIN at 100k loads the bridge's ~R/2 sides by well under 1 %.
        f.param("gain", format_eng(gain))
        rin = f("RIN", 100e3)  # (the input resistors the request states: "whose input resistors are 47k")
        amplifier = [f"R5 a m {rin}", f"R6 m out {{{rin}*gain}}", f"R7 b p {rin}", f"R8 p 0 {{{rin}*gain}}",
                     "X1 p m out opamp"]
    else:
        # The three-op-amp instrumentation amplifier has gain 1 + 2 R5/R11 (101 with 10k and 200). RG is a part of
        # its own only when the request states it: a generic trim would otherwise move it for a stated gain that
        # has no input to be measured from (the gain is the one stated, RG follows).
        designed = float(f"{2 * 10e3 / (gain - 1):.4g}") if gain > 1 else 200
        rg = f("RG", designed) if "RG" in f.intent.values else format_eng(designed)
        amplifier = ["X1 a n1 o1 opamp", "X2 b n2 o2 opamp", "R5 o1 n1 10k", "R6 o2 n2 10k", f"R11 n1 n2 {rg}",
                     "R7 o1 m 10k", "R8 m out 10k", "R9 o2 p 10k", "R10 p 0 10k", "X3 p m out opamp"]
    return "\n".join([_opamp_block(f), *strain, *bridge, *amplifier])


register(Family(kind="strain_gauge_amplifier", function=_strain_function,
                summary="strain-gauge bridge with an instrumentation amplifier",
                build=_strain_gauge,
                names=("strain gauge amplifier", "strain-gauge bridge amplifier",
                       "strain gauge with an instrumentation amplifier"),
                # ("a quarter bridge ... the gauge ... a difference amplifier": a gauge's bridge, amplified)
                rules=((1.5, (r"strain[- ]gauges?", r"amplifier|\bamp\b|instrumentation")),
                       (1.5, (r"(?:quarter|half|full)[- ]bridge|\bbridge\b", r"\bgauges?\b",
                              r"amplifier|\bamp\b|instrumentation|subtractor"))),
                analysis="dc", dc_sweep="0 1000 10", source="V2", ports=(("bridge", ("b", "a")),),
                # ("a difference amplifier ... whose input resistors are 100k": the amplifier's, not a load)
                words=((r"input\s+resistors?|input\s+resistance", {"ohm": "RIN"}),),
                # the amplifier reading a bridge subtracts its two sides: a "difference amplifier" is this one's
                accepts=r"differen(?:ce|tial)\s+amplifier|subtractor"))


# --- a resistive sensor excited by a constant current ------------------------------------------------

def _stated_sensor(f: _Filler, node: str) -> list[str]:
    """An RTD the request states at its resistance ("at 100 °C (138.5 Ω)", "its resistance at 100 °C is 138.5 Ω")
    is that resistor, from `node` to ground; its temperature is the one that resistance is at. None stated: []."""
    if not {"R", "R1"} & set(f.intent.values):
        return []
    # the stated resistance is the sensor's at the stated temperature: a parameter records which
    f.param("t_sensor", f("TEMP", 27))
    return ["* RT: the RTD at its stated resistance, at t_sensor (C)", f"RT {node} 0 {f('R', 100, 'R1')}"]


def _law_sensor(f: _Filler, node: str, rtd: bool = True) -> list[str]:
    """The sensor following its law at the temperature source, from `node` to ground."""
    law, sensor = _sensor(f, rtd)
    return [*sensor, sensing_element(f, rtd, law, node)]


def _is_rtd(f: _Filler) -> bool:
    return not re.search(rf"thermistor|{word('ntc')}\b", f.intent.description, re.IGNORECASE)


def _current_excited(f: _Filler) -> str:
    # I1 pushes the excitation current into the sensor (out to ground): v(out) = I R(T), no divider's nonlinearity.
    sensor = (_stated_sensor(f, "out") if _is_rtd(f) else []) or _law_sensor(f, "out", _is_rtd(f))
    return "\n".join([f"I1 0 out DC {f('IBIAS', 1e-3, 'IREF')}", *sensor])


def _reads_i_r(f: _Filler) -> list:
    ohms = used(f, "R", "R1") if _is_rtd(f) and {"R", "R1"} & set(f.intent.values) else _sensor_ohms(f, _is_rtd(f))
    return [_at_op("v(out) = I R(T)", used(f, "IBIAS", "IREF") * ohms, 0.02)]


register(Family(kind="current_excited_sensor", function=_reads_i_r,
                summary="RTD (or NTC thermistor) excited by a constant current source",
                build=_current_excited,
                names=("current-excited RTD", "PT100 RTD fed from a constant current source",
                       "RTD with constant-current excitation", "thermistor excited by a constant current"),
                # before the dividers and bridges (26-26.3); after the current-excited RTD amplifier (11.5)
                rules=((11.6, (rf"{word('rtd')}s?\b|{word('pt100')}0?\b|platinum resistance|thermistor|"
                               rf"{word('ntc')}\b",
                               r"current\s+source|constant[- ]current|current[- ]excit\w*|"
                               r"(?:excited|fed|driven|biased)\s+(?:by|from|with)\s+(?:an?\s+)?(?:constant\s+)?"
                               r"[\d.]+\s*[mµμu]?a\b",
                               r"^(?!.*(?:amplif|op[- ]?amp|\bgain\b|bridge|divider))")),),
                # the excitation drives the output node itself: no input port a stated node could name
                analysis="op", source="I1", accepts=r"current\s+source", senses_temperature=True,
                ports=(("input", ()),)))


# --- strain-gauge bridges without an amplifier ------------------------------------------------------

_STRAIN = re.compile(r"([\d.]+)\s*(?:µε|με|ue\b|u\s?strain|micro-?strain|microstrain|µstrain)", re.IGNORECASE)
_GAUGE_FACTOR = re.compile(r"(?:gauge\s+factor|\bgf)\s*(?:of|=|:|is)?\s*([\d.]+)", re.IGNORECASE)


def _active_gauges(text: str) -> int:
    """How many arms strain: a quarter bridge one, a half bridge two, a full bridge four (or as counted)."""
    low = text.lower()
    if re.search(r"\bfull[- ]bridge|\bfour\s+active|\b4\s+active|all\s+four\s+(?:arms|gauges)", low):
        return 4
    if re.search(r"\bhalf[- ]bridge|\btwo\s+active|\b2\s+active", low):
        return 2
    return 1


def _strain_x(f: _Filler) -> float:
    """GF x strain: the fractional change of an active gauge (GF 2 and 1000 microstrain unless stated)."""
    text = f.intent.description
    strain = float(m[1]) * 1e-6 if (m := _STRAIN.search(text)) else 1000e-6
    return (float(g[1]) if (g := _GAUGE_FACTOR.search(text)) else 2.0) * strain


# "one arm is the gauge strained to 350.7 ohm", "a gauge that reads 120.6 ohm under load", "the RTD at 100 C, so
# 138.5 ohm": the active arm's own resistance, stated beside the nominal one of the others
_ACTIVE_ARM = re.compile(r"\b(?:strained|stretched|compressed|increased|decreased|drifted|shifted|becomes|reads?"
                         r"|reading|rises|grows|changes|goes|moves|measures|so"
                         r"|gauge\s+(?:is|at|of))"
                         r"\s+(?:\w+\s+){0,2}?(?:to\s+|at\s+|is\s+|of\s+)?(?:about\s+)?(?P<r>\d+(?:\.\d+)?)\s*(?P<k>k)?"
                         r"\s*(?:ohms?|Ω)", re.IGNORECASE)


def _stated_arm(f: _Filler) -> tuple[float, float] | None:
    """(the active arm's resistance, the others'): a quarter bridge whose strained gauge the request states as a
    resistance beside the arms' nominal value (each under the role the reader gave it)."""
    said = _ACTIVE_ARM.search(f.intent.description)
    if said is None:
        return None
    active = float(said["r"]) * (1e3 if said["k"] else 1.0)
    ohms = [v for v in f.intent.values.values() if v.unit == "ohm"]
    nominal = next((v for v in ohms if not math.isclose(v.value, active) and 0.5 < v.value / active < 2), None)
    if nominal is None:
        return None
    for v in ohms:
        if math.isclose(v.value, active) or v is nominal:
            f.given(v.role, v.value)
    return active, nominal.value


def _arms(f: _Filler) -> tuple[float, float, float, float]:
    """(outp's top, outp's bottom, outn's top, outn's bottom): the gauges in tension grow by GF eps, those in
    compression shrink by it; a half bridge's two in one arm, a full bridge's crossed so both outputs move; a quarter
    bridge's gauge at the resistance the request states for it."""
    if _active_gauges(f.intent.description) == 1 and (stated := _stated_arm(f)) is not None:
        active, nominal = stated
        return nominal, active, nominal, nominal
    r, x, n = f.number("R", 350, "R1"), _strain_x(f), _active_gauges(f.intent.description)
    fixed = f.number("R2", r, "R3", "R4")  # "two 120 Ω completion resistors": the arms that do not strain
    if n == 4:
        return r * (1 - x), r * (1 + x), r * (1 + x), r * (1 - x)
    if n == 2:
        return r * (1 - x), r * (1 + x), fixed, fixed
    return fixed, r * (1 + x), fixed, fixed


def _gauge_bridge(f: _Filler) -> str:
    a, b, c, d = (f"{v:.6g}" for v in _arms(f))  # six figures: a 0.1 % strain is in the fourth
    n = _active_gauges(f.intent.description)
    return "\n".join([f"V1 exc 0 DC {f('VDD', 5, 'VIN')}",
                      f"* {n} active gauge{'s' * (n > 1)}, each R (1 +- GF eps); out is v(outp) - v(outn)",
                      f"R1 exc outp {a}", f"R2 outp 0 {b}", f"R3 exc outn {c}", f"R4 outn 0 {d}",
                      "E1 out 0 outp outn 1"])


def _bridge_reads(f: _Filler) -> list:
    top_p, bottom_p, top_n, bottom_n = _arms(f)
    x = used(f, "VDD", "VIN") * (bottom_p / (top_p + bottom_p) - bottom_n / (top_n + bottom_n))
    return [Probe(f"function: v(outp) - v(outn) = Vex (R2/(R1 + R2) - R4/(R3 + R4)) = {format_eng(x)}V (within 1 %)",
                  "op\nlet result = v({out})", x - 0.01 * abs(x) - 1e-6, x + 0.01 * abs(x) + 1e-6)]


register(Family(kind="strain_gauge_bridge", function=_bridge_reads,
                summary="quarter-, half- or full-bridge strain gauge with no amplifier",
                build=_gauge_bridge,
                names=("quarter-bridge strain gauge", "half-bridge strain gauge", "full-bridge strain gauge",
                       "strain gauge bridge with two active gauges"),
                # before the half/full bridge power stages (4.6) and the amplified strain-gauge bridge (1.5)
                rules=((1.45, (r"strain|\bgauges?\b",
                               r"(?:quarter|half|full)[- ]bridge|active\s+(?:strain\s+)?gauges?|gauge\s+factor|\bgf\b|"
                               r"micro-?strain|µε|με",
                               # "with no amplifier" / "without an op-amp" asks for none
                               r"^(?!.*(?<!\bno\s)(?<!without\s)(?<!without\san\s)"
                               r"(?:amplif|\bamp\b|instrumentation|in-amp|op[- ]?amp))")),),
                analysis="op", accepts=r"(?:quarter|half|full)[- ]bridge|wheatstone(?:\s+bridge)?|bridge",
                ports=(("output", ("outp", "outn")), ("bridge", ("outp", "outn")))))


# --- a photodiode whose load is a pull-up on its cathode ----------------------------------------------

def _photodiode_pullup(f: _Filler) -> str:
    # Anode at ground, cathode at out pulled up to VDD through R1: the diode is reverse biased and its
    # photocurrent I1 (cathode to anode) pulls out down by I R1 from the rail.
    return "\n".join([f"V1 vdd 0 DC {f('VDD', 5, 'VBIAS')}", f"R1 vdd out {f('RL', 100e3, 'R')}",
                      f"D1 0 out {f.model('dphoto')}", f"I1 out 0 DC {f('IBIAS', 10e-6, 'IREF')}"])


def _pulled_down_by_light(f: _Filler) -> list:
    vdd, drop = used(f, "VDD"), used(f, "IBIAS", "IREF") * used(f, "RL", "R")
    return [_at_op("v(out) = VDD - I RL", max(vdd - drop, 0.0), 0.02)]


register(Family(kind="photodiode_pullup", function=_pulled_down_by_light,
                summary="reverse-biased photodiode with a pull-up resistor on its cathode (output falls with light)",
                build=_photodiode_pullup,
                names=("photodiode with a pull-up resistor", "photodiode pulled up to the supply",
                       "reverse-biased photodiode with its cathode pulled up"),
                # before the photodiode with a load to ground (26): the load said as a pull-up
                rules=((25.9, (r"photo[- ]?(?:diode|detector)", r"pull[- ]?up|pulled\s+up")),),
                analysis="op", source="I1", ports=(("input", ()),)))


# --- a thermocouple into a non-inverting amplifier -------------------------------------------------------------------

# Seebeck coefficients near room temperature (V/degC), by thermocouple type
_SEEBECK = {"k": 41e-6, "j": 52e-6, "t": 43e-6, "e": 68e-6, "n": 39e-6, "r": 10e-6, "s": 10e-6, "b": 6e-6}
_TC_TYPE = re.compile(r"\btype[- ]?(?P<t>[kjtenrsb])\b", re.IGNORECASE)
_DEG = r"\s*(?:°|deg(?:rees?)?|º)?\s*C\b"
# "41 uV/degC", "52 µV per °C": the junction's own; "10 mV per degree", "10 mV/°C at the output": the output's scale
_PER_DEGREE = re.compile(r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>[µu]|micro|m|milli)?V\s*(?:/|per)\s*(?:°|deg(?:ree)?s?|º)?"
                         r"\s*(?:C\b|celsius\b|kelvin\b|K\b)?", re.IGNORECASE)
_PREFIX = {"µ": 1e-6, "u": 1e-6, "micro": 1e-6, "m": 1e-3, "milli": 1e-3}
_HOT = re.compile(rf"(?:at|to|of|reads?|junction\s+(?:at|is)|sits\s+at)\s+(?P<t>-?\d+(?:\.\d+)?){_DEG}", re.IGNORECASE)


def _thermocouple(f: _Filler) -> tuple[float, float, float]:
    """(Seebeck coefficient, hot-junction temperature, gain): the coefficient said in µV per degree or the type's
    (K unless named), the temperature said (100 degC unless), the gain stated or the output scale said in mV per degree
    over the coefficient (10 mV/degC unless)."""
    text = f.intent.description
    scales = [float(m["v"]) * _PREFIX.get((m["u"] or "").lower(), 1.0) for m in _PER_DEGREE.finditer(text)]
    kind = _TC_TYPE.search(text)
    seebeck = next((s for s in scales if s < 1e-4), _SEEBECK[kind["t"].lower()] if kind else _SEEBECK["k"])
    hot = float(m["t"]) if (m := _HOT.search(text)) else f.number("TEMP", 100)
    out = next((s for s in scales if s >= 1e-4), 10e-3)
    gain = stated_gain(f, out / seebeck) if "GAIN" in f.intent.values or not any(s >= 1e-4 for s in scales) \
        else out / seebeck
    return seebeck, hot, gain


def _thermocouple_amp(f: _Filler) -> str:
    seebeck, hot, gain = _thermocouple(f)
    junction = seebeck * hot
    for value in list(f.intent.values.values()):  # the junction's voltage, temperature and scale, read above
        if value.unit in ("V", "degC") and any(math.isclose(value.value, x, rel_tol=1e-3)
                                               for x in (junction, hot, gain * seebeck)):
            f.given(value.role, value.value)
            if value.role == "VDD":  # ("10 mV per degree" read as the supply): the op-amp keeps its rails
                f.param("vdd", "12")
    f.param("seebeck", format_eng(seebeck))
    f.param("t_hot", f"{hot:g}")
    f.param("gain", f"{gain:.4g}")
    # V1: the thermocouple, Seebeck x (T_hot - 0 degC) against an ice-point cold junction; X1 amplifies it by
    # 1 + R2/R1 (R1 = 1k), so v(out) reads gain x Seebeck per degree.
    return "\n".join([_opamp_block(f), f"* the thermocouple: a {seebeck * 1e6:g} uV/degC source (seebeck) at t_hot, "
                                       "its cold junction at 0 degC",
                      "V1 tc 0 DC {seebeck*t_hot}", "R1 n 0 1k",
                      f"R2 n out {format_eng(float(f'{(gain - 1) * 1e3:.4g}'))}", "X1 tc n out opamp"])


def _reads_temperature(f: _Filler) -> list:
    seebeck, hot, gain = _thermocouple(f)
    return [_at_op(f"v(out) = (1 + R2/R1) Seebeck T = {gain * seebeck * 1e3:.3g} mV/degC at {hot:g} degC",
                   gain * seebeck * hot, 0.02)]


register(Family(kind="thermocouple_amplifier", function=_reads_temperature,
                summary="thermocouple (a Seebeck-coefficient source) into a non-inverting op-amp amplifier",
                build=_thermocouple_amp,
                names=("thermocouple amplifier", "type K thermocouple amplifier", "thermocouple signal conditioner"),
                rules=((11.4, (r"thermocouples?", r"amp\w*|op[- ]?amps?|gain|condition\w*|front[- ]end|interface"
                                                   r"|mv\s*(?:/|per)")),),
                analysis="op", source="V1", senses_temperature=True, noun="amplifier",
                ports=(("input", ("tc",)),)))
