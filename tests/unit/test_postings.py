"""The postings rank chunks as bm25s did, and an update equals a build from scratch."""

from __future__ import annotations

import random

import numpy as np

from assistant.postings import Postings

WORDS = [
    "harbour",
    "fog",
    "ferry",
    "bridge",
    "storm",
    "cable",
    "pilot",
    "road",
    "tide",
    "quay",
    "wind",
    "sail",
]


def corpus(seed: int, n: int) -> list[list[str]]:
    rng = random.Random(seed)
    return [[rng.choice(WORDS) for _ in range(rng.randint(1, 30))] for _ in range(n)]


def test_scores_are_those_of_bm25s() -> None:
    import bm25s

    chunks = corpus(1, 200)
    reference = bm25s.BM25()
    reference.index(chunks, show_progress=False)
    ours = Postings.build(chunks)
    for query in (["fog"], ["harbour", "ferry"], ["storm", "storm", "wind"], ["tide", "nowhere"]):
        expected = reference.get_scores([t for t in query if t in WORDS])
        np.testing.assert_allclose(ours.scores(query), expected, rtol=1e-5, atol=1e-6)


def test_an_update_equals_a_build_of_what_is_kept_and_added() -> None:
    old, new = corpus(2, 120), corpus(3, 30)
    keep = np.array([i % 3 != 0 for i in range(len(old))])
    updated = Postings.build(old).update(keep, new)
    rebuilt = Postings.build([c for c, k in zip(old, keep, strict=True) if k] + new)
    for query in (["fog", "pilot"], ["quay"], ["sail", "sail", "bridge"]):
        np.testing.assert_allclose(updated.scores(query), rebuilt.scores(query), rtol=1e-6)
    np.testing.assert_array_equal(updated.matches({"fog", "wind"}), rebuilt.matches({"fog", "wind"}))
    assert updated.idf() == rebuilt.idf()


def test_a_term_no_chunk_holds_any_more_is_unknown() -> None:
    postings = Postings.build([["fog", "harbour"], ["ferry"]]).update(np.array([False, True]), [])
    assert "fog" not in postings.idf()
    assert postings.matches({"fog"}).tolist() == [0]
    assert postings.scores(["ferry"])[0] > 0
