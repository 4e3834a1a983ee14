"""How a statement is read for "who said …?": alone, by its quotation and each of its sentences,
after the sentence before (when it opens with a pronoun) and under its article's title; the best
reading near enough the topic in meaning scores it (:func:`who_scores`).

The thresholds are those of :mod:`assistant.semantic` (``THRESHOLD``, ``DENSE_FLOOR``,
``TITLE_FLOOR``) and the part readings' own below, calibrated on the development half of the
question benchmark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant import semantic
from assistant.compose import coverage, topic_terms
from assistant.retrieval import Index
from assistant.semantic import (
    DENSE_FLOOR,
    TITLE_FLOOR,
    Scored,
    in_context,
    key,
    query_vector,
    score,
    sentence_before,
)
from ingest.store import Store
from ingest.text import sentences

# A who-said statement is also scored by its quoted words alone and by each of its sentences
# (:func:`parts`) of SENTENCE_WORDS words or more ("He's absolutely right." says too
# little to be read alone).
SENTENCE_WORDS = 5
# A part read alone is nearer the topic than the whole it comes from, for a statement that says the topic
# and for one that does not alike: it counts only at PART_FLOOR or more in meaning.
PART_FLOOR = 0.57
# ... and only the parts of a statement at PART_WHOLE or more in meaning as a whole are read: the first
# question on an article embeds them (at 640 articles, reading every candidate's parts made the first
# who-question 1.4 s at the median). The question benchmark answers the same from 0.0 to 0.4; the one
# development answer a part makes right is at 0.44 whole (its stored vector).
PART_WHOLE = 0.35
_QUOTED = re.compile(r"[“\"]([^”“\"]+)[”\"]|''(.+?)''")
# ", blaming it on …", ", adding that …": a clause of its own after a comma (see :func:`parts`).
_ING_CLAUSE = re.compile(r",[”\"’']?\s+([a-z]{3,}ing\b[^.;!?]*[.;!?]?)")
# A statement opening with a pronoun ("He stressed that the aircraft were unarmed.") is also
# read after the sentence before it, which says who and what it is about.
_PRONOUN_OPENING = re.compile(r"^\W*(?:he|she|they|it|this|that|these|those)\b", re.I)


def after_pronoun(
    index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]]
) -> list[Scored | None]:
    """Each statement opening with a pronoun, read after the sentence before it in its
    paragraph (None for the others)."""
    read: dict[Any, str] = {}
    for s in statements:
        text = index.texts[s["doc_id"]]
        own = text[s["start"] : s["end"]]
        before = sentence_before(text, s["start"]) if _PRONOUN_OPENING.match(own) else ""
        if before:
            read[("after", *key(s))] = f"{before} {own}"
    got = _readings(index, store, topic, read)
    return [Scored(s, *got[k]) if (k := ("after", *key(s))) in got else None for s in statements]


def _readings(index: Index, store: Store, topic: str, read: dict[Any, str]) -> dict[Any, tuple[float, float]]:
    """Each reading's coverage of the topic's terms and cosine with the topic (its vector embedded
    once per index generation, :func:`semantic.cached`)."""
    if not read:
        return {}
    query = query_vector(store, topic)
    vectors_ = semantic.cached(index, store, read)
    wanted = topic_terms(topic)
    return {k: (coverage(index, wanted, text), float(vectors_[k] @ query)) for k, text in read.items()}


def parts(text: str) -> list[str]:
    """The parts of a statement read on their own besides the whole: its quotations of
    :data:`SENTENCE_WORDS` words or more (not a title's or a scare quote's few words) without the
    attribution around them, and (of two or more) each sentence, of the quotation or of the whole,
    of :data:`SENTENCE_WORDS` words or more.

    >>> parts("“He's right. There's a severe disconnect here,” Flynn said on Fox News.")
    ["He's right. There's a severe disconnect here,", "There's a severe disconnect here,"]
    >>> parts("“He's right. There's a severe disconnect here,” Flynn told “Fox and Friends.”")
    ["He's right. There's a severe disconnect here,", "There's a severe disconnect here,"]
    >>> parts("He said the ferry was late. It was.")
    ['He said the ferry was late.']

    A clause after the statement's own, opened by a verb in -ing, says what the speaker did
    besides ("… said the assault was a provocation, blaming it on the separatists"), and is read
    alone too:

    >>> parts("Vell said the shelling was a provocation, blaming it on the rebels in the east.")[-1]
    'blaming it on the rebels in the east.'
    """
    quoted = " ".join(
        q for m in _QUOTED.finditer(text) if len((q := m.group(1) or m.group(2)).split()) >= SENTENCE_WORDS
    )
    out = [quoted] if quoted and quoted != text.strip() else []
    for whole in out or [text]:
        parts = [p.of(whole) for p in sentences(whole)]
        if len(parts) > 1:
            out += parts
    out += [m.group(1) for m in _ING_CLAUSE.finditer(text)]
    return [r for r in dict.fromkeys(out) if len(r.split()) >= SENTENCE_WORDS]


def by_parts(
    index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]], whole: Sequence[float]
) -> list[Scored | None]:
    """Each statement's best reading of :func:`parts` at :data:`PART_FLOOR` or more in meaning
    (None when it has none): a quotation's
    one sentence that says the topic is diluted by the rest and by who said it where ("He's
    absolutely right. There's a severe disconnect between this White House and ... our military,"
    Flynn ... said Thursday morning on Fox News's "Fox and Friends." meets "a deep rift between the
    administration and the armed forces" at 0.48 whole, 0.61 by the quoted sentence).

    ``whole`` is each statement's own cosine with the topic: the parts of one below
    :data:`PART_WHOLE` are not read (nor embedded)."""
    read: dict[Any, str] = {}
    owner: list[list[Any]] = []
    for s, near in zip(statements, whole, strict=True):
        text = index.texts[s["doc_id"]][s["start"] : s["end"]]
        keys = [("part", r) for r in parts(text)] if near >= PART_WHOLE else []
        read.update({k: k[1] for k in keys})
        owner.append(keys)
    got = _readings(index, store, topic, read)
    out: list[Scored | None] = []
    for s, keys in zip(statements, owner, strict=True):
        scored = [Scored(s, *got[k]) for k in keys]
        out.append(max((r for r in scored if r.dense >= PART_FLOOR), key=lambda r: r.score, default=None))
    return out


def who_scores(index: Index, store: Store, topic: str, statements: Sequence[dict[str, Any]]) -> list[float]:
    """Each statement's score for "who said ``topic``?": the best of its readings alone, by its
    quotation or one of its sentences (:func:`by_parts`), (opening with a pronoun) after the
    sentence before, and (in the articles whose titles are nearest the
    topic, :func:`in_context`, and only for a statement at :data:`TITLE_FLOOR` or more alone) under
    its article's title — a headline often says in other words what the statement says
    ("Lawmaker urges retaliation on Russia" over "they paid so little price for the hack"). Only
    readings at :data:`DENSE_FLOOR` or more in meaning count; 0.0 when none is — sharing the
    topic's words is not saying it."""
    plain = score(index, store, topic, statements)
    after = after_pronoun(index, store, topic, statements)
    alone = by_parts(index, store, topic, statements, [p.dense for p in plain])
    titled = [
        t if p.dense >= TITLE_FLOOR else 0.0
        for p, t in zip(plain, in_context(index, store, topic, statements), strict=True)
    ]
    return [
        max(
            (
                r.score
                for r in (p, a, o, Scored(p.statement, p.lexical, t))
                if r is not None and r.dense >= DENSE_FLOOR
            ),
            default=0.0,
        )
        for p, a, o, t in zip(plain, after, alone, titled, strict=True)
    ]
