"""Circuits listed element by element, with current sources, controlled sources, parameters and the
analyses they ask for: transcribed as written (no family needed), checked by the request's checklist,
and measured here in ngspice against what the stated values give."""
import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import _unlisted, _with_noise_input, generate, refusal, undriven_parts
from spice_lsp.generation.request import read_request
from spice_lsp.language.checks import check
from spice_lsp.ngspice import runner as simulate


def _op(netlist: str, node: str) -> float | None:
    """v(node) at the operating point of the answer."""
    value, _ = simulate.measure(netlist, "op", f"v({node})", timeout=20)
    return value


def _parallel(*ohms: float) -> float:
    return 1 / sum(1 / r for r in ohms)


@pytest.mark.parametrize("description, line, node, expected", [
    # a current source's direction words set its node order: I n+ n- pushes its current into n-
    ("A 5 mA current source I2 pushes current from ground into node p; R5 = 1k from p to ground and R6 = 4k from p "
     "to ground. Operating point.", "I2 0 p DC 0.005", "p", 5e-3 * _parallel(1e3, 4e3)),
    ("I7 = 250 uA feeding node q, RQ = 8k from q to ground; operating point.", "I7 0 q DC 0.00025", "q", 250e-6 * 8e3),
    # a VCCS placed from its output to ground draws its current out of that node
    ("G3 is a voltage-controlled current source from y to ground controlled by v(a), transconductance 4 mS; RY = 2k "
     "from y to ground; VA = 0.25 V DC at a. Operating point.", "G3 y 0 a 0 4m", "y", -4e-3 * 0.25 * 2e3),
    # ... and pushes it in when the request says so
    ("G4 is a voltage-controlled current source with a transconductance of 3 mS, controlled by the voltage at node k, "
     "pushing its current into node w. RW = 1k from w to ground, VK is 0.5 V DC at k. Operating point.",
     "G4 0 w k 0 3m", "w", 3e-3 * 0.5 * 1e3),
    ("E5 multiplies the voltage at m by 4 and puts it on node n. RN = 2k from n to 0. VM1 is 0.3 V at node m. "
     "Do an operating point.", "E5 n 0 m 0 4", "n", 4 * 0.3),
    # current-controlled sources and the 0 V source that senses their current
    ("H2, a current-controlled voltage source from z to ground with transresistance 5k, senses the current through "
     "VM; a 1 mA current source I4 pushes current from ground into node w, and VM (0 V) runs from w to ground. "
     "RZ = 20k from z to ground. Operating point.", "H2 z 0 VM 5k", "z", 5e3 * 1e-3),
    ("A 20 uA current source I3 feeds node s; VS2 is a 0 V source from s to ground that measures that current. F2 "
     "makes 20 times the current in VS2 flow into node q, and RQ = 2k goes from q to ground. Operating point.",
     "F2 0 q VS2 20", "q", 20 * 20e-6 * 2e3),
    ("Current-controlled current source F3 from o to ground with gain 10, sensing the current in VS3; V2 = 2 V at a, "
     "R7 = 200k from a to b, VS3 a 0 V source from b to ground; RO = 2k from vdd to o with VDD = 9 V. Operating "
     "point.", "F3 o 0 VS3 10", "o", 9 - 10 * (2 / 200e3) * 2e3),
    # a source that sinks or pulls its current out of a node runs from that node to ground
    ("I6 sinks 3 mA from node d; R2 = 1k from vcc to d; VCC = 12 V. Operating point.", "I6 d 0 DC 0.003", "d",
     12 - 3e-3 * 1e3),
    ("A 500 uA current source pulls current out of node e; RE = 4k from vdd to e, VDD = 5 V. Operating point.",
     "I1 e 0 DC 0.0005", "e", 5 - 500e-6 * 4e3),
    ("G5 sinks 2 mA per volt of v(c) from node o; RO = 1k from vcc to o; VCC = 8 V; VC = 1.5 V at c. Operating point.",
     "G5 o 0 c 0 2m", "o", 8 - 2e-3 * 1.5 * 1e3),
    # "between b and ground" gives no order; the direction words do
    ("A 2 mA DC current source I8 between nodes b and ground, pushing into b; R4 = 1.5k from b to ground; op",
     "I8 0 b DC 0.002", "b", 2e-3 * 1.5e3),
    ("H3 gives 200 ohms times the current through VM2 at node t; VM2 is a 0 V source from a to ground; V3 = 2 V at "
     "in, R5 = 100 from in to a; R6 = 1k from t to ground; operating point", "H3 t 0 VM2 200", "t", 200 * 2 / 100),
    # the output said after the control, in its own clause
    ("Current-controlled voltage source H6: transresistance 250 ohms, controlled by the current in VQ; output from u "
     "to ground. VQ is a 0 V source from s to ground, I9 = 4 mA into s, RU = 5k from u to ground. op",
     "H6 u 0 VQ 250", "u", 250 * 4e-3),
    ("A VCCS G6 of 5 mS from w to ground, controlled by the voltage between nodes p and n; VP = 0.9 V at p, VN = 0.7 V "
     "at n, RW = 2k from w to ground. Operating point.", "G6 w 0 p n 5m", "w", -5e-3 * 0.2 * 2e3),
    ("I4 = 2 mA into node a and I5 = 0.5 mA drawn out of node a; R3 = 4k from a to ground. Operating point.",
     "I5 a 0 DC 0.0005", "a", (2e-3 - 0.5e-3) * 4e3),
])
def test_listed_circuits_with_current_and_controlled_sources_are_transcribed(description, line, node, expected):
    result = generate(description)
    assert line in result.netlist.split("\n"), result.netlist
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    assert _op(result.netlist, node) == pytest.approx(expected, rel=1e-3)


