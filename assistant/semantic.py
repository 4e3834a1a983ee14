"""Matching statements by meaning as well as words: "varsity" meets "school", "outbreak of
war" meets "war could break out".

A statement's score for a topic combines its lexical coverage (the IDF-weighted
share of the topic's terms it holds, :func:`assistant.compose.coverage`) with
the cosine similarity of its embedding and the topic's. The weights and the
threshold below were calibrated on the development half of the question
benchmark (``evaluation/questions.jsonl``); below the threshold a statement
does not answer.

Statements are embedded at ingest (with the chunks' model, :mod:`ingest.vectors`); a question reads
the vectors of the candidates its search found and keeps them with the index
snapshot. A store ingested before that (or on a Chroma server) has them embedded
the first time a question needs them, so a warm question costs one query
embedding and a few sentences at most.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant import pools
from assistant.compose import coverage, topic_terms
from assistant.retrieval import Index
from ingest.store import Store
from ingest.text import sentences

# score = LEXICAL * coverage + (1 - LEXICAL) * cosine. A statement answers "who said …?" at
# THRESHOLD or more; among one speaker's statements ("what did X say about …?"), at SPEAKER_THRESHOLD.
LEXICAL = 0.3
THRESHOLD = 0.42
SPEAKER_THRESHOLD = 0.35
# ... and a who-said statement must also be near the topic in meaning: a cosine of DENSE_FLOOR or
# more in the reading that scores ("we will bring our radar logs" shares "radar logs" with "who
# called the radar logs forged?", cosine 0.44; the development half's right answers are 0.50 or more).
DENSE_FLOOR = 0.47
# When none of a speaker's statements reaches SPEAKER_THRESHOLD, each statement of the
# CONTEXT_ARTICLES articles whose titles are nearest the topic is read under its article's
# title ("Ferry turned back …" + "Marwick referred to the manoeuvre as …"); at
# CONTEXT_THRESHOLD or more, and within CONTEXT_MARGIN of the best statement so read, it
# answers. 0.35 was chosen on the development half ("the ferry episode" 0.47, "the line of
# trucks" 0.43; its unanswerable questions read at most 0.17).
CONTEXT_THRESHOLD = 0.35
CONTEXT_MARGIN = 0.1
CONTEXT_ARTICLES = 3
# The thresholds were calibrated on fp32 vectors; ingest stores int8 ones (cosine 0.99 to fp32,
# a score off by 0.01 at most on the question benchmark). A score within NEAR of a threshold is
# computed again from fp32 vectors, so int8 never decides a close call ("varsity shelling" for
# "the school shelling": 0.357 in fp32, 0.348 in int8, against SPEAKER_THRESHOLD 0.35).
NEAR = 0.03
# A who-said statement read under its article's title counts only when the statement alone has
# a cosine of TITLE_FLOOR or more with the topic: the headline adds what the article is about,
# the statement must still be near saying it. On the development half, the statements the
# title reading makes right are at 0.43-0.47 alone; Ostrik's "the logs showed every position
# ..." under "Drovnia publishes radar logs ..." against "who called the radar logs forged?" is
# at 0.41 alone (0.53 under the title).
TITLE_FLOOR = 0.42
# A who-said question also scores the NEAREST statements of the whole index in meaning (by the vectors
# stored at ingest): for dev who-30 the gold statement is not in the search's first 12 chunks and is
# 16th of all statements by its stored vector (int8 at ingest; 0.44 against 0.475 in fp32).
NEAREST = 24

_lock = threading.Lock()
# The last topics' query vectors, with the embedder that made them (a who-question reads its
# topic in several ways; each would embed it again).
_queries: dict[tuple[int, str], tuple[Any, np.ndarray]] = {}
_QUERIES = 32
# Vectors of titles and of statements read under their title, for one index generation at a time.
_context: dict[str, dict[Any, np.ndarray]] = {}
# Every statement's vector as one matrix, for the full index of one generation at a time.
_corpus: dict[str, np.ndarray] = {}


@dataclass(slots=True)
class Scored:
    """A statement and how well it matches the topic."""

    statement: dict[str, Any]
    lexical: float
    dense: float

    @property
    def score(self) -> float:
        return LEXICAL * self.lexical + (1 - LEXICAL) * self.dense


def query_vector(store: Store, text: str) -> np.ndarray:
    """``text`` embedded as a query (fp32), kept for the last :data:`_QUERIES` texts."""
    embedder, at = store.embeddings, (id(store.embeddings), text)
    with _lock:
        kept = _queries.get(at)
    if kept is not None and kept[0] is embedder:
        return kept[1]
    vector = np.asarray(embedder.embed_query(text), dtype=np.float32)
    with _lock:
        if len(_queries) >= _QUERIES:
            del _queries[next(iter(_queries))]
        _queries[at] = (embedder, vector)
    return vector


def key(s: dict[str, Any]) -> tuple[str, int, int]:
    return (str(s["doc_id"]), int(s["start"]), int(s["end"]))


def vectors(index: Index, store: Store, statements: Sequence[dict[str, Any]]) -> np.ndarray:
    """Unit vectors of ``statements`` (sentences as cited), embedding only the ones not seen yet.

    A speaker's kept statements (:mod:`assistant.pools`) keep their vectors as one array.
    """
    pool = pools.kept_pool(index, statements)
    if pool is not None and pool.matrix is not None:
        return pool.matrix
    cache: dict[tuple[str, int, int], np.ndarray] = index.vectors
    keys = [key(s) for s in statements]
    with _lock:
        missing = list(dict.fromkeys(k for k in keys if k not in cache))
    if missing:  # those stored at ingest, else embedded now (an older store)
        stored = store.statement_vectors(missing)
        with _lock:
            cache.update(stored)
        missing = [span for span in missing if span not in stored]
    if missing:
        # with the model ingest uses for them, so that they score alike
        rows = store.embeddings.embed_documents([index.texts[d][a:b] for d, a, b in missing])
        with _lock:
            for span, row in zip(missing, rows, strict=True):
                cache[span] = np.asarray(row, dtype=np.float32)
    if not statements:
        return np.zeros((0, 1), dtype=np.float32)
    matrix = np.stack([cache[k] for k in keys])
    if pool is not None:
        pool.matrix = matrix
    return matrix


def coverages(
    index: Index, wanted: list[str], statements: Sequence[dict[str, Any]] | None = None
) -> np.ndarray:
    """:func:`assistant.compose.coverage` of ``wanted`` for ``statements`` (default: all of the index's).

    From the statements' postings when the index has them (a few array additions per term),
    else by reading each statement.
    """
    pool = index.statements if statements is None else statements
    if not wanted:
        return np.ones(len(pool))
    if index.statement_postings is None:
        return np.array(
            [coverage(index, wanted, index.texts[s["doc_id"]][s["start"] : s["end"]]) for s in pool]
        )
    held = np.zeros(len(index.statements))
    for term in wanted:
        held[index.statement_postings.chunks_of(term)] += index.term_weight(term)
    held /= sum(index.term_weight(t) for t in wanted)
    if statements is None:
        return held
    kept = pools.kept_pool(index, statements)
    if kept is not None:
        return held[kept.positions]
    at = index.statement_spans()[0]
    return held[np.fromiter((at[key(s)] for s in statements), dtype=np.int64, count=len(statements))]


def scores(index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]]) -> np.ndarray:
    """Each statement's :attr:`Scored.score` with ``topic``, as one array (what answers compare)."""
    if not statements:
        return np.zeros(0)
    lexical, dense = _matches(index, store, topic, statements)
    return LEXICAL * lexical + (1 - LEXICAL) * dense


def score(index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]]) -> list[Scored]:
    """Each statement's lexical and dense match with ``topic``."""
    if not statements:
        return []
    lexical, dense = _matches(index, store, topic, statements)
    return [Scored(s, float(c), float(d)) for s, c, d in zip(statements, lexical, dense, strict=True)]


