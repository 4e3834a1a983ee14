"""The question benchmark's data and grading (evaluation/questions.py)."""

from __future__ import annotations

from collections import Counter

import pytest

from evaluation.attribution import Cited
from evaluation.questions import KINDS, Gold, Item, corpus, grade, load
from ingest.loaders import load as load_article
from tests.conftest import SHARED


def test_the_question_file_covers_every_kind_in_both_halves() -> None:
    items = load()
    assert len(items) >= 150
    assert len({i.id for i in items}) == len(items)
    halves = Counter((i.kind, i.split) for i in items)
    for kind in KINDS:
        assert halves[(kind, "dev")] >= 4 and halves[(kind, "held-out")] >= 4, kind
    assert all(i.gold for i in items if i.kind != "unanswerable")
    assert not any(i.gold for i in items if i.kind == "unanswerable")


def test_every_gold_passage_is_verbatim_in_its_article() -> None:
    items = load()
    files = corpus(SHARED, items)
    for item in items:
        for g in item.gold:
            assert g.doc in files, (item.id, g.doc)
            assert g.text in load_article(files[g.doc]).text, (item.id, g.text)
        assert item.needed <= len(item.gold) or not item.gold


TEXTS = {"a": "Alpha said the bridge is closed. Beta said it is open.", "b": "Gamma spoke of weather."}


def _item(gold: list[Gold], need: int | str = 1) -> Item:
    return Item("x-01", "dev", "compare", "q?", gold, need=need)


def _cite(article: str, phrase: str) -> Cited:
    start = TEXTS[article].index(phrase)
    return Cited(article, start, start + len(phrase), phrase)


@pytest.mark.parametrize(
    ("cited", "need", "verdict", "confident"),
    [
        (["the bridge is closed", "Beta said it is open"], "all", "right", False),
        (["the bridge is closed"], "all", "partly", False),
        (["the bridge is closed"], 1, "right", False),
        ([], 1, "wrong", False),
        (["Gamma"], 1, "wrong", True),
    ],
)
def test_grading(cited: list[str], need: int | str, verdict: str, confident: bool) -> None:
    item = _item([Gold("a", "bridge is closed"), Gold("a", "it is open")], need)
    citations = [_cite("b" if p == "Gamma" else "a", p) for p in cited]
    graded = grade(item, citations, TEXTS)
    assert (graded.verdict, graded.confidently_wrong) == (verdict, confident)


def test_an_answer_mostly_from_other_articles_is_only_partly_right() -> None:
    item = _item([Gold("a", "")])
    graded = grade(item, [_cite("a", "Alpha"), _cite("b", "Gamma"), _cite("b", "weather")], TEXTS)
    assert graded.verdict == "partly"


def test_unanswerable_questions_are_right_only_when_nothing_is_cited() -> None:
    item = Item("u-01", "dev", "unanswerable", "q?", [])
    assert grade(item, [], TEXTS).verdict == "right"
    wrong = grade(item, [_cite("b", "Gamma")], TEXTS)
    assert (wrong.verdict, wrong.confidently_wrong) == ("wrong", True)
