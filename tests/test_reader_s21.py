"""The request reader's, designer's and checker's classes of session 21, each with variants written for these tests
(not taken from a benchmark file)."""

from spice_lsp.generation.intent import parse_intent
from spice_lsp.generation.pipeline import generate
from spice_lsp.generation.ports import bridge_sides
from spice_lsp.generation.request import read_request
from tests.measuring import parts, stated


def _cards(netlist: str) -> dict[str, str]:
    return {line.split()[1].lower(): line.lower() for line in netlist.splitlines() if line.lower().startswith(".model")}


def test_pins_joined_by_a_plus_share_their_node():
    assert stated("MA3 drain ya, gate xa, source+bulk gnd; W=4u L=1u.")["MA3"] == ("ya", "xa", "0", "0")


def test_a_p_in_a_mosfets_name_makes_it_p_channel_and_each_named_card_gets_its_own_parameters():
    text = ("Inverter by hand: MN7 drain q7, gate a7, source+bulk ground; MP7 drain q7, gate a7, source+bulk vd5. "
            "Both W=3u L=1u. Models: NX NMOS VTO=0.5 KP=80u, PX PMOS VTO=-0.5 KP=80u. VD5 = 5 V on vd5, VA7 on a7. "
            ".dc VA7 0 5 0.05")
    result = generate(text)
    lines, cards = parts(result.netlist), _cards(result.netlist)
    assert cards[lines["MP7"][4].lower()].split()[2].startswith("pmos"), result.netlist
    assert lines["MP7"][4] == "PX" and "kp=8e-05" in cards["px"].replace(" ", ""), result.netlist


def test_a_device_named_by_letters_then_its_pins_is_a_device():
    elements = stated("RQ = 68 ohm from s1 to s2, DCLMP anode s2 cathode ground with .model DK D(IS=2n N=1.5).")
    assert elements["DCLMP"] == ("s2", "0")
    assert not read_request("DCLMP anode s2 cathode ground with .model DK D(IS=2n N=1.5).").sources  # IS= no source
    assert next(e for e in read_request("D9 anode s2 cathode gnd with .model DK D(IS=2n).").elements).model == "DK"


def test_a_source_named_in_capitals_with_its_levels_after_with():
    sources = read_request("VX with AC 1 on px, RX = 1k from px to qx, CX = 1n from qx to ground.").sources
    assert [(s.name, s.node, s.ac) for s in sources] == [("VX", "px", 1.0)]


def test_an_analysis_lines_figures_are_no_repeated_part_values():
    result = generate("VT3 with AC 1 on ti, RT3 = 4.7k from ti to tk, LT3 = 1 mH from tk to gnd, CT3 = 10 nF from tk "
                      "to gnd. .ac dec 50 4.7k 470k")
    assert not any("written 2 times" in w for w in result.warnings), result.warnings


def test_mains_hum_gone_is_a_notch_and_a_node_left_unloaded_is_the_output():
    request = read_request("I need the 60 Hz mains hum gone: passive twin-T notch. hn_in gets 1 V AC, hn_out left "
                           "unloaded.")
    assert [(s.quantity, s.target) for s in request.specs] == [("notch", 60.0)]
    assert request.output == "hn_out"


def test_a_level_at_the_end_of_an_arrowed_path_is_the_output_wanted():
    request = read_request("9 V rail on node r9 -> two resistors -> 2.5 V at node mid25.")
    assert [(s.quantity, s.target, s.node) for s in request.specs] == [("vout", 2.5, "mid25")]
    result = generate("9 V rail on node r9 -> two resistors -> 2.5 V at node mid25.")
    assert result.verified, result.warnings


def test_both_pins_said_place_a_diode_whatever_ends_the_clause_names():
    text = ("V4 is a 12 V supply on node p12. Light LED D6 (anode la6, cathode ground, .model LR D(IS=1e-19 N=1.9)) at "
            "10 mA through a series resistor from p12 to la6. Op point.")
    assert stated(text)["D6"] == ("la6", "0")
    lines = parts(generate(text).netlist)
    assert [name for name in lines if name.startswith("D")] == ["D6"], lines  # the family's LED, renamed


