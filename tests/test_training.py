"""training/: the dataset builder (phrasings, checks, dedup, benchmark separation, kind split) and
the LoRA trainer (dry-run parameter count, bad input, a few steps on a tiny config-built model).

Offline and small: template pairs for a few families, no retrieval model, a tiny Llama with the
real SmolLM2 tokenizer. The reference data under ../shared is used when it is there.
"""
from __future__ import annotations

import json
import os
import random
from collections import Counter
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"  # before transformers is imported: never reach for a hub
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import pytest

from spice_lsp.generation.families import render
from spice_lsp.generation.intent import parse_intent
from training import dataset, phrasing, train
from training.common import REPO

from .conftest import DATA, SHARED

TRAINING_DATA = DATA / "training"
EXTRA = TRAINING_DATA / "extra.jsonl"  # a good pair, its near and exact duplicates, a planted case, a broken one
CASES = TRAINING_DATA / "cases.json"  # the planted benchmark case
SEED = SHARED / "seed" / "spice_clean_final.jsonl"
KINDS = ["rc_lowpass", "rc_highpass", "voltage_divider", "opamp_inverting", "cmos_inverter", "mos_common_source"]


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dataset")
    dataset.main(["--out", str(out), "--per-family", "4", "--kinds", *KINDS, "--extra", str(EXTRA),
                  "--bench-cases", str(CASES), "--no-default-cases", "--no-retrieval",
                  "--tokenizer", "whitespace", "--validation-kinds", "rc_highpass", "cmos_inverter"])
    return out


def test_stale_scaffolds_miss_one_requested_value_that_the_answer_has(built):
    from spice_lsp.generation.pipeline import numbers_in
    records = [r for r in read(built / "train.jsonl") + read(built / "validation.jsonl") if r["source"] == "template"]
    stale = [r for r in records if "scaffold:stale" in r["tags"]]
    assert stale and len(stale) < len(records)  # about half, by --stale-scaffold 0.5
    for r in records:
        if r in stale:
            assert r["scaffold"] != r["response"]
            # the answer states a number the scaffold lacks, so the model must read it from the request
            assert set(numbers_in(r["response"])) - set(numbers_in(r["scaffold"])), r["id"]
        else:
            assert r["scaffold"] == r["response"]


# --- phrasings --------------------------------------------------------------------------------

def test_units_are_written_many_ways_and_read_back():
    rng = random.Random(0)
    seen = {phrasing.spell(10e3, "ohm", rng)[0] for _ in range(300)}
    for form in ("10k", "10 k\u03a9", "10 kilohms", "10000 ohms", "ten kilohms"):
        assert form in seen, (form, sorted(seen))
    micro = {phrasing.spell(4.7e-6, "F", rng)[0] for _ in range(300)}
    assert {"4.7\u00b5F", "4.7uF", "4.7\u03bcF"} <= micro, sorted(micro)
    for text in seen | micro:
        unit = "F" if "4.7" in text else "ohm"
        value = parse_intent(f"RC low-pass filter, R={text}" if unit == "ohm" else f"RC low-pass, C={text}").values
        assert abs(value["R" if unit == "ohm" else "C"].value / (10e3 if unit == "ohm" else 4.7e-6) - 1) < 1e-9, text


def test_phrasings_round_trip_through_parse_intent():
    """Most random requests read back exactly, and every style of writing appears among them."""
    kept, tags = 0, Counter()
    for kind in phrasing.FAMILIES:
        rng = random.Random(f"test-{kind}")
        for _ in range(6):
            request = phrasing.sample_request(kind, rng)
            if phrasing.round_trip(request) is None:
                kept += 1
                tags.update(request.tags + [f"style:{request.style}"])
                intent = parse_intent(request.description)  # what round_trip promised
                assert intent.kind == kind
                assert {r: pytest.approx(v.value, rel=1e-6) for r, v in intent.values.items()} == request.values
    assert kept >= 0.9 * 6 * len(phrasing.FAMILIES)
    for tag in ("style:terse", "style:chatty", "style:spec", "style:plain", "role:name", "role:keyword",
                "value:word", "value:word_number", "value:compact", "value:symbol", "analysis:directive",
                "analysis:words", "analysis:none", "nodes"):
        assert tags[tag], tag


