"""The types handed to every caller: :class:`Answer` with its :class:`Citation` and
:class:`Group` parts, and the :class:`Filters` a question may carry.

An answer is structure first: groups of cited passages per article (extractive
answers), or verified sentences (model answers), plus a heading, notes and a
listing. ``Answer.text`` is that structure written out as plain text with
``[n]`` markers (by :mod:`assistant.render`, which also writes Markdown and HTML).
"""

from __future__ import annotations

from collections.abc import Sequence
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
    kind: str | None = None  # for a statement: "direct quote", "partial quote", "paraphrase" or "reported"

    def label(self) -> str:
        """A short human reference: title, outlet, date, paragraph (and how a statement is reported)."""
        bits = [b for b in (self.outlet, self.date) if b]
        where = f", paragraph {self.paragraph}" if self.paragraph else ""
        how = f" — {self.kind}" if self.kind else ""
        return f"{self.title} ({', '.join(bits) or 'undated'}{where}){how}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


@dataclass(slots=True)
class Group:
    """The passages an answer cites from one article, in reading order."""

    doc_id: str
    title: str
    outlet: str | None
    date: str | None
    citations: list[Citation] = field(default_factory=list)


@dataclass(slots=True)
class Sentence:
    """One verified sentence a model wrote, with the passages it cites."""

    text: str
    cites: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which articles a question may cite: a date range, outlets, documents (all optional).

    >>> Filters(date_from="2026-03-01").admits("d", "2026-02-28", None)
    False
    """

    date_from: str | None = None
    date_to: str | None = None
    outlets: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        date_from: str | None = None,
        date_to: str | None = None,
        outlets: Sequence[str] | None = None,
        doc_ids: Sequence[str] | None = None,
    ) -> Filters:
        """Filters from form values (blank strings and empty lists mean "any")."""
        return cls(
            (date_from or "").strip() or None,
            (date_to or "").strip() or None,
            tuple(outlets or ()),
            tuple(doc_ids or ()),
        )

    @property
    def empty(self) -> bool:
        """True when nothing is filtered out."""
        return not (self.date_from or self.date_to or self.outlets or self.doc_ids)

    def admits(self, doc_id: str, date: str | None, outlet: str | None) -> bool:
        """Whether an article with this id, date and outlet may be cited."""
        if self.date_from and (date or "") < self.date_from:
            return False
        if self.date_to and (not date or date > self.date_to):
            return False
        if self.outlets and (outlet or UNKNOWN_OUTLET) not in self.outlets:
            return False
        return not self.doc_ids or doc_id in self.doc_ids


UNKNOWN_OUTLET = "(unknown)"
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y/%m/%d", "%d.%m.%Y")


def parse_date(text: str | None) -> str | None:
    """A typed date as ``YYYY-MM-DD`` (None when blank); :class:`ValueError` when it cannot be read.

    >>> parse_date("5 March 2026"), parse_date(" 2026-03-05 "), parse_date("")
    ('2026-03-05', '2026-03-05', None)
    """
    from datetime import datetime

    cleaned = " ".join((text or "").replace(",", " ").split())
    if not cleaned:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"cannot read the date {cleaned!r}: use YYYY-MM-DD, e.g. 2026-03-05")


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
        groups: the cited passages per article, newest article first (extractive answers).
        sentences: the model's verified sentences (model answers).
        notes: remarks shown before the answer (e.g. why the model's answer is not shown).
        listing: plain lines with no citation (e.g. who is quoted and how often).
        more: statements that answer but are not cited, as the answer was bounded
            (``Settings.speaker_limit``); asking again with ``all=True`` cites them too.
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
    groups: list[Group] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    listing: list[str] = field(default_factory=list)
    more: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what ``briefing ask --json`` prints)."""
        out = asdict(self)
        out["citations"] = [c.to_dict() for c in self.citations]
        out["groups"] = [
            {
                "doc_id": g.doc_id,
                "title": g.title,
                "outlet": g.outlet,
                "date": g.date,
                "cites": [c.n for c in g.citations],
            }
            for g in self.groups
        ]
        return out
