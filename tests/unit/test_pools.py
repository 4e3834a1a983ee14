"""A speaker's statements are read once per store generation, and choosing among them with arrays
cites exactly what sorting every statement did."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import assistant.people
from assistant import pools
from assistant.chain import Engine
from assistant.models import Filters
from ingest import ingest_paths
from ingest.settings import Settings
from ingest.store import Store
from tests.unit.test_bounded import article
from tests.unit.word_embeddings import WordEmbeddings


def _store(folder: Path, days: range) -> tuple[Store, Path]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    texts = folder / "articles"
    texts.mkdir(parents=True, exist_ok=True)
    for day in days:
        (texts / f"day{day:02d}.md").write_text(article(day), "utf-8")
    client = chromadb.PersistentClient(
        path=str(folder / "store"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    db = Store(client, WordEmbeddings)
    assert ingest_paths([texts], db).ok
    return db, texts


def test_a_speaker_is_read_once_per_generation_and_again_after_an_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, texts = _store(tmp_path, range(1, 11))
    calls: list[list[str]] = []
    real = assistant.people.statements_of

    def counting(names: Any, *args: Any) -> Any:
        calls.append(list(names))
        return real(names, *args)

    monkeypatch.setattr(assistant.people, "statements_of", counting)
    engine = Engine(db, Settings(speaker_limit=3))
    first = engine.ask("What did Mira Taskent say?")
    about = engine.ask("What did Mira Taskent say about the storm?")
    again = engine.ask("What did Mira Taskent say?")
    assert calls == [["Mira Taskent"]]  # one read of her statements for the three answers
    assert "10 statements in 10 articles" in first.text and again.text == first.text
    assert about.found and all("storm" in c.passage for c in about.citations)

    (texts / "day11.md").write_text(article(11), "utf-8")
    assert ingest_paths([texts], db).ok
    later = engine.ask("What did Mira Taskent say?")
    assert len(calls) == 2 and "11 statements in 11 articles" in later.text
    assert later.groups[0].date == "2026-03-11"


def test_a_filtered_question_never_reads_the_whole_store_pool(tmp_path: Path) -> None:
    db, _ = _store(tmp_path, range(1, 11))
    engine = Engine(db, Settings(speaker_limit=3))
    assert "10 statements" in engine.ask("What did Mira Taskent say?").text
    dated = engine.ask(
        "What did Mira Taskent say?", filters=Filters.of(date_from="2026-03-08", date_to="2026-03-09")
    )
    assert "2 statements in 2 articles" in dated.text
    assert {g.date for g in dated.groups} == {"2026-03-08", "2026-03-09"}


def _sorted_as_before(
    scores: list[float], dates: list[str], starts: list[int], kinds: list[str], bar: float, limit: int
) -> list[int]:
    """What speaker answers did before pools: every passing statement sorted, the first ``limit`` kept."""
    passing = [i for i, s in enumerate(scores) if s >= bar]
    ranked = sorted(
        passing,
        key=lambda i: (kinds[i] != "reported", round(scores[i], 6), dates[i], -starts[i]),
        reverse=True,
    )
    return sorted(ranked[:limit])


def test_select_cites_what_sorting_every_statement_cited() -> None:
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(1, 60)
        scores = [rng.choice([0.3, 0.5, 0.5000001, 0.62, 1.0, rng.random()]) for _ in range(n)]
        dates = [rng.choice(["", "2016-09-01", "2016-09-02", "2016-10-11"]) for _ in range(n)]
        starts = [rng.choice([0, 40, 40, 120]) for _ in range(n)]
        docs = [f"{d}/{rng.randint(0, 3)}" for d in dates]
        kinds = [rng.choice(["direct quote", "paraphrase", "reported"]) for _ in range(n)]
        ranks = {d: r for r, d in enumerate(sorted(set(dates)))}
        pool = pools.Pool(
            chosen=[],
            statements=[],
            positions=np.arange(n),
            docs=np.array([sorted(set(docs)).index(d) for d in docs]),
            dates=np.array([ranks[d] for d in dates]),
            starts=np.array(starts),
            reported=np.array([k == "reported" for k in kinds]),
        )
        limit = rng.randint(1, 20)
        cited, count, n_docs = pools.select(pool, scores, 0.5, limit)
        assert cited == _sorted_as_before(scores, dates, starts, kinds, 0.5, limit)
        assert count == sum(s >= 0.5 for s in scores)
        assert n_docs == len({d for d, s in zip(docs, scores, strict=True) if s >= 0.5})
        assert pools.select(pool, scores, 0.5, None)[0] == [i for i, s in enumerate(scores) if s >= 0.5]
