"""A node the request names by what it is ("dbl_mid is the pump node", "the pump node, which is called pmp") takes
that word as its role, and a family declaring a node for it (the Villard doubler's pump node) is named so."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports

DOUBLER = ("Villard voltage doubler from a 10 V peak, 1 kHz sine on node dbl_ac (source VDA). Nodes: dbl_mid is the "
           "pump node right after the first 10 µF capacitor, and the output dbl_out sits across a second 10 µF "
           "reservoir with a 100k load. Simulate 40 ms.")


@pytest.mark.parametrize(("text", "roles"), [
    (DOUBLER, {"pump": ("dbl_mid",)}),
    ("a 22 uF capacitor from g_in to the pump node, which is called pmp", {"pump": ("pmp",)}),
    ("the tail node called lt is shared by both emitters", {"tail": ("lt",)}),
    ("x is the output node", {}),  # a port word: the role readers' own
])
def test_a_node_named_by_what_it_is(text: str, roles: dict) -> None:
    found = read_ports(text).roles
    assert {k: v for k, v in found.items() if k not in ("input", "output")} == roles


def test_the_doublers_pump_node_takes_the_name() -> None:
    answer = generate(DOUBLER)
    assert answer.intent.kind == "voltage_doubler"
    rows = [line.split() for line in answer.netlist.splitlines() if line[:1] in "CD"]
    coupling = next(r for r in rows if r[0][0] == "C" and "dbl_ac" in r[1:3])
    assert "dbl_mid" in coupling[1:3]  # C1 from the source to the pump node
    assert sum("dbl_mid" in r[1:3] for r in rows if r[0][0] == "D") == 2  # both diodes meet there
