"""training/metrics.py: each metric on small hand-made netlists, its direction, the registry,
and the reference's own outputs scored to the numbers its README gives."""
import json
import math

import pytest

from training.case_checks import Reading, check_case, constraint_verdicts, resolve, spice_number
from training.metrics import METRICS, Output, Registry, aggregate, bleu_score, pass_at_k, percentile, score_case

from .conftest import SHARED

RC = """RC low-pass
V1 in 0 DC 0 AC 1
R1 in out 1k
C1 out 0 100n
.ac dec 20 10 1meg
.print ac vdb(out)
.end
"""
RC_CASE = {"id": "rc", "category": "Filter", "description": "RC low-pass, R=1k, C=100n",
           "expected": {"parameters": ["R=1k", "C=100n"]},
           "checks": [{"analysis": "ac dec 50 10 1meg", "let": "g = vdb(out)-vdb(in)", "measure": "when g=-3",
                       "min": 1512, "max": 1671}],
           "reference": RC}
NO_END = RC.replace(".end\n", "")
NO_ANALYSIS = RC.replace(".ac dec 20 10 1meg\n", "")
MODEL_ONLY = ".model nmos nmos level=1\n.tran 1n 1u\n.end\n"  # no element-like word: line 1 is its title
UNPARSEABLE = "broken\nR1 in out\nQ1 a b\n.op\n.end\n"
UNDEFINED_MODEL = "mos\nVDD d 0 DC 1\nM1 d d 0 0 nomodel W=1u L=1u\n.op\n.end\n"
WRONG_C = RC.replace("100n", "1u")
RC_PARAMS = RC.replace("V1 in", ".param R=1k C=100n\nV1 in").replace("out 1k", "out {R}").replace("0 100n", "0 {C}")


def out(text: str, case: dict = RC_CASE, **kwargs) -> Output:
    return Output(text, case, **kwargs)


def score(name: str, text: str, case: dict = RC_CASE, **kwargs):
    return METRICS[name].case_value([out(text, case, **kwargs)])


# --- registry and directions ------------------------------------------------------------------

DIRECTIONS = {"svs": True, "pem": True, "ccs": True, "composite": True, "bleu": True, "grammar_valid": True,
              "sim_ok": True, "value_match": True, "functional": True, "pass@1": True, "pass@k": True,
              "time_mean": False, "time_p50": False, "time_p95": False, "tokens_per_s": True,
              "lm_share": True, "constraints_honoured": True, "specs_met": True, "pass": True,
              "false_verified": False, "refused": False}


def test_every_metric_is_registered_with_the_intended_direction():
    assert {name: m.higher_is_better for name, m in METRICS.items()} == DIRECTIONS


def test_aggregations_of_the_time_metrics():
    assert [METRICS[n].aggregation for n in ("time_mean", "time_p50", "time_p95")] == ["mean", "p50", "p95"]
    values = [1.0, 2.0, 3.0, 4.0, 100.0]
    assert METRICS["time_mean"].aggregate(values) == 22.0
    assert METRICS["time_p50"].aggregate(values) == 3.0
    assert METRICS["time_p95"].aggregate(values) == pytest.approx(80.8)
    assert METRICS["time_mean"].aggregate([None, 2.0]) == 2.0
    assert METRICS["time_mean"].aggregate([None]) is None
    assert percentile([5.0], 95) == 5.0


def test_registry_refuses_duplicates_and_unknown_aggregations():
    registry = Registry()
    registry.register("x", higher_is_better=True)(lambda o: 1.0)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("x", higher_is_better=False)(lambda o: 0.0)
    assert registry["x"].higher_is_better is True
    with pytest.raises(ValueError, match="already registered"):
        METRICS.register("svs", higher_is_better=True)(lambda o: 1.0)
    with pytest.raises(ValueError, match="aggregation"):
        registry.register("y", higher_is_better=True, aggregation="max")


@pytest.mark.parametrize("name", [n for n, m in METRICS.items()
                                  if m.scale in ("reference", "ours") and m.per == "output"])
