"""Retrieval over the example corpus: all-MiniLM-L6-v2 (offline package) + a cached FAISS index."""
import pytest

from spice_lsp.generation.assistant import template_examples
from spice_lsp.generation.retrieval import Example, Retriever, load_examples


@pytest.fixture(scope="module")
def retriever(tmp_path_factory):
    return Retriever(template_examples(), cache_dir=tmp_path_factory.mktemp("cache"))


@pytest.mark.parametrize("query, kind", [
    ("common-source NMOS amplifier with a 10k drain resistor", "mos_common_source"),
    ("bridge rectifier for 60 Hz mains", "full_wave_rectifier"),
    ("step-down switching regulator", "buck_converter"),
    ("Wheatstone bridge pressure sensor", "wheatstone_bridge"),
])
def test_top_example_is_the_right_family(retriever, query, kind):
    results = retriever.search(query, 3)
    assert len(results) == 3 and results[0][0].kind == kind
    assert results[0][1] >= results[1][1] >= results[2][1]


def test_index_is_built_once_and_cached(retriever):
    retriever.search("RC low-pass", 1)
    cached = list(retriever.cache_dir.glob("*.faiss"))
    assert [p.stem for p in cached] == [retriever.corpus_hash()]
    again = Retriever(template_examples(), cache_dir=retriever.cache_dir.parent)
    again._embedder = retriever._embedder  # reuse the loaded model; the index comes from disk
    assert again.search("RC low-pass", 1)[0][0].kind == "rc_lowpass"


def test_corpus_files_report_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"instruction": "RC", "response": "t\\n.end"}\n\nnot json\n')
    with pytest.raises(ValueError, match="corpus.jsonl:3"):
        load_examples(path)
    path.write_text('{"instruction": "RC", "response": "t\\n.end"}\n')
    assert load_examples(path) == [Example("corpus-1", "RC", "t\n.end", "")]
    with pytest.raises(ValueError, match="empty"):
        Retriever([])


def test_concurrent_model_loads_never_meet(tmp_path):
    """Two embedders and two language models (the real SmolLM2) loaded at once in four threads,
    as a completion's model job and a Generate command did: without one load at a time, a
    model built meanwhile got meta tensors ("Cannot copy out of meta tensor")."""
    import threading

    from spice_lsp.generation.lm import TransformersBackend
    failures: list[str] = []

    def load(make) -> None:
        try:
            make()
        except Exception as error:
            failures.append(repr(error))
    makers = [lambda: Retriever([Example("a", "RC low-pass", "t\n.end\n")], cache_dir=tmp_path)._embedder(),
              lambda: TransformersBackend().load()] * 2
    threads = [threading.Thread(target=load, args=(make,)) for make in makers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
