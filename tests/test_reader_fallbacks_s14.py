"""The request reader's general fallbacks (session 14): parts and sources placed by the names the request marks as
nodes anywhere, terse items, chains walked in words, and controlled sources' pins by their role words. Each case is
a sentence shape written for these tests, not taken from a benchmark file."""
import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.request import read_request


def _parts(text: str) -> dict[str, tuple]:
    return {(e.name or f"?{e.kind}{e.value:g}"): (e.kind, e.nodes, e.value) for e in read_request(text).elements}


@pytest.mark.parametrize(("text", "name", "nodes", "value"), [
    # a list of nodes after "nodes" names each, whatever English word it is
    ("L2 = 10 mH between nodes pump and well; R5 (47 Ω) from well to ground.", "L2", ("pump", "well"), 10e-3),
    ("L2 = 10 mH between nodes pump and well; R5 (47 Ω) from well to ground.", "R5", ("well", "0"), 47),
    # an aside between a part's two ends
    ("RPU is 10k from node rail (VR = 3.3 V) to sda. Operating point.", "RPU", ("rail", "sda"), 10e3),
    # the two names its clause gives that the request calls nodes elsewhere
    ("CF (22 nF) bypasses node hum to ground; node feed reaches hum through R4, 680 ohms. VF on feed is 1 V AC.",
     "R4", ("feed", "hum"), 680),
    ("R8 = 2k2 pulls tap from node top. VT holds top at 5 V, and C1 = 1n from tap to ground.", "R8", ("tap", "top"),
     2200),
    # a name with an underscore
    ("R_UP is 33 kohm (hi to mid); R_DN is 10 kohm (mid to ground). VH gives hi 9 V DC.", "R_DN", ("mid", "0"), 10e3),
    # "both"/"each" between a part's value and its ends
    ("C5 = 1 µF and RB 3.3k both from sense to ground; IS1 pushes 1 mA into sense.", "RB", ("sense", "0"), 3300),
    # a model's parameters are no parts
    ("D9 anode a1, cathode k1, model IS=2e-14 RS=1.2 CJO=5p; RK 1k from k1 to ground.", "RK", ("k1", "0"), 1e3),
    # terse items: the name, its value and its two nodes in any order
    ("Rtop vin mid 22k; Rbot mid 0 10k; VIN vin 0 DC 12. Operating point.", "Rtop", ("vin", "mid"), 22e3),
    ("Rtop vin mid 22k; Rbot mid 0 10k; VIN vin 0 DC 12. Operating point.", "Rbot", ("mid", "0"), 10e3),
    ("RC vcc col 4.7k; Re emi 0 1k; Q1 collector col, base bb, emitter emi.", "Re", ("emi", "0"), 1e3),
    ("Cx: 47n, x -> 0. Rx: 1k, src -> x. VSRC src 0 AC 1.", "Cx", ("x", "0"), 47e-9),
    # a passive's name with a lower-case tail at the start of its line
    ("Op-amp pins: plus at p1, minus at m1, output o1.\nRf o1 m1 100k\nRg m1 0 10k", "Rf", ("o1", "m1"), 100e3),
    # a part the request names once more by its kind's noun alone
    ("Diode D6 (IS=1e-13) fed from VB on node vb through R2 = 2.2k into node dd, the diode from dd to ground.",
     "D6", ("dd", "0"), None),
])
def test_a_part_is_placed_by_the_words_around_it(text: str, name: str, nodes: tuple, value: float | None) -> None:
    kind, read_nodes, read_value = _parts(text)[name]
    assert read_nodes == nodes
    assert read_value == (pytest.approx(value) if value is not None else None)


