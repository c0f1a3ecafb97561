"""The ports a request names on a circuit, by role, and the levels it states on them.

    "collectors c1 and c2", "inputs inp = 1.005 V and inn = 1.000 V", "out = 10 (v(p) - v(m))",
    "each stage output s1 to s5", "driven by ctl", "p sits at 2.2 V DC and n at 2.0 V DC", "on 5 V"

A family builds its circuit on its own node names; these are the names the user gives the same
ports (read by role word and by position in a list) and the DC levels stated on them, so compose.py
can put the user's names and levels on the family's ports. A level stated on a port is that port's
source, never the supply; a supply is read only from "on/from/off N V" and "an N V supply/battery".
Pure: a string in, dataclasses out.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from spice_lsp.generation.vocabulary import (
    ARTICLES,
    FUNCTION,
    GROUND,
    IDIOMS,
    NOT_NODES,
    OUTSIDE,
    PARTS,
    PINS,
    PLACES,
    PLAIN,
    PORT_NOUNS,
    ROLES,
    VERBS,
    marking,
    plain,
)

# Words that follow a role word or "at" but name no node: "inputs in the bridge" reads no port "in" here.
_NOT_NAMES = NOT_NODES | ARTICLES | GROUND | PORT_NOUNS | PLAIN | {"in"}
_ANY = r"[a-z_][a-z0-9_]*"
_NAME = r"(?!(?:" + "|".join(sorted(_NOT_NAMES)) + r")\b)" + _ANY
_LEVEL = r"(?P<{0}>[-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+))\s?(?P<{0}u>[mµu]?)V\b"
_SCALE = {"": 1.0, "m": 1e-3, "µ": 1e-6, "u": 1e-6}

# "collectors c1 and c2", "bases inp and inn at 0 V DC", "inputs inp = 1.005 V and inn = 1.000 V",
# "bridge outputs sp and sn", "each stage output s1 to s5", "collector node c"
_FET = re.compile(r"\b(?:n-?jfets?|p-?jfets?|jfets?|mosfets?|[np]mos|fets?|[np]-channel|common[- ]source|drain)\b",
                  re.IGNORECASE)
_FET_SOURCE = re.compile(r"\bsource\s+(?:node|pin|terminal)\s+(?:is\s+|at\s+|=\s*)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)
_SWITCH_NODE = re.compile(r"\bswitch(?:ing)?\s+node\s+(?:is\s+|at\s+|=\s*)?(?P<n>[a-z_]\w*)\b", re.IGNORECASE)
_ROLE_WORDS = {"input": "input", "output": "output", "collector": "collector", "base": "base",
               "emitter": "emitter", "drain": "drain", "gate": "gate", "anode": "anode", "cathode": "cathode"}
# ("inputs a and b": a port may be called "a" where a list's "and" or comma follows it)
_LISTED = r"(?:a(?=\s*(?:,|\band\b))|" + _NAME + r")"
# ("outputs t1 (1 V), t2 (2 V)", "inputs da (5 V DC) and db (0 V DC)": the level in parentheses is said of that item)
# ("bridge outputs sg_p (gauge side) and sg_n", "inputs nd_a (source VNA) and nd_b (VNB, held at 0 V)", "outputs
# ps_c (collector, inverted)": any short aside in parentheses is said of the item before it; _ASIDE reads it)
_ASIDE = r"\s*\([^()]{1,48}\)"
# ("outputs ps_c at the collector and ps_e at the emitter": the pin each is taken at, an aside too)
_AT_PIN = r"\s+(?:at|on)\s+the\s+(?:collector|emitter|base|drain|gate)\b"
_ITEM = _LISTED + (r"(?!\s+[-+\u2212]?\d)"  # ("input at node vx, thresholds 1 V and 4 V": a noun and its figures)
                   r"(?:\s*(?:=|\s+at)\s*[-+\u2212]?[\d.]+\s?[mµu]?V\b(?:\s+DC\b)?|" + _ASIDE + "|" + _AT_PIN + r")?")
# (nor a word that a part's noun follows: "output node sq, timing capacitor node ramp" lists no output "timing")
# (nor a word its own phrase goes on from: "output y, reference at ground", "input vi_in, set to 3 V", "unity-gain")
# (nor a noun that heads a list of its own or a node's name: "input node a0, taps a1, a2 and a3" lists no input
# "taps", "input a1, middle node mid" no "middle")
_NOT_ROLE = r"(?![\s-]+(?:\w+\s+)?(?:input|output)s?\b)(?!\s+[a-z]+[\d_]\w*\s*(?:[,;]|\band\b))" \
    r"(?!\s+(?:\w+\s+)?node\b)" \
    r"(?!\s+(?:capacitor|resistor|inductor|diode|cap|transistor)s?\b)(?!-\w|\s+(?:to|from)\s|\s+(?:at|on)\s+(?![-+\u2212]?\d))"
_ROLE_LIST = re.compile(
    # ("bridge nodes bl and br": the qualifier says the role)
    # (a role word may open its sentence: "Bases are left and right")
    # (not the last word of a compound: "Common-emitter amp, gain 8" names no emitter "amp")
    r"(?<!-)\b(?:(?P<qual>(?i:stage|bridge))\s+)?(?P<role>(?i:" + "|".join(_ROLE_WORDS) + r")|(?<=bridge\s)node"
    r"|(?<=stage\s)node)s?(?:\s*:)?\s+"
    r"(?:are\s+|at\s+|on\s+)?(?:the\s+)?(?:(?:nodes?|ends|terminals|pins|ports)(?:\s*:)?\s+)?(?:named\s+|called\s+)?"
    r"(?P<list>(?P<first>" + _NAME + r")(?:\s+(?:to|through)\s+|\s*\.\.\.?\s*)(?P<last>" + _NAME + r")\b"
    # ("square output at sqo, triangle output at trio": a word before another role word starts the next port's phrase)
    # (a list ends at its "and" item: "bridge nodes bl and br, followed by ...")
    r"|" + _ITEM + r"(?:\s*,\s*" + _ITEM + _NOT_ROLE + r")*(?:\s*,?\s+and\s+" + _ITEM + _NOT_ROLE + r")?)"
    # ("drain on the high side sda_h": a word before what it qualifies names no port)
    r"(?![\w(])(?!\s+(?:side|sides|rail|line|signal)\b)(?:\s+at\s+" + _LEVEL.format("all") + r"(?:\s+DC)?)?")
# "Bases are left and right", "the collectors are top and bot": two names a plural role word says it is, words of
# place included (not "inputs are tied and grounded", "outputs are high and low": what they are, no names)
# ("inputs at nodes plus and minus": any word but grammar, where "nodes" calls them so)
_ROLES_ARE = re.compile(r"\b(?P<role>(?i:" + "|".join(_ROLE_WORDS) + r"))(?:s|\s+(?P<named>nodes|terminals|pins|ports))"
                        # ("the two output nodes are bx and by": the plural on the node noun)
                        r"\s+(?:(?P<are>are)\s+)?(?:(?:at|on)\s+)?"
                        # ("Outputs are the two bridge midpoints sg_p and sg_n": the nodes by what they are)
                        r"(?:the\s+)?(?:(?:two|both)\s+)?(?P<nodes>(?:[a-z]+\s+)?(?:nodes|midpoints|junctions|taps|ends|"
                        r"terminals)\s+)?(?P<a>[a-z_]\w*)\s+and\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b"
                        r"(?!\s*[-(])")
# "comparator outputs on nodes q1 q2 q3": names with their numbers, listed with spaces only after "nodes"
# ("outputs q0 q1 q2 at 6, 4 and 2 V": numbered names need no "nodes")
_SPACED = re.compile(r"\b(?P<role>input|output)s\s+(?:(?:at|on)\s+)?(?:the\s+)?(?:nodes\s+)?"
                     r"(?P<list>[a-z_]+\d\w*(?:\s+(?:and\s+)?[a-z_]+\d\w*)+)\b")
# "Input node name: Vinp, Vinn, Vbias." / "output pins: y1, y2": a specification line, any case, its names in order
_SPEC_LIST = re.compile(r"\b(?P<role>input|output)s?\s+(?:(?:node|pin|port|terminal)s?\s+)?names?\s*:\s*"
                        r"(?P<list>[a-z_]\w*(?:\s*,\s*(?:and\s+)?[a-z_]\w*|\s+and\s+[a-z_]\w*)*)(?!\w)",
                        re.IGNORECASE)
# "square output at sqo", "triangle-wave output on node trio", "high-pass output hp1": a port of several of its role,
# told apart by what it carries (compose.py finds the family's node the word names)
# ("a lag section whose output is node lag_o", "the lead network with its output at ld": the section's qualifier)
# ("Q output qo and Q-bar output qbo": a capital or two, a port's own letters)
# ("Amplifier output at node xin, ...": a word that starts its sentence, capitalised)
_QUALIFIED = re.compile(r"\b(?P<qual>(?:in-)?[a-z]{3,}(?:-[a-z]+)?|[A-Z]{1,2}(?:-[a-z]+)?|(?<![^.;:]\s)(?<=\s)"
                        r"[A-Z][a-z]{2,}(?:-[a-z]+)?|^[A-Z][a-z]{2,}(?:-[a-z]+)?)[\s-]+"
                        r"(?:(?:section|stage|network|branch|path)\s+(?:whose|"
                        r"with\s+its)\s+)?(?:wave\s+)?(?P<role>input|output)\s+"
                        r"(?:is\s+|at\s+|on\s+)?"
                        r"(?:the\s+)?(?:node\s+(?:is\s+)?(?P<k>" + _ANY + r")\b"
                        # (a name the word "node" gives may go on with its verb: "square output at node sqo feeds
                        # the integrator")
                        r"(?=\s*(?:[,;:)]|\.(?:\s|$)|$)|\s+(?:and|at|on|with)\b|\s+(?!is\b|was\b|has\b)[a-z]+s\b)"
                        r"|(?P<n>" + _NAME + r")\b"
                        # the name ends its phrase ("whose output feeds back" names no node)
                        r"(?=\s*(?:[,;:)]|\.(?:\s|$)|$)|\s+(?:and|at|on|with)\b))")
# "bring out the low-pass as tt_lp", "take the high-pass output at node hp too": a further output by what it carries
_BROUGHT_OUT = re.compile(r"\b(?:bring|brings|bringing|take|takes|taking|tap|taps)\s+(?:out\s+)?(?:the\s+)?"
                          r"(?P<qual>[a-z]{3,}(?:-[a-z]+)?)\s+(?:output\s+)?(?:out\s+)?(?:as|at|on)\s+(?:node\s+)?"
                          r"(?P<n>" + _NAME + r")\b", re.IGNORECASE)
# Qualifiers that say a port is the whole circuit's, not a stage's: "final output", "overall input".
_WHOLE = {"final", "overall", "main", "last"}
_STAGE_WORDS = {"buffer", "follower", "intermediate", "first", "first-stage"}  # an inner stage's output
# An output said by its phase, of one transistor: taken at its collector (inverted) or its emitter (in phase).
_PHASE_PINS = {**dict.fromkeys(("inverted", "inverting", "anti-phase", "antiphase", "out-of-phase"), "collector"),
               **dict.fromkeys(("in-phase", "non-inverted", "non-inverting", "noninverting"), "emitter")}
# "the midpoints are nodes m1 and m2", "bridge midpoints bp and bn", "midpoint nodes a1 and a2": a bridge's two
# sides (the role a bridge family declares)
_MIDPOINTS = re.compile(r"\b(?i:bridge\s+)?(?i:mid-?points?)\s+(?:nodes\s+)?(?:are\s+)?(?:(?:at|on)\s+)?(?:the\s+)?"
                        r"(?:nodes\s+)?(?P<a>" + _NAME + r")\s+and\s+(?:node\s+)?(?P<b>" + _NAME + r")\b(?![\w(])")
# The class: a bridge's two midpoints told apart by the arm each is on ("node sg is the gauge side midpoint, node sr the
# reference side", "the sensor-side junction is node tp and the fixed-side junction node tn"): the "bridge" role, the
# sensing side first (the order the bridge families declare theirs: the gauge's midpoint, then the reference one).
_SENSING_SIDE = r"gauge|sensor|active|strained|sensing|measuring|thermistor|rtd|ntc|pt100|pt1000"
_SIDE_QUAL = rf"(?P<q>{_SENSING_SIDE}|reference|ref|dummy|fixed|completion|compensating|resistor)"
_SIDE_SAID = re.compile(rf"\bnode\s+(?P<n>{_NAME})\s*,?\s+(?:is\s+)?(?:on\s+)?(?:the\s+)?{_SIDE_QUAL}[\s-]+side\b"
                        rf"|\b{_SIDE_QUAL.replace('?P<q>', '?P<r>')}[\s-]+side(?:[\s-]+(?:mid-?point|junction|node))?"
                        rf"\s+(?:is\s+|at\s+|on\s+)?(?:node\s+)?(?P<m>{_NAME})\b(?![(])", re.IGNORECASE)


_ON_SIDE = re.compile(rf"\b(?:{_SENSING_SIDE})\b(?:[^.;]|\.\d){{0,60}}?\bon\s+the\s+(?P<n>{_NAME})\s+side\b",
                      re.IGNORECASE)
_OTHER_ARM = re.compile(rf"\bother\s+(?:(?:arm|side|leg)(?:'s)?\s+)?(?:mid-?point|junction|node)\s+(?:is\s+)?"
                        rf"(?:node\s+)?(?P<n>{_NAME})\b", re.IGNORECASE)


_SIDE_ASIDE = re.compile(rf"(?P<n>{_NAME})\s*\(\s*(?:the\s+)?(?:{_SENSING_SIDE})[\s-]+side\s*\)", re.IGNORECASE)


def bridge_sides(text: str) -> tuple[str, str] | None:
    """(sensing side, reference side) of a bridge whose midpoints the request tells apart by their arms (_SIDE_SAID);
    None unless it says both."""
    sides: dict[bool, str] = {}
    for m in _SIDE_SAID.finditer(text):
        qual, node = (m["q"], m["n"]) if m["n"] else (m["r"], m["m"])
        sides.setdefault(re.fullmatch(_SENSING_SIDE, qual.lower()) is not None, node.lower())
    # ("the active gauge strained to 350.7 ohm (lower arm on the sg_a side), other arm's midpoint sg_b", "outputs
    # outp (RTD side) and outn")
    if on := _ON_SIDE.search(text) or _SIDE_ASIDE.search(text):
        sides.setdefault(True, on["n"].lower())
    if other := _OTHER_ARM.search(text):
        sides.setdefault(False, other["n"].lower())
    return (sides[True], sides[False]) if len(sides) == 2 and sides[True] != sides[False] else None


# "the non-inverting input is dp", "the minus input ia_m": the side of a differential input ("plus input", "minus
# input": compose.py puts it on the family's first or second input, + then -)
_SIDES = {**dict.fromkeys(("non-inverting", "noninverting", "plus", "positive"), "plus"),
          **dict.fromkeys(("inverting", "minus", "negative"), "minus")}
# "square at sqw, triangle at trw", "the square wave on node sq1", "the low band leaves on node bass", "tweeter hpt":
# a port told apart by the wave or band it carries, with no role word; a speaker's or a band's word stands for the
# filter that feeds it (compose.py finds the family's node short for that word: "lp" for low-pass)
_CARRIES = {**dict.fromkeys(("woofer", "bass", "low"), "lowpass"), **dict.fromkeys(("tweeter", "treble", "high"),
                                                                                  "highpass"),
            "mid": "bandpass", "band": "bandpass"}
# (the wave's word in any case: "Square wave on node fsq" starts its sentence)
# ("the band-pass at bq_bp and the low-pass at bq_lp": a filter's outputs by their response)
_CARRIED = re.compile(r"\b(?P<qual>(?i:square|triangle|triangular|sawtooth|ramp|sine|cosine|woofer|tweeter|bass|treble"
                      r"|(?:low|high|band)[- ]?pass|notch)"
                      r"|(?:low|high|mid|band)(?=[\s-]+(?:band|range|frequencies|output|out)\b))"
                      r"(?:[\s-]+(?:wave|band|range|frequencies|signal|channel|speaker|driver|terminal))?"
                      # (where it is said: "at", "on" or "node", or a role word: "square output sq"; not "a triangle
                      # generator with ...")
                      r"(?:(?:[\s-]+(?:output|out))?(?:\s+(?:leaves|comes\s+out|appears|exits|emerges|is|goes|go|is\s+sent|"
                      r"is\s+routed))?\s+(?:at|on|to)\s+"
                      # ("the triangle is node trio", "the square sits on node sqw": a verb of place, then "node")
                      r"(?:node\s+)?|\s+(?:(?:is|sits|lies)\s+(?:(?:at|on)\s+)?)?node\s+|[\s-]+(?:output|out)\s+(?:node\s+)?"
                      # ("the tweeter (8 ohm resistor, node tw)": its node said last in its parentheses)
                      r"|\s*\((?:[^()]*?,\s*)?node\s+)"
                      r"(?P<n>" + _NAME + r")\b(?=\s*(?:[,;:)]|\.(?:\s|$)|$)|\s+(?:and|with)\b)")
# "sine and cosine outputs on nodes qd_sin and qd_cos", "square and triangle outputs sq and tri": two ports told
# apart by what each carries, the names in the same order
_CARRIED_PAIR = re.compile(r"\b(?P<q1>[a-z]{3,})\s+and\s+(?P<q2>[a-z]{3,})(?:[\s-]+wave)?\s+(?P<role>input|output)s\s+"
                           r"(?:(?:are\s+)?(?:at|on)\s+)?(?:(?:the\s+)?nodes\s+)?(?P<a>" + _NAME + r")"
                           r"\s*(?:,|\band\b)\s*(?:node\s+)?(?P<b>" + _NAME + r")\b(?![\w(])")
# "input code 1010 as DC levels 5 V/0 V on b3..b0", "outputs on q0...q3": a range of names, the role word before it
_DOTTED = re.compile(r"\b(?P<role>input|output)s?\b[^.;:]*?(?<![\w.])(?P<first>" + _NAME + r")\s*\.\.\.?\s*(?P<last>"
                     + _NAME + r")\b")
# "driven by ctl", "a 2 V control level at ctl", "clocked by clk"
# "the summing node sn", "feedback tap node fbk", "virtual-ground node vg": the inverting input of the one op-amp
# "the reference collector node ref", "output collector at node mout": a pin told apart by the side of a mirror it
# is on, the reference (diode-connected) side or the output
_SIDED_PIN = re.compile(r"\b(?P<q>reference|ref|input|diode[- ]connected|output|copy|mirrored)\s+"
                        r"(?:transistor'?s?\s+|side\s+)?(?P<pin>collector|drain)\s+(?:is\s+|at\s+|on\s+)?(?:node\s+)?"
                        r"(?P<n>" + _NAME + r")\b(?![(])"
                        # ("the diode-connected transistor (node cm_ref)": the device's side, its node in an aside)
                        r"|\b(?P<q2>reference|ref|diode[- ]connected|output|mirrored)\s+"
                        r"(?:transistor|device|side|npn|pnp|nmos|pmos)\s*\(\s*(?:node\s+)?(?P<n2>" + _NAME + r")\s*\)",
                        re.IGNORECASE)
# "both inputs 0.5 V DC", "each input at 1 V", "all inputs held at 2 V": one level for every input named
_EACH_INPUT = re.compile(r"\b(?:both|each|all)\s+(?:of\s+the\s+)?inputs?\s+(?:are\s+|is\s+|sit\s+|held\s+|set\s+)?"
                         r"(?:at\s+|to\s+)?" + _LEVEL.format("v"), re.IGNORECASE)
# "the sum of the voltages on a and b", "the signals at x1, x2 and x3": the inputs, by the levels they carry
# (a name here may be a word of English: "on a and b")
_LEVELS_ON = re.compile(r"\b(?:voltages|signals|levels)\s+(?:on|at)\s+(?:nodes?\s+)?(?P<list>" + _ANY
                        + r"(?:\s*,\s*" + _ANY + r")*,?\s+and\s+" + _ANY + r")\b(?!\s+\w+\s+(?:and|or)\b)")
_SUMMING = re.compile(r"\b(?:summing|feedback|virtual[- ]ground)\s+(?:tap\s+)?(?:node|junction|point|tap)\s+"
                      r"(?:is\s+)?(?:node\s+)?(?P<n>" + _NAME + r")\b(?![\w(])")
# "middle node mid", "the junction node jx", "midpoint node m1": the one inner node of a chain, between its input and
# its output
# ("the node between the stages is hp_b": the same node, said by its place)
_INNER = re.compile(r"(?:\b(?i:middle|mid|mid-?point|junction|inner|intermediate|cent(?:re|er))\s+node\s+"
                    r"|\bnode\s+between\s+(?:the\s+)?(?:two\s+)?(?:stages|sections)\s+)(?:is\s+)?(?:node\s+)?"
                    r"(?P<n>" + _ANY + r")\b(?![\w(])")
_CONTROL = re.compile(r"\b(?:driven|controlled|clocked|gated|switched)\s+by\s+(?:node\s+)?(?P<n>" + _NAME + r")\b"
                      r"(?![=(])|\bcontrol\w*\s+(?:\w+\s+){0,2}?(?:at|on)\s+(?:node\s+)?(?P<m>" + _NAME + r")\b")
# "out = 10 (v(p) - v(m))", "vout = -(v(a) + 2 v(b))": the inputs in the order the equation writes them
_EQUATION = re.compile(r"\bv?out\)?\s*=\s*(?P<expr>[^=;]*?v\(\w+\)(?:[^=;.]|\.\d)*)", re.IGNORECASE)
# "vsum = -(2 va + vb)", "y = 0.5 (a - b)", "vo = -3 v(x)": an equation names its output and its inputs, with or
# without v( ), each with its weight; lowercase names only ("R1 = R2": parts), units no name ("gain = 20 dB")
# ("2 x s1": a weight times its node, the "x" written as a letter)
_TIMES = r"(?:[*×·]|x(?=\s))"
_TERM = r"(?:\d+(?:\.\d+)?\s*" + _TIMES + r"?\s*)?(?:v\(\s*[a-z_]\w*\s*\)|[a-z_]\w*)"
# ("df_out = 1.65 + 5*(df_a - df_b)": an offset before its terms)
_NAMED_EQUATION = re.compile(r"(?<![\w.(])(?P<out>[a-z_]\w*)\s*=\s*"
                             r"(?:\d+(?:\.\d+)?\s*[-+\u2212]\s*(?=\d*\.?\d*\s*\*?\s*\())?"
                             r"(?P<expr>[-+\u2212]?\s*"
                             r"(?:\d+(?:\.\d+)?\s*" + _TIMES + r"?\s*)?\(?\s*[-+\u2212]?\s*" + _TERM
                             + r"(?:\s*[-+\u2212]\s*" + _TERM + r")*\s*\)?)"
                             r"(?![\w(]|\.\d|\s*[*/^(]|\s+[a-z_]\w*\s*[-+*/)])"
                             # it ends its clause ("... = -(2 a + b). Check", "... with op-amps"), or it was a
                             # parameter's figure and the words after it ("tc2 = 0.001 between a and b")
                             r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:and|with|for|where|when|using|so|at|in|on|by|then|while|"
                             r"which|that|to)\b)")
# An equation's left side written as a probe, "v(x) =": the node x (same length: positions hold)
_PROBED_OUT = re.compile(r"(?<![\w.])[vV]\(\s*(?P<n>[a-z_]\w*)\s*\)(?=\s*=(?!=))")
_UNIT = re.compile(r"(?:[fpnuµmk]|meg)?(?:v(?:pp|p|pk|rms|dc|ac)?|a|hz|s|f|h|ohms?|db[mv]?|w|sec\w*)|deg\w*|pi"
                   r"|[rclkqdmjx]\d+"
                   r"|[fpnuµmkg]|meg", re.IGNORECASE)  # a scale alone: "r = 2.2k" is a value, no 2.2 times node k
_QUANTITIES = {"gain", "av", "fc", "f0", "tau", "bw", "vt", "vth", "ratio", "k", "q", "f", "n", "m", "t"}
# "input ti, output to.", "input in;": a role word whose clause ends on a word of grammar names that node
# ("output so (positive for tension)": a word that opens no phrase is a name before a parenthesis too)
_ENDED_ROLE = re.compile(r"\b(?P<role>input|output)\s+(?:node\s+)?(?:(?P<n>to|at|on|of|in|by|for|as|is|from|with|via|"
                         r"into|onto|it|or|if)(?=\s*(?:[.,;:!?)](?!\w)|$))|(?P<m>so|up|off|no|not|but|all|any|then)"
                         r"(?=\s*(?:[.,;:!?)](?!\w)|\(|$)))")
# "the output (vo) should sit at", "input=u1, output=u2", "in: sig / out: so", "the collector node is col": a role
# word, then one name in parentheses, after "=" or ":" ending its phrase, or after "node is" (an arrow is a signal's
# path, no naming: "in -> out")
_ROLE_NAMED = re.compile(r"\b(?P<role>(?i:" + "|".join(_ROLE_WORDS) + r"|in|out))(?:\s*\(\s*(?:node\s+)?(?P<p>" + _NAME
                         + r")\s*\)|\s*(?:=|:)\s*(?P<e>" + _NAME + r")\b(?!\s*[-+*(]|/\w)"
                         r"(?=\s*(?:[,;/)]|\.(?:\s|$)|$|\s+(?:and|with|at|on)\b))"
                         r"|\s+node\s+is\s+(?P<i>" + _NAME + r")\b"
                         # ("..., drain is jf_d.": a pin's name said last in its phrase)
                         r"|\s+is\s+(?P<i2>" + _NAME + r")\b(?=\s*(?:[,;)]|\.(?:\s|$)|$)))")
# The word before a role word that makes it another device's port ("the ADC input (node adc)"), not a determiner
# ("a 15 V input (node vin15)": a unit after its figure is no device; "my ADC's input (node adcin)": a device outside
# the circuit, its possessive said)
_OTHER_DEVICE = re.compile(r"(?<![\w'])(?<!\d\s)(?!(?:the|its|their|our|my|your|whose|this|that|and|with|an?)\s)"
                           r"(?:[a-z]\w*|(?:" + "|".join(sorted(OUTSIDE)) + r")['\u2019]s)\s+$",
                           re.IGNORECASE)
# "ii is where the signal comes in, io where it leaves": the nodes by what the signal does there
_WHERE = re.compile(r"(?<![\w.])(?P<n>" + _NAME + r")\s+(?:is\s+)?where\s+(?:the\s+)?(?:signal|input|output|it|current|"
                    r"voltage)\s+(?:(?P<in>comes\s+in|enters|goes\s+in|arrives|is\s+applied|is\s+fed)|"
                    r"(?P<out>leaves|comes\s+out|goes\s+out|exits|is\s+taken|appears))\b", re.IGNORECASE)
# "Inputs from sources VA on ga, VB on gb, VC on gc": the inputs in order, each by the source on it
_SOURCED_INPUTS = re.compile(r"\binputs?\b(?:\s+(?:from|driven\s+by|fed\s+by))?\s+(?:the\s+)?(?:sources?\s+)?"
                             r"(?P<list>(?-i:[VI][A-Za-z0-9_]*)\s+(?:on|at)\s+(?:node\s+)?" + _NAME
                             + r"(?:\s*(?:,\s*(?:and\s+)?|\band\s+)(?-i:[VI][A-Za-z0-9_]*)\s+(?:on|at)\s+(?:node\s+)?"
                             + _NAME + r")+)", re.IGNORECASE)
_BETWEEN_STAGES = re.compile(r"\bbetween\s+(?:the\s+)?(?:two\s+)?(?:stages|sections)\s*[,:]?\s*(?:(?:is|at|on)\s+)?"
                             r"(?:(?:node|the\s+node)\s+)?(?P<n>" + _NAME + r")\b"
                             r"(?=\s*(?:[,;)]|\.(?:\s|$)|$|\s+and\b))")
# "I need bo to copy whatever is on bi", "vo follows the voltage at vi": the node that copies is the output, the one
# copied the input
# (a verb, not a noun: "a rounded copy on node soft" names no output "rounded")
_COPIES = re.compile(r"(?<![\w.])(?P<o>" + _NAME + r")\s+(?:(?:to|should|must|will|has\s+to)\s+"
                     r"(?:copy|follow|track|mirror|repeat)|copies|follows|tracks|mirrors|repeats)\s+"
                     r"(?:whatever\s+(?:is|sits|appears)\s+|what(?:'s|\s+is)\s+|(?:the\s+)?(?:voltage|signal|level)\s+)?"
                     r"(?:on|at)\s+(?:node\s+)?(?P<i>" + _NAME + r")\b")
# "the difference between nodes x and y"
_DIFFERENCE = re.compile(r"\bdifference\s+(?:between|of)\s+(?:the\s+)?(?:nodes\s+)?(?P<a>" + _NAME
                         + r")\s+and\s+(?:node\s+)?(?P<b>" + _NAME + r")\b")
# "input resistors 10k (MSB, d2), 20k (d1), 40k (LSB, node d0)": a name in parentheses after each input's value
_PARENTHESISED = re.compile(r"\binputs?\s+resistors?\b(?P<list>(?:[^.;]*?\(\s*(?:[LM]SB\s*,\s*)?(?:node\s+)?" + _NAME
                            + r"\s*(?:,\s*[LM]SB\s*)?\))+)")
# "nodes d3 (MSB), d2, d1, d0 (LSB)", "bits b0 (LSB) to ... ": names listed with the bit each one is, the inputs of
# a converter (whatever word leads them)
_BIT_RANGE = re.compile(r"(?<![\w.])(?P<first>" + _NAME + r")\s*\((?P<a>[^()]*\b[LM]SB\b[^()]*)\)"
                        r"\s*(?:to|through|\.\.\.?)\s*(?P<last>" + _NAME + r")(?:\s*\((?P<b>[^()]*)\))?")
_TAP_RANGE = re.compile(r"\btaps\s+(?:(?:named|called)\s+)?(?P<first>" + _NAME + r")(?:\s*\([^()]*\))?\s*"
                        r"(?:to|through|thru|\.\.\.?|-|\u2013)\s*(?P<last>" + _NAME + r")(?:\s*\([^()]*\))?",
                        re.IGNORECASE)
# ("wb3 (MSB) 8k, wb2 16k, wb1 32k, wb0 64k": each bit's node with its resistor's value after it)
_BIT_OHMS = r"(?:\s+\d[\d.]*\s*(?:k|K|meg|M)?\s*(?:Ω|ohms?)?(?![\w.]))?"
_BITS = re.compile(r"(?<![\w.])(?P<list>" + _NAME + r"(?:" + _ASIDE + r")?" + _BIT_OHMS
                   + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)" + _NAME + r"(?:" + _ASIDE + r")?" + _BIT_OHMS + r")+)")
# "name the stages rk1 to rk9", "call the taps k1 through k7": a run of names the request gives a family's nodes
# ... "seven comparators give fq_d1 to fq_d7": the outputs a run of parts gives
_NAME_THE = re.compile(r"(?:\b(?:name|call|label)\s+(?:the\s+)?(?P<role>stage|tap|output|input)s?(?:\s+outputs?)?\s+"
                       r"(?:as\s+)?|\b(?:give|gives|giving|produce|produces|producing)\s+(?:outputs?\s+)?)"
                       r"(?P<first>" + _NAME + r")\s*(?:to|through|thru|\.\.\.?|-|\u2013)\s*(?P<last>"
                       + _NAME + r")\b", re.IGNORECASE)
# "taps t9 (highest), t6 and t3 (lowest)", "the taps between them are named a, b and c", "taps t3, t2, t1 from the
# top": the inner nodes of a resistor string, listed (two or more), read highest first (see _top_first)
_ORDER_WORDS = r"(?:listed|named|going|from|top|bottom|highest|lowest)\b"
_TAPS = re.compile(r"\btaps\b(?:[^.;:]{0,40}?(?:\b(?:named|called|are)\b|:))?\s*(?:(?:the\s+)?nodes\s+)?(?P<list>"
                   + _NAME + r"(?:" + _ASIDE + r")?(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?!" + _ORDER_WORDS + r")"
                   + _NAME + r"(?:" + _ASIDE + r")?)+)(?P<tail>\s*,?\s*(?:(?:listed\s+|named\s+|going\s+)?"
                   r"(?:from\s+(?:the\s+)?(?:top|bottom|highest|lowest)|(?:top|bottom|highest|lowest)\s+(?:first|up|down))"
                   r"|bottom[- ]up|top[- ]down))?",
                   re.IGNORECASE)
# "wlow goes high when wsig is under 1.2 V, whigh goes high when wsig is over 3.6 V", "lo_out is high while the input
# is below 1 V": an output of its own for each side of a window, named with the limit it reports
_SIDED = re.compile(r"(?<![\w.])(?P<n>" + _NAME + r")\s+(?:goes|is|turns|switches|sits|reads)\s+high\s+(?:only\s+)?"
                    r"(?:when|while|whenever|if|once)\s+(?:the\s+)?[a-z_]\w*\s+(?:is\s+|goes\s+|falls\s+|drops\s+|"
                    r"rises\s+|gets\s+)?(?P<side>under|below|beneath|less\s+than|over|above|beyond|more\s+than|"
                    r"greater\s+than)\s+(?P<v>[-+]?\d*\.?\d+)\s*V\b", re.IGNORECASE)
# "dbl_mid is the pump node", "the pump node, which is called pm", "the tail node called lt": a node the request
# names by what it is in the circuit, a role of that word (a family declares its node for it: a doubler's "pump")
_PART_ROLES = {"capacitor": "capacitor", "cap": "capacitor"}  # a part's node, by its noun (compose.family_ports)
_NODE_IS_THE = re.compile(r"(?<![\w.])(?:node\s+)?(?P<n>" + _NAME + r")\s+is\s+the\s+(?P<q>[a-z]{3,})\s+node\b"
                          # ("the timing capacitor's node is ramp": a part's node, a word saying which before it)
                          r"|\bthe\s+(?:(?:timing|tank|integrating|reservoir|hold|holding)\s+)?(?P<r>[a-z]{3,})"
                          r"(?:['\u2019]s)?\s+node\s*,?\s+(?:which\s+is\s+)?(?:is\s+|called\s+|named\s+)"
                          # (any word so called is a name: "the timing capacitor's node is ramp")
                          r"(?:node\s+)?(?!(?:the|an?|at|on|to|in|of)\b)(?P<m>" + _ANY + r")\b"
                          # ("...; tank node tnk.": a clause of its own, the verb left out, for a part's own node)
                          r"|(?<=[;,.:])\s*(?P<t>tank|timing|reservoir|hold|holding|integrating)\s+node\s+"
                          r"(?!(?:the|an?|at|on|to|in|of|is)\b)(?P<k>" + _ANY + r")(?=\s*(?:[.;,]|$))", re.IGNORECASE)
# "Node ia is the input, oa the output", "x is the output and y the input": a role each, the second verb left out
_IS_THE = re.compile(r"(?<![\w.])(?:node\s+)?(?P<a>" + _NAME + r")\s+is\s+the\s+(?P<ra>input|output)\s*(?:,|;|\band\b)"
                     r"\s*(?:and\s+)?(?:node\s+)?(?P<b>" + _NAME + r")\s+(?:is\s+)?the\s+(?P<rb>input|output)\b",
                     re.IGNORECASE)
# "nd_a (source VNA)", "vm_in (source VMI)", "nr_b (VRB at 0 V)": the source the request names for a node, in an
# aside after the node (a designator: V or I, then capitals or figures)
_SOURCE_ASIDE = re.compile(r"(?<![\w.])(?P<n>" + _NAME + r")\s*\(\s*(?:(?:from|by|via)\s+)?(?:(?:the|a)\s+)?"
                           r"(?:source\s+|driven\s+by\s+)?"
                           # ("a 325 V peak sine (VM at line)": an aside that places its source elsewhere names no port)
                           r"(?P<s>[VI][A-Z0-9_]+)\b(?![(=])(?!\s+(?:at|on)\s+(?:node\s+)?[a-z_])[^()]*\)")

# "Put 1.2 V on p", "with 0.5 V at a", "1 V DC at vin", "a 2 V control level at ctl", "gate held at 3 V at node g"
_LEVEL_ON = re.compile(r"(?:\b(?P<lead>put|apply|applied|with|and|(?:held|biased|kept)\s+at)\s+)?" + _LEVEL.format("v")
                       + r"(?P<dc>\s+DC)?\s+(?P<what>(?:(?:control|input|bias|reference)\w*\s+)?(?:level\s+)?)"
                       r"(?:on|at)\s+(?P<kw>node\s+)?(?P<n>" + _ANY + r")\b(?!\s*[=(])")
# "p sits at 2.2 V DC", "with a at 1 V DC", "and n at 2.0 V DC", "inp = 1.005 V", "vcc = 10 V"
# (a relative clause says it of the node before it: "up to vdd, which sits at 3.3 V")
_NODE_AT = re.compile(r"(?:(?P<lead>\bwith|\band|[,;(:])\s+)?(?<![\w.(])(?P<n>" + _ANY + r")"
                      r"(?:\s*,\s*(?:which|that)(?=\s+(?:sits|rests|stays|is\s+held|is\s+biased)\b))?\s+"
                      r"(?P<verb>(?:sits|rests|stays|is\s+held|held|is\s+biased|biased)\s+at|at|=|is)\s*"
                      + _LEVEL.format("v") + r"(?P<dc>\s+DC)?")
_EQUALS_NEXT = re.compile(r"\s*(?:,|\band\b)\s*(?:and\s+)?(?:node\s+)?[a-z_]\w*\s*=\s*[-+\u2212]?\.?\d", re.IGNORECASE)
_ROLE_BEFORE = re.compile(r"\b(?:input|output)\s+(?:node\s+)?$", re.IGNORECASE)  # the role word right before a name
_NODE_BEFORE = re.compile(r"\bnode\s+$", re.IGNORECASE)  # "node sn at 1.00 V": the word "node" says it is a name
_NODE_EQUALS = re.compile(r"(?<![\w.(])(?P<n>" + _NAME + r")\s*=\s*" + _LEVEL.format("v"))
# "... until 2 ms and then 5 V", "... then rises to 5 V at 1 ms": the level changes in time (the rest of its clause)
_CHANGES = re.compile(r"[^.;]*?(?:\buntil\b|\btill\b|\bthen\b|\b(?:after|from|at)\s+(?:t\s*=\s*)?[\d.]+\s?[mµunp]?s\b)",
                      re.IGNORECASE)
# "drive s1 with 0.4 V, s2 with -0.3 V and s3 with 1.2 V", "feed node a with 2 V and b with 1 V", "hold x at 1 V":
# the verb that puts a level on a node, then the node and its level, and each further "y with N V" of its list
# (a wave's figure is no DC level: "drive in with 1 V peak", "feed x with a 2 V step")
_WITH_LEVEL = r"(?:node\s+)?(?P<n>" + _NAME + r")\s+(?:with|at|to)\s+" + _LEVEL.format("v") + r"(?:\s+DC\b)?" \
    r"(?!\s*(?:-|\u2013)?\s*(?:peak|pk|p-?p|pp|rms|amplitude|sine|square|step|pulse|ramp|triangle|ac)\b)"
_DRIVE_WITH = re.compile(r"\b(?:(?i:drive|drives|feed|feeds|set|sets|bias|biases)\s+(?:the\s+)?"
                         r"(?:(?:input|inputs|node|nodes)\s+)?"
                         # ("hold ref_x at 1.8 V" places a source; "hold out at 6.2 V" is a regulator's output asked)
                         r"|(?i:hold|holds)\s+(?:the\s+)?(?:(?:input|inputs|node|nodes)\s+)?(?!(?i:v?out\w*|output)\b))"
                         r"(?=" + _WITH_LEVEL + ")")
_WITH_NEXT = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:input|node)\s+)?(?=" + _WITH_LEVEL + ")")
_WITH_ONE = re.compile(_WITH_LEVEL)
# "outputs at node ps_c (collector) and node ps_e (emitter)", "the base node qb (base of Q1)", "node dx (drain, M1)":
# a node the word "node" names, then an aside with one device pin's word: that pin's port (see _aside_pins)
# "2.2k resistors in collector (output pc) and emitter (output pe)", "the drain (node dq)": a pin's word, then its
# node's name in parentheses after a word that names it
# "differential input ports Vp and Vn", "output pins Q and QB": names after the plural noun that calls them ports, any
# case (as a schematic writes them; SPICE reads them lower case)
_PORTS_NAMED = re.compile(r"\b(?P<role>(?i:input|output))s?\s+(?i:ports|nodes|pins|terminals)\s+"
                          r"(?:(?i:are|named|called)\s+)?(?P<a>[A-Za-z_]\w*)\s*(?:,\s*|\s+and\s+)(?P<b>[A-Za-z_]\w*)\b(?![\w(])")
_PIN_NAMED = re.compile(r"\b(?P<pin>collector|emitter|base|drain|gate)s?\s*\(\s*(?:the\s+)?(?:(?:output|input)\s+"
                        r"(?:node\s+)?|node\s+)(?P<n>" + _NAME + r")\s*\)")
# "tie base ltp_b to ground", "the other gate g2 grounded": a pair's other input, held at 0 V by the bench
GROUNDED_PIN = re.compile(r"\b(?:tie|ties|tied|ground|grounds|hold|holds|held)\s+(?:the\s+other\s+)?"
                          r"(?P<pin>base|gate)\s+(?:node\s+)?(?P<n>" + _NAME + r")\s+(?:to\s+|at\s+)?"
                          r"(?:ground|gnd|0\s*v)\b"
                          r"|\b(?:the\s+)?other\s+(?P<pin2>base|gate)\s+(?:node\s+)?(?P<n2>" + _NAME + r")\s+"
                          r"(?:is\s+)?(?:tied\s+to\s+|held\s+at\s+)?(?:ground(?:ed)?|gnd|0\s*v)\b"
                          # "ground the other base lt_b2": the verb says it
                          r"|\bground(?:s|ed)?\s+(?:the\s+other\s+)?(?P<pin3>base|gate)\s+(?:node\s+)?(?P<n3>" + _NAME
                          + r")\b", re.IGNORECASE)
_NODE_PIN = re.compile(r"\bnode\s+(?P<n>" + _NAME + r")\s*\((?P<a>[^()]{1,48})\)")
# "amplified x200 by a non-inverting stage into node tc_amp", "buffered and sent to node bo", "rectified onto node
# dcp": what the circuit makes of its signal, then the node it goes into, its output (not a part's end: "tied to
# node", "returned to node")
_MADE_ONTO = re.compile(r"\b(?i:amplified|buffered|filtered|rectified|inverted|integrated|differentiated|summed|"
                        r"converted|shifted|scaled|clipped|clamped|regulated|smoothed|doubled|attenuated|boosted|"
                        r"limited|averaged|mixed|subtracted)\b(?P<way>[^.;:]{0,80}?)(?<!\btied)(?<!\bconnected)"
                        r"(?<!\breturned)(?<!\breferenced)(?<!\bgrounded)(?<!\bbiased)\s+(?:into|onto|to)\s+"
                        r"(?:the\s+)?(?:output\s+)?node\s+(?P<n>" + _NAME + r")\b(?![\w(])")
# "fed by a 12 V peak 60 Hz sine across ac1 and ac2", "a generator floating between nodes g1 and g2", "the secondary
# (a sine source) between sa and sb": the signal source's two ends, + first (no current source's: "current source
# between a and b" pushes a current, read elsewhere)
_SOURCE_ENDS = re.compile(r"\b(?<!current\s)(?<!current-)(?:sine|sinusoid|source|generator|secondary|winding)\b"
                          r"[^.;,()]{0,16}?\s(?:(?:floating|connected|applied|placed|sitting)\s+)?(?:across|between)\s+"
                          r"(?:the\s+)?(?:nodes\s+)?(?P<a>" + _NAME + r")\s+and\s+(?:node\s+)?(?P<b>" + _NAME
                          + r")\b(?![\w(])")
# "input a tied high", "b held low": a logic level, the supply's or ground's
_LOGIC = re.compile(r"\binputs?\s+(?P<n>[a-z]\w{0,3})\s+(?:is\s+)?(?:tied|held|pulled|kept|fixed)\s+(?P<hl>high|low)\b")
# "on 5 V", "from 12 V", "from a 15 V supply", "a 9 V battery", "off a 3.3 V rail"
_SUPPLY = re.compile(r"(?:\b(?:on|from|off|powered\s+(?:from|by))\s+(?:an?\s+|the\s+)?(?:single\s+)?"
                     r"(?:\u00b1|\+/-)?" + _LEVEL.format("v") + r"(?P<noun>\s+(?:DC\s+)?(?:supply|rail|battery)\b)?"
                     r"|(?<![\w.])(?:\u00b1|\+/-)?" + _LEVEL.format("w")
                     + r"\s+(?:DC\s+)?(?:supply|battery|rail)s?\b"
                     # "powered from node batt (9 V)": the supply's node, then its level
                     r"|\bpowered\s+(?:from|by)\s+(?:the\s+)?(?:node\s+)?[a-z_]\w*\s*\(\s*" + _LEVEL.format("p")
                     + r"\s*\))"
                     r"(?!\s+(?:at|on)\b)")
# What may follow a bare "from 5 V" when it is no supply: "from 0 V to 5 V", "from 5 V peak", "from a 5 V step".
_NOT_SUPPLY = re.compile(r"\s*(?:to|and|or|-|\u2013|step|steps|pulse|peak|amplitude|sine|square|triangle|ramp|signal|"
                         r"input|level|p-?p|pp|rms|swing|down|up|above|below|per|/|negative|at|on|excitation|"
                         r"reference|bias|offset|logic|cmos|ttl|gpio|dc\s+(?:on|at|into))\b",  # "from 3.3 V logic"
                         re.IGNORECASE)  # ("driven from 5 V DC on node g": a source's level on its node)

# The node a supply is on, said with it: "on 10 V (vcc)", "a single 5 V supply (node vcc)", "12 V supply on vcc",
# "on a 5 V rail vs:", "a 12 V rail called v12", "the 3 V rail (node vdda)", "rail: vpp = 9 V", "supply node is v33"
# (a bare name after the noun ends its phrase: "a 9 V battery powers it" names none)
_RAIL_NOUN = r"(?i:supply|rail|battery)\b"
# (any case: "on 5 V (VCC)"; no source's or part's name: "(V1)")
_SUPPLY_NAME = (r"(?!(?i:supply|rail|battery|voltage|level|current|line|node|rails|supplies|dc|ac|rms|peak|pk|pp|"
                r"nominal|typical|max\w*|min\w*)\b)(?![VIRCL]\d)"
                r"(?!(?:" + "|".join(sorted(_NOT_NAMES)) + r")\b)[A-Za-z_][A-Za-z0-9_]*")
_NAME_ENDS = r"(?=\s*(?:[,;:)]|\.(?:\s|$)|$)|\s+(?:and|with|through|via|into|to|for|so|which)\b)"
_SUPPLY_NODE = re.compile(
    r"(?P<lead>\b(?:on|from|off|by|powered\s+(?:from|by))\s+(?:an?\s+|the\s+)?)?(?:\u00b1|\+/-|\+)?"
    + _LEVEL.format("v") + r"(?:\s+(?:single|dc|positive|main|power))*(?P<noun>\s+(?:single\s+|dc\s+)?" + _RAIL_NOUN
    + r")?(?:\s*\(\s*(?:node\s+)?(?P<p>" + _SUPPLY_NAME + r")\s*\)"
    # ("12 V supply on vcc", "a 24 V rail at node v24 feeds it", "a 5 V supply, node vsup", "a 12 V rail called v12",
    # "on a 5 V rail vs:": a bare name only where its phrase ends)
    r"|(?(noun)(?:\s+(?:on|at)\s+node\s+|\s*,?\s+node\s+(?:is\s+)?|\s+(?:called|named|labell?ed)\s+)(?P<c>"
    + _SUPPLY_NAME + r")\b|(?!))"
    r"|(?(noun)\s+(?:(?:on|at)\s+)?(?P<n>" + _SUPPLY_NAME + r")" + _NAME_ENDS + r"|(?!)))"
    # "rail: vpp = 9 V", "Supply: vcc = 12 V", "supply vcc at 5 V": the noun, the node, then its level
    r"|\b" + _RAIL_NOUN + r"\s*:?\s*(?:node\s+)?(?P<k>" + _SUPPLY_NAME + r")\s*(?:=|\bis\b|\bat\b)\s*"
    + _LEVEL.format("w")
    # "supply node is v33", "the rail called v12", "the rail is node vr12": its node, the level said elsewhere
    + r"|\b" + _RAIL_NOUN + r"\s+(?:(?:is\s+)?node\s+(?:is\s+)?|(?:is\s+)?(?:called|named|labell?ed)\s+)(?P<m>"
    + _SUPPLY_NAME + r")\b")

# "between node vcoil (+12 V) and the collector", "node v_a (+5 V)", "node vbat (9 V)": a node said with a level in
# its aside, a positive rail's (the sign written, or the name a rail's)
_NODE_RAIL = re.compile(r"\bnode\s+(?P<n>" + _SUPPLY_NAME + r")\s*\(\s*(?P<plus>\+)?\s*" + _LEVEL.format("x")
                        + r"(?:\s+(?:DC|supply|rail))?\s*\)")
_WRITTEN_RAIL = re.compile(r"(?<![\w.(])(v(?:cc|dd)[a-z0-9_]{0,4})\b(?!\s*[(=])")
_OUTPUTS = {"out", "vout", "output", "outp", "outn"}
RAIL = re.compile(r"^v(?:cc|dd|ee|ss)\w*$")  # a node named as a supply rail: its level is the supply's


@dataclass(frozen=True)
class Level:
    node: str
    value: float | None  # None: a logic level, `high` says which
    text: str
    high: bool = False


@dataclass
class Ports:
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> the user's names, in stated order
    levels: list[Level] = field(default_factory=list)  # DC levels stated on named nodes
    supply: Level | None = None  # the supply's level, its node ("" where unsaid: the family's rail)
    path: tuple[str, ...] = ()  # the signal's way through named nodes, input to output ("in to mid, then mid to out")
    inner: tuple[str, ...] = ()  # a chain's inner node said alone ("middle node mid"), where no path names it
    sources: dict[str, str] = field(default_factory=dict)  # a source's name -> the node an aside gives it
    source_ends: tuple[str, str] | None = None  # "a sine across ac1 and ac2": the input source's two ends, + first

    def named(self) -> list[str]:
        return list(dict.fromkeys(n for names in self.roles.values() for n in names))


# --- node names by the role their sentence gives them ------------------------------------------------
# "Signal goes in at lin and comes out at lout", "from in to lpout", "nodes hin (input) and hout (output)",
# "output at the collector, node co", "square wave out at node sq", "a 9 V input at node vraw", "sweep vin",
# "vin is a 1 kHz sine": a name stands where a node is named (after "node", "at", "on", "into", a role word or
# "sweep", in "from x to y" or "between x and y", before "(input)") and takes the role its own words give it
# ("(input)", "is the output", "from x to y"), else that of the nearest role word before it in its phrase.
# ("3-input", "2-stage": a count of the circuit's ports or parts, one figure, never the role word "input")
_TOKEN = re.compile(r"(?P<w>[A-Za-z_]\w*(?:-[A-Za-z_]\w*)*)(?:['\u2019]s\b)?"
                    r"|(?P<n>[-+\u2212\u00b1]?\.?\d[\w.]*(?:-(?:inputs?|outputs?|stages?|bits?|channels?)\b)?)"
                    r"|(?P<stop>[.!?](?=\s|$)|[;:])|(?P<comma>[,()\[\]])")
_CUES = {**dict.fromkeys("input inputs enters enter entering excitation stimulus drive drives driving driven applied "
                         "apply fed feeds feed injected excited ac set-point setpoint".split(), "input"),
         **dict.fromkeys("output outputs result appear appears appearing look looking watch observe probe load loaded "
                         "leave leaves leaving exit exits exiting emerge emerges emerging read reads".split(),
                         "output"),
         **dict.fromkeys("supply supplies rail rails battery powered".split(), "supply")}
_MADE = {"negative", "positive", "regulated", "boosted", "doubled", "tripled", "inverted", "generated", "output"}
_GIVES = {"gives", "provides", "produces", "delivers", "outputs", "sends", "supplies", "puts"}
_MADE_INTO = {"into", "to", "want", "need", "get", "give", "gives", "produce", "produces", "make", "makes"}
_HEDGES = {"about", "around", "roughly", "approximately", "nearly", "near", "close", "some"}
_PIN_CUES = {"collector": "collector", "base": "base", "emitter": "emitter", "drain": "drain", "gate": "gate",
             "anode": "anode", "cathode": "cathode"}
_PLACES = {"at", "on", "into", "onto"}
_FED = {"driven", "fed", "excited"}  # "driven from x": a place, where a bare "from 5 V" is a level
# "the input goes to pa", "the output comes from pb": a port's way to or from the node named
_MOTION = {"goes", "go", "comes", "come", "arrives", "arrive", "connects", "connect", "returns"}
_NAMING = {"node", "nodes", "named", "called", "labelled", "labeled"}
# "the amp input is amp_in" of a filter: the next device's port, where no other words say the circuit is one
_NEXT = {"amp", "amplifier", "mixer", "codec"}
_READ_VERBS = {"read", "taken", "seen", "measured", "sensed", "sampled", "shown", "plotted", "probed", "appears"}
_OWNERS = {"the", "my", "our", "your", "their"}
_CARRIERS = {"signal", "rail", "line", "side", "net", "bus", "wire", "point"}  # a name may follow what it is
# ... but not an analysis's point nor a courtesy ("just the op point pls", "operating point please")
_POINT_KINDS = {"op", "operating", "bias", "quiescent", "dc", "set", "db", "half-power", "power", "q"}
_COURTESY = {"please", "pls", "plz", "thanks", "thx", "cheers"}
_ROLE_NOUNS = {"input": "input", "inputs": "input", "output": "output", "outputs": "output"}
# "in 1.7 V DC at node x": the tokens between a role's "in" and the node it names, a level stated for it
_LEVEL_PLACED = re.compile(r"[-+\u2212]?\d[\d.]*\s(?:[munpk]?v|[munpk]?a)(?:\s(?:dc|ac|peak|rms))?\s(?:at|on)"
                           r"(?:\snode)?")
_DRIVE = {"drive", "feed", "excite", "stimulate"}  # "Drive input x with ...": the input named after the verb
_SWEEP = {"sweep", "sweeping", "swept", "sweeps"}  # "sweep vin from 0 to 3 V": the input it sweeps
_TURNS = {"turn", "turns", "turning", "convert", "converts", "converting", "change", "changes", "transform",
          "transforms", "make", "makes", "shape", "shapes"}  # "turn x into y": x the input, y the output
_MAKING = {"makes", "make", "making", "produces", "produce", "producing", "generates", "generate", "generating",
           "gives", "give", "giving", "creates", "create", "outputs", "delivers", "deliver", "put",
           "puts"}  # a wave it makes: output
_WAVES = {"sine", "sinusoid", "triangle", "square", "pulse", "ramp", "step", "clock", "sawtooth", "chirp"}
# "from in to lpout", "from vin (coupling cap) to collector node vo", "from node ti to node to": input to output
# ("from at_i through the T to at_o": the way through the circuit between them)
_FROM_TO = re.compile(r"\bfrom\s+(?:node\s+)?(?P<a>[a-z_]\w*)(?:\s*\([^)]*\))?\s+"
                      r"(?:(?:through|via)\s+the\s+[^.;,]{1,30}?\s+)?to\s+(?:the\s+)?"
                      r"(?:(?:collector|drain|emitter|source|output)\s+)?(?:node\s+)?(?P<b>[a-z_]\w*)\b(?!\()")
# "in -> o", "drv → lpo", "node a => node b": the signal's way, input to output
# ("b4_in (AC 1) -> b4_out": the input's aside between)
_ARROW = re.compile(r"(?<![\w-])(?:node\s+)?(?P<a>[a-z_]\w*)\s*(?:\([^()]{1,30}\)\s*)?"
                    r"(?:-+>|=+>|[\u2192\u27f6\u2794\u279c\u21d2])\s*(?:node\s+)?(?P<b>[a-z_]\w*)\b(?!\()"
                    # ("lg_in -> inverting input": a pin of the op-amp, no node's name)
                    r"(?!\s+(?:input|pin|terminal)\b)")
# ", vin to vout." : a clause that is only the signal's way, input to output
_BARE_TO = re.compile(r"(?:^|(?<=[,;:(]))\s*(?P<a>[a-z_]\w*)\s+to\s+(?:node\s+)?(?P<b>[a-z_]\w*)\s*"
                      r"(?=[,;)]|\.(?:\s|$)|$)")
# "in to mid, then mid to out", "in -> a -> b -> out", "in to p1, p1 to p2, p2 to out": the signal's way through named
# nodes, each link starting where the one before ended
_LINK = re.compile(r"(?:node\s+)?(?P<a>[a-z_]\w*)\s*(?:-+>|=+>|[\u2192\u27f6\u2794\u279c\u21d2]|\s+to\s+)\s*"
                   r"(?:node\s+)?(?P<b>[a-z_]\w*)\b(?![(\w])")
_GLUE = re.compile(r"\s*[,;]?\s*(?:and\s+)?(?:then\s+)?")


def _path_links(text: str) -> list[re.Match]:
    """The links of the one path of three or more named nodes `text` states (see _LINK), [] where it states none
    or several."""
    starts = [w.start() for w in re.finditer(r"(?<![\w.\-])[a-z_]\w*", text)]
    links = [m for at in starts if (m := _LINK.match(text, at)) is not None and m["a"] != m["b"]
             and not {m["a"], m["b"]} & ((NOT_NODES | GROUND | IDIOMS) - {"in", "out"})]
    chains: list[list[re.Match]] = []
    for m in links:
        chain = next((c for c in chains if c[-1]["b"] == m["a"] and (
            c[-1].start("b") == m.start("a") or _GLUE.fullmatch(text, c[-1].end(), m.start()))), None)
        if chain is not None:
            chain.append(m)
        elif not any(c[-1].start("b") == m.start("a") for c in chains):
            chains.append([m])
    long = [c for c in chains if len(c) >= 2 and len({m["a"] for m in c} | {c[-1]["b"]}) == len(c) + 1]
    return long[0] if len(long) == 1 else []


# "a gain of 4 between node pre and node post", "a buffer between sens and adc": a stage's ends, input to output
# (a part's ends, "the voltage between a and b" and "connected between" name no port)
_BETWEEN = re.compile(r"\bbetween\s+(?:nodes?\s+)?(?P<a>[a-z_]\w*)\s+and\s+(?:node\s+)?(?P<b>[a-z_]\w*)\b(?!\()")
_STAGE = re.compile(r"\b(?:gain|amp\w*|stage|buffer\w*|follower|filter|(?:low|high|band)[- ]?pass|attenuat\w*)\b",
                    re.IGNORECASE)
_ACROSS = re.compile(r"\b(?:voltage|difference|potential|measured|across|connected|placed|sits?)\s+(?:\w+\s+)?$",
                     re.IGNORECASE)
# A part named or valued in a sentence makes its "from x to y" that part's ends, its names no port's: "R1",
# "Rload = 220", "Cout (10 uF)" (a capitalised word is a part's name only when its value follows: "Low", "Connect")
_DESIGNATOR = re.compile(r"[RCLDQMJVIEFGHKXS]\d\w*")
_NAMED_PART = re.compile(r"[RCL][a-z]\w{0,6}")
_PART_NOUNS = {"resistor", "resistors", "capacitor", "capacitors", "cap", "inductor", "inductors", "coil", "diode",
               "diodes"}
# (not a network named by its parts: "a resistor-capacitor network from mic to mo" is a two-port's input and output)
_PART_BEFORE = re.compile(r"\b(?<!-)(?:resistors?|capacitors?|caps?|inductors?|coils?|diodes?|loads?)\b"
                          r"(?![- ](?:capacitor|inductor|resistor|diode)\b|\s+(?:network|filter|circuit|stage|section|"
                          r"ladder)\b)|\d[\d.]*\s?(?:meg|"
                          r"[kKMmunpµ])?\s?(?:Ω|ohms?\b|[FH]\b)|\d[\d.]*[kKM]\b|\d+[kKMR]\d+\b"
                          r"|\b[RCLDQMJVIEFGHKXS]\d", re.IGNORECASE)
# "a 10 mV source VTC between node p and node n", "a sine generator between ac1 and ac2": a source's two ends, no
# stage's input and output
_SOURCE_BEFORE = re.compile(r"\b(?i:source|generator|battery|cell)\b(?!\s+(?i:follower|degenerat\w*))"
                            r"|\b[VI][A-Z0-9_]+\b(?![(=])")
_PART_VALUE = re.compile(r"\d[\d.]*\s?(?:meg|[kKMmunpµ])?\s?(?:Ω|ohms?\b|[FH]\b)|\d[\d.]*[kKM]\b|\d+[kKMR]\d+\b")


@dataclass(frozen=True)
class Said:
    node: str
    role: str | None  # input, output or supply: the role its words give it; None: a node with no role said
    pin: str | None = None  # collector, base, emitter, drain or gate, where its phrase says so


def outside_port(text: str, at: int) -> bool:
    """Whether the role word at `at` is a port of a device outside the circuit ("the ADC input", "the amp input"
    of a request that builds no amplifier): its name faces the circuit's port of the other role."""
    words = re.findall(r"[a-z]+", text[:at].lower())[-2:]
    return bool(words) and (words[-1] in OUTSIDE or (
        len(words) == 2 and words[-1] in _NEXT and words[0] in _OWNERS
        and _only_as_port(re.findall(r"\w+", text.lower()), words[-1])))


