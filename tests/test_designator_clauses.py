"""Tests for spice_lsp.generation.request (and the transcription in pipeline): a clause led by a part's or a source's
designator keeps its kind, nodes, value and source function whatever the designator is called (a quantity's name,
VAC, ID, VT, or a model parameter's, RSH), however its value is written (in parentheses, before an arrow) and
however its nodes are noted (a level's note, a pin pair "both on", a polarity "(+)"); a numbered list one item a line;
a node tied to ground; a behavioural source; a named source's sweep said with a verb."""
import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request


def _parts(text: str) -> dict[str, tuple]:
    return {(e.name or f"{e.kind}:{e.value:g}"): (e.nodes, e.value) for e in read_request(text).elements}


def _sources(text: str) -> dict[str, tuple]:
    return {(s.name or "").upper(): (s.kind, s.node, s.minus, s.dc, s.ac, s.sin) for s in read_request(text).sources}


@pytest.mark.parametrize("text, name, kind, node, dc, ac, sin", [
    ("VAC = SIN(0 6 60) on node s; D7 anode s, cathode pk; RL = 2.2k from pk to 0.", "VAC", "V", "s", None, None,
     (0.0, 6.0, 60.0)),
    ("VDC = PULSE(0 5 0 1n 1n 1m 2m) at node clk, R1 = 1k from clk to 0.", "VDC", "V", "clk", None, None, None),
    ("ID (1 mA DC) into node dv, D1 from dv to 0.", "ID", "I", "dv", 1e-3, None, None),
    ("IC (2 mA DC) into node x and R7 = 1k from x to ground.", "IC", "I", "x", 2e-3, None, None),
    ("CA = 10n from top to mid, CB = 33n from mid to ground. VT puts AC 1 on top.", "VT", "V", "top", None, 1.0, None),
    ("VB fixes bq at 6 V, RB = 1k from bq to 0.", "VB", "V", "bq", 6.0, None, None),
    ("VSUP makes v10 = 10 V, RE = 2.2k from v10 to 0.", "VSUP", "V", "v10", 10.0, None, None),
])
def test_a_source_named_like_a_quantity_or_placed_by_its_verb_is_read_with_its_node_and_level(
        text, name, kind, node, dc, ac, sin):
    said = _sources(text)[name]
    assert said[:2] == (kind, node)
    assert said[3] == pytest.approx(dc) if dc is not None else said[3] is None
    assert said[4] == pytest.approx(ac) if ac is not None else said[4] is None
    assert said[5] == sin
    assert "V10" not in _sources(text)  # the node a named source holds is no source of its own


def test_a_wave_across_two_nodes_with_their_polarity_noted_is_a_floating_source():
    said = _sources("VAC is SIN(0 10 60) across ac1 (+) and ac2 (-). RLOAD = 1k across ac1 and ac2.")["VAC"]
    assert said[1:3] == ("ac1", "ac2") and said[5] == (0.0, 10.0, 60.0)


def test_a_figure_inside_a_spice_wave_is_no_part():
    parts = _parts("VX is SIN(0 2 1k) across p and m. R1 = 1k from p to ground, R2 = 1k from m to ground.")
    assert set(parts) == {"R1", "R2"}


@pytest.mark.parametrize("text, name, ends, value", [
    ("RG 1meg jg->0, RS 680 js->0, RD 3.9k from v15 to jd.", "RS", ("js", "0"), 680.0),
    ("VIN is 5 V on a. RT 1000 a->b, RB 470 b->0.", "RB", ("b", "0"), 470.0),
    ("VP drives p1 through RSRC (1 ohm) from node drv (VP on drv, AC 1).", "RSRC", ("drv", "p1"), 1.0),
    ("VG drives n1 through RSER (50 ohm) from node src (VG on src, AC 1).", "RSER", ("src", "n1"), 50.0),
    ("RTOP is 1.5 Meg from hv to mv, and RSH is 330 mΩ (milliohms) from mv to ground.", "RSH", ("mv", "0"), 0.33),
    ("Feed resistor R4, 390 ohm, from node raw (9 V from VRAW) to zk.", "R4", ("raw", "zk"), 390.0),
])
def test_a_part_keeps_its_nodes_and_value_however_they_are_written(text, name, ends, value):
    assert _parts(text)[name] == (ends, pytest.approx(value))


