"""The words of a request's English that name no node, one vocabulary for every reader of node names.

A node is named by an identifier ("lin", "vo", "tank"); the readers that take a word after "at", "node",
"from ... to", "input" for a node must tell such names from the English around them. Each group below says
why its words are no node; `NOT_NODES` is their union, which every reader refuses. The few words on which
the readers really differ are kept apart, each with the reason:

- `ARTICLES` ("a", "an"): a node may be called "a" ("R1 from a to b"), so the element readers decide by the
  words around it (request._article); the readers of ports and of "at X" refuse them outright.
- `GROUND`: ground is node 0; the element readers write it as "0", the others skip it.
- `IDIOMS` ("at least", "on top", "at resonance", "at startup", "at dc"): words that follow "at"/"on" in a
  phrase but may still be a node's name where a part's ends or "node" say so ("node top", "from top to mid"),
  so only the readers of a loose "at X" refuse them (coverage.named_nodes, ports.said_nodes).
- `PORT_NOUNS` ("input signal", "output level", "input pin", "output stage"): nouns that follow a role word,
  refused by the readers of ports, yet a node may be so named where "node" or a part's ends say so ("node ramp").
- "in" is the commonest input node ("from in to out", "at in"); only the port lists, which read "inputs in
  the bridge", refuse it (ports.py), and say where they take it anyway.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ARTICLES = frozenset({"a", "an"})
GROUND = frozenset({"ground", "gnd", "grounded", "earth"})

# Articles aside: the words that carry a sentence's grammar.
FUNCTION = frozenset("""the and or nor at on to of is are be with from by for as into onto via through that this these
those it its them they we you us their his her my our your which each every both all any some either same up down
over under above below about around roughly approximately least most so then than when while where if but not no only
just also per back away off forward together apart between within without across along whose plus there here""".split())

# Verbs that stand where a node's name would ("its drain held at 5 V", "out should be at 0.5 V", "C1 charged to
# 5 V": an initial condition, not a node held at 5 V).
VERBS = frozenset("""held biased tied fixed kept driven pulled forced connected returned shorted left open floating
idles goes sits stays rests falls rises drops swings settles returns charged precharged discharged initially should
must will ramps climbs reaches reads measures taken looped rising falling probed observed fed bring brings take
takes sitting resting idling measured swept sensed monitored""".split())  # ("out, measured with VMC")

# The parts and their pins: "two 4.7k collector resistors to 9 V" names the parts, not a node named after them.
PARTS = frozenset("""resistor resistors capacitor capacitors cap inductor inductors coil diode diodes transistor
transistors source sources battery batteries generator generators load loads series parallel element
elements shunt""".split())  # ("4.7 µF shunt to ground": the part's place, no node)
PINS = frozenset("""anode cathode collector collectors base bases emitter emitters drain drains gate gates bulk body
substrate""".split())

# A node's role and what is measured on it.
ROLES = frozenset("""node nodes name names named called input inputs output outputs supply inverting noninverting
non current voltage resistance capacitance threshold thresholds trip area ratio""".split())
# ("thresholds at 2 V and 3 V"; "an 8:1 emitter area ratio": a device's size, no node)

# "input at x, gain 5", "output swing", "input impedance": what a role word is said of, no node.
PORT_NOUNS = frozenset("""signal signals level levels gain step steps ramp pulse pin pins terminal terminals side sides
stage stages model pair swing impedance device buffer ripple range offset filter amplitude port ports edge waveform
network coupling noise referred reference code codes word end ends ideal curve curves characteristic
characteristics""".split())  # ("output y, ideal op-amp")

# What a signal repeats in, said where a node's name could stand ("droops between cycles")
REPEATS = frozenset("cycles periods pulses samples peaks edges".split())
NOT_NODES = FUNCTION | VERBS | PARTS | PINS | ROLES | REPEATS

# Words of grammar that are also a node's usual name ("so": a source's output): a node where a part's ends or a pin
# place it ("RL from so to gnd", "cathode so"), grammar elsewhere ("so the output")
NODE_LIKE = frozenset({"so"})

IDIOMS = frozenset("""class full top bottom rest room once one first last startup start end resonance high low dc ac
power half unity zero maximum minimum peak time frequency t steady temperature temp twice double triple
virtual positive negative""".split())  # ("high while the input is positive": no node)

# Words of place: a node may well be called so ("R1 from exc to left", "between top and mid"), where a part's ends
# stand (request._pair); elsewhere they are the English around the names ("left open", "pulled up").
PLACES = frozenset("""left right top bottom mid middle up down over under above below upper lower front back""".split())

# Devices outside the circuit asked for: their ports face ours the other way ("a preamp output (node pre)" feeds
# the circuit's input; "the ADC input (node adc)" takes its output; "a sensor gives 0 to 1 V at sens").
OUTSIDE = frozenset("""adc dac mcu microcontroller preamp preamplifier speaker loudspeaker headphone headphones sensor
sensors microphone mic transducer pickup scope oscilloscope meter guitar instrument""".split())

# Ordinary words and units that stand where a loose reader looks for a node's name ("4 V at full light", "a pulse on
# one input", "biased at mid-rail", "tied high at 3.3 V", "a 10k pullup to 3.3 V", "output y, rails ±5 V", "a diode
# across the motor", "10 uA in"): a node is so called only where the request marks it ("at node high", a part's
# end "from high to out"). ("na" is no unit here: a gate's input, "VA on na", is the name it usually is.)
PLAIN = frozenset("""full empty half mid plus minus one two three four five six seven eight nine ten high low side
pullup pulldown pull rails motor motors winding windings relay lamp bulb heater solenoid light dark bright fan
ma ua µa mv uv µv kv hz khz mhz ghz ohm ohms kohm flat constant steady stable linear""".split())  # ("show the
# output is flat": what it is, no name)


# The words a request marks as nodes somewhere ("node mid", a part's ends "from top to mid"): names everywhere in it
# ("output at mid"), set by `marking` while a reader reads the request.
_MARKED: ContextVar[frozenset[str]] = ContextVar("_MARKED", default=frozenset())
_MARKS = re.compile(r"\bnodes?\s+(?P<n>[a-z_]\w*)|\b(?:from|between)\s+(?:nodes?\s+)?(?P<a>[a-z_]\w*)\s+(?:to|and)\s+"
                    r"(?:node\s+)?(?P<b>[a-z_]\w*)"
                    # a port's name before what it does ("the output efo should sit at about 4.5 V")
                    r"|\b(?:output|input)\s+(?P<e>[a-z_]\w*)\s+(?=should|must|has\s+to|needs?\s+to|sits|stays)"
                    # a part's ends in an aside ("the drain resistor (vp to dx)")
                    r"|\(\s*(?P<c>[a-z_]\w*)\s+to\s+(?P<d>[a-z_]\w*)\s*\)"
                    # a name given a level ("ua = 0.3 V", the input of an equation "acc = -(ua + 2 ub)")
                    r"|\b(?P<v>[a-z_]\w*)\s*=\s*[-+]?\d[\d.]*\s*(?:[munp]|mv)?\s*v\b", re.IGNORECASE)


# The words the request calls a node outright ("diode to node so", "a 4 V reference on node top"): a name there, and
# so everywhere in the request, even a word of grammar or a pin's; what "node" is said to be or have ("the node is",
# "node voltages") names none.
_CALLED: ContextVar[frozenset[str]] = ContextVar("_CALLED", default=frozenset())
_CALLS = re.compile(r"\bnode\s+(?P<n>[a-z_]\w*)\b(?!\()"
                    # a list of them ("between nodes drive and coil", "nodes p, q and r")
                    r"|\bnodes\s+(?P<l>[a-z_]\w*(?:\s*(?:,\s*(?:and\s+)?|\band\s+|&\s*)[a-z_]\w*\b(?!\())+)",
                    re.IGNORECASE)
_LISTED = re.compile(r"[a-z_]\w*", re.IGNORECASE)
_NOT_CALLED = ROLES | ARTICLES | GROUND | frozenset("""the is are was were of at and or with between where which that
this has have voltage voltages""".split())


@contextmanager
def marking(text: str) -> Iterator[None]:
    """Read `text` knowing the words it marks as nodes (see `plain`) and those it calls nodes (see `called`)."""
    token = _MARKED.set(_MARKED.get() | {w.lower() for m in _MARKS.finditer(text) for w in m.groups() if w})
    calls = _CALLED.set(_CALLED.get() | {w.lower() for m in _CALLS.finditer(text)
                                         for w in ([m["n"]] if m["n"] else _LISTED.findall(m["l"]))} - _NOT_CALLED)
    try:
        yield
    finally:
        _CALLED.reset(calls)
        _MARKED.reset(token)


def marked(word: str) -> bool:
    """Whether the request read now marks `word` as a node anywhere ("node x", a part's end "from x to y")."""
    return word.lower() in _MARKED.get() or called(word)


def called(word: str) -> bool:
    """Whether the request read now calls `word` a node outright ("node so"): a name, whatever English it is."""
    return word.lower() in _CALLED.get()


def plain(word: str, after: str = "") -> bool:
    """Whether `word` is ordinary English or a unit rather than a node's name where the request does not mark it
    as one (nowhere "node x" nor a part's end); `after`, the text right after it: a word joined to the next by a
    hyphen is part of a compound ("mid-rail", "high-side"), no name at all."""
    return (word.lower() in PLAIN and word.lower() not in _MARKED.get()) \
        or after.startswith("-") and not after.startswith("->")


# A node named as a supply rail, alone or after a prefix ("vcc", "cb_vcc", "vdd2"): a steady level on it is a supply
RAIL_NAME = re.compile(r"(?:^|_)(?:vcc|vdd|vbat|vsup\w*|vbus)\d*$")
