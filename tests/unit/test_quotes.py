"""Quote attribution: the seed article's speakers, and a table of sentence forms."""

from __future__ import annotations

import pytest

from ingest.loaders import load
from ingest.quotes import extract_statements
from ingest.text import Span
from tests.conftest import EXAMPLES, SEED


def _by_speaker(path) -> dict[str, list[str]]:
    art = load(path)
    out: dict[str, list[str]] = {}
    for st in extract_statements(art.doc_id, art.text, art.body):
        assert art.text[st.start : st.end] == st.text
        out.setdefault(st.speaker, []).append(st.text)
    return out


def test_seed_speakers_are_complete_and_only_theirs() -> None:
    said = _by_speaker(next(SEED.glob("*.txt")))
    assert [s[:40] for s in said["Jens Stoltenberg"]] == [
        "NATO Secretary-General Jens Stoltenberg ",
        "“We are concerned that Russia is trying ",
        "There is “still no clarity, no certainty",
        "Stoltenberg additionally mentioned NATO ",
    ]
    assert len(said["Boris Johnson"]) == 1 and "false flag operation designed" in said["Boris Johnson"][0]
    assert len(said["Volodymyr Zelenskiy"]) == 1 and "a big provocation" in said["Volodymyr Zelenskiy"][0]
    assert len(said["Dmitry Peskov"]) == 1 and "very, very dangerous" in said["Dmitry Peskov"][0]
    assert [s[:30] for s in said["Josep Borrell"]] == [
        "And in Brussels, high EU diplo",
        "“We’ve noticed a lot of disinf",  # a paragraph that never names him
    ]


def test_sample_corpus_continuations_roles_and_pronouns() -> None:
    said = _by_speaker(EXAMPLES / "01-halden-bridge-closed.md")
    assert said["Lena Marwick"][-1] == '"Nobody should mistake patience for weakness."'  # quote-only sentence
    assert any(s.startswith("He said the boats") for s in said["Pavel Ostrik"])
    said = _by_speaker(EXAMPLES / "08-what-comes-next.md")
    assert any(s.startswith("The ambassador insisted") for s in said["Ruben Castellane"])  # role -> person


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"We are ready," said Dmitry Peskov.', "Dmitry Peskov"),
        ("“We are ready,” Peskov told reporters.", "Peskov"),
        ("According to NATO, the troops have not left.", "NATO"),
        (
            "The Drovnian Defence Ministry said in a statement that the ferry ignored warnings.",
            "Drovnian Defence Ministry",
        ),
        ("Jonas Ekberg, the mayor of the islands, said the convoy brought hope.", "Jonas Ekberg"),
        (
            "Drovnia's ambassador, Ruben Castellane, noted that his government asked first.",
            "Ruben Castellane",
        ),
        ("British Prime Minister Boris Johnson referred to the shelling as 'a false flag'.", "Boris Johnson"),
        ("The Northern Accord on Wednesday urged both sides to step back.", "Northern Accord"),
        ("But Fowler said the party was united.", "Fowler"),
    ],
)
def test_sentence_forms(sentence: str, speaker: str) -> None:
    found = extract_statements("d", sentence, Span(0, len(sentence)))
    assert [s.speaker for s in found] == [speaker]
