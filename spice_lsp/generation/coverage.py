"""The names and values a request writes, each looked for in the answer.

The request reader turns the statements it understands into constraints, and the checklist
checks those. A part the reader did not understand ("the 2k RA across C1", "Q3's collector")
would otherwise go unchecked, and the answer could say verified without it. So, independently
of the reader, every word written as a part's designator (a letter and a number: R1, Q12, RF2;
or a capitalised name given a value or a part noun: "RA = 10k", "resistor RS"; or a port written
as specifications write them: Vin, Vout, Vp, Vn, Vdd) must name an element, node, model or
subcircuit of the answer, and every value with a unit the reader found ("1 kHz", "2 V") must be
written in it, unless a spec accounts for it (then it is measured).

The same holds for what the reader may miss altogether: every number the request writes must be
accounted for by something read (or it is "not checked"), counts of parts are counted, nodes written
after "at" must exist, pins a part's words place are checked in their orientation, and a source
must drive something (unread_numbers, named_nodes, stated_pins, idle_sources)."""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from spice_lsp.generation.checklist import FAIL, PASS, UNCHECKED, CheckItem, Probe
from spice_lsp.generation.families import Family, covered_spans
from spice_lsp.generation.function_words import read_function
from spice_lsp.generation.intent import _RANGE, _WORD, SPICE_WAVE, Intent, Value, _quantities, _words_value, polarity
from spice_lsp.generation.request import Request
from spice_lsp.generation.scope import NODE_AFTER, SOURCE_NAMED
from spice_lsp.generation.stated import reading
from spice_lsp.generation.stated.nodes import absent
from spice_lsp.generation.vocabulary import ARTICLES, FUNCTION, IDIOMS, NOT_NODES, plain
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.units import parse_number

# a bare number's range end with its unit: "60-100 ms" (the unit said once, for both ends)
_RANGE_END = re.compile(rf"{_RANGE.pattern}[\d.]+\s*(?P<unit>[munpkµ]?s|[kMG]?Hz|[munpkµ]?[VA])\b")
_LETTERS = "RCLDQMJVIEGFHKSWX"  # SPICE element letters a user names parts with
# "Vin", "Vout", "Vp", "Vn", "Vdd", "Vbias1": the ports of a specification, capital V then a port word
_PORT = re.compile(r"^V(?:in|out|o|i|p|n|dd|ss|cc|ee|ref|bias|cm|ctrl|ctl|sig|src|fb|clk|inp|inn|outp|outn)\d?$")
_NUMBERED = re.compile(r"^[A-Za-z]{1,3}\d{1,2}$")  # R1, RF2, Q12 (LM317, NE555: three digits, part numbers)
_TOKEN = re.compile(r"(?<![\w.\-/])([A-Za-z][A-Za-z0-9_]*)(?!\w)")
_PART_NOUN = re.compile(r"(?:resistor|capacitor|cap|inductor|diode|transistor|mosfet|jfet|bjt|source|load|"
                        r"switch|supply|coil|led|zener)s?(?:\s+(?:is\s+)?(?:named|called|labell?ed))?\s*$",
                        re.IGNORECASE)
_GIVEN = re.compile(r"^\s*(?:=|:\s*\d|\(\s*\d|of\s+\d|is\s+\d)", re.IGNORECASE)
# Capitalised words that name a circuit, an analysis, a unit or a model parameter, never a part.
_NOT_PARTS = set("""AC DC LC RLC RON ROFF VON VOFF VH RMS SIN PWL PULSE TRAN GND
CMOS NMOS PMOS BJT JFET MOSFET LED LDO DAC ADC OTA VCO PLL
CMRR PSRR NPN PNP VCVS VCCS CCVS CCCS IC SPICE EMF ESR ESD EMI FET MEG MHZ KHZ HZ KOHM MOHM OHM OHMS MV UV KV
MA UA NA MS US NS PS UF NF PF UH MH NH DB PWM SMPS CCM DCM KVL KCL IV VI SR JK VOH VOL VIH VIL IS N BF BR
VAF VAR VTO KP LAMBDA GAMMA PHI TEMP TNOM CJO CGS CGD CGSO CGDO CBD CBS BETA VT TF TR XTI EG BV IBV NE ISE
IKF IKR ISC NC VJ MJ FC TT VJE VJC MJE MJC XTB TOX LD WD UO VMAX NSUB HF LF VHF UHF SMD THD SNR ENOB LSB MSB
SPI USB UART GPIO MCU CPU E6 E12 E24 E48 E96 E192 X5R X7R C0G NP0 R2R FM AM SSB OK RON ROFF VH IDSS""".split())
# "VPK puts a 4 V peak sine on pk_i", "(VAP, AC 1)": a capitalised word in a lowercase sentence is a name, whatever
# verb follows it; except the abbreviations people write in capitals for circuits, stages, pins and ratings, and the
# roles of a stage's resistors ("a bypass capacitor across RE": the role, named only when given a value or a noun).
_CAPS = re.compile(r"^[A-Z]{2,5}\d{0,2}$")
_ABBREVIATIONS = set("""RC RL LR CR RF RS RE RB RD RG RTD LDR MFB KHN GIC CLC SEPIC CUK CE CB CC CS CG CD CML ECL
VBE VCE VGS VDS
IF LOW HIGH HP LP HPF LPF MOS XOR XNOR MEMS SW GF DIY CW CCW CV HV LV LVDS VGA SAR QFN SOIC DIP SMT SOT""".split())


def _shouted(description: str) -> bool:
    """A request written mostly in capitals, where a capitalised word says nothing of its own: its small words in
    capitals ("WITH", "FROM"), where it has some; designators and model cards in capitals are no shouting ("VDQ
    drives drain node drq, ... .model NQC NMOS(VTO=0.9 KP=120u LAMBDA=0.03)")."""
    small = [w for w in re.findall(r"[A-Za-z]{2,}", description) if w.lower() in FUNCTION]
    if small:
        return sum(w.isupper() for w in small) > 0.5 * len(small)
    words = re.findall(r"[A-Za-z]{3,}", description)
    return sum(w.isupper() for w in words) > 0.3 * max(1, len(words))


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
    shouted = _shouted(description)
    for match in _TOKEN.finditer(description):
        word = match.group(1)
        if "_" in word.strip("_") and word.upper() not in map(str.upper, found) \
                and not _model_parameter(description, match.start(), match.end()) and not _indexed(description, word):
            found.append(word)  # "VIN_P", "half_rail": a name written as names are, whatever it names
            continue
        if (word[0].upper() not in _LETTERS or word.upper() in _NOT_PARTS
                or word.upper() in map(str.upper, found)):
            continue
        letters = word.rstrip("0123456789")
        numbered = bool(_NUMBERED.match(word)) and (letters.isupper() or (letters.islower() and word[0] in "rcldqmj"))
        named = (word.isupper() and 2 <= len(word) <= 5 and word.isalpha()
                 and bool(_GIVEN.match(description[match.end():])
                          or _PART_NOUN.search(description[max(0, match.start() - 24):match.start()])))
        # (a JFET's pinch-off voltage beside its IDSS, "Vp = -1.5 V", is no source's name)
        port = bool(_PORT.match(word)) and not (word.lower() == "vp" and re.search(r"\bidss\b|pinch", description,
                                                                                  re.IGNORECASE))
        caps = bool(_CAPS.match(word)) and word not in _ABBREVIATIONS and not shouted
        if (numbered or named or port or caps) and not _model_parameter(description, match.start(), match.end()):
            found.append(word)
    return found


def _indexed(description: str, word: str) -> bool:
    """"fq_di high when fq_in is above fq_ki" of "fq_d1 to fq_d7": a run's stem with a letter for its index, said of
    every member of the run (no node of its own)."""
    stem, index = re.escape(word[:-1]), word[-1:]
    return index.lower() in "ijkn" and bool(re.search(rf"(?<![\w.]){stem}\d+\s*(?:\([^()]*\)\s*)?"
                                                       rf"(?:to|through|thru|\.\.\.?|-|\u2013)\s*{stem}\d+\b",
                                                       description, re.IGNORECASE))


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


# "the capacitor CIN", "feedback resistor named RB", "the AC source is called VSIG": a name given to a part of that
# kind (its SPICE letter), which only an element of that name honours (a node of that name is another thing).
_KIND_NAMED = re.compile(r"\b(?P<noun>resistor|capacitor|cap|inductor|coil|source|generator|diode|zener|transistor|"
                         r"mosfet|bjt|jfet)\s+(?:(?:is\s+)?(?:named|called|labell?ed)\s+)?$", re.IGNORECASE)
_NOUN_LETTERS = {"resistor": "R", "capacitor": "C", "cap": "C", "inductor": "L", "coil": "L", "choke": "L",
                 "source": "VI", "generator": "VI", "diode": "D", "zener": "D", "transistor": "QMJ", "mosfet": "M",
                 "bjt": "Q", "jfet": "J"}


def _named_as_part(description: str, name: str) -> bool:
    """Whether the request gives `name` to a part of the kind its first letter is ("the capacitor CIN")."""
    for match in re.finditer(rf"(?<![\w.\-/]){re.escape(name)}(?!\w)", description):
        noun = _KIND_NAMED.search(description[max(0, match.start() - 40):match.start()])
        if noun and name[0].upper() in _NOUN_LETTERS[noun["noun"].lower()]:
            return True
    return False


