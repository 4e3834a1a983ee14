"""Answers to the question kinds beyond "what did X say?": dates, numbers, comparisons,
overviews, and follow-ups about the previous answer's citations.

Each is extractive like :mod:`assistant.compose`: every line is a verbatim
sentence of an article with its citation, and when nothing fits the answer
says the material does not say.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from langchain_core.documents import Document

from assistant.compose import (
    MIN_COVERAGE,
    NOT_FOUND,
    Pick,
    Scorer,
    build_answer,
    coverage,
    speaker_answer,
    topic_terms,
    written,
)
from assistant.models import Answer
from assistant.names import resolve as resolve_name
from assistant.people import statements_of
from assistant.periods import Period
from assistant.retrieval import Index, stem, terms
from assistant.semantic import sentence_before
from ingest.lexicon import NUMBER_WORDS, OVERVIEW_WORDS
from ingest.text import sentences

_CUE_WORDS = frozenset(stem(w) for w in OVERVIEW_WORDS)
_QUANTITY = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b|\bper cent\b", re.I)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Dates and years, which are not the quantities a number question asks for.
_DATE = re.compile(rf"\b{_MONTH} \d{{1,2}}\b|\b\d{{1,2}} {_MONTH}|\b(?:1[89]|20)\d\d\b", re.I)
_HOW_MANY = re.compile(
    r"\bhow many (.+?)(?: (?:did|does|do|are|were|is|was|have|has|had|will|would|can|could)\b|$)"
)
_MONEY_QUESTION = re.compile(
    r"\b(?:cost|costs|pay|paid|spend|spent|raise|raised|give|gave|donate|donated|money|price|earn|earned)\b"
)
_MONEY = re.compile(r"[$£€¥]|\b(?:dollars?|euros?|pounds?|cents?|kroner|krona|yen|rubles?|roubles?)\b", re.I)
# Share of a number question's topic weight a sentence must carry.
NUMBER_COVERAGE = 0.4
# "the NATO article", "the Wells Fargo story": one article, not several.
_ONE_ARTICLE = re.compile(r"\bthe (?:[\w'’-]+ ){0,4}(?:article|story|piece|report)\b")
# Share of a comparison's topic weight an article quoting both people must hold to be compared in.
SHARED_COVERAGE = 0.34


def cue_free_terms(text: str | None) -> list[str]:
    """The topic terms of an overview or date question (its cue words dropped)."""
    return [t for t in topic_terms(text) if t not in _CUE_WORDS and not t.isdigit()]


def lead(index: Index, doc_id: str, n: int = 2) -> list[Pick]:
    """The first ``n`` sentences of an article's body (its first chunk)."""
    starts = [c for c in index.chunks if c.doc_id == doc_id]
    if not starts:
        return []
    first = min(starts, key=lambda c: c.start)
    text = index.texts[doc_id]
    return [
        Pick(doc_id, s.start, s.end, 1.0 - i / 10) for i, s in enumerate(sentences(text, first.start)[:n])
    ]


def date_answer(index: Index, when: Period, topic: str | None, *, question: str, resolved: str) -> Answer:
    """The leads of the articles dated in ``when``, newest first (those on ``topic`` when it is given)."""
    dated = [d for d, rec in index.docs.items() if when.admits(rec.date)]
    wanted = cue_free_terms(topic)
    if wanted:
        on_topic = [d for d in dated if coverage(index, wanted, index.texts[d]) >= 0.5]
        dated = on_topic or dated
    dated.sort(key=lambda d: index.docs[d].date or "", reverse=True)
    picks = [p for d in dated[:8] for p in lead(index, d, 1)]
    n = len(dated)
    heading = f"{n} article{'s' * (n != 1)} dated {when.text}" + (", newest first:" if n > 1 else ":")
    if n > 8:
        heading += " (the 8 newest shown)"
    answer = build_answer(picks, index, question=question, resolved=resolved, kind="date", heading=heading)
    if not picks:
        answer.heading = f"{NOT_FOUND[:-1]}: no article is dated {when.text}."
        answer = written(answer)
    return answer


def quantity(passage: str) -> bool:
    """Whether ``passage`` carries a quantity (a date's day or year is not one).

    >>> quantity("PHILADELPHIA, July 29 (UPI) — Fans complained."), quantity("It cost $750 in 2008.")
    (False, True)
    """
    return bool(_QUANTITY.search(_DATE.sub(" ", passage)))


