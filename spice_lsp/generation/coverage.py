"""The names and values a request writes, each looked for in the answer.

The request reader turns the statements it understands into constraints, and the checklist
checks those. A part the reader did not understand ("the 2k RA across C1", "Q3's collector")
would otherwise go unchecked, and the answer could say verified without it. So, independently
of the reader, every word written as a part's designator (a letter and a number: R1, Q12, RF2;
or a capitalised name given a value or a part noun: "RA = 10k", "resistor RS"; or a port written
as specifications write them: Vin, Vout, Vp, Vn, Vdd) must name an element, node, model or
subcircuit of the answer, and every value with a unit the reader found ("1 kHz", "2 V") must be
written in it, unless a spec accounts for it (then it is measured)."""
from __future__ import annotations

import re
from collections import defaultdict

from spice_lsp.generation.checklist import FAIL, CheckItem
from spice_lsp.generation.families import Family
from spice_lsp.generation.intent import Value
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.units import parse_number

_LETTERS = "RCLDQMJVIEGFHKSWX"  # SPICE element letters a user names parts with
# "Vin", "Vout", "Vp", "Vn", "Vdd", "Vbias1": the ports of a specification, capital V then a port word
_PORT = re.compile(r"^V(?:in|out|o|i|p|n|dd|ss|cc|ee|ref|bias|cm|ctrl|ctl|sig|src|fb|clk|inp|inn|outp|outn)\d?$")
_NUMBERED = re.compile(r"^[A-Za-z]{1,3}\d{1,2}$")  # R1, RF2, Q12 (LM317, NE555: three digits, part numbers)
_TOKEN = re.compile(r"(?<![\w.\-/])([A-Za-z][A-Za-z0-9_]*)(?!\w)")
_PART_NOUN = re.compile(r"(?:resistor|capacitor|cap|inductor|diode|transistor|mosfet|jfet|bjt|source|load|"
                        r"switch|supply|coil|led|zener)s?\s*$", re.IGNORECASE)
_GIVEN = re.compile(r"^\s*(?:=|:\s*\d|\(\s*\d|of\s+\d|is\s+\d)", re.IGNORECASE)
# Capitalised words that name a circuit, an analysis, a unit or a model parameter, never a part.
_NOT_PARTS = set("""AC DC LC RLC RON ROFF VON VOFF VH RMS SIN PWL PULSE TRAN GND
CMOS NMOS PMOS BJT JFET MOSFET LED LDO DAC ADC OTA VCO PLL
CMRR PSRR NPN PNP VCVS VCCS CCVS CCCS IC SPICE EMF ESR ESD EMI FET MEG MHZ KHZ HZ KOHM MOHM OHM OHMS MV UV KV
MA UA NA MS US NS PS UF NF PF UH MH NH DB PWM SMPS CCM DCM KVL KCL IV VI SR JK VOH VOL VIH VIL IS N BF BR
VAF VAR VTO KP LAMBDA GAMMA PHI TEMP TNOM CJO CGS CGD CGSO CGDO CBD CBS BETA VT TF TR XTI EG BV IBV NE ISE
IKF IKR ISC NC VJ MJ FC TT VJE VJC MJE MJC XTB TOX LD WD UO VMAX NSUB HF LF VHF UHF SMD THD SNR ENOB LSB MSB
SPI USB UART GPIO MCU CPU E6 E12 E24 E48 E96 E192 X5R X7R C0G NP0 R2R FM AM SSB OK RON ROFF VH""".split())


def _model_parameter(description: str, start: int, end: int) -> bool:
    """A word written as a model parameter: "(IS=1e-14 RS=10)", "RS=10" beside another "X=" """
    before = description[max(0, start - 60):start]
    if "(" in before and ")" not in before[before.rindex("("):] and re.search(r"\w\s*=", before[before.rindex("("):]):
        return True
    if not re.match(r"=\S", description[end:end + 2]):
        return False
    return bool(re.search(r"\b[A-Za-z]+=\S+\s*$", before) or re.match(r"=\S+\s+[A-Za-z]+=", description[end:]))


