"""Current mirrors and current sources whose requests name the source that holds the output, the diode that sets
the base, the helper transistor or the JFET's target current: each answer is measured in ngspice through the source
the request names (or across its load), the expectation computed from the request's numbers."""
import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.ngspice import runner

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _op(netlist: str, expression: str) -> float:
    value, run = runner.measure(netlist, "op", expression)
    assert value is not None, run
    return value


@NGSPICE
@pytest.mark.parametrize("text,holder,amps", [
    # the holder in a relative clause after the node ("node k, which VZ keeps at 2 V")
    ("Two-transistor NPN current mirror with a 300 uA ideal reference on a 6 V rail; the copy leaves through node k, "
     "which VZ keeps at 2 V.", "vz", 300e-6),
    # a clause of its own that names no terminal ("VP holds m2 at 1 V")
    ("NMOS current mirror, 20 uA reference from a current source, 2.5 V supply. Mirrored drain on m2. VP holds m2 "
     "at 1 V.", "vp", 20e-6),
    # "out node q": the output, said short
    ("npn wilson mirror 400uA, out node q2 held at 3V by VT2, 12 V supply", "vt2", 400e-6),
])
def test_the_source_a_request_names_on_the_output_carries_the_copy(text, holder, amps):
    result = generate(text)
    lines = [line.split() for line in result.netlist.lower().splitlines()]
    assert not any(w[0] == holder and "0" in w[1:3] and w[1:3] != ["0", "0"] and "vdd" in w[1:3] for w in lines), \
        result.netlist  # never the supply
    assert abs(_op(result.netlist, f"i({holder})")) == pytest.approx(amps, rel=0.06), result.netlist


@NGSPICE
def test_a_beta_helper_mirror_has_its_follower_and_copies_closely():
    result = generate("BJT current mirror with a beta helper, 2 mA reference from an ideal source, 9 V supply, output "
                      "held at 4 V by VH")
    assert sum(1 for line in result.netlist.splitlines() if line[:1].upper() == "Q") == 3, result.netlist
    assert abs(_op(result.netlist, "i(vh)")) == pytest.approx(2e-3, rel=0.02), result.netlist


@NGSPICE
def test_an_improved_wilson_has_four_transistors_and_copies():
    result = generate("improved Wilson current mirror, NPN, 150 uA reference, 5 V supply, output held at 3 V by VW")
    assert sum(1 for line in result.netlist.splitlines() if line[:1].upper() == "Q") == 4, result.netlist
    assert abs(_op(result.netlist, "i(vw)")) == pytest.approx(150e-6, rel=0.04), result.netlist


@NGSPICE
@pytest.mark.parametrize("text,drop,amps", [
    # the zener is the base reference: it is in the netlist at its stated voltage, and RE is designed from it
    ("Constant current sink using an NPN with a 3.9 V zener on its base, emitter resistor chosen for 4 mA, 15 V rail, "
     "680 ohm load from the rail to the collector", 680.0, 4e-3),
    ("NPN current source, LED as the reference on the base, emitter resistor for 3 mA, 9 V supply, 1k load from the "
     "supply into the collector", 1e3, 3e-3),
])
def test_a_diode_on_the_base_sets_the_current_source(text, drop, amps):
    result = generate(text)
    assert result.intent.kind == "bjt_current_source", result.netlist
    assert any(line[:1].upper() == "D" for line in result.netlist.splitlines()), result.netlist
    rail = 15.0 if "15 V" in text else 9.0
    out = next(w[1] for w in (line.split() for line in result.netlist.splitlines())
               if w and w[0].upper().startswith("Q"))
    assert (rail - _op(result.netlist, f"v({out})")) / drop == pytest.approx(amps, rel=0.1), result.netlist


@NGSPICE
def test_a_jfet_source_is_designed_for_its_current_and_held_by_the_named_source():
    result = generate("n-channel JFET current source with VTO=-3 BETA=0.4m, source resistor for 1 mA, drain node dd "
                      "held at 8 V by VK")
    assert result.intent.kind == "jfet_current_source", result.netlist
    assert abs(_op(result.netlist, "i(vk)")) == pytest.approx(1e-3, rel=0.05), result.netlist


@NGSPICE
def test_a_two_transistor_source_that_senses_vbe_is_that_circuit_designed_for_its_current():
    result = generate("two-transistor current source: the second NPN senses VBE across the emitter resistor, 20 mA, "
                      "24 V supply, 220 ohm load from the supply to the collector")
    assert result.intent.kind == "vbe_referenced_current_source", result.netlist
    out = next(w[1] for w in (line.split() for line in result.netlist.splitlines()) if w and w[0].upper() == "Q1")
    assert (24 - _op(result.netlist, f"v({out})")) / 220 == pytest.approx(20e-3, rel=0.1), result.netlist
