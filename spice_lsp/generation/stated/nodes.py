"""Nodes a request names in its words ("from sn to so", "node vo", "12 V in (vin)", a current sink's node), each
one a node of the answer or failed."""
from __future__ import annotations

import re

from spice_lsp.generation.checklist import FAIL, UNCHECKED, CheckItem
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.stated import reading
from spice_lsp.generation.vocabulary import ARTICLES, IDIOMS, NOT_NODES, PLACES, PLAIN, PORT_NOUNS
from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.units import parse_number


def absent(node: str, words: str) -> CheckItem:
    """The failing item of a node the request names in `words` that the answer does not have."""
    return CheckItem(f"node {node} ('{words}' in the request)", FAIL, "not in the netlist")


# "from sn to so", "from node a to node y": the ends of the circuit the request names
_ENDS = re.compile(r"\bfrom\s+(?:node\s+)?(?P<a>[a-z_][a-z0-9_]*)\s+to\s+(?:node\s+)?(?P<b>[a-z_][a-z0-9_]*)"
                   r"(?=\s*(?:[,;.:)]|$|\s+(?:and|with|on|using|at|in|through)\b))")
_ROLE_WORDS = reading.GROUND | {"output", "input", "the", "a", "an", "it", "them", "load", "supply", "rail", "its"}


