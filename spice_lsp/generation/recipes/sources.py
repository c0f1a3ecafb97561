"""Sources asked for on their own: a clock (square wave, pulse train) at a node, with its levels, frequency and
duty, shown over a few periods. A request that puts the clock into a circuit names that circuit instead."""
from __future__ import annotations

import math

from spice_lsp.generation import design as dz
from spice_lsp.generation.checklist import Probe
from spice_lsp.generation.families import Family, register, used
from spice_lsp.generation.request import _levels as _wave_levels
from spice_lsp.generation.request import _pulse
from spice_lsp.generation.templates import _Filler
from spice_lsp.language.units import format_eng

PERIODS = 5  # the periods the transient shows
EDGE = 1e-3  # rise and fall, as a share of the period: square to the eye, resolvable by the time step


def _levels(f: _Filler) -> tuple[float, float]:
    """The stated low and high levels ("0 to 3.3 V"): the stated source's, else the words' (a wave the request
    says it generates is read as the circuit's output, not a source), else 0 to 5 V."""
    stated = next((s.pulse for s in f.request.sources if s.pulse), None) or _wave_levels(f.intent.description, "V")
    low = stated[0] if stated and stated[0] is not None else 0.0
    high = stated[1] if stated and stated[1] is not None else 5.0
    return low, high


def _edge(f: _Filler) -> float | None:
    """The rise (and fall) time the words state ("rise/fall 10 ns", "10 ns edges"), if any."""
    wave = _pulse(f.intent.description, "V")
    return wave[3] if wave and wave[3] and wave[3] > 0 else None


def _clock(f: _Filler) -> str:
    period = 1 / f.number("FREQ", 1e3, "FSW")
    low, high = _levels(f)
    f.tran = (period / 200, PERIODS * period)
    f.param("freq", f("FREQ", 1e3, "FSW"))
    f.param("duty", f("DUTY", 0.5))
    stated = _edge(f)
    # the levels and edges the words state are the wave's own figures (written into its PULSE, no loose values)
    f.intent.extra_values[:] = [x for x in f.intent.extra_values if not (
        x.unit in ("V", "") and x.value in (low, high) or x.unit == "s" and stated and math.isclose(x.value, stated))]
    # the flat top less one edge, so the level is high for duty x period in all (no parentheses: compose
    # replaces the PULSE(...) with the stated one)
    edge, less = (format_eng(stated), format_eng(stated)) if stated else (f"{{{EDGE:g}/freq}}", f"{EDGE:g}/freq")
    return "\n".join([f"V1 out 0 DC {low:g} PULSE({low:g} {high:g} 0 {edge} {edge} {{duty/freq-{less}}} "
                      "{1/freq})", f"R1 out 0 {f('RL', 10e3, 'R')}"])  # its one resistor: the load


def _swings(f: _Filler) -> list:
    period = 1 / used(f, "FREQ", "FSW", default=1e3)
    duty = used(f, "DUTY", default=0.5)
    low, high = _levels(f)
    mean = low + duty * (high - low)
    span = abs(high - low)
    whole = f"from={format_eng(period)} to={format_eng(PERIODS * period)}"  # whole periods only
    return [Probe(f"function: swings {low:g} to {high:g} V", f"{{tran}}\nmeas tran result pp v({{out}}) {whole}",
                  0.98 * span, 1.02 * span),
            Probe(f"function: {duty:.0%} duty: its mean over whole periods is {mean:.3g} V",
                  f"{{tran}}\nmeas tran result avg v({{out}}) {whole}", mean - 0.02 * span, mean + 0.02 * span)]


def _design(intent, d, spec) -> None:
    """A frequency asked of the clock is its own: FREQ."""
    d.claimed.add("FREQ")
    intent.values.pop("FREQ", None)
    dz.set_value(intent, d, "FREQ", spec.target, "the clock's frequency", None)
    d.free, d.scale = "FREQ", 1


_CLOCK = r"\b(?:clock|(?:square|rectangular|pulse)[- ]?wave|pulse[- ]?train|pulse\s+source)\b"
# the clock on its own: a clock into a circuit, a clock made by a circuit, or parts beside it name another request
_ALONE = (r"^(?![\s\S]*\b(?:oscillat\w*|astable|multivibrator|op[- ]?amps?|pumps?|integrat\w*|invert\w*|doubler|"
          # a counter or a flip-flop the clock is only for ("a logic clock for my counter") is no circuit asked
          r"(?<!\bfor\s)(?<!\bfor\smy\s)(?<!\bfor\sthe\s)(?<!\bfor\sa\s)(?<!\bfor\sour\s)(?<!\bfor\sits\s)"
          r"(?:counter|flip[- ]?flop)|latch|gates?|comparator|schmitt|switch\w*|sample|filter|low[- ]pass|high[- ]pass|"
          # ... but its own load ("driving a 1k resistor to ground", "into a 10k load") is the clock's R1
          r"resistors?(?!\s+(?:to|down\s+to)\s+(?:ground|gnd)\b)|capacitors?|caps?|inductors?|diodes?|transistors?|"
          r"mosfets?|555|timer|(?:driv\w+|into)(?!\s+(?:an?\s+)?[\d.]+\s*(?:[kKM]|meg)?\s*(?:Ω|ohms?)?\s+(?:resistor|load)\b)|"
          r"feed\w*|"
          r"followed|through|from\s+[a-z]\w*\s+to|circuit(?!\s*:)|generator|rectif\w*|lpf|(?:rc|rl|lc)(?!\s*=)|[rcl]\d+|"
          r"r\s+and\s+(?:an?\s+)?c|"  # ("using an R and a C": a filter of the clock)
          r"averag\w*|ripple|smooth\w*|"  # ("just its average at dcout, 50 mV of ripple": a filter of the clock)
          # a square wave a circuit makes from its rails
          r"rails?|suppl(?:y|ies)|vcc|vdd|steering|produc\w*|free[- ]running|on\s+its\s+own|no\s+input)\b)")
register(Family(kind="clock_source", summary="clock source: a square wave (PULSE) at a node",
                build=_clock, function=_swings,
                names=("clock source", "square wave source", "pulse train source"),
                rules=((0.7, (_CLOCK, _ALONE)),),  # before the astables' "square wave ... duty",
                analysis="tran", tran=("1u", "5m"), noun="clock", signal_input=True, specs=("frequency",),
                design=_design, examples=(("frequency", "clock source at node ck, {x} Hz, 0 to 5 V", 10, 1e6),)))
