"""The request reader's, designer's and checker's classes of session 19, each with variants written for these tests
(not taken from a benchmark file)."""
import pytest

from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.request import read_request


def _lines(netlist: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in netlist.splitlines()[1:]
            if line.strip() and not line.startswith((".", "*", "+"))}


@pytest.mark.parametrize("text", [
    "BJT current sink: an NPN with its base held at 1.7 V by VB, 1k emitter resistor, 3.3k collector load from the "
    "9 V supply. Operating point.",
    "Current sink with an NPN, base held at 2.2 V by VBIAS, 1.5k in the emitter, 2k load from a 12 V supply.",
])
def test_a_source_holding_a_pin_takes_no_supply_said_later_in_its_sentence(text):
    held = [s for s in read_request(text).sources if s.name and s.name.startswith("VB")]
    assert len(held) == 1 and not held[0].supply and held[0].dc in (1.7, 2.2), held
    lines = _lines(generate(text).netlist)
    assert any(name.startswith("VB") and line[-1] in ("1.7", "2.2") for name, line in lines.items()), lines
    assert not any(name.startswith("VB") and line[-1] in ("9", "12", "{vcc}") for name, line in lines.items()), lines
