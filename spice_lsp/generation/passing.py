"""Circuits mentioned in passing: words that name a circuit or a device the request does not ask to build.

    "RC low-pass in front of the ADC"                 what the circuit serves (an ADC is no second circuit)
    "a comparator compares 1.5 V with a 0-3 V, 10 kHz sawtooth"   the waveform it is fed (no sawtooth generator)
    "a follower driving a 4 Ω speaker from out to ground"         a load stated with its value (a resistor)
    "a 20 µA current source from vdd into the diode side"        a part placed in the circuit
    "common-source amplifier, gain of about 5 (14 dB, inverting)"  a note on its gain

The family rules read the request without them when they alone chose a family (a named circuit beats a
passing word), and the scope check (scope.py) does not ask for a recipe of them. Pure: lower-cased text in,
spans out.
"""
from __future__ import annotations

import re

# What a circuit serves, said after it: a connective, then a determiner, then the thing up to the clause's end
# ("in front of the ADC", "feeding a microcontroller's comparator pin", "ahead of a comparator").
# An input of what it serves named first: "on one input of a comparator", "at the input of the ADC".
INPUT_OF = (r"(?:on|at|to|across|into)\s+(?:one|the|an?|each|its|either)\s+(?:[\w-]+\s+)?"
            r"(?:inputs?|pins?|terminals?)\s+of(?!\s+(?:the\s+|an?\s+|its\s+)?(?:op-?amps?|amplifiers?|stages?)\b)")
_DETERMINER = r"(?:an?|the|my|our|your|its|their)\s+"
SERVED = re.compile(rf"\b(?:for|ahead\s+of|in\s+front\s+of|before|feeding|feeds|driving|drives|into|to\s+drive"
                    rf"|{INPUT_OF})\s+{_DETERMINER}[^,;:.()]*", re.IGNORECASE)
# The same clause, said with a place, ending right before a word: what the circuit named before it serves ("a filter
# feeding a biquad" names a second circuit to build, "a low-pass in front of the ADC" does not).
SERVES_NEXT = re.compile(rf"\b(?:for|ahead\s+of|in\s+front\s+of|before|{INPUT_OF})\s+{_DETERMINER}"
                         r"(?:[\w/.'-]+\s+){0,3}$", re.IGNORECASE)

# A device said as what receives the circuit's output: "so the ADC sees 2.5 V", "the DAC's pin", "the MCU reads it".
RECEIVES = re.compile(r"(?:'s)?(?:\s+(?:should|must|will|would|can|could|has\s+to|needs\s+to))?\s+(?:sees?|reads?|"
                      r"gets?|wants?|needs?|samples?|measures?|expects?|accepts?|tolerates?|takes?|full[- ]scale|range|"
                      r"pins?|channels?)\b", re.IGNORECASE)

# What a circuit feeds or drives that the request takes as there already ("feeding the comparator", "driving my ADC")
# or that is a device, not a circuit ("feeding an 8-bit ADC", "driving a relay"); "feeding a biquad" names a second
# circuit to build.
FEEDS_NEXT = re.compile(r"\b(?:feeding|feeds|driving|drives|into)\s+(?P<det>an?\s+|the\s+|my\s+|our\s+|your\s+|its\s+)"
                        r"(?:[\w/.'-]+\s+){0,3}$", re.IGNORECASE)
DEVICE = re.compile(r"adcs?|dacs?|mixers?|leds?|relays?|motors?|solenoids?|speakers?|headphones?|antennas?|mcus?|"
                    r"micro-?controllers?|loads?", re.IGNORECASE)

# A waveform given with its level or its frequency is the stimulus a circuit is fed ("a 0-3 V, 10 kHz sawtooth",
# "a 1 kHz triangle wave at in"); one the circuit makes is said with a verb of making before it.
_QUANTITY = r"[-+±]?\d[\d.]*\s*(?:[kmunpµ]|meg)?\s*(?:hz|v|vpp|vp|volts?)\b"
WAVEFORM = re.compile(rf"(?:{_QUANTITY}[\s,]*(?:(?:peak|pp|p-p|to|-|–|and)?[\s,]*{_QUANTITY}[\s,]*)*)"
                      r"(?:\s*(?:peak|p-p|pp)\b)?\s*,?\s*(?:sawtooth|saw|triangle|triangular|square|ramp)"
                      r"(?:[- ]waves?)?\b"
                      r"(?!\s*(?:generator|oscillator|source\s+circuit))", re.IGNORECASE)
MADE = re.compile(r"\b(?:generat|produc|mak|creat|output|give|deliver|put\w*\s+out)\w*\b[^,;.]*$", re.IGNORECASE)

