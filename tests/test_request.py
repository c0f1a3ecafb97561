"""Tests for spice_lsp.generation.request (and the quantities it reads): what a request states,
in the phrasings and notations people use, read into constraints."""
import pytest

from spice_lsp.generation.intent import _quantities, parse_intent
from spice_lsp.generation.request import read_request


@pytest.mark.parametrize("text, value, unit", [
    ("33 KOhm", 33e3, "ohm"), ("1.5 kOhm", 1.5e3, "ohm"), ("2 M OHMS", 2e6, "ohm"),  # the unit in any case
    ("4.7 NF", 4.7e-9, "F"), ("22 PF", 22e-12, "F"), ("10 UH", 10e-6, "H"),  # SPICE prefixes in capitals
    ("100 n F", 100e-9, "F"), ("1 k Ω", 1e3, "ohm"), ("4 u F", 4e-6, "F"), ("1 k Hz", 1e3, "Hz"),  # spaced
    ("1.5e1 V", 15.0, "V"),
])
def test_notations_of_a_value(text, value, unit):
    (q,) = _quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["IS=1e-18 N=2", "order 10 N"])
def test_a_capital_letter_alone_is_no_prefix(text):
    assert [q.value for q in _quantities(text)] == [pytest.approx(float(w.split("=")[-1]))
                                                    for w in text.split() if w.split("=")[-1][0].isdigit()]


@pytest.mark.parametrize("text, start, stop", [
    ("10 Hz ... 1 MHz", 10, 1e6), ("10 Hz .. 1 MHz", 10, 1e6), ("10 Hz \u2026 1 MHz", 10, 1e6),
    ("1 to 10 kHz", 1e3, 10e3),  # the start takes the stop's unit and prefix
    ("10 to 1meg", 10, 1e6),  # no unit: the start keeps its own scale
])
def test_ranges(text, start, stop):
    q = _quantities(text)[0]
    assert (q.value, q.partner.value) == (pytest.approx(start), pytest.approx(stop))


@pytest.mark.parametrize("text, directive", [
    ("4k7 from in to out and 10n to ground at out, ac 10 to 1meg", ".ac dec 20 10 1meg"),
    ("R from in to out, C to ground at out, show me the response 10 Hz to 100 kHz", ".ac dec 20 10 100k"),
    ("RC low-pass R = 1.5 kOhm, C = 100 n F, AC sweep 10 Hz ... 1 MHz", ".ac dec 20 10 1meg"),
    ("cmos inverter at 1.8v, sweep vin 0 to 1.8v step 10m", ".dc VIN 0 1.8 10m"),
    ("CMOS inverter on 3.3 V, sweep VIN from 0 to 3.3 V in 50 mV steps", ".dc VIN 0 3.3 50m"),
])
def test_analysis_ranges_as_written(text, directive):
    assert directive in [a.directive for a in parse_intent(text).analyses]


@pytest.mark.parametrize("text, parts", [
    ("4k7 from in to out and 10n to ground at out", [("R", ("in", "out"), 4.7e3), ("C", ("out", "0"), 10e-9)]),
    ("3k-ish resistor from in to out with 100nF to ground at out",
     [("R", ("in", "out"), 3e3), ("C", ("out", "0"), 100e-9)]),
    ("R = 1.5 kOhm (in to out), C = 100 n F (out to GND)", [("R", ("in", "out"), 1.5e3), ("C", ("out", "0"), 100e-9)]),
    ("33 KOhm from IN to OUT, 4.7 NF from OUT to ground. Ac analysis 100Hz to 100KHz please",
     [("R", ("in", "out"), 33e3), ("C", ("out", "0"), 4.7e-9)]),
])
def test_unnamed_parts_on_their_nodes(text, parts):
    assert [(e.kind, e.nodes, pytest.approx(e.value)) for e in read_request(text).elements] == parts


def _sources(text):
    return [(s.name, s.kind, s.node, s.dc, s.ac) for s in read_request(text).sources]


@pytest.mark.parametrize("text, expected", [
    # named, with the node and levels its own statement gives, in the usual phrasings
    ("V1 at node in with AC 1, R1 = 50 ohm from in to a", [("V1", "V", "in", None, 1.0)]),
    ("Divider: V1 = 1.5e1 V at node a, R1 = 1e3 from a to b", [("V1", "V", "a", 15.0, None)]),
    ("R7 of 68k between fb and out; out is held at 12 V by source V8; op", [("V8", "V", "out", 12.0, None)]),
    ("a divider from a 5 V source VIN at node in, drawing 1 mA", [("VIN", "V", "in", 5.0, None)]),
    ("Current source I1 of 10 µA DC with AC 1 feeding node n; C1 = 1 pF from n to ground",
     [("I1", "I", "n", 10e-6, 1.0)]),
    ("I1 = 1 mA current source pushing into node x, R1 = 2.2k from x to ground", [("I1", "I", "x", 1e-3, None)]),
    ("diode D1 (anode a, cathode ground) fed 1 mA by current source I1", [("I1", "I", "a", 1e-3, None)]),
    ("NPN driver with its base at input in (5 V DC from source V1), PNP output", [("V1", "V", "in", 5.0, None)]),
    ("NAND on 1.8 V, inputs a and b, output out; both inputs held high at 1.8 V by VA and VB",
     [("VA", "V", "a", 1.8, None), ("VB", "V", "b", 1.8, None)]),
    # named with no level: kept, so an analysis that names it finds it
    ("R1 = 10k from in to out, input source VIN at in; noise analysis referred to VIN from 10 Hz to 100 kHz",
     [("VIN", "V", "in", None, None)]),
    ("diode D1 from a to ground; sweep VIN from 0 to 5 V in 10 mV steps", [("VIN", "V", None, None, None)]),
    ("cmos inverter, sweep vin 0 to 1.8v step 10m", [("vin", "V", None, None, None)]),
    # a supply on a rail written "3V3", placed on its node
    ("LED on a 3V3 rail: supply VCC at node vcc, 100R resistor from vcc to node k", [("VCC", "V", "vcc", 3.3, None)]),
    # names of quantities and model parameters are no sources
    ("NMOS with VTO=0.7 KP=200u, VGS = 2 V", []),
    # a part given its value is no node the source drives
    ("source VIN drives R = 10 Ω, L = 1 mH and C = 1 µF in series back to ground", [("VIN", "V", None, None, None)]),
])
def test_named_sources(text, expected):
    assert _sources(text) == expected


