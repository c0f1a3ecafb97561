"""Direct-coupled common-source stages (recipes/direct_coupled.py) and input ports listed together."""
import re

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request
from spice_lsp.ngspice import runner

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


@NGSPICE
def test_stages_with_resistive_loads_keep_their_gain_down_to_dc():
    """No coupling capacitor between stages: a DC transfer function from the input source sees the gain."""
    result = generate("A three-stage amplifier, each stage common-source with a resistive load.\n"
                      "Input node name: Vin.\nOutput node name: Vout.\nAssume the Vdd = 5.0 V.")
    assert result.intent.kind == "direct_coupled_common_source"
    assert not re.search(r"^C", result.netlist, re.MULTILINE | re.IGNORECASE), result.netlist
    assert len(re.findall(r"^M\d", result.netlist, re.MULTILINE)) == 3
    gain, run = runner.measure(result.netlist, "op\ntf v(vout) vin", "abs(transfer_function)")
    assert gain is not None, run
    function = [item for item in result.checks if item.what.startswith("function:")]
    low, high = (float(x) for x in re.search(r"1 kHz (\S+) to (\S+)\)", function[0].what).groups())
    assert low < gain < high, (gain, function)
    assert result.verified


def test_a_list_of_inputs_names_every_port_in_order():
    request = read_request("Use the harness port names: inputs Vp, Vn and outputs Vout.")
    assert (request.input, request.inputs, request.output) == ("vp", ["vn"], "vout")
    request = read_request("Input node name: Vin1, Vin2.\n\nOutput node name: Vout.")
    assert (request.input, request.inputs) == ("vin1", ["vin2"])
    assert "vin2" in request.nodes


def test_a_bias_port_in_the_input_list_is_no_signal_input():
    request = read_request("Input node name: Vin, Vbias.\nOutput node name: Vout.")
    assert (request.input, request.inputs) == ("vin", [])
    assert "vbias" in request.nodes


@NGSPICE
def test_further_input_ports_drive_the_other_inputs_by_name():
    """'inputs Vp, Vn': the difference amplifier's second source is Vn on node vn (test benches sweep it)."""
    result = generate("Four-resistor difference amplifier, differential gain near 3 V/V, +/-5 V supplies. "
                      "Use the port names: inputs Vp, Vn and outputs Vout.")
    assert re.search(r"^Vp vp 0 ", result.netlist, re.MULTILINE), result.netlist
    assert re.search(r"^Vn vn 0 ", result.netlist, re.MULTILINE), result.netlist
    gains = [runner.measure(result.netlist, f"op\ntf v(vout) {source}", "transfer_function")[0]
             for source in ("Vp", "Vn")]
    assert gains[0] == pytest.approx(3, rel=0.05) and gains[1] == pytest.approx(-3, rel=0.05), gains


def test_a_subtraction_puts_its_minuend_on_the_non_inverting_input():
    result = generate("An op-amp subtractor to make Vout = Vin2 - Vin1, +/-5 V supplies.\n"
                      "Input node name: Vin1, Vin2.\nOutput node name: Vout.")
    body = result.netlist.split(".ends")[-1]  # the circuit, not the op-amp model's parts
    plus = re.search(r"^X\w* (\w+) (\w+) vout opamp", body, re.MULTILINE | re.IGNORECASE)
    resistor_to_plus = re.search(rf"^R\w* (\w+) {plus[1]} ", body, re.MULTILINE)
    assert resistor_to_plus[1] == "vin2", result.netlist


def test_a_voltage_named_after_a_node_names_that_node():
    result = generate("An op-amp comparator: output high when Vin > Vref and low when Vin < Vref.")
    assert re.search(r"^X\w* \w+ vref ", result.netlist, re.MULTILINE | re.IGNORECASE), result.netlist


def test_an_op_amp_on_a_single_stated_supply_is_not_said_verified():
    """Its model swings to -VDD, which a single positive supply cannot give (an adder, which has a
    single-supply recipe, is built around mid-supply instead)."""
    result = generate("An op-amp integrator with R = 10k and C = 10 nF. Assume the Vdd = 5.0 V.")
    assert not result.verified
    assert any("only a positive supply" in item.what for item in result.checks)
    adder = generate("An op-amp inverting adder, Vout = -(Vin1 + Vin2). Assume the Vdd = 5.0 V.")
    assert adder.intent.kind == "single_supply_summing_amplifier"
    assert not any("only a positive supply" in item.what for item in adder.checks)


def test_a_telescopic_ota_described_by_its_cascode_devices_is_built_not_refused():
    result = generate("A single-stage telescopic cascode opamp (4 nmos as cascode input pair, 4 pmos as cascode "
                      "loads, and 1 tail current).\nInput node name: Vinp, Vinn.\nOutput node name: Vout.")
    assert result.intent.kind == "telescopic_ota"
    request = read_request(result.intent.description)
    assert request.input == "vinp" and "pair" not in request.nodes


@NGSPICE
def test_a_three_input_summer_has_three_inputs_by_their_port_names():
    result = generate("A three-input inverting summer, +/-12 V supplies. Use the port names: inputs V1, V2, V3 "
                      "and outputs Vout.")
    for port in ("v1", "v2", "v3"):
        assert re.search(rf"^V{port[1:]} {port} 0 ", result.netlist, re.MULTILINE), result.netlist
    function = [item for item in result.checks if item.what.startswith("function: adds")]
    assert function and function[0].status == "pass", function  # -RF (V2 + V3)/R2: both DC inputs summed


def test_an_oscillators_sustaining_amplifier_is_part_of_it():
    result = generate("An RC phase-shift oscillator using three RC sections and a behavioral sustaining amplifier.")
    assert result.intent.kind == "phase_shift_oscillator"


def test_a_converters_target_is_read_however_the_levels_are_ordered():
    for text, target in (("Buck converter targeting about 3.3 V from 12 V.", 3.3),
                         ("Boost converter that raises 5 V to roughly 9 V.", 9.0)):
        specs = [s for s in read_request(text).specs if s.quantity == "vout"]
        assert [s.target for s in specs] == [target], (text, specs)
