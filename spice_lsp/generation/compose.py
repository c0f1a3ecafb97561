"""Compose a family's netlist with what the request states, instead of substituting it.

The family's builder gives a circuit that works; the request's own elements, node names and
source levels then go into it: an element the request names is matched to the family's part
(same name, or the part that took the request's value for its role), renamed to the user's
name, and its nodes become the user's nodes by renaming them across the whole netlist. A
stated element with no counterpart is added where the request puts it. What cannot be placed
or renamed consistently is reported, never silently dropped.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from spice_lsp.generation.ports import RAIL, Ports, read_ports, said_nodes
from spice_lsp.generation.recipes.sensors import LED
from spice_lsp.generation.request import CURRENT_DIRECTED, ElementConstraint, ModelParam, Request, SourceConstraint
from spice_lsp.generation.templates import MODELS
from spice_lsp.generation.vocabulary import NOT_NODES, PINS
from spice_lsp.language.units import format_eng, is_rkm, parse_number

SYMMETRIC = set("RCL")
DEFAULT_MODELS = {"D": "dsi", "Q": "npn", "M": "nch"}


@dataclass
class Line:
    """An element line split into name, nodes and the rest (value, model, parameters)."""
    name: str
    nodes: list[str]
    rest: str

    def text(self) -> str:
        return " ".join([self.name, *self.nodes, self.rest]).rstrip()


NODE_COUNT = {"R": 2, "C": 2, "L": 2, "D": 2, "V": 2, "I": 2, "B": 2, "S": 4, "E": 4, "G": 4,
              "Q": 3, "M": 4, "J": 3}


def element_line(text: str) -> Line | None:
    words = text.split()
    if words and words[0][0].upper() == "X":  # ports, then the subcircuit, then name=value
        plain = [w for w in words[1:] if "=" not in w]
        params = [w for w in words[1:] if "=" in w]
        return Line(words[0], plain[:-1], " ".join(plain[-1:] + params)) if len(plain) >= 2 else None
    if not words or words[0][0].upper() not in NODE_COUNT:
        return None
    count = NODE_COUNT[words[0][0].upper()]
    if len(words) <= count:
        return None
    return Line(words[0], words[1:1 + count], " ".join(words[1 + count:]))


@dataclass
class Composed:
    netlist: str
    problems: list[str] = field(default_factory=list)  # what could not be honoured, said plainly
    renamed: dict[str, str] = field(default_factory=dict)  # family node -> the user's node
    placed: list[float] = field(default_factory=list)  # stated levels set on the circuit's supply
    # the family's parts a stated part between the same nodes gave another value, and the stated passives added
    # between two of its own nodes: the figures the family computed from its own values and parts no longer hold
    revalued: list[str] = field(default_factory=list)


def _value(line: Line) -> float | None:
    first = line.rest.split()[:1]
    return parse_number(first[0]) if first else None


def _same_value(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def _match(want: ElementConstraint, lines: list[Line], taken: set[int], output: str = "out",
           where: dict[str, str] | None = None, assumed: tuple[float, ...] = (),
           met: frozenset[str] = frozenset()) -> int | None:
    """The family part the stated element is: same name, else the part of its kind that took
    the stated value (the intent reader gave the value its role, the builder placed it), else the one part of its
    kind between the nodes it names, the family's nodes read by `where` ("R4 = 15k from fb to y" in a
    non-inverting amplifier whose output is y: its feedback resistor); `met`: the nodes two or more stated parts
    or sources meet at."""
    for i, line in enumerate(lines):
        if i not in taken and want.name and line.name.upper() == want.name.upper():
            return i
    same = [i for i, line in enumerate(lines)
            if i not in taken and line.name[0].upper() == want.kind and _same_value(_value(line), want.value)]
    if same and re.search(r"\bload\b", want.text, re.IGNORECASE):  # "a 1k load at vl": the part on the output
        # (grounded where it is said grounded: "10k load" on a superdiode whose feedback resistor is 10k too)
        grounded = "0" in want.placed()
        loaded = next((i for i in same if output in lines[i].nodes and ("0" in lines[i].nodes[:2]) == grounded),
                      None)
        loaded = loaded if loaded is not None else next((i for i in same if output in lines[i].nodes), None)
        if loaded is not None or want.placed():
            return same[0] if loaded is None else loaded
        same = []  # (unplaced, never the input resistor that happens to have its value: added on the output)
    spot = sorted(want.placed())
    # ("C22 = 10 nF from np to ground" where C1 and C2 are both 10 nF: the one of them where it is said to be)
    here = [i for i in same if len(spot) == 2 and sorted(lines[i].nodes[:2]) == spot]
    # (else the one grounded where it is said grounded: "the output node lco is loaded by 50 ohm" of a ladder whose
    # source and load resistors are both 50 ohm is its load, not its source resistor)
    here = here or [i for i in same if len(spot) == 2 and len(same) > 1
                    and ("0" in spot) == ("0" in lines[i].nodes[:2])]
    if same:
        return (here or same)[0]
    # ("zener DZ with its cathode at z and anode at ground": the family's one zener there, by that name)
    there = [i for i, line in enumerate(lines) if len(spot) == 2 and want.kind in "RCLD"
             and i not in taken and line.name[0].upper() == want.kind
             and sorted((where or {}).get(n, n) for n in line.nodes[:2]) == spot]
    if len(there) == 1:
        return there[0]
    # "2.2k from vtop to kx, 3.3k kx to ky, 4.7k ky to kz" on a string the family built: the one part of its kind
    # that goes on from a node already named to a family node still unnamed continues the chain, where the stated
    # far end is a new name another stated part joins (a part that joins nothing else is added, no family part moved)
    named = set(where.values()) if where is not None else set()
    ahead = [i for i, line in enumerate(lines) if where is not None and len(spot) == 2 and want.kind in "RCL"
             and i not in taken and line.name[0].upper() == want.kind and any(
                 where.get(a) == near and b not in where and b != "0" and far not in named | {"0"} and far in met
                 for a, b in (line.nodes[:2], line.nodes[1::-1]) for near, far in (spot, spot[::-1]))]
    if len(ahead) == 1:
        return ahead[0]
    kin = [i for i, line in enumerate(lines) if i not in taken and line.name[0].upper() == want.kind]
    # ("collector cb_out to +9 V through 5.1k": one end named, the other a rail's level): the one part of its kind on
    # that node whose other end is no ground
    if want.kind in "RCL" and want.nodes and len(want.nodes) == 2 and want.nodes.count(None) == 1:
        known = next(n for n in want.nodes if n is not None)
        on = [i for i in kin if any((where or {}).get(n, n) == known or n == known for n in lines[i].nodes[:2])
              and "0" not in lines[i].nodes[:2]]
        if len(on) == 1:
            return on[0]
    # "a diode from out to ground": the one diode; "an LED (call it D2)": the one diode, by that name; "Emitter follower
    # Q4 ..., input at the base node b4": the one transistor, its pins as said
    if want.value is None and (want.name is None or not any(want.nodes or ()) or want.kind in "DQMJ"
                               and not want.placed()) and len(kin) == 1:
        return kin[0]
    # ("Drive LED D2 (anode lda, cathode ground) at 15 mA": the family's one LED, its ends free to take the stated
    # nodes: ground where ground is said, a family node not yet named where a new name is)
    if want.value is None and want.kind in "DQMJ" and len(kin) == 1 and want.placed() and where is not None \
            and len(want.placed()) <= len(lines[kin[0]].nodes) and all(
                (n == "0") == (said == "0") and (n == "0" or where.get(n) == said
                                                 or n not in where and said not in where.values())
                for n, said in zip(lines[kin[0]].nodes, want.placed())):
        return kin[0]
    pins = "|".join(pin for pin, _, _ in _PIN_ROLES)
    role = re.search(rf"\b(?P<role>feedback|input|load|ground(?=[- ]leg)|{pins})(?:[- ]leg)?\s+"
                     rf"(?:resistor|capacitor|cap)\s+"
                     rf"{re.escape(want.name)}\b|\b{re.escape(want.name)}\s*\(\s*(?P<arm>top|bottom|upper|lower)\s*\)",
                     want.text, re.IGNORECASE) if want.name and not any(want.nodes or ()) else None
    fits = [i for i in kin if role and _in_role((role["role"] or role["arm"]).lower(), lines[i], lines, output)]
    if len(fits) == 1:  # "name the feedback resistor RF2 and the input resistor RI2", "emitter resistor RE1 = 220":
        return fits[0]  # the part in that role
    # "the reference resistor RREF = 13.6k" with no ends read: the circuit's one other part of its kind, where its
    # value is near the stated one (the family sized that part for the same role)
    # ... or whose value the circuit only assumed, no role read from the request ("RC low-pass with R7 = 3.3k and C7 =
    # 47 nF": its R and C at their defaults)
    near = [i for i in kin if (v := _value(lines[i])) and want.value and (0.5 <= want.value / v <= 2 or any(
        _same_value(v, a) for a in assumed))]
    if want.name and not any(want.nodes or ()) and len(kin) == 1 and near:
        return near[0]
    return None


def _in_role(role: str, line: Line, lines: list[Line], output: str) -> bool:
    """Whether a two-terminal part has the role its words give it, read from where it sits: feedback, from an op-amp's
    output to its inverting input; input, from the node a signal source drives (no rail) to another; load, from the
    output to ground; a pin's ("emitter resistor"), on that pin of the circuit's one device that has it."""
    ends = set(line.nodes[:2])
    if pinned := next(((kinds, at) for pin, kinds, at in _PIN_ROLES if pin == role), None):
        kinds, at = pinned
        devices = [d for d in lines if d.name[:1].upper() in kinds and len(d.nodes) > at]
        return len(devices) == 1 and devices[0].nodes[at] in ends
    if role == "feedback":
        return any(ends == {amp.nodes[2], amp.nodes[1]} for amp in lines if amp.name[:1].upper() == "X"
                   and len(amp.nodes) >= 3 and amp.rest.split()[:1] in (["opamp"], ["comparator"]))
    if role in ("bottom", "lower"):  # a divider's lower arm: to ground
        return "0" in ends
    if role == "ground":  # an amplifier's ground leg: to ground from anything but the output
        return "0" in ends and output not in ends
    if role in ("input", "top", "upper"):  # ... its upper arm: from the node its source drives
        driven = {v.nodes[0] for v in lines if v.name[:1].upper() == "V" and v.nodes[1:] == ["0"]
                  and not RAIL.match(v.nodes[0].lower())}
        return bool(ends & driven) and "0" not in ends
    return ends == {output, "0"}


_POLARITY_WORDS = r"nmos|pmos|npn|pnp|n-channel|p-channel"
# "NMOS M1 ...", "a PNP transistor Q2", "M2 (PMOS)", "Q1 is the NPN": a device the request names with its polarity
_POLARITY_NAMED = re.compile(rf"\b(?P<p>{_POLARITY_WORDS})\s+(?:(?:transistor|device|mosfet|fet|bjt)\s+)?"
                             rf"(?P<n>[MQJ]\w*)\b|\b(?P<m>[MQJ]\d\w*)\s*(?:\(\s*|,?\s+is\s+(?:an?\s+|the\s+)?)"
                             rf"(?P<q>{_POLARITY_WORDS})\b", re.IGNORECASE)


def stated_polarities(description: str) -> dict[str, str]:
    """The devices the request names with their polarity: name (upper case) -> nmos, pmos, npn or pnp."""
    found: dict[str, str] = {}
    for said in _POLARITY_NAMED.finditer(description):
        name, polarity = (said["n"] or said["m"]).upper(), (said["p"] or said["q"]).lower()
        if name[1:2].isdigit() or len(name) > 1:
            found.setdefault(name, {"n-channel": "nmos", "p-channel": "pmos"}.get(polarity, polarity))
    return found


def _by_polarity(lines: list[Line], rows: list[str], description: str) -> None:
    """A device the request names with its polarity ("NMOS M1; PMOS M2") is the family's device of that polarity:
    where the family gave its name to the other polarity's device (M1 the PMOS), the two swap names."""
    cards = {r.split()[1].lower(): r.split()[2].split("(")[0].lower() for r in rows
             if r.lower().startswith(".model ") and len(r.split()) > 2}

    def polarity(line: Line) -> str | None:
        return cards.get(line.rest.split()[0].lower()) if line.rest.split() else None

    stated = stated_polarities(description)
    for name, wanted in stated.items():
        line = next((x for x in lines if x.name.upper() == name), None)
        if line is None or polarity(line) in (None, wanted):
            continue
        other = next((x for x in lines if x.name[:1].upper() == name[:1] and polarity(x) == wanted
                      and stated.get(x.name.upper(), "") != wanted), None)  # (never one named as it is)
        if other is not None:
            line.name, other.name = other.name, line.name


def _unify(mapping: dict[str, str], family: list[str], user: tuple[str | None, ...], symmetric: bool) -> str | None:
    """Extend the node renaming so `family` nodes become `user` nodes; the reason if it cannot."""
    orders = [list(user)] + ([list(reversed(user))] if symmetric and len(user) == 2 else [])
    # a two-ended part's ends either way round: first the one that puts a rail on the family's rail ("47k from co
    # to vcc" on R1 vdd out)
    orders.sort(key=lambda order: sum(bool(_RAIL.match(old)) != bool(_RAIL.match(new or ""))
                                      for old, new in zip(family, order) if new is not None))
    for order in orders:
        trial = dict(mapping)
        pairs = [(old, new) for old, new in zip(family, order) if new is not None]
        if all(trial.setdefault(old, new) == new and (old == "0") == (new == "0") for old, new in pairs) \
                and len(set(trial.values())) == len(trial):  # two family nodes never become one
            mapping.update(trial)
            return None
    return f"{' '.join(n or '?' for n in user)} do not fit the family's nodes {' '.join(family)}"


