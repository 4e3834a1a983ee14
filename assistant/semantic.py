"""Matching statements by meaning as well as words: "varsity" meets "school", "outbreak of
war" meets "war could break out".

A statement's score for a topic combines its lexical coverage (the IDF-weighted
share of the topic's terms it holds, :func:`assistant.compose.coverage`) with
the cosine similarity of its embedding and the topic's. The weights and the
threshold below were calibrated on the development half of the question
benchmark (``evaluation/questions.jsonl``); below the threshold a statement
does not answer.

Statements are embedded the first time a question needs them and kept with the
index snapshot (a new store generation starts afresh); a question embeds only
the candidates its search found, so a warm question costs one query embedding
and a few sentences.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.compose import coverage, topic_terms
from assistant.retrieval import Index, terms
from ingest.store import Store
from ingest.text import sentences

# score = LEXICAL * coverage + (1 - LEXICAL) * cosine. A statement answers "who said …?" at
# THRESHOLD or more; among one speaker's statements ("what did X say about …?"), at SPEAKER_THRESHOLD.
LEXICAL = 0.3
THRESHOLD = 0.42
SPEAKER_THRESHOLD = 0.35
# When none of a speaker's statements reaches SPEAKER_THRESHOLD, each statement of the
# CONTEXT_ARTICLES articles whose titles are nearest the topic is read under its article's
# title ("Ferry turned back …" + "Marwick referred to the manoeuvre as …"); at
# CONTEXT_THRESHOLD or more, and within CONTEXT_MARGIN of the best statement so read, it
# answers. 0.35 was chosen on the development half ("the ferry episode" 0.47, "the line of
# trucks" 0.43; its unanswerable questions read at most 0.17).
CONTEXT_THRESHOLD = 0.35
CONTEXT_MARGIN = 0.1
CONTEXT_ARTICLES = 3
# A statement opening with a pronoun ("He stressed that the aircraft were unarmed.") is also
# scored for who-said read after the sentence before it, which says who and what it is about.
_PRONOUN_OPENING = re.compile(r"^\W*(?:he|she|they|it|this|that|these|those)\b", re.I)

_lock = threading.Lock()
# Vectors of titles and of statements read under their title, for one index generation at a time.
_context: dict[str, dict[Any, np.ndarray]] = {}
_terms: dict[str, dict[tuple[str, int, int], set[str]]] = {}


@dataclass(slots=True)
class Scored:
    """A statement and how well it matches the topic."""

    statement: dict[str, Any]
    lexical: float
    dense: float

    @property
    def score(self) -> float:
        return LEXICAL * self.lexical + (1 - LEXICAL) * self.dense


def key(s: dict[str, Any]) -> tuple[str, int, int]:
    return (str(s["doc_id"]), int(s["start"]), int(s["end"]))


def statement_terms(index: Index) -> list[set[str]]:
    """The stemmed terms of each statement of ``index``, computed once per snapshot."""
    with _lock:
        if len(index.statement_terms) != len(index.statements):
            index.statement_terms[:] = [
                set(terms(index.texts[s["doc_id"]][s["start"] : s["end"]])) for s in index.statements
            ]
        return index.statement_terms


def vectors(index: Index, store: Store, statements: Sequence[dict[str, Any]]) -> np.ndarray:
    """Unit vectors of ``statements`` (sentences as cited), embedding only the ones not seen yet."""
    cache: dict[tuple[str, int, int], np.ndarray] = index.vectors
    with _lock:
        missing = list(dict.fromkeys(key(s) for s in statements if key(s) not in cache))
    if missing:
        # fp32 vectors, as the thresholds were calibrated with (an int8 ingest model would shift them)
        embed = getattr(store.embeddings, "embed_precise", store.embeddings.embed_documents)
        rows = embed([index.texts[d][a:b] for d, a, b in missing])
        with _lock:
            for span, row in zip(missing, rows, strict=True):
                cache[span] = np.asarray(row, dtype=np.float32)
    if not statements:
        return np.zeros((0, 1), dtype=np.float32)
    return np.stack([cache[key(s)] for s in statements])


def score(index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]]) -> list[Scored]:
    """Each statement's lexical and dense match with ``topic``."""
    if not statements:
        return []
    wanted = topic_terms(topic)
    query = np.asarray(store.embeddings.embed_query(topic), dtype=np.float32)
    dense = vectors(index, store, statements) @ query
    held = _terms_by_key(index)
    return [
        Scored(s, _covered(index, wanted, held[key(s)]), float(d))
        for s, d in zip(statements, dense, strict=True)
    ]


