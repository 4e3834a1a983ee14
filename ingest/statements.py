"""Statements: one attributed span of an article, with its speaker, cue and kind.

:mod:`ingest.quotes` finds them; this module holds the record and how its kind is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ingest.lexicon import OPEN_QUOTES, QUOTE_CHARS
from ingest.phrases import Speaker, normalise_quotes
from ingest.text import Span, content_hash


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed statement: who, the cue, and the exact span of the sentence(s)."""

    doc_id: str
    speaker: str
    start: int
    end: int
    text: str
    surface: str = ""
    role: str = ""
    cue: str = ""
    named: bool = True
    direct: bool = False
    # "pronoun", "role", "continuation", "nested", "learned", "relative" (a cue inside a relative
    # clause about the speaker: "Stevie Wonder, who joked …") or "" when named in place
    resolved_from: str = ""
    # "direct quote", "partial quote" or "paraphrase" (see statement_kind); "reported" for a
    # sentence about the speaker that the learned model attributes to them (ingest.learned), or
    # words another speaker of the sentence reports ("Briggs said Sharpton asked …": nested)
    kind: str = "paraphrase"
    speaking_for: str = ""  # the person or body a spokesperson speaks for

    @property
    def id(self) -> str:
        """Deterministic id from the document and the span."""
        return f"{self.doc_id}:s{self.start}-{self.end}:{content_hash(self.speaker, 6)}"

    def metadata(self) -> dict[str, Any]:
        """Chroma metadata for the statement record."""
        return {
            "doc_id": self.doc_id,
            "speaker": self.speaker,
            "speaker_key": self.speaker.lower(),
            "surface": self.surface,
            "role": self.role,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "named": self.named,
            "direct": self.direct,
            "resolved_from": self.resolved_from,
            "kind": self.kind,
            "speaking_for": self.speaking_for,
        }


def statement_kind(seg: str) -> str:
    """How a statement is reported: mostly inside quotation marks, partly, or not at all.

    >>> statement_kind('"We will not move," she said.'), statement_kind('He called it "a farce".')
    ('direct quote', 'partial quote')
    >>> statement_kind("She said the plan was dead.")
    'paraphrase'
    """
    quoted = total = 0
    inside = False
    for ch in normalise_quotes(seg):
        if ch in QUOTE_CHARS:
            inside = ch == "“" or (ch == '"' and not inside)
        elif not ch.isspace():
            total += 1
            quoted += inside
    if not quoted:
        return "paraphrase"
    opens = normalise_quotes(seg).lstrip()[:1] in OPEN_QUOTES
    return "direct quote" if opens or quoted >= 0.5 * total else "partial quote"


def make_statement(
    doc_id: str, text: str, span: Span, speaker: Speaker, cue: str, how: str, surface: str = ""
) -> Statement:
    """The statement of ``span`` by ``speaker``, its kind read from its quotation marks."""
    seg = span.of(text)
    return Statement(
        doc_id=doc_id,
        speaker=speaker.name,
        start=span.start,
        end=span.end,
        text=seg,
        surface=surface,
        role=speaker.role,
        cue=cue,
        named=speaker.named,
        direct=any(q in normalise_quotes(seg) for q in QUOTE_CHARS),
        resolved_from=how,
        kind=statement_kind(seg),
        speaking_for=speaker.speaking_for,
    )