def test_a_photodiode_turned_into_a_voltage_is_a_transimpedance_amplifier_and_its_sign_may_be_left_open():
    text = ("A photodiode gives up to 5 µA; model it as a current source IPH pushing 5 µA into node ph. I need that "
            "turned into a voltage at node vph, 1 V per 5 µA. The sign doesn't matter.")
    assert parse_intent(text).kind == "transimpedance"
    result = generate(text)
    assert result.verified, result.warnings


def test_ten_times_that_is_a_gain():
    specs = read_request("My probe on node pr reads a few tens of mV. I want ten times that at node pr10, same "
                         "polarity, op-amp please.").specs
    assert [(s.quantity, s.target) for s in specs] == [("gain", 10.0)]


def test_a_node_stepping_when_a_lag_follows_is_the_input_step_and_the_lag_is_a_low_pass():
    text = "When node go steps from 0 to 5 V, node lag2 should get 63 % of the way there in 10 ms."
    request = read_request(text)
    assert [(s.node, s.pulse[:2] if s.pulse else None) for s in request.sources] == [("go", (0.0, 5.0))]
    assert parse_intent(text).kind == "rc_lowpass"
    assert generate(text).verified


def test_dc_kept_off_a_line_named_in_parentheses_is_a_high_pass():
    text = ("Keep the DC on the guitar line (node gtr) out of the amp input (node amp1) but pass everything from "
            "about 40 Hz up. The amp input looks like 47k to ground.")
    assert parse_intent(text).kind == "rc_highpass"
    assert generate(text).verified


def test_the_tone_wanted_at_a_node_is_the_output_not_the_input():
    request = read_request("From the blend on node bl I want just the 2 kHz tone at node t2k: unity gain at 2 kHz, "
                           "and at least 20 dB down at both 200 Hz and 20 kHz.")
    assert (request.input, request.output) == ("bl", "t2k")
    assert [(s.quantity, s.at) for s in request.specs if s.quantity == "gain_db"] == [("gain_db", 200.0),
                                                                                      ("gain_db", 20e3)]


def test_just_the_average_of_a_square_is_a_low_pass_measured_for_its_ripple():
    text = ("Take the 2 kHz, 0/3.3 V, 50 % square wave on node sq2 and give me just its average at node av2, with "
            "less than 30 mV of ripple left on it.")
    assert parse_intent(text).kind == "rc_lowpass"
    result = generate(text)
    assert result.verified, result.warnings
    ripple = next(c for c in result.checks if c.what == "less than 30 mV of ripple")
    assert ripple.status == "pass" and "peak-to-peak" in ripple.detail, ripple


def test_a_divider_biased_nmos_stage_is_designed_to_its_current_and_gain():
    text = ("NMOS common-source stage, level-1 model VTO=0.8 KP=1m (W = L). VDD = 12 V on node vdd, drain node dd, "
            "gate fed from the signal node sg through a coupling cap. Bias at 0.5 mA drain current and aim for a "
            "voltage gain near -6 V/V at 1 kHz.")
    result = generate(text)
    assert result.verified, result.warnings
    lines = parts(result.netlist)
    assert any(line[:2] == ["sg", "g"] for name, line in lines.items() if name.startswith("C")), lines


def test_a_stated_feedback_resistor_is_the_phase_shift_oscillators_feedback_and_split_rails_need_no_unit():
    text = "RC phase-shift oscillator, 3 RC sections with C = 22n and R = 4.7k, 160k feedback, rails +/-15. output po."
    assert parse_intent(text).values["VDD"].value == 15.0
    result = generate(text)
    assert "160k" in {v for line in parts(result.netlist).values() for v in line}, result.netlist
    assert not any("'3'" in w or "'15'" in w for w in result.warnings), result.warnings