def designators(description: str) -> list[str]:
    """The part names a request writes, in order, once each."""
    found: list[str] = []
    for match in _TOKEN.finditer(description):
        word = match.group(1)
        if (word[0].upper() not in _LETTERS or word.upper() in _NOT_PARTS
                or word.upper() in map(str.upper, found)):
            continue
        letters = word.rstrip("0123456789")
        numbered = bool(_NUMBERED.match(word)) and (letters.isupper() or (letters.islower() and word[0] in "rcldqmj"))
        named = (word.isupper() and 2 <= len(word) <= 5 and word.isalpha()
                 and bool(_GIVEN.match(description[match.end():])
                          or _PART_NOUN.search(description[max(0, match.start() - 24):match.start()])))
        port = bool(_PORT.match(word))
        if (numbered or named or port) and not _model_parameter(description, match.start(), match.end()):
            found.append(word)
    return found


def netlist_names(netlist: m.Netlist) -> set[str]:
    """Every name an answer defines or uses: elements, their nodes and models, models, subcircuits."""
    names: set[str] = set()
    for st in netlist.statements:
        if isinstance(st, m.Element):
            names.add(st.name.lower())
            names.update(f.text.lower() for f in st.fields if f.kind == "word")
        elif isinstance(st, (m.Model, m.Subckt, m.ParamDef)):
            names.add(st.name.lower())
            if isinstance(st, m.Subckt):
                names.update(f.text.lower() for f in st.ports)
    return names


