"""Open-world requests for transistor load drivers, level shifters, the delta-VBE pair, the VBE-referenced
current source and the centre-tapped rectifier, in words of our own: each answer is simulated the way the
request's own bench would read it, and each expectation is computed here from the circuit's equations."""
import math

import pytest

from spice_lsp.generation.families import render
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.ngspice import runner
from training.case_checks import run_check

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")
VT = 8.617333e-5 * 300.15  # kT/q at 27 C


def _measure(netlist: str, analysis: str, measure: str) -> float:
    result = run_check(netlist, {"analysis": analysis, "measure": measure, "min": -1e30, "max": 1e30})
    assert result.value is not None, (result.error, netlist)
    return result.value


def _element(netlist: str, name: str) -> list[str]:
    return next(line.split() for line in netlist.splitlines() if line.split()[:1] == [name])


@NGSPICE
@pytest.mark.parametrize("text,rail,node", [
    ("Switch a 24 V valve solenoid (15 mH, 80 ohm) with an NPN on its low side; the collector is node vc1, "
     "a catch diode across the solenoid, base driven from a 0/5 V 400 Hz square on node mcu. 10 ms transient.",
     24.0, "vc1"),
    ("Low-side N-MOSFET switching a 9 V relay coil (40 mH, 180 ohm), drain node dr, freewheeling diode across "
     "the coil, gate driven by a 0/3.3 V square at 250 Hz on node io. 12 ms transient.", 9.0, "dr"),
])
def test_a_coil_is_switched_to_ground_and_its_kick_clamped_a_diode_drop_above_the_rail(text, rail, node):
    result = generate(text)
    assert result.intent.kind == "transistor_load_driver", result.netlist
    diode = _element(result.netlist, "D1")
    assert {diode[1].lower(), diode[2].lower()} == {node, _element(result.netlist, "V1")[1].lower()}
    lowest = _measure(result.netlist, result.intent.analyses[0].directive.lstrip("."), f"min v({node})")
    highest = _measure(result.netlist, result.intent.analyses[0].directive.lstrip("."), f"max v({node})")
    assert lowest < 0.05 * rail
    assert rail <= highest <= rail + 1.2  # the flyback diode's clamp


@NGSPICE
def test_a_pmos_high_side_switch_passes_the_rail_to_its_load_when_enabled():
    text = ("P-channel high-side switch: 15 V supply, 30 ohm load from out to ground, gate pulled up by 68k and pulled "
            "down by an NPN when en (5 V logic) is high. DC operating point with en high.")
    result = generate(text)
    assert result.intent.kind == "transistor_load_driver", result.netlist
    # the switch's on resistance from its card: 1/(KP (VGS - VTO)), VGS = -15 V
    card = next(line for line in result.netlist.lower().splitlines() if line.startswith(".model psw"))
    kp, vto = (float(card.split(f"{k}=")[1].split()[0]) for k in ("kp", "vto"))
    ron = 1 / (kp * (15 - abs(vto)))
    assert _measure(result.netlist, "op", "v(out)") == pytest.approx(15 * 30 / (30 + ron), rel=0.01)
    assert result.verified, result.verdict


@NGSPICE
def test_an_open_collector_npn_level_shifter_inverts_between_ground_and_the_high_rail():
    text = ("Level shifter: one NPN turns 1.8 V logic into an inverted 12 V signal with a 22k pull-up; input 0/1.8 V "
            "pulses at 5 kHz. Simulate 1 ms.")
    result = generate(text)
    assert result.intent.kind == "transistor_load_driver", result.netlist
    assert _measure(result.netlist, "tran 1u 1m", "min v(out)") < 0.2
    assert _measure(result.netlist, "tran 1u 1m", "max v(out)") == pytest.approx(12, abs=0.1)


@NGSPICE
def test_a_bidirectional_nmos_shifter_pulls_its_high_side_down_with_its_low_side():
    text = ("Bidirectional I2C level translator with one N-channel MOSFET between the 2.5 V side (node scl_a) and the "
            "5 V side (node scl_b), 4.7k pull-ups on each side; the low side is driven by an open-drain 20 kHz "
            "square. 150 us transient.")
    result = generate(text)
    assert result.intent.kind == "nmos_bidirectional_level_shifter", result.netlist
    high = _measure(result.netlist, "tran 0.1u 150u", "max v(out)" if " out " in result.netlist else
                    f"max v({_element(result.netlist, 'M1')[1]})")
    assert high == pytest.approx(5, abs=0.05)
    low = _measure(result.netlist, "tran 0.1u 150u", f"min v({_element(result.netlist, 'M1')[1]})")
    assert low < 0.15 * 5