@pytest.mark.parametrize("text, pulse", [
    ("V1: a pulse from 0 to 3.3 V with 1 µs rise and fall, 50 µs wide, 100 µs period, at node clk",
     (0, 3.3, None, 1e-6, 1e-6, 50e-6, 100e-6)),
    ("a 5 V step V1 at node in (PULSE 0 to 5 V, 1 ns rise, delay 0)", (0, 5, 0, 1e-9, None, None, None)),
    ("Clock source VCLK at node clk: 0 to 5 V square wave at 10 kHz with a 25 % duty cycle",
     (0, 5, None, None, None, 25e-6, 100e-6)),
    ("VCLK at node clk: a 0 to 3.3 V clock at 1 MHz", (0, 3.3, None, None, None, 0.5e-6, 1e-6)),
])
def test_pulses(text, pulse):
    (source,) = read_request(text).sources
    assert source.pulse == pytest.approx(pulse)


def test_a_pulse_is_written_with_every_figure_ngspice_needs():
    (source,) = read_request("VCLK at node clk: 0 to 5 V square wave at 10 kHz with a 25 % duty cycle").sources
    assert source.waveform() == "DC 0 PULSE(0 5 0 1e-09 1e-09 2.5e-05 0.0001)"


@pytest.mark.parametrize("text, name, kind, nodes, value, refs", [
    ("Voltage-controlled voltage source E1 with gain 10 from input node a (referenced to ground) to output node b",
     "E1", "E", ("b", "0", "a", "0"), 10, ()),
    ("G1: a transconductance of 2 mS controlled by node in, driving output node out", "G1", "G",
     ("0", "out", "in", "0"), 2e-3, ()),
    ("H1 outputs at node out a voltage of 500 ohms times the current through VSENSE", "H1", "H", ("out", "0"), 500,
     ("VSENSE",)),
    # a current source driving a node pushes its current into it, as G1 and I1 do (F from ground to the node)
    ("F1 drives node out with a current gain of 20 of the current through VS", "F1", "F", ("0", "out"), 20, ("VS",)),
    ("L1 = 1 mH from a to 0, L2 = 4 mH from b to 0, K1 couples L1 and L2 with k = 0.95", "K1", "K", None, 0.95,
     ("L1", "L2")),
])
def test_controlled_sources_and_couplings(text, name, kind, nodes, value, refs):
    (part,) = [e for e in read_request(text).elements if e.name == name]
    assert (part.kind, part.nodes, part.value, part.refs) == (kind, nodes, pytest.approx(value), refs)


def test_a_coupled_inductor_named_again_is_not_a_second_part():
    request = read_request("L1 = 1 mH from a to 0, L2 = 4 mH from b to 0, K1 couples L1 and L2 with k = 0.95")
    assert [e.name for e in request.elements] == ["L1", "L2", "K1"] and not request.problems


def test_a_source_between_two_nodes_is_a_part():
    request = read_request("VSENSE is a 0 V source from node a to node b in series with R1 = 1k from b to ground")
    assert [(e.name, e.nodes, e.value) for e in request.elements] == [("R1", ("b", "0"), 1e3),
                                                                      ("VSENSE", ("a", "b"), 0.0)]


@pytest.mark.parametrize("text, nodes, value", [
    ("10k load on out", ("out", "0"), 10e3), ("a 5k load at out", ("out", "0"), 5e3),
    ("G1 driving output node out into a 5k load to ground", ("out", "0"), 5e3),
    ("output out with a 1k load to ground", ("out", "0"), 1e3), ("a 470 Ω load at node vo", ("vo", "0"), 470),
])
def test_loads(text, nodes, value):
    assert [(e.kind, e.nodes, e.value) for e in read_request(text).elements if e.kind == "R"] == [("R", nodes, value)]


