"""Questions are understood by kind, and follow-ups resolve against the conversation."""

from __future__ import annotations

import pytest

from assistant.models import Answer
from assistant.questions import parse, resolve


@pytest.mark.parametrize(
    ("question", "kind", "who", "topic"),
    [
        ("What did Peskov say?", "speaker", "Peskov", None),
        ("what did NATO say about Romania?", "speaker", "NATO", "Romania"),
        ("What has Jens Stoltenberg said on Ukraine", "speaker", "Jens Stoltenberg", "Ukraine"),
        ("Borrell's comments on disinformation?", "speaker", "Borrell", "disinformation"),
        ("Did Marwick mention the bridge?", "speaker", "Marwick", "the bridge"),
        ("Quotes from the Kremlin", "speaker", "the Kremlin", None),
        ("Who called the shelling a false flag?", "who", None, "the shelling a false flag"),
        ("who warned about disinformation?", "who", None, "about disinformation"),
        ("Who is quoted?", "speakers", None, None),
        ("How many troops are near Ukraine?", "number", None, "troops are near Ukraine"),
    ],
)
def test_parse(question: str, kind: str, who: str | None, topic: str | None) -> None:
    intent = parse(question)
    assert (intent.kind, intent.who, intent.topic) == (kind, who, topic)


def test_follow_ups_carry_speaker_and_topic() -> None:
    first = Answer(
        text="",
        question="What did Stoltenberg say?",
        resolved_question="What did Stoltenberg say?",
        kind="speaker",
        speaker="Jens Stoltenberg",
    )
    again = resolve("what else did he say?", [first])
    assert (again.kind, again.who, again.exclude_previous) == ("speaker", "Jens Stoltenberg", True)
    assert again.resolved == "What else did Jens Stoltenberg say?"
    topic = resolve("did he mention Romania?", [first])
    assert (topic.who, topic.topic, topic.resolved) == (
        "Jens Stoltenberg",
        "Romania",
        "What did Jens Stoltenberg say about Romania?",
    )
    other = resolve("and Borrell?", [("What did Stoltenberg say about Romania?", "…")])
    assert (other.kind, other.who, other.topic) == ("speaker", "Borrell", "Romania")
    chat = resolve(
        "what else did she say?",
        [{"role": "user", "content": "What did Lena Marwick say?"}, {"role": "assistant", "content": "…"}],
    )
    assert chat.who == "Lena Marwick"
