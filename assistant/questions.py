"""Question understanding: what kind of question, about whom, on what, and follow-ups.

Kinds:

* ``speaker`` — "What did X say (about Y)?", "What has X said", "X's comments on Y",
  "Did X mention Y?", "Quotes from X";
* ``who`` — "Who said / called / warned … ?";
* ``speakers`` — "Who is quoted?";
* ``compare`` — "How did X and Y differ on Z?", "X vs Y on Z" (``who`` and ``other``);
* ``number`` — "How many …?", "How much …?";
* ``overview`` — "What is this about?", "Summarize …", "What are the main stories …?";
* ``cite`` — "When did he say that?", "Which article was that in?" (after an answer);
* ``date`` — a question naming a day or month (``dates`` in :mod:`assistant.periods`);
* ``search`` — anything else.

Follow-ups resolve against the previous turn: "what else did he say?" keeps the
speaker, "did she mention Romania?" keeps the speaker and sets the topic,
"and Borrell?" keeps the kind and topic with a new speaker. The resolved
question is written out in full so the user can see how it was understood.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ingest.lexicon import PERSONAL_PRONOUNS, QUESTION_CUES

_SAY = f"(?:{'|'.join(QUESTION_CUES)})"
_PRONOUN = f"(?:{'|'.join(PERSONAL_PRONOUNS)})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "overview",
        re.compile(
            r"^(?:(?:what|who)(?:'s| is| are| was| were) (?:quoted (?:the )?most|the main (?:stories|story|topics?|news)|(?:this|the|these) (?:.+ )?(?:material|briefing|articles?|stories|story|coverage|news) about)|summari[sz]e|sum up|give me (?:an|a) (?:overview|summary|digest)|(?:an |a )?(?:overview|summary|digest))\b(?P<topic>.*)$"
        ),
    ),
    (
        "speaker",
        re.compile(
            r"^how (?:did|does|do) (?P<who>(?!\S+ and )\S+(?: \S+)?) (?:compare|describe|see|view|rate|judge|characteri[sz]e) (?P<topic>.+)$"
        ),
    ),
    (
        "speakers",
        re.compile(
            r"^who(?:'s| is| are| was| were| has been| gets| got)? (?:being )?(?:quoted|speaking|cited)\b.*$"
        ),
    ),
    (
        "speaker",
        re.compile(
            rf"^(?:so )?what (?P<else>else )?(?:exactly )?(?:did|does|do|has|have|had|is|was) (?P<who>.+?) (?:also )?{_SAY}(?: (?:about|on|regarding|concerning|of|re|in) (?P<topic>.+))?$"
        ),
    ),
    (
        "speaker",
        re.compile(
            r"^(?:did|has|does|have) (?P<who>.+?) (?:ever |also )?(?:mention|mentioned|say anything about|said anything about|talk about|talked about|comment on|commented on|speak about|discuss|refer to|address)(?P<topic> .+)$"
        ),
    ),
    (
        "speaker",
        re.compile(
            r"^(?:what (?:are|were) )?(?P<who>.+?)['’]s? (?:comments?|remarks?|statements?|words|views?|position|quotes?)(?: (?:on|about|regarding) (?P<topic>.+))?$"
        ),
    ),
    (
        "speaker",
        re.compile(
            r"^(?:show |list |give me )?(?:all )?(?:the )?(?:quotes?|statements?|comments?) (?:from|by|of) (?P<who>.+?)(?: (?:on|about|regarding) (?P<topic>.+))?$"
        ),
    ),
    (
        "cite",
        re.compile(
            r"^(?:and |so )?(?:when|where|which (?:article|story|piece|source|paper|outlet)|what (?:article|story|source|date|day))\b.*\b(?:that|this|it|these|those)(?: in| from)?$"
        ),
    ),
    (
        "compare",
        re.compile(
            r"^(?:how (?:did|do|does) |compare (?:what )?|contrast )?(?P<who>[\w .’'-]+?) (?:and|with|vs\.?|versus) (?P<other>[\w .’'-]+?)(?: (?:said|say))?(?: (?:differ|disagree|compare|describe|see|view|say|said))?(?: (?:on|about|over|regarding) (?P<topic>.+)| (?P<object>the .+))?$"
        ),
    ),
    ("number", re.compile(r"^how (?:many|much|big|large|long|far|close|high|low|old)\b(?P<topic>.*)$")),
    ("who", re.compile(r"^who (?P<verb>\w+(?: to| out)?)(?P<topic> .+)$")),
    (
        "again",
        re.compile(r"^(?:and what about|and how about|what about|how about|and|same for|now) (?P<who>.+?)$"),
    ),
]


# Words before "and" that show "X and Y …" is not two people compared.
_NOT_PEOPLE = frozenset(["what", "who", "why", "how", "where", "when", "which", "and", "so"])


@dataclass(slots=True)
class Intent:
    """What a question asks for."""

    kind: str = "search"
    who: str | None = None
    other: str | None = None
    topic: str | None = None
    verb: str | None = None
    exclude_previous: bool = False
    resolved: str = ""
    again: bool = False  # "and X?" / "what about X?": X may be a speaker or a new topic


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().rstrip("?!. ")).strip()


def previous_turn(history: Sequence[Any]) -> tuple[str | None, Intent | None]:
    """The last question and its intent, from any supported history form."""
    for item in reversed(list(history)):
        if hasattr(item, "resolved_question"):
            if getattr(item, "speaker", None) and item.kind in ("speaker", "who"):
                return item.resolved_question, Intent(kind="speaker", who=item.speaker, topic=item.topic)
            return item.resolved_question or item.question, None
        if isinstance(item, dict) and item.get("role") == "user":
            return str(item.get("content") or ""), None
        if isinstance(item, (tuple, list)) and item:
            return str(item[0]), None
        if isinstance(item, str):
            return item, None
    return None, None


def parse(question: str) -> Intent:
    """The intent of a stand-alone question."""
    q = _clean(question)
    low = q.lower()
    for kind, pattern in _PATTERNS:
        m = pattern.match(low)
        if not m:
            continue
        groups = m.groupdict()
        who = _span_of(q, m, "who")
        topic = _span_of(q, m, "topic") or _span_of(q, m, "object")
        if kind == "who" and groups.get("verb") in (
            "is",
            "are",
            "was",
            "were",
            "has",
            "have",
            "did",
            "does",
            "do",
        ):
            continue
        if kind == "overview":
            topic = q  # the composer drops the cue words
        if kind == "compare" and (not who or len(who.split()) > 4 or who.lower() in _NOT_PEOPLE):
            continue
        return Intent(
            kind=kind,
            who=who,
            other=_span_of(q, m, "other"),
            topic=topic.strip() if topic else None,
            verb=groups.get("verb"),
            exclude_previous=bool(groups.get("else")),
            resolved=q + "?",
        )
    return Intent(kind="search", resolved=question.strip())


def _span_of(original: str, m: re.Match[str], group: str) -> str | None:
    """The group's text with the question's original capitalisation."""
    if m.groupdict().get(group) is None:
        return None
    return original[m.start(group) : m.end(group)].strip()


def resolve(question: str, history: Sequence[Any]) -> Intent:
    """The intent of ``question`` in the light of the conversation so far."""
    intent = parse(question)
    last_q, last = previous_turn(history)
    if last_q and last is None:
        last = parse(last_q)
    pronoun = intent.who is not None and re.fullmatch(_PRONOUN, intent.who.lower()) is not None
    if intent.topic and re.fullmatch(_PRONOUN, intent.topic.lower()):
        intent.topic = None  # "what did he say about her?": the person is not a topic
    if intent.kind == "again":
        if last is not None and last.kind == "speaker":
            intent = Intent(kind="speaker", who=intent.who, topic=last.topic, again=True, other=last.who)
        else:
            return Intent(kind="search", resolved=question.strip())
    elif pronoun:
        if last is not None and last.who and last.kind == "speaker":
            intent.who = last.who
        elif last is not None and last.kind == "who" and last.who:
            intent.who = last.who  # the speaker the previous answer named
    if intent.kind == "speaker" and intent.who:
        intent.resolved = (
            f"What did {intent.who} say" + (f" about {intent.topic}" if intent.topic else "") + "?"
        )
        if intent.exclude_previous:
            intent.resolved = intent.resolved.replace("What did", "What else did")
    return intent
