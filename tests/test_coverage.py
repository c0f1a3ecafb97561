"""The part names a request writes are looked for in the answer, whatever the reader understood."""
import pytest

from spice_lsp.generation.coverage import designators, named_parts
from spice_lsp.generation.pipeline import CannotServe, generate
from spice_lsp.language.parser import parse


def answer(description):
    """The generated answer, or None for an honest refusal (which says nothing false)."""
    try:
        return generate(description)
    except CannotServe:
        return None


@pytest.mark.parametrize("text, names", [
    ("R1 = 2k from in to node n, RF = 20k from n to out, E1 gain 1e6", ["R1", "RF", "E1"]),
    ("the resistor RA across C1, Q1's base at b", ["RA", "C1", "Q1"]),
    ("supply VCC at node vcc, LED D1 from k to ground (IS=1e-18 N=2)", ["VCC", "D1"]),
    ("r1 = 10k and c1 = 1n, lowercase as people type", ["r1", "c1"]),
])
def test_part_names_are_found(text, names):
    assert designators(text) == names


@pytest.mark.parametrize("text", [
    "an LM317 regulator with a 2N3904 and an NE555, E96 values, X7R capacitors",
    "diode model with RS=10 N=1.8, a BJT with (BF=200 VAF=50)",
    "Series RLC: an RC low-pass, an LC tank, an RF amplifier at 100 MHz, gain x10",
    "switch with RON = 1 ohm and ROFF = 1MEG, AC analysis, DC sweep",
])
def test_words_that_are_not_part_names_are_not(text):
    assert designators(text) == []


def test_a_named_part_missing_from_the_answer_fails_and_a_present_one_does_not():
    netlist = parse("t\nV1 in 0 1\nR1 in out 1k\nRLOAD out 0 10k\n.op\n.end\n").netlist
    items = named_parts("R1 = 1k from in to out, RA = 2k across it, V1 = 1 V at in", netlist)
    assert [(i.what, i.status) for i in items] == [("RA (named in the request)", "fail")]


@pytest.mark.parametrize("description", [
    "555 timer astable blinker: RA = 1k, RB = 10k, timing capacitor 100 nF, 9 V supply, output at out; 20 ms transient",
    "NPN common-emitter amplifier: VCC = 12 V, base divider RB1 = 47k and RB2 = 10k, collector resistor RC = 4.7k",
    "Inverting amplifier: R1 = 2k from in to n, RF = 20k from n to out, DC input 0.3 V at in; op",
    "Voltage divider RTOP = 10k from in to out and RBOT = 4.7k from out to ground, 5 V at in; operating point",
])
def test_an_answer_said_verified_holds_every_part_name_the_request_wrote(description):
    if (result := answer(description)) is None:
        return
    names = {n.lower() for n in designators(description)}
    missing = {n for n in names if n not in result.netlist.lower()}
    assert not result.verified or not missing, (missing, result.netlist)
    assert all(any(n.upper() in i.what.upper() for i in result.checks) for n in missing)


def test_a_value_the_answer_leaves_out_fails_where_its_unit_goes():
    """1 kHz is no 1k resistor: a stated frequency the answer never writes is reported."""
    from spice_lsp.generation.coverage import stated_values
    from spice_lsp.generation.intent import parse_intent
    netlist = parse("t\nVIN in 0 DC 2\nR1 in out 1k\nC1 out 0 1u\n.tran 2u 12m\n.end\n").netlist
    intent = parse_intent("A 1 kHz, 2 V sine VIN at in, R1 = 1k from in to out, C1 = 1 µF to ground; 12 ms transient")
    values = [*intent.values.values(), *intent.extra_values]
    assert [i.what for i in stated_values(values, netlist, [], set(), [])] == ["1 kHz (FREQ) from the request"]
    written = parse("t\nVIN in 0 SIN(0 2 1k)\nR1 in out 1k\nC1 out 0 1u\n.tran 2u 12m\n.end\n").netlist
    assert stated_values(values, written, [], set(), []) == []


