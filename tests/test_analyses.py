"""Analyses as users write them: every range, step, count and temperature a request states reaches
the netlist, and the checklist checks it (issue 13). The phrasings are the class (how people write
an analysis), with circuits and figures of their own, not the benchmark cases' words."""
from __future__ import annotations

import pytest

from spice_lsp.generation.checklist import FAIL, PASS, analyses
from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.language.parser import parse

RC = "RC low-pass, R1 = 2.2k from in to out, C1 = 47 nF from out to ground"
DIVIDER = "Divider R1 = 4.7k from in to out and R2 = 2.2k from out to ground, source VIN at in"
DIODE = "Diode D1 from k to ground fed through R1 = 680 ohms from a 5 V source V1 at node a"

PHRASINGS = [
    # DC sweeps: "..", "through", a step said as "steps", "step", "increments", "resolution", or a count
    (f"{DIVIDER}; sweep vin 0..3.3 V, 10 mV steps", [".dc VIN 0 3.3 10m"]),
    (f"{DIVIDER}; DC sweep of VIN from -2 to 2 volts, step 50mV", [".dc VIN -2 2 50m"]),
    (f"{DIVIDER}; DC sweep VIN from -1 V through 1 V in 20 mV increments", [".dc VIN -1 1 20m"]),
    (f"{DIVIDER}; sweep VIN from 0 to 12 V with 0.25 V resolution", [".dc VIN 0 12 250m"]),
    (f"{DIVIDER}; sweep VIN from 0 to 10 V with 201 points", [".dc VIN 0 10 50m"]),
    (f"{DIVIDER}; VIN swept from 1 V to 4 V in 0.5 V steps", [".dc VIN 1 4 500m"]),
    (f"{DIVIDER}; vary VIN from 0 to 6 V in 0.2 V steps", [".dc VIN 0 6 200m"]),
    (f"{DIVIDER}; sweep the input from 0 to 2.5 V in 25 mV steps", [".dc VIN 0 2.5 25m"]),
    (f"{DIVIDER}; DC transfer curve: VIN from \u22123 V to +3 V, step 0.1 V", [".dc VIN -3 3 100m"]),
    (f"{DIVIDER}; sweep VIN between 1 and 9 V in 0.5 V steps", [".dc VIN 1 9 500m"]),
    (f"{DIVIDER}; DC sweep of VIN from 0 V to 8 V in 40 steps", [".dc VIN 0 8 200m"]),
    # AC sweeps: dashes, "through", per decade / "/dec" / "pts", octaves, linear, a count with no unit word
    (f"{RC}. AC analysis, 1 Hz\u201310 MHz, 50 pts/decade", [".ac dec 50 1 10meg"]),
    (f"{RC}; ac lin 100 points from 1k to 2k", [".ac lin 100 1k 2k"]),
    (f"{RC}; octave sweep from 100 Hz to 100 kHz, 8 points per octave", [".ac oct 8 100 100k"]),
    (f"{RC}; AC sweep by octaves from 50 Hz to 50 kHz", [".ac oct 20 50 50k"]),
    (f"{RC}; AC from 20 Hz through 2 MHz, 30 per decade", [".ac dec 30 20 2meg"]),
    (f"{RC}; AC analysis 10 Hz to 1 MHz, 40/dec", [".ac dec 40 10 1meg"]),
    (f"{RC}; Bode plot from 5 Hz to 500 kHz with 25 points per decade", [".ac dec 25 5 500k"]),
    (f"{RC}; AC sweep from 1e2 Hz to 1e7 Hz", [".ac dec 20 100 10meg"]),
    (f"{RC}; AC sweep 10 Hz \u2192 1 MHz", [".ac dec 20 10 1meg"]),
    (f"{RC}; AC: 20 Hz \u2013 200 kHz", [".ac dec 20 20 200k"]),
    (f"{RC}; sweep ac from 1hz to 10mhz", [".ac dec 20 1 10meg"]),  # "mhz" in lower case is MHz
    (f"{RC}; linear sweep of 201 points between 9 kHz and 11 kHz", [".ac lin 201 9k 11k"]),
    (f"{RC}; sweep the frequency from 30 Hz to 3 MHz", [".ac dec 20 30 3meg"]),
    (f"{RC}; plot gain and phase from 2 Hz to 200 kHz", [".ac dec 20 2 200k"]),
    (f"{RC}; frequency sweep from 10 to 300k Hz", [".ac dec 20 10 300k"]),  # the k is 300's alone
    (f"{RC}; AC analysis at 2 kHz only", [".ac lin 1 2k 2k"]),
    # a range under half a decade with no count: evenly spaced points (20 per decade gave under one point there,
    # and ngspice never finished)
    (f"{RC}; sweep the AC response from 9.95 kHz to 10.05 kHz", [".ac lin 101 9.95k 10.05k"]),
    # transients: a length said many ways, its step ("resolution", "timestep"), its saved window
    (f"{RC}; simulate 3 ms", [".tran 3u 3m"]),
    (f"{RC}; run the transient for 20 ms with 1 \u00b5s resolution", [".tran 1u 20m"]),
    (f"{RC}; transient starting at 1 ms to 5 ms", [".tran 5u 5m 1m"]),
    (f"{RC}; a 4 ms transient, print from t = 1 ms", [".tran 4u 4m 1m"]),
    (f"{RC}; run it for 50 ms", [".tran 50u 50m"]),
    (f"{RC}; simulate from 0 to 12 ms", [".tran 12u 12m"]),
    (f"{RC}; 6 ms transient, step 3 us, starting to save at 2 ms", [".tran 3u 6m 2m"]),
    (f"{RC}; transient with a simulation time of 8 ms and a 2 us time step", [".tran 2u 8m"]),
    (f"{RC}, driven by a pulse V1 (1 \u00b5s rise) at in; the transient runs 2 s", [".tran 2m 2"]),
    (f"a quick transient: {RC}, V1 at in. simulate 10 ms with a 10 us step", [".tran 10u 10m"]),
    (f"{RC}; transient 0\u20136 ms in 3 \u00b5s steps", [".tran 3u 6m"]),
    (f"{RC}; 7 ms of transient with a 2 us max step", [".tran 2u 7m"]),
    (f"{RC}; transient with tstop = 9 ms and tstep = 30 us", [".tran 30u 9m"]),
    (f"{RC}; simulate for 2 seconds", [".tran 2m 2"]),
    (f"{RC}, a 2 kHz sine at in; transient for 8 cycles of the input", [".tran 4u 4m"]),
    (f"{RC}; .tran 1u 3m 0 1u uic", [".tran 1u 3m 0 1u uic"]),
    # the operating point, by any of its names, alone or with another analysis
    (f"{DIVIDER}; bias point", [".op"]),
    (f"{DIVIDER}; DC op", [".op"]),
    (f"{DIVIDER}; give me both an op and an ac", [".op", ".ac dec 20 1 100meg"]),
    (f"{DIVIDER}. Operating point and AC.", [".op", ".ac dec 20 1 100meg"]),
    (f"{DIVIDER}; op and ac analyses", [".op", ".ac dec 20 1 100meg"]),
    (f"{RC}; a 10 ms transient and an AC sweep to 1 MHz", [".tran 10u 10m", ".ac dec 20 1 1meg"]),
    # temperatures: a list with or without a unit on each, a sweep with its step, one temperature
    (f"{DIODE}; operating point at temperatures -40, 25 and 85 \u00b0C", [".op", ".temp -40 25 85"]),
    (f"{DIODE}; operating point at -40 \u00b0C, 25 \u00b0C and 125 \u00b0C", [".op", ".temp -40 25 125"]),
    (f"{DIODE}; sweep temperature from -40 to 125 in 10 degree steps", [".dc temp -40 125 10"]),
    (f"{DIODE}; temperature sweep -55 \u00b0C to 125 \u00b0C, 15 \u00b0C steps", [".dc temp -55 125 15"]),
    (f"{DIODE}; temperatures from 0 to 100 C in steps of 20", [".dc temp 0 100 20"]),
    (f"{DIODE}; simulate the operating point at 85 \u00b0C", [".op", ".temp 85"]),
    (f"{DIODE}; operating point at -20 \u00b0C and at 60 \u00b0C", [".op", ".temp -20 60"]),
    (f"{DIODE}; ambient temperature 45 \u00b0C, DC op", [".op", ".temp 45"]),
    # a temperature noted beside a figure is no condition of the circuit
    (f"{DIVIDER}; VIN is 6.2 mV (the sensor's output at 150 \u00b0C), operating point", [".op"]),
    # the small-signal transfer function
    (f"{DIVIDER}; .tf v(out) vin", [".tf v(out) VIN"]),
    (f"{DIVIDER}; transfer function from vin to out", [".tf v(out) VIN"]),
    (f"{DIVIDER}; small-signal gain and input/output resistance", [".tf v(out) VIN"]),
    # noise, with its range, the node it is measured at and the source it is referred to
    (f"{DIVIDER}; noise from 10 Hz to 100 kHz referred to vin", [".noise v(out) VIN dec 20 10 100k"]),
    (f"{DIVIDER}; noise 1 Hz\u20131 MHz at out, 10 points per decade", [".noise v(out) VIN dec 10 1 1meg"]),
    (f"{DIVIDER}; noise: output at out, input VIN, 5 Hz to 50 kHz, 5 points per decade",
     [".noise v(out) VIN dec 5 5 50k"]),
]


