"""The chunks' HNSW graph is searched widely enough that a question finds the same chunks in every process.

With Chroma's default ``ef_search`` (100) a store of 1,811 chunks gave one benchmark question a
different 21st-of-36 dense hit in some processes than in others (the graph of the records not yet
persisted is rebuilt at random on every start), and with it a different answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings

from ingest.store import EF_SEARCH, Store
from tests.unit.word_embeddings import WordEmbeddings


def _client(folder: Path) -> Any:
    return chromadb.PersistentClient(path=str(folder), settings=ChromaSettings(anonymized_telemetry=False))


def _ef(folder: Path) -> int:
    return int(_client(folder).get_collection("briefing-chunks").configuration["hnsw"]["ef_search"])


def test_a_new_store_searches_its_chunks_widely(tmp_path: Path) -> None:
    Store(_client(tmp_path / "store"), WordEmbeddings)
    assert _ef(tmp_path / "store") == EF_SEARCH > 100


def test_a_store_made_before_is_widened_when_opened_for_writing(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    old = _client(folder).get_or_create_collection(
        "briefing-chunks", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
    )
    old.add(ids=["a"], embeddings=[[1.0, 0.0, 0.0]])
    assert _ef(folder) == 100  # Chroma's default

    Store(_client(folder), WordEmbeddings, read_only=True)
    assert _ef(folder) == 100  # a read-only store is not written to

    store = Store(_client(folder), WordEmbeddings)
    assert _ef(folder) == EF_SEARCH
    assert [i for i, _ in store.dense_search([1.0, 0.0, 0.0], 1)] == ["a"]  # its records kept
