"""A close call against a threshold is decided on fp32 vectors, not on the int8 ones ingest stores."""

from __future__ import annotations

import math
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_core.embeddings import Embeddings

import assistant
from assistant import semantic
from ingest import ingest_paths
from ingest.store import Store

QUOTE = "The water will rise tonight"


def _towards(cosine: float) -> list[float]:
    """A unit vector whose cosine with the topic's axis is ``cosine``."""
    return [cosine, math.sqrt(1 - cosine * cosine), 0.0]


class Rounded(Embeddings):
    """The topic on one axis; the quote nearer to it in fp32 (``embed_precise``) than as stored."""

    exact = 0.52  # 0.7 * 0.52 = 0.364: answers (SPEAKER_THRESHOLD 0.35; no word of the topic in it)
    stored = 0.48  # 0.336: would not

    def _embed(self, texts: list[str], cosine: float) -> list[list[float]]:
        return [_towards(cosine) if QUOTE in t and "Harbour" not in t else [0.0, 0.0, 1.0] for t in texts]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts, self.stored)

    def embed_precise(self, texts: list[str]) -> list[list[float]]:
        return self._embed(texts, self.exact)

    def embed_query(self, text: str) -> list[float]:
        return [1.0, 0.0, 0.0] if "tides" in text else [0.0, 0.0, 1.0]


def test_a_statement_just_above_the_threshold_in_fp32_answers(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "harbour.md").write_text(
        f'---\ntitle: Harbour warning\ndate: 2026-03-05\n---\n\n"{QUOTE}," Lena Marwick said.\n', "utf-8"
    )
    client = chromadb.PersistentClient(
        path=str(tmp_path / "store"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = Store(client, Rounded, sidecar=tmp_path / "store")
    ingest_paths([folder], store)
    assert store.vectors is not None
    spans = [
        (str(m["doc_id"]), int(m["start"]), int(m["end"]))
        for m in store.statements_of([store.catalog()[0].doc_id])
    ]
    store.vectors.put(spans, [_towards(Rounded.stored)] * len(spans))  # as an int8 ingest keeps them
    assert 0.7 * Rounded.stored < semantic.SPEAKER_THRESHOLD < 0.7 * Rounded.exact

    answer = assistant.ask("What did Lena Marwick say about the tides?", store=store)

    assert [c.passage for c in answer.citations] == [f'"{QUOTE}," Lena Marwick said.']
