"""The runs a request states: an AC sweep's spacing and points, a sweep it asks to see, and a response in dB it
states (which only an AC stimulus or run shows)."""
from __future__ import annotations

import re

from spice_lsp.generation.checklist import FAIL, PASS, CheckItem
from spice_lsp.generation.intent import _WORD, _words_value
from spice_lsp.generation.stated import reading
from spice_lsp.language import model as m
from spice_lsp.language.units import parse_number

# An AC sweep's spacing said in words: "10 points per octave", "by octaves", "octave steps", "linear, 101 points".
# A slope ("12 dB per octave", "20 dB/decade") is no spacing: a count must be a number of points, or the spacing
# said of the sweep itself.
_PER = re.compile(rf"(?<![\w.])(?P<n>\d+|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*)\s*"  # "ten points per decade" in words
                  r"(?:(?:frequency\s+|data\s+|sample\s+)?(?:points?|pts|steps?|samples?)\s*)?"
                  r"(?:per|/|an?|each|every|in\s+each)\s*(?P<s>oct|dec)\w*", re.IGNORECASE)
_SPACED = re.compile(r"\b(?:by|in|with|using)\s+(?P<s>oct|dec)(?:ave|ade)s?\b|\b(?P<s2>oct|dec)(?:ave|ade)[- ]"
                     r"(?:steps?|spac\w*|spaced|sweep|intervals?|increments?)\b", re.IGNORECASE)
_LINEAR = re.compile(r"\blinear(?:ly)?\b(?:\s+(?:spaced|steps?|sweep|frequency|scale|spacing|points?|,)|"
                     r"(?=[^.;]{0,40}\b\d+\s*(?:points?|pts)\b))|\b(?:ac|sweep)\b[^.;]{0,60}?\blinear(?:ly)?\b"
                     r"(?!\s+(?:regulator|region|amplifier|ramp|mode))", re.IGNORECASE)
_POINTS = re.compile(r"(?<![\w.])(?P<n>\d+)\s*(?:points?|pts)\b(?!\s*(?:per|/|an?|each)\s*(?:oct|dec))", re.IGNORECASE)


def _ac_sweeps(netlist: m.Netlist) -> list[list[str]]:
    """Each .ac or .noise sweep's words from its spacing on ("dec 10 1 1meg")."""
    sweeps = [[f.text.lower() for f in a.args] for a in netlist.statements if isinstance(a, m.Analysis)
              and a.kind in ("ac", "noise")]
    return [args[next(i for i, w in enumerate(args) if w in ("dec", "oct", "lin")):] for args in sweeps
            if {"dec", "oct", "lin"} & set(args)]


