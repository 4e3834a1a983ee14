"""Sentence and paragraph splitting keep exact offsets and never cut inside a sentence."""

from __future__ import annotations

import pytest

from ingest.text import paragraphs, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Mr. Smith said: "We are ready." He left.', ['Mr. Smith said: "We are ready."', "He left."]),
        (
            "It was Sept. 11 in the U.S. capital. Then rain.",
            ["It was Sept. 11 in the U.S. capital.", "Then rain."],
        ),
        ("John F. Kennedy spoke. Crowds cheered!", ["John F. Kennedy spoke.", "Crowds cheered!"]),
        (
            "“We are concerned,” Stoltenberg said. “No clarity,” he added.",
            ["“We are concerned,” Stoltenberg said.", "“No clarity,” he added."],
        ),
        ("Is it over? “No.” She left.", ["Is it over?", "“No.”", "She left."]),
        ("Prices rose 3.5 per cent. Good.", ["Prices rose 3.5 per cent.", "Good."]),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    spans = sentences(text)
    assert [s.of(text) for s in spans] == expected


def test_paragraph_breaks_end_sentences_and_offsets_are_exact() -> None:
    text = "  First para without stop\n\n Second one. Two sentences.\r\n\r\nThird"
    paras = paragraphs(text)
    assert [p.of(text) for p in paras] == ["First para without stop", "Second one. Two sentences.", "Third"]
    sents = sentences(text)
    assert [s.of(text) for s in sents] == [
        "First para without stop",
        "Second one.",
        "Two sentences.",
        "Third",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.of(text)
