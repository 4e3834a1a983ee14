"""Statement vectors beside the store: ``<store>/statement-vectors.sqlite``.

"Who said …?" and "what did X say about …?" compare statements with the topic by
the embedder's cosine (:mod:`assistant.semantic`). Ingest embeds each distinct
statement sentence once, with the documents' model (int8 by default, like the
chunks) and in the same batches as the chunks, and keeps the vectors here keyed by the span
``(doc_id, start, end)``; questions read them by span. A document id is the hash
of its text, so a span always names the same words and its vector never goes
stale. A store without the table (an older one, or one on a Chroma server) still
answers: the question path embeds the statements it does not find here.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

Span = tuple[str, int, int]

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS vectors ("
    " doc_id TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, vector BLOB NOT NULL,"
    " PRIMARY KEY (doc_id, start, end))"
)
_SLICE = 500


def statement_sentences(
    texts: dict[str, str], metas: Iterable[dict[str, Any]]
) -> tuple[list[Span], list[str]]:
    """The distinct spans of statements (``metas``) and the sentence each one cites, in order."""
    spans = list(dict.fromkeys((str(m["doc_id"]), int(m["start"]), int(m["end"])) for m in metas))
    return spans, [texts[d][a:b] for d, a, b in spans]


class VectorTable:
    """Unit vectors (stored as float32) of statement spans, in one SQLite file (a connection per call)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        # the default rollback journal: a write that fails on a full disk gives its space back
        db = sqlite3.connect(self.path, timeout=30)
        db.execute(_SCHEMA)
        return db

    def put(self, spans: Sequence[Span], vectors: Sequence[Sequence[float]]) -> None:
        """Store the vectors of ``spans`` (replacing any already there)."""
        rows = [
            (d, a, b, np.asarray(v, dtype=np.float32).tobytes())
            for (d, a, b), v in zip(spans, vectors, strict=True)
        ]
        with closing(self._connect()) as db, db:
            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)

    def get(self, spans: Iterable[Span]) -> dict[Span, np.ndarray]:
        """The stored vectors of ``spans`` (those missing are left out; none if the file is unreadable)."""
        wanted = set(spans)
        if not wanted or not self.path.exists():
            return {}
        found: dict[Span, np.ndarray] = {}
        try:
            for d, a, b, blob in self._rows({d for d, _, _ in wanted}):
                if (d, a, b) in wanted:
                    found[(d, a, b)] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as e:  # a damaged table costs time (the caller embeds), never an answer
            log.warning("statement vectors at %s unreadable (%s); embedding instead", self.path, e)
            return {}
        return found

    def matrix(self, spans: Sequence[Span]) -> tuple[np.ndarray | None, np.ndarray]:
        """The stored vectors of ``spans`` as the rows of one matrix, in order, and which rows were
        found (the matrix is None when none was). Read in place, page by page: at 160,000 statements a
        dict of one array per span (:meth:`get`) took twice the matrix's 250 MB on the way."""
        found = np.zeros(len(spans), dtype=bool)
        if not spans or not self.path.exists():
            return None, found
        first: dict[Span, int] = {}
        same: list[tuple[int, int]] = []  # a span cited twice (nested statements): rows copied after
        for i, sp in enumerate(spans):
            if sp in first:
                same.append((i, first[sp]))
            else:
                first[sp] = i
        out: np.ndarray | None = None
        try:
            for d, a, b, blob in self._rows({d for d, _, _ in first}):
                at = first.get((d, a, b))
                if at is None:
                    continue
                if out is None:
                    out = np.zeros((len(spans), len(blob) // 4), dtype=np.float32)
                out[at] = np.frombuffer(blob, dtype=np.float32)
                found[at] = True
        except sqlite3.Error as e:
            log.warning("statement vectors at %s unreadable (%s); embedding instead", self.path, e)
            return None, np.zeros(len(spans), dtype=bool)
        if out is not None:
            for i, j in same:
                out[i], found[i] = out[j], found[j]
        return out, found

    def _rows(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, int, int, bytes]]:
        """Every stored (doc id, start, end, vector bytes) of ``doc_ids``, a page of documents at a time."""
        docs = sorted(doc_ids)
        with closing(self._connect()) as db:
            for lo in range(0, len(docs), _SLICE):
                part = docs[lo : lo + _SLICE]
                marks = ",".join("?" * len(part))
                yield from db.execute(
                    f"SELECT doc_id, start, end, vector FROM vectors WHERE doc_id IN ({marks})", part
                )

    def delete(self, doc_ids: Sequence[str]) -> None:
        """Forget the vectors of ``doc_ids``."""
        if not doc_ids or not self.path.exists():
            return
        with closing(self._connect()) as db, db:
            for lo in range(0, len(doc_ids), _SLICE):
                part = list(doc_ids[lo : lo + _SLICE])
                db.execute(f"DELETE FROM vectors WHERE doc_id IN ({','.join('?' * len(part))})", part)
