"""Tests for spice_lsp.generation.request and compose: every element the request names keeps its designator, nodes
and value, however the statement is built: the name after the value ("a 470 ohm RLOAD drains bat to ground"), a name
in capitals with its aside in parentheses ("RTC (500 Ω, tc1=3.9e-3)", "MN (nmos, W=1u; model VTO=0.5)"), a name given
alone ("an LED (call it D2)"), a part hung from the node its heading names, a part on a device's pin ("Drain load RD6 =
1.5k to vdd18"), a source placed by its own ends on a pin, a source in capitals with its levels in an aside ("VT (AC 1)
on node tsrc")."""
import pytest

from spice_lsp.generation.compose import compose
from spice_lsp.generation.request import read_request


def _parts(text: str) -> dict[str, tuple]:
    return {(e.name or f"{e.kind}:{e.value:g}"): (e.kind, e.nodes, e.value) for e in read_request(text).elements}


@pytest.mark.parametrize("text, name, kind, nodes, value", [
    ("VPV holds sun at 6 V DC, and a 470 ohm RLOAD drains bat to ground.", "RLOAD", "R", ("bat", "0"), 470.0),
    ("VP (AC 1) drives node gen, a 10 Ω RSRC goes from gen to pri, and L5 = 1 mH from pri to ground.", "RSRC", "R",
     ("gen", "pri"), 10.0),
    ("RSMALL = 10k from sm to ground, VHV = 400 V on hv, and a 1.5 mF reservoir CRES across hv to ground.", "CRES",
     "C", ("hv", "0"), 1.5e-3),
    ("IS1 pushes 2 mA into node n1. A 10 mH choke LCH from n1 to n2 with a 1k RTERM from n2 to ground.", "LCH", "L",
     ("n1", "n2"), 10e-3),
])
def test_a_name_written_after_the_value_names_the_part(text, name, kind, nodes, value):
    assert _parts(text)[name] == (kind, nodes, pytest.approx(value))


@pytest.mark.parametrize("text", [
    "A 1k RC low-pass from in to out with 100 nF from out to ground.",
    "Use a 10k RL filter: 10k from a to b.",
])
def test_circuit_initials_after_a_value_name_no_part(text):
    assert not any(e.name in ("RC", "RL") for e in read_request(text).elements)


def test_a_name_with_its_value_first_in_an_aside_is_a_part_with_its_parameters():
    rtc = read_request("I3 forces 1 mA from ground into node rtd, and RTC (500 Ω, tc1=3.9e-3) goes from rtd to "
                       "ground.").elements
    said = next(e for e in rtc if e.name == "RTC")
    assert (said.nodes, said.value) == (("rtd", "0"), pytest.approx(500.0))
    assert any(p.lower().startswith("tc1=") for p in said.params)


def test_devices_named_by_letters_with_their_kind_in_the_aside_keep_channel_gate_and_size():
    text = ("CMOS inverter: MN (nmos, W=1u L=0.5u; model VTO=0.5 KP=100u) from vo to ground with gate vi, MP (pmos, "
            "W=2.5u L=0.5u; model VTO=-0.5 KP=40u) from vo to vdd with gate vi. VDD = 2.5 V.")
    found = {e.name: e for e in read_request(text).elements}
    assert found["MN"].nodes == ("vo", "vi", "0", "0")  # its source on ground
    assert found["MP"].nodes == ("vo", "vi", "vdd", "vdd")  # its source on the rail
    assert set(found["MN"].params) == {"W=1u", "L=0.5u"} and set(found["MP"].params) == {"W=2.5u", "L=0.5u"}
    assert not any(e.kind == "C" for e in found.values())  # "KP=100u" is a model's parameter, no capacitor


def test_each_device_aside_model_parameters_go_to_its_own_card():
    text = ("CMOS inverter: MN (nmos; model VTO=0.5 KP=100u) from vo to ground with gate vi, MP (pmos; model "
            "VTO=-0.5 KP=40u) from vo to vdd with gate vi.")
    family = ("inv\nVDD vdd 0 DC 2.5\nVI vi 0 DC 0\nMN vo vi 0 0 nch W=1u L=1u\nMP vo vi vdd vdd pch W=1u L=1u\n"
              ".model nch NMOS (vto=0.7 kp=50u)\n.model pch PMOS (vto=-0.7 kp=20u)\n.op\n.end")
    cards = {line.split()[1]: line.lower() for line in compose(family, read_request(text), output="vo").netlist
             .splitlines() if line.startswith(".model")}
    assert "vto=0.5" in cards["nch"] and "kp=0.0001" in cards["nch"]
    assert "vto=-0.5" in cards["pch"] and "kp=4e-05" in cards["pch"]