def _matches(
    index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]]
) -> tuple[np.ndarray, np.ndarray]:
    """Lexical coverage and cosine of each statement with ``topic`` (fp32 near a threshold, see NEAR)."""
    query = query_vector(store, topic)
    dense = (vectors(index, store, statements) @ query).astype(np.float64)
    lexical = coverages(index, topic_terms(topic), statements)
    total = LEXICAL * lexical + (1 - LEXICAL) * dense
    close = [
        int(i)
        for i in np.flatnonzero(
            (np.abs(total - SPEAKER_THRESHOLD) < NEAR)
            | (np.abs(total - THRESHOLD) < NEAR)
            | (np.abs(dense - DENSE_FLOOR) < NEAR)
            | (np.abs(dense - TITLE_FLOOR) < NEAR)
        )
    ]
    if close:
        keyed = {("fp32", *key(statements[i])): _sentence(index, statements[i]) for i in close}
        exact = cached(index, store, keyed)
        for i in close:
            dense[i] = float(exact[("fp32", *key(statements[i]))] @ query)
    return lexical, dense


def _sentence(index: Index, s: dict[str, Any]) -> str:
    return index.texts[s["doc_id"]][s["start"] : s["end"]]


def candidates(
    index: Index, chunk_spans: Sequence[tuple[str, int, int]], limit: int = 60
) -> list[dict[str, Any]]:
    """Statements inside the given chunks (doc, start, end), in chunk order."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int, int]] = set()
    by_doc = index.statement_spans()[1]
    for doc_id, start, end in chunk_spans:
        for s in (index.statements[i] for i in by_doc.get(doc_id, [])):
            if start <= s["start"] < end and key(s) not in seen:
                seen.add(key(s))
                out.append(s)
    return out[:limit]


def lexical_candidates(
    index: Index, topic: str, limit: int = 40, floor: float = 0.25
) -> list[dict[str, Any]]:
    """The statements sharing most of ``topic``'s weight (at least ``floor`` of it)."""
    wanted = topic_terms(topic)
    if not wanted:
        return []
    held = coverages(index, wanted)
    found = np.flatnonzero(held >= floor)
    best = found[np.lexsort((-found, -held[found]))][:limit]  # the highest first; among equals, the later
    return [index.statements[int(i)] for i in best]


