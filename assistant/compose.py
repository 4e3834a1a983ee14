"""The extractive composer: answers made only of verbatim sentences, each cited.

It needs no language model. From the retrieved chunks it keeps the sentences
that share the question's names and content words, weighted by how rare those
words are, and returns them verbatim with their offsets. When nothing shares
enough with the question, the answer says the material does not say, and
cites nothing: a passage that merely resembles the question is not an answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from langchain_core.documents import Document

from assistant.models import Answer, Citation
from assistant.retrieval import Index, terms
from ingest.text import Span, paragraphs, sentences

# Words that say *that* something was said, not *what*: they do not count as topic.
GENERIC = frozenset(
    [
        "say",
        "tell",
        "mention",
        "comment",
        "remark",
        "state",
        "speak",
        "talk",
        "think",
        "quote",
        "claim",
        "describe",
        "told",
        "stat",
        "call",
        "refer",
        "dub",
        "label",
        "anything",
        "something",
        "everything",
        "anyone",
        "someone",
        "news",
        "latest",
    ]
)
NOT_FOUND = "The briefing material does not say."
# Share of the question's topic weight a sentence must match to count as an answer.
MIN_COVERAGE = 0.5


@dataclass(slots=True)
class Pick:
    """A sentence (or run of sentences) chosen for the answer."""

    doc_id: str
    start: int
    end: int
    score: float
    speaker: str | None = None
    names: int = 0


def paragraph_number(text: str, pos: int) -> int:
    """1-based number of the paragraph holding character ``pos``.

    >>> paragraph_number("a\\n\\nb\\n\\nc", 5)
    3
    """
    for n, para in enumerate(paragraphs(text), start=1):
        if pos < para.end:
            return n
    return 0


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
            out[-1] = Pick(p.doc_id, last.start, max(last.end, p.end), max(last.score, p.score), p.speaker)
        else:
            out.append(Pick(p.doc_id, p.start, p.end, p.score, p.speaker))
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
    if not merged:
        return Answer(
            text=NOT_FOUND,
            question=question,
            resolved_question=resolved,
            found=False,
            kind=kind,
            speaker=speaker,
            topic=topic,
        )
    by_doc: dict[str, list[Pick]] = {}
    for p in merged:
        by_doc.setdefault(p.doc_id, []).append(p)
    doc_order = sorted(
        by_doc, key=lambda d: (index.docs[d].date or "", max(p.score for p in by_doc[d])), reverse=True
    )
    lines = [heading] if heading else []
    citations: list[Citation] = []
    for doc_id in doc_order:
        rec = index.docs[doc_id]
        text = index.texts[doc_id]
        meta = ", ".join(b for b in (rec.outlet, rec.date) if b)
        lines.append(f"**{rec.title}**" + (f" ({meta})" if meta else ""))
        for p in sorted(by_doc[doc_id], key=lambda p: p.start):
            n = len(citations) + 1
            passage = text[p.start : p.end]
            citations.append(
                Citation(
                    n=n,
                    doc_id=doc_id,
                    title=rec.title,
                    date=rec.date,
                    source=rec.source,
                    start=p.start,
                    end=p.end,
                    passage=passage,
                    outlet=rec.outlet,
                    paragraph=paragraph_number(text, p.start),
                    speaker=p.speaker,
                    score=round(p.score, 4),
                )
            )
            lines.append(f"- {' '.join(passage.split())} [{n}]")
        lines.append("")
    return Answer(
        text="\n".join(lines).strip(),
        citations=citations,
        question=question,
        resolved_question=resolved,
        found=True,
        kind=kind,
        speaker=speaker,
        topic=topic,
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
    topic = [t for t in dict.fromkeys(terms(query)) if t not in names and t not in GENERIC]
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


def sentence_span(text: str, pos: int) -> Span:
    """The sentence of ``text`` holding character ``pos``."""
    for sent in sentences(text):
        if sent.start <= pos < sent.end:
            return sent
    return Span(pos, pos)