def test_a_feedback_divider_written_as_a_pair_is_the_regulators_divider_and_its_level_is_no_source():
    text = ("12 V linear regulator, NPN pass transistor driven by an op-amp, 2.5 V reference (an ideal DC source), "
            "feedback divider 39k over 10k for 12 V at rg_o. Input 18 V from VR at rg_i, 24 ohm load.")
    request = read_request(text)
    assert not any(s.node == "rg_o" for s in request.sources)
    lines = parts(generate(text).netlist)
    assert {"39k", "10k"} <= {line[2] for name, line in lines.items() if name.startswith("R")}, lines


def test_the_mirrors_reference_and_load_resistors_take_their_words():
    values = parse_intent("two-NPN current mirror on 12 V, reference leg 2 mA set by a resistor from the rail "
                          "(~5.6k), output collector mo pulled up to 12 V through 1.5k.").values
    assert (values["RREF"].value, values["RL"].value) == (5600.0, 1500.0)


def test_a_pin_to_a_level_through_a_resistor_is_that_pins_resistor():
    values = parse_intent("common-base amp: base grounded, emitter to -9 V through 8.2k, collector to +15 V through "
                          "6.8k (output co).").values
    assert (values["RE"].value, values["RC"].value) == (8200.0, 6800.0)


def test_a_signal_on_one_named_node_is_the_input_and_the_other_base_grounded_drives_against_ground():
    text = ("long-tailed pair, matched NPNs, +/-15 V rails, 14.3k tail resistor to -15 V, 15k collector resistors. "
            "Drive dp_in with 0 V DC + AC 1, ground the other base. Collectors dp_c1 (dp_in side) and dp_c2.")
    assert read_request(text).input == "dp_in"
    result = generate(text)
    assert any(line[:2] == ["dp_in", "0"] for name, line in parts(result.netlist).items() if name.startswith("V"))
    assert result.verified, result.warnings


def test_a_power_on_compound_names_no_node():
    request = read_request("RC power-on reset: a 3.3 V step lands on node pwr at t = 0 and node rst must reach "
                           "1.65 V 5 ms later.")
    assert [s.node for s in request.sources] == ["pwr"]


def test_an_arrow_past_an_aside_names_the_output():
    request = read_request("Sallen-Key stages with 10k resistors. f_in (AC 1) -> f_out.")
    assert (request.input, request.output) == ("f_in", "f_out")


def test_a_butterworth_cascades_stated_resistors_set_its_capacitors():
    result = generate("Butterworth low-pass of order 4, corner at 2 kHz, unity-gain Sallen-Key stages with 22k "
                      "resistors. bw_i (AC 1) -> bw_o.")
    resistors = [line[2] for name, line in parts(result.netlist).items() if name.startswith("R")]
    assert resistors.count("22k") == 4, result.netlist  # two equal-R sections
    assert result.verified, result.warnings


def test_names_ending_in_a_family_nodes_name_take_that_node():
    result = generate("State-variable (KHN) filter, three op-amps. f0 = 2 kHz, Q = 1, unity gain. Input k_in with "
                      "AC 1; outputs k_hp, k_bp and k_lp.")
    nodes = {n for line in parts(result.netlist).values() for n in line[:3]}
    assert {"k_hp", "k_bp", "k_lp"} <= nodes, result.netlist


def test_the_number_of_inverters_in_a_ring_is_read_and_checked():
    result = generate("five-inverter ring oscillator, 1.8 V, 20 fF on each stage, stage outputs named q1 to q5. "
                      "transient 10 ns")
    nodes = {n for line in parts(result.netlist).values() for n in line[:2]}
    assert {f"q{k}" for k in range(1, 6)} <= nodes, result.netlist
    assert not any("'five'" in w for w in result.warnings), result.warnings


def test_a_summing_node_is_no_summer():
    assert parse_intent("transdiode log amp: 1k input resistor from la to the inverting input, an NPN as feedback "
                        "(collector on the summing node, base grounded, emitter on lo).").kind == "log_amplifier"