@pytest.mark.parametrize("text, parts", [
    # each part's value and nodes are its own, not its neighbour's
    ("Noise of a 1k resistor R1 from in to out loaded by a 10k R2 from out to ground",
     [("R1", ("in", "out"), 1e3), ("R2", ("out", "0"), 10e3)]),
    ("Diode D1 from a to ground fed through R1 = 1k from node in",
     [("D1", ("a", "0"), None), ("R1", ("in", "a"), 1e3)]),
    ("VSENSE is a 0 V source from node a to node b in series with R1 = 1k from b to ground", [("R1", ("b", "0"), 1e3)]),
    # two parts in series between two nodes: the nodes are the pair's ends, neither part's own
    ("1 kΩ series resistor from in to out, then a 100 mH inductor in series with a 100 nF capacitor from out to "
     "ground", [(None, ("in", "out"), 1e3)]),
    ("1k series resistor from in to out, then a 1 H inductor in series with a capacitor from out to ground",
     [(None, ("in", "out"), 1e3)]),
    # a part hung from a device's pin, in its own phrase
    ("NPN Q1: collector c through RC = 4.7k to vcc, base b biased by R1 = 47k from vcc and R2 = 10k to ground, "
     "emitter e with RE = 1k to ground", [("Q1", ("c", "b", "e"), None), ("RC", ("c", "vcc"), 4.7e3),
                                         ("R1", ("b", "vcc"), 47e3), ("R2", ("b", "0"), 10e3),
                                         ("RE", ("e", "0"), 1e3)]),
    ("M1: NMOS; drain d to VDD = 5 V through RD = 1k, gate g held at 2 V by VG, source and bulk to ground",
     [("M1", ("d", "g", "0", "0"), None), ("RD", ("d", "vdd"), 1e3)]),
])
def test_parts_read_from_their_own_words(text, parts):
    assert [(e.name, e.nodes, e.value) for e in read_request(text).elements if e.kind != "V"] == \
        [(n, nodes, v if v is None else pytest.approx(v)) for n, nodes, v in parts]


@pytest.mark.parametrize("description, lines", [
    ("I1 = 1 mA current source pushing into node x, R1 = 2.2k from x to ground; operating point.",
     ["I1 0 x DC 0.001", "R1 x 0 2.2k"]),
    ("Current sense: VSENSE is a 0 V source from node a to node b in series with R1 = 1k from b to ground, fed by "
     "V1 = 2 V at a; H1 outputs at node out a voltage of 500 ohms times the current through VSENSE; "
     "10k load at out; op.",
     ["V1 a 0 DC 2", "VSENSE a b 0", "H1 out 0 VSENSE 500", "R2 out 0 10k"]),
    ("Transformer: L1 = 100 uH from in to ground, L2 = 400 uH from out to ground, K1 couples L1 and L2 with k = 0.99; "
     "1 V 100 kHz sine at in; 10k load on out; 50 us transient.", ["K1 L1 L2 0.99", "R1 out 0 10k"]),
    ("V1: a pulse from 0 to 3.3 V with 1 µs rise and fall, 50 µs wide, 100 µs period, at node clk; R1 = 10k from clk "
     "to out, C1 = 1n from out to ground; transient 500 µs.",
     ["V1 clk 0 DC 0 PULSE(0 3.3 0 1e-06 1e-06 5e-05 0.0001)"]),
])
def test_a_circuit_listed_part_by_part_is_transcribed_as_written(description, lines):
    from spice_lsp.generation.pipeline import generate
    result = generate(description)
    assert all(line in result.netlist.split("\n") for line in lines), result.netlist
    assert result.verified, result.checks


def test_a_source_and_a_load_on_separate_nodes_are_no_circuit():
    """Only a part joins the nodes: the family builds the rest, nothing is transcribed from fragments."""
    from spice_lsp.generation.pipeline import _complete
    assert not _complete(read_request("Sziklai pair: base at input in (5 V DC from source V1), output out with a "
                                      "1k load to ground"))


@pytest.mark.parametrize("text, parts, sources", [
    # a rail named by its node: the parts read the node, the rail is a source at its level
    ("2k2 pull-up from the 5V rail (node vcc) to node sda, and a 10k from sda to ground",
     [(("vcc", "sda"), 2.2e3), (("sda", "0"), 10e3)], [("vcc", 5.0)]),
    ("a 10k resistor from the 3.3 V node vcc to out", [(("vcc", "out"), 10e3)], [("vcc", 3.3)]),
    # a node held at a level written after it
    ("PMOS M1: source and bulk at vdd (3.3 V), gate at g (0 V), drain d with RD = 2k to ground",
     [(("d", "0"), 2e3)], [("vdd", 3.3), ("g", 0.0)]),
    # a capacitor hung at a node goes to ground
    ("peak detector with a 1 µF hold capacitor at node out: input in gets a 1 V pulse", [(("out", "0"), 1e-6)], []),
])
def test_rails_and_held_nodes(text, parts, sources):
    request = read_request(text)
    assert [(e.nodes, pytest.approx(e.value)) for e in request.elements if e.kind in "RC"] == parts
    assert [(s.node, s.dc) for s in request.sources if s.node] == sources


@pytest.mark.parametrize("text, node_in, node_out", [
    ("a voltage divider, top resistor 8.7k, input vin output vout, just the dc op", "vin", "vout"),
    ("cmos inverter at 1.8v, input in output out", "in", "out"),
    ("bridge rectifier, output out (negative rail ground), 470 Ω load", None, "out"),
    ("Class AB output stage, input stage biased by diodes", None, None),
])
def test_bare_input_and_output_names(text, node_in, node_out):
    request = read_request(text)
    assert (request.input, request.output) == (node_in, node_out)