def counted(question: str) -> tuple[list[str], bool]:
    """What a number question counts: the terms of the thing after "how many" (one must be in
    the answer), and whether it asks for an amount of money ("how much did it cost?").

    >>> counted("How many surveillance planes did the Accord send?")
    (['surveillance', 'plane'], False)
    >>> counted("How much does the Halden Bridge toll cost?")
    ([], True)
    """
    low = question.lower()
    m = _HOW_MANY.search(low)
    return (topic_terms(m.group(1)) if m else [], bool(_MONEY_QUESTION.search(low)))


def number_answer(
    docs: Sequence[Document], index: Index, topic: str | None, *, question: str, resolved: str
) -> Answer:
    """Sentences of the retrieved chunks that carry a quantity of what is asked about.

    A sentence answers when it carries a quantity (money when the question asks what
    something cost, raised or gave), holds a term of the thing counted, and it or the
    sentence before it in the paragraph holds :data:`NUMBER_COVERAGE` of the topic's weight.
    """
    wanted = topic_terms(topic)
    things, money = counted(question)
    picks: list[Pick] = []
    seen: set[tuple[str, int]] = set()
    for rank, doc in enumerate(docs):
        doc_id, text = doc.metadata["doc_id"], index.texts[doc.metadata["doc_id"]]
        for sent in sentences(text, doc.metadata["start"], doc.metadata["end"]):
            passage = sent.of(text)
            if (doc_id, sent.start) in seen or not quantity(passage):
                continue
            seen.add((doc_id, sent.start))
            if (money and not _MONEY.search(passage)) or (things and not set(things) & set(terms(passage))):
                continue
            context = f"{sentence_before(text, sent.start)} {passage}"
            cov = max(coverage(index, wanted, passage), coverage(index, wanted, context))
            if cov >= NUMBER_COVERAGE:
                picks.append(Pick(doc_id, sent.start, sent.end, cov + 1.0 / (rank + 2)))
    picks.sort(key=lambda p: -p.score)
    best = [p for p in picks if p.score >= picks[0].score - 0.25][:3] if picks else []
    return build_answer(best, index, question=question, resolved=resolved, kind="number", topic=topic)


def compare_answer(
    index: Index,
    who: str,
    other: str,
    topic: str | None,
    *,
    question: str,
    resolved: str,
    scorer: Scorer | None = None,
    threshold: float = MIN_COVERAGE,
) -> Answer:
    """What ``who`` and ``other`` said on ``topic``, side by side (their best statements, four each).

    Articles that quote both and hold a third of the topic's weight are where a comparison is made:
    when there are such articles, each side's statements come from them, best first.
    Otherwise each side's statements on the topic anywhere, matched by ``scorer`` at
    ``threshold`` as in :func:`speaker_answer`.
    """
    asked: dict[str, Any] = {"question": question, "resolved": resolved, "topic": topic}
    shared = _side_by_side(index, (who, other), topic, scorer)
    if shared is not None:
        picks, heading = shared
        return build_answer(picks, index, **asked, kind="compare", heading=heading)
    sides = [
        speaker_answer(
            index, w, topic, question=question, resolved=resolved, scorer=scorer, threshold=threshold
        )
        for w in (who, other)
    ]
    if not all(side.found for side in sides):
        nothing = build_answer([], index, **asked, kind="compare")
        nothing.heading = " ".join(side.heading for side in sides if not side.found) or NOT_FOUND
        return nothing
    picks = [
        Pick(c.doc_id, c.start, c.end, c.score, speaker=c.speaker)
        for side in sides
        for c in sorted(side.citations, key=lambda c: -c.score)[:4]
    ]
    heading = " ".join(side.heading for side in sides)
    return build_answer(picks, index, **asked, kind="compare", heading=heading)


