"""The same store code against a Chroma server started on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import assistant
from ingest import Settings, ingest_paths, open_store
from tests.conftest import SEED, free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def chroma_server(tmp_path: Path):
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma run did not start")
    yield port
    proc.terminate()
    proc.wait(timeout=30)


def test_ingest_and_ask_against_a_chroma_server(chroma_server: int, tmp_path: Path) -> None:
    settings = Settings(chroma_host="127.0.0.1", chroma_port=chroma_server, store=tmp_path / "unused")
    report = ingest_paths([SEED], settings=settings)
    assert len(report.added) == 1
    again = ingest_paths([SEED], settings=settings)
    assert len(again.unchanged) == 1
    answer = assistant.ask("What did Peskov say?", settings=settings)
    assert any("very, very dangerous" in c.passage for c in answer.citations)
    assert not (tmp_path / "unused").exists()  # nothing was written locally


def test_two_concurrent_writers_on_a_chroma_server_keep_every_document(
    chroma_server: int, tmp_path: Path
) -> None:
    from tests.conftest import POLNEAR
    from tests.integration.test_cli import BRIEFING

    halves = []
    for i, (lo, hi) in enumerate([(0, 10), (10, 20)]):
        folder = tmp_path / f"half{i}"
        folder.mkdir()
        for f in sorted((POLNEAR / "text").glob("*.txt"))[lo:hi]:
            shutil.copy(f, folder / f.name)
        halves.append(folder)
    server = ["--chroma-host", "127.0.0.1", "--chroma-port", str(chroma_server)]
    procs = [
        subprocess.Popen(
            [*BRIEFING, *server, "ingest", str(h)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for h in halves
    ]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0 and out.strip().splitlines()[-1].startswith("10 added"), err
    settings = Settings(chroma_host="127.0.0.1", chroma_port=chroma_server, store=tmp_path / "unused")
    store = open_store(settings)
    docs = {r.doc_id for r in store.catalog(include_pending=True)}
    assert len(docs) == 20 and len(store.catalog()) == 20
    chunk_docs = {m["doc_id"] for m in store.chunks.get(include=["metadatas"])["metadatas"]}
    assert chunk_docs == docs  # no orphans
    assert store.leases() == {}  # both runs dropped their leases


def test_a_server_collection_past_the_sql_variable_limit(chroma_server: int, tmp_path: Path) -> None:
    # One unpaged get() of more than 32,766 records fails on a server too ("too many SQL variables").
    from ingest.store import DocRecord, open_store

    store = open_store(
        Settings(chroma_host="127.0.0.1", chroma_port=chroma_server, store=tmp_path / "unused")
    )
    ids = [f"d{i}" for i in range(33_500)]
    store.put_documents([DocRecord(d, f"/{d}.txt", d, "txt", d) for d in ids], ids)
    assert len(store.catalog()) == len(ids)
    assert store.texts(ids)["d33499"] == "d33499"
    store.delete_documents(ids[1:])
    assert [r.doc_id for r in store.catalog()] == ["d0"]
