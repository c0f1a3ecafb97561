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

import re
from dataclasses import dataclass, field

# Words that follow a role word or "at" but name no node.
_NOT_NAMES = set("""a an the and or at on to of is are with from node nodes ground gnd both each all its it
this that their resistor resistors capacitor capacitors stage stages signal signals source sources voltage
current level levels side sides pin pins terminal terminals through via into by for as in input inputs output
outputs collector collectors base bases emitter emitters drain drains gate gates held tied biased sits rests stays
grounded connected driven kept pulled fixed forced goes swings returned shorted left open floating
gain model step steps ramp pulse inverting noninverting non""".split())  # "input at x, gain 5": a quantity, no node
_ANY = r"[a-z_][a-z0-9_]*"
_NAME = r"(?!(?:" + "|".join(sorted(_NOT_NAMES)) + r")\b)" + _ANY
_LEVEL = r"(?P<{0}>[-+\u2212]?(?:\d+(?:\.\d+)?|\.\d+))\s?(?P<{0}u>[mµu]?)V\b"
_SCALE = {"": 1.0, "m": 1e-3, "µ": 1e-6, "u": 1e-6}

# "collectors c1 and c2", "bases inp and inn at 0 V DC", "inputs inp = 1.005 V and inn = 1.000 V",
# "bridge outputs sp and sn", "each stage output s1 to s5", "collector node c"
_ROLE_WORDS = {"input": "input", "output": "output", "collector": "collector", "base": "base",
               "emitter": "emitter", "drain": "drain", "gate": "gate"}
_ITEM = _NAME + r"(?:\s*(?:=|\s+at)\s*[-+\u2212]?[\d.]+\s?[mµu]?V\b(?:\s+DC\b)?)?"
_ROLE_LIST = re.compile(
    r"\b(?:(?P<qual>stage|bridge)\s+)?(?P<role>" + "|".join(_ROLE_WORDS) + r")s?\s+"
    r"(?:are\s+|at\s+|on\s+)?(?:the\s+)?(?:nodes?\s+)?(?:named\s+|called\s+)?"
    r"(?P<list>(?P<first>" + _NAME + r")\s+(?:to|through)\s+(?P<last>" + _NAME + r")\b"
    r"|" + _ITEM + r"(?:\s*,\s*(?:and\s+)?" + _ITEM + r"|\s+and\s+" + _ITEM + r")*)"
    r"(?![\w(])(?:\s+at\s+" + _LEVEL.format("all") + r"(?:\s+DC)?)?")
# "Input node name: Vinp, Vinn, Vbias." / "output pins: y1, y2": a specification line, any case, its names in order
_SPEC_LIST = re.compile(r"\b(?P<role>input|output)s?\s+(?:(?:node|pin|port|terminal)s?\s+)?names?\s*:\s*"
                        r"(?P<list>[a-z_]\w*(?:\s*,\s*(?:and\s+)?[a-z_]\w*|\s+and\s+[a-z_]\w*)*)(?!\w)",
                        re.IGNORECASE)
# "driven by ctl", "a 2 V control level at ctl", "clocked by clk"
_CONTROL = re.compile(r"\b(?:driven|controlled|clocked|gated|switched)\s+by\s+(?:node\s+)?(?P<n>" + _NAME + r")\b"
                      r"(?![=(])|\bcontrol\w*\s+(?:\w+\s+){0,2}?(?:at|on)\s+(?:node\s+)?(?P<m>" + _NAME + r")\b")
# "out = 10 (v(p) - v(m))", "vout = -(v(a) + 2 v(b))": the inputs in the order the equation writes them
_EQUATION = re.compile(r"\bv?out\)?\s*=\s*(?P<expr>[^=;]*?v\(\w+\)(?:[^=;.]|\.\d)*)", re.IGNORECASE)
# "the difference between nodes x and y"
_DIFFERENCE = re.compile(r"\bdifference\s+(?:between|of)\s+(?:the\s+)?(?:nodes\s+)?(?P<a>" + _NAME
                         + r")\s+and\s+(?:node\s+)?(?P<b>" + _NAME + r")\b")
