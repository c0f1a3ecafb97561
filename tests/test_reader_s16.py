"""The request reader's and composer's classes of session 16, each with variants written for these tests (not taken
from a benchmark file): part names SPICE allows that are not capitals and digits, a part's card written inline, the
node a source or a part's noun names, a share of a source's level, two MOS models told apart by their names, a
named source held at a level in a sentence of its own, and arithmetic that is no circuit."""
import pytest

from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.generation.ports import read_ports
from spice_lsp.generation.request import read_request


def _element(text: str, name: str):
    return next(e for e in read_request(text).elements if e.name == name)


def _source(text: str, name: str):
    return next(s for s in read_request(text).sources if s.name == name)


def _lines(netlist: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in netlist.splitlines()[1:]
            if line.strip() and not line.startswith((".", "*", "+"))}


@pytest.mark.parametrize(("text", "name", "nodes"), [
    ("R_load = 2.2k from out to ground, R1 = 1k from top to out, 12 V on top. Operating point.", "R_load",
     ("out", "0")),
    ("C_hold (47 nF) from sh to ground, R2 = 100 from in to sh, 1 V AC on in. AC sweep 10 Hz to 10 MHz.", "C_hold",
     ("sh", "0")),
])
def test_a_part_named_with_an_underscore_in_lower_case_keeps_its_name(text, name, nodes):
    assert _element(text, name).nodes == nodes
    answer = generate(text)
    assert name in _lines(answer.netlist) and answer.verified


@pytest.mark.parametrize(("text", "name", "node"), [
    ("V_main = 15 V on rail, R1 = 1k from rail to a, R2 = 2k from a to ground. Operating point.", "V_main", "rail"),
    ("Vsig is a sine source on node s1: SIN(0 0.5 2k). R3 = 4.7k from s1 to s2, C3 = 10 nF from s2 to ground. "
     "Transient 2 ms.", "Vsig", "s1"),
])
def test_a_source_named_in_mixed_case_keeps_its_name(text, name, node):
    assert _source(text, name).node == node
    answer = generate(text)
    assert _lines(answer.netlist)[name][0] == node and answer.verified


def test_v_out_with_a_level_is_the_outputs_level_not_a_source():
    assert not any(s.name == "V_out" for s in read_request("V_out = 5 V from a 12 V input: a buck converter").sources)


def test_a_device_named_by_letters_then_colon_and_its_model_after_a_semicolon():
    text = ("QX: PNP with emitter on top, base on bb, collector on cc; model QP9 with BF=120. RC = 1k from cc to "
            "ground, VE = 5 V on top, VB = 4.2 V on bb. Operating point.")
    part = _element(text, "QX")
    assert (part.nodes, part.model) == (("cc", "bb", "top"), "QP9")
    assert "QP9" in generate(text).netlist


@pytest.mark.parametrize(("text", "name", "nodes"), [
    ("From src, R5 = 3.3k goes to node mid and C5 = 22 nF goes from mid to ground. V1 = 1 V AC on src. "
     "AC sweep 10 Hz to 1 MHz.", "R5", ("src", "mid")),
    ("From bus, RS = 0.5 ohm runs to node ld; RL = 10 from ld to ground; 12 V on bus. Operating point.", "RS",
     ("bus", "ld")),
])
def test_ends_before_the_part_then_its_value_then_where_it_goes(text, name, nodes):
    assert _element(text, name).nodes == nodes


def test_source_plus_bulk_at_ground_names_no_node_plus():
    text = ("M3 is an NMOS with drain d3, gate g3, and source plus bulk at ground; W=5u, L=1u; model NX with VTO=0.8 "
            "and KP=50u. RD = 22k from vdd to d3, VDD = 9 V, VG = 2 V on g3. Operating point.")
    assert _element(text, "M3").nodes == ("d3", "g3", "0", "0")
    assert "plus" not in generate(text).netlist.split("\n", 1)[1]  # (the title repeats the request)


def test_a_controlled_sources_card_written_inline_gives_its_nodes_and_value():
    text = ("G5 is a VCCS of 2 mS written G5 0 y x 0, pushing current into y. Vx = 1 V on x, and R9 = 1k from y to "
            "ground. Operating point.")
    part = _element(text, "G5")
    assert (part.nodes, part.value) == (("0", "y", "x", "0"), 2e-3)
    answer = generate(text)
    assert _lines(answer.netlist)["G5"][:4] == ["0", "y", "x", "0"] and answer.verified


@pytest.mark.parametrize("text", [
    "Non-inverting op-amp amplifier, gain 6, input node ain, output aout, 10k feedback resistor. Put a 1 V AC test "
    "source on ain.",
    "Inverting amplifier with gain -3, output vo3, and a 0.5 V AC source on node drive as its input.",
])
def test_an_unnamed_ac_source_on_a_node_drives_the_familys_input(text):
    request = read_request(text)
    node = next(s.node for s in request.sources if s.ac is not None)
    answer = generate(text)
    assert any(line[0] == node and "AC" in " ".join(line) for name, line in _lines(answer.netlist).items()
               if name.upper().startswith("V"))


