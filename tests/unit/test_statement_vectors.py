"""Statement vectors kept at ingest: fp32 whatever the documents use, each distinct sentence once."""

from __future__ import annotations

from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings

from ingest.store import Store
from tests.unit.word_embeddings import vector


class Recording(Embeddings):
    """Word-count vectors for documents; remembers every text it is asked to embed, and how."""

    def __init__(self) -> None:
        self.documents: list[str] = []
        self.precise: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents.extend(texts)
        return [vector(t) for t in texts]

    def embed_precise(self, texts: list[str]) -> list[list[float]]:
        self.precise.extend(texts)
        return [vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return vector(text)


def _store(folder: Path, embedder: Recording) -> Store:
    client = chromadb.PersistentClient(path=str(folder), settings=ChromaSettings(anonymized_telemetry=False))
    return Store(client, lambda: embedder, sidecar=folder)


def test_a_sentence_quoted_in_two_articles_is_embedded_once(tmp_path: Path) -> None:
    embedder = Recording()
    store = _store(tmp_path / "store", embedder)
    quote = "The ferry will not sail in fog, the harbour master said."
    texts = {"a": f"{quote} Storm ahead.", "b": f"Bridge news. {quote}"}
    at_b = texts["b"].index(quote)
    metas = [
        {"doc_id": "a", "start": 0, "end": len(quote)},
        {"doc_id": "b", "start": at_b, "end": at_b + len(quote)},
        {"doc_id": "a", "start": len(quote) + 1, "end": len(texts["a"])},
    ]
    store.put_statement_vectors(texts, metas)

    assert embedder.precise == [quote, "Storm ahead."]  # the quote once, for both articles
    got = store.statement_vectors([("a", 0, len(quote)), ("b", at_b, at_b + len(quote))])
    assert np.allclose(got[("a", 0, len(quote))], vector(quote))
    assert np.allclose(got[("b", at_b, at_b + len(quote))], vector(quote))


def test_statement_vectors_are_fp32_whatever_the_documents_use(tmp_path: Path) -> None:
    # int8 moved "Johnson referred to as the varsity shelling …" from 0.357 to 0.348 for "the
    # school shelling", below SPEAKER_THRESHOLD (0.35): it no longer answered
    embedder = Recording()
    store = _store(tmp_path / "store", embedder)
    store.put_statement_vectors({"a": "Fog closed the bridge."}, [{"doc_id": "a", "start": 0, "end": 22}])
    assert embedder.precise == ["Fog closed the bridge."] and embedder.documents == []