def test_a_linkwitz_riley_with_its_order_is_built_and_its_crossover_is_minus_six_db():
    result = generate("Linkwitz-Riley 4th order low-pass for a 1 kHz crossover, Sallen-Key sections. in lr1_in; "
                      "out lr1_lp")
    assert result.served and "lr1_lp" in result.netlist
    assert not any("1 kHz" in c.what and "-3" in c.detail for c in result.checks)


def test_a_zener_series_resistor_and_node_are_taken_as_stated():
    result = generate("zener reference scaled up: 5.1 V zener fed from 15 V at zs_in through 2.2k, zener node zs_z, "
                      "then a non-inverting op-amp stage making 9 V at zs_out from it.")
    lines = parts(result.netlist)
    assert any(line[:3] == ["zs_in", "zs_z", "2.2k"] for line in lines.values()), lines
    assert result.verified, result.warnings


def test_coupling_caps_in_and_out_put_the_emitter_followers_load_behind_a_capacitor():
    lines = parts(generate("emitter follower off 12 V: base divider 22k/22k, 2.2k emitter resistor (emitter node "
                            "fe_e), 22u coupling caps in and out, 2.2k load on fe_out. Input fe_in, 0.5 V AC.").netlist)
    assert any(name.startswith("C") and sorted(line[:2]) == ["fe_e", "fe_out"] for name, line in lines.items()), lines


def test_parts_placed_between_named_pins_take_the_pins_nodes():
    elements = stated("Colpitts, common-base NPN: L = 47uH from the supply to the collector k_c, C1 = 4.7n "
                         "collector to emitter k_e, C2 = 4.7n emitter to ground.")
    assert (elements["C1"], elements["C2"]) == (("k_c", "k_e"), ("k_e", "0"))


def test_an_lc_oscillator_that_only_rings_is_not_verified():
    result = generate("Colpitts oscillator, common-base NPN on 9 V: tank L = 100uH from the supply to the collector, "
                      "C1 = 10n collector to emitter, C2 = 10n emitter to ground, RE = 1k, base divider 22k/10k with "
                      "100n bypass. Transient 200 us.")
    assert any("sustains" in c.what for c in result.checks)


def test_a_bridges_active_side_said_by_its_arm_and_the_other_arms_midpoint():
    assert bridge_sides("quarter bridge: the active gauge (lower arm on the br_p side), other arm's midpoint br_n.") \
        == ("br_p", "br_n")


def test_an_ac_level_said_of_a_current_source_is_that_sources():
    sources = read_request("a 5 uA current source (AC 1 too) at node ix.").sources
    assert [(s.kind, s.node, s.dc, s.ac) for s in sources] == [("I", "ix", 5e-6, 1.0)]


def test_a_current_source_said_without_a_direction_keeps_the_stages_sign():
    text = ("TIA for a photodiode: photodiode = 3 uA current source (AC 1 too) in parallel with 10 pF at the inverting "
            "input tn, Rf 330k with Cf 2 pF across it, output to going positive (about 1 V at 3 uA). Ideal op-amp.")
    assert "VDD" not in parse_intent(text).values  # (a level per current is no supply)
    result = generate(text)
    lines = parts(result.netlist)
    assert any(name.startswith("I") and line[:2] == ["tn", "0"] for name, line in lines.items()), lines
    assert not any("no a source" in w for w in result.warnings), result.warnings


def test_the_circuits_one_card_of_a_type_takes_the_name_the_request_gives_it():
    result = generate("CMOS inverter at 5 V, W=2u L=1u for both, models NA = nmos(level=1 kp=100u vto=0.8) and "
                      "PA = pmos(level=1 kp=50u vto=-0.8). VA drives ia 0 to 5 V in 10 mV steps; output oa.")
    cards = _cards(result.netlist)
    assert {"na", "pa"} <= set(cards), result.netlist
    assert "inverter" not in {n for line in parts(result.netlist).values() for n in line}  # no node "inverter"
    assert ".dc va 0 5" in result.netlist.lower()


