"""Ingestion: files and folders in, a consistent store out, and a report of what happened.

Per file the outcome is one of ``added``, ``updated`` (its text changed),
``unchanged``, ``removed`` (``prune``), ``skipped`` (an unsupported file found
inside a folder) or ``failed`` (with the reason). A failure never stops the run
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
from ingest.settings import Settings
from ingest.store import DocRecord, Store, open_store
from ingest.text import content_hash

log = logging.getLogger(__name__)

# Articles embedded and written together; bounds the work lost to a kill.
_GROUP = 16


@dataclass(slots=True)
class FileResult:
    """What happened to one file."""

    path: str
    status: str
    reason: str = ""
    doc_id: str = ""
    chunks: int = 0
    statements: int = 0


@dataclass(slots=True)
class IngestReport:
    """The outcome of one ingest run, file by file."""

    files: list[FileResult] = field(default_factory=list)

    def by_status(self, status: str) -> list[FileResult]:
        """Results with the given status."""
        return [f for f in self.files if f.status == status]

    @property
    def added(self) -> list[FileResult]:
        return self.by_status("added")

    @property
    def updated(self) -> list[FileResult]:
        return self.by_status("updated")

    @property
    def unchanged(self) -> list[FileResult]:
        return self.by_status("unchanged")

    @property
    def failed(self) -> list[FileResult]:
        return self.by_status("failed")

    @property
    def removed(self) -> list[FileResult]:
        return self.by_status("removed")

    @property
    def skipped(self) -> list[FileResult]:
        return self.by_status("skipped")

    @property
    def ok(self) -> bool:
        """True when no file failed."""
        return not self.failed

    def summary(self) -> str:
        """One line: counts per outcome."""
        order = ("added", "updated", "unchanged", "removed", "skipped", "failed")
        return ", ".join(f"{len(self.by_status(s))} {s}" for s in order)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "summary": {
                s: len(self.by_status(s))
                for s in ("added", "updated", "unchanged", "removed", "skipped", "failed")
            },
            "files": [
                {k: getattr(f, k) for k in ("path", "status", "reason", "doc_id", "chunks", "statements")}
                for f in self.files
            ],
        }


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
    """Ingest files and folders into a store.

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

    everything = db.catalog(include_pending=True)
    pending = [r.doc_id for r in everything if r.status != "complete"]
    if pending:  # left by a run that was killed: roll back, the files are re-read below
        db.delete_documents(pending)
    known = [r for r in everything if r.status == "complete"]
    by_source: dict[str, list[DocRecord]] = {}
    for r in known:
        by_source.setdefault(r.source, []).append(r)
    by_doc = {r.doc_id: r for r in known}
    claimed: set[str] = set()  # doc ids written in this run

    max_bytes = int(settings.max_file_mb * 1_000_000)
    group: list[_Prepared] = []

    def flush() -> None:
        if not group:
            return
        _write_group(db, group)
        for p in group:
            emit(
                FileResult(p.article.source, p.status, "", p.article.doc_id, len(p.chunks), len(p.statements))
            )
        group.clear()

    for path in files:
        source = str(path)
        try:
            check_file(path, max_bytes)
            data = path.read_bytes()
            file_sha = content_hash(data)
            previous = by_source.get(source, [])
            same = next((r for r in previous if r.file_sha == file_sha), None)
            if same is not None and same.quotes_version == QUOTES_VERSION:
                emit(FileResult(source, "unchanged", "", same.doc_id))
                continue
            article = load_bytes(data, path, file_sha)
            if same is not None and same.doc_id == article.doc_id:
                emit(_reattribute(db, same, article))
                continue
        except LoadError as e:
            emit(FileResult(source, "failed", str(e)))
            continue
        except OSError as e:
            emit(FileResult(source, "failed", f"could not read it ({e.strerror or e})"))
            continue
        doc_id = article.doc_id
        twin = by_doc.get(doc_id)
        if doc_id in claimed or (twin is not None and twin.source != source and Path(twin.source).exists()):
            where = twin.source if twin is not None else "another file in this run"
            emit(FileResult(source, "unchanged", f"same text as {where}", doc_id))
            continue
        claimed.add(doc_id)
        chunks = chunk_article(doc_id, article.text, article.body, settings.chunk_chars)
        statements = safe_statements(article)
        group.append(
            _Prepared(
                article=article,
                chunks=chunks,
                statements=statements,
                replaces=[r.doc_id for r in previous],
                status="updated" if previous or twin is not None else "added",
            )
        )
        if len(group) >= _GROUP:
            flush()
    flush()

    if prune:
        roots = [Path(p).expanduser().resolve() for p in paths]
        gone = [
            r
            for r in known
            if not Path(r.source).exists() and any(_under(Path(r.source), root) for root in roots)
        ]
        if gone:
            db.delete_documents([r.doc_id for r in gone])
            db.bump()
        for record in gone:
            emit(FileResult(record.source, "removed", "file no longer exists", record.doc_id))
    return report


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