def test_a_source_noted_in_an_aside_sits_on_the_node_the_aside_gives():
    assert _sources("VP drives p1 through RSRC (1 ohm) from node drv (VP on drv, AC 1).")["VP"][1] == "drv"


def test_a_model_parameter_name_is_no_part_without_its_placement():
    assert "RSH" not in _parts("Model DX: D with RSH = 0.5 and IS=1e-14. D1 from a to 0, R1 = 1k from in to a.")


@pytest.mark.parametrize("text, kind, nodes", [
    ("M2: NMOS, diode-connected (drain and gate both on node dd, source and bulk grounded), W=4u L=0.35u.", "M",
     ("dd", "dd", "0", "0")),
    ("Q7: NPN, diode-connected (collector and base both on node q, emitter grounded).", "Q", ("q", "q", "0")),
])
def test_two_pins_both_on_one_node(text, kind, nodes):
    element = read_request(text).elements[0]
    assert (element.kind, element.nodes) == (kind, nodes)


def test_a_numbered_list_one_item_a_line_ends_each_item_and_its_numbers_are_no_figures():
    text = ("Full bridge, all model DB (D, IS=4n):\n1. D1 anode ac1, cathode dcp\n2. D2 anode ac2, cathode dcp\n"
            "3. D3 anode dcn, cathode ac1\n4. D4 anode dcn, cathode ac2\n"
            "VAC is SIN(0 10 60) across ac1 (+) and ac2 (-).")
    request = read_request(text)
    parts = {e.name: e.nodes for e in request.elements}
    assert parts["D4"] == ("dcn", "ac2") and parts["D2"] == ("ac2", "dcp")
    assert _sources(text)["VAC"][1:3] == ("ac1", "ac2")
    assert "1. D1" not in request.description and "SIN(0 10 60)" in request.description


def test_a_node_tied_to_ground_among_listed_parts_is_joined_to_ground():
    parts = read_request("RA = 1k from x to y and RB = 3k from y to z; short z to ground. VX = 4 V on x.").elements
    tie = [e for e in parts if e.name is None]
    assert [(e.kind, e.nodes) for e in tie] == [("R", ("z", "0"))] and tie[0].value < 1e-2


def test_a_behavioural_source_is_read_by_its_law_and_transcribed_as_stated():
    text = ("Behavioural source B1 from bo to ground with V = 0.5*v(bi)*v(bi). VBI = 3 V on bi, with R9 (1k) from bi "
            "to ground and R10 (1k) from bo to ground. Just .op.")
    b1 = next(e for e in read_request(text).elements if e.name == "B1")
    assert (b1.kind, b1.nodes, b1.params) == ("B", ("bo", "0"), ("V=0.5*v(bi)*v(bi)",))
    lines = generate(text).netlist.splitlines()
    assert "B1 bo 0 V=0.5*v(bi)*v(bi)" in lines


@pytest.mark.parametrize("text, directive", [
    ("VD (on node da) sweeps from 0 V to 0.9 V in 5 mV steps; RS 10 ohm from da to dk, D1 from dk to ground.",
     ".dc VD 0 900m 5m"),
    ("VG (on node g) ramps from 0 V to 5 V in 50 mV steps; R1 of 1k goes from g to h.", ".dc VG 0 5 50m"),
])
def test_a_named_source_said_to_sweep_is_a_dc_sweep(text, directive):
    assert directive in [a.directive for a in parse_intent(text).analyses]