@pytest.mark.parametrize(("text", "nodes"), [
    ("E3 is a VCVS of gain 50: + input node pp, − input node nn, output node oo. RL 1k from oo to ground.",
     ("oo", "0", "pp", "nn")),
    ("G2: a VCCS of 1 mS whose output terminals are gq and ground, controlled by node gc against ground.",
     ("gq", "0", "gc", "0")),
    ("S4 is a switch: contacts between node sw and ground, control node cc against ground, model VT=1 RON=1 ROFF=1meg.",
     ("sw", "0", "cc", "0")),
])
def test_a_controlled_part_s_pins_are_read_by_their_role_words(text: str, nodes: tuple) -> None:
    part = next(e for e in read_request(text).elements if e.kind in "EGS")
    assert part.nodes == nodes


@pytest.mark.parametrize(("text", "name", "node"), [
    ("VTONE: sine, 0.5 V amplitude, 2 kHz, between node bell and ground. R1 1k from bell to ring.", "VTONE", "bell"),
    ("R_A is 4.7 kohm (pa to pb). VPA gives pa 3 V DC.", "VPA", "pa"),
])
def test_a_source_sits_on_the_node_its_own_words_name(text: str, name: str, node: str) -> None:
    source = next(s for s in read_request(text).sources if s.name == name)
    assert source.node == node


def test_a_source_is_not_put_on_a_node_another_part_s_words_name() -> None:
    text = "A 1.2 V source VB2 and an NPN that pulls node kk to ground; kk is fed from 5 V through 2k."
    assert next(s for s in read_request(text).sources if s.name == "VB2").node is None


@pytest.mark.parametrize(("text", "want"), [
    # a series part, then one to ground, between the input and output the request names
    ("a 220 ohm resistor and then a 4.7uf cap to ground after it. in is xa, out is xb",
     {("R", ("xa", "xb"), 220), ("C", ("xb", "0"), 4.7e-6)}),
    # a part walked to from the node the sentence is at
    ("Square source VQ on node q1, then 2.2k to node q2 and 47 nF from q2 to ground.",
     {("R", ("q1", "q2"), 2200), ("C", ("q2", "0"), 47e-9)}),
])
def test_a_chain_said_in_words_places_its_unnamed_parts(text: str, want: set) -> None:
    got = [(e.kind, e.nodes, e.value) for e in read_request(text).elements]
    assert all(any(w[0] == g[0] and w[1] == g[1] and g[2] == pytest.approx(w[2]) for g in got) for w in want)


def test_a_supply_named_by_its_source_is_a_part_s_far_end() -> None:
    text = "M1 (VTO=0.8, KP=100u), drain on node dr tied to a 9 V supply VPOS through RD = 2k, source grounded."
    assert _parts(text)["RD"][1] == ("dr", "vpos")


def test_a_pin_fed_by_a_named_source_sits_on_its_node() -> None:
    text = ("Q3: NPN BF=150, emitter grounded, collector on node cq, base fed by a current source IBB of 10 µA into "
            "node bq.")
    assert _parts(text)["Q3"][1] == ("cq", "bq", "0")


@pytest.mark.parametrize(("text", "width", "points"), [
    ("VG: PULSE 0 to 5 V, 0 delay, 1 µs rise and fall, 30 µs on-time, 100 µs period, on node g.", 30e-6, None),
    ("VW is a piecewise-linear wave on node w: 0 V at t=0, 2 V at 1 ms, and still 2 V at 4 ms.", None,
     (0.0, 0.0, 1e-3, 2.0, 4e-3, 2.0)),
])
def test_a_wave_keeps_each_figure_its_words_give(text: str, width: float | None, points: tuple | None) -> None:
    source = read_request(text).sources[0]
    if width is not None:
        assert source.pulse is not None and source.pulse[5] == pytest.approx(width)
    if points is not None:
        assert source.pwl == pytest.approx(points)


@pytest.mark.parametrize(("text", "unit"), [
    ("a 2k-ish resistor into a 47n-ish cap to ground", "F"),
    ("a 1k resistor and a 33n ceramic cap", "F"),
])
def test_a_bare_figure_takes_the_unit_of_the_part_named_right_after_it(text: str, unit: str) -> None:
    values = parse_intent(text).values
    assert any(v.unit == unit and v.text.startswith(("47n", "33n")) for v in values.values())


