"""Tests for spice_lsp.generation.request: every part a request states reaches its constraints, whatever the
order of its words (notes on a value in parentheses, a bare letter for its kind, a device introduced on its own
then its pins, a part placed by a verb, a source's DC and AC levels together)."""
import pytest

from spice_lsp.generation.request import read_request


def _parts(text: str) -> dict[str, tuple]:
    """The parts read, by name (or kind and value when unnamed): their nodes and value."""
    return {(e.name or f"{e.kind}:{e.value:g}"): (e.nodes, e.value) for e in read_request(text).elements}


@pytest.mark.parametrize("text, value, ends", [
    ("4.7M (megohms, not milli) between node hi and node lo, 1k from lo to ground", 4.7e6, ("hi", "lo")),
    ("68k (that is kilo-ohms) from node x to node y, 1k from y to ground", 68e3, ("x", "y")),
    ("a 330n (330 nanofarad) cap from node f to ground and 1k from in to f", 330e-9, ("f", "0")),
])
def test_a_note_that_restates_a_values_unit_leaves_the_part_as_written(text, value, ends):
    parts = read_request(text).elements
    kept = [e for e in parts if e.value == pytest.approx(value)]
    assert len(kept) == 1 and set(kept[0].nodes) == set(ends)


@pytest.mark.parametrize("text, node, level, ends", [
    ("Pull the 47 nF cap on node t up from 9 V (node bat) through 22k.", "bat", 9.0, ("bat", "t")),
    ("A 1 uF cap from node k to ground; connect it to 3 V (that's node sup) through 470.", "sup", 3.0, ("sup", "k")),
])
def test_a_level_noted_with_its_node_is_that_nodes_source_and_the_part_through_it_joins_them(text, node, level,
                                                                                               ends):
    request = read_request(text)
    assert any(s.node == node and s.dc == pytest.approx(level) for s in request.sources)
    assert any(e.kind == "R" and set(e.nodes or ()) == set(ends) for e in request.elements)


@pytest.mark.parametrize("text, kind, value, ends", [
    ("RF = 22k from a to b, and C = 2.2 nF from b to ground.", "C", 2.2e-9, ("b", "0")),
    ("C = 10 nF from a to b and R = 330 from b to 0.", "R", 330.0, ("b", "0")),
    ("L = 4.7 uH from sw to out and C = 22 uF from out to ground.", "L", 4.7e-6, ("sw", "out")),
])
def test_a_bare_letter_names_the_kind_of_an_unnamed_part(text, kind, value, ends):
    parts = [e for e in read_request(text).elements if e.kind == kind and e.name is None]
    assert [(e.value, e.nodes) for e in parts] == [(pytest.approx(value), ends)]


def test_two_parts_said_in_series_keep_the_pairs_ends_for_the_pair():
    parts = read_request("A notch: 470 from in to out, then L = 1 mH and C = 100 nF in series from out to ground.")
    assert [e.kind for e in parts.elements if e.nodes and "0" in e.nodes] == []


@pytest.mark.parametrize("text, name, pins", [
    ("Q7: PNP, BF=90. Emitter on node e, base on node b, collector grounded. VCC is 9 V.", "Q7", ("0", "b", "e")),
    ("M4: NMOS W=8u L=2u. Drain at node dd; gate: node gg; source and bulk to ground.", "M4", ("dd", "gg", "0", "0")),
    ("D2: IS=3e-15. Anode on node p, cathode on node n.", "D2", ("p", "n")),
])
def test_a_device_introduced_in_its_own_sentence_takes_its_pins_from_the_sentences_after(text, name, pins):
    assert _parts(text)[name][0] == pins


def test_the_pins_of_the_next_device_are_not_taken():
    parts = _parts("Q1: NPN. Q2: NPN with collector on node c2, base on node b2, emitter grounded.")
    assert "Q1" not in parts or parts["Q1"][0] is None
    assert parts["Q2"][0] == ("c2", "b2", "0")


@pytest.mark.parametrize("text, name, ends", [
    ("Drive node g from node src via RG = 100.", "RG", {"src", "g"}),  # the far end before the part
    ("Decouple vdd to ground with C9 = 100n.", "C9", {"vdd", "0"}),
    ("Terminate node line with RT = 50 to ground.", "RT", {"line", "0"}),  # the far end after the part
    ("Collector: node c, up to vcc through RC = 3.3k.", "RC", {"c", "vcc"}),  # a pin's node, then the part
    ("Gate on node g, biased by RG = 1meg from node bias.", "RG", {"g", "bias"}),
])
def test_a_part_placed_by_the_words_around_it(text, name, ends):
    assert set(_parts(text)[name][0]) == ends


def test_a_part_with_no_place_said_stays_unplaced():
    assert _parts("Use R5 = 1k somewhere sensible.")["R5"][0] is None


@pytest.mark.parametrize("text, dc, ac", [
    ("The gate node g sees 1.2 V DC plus 50 mV AC.", 1.2, 0.05),
    ("Bias node b at 0.7 V DC and 10 mV AC.", 0.7, 0.01),
])
def test_an_unnamed_source_keeps_its_dc_and_its_ac_level(text, dc, ac):
    (source,) = read_request(text).sources
    assert (source.dc, source.ac) == (pytest.approx(dc), pytest.approx(ac))


