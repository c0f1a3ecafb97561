"""The bandgap reference, the op-amp circuits on one positive supply and the open-loop differential
op-amp stages (recipes/references.py, single_supply.py, opamp_differential.py): which requests they
answer, and what their answers do in ngspice, measured here on the served netlist with our own
sweeps (tests/test_families.py walks the records)."""
import re
from functools import partial

import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from tests.measuring import measure

_measure = partial(measure, timeout=20)  # these decks run short


def _output(netlist: str) -> str:
    """The node the answer's analyses print."""
    return re.search(r"^\.print \w+ v\w?\((\w+)\)", netlist, re.MULTILINE)[1]


def test_a_bandgap_on_a_stated_supply_is_flat_over_temperature_and_supply():
    result = generate("a band-gap voltage reference powered from a 3.3 V supply")
    assert result.intent.kind == "bandgap_reference" and result.verified, result.verdict
    out = _output(result.netlist)
    assert _measure(result.netlist, f"dc temp 0 85 5\nlet result = vecmax(v({out})) - vecmin(v({out}))") < 5e-3
    supply = re.search(r"^(V\w*) vdd 0", result.netlist, re.MULTILINE)[1]
    assert _measure(result.netlist, f"dc {supply} 3 4 0.1\nlet result = vecmax(v({out})) - vecmin(v({out}))") < 0.01


@pytest.mark.parametrize("volts", [2.048, 0.9])
def test_a_stated_output_is_the_bandgap_scaled_and_still_flat(volts):
    result = generate(f"bandgap voltage reference with a {volts} V output, 5 V supply")
    assert result.intent.kind == "bandgap_reference" and result.verified, result.verdict
    out = _output(result.netlist)
    assert _measure(result.netlist, f"op\nlet result = v({out})") == pytest.approx(volts, rel=0.03)
    assert _measure(result.netlist, f"dc temp -20 100 5\nlet result = vecmax(v({out})) - vecmin(v({out}))") \
        < 0.01 * volts


def test_a_brokaw_cell_asked_for_is_brokaws_topology_and_holds_its_output():
    """Both bases on the output node, the emitters joined above one resistor to ground."""
    result = generate("Brokaw cell reference from a 9 V supply")
    assert result.intent.kind == "bandgap_reference" and result.verified, result.verdict
    transistors = [line.split() for line in result.netlist.splitlines() if line[:1] == "Q"]
    out = _output(result.netlist)
    assert len(transistors) == 2 and {q[2] for q in transistors} == {out}
    assert _measure(result.netlist, f"dc temp 0 85 5\nlet result = vecmax(v({out})) - vecmin(v({out}))") < 0.01


@pytest.mark.parametrize("text,kind", [
    ("op-amp subtractor powered by Vdd = 3.3 V, output = a - b", "single_supply_difference_amplifier"),
    ("difference amplifier with a gain of 2 on a single 9 V rail", "single_supply_difference_amplifier"),
    ("analog adder of two signals built on an op-amp, single-supply 5 V", "single_supply_summing_amplifier"),
    ("Schmitt trigger, non-inverting, running on a single 3.3 V supply", "single_supply_schmitt_noninverting"),
    ("inverting comparator with hysteresis, Vdd = 12 V", "single_supply_schmitt_inverting"),
    # a negative rail, or thresholds the request states, keep the other recipes
    ("summing amplifier on +/-12 V supplies", "summing_amplifier"),
    ("difference amplifier, Vdd = 5 V and Vss = -5 V", "difference_amplifier"),
    ("non-inverting Schmitt trigger on a single 5 V supply: high when in rises above 3 V and low when it "
     "falls below 2 V", "schmitt_noninverting"),
])
def test_only_a_positive_supply_picks_the_mid_supply_circuits(text, kind):
    assert parse_intent(text).kind == kind


def test_the_single_supply_subtractor_is_zero_at_mid_supply_and_follows_the_difference():
    result = generate("op-amp subtractor with a gain of 3 on a single 10 V supply")
    assert result.intent.kind == "single_supply_difference_amplifier" and result.verified, result.verdict
    netlist = result.netlist
    plus = re.search(r"^(V\w+) (\w+) 0 DC \{vdd/2\} AC 1", netlist, re.MULTILINE)
    minus = re.search(r"^(V\w+) (\w+) 0 DC \{vdd/2(?:\+[\d.]+)?\}$", netlist, re.MULTILINE)
    out = _output(netlist)
    # 0.4 V more on the + input than on the - one: the output moves 3 x 0.4 V up from 5 V
    shifted = netlist.replace(plus[0], f"{plus[1]} {plus[2]} 0 DC 5.6").replace(minus[0],
                                                                               f"{minus[1]} {minus[2]} 0 DC 5.2")
    assert _measure(shifted, f"op\nlet result = v({out})") == pytest.approx(5 + 3 * 0.4, rel=0.03)


