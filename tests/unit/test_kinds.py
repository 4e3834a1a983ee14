"""The question kinds of issue 9 through ``ask()``, on the sample corpus and the seed, with a
deterministic fake embedder (dense scores carry no meaning here; the real embedder is in
tests/integration/test_question_kinds.py)."""

from __future__ import annotations

from typing import Any

import pytest

import assistant
from assistant.names import resolve
from assistant.people import SpeakerInfo
from assistant.periods import period
from assistant.questions import parse
from ingest import ingest_paths
from tests.conftest import EXAMPLES, SEED


@pytest.fixture
def briefings(fake_store: Any) -> Any:
    ingest_paths([EXAMPLES, SEED], fake_store)
    return fake_store


def _ask(store: Any, question: str, history: list[Any] | None = None) -> assistant.Answer:
    return assistant.ask(question, store=store, history=history or [])


def test_a_date_gives_the_articles_of_that_day(briefings: Any) -> None:
    answer = _ask(briefings, "What happened on 5 March 2026?")
    assert answer.kind == "date" and answer.citations
    assert {c.date for c in answer.citations} == {"2026-03-05"}
    undated_year = _ask(briefings, "What was reported on Feb 17?")
    assert {c.date for c in undated_year.citations} == {"2022-02-17"}


def test_a_date_with_no_articles_says_so(briefings: Any) -> None:
    answer = _ask(briefings, "What happened on 1 January 2020?")
    assert not answer.citations and "no article is dated 1 January 2020" in answer.text


def test_a_number_question_cites_the_quantity(briefings: Any) -> None:
    answer = _ask(briefings, "How many lorries use the bridge every day?")
    assert answer.kind == "number"
    assert any("2,000 lorries a day" in c.passage for c in answer.citations)


def test_a_comparison_sets_both_speakers_side_by_side(briefings: Any) -> None:
    answer = _ask(briefings, "Marwick vs Ostrik on the corridor")
    assert answer.kind == "compare"
    assert {c.speaker for c in answer.citations} == {"Lena Marwick", "Pavel Ostrik"}
    assert any("a corridor, not a settlement" in c.passage for c in answer.citations)


def test_a_comparison_with_someone_never_quoted_cites_nothing(briefings: Any) -> None:
    answer = _ask(briefings, "How did Macron and Marwick differ on the corridor?")
    assert not answer.citations


def test_an_overview_cites_the_leads_of_several_articles(briefings: Any) -> None:
    answer = _ask(briefings, "Summarize the Varenna Strait standoff.")
    assert answer.kind == "overview"
    assert len({c.doc_id for c in answer.citations}) >= 3
    assert "quoted most" in answer.text


def test_which_article_and_when_come_from_the_previous_citations(briefings: Any) -> None:
    first = _ask(briefings, "What did Boris Johnson say?")
    where = _ask(briefings, "which article was that in?", [first])
    assert where.kind == "cite"
    assert [(c.doc_id, c.start, c.end) for c in where.citations] == [
        (c.doc_id, c.start, c.end) for c in first.citations
    ]
    assert first.citations[0].title in where.text
    when = _ask(briefings, "When did he say that?", [first])
    assert "2022-02-17" in when.text


def test_what_about_a_topic_keeps_the_speaker(briefings: Any) -> None:
    first = _ask(briefings, "What did Marwick say about the bridge?")
    answer = _ask(briefings, "and what about the ferry?", [first])
    assert answer.resolved_question == "What did Lena Marwick say about the ferry?"
    answer = _ask(briefings, "and Ostrik?", [first])
    assert answer.speaker == "Pavel Ostrik"


@pytest.mark.parametrize(
    ("typed", "speaker"),
    [
        ("Stoltenburg", "Jens Stoltenberg"),
        ("stoltenberg", "Jens Stoltenberg"),
        ("Zelenskyy", "Volodymyr Zelenskiy"),
        ("Jens", "Jens Stoltenberg"),
        ("the Kremlin spokesman", "Dmitry Peskov"),
        ("the foreign minister", "Lena Marwick"),
        ("the harbour chief", "Tomas Rendel"),
        ("Captain Moravec", "Ilse Moravec"),
        ("the mayor of the islands", "Jonas Ekberg"),  # "Jonas Ekberg, the mayor of the Esker islands"
        ("the ferry captain", "Ilse Moravec"),  # "Captain Ilse Moravec, who commands the ferry"
    ],
)
def test_names_as_people_type_them(briefings: Any, typed: str, speaker: str) -> None:
    answer = _ask(briefings, f"What did {typed} say?")
    assert answer.found and {c.speaker for c in answer.citations} == {speaker}


def test_a_typo_is_noted_and_a_role_nobody_has_is_not_guessed(briefings: Any) -> None:
    assert (
        "Taking “Stoltenburg” to mean Jens Stoltenberg" in _ask(briefings, "What did Stoltenburg say?").text
    )
    nobody = _ask(briefings, "What did the Drovnian foreign minister say?")
    assert not nobody.citations


def _speakers(*names: str, roles: dict[str, set[str]] | None = None) -> dict[str, SpeakerInfo]:
    return {n: SpeakerInfo(n, 1, {n}, (roles or {}).get(n, set())) for n in names}


