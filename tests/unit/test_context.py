"""A speaker's statement read under its article's title (assistant.semantic.in_context), through
``ask()`` with the hand-checkable word embedder: "What did Marwick say about the ferry?" finds
what she said in the ferry article even though her words never name the ferry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import assistant
from tests.unit.word_embeddings import word_store

ARTICLES = {
    "ferry.md": (
        "Ferry turned back in the storm",
        "2026-03-05",
        'Lena Marwick called the manoeuvre "reckless."',
    ),
    "bridge.md": (
        "Bridge closed to traffic",
        "2026-03-02",
        '"We will not be intimidated," Lena Marwick said.',
    ),
}


@pytest.fixture
def store(tmp_path: Path) -> Any:
    return word_store(tmp_path, ARTICLES)


def test_a_statement_is_read_under_its_article_title(store: Any) -> None:
    # her words hold no word of the topic (cosine 0); read under "Ferry turned back in the
    # storm" they score 1/sqrt(2); the bridge article's title scores 0
    answer = assistant.ask("What did Lena Marwick say about the ferry?", store=store)
    assert [c.passage for c in answer.citations] == ['Lena Marwick called the manoeuvre "reckless."']


def test_a_title_that_does_not_match_adds_nothing(store: Any) -> None:
    answer = assistant.ask("What did Lena Marwick say about the fog?", store=store)
    assert not answer.citations and "but not about the fog" in answer.text
