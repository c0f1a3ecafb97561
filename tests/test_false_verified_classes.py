"""Classes of answer that said verified while missing a name or a shape the request states: the node names a part's
ends, an equation or a role word give must be in the answer, and a stated resistor bound or T-network is checked."""
from spice_lsp.generation.checklist import FAIL, PASS, structure
from spice_lsp.generation.coverage import stated_facts
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import read_ports, said_nodes
from spice_lsp.generation.request import ElementConstraint, Request, read_request
from spice_lsp.language.parser import parse


def _deck(text: str):
    return parse("* answer\n" + text).netlist


def _nodes(text: str) -> dict[str, tuple[str | None, ...] | None]:
    return {e.name or "": e.nodes for e in read_request(text).elements}


# --- a word of place where a part's ends stand is a node ----------------------------------------------------------

def test_words_of_place_at_a_parts_ends_are_nodes():
    said = _nodes("R5 = 2.2k from drv to down, R6 = 3.3k down to ground. DC operating point.")
    assert said["R5"] == ("drv", "down") and said["R6"] == ("down", "0")
    said = _nodes("Put RA = 680 between sup and below, and RB = 680 between below and ground.")
    assert said["RA"] == ("sup", "below") and said["RB"] == ("below", "0")
    assert "below" in read_request("Put RA = 680 between sup and below, and RB = 680 between below and ground.").nodes


def test_a_probed_name_is_a_node_wherever_it_stands():
    said = _nodes("R2 = 5k from feed to then, R3 = 5k from then to ground; print v(then).")
    assert said["R2"] == ("feed", "then") and said["R3"] == ("then", "0")


def test_a_word_of_direction_before_to_stays_a_way():
    assert _nodes("a pull-up R4 = 10k up to vcc on pin sda")["R4"] != ("up", "vcc")
    assert _nodes("R1 = 4.7k pulled to vdd")["R1"] != ("pulled", "vdd")


# --- an item whose nodes the reader could not read passes only where its stated ends are in the answer -----------

def _request(text: str, kind: str, name: str, value: float) -> Request:
    return Request(text, elements=[ElementConstraint(text, kind, name, None, value, text.split()[2])])


def test_unread_ends_fail_when_the_answer_places_the_part_elsewhere():
    request = _request("R9 = 1k from p7 to q7", "R", "R9", 1e3)
    wrong = structure(request, _deck("V1 p7 0 1\nR9 p7 x 1k\nR8 x 0 1k\n.op\n.end\n"))
    assert [i.status for i in wrong if i.what.startswith("R9")] == [FAIL]
    right = structure(request, _deck("V1 p7 0 1\nR9 p7 q7 1k\nR8 q7 0 1k\n.op\n.end\n"))
    assert [i.status for i in right if i.what.startswith("R9")] == [PASS]


def test_unread_ends_to_ground_and_between():
    request = _request("C4 = 10n between hub and ground", "C", "C4", 1e-8)
    items = structure(request, _deck("V1 a 0 1\nR1 a hub 1k\nC4 a 0 10n\n.op\n.end\n"))
    assert [i.status for i in items if i.what.startswith("C4")] == [FAIL]
    items = structure(request, _deck("V1 a 0 1\nR1 a hub 1k\nC4 hub 0 10n\n.op\n.end\n"))
    assert [i.status for i in items if i.what.startswith("C4")] == [PASS]


def test_ends_of_english_words_are_left_to_the_readers():
    request = _request("RF = 47k from the output to the inverting input", "R", "RF", 47e3)
    items = structure(request, _deck("V1 a 0 1\nRF a b 47k\nR2 b 0 1k\n.op\n.end\n"))
    assert [i.status for i in items if i.what.startswith("RF")] == [PASS]


# --- an equation names its output and its inputs ----------------------------------------------------------------

def test_an_equation_names_output_and_inputs_with_weights():
    assert read_ports("Make vmix = -(3 p1 + q1) with op-amps.").roles == {"output": ("vmix",), "input": ("p1", "q1")}
    assert read_ports("so that y2 = 0.25 (u - w) at DC").roles == {"output": ("y2",), "input": ("u", "w")}
    assert read_ports("want sig = 4 v(n1) - v(n2).").roles == {"output": ("sig",), "input": ("n1", "n2")}


def test_quantities_and_counts_are_no_equation_of_nodes():
    for text in ("t = 5 ms", "a chain of n = 4 stages", "gain = -(r2/r1)", "tau = rc", "R1 = R2 = 10k",
                 "fc = 1/(2 pi R C)", "vmid = 2.5 v", "vin = 5 vpp", "vs = 1 vrms", "p = 20 dbm",
                 "R2 = 2k with tc2 = 0.001 between a and b"):
        assert "output" not in read_ports(text).roles, text


