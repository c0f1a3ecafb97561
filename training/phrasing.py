"""Many ways to ask for one circuit: requests for the template families, with their values.

    sample_request(kind, rng) -> Request(description, kind, values, analyses, nodes, style)

A request names the family (one of several names), gives some of the family's values (random,
from half to twice the template's defaults, two significant digits) written in one of many
ways (10k, 10 kΩ, 10 kilohms, 10000 ohms, ten kilohms; µ, u or μ; by name "RD=10k" or by
keyword "a 10k drain resistor"), may name the input and output nodes, and may ask for an
analysis in words ("AC sweep from 10 Hz to 1 MHz") or as a directive (".ac dec 20 10 1meg").
Styles range from terse ("RC LPF R=2.2k C=47n") to chatty ("Hi! Could you write...").

`round_trip(request)` says whether `spice_lsp.generation.intent.parse_intent` reads the description back
to the same family, values, analyses and nodes (None), or why not; the dataset keeps only the
requests that round-trip, so every pair's netlist uses exactly the values its text asks for.
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

from spice_lsp.generation.families import FAMILIES as REGISTRY
from spice_lsp.generation.families import example_intent, render, roles
from spice_lsp.generation.intent import _role_unit as role_unit
from spice_lsp.generation.intent import parse_intent
from spice_lsp.language.units import format_eng

# --- family names: several per family, each read back to the family by parse_intent ----------

# Family names come from the registry: each record lists how people name its circuit.
FAMILY_NAMES: dict[str, list[str]] = {kind: list(f.names) for kind, f in REGISTRY.items() if f.names}
FAMILIES = sorted(FAMILY_NAMES)  # every template family except "generic"

# --- values -----------------------------------------------------------------------------------

def unit_of(role: str) -> str:
    """The SI unit of a role: ohm F H V A Hz m s or "" (a ratio): the intent reader's own table."""
    return role_unit(role)


# (factor, SPICE suffix, symbol prefix, word prefix)
_PREFIXES = [(1e9, "g", "G", "giga"), (1e6, "meg", "M", "mega"), (1e3, "k", "k", "kilo"), (1.0, "", "", ""),
             (1e-3, "m", "m", "milli"), (1e-6, "u", "\u00b5", "micro"), (1e-9, "n", "n", "nano"),
             (1e-12, "p", "p", "pico"), (1e-15, "f", "f", "femto")]
_MICRO = ["\u00b5", "u", "\u03bc"]  # micro sign, ASCII u, Greek mu
_SYMBOL = {"ohm": ["\u03a9", "\u2126", "ohm", "ohms"], "F": ["F"], "H": ["H"], "V": ["V"], "A": ["A"],
           "Hz": ["Hz"], "m": ["m"], "s": ["s"], "degC": ["°C"]}
_WORD_UNIT = {"ohm": ("ohm", "ohms"), "F": ("farad", "farads"), "H": ("henry", "henries"),
              "V": ("volt", "volts"), "A": ("amp", "amps"), "Hz": ("hertz", "hertz"), "m": ("meter", "meters"),
              "s": ("second", "seconds"), "degC": ("degree Celsius", "degrees Celsius")}
_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
        "sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """0-999 in words: 47 -> "forty-seven", 220 -> "two hundred twenty"."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _ONES[n % 10])
    rest = n % 100
    return f"{_ONES[n // 100]} hundred" + (f" {number_words(rest)}" if rest else "")


def sample_value(default: float, rng: random.Random) -> float:
    """From half to twice `default`, rounded to two significant digits."""
    x = abs(default) * 2 ** rng.uniform(-1, 1)
    exponent = math.floor(math.log10(x)) - 1
    return math.copysign(round(x / 10 ** exponent) * 10 ** exponent, default)


def _mantissa(value: float, factor: float) -> str:
    return f"{float(f'{value / factor:.6g}'):g}"


def _natural_prefix(value: float):
    for prefix in _PREFIXES:
        if abs(value) >= prefix[0] * 0.9999:
            return prefix
    return _PREFIXES[-1]


