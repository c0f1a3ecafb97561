"""Read a plain-English circuit request into a structured intent (no model, no I/O).

    "common-source NMOS amplifier, W=10u L=1u, RD=10k, VDD=5V, AC 1Hz-100MHz"

Steps: one regex finds every quantity ("10kΩ", "0.47 µF", "2k2", "ten microfarads"), ranges
are paired ("1Hz-100MHz", "25 to 125°C"), the circuit family comes from a keyword table,
analysis phrases claim the quantities they mention, and each remaining quantity gets a role:
an explicit name ("RD=") beats the nearest keyword ("load resistor"), which beats a default
for its unit. Last come the checks: contradictions, impossible values, unsupported requests.
"""
from __future__ import annotations

import dataclasses
import itertools
import math
import re
from dataclasses import dataclass, field

from spice_lsp.generation.function_words import qualified, read_function, spelled_out, stated, wave_conversion
from spice_lsp.generation.passing import WANTS, blanked, passing
from spice_lsp.generation.vocabulary import NOT_NODES
from spice_lsp.language.parser import parse
from spice_lsp.language.units import SCALE_FACTORS, format_eng, parse_number


@dataclass(frozen=True)
class Value:
    role: str  # canonical role: R, RD, VDD, W, LG, FREQ, ...
    value: float  # SI value
    text: str  # as written in the description
    unit: str  # ohm F H V A Hz s m degC or ""


@dataclass(frozen=True)
class AnalysisRequest:
    kind: str  # op | ac | tran | dc | temp | noise
    directive: str  # the ngspice line


@dataclass
class Intent:
    description: str
    kind: str = "generic"
    values: dict[str, Value] = field(default_factory=dict)
    extra_values: list[Value] = field(default_factory=list)  # role could not be decided
    nodes: list[str] = field(default_factory=list)
    analyses: list[AnalysisRequest] = field(default_factory=list)
    polarity: str | None = None  # "n" or "p"
    warnings: list[str] = field(default_factory=list)
    # the family read from what the request says the circuit does, not from its name: an assumption, said
    # with the answer ("'keeps the DC away' read as a high-pass filter")
    reading: str | None = None
    read_from: tuple[str, ...] = ()  # the words of that reading, as the request writes them (lower-cased)

    @property
    def runs_analysis(self) -> bool:
        """Whether a stated analysis runs the circuit: ".temp 85" only says at what temperature."""
        return any(a.directive.split()[0].lower() != ".temp" for a in self.analyses)


# --- quantities -------------------------------------------------------------------------------