def _only_as_port(words: list[str], device: str) -> bool:
    """Whether the request says `device` ("amp") only with a port's word after it ("the amp input ..., the amp input
    looks like 47k"): another device's port each time, never the circuit it builds."""
    return all(words[j + 1:j + 2] and words[j + 1] in _ROLE_NOUNS for j, w in enumerate(words) if w == device)


def said_nodes(text: str) -> list[Said]:
    """Each node the request names, with the role (input, output, supply) and pin the words around it give
    (see above); a node named twice takes the first role said of it."""
    with marking(text):  # ("output at mid" where "from top to mid" names it)
        return _said_nodes(text)


# "in is node a1, out is node b1": the ports by their short names, read as "input node a1" (same length: positions hold)
_SHORT_PORT = re.compile(r"\b(?:(?P<i>in)\s+is|(?P<o>out)\s+is)"
                         r"(?=\s+(?:node\s+)?(?!(?:the|an?|not|at|on|to)\b)[a-z_]\w*\b)", re.IGNORECASE)


# An op-amp's inverting input said by its sign or word ("- input on sj", "inverting input n", "the negative input"):
# a summing node, never the circuit's input
_INVERTING_PIN = re.compile(r"(?:(?<!non)(?<!non-)\binverting|\bnegative|(?:^|(?<=[\s,(]))[-\u2212])\s*$",
                            re.IGNORECASE)