def spell(value: float, unit: str, rng: random.Random) -> tuple[str, str]:
    """(text, style) for a value with its unit: "2.2k", "2.2 kΩ", "2200 ohms", "two kilohms"..."""
    if unit == "":  # a ratio: duty cycle
        return (f"{round(value * 100):g}%", "percent") if rng.random() < 0.5 else (f"{value:g}", "plain")
    prefix = _natural_prefix(value)
    factor, suffix, symbol, word = prefix
    index = _PREFIXES.index(prefix)
    styles = ["compact", "symbol", "symbol", "spaced", "word", "word_number", "plain_si", "shifted", "scientific"]
    style = rng.choice(styles)
    mant = _mantissa(value, factor)
    if style == "compact" and unit in ("ohm", "F", "H", "m") and suffix:  # SPICE style, unit left out
        return mant + (suffix.replace("u", rng.choice(["u", "u", "\u00b5"])) if suffix else ""), "compact"
    if style in ("symbol", "spaced", "compact"):
        sym = symbol if symbol != "\u00b5" else rng.choice(_MICRO)
        unit_text = rng.choice(_SYMBOL[unit])
        if unit_text in ("ohm", "ohms") or style == "spaced":
            return f"{mant} {sym}{unit_text}", "spaced"
        return f"{mant}{sym}{unit_text}", "symbol"
    if unit == "ohm" and word in ("kilo", "mega") and rng.random() < 0.5:
        word = word[:-1]  # kilohms, megohms
    if style == "word":
        one, many = _WORD_UNIT[unit]
        return f"{mant} {word}{many if mant != '1' else one}", "word"
    if style == "word_number":
        if float(mant).is_integer() and 0 < float(mant) < 1000:
            one, many = _WORD_UNIT[unit]
            n = int(float(mant))
            return f"{number_words(n)} {word}{many if n != 1 else one}", "word_number"
        return spell(value, unit, rng)
    if style == "plain_si" and 1 <= abs(value) < 1e5 and unit in ("ohm", "V", "Hz"):
        number = f"{value:,.6g}" if abs(value) >= 1000 and rng.random() < 0.5 else f"{value:.6g}"
        unit_text = {"ohm": rng.choice(["ohms", "\u03a9"]), "V": "V", "Hz": "Hz"}[unit]
        return f"{number} {unit_text}", "plain_si"
    if style == "shifted" and index + 1 < len(_PREFIXES) and abs(value) / _PREFIXES[index + 1][0] < 1000:
        factor, _, symbol, _ = _PREFIXES[index + 1]
        sym = symbol if symbol != "\u00b5" else rng.choice(_MICRO)
        return f"{_mantissa(value, factor)} {sym}{_SYMBOL[unit][0]}", "shifted"
    if style == "scientific" and unit in ("ohm", "F", "H", "A"):
        text = f"{value:.1e}".replace("e+0", "e").replace("e-0", "e-").replace("e+", "e")
        return f"{text} {'ohm' if unit == 'ohm' else unit}", "scientific"
    return f"{mant}{symbol if symbol != chr(0xb5) else 'u'}{_SYMBOL[unit][0]}", "symbol"


# --- roles: by name ("RD=10k") or by keyword ("a 10k drain resistor") ------------------------

EXPLICIT = {"VDD": ["VDD", "VCC", "Vsupply"], "VIN": ["VIN", "Vin"], "FREQ": ["f", "freq", "FREQ"],
            "IBIAS": ["IBIAS", "ISS", "Itail"], "LG": ["L"], "VGS": ["VGS"], "VBIAS": ["VBIAS"],
            "FSW": ["fsw", "FSW"], "DUTY": ["D", "duty"], "RL": ["RL", "Rload"], "CL": ["CL", "Cload"]}
