"""Speaker-aware answers end to end: real embedder, real Chroma, the seed and sample corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import assistant
from ingest import ingest_paths
from ingest.store import Store
from tests.conftest import EXAMPLES, POLNEAR, SEED

pytestmark = pytest.mark.slow

SEED_SPEAKERS = {
    "Stoltenberg": [
        "NATO Secretary-General Jens Stoltenberg said Thursday",
        "“We are concerned that Russia is trying to stage a pretext",
        "There is “still no clarity, no certainty about Russia’s intentions,” he added.",
        "Stoltenberg additionally mentioned NATO had detected",
    ],
    "Johnson": ["British Prime Minister Boris Johnson immediately referred to as"],
    "Zelenskiy": ["Ukrainian President Volodymyr Zelenskiy said the assault was “a big provocation,”"],
    "Peskov": ["In Russia, Kremlin spokesperson Dmitry Peskov said the scenario was “very, very dangerous”"],
    "Borrell": [
        "And in Brussels, high EU diplomat Josep Borrell mentioned",
        "“We’ve noticed a lot of disinformation from Russia’s side",  # never names him
    ],
}


@pytest.fixture
def library(real_store: Store, tmp_path: Path) -> Store:
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    shutil.copy(next(SEED.glob("*.txt")), folder)
    assert ingest_paths([folder], real_store).ok
    return real_store


@pytest.mark.parametrize("name", sorted(SEED_SPEAKERS))
def test_seed_speaker_statements_are_complete_and_only_theirs(library: Store, name: str) -> None:
    answer = assistant.ask(f"What did {name} say?", store=library)
    assert answer.kind == "speaker" and answer.found
    passages = " ".join(c.passage for c in answer.citations)
    for expected in SEED_SPEAKERS[name]:
        assert expected in passages, (name, expected)
    for other, theirs in SEED_SPEAKERS.items():
        if other != name:
            assert not any(t in passages for t in theirs), (name, other)
    assert {c.date for c in answer.citations} == {"2022-02-17"}


def test_follow_ups_and_topics(library: Store) -> None:
    first = assistant.ask("What did Stoltenberg say?", store=library)
    topic = assistant.ask("did he mention Romania?", store=library, history=[first])
    assert topic.resolved_question == "What did Jens Stoltenberg say about Romania?"
    assert [c.passage[:40] for c in topic.citations] == ["Stoltenberg additionally mentioned NATO "]
    other = assistant.ask("and Borrell?", store=library, history=[first, topic])
    assert other.resolved_question == "What did Borrell say about Romania?"
    assert not other.found and "not about Romania" in other.text and other.citations == []
    rest = assistant.ask("what else did he say?", store=library, history=[first])
    assert rest.citations == [] and "nothing more" in rest.text  # all four were in the first answer


def test_role_and_pronoun_statements_of_the_sample_corpus(library: Store) -> None:
    answer = assistant.ask("What did Lena Marwick say?", store=library)
    passages = [c.passage for c in answer.citations]
    assert any(p.startswith('"The bridge stays closed') for p in passages)  # "she added"
    assert any("The foreign minister said Kessmark would file" in p for p in passages)  # role
    dates = [c.date for c in answer.citations]
    assert dates == sorted(dates, reverse=True)  # newest article first
    kremlin = assistant.ask("What did the Kremlin say?", store=library)
    assert [c.speaker for c in kremlin.citations] == ["Dmitry Peskov"]


def test_who_said(library: Store) -> None:
    answer = assistant.ask("Who called the shelling a false flag?", store=library)
    assert answer.kind == "who" and "Boris Johnson" in answer.text
    assert any(c.speaker == "Boris Johnson" for c in answer.citations)
    nobody = assistant.ask("Who said the moon is made of cheese?", store=library)
    assert not nobody.found and nobody.citations == []


def test_speakers_list(library: Store) -> None:
    found = {s.name: s for s in assistant.speakers(store=library)}
    assert found["Dmitry Peskov"].statements == 1
    assert found["Jens Stoltenberg"].statements == 4
    assert {"Stoltenberg", "Jens Stoltenberg"} <= found["Jens Stoltenberg"].forms
    assert "Kremlin spokesperson" in found["Dmitry Peskov"].roles
    assert found["Lena Marwick"].statements >= 8
    assert all(
        "Marwick" in form for form in found["Lena Marwick"].forms
    )  # names, not "she" or "the minister"


def test_extractor_upgrade_reattributes_without_reembedding(
    library: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ingest.pipeline

    folder = Path(library.catalog()[0].source).parent
    monkeypatch.setattr(ingest.pipeline, "QUOTES_VERSION", "next")
    monkeypatch.setattr(
        Store, "embeddings", property(lambda self: pytest.fail("re-attribution must not embed"))
    )
    report = ingest_paths([folder], library)
    assert len(report.updated) == 9 and {r.reason for r in report.updated} == {"quotes re-attributed"}
    assert len(ingest_paths([folder], library).unchanged) == 9


def _polnear_slice(tmp_path: Path, n: int) -> Path:
    """The first ``n`` NYT articles of polnear-dev with their annotations, as a PolNeAR folder."""
    folder = tmp_path / "polnear"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for path in sorted((POLNEAR / "text").glob("nyt_*.txt"))[:n]:
        shutil.copy(path, folder / "text")
        for ann in (POLNEAR / "attributions").glob(f"{path.stem}_*.ann"):
            shutil.copy(ann, folder / "attributions")
    return folder


def test_eval_harness_on_a_few_articles(tmp_path: Path, real_store: Store) -> None:
    from evaluation.attribution import run

    folder = _polnear_slice(tmp_path, 12)
    ingest_paths([folder / "text"], real_store)
    scores, questions = run(folder, real_store)
    assert questions and scores[0].system == "briefing"
    assert scores[0].verbatim == 1.0
    assert scores[0].recall > 0.5 and scores[0].precision > 0.5


def test_eval_by_folds_scores_both_systems_and_the_speaker_list(tmp_path: Path) -> None:
    from assistant.service import Service
    from ingest import Settings

    folder = _polnear_slice(tmp_path, 10)
    service = Service(Settings(store=tmp_path / "unused"))
    result = service.evaluate(folder, naive=True, workdir=tmp_path / "work", folds=2)
    rows = result.table.splitlines()
    assert any(r.startswith("| briefing |") for r in rows) and any(r.startswith("| naive") for r in rows)
    precision = float(rows[-1].rsplit("precision ", 1)[1].rstrip(")"))
    assert precision > 0.8, result.table  # listed speakers are real named sources
    assert result.ingested.count("added") == 2  # one store per fold


def test_filters_limit_what_can_be_cited(library: Store) -> None:
    from assistant import Filters

    dates = {r.doc_id: r.date for r in library.catalog()}
    early_filter = Filters.of("2026-03-01", "2026-03-05")
    early = [d for d, date in dates.items() if early_filter.admits(d, date, None)]
    assert {dates[d] for d in early} == {"2026-03-02", "2026-03-04", "2026-03-05"}
    answer = assistant.ask("What did Lena Marwick say?", store=library, filters=early_filter)
    assert answer.citations and all(c.date <= "2026-03-05" for c in answer.citations)
    search = assistant.ask("What happened to the Halden Bridge?", store=library, filters=early_filter)
    assert search.citations and all(c.doc_id in early for c in search.citations)
    courier = Filters.of(outlets=["Kessmark Daily Courier"])
    rendel = assistant.ask("What did Tomas Rendel say?", store=library, filters=courier)
    assert rendel.citations and {c.outlet for c in rendel.citations} == {"Kessmark Daily Courier"}


def test_no_answer_on_real_news_carries_a_different_first_name() -> None:
    """Every "What did <First> <Last> say?" over polnear-dev's people: never another first name's words."""
    from assistant.people import _PARTICLES, _same_first_name, canonical_names, group, match, statements_of
    from ingest.lexicon import ORG_HEADS
    from ingest.quotes import extract_statements
    from ingest.text import Span

    statements = []
    for path in sorted((POLNEAR / "text").glob("*.txt")):
        text = path.read_text("utf-8")
        statements += [s.metadata() for s in extract_statements(path.stem, text, Span(0, len(text)))]
    speakers, canon = group(statements), canonical_names(statements)
    full_names = [
        n
        for n in speakers
        if len(n.split()) == 2
        and n[:1].isupper()
        and n.split()[0].lower() not in _PARTICLES
        and n.split()[-1].lower() not in ORG_HEADS  # people: "York Times" may well be the New York Times
    ]
    assert len(full_names) > 50
    for name in full_names:
        first = name.split()[0].lower()
        cited = statements_of(match(name, speakers)[0], statements, canon, speakers)
        assert cited, name
        for s, _ in cited:
            who = canon.get(str(s["speaker"]), str(s.get("speaking_for") or ""))
            if len(who.split()) > 1:
                assert _same_first_name(who.split()[0].lower(), first), (name, who)
