"""Transistor stages built as the request describes them (lane T, s13), in words no case file uses: a pair
degenerated emitter by emitter, a common-base stage on rails of two sizes or into a coupled load, a JFET stage
coupled into its load, a Sziklai pair whose stated resistor feeds the PNP's base, a bias divider said as "A/B", and
the divider-biased NMOS common-source stage. Each gain is measured in ngspice against the stage's own equation."""
import math

import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.recipes.transistor_stages import divider_values
from spice_lsp.ngspice import runner
from tests.measuring import measure, part_value

needs_ngspice = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
VT, BETA, IS = 0.02585, 100, 1e-14  # the npn card's


def _gain(netlist: str, out: str, inp: str) -> float:
    return measure(netlist, f"ac lin 1 1k 1k\nlet result = vm({out})/vm({inp})")


def _vbe(ic: float) -> float:
    return VT * math.log(ic / IS)


@pytest.mark.parametrize("text,pair", [
    ("base held by a 33k/10k divider", (33e3, 10e3)),
    ("a base divider 56k over 12k", (56e3, 12e3)),
    ("gate divider of 1meg and 330k", (1e6, 330e3)),
    ("a 4.7k collector resistor", None),
])
def test_a_bias_divider_said_as_two_figures_is_its_top_then_its_bottom(text, pair):
    assert divider_values(text) == pair


@needs_ngspice
@pytest.mark.parametrize("text,rc,re_each,rtail,vee", [
    ("NPN differential pair on \u00b115 V with 100 ohm in each emitter, a 10k tail resistor to -15 V and 12k collector "
     "resistors; input on one base (node da), other base grounded, output node dq at the second collector.",
     12e3, 100, 10e3, 15),
    ("Long-tailed pair of NPNs on +/-9 V: 8.2k collector resistors, 270 ohm emitter degeneration resistors, 12k tail "
     "resistor to -9 V. Base node lp is driven with AC 1, the other base is grounded; output at node lo.",
     8.2e3, 270, 12e3, 9),
])
def test_a_pair_degenerated_emitter_by_emitter_gains_rc_over_twice_re_plus_its_resistor(text, rc, re_each, rtail, vee):
    result = generate(text)
    assert result.intent.kind == "bjt_long_tailed_pair", result.netlist
    assert sorted(part_value(result.netlist, r) for r in ("R5", "R6")) == [re_each, re_each], result.netlist
    assert part_value(result.netlist, "R3") == rtail, result.netlist
    tail = (vee - 0.7) / (rtail + re_each / 2)  # each emitter resistor carries half the tail
    ic = tail / 2
    want = rc / (2 * (VT / ic + re_each))
    driven = next(line.split()[1] for line in result.netlist.splitlines() if " AC 1" in line)
    out = next(line.split()[2] for line in result.netlist.splitlines() if line.startswith("R2 "))
    assert _gain(result.netlist, out, driven) == pytest.approx(want, rel=0.1), result.netlist


@needs_ngspice
def test_a_common_base_stage_takes_each_rail_at_its_own_signed_level():
    result = generate("Grounded-base amplifier with an NPN: the base sits at ground, RE = 6.8k from the emitter to a "
                      "-9 V rail, RC = 3.3k from the collector to a +12 V rail. Signal source at node sig, coupled "
                      "through 47 uF into the emitter; output at the collector, node cbo.")
    assert result.intent.kind == "common_base", result.netlist
    levels = sorted(measure(result.netlist, f"op\nlet result = v({line.split()[1]})")
                    for line in result.netlist.splitlines() if line[:2] in ("V1", "V3"))
    assert levels == pytest.approx([-9, 12]), result.netlist
    ie = (9 - 0.7) / 6.8e3
    assert _gain(result.netlist, "cbo", "sig") == pytest.approx(3.3e3 / (VT / ie), rel=0.15), result.netlist