_NUM_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_NUM_WORDS.update({w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
_WORD = "|".join(sorted([*_NUM_WORDS, "hundred", "thousand", "million"], key=len, reverse=True))
_DIGIT_WORD = "|".join(list(_NUM_WORDS)[:10])
_PREFIX_WORDS = {"kilo": "k", "kil": "k", "mega": "meg", "giga": "g", "milli": "m", "micro": "u",
                 "nano": "n", "pico": "p", "femto": "f", "M": "meg"}  # -> units.SCALE_FACTORS key
_UNITS = {  # regex group -> (pattern, canonical unit, factor); Hz before H, microns before m
    "hz": (r"[Hh][Zz]|hertz", "Hz", 1.0),
    "ohm": (r"[\u03a9\u2126]|(?i:ohms?)", "ohm", 1.0),  # "33 KOhm" as written in a hurry
    "farad": (r"[Ff](?:arads?)?", "F", 1.0),
    "henry": (r"[Hh](?:enr(?:y|ys|ies))?", "H", 1.0),
    "ratio": (r"V/V|A/A", "", 1.0),  # a gain, "6 V/V", is a plain number, no level in volts
    "transres": (r"V/A", "ohm", 1.0),  # a transimpedance, "100 kV/A", is ohms
    "volt": (r"[Vv](?:olts?|pp|rms|p)?", "V", 1.0),
    "amp": (r"A|amps?|amperes?", "A", 1.0),
    "sec": (r"s|secs?|seconds?", "s", 1.0),
    "micron": (r"microns?", "m", 1e-6),
    "metre": (r"m(?:et(?:er|re)s?)?", "m", 1.0),
    "degc": (r"[°º]\s?C|deg(?:rees?)?\s?[Cc](?:elsius)?", "degC", 1.0),
    "pct": (r"%", "", 0.01),
    "percc": (r"cm(?:\u207b\u00b3|\^-3|-3)|/cm(?:\u00b3|\^?3)", "cm-3", 1.0),  # a doping concentration
}
_QTY = re.compile(rf"""
    (?<![\w/])(?<!(?<!\.)\.)
    (?: (?P<rkm>\d+(?:meg|MEG|[kKMRVvmuµμnp])\d{{1,2}}|\d+R\b)   # 2k2, 4u7, 4M7, 3V3 (3v3), 100R
      | (?P<sign>[-+\u2212])?(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?|(?<!\.)\.\d+)(?:[eE][-+]?\d+)?)
      | (?P<words>(?i:{_WORD})(?:[\s-]+(?:and\s+)?(?i:{_WORD}))*      # "forty-seven", "one hundred"
                  (?:\s+(?i:point)(?:\s+(?i:{_DIGIT_WORD})\b)+)?) )      # "five point six"
    \s?
    (?P<prefix>(?i:kilo|kil(?=ohm)|mega|meg|giga|milli|micro|nano|pico|femto)|[kKMGmuµμnpf]|[NPU](?=\s?(?:[\u03a9\u2126FHVA]|(?i:ohm|hz)))
              |(?<=\d)[NPU](?![A-Za-z]))?  # ("C1 470P": SPICE's suffix in capitals, attached to its figure)
    (?:(?<=[^\d\s])\s(?=[\u03a9\u2126FHVA]|(?i:ohm|hz)))?  # "100 n F": a prefix spaced from its unit
    (?P<unit>{"|".join(f"(?P<{name}>{pattern})" for name, (pattern, _, _) in _UNITS.items())})?
    (?![\wµμ\u03a9\u2126°%]|\.\d|(?<=\d)/|(?<=[vV])\(|(?<=\s[fpnuµμmkKMG])\s*=)  # "100 µA/V²" is a value, "1/2",
    # "2 v(a)" and "is=1e-18 n=2" (n the next parameter's name, no nano) are not
    (?!\s?/\s?(?:[°º]|deg|kelvin|K\b|[munpµμ]?s\b|sec))  # "41 uV/degC", "10 V/us": a rate, no level
    """, re.VERBOSE)
# A waveform written the way SPICE writes it, "SIN(0 10 1k)", "PULSE(0 5 0 1n 1n 1m 2m)", "PWL(0 0 1m 10)" (its ")"
# may be where a statement's span ends), or its figures with no parentheses, as a card writes them ("VGATE pulse 0 5
# 1m 1u 1u 2m 4m at gate")
# (three figures at least, spaced as a card spaces them, the last no figure of a unit: "PULSE 0 5, 1 µs rise" is
# its levels, then words)
SPICE_WAVE = re.compile(r"\b(?P<f>sin|pulse|pwl)\s*(?:\((?P<args>[^()]*)(?:\)|$)"
                        r"|\s+(?P<bare>[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?[a-z\u00b5\u03bc]*(?:\s+[-+]?"
                        r"(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?[a-z\u00b5\u03bc]*){2,})(?![\w.])(?!\s*(?:[munpµkKMG]?(?:s|secs?|Hz|V|A)\b|µ)))",
                        re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:-|\u2013|\u2014|(?:down\s+|up\s+)?to|-to-|through|thru|\.{2,3}|\u2026|-+>|\u2192|\u27f6)"
                    r"\s*",
                    re.IGNORECASE)


@dataclass(eq=False)
class _Q:
    start: int
    end: int
    text: str
    value: float
    unit: str
    scaled: bool  # had a scale prefix or RKM letter ("10k", "2k2")
    mult: float  # prefix x unit factor, inherited by the bare start of a range
    partner: _Q | None = None  # the stop of a range this quantity starts

    def as_value(self, role: str, unit: str | None = None) -> Value:
        return Value(role, self.value, self.text, self.unit or (unit or ""))


def _words_value(words: str) -> float:
    whole, _, decimals = re.sub(r"\s+point\s+", " point ", words.lower()).partition(" point ")  # digit by digit
    total = current = 0
    for word in re.findall(r"[a-z]+", whole):
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0
        elif word == "million":  # "one million", "two and a half million" is not read (no "half")
            total, current = (total + (current or 1)) * 1_000_000, 0
        elif word != "and":
            current += _NUM_WORDS[word]
    digits = "".join(str(_NUM_WORDS[word]) for word in decimals.split())
    return float(f"{total + current}.{digits or 0}")


def _times(x: float, mult: float) -> float:
    return x * mult if mult >= 1 else x / round(1 / mult)  # 10/1e6 is exact, 10*1e-6 is not


_SPLIT = re.compile(r"(?:\u00b1|\+/-|\+-)\s*$")
_SPLIT_BEFORE = re.compile(r"\b(?:rails?|suppl(?:y|ies))\s*(?:of|at|=|:|are|is)?\s*(?:\u00b1|\+/-|\+-)\s*$",
                           re.IGNORECASE)
_SPLIT_AFTER = re.compile(r"\s*(?:rails?|suppl(?:y|ies))\b", re.IGNORECASE)


def _quantities(text: str) -> list[_Q]:
    found: list[_Q] = []
    for m in _QTY.finditer(text):
        unit_name = next((name for name in _UNITS if m[name]), None)
        prefix = m["prefix"]
        if m["words"] and not (unit_name or prefix):
            continue  # "one of the" is not a quantity
        if m["rkm"]:  # the letter is both the decimal point and the prefix; R is a bare point
            whole, letter, frac = re.split(r"(\D+)", m["rkm"], maxsplit=1)  # 2k2: digits, letters, digits
            base, prefix = float(f"{whole}.{frac or 0}"), prefix or (None if letter in "RVv" else letter)
            unit_name = unit_name or {"R": "ohm", "V": "volt", "v": "volt"}.get(letter)
        elif m["num"]:
            number = parse_number(m["num"].replace(",", ""))
            if number is None:
                continue  # digits of another script (\d matches them): not a SPICE number
            base = -number if m["sign"] in ("-", "\u2212") else number
        else:
            base = _words_value(m["words"])
        key = _PREFIX_WORDS.get(prefix) or _PREFIX_WORDS.get(prefix.lower(), prefix.lower()) if prefix else ""
        if key == "m" and m["hz"] == "hz":  # "1mhz" typed in lower case means megahertz, never millihertz
            key = "meg"
        unit, factor = _UNITS[unit_name][1:] if unit_name else ("", 1.0)
        mult = SCALE_FACTORS.get(key, 1.0) * factor
        # ("rails +/-12", "+/-15 supplies": a split supply's level in volts, said without its unit)
        if not unit and not prefix and not m["rkm"] and _SPLIT.search(text, 0, m.start()) and (
                _SPLIT_BEFORE.search(text, 0, m.start()) or _SPLIT_AFTER.match(text, m.end())):
            unit, base = "V", abs(base)
        found.append(_Q(m.start(), m.end(), m[0].strip(), _times(base, mult), unit, bool(prefix or m["rkm"]), mult))
    for a, b in zip(found, found[1:]):
        # ("ten hertz to a hundred kilohertz": the article of a stop in words is no word between)
        gap = re.sub(r"(?<=\s)an?\s+$", "", text[a.end:b.start]) if b.text[:1].isalpha() else text[a.end:b.start]
        between = re.fullmatch(r"\s+and\s+", gap) and re.search(
            r"\bbetween\s+(?:about\s+|around\s+|roughly\s+|approximately\s+)?$", text[:a.start], re.I)
        # (a bare scaled start above a plain stop is no range: "a 1k load to +12 V" is ohms to a rail)
        ohms_to_rail = not a.unit and a.scaled and b.unit and not b.scaled and abs(a.value) > abs(b.value)
        # ("sweep 10hz to 1meg", "100 hz to 1 meg": a frequency range's stop with no unit is in hertz too)
        hertz = a.unit == "Hz" and not b.unit and _RANGE.fullmatch(gap) and abs(b.value) > abs(a.value)
        if hertz:
            b.unit = "Hz"
        # ("0-to-3.3 V" is a range; "a 2-to-1 multiplexer" is no range of figures)
        hyphened = gap == "-to-" and not b.unit
        if (_RANGE.fullmatch(gap) or between) and (not a.unit or a.unit == b.unit) \
                and not ohms_to_rail and not hyphened:
            # "1.3-1.6μm": the start takes the stop's unit and prefix; "10 to 300k Hz": a prefix on the stop's
            # number, spaced from its unit, is that number's alone
            if not a.unit and not a.scaled and b.unit:
                a.value = _times(a.value, 1.0 if re.match(r"[\d.]+\s?(?:meg|[kKMGmunpµμ])\s", b.text) else b.mult)
            a.unit, a.partner = b.unit, b
    return found


# --- circuit families -------------------------------------------------------------------------

# A transistor or amplifier of no named kind gets the textbook amplifier, said in a warning.
_ASSUMED_KIND, _ASSUMED = "bjt_common_emitter", r"\btransistors?\b|\bamplifiers?\b"
_BJT = r"\b(?:npn|pnp|bjts?|bipolar)\b"


def _registry():
    """The family registry (it imports this module's dataclasses, so it is imported late)."""
    from spice_lsp.generation import families
    return families


# Polarity said in words. A negated flip ("without inverting", "doesn't flip the sign", "not upside down")
# says non-inverting, and its words must not then read as an inverting amplifier or a negative gain.
_FLIP = (r"(?:invert(?:s|ed|ing)?\b|inversion\b|flip\w*|negat(?:ed|ion)\b"
         r"|(?:revers|negat)(?:e|es|ed|ing)\s+(?:it|(?:the|its)\s+(?:sign|polarity|phase))\b"
         r"|chang\w*\s+(?:the\s+|its\s+|of\s+|in\s+)?(?:sign|polarity|phase)\b"
         r"|turn\w*\s+(?:it\s+|them\s+|the\s+\w+\s+)?upside[- ]down|upside[- ]down)")
_NEGATED_FLIP = (r"\b(?:without|not|never|nor|no|(?:does|do|did|will|is|are|should)(?:\s+not|n't)|don't|won't|isn't"
                 rf"|aren't)\s+(?:\w+\s+){{0,2}}?{_FLIP}(?:\s+(?:it|them|the\s+\w+|its\s+\w+))?"
                 r"(?:\s+(?:upside[- ]down|over|around|round))?")
_NEGATED_FLIP_RE = re.compile(_NEGATED_FLIP, re.IGNORECASE)
_NOT_FLIPPED = re.compile(
    rf"{_NEGATED_FLIP}|\b(?:the\s+)?same\s+(?:sign|polarity|phase)\b|\bin\s+phase\b(?!\s+(?:margin|shift))"
    r"|\bnon[- ]?inverting\b(?!\s+(?:input|terminal|pin|node|side)s?\b)", re.IGNORECASE)
_FLIPPED = re.compile(
    r"(?<!non)(?<!non[- ])\binvert(?:ed|s|ing)?\b(?!\s+(?:input|terminal|pin|node|side)s?\b)"
    r"|\b(?:flipped|reversed|opposite|negated)\s+in\s+(?:sign|polarity)\b"
    r"|\bwith\s+(?:the\s+|its\s+)?(?:sign|polarity)\s+(?:flipped|inverted|reversed)\b"
    r"|\bflip(?:s|ped|ping)?\s+(?:it|them|(?:the|its|my|this|that|your|our)\s+(?:\w+\s+)?"
    r"(?:sign|polarity|signal|input|voltage|wave(?:form)?))\b"
    # "the opposite polarity", "reversed phase", "polarity swapped": the sign said as a property
    r"|\b(?:opposite|inverse|reversed?|inverted|flipped)\s+(?:sign|polarity|phase)\b"
    r"|\b(?:sign|polarity|phase)\s+(?:reversed|inverted|flipped|swapped)\b"
    r"|\b(?:make|makes|making|turn|turns|turning)\s+(?:it|them|(?:the|my|its|this|that)\s+\w+)\s+negative\b"
    r"|\b(?:chang|revers)\w*\s+(?:the\s+|its\s+)?(?:sign|polarity)\b"
    r"|\b(?:but|and|then|yet)\s+(?:also\s+)?(?:flipped|reversed|negated)\b"
    r"|\bnegat(?:e|es|ing)\s+(?:it|them|that|the\s+(?:signal|input|voltage))\b"
    r"|\bupside[- ]down\b|\bnegative\s+gain\b"
    r"|\b(?:minus|negative)\s+(?=(?:[\d.]+|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\s+times\b)"
    r"|(?<![\w.])[-\u2212]\s?(?=\d+(?:\.\d+)?\s+times\b)"  # "-4.7 times whatever is on node vin2"
    r"|\b(?:180\s*(?:°|deg\w*)\s+)?out\s+of\s+phase\b|\bthe\s+negative\s+of\b|\bgain\s+of\s+(?:minus|negative)\b"
    r"|\bgain\s*(?:of|=|:|is|should\s+be)?\s*[-\u2212]\s*\d+(?:\.\d+)?(?![\d.])(?!\s*(?:db|v\b|volts?))"  # "gain -4.7"
    r"|\b(?:multipl\w*|times)\s+(?:it\s+)?(?:by\s+)?(?:minus|negative|-)\s*\d", re.IGNORECASE)


def _unflipped(text: str) -> str:
    """The text with its negated flips and non-inverting words blanked (positions kept)."""
    return _NOT_FLIPPED.sub(lambda m: " " * len(m[0]), text)


def flipped(text: str, lo: int = 0, hi: int | None = None) -> re.Match | None:
    """The words in text[lo:hi] that say the output is inverted, none of them negated."""
    return _FLIPPED.search(_unflipped(text), lo, len(text) if hi is None else hi)


def polarity(text: str) -> str | None:
    """"inverting" or "non-inverting" when the text says which in words (a negated flip first), else None."""
    if flipped(text):
        return "inverting"
    return "non-inverting" if _NOT_FLIPPED.search(text) else None


_NODE_NAME = re.compile(r"\bnodes?\s+([a-z_][a-z0-9_]*)\b(?!\s*(?:voltage|current|\())"
                        # ("Input ldi, output ldo (resistor to ground ...)": a port's name, short or marked, said
                        # before a stop: never a circuit's, as "ldo" is a regulator's)
                        # (a port word that opens its clause: "two-input xor", "current-output dac" name circuits)
                        r"|(?:^|(?<=[.,;:(]))\s*(?:and\s+)?(?:the\s+)?(?:input|output|in|out)\s+"
                        r"(?!(?:stage|buffer|filter|amp|side|level|swing|pin|port|cap|caps|"
                        r"node|diode|load)\b)([a-z_](?=[a-z0-9_]*[\d_])[a-z0-9_]*|[a-z]{2,5})(?=\s*(?:[,;(]|\.(?:\s|$)|$))")


def behaviour(low: str) -> tuple[str, str] | None:
    """(the words that say what the circuit does, the circuit they name), read as a bag of function concepts
    (function_words.py); a negated flip ("without inverting") names no inverting amplifier, and alone it
    names a non-inverting one."""
    inverted = flipped(low)
    if (reading := read_function(_unflipped(low), inverted[0] if inverted else None)) is not None:
        if reading.circuit.startswith("inverting summing") and (kept := _NOT_FLIPPED.search(low)):
            # "add a and b, no inversion": the sum without its sign flipped
            return f"{reading.said} ... {kept[0]}", f"non-{reading.circuit}"
        return reading.said, reading.circuit
    return (m[0], "non-inverting amplifier") if (m := _NOT_FLIPPED.search(low)) else None


_SIDE_NAMED = re.compile(r"\b(?:low|high)[- ]?pass|\b[lh]pf\b")


def _side_said(kind: str, low: str, plain: str) -> str:
    """A filter named by its response or order alone ("maximally flat 2nd-order", "Butterworth, 4th order") whose
    words say only which side passes ("let through what's above 3 kHz", "removes everything below 500 Hz"): the
    member of its low/high pair that passes that side (a rule without a side picks the low-pass)."""
    sides = {"lowpass": "highpass", "highpass": "lowpass"}
    side = next((s for s in sides if kind.endswith(s)), None)
    if side is None or _SIDE_NAMED.search(plain) or (said := behaviour(qualified(low).text)) is None:
        return kind
    wanted = {"low-pass filter": "lowpass", "high-pass filter": "highpass"}.get(said[1])
    other = kind[:-len(side)] + sides[side]
    return other if wanted == sides[side] and other in _registry().FAMILIES else kind


_DEVICE_WORDS = re.compile(r"\b(?:npns?|pnps?|bjts?|bipolar|[np]mos|mosfets?|jfets?|cmos|op-?amps?)\b")


def _family(low: str, qs: list[_Q], intent: Intent) -> str:
    low = spelled_out(low)  # "lp, fc 15k", "hpf": the names the family rules read
    plain = _NEGATED_FLIP_RE.sub(" ", low)  # "without inverting" names no inverting amplifier
    qualified_ = qualified(plain)  # "op-amp inverter", "second-order low-pass, Q of 2", "keeps it from clipping"
    # a name after "node" is a node's, never a circuit's ("from node dac to node lpf", "on node led")
    plain = _NODE_NAME.sub(lambda m: m[0][:m.start(m.lastindex or 1) - m.start()] + " " * len(m[m.lastindex or 1]),
                           qualified_.rules_text)
    rank, kind = _registry().match(plain)
    # "Precision full-wave rectifier: half-wave precision rectifier plus summing amp": the circuit a heading names, not
    # its blocks after the colon (its devices named there qualify it: "Long-tailed pair: two matched NPNs" is the BJT
    # pair)
    head = re.match(r"\s*([^.;:!?]{4,80}?):\s", plain)
    devices = " ".join(_DEVICE_WORDS.findall(plain[head.end():])) if head else ""
    named = _registry().match(f"{head[1]} {devices}") if head else (math.inf, "generic")
    # (where the heading writes one of its names, only words after the colon chose the other and those words list
    # blocks joined ("plus", "followed by"): "Schmitt trigger on 5 V: out goes high when in rises" is the non-inverting
    # trigger its heading and words say together, "Photodetector front end: a transimpedance amplifier ..." the stage)
    def headed(name: str) -> bool:  # one of the family's names, written in the heading
        return re.sub(r"[\s-]+", " ", name.lower()) in re.sub(r"[\s-]+", " ", head[1]) if head else False
    if head and named[1] not in ("generic", kind) and named[0] < _registry().DEVICE_RANK \
            and any(headed(name) for name in _registry().family_of(named[1]).names) \
            and all(start >= head.end() for start, _ in _registry().covered_spans(kind, plain)) \
            and re.search(r"\b(?:plus|followed\s+by|then|feeding)\b", plain[head.end():].split(".")[0]):
        rank, kind = named
    spans = passing(qualified_.text)  # (not the circuit a qualifier appended)
    if kind != "generic" and spans and (covered := _registry().covered_spans(kind, plain)) and \
            all(any(a <= start and stop <= b for a, b in spans) for start, stop in covered):
        # only words said in passing chose it ("a high-pass feeding a comparator pin", "compares 2 V with a 1 kHz
        # triangle wave"): the circuit the request names beside them, when it names one
        rank_, kind_ = _registry().match(blanked(plain, spans))
        if rank_ < _registry().DEVICE_RANK:
            rank, kind, plain = rank_, kind_, blanked(plain, spans)
    elif kind == "generic" and (wants := [m.span() for m in WANTS.finditer(qualified_.text)]) and \
            _registry().match(blanked(plain, wants))[1] != "generic":
        # a device that wants the circuit kept every rule off ("my ADC wants a 2.5 V reference"): the circuit without
        # it; not any words said in passing (a clock "driving a 4-bit counter" names the counter, no clock alone)
        plain = blanked(plain, wants)
        rank, kind = _registry().match(plain)
    if qualified_.circuit and kind not in ("generic", _registry().match(qualified_.text)[1]):  # the qualifier decided
        intent.reading = f"'{qualified_.said}' read as {'an' if qualified_.circuit[0] in 'aeiou' else 'a'} " \
                         f"{qualified_.circuit}"
        intent.read_from = (f"{qualified_.said}".strip(),)  # its words name the circuit ("blink an LED")
    converted = wave_conversion(plain)
    if converted and rank < _registry().DEVICE_RANK and _registry().family_of(kind).noun == "oscillator":
        # "turn the square wave at in into a triangle": waves the circuit is given and gives, no generator's name
        plain = plain[:converted[0]] + " " * (converted[1] - converted[0]) + plain[converted[1]:]
        rank, kind = _registry().match(plain)
    said = behaviour(qualified(low).text) if rank >= _registry().DEVICE_RANK else None
    if said is not None:  # the circuit named by what it does, its variant by the request's other words
        rank, kind = _registry().match(f"{plain} ({said[1].lower()})")
        if kind != "generic":
            intent.reading = f"'{said[0].strip()}' read as {'an' if said[1][0] in 'aeiou' else 'a'} {said[1]}"
            intent.read_from = tuple(part.strip() for part in said[0].split(" ... "))
    if kind == "generic" and re.search(_ASSUMED, low):
        return _ASSUMED_KIND
    kind = _side_said(kind, low, plain)
    if kind in ("rc_lowpass", "rc_highpass"):  # the parts given decide RC, RL or LC
        has_l = any(q.unit == "H" for q in qs) or re.search(r"(?<!\bno )(?<!\bwithout )(?:inductor|inductance)|\brl\b",
                                                            low)  # ("a passive RC network (no inductors)": none)
        has_c = any(q.unit == "F" for q in qs) or re.search(r"capacitor|capacitance|\brc\b", low)
        if has_l:
            kind = "rl_highpass" if kind == "rc_highpass" else "lc_lowpass" if has_c else "rl_lowpass"
    return kind


# --- roles ------------------------------------------------------------------------------------

_ALIASES = {name: name for name in "R C W VDD VIN VBIAS VGS VBS VZ IBIAS IREF FSW DUTY GAIN LG RD RS RG RL RPU "
            "RE RC RB RB1 RB2 RF RIN CIN COUT CL CE TEMP FREQ VLOW VHIGH VLOGIC".split()}
_ALIASES.update(VCC="VDD", VSUPPLY="VDD", VS="VDD", VI="VIN", VBE="VBIAS", VREF="VBIAS", ISS="IBIAS", ITAIL="IBIAS",
                F="FREQ", FC="FREQ", F0="FREQ", D="DUTY", T="TEMP", AV="GAIN", RLOAD="RL", CLOAD="CL",
                # MOS model parameters: "VTO = 0.7 V" is a threshold, not a supply.
                VTO="VTO", VTH="VTO", VT0="VTO", VT="VTO", KP="KP",
                # a solar cell's short-circuit current and open-circuit voltage, a ripple's level: roles of their own
                ISC="ISC", VOC="VOC", VRIPPLE="VRIPPLE")
_NAMES = re.compile(r"(?:\b[A-Za-z]\w*\|?\s*=\s*)+$|\b[A-Za-z]\w*\s*(?::|\bof\b|\bis\b)?\s*$")  # "R1=R2=", "VCC of"
_CUT = re.compile(r"[,;()\[\]]|\.(?:\s|$)|\b(?:and|with|while|but)\b", re.IGNORECASE)
_NOUN_UNIT = {"res": "ohm", "cap": "F", "ind": "H", "coi": "H", "cho": "H"}  # a part's noun, its unit
_IMPLIED_UNIT = [(r"resist", "ohm"), (r"capacit|\bcap\b", "F"), (r"induct|coil|choke", "H"),
                 (r"length|width", "m"), (r"supply|volt", "V"), (r"current", "A"), (r"freq", "Hz")]
_NOT_A_ROLE = ""  # a keyword that says "this is not something the circuit uses"
_FROM = {"V": "VIN"}  # "from 12 V": the input; a level said before "from" ("9.1 V from a 15-20 V input") is not it
_KEYWORDS: list[tuple[str, dict[str, str]]] = [  # nearest match wins; ties go to the earlier row
    (r"body(?: bias)?|substrate|bulk|back[- ]gate", {"V": "VBS"}), (r"zener|breaks\s+down\s+at", {"V": "VZ"}),
    # Device physics that the templates turn into .param lines their model cards compute from.
    (r"base width", {"m": "BASE_WIDTH"}), (r"base doping", {"cm-3": "BASE_DOPING", "": "BASE_DOPING"}),
    (r"collector doping", {"cm-3": "COLLECTOR_DOPING", "": "COLLECTOR_DOPING"}), (r"barrier", {"V": "BARRIER"}),
    (r"diameter", {"m": "DIAMETER"}), (r"intrinsic", {"m": "INTRINSIC"}),
    (r"dop(?:ed|ing)", {"cm-3": "DOPING", "": "DOPING"}), (r"oxide", {"m": "TOX"}), (r"membrane", {"m": "MEMBRANE"}),
    (r"gap", {"m": "GAP"}), (r"proof mass", {"m": "PROOF_MASS"}), (r"thick(?:ness)?", {"m": "THICKNESS"}),
    (r"breakdown|barrier|threshold|capabilit|rating|thick(?:ness)?|oxide|diameter|gap|wavelength|"
     r"membrane|mass|base width|intrinsic|region|depth", dict.fromkeys(("V", "A", "m", "s", "Hz", ""), _NOT_A_ROLE)),
    # "gain 50 set by a single 1k gain resistor": the resistor that sets an amplifier's gain, no gain
    (r"gain[- ](?:setting\s+|set\s+)?resistor", {"ohm": "RG"}),
    (r"switching", {"Hz": "FSW"}), (r"duty", {"": "DUTY"}), (r"gain", {"": "GAIN"}), (r"dead[- ]?time", {"s": "DEAD"}),
    (r"load", {"ohm": "RL", "F": "CL"}), (r"drain", {"ohm": "RD", "V": "VDD"}),
    # "AND gate: 4.7k pull-up": the resistor to a rail, whatever the circuit's name says (no gate resistor)
    (r"pull[- ]?(?:up|down)", {"ohm": "RPU"}),
    (r"gate length|channel length|length|technology|node", {"m": "LG"}), (r"width", {"m": "W"}),
    (r"gate", {"ohm": "RG", "V": "VGS"}), (r"emitter|bypass", {"ohm": "RE", "F": "CE"}),
    (r"collector", {"ohm": "RC"}), (r"base", {"ohm": "RB", "V": "VBIAS"}),
    # ("100k from output ns_out back to +": the feedback resistor, to either input)
    # ... "47k from output to the non-inverting input"
    (r"feedback|out(?:put)?\s+(?:[a-z_]\w*\s+)?(?:back\s+)?to\s+(?:the\s+)?(?:minus|inverting|negative|non-?inverting|plus|"
     r"positive|-|\+)(?:\s*(?:input|pin))?", {"ohm": "RF"}),
    # "when in goes past 2.5 V": the level a comparator switches at
    (r"(?:goes|rises|gets|climbs|falls|drops|is)\s+(?:past|above|over|beyond|below|under)|crosses|exceeds",
     {"V": "VBIAS"}),
    # "keep out at 3.3 V", "3.3 V at out": the output's level, a spec the request states, not a supply
    (r"(?:(?:rail|output|level)\s+)?(?:at|on)\s+(?:node\s+)?out(?:put)?\b"
     r"|out(?:put)?\s+(?:node\s+[a-z_]\w*\s+)?(?:(?:must|should|will|has\s+to)\s+)?(?:at|is|be|stays?|remains?|sits?|reads?)"
     r"(?:\s+at)?\s*$",  # ("output node reg at 6.2 V")
     {"V": _NOT_A_ROLE}),
    (r"supply|rail|vdd|vcc|operating|battery", {"V": "VDD"}), (r"\bfrom\b", _FROM),
    # "collectors on 12 V", "drains at 5 V": the pins of several transistors tied to a level are tied to the supply
    (r"(?:collectors|drains)\s+(?:at|on|to|tied\s+to)(?=\s*$)", {"V": "VDD"}),
    # "bias an NPN stage on 15 V": a circuit said on a level runs on it (the verb "bias" names no level)
    (r"(?:stage|amplifier|amp|circuit|transistor|npn|pnp|bjt|mosfet|follower|buffer)s?\s+on(?=\s*$)", {"V": "VDD"}),
    # "a CMOS NAND at 1.2 V": a logic gate said at a level runs on it
    (r"\b(?:nand|nor|xor|xnor|and|or|not|logic|cmos)[\s-]?(?:\d-input\s+)?(?:gate|inverter|nand|nor)?s?\s+"
     r"(?:at|on)(?=\s*$)", {"V": "VDD"}),
    # "put 1.5 V at in", "in sits at 1.5 V": a level on the input node is the input's, not a supply
    (r"(?:at|into|on)\s+(?:node\s+)?v?in\b|v?in\s+(?:sits|rests|stays|is\s+held|is\s+biased|is\s+kept)\s+at\b",
     {"V": "VIN"}),
    (r"input|peak|amplitude|magnitude|signal|sine|square|triangle",
     {"ohm": "RIN", "F": "CIN", "V": "VIN", "Hz": "FREQ"}),
    # "my sensor looks like 2 V behind 1 MΩ": a signal source's level and its output resistance
    (r"source|sensor|transducer|pickup|probe", {"ohm": "RS", "V": "VIN"}), (r"coupling", {"F": "CIN"}),
    (r"output", {"F": "COUT"}),
    # "a 1 V set-point at vset": the level a regulating loop holds its sense node to, not a supply
    (r"reference|set[- ]?point", {"A": "IREF", "V": "VBIAS"}), (r"hysteresis", {"V": "VHYST"}),
    (r"pulse|width|duration|one[- ]shot|timing", {"s": "WIDTH"}),
    (r"bias|tail", {"V": "VBIAS", "A": "IBIAS"}),
]
_KEYWORD_RES = [(re.compile(rf"\b(?:{p})"), roles) for p, roles in _KEYWORDS]


def _role_unit(role: str) -> str:
    special = {"W": "m", "LG": "m", "WL": "", "FREQ": "Hz", "FSW": "Hz", "DUTY": "", "GAIN": "",
               "KP": "A",  # KP in A/V²
               "BASE_WIDTH": "m", "BASE_DOPING": "cm-3", "COLLECTOR_DOPING": "cm-3", "BARRIER": "V",
               "DIAMETER": "m", "INTRINSIC": "m", "DOPING": "cm-3", "TOX": "m", "MEMBRANE": "m", "GAP": "m",
               "PROOF_MASS": "m", "THICKNESS": "m", "DEAD": "s", "WIDTH": "s", "VHYST": "V", "UGBW": "Hz",
               "BETA": ""}  # BETA: an NTC thermistor's B constant, in kelvin
    if role in special:
        return special[role]
    return "degC" if role.startswith("TEMP") else {"R": "ohm", "C": "F", "L": "H", "V": "V", "I": "A"}[role[0]]


def _windows(text: str, qs: list[_Q], i: int) -> tuple[str, str]:
    """The words before and after quantity i, up to the next punctuation, conjunction or quantity."""
    lo = qs[i - 1].end if i else 0
    hi = qs[i + 1].start if i + 1 < len(qs) else len(text)
    before, after = text[lo:qs[i].start], text[qs[i].end:hi]
    cuts = list(_CUT.finditer(before))
    if cuts and cuts[-1][0] == "(" and not before[cuts[-1].end():].strip(" \u00b1"):  # "(50 nm)", "(±1 V, ..."
        # "gate oxide (50 nm)": a parenthesised value belongs to the words before it
        before = before[cuts[-2].end() if len(cuts) > 1 else 0:cuts[-1].start()]
    else:
        before = before[cuts[-1].end():] if cuts else before
    if re.search(r"\b(?:regulator|reg|circuit|filter|stage|network|clamp|limiter)\s*:\s*$", before, re.IGNORECASE):
        before = ""  # "Zener regulator: 15 V at vraw": a heading names the circuit, not the figure after it
    j = i + 1
    while not after.strip() and j < len(qs):  # "100 mV 1 kHz sine": the words after the next value count
        after = text[qs[j].end:qs[j + 1].start if j + 1 < len(qs) else len(text)]
        j += 1
    cut = _CUT.search(after)
    return before[-40:], (after[:cut.start()] if cut else after)[:40]


def _keyword_role(before: str, after: str, unit: str, own: tuple[tuple[str, dict[str, str]], ...] = (),
                  clause: str = "") -> str | None:
    """The role of the keyword nearest the figure; `own`: the family's own words (Family.words), first on a tie,
    read in `clause` (the words since the figure before, past commas: "difference stage, 10k resistors")."""
    best: tuple[int, int, str] | None = None
    before, after = before.lower(), after.lower()
    # the family's own "as ..." word said after the figure in its clause names it ("an ideal 2.5 V source as the
    # reference": the reference's level, though "source" is nearer)
    own_after = [(m.start(), roles[unit]) for p, roles in own if unit in roles and p.startswith("as")
                 for m in re.finditer(rf"\b(?:{p})", after)]
    if own_after:
        return min(own_after)[1]
    # (a word that says what the figure before it is, "as the reference", names no figure after it)
    rows = [(re.compile(rf"\b(?:{p})"), r, clause.lower() or before) for p, r in own if not p.startswith("as")] + \
        [(pattern, r, before) for pattern, r in _KEYWORD_RES]
    for rank, (pattern, roles, said) in enumerate(rows):
        if unit not in roles:
            continue
        distances = [m.start() for m in pattern.finditer(after)] if roles is not _FROM else []
        distances += [len(said) - m.end() for m in pattern.finditer(said)]
        if distances and (best is None or (min(distances), rank) < best[:2]):
            best = (min(distances), rank, roles[unit])
    return best[2] if best else None


def _put(intent: Intent, value: Value) -> None:
    old = intent.values.get(value.role)
    if old is None:
        intent.values[value.role] = value
    elif not math.isclose(old.value, value.value, rel_tol=1e-6):
        intent.warnings.append(f"two values for {value.role} ({old.text} and {value.text}); keeping {old.text}")


_ASPECT = re.compile(r"\bW\s*/\s*L\s*(?:=|:|of|is|ratio(?:\s+of)?)?\s*$", re.IGNORECASE)
_SQUARE = re.compile(r"(?<![\w/])W\s*=\s*L\b(?!\s*=)")  # "W = L" with no figure (not "W = L = 10 um")


# A part's or a source's line as SPICE writes it, up to its second node: its name, its first node, then "0"
_CARD_NODE = re.compile(r"(?:^|[;,.:]\s*|\n)(?-i:[RCLVIDQMJEGHFB][A-Za-z0-9_]*)\s+(?-i:[a-z_][a-z0-9_]*)\s+$")
_CARD_NEXT = re.compile(r"\s+(?:(?:dc|ac|sin|pulse|pwl)\b"
                        r"|[-+]?[\d.]+(?:[eE][-+]?\d+)?(?:meg|[fpnuµmkKMG])?\w*\s*(?:[;,]|\.(?:\s|$)|$))",
                        re.IGNORECASE)


# "a 10k/15k divider", "a 100K / 47K divider": a divider's two resistors, the upper arm first
_SLASH_ARMS = re.compile(r"(?<![\w./])(?P<a>\d+(?:\.\d+)?\s?(?:k|K|meg|M)\d*)\s*(?:Ω|ohms?)?\s*/\s*"
                         r"(?P<b>\d+(?:\.\d+)?\s?(?:k|K|meg|M)\d*)\s*(?:Ω|ohms?)?\s+(?:\w+\s+)?divider\b")


# ... said after the word: "hysteresis divider 10k/10k", "a divider of 22k / 10k"
_ARMS_AFTER = re.compile(r"\bdivider\s+(?:of\s+)?(?P<a>\d+(?:\.\d+)?\s?(?:k|K|meg|M)\d*)\s*(?:Ω|ohms?)?\s*/\s*"
                         r"(?P<b>\d+(?:\.\d+)?\s?(?:k|K|meg|M)\d*)(?![\w/])")


def _divider_arms(intent: Intent, text: str, qs: list[_Q], claimed: set[_Q]) -> None:
    """A divider stated as a ratio of its resistors ("take the positive feedback from a 10k/15k divider") in a family
    whose divider is its R1 (upper) and R2 (lower): those two values (the second, after a slash, is no quantity of its
    own to the figure reader)."""
    m = _SLASH_ARMS.search(text) or _ARMS_AFTER.search(text)
    if m is None or not {"R1", "R2"} <= set(_registry().roles(intent.kind)) or {"R1", "R2"} & set(intent.values):
        return
    for role, said in (("R1", m["a"]), ("R2", m["b"])):
        value = parse_number(said.replace(" ", ""))
        if value is None:
            return
        _put(intent, Value(role, value, said, "ohm"))
    claimed.update(q for q in qs if m.start() <= q.start < m.end())


_SWINGS_ABOUT = re.compile(r"\b(?:swings?|swinging|sits?|sitting|centred|centered|rides?|riding)\s+"
                           r"(?:around|about|on|at)\s+$", re.IGNORECASE)


def _assign_roles(intent: Intent, text: str, qs: list[_Q], claimed: set[_Q]) -> None:
    _divider_arms(intent, text, qs, claimed)
    mos = _registry().family_of(intent.kind).mos or re.search(r"\bW\s*=", text)
    unnamed: dict[str, list[_Q]] = {"R": [], "C": [], "L": []}
    for i, q in enumerate(qs):
        if q in claimed:
            continue
        if q.unit == "V" and q.value == 0 and not q.partner and _SWINGS_ABOUT.search(text, 0, q.start):
            claimed.add(q)  # "my audio swings around 0 V": where a signal is centred, no part's value
            continue
        if q.partner and q.unit == "V" and q.value > 0 and math.isclose(q.partner.value, -q.value) \
                and re.search(r"\bswing\w*|\brails?\b", text[max(0, q.start - 40):q.start], re.IGNORECASE) \
                and "VDD" not in intent.values and "VDD" in _registry().roles(intent.kind):
            # "swinging between about +5 and -5 V": the output's rails, the supply of a family that has one
            _put(intent, q.as_value("VDD", "V"))
            claimed.add(q.partner)
            continue
        if q.partner or any(p.partner is q for p in qs):
            intent.extra_values.append(q.as_value(_NOT_A_ROLE))  # a range outside any analysis
            continue
        if q.text == "0" and _CARD_NODE.search(text[:q.start]) and _CARD_NEXT.match(text[q.end:]):
            continue  # "VIN vin 0 DC 12", "Rbot mid 0 10k": a SPICE line's ground node, no figure
        if q.unit == "V" and re.match(r"\s*DC\s*\)", text[q.end:], re.IGNORECASE) and re.search(
                r"\bAC\b[^().;]{0,30}\(\s*$", text[max(0, q.start - 40):q.start], re.IGNORECASE):
            intent.extra_values.append(q.as_value(_NOT_A_ROLE))  # "a 1 V AC source (0 V DC)": its offset, no input
            continue
        before, after = _windows(text, qs, i)
        length = re.match(r"\s*/\s*(\S+)", text[q.end:])
        lengths = _quantities(length[1].rstrip(",;:.)")) if length else []
        if not q.unit and q.scaled and _ASPECT.search(text[:q.start]) and len(lengths) == 1 and lengths[0].scaled:
            _put(intent, q.as_value("W", "m"))  # "W/L = 20u/1u": the width and the length, not a ratio
            _put(intent, lengths[0].as_value("LG", "m"))
            continue
        if not q.unit and _ASPECT.search(text[:q.start]):  # "W/L = 10" is a ratio, not a length
            _put(intent, q.as_value("WL", ""))
            continue
        rated = re.search(r"\d\s*(?:k|meg|m)?\s*(?:Ω|ohms?)?\s+at\s*$", text[max(0, q.start - 16):q.start], re.I)
        if q.unit == "degC" and rated:  # a sensor's rating ("10k at 25 °C"), not its temperature
            intent.extra_values.append(q.as_value(_NOT_A_ROLE))
            continue
        said = _NAMES.search(before)
        names = re.findall(r"[A-Za-z]\w*", said[0]) if said else []
        # "at t = 0" is a time; a temperature is "T = 27" or has its unit
        names = [name for name in names if name != "t" or q.unit == "degC"]
        if {name.upper() for name in names} & {"B", "BETA"} and re.search(r"\bthermistor|\bntc\b", text, re.IGNORECASE):
            intent.extra_values.append(q.as_value(_NOT_A_ROLE))  # "B = 3435 K": a thermistor's constant, no resistor
            continue
        if {name.upper() for name in names} & {"VP", "IDSS"} and re.search(r"\bjfet", text, re.IGNORECASE):
            intent.extra_values.append(q.as_value(_NOT_A_ROLE))  # a JFET's datasheet figure: its model's (request)
            continue
        roles = [role for role in (_explicit_role(name.upper(), q, mos) for name in names) if role]
        if roles and not re.fullmatch(r"[RCL]\d+", roles[0]) and intent.kind != "generic" \
                and _role_unit(roles[0]) in ("ohm", "F", "H") \
                and roles[0] not in (read := _registry().roles(intent.kind)):
            # "RG = 2.2k from the inverting input to ground" of a non-inverting amplifier: a name the family has no
            # role for, placed by its words (its input leg), as an unnamed figure is
            clause = text[qs[i - 1].end if i else 0:q.start][-60:]
            worded = _keyword_role(before, after, q.unit or _role_unit(roles[0]),
                                   _registry().family_of(intent.kind).words, clause)
            roles = [worded] if worded is not None and worded in read else roles
        for explicit in roles:
            if q.unit and q.unit != _role_unit(explicit):
                intent.warnings.append(f"{explicit}={q.text}: the unit does not fit {explicit}; value ignored")
                intent.extra_values.append(q.as_value(_NOT_A_ROLE))
            else:
                _put(intent, q.as_value(explicit, _role_unit(explicit)))
        if roles:
            continue
        if not q.unit and q.scaled:
            near = f"{before} {after}".lower()
            bare = "ohm" if q.mult >= 1e3 else "F" if q.mult <= 1e-6 and not mos else ""  # "10k", "100n"
            # "into a 2k load", "fed from 12 V through 4.7k": ohms, whatever else the words near it name
            through = re.search(r"\b(?:through|via)\s+(?:an?\s+)?$", before, re.I)
            # "a 10n-ish cap", "10n ceramic cap": the part named right after the figure is its own, before any other
            noun = re.match(r"\s*(?:-?\s?ish\b|or\s+so\b)?\s*(?:[a-z]+\s+)?(?P<p>resistor|cap(?:acitor)?|inductor|coil|"
                            r"choke)s?\b", after, re.I)
            q.unit = bare if bare == "ohm" and (re.match(r"\s*load\b", after, re.I) or through) else \
                _NOUN_UNIT[noun["p"].lower()[:3]] if noun else \
                next((u for p, u in _IMPLIED_UNIT if re.search(p, near)), bare)
            if re.match(r"\s*(?:-?\s?3\s?dB\s+)?(?:cut-?off|corner)\b", after, re.I):
                q.unit = "Hz"  # "a 5k corner": a frequency, no resistor
            if bare == "ohm" and q.unit in ("F", "H", "A", "V"):  # "the cap is fed through 1.6k": no kilofarads
                # (nor kiloamps, "9.3k from 10 V into the diode-connected side (about 1 mA)", nor kilovolts, "base
                # biased at half supply by a 22k/22k divider": a bare figure in thousands is ohms)
                q.unit = bare
        role = _keyword_role(before, after, q.unit, _registry().family_of(intent.kind).words,
                             text[qs[i - 1].end if i else 0:q.start][-60:])
        if q.unit == "ohm" and role is None and (pin := _TO_PIN.match(text, q.end)):
            role = _PIN_ROLES[(pin["p"] or pin["q"]).lower()]  # "4.7k from +10 V to the emitter": the pin's resistor
        if q.unit == "V" and re.match(r"\s*(?:at|on)\s+(?:the\s+)?(?:node\s+)?[a-z_]\w*\s+from\s+(?:an?\s+|the\s+)?"
                                      r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)\s?[mkµu]?V\b", text[q.end:], re.IGNORECASE):
            role = _NOT_A_ROLE  # "3.3 V at vo from 5 V at vin": the output's level (a spec), the supply's after it
        if q.unit == "V" and q.value < 0 and (re.match(r"\s*(?:dc\s+)?negative\s+(?:supply|rail)\b", after, re.I)
                                              or re.search(r"\b(?:VEE|VSS)\s*(?:=|:|\bis\b|\bof\b)?\s*$", before, re.I)
                                              or re.search(r"\bnegative\s+(?:supply|rail)\b", before, re.I)):
            role = _NOT_A_ROLE  # "VEE = -15 V", "a -12 V negative rail": the negative supply the request reader places
        if q.unit == "V" and q.value < 0 and any(s.unit == "V" and s.value == -q.value
                                                 and _SPLIT.search(text, 0, s.start) for s in qs):
            role = _NOT_A_ROLE  # "+/-12 V rails, ... tail resistor to -12 V": the split supply's negative rail
        if q.unit == "V" and re.search(r"(?:\u00b1|\+/?-)\s*\d", text[max(0, q.start - 5):q.start] + q.text) \
                and re.match(r"(?:(?!\b(?:rails?|suppl\w*|v[cde][cde])\b)[^.;]){0,30}?\b"
                             r"(?:square|sine|sinusoid|triangle|pulse|wave)", text[q.end:], re.I):  # (not "6 V rails")
            role, q.value = "VIN", abs(q.value)  # "a +-2 V, 500 Hz square": the wave's level, no rails
        if q.unit == "V" and re.search(r"(?:^|[.;:]\s+|,\s+(?:and\s+)?)(?:about|around|roughly|approximately|~)\s*$",
                                       text[:q.start], re.IGNORECASE) \
                and re.match(r"\s+(?:at|on)\s+(?:the\s+)?(?:node\s+)?(?!v(?:cc|dd|ee|ss)\b)[a-z_]\w*", text[q.end:],
                             re.IGNORECASE):
            role = _NOT_A_ROLE  # "About 1.2 V at bg_ref": the level wanted there, a spec (request.py)
        # ("within +/-8 mV of its average": a tolerance, no level of the circuit's)
        if q.unit == "V" and re.search(r"\bwithin\s+(?:\u00b1|\+/-|\+-)?\s*$", text[:q.start], re.IGNORECASE):
            role = _NOT_A_ROLE
        if q.unit == "V" and re.match(r"\s+(?:at|for|per)\s+[\d.]+\s*[munpµμ]?A\b", text[q.end:]):
            role = _NOT_A_ROLE  # "output going positive (1 V at 2 uA)": the output per its input current, a spec
        if role in (None, "VIN") and q.unit == "V" and q.value > 0 and _AT_RAIL.match(text, q.end):
            role = "VDD"  # "from 10 V at node vcc": a level on a node named as a rail is the supply's
        if role is None and q.unit == "V" and re.search(
                r"\b(?:want|need|expect|get|see)\s+(?:about\s+|around\s+|roughly\s+|exactly\s+)?$",
                text[max(0, q.start - 40):q.start], re.IGNORECASE) \
                and re.match(r"\s*(?:dc\s+)?(?:at|on)\s+(?:node\s+)?[a-z_]\w*", text[q.end:], re.IGNORECASE):
            role = _NOT_A_ROLE  # "I want +2 V at pt_out": a level wanted at a node, a spec, no supply
        if role is None and q.unit == "ohm" and re.search(r"\bdriv(?:es|ing)\s+(?:an?\s+|the\s+)?$",
                                                          text[max(0, q.start - 30):q.start], re.IGNORECASE) \
                and not re.match(r"\s*(?:[a-z]+\s+)?(?:resistor|capacitor|cap|inductor|coil)", text[q.end:], re.I):
            role = "RL"  # "zout drives 470 ohm": what a node drives is its load (not "drives a 1k resistor")
        if role is None and q.unit == "ohm" and (pin := _PIN_HAS.search(text[max(0, q.start - 60):q.start])
                                                 or _PIN_TO_LEVEL.search(text[max(0, q.start - 60):q.start])):
            role = _PIN_ROLES[pin["pin"].lower()]  # "emitter node cbe with 8.2k to n9": that pin's resistor
        if role is None:
            role = _default_role(intent, q)
            # "0.1 V DC plus 0.01 V AC on ni": a source's AC magnitude; "VX gives 1 V DC": a named source's level. The
            # request reader places both on their source: no supply, and no second input level
            ac = re.match(r"\s*ac\b", text[q.end:], re.I) or re.search(r"\bac\s*(?:of\s+|=\s*)?$", text[:q.start], re.I)
            said = _SOURCE_SAYS.search(text[:q.start])
            source = said is not None and _ALIASES.get(said["name"].upper()) != "VDD"
            if (ac or source) and role in ("VDD", "VIN") and (role == "VDD" or role in intent.values):
                role = "VIN" if source and not ac and "VIN" not in intent.values else _NOT_A_ROLE
        if role in unnamed:
            unnamed[role].append(q)
        elif role:
            _put(intent, q.as_value(role))
        elif q.unit or q.scaled:  # a plain "3" or "1e20" with no unit or role means nothing to us
            intent.extra_values.append(q.as_value(_NOT_A_ROLE))
    for letter, group in unnamed.items():
        names = [letter] if len(group) == 1 and letter not in intent.values else \
            [f"{letter}{n}" for n in range(1, 20) if f"{letter}{n}" not in intent.values]
        for role, q in zip(names, group):
            _put(intent, q.as_value(role))


_AT_RAIL = re.compile(r"\s*(?:dc\s+)?(?:(?:supply|rail)\s+)?(?:at|on)\s+(?:the\s+)?(?:node\s+)?"
                      r"(?:v(?:cc|dd)|vpos|vplus|vsupply|vsup)\w*\b", re.IGNORECASE)


# "4.7k from +10 V to the emitter", "1k from the emitter to ground": a resistor on a transistor's pin (its window
# ends at the rail's level, so the pin's word is past it)
_RAIL_END = r"(?:the\s+|a\s+)?(?:[-+]?\d+(?:\.\d+)?\s*V|v(?:cc|dd|ee|ss)\w*|rail|supply|ground|gnd)"
_TO_PIN = re.compile(r"\s*(?:ohms?\s+|\u03a9\s*)?(?:resistor\s+)?(?:from\s+" + _RAIL_END + r"\s+to\s+(?:the\s+|its\s+)?"
                     r"(?P<p>emitter|collector|base|drain|gate|source)s?\b|from\s+(?:the\s+|its\s+)?"
                     r"(?P<q>emitter|collector|base|drain|gate)s?\s+to\s+" + _RAIL_END + r"\b)", re.IGNORECASE)
# "emitter node cbe with 8.2k to n9", "the collector (node cc) has 4.7k to the rail": a figure said with a pin named
# by its node is that pin's resistor ("with" cuts the keyword window, so the pin word is read here)
_PIN_ROLES = {"emitter": "RE", "collector": "RC", "drain": "RD", "gate": "RG", "base": "RB", "source": "RS"}
# "emitter to -6 V through 5.6k", "collector up to +12 V via 4.7k": the pin's resistor to a level
_PIN_TO_LEVEL = re.compile(r"\b(?P<pin>emitter|collector|drain|source|base|gate)\s+(?:is\s+)?"
                           r"(?:returned\s+|tied\s+|goes\s+)?(?:up\s+|down\s+)?to\s+(?:the\s+)?[-+\u2212]?\d[\d.]*\s*V\s+(?:rail\s+|supply\s+)?"
                           r"(?:through|via)\s+(?:an?\s+)?$", re.IGNORECASE)
_PIN_HAS = re.compile(r"\b(?P<pin>emitter|collector|drain|gate|base)\s+\(?node\s+[a-z_]\w*\)?\s+(?:with|has|having)\s+"
                      r"(?:an?\s+|its\s+)?(?:un-?bypassed\s+)?$", re.IGNORECASE)


# A named source's verb before a level in its clause ("VX gives 1 V DC", "VNI puts 0.1 V on ni"): the level is that
# source's (the request reader places it), never the supply by default
_SOURCE_SAYS = re.compile(r"(?-i:\b(?P<name>[VI][A-Z0-9_]+))\s+(?:gives|puts|holds|sets|applies|drives|feeds|supplies|"
                          r"provides|delivers|forces)\b(?:(?![,;]|\.\s)[^()])*$", re.IGNORECASE)


def _explicit_role(name: str, q: _Q, mos: object) -> str | None:
    if re.fullmatch(r"[RCL]\d+", name):
        return name
    if name == "L":  # "L=1u" beside W= is a channel length, "L=1uH" an inductance
        return "LG" if q.unit == "m" or (not q.unit and mos) else "L"
    return _ALIASES.get(name)


def _default_role(intent: Intent, q: _Q) -> str:
    candidates = {"ohm": ["R"], "F": ["C"], "H": ["L"], "Hz": ["FREQ"], "A": ["IBIAS"], "degC": ["TEMP"],
                  "cm-3": ["DOPING"],
                  # A bare voltage under 1 V is a signal, not a supply ("10 mV DC at in").
                  "V": ["VIN", "VDD"] if _registry().family_of(intent.kind).signal_input or abs(q.value) < 1
                  else ["VDD", "VIN"]}.get(q.unit, [""])
    return next((r for r in candidates if r not in intent.values), candidates[0])


# --- analyses ---------------------------------------------------------------------------------

_NUMBER_AHEAD = r"[-+\u2212]?[\d.]+(?:e[-+]?\d+)?\s*"  # a figure as a lookahead reads it
_HZ_AHEAD = r"[^.;]*?[\d.]\s*(?:[kKMG]|meg)?\s*Hz\b"  # a frequency later in the clause
_HZ_RANGE = r"[\d.]+\s*(?:[kKMG]|meg)?\s*(?:Hz)?\s*(?:to|and|-|\u2013|-+>|\u2192)\s*[\d.]+\s*(?:[kKMG]|meg)?\s*Hz\b"
_DURATION = r"[\d.]+\s*(?:[munp\u00b5\u03bc]|milli|micro|nano)?(?:s|secs?|seconds?)\b"
_LOOK = r"(?:look(?:ing)?\s+at|plot\w*|show\w*|check\w*|view\w*|watch\w*|observ\w*|display\w*|examin\w*|see|give\s+me)"
# where a swept source sits: "on drain node dr", "at node bias", "into the cathode (node kz)", "on vin"
_AT_NODE = r"(?:at|on|into)\s+(?:the\s+)?(?:[a-z]+\s+)?(?:node\s+|\(node\s+)?\w+\)?"
_TRIGGERS = [  # (kind, pattern) searched case-insensitively
    # (not a part: "two diodes and DC bias sources", "a DC bias supply")
    ("op", r"operating point|bias point|q-point|quiescent|\bop\b(?![- ]?amp)"
           r"|\bdc\s+(?:bias|solution)\b(?!\s+(?:sources?|supply|supplies|batter(?:y|ies)|voltages?|levels?|rails?)\b)"
           r"|\bdc\s+test(?:\s+vector)?\b(?!\s+(?:sweep|over|from))"  # "DC test: a = 0, b = 1.8 V"
           # "try it out with va = 0.9 V DC", "test with p1 at 2.1 V and p2 at 2 V, both DC": a test at DC levels
           r"|\b(?:test|try|check|evaluat|exercis)\w*(?:\s+(?:it|this|them|the\s+\w+))?(?:\s+out)?\s+"
           r"(?:with|using|at|by\s+(?:applying|holding|putting))\b"
           r"(?=(?:[^.;]|\.(?=\d))*?\d\s*m?V\s*(?:DC\b|,?\s*(?:both|each|all)\s+(?:at\s+)?DC\b))"
           r"(?!(?:[^.;]|\.(?=\d))*\b(?:sine|sin|ac|hz|pulse|square|transient|sweep\w*)\b)"),
    # the gain with the input and output resistances is what .tf gives (read before AC's "small-signal")
    ("tf", r"(?:small[- ]signal\s+)?transfer function|\.tf\b"
           r"|\b(?:small[- ]signal\s+|dc\s+)?gain\s*(?:,|and)\s*(?:the\s+)?input(?:\s+(?:resistance|impedance))?"
           r"\s*(?:/|,|and|,\s*and)\s*"
           r"(?:the\s+)?output\s+(?:resistances?|impedances?)"),
    # "AC, linear, 201 points ..."
    # ("AC, 50 points/decade, 1 Hz up to 10 MHz": its settings after a comma)
    ("ac", r"\bac\b(?=\s*,\s*(?:lin(?:ear)?\b|log|dec(?:ade)?\b|oct(?:ave)?\b|from\b|over\b|sweep"
           r"|\d+\s*(?:points?\b|pts\b|per\b|/)))"
           # ... not a node called ac ("diode from ac to dc"), nor "AC to DC" conversion
           r"|(?<!from )(?<!node )(?<!on )(?<!at )\bac\b(?!\s+to\s+dc\b)"
           r"(?=\s*:?\s*(?:small[- ]signal\s+)?(?:analys[ie]s|sweep|simulation|run\b|response|from|over\b|up|to\b|\d"
           r"|(?:only\s+)?at\s+[\d.]+\s*(?:[kKMG]|meg)?\s*Hz\b"
           r"|lin(?:ear(?:ly)?)?\b|dec(?:ade)?\b|oct(?:ave)?\b|log))"  # "sweep AC linearly, 400 points, ..."
           # "an op and an ac", "operating point and AC.": AC named in a list of analyses
           r"|(?:(?<=\band\s)|(?<=\ban\s))ac\b(?=\s*(?:[.;,)]|$|\s+and\s+(?:an?\s+)?(?:op|tran|transient|noise)\b))"
           # ("bandwidth 100 Hz", "a bandwidth of 5 kHz": a band-pass's width, a spec, not a sweep up to it)
           r"|small[- ]signal(?!\s+transfer)|frequency (?:response|sweep|analysis)"
           r"|bandwidth(?!\s*(?:of|=|:|is)?\s*(?:about\s+|around\s+|~\s*)?[\d.])|bode"
           r"|\b(?:rolls?|rolling)[- ]?off\b|\brolloff\b"  # "sweep it so I can see where it rolls off"
           # "sweep the frequency from 30 Hz", "plot gain and phase from 2 Hz to 200 kHz"
           rf"|\bsweep(?:ing)?\s+(?:the\s+)?frequency\b|\b(?:gain|magnitude)\s+and\s+phase\b(?={_HZ_AHEAD})"
           # a sweep in hertz: "sweep 10 Hz to 1 MHz", "sweep 1e1 to 1e6 Hz"
           r"|\b(?:sweep(?:ing)?|response)\s+(?:it\s+|this\s+|that\s+)?(?:(?:linearly|logarithmically)\s+)?(?:from\s+)?"
           r"(?=(?:[\d.]+(?:e[-+]?\d+)?\s*(?:[kKMG]|meg)?\s*(?:to|-)\s*)?"
           r"[\d.]+(?:e[-+]?\d+)?\s*(?:[kKMG]|meg)?\s*Hz)"
           # "a linear sweep of 201 points between 9 kHz and 11 kHz": a sweep in hertz named by its spacing
           rf"|\b(?:lin(?:ear)?|log(?:arithmic)?|dec(?:ade)?|oct(?:ave)?)\s+(?:frequency\s+)?sweep(?={_HZ_AHEAD})"
           # "sweep in octaves (8 per octave) from 20 Hz", "step by decades": a sweep in hertz named by its spacing
           rf"|\b(?:sweep|step)\w*\s+(?:it\s+)?(?:in|by|per)\s+(?:octaves?|decades?)\b(?={_HZ_AHEAD})"
           # "sweep one hertz to ten kilohertz": its figures in words
           rf"|\bsweep(?:ing)?\s+(?:from\s+)?(?=(?:{_WORD})[\s-][^.;]*?\b(?:hertz|Hz)\b)"
           # "plot q from 100 Hz to 100 kHz", "check the response between 1 Hz and 10 kHz": a band to look over
           # ... not a spec's window ("check that the corner lies between 950 Hz and 1.05 kHz")
           rf"|\b{_LOOK}\b(?=(?:(?!\b(?:that|whether|if|is|lies)\b)[^.;]){{0,60}}?\b(?:(?:from|between|over)\s+)?"
           rf"{_HZ_RANGE})"
           # "...; 10 Hz - 100 kHz.": a clause that is a band of frequencies and nothing else
           rf"|(?<=[.;:])\s+(?={_HZ_RANGE}\s*(?:[.;]|$))"),
    ("tran", r"transient|\btran\b|time[- ]domain"
             r"|\b(?:simulat\w*|sim|run)\s+(?:it\s+|the\s+(?:circuit|simulation|sim)\s+)?"
             # ("run it out to 200us")
             r"(?:for\s+|from\s+0\s*(?:to|-)\s*|(?:out\s+)?(?:to|until)\s+)?"
             r"(?=[\d.]+\s*(?:[munpµ]|milli|micro|nano)?(?:s|secs?|seconds?)\b)"
             r"|(?<=[munpµ\d]s )run\b"  # "simulate 5 ms", "run it for 2 ms", "a 6 ms run"
             # "look at it for 500 us", "watch the output over 2 ms", "plot v(out) for 1 s": a run that long
             r"|\b(?:look\s+at|watch|observe|view|plot|display)\s+(?:it|them|(?:the\s+)?\w+|v\(\w+\))\s+"
             r"(?:for|over)\s+(?:the\s+first\s+)?(?=[\d.]+\s*(?:[munpµ]|milli|micro|nano)?(?:s|secs?|seconds?)\b)"
             r"|\b(?:simulation|sim|stop)\s+time\b(?=\s*(?:of|=|:|is)?\s*[\d.])"  # "stop time 8 ms"
             # "Show 200 ms", "give me 8 ms of waveform", "plot the first 20 ms": a run that long
             rf"|\b{_LOOK}\s+(?:me\s+)?(?:the\s+first\s+|about\s+)?(?={_DURATION})"
             # "test it with a triangle on vin for 30 ms.", "hold it for 5 ms": a run that long, said last (not a
             # pulse's "high for 100 us")
             rf"|(?<!high )(?<!low )(?<!\bon )(?<!off )(?<!V )\bfor\s+(?={_DURATION}\s*(?:[.;]|$))"
             # "... load from out to ground. 100 ms.": a clause that is a duration and nothing else
             rf"|(?<=[.;:])\s+(?={_DURATION}\s*(?:of\s+\w+\s*)?(?:[.;]|$))"),
    ("dc", r"\bdc\s+(?:transfer\s+(?:sweep|curve|characteristics?)|sweep|analysis|transfer(?!\s+function)|simulation"
           r"|characteristics?)(?!\s+(?:of|over|in|across|on)\s+(?:the\s+)?temp)"  # "DC sweep of temp": below
           # ".dc VGG 0 V -> 5 V, step 50 mV": a directive written with its levels in words (a SPICE one is read whole)
           r"|(?<![\w.])\.dc\s+(?=[VI]\w{0,7}\s+[-+]?[\d.]+\s*[mu\u00b5]?(?:V|A)?\s*(?:to|-+>|\u2192)\s)"
           # "sweep V1 from", "ramp VB (at node bias) from", "vary VS on top between": a named source's levels
           # ... "sweep current source IZ from", "sweep VIN DC from", "ramp VB into node b from": the source's kind and
           # its node said between its name and its levels
           # ("ramp the input from -8 to 8 V and back over 10 ms" is a transient's wave, no named source's sweep)
           r"|\b(?:sweep(?:ing)?|vary(?:ing)?|ramp(?:ing)?)\s+(?:of\s+)?(?:the\s+(?!(?:input|in|it|its|is)\b))?"
           r"(?:(?:dc\s+)?(?:(?:current|voltage)\s+)?source\s+|supply\s+)?(?=[VI]\w{0,5}\s+(?:dc\s+|as\s+(?:a\s+)?dc\s*,?\s+)?"
           r"(?:\([^()]{0,40}\)\s+|"
           rf"{_AT_NODE}\s+)?(?:dc\s+)?(?:(?:up|down)\s+)?(?:from\s+|between\s+|over\s+)?[-+\d.])"
           # "sweep the input from 0 to 2.5 V", "VIN swept from 1 V": the levels in volts
           # ... "sweep its input vin from 0 to 3.3 V", "sweep the gate voltage from 0 to 3 V"
           rf"|\bsweep(?:ing)?\s+(?:of\s+)?(?:the\s+|its\s+)?(?:input|gate|base)(?:\s+(?:voltage|source|node))?"
           rf"(?:\s+(?!from\b)[a-z_]\w*)?\s+(?=(?:from\s+)?{_NUMBER_AHEAD}"
           r"(?:[^.;]|\.(?=\d)){0,30}?\d\s*(?:[mu\u00b5])?(?:V|volts?)\b)"
           # ... "VD on drain node dr swept from 0 to 3 V", "VD (on node da) sweeps from 0 V to 0.9 V"
           rf"|\b(?!it\b|is\b|in\b)[VI]\w{{0,5}},?\s+(?:\(?{_AT_NODE}\)?,?\s+)?(?:is\s+|being\s+)?"
           r"(?:swept|sweeps|ramps|ramped|varies|varied)\b"
           r"(?=\s+(?:from\s+)?[-+\u2212\d.])"
           # ... "set by VCX, stepped 0 to 10 V in 50 mV increments": stepped in increments is a sweep (not a step)
           rf"|\b(?!it\b|is\b|in\b)[VI]\w{{0,5}},?\s+(?:is\s+)?stepped\b(?=\s+(?:from\s+)?[-+\u2212\d.]"
           r"(?:[^.;]|\.\d){0,40}?\bin\s+[\d.]+\s*[mu\u00b5]?[VA]?\s+(?:increments|steps)\b)"
           # ... "Step VDS 0 -> 4 V, 25 mV increments": a named source stepped by a stated increment
           r"|\bstep(?:ping)?\s+(?:the\s+)?(?:source\s+)?(?=[VI]\w{0,5}\s+(?:from\s+)?[-+\u2212\d.]"
           r"(?:[^.;]|\.\d){0,40}?[\d.]+\s*[mu\u00b5]?[VA]?\s+(?:increments?|steps?|per\s+step|a\s+step)\b)"
           # "VCE on node c from 0 to 5 V in 0.1 V steps": a named source's levels and their step, with no verb
           # ... or with a verb of motion ("VD on node d goes from 0 V to 1 V in 10 mV steps")
           rf"|\b(?=(?!it\b|is\b|in\b)[VI]\w{{0,5}}\s+(?:{_AT_NODE}\s+)?(?:(?:goes|runs|moves|steps|is\s+stepped)\s+)?"
           rf"from\s+{_NUMBER_AHEAD}(?:[^.;]|\.\d){{0,30}}?"
           r"\bto\s+[-+\d.](?:[^.;]|\.\d){0,30}?\b(?:in\s+[\d.]+\s*(?:[mu\u00b5]?[VA]\s+)?steps|steps?\s+(?:of\s+)?[\d.]))"
           # "sweep the level with VLVL from 0 to 3 V", "input nb swept by VNB 0 to 1.8 V": the source that sweeps
           # said after what it sweeps
           r"|\b(?:sweep|swept|vary|varied|ramp|step)\w*\s+(?:(?:the|its)\s+)?(?:[a-z]+\s+){0,3}?(?:with|by|using|via)\s+"
           r"(?:(?:the\s+)?(?:dc\s+)?(?:(?:current|voltage)\s+)?(?:source|supply)\s+)?"
           r"(?=[VI]\w{0,5}\s+(?:dc\s+)?(?:from\s+|between\s+)?[-+\d.])"
           # "VG sweeps the gate node g from 0 to 3 V", "VRB ramps input rb from 0 to 5 V": what it sweeps said between
           # ... not a step at a time ("VT2 steps tin from 0 to 1 V at t=0": a step input)
           rf"|\b(?!it\b|is\b|in\b)[VI]\w{{0,5}}\s+(?:sweeps|ramps|varies|steps)\s+(?:the\s+|its\s+)?(?:[a-z]+\s+){{0,2}}?"
           r"(?:node\s+)?[a-z_]\w*\s+(?=(?:from|between)\s+[-+\u2212\d.])(?!(?:[^.;]|\.\d)*?\bat\s+t\s*=)"
           # ... "VIV drives iv_in 0 to 3.3 V in 5 mV steps": a source driving a node through levels in steps
           rf"|\b(?!it\b|is\b|in\b)[VI]\w{{0,5}}\s+(?:drives|feeds)\s+(?:node\s+)?[a-z_]\w*\s+(?=(?:from\s+)?"
           rf"{_NUMBER_AHEAD}(?:[^.;]|\.\d){{0,30}}?\bto\s+[-+\d.](?:[^.;]|\.\d){{0,30}}?\bin\s+[\d.]+\s*"
           r"(?:[mu\u00b5]?[VA]\s+)?(?:steps|increments)\b)"
           # "while the input varies from 8 to 12 V": the circuit checked over that range of its input
           r"|\b(?:input|supply|battery)\s+(?:voltage\s+)?(?:varies|ranges|swings|changes|drifts|moves)\s+(?:anywhere\s+)?"
           r"(?=(?:from|between)\s+[-+\d.])"
           # "step VIN at in from 0 to 2.5 V" as an instruction; "a step VIN from 0 to 5 V" is a source
           r"|(?<!\ba )(?<!\bthe )\bstep(?:ping)?\s+(?=[VI]\w{0,5}\s+(?:at\s+\w+\s+)?from\s+[-+\d.])"),
    ("noise", r"\bnoise\s+(?:analysis|characteri[sz]ation|simulation|spectrum|figure|performance|density)"
              r"|\b(?:output|input)[- ](?:referred\s+)?noise\b|\bnoise\s+(?:at|on)\s+(?:node\s+|v\()?[a-z_]|\bnoise\s*:"
              # "noise from 10 Hz to 100 kHz", "noise 1 Hz-1 MHz": noise over a band of frequencies
              rf"|\bnoise\s+(?:from|over|between|across)?\s*(?={_NUMBER_AHEAD}(?:[kKMG]|meg)?\s*(?:Hz|to\b|-|\u2013))"),
    # "a DC sweep of temp", "sweep over temperature": .dc temp
    ("temp", r"temperature sweep|sweep(?:ing)?\s+(?:(?:of|over|across|in)\s+)?(?:the\s+)?temp(?:erature)?\b"
             r"|\bdc\s+(?:sweep|analysis)\s+(?:of|over|in|across|on)\s+(?:the\s+)?temp(?:erature)?\b"
             r"|\btemperatures?\s+(?=(?:from|between)\s+[-+\u2212\d])"  # "temperatures from 0 to 100 C"
             # "run it over temperature, -40 to 85 C", "simulate across temperature"
             r"|\b(?:run|simulat|check|test|try|vary|step)\w*\s+(?:(?:it|this|the\s+\w+)\s+)?"
             r"(?:over|across|through)\s+(?:the\s+)?temp(?:erature)?s?\b(?=\s*[,:(]?\s*(?:from\s+)?[-+\u2212]?\d)"),
]
_TRIGGER_RE = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _TRIGGERS), re.IGNORECASE)
# ".ac dec 10 1 100k", or typed without its dot ("ac dec 10 1 100k": read only when complete)
# ... up to its sentence's end ("AC 1. ac dec 20 10 1meg.": two statements)
# ("transient 10p 20n": the word in full before SPICE's two figures)
_DIRECTIVE = re.compile(r"(?<![\w.])(?:\.(op|ac|tran|dc|noise)|(ac|tran|dc|noise)(?=\s+[-+.\w])"
                        r"|(?P<full>transient)(?=\s+\d[\d.]*[munpf]?s?\s+\d[\d.]*[munpf]?s?\b))\b"
                        # (up to the next one too: ".op and .ac dec 20 0.1 10k" is two)
                        r"(?:[^,;\n.]|\.(?!\s|$|(?:op|ac|tran|dc|noise)\b))*", re.IGNORECASE)
