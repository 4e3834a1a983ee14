"""The store's write lock and the naming of failed writes.

Chroma on disk must not be written by two processes at once; every write holds
an exclusive OS lock on ``<store>/write.lock`` (waiting for the other writer,
which holds it for one group of documents at most). Readers never take it.
A failed write (a full disk, a read-only store) becomes a :class:`StoreError`
that says what happened and what to do.

A store on a read-only disk can still be searched: Chroma cannot open its
database where it cannot write, so it is opened from a private copy
(:func:`readable_copy`, deleted at exit) and every write is refused by name.
"""

from __future__ import annotations

import atexit
import errno
import logging
import os
import shutil
import tempfile
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


# Chroma reports a full disk in many ways ("Failed to apply logs to the metadata segment", ...);
# a write failure with less than this free on the store's disk is taken for a full disk.
_NEARLY_FULL = 64_000_000


def write_error(e: Exception, label: str, folder: Path | None = None) -> StoreError:
    """The :class:`StoreError` that names what a failed write of the store at ``label`` means."""
    text = str(e).lower()
    code = e.errno if isinstance(e, OSError) else None
    if code == errno.ENOSPC or "disk is full" in text or "no space left" in text or _nearly_full(folder):
        return StoreError(
            f"the disk holding {label} is full: free some space and run again "
            "(every file reported stored is kept)"
        )
    if code in (errno.EROFS, errno.EACCES) or "readonly" in text or "read-only" in text:
        return StoreError(f"{label} is read-only: it can be searched, not written to")
    return StoreError(f"could not write to {label}: {e}")


# Free space kept for Chroma to apply its log (see check_room).
_ROOM = 2_000_000


def check_room(folder: Path, label: str, text_bytes: int) -> None:
    """Raise the full-disk :class:`StoreError` before a write of about ``text_bytes`` of text that
    would leave too little room.

    Chroma applies its log to its tables lazily, and cannot even be read while a log it could
    not apply is pending: a write that fills the disk in that step leaves a store nobody can
    open until space is freed. Stopping first keeps every stored file readable.
    """
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < _ROOM + 16 * text_bytes:
        raise write_error(OSError(errno.ENOSPC, "not enough room left"), label, folder)


def _nearly_full(folder: Path | None) -> bool:
    try:
        return folder is not None and shutil.disk_usage(folder).free < _NEARLY_FULL
    except OSError:
        return False


def read_only(folder: Path) -> bool:
    """True when ``folder`` exists but cannot be written (a read-only disk or permissions)."""
    return folder.is_dir() and not os.access(folder, os.W_OK)


def readable_copy(folder: Path) -> Path:
    """A private copy of the read-only store ``folder`` to open for searching; removed at exit."""
    copy = Path(tempfile.mkdtemp(prefix="briefing-read-only-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    shutil.copytree(folder, copy, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.lock", "runs"))
    logging.getLogger(__name__).info("%s is read-only; searching a copy at %s", folder, copy)
    return copy