@pytest.mark.parametrize("text, name, node, dc, sin", [
    ("VCC supplies 12 V to node top; R1 4k7 from top to mid; R2 2.2 kΩ from mid to ground.", "VCC", "top", 12.0, None),
    ("VAC puts a SIN(0 1 1k) on node x; RX (2.2k) goes from x to y; CY 100n y->0.", "VAC", "x", None,
     (0.0, 1.0, 1000.0)),
])
def test_a_source_that_gives_its_level_or_wave_to_a_node_sits_on_that_node(text, name, node, dc, sin):
    said = _sources(text)[name]
    assert said[1] == node and said[5] == sin
    assert said[3] == pytest.approx(dc) if dc is not None else said[3] is None


@pytest.mark.parametrize("text, nodes", [
    ("E2: VCVS, output between o and 0, input between i and 0, gain 5. VI = 0.2 V on i.", ("o", "0", "i", "0")),
    ("G3: VCCS of 2 mS, output from 0 to y, control input across p and n.", ("0", "y", "p", "n")),
])
def test_a_controlled_sources_input_said_between_two_nodes(text, nodes):
    assert read_request(text).elements[0].nodes == nodes


@pytest.mark.parametrize("text, name, model", [
    ("PNP Q5 (model PQ: PNP, BF=90): emitter e5, base bq, collector c5.", "Q5", "PQ"),
    ("Zener DZ3 with cathode on zk and anode on ground, model ZD51: D with BV=5.1, IBV=1m.", "DZ3", "ZD51"),
    ("M2: NMOS, drain d, gate g, source and bulk grounded, model NSUB: LEVEL=1 VTO=0.45 KP=170u.", "M2", "NSUB"),
])
def test_a_model_named_then_its_type_or_parameters_after_a_colon_is_the_devices(text, name, model):
    assert next(e for e in read_request(text).elements if e.name == name).model == model


@pytest.mark.parametrize("text, directive", [
    ("DC sweep of V1 from 0 to 5 in 0.1 steps: V1 on node a, R1 1k from a to b.", ".dc V1 0 5 100m"),
    ("Sweep VIN from 0 to 3 in 0.25 steps; VIN on node a, R1 1k from a to 0.", ".dc VIN 0 3 250m"),
    ("DC sweep of VIN from 0 to 5 V in 10 steps; VIN on node a, R1 1k from a to 0.", ".dc VIN 0 5 500m"),
])
def test_a_sweep_with_no_unit_and_a_decimal_step_is_read_as_written(text, directive):
    assert [a.directive for a in parse_intent(text).analyses] == [directive]
    assert not any(e.kind == "V" for e in read_request(text).elements)  # its levels are no nodes of a part


@pytest.mark.parametrize("text, node, level, delay", [
    ("when 5 V hits node v5 at t=0, node en should stay below 2 V for roughly 20 ms. one R, one C.", "v5", 5.0, 0.0),
    ("12 V is applied to node p at 1 ms; R1 1k from p to q, C1 1u from q to 0.", "p", 12.0, 1e-3),
])
def test_a_level_arriving_on_a_node_at_a_time_is_a_step_there(text, node, level, delay):
    step = next(s for s in read_request(text).sources if s.node == node)
    assert step.pulse is not None and step.pulse[1:3] == (pytest.approx(level), pytest.approx(delay))
    assert step.pulse[0] == 0.0


def test_a_range_said_of_whatever_sits_between_two_nodes_is_no_part():
    text = ("Off a 12 V rail, push a steady 1.5 mA into node lk through whatever sits between lk and ground (anything "
            "from a short to 2k). For the simulation hang RL = 1k there.")
    assert [(e.name, e.value) for e in read_request(text).elements] == [("RL", 1000.0)]


