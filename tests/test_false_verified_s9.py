"""False verified closed by class (lane F, s9): what a request states in words the reader may take at face value is
checked on the answer as the request means it."""
import math

from spice_lsp.generation.checklist import FAIL, PASS
from spice_lsp.generation.coverage import named_nodes, number_mentions, parts_as_stated, stated_facts
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from spice_lsp.generation.stated.sources import sine_levels
from spice_lsp.language.units import parse_number
from tests.measuring import deck, statuses


# --- a sine's level said as its RMS or its peak-to-peak swing is made at the amplitude it means
def test_a_sine_said_in_rms_made_at_that_figure_fails():
    answer = deck("V1 a 0 SIN(0 2 50)", "R1 a b 1k", "C1 b 0 1u", ".tran 10u 60m")
    items = sine_levels("Low-pass fed by a 50 Hz sine of 2 V RMS on node a.", answer)
    assert statuses(items) == [FAIL]


def test_a_sine_said_in_rms_made_at_its_peak_passes():
    peak = 2 * math.sqrt(2)
    answer = deck(f"V1 a 0 SIN(0 {peak:.5g} 50)", "R1 a b 1k", "C1 b 0 1u", ".tran 10u 60m")
    assert statuses(sine_levels("Low-pass fed by a 50 Hz sine of 2 Vrms on node a.", answer)) == [PASS]


def test_a_peak_to_peak_sine_is_half_its_swing():
    half = deck(".param amp=1.5", "V1 a 0 SIN(0 {amp} 200)", "R1 a 0 1k", ".tran 10u 20m")
    whole = deck("V1 a 0 SIN(0 3 200)", "R1 a 0 1k", ".tran 10u 20m")
    text = "Drive a with a 3 V peak-to-peak, 200 Hz sinusoid."
    assert statuses(sine_levels(text, half)) == [PASS]
    assert statuses(sine_levels(text, whole)) == [FAIL]


def test_a_level_the_circuit_makes_or_no_transient_is_not_read():
    answer = deck("V1 a 0 SIN(0 1 1k)", "R1 a b 1k", "R2 b 0 1k", ".tran 10u 5m")
    assert sine_levels("Oscillator that outputs a 1 Vrms sine at 1 kHz.", answer) == []
    assert sine_levels("A 5 Vpp sine at a.", deck("V1 a 0 AC 1", "R1 a 0 1k", ".ac dec 10 1 1k")) == []


# --- a count of parts placed in parallel or in series between two nodes
def test_parts_said_in_parallel_are_each_between_the_two_nodes():
    one = deck("V1 in 0 DC 6", "R1 in out 10k", "R2 out 0 10k", ".op")
    two = deck("V1 in 0 DC 6", "R1 in out 10k", "R2 out 0 10k", "R3 out 0 10k", ".op")
    text = "10k from in to out, then two 10k resistors in parallel from out to ground; 6 V DC at in."
    group = [i for i in stated_facts(text, one, None) if "parallel" in i.what]
    assert statuses(group) == [FAIL]
    assert statuses([i for i in stated_facts(text, two, None) if "parallel" in i.what]) == [PASS]


def test_parts_said_in_series_make_a_chain_of_that_many():
    text = "Three diodes in series from a to k, 1 mA into a."
    chain = deck("I1 0 a DC 1m", "D1 a m1 DX", "D2 m1 m2 DX", "D3 m2 k DX", "R1 k 0 1", ".model DX D", ".op")
    short = deck("I1 0 a DC 1m", "D1 a m1 DX", "D2 m1 k DX", "D3 k 0 DX", ".model DX D", ".op")
    assert statuses([i for i in stated_facts(text, chain, None) if "series" in i.what]) == [PASS]
    assert statuses([i for i in stated_facts(text, short, None) if "series" in i.what]) == [FAIL]