def _lift_return(want: ElementConstraint | SourceConstraint, line: Line, found: list[Line], added: list[Line],
                 request: Request) -> bool:
    """A voltage source stated between two named nodes ("a 10.25 mV source VTC between node tc_p and node tc_n",
    "a sine floating between ac1 and ac2") where the family's source returns to ground: its return end is lifted
    onto the user's node, which 1 mOhm joins to ground, so both named ends are the circuit's nodes: the family's
    circuit returns its current to ground, so that end stays at ground even where the request calls the source
    floating (a bridge's family floats its own source). Only a node nothing else the request states or the family has
    is lifted so; True where it was (the line's second node set, the resistor in `added`)."""
    ends = (want.nodes or ()) if isinstance(want, ElementConstraint) else (want.node, want.minus)
    if want.kind != "V" or len(ends) != 2 or line.name[:1].upper() != "V" or line.nodes[1:2] != ["0"] \
            or None in ends or "0" in ends or ends[0] == ends[1]:
        return False
    minus = ends[1] or ""
    elsewhere = [e for e in request.elements if minus in e.placed() and e.text != want.text] \
        + [s for s in request.sources if minus in (s.node, s.minus) and s.text != want.text]
    ports = set(read_ports(request.description).named()) | {request.input, request.output, *request.inputs}
    if elsewhere or minus in ports or any(minus in other.nodes for other in found + added):
        return False  # (a node the request gives a role or a part is the circuit's own, never a ground return)
    used = {other.name.upper() for other in found + added}
    name = next(f"R{n}" for n in range(1, 1000) if f"R{n}" not in used)
    line.nodes[1] = minus
    added.append(Line(name, [minus, "0"], "1m"))
    return True


def _on_source_ends(ends: tuple[str, str], found: list[Line], added: list[Line], mapping: dict[str, str],
                    source: str, request: Request) -> None:
    """The family's input source between the two nodes a request names for its signal source where no statement
    placed one ("fed by a 12 V peak sine across ac1 and ac2"): a floating source's ends renamed, a grounded one's
    return lifted onto the second (see _lift_return)."""
    plus, minus = ends
    driver = next((line for line in found if line.name.upper() == source.upper()), None)
    if driver is None or driver.name[:1].upper() != "V" or len(driver.nodes) < 2 or driver.nodes[0] in mapping \
            or {plus, minus} & set(mapping.values()) or any({plus, minus} & set(line.nodes) for line in found + added):
        return
    if driver.nodes[1] == "0":
        others = [line for line in found if line is not driver]
        if _lift_return(SourceConstraint("", plus, minus=minus), driver, others, added, request):
            mapping[driver.nodes[0]] = plus
    elif driver.nodes[1] not in mapping:
        mapping[driver.nodes[0]], mapping[driver.nodes[1]] = plus, minus


def _rename_nodes(text: str, mapping: dict[str, str]) -> str:
    """Rename nodes in element lines and in v(...) probes; titles and comments stay."""
    if not any(k != v for k, v in mapping.items()):
        return text
    lines = text.split("\n")
    out = [lines[0]]
    inside = False  # a subcircuit's nodes are its own
    for raw in lines[1:]:
        word = raw.split()[0].lower() if raw.split() else ""
        inside = (inside or word == ".subckt") and word != ".ends"
        if inside or word == ".ends":
            out.append(raw)
            continue
        line = element_line(raw) if raw[:1].isalpha() else None
        if line is not None:
            line.nodes = [mapping.get(n, n) for n in line.nodes]
            raw = line.text()
        raw = re.sub(r"\b([vV][mpdbr]{0,2})\((\w+)\)",
                     lambda m: f"{m[1]}({mapping.get(m[2], m[2])})", raw)
        raw = re.sub(r"\b([vV])\((\w+),\s*(\w+)\)",
                     lambda m: f"{m[1]}({mapping.get(m[2], m[2])},{mapping.get(m[3], m[3])})", raw)
        out.append(raw)
    return "\n".join(out)


def _set_level(rest: str, word: str, value: str) -> str:
    """Set the DC or AC level of a source's specification, adding it when absent."""
    pattern = re.compile(rf"\b{word}\s+(\{{[^}}]*\}}|\S+)", re.IGNORECASE)
    if pattern.search(rest):
        return pattern.sub(f"{word} {value}", rest, count=1)
    return f"{word} {value} {rest}".strip() if word == "DC" else f"{rest} AC {value}".strip()