@pytest.mark.parametrize("text, node_in, node_out, nodes", [
    ("Common-source amplifier.\n\nInput node name: Vin.\n\nOutput node name: Vout.\n\nMake sure the input "
     "and output node names appear in the circuit.", "vin", "vout", ["vout", "vin"]),
    ("Common-gate amplifier.\nInput node name: Vin, Vbias.\nOutput node name: Vout.", "vin", "vout",
     ["vout", "vin", "vbias"]),
    ("an inverting amplifier that inputs Vin and outputs Vout, gain -8", "vin", "vout", ["vout", "vin"]),
    ("the node named mid, nodes a, b and c", None, None, ["mid", "a", "b", "c"]),
])
def test_node_names_as_specifications_state_them(text, node_in, node_out, nodes):
    """'node name: X' names X (never a node called 'name'); 'inputs X and outputs Y' are the two ports."""
    request = read_request(text)
    assert (request.input, request.output, request.nodes) == (node_in, node_out, nodes)


@pytest.mark.parametrize("text, width, length", [("PMOS M1, W/L = 20u/1u", 20e-6, 1e-6),
                                                 ("NMOS with W/L = 50u / 2u; op", 50e-6, 2e-6)])
def test_width_over_length_as_two_lengths(text, width, length):
    values = parse_intent(text).values
    assert (values["W"].value, values["LG"].value) == (pytest.approx(width), pytest.approx(length))


def test_a_ratio_stays_a_ratio():
    assert parse_intent("NMOS with W/L = 10").values["WL"].value == 10


def test_a_source_stated_by_its_role_moves_the_family_input():
    from spice_lsp.generation.compose import compose
    family = "t\nV1 in 0 DC 1\nR1 in out 1k\nR2 out 0 1k\n.op\n.end\n"
    composed = compose(family, read_request("a divider; control voltage 2 V at node ctl; op"))
    assert "V1 ctl 0 DC 2" in composed.netlist and "R1 ctl out 1k" in composed.netlist, composed.netlist


@pytest.mark.parametrize("text, directive", [
    ("Sweep V1 from 5 V down to 0 V in -0.1 V steps; V1 drives node in", ".dc V1 5 0 -100m"),
    ("half-wave rectifier; simulate 200 ms but only save the data from 100 ms on", ".tran 200u 200m 100m"),
    ("RC low-pass, a 5 ms transient", ".tran 5u 5m"),
    ("RC low-pass, transient from 0 to 5 ms", ".tran 5u 5m"),
    ("RC low-pass, transient from 1 ms to 5 ms", ".tran 5u 5m 1m"),
])
def test_sweeps_and_windows_as_written(text, directive):
    assert directive in [a.directive for a in parse_intent(text).analyses]


def test_a_node_may_be_called_led():
    request = read_request("a 220 Ω resistor between nodes vcc and led, an LED D1 from led to ground")
    assert [(e.kind, e.nodes) for e in request.elements] == [("D", ("led", "0")), ("R", ("vcc", "led"))]


def test_a_sensor_is_no_plain_resistor():
    request = read_request("10k fixed resistor from the supply node vcc to out and a 10k (at 25 °C) NTC from out to "
                           "ground")
    assert [(e.kind, e.nodes) for e in request.elements] == [("R", ("vcc", "out"))]


def test_a_supply_named_without_its_node_sits_on_its_rail():
    from spice_lsp.generation.pipeline import generate
    result = generate("Put a 220 Ω resistor between nodes vcc and led, an LED D1 from led to ground with IS=1e-18 N=2, "
                      "and a 5 V supply VCC; operating point.")
    assert [line for line in result.netlist.split("\n") if line.startswith("VCC")] == ["VCC vcc 0 DC 5"]
    assert result.verified, result.checks


def test_a_voltage_controlled_switch_with_its_model():
    request = read_request("Voltage-controlled switch S1 between out and ground, controlled by node ctl (on above "
                           "2.5 V, RON = 1 Ω, ROFF = 1MEG); R1 = 1k from a 5 V supply node vcc to out; "
                           "VCTL = 5 V at ctl")
    (switch,) = [e for e in request.elements if e.kind == "S"]
    assert switch.nodes == ("out", "0", "ctl", "0")
    assert {p.name: p.value for p in request.model_params} == {"vt": 2.5, "ron": 1.0, "roff": 1e6}


def test_a_switch_circuit_is_transcribed_and_its_threshold_is_no_second_supply():
    from spice_lsp.generation.pipeline import generate
    result = generate("Voltage-controlled switch S1 between out and ground, controlled by node ctl (on above 2.5 V, "
                      "RON = 1 Ω, ROFF = 1MEG); R1 = 1k from a 5 V supply node vcc to out; VCTL = 5 V at ctl; "
                      "operating point.")
    assert "S1 out 0 ctl 0 sw" in result.netlist and "vt=2.5" in result.netlist
    assert result.verified, result.checks


def test_pulses_stated_input_by_input():
    request = read_request("Two-input CMOS NOR gate on 1.8 V; inputs a and b: a pulses 0 to 1.8 V with 10 ns delay, "
                           "10 ns width and 20 ns period; b with 20 ns delay, 20 ns width and 40 ns period; output out")
    assert [(s.node, s.pulse) for s in request.sources] == [
        ("a", pytest.approx((0, 1.8, 10e-9, None, None, 10e-9, 20e-9))),
        ("b", pytest.approx((0, 1.8, 20e-9, None, None, 20e-9, 40e-9)))]  # b keeps a's levels


def test_a_floating_sine_between_two_nodes_and_a_bound_is_no_node():
    request = read_request("Full-wave bridge rectifier fed by a 15 V peak 50 Hz sine between nodes ac1 and ac2, output "
                           "out, 470 Ω load, at least 11 V DC and under 1.5 V ripple; 200 ms transient.")
    assert [(s.node, s.minus, s.sin) for s in request.sources] == [("ac1", "ac2", (0.0, 15.0, 50.0))]