def test_a_frequency_written_as_a_period_counts():
    from spice_lsp.generation.coverage import stated_values
    from spice_lsp.generation.intent import parse_intent
    netlist = parse("t\nVCLK clk 0 PULSE(0 5 0 1n 1n 25u 100u)\nR1 clk 0 1k\n.tran 1u 500u\n.end\n").netlist
    intent = parse_intent("a 0 to 5 V square wave at 10 kHz at clk into a 1k load; 500 us transient")
    freq = [v for v in intent.values.values() if v.unit == "Hz"]
    assert freq and stated_values(freq, netlist, [], set(), []) == []


@pytest.mark.parametrize("text, names", [
    ("VPK puts a 4 V peak, 1 kHz sine on pk_i; a diode feeds node pk_o", ["VPK", "pk_i", "pk_o"]),
    ("Signal in at api (VAP, AC 1), out at apo", ["VAP"]),
    ("a CE stage into an RC low-pass, the KHN filter after it, VBE about 0.65 V", []),
    ("RC LOW-PASS FILTER WITH R = 1K AND C = 10NF, CUTOFF AROUND 16 KHZ", []),
])
def test_a_capitalised_word_in_a_sentence_is_a_name_unless_an_abbreviation(text, names):
    assert designators(text) == names


def test_chemical_formulas_and_ports():
    assert designators("high-k dielectric (HfO2), SiO2 layer") == []
    assert designators("inputs Vp, Vn and outputs Vout; a load at Vout") == ["Vp", "Vn", "Vout"]


def test_a_kind_of_circuit_the_request_names_must_be_the_answers():
    from spice_lsp.generation.coverage import circuit_kind
    from spice_lsp.generation.families import FAMILIES
    amplifier = next(f for f in FAMILIES.values() if "non-inverting" in f.summary and "amplifier" in f.summary)
    low_pass = next(f for f in FAMILIES.values() if f.summary.startswith("RC low-pass"))
    assert [i.status for i in circuit_kind("a second-order op-amp filter keeping frequencies above 2 kHz",
                                           amplifier)] == ["fail"]
    assert circuit_kind("an amplifier with a gain of 11 built around an op-amp", amplifier) == []
    assert circuit_kind("RC filter, cutoff 1 kHz", low_pass) == []
    assert circuit_kind("R1 = 1k from in to out, C1 = 1n to ground", amplifier) == []  # names no kind


def test_a_paraphrase_read_as_another_kind_of_circuit_is_not_verified():
    if (result := answer("second-order op-amp filter keeping frequencies above 2 kHz, input in, output out")) is None:
        return
    from spice_lsp.generation.families import family_of
    assert not result.verified or "filter" in family_of(result.intent.kind).summary


# --- numbers no reader item accounts for ----------------------------------------------------------

@pytest.mark.parametrize("text, number", [
    ("10k", 1e4), ("two", 2), ("eleven", 11), ("twenty-one", 21), ("a third", 1 / 3), ("two thirds", 2 / 3),
    ("half", 0.5), ("twice", 2), ("unity", 1), ("doubled", 2), ("1/3", 1 / 3), ("second", 2), ("3rd", 3),
])
def test_a_mention_is_read_as_the_number_it_writes(text, number):
    from spice_lsp.generation.coverage import mention_number
    assert mention_number(text) == pytest.approx(number)


def test_number_words_fractions_and_multiples_are_mentions():
    from spice_lsp.generation.coverage import number_mentions
    text = "gain exactly one, down to a third, three times in, 1000 times a second, 10k to ground"
    assert [m.text for m in number_mentions(text)] == ["one", "a third", "three", "1000", "10k"]


def _unread(description: str, netlist: str) -> list:
    from spice_lsp.generation.coverage import unread_numbers
    from spice_lsp.generation.families import family_of
    from spice_lsp.generation.pipeline import _build
    build = _build(description)
    return unread_numbers(description, build.intent, build.request,
                          family_of(build.intent.kind) if build.function else None, parse(netlist).netlist, netlist,
                          build.function)


