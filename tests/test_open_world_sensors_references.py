"""Open-world circuits of the filter / op-amp / sensor lane, in wording no case file uses: a notch asked to reject a
frequency by so many dB is tuned there, a Linkwitz-Riley crossover's outputs are each -6 dB at the crossover, a
buffered zener reference reaches the level asked for, a high-side sense amplifier with a stated load current and
gain, and a thermocouple amplifier whose sensitivities ('41 uV/degC') are rates, not levels or supplies. Each is
measured in ngspice on the answer itself."""
import pytest

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.ngspice import runner

NGSPICE = pytest.mark.skipif(runner.shutil.which("ngspice") is None, reason="ngspice is not installed")


def _op(netlist: str, expression: str) -> float:
    run = runner.run(netlist, control=f"op\nlet result = {expression}\nprint result")
    assert run.ok and run.values.get("result") is not None, run
    return run.values["result"]


def _db(netlist: str, out: str, inp: str, hz: float) -> float:
    run = runner.run(netlist, control=f"ac lin 1 {hz:g} {hz:g}\nlet result = vdb({out})-vdb({inp})\nprint result")
    assert run.ok and run.values.get("result") is not None, run
    return run.values["result"]


@NGSPICE
@pytest.mark.parametrize("text,hz,depth", [
    ("Bootstrapped twin-T hum filter for mains pickup in a guitar lead, at least 35 dB down at 50 Hz", 50, -35),
    ("active twin-T band-reject, at least 30 dB down at 400 Hz", 400, -30),
    ("passive twin-T notch that is at least 40 dB down at 1.2 kHz", 1.2e3, -40),
])
def test_a_notch_asked_to_reject_a_frequency_is_tuned_there(text, hz, depth):
    result = generate(text)
    assert "twin_t" in result.intent.kind
    assert _db(result.netlist, "out", "in", hz) <= depth
    assert result.verified, [(c.what, c.status, c.detail) for c in result.checks if c.status != "pass"]


@NGSPICE
@pytest.mark.parametrize("text,hz", [
    ("Linkwitz-Riley crossover for a two-way speaker, crossing over at 1.8 kHz", 1.8e3),
    ("an LR4 active crossover, 300 Hz", 300),
])
def test_a_linkwitz_riley_crossover_is_minus_6_db_on_both_outputs_and_sums_flat(text, hz):
    result = generate(text)
    assert result.intent.kind == "linkwitz_riley_crossover"
    for out in ("lp", "hp"):
        assert _db(result.netlist, out, "in", hz) == pytest.approx(-6.02, abs=0.3)
    # the low-pass 4th order: 80 dB a decade above; the high-pass the same a decade below
    assert _db(result.netlist, "lp", "in", 10 * hz) == pytest.approx(-80, abs=3)
    assert _db(result.netlist, "hp", "in", hz / 10) == pytest.approx(-80, abs=3)
    run = runner.run(result.netlist, control=f"ac lin 5 {hz / 4:g} {hz * 4:g}\nlet s = db(v(lp)+v(hp))\n"
                                              "let result = vecmax(abs(s))\nprint result")
    assert run.ok and run.values["result"] < 0.2  # the two outputs sum flat (in phase)


@NGSPICE
@pytest.mark.parametrize("text,level", [
    ("Precision 10 V source: a 6.2 V zener diode buffered and scaled up by a non-inverting op-amp, "
     "from a 15 V supply, into a 2k load", 10.0),
    ("op-amp buffered zener reference giving 7.5 V from a 4.7 V zener, 12 V rail", 7.5),
])
def test_a_buffered_zener_reference_gives_the_level_asked_for(text, level):
    result = generate(text)
    assert result.intent.kind == "buffered_zener_reference"
    assert ".model" in result.netlist and "bv=" in result.netlist.lower()  # its zener's card is there
    assert _op(result.netlist, "v(out)") == pytest.approx(level, rel=0.02)


@NGSPICE
@pytest.mark.parametrize("text,volts", [
    ("high-side current sense: a 0.05 ohm shunt on a 24 V bus carrying a 3 A load, difference amp gain 20", 3.0),
    ("High side current monitor, 0.2 ohm sense resistor, 500 mA load, gain 25, 5 V supply", 2.5),
])
def test_a_high_side_sense_amplifier_reads_the_stated_load_current_at_the_stated_gain(text, volts):
    result = generate(text)
    assert result.intent.kind == "high_side_current_sense"
    assert _op(result.netlist, "v(out)") == pytest.approx(volts, rel=0.03)


@pytest.mark.parametrize("text", [
    "K-type thermocouple preamp (40.8 uV/°C) giving 5 mV/°C, non-inverting gain of 122.5",
    "an op-amp with a slew rate of 0.5 V/us as a voltage follower",
])
def test_a_rate_per_degree_or_per_second_is_no_level_or_supply(text):
    values = parse_intent(text).values
    assert "VDD" not in values and "VIN" not in values, values


@NGSPICE
def test_a_thermocouple_amplifier_keeps_its_supply_and_its_gain():
    result = generate("Thermocouple front end: 52 uV/degC junction, 10 mV/degC wanted, so a non-inverting gain of "
                      "192; the junction at 50 degC is a 2.6 mV DC source at tj; output tco")
    assert _op(result.netlist, "v(tco)") == pytest.approx(2.6e-3 * 192, rel=0.03)


@NGSPICE
@pytest.mark.parametrize("seed", range(3))
def test_random_crossovers_references_and_notches_meet_what_was_asked(seed):
    import random
    rng = random.Random(seed)
    hz = float(f"{50 * 400 ** rng.random():.3g}")  # 50 Hz to 20 kHz
    result = generate(f"Linkwitz-Riley crossover at {hz:g} Hz")
    assert all(_db(result.netlist, out, "in", hz) == pytest.approx(-6.02, abs=0.3) for out in ("lp", "hp"))
    vz = rng.choice([3.3, 4.7, 5.1, 6.2, 6.8])
    level = round(vz * (1.1 + 1.2 * rng.random()), 2)
    supply = max(12, round(level + 3))
    result = generate(f"buffered zener reference, {vz:g} V zener and a non-inverting op-amp, {level:g} V out, "
                      f"{supply} V supply")
    assert _op(result.netlist, "v(out)") == pytest.approx(level, rel=0.02)
    depth = rng.randint(25, 45)
    result = generate(f"active twin-T notch, at least {depth} dB down at {hz:g} Hz")
    assert _db(result.netlist, "out", "in", hz) <= -depth
    assert result.verified, [(c.what, c.status, c.detail) for c in result.checks if c.status != "pass"]