KEYWORD = {
    "R": ["a {v} resistor", "resistance {v}", "resistor of {v}", "a {v} resistance"],
    "C": ["a {v} capacitor", "capacitance {v}", "capacitor of {v}", "a {v} capacitance"],
    "L": ["a {v} inductor", "inductance {v}", "inductor of {v}"],
    "VIN": ["{v} input", "input amplitude {v}", "a {v} input signal", "input of {v}", "{v} peak input"],
    "VDD": ["a {v} supply", "supply voltage {v}", "a {v} supply rail", "VDD of {v}"],
    "FREQ": ["input frequency {v}", "signal frequency {v}", "a {v} sine input"],
    "RL": ["load resistor {v}", "a {v} load", "load of {v}", "load resistance {v}"],
    "RS": ["source resistor {v}", "a {v} source resistance"],
    "RD": ["drain resistor {v}", "a {v} drain resistor", "drain resistance of {v}"],
    "RC": ["collector resistor {v}", "a {v} collector resistor"],
    "RE": ["emitter resistor {v}", "a {v} emitter resistor"],
    "RB": ["base resistor {v}", "a {v} base resistor"],
    "CE": ["emitter bypass capacitor {v}", "a {v} bypass capacitor"],
    "CIN": ["input coupling capacitor {v}", "coupling capacitor {v}", "a {v} input capacitor"],
    "RIN": ["input resistor {v}", "a {v} input resistor"],
    "RF": ["feedback resistor {v}", "a {v} feedback resistor"],
    "W": ["channel width {v}", "width {v}", "a width of {v}"],
    "LG": ["channel length {v}", "gate length {v}", "a {v} channel length"],
    "VGS": ["gate voltage {v}", "{v} on the gate"],
    "VBIAS": ["bias voltage {v}", "a {v} bias", "bias of {v}"],
    "VZ": ["a {v} zener", "zener voltage {v}"],
    "IBIAS": ["tail current {v}", "bias current {v}", "a {v} tail current"],
    "IREF": ["reference current {v}", "a {v} reference current"],
    "FSW": ["switching frequency {v}", "a {v} switching frequency"],
    "DUTY": ["duty cycle {v}", "a {v} duty cycle"],
    "CL": ["load capacitance {v}", "a {v} load capacitor"],
    "PROOF_MASS": ["a proof mass of {v}", "proof mass side {v}"],
    "GAP": ["a {v} gap", "gap of {v}", "sensing gap {v}"],
}
KEYWORD_ONLY = {"PROOF_MASS", "GAP"}  # no name the intent parser reads ("GAP=2u" is not one)
_NAME_FORMS = ["{n}={v}", "{n}={v}", "{n} = {v}", "{n}: {v}", "{n} of {v}", "{n} is {v}"]


def mention(role: str, text: str, rng: random.Random, terse: bool, sentence: bool = False) -> tuple[str, str]:
    """(phrase, how) that gives `role` the value written `text`; `sentence`: the phrase goes
    inside a sentence ("I'd like ..."), where "RD is 10k" reads badly."""
    names = EXPLICIT.get(role, [role])
    if role not in KEYWORD_ONLY and (terse or role not in KEYWORD or rng.random() < 0.45):
        forms = _NAME_FORMS[:3] + _NAME_FORMS[4:5] if sentence else _NAME_FORMS
        form = "{n}={v}" if terse and rng.random() < 0.7 else rng.choice(forms)
        return form.format(n=rng.choice(names), v=text), "name"
    return rng.choice(KEYWORD[role]).format(v=text), "keyword"


# --- analyses ---------------------------------------------------------------------------------

def _freq_text(value: float, rng: random.Random) -> str:
    prefix = _natural_prefix(value)
    mant = _mantissa(value, prefix[0])
    sym = {"k": "k", "M": "M", "G": "G", "": ""}.get(prefix[2], "")
    return rng.choice([f"{mant} {sym}Hz", f"{mant}{sym}Hz"])


def _time_text(value: float, rng: random.Random) -> str:
    prefix = _natural_prefix(value)
    mant = _mantissa(value, prefix[0])
    sym = prefix[2] if prefix[2] != "\u00b5" else rng.choice(_MICRO)
    return rng.choice([f"{mant} {sym}s", f"{mant}{sym}s"])


def default_analysis(kind: str) -> str:
    return REGISTRY[kind].analysis