def test_a_parameter_is_defined_and_used_by_the_part_that_takes_it():
    result = generate("Define a parameter CVAL = 47n and use it for C2 from x to ground; R3 = 3.3k from in to x; "
                      "AC 1 V at in, AC sweep 10 Hz to 100 kHz.")
    lines = result.netlist.split("\n")
    assert ".param CVAL=47n" in lines and "C2 x 0 {CVAL}" in lines, result.netlist
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    both = generate("Define a parameter RHI = 6.8k and a parameter RLO = 3.3k; use RHI for R1 from in to m and RLO for "
                    "R2 from m to ground; VIN = 9 V at in. Operating point.")
    assert {"R1 in m {RHI}", "R2 m 0 {RLO}"} <= set(both.netlist.split("\n")) and both.verified, both.netlist
    braced = read_request("R4 = {RB} from a to b; .param RB=6.8k").elements[0]
    assert (braced.value, braced.value_text) == (6.8e3, "{RB}")


def test_a_noise_analysis_input_gets_an_ac_magnitude_and_the_named_source():
    netlist, notes = _with_noise_input("t\nVS a 0 DC 2\nR1 a b 1k\n.noise v(b) VS dec 10 1 1meg\n.end\n")
    assert "VS a 0 DC 2 AC 1" in netlist.split("\n") and notes
    assert _with_noise_input("t\nVS a 0 DC 2 AC 0.5\n.noise v(b) VS dec 10 1 1meg\n.end\n")[1] == []
    intent = parse_intent("Noise at v(o) with VX as the input, 5 points per decade, 100 Hz to 10 kHz")
    assert ".noise v(o) VX dec 5 100 10k" in [a.directive for a in intent.analyses]
    result = generate("VX at a (AC 1), R8 = 47k from a to o, R9 = 47k from o to ground. Noise analysis at v(o) with "
                      "VX as the input, 5 points per decade, 100 Hz to 10 kHz.")
    assert ".noise v(o) VX dec 5 100 10k" in result.netlist.split("\n") and result.verified, result.netlist


def test_a_nested_dc_sweep_steps_the_second_source():
    directives = [a.directive for a in parse_intent(
        "DC sweep VCE 0 to 8 V step 0.2 V, nested over VBE 0.6 V to 0.7 V in 0.05 V steps.").analyses]
    assert directives == [".dc VCE 0 8 200m VBE 600m 700m 50m"]
    directives = [a.directive for a in parse_intent("sweep VD 0 to 3 V and step VG from 1 V to 2 V in 0.25 V "
                                                    "steps").analyses]
    assert directives == [".dc VD 0 3 30m VG 1 2 250m"]
    result = generate("DC sweep V5 from 0 to 6 V in 1 V steps and for each step V6 from 0 to 1 V in 0.5 V steps; V5 at "
                      "a, V6 at b, R1 = 2k from a to b.")
    assert ".dc V5 0 6 1 V6 0 1 500m" in result.netlist.split("\n") and result.verified, result.netlist


def test_a_stated_source_is_a_part_of_a_family_circuit_but_alone_no_circuit():
    # "driven by a 2 mA AC current source into node r" is the family's stimulus, not a circuit to build
    assert refusal("Parallel RLC tank resonating at 20 kHz, driven by an AC 2 mA current source into node r.") is None
    # a request for a current source as the circuit, or a lone source, is still no recipe
    assert "no recipe" in str(refusal("Design a 3 mA current source for a 2k load from a 9 V supply."))
    assert "no recipe" in str(refusal("a 4 mA current source into node z"))