def test_direction_holds_on_a_good_and_a_bad_netlist(name):
    """A correct RC netlist (values as .param R=1k C=100n, so that even the reference's PEM
    sees them) scores strictly better than an empty answer and than a wrong one: lm-eval-harness
    once shipped a metric registered the wrong way round."""
    metric = METRICS[name]
    good, empty = score(name, RC_PARAMS), score(name, "")
    better = (lambda a, b: a > b) if metric.higher_is_better else (lambda a, b: a < b)
    assert better(good, empty), (name, good, empty)
    wrong = score(name, "wrong\nR1 in out 5k\n.end\n")  # floating, no source, no analysis, wrong value
    assert better(good, wrong) or good == wrong and name == "sim_ok", (name, good, wrong)  # it runs


def test_direction_of_the_speed_metrics():
    fast, slow = out(RC, seconds=0.1, tokens_per_second=50.0), out(RC, seconds=9.0, tokens_per_second=5.0)
    for name in ("time_mean", "time_p50", "time_p95", "tokens_per_s"):
        metric = METRICS[name]
        a, b = metric.case_value([fast]), metric.case_value([slow])
        assert (a > b) == metric.higher_is_better, name
    assert score("tokens_per_s", RC) is None  # not a language model


def test_lm_share_tells_a_served_model_draft_from_a_template_fallback():
    assert score("lm_share", RC, extra={"source": "transformers", "lm": True}) == 1.0
    assert score("lm_share", RC, extra={"source": "template", "lm": True}) == 0.0  # fell back (or out of time)
    assert score("lm_share", RC, extra={"source": "template"}) is None  # the template backend: no model


# --- reference-compatible metrics -------------------------------------------------------------

def test_svs_four_keyword_conditions():
    assert score("svs", RC) == 1.0
    assert score("svs", NO_END) == 0.0
    assert score("svs", NO_ANALYSIS) == 0.0
    assert score("svs", MODEL_ONLY) == 0.0
    assert score("svs", "") == 0.0
    assert score("svs", UNPARSEABLE) == 1.0  # keyword presence, not parsing


def test_pem_verbatim_spaced_and_letters_removed():
    case = {"expected": {"parameters": ["L=1u", "W=10u", "DC=3V"]}}
    assert score("pem", "M1 d g 0 0 n L=1u W = 10u\nV1 d 0 dc=3\n", case) == 1.0  # verbatim, spaced, bare
    assert score("pem", "M1 d g 0 0 n L=0.000001 W=1e-5\nV1 d 0 DC 3\n", case) == 0.0  # no value equivalence
    # Substrings and prefixes, as the reference's code has it: "w=10u" is in "w=10um", and "1u"
    # with its letters removed is "1", a prefix of "1e-6".
    assert score("pem", "M1 d g 0 0 n L=1e-6 W=10um\n", case) == pytest.approx(2 / 3)
    assert score("pem", "M1 d g 0 0 n l=1u\n", case) == pytest.approx(1 / 3)
    assert score("pem", "anything", {"expected": {}}) == 1.0  # no parameters expected
    assert score("pem", RC) == 0.0  # "R1 in out 1k" is no "r=1k"


def test_ccs_six_fixed_categories():
    assert score("ccs", RC) == pytest.approx(4 / 6)  # passive, sources, analysis, output
    full = RC.replace(".end", "M1 out in 0 0 nm\n.model nm nmos\n.end")
    assert score("ccs", full) == 1.0
    assert score("ccs", "") == 0.0
    assert score("ccs", MODEL_ONLY) == pytest.approx(2 / 6)  # analysis, directives


def test_composite_is_the_mean_of_svs_pem_ccs():
    assert score("composite", RC) == pytest.approx((1.0 + 0.0 + 4 / 6) / 3)


def test_bleu_only_with_a_reference():
    assert score("bleu", RC) == pytest.approx(1.0)
    assert score("bleu", RC, {"expected": {}}) is None
    assert bleu_score("", RC) == 0.0
    assert bleu_score("x y z w", RC) == 0.0
    first_half = "\n".join(RC.split("\n")[:4])
    assert 0 < bleu_score(first_half, RC) < bleu_score(RC, RC)  # the brevity penalty
    assert bleu_score("v1 in 0 ac 1", "V1 (in, 0) AC=1") == pytest.approx(1.0)  # split on =()[],;


# --- spice-lsp's metrics ----------------------------------------------------------------------

def test_grammar_valid():
    assert score("grammar_valid", RC) == 1.0
    assert score("grammar_valid", UNPARSEABLE) == 0.0
    assert score("grammar_valid", UNDEFINED_MODEL) == 0.0
    assert score("grammar_valid", "") == 0.0
    assert score("grammar_valid", "   \n") == 0.0