def inverting_pin(text: str, at: int) -> bool:
    """Whether the word "input" at `at` is an op-amp's inverting input."""
    return bool(_INVERTING_PIN.search(text, max(0, at - 16), at))


# "a node (steady) that stays at 5.6 V": the name in parentheses after "node" (same length: positions hold)
_NODE_BRACKETED = re.compile(r"\bnode\s\((?P<n>[a-z_]\w*)\)")


# "input a 1 V-peak sine on node zin": an article before a figure, never a node named "a" ("from a to b" is one)
_ARTICLE = re.compile(r"\b(?:input|output|in|out)\s+(?:is\s+)?(?P<a>an?)(?=\s+[-+\u00b1]?\d)", re.IGNORECASE)


def _said_nodes(text: str) -> list[Said]:
    text = _ARTICLE.sub(lambda m: m[0][:m.start("a") - m.start()] + " " * len(m["a"]), text)
    text = _SHORT_PORT.sub(lambda m: "input".ljust(len(m[0])) if m["i"] else "output".ljust(len(m[0])), text)
    text = _NODE_BRACKETED.sub(lambda m: f"node  {m['n']} ", text)  # "a node (steady) that ...": node steady
    tokens = [(m.lastgroup or "", m["w"] or m[0], m.start()) for m in _TOKEN.finditer(text)]
    low = [t[1].lower() for t in tokens]
    paired = _pairs(text)
    values = [m.start() for m in _PART_VALUE.finditer(text)]  # "10k", "220 ohms": a part's value
    sources = {k for k, t in enumerate(tokens) if t[0] == "w" and re.fullmatch(r"[VI][A-Z0-9_]+", t[1])}  # "VS1"
    found: list[Said] = []
    stops = [k for k, t in enumerate(tokens) if t[0] == "stop"] + [len(tokens)]
    for first, stop in zip([0] + [k + 1 for k in stops[:-1]], stops):  # each sentence
        named_part = any(_DESIGNATOR.fullmatch(tokens[k][1]) or (_NAMED_PART.fullmatch(tokens[k][1]) and k + 1 < stop
                         and tokens[k + 1][0] in ("n", "comma")) for k in range(first, stop))
        turned = next((k for k in range(first, stop) if low[k] in _TURNS), None)
        into = next((k for k in range(turned, stop) if low[k] == "into"), None) if turned is not None else None
        turn = (turned, into) if turned is not None and into is not None else None
        phrase = prior = first  # where the phrase (and the one before it) starts: after a comma or parenthesis
        part_noun = False
        earlier: list[tuple[int, int]] = []  # the nodes named so far in the sentence: (token, index in found)
        for i in range(first, stop):
            kind, word, at = tokens[i]
            if kind == "comma":
                phrase, prior = i + 1, phrase
                part_noun = False  # ("an NPN with a 100 ohm emitter resistor, 1 V set-point at vset": another phrase)
                continue
            if paired.get(at) == "load":  # "a 100 ohm load (from dout to ground)", "RL from v12 to drain"
                found.append(Said(word.lower(), "output"))
                continue
            part_noun = part_noun or low[i] in _PART_NOUNS
            named = _named(low, i, first, paired.get(at))
            if named == 2 and low[i - 1] == "node" and low[i] not in GROUND | ARTICLES \
                    and re.match(r"\s*(?:[-\u2013\u2014,;:)!?]|\.(?:\s|$)|$)", text[at + len(word):]):
                named = 3  # "on node held - I want ...": any word "node" names where its phrase ends there
            if named == 1 and re.match(r"\s+\d+\s*(?:[(,;)]|\.(?:\s|$)|(?:as|and|is)\b|$)", text[at + len(word):]):
                continue  # "input code 1010 (MSB first)", "output stage 2": a noun and its number, no node
            if low[i] in ("dec", "oct", "lin") and re.match(r"\s+\d", text[at + len(word):]):
                continue  # "AC sweep dec 20 from 10 Hz": a sweep's spacing and its points, no node
            if re.match(r"\s*=\s*[-+]?\.?\d[\d.]*\s*(?:[munpµ]?s|sec\w*)\b", text[at + len(word):]) and not named == 3:
                continue  # "a 5 V step at in at t=1 ms": a time given its value, no node ("ain = 2.5 V" is one)
            if kind != "w" or named is None or _DESIGNATOR.fullmatch(word) or not _name_like(word, named) \
                    or text[at + len(word):at + len(word) + 1] == "(":  # "at v(out)": a probe, read elsewhere
                continue
            if word.isupper() and i > first and low[i - 1] in ("named", "called", "labelled", "labeled") \
                    and any(low[k] in PARTS for k in range(max(first, i - 4), i)):
                continue  # "a 22 nF capacitor named CF": the part's name
            pair = paired.get(at)
            valued = part_noun or bisect.bisect_left(values, tokens[phrase][2]) < bisect.bisect_left(values, at)
            parts = named_part or pair == "part" or (pair is None and valued)
            role, pin = _cue(low, i, (phrase, prior), pair, parts, turn, sources)
            if role == "input" and any(inverting_pin(text, k) for k in range(tokens[phrase][2], at)
                                       if text.startswith("input", k)):
                role = None  # ("- input on sj": an op-amp's summing node, no circuit's input)
            source = _into(low, i, first, [j for j, _ in earlier]) if not parts and pair is None else None
            if source is not None and low[source] != low[i]:
                role = "output"  # "takes the signal at pk and drives it into fx": pk in, fx out
                k = next(k for j, k in earlier if j == source)
                if found[k].role is None:
                    found[k] = Said(found[k].node, "input", found[k].pin)
            earlier.append((i, len(found)))
            found.append(Said(word.lower(), role, pin))
    roles: dict[str, Said] = {}
    for said in found:
        if said.node not in roles or (roles[said.node].role is None and said.role is not None):
            roles[said.node] = said
    return list(roles.values())


