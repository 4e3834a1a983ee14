"""The seed article with the real embedder and a real Chroma on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

import assistant
from ingest import ingest_paths
from ingest.store import Store
from tests.conftest import SEED

pytestmark = pytest.mark.slow


@pytest.fixture
def seeded(real_store: Store) -> Store:
    report = ingest_paths([SEED], real_store)
    assert len(report.added) == 1
    return real_store


def _verbatim(store: Store, answer: assistant.Answer) -> None:
    texts = store.texts([c.doc_id for c in answer.citations])
    for c in answer.citations:
        assert c.passage == texts[c.doc_id][c.start : c.end]
        assert c.passage == Path(c.source).read_text("utf-8")[c.start : c.end]


def test_what_did_peskov_say(seeded: Store) -> None:
    answer = assistant.ask("What did Peskov say?", store=seeded)
    assert answer.found
    assert any("very, very dangerous" in c.passage for c in answer.citations)
    assert all("Peskov" in c.passage for c in answer.citations)
    assert {c.date for c in answer.citations} == {"2022-02-17"}
    assert "[1]" in answer.text
    _verbatim(seeded, answer)


def test_who_called_it_a_false_flag(seeded: Store) -> None:
    answer = assistant.ask("Who called the shelling a false flag?", store=seeded)
    assert any("Boris Johnson" in c.passage for c in answer.citations)
    _verbatim(seeded, answer)


def test_nato_about_romania(seeded: Store) -> None:
    answer = assistant.ask("What did NATO say about Romania?", store=seeded)
    assert answer.citations and all("Romania" in c.passage for c in answer.citations)


def test_unanswerable_question_cites_nothing(seeded: Store) -> None:
    answer = assistant.ask("What is the population of Brazil?", store=seeded)
    assert not answer.found
    assert answer.citations == []
    assert "does not say" in answer.text


def test_empty_store_says_so(real_store: Store) -> None:
    answer = assistant.ask("What did Peskov say?", store=real_store)
    assert not answer.found and answer.citations == []