def named_parts(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each part name the request writes that the answer does not have; a name the request
    gives to a part of its kind must name an element (a node or model of that name does not honour it)."""
    have = netlist_names(netlist)
    elements = {st.name.lower() for st in netlist.statements if isinstance(st, m.Element)}
    items = []
    for name in designators(description):
        if name.lower() not in have:
            items.append(CheckItem(f"{name} (named in the request)", FAIL, "not in the netlist"))
        elif name.lower() not in elements and _named_as_part(description, name):
            items.append(CheckItem(f"{name} (named in the request)", FAIL,
                                   "the request names a part so; in the netlist it is no element's name"))
    return items


# A device the request names by its kind ("an NPN (IS = 1e-14) whose base is grounded", "a P-channel MOSFET"): the
# answer's devices of that kind (the letter, and the card's type where the kind says a polarity)
_DEVICE_KINDS = {r"npns?": ("Q", "npn"), r"pnps?": ("Q", "pnp"), r"bjts?|bipolar\s+transistors?": ("Q", ""),
                 r"nmos(?:fets?)?|n-?channel\s+mosfets?": ("M", "nmos"),
                 r"pmos(?:fets?)?|p-?channel\s+mosfets?": ("M", "pmos"), r"mosfets?": ("M", ""), r"jfets?": ("J", "")}


def named_devices(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each kind of device the request names (not as what to leave out: "no transistor") of which
    the answer, outside its subcircuits, has none: an NPN asked for and a diode built in its place."""
    cards = {st.name.lower(): st.type.lower() for st in netlist.statements if isinstance(st, m.Model)}
    devices = [(st.name[0].upper(), cards.get(st.fields[-1].text.lower(), "") if st.fields else "")
               for st in netlist.body if isinstance(st, m.Element)]
    devices += [(st.name[0].upper(), cards.get(f.text.lower(), "")) for st in netlist.body if isinstance(st, m.Element)
                for f in st.fields if f.text.lower() in cards]
    items = []
    for words, (letter, kind_card) in _DEVICE_KINDS.items():
        said = next((w for w in re.finditer(rf"(?<![\w-])(?:{words})\b(?![- ](?:level|style|like|equivalent))",
                                           description, re.IGNORECASE)
                     if not re.search(r"\b(?:no|without|instead\s+of|not\s+an?|rather\s+than)\s+"
                                      r"(?:an?\s+|the\s+|any\s+)?(?:[\w-]+\s+)?$", description[:w.start()],
                                      re.IGNORECASE)), None)
        if said and not any(kind == letter and (not kind_card or card.startswith(kind_card) or not card)
                            for kind, card in devices):
            items.append(CheckItem(f"{said[0]} (named in the request)", FAIL,
                                   f"no {said[0].rstrip('s')} in the netlist"))
    return items


_ELEMENT_UNIT = {"R": "ohm", "C": "F", "L": "H", "V": "V", "I": "A"}
_WAVE_UNITS = {"sin": "V V Hz s", "pulse": "V V s s s s s", "exp": "V V s s s s", "sffm": "V V Hz Hz"}
_EXPRESSION_NUMBER = re.compile(r"(?<![\w.])\d[\w.]*|(?<![\w.])\.\d[\w.]*")


def typed_numbers(netlist: m.Netlist) -> dict[str, list[float]]:
    """The answer's numbers by the unit their place gives them (a resistor's value: ohm, a sine's
    third argument: Hz, a transient's: s...); "any" holds those whose place says nothing
    (model cards, parameters, expressions), so that a 1 kHz never counts as a 1k resistor."""
    found: dict[str, list[float]] = defaultdict(list)

    known = reading.params(netlist)

    def add(unit: str, text: str) -> None:
        # (a braced expression of the .params, "{-vcc}", as it evaluates)
        if (number := parse_number(text)) is not None or text.startswith("{") and (
                number := reading.value(text, known)) is not None:
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
                    # a pulse's duty cycle, width over period, in per cent ("a 50 % square wave")
                    if f.name.lower() == "pulse" and len(f.items) >= 7 and (width := parse_number(f.items[5].text)) \
                            and (period := parse_number(f.items[6].text)):
                        found["%"].append(round(100 * width / period, 6))
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


_PART_OF = re.compile(r"\b(?:from|through|via|by|with|using|uses|use)\s+(?:an?|the|its|one)\s+(?:[\w/.-]+\s+){0,3}$",
                      re.IGNORECASE)


def circuit_kind(description: str, family: Family) -> list[CheckItem]:
    """A failing item when the request names a kind of circuit and the family is none of them."""
    # (a device a named source stands for, "amplifier V1 on node amp", is a part, not the kind asked (scope.py);
    # a word after "node" is the node's name; one before "node", what the node is: "Amplifier node amp_o")
    asked = {kind for kind, words in _KINDS.items()
             if any(not SOURCE_NAMED.match(description, said.end()) and not NODE_AFTER.match(description, said.end())
                    and not re.search(r"\bnodes?\s+$", description[:said.start()], re.IGNORECASE)
                    # ("take the positive feedback from a 10k/15k divider": a divider the circuit is built with)
                    and not (kind == "divider" and _PART_OF.search(description[:said.start()]))
                    # ("out of the amp input (node a1)": another device's port, outside the circuit)
                    and not (re.match(r"\s+(?:input|output)s?\b", description[said.end():], re.IGNORECASE)
                             and re.search(r"\b(?:the|my|our|your|their)\s+$", description[:said.start()], re.I))
                    for said in re.finditer(words, description, re.IGNORECASE))}
    own = " ".join([family.summary, *family.names, family.noun or ""])
    items = []
    # (which frequencies a filter keeps, as the request's words say it: "low-frequency junk blocked and everything
    # from 10 kHz up let through" is no low-pass, whatever cutoff it has)
    # (low against high only: a band's words are read less surely, a sweep's range or a "narrow band" stopped)
    if (reading := read_function(description)) is not None and (side := _SIDES.get(reading.circuit)) \
            and re.search(r"\b(?:low|high)[- ]?pass\b", own, re.IGNORECASE) and not re.search(side, own, re.IGNORECASE):
        items.append(CheckItem(f"a {reading.circuit}, as the request's words say ('{reading.said}')", FAIL,
                               f"this answer is a {family.summary}"))
    if not asked or asked & {kind for kind, words in _KINDS.items() if re.search(words, own, re.IGNORECASE)}:
        return items
    return items + [CheckItem(f"a {' or '.join(sorted(asked))}, as the request asks", FAIL,
                              f"this answer is a {family.summary}")]


_SIDES = {"low-pass filter": r"low[- ]?pass", "high-pass filter": r"high[- ]?pass"}


# --- numbers the request writes that no reader item accounts for ---------------------------------
# A number read by nothing is checked by nothing: "gain exactly one", "down to a third", "three times
# in", "1000 times a second" were built with other values and said verified. So every number the
# request writes (figures, number words, fractions, multiples) must lie in the words of something the
# readers took (a value, a spec, a source, a part, a model parameter, an analysis, the family's name),
# or count parts the answer has that many of ("two resistors", "one op-amp", "a two-transistor mirror").

_FRACTIONS = {f"{word}{end}": bottom for words, bottom in (("half halve halves halved", 2), ("third", 3),
                                                          ("quarter fourth", 4), ("fifth", 5), ("sixth", 6),
                                                          ("eighth", 8), ("tenth", 10))
              for word in words.split() for end in ("", "s")}
_MULTIPLES = {f"{word}{end}": times for words, times in (("twice double doubling", 2), ("triple tripling", 3),
                                                        ("quadruple", 4), ("unity", 1))
              for word in words.split() for end in ("", "s", "d")}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
_MENTION = re.compile(
    r"(?P<fraction>\b(?:an?|one|two|three|four|five|\d+)[\s-]+(?:half|halves|thirds?|quarters?|fourths?|fifths?|"
    r"sixths?|eighths?|tenths?)\b|\bhalf\b(?![- ](?:wave|bridge|power)\b)"
    # (the noun: "its top halves", "the negative halves" of a wave)
    r"|(?<!top\s)(?<!upper\s)(?<!bottom\s)(?<!lower\s)(?<!positive\s)(?<!negative\s)(?<!the\s)(?<!its\s)(?<!both\s)"
    # ("the transformer halves are two sources": a noun; "halves the gain", "gain halved": a number)
    r"(?:\bhalved\b|\bhalves?\b(?=\s+(?:the|it|its|an?|that|this|my|your|every|each)\b)))"
    # ("half-wave": a circuit's name; "half-power": the -3 dB point, which a cutoff spec measures)
    r"|(?P<multiple>\b(?:twice|double[sd]?|doubling|triple[sd]?|tripling|quadruple[sd]?|unity)\b|(?<=[×x])\d+\b)"
    r"|(?P<ratio>(?<![\w/.])\d+\s*/\s*\d+(?![\w/.]))"
    rf"|(?P<ordinal>\b(?:{'|'.join(_ORDINALS)}|\d(?:st|nd|rd|th))(?=[\s-]+(?:order|pole|harmonic)))"
    rf"|(?P<word>\b(?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*\b)", re.IGNORECASE)
# Parts a count may name, and the answer's elements that are them ("op-amp": a call of an op-amp subcircuit;
# "npn", "nmos": a device whose model card is of that type; "supply": a steady voltage source; a bridge's arm).
_COUNTED = {"resistor": "R", "capacitor": "C", "cap": "C", "inductor": "L", "coil": "L", "diode": "D", "led": "D",
            "zener": "D", "transistor": "QMJ", "bjt": "Q", "mosfet": "M", "fet": "MJ", "jfet": "J", "switch": "SW",
            "op-amp": "X", "opamp": "X", "op amp": "X", "comparator": "X", "npn": "npn", "pnp": "pnp", "nmos": "nmos",
            "pmos": "pmos",
            "supply": "supply", "supplie": "supply", "batterie": "supply", "battery": "supply", "arm": "R",
            # ("three parts in parallel on node x": passive parts, the source driving them aside)
            "part": "RLC", "source": "VI"}
# "two resistors", "two 10 µF capacitors", "four equal 1k resistors", "two biasing diodes": up to five words
# between the number and the part, none of them a linking word.
_COUNT = re.compile(r"[\s-]+(?P<between>(?:(?!(?:and|or|of|with|to|from|at|in|on|for|by|the|an?|each|per)\b)"
                    r"(?:[-+]?\d*\.?\d+[^\s,;:()]*|[A-Za-zµμ\u03a9\u2126][\w-]*)\s+){0,5}?)"
                    rf"(?P<part>{'|'.join(sorted(_COUNTED, key=len, reverse=True))})(?:e?s)?\b", re.IGNORECASE)
_SPEC_UNITS = {"cutoff": "Hz", "f0": "Hz", "frequency": "Hz", "center": "Hz", "notch": "Hz", "ugbw": "Hz", "edge": "Hz",
               "vout": "V", "clip": "V", "hysteresis": "V", "ripple": "V", "current": "A", "width": "s", "rise": "s"}
_OPAMP = re.compile(r"op.?amp|^oa|comparator")  # an op-amp's model, or one used open-loop as a comparator
# ("3 CR sections": the sections' kind between the count and its noun)
_STRUCTURE = re.compile(r"[\s-]+(?:(?:RC|CR|RL|LC)[\s-]+)?"
                        r"(order|stage|pole|bit|input|phase|channel|transistor|op-amp|inverter|section)s?\b",
                        re.IGNORECASE)
_NEAR = re.compile(r"[A-Za-z][\w-]*")
_LADDER = re.compile(r"\s+(?:RC|RL|LC)\b")  # "two-stage RC low-pass": a ladder, its stages counted in reactances


# A figure stated as a bound ("no more than 1 mA", "at least 1 V/us", "below 10 uV", "2 mA or less").
_BOUNDED = re.compile(r"(?:\b(?:no|not)\s+(?:more|less|greater|lower|higher|larger|smaller)\s+than|"
                      r"\bat\s+(?:least|most)|\b(?:below|under|above|exceed(?:s|ing)?|"
                      r"(?:more|less|greater|lower|higher)\s+than|max(?:imum)?|min(?:imum)?|within)|"
                      r"[<>\u2264\u2265]=?)\s*[-+]?\s*$")
# A figure stated as a total ("total resistance 24k", "a combined resistance of 100k").
_TOTAL = re.compile(r"\b(?:total|combined|overall|summed|equivalent|effective|net)\b[^.,;:()]{0,20}?"
                    r"(?:of|is|=|:)?\s*$")
_BOUNDED_AFTER = re.compile(r"\s*(?:[a-zµμΩ%/]+\s*)?(?:or\s+(?:less|more|better|lower|higher|above|below|under|"
                            r"over)\b|max(?:imum)?\b|min(?:imum)?\b)")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


def number_mentions(text: str) -> list[Mention]:
    """Every number the text writes: figures with or without a unit ("10k", "3", "1 kHz"), number
    words ("eleven", "one"), fractions ("a third", "1/3"), multiples ("twice", "unity", "×4"),
    ordinals of an order ("second-order")."""
    found = [Mention(q.start, q.start + len(q.text), q.text) for q in _quantities(text)]
    for m_ in _MENTION.finditer(text):
        if any(f.start < m_.end() and m_.start() < f.end for f in found):
            continue
        if m_[0].lower() == "one" and re.search(r"\b(?:the|this|that|which|each|every|any|no|other|another)\s+$",
                                                text[:m_.start()], re.IGNORECASE):
            continue  # "from the one at node vp": a pronoun, no figure
        unit = re.match(r"\s?[munpkµμ]?[VA]\b", text[m_.end():]) if m_["ratio"] else None
        if unit:  # "0/5 V": two levels, not a fraction
            slash = text.index("/", m_.start())
            found += [Mention(m_.start(), slash, text[m_.start():slash].strip()),
                      Mention(slash + 1, m_.end() + unit.end(), text[slash + 1:m_.end() + unit.end()].strip())]
        else:
            found.append(Mention(m_.start(), m_.end(), m_[0]))
    return sorted(found, key=lambda f: f.start)


def mention_number(text: str) -> float | None:
    """The number a mention writes: "10k" 1e4, "two" 2, "a third" 1/3, "twice" 2, "unity" 1, "second" 2."""
    word = " ".join(text.lower().replace("-", " ").split())
    if qs := _quantities(text):
        return qs[0].value
    if ratio := re.fullmatch(r"(\d+)\s*/\s*(\d+)", word):
        return int(ratio[1]) / int(ratio[2]) if int(ratio[2]) else None
    if (fraction := re.fullmatch(r"(?:(\w+) )?(\w+)", word)) and (bottom := _FRACTIONS.get(fraction[2])) \
            and (fraction[1] or fraction[2] not in _ORDINALS):  # "a third", "two thirds", "half"; not "third"
        top = 1 if fraction[1] in (None, "a", "an") else mention_number(fraction[1])
        return top / bottom if top is not None else None
    for words in _MULTIPLES, _ORDINALS:
        if word in words:
            return float(words[word])
    if re.fullmatch(r"\d(?:st|nd|rd|th)", word):
        return float(word[0])
    if re.fullmatch(rf"(?:{_WORD})(?: (?:and )?(?:{_WORD}))*", word):
        return _words_value(word)
    numbers = re.findall(r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?", word)
    return float(numbers[0]) if numbers else None


def _bounds_measured(value: float, function: list) -> bool:
    """A bound the family's own checks measure: a probe's range ends at it ("gain above 0.9": a follower's gain
    checked within 0.9 to 1), or a check's target is it. A 0 or a 1 ends many ranges (a follower's 0.9 to 1) by
    chance, so it is no sign that the request's figure was read."""
    ends = [x for check in function for x in (getattr(check, "low", None), getattr(check, "high", None),
                                              getattr(check, "target", None)) if x is not None]
    # ... or a probe's narrow window holds it ("when sc_in falls below 1.2 V": a Schmitt threshold, checked 1.14-1.26)
    windows = [(low, high) for check in function if (low := getattr(check, "low", None)) is not None
               and (high := getattr(check, "high", None)) is not None]
    # ... or a probe says it measures that very level ("switches low at 2.1 V rising and high at 1.2 V falling")
    said = re.compile(rf"(?<![\w.]){re.escape(f'{value:g}')}\s*V\b")
    return abs(value) not in (0.0, 1.0) and (any(_same(abs(value), abs(x)) for x in ends) or any(
        low <= value <= high and high - low <= 0.25 * abs(value) for low, high in windows) or any(
        isinstance(check, Probe) and said.search(check.what) for check in function))


def _whole(value: float | None) -> int | None:
    return int(value) if value is not None and value == int(value) and value >= 0 else None


def _occurrences(text: str, words: str | None) -> list[tuple[int, int]]:
    # (a gap the request reader blanked is a note in parentheses there: "unity gain (0 dB) at 1 kHz")
    pattern = r"\s*(?:\([^()]*\)\s*)?".join(" ".join(map(re.escape, part.split()))
                                             for part in re.split(r"\s{2,}", (words or "").strip()) if part)
    return [(m_.start(), m_.end()) for m_ in re.finditer(pattern, text, re.IGNORECASE)] if pattern else []


def part_count(netlist: m.Netlist, what: str) -> int:
    """How many of the answer's elements are `what`: element letters ("R", "QMJ"), a device type
    ("npn", "nmos": by its model card), "X" (op-amp calls), "supply" (steady voltage sources)."""
    types = {c.name.lower(): c.type.lower() for c in netlist.statements if isinstance(c, m.Model)}
    zeners = {c.name.lower() for c in netlist.statements if isinstance(c, m.Model)
              and any(re.match(r"\s*bv\s*=", f.text, re.IGNORECASE) for f in c.params)}
    count = 0
    for st in netlist.body:  # the circuit's own parts, not those inside an op-amp's model
        if not isinstance(st, m.Element):
            continue
        letter, words = st.name[0].upper(), [f.text.lower() for f in st.fields if f.kind == "word"]
        if what == "X":
            count += letter == "X" and bool(words) and bool(_OPAMP.search(words[-1]))
        elif what in ("npn", "pnp", "nmos", "pmos"):
            count += letter in "QM" and any(types.get(w) == what for w in words)
        elif what == "zener":  # a diode whose card breaks down (BV)
            count += letter == "D" and any(w in zeners for w in words)
        elif what == "supply":
            count += letter == "V" and not any(f.kind == "func" for f in st.fields)
        else:
            count += letter in what
    return count


def _said(comments: str, number: float, after: str, before: str = "") -> bool:
    """The answer's comments state the number with a word of those after it in the request ("3-stage",
    "order 4", "1 dB ripple", "unity-gain"), or the word right before it ("Code 101"): the builder read it."""
    wanted = {w.lower()[:4] for w in _NEAR.findall(after)[:4] + _NEAR.findall(before)[-1:]}
    for mention in number_mentions(comments):
        value = mention_number(mention.text)
        near = _NEAR.findall(comments[max(0, mention.start - 24):mention.start])[-2:] + \
            _NEAR.findall(comments[mention.end:mention.end + 40])[:4]
        if value is not None and _same(value, number) and wanted & {w.lower()[:4] for w in near}:
            return True
    return False


def _measured(value: float, decibels: bool, multiple: bool, function: list) -> bool:
    """A gain the family's own checks measure ("unity", "0 dB" of a follower whose gain 1 is checked),
    or a multiple its function states ("×4" of one whose output "settles near 4 x 10 V")."""
    if not decibels and value <= 0:
        return False
    want = value if decibels else 20 * math.log10(value)
    for check in function:
        quantity, target = getattr(check, "quantity", None), getattr(check, "target", 0.0)
        if multiple and re.search(rf"(?<![\d.]){value:g} x ", getattr(check, "what", getattr(check, "text", ""))):
            return True
        if quantity == "gain" and target:
            at, within = 20 * math.log10(abs(target)), 20 * math.log10(1 + check.tolerance)
        elif quantity == "gain_db":
            at, within = target, check.tolerance
        else:
            continue
        if abs(at - want) <= within + 1e-9:
            return True
    return False


def _family_structure(family: Family | None, number: int, noun: str) -> bool:
    """The family's record names that many of that structure ("three-stage ring oscillator", a
    Butterworth of "orders two to six"), so its builder read the number."""
    if family is None:
        return False
    words = " ".join([family.summary, *family.names]).lower()
    stem = noun.lower().rstrip("s")
    for mention in number_mentions(words):
        said = words[mention.end:mention.end + 24]
        stated = _whole(mention_number(mention.text))
        if stated == number and re.match(rf"[\s-]+{stem}", said):
            return True
        upto = re.match(rf"\s+to\s+({_WORD}|\d+)\b", said)
        before = words[max(0, mention.start - 12):mention.start]
        if stated is not None and upto and re.search(rf"\b{stem}s?\s*$", before) \
                and stated <= number <= (_whole(mention_number(upto[1])) or 0):
            return True
    return False


def unread_numbers(description: str, intent: Intent, request: Request, family: Family | None,
                   netlist: m.Netlist, answer: str, function: list) -> list[CheckItem]:
    """An item for each number the request writes that no read item accounts for (not checked), and
    one for each count of parts (checked on the answer). `answer`: the netlist's text (its comments
    say what its builder read); `function`: the family's own checks (a gain they measure is read)."""
    # (as the request reader read it: a list's item numbers, "1. D1 anode ac1", are no figures of the circuit)
    text = request.description
    low = text.lower()
    spans: list[tuple[int, int]] = []  # words a reader took: a number starting in them is read
    for words in [*(spec.text for spec in request.specs), *(param.text for param in request.model_params)]:
        spans += _occurrences(text, words)
    for e in request.elements:
        spans += _occurrences(text, e.value_text)
    if family is not None:
        spans += covered_spans(family.kind, low)
        spans += [m_.span() for m_ in re.finditer(family.accepts, low)] if family.accepts else []
    valued = [span for v in [*intent.values.values(), *intent.extra_values] for span in _occurrences(text, v.text)]
    # Clauses a reader took with some of their figures: only those figures are read.
    clauses: list[tuple[tuple[int, int], list[float]]] = []
    for e in request.elements:
        figures = [x for x in (e.value,) if x is not None] + [float(n) for n in e.nodes or () if n and n.isdigit()]
        figures += [float(x) for x in re.findall(r"\d+(?:\.\d+)?", e.value_text or "")]  # "5 mS" read as 5m
        figures += [x for p in e.params if (x := parse_number(p.split("=")[-1])) is not None]  # "IC=5"
        # a behavioural source's law, written as stated ("V=0.5*v(bi)*v(bi)"): its figures
        figures += [float(x) for p in e.params if e.kind == "B" for x in re.findall(r"(?<![\w.])\d+(?:\.\d+)?", p)]
        clauses += [(span, figures) for span in _occurrences(text, e.text)]
        if e.name and e.nodes and all(e.nodes):  # "a VCCS of 4 mS written G2 0 gout gc 0": its card, said elsewhere
            card = re.search(rf"(?<![\w.]){re.escape(e.name)}" + "".join(rf"\s+{re.escape(n)}" for n in e.nodes if n)
                             + r"(?![\w.])", text, re.IGNORECASE)
            clauses += [(card.span(), figures)] if card else []
    for s in request.sources:
        figures = [x for x in (s.dc, s.ac, *(s.sin or ()), *(s.pulse or ()), *(s.pwl or ())) if x is not None]
        figures += [float(n) for n in (s.node, s.minus or "0") if n and n.isdigit()]  # "v1 in 0 dc 5": its ground
        clauses += [(span, figures) for span in _occurrences(text, s.text)]
    analysed = [x for a in intent.analyses for w in a.directive.split()[1:] if (x := parse_number(w)) is not None]
    nodes = {n for n in [*request.nodes, *intent.nodes, request.output, request.input] if n}
    comments = "\n".join(line.lstrip("* ") for line in answer.splitlines()[1:] if line.startswith("*"))
    written = typed_numbers(netlist)
    measured = [span for words in [*(spec.text for spec in request.specs), *(p.text for p in request.model_params)]
                for span in _occurrences(text, words)]
    measured += [said.span() for said in _BOUND.finditer(text)]  # "no resistor above 100k": checked on each one
    items = []
    for mention in number_mentions(text):
        # "6 V/V", "2 mA/V", "1 V/us": a ratio of units, which no single-unit value stands for
        compound = bool(re.match(r"\s*(?:[munpkµμMG]?(?:V|A|W|Hz|s|Ω|ohms?)\s*)?/\s*[A-Za-zµΩ]",
                                 text[mention.end:]))
        value = mention_number(mention.text)
        before = max(0, mention.start - 24)
        bound = _BOUNDED.search(low[before:mention.start]) or _TOTAL.search(low[before:mention.start])
        after = _BOUNDED_AFTER.match(low, mention.end)
        if re.search(r"-\s*>\s*$", low[before:mention.start]):
            bound = None  # "RS 680 js->0": a part's ends written with an arrow, no bound ">0"
        if (bound or after) and value is not None and _bounds_measured(value, function):
            continue  # the family's own checks measure it
        if (bound or after) and value is not None and not any(a <= mention.start < b for a, b in measured) \
                and not any(_same(value, x) for x in analysed) and not _COUNT.match(text, mention.end) \
                and not _bounds_measured(value, function):
            # "the divider current no more than 1 mA", "noise below 10 uV", "total resistance 24k": a bound or a
            # total is a spec, met only where a spec measures it; a value read from its figure (a design current,
            # an amplitude, one part's value) is no check of it
            said = text[before + bound.start() if bound else mention.start:after.end() if after else mention.end]
            if bound and re.match(r"(?:total|combined|summed)\s+resistance\b", bound[0]) and not after:
                items.append(_total_resistance(said.strip(), value, netlist))  # a divider's: its resistors' sum
            else:
                items.append(CheckItem(f"'{said.strip()}' in the request", UNCHECKED,
                                       "a bound or total that no check measures"))
            continue
        if any(a <= mention.start < b for a, b in spans + ([] if compound else valued)):
            continue
        if value is None:
            continue
        if any(a <= mention.start < b and any(_same(value, x) for x in xs) for (a, b), xs in clauses):
            continue
        if not compound and any(_same(value, x) for x in analysed):
            continue
        if (end := _RANGE_END.match(text, mention.end)) and not any(q.unit for q in _quantities(mention.text)) \
                and (scaled := _quantities(f"{value:g}{end['unit']}")) \
                and any(_same(scaled[0].value, x) for x in analysed):
            continue  # "60-100 ms": the range's first end in its second's unit, an analysis's figure
        if value == 0 and _RANGE.match(text, mention.end):
            continue  # "from 0 to 2 ms": a range from zero, its end read
        if mention.text.rstrip().endswith("%") and any(_same(value, d / 100) or _same(value, d) for d in written["%"]):
            continue  # "a 50 % square wave": the duty its pulse is written with
        unit = _quantities(mention.text)[0].unit if _quantities(mention.text) else ""
        if unit and any(_SPEC_UNITS.get(spec.quantity) == unit and _same(value, spec.target) for spec in request.specs):
            continue  # "around 10 kHz ..., centre 10 kHz": the spec's target said twice
        if mention.text.lower() in nodes and re.search(r"\bnodes?\s+(?:\w+\s*(?:,|and)\s*)*$", text[:mention.start],
                                                       re.IGNORECASE):
            continue  # "node 2": a name
        if (word := re.search(r"\b[a-z_]\w*$", low[:mention.start])) and f"{word[0]}{mention.text.lower()}" in nodes:
            continue  # "x2" read as "times 2": a node's name
        number = _whole(value) if not _quantities(mention.text) or mention.text.isdigit() else None
        structure = _STRUCTURE.match(text, mention.end)
        if number is not None and structure and _family_structure(family, number, structure[1]):
            continue
        reactive = sum(1 for st in netlist.body if isinstance(st, m.Element) and st.name[0].upper() in "CL")
        ladder = structure and structure[1].lower() == "stage" and _LADDER.match(text, structure.end())
        if number is not None and structure and (structure[1].lower() in ("order", "pole") or ladder) \
                and reactive == number:
            items.append(CheckItem(f"'{text[mention.start:structure.end()]}' in the request", PASS,
                                   f"capacitors and inductors in the netlist: {reactive}"))
            continue  # a filter's order is its count of energy-storing parts (outside its op-amps' models)
        # ("seven-inverter ring", "5-stage ring oscillator": a CMOS inverter is one P-channel device)
        cards = {st.name.lower(): st.type.lower() for st in netlist.statements if isinstance(st, m.Model)}
        pulls = sum(1 for st in netlist.body if isinstance(st, m.Element) and st.name[0].upper() == "M"
                    and len(st.fields) > 4 and cards.get(st.fields[4].text.lower()) == "pmos")
        if number is not None and structure and structure[1].lower() in ("inverter", "stage") and pulls \
                and re.search(r"\bring\b", text, re.IGNORECASE) and pulls == number:
            items.append(CheckItem(f"'{text[mention.start:structure.end()]}' in the request", PASS,
                                   f"CMOS inverters (P-channel devices) in the netlist: {pulls}"))
            continue
        multiple = mention.text.lower() in _MULTIPLES or bool(re.search(r"[×x]$", text[:mention.start])) \
            or bool(re.match(r"\s*times\b", text[mention.end:], re.IGNORECASE))
        if _measured(value, bool(re.match(r"\s*dB\b", text[mention.end:])), multiple, function) \
                or _said(comments, value, text[mention.end:mention.end + 40],
                         text[max(0, mention.start - 16):mention.start]):
            continue
        if mention.text.lower() == "unity" and re.match(r"[\s-]+gain\b", low[mention.end:]) \
                and (followers := _followers(netlist)) is not None:
            items.append(CheckItem(f"'{low[mention.start:mention.end + 5]}' in the request",
                                   PASS if followers else FAIL,
                                   "its op-amps are followers" if followers else "an op-amp has gain of its own"))
            continue
        if number is not None and (level := re.search(r"\blevel[\s-]*$", low[:mention.start])):
            items.append(_level(low[level.start():mention.end], number, netlist))
            continue
        if re.search(r"\b(?:k|coupling(?:\s+(?:coefficient|factor))?)\s*(?:=|:|of|is)?\s*$", low[:mention.start]):
            couplings = [v for st in netlist.statements if isinstance(st, m.Element) and st.name[0].upper() == "K"
                         if (v := _element_value(st)) is not None]
            items.append(CheckItem(f"'{text[max(0, mention.start - 4):mention.end].strip()}' in the request",
                                   PASS if any(_same(value, k) for k in couplings) else FAIL,
                                   f"coupling {', '.join(f'{k:g}' for k in couplings) or 'none'} in the netlist"))
            continue
        if not _quantities(mention.text) or not _quantities(mention.text)[0].unit:
            digits = re.sub(r"^0+|0+$", "", f"{abs(value):.6g}".split("e")[0].replace(".", ""))
            if len(digits) >= 3 and any(_same(value, x) for xs in written.values() for x in xs):
                continue  # "beta 3950" in the answer's .param: a figure that particular is the request's
        counted = _COUNT.match(text, mention.end)
        if counted and re.search(r"\b(?:not|no|without|instead\s+of)\s+(?:the\s+|an?\s+)?$", low[:mention.start]):
            continue  # "not the three-op-amp kind": what the answer is not
        if number is not None and counted:
            items.append(_counted(text[mention.start:counted.end()], number, counted, netlist))
            continue
        if re.search(r"\ball\s+$", low[:mention.start]) and re.match(r"\s+(?:use|uses|share|have|are|get)\b",
                                                                     low[mention.end:]):
            continue  # "D1 ...; D4 ...; all four use .model DBR": the parts just listed, named again together
        items.append(CheckItem(f"'{mention.text}' in the request", UNCHECKED, "it was not read, so it is not checked"))
    return items + _repeated_values(text, measured, netlist)


# A bare figure's scale says its part: "10k", "2.2meg" ohms; "33n", "100p" farads ("10u", "1m" could be either).
_SCALE_PART = {1e3: "R", 1e6: "R", 1e-9: "C", 1e-12: "C"}
_UNIT_PART = {"ohm": "R", "F": "C", "H": "L"}
_PART_NAMES = {"R": "resistors", "C": "capacitors", "L": "inductors"}


_ANALYSIS_LINE = re.compile(r"\.(?:ac|dc|tran|noise|tf)\b(?:[^;,\n.]|\.(?=\d))*"
                            r"|\b(?:dec|oct|lin)\s+\d+(?:\s+[\d.]+[a-z]*){2}", re.IGNORECASE)


def _repeated_values(text: str, measured: list[tuple[int, int]], netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each part value the request writes more often than the answer has parts of it ("R1 =
    10k, R2 = 10k, load resistor 10k across R2" answered with two 10k: a clause the reader joined to a part's was
    a part of its own, and its figure looked read because the other parts' figure is the same)."""
    said: dict[tuple[str, float], list[str]] = defaultdict(list)
    last: dict[tuple[str, float], int] = {}
    # (a waveform's own figures, "SIN(0 1 1k)", are its frequency and levels, no part's value)
    # (... nor an analysis line's, ".ac dec 100 10k 10meg", "dec 20 10k 1meg": its range)
    waves = [w.span() for w in SPICE_WAVE.finditer(text)] + [a.span() for a in _ANALYSIS_LINE.finditer(text)]
    for mention in number_mentions(text):
        quantity = next(iter(_quantities(mention.text)), None)
        if quantity is None or any(a <= mention.start < b for a, b in measured + waves) \
                or _model_parameter(text, mention.start, mention.end) or re.match(r"\s*/\s*\d", text[mention.end:]) \
                or re.match(r"[\s-]*(?:[a-z]+[\s-]+)?[a-z]{3,}(?<!s)s\b", text[mention.end:]) \
                or re.match(r"\s*(?:ohms?|\u03a9)?\s+(?:signal\s+)?(?:generator|source)\b", text[mention.end:], re.I):
            # "a 100k/1 nF low-pass", "between 50 ohm terminations": parts said together, then one by one; "a 50 ohm
            # generator ..., then 50 ohm": the generator's resistance, the series part said after
            continue
        part = _UNIT_PART.get(quantity.unit) if quantity.unit else _SCALE_PART.get(quantity.mult)
        key = (part or "", quantity.value)
        if part is not None and not (key in last and re.fullmatch(r"[^()]{0,30}\(\s*", text[last[key]:mention.start])):
            said[key].append(mention.text)  # "a 10k input (10k from amp_in to ground)": one part, said again
        last[key] = mention.end
    params = reading.params(netlist)
    elements = [st for st in netlist.body if isinstance(st, m.Element)]
    # a part modelled by a parameter ("r25=10k" of an NTC's behavioural source), not an element's own value
    values = {field.text.strip("{}'").lower() for st in elements if (field := layout(st).value) is not None}
    modelled = [v for name, v in params.items() if name not in values]
    items = []
    for (part, value), texts in said.items():
        if len(texts) < 2:
            continue
        have = sum(1 for st in elements if st.name[0].upper() == part
                   and (v := _resistance(st, params)) is not None and _same(v, value)) \
            + sum(1 for v in modelled if _same(v, value))
        if have < len(texts):
            items.append(CheckItem(f"'{texts[0]}' written {len(texts)} times in the request", FAIL,
                                   f"{have} {_PART_NAMES[part]} of that value in the netlist"))
    return items


def _total_resistance(words: str, value: float, netlist: m.Netlist) -> CheckItem:
    """"total resistance of 47k": the answer's resistors add up to it (±2 %, standard values' rounding)."""
    params = reading.params(netlist)
    values = [_resistance(st, params) for st in netlist.body if isinstance(st, m.Element) and st.name[0].upper() == "R"]
    total = sum(v for v in values if v is not None)
    ok = None not in values and abs(total - value) <= 0.02 * value
    return CheckItem(f"'{words}' in the request", PASS if ok else FAIL, f"the resistors add up to {total:g} ohm")


def _followers(netlist: m.Netlist) -> bool | None:
    """Whether every op-amp of the answer is wired as a follower (its output on its inverting input),
    the "unity-gain" stage of a Sallen-Key; None when it has no op-amp."""
    ports = {s.name.lower(): [f.text.lower() for f in s.ports] for s in netlist.statements if isinstance(s, m.Subckt)}
    calls = []
    for st in netlist.statements:
        if not isinstance(st, m.Element) or st.name[0].upper() != "X":
            continue
        words = [f.text.lower() for f in st.fields if f.kind == "word"]
        if words and _OPAMP.search(words[-1]) and words[-1] in ports:
            pins = dict(zip(ports[words[-1]], words))
            minus = next((pins[p] for p in pins if re.fullmatch(r"inn|in-|inm|n|neg|minus|inv", p)), None)
            calls.append(minus is not None and minus == pins.get("out"))
    return all(calls) if calls else None


def _level(words: str, number: int, netlist: m.Netlist) -> CheckItem:
    """"level-1 MOS models": the answer's model cards are of that level (ngspice's default is 1)."""
    levels = [parse_number(p.value.text) for c in netlist.statements if isinstance(c, m.Model)
              for p in c.params if p.kind == "assign" and p.name.lower() == "level" and p.value is not None]
    have = sorted({int(x) for x in levels if x is not None} or {1})
    return CheckItem(f"'{words}' in the request", PASS if have == [number] else FAIL,
                     f"model level {', '.join(map(str, have))}")


def _counted(words: str, number: int, counted: re.Match, netlist: m.Netlist) -> CheckItem:
    """"two resistors": that many in the answer; "two 10 µF capacitors": at least that many of that value."""
    what = _COUNTED[counted["part"].lower()]
    sized = [q for q in _quantities(counted["between"]) if q.unit or q.scaled]
    values = [v for st in netlist.body if isinstance(st, m.Element) and st.name[0].upper() in what
              if (v := _element_value(st)) is not None] if what in "RCLD" else []
    if sized and what in "RCLD":
        have = sum(1 for v in values if _same(v, sized[0].value))
        return CheckItem(f"'{words}' in the request", PASS if have >= number else FAIL,
                         f"{have} of {sized[0].text} in the netlist")
    if re.search(r"\b(?:equal|identical|matched)\b", counted["between"], re.IGNORECASE) and values:
        have = max(sum(1 for v in values if _same(v, w)) for w in values)  # that many of one value, others aside
        return CheckItem(f"'{words}' in the request", PASS if have >= number else FAIL,
                         f"at most {have} of one value in the netlist")
    have = part_count(netlist, what)
    if re.search(r"[A-Za-z]", counted["between"]):  # "two input-stage feedback resistors": those of a kind, some of all
        return CheckItem(f"'{words}' in the request", PASS if have >= number else FAIL,
                         f"{have} in the netlist, at least that many")
    return CheckItem(f"'{words}' in the request", PASS if have == number else FAIL, f"{have} in the netlist")


def _element_value(element: m.Element) -> float | None:
    value = layout(element).value
    return parse_number(value.text) if value is not None else None


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-30)


# --- nodes and pins the request places, looked for in the answer ----------------------------------
# The reader may miss where a sentence puts a node ("a square wave at clk") or misplace a pin ("D1 anode
# at out and cathode to ground, D2 anode at ground and cathode at out" gave D2 the pins of D1), and the
# checklist checks only what it read. So, reading the request again on its own: each node written after
# "at", "on" or "into" must be one of the answer's nodes, and each pin a part's words place ("D2 anode at
# ground", "the collector c") must be on that node in the answer: a diode, a source or a transistor has
# an orientation, so its pins are checked one by one.

_AT_NODE = re.compile(r"\b(?:at|on|into|onto)\s+(?:node\s+)?(?P<n>[a-z_][a-z0-9_]*)\b(?![=(]|\s*=)", re.IGNORECASE)
_FROM_NODE = re.compile(r"\b(?i:from)\s+(?:(?i:node)\s+)?(?P<n>[a-z_][a-z0-9_]*)\b(?![=(]|\s*=)"
                        r"(?=\s+(?i:via|through|thru|to|into)\b)")
# "20k (w2), 40k (w1)": a name in lower case in parentheses after a value, the node that part goes to
_VALUE_NODE = re.compile(r"(?<![\w.])\d[\d.]*\s*(?:meg|[kKmunpµ])?\s*(?:ohms?|\u03a9)?\s*\(\s*(?:node\s+)?"
                         r"(?P<n>(?!(?:msb|lsb)\b)[a-z_][a-z0-9_]*)\s*\)")
# ... or a node a stage drives: a short name or one with a digit or underscore (not "driving loads")
_DRIVES_NODE = re.compile(r"\b(?:driv(?:es|ing)|feed(?:s|ing))\s+(?:node\s+)?(?P<n>[a-z_][a-z0-9_]*)\b"
                          r"(?![=(]|\s*=)(?!\s+\w)", re.IGNORECASE)
# Words after "at"/"on" that are no node names ("at least", "on top", "at the output", "at input in").
_NOT_NODE_WORDS = NOT_NODES | ARTICLES | IDIOMS
_PINS = {"D": ("anode", "cathode"), "Q": ("collector", "base", "emitter"),
         "M": ("drain", "gate", "source", "bulk|body|substrate"), "J": ("drain", "gate", "source")}
_PIN_WORD = re.compile(r"(?<![\w-])(?P<pin>anode|cathode|collector|base|emitter|drain|gate|source|bulk|body|substrate)"
                       r"\s+(?:(?:is|are|goes|sits|tied|connected|held)\s+)?(?P<prep>(?:at|to|on|into)\s+)?"
                       r"(?:node\s+)?(?P<n>(?!(?:at|to|on|into|and|or|with|by|from|through|via|of|is|are|held|tied|"
                       r"connected)\b)[A-Za-z_]\w*)\b(?![=(]|\s*=|\s+(?:through|via|by)\b)")  # not "to x through 1M"
_GROUNDED = {"ground", "gnd", "grounded", "earth", "0"}
# "input ac, output dc": a port named, in lower case and ending its clause, with a word the readers take for a kind of
# signal (it had been built as in/out and verified; "the output is DC", "output dc level" name no node)
_KEYWORD_PORT = re.compile(r"\b(?i:input|output)\s+(?:(?i:node)\s+)?(?P<n>ac|dc)(?=\s*(?:[,;.)]|$|\s+and\b))")


def named_nodes(description: str, request: Request, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each node the request writes after "at", "on" or "into", or lists after a node noun, that
    the answer does not have (the request's nodes the reader took are checked by the checklist already)."""
    have, read = reading.nodes(netlist.statements), set(request.nodes)
    items, seen = [], set()
    for said in _KEYWORD_PORT.finditer(description):
        if said["n"] not in have and said["n"] not in seen:
            seen.add(said["n"])
            items.append(absent(said["n"], said[0]))
    for said in _NODE_LIST.finditer(description):
        for node in re.split(r"\s*,\s*|\s+and\s+", said["list"]):
            if re.search(r"\d|_", node) and node not in have and node not in read and node not in seen:
                seen.add(node)
                items.append(absent(node, said[0]))
    # after a word of place ("at VIN", "into RL": a part's name, not a node); then, read more strictly (a short name
    # or one with a digit or underscore, no plain word), the node a stage drives ("... driving hout") and a name in
    # parentheses after a value ("then 20k (w2), 40k (w1)")
    # ... and the node something comes from ("drive it from tkin via a 10k resistor"), read as strictly
    loose = [*_DRIVES_NODE.finditer(description), *_VALUE_NODE.finditer(description), *_FROM_NODE.finditer(description)]
    for said in [*_AT_NODE.finditer(description), *loose]:
        node = said["n"].lower()
        if node in _NOT_NODE_WORDS or node in _GROUNDED or node in have or node in read or node in seen or (
                plain(node) or not (re.search(r"[\d_]", node) or len(node) <= 5) if said in loose
                else said["n"][0].isupper()):
            continue
        seen.add(node)
        items.append(absent(node, said[0]))
    return items


# "gain from sig (through C1) to oc", "the output at node vo", "a negative rail at vneg": the nodes a request
# measures between. The answer's checks must measure there, or they verified something else.
_PATH = re.compile(r"\b(?:gain|response|transfer|attenuation)\b[^.;:=()]{0,40}?\bfrom\s+(?:node\s+)?(?P<a>[a-z_]\w*)\b"
                   r"(?:\s*\([^)]*\))?\s+to\s+(?:(?:the\s+)?[a-z]+\s+)?(?:node\s+)?(?P<b>[a-z_]\w*)\b")
# ("output at the upper collector, node casout": the node the output's clause names, read first)
_OUTPUT_AT = re.compile(r"\boutput\s+(?:is\s+)?(?:taken\s+)?(?:at|on|from)\s+the\s+(?:[a-z]+\s+){0,3}?[a-z]+,?\s+"
                        r"(?:node|net)\s+(?P<n2>[a-z_]\w*)\b"
                        r"|\b(?:output|(?:negative|regulated|boosted|doubled|inverted)\s+rail)\s+(?:(?:is|sits)\s+)?"
                        r"(?:(?:at|on)\s+(?:node\s+)?|node\s+)(?P<n>[a-z_]\w*)\b"
                        # "node ia is the input, oa the output", "the output emitter (node dar_out)", "comes out at vo"
                        r"|(?:[,;:]\s*|\bnode\s+(?=\w+\s+is\b))(?P<n3>[a-z_]\w*)\s+(?:is\s+)?the\s+output(?=\s*(?:[,.;)]|$))"
                        r"|\boutput\s+(?:[a-z]+\s+){0,2}?\((?:node|net)\s+(?P<n4>[a-z_]\w*)\)"
                        r"|\bcomes?\s+out\s+(?:at|on)\s+(?:node\s+)?(?P<n5>[a-z_]\w*)\b")


def measured_ports(description: str, output: str, input_node: str | None) -> list[CheckItem]:
    """A failing item when the request names the output (or the input a gain is taken from) at a node
    other than the one the answer's checks measure."""
    items = []
    said_out = [next(n for n in m_.group("n", "n2", "n3", "n4", "n5") if n)
                for m_ in _OUTPUT_AT.finditer(description)] + \
        [m_["b"] for m_ in _PATH.finditer(description)]
    said_in = [m_["a"] for m_ in _PATH.finditer(description)]
    for role, said, measured in (("output", said_out, output), ("input", said_in, input_node)):
        nodes = [n.lower() for n in said  # "the output node names appear in the circuit": no node
                 if n.lower() not in _NOT_NODE_WORDS | _GROUNDED | _PIN_NOUNS | {"name", "names"}]
        if nodes and measured is not None and measured.lower() not in nodes:
            items.append(CheckItem(f"the {role} at {nodes[0]}, as the request names it", FAIL,
                                   f"this answer's checks measure its {role} at {measured}"))
    return items


def stated_pins(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """An item for each pin a part's own words place ("D2 anode at ground and cathode at out", "Q1 with
    its collector at c"), checked on that part in the answer; a pin of the one device of its kind when
    the request names none ("the collector c" of "a single NPN")."""
    elements = {st.name.upper(): st for st in netlist.statements if isinstance(st, m.Element)}
    names = designators(description)
    marks: list[tuple[int, int, str]] = []  # where each part is first named: its words run to the next one's
    for mk in _TOKEN.finditer(description):
        if mk[0] in names and mk[0].upper() not in {name.upper() for _, _, name in marks}:
            marks.append((mk.start(), mk.end(), mk[0]))
    items = []
    for i, (_, end, name) in enumerate(marks):
        kind = name[0].upper()
        if kind not in _PINS:
            continue
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(description)
        sentence = re.search(r"\.(?:\s|$)|;", description[end:stop])
        words = description[end:end + sentence.start() if sentence else stop]
        items += _pins_of(name, kind, words, elements.get(name.upper()))
    if not any(mk[2][0].upper() in _PINS for mk in marks):
        for kind in _PINS:  # one device and no part names: the pins the request gives are its
            devices = [e for e in elements.values() if e.name[0].upper() == kind]
            if len(devices) == 1:
                items += _pins_of(devices[0].name, kind, description, devices[0], unnamed=True)
    return items


def _pins_of(name: str, kind: str, words: str, element: m.Element | None, unnamed: bool = False) -> list[CheckItem]:
    items = []
    for said in _PIN_WORD.finditer(words):
        index = next((k for k, pin in enumerate(_PINS[kind]) if re.fullmatch(pin, said["pin"], re.IGNORECASE)), None)
        node = said["n"].lower()
        bare = not said["prep"]  # "the collector c": a short lower-case name right after the pin
        if index is None or node in _NOT_NODE_WORDS or (bare and node not in _GROUNDED and
                                                        (len(node) > 3 or not said["n"].islower())):
            continue
        if re.search(r"(?<![\w.])\d[\d.]*\s*(?:meg|[fpnuµμmkKM])?\s*(?:Ω|ohms?|F|H)?\s*(?:from\s+)?$",
                     words[:said.start()]):
            continue  # "C2 = 10n emitter to ground": a part's ends, its value just said
        owner = re.search(r"\b(\w+)'s\s*$", words[:said.start()])
        if owner and owner[1].upper() != name.upper() and not unnamed:
            continue  # "DB's cathode at ground" in DA's words: DB's pin
        if unnamed and said["pin"] == "source" and not re.search(r"(?:^|\b(?:its|the|and|with)|[,;(])\s*$",
                                                                 words[:said.start()]):
            continue  # "a pulse source at gate": a voltage source, not a MOSFET's pin
        if not bare and node not in _GROUNDED and not said["n"].islower():
            continue  # "source at VIN": a part
        node = "0" if node in _GROUNDED else node
        if element is None:
            continue  # a part the answer lacks is reported by its name
        pins = [f.text.lower() for f in layout(element).nodes]
        have = pins[index] if index < len(pins) else None
        have = "0" if have in _GROUNDED else have
        what = f"{'the ' + _PINS[kind][index].split('|')[0] + ' of ' + name if unnamed else name + ' ' + said['pin']}" \
               f" at {node}"
        items.append(CheckItem(f"{what} ('{said[0].strip()}' in the request)", PASS if have == node else FAIL,
                               f"{name} has it at {have}"))
    return items


def idle_sources(netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each independent source with an end nothing else touches ("VD drain 0 DC 5"
    beside a MOSFET whose drain is elsewhere: the sweep measures 0 A and the answer looked fine), unless
    an expression reads that node (a behavioural part's v(t))."""
    elements = [st for st in netlist.body if isinstance(st, m.Element)]
    touched: dict[str, int] = defaultdict(int)
    for st in elements:
        for f in layout(st).nodes:
            touched[f.text.lower()] += 1
    read = " ".join(f.text for st in elements for f in st.fields if f.kind != "word").lower()
    items = []
    for st in elements:
        if st.name[0].upper() not in "VI":
            continue
        for f in layout(st).nodes:
            node = f.text.lower()
            expression = re.search(rf"\bv\(\s*{re.escape(node)}\s*[,)]", read)
            if node not in _GROUNDED and touched[node] == 1 and not expression:
                items.append(CheckItem(f"{st.name} drives node {node}", FAIL, "nothing else connects to that node"))
    return items


# --- what the request states outright that no reader item carried --------------------------------
# Each rule below is a plain statement a request makes (an analysis it names, a polarity, a node it
# sets, where a group of parts goes, a node's DC level); each was seen built otherwise and said verified.

# "Operating point and AC.", "AC analysis", "AC and transient": an analysis asked for by name.
_NAMED_ANALYSES = {
    "ac": re.compile(r"\bAC\b(?=\s*(?:analys[ie]s|sweep|simulation|response\b|[.;]|$))|(?<=\band\s)AC\b(?!\s*\d)"
                     r"|\bAC(?=\s+and\s+(?:transient|tran|op|operating|dc|noise)\b)"
                     # "AC at 1 kHz only": one frequency's
                     r"|\b(?i:ac)\s+(?:(?i:analysis|sweep|simulation)\s+)?(?i:at|only\s+at)\s+[\d.]+\s*(?:[kKMG]|meg)?\s*(?i:hz)\b"),
    "tran": re.compile(r"\btransient\s+(?:analysis|simulation|run|sweep)\b", re.IGNORECASE),
    "tf": re.compile(r"\bDC\s+(?:small[- ]signal\s+)?transfer\s+function\b|(?<![\w.])\.tf\b", re.IGNORECASE),
}
_INVERTING = re.compile(r"(?<!non)(?<!non[- ])\binvert(?:ed|s|ing)?\b(?!\s+(?:input|terminal|pin|node|side)s?\b)",
                        re.IGNORECASE)
_NON_INVERTING = re.compile(r"\bnon[- ]?inverting\b(?!\s+(?:input|terminal|pin|node|side)s?\b)", re.IGNORECASE)
# "fed across ac1 and ac2", "between p1 and n1": a pair of short lower-case names, or names with a digit.
_PAIR = re.compile(r"\b(?:across|between)\s+(?:nodes?\s+)?(?P<a>[a-z_]\w*)\s+and\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b")
_PIN_NOUNS = {"anode", "cathode", "collector", "base", "emitter", "drain", "gate", "source", "them", "each", "rail",
              "rails", "two", "three", "four", "ends", "pins"}
# "tied to vcc = 10 V": a supply rail named in lower case with its level is a node of the circuit.
_RAIL_LEVEL = re.compile(r"(?<![\w.])(?P<n>v(?:cc|dd|ee|ss)\w*)\s*=\s*[-+]?\d", re.IGNORECASE)
# "in sits at 1.5 V DC", "bias is held at 2.5 V", "inputs p and q both tied to 1.2 V": nodes' steady level.
_HELD = re.compile(r"(?<![\w.])(?P<n>[a-z_]\w*(?:\s*(?:,|\band\b|&)\s*[a-z_]\w*)*)\s+(?:(?:both|all|each)\s+)?"
                   r"(?:(?:is|are)\s+)?(?:sits?|held|biased|rests?|stays?|tied|fixed|kept)\s+(?:(?:high|low)\s+)?(?:at|to)\s+"
                   r"(?P<v>[-+]?\d*\.?\d+)\s*(?P<u>[mµu]?)V\b")
# "turns the 0.35 V on node sens into ...", "2.5 V at ref": a level said on a node, in a clause that says no wave
# ("a 1 V peak sine at in"), no range ("0 to 1 V at sens", "-1 V..+1 V at in"), no list of levels ("5 V/0 V on
# b3..b0") and no logic family ("3.3 V logic at a")
_LEVEL_ON = re.compile(r"(?<![\w./])(?<!\bto\s)(?<!-)(?<!\.\.)(?<!\.\.[-+])(?P<v>[-+]?\d*\.?\d+)\s?(?P<u>[mµu]?)V\b"
                       r"(?!\s+(?:logic|to|-))(?!\s*(?:/|\.\.))"
                       r"\s+(?:DC\s+)?(?:on|at)\s+(?:node\s+)?(?P<n>[a-z_][a-z0-9_]*)\b(?!\s*=|\.\.)")
_CLAUSE_WAVE = re.compile(r"\b(?:sine|sin|sinus\w*|peak|pk|amplitude|ac|rms|p-?p|pp|step|pulse|square|triangle|ramp|"
                          r"swing|signal|ripple|wave|clock|tone|burst|[kmg]?hz|jumps?|rises?|falls?)\b|±|\+/-",
                          re.IGNORECASE)
# "Source node r0, taps r1 and r2, output r3": names a node noun lists, written as names are (a digit or an underscore:
# "r1" here is no resistor R1, and an answer with R1 but no node r1 lacks it)
_NODE_NOUN = r"(?:nodes?|taps?|nets?|junctions?|outputs?|inputs?)"
_LISTED = rf"(?!{_NODE_NOUN}\b)[a-z_][a-z0-9_]*"
_NODE_LIST = re.compile(rf"\b{_NODE_NOUN}\s+(?:(?:are|at|on)\s+)?(?:(?:called|named)\s+)?"
                        rf"(?P<list>{_LISTED}(?:\s*,\s*{_LISTED})*(?:\s*,?\s+and\s+{_LISTED})?)(?![\w(=])"
                        r"(?!\s+(?:at|on)\s+node\b)")
_WAVES = ("pulse", "pwl", "exp", "sffm")  # a source that steps or ramps holds its node at no one level
def _series_chain(parts: list[m.Element], a: str, b: str, count: int) -> list[str]:
    """The names of `count` of the two-ended parts that lead one after another from node a to node b through inner
    nodes no other of them touches twice (a path, not a loop); empty when there is none."""
    ends = {e.name: ["0" if f.text.lower() in _GROUNDED else f.text.lower() for f in layout(e).nodes][:2]
            for e in parts}

    def walk(at: str, used: list[str]) -> list[str]:
        if len(used) == count:
            return used if at == b else []
        visited = {a, *(n for name in used for n in ends[name])}
        for name, (x, y) in ends.items():
            if name not in used and at in (x, y):
                nxt = y if x == at else x
                if (nxt == b and len(used) + 1 == count) or nxt not in visited | {b}:
                    if found := walk(nxt, [*used, name]):
                        return found
        return []
    return walk(a, [])


# "two anti-parallel diodes from out to ground", "two 10k resistors in parallel from out to ground": every part of the
# group between those two nodes; "three diodes in series from a to k": a chain of that many from one to the other.
_GROUP = re.compile(r"\b(?P<count>two|three|four|\d)\s+(?:[\w.-]+\s+){0,3}?"
                    r"(?P<part>diode|resistor|capacitor|inductor)s\s+(?:(?:are|each|all|connected|wired|placed)\s+)?"
                    r"(?:in\s+(?:parallel|(?P<series>series))\s+)?(?:from|between)\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s+(?:to|and)\s+"
                    r"(?:node\s+)?(?P<b>[a-z_]\w*)\b", re.IGNORECASE)
_COUNTS = {"two": 2, "three": 3, "four": 4}
# "both resistors 10k", "each capacitor is 100 nF", "two 10k resistors": a value every part of that kind has (or that
# many of them): one part at it, the other designed to a spec, is not what the request states.
_VALUE = r"\d+(?:\.\d+)?\s*(?:meg|[kKmMuµμnp])?"
_EVERY = re.compile(rf"\b(?:(?:both|each|all(?:\s+(?:two|three|four))?)\s+(?:of\s+the\s+)?"
                    rf"(?P<part>resistor|capacitor|inductor)s?\s+(?:(?:are|is|=|of|at)\s+)?(?P<v>{_VALUE})|(?P<count>two|three|four)\s+(?:equal\s+)?(?P<v2>{_VALUE})"
                    rf"\s*(?:Ω|ohms?|F|H)?\s+(?P<part2>resistor|capacitor|inductor)s)(?:\s*(?:Ω|ohms?|F|H))?(?!\w|\.\d)",
                    re.IGNORECASE)


_CLAUSE_MARK = re.compile(r"[;,]|\.(?!\d)")  # (a decimal point is no stop)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause around text[start:end]: from the last stop or comma before it to the next after it."""
    after = _CLAUSE_MARK.search(text, end)
    return reading.start_of(text, start, _CLAUSE_MARK), after.start() if after else len(text)


def stated_facts(description: str, netlist: m.Netlist, family: Family | None) -> list[CheckItem]:
    """Failing items for what the request states that the answer does otherwise: an analysis named but
    absent (or an AC sweep that ends below its start), an inverted output built by a non-inverting
    family (or the reverse), a node named by a pair ("across a and b") or a rail's level ("vcc = 10 V")
    that the netlist lacks, a group of parts placed between two nodes that are elsewhere, a node's stated
    DC level that its source does not have."""
    items: list[CheckItem] = []
    runs = [st for st in netlist.statements if isinstance(st, m.Analysis)]
    for kind, said in _NAMED_ANALYSES.items():
        if (found := said.search(description)) and not any(a.kind == kind for a in runs):
            items.append(CheckItem(f"a .{kind} analysis ('{found[0]}' in the request)", FAIL, "not in the netlist"))
    for run in runs:
        numbers = [parse_number(f.text) for f in run.args]
        sweep = [n for n in numbers if n is not None]
        # (one point at one frequency, "lin 1 1k 1k", runs nowhere and is fine)
        if run.kind == "ac" and len(sweep) >= 3 and (sweep[2] < sweep[1] or sweep[2] == sweep[1] and sweep[0] != 1):
            items.append(CheckItem(f"the AC sweep runs upward ('.ac {' '.join(f.text for f in run.args)}')", FAIL,
                                   f"it ends at {sweep[2]:g} Hz, not above its start {sweep[1]:g} Hz"))
    if family is not None:
        own = " ".join([family.summary, *family.names, family.noun or ""])
        stated = polarity(description)  # "without inverting" says non-inverting
        if stated == "inverting" and _NON_INVERTING.search(own) or stated == "non-inverting" and \
                _INVERTING.search(own) and not _NON_INVERTING.search(own):
            items.append(CheckItem("the output's polarity, as the request states", FAIL,
                                   f"this answer is a {family.summary}"))
    have = reading.nodes(netlist.statements)
    named = [n for pair in _PAIR.finditer(description) for n in (pair["a"], pair["b"])
             if (len(n) <= 4 or any(c.isdigit() for c in n))]
    named += [said["n"].lower() for said in _RAIL_LEVEL.finditer(description) if said["n"].islower()]
    for node in dict.fromkeys(named):
        if node not in have and node not in _GROUNDED and node not in _NOT_NODE_WORDS and node not in _PIN_NOUNS:
            items.append(CheckItem(f"node {node} (named in the request)", FAIL, "not in the netlist"))
    elements = [st for st in netlist.body if isinstance(st, m.Element)]
    for group in _GROUP.finditer(description):
        a, b = ("0" if n.lower() in _GROUNDED else n.lower() for n in (group["a"], group["b"]))
        kind = {"diode": "D", "resistor": "R", "capacitor": "C", "inductor": "L"}[group["part"].lower()]
        count = _COUNTS.get(group["count"].lower()) or int(group["count"])
        if group["series"]:
            chain = _series_chain([e for e in elements if e.name[0].upper() == kind], a, b, count)
            items.append(CheckItem(f"'{group[0]}' in the request", PASS if chain else FAIL,
                                   f"{' - '.join(chain)} from {a} to {b}" if chain else
                                   f"no chain of {count} {kind} parts from {a} to {b}"))
            continue
        placed = [e.name for e in elements if e.name[0].upper() == kind and
                  {"0" if f.text.lower() in _GROUNDED else f.text.lower() for f in layout(e).nodes} == {a, b}]
        items.append(CheckItem(f"'{group[0]}' in the request", PASS if len(placed) >= count else FAIL,
                               f"{kind} parts between {' and '.join(sorted({a, b}))}: {', '.join(placed) or 'none'}"))
    for every in _EVERY.finditer(description):
        kind = (every["part"] or every["part2"])[0].upper()
        value = parse_number(re.sub(r"M$", "meg", "".join((every["v"] or every["v2"]).split())))
        parts = [e for e in elements if e.name[0].upper() == kind]
        at = [e.name for e in parts if value is not None and (v := _element_value(e)) is not None and _same(v, value)]
        enough = len(at) >= _COUNTS[every["count"].lower()] if every["count"] else bool(parts) and len(at) == len(parts)
        items.append(CheckItem(f"'{every[0]}' in the request", PASS if enough else FAIL,
                               f"{kind} parts at that value: {', '.join(at) or 'none'} of {len(parts)}"))
    params = reading.params(netlist)
    listed = [(held, re.split(r"\s*(?:,|\band\b|&)\s*", held["n"].lower())) for held in _HELD.finditer(description)]
    # (a pin's word ends the list: "VDD = 6 V on vd6, gate sits at 1.8 V" says the gate's level, not vd6's)
    levels = [(node, held) for held, names in listed
              for node in names[max([k + 1 for k, n in enumerate(names) if n in _PIN_NOUNS], default=0):]]
    levels += [(said["n"].lower(), said) for said in _LEVEL_ON.finditer(description)
               if not _CLAUSE_WAVE.search(description, *_clause(description, said.start(), said.end()))]
    for node, held in levels:
        level = float(held["v"]) * {"": 1, "m": 1e-3}.get(held["u"], 1e-6)
        sources = [e for e in elements if e.name[0].upper() == "V" and len(layout(e).nodes) == 2
                   and layout(e).nodes[0].text.lower() == node and layout(e).nodes[1].text.lower() in _GROUNDED]
        if not sources or node in _NOT_NODE_WORDS:
            continue  # no source on that node: its level is the circuit's to set, measured elsewhere if asked
        wave = next((f.name for f in layout(sources[0]).extra if f.kind == "func" and f.name.lower() in _WAVES
                     and any(run.kind == "tran" for run in runs)), "")  # at an operating point only its DC counts
        dc = reading.source_level(sources[0], "dc", params)
        ok = not wave and dc is not None and _same(dc, level)
        setting = f"{sources[0].name} is a {wave.upper()} wave, not a steady level" if wave else \
            f"{sources[0].name} sets it to {dc if dc is not None else '?'}"
        items.append(CheckItem(f"node {node} at {held['v']} {held['u']}V ('{held[0]}' in the request)",
                               PASS if ok else FAIL, setting))
    return items + _resistor_bounds(description, elements, params) + _legs(description, elements, params) \
        + _tee(description, elements) + _input_resistor(description, elements) \
        + _stated_waves(description, netlist, family)


# "input resistor 10k", "a 10k input resistor", "input resistor of 4.7 kΩ": the resistor the signal enters through
_INPUT_RESISTOR = re.compile(r"\binput\s+resistor\s*(?:(?:of|=|:|is)\s*)?(?P<v>\d+(?:\.\d+)?\s?(?:k|K|meg|M)?)"
                             r"(?:\s?(?:Ω|Ω|ohms?))?(?!\w|\.\d)"
                             r"|(?<![\w.])(?P<v2>\d+(?:\.\d+)?\s?(?:k|K|meg|M)?)(?:\s?(?:Ω|Ω|ohms?))?\s+input\s+resistor\b")


def _input_resistor(description: str, elements: list[m.Element]) -> list[CheckItem]:
    """A resistor the request gives as the input resistor is on the node its signal source drives (a 10k that the
    answer put in the feedback path, the input resistor sized otherwise, honours the value but not the part)."""
    said = _INPUT_RESISTOR.search(description)
    value = parse_number(re.sub(r"M$", "meg", "".join((said["v"] or said["v2"]).split()))) if said else None
    if said is None or value is None:
        return []
    driven = {layout(e).nodes[0].text.lower() for e in elements if e.name[0].upper() == "V"
              and len(layout(e).nodes) == 2 and any(f.kind == "func" or f.text.lower() == "ac" for f in e.fields[2:])}
    reached = set(driven)  # (through a coupling capacitor first: "C1 in a 1u, R1 a inn 10k")
    for e in elements:
        ends = [f.text.lower() for f in layout(e).nodes]
        if e.name[0].upper() == "C" and len(ends) == 2 and "0" not in ends and set(ends) & driven:
            reached |= set(ends)
    placed = [e.name for e in elements if e.name[0].upper() == "R" and (v := _element_value(e)) is not None
              and _same(v, value) and {f.text.lower() for f in layout(e).nodes} & reached]
    return [CheckItem(f"'{said[0]}' in the request", PASS if placed else FAIL,
                      f"on the signal's node: {', '.join(placed)}" if placed else
                      f"no {said['v'] or said['v2']} resistor on the node the signal source drives "
                      f"({', '.join(sorted(driven)) or 'none'})")] if driven else []


# "a transient of 20 ms with a 50 Hz sine", "drive it with a square wave": the waveform a source must make. A
# clause that says the circuit makes the wave ("output a square wave", "a sine oscillator") states no source.
_WAVE_SAID = re.compile(r"\b(?P<w>sine|sinus\w*|square(?:[- ]wave)?(?![- ](?:law|root))|triangle|triangular|"
                        r"sawtooth|ramp|pulses?|clock|"
                        # "a 1 V step in at node ts", "its step response"; not a run's step ("time step", "a 1 us
                        # step", "Transient 20u step", "step 1 us") nor a converter's ("step-down")
                        r"(?<!time )(?<!max )(?<!maximum )(?<![munµ]s )(?<!\ds )(?<!\d[munpµ] )step"
                        # (nor a numbered step of the request's own: "Step 2) R1 = 10k ...")
                        r"(?![- ](?:down|up|size))(?!\s*(?:of|=|:|is)?\s*[\d.]+\s*[munpµ]?s\b)(?!\s+\d{1,2}\s*[.):])"
                        r"(?=\b))\b", re.IGNORECASE)
_WAVE_MADE = re.compile(rf"\b(?:{reading.MAKES}|"
                        r"becomes?|into|shap\w*|multivibrator|astable|vco|timer|555)\b", re.IGNORECASE)
_SINES, _STEPPED = {"sin", "sffm", "am"}, {"pulse", "pwl"}


def _stated_waves(description: str, netlist: m.Netlist, family: Family | None) -> list[CheckItem]:
    """A failing item for a stimulus the request states that no source of the answer makes, where the answer runs
    a transient (its AC sweep needs no waveform): "a transient with a 50 Hz sine" answered by a source of DC 0."""
    runs = {st.kind for st in netlist.statements if isinstance(st, m.Analysis)}
    own = " ".join([family.summary, *family.names]) if family is not None else ""
    if "tran" not in runs or _WAVE_MADE.search(own):
        return []
    made = {f.name.lower() for st in netlist.body if isinstance(st, m.Element) and st.name[0].upper() in "VI"
            for f in st.fields if f.kind == "func"}
    behavioural = any(isinstance(st, m.Element) and st.name[0].upper() == "B" for st in netlist.body)
    items = []
    for clause in re.split(r"[.;,](?:\s|$)", description):
        said = _WAVE_SAID.search(clause)
        if said is None or _WAVE_MADE.search(clause):
            continue
        word = said["w"].lower()
        if not made & (_SINES if word.startswith("sin") else _STEPPED) and not behavioural:
            items.append(CheckItem(f"a {said['w']} input ('{clause.strip()}' in the request)", FAIL,
                                   "no source of the netlist makes it"))
    return items


# "no resistor above 100k", "every resistor at most 1 megohm", "no resistor is smaller than 1k": a bound on all of them
_BOUND = re.compile(r"\b(?:(?P<no>no|none\s+of\s+the)|all|every|each|any)\s+(?:of\s+the\s+)?resistors?\s+"
                    r"(?:is\s+|are\s+|being\s+)?"
                    r"(?P<how>above|over|larger\s+than|bigger\s+than|greater\s+than|more\s+than|exceed\w*|"
                    r"below|under|smaller\s+than|less\s+than|at\s+most|at\s+least|no\s+more\s+than|no\s+less\s+than)\s+"
                    r"(?P<v>\d[\d.]*\s*(?:meg|[kKMmR])?\s*(?:Ω|ohms?|ohm)?)", re.IGNORECASE)
# A divider's resistor said by its place: "bottom resistor 10k", "the top one 30k", "a 10k lower leg", "27k on the
# high side", "10k to ground". The bottom one has an end on ground, the top one none (a divider built in the order its
# values were said, 10k on top, had been verified: its checks measured the ratio it was built with).
_LEG_VALUE = r"(?P<v{0}>\d+(?:\.\d+)?\s*(?:meg|[kKmM])?)\s*(?:Ω|ohms?)?"
_LEG_PLACE = r"(?P<p{0}>bottom|lower|low[- ]side|top|upper|high[- ]side)"
# ("the bottom resistor (tap to ground) is 10k": its ends in an aside before its value)
_LEG = re.compile(rf"\b{_LEG_PLACE.format(1)}\s+(?:resistor|leg|arm|one)\s*(?:\([^()]*\)\s*)?(?:is\s+|=\s*|:\s*|of\s+)?"
                  rf"{_LEG_VALUE.format(1)}(?!\w|\.\d)"
                  rf"|(?<![\w.-]){_LEG_VALUE.format(2)}\s+(?:resistor\s+)?(?:(?:on|at|in|for)\s+the\s+)?"
                  # ("R1 = 1k top to l": a node named top)
                  rf"{_LEG_PLACE.format(2)}(?:\s+(?:leg|arm|resistor|side|position))?\b(?!\s+(?:to|and)\b)"
                  # (a figure with its scale or unit: "pin 5 to ground" places no resistor)
                  r"|(?<![\w.-])(?P<v3>\d+(?:\.\d+)?\s*(?:meg|[kKM](?!\w)|(?=\s*(?:Ω|ohm))))\s*(?:Ω|ohms?)?\s+"
                  r"(?:resistor\s+)?(?:down\s+)?to\s+(?:ground|gnd)\b",
                  re.IGNORECASE)


def _legs(description: str, elements: list[m.Element], params: dict[str, float]) -> list[CheckItem]:
    """An item for each resistor the request places by a divider's position, checked on the resistors of that value:
    one of them must have an end on ground (bottom, lower, to ground) or none (top, upper, high side)."""
    items = []
    for said in _LEG.finditer(description):
        value = parse_number(re.sub(r"M$", "meg", "".join((said["v1"] or said["v2"] or said["v3"]).split())))
        place = (said["p1"] or said["p2"] or "bottom").lower()
        if value is None:
            continue
        low = place.startswith(("bottom", "lower", "low"))
        parts = [e for e in elements if e.name[0].upper() == "R" and (v := _resistance(e, params)) is not None
                 and _same(v, value)]
        grounded = {e.name: any(f.text.lower() in _GROUNDED for f in layout(e).nodes) for e in parts}
        placed = [name for name, g in grounded.items() if g == low]
        where = "an end on ground" if low else "no end on ground"
        items.append(CheckItem(f"'{said[0].strip()}' in the request", PASS if placed else FAIL,
                               f"{placed[0]} has {where}" if placed else
                               f"no resistor of that value has {where}: " + (", ".join(
                                   f"{e.name} " + " ".join(f.text for f in layout(e).nodes) for e in parts) or "none")))
    return items


# "a T-network in the feedback", "a tee network": three resistors meeting at one node, one of them to ground
_TEE = re.compile(r"\bT[- ]network\b|\btee[- ]network\b", re.IGNORECASE)


def _resistor_bounds(description: str, elements: list[m.Element], params: dict[str, float]) -> list[CheckItem]:
    """An item for each bound the request sets on every resistor, checked on each resistor of the answer."""
    items = []
    for said in _BOUND.finditer(description):
        limit = _quantities(said["v"])
        if not limit:
            continue
        how = said["how"].lower()
        greater = how.startswith(("above", "over", "larger", "bigger", "greater", "more", "exceed", "at least",
                                  "no less"))
        upper = greater if said["no"] else not greater  # "no resistor above X", "every resistor at most X"
        lower = not upper
        values = {e.name: _resistance(e, params) for e in elements if e.name[0].upper() == "R"}
        bound = limit[0].value
        wrong = [n for n, v in values.items() if v is not None and ((upper and v > bound * (1 + 1e-9)) or
                                                                    (lower and v < bound * (1 - 1e-9)))]
        unknown = [n for n, v in values.items() if v is None]
        status = FAIL if wrong else UNCHECKED if unknown else PASS
        items.append(CheckItem(f"'{said[0]}' in the request", status,
                               f"{', '.join(wrong)} outside it" if wrong else f"{', '.join(unknown)}: value not read"
                               if unknown else f"all {len(values)} resistors within it"))
    return items


def _resistance(element: m.Element, params: dict[str, float]) -> float | None:
    value = layout(element).value
    if value is None:
        return None
    text = value.text.strip("{}'").lower()
    return params[text] if text in params else parse_number(value.text)


def _tee(description: str, elements: list[m.Element]) -> list[CheckItem]:
    """A T-network the request asks for: a node where three resistors meet, one of them to ground."""
    said = _TEE.search(description)
    if said is None:
        return []
    ends = [[("0" if f.text.lower() in _GROUNDED else f.text.lower()) for f in layout(e).nodes]
            for e in elements if e.name[0].upper() == "R"]
    tees = [node for node in {n for pair in ends for n in pair if n != "0"}
            if sum(node in pair for pair in ends) >= 3 and any(node in pair and "0" in pair for pair in ends)]
    return [CheckItem(f"'{said[0]}' in the request", PASS if tees else FAIL,
                      f"resistors meet at {tees[0]}, one to ground" if tees else "no node where three resistors "
                      "meet with one to ground: the answer has no T-network")]


# --- parts the request rules out, and the part its output is taken across -------------------------------------
# "Zener shunt regulator ... no load" answered with the family's default 1k load, "measure the output across the
# resistor" answered with the low-pass's output across its capacitor: said, built otherwise, verified.
_NO_PART = re.compile(r"\b(?:no|without(?:\s+(?:a|an|any))?)[\s-]+(?P<part>load|inductors?|coils?|capacitors?|caps?|"
                      r"op-?amps?|transistors?|diodes?)\b(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|at|on|in|across|between|"
                      r"from|is|are|here|anywhere|but|so|for|with)\b)"  # not "without a diode drop"
                      r"|\b(?P<unloaded>unloaded|open[- ]circuit(?:ed)?\s+output|output\s+(?:left\s+)?open)\b",
                      re.IGNORECASE)
_LOAD_ROLE = re.compile(r"^R(?:L|LOAD)\w*\s*=", re.IGNORECASE)
_ACROSS = re.compile(r"\b(?:output|measured|measure|take|taken|read|sense[ds]?)\b[^.;]{0,40}?\bacross\s+(?:the\s+)?"
                     r"(?P<part>resistor|capacitor|cap|inductor|coil|diode|zener|led|[A-Z]{1,4}\d*)\b")
_NOUN_LETTER = {"resistor": "R", "capacitor": "C", "cap": "C", "inductor": "L", "coil": "L", "diode": "D",
                "zener": "D", "led": "D"}


# "R1 = 2.2k is the load on out", "RL (the load)", "R5 acts as the load": a named part that loads the output (it had
# taken the family's part of its name, the gain resistor, and the output went unloaded and verified)
_NAMED_LOAD = re.compile(r"\b(?P<name>[RLC][A-Za-z0-9_]*)\b(?:\s*(?:=|:)?\s*[\d.]+\s*[a-zA-Zµ\u03a9]*)?\s*"
                         r"(?:,\s*|\(\s*)?(?:(?:is|as|acts\s+as|being|serves\s+as)\s+)?(?:(?:the|a|an|our)\s+)?"
                         r"(?:(?:output|resistive|dummy)\s+)?load\b(?!\s+(?:line|regulation|current|step|capacitance))")


def _named_loads(description: str, elements: list[m.Element], output: str) -> list[CheckItem]:
    """An item for each part the request names as the load: one end on ground, the other on the output (directly or
    through a coupling capacitor)."""
    items = []
    by_name = {e.name.upper(): e for e in elements}
    ends = {e.name: {"0" if f.text.lower() in _GROUNDED else f.text.lower() for f in layout(e).nodes} for e in elements}
    coupled = {output} | {n for e in elements if e.name[0].upper() == "C" and output in ends[e.name]
                          for n in ends[e.name]}
    for said in _NAMED_LOAD.finditer(description):
        part = by_name.get(said["name"].upper())
        if part is None or said["name"].upper() in _NOT_PARTS:
            continue
        ok = "0" in ends[part.name] and bool(ends[part.name] & (coupled - {"0"}))
        where = " and ".join(sorted(ends[part.name]))
        items.append(CheckItem(f"{said['name']} as the load ('{said[0].strip()}' in the request)",
                               PASS if ok else FAIL, f"{part.name} is between {where}; the output is {output}"))
    return items


# "with a BJT", "using a MOSFET", "built around an op-amp": a device the answer must have (a phase-shift oscillator
# "with a BJT" was answered with an op-amp); "instead of a BJT", "no op-amp" say what it is not.
_DEVICE = re.compile(r"(?<![\w-])(?P<part>bjt|npn|pnp|mosfet|nmos|pmos|jfet|op-?amp|zener)s?\b", re.IGNORECASE)
# (... or the next of a list so said: "using a PNP transistor and a zener")
_DEVICE_SAID = re.compile(r"\b(?:with|using|uses|use|around|based\s+on|built\s+(?:with|from|around))\s+"
                          r"(?:(?:an?|one|single|the)\s+)?(?:(?:[\w-]+\s+){1,3}(?:and|plus)\s+(?:(?:an?|one|the)\s+)?)?$",
                          re.IGNORECASE)
# an op-amp model on one supply keeps its output between the rails (templates' single-supply op-amp)
_ONE_SUPPLY = re.compile(r"\bsingle[- ](?:\+?[\d.]+\s*V\s+)?(?:supply|rail)\b", re.IGNORECASE)
_SUBCKT = re.compile(r"^\.subckt\s+(\S+)(?P<body>.*?)^\.ends\b", re.IGNORECASE | re.MULTILINE | re.DOTALL)


# "capacitor from bo to ground", "an inductor between a and b": a part of that kind the request places between two nodes
_PLACED_PART = re.compile(r"\b(?P<noun>capacitor|cap|resistor|inductor|coil|choke|diode)\s+(?:from|between)\s+"
                          r"(?:node\s+)?(?P<a>[a-z_]\w*)\s+(?:to|and)\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b", re.IGNORECASE)


def placed_parts(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each part the request places between two named nodes ("capacitor from bo to ground") that
    the answer has nowhere between them: a part stated without its value is still the user's."""
    items = []
    elements = [st for st in netlist.body if isinstance(st, m.Element)]
    for said in _PLACED_PART.finditer(description):
        before = description[max(0, said.start() - 40):said.start()]
        # (not a part simulated by others, "a gyrator simulating a 0.5 H inductor from lx to ground", nor the last of
        # parts placed together, "a series 4.7 mH inductor and capacitor from out to ground")
        if re.search(r"\b(?:simulat|synthes|emulat)\w*\b(?:[^.;]|\.\d)*$", before, re.IGNORECASE) or re.search(
                r"\b(?:inductor|capacitor|cap|resistor|coil|choke|diode)s?\s+(?:and|&|plus|in\s+series\s+with)\s+$",
                before, re.IGNORECASE):
            continue
        ends = [("0" if n.lower() in _GROUNDED else n.lower()) for n in (said["a"], said["b"])]
        if any(n != "0" and n in _NOT_NODE_WORDS for n in ends):
            continue
        letter = _NOUN_LETTERS[said["noun"].lower()]  # (the letters of the kind a name is given by its noun)
        have = any(st.name[0].upper() == letter and {f.text.lower() for f in st.fields[:2]} == set(ends)
                   for st in elements if len(st.fields) >= 2)
        items.append(CheckItem(f"'{said[0]}' in the request", PASS if have else FAIL,
                               "in the netlist" if have else f"no {said['noun'].lower()} between {ends[0]} and "
                                                             f"{ends[1]} in the netlist"))
    return items


def parts_as_stated(description: str, netlist: m.Netlist, output: str | None, assumptions: list[str],
                    answer: str = "") -> list[CheckItem]:
    """A failing item for a part the request rules out that the answer has ("no load": a load resistor the family
    assumed; "without an inductor"), for a device the request builds with that the answer lacks ("with a BJT"),
    for an op-amp on a single supply modelled on two, and for an output said to be taken across a part whose ends
    are not the answer's output and ground."""
    items = []
    elements = [st for st in netlist.body if isinstance(st, m.Element)]
    for device in _DEVICE.finditer(description):
        if not _DEVICE_SAID.search(description[max(0, device.start() - 30):device.start()]):
            continue
        kind = device["part"].lower().replace("-", "")
        count = part_count(netlist, {"bjt": "Q", "mosfet": "M", "jfet": "J", "opamp": "X"}.get(kind, kind))
        items.append(CheckItem(f"'{device[0].strip()}' in the request", PASS if count else FAIL,
                               f"{count} in the netlist" if count else "none in the netlist"))
    if (single := _ONE_SUPPLY.search(description)) and part_count(netlist, "X"):
        split = [b[1] for b in _SUBCKT.finditer(answer) if _OPAMP.search(b[1].lower()) and "vdd/2" not in b["body"]
                 and re.search(r"tanh|limit|\bvdd\b", b["body"], re.IGNORECASE)]
        if split:
            items.append(CheckItem(f"'{single[0]}' in the request", FAIL,
                                   f"op-amp model {split[0]} swings both ways about ground (two supplies)"))
    for ruled in _NO_PART.finditer(description):
        part = (ruled["part"] or "load").lower().rstrip("s")
        if part == "load":  # a megohm or more is a probe's input, which leaves the output unloaded
            have = [a.split("=")[0].strip() for a in assumptions if _LOAD_ROLE.match(a)
                    and ((v := parse_number(a.split("=")[1].split()[0])) is None or v < 1e6)] + \
                   [e.name for e in elements if re.match(r"R(?:L|LOAD)", e.name, re.IGNORECASE)
                    and ((v := _resistance(e, {})) is None or v < 1e6)]
        else:
            count = part_count(netlist, _COUNTED.get(part.replace("-", ""), _COUNTED.get(part, "X")))
            have = [f"{count} {part}(s)"] if count else []
        items.append(CheckItem(f"'{ruled[0]}' in the request", FAIL if have else PASS,
                               f"the answer has {', '.join(have)}" if have else "none in the answer"))
    if output:
        items += _named_loads(description, elements, output.lower())
    said = _ACROSS.search(description)
    if said is not None and output:
        word = said["part"]
        named = [e for e in elements if e.name.upper() == word.upper()]
        by_noun = [e for e in elements if e.name[0].upper() == _NOUN_LETTER.get(word.lower(), "?")]
        parts = named or (by_noun if len(by_noun) == 1 else [])
        if parts:
            ends = {"0" if f.text.lower() in _GROUNDED else f.text.lower() for f in layout(parts[0]).nodes}
            ok = ends == {output.lower(), "0"}
            items.append(CheckItem(f"the output across {word} ('{said[0]}' in the request)", PASS if ok else FAIL,
                                   f"{parts[0].name} is between {' and '.join(sorted(ends))}; the output is "
                                   f"{output}"))
    return items


# A goal the request sets a part's value by ("size the PMOS width so the switching threshold sits at VDD/2", "pick R2
# such that the LED gets 15 mA"): a spec, whatever words state it; no spec read from it means no check measures it.
_GOAL = re.compile(r"\b(?:siz|choos|chose|pick|set|select|adjust|tun|trim|design|scal|dimension)\w*\b[^.;]{0,60}?"
                   r"\b(?:so\s+(?:that\s+)?|such\s+that\s+|in\s+order\s+that\s+|until\s+)"
                   r"(?P<goal>(?:[^.;?!]|\.(?=\d)){3,})",  # (to the sentence's end, not a decimal point)
                   re.IGNORECASE)


def unmeasured_goals(description: str, specs: list[str]) -> list[CheckItem]:
    """An unchecked item for each goal the request sizes a part by ("so that ...") that no read spec comes from."""
    text = " ".join(description.split())
    read = [span for words in specs for span in _occurrences(text, words)]
    figures = {x for words in specs for x in re.findall(r"\d+(?:\.\d+)?", words)}  # a spec's text may be respaced
    return [CheckItem(f"'{goal['goal'].strip()}' in the request", UNCHECKED, "a goal no check measures")
            for goal in _GOAL.finditer(text)
            if not any(a < goal.end("goal") and goal.start("goal") < b for a, b in read)
            and not figures & set(re.findall(r"\d+(?:\.\d+)?", goal["goal"]))]