# "input resistors 10k (MSB, d2), 20k (d1), 40k (d0)": a name in parentheses after each input's value
_PARENTHESISED = re.compile(r"\binputs?\s+resistors?\b(?P<list>(?:[^.;]*?\(\s*(?:[LM]SB\s*,\s*)?" + _NAME
                            + r"\s*(?:,\s*[LM]SB\s*)?\))+)")

# "Put 1.2 V on p", "with 0.5 V at a", "1 V DC at vin", "a 2 V control level at ctl", "gate held at 3 V at node g"
_LEVEL_ON = re.compile(r"(?:\b(?P<lead>put|apply|applied|with|and|(?:held|biased|kept)\s+at)\s+)?" + _LEVEL.format("v")
                       + r"(?P<dc>\s+DC)?\s+(?P<what>(?:(?:control|input|bias|reference)\w*\s+)?(?:level\s+)?)"
                       r"(?:on|at)\s+(?P<kw>node\s+)?(?P<n>" + _ANY + r")\b(?!\s*[=(])")
# "p sits at 2.2 V DC", "with a at 1 V DC", "and n at 2.0 V DC", "inp = 1.005 V", "vcc = 10 V"
_NODE_AT = re.compile(r"(?:(?P<lead>\bwith|\band|[,;(])\s+)?(?<![\w.(])(?P<n>" + _ANY + r")\s+"
                      r"(?P<verb>(?:sits|rests|stays|is\s+held|held|is\s+biased|biased)\s+at|at|=|is)\s*"
                      + _LEVEL.format("v") + r"(?P<dc>\s+DC)?")
_NODE_EQUALS = re.compile(r"(?<![\w.(])(?P<n>" + _NAME + r")\s*=\s*" + _LEVEL.format("v"))
# "input a tied high", "b held low": a logic level, the supply's or ground's
_LOGIC = re.compile(r"\binputs?\s+(?P<n>[a-z]\w{0,3})\s+(?:is\s+)?(?:tied|held|pulled|kept|fixed)\s+(?P<hl>high|low)\b")
# "on 5 V", "from 12 V", "from a 15 V supply", "a 9 V battery", "off a 3.3 V rail"
_SUPPLY = re.compile(r"(?:\b(?:on|from|off|powered\s+(?:from|by))\s+(?:an?\s+|the\s+)?(?:single\s+)?"
                     r"(?:\u00b1|\+/-)?" + _LEVEL.format("v") + r"(?P<noun>\s+(?:DC\s+)?(?:supply|rail|battery)\b)?"
                     r"|(?<![\w.])(?:\u00b1|\+/-)?" + _LEVEL.format("w")
                     + r"\s+(?:DC\s+)?(?:supply|battery|rail)s?\b)(?!\s+(?:at|on)\b)")
# What may follow a bare "from 5 V" when it is no supply: "from 0 V to 5 V", "from 5 V peak", "from a 5 V step".
_NOT_SUPPLY = re.compile(r"\s*(?:to|and|or|-|\u2013|step|steps|pulse|peak|amplitude|sine|square|triangle|ramp|signal|"
                         r"input|level|p-?p|pp|rms|swing|down|up|above|below|per|/|negative|at|on|excitation|"
                         r"reference|bias|offset)\b", re.IGNORECASE)

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
    supply: Level | None = None  # the supply's level, its node "" (the family's rail)

    def named(self) -> list[str]:
        return list(dict.fromkeys(n for names in self.roles.values() for n in names))


def _volts(m: re.Match, group: str) -> float:
    return float(m[group].replace("\u2212", "-")) * _SCALE[m[group + "u"]]


def _range(first: str, last: str) -> tuple[str, ...] | None:
    """"s1 to s5": s1, s2, s3, s4, s5 (the same stem, counting up)."""
    a, b = re.fullmatch(r"([a-z_]+)(\d+)", first), re.fullmatch(r"([a-z_]+)(\d+)", last)
    if a is None or b is None or a[1] != b[1] or not 0 < int(b[2]) - int(a[2]) < 64:
        return None
    return tuple(f"{a[1]}{k}" for k in range(int(a[2]), int(b[2]) + 1))


