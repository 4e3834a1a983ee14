"""The extractive composer: answers made only of verbatim sentences, each cited.

It needs no language model. From the retrieved chunks it keeps the sentences
that share the question's names and content words, weighted by how rare those
words are, and returns them verbatim with their offsets. When nothing shares
enough with the question, the answer says the material does not say, and
cites nothing: a passage that merely resembles the question is not an answer.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from langchain_core.documents import Document

from assistant.models import Answer, Citation, Group
from assistant.render import answer_text, main_role
from assistant.retrieval import Index, terms
from ingest.lexicon import ROLE_NOUNS, SPEECH_WORDS
from ingest.text import paragraph_ends, sentences

NOT_FOUND = "The briefing material does not say."
# Share of the question's topic weight a sentence must match to count as an answer.
MIN_COVERAGE = 0.5
# "Who said …?" cites the best statements within this margin of the best score.
WHO_MARGIN = 0.1
# ... unless WHO_TIED_SPEAKERS different speakers (the unnamed counting as one) score within WHO_TIE of the best.
WHO_TIE = 0.03
WHO_TIED_SPEAKERS = 3
# ... and at most WHO_MORE more statements of the people it names, in the articles of those cited.
WHO_MORE = 2
# A statement by someone the topic itself names ("Who called Clinton shameful?": Clinton) answers only at
# WHO_NAMED_MARGIN above the threshold: the people a who-question names are what was said about, rarely who said it.
WHO_NAMED_MARGIN = 0.05
# Scores statement records against a topic (assistant.semantic); lexical coverage when none is given.
Scorer = Callable[[list[dict[str, Any]]], list[float]]


@dataclass(slots=True)
class Pick:
    """A sentence (or run of sentences) chosen for the answer."""

    doc_id: str
    start: int
    end: int
    score: float
    speaker: str | None = None
    names: int = 0
    kind: str = ""  # "direct quote", "partial quote", "paraphrase" or "reported" for a statement


def paragraph_number(text: str, pos: int) -> int:
    """1-based number of the paragraph holding character ``pos``.

    >>> paragraph_number("a\\n\\nb\\n\\nc", 5)
    3
    """
    ends = paragraph_ends(text)  # cached per article: an answer numbers many of its paragraphs
    n = bisect.bisect_right(ends, pos)
    return n + 1 if n < len(ends) else 0


def merge_adjacent(picks: Sequence[Pick], text_of: dict[str, str]) -> list[Pick]:
    """Join picks of one paragraph that touch (only white space between them)."""
    ordered = sorted(picks, key=lambda p: (p.doc_id, p.start))
    out: list[Pick] = []
    for p in ordered:
        last = out[-1] if out else None
        if (
            last is not None
            and last.doc_id == p.doc_id
            and last.speaker == p.speaker
            and p.start >= last.end
            and not text_of[p.doc_id][last.end : p.start].strip()
            and "\n\n" not in text_of[p.doc_id][last.end : p.start]
        ):
            kind = last.kind if last.kind == p.kind else "partial quote" if last.kind or p.kind else ""
            out[-1] = replace(last, end=max(last.end, p.end), score=max(last.score, p.score), kind=kind)
        else:
            out.append(replace(p))
    return out


def build_answer(
    picks: Iterable[Pick],
    index: Index,
    *,
    question: str,
    resolved: str,
    kind: str,
    heading: str = "",
    speaker: str | None = None,
    topic: str | None = None,
) -> Answer:
    """Turn picks into an :class:`Answer` grouped by article, newest article first."""
    merged = merge_adjacent(list(picks), index.texts)
    by_doc: dict[str, list[Pick]] = {}
    for p in merged:
        by_doc.setdefault(p.doc_id, []).append(p)
    doc_order = sorted(
        by_doc, key=lambda d: (index.docs[d].date or "", max(p.score for p in by_doc[d])), reverse=True
    )
    groups: list[Group] = []
    citations: list[Citation] = []
    for doc_id in doc_order:
        rec = index.docs[doc_id]
        group = Group(doc_id, rec.title, rec.outlet, rec.date)
        for p in sorted(by_doc[doc_id], key=lambda p: p.start):
            citations.append(_citation(len(citations) + 1, p, index))
            group.citations.append(citations[-1])
        groups.append(group)
    answer = Answer(
        text="",
        citations=citations,
        question=question,
        resolved_question=resolved,
        found=bool(citations),
        kind=kind,
        speaker=speaker,
        topic=topic,
        heading=heading if citations else NOT_FOUND,
        groups=groups,
    )
    return written(answer)


def written(answer: Answer) -> Answer:
    """``answer`` with its ``text`` written out from its structure."""
    answer.text = answer_text(answer)
    return answer


def _citation(n: int, p: Pick, index: Index) -> Citation:
    rec, text = index.docs[p.doc_id], index.texts[p.doc_id]
    return Citation(
        n=n,
        doc_id=p.doc_id,
        title=rec.title,
        date=rec.date,
        source=rec.source,
        start=p.start,
        end=p.end,
        passage=text[p.start : p.end],
        outlet=rec.outlet,
        paragraph=paragraph_number(text, p.start),
        speaker=p.speaker,
        score=round(p.score, 4),
        kind=p.kind or None,
    )


def sentence_picks(
    docs: Sequence[Document],
    index: Index,
    query: str,
    names: set[str],
    limit: int = 5,
) -> list[Pick]:
    """Sentences of the retrieved chunks that answer ``query``.

    A sentence must contain one of ``names`` when the question names someone,
    and must match at least :data:`MIN_COVERAGE` of the weight of the
    question's other content words when it has any.
    """
    topic = [t for t in dict.fromkeys(terms(query)) if t not in names and t not in SPEECH_WORDS]
    topic_weight = sum(index.term_weight(t) for t in topic)
    scored: list[Pick] = []
    seen: set[tuple[str, int]] = set()
    for rank, doc in enumerate(docs):
        doc_id = doc.metadata["doc_id"]
        text = index.texts[doc_id]
        for sent in sentences(text, doc.metadata["start"], doc.metadata["end"]):
            if (doc_id, sent.start) in seen:
                continue
            seen.add((doc_id, sent.start))
            sent_terms = set(terms(sent.of(text)))
            if names and not names & sent_terms:
                continue
            if topic:
                coverage = sum(index.term_weight(t) for t in topic if t in sent_terms) / topic_weight
                if coverage < MIN_COVERAGE:
                    continue
            else:
                coverage = 1.0 if names else 0.0
                if not names:
                    continue
            matched = len(names & sent_terms)
            score = coverage + 0.5 * matched + 1.0 / (rank + 2)
            scored.append(Pick(doc_id, sent.start, sent.end, score, names=matched))
    if names:  # "NATO ... Romania": sentences naming more of the question's names win outright
        most = max((p.names for p in scored), default=0)
        scored = [p for p in scored if p.names == most]
    scored.sort(key=lambda p: -p.score)
    return scored[:limit]


def coverage(index: Index, topic: list[str], text: str) -> float:
    """Share of the IDF weight of ``topic`` terms that ``text`` contains."""
    if not topic:
        return 1.0
    present = set(terms(text))
    total = sum(index.term_weight(t) for t in topic)
    return sum(index.term_weight(t) for t in topic if t in present) / total


def topic_terms(topic: str | None) -> list[str]:
    """Content terms of a topic phrase (cue words dropped)."""
    return [t for t in dict.fromkeys(terms(topic or "")) if t not in SPEECH_WORDS]


def _display(index: Index, names: list[str]) -> str:
    parts = []
    for name in names:
        role = main_role(index.speakers[name].roles)
        parts.append(name + (f" ({role})" if role else ""))
    return " and ".join(parts)


def speaker_answer(
    index: Index,
    who: str,
    topic: str | None,
    *,
    question: str,
    resolved: str,
    exclude: set[tuple[str, int, int]] | None = None,
    scorer: Scorer | None = None,
    threshold: float = MIN_COVERAGE,
    limit: int | None = None,
) -> Answer:
    """The statements of the speaker(s) ``who`` names, ranked by ``topic`` when given.

    ``scorer`` scores the statements against the topic (default: lexical coverage),
    and those scoring ``threshold`` or more answer. With a ``limit``, only that many are
    cited — the most relevant to the topic first, then the newest — and ``Answer.more``
    counts the rest.
    """
    from assistant import pools

    found = pools.resolution(index, who)
    names, by_name = found.names, found.by_name

    answer = partial(
        build_answer, index=index, question=question, resolved=resolved, kind="speaker", topic=topic
    )
    if not names:
        nothing = answer([], speaker=who)
        if found.suggestions:
            nothing.heading = (
                f"The briefing material does not quote {who}. Did you mean {' or '.join(found.suggestions)}?"
            )
        return written(nothing)
    pool = pools.pool(index, names)  # kept per index generation, with the arrays choosing needs
    if exclude:
        pool = pools.Pool.of(
            index,
            [
                (s, label)
                for s, label in pool.chosen
                if not any(d == s["doc_id"] and a <= s["start"] and s["end"] <= b for d, a, b in exclude)
            ],
        )
    scorer = scorer if topic_terms(topic) else None
    scores = _scores(index, topic, pool.statements, scorer)
    cited, count, n_docs = pools.select(
        pool, scores, threshold if scorer is not None else MIN_COVERAGE, limit
    )
    shown = [_pick(*pool.chosen[i], scores[i]) for i in cited]
    who_text = _display(index, names)
    if not by_name and not ROLE_NOUNS & set(who.lower().split()):
        who_text += f" (speaking for {who})"  # "the Kremlin" → its spokesperson; "the prime minister" is him
    if not count:
        nothing = answer([], speaker=names[0])
        nothing.heading = _nothing_from(who_text, len(pool.chosen), topic, bool(exclude)) or nothing.heading
        return written(nothing)
    about = f" about {topic}" if topic else ""
    heading = (
        f"{who_text}: {count} statement{'s' * (count != 1)}{about} in {n_docs} article{'s' * (n_docs != 1)}."
    )
    if found.note:
        heading = f"{found.note} {heading}"
    more = count - len(shown)
    if more:
        heading += f" The {len(shown)} {'most relevant' if topic else 'newest'} are cited here."
    bounded_answer = answer(shown, speaker=names[0], heading=heading)
    bounded_answer.more = more
    return written(bounded_answer)


def _pick(s: dict[str, Any], label: str, score: float) -> Pick:
    return Pick(s["doc_id"], s["start"], s["end"], score, speaker=label, kind=str(s.get("kind") or ""))


def _nothing_from(who_text: str, quoted: int, topic: str | None, follow_up: bool) -> str:
    """Why a speaker answer cites nothing, when the speaker is quoted (else '')."""
    if quoted and topic:
        return (
            f"The briefing material quotes {who_text} ({quoted} statement{'s' * (quoted != 1)}), "
            f"but not about {topic}."
        )
    if quoted or follow_up:
        return f"The briefing material has nothing more from {who_text}."
    return ""


def _scores(
    index: Index, topic: str | None, statements: list[dict[str, Any]], scorer: Scorer | None
) -> list[float]:
    if scorer is not None:
        return scorer(statements)
    wanted = topic_terms(topic)
    if not wanted:
        return [1.0] * len(statements)  # what coverage() gives without a topic
    return [coverage(index, wanted, index.texts[s["doc_id"]][s["start"] : s["end"]]) for s in statements]


def who_answer(
    index: Index,
    topic: str,
    *,
    question: str,
    resolved: str,
    limit: int = 3,
    statements: list[dict[str, Any]] | None = None,
    scorer: Scorer | None = None,
    threshold: float = MIN_COVERAGE,
    related: float | None = None,
) -> Answer | None:
    """The statements that say ``topic``, with their speakers; None when no statement does.

    ``statements`` are the candidates (default: all), ``scorer`` scores them (default:
    lexical coverage) and those scoring ``threshold`` or more answer. The people named have
    their other statements in the articles cited added; the best-scoring person's, in the
    article of their best statement, when they score ``related`` or more (default:
    ``threshold``) — the bar "what did X say about …?" sets, since who said it is settled.
    """
    if not topic_terms(topic):
        return None
    pool = index.statements if statements is None else statements
    scored: list[Pick] = []
    near: list[Pick] = []
    mentioned = _name_words(topic)
    floor = threshold if related is None else min(threshold, related)
    for s, cov in zip(pool, _scores(index, topic, pool, scorer), strict=True):
        if cov >= floor:
            speaker = index.canon.of(s) if s.get("named") else None
            if speaker and _names(speaker, mentioned) and cov < threshold + WHO_NAMED_MARGIN:
                continue
            pick = Pick(s["doc_id"], s["start"], s["end"], cov + (0.5 if speaker else 0.0), speaker=speaker)
            (scored if cov >= threshold else near).append(pick)
    if not scored:
        return None
    scored.sort(key=lambda p: -p.score)
    tied = {p.speaker for p in scored if p.score >= scored[0].score - WHO_TIE}
    if len(tied) >= WHO_TIED_SPEAKERS:
        return None  # as many people said it as well as anyone: the material does not single one out
    best = [p for p in scored[:limit] if p.score >= scored[0].score - WHO_MARGIN]
    named = list(dict.fromkeys(p.speaker for p in best if p.speaker))
    # the person named said it in their other statements on it in that article too ("Full panic mode")
    where = {(p.speaker, p.doc_id) for p in best if p.speaker}
    top = (scored[0].speaker, scored[0].doc_id) if scored[0].speaker else None
    more = [p for p in scored if p not in best and (p.speaker, p.doc_id) in where]
    more += [p for p in near if (p.speaker, p.doc_id) == top]
    best += sorted(more, key=lambda p: -p.score)[:WHO_MORE]
    heading = (
        "Said by " + " and ".join(_display(index, [n]) for n in named) + "."
        if named
        else "The speaker is not named."
    )
    return build_answer(
        best,
        index,
        question=question,
        resolved=resolved,
        kind="who",
        heading=heading,
        speaker=named[0] if named else None,
        topic=topic,
    )


def _name_words(text: str) -> frozenset[str]:
    """The capitalised words of ``text``, lower-cased, without a possessive ("Clinton's" -> "clinton")."""
    return frozenset(
        w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"\b[A-Z][\w'’-]*", text)
    )


def _names(speaker: str, words: frozenset[str]) -> bool:
    """Whether ``words`` (:func:`_name_words`) hold the speaker's surname, the last word of their name.

    >>> _names("Hillary Clinton", _name_words("called Clinton's remarks shameful"))
    True
    >>> _names("Chris Christie", _name_words("called Clinton shameful"))
    False
    """
    parts = speaker.replace(".", " ").split()
    return bool(parts) and parts[-1].lower() in words


def speakers_answer(index: Index, *, question: str, resolved: str, limit: int = 30) -> Answer:
    """Who is quoted, most statements first (no citations: it is a list, not a claim)."""
    ranked = sorted(index.speakers.values(), key=lambda s: (-s.statements, s.name))
    if not ranked:
        return build_answer([], index, question=question, resolved=resolved, kind="speakers")
    listing = []
    for info in ranked[:limit]:
        role = main_role(info.roles)
        role = f" ({role})" if role else ""
        listing.append(f"- {info.name}{role}: {info.statements} statement{'s' * (info.statements != 1)}")
    if len(ranked) > limit:
        listing.append(f"- … and {len(ranked) - limit} more (`briefing speakers`)")
    heading = f"{len(ranked)} speakers are quoted in {len(index.docs)} articles:"
    answer = Answer(
        text="",
        question=question,
        resolved_question=resolved,
        kind="speakers",
        heading=heading,
        listing=listing,
    )
    return written(answer)
