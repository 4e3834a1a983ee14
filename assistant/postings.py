"""The lexical index of the chunks: one postings list per term, with BM25 weights.

It replaces ``bm25s`` and the per-chunk term sets of earlier versions. The
weights are those of ``bm25s.BM25()`` (Lucene's BM25, k1 = 1.5, b = 0.75, its
IDF), so scores rank chunks exactly as ``bm25s`` did; but the postings also
answer "which chunks hold these terms?" without a Python loop over every chunk,
they are a few flat numpy arrays that pickle with the index snapshot
(:mod:`assistant.snapshot`), and an ingest updates them without reading or
tokenising the chunks it did not touch (:meth:`Postings.update`: the kept
chunks' postings are filtered and renumbered as arrays, the weights recomputed).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

K1 = 1.5
B = 0.75


@dataclass(slots=True)
class Postings:
    """Chunks by term: ``rows[offsets[t]:offsets[t + 1]]`` hold term ``t`` (``tfs`` times), ``weights`` BM25."""

    vocab: dict[str, int]
    offsets: np.ndarray  # int64, len(vocab) + 1
    rows: np.ndarray  # int32 chunk positions, ascending within a term
    tfs: np.ndarray  # int32 occurrences of the term in the chunk
    weights: np.ndarray  # float32 BM25 weight of the term in the chunk
    lengths: np.ndarray  # int32 terms per chunk

    @property
    def n_chunks(self) -> int:
        return len(self.lengths)

    @classmethod
    def build(cls, tokens: Sequence[Sequence[str]]) -> Postings:
        """Postings of chunks given as their (stemmed) terms, in chunk order."""
        vocab: dict[str, int] = {}
        return cls._assemble(vocab, *_counts(vocab, tokens, 0))

    def update(self, keep: np.ndarray, tokens: Sequence[Sequence[str]]) -> Postings:
        """The postings of the chunks where ``keep`` is True (in their order), then of ``tokens``' chunks."""
        positions = np.cumsum(keep, dtype=np.int64) - 1
        term = np.repeat(np.arange(len(self.vocab), dtype=np.int64), np.diff(self.offsets))
        kept = keep[self.rows]
        vocab = dict(self.vocab)
        new_term, new_rows, new_tf, new_lengths = _counts(vocab, tokens, int(keep.sum()))
        return self._assemble(
            vocab,
            np.concatenate([term[kept], new_term]),
            np.concatenate([positions[self.rows[kept]], new_rows]),
            np.concatenate([self.tfs[kept], new_tf]),
            np.concatenate([self.lengths[keep], new_lengths]),
        )

    def reordered(self, order: np.ndarray) -> Postings:
        """The same postings with chunk ``order[i]`` renumbered ``i``."""
        if len(order) == 0 or bool(np.all(order == np.arange(len(order)))):
            return self
        position = np.empty_like(order)
        position[order] = np.arange(len(order))
        term = np.repeat(np.arange(len(self.vocab), dtype=np.int64), np.diff(self.offsets))
        return self._assemble(dict(self.vocab), term, position[self.rows], self.tfs, self.lengths[order])

    @classmethod
    def _assemble(
        cls, vocab: dict[str, int], term: np.ndarray, rows: np.ndarray, tf: np.ndarray, lengths: np.ndarray
    ) -> Postings:
        n = len(lengths)
        order = np.argsort(term * max(n, 1) + rows, kind="stable")
        term, rows, tf = term[order], rows[order], tf[order]
        offsets = np.searchsorted(term, np.arange(len(vocab) + 1)).astype(np.int64)
        df = np.diff(offsets).astype(np.float64)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        average = float(lengths.mean()) if n else 1.0
        norm = K1 * (1 - B + B * lengths[rows] / max(average, 1e-9))
        weights = (idf[term] * tf / (tf + norm)).astype(np.float32)
        return cls(
            vocab, offsets, rows.astype(np.int32), tf.astype(np.int32), weights, lengths.astype(np.int32)
        )

    def idf(self) -> dict[str, float]:
        """IDF of every term some chunk holds (Lucene's, as BM25 uses it)."""
        n = self.n_chunks
        df = np.diff(self.offsets)
        return {
            t: math.log(1 + (n - int(df[i]) + 0.5) / (int(df[i]) + 0.5))
            for t, i in self.vocab.items()
            if df[i]
        }

    def chunks_of(self, term: str) -> np.ndarray:
        """Positions of the chunks holding ``term``."""
        i = self.vocab.get(term)
        return self.rows[self.offsets[i] : self.offsets[i + 1]] if i is not None else self.rows[:0]

    def scores(self, query_terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk for ``query_terms`` (a repeated term counts again, as in bm25s)."""
        scores = np.zeros(self.n_chunks, dtype=np.float32)
        for term in query_terms:
            i = self.vocab.get(term)
            if i is not None:
                lo, hi = self.offsets[i], self.offsets[i + 1]
                scores[self.rows[lo:hi]] += self.weights[lo:hi]
        return scores

    def matches(self, term_set: set[str]) -> np.ndarray:
        """How many of ``term_set`` each chunk holds."""
        counts = np.zeros(self.n_chunks, dtype=np.int32)
        for term in term_set:
            counts[self.chunks_of(term)] += 1
        return counts


def _counts(
    vocab: dict[str, int], tokens: Sequence[Sequence[str]], first_row: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(term id, chunk position, occurrences) of each term of each chunk, and the chunks' lengths.

    New terms are added to ``vocab``; chunk ``i`` of ``tokens`` is position ``first_row + i``.
    """
    lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    ids = np.fromiter(
        (vocab.setdefault(t, len(vocab)) for toks in tokens for t in toks),
        dtype=np.int64,
        count=int(lengths.sum()),
    )
    chunk = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
    n = max(len(tokens), 1)
    keys, tf = np.unique(ids * n + chunk, return_counts=True)
    return keys // n, keys % n + first_row, tf.astype(np.int64), lengths
