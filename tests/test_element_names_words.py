"""Element statements whose names are also circuit words, sources by named parameters, channel sizes in µm and
typeset notation (lane B, session 7): the reader keeps each part's name, nodes and value as stated."""
import pytest

from spice_lsp.generation.pipeline import clean_description
from spice_lsp.generation.request import read_request


def _parts(text: str) -> dict[str, tuple]:
    return {e.name: (e.kind, e.nodes, e.value) for e in read_request(text).elements if e.name}


@pytest.mark.parametrize("text, name, kind, nodes, value", [
    ("Follower: RB 220k from vdd to gate, then RE 3.3k from src to ground.", "RB", "R", ("vdd", "gate"), 220e3),
    ("Follower: RB 220k from vdd to gate, then RE 3.3k from src to ground.", "RE", "R", ("src", "0"), 3.3e3),
    ("Stage: RC 5.6k from rail to col and RB2 8.2k from bb to 0.", "RC", "R", ("rail", "col"), 5.6e3),
    ("Stage: RC 5.6k from rail to col and RB2 8.2k from bb to 0.", "RB2", "R", ("bb", "0"), 8.2e3),
    ("amp parts: RIN 1.5k a->m, RF 33k m->z", "RF", "R", ("m", "z"), 33e3),
    ("LS 2.2 mH from p to q, CS 47 nF from q to 0", "LS", "L", ("p", "q"), 2.2e-3),
    ("LS 2.2 mH from p to q, CS 47 nF from q to 0", "CS", "C", ("q", "0"), 47e-9),
    ("RT 680 from w to 0", "RT", "R", ("w", "0"), 680.0),
])
def test_capital_names_with_the_value_next(text, name, kind, nodes, value):
    assert _parts(text)[name] == (kind, nodes, pytest.approx(value))


@pytest.mark.parametrize("text", ["an RC low-pass with RC 2 ms", "CLK 4 MHz drives the counter",
                                  "an LC tank, LC 100 kHz", "RMS 3 V", "an RC 2.2k/47n low-pass",
                                  "the RL 150 section"])
def test_a_time_a_frequency_or_a_level_names_no_part(text):
    assert _parts(text) == {}


def test_a_part_named_after_its_kind_word():
    parts = _parts("Clamp: a 3.9 V zener DZ with cathode at clip and anode at ground, RS = 1k from sig to clip.")
    assert parts["DZ"][:2] == ("D", ("0", "clip"))
    assert _parts("pmos MP from out, gate g2")["MP"][0] == "M"


def test_a_source_named_like_a_model_parameter_when_placed_on_a_node():
    request = read_request("Diodes D1 anode n1 cathode k, D2 anode n2 cathode k. VA = 2.5 V on n1, VB = 1.2 V on n2.")
    assert {(s.name, s.node, s.dc) for s in request.sources} >= {("VA", "n1", 2.5), ("VB", "n2", 1.2)}
    assert not any(p.name == "vaf" for p in request.model_params)
    # the Early voltage stays a model parameter
    bjt = read_request("NPN Q3 with VA = 60 and BF = 120, collector k base j emitter 0")
    assert ("vaf", 60.0) in {(p.name, p.value) for p in bjt.model_params}


@pytest.mark.parametrize("text, name, nodes", [
    ("Q3 npn collector k base j emitter 0", "Q3", ("k", "j", "0")),
    ("M5 NMOS drain dn gate gt source sr bulk 0", "M5", ("dn", "gt", "sr", "0")),
    ("M6 nmos: drain u, gate w, source/bulk ground", "M6", ("u", "w", "0", "0")),
    ("M7 pmos drain u gate w, source & body to vdd", "M7", ("u", "w", "vdd", "vdd")),
])
def test_pins_listed_without_commas(text, name, nodes):
    assert _parts(text)[name][1] == nodes


@pytest.mark.parametrize("sizes, w, length", [
    ("W = 30 µm, L = 3 µm", "30u", "3u"), ("W = L = 6 um", "6u", "6u"), ("W=500nm L=250nm", "500n", "250n"),
    ("W/L = 8u/2u", "8u", "2u"),
])
def test_channel_sizes_in_metres_are_spice_numbers(sizes, w, length):
    element = next(e for e in read_request(f"M7 nmos drain o, gate i, source 0; {sizes}.").elements if e.name == "M7")
    assert element.params == (f"W={w}", f"L={length}")