def test_a_capitalised_word_of_english_is_no_part_s_name() -> None:
    assert not any(e.name == "Lastly" for e in read_request("Lastly 1 mH from a to b.").elements)


@pytest.mark.parametrize("text", [
    "RL high-pass: R2 of 470 Ω in series from a to b, L2 = 4.7 mH from b to ground, 1 V AC at a.",
    "RC network, R3 = 1k from p to q and C3 = 1u from q to ground.",
])
def test_a_circuit_s_initials_are_no_part(text: str) -> None:
    assert {e.name for e in read_request(text).elements} <= {"R2", "L2", "R3", "C3"}


@pytest.mark.parametrize(("text", "name", "node"), [
    ("pin <- VP: pulse from 0 to 5 V, 1 ms wide, 2 ms period. R1 1k from pin to ground.", "VP", "pin"),
    ("VQ -> node qq, 3 V DC; R2 = 2k from qq to ground.", "VQ", "qq"),
])
def test_an_arrow_puts_a_source_on_its_node(text: str, name: str, node: str) -> None:
    assert next(s for s in read_request(text).sources if s.name == name).node == node


@pytest.mark.parametrize(("text", "nodes"), [
    ("G3 is a transconductor with output terminals go (+) and ground (-) and control terminals gc (+) and ground (-), "
     "4 mS gain.", ("go", "0", "gc", "0")),
    ("Node ei is driven by VIN at 1 V DC, then E2 (gain 8, output eo to ground, input ei to ground).",
     ("eo", "0", "ei", "0")),
])
def test_a_controlled_source_s_pin_pairs_are_read_by_role(text: str, nodes: tuple) -> None:
    assert next(e for e in read_request(text).elements if e.kind in "EG").nodes == nodes


def test_an_article_is_no_node_where_nothing_calls_it_one() -> None:
    text = "Zener shunt regulator giving 5.1 V at node zo from a 12 V input (node vraw) into a 2 kΩ load."
    assert not any("a" in (e.nodes or ()) for e in read_request(text).elements)
    assert ("a", "b") in [e.nodes for e in read_request("R1 = 1k from a to b, C1 = 1n from b to ground.").elements]


@pytest.mark.parametrize(("text", "name", "node"), [
    ("IF is a 5 mA DC current source pushing current from ground into node dk. D2 has anode dk and cathode grounded.",
     "IF", "dk"),
    ("VF: a 0.7 V DC voltage source on node fw; R9 = 1k from fw to ground.", "VF", "fw"),
])
def test_a_quantity_like_name_the_request_calls_a_source_is_that_source(text: str, name: str, node: str) -> None:
    assert next(s for s in read_request(text).sources if s.name == name).node == node


def test_an_if_tank_names_no_source() -> None:
    assert not read_request("An IF tank at 455 kHz: L1 = 1 mH from t to ground, C1 from t to ground.").sources


@pytest.mark.parametrize("text", [
    "Rtop vin mid 22k; Rbot mid 0 10k; VIN vin 0 DC 12. Operating point.",
    "Divider: VS top 0 DC 9; R1 top mid 4.7k; R2 mid 0 4.7k. op",
])
def test_a_spice_line_s_ground_node_is_no_figure(text: str) -> None:
    assert not [v for v in parse_intent(text).values.values() if v.value == 0]


@pytest.mark.parametrize("text", ["Sweep VIN from 0 to 5 V", "VIN sweeps 0 5 V in 10 mV steps"])
def test_a_sweep_s_zero_start_stays_a_figure(text: str) -> None:
    assert any(v.value == 0 for v in [*parse_intent(text).values.values(), *parse_intent(text).extra_values]) \
        or any(" 0 " in a.directive for a in parse_intent(text).analyses)