@needs_ngspice
def test_a_common_base_stage_drives_its_load_through_the_stated_coupling_capacitor():
    # the base's bypass is the capacitor said with "bypassed", the emitter's coupling the one said with the emitter,
    # the "56k/12k divider" its bias, and the 10k load hangs behind 4.7 uF: gain gm (RC || RL)
    result = generate("Common-base NPN stage on a 15 V supply: the base sits on a 56k/12k divider and is bypassed to "
                      "ground with 100 uF; 1.5k emitter resistor and 5.6k collector resistor. The input vg feeds the "
                      "emitter through 22 uF; the output goes through 4.7 uF into a 10k load at node gout.")
    assert result.intent.kind == "common_base", result.netlist
    rows = {line.split()[0]: line.split()[1:] for line in result.netlist.splitlines() if line[:1] in "RC"}
    assert rows["C2"][2] == "100u" and rows["C1"][2] == "22u" and rows["C3"][1:] == ["gout", "4.7u"], rows
    vth, rth = 15 * 12 / 68, 56e3 * 12e3 / 68e3
    ic = 1e-3
    for _ in range(20):
        ic = (vth - _vbe(ic)) / (1.5e3 * 1.01 + rth / BETA)
    want = ic / VT * 5.6e3 * 10e3 / 15.6e3
    assert _gain(result.netlist, "gout", "vg") == pytest.approx(want, rel=0.15), result.netlist


@needs_ngspice
def test_a_jfet_stage_coupled_into_its_load_gains_gm_times_rd_parallel_rl():
    result = generate("N-channel JFET common-source stage on 12 V (VTO = -3 V, BETA = 0.5m): drain resistor 4.7k, "
                      "source resistor 680 ohm with a 47 uF bypass, gate to ground through 1 MEG. Input fin, coupled "
                      "by 0.47 uF; output fout coupled through 4.7 uF into a 10k load.")
    assert result.intent.kind == "jfet_common_source", result.netlist
    assert "C3 d fout 4.7u" in result.netlist and "C1 fin g 0.47u" in result.netlist, result.netlist
    beta, vp, rs = 0.5e-3, 3.0, 680.0
    a, b = beta * rs * rs, 2 * beta * vp * rs + 1  # Id = BETA (|VTO| - Id RS)^2
    ident = (b - math.sqrt(b * b - 4 * a * beta * vp * vp)) / (2 * a)
    want = 2 * math.sqrt(beta * ident) * 4.7e3 * 10e3 / 14.7e3
    assert _gain(result.netlist, "fout", "fin") == pytest.approx(want, rel=0.1), result.netlist


@needs_ngspice
def test_a_sziklai_follower_puts_its_stated_resistor_on_the_pnp_base_and_drives_the_npn_base_itself():
    result = generate("Complementary feedback pair follower on 12 V: the NPN's base is node zin, driven by VZ at 5 V "
                      "DC with AC 1; a 10k resistor from the supply to the PNP's base; output node zout with a 2.2k "
                      "load to ground.")
    assert result.intent.kind == "sziklai_pair", result.netlist
    assert part_value(result.netlist, "R3") == 10e3, result.netlist
    assert any(line.split()[:3] == ["VZ", "zin", "0"] for line in result.netlist.splitlines()), result.netlist
    assert 5 - 0.8 < measure(result.netlist, "op\nlet result = v(zout)") < 5 - 0.5, result.netlist
    assert 0.97 < _gain(result.netlist, "zout", "zin") <= 1.0, result.netlist


@needs_ngspice
@pytest.mark.parametrize("bypassed", [False, True])
def test_a_divider_biased_nmos_stage_gains_by_the_square_law_with_its_source_resistor(bypassed):
    source = "source resistor 1.5k bypassed by 47 uF" if bypassed else "unbypassed 1.5k source resistor"
    result = generate(f"NMOS common-source amplifier, 12 V supply, gate biased by a 220k/100k divider, 3.9k drain "
                      f"resistor, {source}, W=20u L=1u, VTO=1, KP=100u. Signal in at node mi through 1 uF, output at "
                      "node mo.")
    assert result.intent.kind == "mos_divider_common_source", result.netlist
    vg, rs, beta = 12 * 100 / 320, 1.5e3, 100e-6 * 20
    vov = (math.sqrt(1 + 2 * beta * rs * (vg - 1)) - 1) / (beta * rs)  # ID = beta/2 (VG - ID RS - VTO)^2
    gm = beta * vov
    want = gm * 3.9e3 if bypassed else gm * 3.9e3 / (1 + gm * rs)
    assert _gain(result.netlist, "mo", "mi") == pytest.approx(want, rel=0.05), result.netlist
    assert result.verified, result.verdict