# A load's name before its ends ("RL from v12 to drain", "Rload from out to ground"), a supply's node at one end
_LOAD_NAME = re.compile(r"(?-i:\bR(?:L|LOAD|load|_?load|_L)\d?)\s*$|\bloads?\b[^.;]{0,12}$"
                        # "into a 10k input (modelled as 10k from amp to ground)": the next stage's input, a load
                        r"|\d[\d.]*\s?(?:meg|[kKM])?\s?(?:Ω|ohms?)?\s+input\b[^.;]{0,24}$", re.IGNORECASE)
_RAIL_LIKE = re.compile(r"v(?:cc|dd|ee|ss|bus|bat|sup\w*|pos|plus|\d+\w*)|supply|rail", re.IGNORECASE)


def _pairs(text: str) -> dict[int, str]:
    """The role "from x to y" gives each of its names, by where it starts: "from in to lpout", input and output;
    "a 10k resistor from a to b", "from out to ground", a part's ends ("part"); a load's ("a 1k load (from vo to
    ground)", "RL from v12 to drain"), its end away from ground or the supply, the circuit's output ("load"), even
    when a pin's word names it."""
    paired: dict[int, str] = {}
    for m in _FROM_TO.finditer(text):
        ends = {k: m[k].lower() for k in "ab"}
        before = text[:m.start()]
        if _LOAD_NAME.search(re.split(r"[.;]\s", before[-48:])[-1]):  # (in its own sentence)
            held = [k for k in "ab" if ends[k] in GROUND or _RAIL_LIKE.fullmatch(ends[k])]
            if len(held) == 1:
                other = "b" if held == ["a"] else "a"
                if ends[other] not in NOT_NODES - PINS - {"in", "out"}:
                    paired[m.start(other)] = "load"
                paired[m.start(held[0])] = "part"  # ("from vcc to out": vcc is named too)
                continue
        part = GROUND & set(ends.values()) or _PART_BEFORE.search(re.split(r"[,;:()]|\.\s", before)[-1])
        for k in "ab":
            closed = text[:m.start(k)].endswith("node ") and re.match(r"\s*(?:[,;:)]|\.(?:\s|$)|$)", text[m.end(k):])
            if ends[k] not in NOT_NODES - {"in", "out"} or (closed and ends[k] in FUNCTION):
                paired[m.start(k)] = "part" if part else ("input" if k == "a" else "output")
    for m in [*_ARROW.finditer(text), *_BETWEEN.finditer(text), *_BARE_TO.finditer(text)]:
        head = text[:m.start()].rstrip()
        # the words of its own clause before it; a pair in parentheses is said of what stands before them
        # ("through a 10k resistor (vcc to cout)": that part's ends)
        # (the sentence before it ended: "... with 10k resistors. b4_in -> b4_out")
        clause = re.split(r"[,;:()]|\.(?:\s|$)", head[:-1] if head.endswith("(") else head)[-1]
        if m.start(1) in paired or _PART_BEFORE.search(clause) or (m.re is _BETWEEN and _SOURCE_BEFORE.search(clause)) \
                or (m.re is _BETWEEN and (
                not _STAGE.search(re.split(r"[;:]|\.\s", text[:m.start()])[-1]) or _ACROSS.search(clause))):
            continue
        if not {m["a"].lower(), m["b"].lower()} & ((NOT_NODES | GROUND | IDIOMS) - {"in", "out"}):
            paired[m.start("a")], paired[m.start("b")] = "input", "output"
    if links := _path_links(text):  # a path's first node is its input, its last its output, the rest inner nodes
        paired[links[0].start("a")], paired[links[-1].start("b")] = "input", "output"
        paired.update({m.start("a"): "part" for m in links[1:]} | {m.start("b"): "part" for m in links[:-1]})
    return paired


