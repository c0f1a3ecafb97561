"""training/bench.py and the shipped cases: the cases load, every reference netlist parses,
simulates and passes its own checks, and a small benchmark run writes what it promises."""
import json
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from spice_lsp.generation.assistant import Assistant
from spice_lsp.generation.intent import parse_intent
from training import bench
from training.case_checks import check_case, reference_problems

from .conftest import DATA, SHARED

CASES = bench.load_cases(bench.SHIPPED_CASES)
WITH_REFERENCE = [c for c in CASES if c.get("reference")]
REFERENCE_CATEGORIES = {"MOSFET", "Diode", "BJT", "Photonic", "Sensor", "Edge Case", "Amplifier"}
FIXTURES = DATA / "bench"


def test_shipped_cases_cover_the_reference_categories_and_ours():
    assert len(CASES) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES)
    categories = Counter(c["category"] for c in CASES)
    assert REFERENCE_CATEGORIES <= set(categories)
    assert {"Filter", "Active Filter", "Op-Amp", "Rectifier", "Regulator", "Oscillator", "Converter"} <= set(categories)
    assert sum(bool(c.get("checks")) for c in CASES) >= 0.7 * len(CASES)
    for case in CASES:
        assert set(case["expected"]) == {"components", "parameters", "analysis", "directives"}, case["id"]
        assert case["difficulty"] in ("easy", "medium", "hard"), case["id"]
        for spec in case.get("checks", []):
            assert spec.get("min", -1e300) < spec.get("max", 1e300), case["id"]


def test_descriptions_name_a_family_the_intent_parser_knows():
    """Everything but the deliberately empty edge case is read as a circuit family (a bare
    "An amplifier." gets the assumed one)."""
    generic = [c["id"] for c in CASES if parse_intent(c["description"]).kind == "generic"]
    assert generic == ["edge_nonsense_01"]


@pytest.fixture(scope="module")
def reference_verdicts() -> dict[str, list[str]]:
    with ThreadPoolExecutor(4) as pool:  # ngspice runs in subprocesses
        return dict(zip((c["id"] for c in WITH_REFERENCE), pool.map(reference_problems, WITH_REFERENCE)))


@pytest.mark.parametrize("case_id", [c["id"] for c in WITH_REFERENCE])
def test_reference_netlist_parses_simulates_and_passes_its_checks(case_id, reference_verdicts):
    assert reference_verdicts[case_id] == []


def test_every_case_with_checks_has_a_reference():
    assert [c["id"] for c in CASES if c.get("checks") and not c.get("reference")] == []


@pytest.mark.skipif(not (SHARED / "seed" / "test_cases.json").exists(),
                    reason="../shared/seed (the reference system's data) is not beside this checkout")
def test_reference_cases_load_as_they_are():
    cases = bench.load_cases(SHARED / "seed" / "test_cases.json")
    assert len(cases) == 21
    assert {c["category"] for c in cases} == REFERENCE_CATEGORIES