@NGSPICE
@pytest.mark.parametrize("text,hi,lo,ratio", [
    ("Two diode-connected NPN transistors biased at 5 uA and 40 uA by current sources: PTAT output "
     "v(pa) - v(pb), pa on the 40 uA one. Operating point.", "pa", "pb", 8.0),
    ("Delta-VBE cell: both NPNs carry 25 uA, the second has 4 times the emitter area; I read v(na)-v(nb), nb on "
     "the big one. Operating point.", "na", "nb", 4.0),
])
def test_the_delta_vbe_pair_gives_vt_ln_of_its_current_density_ratio(text, hi, lo, ratio):
    result = generate(text)
    assert result.intent.kind == "ptat_delta_vbe", result.netlist
    assert _measure(result.netlist, "op", f"v({hi})-v({lo})") == pytest.approx(VT * math.log(ratio), rel=0.02)


@NGSPICE
def test_a_vbe_referenced_source_sinks_one_vbe_over_its_emitter_resistor_into_the_source_holding_it():
    text = ("VBE-referenced current source from 9 V: 33k feeds Q1's base, Q2's base sits on Q1's 2.2k emitter "
            "resistor; the output node ko is held at 4 V by VK. Operating point.")
    result = generate(text)
    assert result.intent.kind == "vbe_referenced_current_source", result.netlist
    assert _element(result.netlist, "VK")[1:3] == ["ko", "0"]
    current = _measure(result.netlist, "op", "abs(i(vk))")
    # Iout = VBE(Q2)/RE, Q2's current what R1 carries: (9 - 2 VBE)/33k, VBE near 0.65 V
    vbe = VT * math.log((9 - 1.3) / 33e3 / 1e-14)
    assert current == pytest.approx(vbe / 2.2e3, rel=0.05)


@NGSPICE
def test_a_centre_tapped_rectifier_peaks_one_diode_drop_below_a_half_winding():
    text = ("Centre-tapped transformer full-wave rectifier, 15-0-15 V rms at 60 Hz, ends ua and ub, 470 uF reservoir, "
            "1k load. 200 ms transient.")
    result = generate(text)
    assert result.intent.kind == "center_tapped_rectifier", result.netlist
    assert {_element(result.netlist, "V1")[1], _element(result.netlist, "V2")[1]} == {"ua", "ub"}
    peak = 15 * math.sqrt(2)
    assert peak - 1.2 < _measure(result.netlist, "tran 20u 200m", "max v(out) from=100m to=200m") < peak - 0.4


@pytest.mark.parametrize("text,kind", [
    ("NMOS cascode current mirror with 40 uA from an ideal current source into its diode-connected side; the "
     "output drain is held at 2.5 V by source VD at node od.", "cascode_mirror"),
    ("Complementary emitter followers (class B) driving a 4 ohm loudspeaker from +-12 V, 2 V peak 500 Hz input.",
     "class_b_push_pull"),
    # a buffer of one bipolar transistor is its emitter follower, not an op-amp's
    ("Buffer the 2 V bias node with a single NPN (collector to 9 V, 2.2k emitter resistor); operating point.",
     "bjt_emitter_follower"),
    ("Op-amp buffer after an NPN stage, unity gain, on 12 V.", "opamp_buffer"),
])
def test_a_part_the_request_names_is_no_circuit_to_refuse_and_a_bjt_buffer_is_a_follower(text, kind):
    assert generate(text).intent.kind == kind


@NGSPICE
def test_a_pnp_mirror_sources_its_reference_into_a_grounded_load():
    text = "PNP current mirror on a 12 V rail, its reference of 400 uA set by a resistor, sourcing into 4.7k to ground."
    result = generate(text)
    assert result.intent.kind == "pnp_current_mirror", result.netlist
    q2 = _element(result.netlist, "Q2")
    assert q2[3] == "vdd" and result.netlist.lower().count(" pnp") >= 2  # emitters on the rail: PNPs
    # the load's top is Iref x RL above ground (within the 5 % the compensated area leaves)
    assert _measure(result.netlist, "op", "v(out)") == pytest.approx(400e-6 * 4.7e3, rel=0.05)


@NGSPICE
@pytest.mark.parametrize("text,vcc,rc,rf,beta", [
    # the larger resistor is the feedback one, whichever role the words gave it
    ("Collector-feedback bias for an NPN (hFE 120): 3.3k from the 15 V supply to the collector, 150k from the "
     "collector to the base, emitter at ground. DC operating point.", 15.0, 3.3e3, 150e3, 120.0),
    ("BJT stage, collector to base feedback: RF = 220k, RC = 5.6k, 10 V rail. Operating point.",
     10.0, 5.6e3, 220e3, 100.0),
])
def test_a_collector_feedback_stage_sits_at_vbe_plus_the_base_current_drop(text, vcc, rc, rf, beta):
    result = generate(text)
    assert result.intent.kind == "bjt_collector_feedback", result.netlist
    # (VCC - Vc)/RC = (beta + 1) IB, Vc = VBE + IB RF: solved with VBE from IS = 1e-14 at IC = beta IB
    vc = 2.0
    for _ in range(100):
        ib = (vcc - vc) / rc / (beta + 1)
        vc = 0.5 * vc + 0.5 * (0.02585 * math.log(beta * ib / 1e-14) + ib * rf)
    assert _measure(result.netlist, "op", "v(out)") == pytest.approx(vc, rel=0.03)


