"""A figure the request states that the answer leaves unused, read as the spec its unit names in the family built.

"RL low-pass ... Corner (-3 dB) at 45 kHz please": the reader saw 45 kHz but gave it no spec, so the family kept its
default corner and the answer said the figure was not in the netlist. A figure left over after the build whose unit
is that of exactly one spec quantity the family designs (a frequency in a first-order filter is its corner, in an
oscillator its frequency; a voltage in a divider or a regulator its output) is that spec: designed, then measured
like any spec the reader found. When in doubt (two leftover figures of a unit, two quantities of it, a spec of that
unit already stated, a voltage said at a node that is not the output) the figure stays reported as unused.
"""
from __future__ import annotations

import re

from spice_lsp.generation.coverage import typed_numbers
from spice_lsp.generation.design import SPEC_UNITS
from spice_lsp.generation.intent import Value
from spice_lsp.generation.request import Spec
from spice_lsp.language.parser import parse

# Quantities a figure alone can be: specs only measured (a node's bound, a string's total) or dimensionless (a
# gain, a Q: a bare number is too often a count) are left to the reader.
_FIGURE_UNITS = ("Hz", "V", "A")
_MEASURED_ONLY = ("level", "rtotal", "ripple", "clip", "edge", "f0")
_RESPONSES = {"cutoff", "center", "notch"}
# A frequency said to be the signal's ("a 1 kHz sine", "driven at 2 kHz", "test tone") or what the filter works
# against ("50 Hz hum", "an ADC sampling at 48 kHz", "a 10 kHz PWM"), never its response's.
_SIGNAL = re.compile(r"\b(?:sine|sinus\w*|signals?|tones?|wave\w*|square|triangle|clock|carrier|driv\w+|excit\w+|"
                     r"tests?|stimul\w+|sweep\w*|inputs?\s+(?:at|of)|fed|feeding|appl\w+|hum|noise|ripple|interfer\w*|"
                     r"whine|sampl\w+|rate|pwm|switch\w*|adc|dac)\b", re.IGNORECASE)
# A sentence ends at a full stop, semicolon or colon that no digit follows (not a decimal point).
_SENTENCE = re.compile(r"[^.;:!?\n]*(?:[.:](?=\d)[^.;:!?\n]*)*")
_AT_NODE = re.compile(r"\b(?:on|at|to|into)\s+(?:the\s+)?(?:node|net|output|pin)\s+([A-Za-z_]\w*)"
                      r"|\b(?:node|net)\s+([A-Za-z_]\w*)", re.IGNORECASE)


def _clause(description: str, text: str) -> tuple[str, int] | None:
    """The sentence that holds the figure as written, and where the figure starts in it."""
    for sentence in _SENTENCE.finditer(description):
        at = re.search(rf"(?<![\w.]){re.escape(text)}(?![\w])", sentence[0])
        if at:
            return sentence[0].strip(), at.start() - (len(sentence[0]) - len(sentence[0].lstrip()))
    return None


def _node_after(clause: str, start: int) -> str | None:
    """The node the words right after a figure put it on ("7.5 V on node tap", "9 V out on node ldo")."""
    found = _AT_NODE.search(clause, start)
    between = clause[start:found.start()] if found else ""
    # the words between belong to this figure: no other figure comes before the node ("6.8 V diode, 18 V raw on node
    # unreg" puts 18 V there)
    return (found[1] or found[2]) if found and len(between) < 24 and not re.search(r"\s\d", between) else None


def leftover(values: list[Value], netlist: str, family_specs: tuple[str, ...]) -> list[Value]:
    """The values with a spec's unit that the answer does not write where such a value goes. A filter that wrote a
    frequency only as its test sine's ("Sallen-Key low-pass, corner sitting at 4 kHz" built with a 4 kHz sine in)
    left it unused: a frequency in a filter is its response's unless the request says it is the signal's."""
    if set(family_specs) & _RESPONSES:
        netlist = re.sub(r"\bSIN\s*\([^)]*\)", "", netlist, flags=re.IGNORECASE)
    numbers = typed_numbers(parse(netlist).netlist)
    return [v for v in values if v.unit in _FIGURE_UNITS and v.value > 0
            and not any(abs(n - v.value) <= 1e-3 * v.value for n in [*numbers.get(v.unit, []), *numbers["any"]])]


def at_output(description: str, used: list[Value], output: str) -> list[Value]:
    """The currents the family built from as a part of its own (a mirror's reference) that the request says of its
    output ("the output should pull 50 uA from node iout"): the output's current, not the part's."""
    return [v for v in used if v.unit == "A" and (clause := _clause(description, v.text))
            and (_node_after(*clause) or "").lower() == output.lower()]


def figure_specs(description: str, family_specs: tuple[str, ...], unused: list[Value], specs: list[Spec],
                 output: str) -> list[Spec]:
    """The specs the unused figures are, one per unit where the family designs exactly one quantity of it."""
    found = []
    for unit in _FIGURE_UNITS:
        figures = [v for v in unused if v.unit == unit]
        quantities = [q for q in family_specs if SPEC_UNITS.get(q) == unit and q not in _MEASURED_ONLY]
        if len({v.value for v in figures}) != 1 or len(quantities) != 1 \
                or any(SPEC_UNITS.get(s.quantity) == unit for s in specs):
            continue
        figure, quantity = figures[0], quantities[0]
        clause = _clause(description, figure.text)
        if clause is None:
            continue
        if quantity in _RESPONSES and _SIGNAL.search(clause[0]):
            continue  # a filter's test signal (an oscillator's own frequency is its sine's)
        node = _node_after(*clause)
        if quantity == "vout" and node is not None and node.lower() != output.lower():
            continue  # a level at another node is no output spec
        found.append(Spec(clause[0], quantity, figure.value, node=node if quantity == "vout" else None))
    return found