def compose(netlist: str, request: Request, *, output: str = "out", source: str = "V1",
            simulated: str | None = None, ports: tuple[tuple[str, tuple[str, ...]], ...] = (),
            assumed: tuple[float, ...] = ()) -> Composed:
    """The family netlist with the request's elements, node names and source levels in it;
    `simulated`: the element kind the family simulates from `output` to ground (Family.simulates);
    `ports`: the family's nodes by role where its structure does not say them (Family.ports);
    `assumed`: the values the family took as defaults, no request's."""
    rows = netlist.rstrip("\n").split("\n")
    lines: list[Line | None] = [None, *(element_line(r) if r[:1].isalpha() else None for r in rows[1:])]
    inside = False
    for i, row in enumerate(rows):  # a subcircuit's parts are its own, never the request's (the op-amp's RL)
        word = row.split()[0].lower() if row.split() else ""
        inside = (inside or word == ".subckt") and word != ".ends"
        lines[i] = None if inside else lines[i]
    parts = [(i, line) for i, line in enumerate(lines) if line is not None]
    found = [line for _, line in parts]
    _by_polarity(found, rows, request.description)
    problems: list[str] = []
    mapping: dict[str, str] = {}
    taken: set[int] = set()
    added: list[Line] = []
    parts_renamed: dict[str, str] = {}
    sourced = {s.name.upper() for s in request.sources if s.name}
    revalued: list[str] = []
    opamps = [line for line in found if line.name[0].upper() == "X" and line.rest.split()[:1] == ["opamp"]]
    # (a name a port told apart by what it carries has, "square output at node sqo" of a generator whose op-amp makes
    # the triangle, goes where that word puts it, not on the op-amp's pin)
    stated_ports = read_ports(request.description)  # read once: the ports the request names, by role
    carried = {n for role, names in stated_ports.roles.items()
               if role.endswith((" output", " input")) for n in names}
    pins = tuple(None if p in carried else p for p in request.opamp_pins or ())
    # (nor the circuit's output said as the op-amp's where the family's op-amp drives an inner node: "an op-amp
    # driving an NPN pass transistor ... the output node rout": the regulator's output is the emitter)
    if len(pins) == 3 and pins[2] is not None and pins[2] == request.output and len(opamps) == 1 \
            and opamps[0].nodes[2] != output:
        pins = (*pins[:2], None)
    if any(pins) and len(opamps) == 1:  # "op-amp + input at x, - input at fb": the family's op-amp's pins
        if why := _unify(mapping, opamps[0].nodes[:3], pins, False):
            problems.append(f"the op-amp's pins: {why}")
    # the parts the family has by name or value first: their nodes name the family's, which then place the rest
    elements = [_unsaid_ends(_on_named_pins(_on_pins(want, found, set(request.nodes)), found, stated_ports.roles),
                             request, found) for want in request.elements]
    # (a part read twice, once with a port's qualifier for its end: "2.2k load from the positive" inside "a 2.2k load
    # from the positive output node pos1 to ground" is that one part, not a second)
    twice = {i for i, (want, said) in enumerate(zip(elements, request.elements)) if want.nodes != said.nodes and any(
        other is not said and other.kind == said.kind and other.value == said.value and said.text in other.text
        and said.text != other.text  # ("collectors lt_c1 and lt_c2 each through 10k": two parts, one statement)
        for other in request.elements)}
    known = [i for i, want in enumerate(elements) if i not in twice and _match(want, found, set(), output) is not None]
    ends_said = [n for want in request.elements for n in want.placed()] + [n for s in request.sources
                                                                          for n in (s.node, s.minus) if n]
    met = frozenset(n for n in ends_said if ends_said.count(n) > 1)
    for want in [elements[i] for i in known] + [w for i, w in enumerate(elements) if i not in known and i not in twice]:
        if want.kind in "VI" and want.name and want.name.upper() in sourced:
            continue  # a source the request states with its node and levels: placed below
        ends = {output: request.output, _input_node(found, source): request.input}  # the ports the request names
        index = _match(want, found, taken, output, mapping | {k: v for k, v in ends.items() if k and v}, assumed,
                       met)
        # (a part taken by its place or its role, not its name: the family's checks never knew its value)
        placed_there = index is not None and (_match(want, found, taken, output) is None or bool(
            want.name and found[index].name.upper() != want.name.upper()))
        if index is None and want.kind == "E" and not want.nodes:
            index = _ideal_opamp(want, found)
        if index is None and want.kind == simulated:  # the family's own simulated element: only its nodes
            if why := _unify(mapping, [output, "0"], want.nodes, True) if want.nodes else None:
                problems.append(f"{want.name or want.kind}: nodes {why}")
            continue
        if index is None:
            # ("a 10k load resistor RLD on the output": from the output to ground)
            placed = want.placed() or ((request.output, "0") if request.output and want.value is not None
                                       and want.kind in "RC" and re.search(r"\bload\b", want.text, re.IGNORECASE)
                                       else ())
            used = {line.name.upper() for line in found + added}
            if want.name and want.name.upper() in used:  # a deck names each part once
                problems.append(f"'{want.text}': {want.name} is stated again, placed otherwise; placed once")
            elif len(placed) == NODE_COUNT.get(want.kind, -1) and (want.value is not None
                                                                   or want.kind in DEFAULT_MODELS):
                name = want.name or next(f"{want.kind}{n}" for n in range(1, 1000) if f"{want.kind}{n}" not in used)
                added.append(Line(name, list(placed),
                                  _spice_value(want) if want.value is not None else _added_model(want, rows)))
            else:
                problems.append(f"'{want.text}' could not be placed in this circuit")
            continue
        taken.add(index)
        line = found[index]
        if want.nodes and _lift_return(want, line, found, added, request):
            why = _unify(mapping, line.nodes[:1], want.nodes[:1], False)  # its other end is the user's node now
            if why:
                problems.append(f"{want.name or want.kind}: nodes {why}")
        elif want.nodes:
            why = _unify(mapping, line.nodes[:len(want.nodes)], want.nodes, want.kind in SYMMETRIC)
            if why:
                problems.append(f"{want.name or want.kind}: nodes {why}")
        if want.value is not None and line.name[0].upper() in "VI":  # "V1 = 5 V": its DC level
            line.rest = _set_level(line.rest, "DC", _spice_value(want))
        elif want.value is not None and not _same_value(_value(line), want.value):
            words = line.rest.split(maxsplit=1)
            line.rest = " ".join([_spice_value(want), *words[1:]])
            revalued += [line.name] if placed_there else []
        if want.name and want.name.upper() != line.name.upper():
            if any(other.name.upper() == want.name.upper() for other in found):
                problems.append(f"{want.name}: the name is already used by another part")
            else:
                parts_renamed[line.name] = want.name
                line.name = want.name
        if want.model and line.name[0].upper() in "DQMJ":
            _name_card(line, found, rows, want.model)
    pinned = {n for want, said in zip(elements, request.elements) for n in want.nodes or ()
              if n is not None and n not in (said.nodes or ())}
    for pin in sorted(pinned):
        if mapping.get(pin) == pin and pin not in request.nodes:
            del mapping[pin]  # a pin a part was stated on by its word keeps the family's node, free for a name
    for role, main in (("input", request.input), ("output", request.output)):
        names = stated_ports.roles.get(role, ())
        if main in names:  # the port the request reader takes as the input (output) is the family's first one
            stated_ports.roles[role] = (main, *(n for n in names if n != main))
    roles = family_ports(found, source, output, ports)
    # (an amplifier's inputs are no port a qualified output names: "summer output" is not the summing junction)
    amps = [line for line in found if line.name[0].upper() == "X"
            and line.rest.split()[:1] in (["opamp"], ["comparator"])]
    sensed = {n for line in amps for n in line.nodes[:2]} - {line.nodes[2] for line in amps}  # (a follower's is out)
    # (an inner stage's output, "buffer output tel_mid": the amplifiers' outputs but the circuit's own)
    roles.setdefault("stage", [line.nodes[2] for line in amps if line.nodes[2] != output])
    # ("the summing node sn", "feedback tap node fbk": the one amplifier's input its output feeds back to)
    roles.setdefault("summing node", _fed_back(amps, found))
    if chain := (stated_ports.roles.get("tap", ()) if not roles.get("tap") else ()) or stated_ports.inner:
        # "source node r0, taps r1 and r2, output r3" of a ladder that declares no taps, "middle node mid": the inner
        # nodes of its one series path from input to output, in order
        first = _input_node(found, source)
        _name_path(found, (first or "", *chain, output), mapping, first, output)
    # (the one amplifier's inputs, + then -, where the family has no differential input: "non-inverting input node
    # wb_p" of an oscillator)
    sides = [line.nodes[:2] for line in amps][0] if len(amps) == 1 else []
    told = _name_ports(stated_ports, roles, {n for line in found for n in line.nodes}, mapping, problems, sensed,
                       sides)
    steady = {level.text for level in stated_ports.levels}  # "a at 1 V DC", "input b tied high": a DC level only
    rail = _rail(found)
    supplied_at = {s.node for s in request.sources if s.supply and s.node} | {stated_ports.supply.node
                                                                             if stated_ports.supply else ""}
    behind = _behind_source_resistor(request, found, source, mapping)
    for role, node in (("output", request.output), ("input", request.input)):
        family_node = output if role == "output" else behind or _input_node(found, source)
        if node in roles.get(role, ()) and node not in mapping or node in told:  # one of the family's own ports
            continue  # of that role, or the one port of it the request told apart ("square output at sqo")
        if node not in stated_ports.roles.get(role, (node,)) and family_node is not None \
                and mapping.get(family_node, family_node) in stated_ports.roles[role]:
            continue  # the port already bears a name its role's list gives ("Inputs ina_p and ina_n"), not a word
            # another reader took for it ("the two input buffers")
        if role == "input" and rail is not None and (node in supplied_at) != (family_node == rail.nodes[0]) \
                and supplied_at - {""}:
            # "from 3.3 V (node vcc)": the supply's node, which the family's rail takes, not its input; and a
            # family fed from its rail (a mirror) has no input port for another name where the request names the rail
            continue
        if node and family_node and mapping.get(family_node, node) == node and node not in mapping.values():
            mapping[family_node] = node
        elif node and family_node and mapping.get(family_node) != node:
            problems.append(f"the {role} node '{node}' conflicts with the other nodes the request names")
    _name_path(found, stated_ports.path, mapping, _input_node(found, source), output)
    _own_named(request.description, found, mapping, roles,
               {n for names in stated_ports.roles.values() for n in names})
    _unplaced_on_ports(request, found + added, roles, mapping, source, output,
                       stated_ports.supply.node if stated_ports.supply else "")

    def drive(driver: Line, stated: SourceConstraint) -> None:
        """The stated levels, waveform, node and name on the family's source."""
        if stated.minus and _lift_return(stated, driver, [line for line in found if line is not driver], added,
                                         request):
            stated = dataclasses.replace(stated, minus=None)  # ("a sine between h1 and h2": its return on h2 now)
        for i, (node, want) in enumerate(zip(driver.nodes, (stated.node, stated.minus))):
            if want and mapping.get(node, node) != want:  # "VCLK at node clk": the family's node renamed
                if node not in mapping and node != "0" and want not in mapping.values():
                    mapping[node] = want
                elif want not in mapping.values() and any(
                        set(e.placed()) == {want, mapping.get(node, node)} for e in request.elements):
                    # ("2 V (source VSENS on node sens_raw) behind 100k, which lands on node sens": a stated part
                    # between the source's node and the circuit's input, the source on its own node)
                    driver.nodes[i] = want
                else:
                    problems.append(f"'{stated.text}': {driver.name} drives {mapping.get(node, node)}, not {want}")
        if stated.minus is None and len(driver.nodes) == 2 and driver.nodes[1] != "0" and (any(
                other is not stated and other.node == mapping.get(driver.nodes[1], driver.nodes[1]) and other.dc == 0
                and other.ac is None and not (other.sin or other.pulse or other.pwl) for other in request.sources)
                or _OTHER_GROUNDED.search(request.description)):
            driver.nodes[1] = "0"  # ("drive lt_p with DC 0 AC 1, hold lt_n at 0 V": each input from ground)
        if stated.dc is not None:
            _set_supply(driver, rows, stated.dc) if stated.supply else None
            if not (stated.supply and "{" in driver.rest):  # a rail other parts read: its parameter, set above
                driver.rest = _set_level(driver.rest, "DC", _number(stated.dc))
            # (a level said "DC" with no wave is steady too: "5 V DC at dl_in through a 4.7k base resistor")
            # (where no stated source has a wave: "6 V peak sine on bc_in ... to a 2.7 V DC source" keeps the sine)
            if (stated.text in steady or re.search(r"\bDC\b", stated.text) and stated.ac is None and not re.search(
                    r"\b(?:pulse[sd]?|square|step|clock|toggl\w*|switch\w*|sine|wave)\b", stated.text, re.IGNORECASE)
                    and not any(s.sin or s.pulse or s.pwl for s in request.sources)) \
                    and not (stated.sin or stated.pulse):
                driver.rest = re.sub(r"\s*\b(?:SIN|PULSE|PWL)\s*\([^)]*\)", "", driver.rest, flags=re.IGNORECASE)
        if stated.ac is not None:
            driver.rest = _set_level(driver.rest, "AC", _number(stated.ac))
        if stated.sin is not None or stated.pulse is not None or stated.pwl is not None:
            # the stated waveform replaces the family's
            wave = re.search(r"\b(?:PULSE|SIN|PWL)\s*\([^)]*\)", stated.waveform(), re.IGNORECASE)
            had = re.search(r"\b(?:SIN|PULSE|PWL)\s*\([^)]*\)", driver.rest, re.IGNORECASE)
            assert wave is not None  # waveform() writes the SIN or PULSE it has
            new = wave[0]
            clock = _family_pulse(had[0] if had else "")
            if stated.pulse and stated.pulse[6] is None and len(clock) == 7 and _REPEATS.search(stated.text):
                # "a clock swinging 0 to 5 V" states no period: the user's levels (and any timing stated) on the
                # family's clock, never a single step in its place
                new = "PULSE(" + " ".join(_number(mine) if mine is not None else theirs
                                          for mine, theirs in zip(stated.pulse, clock)) + ")"
            driver.rest = driver.rest.replace(had[0], new) if had else f"{driver.rest} {new}".strip()
        if stated.name and stated.name.upper() != driver.name.upper():
            for other in [o for o in found + added if o.name.upper() == stated.name.upper()]:
                free = next(f"{other.name[0]}{n}" for n in range(1, 1000)
                            if all(o.name.upper() != f"{other.name[0]}{n}".upper() for o in found + added))
                parts_renamed[other.name] = free
                other.name = free
            parts_renamed[driver.name] = stated.name
            driver.name = stated.name

    # "inputs nd_a (source VNA) and nd_b (VNB, held at 0 V)": a source named in a port's aside is on that port
    asides = stated_ports.sources
    for stated in [dataclasses.replace(s, node=asides[s.name.upper()]) if s.name and s.node is None
                   and s.name.upper() in asides else _on_supply_node(_named_before(s, request), stated_ports, request)
                   for s in request.sources]:
        if any(other is not stated and other.kind == stated.kind and stated.text in other.text and other.name
               and not stated.name and (other.dc, other.ac) == (stated.dc, stated.ac) for other in request.sources):
            continue  # the same statement read twice, its named reading kept ("a 12 uA current source IPD ...")
        if stated.kind == "I":  # a current source stays one: never the level of a voltage source
            if why := _place_current(stated, found, added, rows, mapping, source, parts_renamed):
                problems.append(why)
            continue
        if stated.supply and stated.dc is not None and stated.dc < 0:  # "VEE = -15 V": the family's negative rail
            rail = next((line for line in found if line.name[0].upper() == "V" and line.nodes[1] == "0"
                         and line.nodes[0].lower() in ("vee", "vss", "vneg", "vm", "vminus")), None)
            if rail is None:
                problems.append(f"'{stated.text}': this circuit has no negative supply")
                continue
            rail.rest = _set_level(rail.rest, "DC", _number(stated.dc))
            drive(rail, dataclasses.replace(stated, dc=None))  # its node and name, as stated
            continue
        if stated.supply and stated.node:  # "a 10 V supply at node vcc": the family's supply, on that node
            rail = next((line for line in found if line.name[0].upper() == "V"
                         and line.nodes[0].lower() in ("vdd", "vcc", "vss", "vee")), None) \
                or _plain_input(found, source, stated.dc) \
                or (None if any(other is not stated and other.node == stated.node for other in request.sources)
                    else _held_rail(found, stated.dc, set(request.nodes) | set(mapping.values()), source))
            if rail is not None and mapping.get(rail.nodes[0], stated.node) == stated.node:
                mapping[rail.nodes[0]] = stated.node
                drive(rail, stated)
                continue
        target = stated.node and mapping.get(stated.node, stated.node)
        if stated.kind == "V" and stated.node in _PIN_AT and stated.node not in mapping \
                and not any(stated.node in line.nodes for line in found):
            # "base held at 2.2 V by VBIAS": the source on that pin's node of the circuit's one transistor
            devices = [line for line in found if line.name[:1].upper() in "QMJ"]
            target = devices[0].nodes[_PIN_AT[stated.node]] if len(devices) == 1 else target
        # The source on the stated node first: a name the family gave another source ("V1") moves aside.
        driver = next((line for line in found if line.name[0].upper() == "V" and stated.node and
                       (line.nodes[0] in (target, stated.node) or mapping.get(line.nodes[0]) == stated.node)), None)
        if driver is None and stated.name and stated.name.upper() == source.upper() and stated.node \
                and _REFERENCE.search(stated.text) and not (stated.sin or stated.pulse):
            # "a 2.5 V reference source VR on node rref": the family's reference source, though its input source bears
            # that name ("source VR" read as the input's name): the name moves to the reference
            driver = next((line for line in found if line.name[:1].upper() == "V" and line.nodes[1:] == ["0"]
                           and _REFERENCE_NODE.fullmatch(line.nodes[0])), None)
        driver = driver or next((line for line in found if stated.name and line.name.upper() == stated.name.upper()),
                                None)
        if driver is None and stated.node is None and (stated.name or "").upper() in ("VDD", "VCC", "VSS", "VEE"):
            driver = next((line for line in found if line.name[0].upper() == "V"  # the family's supply source
                           and line.nodes[0].lower() in ("vdd", "vcc", "vss", "vee")), None)
        if driver is None and stated.node is None and (stated.sin or stated.pulse):  # the input no level holds
            held = {s.node for s in request.sources if s.node and s.dc is not None and not (s.sin or s.pulse)}
            free = [n for n in roles["input"] if mapping.get(n, n) not in held]
            driver = next((line for line in found if line.name[:1].upper() == "V" and free
                           and line.nodes[0] == free[0]), None) if free[:1] != roles["input"][:1] else None
        if driver is None and stated.pulse and re.search(r"\bclock", stated.text, re.IGNORECASE):
            driver = next((line for line in found if line.name[:1].upper() == "V"  # "a clock at node ck": the family's
                           and re.fullmatch(r"clk\w*|clock\w*|ck|phi\d?", line.nodes[0], re.IGNORECASE)), None)  # clock
        if driver is None and _REFERENCE.search(stated.text) and not (stated.sin or stated.pulse):
            # "a 4 V reference on node vr": the family's reference source, on that node and at that level
            driver = next((line for line in found if line.name[:1].upper() == "V" and line.nodes[1:] == ["0"]
                           and _REFERENCE_NODE.fullmatch(line.nodes[0])), None)
        if driver is None and stated.sin is not None and not stated.name and stated.node:
            # ("ft_a = SIN(0 12 60) and ft_b = SIN(0 -12 60)": of the family's sources, the one of that very wave)
            same = [line for line in found if line.name[:1].upper() == "V" and line.nodes[0] not in mapping
                    and _sine_of(line.rest) == tuple(stated.sin)]
            driver = same[0] if len(same) == 1 else None
        if driver is None and stated.node and (stated.sin or stated.pulse) and stated.node not in mapping.values() \
                and not any(stated.node in line.nodes for line in found):
            # ("Inputs na_a = PULSE(...) and na_b = PULSE(...)": each wave on the family's next input not yet named)
            free = [n for n in roles["input"] if n not in mapping and n != "0"]
            driver = next((line for line in found if line.name[:1].upper() == "V" and line.nodes[1:] == ["0"]
                           and free and line.nodes[0] == free[0]), None) if len(roles["input"]) > 1 else None
        # The circuit's input by its role ("control voltage 2 V at node ctl"): the family's input source, moved there.
        driver = driver or (next((line for line in found if line.name.upper() == source.upper()), None)
                            if stated.node is None or stated.node == request.input or any(
                                # (a source behind a stated resistor into the input: "2 V behind 1 MΩ")
                                e.kind == "R" and set(e.placed()) == {stated.node, request.input}
                                for e in request.elements) or (
                                _INPUT_NAME.match(stated.node) and not any(stated.node in line.nodes for line in found)
                                and _input_node(found, source) not in mapping) or (not stated.name and (
                                # ("Put a 1 V AC test source on pin": an AC level alone drives the input)
                                stated.sin or stated.pulse or stated.ac is not None and stated.dc is None
                                or re.search(r"\b(?:input|in(?=\s*\(|\s*$)|control\w*|signal|excitation|"
                                             r"stimulus|test)\b", stated.text, re.IGNORECASE)))
                            else None)
        if driver is None and stated.text in steady:  # "bases inp and inn at 0 V DC", inn followed inp by an E
            driver = _held_instead(found + added, stated.node, mapping)
        if driver is None and stated.node and stated_ports.supply and stated.node == stated_ports.supply.node \
                and stated.kind == "V" and not (stated.sin or stated.pulse):
            # "a divider from 12 V (node v12)": the node the supply is said on, fed by the family's rail or plain input
            driver = _rail(found) or _plain_input(found, source, stated.dc)
        if driver is None and stated.node and stated.kind == "V" and stated.dc is not None \
                and not (stated.sin or stated.pulse or stated.pwl or stated.ac is not None) \
                and (rail := _rail(found)) is not None and rail.nodes[0] not in mapping \
                and not any(s.supply and s.node and s.node != stated.node for s in request.sources) \
                and stated.node not in {n for line in found for n in line.nodes} and (_BATTERY.search(
                    _said_around(request.description, stated.text)) or _dc_level(rail, rows) == stated.dc):
            # "two AA cells (3 V, the source is VBAT on node cells)", "5 V DC on node cp_in" of a pump on 5 V: the
            # family's supply, named and placed so
            driver = rail
        if driver is None and stated.node and stated.kind == "V" and stated.dc is not None and not stated.name \
                and not (stated.sin or stated.pulse or stated.pwl) \
                and stated.node not in {n for line in found for n in line.nodes} \
                and (fed := _plain_input(found, source)) is not None and stated.dc != 0 \
                and fed.nodes[0] not in mapping and _dc_level(fed, rows) == stated.dc:
            # "From 12 V DC on unreg I need 5.6 V at zout": the family's input source, at that very level, on that node
            driver = fed
        if driver is None and stated.node and stated.name and stated.kind == "V" and (holder := next((
                line for line in found if line.name[:1].upper() == "V" and _RAIL.match(line.nodes[0])
                and mapping.get(line.nodes[1], line.nodes[1]) == stated.node and _dc_level(line, rows) == 0), None)):
            # ("output node mc_out, measured with DC source VMC": the family's 0 V source holding its output at the
            # rail gives way to the stated one, from that node to ground)
            holder.nodes = [holder.nodes[1], "0"]
            driver = holder
        if driver is None and stated.node and stated.name and stated.kind == "V":
            # A source the request names on a node the family does not drive: added as stated.
            added.append(Line(stated.name, [stated.node, "0"], stated.waveform()))
            continue
        if driver is None:
            problems.append(f"'{stated.text}': no source drives that node in this circuit")
            continue
        drive(driver, stated)
    if stated_ports.source_ends and not any(s.node for s in request.sources if not s.supply):
        _on_source_ends(stated_ports.source_ends, found, added, mapping, source, request)
    for name, node in asides.items():  # the family's source on that port takes the name no statement gave it
        on = next((line for line in found if line.name[:1].upper() == name[0] and line.nodes[1:2] == ["0"]
                   and mapping.get(line.nodes[0], line.nodes[0]) == node), None)
        if on is not None and on.name not in parts_renamed.values() \
                and not any(line.name.upper() == name for line in found + added):
            parts_renamed[on.name] = name
            on.name = name
    # An input port named like a source ("Input node name: Vin") is driven by a source of that name,
    # as the test benches of such specifications expect (".tf v(vout) Vin").
    port, driver = request.input, next((line for line in found if line.name.upper() == source.upper()), None)
    if (port and len(port) > 1 and port[0] in "vV" and driver is not None and driver.name not in parts_renamed.values()
            and driver.name.upper() not in sourced | set(asides)  # ("input vm_in (source VMI)": its name is said)
            and mapping.get(driver.nodes[0], driver.nodes[0]) == port
            and not any(line.name.upper() == port.upper() for line in found + added)):
        parts_renamed[driver.name] = driver.name = "V" + port[1:]
    # A voltage the request names after a node of the circuit ("high when Vin > Vref") names that node (not a
    # source the request names, on a node it names: "a 4 V reference VREF on node ref").
    named = {mapping.get(n, n) for line in found + added for n in line.nodes} | set(request.nodes)
    sources = {s.name.lower() for s in request.sources if s.name}
    for node in dict.fromkeys(n for line in found for n in line.nodes):
        # (the input "in" too, unless the request calls a node so: "Vin" of "drive it from Vin")
        if ((re.fullmatch(r"[a-z]{3,}", node) or node == "in" and node not in request.nodes and request.input is None)
                and node not in mapping and f"v{node}" not in named | sources
                and re.search(rf"\bV{node}\b", request.description, re.IGNORECASE)):
            mapping[node] = f"v{node}"
    # "coupled inductors 100 µH : 100 µH (k = 0.99)": the family's one coupling at the stated coefficient
    couplings = [i for i, row in enumerate(rows) if i > 0 and re.match(r"K\w*\s+\S+\s+\S+\s+\S+\s*$", row, re.I)]
    said = _COUPLING.search(request.description)
    if said and len(couplings) == 1 and not any(e.kind == "K" for e in request.elements) \
            and parse_number(rows[couplings[0]].split()[-1]) != float(said["k"]):
        rows[couplings[0]] = " ".join([*rows[couplings[0]].split()[:-1], said["k"]])
        revalued.append(rows[couplings[0]].split()[0])
    _further_inputs(request, found + added, driver, mapping, parts_renamed)
    supplied = _supply(stated_ports, request, found, rows, source, mapping)
    for (i, _), line in zip(parts, found):
        rows[i] = line.text()
    for i, row in enumerate(rows):  # analyses and probes name the renamed parts too (".dc V1" -> ".dc VIN")
        if row.startswith(".") and not row.lower().startswith((".model", ".subckt", ".param", ".ends")):
            for old, new in parts_renamed.items():
                row = re.sub(rf"(?<![\w.]){re.escape(old)}(?!\w)", new, row, flags=re.IGNORECASE)
            rows[i] = row
    if not any(line.name[0].upper() == "X" and line.rest.split()[:1] == ["opamp"] for line in found):
        rows = _without_subckt(rows, "opamp")
    end = next((i for i in range(len(rows) - 1, -1, -1) if rows[i].strip().lower().startswith(".end")), len(rows))
    first_directive = next((i for i in range(1, end) if rows[i].startswith(".") and not
                            rows[i].lower().startswith((".param", ".subckt", ".ends", ".model"))
                            and i > max((j for j, r in enumerate(rows) if r.lower().startswith(".ends")), default=0)),
                           end)
    cards = {r.split()[1].lower() for r in rows if r.lower().startswith(".model ") and len(r.split()) > 1}
    needed = dict.fromkeys(line.rest.lower() for line in added if line.name[0].upper() in DEFAULT_MODELS)
    zener = next((card for want in request.elements if (card := zener_card(want))), None)  # "a 6.2 V zener D3"
    rows[first_directive:first_directive] = [line.text() for line in added] + [
        zener if model == "dzener" and zener else ADDED_CARDS[model]
        for model in needed if model not in cards]  # an added device's card, never left undefined
    rows = _stated_card_names(_with_model_params(rows, request), request.description)
    for line in added:  # a stated part across one of the circuit's 0 V ammeters would carry no current
        shorted = next((v for v in found if v.name[0].upper() == "V"
                        and sorted(mapping.get(n, n) for n in v.nodes) == sorted(line.nodes)
                        and re.fullmatch(r"(?:DC\s+)?0", v.rest.strip(), re.IGNORECASE)), None)
        if shorted is not None:
            problems.append(f"{line.name} would be shorted by the circuit's ammeter {shorted.name} "
                            f"({' '.join(shorted.nodes)}): it cannot be placed there as stated")
    nodes = {n for line in found for n in line.nodes}
    _clear_way(mapping, nodes, {n for line in added for n in line.nodes},
               {n for role, names in stated_ports.roles.items() if role != "output" or len(names) > 1 for n in names}
               | {n for n in (request.input, *request.inputs) if n})
    joined = {k for k in nodes if any(j != k and mapping.get(j, j) == mapping.get(k, k) for j in nodes)}
    if joined:  # only those names are left out: a doubtful one ("mid-rail") never cancels the others
        problems.append("the node names the request gives would join nodes that the circuit keeps apart: "
                        + ", ".join(f"{k} -> {v}" for k, v in mapping.items() if k != v and k in joined))
        mapping = {k: v for k, v in mapping.items() if k not in joined}
    if _SINGLE_SUPPLY.search(request.description) and not _SPLIT_SUPPLY.search(request.description) and any(
            line.name[0].upper() == "X" and line.rest.split()[:1] in (["opamp"], ["comparator"]) for line in found):
        problems.append("only a positive supply VDD is stated: the op-amp here is modelled on +/-VDD rails, so its "
                        "output swings below ground (a single-supply design with a mid-supply reference is not built)")
    text = _rename_nodes("\n".join(rows) + "\n", mapping)
    # a stated R, C or L bridging two of the circuit's own nodes ("1 nF across the feedback resistor") changes what
    # the family's function checks computed from its values, as a stated value replacing one does
    inner = {mapping.get(n, n) for n in nodes} - {"0"}
    revalued += [line.name for line in added if line.name[0].upper() in "RCL" and all(n in inner for n in line.nodes)]
    return Composed(text, problems, {k: v for k, v in mapping.items() if k != v}, supplied, revalued)


