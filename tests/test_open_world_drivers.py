"""Open-world requests for transistor load drivers, level shifters, the delta-VBE pair, the VBE-referenced
current source and the centre-tapped rectifier, in words of our own: each answer is simulated the way the
request's own bench would read it, and each expectation is computed here from the circuit's equations."""
import math
from collections.abc import Callable
from dataclasses import dataclass

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


# --- one request, the family it must be read as, and what its answer must show ---------------------------------------
# Each row: the request, its family, and what is asserted of the answer: ngspice measurements (an approx, or bounds),
# element fields read from the netlist, text it must hold, checks that must not pass, and whether it is verified.

@dataclass(frozen=True)
class Between:
    """lo < value < hi: the bounds the circuit's equations leave."""
    lo: float = -math.inf
    hi: float = math.inf


@dataclass(frozen=True)
class Measure:
    """ngspice's `expression` in `analysis` is `expected` (an approx or Between). `{M1[1]}` in the expression is that
    element's field in the answer; an expression or expected that is a function is computed from the answer."""
    analysis: str
    expression: str | Callable[[str], str]
    expected: object


@dataclass(frozen=True)
class Fields:
    """`text` formatted with the answer's element fields ("{VK[1]} {VK[2]}") reads `expected` (a set: any order)."""
    text: str
    expected: str | frozenset[str]


@dataclass(frozen=True)
class Holds:
    """The answer (lower case) holds `words` at least `count` times."""
    words: str
    count: int


@dataclass(frozen=True)
class NotPassed:
    """A check whose name holds `words` does not pass."""
    words: str


@dataclass(frozen=True)
class Runs:
    """ngspice runs the answer as it is."""


