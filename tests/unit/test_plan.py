"""The ingest plan is decided from what was read and what is stored, before anything is written."""

from __future__ import annotations

from pathlib import Path

from ingest.loaders import Article
from ingest.pipeline import Scanned, plan
from ingest.quotes import QUOTES_VERSION
from ingest.store import DocRecord
from ingest.text import Span


def article(source: str, text: str) -> Article:
    return Article(text=text, body=Span(0, len(text)), title=text, source=source, kind="txt", file_sha="")


def record(source: str, text: str, sha: str, version: str = QUOTES_VERSION) -> DocRecord:
    doc_id = article(source, text).doc_id
    return DocRecord(doc_id, source, text, "txt", sha, quotes_version=version)


def test_plan_adds_updates_reattributes_removes_and_reports() -> None:
    known = [
        record("/x/changed.txt", "Old text.", "s1"),
        record("/x/old-extractor.txt", "Same text.", "s2", version="0"),
        record("/x/gone.txt", "Gone.", "s3"),
        record("/y/elsewhere.txt", "Outside the pruned folder.", "s4"),
    ]
    scanned = [
        Scanned("/x/changed.txt", "s9", article("/x/changed.txt", "New text.")),
        Scanned("/x/old-extractor.txt", "s2", article("/x/old-extractor.txt", "Same text.")),
        Scanned("/x/unchanged.txt", "s5"),
        Scanned("/x/new.txt", "s6", article("/x/new.txt", "Brand new.")),
        Scanned("/x/copy.txt", "s7", article("/x/copy.txt", "Brand new.")),
        Scanned("/x/empty.txt", error="is empty"),
    ]
    exists = {"/x/changed.txt", "/x/old-extractor.txt", "/x/new.txt", "/x/copy.txt"}.__contains__
    decided = plan(scanned, known, prune_roots=[Path("/x")], exists=exists)
    assert [(w.article.source, w.status, w.replaces) for w in decided.writes] == [
        ("/x/changed.txt", "updated", [known[0].doc_id]),
        ("/x/new.txt", "added", []),
    ]
    assert [(r.source, a.source) for r, a in decided.reattribute] == [("/x/old-extractor.txt",) * 2]
    assert [(r.path, r.status, r.reason) for r in decided.results] == [
        ("/x/unchanged.txt", "unchanged", ""),
        ("/x/copy.txt", "unchanged", "same text as another file in this run"),
        ("/x/empty.txt", "failed", "is empty"),
    ]
    assert [r.source for r in decided.remove] == ["/x/gone.txt"]  # /y is not under a pruned folder


def test_no_prune_removes_nothing() -> None:
    known = [record("/x/gone.txt", "Gone.", "s3")]
    assert plan([], known, exists=lambda _: False).remove == []