@pytest.mark.parametrize("text, sine", [
    ("Vs on node q: sine, 0 V offset, 3 V amplitude, 400 Hz.", (0.0, 3.0, 400.0)),
    ("Vs on node q is a sine: offset 0 V, peak 1.5 V, 50 Hz.", (0.0, 1.5, 50.0)),
    ("Vs on node q, a sinusoid of amplitude 0.25 V at 3 kHz with a 2 V offset.", (2.0, 0.25, 3000.0)),
])
def test_sine_figures_by_their_names(text, sine):
    assert next(s.sin for s in read_request(text).sources if s.name == "Vs") == pytest.approx(sine)


def test_a_mixed_case_source_placed_between_two_nodes():
    request = read_request("Vdrv between a and ground is a sine, 1 V amplitude, 200 Hz. R1 = 1k from a to 0.")
    assert [(s.name, s.node, s.sin) for s in request.sources] == [("Vdrv", "a", (0.0, 1.0, 200.0))]


def test_typeset_notation_reads_as_plain_words():
    text = clean_description("R₃ = 4.7 kΩ from p to q, C₁₂ = 1 nF from q to ⏚.")
    assert _parts(text) == {"R3": ("R", ("p", "q"), pytest.approx(4700.0)),
                            "C12": ("C", ("q", "0"), pytest.approx(1e-9))}


@pytest.mark.parametrize("text, kind, nodes, value", [
    ("3.3 millihenry in series from drv to sp, then 4.7 microfarad across sp.", "C", ("sp", "0"), 4.7e-6),
    ("R1 = 2k from u to v and 220 ohm across v.", "R", ("v", "0"), 220.0),
])
def test_an_unnamed_part_across_one_node_hangs_to_ground(text, kind, nodes, value):
    found = [(e.kind, e.nodes, e.value) for e in read_request(text).elements if e.name is None]
    assert (kind, nodes, pytest.approx(value)) in found


@pytest.mark.parametrize("text, name, node, ac", [
    ("Feed node k from I4, an AC current source of 250 uA. R1 = 2k from k to 0.", "I4", "k", 250e-6),
    ("Drive node k with an AC current source IX2 of 3 mA; R1 = 2k from k to 0.", "IX2", "k", 3e-3),
])
def test_an_ac_current_source_by_its_words(text, name, node, ac):
    source = next(s for s in read_request(text).sources if s.name == name)
    assert (source.kind, source.node, source.dc, source.ac) == ("I", node, None, pytest.approx(ac))


def test_a_zener_with_its_voltage_in_its_own_words_breaks_down_there():
    from spice_lsp.generation.pipeline import generate
    result = generate("VS = 20 V DC on sup, RS = 1k from sup to k, a 7.5 V zener DZ9 with cathode on k and anode "
                      "to ground. Operating point.")
    netlist = result.served.netlist.lower()
    assert "dz9 0 k dzener" in netlist and "bv=7.5" in netlist


def test_a_stated_part_between_the_family_nodes_is_that_part():
    from spice_lsp.generation.pipeline import generate
    from spice_lsp.language.parser import parse
    from training.case_checks import run_check
    result = generate("Non-inverting amplifier: R7 = 4.7k from m to 0, R8 = 22k from m to vo, op-amp + input at p, "
                      "- input at m, output vo, ±12 V. VP = 0.25 V DC at p. Operating point.")
    elements = {e.name.upper(): e for e in parse(result.served.netlist).netlist.elements}
    assert {n for n in elements if n[0] == "R"} == {"R7", "R8"}  # no family resistor left beside the stated ones
    assert [f.text for f in elements["X1"].fields[:3]] == ["p", "m", "vo"]
    want = 0.25 * (1 + 22 / 4.7)
    measured = run_check(result.served.netlist, {"analysis": "op", "measure": "v(vo)", "min": want * 0.99,
                                                 "max": want * 1.01})
    assert measured.passed, measured
    assert result.verified and not any("function: gain" in c.what for c in result.checks)


