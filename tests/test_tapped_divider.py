"""A string of equal resistors with its taps named: the names listed (in either order) land on the taps whose
levels the order says, and the string has one resistor more than the taps named."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports
from spice_lsp.language.units import parse_number


@pytest.mark.parametrize(("text", "top_first"), [
    ("taps named t9 (highest), t6 and t3 (lowest)", ("t9", "t6", "t3")),
    ("taps t1 (lowest), t2 and t3", ("t3", "t2", "t1")),
    ("taps t3, t2, t1 from the top", ("t3", "t2", "t1")),
    ("taps x1, x2 and x3, lowest first", ("x3", "x2", "x1")),
    ("its taps: ka and kb, listed from the bottom", ("kb", "ka")),
])
def test_taps_are_read_highest_first(text: str, top_first: tuple[str, ...]) -> None:
    assert read_ports(text).roles["tap"] == top_first


def _levels(netlist: str, top: str, volts: float) -> dict[str, float]:
    """Each node's DC level along the netlist's one resistor string from `top` to ground (by its resistances)."""
    parts = [line.split() for line in netlist.splitlines() if line[:1] == "R"]
    chain, node = [], top
    while node != "0":
        name, a, b, value = next(p for p in parts if node in p[1:3] and p[0] not in {c[0] for c in chain})
        chain.append((name, b if a == node else a, parse_number(value)))
        node = chain[-1][1]
    total, below = sum(r for *_, r in chain), 0.0
    levels = {}
    for _, n, r in reversed(chain):
        levels[n] = volts * below / total
        below += r
    return levels


@pytest.mark.parametrize(("request_text", "top", "volts", "taps"), [
    ("Can you make a string of four equal 2.2k resistors from 12 V down to ground? The top node is top12 "
     "(source VTOP), and the taps between them are named t9 (highest), t6 and t3 (lowest).", "top12", 12,
     ("t9", "t6", "t3")),
    ("Multi-tap divider from 9 V on node nine (VNINE): three equal 3.3k resistors, taps hi and lo from the top.",
     "nine", 9, ("hi", "lo")),
    ("A resistor string of six equal 1k resistors fed by a 6 V source VS6 on node top; its taps are named ka, kb, "
     "kc, kd and ke, listed from the bottom. Op point.", "top", 6, ("ke", "kd", "kc", "kb", "ka")),
])
def test_named_taps_sit_at_their_share_of_the_string(request_text: str, top: str, volts: float,
                                                      taps: tuple[str, ...]) -> None:
    answer = generate(request_text)
    assert answer.intent.kind == "tapped_divider"
    levels = _levels(answer.netlist, top, volts)
    n = len(taps) + 1
    assert len([line for line in answer.netlist.splitlines() if line[:1] == "R"]) == n
    for k, tap in enumerate(taps, 1):
        assert levels[tap] == pytest.approx(volts * (n - k) / n)


def test_a_resistor_string_with_a_code_is_still_the_dac() -> None:
    answer = generate("2-bit resistor-string DAC: four equal resistors from a 4 V reference at ref down to ground, "
                      "taps t1 (lowest), t2 and t3; code 10 connects tap t2 to out, which drives a 1 MΩ load.")
    assert answer.intent.kind == "resistor_string_dac"