@pytest.mark.parametrize("text, name", [
    ("want a blue indicator LED (call it D2) glowing off the USB 5 V (node usb5), roughly 8 mA through it", "D2"),
    ("Light an LED, named D4, at roughly 5 mA from a 3.3 V supply on node p33.", "D4"),
])
def test_a_name_given_alone_renames_the_family_s_one_part_of_its_kind(text, name):
    request = read_request(text)
    assert [(e.kind, e.name) for e in request.elements] == [("D", name)]
    family = "led\nV1 vcc 0 DC 5\nR1 vcc a 390\nD1 a 0 dled\n.model dled D (is=1e-20 n=2)\n.op\n.end"
    rows = compose(family, request, output="a").netlist.splitlines()
    assert any(r.split()[:1] == [name] for r in rows) and not any(r.startswith("D1 ") for r in rows)


def test_a_name_given_alone_places_nothing_where_the_family_has_two_of_its_kind():
    request = read_request("a rectifier whose first diode is called D9")
    family = "b\nV1 ac 0 SIN(0 10 50)\nD1 ac dc dsi\nD2 0 ac dsi\nR1 dc 0 1k\n.model dsi D\n.tran 1m 40m\n.end"
    composed = compose(family, request, output="dc")
    assert "D9" not in composed.netlist.split() and composed.problems


@pytest.mark.parametrize("text, parts", [
    ("Parallel tank on node tank: L3 = 2.2 uH to ground and C5 = 680 pF to ground. It is fed from node rf through "
     "RF = 4.7k, and VRF (AC 1) drives rf.", {"L3": ("tank", "0"), "C5": ("tank", "0"), "RF": ("rf", "tank")}),
    ("Bias network at node bn: R11 = 10k to ground and C11 = 1 uF to ground. It is fed from node sup through R12 = "
     "40k.", {"R11": ("bn", "0"), "C11": ("bn", "0"), "R12": ("sup", "bn")}),
])
def test_parts_hung_from_the_node_a_heading_names_and_fed_from_a_node_said_first(text, parts):
    found = _parts(text)
    assert {name: found[name][1] for name in parts} == parts


def test_a_part_on_a_device_pin_goes_from_that_pin_s_node_to_its_far_end():
    text = ("NMOS M6 (drain dm, gate gm, source/bulk 0) with W=4u L=0.18u. Drain load RD6 = 1.5k to a 1.8 V node "
            "vdd18 (VDD18); VG6 gives gm 0.9 V.")
    found = _parts(text)
    assert found["M6"][1] == ("dm", "gm", "0", "0")  # "source/bulk 0": both on ground
    assert found["RD6"][1] == ("dm", "vdd18")


def test_a_swept_pin_source_takes_the_node_its_own_statement_names():
    text = ("NPN Q5 (model BF=120): IB1 pushes 20 uA into the base node qb, emitter grounded, VCE source from node qc "
            "to ground on the collector. DC sweep VCE from 0 to 5 V, 0.1 V steps.")
    request = read_request(text)
    assert next(e for e in request.elements if e.name == "Q5").nodes == ("qc", "qb", "0")
    assert next(s for s in request.sources if s.name == "VCE").node == "qc"


def test_a_part_from_a_node_said_first_with_its_value_in_an_aside():
    found = _parts("VSIG drives node ant with SIN(0 0.25 1.5k). From ant, R4 (10k) goes to ro, and C2 = 4.7 nF "
                   "sits from ro to ground.")
    assert found["R4"] == ("R", ("ant", "ro"), pytest.approx(1e4))


def test_a_source_named_like_a_quantity_with_its_levels_in_an_aside_is_a_source():
    request = read_request("Series LC trap: VT (AC 1) on node tsrc, RT1 = 1k from tsrc to trap, then L4 = 22 mH from "
                           "trap to node lc and C6 = 10 nF from lc to ground.")
    vt = next(s for s in request.sources if s.name == "VT")
    assert (vt.node, vt.ac) == ("tsrc", pytest.approx(1.0))


