"""'What did X say?' cites at most Settings.speaker_limit statements, newest (or most relevant) first,
and counts the rest; all=True cites every one."""

from __future__ import annotations

import pytest

from assistant.chain import Engine
from assistant.render import markdown_lines, plain
from ingest import ingest_paths
from ingest.settings import Settings
from ingest.store import Store
from tests.unit.word_embeddings import WordEmbeddings

DAYS = 30


def article(day: int) -> str:
    weather = "the storm had closed the harbour" if day % 4 == 0 else f"the tide on day {day} was calm"
    return (
        f"title Day {day} at the harbour\ndate 2026-03-{day:02d}\noutlet Coast Wire\n\n"
        f"The ferries waited for the morning tide on day {day}.\n\n"
        f"Harbour pilot Mira Taskent said {weather}.\n\n"
        f"Tomas Rendel said the bridge on day {day} stayed open.\n"
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    tmp = tmp_path_factory.mktemp("bounded")
    for day in range(1, DAYS + 1):
        (tmp / f"day{day:02d}.md").write_text(article(day), "utf-8")
    client = chromadb.PersistentClient(
        path=str(tmp / "store"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    db = Store(client, WordEmbeddings)
    assert ingest_paths([tmp], db).ok
    return db


def test_the_newest_statements_first_and_the_rest_counted(store: Store) -> None:
    answer = Engine(store, Settings(speaker_limit=5)).ask("What did Mira Taskent say?")
    assert [g.date for g in answer.groups] == [f"2026-03-{d}" for d in (30, 29, 28, 27, 26)]
    assert len(answer.citations) == 5 and answer.more == DAYS - 5
    assert all("Mira Taskent said" in c.passage or c.passage.startswith("the") for c in answer.citations)
    assert "30 statements in 30 articles. The 5 newest are cited here." in answer.text
    assert answer.text.endswith("… and 25 more.")
    assert "briefing ask --all" in plain(answer)
    assert any("and 25 more — show all" in line for line in markdown_lines(answer, 1))


def test_all_cites_every_statement(store: Store) -> None:
    answer = Engine(store, Settings(speaker_limit=5)).ask("What did Mira Taskent say?", all=True)
    assert len(answer.citations) == DAYS and answer.more == 0
    assert "more" not in answer.text.splitlines()[-1]
    assert {c.paragraph for c in answer.citations} == {3}  # paragraph numbers from the cached offsets


def test_with_a_topic_the_most_relevant_come_first(store: Store) -> None:
    answer = Engine(store, Settings(speaker_limit=3)).ask("What did Mira Taskent say about the storm?")
    storms = DAYS // 4
    assert len(answer.citations) == 3 and answer.more == storms - 3
    assert all("storm" in c.passage for c in answer.citations)
    assert "The 3 most relevant are cited here." in answer.text


def test_an_answer_within_the_limit_is_not_bounded(store: Store) -> None:
    answer = Engine(store, Settings()).ask("What did Mira Taskent say?")  # the default limit is 20
    assert Settings().speaker_limit == 20
    assert len(answer.citations) == 20 and answer.more == 10
    small = Engine(store, Settings(speaker_limit=DAYS)).ask("What did Mira Taskent say?")
    assert len(small.citations) == DAYS and small.more == 0 and "more" not in small.text
    assert "Tomas Rendel" not in small.text  # only her statements, however many are read


def test_the_rules_statements_come_before_reported_ones() -> None:
    import numpy as np

    from assistant.pools import Pool, select

    kinds = ["reported", "direct quote", "paraphrase"]  # of ("new", 0), ("old", 0), ("new", 9)
    pool = Pool(
        chosen=[],
        statements=[],
        positions=np.arange(3),
        docs=np.array([1, 0, 1]),
        dates=np.array([1, 0, 1]),  # "new" is the newer article
        starts=np.array([0, 0, 9]),
        reported=np.array([k == "reported" for k in kinds]),
    )
    cited, count, _ = select(pool, [1.0, 1.0, 1.0], 0.5, 2)
    assert [kinds[i] for i in cited] == ["direct quote", "paraphrase"] and count - len(cited) == 1