@pytest.mark.parametrize("text, name, nodes", [
    ("M3 drain=d gate=g source=s bulk=0, NMOS; RD3 = 2k from vd to d.", "M3", ("d", "g", "s", "0")),
    ("JFET J3 (model JX: NJF VTO=-3): D on node d, G on node g, S on node s. RD 2k from vdd to d.", "J3",
     ("d", "g", "s")),
    ("Q1 C=c B=b E=e (NPN); RC = 3k from vcc to c; RE = 1k from e to 0.", "Q1", ("c", "b", "e")),
    ("source VS is SIN(0 8 50) at node a; diode DX1 anode a cathode b (1N4148); RLOAD 1k b to 0.", "DX1", ("a", "b")),
])
def test_pins_written_with_their_letter_an_equals_sign_or_a_node_named_a(text, name, nodes):
    assert next(e for e in read_request(text).elements if e.name == name).nodes == nodes


def test_a_sine_written_as_spice_writes_it_biases_at_its_offset_and_its_figures_are_no_part_values():
    text = "V1 on node a: SIN(2.5 1 1k); R1 = 10k from a to b; C1 = 10n from b to 0. Run 5 ms with 5 us steps."
    source = next(s for s in read_request(text).sources if s.name == "V1")
    assert source.waveform().split()[:2] == ["DC", "2.5"]
    assert "R" not in parse_intent(text).values  # the sine's 1k is its frequency, no resistor's


def test_a_bare_scaled_figure_called_the_transients_step_is_a_time():
    intent = parse_intent("VDC = SIN(0 5 50) on node a; D2 anode a, cathode k; RL2 = 1k from k to 0. "
                          "Transient 10u step, 60 ms.")
    assert [a.directive for a in intent.analyses] == [".tran 10u 60m"] and "C" not in intent.values


@pytest.mark.parametrize("text, directive", [
    ("VD on node d goes from 0 V to 1 V in 10 mV steps; D1 from d to 0.", ".dc VD 0 1 10m"),
    ("Simulate at -25 C, 25 C and 100 C: ID (1 mA DC) into node dv, D1 from dv to 0.", ".temp -25 25 100"),
])
def test_a_named_sources_levels_with_a_verb_of_motion_and_temperatures_each_in_bare_c(text, directive):
    assert [a.directive for a in parse_intent(text).analyses] == [directive]


def test_a_named_source_stepping_at_a_time_stays_a_transients_step():
    intent = parse_intent("V1 on node g steps from 0 to 5 V at 1 ms; R1 10k g->h; C1 100n h->0. Transient 10 ms.")
    assert [a.directive.split()[0] for a in intent.analyses] == [".tran"]


def test_a_behavioural_source_by_its_noun_alone_is_one():
    text = ("Squarer: behavioral voltage source between sq and 0, V = v(x)*v(x). VX = 2 V on x, RX 1k from x to 0, "
            "RSQ 1k from sq to 0. Operating point.")
    b = next(e for e in read_request(text).elements if e.kind == "B")
    assert (b.name, b.nodes, b.params) == (None, ("sq", "0"), ("V=v(x)*v(x)",))
    assert "B1 sq 0 V=v(x)*v(x)" in generate(text).netlist.splitlines()


@pytest.mark.parametrize("text, name, nodes, value", [
    ("There's a 2.7k resistor, R12, running from node n1 down to ground, and R11 (4.7 kΩ) from vsup to n1.", "R12",
     ("n1", "0"), 2700.0),
    ("A 100 nF capacitor, C4, sits from x to ground; a 1k resistor, R4, from in to x.", "C4", ("x", "0"), 1e-7),
])
def test_a_value_with_its_noun_set_off_before_the_name_is_the_parts(text, name, nodes, value):
    assert _parts(text)[name] == (nodes, pytest.approx(value))


def test_a_coupling_with_its_coefficient_after_the_inductors_and_a_source_placed_in_its_own_aside():
    text = ("Coupled coils: primary LPRI (50 uH) from x1 to ground, secondary LSEC (200 uH) from y1 to ground, K5 "
            "couples LPRI and LSEC with 0.95. VX drives x1 with AC 1 V through RSX = 5 ohm from node vx (VX sits on "
            "vx). RLY 1k loads y1.")
    request = read_request(text)
    parts = {e.name: (e.nodes, e.value, e.refs) for e in request.elements}
    assert parts["K5"][1:] == (pytest.approx(0.95), ("LPRI", "LSEC"))
    assert parts["RSX"][:2] == (("vx", "x1"), pytest.approx(5.0))
    vx = next(s for s in request.sources if s.name == "VX")
    assert (vx.node, vx.ac) == ("vx", 1.0)