def test_a_swing_said_of_what_the_circuit_does_is_not_the_stimulus():
    answer = deck("V1 a 0 SIN(0 12 50)", "D1 a b DX", "C1 b 0 1m", "R1 b 0 1k", ".model DX D", ".tran 10u 60m")
    assert sine_levels("Rectifier on a 12 V peak 50 Hz sine, ripple under 0.5 Vpp.", answer) == []


def test_a_sine_said_in_rms_is_read_at_its_amplitude():
    request = read_request("A 50 Hz sine of 2 V RMS on node a feeds 1k to b and 1 uF from b to ground.")
    sines = [s.sin for s in request.sources if s.sin is not None]
    assert sines and math.isclose(sines[0][1], 2 * math.sqrt(2), rel_tol=1e-9) and sines[0][2] == 50


def test_a_group_with_a_decimal_value_is_read():
    text = "Two 4.7k resistors in series from a to b, and a 4.7k from b to ground; 9 V DC source at a."
    one = deck("V1 a 0 DC 9", "R1 a b 4.7k", "R2 b 0 4.7k", ".op")
    two = deck("V1 a 0 DC 9", "R1 a m 4.7k", "R2 m b 4.7k", "R3 b 0 4.7k", ".op")
    assert statuses([i for i in stated_facts(text, one, None) if "series" in i.what]) == [FAIL]
    assert statuses([i for i in stated_facts(text, two, None) if "series" in i.what]) == [PASS]


# --- a divider's resistor said by its place
DIVIDERS = ["Voltage divider: bottom resistor 10k, top resistor 30k, 8 V at node top, output node mid.",
            "Divider with a 10k lower leg and a 30k upper leg from 8 V; output node mid.",
            "Resistive divider from 8 V: 10k to ground and 30k on the high side; tap node mid."]


def test_a_divider_built_in_the_order_its_values_were_said_fails():
    swapped = deck("V1 top 0 DC 8", "R1 top mid 10k", "R2 mid 0 30k", ".op")
    for text in DIVIDERS:
        legs = [i for i in stated_facts(text, swapped, None) if "10k" in i.what or "30k" in i.what]
        assert statuses(legs) == [FAIL, FAIL], text


def test_a_divider_with_each_resistor_in_its_place_passes():
    placed = deck(".param rb=10k", "V1 top 0 DC 8", "R1 top mid 30k", "R2 mid 0 {rb}", ".op")
    for text in DIVIDERS:
        legs = [i for i in stated_facts(text, placed, None) if "10k" in i.what or "30k" in i.what]
        assert statuses(legs) == [PASS, PASS], text


def test_a_bare_figure_to_ground_places_no_resistor():
    answer = deck("V1 a 0 DC 5", "R1 a b 1k", "R2 b 0 1k", ".op")
    assert not [i for i in stated_facts("Divider from 5 V, tie pin 5 to ground.", answer, None) if "ground" in i.what]


def test_a_place_word_that_names_a_node_or_an_impedance_places_no_resistor():
    bridge = deck("V1 top 0 DC 10", "R1 top l 1k", "R2 l 0 1k", "R3 top r 1.2k", "R4 r 0 1k", ".op")
    text = "Bridge from 10 V at node top: R1 = 1k top to l, R2 = 1k l to ground, R3 = 1.2k top to r."
    assert not [i for i in stated_facts(text, bridge, None) if "top" in i.what]
    nic = deck("VT x 0 DC 1", "R1 x n 1k", "R2 n o 1k", ".op")
    assert not [i for i in stated_facts("Make node x look like -1k to ground.", nic, None) if "ground" in i.what]


# --- a port named with a word the readers take for a kind of signal
def test_a_port_named_ac_or_dc_must_be_a_node():
    built = deck("V1 in 0 SIN(0 12 60)", "D1 in out DX", "R1 out 0 1k", ".model DX D", ".tran 100u 100m")
    named = deck("V1 ac 0 SIN(0 12 60)", "D1 ac dc DX", "R1 dc 0 1k", ".model DX D", ".tran 100u 100m")
    text = "Half-wave rectifier, 1k load, 12 V peak 60 Hz sine on input ac, output dc; 100 ms."
    assert sorted(i.what.split()[1] for i in named_nodes(text, read_request(text), built)) == ["ac", "dc"]
    assert named_nodes(text, read_request(text), named) == []


