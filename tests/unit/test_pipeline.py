"""Ingest is idempotent, replaces changed files, survives a crash, and reports bad files by name."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from ingest import ingest_paths, remove_documents
from ingest.store import Store
from tests.conftest import EXAMPLES, make_fake_store


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a reader can see, for comparing two stores (not which run wrote a chunk)."""
    docs = store.documents.get(include=["metadatas", "documents"])
    chunks = store.chunks.get(include=["metadatas", "documents", "embeddings"])
    statements = store.statements.get(include=["metadatas", "documents"])
    return {
        "docs": sorted(
            zip(docs["ids"], docs["documents"], [sorted(m.items()) for m in docs["metadatas"]], strict=True)
        ),
        "chunks": sorted(
            zip(
                chunks["ids"],
                chunks["documents"],
                [sorted((k, v) for k, v in m.items() if k != "run") for m in chunks["metadatas"]],
                [round(float(e[0]), 5) for e in chunks["embeddings"]],
                strict=True,
            )
        ),
        "statements": sorted(zip(statements["ids"], statements["documents"], strict=True)),
    }


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_reingest_is_a_no_op(fake_store: Store, articles: Path) -> None:
    first = ingest_paths([articles], fake_store)
    assert len(first.added) == 8 and first.ok
    generation, before = fake_store.generation(), snapshot(fake_store)
    again = ingest_paths([articles], fake_store)
    assert len(again.unchanged) == 8 and not again.added and not again.updated
    assert fake_store.generation() == generation  # nothing was written
    assert snapshot(fake_store) == before


def test_modified_file_replaces_its_chunks(fake_store: Store, articles: Path) -> None:
    ingest_paths([articles], fake_store)
    target = articles / "03-ferry-incident.md"
    old_doc = next(r.doc_id for r in fake_store.catalog() if r.source == str(target.resolve()))
    target.write_text(target.read_text("utf-8").replace("fifty metres", "thirty metres"), "utf-8")
    report = ingest_paths([articles], fake_store)
    assert [Path(r.path).name for r in report.updated] == ["03-ferry-incident.md"]
    assert len(report.unchanged) == 7
    docs = [r for r in fake_store.catalog() if r.source == str(target.resolve())]
    assert len(docs) == 1 and docs[0].doc_id != old_doc
    assert fake_store.chunks.get(where={"doc_id": old_doc})["ids"] == []
    text = fake_store.texts([docs[0].doc_id])[docs[0].doc_id]
    texts = [text[a:b] for _, _, a, b in fake_store.chunk_spans([docs[0].doc_id])]
    assert any("thirty metres" in t for t in texts) and not any("fifty metres" in t for t in texts)
    # the store equals a clean ingest of the new files
    clean = make_fake_store(articles.parent / "clean")
    ingest_paths([articles], clean)
    assert snapshot(clean) == snapshot(fake_store)


def test_crash_mid_write_then_rerun_equals_clean_run(
    tmp_path: Path, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_fake_store(tmp_path / "crashed")
    calls = {"n": 0}
    real_set_status = Store.set_status

    def dying_set_status(self: Store, records: Any, status: str) -> None:
        calls["n"] += 1
        raise KeyboardInterrupt("killed after chunks were written, before the commit")

    monkeypatch.setattr(Store, "set_status", dying_set_status)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([articles], store)
    monkeypatch.setattr(Store, "set_status", real_set_status)
    assert store.catalog() == []  # pending documents are invisible to readers
    assert store.chunks.count() > 0  # ... although their chunks were written
    report = ingest_paths([articles], store)
    assert len(report.added) == 8
    clean = make_fake_store(tmp_path / "clean")
    ingest_paths([articles], clean)
    assert snapshot(store) == snapshot(clean)


def test_bad_files_are_reported_and_the_rest_ingested(fake_store: Store, articles: Path) -> None:
    ingest_paths([articles], fake_store)
    before = snapshot(fake_store)
    (articles / "empty.txt").write_bytes(b"")
    (articles / "latin1.txt").write_bytes("Caf\u00e9".encode("latin-1"))
    (articles / "notes.xyz").write_text("x")
    report = ingest_paths([articles, articles / "missing.md", articles / "notes.xyz"], fake_store)
    reasons = {Path(r.path).name: r.reason for r in report.failed}
    assert reasons == {
        "empty.txt": "is empty",
        "latin1.txt": "is not valid UTF-8 (bad byte 0xe9 at offset 3); save it as UTF-8 and ingest again",
        "missing.md": "no such file or folder",
        "notes.xyz": "unsupported file type '.xyz' (supported: .txt, .md, .markdown, .html, .htm, .pdf, .docx)",
    }
    assert [Path(r.path).name for r in report.skipped] == [
        "notes.xyz"
    ]  # inside a folder: skipped, not failed
    assert len(report.unchanged) == 8 and not report.ok
    assert snapshot(fake_store) == before


def test_prune_and_remove(fake_store: Store, articles: Path) -> None:
    ingest_paths([articles], fake_store)
    (articles / "08-what-comes-next.md").unlink()
    report = ingest_paths([articles], fake_store, prune=True)
    assert [Path(r.path).name for r in report.removed] == ["08-what-comes-next.md"]
    assert len(fake_store.catalog()) == 7
    removed = remove_documents([str(articles / "01-halden-bridge-closed.md")], fake_store)
    assert len(removed) == 1 and len(fake_store.catalog()) == 6
    assert fake_store.chunks.get(where={"doc_id": removed[0].doc_id})["ids"] == []


def test_same_text_at_two_paths_is_stored_once(fake_store: Store, articles: Path) -> None:
    shutil.copy(articles / "02-accord-urges-restraint.md", articles / "copy.md")
    report = ingest_paths([articles], fake_store)
    assert len(report.added) == 8
    dup = next(r for r in report.unchanged)
    assert dup.reason.startswith("same text as")