def _name_like(word: str, named: int) -> bool:
    """Whether `word` may be a node's name where it stands: `named` 2 after "node" or before "(input)", where
    any word but grammar is a name ("node top"); 1 after a role word ("input pulse" is no name); 0 where only
    its place says so ("at room temperature", "at VIN": a part's name)."""
    w = word.lower()
    if w in ("in", "out"):
        return True
    if word == "I":
        return False  # "a node I call raw": the speaker
    if named == 2 and (w in PARTS or w in PINS) or named == 3:
        return True  # "to node coil", "node drain": the word names the node where that part or pin sits
    if w in IDIOMS and not word.islower():
        return False  # "output at DC", "in at AC": the words of a phrase, written so; "out at dc" names a node
    if w in NOT_NODES or w in GROUND or "-" in w or (named < 2 and (w in PORT_NOUNS or w in IDIOMS or plain(w))):
        return False  # ("mid-rail", "op-amp": words of English, never a node's name)
    if named == 1 and w in _CARRIERS:
        return False  # "Output rail br_out", "input line li": what the port is, its name after it
    if named == 1 and (word.isupper() or (len(w) > 4 and w.endswith(("s", "ed", "en", "ing"))
                                          and not re.search(r"[\d_]", w))):
        return False  # "input CMOS": an acronym; "output feeds back", "output taken across": a verb
    # "driven from Vin and loaded at Vout": a V and lower case is a node's name as schematics write it ("at VIN",
    # all capitals, stays a part's name)
    return named > 0 or ((word[0].islower() or re.fullmatch(r"V[a-z][a-z\d_]*", word) is not None)
                         and w not in ARTICLES and w not in IDIOMS)


def _named(low: list[str], i: int, first: int, paired: str | None) -> int | None:
    """Whether token i stands where a node is named, and how plainly (see _name_like): 2 where the words say it
    is a node ("node x", "x (input)"), 1 after a role word ("output x", "sweep x"), 0 where only its place says
    so ("at x", "between x and y"), None where no node is named."""
    before = low[i - 1] if i > first else ""
    after = low[i + 1] if i + 1 < len(low) else ""
    if before == "node" and low[i] in FUNCTION and after in ("", ",", ".", ";", ":", ")"):
        return 3  # "from node ti to node to, which ...": a word of grammar that "node" names and a clause end closes
    if before in _ROLE_NOUNS and i >= 2 and low[i - 2] in _DRIVE and after == "with":
        return 2  # "Drive input pin with a 5 V sine": the port the stimulus is put on, whatever word names it
    if low[i + 1:i + 4] in (["(", "input", ")"], ["(", "output", ")"]) or before in _NAMING or (
            before in ("call", "name", "label", "labelled", "labeled") and i >= 2 and low[i - 2] in ("i", "we", "you")):
        return 2  # "node x", "x (input)", "a node I call raw"
    plural = next((k for k in range(i - 1, max(first, i - 12) - 1, -1) if low[k] == "nodes"), None)
    if before in (",", "and") and plural is not None and low[i] not in ARTICLES and all(
            w in (",", "and", "(", ")", "input", "output") or w.isidentifier() and w not in NOT_NODES
            for w in low[plural + 1:i]) and not (before == "," and "and" in low[plural + 1:i]):
        # "nodes hin (input) and hout (output)", "nodes a, b and c": each item of the list, which its "and" ends
        # ("between nodes b and ground, pushing into b": no node "pushing")
        return 2
    if _role_after(low, i):
        return 1  # "x9 in, y9 out": a name and the way its signal goes
    if re.search(r"[\d_]", low[i]) and (after == "unloaded"
                                       or low[i + 1:i + 3] in (["left", "unloaded"], ["left", "open"])):
        return 1  # "tt_out left unloaded": a node's name as schematics write it, and what is done with it
    if before in _CARRIERS and (len(low[i]) <= 6 or re.search(r"[\d_]", low[i])) and low[i] not in _COURTESY \
            and not (before == "point" and i >= 2 and low[i - 2] in _POINT_KINDS) and (
            after in ("", ",", ".", ";", ":", "(", ")", "and", "with", "is", "to") or after in VERBS
            or (len(after) > 3 and after.isalpha() and after.endswith("s") and after not in NOT_NODES)):
        return 1  # "the button signal btn jumps", "to a DC rail dcp (...)", "the high side sda_h with"
    if before in ("at", "on") and i >= 2 and low[i - 2] in ("in", "out") and i - 2 >= first and not plain(low[i]):
        return 2  # "sine in at ac, DC out at dc": the way the signal goes, then where, names it plainly ("1 V out at
        # full light": a word)
    if before in _SWEEP or (low[i + 1:i + 3] in (["is", "a"], ["is", "an"]) and _WAVES & set(low[i + 3:i + 9])
                            and before not in FUNCTION and before not in ARTICLES):
        return 1  # "sweep vin", "vin is a 1 kHz sine" (not "the sensor is a 1 V step": a noun)
    if before in _ROLE_NOUNS and low[i] in _READ_VERBS:
        return None  # "the output read across R": what is done with the port, no name
    if before in _ROLE_NOUNS or (before == "is" and i >= 2 and low[i - 2] in _ROLE_NOUNS):
        # "output impedance", "the output twice the input": said of the port; "output s1 to s5": a list of them
        stem = re.fullmatch(r"([a-z_]+)\d+", low[i])
        listed = stem is not None and after in ("to", "through") and low[i + 2:i + 3] != [] \
            and re.fullmatch(re.escape(stem[1]) + r"\d+", low[i + 2]) is not None
        return 1 if (len(low[i]) <= 6 or re.search(r"[\d_]", low[i])) and after != "the" and not listed else None
    if paired or before == "between" or (before == "and" and "between" in low[max(first, i - 4):i - 1]):
        return 0
    if before in _PLACES or (before == "from" and i >= 2 and low[i - 2] in _FED) \
            or (before in ("to", "from") and i >= 2 and low[i - 2] in _MOTION):
        # "at room temperature", "on pin 3": a word of the phrase, not a name; "driven from vs": the node it is fed at
        verb = after in VERBS or (len(after) > 3 and after.endswith(("s", "ing")))  # "a source at hm drives it"
        if verb and low[i] in PORT_NOUNS and after not in NOT_NODES and before in ("on", "at"):
            return 2  # "a sine on pin comes out rectified": a noun of ports that a verb follows is the node's name
        if after[:1].isdigit() and len(low[i]) > 4 and low[i].endswith("s") and low[i].isalpha():
            return None  # "into thresholds 1, 2 and 3 V", "at frequencies 1k": a noun and its figures
        return 0 if after in NOT_NODES or after in ("", ",", "(", ")", "and", "or", "is", "has", "so", ".", ";", "!",
                                                     "?") or verb \
            or not after[:1].isalpha() else None
    return None