# Which model types a parameter belongs to, so "VTO = 0.7 V" goes into the MOS card and not a diode's.
_PARAM_TYPES = {**dict.fromkeys(("kp", "gamma", "phi", "tox", "uo"), ("nmos", "pmos")),
                **dict.fromkeys(("vto", "lambda"), ("nmos", "pmos", "njf", "pjf")), "beta": ("njf", "pjf"),
                **dict.fromkeys(("bf", "br", "vaf", "nf", "ikf", "rb", "re", "cje", "cjc", "tf"), ("npn", "pnp")),
                **dict.fromkeys(("n", "cjo", "tt", "bv", "ibv", "vj"), ("d",)), "is": ("d", "npn", "pnp"),
                "eg": ("d", "npn", "pnp"),
                "rs": ("d", "nmos", "pmos"),
                "rc": ("npn", "pnp"), **dict.fromkeys(("ron", "roff", "vt", "vh"), ("sw",)),
                "level": ("nmos", "pmos", "npn", "pnp", "d", "njf", "pjf")}


def stated_card(card: str, request: Request) -> str:
    """A device card as the request states it: when the request gives parameters of the card's type
    ("NMOS M1 (VTO=1, KP=50u)"), only those (SPICE's defaults for the rest, not our card's extras such as
    lambda), written in by _with_model_params; else the card unchanged."""
    words = card.split()
    kind = words[2].split("(")[0] if len(words) > 2 else ""
    stated = [p for p in request.model_params if kind.lower() in _PARAM_TYPES.get(p.name, ())]
    return f"{words[0]} {words[1]} {kind} ()" if stated else card


# A card the request names with its type: ".model QM NPN(...)", "NX = nmos(level=1 ...)", "Models: NMOD NMOS VTO=0.6"
# (... or a name in capitals, its type and parameters after it: ", PMOD PMOS VTO=-0.6")
_CARD_NAMED = re.compile(r"(?:\.model\s+|\bmodels?\s*:?\s+(?:(?:called|named)\s+)?|(?<=[\s(,;:])(?=[A-Za-z]\w*\s*=\s*"
                         r"(?:nmos|pmos|npn|pnp|njf|pjf)\s*\()|(?<=[,;]\s)(?=(?-i:[A-Z][A-Z0-9_]*)\s+"
                         r"(?:nmos|pmos|npn|pnp|njf|pjf)\s+[a-z]+\s*=))"
                         r"(?P<name>[A-Za-z]\w*)(?:\s*=\s*|\s+)(?P<type>nmos|pmos|npn|pnp|njf|pjf|d)\b(?=\s*\(|\s+[A-Za-z]+\s*=)",
                         re.IGNORECASE)


def _stated_card_names(rows: list[str], description: str) -> list[str]:
    """The circuit's one card of a type under the name the request gives a card of that type ("models NX = nmos(...)
    and PX = pmos(...)": the NMOS card is NX), its devices with it; a type named twice, or a card of the circuit
    that has two of that type, keeps its names."""
    said: dict[str, list[str]] = {}
    for m in _CARD_NAMED.finditer(description):
        if m["name"].lower() not in ("nmos", "pmos", "npn", "pnp", "njf", "pjf", "d", "model", "card"):
            said.setdefault(m["type"].lower(), []).append(m["name"])
    rows = list(rows)
    for kind, names in said.items():
        cards = [i for i, r in enumerate(rows) if r.lower().startswith(".model") and len(r.split()) > 2
                 and r.split()[2].split("(")[0].lower() == kind]
        taken = {r.split()[1].lower() for r in rows if r.lower().startswith(".model") and len(r.split()) > 1}
        if len({n.lower() for n in names}) != 1 or len(cards) != 1 or names[0].lower() in taken:
            continue
        old, new = rows[cards[0]].split()[1], names[0]
        rows = [re.sub(rf"(?<![\w.]){re.escape(old)}(?![\w.])", new, r) if i == cards[0] or (
            r[:1].upper() in "DQMJ" and not r.startswith(".")) else r for i, r in enumerate(rows)]
    return rows


def _with_model_params(rows: list[str], request: Request) -> list[str]:
    """The request's model parameters written into the circuit's .model cards of the right type
    (the polarity the request names when there are both)."""
    kinds = r"(?:nmos|pmos|npn|pnp|n-channel|p-channel)"
    def polarities(text: str) -> set[str]:
        named = re.findall(rf"\b{kinds}\b", text, re.IGNORECASE)
        return {{"n-channel": "nmos", "p-channel": "pmos"}.get(p.lower(), p.lower()) for p in named}
    polarity = polarities(request.description)
    # the polarity (or "NMOS and PMOS" pair) said last before a place in the text
    last = re.compile(rf"\b{kinds}(?:\s*(?:,|/|and|or)\s*{kinds})*\b(?!.*\b{kinds}\b)", re.IGNORECASE | re.DOTALL)
    defined: set[int] = set()  # diode cards whose saturation current the request states

    def before(want: ModelParam) -> str:  # the words of its clause before it
        # (a text said twice, "NMOS VTO=0.6 KP=100u, PMOS VTO=-0.6 KP=100u": the nth saying for the nth parameter)
        twins = [p for p in request.model_params if p.text == want.text]
        at = -1
        for _ in range(next((k for k, p in enumerate(twins) if p is want), 0) + 1):
            at = request.description.find(want.text, at + 1)
        words = request.description[max(0, at - 50):at] if at > 0 else ""
        # (a ";" in the device's aside ends nothing: "MN (nmos, W=1u; model VTO=0.5)" says it of MN, an NMOS)
        opened = _aside_start(words)
        return words[max([m.end() for m in re.finditer(r"[.;](?!\d)", words) if opened is None or m.start() < opened],
                         default=0):]

    rows = _own_cards(rows, request.model_params, before)
    for want in request.model_params:
        types = _PARAM_TYPES.get(want.name, ())
        cards = [i for i, r in enumerate(rows) if r.lower().startswith(".model")
                 and len(r.split()) > 2 and r.split()[2].split("(")[0].lower() in types]
        # "D1 has IS=1e-14": the cards of the devices named just before it, theirs alone
        devices = _devices(before(want))
        used = {card.lower() for r in rows[1:] if r.split()[:1] and r.split()[0].upper() in devices
                and (card := _card_of(r, rows))}
        # "NMOS W/L = 1u/1u (VTO 0.7, KP 100u), PMOS ... (VTO -0.7, KP 40u)": a parameter said just after one
        # polarity is that device's alone
        said = last.search(before(want))
        near = polarities(said[0]) if said else set()
        # ("models NM (VTO=0.5, KP=200u) and PM (VTO=-0.5, KP=80u)": a model named for its polarity, just before)
        if (named := _MODEL_FOR_POLARITY.findall(before(want))) and (not said or before(want).rfind(named[-1])
                                                               > before(want).rfind(said[0])):
            near = {"nmos" if named[-1][0] == "N" else "pmos"}
        own = near if len(near) == 1 else polarity
        first = [i for i in cards if rows[i].split()[2].split("(")[0].lower() in own] or cards[:1]
        copies = [i for i in cards for j in first if rows[i].split()[1].lower().startswith(rows[j].split()[1].lower()
                                                                                          + "_")]
        chosen = [i for i in cards if rows[i].split()[1].lower() in used] or first + copies
        for i in chosen:
            value = f"{want.value:g}"
            pattern = re.compile(rf"(?<![\w.]){re.escape(want.name)}\s*=\s*(\{{[^}}]*\}}|[^\s)]+)", re.IGNORECASE)
            rows[i] = pattern.sub(f"{want.name}={value}", rows[i], count=1) if pattern.search(rows[i]) \
                else re.sub(r"\)\s*$", f" {want.name}={value})", rows[i]) if rows[i].rstrip().endswith(")") \
                else f"{rows[i]} {want.name}={value}"
            defined |= {i} if want.name == "is" and rows[i].split()[2].split("(")[0].lower() == "d" else set()
    # A diode the request defines by its IS ("model the LED as a diode with IS=1e-18 and N=2") is that diode: our
    # card's other DC terms (emission coefficient, series resistance, knee; breakdown unless the request asks a zener)
    # would change its drop, so they go unless stated ("silicon diodes (IS=1e-14)" conduct 0.7 V at 5 mA, SPICE's N=1).
    stated = {p.name for p in request.model_params}
    extras = {"n", "rs", "ikf", "isr", "nr"} | (set() if re.search(r"zener|breakdown|\bbv\b", request.description,
                                                              re.IGNORECASE) else {"bv", "ibv"})
    for i in defined:
        rows[i] = re.sub(rf"\s(?:{'|'.join(sorted(extras - stated))})\s*=\s*(?:\{{[^}}]*\}}|[^\s)]+)", "", rows[i],
                         flags=re.IGNORECASE)
    return rows