_DIRECTIVE_ARGS = {"op": 0, "ac": 4, "tran": 2, "dc": 4, "noise": 6}  # the fewest words each needs
_SENTENCE_END = re.compile(r"(?<!\.)\.\s|;|$")  # (not a range's "..": "ac 100 Hz .. 1 MHz at 25/dec")
# A sentence that only goes on with a sweep's settings: "Output v(nz), input source VN, 10 points per decade from 10 Hz
# to 100 kHz", "20 points per decade, 1 Hz to 1 MHz"
_SWEEP_SETTINGS = re.compile(r"\b(?:points?|pts)\s+(?:per|a|each|/)\s*(?:decade|octave|dec|oct)\b"
                             r"|\bper\s+(?:decade|octave)\b|\b(?:output|probe)\s+v\(|\binput\s+source\b", re.IGNORECASE)


def _told_later(text: str, hi: int) -> int:
    """Where an AC or noise analysis's statement ends, when its sentence (ending at `hi`) gives no frequencies: the end
    of the next sentence if that one only goes on with the sweep's settings (_SWEEP_SETTINGS), else `hi`."""
    start = hi + 1
    end = _SENTENCE_END.search(text, start + 1)
    stop = end.start() if end else len(text)
    said = text[start:stop]
    return stop if _SWEEP_SETTINGS.search(said) and not _TRIGGER_RE.search(said) and re.search(
        r"\d\s*(?:[kKMG]|meg)?\s*Hz\b", said) else hi
