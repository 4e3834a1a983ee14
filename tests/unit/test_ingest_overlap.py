"""Ingest embeds the next group of articles while it writes the previous one, and still reports each file."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings

from ingest import ingest_paths
from ingest.pipeline import _GROUP
from ingest.store import Store
from tests.unit.word_embeddings import vector


class Counting(Embeddings):
    """Word-count vectors; an event per embedding call, set when the call starts."""

    def __init__(self) -> None:
        self.started = [threading.Event() for _ in range(8)]
        self.calls = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.started[self.calls].set()
        self.calls += 1
        return [vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return vector(text)


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:02d}.md").write_text(
            f'# Harbour note {i}\n\n"The ferry {i} waits for the fog to lift," Lena Marwick said.\n', "utf-8"
        )
    return folder


def test_the_next_group_is_embedded_while_the_previous_one_is_written(tmp_path: Path) -> None:
    embedder = Counting()
    client = chromadb.PersistentClient(
        path=str(tmp_path / "store"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = Store(client, lambda: embedder, sidecar=tmp_path / "store")
    seen_while_writing: list[bool] = []
    put_documents = store.put_documents

    def slow_put_documents(records: Any, texts: Any) -> None:
        if not seen_while_writing:  # the first group: has the second one's embedding begun meanwhile?
            seen_while_writing.append(embedder.started[1].wait(timeout=20))
        put_documents(records, texts)

    store.put_documents = slow_put_documents  # type: ignore[method-assign]
    folder = _articles(tmp_path / "articles", _GROUP + 3)

    report = ingest_paths([folder], store)

    assert seen_while_writing == [True]
    assert report.ok and len(report.added) == _GROUP + 3
    assert len(store.catalog()) == _GROUP + 3 and all(f.statements == 1 for f in report.added)