@NGSPICE
def test_a_darlington_switch_keeps_its_load_on_at_two_junction_drops_and_uses_the_numbered_resistors_by_size():
    text = ("Darlington switching a 24 V heater of 48 ohm, R1 = 4.7k into the first base, driven by 3.3 V logic; "
            "R2 = 48 ohm heater from the rail to the collectors. DC operating point.")
    result = generate(text)
    assert result.intent.kind == "transistor_load_driver", result.netlist
    assert _element(result.netlist, "R1")[2:4] == ["b", "4.7k"]  # the larger into the base, as named
    assert _element(result.netlist, "R2")[3] == "48"
    assert _measure(result.netlist, "op", "v(vcc)") == pytest.approx(24)
    on = _measure(result.netlist, "op", "v(out)")
    assert 0.5 < on < 1.3  # VBE(Q2) + VCE(sat) of Q1: a Darlington never saturates fully


@pytest.mark.parametrize("text,pin_line", [
    # the switch named by its part number: the card that part is (P-channel on the high side, PNP from the rail)
    ("IRF9540 high-side switch feeding a 20 ohm heater from 12 V, gate pulled down by a 2N2222 from 3.3 V logic.",
     "M1 out g vcc vcc psw"),
    ("2N3906 high-side driver for a 150 ohm lamp on 5 V, its base through 1k from a 0/5 V 1 kHz square. 3 ms "
     "transient.", "Q1 out b vcc pnp"),
    ("Solenoid valve (30 ohm, 50 mH) on 24 V switched by an IRLZ44N, gate from a 0/5 V 100 Hz square. 30 ms "
     "transient.", "M1 out in 0 0 nsw"),
])
def test_a_switch_named_by_its_part_number_is_that_kind_of_device(text, pin_line):
    result = generate(text)
    assert result.intent.kind == "transistor_load_driver", result.netlist
    assert pin_line.split()[0] in {line.split()[0] for line in result.netlist.splitlines() if line.strip()}
    built = _element(result.netlist, pin_line.split()[0])
    assert built[-1] == pin_line.split()[-1] and built[3] == pin_line.split()[3], built


@NGSPICE
def test_sides_named_by_their_rails_switch_within_the_transient_asked_for():
    result = generate("Level translator for I2C with a 2N7000: 1.8 V side node ya, 3.3 V side node yb, 2.2k pull-ups, "
                      "100 us transient.")
    assert result.intent.kind == "nmos_bidirectional_level_shifter", result.netlist
    assert runner.run(result.netlist).ok, result.netlist
    # no frequency given: the drive runs fast enough that the 100 us asked for sees the high side pulled down
    assert _measure(result.netlist, "tran 0.1u 100u", "min v(yb)") < 0.15 * 3.3
    assert _measure(result.netlist, "tran 0.1u 100u", "max v(yb)") == pytest.approx(3.3, abs=0.05)
    assert _measure(result.netlist, "tran 0.1u 100u", "max v(ya)") == pytest.approx(1.8, abs=0.05)


def test_a_delta_vbe_pair_whose_words_leave_the_branches_unassigned_is_never_verified():
    result = generate("PTAT pair: NPNs at 10 uA and 80 uA with an 8:1 area ratio, read v(p)-v(q). Operating point.")
    assert result.intent.kind == "ptat_delta_vbe", result.netlist
    assert not result.verified
    assert any("area ratio" in c.what and c.status != "pass" for c in result.checks)


@NGSPICE
@pytest.mark.parametrize("text,holder,level,rail,amps", [
    # the level the output's source holds is no supply: the rail is the request's other level
    ("NPN Wilson mirror with a 100 uA reference; the output collector is held at 2 V by VH; 9 V supply. op", "vh",
     2.0, 9.0, 100e-6),
    ("PNP current mirror, 300 uA reference source, output node pq held at 4 V by VP, 15 V rail. op", "vp", 4.0,
     15.0, 300e-6),
])
def test_a_mirror_held_by_a_named_source_runs_from_the_other_level(text, holder, level, rail, amps):
    netlist = render(parse_intent(text)).netlist
    assert _measure(netlist, "op", "v(vdd)") == pytest.approx(rail)
    assert _measure(netlist, "op", "v(out)") == pytest.approx(level)
    assert _measure(netlist, "op", f"abs(i({holder}))") == pytest.approx(amps, rel=0.05)


@NGSPICE
def test_a_two_transistor_limiter_holds_its_load_current_at_one_vbe_over_the_sense_resistor():
    result = generate("Current limiter with two NPN transistors: pass transistor from 10 V, 1.5 ohm sense resistor, "
                      "2 ohm load at node lo. DC operating point.")
    assert result.intent.kind == "bjt_current_limiter", result.netlist
    current = _measure(result.netlist, "op", "v(lo)/2")
    # Q2 conducts once RS drops one VBE (0.6-0.8 V at milliamps): the limit, far below the 4.6 A 2 ohms would draw
    assert 0.6 / 1.5 < current < 0.8 / 1.5
    assert result.verified, result.verdict