def test_the_single_supply_trigger_switches_inside_the_supply_with_hysteresis():
    result = generate("non-inverting Schmitt trigger, single-rail 3.3 V design")
    assert result.intent.kind == "single_supply_schmitt_noninverting" and result.verified, result.verdict
    source = re.search(r"^(V\w+) (\w+) 0 DC \{vdd/2\} SIN", result.netlist, re.MULTILINE)[1]
    out = _output(result.netlist)
    rising = _measure(result.netlist, f"dc {source} 0.5 2.8 0.005\nmeas dc up when v({out})=1.65 rise=1"
                                      "\nlet result = up")
    falling = _measure(result.netlist, f"dc {source} 2.8 0.5 -0.005\nmeas dc dn when v({out})=1.65 fall=1"
                                       "\nlet result = dn")
    assert 0.5 < falling < 1.65 < rising < 2.8
    assert rising - falling > 0.1


@pytest.mark.parametrize("text,kind", [
    ("differential op-amp stage using resistor loads and an NMOS tail", "differential_opamp_resistive"),
    ("a differential operational amplifier with an active PMOS load", "differential_opamp_mirror"),
    ("differential opamp with a current mirror load", "differential_opamp_mirror"),
    # the pair and the OTA by their own names, and a mirror alone, keep their recipes
    ("MOSFET differential pair with resistive loads", "differential_pair"),
    ("five-transistor OTA with a current-mirror load", "five_transistor_ota"),
    ("NMOS current mirror, 50 uA reference", "current_mirror"),
])
def test_a_differential_op_amp_named_by_its_load_is_the_open_loop_stage(text, kind):
    assert parse_intent(text).kind == kind


@pytest.mark.parametrize("load", ["resistor loads", "a PMOS current-mirror load"])
def test_each_input_of_the_differential_op_amp_has_its_own_source_and_the_pair_rejects_common_mode(load):
    result = generate(f"differential op-amp with {load} and a tail current source; "
                      "inputs ip, im and vb; outputs q1 and q2; 3.3 V supply")
    assert result.verified, result.verdict
    netlist = result.netlist
    for port in ("ip", "im", "vb", "q1", "q2"):
        assert re.search(rf"\s{port}\s", netlist), port
    plus = re.search(r"^(V\w+) ip 0 ", netlist, re.MULTILINE)[1]
    minus = re.search(r"^(V\w+) im 0 ", netlist, re.MULTILINE)[1]
    gains = [_measure(netlist, f"op\ntf v(q1) {source}\nlet result = transfer_function") for source in (plus, minus)]
    assert gains[0] * gains[1] < 0  # the two inputs act on the output in opposite senses
    assert abs(gains[0] - gains[1]) > 10 * abs(gains[0] + gains[1])  # the difference, far above the common mode


@pytest.mark.parametrize("text,first,second", [
    ("op-amp summer on one 12 V rail, out = -(p + 4q)", 1, 4),
    ("single-supply summing amplifier: out = -(0.5 x v(s1) + v(s2))", 0.5, 1),
])
def test_the_single_supply_summer_weighs_each_input_as_the_request_writes(text, first, second):
    """Each input's step moves the output by its weight times the step (mid-supply when none)."""
    result = generate(text)
    assert result.intent.kind == "single_supply_summing_amplifier" and result.verified, result.verdict
    netlist, out = result.netlist, _output(result.netlist)
    sources = re.findall(r"^(V\w+) (\w+) 0 DC \{vdd/2(?:\+[\d.]+)?\}.*$", netlist, re.MULTILINE)
    assert len(sources) == 2
    vdd = float(re.search(r"vdd=([\d.]+)", netlist)[1])
    for (name, node), weight in zip(sources, (first, second)):
        levels = {n: vdd / 2 + (0.2 if n == node else 0.0) for _, n in sources}
        deck = netlist
        for other, level in levels.items():
            deck = re.sub(rf"^(V\w+ {other} 0 DC )\{{vdd/2(?:\+[\d.]+)?\}}", rf"\g<1>{level:g}", deck,
                          flags=re.MULTILINE)
        assert _measure(deck, f"op\nlet result = v({out})") == pytest.approx(vdd / 2 - weight * 0.2, abs=0.01), name