# a sweep's count: "50 pts/decade", "101 points", "30 per decade", "40/dec", "8 points per octave"
_POINTS = re.compile(rf"(\d+|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*)\s*"  # "ten points per decade": in words too
                     r"(?:(?:(?:frequency|data|sample|log|linear)\s+)?(?:points?|pts)\b"
                     r"(?:\s*(?:per|/|a|each)\s*(dec|oct)\w*)?|(?:per|/)\s*(dec|oct)\w*)", re.IGNORECASE)
# ... or in SPICE's order, its spacing first: "ac dec 50 from 0.1 Hz" (the groups as _POINTS's: count, spacing)
_SPICE_POINTS = re.compile(r"(?<=\b(dec|oct|DEC|OCT|Dec|Oct)\s)(\d+)(?!\.?\d|\s*(?:[kKmMgGuµ]|meg)?\s*Hz\b)")
# a transient's step: "1 us step", "a 2 us max step", "1 µs resolution", "in 2 µs increments", "tstep = 10 us"
_TIME_STEP_AFTER = re.compile(r"\s*(?:max(?:imum)?\s+)?(?:time\s*)?(?:steps?|resolution|increments?|intervals?)\b")
# ... and its stop, a bare scaled figure called so: "Transient 20u step, 50m stop"
_TIME_STOP_AFTER = re.compile(r"\s*(?:stop|end|long|total)\b", re.IGNORECASE)
# ... or said before it: "Transient: step 1u, stop 4m"
_TIME_STOP_BEFORE = re.compile(r"\b(?:stop|tstop|end)(?:\s+time)?\s*[=:]?\s*$", re.IGNORECASE)
# ... "print every 5 us", "save a point every 10 ns", "sample every 1 us": the printed step
_TIME_STEP_BEFORE = re.compile(r"(?:(?:steps?|resolution|tstep)(?:\s+size)?(?:\s+of)?\s*[=:]?"
                               r"|\b(?:print|sav|output|sampl|record|stor|log)\w*\s+(?:(?:a|one)\s+)?"
                               r"(?:(?:data\s+)?(?:points?|values?|samples?)\s+)?every)\s*$", re.IGNORECASE)
