"""The index saved beside the store, across real processes: a restart loads it, another process's
ingest is seen by a running one without a rebuild, the statement vectors come from ingest."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow
BRIEFING = [sys.executable, "-m", "assistant.cli"]
# A long-running process (as `briefing serve` is): reads one question per line, answers in JSON.
SERVER = """
import json, sys
from assistant.service import Service
service = Service.of(sys.argv[1])
for line in sys.stdin:
    answer = service.ask(line.strip())
    print(json.dumps({"text": answer.text, "stats": service.index_stats()}), flush=True)
"""
EXTRA = (
    "title Night crossings resume\ndate 2026-04-02\noutlet Coast Wire\n\n"
    "Ferry captain Idris Volkan said the night crossings would resume on Friday.\n"
)


def briefing(store: Path, *args: str) -> str:
    done = subprocess.run(
        [*BRIEFING, "--store", str(store), *args], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


class Server:
    def __init__(self, store: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(store)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, question: str) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(question + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)


def test_restart_and_another_process_ingest(tmp_path: Path) -> None:
    store, articles = tmp_path / "store", tmp_path / "articles"
    shutil.copytree(EXAMPLES, articles)
    briefing(store, "ingest", str(articles))
    assert len(list((store / "index").glob("*.pkl"))) == 1  # the ingest saved the index

    server = Server(store)
    try:
        first = server.ask("What did Lena Marwick say?")
        assert "Lena Marwick" in first["text"] and first["stats"] == {"loaded": 1, "updated": 0, "built": 0}
        assert "night crossings" not in server.ask("What did Idris Volkan say?")["text"]

        (articles / "09-night-crossings.md").write_text(EXTRA, "utf-8")
        briefing(store, "ingest", str(articles))  # another process writes
        after = server.ask("What did Idris Volkan say?")
        assert "night crossings would resume on Friday" in after["text"]
        assert after["stats"]["built"] == 0  # picked up from the saved index, not rebuilt
        assert "Lena Marwick" in server.ask("What did Lena Marwick say?")["text"]
    finally:
        server.close()

    restarted = Server(store)
    try:
        again = restarted.ask("What did Idris Volkan say?")
        assert "night crossings would resume on Friday" in again["text"]
        assert again["stats"] == {"loaded": 1, "updated": 0, "built": 0}
    finally:
        restarted.close()


def test_statement_vectors_are_stored_at_ingest(tmp_path: Path) -> None:
    from assistant.retrieval import IndexCache
    from ingest.settings import Settings
    from ingest.store import open_store

    store = tmp_path / "store"
    briefing(store, "ingest", str(EXAMPLES))
    db = open_store(Settings().with_store(store))
    statements = IndexCache(db).get().statements
    spans = [(s["doc_id"], s["start"], s["end"]) for s in statements]
    assert statements and set(db.statement_vectors(spans)) == set(spans)
