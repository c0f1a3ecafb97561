"""The shipped netlist corpus (built by training/corpus.py): complete entries, licences in NOTICE,
a sample that parses and simulates, and retrieval over the templates and the corpus together."""
import gzip
import hashlib
import json
import random
import re
from collections import Counter

import numpy as np
import pytest

from spice_lsp.generation.assistant import template_examples
from spice_lsp.generation.retrieval import (
    CORPUS_FILE,
    CORPUS_VECTORS,
    Retriever,
    corpus_entries,
    corpus_examples,
    corpus_vectors,
)
from spice_lsp.language.diagnostics import Severity
from spice_lsp.language.parser import parse
from spice_lsp.ngspice import runner

NOTICE = CORPUS_FILE.with_name("NOTICE")
ANALYSIS_HEADERS = {"ac": "AC Analysis", "tran": "Transient Analysis"}


@pytest.fixture(scope="module")
def entries():
    with gzip.open(CORPUS_FILE, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_the_data_file_is_small_and_holds_a_thousand_entries(entries):
    assert CORPUS_FILE.stat().st_size < 10_000_000
    assert len(entries) >= 1000
    assert len({e["id"] for e in entries}) == len(entries)


def test_every_entry_has_its_source_licence_description_and_checks(entries):
    for entry in entries:
        assert all(isinstance(entry["source"][k], str) and entry["source"][k]
                   for k in ("repository", "path", "commit")), entry["id"]
        assert entry["licence"] and entry["description"].strip() and entry["netlist"].strip(), entry["id"]
        assert entry["checks"]["analyses_ran"], entry["id"]
        assert entry["netlist"].rstrip().lower().endswith(".end"), entry["id"]


def test_decks_need_no_control_block_include_or_file(entries):
    for entry in entries:
        text = entry["netlist"].lower()
        assert not re.search(r"^\s*\.(control|inc|lib)", text, re.M), entry["id"]
        assert not re.search(r"\bfile\s*=", text), entry["id"]
        assert not runner.check_safety(entry["netlist"], None, []), entry["id"]


def test_notice_names_every_licence_used(entries):
    notice = NOTICE.read_text(encoding="utf-8").lower().replace("-", " ")
    for licence in {e["licence"] for e in entries}:
        assert licence.lower().replace("-", " ") in notice, licence
    assert "permission is hereby granted" in notice  # the MIT text itself
    assert "redistribution and use in source and binary forms" in notice  # the BSD text itself


def test_a_sample_parses_and_simulates(entries):
    by_source = {}
    for entry in entries:
        by_source.setdefault(entry["id"].split("-")[0], []).append(entry)
    rng = random.Random(14)
    sample = [e for group in by_source.values() for e in rng.sample(group, min(10, len(group)))]
    assert len(sample) >= 20
    for entry in sample:
        errors = [d for d in parse(entry["netlist"]).diagnostics if d.severity == Severity.ERROR]
        assert not errors, (entry["id"], errors)
        result = runner.run(entry["netlist"], timeout=30)
        assert result.ok, (entry["id"], result.errors, result.refused, result.timed_out)
        for analysis in entry["checks"]["analyses_ran"]:
            if analysis in ANALYSIS_HEADERS:
                assert ANALYSIS_HEADERS[analysis] in result.output, (entry["id"], analysis)


def test_corpus_examples_and_shipped_vectors_match_the_data_file(entries):
    examples = corpus_examples()
    assert [e.id for e in examples] == [e["id"] for e in entries]
    assert {e.kind for e in examples} == {"corpus"}
    assert corpus_entries()[entries[0]["id"]]["licence"] == entries[0]["licence"]
    with np.load(CORPUS_VECTORS) as shipped:
        assert str(shipped["data_sha256"]) == hashlib.sha256(CORPUS_FILE.read_bytes()).hexdigest()
        assert shipped["vectors"].shape == (len(entries), 384) and shipped["vectors"].dtype == np.float16
    vectors = corpus_vectors()
    assert len(vectors) == len({e.description for e in examples})
    assert all(abs(np.linalg.norm(v) - 1) < 0.01 for v in list(vectors.values())[:50])  # normalised


def test_vectors_of_another_data_file_are_not_used(tmp_path):
    other = tmp_path / "corpus.jsonl.gz"
    other.write_bytes(gzip.compress(gzip.decompress(CORPUS_FILE.read_bytes())[:2000].rsplit(b"\n", 1)[0] + b"\n"))
    assert corpus_vectors(other, CORPUS_VECTORS) == {}


def test_retrieval_over_templates_and_corpus_embeds_only_the_templates(tmp_path):
    templates, corpus = template_examples(), corpus_examples()
    retriever = Retriever(templates + corpus, cache_dir=tmp_path, known_vectors=corpus_vectors())
    embedded = Counter()
    embed = retriever.embed
    retriever.embed = lambda texts: embedded.update(texts) or embed(texts)
    retriever.index()
    assert set(embedded) == {e.description for e in templates}
    # a circuit only the corpus has (a bandgap reference is a family since the bandgap record)
    found = retriever.search("switched-capacitor sampler from a published paper with NMOS switches", 3)
    assert found[0][0].kind == "corpus" and "switched-capacitor sampler" in found[0][0].description
    found = retriever.search("common-source NMOS amplifier with a 10k drain resistor", 1)
    assert found[0][0].kind == "mos_common_source"