def _terms_by_key(index: Index) -> dict[tuple[str, int, int], set[str]]:
    """:func:`statement_terms` by statement key, built once per index snapshot."""
    with _lock:
        built = _terms.get(index.generation)
    if built is None:
        built = {key(s): t for s, t in zip(index.statements, statement_terms(index), strict=True)}
        with _lock:
            _terms.clear()
            _terms[index.generation] = built
    return built


def _covered(index: Index, wanted: list[str], present: set[str]) -> float:
    """:func:`assistant.compose.coverage` of a text whose terms are ``present``."""
    if not wanted:
        return 1.0
    total = sum(index.term_weight(t) for t in wanted)
    return sum(index.term_weight(t) for t in wanted if t in present) / total


def candidates(
    index: Index, chunk_spans: Sequence[tuple[str, int, int]], limit: int = 60
) -> list[dict[str, Any]]:
    """Statements inside the given chunks (doc, start, end), in chunk order."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, int, int]] = set()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for s in index.statements:
        by_doc.setdefault(str(s["doc_id"]), []).append(s)
    for doc_id, start, end in chunk_spans:
        for s in by_doc.get(doc_id, []):
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
    weights = {t: index.term_weight(t) for t in wanted}  # once, not once per statement
    total = sum(weights.values())
    scored = [
        (sum(w for t, w in weights.items() if t in present) / total, i)
        for i, present in enumerate(statement_terms(index))
    ]
    best = sorted((c, i) for c, i in scored if c >= floor)[::-1][:limit]
    return [index.statements[i] for _, i in best]


def _precise(store: Store, texts: list[str]) -> list[np.ndarray]:
    embed = getattr(store.embeddings, "embed_precise", store.embeddings.embed_documents)
    return [np.asarray(row, dtype=np.float32) for row in embed(texts)] if texts else []


def _cached(index: Index, store: Store, keyed: dict[Any, str]) -> dict[Any, np.ndarray]:
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
    query = np.asarray(store.embeddings.embed_query(topic), dtype=np.float32)
    docs = list(dict.fromkeys(str(s["doc_id"]) for s in statements))
    titles = _cached(index, store, {("title", d): index.docs[d].title or "" for d in docs})
    nearest = set(sorted(docs, key=lambda d: -float(titles[("title", d)] @ query))[:CONTEXT_ARTICLES])
    chosen = [s for s in statements if s["doc_id"] in nearest]
    read = _cached(
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


def after_pronoun(
    index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]]
) -> list[float]:
    """The score of each statement opening with a pronoun, read after the sentence before it in
    its paragraph (0.0 for the others)."""
    read: dict[Any, str] = {}
    for s in statements:
        text = index.texts[s["doc_id"]]
        own = text[s["start"] : s["end"]]
        before = sentence_before(text, s["start"]) if _PRONOUN_OPENING.match(own) else ""
        if before:
            read[("after", *key(s))] = f"{before} {own}"
    if not read:
        return [0.0] * len(statements)
    query = np.asarray(store.embeddings.embed_query(topic), dtype=np.float32)
    vectors_ = _cached(index, store, read)
    wanted = topic_terms(topic)
    out = []
    for s in statements:
        k = ("after", *key(s))
        if k in read:
            dense = float(vectors_[k] @ query)
            out.append(LEXICAL * coverage(index, wanted, read[k]) + (1 - LEXICAL) * dense)
        else:
            out.append(0.0)
    return out
