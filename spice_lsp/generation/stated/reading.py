"""The one reader the stated checks share: the request's clauses and sentences, and the answer's sources, .params,
waveforms, nodes and transient (each check reads the request its own way, but the clause bounds and the netlist's
numbers are read once, here). No CheckItem here, so that the checklist can read .params through it too."""
from __future__ import annotations

import ast
import operator
import re
from collections.abc import Iterable

from spice_lsp.language import model as m
from spice_lsp.language.elements import layout
from spice_lsp.language.units import parse_number

NUMBER = r"[-+]?\d+(?:\.\d+)?"
GROUND = {"0", "gnd", "ground", "earth"}
# Where a clause or a sentence ends (not the point of "4.7 mH").
CLAUSE_END = re.compile(r"[.;:,](?=\s|$)")
SENTENCE_END = re.compile(r"[.;:](?=\s|$)")
PREFIX = {"": 1.0, "m": 1e-3, "µ": 1e-6, "u": 1e-6}
# Verbs that say the circuit itself makes a wave ("outputs a square", "generates a sine"): a clause with one states no
# stimulus for a source to make.
MAKES = r"outputs?|produc\w*|generat\w*|makes?|making|oscillat\w*|gives?|turns?|converts?"


def clauses(description: str, ends: str = ".;,") -> list[str]:
    """The request cut where one of `ends` closes a clause (a point followed by a space or the end)."""
    return re.split(rf"[{ends}](?=\s|$)", description)


def start_of(description: str, at: int, ends: re.Pattern = CLAUSE_END) -> int:
    """Where the clause (or sentence) holding position `at` starts."""
    return max((b.end() for b in ends.finditer(description, 0, at)), default=0)


def node(name: str) -> str:
    name = name.lower()
    return "0" if name in GROUND else name


def nodes(elements: Iterable[m.Statement]) -> set[str]:
    """The nodes the elements among `elements` touch, lower case."""
    return {f.text.lower() for e in elements if isinstance(e, m.Element) for f in layout(e).nodes}


def sources(netlist: m.Netlist, letter: str = "VI") -> list[m.Element]:
    return [st for st in netlist.body if isinstance(st, m.Element) and st.name[0].upper() in letter]


def source_level(element: m.Element, word: str, params: dict[str, float] | None = None) -> float | None:
    """A source's DC (also a bare first value) or AC magnitude (`word` "dc" or "ac"), braces read through .params."""
    texts = [f.text.lower() for f in layout(element).extra or []]
    if word in texts and texts.index(word) + 1 < len(texts):
        return value(texts[texts.index(word) + 1], params or {})
    if word == "dc" and texts and (first := value(texts[0], params or {})) is not None:
        return first
    return 0.0 if word == "dc" and "ac" in texts[:1] else None


def params(netlist: m.Netlist) -> dict[str, float]:
    """The answer's numeric .params by lower-case name."""
    return {p.name.lower(): v for p in netlist.statements if isinstance(p, m.ParamDef)
            if (v := parse_number(p.value)) is not None}


def value(text: str, params: dict[str, float]) -> float | None:
    """A number, or a braced expression of numbers and .params with + - * / ("{duty/freq}"); None if unreadable."""
    if not text.startswith("{"):
        return parse_number(text)
    numbers: dict[str, float] = {}

    def name(match: re.Match) -> str:
        value = params.get(match[0].lower()) if match[0][0].isalpha() else parse_number(match[0])
        if value is None:
            raise ValueError(match[0])
        numbers[f"_{len(numbers)}"] = value
        return f"_{len(numbers) - 1}"
    try:
        tree = ast.parse(re.sub(r"[A-Za-z_]\w*|\d[\w.]*|\.\d[\w.]*", name, text.strip("{}")), mode="eval")
        return _arithmetic(tree.body, numbers)
    except (ValueError, SyntaxError, ZeroDivisionError):
        return None


def _arithmetic(node: ast.AST, numbers: dict[str, float]) -> float:
    if isinstance(node, ast.Name):
        return numbers[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _arithmetic(node.operand, numbers)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATIONS:
        return _OPERATIONS[type(node.op)](_arithmetic(node.left, numbers), _arithmetic(node.right, numbers))
    raise ValueError("not plain arithmetic")


_OPERATIONS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def wave(source: m.Element, params: dict[str, float]) -> tuple[str, list[float | None]] | None:
    """A source's waveform function and its arguments (expressions read through the .params), if it has one."""
    for f in layout(source).extra or []:
        if f.kind == "func":
            return f.name.lower(), [value(a.text, params) for a in f.items]
    return None


def transients(netlist: m.Netlist) -> list[tuple[float | None, float | None]]:
    """Each .tran's step and stop time, as numbers where they are written as numbers."""
    return [(parse_number(a.args[0].text), parse_number(a.args[1].text)) for a in netlist.statements
            if isinstance(a, m.Analysis) and a.kind == "tran" and len(a.args) >= 2]


def tran_stop(netlist: m.Netlist) -> float | None:
    return next((stop for _, stop in transients(netlist)), None)


def close(a: float | None, b: float, rel: float = 1e-3) -> bool:
    return a is not None and abs(a - b) <= rel * max(abs(b), 1e-12)