@pytest.mark.parametrize(("text", "node", "level"), [
    ("From a 12 V rail on node r12 I need 5 V at node five with a two-resistor divider.", "r12", 12.0),
    ("From a 24 V supply at node hv I want 2.5 V at node lo, two resistors.", "hv", 24.0),
])
def test_the_supply_said_first_then_the_level_wanted(text, node, level):
    request = read_request(text)
    assert any(s.node == node and s.dc == level for s in request.sources)
    answer = generate(text)
    assert answer.verified and f" {node} " in answer.netlist


def test_the_tank_node_and_the_feed_resistor_of_an_lc_tank():
    text = "Parallel LC tank at 1 MHz with a 220 pF capacitor, fed from a 1 V AC source on node gen through a 22k " \
           "resistor; the tank node is tk."
    assert read_ports(text).roles.get("tank") == ("tk",)
    answer = generate(text)
    lines = _lines(answer.netlist)
    assert any(v[:2] == ["gen", "tk"] and v[2] == "22k" for k, v in lines.items() if k.startswith("R"))
    assert answer.verified


def test_the_timing_capacitors_node_named_by_its_noun():
    text = "Op-amp relaxation oscillator at 1 kHz, square wave on node q, the timing capacitor's node is tc, " \
           "two equal resistors in the hysteresis divider, +/-5 V rails. Run a 10 ms transient."
    assert read_ports(text).roles.get("capacitor") == ("tc",)
    answer = generate(text)
    assert any(k.startswith("C") and "tc" in v for k, v in _lines(answer.netlist).items())


def test_sim_and_a_length_is_a_transient():
    text = "R1 = 10k from a to b, C1 = 1 uF from b to gnd, a 5 V step on a at 1 ms. sim 30 ms"
    assert ".tran" in generate(text).netlist


def test_an_unnamed_ac_level_on_its_node_is_a_figure_read():
    text = "r4 2k2 from p to q, c4 4n7 q to gnd, 1 V ac on p, ac sweep 10 Hz to 100 kHz 10/dec"
    answer = generate(text)
    assert answer.verified, answer.warnings


@pytest.mark.parametrize(("text", "target"), [
    ("bring a 12 V supply (node v12) down to a quarter of that at node q for a logic pin. two resistors.", 3.0),
    ("drop a 6 V battery (node bt) to half of that at node hb with two resistors.", 3.0),
])
def test_a_share_of_a_sources_level_is_the_outputs_spec(text, target):
    spec = next(s for s in read_request(text).specs if s.quantity == "vout")
    assert spec.target == pytest.approx(target)
    assert generate(text).verified


def test_a_signal_made_bigger_at_another_node_and_the_noun_its_source_is_said_by():
    text = "Make my microphone signal at m_in five times bigger at m_out, not inverted. For the test the " \
           "microphone sits at 0.1 V DC."
    request = read_request(text)
    assert (request.input, request.output) == ("m_in", "m_out")
    assert any(s.node == "m_in" and s.dc == 0.1 for s in request.sources)
    assert generate(text).verified


def test_a_battery_named_on_its_node_is_the_familys_supply_and_the_leds_anode_named():
    text = "Light an LED from a 5 V battery (the source is VB1 on node bat) at 15 mA. The LED's anode is node la."
    answer = generate(text)
    lines = _lines(answer.netlist)
    assert lines["VB1"][0] == "bat" and any(k.startswith("D") and v[0] == "la" for k, v in lines.items())
    assert answer.verified


def test_two_mos_models_named_for_their_polarity_and_sizes_after_the_device_word():
    text = ("CMOS inverter on 2.5 V (node vdd), level-1 models NA (VTO=0.45, KP=150u) and PA (VTO=-0.45, KP=60u); "
            "NMOS 2u/0.5u, PMOS 5u/0.5u. Input from source VI on node ni, output no. Sweep VI from 0 to 2.5 V.")
    answer = generate(text)
    cards = {line.split()[2].split("(")[0].lower(): line.lower() for line in answer.netlist.splitlines()
             if line.lower().startswith(".model")}
    assert "vto=0.45" in cards["nmos"] and "vto=-0.45" in cards["pmos"]
    assert "kp=0.00015" in cards["nmos"].replace("150u", "0.00015")
    widths = {v[4]: v[5] for k, v in _lines(answer.netlist).items() if k.startswith("M")}
    assert set(widths.values()) >= {"W=2u", "W=5u"}
    assert not any(w.startswith("two values for") for w in answer.warnings)


@pytest.mark.parametrize(("text", "name", "level"), [
    ("CMOS NAND2 on 3.3 V, inputs from sources VA on na and VB on nb, output y. Hold VB at 3.3 V and sweep VA from "
     "0 to 3.3 V.", "VB", 3.3),
    ("CMOS NOR2 on 1.8 V, inputs VP on p1 and VQ on q1, output z. Keep VQ at 0 and sweep VP 0 to 1.8 V.", "VQ", 0.0),
])
def test_a_named_source_held_at_a_level_in_its_own_sentence(text, name, level):
    assert _source(text, name).dc == level


def test_na_after_on_is_a_node_not_nanoamps():
    assert any(s.node == "na" for s in read_request("NAND gate, sources VA on na and VB on nb, output ny.").sources)


@pytest.mark.parametrize("text", ["what is 17 times 23?", "compute 6 times 7"])
def test_a_product_of_two_numbers_is_no_gain(text):
    with pytest.raises(CannotServe):
        generate(text)