def sample_analysis(kind: str, rng: random.Random) -> tuple[str, list[str]]:
    """(text, expected directives) for an analysis request; ("", []) leaves the family's default."""
    category = default_analysis(kind)
    roll = rng.random()
    if roll < 0.3 or kind in ("buck_converter", "boost_converter"):
        return "", []
    directive = roll < 0.55
    if category == "ac":
        start = rng.choice([1.0, 10.0, 100.0])
        stop = rng.choice([100e3, 1e6, 10e6, 100e6])
        expected = f".ac dec 20 {format_eng(start)} {format_eng(stop)}"
        if directive:
            points = rng.choice([10, 20, 50])
            line = f".ac dec {points} {format_eng(start)} {format_eng(stop)}"
            return line, [line]
        words = rng.choice(["AC sweep from {a} to {b}", "AC analysis from {a} to {b}",
                            "frequency response from {a} to {b}", "Bode plot from {a} to {b}",
                            "AC small-signal analysis from {a} to {b}"])
        if rng.random() < 0.3:
            words = rng.choice(["frequency response up to {b}", "AC sweep up to {b}"])
            expected = f".ac dec 20 1 {format_eng(stop)}"
        return words.format(a=_freq_text(start, rng), b=_freq_text(stop, rng)), [expected]
    if category == "tran":
        # The family's default length; a builder that sizes its own run (converters) says it in its netlist.
        tran = REGISTRY[kind].tran or re.findall(r"^\.tran\s+(\S+)\s+(\S+)", render(example_intent(kind)).netlist,
                                                 re.MULTILINE)[0]
        stop = float(f"{_parse_spice(tran[1]) * rng.choice([0.5, 1, 2]):.3g}")
        step = stop / 1000
        if directive:
            line = f".tran {format_eng(step)} {format_eng(stop)}"
            return line, [line]
        words = rng.choice(["transient analysis for {t}", "transient simulation over {t}",
                            "time-domain simulation for {t}", "transient run of {t}"])
        return words.format(t=_time_text(stop, rng)), [f".tran {format_eng(step)} {format_eng(stop)}"]
    if category == "op":
        if directive:
            return ".op", [".op"]
        return rng.choice(["DC operating point analysis", "operating point", "bias point analysis",
                           "quiescent operating point"]), [".op"]
    # dc: the diode's I-V sweep
    start, stop = rng.choice([(-1.0, 1.0), (0.0, 1.0), (-2.0, 0.9), (0.0, 5.0)])
    step = abs(stop - start) / 100
    expected = f".dc VIN {format_eng(start)} {format_eng(stop)} {format_eng(step)}"
    if directive:
        return expected, [expected]
    return rng.choice(["DC sweep of VIN from {a} to {b}", "DC sweep from {a} to {b}"]).format(
        a=f"{start:g} V", b=f"{stop:g} V"), [expected]


def _parse_spice(text: str) -> float:
    from spice_lsp.language.units import parse_number
    value = parse_number(text)
    if value is None:
        raise ValueError(f"not a SPICE number: {text!r}")
    return value


# --- whole requests ---------------------------------------------------------------------------

@dataclass
class Request:
    description: str
    kind: str
    values: dict[str, float]  # role -> SI value the text gives
    texts: dict[str, str]  # role -> the value as written
    analyses: list[str]  # directives parse_intent must produce ([] = the family's default)
    nodes: list[str] = field(default_factory=list)
    style: str = ""
    tags: list[str] = field(default_factory=list)  # how values and analyses were written


_OPENERS = ["Hi! Could you write an ngspice netlist for {a} {f}?", "I need {a} {f}.",
            "Please design {a} {f}.", "Can you make me {a} {f}?", "Generate a SPICE netlist of {a} {f}.",
            "Help me simulate {a} {f}.", "I'm building {a} {f} and want to simulate it.",
            "Write a netlist for {a} {f}, please."]
_VALUE_INTROS = ["I'd like {v}.", "Use {v}.", "It should have {v}.", "Values: {v}.", "Take {v}."]
_CLOSERS = ["", "", " Thanks!", " Thank you.", " Keep it simple."]


def _article(name: str) -> str:
    return "a" if fix_articles(f"a {name}").startswith("a ") else "an"


# "an 8 V supply", "an 18k load", "an RC filter", "an AC sweep"; not "an unity-gain", "an one"
_AN = re.compile(r"\b([Aa]) (?=8|1[18](?![\d.,])|1[18]\d\d(?![\d.,])|(?!uni|one)[aeiou]"
                 r"|(?!NAND|MOSFET|MEMS|SALLEN|SPICE)[AEFHILMNORSX](?:[A-Z]|-|\b))")


def fix_articles(text: str) -> str:
    return _AN.sub(lambda m: m[1] + "n ", text)


