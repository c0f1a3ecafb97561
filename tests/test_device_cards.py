"""Devices the request names with their polarity or their own model parameters (compose.py): "NMOS M1 ...; PMOS M2"
names the family's NMOS M1 whatever its own order; "D1 has IS=1e-14; D2 has IS=1e-9" gives each diode its own card
where the circuit's diodes share one. Read off the built netlist: which card each named device uses, and what it
holds."""
import re

from spice_lsp.generation.compose import _devices, stated_polarities
from spice_lsp.generation.pipeline import _build
from spice_lsp.language.units import parse_number


def _cards(netlist: str) -> dict[str, tuple[str, str]]:
    """Each device's card: name -> (card type, card text), lower case."""
    rows = netlist.lower().split("\n")
    cards = {r.split()[1]: (r.split()[2].split("(")[0], r) for r in rows if r.startswith(".model ")}
    return {r.split()[0]: cards[w] for r in rows[1:] if r[:1] in "dqmj" for w in r.split()[1:] if w in cards}


def _param(card: str, name: str) -> float | None:
    found = re.search(rf"\b{name}\s*=\s*([^\s)]+)", card)
    return parse_number(found[1]) if found else None


def test_polarities_stated_with_names():
    said = stated_polarities("NMOS M1 W=2u; a PMOS transistor M2, Q3 (PNP) and Q4 is the NPN")
    assert said == {"M1": "nmos", "M2": "pmos", "Q3": "pnp", "Q4": "npn"}


def test_a_device_named_with_its_polarity_is_that_polarity():
    net = _build("CMOS inverter on 3.3 V: NMOS M1 W=2u L=0.5u; PMOS M2 W=6u L=0.5u. Input node a, output node y; "
                 "sweep VIN from 0 to 3.3 V.").netlist
    cards = _cards(net)
    assert cards["m1"][0] == "nmos" and cards["m2"][0] == "pmos"
    assert re.search(r"^M1 .*\bW=2u", net, re.MULTILINE) and re.search(r"^M2 .*\bW=6u", net, re.MULTILINE)


def test_a_parameter_after_a_named_device_is_that_device_s():
    net = _build("CMOS inverter from 2.5 V. NMOS M1 W=1u L=0.25u, PMOS M2 W=3u L=0.25u. Models: M1 has VTO=0.5 "
                 "KP=120u; M2 has VTO=-0.55 KP=45u. Input node vi, output node vo, sweep VIN 0 to 2.5 V.").netlist
    cards = _cards(net)
    assert _param(cards["m1"][1], "vto") == 0.5 and _param(cards["m2"][1], "vto") == -0.55
    assert abs(_param(cards["m2"][1], "kp") - 45e-6) < 1e-12


def test_the_devices_a_parameter_is_said_of():
    assert _devices("D1 and D2 with IS=1e-14, D3 and D4 with ") == {"D3", "D4"}
    assert _devices("M1 has VTO=0.5 ") == {"M1"}
    assert _devices("both with ") == set()


def test_diodes_given_their_own_saturation_currents_get_their_own_cards():
    net = _build("Full-wave bridge rectifier, 10 V-peak 60 Hz, 1k load; D1 and D2 with IS=1e-14, D3 and D4 with "
                 "IS=5e-12.").netlist
    cards = _cards(net)
    assert {_param(cards[d][1], "is") for d in ("d1", "d2")} == {1e-14}
    assert {_param(cards[d][1], "is") for d in ("d3", "d4")} == {5e-12}