def test_round_trip_rejects_a_phrasing_read_otherwise():
    request = phrasing.Request("RC low-pass filter, R=2.2k", "rc_lowpass", {"R": 3.3e3}, {"R": "3.3k"}, [])
    assert "R read as 2200" in phrasing.round_trip(request)
    request = phrasing.Request("RC high-pass filter, R=2.2k", "rc_lowpass", {"R": 2.2e3}, {"R": "2.2k"}, [])
    assert "family read as rc_highpass" in phrasing.round_trip(request)


# --- the builder ------------------------------------------------------------------------------

def test_every_kept_record_is_verified_and_holds_its_inference_prompt(built):
    records = read(built / "train.jsonl") + read(built / "validation.jsonl")
    assert Counter(r["source"] for r in records) == {"template": 4 * len(KINDS), "extra:extra.jsonl": 1}
    for r in records:
        assert r["parses"] and r["simulates"], r["id"]
        assert isinstance(r["values"], dict) and len(r["hash"]) == 16 and r["kind"]
        prompt = r["prompt"]
        assert r["response"].startswith(prompt["answer_prefix"]) and prompt["answer_prefix"].endswith("\n")
        assert f"Request: {r['instruction']}\nNetlist:" in prompt["user"] and r["scaffold"].strip() in prompt["user"]
        if r["source"] == "template":  # the phrasing round-trips: the netlist is the template's for its text
            intent = parse_intent(r["instruction"])
            assert intent.kind == r["kind"] and render(intent).netlist == r["response"]
            assert r["missing_values"] == [] and r["requested"] is not None
    assert len({r["hash"] for r in records}) == len(records)
    extra = next(r for r in records if r["source"].startswith("extra"))
    assert extra["values"]["v(out)"] == pytest.approx(6.1029, rel=1e-3)  # ngspice's measured figure


def test_split_holds_out_whole_kinds(built):
    train_kinds = {r["kind"] for r in read(built / "train.jsonl")}
    validation_kinds = {r["kind"] for r in read(built / "validation.jsonl")}
    assert validation_kinds == {"rc_highpass", "cmos_inverter"}
    assert train_kinds and not train_kinds & validation_kinds


def test_random_split_draws_whole_kinds():
    pairs = [dataset.Pair("template", "", f"d{i}", "n", kind=f"k{i % 10}") for i in range(100)]
    held = dataset.split_kinds(pairs, dataset.DatasetArguments(validation_fraction=0.2))
    assert 1 <= len(held) < 10 and sum(p.kind in held for p in pairs) >= 20


def test_rejections_name_their_reason(built):
    rejected = read(built / "rejected.jsonl")
    by_reason = {r["reason"]: r for r in rejected if r["source"].startswith("extra")}
    assert "planted-01" in by_reason["benchmark-overlap"]["detail"]  # the planted case is kept out
    assert "Jaccard" in by_reason["near-duplicate"]["detail"]
    assert by_reason["duplicate"]["origin"] == "extra.jsonl:4"
    assert "R1 needs 2 nodes" in by_reason["does-not-parse"]["detail"]
    assert all(r["reason"] and r["detail"] for r in rejected)


def test_no_near_duplicates_remain(built):
    records = read(built / "train.jsonl") + read(built / "validation.jsonl")
    grams = [(r["kind"], dataset.shingles(f"{r['instruction']}\n{r['response']}")) for r in records]
    for i, (kind, a) in enumerate(grams):
        for other_kind, b in grams[i + 1:]:
            if kind == other_kind:
                assert dataset.jaccard(a, b) <= 0.9


