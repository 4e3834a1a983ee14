"""The index persisted beside the store: loaded after a restart, updated by an ingest, rebuilt when damaged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from assistant.chain import Engine
from assistant.snapshot import folder
from ingest import ingest_paths
from ingest.settings import Settings
from ingest.store import Store
from tests.unit.word_embeddings import WordEmbeddings

HARBOUR = (
    "title Fog shuts the harbour\ndate 2026-03-02\noutlet Coast Wire\n\n"
    "Harbour pilot Mira Taskent said the fog had closed the harbour since dawn.\n\n"
    "Ferries waited outside."
)
BRIDGE = (
    "title Bridge cables replaced\ndate 2026-03-05\noutlet Kessmark Courier\n\n"
    "Tomas Rendel said the bridge cables were replaced before the storm.\n\n"
    "The harbour road stays open."
)


def open_at(path: Path) -> Store:
    """A new Store object on the folder, as a restarted process opens it."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    return Store(client, WordEmbeddings, label=str(path), folder=path, sidecar=path)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    out = tmp_path / "articles"
    out.mkdir()
    (out / "harbour.md").write_text(HARBOUR, "utf-8")
    return out


def ingested(tmp_path: Path, articles: Path) -> Path:
    path = tmp_path / "store"
    assert ingest_paths([articles], open_at(path)).ok
    return path


def answer_of(engine: Engine, question: str) -> str:
    return engine.ask(question).text


def test_a_restart_loads_the_saved_index(tmp_path: Path, articles: Path) -> None:
    path = ingested(tmp_path, articles)
    first = Engine(open_at(path), Settings())
    assert "fog had closed the harbour" in answer_of(first, "What did Mira Taskent say?")
    assert first.cache.stats == {"loaded": 0, "updated": 0, "built": 1}
    again = Engine(open_at(path), Settings())  # a restart
    assert "fog had closed the harbour" in answer_of(again, "What did Mira Taskent say?")
    assert again.cache.stats == {"loaded": 1, "updated": 0, "built": 0}


def test_an_ingest_updates_the_index_and_old_statements_still_answer(tmp_path: Path, articles: Path) -> None:
    path = ingested(tmp_path, articles)
    engine = Engine(open_at(path), Settings())
    answer_of(engine, "What did Mira Taskent say?")
    (articles / "bridge.md").write_text(BRIDGE, "utf-8")
    assert ingest_paths([articles], open_at(path)).ok  # another writer (a CLI ingest)
    assert "bridge cables were replaced" in answer_of(engine, "What did Tomas Rendel say?")
    assert "fog had closed the harbour" in answer_of(engine, "What did Mira Taskent say?")
    assert "bridge cables" in answer_of(engine, "What happened to the bridge cables?")
    assert engine.cache.stats == {"loaded": 0, "updated": 1, "built": 1}
    restarted = Engine(open_at(path), Settings())
    assert "bridge cables were replaced" in answer_of(restarted, "What did Tomas Rendel say?")
    assert restarted.cache.stats["built"] == 0


def test_a_removed_article_leaves_the_index(tmp_path: Path, articles: Path) -> None:
    (articles / "bridge.md").write_text(BRIDGE, "utf-8")
    path = ingested(tmp_path, articles)
    engine = Engine(open_at(path), Settings())
    assert "bridge cables were replaced" in answer_of(engine, "What did Tomas Rendel say?")
    (articles / "bridge.md").unlink()
    assert ingest_paths([articles], open_at(path), prune=True).ok
    assert "bridge cables were replaced" not in answer_of(engine, "What did Tomas Rendel say?")
    assert "fog had closed the harbour" in answer_of(engine, "What did Mira Taskent say?")
    assert engine.cache.stats["updated"] == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "missing"])
def test_a_damaged_or_missing_index_is_rebuilt_with_a_log_line(
    tmp_path: Path, articles: Path, damage: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = ingested(tmp_path, articles)
    Engine(open_at(path), Settings()).ask("What did Mira Taskent say?")
    [saved] = list((path / "index").glob("*.pkl"))
    if damage == "garbage":
        saved.write_bytes(b"not an index")
    elif damage == "truncated":
        saved.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    else:
        saved.unlink()
    caplog.set_level(logging.INFO, logger="assistant.snapshot")
    engine = Engine(open_at(path), Settings())
    assert "fog had closed the harbour" in answer_of(engine, "What did Mira Taskent say?")
    assert engine.cache.stats == {"loaded": 0, "updated": 0, "built": 1}
    expected = "building the index" if damage == "missing" else "unusable"
    assert expected in caplog.text
    assert len(list((path / "index").glob("*.pkl"))) == 1  # saved again


def test_a_store_without_a_folder_keeps_its_index_in_memory(tmp_path: Path, articles: Path) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(
        path=str(tmp_path / "s"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    store = Store(client, WordEmbeddings)  # as on a Chroma server
    assert ingest_paths([articles], store).ok
    assert folder(store) is None
    assert "fog had closed the harbour" in answer_of(Engine(store, Settings()), "What did Mira Taskent say?")


def test_an_updated_index_equals_one_built_from_scratch(tmp_path: Path, articles: Path) -> None:
    from assistant.retrieval import IndexCache, terms
    from assistant.semantic import coverages
    from assistant.snapshot import update

    path = ingested(tmp_path, articles)
    cache = IndexCache(open_at(path))
    cache.get()
    (articles / "bridge.md").write_text(BRIDGE, "utf-8")
    (articles / "harbour.md").unlink()
    (articles / "storm.md").write_text(
        BRIDGE.replace("Bridge cables", "Storm gates").replace("bridge", "gate"), "utf-8"
    )
    assert ingest_paths([articles], open_at(path), prune=True).ok
    updated, scratch = cache.get(), update(open_at(path), None)
    assert cache.stats["updated"] == 1
    assert updated.statements == scratch.statements and updated.speakers == scratch.speakers
    for query in (["harbour"], ["bridge", "cable"], ["storm", "gate", "open"]):
        by_id = [
            {c.id: float(s) for c, s in zip(index.chunks, index.postings.scores(query), strict=True)}
            for index in (updated, scratch)
        ]
        assert by_id[0] == pytest.approx(by_id[1])
        wanted = terms(" ".join(query))
        assert coverages(updated, wanted).tolist() == pytest.approx(coverages(scratch, wanted).tolist())
    assert "fog" not in updated.idf  # the removed article's words are gone