def test_a_number_no_reader_took_leaves_the_answer_unchecked():
    """Read by nothing (an empty reading), each number is reported; a count of parts is checked instead."""
    from spice_lsp.generation.coverage import unread_numbers
    from spice_lsp.generation.intent import Intent
    from spice_lsp.generation.request import Request
    text = "Knock a 9 V battery at in down to a third of its voltage at node out with just two resistors."
    netlist = "t\nV1 in 0 DC 9\nR1 in out 10k\nR2 out 0 10k\n.op\n.end\n"
    items = unread_numbers(text, Intent(text), Request(text), None, parse(netlist).netlist, netlist, [])
    assert [(i.what, i.status) for i in items] == [("'9 V' in the request", "not checked"),
                                                   ("'a third' in the request", "not checked"),
                                                   ("'two resistors' in the request", "pass")]


def test_a_count_of_parts_is_checked_on_the_answer():
    netlist = "t\nV1 in 0 SIN(0 10 1k)\nC1 in a 10u\nD1 0 a d\nD2 a out d\nC2 out 0 4.7u\nR1 out 0 100k\n" \
              ".model d D\n.tran 10u 100m\n.end\n"
    items = _unread("Voltage doubler (Villard/Greinacher) from a 10 V peak 1 kHz sine at in, two 10 µF capacitors "
                    "and two diodes, 100k load at out; 100 ms transient.", netlist)
    assert [(i.what, i.status, i.detail) for i in items] == [
        ("'two 10 µF capacitors' in the request", "fail", "1 of 10 µF in the netlist"),
        ("'two diodes' in the request", "pass", "2 in the netlist")]


def test_a_filters_order_is_its_count_of_capacitors_and_inductors():
    from spice_lsp.generation.coverage import unread_numbers
    from spice_lsp.generation.intent import Intent
    from spice_lsp.generation.request import Request
    text = "First-order high-pass from in to out"
    netlist = "t\nV1 in 0 AC 1\nC1 in out 4.7n\nR1 out 0 10k\n.end\n"
    items = unread_numbers(text, Intent(text), Request(text), None, parse(netlist).netlist, netlist, [])
    assert [(i.what, i.status) for i in items] == [("'First-order' in the request", "pass")]
    second = "t\nV1 in 0 AC 1\nC1 in out 4.7n\nR1 out 0 10k\nC2 out 0 1n\n.end\n"
    assert [i.status for i in unread_numbers(text, Intent(text), Request(text), None, parse(second).netlist,
                                             second, [])] == ["not checked"]


def test_an_rc_ladders_stages_are_its_count_of_capacitors():
    from spice_lsp.generation.coverage import unread_numbers
    from spice_lsp.generation.intent import Intent
    from spice_lsp.generation.request import Request
    netlist = "t\nV1 in 0 AC 1\nR1 in mid 1k\nC1 mid 0 100n\nR2 mid out 1k\nC2 out 0 100n\n.end\n"
    for text, status in [("Two-stage RC low-pass from in to out", "pass"),
                         ("Three-stage RC low-pass from in to out", "not checked"),
                         ("Two-stage amplifier from in to out", "not checked")]:  # an amplifier's stages are no ladder
        items = unread_numbers(text, Intent(text), Request(text), None, parse(netlist).netlist, netlist, [])
        assert [i.status for i in items] == [status], text


def test_a_coupling_is_checked_on_the_answers_k_element():
    from spice_lsp.generation.coverage import unread_numbers
    from spice_lsp.generation.intent import Intent
    from spice_lsp.generation.request import Request
    text = "coupled inductors from in and out to ground (k = 0.99)"
    for k, status in (("1", "fail"), ("0.99", "pass")):
        netlist = f"t\nV1 in 0 AC 1\nL1 in 0 100u\nL2 out 0 100u\nK1 L1 L2 {k}\nR1 out 0 1k\n.end\n"
        items = unread_numbers(text, Intent(text), Request(text), None, parse(netlist).netlist, netlist, [])
        assert [(i.what, i.status) for i in items] == [("'k = 0.99' in the request", status)]