# "ground the other base", "the other input grounded": a differential stage driven from one side, against ground
_OTHER_GROUNDED = re.compile(r"\bground(?:ed)?\s+(?:the\s+)?other\s+(?:base|gate|input)\b"
                             r"|\bother\s+(?:base|gate|input)\s+(?:is\s+)?(?:grounded|tied\s+to\s+ground|to\s+ground|at\s+0\s*V)",
                             re.IGNORECASE)


def _aside_start(words: str) -> int | None:
    """Where the parentheses still open at the end of `words` open."""
    depth = 0
    for k in range(len(words) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(words[k], 0)
        if depth < 0:
            return k
    return None


_DEVICE = re.compile(r"\b[DQMJ]\d\w*\b")  # a device's name: "D1", "Q2", "M3"
# a MOS model named for its polarity: "NM (", "PO:"
_MODEL_FOR_POLARITY = re.compile(r"\b[NP][A-Z0-9_]{0,5}(?=\s*[(:])")
_ASSIGNED = re.compile(r"\b[A-Za-z]+\s*=\s*[-+]?[\d.]")  # a parameter said before: "IS=1e-14"


def _devices(before: str) -> set[str]:
    """The devices a parameter is said of, from the words of its clause before it: the last names said since the
    parameter before them ("D1 and D2 with IS=1e-14, D3 and D4 with IS=5e-12": D3 and D4; "M1 has VTO=0.5 KP=120u":
    M1 for both)."""
    names = list(_DEVICE.finditer(before))
    if not names:
        return set()
    cut = max((m.end() for m in _ASSIGNED.finditer(before, 0, names[-1].start())), default=0)
    return {m[0].upper() for m in names if m.start() >= cut}


def _card_of(row: str, rows: list[str]) -> str | None:
    """The .model card an element row uses (its first word after the name that names a card of `rows`)."""
    cards = {r.split()[1].lower() for r in rows if r.lower().startswith(".model ") and len(r.split()) > 2}
    return next((word for word in row.split()[1:] if word.lower() in cards), None) if row[:1].upper() in "DQMJ" \
        else None


_COUPLING = re.compile(r"\b(?:k|coupling(?:\s+(?:coefficient|factor))?)\s*(?:=|:|of|is)\s*"
                       r"(?P<k>0?\.\d+|1(?:\.0+)?)(?![\w.])", re.IGNORECASE)


def _name_card(line: Line, lines: list[Line], rows: list[str], model: str) -> None:
    """"D1's model DI": the family's device uses its card under the user's name (a copy where other devices of the
    family share that card, so theirs stays as it was)."""
    card = _card_of(line.text(), rows)
    if card is None or card.lower() == model.lower():
        return
    line.rest = " ".join(model if w == card else w for w in line.rest.split())
    at = next(i for i, r in enumerate(rows) if r.lower().startswith(".model ") and r.split()[1].lower() == card.lower())
    named = re.sub(rf"^(\.model\s+){re.escape(card)}\b", rf"\g<1>{model}", rows[at], flags=re.IGNORECASE)
    if any(_card_of(other.text(), rows) == card for other in lines if other is not line):
        rows.insert(at + 1, named)
    else:
        rows[at] = named


def _own_cards(rows: list[str], params: list[ModelParam], before) -> list[str]:
    """Devices given parameters of their own ("D1 has IS=1e-14; D2 has IS=1e-12") where the circuit's devices share
    one card: those devices get a copy of it, named after the first of them, so each card holds its own devices'
    parameters (`before`: the words of a parameter's clause before it)."""
    rows = list(rows)
    for want in params:
        if re.search(r"\b(?:both|all|each)\b", before(want), re.IGNORECASE):
            continue  # "D10 ..., D11 ..., both model DC1 (IS=1e-14)": one card the devices share
        devices = _devices(before(want))
        users: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            if i > 0 and (card := _card_of(row, rows)) is not None:  # (row 0: the title)
                users.setdefault(card.lower(), []).append(i)
        for card, using in users.items():
            mine = [i for i in using if rows[i].split()[0].upper() in devices]
            if not mine or len(mine) == len(using):
                continue
            copy = f"{card}_{rows[mine[0]].split()[0].lower()}"
            for i in mine:
                words = rows[i].split()
                rows[i] = " ".join(copy if k > 0 and w.lower() == card else w for k, w in enumerate(words))
            at = next(i for i, r in enumerate(rows) if r.lower().startswith(".model ") and r.split()[1].lower() == card)
            rows.insert(at + 1, re.sub(rf"^(\.model\s+){re.escape(card)}\b", rf"\g<1>{copy}", rows[at],
                                       flags=re.IGNORECASE))
    return rows


# The cards of devices the request adds to a family's circuit ("a red LED from a to ground", "a zener from z to
# ground"): by the sort its words name and its polarity; a card of that name in the circuit is the circuit's own.
ADDED_CARDS = {"dsi": MODELS["dsi"], "npn": MODELS["npn"], "pnp": MODELS["pnp"], "nch": MODELS["nch"],
               "pch": MODELS["pch"], "dled": f".model dled D (is={LED[0]:g} n={LED[1]:g} rs={LED[2]:g} cjo=20p)",
               "dzener": ".model dzener D (is=1p n=1 rs=2 bv=5.1 ibv=5m)"}


def zener_card(want: ElementConstraint) -> str | None:
    """The card of a diode its own words call a zener of a stated voltage ("a 5.1 V zener DZ", "zener D2 (6.2 V)"):
    the zener family's, breaking down there; None for any other diode."""
    volts = re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)\s*V\b", want.text)
    if want.kind != "D" or not re.search(r"\bzener", want.text, re.IGNORECASE) or len(volts) != 1:
        return None
    return ADDED_CARDS["dzener"].replace("bv=5.1", f"bv={volts[0]}")


def _added_model(want: ElementConstraint, rows: list[str]) -> str:
    """The model of a device added as stated: the one the request names when the circuit has its card, else by the
    part's own words (an LED, a zener, a PNP, a PMOS), else the kind's default."""
    words = want.text.lower()
    if want.model and any(r.lower().split()[:2] == [".model", want.model.lower()] for r in rows):
        return want.model
    if want.kind == "D":
        return "dled" if re.search(r"\bled\b", words) else "dzener" if "zener" in words else DEFAULT_MODELS["D"]
    if re.search(r"\b(?:pnp|pmos|p-?channel)\b", words):
        return {"Q": "pnp", "M": "pch"}[want.kind]
    return DEFAULT_MODELS[want.kind]


def _without_subckt(rows: list[str], name: str) -> list[str]:
    start = next((i for i, r in enumerate(rows) if r.lower().split()[:2] == [".subckt", name]), None)
    if start is None:
        return rows
    stop = next(i for i in range(start, len(rows)) if rows[i].lower().startswith(".ends"))
    return rows[:start] + rows[stop + 1:]


def _ideal_opamp(want: ElementConstraint, lines: list[Line]) -> int | None:
    """"An ideal op-amp (VCVS E1, gain 1e6)": the behavioural op-amp becomes that source,
    E out 0 + - gain, on the same nodes."""
    for i, line in enumerate(lines):
        if line.name[0].upper() == "X" and line.rest.split() == ["opamp"] and len(line.nodes) == 3:
            plus, minus, out = line.nodes
            lines[i] = Line(want.name or "E1", [out, "0", plus, minus], f"{want.value or 1e6:g}")
            return i
    return None


# "Assume the Vdd = 5.0 V" with no negative rail: a single supply, which a +/-VDD op-amp model is not.
# Words of a waveform that repeats ("a clock", "a square wave", "pulses"), not a single step
_REPEATS = re.compile(r"\bclock|\bsquare|\bpwm\b|\bpulses\b|\bpulse\s+train|\btoggl|\bevery\b", re.IGNORECASE)


def _family_pulse(wave: str) -> list[str]:
    """The figures of a family's PULSE(...) as written, [] when it is none."""
    m = re.fullmatch(r"PULSE\s*\((?P<args>[^)]*)\)", wave.strip(), re.IGNORECASE)
    return m["args"].split() if m else []


_SINGLE_SUPPLY = re.compile(r"\bV\s*dd\s*(?:=|is|of)\s*\d", re.IGNORECASE)
_SPLIT_SUPPLY = re.compile(r"\u00b1|\+/-|\b(?:dual|split|bipolar|symmetric)\s+(?:\w+\s+)?suppl"
                           r"|\bnegative\s+(?:supply|rail)|\bV\s*(?:ss|ee)\b|\bsupplies\b", re.IGNORECASE)
_RAIL = re.compile(r"^(?:vdd|vcc|vee|vss|vpos|vneg|vsupply|supply)\w*$", re.IGNORECASE)


def _further_inputs(request: Request, lines: list[Line], driver: Line | None, mapping: dict[str, str],
                    renamed: dict[str, str]) -> None:
    """The request's further input ports ("inputs Vp, Vn") on the family's other signal sources, in the
    netlist's order; one named like a source ("Vn") also names the source that drives it."""
    used = {mapping.get(n, n) for line in lines for n in line.nodes}
    others = [line for line in lines if line is not driver and line.name[:1].upper() == "V" and len(line.nodes) >= 2
              and line.nodes[1] == "0" and line.nodes[0] not in mapping and not _RAIL.match(line.nodes[0])
              and line.name not in renamed.values()]
    for port, line in zip([p for p in request.inputs if p not in used and p not in mapping.values()], others):
        mapping[line.nodes[0]] = port
    # each further input's source carries its port's name ("Vinn" at vinn), however the port was placed
    for line in lines:
        port = mapping.get(line.nodes[0], line.nodes[0]) if line is not driver and line.name[:1].upper() == "V" \
            and len(line.nodes) >= 2 and line.nodes[1] == "0" and line.name not in renamed.values() else ""
        if port in request.inputs and len(port) > 1 and port[0] in "vV" \
                and not any(other.name.upper() == port.upper() for other in lines):
            renamed[line.name] = line.name = "V" + port[1:]


# A node named as an input ("1 V DC at vin"): the circuit's input when the family has no node of that name.
_INPUT_NAME = re.compile(r"^v?in(?:put)?\d?$|^vi$|^vsig$|^[a-z]\w*_in\d?$")  # ("bst_in": an input by its suffix)
_REFERENCE = re.compile(r"\breference\b", re.IGNORECASE)  # a stated level said to be the circuit's reference
_REFERENCE_NODE = re.compile(r"v?ref\w*", re.IGNORECASE)  # the node a family's reference source holds
_RAIL_NODES = ("vdd", "vcc", "vpos", "vplus", "vsupply")
# Each pin role a device's position gives: (role, element letters, pin index).
_PIN_ROLES = (("collector", "Q", 0), ("base", "Q", 1), ("emitter", "Q", 2), ("drain", "MJ", 0), ("gate", "MJ", 1),
              ("anode", "D", 0), ("cathode", "D", 1), ("source", "MJ", 2))


def family_ports(lines: list[Line], source: str, output: str,
                 declared: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, list[str]]:
    """The family's nodes by role, each list in the order a request would name them: the roles the family
    declares (those of its nodes this circuit has), else what its structure says: the input source's node
    then its other signal sources' (a difference amplifier's + then - input), the output, and each
    transistor pin in the netlist's order (a pair's collectors)."""
    present = {n for line in lines for n in line.nodes}
    # A node a 0 V ammeter ties to another is two names for one point: which one a name means is unclear.
    metered = {n for line in lines if line.name[:1].upper() == "V" and line.nodes[1] != "0"
               and re.fullmatch(r"(?:DC\s+)?0", line.rest.strip(), re.IGNORECASE) for n in line.nodes}
    roles = {role: [n for n in nodes if n in present] for role, nodes in declared}
    signals = [line.nodes[0] for line in lines if line.name[:1].upper() == "V" and len(line.nodes) == 2
               and line.nodes[1] == "0" and not _RAIL.match(line.nodes[0])]
    first = _input_node(lines, source)
    roles.setdefault("input", list(dict.fromkeys(([first] if first else []) + signals)))
    roles.setdefault("output", [output])
    for role, kinds, pin in _PIN_ROLES:
        roles.setdefault(role, list(dict.fromkeys(line.nodes[pin] for line in lines if line.name[0].upper() in kinds
                                                  and len(line.nodes) > pin and line.nodes[pin] not in metered
                                                  and line.nodes[pin] != "0")))
    # a converter's switching node: its switch's end that is neither ground nor a supply's node
    switched = {n for line in lines if line.name[0].upper() == "S" for n in line.nodes[:2]
                if n != "0" and n not in signals and not _RAIL.match(n)}
    if len(switched) == 1:
        roles.setdefault("switch", sorted(switched))
    # the nodes a part makes ("the tank node is tk", "the timing capacitor's node is ramp"): where an inductor and a
    # capacitor meet off ground, the one grounded capacitor's other end; each only where it is one node
    ends = {kind: {n for line in lines if line.name[0].upper() == kind for n in line.nodes[:2] if n != "0"}
            for kind in "CL"}
    grounded = {n for line in lines if line.name[0].upper() == "C" and "0" in line.nodes[:2]
                for n in line.nodes[:2] if n != "0"}
    for role, nodes in (("tank", ends["C"] & ends["L"]), ("capacitor", grounded)):
        if len(nodes) == 1:
            roles.setdefault(role, sorted(nodes))
    return roles


def _fed_back(amps: list[Line], lines: list[Line]) -> list[str]:
    """The input of the circuit's one amplifier that a part from its output feeds back to (an inverting stage's
    summing node, a Schmitt trigger's + input), none where there are more amplifiers or both inputs are fed back."""
    if len(amps) != 1:
        return []
    out = amps[0].nodes[2]
    back = [n for n in amps[0].nodes[:2] if n not in ("0", out) and any(
        line.name[0].upper() in "RCL" and set(line.nodes[:2]) == {n, out} for line in lines)]
    return back if len(back) == 1 else []


# A bipolar pin and the field-effect pin in its place.
_SAME_PIN = {"collector": "drain", "drain": "collector", "base": "gate", "gate": "base"}
_PIN_WORDS = ("collector", "base", "emitter", "drain", "gate")