def _join(parts: list[str], rng: random.Random) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    if rng.random() < 0.5:
        return ", ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def sample_request(kind: str, rng: random.Random) -> Request:
    """One random request for a family (it may not round-trip: check with `round_trip`)."""
    family = rng.choice(FAMILY_NAMES[kind])
    asked = {role: default for role, default in roles(kind).items() if default}
    count = rng.choice([0] + list(range(1, len(asked) + 1)) * 3) if asked else 0
    chosen = rng.sample(sorted(asked), min(count, len(asked)))
    style = rng.choice(["terse", "plain", "plain", "chatty", "spec"])
    terse = style == "terse"
    values, texts, parts, tags = {}, {}, [], []
    for role in chosen:
        value = rng.uniform(0.25, 0.75) if role == "DUTY" else sample_value(asked[role], rng)
        value = round(value, 2) if role == "DUTY" else value
        text, how_written = spell(value, unit_of(role), rng)
        if terse and how_written in ("word", "word_number"):
            text, how_written = spell(value, unit_of(role), rng)
        phrase, how = mention(role, text, rng, terse, sentence=style == "chatty")
        values[role], texts[role] = value, text
        parts.append(phrase)
        tags += [f"value:{how_written}", f"role:{how}"]
    analysis, expected = sample_analysis(kind, rng)
    tags.append("analysis:none" if not analysis else "analysis:directive" if analysis.startswith(".")
                else "analysis:words")
    nodes: list[str] = []
    node_text = ""
    netlist_nodes = set(re.findall(r"\b(in|out)\b", render(parse_intent(REGISTRY[kind].summary)).netlist))
    if {"in", "out"} <= netlist_nodes and rng.random() < 0.2:
        nodes = ["in", "out"]
        node_text = rng.choice(["input at node in and output at node out",
                                "the input on node in and the output on node out",
                                "use node in for the input and node out for the output"])
        tags.append("nodes")
    # The directive goes last (or before a ";"): parse_intent reads a directive to the next , ; or line end.
    if style == "terse":
        text = family + (", " if parts else "") + " ".join(parts)
        text += f"; {node_text}" if node_text else ""
        text += f", {analysis}" if analysis else ""
    elif style == "spec":
        text = f"Circuit: {family}"
        text += f"; values: {'; '.join(parts)}" if parts else ""
        text += f"; nodes: {node_text}" if node_text else ""
        text += f"; analysis: {analysis}" if analysis else ""
    elif style == "chatty":
        text = rng.choice(_OPENERS).format(a=_article(family), f=family)
        text += " " + rng.choice(_VALUE_INTROS).format(v=_join(parts, rng)) if parts else ""
        text += f" {node_text[0].upper()}{node_text[1:]}." if node_text else ""
        if analysis.startswith("."):
            text += rng.choice(_CLOSERS) + f" Analysis: {analysis}"
        else:
            text += f" Please add {_article(analysis)} {analysis}." if analysis else ""
            text += rng.choice(_CLOSERS)
    else:
        name = family[0].upper() + family[1:]
        text = name + (f" with {_join(parts, rng)}" if parts else "")
        text += f"; {node_text}" if node_text else ""
        if analysis:
            text += f". Analysis: {analysis}" if analysis.startswith(".") else f". {analysis[0].upper()}{analysis[1:]}."
        else:
            text += "."
    text = fix_articles(" ".join(text.split()))
    return Request(text, kind, values, texts, expected, nodes, style, tags)


def round_trip(request: Request) -> str | None:
    """None when parse_intent reads back the family, values, analyses and nodes; else why not."""
    intent = parse_intent(request.description)
    if intent.kind != request.kind:
        return f"family read as {intent.kind}, not {request.kind}"
    got = {role: v.value for role, v in intent.values.items()}
    if set(got) != set(request.values):
        return f"roles read as {sorted(got)}, not {sorted(request.values)}"
    for role, value in request.values.items():
        if not math.isclose(got[role], value, rel_tol=1e-6):
            return f"{role} read as {got[role]:g}, not {value:g}"
    if intent.extra_values:
        return "values left without a role: " + ", ".join(v.text for v in intent.extra_values)
    directives = [a.directive for a in intent.analyses]
    if directives != request.analyses:
        return f"analyses read as {directives}, not {request.analyses}"
    if intent.nodes != request.nodes:
        return f"nodes read as {intent.nodes}, not {request.nodes}"
    unused = render(intent).unused
    if unused:
        return "values the template does not use: " + ", ".join(v.text for v in unused)
    return None