def _role_after(low: list[str], i: int) -> str | None:
    """The role a bare "in" or "out" right after token i gives it where its phrase ends there: "node x9 in,
    node y9 out", "a in; b out": the name said alone or after "node" (not "x in the loop", a unit's denominator
    "41 uV/degC in", nor a verb before "out" as a node, "its positive halves reach out", "to give out")."""
    if i > 0 and low[i - 1] not in ("node", ",", ";", ":", ".", "(", "and") or low[i] in ("in", "out"):
        return None  # ("in -> out", "in/out": the two ports, not a node named in said to be the output)
    if low[i + 1:i + 2] in (["in"], ["out"]) and (i + 2 == len(low) or low[i + 2] in (",", ";", ".", ":", ")", "and")):
        return "input" if low[i + 1] == "in" else "output"
    return None


# "into": where a signal named at one node goes next ("the signal at pk ... into fx"); a current "into" a node
# is fed there
_CURRENT = {"current", "currents", "amps", "amp", "ma", "ua", "µa", "na", "a", "inject", "injects", "injected", "sink",
            "sinks", "source", "sources", "pushes", "push", "pushing"}


def _into(low: list[str], i: int, start: int, earlier: list[int]) -> int | None:
    """The token of the node named before the "into" that leads to token i in its clause ("from the mic at node m1
    into the mixer at node mx": m1), None where no "into" leads there or no node is named before it."""
    k = next((k for k in range(i - 1, max(start, i - 6) - 1, -1) if low[k] == "into"), None)
    if k is None or _CURRENT & set(low[max(start, k - 8):i]):
        return None
    def grounded(j: int) -> bool:  # "sb tied to ground", "tc_n (grounded)": a source's return, never the signal
        for at in (p for p, w in enumerate(low) if w == low[j]):
            after = [w for w in low[at + 1:at + 5] if w != "("]
            if after[:1] == ["grounded"] or (after[:1] in (["tied"], ["connected"], ["returned"])
                                             and "ground" in after):
                return True
        return False
    return next((j for j in reversed(earlier) if j < k and not _CURRENT & set(low[j:k]) and not grounded(j)), None)


def _cue(low: list[str], i: int, phrases: tuple[int, int], paired: str | None, parts: bool,
         turn: tuple[int, int] | None, sources: set[int]) -> tuple[str | None, str | None]:
    """The role and pin that the words around token i give the node it names (`phrases`: where its phrase and
    the one before start; `turn`: where "turn ... into" says so, "turn x into y"; `sources`: the tokens that are
    a source's name, "VS1")."""
    after = low[i + 1:i + 4]
    if after[:1] == ["("] and after[1:2] in (["input"], ["output"]) and after[2:3] in ([")"], []):
        return after[1], None  # ("bpo (input)", not "bpo (input bpi)": the aside names the other port)
    if role := _role_after(low, i):
        return role, None
    if low[i - 1] in ("rail", "rails") and "to" in low[max(phrases[0], i - 5):i - 1]:
        return "output", None  # "from the winding to a DC rail dcp": where the circuit delivers
    if after[:2] in (["goes", "high"], ["goes", "low"], ["switches", "high"], ["switches", "low"]) \
            or after[:1] in (["flips"], ["toggles"], ["trips"]):
        return "output", None  # "node lb_flag goes high when ...": what the circuit does there, its output
    if after[:1] == ["unloaded"] or after[:2] in (["left", "unloaded"], ["left", "open"]):
        return "output", None  # "tt_out left unloaded": where the circuit's result is taken
    if after[:2] == ["is", "the"] and after[2:] and after[2] in _ROLE_NOUNS:
        return _ROLE_NOUNS[after[2]], None
    if low[i - 1] in _PLACES and i >= 3 and low[i - 2] in ("rail", "rails") and (
            low[i - 3] in _MADE or _MADE_INTO & set(low[max(phrases[0], i - 7):i - 2])):
        # ("I need a 5 V rail at v5 from the battery at bat": the rail asked for, not the one it runs from)
        return "output", None  # "makes a negative rail at vneg": the rail the circuit makes is its output
    toward = _toward(low, i)
    if _loaded(low, i):
        return "output", None  # "a 1k load on so", "driving a 1k load at node spk": the load hangs on the output
    if parts and not toward:
        return None, None  # a part's ends: the element readers place them
    if paired:
        return paired, None
    if turn is not None and turn[0] < i:
        return ("output" if turn[1] < i else "input"), None  # "turn the square wave at in into a triangle at out"
    if low[i - 1] in _SWEEP or (after[:2] in (["is", "a"], ["is", "an"]) and _WAVES & set(low[i + 3:i + 9])):
        return "input", None  # "sweep vin", "vin is a 1 kHz sine"
    k = i - 2 if low[i - 1] == "node" else i - 1
    if low[k] in _PLACES and k >= 3 and low[k - 1] in ("v", "mv") and (
            low[k - 3] in _HEDGES or low[k - 3] in _GIVES | _MAKING | {"give", "giving", "produce"}):
        # "about 1.2 V at node vbg", "full scale gives -7 V at aout": a level aimed at or made, the circuit's output
        # (a level held is a source: "VS1 puts 0.6 V on s1", a source named as what gives it, drives an input)
        return ("input" if k - 4 in sources else "output"), None
    start = phrases[0]
    if all(w in _NAMING or w == "the" for w in low[start:i]):  # "..., node co": the phrase before it
        start = phrases[1]
    role = pin = None
    for k in range(i - 1, max(start, i - 40) - 1, -1):  # (a role word further back is another clause's)
        w = low[k]
        if role is None and w in ("inputs", "outputs"):
            break  # "stage outputs r1 to r3", "outputs c1, c2": a list of ports (read_ports), not the one input
        if role is None and w in _CARRIERS and k > start and low[k - 1] in _ROLE_NOUNS:
            continue  # "output rail br_out", "input line lin": what the port is, its role word before it
        if role is None and toward and w in _PLACES:
            break  # "a source at drv feeding a divider to node tap": the words before drv are drv's
        if role is None and w in _ROLE_NOUNS and (low[k - 1] in OUTSIDE or (  # "the ADC input (node adc)"
                low[k - 1] in _NEXT and low[k - 2] in _OWNERS and _only_as_port(low, low[k - 1]))):
            role = "output" if _ROLE_NOUNS[w] == "input" else "input"
        elif role is None and w in OUTSIDE and low[k + 1] in _GIVES:  # "a sensor gives 0 to 1 V at sens"
            role = "input"
        elif role is None and w == "voltage" and low[k - 1] in ("a", "the") and low[k - 2] in _MADE_INTO \
                and low[k + 1] in _PLACES:
            role = "output"  # "photodiode current into a voltage at node tia", "I want a voltage at vout"
        elif role is None and (w in _CUES or w in _ROLE_NOUNS):
            role = _CUES.get(w) or _ROLE_NOUNS[w]
        elif role is None and w in ("in", "out") and low[k - 1] not in _PLACES | {"from", "to"} \
                and (low[k + 1] in _PLACES | {"through", "via"}
                     or low[k + 1].endswith("ed") and low[k + 2:k + 3] and low[k + 2] in _PLACES
                     or _LEVEL_PLACED.fullmatch(" ".join(low[k + 1:i]))):
            # ("comes out rectified at pr": what it is made on the way; "analog in 1.7 V DC at node x": its level)
            role = "input" if w == "in" else "output"  # "goes in at", "comes out at", "5 V out at node vreg"
        elif role is None and w in ("source", "sources") and k + 1 < i and low[k + 1] in _PLACES \
                and not (low[k - 1] in ("the", "its") and low[k - 2] in _PLACES | {"to", "from"}):
            role = "input"  # "a source at node ramp", "the source at src"; "at the source" is a pin
        elif role is None and w in ("from", "to") and k >= i - 5 and any(c.isdigit() for c in " ".join(low[k:i])) \
                and "to" not in low[k + 1:k + 3] and not low[k - 1][:1].isdigit():
            role = "input" if w == "from" else "output"  # "from 5 V at vin", "up to 12 V at node vo"; not a range
        elif role is None and w in _WAVES and k + 1 < i and not _MAKING & set(low[max(start, k - 4):k]) \
                and (low[i - 1] in _PLACES or low[i - 2:i] == ["node", low[i - 1]] and low[i - 2] in _PLACES) \
                and any(t[:1].isdigit() for t in low[start:_phrase_end(low, i)]) \
                and not re.fullmatch(r"v?out\w*", low[i]):
            role = "input"  # "test with a 0.5-4.5 V triangle at 100 Hz on vin": the stimulus (not "makes a square at",
            # nor a generator's "square wave at sq, triangle at tri", no figure of a stimulus said)
        elif pin is None and w in ("collector", "drain") and low[k + 1:k + 2] in (["load"], ["resistor"]) \
                and "from" not in low[i - 2:i]:
            pin = _PIN_CUES[w]  # "the collector load is 1k to +12 V at node c": the load's end away from the rail
        elif pin is None and w in _PIN_CUES and (k + 1 == i or low[k + 1] in _NAMING | _PLACES | VERBS
                                                 | {"is", "(", ","}):
            pin = _PIN_CUES[w]  # "the collector, node co", "gate held at 3 V at node in"; not "the base drive node"
    k = i - 2 if low[i - 1] == "node" else i - 1
    if role == "supply" and low[k] == "to" and "from" in low[start:k]:
        role = "output"  # "from the 12 V supply (on node rail) to node c": where it leads from the supply
    if role is None and toward:
        role = "output"  # "followed by an RC low-pass (1k and 1 uF) to node filt": where the chain ends
    if after[:1] in (["through"], ["via"]):
        pin = None  # "base driven from a square at bdrv through 4.7k": the node before the part, not the pin
    if pin is None and after[:1] in (["at"], ["on"]) and after[1:2] == ["the"] and after[2:] and after[2] in _PIN_CUES:
        pin = _PIN_CUES[after[2]]  # "in-phase output pe at the emitter": the pin it is taken at, said after it
    come = i + 1 if low[i + 1:i + 2] == ["from"] else None  # (not "btn jumps from 0 to 3.3 V": a step)
    if role is None and come is not None and not parts and any(w[:1].isdigit() for w in low[come + 1:come + 3]):
        role = "output"  # "3.3 V at vo from 5 V at vin": where it goes, from where it comes (not "from a source")
    return role, pin


# The way a part's lead goes ("from vo back to node n", "runs straight to node x"), and how a pull-up is named
_WAYS = {"back", "down", "up", "over", "across", "straight", "directly", "right", "runs", "run", "leads", "lead",
         "goes", "go"}
# "uF", "ohms", "10k", "2k2", "1meg", "100nf" (lower case): a part's value or its unit; a bare "10" is no part's
_UNIT_WORD = re.compile(r"[\d.]*(?:meg|[kmunpµ])?(?:Ω|ohms?|f|h)|[\d.]+(?:meg|[kmr])\d*", re.IGNORECASE)


def _toward(low: list[str], i: int) -> bool:
    """Whether token i is named "to node x" after the circuit or a stage of it ("a 10k/10k divider
    to node half", "an amplifier with gain 10 to node isense"): where its chain ends. A part before "to" ("a 1k
    resistor to node x", "C2 (10 nF) to node x", "through 1k to node x") makes x that part's end, a verb before it
    ("connected to node vdd") a connection."""
    if i < 3 or low[i - 1] != "node" or low[i - 2] != "to":
        return False  # (a current "into node in" is fed there)
    k = i - 3
    if low[k] == ")":  # what a parenthesis says of the thing before it
        k = next((j for j in range(k - 1, -1, -1) if low[j] == "("), 0) - 1
    word = low[k] if k >= 0 else ""
    return not (word in _PART_NOUNS or word in ("load", "loads") or word in VERBS or word in NOT_NODES - FUNCTION
                or word.endswith("ing") or word in _WAYS or "pull" in word  # "flowing to node x", "back to node n"
                or _DESIGNATOR.fullmatch(word.upper()) or _UNIT_WORD.fullmatch(word))


def _loaded(low: list[str], i: int) -> bool:
    """Whether token i is where a load hangs: "a 1k load on so", "loaded by 2k at node vo", "a 470 ohm load across
    out" (not "a load from a to b": its ends, read by _pairs)."""
    k = i - 2 if i >= 2 and low[i - 1] == "node" else i - 1
    return k >= 1 and low[k] in ("on", "at", "across") and low[k - 1] in ("load", "loads", "loaded") \
        or k >= 3 and low[k] in ("on", "at", "across") and low[k - 2:k - 1] == ["by"] and low[k - 3] == "loaded"


def _phrase_end(low: list[str], i: int) -> int:
    """Where the phrase of token i ends: its comma, clause end or sentence end."""
    return next((k for k in range(i + 1, len(low)) if low[k] in (",", ";", ":", ".", "!", "?")), len(low))


def _volts(m: re.Match, group: str) -> float:
    return float(m[group].replace("\u2212", "-")) * _SCALE[m[group + "u"]]


def _range(first: str, last: str) -> tuple[str, ...] | None:
    """"s1 to s5": s1, s2, s3, s4, s5 (the same stem, counting up); "b3..b0": b3, b2, b1, b0 (counting down)."""
    a, b = re.fullmatch(r"([a-z_]+)(\d+)", first), re.fullmatch(r"([a-z_]+)(\d+)", last)
    if a is None or b is None or a[1] != b[1] or not 0 < abs(int(b[2]) - int(a[2])) < 64:
        return None
    step = 1 if int(b[2]) > int(a[2]) else -1
    return tuple(f"{a[1]}{k}" for k in range(int(a[2]), int(b[2]) + step, step))


