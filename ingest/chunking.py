"""Chunking: split an article body into retrieval chunks with exact offsets.

A chunk is a run of whole paragraphs up to a target size; a paragraph longer
than the target is split between sentences. A chunk never cuts a sentence,
and ``article.text[chunk.start:chunk.end]`` is always the chunk's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.text import Span, content_hash, paragraphs, sentences


@dataclass(frozen=True, slots=True)
class Chunk:
    """A retrieval unit: a span of one article."""

    doc_id: str
    seq: int
    start: int
    end: int
    text: str

    @property
    def id(self) -> str:
        """Deterministic id: the same article always yields the same chunk ids."""
        return chunk_id(self.doc_id, self.start, self.end)


def chunk_id(doc_id: str, start: int, end: int) -> str:
    """Id of the chunk ``[start, end)`` of document ``doc_id``.

    >>> chunk_id("abc", 0, 10)
    'abc:0-10'
    """
    return f"{doc_id}:{start}-{end}"


def _pieces(text: str, body: Span, target: int) -> list[Span]:
    """Paragraphs, with over-long ones split into runs of sentences."""
    out: list[Span] = []
    for para in paragraphs(text, body.start, body.end):
        if para.end - para.start <= target:
            out.append(para)
            continue
        run: Span | None = None
        for sent in sentences(text, para.start, para.end):
            if run is not None and sent.end - run.start > target:
                out.append(run)
                run = None
            run = sent if run is None else Span(run.start, sent.end)
        if run is not None:
            out.append(run)
    return out


def chunk_article(doc_id: str, text: str, body: Span, target: int = 700) -> list[Chunk]:
    """Chunks of ``text[body]`` of about ``target`` characters.

    >>> t = "A one.\\n\\nB two.\\n\\nC three."
    >>> [c.text for c in chunk_article("d", t, Span(0, len(t)), target=15)]
    ['A one.\\n\\nB two.', 'C three.']
    """
    chunks: list[Chunk] = []
    run: Span | None = None
    for piece in _pieces(text, body, target):
        if run is not None and piece.end - run.start > target:
            chunks.append(Chunk(doc_id, len(chunks), run.start, run.end, run.of(text)))
            run = None
        run = piece if run is None else Span(run.start, piece.end)
    if run is not None:
        chunks.append(Chunk(doc_id, len(chunks), run.start, run.end, run.of(text)))
    return chunks


__all__ = ["Chunk", "chunk_article", "chunk_id", "content_hash"]