def test_a_held_output_puts_the_output_transistors_collector_on_the_held_node():
    result = generate("NPN current mirror (.model QX NPN(BF=150 IS=2e-15)). Reference from VCC2 = 12 V on vc2; the "
                      "output transistor's collector is node mo, held at 6 V by VMO. Mirror 0.5 mA.")
    lines = parts(result.netlist)
    assert any(name.startswith("Q") and line[0] == "mo" for name, line in lines.items()), lines
    assert "qx" in _cards(result.netlist)
    assert result.verified, result.warnings


def test_a_thermistor_used_as_a_plain_resistor_is_its_resistance_at_the_temperature_said():
    result = generate("NTC divider: 10k fixed resistor from 5 V down to tn_o, the NTC (10k at 25 C, B = 3950) from "
                      "tn_o to ground. Reading at 0 C; just use the NTC's resistance at 0 C as a plain resistor.")
    lines = parts(result.netlist)
    assert not any(name.startswith("B") for name in lines), lines
    assert any(line[:2] == ["tn_o", "0"] and abs(float(line[2]) - 33620) < 100 for line in lines.values()), lines


def test_a_part_a_capacitor_is_charged_through_joins_the_node_said_to_the_capacitor():
    request = read_request("ok so a 4u7 cap from node cy to gnd, charged thru a 2k2 resistor from node cs which gets a "
                           "0->3.3v step at t=0. transient to 50ms")
    assert [(e.kind, e.nodes) for e in request.elements] == [("C", ("cy", "0")), ("R", ("cs", "cy"))]
    assert [s.node for s in request.sources] == ["cs"]


def test_a_source_said_by_its_node_name_sits_on_that_node():
    request = read_request("Source g_src AC 1 V behind 50 ohm into g_in, 50 ohm load on g_out. LC low-pass, "
                           "Butterworth, 3rd order, 1 MHz.")
    assert [s.node for s in request.sources] == ["g_src"]


def test_a_tweeters_own_passive_butterworth_feed_is_a_high_pass():
    assert parse_intent("Feed the tweeter (4 ohm on node tt) from the amp at node ao so it only gets what's above "
                        "about 4 kHz, passive, Butterworth.").kind == "lc_ladder_highpass"


def test_a_level_a_sentence_opens_with_at_a_node_is_the_level_wanted_and_a_tolerance_is_no_level():
    text = ("bandgap with an op-amp and two diode-connected NPNs, 8:1 emitter area ratio. About 1.25 V at vbg_o, and "
            "keep it within +/-5 mV over -20 to 70 C.")
    request = read_request(text)
    assert [(s.quantity, s.target, s.node) for s in request.specs] == [("vout", 1.25, "vbg_o")]
    assert "area" not in request.nodes
    assert not {"VDD", "VIN"} & set(parse_intent(text).values)


def test_a_twin_ts_caps_said_with_its_shunt_cap_are_its_c_and_2c():
    result = generate("passive twin-T notch for 60 Hz, 47nF caps (the shunt cap 94n), resistors to suit. nn_in gets "
                      "1 V AC, nn_out left unloaded.")
    values = {line[2] for name, line in parts(result.netlist).items() if name.startswith("C")}
    assert "47n" in values and "{2*47n}" in values, result.netlist
    assert not any("94n" in w for w in result.warnings), result.warnings


def test_a_range_of_taps_names_the_strings_taps_highest_first():
    result = generate("2-bit flash ADC: 2 V reference, resistor string 1k (top), 1k, 1k, 1k (bottom) giving taps "
                      "q1 (lowest) to q3, three comparators with outputs c_1 to c_3. Input q_in 1 V DC, op point.")
    lines = parts(result.netlist)
    assert any(line[:2] == ["q1", "0"] for name, line in lines.items() if name.startswith("R")), lines


def test_losses_stated_either_side_of_a_band_pass_set_its_q():
    result = generate("From the blend on node bl I want just the 2 kHz tone at node t2k: unity gain at 2 kHz, and at "
                      "least 20 dB down at both 200 Hz and 20 kHz.")
    assert result.verified, result.warnings
    assert any("200 Hz" in c.what and c.status == "pass" for c in result.checks)