def _abbreviates(node: str, word: str) -> bool:
    """Whether a family's node name is short for `word`: its letters in order, from the first ("sq" for square,
    "tri" for triangle, "hp" for high-pass)."""
    letters = iter(re.sub(r"[^a-z]", "", word.lower()))
    return re.fullmatch(r"[a-z]{2,}", node) is not None and node[0] == word[:1].lower() \
        and all(c in letters for c in node)


def _name_ports(stated: Ports, family: dict[str, list[str]], present: set[str], mapping: dict[str, str],
                problems: list[str], sensed: set[str], sides: list[str]) -> set[str]:
    """The user's names on the family's ports of the same role ("collectors c1 and c2"): a name the family
    already has stays on that node, the others go in order onto the role's other nodes. A port told apart by
    what it carries ("square output at sqo") goes on the one family node named short for that word ("sq");
    the names so placed are returned (none where no node, or more than one, is so named); `sensed`: the nodes
    the circuit's amplifiers sense, never an output port; `sides`: the one amplifier's + and - input nodes, the
    sides of a differential input a family without one names."""
    told: set[str] = set()
    # (the ports told apart by what they carry first: "sine and cosine outputs qs and qc" places qc on the cosine node,
    # and the role's list then keeps it there)
    for role, names in sorted(stated.roles.items(), key=lambda item: not item[0].endswith((" input", " output"))):
        if role in ("plus input", "minus input"):  # a differential input's side: the family's + then - input
            inputs = family.get("input", [])
            inputs = inputs if len(inputs) >= 2 else sides
            node = inputs[0 if role == "plus input" else 1] if len(inputs) >= 2 else None
            node = None if node == "0" else node
            if node is not None and node not in mapping and names[0] not in mapping.values():
                if names[0] != node:
                    mapping[node] = names[0]
                told.add(names[0])
            continue
        if role.endswith((" input", " output")):
            # (never a port of the other role: "inverted output pc" is not the input "in")
            other = family.get("input", []) + list(sensed) if role.endswith(" output") else family.get("output", [])
            qual = role.split()[0].lower()
            # ("emitter output node pe": the one pin of that word; "reset input rs": the input r)
            # (a port the family declares by that qualified role, however spelt: a biquad's "bandpass output", its out)
            declared = next((ports for name, ports in family.items() if " " in name
                             and re.sub(r"[^a-z]", "", name) == re.sub(r"[^a-z]", "", role.lower())), [])
            nodes = declared or (family.get(qual) or family.get(_SAME_PIN.get(qual, ""), [])
                                 if qual in _PIN_WORDS else []) \
                or [n for n in sorted(present) if (_abbreviates(n, qual) or n == qual) and n not in other] \
                or [n for n in family.get(role.split()[1], []) if n == role[0]]
            if len(nodes) == 1 and nodes[0] not in mapping and names[0] not in mapping.values():
                if names[0] != nodes[0]:
                    mapping[nodes[0]] = names[0]
                told.add(names[0])
            continue
        if role in ("input", "output") and len(names) > 1:
            # "outputs sv_hp, sv_bp, sv_lp" of a filter with nodes hp, bp and lp: each on the node its suffix names
            for name in names:
                suffix = name.rsplit("_", 1)[1] if "_" in name else ""  # (two letters at least: "ina_n" is no n)
                if len(suffix) >= 2 and suffix in present and suffix not in mapping and name not in mapping.values() \
                        and name not in present:
                    mapping[suffix] = name
                    told.add(name)
        # ("collectors ca and cb" of a pair built with MOSFETs: their drains, the same pins)
        nodes = family.get(role) or family.get(_SAME_PIN.get(role, ""), [])
        if role in ("input", "output") and len(names) > len(nodes) == 1:
            # "collector outputs k1 and k2" of a pair with one output: its pins of that many, in their order (the
            # first output on the side of the first input, as "collectors k1 and k2" places them)
            nodes = next((family[pin] for pin in ("collector", "drain", "base", "gate")
                          if len(family.get(pin, [])) == len(names) and nodes[0] in family[pin]), nodes)
            # ("outputs q and qbar" of a latch whose output is q: its complement, qb, the second)
            twin = [n for n in sorted(present) if n in {nodes[0] + end for end in ("b", "bar", "n", "_b", "_n")}]
            nodes = nodes + twin if role == "output" and len(names) == 2 and len(nodes) == 1 and len(twin) == 1 \
                and not all(n in present for n in names) else nodes
        # (a name the circuit has elsewhere is the family's own node, moved aside, unless the role has none here)
        # (a role whose names all are the circuit's own nodes, more than its ports, names those nodes:
        # "output nodes outp and outn" of a bridge whose amplifier's output is one node)
        own = all(n in present for n in names) and len(names) > len(nodes)
        kept = [n for n in names if n in nodes or n in mapping.values() or ((own or not nodes) and n in present)]
        if own:
            told.update(kept)
        free = [n for n in nodes if n not in names and n not in mapping]
        rest = [n for n in names if n not in kept]
        for node, name in zip(free, rest):
            mapping[node] = name
            told.add(name)  # placed on its port: no other port of its role takes it ("pe at the emitter")
        if len(rest) > len(free):
            problems.append(f"{', '.join(rest[len(free):])}: the circuit has no further {role} port to name so")
    return told


# "generator node gen", "the source node vs_o": the generator's own node, said by its word
# ("the generator VRF sits on node rf_gen": its name and a verb of place between)
# ("driven through a 1 Mohm source resistance from node srcx": the node behind the generator's own resistance)
_GENERATOR = re.compile(r"\b(?:generator|source)\s+(?:(?-i:[VI][A-Z0-9_]*)\s+)?(?:(?:sits|is|lies|stands)\s+)?"
                        r"(?:(?:on|at)\s+)?(?:node\s+)?$|\bsource\s+(?:resistance|resistor|impedance)\s+from\s+"
                        r"(?:the\s+)?(?:node\s+)?$", re.IGNORECASE)
# "a 50 ohm source resistor", "600 ohm internal resistance", "source impedance of 50 ohm": the generator's own
# resistance, its value
_SOURCE_RESISTANCE = re.compile(r"(?P<a>\d[\d.]*)\s*(?P<au>k|meg|M(?=\s*(?:\u03a9|ohm)))?\s*(?:\u03a9|ohms?)?\s+"
                                r"(?:source|series|internal|"
                                r"output)\s+(?:resistor|resistance|impedance)|\b(?:source|internal|output)\s+"
                                r"(?:resistance|impedance)\s+(?:of\s+)?(?P<b>\d[\d.]*)\s*"
                                r"(?P<bu>k|meg|M(?=\s*(?:\u03a9|ohm)))?"
                                # ("the generator ... behind a 50 ohm resistor into node rf_in")
                                r"|\b(?:generator|source)\b[^.;]{0,40}?\bbehind\s+(?:an?\s+|its\s+)?(?P<c>\d[\d.]*)\s*"
                                r"(?P<cu>k|meg|M(?=\s*(?:\u03a9|ohm)))?\s*(?:\u03a9|ohms?)?\s+(?:(?:series\s+)?resist(?:or|ance)"
                                # ("Source lb_src AC 1 V behind 600 ohm into lb_in": its resistance, the noun unsaid)
                                r"|(?<=ohm\s)(?=into\b)|(?<=ohms\s)(?=into\b)|(?<=\u03a9\s)(?=into\b))",
                                re.IGNORECASE)


def _scale(said: str) -> str:
    """A resistance's scale as SPICE writes it: "M" (of "1 MΩ") is meg, never milli."""
    return "meg" if said in ("M", "meg", "Meg", "MEG") else said.lower()


def _behind_source_resistor(request: Request, lines: list[Line], source: str, mapping: dict[str, str]) -> str | None:
    """Where the request names the generator's own node and the circuit's input apart ("the generator VG sits behind
    a 50 ohm source resistor: generator node gen, filter input fin") and the family's source feeds its circuit
    through one series resistor of the source resistance stated: the generator's name on the source's node, and that
    resistor's far end returned, the node the input's name goes on."""
    first = _input_node(lines, source)
    # ("... behind a 50 ohm resistor into node rf_in": the node the resistor feeds, the input where none is said)
    # ("with a 50 ohm source resistor into lin": the same, said by the resistor's own noun)
    fed = re.search(r"(?:\bbehind\b[^.;]{0,40}?\b(?:resist(?:or|ance)|ohms?|\u03a9)|\bsource\s+resist(?:or|ance))\s+"
                    r"(?:into|to|feeding|onto)\s+(?:the\s+)?(?:node\s+)?(?P<n>[a-z_]\w*)\b(?![(\w])",
                    request.description)
    if (request.input is None and fed is None) or first is None or first in mapping:
        _far_end_named(request, lines, first, fed, mapping)
        return None
    said = [s.node for s in said_nodes(request.description) if s.role is None and s.node in request.nodes
            and s.node not in (request.input, request.output, fed and fed["n"]) and any(
                _GENERATOR.search(request.description[:m.start()])
                for m in re.finditer(rf"(?<![\w.]){re.escape(s.node)}(?![\w(])", request.description))]
    # ("the generator is a source at node rfin behind a 50 ohm resistor into node lci": the node the reader took for
    # the input is the generator's own, the resistor's far end the one the words name; the class: a generator node
    # and its source resistor's far end both named, the input being the first)
    own = not said and fed is not None and request.input is not None and fed["n"] != request.input \
        and request.input not in mapping.values() and any(
            _GENERATOR.search(request.description[:m.start()]) or re.match(r"[^.;]{0,20}?\bbehind\b",
                                                                         request.description[m.end():])
            for m in re.finditer(rf"(?<![\w.]){re.escape(request.input)}(?![\w(])", request.description))
    said = [request.input] if own and request.input is not None else said
    touching = [line for line in lines if first in line.nodes]
    series = [line for line in touching if line.name[0].upper() == "R" and "0" not in line.nodes[:2]]
    # (only a resistance the request states for its generator: an inverting amplifier's input resistor is none)
    stated = [parse_number((m["a"] or m["b"] or m["c"]) + _scale(m["au"] or m["bu"] or m["cu"] or ""))
              for m in _SOURCE_RESISTANCE.finditer(request.description)]
    if len(said) != 1 or len(series) != 1 or len(touching) != 2 or said[0] in mapping.values() \
            or not any(_same_value(value, _value(series[0])) for value in stated):
        _far_end_named(request, lines, first, fed, mapping)
        return None
    mapping[first] = said[0]
    far = next(n for n in series[0].nodes[:2] if n != first)
    if (request.input is None or own) and fed is not None and far not in mapping and fed["n"] not in mapping.values():
        mapping[far] = fed["n"]
    return first if own else far  # (the input's name is the generator's, placed)


def _far_end_named(request: Request, lines: list[Line], first: str | None, fed: re.Match | None,
                   mapping: dict[str, str]) -> None:
    """"V1 (1 V AC) on node src with a 50 ohm source resistor into lin": the generator's node named already, or by
    its own statement, the node the one series resistor from it feeds takes the name the words give it."""
    if first is None or fed is None or not (first in mapping or any(
            s.node and not s.supply and s.node != fed["n"] for s in request.sources)):
        return
    series = [line for line in lines if first in line.nodes[:2] and line.name[0].upper() == "R"
              and "0" not in line.nodes[:2]]
    far = next((n for n in series[0].nodes[:2] if n != first), None) if len(series) == 1 else None
    if far is not None and far not in mapping and fed["n"] not in mapping.values():
        mapping[far] = fed["n"]


def _name_path(lines: list[Line], path: tuple[str, ...], mapping: dict[str, str], first: str | None,
               last: str) -> None:
    """The names of a stated path ("in to mid, then mid to out") on the family's nodes along its one series path of
    as many nodes from its input to its output (through R, L and C, never by ground): a ladder's inner nodes. Where
    it has no such path, or several, the names stay unplaced (and the checklist reports them)."""
    if len(path) < 3 or first is None:
        return
    links: dict[str, set[str]] = {}
    for line in lines:
        if line.name[0].upper() in "RLC" and "0" not in line.nodes[:2]:
            a, b = line.nodes[:2]
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    ways = [[first]]
    for _ in range(len(path) - 1):
        ways = [way + [n] for way in ways for n in sorted(links.get(way[-1], ())) if n not in way]
    ways = [way for way in ways if way[-1] == last]
    if len(ways) != 1:
        return
    given = set(mapping.values())
    for node, name in zip(ways[0], path):
        if mapping.get(node, node) != name and node not in mapping and name not in given:
            mapping[node] = name


# "the node between the two capacitors is ca": the one node two parts of that kind share
# (a name, not what the node is: "the node between the two resistors is grounded")
_BETWEEN_PARTS = re.compile(r"\bnode\s+(?:between|joining)\s+(?:the\s+)?(?:two\s+)?"
                            r"(?P<kind>resistor|capacitor|inductor)s\s+(?:is\s+)?(?:node\s+|called\s+|named\s+)?"
                            r"(?!\w+(?:ed|ing)\b)(?P<name>[a-z_][a-z0-9_]*)(?=\s*(?:[,;.)]|$|\s+and\b))",
                            re.IGNORECASE)


# words whose node a family names by their first letter ("zener node zr_z": z; "emitter node fe": e)
_LETTERED = frozenset("zener tank tap wiper top bottom middle switch emitter collector base drain gate source".split())


