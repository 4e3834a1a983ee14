"""Several writers share a store: a run rolls back only dead runs' pending documents; interrupted
updates and removals converge to exactly one copy (or none) per file on the next run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ingest import ingest_paths, remove_documents
from ingest.runs import Run, live_runs
from ingest.store import DocRecord, Store
from tests.conftest import EXAMPLES, REPO, make_fake_store
from tests.unit.test_pipeline import snapshot


def _on_disk(path: Path) -> Store:
    """A fake-embedder store that knows its folder (so runs use OS locks, as on a real disk store)."""
    store = make_fake_store(path)
    store.folder = path
    return store


def _pending(store: Store, doc_id: str, run: str) -> None:
    store.put_documents(
        [DocRecord(doc_id, f"/x/{doc_id}.txt", doc_id, "txt", doc_id, "pending", run=run)], ["t"]
    )


def test_a_live_runs_pending_documents_are_never_rolled_back(tmp_path: Path) -> None:
    store = _on_disk(tmp_path / "store")
    with Run(store) as writer:
        _pending(store, "theirs", writer.id)
        _pending(store, "dead", "a-run-that-died")
        with Run(store) as other:
            assert writer.id in other.live_runs()
            other.roll_back()
        left = {r.doc_id for r in store.catalog(include_pending=True)}
        assert left == {"theirs"}  # the dead run's record went, the live one's stayed
    with Run(store) as later:  # the writer has finished without committing: now it is dead
        later.roll_back()
    assert store.catalog(include_pending=True) == []


def test_a_killed_process_is_dead_at_once(tmp_path: Path) -> None:
    store = _on_disk(tmp_path / "store")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from ingest.runs import _hold;"
            "h = _hold(Path(sys.argv[1]) / 'runs' / 'abc.lock'); print('held', flush=True); time.sleep(60)",
            str(tmp_path / "store"),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    assert "abc" in live_runs(store)
    holder.kill()
    holder.wait(timeout=30)
    assert "abc" not in live_runs(store)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    return folder


def _edit_all(folder: Path) -> None:
    for f in folder.glob("*.md"):
        f.write_text(f.read_text("utf-8") + "\nThe spokesman declined to comment further.\n", "utf-8")


def test_update_killed_before_old_versions_are_deleted_converges(
    tmp_path: Path, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_fake_store(tmp_path / "store")
    ingest_paths([articles], store)
    _edit_all(articles)
    real = Store.delete_documents

    def killed(self: Store, doc_ids: Any, spare_runs: Any = ()) -> None:
        raise KeyboardInterrupt("killed after the new versions were marked complete")

    monkeypatch.setattr(Store, "delete_documents", killed)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([articles], store)
    monkeypatch.setattr(Store, "delete_documents", real)
    sources = [r.source for r in store.catalog()]
    assert len(sources) > len(set(sources))  # two complete versions of some files, as after a kill
    report = ingest_paths([articles], store)
    assert report.ok
    clean = make_fake_store(tmp_path / "clean")
    ingest_paths([articles], clean)
    assert snapshot(store) == snapshot(clean)


def test_removal_killed_half_way_leaves_nothing_visible_and_is_finished_by_a_rerun(
    tmp_path: Path, articles: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_fake_store(tmp_path / "store")
    ingest_paths([articles], store)
    target = str(articles / "01-halden-bridge-closed.md")
    real = store.statements.delete

    def killed(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt("killed after the chunks were deleted")

    monkeypatch.setattr(store.statements, "delete", killed)
    with pytest.raises(KeyboardInterrupt):
        remove_documents([target], store)
    monkeypatch.setattr(store.statements, "delete", real)
    assert len(store.catalog()) == 7  # the half-removed document is invisible to readers
    assert [r.source for r in remove_documents([target], store)] == [target]
    clean = make_fake_store(tmp_path / "clean")
    ingest_paths([articles], clean)
    remove_documents([target], clean)
    assert snapshot(store) == snapshot(clean)
