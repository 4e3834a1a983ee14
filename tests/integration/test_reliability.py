"""Never lose a document: concurrent writers, kill -9 mid-update, a folder of bad files, a zip bomb.

Real components: the ``briefing`` command in subprocesses, Chroma on disk, the
real embedder. Bounded: 20 PolNeAR articles per writer.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import bad_inputs
from tests.conftest import POLNEAR, make_fake_store
from tests.integration.test_cli import BRIEFING, run
from tests.unit.test_pipeline import snapshot

pytestmark = pytest.mark.slow
HALF = 20


def _corpus(folder: Path, lo: int, hi: int) -> Path:
    folder.mkdir(parents=True)
    for f in sorted((POLNEAR / "text").glob("*.txt"))[lo:hi]:
        shutil.copy(f, folder / f.name)
    return folder


def _orphans(store_path: Path) -> tuple[set[str], int, int]:
    """The complete doc ids, and how many chunks and statements belong to no complete document."""
    store = make_fake_store(store_path)
    docs = {r.doc_id for r in store.catalog()}
    assert len(docs) == len(store.catalog(include_pending=True)), "pending documents left behind"
    chunk_docs = [m["doc_id"] for m in store.chunks.get(include=["metadatas"])["metadatas"]]
    statement_docs = [m["doc_id"] for m in store.statements.get(include=["metadatas"])["metadatas"]]
    return docs, sum(d not in docs for d in chunk_docs), sum(d not in docs for d in statement_docs)


def test_two_concurrent_cli_ingests_keep_every_document(tmp_path: Path) -> None:
    a = _corpus(tmp_path / "a", 0, HALF)
    b = _corpus(tmp_path / "b", HALF, 2 * HALF)
    store = tmp_path / "store"
    run(store, "documents")  # create the store first, as a user's existing store would be
    procs = [
        subprocess.Popen(
            [*BRIEFING, "--store", str(store), "ingest", str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for folder in (a, b)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert out.strip().splitlines()[-1].startswith(f"{HALF} added"), out
    docs, chunk_orphans, statement_orphans = _orphans(store)
    assert len(docs) == 2 * HALF
    assert (chunk_orphans, statement_orphans) == (0, 0)
    assert "40 documents" in run(store, "documents").stdout
    answer = json.loads(run(store, "ask", "What did Trump say?", "--json").stdout)
    assert answer["citations"]


def test_two_concurrent_uploads_through_the_service_keep_every_document(tmp_path: Path) -> None:
    from assistant.service import Service
    from ingest import Settings

    halves = [_corpus(tmp_path / "a", 0, HALF // 2), _corpus(tmp_path / "b", HALF // 2, HALF)]
    service = Service(Settings(store=tmp_path / "store"))
    service.engine  # noqa: B018 -- as `briefing serve` does before it listens
    results: list = [None, None]

    def upload(i: int) -> None:
        results[i] = service.upload(sorted(halves[i].iterdir()))

    threads = [threading.Thread(target=upload, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    for r in results:
        assert r is not None and r.report is not None and len(r.report.added) == HALF // 2
    docs, chunk_orphans, statement_orphans = _orphans(tmp_path / "store")
    assert len(docs) == HALF and (chunk_orphans, statement_orphans) == (0, 0)
    # the chat lists uploads by the names the user gave them
    names = {r.name for r in service.catalog()}
    assert names == {f.name for h in halves for f in h.iterdir()}


def _kill_after_first_line(store: Path, *args: str) -> None:
    proc = subprocess.Popen(
        [*BRIEFING, "--store", str(store), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # the first group is committed, the next one is being written
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert first, "the run ended before it could be killed"


def test_kill_minus_9_during_an_update_then_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", 0, HALF)
    store = tmp_path / "killed"
    run(store, "ingest", str(corpus))
    for f in corpus.iterdir():  # every file edited: the next run updates all of them
        f.write_text(f.read_text("utf-8") + "\n\nThe spokesman declined to comment further.\n", "utf-8")
    _kill_after_first_line(store, "ingest", "-v", str(corpus))
    rerun = run(store, "ingest", str(corpus))
    assert "0 failed" in rerun.stdout
    clean = tmp_path / "clean"
    run(clean, "ingest", str(corpus))
    a, b = snapshot(make_fake_store(store)), snapshot(make_fake_store(clean))
    for part in ("docs", "chunks", "statements"):
        assert a[part] == b[part], part
    assert (
        run(store, "ingest", str(corpus)).stdout.strip().startswith(f"0 added, 0 updated, {HALF} unchanged")
    )


def test_mixed_folder_every_good_file_stored_every_bad_one_named(tmp_path: Path) -> None:
    good, bad = bad_inputs.write_mixed_folder(tmp_path / "mixed")
    store = tmp_path / "store"
    proc = run(store, "ingest", str(tmp_path / "mixed"), check=False)
    assert proc.returncode == 1
    for name, reason in bad.items():
        assert any(name in line and reason in line for line in proc.stderr.splitlines()), (name, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert (
        proc.stdout.strip().splitlines()[-1]
        == f"{len(good)} added, 0 updated, 0 unchanged, 0 removed, 0 skipped, {len(bad)} failed"
    )
    listed = run(store, "documents", "--json").stdout
    assert sorted(Path(d["source"]).name for d in json.loads(listed)) == sorted(good)


_BOMB_PROBE = """
import resource, sys, time
from pathlib import Path
from ingest.errors import LoadError
from ingest.loaders import load_bytes
data = Path(sys.argv[1]).read_bytes()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
try:
    load_bytes(data, Path("bomb.docx"))
    print("accepted")
