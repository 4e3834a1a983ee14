"""Hybrid retrieval: dense (Chroma) and lexical (BM25) search fused by reciprocal rank.

An :class:`Index` is an in-memory snapshot of one store generation: article
texts and metadata, chunk offsets, the chunks' postings with BM25 weights and
the statement records. It is replaced only when the store's generation stamp
changes (and then loaded from beside the store or updated by the documents that
changed, :mod:`assistant.snapshot`), so a warm question costs one query
embedding, one Chroma query and a few postings lists.

Names in the question get a list of their own in the fusion: every chunk that
contains one of them is pulled up, whatever the embedding thinks.
"""

from __future__ import annotations

import functools
import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.people import Canon, SpeakerInfo, canonical_names, group
from assistant.postings import Postings
from ingest.lexicon import IRREGULAR_STEMS, QUESTION_WORDS, STOPWORDS
from ingest.store import DocRecord, Store
from ingest.text import words

_RRF_K = 60


@functools.lru_cache(maxsize=1 << 17)  # a corpus has far fewer distinct words than occurrences
def stem(word: str) -> str:
    """A light, deterministic stem so that 'talks' meets 'talk' and 'said' meets 'say'.

    >>> [stem(w) for w in ["talks", "said", "warned", "crisis", "boats"]]
    ['talk', 'say', 'warn', 'crisis', 'boat']
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in IRREGULAR_STEMS:
        return IRREGULAR_STEMS[w]
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "is", "us")):
        return w[:-1]
    return w


def terms(text: str) -> list[str]:
    """Stemmed content terms of ``text`` (stop words dropped)."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


@dataclass(slots=True)
class ChunkRef:
    """Where one chunk stands."""

    id: str
    doc_id: str
    start: int
    end: int


@dataclass(slots=True)
class Index:
    """An in-memory snapshot of one store generation (built, updated and persisted by :mod:`assistant.snapshot`)."""

    generation: str
    docs: dict[str, DocRecord]
    texts: dict[str, str]
    chunks: list[ChunkRef]
    postings: Postings
    idf: dict[str, float]
    statements: list[dict[str, Any]] = field(default_factory=list)
    by_chunk_id: dict[str, int] = field(default_factory=dict)
    speakers: dict[str, SpeakerInfo] = field(default_factory=dict)
    canon: Canon = field(default_factory=lambda: Canon({}))
    # what each document's record looked like when it was indexed (an ingest changes it)
    fingerprints: dict[str, str] = field(default_factory=dict)
    # statement embeddings by (doc_id, start, end), filled as questions need them (assistant.semantic)
    vectors: dict[tuple[str, int, int], Any] = field(default_factory=dict)
    # stemmed terms of each statement, in ``statements`` order, computed once when first needed
    # positions in ``statements`` by their speaker's name, and of those spoken for someone (when first needed)
    by_speaker: tuple[dict[str, list[int]], list[int]] | None = None
    # people.match() of each "speaking for" phrase met, by phrase (filled as questions need them)
    proxied: dict[str, list[str]] = field(default_factory=dict)
    # the statements' terms as postings, in ``statements`` order (None in a restricted view)
    statement_postings: Postings | None = None
    # position in ``statements`` of each span, and the positions of each document's (when first needed)
    spans: tuple[dict[tuple[str, int, int], int], dict[str, list[int]]] | None = None

    @classmethod
    def build(cls, store: Store) -> Index:
        """Read the whole store and index it (nothing persisted)."""
        from assistant.snapshot import update

        return update(store, None)

    def restricted(self, doc_ids: frozenset[str]) -> Index:
        """A view limited to ``doc_ids``: only their statements and speakers (chunks are filtered by the caller)."""
        statements = [s for s in self.statements if s["doc_id"] in doc_ids]
        return replace(
            self,
            docs={d: r for d, r in self.docs.items() if d in doc_ids},
            statements=statements,
            speakers=group(statements),
            canon=canonical_names(statements),
            by_speaker=None,
            proxied={},
            statement_postings=None,
            spans=None,
        )

    def statement_spans(self) -> tuple[dict[tuple[str, int, int], int], dict[str, list[int]]]:
        """Where each statement span stands in ``statements``, and each document's statements."""
        if self.spans is None:
            at: dict[tuple[str, int, int], int] = {}
            by_doc: dict[str, list[int]] = {}
            for i, s in enumerate(self.statements):
                at[(str(s["doc_id"]), int(s["start"]), int(s["end"]))] = i
                by_doc.setdefault(str(s["doc_id"]), []).append(i)
            self.spans = (at, by_doc)
        return self.spans

    def statements_by(self, names: Iterable[str]) -> list[dict[str, Any]]:
        """The statements that can be ``names``' own (by their speaker) or said for someone, in store order.

        A superset for :func:`assistant.people.statements_of`, found without reading every statement.
        """
        if self.by_speaker is None:
            named: dict[str, list[int]] = {}
            proxies: list[int] = []
            for i, s in enumerate(self.statements):
                if s.get("named"):
                    named.setdefault(self.canon.of(s), []).append(i)
                elif s.get("speaking_for"):
                    proxies.append(i)
            self.by_speaker = (named, proxies)
        named, proxies = self.by_speaker
        rows = sorted({i for n in set(names) for i in named.get(n, [])}.union(proxies))
        return [self.statements[i] for i in rows]

    def term_weight(self, term: str) -> float:
        """IDF of a term; unseen terms weigh like the rarest seen ones."""
        return self.idf.get(term, math.log(1 + len(self.chunks) + 0.5))

    def positions(self, doc_ids: frozenset[str]) -> set[int]:
        """Positions of the chunks of ``doc_ids``."""
        return {i for i, c in enumerate(self.chunks) if c.doc_id in doc_ids}

    def lexical(self, query_terms: Sequence[str], k: int, within: set[int] | None = None) -> list[int]:
        """Chunk positions ranked by BM25 (only those that match at all, and only ``within`` when given)."""
        if not self.chunks or not query_terms:
            return []
        scores = self.postings.scores(list(query_terms))
        return _top(scores, k, within)

    def containing(self, term_set: set[str], k: int, within: set[int] | None = None) -> list[int]:
        """Chunk positions holding any of ``term_set``, most matches first (only ``within`` when given)."""
        if not self.chunks or not term_set:
            return []
        return _top(self.postings.matches(term_set), k, within)


