"""Verification of model-written answers against the passages they cite.

A sentence of a model's answer is *verified* only when

1. it cites at least one passage, ``[n]``, and every ``n`` is a passage that was
   retrieved and shown to the model;
2. every quotation in it (text between double quotes) occurs verbatim — white
   space and quote styles aside — inside one single passage it cites (a quote
   stitched together from two passages fails);
3. most of its content words (:data:`MIN_SUPPORT`) occur in the passages it cites,
   so a cited but invented paraphrase fails too.

Everything else is *unsupported*, with the reason. Callers show only verified
sentences as the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.retrieval import stem
from ingest.lexicon import STOPWORDS
from ingest.text import normalise, sentences, words

MIN_SUPPORT = 0.6
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_QUOTE = re.compile(r"[\"“”]([^\"“”]{3,}?)[\"“”]")


@dataclass(slots=True)
class Checked:
    """One sentence of a model's answer and the outcome of its checks."""

    text: str
    cites: list[int]
    verified: bool
    reason: str = ""


@dataclass(slots=True)
class Verification:
    """The outcome for a whole answer."""

    sentences: list[Checked] = field(default_factory=list)

    @property
    def verified(self) -> list[Checked]:
        return [s for s in self.sentences if s.verified]

    @property
    def unsupported(self) -> list[Checked]:
        return [s for s in self.sentences if not s.verified]


def _content(text: str) -> set[str]:
    return {stem(w) for w in words(_MARKER.sub(" ", text)) if w not in STOPWORDS and len(w) > 2}


def check_sentence(sentence: str, passages: Sequence[str]) -> Checked:
    """Check one sentence against the numbered passages (``[1]`` is ``passages[0]``)."""
    cites = [int(n) for m in _MARKER.finditer(sentence) for n in re.split(r"\s*,\s*", m.group(1))]
    if not cites:
        return Checked(sentence, [], False, "no citation")
    bad = [n for n in cites if not 1 <= n <= len(passages)]
    if bad:
        return Checked(sentence, cites, False, f"cites [{bad[0]}], which is not a retrieved passage")
    cited = [normalise(passages[n - 1]) for n in dict.fromkeys(cites)]
    for m in _QUOTE.finditer(sentence):
        quote = normalise(m.group(1)).strip(" ,.")
        if quote and not any(quote in p for p in cited):
            joined = " ".join(cited)
            why = "split across passages" if quote in joined else "not in the cited passage"
            return Checked(sentence, cites, False, f"quote “{m.group(1).strip()}” {why}")
    claim = _content(sentence)
    if claim:
        support = _content(" ".join(passages[n - 1] for n in dict.fromkeys(cites)))
        share = len(claim & support) / len(claim)
        if share < MIN_SUPPORT:
            return Checked(sentence, cites, False, f"only {share:.0%} of its words are in the cited passage")
    return Checked(sentence, cites, True)


def verify(answer: str, passages: Sequence[str]) -> Verification:
    """Check every sentence of a model's answer.

    >>> v = verify('Peskov said it was "very, very dangerous" [1]. He wept [1].', ['Peskov said the scenario was “very, very dangerous”.'])
    >>> [(s.verified, s.reason) for s in v.sentences]
    [(True, ''), (False, 'only 0% of its words are in the cited passage')]
    """
    out = Verification()
    for span in sentences(answer):
        text = span.of(answer).strip()
        if text:
            out.sentences.append(check_sentence(text, passages))
    return out
