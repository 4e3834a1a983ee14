"""A speaker's statements, kept per index generation: what "what did X say (about Y)?" reads.

Resolving a typed name reads every speaker, and a frequent speaker has thousands of
statements (11,000 for one at 10,000 articles); asking about them again must redo
neither. For the full index of a generation (never a filtered view, whose statements
differ) this module keeps each name's resolution and each set of speakers' statements
(a :class:`Pool`) with the arrays an answer needs: the statements' positions in the
index, their articles, dates and offsets, and their vectors once a topic needs them.
Which statements an answer cites is then chosen with arrays (:func:`select`), the same
way for a kept pool and for one made for a single answer.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from assistant.names import Resolution
    from assistant.retrieval import Index

# Pools kept per generation; past this many the oldest are dropped (each holds its vectors).
MAX_POOLS = 64

_lock = threading.Lock()
_kept: dict[str, Any] = {}  # "generation", "resolved": who -> Resolution, "pools": names -> Pool


@dataclass(slots=True)
class Pool:
    """Statements of one or more speakers, each with its label, and what choosing among them needs."""

    chosen: list[tuple[dict[str, Any], str]]
    statements: list[dict[str, Any]]
    positions: np.ndarray  # of each statement in ``Index.statements``
    docs: np.ndarray  # a number per article
    dates: np.ndarray  # the rank of its article's date ("" first)
    starts: np.ndarray
    reported: np.ndarray  # found by the learned model (kind "reported"), not by the cue rules
    matrix: np.ndarray | None = None  # the statements' vectors, once a topic needed them

    @classmethod
    def of(cls, index: Index, chosen: list[tuple[dict[str, Any], str]]) -> Pool:
        statements = [s for s, _ in chosen]
        at = index.statement_spans()[0]
        doc_ids = [str(s["doc_id"]) for s in statements]
        codes = {d: i for i, d in enumerate(dict.fromkeys(doc_ids))}
        dates = [index.docs[d].date or "" for d in doc_ids]
        rank = {d: i for i, d in enumerate(sorted(set(dates)))}
        n = len(statements)
        return cls(
            chosen=chosen,
            statements=statements,
            positions=np.fromiter(
                (at[(d, int(s["start"]), int(s["end"]))] for d, s in zip(doc_ids, statements, strict=True)),
                dtype=np.int64,
                count=n,
            ),
            docs=np.fromiter((codes[d] for d in doc_ids), dtype=np.int64, count=n),
            dates=np.fromiter((rank[d] for d in dates), dtype=np.int64, count=n),
            starts=np.fromiter((int(s["start"]) for s in statements), dtype=np.int64, count=n),
            reported=np.fromiter((s.get("kind") == "reported" for s in statements), dtype=bool, count=n),
        )


def _kept_for(index: Index) -> dict[str, Any] | None:
    """What is kept for ``index``'s generation (reset when it changes); None for a filtered view."""
    if index.statement_postings is None:  # Index.restricted: other statements under the same generation
        return None
    with _lock:
        if _kept.get("generation") != index.generation:
            _kept.clear()
            _kept.update(generation=index.generation, resolved={}, pools={})
        return _kept


def resolution(index: Index, who: str) -> Resolution:
    """:func:`assistant.names.resolve` of ``who`` against the index's speakers, kept per generation."""
    from assistant.names import resolve

    kept = _kept_for(index)
    if kept is None:
        return resolve(who, index.speakers, index.texts)
    with _lock:
        found = kept["resolved"].get(who)
    if found is None:
        found = resolve(who, index.speakers, index.texts)
        with _lock:
            kept["resolved"][who] = found
    return found


def pool(index: Index, names: list[str]) -> Pool:
    """The statements of the speakers ``names`` (:func:`assistant.people.statements_of`), kept per generation."""
    from assistant.people import statements_of

    kept = _kept_for(index)
    key = tuple(names)
    if kept is not None:
        with _lock:
            found = kept["pools"].get(key)
        if found is not None:
            return found
    made = Pool.of(
        index, statements_of(names, index.statements_by(names), index.canon, index.speakers, index.proxied)
    )
    if kept is not None:
        with _lock:
            pools = kept["pools"]
            if len(pools) >= MAX_POOLS:
                del pools[next(iter(pools))]
            made = pools.setdefault(key, made)
    return made


def kept_pool(index: Index, statements: Sequence[dict[str, Any]]) -> Pool | None:
    """The kept pool whose statements are ``statements`` (the very list), if any."""
    kept = _kept_for(index)
    if kept is None:
        return None
    with _lock:
        return next((p for p in kept["pools"].values() if p.statements is statements), None)


def select(pool: Pool, scores: Sequence[float], bar: float, limit: int | None) -> tuple[list[int], int, int]:
    """Which statements of ``pool`` an answer cites: those scoring ``bar`` or more, at most ``limit``
    of them — what the cue rules found before the learned model's "reported" sentences, then the
    best scored (to 6 decimals), then the newest, then the earliest in its article.

    Returns:
        Their positions in the pool (in pool order), how many scored ``bar`` or more, and in how
        many articles.
    """
    values = np.asarray(scores, dtype=np.float64)
    passing = np.flatnonzero(values >= bar)
    count, n_docs = len(passing), len(np.unique(pool.docs[passing]))
    if limit is None or count <= limit:
        return passing.tolist(), count, n_docs
    held = values[passing]
    if held.min() == held.max():  # one score for all ("what did X say?" without a topic)
        rounded = np.zeros(count)
    else:
        rounded = np.fromiter((round(float(v), 6) for v in held), dtype=np.float64, count=count)
    # ascending on (reported, -score, -date, start, position): a stable sort on
    # (not reported, score, date, -start) reversed
    keys = (passing, pool.starts[passing], -pool.dates[passing], -rounded, pool.reported[passing])
    order = np.lexsort(keys)
    return sorted(passing[order[:limit]].tolist()), count, n_docs