def test_data_card_and_config(built):
    card = json.loads((built / "data_card.json").read_text())
    assert card["counts"]["train"] + card["counts"]["validation"] == 4 * len(KINDS) + 1
    assert card["per_source"]["template"]["simulates"] == 1.0
    assert set(card["rejected_by_reason"]) >= {"benchmark-overlap", "near-duplicate", "duplicate", "does-not-parse"}
    assert card["token_counts"].startswith("whitespace") and card["lengths"]["total"]["max"] > 0
    assert "Per kind" in (built / "data_card.md").read_text()
    config = json.loads((built / "dataset_config.json").read_text())
    assert config["args"]["per_family"] == 4 and config["validation_kinds"] == ["cmos_inverter", "rc_highpass"]


def test_benchmark_overlap_uses_word_spans(tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "c1", "description": "one two three four five six seven eight nine"}) + "\n")
    index = dataset.OverlapIndex([cases], 8)
    assert index.hit("Zero, ONE two three four five six seven eight!") == (
        "cases.jsonl:c1", "one two three four five six seven eight")
    assert index.hit("one two three four five six seven") is None


def test_a_short_case_is_caught_by_its_whole_description(tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"id": "short", "description": "4k7 from in to out"}) + "\n")
    index = dataset.OverlapIndex([cases], 8)
    assert index.hit("4K7 from in to out!") == ("cases.jsonl:short", "4k7 from in to out")
    assert index.hit("a 4k7 from in to out and 10n to ground") is None


def test_held_out_request_cases_never_reach_training():
    """The request and open-world cases (issues 13 and 14) are checked even with
    --no-default-cases, and every one of their descriptions, short ones included, is caught."""
    files = dataset.case_files(dataset.DatasetArguments(default_cases=False))
    assert [p.name for p in files] == ["requests.jsonl", "open_world.jsonl", "requests_v2.jsonl", "open_world_v2.jsonl",
                                      "requests_v3.jsonl", "requests_v4.jsonl", "open_world_v3.jsonl",
                                      "requests_v5.jsonl", "open_world_v4.jsonl", "requests_v6.jsonl",
                                      "open_world_v5.jsonl", "requests_v7.jsonl", "open_world_v6.jsonl",
                                      "requests_v8.jsonl", "open_world_v7.jsonl", "requests_v9.jsonl",
                                      "open_world_v8.jsonl", "requests_v10.jsonl", "open_world_v9.jsonl",
                                      "requests_v11.jsonl", "open_world_v10.jsonl",
                                      "requests_v12.jsonl", "open_world_v11.jsonl",
                                      "requests_v13.jsonl", "open_world_v12.jsonl",
                                      "requests_v14.jsonl", "open_world_v13.jsonl",
                                      "requests_v15.jsonl", "open_world_v14.jsonl",
                                      "requests_v16.jsonl", "open_world_v15.jsonl",
                                      "requests_v17.jsonl", "open_world_v16.jsonl",
                                      "requests_v18.jsonl", "open_world_v17.jsonl",
                                      "requests_v19.jsonl", "open_world_v18.jsonl",
                                      "requests_v20.jsonl", "open_world_v19.jsonl",
                                      "requests_v21.jsonl", "open_world_v20.jsonl",
                                      "requests_v22.jsonl", "open_world_v21.jsonl",
                                      "requests_v23.jsonl", "open_world_v22.jsonl",
                                      "requests_v24.jsonl", "open_world_v23.jsonl"]
    index = dataset.OverlapIndex(files, 8)
    descriptions = [(case_id, d) for path in files for case_id, d in dataset.load_cases(path)]
    assert len(descriptions) >= 150 and any(len(dataset._words(d)) < 8 for _, d in descriptions)
    assert [case_id for case_id, d in descriptions if index.hit(d) is None] == []


def test_default_case_files_include_the_reference_benchmark():
    if not (SHARED / "seed" / "test_cases.json").is_file():
        pytest.skip(f"{SHARED / 'seed' / 'test_cases.json'} is absent: "
                    "the reference benchmark is not beside this checkout")
    files = dataset.case_files(dataset.DatasetArguments())
    assert (SHARED / "seed" / "test_cases.json").resolve() in files