# "an op-amp follower onto node aout", "buffered by a follower to node ntb": the output, said after the buffer
_FOLLOWER_ONTO = re.compile(r"\b(?:follower|buffer)\b[^.;]{0,40}?\b(?:onto|into|to)\s+(?:the\s+)?node\s+(?P<n>"
                            + _NAME + r")\b", re.IGNORECASE)


def _add(roles: dict[str, tuple[str, ...]], role: str, names: tuple[str, ...]) -> None:
    if names and role not in roles:
        roles[role] = names


def read_ports(text: str) -> Ports:
    """The ports and levels `text` states (see the module's docstring)."""
    ports = Ports()
    asides: dict[str, str] = {}  # a listed name -> the aside said after it
    for m in _SPEC_LIST.finditer(text):  # a list the request states as a specification line comes first
        words = [n.lower() for n in re.findall(r"[a-z_]\w*", m["list"], re.IGNORECASE)]
        _add(ports.roles, m["role"].lower(), tuple(dict.fromkeys(n for n in words if n != "and")))
    for m in _SPACED.finditer(text):
        _add(ports.roles, m["role"], tuple(n for n in m["list"].split() if n != "and"))
    for m in _ROLES_ARE.finditer(text):
        pair = (m["a"], m["b"])
        nodes = m["nodes"] or m["named"]
        grammar = FUNCTION | ROLES | GROUND | ARTICLES if nodes \
            else (NOT_NODES - PLACES) | GROUND | ARTICLES | IDIOMS | PLAIN | PORT_NOUNS
        if (m["are"] or nodes) and not any(n in grammar for n in pair):
            _add(ports.roles, _ROLE_WORDS[m["role"].lower()], pair)
    for m in _EQUATION.finditer(text):
        _add(ports.roles, "input", tuple(dict.fromkeys(n.lower() for n in re.findall(r"v\((\w+)\)", m["expr"]))))
    for m in _COPIES.finditer(text):
        if not {m["o"].lower(), m["i"].lower()} & (NOT_NODES | GROUND | ARTICLES | PLAIN):
            _add(ports.roles, "output", (m["o"].lower(),))
            _add(ports.roles, "input", (m["i"].lower(),))
    # ("self-biased JFET stage, ..., source node jf_s": a field-effect device's source pin, named; "switch node bb_sw":
    # a converter's switching node)
    for role, m in [("source", m) for m in _FET_SOURCE.finditer(text) if _FET.search(text)] \
            + [("switch", m) for m in _SWITCH_NODE.finditer(text)]:
        if m["n"].lower() not in NOT_NODES | GROUND:
            _add(ports.roles, role, (m["n"].lower(),))
    for m in _ROLE_NAMED.finditer(text):
        name, role = m["p"] or m["e"] or m["i"] or m["i2"], m["role"].lower()
        if m["i2"] and role in ("in", "out"):
            continue  # ("the way out is down"): only a role's own word names its node so
        if m["i"] is None and role in ("in", "out") and m["e"] is None and not re.search(r"\(\s*node\s", m[0]):
            continue  # "out (vo)": the word "in" or "out" is a role only before "=" or ":" (or "12 V in (node x)")
        if other := _OTHER_DEVICE.search(text[:m.start()]):
            # "the ADC input (node adc)", "a preamp output (node pre)": another device's port; one outside the circuit
            # faces ours the other way ("my ADC input (adc1)" takes our output)
            device = re.sub(r"['\u2019]s$", "", other[0].strip().lower())
            if device in OUTSIDE and role in ("input", "output") and (faced := m["p"] or m["e"] or m["i"]):
                _add(ports.roles, "output" if role == "input" else "input", (faced.lower(),))
            continue
        # (not "output (buffered)": what it is)
        if name not in _OUTPUTS and not plain(name) and (len(name) <= 5 or re.search(r"[\d_]", name)):
            _add(ports.roles, _ROLE_WORDS.get(role, role + "put"), (name,))
    # ("v(ina_out) = 25 (v(ia) - v(ib))", "V(y) = -2 v(x)": the output written as its probe, read as its name)
    probed = _PROBED_OUT.sub(lambda m: m["n"].ljust(len(m[0])), text)
    for m in _NAMED_EQUATION.finditer(probed):
        if m["out"] in _ROLE_WORDS:
            continue  # "input=u1" names the input (above), no equation
        times = re.sub(r"(?<=\d)\s*" + _TIMES, " *", m["expr"])  # ("3 x (a - b)": no node "x")
        terms = re.findall(r"(\d)?\s*\*?\s*(?:v\(\s*(\w+)\s*\)|([a-z_]\w*))", times)
        terms_named = [(probed or bare).lower() for _, probed, bare in terms]
        # a word after a figure may be its unit or what it counts ("t = 2 ms", "n = 3 stages"), no node
        counted = any(number and bare and (_UNIT.fullmatch(bare) or re.fullmatch(r"[a-z]{3,}s", bare))
                      for number, _, bare in terms) or any((bare.lower() in _NOT_NAMES - PLAIN or plain(bare))
                                                           # ("2.5 x (ua - ub)": a unit's letters with no figure
                                                           # before them are a node's name)
                                                           and not (not number and _UNIT.fullmatch(bare.lower()))
                                                           for number, _, bare in terms if bare)
        weighted = re.search(r"[-+\u2212()\d]|v\(", m["expr"])  # "a = b" states no circuit's function
        if weighted and terms_named and not counted and m["out"] not in _QUANTITIES and not _UNIT.fullmatch(m["out"]) \
                and m["out"] not in terms_named:
            _add(ports.roles, "output", (m["out"],))
            _add(ports.roles, "input", tuple(dict.fromkeys(terms_named)))
    for m in _ENDED_ROLE.finditer(text):
        _add(ports.roles, m["role"], (m["n"] or m["m"],))
    for m in _DIFFERENCE.finditer(text):
        _add(ports.roles, "input", (m["a"], m["b"]))
    for m in _ROLE_LIST.finditer(text):
        role = m["qual"].lower() if m["qual"] else _ROLE_WORDS.get(m["role"].lower(), m["role"])
        if m["first"]:
            names = _range(m["first"], m["last"])
            if names is None:
                continue
        else:
            names = tuple(re.findall(r"(?<![\w.])(" + _LISTED + r")(?![\w.])(?!\s*[mµu]?V\b)",
                                     re.sub(r"(?:=|\bat)\s*\S+\s?[mµu]?V\b(?:\s+DC\b)?|\([^()]*\)|" + _AT_PIN, " ",
                                            m["list"])))
            names = _by_threshold(_in_bit_order(names, m["list"]), m["list"]) if role == "output" \
                else _in_bit_order(names, m["list"])
            asides.update(re.findall(r"([a-z_]\w*)\s*\(([^()]*)\)", m["list"]))
            for pin, on_pin in _aside_pins(m["list"]).items():  # "ps_c (collector, inverted)": that pin's port
                _add(ports.roles, pin, on_pin)
            if role == "input":  # "inputs dm_p (non-inverting side, 1.2 V DC) and dm_n (...)": each one's level
                ports.levels += _aside_levels(m["list"])
            if len(names) == 1 and (role in ("input", "output") or not (len(names[0]) <= 4
                                                                       or re.search(r"[\d_]", names[0]))):
                # one long word after the role word is a noun ("input resistors"), not a name; a lone input or
                # output ("the output back to", "output out") is the request reader's to read
                continue
        _add(ports.roles, role, names)
        # "bases inp and inn at 0 V DC": one level after the list is each one's
        last = re.search(r"\bat\s+" + _LEVEL.format("all"), m["list"]) if not m["first"] else None
        one = len(re.findall(r"(?:=|\bat)\s*[-+\u2212]?[\d.]+\s?[mµu]?V\b", m["list"])) == 1 \
            and m["list"].rstrip().endswith(("V", "DC"))
        if (shared := m if m["all"] else last if one else None) is not None:
            ports.levels += [Level(n, _volts(shared, "all"), m[0]) for n in names]
    for m in _QUALIFIED.finditer(text):
        name = m["k"] or m["n"]  # ("the triangle-wave output on node ramp": any word "node" names)
        placed = re.search(r"\b(?:at|on|is|node)\s", m[0][m.end("role") - m.start():])  # else a short name only
        side = _SIDES.get(m["qual"].lower()) if m["role"] == "input" else None
        qual = m["qual"].lower()
        # ("buffer output tel_mid, final output tel_out": the last stage's output is the circuit's own, the buffer's
        # an inner stage's, where both are said)
        inner = qual in _STAGE_WORDS and m["role"] == "output" and any(
            q["qual"].lower() in _WHOLE for q in _QUALIFIED.finditer(text))
        word = qual if re.fullmatch(r"[A-Z][a-z]{2,}(?:-[a-z]+)?", m["qual"]) else m["qual"]  # (a capital of its place)
        if (side or inner or qual in _PIN_CUES or word not in NOT_NODES and word not in PORT_NOUNS) \
                and not _UNIT.fullmatch(name) \
                and (placed or len(name) <= 6 or re.search(r"[\d_]", name)):
            qual = _PHASE_PINS.get(qual, qual) if m["role"] == "output" else qual
            _add(ports.roles, m["role"] if qual in _WHOLE else "stage" if inner else f"{side or qual} {m['role']}",
                 (name,))
    for m in _SOURCED_INPUTS.finditer(text):
        _add(ports.roles, "input", tuple(n.lower() for n in re.findall(r"\b(?:on|at)\s+(?:node\s+)?(" + _NAME + r")",
                                                                        m["list"], re.IGNORECASE)))
    for m in _WHERE.finditer(text):
        _add(ports.roles, "input" if m["in"] else "output", (m["n"].lower(),))
    for m in _BETWEEN_STAGES.finditer(text):  # "between stages bw_mid": the first stage's output
        _add(ports.roles, "stage", (m["n"].lower(),))
    for m in _BROUGHT_OUT.finditer(text):  # "bring out the low-pass as tt_lp": an output told apart by its word
        _add(ports.roles, f"{m['qual'].lower()} output", (m["n"],))
    for m in _PORTS_NAMED.finditer(text):
        pair = (m["a"].lower(), m["b"].lower())
        if not set(pair) & (_NOT_NAMES | FUNCTION | ROLES | IDIOMS) and not any(plain(n) for n in pair):
            _add(ports.roles, m["role"].lower(), pair)
    for m in GROUNDED_PIN.finditer(text):  # "tie base ltp_b to ground": a pin held at 0 V, named
        _add(ports.roles, f"grounded {(m['pin'] or m['pin2'] or m['pin3']).lower()}", (m["n"] or m["n2"] or m["n3"],))
    for m in _PIN_NAMED.finditer(text):
        ports.roles[m["pin"]] = tuple(dict.fromkeys(ports.roles.get(m["pin"], ()) + (m["n"],)))
    for m in _NODE_PIN.finditer(text):
        for pin, on_pin in _aside_pins(f"{m['n']} ({m['a']})").items():
            ports.roles[pin] = tuple(dict.fromkeys(ports.roles.get(pin, ()) + on_pin))
    for m in _MIDPOINTS.finditer(text):
        _add(ports.roles, "bridge", (m["a"], m["b"]))
    if arms := bridge_sides(text):
        _add(ports.roles, "bridge", arms)
    for m in _CARRIED_PAIR.finditer(text):
        if not {m["q1"], m["q2"]} & (NOT_NODES | PORT_NOUNS | PLAIN):
            _add(ports.roles, f"{_CARRIES.get(m['q1'], m['q1'])} {m['role']}", (m["a"],))
            _add(ports.roles, f"{_CARRIES.get(m['q2'], m['q2'])} {m['role']}", (m["b"],))
    for m in _CARRIED.finditer(text):
        qual = _CARRIES.get(m["qual"].lower(), m["qual"].lower())
        if m["n"] not in _QUANTITIES:  # ("the cosine at node c90": a name, though a capacitor's could be so written)
            _add(ports.roles, f"{qual} output", (m["n"],))
    for m in _DOTTED.finditer(text):
        if (names := _range(m["first"], m["last"])) is not None:
            _add(ports.roles, m["role"].lower(), names)
    for m in _PARENTHESISED.finditer(text):
        names = tuple(re.findall(r"\(\s*(?:[LM]SB\s*,\s*)?(?:node\s+)?(" + _NAME + r")", m["list"]))
        _add(ports.roles, "input", _in_bit_order(names, m["list"]))
    for m in _BITS.finditer(text):
        if any(re.search(r"\b[LM]SB\b", a) for a in re.findall(r"\(([^()]*)\)", m["list"])):
            names = tuple(n for n in re.findall(r"(?<![\w.])(" + _NAME + r")(?![\w.])",
                                                re.sub(r"\([^()]*\)", " ", m["list"])) if n != "and")
            _add(ports.roles, "input", _in_bit_order(_numbered_run(names), m["list"]))
    for m in _BIT_RANGE.finditer(text):  # "b3 (MSB) through b0 (LSB)", "d0 (LSB) to d7 (MSB)"
        if (names := _range(m["first"], m["last"])) is not None:
            _add(ports.roles, "input", names[::-1] if re.search(r"\bLSB\b", m["a"]) else names)
    for m in _TAPS.finditer(text):
        names = tuple(n for n in re.findall(r"(?<![\w.])(" + _NAME + r")(?![\w.])",
                                            re.sub(r"\([^()]*\)", " ", m["list"])) if n.lower() != "and")
        _add(ports.roles, "tap", _top_first(names, m["list"], m["tail"] or ""))
    for m in _NAME_THE.finditer(text):  # "name the stages rk1 to rk9": the run between, counted
        if (names := _range(m["first"].lower(), m["last"].lower())) is not None:
            _add(ports.roles, (m["role"] or "output").lower(), names)
    for m in _TAP_RANGE.finditer(text):  # "taps fz1 (lowest) to fz3": the run between, counted
        if "tap" not in ports.roles and (names := _range(m["first"].lower(), m["last"].lower())) is not None:
            _add(ports.roles, "tap", _top_first(names, m[0], ""))
    if sides := sided_outputs(text):  # the outputs by their sides, below first
        _add(ports.roles, "output", (sides["below"][0], sides["above"][0]))
    for m in _NODE_IS_THE.finditer(text):
        said = (m["q"] or m["r"] or m["t"]).lower()
        role = _PART_ROLES.get(said, said)
        if role not in _ROLE_WORDS and (role not in NOT_NODES | PORT_NOUNS | PLAIN or role in _PART_ROLES.values()):
            _add(ports.roles, role, (m["n"] or m["m"] or m["k"],))
    for m in _IS_THE.finditer(text):
        if m["ra"].lower() != m["rb"].lower():
            _add(ports.roles, m["ra"].lower(), (m["a"],))
            _add(ports.roles, m["rb"].lower(), (m["b"],))
    for m in _SOURCE_ASIDE.finditer(text):
        # ("a 9 V battery (VBAT)", "the 5 V rail (VCC1)": the source's own noun, said with its level, no node)
        if m["n"].lower() not in NOT_NODES and not re.search(r"\d\s*[munµk]?V\s+(?:DC\s+)?$", text[:m.start()],
                                                             re.IGNORECASE):
            ports.sources.setdefault(m["s"].upper(), m["n"])
    ends = [(m["a"], m["b"]) for m in _SOURCE_ENDS.finditer(text) if m["a"] != m["b"]]
    ports.source_ends = ends[0] if len(ends) == 1 else None
    for m in _SUMMING.finditer(text):
        _add(ports.roles, "summing node", (m["n"],))
    for m in _LEVELS_ON.finditer(text):
        names = tuple(n for n in re.findall(r"\w+", m["list"]) if n.lower() != "and")
        if not {n.lower() for n in names} & NOT_NODES:
            _add(ports.roles, "input", names)
    if (each := _EACH_INPUT.search(text)) and len(ins := ports.roles.get("input", ())) >= 2:
        levelled = {level.node for level in ports.levels}  # ("both inputs 0.5 V DC": the one level of every input)
        ports.levels += [Level(n, _volts(each, "v"), each[0]) for n in ins if n not in levelled]
    ports.inner = tuple(dict.fromkeys(m["n"] for m in _INNER.finditer(text)
                                      if m["n"].lower() not in ARTICLES | GROUND | FUNCTION))
    for m in _CONTROL.finditer(text):
        _add(ports.roles, "control", (m["n"] or m["m"],))
    pins = [(said.pin, said.node) for said in said_nodes(text) if said.pin]  # "output at the collector, node co"
    for pin in dict.fromkeys(pin for pin, _ in pins):  # (more of that pin than a list said: "base node cb1, ...
        # the cascode transistor's base node cb2")
        more = tuple(node for named, node in pins if named == pin)
        ports.roles[pin] = tuple(dict.fromkeys(ports.roles.get(pin, ()) + more))
    for role, names in ports.roles.items():  # "collectors c2 (under the base b1) and c1", the bases b1 and b2
        if role != "input":
            ports.roles[role] = _beside(names, ports.roles.get("input", ()), asides)
    listed = set(ports.named())
    for m in _LEVEL_ON.finditer(text):
        node = m["n"]
        stated = m["lead"] or m["dc"] or m["what"].strip() or node in listed
        if node in _OUTPUTS or (node in _NOT_NAMES and node not in listed and not m["kw"]) or not stated \
                or re.search(r"\d\s*V\s*/\s*$", text[:m.start("v")]):
            continue  # "a steady 3.3 V at out": the output's spec, not a source; "5 V/0 V on b3": logic levels
        ports.levels.append(Level(node, _volts(m, "v"), m[0].strip()))
    for m in _NODE_AT.finditer(text):
        node, bare_level = m["n"], m["verb"] in ("at", "is", "=")
        # a bare "x at 1 V" names a node when x is a port already named, or a short name in a list of levels
        # ("dp = 6 V, dn = 2 V": the first of a list of levels said with "=" is one of them)
        listing = m["verb"] == "=" and _EQUALS_NEXT.match(text, m.end())
        loose = bare_level and node not in listed and not ((m["lead"] or listing) and (len(node) <= 4 or m["dc"])) \
            and not (m["verb"] == "=" and RAIL.match(node)) \
            and not (m["verb"] == "at" and _ROLE_BEFORE.search(text, 0, m.start("n"))) \
            and not _NODE_BEFORE.search(text, 0, m.start("n"))  # "and input bb at 0.5 V", "and node sn at 1 V"
        named = node not in _NOT_NAMES or node in listed or (node == "in" and not bare_level)  # "in sits at 1.5 V"
        if node in _OUTPUTS or not named or loose or _CHANGES.match(text, m.end()):
            continue  # (a level that changes in time, "p sits at 0 V until 2 ms", is no DC level: drives.py)
        ports.levels.append(Level(node, _volts(m, "v"), m[0].strip(" ,;(:")))
    for m in _DRIVE_WITH.finditer(text):  # "drive s1 with 0.4 V, s2 with -0.3 V and s3 with 1.2 V"
        at = m.end()
        while (one := _WITH_ONE.match(text, at)) is not None and not _CHANGES.match(text, one.end()):
            ports.levels.append(Level(one["n"], _volts(one, "v"), one[0].strip()))
            if (following := _WITH_NEXT.match(text, one.end())) is None:
                break
            at = following.end()
    for m in _LOGIC.finditer(text):
        ports.levels.append(Level(m["n"], None if m["hl"] == "high" else 0.0, m[0], high=m["hl"] == "high"))
    ports.levels = list({level.node: level for level in reversed(ports.levels)}.values())[::-1]  # first said wins
    for m in _MADE_ONTO.finditer(text):  # only where nothing else named the output
        # ("filtered from a to b"; "the signal to be amplified is applied to node ain": what is still to be done goes
        # in there, the input)
        if not re.search(r"\b(?:from|between|across|applied|fed|enters|goes\s+in|input)\b", m["way"], re.IGNORECASE) \
                and not re.search(r"\b(?:be|being|been)\s+$", text[:m.start()], re.IGNORECASE):
            _add(ports.roles, "output", (m["n"],))
    for m in _FOLLOWER_ONTO.finditer(text):  # last: only where nothing else named the output
        _add(ports.roles, "output", (m["n"].lower(),))
    supplies = {}
    for m in _SUPPLY.finditer(text):
        group = "v" if m["v"] is not None else "w" if m["w"] is not None else "p"
        value = _volts(m, group)
        if value <= 0 or (group == "v" and not m["noun"] and _NOT_SUPPLY.match(text, m.end())):
            continue
        if re.search(r"\bnegative\s*$", text[:m.start()]):
            continue
        if re.search(r"\b(?:make|makes|making|need|want|give|gives|giving|derive|generate|produce|build)\s+(?:me\s+)?"
                     r"(?:an?\s+)?(?:regulated\s+|stable\s+|clean\s+)?$", text[:m.start()], re.IGNORECASE):
            continue  # "make a 6.2 V rail with a zener": the level the circuit makes, not its supply
        supplies[value] = m[0].strip()
    if links := _path_links(text):
        ports.path = (links[0]["a"], *(m["b"] for m in links))
    named = _supply_nodes(text, frozenset(ports.named()))
    if not supplies and len({value for value, _, _ in named if value is not None}) == 1:
        supplies = {value: said for value, _, said in named if value is not None}  # "rail: vpp = 9 V"
    if len(supplies) == 1:
        (value, said), = supplies.items()
        nodes = {node for level, node, _ in named if level is None or level == value}
        # ("from a 9 V supply VCC ... Supply node vcc9": the name the word "node" gives it, not the source's name)
        marked = {node for level, node, words in named if (level is None or level == value)
                  and re.search(r"\b(?:node|called|named|labell?ed)\b", words, re.IGNORECASE)}
        nodes = marked if len(nodes) > 1 and len(marked) == 1 else nodes
        ports.supply = Level(nodes.pop() if len(nodes) == 1 else "", value, said)
        # ("from a 12 V rail: series resistor from vcc to led_a": the one positive rail's name the request writes as
        # a node, lower case, where the supply's own words name none)
        rails = set(_WRITTEN_RAIL.findall(text))
        if not ports.supply.node and value > 0 and len(rails) == 1:
            ports.supply = Level(rails.pop(), value, said)
    for m in _SIDED_PIN.finditer(text):  # (last: the plain pin's role, which other readers give it, loses the name)
        side = "output" if (m["q"] or m["q2"]).lower() in ("output", "copy", "mirrored") else "reference"
        if m["pin"]:
            ports.roles[m["pin"].lower()] = tuple(n for n in ports.roles.get(m["pin"].lower(), ()) if n != m["n"])
        _add(ports.roles, side, (m["n"] or m["n2"],))
    return ports