@needs_ngspice
def test_a_common_emitter_stage_with_a_stated_divider_keeps_it_and_measures_the_bias_it_sets():
    result = generate("Voltage-divider biased NPN common-emitter amplifier on 12 V: a 47k/10k divider on the base, "
                      "4.7k collector resistor, 1k emitter resistor bypassed by 100 uF.")
    assert result.intent.kind == "bjt_degenerated_ce", result.netlist
    assert (part_value(result.netlist, "R1"), part_value(result.netlist, "R2")) == (47e3, 10e3), result.netlist
    vth, rth = 12 * 10 / 57, 47e3 * 10e3 / 57e3
    ic = 1e-3
    for _ in range(20):
        ic = (vth - _vbe(ic)) / (1e3 * 1.01 + rth / BETA)
    assert measure(result.netlist, "op\nlet result = (v(vcc)-v(out))/4.7k") == pytest.approx(ic, rel=0.05)
    assert result.verified, result.verdict


@needs_ngspice
@pytest.mark.parametrize("text,out", [
    ("Static CMOS NAND2 on 1.8 V. Input na is driven by VNA and input nb is tied high by VNB = 1.8 V; DC sweep VNA "
     "from 0 to 1.8 V in 10 mV steps; output ny.", "ny"),
])
def test_a_gate_swept_on_one_input_is_checked_against_its_table_at_both_ends_of_the_sweep(text, out):
    # with the other input held high a NAND inverts the swept input
    result = generate(text)
    items = [item for item in result.checks if item.what.startswith("function:")]
    assert items and all(item.status == "pass" for item in items), (items, result.netlist)
    assert any("both ends of the sweep" in item.what for item in items), items
    sweep = next(line.split() for line in result.netlist.splitlines() if line.startswith(".dc"))
    high = float(sweep[3])
    ends = [measure(result.netlist, f"dc {sweep[1]} 0 {high} {high / 100}\nmeas dc result find v({out}) at={at}")
            for at in (0, 0.99 * high)]
    assert ends[0] > 0.9 * high and ends[1] < 0.1 * high, result.netlist


def test_a_gate_swept_on_an_input_its_own_source_does_not_drive_gets_no_sweep_check():
    # (the answer's .dc sweeps the family's first input source: a probe of another input would not check it)
    result = generate("Static CMOS 2-input NAND on 1.8 V. Input na tied high by VNA = 1.8 V, input nb swept by VNB "
                      "from 0 to 1.8 V; output ny.")
    assert not any("both ends of the sweep" in item.what for item in result.checks), result.checks


def test_a_switching_threshold_said_as_half_the_supply_is_that_level():
    from spice_lsp.generation.intent import parse_intent
    from spice_lsp.generation.templates import switching_point
    for words in ("switching threshold sits at VDD/2", "trip point at half the supply", "VM at mid-supply"):
        assert switching_point(parse_intent(f"CMOS inverter on 3.3 V, {words}.")) == pytest.approx(1.65)
    assert switching_point(parse_intent("CMOS inverter on 3.3 V with its trip point at 1.2 V.")) == 1.2


@needs_ngspice
def test_an_inverter_sized_for_a_threshold_at_half_the_supply_switches_there():
    result = generate("CMOS inverter on 1.8 V: NMOS W/L = 1u/0.18u with VTO=0.45, KP=200u; PMOS VTO=-0.45, KP=80u, "
                      "L=0.18u. Size the PMOS width so the switching threshold sits at VDD/2. Input node ia driven by "
                      "VA, output node ib; sweep VA 0 to 1.8 V in 1 mV steps.")
    pmos = next(line for line in result.netlist.splitlines() if " pch " in line)
    assert "W=2.5u" in pmos, result.netlist  # Wp = Wn KPn/KPp with equal thresholds
    vm = measure(result.netlist, "dc VA 0 1.8 1m\nmeas dc result find v(ia) when v(ib)=0.9")
    assert vm == pytest.approx(0.9, rel=0.03), result.netlist


