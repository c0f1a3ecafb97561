"""Spec and analysis reading, design to spec (lane B, session 9): each test in new words, asserting what is read or
computed from the request's own figures."""
from spice_lsp.generation.request import read_request


def test_a_tone_with_its_level_is_a_sine_source():
    r = read_request("First-order RC low-pass, corner 150 Hz; drive node a with a 600 Hz tone of 2 V peak, out at b.")
    assert [s.sin for s in r.sources] == [(0.0, 2.0, 600.0)]
    assert [(s.quantity, s.target) for s in r.specs] == [("cutoff", 150.0)]


def test_a_tone_into_a_one_sided_filter_is_no_band_centre():
    for text in ("Send a 1.2 kHz tone into a high-pass RC (x to y) with its cutoff at 300 Hz.",
                 "An RC low-pass for a 250 Hz tone, corner 2 kHz, from p to q"):
        quantities = {s.quantity for s in read_request(text).specs}
        assert "center" not in quantities and "cutoff" in quantities


def _specs(text: str) -> list[tuple[str, float]]:
    return [(s.quantity, s.target) for s in read_request(text).specs]


def test_a_vco_gain_times_its_control_level_is_its_frequency():
    assert _specs("VCO at 250 Hz per volt; the tuning input tn sits at 4 V; output q.") == [("frequency", 1000.0)]
    assert _specs("voltage-controlled oscillator, 3 kHz/V, 15 V supply, control at 0.5 V, out f") == \
        [("frequency", 1500.0)]
    # no control level said: the gain is no frequency of its own
    assert ("frequency", 2000.0) not in _specs("VCO with a tuning gain of 2 kHz per volt, output w")


def test_gain_notations_without_the_word_before_the_figure():
    cases = {"non-inverting stage x6, input a, output b": ("gain", 6.0),
             "inverting amplifier, 7.5 V/V, p to q": ("gain", 7.5),
             "I need +14.2 dB out of an op-amp amplifier, in to out": ("gain_db", 14.2),
             "inverting op-amp amplifier, -3.3, from u to w": ("gain", -3.3),
             "amplifier with Av = -12, x to y": ("gain", -12.0),
             "op-amp amplifier, |gain| = 9, a and b": ("gain", 9.0),
             "a -6 inverting amplifier between s and t": ("gain", -6.0),
             "a 4x non-inverting amp from m to n": ("gain", 4.0)}
    for text, want in cases.items():
        assert _specs(text) == [want], text


def test_decibel_figures_that_are_no_gain():
    assert not any(q in ("gain", "gain_db") for q, _ in _specs("op-amp amplifier with CMRR 85 dB, a to b"))
    assert not any(q == "gain_db" and v > 0 for q, v in _specs("amplifier, 12 dB down at 30 kHz, a to b"))
    assert _specs("Use op-amp X3 as a unity buffer, p to q") == [] or ("gain", 3.0) not in _specs(
        "Use op-amp X3 as a unity buffer, p to q")


def test_a_sweep_count_in_words_and_a_dc_transfer_function():
    from spice_lsp.generation.intent import parse_intent
    from spice_lsp.generation.stated.analyses import sweep_spacing
    from spice_lsp.language.parser import parse
    text = "RC low-pass, 2.2k and 47 nF, a to b; AC sweep with twelve points per octave from 50 Hz to 20 kHz."
    assert [a.directive for a in parse_intent(text).analyses if a.kind == "ac"] == [".ac oct 12 50 20k"]
    items = sweep_spacing(text, parse("t\nV1 a 0 AC 1\n.ac oct 20 50 20k\n.end\n").netlist)
    assert [i.status for i in items] == ["fail"]  # twelve asked, twenty written
    kinds = {a.kind for a in parse_intent("Divider 5k over 5k from VS on s to m; give the DC transfer function "
                                          "from VS to v(m).").analyses}
    assert "tf" in kinds and "dc" not in kinds


def test_a_single_transistor_is_biased_at_its_stated_current_and_level():
    import math

    from spice_lsp.generation.pipeline import generate
    from tests.measuring import measure
    for text, node, want_level, want_current in (
            ("NMOS (VTO=0.8, KP=150u, W=20u, L=2u) biased at 300 uA from a 6 V supply, a drain resistor that puts "
             "the drain at 4 V; drain node dn", "dn", 4.0, 300e-6),
            ("Bias an NPN at 2 mA collector current from a 15 V supply with the collector at 9 V; collector node cx",
             "cx", 9.0, 2e-3)):
        result = generate(text)
        assert result.verified, [c for c in result.checks if c.status != "pass"]
        load = next(w[0] for w in map(str.split, result.netlist.splitlines())
                    if w and w[0][0] == "R" and node in w[1:3])
        level = measure(result.netlist, f"op\nlet result = v({node})")
        current = measure(result.netlist, f"op\nlet result = (v({_other(result.netlist, load, node)}) - v({node}))"
                                          f" / {_value(result.netlist, load)}")
        assert math.isclose(level, want_level, rel_tol=0.03) and math.isclose(current, want_current, rel_tol=0.03)