# a DC sweep's: "with 201 points", "in 40 steps" (not the "1 steps" of "in 0.1 steps")
_DC_COUNT = re.compile(r"(?<![\d.])(\d+)\s*(points|pts|steps)\b", re.IGNORECASE)
# a source named in a sentence ("vin", "V1", "VGS", "vsig"), not a word that starts like one ("input", "is")
_SOURCE_NAME = (r"(?!(?i:in|into|input|is|it|its|if|via|vary|very|volts?|view)\b)"
                r"(?i:[vi])(?:\d\w*|(?i:[a-z]){1,4}\d*)\b")
_SOURCE_PLACES = {"dc": {1, 5}, "noise": {2}}  # where a directive names a source, not a figure


# "only save the data from 100 ms on", "saving after 1 ms", "print from t = 1 ms": a transient's saved window's start
# ... "discard the first 10 ms", "ignore the first 5 ms of data", "don't store anything before 30 ms", "nothing saved
# until 1 ms": the same start (the words before the time)
_SAVED_FROM = re.compile(
    r"\b(?:from|after|(?:start(?:ing)?\s+(?:to\s+)?)?(?:starting|sav(?:e|ing)|record(?:ing)?|print(?:ing)?)"
    r"\s+(?:at|from))\s*(?:t\s*=\s*)?$"
    r"|\b(?:discard\w*|ignor\w*|skip\w*|drop\w*|throw\w*\s+away|leav\w*\s+out)\s+the\s+first\s*$"
    r"|\b(?:stor|sav|record|keep|print|writ)\w*\s+(?:(?:anything|nothing|any|the|data|points|output|results?)\s+)*"
    r"(?:before|until|till)\s*$", re.IGNORECASE)


