"""Chunks keep whole paragraphs or sentences, with exact offsets."""

from __future__ import annotations

from ingest.chunking import chunk_article
from ingest.loaders import load
from ingest.text import Span, sentences
from tests.conftest import POLNEAR


def test_chunks_are_exact_and_never_cut_a_sentence() -> None:
    for path in sorted((POLNEAR / "text").glob("*.txt"))[:20]:
        art = load(path)
        chunks = chunk_article(art.doc_id, art.text, art.body, target=400)
        starts = {s.start for s in sentences(art.text, art.body.start, art.body.end)}
        ends = {s.end for s in sentences(art.text, art.body.start, art.body.end)}
        for c in chunks:
            assert art.text[c.start : c.end] == c.text
            assert c.start in starts and c.end in ends, (path.name, c.text[:60])
        assert len({c.id for c in chunks}) == len(chunks)
        # together the chunks cover every sentence of the body
        covered = [
            s
            for s in sentences(art.text, art.body.start, art.body.end)
            if not any(c.start <= s.start and s.end <= c.end for c in chunks)
        ]
        assert covered == []


def test_long_paragraph_is_split_between_sentences() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(40))
    chunks = chunk_article("d", text, Span(0, len(text)), target=200)
    assert len(chunks) > 3
    assert all(c.text.endswith(".") and c.text.startswith("Sentence") for c in chunks)


def test_ids_name_their_spans_so_an_edit_changes_only_its_chunk() -> None:
    # (the previous test compared two calls on the same input: it could not fail)
    text = "One para.\n\nTwo para."
    chunks = chunk_article("x", text, Span(0, len(text)), target=5)
    assert [(c.id, c.text) for c in chunks] == [("x:0-9", "One para."), ("x:11-20", "Two para.")]
    edited = "One para.\n\nTwo paragraphs."
    again = chunk_article("x", edited, Span(0, len(edited)), target=5)
    assert again[0].id == chunks[0].id and again[1].id != chunks[1].id