def named_parts(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each part name the request writes that the answer does not have."""
    have = netlist_names(netlist)
    return [CheckItem(f"{name} (named in the request)", FAIL, "not in the netlist")
            for name in designators(description) if name.lower() not in have]


_ELEMENT_UNIT = {"R": "ohm", "C": "F", "L": "H", "V": "V", "I": "A"}
_WAVE_UNITS = {"sin": "V V Hz s", "pulse": "V V s s s s s", "exp": "V V s s s s", "sffm": "V V Hz Hz"}
_EXPRESSION_NUMBER = re.compile(r"(?<![\w.])\d[\w.]*|(?<![\w.])\.\d[\w.]*")


def typed_numbers(netlist: m.Netlist) -> dict[str, list[float]]:
    """The answer's numbers by the unit their place gives them (a resistor's value: ohm, a sine's
    third argument: Hz, a transient's: s...); "any" holds those whose place says nothing
    (model cards, parameters, expressions), so that a 1 kHz never counts as a 1k resistor."""
    found: dict[str, list[float]] = defaultdict(list)

    def add(unit: str, text: str) -> None:
        if (number := parse_number(text)) is not None:
            found[unit].append(number)
        else:
            found["any"].extend(n for t in _EXPRESSION_NUMBER.findall(text) if (n := parse_number(t)) is not None)

    for st in netlist.statements:
        if isinstance(st, m.Element):
            nodes = {id(f) for f in layout(st).nodes}
            unit = _ELEMENT_UNIT.get(st.letter.upper(), "any")
            for f in st.fields:
                if id(f) in nodes:
                    continue
                if f.kind == "func" and f.name.lower() in _WAVE_UNITS:
                    for place, item in zip(_WAVE_UNITS[f.name.lower()].split(), f.items):
                        add(unit if place == "V" else place, item.text)
                elif f.kind == "func" and f.name.lower() == "pwl":
                    for n, item in enumerate(f.items):
                        add(unit if n % 2 else "s", item.text)
                elif f.kind == "word":
                    add(unit, f.text)
                else:
                    add("any", f.value.text if f.kind == "assign" and f.value is not None else f.text)
        elif isinstance(st, m.Analysis):
            words = [f.text for f in st.args]
            if st.kind == "tran":
                units = ["s"] * len(words)
            elif st.kind in ("ac", "noise"):
                units = ["any"] * (len(words) - 2) + ["Hz", "Hz"]
            elif st.kind == "dc":  # source start stop step, possibly twice
                units = [("degC" if w.lower() == "temp" else _ELEMENT_UNIT.get(w[:1].upper(), "any"))
                         for w in words[0::4] for _ in range(4)]
            else:
                units = ["any"] * len(words)
            for unit, word in zip(units, words):
                add(unit, word)
        elif isinstance(st, m.ParamDef):
            add("any", st.value)
        elif isinstance(st, m.Directive):
            for f in st.args:
                add("degC" if st.name == ".temp" else "any", f.text)
        elif isinstance(st, m.Model):
            for f in st.params:
                add("any", f.value.text if f.value is not None else f.text)
    return found


def _written(value: Value, numbers: dict[str, list[float]]) -> bool:
    places = [*numbers.get(value.unit, []), *numbers.get("any", [])] if value.unit in _UNITS_PLACED \
        else [n for found in numbers.values() for n in found]
    if value.unit in ("Hz", "s") and value.value:  # a frequency written as its period, or the reverse
        other = "s" if value.unit == "Hz" else "Hz"
        places += [1 / n for n in numbers.get(other, []) if n]
    return any(abs(n - value.value) <= 1e-3 * max(abs(value.value), 1e-30) for n in places)


_UNITS_PLACED = {"ohm", "F", "H", "V", "A", "Hz", "s", "degC"}


def stated_values(values: list[Value], netlist: m.Netlist, used: list[Value], accounted: set[str],
                  spec_texts: list[str]) -> list[CheckItem]:
    """A failing item for each value with a unit the request states that the answer does not write
    where such a value goes. `used`: values the family built from (a frequency its design turned into
    R and C, measured by its function check); `accounted`: roles a spec's design stands for; a value
    inside a spec's own words is the spec's target, measured rather than written."""
    numbers = typed_numbers(netlist)
    return [CheckItem(f"{v.text} ({v.role}) from the request", FAIL, "not in the netlist") for v in values
            if v.unit and v not in used and v.role not in accounted and not any(v.text in t for t in spec_texts)
            and not _written(v, numbers)]


# The kinds of circuit people name ("a filter that ...", "an oscillator at ..."): a request that names
# one is answered by a family of that kind, or not verified (a paraphrase the rules read as another
# circuit: "a second-order op-amp filter keeping frequencies above 2 kHz" built as an amplifier).
_KINDS = {
    "filter": r"\bfilters?\b", "oscillator": r"\boscillat\w*|\bmultivibrators?\b",
    "amplifier": r"(?<!op-)(?<!op )\bamp(?:lifier)?s?\b", "regulator": r"\bregulat\w*",
    "converter": r"\bconverters?\b", "rectifier": r"\brectif\w*", "comparator": r"\bcomparators?\b|\bschmitt\b",
    "mirror": r"\bmirrors?\b", "divider": r"\bdividers?\b", "integrator": r"\bintegrators?\b",
    "differentiator": r"\bdifferentiators?\b", "latch": r"\blatch(?:es)?\b|\bflip-?flops?\b",
    "dac": r"\bdacs?\b|\bdigital[- ]to[- ]analog", "multiplier": r"\bmultipliers?\b|\bdoublers?\b|\btriplers?\b",
}


def circuit_kind(description: str, family: Family) -> list[CheckItem]:
    """A failing item when the request names a kind of circuit and the family is none of them."""
    asked = {kind for kind, words in _KINDS.items() if re.search(words, description, re.IGNORECASE)}
    own = " ".join([family.summary, *family.names, family.noun or ""])
    if not asked or asked & {kind for kind, words in _KINDS.items() if re.search(words, own, re.IGNORECASE)}:
        return []
    return [CheckItem(f"a {' or '.join(sorted(asked))}, as the request asks", FAIL,
                      f"this answer is a {family.summary}")]