def test_case_files_json_list_or_lines(tmp_path):
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"id": "a", "description": "RC low-pass"}]))
    assert bench.load_cases(listed)[0]["category"] == "uncategorised"
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "description": "x"}\n{oops\n')
    with pytest.raises(ValueError, match="broken.jsonl:2"):
        bench.load_cases(broken)
    twice = [str(FIXTURES / "cases.jsonl")] * 2
    with pytest.raises(ValueError, match="in both"):
        bench.case_sets(twice, 0)


def test_arguments_from_flags_and_a_config_file(tmp_path):
    args = bench.parse_args(["--cases", "a.jsonl", "--cases", "b.json", "--backend", "template",
                             "--samples", "3", "--no-chart"])
    assert (args.cases, args.backend, args.samples, args.chart) == (["a.jsonl", "b.json"], ["template"], 3, False)
    config = tmp_path / "run.json"
    config.write_text(json.dumps({"backend": ["retrieval"], "limit": 5}))
    args = bench.parse_args(["--config", str(config), "--limit", "2"])
    assert (args.backend, args.limit) == (["retrieval"], 2)
    with pytest.raises(SystemExit):
        bench.parse_args(["--backend", "gpt-9"])


def test_template_run_on_the_shipped_cases(tmp_path, capsys):
    results = bench.main(["--backend", "template", "--limit", "3", "--out", str(tmp_path)])
    first = [c["id"] for c in CASES[:3]]
    for case_id in first:
        assert "\n.end" in (tmp_path / "template" / f"{case_id}.cir").read_text()
        record = json.loads((tmp_path / "template" / f"{case_id}.json").read_text())
        assert record["scores"]["grammar_valid"] == 1.0 and record["samples"][0]["checks"]
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"
    config = json.loads((tmp_path / "config.json").read_text())
    assert config["args"]["backend"] == ["template"] and config["case_sets"] == {"spice_lsp_cases": 3}
    summary = results["summary"]["template"]["spice_lsp_cases"]
    assert summary["n"] == 3 and set(summary["categories"]) == {CASES[0]["category"]}
    table = capsys.readouterr().out
    header, _, row = table.splitlines()[:3]
    assert header.split()[:6] == ["system", "cases", "n", "SVS", "PEM", "CCS"]
    assert row.split()[:3] == ["template", "spice_lsp_cases", "3"]
    assert (tmp_path / "table.txt").read_text().startswith("system")


def test_score_outputs_and_failures_and_resume(tmp_path, capsys, monkeypatch):
    """Precomputed outputs are scored, not copied; a CannotServe case and a crashing case are
    recorded and scored as empty; a second run reads every output from the cache."""
    real = Assistant.generate

    def flaky(self, description, **kwargs):
        if "divider" in description.lower():
            raise RuntimeError("backend crashed")
        return real(self, description, **kwargs)
    monkeypatch.setattr(Assistant, "generate", flaky)
    argv = ["--cases", str(FIXTURES / "cases.jsonl"), "--backend", "template",
            "--score-outputs", str(FIXTURES / "outputs.json"), "--out", str(tmp_path), "--no-chart"]
    results = bench.main(argv)
    scores = {name: {c["id"]: c["scores"] for c in sets["cases"]} for name, sets in results["cases"].items()}
    assert set(scores) == {"template", "outputs"}
    outputs = scores["outputs"]
    assert outputs["tiny_rc"]["functional"] == 1.0 and outputs["tiny_rc"]["bleu"] == pytest.approx(1.0)
    assert outputs["tiny_divider"]["functional"] == 0.0  # its R2 is 30k: v(out) = 2.5 V
    assert outputs["tiny_divider"]["value_match"] == pytest.approx(2 / 3)
    assert outputs["tiny_empty"]["grammar_valid"] == 0.0  # not in the file: an empty output
    assert outputs["tiny_rc"]["time_mean"] == 1.5  # the file's own generation time
    template = scores["template"]
    assert template["tiny_divider"]["sim_ok"] == 0.0
    crashed = json.loads((tmp_path / "template" / "tiny_divider.json").read_text())["samples"][0]
    assert crashed["error"].startswith("RuntimeError: backend crashed")
    refused = json.loads((tmp_path / "template" / "tiny_empty.json").read_text())["samples"][0]
    assert refused["error"].startswith("CannotServe")
    assert (tmp_path / "template" / "tiny_empty.cir").read_text() == ""
    rows = [line.split()[:2] for line in capsys.readouterr().out.splitlines()[2:4]]
    assert rows == [["template", "cases"], ["outputs", "cases"]]

    def never(self, description, **kwargs):
        raise AssertionError("should have come from the cache")
    monkeypatch.setattr(Assistant, "generate", never)
    again = bench.main(argv)
    assert again["summary"] == results["summary"]  # cached text and timings: the same scores


class FakeDrafter:
    """A language-model backend that always writes the same correct RC netlist."""
    name = "openai"

    def __init__(self) -> None:
        self.temperatures: list[float] = []

    def draft(self, prompt, *, max_new_tokens=384, temperature=0.0, stop=None, on_text=None):
        from spice_lsp.generation.lm import Draft
        self.temperatures.append(temperature)
        body = "V1 in 0 DC 0 AC 1\nR1 in out 1k\nC1 out 0 100n\n.ac dec 20 10 1meg\n.print ac vdb(out)\n.end\n"
        return Draft(prompt.answer_prefix + body, 40, 0.5, 80.0, False)


class NoExamples:
    def search(self, query, k=3):
        return []


def test_language_model_samples_and_speed(tmp_path, monkeypatch):
    fake = FakeDrafter()
    monkeypatch.setattr(Assistant, "drafter", lambda self: fake)
    monkeypatch.setattr(Assistant, "retriever", lambda self: NoExamples())
    results = bench.main(["--cases", str(FIXTURES / "cases.jsonl"), "--backend", "openai", "--limit", "1",
                          "--samples", "3", "--temperature", "0.5", "--out", str(tmp_path), "--no-chart"])
    overall = results["summary"]["openai"]["cases"]["overall"]
    assert fake.temperatures == [0.5, 0.5, 0.5]  # sampled, not greedy
    assert overall["tokens_per_s"] == 80.0 and overall["pass@1"] == 1.0 and overall["pass@k"] == 1.0
    record = json.loads((tmp_path / "openai" / "tiny_rc.json").read_text())
    assert [s["source"] for s in record["samples"]] == ["openai"] * 3
    assert (tmp_path / "openai" / "tiny_rc.s2.cir").exists()


def test_no_backend_runs_the_editors_default_pipeline(tmp_path, monkeypatch, capsys):
    results = bench.main(["--cases", str(FIXTURES / "cases.jsonl"), "--limit", "1", "--out", str(tmp_path),
                          "--no-chart"])
    assert list(results["summary"]) == ["default:template"]


def test_each_adapter_is_its_own_transformers_system(tmp_path, monkeypatch):
    from spice_lsp.generation.assistant import READER_ADAPTER, SHIPPED_ADAPTER, resolve_adapter
    adapter = tmp_path / "my-adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text("{}")
    (adapter / "adapter_model.safetensors").write_bytes(b"weights")
    args = bench.parse_args(["--backend", "transformers", "--adapter", "none", "--adapter", str(adapter)])
    systems = bench.build_systems(args)  # nothing loads until a system generates
    assert [s.name for s in systems] == ["transformers:base", "transformers+my-adapter"]
    assert systems[0].key["adapter"] == "none" and systems[1].key["adapter"] != "none"
    assert resolve_adapter("none") is None and resolve_adapter(str(adapter)) == adapter
    shipped = [a for a in (READER_ADAPTER, SHIPPED_ADAPTER) if (a / "adapter_config.json").exists()]
    assert resolve_adapter("") == (shipped[0] if shipped else None)


# --- the held-out request sets (issues 13 and 14) ---------------------------------------------

REQUESTS = [c for name in ("requests.jsonl", "requests_v2.jsonl", "requests_v3.jsonl", "requests_v4.jsonl",
                                      "requests_v5.jsonl", "requests_v6.jsonl", "requests_v7.jsonl",
                                      "requests_v8.jsonl", "requests_v9.jsonl", "requests_v10.jsonl",
                                      "requests_v11.jsonl", "requests_v12.jsonl", "requests_v13.jsonl",
                                      "requests_v14.jsonl", "requests_v15.jsonl", "requests_v16.jsonl",
                                      "requests_v17.jsonl", "requests_v18.jsonl", "requests_v19.jsonl",
                                      "requests_v20.jsonl", "requests_v21.jsonl", "requests_v22.jsonl",
                                      "requests_v23.jsonl", "requests_v24.jsonl")
            for c in bench.load_cases(bench.SHIPPED_CASES.parent / name)]
OPEN_WORLD = [c for name in ("open_world.jsonl", "open_world_v2.jsonl", "open_world_v3.jsonl", "open_world_v4.jsonl",
                             "open_world_v5.jsonl", "open_world_v6.jsonl", "open_world_v7.jsonl",
                             "open_world_v8.jsonl", "open_world_v9.jsonl", "open_world_v10.jsonl",
                             "open_world_v11.jsonl", "open_world_v12.jsonl", "open_world_v13.jsonl",
                             "open_world_v14.jsonl", "open_world_v15.jsonl", "open_world_v16.jsonl",
                             "open_world_v17.jsonl", "open_world_v18.jsonl", "open_world_v19.jsonl",
                             "open_world_v20.jsonl", "open_world_v21.jsonl", "open_world_v22.jsonl",
                             "open_world_v23.jsonl")
              for c in bench.load_cases(bench.SHIPPED_CASES.parent / name)]
ANSWERABLE = [c for c in REQUESTS + OPEN_WORLD if c.get("reference")]


def test_request_sets_are_large_varied_and_well_formed():
    assert len(REQUESTS) >= 90 and len(OPEN_WORLD) >= 60
    ids = [c["id"] for c in CASES + REQUESTS + OPEN_WORLD]
    assert len(set(ids)) == len(ids)
    assert {"Issue example", "Elements", "Notation", "Analysis", "Spec", "Contradiction"} <= {
        c["category"] for c in REQUESTS}
    expects = Counter(c.get("expect", "answer") for c in REQUESTS + OPEN_WORLD)
    assert expects["report"] >= 5 and expects["refuse"] >= 5
    for case in REQUESTS + OPEN_WORLD:
        if case.get("expect", "answer") == "answer":  # a user can check every answer
            assert case.get("constraints") and case.get("reference"), case["id"]
        for spec in case.get("checks", []):
            assert spec["min"] < spec["max"] and spec.get("why"), case["id"]


def test_checks_measure_only_what_the_request_names():
    """A check reads the nodes and sources the request names (a user can only check those); the
    issue's own 7 kHz example, quoted as written, is measured on the conventional in and out."""
    unnamed = []
    for case in REQUESTS + OPEN_WORLD:
        words = set(re.findall(r"\w+", case["description"].lower()))
        # ("outputs t1 (lowest threshold) to t7": a numbered range names every node in it)
        for m in re.finditer(r"\b([a-z_]+)(\d+)\b[^.;]{0,40}?\bto\s+\1(\d+)\b", case["description"].lower()):
            words |= {f"{m[1]}{k}" for k in range(int(m[2]), int(m[3]) + 1)}
        for spec in case.get("checks", []):
            lets = [spec["let"]] if isinstance(spec.get("let"), str) else spec.get("let") or []
            text = " ".join([spec["analysis"], spec["measure"], *lets])
            names = re.findall(r"\b(?:v|vdb|vm|vp|ph|i)\((\w+)\)|@(\w+)\[", text)
            unnamed += [(case["id"], n.lower()) for pair in names for n in pair if n and n.lower() not in words]
    assert sorted(set(unnamed)) == [("iss_rc_7k", "in"), ("iss_rc_7k", "out")]


def _checklist_of_reference(case: dict) -> list[str]:
    verdict = check_case(case, case["reference"], timeout=60)
    return [f"{v.what}: {v.detail}" for v in verdict.constraints + verdict.checks if not v.passed] + (
        [] if verdict.simulates else [f"does not simulate: {verdict.errors}"])


@pytest.fixture(scope="module")
def request_reference_verdicts() -> dict[str, list[str]]:
    with ThreadPoolExecutor(2) as pool:
        return dict(zip((c["id"] for c in ANSWERABLE), pool.map(_checklist_of_reference, ANSWERABLE)))


@pytest.mark.parametrize("case_id", [c["id"] for c in ANSWERABLE])
def test_each_request_is_satisfiable_its_reference_passes_the_whole_checklist(case_id, request_reference_verdicts):
    """The expected numbers are reachable: a netlist written to the request meets every
    constraint and every check (so a failing answer is the answer's fault)."""
    assert request_reference_verdicts[case_id] == []


def test_checklist_metrics_from_precomputed_outputs(tmp_path, capsys):
    """`verified` and `refused` travel with precomputed outputs; a verified wrong answer is a false
    verified, a refusal never is, and passes only where a refusal is right."""
    results = bench.main(["--cases", str(FIXTURES / "request_cases.jsonl"), "--out", str(tmp_path), "--no-chart",
                          "--score-outputs", str(FIXTURES / "request_outputs.json"),
                          "--score-outputs", str(FIXTURES / "request_outputs_wrong.json"), "--backend", "template"])
    scores = {name: {c["id"]: c["scores"] for c in sets["request_cases"]} for name, sets in results["cases"].items()}
    good, wrong = scores["request_outputs"], scores["request_outputs_wrong"]
    assert [good[i]["pass"] for i in ("req_divider", "req_refuse", "req_report")] == [1.0, 1.0, 0.0]
    assert [good[i]["false_verified"] for i in ("req_divider", "req_refuse", "req_report")] == [0.0, 0.0, 1.0]
    assert good["req_divider"]["constraints_honoured"] == 1.0 and good["req_divider"]["specs_met"] == 1.0
    assert [wrong[i]["pass"] for i in ("req_divider", "req_refuse", "req_report")] == [0.0, 0.0, 1.0]
    assert wrong["req_divider"]["constraints_honoured"] == pytest.approx(5 / 6)  # R2's value alone
    assert [wrong[i]["false_verified"] for i in ("req_divider", "req_refuse", "req_report")] == [1.0, 0.0, 0.0]
    counts = results["summary"]["request_outputs"]["request_cases"]["counts"]
    assert counts == {"verified": 2, "false_verified": 1.0, "refused": 0.0, "honest_refusals": 1.0, "refuse_cases": 1}
    assert isinstance(json.loads((tmp_path / "template" / "req_divider.json").read_text())["samples"][0]["verified"],
                      bool)  # the generator's own word is recorded
    record = json.loads((tmp_path / "request_outputs_wrong" / "req_divider.json").read_text())
    failed = [v["what"] for v in record["samples"][0]["constraints"] if not v["passed"]]
    assert failed == ["element R2 (mid 0) = 2000"] and record["expect"] == "answer"
    printed = capsys.readouterr().out
    header = printed.splitlines()[0].split()
    assert {"constr", "specs", "pass", "falseV", "refused"} <= set(header)
    assert "request_outputs request_cases: said verified 2/3, false verified 1, refused 0 of the answerable, " \
           "honest refusals 1 (refuse cases: 1)" in printed


def test_a_refusal_from_the_generator_is_counted_apart(tmp_path, monkeypatch):
    from spice_lsp.generation.pipeline import CannotServe

    def refuse(self, description, **kwargs):
        raise CannotServe("no recipe for a perpetual-motion generator")
    monkeypatch.setattr(Assistant, "generate", refuse)
    results = bench.main(["--cases", str(FIXTURES / "request_cases.jsonl"), "--backend", "template",
                          "--out", str(tmp_path), "--no-chart"])
    summary = results["summary"]["template"]["request_cases"]
    assert summary["counts"]["honest_refusals"] == 2 and summary["counts"]["refused"] == 1  # report + refuse
    assert summary["overall"]["false_verified"] == 0.0 and summary["overall"]["pass"] == pytest.approx(2 / 3)
    assert summary["overall"]["time_mean"] < 1.0  # a refusal's time is recorded