@pytest.mark.parametrize("text, name, node", [
    ("VCE on node c swept from 0 to 10 V in 0.1 V steps.", "VCE", "c"),
    ("VGS at g stepped from 0 to 3 V.", "VGS", "g"),
])
def test_a_source_named_like_a_quantity_is_a_source_where_it_is_placed_and_swept(text, name, node):
    assert [(s.name, s.node) for s in read_request(text).sources] == [(name, node)]


@pytest.mark.parametrize("text, name, node, dc", [
    ("RD = 10k from d to vdd (VDD 5 V DC)", "VDD", "vdd", 5.0),  # a source's name and level noted on its node
    ("12 V dc on node top from source vx, 1k from top to 0", "vx", "top", 12.0),  # its level and node before it
    ("RB = 47k from node bb where VBB holds 1 V", "VBB", "bb", 1.0),  # the node before "where"
])
def test_a_named_source_gets_the_node_and_level_its_words_give(text, name, node, dc):
    source = next(s for s in read_request(text).sources if s.name == name)
    assert (source.node, source.dc) == (node, pytest.approx(dc))


def test_a_level_then_its_source_named_in_parentheses_is_that_source():
    (source,) = read_request("A comparator on 5 V (VCC at node rail) with its output at out.").sources
    assert (source.name, source.node, source.dc) == ("VCC", "rail", pytest.approx(5.0))


def test_a_device_stated_by_its_size_alone_is_kept_with_its_size():
    parts = _parts("A CMOS inverter: PMOS MP1 W=12u L=0.5u; NMOS MN1 W=4u L=0.5u; 1.8 V supply.")
    assert parts["MP1"] == (None, None) and parts["MN1"] == (None, None)
    sizes = {e.name: e.params for e in read_request("A CMOS inverter: PMOS MP1 W=12u L=0.5u.").elements}
    assert sizes == {"MP1": ("W=12u", "L=0.5u")}


def test_a_note_after_the_parts_noun_restates_its_unit():
    parts = read_request("A 2.2M resistor (megohms, not milliohms) from node p to ground.").elements
    assert [(e.value, e.nodes) for e in parts] == [(pytest.approx(2.2e6), ("p", "0"))]


def test_a_part_said_in_parallel_shares_the_ends_of_the_part_before_it():
    parts = read_request("470k from node x to ground with a 22 pF cap in parallel.").elements
    assert {e.kind: e.nodes for e in parts} == {"R": ("x", "0"), "C": ("x", "0")}


def test_an_unnamed_capacitor_hangs_at_the_node_after_its_own_value():
    text = "A 1 kHz sine on node a charges a 100 nF capacitor at node b through 1k from a."
    assert any(e.kind == "C" and e.nodes == ("b", "0") for e in read_request(text).elements)


@pytest.mark.parametrize("text, name, node, dc", [
    ("the reference input (VR at node vr) sits at 1.2 V", "VR", "vr", None),  # named in parentheses with its node
    ("Use a 1.25 V bandgap (only a DC source VBG on node bg) as reference.", "VBG", "bg", 1.25),  # level before
    ("a 5 uA current source IS1 sinking into the comparator's plus input node cp", "IS1", "cp", 5e-6),
])
def test_a_named_source_is_placed_by_its_words_around_parentheses_and_pins(text, name, node, dc):
    sources = read_request(text).sources
    assert [(s.name, s.node) for s in sources] == [(name, node)]
    assert dc is None or sources[0].dc == pytest.approx(dc)


def test_a_verb_after_a_comma_starts_the_next_parts_statement():
    parts = _parts("Bypass node r to ground with C5 = 10n, and connect node r to node s with R5 = 1k.")
    assert set(parts["C5"][0]) == {"r", "0"} and set(parts["R5"][0]) == {"r", "s"}


def test_a_pin_through_a_part_finds_its_device_named_in_an_earlier_sentence():
    parts = _parts("M2 is an NMOS, W=5u L=1u. Its drain is on node dn; gate on node gn; source to ground via RS = 22.")
    assert parts["M2"][0][:2] == ("dn", "gn")
    assert set(parts["RS"][0]) == {parts["M2"][0][2], "0"}


@pytest.mark.parametrize("text, ends", [
    ("a 47 uF and 1k from node v to ground, fed from in", ("v", "0")),
    ("Across the load: 220 nF and 4.7k between p and q.", ("p", "q")),
])
def test_a_value_then_and_another_part_with_its_ends_share_them(text, ends):
    assert sorted(set(e.nodes) == set(ends) for e in read_request(text).elements if e.kind in "RC") == [True, True]


def test_a_value_then_and_another_in_series_places_neither_alone():
    """Each goes from one end to a node between them (_series_group), neither from a to b."""
    ends = [e.nodes for e in read_request("Put 10 uF and 1 mH in series from a to b.").elements]
    assert len(ends) == 2 and ("a", "b") not in ends and ends[0][1] == ends[1][0]