def _own_named(description: str, lines: list[Line], mapping: dict[str, str], roles: dict[str, list[str]],
               told: frozenset[str] | set[str] = frozenset()) -> None:
    """A node of the circuit said by the family's own name for it ("2 mA into the top node vbm", "the tank node lc1",
    "switch node sw1": the node sw; "pump node pm": the one node of the role it declares so) or by the two parts it
    joins ("the node between the two resistors is skm") takes that name, before the names no words place are put on
    free ports."""
    nodes = {n for line in lines for n in line.nodes}
    for said in _BETWEEN_PARTS.finditer(description):  # "the node between the two resistors is skm"
        kind = said["kind"][0].upper()
        shared = [n for n in nodes - {"0"} if sum(line.name[0].upper() == kind and n in line.nodes[:2]
                                                   for line in lines) >= 2]
        name = said["name"].lower()
        if len(shared) == 1 and shared[0] not in mapping and name not in nodes | set(mapping.values()) | NOT_NODES:
            mapping[shared[0]] = name
    for said in re.finditer(r"\b(?P<own>[a-z_][a-z0-9_]*)\s+node\s+(?P<name>[a-z_][a-z0-9_]*)\b", description,
                            re.IGNORECASE):
        own, name = said["own"].lower(), said["name"].lower()
        # ("zener node zr_z": the family's one-letter node by its word's letter)
        short = [n for n in nodes - {"in", "out", "0"} if _abbreviates(n, own) or n == own[:1] and own in _LETTERED]
        declared = roles.get(own, []) if own not in _PIN_WORDS + ("input", "output") else []
        own = own if own in nodes or len(short) != 1 or own in NOT_NODES else short[0]
        own = declared[0] if own not in nodes and len(declared) == 1 else own
        if own in nodes - {"in", "out", "0"} and own not in mapping and name not in nodes \
                and name not in mapping.values() and name not in NOT_NODES:
            mapping[own] = name
    # ("bring out all three outputs as sv_hp, sv_bp, sv_lp": a name whose last part is the family's node's, unless
    # its words give it a role of its own, `told`)
    for name in dict.fromkeys(m[0].lower() for m in re.finditer(r"\b[a-z][a-z0-9]*_[a-z][a-z0-9]*\b", description)):
        own = name.rsplit("_", 1)[1]
        if own in nodes - {"in", "out", "0"} and own not in mapping and name not in nodes \
                and name not in mapping.values() and name not in told:
            mapping[own] = name


def _unplaced_on_ports(request: Request, lines: list[Line], roles: dict[str, list[str]], mapping: dict[str, str],
                       source: str, output: str, supply: str = "") -> None:
    """The names the request gives no role and nothing else placed ("a 2 kHz square wave at node clk", "filtered
    DC on node vdc") go on the family's input and output that no name took: one name on the one free port, two
    names on input and output in the order said, where no name a stated source holds would become the output; one
    name no source holds, with both ports free, is where the user looks: the output. More names than that say
    nothing certain: they stay unplaced (and reported by the checklist). A DC input still free (a regulator's)
    takes the one battery or supply node a stated source holds ("from the car battery at bat (13.8 V)")."""
    own = {n for line in lines for n in line.nodes}  # (a name of the family's own nodes is that node's)
    _placed_by_words(request, lines, roles, mapping, source, output)
    placed = own | {mapping.get(n, n) for n in own} | set(mapping.values())
    placed |= {s.node for s in request.sources if s.supply and s.node}  # "a 10 V rail at node col": the supply's
    said = set(request.nodes) | {request.input, request.output}
    worded = said_nodes(request.description)
    left = [s.node for s in worded if s.role is None and s.pin is None and s.node in said
            and s.node not in placed and s.node != "0" and not RAIL.match(s.node) and not _RAIL.match(s.node)]
    first = _input_node(lines, source) if roles.get("input") else None
    free = [(role, node) for role, node, named in (("input", first, request.input), ("output", output, request.output))
            # (a port a statement named only by its pin's word, "a diode from base to collector", is free for a name)
            if node and not _RAIL.match(node) and (node not in mapping or mapping[node] in PINS) and node not in said
            and named is None]
    # (a two-terminal circuit fed by a current source into its output, a Vbe multiplier's top: one port, one name)
    free = [(role, node) for i, (role, node) in enumerate(free) if node not in [n for _, n in free[:i]]]
    driven = {s.node for s in request.sources if s.node}  # a name a stated source holds is an input, never the output
    if len(left) == 1 and len(free) == 2 and left[0] not in driven:
        free = free[1:]  # the one node a request names with no source on it is where it looks: the output
    if len(left) == len(free) == 2 and len([n for n in left if n in driven]) == 1:
        left.sort(key=lambda n: n not in driven)  # "a node (steady) ... the supply is VWAND on node wand": wand in
    if len(left) == len(free) and len(left) in (1, 2) and not any(
            role == "output" and name in driven for (role, _), name in zip(free, left)):
        for (_, node), name in zip(free, left):
            mapping[node] = name
    # a name whose words give it a port's role where the request reader took none for that port ("a 10k resistor
    # from a 3.3 V rail (node r33) to node ntc": the far end from the supply) goes on that port while it is free; the
    # supply's own node is none ("under a 22k fixed resistor from 5 V (node vs)": vs is the rail, not the input)
    for role, node in free:
        named = [s.node for s in worded if s.role == role and s.node in said and s.node != supply
                 and s.node not in placed | set(mapping.values()) and not (role == "output" and s.node in driven)]
        if len(named) == 1 and node not in mapping:
            mapping[node] = named[0]
    feed = next((line for line in lines if line.name.upper() == source.upper()), None)
    fed = [s.node for s in worded if s.role == "supply" and s.node in driven
           and s.node not in placed and not RAIL.match(s.node) and not _RAIL.match(s.node)]
    if first and first not in mapping and request.input is None and len(fed) == 1 and feed is not None \
            and not re.search(r"\b(?:AC|SIN|PULSE|PWL)\b", feed.rest, re.IGNORECASE):
        mapping[first] = fed[0]  # a regulator's DC input is the battery it runs from ("from the battery at bat")


# The words near a name that say which node of the circuit it is, and what finds that node: "a 2 V threshold held on
# node vth" (the reference a source holds), "timing capacitor node ramp", "the held peak on node hold across a
# 1 uF capacitor" (a capacitor's node), "the generator on node drv" (the input), "I read the result on node q".
_CUES = {**dict.fromkeys(("reference", "ref", "threshold", "thresholds", "setpoint", "set-point"), "reference"),
         **dict.fromkeys(("capacitor", "capacitors", "cap", "caps", "reservoir", "smoothing", "timing", "tank",
                          "integrating"), "capacitor"),
         **dict.fromkeys(("generator", "signal", "sine", "sinusoid", "drive", "drives", "driven", "stimulus",
                          "excitation", "feeds", "fed"), "input"),
         **dict.fromkeys(("output", "result", "flag", "read", "reads"), "output")}
_CAPACITANCE = re.compile(r"[\d.]*\s?[munpµ]f", re.IGNORECASE)  # "1 uF", "82pF": a capacitor's value says one too
_CUE_REACH = 6  # words: a cue further from the name is said of another part of the sentence


def _cue(description: str, name: str) -> str | None:
    """The role the nearest cue word of `name`'s sentence gives it (see _CUES), within _CUE_REACH words (the word
    before the name first, at equal distance), None where none is near; the name is read where "node" names it."""
    # (where it is said as a name: "tank node tank" names it after its word, "node")
    places = list(re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w(])", description, re.IGNORECASE))
    said = next((m for m in places if re.search(r"\bnodes?\s+$", description[:m.start()], re.IGNORECASE)),
                places[0] if places else None)
    if said is None:
        return None
    start = max(description.rfind(stop, 0, said.start()) for stop in ".;!?")
    ends = [k for stop in ".;!?" if (k := description.find(stop, said.end())) >= 0]
    before = re.findall(r"[\w.-]+", description[start + 1:said.start()])[::-1][:_CUE_REACH]
    after = re.findall(r"[\w.-]+", description[said.end():min(ends, default=len(description))])[:_CUE_REACH]
    merged = [w for pair in zip(before + [""] * _CUE_REACH, after + [""] * _CUE_REACH) for w in pair]
    # "enters the emitter through a 47 uF cap from node cb_in": the name is the far end of a coupling capacitor, the
    # signal's node, not the node a capacitor holds to ground
    coupled = re.search(r"\b(?:through|via|coupled)\s+(?:an?\s+)?(?:[\d.]+\s*[munp\u00b5]?f\s+)?(?:coupling\s+)?"
                        r"(?:cap(?:acitor)?\b\s*)?from\s+(?:node\s+)?$", description[start + 1:said.start()],
                        re.IGNORECASE)
    for word in merged:  # (a value and its unit written apart, "1 uF", read as one word)
        word = word.lower()
        cue = _CUES.get(word) or ("capacitor" if _CAPACITANCE.fullmatch(word) and any(c.isalpha() for c in word[:-1])
                                  else None)
        if cue:
            return "input" if cue == "capacitor" and coupled else cue
    return None


def _placed_by_words(request: Request, lines: list[Line], roles: dict[str, list[str]], mapping: dict[str, str],
                     source: str, output: str) -> None:
    """The names the request gives no role, all held at DC levels (two or more), go on the family's input ports no
    name took, in the order said, where they are as many ("node iap at 2.51 V and node ian at 2.49 V"); each name
    left then goes on the one node its sentence's nearest cue word (_cue) finds in the circuit: the reference a DC
    source holds, the node a capacitor holds to ground, the input, the output. A name whose cue finds no node, or
    several, stays unplaced (the checklist reports it)."""
    own = {n for line in lines for n in line.nodes}
    said = set(request.nodes) | {request.input, request.output}
    taken = own | set(mapping.values()) | {s.node for s in request.sources if s.supply and s.node}
    left = [s.node for s in said_nodes(request.description) if s.role is None and s.pin is None and s.node in said
            and s.node not in taken and s.node != "0" and not RAIL.match(s.node) and not _RAIL.match(s.node)]
    held = [n for n in left if any(s.node == n and s.dc is not None and not (s.sin or s.pulse or s.supply)
                                   and s.kind == "V" for s in request.sources)]
    free = [n for n in roles.get("input", []) if n not in mapping and n not in said]
    # (one level alone may be a goal, "so node z rests at 0 V"; a role-less name with no level may be the input)
    if len(held) >= 2 and len(held) == len(free) == len(left):
        mapping.update(zip(free, held))
    grounded = {kind: {n for line in lines if line.name[:1].upper() == kind and "0" in line.nodes[:2]
                       for n in line.nodes[:2] if n != "0"} for kind in "CL"}
    tanks = grounded["C"] & grounded["L"]
    for name in [n for n in left if n not in mapping.values()]:
        if any(s.node == name and s.name for s in request.sources):
            continue  # "source VS on node sens": the family's source of that name, or its input, goes there
        cue = _cue(request.description, name)
        if cue == "reference":
            nodes = [n for n in own if _REFERENCE_NODE.fullmatch(n) and any(
                line.name[:1].upper() == "V" and line.nodes[:2] == [n, "0"] for line in lines)]
            nodes += roles.get("control", [])
        elif cue == "capacitor":
            nodes = list(tanks or grounded["C"])
        elif cue == "input":
            nodes = [n for n in roles.get("input", [])[:1] if n not in said]
        elif cue == "output":
            nodes = [n for n in (output,) if n in own and n not in said]
        else:
            continue
        nodes = list(dict.fromkeys(nodes))
        if len(nodes) == 1 and nodes[0] not in mapping and name not in mapping.values():
            mapping[nodes[0]] = name


def _clear_way(mapping: dict[str, str], nodes: set[str], added: set[str], ports: set[str]) -> None:
    """A family node that has the name the user gives one of its ports moves aside ("p", the op-amp's internal
    + input, when the user's + input is p; "t1", a ladder tap, when the user's outputs are t1 to t3): two nodes
    never join by a name. (Other names that would join two nodes are reported below, as is a lone output named
    like an inner node ("output at sw" of a converter, whose switch node is sw): such a request may not mean this
    circuit.) The nodes of the parts added as stated (`added`) already bear the user's names: "VD on drain node dx"
    is on the drain the user calls dx, no family node to move aside."""
    given = set(mapping.values())
    for node in sorted(nodes):
        if node in given and node in ports and node not in mapping and node != "0":
            mapping[node] = next(f"{node}_{k}" for k in range(1, 1000)
                                 if f"{node}_{k}" not in nodes | added and f"{node}_{k}" not in given)


# what a source that supplies the circuit is said to be
_BATTERY = re.compile(r"\b(?:cells?|batter(?:y|ies)|supply|rail|AAA?|adapter|mains|power)\b", re.IGNORECASE)


def _dc_level(line: Line, rows: list[str]) -> float | None:
    """A source line's DC level (_level), also through the .param it reads ("DC {vdd}")."""
    param = re.match(r"\s*(?:DC\s+)?\{\s*(\w+)\s*\}", line.rest, re.IGNORECASE)
    if param is None:
        return _level(line.rest)
    return next((parse_number(m[1]) for row in rows if row.lower().startswith(".param")
                 for m in re.finditer(rf"\b{re.escape(param[1])}\s*=\s*(\S+)", row, re.IGNORECASE)), None)


def _said_around(text: str, words: str) -> str:
    """`words` with the few words before them ("two AA cells (3 V, the source is VBAT on node cells)"): what the
    statement is said to be, not the rest of its sentence ("a 12 V rail ..., VCTL = 5 V on ctl")."""
    at = text.find(words)
    return text[max(0, at - 40):at + len(words)] if at >= 0 else words


def _rail(lines: list[Line]) -> Line | None:
    """The family's supply source: a DC source from a rail node (vdd, vcc, ...) to ground."""
    return next((line for line in lines if line.name[:1].upper() == "V" and line.nodes[0].lower() in _RAIL_NODES
                 and line.nodes[1] == "0"), None)


def _supply(stated: Ports, request: Request, lines: list[Line], rows: list[str], source: str,
            mapping: dict[str, str]) -> list[float]:
    """The supply the request states ("on 5 V", "from a 15 V supply") on the family's supply: its rail
    source (through the parameter it reads, so the parts reading it follow), else its input source when
    that is a plain DC level (a regulator's or a divider's input is its supply), else the op-amp's rails.
    The node the request puts it on ("on 10 V (vcc)") names that source's node, where no other name took it
    and no other node of the circuit has that name."""
    if stated.supply is None or stated.supply.value is None:
        return []
    value = stated.supply.value
    if any(s.supply and s.dc is not None for s in request.sources):
        return []  # a supply the request places itself ("VCC = 9 V at vcc") is set where it is read
    held = any(not s.supply and s.kind == "V" and s.dc is not None and (s.node is None or s.node == request.input)
               for s in request.sources)  # ("the input node in (2.4 V DC)": the input is a signal, not the supply)
    # a split supply ("on +/-12 V") is the op-amps' rails, never one input's level (a DAC's bit source)
    split = _SPLIT_SUPPLY.search(stated.supply.text)
    driver = _rail(lines) or (None if held or split else _plain_input(lines, source, value))
    if driver is not None:
        _set_supply(driver, rows, value)
        node, own = stated.supply.node, {n for line in lines for n in line.nodes}
        if node and driver.nodes[0] not in mapping and node not in own | set(mapping.values()) \
                and driver.nodes[0] not in request.nodes:  # (an input the request names as it is stays so)
            mapping[driver.nodes[0]] = node
    elif param := next((p for p in ("vdd", "vcc") if any(re.match(rf"\.param\b.*\b{p}\s*=", r, re.IGNORECASE)
                                                         for r in rows)), None):
        _set_param(rows, param, value)
    else:
        return []
    return [value]