def _well_formed(kind: str, words: list[str]) -> bool:
    """A directive typed in a request is taken only as ngspice would take it: the grammar accepts
    it and every figure is a number ("AC 555 20 -5 3k-ish" in chatty text is words, not a sweep)."""
    if any(d.code == "SP001" for d in parse("*\n" + " ".join(words) + "\n").diagnostics):
        return False
    return all(parse_number(w) is not None for n, w in enumerate(words[1:], 1)
               if n not in _SOURCE_PLACES.get(kind, ())
               and not re.fullmatch(r"dec|oct|lin|uic|v\(.*\)", w, re.IGNORECASE))


_TEMP_NUMBER = r"[-+\u2212]?\d+(?:\.\d+)?"
_DEGREES = r"(?:[°º]\s?C|deg(?:rees?)?\s?(?:C\b|celsius\b)?)"
# "at 0, 25 and 70 degrees C", "at -40 °C, 25 °C and 125 °C": the degrees after the last, or after each
# ... or after a temperature's own cue ("for T = 0, 50 and 100 C", "temperatures of -40, 0 and 85"), where they may
# go unsaid
_TEMP_LIST = re.compile(rf"(?<![\w.]){_TEMP_NUMBER}(?:\s*{_DEGREES})?(?:\s*,\s*{_TEMP_NUMBER}(?:\s*{_DEGREES})?)*"
                        rf"\s*,?\s*(?:and|&)\s+(?:at\s+)?{_TEMP_NUMBER}\s*{_DEGREES}"
                        rf"|(?:(?-i:\bT)\s*=|\btemperatures\s+(?:of\s+)?)\s*{_TEMP_NUMBER}(?:\s*,\s*{_TEMP_NUMBER})*\s*,?\s*"
                        rf"(?:and|&)\s+{_TEMP_NUMBER}(?:\s*(?:{_DEGREES}|C\b)|(?!\s*[a-zA-Z\u00b5%]))"
                        # "simulate at 0, 50 and 100 C": a list said at, its degrees a bare C
                        # ... or as a SPICE step list (".step temp list -40 25 85")
                        rf"|(?<=\.step\stemp\slist\s){_TEMP_NUMBER}(?:\s+{_TEMP_NUMBER})+"
                        # ... each with its bare C ("at -25 C, 25 C and 100 C")
                        rf"|(?<=\bat\s){_TEMP_NUMBER}(?:\s*C\b)?(?:\s*,\s*{_TEMP_NUMBER}(?:\s*C\b)?)*\s*,?\s*(?:and|&)\s+"
                        rf"{_TEMP_NUMBER}\s*C\b",
                        re.IGNORECASE)
# a step after a sweep's range: "in 5 degree steps", "15 °C steps", "in steps of 20", "step 10 mV", "0.25 V resolution",
# "0.1 V per step"
# ("5 C per step": a bare C before the step's word is degrees)
_STEP_AFTER = re.compile(rf"\s*(?:(?:{_DEGREES}|C\b)\s*)?"
                         r"(?:steps?|increments?|resolution|at\s+a\s+time|(?:per|a|each)\s+step)\b", re.IGNORECASE)
# ("swept 0 to 3.3 V (10 mV)": a figure of the sweep's unit in parentheses right after its range)
_STEP_BEFORE = re.compile(r"(?:\bsteps?(?:\s+(?:size|of))?|\bincrements?\s+of|\bresolution\s+of|\bin"
                          r"|(?<=\d)\s*[mµu]?[VA]\s*\()\s*$", re.IGNORECASE)


