"""Pure helpers for article text: paragraphs, sentences, ids, normalisation.

Every function here returns character offsets into the text it was given, never
a rewritten copy, so that a citation can always be ``text[start:end]``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.lexicon import ABBREVIATIONS

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A sentence ends at . ! ? (or …) plus closing quotes/brackets, followed by space
# and something that can open a sentence.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]*[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of a text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The spanned text."""
        return text[self.start : self.end]


def content_hash(data: str | bytes, length: int = 16) -> str:
    """A short, stable hex digest used for document and chunk ids.

    >>> content_hash("abc")
    'ba7816bf8f01cfea'
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()[:length]


def strip_span(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` so it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Paragraphs of ``text[start:end]``: runs of text separated by blank lines.

    >>> t = "One.\\n\\nTwo. Three.\\n"
    >>> [s.of(t) for s in paragraphs(t)]
    ['One.', 'Two. Three.']
    """
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        span = strip_span(text, pos, m.start())
        if span.end > span.start:
            spans.append(span)
        pos = m.end()
    span = strip_span(text, pos, end)
    if span.end > span.start:
        spans.append(span)
    return spans


@functools.lru_cache(maxsize=512)
def paragraph_ends(text: str) -> tuple[int, ...]:
    """Where each paragraph of ``text`` ends, computed once per text (citations number paragraphs).

    >>> paragraph_ends("a\\n\\nbc")
    (1, 5)
    """
    return tuple(p.end for p in paragraphs(text))


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot + 1)
    if not m:
        return False
    word = m.group(1).lower()
    if len(word) == 1:  # an initial: "John F. Kennedy"
        return True
    return word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]``; paragraph breaks always end a sentence.

    A quotation closing after the full stop stays with its sentence, and
    abbreviations such as "Mr." or "Sept." do not end one.

    >>> t = 'Mr. Smith said: "We are ready." He left.'
    >>> [s.of(t) for s in sentences(t)]
    ['Mr. Smith said: "We are ready."', 'He left.']
    """
    out: list[Span] = []
    for para in paragraphs(text, start, end):
        pos = para.start
        for m in _SENTENCE_END.finditer(text, para.start, para.end):
            first_stop = m.start()
            if text[first_stop] == "." and m.end() - m.start() == 1 and _is_abbreviation(text, first_stop):
                continue
            span = strip_span(text, pos, m.end())
            if span.end > span.start:
                out.append(span)
            pos = m.end()
        span = strip_span(text, pos, para.end)
        if span.end > span.start:
            out.append(span)
    return out


def words(text: str) -> Iterator[str]:
    """Lower-cased word tokens, for lexical matching."""
    for m in _WORD.finditer(text):
        yield m.group(0).lower().replace("’", "'")


def has_words(text: str, phrase: str, ignore_case: bool = True) -> bool:
    """Whether ``phrase`` stands in ``text`` as words of its own.

    >>> has_words("the Vice-President spoke", "president"), has_words("Mara Vell spoke", "mara vell")
    (False, True)
    >>> has_words("Mara Vell spoke", "mara vell", ignore_case=False)
    False
    """
    flags = re.IGNORECASE if ignore_case else 0
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, flags) is not None


def normalise_space(text: str) -> str:
    """Collapse runs of white space to one space (for display and verbatim comparisons).

    >>> normalise_space(" two\\n  lines ")
    'two lines'
    """
    return " ".join(text.split())


_QUOTE_STYLES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def normalise(text: str) -> str:
    """Lower-case, one quote style, single spaces: the form in which quotations are compared.

    >>> normalise("“Very,  very\\ndangerous”")
    '"very, very dangerous"'
    """
    return normalise_space(text.translate(_QUOTE_STYLES).lower())
