"""What each element letter means, and which field of an element line is which.

The grammar keeps the fields after an element's name generic; `layout()` decides which
are nodes, the value, the model and parameters, the way ngspice reads them (manual
chapters 3-14). Elements whose node count varies (bipolar substrate, diode thermal node,
SOI and VDMOS MOSFETs, subcircuit calls, XSPICE ports, PSpice digital `U` primitives) are
resolved with the set of known model names.
"""
from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass, field

from spice_lsp.language.model import Element, Field
from spice_lsp.language.units import parse_number


@dataclass(frozen=True)
class ElementKind:
    letter: str
    description: str
    nodes: int  # fixed count; 0 for variable (X A N P)
    template: str  # an LSP snippet for completion


KINDS: dict[str, ElementKind] = {k.letter: k for k in (
    ElementKind("R", "resistor", 2, "R${1:1} ${2:n1} ${3:n2} ${4:1k}"),
    ElementKind("C", "capacitor", 2, "C${1:1} ${2:n1} ${3:n2} ${4:1u}"),
    ElementKind("L", "inductor", 2, "L${1:1} ${2:n1} ${3:n2} ${4:1m}"),
    ElementKind("K", "coupled (mutual) inductors", 0, "K${1:1} ${2:L1} ${3:L2} ${4:0.99}"),
    ElementKind("V", "independent voltage source", 2, "V${1:1} ${2:n+} ${3:0} DC ${4:5}"),
    ElementKind("I", "independent current source", 2, "I${1:1} ${2:n+} ${3:n-} DC ${4:1m}"),
    ElementKind("E", "voltage-controlled voltage source", 2, "E${1:1} ${2:n+} ${3:n-} ${4:nc+} ${5:nc-} ${6:10}"),
    ElementKind("G", "voltage-controlled current source", 2, "G${1:1} ${2:n+} ${3:n-} ${4:nc+} ${5:nc-} ${6:1m}"),
    ElementKind("F", "current-controlled current source", 2, "F${1:1} ${2:n+} ${3:n-} ${4:Vsense} ${5:10}"),
    ElementKind("H", "current-controlled voltage source", 2, "H${1:1} ${2:n+} ${3:n-} ${4:Vsense} ${5:1k}"),
    ElementKind("B", "behavioral (arbitrary) source", 2, "B${1:1} ${2:n+} ${3:n-} V=${4:v(in)*2}"),
    ElementKind("D", "diode", 2, "D${1:1} ${2:anode} ${3:cathode} ${4:dmod}"),
    ElementKind("Q", "bipolar junction transistor", 3, "Q${1:1} ${2:c} ${3:b} ${4:e} ${5:npnmod}"),
    ElementKind("J", "junction field-effect transistor", 3, "J${1:1} ${2:d} ${3:g} ${4:s} ${5:jmod}"),
    ElementKind("Z", "MESFET", 3, "Z${1:1} ${2:d} ${3:g} ${4:s} ${5:zmod}"),
    ElementKind("M", "MOSFET", 4, "M${1:1} ${2:d} ${3:g} ${4:s} ${5:b} ${6:nmod} W=${7:10u} L=${8:1u}"),
    ElementKind("S", "voltage-controlled switch", 4, "S${1:1} ${2:n+} ${3:n-} ${4:nc+} ${5:nc-} ${6:swmod}"),
    ElementKind("W", "current-controlled switch", 2, "W${1:1} ${2:n+} ${3:n-} ${4:Vsense} ${5:cswmod}"),
    ElementKind("T", "lossless transmission line", 4, "T${1:1} ${2:a+} ${3:a-} ${4:b+} ${5:b-} Z0=${6:50} TD=${7:1n}"),
    ElementKind("O", "lossy transmission line", 4, "O${1:1} ${2:a+} ${3:a-} ${4:b+} ${5:b-} ${6:ltramod}"),
    ElementKind("U", "uniform distributed RC line", 3, "U${1:1} ${2:n1} ${3:n2} ${4:nc} ${5:urcmod} L=${6:1u}"),
    ElementKind("Y", "single lossy transmission line (TXL)", 4, "Y${1:1} ${2:a} ${3:0} ${4:b} ${5:0} ${6:txlmod}"),
    ElementKind("X", "subcircuit instance", 0, "X${1:1} ${2:nodes} ${3:subckt}"),
    ElementKind("A", "XSPICE code model", 0, "A${1:1} ${2:in} ${3:out} ${4:amod}"),
    ElementKind("N", "OSDI (Verilog-A) device", 0, "N${1:1} ${2:nodes} ${3:model}"),
    ElementKind("P", "coupled multiconductor line", 0, "P${1:1} ${2:nodes} ${3:cplmod}"),
)}

