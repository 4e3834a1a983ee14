"""Ingestion: files and folders in, a consistent store out, and a report of what happened.

A run has named steps: :func:`discover` the files, :func:`scan` each (read,
hash, parse only when needed), :func:`plan` what to add, update, re-attribute
and remove (pure: nothing is written), then :func:`apply` the plan. Outcomes
are reported per file (:mod:`ingest.report`). A failure never stops the run
and never touches what is already stored.

Writes are ordered so that a run killed at any point leaves a usable store:
a batch of documents is first recorded as ``pending``, then its chunks and
statements are written under deterministic ids, then the documents are marked
``complete`` and only then are replaced versions deleted. Readers see complete
documents only; the next run rolls pending ones back before it starts.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.chunking import Chunk, chunk_article
from ingest.errors import LoadError
from ingest.loaders import SUPPORTED, Article, check_file, load_bytes
from ingest.quotes import QUOTES_VERSION, Statement, extract_statements
from ingest.report import FileResult, IngestReport
from ingest.settings import Settings
from ingest.store import DocRecord, Store, open_store
from ingest.text import content_hash

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
    """

    results: list[FileResult] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    reattribute: list[tuple[DocRecord, Article]] = field(default_factory=list)
    remove: list[DocRecord] = field(default_factory=list)