def test_unsure_spelling_offers_did_you_mean() -> None:
    found = resolve("Borer", _speakers("Josep Borrell", "Barbara Boxer"))
    assert found.names == [] and found.suggestions == ["Barbara Boxer", "Josep Borrell"]


def test_doubled_letters_are_one_spelling() -> None:
    # "Borel" is one letter from "Borrell" once doubled letters count once, two from "Boxer"
    assert resolve("Borel", _speakers("Josep Borrell", "Barbara Boxer")).names == ["Josep Borrell"]


def test_a_different_first_name_still_never_matches() -> None:
    assert resolve("Michelle Obama", _speakers("Barack Obama")).names == []


def test_a_role_prefers_the_plainest_match() -> None:
    roles = {
        "Lena Marwick": {"Foreign Minister"},
        "Jorge Castañeda": {"former Mexican foreign minister who is a critic of"},
    }
    assert resolve("the foreign minister", _speakers(*roles, roles=roles)).names == ["Lena Marwick"]
    assert resolve("Castaneda", _speakers(*roles, roles=roles)).names == ["Jorge Castañeda"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How did Clinton and Trump differ on trade?", "compare"),
        ("Clinton vs Trump on trade", "compare"),
        ("How much did the plan cost?", "number"),
        ("What is this material about?", "overview"),
        ("What are the main stories?", "overview"),
        ("which article was that in?", "cite"),
        ("What happened in the strait?", "search"),
    ],
)
def test_question_kinds(question: str, kind: str) -> None:
    assert parse(question).kind == kind


def test_periods() -> None:
    assert period("What happened in March?").admits("2026-03-30")  # type: ignore[union-attr]
    assert not period("What happened in March?").admits("2026-04-01")  # type: ignore[union-attr]
    last_week = period("What was reported last week?", "2026-03-12")
    assert last_week is not None and last_week.admits("2026-03-02") and not last_week.admits("2026-03-12")


def test_a_comparison_takes_both_sides_from_the_article_quoting_both(briefings: Any) -> None:
    # Zelenskiy's "a big provocation" does not use the word "shelling": the article quoting
    # both men on the shelling is where the comparison is made
    answer = _ask(briefings, "How did Johnson and Zelenskiy describe the shelling?")
    assert answer.kind == "compare"
    assert {c.speaker for c in answer.citations} == {"Boris Johnson", "Volodymyr Zelenskiy"}
    assert any("a big provocation" in c.passage for c in answer.citations)
    assert "side by side" in answer.text


@pytest.mark.parametrize(
    "question", ["How much does the Halden Bridge toll cost?", "How many submarines does Kessmark have?"]
)
def test_a_number_question_the_material_does_not_answer_cites_nothing(briefings: Any, question: str) -> None:
    # the bridge's lead carries "three Drovnian patrol boats": a quantity, but no toll and no submarines
    answer = _ask(briefings, question)
    assert answer.kind == "number" and not answer.citations
    assert "does not say" in answer.text


def test_a_number_is_found_with_the_sentence_before_it(tmp_path: Any, fake_store: Any) -> None:
    article = tmp_path / "fund.txt"
    article.write_text(
        "Donors back the harbour fund.\n\n"
        "PORT ESKER, March 3 (Wire) — The harbour fund opened on Tuesday.\n\n"
        "The Esker harbour fund was set up by the council. It has raised $40 million so far.\n",
        "utf-8",
    )
    ingest_paths([article], fake_store)
    answer = _ask(fake_store, "How much money has the Esker harbour fund raised?")
    assert [c.passage for c in answer.citations] == ["It has raised $40 million so far."]


def test_what_the_articles_of_a_day_said_is_a_date_question(briefings: Any) -> None:
    answer = _ask(briefings, "What did the articles of 12 March 2026 say?")
    assert answer.kind == "date"
    assert {c.date for c in answer.citations} == {"2026-03-12"}


def test_the_article_about_something_is_one_article(briefings: Any) -> None:
    answer = _ask(briefings, "What is the radar logs story about?")
    assert answer.kind == "overview"
    assert {c.title for c in answer.citations} == {
        "Drovnia publishes radar logs, says its boats never crossed the line"
    }


def test_a_comparison_is_made_in_the_article_whose_title_is_on_the_topic(tmp_path: Any) -> None:
    # both articles quote both people and mention the harbour fund; the fund is the subject of one
    from tests.unit.word_embeddings import word_store

    fund = "Anna Berg said the harbour fund was too small. Carl Dunn said the harbour fund was generous."
    ferry = (
        "Anna Berg said the ferry was late again. Carl Dunn said the ferry timetable would change. "
        "The harbour fund was not discussed."
    )
    articles = {
        "fund.md": ("Harbour fund opens", "2026-03-02", fund),
        "ferry.md": ("Ferry timetable changes", "2026-03-03", ferry),
    }
    answer = _ask(word_store(tmp_path, articles), "How did Berg and Dunn differ on the harbour fund?")
    assert answer.kind == "compare"
    assert {c.speaker for c in answer.citations} == {"Anna Berg", "Carl Dunn"}
    assert {c.title for c in answer.citations} == {"Harbour fund opens"}