def test_a_floating_source_moves_the_family_input_onto_both_its_nodes():
    from spice_lsp.generation.compose import compose
    family = "t\nV1 acp acn SIN(0 10 60)\nR1 acn 0 10meg\nD1 acp out d\nR2 out 0 1k\n.tran 1m 100m\n.end\n"
    composed = compose(family, read_request("a 15 V peak 50 Hz sine between nodes ac1 and ac2, output out"))
    assert "V1 ac1 ac2 SIN(0 15 50)" in composed.netlist and "R1 ac2 0 10meg" in composed.netlist, composed.netlist


def test_a_level_a_node_is_held_at_is_not_the_supply():
    from spice_lsp.generation.pipeline import _build
    build = _build("Op-amp difference amplifier: out = 10 × (v(a) - v(b)); a at 1.1 V and b at 1.0 V; operating point.")
    assert "VDD" not in build.intent.values


def test_an_unnamed_pulse_needs_its_levels_and_a_verb_is_no_node():
    """A one-level description leaves the family's stimulus in place, never a half-read pulse."""
    request = read_request("555 monostable, triggered by a falling pulse on node trig at 1 ms (trig idles at 9 V, "
                           "goes to 0 V for 10 µs), output at node out")
    assert request.sources == []


def test_an_input_port_named_like_a_source_is_driven_by_that_source():
    """'Input node name: Vin' gets a source named Vin on it (test benches write '.tf v(vout) Vin')."""
    import re

    from spice_lsp.generation.pipeline import generate
    result = generate("Common-source amplifier with resistive load.\nInput node name: Vin.\nOutput node name: Vout.")
    assert re.search(r"^Vin vin 0 ", result.netlist, re.MULTILINE | re.IGNORECASE), result.netlist


def _placed(text):
    return {e.name or e.kind: e.nodes for e in read_request(text).elements}


@pytest.mark.parametrize("text, nodes", [
    ("D2 anode at ground and cathode at out", ("0", "out")),
    ("diode D1 with its cathode on out and anode to ground", ("0", "out")),
    ("a diode D1 from out to ground, cathode at ground", ("out", "0")),  # the ends, turned the way the pin says
    ("a diode D1 from out to ground, anode at ground", ("0", "out")),
    ("D1 cathode to vcc, anode at out", ("out", "vcc")),
])
def test_diode_pins_in_either_order(text, nodes):
    assert _placed(text)["D1" if "D1" in text else "D2"] == nodes


@pytest.mark.parametrize("text, name, nodes", [
    ("NMOS M1 with gate grounded, drain at out, source tied to ground", "M1", ("out", "0", "0", "0")),
    ("Q1 collector at out, base at b, emitter grounded", "Q1", ("out", "b", "0")),
    ("Q2 with its emitter to gnd, base at in and collector at out", "Q2", ("out", "in", "0")),
])
def test_a_grounded_pin_is_node_0(text, name, nodes):
    request = read_request(text)
    assert _placed(text)[name] == nodes and "grounded" not in request.nodes


@pytest.mark.parametrize("text, name, nodes", [
    ("R1 = 10 Ω across C1, C1 = 1n from out to ground", "R1", ("out", "0")),
    ("C1 = 1n from out to ground, R2 = 10k in parallel with C1", "R2", ("out", "0")),
    ("L1 = 1mH from a to b, C3 = 10n across the inductor", "C3", ("a", "b")),
    ("C4 = 1n parallel to R1, R1 = 1k from x to y", "C4", ("x", "y")),
    # a part's name that is no designator alone ("RL", "Rload"): found among the stated parts by its name
    ("Rload = 4.7k from o to ground, C2 = 100n in parallel with Rload", "C2", ("o", "0")),
    ("RL = 2k from k to ground. C9 = 1 uF in parallel with RL.", "C9", ("k", "0")),
])
def test_a_part_across_another_takes_its_nodes(text, name, nodes):
    assert _placed(text)[name] == nodes


@pytest.mark.parametrize("text", [
    "R2 = 1k in parallel with Dave, C1 = 1 uF from out to ground",  # a word after 'with', no part's name
    "C5 = 22 nF across the load; R1 = 1k from in to out",
])
def test_a_part_across_no_stated_part_stays_unplaced(text):
    """A word after "across"/"parallel with" that names no stated part and no kind places nothing (it once raised)."""
    assert _placed(text).get(text[:2]) is None


@pytest.mark.parametrize("text, value, unit", [
    ("five point six kilohms", 5.6e3, "ohm"), ("two hundred twenty ohms", 220, "ohm"), ("one volt", 1, "V"),
    ("three point three volts", 3.3, "V"), ("ten microfarads", 10e-6, "F"),
    ("two point two five kilohms", 2.25e3, "ohm"),
])
def test_numbers_in_words(text, value, unit):
    (q,) = _quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text, parts, sources", [
    ("R1 = 22k from vcc to base, R2 = 6.8k from base to ground, and vcc is a 12 V DC source",
     {"R1": ("vcc", "base"), "R2": ("base", "0")}, [("vcc", 12.0)]),
    ("R1 = 22k between vcc and base", {"R1": ("vcc", "base")}, []),
    # a device that places the pin names the node after it
    ("NPN Q1 with base at b, collector at out, emitter grounded. R1 = 22k from vcc to base",
     {"Q1": ("out", "b", "0"), "R1": ("vcc", "b")}, []),
    # a device that leaves the pin open takes the node so named
    ("NPN Q1, collector at out, emitter grounded. R1 = 22k from vcc to base",
     {"Q1": ("out", "base", "0"), "R1": ("vcc", "base")}, []),
    ("NPN amplifier Q1: collector c through 1k to vcc, base b, emitter grounded",
     {"Q1": ("c", "b", "0"), "R": ("c", "vcc")}, []),
])
def test_pin_words_as_node_names(text, parts, sources):
    request = read_request(text)
    assert _placed(text) == parts
    assert [(s.node, s.dc) for s in request.sources] == sources
    assert ("base" in request.nodes) == any("base" in nodes for nodes in parts.values())