# Letters whose model field must name a .model (ngspice refuses the line otherwise).
MODEL_LETTERS = frozenset("DQJZMSWOUYNA")
# Keywords that may stand where a positional field is expected.
FLAGS = frozenset({"off", "on", "dc", "ac", "params:", "noisy", "thermal"})
# PSpice digital primitives (ngspice translates them to XSPICE): `U1 NAND(2) DPWR DGND ...`.
DIGITAL_PRIMITIVES = frozenset({
    "buf", "inv", "and", "nand", "or", "nor", "xor", "nxor", "bufa", "inva", "anda", "nanda",
    "ora", "nora", "xora", "nxora", "buf3", "inv3", "and3", "nand3", "or3", "nor3", "xor3",
    "nxor3", "buf3a", "inv3a", "and3a", "nand3a", "or3a", "nor3a", "xor3a", "nxor3a", "ao",
    "oa", "aoi", "oai", "dff", "jkff", "srff", "dltch", "pullup", "pulldown", "stim",
    "logicexp", "pindly", "constraint"})
_CONTROLLED_KEYWORDS = frozenset({"poly", "value", "vol", "cur", "table", "laplace", "freq",
                                  "vcvs", "vccs", "cccs", "ccvs", "nand", "nor", "and", "or"})


@dataclass
class Layout:
    """An element line read field by field."""

    nodes: list[Field] = field(default_factory=list)
    value: Field | None = None  # R C L value, K coupling, controlled-source gain
    model: Field | None = None  # .model name, or the subcircuit name of an X line
    params: list[Field] = field(default_factory=list)  # name=value fields
    controls: list[Field] = field(default_factory=list)  # K inductors, F H W sensing sources
    extra: list[Field] = field(default_factory=list)  # source specs and other fields
    missing_nodes: int = 0  # how many nodes the line lacks


def is_number(f: Field) -> bool:
    return f.kind == "word" and parse_number(f.text) is not None


def looks_numeric(f: Field) -> bool:
    """A word meant as a number (it may still fail to parse: checks report that)."""
    return f.kind == "word" and (f.text[:1].isdigit() or f.text[:1] in ".+-")


def is_digital(element: Element) -> bool:
    """A `U` line that is a PSpice digital primitive, not a uniform RC line (U n1 n2 n3 model)."""
    fields = element.fields
    first = fields[0] if fields else None
    return first is not None and first.kind == "word" and (
        first.key in DIGITAL_PRIMITIVES or (len(fields) > 1 and fields[1].kind == "group"))


def _split(fields: list[Field]) -> tuple[list[Field], list[Field]]:
    positional = [f for f in fields if f.kind != "assign"]
    return positional, [f for f in fields if f.kind == "assign"]


def _first_model(candidates: list[Field], start: int, models: Set[str]) -> int:
    """Index of the model among positional fields from `start` on, for variable node counts."""
    for i in range(start, len(candidates)):
        if candidates[i].kind == "word" and candidates[i].key in models:
            return i
    return start