def _analyses(intent: Intent, text: str, qs: list[_Q]) -> set[_Q]:
    """Fill intent.analyses from the text; return the quantities the analyses used."""
    claimed: set[_Q] = set()
    found: list[tuple[int, AnalysisRequest]] = []
    defaulted: set[int] = set()  # indexes in `found` of sweeps whose range is the default
    nested_spans: list[tuple[int, int]] = []  # where a DC sweep's second source is stated
    typed: set[int] = set()  # indexes in `found` of directives typed whole (".tran 10u 100m 60m")

    def sweep(units: tuple[str, ...], lo: int, hi: int, first: float) -> tuple[float, float] | None:
        """The first range ("from 1 Hz to 1 MHz") or stop ("up to 10GHz") in text[lo:hi]."""
        q = next((q for q in qs if lo <= q.start < hi and q.unit in units and q not in claimed
                  and not re.search(r"\bat\s*$", text[max(0, q.start - 4):q.start])), None)
        if q is None:
            return None
        claimed.update(x for x in (q, q.partner) if x)
        return (q.value, q.partner.value) if q.partner else (first, q.value)

    for q in qs:  # every temperature range is a temperature sweep
        if q.unit == "degC" and q.partner:
            claimed.update((q, q.partner))
            _put(intent, q.as_value("TEMP_START"))
            _put(intent, q.partner.as_value("TEMP_STOP"))
            end = _SENTENCE_END.search(text, q.partner.end)
            by = _step(text, qs, claimed, q.partner.end, end.start() if end else len(text), ("degC", ""))
            found.append((q.start, _temp(q.value, q.partner.value, by.value if by else None)))
    for m in _TEMP_LIST.finditer(text):  # "at 0, 25 and 70 degrees C": the circuit simulated at each
        listed = [q for q in qs if m.start() <= q.start < m.end() and q not in claimed]
        claimed.update(listed)
        found.append((m.start(), AnalysisRequest("temp", ".temp " + " ".join(f"{q.value:g}" for q in listed))))
    for m in _DIRECTIVE.finditer(text):  # netlist lines typed as they are, up to the first plain word
        kind, words = (m[1] or m[2] or "tran").lower(), m[0].split()
        names = r"|[VI]\w*" if kind in ("dc", "noise") else ""  # a swept source, a noise input
        word = re.compile(rf"[-+.\d][\w.+-]*|dec|oct|lin|uic|v\([\w,]+\){names}", re.IGNORECASE)
        kept = ["." + kind] + list(itertools.takewhile(word.fullmatch, words[1:]))
        # a complete directive, else read the words instead
        if len(kept) - 1 >= _DIRECTIVE_ARGS[kind] and _well_formed(kind, kept):
            typed.add(len(found))
            found.append((m.start(), AnalysisRequest(kind, " ".join(kept))))
            # (only its own figures: ".op and an AC sweep 0.1 Hz to 1 kHz" leaves the sweep's to the AC words)
            upto = m.start() + [w.end() for w in re.finditer(r"\S+", m[0])][len(kept) - 1]
            claimed.update(q for q in qs if m.start() <= q.start < upto)
    for m in _TRIGGER_RE.finditer(text):
        end = _SENTENCE_END.search(text, m.end())
        kind, lo, hi = m.lastgroup, m.end(), end.start() if end else len(text)  # it matches $ at the latest
        if kind in ("ac", "noise") and not any(lo <= q.start < hi and q.unit == "Hz" for q in qs):
            hi = _told_later(text, hi)
        if kind in ("ac", "noise"):
            found_range = sweep(("Hz",), lo, hi, 1.0)
            # "ac 10 to 1meg", "ac lin 100 points from 1k to 2k": a range with no unit, in hertz
            bare = next((q for q in qs if lo <= q.start < min(hi, lo + 40) and q.partner and not q.unit
                         and q not in claimed), None)
            if found_range is None and bare is not None and bare.partner is not None:
                claimed.update((bare, bare.partner))
                found_range = (bare.value, bare.partner.value)
            # "AC analysis at 2 kHz only": one frequency (where a response "rolls off at 10 kHz" is its corner)
            single = next((q for q in qs if lo <= q.start < hi and q.unit == "Hz" and q not in claimed
                           and not re.match(r"roll", m[0], re.IGNORECASE) and re.fullmatch(
                r"\s*(?:analysis\s+|simulation\s+)?(?:only\s+)?at\s+(?:a\s+single\s+frequency\s+of\s+)?",
                text[lo:q.start], re.IGNORECASE)), None) if found_range is None else None
            if single is not None:
                claimed.add(single)
                found_range = (single.value, single.value)
            # "also the AC response over the same range": the range of the sweep said before it
            same = re.search(r"\bsame\s+(?:frequency\s+)?(?:range|band|span|frequencies|sweep|limits)\b", text[lo:hi],
                             re.IGNORECASE)
            before = [r for i, (at, r) in enumerate(found) if r.kind in ("ac", "noise") and i not in defaulted]
            edges = [parse_number(e) for e in before[-1].directive.split()[-2:]] if same and before else []
            if found_range is None and len(edges) == 2 and edges[0] is not None and edges[1] is not None:
                found_range = (edges[0], edges[1])
            if found_range is None:
                defaulted.add(len(found))  # "AC 1" of a source: a later "AC 1 Hz to 1 GHz" gives the range
            start, stop = found_range or (1.0, 100e6 if kind == "ac" else 1e6)
            # "linear ... with 101 points", "50 pts/decade", "30 per decade", "10 points per octave", "by octaves"
            # ... from the start of the trigger's clause ("Linear AC sweep, ..."), not from a sentence before it
            since = max([text.rfind(c, 0, m.start()) + 1 for c in ",;:("]
                        + [e.end() for e in re.finditer(r"[.?!]\s", text[:m.start()])])
            # ("ac dec 50 from 0.1 Hz to 1 kHz": SPICE's order, the spacing then the count)
            count = _POINTS.search(text, since, hi)
            spice = _SPICE_POINTS.search(text, since, hi) if count is None else None
            spacing = (count[2] or count[3] or "").lower() if count else spice[1].lower() if spice else ""
            # a count's own spacing first ("8 per octave"); a bare "lin" only as a sweep's word, not a node "lin"
            variation = spacing[:3] if spacing else "lin" if re.search(
                r"\blinear(?:ly)?\b|\blin\b(?=\s*(?:,?\s*\d|sweep|spac|scale|steps?\b))", text[since:hi],
                re.IGNORECASE) \
                else "oct" if re.search(r"\boct(?:aves?)?\b", text[since:hi], re.IGNORECASE) else "dec"
            claimed.update(q for q in qs if count and q.start == count.start(1) or spice and q.start == spice.start(2))
            # "linearly ... in 10 Hz steps": the points that step lands on, both ends among them
            by = _step(text, qs, claimed, lo, hi, ("Hz",)) if variation == "lin" and not count else None
            said = (count[1] if count[1].isdigit() else f"{_words_value(count[1]):g}") if count else \
                spice[2] if spice else None  # "ten"
            n = said if said else str(round(abs(stop - start) / by.value) + 1) if by and by.value > 0 \
                and math.isfinite(abs(stop - start) / by.value) else ("100" if variation == "lin" else "20")
            if not said and variation == "dec" and 0 < start < stop < 10 ** 0.5 * start:
                # a range under half a decade ("3.99 MHz to 4.02 MHz"): 20 per decade is under 10 points there, and
                # under one point ngspice 39 never finishes; 101 points evenly spaced show it
                variation, n = "lin", "101"
            points = f"{variation} {n} {format_eng(start)} {format_eng(stop)}" if single is None else \
                f"lin 1 {format_eng(start)} {format_eng(stop)}"
            # "noise at out, input-referred to VIN": the node it is measured at and the source it is referred to
            # ("at output nz", "at the output node vo": the role word before the name is none)
            port = r"(?:the\s+)?(?:output\s+)?(?!(?:the|a|an|this|that|output|input|from|over|between|across|to|and|" \
                   r"with|referred)\b)"
            probe = re.search(rf"\bnoise(?:\s+analysis)?\s+(?:at|on|of)\s+{port}(?:node\s+)?(?:v\()?(?P<n>[a-z_]\w*)"
                              # ... or "noise 1 Hz-1 MHz at out, ...", "... on node vo"
                              rf"|\b(?:at|on)\s+{port}(?:node\s+(?P<n2>[a-z_]\w*)|v\((?P<n3>\w+)\)"
                              r"|(?P<n4>[a-z_]\w*)(?=\s*(?:[,;.)]|$)))",
                              text[m.start():hi], re.IGNORECASE)
            # ("Output v(nz), input source VN": the output its settings name, before a node a source sits on)
            told = re.search(r"\boutput\s+(?:node\s+)?v\((?P<n>[a-z_]\w*)\)", text[m.start():hi], re.IGNORECASE)
            node = told["n"] if told else next((n for n in (probe.group("n", "n2", "n3", "n4") if probe else ()) if n),
                                               "out")
            # ... or "with V1 as the input", "input source V1"
            source = re.search(rf"\breferred\s+to\s+(?:the\s+)?(?:source\s+)?(?P<s>{_SOURCE_NAME})\b|\b(?P<s2>[VI]\w*)"
                               r"\s+as\s+(?:the\s+|its\s+)?input\b|\binput\s+(?:source\s+)?(?P<s3>[VI][A-Z0-9]\w*)\b",
                               text[m.start():hi])
            named = next((s for s in source.group("s", "s2", "s3") if s), "VIN") if source else "VIN"
            request = AnalysisRequest(kind, f".ac {points}" if kind == "ac" else
                                      f".noise v({node.lower()}) {named.upper()} {points}")
        elif kind == "tran":
            # "a 2 ms transient": the words of its clause before it, not a sentence before ("after 1 ms. Run ...")
            since = max([text.rfind(c, 0, m.start()) + 1 for c in ",;:("]
                        + [e.end() for e in re.finditer(r"[.?!]\s", text[:m.start()])])
            # "(PULSE 0 5, 1 µs rise) and the transient runs 30 s": a waveform's own times are no run length
            # ("Transient 10u step, 60 ms": a bare scaled figure called a step is a time too)
            times = [q for q in qs if (lo <= q.start < hi or since <= q.start < m.start()) and (
                q.unit == "s" or not q.unit and q.scaled and bool(
                    _TIME_STEP_AFTER.match(text, q.end) or _TIME_STOP_AFTER.match(text, q.end)
                    or _TIME_STEP_BEFORE.search(text[max(lo, q.start - 20):q.start])
                    or _TIME_STOP_BEFORE.search(text[max(lo, q.start - 20):q.start])))
                     and q not in claimed and not re.match(r"\s*(?:rise|fall|edges?|delay|wide|width|period|pulses?)\b",
                                                           text[q.end:], re.IGNORECASE)]
            # its own words first: "a 5 ms transient", "7 ms of transient", then "the transient runs 2 s"
            times.sort(key=lambda q: 0 if re.fullmatch(r"[\s-]*(?:long\s+|of\s+(?:the\s+)?)?", text[q.end:m.start()])
                       else 1 if q.start > m.start() else 2)
            steps = [q for q in times
                     if _TIME_STEP_AFTER.match(text, q.end) or _TIME_STEP_BEFORE.search(text, lo, q.start)]
            # "Transient 10u / 6m": its step, then its stop, as .tran writes them
            slash = re.match(r"\s*:?\s*(\S+?)\s*/\s*(\S+?)(?=[\s,;]|\.?$)", text[m.end():hi])
            pair = [next((q for q in qs if q.start == m.end() + slash.start(k) and q not in claimed
                          and (q.unit == "s" or not q.unit and q.scaled)), None) for k in (1, 2)] if slash else []
            if len(pair) == 2 and pair[0] is not None and pair[1] is not None:
                times = [pair[0], pair[1]] + [q for q in times if q not in pair]
                steps = [pair[0]]
            def saved_from(q: _Q) -> bool:
                return q.value > 0 and not q.partner and bool(_SAVED_FROM.search(text[max(0, q.start - 40):q.start]))
            starts = [q for q in times if q not in steps and saved_from(q)]
            if not starts:  # "Transient, 2 us step, 4 ms long; nothing saved until 3 ms": a clause of its own
                close = re.compile(r"[.?!](?:\s|$)").search(text, hi)
                starts = [q for q in qs if hi <= q.start < (close.start() if close else len(text)) and q.unit == "s"
                          and q not in claimed and saved_from(q)][:1]
            stops = [q for q in times if q not in steps and q not in starts and not any(p.partner is q for p in times)]
            if stops and stops[0].partner:  # "a transient from 0 to 5 ms": to its end, saved from its start
                starts = starts or ([stops[0]] if stops[0].value > 0 else [])  # "... but only keep data after 1 ms"
                claimed.update((stops[0], stops[0].partner))
                stops = [stops[0].partner]
            # the start said twice ("after 1 ms (start saving at 1 ms)") is one start
            claimed.update(steps[:1] + stops[:1] + [q for q in starts if q.value == starts[0].value])
            if not stops and not steps or m[0].lower().startswith("for"):
                # "a quick transient: ... simulate 10 ms": the later one gives its length; a run "for 5 ms" said last
                # gives way to one the request names as a transient
                defaulted.add(len(found))
            signal = [q.value for q in qs if q.unit == "Hz" and q not in claimed and q.value > 0]
            # "for 8 cycles of the input": periods of the signal (five when the request says none)
            cycles = re.search(r"\b(\d+)\s+(?:full\s+)?(?:cycles|periods)\b", text[lo:hi], re.IGNORECASE)
            if cycles and signal and not stops:
                claimed.update(q for q in qs if q.start == lo + cycles.start(1))
            stop = stops[0].value if stops else steps[0].value * 1000 if steps else \
                int(cycles[1] if cycles else 5) / signal[0] if signal else _registry().family_of(intent.kind).transient
            step = steps[0].value if steps else stop / 1000
            window = f" {format_eng(starts[0].value)}" if starts and starts[0].value < stop else ""
            # start from the parts' IC= ("uic", "simulate from the initial conditions")
            uic = " uic" if re.search(r"\buic\b|\b(?:from|using|use|with)\s+(?:the\s+|its\s+)?initial\s+conditions?\b",
                                      text, re.IGNORECASE) else ""
            request = AnalysisRequest("tran", f".tran {format_eng(step)} {format_eng(stop)}{window}{uic}")
        elif kind == "dc":
            if any(a <= m.start() < b for a, b in nested_spans):
                continue  # "... and step IB from 10 uA to 50 uA": the nested sweep read with the first
            diode = intent.kind in ("diode_iv", "tunnel_diode")
            levels = sweep(("V", "A"), lo, hi, -1.0 if diode else 0.0)
            # "DC sweep of V1 from 0 to 5 in 0.1 steps": a range with no unit, in the swept source's own
            bare = next((q for q in qs if lo <= q.start < min(hi, lo + 40) and q.partner and not q.unit
                         and q not in claimed), None) if levels is None else None
            if bare is not None and bare.partner is not None:
                claimed.update((bare, bare.partner))
                levels = (bare.value, bare.partner.value)
            if levels is None and not m[0]:
                continue  # a source's levels with a step, read already by the sweep said before them
            if levels is None and not diode and not re.search(r"swe|var", m[0], re.IGNORECASE):
                request = AnalysisRequest("op", ".op")  # a bare "DC analysis" asks for the bias point
            else:
                if levels is None:
                    defaulted.add(len(found))
                start, stop = levels or ((-1.0, 1.0) if diode else (0.0, 5.0))
                # "sweep of vgs", "DC transfer curve: V1 from", "VIN swept from": the swept source
                source = re.match(rf"({_SOURCE_NAME}),?\s+(?:\(?{_AT_NODE}\)?,?\s+)?(?:is\s+|being\s+)?"
                                  r"(?:swept|sweeps|ramps|ramped|varies|varied|stepped)", m[0]) or \
                    re.match(rf"[\s,:]*(?:of\s+|for\s+)?(?:the\s+)?(?:(?:input|supply|gate|base|dc)\s+)?"
                             rf"(?:(?:voltage|current)\s+)?(?:source\s+)?({_SOURCE_NAME})", text[m.end():]) or \
                    re.search(rf"(?<![\w.])({_SOURCE_NAME})\s+(?:(?:on|at)\s+(?:node\s+)?[a-z_]\w*\s*)?:\s*$",
                              text[:m.start()]) or \
                    (re.search(rf"(?<![\w.])({_SOURCE_NAME})\b[^.;]*$", text[:m.start()])  # ("a DC source VW on wl_out
                     if re.match(r"\s*it\b", text[m.end():]) else None)  # and sweep it 2 V ... 10 V": that source)
                # "nested over VGS 1 V to 3 V in 0.5 V steps": a second source stepped over the first's sweep
                nested = re.search(r"\b(?:nested\s+(?:over|with|on)|(?:and|then)\s+(?:step|sweep)\w*|for\s+each|"
                                   # "stepped for base current IB", "stepped over the gate source VG"
                                   r"stepped\s+(?:for|over|through|with)(?:\s+(?:the|base|gate|current|voltage))*|"
                                   r"outer\s+(?:sweep|loop)\s+(?:over|of|on)"
                                   r"|with(?=(?:[^.;]|\.\d)*\b(?:second|outer|nested)\s+(?:sweep|loop|source)))"
                                   r"\s+(?:the\s+)?(?:step\s+|source\s+)?"
                                   r"(?P<s>[VI][A-Za-z0-9_]{0,7})\b", text[lo:hi])
                first = lo + nested.start() if nested else hi
                step = _step(text, qs, claimed, lo, first)
                second = ""
                outer = _listed_levels(text, qs, claimed, lo + nested.end(), hi) if nested else None
                if nested and outer:  # "outer sweep of VB over 0, 0.5, 1 V": its values, their spacing the step
                    nested_spans.append((lo + nested.start(), hi))
                    second = f" {nested['s'].upper()} {' '.join(format_eng(v) for v in outer)}"
                elif nested and (inner := sweep(("V", "A"), lo + nested.end(), hi, 0.0)):
                    nested_spans.append((lo + nested.start(), hi))
                    by = _step(text, qs, claimed, lo + nested.end(), hi)
                    second = f" {nested['s'].upper()} {format_eng(inner[0])} {format_eng(inner[1])} " \
                             f"{format_eng(by.value if by else abs(inner[1] - inner[0]) / 4)}"
                # "with 201 points" (both ends among them), "in 40 steps"
                count = None if step else _DC_COUNT.search(text, lo, first)
                claimed.update(q for q in qs if count and q.start == count.start(1))
                intervals = (int(count[1]) - (count[2].lower() != "steps")) if count else 100
                every = format_eng(step.value if step else abs(stop - start) / max(intervals, 1))
                request = AnalysisRequest("dc", f".dc {source[1].upper() if source else 'VIN'} {format_eng(start)} "
                                                f"{format_eng(stop)} {every}{second}")
        elif kind == "tf":  # the output and the source the request names ("from VIN to v(out)")
            source = re.search(r"\b([VI][A-Za-z0-9_]*)\b", text[m.end():hi])
            probe = re.search(r"\b(v\([\w,]+\)|i\(\w+\))", text[m.end():hi], re.IGNORECASE)
            request = AnalysisRequest("tf", f".tf {probe[1] if probe else 'v(out)'} {source[1] if source else 'VIN'}")
        elif kind == "temp":
            # "sweep the temperature from -40 to 125 in 10 degree steps": bare numbers its words say are degrees
            bare = next((q for q in qs if lo <= q.start < hi and q.partner and q.unit in ("", "degC")
                         and q not in claimed), None)
            # ("-40 C to 85 C": each end with its bare C, which reads as no unit)
            degrees = next(((a, b) for a, b in zip(qs, qs[1:]) if lo <= a.start < hi and not a.unit and not b.unit
                            and a not in claimed and b not in claimed
                            and re.fullmatch(r"\s*(?:°\s*)?C\s*(?:to|-|\u2013|\.\.)\s*", text[a.end:b.start])),
                           None)
            if bare is None and degrees is not None:
                bare = dataclasses.replace(degrees[0], partner=degrees[1])
            if bare is None and any(r.kind == "temp" for _, r in found):
                continue  # the sweep's range was given, and read above
            if bare is None or bare.partner is None:
                request = _temp(-40.0, 125.0)
            else:
                claimed.update((bare, bare.partner))
                _put(intent, Value("TEMP_START", bare.value, bare.text, "degC"))
                _put(intent, Value("TEMP_STOP", bare.partner.value, bare.partner.text, "degC"))
                by = _step(text, qs, claimed, bare.partner.end, hi, ("degC", ""))
                request = _temp(bare.value, bare.partner.value, by.value if by else None)
        else:
            request = AnalysisRequest("op", ".op")
        found.append((m.start(), request))
    # a directive typed whole is the analysis of its kind, not the words around it ("transient .tran 10u 100m 60m
    # (only keep 60-100 ms)": the words' range is the directive's window, said again)
    exact = {found[i][1].kind for i in typed} - {"dc", "temp"}
    defaulted |= {i for i, (_, r) in enumerate(found) if r.kind in exact and i not in typed}
    ranged = {found[i][1].kind for i in range(len(found)) if i not in defaulted}
    # (a source's "AC 1" beside a noise analysis is the noise input's magnitude, no AC sweep of its own)
    noise = any(r.kind == "noise" for _, r in found)
    found = [item for i, item in enumerate(found) if (i not in defaulted or item[1].kind not in ranged)
             and not (i in defaulted and item[1].kind == "ac" and noise
                      and re.match(r"ac\s*[-+]?\.?\d", text[item[0]:], re.IGNORECASE))]
    for _, request in sorted(found, key=lambda item: item[0]):  # one request per kind, sweeps aside
        if request.kind not in {r.kind for r in intent.analyses} or (
                request.kind in ("dc", "temp") and request.directive not in {r.directive for r in intent.analyses}):
            intent.analyses.append(request)
    return claimed


