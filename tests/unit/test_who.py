"""Who said it, when several people said it equally well (through ``ask()`` with the
hand-checkable word embedder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import assistant
from tests.unit.word_embeddings import word_store

SAID = {
    "Anna Berg": "2026-03-02",
    "Carl Dunn": "2026-03-03",
    "Eva Frost": "2026-03-04",
}


def _store(tmp_path: Path, speakers: dict[str, str]) -> Any:
    articles = {
        f"{i}.md": (f"Bridge news {i}", date, f"{name} said the bridge was closed.")
        for i, (name, date) in enumerate(speakers.items())
    }
    return word_store(tmp_path, articles)


def _counting_queries() -> Any:
    """A word embedder class that records every query it embeds (a new class, so a new record)."""
    from tests.unit.word_embeddings import WordEmbeddings

    class Counting(WordEmbeddings):
        asked: ClassVar[list[str]] = []

        def embed_query(self, text: str) -> list[float]:
            self.asked.append(text)
            return super().embed_query(text)

    return Counting


def test_three_people_saying_it_equally_well_name_no_one(tmp_path: Path) -> None:
    # each statement matches "the bridge" as well as the others and none says "demolished"
    answer = assistant.ask("Who said the bridge would be demolished?", store=_store(tmp_path, SAID))
    assert not answer.citations and "does not say" in answer.text
    assert "Anna Berg" in answer.text  # offered as the nearest


def test_one_person_saying_it_is_named(tmp_path: Path) -> None:
    store = _store(tmp_path, {"Anna Berg": "2026-03-02"})
    answer = assistant.ask("Who said the bridge was closed?", store=store)
    assert answer.speaker == "Anna Berg" and answer.citations


def test_a_statement_opening_with_a_pronoun_is_read_after_the_sentence_before(tmp_path: Path) -> None:
    # "She said it was working." holds neither "harbour" nor "fog"; the sentence before does
    body = "Anna Berg inspected the harbour fog barrier on Monday. She said it was working."
    store = word_store(tmp_path, {"barrier.md": ("Port news", "2026-03-02", body)})
    answer = assistant.ask("Who said the harbour fog barrier was working?", store=store)
    assert [c.passage for c in answer.citations] == ["She said it was working."]


def test_sharing_the_words_without_the_meaning_names_no_one(tmp_path: Path) -> None:
    # the statement holds "harbour radar logs" but says nothing of forgery: lexically 3 of the
    # topic's 4 terms, in meaning a cosine of 1/sqrt(5) = 0.45 (below semantic.DENSE_FLOOR)
    body = "Anna Berg said the harbour radar logs showed fog, a bridge, a ferry and a storm."
    store = word_store(tmp_path, {"logs.md": ("Port news", "2026-03-02", body)})
    forged = assistant.ask("Who said the harbour radar logs were forged?", store=store)
    assert not forged.citations and "does not say" in forged.text
    showed = assistant.ask("Who said the harbour radar logs showed fog?", store=store)  # cosine 0.63
    assert showed.speaker == "Anna Berg" and showed.citations


def test_a_statement_found_by_meaning_beats_one_sharing_more_words(tmp_path: Path) -> None:
    # Anna's statement answers (five of the topic's nine terms, under half their weight, and a
    # cosine of 0.5); Carl's holds only "harbour" and "storm" (too few words to be looked up by
    # them) but matches fully in meaning: when the statements sharing the words cover less than
    # half the topic, the search's candidates are scored too
    articles = {
        "a.md": (
            "Pontoons",
            "2026-03-02",
            "Anna Berg said harbour moorings, pontoons and jetties were wrecked in fog.",
        ),
        "b.md": ("Weather", "2026-03-03", "Carl Dunn said the harbour storm was frightening."),
    }
    store = word_store(tmp_path, articles)
    question = "Who said the harbour storm wrecked moorings, pontoons, jetties, quays, slipways and wharves?"
    answer = assistant.ask(question, store=store)
    assert answer.speaker == "Carl Dunn"
    assert [c.speaker for c in answer.citations] == ["Carl Dunn"]


def test_the_person_named_is_cited_with_their_other_statements_on_it(tmp_path: Path) -> None:
    # her second statement matches less well (0.62 against 1.0) but still says it
    body = (
        "Anna Berg said the harbour fog was dangerous.\n\n"
        "Carl Dunn said the ferry would sail on Friday.\n\n"
        "Berg also said the harbour fog, a storm and the ferry cables had closed the port."
    )
    store = word_store(tmp_path, {"fog.md": ("Port news", "2026-03-02", body)})
    answer = assistant.ask("Who said the harbour fog was dangerous?", store=store)
    assert answer.speaker == "Anna Berg"
    assert [c.passage for c in answer.citations] == [
        "Anna Berg said the harbour fog was dangerous.",
        "Berg also said the harbour fog, a storm and the ferry cables had closed the port.",
    ]


def test_when_the_best_answer_holds_few_of_the_words_those_found_by_meaning_are_read_too(
    tmp_path: Path,
) -> None:
    # Anna's first statement answers best but holds under half the topic's words (Dora's, cited
    # beside it, holds most of them); her second holds only "storm", too little to be looked up
    # by words, and is found by the search: cited as the named person's other statement on it
    articles = {
        "a.md": (
            "Port news",
            "2026-03-02",
            "Anna Berg said the harbour storm wrecked the moorings.\n\nBerg also said the storm was frightening.",
        ),
        "d.md": (
            "Pontoons",
            "2026-03-03",
            "Dora Eck said pontoons, jetties, quays and slipways were wrecked in the harbour storm, fog and ferry wash.",
        ),
    }
    store = word_store(tmp_path, articles)
    question = "Who said the harbour storm wrecked moorings, pontoons, jetties, quays and slipways?"
    answer = assistant.ask(question, store=store)
    assert answer.speaker == "Anna Berg"
    assert "Berg also said the storm was frightening." in [c.passage for c in answer.citations]


def test_a_statement_is_read_under_its_headline(tmp_path: Path) -> None:
    # Against the topic's five vocabulary words, "the ferry was a disgrace" alone has a cosine of
    # 1/sqrt(5) = 0.45 (below semantic.DENSE_FLOOR); read under its title it is 6/sqrt(40) = 0.95.
    # Carl's "it was a relief" holds no word of the topic (0 alone, below semantic.TITLE_FLOOR):
    # his headline, as near as Anna's, lends him nothing.
    articles = {
        "cables.md": (
            "Ferry cables snapped in the harbour storm and fog",
            "2026-03-02",
            "Anna Berg said the ferry was a disgrace.",
        ),
        "relief.md": (
            "Harbour fog and storm cut the ferry cables",
            "2026-03-03",
            "Carl Dunn said it was a relief.",
        ),
    }
    store = word_store(tmp_path, articles)
    answer = assistant.ask("Who said the storm snapped the ferry cables in the harbour fog?", store=store)
    assert answer.speaker == "Anna Berg"
    assert [c.passage for c in answer.citations] == ["Anna Berg said the ferry was a disgrace."]
    other = assistant.ask("Who said the bridge reopened?", store=store)
    assert not other.citations and "does not say" in other.text


def test_a_topic_is_embedded_once_however_many_ways_it_is_read(tmp_path: Path) -> None:
    # who-said reads a topic alone, after the sentence before and under the title: one query vector
    from assistant import semantic

    Counting = _counting_queries()

    class Holder:
        embeddings = Counting()

    first = semantic.query_vector(Holder(), "harbour fog")  # type: ignore[arg-type]
    again = semantic.query_vector(Holder(), "harbour fog")  # type: ignore[arg-type]
    assert again is first and Counting.asked == ["harbour fog"]
    Holder.embeddings = Counting()  # another embedder: its own vector
    semantic.query_vector(Holder(), "harbour fog")  # type: ignore[arg-type]
    assert Counting.asked == ["harbour fog", "harbour fog"]


def test_a_statement_found_only_by_meaning_answers(tmp_path: Path) -> None:
    # "zeppelins" and "grounded" occur nowhere, so "harbour fog" (in every article) holds too little
    # of the topic's weight for Anna's statement to be looked up by words; her paragraph is mostly
    # other words, so the search's first 12 chunks are the 14 weather notes, which quote no one.
    # Her statement alone is the nearest of all statements in meaning (cosine 1.0): it answers.
    articles = {
        f"d{i}.md": (f"Weather {i}", f"2026-03-{i + 1:02d}", f"The harbour fog was thick on day {i}.")
        for i in range(14)
    }
    articles["a.md"] = (
        "Port news",
        "2026-03-20",
        "Anna Berg said the harbour fog was thick. "
        "Bridge, ferry, cables and storm: the bridge, the ferry, the cables, the storm.",
    )
    store = word_store(tmp_path, articles)
    answer = assistant.ask("Who warned that the harbour fog grounded the zeppelins?", store=store)
    assert answer.speaker == "Anna Berg"
    assert [c.passage for c in answer.citations] == ["Anna Berg said the harbour fog was thick."]


def test_the_person_a_who_question_names_answers_it_only_closely(tmp_path: Path) -> None:
    # "Who said Dunn's ferry was late?" is asked about Dunn: his own statement answers only at
    # compose.WHO_NAMED_MARGIN above the threshold, someone else's at the threshold
    from assistant.chain import engine_for
    from assistant.compose import WHO_NAMED_MARGIN, who_answer

    body = "Carl Dunn said the ferry was late.\n\nAnna Berg said the ferry was early."
    store = word_store(tmp_path, {"ferry.md": ("Port news", "2026-03-02", body)})
    index = engine_for(store).cache.get()
    threshold = 0.42

    def scored(dunn: float, berg: float) -> Any:
        def scorer(pool: list[dict[str, Any]]) -> list[float]:
            text = [index.texts[s["doc_id"]][s["start"] : s["end"]] for s in pool]
            return [dunn if "Dunn" in t else berg if "Berg" in t else 0.0 for t in text]

        return who_answer(
            index,
            "Dunn's ferry was late",
            question="Who said Dunn's ferry was late?",
            resolved="Who said Dunn's ferry was late?",
            scorer=scorer,
            threshold=threshold,
        )

    assert scored(threshold + WHO_NAMED_MARGIN / 2, 0.0) is None
    assert scored(threshold + WHO_NAMED_MARGIN, 0.0).speaker == "Carl Dunn"
    beside = scored(threshold + WHO_NAMED_MARGIN / 2, threshold)
    assert beside.speaker == "Anna Berg" and [c.speaker for c in beside.citations] == ["Anna Berg"]


def test_the_person_named_brings_their_nearer_statements_in_that_article_only(tmp_path: Path) -> None:
    # once Anna Berg is named, her other statement in that article is cited at the lower
    # ``related`` bar; Carl Dunn's, named beside her, and hers in another article are not
    from assistant.chain import engine_for
    from assistant.compose import who_answer

    port = (
        "Anna Berg said the ferry was late.\n\nAnna Berg said the harbour gave hope."
        "\n\nCarl Dunn said the ferry was slow.\n\nCarl Dunn said the harbour was calm."
    )
    articles = {
        "port.md": ("Port news", "2026-03-02", port),
        "later.md": ("Port news later", "2026-03-03", "Anna Berg said the harbour stayed open."),
    }
    store = word_store(tmp_path, articles)
    index = engine_for(store).cache.get()
    score = {"late": 0.60, "hope": 0.37, "slow": 0.55, "calm": 0.37, "open": 0.37}

    def scorer(pool: list[dict[str, Any]]) -> list[float]:
        text = [index.texts[s["doc_id"]][s["start"] : s["end"]] for s in pool]
        return [next((v for k, v in score.items() if k in t), 0.0) for t in text]

    def cited(related: float | None) -> list[str]:
        answer = who_answer(
            index,
            "the ferry was delayed",
            question="Who said the ferry was delayed?",
            resolved="Who said the ferry was delayed?",
            scorer=scorer,
            threshold=0.42,
            related=related,
        )
        return sorted(c.passage for c in answer.citations)

    assert cited(None) == ["Anna Berg said the ferry was late.", "Carl Dunn said the ferry was slow."]
    assert cited(0.35) == [
        "Anna Berg said the ferry was late.",
        "Anna Berg said the harbour gave hope.",
        "Carl Dunn said the ferry was slow.",
    ]


def test_the_nearest_statements_of_the_index_come_nearest_first(tmp_path: Path) -> None:
    # cosines with "harbour fog": Carl 1.0, Anna 1/sqrt(2) = 0.71, Eva 0 (no word in common)
    from assistant import semantic
    from assistant.chain import engine_for

    body = "Anna Berg said the harbour ferry was late.\n\nCarl Dunn said the harbour fog was thick.\n\nEva Frost said the storm cables snapped."
    store = word_store(tmp_path, {"port.md": ("Port news", "2026-03-02", body)})
    index = engine_for(store).cache.get()

    def who(limit: int) -> list[str]:
        return [str(s["speaker"]) for s in semantic.nearest(index, store, "harbour fog", limit)]

    assert who(2) == ["Carl Dunn", "Anna Berg"]
    assert who(10) == ["Carl Dunn", "Anna Berg", "Eva Frost"]
    assert who(0) == []


def test_a_quotation_is_also_read_without_its_attribution_one_sentence_at_a_time(tmp_path: Path) -> None:
    # the whole statement meets "harbour fog" at 2 / sqrt(2 * 12) = 0.41 (below semantic.DENSE_FLOOR),
    # its quoted first sentence alone at 1.0: Anna said it
    body = (
        "“The harbour fog was thick. The bridge, the bridge, the cables, the cables, the ferry and "
        "the storm were fine,” Anna Berg said."
    )
    store = word_store(tmp_path, {"fog.md": ("Port news", "2026-03-02", body)})
    answer = assistant.ask("Who said the harbour fog was thick?", store=store)
    assert answer.speaker == "Anna Berg" and len(answer.citations) == 1


def test_a_sentence_read_alone_answers_only_when_it_is_near_in_meaning(tmp_path: Path) -> None:
    # its first sentence holds "harbour" and "thick" and meets "harbour fog" at 1 / 2 = 0.5: above
    # semantic.DENSE_FLOOR (a whole statement would answer there), below readings.PART_FLOOR
    body = (
        "“The harbour ferry was thick with people. The bridge, the bridge, the cables, the cables and the storm "
        "were fine,” Anna Berg said."
    )
    store = word_store(tmp_path, {"ferry.md": ("Port news", "2026-03-02", body)})
    answer = assistant.ask("Who said the harbour fog was thick?", store=store)
    assert not answer.citations and "does not say" in answer.text


def test_a_who_question_that_searches_embeds_its_topic_once(tmp_path: Path) -> None:
    # the statements sharing the words do not answer, so the search runs: it reads the topic's
    # vector the scorer embedded instead of embedding the same text again
    Counting = _counting_queries()

    body = "Anna Berg said the harbour fog was thick."
    store = word_store(tmp_path, {"a.md": ("Port news", "2026-03-20", body)}, Counting)
    answer = assistant.ask("Who warned that the harbour fog grounded the zeppelins?", store=store)
    assert answer.speaker == "Anna Berg"
    assert Counting.asked and len(Counting.asked) == len(set(Counting.asked))


def test_the_parts_of_a_statement_far_from_the_topic_are_not_read(tmp_path: Path) -> None:
    # the whole meets "harbour fog" at 2 / (sqrt(2) * 5) = 0.28, under readings.PART_WHOLE: its
    # first sentence (1.0 alone) is neither embedded nor read, and nobody is named
    from tests.unit.word_embeddings import WordEmbeddings

    class Counting(WordEmbeddings):
        embedded: ClassVar[list[str]] = []

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.embedded.extend(texts)
            return super().embed_documents(texts)

    body = (
        "“The harbour fog was thick. The bridge, the bridge, the bridge, the cables, the cables, the cables, "
        "the ferry, the ferry and the storm were fine,” Anna Berg said."
    )
    store = word_store(tmp_path, {"fog.md": ("Port news", "2026-03-02", body)}, Counting)
    answer = assistant.ask("Who said the harbour fog was thick?", store=store)
    assert not answer.citations and "does not say" in answer.text
    assert "The harbour fog was thick." not in Counting.embedded