def test_sim_ok():
    assert score("sim_ok", RC) == 1.0
    assert score("sim_ok", UNDEFINED_MODEL) == 0.0
    assert score("sim_ok", "") == 0.0
    refused = RC.replace(".end", ".control\nshell ls\n.endc\n.end")
    assert score("sim_ok", refused) == 0.0


def test_value_match_is_value_aware():
    case = {"expected": {"parameters": ["L=1u", "W=10u", "DC=3V"]}}
    text = "nmos\nVDD d 0 DC 3\nM1 d d 0 0 nm W=10um L=1e-6\n.model nm nmos\n.op\n.end\n"
    assert score("value_match", text, case) == 1.0
    assert score("value_match", text.replace("W=10um", "W=20u"), case) == pytest.approx(2 / 3)
    assert score("value_match", RC) == 1.0  # R=1k and C=100n written as bare values
    assert score("value_match", WRONG_C) == 0.5
    assert score("value_match", RC, {"expected": {}}) is None
    assert score("value_match", "", case) == 0.0


def test_value_match_ignores_node_names_and_reads_text_values_as_text():
    case = {"expected": {"parameters": ["DC=1", "SiGe"]}}
    assert score("value_match", "t\nV1 1 0 DC 5\nR1 1 0 1k\n.op\n.end\n", case) == 0.0  # node "1" is no value
    sige = "t\nV1 a 0 DC 1\nQ1 a a 0 q_sige\n.model q_sige npn\n.op\n.end\n"
    assert score("value_match", sige, case) == 1.0
    # The title line (often the request itself) and comments are not the circuit.
    echo = "DC=1 SiGe\n* DC=1 SiGe\nV1 a 0 DC 5\nR1 a 0 1k\n.op\n.end\n"
    assert score("value_match", echo, case) == 0.0


def test_value_match_binds_names_the_netlist_uses():
    case = {"expected": {"parameters": ["R1=10k", "R2=10k", "DC=10"]}}
    divider = "d\nV1 in 0 DC 10\nR1 in out 10k\nR2 out 0 30k\n.op\n.end\n"
    assert score("value_match", divider, case) == pytest.approx(2 / 3)  # R2 is 30k, though 10k is there
    renamed = divider.replace("R1 ", "RA ").replace("R2 out 0 30k", "RB out 0 10k")
    assert score("value_match", renamed, case) == 1.0  # other names: the values anywhere
    params = "d\n.param R2=10k\nV1 in 0 DC 10\nR1 in out 10k\nR2 out 0 {R2}\n.op\n.end\n"
    assert score("value_match", params, case) == 1.0


def test_value_match_reads_unparseable_text_by_name():
    case = {"expected": {"parameters": ["W=10u"]}}
    assert score("value_match", ".model x nmos\nM1 ( W = 1e-5 )\n", case) == 1.0


def test_functional_runs_the_checks():
    assert score("functional", RC) == 1.0
    assert score("functional", WRONG_C) == 0.0  # corner at 159 Hz
    assert score("functional", NO_ANALYSIS) == 1.0  # the check brings its own analysis
    assert score("functional", "") == 0.0
    assert score("functional", RC, {"expected": {}}) is None
    o = out(RC.replace("out", "vout"))  # the check's node is missing: no value, with the reason
    assert METRICS["functional"].case_value([o]) == 0.0
    assert o.check_results[0].value is None and "out" in o.check_results[0].error


def test_pass_at_k_unbiased_estimator():
    assert pass_at_k(10, 3, 1) == pytest.approx(0.3)
    assert pass_at_k(10, 3, 5) == pytest.approx(1 - math.comb(7, 5) / math.comb(10, 5))
    assert pass_at_k(5, 0, 3) == 0.0
    assert pass_at_k(5, 3, 3) == 1.0  # fewer failures than k
    with pytest.raises(ValueError):
        pass_at_k(2, 1, 3)