@needs_ngspice
@pytest.mark.parametrize("text,vcc,rref,load,out", [
    ("Two-transistor NPN current mirror on 9 V (node vcc): the reference current is set by a 15k resistor from vcc "
     "into the diode-connected transistor; the output collector is node k, loaded by RL = 3.3k to vcc.",
     9, 15e3, 3.3e3, "k"),
    ("NPN current mirror on 12 V whose reference is set by a 22k resistor; output collector node mo, RL = 4.7k to "
     "the supply.", 12, 22e3, 4.7e3, "mo"),
])
def test_a_bipolar_mirrors_stated_reference_resistor_sets_the_current_it_copies(text, vcc, rref, load, out):
    result = generate(text)
    assert result.intent.kind == "current_mirror", result.netlist
    iref = 1e-3
    for _ in range(30):
        iref = (vcc - _vbe(iref)) / rref
    copied = measure(result.netlist, f"op\nlet result = (v(vcc)-v({out}))/{load:g}") if "vcc" in result.netlist \
        else measure(result.netlist, f"op\nlet result = (v(vdd)-v({out}))/{load:g}")
    assert copied == pytest.approx(iref, rel=0.05), result.netlist


@needs_ngspice
def test_a_divider_biased_pmos_stage_is_the_nmos_one_upside_down():
    result = generate("PMOS common-source amplifier on 10 V: gate divider 47k/100k, source resistor 1k to the supply "
                      "bypassed by 47 uF, drain resistor 2.2k to ground, W=40u L=1u, VTO=-1, KP=50u; the input node is "
                      "pi, coupled with 1 uF; output at the drain, node po.")
    assert result.intent.kind == "mos_divider_common_source", result.netlist
    vsg_drive, rs, beta = 10 * 47 / 147, 1e3, 50e-6 * 40  # the gate 3.2 V below the rail
    vov = (math.sqrt(1 + 2 * beta * rs * (vsg_drive - 1)) - 1) / (beta * rs)
    assert measure(result.netlist, "op\nlet result = v(po)/2.2k") == pytest.approx(beta / 2 * vov ** 2, rel=0.05)
    assert _gain(result.netlist, "po", "pi") == pytest.approx(beta * vov * 2.2e3, rel=0.05), result.netlist


@needs_ngspice
@pytest.mark.parametrize("text,vcc,vee,rb,re_,rc", [
    ("NPN common-emitter amplifier on \u00b112 V: base returned to ground through 100k, emitter resistor 11k to -12 V "
     "bypassed by 100 uF, collector resistor 6.8k to +12 V; input vin coupled with 10 uF to the base, output at the "
     "collector, node vout.", 12, 12, 100e3, 11e3, 6.8e3),
    ("Common-emitter stage on split supplies of +9 V and -5 V: 47k from the base to ground, 4.3k emitter resistor to "
     "the negative rail with a bypass capacitor, 3.9k collector resistor; input vin, output vout.", 9, 5, 47e3, 4.3e3,
     3.9e3),
])
def test_a_common_emitter_stage_on_split_rails_returns_its_base_to_ground_and_its_emitter_to_vee(text, vcc, vee, rb,
                                                                                                 re_, rc):
    result = generate(text)
    assert result.intent.kind == "bjt_split_rail_ce", result.netlist
    ic = 1e-3
    for _ in range(30):
        ic = (vee - _vbe(ic)) / (re_ * 1.01 + rb / BETA)
    assert measure(result.netlist, "op\nlet result = (v(vcc)-v(vout))") == pytest.approx(ic * rc, rel=0.05)
    ro = (100 + vcc - ic * rc) / ic
    want = ic / VT * rc * ro / (rc + ro)
    assert _gain(result.netlist, "vout", "vin") == pytest.approx(want, rel=0.1), result.netlist