@dataclass(slots=True)
class _Prepared:
    article: Article
    chunks: list[Chunk]
    statements: list[Statement]
    replaces: list[str]
    status: str


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to ingest under ``paths``, and results for paths that cannot be.

    Folders are walked recursively; hidden files and folders are ignored, and
    files of other types inside a folder are reported as ``skipped``. A path
    named explicitly with an unsupported type is a failure.
    """
    files: list[Path] = []
    results: list[FileResult] = []
    for path in paths:
        path = Path(path).expanduser()
        if not path.exists():
            results.append(FileResult(str(path), "failed", "no such file or folder"))
        elif path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    f = Path(root, name)
                    if f.suffix.lower() in SUPPORTED:
                        files.append(f.resolve())
                    else:
                        results.append(
                            FileResult(
                                str(f), "skipped", f"not a supported type ({f.suffix or 'no extension'})"
                            )
                        )
        else:
            files.append(path.resolve())
    seen: set[Path] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]  # type: ignore[func-returns-value]
    return unique, results


def _chunk_meta(chunk: Chunk) -> dict[str, Any]:
    return {"doc_id": chunk.doc_id, "seq": chunk.seq, "start": chunk.start, "end": chunk.end}


def _write_group(store: Store, group: list[_Prepared]) -> None:
    """Write one group of articles in crash-safe order."""
    records = [
        DocRecord(
            doc_id=p.article.doc_id,
            source=p.article.source,
            title=p.article.title,
            kind=p.article.kind,
            file_sha=p.article.file_sha,
            status="pending",
            date=p.article.date,
            outlet=p.article.outlet,
            author=p.article.author,
            n_chunks=len(p.chunks),
            n_statements=len(p.statements),
            quotes_version=QUOTES_VERSION,
        )
        for p in group
    ]
    store.put_documents(records, [p.article.text for p in group])
    chunks = [c for p in group for c in p.chunks]
    vectors = store.embeddings.embed_documents([c.text for c in chunks]) if chunks else []
    store.put_chunks(
        [c.id for c in chunks], [c.text for c in chunks], [_chunk_meta(c) for c in chunks], vectors
    )
    statements = [s for p in group for s in p.statements]
    store.put_statements(
        [s.id for s in statements], [s.text for s in statements], [s.metadata() for s in statements]
    )
    store.set_status(records, "complete")
    stale = [old for p in group for old in p.replaces if old != p.article.doc_id]
    store.delete_documents(stale)
    store.bump()


def ingest_paths(
    paths: Sequence[str | Path],
    store: str | Path | Store | None = None,
    *,
    settings: Settings | None = None,
    prune: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into a store: discover, scan, :func:`plan`, :func:`apply`.

    Args:
        paths: files and/or folders (walked recursively).
        store: a store folder, an open :class:`Store`, or None for the configured default.
        settings: settings to use (default: from the environment).
        prune: also remove stored documents whose file, under one of ``paths``, is gone.
        on_result: called with each file's result as soon as it is known.
        on_start: called once with the number of files found.

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
    known = roll_back_pending(db)
    current: dict[str, set[str]] = {}
    for r in known:
        if r.quotes_version == QUOTES_VERSION:
            current.setdefault(r.source, set()).add(r.file_sha)
    max_bytes = int(settings.max_file_mb * 1_000_000)
    scanned = [scan(path, max_bytes, current) for path in files]
    roots = [Path(p).expanduser().resolve() for p in paths] if prune else []
    apply(plan(scanned, known, prune_roots=roots), db, settings.chunk_chars, emit)
    return report


def roll_back_pending(store: Store) -> list[DocRecord]:
    """Delete documents a killed run left pending (their files are re-read); the complete ones."""
    everything = store.catalog(include_pending=True)
    pending = [r.doc_id for r in everything if r.status != "complete"]
    if pending:
        store.delete_documents(pending)
    return [r for r in everything if r.status == "complete"]


def scan(path: Path, max_bytes: int, current: dict[str, set[str]]) -> Scanned:
    """Read one file; parse it only when its bytes are not stored already (``current``: source → hashes)."""
    source = str(path)
    try:
        check_file(path, max_bytes)
        data = path.read_bytes()
        file_sha = content_hash(data)
        if file_sha in current.get(source, ()):
            return Scanned(source, file_sha)
        return Scanned(source, file_sha, load_bytes(data, path, file_sha))
    except LoadError as e:
        return Scanned(source, error=str(e))
    except OSError as e:
        return Scanned(source, error=f"could not read it ({e.strerror or e})")


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


def apply(plan: Plan, store: Store, chunk_chars: int, emit: Callable[[FileResult], None]) -> None:
    """Carry out a plan, reporting each file as soon as its outcome is stored."""
    for result in plan.results:
        emit(result)
    for record, article in plan.reattribute:
        emit(_reattribute(store, record, article))
    for lo in range(0, len(plan.writes), _GROUP):
        group = [_prepare(w, chunk_chars) for w in plan.writes[lo : lo + _GROUP]]
        _write_group(store, group)
        for p in group:
            emit(
                FileResult(p.article.source, p.status, "", p.article.doc_id, len(p.chunks), len(p.statements))
            )
    if plan.remove:
        store.delete_documents([r.doc_id for r in plan.remove])
        store.bump()
    for record in plan.remove:
        emit(FileResult(record.source, "removed", "file no longer exists", record.doc_id))


def _prepare(write: Write, chunk_chars: int) -> _Prepared:
    """Chunks and statements of an article about to be written."""
    a = write.article
    chunks = chunk_article(a.doc_id, a.text, a.body, chunk_chars)
    return _Prepared(a, chunks, safe_statements(a), write.replaces, write.status)


def safe_statements(article: Article) -> list[Statement]:
    """The article's statements; an extractor failure costs the quotes, never the article."""
    try:
        found = extract_statements(article.doc_id, article.text, article.body)
    except Exception:  # the extractor is heuristic code run on arbitrary text
        log.exception("quote attribution failed for %s; stored without statements", article.source)
        return []
    return list({s.id: s for s in found}.values())


def _reattribute(store: Store, record: DocRecord, article: Article) -> FileResult:
    """Re-extract the statements of an unchanged document after the extractor changed."""
    statements = safe_statements(article)
    record.n_statements = len(statements)
    record.quotes_version = QUOTES_VERSION
    store.replace_statements(
        record, [s.id for s in statements], [s.text for s in statements], [s.metadata() for s in statements]
    )
    store.bump()
    return FileResult(
        article.source, "updated", "quotes re-attributed", record.doc_id, record.n_chunks, len(statements)
    )


def _under(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def remove_documents(
    targets: Sequence[str], store: str | Path | Store | None = None, *, settings: Settings | None = None
) -> list[DocRecord]:
    """Remove documents named by doc id (or its prefix) or by source path.

    Returns:
        The records removed; targets that match nothing are ignored.
    """
    settings = settings or Settings()
    db = store if isinstance(store, Store) else open_store(settings.with_store(store))
    catalog = db.catalog()
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
        db.delete_documents(list(chosen))
        db.bump()
    return list(chosen.values())