@pytest.mark.parametrize("text", ["diode D1 with its anode to ground and cathode at k", "R1 from the base to ground"])
def test_a_pin_placed_is_no_node_named_after_it(text):
    assert not {"anode", "base"} & set(read_request(text).nodes)


@pytest.mark.parametrize("text, worded", [
    ("R1 = five point six kilohms from in to out, three point three volts DC at in",
     "R1 = 5.6 kilohms from in to out, 3.3 volts DC at in"),
    ("one volt AC at in, R1 = two hundred twenty ohms from in to out", "1 volt AC at in, R1 = 220 ohms from in to out"),
])
def test_numbers_in_words_read_as_figures(text, worded):
    def read(t):
        r = read_request(t)
        return [(e.name, e.nodes, e.value) for e in r.elements], [(s.node, s.dc, s.ac) for s in r.sources]
    assert read(text) == read(worded)


@pytest.mark.parametrize("text, nodes", [
    ("a diode from out to ground, cathode at ground", ("out", "0")),
    ("R1 = 1k from in to out, a diode from out to ground, anode at ground", ("0", "out")),
    ("a diode with its anode at in and cathode at out", ("in", "out")),
])
def test_an_unnamed_diode_placed_by_its_pins(text, nodes):
    assert [e.nodes for e in read_request(text).elements if e.kind == "D"] == [nodes]


def _named(text):
    return {e.name: (e.kind, e.nodes, pytest.approx(e.value)) for e in read_request(text).elements
            if e.name and e.kind in "RCL"}


@pytest.mark.parametrize("text, parts", [
    # names of any length in capitals, with "is", "=" or ":" before the value
    ("RX is 22k from a to b, RY2 = 3.9k from b to 0 and LPRI: 2 mH from b to c.",
     {"RX": ("R", ("a", "b"), 22e3), "RY2": ("R", ("b", "0"), 3.9e3), "LPRI": ("L", ("b", "c"), 2e-3)}),
    # numbered names in lower case, the value right after the name; "cap" and "load" as node names
    ("quick one: r4 3.3k from drv to cap, c4 22n from cap to gnd, r5 10k from cap to load",
     {"r4": ("R", ("drv", "cap"), 3.3e3), "c4": ("C", ("cap", "0"), 22e-9), "r5": ("R", ("cap", "load"), 10e3)}),
    # a statement that ends its sentence on a ground written as 0 keeps it
    ("R8 = 2k from p to q and C8 = 68 pF from q to 0. V4 is AC 1 at p.",
     {"R8": ("R", ("p", "q"), 2e3), "C8": ("C", ("q", "0"), 68e-12)}),
])
def test_parts_named_as_people_name_them(text, parts):
    assert _named(text) == parts


@pytest.mark.parametrize("text", [
    "an RC = 2 ms time constant",  # a time constant, not a part named RC
    "collectors c1 and c2, both bases grounded",  # nodes that look like names
    "model NM (NMOS, LAMBDA=0.05, KP=80u) and a switch with RON = 2 and ROFF = 1meg",  # a model's parameters
    "Define a parameter RTOP = 33k for the top resistor",  # a .param, not a part
    "cmos inverter at 3.3v, sweep vin 0 to 3.3v",  # no SPICE line
])
def test_words_that_only_look_like_parts(text):
    assert [e.name for e in read_request(text).elements if e.name] == []


@pytest.mark.parametrize("text, parts, sources", [
    ("terse: v2 a 0 dc 3; r7 a b 2meg; r8 b 0 2meg; op",
     {"r7": ("R", ("a", "b"), 2e6), "r8": ("R", ("b", "0"), 2e6)}, [("v2", "V", "a", None, 3.0, None)]),
    ("R3 x y 6k8, C3 y 0 220n, VS x 0 DC 0 AC 1, ac dec 10 1 1meg",
     {"R3": ("R", ("x", "y"), 6.8e3), "C3": ("C", ("y", "0"), 220e-9)}, [("VS", "V", "x", None, 0.0, 1.0)]),
    # a current source's line pushes its current into its second node
    ("I4 0 n 2m; R9 n 0 1.5k", {"R9": ("R", ("n", "0"), 1.5e3)}, [("I4", "I", "n", None, 2e-3, None)]),
])
def test_parts_and_sources_written_as_spice_lines(text, parts, sources):
    request = read_request(text)
    assert _named(text) == parts
    assert [(s.name, s.kind, s.node, s.minus, s.dc, s.ac) for s in request.sources] == sources