@pytest.mark.parametrize("text, name, nodes, value", [
    ("The load, RLD, is 2k from out to ground; R1 = 1k from in to out.", "RLD", ("out", "0"), 2e3),
    ("RX, a 10k resistor, goes from a1 to b1 and RY, a 5k resistor, from b1 to ground.", "RX", ("a1", "b1"), 1e4),
    ("RX, a 10k resistor, goes from a1 to b1 and RY, a 5k resistor, from b1 to ground.", "RY", ("b1", "0"), 5e3),
    ("LED D9 (red) from node a to ground, fed from a 5 V supply VSUP on node s through a 220 ohm RSER.", "RSER",
     ("s", "a"), 220.0),
])
def test_a_name_set_off_by_commas_or_after_a_value_that_ends_the_statement(text, name, nodes, value):
    assert _parts(text)[name][1:] == (nodes, pytest.approx(value))


def test_a_model_named_like_a_part_is_no_part():
    assert "DFAST" not in _parts("D5 from node n1 to node n2 uses a model named DFAST with IS = 5n.")


def test_devices_named_by_their_pins_meet_at_the_middle_node_of_their_series():
    found = _parts("Two diodes DA and DB stacked in series from node stk down to ground, DA's anode at stk and DB's "
                   "cathode at ground, middle node mid2. RB = 2.2k from a 5 V node p5v (source VP5) to stk.")
    assert (found["DA"][1], found["DB"][1]) == (("stk", "mid2"), ("mid2", "0"))
    assert found["RB"][1] == ("p5v", "stk")  # the source named in the node's aside is no node


_INVERTING = ("inv\nV1 ai 0 DC 0 AC 1\nR1 ai inn 10k\nR2 inn ao 40k\nX1 0 inn ao opamp\n"
              ".subckt opamp inp inn out\nE1 out 0 inp inn 1e5\n.ends\n.ac dec 10 10 100k\n.end")


def test_parts_named_by_their_role_take_the_family_s_part_in_that_role():
    request = read_request("Inverting amplifier with gain -4 from ai to ao; name the feedback resistor RF2 and the "
                           "input resistor RI2.")
    rows = {r.split()[0]: r.split()[1:3] for r in compose(_INVERTING, request, output="ao").netlist.splitlines()
            if r[:1] == "R"}
    assert rows == {"RI2": ["ai", "inn"], "RF2": ["inn", "ao"]}


def test_an_unplaced_load_of_the_input_resistor_s_value_goes_on_the_output():
    request = read_request("Inverting amplifier with gain -4 from ai to ao, with a 10k load resistor RLD on the "
                           "output.")
    rows = {r.split()[0]: r.split()[1:4] for r in compose(_INVERTING, request, output="ao").netlist.splitlines()
            if r[:1] == "R"}
    assert rows["RLD"] == ["ao", "0", "10k"] and rows["R1"] == ["ai", "inn", "10k"]


def test_a_pin_s_resistor_named_with_a_value_takes_the_device_s_part_on_that_pin():
    family = ("ce\nVCC vcc 0 DC 12\nR1 vcc b 78k\nR2 b 0 7.3k\nRC vcc out 4.7k\nQ1 out b e npn\nR4 e 0 212.4\n"
              ".model npn NPN\n.op\n.end")
    request = read_request("Common-emitter amplifier; collector resistor RC1 = 4.7k, emitter resistor RE1 = 220.")
    rows = {r.split()[0]: r.split()[1:4] for r in compose(family, request).netlist.splitlines() if r[:1] == "R"}
    assert rows["RE1"] == ["e", "0", "220"] and rows["RC1"] == ["vcc", "out", "4.7k"]


def test_a_named_diode_where_the_family_has_its_diode_is_that_diode():
    family = ("z\nVRAW raw 0 DC 12\nR1 raw z 330\nD1 0 z dzener\nRLOAD z 0 1k\n"
              ".model dzener D (is=1p n=1 rs=2 bv=5.1 ibv=5m)\n.op\n.end")
    request = read_request("Zener shunt regulator: a 330 ohm RS from node raw (VRAW = 12 V) to node z, zener DZ "
                           "(BV=5.1) with its cathode at z and anode at ground, and a 1k RLOAD from z to ground.")
    diodes = [r.split()[:3] for r in compose(family, request, output="z").netlist.splitlines() if r[:1] == "D"]
    assert diodes == [["DZ", "0", "z"]]  # renamed, never a second zener beside the family's