@needs_ngspice
def test_a_name_said_as_the_far_end_of_a_coupling_capacitor_is_the_input_not_a_bypassed_node():
    # "through a 100 uF cap from node qe": qe feeds the cap, it is no node a capacitor holds to ground (the base's)
    result = generate("Common-base NPN stage on 9 V: base divider 33k/10k, bypassed to ground by 47 uF, emitter "
                      "resistor 1k, collector resistor 3.3k; the signal enters the emitter through a 100 uF cap from "
                      "node qe; output at the collector, node qc.")
    assert result.intent.kind == "common_base", result.netlist
    assert any(line.split()[:3] == ["C1", "qe", "e"] for line in result.netlist.splitlines()), result.netlist
    vth, rth = 9 * 10 / 43, 33e3 * 10e3 / 43e3
    ic = 1e-3
    for _ in range(20):
        ic = (vth - _vbe(ic)) / (1e3 * 1.01 + rth / BETA)
    assert _gain(result.netlist, "qc", "qe") == pytest.approx(ic / VT * 3.3e3, rel=0.15), result.netlist


@needs_ngspice
@pytest.mark.parametrize("text,kind,top,bottom", [
    ("PNP emitter follower on 10 V: 4.7k emitter resistor from the supply to the emitter, base biased by a 10k/10k "
     "divider, input fi coupled through 10 uF, output fe at the emitter, collector grounded.", "bjt_emitter_follower",
     10e3, 10e3),
    ("Darlington emitter follower on 15 V: two NPNs, base divider 100k/100k, 1k emitter resistor, input din coupled "
     "with 10 uF, output dout at the second emitter.", "darlington_follower", 100e3, 100e3),
    ("NPN common-emitter amplifier on 9 V with a 39k over 8.2k base divider, 2.2k collector resistor, 560 ohm "
     "emitter resistor bypassed; input ci, output co.", "bjt_common_emitter", 39e3, 8.2e3),
])
def test_a_followers_or_stages_stated_divider_pair_is_built_from_the_rail_down(text, kind, top, bottom):
    result = generate(text)
    assert result.intent.kind == kind, result.netlist
    rows = [line.split() for line in result.netlist.splitlines() if line[:1] == "R"]
    base = next(r[2] if r[1] in ("vcc", "vdd") else r[1] for r in rows if "b" in r[1:3] and "0" not in r[1:3])
    assert {float(r[3].replace("k", "e3")) for r in rows if base in r[1:3]} >= {top, bottom}, result.netlist
    assert measure(result.netlist, f"op\nlet result = v({base})/v(vcc)") == pytest.approx(
        bottom / (top + bottom), rel=0.1), result.netlist  # (less the base current's drop)
    assert not any("is not used" in item.what for item in result.checks), result.checks


@needs_ngspice
def test_a_bjts_output_characteristic_carries_bf_times_its_base_current():
    result = generate("Collector characteristic of an NPN (BF=150): 15 uA forced into the base, emitter grounded, the "
                      "collector held by VC and swept from 0 to 8 V.")
    assert result.intent.kind == "bjt_output_characteristic", result.netlist
    sweep = next(line.split() for line in result.netlist.splitlines() if line.startswith(".dc"))
    ic = measure(result.netlist, f"dc {sweep[1]} 0 8.2 0.1\nmeas dc result find i({sweep[1]}) at=8")
    assert abs(ic) == pytest.approx(150 * 15e-6 * (1 + 8 / 100), rel=0.05), result.netlist  # the card's VAF


@needs_ngspice
def test_a_common_gate_stages_gate_source_is_the_one_the_request_holds_it_with():
    result = generate("Common-gate NMOS amplifier on 10 V: gate held at 3 V by VG, 2.2k source resistor to ground, "
                      "4.7k drain resistor, input cgi coupled through 10 uF into the source, output cgd at the drain, "
                      "W=20u L=1u, VTO=1, KP=100u.")
    assert result.intent.kind == "common_gate", result.netlist
    sources = [line.split() for line in result.netlist.splitlines() if line[:1] == "V"]
    gate = next(line.split()[2] for line in result.netlist.splitlines() if line.startswith("M1"))
    assert [s[0] for s in sources if s[1] == gate] == ["VG"] and len(sources) == 3, result.netlist
    assert measure(result.netlist, f"op\nlet result = v({gate})") == pytest.approx(3)