def stated_ends(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """Both ends said as "from a to b" are nodes of the answer when one is: a name that is also a word ("so",
    "as") is a node all the same once its partner names one."""
    have = {reading.node(n) for n in reading.nodes(netlist.body)}
    items = []
    for said in _ENDS.finditer(description):
        a, b = said["a"], said["b"]
        for name, partner in ((a, b), (b, a)):
            if partner in have and partner not in _ROLE_WORDS and name not in have and name not in _ROLE_WORDS \
                    and parse_number(name) is None:
                items.append(absent(name, said[0]))
    return items


# "to a DC rail dcp", "the output node vo", "on net mid", "input pin sa1": a name written after a node noun
# ("output" is left out: "output unloaded", "output curves" say what the output is).
_RAIL = re.compile(r"\b(?:rail|node|net|bus)\s+(?:called\s+|named\s+)?(?P<n>[a-z_][a-z0-9_]*)\b"
                   r"(?=\s*(?:[,;.):]|\(|$|\s+(?:and|with|to|from|at|through|via|which|where|is)\b))"
                   # "input pin sa1", "terminal t_in": a pin's name written as names are (a digit or an underscore;
                   # "the pin starting at" names none)
                   r"|\b(?:pin|terminal)\s+(?:called\s+|named\s+)?(?P<t>[a-z_][a-z]*[0-9_][a-z0-9_]*)\b"
                   # "in = n1, out = n2", "output: vq": a port word set equal to a name
                   r"|\b(?:in|out|input|output|inp|outp)\s*(?:=|:)\s*(?P<p>[a-z_][a-z0-9_]*)\b(?=\s*(?:[,;.)]|$|\s+and\b))"
                   # "; in fa, out fb", "with input x1 and output y1": the two ports named as a pair, from a
                   # clause's start ("in series, out vo" is no port)
                   r"|(?:(?:^|(?<=[,;:(]))\s*|\b(?:with|the)\s+)in(?:put)?\s+(?P<i>[a-z_][a-z0-9_]*)\s*(?:,|and|;)\s*out(?:put)?\s+(?P<o>[a-z_][a-z0-9_]*)\b"
                   r"(?=\s*(?:[,;.)]|$|\s+and\b))")
# Nouns that follow "output"/"node" as what is said of it, not as its name.
_SAID_OF = {"stage", "swing", "impedance", "level", "pin", "side", "frequency", "ripple", "signal", "load", "range",
            "amplitude", "waveform", "offset", "power", "polarity", "peak", "name", "names", "rail", "node", "nodes",
            "wave", "point", "points", "resistance", "capacitance", "current", "voltage", "voltages", "value",
            "values", "port", "ports",
            # what a port is said to carry or be ("input: sine", "output: unloaded"), not its name
            "sine", "square", "triangle", "sawtooth", "pulse", "ramp", "step", "noise", "zero", "none", "unloaded",
            "clipped", "inverted", "buffered", "differential", "single"}
_NOT = NOT_NODES | ARTICLES | IDIOMS | reading.GROUND | _SAID_OF


def rail_nodes(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A lower-case name written right after "rail", "node", "net", "bus", "pin" or "terminal", or set equal to a
    port ("out = n2"), is a node the answer must have (words that name no node are the vocabulary's)."""
    have = {reading.node(n) for n in reading.nodes(netlist.statements)}
    items, seen = [], set()
    for said in _RAIL.finditer(description):
        for node in filter(None, (said["n"], said["t"], said["p"], said["i"], said["o"])):
            if node in _NOT or node in have or node in seen or parse_number(node) is not None:
                continue
            seen.add(node)
            items.append(absent(node, said[0].strip()))
    return items


# A current sink's or source's own node is the one a user names; a supply is named as one ("vcc", "vdd", "rail").
_SINK = re.compile(r"\bcurrent\s+(?:sink|source|mirror)\b|\bsinks?\b", re.IGNORECASE)
_SUPPLY_NAME = re.compile(r"v\w*|rail\w*|sup\w*|pwr\w*|bat\w*|pos\w*|neg\w*", re.IGNORECASE)


def sink_node(description: str, nodes: list[str], netlist: m.Netlist) -> list[CheckItem]:
    """A current sink whose one named node the answer makes its supply's terminal ("a 1k resistor hanging from a
    10 V rail at node col" put col on the rail): the node named is the sink's own in most readings, so what the
    answer measures is not at the node asked for; not verified."""
    named = [n for n in nodes if reading.node(n) != "0"]
    if not _SINK.search(description) or len(named) != 1 or _SUPPLY_NAME.fullmatch(named[0]):
        return []
    node = reading.node(named[0])
    # A source the request names there ("held at 5 V by source VOUT at node co") is the request's own: it measures
    # the sink's current at that node.
    supplied = any(st.name[0].upper() == "V" and [reading.node(f.text) for f in layout(st).nodes][:1] == [node]
                   and not re.search(rf"\b{re.escape(st.name)}\b", description, re.IGNORECASE) and _holds(st)
                   for st in netlist.statements if isinstance(st, m.Element))
    return [CheckItem(f"node {named[0]}", UNCHECKED, "the answer makes it the supply rail; a current sink's named node "
                      "is where it sinks, which this answer does not name")] if supplied else []


def _holds(source: m.Element) -> bool:
    """A source that holds a level (a supply), not a 0 V ammeter."""
    values = [f.text for f in source.fields[2:] if f.text.lower() not in ("dc", "ac")]
    return any(v.startswith("{") or (parse_number(v) or 0) != 0 for v in values[:1])


# "12 V in (vin)", "a 12 V supply (node v12)", "5 V (vcc)": a node named in parentheses after a level
# (not a note after the node the level is put on: "12 V on ina (main)")
_BRACKETED = re.compile(rf"(?<![\w.]){reading.NUMBER}\s*(?:[kmµu]?V)\b(?:\s+(?!(?:on|at)\b)[a-z]+){{0,2}}\s*\(\s*"
                        r"(?:node\s+|net\s+)?"
                        r"(?P<n>[a-z_][a-z0-9_]*)\s*\)", re.IGNORECASE)
_NOT_NAMES = NOT_NODES | IDIOMS | {"rms", "peak", "pk", "pp", "typ", "typical", "nominal", "approx", "max", "min",
                                   "ideal", "dc", "ac", "supply", "rail", "battery", "source", "input", "output",
                                   # a source's waveform: "a 0-to-1 V step (PULSE)"
                                   "pulse", "sin", "sine", "pwl", "exp", "sffm", "am", "step", "square", "triangle"}


def bracketed_nodes(description: str, parsed: m.Netlist) -> list[CheckItem]:
    """A node the request names in parentheses after a level is in the circuit."""
    nodes = reading.nodes(parsed.elements)
    # ("ip = 2.55 V (VIP)": a name in capitals that the answer's source bears names that source, not a node)
    sources = {e.name.upper() for e in parsed.elements if e.name[:1].upper() in "VI"}
    named = dict.fromkeys(n["n"].lower() for n in _BRACKETED.finditer(description)
                          if not (n["n"].isupper() and n["n"] in sources))
    return [CheckItem(f"node {name}", FAIL, f"absent ('({name})' named in the request)")
            for name in named if name not in _NOT_NAMES and name not in nodes and name not in ("0", "gnd")]


# Names the request gives nodes by their place in its words, whatever reader took them or not: a node the request
# names that the answer lacks leaves what the user checks there unchecked, so the answer is not verified.
_NAME = r"[a-z_][a-z0-9_]*"
_ID = r"[a-z]+(?:[0-9]+[a-z_]*|_[a-z0-9_]*)+"  # a name written as identifiers are: "vo1", "w_2"
# Marked as names: "nodes ni and no", "called smooth", "labelled amp_o", "call it emo", "in (fin)", "a1 -> b1".
# (a participle set off by a comma ends a list: "at node x2out, inverted")
_SEP = r"[\"']?\s*(?:,\s*(?:and\s+)?(?![a-z]{3,}(?:ed|ing)\b)|\s+and\s+|\s*&\s*)[\"']?"
# (a list's later names only where the list ends the clause: "node vi1 and leaves through" lists no "leaves"; a
# list without commas, "nodes p1 p2", only of identifiers)
_MARKED = re.compile(rf"\b(?:nodes?|nets?|called|named|labell?ed|(?:call|name)\s+it)\s+"
                     rf"(?:(?:is|=|:)\s*(?!called\b|named\b))?[\"']?"
                     rf"(?:(?P<list>{_NAME}(?:{_SEP}{_NAME})+)[\"']?(?=\s*(?:[,;.:)!?]|$))"
                     rf"|(?P<ids>{_ID}(?:\s+{_ID})+)(?=\s*(?:[,;.:)!?]|$))|(?P<one>{_NAME})(?![\w=(]))"
                     rf"|\b(?:in|out|input|output|signal|tap|wiper|node|rail|supply|reference|ref|anode|cathode|"
                     rf"collector|base|emitter|drain|gate|source|junction|midpoint)"
                     rf"\s*\(\s*(?:node\s+)?"
                     rf"(?P<paren>{_NAME})\s*\)"
                     # (not an op-amp's pin: "lg_in -> inverting input")
                     rf"|(?<![\w.])(?P<from>{_NAME})\s*(?:->|→|=>)\s*(?P<to>{_NAME})\b(?!\s+(?:input|pin|terminal)\b)"
                     rf"|\b(?P<role>{_ID})\s+is\s+the\s+(?:output|input)\b"
                     # "the output is node vamp", "the top is vtop", "the cathode is kz" (not "the output is clean",
                     # "the top is grounded": a state, _STATES)
                     rf"|\b(?:output|input|tap|top|bottom|middle|midpoint|junction|wiper|anode|cathode|collector|base|"
                     rf"emitter|drain|gate|source|supply|rail|reference)"
                     # "the collector of the bp transistor is cp": whose pin it is, between the pin and "is"
                     rf"(?:\s+of\s+(?:the\s+)?[\w-]+(?:\s+(?:transistor|device|fet|bjt|mosfet|jfet|diode|op-amp))?)?"
                     rf"\s+is\s+(?:(?:node|called|named)\s+)?"
                     rf"(?P<is>{_NAME})(?=\s*(?:[,;.)]|$|\s+and\b))")
_STATES = re.compile(r".*(?:ed|ing|ly|ive|al|ous|ent|ant|able|ible|ful|less|er|est)|clean|open|free|fine|ok|ready|"
                     r"stable|safe|small|large|big|quiet|noisy|hot|cold|warm|low|high|on|off|live|dead|shared|common|"
                     r"same|equal|unused|idle")
# "the node between the two capacitors is ca", "the node where R1 meets C1 is called j": a node said by its place in
# the circuit, then its name
_DESCRIBED = re.compile(rf"\bnode\s+(?:between|joining|where|at\s+which|that|which)\b[^.;:]{{0,60}}?\bis\s+"
                        rf"(?:node\s+|called\s+|named\s+)?(?P<n>{_NAME})(?=\s*(?:[,;.)]|$|\s+and\b))")
# "from a 9 V source on node top to tap": the far end of a path that starts at a named node is a node too
# (not a verb and its figure: "from a 15 V supply at node v15 to make 4.2 V at node half")
_NODE_TO = re.compile(rf"\bfrom\s+(?:[^.;,]{{0,30}}?\s)?node\s+{_NAME}\s+to\s+(?:node\s+)?(?P<to>{_NAME})\b(?!\s*\()"
                      r"(?!\s+(?:about\s+|around\s+|roughly\s+)?[-+]?\.?\d)")
# Ports listed with an aside each, "inputs da (5 V DC) and db (0 V DC)": every name before a parenthesis.
_ASIDE_LIST = re.compile(rf"\b(?:inputs|outputs|nodes)\s+(?P<list>{_NAME}\s*\([^)]*\)(?:{_SEP}{_NAME}\s*\([^)]*\))+)")
# An output written as an equation of the answer's nodes, "vo = 2 x (sp - sm)": its left side names a node.
_EQUATION = re.compile(rf"(?<![\w.(])(?P<lhs>{_NAME})\s*=\s*(?P<rhs>[^=,;:]{{1,40}})")
_QUANTITY = re.compile(r"gain|av|a|g|k|h|q|f\w*|r\w*|c\w*|l\w*|t\w*|v|i|vdd|vcc|vee|vss")
# Names written as identifiers are ("vo1", "w_2") after a word of place or of a port: "out w2", "leaves through vo1".
_PLACED = re.compile(rf"\b(?:at|on|into|onto|through|via|to|from|in|out|input|output|and)\s+(?:node\s+)?"
                     rf"(?P<n>{_ID})\b(?!\s*=|\()")
# Identifiers that are no nodes: part numbers ("lm358", "pt100"), preferred series ("e24"), multiples ("x10"), the
# usual frequency symbols ("f0", "fc1").
_NO_NODE = re.compile(r"[a-z]{1,4}\d{3,}\w*|e\d+|x\d+|f[0-9c]\d*|[a-z]+\d+[a-z]\d+\w*")
# (and the places of a circuit that say where its output is: "the tap is the output")
_NOT_SPOKEN = _NOT | PLAIN | PLACES | PORT_NOUNS | {"tap", "wiper", "junction", "midpoint", "centre", "center", "point",
                                                    # what a port is said to be: "output out (negative)"
                                                    "negative", "positive", "inverted", "flat", "differential"}
# A vector the request reads: "plot v(out2)", "the current i(VS)", "v(a, b)": its nodes and its source are the
# answer's, or the user's own measurement finds no vector.
_VECTOR = re.compile(r"(?<![\w.])[vViI]\(\s*(?P<a>[A-Za-z0-9_]+)\s*(?:,\s*(?P<b>[A-Za-z0-9_]+)\s*)?\)")


def spoken_nodes(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each node the request names by its place in the words (after "nodes", "called",
    "labelled", in parentheses after a port, around an arrow, as what "is the output", an identifier after a
    word of place, inside a vector it reads: "v(o2)", "i(VS)") that is no name of the answer (node, part or
    model)."""
    have = {n.lower() for n in reading.nodes(netlist.statements)}
    have |= {st.name.lower() for st in netlist.statements if isinstance(st, (m.Element, m.Model, m.Subckt))}
    said: dict[str, str] = {}
    listed: dict[str, str] = {}
    vectors: dict[str, str] = {}  # names a vector the request writes reads: always names, whatever words
    for match in _MARKED.finditer(description):
        # a list that ends its clause names nodes only, whatever English words they are
        for name in re.split(_SEP, match["list"] or "") + (match["ids"] or "").split():
            if name:
                listed.setdefault(name, match[0].strip())
        for name in filter(None, (match["from"], match["to"])):
            vectors.setdefault(name, match[0].strip())  # "a -> b": an arrow's ends are names, articles or not
        for name in filter(None, (match["one"], match["paren"], match["role"]) +
                           ((match["is"],) if match["is"] and not _STATES.fullmatch(match["is"]) else ())):
            said.setdefault(name, match[0].strip())
    for match in _PLACED.finditer(description):
        if not _NO_NODE.fullmatch(match["n"]):
            said.setdefault(match["n"], match[0].strip())
    for match in _DESCRIBED.finditer(description):
        if not _STATES.fullmatch(match["n"]):  # ("the node between them is grounded": a state)
            said.setdefault(match["n"], match[0].strip())
    for match in _NODE_TO.finditer(description):
        if match["to"] not in PORT_NOUNS | PLACES | {"the", "its", "their"}:
            listed.setdefault(match["to"], match[0].strip())
    for match in _ASIDE_LIST.finditer(description):
        for name in re.findall(rf"({_NAME})\s*\(", match["list"]):
            listed.setdefault(name, match[0].strip())
    for match in _EQUATION.finditer(description.lower()):
        if not _QUANTITY.fullmatch(match["lhs"]) and re.search(r"[×*/+−(]|\s-", match["rhs"]) \
                and set(re.findall(_NAME, match["rhs"])) & have:
            said.setdefault(match["lhs"], match[0].strip())
    for match in _VECTOR.finditer(description):
        for name in filter(None, (match["a"], match["b"])):
            vectors.setdefault(name.lower(), match[0])
    said = {name: words for name, words in said.items() if name not in _NOT_SPOKEN} | vectors | \
        {name: words for name, words in listed.items() if name not in ARTICLES | reading.GROUND | {"the"}}
    return [absent(name, words) for name, words in said.items()
            if name not in have and name not in reading.GROUND and (name in vectors or parse_number(name) is None)]


def aside_sources(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A source the request names in a node's aside ("inputs nd_a (source VNA) and nd_b (VNB at 0 V)") is in the
    answer on that node: the user's own sweep or probe names it ("Sweep VNA from 0 to 3.3 V")."""
    items = []
    for name, node in read_ports(description).sources.items():
        source = next((st for st in netlist.statements if isinstance(st, m.Element) and st.name.upper() == name), None)
        on = [reading.node(f.text) for f in layout(source).nodes][:1] if source is not None else []
        if on != [reading.node(node)]:
            items.append(CheckItem(f"source {name} ('{node} ({name}' in the request)", FAIL,
                                   f"on {on[0]}, not {node}" if on else "not in the netlist"))
    return items