def _top(scores: np.ndarray, k: int, within: set[int] | None) -> list[int]:
    """Positions of the ``k`` highest positive ``scores`` (earlier first among equals), ``within`` only."""
    if within is not None:
        mask = np.zeros(len(scores), dtype=bool)
        mask[list(within)] = True
        scores = np.where(mask, scores, 0)
    hits = np.flatnonzero(scores > 0)
    best = hits[np.argsort(-scores[hits], kind="stable")[:k]]
    return [int(i) for i in best]


class IndexCache:
    """Keeps the :class:`Index` of a store fresh: loaded from the copy persisted beside the store,
    updated by the documents an ingest changed, built from scratch only when nothing usable is saved.

    ``stats`` counts how each snapshot came to be: ``loaded`` (the persisted one, nothing
    read from Chroma but the generation), ``updated`` (the changed documents read),
    ``built`` (everything read from the store).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._index: Index | None = None
        self._lock = threading.Lock()
        self.stats: dict[str, int] = {"loaded": 0, "updated": 0, "built": 0}

    def get(self) -> Index:
        """The current index (one cheap generation read when nothing changed)."""
        from assistant.snapshot import current

        generation = self.store.generation()
        with self._lock:
            if self._index is None or self._index.generation != generation:
                self._index, how = current(self.store, generation, self._index)
                self.stats[how] += 1
            return self._index


_NAME = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*|\b[A-Z]{2,}\b")


def name_terms(question: str, index: Index) -> set[str]:
    """Stemmed terms of capitalised words in the question that the corpus knows."""
    found = set()
    for m in _NAME.finditer(question):
        term = stem(m.group(0))
        if term not in STOPWORDS and term in index.idf and term not in QUESTION_WORDS:
            found.add(term)
    return found


def fuse(rankings: Sequence[Sequence[int]], weights: Sequence[float] | None = None) -> dict[int, float]:
    """Reciprocal-rank fusion of several rankings of chunk positions.

    >>> sorted(fuse([[1, 2], [2, 3]]).items(), key=lambda kv: -kv[1])[0][0]
    2
    """
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        for rank, pos in enumerate(ranking):
            scores[pos] = scores.get(pos, 0.0) + w / (_RRF_K + rank + 1)
    return scores


def search(
    index: Index,
    store: Store,
    query: str,
    k: int,
    names: set[str] | None = None,
    allowed: frozenset[str] | None = None,
    vector: Sequence[float] | None = None,
) -> list[Document]:
    """The ``k`` chunks of ``index`` that best match ``query``: dense + BM25 + names, fused by RRF.

    Args:
        index: the snapshot to search (read once per question by the caller).
        store: where the dense vectors are (the query is embedded with its embedder).
        query: the (resolved) question.
        k: how many chunks to return.
        names: the question's names (:func:`name_terms`); computed when not given.
        allowed: when given, only chunks of these documents are searched, in every ranking.
        vector: ``query`` embedded with the store's embedder, when the caller has it (else embedded here).

    Returned documents carry ``doc_id``, ``start``, ``end``, ``fused`` and ``dense``
    (cosine similarity, 0 when the chunk came only from lexical search) in their metadata.
    """
    within = None if allowed is None else index.positions(allowed)
    if not index.chunks or within == set():
        return []
    pool = max(k * 3, 20)
    vector = store.embeddings.embed_query(query) if vector is None else vector
    hits = (
        store.dense_search(vector, pool) if allowed is None else store.dense_search_in(vector, pool, allowed)
    )
    dense_sim = {index.by_chunk_id[c]: s for c, s in hits if c in index.by_chunk_id}
    if within is not None:
        dense_sim = {i: s for i, s in dense_sim.items() if i in within}
    rankings: list[Sequence[int]] = [
        sorted(dense_sim, key=lambda i: -dense_sim[i]),
        index.lexical(terms(query), pool, within),
    ]
    names = name_terms(query, index) if names is None else names
    if names:
        rankings.append(index.containing(names, pool, within))
    fused = fuse(rankings)
    best = sorted(fused, key=lambda i: -fused[i])[:k]
    return [_document(index, pos, fused[pos], dense_sim.get(pos, 0.0)) for pos in best]


def _document(index: Index, pos: int, fused: float, dense: float) -> Document:
    ref = index.chunks[pos]
    return Document(
        page_content=index.texts[ref.doc_id][ref.start : ref.end],
        id=ref.id,
        metadata={"doc_id": ref.doc_id, "start": ref.start, "end": ref.end, "fused": fused, "dense": dense},
    )


class HybridRetriever(BaseRetriever):
    """LangChain retriever over a briefing store (:func:`search` on the store's current index)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Store
    cache: IndexCache
    k: int = 6

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun | None = None
    ) -> list[Document]:
        return search(self.cache.get(), self.store, query, self.k)
