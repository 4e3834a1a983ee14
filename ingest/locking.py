"""The store's write lock and the naming of failed writes.

Chroma on disk must not be written by two processes at once; every write holds
an exclusive OS lock on ``<store>/write.lock`` (waiting for the other writer,
which holds it for one group of documents at most). Readers never take it.
A failed write (a full disk, a read-only store) becomes a :class:`StoreError`
that says what happened and what to do.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from ingest.errors import StoreError


def hold_lock(path: Path, label: str) -> Any:
    """Hold an exclusive OS lock on ``path`` (waiting for another writer); the open file holds it."""
    import fcntl

    try:
        handle = open(path, "a+b")  # noqa: SIM115 -- closed by the caller, which releases the lock
        fcntl.flock(handle, fcntl.LOCK_EX)
    except OSError as e:
        if e.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise StoreError(f"{label} is read-only: it can be searched, not written to") from e
        raise StoreError(f"could not lock {label} for writing: {e}") from e
    return handle


def write_error(e: Exception, label: str) -> StoreError:
    """The :class:`StoreError` that names what a failed write of the store at ``label`` means."""
    text = str(e).lower()
    code = e.errno if isinstance(e, OSError) else None
    if code == errno.ENOSPC or "disk is full" in text or "no space left" in text:
        return StoreError(
            f"the disk holding {label} is full: free some space and run again "
            "(every file reported stored is kept)"
        )
    if code in (errno.EROFS, errno.EACCES) or "readonly" in text or "read-only" in text:
        return StoreError(f"{label} is read-only: it can be searched, not written to")
    return StoreError(f"could not write to {label}: {e}")
