"""Questions worded unlike the articles, end to end through ``ask()`` with the real embedder and
a real Chroma on disk: matching by meaning, names as typed, and honest "does not say"."""

from __future__ import annotations

from typing import Any

import pytest

import assistant
from ingest import ingest_paths
from tests.conftest import EXAMPLES, SEED

pytestmark = pytest.mark.slow


@pytest.fixture
def briefings(real_store: Any) -> Any:
    ingest_paths([SEED, EXAMPLES], real_store)
    return real_store


def _cites(answer: assistant.Answer, words: str) -> bool:
    return any(words in c.passage for c in answer.citations)


def test_who_said_it_in_other_words(briefings: Any) -> None:
    war = assistant.ask("Who warned that war could break out?", store=briefings)
    assert _cites(war, "outbreak of war") and war.speaker == "Dmitry Peskov"
    excuse = assistant.ask("Who said Russia was looking for an excuse to attack Ukraine?", store=briefings)
    assert _cites(excuse, "stage a pretext for an armed attack")


def test_a_topic_in_other_words(briefings: Any) -> None:
    school = assistant.ask("What did Boris Johnson say about the school shelling?", store=briefings)
    assert _cites(school, "varsity shelling")


def test_unrelated_statements_do_not_answer(briefings: Any) -> None:
    quake = assistant.ask("Who warned about an earthquake in the strait?", store=briefings)
    assert not quake.citations and "does not say" in quake.text
    china = assistant.ask("What did Stoltenberg say about China?", store=briefings)
    assert not china.citations
    # "we will bring our radar logs" shares the words, not the meaning
    forged = assistant.ask("Who called the radar logs forged?", store=briefings)
    assert not forged.citations and "does not say" in forged.text


def test_names_and_follow_ups_through_ask(briefings: Any) -> None:
    first = assistant.ask("What did the Kremlin spokesman say?", store=briefings)
    assert first.found and {c.speaker for c in first.citations} == {"Dmitry Peskov"}
    assert "speaking for" not in first.heading  # he is the spokesman, not someone speaking for him
    when = assistant.ask("when did he say that?", store=briefings, history=[first])
    assert "2022-02-17" in when.text and when.citations
    troops = assistant.ask("How many Russian troops are around Ukraine?", store=briefings)
    assert _cites(troops, "100,000 troops")


def test_a_statement_found_through_its_article(briefings: Any) -> None:
    # "reckless and deliberate" names no ferry; the article it stands in is about the ferry
    ferry = assistant.ask("What did Marwick say about the ferry episode?", store=briefings)
    assert _cites(ferry, "reckless and deliberate")
    assert not _cites(ferry, "a corridor, not a settlement")  # her words in the corridor article
    olympics = assistant.ask("What did Quell say about the Olympics?", store=briefings)
    assert not olympics.citations


def test_a_comparison_from_the_article_quoting_both(briefings: Any) -> None:
    answer = assistant.ask("How did Vallendorf and Ostrik differ on the Accord's role?", store=briefings)
    assert answer.kind == "compare"
    assert {c.speaker for c in answer.citations} == {"Henrik Vallendorf", "Pavel Ostrik"}
    assert _cites(answer, "taking sides before the facts are known")
    # three articles quote both on the patrol boats; the comparison is in the one titled on them
    boats = assistant.ask("How did Marwick and Ostrik differ on the patrol boats?", store=briefings)
    assert _cites(boats, "well inside our territorial waters") and _cites(boats, "routine fisheries patrol")
    assert {c.title for c in boats.citations} == {
        "Kessmark closes Halden Bridge after Drovnian patrol boats enter the strait"
    }