except LoadError as e:
    took = time.perf_counter() - start
    grew = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"refused {took:.3f} {grew:.1f} {e}")
"""


def test_zip_bomb_refused_within_2_s_and_200_mb(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(bad_inputs.bomb_docx(1000))  # 1 GB of text in about 1 MB
    out = subprocess.run(
        [sys.executable, "-c", _BOMB_PROBE, str(bomb)], capture_output=True, text=True, timeout=120
    ).stdout.split(maxsplit=3)
    assert out[0] == "refused", out
    # the acceptance bound (the bomb used to take 138 s and 3.1 GB), not a benchmark
    seconds, grew_mb = float(out[1]), float(out[2])
    assert seconds < 2 and grew_mb < 200, out
    assert "zip bomb" in out[3]


def test_chat_login_with_the_throttled_check(tmp_path: Path, real_embeddings: object) -> None:
    import httpx

    from assistant.auth import ThrottledLogin
    from assistant.service import Service
    from assistant.ui import launch
    from ingest import Settings
    from tests.conftest import free_port

    store = make_fake_store(tmp_path / "store")
    port = free_port()
    app = launch(
        Service(Settings(store=tmp_path / "store"), store),
        host="127.0.0.1",
        port=port,
        auth=ThrottledLogin("ana", "s3cret", delay_s=0.2).check,
        block=False,
    )
    try:
        url = f"http://127.0.0.1:{port}/login"
        wrong = httpx.post(url, data={"username": "ana", "password": "guess"}, timeout=30)
        right = httpx.post(url, data={"username": "ana", "password": "s3cret"}, timeout=30)
        assert (wrong.status_code, right.status_code) == (400, 200)
        assert httpx.get(f"http://127.0.0.1:{port}/config", timeout=30).status_code == 401
    finally:
        app.close()


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount a small disk or a read-only view for a test (root only; skipped where mounting is denied)."""
    points: list[Path] = []

    def mount(*args: str) -> Path:
        point = tmp_path / f"mount{len(points)}"
        point.mkdir()
        proc = subprocess.run(["mount", *args, str(point)], capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"cannot mount here: {proc.stderr.strip()}")
        points.append(point)
        return point

    yield mount
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def test_full_disk_is_a_named_error_and_keeps_what_was_added(
    tmp_path: Path, mounted: Callable[..., Path]
) -> None:
    disk = mounted("-t", "tmpfs", "-o", "size=6m", "tmpfs")
    proc = run(disk / "store", "ingest", "-v", str(POLNEAR / "text"), check=False)
    assert proc.returncode == 1
    assert f"Error: the disk holding {disk / 'store'} is full" in proc.stderr
    assert "Traceback" not in proc.stderr
    added = [line for line in proc.stdout.splitlines() if line.startswith("added:")]
    assert f"{len(added)} documents" in run(disk / "store", "documents").stdout


def test_read_only_store_can_be_searched_not_written(tmp_path: Path, mounted: Callable[..., Path]) -> None:
    from tests.conftest import SEED

    run(tmp_path / "store", "ingest", str(SEED))
    view = mounted("--bind", "-o", "ro", str(tmp_path / "store"))
    answer = json.loads(run(view, "ask", "What did Peskov say?", "--json").stdout)
    assert any("very, very dangerous" in c["passage"] for c in answer["citations"])
    proc = run(view, "ingest", str(SEED), check=False)
    assert proc.returncode == 1 and f"{view} is read-only: it can be searched, not written to" in proc.stderr


def test_a_read_only_store_made_before_is_searched_widely_through_its_copy(
    tmp_path: Path, mounted: Callable[..., Path]
) -> None:
    # the chunks' wider HNSW search (EF_SEARCH) reaches a store that cannot be written
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from ingest.settings import Settings
    from ingest.store import EF_SEARCH, open_store
    from tests.conftest import SEED

    run(tmp_path / "store", "ingest", str(SEED))
    client = chromadb.PersistentClient(
        path=str(tmp_path / "store"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    client.get_collection("briefing-chunks").modify(configuration={"hnsw": {"ef_search": 100}})  # as before
    view = mounted("--bind", "-o", "ro", str(tmp_path / "store"))

    store = open_store(Settings().with_store(view))

    assert store.read_only
    assert store.chunks.configuration["hnsw"]["ef_search"] == EF_SEARCH
    assert client.get_collection("briefing-chunks").configuration["hnsw"]["ef_search"] == 100
