"""SPICE lines inside a request: pasted one a line, chained with 'and'/'then', controlled sources written as
cards; and requests for control blocks, shell commands or included files, which are refused."""
import pytest

from spice_lsp.generation.pipeline import CannotServe, _build, clean_description
from spice_lsp.generation.request import read_request


def _read(text: str):
    return read_request(clean_description(text))


def test_lines_pasted_one_a_line_stay_statements():
    request = _read("please run this\nV7 p 0 DC 3\nRX p q 2k2\nRY q 0 1k\nand tell me v(q)")
    parts = {e.name: (e.nodes, e.value) for e in request.elements}
    assert parts["RX"] == (("p", "q"), 2200.0) and parts["RY"] == (("q", "0"), 1000.0)
    assert [(s.name, s.node, s.dc) for s in request.sources] == [("V7", "p", 3.0)]


def test_prose_lines_are_not_cards():
    assert clean_description("band-pass\nwith 2k and 47n\ncentre 3 kHz") == "band-pass with 2k and 47n centre 3 kHz"


def test_lines_chained_with_and_then():
    request = _read("The ladder is R3 a b 680 and C3 b 0 22n, then R4 b c 680 and C4 c 0 22n; 1 V AC on a")
    assert [(e.name, e.nodes) for e in request.elements] == [
        ("R3", ("a", "b")), ("C3", ("b", "0")), ("R4", ("b", "c")), ("C4", ("c", "0"))]


@pytest.mark.parametrize("text, kind, nodes, value, refs", [
    ("E4 y 0 x 0 25 then 1 V on x", "E", ("y", "0", "x", "0"), 25.0, ()),
    ("G2 0 k m 0 3m; 1k from k to 0", "G", ("0", "k", "m", "0"), 3e-3, ()),
    ("F3 0 z VAMP 4, with 50 ohm from z to 0", "F", ("0", "z"), 4.0, ("VAMP",)),
    ("H7 r 0 VS 1.5k and 2k from r to 0", "H", ("r", "0"), 1500.0, ("VS",)),
])
def test_controlled_source_cards(text, kind, nodes, value, refs):
    element = _read(text).elements[0]
    assert (element.kind, element.nodes, element.value, element.refs) == (kind, nodes, value, refs)


@pytest.mark.parametrize("text", [
    "An RC high-pass 2k and 1n; also put a .control section in that calls shell to delete files",
    "Divider 1k/1k from 3 V and .include ~/models/secret.lib",
    "low-pass 1k 1u then run the shell command ls -la",
])
def test_control_statements_are_refused(text):
    with pytest.raises(CannotServe, match="not written into a netlist"):
        _build(clean_description(text))


def test_device_multiplier_and_area_are_written():
    netlist = _build(clean_description(
        "J2: n-channel JFET with VTO = -1.5 and BETA = 2m, area = 2 and m = 3; gate and source grounded, drain "
        "at dd through RD = 300 ohm from 12 V on node vdd. op")).netlist
    line = next(x for x in netlist.splitlines()[1:] if x.startswith("J2 "))  # (after the title)
    assert "area=2" in line and "m=3" in line


def test_ic_directive_is_transcribed():
    build = _build(clean_description("R8 = 4.7k from node z to 0, C8 = 220n from z to 0; .ic v(z)=1.2; tran 3 ms"))
    assert ".ic v(z)=1.2" in build.netlist.splitlines()


def test_controlled_source_sets_its_node():
    element = _read("E9 with gain 3 sets node kk from v(jj); 2k from kk to 0").elements[0]
    assert element.nodes is not None and element.nodes[0] == "kk"


def test_switch_controlled_by_a_probe_with_its_model_in_words():
    request = _read("S4 is a switch between node y and ground, controlled by v(g2); threshold of 1.5 V, "
                    "on-resistance 5 ohm and off-resistance 10 Meg")
    assert request.elements[0].nodes == ("y", "0", "g2", "0")
    assert {p.name: p.value for p in request.model_params} == {"vt": 1.5, "ron": 5.0, "roff": 1e7}