def test_a_corrupt_extra_line_is_one_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"instruction": "RC low-pass", "response": "t\\n.end\\n"}\n\n{"instruction": "x", "response": \n')
    with pytest.raises(SystemExit) as exit_info:
        dataset.main(["--out", str(tmp_path / "out"), "--extra", str(bad), "--per-family", "0"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert f"{bad}:3: not valid JSON" in err and "Traceback" not in err
    missing_field = tmp_path / "missing.jsonl"
    missing_field.write_text('{"instruction": "RC low-pass"}\n')
    with pytest.raises(SystemExit):
        dataset.main(["--out", str(tmp_path / "out"), "--extra", str(missing_field)])
    assert f"{missing_field}:1: the record has no string field 'response'" in capsys.readouterr().err


def test_the_dataset_never_goes_into_tracked_folders(capsys):
    with pytest.raises(SystemExit) as exit_info:
        dataset.main(["--out", str(REPO / "training" / "data-here"), "--per-family", "0"])
    assert exit_info.value.code == 2 and "not ignored by git" in capsys.readouterr().err
    assert not (REPO / "training" / "data-here").exists()


def test_reference_seed_set_is_read_and_checked(tmp_path):
    if not SEED.is_file():
        pytest.skip(f"{SEED} is absent: the reference training set is not beside this checkout, "
                    "so the seed source cannot be read")
    out = tmp_path / "seed-dataset"
    card = dataset.main(["--out", str(out), "--seed-file", str(SEED), "--seed-limit", "25", "--per-family", "0",
                         "--no-retrieval", "--tokenizer", "whitespace", "--validation-fraction", "0"])
    assert card["counts"]["read"] == {"seed": 25}
    records = read(out / "train.jsonl")
    rejected = read(out / "rejected.jsonl")
    assert len(records) + len(rejected) == 25 and records
    assert all(r["source"] == "seed" and r["parses"] for r in records)  # --require parses
    assert {r["reason"] for r in rejected} <= {"does-not-parse", "near-duplicate", "duplicate",
                                               "benchmark-overlap", "empty"}
    for r in records:  # the generator's title replaces the export's first line
        assert r["response"].split("\n", 1)[0] == r["prompt"]["answer_prefix"].rstrip("\n")


# --- the trainer ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tokenizer():
    from training.tiny import smollm2_tokenizer
    try:
        return smollm2_tokenizer()
    except Exception as error:  # noqa: BLE001 - any failure means: no tokenizer here
        pytest.skip(f"the SmolLM2 tokenizer cannot be loaded offline ({error})")


@pytest.fixture(scope="module")
def tiny_dir(tokenizer, tmp_path_factory) -> Path:
    from training.tiny import build_tiny_model
    return build_tiny_model(tmp_path_factory.mktemp("tiny-llama"), tokenizer=tokenizer)


def test_dry_run_counts_the_reference_parameters(capsys):
    config = SHARED / "qwen2-0.5b" / "config.json"
    if not config.is_file():
        pytest.skip(f"{config} is absent: Qwen2-0.5B's configuration is not beside this checkout")
    result = train.main(["--base-model", "Qwen/Qwen2-0.5B", "--dry-run"])
    assert (result["trainable"], result["total"]) == (4_399_104, 498_431_872)
    out = capsys.readouterr().out
    assert "4,399,104" in out and "498,431,872" in out and "meta device" in out


def test_long_prompts_lose_examples_then_their_start_never_the_answer(tokenizer):
    from spice_lsp.generation.assistant import template_examples
    examples = template_examples()[:3]
    intent = parse_intent("RC low-pass filter, R=2.2k, C=47n")
    netlist = render(intent).netlist
    record = {"instruction": intent.description, "response": netlist, "scaffold": netlist,
              "examples": [{"id": e.id, "description": e.description, "netlist": e.netlist, "kind": e.kind,
                            "score": 0.5} for e in examples], "prompt": {"user": ""}}
    answer = tokenizer(netlist.split("\n", 1)[1] + "<|im_end|>", add_special_tokens=False)["input_ids"]
    full, status = train.encode(record, tokenizer, 4096)
    assert status == "fits" and full["input_ids"][-len(answer):] == answer
    assert full["labels"] == [-100] * (len(full["input_ids"]) - len(answer)) + answer
    prompt_len = len(full["input_ids"]) - len(answer)
    dropped, status = train.encode(record, tokenizer, prompt_len + len(answer) - 1)
    assert status == "examples-dropped" and dropped["input_ids"][-len(answer):] == answer
    cut, status = train.encode(record, tokenizer, len(answer) + 20)
    assert status == "prompt-truncated" and len(cut["input_ids"]) == len(answer) + 20
    assert cut["labels"][-len(answer):] == answer and cut["labels"][:20] == [-100] * 20
    assert train.encode(record, tokenizer, len(answer)) == (None, "answer-too-long")


def test_training_smoke_run_saves_an_adapter_that_loads_and_generates(built, tiny_dir, tmp_path):
    out = tmp_path / "adapter"
    report = train.main(["--data", str(built), "--out", str(out), "--base-model", str(tiny_dir),
                         "--max-steps", "2", "--logging-steps", "1", "--max-eval-samples", "2", "--device", "cpu"])
    for name in ("adapter_config.json", "adapter_model.safetensors", "training_report.json", "train_config.json",
                 "loss_log.jsonl", "loss_curve.png"):
        assert (out / name).is_file(), name
    assert (out / "loss_curve.png").read_bytes()[:4] == b"\x89PNG"
    saved = json.loads((out / "training_report.json").read_text())
    assert saved == json.loads(json.dumps(report))
    assert saved["optimizer_steps"] == 2 and saved["final_train_loss"] > 0 and saved["final_validation_loss"] > 0
    assert saved["seconds_per_step"] > 0 and saved["train_samples_per_second"] > 0
    assert sum(saved["fitting"]["train"].values()) == saved["train_pairs"]
    config = json.loads((out / "train_config.json").read_text())
    assert config["dataset_sha256"] == saved["dataset_sha256"] and config["args"]["lora_r"] == 8
    logged = read(out / "loss_log.jsonl")
    assert [r["step"] for r in logged if "loss" in r] == [1, 2] and any("eval_loss" in r for r in logged)

    from spice_lsp.generation.lm import Prompt, TransformersBackend
    backend = TransformersBackend(base_model=str(tiny_dir), adapter=str(out), quantize=False, prompt_lookup=False)
    record = read(built / "validation.jsonl")[0]
    draft = backend.draft(Prompt(**record["prompt"]), max_new_tokens=4)
    assert draft.new_tokens > 0 and draft.text.startswith(record["prompt"]["answer_prefix"])


def _error(capsys, argv) -> str:
    with pytest.raises(SystemExit) as exit_info:
        train.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    return err


def test_bad_training_input_is_one_message_and_exit_2(built, tmp_path, capsys):
    missing = tmp_path / "no-such-model"
    assert "does not exist" in _error(capsys, ["--data", str(built), "--out", str(tmp_path / "a"),
                                               "--base-model", str(missing)])
    assert "no train.jsonl" in _error(capsys, ["--data", str(tmp_path / "nothing"), "--out", str(tmp_path / "a")])
    corrupt = tmp_path / "corrupt"
    corrupt.mkdir()
    lines = (built / "train.jsonl").read_text().splitlines()
    (corrupt / "train.jsonl").write_text("\n".join([lines[0], lines[1][:40], *lines[2:]]) + "\n")
    assert f"{corrupt / 'train.jsonl'}:2: not valid JSON" in _error(capsys, ["--data", str(corrupt),
                                                                            "--out", str(tmp_path / "a")])
    import torch
    if not torch.cuda.is_available():
        assert "CUDA is not available" in _error(capsys, ["--data", str(built), "--device", "cuda"])
    assert "use auto, cpu" in _error(capsys, ["--data", str(built), "--device", "tpu"])