def test_pass_metrics_over_samples():
    samples = [out(RC), out(WRONG_C), out(""), out(WRONG_C)]
    scores = score_case(samples, k=4)
    assert scores["pass@1"] == pytest.approx(0.25)
    assert scores["pass@k"] == 1.0
    assert score_case(samples[1:], k=2)["pass@k"] == 0.0
    assert score_case(samples[:1], k=1)["pass@k"] is None  # one sample: no pass@k
    assert scores["functional"] == pytest.approx(0.25)  # sample metrics are averaged


def test_passed_without_checks_needs_a_valid_simulating_netlist_with_its_values():
    case = {"expected": {"parameters": ["R=1k"]}}
    assert out(RC, case).passed
    assert not out(RC.replace("1k", "2k"), case).passed
    assert not out(UNDEFINED_MODEL, {"expected": {}}).passed


def test_aggregate_skips_not_applicable_values():
    cases = [score_case([out(RC)]), score_case([out(RC, {"expected": {}})])]
    overall = aggregate(cases)
    assert overall["functional"] == 1.0  # only the first case has checks
    assert overall["bleu"] == pytest.approx(1.0)


# --- the reference's own outputs --------------------------------------------------------------

SEED = SHARED / "seed"


@pytest.mark.skipif(not (SEED / "seed_outputs.json").exists(),
                    reason="../shared/seed (the reference system's data) is not beside this checkout")
def test_reference_outputs_score_as_the_readme_says():
    cases = {c["id"]: c for c in json.loads((SEED / "test_cases.json").read_text(encoding="utf-8"))}
    records = json.loads((SEED / "seed_outputs.json").read_text(encoding="utf-8"))
    scores = [score_case([Output(r["generated_code"], cases[r["case_id"]])]) for r in records]
    overall = aggregate(scores)
    assert [round(overall[m], 3) for m in ("svs", "pem", "ccs", "composite")] == [0.524, 0.119, 0.587, 0.410]
    for record, s in zip(records, scores):  # case by case, as its harness reported them...
        if record["case_id"] == "spice_edge_01":  # ...except the case its harness crashed on (0 for all)
            assert record["composite_score"] == 0.0 and s["composite"] > 0
            continue
        for metric in ("svs", "pem", "ccs", "composite"):
            assert s[metric] == pytest.approx(record[f"{metric}_score"]), (record["case_id"], metric)


# --- the request's checklist (training/case_checks.py) -----------------------------------------

# "Inverting amplifier (VCVS E1, gain 1e6): R1 = 2k from in to node n, RF = 20k from n to out,
# 0.3 V DC at in, 1 kHz sine of 0.1 V too; sweep VIN 0 to 1 V in 10 mV steps, AC 10 Hz to 1 MHz,
# a 2 ms transient, at 85 °C", with the diode D1 (IS=1e-14 N=1.8) from out to clamp and an NMOS.
AMP = """inverting amplifier
.param rf=20k
VIN in 0 DC 0.3 AC 1 SIN(0 0.1 1k)
R1 in n 2k
RF out n {rf}
E1 out 0 0 n 1e6
D1 clamp out dm
VC clamp 0 -12
M1 d n 0 0 nm W=10u L=1u
RD d 0 1k
.model dm D(IS=1e-14 N=1.8)
.model nm NMOS(VTO=0.7 KP=100u)
.dc VIN 0 1 10m
.ac dec 20 10 1meg
.tran 10u 2m
.temp 85
.end
"""
AMP_CASE = {
    "id": "amp", "description": "inverting amplifier ...",
    "constraints": {
        "elements": [
            {"name": "E1", "kind": "E", "nodes": ["out", "0", None, "n"], "value": 1e6},
            {"name": "R1", "kind": "R", "nodes": ["in", "n"], "value": 2000},
            {"name": "RF", "kind": "R", "nodes": ["n", "out"], "value": 20000},  # either orientation
            {"name": "VIN", "kind": "V", "nodes": ["in", "gnd"], "dc": 0.3, "ac": 1, "sin": [0, 0.1, 1000]},
            {"name": "D1", "kind": "D", "nodes": ["clamp", "out"], "model": {"IS": 1e-14, "N": 1.8}},
            {"kind": "M", "nodes": ["d", "n", "0"], "params": {"W": 10e-6, "L": 1e-6},
             "model": {"type": "nmos", "VTO": 0.7}}],
        "nodes": ["in", "n", "out"],
        "analyses": [{"kind": "dc", "source": "VIN", "start": 0, "stop": 1, "step": 0.01},
                     {"kind": "ac", "start": 10, "stop": 1e6, "points": 20},
                     {"kind": "tran", "stop": 2e-3}, {"kind": "temp", "values": [85]}]},
    "checks": [{"analysis": "op", "measure": "v(out)", "min": -3.06, "max": -2.94},
               {"analysis": "ac dec 20 10 100k", "let": "g = vdb(out)-vdb(in)", "measure": "find g at=1k",
                "min": 19.5, "max": 20.5}]}