def _add(roles: dict[str, tuple[str, ...]], role: str, names: tuple[str, ...]) -> None:
    if names and role not in roles:
        roles[role] = names


def read_ports(text: str) -> Ports:
    """The ports and levels `text` states (see the module's docstring)."""
    ports = Ports()
    for m in _SPEC_LIST.finditer(text):  # a list the request states as a specification line comes first
        words = [n.lower() for n in re.findall(r"[a-z_]\w*", m["list"], re.IGNORECASE)]
        _add(ports.roles, m["role"].lower(), tuple(dict.fromkeys(n for n in words if n != "and")))
    for m in _EQUATION.finditer(text):
        _add(ports.roles, "input", tuple(dict.fromkeys(n.lower() for n in re.findall(r"v\((\w+)\)", m["expr"]))))
    for m in _DIFFERENCE.finditer(text):
        _add(ports.roles, "input", (m["a"], m["b"]))
    for m in _ROLE_LIST.finditer(text):
        role = m["qual"] or _ROLE_WORDS[m["role"]]
        if m["first"]:
            names = _range(m["first"], m["last"])
            if names is None:
                continue
        else:
            names = tuple(re.findall(r"(?<![\w.])(" + _NAME + r")(?![\w.])(?!\s*[mµu]?V\b)",
                                     re.sub(r"(?:=|\bat)\s*\S+\s?[mµu]?V\b(?:\s+DC\b)?", " ", m["list"])))
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
    for m in _PARENTHESISED.finditer(text):
        _add(ports.roles, "input", tuple(re.findall(r"\(\s*(?:[LM]SB\s*,\s*)?(" + _NAME + r")", m["list"])))
    for m in _CONTROL.finditer(text):
        _add(ports.roles, "control", (m["n"] or m["m"],))
    listed = set(ports.named())
    for m in _LEVEL_ON.finditer(text):
        node = m["n"]
        stated = m["lead"] or m["dc"] or m["what"].strip() or node in listed
        if node in _OUTPUTS or (node in _NOT_NAMES and node not in listed and not m["kw"]) or not stated:
            continue  # "a steady 3.3 V at out": the output's spec, not a source
        ports.levels.append(Level(node, _volts(m, "v"), m[0].strip()))
    for m in _NODE_AT.finditer(text):
        node, plain = m["n"], m["verb"] in ("at", "is", "=")
        # a bare "x at 1 V" names a node when x is a port already named, or a short name in a list of levels
        loose = plain and node not in listed and not (m["lead"] and (len(node) <= 4 or m["dc"])) \
            and not (m["verb"] == "=" and RAIL.match(node))
        named = node not in _NOT_NAMES or node in listed or (node == "in" and not plain)  # "in sits at 1.5 V"
        if node in _OUTPUTS or not named or loose:
            continue
        ports.levels.append(Level(node, _volts(m, "v"), m[0].strip(" ,;(")))
    for m in _LOGIC.finditer(text):
        ports.levels.append(Level(m["n"], None if m["hl"] == "high" else 0.0, m[0], high=m["hl"] == "high"))
    ports.levels = list({level.node: level for level in reversed(ports.levels)}.values())[::-1]  # first said wins
    supplies = {}
    for m in _SUPPLY.finditer(text):
        group = "v" if m["v"] is not None else "w"
        value = _volts(m, group)
        if value <= 0 or (group == "v" and not m["noun"] and _NOT_SUPPLY.match(text, m.end())):
            continue
        if re.search(r"\bnegative\s*$", text[:m.start()]):
            continue
        supplies[value] = m[0].strip()
    if len(supplies) == 1:
        (value, said), = supplies.items()
        ports.supply = Level("", value, said)
    return ports


def port_levels(ports: Ports, driven: set[str]) -> list[Level]:
    """The stated levels no other statement puts a source on (`driven`: the nodes the request's sources
    already hold), a logic high at the stated supply's level (left out when the request states none)."""
    high = ports.supply.value if ports.supply else None
    return [Level(level.node, high if level.high else level.value, level.text) for level in ports.levels
            if level.node not in driven and (high is not None or not level.high)]