def layout(element: Element, models: Set[str] = frozenset()) -> Layout:
    """Which fields are nodes, value, model, params; `models` holds lower-cased model names."""
    letter = element.letter
    positional, params = _split(element.fields)
    out = Layout(params=params)
    words = positional

    def take_nodes(count: int) -> list[Field]:
        out.nodes = words[:count]
        out.missing_nodes = max(0, count - len(out.nodes))
        return words[count:]

    if letter in "RCL":
        rest = take_nodes(2)
        for f in rest:
            if out.value is None and (f.kind == "expr" or looks_numeric(f)):
                out.value = f
            elif out.model is None and f.kind == "word" and f.key not in FLAGS and not looks_numeric(f):
                out.model = f
            else:
                out.extra.append(f)
    elif letter in "VI":
        out.extra = take_nodes(2)
    elif letter == "B":
        out.extra = take_nodes(2)
    elif letter in "EG":
        rest = take_nodes(2)
        if len(rest) >= 3 and rest[0].kind == "word" and rest[0].key not in _CONTROLLED_KEYWORDS:
            out.nodes += rest[:2]
            out.value, out.extra = rest[2], rest[3:]
        else:
            out.extra = rest
    elif letter in "FH":
        rest = take_nodes(2)
        if len(rest) >= 2 and rest[0].key not in _CONTROLLED_KEYWORDS:
            out.controls, out.value, out.extra = [rest[0]], rest[1], rest[2:]
        else:
            out.extra = rest
    elif letter == "W":
        rest = take_nodes(2)
        out.controls = rest[:1]
        out.model = rest[1] if len(rest) > 1 else None
        out.extra = rest[2:]
    elif letter == "K":
        out.controls = words[:2]
        out.missing_nodes = max(0, 2 - len(out.controls))
        out.value = words[2] if len(words) > 2 else None
        out.extra = words[3:]
    elif letter == "D":
        # anode cathode [thermal node] model
        at = 2
        if len(words) > 3 and words[2].key not in models and (
                words[3].key in models or (words[3].kind == "word" and not is_number(words[3])
                                           and words[3].key not in FLAGS)):
            at = 3
        rest = take_nodes(at)
        out.model, out.extra = (rest[0], rest[1:]) if rest else (None, [])
    elif letter == "U" and is_digital(element):
        # PSpice digital primitive: TYPE[(sizes)] then a variable number of nodes, the
        # timing and I/O models (the I/O models are built into ngspice), parameters, and
        # for LOGICEXP/PINDLY a `LOGIC:`-style section. Only the nodes matter here.
        fields = element.fields
        rest = fields[2:] if len(fields) > 1 and fields[1].kind == "group" else fields[1:]
        stop = next((i for i, f in enumerate(rest)
                     if f.kind == "assign" or (f.kind == "word" and f.text.endswith(":"))),
                    len(rest))
        kind = fields[0].key
        tail = 1 if kind in ("stim", "pindly", "constraint", "pullup", "pulldown") else 2
        out.nodes = [f for f in rest[:stop][:-tail] if f.kind == "word" and f.key not in models]
        out.extra = [f for f in rest[stop:] if f.kind != "assign"]
    elif letter in "JZUSOY":
        rest = take_nodes(KINDS[letter].nodes)
        out.model = rest[0] if rest else None
        out.extra = rest[1:]
    elif letter == "Q":
        # c b e [substrate] [thermal] model: the model is the first known model name.
        at = _first_model(words, 3, models) if len(words) > 3 else 3
        if at == 3 and len(words) > 4 and words[4].kind == "word" and not is_number(words[4]) \
                and words[4].key not in FLAGS and words[3].key not in models:
            at = 4
        rest = take_nodes(at)
        out.model, out.extra = (rest[0], rest[1:]) if rest else (None, [])
    elif letter == "M":
        # d g s b, up to seven nodes for SOI models, d g s [tj tcase] for VDMOS: the model
        # is the first known name.
        at = _first_model(words, 3, models) if len(words) > 3 else 4
        if at == 3 and words[3].key not in models:
            at = _first_model(words, 4, models) if len(words) > 4 else 4
        rest = take_nodes(at)
        out.model, out.extra = (rest[0], rest[1:]) if rest else (None, [])
    elif letter == "T":
        out.extra = take_nodes(4)
    elif letter in "XNP":
        # nodes, then the subcircuit or model name, then an optional `params:` keyword.
        stop = next((i for i, f in enumerate(words) if f.key == "params:"), len(words))
        if stop > 0:
            out.nodes, out.model, out.extra = words[:stop - 1], words[stop - 1], words[stop:]
    elif letter == "A":
        if words:
            out.nodes, out.model = words[:-1], words[-1]
    return out


def connected_nodes(element: Element, lay: Layout) -> list[Field]:
    """The node fields an element connects to, XSPICE vectors and port modifiers unpacked."""
    if element.letter != "A":
        return [n for n in lay.nodes if n.kind == "word"]
    found: list[Field] = []

    def walk(fields: Sequence[Field]) -> None:
        for f in fields:
            if f.kind in ("group", "vector"):
                walk(f.items)
            elif f.kind == "word" and not f.text.startswith("%") and f.key != "null":
                found.append(f)
    walk(lay.nodes)
    return found