def failing(text: str, case: dict = AMP_CASE) -> list[str]:
    return [v.what for v in constraint_verdicts(case, text) if not v.passed]


def test_a_netlist_that_honours_the_request_passes_every_item():
    verdict = check_case(AMP_CASE, AMP)
    assert [v.what for v in verdict.constraints + verdict.checks if not v.passed] == []
    assert len(verdict.constraints) == 6 + 3 + 4 and verdict.simulates and verdict.passed
    assert verdict.checks[0].value == pytest.approx(-3.0, rel=1e-3)


@pytest.mark.parametrize("edit, broken", [
    (("R1 in n 2k", "R1 in n 2.2k"), ["element R1"]),  # a value replaced
    (("R1 in n 2k", "RIN in n 2k"), ["element R1"]),  # the name the request used is gone
    ((" n", " inn"), ["element E1", "element R1", "element RF", "element a", "node n"]),  # a named node renamed
    (("R1 in n 2k", "R1 in n 2000.0"), []),  # the same value written another way
    (("DC 0.3 AC 1", "DC 0 AC 1"), ["element VIN"]),  # the DC level lost
    (("SIN(0 0.1 1k)", "SIN(0 0.1 2k)"), ["element VIN"]),
    (("N=1.8", "N=1"), ["element D1"]),  # a model parameter replaced
    (("W=10u", "W=20u"), ["element a"]),
    (("NMOS(", "PMOS("), ["element a"]),
    ((".dc VIN 0 1 10m", ".dc VIN 0 5 10m"), ["analysis dc"]),  # the sweep's range replaced
    ((".ac dec 20 10 1meg", ".ac dec 10 10 1meg"), ["analysis ac"]),
    ((".tran 10u 2m", ".tran 10u 5m"), ["analysis tran"]),
    ((".temp 85", ""), ["analysis temp"]),
])
def test_each_broken_item_fails_alone(edit, broken):
    assert [" ".join(w.split()[:2]) for w in failing(AMP.replace(*edit))] == broken


def test_an_off_spec_answer_fails_its_check_with_the_measured_value():
    verdict = check_case(AMP_CASE, AMP.replace("rf=20k", "rf=22k"))
    assert [c.passed for c in verdict.checks] == [False, False] and verdict.constraints[2].passed is False
    assert verdict.checks[0].value == pytest.approx(-3.3, rel=1e-3) and "measured -3.3" in verdict.checks[0].detail
    assert not verdict.passed


def test_an_empty_or_broken_answer_fails_everything():
    empty = check_case(AMP_CASE, "")
    assert not empty.simulates and not any(v.passed for v in empty.constraints + empty.checks)
    assert len(empty.constraints) == 13
    unrunnable = check_case({"constraints": {"nodes": ["x"]}}, "t\nR1 x 0 1k\nQ1 x\n.op\n.end\n")
    assert unrunnable.constraints[0].passed and not unrunnable.simulates and not unrunnable.passed


def test_analyses_in_a_control_block_and_temperature_sweeps_count():
    text = "t\nV1 a 0 1\nR1 a 0 1k\n.control\ndc V1 0 5 0.1\nnoise v(a) V1 dec 10 10 1k\n.endc\n.end\n"
    case = {"constraints": {"analyses": [{"kind": "dc", "source": "v1", "start": 0, "stop": 5, "step": 0.1},
                                         {"kind": "noise", "output": "a", "source": "V1", "start": 10, "stop": 1e3}]}}
    assert failing(text, case) == []
    swept = {"constraints": {"analyses": [{"kind": "temp", "values": [-40, 27, 125]}]}}
    assert failing("t\nI1 0 a 1m\nD1 a 0 d\n.model d D\n.dc temp -40 125 5\n.end\n", swept) == []
    assert failing("t\nR1 a 0 1k\n.options temp=27\n.op\n.end\n", swept) == ["analysis temp values=[-40, 27, 125]"]


