"""Classes of answer that said verified while failing what the request states (the held-out files written at the start
of session 11, read only where an answer was falsely verified), each in new words: the output named as "X the output"
or "(node X)" is where the checks measure; a named filter listed part by part is swept, not only biased; a twin-T's
passband survives its load; a clamper said to shift the wave up clamps its bottom; a filter said to pass one side of
a frequency passes that side; alchemy is no circuit."""
import pytest

from spice_lsp.generation.checklist import FAIL, PASS
from spice_lsp.generation.coverage import measured_ports
from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.generation.scope import not_a_circuit
from spice_lsp.generation.stated.measured import passed_side


def _failed(result) -> list[str]:
    return [i.what for i in result.checks if i.status == FAIL]


# --- the output the request names is where the checks measure ---------------------------------------------------

@pytest.mark.parametrize("text, node", [
    ("Non-inverting amplifier, gain 3. Node p is the input, q the output.", "q"),
    ("Common-collector stage off 9 V, the output emitter (node eo) loaded with 1k.", "eo"),
    ("Audio filter: the signal enters at a1 and comes out at node z9 into 10k.", "z9"),
    ("Buffer: node sx is the output, driven from node sy.", "sx"),
])
def test_an_output_named_in_other_words_must_be_the_measured_one(text, node):
    items = measured_ports(text, "out", "in")
    assert [i.status for i in items] == [FAIL] and node in items[0].what
    assert measured_ports(text, node, "in") == []


@pytest.mark.parametrize("text", [
    "a node tracking the output, then the output.",
    "RC low-pass; with the output at 1 kHz down 3 dB.",
])
def test_english_words_beside_the_output_name_no_node(text):
    assert measured_ports(text, "out", "in") == []


def test_an_inverting_amplifier_whose_output_name_is_said_after_the_input_is_not_verified_on_another_node():
    result = generate("Inverting op-amp amplifier, gain -3.3, input resistance 22k. Node u1 is the input, u2 the "
                      "output.")
    assert not result.verified or " u2 " in result.netlist


# --- a named filter listed part by part is swept -----------------------------------------------------------------

def test_a_named_filter_listed_part_by_part_gets_an_ac_sweep():
    result = generate("RC high pass: C3 47n from p1 to p2, R9 3k3 from p2 to gnd, AC source VS on p1.")
    lines = result.netlist.lower().split("\n")
    assert any(line.startswith(".ac") for line in lines)
    source = next(line for line in lines if line.startswith("vs "))
    assert " ac " in f" {source} "  # the sweep's input has a magnitude, so the response is not all zeros


def test_a_circuit_listed_part_by_part_without_a_family_name_keeps_the_operating_point():
    result = generate("R1 1k from a to b, R2 2k from b to 0, V1 5 V DC on a.")
    assert ".op" in result.netlist.lower() and ".ac" not in result.netlist.lower()


# --- a twin-T's passband -------------------------------------------------------------------------------------------

def test_a_twin_t_whose_load_sinks_its_passband_is_not_verified():
    result = generate("passive twin-T notch filter with R = 220k and C = 10n, a 2.2k load on the output")
    assert not result.verified
    assert any("a decade from its notch" in what for what in _failed(result))


def test_a_designed_twin_t_keeps_its_passband_and_is_verified():
    result = generate("twin-T notch filter, notch at 120 Hz")
    passband = [i for i in result.checks if "a decade from its notch" in i.what]
    assert len(passband) == 2 and all(i.status == PASS for i in passband)


# --- a clamper shifting the wave up --------------------------------------------------------------------------------

def test_a_clamper_said_to_shift_the_wave_up_puts_the_diode_anode_at_ground():
    result = generate("DC restorer: lift a 2 V-peak 500 Hz sine up so its bottom sits near ground; 2.2 uF in "
                      "series, a diode to ground, 47k load on out.")
    diode = next(line.split() for line in result.netlist.split("\n") if line.startswith("D1"))
    assert diode[1:3] == ["0", "out"]
    assert result.verified


def test_a_negative_clamper_still_clamps_down():
    result = generate("negative diode clamper, 4 V peak 1 kHz sine in, 100k load")
    diode = next(line.split() for line in result.netlist.split("\n") if line.startswith("D1"))
    assert diode[1:3] == ["out", "0"]


# --- the side of a frequency a filter passes -----------------------------------------------------------------------

_HIGH_PASS = "rc\nV1 in 0 DC 0 AC 1\nC1 in out 100n\nR1 out 0 1.6k\n.ac dec 20 1 1meg\n.end\n"  # corner ~1 kHz


@pytest.mark.parametrize("text, ok", [
    ("a filter that lets through everything above 1 kHz", True),
    ("kill everything below 1 kHz", True),
    ("keep only what is under 1 kHz", False),
    ("it should remove anything over 1 kHz", False),
])
def test_the_side_a_filter_passes_is_measured(text, ok):
    items = passed_side(text, _HIGH_PASS, "out", 10.0)
    assert [i.status for i in items] == [PASS if ok else FAIL]