def _other(netlist: str, name: str, node: str) -> str:
    ends = next(w[1:3] for w in map(str.split, netlist.splitlines()) if w[:1] == [name])
    return next(e for e in ends if e != node)


def _value(netlist: str, name: str) -> str:
    from tests.measuring import part_value
    return f"{part_value(netlist, name):g}"


def test_a_sine_in_the_sentence_that_names_the_supply_is_no_supply():
    r = read_request("Common-emitter NPN stage (about 15 dB, 9 V supply) with a 20 mV, 2 kHz sine at node vi; "
                     "output vo.")
    sine = [s for s in r.sources if s.sin]
    assert [(s.node, s.sin, s.dc, s.supply) for s in sine] == [("vi", (0.0, 0.02, 2000.0), None, False)]


def test_a_node_called_ac_is_no_ac_analysis():
    from spice_lsp.generation.intent import parse_intent
    kinds = [a.kind for a in parse_intent("Rectifier: 5 V peak 50 Hz sine on node ac, a diode from ac to out, "
                                          "47 uF from out to ground. Transient for 60 ms.").analyses]
    assert kinds == ["tran"]
    assert [a.kind for a in parse_intent("RC low-pass 2k and 10 nF, AC from 10 Hz to 1 MHz").analyses] == ["ac"]


def test_a_level_wanted_at_a_node_is_its_output_spec_with_its_tolerance():
    r = read_request("Two resistors from a 12 V source at node s; I need 4 V on node k within 3 %.")
    assert r.output == "k" and not any(s.node == "k" for s in r.sources)
    assert [(s.quantity, s.target, s.node, s.tolerance) for s in r.specs] == [("vout", 4.0, "k", 0.03)]
    assert [(s.quantity, s.tolerance) for s in read_request("RC high-pass at 300 Hz (±2 %), a to b").specs] == \
        [("cutoff", 0.02)]


def test_temperatures_listed_after_at_with_a_bare_c():
    from spice_lsp.generation.intent import parse_intent
    directives = [a.directive for a in parse_intent("Zener from k to ground fed 2 mA into k. Simulate at -10, 40 "
                                                    "and 90 C.").analyses]
    assert ".temp -10 40 90" in directives
    assert not any(a.kind == "temp" for a in parse_intent("RC 2k and 5 nF, look at 1, 2 and 4 kHz").analyses)


def test_a_bandwidth_figure_is_no_sweep_and_an_leds_parenthesised_level_is_its_drop():
    from spice_lsp.generation.intent import parse_intent
    from spice_lsp.generation.pipeline import generate
    assert parse_intent("series RLC band-pass centred on 4 kHz, bandwidth 400 Hz, a to b").analyses == []
    result = generate("green LED (2.2 V) at 8 mA from a 9 V rail, the LED's anode on node g")
    assert result.verified, [c for c in result.checks if c.status != "pass"]
    assert "9" in next(line for line in result.netlist.splitlines() if line.startswith("V1"))


def test_an_adders_one_gain_is_each_inputs_and_an_emitter_level_with_its():
    from spice_lsp.generation.pipeline import generate
    from tests.measuring import part_value
    result = generate("inverting summer, gain -3 for each input, inputs p and q, output z")
    assert result.verified, [c for c in result.checks if c.status != "pass"]
    rf = part_value(result.netlist, "R3")
    assert all(abs(rf / part_value(result.netlist, name) - 3) < 0.06 for name in ("R1", "R2"))
    assert [(s.quantity, s.target) for s in read_request("BJT emitter follower from 15 V with its emitter at 7 V, "
                                                         "output e").specs] == [("vout", 7.0)]


def test_a_signed_gain_is_measured_as_its_size_with_its_sign():
    import math

    from spice_lsp.generation.checklist import measure
    from spice_lsp.generation.request import Spec
    # -2 through a 3 kHz pole: at 1 kHz its size is 2/sqrt(1 + 1/9), 18 degrees off the negative axis
    netlist = "t\nV1 in 0 AC 1\nE1 x 0 in 0 -2\nR1 x out 1k\nC1 out 0 53.05n\n.ac dec 10 10 100k\n.end\n"
    value, _ = measure(Spec("gain -2", "gain", -2.0), netlist, "out", "in", description="gain -2")
    assert value is not None and math.isclose(value, -2 / math.sqrt(1 + 1 / 9), rel_tol=0.01)


def test_a_threshold_is_no_node_a_source_sits_on():
    r = read_request("Schmitt trigger, thresholds at 1 V and 4 V, 5 V supply, input a output b")
    assert not any(s.node in ("threshold", "thresholds") for s in r.sources)


def test_a_darlington_followers_output_level_sets_its_drive():
    import math

    from spice_lsp.generation.pipeline import generate
    from tests.measuring import measure
    result = generate("Darlington pair follower, output at 4 V into a 220 ohm load, 15 V supply, output node f")
    assert result.verified, [c for c in result.checks if c.status != "pass"]
    assert math.isclose(measure(result.netlist, "op\nlet result = v(f)"), 4.0, rel_tol=0.03)
