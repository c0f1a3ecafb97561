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