def test_every_name_of_an_equation_must_be_in_the_answer():
    request = read_request("An inverting adder with acc = -(ua + 2 ub); ua = 0.3 V and ub = 0.1 V DC.")
    assert {"acc", "ua", "ub"} <= set(request.nodes)
    items = structure(request, _deck("V1 ua 0 0.3\nV2 ub 0 0.1\nR1 ua n 10k\nR2 ub n 5k\nR3 n out 10k\n"
                                     "E1 out 0 0 n 1e5\n.op\n.end\n"))
    assert [i.status for i in items if i.what == "node acc"] == [FAIL]


def test_a_summer_built_to_an_equation_puts_its_output_on_the_named_node():
    result = generate("Op-amp summing stage giving mix = -(a1 + 3 b1); test with a1 = 0.2 V and b1 = 0.1 V DC.")
    assert any(item.what == "node mix" for item in result.checks)
    if result.verified:  # verified only where the output is on mix
        assert any(" mix " in f" {line} " for line in result.netlist.lower().splitlines() if line[:1] in "rxe")


# --- a role word whose clause ends on a word of grammar names that node --------------------------------------------

def test_a_role_word_before_a_closing_grammar_word_names_the_node():
    assert read_ports("Unity buffer: input in, output on.").roles == {"input": ("in",), "output": ("on",)}
    assert read_ports("a comparator; input by; output of").roles.get("output") == ("of",)
    assert read_ports("Integrator with input as, output at; 1 ms time constant").roles == {"input": ("as",),
                                                                                         "output": ("at",)}


def test_a_role_word_before_a_phrase_names_no_node():
    for text in ("the input is at 1 V", "output to the load", "take the output from the collector", "input only."):
        assert read_ports(text).roles == {}, text


def test_an_answer_without_the_output_so_named_is_not_verified():
    request = read_request("Non-inverting amplifier with a gain of 4; input pa, output at.")
    assert "at" in request.nodes
    items = structure(request, _deck("V1 pa 0 1\nR1 n 0 1k\nR2 out n 3k\nE1 out 0 pa n 1e5\n.op\n.end\n"))
    assert [i.status for i in items if i.what == "node at"] == [FAIL]


def test_a_generated_amplifier_places_an_output_named_by_a_grammar_word():
    result = generate("Non-inverting amplifier with a gain of 5; input vq, output by.")
    assert any(item.what == "node by" and item.status == PASS for item in result.checks)


# --- a stated bound on every resistor, a stated T-network ------------------------------------------------------

def _facts(description: str, netlist: str) -> dict[str, str]:
    return {i.what: i.status for i in stated_facts(description, _deck(netlist), None)}


def test_a_bound_on_every_resistor_is_checked():
    deck = "V1 a 0 1\nR1 a b 220k\nR2 b 0 10k\n.op\n.end\n"
    assert _facts("divider where no resistor exceeds 150k", deck) == {"'no resistor exceeds 150k' in the request": FAIL}
    assert _facts("divider, every resistor at most 470k", deck) == {
        "'every resistor at most 470k' in the request": PASS}
    assert _facts("divider with no resistor under 22k", deck) == {"'no resistor under 22k' in the request": FAIL}


def test_a_t_network_is_three_resistors_meeting_with_one_to_ground():
    tee = "V1 a 0 1\nR1 a n 10k\nR2 n t 100k\nR3 t o 100k\nR4 t 0 1k\nE1 o 0 0 n 1e5\n.op\n.end\n"
    plain = "V1 a 0 1\nR1 a n 10k\nR2 n o 1meg\nE1 o 0 0 n 1e5\n.op\n.end\n"
    assert _facts("gain -200 with a tee network as feedback", tee) == {"'tee network' in the request": PASS}
    assert _facts("gain -200 with a T network as feedback", plain) == {"'T network' in the request": FAIL}


def test_a_t_network_request_no_recipe_builds_is_not_verified():
    result = generate("Inverting op-amp stage, gain -50, feedback through a tee network so that no resistor is over "
                      "47k; input sx, output sy.")
    assert not result.verified
    assert any("tee network" in item.what and item.status == FAIL for item in result.checks)


def test_a_list_of_nodes_ends_at_its_and():
    said = {s.node for s in said_nodes("a 1 mA source I3 between nodes q and ground, sinking from q; RQ = 2k q to 0")}
    assert "sinking" not in said and "q" in said
    assert {"u", "v", "w"} <= {s.node for s in said_nodes("Label nodes u, v and w in the schematic.")}
