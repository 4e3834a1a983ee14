"""A store past SQLite's 32,766-variable limit: reads are paged, so questions still answer.

Before paging, every question failed with "too many SQL variables" once one
collection held more than 32,766 records (about 2,400 real articles).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import assistant
from ingest.store import DocRecord, Store
from tests.conftest import make_fake_store

N = 33_500  # documents and statements: both collections past the limit
N_CHUNKS = 2_000  # chunks are read by the same paged code; fewer keep the test fast
SPEAKERS = 50


def _text(i: int) -> str:
    return f"Mayor Ann Brook{i % SPEAKERS} said the bridge number {i} would open in May."


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = make_fake_store(Path(tmp_path_factory.mktemp("big")) / "store")
    ids = [f"doc{i:05d}" for i in range(N)]
    texts = [_text(i) for i in range(N)]
    records = [
        DocRecord(doc_id=d, source=f"/articles/{d}.txt", title=f"Bridge {i}", kind="txt", file_sha=d)
        for i, d in enumerate(ids)
    ]
    store.put_documents(records, texts)
    store.put_chunks(
        [f"{d}:0-{len(t)}" for d, t in zip(ids[:N_CHUNKS], texts, strict=False)],
        texts[:N_CHUNKS],
        [
            {"doc_id": d, "seq": 0, "start": 0, "end": len(t)}
            for d, t in zip(ids[:N_CHUNKS], texts, strict=False)
        ],
        [[1.0, float(i % 7)] for i in range(N_CHUNKS)],
    )
    quote_start = [t.index("the bridge") for t in texts]
    store.put_statements(
        [f"{d}:s0" for d in ids],
        [t[s:] for t, s in zip(texts, quote_start, strict=True)],
        [
            {
                "doc_id": d,
                "speaker": f"Ann Brook{i % SPEAKERS}",
                "speaker_key": f"ann brook{i % SPEAKERS}",
                "surface": f"Mayor Ann Brook{i % SPEAKERS}",
                "role": "mayor",
                "cue": "said",
                "start": quote_start[i],
                "end": len(texts[i]) - 1,
                "named": True,
                "direct": False,
                "resolved_from": "",
            }
            for i, d in enumerate(ids)
        ],
    )
    store.bump()
    return store


def test_whole_collection_reads_return_every_record(big_store: Store) -> None:
    assert len(big_store.catalog()) == N
    texts = big_store.texts()
    assert len(texts) == N and texts["doc33499"] == _text(33_499)
    ids, statements = big_store.all_statements()
    assert len(ids) == len(set(ids)) == N and len(statements) == N
    chunks = big_store.chunk_spans([r.doc_id for r in big_store.catalog()])
    assert len({c[0] for c in chunks}) == len(chunks) == N_CHUNKS


def test_reads_by_a_long_list_of_ids(big_store: Store) -> None:
    wanted = [f"doc{i:05d}" for i in range(N)]
    texts = big_store.texts(wanted)
    assert len(texts) == N and texts["doc00000"] == _text(0)


def test_a_question_answers_past_the_limit(big_store: Store) -> None:
    answer = assistant.ask("What did Ann Brook7 say?", store=big_store)
    assert answer.found and answer.citations
    for c in answer.citations:
        assert int(c.doc_id[3:]) % SPEAKERS == 7  # only Ann Brook7's articles
        assert c.passage == _text(int(c.doc_id[3:]))[c.start : c.end]
    assert "670 statements" in answer.text  # 33,500 / 50: every one was read


def test_removing_documents_in_slices(tmp_path: Path) -> None:
    store = make_fake_store(tmp_path / "store")
    ids = [f"d{i}" for i in range(4_500)]  # more than two slices of ids
    store.put_documents([DocRecord(d, f"/{d}.txt", d, "txt", d) for d in ids], ids)
    metas = [{"doc_id": d, "start": 0, "end": 1} for d in ids]
    store.put_chunks([f"{d}:c" for d in ids], ids, metas, [[1.0, 0.0]] * len(ids))
    store.put_statements([f"{d}:s" for d in ids], ids, metas)
    store.delete_documents(ids[1:])
    assert [r.doc_id for r in store.catalog()] == ["d0"]
    assert [c[0] for c in store.chunk_spans(ids)] == ["d0:c"]
    assert store.all_statements()[0] == ["d0:s"]