def test_a_stated_supply_ramp_is_the_oscillators_kick_and_a_named_base_divider_is_used():
    result = generate("Colpitts oscillator, common-base NPN on 12 V (ramp the supply up in 2 us): base divider 33k/15k "
                      "with 47n bypass, RE = 1.5k, L = 220uH, C1 = 4.7n, C2 = 4.7n. Transient 300 us.")
    lines = parts(result.netlist)
    assert lines["V1"][-1].endswith("2u)"), lines["V1"]
    assert {"33k", "15k", "47n"} <= {line[2] for line in lines.values() if len(line) > 2}, result.netlist


def test_an_output_said_to_swing_to_the_rails_saturates_at_them():
    result = generate("Inverting Schmitt trigger on +/-15 V (output swings to the rails): trips at +3 V on the way up "
                      "and -3 V on the way down. Test input ti = SIN(0 6 100), output to2, 40 ms transient.")
    assert "sat=0.99" in result.netlist
    assert not any(s.node == "trips" for s in read_request("trips at +3 V on the way up").sources)


def test_a_resistor_from_the_output_back_to_the_plus_input_is_the_feedback_resistor():
    values = parse_intent("Non-inverting Schmitt trigger on +/-9 V: 4.7k from the input node si to the + input, 47k "
                          "from output so2 back to +, - input grounded.").values
    assert (values["RIN"].value, values["RF"].value) == (4700.0, 47000.0)


def test_a_level_read_at_a_node_said_after_it_is_measured_there():
    request = read_request("Turn a current into a voltage for my ADC: the loop current comes in at node adc1 from IS1 "
                           "(model it as 4 mA DC) and at 4 mA the ADC should read 1 V at adc1.")
    assert [(s.quantity, s.node) for s in request.specs] == [("vout", "adc1")]


def test_a_wish_names_what_the_verb_after_does_to_it():
    text = ("Between ai and ao I want the low-frequency junk (hum, drift) blocked and everything from about 5 kHz up "
            "let through, using one cap and one resistor.")
    assert parse_intent(text).kind == "rc_highpass"
    assert generate(text).verified


def test_a_filter_whose_side_the_words_contradict_is_not_verified():
    result = generate("RC low-pass filter from fa to fb that blocks everything below 1 kHz and lets the highs through.")
    assert result.intent.kind == "rc_lowpass"  # the circuit named outright is built, its words contradicting it
    assert not result.verified
    assert any(c.what.startswith("a high-pass filter") and c.status == "fail" for c in result.checks)


def test_levels_in_an_aside_after_a_node_are_a_source_there():
    sources = read_request("BJT differential pair: bases xb1 (AC 1, 0 V DC) and xb2 (0 V DC source), collectors xc1 "
                           "and xc2.").sources
    assert {(s.node, s.dc, s.ac) for s in sources} == {("xb1", 0.0, 1.0), ("xb2", 0.0, None)}


def test_the_node_a_drive_comes_from_is_the_input_and_is_checked():
    request = read_request("IF tank: parallel LC at 10.7 MHz, the cap is 100 pF. Drive it from tk_i via a 22k "
                           "resistor; the tank node is tk_o.")
    assert request.input == "tk_i"


def test_a_device_kind_asked_for_and_absent_is_not_verified():
    from spice_lsp.generation.coverage import named_devices
    from spice_lsp.generation.pipeline import parse
    netlist = parse("t\nV1 a 0 DC 1\nD1 a b dx\nR1 b 0 1k\n.model dx D(is=1e-14)\n.end\n").netlist
    assert [i.status for i in named_devices("an antilog amp with an NPN (IS=1e-14) as the input element", netlist)] \
        == ["fail"]
    assert named_devices("a diode clamp, no transistor, no BJT", netlist) == []


def test_an_output_said_to_swing_fully_saturates_at_the_rails():
    result = generate("op-amp Schmitt, non-inverting, +/-12 V rails (output swings fully): 10k from q_in to the + pin, "
                      "100k from q_out to the + pin, - pin grounded. q_in a 3 V peak, 200 Hz sine. Transient 15 ms")
    assert "sat=0.99" in result.netlist