def test_a_name_after_the_value_read_as_a_node_is_the_part_s_name():
    found = _parts("Emitter follower: the transistor QB has its base at node bb, collector at vcc, and emitter at node "
                   "ee with a 2.2k REM to ground.")
    assert found["REM"][1] == ("ee", "0")


@pytest.mark.parametrize("text", [
    "half-wave rectifier 10 V peak 50 Hz into a 1k load, plus a second diode, call it D2, for protection",
    "an inverting amplifier with gain -10 and an extra resistor RX",
])
def test_a_name_given_to_a_part_added_to_the_circuit_renames_none_of_its_own(text):
    assert read_request(text).elements == []  # (its name alone is reported missing, never put on the circuit's part)


def test_names_said_equal_share_the_value_and_keep_their_own_places():
    found = _parts("R1 = R2 = 10k, R1 from in to mid and R2 from mid to ground.")
    assert found["R1"] == ("R", ("in", "mid"), pytest.approx(1e4)) and found["R2"] == ("R", ("mid", "0"),
                                                                                         pytest.approx(1e4))
    assert _parts("Wien bridge with R11 = R12 = 10k.")["R11"][1:] == (None, pytest.approx(1e4))


def test_a_stated_part_takes_the_family_s_part_of_its_value_where_it_is_said_to_be():
    family = ("sk\nV1 in 0 AC 1\nR1 in n1 10k\nR2 n1 np 10k\nC1 n1 out 10n\nC2 np 0 10n\nX1 np out out opamp\n"
              ".ac dec 10 10 100k\n.end")
    request = read_request("Sallen-Key low-pass: R21 = 10k from in to n1, R22 = 10k from n1 to np, C21 = 22 nF from "
                           "n1 to out, C22 = 10 nF from np to ground.")
    rows = {r.split()[0]: r.split()[1:4] for r in compose(family, request).netlist.splitlines() if r[:1] in "RC"}
    assert rows["C22"] == ["np", "0", "10n"] and rows["C21"][:2] == ["n1", "out"]


def test_a_device_named_with_its_polarity_aside_renames_the_family_s_device_not_placed_on_a_part_word():
    text = ("Common-emitter stage: Q7 (NPN, BF=150) with RC7 = 4.7k from vcc to c7, RE7 = 1k from e7 to ground, base "
            "divider RB1 = 47k from vcc to b7 and RB2 = 10k from b7 to ground, VCC = 12 V.")
    q7 = next(e for e in read_request(text).elements if e.name == "Q7")
    assert "divider" not in (q7.nodes or ())  # "base divider RB1": the part on the base, no node
    family = ("ce\nVCC vcc 0 DC 12\nRC vcc c 4.7k\nQ1 c b e npn\nRE e 0 1k\nR1 vcc b 47k\nR2 b 0 10k\n.model npn NPN\n"
              ".end")
    assert any(r.startswith("Q7 ") for r in compose(family, read_request(text)).netlist.splitlines())


def test_a_named_load_is_added_never_the_family_s_own_part():
    family = "rc\nV1 a 0 AC 1\nR1 a b 1k\nC1 b 0 100n\n.ac dec 10 10 100k\n.end"
    composed = compose(family, read_request("RC low-pass at 1 kHz, input a, output b, with a 10k load RL7."),
                       output="b")
    rows = {r.split()[0]: r.split()[1:4] for r in composed.netlist.splitlines() if r[:1] in "RC"}
    assert rows["R1"] == ["a", "b", "1k"] and rows["RL7"] == ["b", "0", "10k"]


@pytest.mark.parametrize("text, name", [
    ("LED driver: LED D3 lit at 10 mA from a 5 V supply through resistor R9.", "D3"),
    ("Emitter follower Q4 with emitter resistor RE4 = 1k, 10 V supply, input at the base node b4.", "Q4"),
])
def test_a_device_named_by_its_kind_alone_is_read(text, name):
    found = _parts(text)
    assert name in found and "follower" not in (found[name][1] or ())


def test_a_named_part_takes_the_family_s_one_part_of_its_kind_left_at_an_assumed_value():
    family = "rc\nV1 x 0 AC 1\nR1 x y 1k\nC1 y 0 100n\n.ac dec 10 10 100k\n.end"
    request = read_request("RC low-pass with R7 = 3.3k and C7 = 47 nF, input node x, output node y.")
    composed = compose(family, request, output="y", assumed=(1e3, 1e-7))
    rows = {r.split()[0]: r.split()[1:4] for r in composed.netlist.splitlines() if r[:1] in "RC"}
    assert rows == {"R7": ["x", "y", "3.3k"], "C7": ["y", "0", "47n"]}
    assert set(composed.revalued) == {"R1", "C1"}  # the family's own figures came from the values replaced
    designed = compose(family, request, output="y")  # (a value the family designed is no placeholder)
    assert "R7" not in designed.netlist.split()