@pytest.mark.parametrize("text, sin, pulse, pwl", [
    # SPICE's own form after "is" or "=", before or after the node
    ("VA is SIN(1 0.2 2k) at node p, R1 = 1k from p to 0", (1.0, 0.2, 2e3), None, None),
    ("VB = PULSE(0 2 0 5n 5n 10u 20u) at node q, R1 = 1k from q to 0", None, (0, 2, 0, 5e-9, 5e-9, 10e-6, 20e-6), None),
    ("VC at a is PWL(0 0 2m 4 5m 4), R1 = 1k from a to 0", None, None, (0, 0, 2e-3, 4, 5e-3, 4)),
    # a sine's figures in words after "SIN"; an offset of 0 needs no unit
    ("VD at x is SIN with 0 offset, 3 V amplitude, 60 Hz; R1 = 1k from x to 0", (0.0, 3.0, 60.0), None, None),
    # a pulse's levels written as SPICE writes them, its times in words
    ("V5 at b rises from 0 to 2 V (PULSE 0 2 with 5 ns rise, 2 us wide); R1 = 1k from b to 0",
     None, (0, 2, None, 5e-9, None, 2e-6, None), None),
    # a PWL source's corners in words
    ("VW is a PWL source at node w: 0 V at t=0, 5 V at 2 ms, 5 V at 4 ms and back to 0 V at 6 ms. R1 = 1k from w to 0",
     None, None, (0, 0, 2e-3, 5, 4e-3, 5, 6e-3, 0)),
])
def test_source_waveforms_as_written(text, sin, pulse, pwl):
    (source,) = read_request(text).sources
    assert source.node in ("p", "q", "a", "x", "b", "w")
    assert (source.sin, source.pulse, source.pwl) == tuple(pytest.approx(x) if x else None for x in (sin, pulse, pwl))
    assert ("PWL(" in source.waveform()) == bool(pwl)


@pytest.mark.parametrize("text, node", [
    ("V7 at a steps from 0 to 3 V; R1 = 1k from a to 0", "a"),  # "a" before a verb is the node's name
    ("VB2 = 2 V DC holds the gate g; M1 drain d, gate g, source grounded", "g"),
    ("VDS at d and VGS at g; M1 drain d, gate g, source grounded", "d"),  # a quantity's name placed on a node
])
def test_source_nodes_as_stated(text, node):
    assert read_request(text).sources[0].node == node


def test_model_parameters_at_a_sentence_end():
    request = read_request("JFET J2 (drain d, gate at ground, source s), model with VTO=-1.5 and BETA=2m. RS = 1k "
                           "from s to 0, KP=60u.")
    assert {p.name: p.value for p in request.model_params} == {"vto": -1.5, "beta": pytest.approx(2e-3),
                                                               "kp": pytest.approx(60e-6)}


def test_pins_grounded_together():
    (m,) = read_request("M3 drain x, gate y, source and bulk grounded").elements
    assert m.nodes == ("x", "y", "0", "0")


@pytest.mark.parametrize("text, params", [
    ("C4 = 2.2u from n to 0, charged to 3 V before the run; R4 = 1k from n to 0", ("IC=3",)),
    ("C5 = 1n from m to 0 (IC=1.5), R5 = 2k from m to 0", ("IC=1.5",)),
    ("C6 = 47n between x and 0, initially at 2.5 V; R6 = 1k from x to 0", ("IC=2.5",)),
    ("L3 = 5 mH from a to 0 with an initial current of 4 mA, R3 = 100 from a to 0", ("IC=0.004",)),
])
def test_initial_conditions_of_reactive_parts(text, params):
    request = read_request(text)
    assert request.elements[0].params == params
    assert request.sources == []  # "charged to 3 V" holds no node at 3 V


def test_a_group_placed_before_its_parts_are_named():
    request = read_request("a 1 mA current source into node n and three resistors between n and 0: r1 2k, r2 3k and "
                           "r3 6k. op point")
    assert [(e.name, e.nodes) for e in request.elements] == [("r1", ("n", "0")), ("r2", ("n", "0")), ("r3", ("n", "0"))]
    # a count that does not match the names places none of them
    assert read_request("two resistors from x to 0, R1 = 1k").elements[0].nodes is None


@pytest.mark.parametrize("text, parts", [
    ("Divider 22K/10K off 9V, tap = t (9V at node v)", [(("v", "t"), 22e3), (("t", "0"), 10e3)]),
    ("a 33k / 3.3k divider from a 12 V source at in, output out", [(("in", "out"), 33e3), (("out", "0"), 3.3e3)]),
    ("voltage divider 2.2k/1k", []),  # no nodes named: the divider family places them
])
def test_a_divider_stated_as_a_ratio(text, parts):
    assert [(e.nodes, pytest.approx(e.value)) for e in read_request(text).elements if e.kind == "R"] == parts