def test_counts_say_what_the_answer_holds_and_what_it_is_not():
    from spice_lsp.generation.coverage import unread_numbers
    from spice_lsp.generation.intent import Intent
    from spice_lsp.generation.request import Request
    text = "four equal resistors from ref to ground, one op-amp (not the three-op-amp kind)"
    netlist = ("t\n.subckt comparator inp inn out\nR9 inp inn 1meg\nC9 out 0 1p\n.ends\nV1 ref 0 4\nR1 ref a 1k\n"
               "R2 a b 1k\nR3 b c 1k\nR4 c 0 1k\nR5 out 0 10k\nX1 a b out comparator\n.op\n.end\n")
    items = unread_numbers(text, Intent(text), Request(text), None, parse(netlist).netlist, netlist, [])
    assert [(i.what, i.status) for i in items] == [("'four equal resistors' in the request", "pass"),
                                                   ("'one op-amp' in the request", "pass")]


def test_levels_written_with_a_slash_are_two_numbers():
    from spice_lsp.generation.coverage import number_mentions
    assert [m.text for m in number_mentions("a 0/5 V square wave, a third (1/3) of it")] == ["0", "5 V", "a third",
                                                                                              "1/3"]


def test_numbers_the_readers_took_are_not_reported():
    netlist = "t\nV1 in 0 DC 0 AC 1\nR1 in out 1k\nC1 out 0 100n\n.ac dec 20 10 100k\n.end\n"
    assert _unread("RC low-pass, R1 = 1k from in to out, C1 = 100n from out to ground; AC 10 Hz to 100 kHz",
                   netlist) == []


# --- nodes, pins and sources, read again on their own ---------------------------------------------

def test_a_node_written_after_at_must_be_in_the_answer():
    from spice_lsp.generation.coverage import named_nodes
    from spice_lsp.generation.request import Request, read_request
    text = "a 0/5 V 50 kHz square wave at clk makes a negative supply at out, at least 3 V below ground"
    netlist = parse("t\nV1 in 0 PULSE(0 5 0 1n 1n 10u 20u)\nR1 in out 10k\nR2 out 0 1k\n.end\n").netlist
    assert "clk" in read_request(text).nodes  # the reader takes it (the checklist checks it) ...
    items = named_nodes(text, Request(text), netlist)  # ... and a reader that missed it is caught here
    assert [(i.what, i.status) for i in items] == [("node clk ('at clk' in the request)", "fail")]


def test_a_diodes_pins_are_checked_in_their_orientation():
    from spice_lsp.generation.coverage import stated_pins
    text = "R1 = 1k from in to out, D1 anode at out and cathode to ground, D2 anode at ground and cathode at out"
    reversed_ = parse("t\nV1 in 0 1\nR1 in out 1k\nD1 out 0 d\nD2 out 0 d\n.model d D\n.end\n").netlist
    right = parse("t\nV1 in 0 1\nR1 in out 1k\nD1 out 0 d\nD2 0 out d\n.model d D\n.end\n").netlist
    assert [(i.what, i.status) for i in stated_pins(text, reversed_) if i.status != "pass"] == [
        ("D2 anode at 0 ('anode at ground' in the request)", "fail"),
        ("D2 cathode at out ('cathode at out' in the request)", "fail")]
    assert {i.status for i in stated_pins(text, right)} == {"pass"}


def test_a_pin_of_the_one_device_is_checked_when_the_request_names_no_part():
    from spice_lsp.generation.coverage import stated_pins
    text = "Single-NPN current source setting 1.5 mA through a load of 2.2k from vcc (15 V) to the collector c."
    netlist = parse("t\nV1 vcc 0 15\nR3 vcc load 2.2k\nQ1 out b e npn\n.model npn NPN\n.end\n").netlist
    assert [(i.what, i.status) for i in stated_pins(text, netlist)] == [
        ("the collector of Q1 at c ('collector c' in the request)", "fail")]


def test_a_source_on_a_node_nothing_else_touches_fails():
    from spice_lsp.generation.coverage import idle_sources
    idle = parse("t\nVGS g 0 1\nVD drain 0 5\nR1 vdd held 10k\nV1 vdd 0 5\nM1 held g 0 0 n\n.model n NMOS\n"
                 ".end\n").netlist
    assert [i.what for i in idle_sources(idle)] == ["VD drives node drain"]
    read = parse("t\nV2 t 0 25\nV1 vcc 0 3.3\nR1 vcc out 10k\nB1 out 0 I={v(out)/(1k+v(t))}\n.end\n").netlist
    assert idle_sources(read) == []