def _simulated_at(intent: Intent) -> None:
    """One temperature stated for the whole circuit ("the operating point at 85 °C", "T = 125 °C", "ambient
    50 °C") is the simulation's, a .temp; a temperature sensor's is the sensor's (its family builds with it),
    and one noted beside a figure ("4.1 mV at in (100 °C)") is no condition of the circuit."""
    value = intent.values.get("TEMP")
    if value is None or _registry().family_of(intent.kind).senses_temperature or \
            any(a.kind == "temp" for a in intent.analyses):
        return
    before = intent.description[:max(intent.description.find(value.text), 0)]
    if before.count("(") > before.count(")") or not re.search(
            r"(?:\bat|\btemperature\s*(?:of|=|:|is)?|\bT\s*=|\bambient\s*(?:of|=|:|is)?)\s*$", before, re.IGNORECASE):
        return
    del intent.values["TEMP"]
    intent.analyses.append(AnalysisRequest("temp", f".temp {value.value:g}"))


def _step(text: str, qs: list[_Q], claimed: set[_Q], lo: int, hi: int,
          units: tuple[str, ...] = ("V", "A")) -> _Q | None:
    """A sweep's step as written in text[lo:hi] ("in 10 mV steps", "step 10 mV", "in 5 degree steps"), claimed;
    a bare number only where the sweep's unit may go unsaid (a temperature's)."""
    step = next((q for q in qs if lo <= q.start < hi and q not in claimed
                 and (q.unit in units or (not q.unit and (q.scaled or "" in units or "." in q.text
                                                          or re.search(r"\bsteps?(?:\s+(?:size|of))?\s*[=:]?\s*$",
                                                                       text[lo:q.start], re.IGNORECASE))))
                 and (_STEP_AFTER.match(text, q.end) or _STEP_BEFORE.search(text, lo, q.start))), None)
    if step is not None:
        claimed.add(step)
    return step


def _listed_levels(text: str, qs: list[_Q], claimed: set[_Q], lo: int, hi: int) -> tuple[float, float, float] | None:
    """A sweep's levels listed in text[lo:hi] ("over 0, 0.5, 1 V", "at 1, 2 and 3 mA"), claimed, as the start, stop and
    step of a sweep through every one of them (the step their common spacing: "0, 1, 5 V" steps 1 V)."""
    run: list[_Q] = []
    for q in (q for q in qs if lo <= q.start < hi and q not in claimed):
        gap = text[run[-1].end:q.start] if run else text[lo:q.start]
        if q.partner or not re.fullmatch(r"\s*(?:,|,?\s*(?:and|or|&))\s*" if run else r"[^\d.;]{0,30}", gap):
            break
        run.append(q)
    if len(run) < 2 or run[-1].unit not in ("V", "A") or any(q.unit not in ("", run[-1].unit) for q in run):
        return None
    levels = sorted(q.value if q.unit else q.value * run[-1].mult for q in run)
    gaps = [b - a for a, b in zip(levels, levels[1:]) if b - a > 1e-12 * max(map(abs, levels))]
    if not gaps:
        return None
    unit = min(gaps) * 1e-6  # the spacing's greatest common divisor, on a grid a millionth of the smallest gap
    step = math.gcd(*(round(g / unit) for g in gaps)) * unit
    claimed.update(run)
    return levels[0], levels[-1], step


def _temp(start: float, stop: float, step: float | None = None) -> AnalysisRequest:
    """A temperature sweep; with no step stated, about 20 points on a 1-2-5 step."""
    raw = abs(stop - start) / 20
    raw = raw if math.isfinite(raw) and raw > 0 else 1.0  # "1e999" reads as infinity: no range to step
    magnitude = 10 ** math.floor(math.log10(raw))
    step = step or max(s for s in (1, 2, 5) if s * magnitude <= raw) * magnitude
    return AnalysisRequest("temp", f".dc temp {format_eng(start)} {format_eng(stop)} {format_eng(step)}")


# --- nodes, checks, unsupported requests ------------------------------------------------------

_NODE_RES = [re.compile(p, re.IGNORECASE) for p in (
    r"\bnode\s+(?:named\s+|called\s+)?([a-z_]\w*)",
    r"\bnodes\s+([a-z_]\w*)\s*(?:and|,)\s*([a-z_]\w*)",
    r"\bbetween\s+(?:nodes?\s+)?(?:(?:the|an?)\s+)?([a-z_]\w*)\s+and\s+(?:(?:the|an?)\s+)?([a-z_]\w*)",
    r"\b(?:input|output)\s+(?:at|on)\s+(?:node\s+)?([a-z_]\w*)",
)]

_UNSUPPORTED = [  # (pattern, what is ignored, what is produced instead)
    (r"photonic|waveguide|optical mode|mode analysis|propagation loss|\bte and tm\b",
     "optical (photonic) behaviour", "only an electrical circuit is produced"),
    (r"s-parameters?|stability factors?|smith chart", "S-parameter and stability analysis",
     "an AC small-signal sweep is produced instead"),
    (r"hfo2|high-k|strain engineering|sige|germanium|silicide|undoped|tri-gate",
     "material and process details", "a standard compact model is used instead"),
    (r"breakdown characteristics|safe operating area|\bsoa\b|self-heating|thermal analysis",
     "breakdown, safe-operating-area and thermal behaviour", "the normal operating region is simulated instead"),
    (r"mobility|quantum efficiency|responsivity|carrier lifetime|reverse recovery|gummel|transit frequency"
     r"|capacitance-voltage", "device characterisation", "the circuit's standard analyses are produced instead"),
    (r"quantum tunnel\w*|superconduct\w*|time[- ]travel", "non-physical features",
     "a conventional circuit is produced instead"),
]


def _nodes(text: str) -> list[str]:
    hits = sorted((m.start(g), m[g]) for r in _NODE_RES for m in r.finditer(text)
                  for g in range(1, r.groups + 1) if m[g])
    return list(dict.fromkeys(n for _, n in hits if n.lower() not in NOT_NODES))


def _check(intent: Intent, text: str) -> None:
    v = intent.values
    if "LG" in v and v["LG"].value < 5e-9:
        intent.warnings.append(f"a {v['LG'].text} gate length is beyond physical limits (below ~5 nm)")
    if "LG" in v and "VDD" in v and abs(v["VDD"].value) > 2e8 * v["LG"].value:
        intent.warnings.append(f"{v['VDD'].text} across a {v['LG'].text} channel is beyond physical limits: "
                               "the field exceeds ~2 MV/cm and the device would break down")
    for value in v.values():
        if value.unit in ("ohm", "F", "H") and value.value <= 0:
            intent.warnings.append(f"{value.role}={value.text}: a passive part cannot have a value <= 0")
        if value.unit in ("m", "cm-3") and value.value <= 0:
            what = "a doping" if value.unit == "cm-3" else "a length"
            intent.warnings.append(f"{value.role}={value.text}: {what} must be greater than 0")
        if value.role.startswith("TEMP") and value.value < -273.15:
            intent.warnings.append(f"{value.text} is below absolute zero")
    if "DUTY" in v and not 0 < v["DUTY"].value < 1:
        intent.warnings.append(f"duty cycle {v['DUTY'].text} must lie between 0 and 100 %")
    for pattern, what, instead in _UNSUPPORTED:
        words = list(dict.fromkeys(m[0] for m in re.finditer(pattern, text, re.IGNORECASE)))
        if words:
            intent.warnings.append(f"{what} ({', '.join(words)}) cannot be modelled in SPICE "
                                   f"and is ignored; {instead}")
            if what.startswith("S-parameter") and not any(a.kind == "ac" for a in intent.analyses):
                stop = max(1e9, 10 * v["FREQ"].value) if "FREQ" in v else 1e9
                intent.analyses.append(AnalysisRequest("ac", f".ac dec 20 1 {format_eng(stop)}"))
    if intent.kind == _ASSUMED_KIND and not re.search(r"common[- ]emitter|" + _BJT, text, re.IGNORECASE):
        intent.warnings.append("no circuit type was named: an NPN common-emitter amplifier is assumed; "
                               "name the circuit (e.g. 'common-source NMOS amplifier') to get another")
    if intent.kind == "tunnel_diode" and re.search(r"transistor", text, re.IGNORECASE):
        intent.warnings.append("a tunnelling transistor is not a SPICE device: the negative-resistance "
                               "I-V of a tunnel diode is modelled instead")
    if intent.kind == "generic" and not intent.values:
        intent.warnings.append("the request is underspecified: no circuit family or component values "
                               "were recognised, so only a generic starting circuit can be produced")


def _function_roles(intent: Intent, text: str, qs: list[_Q], swept: set[_Q] | frozenset[_Q] = frozenset()) -> set[_Q]:
    """The quantities the words of a function state (function_words.stated), in the role they play in the
    circuit: a level held whatever the input does is the output's (a spec, no supply), the range a regulator's
    input wanders over puts its supply at the top, volts per ampere are the feedback resistance, the load a
    coupling capacitor feeds is the high-pass's resistor, a tolerance is no level. Returns those claimed."""
    family = _registry().family_of(intent.kind)
    claimed: set[_Q] = set()
    for said in stated(text.lower()):
        inside = {q for q in qs if said.start <= q.start < said.end}
        if not inside:
            continue
        if said.what == "input_range":
            named = [a.directive.split()[1] for a in intent.analyses if a.kind == "dc"]
            if family.noun != "regulator" or inside <= swept and any(
                    re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", text) for n in named):
                continue  # ("DC sweep VRAW from 8 to 15 V": the range a named source is swept over, no supply)
            # ("a 15-20 V input": the dash read as the stop's sign is the range's)
            top = max(inside, key=lambda q: abs(q.value))
            _put(intent, Value("VDD", said.value, top.text.lstrip("-\u2212") if said.value > 0 else top.text, "V"))
            if not any(a.kind == "dc" for a in intent.analyses) and said.low is not None:
                # regulation is checked over the range the input is said to wander (the family's sweep otherwise)
                step = format_eng((said.value - said.low) / 100)
                intent.analyses.append(AnalysisRequest(
                    "dc", f".dc {family.source} {format_eng(said.low)} {format_eng(said.value)} {step}"))
        elif said.what == "ratio":
            _put(intent, Value("RF", said.value, said.said, "ohm"))
            if said.low and "IBIAS" not in intent.values:  # "a 1 mA current to read as 0.5 V": the current driven
                _put(intent, Value("IBIAS", said.low, said.said, "A"))
        elif said.what == "edge" and all(not q.unit for q in inside):
            pass  # "above roughly 5k": the corner's kilohertz (its spec), no resistance
        elif said.what == "load":
            if intent.kind != "rc_highpass":
                continue
            _put(intent, Value("R", said.value, next(iter(inside)).text, "ohm"))
            # the same load placed as a part ("(10k from amp to ground)") is that resistor, no second one
            inside |= {q for q in qs if q.value == said.value and q.unit in ("ohm", "") and re.match(
                r"\s*(?:ω|ohms?)?\s*(?:resistor\s+)?from\s+\w+\s+to\s+(?:ground|gnd|0)\b", text[q.end:], re.I)}
        claimed |= inside
    return claimed


def parse_intent(description: str, kind: str | None = None) -> Intent:
    """Read a plain-English description into an Intent; never raises on ordinary text. `kind`: the family the request
    names outright, where the words around that name chose another (pipeline._build)."""
    low = description.lower()
    qs = _quantities(description)
    intent = Intent(description)
    intent.kind = kind or _family(low, qs, intent)
    n, p = re.search(r"\b(?:nmos|npn|n-?channel|nfet)\b", low), re.search(r"\b(?:pmos|pnp|p-?channel|pfet)\b", low)
    p = p or re.search(r"\bpnp\b", intent.reading or "")  # a PNP read from what the circuit does
    intent.polarity = "n" if n and not p else "p" if p and not n else None
    claimed = _analyses(intent, description, qs)
    # a source's wave written as SPICE writes it ("SIN(2.5 1 1k)"): its figures are the source's (request.py), no
    # part's value or spec
    claimed |= {q for m in SPICE_WAVE.finditer(description) for q in qs if m.start() <= q.start < m.end()}
    claimed |= _function_roles(intent, description, qs, claimed)
    if named := _registry().family_of(intent.kind).name_figures:  # "4-20 mA": the loop's standard, no values
        claimed |= {q for m in re.finditer(named, description, re.IGNORECASE)
                    for q in qs if m.start() <= q.start < m.end()}
    _assign_roles(intent, description, qs, claimed)
    if _SQUARE.search(description) and not {"W", "LG", "WL"} & set(intent.values):
        intent.values["WL"] = Value("WL", 1.0, "W = L", "")  # "(W = L)": a square device, W/L = 1
    intent.nodes = _nodes(description)
    _check(intent, description)
    _simulated_at(intent)
    return intent