# A device stated with its resistance is the load it stands for ("a 4 Ω speaker", "32-ohm headphones").
VALUED = re.compile(r"[\d.]+\s*(?:[km]|meg)?\s*[-\s]?(?:Ω|ω|ohms?|-ohm)\s*(?:[\w-]+\s+)?$", re.IGNORECASE)
# A source placed on the circuit's nodes or given its own level: a part, not a circuit ("a current source from
# the 5 V rail into the diode-connected side", "a 20 µA current source", "a current source I1 of 5 uA": a named part).
PLACED_AFTER = re.compile(r"\s+(?:from|into|between|on|at|to\s+(?:ground|gnd|the)|I\d\w*)\b", re.IGNORECASE)
LEVEL_BEFORE = re.compile(r"[\d.]+\s*(?:[munpµ])?a\s+(?:dc\s+|ac\s+)?$", re.IGNORECASE)


# A note in parentheses on a gain's size or sign ("a gain of about 5 (14 dB, inverting)"): an attribute of the
# circuit named before it, not a circuit's name.
GAIN_NOTE = re.compile(r"\((?=[^()]*\b(?:db|v/v|gain|inverting|inverted)\b)[^()]*\)", re.IGNORECASE)


def stimuli(low: str) -> list[tuple[int, int]]:
    """Where the request gives a waveform the circuit is fed."""
    return [m.span() for m in WAVEFORM.finditer(low) if not MADE.search(low, 0, m.start())]


# A source or signal said before "into" in its clause: what goes into the circuit named next ("the photodiode is a
# current source I1 of 5 uA into an op-amp transimpedance stage"), which is the circuit asked for, not one it serves;
# a wave turned into another ("turn the square wave at in into a triangle with an op-amp") is the circuit's function.
FED_INTO = re.compile(r"\b(?:sources?|currents?|photocurrent|signals?|sines?|inputs?|waves?|turn\w*|conver\w*|"
                      r"chang\w*|shap\w*)\b", re.IGNORECASE)


# A device said as the one that wants the circuit: "my ADC wants a 2.5 V reference", "the MCU needs 3.3 V".
WANTS = re.compile(rf"\b(?:{DEVICE.pattern})(?=(?:'s)?\s+(?:really\s+)?(?:wants?|needs?|expects?|requires?|likes?)\b)",
                   re.IGNORECASE)


# A device kept from harm: "keep the speaker on node spk from seeing any DC", "protect my ADC"
PROTECTED = re.compile(rf"\b(?:keep|keeps|keeping|protect\w*|shield\w*|guard\w*)\s+(?:{_DETERMINER})?"
                       rf"(?P<d>{DEVICE.pattern})\b", re.IGNORECASE)


def passing(low: str) -> list[tuple[int, int]]:
    """Where the request names what its circuit serves or is fed: words the family rules should not choose by."""
    served = [m.span() for m in SERVED.finditer(low) if not (
        m[0].lower().startswith("into") and FED_INTO.search(re.split(r"[,;:]|\.\s", low[:m.start()])[-1]))]
    return served + stimuli(low) + [m.span() for m in (*GAIN_NOTE.finditer(low), *WANTS.finditer(low))] + \
        [m.span("d") for m in PROTECTED.finditer(low)]


def blanked(low: str, spans: list[tuple[int, int]]) -> str:
    """The text with the spans blanked (positions kept)."""
    for start, stop in spans:
        low = low[:start] + " " * (stop - start) + low[stop:]
    return low


def in_passing(description: str, start: int, stop: int, covered: list[tuple[int, int]]) -> bool:
    """Whether the circuit word at description[start:stop] is mentioned in passing: what the family's own
    circuit, named before it, serves; a waveform it is fed; a load stated by its resistance; a source placed
    as a part."""
    before = description[:start]
    if (served := SERVES_NEXT.search(before)) and any(
            stop_ <= served.start() and not re.search(r"[;:.]", description[stop_:served.start()])
            for _, stop_ in covered):
        return True
    if served and covered and DEVICE.fullmatch(description[start:stop]):
        return True  # "0-5 V for the ADC, op-amp": a device served before the family's own words, never built
    fed = stimuli(description)
    if (feeds := FEEDS_NEXT.search(before)) and (feeds["det"].strip().lower() not in ("a", "an") or DEVICE.fullmatch(
            description[start:stop])) and any(stop_ <= feeds.start() and not re.search(
                r"[;:.]", description[stop_:feeds.start()]) for _, stop_ in covered):
        return True
    if any(a <= start and stop <= b for a, b in fed):
        return True
    if re.search(r"\b(?:the|that|this|its)\s+$", before[-6:], re.IGNORECASE) and any(
            description[start:stop].lower() in description[a:b].lower() for a, b in fed if b <= start):
        return True  # "... a 0-3 V, 10 kHz sawtooth; high while the sawtooth is below": the same stimulus again
    if VALUED.search(before) or (covered and RECEIVES.match(description, stop)):
        return True
    if covered and any(m.start("d") <= start < m.end("d") for m in PROTECTED.finditer(description)):
        return True  # "keep the speaker ... from seeing any DC": the device the circuit protects
    word = description[start:stop].lower()
    return bool(covered) and re.fullmatch(r"current\s+(?:source|sink)s?", word) is not None and bool(
        PLACED_AFTER.match(description, stop) or LEVEL_BEFORE.search(before))
