"""Retrieval and composition with an embedder whose scores are exact (:mod:`tests.unit.word_embeddings`)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from assistant.chain import Engine
from assistant.compose import NOT_FOUND, build_answer, sentence_picks
from assistant.models import Filters
from assistant.retrieval import IndexCache, name_terms, search
from ingest import ingest_paths
from ingest.chunking import chunk_id
from ingest.settings import Settings
from ingest.store import Store
from tests.unit.word_embeddings import WordEmbeddings, vector

ARTICLES = {
    "harbour.md": (
        "title Fog shuts the harbour\ndate 2026-03-02\noutlet Coast Wire\n\n"
        "Harbour pilot Mira Taskent said the fog had closed the harbour since dawn.\n\n"
        "Ferries waited outside."
    ),
    "bridge.md": (
        "title Bridge cables replaced\ndate 2026-03-05\noutlet Kessmark Courier\n\n"
        "Tomas Rendel said the bridge cables were replaced before the storm.\n\n"
        "The harbour road stays open."
    ),
    "ferry.md": (
        "title Ferry timetable\ndate 2026-02-20\noutlet Coast Wire\n\n"
        "The ferry timetable changes in April, the operator announced."
    ),
}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, "utf-8")
    client = chromadb.PersistentClient(
        path=str(tmp_path / "store"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    db = Store(client, WordEmbeddings)
    assert ingest_paths([folder], db).ok
    return db


def doc_of(store: Store, name: str) -> str:
    return next(r.doc_id for r in store.catalog() if r.source.endswith(name))


def _cosine_to_stored(store: Store, chunk_id: str, query: str) -> float:
    (stored,) = store.chunks.get(ids=[chunk_id], include=["embeddings"])["embeddings"]
    q, c = vector(query), [float(x) for x in stored]
    return sum(x * y for x, y in zip(q, c, strict=True)) / math.sqrt(sum(x * x for x in c))


def test_dense_score_is_the_cosine_of_the_query_and_the_chunk(store: Store) -> None:
    index = IndexCache(store).get()
    found = search(index, store, "fog harbour", k=3)
    first, second = found[0], found[1]
    assert first.metadata["doc_id"] == doc_of(store, "harbour.md")
    assert second.metadata["doc_id"] == doc_of(store, "bridge.md")
    for hit in (first, second):
        expected = _cosine_to_stored(
            store, chunk_id(hit.metadata["doc_id"], hit.metadata["start"], hit.metadata["end"]), "fog harbour"
        )
        assert hit.metadata["dense"] == pytest.approx(expected, abs=1e-5)
    # the harbour chunk's sentences say "harbour" and "fog" (3 / sqrt(10) were it embedded whole)
    assert first.metadata["dense"] > 0.85 > 0.4 > second.metadata["dense"]


def test_filters_apply_inside_retrieval_not_after(store: Store) -> None:
    index = IndexCache(store).get()
    bridge = doc_of(store, "bridge.md")
    found = search(index, store, "fog harbour", k=1, allowed=frozenset({bridge}))
    # the best chunk overall is the harbour article's; restricted, the one answer is the bridge's
    assert [d.metadata["doc_id"] for d in found] == [bridge]
    assert search(index, store, "fog harbour", k=3, allowed=frozenset()) == []


def test_names_pull_up_the_chunks_that_hold_them(store: Store) -> None:
    index = IndexCache(store).get()
    assert name_terms("What did Rendel say about the storm?", index) == {"rendel"}
    found = search(index, store, "Rendel", k=1)  # no vocabulary word: dense search cannot tell
    assert found[0].metadata["doc_id"] == doc_of(store, "bridge.md")


def test_composer_keeps_sentences_with_the_names_and_the_topic(store: Store) -> None:
    index = IndexCache(store).get()
    question = "What did Taskent say about the fog?"
    names = name_terms(question, index)
    docs = search(index, store, question, k=4, names=names)
    picks = sentence_picks(docs, index, question, names)
    text = index.texts[picks[0].doc_id]
    assert [text[p.start : p.end] for p in picks] == [
        "Harbour pilot Mira Taskent said the fog had closed the harbour since dawn."
    ]
    # the topic ("fog") is fully covered (1.0), one name matched (0.5), from the first chunk (1 / 2)
    assert picks[0].score == pytest.approx(1.0 + 0.5 + 1 / (0 + 2))
    answer = build_answer(picks, index, question=question, resolved=question, kind="search")
    assert [g.title for g in answer.groups] == ["Fog shuts the harbour"]
    assert answer.groups[0].citations == answer.citations
    assert answer.text == (
        "**Fog shuts the harbour** (Coast Wire, 2026-03-02)\n"
        "- Harbour pilot Mira Taskent said the fog had closed the harbour since dawn. [1]"
    )


def test_nothing_relevant_means_not_found_and_no_citation(store: Store) -> None:
    index = IndexCache(store).get()
    answer = build_answer([], index, question="q", resolved="q", kind="search")
    assert not answer.found and answer.text == NOT_FOUND and answer.citations == []


def test_newest_article_first_and_filters_by_date(store: Store) -> None:
    engine = Engine(store, Settings())
    answer = engine.ask("What happened at the harbour?")
    dates = [g.date for g in answer.groups]
    assert dates == sorted(dates, reverse=True) and len(dates) == 2
    early = engine.ask("What happened at the harbour?", filters=Filters.of(date_to="2026-03-03"))
    assert [g.date for g in early.groups] == ["2026-03-02"]


def test_one_read_of_the_index_per_question(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = Engine(store, Settings())
    reads = []
    real = IndexCache.get
    monkeypatch.setattr(IndexCache, "get", lambda self: reads.append(1) or real(self))
    engine.ask("What happened at the harbour?")
    assert len(reads) == 1  # retrieval and composition share one snapshot


def test_who_said_answers_from_statements_without_a_search(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assistant.chain

    monkeypatch.setattr(assistant.chain, "search", lambda *a, **k: pytest.fail("searched for nothing"))
    answer = Engine(store, Settings()).ask("Who said the cables were replaced?")
    assert answer.kind == "who" and answer.speaker == "Tomas Rendel"
    assert "bridge cables were replaced" in answer.citations[0].passage
