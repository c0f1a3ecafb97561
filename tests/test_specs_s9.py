"""Spec and analysis reading, design to spec (lane B, session 9): each test in new words, asserting what is read or
computed from the request's own figures."""
from spice_lsp.generation.request import read_request


def test_a_tone_with_its_level_is_a_sine_source():
    r = read_request("First-order RC low-pass, corner 150 Hz; drive node a with a 600 Hz tone of 2 V peak, out at b.")
    assert [s.sin for s in r.sources] == [(0.0, 2.0, 600.0)]
    assert [(s.quantity, s.target) for s in r.specs] == [("cutoff", 150.0)]


def test_a_tone_into_a_one_sided_filter_is_no_band_centre():
    for text in ("Send a 1.2 kHz tone into a high-pass RC (x to y) with its cutoff at 300 Hz.",
                 "An RC low-pass for a 250 Hz tone, corner 2 kHz, from p to q"):
        quantities = {s.quantity for s in read_request(text).specs}
        assert "center" not in quantities and "cutoff" in quantities