def _sine_of(rest: str) -> tuple[float, ...] | None:
    """The figures of a source line's SIN(...), as numbers."""
    wave = re.search(r"\bSIN\s*\(([^)]*)\)", rest, re.IGNORECASE)
    figures = [parse_number(x) for x in wave[1].split()] if wave else []
    return tuple(x for x in figures if x is not None) if wave and None not in figures else None


# A transistor's pin by its word: its place among the element's nodes (collector/drain first)
_PIN_AT = {pin: at for pin, _, at in _PIN_ROLES if pin in _PIN_WORDS}


def _on_supply_node(stated: SourceConstraint, ports: Ports, request: Request) -> SourceConstraint:
    """A supply source the request states with no node of its own ("from a 9 V supply VCC", or a node no words name
    as one) on the node the request names the supply ("Supply node vcc9", "a 5 V rail (node p5)"), its level
    agreeing."""
    node = ports.supply.node if ports.supply else ""
    if not (stated.supply and node and stated.kind == "V") or (stated.node and stated.node in request.nodes) \
            or (stated.dc is not None and ports.supply is not None and ports.supply.value != stated.dc):
        return stated
    return dataclasses.replace(stated, node=node)


def _set_supply(driver: Line, rows: list[str], value: float) -> None:
    """A supply's level: in the parameter its source reads ("DC {vdd}"), so every part reading it follows."""
    level = re.search(r"\{(\w+)\}", driver.rest)
    if level:
        _set_param(rows, level[1], value)
    else:
        driver.rest = _set_level(driver.rest, "DC", _number(value))


def _set_param(rows: list[str], name: str, value: float) -> None:
    for i, row in enumerate(rows):
        if row.lower().startswith(".param"):
            rows[i] = re.sub(rf"\b({name}\s*=\s*)(\{{[^}}]*\}}|\S+)", rf"\g<1>{_number(value)}", row, count=1)


def _held_instead(lines: list[Line], node: str | None, mapping: dict[str, str]) -> Line | None:
    """The controlled source (E) that drives the user's node from ground, made an independent source: a level
    the request holds that node at is its own, not another node's copy."""
    line = next((line for line in lines if line.name[:1].upper() == "E" and line.nodes[1] == "0"
                 and node in (line.nodes[0], mapping.get(line.nodes[0]))), None)
    if line is not None:
        line.name = next(f"V{n}" for n in range(1, 1000) if all(o.name.upper() != f"V{n}" for o in lines))
        line.nodes, line.rest = line.nodes[:2], "DC 0"
    return line


def _held_rail(lines: list[Line], level: float | None, named: set[str], source: str) -> Line | None:
    """A circuit whose rail has a name of its own ("logic" of a window comparator's pull-up): the one plain DC source
    to ground at the supply's level on a node the request names otherwise not at all (the user's supply node goes
    there); never the circuit's input source, which may sit at the supply's level."""
    held = [line for line in lines if line.name[:1].upper() == "V" and line.nodes[1:] == ["0"] and level
            and line.name.upper() != source.upper()
            and line.nodes[0] not in named and not re.search(r"\b(?:AC|SIN|PULSE|PWL|SFFM|EXP)\b", line.rest, re.I)
            and (dc := _level(line.rest)) is not None and abs(dc - level) <= 1e-9 * abs(level)]
    return held[0] if len(held) == 1 else None


# The pins a device's position gives, for a part stated between pins ("10k from collector to base"); "source" is a
# MOSFET's or JFET's


def _named_before(stated: SourceConstraint, request: Request) -> SourceConstraint:
    """A source the request names right before its parenthesised description ("ILOAD (a 3 A current source from
    ground into node shp)", "VS (the 5 V supply ...)"): that name, where the reader gave it none (the class: a
    designator, then what it is in parentheses)."""
    at = request.description.find(stated.text)
    said = re.search(r"\b([VI][A-Za-z0-9_]*)\s*\(\s*(?:an?\s+|the\s+)?$", request.description[:at]) \
        if at > 0 and not stated.name else None
    if said is None or said[1][0].upper() != stated.kind.upper() or any(
            (s.name or "").upper() == said[1].upper() for s in request.sources):
        return stated
    return dataclasses.replace(stated, name=said[1])


def _unsaid_ends(want: ElementConstraint, request: Request, lines: list[Line]) -> ElementConstraint:
    """A part's end the request reader gave a word it never takes for a node ("a 470 ohm load from the positive output
    node dcp to the negative output": 'positive', where dcp is the node) is no name to put on the family's node: that
    end is left unsaid (the part still matched by its value and its other end; the class: a port's qualifier read
    as the end). Ground, rails, pin words and the family's own node names stay."""
    if want.kind not in SYMMETRIC:  # (a two-ended passive's: a device's pins are read by their own words)
        return want
    named = set(request.nodes) | {request.input, request.output} | {n for line in lines for n in line.nodes}
    nodes = tuple(None if n is not None and n != "0" and n not in named and not RAIL.match(n) and not _RAIL.match(n)
                  and not any(role == n for role, _, _ in _PIN_ROLES) and re.fullmatch(r"[a-z]{4,}", n)
                  else n for n in want.nodes or ())
    return dataclasses.replace(want, nodes=nodes) if want.nodes and nodes != tuple(want.nodes) else want


def _on_pins(want: ElementConstraint, lines: list[Line], named: set[str]) -> ElementConstraint:
    """A part stated between a transistor's pins by their words ("10k from collector to base, 4.7k from base to
    emitter") is between those pins' nodes, where the circuit has one device of that kind (a word the request
    calls a node stays the node's name)."""
    nodes = list(want.nodes or ())
    for k, node in enumerate(nodes):
        pins = {line.nodes[pin] for role, kinds, pin in _PIN_ROLES if role == node and node not in named
                for line in lines if line.name[:1].upper() in kinds and len(line.nodes) > pin}
        devices = {line.name for role, kinds, _ in _PIN_ROLES if role == node for line in lines
                   if line.name[:1].upper() in kinds}
        if len(pins) == 1 and len(devices) == 1:
            nodes[k] = pins.pop()
    return dataclasses.replace(want, nodes=tuple(nodes)) if want.nodes and tuple(nodes) != want.nodes else want


def _on_named_pins(want: ElementConstraint, lines: list[Line], roles: dict[str, tuple[str, ...]]) -> ElementConstraint:
    """A part with one end named and the other open ("collector cb_out to +9 V through 5.1k") is on the family's pin
    that the request names so: the n-th named collector on the n-th device's collector."""
    if not (want.kind in "RCL" and want.nodes and len(want.nodes) == 2 and want.nodes.count(None) == 1):
        return want
    known = next(n for n in want.nodes if n is not None)
    for role, kinds, pin in _PIN_ROLES:
        named = roles.get(role, ())
        devices = [line.nodes[pin] for line in lines if line.name[:1].upper() in kinds and len(line.nodes) > pin]
        if known in named and len(devices) == len(named):
            return dataclasses.replace(want, nodes=tuple(devices[named.index(known)] if n == known else n
                                                         for n in want.nodes))
    return want


def _plain_input(lines: list[Line], source: str, supply: float | None = None) -> Line | None:
    """The input source when it is a plain DC level: the supply of a circuit with no rail (a regulator's input), also
    with an AC magnitude beside the supply's own level ("DC 12 AC 1": a divider whose ratio is measured, fed from the
    12 V supply), never a wave nor a signal's other level ("DC 2 AC 1" of a follower on a 5 V supply)."""
    def plain(rest: str) -> bool:
        if re.search(r"\b(?:SIN|PULSE|PWL|SFFM|EXP)\b", rest, re.IGNORECASE):
            return False
        level = re.match(r"\s*(?:DC\s+)?(\S+)", rest, re.IGNORECASE)
        return not re.search(r"\bAC\b", rest, re.IGNORECASE) or bool(
            supply and level and (dc := parse_number(level[1])) is not None and abs(dc - supply) <= 1e-9 * abs(supply))
    return next((line for line in lines if line.name.upper() == source.upper() and line.name[:1].upper() == "V"
                 and plain(line.rest)), None)


def _place_current(stated: SourceConstraint, found: list[Line], added: list[Line], rows: list[str],
                   mapping: dict[str, str], source: str, renamed: dict[str, str]) -> str | None:
    """A stated current source in the family's circuit: the circuit's own current source into that node takes its
    levels; else it drives the node the circuit's input source drove ("a tank driven by an AC 1 mA current source into
    node tank"), in that source's place; else it is added into its node. The reason when none fits."""
    def levels(line: Line) -> str:  # the stated levels; the AC level the circuit's AC analysis needs stays
        if stated.dc is None and stated.ac is None and not (stated.sin or stated.pulse or stated.pwl):
            return line.rest  # named and placed, no level of its own ("a current source ILOOP into node sense")
        kept = re.search(r"\bAC\s+\S+", line.rest, re.IGNORECASE) if stated.ac is None else None
        return f"{stated.waveform()} {kept[0]}" if kept else stated.waveform()
    node = next((k for k, v in mapping.items() if v == stated.node), stated.node)  # its node, as the family names it
    # the circuit's own current source into that node, or (no node stated) the current source that drives it, else
    # its one current source ("IREF = 20 uA from vdd into the diode-connected M1" of a mirror fed by I1)
    currents = [line for line in found if line.name[0].upper() == "I"]
    # (a source said with no direction, "a 2 uA current source at the inverting input pd_n", keeps the circuit's own,
    # which may draw its current out of the node: a photodiode's at a transimpedance stage's input)
    directed = CURRENT_DIRECTED.search(stated.text)
    own = next((line for line in currents if (line.nodes[1] == node or not directed and line.nodes[0] == node
                                              and line.nodes[1] == "0" if node else
                                              line.name.upper() == source.upper())),
               currents[0] if node is None and len(currents) == 1 else None)
    # "1 mA from a current source into node a" of a PTAT cell fed by I1 (1 mA into hi), I2 (100 uA into lo): the one
    # current source of the stated level, its node named so
    level = [line for line in currents if stated.dc is not None and _same_value(_level(line.rest), stated.dc)]
    if own is None and node is not None and len(level) == 1 and level[0].nodes[1] not in (*mapping, "0") \
            and node not in set(mapping.values()) | {n for line in found for n in line.nodes}:
        own = level[0]
        mapping[own.nodes[1]] = node
    # a node the circuit lacks, said for the current source of a family driven by one ("a tank driven by a current
    # source IDRV into node if455"): the node that source drives is named so
    driving = next((line for line in currents if line.name.upper() == source.upper() and line.nodes[0] == "0"), None)
    if own is None and driving is not None and node is not None and driving.nodes[1] not in mapping \
            and node not in set(mapping.values()) | {n for line in found for n in line.nodes}:
        own = driving
        mapping[own.nodes[1]] = node
    if own is not None:
        own.rest = levels(own)
        if stated.name and stated.name.upper() != own.name.upper() \
                and not any(line.name.upper() == stated.name.upper() for line in found + added):
            renamed[own.name] = own.name = stated.name  # the user's name on it ("IPD", "IREF")
        return None
    if node is None:
        return f"'{stated.text}': no node to push its current into"
    minus = next((k for k, v in mapping.items() if v == stated.minus), stated.minus) if stated.minus else "0"
    used = {line.name.upper() for line in found + added}
    free = next(f"I{n}" for n in range(1, 1000) if f"I{n}" not in used)
    driver = next((line for line in found if line.name.upper() == source.upper() and node in line.nodes
                   and "0" in line.nodes), None)
    swept = driver is not None and any(re.search(rf"(?<![\w.]){re.escape(driver.name)}(?!\w)", r, re.IGNORECASE)
                                       for r in rows if r.startswith(".") and not r.lower().startswith(".model"))
    if driver is not None and not swept:  # (a source an analysis sweeps by name stays: its directive needs it)
        name = stated.name or (driver.name if driver.name[0].upper() == "I" else free)
        driver.name, driver.nodes, driver.rest = name, [minus, node], levels(driver)
        return None
    if any(node in line.nodes for line in found + added) and not (driver is not None and swept):
        added.append(Line(stated.name or free, [minus, node], stated.waveform()))
        return None
    return f"'{stated.text}': no place for a current source into {stated.node} in this circuit"


def _level(rest: str) -> float | None:
    """A source's DC level as written ("DC 1m", "1m"); None when it is a parameter's or absent."""
    m = re.match(r"(?:DC\s+)?([-+]?[\d.][^\s{}]*)", rest.strip(), re.IGNORECASE)
    return parse_number(m[1]) if m else None


def _input_node(lines: list[Line], source: str) -> str | None:
    driver = next((line for line in lines if line.name.upper() == source.upper()), None)
    # the node it drives, never ground ("I1 0 rtd" pushes its current into rtd)
    return (driver.nodes[1] if driver.nodes[0] == "0" else driver.nodes[0]) if driver else None


def _number(value: float) -> str:
    return f"{value:g}"


def _spice_value(want: ElementConstraint) -> str:
    """The stated value as SPICE reads it: the user's spelling when ngspice reads it the same, else a
    number ("2u2" is 2u to ngspice, so 2.2u is written)."""
    assert want.value is not None  # only parts with a stated value are written with it
    text = (want.value_text or "").replace(" ", "")
    if is_rkm(text):
        return format_eng(want.value)
    # "5 mS" of a transconductance: 5m
    text = re.sub(r"(?i)(ohms?|Ω|Ω|F|H|V|A|S|mhos?)$", "", text).replace("µ", "u").replace("μ", "u")
    text = re.sub(r"M$", "meg", text)
    number = parse_number(text) if text else None
    # (only a plain SPICE number is written as said: "4.7 kilo-ohm", "680R" are read alike but shown as numbers)
    plain = re.fullmatch(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?(?:meg|[tgkmunpf])?", text, re.IGNORECASE)
    return text if plain and number is not None and _same_value(number, want.value) else format_eng(want.value)