@pytest.mark.parametrize("text, name, kind, nodes, model, params", [
    ("Terse: VG g 0 DC 1.8; M5 d g 0 0 NMOS W=2u L=180n (model NM18: VTO=0.45 KP=280u); RL5 vdd d 10k.", "M5", "M",
     ("d", "g", "0", "0"), "NM18", ("W=2u", "L=180n")),
    ("V1 in 0 DC 5; R1 in a 1k; D1 a 0 DX; Q2 c b 0 QN; .op", "Q2", "Q", ("c", "b", "0"), "QN", ()),
    ("V1 in 0 DC 5; R1 in a 1k; D1 a 0 DX; Q2 c b 0 QN; .op", "D1", "D", ("a", "0"), "DX", ()),
])
def test_a_device_written_as_a_spice_line(text, name, kind, nodes, model, params):
    device = next(e for e in read_request(text).elements if e.name == name)
    assert (device.kind, device.nodes, device.model, device.params) == (kind, nodes, model, params)


def test_items_of_name_value_and_nodes_set_off_by_commas():
    text = "Set up: VS, 12 V, node top; RA, 6.8 kΩ, top to mid; RB, 3.3 kΩ, mid to ground. Find v(mid)."
    assert _parts(text) == {"RA": (("top", "mid"), pytest.approx(6800.0)), "RB": (("mid", "0"), pytest.approx(3300.0))}
    assert _sources(text)["VS"][:2] == ("V", "top") and _sources(text)["VS"][3] == pytest.approx(12.0)


def test_a_level_written_in_vdc_is_a_dc_level_of_the_source_stating_it():
    said = _sources("R5 = 4.7 kilohms from a to b, C2 = 0.1 microfarad from b to ground. VA = 5 VDC on a. .op")
    assert set(said) == {"VA"} and said["VA"][1] == "a" and said["VA"][3] == pytest.approx(5.0)


def test_a_pulse_said_by_its_low_and_high_levels():
    text = ("a pulse source VCLK drives node ck, low 0 V, high 5 V, period 10 us, 50 % duty, 20 ns edges. RCK = 1k "
            "from ck to cd.")
    pulse = next(s for s in read_request(text).sources if s.name == "VCLK").pulse
    assert pulse is not None and pulse[:2] == (0.0, 5.0) and pulse[6] == pytest.approx(1e-5)
    assert pulse[5] == pytest.approx(5e-6)


def test_a_controlled_sources_pins_said_by_their_signs():
    text = ("E5 is a voltage-controlled voltage source: out+ is eo, out- is ground, control+ is ep, control- is en, "
            "gain 20. VEP = 1.01 V on ep.")
    e5 = read_request(text).elements[0]
    assert (e5.name, e5.nodes, e5.value) == ("E5", ("eo", "0", "ep", "en"), 20.0)


@pytest.mark.parametrize("text, line, card", [
    ("VB biases node b at 0.7 V; Q2 (NPN, default model) has collector c, base b, emitter grounded; RC2 = 1k from vcc "
     "to c; VCC = 5 V on vcc. Bias point.", "Q2 c b 0 qdefault", ".model qdefault NPN"),
    ("M1 (NMOS, default W and L): drain d, gate g, source 0, bulk 0; RD 1k from vdd to d; VDD = 5 V on vdd; VG = 2 V "
     "on g. .op", "M1 d g 0 0 nch W=10u L=1u", None),
])
def test_a_transistor_said_to_have_the_default_model_gets_spices_own_card(text, line, card):
    lines = generate(text).netlist.splitlines()
    assert line in lines and (card is None or card in lines)


