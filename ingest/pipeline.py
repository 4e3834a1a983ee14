"""Ingestion: files and folders in, a consistent store out, and a report of what happened.

A run has named steps: :func:`discover` the files, :func:`scan` each (read,
hash, parse only when needed), :func:`plan` what to add, update, re-attribute
and remove (pure: nothing is written), then :func:`apply` the plan. Outcomes
are reported per file (:mod:`ingest.report`). A failure never stops the run
and never touches what is already stored.

Every file is isolated at every step (discover, read, parse, chunk, attribute,
embed): whatever goes wrong with one file is that file's named failure, and
the rest of the run is stored.

Writes are ordered so that a run killed at any point leaves a usable store:
a batch of documents is first recorded as ``pending`` under the run's id
(:mod:`ingest.runs`), then its chunks and statements are written under
deterministic ids, then the documents are marked ``complete`` and only then
are replaced versions deleted. Readers see complete documents only; a later
run rolls back the pending records of dead runs, never a live run's, so
several writers can share a store. If a run was killed between marking a new
version complete and deleting the old one, the next run finds two versions of
one file and deletes the one whose bytes are not the file's.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ingest.discovery import discover
from ingest.errors import LoadError
from ingest.limits import Limits
from ingest.loaders import Article, check_file, load_bytes
from ingest.quotes import QUOTES_VERSION
from ingest.report import FileResult, IngestReport
from ingest.runs import Run
from ingest.settings import Settings
from ingest.store import DocRecord, Store, open_store
from ingest.text import content_hash
from ingest.writer import Prepared, delete, embed, prepare_group, reattribute, write_group

log = logging.getLogger(__name__)

__all__ = [
    "FileResult",
    "IngestReport",
    "Plan",
    "apply",
    "discover",
    "ingest_paths",
    "plan",
    "remove_documents",
]

# Articles embedded and written together; bounds the work lost to a kill.
_GROUP = 16


@dataclass(slots=True)
class Scanned:
    """One file as read from disk: the hash of its bytes and, when it may need storing, its article."""

    source: str
    file_sha: str = ""
    article: Article | None = None
    error: str = ""


@dataclass(slots=True)
class Write:
    """An article to store, the stored documents it replaces, and how to report it."""

    article: Article
    replaces: list[str]
    status: str


@dataclass(slots=True)
class Plan:
    """What an ingest run will do, decided before anything is written.

    Attributes:
        results: outcomes decided outright (failed, unchanged, same text as another file).
        writes: new or changed articles, to chunk, embed and store.
        reattribute: stored documents whose statements the current extractor must redo.
        remove: stored documents whose files are gone (``prune``).
        stale: older versions of unchanged files, left by an update that was interrupted.
    """

    results: list[FileResult] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    reattribute: list[tuple[DocRecord, Article]] = field(default_factory=list)
    remove: list[DocRecord] = field(default_factory=list)
    stale: list[DocRecord] = field(default_factory=list)


def ingest_paths(
    paths: Sequence[str | Path],
    store: str | Path | Store | None = None,
    *,
    settings: Settings | None = None,
    prune: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    names: Mapping[str, str] | None = None,
) -> IngestReport:
    """Ingest files and folders into a store: discover, scan, :func:`plan`, :func:`apply`.

    Args:
        paths: files and/or folders (walked recursively).
        store: a store folder, an open :class:`Store`, or None for the configured default.
        settings: settings to use (default: from the environment).
        prune: also remove stored documents whose file, under one of ``paths``, is gone.
        on_result: called with each file's result as soon as it is known.
        on_start: called once with the number of files found.
        names: file names users know files by, keyed by path (uploads are stored under hashes).

    Returns:
        The per-file report; ``report.ok`` is False when any file failed.
    """
    settings = settings or Settings()
    db = store if isinstance(store, Store) else open_store(settings.with_store(store))
    report = IngestReport()

    def emit(result: FileResult) -> None:
        report.files.append(result)
        if on_result:
            on_result(result)

    files, early = discover(Path(p) for p in paths)
    if on_start:
        on_start(len(files))
    for early_result in early:
        emit(early_result)
    limits = Limits.of(settings)
    given = {str(Path(k).expanduser().resolve()): v for k, v in (names or {}).items()}
    with Run(db, settings.run_lease_s) as run:
        known = run.roll_back()
        current: dict[str, set[str]] = {}
        for r in known:
            if r.quotes_version == QUOTES_VERSION:
                current.setdefault(r.source, set()).add(r.file_sha)
        scanned = [scan(path, limits, current, given.get(str(path))) for path in files]
        roots = [Path(p).expanduser().resolve() for p in paths] if prune else []
        apply(plan(scanned, known, prune_roots=roots), db, settings.chunk_chars, emit, run=run, limits=limits)
    return report


def scan(path: Path, limits: Limits, current: dict[str, set[str]], name: str | None = None) -> Scanned:
    """Read one file; parse it only when its bytes are not stored already (``current``: source → hashes).

    Never raises for a bad file: the reason is in ``Scanned.error``.
    """
    source = str(path)
    try:
        check_file(path, limits.max_bytes)
        data = path.read_bytes()
        file_sha = content_hash(data)
        if file_sha in current.get(source, ()):
            return Scanned(source, file_sha)
        return Scanned(source, file_sha, load_bytes(data, path, file_sha, limits=limits, name=name))
    except LoadError as e:
        return Scanned(source, error=str(e))
    except OSError as e:
        return Scanned(source, error=f"could not read it ({e.strerror or e})")
    except MemoryError:
        return Scanned(source, error="could not read it (out of memory)")


def plan(
    scanned: Sequence[Scanned],
    known: Sequence[DocRecord],
    *,
    prune_roots: Sequence[Path] = (),
    exists: Callable[[str], bool] = os.path.exists,
) -> Plan:
    """Decide what to add, update, re-attribute and remove; writes nothing.

    Args:
        scanned: the files of this run, as read.
        known: the complete documents already stored.
        prune_roots: folders whose vanished files are to be removed (empty: remove nothing).
        exists: whether a source path still exists (a parameter, so the plan is testable).
    """
    by_source: dict[str, list[DocRecord]] = {}
    for r in known:
        by_source.setdefault(r.source, []).append(r)
    by_doc = {r.doc_id: r for r in known}
    claimed: set[str] = set()  # doc ids written in this run
    out = Plan()
    for f in scanned:
        previous = by_source.get(f.source, [])
        same = next((r for r in previous if r.file_sha == f.file_sha), None)
        if f.error:
            out.results.append(FileResult(f.source, "failed", f.error))
        elif f.article is None:  # the same bytes are stored, attributed by the current extractor
            out.results.append(FileResult(f.source, "unchanged", "", same.doc_id if same else ""))
            if same is not None:  # other versions of this file: left by an interrupted update
                out.stale.extend(r for r in previous if r.doc_id != same.doc_id)
        elif same is not None and same.doc_id == f.article.doc_id:
            out.reattribute.append((same, f.article))
        else:
            doc_id = f.article.doc_id
            twin = by_doc.get(doc_id)
            if doc_id in claimed or (twin is not None and twin.source != f.source and exists(twin.source)):
                where = twin.source if twin is not None else "another file in this run"
                out.results.append(FileResult(f.source, "unchanged", f"same text as {where}", doc_id))
                continue
            claimed.add(doc_id)
            status = "updated" if previous or twin is not None else "added"
            out.writes.append(Write(f.article, [r.doc_id for r in previous], status))
    out.remove = [
        r
        for r in known
        if prune_roots and not exists(r.source) and any(_under(Path(r.source), root) for root in prune_roots)
    ]
    return out


def apply(
    plan: Plan,
    store: Store,
    chunk_chars: int,
    emit: Callable[[FileResult], None],
    *,
    run: Run,
    limits: Limits | None = None,
) -> None:
    """Carry out a plan, reporting each file as soon as its outcome is stored."""
    limits = limits or Limits()
    for result in plan.results:
        emit(result)
    if plan.stale:
        log.info("removing %d version(s) left by an interrupted update", len(plan.stale))
        delete(store, plan.stale, run)
    for record, article in plan.reattribute:
        emit(reattribute(store, record, article, QUOTES_VERSION))
    _write_all(plan.writes, store, chunk_chars, limits, emit, run)
    if plan.remove:
        delete(store, plan.remove, run)
    for record in plan.remove:
        emit(FileResult(record.source, "removed", "file no longer exists", record.doc_id))


def _write_all(
    writes: Sequence[Write],
    store: Store,
    chunk_chars: int,
    limits: Limits,
    emit: Callable[[FileResult], None],
    run: Run,
) -> None:
    """Prepare, embed and write the articles group by group, one group's embedding ahead.

    A group is embedded on a thread of its own while this one extracts the next group's
    statements and writes the previous group, so the cores that embed never wait for that
    work; writes stay in order, on this thread, and so does every report.
    """

    def embedded(group: list[Prepared]) -> tuple[list[Prepared], list[list[float]], list[FileResult]]:
        failed: list[FileResult] = []
        kept, vectors = embed(store, group, failed.append)
        return kept, vectors, failed

    def write(future: Future[tuple[list[Prepared], list[list[float]], list[FileResult]]]) -> None:
        group, vectors, failed = future.result()
        for result in failed:
            emit(result)
        if group:
            write_group(store, group, vectors, run.id)
        for p in group:
            emit(
                FileResult(p.article.source, p.status, "", p.article.doc_id, len(p.chunks), len(p.statements))
            )

    with ThreadPoolExecutor(1, thread_name_prefix="ingest-embed") as ahead:
        previous = None
        for lo in range(0, len(writes), _GROUP):
            group = prepare_group(writes[lo : lo + _GROUP], chunk_chars, limits, emit, QUOTES_VERSION)
            current = ahead.submit(embedded, group)
            if previous is not None:
                write(previous)
            previous = current
        if previous is not None:
            write(previous)


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def remove_documents(
    targets: Sequence[str], store: str | Path | Store | None = None, *, settings: Settings | None = None
) -> list[DocRecord]:
    """Remove documents named by doc id (or its prefix) or by source path.

    Documents a killed removal left half-deleted (pending, their run dead) match too.

    Returns:
        The records removed; targets that match nothing are ignored.
    """
    settings = settings or Settings()
    db = store if isinstance(store, Store) else open_store(settings.with_store(store))
    with Run(db, settings.run_lease_s) as run:
        live = run.live_runs()
        catalog = [r for r in db.catalog(include_pending=True) if r.status == "complete" or r.run not in live]
        chosen: dict[str, DocRecord] = {}
        for target in targets:
            resolved = str(Path(target).expanduser().resolve())
            for r in catalog:
                if (
                    (len(target) >= 6 and r.doc_id.startswith(target))
                    or r.source in (target, resolved)
                    or _under(Path(r.source), Path(resolved))
                ):
                    chosen[r.doc_id] = r
        if chosen:
            delete(db, list(chosen.values()), run)
    return list(chosen.values())
