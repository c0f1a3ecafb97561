"""What a request states explicitly, read into constraints a netlist can be checked against.

    "R1 = 2k from in to node n, RF = 20k from n to out, DC input 0.3 V at in, cutoff 3.3 kHz"

The intent reader (intent.py) finds the circuit family, the values by role and the analyses;
this module reads what the family must not override: elements the user names or places (name,
kind, nodes, value), named nodes, source levels, model parameters and performance specs. Each
constraint keeps the words it came from, so an answer can say which of them it honoured.
Pure: strings in, dataclasses out.
"""
from __future__ import annotations

import dataclasses
import math
import re
from contextvars import ContextVar
from dataclasses import dataclass, field

from spice_lsp.generation.function_words import function_input, function_output, function_specs
from spice_lsp.generation.intent import (
    _NOUN_UNIT,
    _Q,
    _QTY,
    _WORD,
    SPICE_WAVE,
    _quantities,
    _words_value,
    flipped,
)
from spice_lsp.generation.ports import RAIL, inverting_pin, outside_port, port_levels, read_ports, said_nodes
from spice_lsp.generation.vocabulary import (
    FUNCTION,
    IDIOMS,
    NODE_LIKE,
    NOT_NODES,
    PINS,
    PLACES,
    PORT_NOUNS,
    RAIL_NAME,
    ROLES,
    VERBS,
    called,
    marked,
    marking,
    plain,
)
from spice_lsp.generation.vocabulary import GROUND as VOCABULARY_GROUND
from spice_lsp.language.units import format_eng, parse_number

GROUND = {"0", "gnd", "ground", "grounded", "earth", "vss", "com", "common"}  # "gate grounded"

# Element letters ngspice knows, and the words people use for them.
KIND_WORDS = {"R": r"resistors?|resistance|res\b", "C": r"capacitors?|caps?\b|capacitance",
              "L": r"inductors?|coils?|chokes?|inductance", "D": r"diodes?|led\b|zener",
              "Q": r"(?:bipolar |bjt |npn |pnp )?transistors?|bjts?|npn|pnp",
              "M": r"mosfets?|nmos|pmos|fets?", "E": r"vcvs|voltage[- ]controlled voltage source",
              "V": r"voltage sources?|(?:dc |ac )?sources?|batter(?:y|ies)",
              "I": r"current sources?"}
_KIND_RES = {k: re.compile(rf"\b(?:{p})", re.IGNORECASE) for k, p in KIND_WORDS.items()}
UNIT_KIND = {"ohm": "R", "F": "C", "H": "L"}

# The verbs that place a part between the node they name and another ("feed k from src through R2", "bypass ref to
# ground with C1": _placed_by_words); one said as a command after a comma starts the next part's statement (_clauses).
_PLACING_VERB = (r"(?:feed|load|bypass|decouple|tie|pull|hang|connect|return|shunt|terminate|couple|bias|clamp|join|"
                 r"link|hook|drive|supply)")

# R1, C12, Q3, M1, E1, V1, D2 ... and the role names the intent reader knows (RF, RD, RL ...).
# A role name counts only when a value follows ("RF = 20k", not "RC low-pass").
# A name in capitals right after the word for its kind: "a VCVS EBUF", "a 5 ohm load RL", "resistor RSENSE" (the
# whole word: "a model called DX" names no LED)
_AFTER_KIND_WORD = "|".join(f"(?<=\\b{w} )" for word in ("vcvs", "vccs", "ccvs", "cccs", "resistor", "capacitor", "cap",
                                                     "inductor", "coil", "load", "diode", "transistor", "ammeter",
                                                     "zener", "led", "npn", "pnp", "nmos", "pmos", "mosfet", "jfet",
                                                     "called", "named", "labelled", "labeled")
                            for w in (word, word.upper(), word.capitalize()))
# A passive's name of any length, in capitals ("RA", "RB1", "RSRC", "LP"), or a numbered one in lower case ("r1",
# "c1"), when its value follows: "RA is 10k", "LP = 50 mH", "r1 2.2k from src to cap"; not a time constant
# ("RC = 1 ms") or a level, and not a node that happens to look like a name ("collectors c1 and c2").
_VALUE_NEXT = (r"(?=\s*(?:=|:|\bis\b|\bof\b|\(|,\s*(?:is\b|an?\s+)|,)?\s*"  # ("RX, a 10k resistor", "RLD, is 2k")
               r"[-+]?\.?\d[\d.]*(?:[eE][-+]?\d+)?\s*(?:meg|[fpnuµμmkKMG])?\s*"
               r"(?!(?:s|Hz|V|A|dB|%)\b)(?:[\w\u03a9\u2126]|\s|$|[,;.)]))")
# A name in mixed case, a kind letter then a word ("Rload (220 ohms)", "Rint of 0.15 ohm", "Rf = 56k"), counts when a
# value of its kind follows; not a quantity's name written the same way ("Load = 1k", "Ratio = 2", "Cutoff = 1 kHz").
# ... or with its value straight after it, when that value has its kind's scale or unit ("RB 100k from vcc to b", "RE
# 2.2k", "LS 1 mH"), or is a plain number whose ends follow ("RE 470 from e to 0"); not a frequency or a level ("RC 1
# ms", "CLK 1 MHz", "RLC 10 kHz").
# A circuit's initials ("an RC 1k/100n low-pass", "the RC 10k section") count only with the part's ends next ("RC 3.3k
# from top to r", "RL 50 Ω tout to ground").
_OWN_FIGURE = r"\s+[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?\s?"
_OWN_UNIT = r"(?:(?:meg|[fpnuµμmkKMG])(?!Hz|[VAsW]\b)\w*|Ω|Ω|ohms?\b|[FH]\b|R\d{0,2}\b)"  # ("RD1 2R2": 2.2 ohm)
_OWN_VALUE = (rf"|(?<!RC)(?<!RL)(?<!LC)(?<!CR){_OWN_FIGURE}{_OWN_UNIT}(?!\s*/)"
              # ("RD1 2R2 (2.2 ohm damping) from lsrc to lx": a note between its value and its ends)
              rf"|{_OWN_FIGURE}{_OWN_UNIT}?(?:\s*\([^()]*\))?"
              r"(?=\s+(?:(?:both|each|also)\s+)?(?:from|between|across)\b|,?\s+[a-z_]\w*\s*(?:to\s|->|\u2192))"
              # "RSRC (1 ohm)", "RTC (500 Ω, tc1=3.9e-3)": its value first in parentheses; "RA, 6.8 kΩ, top to mid":
              # after a comma
              rf"|(?<!\bRC)(?<!\bRL)(?<!\bLC)(?<!\bCR)\s*\(\s*[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?\s?{_OWN_UNIT}"
              r"\s*[),;]"
              # ("RX, a 10k resistor, goes from a1 to b1": with its noun)
              rf"|\s*,\s*(?:an?\s+)?[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?\s?{_OWN_UNIT}\s*"
              r"(?:(?:resistor|capacitor|cap|inductor|coil|choke)\s*)?,")
_QUANTITY_NAMES = ("load|ratio|rate|range|rise|ripple|rms|current|cutoff|corner|center|centre|level|limit|length|loss|"
                   "code|"
                   "count|cycles?|ceiling|lambda|rds|ron|roff|risetime|cap|caps|coil|choke|res|resistance|capacitance|"
                   "inductance")
# A capacitor or inductor is never kilo- or mega-sized: "Limiter: 2.2k from in to out" is a heading, not an L.
_NO_KILO = r"(?!\s*(?:=|:|\bis\b|\bof\b|\(|,)?\s*[-+]?\.?\d[\d.]*(?:[eE][-+]?\d+)?\s*(?:meg|[kKMG]))"
# ("Honda Civic 1.8": a word with a capital and a bare figure after it, no capacitor; "Cin 10n" is one)
_BARE_FIGURE = r"(?!\s+[-+]?\.?\d[\d.]*(?:[eE][-+]?\d+)?(?![\d.eE]|\s*(?:meg|[fpnuµμmkKMG]|F\b|H\b)))"
_MIXED_NAME = (rf"(?-i:(?!(?i:{_QUANTITY_NAMES})\b)(?:R[a-z]{{1,6}}\d*|[CL][a-z]{{1,6}}\d*(?![\w]){_NO_KILO}"
               rf"{_BARE_FIGURE}))(?![\w])"
               r"(?=\s*(?:=|:|\bis\b|\bof\b|\(|,)?\s*[-+]?\.?\d[\d.]*(?:[eE][-+]?\d+)?\s*(?:meg|[fpnuµμmkKMG])?\d*\s*"
               r"(?:\s*(?:Ω|Ω|ohms?|F|H)\b|(?=[\s,;)]|\.(?:\s|$)|$)))")
# a device's kind said right after its name: ", an N-channel", " is a PNP", ", pmos"
_KIND_NEXT = r"\s*(?:,|:|\bis\b)\s*(?:an?\s+)?(?i:{})\b"
# (not a model's name: "Q3 is an NPN, model QN2")
_DESIGNATOR = re.compile(r"(?<![\w.\-])(?<!model )(?<!model: )(?P<name>"
                         # an op-amp the request names: "an ideal op-amp XU1", "XA1 (op-amp)", "XU2 is an opamp"
                         # ... "an op-amp (XB) with ...": in parentheses after it
                         r"(?:(?<=op-amp )|(?<=opamp )|(?<=op amp )|(?<=op-amp \()|(?<=opamp \()|(?<=op amp \())"
                         r"X[A-Z0-9]\w*(?![\w])|"
                         r"X[A-Z0-9]\w*(?=\s*(?:,|\bis\b|\()\s*(?:an?\s+)?(?:ideal\s+)?op-?\s?amp)|"
                         r"[RCLDQMJEVIGHFKSB]\d+[A-Za-z0-9_]*(?![\w])|"
                         # a name with an underscore after its kind's letter: "R_A", "C_LOAD", "V_IN"
                         r"[RCLDQMJEVIGHFKSB]_[A-Z0-9][A-Z0-9_]*(?![\w])|"
                         # ... or in lower case: "R_lim = 220 ohm" (a source so named: _SOURCE_NAME, _GIVEN_SOURCE)
                         r"[RCLDQMJ]_[a-z0-9][A-Za-z0-9_]*(?![\w])|"
                         # ... or in mixed case right after its noun: "a 220 nF capacitor Cb from lp to ground"
                         r"(?:(?<=capacitor )|(?<=cap ))C[a-z][a-z0-9_]*(?![\w])|"
                         r"(?<=resistor )R[a-z][a-z0-9_]*(?![\w])|"
                         r"(?:(?<=inductor )|(?<=coil )|(?<=choke ))L[a-z][a-z0-9_]*(?![\w])|"
                         # a device named by letters then a number: "DZ1", "QN2", "MP1"
                         r"[DQMJ][A-Z]{1,3}\d+[A-Za-z0-9_]*(?![\w])|"
                         # ... or by letters alone, its kind or model in the aside after it: "MN (nmos, W=1u)",
                         # "DCLAMP (model IS=1e-14)", "QA (npn)"
                         r"(?!(?:MOSFETS?|MOS|JFETS?|DIODES?|DAC|DC|QFN|MCU)\b)[DQMJ][A-Z]{1,6}(?![\w])(?=\s*\(\s*"
                         r"(?:nmos|pmos|npn|pnp|[np]-?channel|njf|pjf|diode|zener|led|schottky|model|\.model|IS\s*=|"
                         r"BF\s*=|VTO\s*=|W\s*=)"
                         # ... or a pin of its own: "DA's anode at stk", "QA's collector to c"
                         r"|'s\s+(?:anode|cathode|collector|base|emitter|drain|gate|source)\b"
                         # ... or a pin's word then its node: "DSW anode dsa cathode ground"
                         r"|\s+(?:anode|cathode|collector|base|emitter|drain|gate)\s+(?:at\s+|on\s+|to\s+)?[a-z_]\w*)|"
                         # ... or a pin of its kind next ("DREC anode on ac"), or its kind said after it ("QAMP is an
                         # NPN", "JBUF, an N-channel JFET", "MPU, pmos,")
                         # (not a model's name: "model JX: NJF")
                         r"(?<!model )(?!(?:MOSFETS?|MOS|JFETS?|DIODES?|DAC|DC|QFN|MCU)\b)(?:"
                         # ... or its ends with their pins ("DA from ina (anode) to orx (cathode)")
                         r"D[A-Z]{1,6}(?=\s+(?:anode|cathode)\s+(?:on|at|to|is|node|=)\b|"
                         r"\s+(?:from|between)\s+(?:node\s+)?[a-z_]\w*\s*\(\s*(?:the\s+)?(?:anode|cathode)\b|"
                         + _KIND_NEXT.format("diode|zener|schottky|led") + r")"
                         r"|Q[A-Z]{1,6}(?=\s+(?:collector|base|emitter)\s+(?:on|at|to|is|node|=)\b|"
                         + _KIND_NEXT.format("npn|pnp") + r")"
                         r"|[MJ][A-Z]{1,6}(?=\s+(?:drain|gate)\s+(?:on|at|to|is|node|=)\b|"
                         + _KIND_NEXT.format("nmos|pmos|[np]-?channel|njf|pjf") + r"))(?![\w])|"
                         # ... a passive in a list of parts, its ends then its value: "RC y to z, 4.7k"
                         r"[RCL][A-Z]{1,6}(?=\s+[a-z_]\w*\s+to\s+[a-z_0-9]\w*\s*,\s*[-+]?\.?\d)|" + _MIXED_NAME + "|"
                         # ("a simple RC: VN (AC 1) on ...": a heading, no part; "RL: 10k" is one)
                         r"(?:R(?:[A-Z]|IN|LOAD|FB)|C(?:IN|OUT|L|E|F|LOAD))"
                         r"(?=\s*(?:=|:(?=\s*[-+]?\.?\d)|\(|\bof\b|\bfrom\b|\bbetween\b|\bat\b))"
                         # (no model parameter: "LAMBDA=0.02", "RON = 1"; no .param: "parameter RVAL = 2k")
                         r"|(?<!param )(?<!parameter )(?!(?:LED|RMS|CMRR|LSB|LC|RLC|LAMBDA|LEVEL|RON|ROFF|CJO|CJE|CJC|"
                         r"CGSO|CGDO|CGBO|RSH)\b"
                         # (unless its own words place it: "RSH is 330 mΩ from sh to ground" is a part)
                         r"(?!(?:[^.;,]|\.\d)*?\b(?:from|between)\s+(?:node\s+)?[a-z_]\w*\s+(?:(?:down|up)\s+)?(?:to|and)\s))"
                         # ("The load, RLD, is 2k from out to ground")
                         r"[RCL][A-Z][A-Z0-9_]*(?![\w])(?=\s*,?\s*(?:=|:|\bis\b)" + _OWN_VALUE + ")"
                         + _VALUE_NEXT
                         + r"|[rcl]\d+(?![\w])" + _VALUE_NEXT
                         # (not a model's or a node's name: "a model named DFAST", "the node called CX")
                         + r"|(?<!(?i:model named ))(?<!(?i:model called ))(?<!(?i:node named ))(?<!(?i:node called ))"
                         # (no circuit's acronym: "PMOS LDO regulator" names no inductor LDO)
                         # (nor a model card's parameter after its type: "NMOS LEVEL=1 VTO=0.7")
                         + rf"(?:{_AFTER_KIND_WORD})(?!(?:LED|DC|AC|RC|LC|RLC|RMS|ESR|LDO|LPF|LVDS|CMOS|CMRR|LSB|"
                         r"CUK|LEVEL|LAMBDA|CJO|CJE|CJC|CGSO|CGDO|CGBO|RSH|RON|ROFF)\b)[RCLDQMJEGHF][A-Z][A-Z0-9_]*"
                         r"(?![\w]))")
_PIN = r"(?!\s+(?:input|output|terminal|pin|side|end|rail|node|lead|collector|base|emitter|gate|drain|source)\b)"
# "the source node src", "a 12 V source at node raw", "a 12 V rail on node vplus"
_NODE = (r"(?:the\s+)?(?:(?:an?\s+)?(?:[-+]?\d+(?:\.\d+)?\s?V\s+)?(?:[a-z]+\s+)?(?:at\s+|on\s+)?(?=node\b)"
         # a level, then its node in parentheses ("from 12 V (node sup) to zr")
         # ... or with its source's name ("from the 5 V rail (V5 on node v5) to la")
         r"|[-+]?\d+(?:\.\d+)?\s?V\s*(?:(?:rail|supply|line)\s*)?(?P<{0}_level>\()\s*"
         r"(?:[VI]\w*\s+(?:on|at)\s+)?(?=node\b))?"
         # a port's word before its name ("from node A to output Q")
         r"(?:(?:input|output)\s+(?!(?:of|and|to|the|is|at|on|from|node|signal|pin|stage|side|level)\b)(?=[a-z_])"
         # ... or a pin's word before a name that can be nothing but a node's ("from VDD to drain jf_d")
         r"|(?:collector|base|emitter|drain|gate|anode|cathode)\s+(?=(?-i:[a-z][a-z0-9]*[_\d][a-z0-9_]*)\b))?"
         r"(?:node\s+)?"
         # a figure with a unit is a level, not a numbered node ("the drain at 5 V", "the gate at 1.6 V")
         r"(?:named\s+|called\s+)?(?P<{0}>[A-Za-z_]\w*|\d+(?![.,]\d|\s*(?:[munpµkKM]|meg)?(?:V|A|Hz|s)\b))\b" + _PIN
         # a note on the node in parentheses: its pin ("a (anode)") or its level ("vcc (10 V)")
         # ("node src (the MOSFET source)": the device's word before its pin)
         + r"(?:\s*\(\s*(?:the\s+|its\s+)?(?:(?!node\b)[\w'-]+\s+(?=(?:anode|cathode|collector|base|emitter|drain|gate|"
           r"source)\s*\)))?(?:anode|cathode|collector|base|emitter|drain|gate|source|"
           # ... or a source's level and its node ("from VM (2 V DC at node m) to w": _source_named_ends)
           r"(?-i:(?:source\s+)?[VI][A-Z0-9_]+(?=\s*\)))|"  # ("from a 5 V node p5v (source VP5) to stk")
           r"(?:[VI]\w*\s*,\s*)?"  # ("from node r5 (VR5, 5 V DC) to sw": the source holding it, named)
           # ... or where that level comes from ("from node raw (9 V from VRAW) to zk")
           r"[-+]?\d+(?:\.\d+)?\s?[munµk]?V(?:\s+(?:DC|AC))?(?:\s+(?:at|on|from|by)\s+(?:node\s+|the\s+)?"
           r"[A-Za-z_]\w*)?)\s*\))?"
           r"(?({0}_level)\s*\))")
# "from p back to ground", "takes b down to ground": a word of direction between the ends
_WAY = r"(?:(?:back|down|up|over|across|straight|directly|right|on)\s+)?"
_NODE_PAIRS = [re.compile(p, re.IGNORECASE) for p in (
    r"\bfrom\s+" + _NODE.format("a") + r"\s+" + _WAY + r"(?:to|into)\s+" + _NODE.format("b"),
    r"\bbetween\s+(?:nodes?\s+)?" + _NODE.format("a") + r"\s+and\s+" + _NODE.format("b"),
    r"\bacross\s+(?:nodes?\s+)?" + _NODE.format("a") + r"\s+and\s+" + _NODE.format("b"),
    r"\b(?:connected\s+)?(?:from|at|on)\s+" + _NODE.format("a") + r"\s+" + _WAY + r"to\s+(?P<b>ground|gnd)\b",
    # "b down to ground", "out to 0"
    r"\b(?P<a>[a-z_]\w*)\s+" + _WAY + r"to\s+(?:the\s+)?(?P<b>ground|gnd|0(?![.\d]))\b",
    r"\bto\s+(?P<b>ground|gnd)\s+(?:at|from|on)\s+" + _NODE.format("a"),  # "10n to ground at out"
    # ("VAM (a zero-volt source, nm to ground)": after what the part is)
    r"\((?:[^(),;]*,\s*)?\s*(?:from\s+|between\s+)?" + _NODE.format("a") + r"\s+(?:to|and)\s+" + _NODE.format("b")
    + r"\s*\)",
    # "R1 connects in and out", "in->out"
    # ("ties node sda up to node vbus", "joins a and b", "C5 = 1 uF couples bi to bo")
    r"\b(?:connect|tie|join|link|hook|bridge|shunt|pull|couple)(?:s|d|ed|ing)?\s+(?:nodes?\s+)?" + _NODE.format("a")
    + r"\s+"
    + _WAY
    + r"(?:and|to|with)\s+" + _NODE.format("b"),
    r"(?<![\w-])(?P<a>[a-z_]\w*|\d+)\s*(?:->|-->|\u2192)\s*(?P<b>[a-z_]\w*|\d+)\b",
    # "R1 1k vcc to a", "R1: 10k, a to b", "Rb 26 Ω tm to tout", "R3 - 3.3k, src to flt": a netlist-like statement,
    # name, value, then its nodes
    # ("Low-pass R1 = 4.7k in to out": read from the name on)
    # ("3.3k kx to ky", "10 nF mid1 to lp2": no name, a value with its scale or unit first; a word that says the
    # part's role is no end: "an op-amp with 100k feedback to out" is the feedback resistor into out)
    r"(?:^\s*[A-Za-z]\w*|^\s*(?=\d+(?:\.\d+)?\s?(?:(?:meg|[fpnuµμmkKMG])\s?(?:Ω|ohms?|[FH])?|Ω|ohms?|[FH])\s+"
    r"(?!(?:feedback|feed-?forward|pull-?ups?|pull-?downs?|bias|degeneration|bypass|coupling|decoupling|gain|sense|"
    r"timing|tank|tail|shunt|series|load|input|output)\b)[a-z_])"
    r"|(?<=[\s,;:])(?-i:[RCL][A-Z0-9_]*|[RCL][a-z]{1,4}\d*|[rcl]\d\w*))\s*(?:[-=:,\u2013]\s*)?[-+\d.]+(?:[a-zµ]\d+)?\s*[a-zµΩ]*[\s,]+"
    r"(?P<a>[a-z_]\w*|\d+)\s+to\s+"
    r"(?P<b>[a-z_]\w*|\d+)\b",
    # "RC y to z, 4.7k": the name, its nodes, then its value
    r"(?:^\s*|(?<=[\s,;:]))(?-i:[RCL][A-Z0-9_]*|[rcl]\d\w*)\s+(?P<a>[a-z_]\w*|\d+)\s+to\s+(?P<b>[a-z_]\w*|\d+)"
    r"\s*,\s*[-+]?\.?\d",
)]
# "from in to the node between the stages, which I want called mid": the node named after its description
_DESCRIBED_END = re.compile(r"\bfrom\s+" + _NODE.format("a") + r"\s+to\s+(?:the|a)\s+(?:node|junction|point)\b"
                            r"[^.;]{0,60}?\b(?:called|named)\s+(?P<b>[a-z_]\w*)\b", re.IGNORECASE)
# "RL2 = 1k loads s1": a load from that node to ground
_LOADS_NODE = re.compile(r"\bloads\s+(?:the\s+)?(?:node\s+)?(?P<a>[a-z_]\w*)\b(?!\s+(?:to|and|through)\b)(?P<b>)",
                         re.IGNORECASE)
_TERMINALS = {"D": ("anode", "cathode"), "Q": ("collector", "base", "emitter"),
              "M": ("drain", "gate", "source", "bulk|body|substrate"), "J": ("drain", "gate", "source")}
_TERMINAL_WORDS = "anode|cathode|collector|base|emitter|drain|gate|source|bulk|body|substrate"
_TERMINAL_LETTERS = {"Q": "CBE", "M": "DGSB", "J": "DGS"}  # each terminal's letter, in _TERMINALS's order
# The verbs that put a pin on its node ("the collector goes to c", "base sits at node b", "emitter returns to 0")
_PIN_VERB = (r"(?:goes|go|going|runs?|running|sits?|sitting|lands?|connects?|wired|hooked|attached|joined|joins|"
             r"returns?|returned|taken|tied|ties|is\s+tied|is\s+connected)")
_NOT_NODES = NOT_NODES  # the words no reader takes for a node (vocabulary.py); "a"/"an" by _article


@dataclass(frozen=True)
class ElementConstraint:
    text: str  # the words it came from
    kind: str  # element letter
    name: str | None = None  # as the user wrote it (R1, RF)
    nodes: tuple[str | None, ...] | None = None  # in the element's own order; "0" for ground, None: left open
    value: float | None = None
    value_text: str | None = None
    refs: tuple[str, ...] = ()  # the parts it names: a controlling source (H, F), coupled inductors (K)
    params: tuple[str, ...] = ()  # instance parameters as SPICE writes them after the value ("IC=5")
    model: str | None = None  # the model's name the request gives a device ("a model called DX")

    def placed(self) -> tuple[str, ...]:
        """The nodes when the request states every one of them, else none."""
        nodes = tuple(n for n in self.nodes or () if n is not None)
        return nodes if self.nodes and len(nodes) == len(self.nodes) else ()


@dataclass(frozen=True)
class SourceConstraint:
    text: str
    node: str | None  # the node it drives (None: the circuit's input)
    dc: float | None = None
    ac: float | None = None
    sin: tuple[float, float, float] | None = None  # offset, amplitude, frequency
    name: str | None = None  # "VIN" when the request names the source
    supply: bool = False  # the circuit's supply ("a 10 V supply at node vcc"), not its input
    # PULSE(v1 v2 td tr tf pw per) as stated; None where the request leaves a figure open
    pulse: tuple[float | None, ...] | None = None
    kind: str = "V"  # I: a current source, pushing its current into `node`
    # its other end when that is not ground ("a sine between nodes ac1 and ac2"; a current source's, the node it
    # draws its current from: "I3 = 2 mA from a to b")
    minus: str | None = None
    pwl: tuple[float, ...] | None = None  # PWL(t1 v1 t2 v2 ...): its corners, time then level


    def waveform(self) -> str:
        """The source's specification as ngspice reads it: DC, AC, then SIN or PULSE."""
        # (a sine's offset is its DC level where none is said: "SIN(2.5 1 1k)" biases at 2.5 V)
        dc = self.dc if self.dc is not None else self.sin[0] if self.sin else 0.0
        levels = [f"DC {dc:g}"]
        levels += [f"AC {self.ac:g}"] if self.ac is not None else []
        levels += ["SIN(" + " ".join(f"{x:g}" for x in self.sin) + ")"] if self.sin else []
        if self.pulse:
            v1, v2, td, tr, tf, pw, per = self.pulse
            edge = min(1e-9, (per or pw or 1e-7) / 100)  # edges far shorter than the pulse, unless stated
            figures = [v1, v2, td or 0.0, tr or edge, tf or tr or edge] + ([pw] if pw else []) \
                + ([per] if pw and per else [])
            levels.append("PULSE(" + " ".join(f"{x:g}" for x in figures) + ")")
        # a corner's time as the request wrote it ("2m", not 0.002), where that notation holds it exactly
        times = [format_eng(x) if i % 2 == 0 and (said := parse_number(format_eng(x))) is not None
                 and math.isclose(said, x, rel_tol=1e-12) else f"{x:g}" for i, x in enumerate(self.pwl or ())]
        levels += ["PWL(" + " ".join(times) + ")"] if self.pwl else []
        return " ".join(levels)


@dataclass(frozen=True)
class ModelParam:
    text: str
    name: str  # lower case, as in a .model card
    value: float


# The specs whose figures are in dB (their tolerance in dB, 0 a target); those whose tolerance is in their own unit (dB,
# degrees), not a share of the target; those shown as plain numbers, no engineering prefix
DECIBELS = ("gain_db", "dc_gain_db", "flat")
ABSOLUTE = (*DECIBELS, "phase")
PLAIN = ("gain", *DECIBELS, "q", "phase")


@dataclass(frozen=True)
class Spec:
    text: str
    # cutoff | gain | gain_db | frequency | center | notch | vout | q | current | dc_gain_db | ugbw
    # | f0 (a second-order section's natural frequency: its phase halfway through its 180 degrees)
    # | flat (the gain at `at` against the passband's peak, in dB: "nearly flat at 600 Hz")
    # | level (a bound on the level of `node`: "the drain must sit below 0.3 V"; measured, never designed)
    # | rtotal (the resistance a string of resistors adds to: "total resistance around 10k")
    # | phase (of the output against the input at `at`, in degrees, lead positive; its tolerance in degrees)
    quantity: str
    target: float
    tolerance: float = 0.05  # relative (absolute for ABSOLUTE: in dB, in degrees)
    node: str | None = None
    at: float | None = None  # the frequency a gain is measured at ("20 dB down at 16 kHz"); else 1 kHz
    bound: str | None = None  # "min": at least the target ("a gain of at least 20"), "max": at most; None: about it

    def describe(self) -> str:
        unit = {"cutoff": "Hz", "f0": "Hz", "frequency": "Hz", "center": "Hz", "notch": "Hz", "vout": "V",
                "gain_db": " dB", "dc_gain_db": " dB", "flat": " dB", "current": "A", "ugbw": "Hz",
                "hysteresis": "V", "width": "s", "rise": "s", "ripple": "V", "clip": "V", "level": "V",
                "rtotal": "ohm", "phase": " degrees"}.get(self.quantity, "")
        target = f"{self.target:g}{unit}" if self.quantity in PLAIN else f"{format_eng(self.target)}{unit}"
        return f"{self.quantity.replace('_', ' ')} {target}"


@dataclass
class Request:
    description: str
    elements: list[ElementConstraint] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)  # node names the request fixes
    output: str | None = None  # "output at vout"
    input: str | None = None
    inputs: list[str] = field(default_factory=list)  # further signal input ports, in order ("inputs Vp, Vn")
    sources: list[SourceConstraint] = field(default_factory=list)
    model_params: list[ModelParam] = field(default_factory=list)
    specs: list[Spec] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # contradictions, said as they are
    parameters: dict[str, float] = field(default_factory=dict)  # ".param RVAL=22k" by name, as the user spells it
    initial: dict[str, float] = field(default_factory=dict)  # ".ic v(x)=3": node voltages a transient starts from
    # the one op-amp's pins as its own statement places them: (+ input, - input, output), None where unsaid
    opamp_pins: tuple[str | None, str | None, str | None] | None = None

    def levels_of_two_sources(self, first: str, second: str) -> bool:
        """Whether two stated levels ("2 V", "0 V") are each a different named source's (VIN and the ammeter
        VM), or both corners of one source's wave ("0 V at t=0, 10 V at 1 ms"): not two values for one."""
        def corner(said: str) -> bool:
            qs = _quantities(said)
            return len(qs) == 1 and any(qs[0].value in (s.pwl or ())[1::2] and said in s.text for s in self.sources)
        if corner(first) and corner(second):
            return True

        def holders(said: str) -> set[str]:
            qs = _quantities(said)
            value = qs[0].value if len(qs) == 1 else None
            return {(s.name or "").upper() for s in self.sources if s.name and value is not None
                    and value in (s.dc, s.ac)} | {(e.name or "").upper() for e in self.elements
                                                  if e.kind in "VI" and e.name and e.value == value is not None}
        a, b = holders(first), holders(second)
        return bool(a and b and len(a | b) > 1)


def _value_word(m: re.Match, group: str) -> bool:
    """"1 kΩ to ground": the word after a number is its unit, not a node; "from 0 to 3.3 V": a
    number with a unit or a decimal part is a level, not a node."""
    before = m.string[:m.start(group)]
    # ("C1 2u2 out to 0": a figure written with its prefix inside, 2u2, is whole; the word after it is a node;
    # "RS 680 js->0": a word that an arrow joins to another is a node)
    return bool(re.search(r"\d\s*$", before) and not re.search(r"\d[a-zA-Zµ]\d+\s+$", before)
                and not re.match(r"\s*(?:->|-->|\u2192)", m.string[m.end(group):])) or bool(
        m[group][:1].isdigit() and re.match(r"\.\d|\s*(?:[fpnuµμmkKMG]|meg)?\s*(?:V|A|Hz|s|F|H|Ω|ohm)\b",
                                           m.string[m.end(group):]))


def _article(m: re.Match, group: str) -> bool:
    """"a"/"an" followed by a word is an article ("to a resistor"); alone, or before a verb ("V1 at a steps from
    0 to 1 V", "VX at a is ..."), it names a node."""
    return m[group].lower() in ("a", "an") and bool(re.match(
        r"\s+(?!(?:to|and|from|with|is|are|steps|pulses|rises|falls|ramps|switches|swings|toggles|sits|holds|goes|swept|"
        r"stepped|ramped|sweeps|"
        r"feeds|drives|pushes|through|via)\b)"
        r"[-+\u2212\u00b1]?[A-Za-z0-9]", m.string[m.end(group):]))  # "on a -9 V rail": an article too


def _node(word: str) -> str:
    return "0" if word.lower() in GROUND else word.lower()


# Words that end the lead-in of a part's name: what comes before them belongs to another statement.
_LEAD_STOP = re.compile(r"from|to|into|through|by|at|on|of|with|and|between|across|via|in|then|plus|is|are|"
                        r"loaded|fed|feeds|feeding|driving|drives|driven|pushes|sends|supplies|while|but|or|written|as",
                        re.IGNORECASE)


def _lead(text: str, at: int) -> int:
    """Where the words that introduce the name at `at` begin: "a 10k R2", "a 4.7k resistor R1",
    "PMOS M1", "a 10 V peak 50 Hz sine V1"; at most six words, none of them a linking word."""
    start = at
    for word in list(re.finditer(r"[^\s,;:()=]+\s*$|[^\s,;:()=]+\s+", text[max(0, at - 80):at]))[::-1][:6]:
        if _LEAD_STOP.fullmatch(word[0].strip()) or word.end() != start - max(0, at - 80) \
                or _DESIGNATOR.fullmatch(word[0].strip()) \
                or word[0].strip().endswith("."):  # another part's name, or another sentence's end ("to 0. V1")
            break
        start = max(0, at - 80) + word.start()
    number = re.search(r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?\s*$", text[:start])
    if number and start < at and re.match(r"(?:[fpnuµμmkKMG]|meg)?(?:V|A|Ω|Ω|ohms?|F|H|Hz)\b", text[start:at]):
        start = number.start()  # "a 1 A DC current source I1": the number goes with its unit
    return start


# An unnamed part's own statement after a comma, colon or "and": its value (of a part's unit, a scale letter or a
# part's noun after it) or its noun, then its ends ("V1 (AC 1) at p, 10 ohm from p to q, 10 mH from q to r", "LED D1
# at 15 mA from a 12 V rail: series resistor from vcc to led_a")
_PART_NOUN = r"(?:[\w-]+\s+)?(?:resistor|capacitor|cap|inductor|coil|diode|led|zener)\s+"
_UNNAMED_STATEMENT = re.compile(r"(?:[,;:]\s*(?:and\s+)?|\s+and\s+)(?:an?\s+|the\s+|(?-i:[RCL])\s*[=:]\s*)?"
                                r"(?:(?P<q>[\d.]+\s?"
                                r"(?:meg|[fpnuµμmkKMG])?\s?(?:Ω|Ω|ohms?\b|[FH]\b)?)\s*(?P<noun>" + _PART_NOUN + ")?"
                                r"|(?P<bare>" + _PART_NOUN + r"))"
                                # ("and a 1.5 mF reservoir CRES across hv": its name after its value)
                                r"(?:(?:[a-z][\w-]*\s+){0,2}?(?-i:[RCL][A-Z0-9_]*[A-Z0-9][A-Z0-9_]*)\s+"
                                r"(?:(?:goes|runs|sits|drains|hangs)\s+)?)?(?:from|between|across|"
                                r"(?:shunt|connect|tie|bridge|join|link)(?:s|ed|ing)?)\s", re.IGNORECASE)


def _unnamed_statements(text: str, names: list[re.Match]) -> list[int]:
    """Where unnamed parts' statements begin, after a named part's own words (a part's name and nothing else before
    the comma keeps its value: "R1, 10k from a to b")."""
    found = []
    for m in _UNNAMED_STATEMENT.finditer(text):
        qs = _quantities(m["q"] or "")
        part = m["bare"] or len(qs) == 1 and (qs[0].unit in ("ohm", "F", "H") or not qs[0].unit and (
            qs[0].scaled or m["noun"]))
        named = [name for name in names if name.start() < m.start()]
        if part and named and re.search(r"\w", text[named[-1].end():m.start()]):
            found.append(m.start())
    return found


def _in_aside(text: str, at: int) -> bool:
    """Whether position `at` is inside parentheses its sentence opened and has not closed."""
    before = text[max(text.rfind(". ", 0, at), 0):at]
    return before.count("(") > before.count(")")


def in_digits(text: str) -> str:
    """"three point three volts": figures with a unit written in words, in digits, as the readers look for them."""
    return _QTY.sub(lambda m: f"{_words_value(m['words']):g}{m[0][len(m['words']):]}"
                    if m["words"] and (m["unit"] or m["prefix"]) else m[0], text)


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the statements in a request: one per designator mention, up to the words that
    introduce the next one, an unnamed part's statement or the sentence end, so "R1 = 10k from in to mid, C1 = 1n
    from mid to 0" gives two and "a 1k R1 from in to out loaded by a 10k R2" gives "a 1k R1 from in to out loaded
    by"."""
    names = list(_DESIGNATOR.finditer(text))
    marks = [m.start() for m in names]
    leads = [_lead(text, mark) for mark in marks]
    # (not in an aside: "MN (nmos, W=1u; model VTO=0.5) from vo to ground" goes on after it)
    ends = [m.start() for m in re.finditer(r"\.(?:\s|$)|;", text) if not _in_aside(text, m.start())] + [len(text)]
    # ("Shunt node x to ground with C3 = 1n, and tie node x to node y with R4": a verb that places the next part)
    ends += [m.start() for m in re.finditer(r",\s*(?:and\s+)?(?:then\s+)?(?=(?:bypass|decouple|tie|pull|hang|connect|"
                                            r"shunt|terminate|clamp|join|link|hook)\s)", text, re.IGNORECASE)]
    # ("RS = 1k source resistor, gate jf_g to ground through 1meg": a pin or port and its node open a statement)
    ends += [m.start() for m in re.finditer(r",\s*(?:and\s+)?(?:the\s+)?(?i:gate|base|drain|collector|emitter|anode|"
                                            r"cathode|input|output)\s+(?:node\s+)?[a-z][a-z0-9]*[_\d][a-z0-9_]*\b",
                                            text)]
    unnamed = _unnamed_statements(text, names)
    spans: list[tuple[int, int]] = []
    for i, start in enumerate(marks):
        # (a source named in an aside: "R24 from the 5 V rail (V5 on node v5) to la" goes on after it)
        after = next((j for j in range(i + 1, len(marks)) if not (
            re.search(r"\(\s*$", text[:marks[j]]) and names[j]["name"][0] in "VI")), None)
        stop = min([e for e in ends + unnamed if e > start]
                   + ([max(leads[after], start + 1)] if after is not None else []))
        # The words just before the name belong to it ("a 4.7k resistor R1 between ...").
        lead = max([0] + [e + 1 for e in ends if e < start] + [leads[i - 1] if i else 0])
        before = text[lead:start]
        cut = max(before.rfind(c) for c in (",", " and ", "(", ")", ":"))
        begin = lead + cut + 1 if cut >= 0 else lead
        spans.append((min(max(begin, spans[-1][1] if i else 0), leads[i]), stop))
    return spans


# Pin words that may name a node of their own after a preposition ("R1 = 22k from vcc to base", "between vcc
# and base"), unlike "the base", "base of Q1" or "anode to ground" (a pin placed); a device that places that
# pin elsewhere renames the node after it (read_request).
_PIN_NODES = {"anode", "cathode", "collector", "base", "emitter", "drain", "gate"}
# What a pin's word may be followed by that is the part on it, no node ("base divider RB1", "collector load RC")
_PIN_PARTS = {"divider", "resistor", "resistors", "network", "bias", "load", "capacitor", "cap", "inductor", "choke",
              "drive", "driver", "string", "ladder", "follower", "followers", "degeneration", "bypass", "current",
              "voltage", "resistance", "capacitance"}
_CALLED_NODE = re.compile(r"\bnode\s+$", re.IGNORECASE)  # "anode at node anode": a word the request calls a node
# Part words that name a node just as well after a preposition ("c1 100n from cap to gnd", "RL from out to load").
_PART_NODES = {"cap", "load"}


def _not_node(m: re.Match, group: str, end: bool = False) -> bool:
    """Whether the word `group` names no node. A name the user probes ("v(left)") is a node wherever it stands;
    a word of place ("left", "up") is one where it stands as a part's end (`end`: "from exc to left")."""
    word, before = m[group].lower(), m.string[:m.start(group)]
    if called(word):
        return False  # "between nodes drive and coil": what the request calls a node is one, whatever English it is
    named = word in _PIN_NODES | _PART_NODES and not re.match(r"\s+of\b", m.string[m.end(group):]) and bool(
        re.search(r"(?:\b(?:from|to|into|between|at|on|node)|\()\s*$", before)  # "(cap to ground)", "node anode"
        or (re.search(r"\band\s+$", before) and re.match(r"\s*\(?\s*(?:between|across)\b", m[0])))
    if end and word in NODE_LIKE:
        return False  # "RLOAD = 1k from so to gnd": a part's end
    if plain(m[group], m.string[m.end(group):]) and not _CALLED_NODE.search(before) and not end \
            and word not in _PROBED.get():
        return True  # "a diode across the motor": an ordinary word, a node only where called one or a part's end
    if re.match(r"\s+(?:caps?|capacitors?|resistors?|inductors?|coils?|diodes?|transistors?|op-?amps?)\b",
                m.string[m.end(group):], re.IGNORECASE) and not _CALLED_NODE.search(before):
        return True  # "across the integrating cap": the word says which part, it names no node
    return word in _NOT_NODES and not named and word not in _PROBED.get() and not (end and word in PLACES)


# The names the request probes ("v(left)", "v(a, b)"), set while read_request reads it: its readers see only a
# part's clause, the probe may stand anywhere in the request.
_PROBED: ContextVar[frozenset[str]] = ContextVar("_PROBED", default=frozenset())
_PROBE = re.compile(r"\bv\(\s*([a-z_]\w*)\s*(?:,\s*([a-z_]\w*)\s*)?\)", re.IGNORECASE)


# The patterns that state a part's two ends outright ("from x to y", "between x and y", "R1 1k x to y"): a word of
# place there is a node ("R2 = 1k left to ground"), except a word of direction before the netlist form's "to"
# ("R1 = 10k up to vcc": the way it goes).
_ENDS = [_NODE_PAIRS[k] for k in (0, 1, 2, 3, 6, 8, 9)]


def _pair(clause: str, after: int, patterns: list[re.Pattern] = _NODE_PAIRS) -> tuple[str, str] | None:
    """The two nodes a part's words place it between, read from `after` on."""
    for pattern in ([_DESCRIBED_END, _LOADS_NODE] if patterns is _NODE_PAIRS else []) + patterns:
        m = pattern.search(clause, after)
        end = pattern in _ENDS
        grounded = m is not None and pattern is _LOADS_NODE  # its other end is ground, unsaid
        if m and not (_not_node(m, "a", end and not (pattern is _NODE_PAIRS[9] and m["a"].lower() in FUNCTION))
                      or not grounded and _not_node(m, "b", end)) and not _article(m, "a") \
                and not _article(m, "b") and not _value_word(m, "a") and (grounded or not _value_word(m, "b")):
            return _node(m["a"]), "0" if grounded else _node(m["b"])
    if patterns is _NODE_PAIRS and (bare := _ASIDE.sub(lambda a: " " * len(a[0]), clause)) != clause:
        return _pair(bare, after, _ENDS)  # "from node v5 (V5 = 5 V) to swl": an aside between the ends
    return None


_ASIDE = re.compile(r"\s*\([^()]*\)")


def _element(text: str, start: int, stop: int, name: str, name_at: int) -> ElementConstraint | None:
    clause = text[start:stop]
    kind = name[0].upper()
    qs = [q for q in _quantities(clause) if not re.match(r"\s*%", clause[q.end:q.end + 2])]
    # The value: the quantity nearest after the name, else the last one before it.
    after = [q for q in qs if q.start >= name_at - start]
    before = [q for q in qs if q.end <= name_at - start]
    noted = re.search(r"(?<![\w.])[\d.]+\s*(?:[a-zA-ZµΩΩ]+\s*)?(?:(?:resistive\s+)?(?:load|resistor|capacitor|cap|"
                      r"inductor|coil)\s*)?\(\s*$", text[max(0, name_at - 40):name_at])
    # "through 4.7k (R1 from a to k, ...)", "a 50 ohm load (RL from v12 to drain)": the value it notes
    if noted and not before and kind in "RCL":
        before = _quantities(re.sub(r"\s*(?:(?:resistive\s+)?(?:load|resistor|capacitor|cap|inductor|coil))?\s*\(\s*$",
                                    "", noted[0]))
    value = None
    # "DC sweep V1 from 0 to 10 V", "for each step V2 from 0 to 2 V": the sweep's range, not the source's level
    swept = re.search(r"\b(?:sweep\w*|step\w*)\s+(?:of\s+)?(?:the\s+)?(?:source\s+)?$",
                      text[max(0, name_at - 30):name_at], re.IGNORECASE)
    # "RL from z to 0": a bare number where a node stands is that node, no value
    # ... or after an arrow ("C1 mid->0 100n")
    qs = [q for q in qs if q.unit or q.scaled or not re.search(
        r"(?:\b(?:to|from|and|between|into|node)\s+|-+>\s*|\u2192\s*)$", clause[:q.start], re.IGNORECASE)]
    after = [q for q in qs if q.start >= name_at - start]
    before = [q for q in qs if q.end <= name_at - start] or before
    for q in after[:1] + before[-1:]:  # the nearest value after the name, else before, of a fitting unit
        if kind in "RCL" and q.unit and UNIT_KIND.get(q.unit) != kind:
            continue  # "giving 4 V ... R1": a voltage is no resistance
        if kind in "VI" and (re.search(r"\bAC\s*(?:magnitude|amplitude|level|of|=|:)?\s*$", clause[:q.start], re.I)
                             # "V1 = 1 V AC at a"; "a 1 V amplitude sine V1", "2 V peak": a figure of its wave
                             or re.match(r"\s*(?:AC|amplitude|peak|pk|p-?p|pp|rms|offset|high|low)\b", clause[q.end:],
                                         re.I)
                             or swept
                             or re.match(r"\s*(?:points?|pts|per|steps?|times|decades?|octaves?)\b", clause[q.end:])):
            continue  # "V1 at in (AC 1)": its AC magnitude, read with the source; "V1 as input, 10 points": a count
        wrong = {"V": "A", "I": "V"}.get(kind)  # "I1 ... and VSENSE (0 V)": a current source's level is no voltage
        if kind in "RCL" or (kind in "EVI" and ((q.unit in ("V", "A") and q.unit != wrong)
                                                or (not q.unit and not q.scaled))):
            value = q
            break
    # "a 2.7k resistor, R12, running from n1 to ground": its value with its noun set off before its name
    appos = re.search(rf"(?<![\w.])(?P<q>[\d.]+\s*(?:[a-zA-ZµΩΩ]+\s*)?)\s(?:{KIND_WORDS[kind]})\s*,\s*$",
                      text[max(0, name_at - 40):name_at], re.IGNORECASE) if kind in "RCL" and value is None else None
    if appos and len(noted_q := _quantities(appos["q"].strip())) == 1 \
            and UNIT_KIND.get(noted_q[0].unit, kind) == kind and (noted_q[0].unit or noted_q[0].scaled):
        value = noted_q[0]
    nodes: tuple[str | None, ...] | None = None
    sizes: tuple[str, ...] = ()
    if kind in _TERMINALS:
        # A device's terminals may be spread over its sentence ("collector at node c with RC = 2.2k up
        # to vcc, base b fed by RB ..., emitter to ground"); "gate and source to ground" names two.
        lo = max([0] + [e.end() for e in re.finditer(r"\.(?:\s|$)", text) if e.end() <= start])
        hi = min([e.start() for e in re.finditer(r"\.(?:\s|$)", text) if e.start() >= stop] + [len(text)])
        hi = _pins_after(text, name_at, hi)
        # another device in the sentence bounds this one's pins ("D1 anode at out ..., D2 anode at ground ...")
        # (its own name said again, "drain of M5 to d, gate of M5 to g", is no other device)
        devices = [m.start() for m in _DESIGNATOR.finditer(text, lo, hi) if m["name"][0].upper() in _TERMINALS
                   and m.start() != name_at and m["name"].upper() != name.upper()]
        if devices:
            lo = max([lo] + [_lead(text, name_at)])
            hi = min([hi] + [_lead(text, d) for d in devices if d > name_at])
        sentence = text[lo:hi]
        found: dict[int, str] = {}
        for said in re.finditer(r"(?<![\w-])(?P<n>[a-z_]\w*)\s*\(\s*(?:the\s+|its\s+)?(?P<t>" + _TERMINAL_WORDS
                                + r")\s*\)", sentence, re.IGNORECASE):  # "from a (anode) to ground (cathode)"
            for i, words in enumerate(_TERMINALS[kind]):
                if re.fullmatch(words, said["t"], re.IGNORECASE) and said["n"].lower() not in _NOT_NODES:
                    found.setdefault(i, _node(said["n"]))
        # ("into node zc, into the cathode of DZ2": the node said just before, the pin's own)
        for said in re.finditer(rf"\b(?:into|to|at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s*,\s*(?:into|to|at|on)\s+the\s+"
                                rf"(?P<t>{_TERMINAL_WORDS})\s+of\s+{re.escape(name)}\b", sentence, re.IGNORECASE):
            for i, words in enumerate(_TERMINALS[kind]):
                if re.fullmatch(words, said["t"], re.IGNORECASE) and said["n"].lower() not in _NOT_NODES \
                        and not _article(said, "n"):
                    found.setdefault(i, _node(said["n"]))
        for pair in re.finditer(rf"(?<!node )\b(?P<t1>{_TERMINAL_WORDS})\s*(?:\band\b|\bplus\b|/|&|\+)\s*"
                                rf"(?P<t2>{_TERMINAL_WORDS})\s+"
                                r"(?:(?:are|both|each)\s+)*"  # "drain and gate both on node dd"
                                r"(?:(?P<g>grounded|ground|gnd|0(?![.\d]))\b|(?:(?:at|to|on|tied\s+to|connected\s+to)\s+"
                                # ... or its node bare, ending the item: "source and bulk vdd33;"
                                r"|(?=[a-z_]\w*\s*(?:[,;)]|\.(?:\s|$)|$)))" + _NODE.format("n") + ")",
                                sentence, re.IGNORECASE):  # "source and bulk grounded", "source/bulk ground"
            for i, words in enumerate(_TERMINALS[kind]):
                if re.fullmatch(words, pair["t1"], re.IGNORECASE) or re.fullmatch(words, pair["t2"], re.IGNORECASE):
                    found[i] = "0" if pair["g"] else _node(pair["n"])
        for i, words in enumerate(_TERMINALS[kind]):  # "common-emitter" names no pin
            # "c is its collector, b its base": the node first, then its pin
            m = next((m for m in re.finditer(rf"(?:^|[,;:(]\s*|\band\s+)(?P<n>[a-z_]\w*)\s+(?:is\s+(?:its|the)|its)\s+"
                                             rf"(?:{words})\b"
                                             r"(?!\s+(?:of|node|resistor|current|voltage)\b)", sentence, re.IGNORECASE)
                      if m["n"].lower() not in _NOT_NODES | {"with", "at", "on", "to"} and not _article(m, "n")),
                     None)
            # the pin's words after the device's name first ("Emitter follower: Q2 ... emitter at outp")
            # ("collector goes to c", "its base sits at node bq", "cathode of D4 runs to o": a verb of place)
            # ... or its letter in capitals, as a netlist's comment writes it ("drain=d", "C=c B=b E=e", "D on node d")
            letter = _TERMINAL_LETTERS.get(kind, "")[i:i + 1]
            pin_words = rf"{words}|(?-i:{letter})(?=\s*[=:]|\s+(?:on|at|to)\s)" if letter else words
            m = m or next(iter(sorted((m for m in re.finditer(
                # ("node vdd (source VDD)": the node's source named in parentheses, no pin)
                rf"(?<![\w-])(?!(?<=\()\w+\s+(?-i:[VI][A-Z0-9_]*)\s*\))(?:{pin_words})(?:\s*[:=]\s*|\s+)(?:of\s+{re.escape(name)}\s+)?(?:(?:is\s+)?(?:{_PIN_VERB}\s+)?"
                r"(?:(?:up|down|back|straight|directly)\s+)?(?:at|to|on|onto|connected\s+to|tied\s+to)\s+|is\s+)?"
                + _NODE.format("n"),
                sentence, re.IGNORECASE)
                if (m["n"].lower() not in _NOT_NODES | _PIN_PARTS or _CALLED_NODE.search(m.string, 0, m.start("n"))
                    # ("Diode D8: anode gate, cathode pin": a word of ours that ends the pin's item is its node)
                    # (not a part's word after the pin's: "with a 10uF base bypass, RE = 3.3k")
                    or m["n"].lower() not in (FUNCTION - NODE_LIKE) | VERBS | _PIN_PARTS and re.match(
                        rf"\s*(?:[,;()]|\.(?:\s|$)|$|(?:and\s+)?(?:{_TERMINAL_WORDS})\b)", m.string[m.end("n"):],
                        re.IGNORECASE) and re.fullmatch(rf"(?:{pin_words})\s+", m[0][:m.start("n") - m.start()],
                                                         re.IGNORECASE))
                and not _article(m, "n")
                # ("its collector to vcc through RC": the far end of a part, not the pin's node; _pins_through)
                and not (re.search(r"\bto\s", m[0]) and re.match(r"\s+(?:through|via)\b", sentence[m.end():], re.I))),
                key=lambda m: (lo + m.start() < name_at, m.start()))), None)
            # pins listed without commas, each word then its node: "drain d gate g source s", "collector c base b"
            # ... or with "=": "drain=d gate=g source=s"
            listed = re.finditer(rf"(?<![\w-])(?:{pin_words})(?:\s*=\s*|\s+)(?P<n>[a-z_]\w*)(?=\s+(?:{_TERMINAL_WORDS})"
                                 r"(?:\s*=\s*|\s+(?:(?:at|to|on)\s+)?(?:node\s+)?)[a-z_0-9])", sentence, re.IGNORECASE)
            # ("anode a cathode b": a node named a between two pins' words, no article)
            m = m or next((m for m in listed if m["n"].lower() not in _NOT_NODES), None)
            if i not in found and m:
                found[i] = _node(m["n"])
            elif i not in found and re.search(rf"(?<![\w-])(?:{words})\s*(?:[:=]\s*|\s+(?:(?:is\s+)?"
                                              r"(?:tied\s+|connected\s+|returned\s+)?(?:to|at|on)\s+)?)"
                                              r"(?:the\s+)?(?:ground|gnd)\b(?!\s*,?\s*(?:through|via)\b)", sentence,
                                              re.IGNORECASE):
                found[i] = "0"  # "cathode ground", "emitter to gnd" (not "gate returned to ground through 1 MEG")
        _paired_pins(text[slice(*_sentence(text, name_at))], name, kind, found)
        # (not another part's ends said in the clause: "NPN ..., collector resistor 3.3k from cb_vcc to cb_out")
        ends = _pair(clause, max(0, name_at - start)) if kind in "QMJ" and not {0, 2} & set(found) and not re.search(
            r"\b(?:resistors?|capacitors?|caps?|inductors?|coils?|diodes?)\s+(?:of\s+)?[\d.]+\s*\w*\s+(?:from|between)\b",
            clause, re.IGNORECASE) else None
        if ends:  # "MN (nmos) from vo to ground with gate vi": its channel between the two, its source on ground or
            # the rail ("MP from vo to vdd")
            found[0], found[2] = ends[::-1] if ends[0] == "0" or RAIL.match(ends[0]) and not (
                ends[1] == "0" or RAIL.match(ends[1])) else ends
        if kind == "M" and 3 not in found and 2 in found:  # the bulk, unstated, sits on the source
            found[3] = found[2]
        if kind == "M":  # "W = 10u, L = 2u": its channel's size, as SPICE writes it on the device's line
            size = r"\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?:\s?(?:[µμu]m|nm|mm)\b|[munpµμ]|um)?"
            ratio = re.search(rf"(?<![\w./])W\s*/\s*L\s*=\s*(?P<w>{size})\s*/\s*(?P<l>{size})(?![\w.])", sentence)
            same = re.search(rf"(?<![\w./])W\s*=\s*L\s*=\s*(?P<v>{size})(?![\w./])", sentence)  # "W = L = 10 µm"
            sizes = (f"W={_length(ratio['w'])}", f"L={_length(ratio['l'])}") if ratio else (
                f"W={_length(same['v'])}", f"L={_length(same['v'])}") if same else tuple(dict.fromkeys(
                    f"{m['p'].upper()}={_length(m['v'])}" for m in re.finditer(
                        rf"(?<![\w./])(?P<p>[WL])\s*=\s*(?P<v>{size})(?![\w./])", sentence)))[:2]
        # "m = 2": how many devices in parallel its one line stands for; "area = 3": a junction's relative area
        sizes += tuple(f"{m[1].lower()}={m[2]}" for m in re.finditer(
            r"(?<![\w./])(m|area)\s*=\s*(\d+(?:\.\d+)?)(?![\w.])", sentence, re.IGNORECASE)
            if kind in "QJ" or m[1].lower() == "m")
        ends = _pair(clause, max(0, name_at - start)) or _pair(clause, 0) if kind == "D" else None
        if kind == "D" and {0, 1} <= set(found):  # both pins said: "(anode lda, cathode ground) ... from p9 to lda"
            nodes = (found[0], found[1])  # names another part's ends
        elif ends and found:  # "D1 from out to ground, cathode at ground": the ends, the way the pin says
            nodes = ends[::-1] if found.get(0) == ends[1] or found.get(1) == ends[0] else ends
        elif kind == "D" and found:
            nodes = (found.get(0), found.get(1))
        elif found:
            nodes = tuple(found.get(i) for i in range(len(_TERMINALS[kind])))
    if nodes is None:
        # The nodes stated after the name first ("VSENSE from a to b in series with R1 = 1k from b to ground").
        nodes = _pair(clause, max(0, name_at - start)) or _pair(clause, 0)
    if swept and kind in "VI" and nodes and all(n and n.isdigit() for n in nodes):
        nodes = None  # "DC sweep of V1 from 0 to 5": the sweep's levels, no nodes
    if kind == "I" and nodes and re.search(r"\b(?:between|across|connects?)\b", clause, re.IGNORECASE):
        nodes = None  # "I1 between b and ground, pushing into b": no order; its direction words place it (_sources)
    # "collector at node c with RC = 2.2k up to vcc": from a device's pin (of a request with a device: "50 Ω source
    # resistance RS" names no pin)
    device = re.search(r"\b[QMJD]\d|\b(?:transistor|mosfet|bjt|jfet|fet|npn|pnp|nmos|pmos|diode|zener|led)", text,
                       re.IGNORECASE)
    if nodes is None and kind in "RCL" and device:
        # The pin is named before the part, in its own phrase ("base b biased by R1 = 47k from vcc").
        phrase = max([0] + [m.end() for m in re.finditer(r"[,;]|\.(?:\s|$)", text[:name_at])])
        pins = list(re.finditer(rf"(?<![\w-])(?:{_TERMINAL_WORDS})\s+(?:(?:is\s+)?(?:at|on)\s+)?" + _NODE.format("a"),
                                text[phrase:name_at], re.IGNORECASE))
        pin = pins[-1] if pins else None
        # Its far end: in its own phrase after its name ("R2 = 10k to ground"), else between the pin and
        # the name ("drain d to VDD = 5 V through RD = 1k").
        far_end = r"\b(?:up\s+to|to|from)\s+" + _NODE.format("b")
        far = (re.search(far_end, text[name_at:stop].split(",")[0], re.IGNORECASE)
               or re.search(far_end, text[phrase + pin.end():name_at], re.IGNORECASE)) if pin else None
        # ("tied to a 6 V supply VDD through RD": the supply's node, named after it, not the article)
        supply = re.match(r"\s*(?:[-+]?[\d.]+\s*[a-zA-Z]*\s+)?(?:dc\s+)?(?:supply|rail|source|battery)\s+"
                          r"(?P<s>V[A-Z0-9_]*)\b",
                          far.string[far.end():]) if far and _article(far, "b") else None
        if pin and supply:
            nodes = (_node(pin["a"]), supply["s"].lower())
        elif pin and far and not ({pin["a"].lower(), far["b"].lower()} & _NOT_NODES) and not _value_word(far, "b") \
                and not _article(far, "b"):
            nodes = (_node(pin["a"]), _node(far["b"]))
    across = re.search(r"\bacross\s+(?:the\s+)?(?:node\s+)?(?P<a>[a-z_]\w*)\b(?!\s+and\b)",
                       clause[max(0, name_at - start):], re.IGNORECASE) if nodes is None and kind in "RCLD" else None
    if across is None and nodes is None and kind == "R" and re.search(r"\bload\s+$", clause[:max(0, name_at - start)]):
        # "a 50 Ω load RL at out": a load hangs from its node to ground
        across = re.match(rf"{re.escape(name)}\s+(?:at|on)\s+(?:the\s+)?(?:node\s+)?(?P<a>[a-z_]\w*)\b(?!\s+and\b)",
                          clause[max(0, name_at - start):], re.IGNORECASE)
    if across is None and nodes is None and kind == "R":  # "RXS = 100 ohm load on xs": so too, said after its value
        across = re.match(rf"{re.escape(name)}\s*(?:=|:|\bis\b)?\s*[\d.]+\s*(?:[kKmM]|meg)?\s*(?:ohms?|Ω)?\s+"
                          r"(?:resistive\s+)?load\s+(?:at|on)\s+(?:the\s+)?(?:node\s+)?(?P<a>[a-z_]\w*)\b(?!\s+and\b)",
                          clause[max(0, name_at - start):], re.IGNORECASE)
    if across and not _DESIGNATOR.fullmatch(across["a"]) and not (_not_node(across, "a") and not (
            across["a"].lower() in NODE_LIKE
            and re.match(r"\s+to\s+(?:ground|gnd|0)\b", across.string[across.end():]))) \
            and not re.fullmatch(r"[RCLDQM]\d+", across["a"], re.IGNORECASE) \
            and across["a"] not in {m["name"] for m in _DESIGNATOR.finditer(text)}:  # "CF across RF": a part's name
        nodes = (_node(across["a"]), "0")  # "RL = 1k across sec": from that node to ground (across C1: _beside)
    if nodes is None and kind in "RCLD":  # "between in and out sits R4 = 10k", "from e to ground, RE = 500"
        nodes = _pair_before(text, name_at) or _tied_through(text, name_at) or _through_from(text, name_at, clause)
    headed = _HEADING_NODE.search(text[:name_at]) if nodes is None and kind in "RCLD" else None
    if headed and re.search(r"\bto\s+(?:ground|gnd)\b", clause[max(0, name_at - start):], re.IGNORECASE) \
            and not re.search(r"[.;]\s", text[headed.end():name_at]):
        nodes = (_node(headed["n"]), "0")  # "Tank on node tank: L3 = 2.2 uH to ground": from the node the heading names
    if nodes is None and kind in "RCLD":  # "From bat, a 10 ohm resistor RSENSE runs to node load"
        first = re.search(r"\bfrom\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s*,\s*(?:[\w.]+\s+){0,6}$",
                          text[max(0, name_at - 80):name_at], re.IGNORECASE)
        # ("From ant, R4 (10k) goes to ro": its aside between)
        # ("From clk, R2 = 2.2k goes to node ramp": its value between)
        then = re.match(r"\s*(?:\([^()]*\)\s*|(?:=|:|\bis\b)\s*[-+]?\.?\d[\w.]*\s*(?:ohms?|Ω|F|H)?\s+)?(?:\w+\s+)?to\s+"
                        + _NODE.format("b"),
                        clause[name_at - start + len(name):], re.IGNORECASE)
        if first and then and not _not_node(first, "a") and not _not_node(then, "b", True) \
                and not _article(then, "b") and not _value_word(then, "b"):
            nodes = (_node(first["a"]), _node(then["b"]))
    if nodes is None and kind in "RCL":
        # (a terse item opens with its name: "R4: vin to mid, 2k2"; "put RT = 220 Ω there" is prose)
        terse = _terse_ends(clause, name, [value] if value else []) if clause.lstrip().startswith(name) else None
        nodes = _clause_ends(clause, name) or terse or _walked_to(text, start, clause, name)
    if nodes and name.lower() in nodes and not (name != name.lower() and re.search(
            rf"(?<![\w.]){re.escape(name.lower())}(?![\w.])", clause)):  # ("CPL 47n from cpl to ground": a node so
        nodes = tuple(None if n == name.lower() else n for n in nodes)  # called, in its own case, is a node)
    if kind in "EGHFKS":  # a coupling names its inductors after its own name: its words run to the sentence end
        end = re.compile(r"[;]|\.(?:\s|$)").search(text, name_at)
        words = text[name_at + len(name):end.start() if end else len(text)] if kind == "K" else \
            clause[name_at - start + len(name):]
        # "H5: 500 ohms, controlled by the current in VS; output from o to ground": its output, said next
        # ("E1 is a VCVS of gain 10; it drives node eo from the voltage at ei": "it" is the source)
        output = re.match(r";\s*(?:it\b|(?:its\s+|the\s+)?outputs?\b)[^;]*?(?=;|\.(?:\s|$)|$)", text[stop:])
        if kind in "EGHF" and output and not _DESIGNATOR.search(output[0]):
            words, clause = words + output[0], clause + output[0]
        return _controlled(clause, kind, name, words, nodes, value)
    if kind == "B":  # "B1 from bo to ground with V = 0.5*v(bi)*v(bi)": a behavioural source by its law
        law = re.search(r"(?<![\w.])(?P<q>[VI])\s*=\s*(?P<e>[\w().*/+\-^ ]*?[\w)])\s*$", clause)
        if law is None or nodes is None or not re.search(r"[vi]\(", law["e"], re.IGNORECASE):
            return None
        return ElementConstraint(clause.strip(" ,;"), kind, name, nodes,
                                 params=(f"{law['q'].upper()}={law['e'].replace(' ', '')}",))
    if value is None and nodes is None and not sizes and (_NAMING.search(text, 0, name_at) or _POLARITY_ASIDE.match(
            text, name_at + len(name))) \
            and re.match(rf"(?:{_NOT_ANOTHER}.)*$", text[max(0, name_at - 40):name_at], re.IGNORECASE | re.DOTALL):
        return ElementConstraint(clause.strip(" ,;"), kind, name)  # "an LED (call it D2)": the part's name alone
    if kind == "X":  # "an ideal op-amp XU1": the circuit's op-amp, by that name
        return ElementConstraint(clause.strip(" ,;"), kind, name)
    if value is None and nodes is None and not sizes:  # ("PMOS M2 W=20u L=1u": a device by its size alone)
        return None
    return ElementConstraint(clause.strip(" ,;"), kind, name, nodes,
                             value.value if value else None, value.text if value else None,
                             params=_initial_condition(clause[max(0, name_at - start):], kind) + sizes
                             + _temperature_coefficients(clause[max(0, name_at - start):], kind))


def _clause_ends(clause: str, name: str) -> tuple[str, str] | None:
    """A passive part's two ends where no phrase of its own placed it: the two names in its clause that the request
    marks as nodes elsewhere ("node src feeds flt through R2", "R6 = 1k feeds pa from node vdd", "C3 ... to ground")."""
    ends = []
    for m in re.finditer(r"(?<![\w.\-(])[a-z_]\w*\b(?![(\-])(?!\s+(?:series|parallel)\b)", clause, re.IGNORECASE):
        word = m[0].lower()
        if re.search(r"\b(?:inputs?|outputs?|supply|rail|in|out)\s+(?:node\s+)?(?:is\s+|at\s+|on\s+)?$",
                     clause[:m.start()], re.IGNORECASE):
            continue  # "C7 = 47 nF, input node x, output node y": the ports the request names, not the part's ends
        if word in VOCABULARY_GROUND:
            ends.append("0")
        elif word != name.lower() and not _DESIGNATOR.fullmatch(m[0]) and (
                called(word) or marked(word) and word not in FUNCTION | ROLES):  # (a part's end "to load")
            ends.append(_node(word))
    ends = list(dict.fromkeys(ends))
    if len(ends) == 1:  # one end known, the other said "from x"/"to x" once: "R2 of 10k feeds out from vin"
        other = [_node(m["x"]) for m in re.finditer(r"\b(?:from|to|into)\s+(?:node\s+)?(?P<x>[a-z_]\w*)\b", clause,
                                                   re.IGNORECASE)
                 if m["x"].lower() not in NOT_NODES | IDIOMS | {"a", "an"} and not _value_word(m, "x")
                 and not _DESIGNATOR.fullmatch(m["x"]) and _node(m["x"]) not in ends]
        ends += other[:1] if len(other) == 1 else []
    return (ends[0], ends[1]) if len(ends) == 2 else None


def _walked_to(text: str, start: int, clause: str, name: str) -> tuple[str, str] | None:
    """A part joined "into" a chain: "... on node a into R3 (4.7k) into node mid": from the node the sentence was at
    before it to the node it goes into."""
    m = re.search(r"\b(?:into|to|reaching)\s+(?:the\s+)?(?:\w+\s+)?(?:node\s+)?(?P<x>[a-z_]\w*)\b(?!\s+node\b)",
                  clause[clause.find(name) + len(name):],
                  re.IGNORECASE)
    if not re.match(r"\s*(?:into|then|through|via)\b", clause, re.IGNORECASE) or m is None \
            or not (called(m["x"]) or marked(m["x"])):
        return None
    before = text[_sentence(text, start)[0]:start]
    at = [w for w in re.findall(r"(?<![\w.\-])[a-z_]\w*\b", before, re.IGNORECASE)
          if (called(w) or marked(w)) and w.lower() not in FUNCTION | ROLES and not _DESIGNATOR.fullmatch(w)]
    return (_node(at[-1]), _node(m["x"])) if at and _node(at[-1]) != _node(m["x"]) else None


# "an LED (call it D2)", "the diode, named D4", "a transistor labelled Q7", "call the capacitor CF", "feedback resistor
# RFB": words that give a part its name (the part of the circuit that the words, or that part's kind alone, say)
_PART_KIND = r"(?:resistor|capacitor|cap|inductor|coil|choke|diode|led|zener|transistor|mosfet|bjt|jfet)"
# (a part added to the circuit's own is no part of it to name: "and a second diode, call it D2")
_NOT_ANOTHER = r"(?!(?:another|second|third|extra|additional|spare|separate|other|more)\b)"
# "Q7 (NPN, BF=150) with ...", "R3 (top) and R4 (bottom)": a part named with its polarity or its place in the aside
_POLARITY_ASIDE = re.compile(r"\s*\(\s*(?:(?:npn|pnp|nmos|pmos|n-?channel|p-?channel)\b"
                             r"|(?:top|bottom|upper|lower)\s*\))", re.IGNORECASE)
_NAMING = re.compile(r"(?:\b(?:call(?:ed)?|name[sd]?|label(?:l?ed)?|designated)(?:\s+(?:it|this|that|this\s+one))?"
                     rf"|\b(?:call|name|label)\s+(?:the\s+|its\s+|that\s+)?(?:[\w-]+\s+)?{_PART_KIND}"
                     rf"|\b(?:the|its)\s+{_NOT_ANOTHER}(?:[a-z][\w-]*\s+)?{_PART_KIND}"
                     r"|\b(?:npn|pnp|nmos|pmos|n-channel|p-channel)(?:\s+(?:transistor|mosfet|bjt|jfet|fet))?"
                     rf"|(?<!\ba\s)(?<!\ban\s)\b(?!(?:an?|the|its)\b){_NOT_ANOTHER}[a-z][\w-]*\s+{_PART_KIND}"
                     # ("LED driver: LED D3 lit at 10 mA": its kind's word alone before it; "... through R5": the
                     # part the current goes through)
                     rf"|(?:^|[:;,(]\s*){_PART_KIND}|\b(?:through|via)(?:\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?resistor)?)\s*"
                     r"(?:as\s+)?[:,]?\s*$", re.IGNORECASE)


_DEVICE_NAMED = re.compile(r"(?<![\w.\-])[DQMJ]\w*\d\w*\b|\b(?:transistor|mosfet|bjt|jfet|npn|pnp|nmos|pmos|diode|"
                           r"zener|led)s?\b", re.IGNORECASE)


def _pins_after(text: str, name_at: int, hi: int) -> int:
    """Where a device's statement ends: its sentence, or, when that names none of its pins ("Q2: NPN, BF=150,
    IS=1e-14. Collector on node c ..., base on node b ..."), the sentences after it that place pins and name no
    other device."""
    if re.search(rf"\b(?:{_TERMINAL_WORDS})\b", text[name_at:hi], re.IGNORECASE):
        return hi
    while hi < len(text):
        end = re.compile(r"\.(?:\s|$)").search(text, hi + 1)
        nxt = end.start() if end else len(text)
        if _DEVICE_NAMED.search(text, hi + 1, nxt) or not re.search(rf"\b(?:{_TERMINAL_WORDS})\b", text[hi:nxt],
                                                                  re.IGNORECASE):
            break
        hi = nxt
    return hi


# Two devices stated together ("Q1 and Q2 are NPNs") and their pins in the plural: "bases on inp and inn" gives each
# its own node in the order named, "emitters joined at tail" one node to both.
_DEVICE_PAIR = re.compile(r"\b(?P<a>[QMJ]\w*\d\w*)\s*(?:,|\band\b|&)\s*(?P<b>[QMJ]\w*\d\w*)\b")


def _paired_pins(sentence: str, name: str, kind: str, found: dict[int, str]) -> None:
    pair = next((m for m in _DEVICE_PAIR.finditer(sentence) if name in (m["a"], m["b"])
                 and m["a"][0] == m["b"][0] == kind), None)
    if pair is None:
        return
    for i, words in enumerate(_TERMINALS[kind]):
        plural = "|".join(f"{w}s" for w in words.split("|"))
        m = re.search(rf"\b(?:{plural})\s+(?:are\s+)?(?:(?:joined|tied|connected|common)\s+)?(?:(?:at|on|to)\s+)?"
                      r"(?:nodes?\s+)?(?P<x>[a-z_]\w*)\b(?:\s*(?:and|,)\s*(?:node\s+)?(?P<y>[a-z_]\w*)\b)?",
                      sentence, re.IGNORECASE)
        if i in found or not m or m["x"].lower() in _NOT_NODES - GROUND:
            continue
        other = m["y"] if m["y"] and m["y"].lower() not in _NOT_NODES else None  # ("at tail, bases ...": one node)
        found[i] = _node(m["x"] if other is None or name == pair["a"] else other)


_LENGTH_UNITS = {"µm": "u", "μm": "u", "um": "u", "nm": "n", "mm": "m"}


def _length(said: str) -> str:
    """A channel's width or length as SPICE reads it: "10 µm" is 10u (SPICE would read "10 um" as 10 and a stray
    word), "2u" and "0.18um" stay as written."""
    m = re.fullmatch(r"(?P<n>[\d.eE+-]+)\s?(?P<u>[µμu]m|nm|mm)", said)
    return f"{m['n']}{_LENGTH_UNITS[m['u'].replace('μ', 'µ')]}" if m else said


_OPAMP = re.compile(r"\b(?:op-?amps?|operational\s+amplifiers?)\b", re.IGNORECASE)
# (not "an op-amp output stage" or "output buffer": the noun the word qualifies; nor "whose output feeds back to":
# a verb)
_OPAMP_OUTPUT = re.compile(r"\boutput\s+(?!(?:stages?|buffers?|drivers?|sections?|transistors?|feeds?|feeding|fed|"
                           r"goes|going|drives?|swings?|connects?|connected|returns?|ties|tied|sits|stays|can|must|"
                           r"should|will)\b)"
                           r"(?:(?:is\s+)?(?:at|on)\s+)?(?:node\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)
# an input pin then its node, with or without a linking word ("inverting input sj", "- input at fb", "(+) grounded")
_LINK = r"(?:at|on|to|tied\s+to|connected\s+to)\s+"
_PIN_NODE = (rf"\s*(?:(?:input|in|terminal|pin)\s+(?:is\s+)?(?:{_LINK})?|(?:is\s+)?{_LINK}|(?<=\))\s*)(?:node\s+)?"
             r"(?P<n>[a-z_]\w*)\b")
_OPAMP_PLUS = re.compile(r"(?:(?<![\w+-])\(?\+\)?|\b(?:plus|positive|non-?inverting))" + _PIN_NODE, re.IGNORECASE)
_OPAMP_MINUS = re.compile(r"(?:(?<![\w+-])\(?[-\u2212]\)?|\b(?:minus|negative|(?<!non-)(?<!non)inverting))" + _PIN_NODE,
                          re.IGNORECASE)


def _opamp_pins(text: str) -> tuple[str | None, str | None, str | None] | None:
    """The pins of the request's one op-amp, read from its own statement, the words from "op-amp" to its sentence's
    end ("op-amp + input at x, - input at fb, output y", "Op-amp: non-inverting input on sig, inverting input on fb,
    output out"); None when the request names no op-amp, more than one, or none of its pins."""
    said = list(_OPAMP.finditer(text))
    if len(said) != 1 or said[0][0].lower().endswith("s"):  # "two op-amps": which one a pin is, is unsure
        return None
    end = re.compile(r"[;]|\.(?:\s|$)").search(text, said[0].end())
    words = text[said[0].end():end.start() if end else len(text)]
    pins = []
    for pattern in (_OPAMP_PLUS, _OPAMP_MINUS, _OPAMP_OUTPUT):
        m = pattern.search(words)
        pins.append(_node(m["n"]) if m and m["n"].lower() not in _NOT_NODES - GROUND and not _article(m, "n")
                    else None)
    return (pins[0], pins[1], pins[2]) if any(pins) else None


def _temperature_coefficients(words: str, kind: str) -> tuple[str, ...]:
    """A resistor's TC1= and TC2= ("R1 = 1k with tc1 = 0.004"): what a temperature sweep changes it by."""
    return tuple(f"{m[1].upper()}={m[2]}" for m in re.finditer(
        r"\b(tc[12])\s*=\s*([-+]?\d*\.?\d+(?:e[-+]?\d+)?)(?![\w.])", words, re.IGNORECASE)) if kind == "R" else ()


def _initial_condition(words: str, kind: str) -> tuple[str, ...]:
    """The IC= a capacitor's (in volts) or an inductor's (in amperes) statement gives it, as SPICE writes it."""
    m = _INITIAL.search(words) if kind in "CL" else None
    said = next(iter(_quantities(m["ic"] or m["v"] or m["x"])), None) if m else None
    fits = said is not None and said.unit in ("", "V" if kind == "C" else "A")
    return (f"IC={said.value:g}",) if said is not None and fits else ()


def _pair_before(text: str, name_at: int) -> tuple[str, str] | None:
    """The nodes a phrase of their own places a part between just before its name, in the same sentence and after
    the part before it: "between in and out sits R4", "and from out to ground C4 = 1n", "from e to ground, RE"."""
    sentence = max([0] + [m.end() for m in re.finditer(r";|\.(?:\s|$)", text[:name_at])])
    lo = max([sentence] + [m.end() for m in _DESIGNATOR.finditer(text, 0, name_at)])
    phrases = re.split(r"[,:]", text[lo:name_at])
    said = next((s for s in reversed(phrases) if s.strip()), "")
    # ("Between fork and ground, a 22 nF capacitor named CF", "From node src to node fork, resistor RS of 4.7k": the
    # ends in the phrase before the part's own words, its value, noun and "named")
    if len(phrases) >= 2 and said is phrases[-1] and _OWN_WORDS.fullmatch(said) and _ENDS_FIRST.match(phrases[-2]):
        said = phrases[-2]
    if said is phrases[0] and lo > sentence:
        return None  # "D1 from in to out, RL = 1k": the part before's own place
    said = re.sub(r"^\s*(?:and|then|with|plus)\s+", "", said, flags=re.IGNORECASE)
    # ("between in and out goes a 2.2 nF capacitor C1": the part's own value may follow the ends, not stand in them)
    # ("in series between a and b: L4 = 1 mH": how it is placed may come first)
    ends = re.match(r"\s*(?:(?:in\s+(?:series|parallel)|connected|placed|put|wired)\s+)?(?:from|between|across)\s+"
                    r"(?:nodes?\s+)?\S+\s+(?:\S+\s+)?(?:to|and|into)\s+(?:node\s+)?\S+", said, re.IGNORECASE)
    # ("sum to out2: R5, 2k2": the two ends alone, a heading its colon sets off right before the part's name)
    # ("tank, ground: LTANK 47uH": the two set apart by a comma)
    bare = re.fullmatch(r"\s*(?:node\s+)?(?P<a>[a-z_]\w*)\s*(?:\s(?:to|and)\s|->|\u2192|,)\s*(?:node\s+)?"
                        r"(?P<b>[a-z_]\w*)\s*:\s*", text[lo:name_at], re.IGNORECASE)
    if not ends and bare \
            and not {bare["a"].lower(), bare["b"].lower()} & (_NOT_NODES | GROUND) - {"ground", "gnd"}:
        return _node(bare["a"]), _node(bare["b"])
    if not ends or _quantities(said[:ends.end()]):
        return None
    return _pair(said, 0)


# A part's own words before its name, no place: "a 22 nF capacitor named", "resistor", "the 1k load called"
_OWN_WORDS = re.compile(r"\s*(?:(?:and|then|plus|put|place|add)\s+)?(?:an?\s+|the\s+)?(?:[\d.]+\s*[a-zA-Zµ\u03a9]*\s+)?"
                        r"(?:resistor|capacitor|cap|inductor|coil|diode|load)?\s*(?:(?:named|called|labell?ed)\s*)?",
                        re.IGNORECASE)
_ENDS_FIRST = re.compile(r"\s*(?:(?:and|then)\s+)?(?:from|between|across)\s+(?:nodes?\s+)?\S+\s+(?:\S+\s+)?"
                         r"(?:to|and|into)\s+(?:node\s+)?\S+\s*$", re.IGNORECASE)


# "Parallel tank on node tank: L3 = ... to ground and C5 = ... to ground": the node a heading names, its parts on it
_HEADING_NODE = re.compile(r"\b(?:on|at)\s+(?:the\s+)?node\s+(?P<n>[a-z_]\w*)\s*:[^:]*$", re.IGNORECASE)


# "collector is node out, tied to vcc = 10 V through a 5k load RL": the part between the two nodes
# "VP drives p1 through RSRC (1 ohm) from node drv": the node said before "through", then the far end after the part
_THROUGH_BEFORE = re.compile(r"\b(?:drives?|driving|feeds?|feeding|reaches|pushes|sends)\s+(?:the\s+)?(?:node\s+)?"
                             # ("VX drives x1 with AC 1 V through RSX": its wave said between)
                             r"(?P<b>[a-z_]\w*)\s+(?:with\s+(?:[^,;.()]|\.\d){0,30}?\s+)?(?:through|via)\s+"
                             r"(?:the\s+|an?\s+)?(?:resistor\s+)?$", re.IGNORECASE)


def _through_from(text: str, name_at: int, clause: str) -> tuple[str, str] | None:
    """A part named after "X through" with its other end "from Y" in its own words: from Y to X."""
    near = _THROUGH_BEFORE.search(text, max(0, name_at - 80), name_at)
    far = re.search(r"\bfrom\s+(?:node\s+)?(?P<a>[a-z_]\w*)\b(?!\s+(?:to|and)\b)", clause, re.IGNORECASE)
    if near and far and not _not_node(near, "b") and not _not_node(far, "a") and not _value_word(far, "a") \
            and _node(near["b"]) != _node(far["a"]):
        return _node(far["a"]), _node(near["b"])
    return None


# ("node left connects to node right through R12 (2.2k)": any tense of the verbs that join two nodes)
_TIED_THROUGH = re.compile(r"\b(?:node\s+)?(?P<a>[a-z_]\w*),?\s+(?:is\s+)?"
                           r"(?:tie[sd]|connect(?:s|ed)|joins?|joined|links?|linked|returns?|returned|goes|runs|"
                           r"pulled\s+up)\s+"
                           r"to\s+"
                           r"(?:the\s+)?(?:node\s+)?(?P<b>[a-z_]\w*)(?:\s*(?:=|at)\s*[-+\d.]+\s*[a-zA-Z]*)?\s+"
                           r"(?:through|via)\s+(?:an?\s+|the\s+)?(?:[\d.]+\s*[a-zA-ZΩµ]*\s+)?(?:[a-z]+\s+)?$",
                           re.IGNORECASE)


def _tied_through(text: str, name_at: int) -> tuple[str, str] | None:
    """The two nodes a part ties together in the words just before its name ("out, tied to vcc through RL")."""
    m = _TIED_THROUGH.search(text, max(0, name_at - 120), name_at)
    if m is None or _not_node(m, "a") or _not_node(m, "b") or _article(m, "a") or _article(m, "b"):
        return None
    return _node(m["b"]), _node(m["a"])


_OUT_NODE = re.compile(r"\b(?:outputs?(?:\s+it)?|driv(?:es|ing)|into|puts?\s+(?:it|that|the\s+result)|makes?|"
                       r"forces?|sets?|produc(?:es|ing)|deliver(?:s|ing)(?:\s+to)?|feed(?:s|ing))\s+"
                       r"(?:a\s+voltage\s+)?"
                       r"(?:at\s+|on\s+)?(?:the\s+)?"
                       # ("its output runs from node go to ground": a verb, its ends follow)
                       r"(?:output\s+)?(?:node\s+)?(?!(?:from|between|across|runs?|goes|sits?|is|connects?)\b)"
                       r"(?P<n>[a-z_]\w*)\b(?!\s*(?:\(\s*\+\s*\)\s*)?(?:to|and)\s)"  # ("output a to b": its two ends)
                       r"|(?<![\w.])v\(\s*(?P<v>[a-z_]\w*)\s*\)\s*=", re.IGNORECASE)  # "v(out) = 1000 x ..."
# "5 mS times v(in)", "gain x v(a, b)": the controlling voltage written as a probe
_CONTROL_PROBE = re.compile(r"(?<![\w.])v\(\s*(?P<n>[a-z_]\w*)\s*(?:,\s*(?P<m>[a-z_]\w*)\s*)?\)(?!\s*=)",
                            re.IGNORECASE)
# A VCVS's control inputs one by one: "its + control input at in, its - control input tied to out"
_CONTROL_INPUT = (r"(?:control\s+)?(?:(?:input|terminal|pin|side)?\s*(?:is\s+)?(?:at|on|to|tied\s+to|connected\s+to)\s+"
                  r"(?:node\s+)?|(?:input|terminal|pin|side)\s+(?:is\s+)?node\s+)"  # ("+ input node ip": node said)
                  r"(?P<n>[a-z_]\w*)\b")
_PLUS_INPUT = re.compile(r"(?:(?<![\w+-])\+|\b(?:plus|positive|non-?inverting))\s*" + _CONTROL_INPUT, re.IGNORECASE)
_MINUS_INPUT = re.compile(r"(?:(?<![\w+-])[-\u2212]|\b(?:minus|negative|(?<!non-)(?<!non)inverting))\s*"
                          + _CONTROL_INPUT, re.IGNORECASE)
_CONTROL_NODE = re.compile(r"\b(?:(?:controlled\s+by|sens(?:es|ing)|from|across)\s+(?:the\s+)?"
                           r"(?:voltage\s+(?:at|of|on|between|across|from)\s+(?:nodes?\s+)?)?"
                           # "its control voltage taken at node ctl"
                           r"|voltage\s+(?:(?:taken|sensed|measured|read)\s+)?(?:at|of|on|between|across|from)\s+"
                           r"(?:nodes?\s+)?"
                           # ("input between i and 0": its control's two ends)
                           r"|(?:control(?:ling)?\s+)?inputs?\s+(?:is\s+|are\s+)?(?:at|on|across|between)\s+"
                           r"(?:nodes?\s+)?"
                           # ("input ei to ground", "control terminals a (+) and b (-)": a pair by its role word)
                           r"|(?:control(?:ling)?\s+)?(?:inputs?|terminals?)\s+(?=[a-z_]\w*\s*(?:\(\s*\+\s*\)\s*)?"
                           r"(?:to|and)\s)"
                           # ("control node ctl against ground": the node its control is, then what it is against)
                           r"|control(?:ling)?\s+(?:nodes?|inputs?)\s+(?:is\s+|at\s+|on\s+)?(?=(?:node\s+)?\w+\b))"
                           # "by v(in)": a probe
                           r"(?:the\s+)?(?:input\s+)?(?:node\s+)?(?!voltage\b)(?P<n>[a-z_]\w*)\b(?!\()"
                           r"(?:\s*(?:\(\s*\+\s*\)\s*)?\s+(?:and|to|against|versus|vs\.?|minus|(?:relative|referred)\s+to)\s+"
                           r"(?:node\s+)?(?P<m>[a-z_]\w*))?",
                           re.IGNORECASE)
def _output_ends(after: str) -> tuple[str, str] | None:
    """The output ends its role word gives a controlled source or a switch, n+ first."""
    m = _OUTPUT_ENDS.search(after)
    if m is None or any(_not_node(m, g) or _article(m, g) or _value_word(m, g) for g in ("a", "b")):
        return None
    return _node(m["a"]), _node(m["b"])


# "output terminals are go and ground", "contacts: sw and 0": a controlled source's or a switch's output ends by their
# role word
_OUTPUT_ENDS = re.compile(r"\b(?:outputs?|contacts?|switched\s+terminals?)(?:\s+(?:terminals?|pins?|side))?\s*"
                          r"(?:are|is|:|=|sit\s+(?:on|at))?\s*(?:(?:between|from|across|on|at)\s+)?(?:nodes?\s+)?"
                          r"(?P<a>[a-z_]\w*)\s*(?:\(\s*\+\s*\)\s*)?\s+(?:and|to)\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b",
                          re.IGNORECASE)


_CARD_NODE = r"(0|[a-z_][a-z0-9_]*)"
_CARD_NODES = re.compile(r"\s+" + r"\s+".join([_CARD_NODE] * 4) + r"(?=\s*(?:[,;)]|\.(?:\s|$)|$|[-+]?\.?\d))")


def _controlled(clause: str, kind: str, name: str, after: str, nodes: tuple[str | None, ...] | None,
                value: _Q | None) -> ElementConstraint | None:
    """A controlled source or a coupling, as its words state it: "E1 with gain 10 from input node a to
    output node b", "G1: a transconductance of 2 mS controlled by node in, driving output node out",
    "H1 outputs at node out 500 ohms times the current through VSENSE", "K1 couples L1 and L2 with k = 0.99"."""
    text = clause.strip(" ,;")
    if kind == "K":
        coupled = re.search(r"\b(L\w+)(?:\s*(?:,|and|&|to|with)\s*|\s+)(L\w+)\b", after)
        # "K1 couples L1 and L2 with k = 0.95", "K1 = 0.98 between them", "K1 L1 L2 0.95" (as SPICE writes it)
        # ("K5 couples LPRI and LSEC with 0.95": the coefficient after the inductors it couples)
        k = re.search(r"(?:\b(?:k|coupling(?:\s+coefficient)?)|^|(?<=^ )L\w+\s+L\w+|\bL\w+\s+(?:with|by|at))\s*"
                      r"(?:of|=|:|is)?\s*"
                      r"(?P<v>0?\.\d+|1(?:\.0*)?)(?![\w.])", after, re.IGNORECASE)
        # "between them": the inductors are read from the rest of the request (_coupled_pair)
        return ElementConstraint(text, "K", name, None, float(k["v"]), k["v"], (coupled[1], coupled[2]) if coupled
                                 else ()) if k else None
    if kind == "S":  # "switch S1 between out and ground, controlled by node ctl": its ends, then its control
        ends = _pair(after, 0) or _output_ends(after)
        # "controlled by v(ctl)" (a probe), else a control node that is not one of its own ends ("from out to ground")
        control = _CONTROL_PROBE.search(after) or next(
            (m for m in _CONTROL_NODE.finditer(after) if m["n"].lower() not in _NOT_NODES and not _article(m, "n")
             and not _value_word(m, "n") and not (ends and _node(m["n"]) in ends)), None)
        ctl = (_node(control["n"]), _node(control["m"]) if control["m"] else "0") if control else (None, None)
        return ElementConstraint(text, "S", name, ends + ctl if ends else None) if ends or control else None
    # (a current "into ground" is its return, not the node it drives)
    out = next((m["n"].lower() if m["n"] else m["v"].lower() for m in _OUT_NODE.finditer(after)
                if m["v"] or (m["n"].lower() not in _NOT_NODES | GROUND | PORT_NOUNS and not _article(m, "n")
                              and not _value_word(m, "n"))),
               None)
    refs: tuple[str, ...] = ()
    placed: tuple[str | None, ...] | None
    # "gain of 20", "gain 100k", "current gain 3": the first plain figure after the word
    gain = next((q for g in re.finditer(r"\bgain\s*(?:of|=|:|is)?\s*", after, re.IGNORECASE)
                 for q in _quantities(after[g.end():])[:1] if q.start == 0 and not q.unit), None)
    # "50 times the current in VSENSE", "4 times the VSENSE current", "25 x v(x)", "multiplies the voltage at x by 25":
    # the figure as a factor
    times = re.search(r"(?<![\w.])(?P<q>[\d.]+(?:[eE][-+]?\d+)?\s*(?:meg|[kKmunpµ])?)\s*(?:times|x|×)\s+"
                      r"(?:the\s+)?(?:V\w*(?:'s)?\s+(?=current))?(?:current|voltage|[vi]\()"
                      r"|\bmultipl(?:y|ies|ying)\b[^;]*?\bby\s+(?P<by>[\d.]+(?:[eE][-+]?\d+)?\s*(?:meg|[kKmunpµ])?)(?![\w.])",
                      after, re.IGNORECASE)
    factor = next(iter(_quantities(times["q"] or times["by"])), None) if times else None
    gain = gain or (factor if factor and not factor.unit else None)
    # A controlled current source pushes its current into the node it drives (from ground to that node),
    # unless it draws it out ("sinks its current from out"); a voltage source's + end is its node.
    sinks = re.search(r"\b(?:sinks?|sinking|draws?|drawing|pulls?|pulling)\b", after, re.IGNORECASE)

    def at(node: str | None) -> tuple[str | None, str | None]:
        return (node, "0") if kind in "EH" or sinks else ("0", node)
    drawn = re.search(r"\b(?:from|out\s+of)\s+(?:the\s+)?(?:node\s+)?(?P<n>[a-z_]\w*)\b", after[sinks.end():],
                      re.IGNORECASE) if sinks and kind in "FG" else None
    out = out or (drawn["n"].lower() if drawn and drawn["n"].lower() not in _NOT_NODES else None)
    if kind in "HF":
        # its output: the ends its words place it on ("output from o to ground"), else, its control being a current,
        # a node it is "at" ("100 ohms times the current through VM at node out")
        ends = _pair(after, 0) if out is None else None
        out = out or (None if ends else next((_node(m["n"]) for m in re.finditer(
            r"\b(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b(?!\()", after, re.IGNORECASE)
            if m["n"].lower() not in _NOT_NODES and not _article(m, "n") and not _value_word(m, "n")), None))
        sensed = re.search(r"\b(?:current\s+(?:through|in|of)|controlled\s+by|sens(?:es|ing))\s+(?:the\s+)?"
                           r"(?:current\s+(?:through|in|of)\s+(?:the\s+)?)?(?:source\s+|ammeter\s+)?(?!voltage\b)(?P<v>V\w*)"
                           # "the VSENSE current", "i(VAM)": the source named before its current, or probed
                           r"|(?<![\w.])(?P<w>V\w*)(?:'s)?\s+current\b|\bi\(\s*(?P<p>V\w*)\s*\)",
                           after, re.IGNORECASE)
        refs = (sensed["v"] or sensed["w"] or sensed["p"],) if sensed else ()
        ohms = next((q for q in _quantities(after) if q.unit == "ohm" or (  # "with 2k of transresistance"
            not q.unit and q.scaled and re.match(r"\s*(?:of\s+)?trans-?(?:resistance|impedance)", after[q.end:]))
            or (not q.unit and re.search(r"trans-?(?:resistance|impedance)\s*(?:of|=|:|is)?\s*$", after[:q.start],
                                         re.IGNORECASE))),  # "transresistance 2k"
                    None)
        said = ohms if kind == "H" and ohms else gain
        figure, words = (said.value, said.text) if said else (None, None)
        placed = at(out) if out else ends  # as SPICE writes them, n+ then n-
    else:
        # "G1 from out to ground controlled by v(in)": its output ends as SPICE writes them, n+ then n-; not those
        # of what it senses ("E1 senses the voltage from a to b")
        pair_at = re.search(r"\b(?:from|between)\s", after)
        senses = pair_at and re.search(r"\b(?:sens\w*|controlled\s+by|voltage|measur\w*)\b",
                                       re.sub(r"\b\w+[- ]controlled(?:\s+(?:voltage|current)\s+source)?\b", "",
                                              after[:pair_at.start()]), re.IGNORECASE)
        ends = (_pair(after, 0) or _output_ends(after)) if out is None and not senses else None
        # the voltage it senses: a probe ("sensing v(ix)") first, else a node its words name (never ground: "pushing
        # its current from ground into ox" is its output's return)
        control = _CONTROL_PROBE.search(after) or next((
            m for m in _CONTROL_NODE.finditer(after) if m["n"].lower() not in _NOT_NODES | GROUND
            and m["n"].lower() != out and not (ends and m["n"].lower() in ends)
            and not _article(m, "n") and not _value_word(m, "n")), None)
        # "2 mS", "5 mA/V", "1 mA per volt"
        # ... or its figure after its word, its unit unsaid ("transconductance 1m")
        siemens = re.search(r"(?P<v>[\d.]+(?:[eE][-+]?\d+)?)\s*(?P<p>[munpµ]?)\s*(?:S|A/V|mhos?|A\s+per\s+volt)\b",
                            after) or re.search(
            r"\b(?:trans-?conductance|gm)\s*(?:of|=|:|is)?\s*(?P<v>\d[\d.]*(?:[eE][-+]?\d+)?)\s*(?P<p>[munpµ]?)(?![\w.])",
            after, re.IGNORECASE)
        figure, words = (gain.value, gain.text) if kind == "E" and gain else \
            (float(siemens["v"]) * {"": 1, "m": 1e-3, "u": 1e-6, "µ": 1e-6, "n": 1e-9, "p": 1e-12}[siemens["p"]],
             f"{siemens['v']}{siemens['p']}S") if kind == "G" and siemens \
            else (value.value, value.text) if value and not value.unit else (None, None)
        inputs: tuple[str | None, str | None] = \
            (_node(control["n"]), _node(control["m"]) if control["m"] else "0") if control else (None, None)
        plus, minus = _PLUS_INPUT.search(after), _MINUS_INPUT.search(after)
        if plus or minus:  # "its + control input at in, its - control input tied to out"
            inputs = (_node(plus["n"]) if plus else inputs[0], _node(minus["n"]) if minus else "0")
        placed = (ends or at(out)) + inputs if out or ends or control or plus else None
        # "out+ is eo, out- is ground, control+ is ep, control- is en": each pin by its sign
        signed = [re.search(rf"\b{word}\s*{sign}\s*(?:is|=|at|on|to|:)?\s*(?:node\s+)?(?P<n>[a-z_]\w*)", after,
                            re.IGNORECASE) for word in (r"out(?:put)?", r"(?:control|ctrl|in(?:put)?|sense)")
                  for sign in (r"\+", r"[-\u2212]")]
        if all(signed) and not any(m["n"].lower() in _NOT_NODES - GROUND for m in signed if m):
            placed = tuple(_node(m["n"]) for m in signed if m)
        # "... written G5 0 y x 0": its card, its four nodes as SPICE orders them, right after its name
        if (card := _CARD_NODES.match(after)) and not any(n.lower() in _NOT_NODES for n in card.groups()):
            placed = tuple(_node(n) for n in card.groups())
    if placed is None and nodes is None and figure is None:
        return None
    return ElementConstraint(text, kind, name, placed or nodes, figure, words, refs)  # the figure as written


_MODEL_PARAM = re.compile(r"(?<![\w.])(?P<name>IS|N|BF|BR|VAF|VA|VTO|VT0|KP|LAMBDA|GAMMA|PHI|CJO|TT|BV|IBV|VJ|EG|"
                          r"IKF|NF|CJE|CJC|TF|TOX|UO|BETA|RON|ROFF|VT|VH|LEVEL)\s*=\s*(?P<value>[-+]?[\d.]+(?:[eE][-+]?\d+)?"
                          r"(?:meg|[fpnuµmkgt])?)(?!\w|\.\d)", re.IGNORECASE)  # "BETA=1m." ends a sentence
# Written tersely, without "=", in capitals as a model card writes them: "npn BF 200 IS 1e-14"
_MODEL_PARAM_BARE = re.compile(r"(?<![\w.])(?P<name>BF|BR|VAF|IS|VTO|KP|LAMBDA|BV|IBV|CJO|TT|RON|ROFF)\s+"
                               r"(?P<value>[-+]?[\d.]+(?:[eE][-+]?\d+)?(?:meg|[fpnuµmkgt])?)(?!\w|\.\d)")
# "a diode with ideality 1", "diode emission coefficient = 1.2": the diode model's N.
IDEALITY = re.compile(r"\bdiodes?\b[^.;]{0,40}?\b(?:ideality(?:\s+factor)?|emission\s+coefficient)\s*(?:of|=|:)?\s*"
                      r"(?P<n>\d+(?:\.\d+)?)\b", re.IGNORECASE)
_MODEL_CONTEXT = re.compile(r"\bmodels?\b|\.model|\bdiodes?\b|\bzener|\bled\b|\btransistor|\bmosfet|\bbjt\b|\bnpns?\b|"
                            r"\bpnps?\b|"
                            r"\bnmos\b|\bpmos\b|\bjfet\b|\bswitch|\bD\d|\bQ\d|\bM\d|\bJ\d|\bS\d", re.IGNORECASE)

# "corner of 1 kHz", "cutoff set to 1 kHz", "gets the corner to ~1.6khz", "so the corner lands at about 3 kHz"
# ... "-3 dB (relative to DC) at 500 Hz", "3 dB below that at 2 kHz": the corner under a gain below 1 at DC
_FREQ_SPEC = re.compile(r"(?P<what>cut-?off|corner|-?\s?3\s?dB|break|knee|pole|butterworth\s+response|\bf_?c\b)"
                        r"(?:\s+(?:below|down\s+(?:from|on))\s+(?:that|it|this|(?:the\s+|its\s+)?dc(?:\s+(?:level|gain|value))?))?"
                        r"\s*(?:frequency|point|freq)?"
                        r"(?:\s*\((?:relative|with\s+respect|referred|compared)[^()]{0,30}\))?"
                        r"(?:\s+(?:(?:is\s+|be\s+)?(?:set|sits?|lands?|falls?|goes|moved|pushed|placed|put|ends?\s+up"
                        r"|comes?\s+out)\s+)?)?"
                        r"\s*(?:of|at|=|:|is|to|near|around|about)?\s*(?:about\s+|around\s+|roughly\s+|~\s*)?$",
                        re.IGNORECASE)
# "notch at", "notch filter at", "centre frequency of": the circuit's noun may stand between.
_SPEC_TAIL = (r"\s*(?:(?:filter|circuit|network|oscillator|tank)\s+)?(?:frequency)?\s*(?:of|at|on|=|:|is|near|around|"
              r"about|set\s+to|tuned\s+to)?\s*(?:about\s+|around\s+|~\s*)?$")
# "oscillator at 800 Hz", "oscillator with an op-amp at 1.2 kHz" (the device it is built from may stand between)
_OSC_SPEC = re.compile(r"(?:(?P<osc>oscillat\w*|astable|multivibrator)"
                       r"(?:\s+(?:with|using|from)\s+(?:an?|one)\s+[\w-]+)?"
                       r"(?:\s*,)?|run(?:s|ning)?|"  # "Wien-bridge oscillator, 10 kHz": its own frequency
                       r"ringing|frequency|f0)" + _SPEC_TAIL, re.IGNORECASE)
# "f0 = 2 kHz", "natural frequency of 1 kHz" in a filter (_FILTER): which frequency depends on its kind
_F0_SPEC = re.compile(r"(?:\b[fF][0o]|\u03c9[0o]|natural\s+frequency|undamped\s+frequency)" + _SPEC_TAIL)
_FILTER = re.compile(r"\bfilter|\b(?:low|high|band)[- ]?pass|\b[lhbs]pf\b|\bnotch|\bband-?stop|\bsallen|\bbiquad",
                     re.IGNORECASE)
_BANDPASS = re.compile(r"\bband[- ]?pass|\bbpf\b", re.IGNORECASE)
_ONE_SIDED = re.compile(r"\b(?:low|high)[- ]?pass|\b[lh]pf\b", re.IGNORECASE)
_STOPBAND = re.compile(r"\bnotch|\bband[- ]?(?:stop|reject)|\bb[sr]f\b", re.IGNORECASE)
_SECOND_ORDER = re.compile(r"\bsecond[- ]order|\b2nd[- ]order|\btwo[- ]pole|\bsallen|\bbiquad|\bQ\s*(?:=|of|is)\s*\d",
                           re.IGNORECASE)
# ... "a parallel LC tank tuned to 455 kHz": a tank's resonance
_CENTER_SPEC = re.compile(r"(?:reson(?:an|at)\w*|cent(?:er|re)d?|peaking|peak\s+frequency"
                          r"|\b(?:tank|lc|resonator)\s+(?:circuit\s+)?tuned\s+to)" + _SPEC_TAIL, re.IGNORECASE)
_NOTCH_SPEC = re.compile(r"(?:notch(?:es)?|null|reject(?:s|ing)?|trap)" + _SPEC_TAIL, re.IGNORECASE)
_GAIN = re.compile(r"(?<!current )(?<!power )(?:voltage\s+)?gain\s*"
                   r"(?:of|=|:|is|(?:should|must|will|needs?\s+to|has\s+to)\s+be"  # "gain should be 6 dB"
                   r"|(?:capped|limited|held|set|clamped)\s+(?:at|to))?\s*"  # "DC gain capped at 40 dB"
                   r"(?:about\s+|around\s+|near\s+|roughly\s+|approximately\s+|close\s+to\s+|~\s*|exactly\s+|precisely\s+"
                   r"|at\s+(?:least|most)\s+|no\s+(?:less|more)\s+than\s+|a\s+(?:minimum|maximum)\s+of\s+)?"
                   # ... "DC gain 1/2": a fraction
                   # ... "gain 100 mV/V": a ratio of scaled volts (0.1)
                   r"(?P<value>[-+\u2212]?\d+(?:\.\d+)?(?:\s*/\s*\d+(?!\.\d))?)\s*"
                   r"(?:(?P<db>dB)|(?P<ratio>[munµk]?V\s*/\s*[munµk]?V))?(?!\w|\.\d)"
                   r"(?!\s*(?:[kKMG]|meg)?\s*Hz\b)"  # "gain 2 kHz per volt": a VCO's, in hertz
                   # ... "40 dB mid-band gain", "20 dB of closed-loop gain"
                   r"|(?P<value2>[-+\u2212]?\d+(?:\.\d+)?)\s*(?P<db2>dB|x|×|V/V)\s+(?:of\s+)?"
                   r"(?:(?:voltage|mid-?band|pass-?band|closed[- ]loop|signal)\s+)*gain"
                   # ... "(30 dB) midband", "x31.6 in the passband": a mid-band gain with the word "gain" left out
                   r"|(?:(?P<value3>[-+\u2212]?\d+(?:\.\d+)?)\s*(?P<db3>dB|x|×|V/V)|(?<![\w.])[x×](?P<value4>\d+(?:\.\d+)?))"
                   r"\)?\s+(?:in\s+the\s+)?(?:mid-?band|pass-?band)\b(?![- ](?:ripple|edge|frequency|width))",
                   re.IGNORECASE)
_PREFIX = {"": 1.0, "m": 1e-3, "u": 1e-6, "µ": 1e-6, "n": 1e-9, "k": 1e3}


def _ratio_scale(ratio: str) -> float:
    """"mV/V" 1e-3, "V/mV" 1e3, "V/V" 1: what a gain written as a ratio of scaled volts is multiplied by."""
    top, bottom = (part.strip()[:-1] for part in ratio.split("/"))
    return _PREFIX[top] / _PREFIX[bottom]


# An amplifier's gain in the notations users write without the word "gain" before a plain figure: "Av = 15",
# "|gain| = 8", "amp x11", "11 V/V", "+20.8 dB", "inverting amplifier, -4.7", "a -2 inverting stage", "a 5x amp"
_AMPLIFIER = re.compile(r"\bamp(?:lifier|lification|s)?\b|\bop-?amps?\b|\bpre-?amp|\bgain\b|\binverting\b",
                        re.IGNORECASE)
_SIGNED = r"[-+\u2212]\d+(?:\.\d+)?"
_AMP_NOUN = r"(?:(?:inverting|non-?inverting|op-?amp|gain|voltage|amplifier|summing)\s+)*(?:amp(?:lifier)?s?|stage)\b"
_GAIN_NOTATION = re.compile(
    rf"\bA_?v\s*(?:=|:)\s*(?P<av>[-+\u2212]?\d+(?:\.\d+)?)(?:\s*(?P<avdb>dB|V/V))?(?![\w.])"
    # ("|Av| around 5": a loose size)
    r"|\|\s*(?:gain|A_?v)\s*\|\s*(?:=|:|of|is)?\s*(?:(?:about|around|near|roughly|approximately|~)\s*)?"
    r"(?P<mag>\d+(?:\.\d+)?)(?![\w.])"
    r"|\b(?:amp(?:lifier)?|stage|gain)\s*[,:]?\s*(?:of\s+)?(?-i:[x\u00d7])\s?(?P<x>\d+(?:\.\d+)?)(?![\w.])"  # not "X1"
    r"|(?<![\w.])(?P<vv>[-+\u2212]?\d+(?:\.\d+)?)\s*V/V\b"
    rf"|\b(?:amp(?:lifier)?|stage)\s*[,:(]\s*(?P<bare>{_SIGNED})(?![\w.%]|\s*[a-zA-Z\u00b5\u03bc\u03a9])"
    rf"|(?<![\w.])(?P<pre>{_SIGNED})\s+{_AMP_NOUN}"
    rf"|(?<![\w.])(?P<xpre>\d+(?:\.\d+)?)\s?[x\u00d7]\s+{_AMP_NOUN}"
    r"|(?<![\w.])(?<!cmrr )(?<!psrr )(?<!snr )(?<!at )(?<!@)(?P<db>[-+\u2212]?\d+(?:\.\d+)?)\s*dB\b", re.IGNORECASE)
# a figure in decibels that is no gain: "60 dB down", "80 dB of rejection", "20 dB per decade", "3 dB point"
_NOT_GAIN_DB = re.compile(r"\)?\s*(?:of\s+)?(?:down|below|under|lower|rejection|attenuation|loss|cmrr|psrr|snr|"
                          r"ripple|noise|per\b|/|a\s+decade|points?\b|corner|cut-?off|bandwidth|suppression|pad\b|"
                          r"at\b|@|frequency|octave)",
                          re.IGNORECASE)
_WITHIN_BEFORE = re.compile(r"(?:within|±|\+/-|\+-)\s*$", re.IGNORECASE)  # "(within 0.5 dB)": a tolerance
# not "Q1"; "Q around 2", "Q of about 5"
# ("a quality factor of 4": the Q in words)
_Q_SPEC = re.compile(r"(?:\bQ|\b(?i:quality\s+factor)(?:\s*\(\s*Q\s*\))?)(?:\s*(?:of|=|:|is)\s*|\s+)"
                     r"(?:(?:about|around|near|roughly|approximately|~)\s*)?"
                     r"(?P<value>\d+(?:\.\d+)?)(?!\w|\.\d)")  # "... and Q of 5.": the sentence's full stop
_VOUT_SPEC = re.compile(r"(?P<value>[-\u2212]?\d+(?:\.\d+)?)\s*V\s+"
                        # "12 V at 50 mA out": the output's level at its load current
                        r"(?:(?:at|into|with)\s+\d+(?:\.\d+)?\s*[mµu]?A\s+)?"
                        r"(?:out|output|at\s+(?:the\s+)?(?:node\s+)?out(?:put)?)\b"
                        r"|(?:output|vout|v\(out\))\s+(?:voltage\s+)?(?:of|=|:|is|at)?\s*(?P<value2>[-\u2212]?\d+(?:\.\d+)?)"
                        r"\s*V\b", re.IGNORECASE)
# "the sensor gives ±100 mV and the ADC wants ±2.5 V": one swing scaled onto another, a gain of their ratio
_SPAN_MAP = re.compile(r"\b(?:gives?|giving|produc\w+|outputs?|delivers?|swings?)\s+(?:about\s+|around\s+)?"
                       r"(?:\u00b1|\+/-)\s*(?P<a>\d+(?:\.\d+)?\s*[mµu]?V)\b[^.;]{0,60}?"
                       r"\b(?:wants?|needs?|expects?|takes?|accepts?|should\s+(?:see|get|swing)|to)\s+"
                       r"(?:about\s+|around\s+)?(?:\u00b1|\+/-)\s*(?P<b>\d+(?:\.\d+)?\s*[mµu]?V)\b", re.IGNORECASE)
# "a 3.3 V shunt regulator", "a 2.5 V reference", "make a 6.2 V rail with a zener": the level the circuit makes (a rail
# it is fed from, "from a 10 V rail", is its supply)
_MADE_LEVEL = re.compile(r"(?<![\w.])(?P<value>\d+(?:\.\d+)?)\s*V\s+(?:(?:zener|shunt|series|linear|ldo|precision|"
                         r"voltage|dc|regulated)[- ]){0,2}regulator\b"
                         # ... a reference by its kind ("a 1 V reference" alone may be a current sink's input)
                         r"|(?<![\w.])(?P<value4>\d+(?:\.\d+)?)\s*V\s+(?:(?:zener|shunt|series|precision|bandgap|voltage)"
                         r"[- ]){1,2}reference\b"
                         r"|\b(?:make|makes|making|give|gives|giving|get|need|want|derive|generate|produce|build)\s+"
                         r"(?:me\s+)?(?:an?\s+)?(?:regulated\s+|stable\s+|clean\s+)?(?P<value2>\d+(?:\.\d+)?)\s*V\s+"
                         r"(?:regulated\s+)?(?:rail|supply|output|reference)\b"
                         # "a pin that only tolerates 1.8 V": the level the output must reach, no more
                         r"|\b(?:only\s+)?(?:tolerates?|tolerating|accepts?|handles?)\s+(?:up\s+to\s+|at\s+most\s+)?"
                         r"(?P<value5>\d+(?:\.\d+)?)\s*V\b"
                         # "duty 67 % so it lands near 10 V": where the output ends up
                         r"|\b(?:lands?|landing|ends?\s+up|settles?|comes?\s+out)\s+(?:near|at|around|about|close\s+to)\s+"
                         r"(?P<value3>\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)
# "from 12 V to 5 V", "takes 12v down to 3.3v": a converter's, regulator's or divider's output (not a sweep's end).
# ("from 12 V at bin to 5 V": the input's node between; "from 12 V (node bin) to 5 V", which the reader has
# rewritten "from node bin (12 V) to 5 V" by then)
_FROM_TO_SPEC = re.compile(r"\b(?:from|tak(?:es?|ing))\s+(?:an?\s+)?(?:(?:node\s+)?[a-z_]\w*\s*\(\s*)?"
                           r"\d+(?:\.\d+)?\s*v\b(?:\s*\))?(?:\s+(?:dc|input|supply))?(?:\s+(?:at|on)\s+(?:node\s+)?[a-z_]\w*)?\s+"
                           r"(?:down\s+|up\s+)?to\s+(?:about\s+)?(?P<value>[-\u2212]?\d+(?:\.\d+)?)\s*v\b"
                           # "raises 5 V to roughly 9 V", "targeting about 3.3 V from 12 V"
                           # ... "turns 24 V into 5 V", "brings the 9 V down to 3.3 V"
                           r"|\b(?:raises?|raising|steps?|stepping|lowers?|lowering|converts?|converting|turns?|turning"
                           r"|brings?|bringing|reduces?|reducing|drops?|dropping)\s+(?:an?\s+|the\s+|its\s+)?"
                           r"\d+(?:\.\d+)?\s*v\s+(?:(?:supply|input|rail)\s+)?"
                           r"(?:(?:at|on)\s+(?:node\s+)?[a-z_]\w*\s+)?"  # "turns 12 V at vbat into 4 V"
                           r"(?:down\s+|up\s+)?(?:in)?to\s+"
                           r"(?:about\s+|roughly\s+|around\s+)?"
                           r"(?P<value2>\d+(?:\.\d+)?)\s*v\b"
                           r"|\btarget(?:s|ing)?\s+(?:about\s+|roughly\s+|around\s+)?(?P<value3>\d+(?:\.\d+)?)\s*v\s+"
                           r"from\s+\d+(?:\.\d+)?\s*v\b"
                           # "24 V in at node vb to 5 V at node vo": its input, then its output
                           r"|(?<![\w.])\d+(?:\.\d+)?\s*v\s+in(?:put)?\s+(?:(?:at|on)\s+(?:node\s+)?[a-z_]\w*\s+)?"
                           r"(?:down\s+|up\s+)?to\s+(?:about\s+|roughly\s+|around\s+)?(?P<value4>\d+(?:\.\d+)?)\s*v\b",
                           re.IGNORECASE)
_SWEPT = re.compile(r"\b(?:sweep\w*|ramp\w*|step\w*|triangle|pwl|dc\s+sweep|(?:falling|rising|falls|rises|moving)\s+"
                    r"linearly|linearly)\b[^.;]*$", re.IGNORECASE)
# "under 1.5 V ripple", "less than 1 V peak-to-peak ripple", "ripple below 200 mV": an upper bound.
# a share of a volt in words: "half a volt", "a quarter of a volt", "a tenth of a volt"
_VOLT_SHARE = r"(?:(?:a|one)\s+)?(?:half|quarter|tenth|fifth)\s+(?:of\s+)?a\s+volt"
_SHARE_OF_VOLT = {"half": 0.5, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}
_RIPPLE_SPEC = re.compile(r"(?:under|less\s+than|below|at\s+most|no\s+more\s+than|<)\s*(?P<value>\d+(?:\.\d+)?)\s*"
                          r"(?P<milli>m)?V\s+(?:(?:peak[- ]to[- ]peak|p-?p)\s+)?(?:of\s+)?ripple"
                          # ... "ripple no more than 1 V peak-to-peak", "ripple should be below 0.2 V"
                          r"|ripple\s+(?:(?:must|should|has\s+to)\s+(?:be|stay)\s+|is\s+|of\s+)?"
                          r"(?:at\s+most\s+|(?:no|not)\s+more\s+than\s+|below\s+|under\s+|less\s+than\s+|<\s*)"
                          rf"(?:(?P<value2>\d+(?:\.\d+)?)\s*(?P<milli2>m)?V|(?P<share>{_VOLT_SHARE}))", re.IGNORECASE)
# "ripple about 0.5 V peak-to-peak": a value to aim at, read as a bound 20 % above it.
_RIPPLE_ABOUT = re.compile(r"ripple\s+(?:of\s+)?(?:about|around|approximately|roughly|~)\s*(?P<value>\d+(?:\.\d+)?)\s*"
                           r"(?P<milli>m)?V(?:\s+(?:peak[- ]to[- ]peak|p-?p))?", re.IGNORECASE)
# "output at the collector node out", "output node vout", "input is in": the name, not the pin's description
_ROLE_NODE = (  # "output at the second collector c2": the pin, then the node's name
              r"\s+(?:is\s+|at\s+|on\s+)the\s+(?:\w+\s+)?(?:collector|drain|emitter|source|base|gate)\s+"
              r"(?!(?:node|of|and|with|through|via|to|is|in|on|at|resistor|voltage|current)\b)(?P<n5>[a-z_]\w*)\b(?!\s*=)"
              r"|\s+(?:node\s+)?(?:is\s+|at\s+|on\s+|named\s+|called\s+)(?:the\s+)?(?:[a-z-]+\s+)?node\s+"
              r"(?P<n3>[a-z_]\w*)|\s+(?:node\s+)?(?:is\s+|at\s+|on\s+|named\s+|called\s+)(?:node\s+)?"
              r"(?P<n>[a-z_]\w*)\b" + _PIN + r"|\s+node\s+(?:names?\s*(?:is\s+|:\s*))?(?P<n2>[a-z_]\w*)"
              # "input vin output vout", "output out (negative rail ground)": a bare name ends its phrase
              r"|\s+(?!(?:stage|pair|voltage|current|curves?|characteristics?|swing|impedance|resistance|resistor|capacitor|signal|level|pin|side|"
              r"transistor|device|buffer|load|power|ripple|range|offset|filter|amplitude|frequency|port|terminal|node|"
              # (a vector is no name: "Output v(nz)")
              r"step|steps|pulse|ramp|edge|waveform|gain|reference|and|of|is|to)\b)(?![vi]\()(?P<n4>[a-z_]\w*)(?=\s*(?:[,;(]|\.(?:\s|$)|$|\s+(?:and\s+)?(?:input|output)s?\b)"
              # "input in1 at the first base"
              r"|\s+(?:at|on)\s+the\s+(?:\w+\s+)?(?:collector|drain|emitter|source|base|gate)\b)"
)
# ("filter output (across the load) is lpo": a note between the role and its name; "tap th_v": a divider's output)
_OUTPUT_NODE = re.compile(r"\b(?:outputs?(?:\s*\([^()]*\))?|(?<!center )(?<!centre )(?<!centre-)(?<!center-)tap)(?:"
                          + _ROLE_NODE + ")", re.IGNORECASE)
_INPUT_NODE = re.compile(r"\binputs?(?:" + _ROLE_NODE + ")", re.IGNORECASE)
# "node mid", "nodes called a", "node names: Vin, Vbias" (each name of the list)
_NAMED_NODE = re.compile(r"\bnodes?\s+(?:named\s+|called\s+|names?\s*(?:is\s+|are\s+|:\s*)"
                         # "a node I call raw", "the node we named x"
                         r"|(?:I|we|you)\s+(?:call|name|named|label|labelled|labeled)\s+)?(?!names?\b)"
                         # a listed name ends its item ("nodes a, b, c"; not "node c, pushing its current ...")
                         # (not a participle set off after it: "at node x2out, inverted")
                         r"(?P<n>[a-z_]\w*)(?P<more>(?:\s*,\s*(?!nodes?\b)(?![a-z]{3,}(?:ed|ing)\b)[a-z_]\w*\b(?!\s*[=(])"
                         r"(?=\s*(?:[,;:)]|\.(?:\s|$)|\band\b|$)))*)", re.IGNORECASE)
# "output clipped at about 2.7 V": a clipper's limit.
# "whose 10-90 % rise takes about 22 us", "rise time of 5 us", "take about 1 ms to go from 10 % to 90 %": the output's
# 10 %-90 % rise time
_TIME_TEXT = r"(?:\d+(?:\.\d+)?|\.\d+)\s?(?:[munpµμ])?s"
_RISE_SPEC = re.compile(rf"(?:\b10\s*%?\s*(?:-|to|\u2013)\s*90\s*%\s*(?:rise|edge|transition)?(?:\s*time)?"
                        r"|\brise[- ]?time)"
                        rf"(?:[^.;\d]){{0,30}}?(?P<t>{_TIME_TEXT})\b"
                        rf"|\btakes?\s+(?:about\s+|around\s+|roughly\s+)?(?P<t2>{_TIME_TEXT})\s+"
                        r"to\s+(?:go|rise|climb)\s+"
                        r"from\s+10\s*%\s+to\s+90\s*%", re.IGNORECASE)
_CLIP_SPEC = re.compile(r"\bclip(?:s|ped|ping)?\s+(?:at\s+)?(?:about\s+|around\s+|~\s*)?"
                        r"(?P<value>[-\u2212]?\d+(?:\.\d+)?)\s*V\b", re.IGNORECASE)
# "outputs at the collectors q1 and q2", "inputs a and b": two nodes named together.
_NODE_PAIR = re.compile(r"\b(?:outputs|inputs)\s+(?:at\s+|on\s+)?(?:the\s+)?(?:[a-z-]+\s+)?(?:nodes?\s+)?"
                        r"(?P<a>[a-z_]\w{0,7})\s+and\s+(?!(?:inputs?|outputs?)\b)(?P<b>[a-z_]\w{0,7})\b", re.IGNORECASE)

# "inputs Vp, Vn and outputs Vout", "Input node name: Vin1, Vin2.": the ports after the first, in order
_INPUT_LIST = re.compile(r"\binputs?\s+(?:node\s+names?\s*:\s*|nodes?\s+(?:are\s+)?|are\s+)?(?P<first>[a-z_]\w*)"
                         # (a word before a role word says which port that is: "set input st, reset input rs")
                         # (nor a word its figure follows: "input node li, corner 20 kHz")
                         # (nor the first word of a compound: "input node svin, band-pass output node bp")
                         r"(?P<more>(?:\s*,\s*(?:and\s+)?(?!(?:and|outputs?|inputs?)\b)[a-z_]\w*\b(?!-)(?!\s+(?:in|out)puts?\b)"
                         r"(?!\s*[-+]?\.?\d)"
                         r"|\s+and\s+(?!(?:outputs?|inputs?)\b)[a-z_]\w*\b(?!-)(?!\s+(?:in|out)puts?\b)(?!\s*[-+]?\.?\d))+)",
                         re.IGNORECASE)
# bias, reference and supply ports are no signal inputs ("Input node name: Vin, Vbias")
_NOT_SIGNAL = re.compile(r"bias|ref|^v?(?:dd|ss|cc|ee)$|clk", re.IGNORECASE)

_DIFFERENCE = re.compile(r"=\s*(?P<a>[a-z_]\w*)\s*[-\u2212]\s*(?P<b>[a-z_]\w*)", re.IGNORECASE)


def _minuend_first(text: str, ports: list[str | None]) -> list[str | None]:
    """"Vout = Vin2 - Vin1": the port added goes first (a difference amplifier's non-inverting input)."""
    m = _DIFFERENCE.search(text)
    if m and _node(m["a"]) in ports[1:] and _node(m["b"]) in ports:
        return [_node(m["a"])] + [p for p in ports if p != _node(m["a"])]
    return ports


def _more_inputs(text: str, first: str | None) -> list[str]:
    """The signal input ports a list names after the circuit's first input."""
    listed = next((m for m in _INPUT_LIST.finditer(text) if first and _node(m["first"]) == first), None)
    if listed is None:
        return []
    names = [_node(n) for n in re.findall(r"\w+", listed["more"]) if n.lower() != "and"]
    # ("input din, AC coupled": a word of English after the comma, no port)
    return [n for n in dict.fromkeys(names) if n != first and not _NOT_SIGNAL.search(n) and n not in IDIOMS]


def _words(text: str) -> str:
    """Whole words only: the window may start inside one."""
    return text.split(" ", 1)[-1].strip() if not text[:1].isspace() else text.strip()


def _signed(text: str) -> float:
    top, _, bottom = text.replace("\u2212", "-").partition("/")  # "1/2": a fraction
    return float(top) / float(bottom) if bottom.strip() and float(bottom) else float(top)


# An output current: "output current of 50 uA", "Iout = 2 mA", "10 mA through the LED", "LED at 10 mA", "sinks 1 mA".
_CURRENT_BEFORE = re.compile(r"(?:(?:output|load|led|collector|drain|sink|mirror(?:ed)?)\s+current|\biout|\bi\(out\)|"
                             # "an LED D1 (about 1.8 V forward) at 15 mA": its name and a note between
                             r"\bleds?(?:\s+D\w*)?(?:\s*\([^()]{0,60}\))?|\bsinks?|\bsourc(?:es|ing)|\bcop(?:y|ying|ies)\s+(?:a|the)?|\bmirror(?:s|ing)\s+(?:a|the)?|"
                             # "a series resistor set for 15 mA": the current the part is designed for
                             r"\b(?:set|sized|chosen|picked|designed|calculated)\s+(?:for|to\s+give)|"
                             r"\bbiased)"  # "biased near 1 mA": the stage's quiescent current
                             + _SPEC_TAIL.replace("(?:frequency)?", ""), re.IGNORECASE)
_CURRENT_AFTER = re.compile(r"\s*(?:of\s+)?(?:through\s+(?:the\s+|an?\s+)?(?:led|load|diode)|"
                            r"(?:output|led|load|drain|collector)\s+current"  # "0.5 mA drain current"
                            # "so that 2.5 mA flows around the loop", "2 mA flows through R3"
                            r"|\s(?:flows?|flowing|runs?|passes)\s+(?:around|round|through|in)\b)", re.IGNORECASE)
# An amplifier's open-loop figures: "unity-gain bandwidth 10 MHz", "GBW of 5 MHz", "DC gain 60 dB".
# "gain falls to 0 dB at 3 kHz": where the gain crosses unity.
# ... "gain magnitude falls to 1 (0 dB) at 1 kHz", "|gain| = 1 at 2 kHz", "a 0 dB crossover at 5 kHz": the same
_UGBW_SPEC = re.compile(r"(?:unity[- ]gain\s+(?:bandwidth|frequency)|\bugbw|\bugf|\bgbw|"
                        r"gain[- ]bandwidth(?:\s+product)?|gain\s+(?:magnitude\s+)?(?:falls|drops|crosses|comes\s+down"
                        r"|reaches|hits|equals)\s+(?:to\s+)?(?:0\s*dB|unity|1|one)(?:\s*\(\s*0\s*dB\s*\))?"
                        r"|\|\s*(?:gain|[AH]|vout\s*/\s*vin)\s*\|\s*(?:=|of|is)\s*(?:1|one|unity)(?:\s*\(\s*0\s*dB\s*\))?"
                        r"|\b0\s*dB\s+(?:crossover|crossing|point|frequency))"
                        + _SPEC_TAIL, re.IGNORECASE)
# A Schmitt trigger's hysteresis (upper minus lower threshold): "hysteresis of 2 V", "1 V of hysteresis".
_HYSTERESIS_BEFORE = re.compile(r"hysteresis(?:\s+(?:band|width|window))?" + _SPEC_TAIL.replace("(?:frequency)?", ""),
                                re.IGNORECASE)
_HYSTERESIS_AFTER = re.compile(r"\s*(?:of\s+)?hysteresis", re.IGNORECASE)
# A one-shot's output pulse: "pulse width of 1 ms", "a 2 ms output pulse", "timing period 10 ms";
# not an input's ("input pulse width 5 ns", "a 1 us trigger pulse").
_WIDTH_BEFORE = re.compile(r"(?:pulse\s+(?:width|duration|length)|output\s+pulse|timing\s+(?:period|interval))"
                           r"\s*(?:of|=|:|is)?\s*(?:about\s+)?$", re.IGNORECASE)
_WIDTH_AFTER = re.compile(r"\s*(?:output\s+pulse|one[- ]shot\s+pulse|timing\s+period)\b", re.IGNORECASE)
_NOT_OUTPUT = re.compile(r"\b(?:input|gate|clock|trigger|rise|fall|edge|drive)\w*\W*(?:\w+\W+)?$", re.IGNORECASE)
_DC_GAIN = re.compile(r"(?:\bdc|open[- ]loop|low[- ]frequency)\s+(?:voltage\s+)?$", re.IGNORECASE)


# The same specs written after the value: "1 kHz cutoff", "a 1 kHz Wien oscillator", "60 Hz notch".
_AFTER_SPECS = [("edge", re.compile(r"\s*(?:pass-?band|ripple(?:[- ]?band)?)[- ]edge\b", re.IGNORECASE)),
                # ... "a 20 Hz low-frequency -3 dB point", "a 10 Hz lower corner"
                ("cutoff", re.compile(r"\s*(?:(?:low|high|lower|upper|bass|treble)(?:[- ](?:frequency|end|side))?\s+)?"
                                      r"(?:(?:-?\s?3\s?dB\s+)?(?:cut-?off|corner|break)\b|-\s?3\s?dB\s+point\b)",
                                      re.IGNORECASE)),
                ("notch", re.compile(r"\s*(?:notch|null|trap)\b", re.IGNORECASE)),
                ("bandwidth", re.compile(r"\s*(?:-?\s?3\s?dB\s+)?bandwidth\b", re.IGNORECASE)),
                ("center", re.compile(r"\s*(?:cent(?:er|re)|resonan\w*)\b", re.IGNORECASE)),
                ("frequency", re.compile(r"\s*(?:[\w-]+\s+){0,3}?oscillator\b", re.IGNORECASE))]


# "1 kHz per volt", "2 kHz/V": a voltage-controlled oscillator's gain (its frequency is that times the control level)
_PER_VOLT = re.compile(r"\s*(?:per\s+volt|/\s*V\b)(?:\s+of\s+(?:the\s+)?(?:control|tuning|input)\w*)?", re.IGNORECASE)
_CONTROL_WORD = re.compile(r"\bcontrol|\btun(?:e|ing)\b|\bv_?c(?:tl|trl|tune)?\b", re.IGNORECASE)
_SUPPLY_WORD = re.compile(r"\bsuppl|\brails?\b|\bv(?:dd|cc|ss|ee)\b|\bbattery", re.IGNORECASE)


def _control_level(text: str, qs: list[_Q], gain: _Q) -> _Q | None:
    """The control voltage a VCO's gain applies to: the level in the sentence said with a control word, else the one
    level in the request that is no supply's; None when neither is said."""
    volts = [q for q in qs if q.unit == "V" and q is not gain and q.value > 0
             and not _SUPPLY_WORD.search(text, max(0, q.start - 10), min(len(text), q.end + 25))]
    near = [q for q in volts if _CONTROL_WORD.search(text, max(0, q.start - 30), min(len(text), q.end + 30))]
    return near[0] if len(near) == 1 else volts[0] if len(volts) == 1 else None


def _specs(text: str, found: list[Spec]) -> None:
    qs = _quantities(text)
    for q in qs:
        before = text[max(0, q.start - 40):q.start]  # "-3 dB at 200 Hz": the words span the "3"
        spread = text[max(0, q.start - 80):q.start]  # "an LED D1 (about 1.8 V forward) at 15 mA": a note between
        named, after = _CURRENT_BEFORE.search(spread), _CURRENT_AFTER.match(text, q.end)
        if q.unit == "A" and q.value > 0 and (named or after):
            lead = spread[named.start():] if named and not after else ""  # the words before, else after
            words = f"{lead}{q.text}{after[0] if after else ''}"
            if (per := _PER_VOLT.match(text, q.end)) and (control := _control_level(text, qs, q)) is not None:
                # "0.5 mA per volt": a transconductance, the current at the control level
                found.append(Spec(f"{words.strip()}{per[0]} at {control.text}", "current", q.value * control.value))
                continue
            found.append(Spec(words.strip(), "current", q.value))
        if q.unit == "V" and (hyst := _HYSTERESIS_BEFORE.search(before) or _HYSTERESIS_AFTER.match(text, q.end)):
            words = f"{before[hyst.start():]}{q.text}" if hyst.re is _HYSTERESIS_BEFORE else f"{q.text}{hyst[0]}"
            # "±50 mV of hysteresis", "hysteresis of 20 mV either side of zero": the band is twice that
            each_side = re.search(r"(?:±|\+/?-|\+-)\s*$", before) or re.match(
                r"(?:\s*(?:of\s+)?hysteresis)?,?\s+(?:on\s+)?(?:either|each|both)\s+(?:side|way|direction)s?\b",
                text[q.end:], re.IGNORECASE)
            found.append(Spec(words.strip(), "hysteresis", abs(q.value) * (2 if each_side else 1)))
        if q.unit == "s" and q.value > 0 and not _NOT_OUTPUT.search(before.rsplit("pulse", 1)[0]) \
                and (wide := _WIDTH_BEFORE.search(before) or _WIDTH_AFTER.match(text, q.end)):
            words = f"{before[wide.start():]}{q.text}" if wide.re is _WIDTH_BEFORE else f"{q.text}{wide[0]}"
            found.append(Spec(words.strip(), "width", q.value))
        if q.unit == "" and q.value > 0 and _AFTER_SPECS[1][1].match(text, q.end):
            q = dataclasses.replace(q, unit="Hz")  # "a 5k corner": a bare figure a corner word follows is in hertz
        if q.unit != "Hz":
            continue
        if per := _PER_VOLT.match(text, q.end):  # "1 kHz per volt": a VCO's gain, its frequency at the control level
            if (control := _control_level(text, qs, q)) is not None:
                found.append(Spec(f"{q.text}{per[0]} at {control.text}", "frequency", q.value * control.value))
            continue
        after_spec = next(((quantity, m) for quantity, pattern in _AFTER_SPECS if (m := pattern.match(text, q.end))),
                          None)
        if after_spec and after_spec[0] == "bandwidth":  # "a 100 kHz bandwidth": an amplifier's corner
            after_spec = ("cutoff", after_spec[1]) if not re.search(
                r"band[- ]?(?:pass|stop|reject)|\bnotch|\bcent(?:er|re)|resonan", text, re.IGNORECASE) else None
        if after_spec and not _UGBW_SPEC.search(before):
            found.append(Spec(f"{q.text}{after_spec[1][0]}", after_spec[0], q.value))
        elif m := _UGBW_SPEC.search(before):
            found.append(Spec(f"{before[m.start():]}{q.text}".strip(), "ugbw", q.value, tolerance=0.1))
        elif _FREQ_SPEC.search(before):
            found.append(Spec(f"{_words(before)} {q.text}".strip(), "cutoff", q.value))
        elif _NOTCH_SPEC.search(before):
            found.append(Spec(f"{_words(before)} {q.text}".strip(), "notch", q.value))
        elif _CENTER_SPEC.search(before):
            found.append(Spec(f"{_words(before)} {q.text}".strip(), "center", q.value))
        elif _F0_SPEC.search(before) and _FILTER.search(text) and not re.search(r"oscillat", text, re.IGNORECASE):
            # a filter's "f0": the centre of a band-pass, the null of a notch, the natural frequency of
            # a second-order section, else (a first-order one) its corner
            quantity = "center" if _BANDPASS.search(text) else "notch" if _STOPBAND.search(text) \
                else "f0" if _SECOND_ORDER.search(text) else "cutoff"
            found.append(Spec(f"{_words(before)} {q.text}".strip(), quantity, q.value))
        elif (osc := _OSC_SPEC.search(before)) and (osc["osc"] or not re.search(
                r"\b(?:sweep|from|to|up to|sine|signal|input|switch\w*|clock|pwm)\b", before, re.IGNORECASE)):
            # a "sine oscillator at 800 Hz" names its own frequency; a "sine at 1 kHz" an input's
            found.append(Spec(f"{_words(before)} {q.text}".strip(), "frequency", q.value))
    for m in _GAIN.finditer(text):
        value, db = next((m[v], m[d] if d else None) for v, d in (("value", "db"), ("value2", "db2"),
                                                                   ("value3", "db3"), ("value4", "")) if m[v])
        where = _GAIN_AT.match(text, m.end())  # "gain is 0 dB at 1 kHz": the frequency it is measured at
        at = _quantities(where["f"])[0].value if where else None
        said = text[m.start():where.end() if where else m.end()].strip()
        scale = _ratio_scale(m["ratio"]) if m["value"] and m["ratio"] else 1.0
        if dc := _DC_GAIN.search(text, max(0, m.start() - 20), m.start()):  # measured at 1 Hz, not 1 kHz
            db = _signed(value) if db and db.lower() == "db" else \
                20 * math.log10(max(abs(_signed(value) * scale), 1e-12))
            found.append(Spec(text[dc.start():m.end()].strip(), "dc_gain_db", db, tolerance=1.0))
        elif db and db.lower() == "db":
            found.append(Spec(said, "gain_db", _signed(value), tolerance=0.5, at=at))
        else:
            # "an inverting gain of 2": the gain said inverting is -2 (its own sign, "-2", kept)
            flipped = re.search(r"(?<![\w-])inverting\s+$", text[max(0, m.start() - 12):m.start()], re.IGNORECASE) \
                and not re.match(r"[-+\u2212]", value.strip())
            found.append(Spec(said, "gain", _signed(value) * scale * (-1 if flipped else 1), at=at))
    for m in _Q_SPEC.finditer(text):
        found.append(Spec(m[0].strip(), "q", float(m["value"]), tolerance=0.1))
    if not any(s.quantity in ("gain", "gain_db") for s in found) and (m := _SPAN_MAP.search(text)):
        ratio = _quantities(m["b"].replace(" ", ""))[0].value / _quantities(m["a"].replace(" ", ""))[0].value
        opposite = re.search(r"\binvert|\bopposite\s+polarity|\breversed?\s+polarity", text, re.IGNORECASE)
        found.append(Spec(m[0].strip(), "gain", -ratio if opposite else ratio))
    for m in _VOUT_SPEC.finditer(text):
        if re.search(r"(?:±|\+/?-|\+-)\s*$", text[:m.start()]):
            continue  # "a ±5 V output swing": its swing, no level
        found.append(Spec(m[0].strip(), "vout", _signed(m["value"] or m["value2"])))
    if not any(s.quantity == "vout" for s in found) and (m := _MADE_LEVEL.search(text)):
        level = next(m[g] for g in ("value", "value2", "value3", "value4", "value5") if m[g])
        found.append(Spec(m[0].strip(), "vout", float(level)))
    if not any(s.quantity == "vout" for s in found):
        for m in _FROM_TO_SPEC.finditer(text):
            if not _SWEPT.search(text, max(0, m.start() - 40), m.start()):
                found.append(Spec(m[0].strip(), "vout",
                                  _signed(m["value"] or m["value2"] or m["value3"] or m["value4"])))
    for m in _RISE_SPEC.finditer(text):
        if any(r.start() < m.end() and m.start() < r.end() for r in _RISE.finditer(text)):
            continue  # "a 10-90 % rise time of 8 us": a first-order lag's corner (below)
        if (qs := _quantities((m["t"] or m["t2"]).strip())) and qs[0].unit == "s" and qs[0].value > 0:
            found.append(Spec(m[0].strip(), "rise", qs[0].value, tolerance=0.1))
    for m in _CLIP_SPEC.finditer(text):
        found.append(Spec(m[0].strip(), "clip", _signed(m["value"])))
    for m in _RIPPLE_SPEC.finditer(text):
        volts = next(v for w, v in _SHARE_OF_VOLT.items() if w in m["share"].lower()) if m["share"] else \
            float(m["value"] or m["value2"]) * (1e-3 if m["milli"] or m["milli2"] else 1)
        found.append(Spec(m[0].strip(), "ripple", volts, tolerance=0.0))
    for m in _RIPPLE_ABOUT.finditer(text):
        found.append(Spec(m[0].strip(), "ripple", float(m["value"]) * (1e-3 if m["milli"] else 1), tolerance=0.2))
    _worded_specs(text, found)
    _gain_notation(text, found)
    _filter_frequency(text, found)
    _function_specs(text, found)
    _octaves_wide(text, found)
    _bounds(text, found)
    _edge_bounds(text, found)
    for n, spec in enumerate(found):  # "unity gain (within 0.5 dB)": the gain's tolerance
        at = text.find(spec.text)
        if at >= 0 and spec.quantity not in _DB_SPECS and spec.tolerance and spec.tolerance < 0.1 and (
                _LOOSELY_BEFORE.search(text, max(0, at - 24), at) or _LOOSELY_AFTER.match(text, at + len(spec.text))):
            found[n] = spec = dataclasses.replace(spec, tolerance=0.1)
        if spec.quantity in ("gain", "gain_db") and at >= 0 and (within := _WITHIN_DB.match(text, at + len(spec.text))):
            db = float(within["db"])
            found[n] = dataclasses.replace(spec, text=text[at:within.end()].strip(),
                                           tolerance=db if spec.quantity == "gain_db" else 10 ** (db / 20) - 1)
        elif at >= 0 and spec.quantity not in _DB_SPECS and (within := _WITHIN_PCT.match(text, at + len(spec.text))) \
                and 0 < (share := float(within["pct"]) / 100) < 1:  # "3 V at mid within 5 %", "gain 11 (±2 %)"
            found[n] = dataclasses.replace(spec, text=text[at:within.end()].strip(), tolerance=share)


def _octaves_wide(text: str, found: list[Spec]) -> None:
    """A band's width said in octaves (_OCTAVES_WIDE), as the Q of the band its centre is said for: n octaves between
    the -3 dB points, centred geometrically on f0, are Q = 2^(n/2) / (2^n - 1)."""
    if not any(s.quantity == "center" for s in found) or any(s.quantity == "q" for s in found) \
            or (m := _OCTAVES_WIDE.search(text)) is None:
        return
    said = (m["n"] or m["n3"] or "").lower()
    n = float(m["n2"]) if m["n2"] else {"an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0}.get(said, 0.5)
    found.append(Spec(m[0].strip(), "q", 2 ** (n / 2) / (2 ** n - 1), tolerance=0.1))


def _gain_notation(text: str, found: list[Spec]) -> None:
    """An amplifier's gain in a notation of its own ("Av = 15", "x11", "11 V/V", "+20.8 dB", "amplifier, -4.7"),
    where no reader above found a gain."""
    if any(s.quantity in ("gain", "gain_db", "dc_gain_db", "ugbw") for s in found) or not _AMPLIFIER.search(text):
        return
    # ("rolls off at 20 kHz (-3 dB)": the mark of a corner, no gain)
    # (a size says what it is: "|Av| around 5 at 1 kHz" is a gain where it is measured)
    if m := next((m for m in _GAIN_NOTATION.finditer(text)
                  if not (_NOT_GAIN_DB.match(text, m.end()) and not (m["mag"] and _GAIN_AT.match(text, m.end())))
                  and not _WITHIN_BEFORE.search(text, max(0, m.start() - 12), m.start())
                  and not re.search(r"Hz\s*\(\s*$", text[max(0, m.start() - 12):m.start()])), None):
        value = next(m[g] for g in ("av", "mag", "x", "vv", "bare", "pre", "xpre", "db") if m[g])
        decibels = m["db"] or (m["av"] and m["avdb"] and m["avdb"].lower() == "db")
        where = _GAIN_AT.match(text, m.end()) if m["mag"] else None
        found.append(Spec(text[m.start():where.end() if where else m.end()].strip(), "gain_db" if decibels else "gain",
                          _signed(value), tolerance=0.5 if decibels else 0.05,
                          at=_quantities(where["f"])[0].value if where else None))


def _function_specs(text: str, found: list[Spec]) -> None:
    """The specs a circuit said by what it does states ("keep rail at 5 V whatever the battery does", "nothing
    above 20 Hz should lose more than 3 dB"), each where no reader above gave that quantity."""
    for row in function_specs(text.lower()):
        if row.quantity == "center" and _ONE_SIDED.search(text) and not _BANDPASS.search(text):
            continue  # "a 440 Hz tone into an RC high-pass": the filter named is no band; the tone is its input
        if row.quantity == "center" and any(s.quantity == "notch" and s.target == row.target for s in found):
            continue  # "50 Hz mains hum gone": the frequency removed, read as the notch's
        # what the function's words say a figure is beats a reader of its neighbouring words: the centre of a
        # band removed is the notch, the ends of a range mapped onto another are no output levels
        # a level inside the words of a corner ("crosses half the supply 10 ms after") is the step's, no output's
        same = {"notch": ("center",), "gain": ("vout",), "cutoff": ("cutoff", "vout")}.get(row.quantity, ())
        spans = [(row.start, row.end, same), *([(*row.replaces, (row.quantity,))] if row.replaces else [])]
        found[:] = [s for s in found if not any(s.quantity in kinds and (at := text.find(s.text)) < end
                                                and at + len(s.text) > start for start, end, kinds in spans)]
        if row.quantity not in {s.quantity for s in found} or row.quantity == "flat":
            found.append(Spec(text[row.start:row.end].strip(), row.quantity, row.target, row.tolerance,
                              bound=row.bound, at=row.at))


# A gain bounded on one side: "at least 40 dB of gain", "a gain of no less than 20", "30 dB or more"; an attenuation
# of at least 30 dB is a gain of at most -30 dB.
_AT_LEAST = re.compile(r"(?:\bat\s+least|\bno\s+less\s+than|\bnot\s+less\s+than|\ba\s+minimum\s+of|\bminimum(?:\s+of)?"
                       r"|(?<!no )(?<!not )\bmore\s+than|\bgreater\s+than|>=?|\u2265)\s*", re.IGNORECASE)
_AT_MOST = re.compile(r"(?:\bat\s+most|\bno\s+more\s+than|\bnot\s+more\s+than|\ba\s+maximum\s+of|\bmaximum(?:\s+of)?"
                      r"|(?<!no )(?<!not )\bless\s+than|<=?|\u2264)\s*", re.IGNORECASE)
_OR_MORE = re.compile(r"\s*(?:or\s+(?P<more>more|better|higher|greater|above)|or\s+(?P<less>less|lower|below))\b",
                      re.IGNORECASE)
_ATTENUATION = re.compile(r"\bdown\b|attenuat|reject|\bbelow\b|\blower\b|\bunder\b|suppress", re.IGNORECASE)


def _bounds(text: str, found: list[Spec]) -> None:
    """A gain's one-sided bound from the words before or inside its text, or "or more" after it."""
    for n, spec in enumerate(found):
        at = text.find(spec.text)
        if spec.quantity not in ("gain", "gain_db", "dc_gain_db") or at < 0:
            continue
        lead = text[max(0, at - 20):at] + spec.text[:30]
        after = _OR_MORE.match(text, at + len(spec.text))
        least = any(m.end() == len(text[max(0, at - 20):at]) or m.start() >= len(text[max(0, at - 20):at])
                    for m in _AT_LEAST.finditer(lead)) or bool(after and after["more"])
        most = any(m.end() == len(text[max(0, at - 20):at]) or m.start() >= len(text[max(0, at - 20):at])
                   for m in _AT_MOST.finditer(lead)) or bool(after and after["less"])
        if least == most:
            continue
        # "at least 30 dB down at 60 Hz": the gain is at most -30 dB
        flip = spec.quantity == "gain_db" and spec.target < 0 and bool(_ATTENUATION.search(spec.text))
        found[n] = dataclasses.replace(spec, bound="min" if least != flip else "max")


# A corner said as the end of what passes: "let audio through from about 30 Hz upward", "flat down to 20 Hz" (at or
# below it: 30 Hz itself must pass), "keep everything up to 20 kHz" (at or above it)
_HZ = r"\d+(?:\.\d+)?\s?(?:[kKM]|meg)?Hz\b"
# ("I don't want to lose more than 3 dB anywhere above 20 Hz": no more than the corner's loss there, at or below it)
_EDGE_BELOW = re.compile(rf"\b(?:down\s+to|as\s+low\s+as)\s+(?:about\s+|around\s+|roughly\s+|~\s*)?{_HZ}"
                         rf"|\blos(?:e|ing|es)\s+(?:more\s+than|over)\s+3\s*db\s+(?:\w+\s+)?above\s+{_HZ}"
                         rf"|{_HZ}\s*(?:and\s+(?:up|above|higher)\b|or\s+(?:above|higher)\b|up(?:wards?)?\b|onwards?\b)",
                         re.IGNORECASE)
_EDGE_ABOVE = re.compile(rf"\blos(?:e|ing|es)\s+(?:more\s+than|over)\s+3\s*db\s+(?:\w+\s+)?below\s+{_HZ}"
                         rf"|\b(?:up\s+to|as\s+high\s+as|all\s+the\s+way\s+(?:up\s+)?to)\s+"
                         rf"(?:about\s+|around\s+|roughly\s+|~\s*)?{_HZ}(?!\s*(?:and|or)\s+(?:up|above|higher))",
                         re.IGNORECASE)


def _edge_bounds(text: str, found: list[Spec]) -> None:
    """A cutoff said as the end of a passband is a bound: the corner at or below it ("max") or at or above it."""
    for n, spec in enumerate(found):
        at = text.find(spec.text)
        if spec.quantity != "cutoff" or spec.bound or at < 0:
            continue
        end = at + len(spec.text)  # (the edge's own figure: "cutoff 3.3 kHz, AC sweep up to 1 MHz" bounds nothing)
        near = (max(0, at - 50), end + 20)
        below = any(m.start() < end and m.end() > at for m in _EDGE_BELOW.finditer(text, *near))
        above = any(m.start() < end and m.end() > at for m in _EDGE_ABOVE.finditer(text, *near))
        if below != above:
            found[n] = dataclasses.replace(spec, bound="max" if below else "min")


# "a gain of 10 at 200 Hz", "gain is 0 dB (measured) at 1 kHz": where a gain is measured
_GAIN_AT = re.compile(r"\s*(?:\(\s*)?(?:measured\s+)?at\s+(?P<f>\d+(?:\.\d+)?\s?(?:[kKM]|meg)?Hz)\b", re.IGNORECASE)
# "roughly 5 khz corner", "a 1 kHz-ish cutoff", "10 dB or so": a target the user gives loosely, met within 10 %
_LOOSELY_BEFORE = re.compile(r"\b(?:roughly|approximately|approx\.?|ballpark|something\s+like|~)\s*$", re.IGNORECASE)
_LOOSELY_AFTER = re.compile(r"(?:-?\s?ish\b|\s+or\s+so\b)", re.IGNORECASE)
_WITHIN_PCT = re.compile(r"\s*,?\s*\(?\s*(?:within|to\s+within|±|\+/-|\+-)\s*(?P<pct>\d+(?:\.\d+)?)\s*%\)?",
                         re.IGNORECASE)
_DB_SPECS = ("gain_db", "dc_gain_db", "flat", "q")  # tolerances in dB, or a Q's own
_WITHIN_DB = re.compile(r"\s*\(?\s*(?:within|to\s+within|±|\+/-)\s*(?P<db>\d+(?:\.\d+)?)\s*dB\)?", re.IGNORECASE)


# --- specs said in words -----------------------------------------------------------------------
# "three times in but flipped in sign", "multiply it by two", "gain exactly one", "a third of its voltage",
# "reaching 63 % after 1 ms", "1000 times a second", "2.5 kHz wide", "never goes above 0.7 V", "glow with
# 15 mA": each read as the spec quantity the design and the checklist already know, its words kept whole.
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*)"  # "10,000"
_MULTIPLE = re.compile(rf"\b(?P<n>{_NUMBER})\s+times\s+(?:the\s+|its\s+)?"
                       r"(?:input|in|bigger|larger|louder|stronger|greater|as\s+(?:big|large|loud)|size|amplitude"
                       # "ten times whatever is on node tiny", "5 times the voltage at a": a node's level scaled
                       r"|(?:whatever|what)(?:'s|\s+is|\s+sits|\s+appears)?\s+(?:on|at)|(?:voltage|level|signal)\s+"
                       # ("puts out a few hundred mV. I want ten times that at node amp10": the signal said before)
                       r"(?:on|at|of)|node|(?:that|this|it)(?=\s+(?:at|on|out|in)\b))\b"
                       rf"|\b(?:input|signal)\s+(?:times|multiplied\s+by)\s+(?:minus\s+|negative\s+|-\s*)?(?P<x>{_NUMBER})\b"
                       # "the sum of a and b, times minus two": a gain said after what it multiplies
                       rf"|(?<=,\s)times\s+(?P<tneg>minus\s+|negative\s+|-\s*)(?P<tn>{_NUMBER})\b"
                       rf"|\bamplif(?:y|ies|ying)\s+(?:\S+\s+){{0,3}}?(?P<amp2>{_NUMBER})(?:\s+times\b|\s*[x×](?!\w))"
                       rf"|\bmultipl(?:y|ies|ied|ying)\s+(?:it\s+|that\s+|them\s+|(?:the|its)\s+\w+\s+)?by\s+"
                       rf"(?P<by>{_NUMBER})\b"
                       # ("double the 1 kHz, 1 V sine on node x")
                       # (the words between with a figure of the wave: "a mirror that doubles its input" is a ratio)
                       # (not "doubles the voltage of a ... sine": a doubler's)
                       r"|\b(?P<word>twice|double|triple)s?\s+(?!(?:the\s+)?(?:dc\s+)?voltage\b)(?:the\s+)?"
                       r"(?:[^.;]{0,24}?\d[^.;]{0,24}?\s)?(?:input|in|signal|amplitude|sines?|waves?)\b"
                       # "make it twice as big": the size said against the input's
                       r"|\b(?P<word2>twice|double|triple)\s+as\s+(?:big|large|loud|strong|much|high|tall)\b"
                       rf"|\b(?:amplif(?:y|ies|ying)|boost(?:s|ing)?)\s+(?:\S+\s+){{0,7}}?by\s+(?:a\s+factor\s+of\s+)?"
                       rf"(?P<amp>{_NUMBER})\b(?!\s*dB)"
                       # "3 x (v2 - v1)", "2.5 times the difference": a difference amplifier's gain
                       rf"|(?<![\w.])(?P<diff>{_NUMBER})\s*(?:[×x*·]|times)\s*(?:\(\s*v?\w+\s*[-\u2212\u2013]\s*v?\w+\s*\)"
                       r"|the\s+difference\b)"
                       # "x20 louder", "20x bigger": a multiple written with its sign of times
                       rf"|(?<![\w.])(?:[x×]\s?(?P<xn>\d+(?:\.\d+)?)|(?P<xn2>\d+(?:\.\d+)?)\s?[x×])\s+"
                       r"(?:louder|bigger|larger|stronger|greater|gain|amplification)\b"
                       # "half as big", "a third the size": a multiple below one
                       r"|\b(?P<part>half|(?:a|one)\s+(?:third|quarter|fifth|tenth))\s+(?:as\s+(?:big|large|loud|strong|much)"
                       r"|the\s+(?:size|amplitude|level))\b"
                       r"|\bunity[- ]gain\b(?![- ](?:bandwidth|frequency|freq))"
                       # "|gain| falls to 1 at 2 kHz": unity where it is said to fall to it
                       r"|\|?\bgain\|?\s+(?:falls|drops|comes\s+down|rolls\s+off|is\s+down)\s+to\s+(?:1|one|unity)\b(?!\.\d)"
                       # "without changing its size", "the same amplitude": a gain of one (its sign said apart)
                       r"|\b(?:without|not|never|no)\s+(?:\w+\s+)?(?:chang|alter)\w*\s+(?:its|the)\s+"
                       r"(?:size|amplitude|magnitude)\b|\b(?:the\s+)?same\s+(?:size|amplitude|magnitude)\b"
                       r"|\bgain\s+(?:of\s+)?(?:exactly\s+|precisely\s+|about\s+)?(?P<neg>minus\s+|negative\s+)?"
                       rf"(?:unity|(?P<g>\d+(?:\.\d+)?|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*))\b"
                       r"(?![.,]\d|\s*dB|\s*(?:[kKMG]|meg)?\s*Hz\b)", re.IGNORECASE)  # "gain 46 dB" is in decibels
# "boost the signal by 26 dB", "amplify it by 20 dB": a gain in decibels
_BY_DB = re.compile(r"\b(?:amplif|boost|rais|increas|lift)\w*\s+(?:\S+\s+){0,7}?by\s+(?:about\s+|around\s+|roughly\s+)?"
                    r"(?P<db>\d+(?:\.\d+)?)\s*dB\b"
                    r"|\b(?P<db2>\d+(?:\.\d+)?)\s*dB\s+(?:louder|more\s+gain|amplifier|preamp\w*|gain\s+stage|boost)\b",
                    re.IGNORECASE)
# "halves the DC level", "passes one third of the DC": a gain below 1 at DC (a loaded or divided low-pass)
_DC_SHARE = re.compile(r"\bhalv(?:es|ing|e)\s+(?:the\s+|its\s+)?dc\b"
                       r"|\b(?:pass|keep|give|leav|let)\w*\s+(?:through\s+)?(?:only\s+)?(?P<n>one|a|two|three)\s+"
                       r"(?P<den>half|third|quarter|fourth|fifth|tenth)s?\s+of\s+(?:the\s+|its\s+)?dc\b", re.IGNORECASE)
# a frequency and a time as the worded specs below write them: "50 Hz", "2.5 kHz", "1 ms"
_HZ = r"\d+(?:\.\d+)?\s*(?:[kKM]|meg)?\s*Hz"
_SECONDS = r"\d+(?:\.\d+)?\s*[munpµ]?s"
_TIMES_WORDS = {"twice": 2.0, "double": 2.0, "triple": 3.0}
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10}
_FRACTION = re.compile(r"(?P<down>\bdown\s+to\s+)?\b(?:(?P<n>an?|one|two|three|four|\d+)[\s-]+)?"
                       r"(?P<den>half|third|quarter|fourth|fifth|sixth|eighth|tenth)s?"
                       r"(?(down)\b|\s+(?:(?:of\s+)?(?:its|the|their|that)\s+(?:[\w.]+\s+){0,2}?(?:voltage|input|supply|level)\b"
                       r"|of\s+(?:it|that|this)\b"  # "drops the 9 V at top to a third of it", "... of that"
                       r"|(?=(?:at|on)\s+(?:the\s+)?(?:node\s+)?out(?:put)?\b)))", re.IGNORECASE)
# "1/4 of the 8 V input", "2/3 of its supply voltage": the same share in figures
_SLASH_SHARE = re.compile(r"(?<![\w./])(?P<n>\d+)\s*/\s*(?P<d>\d+)\s+of\s+(?:the\s+|its\s+|their\s+)"
                          r"(?:[\w.]+\s+){0,2}?(?:voltage|input|supply|level)\b", re.IGNORECASE)
_ABOUT = r"(?:about|around|roughly|approximately|some|near(?:ly)?|close\s+to|~)\s*"
# ("getting to 63 % of the way 5 ms after the step": the time after the step the share is reached)
_LAG = re.compile(r"\b(?:reach\w*|gets?(?:\s+to)?|getting(?:\s+to)?|(?:climb|rise)s?\s+to)\s+"
                  rf"(?:{_ABOUT})?(?P<pct>\d+(?:\.\d+)?)\s*%\s+"
                  # ("63 % of the way (about 3.16 V) 2 ms later": a level noted between)
                  rf"(?:of\s+(?:\S+\s+){{1,6}}?)?(?:(?:after|in|within)\s+(?P<t>{_SECONDS})\b"
                  rf"|(?P<later>{_SECONDS})\s+(?:later|after(?:wards?)?)\b)"
                  rf"|\btakes?\s+(?:{_ABOUT})?(?P<takes>{_SECONDS})\s+to\s+reach\s+(?:{_ABOUT})?(?P<pct2>\d+(?:\.\d+)?)\s*%"
                  rf"|(?:\btime\s+constant|\btau\b|\u03c4)\s+(?:of\s+|=\s*|is\s+)?(?:about\s+)?(?P<tau>{_SECONDS})\b"
                  # "a 1 ms time constant", "with 50 ms of time constant"
                  rf"|(?<![\w.])(?P<tau2>{_SECONDS})\s+(?:of\s+)?(?:RC\s+)?time[- ]constant\b",
                  re.IGNORECASE)
# "a 10-90 % rise time of 2.2 us", "5 us rise time (10 % to 90 %)": a first-order lag's step response
_SHARES = r"(?P<lo{n}>\d+(?:\.\d+)?)\s*%?\s*(?:-|\u2013|to)\s*(?P<hi{n}>\d+(?:\.\d+)?)\s*%"
_RISE = re.compile(rf"(?:\b{_SHARES.format(n='')}\s+)?rise[- ]?time\s+"
                   r"(?:(?:at|of|on)\s+(?:the\s+)?(?:node\s+)?(?!is\b)\w+\s+)?"  # "... rise time at out is 50 µs"
                   rf"(?:of\s+|=\s*|is\s+|:\s*)?(?:{_ABOUT})?"
                   rf"(?P<t>{_SECONDS})\b"
                   rf"|\b(?P<t2>{_SECONDS})\s+(?:\(?{_SHARES.format(n='2')}\)?\s+)?rise[- ]?time\b"
                   rf"(?:\s*\(\s*{_SHARES.format(n='3')}\s*\))?", re.IGNORECASE)
# "a period of 2 ms", "its period is 500 us", "a 1 ms period", in a circuit that oscillates
_PERIOD = re.compile(rf"\bperiod\s+(?:of\s+|=\s*|is\s+|:\s*)?(?:{_ABOUT})?(?P<t>{_SECONDS})\b"
                     rf"|\b(?P<t2>{_SECONDS})\s+period\b", re.IGNORECASE)
_OSCILLATES = re.compile(r"oscillat|astable|multivibrator|relaxation|square[- ]wave\s+generator", re.IGNORECASE)
# ("about four complete on-off cycles every second": the cycle's words between)
_RATE = re.compile(rf"\b(?:(?P<n>{_NUMBER})\s+(?:(?:complete|full|whole)\s+)?(?:on[- ]off\s+|off[- ]on\s+)?"
                   r"(?:times|cycles)|(?P<w>once|twice|thrice))\s+(?:a|per|each|every)\s+second\b"
                   # "generate a 2 kHz sine wave", "produce a square wave at 500 Hz": the frequency it makes
                   r"|\b(?:generat|produc|creat|output|mak(?:e|es|ing)\b)\w*\s+(?:an?\s+)?(?:clean\s+|pure\s+|steady\s+)?"
                   rf"(?:(?:{_ABOUT})?(?P<f>{_HZ})\s+(?:sine|square|triangle|clock|pulse)"
                   rf"|(?:sine|square|triangle)\s*(?:wave)?\s+(?:at|of|around|about|near)\s+(?P<f2>{_HZ}))"
                   r"|\b(?:repeats?|repeating|blinks?|flashes|toggles?|flips?)\s+(?:once\s+)?every\s+"
                   rf"(?P<t>{_SECONDS})\b",
                   re.IGNORECASE)
# "remove the 50 Hz hum", "kill 60 Hz": a notch
_REMOVES = re.compile(r"\b(?:remov|kill|block|eliminat|get\s+rid\s+of)\w*\s+(?:only\s+|just\s+)?(?:the\s+|a\s+|any\s+)?"
                      rf"(?P<f>{_HZ})\b(?!\s+(?:and\s+)?(?:above|below|up|down|or))"
                      # ("I want 50 Hz mains hum gone": the frequency, then what goes)
                      rf"|\b(?P<f2>{_HZ})\s+(?:mains\s+|line\s+|power[- ]line\s+)?(?:hum|buzz|noise|interference)\s+"
                      r"(?:is\s+|to\s+be\s+)?(?:gone|removed|killed|out)\b",
                      re.IGNORECASE)
# "knock 12 V down to 5 V": the output level
_DOWN_TO = re.compile(r"\bdown\s+to\s+(?:about\s+|around\s+)?(?P<v>\d+(?:\.\d+)?\s*V)\b", re.IGNORECASE)
_WIDE = re.compile(rf"\b(?P<w>{_HZ})\s+wide\b"
                   rf"|\bbandwidth\s+(?:of\s+|=\s*|is\s+)?(?:about\s+)?(?P<w2>{_HZ})\b")
# "an octave-wide window", "two octaves wide", "a bandwidth of one octave": a band's width in octaves
_OCTAVES_WIDE = re.compile(r"\b(?:(?P<n>an|one|two|three|a\s+half|half\s+an)|(?P<n2>\d+(?:\.\d+)?))"
                           r"[- ]octaves?[- ]wide\b"
                           r"|\bbandwidth\s+(?:of\s+)?(?P<n3>an|one)\s+octave\b", re.IGNORECASE)
_NEVER = re.compile(r"\b(?:never\s+(?:goes?\s+|gets?\s+|rises?\s+|swings?\s+|falls?\s+|sees?\s+|exceeds?\s+)?"
                    r"|(?:chop|clip|cut|lop|shave|limit)\w*\s+(?:off\s+)?(?:everything|anything|all|whatever\s+is)\s+"
                    # "clamp spikes above 5 V", "limit the peaks at 3 V": what is cut and where
                    r"|(?:clamp|clip|limit|cap)\w*\s+(?:the\s+|any\s+)?(?:spikes?|peaks?|transients?|surges?|overshoots?|"
                    r"swings?|signal|input|voltage)\s+)"
                    r"(?:above|over|below|under|past|(?:any\s+)?more\s+than|higher\s+than)\s+"
                    r"(?:about\s+|around\s+|roughly\s+)?(?P<v>[-+\u2212]?\d+(?:\.\d+)?\s*m?V)\b"
                    r"|\b(?:limited|clamped|capped)\s+(?:at|to)\s+(?:about\s+|around\s+)?(?P<v2>[-+\u2212]?\d+(?:\.\d+)?\s*m?V)\b"
                    # "clip both sides at roughly +/-3 V": a symmetric limit, its positive level
                    r"|\bclip\w*\s+(?:both\s+(?:sides|halves|peaks)\s+)?at\s+(?:about\s+|around\s+|roughly\s+)?"
                    r"(?:\+/-|\u00b1)\s*(?P<v3>\d+(?:\.\d+)?\s*m?V)\b",
                    re.IGNORECASE)
# "divide the 12 V at in by 4": the output level
_DIVIDE_BY = re.compile(rf"\bdivid\w*\s+(?:\S+\s+){{0,6}}?by\s+(?:a\s+factor\s+of\s+)?(?P<n>{_NUMBER})\b"
                        r"(?!\s*(?:dB|%))", re.IGNORECASE)
# "pass only frequencies between 1 kHz and 10 kHz": a band by its edges
_BETWEEN = re.compile(r"\b(?:let|lets|letting|pass|passes|passing|keep|keeps|keeping)\b\s*(?:[^\s.;:]+\s+){0,4}?"
                      rf"(?:between|from)\s+(?:{_ABOUT})?(?P<f1>{_HZ})\s+(?:and|to)\s+(?:{_ABOUT})?(?P<f2>{_HZ})\b",
                      re.IGNORECASE)
# "only lets through what's above 800 Hz", "cuts everything below 50 Hz": the corner
_PASSES = re.compile(r"\b(?:lets?|letting|pass(?:es|ing)?|keeps?|keeping|blocks?|blocking|cuts?|cutting|remov\w*|"
                     r"kill\w*|"
                     r"reject\w*|stop\w*|attenuat\w*|roll\w*\s+off|filter\w*\s+out)\b\s*"
                     r"(?:[^\s.;:]+\s+){0,6}?(?:above|over|below|under|higher\s+than|lower\s+than)\s+"
                     rf"(?:{_ABOUT})?(?P<f>{_HZ})\b", re.IGNORECASE)
# "halves the power at 500 Hz", "half-power point at 2 kHz", "down 3 dB at 1 kHz": the -3 dB corner
_HALF_POWER = re.compile(r"\b(?:halv(?:e|es|ing)\s+(?:the\s+|its\s+)?(?:output\s+)?power"
                         r"|half[- ]power(?:\s+(?:point|frequency|corner))?"
                         r"|(?:power|output\s+power)\s+(?:drops|falls|is\s+halved)(?:\s+(?:to|by)\s+half)?"
                         rf"|(?:down|drops?|falls?)\s+(?:by\s+)?3\s*dB)\s+(?:at|is\s+at|of|=)\s+(?:{_ABOUT})?(?P<f>{_HZ})\b",
                         re.IGNORECASE)
# "stop a narrow band around 10 kHz": a notch; "pass only a band around 10 kHz": a centre
_BAND_AT = re.compile(r"\b(?:(?P<stop>stop|block|reject|remov|kill|cut|notch)|keep|pass|let)\w*\s+"
                      r"(?:out\s+|through\s+)?(?:only\s+|just\s+)?(?:a|the)\s+(?:narrow\s+|small\s+|thin\s+)?band\s+"
                      r"(?:of\s+frequencies\s+)?(?:around|at|near|about|cent(?:er|re)d?\s+(?:on|at))\s+"
                      rf"(?:{_ABOUT})?(?P<f>{_HZ})\b", re.IGNORECASE)
# "keep out at 3.3 V", "hold a steady 5 V at out", "the output must stay at 5.1 V", "make a 3.3 V rail at out",
# "halves the 5 V rail": the output level
_HOLDS = re.compile(r"\b(?:(?:keep|hold|maintain|regulat|stabili[sz])\w*\s+(?:(?:the\s+)?(?:load|output|out)\s+"
                    r"(?:(?:at|on)\s+(?:node\s+)?\w+\s+)?|it\s+)?"
                    r"|(?:out(?:put)?|load)\s+(?:must\s+|should\s+|will\s+|has\s+to\s+)?(?:stays?|remains?|be\s+held|be\s+kept)\s+)"
                    r"(?:at\s+)?(?:an?\s+)?(?:steady|constant|stable|fixed|regulated|solid)?\s*"
                    r"(?P<v>\d+(?:\.\d+)?\s*V)\b(?!\s*(?:supply|battery|rail|source|input|in\b))"
                    r"|\b(?:mak|creat|generat|produc|giv|provid|deriv|deliver)\w*\s+(?:me\s+)?(?:an?\s+)?"
                    r"(?:steady\s+|regulated\s+|stable\s+|clean\s+)?(?P<made>\d+(?:\.\d+)?\s*V)\s+"
                    r"(?:rail\s+|output\s+|level\s+|reference\s+)?(?:(?:at|on)\s+(?:node\s+)?out(?:put)?\b"
                    r"|from\s+(?:an?\s+|the\s+)?\d+(?:\.\d+)?\s*V\b)"
                    r"|\bhalv(?:e|es|ing)\s+(?:the\s+|a\s+)?(?P<half>\d+(?:\.\d+)?\s*V)\b"
                    # "a 3.3 V reference from a 12 V rail", "5 V regulated output off a 9 V battery"
                    r"|(?P<ref>\d+(?:\.\d+)?\s*V)\s+(?:regulated\s+|stable\s+|steady\s+)?(?:voltage\s+)?"
                    r"(?:reference|rail|output)\s+(?:from|off|out\s+of)\s+(?:an?\s+|the\s+)?\d+(?:\.\d+)?\s*V\b",
                    re.IGNORECASE)
# "the emitter sits at about 4.5 V", "output idling at 6 V": a bias point (the family's output node)
# "3.3 V at vo from 5 V at vin", "2 V at node tap from a 9 V supply": the output's level, the supply's after it
_LEVEL_FROM = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?\s*V)\s+(?:at|on)\s+(?:the\s+)?(?:node\s+)?[a-z_]\w*\s+from\s+"
                         r"(?:an?\s+|the\s+)?[-+]?(?:\d+(?:\.\d+)?|\.\d+)\s?[mkµu]?V\b", re.IGNORECASE)
# ("the drain (node dd6) sits at 6 V": its node named in an aside)
_SITS = re.compile(r"\b(?:emitter|collector|drain|output|out)\s+"
                   r"(?:\(\s*(?:node\s+)?(?P<n>[a-z_]\w*)\s*\)\s+|(?:node\s+)?(?:\w+\s+)?)(?:sits?|sitting|rests?|resting|"
                   r"idles?|idling|settles?|is\s+biased|biased)\s+(?:at\s+)?(?:about\s+|around\s+|roughly\s+|near\s+|"
                   r"close\s+to\s+)?(?P<v>\d+(?:\.\d+)?\s*V)\b"
                   # "a drain resistor that puts the drain at 2.5 V", "and the collector at 5 V": a transistor's bias
                   r"|\b(?:(?:puts?|sets?|holds?|places?|keeps?|brings?|biases?)\s+|and\s+|with\s+)(?:the|its)\s+"
                   r"(?:drain|collector|emitter)\s+(?:node\s+)?(?:\w+\s+)?(?:at|to)\s+(?:about\s+|around\s+)?"
                   # ("with its drain held at 5 V by VD": a level a named source holds is that source's, no spec)
                   r"(?P<v2>\d+(?:\.\d+)?\s*V)\b(?!\s+by\s+(?:the\s+|a\s+)?(?:source\s+)?[vi]\w*)"
                   # ("so that the emitter, node emit, sits at 4 V DC", read as "node emit (the emitter) sits at")
                   r"|\bnode\s+(?P<n3>[a-z_]\w*)\s*\(\s*(?:the\s+)?(?:emitter|collector|drain|output)\s*\)\s+"
                   r"(?:sits?|rests?|idles?|settles?|is\s+biased)\s+(?:at\s+)?(?:about\s+|around\s+|roughly\s+)?"
                   r"(?P<v3>\d+(?:\.\d+)?\s*V)\b"
                   # ("..., drain current 1 mA, drain at 5 V": a pin's level in a clause of its own)
                   r"|(?:^|(?<=[,;:]\s))(?:the\s+)?(?:drain|collector|emitter)\s+(?:\(\s*(?:node\s+)?(?P<n4>[a-z_]\w*)\s*\)"
                   r"\s+)?(?:at|=)\s*(?:about\s+|around\s+)?(?P<v4>\d+(?:\.\d+)?\s*V)\b(?!\s*(?:dc\s+)?(?:supply|rail))",
                   re.IGNORECASE)
# "emitter ef_e parked at about half supply", "the collector sits at mid-rail": a bias point at half the supply
_SITS_MID = re.compile(r"\b(?:emitter|collector|drain|output)\s+(?:node\s+)?(?:(?P<n>[a-z_]\w*)\s+)?(?:sits?|sitting|"
                       r"parked|rests?|resting|idles?|idling|is\s+biased|biased|settles?)\s+(?:at\s+)?(?:about\s+|"
                       r"around\s+|roughly\s+|near\s+)?(?:half(?:\s+(?:the|its))?[- ](?:supply|rail)|"
                       r"mid[- ](?:supply|rail))\b",
                       re.IGNORECASE)
_SUPPLY_LEVEL = re.compile(r"(?P<v>\d+(?:\.\d+)?\s*V)\s+(?:dc\s+)?(?:supply|rail)\b", re.IGNORECASE)
# "I want 3 V at node mid", "need 1.8 V on node t": the level the circuit is to make at that node (its output)
# ... or made there ("make 3.3 V at node tap", "giving 2.5 V at mid"), by the circuit, not by a source the clause names
# first ("VT gives 5 V at top": _NOT_MADE)
_WANTED_AT = re.compile(r"\b(?:want|need|get|make|makes|making|give|gives|giving|produces?|producing|delivers?|"
                        # ("so it sits centred on 1.65 V at node amid": the level a signal is shifted to)
                        r"delivering|(?:rides?|riding|sits?|sitting)(?:\s+(?:centred|centered))?\s+(?:on|around|at)"
                        r"|(?:centred|centered)\s+(?:on|around|at))\s+(?:me\s+|us\s+)?(?:about\s+|around\s+|exactly\s+|roughly\s+)?(?P<v>\d+(?:\.\d+)?\s*[mµu]?V)\s+"
                        r"(?:at|on)\s+(?:the\s+)?(?:node\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)
# "About 1.2 V at bg_ref": a level a sentence opens with, at a node, is the level wanted there
_ABOUT_AT = re.compile(r"(?:^|[.;:]\s+|,\s+(?:and\s+)?)(?P<said>(?:about|around|roughly|approximately|~)\s*"
                       r"(?P<v>\d+(?:\.\d+)?\s*[mµu]?V)\s+(?:at|on)\s+(?:the\s+)?(?:node\s+)?(?P<n>[a-z_]\w*))\b",
                       re.IGNORECASE)
# "12 V rail on node r12 -> two resistors -> 3.3 V at node d33": the level the path ends in, after a supply's
_ARROWED_LEVEL = re.compile(r"(?:->|\u2192)\s*(?:about\s+|around\s+|~\s*)?(?P<v>\d+(?:\.\d+)?\s*[mµu]?V)\s+(?:at|on)\s+"
                            r"(?:the\s+)?(?:node\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)
# "the output node tia must read -2 V", "mid should sit at 4.5 V": a level a named node is to have (a node the request
# marks as one: _MUST_READ's readers check `marked`)
# ... or is to have once a part is chosen ("choose R2 ... so that node b sits at 3 V")
# ... "the output cas_out and should sit near 6 V DC", "so the output pd_out is +1 V": an output's level
_MUST_READ = re.compile(r"(?:\b(?P<n>[a-z_]\w*)\s+(?:(?:and|which|that)\s+)?"
                        r"(?:must|should|has\s+to|needs?\s+to|is\s+to|ought\s+to)\s+(?:read|show|be|sit\s+(?:at|near|around|close\s+to)|settle\s+(?:at|to)|"
                        # ("node bgout has to hold that same 1.25 V")
                        r"(?:hold|keep|give|deliver|provide)(?:\s+(?:that|the))?(?:\s+same)?|"
                        r"come\s+out\s+(?:at|to)|measure|equal|reach)"
                        # ("pick the drain resistor so dr6 is at 3 V")
                        r"|\b(?:that|output|so(?:\s+that)?)\s+(?:node\s+)?(?P<m>[a-z_]\w*)\s+(?:sits\s+at|is(?:\s+at)?|reads|"
                        r"measures|"
                        r"equals|settles\s+at|comes\s+out\s+at))\s+"
                        r"(?:about\s+|around\s+|roughly\s+|exactly\s+|approximately\s+)?"
                        r"(?P<v>[-+\u2212]?\d+(?:\.\d+)?\s*[mµu]?V)\b(?!\s*(?:peak|pk|pp|p-p|rms|swing|ripple|of))",
                        re.IGNORECASE)
# "so that 5 V reads as 1.8 V", "12 V should come out as 3.3 V": the input's level, then the output's it becomes
_READS_AS = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*[mµu]?V\s+(?:in\s+|input\s+)?(?:reads|becomes|shows\s+up|appears|"
                       r"comes\s+out|(?:should|must|will)\s+(?:read|become|show\s+up|appear|come\s+out))\s+as\s+"
                       r"(?:about\s+|around\s+|roughly\s+|exactly\s+)?(?P<v>\d+(?:\.\d+)?\s*[mµu]?V)\b", re.IGNORECASE)
_NOT_MADE = re.compile(r"(?:\b(?-i:[VI][A-Z0-9_]+)|\b(?:source|battery|generator))"
                       r"\s+(?:that\s+|which\s+)?$", re.IGNORECASE)
# "20 dB down at 16 kHz", "attenuates by 40 dB at 1 MHz", "-6 dB at 500 Hz": a gain at a frequency
_DOWN_AT = re.compile(r"(?:(?P<db>\d+(?:\.\d+)?)\s*dB\s+(?:down|below|lower|under|(?:of\s+)?(?:attenuation|rejection))"
                      r"|\battenuat\w*\s+(?:by\s+|of\s+)?(?:at\s+least\s+)?(?P<db2>\d+(?:\.\d+)?)\s*dB"
                      r"|(?<![\w.])[-\u2212](?!3(?:\.0)?\s*dB)(?P<db3>\d+(?:\.\d+)?)\s*dB)"
                      rf"\s+(?:at|by)\s+(?:both\s+)?(?P<f>{_HZ})\b"
                      # ("at both 100 Hz and 10 kHz": the same loss at each)
                      rf"(?:\s*(?:,|and)\s*(?:at\s+)?(?P<f2>{_HZ})\b)?", re.IGNORECASE)
_DOWN_THERE = re.compile(r"(?<![\w.])(?P<db>\d+(?:\.\d+)?)\s*dB\s+(?:down|below|lower|under|of\s+(?:attenuation|"
                         r"rejection))\s+(?:right\s+)?there\b", re.IGNORECASE)
# "20 dB of attenuation", "attenuate it by 6 dB", "exactly -20 dB from a to b" in an attenuator or divider: a loss
# with no frequency (at one, it is _DOWN_AT's), the gain in dB a passive network has at every frequency
_LOSS_DB = re.compile(r"(?<![\w.])(?P<db>\d+(?:\.\d+)?)\s*dB\s+(?:of\s+)?(?:(?:resistive|resistor|passive)\s+)?"
                      r"(?:attenuation|(?:insertion\s+)?loss|pad|attenuator|divider)\b"
                      r"|\b(?:attenuat|drop|cut|lower|reduc)\w*\s+(?:\S+\s+){0,4}?by\s+(?:about\s+|exactly\s+|around\s+)?"
                      r"(?P<db2>\d+(?:\.\d+)?)\s*dB\b"
                      r"|(?<![\w.])[-\u2212](?!3(?:\.0)?\s*dB)(?P<db3>\d+(?:\.\d+)?)\s*dB\b"
                      r"|\b(?:attenuat(?:or|ion)|pad|loss)\s+(?:of\s+|is\s+|=\s*|:\s*)?"
                      r"(?:exactly\s+|precisely\s+|about\s+|around\s+)?(?P<db4>\d+(?:\.\d+)?)\s*dB\b"
                      # "an attenuator, 14 dB down": the same, where the sentence names a loss (as a bare "-20 dB")
                      r"|(?<![\w.])(?P<db5>\d+(?:\.\d+)?)\s*dB\s+down\b", re.IGNORECASE)
_LOSS_SAID = re.compile(r"attenuat|divid|\bpad\b|\bloss\b", re.IGNORECASE)  # a bare "-20 dB" is a loss in these words
_LOSS_AT = re.compile(rf"\s*(?:/|per\b|a\s+decade|(?:at|by)\s+{_HZ}|(?:point|corner|cut-?off|bandwidth)\b)",
                      re.IGNORECASE)
_FLAT_AT = re.compile(rf"\b(?P<near>(?:nearly|almost|essentially|practically|roughly)\s+)?flat\s+(?:response\s+)?"
                      rf"(?:at|by)\s+(?P<f>{_HZ})\b", re.IGNORECASE)
_GLOW = re.compile(r"\b(?:glow|light|shine)\w*\s+(?:up\s+|brightly\s+)?(?:with|at|on)\s+"
                   r"(?:about\s+|around\s+|roughly\s+)?(?P<i>\d+(?:\.\d+)?\s*[mµu]?A)\b", re.IGNORECASE)


# "the drain must sit below 0.3 V", "coil node below 0.3 V", "node vo should stay above 4.5 V": a bound on a
# node's level, measured there (the family's output when the words name the output), never designed for
_LEVEL_BOUND = re.compile(r"\b(?:node\s+(?P<n1>[a-z_]\w*)|(?P<n2>[a-z_]\w*)\s+node|(?:the\s+)?(?P<n3>[a-z_]\w*)"
                          r"(?:\s+(?:voltage|level))?)\s+"
                          r"(?P<modal>(?:must|should|has\s+to|needs?\s+to|will|is\s+to|shall)\s+(?:always\s+)?)?"
                          r"(?P<verb>(?:sits?|stays?|be|remains?|reads?|rests?|settles?|falls?|drops?)\s+)?"
                          r"(?P<dir>below|under|less\s+than|at\s+most|no\s+more\s+than|above|over|more\s+than|at\s+least"
                          r"|no\s+less\s+than)\s+(?:about\s+)?(?P<v>[-+]?\d+(?:\.\d+)?\s*m?V)\b", re.IGNORECASE)
_NOT_LEVEL = {"it", "that", "this", "which", "ripple", "signal", "swing", "drop", "noise", "offset", "error", "gain",
              "current", "input", "supply", "rail", "battery", "source", "peak", "amplitude", "one", "each", "never"}


def _level_bounds(text: str, found: list[Spec]) -> None:
    for m in _LEVEL_BOUND.finditer(text):
        node = (m["n1"] or m["n2"] or m["n3"]).lower()
        if node in _NOT_LEVEL or (m["n3"] and not (m["modal"] or m["verb"])):
            continue
        if not m["modal"] and re.search(r"\b(?:when|whenever|once|if|until|till|as\s+soon\s+as|after)\s+(?:the\s+)?$",
                                        text[:m.start()], re.IGNORECASE):
            continue  # ("goes high again when sc_in falls below 1.2 V": a threshold, the condition of a change)
        below = m["dir"].lower() in ("below", "under", "less than", "at most", "no more than")
        found.append(Spec(m[0].strip(), "level", _quantities(m["v"])[0].value, node=node,
                          bound="max" if below else "min"))


# "about 100k total", "a total resistance of 20k": the sum of a string of resistors (a divider's), measured as the
# resistance its source sees
TOTAL_RESISTANCE = re.compile(r"(?P<r>\d+(?:\.\d+)?\s*(?:meg|[kKM])?)\s*(?:ohms?|\u03a9|\u2126)?\s+(?:in\s+)?total\b"
                              r"|\btotal\s+(?:resistance\s+)?(?:of\s+|=\s*|is\s+)?(?:(?P<x>exactly\s+)|about\s+|around\s+)?"
                              r"(?P<r2>\d+(?:\.\d+)?\s*(?:meg|[kKM])?)\s*(?:ohms?|\u03a9|\u2126)?(?!\w|\.\d)",
                              re.IGNORECASE)


# An LED's sentence states the current it runs at ("a white LED ... run at 20 mA off a 9 V battery"), not a
# source's ("fed by a 1 mA current source") nor a limit ("20 mA max")
_LED_SAID = re.compile(r"\bleds?\b|\blight[- ]emitting\s+diodes?\b", re.IGNORECASE)
_NOT_LED_CURRENT = re.compile(r"\s*(?:dc\s+)?(?:constant[- ])?(?:current\s+(?:source|sink|limit)|max|maximum|peak|"
                              r"limit|rating|rated|absolute)", re.IGNORECASE)


def _led_current(text: str, found: list[Spec]) -> None:
    """The one current an LED's sentence states, as its current spec."""
    for q in _quantities(text):
        lo, hi = _sentence(text, q.start)
        led = _LED_SAID.search(text, lo, hi)
        if q.unit != "A" or q.value <= 0 or led is None or _NOT_LED_CURRENT.match(text, q.end) \
                or re.search(r"\b(?:by|from|with)\s+(?:an?\s+)?$", text[lo:q.start], re.IGNORECASE) \
                or sum(x.unit == "A" for x in _quantities(text[lo:hi])) > 1:
            continue
        found.append(Spec(text[led.start():q.end] if led.start() < q.start else q.text, "current", q.value))
        return


def _number(words: str) -> float:
    return float(words.replace(",", "")) if words[:1].isdigit() else _words_value(words)


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The sentence around position `at`."""
    starts = [m.end() for m in re.finditer(r"[.?!;]\s", text[:at])]
    end = re.compile(r"[.?!;](?:\s|$)").search(text, at)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


# A filter's own frequency, stated bare: "Sallen-Key low-pass, Butterworth, 5 kHz", "RC high-pass at 50 Hz",
# "a 2 kHz RC low-pass", "an LC trap tuned to 1 kHz". Not a source's or a sweep's ("a 1 kHz sine into a
# low-pass", "a low-pass swept from 10 Hz to 1 MHz"): no source or sweep word between the noun and the figure.
# A frequency's own name right before a bare figure ("fc 15k", "f_c = 4.7k", "f0: 2k"): the figure is in hertz.
_FREQUENCY_NAME = re.compile(r"\bf_?(?:c|0|3\s?db)\s*[=:]?\s*$", re.IGNORECASE)
_FILTER_NOUN = re.compile(r"\b(?:(?:low|high|band)[- ]?pass|[lhb]pf?|notch|band[- ]?(?:stop|reject)|"
                          r"filter(?!\s+(?:cap\w*|choke|inductor|resistor))|trap|sallen[- ]key|butterworth|bessel|"
                          r"chebyshev|ladder)\b", re.IGNORECASE)
_NOT_THE_FILTERS = re.compile(r"\b(?:sine|sinus\w*|signal(?!\s+path)|input|source|sweep\w*|swept|from|to|up|clock\w*|"
                              r"square|pulse\w*|triangle|tone|driv\w*|fed|feed\w*|excit\w*|amplitude|test\w*|step|"
                              r"noise|run\w*|oscillat\w*|carrier|ripple|load|gain|bandwidth|sampl\w*|analys\w*|"
                              r"simulat\w*|plot\w*|ac|db|wide)\b", re.IGNORECASE)
_TUNED = re.compile(r"\b(?:tuned|set|cent(?:er|re)d?)\s+(?:to|on|at)\b", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"[\s-]*(?P<between>(?:[\w-]+\s+){0,3}?)" + _FILTER_NOUN.pattern, re.IGNORECASE)


# "bandwidth 20 kHz", "a bandwidth of 5 kHz": an amplifier's corner, said before its figure (not a band-pass's
# width, which sets its Q; nor an op-amp's unity-gain or gain-bandwidth)
_BANDWIDTH_OF = re.compile(rf"(?<!gain )(?<!gain-)(?:-?\s?3\s?dB\s+)?bandwidth\s+(?:of\s+|=\s*|:\s*|is\s+|set\s+to\s+)?"
                           rf"(?:about\s+|around\s+|~\s*)?(?P<f>{_HZ})\b", re.IGNORECASE)


def _filter_frequency(text: str, found: list[Spec]) -> None:
    """A filter's frequency the request states with no spec word (above): its cutoff, a band-pass's centre;
    only when it is the one such figure (a band built from two corners states two). An amplifier's bandwidth
    said before its figure is its cutoff too."""
    if {s.quantity for s in found} & {"cutoff", "center", "notch", "f0", "edge", "frequency"}:
        return
    if (m := _BANDWIDTH_OF.search(text)) and not re.search(r"band[- ]?(?:pass|stop|reject)|\bnotch|\bcent(?:er|re)|"
                                                           r"resonan", text, re.IGNORECASE):
        found.append(Spec(m[0].strip(), "cutoff", _quantities(m["f"])[0].value))
        return
    picked, measured_at = [], {s.at for s in found}  # "-6 dB at 2.5 kHz": where a gain is measured
    for q in _quantities(text):
        named = q.unit == "" and _FREQUENCY_NAME.search(text, 0, q.start)  # "fc 15k", "f_c=4.7k": hertz by its name
        if (q.unit != "Hz" and not named) or q.value <= 0 or q.value in measured_at:
            continue
        lo, _ = _sentence(text, q.start)
        nouns = list(_FILTER_NOUN.finditer(text, lo, q.start))
        between = _TUNED.sub(" ", text[nouns[-1].end():q.start]) if nouns else ""
        after = _NOUN_AFTER.match(text, q.end)
        if nouns and len(between.split()) <= 8 and not _NOT_THE_FILTERS.search(between) \
                and not _NOT_THE_FILTERS.match(text[q.end:].lstrip()):  # "at 1 kHz sine": a source's
            picked.append(q)
        elif after and not _NOT_THE_FILTERS.search(after["between"]):
            picked.append(q)
    # (A notch's stays its frequency: the notch families tune it exactly, where a designed part would be
    # rounded to a series value that moves the narrow null off it.)
    if len(picked) == 1 and not (_STOPBAND.search(text) or re.search(r"\btrap\b", text, re.IGNORECASE)):
        q = picked[0]
        found.append(Spec(q.text, "center" if _BANDPASS.search(text) else "cutoff", q.value))
        if _BANDPASS.search(text) and not any(s.quantity == "q" for s in found) and (m := _WIDE.search(text)) \
                and (width := _quantities(m["w"] or m["w2"])[0].value) > 0:  # Q = f0 / bandwidth
            found.append(Spec(m[0].strip(), "q", q.value / width, tolerance=0.1))


def _share(m: re.Match) -> float:
    """The share a _FRACTION or _SLASH_SHARE match says: "a third" 1/3, "2/3" 2/3."""
    part = 1.0 if m["n"] is None or m["n"].lower() in ("a", "an") else _number(m["n"].lower())
    return part / (float(m["d"]) if m.re is _SLASH_SHARE else _DENOMINATORS[m["den"].lower()])


def _share_of_source(text: str, request: Request) -> None:
    """"knock a 9 V battery (node batt) down to a third of that at node adc": a share of the level of a source
    whose node the sentence names before it (its statement, read as a source, is no longer in `text`), the output's
    spec."""
    m = _FRACTION.search(text) or _SLASH_SHARE.search(text)
    if m is None or any(s.quantity == "vout" for s in request.specs):
        return
    lo, _ = _sentence(text, m.start())
    levels = [s.dc for s in request.sources if s.dc and s.node and re.search(
        rf"(?<![\w.]){re.escape(s.node)}(?![\w.])", text[lo:m.start()])]
    if levels and 0 < (share := _share(m)) < 1:
        request.specs.append(Spec(m[0].strip(), "vout", levels[-1] * share))


_DEGREES = r"(?:about\s+|around\s+)?(?P<{0}>\d+(?:\.\d+)?)\s*(?:°|deg(?:rees?)?\b)"
# "the output leads the input by 45 degrees at 2 kHz", "lags by 30° at 1 kHz", "60 degrees of lag at 500 Hz", "a phase
# shift of -90 degrees at 2.5 kHz": the phase of the output against the input at a frequency (lead positive)
_PHASE_AT = re.compile(r"(?:\b(?P<dir>lead|leads|leading|lag|lags|lagging)\s+(?:(?:the|its)\s+\w+\s+)?(?:by\s+)?"
                       + _DEGREES.format("deg") + r"|(?<![\w.])" + _DEGREES.format("deg2")
                       + r"\s+(?:of\s+)?(?:phase\s+)?(?P<dir2>lead|lag)\b"
                       r"|(?:\bphase(?:\s+shift)?\s+(?:of\s+|is\s+|=\s*)?|(?<![\w.\d]))(?P<sign>[-+\u2212])\s?"
                       + _DEGREES.format("deg3")
                       + r")[^.;]{0,25}?\b(?:at|@)\s+(?P<f>\d[\d.]*\s*(?:[kKM]|meg)?\s*Hz)\b", re.IGNORECASE)


def _phase_specs(text: str, found: list[Spec]) -> None:
    if "phase" in {s.quantity for s in found} or not (m := _PHASE_AT.search(text)):
        return
    degrees = float(m["deg"] or m["deg2"] or m["deg3"])
    lags = (m["dir"] or m["dir2"] or "").lower().startswith("lag") or m["sign"] in ("-", "\u2212")
    found.append(Spec(m[0].strip(), "phase", -degrees if lags else degrees, tolerance=3.0,
                      at=_quantities(m["f"].replace(" ", ""))[0].value))


def _worded_specs(text: str, found: list[Spec]) -> None:
    """The specs a request says in words rather than figures (see above)."""
    _phase_specs(text, found)
    has = {s.quantity for s in found}
    gain_read = bool(has & {"gain", "gain_db", "dc_gain_db"})
    if not gain_read and (m := _BY_DB.search(text)):
        found.append(Spec(m[0].strip(), "gain_db", float(m["db"] or m["db2"]), tolerance=0.5))
    elif not gain_read and (m := _MULTIPLE.search(text)):
        figure = m["n"] or m["x"] or m["by"] or m["amp"] or m["amp2"] or m["g"] or m["diff"] or m["xn"] or m["xn2"] \
            or m["tn"]
        gain = _number(figure.lower()) if figure else 1 / _DENOMINATORS[m["part"].split()[-1].lower()] \
            if m["part"] else _TIMES_WORDS.get((m["word"] or m["word2"] or "").lower(), 1.0)
        lo, hi = _sentence(text, m.start())
        flip = m if m["neg"] or m["tneg"] else flipped(text, lo, hi)
        start, end = (min(m.start(), flip.start()), max(m.end(), flip.end())) if flip else m.span()
        where = _GAIN_AT.match(text, end) or _GAIN_AT.match(text, m.end())  # "unity gain at 2 kHz": where measured
        if where and flip is not m and re.search(r"\b(?:integrat|differentiat)", text, re.IGNORECASE):
            flip = None  # ("an inverting integrator ..., unity gain at 2 kHz": 90 degrees off the axis, a size)
            start, end = m.start(), where.end()
        end = max(where.end(), end) if where else end
        found.append(Spec(text[start:end].strip(), "gain", -gain if flip else gain,
                          at=_quantities(where["f"])[0].value if where else None))
    if not has & {"gain", "gain_db"} and (m := _DC_SHARE.search(text)):  # said twice ("halves it: DC gain 1/2"): both
        part = _number(m["n"].lower()) if m["n"] and m["n"].lower() not in ("a", "an") else 1.0
        share = part / _DENOMINATORS[m["den"].lower()] if m["den"] else 0.5
        found.append(Spec(m[0].strip(), "dc_gain_db", 20 * math.log10(share), tolerance=1.0))
    if "vout" not in has and (m := _FRACTION.search(text) or _SLASH_SHARE.search(text)):
        lo, _ = _sentence(text, m.start())
        volts = [q for q in _quantities(text[lo:m.end()]) if q.unit == "V" and q.value]  # "half of the 10 V input"
        if not volts and re.match(r"\w+\s+(?:of\s+)?the\s+supply\b", m[0][len(m["n"] or ""):].strip(), re.IGNORECASE):
            # "on 3.3 V: ...; out should read half the supply": the supply stated in an earlier sentence
            volts = [q for q in _quantities(text[:lo]) if q.unit == "V" and q.value]
        if volts and 0 < (share := _share(m)) < 1:  # "a 9 V battery ... down to a third of its voltage": of the last
            found.append(Spec(m[0].strip(), "vout", volts[-1].value * share))  # level
    if "frequency" not in has and _OSCILLATES.search(text) and (m := _PERIOD.search(text)) \
            and not _NOT_OUTPUT.search(text[max(0, m.start() - 40):m.start()]) \
            and (t := _quantities(m["t"] or m["t2"])[0].value) > 0:
        found.append(Spec(m[0].strip(), "frequency", 1 / t))  # an oscillator's period: f = 1/T
    if "cutoff" not in has and (m := _LAG.search(text)):
        # a first-order lag reaches a fraction x of a step after t = -tau ln(1 - x); its corner is 1/(2 pi tau)
        t = _quantities(m["t"] or m["later"] or m["takes"] or m["tau"] or m["tau2"])[0].value
        share = float(m["pct"] or m["pct2"]) / 100 if m["pct"] or m["pct2"] else 1 - math.exp(-1)
        if 0 < share < 1 and t > 0:
            found.append(Spec(m[0].strip(), "cutoff", -math.log(1 - share) / (2 * math.pi * t)))
    elif "cutoff" not in has and (m := _RISE.search(text)):
        # from lo to hi % of a step takes tau ln((1 - lo)/(1 - hi)) (10-90 %: 2.2 tau); the corner is 1/(2 pi tau)
        t = _quantities(m["t"] or m["t2"])[0].value
        first, last = next(((float(m[f"lo{n}"]) / 100, float(m[f"hi{n}"]) / 100) for n in ("", "2", "3")
                            if m[f"lo{n}"]), (0.1, 0.9))
        if 0 <= first < last < 1 and t > 0:
            found.append(Spec(m[0].strip(), "cutoff", math.log((1 - first) / (1 - last)) / (2 * math.pi * t)))
    if not has & {"cutoff", "center", "notch"} and (m := _PASSES.search(text)):
        found.append(Spec(m[0].strip(), "cutoff", _quantities(m["f"])[0].value))
    if "frequency" not in has and (m := _RATE.search(text)):
        if m["n"] or m["w"]:  # "1000 times a second", "twice a second"
            rate = _number(m["n"].lower()) if m["n"] else {"once": 1.0, "twice": 2.0, "thrice": 3.0}[m["w"].lower()]
        else:  # "a 2 kHz sine", or "every 2 ms": 500 Hz
            rate = _quantities(m["f"] or m["f2"])[0].value if m["f"] or m["f2"] else 1 / _quantities(m["t"])[0].value
        found.append(Spec(m[0].strip(), "frequency", rate))
    if (m := _REMOVES.search(text)) and not has & {"notch", "center", "cutoff"} - {"center" if m["f2"] else ""}:
        target = _quantities(m["f"] or m["f2"])[0].value  # (the hum gone is no centre said bare before it)
        found[:] = [s for s in found if not (s.quantity == "center" and s.target == target)]
        found.append(Spec(m[0].strip(), "notch", target))
    if not any(s.quantity == "vout" for s in found) and (m := _DOWN_TO.search(text)) \
            and not _SWEPT.search(text, max(0, m.start() - 40), m.start()):
        found.append(Spec(m[0].strip(), "vout", _quantities(m["v"])[0].value))
    center = next((s.target for s in found if s.quantity == "center"), None)
    if center and "q" not in has and (m := _WIDE.search(text)):
        width = _quantities(m["w"] or m["w2"])[0].value
        if width > 0:  # Q = f0 / bandwidth
            found.append(Spec(m[0].strip(), "q", center / width, tolerance=0.1))

    down = _DOWN_AT.search(text)
    # (a gain said at another frequency, "unity gain at 1 kHz, and at least 20 dB down at 100 Hz", is another spec)
    elsewhere = down and all(s.at is not None and s.at != _quantities(down["f"])[0].value
                             for s in found if s.quantity in ("gain", "gain_db"))
    if (not has & {"gain", "gain_db"} or elsewhere) and (m := down):
        for f in (m["f"], m["f2"]) if m["f2"] else (m["f"],):
            found.append(Spec(m[0].strip(), "gain_db", -float(m["db"] or m["db2"] or m["db3"]), tolerance=0.5,
                              at=_quantities(f)[0].value))
    elif not has & {"gain", "gain_db"} and (m := _DOWN_THERE.search(text)) and (
            hz := [q for q in _quantities(text[:m.start()]) if q.unit == "Hz"]):
        # "kills 60 Hz (at least 20 dB down there)": the loss at the frequency just named
        # (a loss at a frequency taken out is the least it must lose)
        found.append(Spec(m[0].strip(), "gain_db", -float(m["db"]), tolerance=0.5, at=hz[-1].value, bound="max"))
    if not any(s.quantity in ("gain", "gain_db") for s in found):
        for m in _LOSS_DB.finditer(text):
            lo, hi = _sentence(text, m.start())
            if _LOSS_AT.match(text, m.end()) or ((m["db3"] or m["db5"]) and not _LOSS_SAID.search(text, lo, hi)):
                continue
            exact = re.search(r"\b(?:exactly|precisely)\b", text[max(0, m.start() - 12):m.end()], re.IGNORECASE)
            found.append(Spec(m[0].strip(), "gain_db", -float(m["db"] or m["db2"] or m["db3"] or m["db4"] or m["db5"]),
                              tolerance=0.2 if exact else 0.5))
            break
    for m in _FLAT_AT.finditer(text):  # "nearly flat at 600 Hz": the passband's gain there, within 1.5 dB when "nearly"
        found.append(Spec(m[0].strip(), "flat", 0.0, tolerance=1.5 if m["near"] else 0.5,
                          at=_quantities(m["f"])[0].value))
    if not any(s.quantity == "vout" for s in found) and (m := _LEVEL_FROM.search(text)):
        found.append(Spec(m[0].strip(), "vout", _quantities(m["v"])[0].value))
    if not any(s.quantity == "vout" for s in found) and (m := next(
            (w for w in _WANTED_AT.finditer(text) if w["n"].lower() not in _NOT_NODES
             and not (plain(w["n"]) and not called(w["n"]))  # ("giving 3 V at full brightness": a word)
             and not _NOT_MADE.search(text[max(0, w.start() - 30):w.start()])), None)):
        found.append(Spec(m[0].strip(), "vout", _quantities(m["v"])[0].value, node=_node(m["n"])))
    if not any(s.quantity == "vout" for s in found) and (m := _ARROWED_LEVEL.search(text)) \
            and _SUPPLY_LEVEL.search(text, 0, m.start()):
        found.append(Spec(m[0].strip(), "vout", _quantities(m["v"])[0].value, node=_node(m["n"])))
    if not any(s.quantity == "vout" for s in found) and (m := _ABOUT_AT.search(text)) \
            and m["n"].lower() not in _NOT_NODES and not RAIL_NAME.search(m["n"].lower()):
        found.append(Spec(m["said"], "vout", _quantities(m["v"])[0].value, node=_node(m["n"])))
    if not any(s.quantity == "vout" for s in found) and (m := next(
            (w for w in _MUST_READ.finditer(text) if (marked(w["n"] or w["m"]) or re.search(r"[\d_]", w["n"] or w["m"]))
             and _quantities(w["v"])[0].value
             # ("adc_in should sit at 0 V DC": no level to design for, the DC kept off it)
             and (w["n"] or w["m"]).lower() not in _NOT_NODES), None)):
        level = _quantities(m["v"].replace("\u2212", "-"))[0].value
        found.append(Spec(m[0].strip(), "vout", level, node=_node(m["n"] or m["m"])))
    if not any(s.quantity == "vout" for s in found) and (m := _READS_AS.search(text)):
        found.append(Spec(m[0].strip(), "vout", _quantities(m["v"])[0].value))  # "so that 5 V reads as 1.8 V"
    if not any(s.quantity == "vout" for s in found) and (m := _SITS.search(text)):
        found.append(Spec(m[0].strip(), "vout", _quantities(m["v"] or m["v2"] or m["v3"] or m["v4"])[0].value,
                          node=_node(pin) if (pin := m["n"] or m["n3"] or m["n4"]) else None))
    if not any(s.quantity == "vout" for s in found) and (m := _SITS_MID.search(text)) \
            and (rail := _SUPPLY_LEVEL.search(text)):  # "emitter ef_e parked at about half supply": half its level
        named = m["n"] and m["n"].lower() not in _NOT_NODES and (re.search(r"[\d_]", m["n"]) or marked(m["n"]))
        found.append(Spec(m[0].strip(), "vout", _quantities(rail["v"])[0].value / 2, tolerance=0.1,
                          node=_node(m["n"]) if named else None))
    if "clip" not in has and (m := _NEVER.search(text)):
        clip = _quantities((m["v"] or m["v2"] or m["v3"]).replace("\u2212", "-"))[0].value
        # "chop off everything above 2 V at out": the level is the clip's, not an output level
        found[:] = [s for s in found if not (s.quantity == "vout" and math.isclose(s.target, clip)
                                             and text.find(s.text) >= m.start())]
        found.append(Spec(m[0].strip(), "clip", clip))
    if "current" not in has and (m := _GLOW.search(text)):
        found.append(Spec(m[0].strip(), "current", _quantities(m["i"])[0].value))
    if not any(s.quantity == "current" for s in found):
        _led_current(text, found)
    if not has & {"clip", "vout", "hysteresis"}:
        _level_bounds(text, found)
    if (m := TOTAL_RESISTANCE.search(text)) and (ohms := parse_number((m["r"] or m["r2"]).replace(" ", ""))):
        found.append(Spec(m[0].strip(), "rtotal", ohms, tolerance=0.01 if m["x"] else 0.05))
    if not has & {"cutoff", "center", "notch"} and (m := _HALF_POWER.search(text)):
        found.append(Spec(m[0].strip(), "cutoff", _quantities(m["f"])[0].value))
    if not has & {"cutoff", "center", "notch"} and (m := _BAND_AT.search(text)):
        found.append(Spec(m[0].strip(), "notch" if m["stop"] else "center", _quantities(m["f"])[0].value))
    if not any(s.quantity == "vout" for s in found) and (m := _HOLDS.search(text)) \
            and not _SWEPT.search(text, max(0, m.start() - 40), m.start()):
        found.append(Spec(m[0].strip(), "vout", _quantities(m["v"] or m["made"] or m["half"] or m["ref"])[0].value
                          / (2 if m["half"] else 1)))
    if not any(s.quantity == "vout" for s in found) and (m := _DIVIDE_BY.search(text)):
        lo, _ = _sentence(text, m.start())
        volts = [q for q in _quantities(text[lo:m.start("n")]) if q.unit == "V" and q.value]
        if volts and (n := _number(m["n"].lower())) > 1:  # "divide the 12 V at in by 4": of the last level before
            found.append(Spec(m[0].strip(), "vout", volts[-1].value / n))
    if not has & {"center", "q", "cutoff", "notch"} and (m := _BETWEEN.search(text)):
        low, high = sorted(_quantities(m[f])[0].value for f in ("f1", "f2"))
        if 0 < low < high:  # a band from its edges: centre sqrt(f1 f2), Q = f0 / (f2 - f1)
            found.append(Spec(m[0].strip(), "center", math.sqrt(low * high)))
            found.append(Spec(m[0].strip(), "q", math.sqrt(low * high) / (high - low), tolerance=0.1))


# "VIN = ...", "VIN is ...", "VIN at in", "source VIN"; case-sensitive: "is" is no source.
_SOURCE_NAME = re.compile(r"(?<![\w.])(?<![Nn]ode )"  # ("VIN on node IN": a node in capitals)
                          r"(?:(?:(?<=source )|(?<=supply )|(?<=by ))(?P<after>[VI][A-Za-z0-9_]+)|"
                          r"(?P<name>[VI][A-Z][A-Za-z0-9_]*)(?=\s*(?:=|:|\bis\b|\bat\b))"
                          # ("V_bus = 24 V on bus", "Vclk is a pulse source on clk": a name in lower case, placed by
                          # its words; "V_out = 5 V" is the output's level)
                          r"|(?!V_o(?:ut\w*)?\b)(?P<lower>[VI]_[a-z0-9]\w*(?=[^.;]*?\b(?:on|at|into)\s+(?:the\s+)?(?:node\s+)?"
                          r"[a-z_]\w*)|[VI][a-z][a-z0-9_]*(?=\s*(?:,|:|\bis\b)\s*(?:an?\s+)?(?:[\w-]+\s+){0,3}source\b)"
                          # ("Vs AC 1 on s1n": a SPICE-like name in mixed case, its levels, then its node)
                          # ... or "VT with AC 1 on tin": any case, its levels after "with"
                          r"|(?<![^\s,;.(])(?:[VI][a-z][a-z0-9_]*|[VI][A-Za-z0-9_]+(?=\s+with\b))"
                          r"(?=\s+(?:with\s+(?:an?\s+)?)?(?:AC|DC|SIN|PULSE|PWL)\b[^.;]*?\b(?:on|at)\s+"
                          r"(?:node\s+)?[a-z_]\w*))"
                          # ("a 3 V, 100 Hz sine (VST)", "ip = 2.55 V (VIP)": the name alone in parentheses after it)
                          r"|(?<=\()(?P<paren>[VI][A-Z0-9][A-Za-z0-9_]*)(?=\)))\b")
# ("Drive base lt_b1 with ...": the node after a pin's word)
# (not a compound's "on": "power-on delay", "turn-on time")
_AT_NODE = re.compile(r"(?<![\w-])(?:at|on|into|drives?|driving|feed|feeds|feeding|excite|excites|from)\s+(?:the\s+)?"
                      r"(?!(?:very\s+)?(?:start|beginning|outset)\b|time\s+(?:zero|0)\b)"  # ("right at the start",
                      # "at time zero": a time)
                      r"(?:(?:base|gate|emitter|collector|drain|input|output)\s+(?=(?:[a-z_]*[\d_]\w*|[a-z])\b))?"
                      r"(?:node\s+)?(?P<n>[a-z_]\w*)", re.IGNORECASE)
# "3.3 V at node v33 from a 5 V supply at node rail5", "3.3 V at vo from 5 V at vin": the output's node, then
# the supply's level and node
_FROM_SUPPLY = re.compile(r"(?:\b(?:at|on)\s+(?:the\s+)?(?:node\s+)?(?P<o>[a-z_]\w*)"
                          # ("holding node vreg at 9.1 V from a 15 V supply on vin": the node first, then its level)
                          r"|(?:\bnode\s+|\b(?:hold|holds|holding|keep|keeps|keeping)\s+(?:the\s+)?)[a-z_]\w*\s+at\s+"
                          r"(?:about\s+|around\s+)?[-+\u2212]?\d[\d.]*\s?[mµu]?V)\s+from\s+(?:an?\s+|the\s+)?"
                          r"(?P<v>[-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+)\s?(?:[mkµu]\s?)?V)(?:olts?)?\b"
                          r"(?:\s+(?:dc\s+)?(?:supply|rail|source|battery|input))?"
                          r"(?:\s+(?:at|on)\s+(?:the\s+)?(?:node\s+)?(?P<i>[a-z_]\w*))?", re.IGNORECASE)
# ... the supply first: "From a 14 V rail on node r14 I need 3.3 V at node half3"
_SUPPLY_FIRST = re.compile(r"^\s*from\s+(?:an?\s+|the\s+)?(?P<v>[-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+)\s?(?:[mkµu]\s?)?V)"
                           r"(?:olts?)?\s+(?:dc\s+)?(?:supply|rail|source|battery|input)\s+(?:at|on)\s+(?:the\s+)?"
                           r"(?:node\s+)?(?P<i>[a-z_]\w*)(?=(?:[^.;]|\.\d)*?\b(?:at|on)\s+(?:the\s+)?(?:node\s+)?[a-z_]\w*)",
                           re.IGNORECASE)
_SINE = re.compile(r"\bsine\b|\bsinus\w*|\bsinusoid\w*|\bsin\b|\btone\b", re.IGNORECASE)  # "a 440 Hz tone"


def _spice_wave(span: str, function: str) -> list[float] | None:
    """The figures of the SIN, PULSE or PWL that the span writes in SPICE's form, as SPICE reads them
    ("1k" is 1000); None when it writes none, or writes something that is no number."""
    m = next((m for m in SPICE_WAVE.finditer(span) if m["f"].lower() == function), None)
    said = (m["args"] if m["args"] is not None else m["bare"]) if m else ""
    # ("PULSE 0 1 0 1µ 1µ 10 20": the micro sign as ngspice's u)
    figures = [parse_number(w.replace("\u00b5", "u").replace("\u03bc", "u")) for w in re.split(r"[\s,]+", said.strip())
               if w] if m else []
    return [f for f in figures if f is not None] if figures and None not in figures else None


# "a 0.9 V ± 0.9 V sine": its offset, then its amplitude
_CENTRED = re.compile(r"(?P<o>[-+]?\d+(?:\.\d+)?\s?m?V)\s*(?:\u00b1|\+/-|\+-)\s*(?P<a>\d+(?:\.\d+)?\s?m?V)\b")
_PAIRED = re.compile(r"\d\s*V?\s*/\s*$")  # before a level: "5 V/0 V", "0/5 V", a pair of logic levels
_NEXT_TO_SINE = re.compile(r"\s*(?:peak|pk|amplitude)?\s*,?\s*(?:[\d.]+\s*[kM]?Hz\s*,?\s*)?(?:sine|sinusoid)",
                           re.IGNORECASE)


def _sine(clause: str) -> tuple[float, float, float] | None:
    """(offset, amplitude, frequency) of a sine the clause describes: "a 100 mV 1 kHz sine",
    "a sine with 0.5 V offset, 1 V amplitude and 2 kHz frequency", "SIN(2.5 0.5 1k)"."""
    if (said := _spice_wave(clause, "sin")) and len(said) >= 3:
        return said[0], said[1], said[2]
    if not _SINE.search(clause):
        return None
    qs = _quantities(clause)
    volts = [q for q in qs if q.unit == "V"]
    freq = next((q.value for q in qs if q.unit == "Hz"), None)
    said_offset = next((q for q in qs if q.unit in ("V", "") and (  # "0 offset": no unit needed for none
        re.match(r"\s*(?:dc\s+)?offset", clause[q.end:], re.IGNORECASE)
        # ("centred on 1 V", "riding on 2.5 V DC": the level it swings about)
        or re.search(r"(?:offset|\bcent(?:er|re)d\s+(?:on|at|around)|\briding\s+on)\s*(?:of|=|:)?\s*(?:an?\s+)?$",
                     clause[:q.start], re.IGNORECASE))), None)
    offset = said_offset.value if said_offset else 0.0
    if centred := _CENTRED.search(clause):  # "a 0.9 V ± 0.9 V sine": its offset and amplitude
        offset = _quantities(centred["o"])[0].value
    # the level its name says is the amplitude ("5 V amplitude", "amplitude of 2 V", "peak 10 V"), else the level said
    # next to the sine ("a 10k pull-up to 5 V, ... the 1 V, 1 kHz sine"), else the first that is not its offset
    amplitude = _quantities(centred["a"])[0].value if centred else next(
        (q.value for q in volts if q is not said_offset and (
            re.match(r"\s*(?:peak|pk|amplitude)\b", clause[q.end:], re.IGNORECASE)
            or re.search(r"\b(?:peak|amplitude)\s*(?:of|=|:|is)?\s*$", clause[:q.start], re.IGNORECASE))), None)
    amplitude = amplitude if amplitude is not None else next(
        (q.value for q in volts if _NEXT_TO_SINE.match(clause, q.end)), None)
    amplitude = amplitude if amplitude is not None else next(
        (q.value for q in volts if q is not said_offset and (q.value != offset or not offset)), None)
    if amplitude is None or freq is None:
        return None
    if re.search(r"\b(?:pp|peak[- ]to[- ]peak|p-p)\b|vpp", clause, re.IGNORECASE):
        amplitude /= 2
    elif re.search(r"\brms\b|vrms", clause, re.IGNORECASE):  # "a sine of 1 V RMS": its amplitude is 1.414 V
        amplitude *= math.sqrt(2)
    return offset, amplitude, freq


# A source's name: V1, I2, VIN, VCC, VCLK, VSENSE; in lower case after "sweep" or "source" ("sweep vin").
# (a node in capitals is no source: "VIN on node IN"; a rail's aside is one: "the 5 V rail (V5 on node v5)")
_SOURCE_MENTION = re.compile(r"(?<![\w.])(?:(?<!\()|(?<=rail \()|(?<=pply \()|(?<=\()(?=[VI]\w*\s*[,=:]?\s*[-+]?\d)"
                             # ("on 3.3 V (VDD on vdd)", "the input (VIN on node in)": a level's or a port's source)
                             r"|(?:(?<=\dV \()|(?<=\d V \()|(?<=input \())(?=[VI]\w*\s+(?:on|at)\s)"
                             # ("through RSRC from node drv (VP on drv, AC 1)": the source on a node, in an aside)
                             r"|(?<=\()(?=[VI][A-Z0-9_]*\s+(?:(?:sits|is)\s+)?(?:on|at)\s+(?:node\s+)?[a-z_]\w*\s*[,)]))"
                             r"(?<![Nn]ode )"
                             r"(?P<name>[VI]\d+[A-Za-z0-9_]*|[VI][A-Z][A-Z0-9_]*)(?![\w(])"
                             # in mixed case with its level next: "Vbat, 3.7 V", "Vsig = 0.1 V", read as in capitals
                             # (a quantity's name, "Vout = 5 V", only where its words place it on a node)
                             # (in lower case too, its level straight after it: "vsrc 1v ac at a1", "v1 = 1v ac")
                             r"|(?<![\w.(])(?P<mixed>V(?:[a-z]{1,6}\d*|(?!_o(?:ut\w*)?\b)_[a-z0-9][a-z0-9_]{0,7}(?!\w))|(?!(?:via|vs|very|volts?|voltage|value|vary|varies|varying)\b)"
                             r"v(?:[a-z]{1,6}\d*|\d+)"
                             r"(?=\s*[=:]?\s*[-+]?\.?\d[\d.]*\s*[munpµk]?\s*[vV]\b))"
                             r"(?=\s*(?:=|:|\bis\b|,|\()?\s*(?:an?\s+)?[-+]?\.?\d[\d.]*\s*[munpµk]?\s*[vV]\b"
                             # or placed on a node then stated, or a SPICE wave: "Vsq at sq is PULSE(...)"
                             r"|\s+(?:at|on)\s+(?:node\s+)?[a-z_]\w*\s*(?:=|:|\bis\b"
                             # ... or a wave's noun after a comma: "Vs on node q, a sinusoid of ..."
                             r"|,\s*(?:an?\s+)?(?:[\w.-]+\s+){0,3}?"
                             r"(?i:sine|sinusoid\w*|pulse|square[- ]wave|step|clock)\b)"
                             # or placed between two nodes then stated: "Vsig between sig and ground is a sine"
                             r"|\s+(?:between|from)\s+(?:nodes?\s+)?[a-z_]\w*\s+(?:and|to)\s+(?:node\s+)?[a-z_]\w*"
                             r"\s*,?\s*(?:=|:|\bis\b)"
                             r"|\s*(?:=|:|\bis\b)\s*(?:an?\s+)?(?i:sin|pulse|pwl)\s*\()"
                             # ... never a plain word: "sweep it so I can see"
                             r"|(?<=(?i:sweep) )(?!(?:into|in|is|it|its|if|via|very|vs)\b)(?P<low>[vi][a-z]\w{0,6})\b"
                             r"|(?:(?<=(?i:source) )|(?<=(?i:generator) ))(?!(?:into|in|is|it|its|if)\b)"
                             r"(?P<low2>[vi]\w{1,7})\b")
# Names of quantities, not of sources ("VTO = -0.8", "VGS", "IS=1e-14").
_NOT_SOURCES = {"VCVS", "VCCS",  # the kind of a controlled source, not a source's name
                "IF", "IR", "VCO", "VGA", "VHF", "VLF", "VRM",  # "an IF tank", "a VCO": what a circuit is
                "VTO", "VT0", "VTH", "VT", "VAF", "VAR", "VJ", "VJE", "VJC", "VBIC", "VGS", "VDS", "VBE", "VCE", "VBS",
                "VOUT", "VPP", "VPK", "VRMS", "VOS", "VF", "VZ", "VIH", "VIL", "VOH", "VOL", "VMAX", "VMIN", "VOC",
                "VDC", "VAC", "IS", "ID", "IC", "IB", "IE", "IOUT", "IKF", "ISAT", "IDSS", "IQ", "IRMS", "IOS", "ISR",
                "ISE", "ISC", "IBV", "VSAT", "VCESAT", "VDROP", "VRIPPLE", "VREG", "IMAX", "IMIN", "ILOAD", "VLOAD"}
# ... unless the request calls it a source outright: "IF is a 20 mA DC current source", "VF: a 1 V source"
_CALLED_SOURCE = re.compile(r"\s*,?\s*(?:is|=|:)\s*(?:an?\s+|the\s+)?(?:[\w.µ-]+\s+){0,4}?"
                            r"(?:(?:current|voltage)\s+)?(?:source|supply|generator)\b", re.IGNORECASE)
_RAILS = ("VDD", "VCC", "VSS", "VEE")
# The verbs a source holds its node at a level with ("VB fixes bq at 6 V", "VSUP makes v10 = 10 V")
_HOLDING_VERB = r"(?:holds|sets|biases|forces|keeps|puts|pins|ties|fixes|clamps|makes|brings)"
# A level in volts put on a node: what follows a source's name ("VA = 5 V on pa"), never a model parameter's value
_ON_NODE = re.compile(r"\s*(?:=|:|\bis\b)?\s*[-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+)\s*[munµk]?V\s+(?:DC\s+)?(?:at|on)\s+"
                      r"(?:node\s+)?[a-z_]", re.IGNORECASE)
_ANALYSIS_WORD = r"(?:noise|ac|dc|tran\w*|op\b|operating|analys\w*|sweep\w*|simulat\w*|run\b)"
_QTY_TEXT = r"[-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?\s?(?:meg|[fpnuµμmkKMG])?\s?"
# A capacitor's starting voltage or an inductor's starting current: "IC=5", "charged to 5 V at the start",
# "initially at 2 V", "an initial current of 10 mA"
_INITIAL = re.compile(rf"\bIC\s*=\s*(?P<ic>{_QTY_TEXT})(?:[VA]\b)?"
                      rf"|\b(?:pre-?)?charged\s+to\s+(?P<v>{_QTY_TEXT}V)\b"
                      rf"|\binitial(?:ly)?\s+(?:(?:voltage|current|condition)\s+)?(?:of\s+|at\s+|=\s*|is\s+)?"
                      rf"(?P<x>{_QTY_TEXT}[VA])\b", re.IGNORECASE)


# "a 1 V step at drive", "a step of 5 V": one level, stepped to from zero (not a sweep's "in 10 mV steps")
# ... "a 3.3 V high level", "high level of 5 V": a pulse or clock from zero up to it
_STEP_TO = re.compile(rf"(?<!\bin )(?<!\bof )\b{_QTY_TEXT}V(?:olts?)?\s+(?:input\s+)?step\b(?!\s*(?:size|s\b))"
                      rf"|\bstep\s+(?:of|to|up\s+to)\s+{_QTY_TEXT}V\b(?!.*\b(?:sweep|swept)\b)"
                      rf"|\b{_QTY_TEXT}V(?:olts?)?\s+(?:logic[- ])?high(?:\s+level)?\b(?!\s+(?:threshold|input))"
                      rf"|\bhigh\s+level\s+(?:of\s+|=\s*|is\s+)?{_QTY_TEXT}V\b"
                      # ("ri jumps up to 1 V at time zero": from 0 to that level when it is said to happen)
                      rf"|\b(?:jumps?|steps|switch(?:es)?|snaps?)\s+(?:up\s+)?to\s+{_QTY_TEXT}V\b"
                      r"(?=[^.;]*\bat\s+(?:t\s*=|time\s+zero\b|the\s+(?:very\s+)?start\b|0\s*s?\b))", re.IGNORECASE)
# "one 5 V pulse", "a single 3.3 V pulse": from zero to that level
_ONE_PULSE = re.compile(rf"\b(?:an?|one|single)\s+(?:single\s+)?{_QTY_TEXT}V(?:olts?)?\s+pulse\b", re.IGNORECASE)
# ("a 0 to 5 V square at 2 kHz": a square alone is its wave where its rate or levels follow, never a square output
# nor a "triangle/square generator")
_PULSE_WORDS = re.compile(r"\bpulse|\bsteps?\b|square[- ]?wave"
                          r"|\bsquare\b(?=\s*(?:at|of|@|with|between|from)\b|\s*,)|\bclock\b|\bpwm\b"
                          r"|\b(?:high|on)\s+for\b[^.;]*\b(?:every|each)\b", re.IGNORECASE)
# A node stepped at a time: "btn jumps from 0 to 3.3 V at t = 1 ms", "in goes from 0 V to 5 V at 2 ms"
# ("the rail comes up from 0 to 5v right at t=0 (1us edge)": a supply switched on)
# ("When node kick steps from 0 to 3.3 V, ...": an event the request sets its other words by, at no time of its own)
_STEP_EVENT = re.compile(rf"(?P<when>\bwhen\s+(?:node\s+)?)?\b(?P<n>[a-z_]\w*)\s+"
                         r"(?:jumps?|steps|switch(?:es)?|rises?|goes|comes|ramps|powers)\s+"
                         # ("stp jumps 0 -> 5 V right at the start": an arrow for "to", the start for t = 0)
                         rf"(?:up\s+|on\s+)?(?:(?:from\s+)?{_QTY_TEXT}V?\s*(?:\s+to\s+|-+>|\u2192)\s*|to\s+)"
                         rf"{_QTY_TEXT}V\b(?(when)|[^;.]*?"
                         rf"\bat\s+(?:(?:t\s*=\s*)?(?:{_QTY_TEXT}s\b|0(?![\d.]))|the\s+(?:very\s+)?start\b|time\s+zero\b))",
                         re.IGNORECASE)


def _levels(span: str, unit: str) -> tuple[float, float] | None:
    """The low and high level a waveform's words give: "from 0 to 5 V", "0-10 V", "0/1 V", "±1 V", "PULSE 0 5"."""
    if (said := _spice_wave(span, "pulse")) and len(said) >= 2:
        return said[0], said[1]
    card = re.search(rf"\bpulse\s+(?P<a>{_QTY_TEXT})(?:{unit})?[\s,]+(?P<b>{_QTY_TEXT})(?:{unit})?(?![\w.])", span,
                     re.IGNORECASE)
    if card and len(qa := _quantities(card["a"])) == len(qb := _quantities(card["b"])) == 1:
        return qa[0].value, qb[0].value
    # "low 0 V, high 5 V", "high 3.3 V and low 0 V": each level by its name
    low = re.search(rf"\blow(?:\s+level)?\s*(?:of|=|:|is|at)?\s*(?P<v>{_QTY_TEXT}){unit}\b", span, re.IGNORECASE)
    high = re.search(rf"\bhigh(?:\s+level)?\s*(?:of|=|:|is|at)?\s*(?P<v>{_QTY_TEXT}){unit}\b", span, re.IGNORECASE)
    if low and high:
        return _quantities(low["v"] + unit)[0].value, _quantities(high["v"] + unit)[0].value
    ranged = next(((q.value, q.partner.value) for q in _quantities(span) if q.partner and q.unit == unit), None)
    slash = re.search(rf"(?<![\w./])([-+]?\d+(?:\.\d+)?)\s*/\s*([-+]?\d+(?:\.\d+)?)\s*{unit}\b", span)
    both = re.search(rf"(?:±|\+/-)\s*({_QTY_TEXT}){unit}\b", span)
    # "0 V and 12 V": a zero or negative low, then its high (never two rails: "0 V and 5 V supplies")
    paired = re.search(rf"(?<![\w.])((?:[-\u2212]\s*)?\d+(?:\.\d+)?|0)\s*{unit}\s+and\s+(\d+(?:\.\d+)?)\s*{unit}\b"
                       r"(?!\s*(?:rails?|suppl\w*))", span)
    if paired and not (float(paired[1].replace("\u2212", "-").replace(" ", "")) <= 0 < float(paired[2])):
        paired = None
    return ranged or ((float(slash[1]), float(slash[2])) if slash else None) or (
        (-_quantities(both[1] + unit)[0].value, _quantities(both[1] + unit)[0].value) if both else None) or (
        (float(paired[1].replace("\u2212", "-").replace(" ", "")), float(paired[2])) if paired else None)


def _pulse(span: str, unit: str) -> tuple[float | None, ...] | None:
    """(v1, v2, td, tr, tf, pw, per) of a pulse, step or square wave the statement describes:
    "PULSE 0 to 5 V, 1 ns rise, delay 0", "a pulse from 0 to 3.3 V with 1 µs rise and fall, 50 µs wide,
    100 µs period", "0 to 5 V square wave at 10 kHz with a 25 % duty cycle", "a single 1 V pulse 100 µs long
    at 1 ms"."""
    if (said := _spice_wave(span, "pulse")) and len(said) >= 2:
        return tuple(said[:7]) + (None,) * (7 - len(said[:7]))
    if not (_PULSE_WORDS.search(span) or _STEP_EVENT.search(span)):
        return None
    qs = _quantities(span)
    levels = _levels(span, unit)
    if levels is None:
        one = next((q for q in qs if q.unit == unit), None)  # "a 5 V step": from zero
        if one is None:
            return None
        levels = (0.0, one.value)

    # "a 10-90 % rise time of 22 us at vo for a 0 to 3.3 V step": the response's rise (a spec), not the step's edge
    response = [(m.start(), m.end()) for m in _RISE.finditer(span) if m["lo"] or m["lo2"] or m["lo3"]
                or re.search(r"\b(?:at|of|on)\s+(?:the\s+)?(?:node\s+)?(?!is\b)\w+\s", m[0], re.IGNORECASE)]

    def time(before: str, after: str) -> float | None:
        # (a bare figure right after its word is a time too: "rise 1u, fall 1u")
        return next((q.value for q in qs if (q.unit == "s" or not q.unit and q.scaled and re.search(
            rf"\b(?:{before})\s*(?:of|=|:)?\s*$", span[:q.start], re.IGNORECASE))
            and not any(a <= q.start < b for a, b in response) and (
            # "at t = 1 ms"
            re.search(rf"\b(?:{before})\s*(?:(?:time|t)\s*)?(?:of|=|:)?\s*$", span[:q.start], re.IGNORECASE)
            or re.match(rf"\s*(?:{after})\b", span[q.end:], re.IGNORECASE))), None)
    # "delay 0", "a 5 V step at time zero": no delay (a later time is another event's: "reaches 63 % 10 ms later")
    # ("steps 0 -> 5 V right at the start")
    td = 0.0 if re.search(r"\bdelay\s*(?:of|=|:)?\s*0(?![\d.])|\bat\s+(?:time\s+(?:zero|0)|t\s*=\s*0)(?![\d.])"
                          r"|\bat\s+the\s+(?:very\s+)?(?:start|beginning)\b", span, re.IGNORECASE) else \
        time(r"delay(?:ed)?(?:\s+by)?|\bat", r"delay|later")
    tr = time(r"rise(?:\s+and\s+fall)?(?:\s+times?)?|edges?", r"rise|edges?")  # "10 ns edges": rise and fall
    tf = time(r"fall|edges?", r"(?:rise\s+and\s+)?fall|edges?")
    # "high for the first 100 ns of every 200 ns": the width, then the period
    pw = time(r"width|wide|long|on[- ]time|(?:high|on)\s+for(?:\s+the\s+first)?",
              r"wide|width|long|pulses?|(?:on|high)[- ]?time")
    per = time(r"period|every|each", r"period")
    # a lone step has no frequency: one in its statement is another's ("a 2 V step at 50 us into a 10 kHz low-pass")
    repeats = re.search(r"\bpulse|square|\bclock|\bpwm\b|\bduty|\btoggl|\bevery\b|\bperiod|\bsaw-?tooth", span,
                        re.IGNORECASE)
    freq = next((q.value for q in qs if q.unit == "Hz" and q.value > 0), None) if repeats else None
    if repeats and freq is None and (rate := _RATE.search(span)) and (rate["n"] or rate["w"]):
        # ("a square wave ticking forty thousand times a second": its rate in words)
        freq = _number(rate["n"].lower()) if rate["n"] else {"once": 1.0, "twice": 2.0, "thrice": 3.0}[
            rate["w"].lower()]
    per = per or (1 / freq if freq else None)
    duty = re.search(r"(\d+(?:\.\d+)?)\s*%\s*duty|duty(?:\s+cycle)?\s*(?:of|=|:)?\s*(\d+(?:\.\d+)?)\s*%",
                     span, re.IGNORECASE)
    # ("high for a quarter of each period": its duty as a share)
    share = re.search(r"\b(?:high|on)\s+(?:for\s+)?(?:(?P<n>a|one|two|three)\s+)(?P<d>half|third|quarter|fifth|tenth)s?"
                      r"\s+of\s+(?:each|every|the|its)\s+(?:period|cycle)", span, re.IGNORECASE)
    if pw is None and per and share and not duty:
        pw = per * {"two": 2, "three": 3}.get(share["n"].lower(), 1) / _DENOMINATORS[share["d"].lower()]
    if pw is None and per:
        pw = per * float(duty[1] or duty[2]) / 100 if duty else per / 2  # a square wave: half the period
    if per and tr is None and re.search(r"\bsaw-?tooth", span, re.IGNORECASE):
        # a sawtooth: a rise over the whole period, then a snap back (a thousandth of it) to the start
        snap = per / 1000
        return (levels[0], levels[1], td, per - 2 * snap, snap, snap, per)
    return (levels[0], levels[1], td, tr, tf, pw, per)


# A corner of a piecewise-linear wave in words: "10 V at 1 ms", "0 V at t=0"
_PWL_POINT = re.compile(rf"(?P<v>{_QTY_TEXT}V)\s+at\s+(?:t\s*=\s*)?(?P<t>{_QTY_TEXT}s|0)(?![\w.])", re.IGNORECASE)


def _pwl(span: str) -> tuple[float, ...] | None:
    """(t1, v1, t2, v2, ...) of a piecewise-linear wave: "PWL(0 0 1m 10)", or a PWL source's corners in words,
    "a PWL source: 0 V at t=0, 10 V at 1 ms and back to 0 V at 2 ms"; None unless the times run forward."""
    said = _spice_wave(span, "pwl")
    if said is None and re.search(r"\bpwl\b|\bpiece-?wise", span, re.IGNORECASE):
        said = [x for m in _PWL_POINT.finditer(span) for x in (_quantities(m["t"])[0].value if m["t"] != "0" else 0.0,
                                                              _quantities(m["v"])[0].value)]
    if said is None and re.search(r"\btriang\w*|\bramp\w*|\bsweep\w*", span, re.IGNORECASE) and (
            back := _there_and_back(_THERE_AND_BACK.search(span)) or levels_and_back(span)):
        low, high, period = back
        said = [0.0, low, period / 2, high, period, low]
    if not said or len(said) < 4 or len(said) % 2 or any(b < a for a, b in zip(said[0::2], said[2::2])):
        return None
    return tuple(said)


# "a triangle from 0 to 5 V and back over 2 ms", "ramps 0 V to 3 V and back in 1 ms": one rise and fall in that time
_THERE_AND_BACK = re.compile(rf"(?<![\w.])(?P<a>{_QTY_TEXT})V?\s*(?:to|-|\u2013)\s*(?P<b>{_QTY_TEXT})V\s+and\s+back"
                             rf"(?:\s+(?:down|again))?(?:\s+to\s+{_QTY_TEXT}V)?\s+(?:over|in|within)\s+"
                             rf"(?P<t>{_QTY_TEXT}s)\b", re.IGNORECASE)


# ... its three levels written in a row: "a 0 -> 3.3 V -> 0 triangle over 2 ms", "a 0-12-0 V triangle, 10 ms"
_ARROW = r"\s*(?:->|\u2192|-|\u2013|to)\s*"
_LEVELS_AND_BACK = re.compile(rf"(?<![\w.])(?P<a>\d+(?:\.\d+)?)\s*V?{_ARROW}(?P<b>\d+(?:\.\d+)?)\s*V?{_ARROW}"
                               rf"(?P<c>\d+(?:\.\d+)?)\s*V?\s+(?:triang\w*|ramp)(?:\s+wave)?\s*,?\s*"
                               rf"(?:(?:over|in|lasting|of)\s+)?(?P<t>{_QTY_TEXT}s)\b", re.IGNORECASE)


def _there_and_back(m: re.Match | None) -> tuple[float, float, float] | None:
    """(start level, turning level, length) of a ramp up and back matched with its levels a and b and its length t."""
    if m is None:
        return None
    low, high, length = (_quantities(m[k] + unit)[0].value for k, unit in (("a", "V"), ("b", "V"), ("t", "")))
    return low, high, length


def levels_and_back(text: str) -> tuple[float, float, float] | None:
    """(start level, turning level, length) of a triangle written as its three levels, ending where it starts ("a
    0 -> 3.3 V -> 0 triangle over 2 ms", "a 0-12-0 V triangle, 10 ms")."""
    m = _LEVELS_AND_BACK.search(text)
    return _there_and_back(m) if m and m["a"] == m["c"] else None


def _statement(text: str, at: int, marks: list[int]) -> tuple[int, int]:
    """The span of the statement about the name at `at`: from its lead-in words to the next
    part's, or to the sentence end (a colon that opens an analysis ends it too)."""
    start = _lead(text, at)
    # (not a level after its kind: "VSIG on sig: AC 1")
    ends = [m.start() for m in re.finditer(r"\.(?:\s|$)|[;)]|:(?=\s*(?:an?\s+|the\s+)?" + _ANALYSIS_WORD + ")"
                                           # ("IRF: AC 1m into tank": a level, not "AC 10 Hz to 1 MHz")
                                           r"(?!\s*AC\s+[-+]?\.?\d[\d.]*(?:\s*(?:meg|[munµkKM]))?(?:\s*[VA]\b)?"
                                           r"(?!\s*(?:[kKMG]|meg)?\s*Hz|\s*(?:to|-)\s*\d|[\w.]))"
                                           # ("VTOP on node top: DC 5 and AC 1": its levels, no DC sweep)
                                           r"(?!\s*DC\s+[-+]?\.?\d[\d.]*\s*(?:[munµk]?V\b)?\s*(?:and\b|[,;]|\.(?:\s|$)|$))",
                                           text,
                                           re.IGNORECASE)
            if m[0] != ")" or "(" not in text[at:m.start()]]  # "VSENSE (0 V) runs from x to ground": a note inside
    # A comma that opens another subject's phrase ends it too ("..., output at the emitter node out").
    ends += [m.start() for m in re.finditer(r",\s*(?:the\s+)?(?:outputs?|inputs?|collectors?|emitters?|bases?|gates?|"
                                            r"drains?|sources?|supply|load|and|then|with|while|regulated)\b"
                                            # (not a wave's next corner: "5 V at 1 ms, and still 5 V at 3 ms")
                                            r"(?!\s+(?:(?:still|then|back\s+to|finally)\s+)?[-+]?[\d.]+\s*[munµk]?V\s+at\b)",
                                            text, re.IGNORECASE)]
    # ... and one that states another supply ("VB holds the first base (node b) at 6 V, 12 V supply on vcc")
    ends += [m.start() for m in re.finditer(rf",\s*(?:and\s+)?(?:an?\s+|the\s+)?{_QTY_TEXT}V\s+(?:dc\s+)?"
                                            r"(?:supply|rail|battery)\b", text, re.IGNORECASE)]
    # "... from VDD = 9 V: its gate at node in" as well, unless the colon follows the name ("VIN: input at in")
    ends += [m.start() for m in re.finditer(r":\s*(?:its\s+|the\s+|their\s+)?(?:outputs?|inputs?|collectors?|"
                                            r"emitters?|bases?|gates?|drains?|sources?|load)\b", text, re.IGNORECASE)
             if not re.fullmatch(r"\w+\s*", text[at:m.start()])]
    # "a 5 V supply VCC with a series resistor from vcc to a": an unnamed part's statement ends it too
    ends += [m.start() for m in re.finditer(r"\b(?:with|and)\s+(?:an?|the)\s+(?:series\s+|shunt\s+)?(?:resistor|"
                                            r"capacitor|inductor|led|diode)\s+(?:from|between)\b", text, re.IGNORECASE)]
    stop = min([e for e in ends if e > at] + [_lead(text, m) for m in marks if m > at] + [len(text)])
    return start, max(stop, at + 1)


# A source the request names by a designator of its own (VBL, VK0, I5, IB), in capitals.
_GIVEN_SOURCE = re.compile(r"(?<![\w.\-])(?P<name>[VI](?:\d+[A-Z0-9_]*|[A-Z][A-Z0-9_]*))(?![\w(])")
# ... where a quantity's name (VT, VPK, IB) is a source's: its words make it one
_SOURCE_VERB = re.compile(r"\s+(?:has|puts|drives|holds|sets|supplies|feeds|pushes|applies|gives|sources|injects|"
                          r"parks|fixes|keeps|provides|delivers)\b|\s*[,)]"
                          r"|\s*\(\s*(?:DC|AC|SIN|PULSE|PWL)\b", re.IGNORECASE)  # "VT (AC 1) on node tsrc": its levels
# ("VP: PULSE 0 to 3.3 V", "VT with AC 1 on tin": a source's name)
_WAVE_NAMED = re.compile(r"\s*(?:[:=]\s*(?:SIN|PULSE|PWL)\b|\s+with\s+(?:an?\s+)?(?:AC|DC|SIN|PULSE|PWL)\s*[(\d])",
                         re.IGNORECASE)
_SOURCE_LEAD = re.compile(r"(?:\b(?:from|by|source|generator)\s+|\(\s*)$", re.IGNORECASE)
# Words of a wave that is no sine, or of a source that is swept (its levels are the sweep's, read elsewhere)
_NOT_LEVELS = re.compile(r"\b(?:sweep\w*|swept|steps?|ramps?|square|pulse\w*|clock|triangle|saw\w*|duty|edges?|"
                         r"rise|fall|pwl|code|for\s+a\s+(?:one|zero))\b", re.IGNORECASE)

# A range of sources by their numbers: "VK0 to VK3", "V1-V4"
_SOURCE_RANGE = re.compile(r"(?<![\w.])(?P<stem>[VI][A-Z]*)(?P<i>\d+)\s*(?:to|through|thru|-|\u2013|\.\.\.?)\s*"
                           r"(?P=stem)(?P<j>\d+)\b")
# A logic level said in words: "parked high", "tied low", "held high": the supply's level, or ground
_THRESHOLD = re.compile(r"\b(?:below|above|under|over|past|beyond|exceeds?|crosses|through)\s+(?:about\s+)?"
                        r"[-+\u2212]?\d[\d.]*\s*[munµk]?V\b", re.IGNORECASE)
_HELD_LOGIC = re.compile(r"\b(?:parked|held|tied|kept|pulled|set|fixed|sits?)\s+(?:\w+\s+)?(?P<level>high|low)\b",
                         re.IGNORECASE)


def _stated_levels(scope: str, unit: str) -> dict[str, object]:
    """The levels a source's own words state: an AC magnitude ("AC 1", "AC 1 V"), a wave (a sine, or a level at a
    frequency: "9 Vrms, 60 Hz"), else one DC level ("parked at 3.3 V", "0 V DC"); none where its words are a
    sweep's or another wave's, or give two DC levels."""
    if _NOT_LEVELS.search(scope):
        return {}
    found: dict[str, object] = {}
    ac = re.search(rf"\bAC\s*(?:of\s+|=\s*)?(?P<v>{_QTY_TEXT}(?:{unit}\b)?)|(?P<w>{_QTY_TEXT}{unit}?)\s*AC\b", scope)
    if ac and (qs := _quantities(ac["v"] or ac["w"])):
        found["ac"] = qs[0].value
    rest = scope[:ac.start()] + " " * len(ac[0]) + scope[ac.end():] if ac else scope
    qs = _quantities(rest)
    levels = [q for q in qs if q.unit == unit and not re.match(r"\s*(?:per|/)", rest[q.end:])]
    if any(q.unit == "Hz" for q in qs) and unit == "V" and levels:
        wave = _sine(rest if _SINE.search(rest) else rest + " sine")
        if wave:
            found["sin"] = wave
        return found
    if len(levels) == 1:
        found["dc"] = levels[0].value
    return found


# A list's next item that is another part: ", an op-amp error amplifier", ", and a feedback divider"
_LIST_ITEM = re.compile(r",\s*(?:and\s+)?(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:op-?amps?|npn|pnp|nmos|pmos|transistors?|"
                        r"mosfets?|bjts?|diodes?|resistors?|capacitors?|inductors?|comparators?|dividers?|amplifiers?)\b",
                        re.IGNORECASE)
# Words between a node and a source that keep them apart: a comparison (the node is the other input's: "a divider tap
# of node ka against a 1.24 V source VBG"), a relative clause (another part's doing: "VBG and drives an NPN that
# shunts ka to ground") or another part of a list
_APART = re.compile(r"\b(?:against|versus|vs\.?|compared\s+(?:to|with)|than|that|which|whose)\b|" + _LIST_ITEM.pattern,
                    re.IGNORECASE)


def _pins_fed_by_sources(request: Request) -> None:
    """A device's pin left unplaced that its words say a named source feeds ("base fed by a current source IB of 20 µA
    into node qb", "gate driven by VG"): the node that source sits on."""
    on = {s.name.upper(): s.node for s in request.sources if s.name and s.node}
    for i, e in enumerate(request.elements):
        if e.kind not in _TERMINALS or e.kind not in _TERMINAL_LETTERS or not e.nodes or None not in e.nodes:
            continue
        nodes = list(e.nodes)
        for k, words in enumerate(_TERMINALS[e.kind]):
            fed = re.search(rf"\b(?:{words})\s+(?:is\s+)?(?:fed|driven|biased|supplied|set|held)\s+(?:by|from|with)\s+"
                            r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?(?P<s>[VI][A-Z0-9_]*)\b", e.text)
            if k < len(nodes) and nodes[k] is None and fed and on.get(fed["s"].upper()):
                nodes[k] = on[fed["s"].upper()]
        request.elements[i] = dataclasses.replace(e, nodes=tuple(nodes))


def _sources_on_known_nodes(request: Request) -> None:
    """A named voltage source no phrase of its own placed: the nodes its statement names that the request calls nodes
    elsewhere, its first the one it drives ("VSIG: sine ..., between node tone and ground", "VKA gives ka 10 V")."""
    known = set(request.nodes) | {n for e in request.elements for n in e.placed()}
    for i, s in enumerate(request.sources):
        if s.node is not None or s.kind != "V" or not s.name:
            continue
        # an arrow from the source to its node: "coil <- VP: pulse ...", "VP -> coil"
        arrow = re.search(rf"(?<![\w.])(?P<a>[a-z_]\w*)\s*(?:<-|\u2190|<=)\s*{re.escape(s.name)}\b"
                          rf"|\b{re.escape(s.name)}\s*(?:->|\u2192|=>)\s*(?:node\s+)?(?P<b>[a-z_]\w*)\b",
                          request.description)
        if arrow and (node := arrow["a"] or arrow["b"]).lower() not in NOT_NODES:
            request.sources[i] = dataclasses.replace(s, node=_node(node))
            continue
        # (its own words only, up to another part: "VBG and drives an NPN that shunts ka" puts VBG on no ka)
        own = re.split(r"\b(?:op-?amps?|amplifiers?|transistors?|npn|pnp|nmos|pmos|mosfets?|diodes?|zeners?|leds?|"
                       r"resistors?|capacitors?|caps?|inductors?|dividers?|loads?)\b|(?<![\w.])[RCLDQMJXEGHF]\w*\d\w*",
                       s.text, maxsplit=1, flags=re.IGNORECASE)[0]
        ends = list(dict.fromkeys(
            "0" if word.lower() in VOCABULARY_GROUND else _node(word)
            for word in re.findall(r"(?<![\w.\-(])[a-z_]\w*\b(?![(\-])", own, re.IGNORECASE)
            if word.lower() != s.name.lower() and (word.lower() not in ("a", "an") or called(word)) and (
                word.lower() in VOCABULARY_GROUND or (
                _node(word) in known or called(word)) and not _DESIGNATOR.fullmatch(word))))
        if ends and ends[0] != "0" and len(ends) <= 2:
            request.sources[i] = dataclasses.replace(s, node=ends[0], minus=ends[1] if ends[1:] != ["0"] and ends[1:]
                                                     else None)


# "Hold VB at 1.8 V", "keep VB at 0", "VB held at 3.3 V": a named source's DC level, said apart from its node
_HELD_NAMED = re.compile(r"\b(?:hold|keep|set|tie|park|fix)s?\s+(?P<a>(?-i:[VI][A-Za-z0-9_]*))\s+(?:at|to|=)\s*"
                         r"(?P<v>[-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+)\s*(?:[munµk]?V\b)?)"
                         r"|\b(?P<b>(?-i:[VI][A-Za-z0-9_]*))\s+(?:is\s+)?(?:held|kept|set|tied|parked|fixed)\s+(?:at|to)\s*"
                         r"(?P<w>[-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+)\s*(?:[munµk]?V\b)?)", re.IGNORECASE)


def _own_timings(request: Request) -> None:
    """"Drive qa and qb with 0/1.8 V pulses (qa 10 ns high every 20 ns, qb 20 ns every 40 ns)": each node's pulse
    timed by its own item of the list in parentheses, its levels those the statement gives all of them."""
    for i, s in enumerate(request.sources):
        own = re.search(rf"[(,;]\s*{re.escape(s.node)}\s+(?P<t>[^,;()]*\b(?:every|period|high|wide)\b[^,;()]*)",
                        s.text, re.IGNORECASE) if s.pulse and s.node else None
        listed = re.search(r"\([^()]*\)", s.text) if own else None
        if own and listed and (pulse := _pulse(f"{s.text[:listed.start()]}({own['t']}){s.text[listed.end():]}", "V")):
            request.sources[i] = dataclasses.replace(s, pulse=pulse)


def _held_named(text: str, request: Request) -> None:
    """A DC level the request holds a named source at in words of their own ("Inputs VA on na and VB on nb. Hold VB
    at 1.8 V and sweep VA"): the level of that source, where no other reading gave it one."""
    for m in _HELD_NAMED.finditer(text):
        name, said = m["a"] or m["b"], (m["v"] or m["w"]).strip()
        at = next((i for i, s in enumerate(request.sources) if (s.name or "").upper() == name.upper()
                   and s.dc is None and not (s.sin or s.pulse or s.pwl)), None)
        level = _quantities(said if said.endswith("V") else f"{said} V")
        if at is not None and level and level[0].unit == "V":
            request.sources[at] = dataclasses.replace(request.sources[at], dc=level[0].value)


def _designated_sources(text: str, request: Request) -> None:
    """Every source the request names with a node of its own: its node and levels from its own words, the
    aside it stands in ("node bl_src (VBL, AC 1 V)", "+9 V (node pv, from VPV)", "gb (VGB, parked at 3.3 V)",
    "node tg_en at 5 V (VEN)") or its clause ("VT has AC 1 on node tx", "Drive node pp_in from VPP, a 5 V peak
    1 kHz sine", "9 Vrms, 60 Hz from VHW on node hw_ac"). A source the other readers left without its name, node
    or levels gets them; a misread one (placed on a word that is no node) is replaced."""
    nodes = set(request.nodes)
    if not nodes:
        return
    marks = list(_DESIGNATOR.finditer(text)) + list(_GIVEN_SOURCE.finditer(text))
    named = {e.name.upper() for e in request.elements if e.name}
    ranged = [(r.start(), r.end()) for r in _SOURCE_RANGE.finditer(text)]  # read below, each on its own node
    for m in _GIVEN_SOURCE.finditer(text):
        name = m["name"]
        if name in named or name in _RAILS or any(a <= m.start() < b for a, b in ranged):
            continue
        if name in _NOT_SOURCES and not (_SOURCE_VERB.match(text, m.end()) or _WAVE_NAMED.match(text, m.end())
                                         # ("D(IS=4n N=1.9)": a model card's parameter, not a source in an aside)
                                         or _SOURCE_LEAD.search(text[:m.start()]) and not re.search(
                                             r"\b(?:D|NPN|PNP|NMOS|PMOS|NJF|PJF|SW)\s*\(\s*$", text[:m.start()],
                                             re.IGNORECASE)
                                         or _CALLED_SOURCE.match(text, m.end())):
            continue  # a quantity's name ("VT = 26 mV", "VBE of 0.7 V"), not a source
        if re.search(r"\bcurrent\s+(?:through|in|of)\s+(?:the\s+)?$", text[max(0, m.start() - 40):m.start()],
                     re.IGNORECASE) or re.match(r"(?:'s)?\s+current\b", text[m.end():], re.IGNORECASE):
            continue  # "sensing the current through VB", "the VQ current": a controlled source's reference
        head = max([0] + [e.end() for e in re.finditer(r"[;:]|\.(?:\s|$)", text[:m.start()])])
        tail = min([e.start() for e in re.finditer(r"[;:]|\.(?:\s|$)", text[m.end():])]
                   + [len(text) - m.end()]) + m.end()
        opened = text.rfind("(", head, m.start())
        if opened >= 0 and ")" not in text[opened:m.start()] and (shut := text.find(")", m.end(), tail)) >= 0:
            inner = scope = text[opened + 1:shut]
            lead = head + max([0] + [e.end() for e in re.finditer(r"[,(]|\band\b", text[head:opened])])
            outer = text[lead:opened]
            said = [w for w in re.findall(r"[a-z_]\w*", inner) if _node(w) in nodes]
            before = [w for w in re.findall(r"[a-z_]\w*", outer) if _node(w) in nodes]
            node = _node(said[0]) if said else _node(before[-1]) if before else None
            levels = _stated_levels(inner.replace(name, ""), "A" if name[0] == "I" else "V")
            if not levels:  # "the 12 V input (node sr_in, from VSR)": the level said just before its aside
                near = re.search(rf"(?P<q>{_QTY_TEXT}[VA]|\d+[vV]\d{{1,2}})\b(?:\s+[\w-]+){{0,3}}\s*$", outer)
                levels = _stated_levels(near["q"], "A" if name[0] == "I" else "V") if near else {}
        else:
            # its clause: up to the parts named before and after it
            start = max([head] + [d.end() for d in marks if head <= d.end() <= m.start()])
            stop = min([tail] + [d.start() for d in marks if m.end() <= d.start() < tail])
            scope = text[start:stop]
            # (not a node another part's pin is said at: "a 5 V supply VCC5 via a series resistor, LED anode at
            # node la")
            closest = sorted(((abs(w.start() + start - m.start()), w[0]) for w in re.finditer(r"[a-z_]\w*", scope)
                              if _node(w[0]) in nodes and not _APART.search(
                                  text, min(m.end(), w.end() + start), max(m.start(), w.start() + start))
                              and not re.search(rf"\b(?:{_TERMINAL_WORDS})\s+(?:is\s+)?(?:at|on)\s+(?:node\s+)?$",
                                                scope[:w.start()], re.IGNORECASE)),
                             key=lambda p: p[0])
            node = _node(closest[0][1]) if closest else None
            # (a level crossed is a threshold, no level of the source's: "VT, drops below 1.8 V")
            levels = _stated_levels(_THRESHOLD.sub(" ", scope.replace(name, "")), "A" if name[0] == "I" else "V")
        rail = next((s.dc for s in request.sources if s.supply and s.dc is not None and s.dc > 0), None)
        if not levels and name[0] == "V" and (logic := _HELD_LOGIC.search(scope)) and (
                rail is not None or logic["level"].lower() == "low"):
            levels = {"dc": rail if logic["level"].lower() == "high" else 0.0}  # "parked high": at the supply's level
        if node is None or name[0] == "I" and re.search(rf"\bfrom\s+(?:the\s+)?(?:node\s+)?{node}\b", text[head:tail]):
            continue  # (a current "from vdd" leaves that node: the current readers place it)
        same = next((i for i, s in enumerate(request.sources) if s.name and s.name.upper() == name.upper()), None)
        if same is not None and request.sources[same].kind == "I" and request.sources[same].node is None:
            continue  # a current left unplaced is the family's reference's (its direction is theirs to read)
        if same is None:
            same = next((i for i, s in enumerate(request.sources) if not s.name and s.kind == name[0] and (
                s.node == node or name in s.text and (s.node or "") not in nodes)), None)
        if same is None:
            request.sources.append(SourceConstraint(text[m.start():tail], node, name=name, kind=name[0],
                                                    **levels))  # type: ignore[arg-type]
            continue
        s = request.sources[same]
        # placed on a word that is no node, its levels were read with it: another source's ("gb (VGB, at 3.3 V)")
        misread = not s.name and s.node is not None and s.node not in nodes | _PIN_NODES | {"0"}
        stated = not misread and (s.dc is not None or s.ac is not None or s.sin or s.pulse or s.pwl)
        request.sources[same] = dataclasses.replace(
            s, name=s.name or name, node=node if s.node is None or misread else s.node,
            **({} if stated else {"dc": None, **levels}))  # type: ignore[arg-type]
    # "VK0 to VK3": each source of the range, on the node its name spells after its letter (VK1 on k1)
    # ("sources VX1-VX4, 1 V each": the level of each)
    for r in _SOURCE_RANGE.finditer(text):
        each = re.match(r"[^.;:()]*?\beach\b", text[r.end():])
        levels = _stated_levels(each[0], "A" if r["stem"][0] == "I" else "V") if each else {}
        for k in range(int(r["i"]), int(r["j"]) + 1 if int(r["j"]) - int(r["i"]) < 16 else int(r["i"])):
            name, node = f"{r['stem']}{k}", f"{r['stem'][1:]}{k}".lower()
            same = next((i for i, s in enumerate(request.sources) if s.name and s.name.upper() == name), None)
            if node not in nodes:
                continue
            if same is None:
                request.sources.append(SourceConstraint(r[0], node, name=name, kind=name[0],
                                                        **levels))  # type: ignore[arg-type]
            else:
                request.sources[same] = dataclasses.replace(request.sources[same], node=node)


def _named_sources(text: str, request: Request) -> set[str]:
    """Sources the request names, each with its node and levels as its statement gives them:
    "VIN = 5 V DC at in", "V1 at node in with AC 1", "supply VCC at node vcc", "out is held at 12 V
    by source V8", "Current source I1 of 10 µA DC with AC 1 feeding node n", "sweep VIN from 0 to 5 V".
    Returns the names read."""
    mentions = []
    lines = {s.name.upper() for s in request.sources if s.name}  # sources written as SPICE lines, read already
    for m in _SOURCE_MENTION.finditer(text):
        name = m["name"] or m["mixed"] or m["low"] or m["low2"]
        if name.upper() in lines or m["mixed"] and re.search(rf"\b[VI][A-Z0-9_]*\s+{_HOLDING_VERB}\s+(?:node\s+)?$",
                                                             text[:m.start()]):
            continue  # ("VSUP makes v10 = 10 V": the node a named source holds, no source of its own)
        # "VF = 0.7 V at node a", "VGS drives the gate g": a quantity's name given to a source
        # ("VZ (1.5 V DC on node z)": its level and node in parentheses)
        placed = re.match(r"\s*(?:=|is|\()?\s*[-+]?[\d.]+\s*\w*\s+(?:DC\s+|AC\s+)?(?:at|on|into)\s+(?:node\s+)?[a-z_]"
                          # ("IRF: AC 1m into tank": its kind, then its level and node)
                          r"|\s*[:=]\s*(?:DC|AC)\s+[-+]?\.?\d[\d.]*\s*\w*\s+(?:at|on|into)\s+(?:node\s+)?[a-z_]"
                          r"|\s+(?:drives|feeds)\s+(?:the\s+)?(?:gate|base|node|input)\s+[a-z_]"
                          # "VGS drives g1 (2 V DC at the bias point)": a node, then its level in a note
                          r"|\s+(?:drives|feeds)\s+[a-z_]\w*\s*\(\s*[-+]?\.?\d[\d.]*\s*[munµk]?V\b"
                          # "VDS holds the drain at 5 V": a source's verb on a pin
                          r"|\s+(?:holds|sets|biases|forces|keeps)\s+(?:the\s+)?(?:gate|base|drain|collector|emitter)\b"
                          # "VDS holds dn at 1.8 V", "VC sets cin to 0.2 V", "VB fixes bq at 6 V", "VSUP makes v10 =
                          # 10 V": a source's verb on a node with its level
                          rf"|\s+{_HOLDING_VERB}\s+(?:node\s+)?[a-z_]\w*\s+(?:at|to|=)\s*[-+]?\.?\d"
                          # "VT puts 10 V DC on top", "VT puts AC 1 on top": the level first, then its node
                          r"|\s+(?:puts|applies|gives|supplies|provides|delivers|places)\s+(?:(?:DC|AC)\s+)?[-+]?\.?\d"
                          r"[\d.]*\s*(?:[munµk]?V\s+)?(?:DC\s+|AC\s+)?(?:at|on|to|into|onto)\s+(?:node\s+)?[a-z_]"
                          # ... or its wave first: "VAC puts a SIN(0 1 1k) on node x"
                          r"|\s+(?:puts|applies|gives|supplies|provides|delivers|places)\s+(?:an?\s+)?(?:sin|pulse|pwl)"
                          r"\s*\([^()]*\)\s*(?:at|on|to|into|onto|across|between)\s"
                          # "VAC = SIN(0 6 60) on node s", "ID (1 mA DC) into node dv": its wave or its level in
                          # parentheses, then its node (a quantity's name, VAC or ID, is a source so placed)
                          r"|\s*(?:=|:|\bis\b)\s*(?:sin|pulse|pwl)\s*\([^()]*\)\s*(?:at|on|into|across|between|from)\s"
                          # "VAC is a 10 V-peak 50 Hz sine on ac": its wave in words, then its node
                          r"|\s*(?:=|:|\bis\b)\s*(?:an?\s+)?[^.;,()]{0,40}?\b(?:sine|sinusoid|square|pulse|triangle|"
                          r"ramp|step|tone)s?(?:\s+wave)?\s+(?:at|on|into|across)\s+(?:node\s+)?[a-z_]"
                          r"|\s*\(\s*(?:(?:DC|AC)\s+)?[-+]?\.?\d[\d.]*\s*[munµk]?[VA]\b[^()]*\)\s*"
                          r"(?:at|on|into|across|between|from)\s"
                          # "IB sends current into node z": a current source's verb into its node
                          r"|\s+(?:sends|pushes|injects|forces|feeds|sources|delivers|pumps)\s+(?:[\w.]+\s+){0,3}?"
                          r"into\s+(?:the\s+)?(?:node\s+)?[a-z_]"
                          # "VGS on gn sweeps ...", "VAC on ac1 is a sine", "VDX sweeps dx from": placed, then its wave
                          r"|\s+(?:at|on)\s+(?:node\s+)?[a-z_]\w*\s+(?:is|sweeps|ramps|steps|swept|ramped|stepped|goes|runs)\b"
                          r"|\s+(?:sweeps|ramps|steps)\s+(?:node\s+)?[a-z_]\w*\s+from\b"
                          # "VDS at d and VGS at g": placed on a node by name alone
                          # ("VGS on mg: DC sweep 0 to 3 V": its node, then what it does)
                          r"|\s+(?:is\s+)?(?:at|on)\s+(?:node\s+)?[a-z_]\w*\s*(?:$|[,;:]|\.(?:\s|$)|\band\b)",
                          text[m.end():], re.IGNORECASE)
        # "a 3 V source VOUT at node mo": called a source, its name is a source's
        placed = placed or re.search(r"\b(?:source|supply|battery|generator)\s+$", text[:m.start()], re.IGNORECASE) \
            or _CALLED_SOURCE.match(text, m.end()) or _WAVE_NAMED.match(text, m.end())
        if (name.upper() in _NOT_SOURCES and not placed) or (
                re.match(r"\s*=", text[m.end():]) and _MODEL_PARAM.match(text, m.start())
                and _MODEL_CONTEXT.search(text) and not _ON_NODE.match(text, m.end())):
            continue  # a quantity or a model parameter ("VA = 100" of a transistor; "VA = 5 V on pa" is a source)
        mentions.append((m.start(), m.end(), name))
    marks = sorted({m.start() for m in _DESIGNATOR.finditer(text)} | {a for a, _, _ in mentions})
    read: dict[str, SourceConstraint] = {}
    parts: set[str] = set()  # sources read as parts between two nodes
    for at, end, name in mentions:
        if name.upper() in parts or re.search(r"\bcurrent\s+(?:through|in|of)\s+(?:the\s+)?(?:source\s+|ammeter\s+)?$",
                                             text[max(0, at - 40):at], re.IGNORECASE) \
                or re.match(r"(?:'s)?\s+current\b(?!\s+(?:source|sink|of|=|:|is)\b)", text[end:], re.IGNORECASE):
            continue  # "the current through VSENSE", "the VAM current": a controlled source's reference
        start, stop = _statement(text, at, marks)
        sentence = max([0] + [m.end() for m in re.finditer(r"[;]|\.(?:\s|$)", text[:at])])
        # ("A 2 V peak 1 kHz sine (VS at src)": the wave its aside names, said before it)
        # ... or a square's, its aside naming the source ("a 1 kHz 0-5 V square wave ... (make that source VPWM)")
        aside_wave = text[max(0, at - 1):at] == "(" and _SINE.search(text, sentence, at) or re.search(
            r"\(\s*(?:make\s+(?:that|it)\s+(?:the\s+)?source|call\s+it|source)\s+$", text[sentence:at],
            re.IGNORECASE) \
            and re.search(r"\bsquare|\bclock\b|\bpulses?\b", text[sentence:at], re.IGNORECASE) and not re.search(
                r"\b(?:triangle|triangular|saw\w*|ramp|sine|sinus\w*)\b", text[sentence:at], re.IGNORECASE)
        if aside_wave or _SINE.search(text, start, stop) and _sine(text[start:stop]) is None:  # "A 1 kHz ... sine VIN"
            start = max([0] + [m.end() for m in re.finditer(r"[;]|\.(?:\s|$)", text[:start])]
                        + [m.end() for m in _DESIGNATOR.finditer(text, 0, start)])
        span, key = text[start:stop], name.upper()
        phrase = max([0] + [m.end() for m in re.finditer(r"[,;(]|\.(?:\s|$)", text[:start])])
        before = text[phrase:start]  # "out is held at 12 V by source", "fed 1 mA by current source"
        kind = name[0].upper()
        unit = "A" if kind == "I" else "V"
        rail = key in _RAILS
        # its node in its own words: up to another part a list names ("a 2.5 V reference source VREF, an op-amp error
        # amplifier, ... a feedback divider setting 9.0 V at node vreg": vreg is the divider's)
        own = text[end:next((m.start() for m in _LIST_ITEM.finditer(text, end, stop)), stop)]
        # "pushing current into the op-amp's inverting input node inn": the node its words call one, a few words on
        called_node = re.search(r"\b(?:at|on|into|to)\s+(?:the\s+)?(?:(?!(?:and|or|to|from|with|then|while|node|feeds?|"
                                r"drives?|through|via)\b)"
                                r"[\w'\u2019-]+\s+){1,4}?node\s+(?P<n>[a-z_]\w*)", own, re.IGNORECASE)
        node = _node(called_node["n"]) if called_node and called_node["n"].lower() not in _NOT_NODES else None
        # "source V12 (node s12) I want 3 V at node meas": the node its own aside names, before any the clause names
        # ("the 5 V rail (VCC1) is node vr": the node the phrase it names is said to be)
        own_node = re.match(r"\s*\(\s*(?:on\s+|at\s+)?node\s+(?P<n>[a-z_]\w*)\s*\)", text[end:stop], re.IGNORECASE) \
            or re.match(r"\s*\)\s*is\s+(?:the\s+)?node\s+(?P<n>[a-z_]\w*)", text[end:end + 60], re.IGNORECASE)
        node = _node(own_node["n"]) if own_node and own_node["n"].lower() not in _NOT_NODES else node
        # ("Raw input reg_vin from source VRAW = 9 V": the node said fed from it, just before its name)
        # ("(node s5v, driven by V5S = 5 V)": the node, then what drives it)
        fed_from = re.search(r"(?<![\w.])(?P<n>[a-z_]\w*)\s+(?:is\s+)?(?:(?:fed|driven|supplied)\s+)?(?:from|by)\s+"
                             r"(?:the\s+)?(?:source\s+)?$"
                             r"|\bnode\s+(?P<n2>[a-z_]\w*)\s*,\s*(?:is\s+)?(?:fed|driven|supplied)\s+(?:from|by)\s+"
                             r"(?:the\s+)?(?:source\s+)?$", text[max(0, at - 60):at])
        # ("a 100 ohm series resistor from VSUP (12 V) down to sh_out": a source said as a part's end is on its own
        # node, the one its name gives)
        if node is None and name[0].upper() == "V" and re.search(r"\b(?:from|to)\s+$", text[max(0, at - 6):at]) \
                and re.match(r"\s*(?:\((?![^()]*\bnode\b)[^()]*\)\s*)?(?:down\s+|up\s+)?(?:to|through|via|into)\b",
                             text[end:]):  # (not "fed from VD (1 V AC on node drv) through R9": its node said)
            node = _node(name.lower())
        # (not "the tank is fed from VD (1 V AC on node drv) through R9": a node fed through a part is its far end)
        fed_node = fed_from and (fed_from["n"] or fed_from["n2"])
        if node is None and fed_node and fed_node.lower() not in _NOT_NODES | GROUND \
                and not re.match(r"\s*(?:\([^()]*\)\s*)?(?:through|via)\b|\s*\([^()]*\bnode\b", text[end:]) \
                and (re.search(r"[\d_]", fed_node) or marked(fed_node) or called(fed_node)):
            node = _node(fed_node)
        for m in [] if node else re.finditer(
                             r"\b(?:at|on|into|feeding|feeds|drives?|driving|pushing\s+into|applied\s+to|holds?|"
                             r"holding|sets|keeps|puts|pins|fixes|clamps|makes|brings|sweeps|ramps)\s+(?:the\s+)?(?:(?:gate|base|drain|collector|emitter)\s+"
                             r"(?=(?!(?:at|to|on|of|and|by|with)\b)[a-z_]\w*\b(?!\s+(?:of|and)\b)))?(?:node\s+)?"
                             # ("makes v10 = 10 V": a node, then its level; "puts AC 1 on top": a level)
                             r"(?!(?:AC|DC)\s+[-+]?\.?\d)(?P<n>[a-z_]\w*)\b"
                             # ("VA on nr_a = PULSE(...)": the node, then its wave)
                             r"(?!\(|\s*=(?!\s*(?:DC\s+)?[-+]?\.?\d[\d.]*\s*[munµk]?V\b|\s*(?:PULSE|SIN|PWL)\s*\())",
                             own,
                             re.IGNORECASE):  # "drives the gate g"
            # "VG holds the gate at 1.6 V": the pin's node (_pin_held_sources)
            # (not another part's pin: "VCC5 via a series resistor, LED anode at node la"; nor a role word before
            # "node": "IPD feeding the summing node")
            if re.search(r"\b(?:anode|cathode)\s+$", own[:m.start()], re.IGNORECASE) \
                    or re.match(r"\s+node\b", own[m.end():]) and "node" not in m[0].lower():
                continue
            if not _article(m, "n") and (m["n"].lower() not in _NOT_NODES or m["n"].lower() in _PIN_NODES) \
                    and not _value_word(m, "n") \
                    and not (plain(m["n"], text[end + m.end():]) and "node" not in m[0].lower()) \
                    and not re.match(r"\s*(?:Hz|hz|V\b|A\b|s\b)", text[end + m.end():]):
                node = _node(m["n"])
                # "into the cathode (node kz)", "holds the first base (node b)": the node the pin's note names
                noted = re.match(rf"(?P<pin>\s+(?:{_TERMINAL_WORDS}))?\s*\(\s*node\s+(?P<n>[a-z_]\w*)\s*\)",
                                 text[end + m.end():], re.IGNORECASE)
                if noted and (m["n"].lower() in _PIN_NODES | {"source"} or noted["pin"]):
                    node = _node(noted["n"])
                break
        # "VCC supplies 12 V to node top", "VT puts AC 1 on top": its level, then the node it goes to
        given = re.match(rf"\s+(?:puts|applies|gives|supplies|provides|delivers|places)\s+(?:(?:DC|AC)\s+)?"
                         rf"{_QTY_TEXT}(?:[munµk]?V\s+)?(?:(?:DC|AC)\s+)?(?:at|on|to|into|onto)\s+(?:node\s+)?"
                         r"(?P<n>[a-z_]\w*)", text[end:stop], re.IGNORECASE) if node is None else None
        # "VS, 12 V, node top": a list item, its name, its level, then its node
        given = given or (re.match(r"\s*,\s*(?:[^,;.]|\.\d)*?,\s*(?:on\s+|at\s+)?node\s+(?P<n>[a-z_]\w*)\b",
                                   text[end:stop], re.IGNORECASE) if node is None else None)
        if given and given["n"].lower() not in _NOT_NODES and not _article(given, "n"):
            node = _node(given["n"])
        # ... or with its level after the name ("input na tied high by VNA = 1.8 V")
        held = re.search(r"\b(?P<n>[a-z_]\w*)\s+(?:is\s+|are\s+)?(?:held|set|biased|tied|fixed|kept|driven|forced|"
                         rf"pulled)\s+(?:high\s+|low\s+)?(?:(?:at|to)\s+(?P<v>{_QTY_TEXT}[VA])(?:\s+DC)?\s+)?by\s+(?:the\s+)?"
                         r"(?:sources?\s+)?(?P<others>(?:[VI]\w*\s*(?:,|and)\s*)*)$", before, re.IGNORECASE)
        if held and held["n"].lower() in ("inputs", "gates", "bases", "both", "ends") and (listed := re.search(
                r"\b(?:inputs?|gates?|bases?)\s+(?:are\s+)?(?:nodes?\s+)?(?P<a>[a-z_]\w*)\s+and\s+(?P<b>[a-z_]\w*)",
                text, re.IGNORECASE)):  # "inputs a and b ... held high at 1.8 V by VA and VB": in order
            order = len(re.findall(r"[VI]\w*", held["others"]))
            node = node or (_node(listed["a"]) if order == 0 else _node(listed["b"]) if order == 1 else None)
        elif held:
            node = node or _node(held["n"])
        driving = re.search(r"\b(?:driv(?:e|es|ing)|feed(?:s|ing)?|excit(?:e|es|ing))\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s+"
                            r"(?:with|from|using|by)\s+"
                            r"(?:the\s+|source\s+)*$", before, re.IGNORECASE)  # "Drive sw with VSW, a ... square wave"
        # "Input node cin driven by VCIN, a triangle PWL ...": the node said driven by it
        driving = driving or re.search(r"\b(?:node\s+)?(?P<n>[a-z_]\w*)\s+(?:is\s+)?(?:driven|fed|excited)\s+"
                                       r"(?:by|from)\s+(?:the\s+|source\s+)*$", before, re.IGNORECASE)
        if node is None and driving and driving["n"].lower() not in _NOT_NODES and not _article(driving, "n"):
            node = _node(driving["n"])
        # "R14 pulls m up to node top, where VS holds 5 V DC": the node the clause before names
        where = re.search(r"\b(?P<n>[a-z_]\w*)\s*,?\s*where\s+$", text[max(0, at - 60):at], re.IGNORECASE)
        if node is None and where and where["n"].lower() not in _NOT_NODES | GROUND and not _article(where, "n"):
            node = _node(where["n"])
        tied = re.search(r"\b(?:tie|ties|connect|connects|hook|hooks)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s+(?:up\s+)?"
                         r"to\s+$", before, re.IGNORECASE)  # "and tie top to a 24 V DC supply V9"
        # ... "drain node d1 tied straight to VDD = 5 V": said of the node
        tied = tied or re.search(r"\b(?:node\s+)?(?P<n>[a-z_]\w*)\s+(?:is\s+)?"
                                 r"(?:tied|connected|hooked|strapped|wired)\s+"
                                 r"(?:straight\s+|directly\s+|right\s+)?(?:up\s+)?to\s+(?:the\s+)?(?:supply\s+)?$",
                                 before, re.IGNORECASE)
        # (not tied through a part: "drain on node md tied to a 6 V supply VDD through RD" is RD's far end)
        if node is None and tied and tied["n"].lower() not in _NOT_NODES | GROUND and not _article(tied, "n") \
                and not re.match(r"\s*,?\s*(?:through|via)\b", text[end:], re.IGNORECASE):
            node = _node(tied["n"])
        # "VSENSE is a 0 V source from node a to node b": its own words, up to the first comma
        # ("Vdrv between a and ground is a sine": a voltage source's ends; a current source's direction needs "from")
        # ("I3 = 1 mA flows from node p into node q": a current's way, into its far end)
        pair = re.search(r"\bfrom\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s+(?:in)?to\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b"
                         # ("VAC is SIN(0 10 60) across ac1 (+) and ac2 (-)": its ends with their polarity noted)
                         + (r"|\b(?:between|across)\s+(?:nodes?\s+)?(?P<a2>[a-z_]\w*)(?:\s*\(\s*\+\s*\))?\s+and\s+"
                            r"(?:node\s+)?(?P<b2>[a-z_]\w*)\b" if kind == "V" else ""),
                         text[end:stop].lstrip(" ,").split(",")[0], re.IGNORECASE)
        if pair is None:  # "VSENSE, a 0 V source from s to ground, senses ...": its words set off by commas
            pair = re.search(r"\bfrom\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s+to\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b",
                             next(iter(re.findall(r"^\s*,\s*an?\s+[^,]*\bsource\b[^,]*", text[end:stop])), ""),
                             re.IGNORECASE)
        if pair is None and (noted := re.match(r"\s*\((?P<note>[^()]*)\)", text[end:stop])):
            # "VAM (a zero-volt source, nm to ground)": its ends in the note on it
            pair = re.search(r"(?:\bfrom\s+|,\s*|^\s*)(?:node\s+)?(?P<a>[a-z_]\w*)\s+to\s+(?:node\s+)?"
                             r"(?P<b>[a-z_]\w*)\s*$", noted["note"], re.IGNORECASE)
        if pair is not None and pair["a"] is None:
            pair = re.match(r"(?P<a>\w+) (?P<b>\w+)", f"{pair['a2']} {pair['b2']}")
        qs = [q for q in _quantities(span) if q.unit == unit]
        sine = _sine(span) if kind == "V" else None
        # "DC sweep of VIN from 0 to 1 V": the range is the analysis's, no step the source makes
        swept = re.search(r"\b(?:sweep\w*|stepp\w*|each\s+step)\s+(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+(?=source\s))?"
                          r"(?:source\s+)?$",
                          text[max(0, at - 40):at], re.IGNORECASE) or re.search(
            # ("VD on drain node dr swept from 0 to 3 V in 50 mV steps", "VG ... from 1 V to 3 V in 0.5 V steps")
            # ("... 2 mV per step")
            rf"\b(?:swept|stepped)\b|\bin\s+{_QTY_TEXT}{unit}\s+steps\b|{_QTY_TEXT}{unit}\s+(?:per|a|each)\s+step\b",
            span, re.IGNORECASE)
        pulse = _pulse(span, unit) if sine is None and not swept else None
        pwl = _pwl(span) if sine is None and pulse is None else None
        # ("an AC current source of 1 mA into tank": the level after the source's own words)
        ac_said = re.search(rf"\bAC\b(?:\s+(?:current|voltage))?(?:\s+(?:source|generator|drive|signal))?"
                            rf"(?:\s*(?:magnitude|amplitude|level|of|=|:))*\s*(?P<q>{_QTY_TEXT})"
                            rf"(?:{unit})?(?!\w|\.\d)"
                            # (not the digit of a name: "V2 AC 1")
                            # (no DC level before it: "DC 2u AC 1" is 1 AC)
                            rf"|(?<![\w.])(?<!DC\s)(?<!DC=)(?<!DC\s=\s)(?P<q2>{_QTY_TEXT}){unit}?\s+(?:of\s+)?AC\b",
                            span, re.IGNORECASE)
        # ("both DC 2.5 and AC 0.5": a level after its DC word, its unit unsaid, as after AC)
        dc_said = re.search(rf"\bDC(?:\s*(?:level|value|of|=|:))*\s*(?P<q>{_QTY_TEXT}(?:{unit})?)(?!\w|\.\d)"
                            rf"|(?<![\w.])(?P<q2>{_QTY_TEXT}{unit})\s*DC\b", span, re.IGNORECASE)
        ac = _quantities((ac_said["q"] or ac_said["q2"]).strip())[0].value if ac_said else None
        dc = _quantities((dc_said["q"] or dc_said["q2"]).strip())[0].value if dc_said else None
        # "an AC current source IS1 of 100 uA": called an AC source before its name, its one level is its AC level
        if ac is None and dc is None and re.search(r"\bAC\s+(?:current\s+|voltage\s+)?(?:source|generator)\s+$",
                                                   text[max(0, at - 40):at], re.IGNORECASE) and len(qs) == 1:
            ac, qs = qs[0].value, []
        # "VIN = 5 V at in", "V1 = 1.5e1 V": a bare level is DC (not a level it crosses: "VT, drops below 1.8 V")
        if dc is None and not sine and not pulse and not pwl and not swept:
            crossed = [(c.start(), c.end()) for c in _THRESHOLD.finditer(span)]
            rest = [q for q in qs if not (ac_said and ac_said.start() <= q.start < ac_said.end())
                    and not any(a <= q.start < b for a, b in crossed)]
            dc = rest[0].value if rest else None
        if held and held["v"]:
            dc = dc if dc is not None else _quantities(held["v"])[0].value
        # ("15v dc on top from source vt": its level and node before it)
        # ("15 V in at lr_in from source VLR, regulated 9 V at lr_out": the level before, not the output's after)
        lead_level = re.search(rf"(?P<v>{_QTY_TEXT}{unit})\s*(?:DC\s+)?(?:in(?:put)?\s+)?"
                               r"(?:(?:on|at|to|into)\s+(?:node\s+)?"
                               r"(?P<n>[a-z_]\w*)\s+)?(?:by|from)\s+(?:the\s+|an?\s+)?"
                               r"(?:current\s+|voltage\s+)?(?:source\s+)?$", before, re.IGNORECASE) or re.search(
            # "the 5 V rail (V5 on node v5)": named in parentheses after its level
            # ... its node between ("5 V DC rail on node r5 (source VR5)")
            rf"(?P<v>{_QTY_TEXT}{unit})\s+(?:DC\s+)?(?:[\w-]+\s*)?(?:(?:on|at)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s*)?"
            r"\((?:\s*(?:just|only|an?|DC|source))*\s*$",
            text[max(0, at - 60):at],
            re.IGNORECASE)
        # ("off a 9 V battery: VB9 on node b9": the supply said just before, its name and node after a colon)
        headed = re.search(rf"(?P<v>{_QTY_TEXT}{unit})\s+(?:DC\s+)?(?:battery|supply|rail|adapter|cell|source)\s*"
                           r"[:\u2013\u2014-]\s*$", text[max(0, at - 40):at], re.IGNORECASE) if kind == "V" else None
        lead_level = lead_level or headed
        # (over a level said after the name only where none is said in its own words before it: "15 V in at lr_in from
        # source VLR, regulated 9 V", not "3.3 V at out from a 5 V source VIN")
        own_before = [q for q in _quantities(text[start:at]) if q.unit == unit]
        if lead_level and (dc is None or not own_before and not re.match(r"\s*=", text[end:])) and not sine \
                and not pulse:  # "fed 1 mA by current source I1"
            dc = _quantities(lead_level["v"])[0].value
            if node is None and (on := lead_level.groupdict().get("n")) and on.lower() not in _NOT_NODES:
                node = _node(on)
        if node is None and (fed := re.search(r"\b(?:fed|driven|biased|supplied)\b", before, re.IGNORECASE)) \
                and request.elements and request.elements[-1].nodes and request.elements[-1].nodes[0]:
            node = request.elements[-1].nodes[0] if fed else None  # "diode D1 (anode a ...) fed 1 mA by I1"
        if node is None and (par := re.search(r"\b(?:(?:at|on)\s+(?:input\s+|node\s+)?|node\s+)(?P<n>[a-z_]\w*)\s+\($",
                                              text[phrase - 40 if phrase >= 40 else 0:phrase], re.IGNORECASE)):
            node = _node(par["n"])  # "base at input in (5 V DC from source V1)"
        minus = None
        behind = re.match(r"\s*(?:,\s*)?(?:feeds?|feeding|drives?|driving)\s+(?:node\s+)?(?P<b>[a-z_]\w*)\s+"
                          rf"(?:through|via)\s+(?:an?\s+)?(?P<r>{_QTY_TEXT}(?:Ω|Ω|ohms?)?)(?![\w.])",
                          text[end:stop], re.IGNORECASE)
        if kind == "V" and behind and node == _node(behind["b"]) and name.lower() not in _NOT_NODES | GROUND \
                and len(ohms := _quantities(behind["r"])) == 1 and ohms[0].unit in ("", "ohm"):
            # "the source vs feeds node fin through 50 ohms": the source on its own node (its name), the resistor
            # from there to the node it feeds
            node = name.lower()
            request.elements.append(ElementConstraint(behind[0].strip(), "R", None, (node, _node(behind["b"])),
                                                      ohms[0].value, ohms[0].text))
            if request.input == _node(behind["b"]):  # the circuit's input is the source's node, ahead of its resistor
                request.input = node
            request.nodes += [node] if node not in request.nodes else []
        # "V2 = 3 V DC drives node x through R4 = 2k": likewise through a part named there, unplaced by its own words
        # ("VB1 (0.5 V DC at node bi) drives RB1 = 10k into node bx": from the source's own node)
        named_behind = re.match(r"(?:[^.;]|\.\d){0,40}?\b(?:feeds?|feeding|drives?|driving)\s+"
                                r"(?:(?:node\s+)?(?P<b>[a-z_]\w*)\s+(?:through|via)\s+(?:the\s+)?(?:resistor\s+)?(?P<r>R\w*)\b|(?:the\s+)?(?:resistor\s+)?"
                                rf"(?P<r2>R\w*)(?:\s*=\s*{_QTY_TEXT}\w*)?\s+(?:into|to)\s+(?:node\s+)?(?P<b2>[a-z_]\w*))",
                                text[end:end + 80], re.IGNORECASE)
        far = _node(named_behind["b"] or named_behind["b2"]) if named_behind else None
        # (not one whose own words go on to say its far end: "through Rwire of 0.2 ohm from node cell")
        part = next((i for i, e in enumerate(request.elements) if named_behind and (
            e.nodes is None and not re.search(r"\b(?:from|between)\s",
                                              text[end + named_behind.end():_sentence(text, end)[1]])
            or named_behind["r2"] and far in (e.nodes or ()))
                     and (e.name or "").upper() == (named_behind["r"] or named_behind["r2"]).upper()), None)
        if kind == "V" and named_behind and part is not None and far is not None and far not in _NOT_NODES | {"0"} \
                and name.lower() not in _NOT_NODES | GROUND and (node == far or named_behind["r2"] and node):
            node = name.lower() if node == far or node is None else node
            request.elements[part] = dataclasses.replace(request.elements[part], nodes=(node, far))
            request.nodes += [node] if node not in request.nodes else []
        between = re.search(r"\bbetween\s+(?:nodes?\s+)?(?P<a>[a-z_]\w*)\s+and\s+(?:node\s+)?(?P<b>[a-z_]\w*)", span,
                            re.IGNORECASE) if kind == "I" and node and minus is None else None
        if between and node in (_node(between["a"]), _node(between["b"])):
            # "I3 between vdd and x (into x)": drawn from the other end
            other = _node(between["b"]) if node == _node(between["a"]) else _node(between["a"])
            minus = None if other == "0" or other in _NOT_NODES else other
        if kind == "I" and node in (None, _node(pair["b"]) if pair else None) and pair and minus is None \
                and not {pair["a"].lower(), pair["b"].lower()} & _NOT_NODES:
            node, minus = _node(pair["b"]), _node(pair["a"])  # "I3 = 2 mA from a to b": drawn from a, pushed into b
        sunk = _SINKS.search(text, end, stop) if kind == "I" and node is None else None
        if sunk and sunk["n"].lower() not in _NOT_NODES and not _article(sunk, "n"):
            node, minus = "0", _node(sunk["n"])  # "I1 sinks 2 mA from node a": I1 a 0
        if node is None and pair and _node(pair["b"]) == "0" and pair["a"].lower() not in _NOT_NODES | GROUND:
            node = _node(pair["a"])  # "VM is a 0 V ammeter from m to ground": its + end
        if kind == "V" and pair and _node(pair["b"]) != "0" and (sine or pulse or pwl) and node is None:
            node, minus = _node(pair["a"]), _node(pair["b"])  # a wave between two nodes: a floating source
        elif kind == "V" and pair and _node(pair["b"]) != "0" and not {pair["a"].lower(), pair["b"].lower()} & \
                _NOT_NODES:
            # "VSENSE is a 0 V source from node a to node b": a source between two nodes is a part (once: "V5 (5 V)
            # across nodes p and n" is read as a part by its own clause already)
            if not any((e.name or "").upper() == key for e in request.elements):
                request.elements.append(ElementConstraint(span.strip(" ,;"), "V", name,
                                                          (_node(pair["a"]), _node(pair["b"])),
                                                          dc if dc is not None else 0.0, f"{dc or 0:g}"))
            parts.add(key)
            continue
        said = key in read
        aside = text[max(0, at - 1):at] == "("  # "(VX sits on vx)": where it is, said outright
        # ("VW sits on src": a later mention that places it outright moves it from the node guessed before)
        outright = node is not None and re.match(r"\s+(?:sits|is|lives|stays)\s+(?:on|at)\s", text[end:end + 12])
        old_levels = said and read[key].dc is read[key].ac is read[key].sin is read[key].pulse is read[key].pwl is None
        if said and read[key].node is not None and (node is None or dc is ac is sine is pulse is pwl is None) \
                and not (aside and node) and not outright \
                and not (old_levels and not swept and not dc is ac is sine is pulse is pwl is None):
            continue  # a later mention ("referred to VIN") adds nothing (but "VBAT on bat. VBAT = -9 V": its level)
        if key in ("VEE", "VSS") and node is None and dc is not None and dc < 0:
            node = key.lower()  # "VEE = -15 V": the negative rail, on its own node (never ground)
        elif rail and node is None and dc is not None and any(key.lower() in (e.nodes or ()) for e in request.elements):
            node = key.lower()  # "M2 with drain on vdd ... VDD = 5 V DC": the rail a stated part sits on
        elif rail and node is None and not re.search(rf"\bsupply\s+{name}\b|\b{name}\s+supply\b", span,
                                                     re.IGNORECASE):
            continue  # "VDD = 5 V": the supply's level, read by the intent reader
        if node is None and dc is ac is sine is pulse is pwl is None and not swept and not re.search(
                r"\b(?:sweep\w*(?:\s+of)?|source|referred\s+to|input)\s+(?:the\s+)?$", text[max(0, at - 30):at],
                re.IGNORECASE):
            continue  # a mention of a source stated nowhere else ("the current through VSENSE")
        # (a source said to hold a node "by VB" is a supply only in its own words: "base held at 1.7 V by VB, 1k
        # emitter resistor, ... from the 9 V supply" names another source's supply)
        supply = rail or bool(headed) or bool(re.search(r"\b(?:supply|rail)\b",
                                                        span.split(",")[0] if held and held["v"] else span,
                                                        re.IGNORECASE))
        level = re.search(rf"(?P<v>{_QTY_TEXT}V|\d+V\d+)\s+(?:dc\s+)?(?:supply|rail)\b|"
                          r"\b(?:supply|rail)\s+(?:voltage\s+)?"
                          rf"(?:of|at|=|is)\s*(?P<v2>{_QTY_TEXT}V|\d+V\d+)", text, re.IGNORECASE)
        if supply and dc is None and level:  # "supply VCC at node vcc" on "a 3V3 rail": the rail's level
            dc = _quantities(level["v"] or level["v2"])[0].value
        source = SourceConstraint(span.strip(" ,;:"), node, dc, ac, sine, name, supply, pulse, kind,
                                  None if minus == "0" else minus, pwl)
        if said:  # "VSUP is 12 V DC ... a DC sweep of VSUP from 0 to 15 V": what one mention leaves open, another says
            old = read[key]
            kept = [f.name for f in dataclasses.fields(source)
                    if getattr(source, f.name) is None or f.name == "text" and (swept or aside)]
            source = dataclasses.replace(source, **{name: getattr(old, name) for name in kept})
        read[key] = source
    request.sources.extend(read.values())
    return set(read) | parts


# "a -12 V negative rail", "a negative supply of -5 V": a negative supply, by its level ("a -12 V rail" alone may be
# the one supply of a PNP stage)
_NEGATIVE_RAIL = re.compile(r"(?<![\w.])(?P<v>[-\u2212]\s?\d+(?:\.\d+)?\s*V)\s+(?:dc\s+)?negative\s+"
                            r"(?:supply|rail)\b"
                            r"|\bnegative\s+(?:supply|rail)\s+(?:voltage\s+)?(?:of|at|=|is)\s*"
                            r"(?P<v2>[-\u2212]?\s?\d+(?:\.\d+)?\s*V)\b", re.IGNORECASE)


def _negative_rails(text: str, request: Request) -> None:
    """A negative supply the request states by its level ("a -12 V negative rail"): the negative rail of a
    family that has one (VEE, VSS), never a second positive supply nor ground."""
    if any(s.supply and s.dc is not None and s.dc < 0 for s in request.sources):
        return
    m = _NEGATIVE_RAIL.search(text)
    if m:
        value = _quantities((m["v"] or m["v2"]).replace("\u2212", "-").replace(" ", ""))[0].value
        request.sources.append(SourceConstraint(m[0].strip(), None, -abs(value), supply=True))


# A split supply with its two nodes: "±12 V rails on nodes vp and vn", "rails are +-12 V (nodes pos and neg)",
# "+/-5 V supplies at p5 and n5": the positive level on the first node, the negative on the second
_SPLIT = r"(?:\u00b1|\+/?-|\+\s?/\s?\u2212)\s*(?P<{}>\d+(?:\.\d+)?)\s*V(?:olts?)?"
_SPLIT_RAILS = re.compile(rf"(?:{_SPLIT.format('v')}\s+(?:dc\s+)?(?:split\s+)?(?:supplies|supply|rails?)"
                          rf"|\b(?:supplies|supply|rails?)\s+(?:are\s+|of\s+|at\s+|=\s*|:\s*)?{_SPLIT.format('v2')}"
                          # "a stage on +/-9 V (nodes vpos, vneg)": the level, then its nodes aside
                          rf"|\b(?:on|from|off)\s+{_SPLIT.format('v3')}(?=\s*\(\s*nodes\b))"
                          r"[^.;]{0,40}?(?:\b(?:on|at)\s+(?:nodes?\s+)?|\bnodes\s+)(?P<p>[a-z_]\w*)\s*(?:and|/|,)\s*(?:node\s+)?"
                          r"(?P<n>[a-z_]\w*)\b", re.IGNORECASE)


def _split_rails(text: str, request: Request) -> None:
    """A split supply stated by its one level and its two nodes: +level on the first, -level on the second, where no
    source of the request is on them already."""
    held = {s.node for s in request.sources}
    for m in _SPLIT_RAILS.finditer(text):
        plus, minus = _node(m["p"]), _node(m["n"])
        if {plus, minus} & held or {plus, minus} & (_NOT_NODES | {"0"}) or plus == minus:
            continue
        level = float(m["v"] or m["v2"] or m["v3"])
        request.sources += [SourceConstraint(m[0], plus, level, supply=True),
                            SourceConstraint(m[0], minus, -level, supply=True)]
        request.nodes += [n for n in (plus, minus) if n not in request.nodes]


# "an operating point with 0.5 V in", "op with 1.5 V at the input": in a request for the bias point only, the level
# held at the circuit's input (a DC level, not a signal's amplitude; "gives 3 V in magnitude" is an output's size)
_OP_INPUT = re.compile(r"(?<![\w.])(?P<v>[-+]?\d+(?:\.\d+)?\s*(?:m|u|µ)?)\s*V(?:olts?)?\s+(?:DC\s+)?"
                       r"(?:in\b(?!\s+(?:series|parallel|total|magnitude|amplitude|absolute|size|peak|rms)\b)"
                       r"|(?:at|on|into|to)\s+(?:the\s+|its\s+)?input\b)",
                       re.IGNORECASE)
_OP_SAID = re.compile(r"operating\s+point|bias\s+point|\bop\b(?![- ]?amp)|\bdc\s+(?:solution|op\b)", re.IGNORECASE)
_TIME_SAID = re.compile(r"transient|\btran\b|\bac\s+(?:sweep|analysis|response)|\bsine|\bsinus|\bHz\b|"
                        r"\bhertz|\bpulse|\bsquare", re.IGNORECASE)


# A clause that is a level alone: ", AC 1 V", ", 2 V DC", ", with AC 1"
_BARE_LEVEL = re.compile(r"\s*,?\s*(?:with\s+)?(?:(?:AC|DC)\s+[-+]?\.?\d[\d.]*\s*(?:[munµ]?V)?"
                         r"|[-+]?\.?\d[\d.]*\s*[munµ]?V\s+(?:AC|DC))\s*", re.IGNORECASE)


def _sources(text: str, request: Request) -> None:
    """Sources the request states: named ("VIN = 5 V DC at in", "1 V AC source VIN at in") or not
    ("a 100 mV 1 kHz sine at in", "DC input 0.3 V at in")."""
    done = _named_sources(text, request) | {s.name.upper() for s in request.sources if s.name}  # and SPICE lines
    stated = [(pos, pos + len(s.text)) for s in request.sources if s.name and (pos := text.find(s.text)) >= 0]
    sentences = [(m.start(), m.end()) for m in re.finditer(r"(?:[^;.]|\.(?=\d))+", text)]
    spans = [(m.start(), m.end()) for m in
             # ("a 12 V adapter on node wall and a 9 V battery on node bat": two sources, each its clause)
             # ("ft_a = SIN(0 12 60) and ft_b = SIN(0 -12 60)": each node's wave its clause)
             re.finditer(r"(?:[^,;:.]|\.(?=\d))+?(?=\s+and\s+[VI][A-Z]|\s+and\s+(?=[a-z_]\w*\s*=\s*(?i:sin|pulse|pwl)\s*\()"
                         r"|\s+and\s+(?:an?\s+)?[-+]?\d[\d.]*\s*"
                         r"[mµu]?V\s+(?:dc\s+)?(?:[\w-]+\s+)?(?:supply|adapter|battery|source|rail|cell)|"
                         r"[,;:]|\.(?!\d)|$)", text)]
    for k in range(len(spans) - 1, 0, -1):  # ("The source drives bwi directly (zero output impedance), AC 1 V": the
        # level a clause of its own gives the source the clause before states)
        if _BARE_LEVEL.fullmatch(text, *spans[k]) and re.fullmatch(r",?", text[spans[k - 1][1]:spans[k][0]]) \
                and re.search(r"\bsource\b|\bdriv", text[spans[k - 1][0]:spans[k - 1][1]], re.IGNORECASE) \
                and not _quantities(text[spans[k - 1][0]:spans[k - 1][1]]):
            spans[k - 1:k + 1] = [(spans[k - 1][0], spans[k][1])]
    for start, stop in spans:
        clause = text[start:stop].removeprefix(" and").removeprefix("and ")
        if any(a <= start < b for a, b in stated):
            continue  # part of a named source's statement ("V1: a pulse from 0 to 3.3 V ..., at node clk")
        if re.match(r"\s*(?:and\s+)?(?:the\s+|its\s+)?outputs?\s+(?:swings?\s+|levels?\s+)?(?:of\s+)?(?:±|\+/?-|\+-)",
                    clause, re.IGNORECASE):
            continue  # "output +/-5 V at sch_out": the output's swing, no source
        if re.search(r"[a-z_]\w*\s*=\s*(?:SIN|PULSE|PWL)\s*\([^()]*\)", clause, re.IGNORECASE):
            pass  # ("na_a = PULSE(...) and na_b = PULSE(...)": a node given a wave as SPICE writes it is whole)
        elif _SINE.search(clause) and _sine(clause) is None:  # a sine described over several clauses
            start, stop = next(((a, b) for a, b in sentences if a <= start < b), (start, stop))
            clause = text[start:stop]
        elif _PULSE_WORDS.search(clause):  # "(a pulse from 0 to 5 V, 1 µs delay, 1 ns rise)": its figures follow
            begin, end = next(((a, b) for a, b in sentences if a <= start < b), (start, stop))
            stop = next((m.start() for m in _DESIGNATOR.finditer(text, stop, end)), end)
            if not _DESIGNATOR.search(text, begin, start):  # "a 20 kHz, 0-10 V pulse source": and before it
                start = begin
            clause = text[start:stop]
        named = _SOURCE_NAME.search(clause)
        name = (named["name"] or named["after"] or named["paren"] or named["lower"]) if named else None
        if name is None and (lead := re.match(r"\s*(?P<d>[VI]\d+\w*)\b", clause)):  # "V1 5V DC at node vcc"
            name = lead["d"]
        # ("3.3 volts on top (call it vtop)": the name the request gives it)
        if name is None and (given := re.search(r"\(\s*(?:call|name)\s+it\s+(?P<d>[VvIi][A-Za-z0-9_]*)\s*\)", clause)):
            name = given["d"]
        # A supply rail or a model parameter (VTO = 0.7 V, VAF = 100) is no input source.
        # ... unless its statement puts it on a node ("VP = +12 V at node p": a source, not a pinch-off).
        name = name if name and (name.upper() not in _NOT_SOURCES | {"VA", "VB"} or re.search(
            rf"\b{name}\s*=[^,;]*\bat\s+node\b", clause) or (said := re.search(rf"(?<![\w.]){name}\b", text))
            and (_CALLED_SOURCE.match(text, said.end()) or _WAVE_NAMED.match(text, said.end()))) else None
        if (name and name.upper() in done) or any(re.search(rf"(?<![\w.]){n}(?!\w)", clause, re.IGNORECASE)
                                                  for n in done):
            continue  # read above, with its whole statement
        if not name and (fed := _FROM_SUPPLY.search(clause) or _SUPPLY_FIRST.search(clause)) \
                and not _PULSE_WORDS.search(clause) \
                and not _SINE.search(clause):
            # "3.3 V at vo from 5 V at vin", "a mid-rail point at node half from a 10 V supply": the level at the
            # first node is the output's (a spec); the source is the supply's, on its own node if the words give one
            rail = _node(fed["i"]) if fed["i"] and fed["i"].lower() not in _NOT_NODES and not _article(fed, "i") \
                else None
            if rail and rail != "0":
                request.sources.append(SourceConstraint(clause.strip(), rail, _quantities(fed["v"])[0].value,
                                                        supply=True))
            continue
        # "a 20 kHz clock makes a negative rail at vneg": a node after what the source makes is the circuit's output
        made = re.search(r"\b(?:makes?|making|produces?|producing|generates?|generating|creates?|creating|"
                         r"gives?|giving|derives?|deriving)\b", clause, re.IGNORECASE)
        # "a pulse source at gate": a pin's word after a preposition may name the node (_pin_held_sources)
        # ("zc_in = SIN(0 1 50)": the node the wave is given to, before any other the clause names)
        at = re.search(r"(?<![\w.])(?-i:(?P<n>[a-z_][a-z0-9_]*))\s*=\s*(?:sin|pulse|pwl)\s*\(", clause,
                       re.IGNORECASE) \
            or next((m for m in _AT_NODE.finditer(clause) if not _article(m, "n")
                   and not (made and m.start() > made.start())
                   # ("a step at t = 0": a time, no node)
                   and not (m["n"].lower() in ("t", "time") and re.match(r"\s*=\s*[-+\d.]", clause[m.end():]))
                   # ("a 15 V supply ... into a 100 ohm load (RL from eout to ground)": another part's node)
                   and not any(d["name"] != name and (opened := clause.rfind("(", 0, d.start())) >= 0
                               and ")" not in clause[opened:m.start()] and d.start() < m.start()
                               for d in _DESIGNATOR.finditer(clause))
                   and (m["n"].lower() not in _NOT_NODES or m["n"].lower() in _PIN_NODES)
                   # ("4 V at full light", "tied high at 3.3 V", "biased at mid-rail": words, unless called a node)
                   and not (plain(m["n"], clause[m.end():]) and "node" not in m[0].lower())), None) \
            or re.search(r"(?:^\s*|\bnode\s+)(?P<n>[a-z_]\w*)\s+(?:gets|receives|sees|has|carries)\s+(?:an?\s+)?"
                         r"[-+]?\.?\d", clause, re.IGNORECASE) \
            or re.match(r"\s*(?P<n>[a-z_]\w*)\s+is\s+(?:an?\s+)?(?:[\w.\u2192\u2013-]+\s+){0,5}?"
                        r"(?:sine|square|pulse|step|triangle)", clause, re.IGNORECASE) \
            or re.search(r"\b(?:drive|drives|driving|feed|feeds|feeding|excite|excites)\s+(?:node\s+)?"
                         r"(?P<n>[a-z_]\w*)\s+"
                         r"(?:with|w/|using)\s+(?:an?\s+)?(?=(?:dc|ac)\s+[-+]?\.?\d)", clause, re.IGNORECASE) \
            or ((event := _STEP_EVENT.search(clause)) and event["n"].lower() != (request.output or "")
                and event["n"].lower() not in _NOT_NODES | {"rail", "supply", "battery"} and event)
        # ("... from node vs which gets a 0->5v step": the node the wave is given to, whatever the clause said first)
        # ... or said as the source itself: "Source lb_src AC 1 V behind 600 ohm into lb_in"
        if (given := re.search(r"\bnode\s+(?P<n>[a-z_]\w*)\s*,?\s+(?:which|that)\s+(?:gets|receives|sees|takes)\s+"
                               r"(?:an?\s+)?[-+]?\.?\d", clause, re.IGNORECASE)
                or re.search(r"^\s*(?:the\s+)?source\s+(?:node\s+)?(?-i:(?P<n>[a-z][a-z0-9]*[_\d]\w*))\s+"
                             r"(?:AC|DC|SIN|PULSE)\b", clause, re.IGNORECASE)) \
                and given["n"].lower() not in _NOT_NODES:
            at = given
        # ("in is a 0 to 5 V step", "btn jumps from 0 to 3.3 V at t = 1 ms": the stepped node)
        # ("base driven from a 0/5 V 10 kHz square at bdrv": the node its wave is said at, before any other)
        if (waved := _WAVE_NODE.search(clause)) and waved["n"].lower() not in _NOT_NODES and not _article(waved, "n") \
                and not (plain(waved["n"], clause[waved.end("n"):]) and not called(waved["n"])):
            at = waved
        # "VDD = 5 V" sets the supply's level; "supply VCC" / "VCC supply" names the supply source too.
        if name and name.upper() in ("VDD", "VCC", "VSS", "VEE") and not at and \
                not re.search(rf"\bsupply\s+{name}\b|\b{name}\s+supply\b", clause, re.IGNORECASE):
            name = None
        if name and name.upper() in ("VDD", "VCC", "VSS", "VEE") and not re.search(
                rf"\b{name}\b\s*(?:=\s*[-+\d.]+\s*\w*\s*)?(?:is\s+)?(?:at|on)\s", clause, re.IGNORECASE):
            at = None  # a rail named VDD sits on its own node, not on a node mentioned elsewhere in the clause
            rail = name.lower()
        else:
            rail = None
        node = _node(at["n"]) if at and (at["n"].lower() not in _NOT_NODES or at["n"].lower() in _PIN_NODES) else rail
        if node is None and named and named["paren"] and (equal := re.search(
                rf"(?<![\w.])(?-i:(?P<n>[a-z_][a-z0-9_]*))\s*=\s*[-+]?[\d.]+\s*(?:m|u|µ|k)?V\s*\({name}\)", clause)):
            node = _node(equal["n"])  # "ip = 2.55 V (VIP)": the node the named source holds at that level
        sine = _sine(clause)
        # An unnamed pulse is read when its levels are a range ("pulses from 0 to 5 V"); one level alone
        # ("a falling pulse ... idles at 9 V") leaves the family's own stimulus in place.
        pulse = _pulse(clause, "V") if sine is None and (_levels(clause, "V") or _STEP_TO.search(clause)
                                                         # (its node said after it: "one 5 V pulse ... drives p")
                                                         or ((one := _ONE_PULSE.search(clause)) is not None
                                                             and isinstance(at, re.Match)
                                                             and at.start() > one.start())) else None
        # ("0.85 V DC plus 1 V AC": each level of its kind)
        # ("drive a1 w/ ac 1": a level after its kind, its unit unsaid)
        levels = list(re.finditer(r"(?P<num>[-+]?\d+(?:\.\d+)?\s*(?:m|u|µ|k)?)\s*V(?:olts?)?\s+(?P<kind>DC|AC)\b|"
                                  r"\b(?P<kind2>DC|AC)\s+(?:input|source|signal|supply|level|magnitude|amplitude)?\s*"
                                  r"(?:of\s+)?(?P<num2>[-+]?\d+(?:\.\d+)?\s*(?:m|u|µ|k)?)\s*(?:V(?:olts?)?\b|(?![\w.])"
                                  r"(?!\s*(?:[kKMG]|meg)?\s*Hz\b|\s*(?:to|-)\s*\d))",
                                  clause, re.IGNORECASE))
        level = levels[0] if levels else None
        if level and _PAIRED.search(clause[:level.start()]):
            level = None  # "bits at q3 .. q0 as 5 V/0 V DC levels": a pair of logic levels, no one level of q3
        dc = ac = None
        for said in levels if level else []:
            kind, number = (said["kind"], said["num"]) if said["kind"] else (said["kind2"], said["num2"])
            if sine is not None and kind.upper() == "DC" and re.match(
                    r"\s*(?:source|supply|battery|rail|reference)\b", clause[said.end():], re.IGNORECASE) \
                    and re.search(r"\b(?:to|into)\s+an?\s*$", clause[:said.start()], re.IGNORECASE):
                continue  # ("a 6 V sine ..., 1N4148 from bc_out to a 2.7 V DC source": another source, a part's end)
            before = clause[:said.start()]
            if kind.upper() == "DC" and re.search(r"\b(?:sits?|rests?|stays?|settles?)\s+(?:at\s+)?(?:about\s+)?$",
                                                   before, re.IGNORECASE) \
                    and re.search(r"\d\s*V\s+(?:dc\s+)?(?:supply|rail|battery)\b", before, re.IGNORECASE):
                continue  # ("from a 9 V supply on node vcc9e ... so that node emit sits at 4 V DC": a spec, no source)
            qs = _quantities(number.replace(" ", "") + "V")
            if qs and kind.upper() == "DC" and dc is None:
                dc = qs[0].value
            elif qs and kind.upper() == "AC" and ac is None:
                ac = qs[0].value
        if not level and name and not sine:  # "VIN = 5 V at in", "5 V supply VCC": a bare level is DC
            qs = [q for q in _quantities(clause) if q.unit == "V"]
            dc = qs[0].value if qs else None
        bare = re.search(r"(?P<num>[-+]?\d+(?:\.\d+)?\s*(?:m|u|µ|k)?)\s*V(?:olts?)?\s+(?:DC\s+)?"
                         # "a 3.3 V source at vdd", "24 V in at node vb"
                         r"(?:(?:voltage\s+)?(?:source|supply|battery|reference|in|input|adapter|unregulated|raw)\s+)?"
                         r"(?:on|at)\s+(?:node\s+)?(?P<n>[a-z_]\w*)"
                         # ("vb to 5 V at node vo": "to" after a bare name is a range's, no level set on it)
                         r"|\b(?P<n2>[a-z_]\w*)\s+(?:(?:(?:is\s+|are\s+)?(?:biased|held|tied|set|fixed|kept)\s+"
                         r"|(?P<sits>sits|rests|stays)\s+)?at|(?:is\s+|are\s+)?(?:biased|held|tied|set|fixed|kept)\s+to)\s+"
                         r"(?P<num2>[-+]?\d+(?:\.\d+)?\s*(?:m|u|µ|k)?)"
                         r"\s*V(?:olts?)?\b|\b(?P<n3>[a-z_]\w*)\s+is\s+(?:an?\s+)?(?P<num3>[-+]?\d+(?:\.\d+)?\s*(?:m|u|µ|k)?)\s*V"
                         r"(?:olts?)?\s+(?:DC\s*$|(?:DC\s+)?(?:source|supply|rail|battery)\b)", clause, re.IGNORECASE)
        # "2.505 V on inp", "g held at 2 V", "vcc is a 12 V DC source", "vin is 12 V DC."
        if bare and (_PAIRED.search(clause[:bare.start()]) or made and bare.start() > made.start()
                     # ("my ADC input maxes out at 1.8 V": a verb's "out", no node)
                     or bare["n2"] and bare["n2"].lower() == "out" and re.search(
                         r"\b(?:max|top|bottom|peak|level|cut|drop|time|run|flatten|saturat|clip|pin|rail)\w*\s+$",
                         clause[:bare.start("n2")], re.IGNORECASE)
                     # ("tiny sits at 0.25 V DC for the test": a test level; "node b sits at 3 V", a spec)
                     or bare["sits"] and not re.match(r"\s*DC\b", clause[bare.end():], re.IGNORECASE)
                     # ("takes the 24 V rail on v24 down to 5 V at node v5", "into 0-3.3 V at node adc": the level it
                     # is taken to, the output's)
                     or re.search(r"\b(?:down\s+|up\s+)?(?:in)?to\s+(?:about\s+|roughly\s+|around\s+)?"
                                  r"(?:[-+]?\d[\d.]*\s*(?:V\s*)?(?:(?:-|to)\s*)?)?$",
                                  clause[:bare.start()], re.IGNORECASE)
                     # ("feedback divider 30k over 10k for 10 V at sr_out": the level the parts are for, a spec)
                     or re.search(r"\b(?:for|giving|making|producing|to\s+(?:get|give|make|produce))\s+"
                                  r"(?:about\s+|roughly\s+|around\s+)?$", clause[:bare.start()], re.IGNORECASE)):
            # "DC levels 5 V/0 V on b3..b0": a pair of logic levels, no one level of b3; "from a 24 V rail at node
            # rail giving 3.3 V at node tap": the level made at the output, a spec, not the source's
            bare = None
        if bare and (dc is None or node is None) and (ac is None or dc is not None) and sine is None and pulse is None:
            word = bare["n"] or bare["n2"] or bare["n3"]
            qs = _quantities((bare["num"] or bare["num2"] or bare["num3"]).replace(" ", "") + "V")
            # (not a level the circuit's own parts make: "base of the NPN held at 6 V by a 100k/100k divider")
            made_by_parts = re.match(r"\s*(?:DC\s+)?by\s+(?:an?\s+|the\s+|its\s+)?(?:[\w/.-]+\s+){0,2}?"
                                     r"(?:divider|resistors?|zener|diodes?|network)\b", clause[bare.end():],
                                     re.IGNORECASE)
            # (nor a circuit's name in capitals: "CMOS NOR2 at 5 V" is the gate on a 5 V supply)
            # ("CMOS inverter at 3.3 V": the circuit on a 3.3 V supply)
            named_circuit = bare["n2"] and (word.isupper() and re.search(r"[A-Z]{2}", word)
                                            or word.lower() in _CIRCUIT_NOUNS)
            if word.lower() not in _NOT_NODES and word.lower() not in ("gate", "input", "output", "supply") and qs \
                    and not plain(word, clause[bare.end("n" if bare["n"] else "n2" if bare["n2"] else "n3"):]) \
                    and not made_by_parts and not named_circuit:
                node, dc = _node(word), qs[0].value
        held = _OP_INPUT.search(clause) if dc is None and ac is None and sine is None and pulse is None \
            and _OP_SAID.search(text) and not _TIME_SAID.search(text) else None
        if held:  # "op point with 0.5 V in": the input's DC level
            dc = _quantities(held["v"].replace(" ", "") + "V")[0].value
        supply = re.search(r"\b(?:supply|rail)\b", clause, re.IGNORECASE)
        # "a 10 V supply at node vcc": the supply, renamed to that node (not a sine's sentence that also names the
        # supply: "(gain 10, 12 V supply) with a 10 mV, 1 kHz sine at in" is a sine on in and a supply elsewhere)
        if supply and at and dc is None and sine is None:
            qs = [q for q in _quantities(clause) if q.unit == "V"]
            dc = qs[0].value if qs else None
        # "and a source on tx": a voltage source placed with no level said (the analyses give it its stimulus)
        placed_only = node is not None and at is not None and re.search(
            r"\b(?:an?|the)\s+(?:voltage\s+|signal\s+|input\s+)?source\s+(?:on|at|into)\b", clause, re.IGNORECASE)
        if sine is None and dc is None and ac is None and pulse is None and not placed_only:
            continue
        # "a 15 V peak 50 Hz sine between nodes ac1 and ac2": a floating source, its two ends
        ends = re.search(r"\bbetween\s+(?:nodes?\s+)?(?P<a>[a-z_]\w*)\s+and\s+(?:node\s+)?(?P<b>[a-z_]\w*)", clause,
                         re.IGNORECASE) if node is None else None
        minus = None
        if ends and not {ends["a"].lower(), ends["b"].lower()} & _NOT_NODES:
            node, minus = _node(ends["a"]), _node(ends["b"])
        if not (node or name or held or re.search(r"\binput\b", clause, re.IGNORECASE)
                or (pulse and re.search(r"\bclock\b", clause, re.IGNORECASE))):
            continue  # (a clock with no node is the circuit's own clock, at the levels and rate it states)
        if any(existing.text == clause.strip() for existing in request.sources):
            continue
        # ("9 V on cb_vcc": a steady level on a node named as a rail is the supply; a clock or a sine is none)
        railed = dc is not None and ac is None and not (sine or pulse) and node is not None \
            and bool(RAIL_NAME.search(node))
        request.sources.append(SourceConstraint(clause.strip(), node, None if pulse else dc, ac, sine, name,
                                                (bool(supply) or railed) and not (pulse or sine), pulse,
                                                minus=None if minus == "0" else minus))
        if bare and bare["n"] and node == _node(bare["n"]) and node not in ("0", "a", "an", "the") \
                and node not in request.nodes:  # "5 V on v5 in": a node
            request.nodes.append(node)


_WAVE_NODE = re.compile(r"\b(?:square|pulse|clock|sine|sinusoid|triangle)\w*(?:[- ]wave)?s?\s+(?:at|on|into)\s+"
                        r"(?:node\s+)?(?P<n>[a-z_]\w*)\b(?!\s*=)", re.IGNORECASE)


# A part or a source written as a SPICE line among the words: "lowercase pls: v1 in 0 dc 5; r1 in out 1meg; op",
# "r1 in out 4k7, c1 out 0 100n, ac dec 20 10 100k": its name, its two nodes, then its value or levels.
# Lines follow one another after "and"/"then" too ("R1 in n1 1.5k and C1 n1 0 100n, then R2 n1 out 1.5k").
_CARD_START = r"(?:^|(?<=[;,:?!])|(?<=\band\s)|(?<=\bthen\s)|(?<=\bis\s))\s*"
_CARD_END = r"\s*(?=[;,]|\.(?:\s|$)|$|\s+(?:and|then)\s)"
_CARD = re.compile(_CARD_START + r"(?P<name>[RCLVIrclvi]\d\w*|[RCLVI][A-Z0-9_]+(?![a-z]))\s+"
                   r"(?!(?:at|on|by|from|into|via|as|per|for)\s)(?P<a>[A-Za-z_]\w*|\d+)\s+"
                   r"(?!(?:at|on|by|from|into|via|as|per|for)\s)(?P<b>[A-Za-z_]\w*|\d+)"
                   r"\s+(?P<rest>[^;,]*?)" + _CARD_END)
# A controlled source's line: "E1 out 0 in 0 10", "G5 0 gx cx 0 4m" (two output nodes, two sensed), "F1 0 fo VM 5",
# "H1 ho 0 VSNS 2k" (two output nodes, the source whose current it senses).
_CARD_NODE = r"(?!(?:at|on|by|from|into|via|as|per|for|is|of|and|with)\s)(?:[A-Za-z_]\w*|\d+)"
_CONTROLLED_CARD = re.compile(
    _CARD_START + r"(?:(?P<vc>[EGeg]\d\w*|[EG][A-Z0-9_]+(?![a-z]))"
    rf"(?P<vcn>(?:\s+{_CARD_NODE}){{4}})|(?P<cc>[FHfh]\d\w*|[FH][A-Z0-9_]+(?![a-z]))(?P<ccn>(?:\s+{_CARD_NODE}){{2}})"
    r"\s+(?P<ref>[Vv]\w*))\s+(?P<value>[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?:meg|[fpnumkgtµ])?)"
    r"(?![\w.])")  # its figure ends it: five names and a number are a line whatever words follow
# A device's line: "M5 d g 0 0 NMOS W=2u L=180n", "Q3 c b e QN", "D1 a k DX": its nodes (as many as its kind has),
# then its model or its type
_DEVICE_NODES = {"D": 2, "Q": 3, "J": 3, "M": 4}
_DEVICE_CARD = re.compile(_CARD_START + r"(?P<name>(?-i:[DQJM])\w*\d\w*)(?P<nodes>(?:\s+" + _CARD_NODE + r"){2,4}?)"
                          r"\s+(?P<model>(?!\d)[A-Za-z]\w*)(?P<rest>(?:\s+\w+\s*=\s*[-+\w.]+)*)(?=\s*(?:[;,(]|\.(?:\s|$)|$))")
_DEVICE_TYPES = {"d", "npn", "pnp", "nmos", "pmos", "njf", "pjf", "diode", "nfet", "pfet"}
# a part's value on such a line: a SPICE number, its unit at most ("1meg", "4k7", "100n", "2.2kohm")
_CARD_VALUE = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?:meg|[fpnumkgtrµ]\d*)?(?:ohms?|[fhΩ])?",
                         re.IGNORECASE)
_SPICE_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?[a-zA-Z]*"
_CARD_LEVELS = re.compile(rf"(?:(?:dc\s+)?(?P<dc>{_SPICE_NUMBER}))?\s*(?:\bac\s+(?P<ac>{_SPICE_NUMBER}))?\s*"
                          r"(?:\b(?:sin|pulse|pwl)\s*\([^()]*\))?", re.IGNORECASE)


# A model's parameters after the word, "NAME=value" one after another: "model IS=1e-12 RS=0.5 CJO=10p"
_MODEL_RUN = re.compile(r"\bmodel\s*(?:[:(]\s*)?(?:[A-Za-z]\w*\s*=\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
                        r"(?:meg|[a-zA-Zµ])*\s*,?\s*){2,}")


def _cards(text: str, request: Request) -> list[tuple[int, int]]:
    """The parts and sources the request writes as SPICE lines, added to it as written; returns their spans
    (where the other readers have nothing left to read)."""
    spans = []
    for m in _CONTROLLED_CARD.finditer(text):
        name, nodes = (m["vc"], m["vcn"]) if m["vc"] else (m["cc"], m["ccn"])
        placed = tuple(_node(n) for n in nodes.split())
        if {n.lower() for n in nodes.split()} & _NOT_NODES or (value := parse_number(m["value"])) is None:
            continue
        request.elements.append(ElementConstraint(m[0].strip(), name[0].upper(), name, placed, value, m["value"],
                                                  (m["ref"],) if m["ref"] else ()))
        spans.append(m.span())
    for m in _DEVICE_CARD.finditer(text):
        kind, nodes = m["name"][0].upper(), m["nodes"].split()
        if len(nodes) != _DEVICE_NODES[kind] or {n.lower() for n in nodes} & _NOT_NODES:
            continue  # "D1 from a to b": words, not a line
        params = tuple(f"{k.upper() if k.upper() in 'WL' else k.lower()}={v}" for k, v in
                       re.findall(r"(\w+)\s*=\s*([-+\w.]+)", m["rest"]))
        model = None if m["model"].lower() in _DEVICE_TYPES else m["model"]
        request.elements.append(ElementConstraint(m[0].strip(), kind, m["name"], tuple(_node(n) for n in nodes),
                                                  params=params, model=model))
        spans.append(m.span())
    for m in _CARD.finditer(text):
        kind, a, b, rest = m["name"][0].upper(), _node(m["a"]), _node(m["b"]), m["rest"]
        if {m["a"].lower(), m["b"].lower()} & _NOT_NODES or a == b:
            continue  # "R1 is 10k", "C1 and C2 10n": words, not a line
        levels = _CARD_LEVELS.fullmatch(rest) if kind in "VI" and rest else None
        dc, ac = (parse_number(levels[k]) if levels and levels[k] else None for k in ("dc", "ac"))
        if kind in "RCL" and _CARD_VALUE.fullmatch(rest) and (value := parse_number(rest)) is not None:
            request.elements.append(ElementConstraint(m[0].strip(), kind, m["name"], (a, b), value, rest))
        elif levels and (dc is not None or not levels["dc"]) and (ac is not None or not levels["ac"]):
            # a current source pushes its current into its second node; a voltage source's + end is its first
            node, minus = (b, a) if kind == "I" else (a, b)
            request.sources.append(SourceConstraint(
                m[0].strip(), node, dc, ac, _sine(rest), m["name"], pulse=_pulse(rest, "A" if kind == "I" else "V"),
                kind=kind, minus=None if minus == "0" else minus, pwl=_pwl(rest)))
        else:
            continue
        spans.append(m.span())
    return spans


# Unnamed parts placed by the request: "an input resistor of 4.7k connects in to inv",
# "the feedback resistor is 47k from inv to out", "a 10 nF capacitor between out and ground".
_UNNAMED = re.compile(r"\b(?P<word>resistors?|capacitors?|caps?|inductors?|coils?)\b", re.IGNORECASE)


_CONNECTS = re.compile(r"\bconnects?\s+(?:(?:the|an?)\s+)?(?:[a-z-]+\s+){0,2}?(?:node\s+)?(?P<a>[a-z_]\w*)\s+"
                       r"(?:to|and|with)\s+(?:(?:the|an?)\s+)?(?:[a-z-]+\s+){0,2}?(?:node\s+)?(?P<b>[a-z_]\w*)"
                       r"(?=\s*(?:[,;]|\.\s|\.$|$|\band\b))", re.IGNORECASE)


# "collector c through 1k to vcc", "out via a 10 nF capacitor to ground": the part between the two nodes
# ("dl_in through a 4.7k base resistor to dl_b": a word of its role before the noun)
_THROUGH = re.compile(r"\b(?P<a>[a-z_]\w*)\s+(?:through|via)\s+(?:an?\s+)?[\d.]+\s*[a-zµΩ]*"
                      r"(?:\s+(?:[a-z]+\s+)?(?:resistor|capacitor|cap|inductor))?\s+(?:up\s+|down\s+)?to\s+"
                      + _NODE.format("b"),
                      re.IGNORECASE)


# "a 9 V battery at node bat feeds node led through a 330 ohm resistor": the part from the source's node to the one fed
_FEEDS = re.compile(r"\b(?:at|on)\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s+(?:feeds?|drives?|feeding|driving)\s+(?:node\s+)?"
                    r"(?P<b>[a-z_]\w*)\s+(?:through|via)\b", re.IGNORECASE)


_SENSOR = re.compile(r"\b(?:ntc|ptc|thermistors?|rtds?|pt100|strain[- ]gauges?|ldrs?|photo\w+|sensors?|"
                     r"potentiometers?|pots?|fuses?|varistors?)\b", re.IGNORECASE)


# An unnamed part's words: up to a comma, a sentence's end, or "and"/"with"/"plus" before a value ("... from in to out
# and 10 Ω from out to ground"; "between b and 0" stays one, "and 0.47 uF" starts a part) or before another part's noun
_PART_WORDS = re.compile(r"(?:[^,;:]|\b(?:and|with)\b(?!\s+(?:an?\s+|the\s+)?(?!0\b(?!\.\d))[\d.]))+?"
                         r"(?=[,;:]|\.(?:\s|$)|"
                         r"\b(?:and|with|plus)\s+(?:an?\s+|the\s+|(?-i:[RCL])\s*[=:]\s*)?(?!0\b(?!\.\d))[\d.]"
                         # ("4.7k from rci to rcm with a cap from rcm to ground": the cap is a part of its own)
                         r"|\b(?:and|with|plus|feeding|then|followed\s+by)\s+an?\s+"
                         r"(?=(?:[\w-]+\s+){0,3}(?:resistor|capacitor|cap|inductor|coil)\b)|$)")
_THROUGH_VALUE = re.compile(r"\b(?:through|via)\s+(?:an?\s+)?(?=[\d.])", re.IGNORECASE)


def _part_clauses(text: str) -> list[tuple[int, int]]:
    """The spans of unnamed parts' words; a part with its value, then "through <value> from x", is two parts: the
    second is fed from x ("a 10 uF capacitor (cap to ground) through 220 ohm from the step at node st")."""
    spans = []
    for m in _PART_WORDS.finditer(text):
        start, stop = m.span()
        for through in _THROUGH_VALUE.finditer(text, start, stop):
            if any(q.unit in ("ohm", "F", "H") or not q.unit and q.scaled
                   for q in _quantities(text[start:through.start()])) \
                    or re.search(r"\bnode\s+\w+\s*(?:\([^()]*\))?\s*$", text[start:through.start()]):
                spans.append((start, through.start()))
                start = through.start()
        # ("... reached through 47k (47k from bgsrc to bgw)": a part stated whole in an aside is a clause of its own)
        for aside in _PART_ASIDE.finditer(text, start, stop):
            spans += [(start, aside.start()), (aside.start() + 1, aside.end() - 1)]
            start = aside.end()
        spans.append((start, stop))
    return spans


_PART_ASIDE = re.compile(rf"\(\s*{_QTY_TEXT}\s*(?:Ω|Ω|ohms?|[FH]\b)?\s+(?:from|between)\s+(?:node\s+)?[a-z_]\w*\s+"
                         r"(?:to|and)\s+(?:node\s+)?[a-z_0-9]\w*\s*\)", re.IGNORECASE)


def _unnamed_elements(text: str, request: Request) -> None:
    named_spans = [e.text for e in request.elements if e.kind not in _TERMINALS]  # a device's sentence places others
    for start, stop in _part_clauses(text):
        clause = re.sub(r"^(?:and|with|plus|feeding|then|followed\s+by)\s+", "", text[start:stop].strip(" ."))
        if re.search(r"\b(?:sin|pulse|pwl)\s*\([^()]*$", text[:start], re.IGNORECASE):
            continue  # "SIN(0 2 1k) across p and m": a figure of a source's wave, no part's value
        clause = SPICE_WAVE.sub(lambda wave: " " * len(wave[0]), clause)  # (and within the clause)
        # ("model VTO=0.5 KP=100u) from vo to ground": a model's parameter, no capacitor's value)
        clause = _MODEL_PARAM.sub(lambda said: " " * len(said[0]), clause)
        if re.search(r"\b(?:anything|whatever)\b|\bfrom\s+(?:a\s+)?short\s+to\b", clause, re.IGNORECASE):
            continue  # "whatever sits between lk and ground (anything from a short to 2k)": a range, no part
        if re.search(r"\bin\s+series\s+with\b"
                     r"|\bseries\s+(?:[\w.]+\s+){0,3}?(?:inductor|coil|capacitor|cap|resistor)s?\s+"
                     r"and\s+(?:an?\s+)?(?:[\w.]+\s+){0,3}?(?:inductor|coil|capacitor|cap|resistor)", clause,
                     re.IGNORECASE) or re.match(r"\s*with\b", text[start:stop]) \
                and re.search(r"\bin\s+series\s*$", text[:start], re.IGNORECASE) \
                or re.match(r"\s*and\b", text[start:stop]) and re.search(r"\bin\s+series\s+(?:from|between|across)\b",
                                                                       clause, re.IGNORECASE):
            continue  # "L in series with a (100 nF) capacitor from out to ground", "a series 1 mH inductor and
            # capacitor from out to ground", "L = 2.2 mH and C = 47 nF in series from out to ground": the pair's
            # nodes, neither part's
        # ("10k from s to cap": a node named like a part is no kind word)
        word = next((w for w in _UNNAMED.finditer(clause) if not re.search(
            r"\b(?:to|from|at|on|between|node)\s+$", clause[:w.start()], re.IGNORECASE)), None)
        if _DESIGNATOR.search(clause) or any(clause.strip() in t for t in named_spans) or _SENSOR.search(clause):
            continue  # a sensor is the family's own part, not a plain resistor
        units = {q.unit for q in _quantities(clause)} & {"ohm", "F", "H"}
        letter = re.match(r"(?P<k>[RCL])\s*[=:]\s*[\d.]", clause)  # "C = 0.1 µF from q to ground": the bare letter
        # "connect it to node sup through 470": a plain number the current flows through
        through = re.fullmatch(r"(?:through|via)\s+(?:an?\s+)?\d+(?:\.\d+)?\s*", clause, re.IGNORECASE)
        # "350 ohm arms, ...; dummy 350 from br_n to ground": a plain figure the request writes in ohms elsewhere
        plain_figures = [q for q in _quantities(clause) if not q.unit and not q.scaled]
        echoed = len(plain_figures) == 1 and not units and re.search(
            r"\bfrom\s+\S+\s+to\b", clause[plain_figures[0].end:]) and re.search(
            rf"(?<![\w.]){re.escape(plain_figures[0].text)}\s*(?:Ω|Ω|ohms?)\b", text, re.IGNORECASE)
        if letter:
            kind = letter["k"]
        elif word:
            kind = "R" if word["word"].lower().startswith("res") else "C" if word["word"].lower().startswith("cap") \
                else "L"
        elif len(units) == 1:  # "10 Ω from out to ground": the unit names the part
            kind = UNIT_KIND[units.pop()]
        elif through:
            kind = "R"
        elif (bare := [q for q in _quantities(clause) if not q.unit and q.scaled]) and len(bare) == 1:
            kind = "R" if bare[0].mult >= 1e3 else "C" if bare[0].mult <= 1e-6 else ""  # "1.5k", "100n"
            if not kind:
                continue
        elif echoed:
            kind = "R"
        else:
            continue
        nodes: tuple[str | None, ...] | None = _pair(clause, 0, _NODE_PAIRS + [_CONNECTS, _THROUGH, _FEEDS])
        driving = re.search(r"\b(?:driv(?:es|ing)|feed(?:s|ing)|into)\s+(?:an?\s+)?(?:[\d.]+\s*\S*\s+)?load\b", clause,
                            re.IGNORECASE)
        pairs = _NODE_PAIRS + [_CONNECTS, _THROUGH, _FEEDS]
        if nodes and driving and (ends := _pair(clause[:driving.start()], 0, pairs)) is not None and ends == nodes:
            # "a follower from node a to node b driving a 100 ohm load": the circuit's ends, the load on the second
            nodes = (ends[1], "0")
        last = [n for n in (request.elements[-1].placed() if request.elements else ()) if n != "0"]
        # ("..., charged thru a 1k resistor from node vs": a cap charged so is fed so)
        fed = re.match(r"(?:(?:fed|driven|supplied|charged|discharged)\s+)?(?:through|thru|via)\b", clause,
                       re.IGNORECASE)
        one = re.search(r"\bfrom\s+" + _NODE.format("a"), clause, re.IGNORECASE) if fed and nodes is None else None
        # "charge it from node vs (5 V) through 10k": the part just placed, joined to that node by this one
        if fed and nodes is None and one is None:
            one = re.search(r"\b(?:from|to|into|off)\s+(?:the\s+)?" + _NODE.format("a") + r"\s*$",
                            text[_sentence(text, start)[0]:start], re.IGNORECASE)
        if one and last and not _not_node(one, "a") and not _article(one, "a") and _node(one["a"]) != last[0]:
            nodes = (_node(one["a"]), last[0])  # "a zener from ground to reg, fed through 470 ohms from raw"
        # ("at the top of a cap" names no node)
        # (after its own value: "a sine on node in across a 1 uF capacitor at node out" hangs it at out)
        own = next((q.start for q in _quantities(clause) if q.unit == "F"), 0)
        # ("1000 uF on the DC node vdc": the word before "node" describes it)
        hung = re.compile(r"\b(?:at|on)\s+(?:the\s+)?(?:[a-z]+\s+(?=node\b))?(?:node\s+)?(?P<n>[a-z_]\w*)\b"
                          r"(?!\s+(?:to|and|of)\b)", re.IGNORECASE).search(clause, own)
        if nodes is None and kind == "C" and hung and hung["n"].lower() not in _NOT_NODES | GROUND \
                and not _article(hung, "n") and not _value_word(hung, "n"):  # "a 1 µF hold capacitor at node out"
            nodes = (_node(hung["n"]), "0")
        # "2.2 microfarad across spk", "100 ohm across out": one node named, the part hangs from it to ground
        across = re.search(r"\bacross\s+(?:the\s+)?(?:node\s+)?(?P<n>[a-z_]\w*)\b(?!\s+(?:and|to)\b)", clause,
                           re.IGNORECASE)
        if nodes is None and across and not _not_node(across, "n") and across["n"].lower() not in GROUND \
                and not _article(across, "n") and not _value_word(across, "n"):
            nodes = (_node(across["n"]), "0")
        values = [q for q in _quantities(clause)
                  if q.unit in ("", "ohm", "F", "H") and UNIT_KIND.get(q.unit, kind) == kind
                  and (q.unit or q.scaled or (letter or through or echoed)
                       and not re.search(r"\b(?:to|from|and|between|node)\s+$", clause[:q.start], re.IGNORECASE))]
        if len(values) == 2 and values[0].value == values[1].value and re.match(r"\s*\(\s*$",
                                                                              clause[values[0].end:values[1].start]):
            values = values[1:]  # "through 47k (47k from bgsrc to bgw)": the one part, said again in its aside
        one = re.search(r"\bto\s+(?:ground|gnd)\b", clause, re.IGNORECASE)
        if nodes is None and one and request.elements and request.elements[-1].nodes and \
                re.search(r"\b(?:feed\w*|then|followed\s+by|into|series)\b", text[max(0, start - 20):stop],
                          re.IGNORECASE):
            nodes = (request.elements[-1].nodes[-1], "0")
        # "1M from tip to ground with a 10 pF cap in parallel": the ends of the part just placed; "the zener sits from
        # reg to ground, with a 1k load across it": those its own sentence gives before it, read or not
        if nodes is None and re.search(r"\b(?:in\s+parallel|across\s+it)\s*$", clause, re.IGNORECASE):
            phrase = next((p for p in reversed(re.split(r"[,:]", text[_sentence(text, start)[0]:start])) if p.strip()),
                          "")  # the phrase just before: the part "it" is
            said_before = _pair(phrase, 0)
            if said_before is not None:
                nodes = said_before
            elif request.elements and len(request.elements[-1].placed()) == 2:
                nodes = request.elements[-1].placed()
        said = re.match(r"(?:the|that|this)\s+(?:[\w-]+\s+)?(?P<noun>resistor|capacitor|cap|inductor|coil)\b", clause,
                        re.IGNORECASE) if word and not values else None
        if nodes and said:  # "... with a 100 pF capacitor ...; the cap sits from y to ground": the part said before
            nouns = {"R": r"resistors?", "C": r"capacitors?|caps?", "L": r"inductors?|coils?"}[kind]
            before = [q for m in re.finditer(rf"(?P<q>[\d.]+\s*\w*)\s+(?:[\w-]+\s+)?(?:{nouns})\b", text, re.IGNORECASE)
                      for q in _quantities(m["q"]) if UNIT_KIND.get(q.unit, kind) == kind and (q.unit or q.scaled)]
            values = before if len(before) == 1 else []
        # "10 uF and 2k from dc to ground": a value alone, then "and" another part with its ends, shares them
        if nodes is None and len(values) == 1 and re.fullmatch(r"[\s\w.µΩ-]*", clause) and not re.search(
                r"\b(?:from|to|between|across|at|on|node)\b", clause, re.IGNORECASE) \
                and re.match(r"\s*and\s+(?:an?\s+)?[\d.]", text[stop:]) \
                and not re.search(r"\bin\s+series\b", following := text[stop:_sentence(text, stop)[1]].split(",")[0]):
            nodes = _pair(following, 0)  # (in parallel: "in series" leaves the pair's ends to neither)
        # ("a drain resistor from vd6 to dr6", "pick the drain resistor (vd6 to dr6)": a part of no value, its ends
        # stated, the design's to size)
        unvalued = word and not values and re.match(r"(?:(?:pick|choose|size|select)\s+)?(?:an?|one|the)\s+"
                                                    r"(?:[\w-]+\s+){0,2}?(?:resistor|capacitor|cap|inductor|coil)\s*"
                                                    r"\(?\s*(?:from|between)?\s*(?:node\s+)?[a-z_]\w*\s+(?:to|and)\s",
                                                    clause, re.IGNORECASE)
        if nodes and (len(values) == 1 or said or unvalued):
            request.elements.append(ElementConstraint(clause.strip(), kind, None, nodes,
                                                      values[0].value if values else None,
                                                      values[0].text if values else None))


# "a 470 ohm RLOAD drains bat to ground", "a 1.5 mF reservoir CRES across hv", "a 10 mH choke LCH from n1 to n2": an
# unnamed statement's name, in capitals of its kind's letter, right after its value (and a word or two of what it is)
_NAME_AFTER_VALUE = re.compile(r"(?<![\w.])(?P<q>\d+(?:\.\d+)?\s?(?:meg|[fpnuµμmkKMG])?\s?(?:Ω|Ω|ohms?\b|[FH]\b)?)"
                               r"\s+(?:[a-z][\w-]*\s+){0,2}?(?P<name>(?-i:[RCL][A-Z0-9_]*[A-Z0-9][A-Z0-9_]*))(?![\w(])"
                               r"(?!\s+(?:filter|low|high|band|circuit|network|section|stage|ladder|divider|time)\b)")
_NOT_NAMES = {"RC", "LC", "CR", "LR", "RLC", "RMS", "CMOS", "LED", "LDO", "CMRR", "LSB", "LAMBDA", "LEVEL", "RON",
              "ROFF", "CW", "CCW", "CV", "LV", "LVDS", "LP", "LPF", "CE", "CB", "CC", "CS", "CG", "CD", "CML",
              "CLC", "CUK"}


_PART_VALUE = (rf"(?P<q{{0}}>{_QTY_TEXT}(?:Ω|ohms?|[fFhH]\b)?)(?:-?\s?ish\b)?\s*"
               r"(?P<n{0}>resistor|cap(?:acitor)?|inductor|coil)?s?\b")
# "a 100 ohm resistor and then a 22uf cap to ground": a series part, then one to ground, from the input to the output
_SECTION = re.compile(_PART_VALUE.format(1) + r"(?:(?![.;])[^.;]){0,30}?\b(?:then|into|followed\s+by|feeding)\s+"
                      r"(?:an?\s+|the\s+)?" + _PART_VALUE.format(2)
                      + r"(?:(?![.;])[^.;]){0,20}?\bto\s+(?:ground|gnd)\b", re.IGNORECASE)
# "VS1 on node s1, then 3.3k to node s2": a part from the node the sentence is at to the node it goes to
_WALK = re.compile(r"\b(?:then|followed\s+by)\s+(?:an?\s+|the\s+)?" + _PART_VALUE.format(1)
                   + r"\s+(?:goes\s+|runs\s+)?to\s+(?:node\s+)?(?P<x>[a-z_]\w*)\b", re.IGNORECASE)


# Words of English that may open a sentence and look like a part's name ("Connect 10n from x to y")
_SENTENCE_WORDS = frozenset("""connect connecting lastly last let later like look looking run remember return replace
remove regarding choose can could consider create call compute check calculate lay leave right ramp also add""".split())

# A passive's name no reader took: "R3", "Rf", "Rload" or "R_TOP" with its value and ends in the words around it (not a
# capitalised word of English: "Load", "Connect", "Run")
_NAME_LEFT = re.compile(r"(?<![\w.\-])(?-i:[RCL](?:\d+[A-Za-z0-9_]*|_?[A-Z][A-Za-z0-9_]*|[a-z]{1,5}\d*))(?![\w(])")
_NOT_LEFT_NAMES = frozenset("""re lo load low cap caps rise rate run call can cut let like look last less line
level loop long left lift rest real range ratio rail ramp read reach right red clock clamp close cell chip cool
cold core count cycle ring rms cross case check clear come cost cover rare rough roll role root rule lead lamp
large late lay lean lens""".split())
_SEGMENT_END = re.compile(r"[;,]|\.(?:\s|$)|\band\b|\bwhile\b|\bwith\b")


def _terse_ends(segment: str, name: str, values: list[_Q]) -> tuple[str, str] | None:
    """The two words of an item that is only a part's name, its value and its two nodes, in any order ("Rf 100k out
    inv", "Rb vcc base 100k", "Cx: 47n, x -> 0", "from vin to mid: R3, 2k2"): its ends, whatever words they are."""
    if len(values) != 1:
        return None
    words = segment[:values[0].start] + " " + segment[values[0].end:]
    words = re.sub(rf"(?<![\w.]){re.escape(name)}(?![\w])|[:=,]|->|\u2192|\s[-\u2013]\s"
                   r"|\b(?:ohms?|Ω|F|H|from|to|between|and)\b", " ", words, flags=re.IGNORECASE)
    rest = words.split()
    if len(rest) == 1 and (pair := re.fullmatch(r"([a-z_]\w*|0)[-\u2013]([a-z_]\w*|0)", rest[0], re.IGNORECASE)):
        rest = [pair[1], pair[2]]  # "RDJ 2.2k vj-jd", "RSJ 1k js-ground": the ends joined by a dash
    # (its nodes may be pins' words, "Rb vcc base 100k", not a part's or a role's: "emitter resistor RE1 = 220")
    if len(rest) != 2 or any(w.lower() in NOT_NODES - PINS or w.lower() in PORT_NOUNS
                             or not re.fullmatch(r"[a-z_]\w*|0", w, re.I) for w in rest):
        return None
    return ("0" if rest[0].lower() in VOCABULARY_GROUND else _node(rest[0]),
            "0" if rest[1].lower() in VOCABULARY_GROUND else _node(rest[1]))


# A device's name written as names are, with no statement a reader placed ("MQ has source and bulk grounded"); not
# the capitals of a unit, a kind or a device's trade
_DEVICE_NAME = re.compile(r"(?<![\w.])(?P<n>[QMJD][A-Z0-9_]{1,5})(?![\w(=])")
_NOT_DEVICE_NAMES = set("""DC DB DBM DBV DAC DIP DSP DUT DMM DVM DIY DIL DPDT DPST DRAM DDR MOS MOSFET MOSFETS MCU MEMS
MSB MPPT MHZ MA MV MS MW MOHM MEG JFET JFETS JK QFN QFP MIDI DIN""".split())


def _names_alone(text: str, request: Request) -> None:
    """The one device of a kind the readers placed with no name, and the one name of that letter the request writes
    that nothing else took: the device's name ("MQ has source and bulk grounded, W=10u L=2u": the MOSFET the pins'
    statements placed is MQ)."""
    have = {(e.name or "").upper() for e in request.elements} | {(s.name or "").upper() for s in request.sources} \
        | {(e.model or "").upper() for e in request.elements} | _NOT_NAMES | _NOT_DEVICE_NAMES
    for kind in "QMJD":
        unnamed = [i for i, e in enumerate(request.elements) if e.kind == kind and not e.name]
        if len(unnamed) != 1 or any(e.kind == kind and e.name for e in request.elements):
            continue
        said = {m["n"] for m in _DEVICE_NAME.finditer(text) if m["n"][0] == kind and m["n"] not in have
                and not re.search(r"\bmodel\s+(?:card\s+)?(?:called\s+|named\s+)?$", text[:m.start()], re.IGNORECASE)}
        if len(said) == 1:
            request.elements[unnamed[0]] = dataclasses.replace(request.elements[unnamed[0]], name=said.pop())


def _names_left(text: str, request: Request) -> None:
    """A passive the request names that no reader placed, read from its own words (back to the last comma, "and" or
    sentence end, and on for up to three such segments): its one value of its kind's unit and the two names there
    that the request calls nodes elsewhere. A fallback for the sentence shapes the readers above do not know."""
    have = {(e.name or "").upper() for e in request.elements} | {(s.name or "").upper() for s in request.sources}
    written = {e.name for e in request.elements if e.name}  # (as written: "VIN" is a source, "vin" its node)
    for m in _NAME_LEFT.finditer(text):
        name, kind = m[0], m[0][0]
        if name.upper() in have or name in request.parameters or re.search(r"\bparam(?:eter)?s?\s+$", text[:m.start()],
                                                                            re.IGNORECASE):
            continue  # (a parameter's name: "a parameter RLO = 3.3k")
        # (a terse item is a part whatever its name: "RC vcc c 4.7k", "Re e 0 1k")
        terse = re.match(r"\s+[a-z_]\w*\s+(?:[a-z_]\w*|0)\s+[\d.]+\w*\s*(?:[;.]|$)"
                         r"|\s+[\d.]+\w*\s+[a-z_]\w*\s+(?:[a-z_]\w*|0)"
                         r"\s*(?:[;.]|$)", text[m.end():], re.IGNORECASE)
        if re.match(r"[-\s]+(?:high|low|band|all)[- ]?pass|\s+(?:filter|circuit|network|section|ladder|tank)\b",
                    text[m.end():], re.IGNORECASE):
            continue  # "RL high-pass", "RC network": the circuit's initials
        if not terse and (name.upper() in _NOT_NAMES or name.lower() in _NOT_LEFT_NAMES | NOT_NODES | _SENTENCE_WORDS \
                or re.fullmatch(rf"(?i:{_QUANTITY_NAMES})", name) \
                or name[1:].islower() and len(name) > 3 and re.search(r"(?:^|[.!?:;]\s*|\n)$", text[:m.start()])):
            continue
        before = [b.end() for b in _SEGMENT_END.finditer(text, 0, m.start())]
        lo = hi = before[-1] if before else 0
        hi = m.end()
        for _ in range(3):
            after = _SEGMENT_END.search(text, hi)
            stop = after.start() if after else len(text)
            if _NAME_LEFT.search(text, m.end(), stop) and hi > m.end():
                break  # the next part's words
            hi = after.end() if after else len(text)
            segment = text[lo:stop]
            if any(n in written and n != name for n in re.findall(r"[A-Za-z]\w*", segment)):
                break  # another part's words ("RL high-pass: R1 of 680 Ω from in to out": R1's, RL names the circuit)
            values = [q for q in _quantities(segment) if UNIT_KIND.get(q.unit) == kind or not q.unit and q.scaled and (
                kind == "R" and q.mult >= 1e3 or kind == "C" and q.mult <= 1e-6)]
            ends = _clause_ends(segment, name) or _terse_ends(segment, name, values)
            if len(values) == 1 and ends and not any(_DESIGNATOR.fullmatch(n) for n in ends):
                request.elements.append(ElementConstraint(segment.strip(" ,;"), kind, name, ends, values[0].value,
                                                          values[0].text))
                have.add(name.upper())
                break
            if not after or len(values) > 1:
                break


_KIND_NOUNS = {"D": r"diode|led|zener", "R": r"resistor", "C": r"cap|capacitor", "L": r"inductor|coil|choke"}


def _ends_by_noun(text: str, elements: list[ElementConstraint]) -> None:
    """A named part left with no ends, the one of its kind, placed later by its kind's noun alone: "diode D4 (IS=4e-15)
    fed ... into node dx, diode from dx to ground", "C2 = 1n ...; the capacitor goes between a and b"."""
    for i, e in enumerate(elements):
        if e.nodes is not None or e.kind not in _KIND_NOUNS or not e.name or sum(
                f.kind == e.kind and f.name is not None for f in elements) != 1:
            continue
        at = text.find(e.name)
        m = re.compile(rf"\b(?:the\s+|its\s+|that\s+)?(?:{_KIND_NOUNS[e.kind]})\s+"
                       r"(?:(?:goes|sits|runs|is|connects)\s+)?"
                       r"(?:from|between)\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s+(?:to|and)\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b",
                       re.IGNORECASE).search(text, at + len(e.name)) if at >= 0 else None
        if m and not any(_not_node(m, g, True) or _article(m, g) or _value_word(m, g) for g in ("a", "b")):
            elements[i] = dataclasses.replace(e, nodes=(_node(m["a"]), _node(m["b"])))


def _walked_parts(text: str, request: Request) -> None:
    """Unnamed parts a request places by walking along the circuit (_SECTION, _WALK), where no reader placed them."""
    placed = [e.value for e in request.elements if e.placed()]

    def part(q: str, noun: str | None, nodes: tuple[str, str]) -> None:
        qs = _quantities(q)
        if not qs or any(v is not None and math.isclose(v, qs[0].value, rel_tol=1e-9) for v in placed):
            return
        kind = UNIT_KIND[_NOUN_UNIT[noun.lower()[:3]]] if noun else \
            UNIT_KIND.get(qs[0].unit) or ("R" if qs[0].mult >= 1e3 else "C" if qs[0].mult <= 1e-6 else "")
        if kind:
            request.elements[:] = [e for e in request.elements if not (  # the same part, read with no ends
                e.kind == kind and e.name is None and not e.placed() and e.value == qs[0].value)]
            request.elements.append(ElementConstraint(q.strip(), kind, None, nodes, qs[0].value, qs[0].text))
            placed.append(qs[0].value)

    for m in _SECTION.finditer(text):
        if request.input and request.output and request.input != request.output:
            part(m["q1"], m["n1"], (request.input, request.output))
            part(m["q2"], m["n2"], (request.output, "0"))
    for m in _WALK.finditer(text):
        sentence = text[_sentence(text, m.start())[0]:m.start()]
        at = [n["n"] for n in re.finditer(r"\b(?:node|at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b", sentence, re.IGNORECASE)
              if n["n"].lower() not in _NOT_NODES | IDIOMS and not _DESIGNATOR.fullmatch(n["n"])]
        if at and not _not_node(m, "x") and _node(at[-1]) != _node(m["x"]):
            part(m["q1"], m["n1"], (_node(at[-1]), _node(m["x"])))


def _names_after_values(text: str, elements: list[ElementConstraint]) -> None:
    """Each unnamed part whose own words write its name after its value takes that name (its words may end at the
    value: "fed ... through a 220 ohm RSER")."""
    taken = {(e.name or "").upper() for e in elements}
    for i, e in enumerate(elements):
        at = text.find(e.text)
        words = text[at:at + len(e.text) + 24] if at >= 0 else e.text
        said = next((m for m in _NAME_AFTER_VALUE.finditer(words) if e.value is not None and m.start("q") < len(e.text)
                     and m["name"][0] == e.kind and m["name"].upper() not in _NOT_NAMES | taken
                     and (qs := _quantities(m["q"])) and math.isclose(qs[0].value, e.value, rel_tol=1e-6)), None)
        if e.name is None and said:
            nodes = e.nodes
            if nodes and said["name"].lower() in nodes:  # "at node ee with a 2.2k REM to ground": its name, no node;
                # the node the words before it put it on
                held = re.search(r"\b(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s+(?:with|through|via)\s+$",
                                 text[:max(at, 0)])
                node = _node(held["n"]) if held and held["n"].lower() not in _NOT_NODES else None
                nodes = tuple(node if n == said["name"].lower() else n for n in nodes)
            elements[i] = dataclasses.replace(e, name=said["name"], nodes=nodes)
            taken.add(said["name"].upper())


# A part placed by the words around it, one node named before it and the other before or after it: "Feed k from node
# src through R2 = 1k", "bypass ref to ground with C1", "Emitter: node e, hung from vcc by RE", "Collector: node c, to
# ground through RC = 1k"; "load out with RL = 2k to ground", "base on node b, fed by RB = 100k from node bb"
_PLACING = (rf"(?:\b{_PLACING_VERB}\w*\s+(?:up\s+|down\s+)?(?:the\s+)?(?:node\s+)?"
            rf"|\b(?:{_TERMINAL_WORDS})\s*(?::|\s(?:is\s+)?(?:on|at))\s*(?:node\s+)?|\bnode\s+)"
            r"(?P<x>[a-z_]\w*)\b,?\s+(?:(?:is\s+)?(?:hung|hanging|pulled|tied|returned|connected|taken|goes|going|"
            r"runs?|fed|biased|loaded|bypassed|decoupled|terminated)\s+)?")
_PLACED_BY = r"(?:through|via|with|by)\s+(?:an?\s+|the\s+)?(?:[\w.µΩ-]+\s+){0,3}?$"
_WORDS_BEFORE = re.compile(_PLACING + r"(?:(?:up|down|back)\s+)?(?P<way>to|from|into)\s+(?:the\s+)?(?:node\s+)?"
                           r"(?P<y>[a-z_]\w*|0)\s+" + _PLACED_BY, re.IGNORECASE)
_WORDS_AROUND = re.compile(_PLACING + _PLACED_BY, re.IGNORECASE)
_FAR_AFTER = re.compile(r"\s*(?:=|:|\bis\b|\bof\b)?\s*(?:[-+]?[\d.]+\s*(?:[a-zA-ZµΩ]+\s+)?)?"
                        r"(?:(?:up|down|back)\s+)?(?P<way>to|from|into)\s+(?:the\s+)?(?:node\s+)?"
                        r"(?P<y>[a-z_]\w*|0(?![.\d]))\b", re.IGNORECASE)


def _placed_by_words(text: str, request: Request) -> None:
    """A two-terminal part with no ends of its own, placed by the words around it (_PLACING)."""
    for i, e in enumerate(request.elements):
        at = text.find(e.text)
        if e.nodes is not None or e.kind not in "RCL" or at < 0:
            continue
        said = re.search(rf"(?<![\w.]){re.escape(e.name)}(?![\w])" if e.name else re.escape(e.value_text or "@"),
                         text[at:at + len(e.text)])
        if said is None:
            continue
        name_at = at + said.start()
        lo = max(_sentence(text, name_at)[0], text.rfind(";", 0, name_at) + 1)
        m = _WORDS_BEFORE.search(text, lo, name_at) or _WORDS_AROUND.search(text, lo, name_at)
        far = m if m is None or m.re is _WORDS_BEFORE else _FAR_AFTER.match(text, at + said.end())
        if m is None or far is None or _DESIGNATOR.search(text, m.start("x"), name_at) or m["x"].lower() in _NOT_NODES \
                or far["y"].lower() in _NOT_NODES - GROUND:
            continue
        x, y = _node(m["x"]), _node(far["y"])
        if x != y:
            request.elements[i] = dataclasses.replace(e, nodes=(y, x) if far["way"].lower() == "from" else (x, y))
            request.nodes += [n for n in (x, y) if n != "0" and n not in request.nodes]


# "Divider 100K/47K off 15V, tap = mid": a divider's two resistors as a ratio, the top one first
_OHMS = r"\d+(?:\.\d+)?\s*(?:meg|[kKM])?\s*(?:Ω|Ω|ohms?)?"
_SLASH_PAIR = re.compile(rf"(?<![\w./])(?P<a>{_OHMS})\s*/\s*(?P<b>{_OHMS})(?![\w./])", re.IGNORECASE)
_TAP = re.compile(r"\btap(?:\s+node)?\s*(?:=|:|\bat\b|\bis\b|\bon\b)\s*(?:node\s+)?(?P<n>[a-z_]\w*)", re.IGNORECASE)


def _slash_divider(text: str, request: Request) -> None:
    """A divider stated as a ratio of its two resistors ("100K/47K", "10k / 4.7k"): the first from the node the
    request drives to the tap, the second from the tap to ground, when the request names both nodes."""
    m = next((m for m in _SLASH_PAIR.finditer(text)
              if re.search(r"\bdivider\b", text[slice(*_sentence(text, m.start()))], re.IGNORECASE)), None)
    if m is None or any(e.kind == "R" for e in request.elements):
        return
    if re.search(r"\b(?:bases?|gates?|bias\w*)\b", text[slice(*_sentence(text, m.start()))], re.IGNORECASE):
        return  # a transistor's bias divider ("gate biased by a 220k/100k divider"): its stage places it
    values = [qs[0] for part in (m["a"], m["b"]) if len(qs := _quantities(part)) == 1]
    if len(values) != 2 or any(q.unit not in ("", "ohm") or not (q.unit or q.scaled) for q in values):
        return
    tap = _TAP.search(text)
    out = _node(tap["n"]) if tap and tap["n"].lower() not in _NOT_NODES else request.output
    driven = {s.node for s in request.sources if s.node and s.node != out}
    top = driven.pop() if len(driven) == 1 else request.input
    if out and top and out != top:
        request.elements += [ElementConstraint(m[0], "R", None, (top, out), values[0].value, values[0].text),
                             ElementConstraint(m[0], "R", None, (out, "0"), values[1].value, values[1].text)]
        request.nodes += [n for n in (top, out) if n not in request.nodes]


# "outputs a 1 kHz square wave at node sq", "generating a sine on osc": a wave the circuit makes, at its output
# ("oscillator (square wave) at 2 kHz on node relax_sq": its frequency said between)
_WAVE_AT = re.compile(r"\b(?:square|sine|sinusoid|triangle|sawtooth|ramp|pulse|clock)\w*(?:[- ]wave)?s?\)?\s+"
                      r"(?:(?:\w+\s+){0,2}?|at\s+[\d.]+\s*[kMG]?Hz\s+)(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b",
                      re.IGNORECASE)
_WAVE_MAKER = re.compile(r"\b(?:oscillat\w*|astable|multivibrator|(?:wave(?:form)?|function|signal|clock)\s+"
                         r"generator)\b", re.IGNORECASE)
_TAKES_INPUT = re.compile(r"\b(?:inputs?|driv\w*|fed|feed(?!back)\w*|puts?|putting|appl\w*|into|controlled|control\w*|"
                          r"sweep\w*|vco)\b", re.IGNORECASE)
_MADE_WAVE = re.compile(r"\b(?:outputs?|outputting|produc(?:es?|ed|ing)|generat(?:es?|ed|ing)|makes?|making|gives?|"
                        r"giving|delivers?|creates?|creating)\b[^.;]*?\b"
                        r"(?:square|sine|sinusoid|triangle|sawtooth|ramp|pulse|clock)\w*(?:[- ]wave)?s?\s+"
                        r"(?:\w+\s+){0,2}?(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)


# "I need a square wave of roughly 1.2 kHz on node tick": a wave asked for, in a request that feeds the circuit nothing
_WANTED_WAVE = re.compile(r"\b(?:need|needs|want|wants|require|requires|give\s+me|get\s+me)\s+(?:an?\s+)?[^.;]*?\b"
                          r"(?:square|sine|sinusoid|triangle|sawtooth|ramp|pulse|clock)\w*(?:[- ]wave)?s?\s+"
                          r"(?:[\w.]+\s+){0,4}?(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)


# what makes a wave outside the circuit: "a function generator that makes a 1 kHz sine at src" feeds its input
_MAKER_OUTSIDE = re.compile(r"\b(?:generator|source|micro\w*|mcu|pin|dac|signal|oscillator\s+module|clock\s+source)\b"
                            r"[^.;,]*$", re.IGNORECASE)


def _made_waves(text: str, request: Request) -> None:
    """A wave the circuit is said to make at a node ("an astable that outputs a 1 kHz square wave at node sq") is
    no source driving that node: the node is the circuit's output. In a request for a circuit that makes waves and
    takes no input ("a Wien bridge oscillator at 2 kHz, the sine at node tone") any wave said at a node is made."""
    makes = _WAVE_MAKER.search(text) and not _TAKES_INPUT.search(text)
    # (a wave asked for or made is made by a device the request names: "give me a 40 kHz clock on node ck" alone is a
    # source)
    device = _WAVE_MAKER.search(text) or re.search(r"\b(?:op[- ]?amps?|comparators?|transistors?|bjts?|mosfets?|npn|"
                                                   r"pnp|555|timer|inverters?|schmitt)\b", text, re.IGNORECASE)
    wanted = _WANTED_WAVE.finditer(text) if not _TAKES_INPUT.search(text) and device else ()
    for m in [*(_MADE_WAVE.finditer(text) if device else ()), *(_WAVE_AT.finditer(text) if makes else ()), *wanted]:
        node = _node(m["n"])
        if _MAKER_OUTSIDE.search(re.split(r"[.;]\s", text[:m.start()])[-1]) or node in _NOT_NODES:
            continue
        made = [s for s in request.sources if not s.name and s.node == node and (s.pulse or s.sin)
                and m[0] in text[text.find(s.text):text.find(s.text) + len(s.text)]]
        if request.output in (None, node) and node in request.nodes:
            request.sources = [s for s in request.sources if s not in made]
            request.output = node
            if request.input == node:
                request.input = None


# A resistor between a source's node and the node it feeds: "a 1 V AC source on node dv through 1k", "a sine at node
# u pushes through 10k into node w", "VD (1 V AC on node drv) through R9 = 47k", "on node sx drives 4.7k into cx"
# ("Generator at node tx (1 V AC) through 50 ohm into lpf_a": its levels noted between)
_SOURCE_THROUGH = re.compile(rf"\b(?:at|on)\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s*\)?\s*(?:\([^()]*\)\s*)?,?\s*"
                             # ("V1 at node top feeds node mid through R1": the node it feeds said first)
                             r"(?:(?:pushes|drives|feeds|goes|passes|runs)\s+(?:(?:node\s+)?(?P<b0>[a-z_]\w*)\s+"
                             r"(?=through\b|via\b))?(?:(?:through|via)\s+)?|(?:through|via)\s+)"
                             rf"(?:an?\s+)?(?:(?P<name>R\w*)\b(?:\s*(?:=|of)\s*{_QTY_TEXT}(?:Ω|Ω|ohms?)?)?"
                             rf"|(?P<r>{_QTY_TEXT}(?:Ω|Ω|ohms?)?)(?!\w|\.\d)(?:\s+resistor)?)"
                             # ("... through R16 = 10 ohm into the anode at da8": the node the pin is said at)
                             r"(?:\s*\b(?:into|to)\s+(?:the\s+(?:anode|cathode|base|gate|drain|collector|emitter)"
                             r"\s+(?:at|on|\()\s*)?(?:node\s+)?(?P<b>[a-z_]\w*))?", re.IGNORECASE)
# "node p is fed from ...", "the tank is fed by ...": the node a source feeds, said before it
_FED_NODE = re.compile(r"\b(?:node\s+)?(?P<n>[a-z_]\w*)\s+is\s+(?:fed|driven)\s+(?:from|by)\b", re.IGNORECASE)


# "2 V (source VSENS on node sens_raw) behind 100k, which lands on node sens": a source's own resistance, from its node
# to the node said after it
_BEHIND = re.compile(rf"\bbehind\s+(?:an?\s+)?(?P<r>{_QTY_TEXT}(?:Ω|Ω|ohms?)?)(?!\w|\.\d)(?:\s+resistor)?\s*,?\s*"
                     r"(?:which|that)?\s*(?:lands|goes|ends\s+up|comes\s+out|feeds)\s+(?:on|at|to|into)\s+(?:node\s+)?"
                     r"(?P<b>[a-z_]\w*)\b", re.IGNORECASE)


# A source with its own resistance, said as what a sensor looks like: "sensor on node snsr looks like 2 V behind about
# 1 MΩ (of output impedance)", "a 0.41 V source VPH with 100 megohms in series, ending at node probe"
_THEVENIN = re.compile(rf"\bnode\s+(?P<n>[a-z_]\w*)\s+(?:looks|acts|behaves)\s+like\s+(?:an?\s+)?(?P<v>{_QTY_TEXT}V)\s+"
                       rf"(?:source\s+)?behind\s+(?:about\s+|roughly\s+|around\s+)?(?P<r>{_QTY_TEXT}\s*(?:Ω|Ω|ohms?|"
                       r"megohms?)?)(?!\w|\.\d)"
                       rf"|(?P<v2>{_QTY_TEXT}V)\s+source\s+(?:(?P<name>[VI][A-Z0-9_]*)\s+)?with\s+(?:about\s+)?"
                       rf"(?P<r2>{_QTY_TEXT}\s*(?:Ω|Ω|ohms?|megohms?)?)\s+in\s+series\s*,?\s+(?:ending|landing|coming\s+out)"
                       r"\s+(?:at|on)\s+(?:node\s+)?(?P<n2>[a-z_]\w*)", re.IGNORECASE)


def _thevenin(text: str, request: Request) -> None:
    """A source behind its own resistance (_THEVENIN): the source on a node of its own (its name's, else the named
    node's with "_src"), the resistor from there to the node named, which is the circuit's input."""
    for m in _THEVENIN.finditer(text):
        node, level, ohms = _node(m["n"] or m["n2"]), _quantities(m["v"] or m["v2"]), _quantities(m["r"] or m["r2"])
        if node in _NOT_NODES | {"0"} or len(level) != 1 or len(ohms) != 1 or ohms[0].unit not in ("", "ohm"):
            continue
        own = m["name"].lower() if m["name"] else f"{node}_src"
        request.sources = [s for s in request.sources if not (s.node == node or m["name"] and s.name == m["name"])]
        request.sources.append(SourceConstraint(m[0].strip(), own, level[0].value, name=m["name"]))
        request.elements.append(ElementConstraint(m[0].strip(), "R", None, (own, node), ohms[0].value, ohms[0].text))
        request.nodes += [n for n in (own, node) if n not in request.nodes]
        request.input = node if request.input in (None, own) else request.input


def _behind(text: str, request: Request) -> None:
    """A source's resistance said "behind" it (_BEHIND): a resistor from the node of the source stated last before it
    in its sentence to the node it lands on."""
    for m in _BEHIND.finditer(text):
        start, _ = _sentence(text, m.start())
        said = [s for s in request.sources if s.node and start <= text.find(s.text) < m.start()]
        qs = _quantities(m["r"])
        if not said or len(qs) != 1 or qs[0].unit not in ("", "ohm") or m["b"].lower() in _NOT_NODES:
            continue
        a, b = said[-1].node, _node(m["b"])
        if a and a != b and not any(e.kind == "R" and set(e.placed()) == {a, b} for e in request.elements):
            request.elements.append(ElementConstraint(m[0].strip(), "R", None, (a, b), qs[0].value, qs[0].text))
            request.nodes += [n for n in (a, b) if n not in request.nodes]
            request.input = request.input or (b if b != request.output else None)


def _source_through(text: str, request: Request) -> None:
    """The resistor a stated source feeds its node through: from the source's node to the node named after it
    ("into node w"), else to the node the sentence says is fed ("node p is fed from VA (...) through R2"), else to
    the first node of the part stated just before in its sentence ("47 nF from f to ground, fed by a 1 V AC source on
    src through 2.2k")."""
    driven = {s.node for s in request.sources if s.node and s.node != "0"}
    for m in _SOURCE_THROUGH.finditer(text):
        a = _node(m["a"])
        if a not in driven:
            continue
        b = next((_node(m[k]) for k in ("b", "b0") if m[k] and m[k].lower() not in _NOT_NODES and not _article(m, k)),
                 None)
        start, _ = _sentence(text, m.start())
        if b is None and (fed := _FED_NODE.search(text, start, m.start())) and fed["n"].lower() not in _NOT_NODES:
            b = _node(fed["n"])
        if b is None:
            before = [e for e in request.elements if start <= text.find(e.text) < m.start()
                      and [n for n in e.placed() if n != "0"]]
            b = next((n for n in before[-1].placed() if n != "0"), None) if before else None
        if b is None or b == a:
            continue
        if m["name"]:
            for i, e in enumerate(request.elements):
                if (e.name or "").upper() == m["name"].upper() and e.kind == "R" and e.nodes is None:
                    request.elements[i] = dataclasses.replace(e, nodes=(a, b))
            continue
        qs = _quantities(m["r"])
        if len(qs) != 1 or qs[0].unit not in ("", "ohm") or not (qs[0].unit or qs[0].scaled):
            continue
        if not any(e.kind == "R" and set(e.placed()) == {a, b} for e in request.elements):
            request.elements.append(ElementConstraint(m[0].strip(), "R", None, (a, b), qs[0].value, qs[0].text))
            request.nodes += [n for n in (a, b) if n not in request.nodes]


# "Signal dl_in from an AC 1 V source through 10uF into dl_b": the source on the node said first, the part from there
# into the node named after it
_SIGNAL_THROUGH = re.compile(r"(?<![\w.])(?P<a>[a-z_]\w*)\s+(?:comes\s+)?from\s+(?:an?\s+|the\s+)?[^,;.()]{0,40}?"
                             r"\b(?:source|generator)\s+(?:through|via)\s+(?:an?\s+)?(?P<v>\d[\d.]*\s*[a-zµΩ]*)\s+"
                             r"(?:\w+\s+)?(?:into|to)\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b", re.IGNORECASE)


def _signal_through(text: str, request: Request) -> None:
    """The sources and parts _SIGNAL_THROUGH reads: the source moved onto its own node, the part added."""
    for m in _SIGNAL_THROUGH.finditer(text):
        a, b = _node(m["a"]), _node(m["b"])
        qs = _quantities(m["v"])
        if {m["a"].lower(), m["b"].lower()} & (_NOT_NODES | GROUND) or a == b or len(qs) != 1 \
                or qs[0].unit not in ("ohm", "F", "H"):
            continue
        at = [i for i, s in enumerate(request.sources) if s.node == b and m[0] in s.text or s.text in m[0]]
        if len(at) != 1:
            continue
        request.sources[at[0]] = dataclasses.replace(request.sources[at[0]], node=a)
        kind = {"ohm": "R", "F": "C", "H": "L"}[qs[0].unit]
        if not any(e.kind == kind and set(e.placed()) == {a, b} for e in request.elements):
            request.elements.append(ElementConstraint(m[0].strip(), kind, None, (a, b), qs[0].value, qs[0].text))
        request.nodes += [n for n in (a, b) if n not in request.nodes]
        if request.input == b:
            request.input = a


# "parallel LC (1 mH, 4.7 uF) from node lc to ground", "an RC in parallel (10k, 100n) across out and 0": the values a
# parallel pair lists in parentheses, each a part between the pair's two ends
_PARALLEL_LIST = re.compile(r"\b(?:parallel\s+(?:RLC|LC|RC|RL)|(?:RLC|LC|RC|RL)\s+in\s+parallel)\b\s*"
                            r"(?:tank\s+|network\s+)?\((?P<values>[^()]*)\)\s*"
                            r"(?P<ends>(?:from|between|across)\s[^,;.]*)", re.IGNORECASE)


def _parallel_list(text: str, request: Request) -> None:
    """The parts of a parallel pair stated by its values in parentheses, placed on the pair's ends (one part per
    value whose unit names its kind); a part of that value already on those ends is not stated twice."""
    for m in _PARALLEL_LIST.finditer(text):
        ends = _pair(m["ends"], 0)
        values = [q for q in _quantities(m["values"]) if q.unit in ("ohm", "F", "H")]
        if ends is None or not values:
            continue
        for q in values:
            kind = UNIT_KIND[q.unit]
            if not any(e.kind == kind and e.value is not None and math.isclose(e.value, q.value, rel_tol=1e-9)
                       for e in request.elements):
                request.elements.append(ElementConstraint(m[0].strip(), kind, None, ends, q.value, q.text))
            else:  # the part read from the words after the parentheses ("4.7 uF) from node lc to ground")
                request.elements = [dataclasses.replace(e, nodes=ends) if e.kind == kind and e.nodes is None
                                    and e.value is not None and math.isclose(e.value, q.value, rel_tol=1e-9) else e
                                    for e in request.elements]


# A group of parts said to be in parallel between the two ends its sentence states: "from tk to ground, in parallel:
# L = 1 mH, C = 100 nF, R = 1k", "node px to ground has three parts side by side: a 2k resistor, 47 nF and 2.2 mH"
# (not "in parallel with" a named part: _across_role, _beside)
_IN_PARALLEL = re.compile(r"\b(?:in\s+parallel|side\s+by\s+side|paralleled|all\s+across\s+it)\b(?!\s+(?:with|to)\b)",
                          re.IGNORECASE)
# "... in parallel on node lct, each to ground": the group's ends, its one node and ground
_EACH_TO_GROUND = re.compile(r"\b(?:on|at|across)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s*,?\s*(?:each|all|every\s+one)\s+"
                             r"(?:(?:going|tied|returned|down)\s+)?to\s+(?:ground|gnd|0)\b", re.IGNORECASE)
_KIND_BEFORE = re.compile(r"(?<![\w.])(?-i:(?P<k>[RCL]))\s*[=:]\s*$")
_KIND_AFTER = re.compile(r"\s*(?P<noun>resistors?|capacitors?|caps?|inductors?|coils?|chokes?)\b", re.IGNORECASE)


def _kinded_values(said: str) -> list[tuple[_Q, str]]:
    """The part values a group lists, each with its kind: its unit, the letter before it ("C = 100 nF") or the noun
    after it ("a 2k resistor")."""
    parts = []
    for q in _quantities(said):
        letter, noun = _KIND_BEFORE.search(said[:q.start]), _KIND_AFTER.match(said, q.end)
        kind = UNIT_KIND.get(q.unit) if q.unit else letter["k"] if letter else \
            ("C" if noun["noun"].lower().startswith("ca") else "L" if noun["noun"][0].lower() in "ic" else "R") \
            if noun else None
        if kind is not None and (q.unit or None) in (None, "ohm", "F", "H"):
            parts.append((q, kind))
    return parts


def _parallel_group(text: str, request: Request) -> None:
    """The parts of a group said to be in parallel, each between the ends its sentence states; a part's kind is its
    value's unit, the letter before it ("C = 100 nF") or the noun after it ("a 2k resistor"). A part already read
    with that kind and value keeps its own ends; one read without ends takes the group's."""
    for sentence in re.finditer(r"(?:[^;.]|\.(?=\d))+", text):
        said = sentence[0]
        each = _EACH_TO_GROUND.search(said)
        if not _IN_PARALLEL.search(said) or (ends := _pair(said, 0) or (
                (_node(each["n"]), "0") if each and each["n"].lower() not in _NOT_NODES else None)) is None:
            continue
        if _DESIGNATOR.search(said) and not each:
            continue
        if _DESIGNATOR.search(said):  # "in parallel on node lct, each to ground: R12 = 4.7k, L7 = 220 uH, ...": the
            request.elements = [dataclasses.replace(e, nodes=ends)  # named parts said there with no ends of their own
                                if e.nodes is None and e.kind in "RLC" and e.text in said else e
                                for e in request.elements]
            request.nodes += [n for n in ends if n != "0" and n not in request.nodes]
            continue
        parts = _kinded_values(said)
        if len(parts) < 2:
            continue
        for q, kind in parts:
            same = [e for e in request.elements if e.kind == kind and e.value is not None
                    and math.isclose(e.value, q.value, rel_tol=1e-9)]
            if not same:
                request.elements.append(ElementConstraint(said.strip(), kind, None, ends, q.value, q.text))
            request.elements = [dataclasses.replace(e, nodes=ends) if e in same and e.nodes is None else e
                                for e in request.elements]
        request.nodes += [n for n in ends if n != "0" and n not in request.nodes]


_IN_SERIES = re.compile(r"\bin\s+series\b(?!\s+with\b)", re.IGNORECASE)
# What joins the values of one row ("680 ohm and 320 ohm", "10 uF, 1 mH"): a value placed by words of its own
# ("a 1 mH inductor in series from in to out, then 10 ohm from out to ground") is no member of it
_JOINED = re.compile(r"\s*(?:(?:resistors?|capacitors?|caps?|inductors?|coils?|chokes?)\s*)?"
                     r"(?:,\s*(?:and\s+)?|and\s+|plus\s+|\+\s*)(?:an?\s+|the\s+|another\s+)?", re.IGNORECASE)


def _series_group(text: str, request: Request) -> None:
    """"Between qa and qb put 680 ohm and 320 ohm in series": parts in a row between two ends with no node named
    between them (_series_chain reads the rows that name theirs), each joined to the next at a node of its own."""
    for sentence in re.finditer(r"(?:[^;.]|\.(?=\d))+", text):
        said = sentence[0]
        if not _IN_SERIES.search(said) or _DESIGNATOR.search(said) or _CHAIN_NODES.search(said) \
                or (ends := _pair(said, 0)) is None or len(parts := _kinded_values(said)) < 2 \
                or not all(_JOINED.fullmatch(said, q.end, r.start) for (q, _), (r, _) in zip(parts, parts[1:])):
            continue
        a, b = ends
        row = [a, *(f"{a}_{b}_{i}" for i in range(1, len(parts))), b]
        request.elements = [e for e in request.elements if not (not e.name and e.nodes in (ends, ends[::-1])
                                                                and any(e.value == q.value for q, _ in parts))]
        request.elements += [ElementConstraint(said.strip(), kind, None, (n, m), q.value, q.text)
                             for (q, kind), n, m in zip(parts, row, row[1:])]


# "1 nF across the feedback resistor", "a 100 pF cap in parallel with the collector resistor": a part across another
# named by its role, and the names that role's part goes by
_ACROSS_ROLE = re.compile(rf"(?P<q>{_QTY_TEXT}(?:Ω|Ω|ohms?|F|H)?)(?!\w)\s*(?:resistor|capacitor|cap|inductor)?\s*"
                          r"(?:placed\s+|connected\s+)?(?:across|in\s+parallel\s+with|parallel\s+to)\s+(?:the\s+)?"
                          r"(?P<role>feedback|input|load|collector|emitter|base|drain|source|gate)\s+resistor\b",
                          re.IGNORECASE)
_ROLE_NAMES = {"feedback": r"R_?FB?\w*", "input": r"R_?IN?\d*", "load": r"R_?L(?:OAD)?\d*", "collector": r"R_?C\d*",
               "emitter": r"R_?E\d*", "base": r"R_?B\d*", "drain": r"R_?D\d*", "source": r"R_?S\d*",
               "gate": r"R_?G\d*"}


def _across_role(text: str, request: Request) -> None:
    """A part the request places across a resistor it names by its role ("1 nF across the feedback resistor"): that
    resistor's ends, when one stated resistor goes by the role's name (RF, RFB for feedback; RC for collector ...)."""
    for m in _ACROSS_ROLE.finditer(text):
        qs = _quantities(m["q"])
        if len(qs) != 1 or not (qs[0].unit in ("ohm", "F", "H") or qs[0].scaled):
            continue
        kind = UNIT_KIND.get(qs[0].unit) or ("R" if qs[0].mult >= 1e3 else "C" if qs[0].mult <= 1e-6 else "")
        names = _ROLE_NAMES[m["role"].lower()]
        those = [e for e in request.elements if e.kind == "R" and e.name and len(e.placed()) == 2
                 and re.fullmatch(names, e.name, re.IGNORECASE)]
        if kind and len(those) == 1 and not any(
                e.kind == kind and e.value is not None and math.isclose(e.value, qs[0].value, rel_tol=1e-9)
                and e.nodes is not None for e in request.elements):
            request.elements.append(ElementConstraint(m[0].strip(), kind, None, those[0].placed(), qs[0].value,
                                                      qs[0].text))


# "two resistors of 10k (R1, R2)", "100 nF (C3 and C4)": a value, then the names of the parts that share it
_SHARED_VALUE = re.compile(rf"(?<![\w.])(?P<q>{_QTY_TEXT}(?:Ω|Ω|ohms?|F|H)?)(?!\w)\s*(?:each\s*)?\(\s*"
                           r"(?P<names>[RCL]\w*(?:\s*(?:,|\band\b|&)\s*[RCL]\w*)+)\s*\)")


def _shared_value(text: str, elements: list[ElementConstraint]) -> None:
    """The parts named together in parentheses after one value take it, each of that value's kind, where no
    statement of their own gave them one."""
    for m in _SHARED_VALUE.finditer(text):
        qs = _quantities(m["q"])
        if len(qs) != 1 or not (qs[0].unit in ("ohm", "F", "H") or qs[0].scaled):
            continue
        kind = UNIT_KIND.get(qs[0].unit)
        names = {n.upper() for n in re.findall(r"[RCL]\w*", m["names"]) if n.lower() != "and"}
        for i, e in enumerate(elements):
            if (e.name or "").upper() in names and e.value is None and (kind is None or e.kind == kind):
                elements[i] = dataclasses.replace(e, value=qs[0].value, value_text=qs[0].text)


# "collectors c1 and c2 each pulled to vcc = 12 V through 10k (RC1, RC2)": one part of that value from the node said
# to each node listed, named in order
_EACH_THROUGH = re.compile(r"\b(?P<nodes>[a-z_]\w*(?:\s*,\s*[a-z_]\w*)*\s+and\s+[a-z_]\w*)\s+(?:are\s+)?each\s+"
                           r"(?:pulled|tied|connected|returned|taken|fed)\s+(?:up\s+|down\s+)?(?:to|from)\s+(?:node\s+)?"
                           rf"(?P<r>[a-z_]\w*)[^.;]*?\b(?:through|via|by)\s+(?:an?\s+)?(?P<q>{_QTY_TEXT}(?:Ω|Ω|ohms?)?)"
                           r"(?!\w)(?:\s+resistors?)?\s*(?:each\s*)?(?:\(\s*(?P<names>[RCL]\w*(?:\s*(?:,|\band\b|&)\s*"
                           r"[RCL]\w*)+)\s*\))?", re.IGNORECASE)


def _each_through(text: str, request: Request) -> None:
    """Nodes listed as each tied to one node through a value ("c1 and c2 each pulled to vcc through 10k (RC1,
    RC2)"): a resistor from that node to each, named in order when the names are given, where no part is placed so."""
    for m in _EACH_THROUGH.finditer(text):
        nodes = [_node(n) for n in re.findall(r"[a-z_]\w*", m["nodes"], re.IGNORECASE) if n.lower() != "and"]
        names = [n for n in re.findall(r"[RCL]\w*", m["names"] or "", re.IGNORECASE) if n.lower() != "and"]
        qs = _quantities(m["q"])
        rail = _node(m["r"])
        if len(qs) != 1 or qs[0].unit not in ("", "ohm") or (names and len(names) != len(nodes)) or \
                any(n in _NOT_NODES or n == "0" for n in nodes) or rail in _NOT_NODES:
            continue
        for k, node in enumerate(nodes):
            name = names[k] if names else None
            if any(e.kind == "R" and e.placed() and set(e.placed()) == {rail, node} for e in request.elements):
                continue
            request.elements = [e for e in request.elements if not (name and (e.name or "").upper() == name.upper()
                                                                    and e.nodes is None)]
            request.elements.append(ElementConstraint(m[0], "R", name, (rail, node), qs[0].value, qs[0].text))
        request.nodes += [n for n in [rail, *nodes] if n not in request.nodes]


def _source_named_ends(request: Request) -> None:
    """"R3 = 10k from VS (1 V AC at node s)": a part's end named by a stated source is that source's node."""
    nodes = {s.name.lower(): s.node for s in request.sources if s.name and s.node and s.node != s.name.lower()}
    for i, e in enumerate(request.elements):
        if e.nodes and any(n in nodes and re.search(rf"(?<![\w(]){n}(?![\w(])", e.text, re.IGNORECASE)
                           for n in e.nodes if n):
            request.elements[i] = dataclasses.replace(e, nodes=tuple(nodes.get(n, n) if n else n for n in e.nodes))
    used = {n for e in request.elements for n in e.nodes or ()} | {s.node for s in request.sources}
    request.nodes = [n for n in request.nodes if n not in nodes or n in used]


def _across_part(text: str, request: Request) -> None:
    """"VD directly across D1 (anode dan, cathode ground)": a source said across a stated part sits on that part's
    ends, its + on the part's first (a diode's anode)."""
    for i, s in enumerate(request.sources):
        if s.node is not None or not s.name:
            continue
        said = re.search(rf"\b{re.escape(s.name)}\s+(?:(?:is|sits|goes|placed|connected|wired)\s+)?"
                         r"(?:directly\s+|right\s+|straight\s+)?across\s+(?:the\s+)?(?:[a-z]+\s+)?(?P<p>[A-Za-z]\w*)\b",
                         text)
        part = next((e for e in request.elements if said and e.name and e.name.upper() == said["p"].upper()
                     and len(e.placed()) == 2 and e.placed()[0] != "0"), None)
        if part is not None:
            plus, minus = part.placed()
            request.sources[i] = dataclasses.replace(s, node=plus, minus=None if minus == "0" else minus)


def _input_at_source(request: Request) -> None:
    """With no input named, the node the request's one signal source drives is the circuit's input ("a 325 V peak
    sine (VM at line) across a divider", "a 4 V sine at vin, diode into 1 uF"); a clock ("a 0/5 V clock at ck")
    drives a circuit's clock, and "a square wave at out" is what an oscillator makes, not its input."""
    if request.input is not None:
        return
    nodes = {s.node for s in request.sources if s.node in request.nodes and s.kind == "V" and not s.supply
             and (s.sin or s.pulse or s.pwl or s.ac is not None)
             and not re.search(r"\bclock|\bclk", f"{s.text} {s.node}", re.IGNORECASE)}
    if len(nodes) == 1 and (node := nodes.pop()) != request.output and not re.fullmatch(r"v?out\w*", node):
        request.input = node


def _input_by_suffix(text: str, request: Request) -> None:
    """With no input found, the one node named with an input's suffix ("... when th_in rises past 3.0 V"), unless a
    source holds it at a DC level ("5 V DC on node cp_in": a supply's node)."""
    named = {m[1].lower() for m in re.finditer(r"\b([a-z]\w*_in\d?)\b", text)}
    if request.input is None and len(named) == 1 and (only := _node(named.pop())) != request.output \
            and not any(s.node == only and s.dc is not None and s.ac is None and not (s.sin or s.pulse or s.pwl)
                        for s in request.sources):
        request.input = only


_LOAD = re.compile(r"(?P<v>(?<![\w.])\d[\w.]*(?:\s?(?:k|meg|M)?\s?(?:Ω|Ω|ohms?))?)\s+(?:resistive\s+)?"
                   r"(?:load|termination)(?:\s+resistor)?\b"  # ("50 ohm termination at lpf_z": a load as well)
                   r"(?:\s+(?P<p>on|at|across|to|from)\s+(?:the\s+)?(?:node\s+)?(?P<n>[a-z_]\w*))?", re.IGNORECASE)
# "the output node sreg, loaded by 100 Ω", "(node dar_out) loaded with 100 Ω": a load on the node named before it
# (one said "from" or "to" another node is placed by those words)
_LOADED = re.compile(r"(?:\bnode\s+|\boutput\s+|\(node\s+)(?P<n>[a-z_]\w*)\)?\s*,?\s+(?:is\s+)?loaded\s+(?:by|with)\s+"
                     r"(?:an?\s+)?(?P<v>\d[\w.]*(?:\s?(?:k|meg|M)?\s?(?:Ω|Ω|ohms?))?)(?!\w)"
                     r"(?!\s*(?:resistors?\s+|loads?\s+)?(?:from|to|between|across)\b)(?P<p>)", re.IGNORECASE)
# "a 2k load from vcc", "pulled up by a 10k load to vdd": a load on a rail hangs from it to the output, not to ground
_RAIL_END = re.compile(r"v(?:cc|dd|pos|plus|\d)\w*", re.IGNORECASE)


# "a 1k RL loads eo", "a 470 ohm RX as the load on y": a named resistor by its value, loading a node
_NAMED_LOAD = re.compile(rf"\b(?:an?\s+)?(?P<v>{_QTY_TEXT}(?:Ω|ohms?)?)\s+(?P<name>R\w*)\s+"
                         r"(?:loads|as\s+(?:the\s+)?load\s+(?:on|at))\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b")


def _ohms(said: str):
    """The one resistance a value's words state ("1k", "680 Ω"), else None."""
    qs = _quantities(said)
    return qs[0] if len(qs) == 1 and qs[0].unit in ("", "ohm") else None


def _loads(text: str, request: Request) -> None:
    """Loads stated by value and node: "10k load on out", "a 5k load at out", "driving output node out
    into a 5k load to ground", "output out with a 1k load to ground"; each from its node to ground."""
    for m in _NAMED_LOAD.finditer(text):
        if (q := _ohms(m["v"])) and m["n"].lower() not in _NOT_NODES | GROUND \
                and not any((e.name or "").upper() == m["name"].upper() for e in request.elements):
            request.elements.append(ElementConstraint(m[0], "R", m["name"], (_node(m["n"]), "0"), q.value, q.text))
    for m in [*_LOAD.finditer(text), *_LOADED.finditer(text)]:
        qs = _quantities(m["v"])
        if len(qs) != 1 or qs[0].unit not in ("", "ohm") or (not qs[0].unit and not qs[0].scaled and qs[0].value < 10):
            continue
        node = m["n"] if m["n"] and m["n"].lower() not in GROUND | _NOT_NODES and not _article(m, "n") else None
        near = re.search(r"(?:\bnode\s+|\boutput\s+)(?P<x>[a-z_]\w*)\s+"
                         r"(?:into|with|driving|drives|feeding|through)\s+"
                         r"(?:an?\s+|the\s+)?$", text[max(0, m.start() - 60):m.start()], re.IGNORECASE)
        # (not a source's node: "from a 15 V input (node vin15) into a 1 kΩ load" loads the circuit's output)
        fed = {s.node for s in request.sources if re.search(r"\b(?:input|supply|rail|battery|source)\b", s.text, re.I)}
        near = near if near and near["x"].lower() not in _NOT_NODES and _node(near["x"]) not in fed else None
        if node is None and (m["n"] is None or m["n"].lower() in GROUND):
            node = near["x"] if near else None
        if node is None and m["n"] is None and request.output and request.output not in (request.input, "0") \
                and not re.search(r"\b(?:through|via|thru|rail|supply|up|to)\b[^.;,]*$", text[:m.start()],
                                  re.IGNORECASE) \
                and not re.match(r"\s*(?:resistor\s+)?(?:up\s+|down\s+|back\s+)?(?:to|from|between|across|into)\b",
                                 text[m.end():], re.IGNORECASE):  # (not "a 10k load up to v5m": its other end said)
            node = request.output  # ("..., 47k load.": a load said with no node hangs on the circuit's output)
        value = qs[0].value
        # (a load said after its node is one more part: "4.7k from mid to ground; mid is loaded with 4.7k as well")
        after = m.re is _LOADED
        if node is None or any(e.kind == "R" and e.value is not None and abs(e.value - value) <= 1e-9 * value
                               and (not e.placed() or (_node(node) in e.placed() and (not after or "load" in e.text)))
                               for e in request.elements):
            continue  # no node to hang it from, or read already as a part (a source's 50 ohms is another one)
        far = None if (m["p"] or "").lower() in ("to", "from") and _RAIL_END.fullmatch(node) else "0"
        if (m["p"] or "").lower() == "to" and near and _node(near["x"]) != _node(node):
            # "node oc with a 4.7k load to vp": between the node it hangs on and vp, the rail first as a family's load
            # resistor is written (R1 vdd out), so that the two are matched end to end
            node, far = _node(node), _node(near["x"])
        request.elements.append(ElementConstraint(m[0], "R", None, (_node(node), far), value, qs[0].text))


# "the collector node cc1 has 5.6k to v15", "node mout has a 4.7k resistor up to v10", "the output node zf_out, which
# has a 1k load": a part said as what a node has, from that node to the one after "to" (a load's to ground)
_NODE_HAS = re.compile(r"(?:\bnode\s+)?(?<![\w.])(?P<n>[a-z_]\w*)\s*(?:,\s*which\s+|\s+)(?:has|gets|sees)\s+(?:an?\s+)?"
                       r"(?P<v>\d+(?:\.\d+)?\s?(?:meg|[fpnuµμmkKMG])?\s?(?:Ω|ohms?\b|[FH]\b)?)\s*"
                       r"(?P<w>(?:resistor|resistance|load|capacitor|cap|inductor|coil)\b)?\s*"
                       r"(?:(?:up|down|back)\s+)?(?:(?:to|into)\s+(?:the\s+)?(?:node\s+)?(?P<b>[a-z_]\w*))?",
                       re.IGNORECASE)


def _node_has(text: str, request: Request) -> None:
    """Parts said as what a node has (_NODE_HAS); the node is one the words call a node or a part already placed."""
    placed = {n for e in request.elements for n in e.placed()} | {s.node for s in request.sources if s.node}
    for m in _NODE_HAS.finditer(text):
        qs = _quantities(m["v"])
        word = (m["w"] or "").lower()
        kind = {"cap": "C", "capacitor": "C", "inductor": "L", "coil": "L"}.get(word) or (
            UNIT_KIND.get(qs[0].unit, "") if len(qs) == 1 and qs[0].unit else "R" if len(qs) == 1 and qs[0].scaled
            and qs[0].mult >= 1 else "")
        called = re.search(r"\bnode\s+$", text[max(0, m.start("n") - 6):m.start("n")], re.IGNORECASE)
        if not kind or len(qs) != 1 or _not_node(m, "n") or not (called or _node(m["n"]) in placed):
            continue
        far = "0" if m["b"] is None and word == "load" else None if m["b"] is None or _not_node(m, "b", True) \
            or _article(m, "b") else _node(m["b"])
        # (a part said up to a rail is written from the rail down, as a family writes its loads: "R1 vdd out")
        up = far and (re.search(r"\bup\s+to\b", m[0], re.IGNORECASE) or _RAIL_END.fullmatch(far))
        nodes = (far, _node(m["n"])) if up else (_node(m["n"]), far)
        value = qs[0].value
        if far is None or any(e.kind == kind and e.value is not None and abs(e.value - value) <= 1e-9 * value
                              and (not e.placed() or set(e.placed()) & set(nodes)) for e in request.elements):
            continue  # no far end, or read already ("has a 10k load up to v5m" by _loads)
        request.elements.append(ElementConstraint(m[0], kind, None, nodes, value, qs[0].text))


# "the 5V rail (node vcc)": the rail is that node, held at its level
# "12 V in (vin)", "a 6 V battery (vbt)": the same, of an input said with its level or a battery ("the MCU input
# (node ain)" is no rail)
# (the words before the rail are its description, never a preposition nor the end of another sentence: "a resistor
# from the supply node vcc to out" keeps its "from", "... to 0. Supply vdd with 9 V" its "0")
_RAIL_ALIAS = re.compile(r"\b(?:the\s+|an?\s+)?(?P<what>(?:(?!(?:from|to|between|and|at|on|across|of|by|with|via)\b)"
                         r"[-+\w]+(?:\.\d+)?\s+){0,2}(?:rail|supply|line|bus|battery)"
                         r"|[-+\d.]+\s*[munµk]?V\s+(?:in|input|cell))"
                         r"(?:\s*\(\s*"
                         r"(?:node\s+)?"
                         # (a name in capitals is its source's: "a 12 V DC supply (VSUP)")
                         r"(?!(?-i:[VI][A-Z0-9_]+)\s*\))(?P<n>[a-z_]\w*)"
                         # ... and its source's name ("my 5v rail (node v5, source vr)")
                         r"(?:\s*,\s*(?:(?:its\s+|the\s+)?source\s+(?:is\s+)?)?(?P<src>[VI]\w*))?\s*\)"
                         # "the 10 V rail vcc", "a 12 V supply vpos": a rail's name right after it, without parentheses
                         # (in lower case: "supply VCC at node vcc" names the source)
                         r"|(?<=rail|pply)\s+(?:node\s+)?(?P<n3>(?-i:v(?:cc|dd|ee|ss|pos|neg|plus|minus|bat|sup|p|n|\d)\w*))"
                         r"\b(?!\s*(?:=|\(|at\b|on\b)))", re.IGNORECASE)
# "source and bulk at vdd (3.3 V)", "gate at g (0 V)": a node held at a level by a source
# ("runs off 12 V (node v12)": off a supply)
_HELD_NODE = re.compile(r"\b(?:at|to|on|from|off|between)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s*\(\s*"
                        r"(?P<v>[-+\u2212]?[\d.]+\s*(?:[munµk]\s*)?V)"
                        r"\s*\)|(?P<v2>(?<![\w.])[-+\u2212]?[\d.]+\s*(?:[munµk]\s*)?V)\s+(?:supply\s+|rail\s+|reference\s+)?"
                        r"(?:\(\s*)?node\s+(?P<n2>[a-z_]\w*)", re.IGNORECASE)  # "the 3.3 V node vcc", "12 V (node sup)"


# "a series L-C from node trap to ground ..., fed from trin through a 1k resistor": a resistor said by its value,
# from the node it feeds from to the node its sentence named before it
_FED_THROUGH_VALUE = re.compile(r"\b(?:fed|driven|supplied)\s+from\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s+(?:through|via)\s+"
                                rf"(?:an?\s+)?(?P<q>{_QTY_TEXT}(?:Ω|ohms?)?)\s*(?:resistor|resistance)\b",
                                re.IGNORECASE)


def _fed_through_value(text: str, request: Request) -> None:
    for m in _FED_THROUGH_VALUE.finditer(text):
        lo, _ = _sentence(text, m.start())
        named = re.findall(r"\bnode\s+([a-z_]\w*)", text[lo:m.start()], re.IGNORECASE)
        if not named or not (q := _ohms(m["q"])) or m["a"].lower() in _NOT_NODES \
                or any(m[0] in e.text or e.text in m[0] for e in request.elements):
            continue
        request.elements.append(ElementConstraint(m[0], "R", None, (_node(m["a"]), _node(named[-1])), q.value, q.text))
        request.nodes += [n for n in (_node(m["a"]), _node(named[-1])) if n not in request.nodes]


# "test with a 1k there": a resistor said by its value alone, put "there"
_VALUE_THERE = re.compile(rf"\b(?:with|put|use|place|hang)\s+an?\s+(?P<q>{_QTY_TEXT}(?:Ω|ohms?)?)\s*"
                          r"(?:resistor\s+|load\s+)?there\b", re.IGNORECASE)


def _placed_there(text: str, request: Request) -> None:
    """"... whatever I hang between node ld and ground ... For the test put RLOAD = 680 Ω there": a two-terminal
    part with no ends of its own, put "there", goes between the last two ends the request stated before it."""
    for m in _VALUE_THERE.finditer(text):
        if (q := _ohms(m["q"])) and (q.scaled or q.unit) \
                and not any(m[0] in e.text or e.text in m[0] for e in request.elements):
            request.elements.append(ElementConstraint(m[0], "R", None, None, q.value, q.text))
    for i, e in enumerate(request.elements):
        at = text.find(e.text)
        if e.nodes is not None or e.kind not in "RCL" or at < 0 or not re.search(
                r"\b(?:there|in\s+(?:that|its)\s+(?:place|spot|position))\b", e.text, re.IGNORECASE):
            continue
        ends = sorted((m for pattern in _NODE_PAIRS[:3] for m in pattern.finditer(text, 0, at)),
                      key=lambda m: m.start(), reverse=True)
        pair = next((p for m in ends if (p := _pair(text[m.start():at], 0, _NODE_PAIRS[:3]))), None)
        if pair is not None:
            request.elements[i] = dataclasses.replace(e, nodes=pair)


_PIN_NAMES = r"collector|emitter|base|drain|gate|source|anode|cathode"
# "the collector co_out", "emitter node co_e": a pin and the name its node is given (a name as names are written)
_PIN_NAMED = re.compile(rf"\b(?P<pin>{_PIN_NAMES})\s+(?:node\s+|is\s+|at\s+|=\s*)?"
                        r"(?P<n>[a-z][a-z0-9]*_\w+|[a-z]+\d\w*)\b", re.IGNORECASE)


def _pins_as_ends(text: str, request: Request) -> None:
    """A part whose ends are a transistor's pins ("C1 = 10n collector to emitter co_e, C2 = 10n emitter to ground"):
    each pin's node, the name the request gives it; a part left unplaced, or placed on a pin's word as a node, gets
    them (only where every pin it names is named so, or ground)."""
    named: dict[str, str] = {}
    for m in _PIN_NAMED.finditer(text):
        if m["n"].lower() not in _NOT_NODES:
            named.setdefault(m["pin"].lower(), _node(m["n"]))
    if not named:
        return
    for i, e in enumerate(request.elements):
        if e.kind not in "RCL":
            continue
        if e.nodes and any(n in named for n in e.nodes if n):
            request.elements[i] = dataclasses.replace(e, nodes=tuple(named.get(n, n) if n else n for n in e.nodes))
        elif e.nodes is None and (pair := re.search(rf"\b(?P<a>{_PIN_NAMES})\s+to\s+(?:the\s+)?"
                                                    rf"(?P<b>{_PIN_NAMES}|ground|gnd)\b", e.text, re.IGNORECASE)):
            ends = [named.get(w.lower()) if w.lower() in named else "0" if w.lower() in ("ground", "gnd") else None
                    for w in (pair["a"], pair["b"])]
            if None not in ends:
                request.elements[i] = dataclasses.replace(e, nodes=tuple(ends))
    placed = {n for e in request.elements for n in e.nodes or () if n}
    request.nodes = [n for n in request.nodes if n not in named or n in placed]  # (a pin's word, now its node)


_CIRCUIT_NOUNS = frozenset("""inverter inverters amplifier amp filter oscillator regulator converter buffer follower
comparator mirror divider stage circuit bridge latch rectifier driver multiplier doubler dac adc trips trip switches
flips toggles fires triggers clips limits saturates""".split())  # (and what a circuit does there: "trips at +2 V")


# "Bases dp_b1 (AC 1, 0 V DC) and dp_b2 (0 V DC source)": a node's levels in the aside after its name
_LEVEL_ASIDE = re.compile(r"(?<![\w.])(?P<n>[a-z][a-z0-9]*[_\d]\w*)\s*\(\s*(?P<body>(?:AC|DC|[-+]?\d)[^()]*?)\s*\)")


def _levels_in_asides(text: str, request: Request) -> None:
    """A node named with its levels in parentheses ("dp_b1 (AC 1, 0 V DC)") is driven by a source at them, where no
    source stated is on it already and the aside says nothing but levels."""
    for m in _LEVEL_ASIDE.finditer(text):
        node = _node(m["n"])
        if node in {s.node for s in request.sources} or node not in request.nodes \
                or not re.search(r"\b(?:AC|DC)\b", m["body"]) \
                or re.search(r"[a-z]{3,}", re.sub(r"\b(?:AC|DC|V|volts?|mV|source|peak|offset)\b", " ", m["body"],
                                                   flags=re.IGNORECASE)):
            continue
        if (levels := _stated_levels(m["body"], "V")) and ("ac" in levels or "dc" in levels):
            request.sources.append(SourceConstraint(m[0], node, **levels))  # type: ignore[arg-type]


def _current_source_ac(request: Request) -> None:
    """"a 2 uA current source (AC 1 too) at the inverting input pd_n": the AC level said of a current source is that
    source's, no voltage source of its own; the current source is placed where its statement puts it."""
    for s in [s for s in request.sources if s.kind == "V" and s.name is None and s.dc is None and s.ac is not None
              and not (s.sin or s.pulse or s.pwl) and re.search(r"\bcurrent\s+source\b", s.text, re.IGNORECASE)]:
        amps = [q for q in _quantities(s.text) if q.unit == "A"]
        placed = re.search(r"\b(?:at|into|on)\s+(?:the\s+)?(?:(?:inverting|summing)\s+(?:input|node)\s+)?(?:node\s+)?"
                           r"(?P<n>[a-z_]\w*)\s*$", s.text, re.IGNORECASE)
        node = s.node or (_node(placed["n"]) if placed and placed["n"].lower() not in _NOT_NODES else None)
        twin = next((i for i, o in enumerate(request.sources) if o.kind == "I" and (o.text in s.text or s.text in o.text
                                                                                   or node and o.node == node)), None)
        if twin is not None:  # (its own AC level kept: "an AC 1 mA current source" read as AC 1 besides)
            if request.sources[twin].ac is None:
                request.sources[twin] = dataclasses.replace(request.sources[twin], ac=s.ac)
        elif len(amps) == 1 and node:
            request.sources.append(dataclasses.replace(s, kind="I", dc=amps[0].value, node=node))
        else:
            continue
        request.sources.remove(s)


# the words that give a current its direction ("pushing 10 uA into x", "sinking 1 mA from y"): a source said without
# them may sit either way round on its node
CURRENT_DIRECTED = re.compile(r"\b(?:into|push\w*|pump\w*|sourc(?:es|ing)|sink\w*|draw\w*|pull\w*|out\s+of|from|"
                              r"leav\w*)\b", re.IGNORECASE)


def _stepped_supply(text: str, request: Request) -> None:
    """"the rail comes up from 0 to 5v right at t=0 (1us edge)": the one supply the request states, switched on as
    that sentence says (its step), when no wave of its own is read."""
    supplies = [i for i, s in enumerate(request.sources) if s.supply and s.node and not (s.pulse or s.sin or s.pwl)]
    for event in _STEP_EVENT.finditer(text):
        if event["n"].lower() in ("rail", "supply", "battery") and len(supplies) == 1 \
                and (pulse := _pulse(text[event.start():_sentence(text, event.start())[1]], "V")):
            i = supplies[0]
            request.sources[i] = dataclasses.replace(request.sources[i], pulse=pulse, dc=None)


# "when 5 V hits node v5 at t=0", "12 V is applied to node p at 1 ms": a level that arrives on a node at a time, a step
_ARRIVES = re.compile(rf"(?<![\w.])(?P<v>{_QTY_TEXT}V)\s+(?:hits|reaches|arrives\s+(?:at|on)|appears\s+(?:at|on)|"
                      r"is\s+applied\s+(?:to|at|on)|lands\s+on|turns\s+on\s+at)\s+(?:the\s+)?(?:node\s+)?"
                      rf"(?P<n>[a-z_]\w*)\s+at\s+(?:t\s*=\s*|time\s+)?(?P<t>{_QTY_TEXT}s\b|0(?![\w.])|zero\b)",
                      re.IGNORECASE)


# "a behavioural source from bo to ground with V = 0.5*v(bi)*v(bi)": one with no designator, by its noun
_BEHAVIOURAL = re.compile(r"\bbehaviou?ral\s+(?:voltage\s+|current\s+)?source\b(?!\s+[BE]\d)", re.IGNORECASE)


def _unnamed_behavioural(text: str, request: Request) -> None:
    """A behavioural source said by its noun alone, placed on two nodes with its law ("V = ..."): a B source."""
    for m in _BEHAVIOURAL.finditer(text):
        lo, hi = _sentence(text, m.start())
        said = text[m.start():hi]
        law = re.search(r"(?<![\w.])(?P<q>[VI])\s*=\s*(?P<e>[\w().*/+\-^ ]*?[\w)])\s*(?=[,;]|$)", said)
        ends = _pair(said, 0)
        if law is None or ends is None or not re.search(r"[vi]\(", law["e"], re.IGNORECASE) \
                or _DESIGNATOR.search(text, lo, m.start()):
            continue
        request.elements.append(ElementConstraint(said.strip(" ,;"), "B", None, ends,
                                                  params=(f"{law['q'].upper()}={law['e'].replace(' ', '')}",)))


def _arrivals(text: str, request: Request) -> None:
    """A level said to arrive on a node at a time, on a node no source drives yet: a step from 0 V to it then."""
    driven = {s.node for s in request.sources}
    for m in _ARRIVES.finditer(text):
        node = _node(m["n"])
        if node in driven or node == "0" or m["n"].lower() in _NOT_NODES:
            continue
        at = _quantities(m["t"])[0].value if m["t"][0].isdigit() and m["t"] != "0" else 0.0
        driven.add(node)
        request.sources.append(SourceConstraint(m[0], node, pulse=(0.0, _quantities(m["v"])[0].value, at, None, None,
                                                                   None, None)))


# "v(dp)=3.0 V, v(dn)=2.2 V, both DC sources": levels the sentence says sources hold on those nodes (not an output
# level wanted: "v(out) should be 5 V")
_PROBED_LEVEL = re.compile(rf"\bv\((?P<n>[a-z_]\w*)\)\s*=\s*(?P<v>{_QTY_TEXT}V)(?![\w.])", re.IGNORECASE)


# "Signal source cb_src (1 V AC)": a source called by the node it drives, its levels in its aside
# ... or an input so called: "Input ef_in (1 V AC)"
_SOURCE_NODE_ASIDE = re.compile(r"\b(?:(?:signal|input|test|ac|dc|voltage)\s+source|input)\s+(?:node\s+)?"
                                r"(?P<n>(?![VI][A-Z0-9_]*\b)[a-z_]\w*)\s*\((?P<levels>[^()]*)\)"
                                # ... or any node whose aside calls it a source with its level: "follow efi (AC 1
                                # source, cap-coupled into the base)"
                                r"|(?<![\w.])(?-i:(?P<n2>[a-z_][a-z0-9_]*))\s*\((?P<levels2>\s*(?:(?:AC|DC)\s+[-+]?\.?\d"
                                r"[\d.]*\s*[munµ]?V?|[-+]?\.?\d[\d.]*\s*[munµ]?V\s+(?:AC|DC))\s+(?:\w+\s+)?source\b[^()]*)\)",
                                re.IGNORECASE)


def _source_node_asides(text: str, request: Request) -> None:
    """Sources called by the node they drive, their levels in their aside (_SOURCE_NODE_ASIDE)."""
    driven = {s.node for s in request.sources}
    for m in _SOURCE_NODE_ASIDE.finditer(text):
        levels = _stated_levels(m["levels"] or m["levels2"], "V")
        node = _node(m["n"] or m["n2"])
        if node not in driven and node not in _NOT_NODES | {"0"} and levels and "sin" not in levels:
            driven.add(node)
            dc, ac = levels.get("dc"), levels.get("ac")
            _place_source(request, m[0], node, dc if isinstance(dc, float) else None,
                          ac if isinstance(ac, float) else None)


def _place_source(request: Request, text: str, node: str, dc: float | None, ac: float | None) -> None:
    """A source said with its node: the unnamed one read with those levels and no node goes there, else one is
    added."""
    same = next((i for i, s in enumerate(request.sources) if s.node is None and not s.name and s.dc == dc
                 and s.ac == ac), None)
    if same is not None:
        request.sources[same] = dataclasses.replace(request.sources[same], node=node)
    else:
        request.sources.append(SourceConstraint(text, node, dc, ac))
    request.nodes += [node] if node not in request.nodes else []


_HIGH_WHEN = re.compile(r"(?<![\w.])(?-i:(?P<n>[a-z_][a-z0-9_]*))\s+(?:goes|is|turns|switches|stays|sits|drops|falls|"
                        r"snaps|flips|swings|rises|jumps)\s+"
                        r"(?:high|low)\s+(?:only\s+)?(?:when|while|whenever|if|once|as\s+long\s+as)\b", re.IGNORECASE)
_CROSSES = re.compile(r"\b(?:when|whenever|once|if|as\s+soon\s+as|while)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?"
                      r"(?-i:(?P<n>[a-z_][a-z0-9_]*))\s+"
                      r"(?:rises|falls|goes|crosses|climbs|drops|passes|gets|is|stays|sits)\s+(?:again\s+)?(?:past|above|"
                      r"below|over|under|through|beyond|between|inside|within|outside)\s+[-+]?\d", re.IGNORECASE)
_NODE_FIRST_OUTPUT = re.compile(r"(?:^|[,;:(]\s*|\.\s+|\band\s+)(?-i:(?P<n>[a-z][a-z0-9]*_[a-z0-9_]+))\s+(?:is\s+)?"
                                r"(?:the\s+|its\s+)?(?:[a-z][\w-]*\s+)?outputs?\b(?!\s+(?:of|to)\b)", re.IGNORECASE)
# A source said after the node it drives, its levels with their kind: "ap_in driven by 1 V AC", "hum_in is the 1 V AC
# input", "int_in AC 1 V source"
_LEVEL_KIND = r"(?:(?:AC|DC)\s+[-+]?\d[\d.]*\s*(?:m|u|µ)?V?|[-+]?\d[\d.]*\s*(?:m|u|µ)?V\s+(?:AC|DC))(?![\w.])"
_NODE_FIRST_SOURCE = re.compile(r"(?:^|[,;:(]\s*|\.\s+|\band\s+)(?-i:(?P<n>[a-z_][a-z0-9_]*))\s+"
                                r"(?:(?:is\s+)?(?:driven|fed|excited)\s+(?:by|with|from)\s+(?:an?\s+)?"
                                rf"(?P<l>{_LEVEL_KIND})|is\s+the\s+(?P<l2>{_LEVEL_KIND})\s+(?:input|source|signal)\b"
                                rf"|(?P<l3>{_LEVEL_KIND})\s+(?:source|input|signal)\b)", re.IGNORECASE)


def _node_first_sources(text: str, request: Request) -> None:
    """Sources said after the node they drive (_NODE_FIRST_SOURCE), placed as _place_source places them."""
    driven = {s.node for s in request.sources}
    for m in _NODE_FIRST_SOURCE.finditer(text):
        node = _node(m["n"])
        levels = _stated_levels(m["l"] or m["l2"] or m["l3"], "V")
        if node in driven or node in _NOT_NODES | {"0"} or _article(m, "n") or not levels:
            continue
        dc, ac = levels.get("dc"), levels.get("ac")
        dc, ac = dc if isinstance(dc, float) else None, ac if isinstance(ac, float) else None
        driven.add(node)
        _place_source(request, m[0].strip(" ,;:(."), node, dc, ac)


# A JFET's datasheet figures: "IDSS = 4 mA and Vp = -2 V", "pinch-off -3 V, Idss 10 mA"
_IDSS = re.compile(rf"\bI_?DSS\s*(?:=|:|of|is)?\s*(?P<v>{_QTY_TEXT}A)\b", re.IGNORECASE)
_PINCH_OFF = re.compile(rf"\b(?:V_?P|pinch[- ]?off(?:\s+voltage)?|VGS\s*\(\s*off\s*\))\s*(?:=|:|of|is|at)?\s*"
                        rf"(?P<v>[-+\u2212]?{_QTY_TEXT}V)\b", re.IGNORECASE)


def _jfet_datasheet(text: str, request: Request) -> None:
    """A JFET given by IDSS and its pinch-off voltage: the model's VTO (the pinch-off) and BETA (IDSS / VP²), as
    SPICE's square law writes them."""
    if not re.search(r"\bjfets?\b|\bnjf\b|\bpjf\b", text, re.IGNORECASE):
        return
    idss, pinch = _IDSS.search(text), _PINCH_OFF.search(text)
    if idss is None or pinch is None:
        return
    current, level = _quantities(idss["v"]), _quantities(pinch["v"].replace("\u2212", "-"))
    if not current or not level or level[0].value == 0:
        return
    vto = -abs(level[0].value) if not re.search(r"\bp-?channel\b|\bpjf\b", text, re.IGNORECASE) \
        else abs(level[0].value)
    # ("IDSS = 4 mA and Vp = -2 V": the pinch-off is the model's, no source VP)
    request.sources = [s for s in request.sources if not (s.name and s.name.upper() == "VP" and pinch[0] in s.text)]
    have = {p.name for p in request.model_params}
    request.model_params += [p for p in (ModelParam(pinch[0], "vto", vto),
                                         ModelParam(idss[0], "beta", current[0].value / vto ** 2))
                             if p.name not in have]


def _probed_levels(text: str, request: Request) -> None:
    """Levels written as node voltages of sources the sentence states (_PROBED_LEVEL)."""
    driven = {s.node for s in request.sources}
    for m in _PROBED_LEVEL.finditer(text):
        lo, hi = _sentence(text, m.start())
        node = _node(m["n"])
        if node in driven or node in (request.output, "0") or not re.search(
                r"\b(?:sources?|held|applied|driven)\b", text[lo:hi], re.IGNORECASE) or re.search(
                r"\b(?:should|want|wanted|target|expect\w*|needs?|must)\b", text[lo:hi], re.IGNORECASE):
            continue
        driven.add(node)
        request.sources.append(SourceConstraint(m[0], node, _quantities(m["v"])[0].value))
        request.nodes += [node] if node not in request.nodes else []


def _held_nodes(text: str, request: Request) -> None:
    driven = {s.node for s in request.sources}
    for m in list(_RAIL_ALIAS.finditer(request.description)) + list(_HELD_NODE.finditer(text)):
        node = _node(next(n for n in (m["n"], *(m.groupdict().get(g) for g in ("n2", "n3"))) if n))
        level = [q for q in _quantities(m["what"] if "what" in m.groupdict() else m["v"] or m["v2"]) if q.unit == "V"]
        if node in driven or node == "0" or node in _NOT_NODES or not level:
            continue
        driven.add(node)
        request.sources.append(SourceConstraint(m[0], node, level[0].value, name=m.groupdict().get("src"),
                                                supply=bool(re.search(r"rail|supply|^off\b", m[0], re.IGNORECASE))
                                                or node in ("vdd", "vcc")))


# "a 100 mA current source into node x", "a current source of 20 µA feeding node in"
# ("an AC 1 mA current source into node tank", "drive it with 1 mA AC current into tank": its AC level)
_CURRENT_SOURCE = re.compile(rf"(?:(?P<ac>\bAC\s+)?(?P<q>{_QTY_TEXT}A)\s+(?:DC\s+|(?P<ac2>AC)\s+)?(?:constant[- ])?"
                             r"current(?:\s+source|(?=\s+into\b))|"
                             rf"\b(?P<ac3>AC\s+)?current\s+source\s+(?:of\s+)?(?P<q2>{_QTY_TEXT}A)"
                             # "test it with 0.5 mA into in": a current said with what it is pushed into
                             rf"|\bwith\s+(?:an?\s+)?(?P<q3>{_QTY_TEXT}A)(?=\s+(?:DC\s+)?into\b)"
                             # "reference current 100 uA into g": the current named first, then its level
                             rf"|\bcurrent\s+(?:of\s+)?(?P<q4>{_QTY_TEXT}A)(?=\s+(?:DC\s+)?into\b)"
                             # "fed with 1 mA from a current source into node dj": the level, then the source
                             rf"|(?P<q5>{_QTY_TEXT}A)\s+(?:DC\s+)?from\s+(?:an?\s+|the\s+)?(?:constant[- ])?"
                             r"current\s+source)\b[^,;.]*?"
                             r"\b(?:into|feeding|feeds|drives|supplies|pushing\s+(?:into|current\s+into)|driving|at|on)"
                             r"\s+(?:the\s+)?(?:node\s+)?"
                             r"(?P<n>[a-z_]\w*)\b", re.IGNORECASE)


# "Drive tk1 with an AC 1 mA current source": the node first, then the current source it is driven with
_DRIVEN_CURRENT = re.compile(r"\b(?:drive|drives|driving|feed|feeds|feeding|excite|excites)\s+(?:node\s+)?"
                             r"(?P<n>[a-z_]\w*)\s+(?:with|from|using)\s+(?:an?\s+)?(?P<ac>AC\s+)?"
                             rf"(?P<q>{_QTY_TEXT}A)\s+(?:DC\s+|(?P<ac2>AC)\s+)?(?:constant[- ])?"
                             r"current(?:\s+source)?\b",
                             re.IGNORECASE)


# "sinks 2 mA from node a", "pulls current out of node y", "draws its current from x": current taken out of a node
_SINKS = re.compile(r"\b(?:sinks?|sinking|sunk|draws?|drawing|drawn|pulls?|pulling|pulled|takes?|taking|taken|"
                    r"removes?|removing|removed)\b"
                    # ("out of the summing node tia_n": the node's role word before "node")
                    r"(?:\s+(?!from\b|out\b)[^\s,;]+){0,4}?\s+(?:from|out\s+of)\s+(?:the\s+)?"
                    r"(?:(?:summing|input|output|inverting|virtual[- ]ground)\s+(?=node\b))?(?:node\s+)?"
                    r"(?P<n>[a-z_]\w*)\b", re.IGNORECASE)
_CURRENT_SINK = re.compile(rf"(?:(?P<q>{_QTY_TEXT}A)\s+(?:DC\s+)?(?:constant[- ])?current\s+(?:source|sink)|"
                           rf"\bcurrent\s+(?:source|sink)\s+(?:of\s+)?(?P<q2>{_QTY_TEXT}A))\b[^,;.]*?(?=\b(?:sink|draw|pull|"
                           r"tak|remov))", re.IGNORECASE)


# "a 10 µF capacitor from out to ground charged by a constant 1 mA": a current source into the part's node
# ("a diode D1 (anode fa) fed 1 mA by a current source": the level first)
_FED_CURRENT = re.compile(r"\b(?:charged|charging|fed|driven|supplied|excited|biased)\s+"
                          rf"(?:(?:by|with|from)\s+(?:an?\s+)?(?:constant\s+|steady\s+|dc\s+)?(?P<q>{_QTY_TEXT}A)\b(?:\s+(?:dc\s+)?current)?"
                          r"(?:\s+source)?"
                          rf"|(?P<q2>{_QTY_TEXT}A)\s+(?:dc\s+)?(?:by|from)\s+(?:an?\s+|the\s+)?(?:constant\s+|dc\s+)?"
                          r"current\s+source\b)", re.IGNORECASE)


def _current_sources(text: str, request: Request) -> None:
    """Current sources the request states without a name, pushing their current into a node, or drawing it out of
    one ("a 2 mA current source draws current from node a": from a to ground)."""
    found: list[tuple[re.Match, str, str, str | None]] = [(m, m[0], _node(m["n"]), None)
                                                          for m in _CURRENT_SOURCE.finditer(text)]
    found += [(m, text[m.start():sunk.end()], "0", _node(sunk["n"])) for m in _CURRENT_SINK.finditer(text)
              if (sunk := _SINKS.match(text, m.end())) and not _article(sunk, "n")]
    for m in _DRIVEN_CURRENT.finditer(text):
        found.append((m, m[0], _node(m["n"]), None))
        # (read as a voltage source's AC level before: the current source it is)
        request.sources = [s for s in request.sources if not (s.kind == "V" and not s.name and m[0] in s.text)]
    for m, said, node, drawn in found:
        if (drawn or node) in _NOT_NODES or (drawn or node) == "0" or (drawn is None and _article(m, "n")) or any(
                s.kind == "I" and (s.node, s.minus) == (node, drawn) for s in request.sources) \
                or _DESIGNATOR.search(m[0]) or any(  # ("a 12 uA current source IPD pushing ...": IPD's words)
                    s.name and s.kind == "I" and (at := text.find(s.text)) >= 0 and at < m.end()
                    and m.start() < at + len(s.text) for s in request.sources):
            continue  # a named one is read with its name
        level = _quantities(m["q"] or m["q2"] or m.groupdict()["q3"] or m.groupdict()["q4"]
                            or m.groupdict()["q5"])[0].value
        ac = "ac" in m.groupdict() and bool(m["ac"] or m["ac2"] or m.groupdict().get("ac3"))  # "an AC current
        # source of 10 µA"
        # ("a 20 uA current source Iph pulling current out of ...": its name in mixed case, after its noun)
        named = re.search(r"\b(?:source|sink)\s+(?P<n>(?-i:I_?[a-z][A-Za-z0-9_]*))\b", said, re.IGNORECASE)
        request.sources.append(SourceConstraint(said, node, None if ac else level, level if ac else None, kind="I",
                                                minus=drawn, name=named["n"] if named else None))


def _fed_currents(text: str, request: Request) -> None:
    """"a 10 µF capacitor from out to ground charged by a constant 1 mA": a current source pushing into the one node
    (not ground) of the part placed just before it in its sentence."""
    for m in _FED_CURRENT.finditer(text):
        lo = _sentence(text, m.start())[0]
        part = next((e for e in reversed(request.elements) if e.placed() and lo <= text.find(e.text) < m.start()), None)
        live = [n for n in part.placed() if n != "0"] if part else []
        if len(live) == 1 and not any(s.kind == "I" and s.node == live[0] for s in request.sources):
            request.sources.append(SourceConstraint(m[0], live[0], _quantities(m["q"] or m["q2"])[0].value, kind="I"))


def _input_pulses(text: str, request: Request) -> None:
    """Pulses stated input by input: "inputs a and b: a pulses 0 to 1.8 V with 10 ns delay, 10 ns width and
    20 ns period; b with 20 ns delay, ..." (an input that states only its timing keeps the levels before it)."""
    inputs = {_node(m[k]) for m in _NODE_PAIR.finditer(text) if m[0].lower().startswith("input") for k in "ab"}
    inputs |= {request.input} if request.input else set()
    driven = {s.node for s in request.sources}
    # the levels a pulse stated before (the first input's, read with the other sources) lend theirs to the next
    levels: tuple[float | None, ...] | None = next((s.pulse[:2] for s in reversed(request.sources) if s.pulse), None)
    # "a: pulses ...; b with ...", and one sentence for two ("drive x with a 0/3.3 V pulse, ..., and y with ...")
    said = list(re.finditer(r"(?:^|[:;,]\s*(?:and\s+)?|\b(?:drive|and)\s+|\bpulse\s+(?=\w+\s+from\b))"
                            r"(?P<n>[a-z_]\w*)\s+(?:pulses|gets\s+a\s+pulse|with|from)\b(?=(?P<rest>[^;]*))", text,
                            re.IGNORECASE))
    for m, after in zip(said, [*said[1:], None]):
        node = _node(m["n"])
        if node not in inputs or node in driven:
            continue
        rest = m["rest"]
        if after is not None and after.start() < m.end("rest"):
            # its own words, then those said after the next input's first phrase ("..., both starting high, 50 ps
            # edges"): the figures its own words leave open (the first of each figure is read)
            rest = f"{text[m.start('rest'):after.start()]}, {after['rest'].partition(',')[2]}"
        if not _PULSE_WORDS.search(rest) and re.search(r"\b(?:then|until|till|followed\s+by)\b", rest, re.IGNORECASE):
            continue  # "drive a with 0 V then 5 V from 1 ms on": levels one after another, drives.py's steps
        if re.search(r"\btriang\w*|\bsaw\w*|\bsin\w*", rest.split(",")[0], re.IGNORECASE):
            continue  # "drive in with a 0-5 V triangle at 100 Hz": no pulse (the family's own wave at those levels)
        if any(q.unit == "V" for q in _quantities(rest)):
            words = f"pulse {rest}"
        elif levels is not None:  # "b with 20 ns delay, 20 ns width and 40 ns period": the levels stated before
            words = f"pulse {levels[0]:g} to {levels[1]:g} V {rest}"
        else:
            continue
        pulse = _pulse(words, "V")
        if pulse is None:
            continue
        levels = pulse[:2]
        driven.add(node)
        request.sources.append(SourceConstraint(f"{m['n']} {rest.strip()}", node, pulse=pulse))


_BESIDE = re.compile(r"\b(?:across|(?:in\s+)?parallel\s+(?:with|to))\s+(?:(?P<it>it|that(?:\s+one)?)\b|(?:the\s+)?"
                     r"(?:(?P<kind>resistor|capacitor|cap|inductor|coil|diode)\s*)?(?P<name>[RCLD]\w*)?\b(?!\s+and\b))",
                     re.IGNORECASE)


def _beside(text: str, elements: list[ElementConstraint]) -> None:
    """Parts placed by another: "R1 = 10 Ω across C1", "C2 in parallel with R2", "R3 across the capacitor",
    "RL = 2k across it" (the part stated just before) take that part's nodes (a kind word counts when one part of
    that kind is placed); "R4 = 1k from a to 0 in parallel with R5 = 2k" gives R4's nodes to R5."""
    for i, element in enumerate(elements):
        at = text.find(element.text)
        # its own words, and those up to the next comma ("R1 = 10 Ω across" stops where C1's words begin)
        words = text[at:at + len(element.text)] + text[at + len(element.text):].split(",")[0] if at >= 0 else ""
        m = _BESIDE.search(words)
        if m and m["it"] and not element.nodes:
            before = [e for e in elements[:i] if e.kind in "RCLD" and len(e.placed()) == 2]
            if before:
                elements[i] = dataclasses.replace(element, nodes=before[-1].placed())
            continue
        later = [j for j, e in enumerate(elements) if j > i and m and m["name"]
                 and (e.name or "").upper() == m["name"].upper() and e.nodes is None and e.kind in "RCLD"]
        if later and len(element.placed()) == 2 and element.kind in "RCLD":
            elements[later[0]] = dataclasses.replace(elements[later[0]], nodes=element.placed())
            continue
        if element.nodes or not m or not (m["kind"] or m["name"]):
            continue
        # a name is one of the stated parts' ("in parallel with RL"), else a plain word ("across the load")
        other = [e for e in elements if (e.name or "").upper() == (m["name"] or "").upper()]
        if not other and m["kind"]:
            kind = "C" if m["kind"].lower().startswith("cap") else "L" if m["kind"].lower() in ("inductor", "coil") \
                else m["kind"][0].upper()
            other = [e for e in elements if e.kind == kind and e is not element and e.placed()]
        # (a part named twice, "C1 = 10 nF from n to tri ... across C1 (n to tri)", is one part)
        ends = {o.placed() for o in other if o is not element}
        if len({o.name or id(o) for o in other}) == 1 and len(ends) == 1 and len(next(iter(ends))) == 2:
            elements[i] = dataclasses.replace(element, nodes=next(iter(ends)))


# "into node z, the cathode of a 3.3 V zener whose anode is grounded", "into the cathode (node kz) of a 4.7 V zener
# (anode grounded)": a diode placed by one pin's node, named before it, and its other pin's words after it
_PIN_OF = re.compile(r"(?:\b(?:node\s+)?(?P<n>[a-z_]\w*)\s*,\s*(?:which\s+is\s+)?the\s+(?P<pin>cathode|anode)"
                     r"|\bthe\s+(?P<pin2>cathode|anode)\s*\(\s*node\s+(?P<n2>[a-z_]\w*)\s*\))"
                     r"\s+of\s+(?:an?|the)\s+(?:[\w.-]+\s+){0,3}?(?:zener|diode|led)\b(?:[^.;]|\.\d)*",
                     re.IGNORECASE)
_OTHER_PIN = re.compile(r"\b(?P<pin>cathode|anode)\s+(?:is\s+)?(?:(?P<g>grounded|to\s+ground|at\s+ground|on\s+ground)"
                        r"|(?:at|on|to)\s+(?:node\s+)?(?P<n>[a-z_]\w*))", re.IGNORECASE)


# "a forward-biased diode fed with 1 mA from a current source into node dj": the diode from the node it is fed at to
# ground, its anode there (its cathode, reverse-biased)
_FED_DIODE = re.compile(r"\b(?P<way>forward|reverse)?(?:[- ]biased\s+)?(?:zener\s+)?diode\b[^.;]*?"
                        r"\b(?:fed|driven|biased)\b[^.;]*?\binto\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)


def _pin_placed_diodes(text: str, request: Request) -> None:
    """A diode the request places by naming a node as one of its pins ("node z, the cathode of a zener") and its
    other pin after it ("whose anode is grounded"), or by the node a current source feeds it at, in a request that
    states no diode otherwise."""
    if any(e.kind == "D" for e in request.elements):
        return
    fed = _FED_DIODE.search(text)
    if fed and any(s.kind == "I" and s.node == _node(fed["n"]) for s in request.sources):
        node = _node(fed["n"])
        reverse = (fed["way"] or "").lower() == "reverse"
        request.elements.append(ElementConstraint(fed[0].strip(), "D", None, ("0", node) if reverse else (node, "0")))
        return
    for m in _PIN_OF.finditer(text):
        pin, node = (m["pin"] or m["pin2"]).lower(), m["n"] or m["n2"]
        other = next((o for o in _OTHER_PIN.finditer(m[0]) if o["pin"].lower() != pin), None)
        if node.lower() in _NOT_NODES or other is None or (other["n"] and other["n"].lower() in _NOT_NODES):
            continue
        far = "0" if other["g"] else _node(other["n"])
        ends = (_node(node), far) if pin == "anode" else (far, _node(node))
        request.elements.append(ElementConstraint(m[0].strip(), "D", None, ends))
        request.nodes += [n for n in ends if n != "0" and n not in request.nodes]


def _zeners(text: str, request: Request) -> None:
    """A zener placed by its ends alone ("a 5.1 V zener from reg to ground") clamps its node: its cathode there, its
    anode at ground (a diode's own order, anode first, holds when its pins are named); its voltage said just before
    its words ("a 5.1 V zener") joins them."""
    for i, e in enumerate(request.elements):
        if e.kind != "D" or not re.search(r"\bzener", e.text, re.IGNORECASE):
            continue
        at = text.find(e.text)
        own = re.split(r";|\.(?:\s|$)", e.text)[0]  # its own statement ("...; VB = 15 V at vb" is another's)
        volts = re.search(r"(?<![\w.])\d+(?:\.\d+)?\s*V\s+(?:zener\s+)?$", text[max(0, at - 12):at]) if at > 0 else None
        if volts and not re.search(r"(?<![\w.])\d+(?:\.\d+)?\s*V\b", own):
            e = request.elements[i] = dataclasses.replace(e, text=volts[0] + own)
        if e.nodes and len(e.nodes) == 2 and e.nodes[1] == "0" and e.nodes[0] not in (None, "0") \
                and not re.search(r"\b(?:anode|cathode)s?\b", e.text, re.IGNORECASE):
            request.elements[i] = dataclasses.replace(e, nodes=("0", e.nodes[0]))


# The kind nouns of the devices a request may state unnamed, by their letter ("Vbe multiplier (rubber diode)": a
# circuit's other name, not a diode; a bare "transistor" may be of either kind: not read)
_DEVICE_NOUNS = {"D": r"(?<!rubber )(?<!amplified )\b(?:(?:zener|led|light[- ]emitting)(?:\s+diode)?|diode)\b",
                 "Q": r"\b(?:npn|pnp|bjt|bipolar\s+transistor)\b",
                 "M": r"\b(?:nmos|pmos|mosfet|[np]-channel\s+mosfet)\b"}


def _unnamed_devices(text: str, request: Request) -> None:
    """"a diode from out to ground, cathode at ground", "an NPN transistor with collector at c, base at b and emitter
    grounded": devices of a kind, unnamed, in a request that names none of that kind, placed by their pins and ends
    as a named one is; one of each sort ("a red LED from a to ground and a zener from b to 0": two parts), said twice
    ("an LED ... the LED from a to ground") where one of the mentions places it."""
    for kind, nouns in _DEVICE_NOUNS.items():
        named = [e for e in request.elements if e.kind == kind]
        # beside named ones ("D1 from out to 0 and a green LED from in to 0"), a new part of its own: said with an
        # article ("Diode I-V curve: ... diode D1" names the circuit), not in a named one's words ("D1 is a red LED"),
        # nor "the LED" that says a named one again
        words = [w for w in re.finditer(nouns, text, re.IGNORECASE) if not named or not (
            any(text.find(e.text) <= w.start() < text.find(e.text) + len(e.text) for e in named)
            or not re.search(r"\b(?:an?|another|one)\s+(?:[\w.-]+\s+){0,2}$", text[:w.start()], re.IGNORECASE)
            # "Diode D1 fed from ...", "D1 (an LED)": the named one's noun
            or any(d["name"][0].upper() == kind and (0 <= d.start() - w.end() <= 12 or 0 <= w.start() - d.end() <= 12)
                   for d in _DESIGNATOR.finditer(text)))]
        found = [e for e in named if e.placed()]
        for sort in dict.fromkeys(w[0].split()[0].lower() for w in words):  # "zener diode": a zener
            device = _unnamed_device(text, [w for w in words if w[0].split()[0].lower() == sort], words, kind)
            if device is not None and all(d.placed() != device.placed() for d in found):  # "an NPN BJT": one part
                found.append(device)
        request.elements += found[len([e for e in named if e.placed()]):]


def _unnamed_device(text: str, mentions: list[re.Match], words: list[re.Match], kind: str) -> ElementConstraint | None:
    """The one device that `mentions` (of one sort, among all the kind's `words`) state and place, if they do."""
    placed = []  # "a green LED at 12 mA ... and the LED from a to ground": one LED, placed where it is
    for word in mentions:
        hi = min([e.start() for e in re.finditer(r"\.(?:\s|$)", text) if e.start() >= word.end()] + [len(text)]
                 + [w.start() for w in words if w.start() > word.start()]  # up to the next mention or part
                 + [m.start() for m in _UNNAMED.finditer(text, word.end())])
        # another part's value ends its words ("Zener reference: 1k from sup to zr"), a model figure does not
        values = [word.end() + q.start for q in _quantities(text[word.end():hi])
                  if (q.unit in ("ohm", "F", "H") or not q.unit and q.scaled)
                  and not re.search(r"=\s*$", text[:word.end() + q.start])]
        stop = min([m.start() for m in _DESIGNATOR.finditer(text, word.end(), hi)] + [hi] + values)
        device = _element(text, word.start(), stop, kind, word.start())
        if len(words) == 1 and kind == "Q" and (device is None or len(device.placed()) != len(_TERMINALS[kind])):
            # the one transistor, its pins said in sentences of their own ("npn BF 200. collector c through 1k to vcc,
            # base b ..., emitter gnd"): pin words no other kind has, wherever they stand (a diode's ends are no pins:
            # "Zener regulator from 15 V ... a 310 ohm load from vreg to ground" places no diode)
            device = _element(text, 0, len(text), kind, word.start())
            device = device and dataclasses.replace(device, text=text[word.start():stop].strip(" ,;."))
        # placed on every pin ("NPN pass transistor: 5 V at out ... from out to ground" gives a pair, no pins)
        placed += [device] if device is not None and len(device.placed()) == len(_TERMINALS[kind]) else []
    # one placing mention: the others name the circuit ("Zener reference: ... zener from zr to ground") or say it
    # again ("the LED"); "another diode" is a second part
    noun = re.escape(mentions[0][0].split()[0]) if mentions else ""
    again = re.search(rf"\bthe\s+{noun}\b", text, re.IGNORECASE)
    second = re.search(rf"\b(?:another|other|second|two|both|each)\s+(?:\w+\s+)?{noun}\b", text, re.IGNORECASE)
    if len({d.placed() for d in placed}) == 1 and (len(mentions) == 1 or again or len(placed) == 1 and not second):
        return dataclasses.replace(placed[0], name=None)
    return None


def _pin_named_nodes(elements: list[ElementConstraint]) -> None:
    """"R1 from vcc to base ... Q1 with its base at b": a node named after a pin is that pin's node, on the one
    device of that pin; a device that leaves the pin open takes the node so named."""
    for pin in _PIN_NODES:
        devices = [i for i, e in enumerate(elements) if pin in _TERMINALS.get(e.kind, ())]
        if len(devices) != 1 or not any(pin in (e.nodes or ()) for e in elements if e.kind not in _TERMINALS):
            continue
        device = elements[devices[0]]
        at = _TERMINALS[device.kind].index(pin)
        nodes = list(device.nodes or [None] * len(_TERMINALS[device.kind]))
        if nodes[at] is None or nodes[at] == pin:
            nodes[at] = pin
            if device.kind == "M" and at == 2 and nodes[3] is None:  # the bulk, unstated, sits on the source
                nodes[3] = pin
            elements[devices[0]] = dataclasses.replace(device, nodes=tuple(nodes))
            continue
        for i, e in enumerate(elements):
            if e.kind not in _TERMINALS and pin in (e.nodes or ()):
                elements[i] = dataclasses.replace(e, nodes=tuple(nodes[at] if n == pin else n for n in e.nodes or ()))


def _part_ends(text: str) -> list[str]:
    """The nodes a part is placed between even when its value is left open ("a series resistor from vcc to a",
    "the LED from a to ground"): nodes the answer must have."""
    ends: list[str] = []
    for word in re.finditer(r"\b(?:resistors?|capacitors?|caps?|inductors?|coils?|diodes?|leds?|zeners?)\b", text,
                            re.IGNORECASE):
        stop = next((m.start() for m in re.finditer(r"[,;]|\.(?:\s|$)|\band\b", text[word.end():])), len(text))
        ends += [n for n in _pair(text[word.end():word.end() + stop], 0) or () if n != "0"]
    return ends


def _known_ends(elements: list[ElementConstraint]) -> None:
    """A part's ends said "from x to y" where a word of English is a node another part's pins sit on ("M2 ... source
    and bulk on so; RS2 = 10k from so to ground"): that node, as the pins place it."""
    known = {n for e in elements for n in e.placed()}
    for i, e in enumerate(elements):
        ends = re.search(r"\bfrom\s+(?:node\s+)?(?P<a>[a-z_]\w*)\s+to\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b", e.text,
                         re.IGNORECASE) if e.nodes is None and e.kind in "RCL" else None
        pair = (_node(ends["a"]), _node(ends["b"])) if ends else ()
        if pair and all(n in known or n == "0" for n in pair) and pair[0] != pair[1]:
            elements[i] = dataclasses.replace(e, nodes=pair)


def _listed_together(text: str, elements: list[ElementConstraint]) -> None:
    """"C1 = 2.2 nF and C2 = 6.8 nF, both from top to ground", "R1, R2 and R3 = 1k, all from a to b": parts listed
    one after another take the nodes that the last one states for them all, within one sentence."""
    for i, last in enumerate(elements):
        before = elements[i - 1] if i else None
        together = re.search(r"\b(?:both|each|all(?:\s+\w+)?)\s+(?:from|between|across|to)\b", last.text, re.IGNORECASE)
        # "R2 = 1k in series with C1 = 100 nF from out to ground": the two make one path between the nodes said
        series_with = bool(before and re.search(r"\bin\s+series\s+with$", before.text, re.IGNORECASE))
        if last.nodes and not together and before and before.nodes is None and before.value is not None \
                and before.kind in "RCL" and last.kind in ("RCLD" if series_with else "RCL") \
                and (series_with or re.search(r"\band$", before.text)) \
                and not re.search(r"\b(?:from|between)\s+\S+\s+(?:to|and)\b", before.text, re.IGNORECASE):
            # (a part whose own words place it, even where they were not read, shares no ends)
            # "RL = 1k and C1 = 100 uF from out to ground": a part joined by "and" to the next shares its ends; "L1 10
            # mH and C1 1 uF in series from trap to ground": one after the other, through a node of their own
            a, b = last.nodes[0], last.nodes[-1]
            if (series_with or re.search(r"\bin\s+series\b(?!\s+with)", last.text, re.IGNORECASE)) \
                    and None not in (a, b):
                # the node between them as the sentence names it ("meeting at node m", "the junction j"), else one
                # of their own
                said = _CHAIN_NODES.search(text, *_sentence(text, max(0, text.find(last.text))))
                named = [n for n in re.findall(r"[a-z_]\w*", said["n"] or said["m"] or said["j"]) if n != "and"] \
                    if said else []
                joint = _node(named[0]) if len(named) == 1 and named[0].lower() not in _NOT_NODES else \
                    f"{before.name or before.kind}_{last.name or last.kind}".lower()
                for k, split in ((i - 1, (a, joint)), (i, (joint, b))):
                    name = elements[k].name
                    for j, other in enumerate(elements):  # "R20 across C9": the part across one of them follows it
                        at = text.find(other.text)
                        words = other.text + text[at + len(other.text):].split(",")[0] if at >= 0 else other.text
                        beside = _BESIDE.search(words)
                        if name and beside and (beside["name"] or "").upper() == name.upper() and other.nodes in (
                                (a, b), (b, a)):
                            elements[j] = dataclasses.replace(other, nodes=split)
                    elements[k] = dataclasses.replace(elements[k], nodes=split)
            else:
                elements[i - 1] = dataclasses.replace(before, nodes=last.nodes)
            continue
        if not (last.nodes and together):
            continue
        j = i
        while j > 0 and elements[j - 1].nodes is None and elements[j - 1].kind in "RCLD" and \
                ". " not in text[text.find(elements[j - 1].text):text.find(last.text)]:
            j -= 1
        for k in range(j, i):
            elements[k] = dataclasses.replace(elements[k], nodes=last.nodes)


_COUNTS = {"two": 2, "three": 3, "four": 4, "both": 2}
# "two resistors from top to ground, r1 3k and r2 6k": a group placed first, its parts named after
_GROUP = re.compile(r"\b(?P<n>two|three|four|both|[2-4])\s+(?:(?:equal|identical|parallel)\s+)?(?P<kind>resistors|"
                    r"capacitors|caps|inductors|coils)\s+(?:(?:each|all|both)\s+)?(?=from|between|across)",
                    re.IGNORECASE)


def _named_after_group(text: str, elements: list[ElementConstraint]) -> None:
    """"two resistors from top to ground, r1 3k and r2 6k": the parts of a group placed between two nodes, named
    after it in its sentence with their values alone, take its nodes (when their number is the group's)."""
    for m in _GROUP.finditer(text):
        end = re.compile(r"\.(?:\s|$)|;").search(text, m.end())
        nodes = _pair(text[m.end():end.start() if end else len(text)].split(",")[0], 0)
        kind = "C" if m["kind"].lower().startswith("ca") else m["kind"][0].upper()
        later = [i for i, e in enumerate(elements) if e.kind == kind and e.nodes is None and e.value is not None
                 and m.end() <= text.find(e.text) < (end.start() if end else len(text))]
        count = _COUNTS.get(m["n"].lower()) or int(m["n"])
        if nodes and len(later) == count:
            for i in later:
                elements[i] = dataclasses.replace(elements[i], nodes=nodes)


# "from op to ground two caps in parallel, 470nF and 0.0022 uF": a group of unnamed parts, its values listed
_GROUP_OF = re.compile(r"\b(?P<n>two|three|four|[2-4])\s+(?:(?:equal|identical|parallel)\s+)?(?P<kind>resistors|"
                       r"capacitors|caps|inductors|coils)\b(?:\s+(?:in\s+parallel|each|all|both))?", re.IGNORECASE)


def _group_values(text: str, request: Request) -> None:
    """"from op to ground two caps in parallel, 470nF and 0.0022 uF", "two resistors between a and b: 1k and 2.2k":
    a group of unnamed parts placed between two nodes (said before or after it), then their values one by one,
    as many as the group counts: each part between those nodes."""
    for m in _GROUP_OF.finditer(text):
        lo, hi = _sentence(text, m.start())
        phrase = max([lo] + [b.end() for b in re.finditer(r"[,;:]", text[:m.start()])])
        nodes = _pair_before(text, m.start()) if re.match(r"\s*(?:from|between|across)\b", text[phrase:m.start()],
                                                          re.IGNORECASE) else None
        rest = text[m.end():hi]
        nodes = nodes or _pair(re.split(r"[,;:]", rest)[0], 0)
        kind = "C" if m["kind"].lower().startswith("ca") else m["kind"][0].upper()
        values = [q for q in _quantities(rest) if UNIT_KIND.get(q.unit) == kind or (not q.unit and q.scaled)]
        count = _COUNTS.get(m["n"].lower()) or int(m["n"])
        if nodes is None or len(values) != count or _DESIGNATOR.search(rest) or any(
                e.kind == kind and e.value in [q.value for q in values] for e in request.elements):
            continue
        ends = [nodes] * count
        if re.search(r"\bin\s+series\b", text[phrase:hi], re.IGNORECASE):  # "two resistors in series ..., the tap at t"
            tap = re.search(r"\b(?:tap|midpoint|junction|middle)\s+(?:node\s+)?(?:is\s+|at\s+|=\s*)?(?:node\s+)?"
                            r"(?P<n>[a-z_]\w*)", text[phrase:hi], re.IGNORECASE)
            if count != 2 or tap is None or tap["n"].lower() in _NOT_NODES:
                continue  # in series with no node named between them: not read
            ends = [(nodes[0], _node(tap["n"])), (_node(tap["n"]), nodes[1])]
        request.elements += [ElementConstraint(f"{m[0]} {q.text}", kind, None, pair, q.value, q.text)
                             for q, pair in zip(values, ends)]
        request.nodes += [n for n in dict.fromkeys(n for pair in ends for n in pair)
                          if n != "0" and n not in request.nodes]


# Parts in a row between two ends, with the nodes between them named: "two 10k resistors in series from a to ground,
# the midpoint m", "a 10k then a 4.7k in series from in to ground, the junction called j", "10k (R1, R2) form a
# divider from vin through mid to ground", "three 1k resistors in series from vin to ground with nodes n1 and n2
# between them"
_CHAIN_ENDS = re.compile(r"\bfrom\s+(?:(?:the\s+)?(?:[a-z]+\s+)?node\s+)?(?P<a>[a-z_]\w*)\s+"
                         r"(?:(?:through|via)\s+(?:nodes?\s+)?"
                         r"(?P<via>[a-z_]\w*(?:\s*(?:,|and|then)\s*(?:node\s+)?[a-z_]\w*)*)\s+"
                         # ("a divider from in to out to ground": each node in turn)
                         r"|to\s+(?:node\s+)?(?P<via2>[a-z_]\w*)\s+(?:and\s+)?(?:then\s+)?(?=(?:down\s+)?to\s))?"
                         r"(?:down\s+)?to\s+(?:node\s+)?(?P<b>[a-z_]\w*|0\b)", re.IGNORECASE)
_CHAIN_NODES = re.compile(r"\bnodes?\s+(?P<n>[a-z_]\w*(?:\s*(?:,|and)\s*[a-z_]\w*)*)\s+(?:in\s+)?between\s+them\b"
                          r"|\b(?:mid-?point|junction|tap|middle|cent(?:er|re))\s+(?:node\s+)?(?:is\s+|at\s+|called\s+|"
                          r"named\s+|=\s*)?(?:node\s+)?(?P<m>[a-z_]\w*)"
                          r"|\b(?:meet(?:ing|s)?|joined|join(?:ing|s)?)\s+at\s+(?:node\s+)?(?P<j>[a-z_]\w*)",
                          re.IGNORECASE)
_CHAIN_GROUP = re.compile(rf"\b(?P<n>two|three|four|[2-4])\s+(?:equal\s+|identical\s+)?"
                          rf"(?P<q>{_QTY_TEXT}(?:Ω|Ω|ohms?|F|H)?)?"
                          r"\s*(?P<kind>resistors|capacitors|caps|inductors)\b", re.IGNORECASE)
_COUNTED = {"two": 2, "three": 3, "four": 4}


def _series_chain(text: str, request: Request) -> None:
    """Parts stated in a row from one node to another, the nodes between them named (by "through", "nodes ... between
    them" or "the midpoint/junction/tap"): each part from one node of the row to the next, in the order stated. The
    parts are a counted group of one value, values in order, or names."""
    for sentence in re.finditer(r"(?:[^;.]|\.(?=\d))+", text):
        said = sentence[0]
        ends = _CHAIN_ENDS.search(said)
        if ends is None or any(_not_node(ends, g, True) or _article(ends, g) for g in ("a", "b")):
            continue
        mids = [_node(n) for n in re.findall(r"[a-z_]\w*", ends["via"] or ends["via2"] or "", re.IGNORECASE)
                if n.lower() not in ("and", "then", "node")]
        if not mids and re.search(r"\bin\s+series\b|\bdivider\b|\bthen\b", said, re.IGNORECASE):
            mids = [_node(n) for m in _CHAIN_NODES.finditer(said)
                    for n in re.findall(r"[a-z_]\w*", m["n"] or m["m"] or m["j"])
                    if n.lower() != "and"]
        if not mids or any(n in _NOT_NODES or n == "0" for n in mids):
            continue
        row = [_node(ends["a"]), *mids, _node(ends["b"])]
        links = {frozenset(pair) for pair in zip(row, row[1:])} | {frozenset((row[0], row[-1]))}
        head = said[:ends.start()]
        # the parts' names: designators, and names in capitals listed together ("4.7k (RA, RB)", "RA and RB")
        names = list(dict.fromkeys(m[0] for m in re.finditer(
            r"(?<![\w.])(?!(?:RC|RL|LC|RLC)\b)(?:[RCL][A-Z0-9_]*|[RCLrcl]\d+\w*)(?![\w])", head)))
        group = _CHAIN_GROUP.search(head)
        old = [e for e in request.elements if e.kind in "RCL" and e.text and e.text in said]
        # (a bare figure is a resistor's, unless a counted group names the kind: "three caps ..., 10n each")
        figures = [q for q in _quantities(said[group.end():] if group else head) if q.unit in ("ohm", "F", "H") or (
            not q.unit and q.scaled and (group or q.text[-1:] in "kKgG0123456789"))]
        if names:  # "10k (R1, R2)", "R1 and R2 (10k each)": a value each of their own, else the one value said
            known = {(e.name or "").upper(): e for e in old if e.name}
            found = [known.get(n.upper()) or ElementConstraint(n, n[0].upper(), n, None, figures[0].value,
                                                               figures[0].text) if len(figures) == 1 else
                     known.get(n.upper()) for n in names]
            chain = [p for p in found if p is not None and p.value is not None and p.kind in "RCL" and (
                p.nodes is None or frozenset(p.nodes) in links)]
            if len(chain) != len(found):
                continue
        elif group:  # "three 1k resistors", "two resistors ..., 1k and 2k"
            kind = "C" if group["kind"].lower().startswith("ca") else group["kind"][0].upper()
            count = _COUNTED.get(group["n"].lower()) or int(group["n"])
            qs = _quantities(group["q"]) * count if group["q"] else figures * count if len(figures) == 1 else figures
            chain = [ElementConstraint(group[0], kind, None, None, q.value, q.text) for q in qs
                     if UNIT_KIND.get(q.unit, kind) == kind]
        else:  # "a 10k then a 4.7k"
            chain = [ElementConstraint(q.text, UNIT_KIND.get(q.unit, "R"), None, None, q.value, q.text)
                     for q in figures]
        if len(chain) != len(mids) + 1:
            continue
        old += [e for e in request.elements if not e.name and e.kind in "RCL" and frozenset(e.nodes or ()) in links]
        request.elements = [e for e in request.elements if e not in old or (e.name and e not in chain)]
        request.elements += [dataclasses.replace(e, nodes=(a, b)) for e, a, b in zip(chain, row, row[1:])]
        request.nodes += [n for n in row if n != "0" and n not in request.nodes]


# "Define a parameter RVAL = 22k", ".param GAIN=10", "a parameter called CVAL of 1n"
_PARAMETER = re.compile(rf"(?:\.param|\bparam(?:eter)?s?)\s+(?:named\s+|called\s+)?(?P<name>[A-Za-z_]\w*)\s*"
                        rf"(?:=|\bof\b|\bis\b)\s*(?P<v>{_QTY_TEXT}[a-zA-ZµΩΩ]*)", re.IGNORECASE)


def _parameters(text: str, request: Request) -> None:
    """Parameters the request defines, and the parts that take one as their value: "use it for R1",
    "use RVAL for R1 and R2", "R1 = {RVAL}", "R1 = RVAL from in to out" (the value written {RVAL})."""
    for m in _PARAMETER.finditer(text):
        qs = _quantities(m["v"])
        if not qs:
            continue
        name = m["name"]
        # ".param RB=6.8k": the parameter's own statement names no part
        request.elements = [e for e in request.elements if not ((e.name or "").upper() == name.upper()
                                                                and re.search(r"\bparam", e.text, re.IGNORECASE))]
        request.parameters[name] = qs[0].value
        # "use it for R1", "use RTOP for R1 and RBOT for R2" (the verb said once)
        used = re.compile(rf"(?:\buse[sd]?\s+(?:it|this|that|the\s+parameter|{name})|\band\s+{name})\s+"
                          r"(?:for|in|as\s+the\s+value\s+of)\s+"
                          r"(?:the\s+\w+\s+)?(?P<parts>[RCLVI]\w*(?:\s*(?:,|and)\s*[RCLVI]\w*)*)", re.IGNORECASE)
        parts = {p.upper() for u in used.finditer(text, m.end()) for p in re.findall(r"\w+", u["parts"])
                 if p.lower() != "and"}
        for i, e in enumerate(request.elements):
            if (e.name or "").upper() in parts or (e.name and re.search(
                    rf"\b{re.escape(e.name)}\s*(?:=|:|\bis\b)\s*\{{?\s*{name}\b", e.text)):
                request.elements[i] = dataclasses.replace(e, value=qs[0].value, value_text=f"{{{name}}}")


# ".ic v(x)=3 v(y)=0": the node voltages a transient starts from, as SPICE writes them
_IC_DIRECTIVE = re.compile(r"(?<![\w.])\.ic\s+(?P<pairs>(?:v\s*\(\s*\w+\s*\)\s*=\s*[-+]?[\d.]+[a-z]*\s*,?\s*)+)",
                           re.IGNORECASE)


def _initial_voltages(text: str, request: Request) -> None:
    for m in _IC_DIRECTIVE.finditer(text):
        for node, level in re.findall(r"v\s*\(\s*(\w+)\s*\)\s*=\s*([-+]?[\d.]+[a-z]*)", m["pairs"], re.IGNORECASE):
            if (value := parse_number(re.sub(r"(?i)v$", "", level))) is not None:
                request.initial[_node(node)] = value


def _coupled_pair(elements: list[ElementConstraint]) -> None:
    """"coupling K1 = 0.98 between them": a coupling that names no inductors couples the request's two."""
    inductors = tuple(e.name for e in elements if e.kind == "L" and e.name)
    for i, e in enumerate(elements):
        if e.kind == "K" and not e.refs and len(inductors) == 2:
            elements[i] = dataclasses.replace(e, refs=inductors)


# "coupled with k = 0.95", "a coupling coefficient of 0.99", "magnetically coupled (k = 0.9, K1)", "coupling KTX
# between LP and LS with k = 0.99." (its name first; a full stop after the figure)
# ("KTX couples LPRI and LSEC with k = 0.999": its name before the verb)
_COUPLING = re.compile(r"(?:\b(?-i:(?P<lead>K[A-Z0-9_]+))\s+)?\b(?:coupl\w*|mutual\w*)\b"
                       r"(?:\s+(?-i:(?P<first>K[A-Z0-9_]+))\b)?[^.;]{0,40}?"
                       r"(?:\bk\s*(?:=|:|of|is)\s*|\b(?:coefficient|factor)\s*"
                       r"(?:of|=|:|is)?\s*)(?P<k>0?\.\d+|1(?:\.0*)?)(?![\w]|\.\d)(?:\s*[(,]\s*(?P<name>K\w*)\)?)?",
                       re.IGNORECASE)


def _worded_coupling(text: str, elements: list[ElementConstraint]) -> None:
    """A coupling said in words between the request's two inductors, with no coupling part read: "L1 ... and L2 ...,
    coupled with k = 0.95 (K1)" is K1 L1 L2 0.95."""
    inductors = tuple(e.name for e in elements if e.kind == "L" and e.name)
    m = _COUPLING.search(text)
    if m is None or len(inductors) != 2 or any(e.kind == "K" and e.refs for e in elements):
        return
    name = m["name"] or m["first"] or m["lead"] or next((e.name for e in elements if e.kind == "K" and e.name), None) \
        or "K1"
    elements[:] = [e for e in elements if not (e.kind == "K" and not e.refs)]  # "(K1)" read with no figure
    elements.append(ElementConstraint(m[0], "K", name, None, float(m["k"]), m["k"], inductors))


def _pin_held_sources(request: Request) -> None:
    """"the base is held at 5 V by VB": a source on a pin's word drives that pin's node, on the one device of that
    pin, unless a part names a node so."""
    for i, source in enumerate(request.sources):
        devices = [e for e in request.elements if source.node in _TERMINALS.get(e.kind, ()) and e.nodes]
        if source.node in _PIN_NODES and len(devices) == 1 and not any(
                source.node in (e.nodes or ()) for e in request.elements):
            device, at = devices[0], _TERMINALS[devices[0].kind].index(source.node)
            node = (device.nodes or ())[at]
            ends = _pair(source.text, 0)
            if node is None:  # "with its drain held at 5 V by VD": the pin's node, named after it
                # ... or the node the source's own ends name ("VCE from node qc to ground on the collector")
                node = ends[0] if ends and ends[1] == "0" and ends[0] not in _PIN_NODES else source.node
                request.elements[request.elements.index(device)] = dataclasses.replace(
                    device, nodes=tuple(node if j == at else n for j, n in enumerate(device.nodes or ())))
            request.sources[i] = dataclasses.replace(source, node=node)


# A part's one end, in its own words after its name: "R1 to vs", "Rint of 0.15 ohm from node cell"
_ONE_END = re.compile(r"\b(?P<way>to|into|from)\s+(?:the\s+)?(?:node\s+)?(?P<n>[a-z_]\w*|0(?![.\d]))\b"
                      r"(?!\s+(?:to|and|into)\b)", re.IGNORECASE)
# "Vbat feeds rail through Rint": the source sits at the far end of the part it feeds a node through
_FEEDS_THROUGH = re.compile(r"\b(?:feeds?|feeding|drives?|driving|supplies|supplying)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s+"
                            r"(?:through|via)\s+(?:an?\s+|the\s+)?(?:[\w.]+\s+){0,3}?(?P<part>[A-Za-z]\w*)\b",
                            re.IGNORECASE)


def _chained(text: str, request: Request) -> None:
    """Parts stated one after another in a sentence, each from where the last one ends: "a sine at node w1, R1 = 1k
    to w2", "V1 at src behind a 50 ohm resistor R1 to vs", "Vbat feeds rail through Rint of 0.15 ohm from node cell".
    A two-terminal part whose words give one end only takes, as its other, the node where the statement just before
    it (in its sentence) ends: the last node of a placed part, or the node of a source."""
    statements: list[tuple[int, str]] = []  # (where it starts, the node it ends on)
    for e in request.elements:
        # (one that ends on ground ends the chain: "RE from node em to ground, RC = 4.7k to the rail")
        if e.placed() and e.placed()[-1] != "0" and (at := text.find(e.text)) >= 0:
            statements += [(at, e.placed()[-1])]
    statements += [(at, s.node) for s in request.sources if s.node and s.node != "0" and (at := text.find(s.text)) >= 0]
    for i, e in enumerate(request.elements):
        at = text.find(e.text)
        if e.nodes is not None or e.kind not in "RCL" or e.value is None or not e.name or at < 0:
            continue
        name_at = text.find(e.name, at)
        one = next((m for m in _ONE_END.finditer(text, name_at, at + len(e.text))
                    if not _not_node(m, "n") and not _article(m, "n") and not _value_word(m, "n")), None)
        if one is None:
            continue
        # "Drain resistor RD = 5k up to vdd": a part named after a pin runs from that pin's node (of the one device
        # with the pin) to its stated end
        pin = re.search(rf"\b(?P<pin>{_TERMINAL_WORDS})\s+(?:load\s+|bias\s+|bypass\s+)?(?:resistor|capacitor|cap|"
                        r"inductor|coil)\s+$", text[max(0, name_at - 40):name_at], re.IGNORECASE)
        devices = [d for d in request.elements if pin and d.nodes and any(
            re.fullmatch(words, pin["pin"], re.IGNORECASE) for words in _TERMINALS.get(d.kind, ()))]
        if pin and len(devices) == 1:
            slot = next(j for j, words in enumerate(_TERMINALS[devices[0].kind])
                        if re.fullmatch(words, pin["pin"], re.IGNORECASE))
            node, end = (devices[0].nodes or ())[slot], _node(one["n"])
            if node and node != end:
                request.elements[i] = dataclasses.replace(e, nodes=(node, end))
                request.nodes += [n for n in (node, end) if n != "0" and n not in request.nodes]
                continue
        lo = _sentence(text, at)[0]
        before = [(a, n) for a, n in statements if lo <= a < at]
        if not before:
            continue
        start, anchor = max(before)
        between = [m for m in _DESIGNATOR.finditer(text, start, name_at) if m.start() > start + 1]
        if between or anchor == _node(one["n"]):
            continue  # another part stands between: the chain is broken
        end = _node(one["n"])
        request.elements[i] = dataclasses.replace(e, nodes=(end, anchor) if one["way"].lower() == "from"
                                                  else (anchor, end))
        request.nodes += [n for n in (anchor, end) if n != "0" and n not in request.nodes]
    for i, s in enumerate(request.sources):
        m = _FEEDS_THROUGH.search(text, text.find(s.text)) if s.node and s.text in text else None
        part = next((e for e in request.elements if m and e.name == m["part"] and e.placed()), None)
        if m and part and _node(m["n"]) == s.node and s.node in part.placed() and m.start() < text.find(s.text) + len(
                s.text):
            far = [n for n in part.placed() if n != s.node]
            request.sources[i] = dataclasses.replace(s, node=far[0]) if far else s


# "Charge C1 = 1u through R1 = 680 ...", "discharge C2 through R5": the capacitor hangs off the resistor's far end
_CHARGED_THROUGH = re.compile(r"\b(?i:charg|discharg)\w*\s+(?i:the\s+)?(?i:capacitor\s+|cap\s+)?(?P<c>C\w*)\b"
                              r"(?:[^.;]|\.\d)*?"
                              r"\b(?i:through)\s+(?i:the\s+)?(?i:resistor\s+)?(?P<r>R\w*)\b")


def _charged_through(text: str, request: Request) -> None:
    """"Charge C1 = 1u through R1 = 680 from a 5 V step at node st to node cv": a capacitor with no nodes of its own,
    charged through a placed resistor, sits from that resistor's undriven end to ground."""
    driven = {s.node for s in request.sources if s.node}
    for m in _CHARGED_THROUGH.finditer(text):
        cap = next((i for i, e in enumerate(request.elements) if e.name == m["c"] and e.kind == "C" and not e.nodes),
                   None)
        resistor = next((e for e in request.elements if e.name == m["r"] and e.kind == "R" and e.placed()), None)
        unplaced = next((i for i, e in enumerate(request.elements) if e.name == m["r"] and e.kind == "R"
                         and not e.placed()), None)
        source = next((s for s in request.sources if unplaced is not None and s.node and s.name
                       and re.search(rf"\b{re.escape(s.name)}\b", request.elements[unplaced].text)), None)
        node = re.search(r"\bthe\s+(?:capacitor|cap)(?:'s)?\s+node\s+(?:is|=|:)\s+(?P<n>[a-z_]\w*)", text,
                         re.IGNORECASE)
        if unplaced is not None and source is not None and node and node["n"].lower() not in _NOT_NODES:
            # "Charge C9 through R9 from a step source VSTEP on node stp; the capacitor node is cc": R9 from the
            # source's node to the capacitor's
            resistor = request.elements[unplaced] = dataclasses.replace(request.elements[unplaced],
                                                                        nodes=(source.node, _node(node["n"])))
            request.nodes += [_node(node["n"])] if _node(node["n"]) not in request.nodes else []
        ends = resistor.placed() if resistor else ()
        far = [n for n in ends if n not in driven and n != "0"]
        if len(far) != 1 and len(ends) == 2 and not driven & set(ends) and "0" not in ends:
            far = [ends[1]]  # no source on either end: the end its words lead to ("from top into bot")
        if cap is not None and len(far) == 1:
            request.elements[cap] = dataclasses.replace(request.elements[cap], nodes=(far[0], "0"))


# A source named by the terminal voltage it sets ("sweep VGS", "step VBE"): V, the pin's letter, then its reference's
_PIN_VOLTAGE = re.compile(r"\b(?i:sweep\w*|step\w*|ramp\w*)\s+(?i:of\s+)?(?i:the\s+)?(?i:source\s+)?"
                          r"(?P<name>V(?P<pin>[GDBC])(?P<ref>[SE])?)\b")
_PIN_LETTERS = {"G": "gate", "D": "drain", "B": "base", "C": "collector", "S": "source", "E": "emitter"}


def _swept_pin_sources(text: str, request: Request) -> None:
    """"NMOS M1 ... source grounded. Sweep VGS 0 to 3 V": a swept terminal voltage named so is a source on that pin of
    the one device that has it (its reference pin grounded), the pin's node named after the pin where left open."""
    for m in _PIN_VOLTAGE.finditer(text):
        pin, ref = _PIN_LETTERS[m["pin"]], _PIN_LETTERS.get(m["ref"] or "")
        devices = [i for i, e in enumerate(request.elements) if pin in _TERMINALS.get(e.kind, ())]
        if len(devices) != 1 or any((s.name or "").upper() == m["name"].upper() for s in request.sources):
            continue
        device = request.elements[devices[0]]
        nodes = list(device.nodes or [None] * len(_TERMINALS[device.kind]))
        at = _TERMINALS[device.kind].index(pin)
        if ref and (ref not in _TERMINALS[device.kind] or nodes[_TERMINALS[device.kind].index(ref)] != "0"):
            continue  # its reference pin is not grounded: a source from ground would set another voltage
        # (the node its own statement puts it on: "VCE source from node qc to ground on the collector")
        said = next((ends for own in re.finditer(rf"\b{m['name']}\b", text) if (ends := _pair(
            text[own.end():_sentence(text, own.start())[1]], 0)) and ends[1] == "0" and not ends[0].isdigit()), None)
        node = nodes[at] or (said[0] if said else pin)
        if nodes[at] is None:
            nodes[at] = node
            request.elements[devices[0]] = dataclasses.replace(device, nodes=tuple(nodes))
        request.sources.append(SourceConstraint(m[0], node, 0.0, name=m["name"]))
        request.nodes += [node] if node not in request.nodes else []


def _namesakes(request: Request) -> None:
    """A named source that no words place sits on its namesake node: "VG = 3.5 V" with "gate at vg" on vg, "Vsig =
    0.1 V" with "Rin from sig to inv" on sig (a port's name, in or out, is left to the ports' readers)."""
    placed = {n for e in request.elements for n in e.placed()}
    for i, s in enumerate(request.sources):
        if s.node is not None or not s.name or s.kind != "V":
            continue
        name = s.name.lower()
        node = name if name in placed else name[1:] if name[1:] in placed - {"in", "out", "0"} else None
        if node:
            request.sources[i] = dataclasses.replace(s, node=node)


# A model parameter's statement, "IS = 2n", and the separators of a list of them ("IS = 2n, N = 1.8 and RS = 0.5")
_ASSIGN = re.compile(r"(?P<name>[A-Za-z]\w*)\s*=\s*(?P<value>[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?"
                     r"(?:meg|[fpnuµmkgt])?)(?!\w|\.\d)")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+)")
# "a model called DX", "its model, named DMOD,"
# "a model called DX", "model NM (NMOS, VTO=0.7)", "a diode model DX with IS=1e-14"
# ... "model DI has IS=1e-14",
# ... "model PQ: PNP, BF=90", "model NSUB: LEVEL=1 VTO=0.45", "model ZD51: D with BV=5.1": its name, then its type or
# its first parameter
_MODEL_TYPE = r"(?:npn|pnp|nmos|pmos|njf|pjf|d|sw)\b"
_MODEL_NAME = re.compile(r"\bmodel\s+(?:card\s+)?,?\s*(?:(?:called|named)\s+(?P<name>[A-Za-z]\w*)"
                         rf"|(?P<bare>[A-Za-z]\w*)(?=\s*\(|\s+with\b|\s+has\s+[A-Za-z]+\s*=|\s*:\s*(?:{_MODEL_TYPE}|[A-Za-z]+\s*=)"
                         # (".model DS1 D(IS=4n)": a card as SPICE writes it)
                         rf"|\s+{_MODEL_TYPE}\s*\()"
                         # ("D1 ... with model DX, R1 ...": a name in capitals, its clause ending there)
                         r"|(?-i:(?P<cap>[A-Z][A-Z0-9_]*))(?=\s*(?:[,;)]|\.(?:\s|$)|$)))",
                         re.IGNORECASE)


def _model_lists(text: str, request: Request) -> None:
    """A device's model parameters listed together ("uses a model called DX with IS = 2n, N = 1.8 and RS = 0.5"):
    a name that is also a part's ("RS", "RB", "RE") is a model parameter when it stands in such a list, one that
    a known parameter opens and no node follows; and the model's name the request gives goes to its device."""
    at = 0
    for opener in _MODEL_PARAM.finditer(text):
        if opener.start() < at:
            continue  # inside a list read from its start
        at = opener.end()
        while (join := _LIST_JOIN.match(text, at)) and (item := _ASSIGN.match(text, join.end())):
            if re.match(r"\s*(?:from|to|between|across|at|on)\b", text[item.end():], re.IGNORECASE):
                break  # "RC = 2.2k from vcc to c": a part
            name = item["name"].lower()
            request.elements = [e for e in request.elements
                                if not ((e.name or "").lower() == name and text.find(e.text) <= item.start()
                                        < text.find(e.text) + len(e.text) + 1 and e.nodes is None)]
            if name in ("rs", "rb", "re", "rc") and (qs := _quantities(item["value"])):
                request.model_params.append(ModelParam(item[0], name, qs[0].value))
            at = item.end()
    for m in _MODEL_NAME.finditer(text):
        lo = _sentence(text, m.start())[0]
        if text[:lo].rstrip().endswith(";"):  # "QA: NPN, collector on vcc ...; model QHI with BF=350": its device's
            lo = _sentence(text, len(text[:lo].rstrip()) - 1)[0]
        modelled = [*_TERMINALS, "S"]  # (a switch's model too: "S1 ..., model SW1 with VT=2.5")
        device = next((i for i in reversed(range(len(request.elements))) if request.elements[i].kind in modelled
                       and lo <= text.find(request.elements[i].text) < m.start()
                       or request.elements[i].kind in modelled and text.find(request.elements[i].name or "@", lo)
                       in range(lo, m.start())), None)
        name = m["name"] or m["bare"] or m["cap"]
        # ("D10 ..., D11 ..., both model DC1": every device of the sentence without a model of its own)
        # ("all four use .model DBR D(IS=1e-14)", "all of them use the model DX")
        shared = re.search(r"\b(?:both|all|each)(?:\s+(?:of\s+them|two|three|four|five|six|\d+))?\s+"
                           r"(?:(?:use|uses|using|with|on|share|sharing)\s+)?(?:the\s+)?\.?$",
                           text[max(lo, m.start() - 30):m.start()], re.IGNORECASE)
        # (the devices listed in clauses of their own before it: "D1 ...; D4 ...; all four use .model DBR")
        whole = max([e.end() for e in re.finditer(r"[.?!]\s", text[:m.start()])], default=0) if shared else lo
        devices = [i for i in range(len(request.elements)) if request.elements[i].kind in modelled
                   and request.elements[i].model is None and whole <= text.find(request.elements[i].text) < m.start()] \
            if shared else [device] if device is not None else []
        if devices and name.lower() not in ("npn", "pnp", "nmos", "pmos", "d", "diode", "card", "has",
                                            "with", "parameters", "params", "of") \
                and not _MODEL_PARAM.fullmatch(f"{name}=1"):
            for i in devices:
                request.elements[i] = dataclasses.replace(request.elements[i], model=name)


_PIN_THROUGH = re.compile(rf"\b(?P<pin>{_TERMINAL_WORDS})\s+(?:is\s+)?(?:tied\s+|connected\s+|returned\s+|goes\s+)?"
                          r"(?:up\s+|down\s+)?to\s+(?:the\s+)?(?:node\s+)?(?P<x>[a-z_]\w*)\s+(?:through|via)\s+"
                          r"(?:an?\s+|the\s+)?(?:[\w.]+\s+){0,3}?(?P<part>[A-Za-z]\w*)"
                          # "Drain load RD6 = 1.5k to a 1.8 V node vdd18": the part on the pin, its far end after it
                          rf"|\b(?P<pin2>{_TERMINAL_WORDS})\s+(?:load|resistor|capacitor|cap|inductor|choke)\s+"
                          r"(?P<part2>[A-Za-z]\w*)\s*(?:=|:|is)?\s*[\d.]+\s*[a-zA-ZµΩ]*\s+(?:up\s+|down\s+)?to\s+"
                          + _NODE.format("x2"), re.IGNORECASE)


def _pins_through(text: str, elements: list[ElementConstraint]) -> None:
    """"its collector to vcc through RC (2.2k), its emitter to ground through RE": the pin's node (named after the pin
    where no words name it) joined to the far node by the part, on the one device with that pin in the sentence."""
    for said in _PIN_THROUGH.finditer(text):
        m = {k: said[k] or said[f"{k}2"] for k in ("pin", "part", "x")}
        if m["x"].lower() in _NOT_NODES:
            continue
        lo, hi = _sentence(text, said.start())
        pinned = [i for i, e in enumerate(elements) if e.name and any(re.fullmatch(w, m["pin"], re.IGNORECASE)
                                                                       for w in _TERMINALS.get(e.kind, ()))]
        # (the one device with that pin, named in a sentence before: "Q3 is an NPN. ... emitter to ground via RE")
        devices = [i for i in pinned if lo <= text.find(elements[i].name or "@", lo) < hi] or pinned
        part = next((i for i, e in enumerate(elements) if e.name == m["part"] and not e.placed()), None)
        if len(devices) != 1 or part is None:
            continue
        device = elements[devices[0]]
        slot = next(j for j, w in enumerate(_TERMINALS[device.kind]) if re.fullmatch(w, m["pin"], re.IGNORECASE))
        nodes = list(device.nodes or [None] * len(_TERMINALS[device.kind]))
        node = nodes[slot] or m["pin"].lower()
        if node == _node(m["x"]):
            continue
        nodes[slot] = node
        if device.kind == "M" and slot == 2 and nodes[3] is None:  # the bulk, unstated, sits on the source
            nodes[3] = node
        elements[devices[0]] = dataclasses.replace(device, nodes=tuple(nodes))
        elements[part] = dataclasses.replace(elements[part], nodes=(node, _node(m["x"])))


# "collector cb_out to +9 V through 5.1k", "collectors lt_c1 and lt_c2 each through 10k to +12": a resistor from each
# pin's node to a level (a rail the family has: its node left open) or to ground
_LEVEL_END = r"(?:[-+]\s?\d+(?:\.\d+)?(?:\s?V\b)?|\d+(?:\.\d+)?\s?V\b|ground\b|gnd\b)"
_PIN_TO_LEVEL = re.compile(
    r"\b(?:collector|emitter|drain|source)s?\s+(?:node\s+)?(?P<a>[a-z_]\w*)(?:\s+and\s+(?:node\s+)?(?P<b>[a-z_]\w*))?"
    r"\s+(?:each\s+)?(?:to\s+(?:the\s+)?(?P<l1>" + _LEVEL_END + r")(?:\s+(?:rail|supply))?\s+(?:each\s+)?"
    r"(?:through|via)\s+(?:an?\s+)?(?P<v1>\d[\d.]*\s*(?:k|K|meg|M)?\s*(?:Ω|ohms?)?)"
    r"|(?:through|via)\s+(?:an?\s+)?(?P<v2>\d[\d.]*\s*(?:k|K|meg|M)?\s*(?:Ω|ohms?)?)\s+(?:resistors?\s+)?(?:each\s+)?"
    r"to\s+(?:the\s+)?(?P<l2>" + _LEVEL_END + r"))(?!\w|\.\d)", re.IGNORECASE)


def _pins_to_levels(text: str, elements: list[ElementConstraint]) -> None:
    """The resistors _PIN_TO_LEVEL reads, each from its pin's node, where no part already holds that value there."""
    for m in _PIN_TO_LEVEL.finditer(text):
        qs = _quantities(m["v1"] or m["v2"])
        if len(qs) != 1 or qs[0].unit not in (None, "", "ohm"):
            continue
        level = (m["l1"] or m["l2"]).lower()
        far = "0" if level in ("ground", "gnd") else None
        for name in (m["a"], m["b"]):
            if not name or name.lower() in _NOT_NODES or _article(m, "a"):
                continue
            node = _node(name)
            if any(e.kind == "R" and node in (e.nodes or ()) and e.value == qs[0].value for e in elements):
                continue
            elements.append(ElementConstraint(m[0].strip(), "R", None, (node, far), qs[0].value, qs[0].text))


# "DA and DB stacked in series ..., DA's anode at stk and DB's cathode at ground, middle node mid2": the node between
_MIDDLE = re.compile(r"\b(?:middle|mid-?point|junction|joined\s+at|meet(?:ing)?\s+at|common)\s+(?:node\s+)?(?:is\s+)?"
                     r"(?:node\s+)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)


def _series_middle(text: str, elements: list[ElementConstraint]) -> None:
    """Two parts said in series, each with one end left open, meet at the middle node the sentence names."""
    for said in _MIDDLE.finditer(text):
        lo, hi = _sentence(text, said.start())
        if not _IN_SERIES.search(text, lo, hi) or said["n"].lower() in _NOT_NODES:
            continue
        open_ended = [i for i, e in enumerate(elements) if e.name and e.kind in "RCLD" and e.nodes
                      and len(e.nodes) == 2 and e.nodes.count(None) == 1 and e.name in text[lo:hi]]
        if len(open_ended) == 2:
            for i in open_ended:
                nodes = elements[i].nodes or ()
                elements[i] = dataclasses.replace(elements[i], nodes=tuple(n or _node(said["n"]) for n in nodes))


def _parallel_bars(text: str, elements: list[ElementConstraint]) -> None:
    """"R1 || C1 from out to ground with R1 = 1k and C1 = 1u": parts written in parallel share the ends one of them
    is placed on."""
    for m in re.finditer(r"(?<![\w.])(?P<a>[A-Za-z]\w*)\s*(?:\|\||\u2225)\s*(?P<b>[A-Za-z]\w*)", text):
        i, j = (next((n for n, e in enumerate(elements) if (e.name or "").upper() == m[k].upper()), -1) for k in "ab")
        for placed, open_ in ((i, j), (j, i)):
            if min(i, j) >= 0 and len(elements[placed].placed()) == 2 and not elements[open_].nodes:
                elements[open_] = dataclasses.replace(elements[open_], nodes=elements[placed].placed())


def _merged(elements: list[ElementConstraint]) -> list[ElementConstraint]:
    """A part stated in several clauses ("F2 with gain 20 controlled by VS; ... F2 drives node t from ground"): one
    part, with what each clause states, when no two of them state one thing differently (else both are kept, and
    said to be a contradiction)."""
    def joined(a: ElementConstraint, b: ElementConstraint) -> ElementConstraint | None:
        if a.kind != b.kind or None not in (a.value, b.value) and a.value != b.value \
                or a.refs and b.refs and a.refs != b.refs or a.model and b.model and a.model != b.model:
            return None
        nodes = a.nodes or b.nodes
        if a.nodes and b.nodes:
            if len(a.nodes) != len(b.nodes) or any(x and y and x != y for x, y in zip(a.nodes, b.nodes)):
                return None
            nodes = tuple(x or y for x, y in zip(a.nodes, b.nodes))
        value = a if a.value is not None else b
        # (its words: those of the clause with its value, where the readers after this one find them)
        return dataclasses.replace(a, text=value.text, nodes=nodes, value=value.value,
                                   value_text=value.value_text, refs=a.refs or b.refs, model=a.model or b.model,
                                   params=tuple(dict.fromkeys(a.params + b.params)))
    kept: list[ElementConstraint] = []
    for e in elements:
        at = next((i for i, k in enumerate(kept) if e.name and (k.name or "").upper() == e.name.upper()), None)
        both = joined(kept[at], e) if at is not None else None
        if at is not None and both is not None and kept[at].text != e.text:
            kept[at] = both
        else:
            kept.append(e)
    return kept


def read_request(description: str) -> Request:
    """The explicit constraints of a request; never raises on ordinary text."""
    probed = _PROBED.set(frozenset(n.lower() for m in _PROBE.finditer(description) for n in m.groups() if n))
    try:
        with marking(description):
            return _read_request(description)
    finally:
        _PROBED.reset(probed)


# A figure, then a note on it in parentheses: "1M (as in 1 megaohm)", "2.2 meg (megohm, not milli)", "12 V (node src)"
_NOTED = re.compile(r"(?P<v>(?<![\w.])[-+]?(?:\d+(?:\.\d+)?|\.\d+)\s?(?:meg|[fpnuµμmkKMG])?\s?(?:Ω|Ω|ohms?|F|H|V)?"
                    r"(?:\s+(?:resistor|capacitor|cap|inductor|coil))?)"
                    r"(?P<note>\s*\((?P<g>[^()]*)\))", re.IGNORECASE)
_UNIT_NAME = re.compile(r"(?:mega?|kilo|milli|micro|nano|pico)[- ]?(?:ohm|farad|henr)|"
                        r"\b(?:ohms?|farads?|henr(?:y|ies))\b|\b(?:mega?|kilo|milli|micro|nano|pico)\b", re.IGNORECASE)
_ONLY_NODE = re.compile(r"\s*(?:that'?s\s+|that\s+is\s+|i\.?e\.?,?\s+|on\s+|at\s+)?(?:the\s+)?node\s+"
                        r"(?P<n>[a-z_]\w*)\s*", re.IGNORECASE)


def _glossed(text: str) -> str:
    """The request with the notes on its figures read the way its readers read a figure and its node, each at the
    same place: a note that only restates the figure's unit is blanked ("1M (as in 1 megaohm) from top to mid"), and
    a level noted with its node is that node with its level ("to 12 V (node src) through 4.7k" is "to node src
    (12 V)")."""
    def read(m: re.Match) -> str:
        if (node := _ONLY_NODE.fullmatch(m["g"])) and m["v"].rstrip().endswith("V"):
            return f"node {node['n']} ({m['v'].strip()})".ljust(len(m[0]))
        if _UNIT_NAME.search(m["g"]) and not re.search(r"\bnode\b|=", m["g"], re.IGNORECASE) \
                and not _DESIGNATOR.search(m["g"]):
            return m["v"] + " " * len(m["note"])
        return m[0]
    return _NOTED.sub(read, text)


# A list written one item a line ("- R5: 2.7k, feed to hold", "* C4 - 22 nF, flt to ground", "2) R21 = 15k"), which
# reaches the reader on one line: a marker first or after a colon, then again before each item.
_FIRST_MARK = re.compile(r"(?:^|:)\s*(?P<mark>[-*\u2022\u2013])\s+(?=\w)")
# "1) R21 = 15k", "1. D1 anode ac1", "Step 2: R1 = 10k ..." (the word "step" of a numbered step is no pulse's)
_NUMBERED = re.compile(r"(?:^|(?<=[\s:;,.]))(?:(?P<step>(?i:step|item))\s+)?(?P<n>\d{1,2})(?:[.)]|(?(step):|(?!)))\s+"
                       r"(?=[A-Za-z])")
# A line that opens with a list's marker: the line before it ends a statement
_ITEM_LINE = re.compile(r"\n(?=[ \t]*(?:\d{1,2}[.)]|[-*\u2022\u2013])\s+\w)")


def items_ended(description: str) -> str:
    """The request with each line of a list ended as a statement before its line break goes ("... cathode ac2
    <newline>VAC is ...": the last item's words ran into the next sentence's)."""
    lines = description.split("\n")
    # (any line that ends a statement, as well: a line that stops at its words' end, not mid-phrase as wrapped prose
    # does: "R3 2k2 between vin and mid<newline>C3 ...")
    return "\n".join(line + ";" if i + 1 < len(lines) and (_ITEM_LINE.match("\n" + lines[i + 1]) or
                                                           _ITEM_LINE.match("\n" + line) or not _WRAPPED.search(line)
                                                           and _STATEMENT_LINE.match(lines[i + 1]))
                      and lines[i + 1].strip() and not re.search(r"[.;:,]\s*$", line) and line.strip() else line
                      for i, line in enumerate(lines))


# A line that opens a statement of its own: a name, a capital or a dot command ("Rf o1 m1 100k", "Then ...", ".op")
_STATEMENT_LINE = re.compile(r"\s*(?:[A-Z]|[rclvi]\d|\.[a-z])")
_WRAPPED = re.compile(r"\b(?:from|to|and|or|the|a|an|of|with|between|at|on|in|by|through|into|is|are|via|across|then|"
                      r"its|for|that|which)\s*$|[-(]\s*$", re.IGNORECASE)


def _listed(text: str) -> str:
    """The request with each item of a list ended as a statement of its own, as a sentence ends: the line breaks
    between the items are gone, so an item's words ran into the next item's ("- R5: 2.7k, feed to hold - C9: ...")."""
    if (first := _FIRST_MARK.search(text)) and text.count(f" {first['mark']} ", first.start("mark") - 1) >= 2:
        head, tail = text[:first.start("mark")], text[first.end("mark"):]
        return head + tail.replace(f" {first['mark']} ", "; ")
    numbers: list[re.Match] = []
    for m in _NUMBERED.finditer(text):  # the items counted 1, 2, 3 ... (not "SIN(0 10 60) " among them)
        if int(m["n"]) == len(numbers) + 1:
            numbers.append(m)
    if len(numbers) < 2:
        return text
    for m in reversed(numbers):
        text = text[:m.start()] + ("" if m["n"] == "1" else "; ") + text[m.end():]
    return text


# A part's far end written as ground's level: "a 2u2 from xb to 0V", "R9 = 22k from sh to 0 V" (not a level a sweep
# or a source runs to: "from 5 V to 0 V", "ramps from 3 to 0 V")
_TO_ZERO_VOLTS = re.compile(r"\bfrom\s+(?:node\s+)?[a-z_]\w*\s+(?:down\s+|back\s+)?to\s+(?P<z>0\s?V(?:olts?)?)\b"
                            r"(?!\s*(?:rail|supply|line|dc|ac|at|on|in|step|level)\b)", re.IGNORECASE)


# A pin, then its node set off by commas: "RE = 1.5k from the emitter, node em, to ground" reads as "from node em (the
# emitter) to ground", the form the node readers know, at the same length
_APPOSED_NODE = re.compile(r"\bthe (?P<pin>emitter|collector|base|drain|gate|source|anode|cathode), "
                           r"node (?P<n>[a-z_]\w*),", re.IGNORECASE)
# A part's ends, then its value after a comma or colon: "from qb to ground, 100 nF", "between a and b: 2.2k resistor"
# (read as one statement, the mark blanked)
_ENDS_THEN_VALUE = re.compile(r"\b(?:from|between)\s+(?:node\s+)?[a-z_]\w*\s+(?:to|and)\s+(?:node\s+)?(?:[a-z_]\w*|0)"
                              r"(?P<mark>\s*[,:])(?=\s*(?:an?\s+)?[\d.]+\s?(?:(?:meg|[fpnuµμmkKM])\s?(?:Ω|Ω|ohms?|F|H)?|"
                              r"(?:Ω|Ω|ohms?|F|H)\b)"
                              r"(?:\s+(?:resistor|capacitor|cap|inductor|coil))?\s*(?:[.;]|$))", re.IGNORECASE)
# A figure joined to its unit's name as an adjective: "a zero-volt source", "a 5-volt rail", "a 10-ohm resistor"
_HYPHENED_UNIT = re.compile(rf"(?<![\w.])(?:\d+(?:\.\d+)?|(?i:{_WORD}))(?P<h>-)(?=(?:kilo|mega|milli|micro|nano|pico)?"
                            r"(?:volts?|ohms?|amps?|farads?|henr(?:y|ies))\b)", re.IGNORECASE)


_STAGE_DRIVES = re.compile(r"\b(?:stage|amplifier|amp|buffer|follower|op-?amp)\b(?:[^.;,]|\.\d){0,60}?"
                           r"\b(?:driving|drives)\s+(?:the\s+)?(?:(?:output\s+)?node\s+)?(?P<n>[a-z_]\w*)\s*(?=[.;,]|$)",
                           re.IGNORECASE)


_FED_FROM = re.compile(r"\b(?:(?:drive|drives|driven|driving|feed|feeds|fed|feeding)\s+(?:it\s+|the\s+\w+\s+)?"
                       r"|(?:the\s+)?(?:signal|drive|input)\s+(?:comes|arrives|enters|is\s+fed)\s+(?:in\s+)?)"
                       r"from\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s+(?:via|through|thru)\b"
                       r"(?:[^.;,]{0,40}?\bto\s+(?:node\s+)?(?P<to>[a-z_]\w*)\b)?", re.IGNORECASE)
_FEEDBACK_FROM = re.compile(r"\b(?:positive\s+|negative\s+)?feedback\s+(?:resistor\s+)?(?:taken\s+)?from\s+(?:node\s+)?"
                            # (not "200k feedback from pd to out": a part's two ends)
                            r"(?P<n>[a-z][a-z0-9_]*)\b(?!\s*(?:to|and|through|via)\b)")
_SHOULD_BE = re.compile(r"(?:^|[.;:]\s+)(?:[Nn]ode\s+)?(?P<n>[a-z][a-z0-9_]*)\s+(?:should|must|has\s+to|needs\s+to)\s+"
                        r"(?:come\s+out\s+(?:as|at)|be|equal|read|give|copy|follow|track|mirror|match)\b")
# ... the part said first: "It is driven via 22k from tk_drv", "fed through a 1k resistor from node src"
_FED_VIA = re.compile(r"\b(?:drive|drives|driven|feed|feeds|fed)\s+(?:it\s+)?(?:via|through|thru)\s+(?:an?\s+)?"
                      rf"{_QTY_TEXT}(?:Ω|ohms?)?\s*(?:resistors?\s+|resistance\s+)?from\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b"
                      r"(?P<to>)", re.IGNORECASE)

def _read_request(description: str) -> Request:
    request = Request(_listed(" ".join(items_ended(description).split())))
    # parts read the rail as its node
    text = _RAIL_ALIAS.sub(lambda m: f"node {m['n'] or m['n3']}", _glossed(request.description))
    text = _HYPHENED_UNIT.sub(lambda m: m[0][:-1] + " ", text)
    # "unity gain (0 dB) at 1 kHz", "a gain of 10 (20 dB)": a note restating the gain in decibels, read once
    text = re.sub(r"(?<=\bgain)(\s*\(\s*[-+]?\d+(?:\.\d+)?\s*dB\s*\))"
                  r"|(?<=\bgain\sof\s)(?:[-+]?\d+(?:\.\d+)?\s*(?:V/V)?)(\s*\(\s*[-+]?\d+(?:\.\d+)?\s*dB\s*\))",
                  lambda m: m[0][:-len(m[1] or m[2])] + " " * len(m[1] or m[2]), text, flags=re.IGNORECASE)
    # "3v3 rail", "a 1V8 supply": the level in the notation the readers below look for (not a node "node 3v3")
    text = re.sub(r"(?<![\w.])(?<!node )(\d+)[vV](\d{1,2})\b(?!\s*(?:node|net)\b)", r"\1.\2 V", text)
    text = re.sub(r"(?<=\d) V(DC|AC)\b", r"V \1", text)  # "5 VDC": a level and its kind ("5V DC", the same length)
    text = _ENDS_THEN_VALUE.sub(lambda m: m[0][:m.start("mark") - m.start()] + " " * len(m["mark"]), text)
    text = _APPOSED_NODE.sub(lambda m: f"node {m['n']} (the {m['pin']})", text)
    text = _TO_ZERO_VOLTS.sub(lambda m: m[0][:m.start("z") - m.start()] + "0".ljust(len(m["z"])), text)  # ground
    text = in_digits(text)
    listed: list[str] = []
    equal: list[str] = []
    cards = _cards(text, request)
    cards += [m.span() for m in _MODEL_RUN.finditer(text)]
    for (start, stop), m in zip(_clauses(text), _DESIGNATOR.finditer(text)):
        if any(a <= m.start() < b for a, b in cards):
            continue  # read as a SPICE line, or a model's parameter ("model IS=1e-12 RS=0.5": no resistor RS)
        if m["name"].lower() in _SENTENCE_WORDS:
            continue  # "Connect 10n from x to y", "Lastly 1 mH ...": a word of English, no part's name
        element = _element(text, start, stop, m["name"], m.start())
        # ("It is fed from node rf through RF = 4.7k": the node it comes from, said before it)
        # (any part said done to it through the next: "charged through R11 from node src", "pulled up via R3")
        # ("well fed from VW (2 V DC) through RS ... from node src": a source named there, its node said after)
        fed = re.search(r"\b(?:(?:fed|driven|supplied)\s+"
                        r"(?:from\s+(?:node\s+)?(?P<a>[A-Za-z_]\w*)\s*(?:\([^()]*\)\s*)?)?"
                        r"(?:through|by|via|from)|[a-z]{3,}ed(?:\s+(?:up|down))?\s+(?:through|via))\s+(?:an?\s+|the\s+)?$",
                        text[:m.start()])
        one = fed if fed and fed["a"] and not re.fullmatch(r"(?-i:[VI][A-Z0-9_]*)", fed["a"]) else re.search(
            r"\bfrom\s+" + _NODE.format("a"), text[m.end():stop], re.IGNORECASE)
        if element is not None and element.nodes is None and element.kind in "RCL" and fed and one \
                and request.elements and (last := [n for n in request.elements[-1].placed() if n != "0"]) \
                and one["a"].lower() not in _NOT_NODES:  # "D1 from a to ground fed through R1 from node in"
            element = dataclasses.replace(element, nodes=(_node(one["a"]), last[0]))
        # "L5 and C5 from tank to gnd. R5 = 10k feeds it from drv": from there to the node the part before is on
        feeds_it = re.search(r"\b(?:feeds?|drives?|supplies)\s+(?:it|them)\s+from\s+(?:node\s+)?(?P<a>[a-z_]\w*)",
                             text[m.end():stop], re.IGNORECASE)
        if element is not None and element.nodes is None and element.kind in "RCL" and feeds_it \
                and request.elements and (last := [n for n in request.elements[-1].placed() if n != "0"]) \
                and feeds_it["a"].lower() not in _NOT_NODES:
            element = dataclasses.replace(element, nodes=(_node(feeds_it["a"]), last[0]))
        if element is None and re.fullmatch(r"[\s,]*(?:and\s*)?", text[m.end():stop]):
            listed.append(m["name"])  # "R1, R2 and R3 of 1k each": a name in a list, stated by the last one
            continue
        if element is None and re.match(r"\s*=\s*(?-i:[RCL])\w*\s*=", text[m.end():]):
            equal.append(m["name"])  # "R11 = R12 = 10k": one value for both, stated by the last
            continue
        if element is not None:
            request.elements += [dataclasses.replace(element, name=n, text=f"{n} = {element.value_text}", nodes=None)
                                 for n in equal if n[0].upper() == element.kind]  # (its value, not its place)
            if re.search(r"\b(?:each|both|all)\b", element.text, re.IGNORECASE):
                request.elements += [dataclasses.replace(element, name=n)
                                     for n in listed if n[0].upper() == element.kind]
            request.elements.append(element)
        listed, equal = [], []
    named_by = {ref.upper() for e in request.elements for ref in e.refs}  # "K1 couples L1 and L2": L1 again
    request.elements = [e for i, e in enumerate(request.elements) if not (
        (e.name or "").upper() in named_by and any(f.name == e.name for f in request.elements[:i]))]
    for i, element in enumerate(request.elements[:-1]):  # "R1 = R2 = 10k": one value for both
        after = request.elements[i + 1]
        if element.value is None and element.nodes is None and element.kind == after.kind and \
                re.search(r"=\s*$", element.text):
            request.elements[i] = dataclasses.replace(element, value=after.value, value_text=after.value_text)
    _beside(text, request.elements)
    _shared_value(text, request.elements)
    _coupled_pair(request.elements)
    _worded_coupling(text, request.elements)
    _parameters(text, request)
    _initial_voltages(text, request)
    request.opamp_pins = _opamp_pins(text)
    _listed_together(text, request.elements)
    _named_after_group(text, request.elements)
    _pins_through(text, request.elements)
    _pin_named_nodes(request.elements)
    _known_ends(request.elements)
    request.elements = _merged(request.elements)
    _parallel_bars(text, request.elements)
    _series_middle(text, request.elements)
    by_name: dict[str, ElementConstraint] = {}
    for element in request.elements:
        assert element.name is not None  # every part read so far was read by its name
        old = by_name.setdefault(element.name.upper(), element)
        if old is not element and (old.value, old.nodes) != (element.value, element.nodes) \
                and None not in (old.value, element.value):
            request.problems.append(f"{element.name} is given twice: '{old.text}' and '{element.text}'")
    _tied_to_ground(text, request.elements)
    for pattern, role in ((_OUTPUT_NODE, "output"), (_INPUT_NODE, "input")):
        found = next((n for said in pattern.finditer(text)  # (not "the ADC input adc": the other device's)
                      if (n := said["n3"] or said["n"] or said["n2"] or said["n4"] or said["n5"])
                      and not outside_port(text, said.start())
                      and n.lower() not in _NOT_NODES | IDIOMS | GROUND and n.lower() not in ("a", "an")
                      # ("+ input on ground": an op-amp's pin grounded, no circuit's input)
                      # ("- input on sj", "inverting input n": the summing node, never the circuit's input)
                      and not (role == "input" and inverting_pin(text, said.start()))
                      # ("Current-output DAC": a compound adjective; "output y, rails ±5 V": a word, unless a node)
                      and not text[:said.start()].endswith("-")
                      and not (plain(n, text[said.end():]) and not (said["n3"] or said["n2"]))
                      # ("output unloaded", "copy the input exactly": no name)
                      and not re.fullmatch(r"[a-z]{3,}(?:ed|ing|ly)", n.lower())
                      and not re.fullmatch(r"[RCL]", n)  # ("10k input R": the part, no node r)
                      # ("output on pin 3": a pin and its number, no node's name)
                      and not (n.lower() in PORT_NOUNS and re.match(r"\s*#?\d", text[said.end():]))), None)
        setattr(request, role, _node(found) if found else None)
    # "... then a non-inverting stage with a gain of 2 driving hout.": the node the last stage drives (no input, as a
    # source's "drives node x" would make it)
    if request.output is None and (drives := _STAGE_DRIVES.search(text)) and drives["n"].lower() not in _NOT_NODES:
        request.output = _node(drives["n"])
        request.input = None if request.input == request.output else request.input
    # ("+ input from a divider plus feedback from st_out": the node the feedback is taken from)
    if request.output is None and (back := _FEEDBACK_FROM.search(text)) and not plain(back["n"]) \
            and not _article(back, "n") \
            and back["n"].lower() not in _NOT_NODES | IDIOMS | GROUND and _node(back["n"]) != request.input:
        request.output = _node(back["n"])
    # ("mixo should come out as minus the sum of mixa and mixb": the node a sentence opens with, said to be a result)
    if request.output is None and (subject := _SHOULD_BE.search(text)) and not plain(subject["n"]) \
            and subject["n"].lower() not in _NOT_NODES | IDIOMS | GROUND:
        request.output = _node(subject["n"])
        request.input = None if request.input == request.output else request.input
    worded = said_nodes(text)  # every node named, with the role its words give it ("goes in at lin", "from in to lp")
    for role in ("output", "input"):
        if getattr(request, role) is None:
            setattr(request, role, next((_node(s.node) for s in worded if s.role == role
                                         and _node(s.node) not in (request.input, request.output, "0")), None))
    # "..., diode to bst_out, 47u output cap": the one node its suffix calls an output
    suffixed = {m[1].lower() for m in re.finditer(r"\b(?:to|into|at|on|node)\s+([a-z]\w*_out\d?)\b", text,
                                                 re.IGNORECASE)}
    if request.output is None and len(suffixed) == 1:
        request.output = _node(suffixed.pop())
    # ("Drive it from tkin via a 10k resistor", "The signal comes from trin through a 1k resistor to node trn": the
    # node the drive comes from, through a part, is the input; the node that part goes to, the output where none is
    # said)
    if request.input is None and (fed := _FED_FROM.search(text) or _FED_VIA.search(text)) \
            and fed["n"].lower() not in _NOT_NODES and not _article(fed, "n"):
        request.input = _node(fed["n"])
        if request.output is None and fed["to"] and fed["to"].lower() not in _NOT_NODES | GROUND \
                and _node(fed["to"]) != request.input:
            request.output = _node(fed["to"])
    # ("in lr_in, AC 1 V; out lr_lp": a clause of its own that opens with the port's short word, then its name)
    for role, word in (("output", "out"), ("input", "in")):
        opened = re.search(rf"(?:^|[.;,:]\s*){word}\s+(?P<n>[a-z][a-z0-9]*_\w+|[a-z]+\d\w*)\b(?=\s*(?:[,;.)]|$))",
                           text)
        if getattr(request, role) is None and opened and opened["n"].lower() not in _NOT_NODES:
            setattr(request, role, _node(opened["n"]))
    # ("... when th_in rises past 3.0 V": the one node named with an input's suffix, wherever it is said)
    # ("hum_out the buffered output", "int_out output": a node of a name with a part after "_", said before its role)
    if request.output is None and (first := _NODE_FIRST_OUTPUT.search(text)):
        request.output = _node(first["n"])
    # ("... and tell me v(th_o)": the one node the request asks to see, written as its probe)
    probes = {m[1].lower() for m in re.finditer(r"(?<![\w.])v\(\s*([a-z_]\w*)\s*\)(?!\s*=)", text, re.IGNORECASE)}
    if request.output is None and len(probes) == 1 and (seen := _node(probes.pop())) != request.input:
        request.output = seen
    # ("win_ok is high only while win_in is between 1.5 V and 3.5 V": the node a logic level is said of)
    # (one such node: two said high each on its side are a window's two outputs, placed by ports)
    told = [m for m in _HIGH_WHEN.finditer(text) if m["n"].lower() not in _NOT_NODES and not _article(m, "n")]
    if request.output is None and len({m["n"].lower() for m in told}) == 1 and _node(told[0]["n"]) != request.input:
        request.output = _node(told[0]["n"])
    result, source = function_output(text.lower()), function_input(text.lower())
    if source and result and request.output == _node(source) and request.input in (None, _node(result)):
        # "the mixer output at mx ... keep that DC off a 22k input (22k from dsp to ground)": the source's output
        # is this circuit's input, the load its output
        request.input, request.output = _node(source), _node(result)
    if request.output is None and result and _node(result) != request.input:
        request.output = _node(result)  # "keep node rail at 5 V ...", "a voltage at vout of 1 V per 10 uA"
    if request.input is None and source and _node(source) != request.output:
        request.input = _node(source)  # "the source at src ... keeps the DC away from a 10k input"
    ports = _minuend_first(text, [request.input, *_more_inputs(text, request.input)])
    request.input, request.inputs = ports[0], [p for p in ports[1:] if p]
    named = [request.output, request.input, *request.inputs] + [_node(n) for m in _NAMED_NODE.finditer(text)
                                                for n in [m["n"], *re.findall(r"\w+", m["more"] or "")]]
    named += [_node(m[k]) for m in _NODE_PAIR.finditer(text) for k in ("a", "b")]
    # "the timing capacitor's node is ramp": a node named by whose it is
    named += [_node(m["n"]) for m in _POSSESSED_NODE.finditer(text) if m["n"].lower() not in _NOT_NODES]
    named += [n for e in request.elements for n in (e.nodes or ()) if n]
    named += _part_ends(text) + [_node(s.node) for s in worded]
    placed = {n for e in request.elements for n in (e.nodes or ())}  # "from vcc to base": a node named base
    placed |= {request.input, request.output}  # "to node coil (the collector)": a port that word names
    request.nodes = [n for n in dict.fromkeys(named) if n and n != "0"
                     and (n not in _NOT_NODES or n in placed or called(n))]  # ("diode to node so")
    _sources(text, request)
    _negative_rails(text, request)
    _split_rails(text, request)
    # "a 5 V supply VCC with a series resistor from vcc to a": on vcc; "the battery node vbat ... Sweep the battery
    # source VBAT": on vbat
    for i, s in enumerate(request.sources):
        if s.node is None and s.name and s.name.lower() in request.nodes and (s.supply or s.kind == "V" and re.search(
                rf"\bnode\s+{re.escape(s.name)}\b", text, re.IGNORECASE)):
            request.sources[i] = dataclasses.replace(s, node=s.name.lower())
    _chained(text, request)
    _namesakes(request)
    _charged_through(text, request)
    _swept_pin_sources(text, request)
    _held_nodes(text, request)
    _source_node_asides(text, request)
    _node_first_sources(text, request)
    _probed_levels(text, request)
    _arrivals(text, request)
    _unnamed_behavioural(text, request)
    _stepped_supply(text, request)
    _placed_there(text, request)
    _fed_through_value(text, request)
    _current_sources(text, request)
    _current_source_ac(request)
    _input_pulses(text, request)
    _pin_held_sources(request)
    _pin_placed_diodes(text, request)
    _unnamed_devices(text, request)  # before the unnamed passives: "a zener from ground to reg, fed through 470 ohms"
    _zeners(text, request)
    _source_named_ends(request)
    _across_part(text, request)
    _unnamed_elements(text, request)
    _pins_to_levels(text, request.elements)
    _placed_by_words(text, request)
    _parallel_list(text, request)
    _parallel_group(text, request)
    _series_group(text, request)
    _across_role(text, request)
    _behind(text, request)
    _thevenin(text, request)
    _signal_through(text, request)
    _source_through(text, request)  # after the unnamed parts: "10 nF from f to ground, fed ... through 1k" feeds f
    _group_values(text, request)
    _slash_divider(text, request)
    _series_chain(text, request)
    _fed_currents(text, request)
    _loads(text, request)
    _node_has(text, request)
    _each_through(text, request)
    _made_waves(text, request)
    _names_after_values(text, request.elements)
    _walked_parts(text, request)
    _ends_by_noun(text, request.elements)
    _names_left(text, request)
    _names_alone(text, request)
    _input_at_source(request)
    _input_by_suffix(text, request)
    by_role = read_ports(text)  # the nodes named by their role ("collectors c1 and c2") and the levels stated on them
    if request.output in by_role.roles.get("reference", ()) and (outs := by_role.roles.get("output")):
        request.output = outs[0]  # ("into the reference collector node rx; output collector at node oc")
    if request.input is None and (ins := by_role.roles.get("input")):  # "inputs a and b": the first, then the rest
        request.input, request.inputs = ins[0], [n for n in ins[1:] if not _NOT_SIGNAL.search(n)]
    request.nodes += [n for n in by_role.named() if n not in request.nodes]
    request.sources += [SourceConstraint(level.text, level.node, level.value, supply=bool(RAIL.match(level.node)))
                        for level in port_levels(by_role, {s.node for s in request.sources if s.node})]
    _designated_sources(text, request)  # last: the names, nodes and levels the other readers left out
    _held_named(text, request)
    _own_timings(request)
    for i, s in enumerate(request.sources):  # "my sensor signal at s_in ... the sensor sits at 0.25 V": the input's
        if s.node and request.input and s.node not in request.nodes and s.node != request.input \
                and re.search(rf"\bthe\s+{re.escape(s.node)}\b", s.text) and re.search(
                    rf"\b{re.escape(s.node)}\s+(?:\w+\s+)?(?:at|on)\s+(?:node\s+)?{re.escape(request.input)}\b", text):
            request.sources[i] = dataclasses.replace(s, node=request.input)
    _sources_on_known_nodes(request)
    _pins_fed_by_sources(request)
    _pins_as_ends(text, request)
    _levels_in_asides(text, request)
    # ("Drive lt_inp with 0 V DC + AC 1, ground the other base": the one node a signal is stated on is the input)
    # (a node named as such, never a word a source was misplaced on)
    signals = {s.node for s in request.sources if s.node and s.kind == "V" and not s.supply and s.minus is None
               and (s.ac is not None or s.sin or s.pulse or s.pwl) and s.node != request.output
               and (s.node in request.nodes or re.search(r"[\d_]", s.node))}
    if request.input is None and len(signals) == 1:
        request.input = signals.pop()
        request.nodes += [request.input] if request.input not in request.nodes else []
    # an article read as a node where the request writes it only as one ("from node vin15 into a 1 kΩ load", never
    # "a to b", "node a", "(a"): no node at all
    articles = {w for w in ("a", "an") if not marked(w) and not re.search(
        rf"(?<![\w'.-]){w}(?=\s*(?:[,;:)]|\.(?:\s|$)|$|->)|\s+(?:to|and|or)\b|\s+0\b"
        rf"|\s+[a-z_]\w{{0,3}}\s+(?:[\d.]|dc\b|ac\b))|[(]\s*{w}\b", text, re.IGNORECASE)}  # ("r7 a b 2meg")
    request.elements = [dataclasses.replace(e, nodes=None) if e.nodes and set(e.nodes) & articles else e
                        for e in request.elements]
    if re.search(r"\b(?:no|without|ignor\w*|neglect\w*)\s+(?:the\s+)?body[- ]effect", text, re.IGNORECASE):
        request.model_params.append(ModelParam("no body effect", "gamma", 0.0))
    if re.search(r"\b(?:no|without|ignor\w*|neglect\w*)\s+(?:the\s+)?channel[- ]length[- ]modulation",
                 text, re.IGNORECASE):
        request.model_params.append(ModelParam("no channel-length modulation", "lambda", 0.0))
    # a switch "on above 2.5 V", "closed when v(ctl) is above 1 V": its threshold
    if on := re.search(rf"\bswitch\w*\b.*?\b(?:on|closes?|closed|conducts?)\s+(?:(?:when|once|if)\s+"
                       rf"(?:[^.;]{{0,30}}?\s)?(?:is\s+|goes\s+|rises\s+)?)?(?:above|over|exceeds?)\s+"
                       rf"(?P<v>{_QTY_TEXT}V)", text, re.IGNORECASE):
        threshold = text[on.start("v"):on.end("v")]
        above = re.search(r"(?:above|over|exceeds?)\s+" + re.escape(threshold), on[0], re.IGNORECASE)
        request.model_params.append(ModelParam(above[0] if above else f"on above {threshold.strip()}", "vt",
                                               _quantities(on["v"])[0].value))
    if any(e.kind == "S" for e in request.elements):  # a switch's model in words: "threshold 2.5 V, on resistance 1 Ω"
        for phrase in re.finditer(rf"\b(?P<p>threshold|on[- ]resistance|off[- ]resistance|hysteresis)\s*"
                                rf"(?:of|=|:|is)?\s*(?P<v>{_QTY_TEXT}(?:V|ohms?|Ω)?)", text, re.IGNORECASE):
            name = {"threshold": "vt", "hysteresis": "vh", "on": "ron", "off": "roff"}[
                re.split(r"[- ]", phrase["p"].lower())[0]]
            if (qs := _quantities(phrase["v"])) and not any(p.name == name for p in request.model_params):
                request.model_params.append(ModelParam(phrase[0], name, qs[0].value))
    _jfet_datasheet(text, request)
    if ideal := IDEALITY.search(text):  # "a diode with ideality 1": its N
        request.model_params.append(ModelParam(f"ideality {ideal['n']}", "n", float(ideal["n"])))
    _model_lists(text, request)
    if _MODEL_CONTEXT.search(text):
        for m in [*_MODEL_PARAM.finditer(text), *_MODEL_PARAM_BARE.finditer(text)]:
            if _ON_NODE.match(text, m.end("name")):
                continue  # "VA = 5 V on pa": a source's level, not the Early voltage
            qs = _quantities(text[m.start("value"):m.start("value") + 24])  # "KP = 100 µA/V²": the prefix counts
            value = qs[0].value if qs else None
            if value is not None and any(s.name and s.node and s.name.upper() == m["name"].upper() and s.dc == value
                                         for s in request.sources):
                continue  # ("sources VA on ga ... Set VA = 3.3 V": that source's level, no Early voltage)
            if value is not None:
                name = {"va": "vaf", "vt0": "vto"}.get(m["name"].lower(), m["name"].lower())
                request.model_params.append(ModelParam(m[0], name, value))
    _specs(text, request.specs)
    for i, sp in enumerate(request.specs):  # ("the ADC should read 2.5 V at meas": the level's node, said after it)
        at = text.find(sp.text)
        if sp.quantity == "vout" and sp.node is None and at >= 0 and not re.search(
                r"\b(?:at|on)\s+(?:node\s+)?[a-z_]\w*", sp.text, re.IGNORECASE) and (node := re.match(
                r"\s+(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b(?!\s*=)", text[at + len(sp.text):], re.IGNORECASE)) \
                and _node(node["n"]) in request.nodes:
            request.specs[i] = dataclasses.replace(sp, node=_node(node["n"]))
    _share_of_source(text, request)
    if request.output is None:  # "I want 3 V at node mid": the node a level is wanted at is the output
        request.output = next((s.node for s in request.specs if s.quantity == "vout" and s.node), None)
    # ("st_o drops low when st_i rises past 3.2 V": the node whose crossing the output answers is the input)
    # (not a supply a monitor watches: "drops to 0 once vcc sinks below 2.7 V" keeps vcc the rail it is)
    crossing = {_node(m["n"]) for m in _CROSSES.finditer(text) if m["n"].lower() not in _NOT_NODES
                and not _article(m, "n") and not RAIL_NAME.search(m["n"].lower())} - {"0"}
    wanted = next((s.node for s in request.specs if s.quantity == "vout" and s.node), None)
    if request.output in crossing and wanted and wanted not in crossing:
        request.output = wanted  # ("flag bw_ok should read 5 V whenever node bw_s is between ...": bw_s is watched)
    crossing -= {request.output}
    if request.output and request.input is None and len(crossing) == 1:
        request.input = crossing.pop()
    # ("VBG on node bgsrc ... reached through 47k (47k from bgsrc to bgw)": a source behind one stated resistor whose
    # far end nothing else stated touches feeds the circuit there)
    for feeding in [s for s in request.sources if s.node and s.node != "0"] if request.input is None else []:
        # (not a part of the circuit's own by its role: "through a 4.7k base resistor to dl_b")
        series = [e for e in request.elements if e.kind == "R" and feeding.node in e.placed() and "0" not in e.placed()
                  and len(set(e.placed())) == 2 and not re.search(
                      r"\b(?:base|gate|emitter|collector|drain|feedback|input|load|bias|pull\w*|gain|timing|sense)\b",
                      e.text, re.IGNORECASE)]
        far = next((n for n in series[0].placed() if n != feeding.node), None) if len(series) == 1 else None
        if far and far != request.output and sum(far in e.placed() for e in request.elements) == 1 \
                and not any(s.node == far for s in request.sources):
            request.input = far
            break
    # "F1 from out to ground with gain 50": a controlled source's own figure, not a gain the circuit must measure
    request.specs = [s for s in request.specs if not any(
        e.kind in "EFGH" and e.value is not None and s.text in e.text and math.isclose(s.target, e.value)
        for e in request.elements)]
    # "5.1 V at out" of a regulator is its output's spec, not a source holding out at 5.1 V.
    said = {s.text for s in request.specs if s.quantity == "vout"}
    # "hold out at 6.2 V from a 15 V supply", "chop off everything above 2 V at out", "a divider from a 9 V supply
    # that should give 2.5 V at out": the level a spec holds the output at is the spec's, not a source's
    # ("node boom should be ten times node tiny ... tiny sits at 0.25 V DC for the test": a level on the input is its
    # source's, no output spec)
    inputs = [s for s in request.sources if s.node and s.node == request.input != request.output and s.dc is not None
              and not s.supply]
    request.specs = [s for s in request.specs if not (s.quantity == "vout" and any(
        s.text in i.text and i.dc is not None and math.isclose(s.target, i.dc) for i in inputs))]
    # ("between node v12 (12 V) and node ld": a level noted on a named node is that node's, no output's)
    noted = [s for s in request.sources if not s.name and s.node and s.dc is not None
             and re.fullmatch(r"(?:\w+\s+)?(?:node\s+)?\w+\s*\(\s*[^()]*\)", s.text)]
    request.specs = [h for h in request.specs if not (h.quantity == "vout" and any(
        h.text in s.text and math.isclose(h.target, s.dc or 0.0) for s in noted))]
    held = [s for s in request.specs if s.quantity in ("vout", "clip")]
    # ("so that node b sits at 3 V": a port's level read inside the spec's words, no source; "Make a 4.096 V reference
    # at node r4096": the spec's level, read again where its words and the source's overlap)
    request.sources = [s for s in request.sources if (s.name or s.supply or not any(s.text in t for t in said))
                       and (s.name or s.supply or s.dc is None or not any(
                           math.isclose(s.dc, h.target) and _level_within(text, s, h.text) for h in held))
                       and (s.name or not any(
        h.text in s.text and s.dc is not None and math.isclose(s.dc, h.target) and _level_in(s, h.text) for h in held))
        and (s.name or s.supply or s.node != request.output or not _AIMED.search(s.text))]
    # "a divider from a 12 V supply that gives 5 V at node mid": the supply's sentence also holds the level it is to
    # make at the output; that level is the output's spec, and the supply's own level is another figure of it
    for supplied in [s for s in request.sources if s.supply and not s.name and s.node == request.output]:
        aimed = _AIMED.search(supplied.text)
        level = _quantities(aimed[0])[0].value if aimed and _quantities(aimed[0]) else None
        if aimed and level is not None and supplied.dc is not None and math.isclose(level, supplied.dc) and \
                re.search(r"\d\s*V\b[^.;]*?\b(?:supply|rail|source|battery)\b|\b(?:supply|rail|battery)\s+of\s+\d",
                          supplied.text[:aimed.start()], re.IGNORECASE):
            request.sources.remove(supplied)
            if not any(sp.quantity == "vout" for sp in request.specs):
                request.specs.append(Spec(aimed[0].strip(), "vout", level))
    supplies = {said.node for said in worded if said.role == "supply"}  # "powered from node batt (9 V)": a supply
    request.sources = [dataclasses.replace(s, supply=True) if not (s.name or s.supply or s.sin or s.pulse)
                       and s.dc is not None and s.dc > 0 and s.node in supplies else s for s in request.sources]
    # "a 1k load from vgnd to the 0 V rail": ground, no supply; "from a 10 V rail into a 2k load at node ld": the
    # rail's level, not on the node the load hangs on (the output)
    request.sources = [dataclasses.replace(s, node=None) if s.supply and not s.name and s.node and re.search(
        rf"\bload(?:ed)?\s+(?:by\s+\S+\s+)?(?:at|on|across)\s+(?:node\s+)?{re.escape(s.node)}\b", s.text, re.IGNORECASE)
        else s for s in request.sources if not (s.supply and not s.name and s.dc == 0 and not (s.sin or s.pulse))]
    # ("a 470 nF capacitor Cx from node hp to ground": one part, read by its name and again as an unnamed one)
    request.elements = [e for e in request.elements if e.name or not any(
        k.name and k.kind == e.kind and k.value == e.value
        and re.search(rf"(?<![\w.]){re.escape(k.name)}(?![\w.])", e.text) for k in request.elements)]
    return request


_POSSESSED_NODE = re.compile(r"\b[\w-]+(?:\s+[\w-]+){0,2}['\u2019]s\s+(?:\w+\s+)?node\s+(?:is\s+)?"
                             r"(?:called\s+|named\s+)?(?:node\s+)?(?P<n>[a-z_]\w*)\b(?![(])", re.IGNORECASE)


# "and tie dcn to ground", "short node x to ground": a node of the listed parts joined straight to ground, by no part
_TIED_DOWN = re.compile(r"\b(?:tie|short|connect|strap|return)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s+"
                        r"(?:directly\s+|straight\s+)?to\s+(?:ground|gnd|0)\b(?=\s*(?:[,;]|\.(?:\s|$)|$|\band\b))",
                        re.IGNORECASE)


def _tied_to_ground(text: str, elements: list[ElementConstraint]) -> None:
    """A node the request ties to ground with no part of its own, among parts it lists by name: a wire, written as a
    1 mΩ resistor (the node keeps its name, which the request uses)."""
    placed = {n for e in elements if e.name for n in e.placed()}
    for m in _TIED_DOWN.finditer(text):
        if _node(m["n"]) in placed - {"0"} and len([e for e in elements if e.name]) >= 2:
            elements.append(ElementConstraint(m[0], "R", None, (_node(m["n"]), "0"), 1e-3, "1m"))


def _level_within(text: str, source: SourceConstraint, said: str) -> bool:
    """Whether the figure the source's level was read from stands inside the words `said` ("Make a 4.096 V reference
    at node r4096": the spec's own figure; not "a 1.65 V reference on node rf (the output rests at 1.65 V)", where the
    output's figure is another one)."""
    at, where = text.find(source.text), text.find(said)
    own = next((q for q in _quantities(source.text) if q.unit == "V" and source.dc is not None
                and math.isclose(q.value, source.dc)), None)
    return at >= 0 and where >= 0 and own is not None and where <= at + own.start < where + len(said)


def _level_in(source: SourceConstraint, said: str) -> bool:
    """Whether the source's level is the figure of the words `said` inside its statement ("hold out at 6.2 V"), not
    one of its own said before them ("a 2.5 V reference on node vref (output sits at 2.5 V ...)")."""
    at = source.text.find(said)
    own = next((q for q in _quantities(source.text) if q.unit == "V" and source.dc is not None
                and math.isclose(q.value, source.dc)), None)
    return own is None or at <= own.start < at + len(said)


# "about 1.2 V at node bg", "full scale gives -7 V at aout": a level the circuit is to reach or make at its output
# (ports.said_nodes reads that node as the output), no source holding it there
_AIMED = re.compile(r"\b(?:about|around|roughly|approximately|nearly|near|close\s+to|gives?|giving|produces?|producing"
                    r"|delivers?|delivering|makes?|making|want|need|get)\s+[-+\u2212]?\d[\d.]*\s*[mµu]?V\s+(?:at|on)\s+(?:node\s+)?"
                    r"[a-z_]\w*\b", re.IGNORECASE)