def test_ordered_ends_outrank_looser_words():
    # "from x to y" places a current source as SPICE writes it, whatever verb carries it
    (drawn,) = [s for s in read_request("I2 draws 2 mA from x to y; R1 = 1k from y to ground").sources if s.kind == "I"]
    assert (drawn.minus, drawn.node) == ("x", "y")
    # a CCVS's stated ends outrank a node its sensing source is "at"
    (h,) = [e for e in read_request("H7 measures the current through VS7 at node b, transresistance 1k, from o to "
                                    "ground").elements if e.kind == "H"]
    assert h.nodes == ("o", "0")


def test_what_a_vcvs_senses_is_not_its_output():
    (e,) = [e for e in read_request("E4 senses the voltage from p to q and outputs it at w with gain 3; RW = 1k from w "
                                    "to ground").elements if e.kind == "E"]
    assert (e.nodes, e.value) == (("w", "0", "p", "q"), 3)


def test_a_controlled_source_figure_is_its_own_not_a_gain_spec():
    request = read_request("F5 from out to ground with gain 30, sensing the current in VS5; VS5 a 0 V source from b "
                           "to ground")
    assert request.specs == [] and request.elements[0].value == 30


def test_a_coupling_written_as_spice_writes_it():
    result = generate("Transformer: L3 = 2 mH from p to ground, L4 = 8 mH from s to ground, K2 L3 L4 0.9; a 1 V "
                      "amplitude 2 kHz sine at in, R8 = 5 from in to p; RL = 2k from s to ground; transient 3 ms.")
    assert "K2 L3 L4 0.9" in result.netlist.split("\n") and result.verified, \
        [(c.what, c.detail) for c in result.checks if c.status != "pass"]


def test_a_capacitor_charged_by_a_constant_current_ramps_from_zero():
    result = generate("C7 = 4.7 uF from r to ground, charged by a constant 470 uA; transient 20 ms.")
    lines = result.netlist.split("\n")
    assert "C7 r 0 4.7u" in lines and any(line.startswith(".tran") and line.endswith(" uic") for line in lines)
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    ramp, _ = simulate.measure(result.netlist, "tran 20u 10m uic", "find v(r) at=10m", timeout=20)
    assert ramp == pytest.approx(470e-6 * 10e-3 / 4.7e-6, rel=1e-2)


def test_parts_of_a_named_circuit_that_lack_its_transistor_are_not_the_circuit():
    # two tank parts are not a Colpitts oscillator: the family builds it, and they are no island beside it
    result = generate("Colpitts oscillator: L6 = 47 uH from k to ground, C8 = 330p from k to ground.")
    assert any(line[:1] in "QM" for line in result.netlist.split("\n")[1:]), result.netlist
    assert not result.verified


def test_parts_that_nothing_drives_beside_the_circuit_fail_their_check():
    netlist = check("t\nV1 a 0 DC 1\nR1 a 0 1k\nL2 t 0 22u\nC5 t 0 470p\n.op\n.end\n").netlist
    assert [i.what for i in undriven_parts(netlist)] == ["parts L2, C5"]
    coupled = check("t\nV1 a 0 SIN(0 1 1k)\nL1 a 0 1m\nL2 s 0 4m\nK1 L1 L2 0.9\nR2 s 0 1k\n.tran 1u 1m\n.end\n").netlist
    assert undriven_parts(coupled) == []


def test_a_waveforms_own_times_are_no_run_length():
    intent = parse_intent("R2 = 470k from a to b and C3 = 22 µF from b to ground; a is a 0→3 V step (PULSE 0 3, 2 µs "
                          "rise) and the transient runs 40 s.")
    assert [a.directive for a in intent.analyses] == [".tran 40m 40"]


def test_the_top_of_a_part_is_no_node():
    request = read_request("y is at the top of a 2.2 µF cap whose other end is grounded; the cap is fed from x "
                           "through 3.3k")
    assert all("top" not in (e.nodes or ()) for e in request.elements), request.elements


def test_a_part_named_without_its_value_leaves_the_list_to_the_family():
    # the capacitor has no value: the listed resistor and inductor are not the whole circuit, the family designs it
    result = generate("Series-LC trap notch at 20 kHz: 2.2k from in to out, then a series 4.7 mH inductor and "
                      "capacitor from out to ground.")
    lines = result.netlist.split("\n")
    assert any(line.startswith("C") for line in lines) and "R1 in out 2.2k" in lines, result.netlist
    assert result.verified, [(c.what, c.detail) for c in result.checks if c.status != "pass"]
    assert _unlisted(read_request("R1 = 1k from in to out without a capacitor; V1 = 1 V at in")) == []