@pytest.mark.parametrize(("description", "directives"), PHRASINGS, ids=[d[len(d.split(";")[0]):][:60]
                                                                          for d, _ in PHRASINGS])
def test_each_stated_analysis_is_read_with_its_values(description, directives):
    assert [a.directive for a in parse_intent(description).analyses] == directives


def _netlist(*lines: str):
    return parse("* t\nR1 in out 1k\nC1 out 0 1n\nV1 in 0 AC 1\n" + "\n".join(lines) + "\n.end\n").netlist


def test_the_checklist_fails_an_analysis_with_other_numbers_or_none():
    asked = [".ac oct 8 100 100k", ".tran 1u 20m 1m", ".temp 85"]
    items = analyses(asked, _netlist(".ac oct 8 100 100k", ".tran 1u 20m", ".op"))
    assert [i.status for i in items] == [PASS, FAIL, FAIL]


@pytest.mark.parametrize(("description", "wanted"), [
    # a family's default analysis (a rectifier's transient, a filter's AC) never replaces a stated one
    ("Half-wave rectifier, 10 V peak 50 Hz sine at in, RL = 1k; AC analysis from 10 Hz to 10 kHz",
     ".ac dec 20 10 10k"),
    ("RC low-pass with R = 1k and C = 100 nF; DC op at 85 \u00b0C", ".temp 85"),
])
def test_a_stated_analysis_reaches_the_netlist_and_is_checked(description, wanted):
    result = generate(description)
    assert wanted in result.netlist.splitlines()
    assert any(i.what == f"analysis {wanted}" and i.status == PASS for i in result.checks)


def test_the_checklist_tells_a_sweeps_spacing_apart():
    items = analyses([".ac oct 20 10 10k", ".noise v(out) V1 dec 10 1 1meg"],
                     _netlist(".ac dec 20 10 10k", ".noise v(out) V1 dec 10 1 1meg"))
    assert [i.status for i in items] == [FAIL, PASS]
