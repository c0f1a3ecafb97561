"""Ports a request names on a family's circuit (lane P, s14): an equation written with the output's probe,
"v(x) = ...", names x the output; each class of phrasing is tried on circuits and names of our own, and the built
netlist carries the names (computed checks, never a pinned answer)."""
from __future__ import annotations

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports
from spice_lsp.ngspice import runner


def nodes_of(netlist: str) -> set[str]:
    """Every node an element line of the netlist (outside subcircuits) touches."""
    found: set[str] = set()
    inside = False
    for line in netlist.splitlines():
        word = line.split()[0].lower() if line.split() else ""
        inside = (inside or word == ".subckt") and word != ".ends"
        if inside or not line[:1].isalpha():
            continue
        fields = line.split()
        count = {"x": len(fields) - 2, "q": 3, "m": 4, "e": 4, "g": 4, "s": 4}.get(word[0], 2)
        found.update(f.lower() for f in fields[1:1 + count])
    return found


def op_voltage(netlist: str, node: str) -> float:
    result = runner.run(netlist, control=f"op\nlet result = v({node})\nprint result", timeout=30)
    return result.values["result"]


# --- an equation whose left side is the output's probe: "v(x) = 25 (v(a) - v(b))" ---------------------------
@pytest.mark.parametrize("said, out, ins", [
    ("Difference amplifier with v(dv_o) = 4·(v(dv_p) − v(dv_m)); dv_p at 1.2 V, dv_m at 1.0 V.",
     "dv_o", ("dv_p", "dv_m")),
    ("Instrumentation amp, V(ia_y) = 10*(v(ia_a) - v(ia_b)), inputs held at 2.02 V and 2.00 V.",
     "ia_y", ("ia_a", "ia_b")),
    ("Build an inverting amplifier: v(inv_o) = -3 v(inv_i), with inv_i at 0.5 V DC.", "inv_o", ("inv_i",)),
])
def test_an_equation_on_the_outputs_probe_names_the_output(said, out, ins):
    ports = read_ports(said)
    assert ports.roles.get("output") == (out,)
    assert ports.roles.get("input", ())[:len(ins)] == ins


def test_the_output_an_equation_names_is_the_built_circuits_output():
    said = ("Three-op-amp instrumentation amplifier with a gain of 10: v(in_amp_y) = 10·(v(pa) − v(pb)), output "
            "referenced to ground. Test inputs: pa at 1.53 V, pb at 1.50 V.")
    netlist = generate(said).netlist
    assert {"pa", "pb", "in_amp_y"} <= nodes_of(netlist)
    assert op_voltage(netlist, "in_amp_y") == pytest.approx(0.3, rel=0.03)


# --- "drive s1 with 0.4 V, s2 with -0.3 V and s3 with 1.2 V": a level per node of the verb's list -------------
@pytest.mark.parametrize("said, levels", [
    ("Summer: feed ka with 1 V, kb with 0.25 V and kc with \u22120.5 V.", {"ka": 1.0, "kb": 0.25, "kc": -0.5}),
    ("Differential stage; drive node pp with 2.5 V DC and node mm with 2.4 V DC.", {"pp": 2.5, "mm": 2.4}),
    ("Comparator: hold ref_x at 1.8 V, and sweep vin.", {"ref_x": 1.8}),
])
def test_a_drive_verb_lists_a_level_for_each_node(said, levels):
    assert {level.node: level.value for level in read_ports(said).levels} == pytest.approx(levels)


@pytest.mark.parametrize("said", [
    "Inverting amp, gain 5: drive vin with 1 V peak at 1 kHz.",
    "RC low-pass: feed node lp_i with a 2 V step and watch lp_o.",
    "Drive a1 with 1 V until 2 ms, then 0 V.",
])
def test_a_wave_or_a_changing_level_is_no_drive_level(said):
    assert read_ports(said).levels == []


@pytest.mark.parametrize("said, weights, levels", [
    ("Inverting summer giving q_out = \u2212(v(qa) + 2\u00b7v(qb) + 0.5\u00b7v(qc)); drive qa with 0.2 V, qb with "
     "0.1 V and qc with \u22120.4 V (DC).", (1, 2, 0.5), (0.2, 0.1, -0.4)),
    ("Op-amp adder: mix = -(3 x u1 + u2 + u3), feed u1 with 0.1 V, u2 with 0.3 V and u3 with -0.2 V.",
     (3, 1, 1), (0.1, 0.3, -0.2)),
])
def test_every_input_a_summer_drives_is_built_with_its_weight(said, weights, levels):
    netlist = generate(said).netlist
    out = read_ports(said).roles["output"][0]
    ins = read_ports(said).roles["input"]
    assert set(ins) | {out} <= nodes_of(netlist)
    want = -sum(w * v for w, v in zip(weights, levels))
    assert op_voltage(netlist, out) == pytest.approx(want, abs=0.02 * max(abs(want), 0.2))