@pytest.mark.parametrize("description", [
    "Knock a 9 V battery at in down to a third of its voltage at node out with just two resistors.",
    "VIN is a sine at in, 5 V amplitude, 1 kHz, no offset. R1 = 1k from in to out, D1 anode at out and cathode to "
    "ground, D2 anode at ground and cathode at out (both default diodes). 3 ms transient.",
    "Single-NPN current source setting 1.5 mA through a load resistor of 2.2k from vcc (15 V) to the collector c.",
])
def test_answers_that_do_not_hold_what_the_request_writes_are_not_verified(description):
    if (result := answer(description)) is None:
        return
    assert not result.verified or all(i.status == "pass" for i in result.checks), result.netlist


def _facts(text, deck, family=None):
    from spice_lsp.generation.coverage import stated_facts
    return [(i.what, i.status) for i in stated_facts(text, parse("t\n" + deck + ".end\n").netlist, family)]


def test_an_analysis_named_in_a_list_must_be_run():
    deck = "I1 a 0 DC 1u AC 1\nR1 a 0 1k\n.op\n"
    assert _facts("Current into a 1k resistor. Bias point, then AC.", deck) == [
        ("a .ac analysis ('AC' in the request)", "fail")]
    assert _facts("A 1k resistor fed with AC 1 from I1; operating point.", deck) == []


def test_an_ac_sweep_that_ends_below_its_start_fails():
    assert _facts("RC high-pass, sweep from 10 Hz to 2 MHz", "V1 in 0 AC 1\nR1 in 0 1k\n.ac dec 10 10 2m\n") == [
        ("the AC sweep runs upward ('.ac dec 10 10 2m')", "fail")]
    assert _facts("RC high-pass, sweep from 10 Hz to 2 MHz", "V1 in 0 AC 1\nR1 in 0 1k\n.ac dec 10 10 2meg\n") == []


def test_an_inverted_output_is_not_a_non_inverting_amplifier():
    from spice_lsp.generation.families import FAMILIES
    plus = next(f for f in FAMILIES.values() if "non-inverting" in f.summary)
    deck = "V1 in 0 1\nR1 in out 1k\n.op\n"
    assert _facts("An op-amp stage whose output is three times in, sign inverted.", deck, plus) == [
        ("the output's polarity, as the request states", "fail")]
    assert _facts("Follower: out tied back to the inverting input.", deck, plus) == []


def test_nodes_named_as_a_pair_or_a_rail_level_must_be_in_the_answer():
    deck = "V1 p 0 SIN(0 5 50)\nR1 p n 1k\nR2 n 0 1k\n"
    assert _facts("A 5 V sine applied between t1 and t2, loaded by 2k.", deck) == [
        ("node t1 (named in the request)", "fail"), ("node t2 (named in the request)", "fail")]
    assert _facts("Two resistors in series, the load goes from vdd = 9 V to p.", deck) == [
        ("node vdd (named in the request)", "fail")]
    assert _facts("A sine between p and n, measured between the two ends.", deck) == []


def test_a_group_of_parts_between_two_nodes_is_checked_on_each():
    said = "Limiter: 2k from a to b, then two back-to-back diodes from b to ground."
    elsewhere = "R1 a b 2k\nD1 b c d\nV2 c 0 1\nD2 0 b d\n.model d D\n"
    assert _facts(said, elsewhere)[0][1] == "fail"
    there = "R1 a b 2k\nD1 b 0 d\nD2 0 b d\n.model d D\n"
    assert _facts(said, there)[0][1] == "pass"


def test_a_nodes_stated_level_is_its_sources():
    said = "Unity buffer; its input x rests at 0.8 V DC."
    assert _facts(said, "V1 x 0 DC 0 AC 1\nR1 x 0 1k\n") == [
        ("node x at 0.8 V ('x rests at 0.8 V' in the request)", "fail")]
    assert _facts(said, ".param lvl=0.8\nV1 x 0 DC {lvl}\nR1 x 0 1k\n")[0][1] == "pass"


