"""Runs: who is writing a store now, so that several writers can share it and a dead one is cleaned up.

Every ingest or removal is a :class:`Run` with its own id. The documents it
writes are ``pending`` under that id until it marks them ``complete``; it rolls
back only its own pending records, or those of a run that is provably dead:

* on disk, a run holds an OS lock on ``<store>/runs/<id>.lock`` for as long as
  its process lives; a run whose lock file is not locked is dead (the OS drops
  the lock the moment a process dies, even by ``kill -9``), so the next run
  cleans up at once;
* on a Chroma server (writers on other machines), a run keeps a lease in the
  store's meta collection, renewed by a heartbeat thread every third of
  ``run_lease_s``; a run whose lease has expired is dead.

Readers never take any lock.
"""

from __future__ import annotations

import errno
import os
import threading
import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Any

from ingest.store import DocRecord, Store


class Run:
    """One writer of a store, alive between ``__enter__`` and ``__exit__``.

    Args:
        store: the store written.
        lease_s: how long the lease lasts without a heartbeat (Chroma server only).
    """

    def __init__(self, store: Store, lease_s: float = 30.0) -> None:
        self.store = store
        self.id = uuid.uuid4().hex[:16]
        self.lease_s = lease_s
        self._handle: Any = None
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None

    def __enter__(self) -> Run:
        if self.store.folder is not None:
            self._handle = _hold(_lock_path(self.store.folder, self.id))
        else:
            self.store.renew_lease(self.id, time.time() + self.lease_s)
            self._beat = threading.Thread(target=self._heartbeat, name=f"run-{self.id}", daemon=True)
            self._beat.start()
        return self

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.lease_s / 3):
            try:
                self.store.renew_lease(self.id, time.time() + self.lease_s)
            except Exception:  # the next beat tries again; a lapsed lease only delays clean-up
                continue

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._beat is not None:
            self._beat.join(timeout=5)
            self.store.drop_lease(self.id)
        if self._handle is not None:
            path = Path(self._handle.name)
            self._handle.close()
            path.unlink(missing_ok=True)

    def live_runs(self) -> set[str]:
        """The runs writing this store now (this one included)."""
        return live_runs(self.store) | {self.id}

    def roll_back(self) -> list[DocRecord]:
        """Delete the pending documents of dead runs; return the complete documents."""
        everything = self.store.catalog(include_pending=True)
        live = self.live_runs()
        dead = [r.doc_id for r in everything if r.status != "complete" and r.run not in live]
        if dead:
            self.store.delete_documents(dead, spare_runs=sorted(live))
        return [r for r in everything if r.status == "complete"]


def _lock_path(folder: Path, run: str) -> Path:
    return folder / "runs" / f"{run}.lock"


def _hold(path: Path) -> Any:
    """Open and lock ``path`` for the life of this process (or until closed)."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+b")  # noqa: SIM115 -- kept open for the run's life: the open file is the lock
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return handle


def _locked(path: Path) -> bool:
    """True when another process holds the lock on ``path``."""
    import fcntl

    try:
        with open(path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(handle, fcntl.LOCK_UN)
            return False
    except OSError as e:
        return e.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK)


def _remove_if_old(path: Path, age_s: float = 600.0) -> None:
    try:
        if time.time() - path.stat().st_mtime > age_s:
            path.unlink()
    except OSError:
        pass


def live_runs(store: Store) -> set[str]:
    """Ids of the runs writing ``store`` now (their pending documents must not be touched)."""
    if store.folder is not None:
        folder = store.folder / "runs"
        names = os.listdir(folder) if folder.is_dir() else []
        live = {n[: -len(".lock")] for n in names if n.endswith(".lock") and _locked(folder / n)}
        for n in names:  # a dead run's lock file is litter (a new run's file may not be locked yet)
            if n.endswith(".lock") and n[: -len(".lock")] not in live:
                _remove_if_old(folder / n)
        return live
    now = time.time()
    return {run for run, expires in store.leases().items() if expires > now}