@pytest.mark.parametrize("text, pins", [
    ("Parts: op-amp with + input at ip, - input at im, output oo; R1 = 1k from im to 0.", ("ip", "im", "oo")),
    ("Op-amp: inverting input nn, non-inverting input grounded, output q.", ("0", "nn", "q")),
    ("opamp (-) at fbk, (+) grounded, rails +/-9 V", ("0", "fbk", None)),
    ("an op-amp inverting amplifier with a gain of -4", None),  # a circuit's name, no pin placed
    ("two op-amps: the first with + input at a, the second with + input at b", None),  # which one is unsure
])
def test_the_op_amps_pins_from_its_own_statement(text, pins):
    assert read_request(text).opamp_pins == pins


def test_the_stated_op_amp_pins_place_an_inverting_stage():
    from spice_lsp.generation.pipeline import generate
    from training.case_checks import run_check
    result = generate("Inverting amplifier, listed: Ra = 2.7k from s to j, Rb = 27k from j to w; op-amp inverting "
                      "input j, non-inverting input grounded, output w, ±12 V. VS = 0.15 V DC at s. Operating point.")
    want = -27 / 2.7 * 0.15
    measured = run_check(result.served.netlist, {"analysis": "op", "measure": "v(w)", "min": want * 1.02,
                                                 "max": want * 0.98})
    assert measured.passed, (measured, result.served.netlist)


def test_a_node_called_by_a_pin_word_and_an_led_transcribed_as_one():
    from spice_lsp.generation.pipeline import generate
    result = generate("Green LED D4 with its anode at node anode and cathode to ground, fed through R2 = 220 Ω from "
                      "rail, V2 = 3.3 V DC on rail. Operating point.")
    lines = {line.split()[0].upper(): line.split()[1:] for line in result.served.netlist.splitlines()[1:]
             if line[:1].isalpha()}
    assert lines["D4"][:2] == ["anode", "0"] and lines["R2"][:2] == ["rail", "anode"]
    assert ".model dled" in result.served.netlist  # an LED's drop, not a silicon diode's


def test_a_stated_zener_added_to_a_family_breaks_down_at_its_voltage():
    from spice_lsp.generation.compose import zener_card
    from spice_lsp.generation.request import ElementConstraint
    assert "bv=3.9" in zener_card(ElementConstraint("a 3.9 V zener D3 from out to ground", "D", "D3", ("0", "out")))
    assert zener_card(ElementConstraint("a diode D3 from out to ground, 5 V", "D", "D3", ("0", "out"))) is None


def test_two_parts_said_in_series_between_two_nodes_meet_at_a_node_of_their_own():
    parts = _parts("A trap: L3 22 mH and C3 470 nF in series from tr to ground, R3 = 2k from s to tr.")
    (la, lb), (ca, cb) = parts["L3"][1], parts["C3"][1]
    assert (la, cb) == ("tr", "0") and lb == ca not in ("tr", "0", "s")
    # joined by "and" without "in series": both across the same two nodes
    both = _parts("RL = 4.7k and C9 = 22 uF from o to ground")
    assert both["RL"][1] == both["C9"][1] == ("o", "0")


def test_a_part_across_another_named_part_takes_its_nodes():
    parts = _parts("CB 220p across RB, RB 47k from m to w")
    assert parts["CB"][1] == parts["RB"][1] == ("m", "w")


def test_an_unnamed_ac_current_source_by_its_words():
    request = read_request("an AC current source of 40 µA into node h, R1 = 10k from h to 0")
    assert [(s.kind, s.node, s.dc, s.ac) for s in request.sources] == [("I", "h", None, pytest.approx(40e-6))]


def test_two_devices_stated_together_share_their_plural_pins_in_order():
    parts = _parts("Pair: Q7 and Q8 are NPNs with emitters joined at em, bases on ba and bb, collectors ca and cb.")
    assert parts["Q7"][1] == ("ca", "ba", "em") and parts["Q8"][1] == ("cb", "bb", "em")
    mirror = _parts("Mirror: M3 and M4 NMOS, gates tied to gg, sources grounded, drains gg and o2.")
    assert mirror["M3"][1] == ("gg", "gg", "0", "0") and mirror["M4"][1] == ("o2", "gg", "0", "0")


def test_a_current_named_before_its_level_into_a_node():
    request = read_request("M5 drain r gate r source 0; bias current 50 uA into r.")
    assert [(s.kind, s.node, s.dc) for s in request.sources] == [("I", "r", pytest.approx(50e-6))]