def test_the_part_a_current_goes_through_is_named_by_it():
    assert [(e.kind, e.name) for e in read_request("LED driver: red LED D5 at 12 mA from 9 V (node v9) through "
                                                   "R5.").elements] == [("D", "D5"), ("R", "R5")]


def test_a_divider_s_arms_named_by_their_place_take_the_family_s_arms():
    family = "d\nV1 in 0 DC 9\nR1 in tap3 10k\nR2 tap3 0 4.99k\n.op\n.end"
    request = read_request("Voltage divider from 9 V to 3 V made of R3 (top) and R4 (bottom), node tap3.")
    rows = {r.split()[0]: r.split()[1:3] for r in compose(family, request, output="tap3").netlist.splitlines()
            if r[:1] == "R"}
    assert rows == {"R3": ["in", "tap3"], "R4": ["tap3", "0"]}


@pytest.mark.parametrize("text, name, kind, nodes", [
    ("QOUT is an NPN (BF=100, IS=1e-15): collector co, base bi, emitter grounded. RB1 470k from vcc to bi.", "QOUT",
     "Q", ("co", "bi", "0")),
    ("JSF, an N-channel JFET (model VTO=-2 BETA=1m): drain dd, gate gg, source ss. RS 1k from ss to ground.", "JSF",
     "J", ("dd", "gg", "ss")),
    ("DSW anode at a, cathode at k; RK 1k from k to ground.", "DSW", "D", ("a", "k")),
    ("MHI, pmos, W=4u L=1u, drain y, gate a, source and bulk vdd5; MLO, nmos, drain y, gate a, source and bulk 0.",
     "MHI", "M", ("y", "a", "vdd5", "vdd5")),
])
def test_a_device_named_by_letters_with_its_kind_or_pin_next_is_that_device(text, name, kind, nodes):
    assert _parts(text)[name][:2] == (kind, nodes)


@pytest.mark.parametrize("text", [
    "The DUT collector at c sits 1k from vcc.",  # a pin of another kind: no diode named DUT
    "A MOSFET, an n-channel part, with drain at d.",
    "The JFET drain on dd goes through 1k to vdd.",
])
def test_a_word_in_capitals_before_a_pin_of_another_kind_names_no_device(text):
    assert not any(e.name in ("DUT", "MOSFET", "JFET") for e in read_request(text).elements)


def test_a_source_with_its_wave_in_words_on_a_node_keeps_its_name():
    request = read_request("R1 1k from ac to out; VAC is a 10 V-peak 50 Hz sine on ac.")
    assert [(s.name, s.node, s.waveform()) for s in request.sources] == [("VAC", "ac", "DC 0 SIN(0 10 50)")]


def test_a_node_s_source_named_in_parentheses_is_no_pin_of_the_device():
    nodes = _parts("JB, an N-channel JFET, drain on the 12 V node vdd (source VDD), gate jg, source js with 2k to "
                   "ground.")["JB"][1]
    assert nodes == ("vdd", "jg", "js")


def test_a_coupling_named_right_after_its_word_keeps_that_name():
    request = read_request("LP = 100 uH from p1 to ground, LS = 400 uH from s1 to ground, coupling KTX between LP "
                           "and LS with k = 0.99.")
    assert [(e.name, e.refs, e.value) for e in request.elements if e.kind == "K"] == [("KTX", ("LP", "LS"), 0.99)]


def test_parts_listed_with_their_ends_before_their_value_keep_name_ends_and_value():
    found = _parts("VX x 0 DC 12; RA from x to y, 3.3k; RC y to z, 4.7k; RD z to 0, 2.2k. Operating point.")
    assert (found["RC"], found["RD"]) == (("R", ("y", "z"), pytest.approx(4700.0)), ("R", ("z", "0"),
                                                                                     pytest.approx(2200.0)))


def test_a_model_parameter_s_name_placed_down_to_a_node_is_a_part():
    assert _parts("CBLK = 220n between src and hp, then RSH 15 kilohm from hp down to 0.")["RSH"][:2] == (
        "R", ("hp", "0"))
