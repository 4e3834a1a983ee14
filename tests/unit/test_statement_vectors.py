"""Statement vectors kept at ingest: the documents' model, each distinct sentence once, with the chunks."""

from __future__ import annotations

from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings

from ingest import ingest_paths
from ingest.store import Store
from ingest.writer import pool
from tests.unit.word_embeddings import vector


class Recording(Embeddings):
    """Word-count vectors for documents; remembers every text it is asked to embed, and how."""

    def __init__(self) -> None:
        self.documents: list[str] = []
        self.precise: list[str] = []
        self.calls: list[list[str]] = []  # each embed_documents call

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents.extend(texts)
        self.calls.append(list(texts))
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

    assert embedder.documents == [quote, "Storm ahead."]  # the quote once, for both articles
    got = store.statement_vectors([("a", 0, len(quote)), ("b", at_b, at_b + len(quote))])
    assert np.allclose(got[("a", 0, len(quote))], vector(quote))
    assert np.allclose(got[("b", at_b, at_b + len(quote))], vector(quote))


def test_ingest_embeds_each_sentence_once_and_pools_the_chunks_from_them(tmp_path: Path) -> None:
    # one set of length-sorted batches keeps every core busy; a statement's sentence is not
    # embedded a second time inside its chunk (the documents' model for both: fp32 statements
    # cost twice the time of the int8 ones on polnear-dev)
    folder = tmp_path / "articles"
    folder.mkdir()
    quote = "The ferry will not sail in fog until Friday."
    said = f'"{quote}" harbour master Lena Marwick said on Tuesday.'
    body = f"{said}\n\nThe storm closed the bridge. Buses replace it.\n"
    (folder / "ferry.md").write_text(f"# Ferry stays in port\n\n{body}", "utf-8")
    embedder = Recording()
    store = _store(tmp_path / "store", embedder)

    report = ingest_paths([folder], store)

    assert report.ok and report.added[0].statements >= 1
    assert embedder.precise == [] and len(embedder.calls) == 1
    parts = ["# Ferry stays in port", said, "The storm closed the bridge.", "Buses replace it."]
    assert sorted(embedder.documents) == sorted(parts)  # no chunk whole, no sentence twice
    (doc_id,) = {r.doc_id for r in store.catalog()}
    spans = [
        (doc_id, int(m["start"]), int(m["end"]))
        for m in store.statements.get(include=["metadatas"])["metadatas"]
    ]
    got = store.statement_vectors(spans)
    assert len(got) == len(spans) and any(np.allclose(v, vector(said)) for v in got.values())
    (chunk,) = store.chunks.get(include=["embeddings"])["embeddings"]
    assert np.allclose(chunk, pool(parts, [vector(t) for t in parts]), atol=1e-6)


def test_the_vectors_of_every_statement_are_read_as_one_matrix_in_order(tmp_path: Path) -> None:
    # what "who said …?" reads to find the statements nearest in meaning, at 160,000 statements
    store = _store(tmp_path / "store", Recording())
    texts = {"a": "The ferry is late. The bridge is shut.", "b": "Fog in the strait."}
    metas = [{"doc_id": "a", "start": 0, "end": 18}, {"doc_id": "b", "start": 0, "end": 18}]
    store.put_statement_vectors(texts, metas)
    spans = [("b", 0, 18), ("a", 19, 38), ("a", 0, 18), ("b", 0, 18)]  # one not stored, one twice

    matrix, found = store.statement_matrix(spans)

    assert found.tolist() == [True, False, True, True]
    assert np.allclose(matrix[0], vector("Fog in the strait.")) and np.allclose(matrix[3], matrix[0])
    assert np.allclose(matrix[2], vector("The ferry is late.")) and not matrix[1].any()
    empty, none = _store(tmp_path / "other", Recording()).statement_matrix(spans)
    assert empty is None and not none.any()