@pytest.mark.parametrize("text", [
    "RC low-pass, cutoff above 1 kHz",  # where the corner is, not which side passes
    "band-pass with the passband above 1 kHz",
    "a high-pass above 1 kHz",
])
def test_a_corner_or_a_filter_name_is_no_side(text):
    assert passed_side(text, _HIGH_PASS, "out", 10.0) == []


def test_a_filter_built_for_the_other_side_is_not_verified():
    result = generate("Let only what's above 5 kHz through, 2nd-order Butterworth, unity gain, from fi to fo.")
    assert not result.verified or ".ac" in result.netlist.lower() and "high" in result.netlist.lower()
    side = [i for i in result.checks if i.what.startswith("passes above")]
    assert side and (side[0].status == PASS) == result.verified


# --- alchemy --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Design a box that transmutes copper into gold at 12 V.",
    "an alchemist's circuit, 5 V supply",
    "circuit to change lead into solid gold with a 9 V battery",
])
def test_alchemy_is_fiction(text):
    assert not_a_circuit(text) is not None
    with pytest.raises(CannotServe):
        generate(text)


def test_gold_as_a_material_is_no_fiction():
    assert not_a_circuit("RC low-pass on a gold-plated board, 1 kHz") is None


# --- a part in series placed by its own words is no member of a row -------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("A 2.2 mH choke in series from a to b, then a 47 ohm resistor from b to ground.", [("a", "b"), ("b", "0")]),
    ("a 10R resistor in series from p to q feeding a 22uF cap to ground", [("p", "q"), ("q", "0")]),
])
def test_a_part_said_in_series_with_its_own_ends_keeps_them(text, want):
    from spice_lsp.generation.request import read_request
    assert [e.nodes for e in read_request(text).elements] == want


def test_values_joined_in_one_row_still_make_the_row():
    from spice_lsp.generation.request import read_request
    ends = [e.nodes for e in read_request("Between u and v put 1k resistor and 2k2 resistor in series.").elements]
    assert len(ends) == 2 and ends[0][0] == "u" and ends[1][1] == "v" and ends[0][1] == ends[1][0]


def test_a_sine_made_a_steady_level_equal_to_its_peak_is_a_peak_detector_unless_smoothing_is_said():
    from spice_lsp.generation.function_words import read_function
    held = read_function("make the 3 v, 500 hz sine on node w into a steady dc level equal to its peak at node h.")
    smooth = read_function("rectify the 3 v, 500 hz sine on node w and smooth it to within 0.2 v of its peak at h.")
    assert held is not None and "peak detector" in held.circuit
    assert smooth is not None and "rectifier" in smooth.circuit


def test_a_supply_read_on_a_named_sources_node_does_not_move_that_source():
    """'(single 5 V supply) when the sensor voltage on node ts ...': the reader gives the supply node ts, where the
    stated VTS sits; the comparator's own rail is no place for it (the sensor source had lost ts to the rail's
    renaming)."""
    result = generate("Over-heat comparator: output hot goes high (toward +5 V, single 5 V supply) when the sensor "
                      "voltage on node tsn exceeds a 2 V reference from a divider off 5 V. Sensor source VSN on tsn, "
                      "DC sweep 0 to 5 V.")
    assert any(line.split()[:2] == ["VSN", "tsn"] for line in result.netlist.split("\n"))


# --- English words the lanes' handoffs found taken for node names ------------------------------------------------

def test_an_article_before_a_figure_after_input_is_no_node():
    from spice_lsp.generation.ports import said_nodes
    said = said_nodes("comparator on +-5 V, output on node qo, input a 2 V-peak 1 kHz sine on node qi")
    assert [(s.node, s.role) for s in said] == [("qo", "output"), ("qi", "input")]


@pytest.mark.parametrize("text, node", [
    ("output taken at the upper collector, node co2", "co2"),
    ("with its output looped back to the input; output on node lp", "lp"),
])
def test_participles_are_no_node_names(text, node):
    from spice_lsp.generation.request import read_request
    request = read_request(text)
    assert request.output == node and not {"taken", "looped"} & set(request.nodes)


def test_a_split_supply_is_the_op_amps_rails_not_a_bit_source():
    result = generate("Binary-weighted resistor DAC, 3 bits, into an inverting summing amp on +/-15 V with 10k "
                      "feedback; input resistors 10k, 20k, 40k from bits q2, q1, q0 (each 0 or 5 V). Set q2=1, q1=1, "
                      "q0=0. Output node vq.")
    levels = [line.split() for line in result.netlist.split("\n") if line[:1] == "V"]
    assert not any("15" in " ".join(words[3:]) for words in levels if "q2" in words[1:3])