def corpus_matrix(index: Index, store: Store) -> np.ndarray:
    """Every statement's vector, in ``index.statements`` order, as one matrix (fp32: numpy multiplies
    fp16 without BLAS, three times slower at 10,000 statements).

    Kept for the full index of the newest generation; a filtered view reads it anew.
    """
    full = index.statement_postings is not None
    with _lock:
        kept = _corpus.get(index.generation) if full else None
    if kept is not None and len(kept) == len(index.statements):
        return kept
    spans = [key(s) for s in index.statements]
    matrix, found = store.statement_matrix(spans)
    missing = np.flatnonzero(~found)
    if len(missing):  # an older store, or a Chroma server: embedded once here
        texts = list(dict.fromkeys(index.texts[spans[i][0]][spans[i][1] : spans[i][2]] for i in missing))
        rows = dict(zip(texts, store.embeddings.embed_documents(texts), strict=True))
        for i in missing:
            d, a, b = spans[i]
            row = np.asarray(rows[index.texts[d][a:b]], dtype=np.float32)
            if matrix is None:
                matrix = np.zeros((len(spans), len(row)), dtype=np.float32)
            matrix[i] = row
    if matrix is None:  # no statements
        matrix = np.zeros((0, 0), dtype=np.float32)
    if full:
        with _lock:
            _corpus.clear()
            _corpus[index.generation] = matrix
    return matrix


def nearest(index: Index, store: Store, topic: str, limit: int = NEAREST) -> list[dict[str, Any]]:
    """The ``limit`` statements of the whole index nearest ``topic`` in meaning, nearest first:
    a who-said statement need not stand in a chunk the search ranks high."""
    if not index.statements or limit <= 0:
        return []
    dense = corpus_matrix(index, store) @ query_vector(store, topic)
    top = np.argpartition(-dense, limit - 1)[:limit] if limit < len(dense) else np.arange(len(dense))
    return [index.statements[int(i)] for i in top[np.argsort(-dense[top], kind="stable")]]


def _precise(store: Store, texts: list[str]) -> list[np.ndarray]:
    embed = getattr(store.embeddings, "embed_precise", store.embeddings.embed_documents)
    return [np.asarray(row, dtype=np.float32) for row in embed(texts)] if texts else []


def cached(index: Index, store: Store, keyed: dict[Any, str]) -> dict[Any, np.ndarray]:
    """Vectors of ``keyed`` texts, embedding only those not seen in this index generation."""
    with _lock:
        if index.generation not in _context:
            _context.clear()
        cache = _context.setdefault(index.generation, {})
        missing = [k for k in keyed if k not in cache]
    rows = _precise(store, [keyed[k] for k in missing])
    with _lock:
        cache.update(zip(missing, rows, strict=True))
        return {k: cache[k] for k in keyed}


def in_context(index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]]) -> list[float]:
    """Each statement's cosine with ``topic`` read under its article's title (see CONTEXT_THRESHOLD);
    0.0 for the statements of articles whose titles are not among the nearest."""
    if not statements:
        return []
    query = query_vector(store, topic)
    docs = list(dict.fromkeys(str(s["doc_id"]) for s in statements))
    titles = cached(index, store, {("title", d): index.docs[d].title or "" for d in docs})
    nearest = set(sorted(docs, key=lambda d: -float(titles[("title", d)] @ query))[:CONTEXT_ARTICLES])
    chosen = [s for s in statements if s["doc_id"] in nearest]
    read = cached(
        index,
        store,
        {
            (
                "read",
                *key(s),
            ): f"{index.docs[s['doc_id']].title or ''} {index.texts[s['doc_id']][s['start'] : s['end']]}"
            for s in chosen
        },
    )
    return [float(read[("read", *key(s))] @ query) if s["doc_id"] in nearest else 0.0 for s in statements]


def sentence_before(text: str, start: int) -> str:
    """The sentence before ``start`` in its paragraph ("" for a paragraph's first)."""
    prior = sentences(text, text.rfind("\n\n", 0, start) + 1, start)
    return prior[-1].of(text) if prior else ""