def _fields(netlist: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in netlist.splitlines():
        if line.split():
            found.setdefault(line.split()[0], line.split())  # the first line of a name, as _element reads it
    return found


def _switch_on(netlist: str) -> object:
    # the switch's on resistance from its card: 1/(KP (VGS - VTO)), VGS = -15 V
    card = next(line for line in netlist.lower().splitlines() if line.startswith(".model psw"))
    kp, vto = (float(card.split(f"{k}=")[1].split()[0]) for k in ("kp", "vto"))
    ron = 1 / (kp * (15 - abs(vto)))
    return pytest.approx(15 * 30 / (30 + ron), rel=0.01)


def _high_side(netlist: str) -> str:
    return "max v(out)" if " out " in netlist else f"max v({_element(netlist, 'M1')[1]})"


# Iout = VBE(Q2)/RE, Q2's current what R1 carries: (9 - 2 VBE)/33k, VBE near 0.65 V
_VBE = VT * math.log((9 - 1.3) / 33e3 / 1e-14)
_PEAK = 15 * math.sqrt(2)  # a 15 V rms half winding


@pytest.mark.parametrize("text,kind,shown,verified", [
    pytest.param(
        "P-channel high-side switch: 15 V supply, 30 ohm load from out to ground, gate pulled up by 68k and pulled "
        "down by an NPN when en (5 V logic) is high. DC operating point with en high.", "transistor_load_driver",
        [Measure("op", "v(out)", _switch_on)], True, marks=NGSPICE, id="pmos_high_side_passes_the_rail"),
    pytest.param(
        "Level shifter: one NPN turns 1.8 V logic into an inverted 12 V signal with a 22k pull-up; input 0/1.8 V "
        "pulses at 5 kHz. Simulate 1 ms.", "transistor_load_driver",
        [Measure("tran 1u 1m", "min v(out)", Between(hi=0.2)),
         Measure("tran 1u 1m", "max v(out)", pytest.approx(12, abs=0.1))], None, marks=NGSPICE,
        id="open_collector_shifter_inverts_to_the_high_rail"),
    pytest.param(
        "Bidirectional I2C level translator with one N-channel MOSFET between the 2.5 V side (node scl_a) and the "
        "5 V side (node scl_b), 4.7k pull-ups on each side; the low side is driven by an open-drain 20 kHz "
        "square. 150 us transient.", "nmos_bidirectional_level_shifter",
        [Measure("tran 0.1u 150u", _high_side, pytest.approx(5, abs=0.05)),
         Measure("tran 0.1u 150u", "min v({M1[1]})", Between(hi=0.15 * 5))], None, marks=NGSPICE,
        id="bidirectional_nmos_pulls_its_high_side_down"),
    pytest.param(
        "VBE-referenced current source from 9 V: 33k feeds Q1's base, Q2's base sits on Q1's 2.2k emitter "
        "resistor; the output node ko is held at 4 V by VK. Operating point.", "vbe_referenced_current_source",
        [Fields("{VK[1]} {VK[2]}", "ko 0"), Measure("op", "abs(i(vk))", pytest.approx(_VBE / 2.2e3, rel=0.05))],
        None, marks=NGSPICE, id="vbe_referenced_source_sinks_one_vbe_over_re"),
    pytest.param(
        "Centre-tapped transformer full-wave rectifier, 15-0-15 V rms at 60 Hz, ends ua and ub, 470 uF reservoir, "
        "1k load. 200 ms transient.", "center_tapped_rectifier",
        [Fields("{V1[1]} {V2[1]}", frozenset({"ua", "ub"})),
         Measure("tran 20u 200m", "max v(out) from=100m to=200m", Between(_PEAK - 1.2, _PEAK - 0.4))], None,
        marks=NGSPICE, id="centre_tapped_rectifier_peaks_a_diode_drop_below"),
    pytest.param(
        "PNP current mirror on a 12 V rail, its reference of 400 uA set by a resistor, sourcing into 4.7k to ground.",
        "pnp_current_mirror",
        # emitters on the rail: PNPs; the load's top is Iref x RL above ground (within the 5 % the compensated
        # area leaves)
        [Fields("{Q2[3]}", "vdd"), Holds(" pnp", 2), Measure("op", "v(out)", pytest.approx(400e-6 * 4.7e3, rel=0.05))],
        None, marks=NGSPICE, id="pnp_mirror_sources_into_a_grounded_load"),
    pytest.param(
        "Darlington switching a 24 V heater of 48 ohm, R1 = 4.7k into the first base, driven by 3.3 V logic; "
        "R2 = 48 ohm heater from the rail to the collectors. DC operating point.", "transistor_load_driver",
        # the larger into the base, as named; on, VBE(Q2) + VCE(sat) of Q1: a Darlington never saturates fully
        [Fields("{R1[2]} {R1[3]}", "b 4.7k"), Fields("{R2[3]}", "48"),
         Measure("op", "v(vcc)", pytest.approx(24)), Measure("op", "v(out)", Between(0.5, 1.3))], None,
        marks=NGSPICE, id="darlington_on_at_two_junction_drops"),
    pytest.param(
        "Level translator for I2C with a 2N7000: 1.8 V side node ya, 3.3 V side node yb, 2.2k pull-ups, "
        "100 us transient.", "nmos_bidirectional_level_shifter",
        # no frequency given: the drive runs fast enough that the 100 us asked for sees the high side pulled down
        [Runs(), Measure("tran 0.1u 100u", "min v(yb)", Between(hi=0.15 * 3.3)),
         Measure("tran 0.1u 100u", "max v(yb)", pytest.approx(3.3, abs=0.05)),
         Measure("tran 0.1u 100u", "max v(ya)", pytest.approx(1.8, abs=0.05))], None, marks=NGSPICE,
        id="sides_named_by_their_rails_switch_within_the_transient"),
    pytest.param(
        "PTAT pair: NPNs at 10 uA and 80 uA with an 8:1 area ratio, read v(p)-v(q). Operating point.",
        "ptat_delta_vbe", [NotPassed("area ratio")], False, id="delta_vbe_branches_unassigned_never_verified"),
    pytest.param(
        "Current limiter with two NPN transistors: pass transistor from 10 V, 1.5 ohm sense resistor, "
        "2 ohm load at node lo. DC operating point.", "bjt_current_limiter",
        # Q2 conducts once RS drops one VBE (0.6-0.8 V at milliamps): the limit, far below the 4.6 A 2 ohms would draw
        [Measure("op", "v(lo)/2", Between(0.6 / 1.5, 0.8 / 1.5))], True, marks=NGSPICE,
        id="two_transistor_limiter_holds_one_vbe_over_rs"),
])
def test_the_answer_is_the_family_asked_for_and_shows_what_its_equations_say(text, kind, shown, verified):
    result = generate(text)
    assert result.intent.kind == kind, result.netlist
    fields = _fields(result.netlist)
    for what in shown:
        if isinstance(what, Measure):
            expression = what.expression(result.netlist) if callable(what.expression) else \
                what.expression.format(**fields)
            value = _measure(result.netlist, what.analysis, expression)
            expected = what.expected(result.netlist) if callable(what.expected) else what.expected
            if isinstance(expected, Between):
                assert expected.lo < value < expected.hi, (expression, value, expected)
            else:
                assert value == expected, expression
        elif isinstance(what, Fields):
            read = what.text.format(**fields)
            assert (set(read.split()) if isinstance(what.expected, frozenset) else read) == what.expected, read
        elif isinstance(what, Holds):
            assert result.netlist.lower().count(what.words) >= what.count, result.netlist
        elif isinstance(what, NotPassed):
            assert any(what.words in c.what and c.status != "pass" for c in result.checks), result.checks
        else:
            assert runner.run(result.netlist).ok, result.netlist
    if verified is not None:
        assert result.verified if verified else not result.verified, result.verdict