def test_nodes_listed_as_held_at_a_level_are_each_steady_there():
    said = "XOR on 2.5 V with inputs u, w and s all tied to 2.5 V; output f."
    stepped = ".param v=2.5\nV1 u 0 DC {v}\nV2 w 0 PULSE(0 {v} 0 1n 1n 5n 10n)\nV3 s 0 DC 1\nR1 u w 1k\nR2 w s 1k\n" \
        ".tran 1n 40n\n"
    assert [status for _, status in _facts(said, stepped)] == ["pass", "fail", "fail"]
    steady = "V1 u 0 2.5\nV2 w 0 DC 2.5\nV3 s 0 DC 2.5\nR1 u w 1k\nR2 w s 1k\n"
    assert [status for _, status in _facts(said, steady)] == ["pass", "pass", "pass"]
    assert [status for _, status in _facts("NOR on 2.5 V, inputs u and w held low at 0 V.", stepped)] == [
        "fail", "fail"]
    at_rest = "V1 u 0 DC 2.5 PULSE(0 2.5 0 1n 1n 5n 10n)\nR1 u 0 1k\n.op\n"  # a bias point takes only its DC
    assert _facts("Inverter with input u tied to 2.5 V.", at_rest) == [
        ("node u at 2.5 V ('u tied to 2.5 V' in the request)", "pass")]


@pytest.mark.parametrize("text, dc, passed", [
    ("Non-inverting amp that turns the 0.35 V on node sens (set by VSENS) into 4.2 V at node amp_o.", 0.0, False),
    ("Non-inverting amp that turns the 0.35 V on node sens (set by VSENS) into 4.2 V at node amp_o.", 0.35, True),
    ("a 0.35 V peak, 1 kHz sine on node sens from VSENS", 0.0, None),  # a wave's amplitude, no level
    ("maps -1 V..+1 V at sens (source VSENS) to 0..3.3 V at out", 0.0, None),  # a range's ends
])
def test_a_level_said_on_a_sources_node_is_that_sources_dc(text, dc, passed):
    from spice_lsp.generation.coverage import stated_facts
    netlist = parse(f"t\nVSENS sens 0 DC {dc} AC 1\nR1 sens out 1k\nR2 out 0 1k\n.op\n.end\n").netlist
    items = [i for i in stated_facts(text, netlist, None) if i.what.startswith("node sens")]
    assert [i.status == "pass" for i in items] == ([] if passed is None else [passed])


def test_names_a_node_noun_lists_are_nodes_not_parts_of_the_same_name():
    from spice_lsp.generation.coverage import named_nodes
    from spice_lsp.generation.request import read_request
    text = "Three RC sections, 4.7k and 3.3 nF each. Source node r0, taps r1 and r2, output r3."
    netlist = parse("t\nV1 r0 0 AC 1\nR1 r0 n1 4.7k\nC1 n1 0 3.3n\nR2 n1 n2 4.7k\nC2 n2 0 3.3n\nR3 n2 r3 4.7k\n"
                    "C3 r3 0 3.3n\n.ac dec 10 1 1meg\n.end\n").netlist
    request = read_request(text)
    reported = {i.what.split()[1] for i in named_nodes(text, request, netlist) if i.status == "fail"}
    assert {"r1", "r2"} <= reported | set(request.nodes)  # the reader's own nodes the checklist checks
    renamed = parse("t\nV1 r0 0 AC 1\nR1 r0 r1 4.7k\nC1 r1 0 3.3n\nR2 r1 r2 4.7k\nC2 r2 0 3.3n\nR3 r2 r3 4.7k\n"
                    "C3 r3 0 3.3n\n.ac dec 10 1 1meg\n.end\n").netlist
    assert [i for i in named_nodes(text, request, renamed) if i.status == "fail"] == []
    answer = generate(text)
    nodes = {"r0", "r1", "r2", "r3"}
    assert not answer.verified or all(f" {n} " in f" {answer.netlist} ".replace("\n", " ") for n in nodes)
