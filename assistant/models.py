"""The answer types handed to every caller: :class:`Answer` and :class:`Citation`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Citation:
    """One cited passage: verbatim text of an article, and where it stands.

    ``passage == article_text[start:end]`` always holds, where ``article_text``
    is the text the store keeps for ``doc_id`` (for .txt and .md files, the
    file's own text).
    """

    n: int
    doc_id: str
    title: str
    date: str | None
    source: str
    start: int
    end: int
    passage: str
    outlet: str | None = None
    paragraph: int = 0
    speaker: str | None = None
    score: float = 0.0

    def label(self) -> str:
        """A short human reference: title, outlet, date, paragraph."""
        bits = [b for b in (self.outlet, self.date) if b]
        where = f", paragraph {self.paragraph}" if self.paragraph else ""
        return f"{self.title} ({', '.join(bits) or 'undated'}{where})"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(slots=True)
class Answer:
    """The answer to one question.

    Attributes:
        text: the answer, with ``[n]`` markers pointing into ``citations``.
        citations: the cited passages, in ``[n]`` order.
        question: the question as asked.
        resolved_question: the question after follow-up resolution.
        found: False when the material does not answer the question.
        kind: how the question was understood (``speaker``, ``who``, ``search``…).
        composer: what wrote ``text`` (``extractive`` unless an LLM did).
        heading: the plain-text first line of ``text`` (who is quoted, how often), if any.
        verified: every sentence of ``text`` passed verification (extractive answers always do).
        fallback: a model was asked but nothing it wrote could be verified, so the
            extractive answer is shown instead.
        unsupported: the model's sentences that failed verification, each
            ``{"sentence": ..., "reason": ...}``; never part of ``text``.
    """

    text: str
    citations: list[Citation] = field(default_factory=list)
    question: str = ""
    resolved_question: str = ""
    found: bool = True
    kind: str = "search"
    composer: str = "extractive"
    speaker: str | None = None
    topic: str | None = None
    heading: str = ""
    verified: bool = True
    fallback: bool = False
    unsupported: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what ``briefing ask --json`` prints)."""
        out = asdict(self)
        out["citations"] = [c.to_dict() for c in self.citations]
        return out