@pytest.mark.parametrize("text, parts", [
    # a netlist-like "name = value a to b" in the middle of a sentence
    ("Quick filter R3 = 6.8k a to b, C3 = 1n b to ground",
     {"R3": ("R", ("a", "b"), 6.8e3), "C3": ("C", ("b", "0"), 1e-9)}),
    # a load named at its node hangs to ground; "source resistance" names no transistor's source pin
    ("75 Ω source resistance RG from gen to x and a 75 Ω load RT at y", {"RG": ("R", ("gen", "x"), 75.0),
                                                                          "RT": ("R", ("y", "0"), 75.0)}),
    # a part joined by "and" to the next one's placement shares it
    ("D2 from p to q, RX = 2.2k and CX = 47 uF from q to ground", {"RX": ("R", ("q", "0"), 2.2e3),
                                                                  "CX": ("C", ("q", "0"), 47e-6)}),
    # ... unless the last names them all
    ("L5 = 1 mH, C5 = 1 nF and R5 = 5k all go from t to ground", {"L5": ("L", ("t", "0"), 1e-3),
                                                                "C5": ("C", ("t", "0"), 1e-9),
                                                                "R5": ("R", ("t", "0"), 5e3)}),
    # a rail's level between "from" and the rail is no node
    ("mirrored into RM = 3k from the 9 V rail to out", {}),
    # the nodes in a phrase of their own before the name
    ("between p and q sits R6 = 3.3k, and from q to ground C6 = 2.2n", {"R6": ("R", ("p", "q"), 3.3e3),
                                                                     "C6": ("C", ("q", "0"), 2.2e-9)}),
    ("From vdd to d goes RD = 1.5k; from s to ground, RS = 220.", {"RD": ("R", ("vdd", "d"), 1.5e3),
                                                                  "RS": ("R", ("s", "0"), 220.0)}),
    # ... but never the part before's own place
    ("D3 from u to v, RV = 1k", {}),
    # a node tied to another through the part
    ("the second drain is node o, tied to vdd = 5 V through a 10k load RO.", {"RO": ("R", ("vdd", "o"), 10e3)}),
])
def test_more_placements_of_named_parts(text, parts):
    assert {name: part for name, part in _named(text).items() if part[1]} == parts


@pytest.mark.parametrize("text, name, node", [
    ("R1 = 10k from top to 0, and tie top to a 12 V DC supply VTOP", "VTOP", "top"),
    ("M2 drain x, gate y, source grounded; VY holds the gate at 2.5 V", "VY", "y"),
])
def test_sources_tied_or_holding_a_pin(text, name, node):
    assert {s.name: s.node for s in read_request(text).sources}[name] == node


@pytest.mark.parametrize("text, node", [
    # a verb or auxiliary before "at N V" is no node: "should be at", "climbs at"
    ("at 2 ms the output must be at 3.3 V", "be"),
    ("the sweep voltage climbs at 2 V per µs", "climbs"),
    # a part's plural is no node: "drain resistors to 15 V"
    ("two 3.3k drain resistors to 15 V", "resistors"),
])
def test_words_before_a_level_that_name_no_node(text, node):
    request = read_request(text)
    assert node not in request.nodes and node not in {s.node for s in request.sources}


@pytest.mark.parametrize("text, word", [
    ("a follower whose input is at u, gain 3, output y", "gain"),  # a quantity after the node
    ("M1 with drain d, gate g, source s, model NCH", "model"),  # the model's name follows
    ("measure the delay of the input pulse, RC, a to b", "pulse"),  # the waveform, not the input's name
])
def test_words_after_a_port_that_name_no_node(text, word):
    request = read_request(text)
    assert word not in request.nodes and request.input != word


@pytest.mark.parametrize("text, name, node", [
    # a colon that opens another part's phrase ends the source's statement
    ("a PMOS load from VSUP = 12 V: the gate is biased at 2.5 V at node b", "VSUP", None),
    ("emitter follower from VCC = 15 V: its base held at 7 V at node bb", "VCC", "vcc"),
    # but not a colon right after the name
    ("VS: input source, AC 1 at node p", "VS", "p"),
])
def test_a_colon_ends_a_source_statement(text, name, node):
    assert {s.name: s.node for s in read_request(text).sources}[name] == node


@pytest.mark.parametrize("text", [
    "R5 = 3.3k from p to q, R6 = 3.3k from q to 0; DC sweep of VP from -2 to 2 V in 0.25 V steps",
    "two diodes in series from a to ground, sweeping the source VA from 0 to 3 V",
])
def test_a_swept_source_makes_no_step(text):
    # the range belongs to the .dc analysis: no pulse and no DC level of the source's own
    swept = [s for s in read_request(text).sources if s.name]
    assert len(swept) == 1 and swept[0].pulse is None and swept[0].dc is None


@pytest.mark.parametrize("text, node, levels", [
    ("drive is a 0→3.3 V step (PULSE 0 3.3, 5 ns rise)", "drive", (0.0, 3.3)),
    ("vg is a 1 to 4 V pulse, 20 ns rise", "vg", (1.0, 4.0)),
])
def test_a_node_said_to_be_a_step_is_its_source(text, node, levels):
    [source] = read_request(text).sources
    assert source.node == node and source.pulse is not None and source.pulse[:2] == levels


@pytest.mark.parametrize("text,source,level", [
    ("JFET J2 with VTO=-1.5; VDS holds the drain at 8 V, source to ground. Sweep VGS from -2 to 0 V.", "VDS", 8.0),
    ("NPN Q4 (BF=150): VCE keeps the collector at 2.5 V, emitter grounded. Operating point.", "VCE", 2.5),
])
def test_a_quantity_named_source_that_holds_a_pin_is_a_source_and_its_level_no_node(text, source, level):
    request = read_request(text)
    assert [(s.name, s.dc) for s in request.sources if s.name == source] == [(source, level)]
    assert not any(node not in (None, "0") and node[0].isdigit() for e in request.elements for node in e.nodes or ()), \
        request.elements


def test_the_level_a_supply_is_to_make_at_the_output_is_its_spec_not_a_source():
    request = read_request("A two-resistor divider off a 15 V rail that makes 6 V at node tp.")
    assert not [s for s in request.sources if s.node == "tp"], request.sources
    assert [(s.quantity, s.target) for s in request.specs] == [("vout", 6.0)]