def test_a_signal_kind_after_a_port_word_names_no_node():
    built = deck("V1 in 0 SIN(0 12 60)", "D1 in out DX", "R1 out 0 1k", ".model DX D", ".tran 100u 100m")
    for text in ("Rectifier: the output is DC.", "Rectifier; its output DC level near 11 V.", "Input AC, 12 V peak."):
        assert named_nodes(text, read_request(text), built) == []


# --- "in -> out", "in/out": the two ports (the input had been read as a node named in said to be the output)
def test_in_arrow_out_names_the_input_and_the_output():
    request = read_request("Band-stop RC notch at 60 Hz, in -> out.")
    assert (request.input, request.output) == ("in", "out")
    assert read_request("Hum filter at 50 Hz; in/out.").output != "in"


# --- a gain written as a ratio of scaled volts
def test_a_gain_in_millivolts_per_volt_is_its_ratio():
    [spec] = read_request("Inverting attenuator stage, gain 250 mV/V; input in, output out.").specs
    assert spec.quantity == "gain" and math.isclose(spec.target, 0.25)
    [spec] = read_request("Preamp with a gain of 0.2 V/mV; in, out.").specs
    assert math.isclose(spec.target, 200)


# --- a part the request names as the load
def test_a_named_load_in_another_place_fails():
    gain = deck("V1 in 0 AC 1", "R1 inn 0 2.2k", "R2 inn out 8.87k", "X1 in inn out opamp", ".ac dec 10 1 1meg")
    loaded = deck("V1 in 0 AC 1", "R3 inn 0 2.2k", "R2 inn out 8.87k", "X1 in inn out opamp", "R1 out 0 2.2k",
                  ".ac dec 10 1 1meg")
    coupled = deck("V1 in 0 AC 1", "Q1 c b 0 npn", "RC vcc c 4.7k", "C3 c o 10u", "RL o 0 10k", ".ac dec 10 1 1meg")
    text = "Non-inverting stage, gain 5; R1 = 2.2k is the load on out; input in, output out."
    assert statuses([i for i in parts_as_stated(text, gain, "out", []) if "load" in i.what]) == [FAIL]
    assert statuses([i for i in parts_as_stated(text, loaded, "out", []) if "load" in i.what]) == [PASS]
    assert statuses(parts_as_stated("CE stage; RL = 10k load coupled to the collector.", coupled, "c", [])) == [PASS]


def test_a_half_power_point_is_no_fraction_to_read():
    texts = [m.text for m in number_mentions("RC low-pass whose half-power point is 2 kHz; a half-wave rectifier.")]
    assert "half" not in texts and "2 kHz" in texts
    assert "half" in [m.text for m in number_mentions("Divide the input by half.")]


# --- a divider designed for the level it gives with its stated load across it
def _divider_level(netlist: str, vin: float, out: str) -> float:
    rows = [line.split() for line in netlist.splitlines() if line[:1].upper() == "R"]
    upper = [parse_number(r[3]) for r in rows if out in r[1:3] and "0" not in r[1:3]]
    lower = [parse_number(r[3]) for r in rows if out in r[1:3] and "0" in r[1:3]]
    shunt = 1 / sum(1 / x for x in lower)
    return vin * shunt / (upper[0] + shunt)


def test_a_loaded_divider_gives_its_level_with_the_load():
    for text, vin, out, want in (
            ("A divider from a 15 V supply that delivers 6 V at node tap, with a 33k load from tap to ground.", 15,
             "tap", 6),
            ("Divider making 2.5 V at node half from 10 V at node vin, loaded by 1.5k to ground.", 10, "half", 2.5)):
        result = generate(text)
        assert abs(_divider_level(result.netlist, vin, out) - want) <= 0.02 * want, result.netlist