def test_a_named_sources_levels_said_per_step_are_its_sweep_not_a_pulse():
    text = ("I need a DC sweep: VBE on node bx goes 0.5 V to 0.8 V, 2 mV per step; Q4 (NPN, default model) collector "
            "on vc, base bx, emitter 0; VC4 = 5 V on vc.")
    vbe = next(s for s in read_request(text).sources if s.name == "VBE")
    assert (vbe.node, vbe.pulse) == ("bx", None)
    assert [a.directive for a in parse_intent(text).analyses] == [".dc VBE 500m 800m 2m"]


def test_a_mosfet_given_its_kp_and_no_size_keeps_spices_own_size():
    netlist = generate("MN1: NMOS (model NX: VTO=0.7 KP=100u), drain on d, gate on g, source and body to ground. "
                       "VG = 2 V on g, VD = 3 V on d. Operating point.").netlist
    assert "MN1 d g 0 0 NX" in netlist.splitlines()  # no W and L of ours: ID = KP/2 (VGS - VTO)^2 as stated


def test_a_current_source_between_two_nodes_into_one_draws_from_the_other():
    i3 = _sources("A 10 mA current source I3 between vdd and x (into x); R3 = 100 from x to ground; VDD = 5 V at vdd.")
    assert i3["I3"][:4] == ("I", "x", "vdd", pytest.approx(0.01))


def test_a_source_across_two_nodes_read_by_its_clause_is_written_once():
    netlist = generate("V5 (5 V) across nodes p and n; R1 = 1k from p to 0; R2 = 4k from n to 0. .op").netlist
    assert [line for line in netlist.splitlines()[1:] if line.startswith("V5 ")] == ["V5 p n 5"]  # (line 0: title)


def test_a_part_whose_first_end_is_said_before_it_and_a_comma():
    text = ("There's a source I'm calling VBAT, it's 3.7 V, sitting on node bat. From bat, a 10 ohm resistor RSENSE "
            "runs to node load, and the load itself is RL, 47 ohms, from load down to ground.")
    assert _parts(text)["RSENSE"] == (("bat", "load"), pytest.approx(10.0))


def test_numbered_steps_are_no_step_input_and_a_run_from_the_initial_conditions_skips_the_bias_point():
    text = ("Step 1) V1 = 10 V at node a. Step 2) R1 = 10k from a to b. Step 3) C1 = 1 uF from b to 0 with an initial "
            "voltage of 2 V. Step 4) simulate 50 ms (transient) from the initial condition.")
    v1 = next(s for s in read_request(text).sources if s.name == "V1")
    assert (v1.node, v1.dc, v1.pulse) == ("a", 10.0, None)
    assert [a.directive for a in parse_intent(text).analyses] == [".tran 50u 50m uic"]
    assert read_request("Step 1: V1 = 5 V at a. Step 2: R1 1k a to b.").description.startswith("V1 = 5 V at a.")


def test_a_sine_centred_on_a_level_has_it_as_its_offset():
    said = _sources("VSIG is a 2 Vpp, 5 kHz sine centred on 1 V at node s; R1 = 1k from s to t.")["VSIG"]
    assert said[1] == "s" and said[5] == (1.0, 1.0, 5000.0)


def test_a_spice_temperature_step_list_is_the_temp_list():
    intent = parse_intent(".step temp list -40 25 85 with .op: ID9 (1 mA) into node k9, D9 from k9 to 0.")
    assert ".temp -40 25 85" in [a.directive for a in intent.analyses]


def test_a_list_one_item_a_line_keeps_its_items_apart_through_the_cleaned_description():
    from spice_lsp.generation.pipeline import clean_description
    text = "Bridge:\n1. D1 anode a, cathode p\n2. D2 anode b, cathode p\nVAC is SIN(0 10 60) across a and b."
    cleaned = clean_description(text)
    assert "cathode p; VAC is" in cleaned and read_request(cleaned).elements[1].nodes == ("b", "p")