def _side_by_side(
    index: Index, people: tuple[str, str], topic: str | None, scorer: Scorer | None, per_side: int = 4
) -> tuple[list[Pick], str] | None:
    """Each person's best statements in the articles quoting both on ``topic``; None when none does."""
    sides = []
    for who in people:
        names = resolve_name(who, index.speakers, index.texts).names
        if not names:
            return None
        sides.append(
            statements_of(names, index.statements_by(names), index.canon, index.speakers, index.proxied)
        )
    wanted = topic_terms(topic)
    both = set.intersection(*({s["doc_id"] for s, _ in side} for side in sides))
    docs = _where_compared(
        index, wanted, {d for d in both if coverage(index, wanted, index.texts[d]) >= SHARED_COVERAGE}
    )
    if not docs:
        return None
    picks: list[Pick] = []
    said = []
    for side in sides:
        chosen = [(s, label) for s, label in side if s["doc_id"] in docs]
        statements = [s for s, _ in chosen]
        scores = scorer(statements) if scorer is not None and wanted else [1.0] * len(statements)
        ranked = sorted(zip(chosen, scores, strict=True), key=lambda x: -x[1])[:per_side]
        picks += [
            Pick(s["doc_id"], s["start"], s["end"], sc, speaker=label, kind=str(s.get("kind") or ""))
            for (s, label), sc in ranked
        ]
        said.append(f"{ranked[0][0][1]} ({len(ranked)})")
    n = len(docs)
    heading = f"{' and '.join(said)}, side by side in the {n} article{'s' * (n != 1)} quoting both"
    return picks, heading + (f" on {topic}." if topic else ".")


def _where_compared(index: Index, wanted: list[str], docs: set[str]) -> set[str]:
    """Of the articles quoting both people on the topic, those whose titles hold the most of its
    weight (all of them when no title holds any): "Clinton Plan for Taxes Is Expansive" is where
    "Clinton's tax plan" is discussed, not "Momentum builds to tax consumption"."""
    in_title = {d: coverage(index, wanted, index.docs[d].title or "") for d in docs} if wanted else {}
    best = max(in_title.values(), default=0.0)
    return {d for d in docs if in_title[d] == best} if best > 0 else docs


def overview_answer(
    docs: Sequence[Document], index: Index, topic: str | None, *, question: str, resolved: str
) -> Answer:
    """An extractive digest: the leads of the main articles on ``topic`` and who they quote most.

    "What is the NATO article about?" asks for one article: the one whose title holds most of
    the topic (then the best ranked).
    """
    wanted = cue_free_terms(topic)
    if wanted:
        ranked = list(dict.fromkeys(d.metadata["doc_id"] for d in docs))
        chosen = [d for d in ranked if coverage(index, wanted, index.texts[d]) >= 0.5][:5]
        if _ONE_ARTICLE.search(question.lower()):
            chosen = sorted(chosen, key=lambda d: -coverage(index, wanted, index.docs[d].title or ""))[:1]
    else:
        chosen = sorted(index.docs, key=lambda d: index.docs[d].date or "", reverse=True)[:5]
    picks = [p for d in chosen for p in lead(index, d, 1)]
    by_doc = index.statement_spans()[1]
    mentioned = (index.statements[i] for d in chosen for i in by_doc.get(d, []))
    quoted = Counter(index.canon.of(s) for s in mentioned if s.get("named"))
    heading = f"{len(chosen)} main article{'s' * (len(chosen) != 1)}" + (" on that" if wanted else "")
    if quoted:
        heading += "; quoted most: " + ", ".join(f"{n} ({c})" for n, c in quoted.most_common(3))
    return build_answer(
        picks, index, question=question, resolved=resolved, kind="overview", heading=heading + "."
    )


def cite_answer(index: Index, history: Sequence[Any], *, question: str, resolved: str) -> Answer:
    """Where and when the previous answer's passages were published, citing them again."""
    last = next((h for h in reversed(list(history)) if isinstance(h, Answer)), None)
    cited = [c for c in (last.citations if last is not None else []) if c.doc_id in index.docs]
    picks = [Pick(c.doc_id, c.start, c.end, c.score, speaker=c.speaker) for c in cited]
    places = list(dict.fromkeys((c.title, c.outlet, c.date) for c in cited))
    heading = "; ".join(
        f"“{title}” ({', '.join(b for b in (outlet, date) if b) or 'undated'})"
        for title, outlet, date in places
    )
    return build_answer(
        picks,
        index,
        question=question,
        resolved=resolved,
        kind="cite",
        heading=f"In {heading}." if heading else "",
        speaker=last.speaker if last is not None else None,
    )