def test_numbers_are_read_as_ngspice_reads_them():
    assert [spice_number(t) for t in ("4.7k", "4k7", "1meg", "1M", "10mohm", "2.5e-3", "1e3v", "x1", "")] == [
        4700.0, 4000.0, 1e6, 1e-3, 0.01, 2.5e-3, 1000.0, None, None]
    assert resolve("{2*R+1k}", {"r": "1k"}) == 3000.0 and resolve("{R}", {"r": "{K*2}", "k": "2"}) == 4.0
    assert resolve("{sqrt(2)}", {}) is None and resolve("{R;1}", {"r": "1"}) is None
    part = Reading("t\nR1 a 0 r=2k\nV1 a 0 1.5\nI1 a 0 DC 1m AC 1\n.end\n").parts
    assert [(p.name, p.value, p.source) for p in part] == [
        ("R1", 2000.0, {}), ("V1", None, {"dc": 1.5}), ("I1", None, {"dc": 1e-3, "ac": 1.0})]


# The checklist's metrics on the outputs a generator returns: what it said of itself in `extra`.
ANSWERED = {"source": "template", "verified": True, "warnings": []}
REFUSED = {"source": "refused", "verified": None}


def request_scores(text: str, case: dict = AMP_CASE, **extra) -> dict:
    return score_case([out(text, case, extra=extra)])


def test_checklist_metrics_on_a_correct_and_a_wrong_answer():
    good, bad = request_scores(AMP, **ANSWERED), request_scores(AMP.replace("2k", "3k"), **ANSWERED)
    assert (good["constraints_honoured"], good["specs_met"], good["pass"], good["false_verified"]) == (1, 1, 1, 0)
    assert bad["constraints_honoured"] == pytest.approx(12 / 13) and bad["specs_met"] == 0.0
    assert (bad["pass"], bad["false_verified"], bad["refused"]) == (0.0, 1.0, 0.0)
    honest = request_scores(AMP.replace("2k", "3k"), **{**ANSWERED, "verified": False})
    assert (honest["pass"], honest["false_verified"]) == (0.0, 0.0)  # wrong, but it said so
    unknown = request_scores(AMP)  # precomputed outputs that do not say: not a false verified
    assert unknown["false_verified"] is None and unknown["pass"] == 1.0


def test_a_refusal_is_never_false_verified_and_passes_only_a_refuse_case():
    refused = request_scores("", **REFUSED)
    assert (refused["pass"], refused["false_verified"], refused["refused"]) == (0.0, 0.0, 1.0)
    assert refused["constraints_honoured"] == 0.0
    refuse_case = {"id": "r", "description": "a perpetual-motion machine", "expect": "refuse"}
    assert request_scores("", refuse_case, **REFUSED)["pass"] == 1.0
    answered = request_scores(AMP, refuse_case, **ANSWERED)
    assert (answered["pass"], answered["false_verified"], answered["refused"]) == (0.0, 1.0, None)
    assert answered["constraints_honoured"] is None and answered["specs_met"] is None


def test_a_contradiction_must_be_reported():
    report = {"id": "c", "description": "RC low-pass, 1k, 100 nF, cutoff 10 kHz", "expect": "report"}
    assert request_scores("", report, **REFUSED)["pass"] == 1.0
    warned = request_scores(RC, report, source="template", verified=False, warnings=["cutoff 10 kHz: not met"])
    assert warned["pass"] == 1.0
    said_verified = request_scores(RC, report, **ANSWERED)
    assert (said_verified["pass"], said_verified["false_verified"]) == (0.0, 1.0)
    assert request_scores(RC, report, source="template", verified=False, warnings=[])["pass"] == 0.0


def test_direction_of_the_checklist_metrics():
    good, bad = request_scores(AMP, **ANSWERED), request_scores("", **REFUSED)
    wrong = request_scores(AMP.replace("2k", "3k"), **ANSWERED)
    for name in ("constraints_honoured", "specs_met", "pass", "false_verified", "refused"):
        metric = METRICS[name]
        others = [v for v in (bad[name], wrong[name]) if v is not None]
        assert others and all((good[name] > v) == metric.higher_is_better and good[name] != v
                              for v in others if (name, v) not in (("false_verified", 0.0), ("refused", 0.0))), name