def _numbered_run(names: tuple[str, ...]) -> tuple[str, ...]:
    """Numbered bits end where their numbering does ("q3 (MSB) 10k, ..., q0 80k, feedback 10k": no bit "feedback")."""
    stem = names[0].rstrip("0123456789")
    if stem == names[0]:
        return names
    return tuple(itertools.takewhile(lambda n: n.rstrip("0123456789") == stem != n, names))


def _in_bit_order(names: tuple[str, ...], listed: str) -> tuple[str, ...]:
    """A list of bits most significant first, as converters' inputs are ordered: reversed where its asides say it
    starts at the LSB or ends at the MSB ("b0 (LSB), b1, b2 (MSB)", "80k (LSB, node w0), ..., 20k (MSB, node w2)")."""
    def aside(name: str) -> str:  # the aside after the name, or the one that holds it
        said = re.search(rf"(?<![\w.]){re.escape(name)}\s*\(([^()]*)\)", listed) \
            or re.search(rf"\(([^()]*(?<![\w.]){re.escape(name)}(?![\w.])[^()]*)\)", listed)
        return said[1] if said else ""
    reversed_ = names and (re.search(r"\bLSB\b", aside(names[0])) or re.search(r"\bMSB\b", aside(names[-1])))
    return names[::-1] if reversed_ else names


def sided_outputs(text: str) -> dict[str, tuple[str, float]] | None:
    """A window's two outputs the request names, {"below": (name, limit), "above": (name, limit)}: each one high
    past its own limit; none unless both sides are named, the lower limit below the upper."""
    sides: dict[str, tuple[str, float]] = {}
    for m in _SIDED.finditer(text):
        side = "below" if re.match(r"under|below|beneath|less", m["side"], re.IGNORECASE) else "above"
        sides.setdefault(side, (m["n"], float(m["v"])))
    if len(sides) < 2 or sides["below"][1] >= sides["above"][1] or sides["below"][0] == sides["above"][0]:
        return None
    return sides


def _top_first(names: tuple[str, ...], listed: str, tail: str) -> tuple[str, ...]:
    """A string's taps highest first: reversed where an aside says the list starts at the bottom or ends at the top
    ("t1 (lowest), t2 and t3", "a, b, c (highest)") or the words after it do ("from the bottom", "lowest first");
    else as said (a string is described from its top, "12 V down to ground")."""
    def aside(name: str) -> str:
        said = re.search(rf"(?<![\w.]){re.escape(name)}\s*\(([^()]*)\)", listed)
        return said[1] if said else ""
    low, high = r"\b(?:lowest|bottom|low|lsb)\b", r"\b(?:highest|top|high|msb)\b"
    up = re.search(low, tail + " " + aside(names[0]), re.IGNORECASE) or re.search(high, aside(names[-1]), re.IGNORECASE)
    return names[::-1] if up else names


# A DC level alone in an aside ("(non-inverting side, 1.2 V DC)"), no waveform's or threshold's figure, no source's
# name (that source holds the level: "(VNB at 0 V)")
_ASIDE_LEVEL = re.compile(r"(?<![\w.])" + _LEVEL.format("v"))


def _aside_levels(listed: str) -> list[Level]:
    """The DC level each item's aside states ("dm_p (non-inverting side, 1.2 V DC)")."""
    levels = []
    for name, aside in re.findall(r"([a-z_]\w*)\s*\(([^()]*)\)", listed):
        found = list(_ASIDE_LEVEL.finditer(aside))
        if len(found) == 1 and not re.search(r"\b[VI][A-Z0-9_]+\b", aside) and not re.search(
                r"\b(?:peak|pk|pp|rms|amplitude|sine|ac|threshold|step|pulse|square)\b", aside, re.IGNORECASE):
            levels.append(Level(name, _volts(found[0], "v"), f"{name} ({aside})"))
    return levels


def _by_threshold(names: tuple[str, ...], listed: str) -> tuple[str, ...]:
    """Outputs each said with its level ("fl3 (3 V), fl2 (2 V), fl1 (1 V threshold)") lowest first, as a ladder's
    comparators are ordered from its bottom tap."""
    levels = []
    for name in names:
        said = re.search(rf"(?<![\w.]){re.escape(name)}\s*\(([^()]*)\)", listed)
        found = list(_ASIDE_LEVEL.finditer(said[1])) if said else []
        if len(found) != 1:
            return names
        levels.append(_volts(found[0], "v"))
    return tuple(name for _, name in sorted(zip(levels, names)))


def _beside(names: tuple[str, ...], inputs: tuple[str, ...], asides: dict[str, str]) -> tuple[str, ...]:
    """A pair's ports in the order of its inputs where their asides say which input each is beside ("outputs lt_c2
    (under lt_p) and lt_c1", inputs lt_p and lt_n: lt_c2 first), as a family's pins follow its devices."""
    partner = {name: next((k for k, inp in enumerate(inputs)
                           if re.search(rf"(?<![\w.]){re.escape(inp)}(?![\w.])", asides.get(name, ""))), None)
               for name in names}
    beside = [k for k in partner.values() if k is not None]
    if len(names) != len(inputs) or len(inputs) < 2 or not beside or len(set(beside)) < len(beside):
        return names
    slots: list[str | None] = [None] * len(names)
    for name, k in partner.items():
        if k is not None:
            slots[k] = name
    rest = iter(name for name in names if partner[name] is None)
    return tuple(slot if slot is not None else next(rest) for slot in slots)


def _aside_pins(listed: str) -> dict[str, tuple[str, ...]]:
    """The device pins a list's asides name for its items ("ps_c (collector, inverted) and ps_e (emitter)", "ps_c at
    the collector and ps_e at the emitter")."""
    pins: dict[str, tuple[str, ...]] = {}
    for m in re.finditer(r"([a-z_]\w*)(?:\s*\(([^()]*)\)|" + _AT_PIN + ")", listed):
        name, aside = m[1], m[0][len(m[1]):]
        words = [w for w in re.findall(r"[a-z]+", aside.lower()) if w in _PIN_CUES]
        if len(words) == 1:
            pins[_PIN_CUES[words[0]]] = (*pins.get(_PIN_CUES[words[0]], ()), name)
    return pins


def _supply_nodes(text: str, ports: frozenset[str] = frozenset()) -> list[tuple[float | None, str, str]]:
    """The nodes the request puts a supply on (see _SUPPLY_NODE), each with the level said with it (None where
    it is said elsewhere) and the words. A level in parentheses after a bare figure is a supply's only after "on",
    "from" or "off" ("a 1 V (peak) sine" is none)."""
    found = []
    for m in _SUPPLY_NODE.finditer(text):
        if m["p"] and not (m["lead"] or m["noun"]):
            continue
        node = (m["p"] or m["c"] or m["n"] or m["k"] or m["m"]).lower()
        if node in _OUTPUTS or (_UNIT.fullmatch(node) and not node.startswith("v")):  # ("5 V (dc)"; "vpp" a rail)
            continue
        value = _volts(m, "v") if m["v"] is not None else _volts(m, "w") if m["w"] is not None else None
        found.append((value, node, m[0].strip()))
    for m in _NODE_RAIL.finditer(text):
        # (no signal port's: "input node vin (+2 V)", "node s_in (+1 V)" hold a level, no rail)
        if (m["plus"] or _RAIL_LIKE.fullmatch(m["n"])) and not m["x"].startswith(("-", "\u2212")) \
                and m["n"].lower() not in _OUTPUTS | ports \
                and not re.fullmatch(r"v?(?:in|out|sig|i|o|ref)\w{0,3}|\w*_(?:in|out|i|o|sig)\d?", m["n"].lower()) \
                and not re.search(r"\b(?:input|output|signal|reference)\s+$", text[:m.start()], re.IGNORECASE):
            found.append((_volts(m, "x"), m["n"].lower(), m[0].strip()))
    return found


def port_levels(ports: Ports, driven: set[str]) -> list[Level]:
    """The stated levels no other statement puts a source on (`driven`: the nodes the request's sources
    already hold), a logic high at the stated supply's level (left out when the request states none)."""
    high = ports.supply.value if ports.supply else None
    return [Level(level.node, high if level.high else level.value, level.text) for level in ports.levels
            if level.node not in driven and (high is not None or not level.high)]