def sweep_spacing(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """The spacing (and the points per octave or decade, or the linear count) an AC sweep is said to have, found
    in one of the answer's .ac statements."""
    wanted: tuple[str, int | None] | None = None
    if per := _PER.search(description):
        wanted = (per["s"].lower(), int(per["n"]) if per["n"].isdigit() else int(_words_value(per["n"])))
    elif spaced := _SPACED.search(description):
        wanted = ((spaced["s"] or spaced["s2"]).lower(), None)
    elif (lin := _LINEAR.search(description)) and re.search(r"\bac\b|\bhz\b|frequency|sweep", description,
                                                              re.IGNORECASE):
        count = _POINTS.search(description, max(0, lin.start() - 60))
        wanted = ("lin", int(count["n"]) if count else None)
    if wanted is None:
        return []
    spacing, n = wanted
    said = {"oct": "by octaves", "dec": "by decades", "lin": "linear"}[spacing] + (f", {n} points" if n else "") + \
        (" per " + {"oct": "octave", "dec": "decade"}[spacing] if n and spacing != "lin" else "")
    ok = any(args and args[0] == spacing and (n is None or len(args) > 1 and parse_number(args[1]) == n)
             for args in _ac_sweeps(netlist))
    return [CheckItem(f"AC sweep {said}", PASS if ok else FAIL,
                      "in the netlist" if ok else "no .ac statement sweeps so")]


_DECIBELS = re.compile(r"[-+−]?\d+(?:\.\d+)?\s*dB\b(?!\s*(?:/|per)\s*(?:oct|dec))", re.IGNORECASE)


def decibels_observable(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A ratio stated in dB is a small-signal response: an answer with no AC value on any source and no AC or
    transient run shows none (its checks added the stimulus themselves), so the user cannot see what was asked."""
    said = _DECIBELS.search(description)
    if said is None:
        return []
    runs = any(isinstance(a, m.Analysis) and a.kind in ("ac", "tran", "noise") for a in netlist.statements)
    stimulus = any(st.name[0].upper() in "VI" and re.search(r"\bac\b", " ".join(f.text for f in st.fields),
                                                            re.IGNORECASE)
                   for st in netlist.statements if isinstance(st, m.Element))
    return [] if runs or stimulus else [CheckItem(said[0], FAIL, "no AC stimulus and no AC run in the answer: the "
                                                  "response in dB it states cannot be seen in it")]


# "sweep it", "sweep the frequency", "where it rolls off", "the roll-off", a Bode plot: a run over a range.
_SWEEP = re.compile(r"\bsweep(?:s|ing)?\b(?!\s+(?:generator|oscillator))", re.IGNORECASE)
_FREQUENCY = re.compile(r"\brolls?[- ]?off\b|\brolloff\b|\bbode\b|\bfrequency\s+response\b", re.IGNORECASE)
_SWEEPS = {".ac", ".dc", ".step", ".noise", ".tf", ".sens"}
_IN_TIME = re.compile(r"\btriangle|\bramp|\bsaw\w*|\btransient|\bover\s+[\d.]+\s*(?:[mµun]s|s)\b", re.IGNORECASE)


def _runs(parsed: m.Netlist) -> set[str]:
    """The answer's analyses and other dot commands, by their dotted names (".ac", ".step", ".four")."""
    return {f".{st.kind}" for st in parsed.statements if isinstance(st, m.Analysis)} | {
        st.name.lower() for st in parsed.statements if isinstance(st, m.Directive)}


def asked_sweep(description: str, parsed: m.Netlist) -> list[CheckItem]:
    """A sweep the request asks to see is run: a roll-off or a frequency response needs an AC sweep, any other
    sweep some sweep (.ac, .dc, .step ...)."""
    run = _runs(parsed)
    if (said := _FREQUENCY.search(description)) and ".ac" not in run:
        return [CheckItem(f"'{said[0]}' (an AC sweep)", FAIL, "no AC analysis runs")]
    said = _SWEEP.search(description)
    if said is None or run & _SWEEPS:
        return []
    clause = next(c for c in reading.clauses(description[said.start():], ".;") if c)
    if ".tran" in run and _IN_TIME.search(clause):  # "sweep the input with a 0-5 V triangle over 2 ms": in time
        return []
    return [CheckItem(f"'{said[0]}' (a sweep)", FAIL, "no sweep runs")]


# The runs a request names by their kind, and the statements that make each: a transient, a noise analysis, a
# temperature sweep, a DC transfer function, a Fourier analysis. A run named but not in the answer is a failed item
# whatever reader missed its words (the figures of a run are checked by the analyses item; this one needs no figure).
_NAMED_RUNS = (
    (re.compile(r"\btransient\b|\btime[- ]domain\s+(?:run|sim\w*|analysis|response|plot|waveforms?)\b", re.IGNORECASE),
     "a transient", lambda run, temp: ".tran" in run),
    (re.compile(r"\bnoise\s+(?:analysis|run|sim\w*|sweep|spectrum|density)\b|\b(?:input|output)[- ]referred\s+noise\b"
                r"|\.noise\b", re.IGNORECASE), "a noise analysis", lambda run, temp: ".noise" in run),
    (re.compile(r"\b(?:sweep|swept|step|stepp\w*|vary|varied|varying|ramp)\s+(?:the\s+|its\s+)?(?:ambient\s+)?"
                r"temp(?:erature)?s?\b|\btemp(?:erature)?\s+(?:sweep|step|range)\b", re.IGNORECASE),
     "a temperature sweep", lambda run, temp: temp),
    (re.compile(r"\b(?:dc|small[- ]signal)\s+transfer\s+function\b|\.tf\b", re.IGNORECASE),
     "a DC transfer function (.tf)", lambda run, temp: ".tf" in run),
    (re.compile(r"\bfourier\s+(?:analysis|components?|series|transform)\b|\.four\b", re.IGNORECASE),
     "a Fourier analysis", lambda run, temp: ".four" in run or ".tran" in run and ".meas" in run),
)


def named_runs(description: str, parsed: m.Netlist) -> list[CheckItem]:
    """A failing item for each run the request names by its kind that the answer does not run."""
    analyses = [st for st in parsed.statements if isinstance(st, m.Analysis)]
    directives = [st for st in parsed.statements if isinstance(st, m.Directive)]
    run = _runs(parsed)
    # a temperature sweep: .dc over temp, .step temp, or .temp with more than one value
    temp = any(st.kind == "dc" and st.args and st.args[0].text.lower() == "temp" for st in analyses) or any(
        st.name.lower() == ".step" and any(a.text.lower() == "temp" for a in st.args)
        or st.name.lower() == ".temp" and len(st.args) > 1 for st in directives)
    items = []
    for said, what, present in _NAMED_RUNS:
        if (m_ := said.search(description)) and not present(run, temp):
            items.append(CheckItem(f"'{m_[0]}' ({what})", FAIL, "not run by the answer"))
    return items
