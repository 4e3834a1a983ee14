"""A deterministic embedder whose scores can be worked out by hand (unit tests only).

Each word of :data:`VOCABULARY` is one axis; a text's vector counts those words
and is normalised. The cosine similarity of a query and a chunk is therefore
``dot(counts) / (|q| |c|)``: e.g. "fog harbour" against a chunk holding
"harbour" twice and "fog" once is 3 / sqrt(2 * 5).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

VOCABULARY = ("harbour", "fog", "bridge", "cables", "ferry", "storm")


def vector(text: str) -> list[float]:
    """Counts of the vocabulary words in ``text``, normalised (a constant axis when none occur)."""
    words = re.findall(r"[a-z]+", text.lower())
    counts = [float(words.count(w)) for w in VOCABULARY] + [0.0]
    if not any(counts):
        counts[-1] = 1.0
    norm = math.sqrt(sum(c * c for c in counts))
    return [c / norm for c in counts]


class WordEmbeddings(Embeddings):
    """Embeddings over :data:`VOCABULARY` (see the module docstring)."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return vector(text)


def word_store(
    folder: Path, articles: dict[str, tuple[str, str, str]], embeddings: type[Embeddings] | None = None
) -> Any:
    """A real Chroma store under ``folder`` with :class:`WordEmbeddings` (or a subclass given as
    ``embeddings``), holding ``articles`` (file name: (title, date, body)) ingested."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from ingest import ingest_paths
    from ingest.store import Store

    texts = folder / "articles"
    texts.mkdir(parents=True)
    for name, (title, date, body) in articles.items():
        (texts / name).write_text(f"---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n", "utf-8")
    client = chromadb.PersistentClient(
        path=str(folder / "store"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = Store(client, embeddings or WordEmbeddings)
    ingest_paths([texts], store)
    return store
